/*
 * The daemon's digest clock (see digest_timer.h).  One GLib timeout to the
 * next [digest] time; when it fires, a GTask thread loads the configuration
 * and a store connection of its own, runs the digest job for the scheduled
 * period and returns a line to log.  Times are the wall clock: this is the
 * daemon, the job itself takes `now` as a parameter and is tested with a fixed
 * one.
 */
#include "daemon/digest_timer.h"

#include <gio/gio.h>

#include "daemon/digest_job.h"
#include "store/store.h"
#include "util/error.h"
#include "util/timeparse.h"

/* After a temporary failure (SMTP 4xx, connection refused) try again this much later;
 * a permanent one waits for the next day. */
#define DIGEST_RETRY_SECONDS (15 * 60)

struct DigestTimer {
	char *config_path; /* owned, may be NULL */
	char *store_file;  /* owned */
	bool enabled;
	gint64 minutes;    /* [digest] time, minutes after local midnight */
	guint timeout;     /* GSource id, 0 when unarmed */
	bool busy;         /* a send is running in a worker */
	bool dying;        /* freed while busy: the worker's callback frees it */
};

typedef struct {
	bool ok;
	bool quiet;     /* nothing happened (already sent): debug level only */
	bool temporary; /* the failure was temporary: retry soon */
	char *line;     /* owned: what to log */
} SendReport;

static void
send_report_free(SendReport *r)
{
	g_free(r->line);
	g_free(r);
}

static void arm(DigestTimer *timer, gint64 delay);

static void
send_in_thread(GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
	const DigestTimer *timer = task_data;
	g_autoptr(GError) error = NULL;
	SendReport *r = g_new0(SendReport, 1);
	gint64 now = g_get_real_time() / G_USEC_PER_SEC;

	(void)source;
	(void)cancellable;
	g_autoptr(Config) config = config_load(timer->config_path, &error);
	g_autoptr(Store) store = config != NULL ? store_open_file(timer->store_file, &error) : NULL;
	gint64 since = 0, until = 0;
	if (store != NULL) {
		digest_job_period(config, now, &since, &until);
	}
	g_autoptr(DigestJob) job =
		store != NULL ? digest_job_new(config, store, since, until, now, &error) : NULL;
	DigestJobOutcome outcome = DIGEST_JOB_SENT;
	g_autofree char *detail = NULL;
	if (job != NULL && digest_job_send(job, store, NULL, now, &outcome, &detail, &error)) {
		r->ok = true;
		r->quiet = outcome == DIGEST_JOB_ALREADY_SENT;
		r->line = digest_job_outcome_line(job, outcome, detail);
	} else {
		r->temporary = error_is_temporary(error);
		r->line = g_strdup_printf("digest: %s%s", error->message,
					  r->temporary ? ", retrying in 15 minutes" : "");
	}
	g_task_return_pointer(task, r, (GDestroyNotify)send_report_free);
}

static void
send_done(GObject *source, GAsyncResult *result, gpointer user_data)
{
	DigestTimer *timer = user_data;
	SendReport *r = g_task_propagate_pointer(G_TASK(result), NULL);

	(void)source;
	timer->busy = false;
	if (timer->dying) {
		send_report_free(r);
		digest_timer_free(timer);
		return;
	}
	if (r->quiet) {
		g_debug("%s", r->line);
	} else if (r->ok) {
		g_message("%s", r->line);
	} else {
		g_warning("%s", r->line);
	}
	if (!r->ok && r->temporary) {
		arm(timer, DIGEST_RETRY_SECONDS);
	} else {
		arm(timer, -1);
	}
	send_report_free(r);
}

static gboolean
on_timeout(gpointer user_data)
{
	DigestTimer *timer = user_data;

	timer->timeout = 0;
	if (timer->busy) {
		return G_SOURCE_REMOVE;
	}
	timer->busy = true;
	g_autoptr(GTask) task = g_task_new(NULL, NULL, send_done, timer);
	g_task_set_task_data(task, timer, NULL);
	g_task_run_in_thread(task, send_in_thread);
	return G_SOURCE_REMOVE;
}

gint64
digest_timer_seconds_to_next(gint64 minutes_after_midnight, gint64 now_unix)
{
	g_autoptr(GDateTime) now = g_date_time_new_from_unix_local(now_unix);
	g_autoptr(GDateTime) today = g_date_time_new_local(
		g_date_time_get_year(now), g_date_time_get_month(now),
		g_date_time_get_day_of_month(now), (int)(minutes_after_midnight / 60),
		(int)(minutes_after_midnight % 60), 0);
	g_autoptr(GDateTime) next = g_date_time_compare(today, now) > 0
					    ? g_date_time_ref(today)
					    : g_date_time_add_days(today, 1);
	/* A few seconds late, never early: the period must have ended when the job asks. */
	return g_date_time_to_unix(next) - g_date_time_to_unix(now) + 2;
}

static void
arm(DigestTimer *timer, gint64 delay)
{
	if (timer->timeout != 0) {
		g_source_remove(timer->timeout);
		timer->timeout = 0;
	}
	if (!timer->enabled) {
		return;
	}
	if (delay < 0) {
		delay = digest_timer_seconds_to_next(timer->minutes,
						     g_get_real_time() / G_USEC_PER_SEC);
	}
	timer->timeout = g_timeout_add_seconds((guint)MIN(delay, G_MAXUINT32 - 1), on_timeout,
					       timer);
}

DigestTimer *
digest_timer_new(const char *config_path, const char *store_file)
{
	DigestTimer *timer = g_new0(DigestTimer, 1);

	timer->config_path = g_strdup(config_path);
	timer->store_file = g_strdup(store_file);
	return timer;
}

void
digest_timer_configure(DigestTimer *timer, const Config *config)
{
	g_return_if_fail(timer != NULL && config != NULL);

	timer->enabled = config_get_bool(config, "digest", "enabled");
	timer->minutes = config_get_int(config, "digest", "time");
	/* Catch up at once (a period the daemon was down for, or one a reload enabled); the
	 * store's claim makes a repeat harmless. */
	arm(timer, 0);
}

void
digest_timer_free(DigestTimer *timer)
{
	if (timer == NULL) {
		return;
	}
	if (timer->timeout != 0) {
		g_source_remove(timer->timeout);
		timer->timeout = 0;
	}
	if (timer->busy) {
		timer->dying = true;
		return;
	}
	g_free(timer->config_path);
	g_free(timer->store_file);
	g_free(timer);
}
