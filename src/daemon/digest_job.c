/*
 * The digest job (see digest_job.h): store + config → Digest → email.  The
 * only place the digest touches the store and the email notifier; the
 * renderers stay pure and the command line and the daemon stay thin.
 */
#include "daemon/digest_job.h"

#include <string.h>

#include <glib.h>

#include "daemon/notifier_setup.h"
#include "model/source_outage.h"
#include "model/source_state.h"
#include "notify/email.h"
#include "notify/notifier.h"
#include "store/store_digest.h"
#include "util/error.h"
#include "util/timeparse.h"

struct DigestJob {
	const Config *config; /* borrowed */
	GPtrArray *incidents;  /* Incident *, owned */
	GPtrArray *advisories; /* Advisory *, owned */
	GArray *sources;       /* DigestWatched, names borrowed from config */
	GPtrArray *states;     /* SourceState *, owned */
	GPtrArray *outages;    /* SourceOutage *, owned */
	Digest *digest;        /* owned; borrows the arrays above */
};

void
digest_job_period(const Config *config, gint64 now, gint64 *ret_since, gint64 *ret_until)
{
	gint64 minutes = config_get_int(config, "digest", "time");
	g_autoptr(GDateTime) local = g_date_time_new_from_unix_local(now);
	g_autoptr(GDateTime) today = g_date_time_new_local(
		g_date_time_get_year(local), g_date_time_get_month(local),
		g_date_time_get_day_of_month(local), (int)(minutes / 60), (int)(minutes % 60), 0);
	g_autoptr(GDateTime) until = g_date_time_to_unix(today) <= now
					     ? g_date_time_ref(today)
					     : g_date_time_add_days(today, -1);
	/* The same local time a day earlier: 23 or 25 hours across a DST change. */
	g_autoptr(GDateTime) since = g_date_time_add_days(until, -1);

	*ret_since = g_date_time_to_unix(since);
	*ret_until = g_date_time_to_unix(until);
}

void
digest_job_free(DigestJob *job)
{
	if (job == NULL) {
		return;
	}
	digest_free(job->digest);
	g_clear_pointer(&job->incidents, g_ptr_array_unref);
	g_clear_pointer(&job->advisories, g_ptr_array_unref);
	g_clear_pointer(&job->sources, g_array_unref);
	g_clear_pointer(&job->states, g_ptr_array_unref);
	g_clear_pointer(&job->outages, g_ptr_array_unref);
	g_free(job);
}

DigestJob *
digest_job_new(const Config *config, Store *store, gint64 since, gint64 until, gint64 now,
	       GError **error)
{
	g_return_val_if_fail(config != NULL && store != NULL && since < until, NULL);

	g_autoptr(DigestJob) job = g_new0(DigestJob, 1);
	job->config = config;
	job->incidents = store_load_incidents(store, true, now, error);
	if (job->incidents == NULL) {
		return NULL;
	}
	job->advisories = store_load_advisories(store, since, error);
	if (job->advisories == NULL) {
		return NULL;
	}
	job->states = store_list_source_states(store, error);
	if (job->states == NULL) {
		return NULL;
	}
	job->outages = store_source_outages(store, since, until, error);
	if (job->outages == NULL) {
		return NULL;
	}
	job->sources = g_array_new(FALSE, FALSE, sizeof(DigestWatched));
	for (guint i = 0; i < config->sources->len; i++) {
		const SourceConfig *s = config->sources->pdata[i];
		if (s->enabled) {
			DigestWatched w = {.name = s->name, .stale_after = s->stale_after};
			g_array_append_val(job->sources, w);
		}
	}
	DigestInput in = {
		.since = since,
		.until = until,
		.now = now,
		.incidents = job->incidents,
		.advisories = job->advisories,
		.sources = job->sources,
		.states = job->states,
		.outages = job->outages,
	};
	job->digest = digest_build(&in);
	return g_steal_pointer(&job);
}

const Digest *
digest_job_digest(const DigestJob *job)
{
	return job->digest;
}

bool
digest_job_is_empty(const DigestJob *job)
{
	const Digest *d = job->digest;

	return d->items->len == 0 && d->unreachable->len == 0 && d->maintenance->len == 0;
}

const char *
digest_job_recipients(const DigestJob *job, const char *to_override)
{
	if (to_override != NULL) {
		return to_override;
	}
	return config_get_string(job->config, "digest", "to");
}

static const NotifierConfig *
digest_notifier(const Config *config, GError **error)
{
	const char *name = config_get_string(config, "digest", "notifier");

	if (name == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "[digest] 'notifier' is not set: name a [notify:NAME] group of type "
			    "email to send the digest with");
		return NULL;
	}
	const NotifierConfig *n = config_find_notifier(config, name);
	if (n == NULL || g_strcmp0(n->type, "email") != 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "[digest] 'notifier' must name a [notify:NAME] group of type email, "
			    "got '%s'",
			    name);
		return NULL;
	}
	return n;
}



/* A stable reference to the period in the message, so a reader (or a filter) can tell
 * two digests apart and see that a resend is the same one. */
static char *
period_header(const Digest *d)
{
	g_autofree char *a = time_format_rfc3339(d->since);
	g_autofree char *b = time_format_rfc3339(d->until);
	return g_strdup_printf("X-Statuswatch-Digest: %s/%s", a, b);
}

typedef struct {
	char *subject;
	char *text;
	char *html;
	char *period_header;   /* "X-Statuswatch-Digest: since/until" */
	const char *headers[2]; /* period_header, NULL */
	EmailDocument doc;      /* points into the fields above */
} Rendered;

static void
rendered_clear(Rendered *r)
{
	g_free(r->subject);
	g_free(r->text);
	g_free(r->html);
	g_free(r->period_header);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Rendered, rendered_clear)

/* Renders the digest into @r and points r->doc at it: the one document both the dry run
 * and the real send use. */
static void
render(const DigestJob *job, const char *to_override, Rendered *r)
{
	r->subject = digest_subject(job->digest);
	r->text = digest_render_text(job->digest);
	r->html = digest_render_html(job->digest);
	r->period_header = period_header(job->digest);
	r->headers[0] = r->period_header;
	r->headers[1] = NULL;
	r->doc = (EmailDocument){
		.subject = r->subject,
		.text = r->text,
		.html = r->html,
		.to = digest_job_recipients(job, to_override),
		.headers = r->headers,
	};
}

char *
digest_job_message(const DigestJob *job, const char *to_override, GError **error)
{
	const NotifierConfig *n = digest_notifier(job->config, error);
	if (n == NULL) {
		g_prefix_error(error, "the message needs a sender: ");
		return NULL;
	}
	g_auto(Rendered) r = {0};
	render(job, to_override, &r);
	const char *to = r.doc.to != NULL ? r.doc.to : config_notifier_get(n, "to");
	return email_build_document(&r.doc, config_notifier_get(n, "from"), to,
				    job->digest->now, error);
}

bool
digest_job_send(DigestJob *job, Store *store, const char *to_override, gint64 now,
		DigestJobOutcome *ret_outcome, char **ret_detail, GError **error)
{
	g_return_val_if_fail(job != NULL && store != NULL && ret_outcome != NULL, false);

	const Digest *d = job->digest;
	const NotifierConfig *nc = digest_notifier(job->config, error);
	if (nc == NULL) {
		return false;
	}
	if (digest_job_is_empty(job) && !config_get_bool(job->config, "digest", "send_empty")) {
		*ret_outcome = DIGEST_JOB_SKIPPED_EMPTY;
		if (ret_detail != NULL) {
			*ret_detail = NULL;
		}
		return true;
	}
	g_autoptr(Notifier) notifier = notifier_setup(job->config, nc, error);
	if (notifier == NULL) {
		return false;
	}
	bool claimed = false;
	gint64 sent_at = SW_TIME_NONE;
	if (!store_digest_claim(store, d->since, d->until, now, &claimed, &sent_at, error)) {
		return false;
	}
	if (!claimed) {
		*ret_outcome = DIGEST_JOB_ALREADY_SENT;
		if (ret_detail != NULL) {
			g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(sent_at);
			*ret_detail = sent_at == SW_TIME_NONE
					      ? g_strdup("another sender is sending it now")
					      : g_date_time_format(dt, "%Y-%m-%d %H:%M:%S UTC");
		}
		return true;
	}
	g_auto(Rendered) r = {0};
	render(job, to_override, &r);
	NotifyResult result = {0};
	if (!email_send_document(notifier, &r.doc, &result, error)) {
		notify_result_clear(&result);
		g_autoptr(GError) local = NULL;
		if (!store_digest_release(store, d->since, d->until, now, &local)) {
			/* Logged here (the caller reports only the send's error): otherwise a
			 * period that stays "sending" until its claim goes stale is unexplained. */
			g_autofree char *since = time_format_rfc3339(d->since);
			g_autofree char *until = time_format_rfc3339(d->until);
			g_warning("digest %s/%s: giving the period's claim back after the failed "
				  "send: %s; it stays 'sending' until the claim goes stale",
				  since != NULL ? since : "?", until != NULL ? until : "?",
				  local->message);
		}
		return false;
	}
	bool ok = store_digest_sent(store, d->since, d->until, now, result.answer, error);
	if (ok) {
		*ret_outcome = DIGEST_JOB_SENT;
		if (ret_detail != NULL) {
			*ret_detail = g_steal_pointer(&result.answer);
		}
	}
	notify_result_clear(&result);
	return ok;
}

char *
digest_job_outcome_line(const DigestJob *job, DigestJobOutcome outcome, const char *detail)
{
	const Digest *d = job->digest;
	g_autofree char *a = time_format_rfc3339(d->since);
	g_autofree char *b = time_format_rfc3339(d->until);

	switch (outcome) {
	case DIGEST_JOB_SENT:
		return g_strdup_printf("digest %s/%s sent (%u incidents): %s", a, b, d->items->len,
				       detail != NULL ? detail : "accepted");
	case DIGEST_JOB_ALREADY_SENT:
		return g_strdup_printf("digest %s/%s was already sent (%s); nothing sent", a, b,
				       detail != NULL ? detail : "before");
	case DIGEST_JOB_SKIPPED_EMPTY:
		break;
	}
	return g_strdup_printf("digest %s/%s: no incidents, every source read, and [digest] "
			       "send_empty is false; nothing sent",
			       a, b);
}
