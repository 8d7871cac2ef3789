/*
 * The daemon (see daemon.h): one thread, one GLib main loop.  Every source has
 * a next-poll time (poller.c decides it); one timer wakes the loop when the
 * earliest is due, so an idle daemon sleeps until then.  A due feed source is
 * fetched through the Fetcher, which is attached to the same loop, and its
 * bytes go straight into the source's push parser as they arrive; an m365
 * source runs its Graph client.  What a source reported is stored at once
 * (pipeline_store_source()); changes are collected and relinked in one batch
 * a moment later (pipeline_relink()), and the resulting events are logged.
 *
 * Why one GLib main loop on one thread: the work is waiting on sockets and
 * timers, not computing, so threads would only add locks.  GLib is already a
 * dependency; its loop gives timers with coalesced wakeups
 * (g_timeout_add_seconds), signals as ordinary events (g_unix_signal_add, so
 * a SIGTERM never interrupts a database write), and curl's multi socket
 * interface plugs into it (fetcher_attach()).  The m365 client needs the same
 * loop for its Retry-After timers.
 *
 * It must never let one source hurt the others: a failing source is one
 * warning line and a backoff, its stored advisories stay as they were, and a
 * database error while storing it counts as that source's failure.
 *
 * Data comes from the config, the store (source states, advisories) and the
 * network; it goes to the store and, as one log line per event, to stderr.
 */
#include "daemon/daemon.h"

#include <signal.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include <glib-unix.h>
#include <glib.h>

#include "daemon/alerting.h"
#include "daemon/desktop_session.h"
#include "daemon/digest_timer.h"
#include "daemon/sdnotify.h"
#include "http/fetch.h"
#include "model/events.h"
#include "model/source_state.h"
#include "pipeline/pipeline.h"
#include "poll/m365.h"
#include "poll/poller.h"
#include "sources/source.h"
#include "util/error.h"
#include "util/secret.h"
#include "util/url.h"

/* Changes are relinked once no fetch is running, or at the latest this long after the
 * first of them, so a slow source cannot hold back an alert from a fast one. */
#define RELINK_MAX_WAIT 10
/* Seconds between the end of one relink and the start of the next.  A relink reads every
 * advisory in the window (~1 s for 20,000); with 2,000 sources changing at random times,
 * relinking after each would keep a CPU busy.  Alerts wait at most this long. */
#define RELINK_MIN_GAP 5
/* Seconds the relink at stop may take: systemd waits 10 s after SIGTERM (TimeoutStopSec's
 * default) before SIGKILL.  What is not linked by then is stored; the next relink (any
 * change, or the one at start when notifiers are set) links the whole window again. */
#define RELINK_STOP_BUDGET 3
/* Seconds a send in flight (an alert, the digest) may go on after SIGTERM before it is
 * aborted: most finish in well under a second, and one that finishes is not sent twice;
 * a stalled SMTP or webhook server would otherwise hold the stop for up to the channel's
 * timeout (60 s for SMTP), past the 10 s before systemd's SIGKILL.  Runs alongside the
 * relink at stop; an aborted transfer ends within about a second more. */
#define STOP_SEND_GRACE 3
/* Seconds between two prunings of old alerts ([store] alert_retention): daily is enough
 * for a retention counted in days, and costs one indexed DELETE per table. */
#define PRUNE_EVERY (24 * 3600)
/* Parse warnings logged per poll of one source; the rest are counted in one line. */
#define MAX_WARNINGS_LOGGED 3

typedef struct {
	Daemon *daemon;
	char *name;                /* owned */
	const SourceConfig *cfg;   /* borrowed from daemon->config; NULL once retired */
	char *url;                 /* resolved URL (may hold a token), owned; NULL for m365 */
	char *base_url;            /* @url without user info, query and fragment, owned: what
				    * relative links resolve against, so no token reaches a link */
	SourceFormat expect;
	SourceState *state;        /* owned */
	M365Client *m365;          /* owned, m365 sources only */
	SourceParser *parser;      /* owned while a feed transfer runs */
	bool in_flight;
	bool retired;              /* removed by a reload while its transfer ran */
	bool state_dirty;          /* state changed since it was last written */
	gint64 started;            /* when the running poll started */
} SourceRun;

struct Daemon {
	Config *config;            /* owned */
	char *config_path;         /* owned, may be NULL (search order) */
	Store *store;              /* owned */
	Alerting *alerting;        /* owned: policies, notifiers, dispatcher */
	Fetcher *fetcher;          /* owned */
	GMainLoop *loop;           /* owned */
	DesktopSession *desktop;   /* owned, NULL without a tray icon (run only) */
	GRand *rand;               /* owned; jitter */
	GPtrArray *runs;           /* SourceRun *, owned, config order */
	GPtrArray *retired;        /* SourceRun *, owned: removed but their transfer still runs */
	GPtrArray *changes;        /* PipelineChange *, owned: stored, not yet relinked */
	gint64 changes_since;      /* when the oldest pending change was stored */
	gint64 last_relink;        /* monotonic µs when the last relink ended, 0 = never */
	gint64 decisions_seen;     /* the highest decision seq taken into d->changes or linked */
	LinkerOptions linker;
	guint timer;               /* the schedule timer, 0 when none */
	guint relink_timer;
	guint flush_idle;
	guint prune_timer;         /* daily pruning of old alerts, `run` only; 0 when none */
	guint signals[3];
	bool once;                 /* poll: one cycle, then quit */
	char **only;               /* poll SOURCE...: the sources named, owned; NULL = all */
	guint outstanding;         /* once: polls not yet done */
	guint failed;              /* polls that failed */
	DigestTimer *digest;       /* owned, `run` only: sends [digest] at its time */
	GCancellable *stop;        /* owned: cancelled STOP_SEND_GRACE after a stop signal;
				    * aborts the sends still in flight */
	guint stop_timer;          /* the grace timer, 0 when none */
};

static gint64
now_s(void)
{
	return g_get_real_time() / G_USEC_PER_SEC;
}

static void
run_free(SourceRun *run)
{
	if (run == NULL) {
		return;
	}
	/* First: freeing the client abandons its poll, so its callback never sees this run. */
	m365_client_free(run->m365);
	source_parser_free(run->parser);
	source_state_free(run->state);
	g_free(run->name);
	g_free(run->base_url);
	secret_free(run->url); /* it may carry a token */
	g_free(run);
}

/* ---- events ---- */

static void
emit_events(GPtrArray *events)
{
	for (guint i = 0; i < events->len; i++) {
		g_autofree char *line = event_describe(events->pdata[i]);
		g_message("%s", line);
	}
}

static void
emit_one(Event *event)
{
	g_autofree char *line = event_describe(event);
	g_message("%s", line);
	event_free(event);
}

/* ---- state writes ---- */

/* Writes every dirty source state in one transaction: after a poll where 2,000
 * sources answer 304 that is one commit, not 2,000. */
static bool
flush_states(Daemon *d)
{
	g_autoptr(GError) error = NULL;
	bool any = false;

	for (guint i = 0; i < d->runs->len && !any; i++) {
		any = ((SourceRun *)d->runs->pdata[i])->state_dirty;
	}
	if (!any) {
		return true;
	}
	if (!store_begin(d->store, &error)) {
		g_warning("saving source states: %s", error->message);
		return false;
	}
	for (guint i = 0; i < d->runs->len; i++) {
		SourceRun *run = d->runs->pdata[i];
		if (!run->state_dirty) {
			continue;
		}
		if (!store_put_source_state(d->store, run->state, &error)) {
			g_warning("saving source states: %s", error->message);
			store_rollback(d->store);
			return false;
		}
	}
	if (!store_commit(d->store, &error)) {
		g_warning("saving source states: %s", error->message);
		store_rollback(d->store);
		return false;
	}
	for (guint i = 0; i < d->runs->len; i++) {
		((SourceRun *)d->runs->pdata[i])->state_dirty = false;
	}
	return true;
}

static gboolean
on_flush_idle(gpointer user_data)
{
	Daemon *d = user_data;

	d->flush_idle = 0;
	if (!flush_states(d) && !d->once) {
		/* The store was busy: try again soon rather than wait for the next poll. */
		d->flush_idle = g_timeout_add_seconds(RELINK_MIN_GAP, on_flush_idle, d);
	}
	return G_SOURCE_REMOVE;
}

static void
mark_dirty(Daemon *d, SourceRun *run)
{
	run->state_dirty = true;
	if (d->flush_idle == 0) {
		/* Low priority: completions that are ready now are handled first and share
		 * the one commit. */
		d->flush_idle = g_idle_add_full(G_PRIORITY_LOW, on_flush_idle, d, NULL);
	}
}

/* ---- relink ---- */

/*
 * A relink loads every advisory in the window and the linker's tables, then
 * frees them; glibc keeps the freed heap, so a daemon that relinked 20,000
 * advisories once would sit on ~50 MiB it no longer uses.  malloc_trim()
 * hands it back (measured in tests/bench/README.md, "Daemon").
 */
static void
give_back_memory(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

static gboolean on_relink_timer(gpointer user_data);

/* Every relink links off the main thread, and a SIGTERM or SIGINT stops it (see
 * PipelineLimits): a hostile feed can make linking take minutes.  True when the policy
 * pass ran with it (so no other pass is needed now). */
static bool
relink_now(Daemon *d, gint64 budget_us)
{
	const PipelineLimits limits = {.signals = true, .budget_us = budget_us};
	g_autoptr(GError) error = NULL;
	g_auto(AlertingCycle) cycle = {0};
	gint64 now = now_s();

	if (d->changes->len == 0) {
		return false;
	}
	const AlertingRelink relink = {
		.opts = &d->linker,
		.since = pipeline_since(d->changes, &d->linker, now),
		.changes = d->changes,
		.limits = &limits,
	};
	/* Said before, not only after: a relink of a hostile flood can take minutes, and the
	 * main loop (fetches, storing) waits for it; -v shows why. */
	g_info("linking %u changed advisories", d->changes->len);
	gint64 t0 = g_get_monotonic_time();
	/* One transaction for the relink and the alerts it makes due: after a crash either
	 * both happened or neither (then the changes are relinked again on the next poll). */
	bool ok = alerting_relink(d->alerting, &relink, now, &cycle, &error);
	d->last_relink = g_get_monotonic_time();
	if (!ok) {
		/* Keep the changes and try again soon (not only when another source changes). */
		if (g_error_matches(error, SW_ERROR, SW_ERROR_LIMIT)) {
			g_message("linking incidents: %s; %u changed advisories wait", error->message,
				  d->changes->len);
		} else {
			g_warning("linking incidents: %s, will retry", error->message);
		}
		if (!d->once && d->relink_timer == 0) {
			d->relink_timer = g_timeout_add_seconds(RELINK_MIN_GAP, on_relink_timer, d);
		}
		return false;
	}
	g_info("linked %u changed advisories: %u incidents, %u events, %.2f s", d->changes->len,
	       cycle.linked->len, cycle.events->len,
	       (double)(d->last_relink - t0) / G_USEC_PER_SEC);
	g_ptr_array_set_size(d->changes, 0);
	emit_events(cycle.events);
	desktop_session_update(d->desktop, cycle.linked, now);
	if (!d->once) {
		alerting_kick(d->alerting);
	}
	bool passed = cycle.passed;
	alerting_cycle_clear(&cycle);
	give_back_memory();
	return passed;
}

static bool
relink_at_start(Daemon *d)
{
	g_autoptr(GError) error = NULL;
	g_auto(AlertingCycle) cycle = {0};
	gint64 now = now_s();

	if (alerting_notifier_count(d->alerting) == 0) {
		return false;
	}
	const PipelineLimits limits = {.signals = true};
	const AlertingRelink relink = {
		.opts = &d->linker,
		.since = now - PIPELINE_WINDOW,
		.limits = &limits,
	};
	bool ok = alerting_relink(d->alerting, &relink, now, &cycle, &error);
	if (!ok) {
		g_warning("linking incidents at start: %s", error->message);
	}
	alerting_cycle_clear(&cycle);
	give_back_memory();
	return ok;
}

static gboolean
on_relink_timer(gpointer user_data)
{
	Daemon *d = user_data;

	if (d->last_relink != 0 &&
	    g_get_monotonic_time() - d->last_relink < RELINK_MIN_GAP * G_USEC_PER_SEC) {
		return G_SOURCE_CONTINUE;
	}
	if (fetcher_pending(d->fetcher) > 0 && now_s() - d->changes_since < RELINK_MAX_WAIT) {
		return G_SOURCE_CONTINUE;
	}
	d->relink_timer = 0;
	relink_now(d, 0);
	return G_SOURCE_REMOVE;
}

static void
add_changes(Daemon *d, GPtrArray *changes)
{
	if (changes == NULL || changes->len == 0) {
		return;
	}
	if (d->changes->len == 0) {
		d->changes_since = now_s();
	}
	pipeline_changes_merge(d->changes, changes);
	if (!d->once && d->relink_timer == 0) {
		d->relink_timer = g_timeout_add_seconds(1, on_relink_timer, d);
	}
}

/* ---- people's decisions ---- */

/*
 * `merge` and `split` record a decision and, while this daemon holds the state directory,
 * send SIGHUP instead of relinking themselves (two relinks at once could store a stale
 * linking or alert twice).  The advisories named by decisions newer than @decisions_seen
 * become changes, so the next relink (within a second) applies the decisions and the
 * alerting policy reports what they did to the incidents, as for any change.
 * With @baseline (at start, before the relink at start) nothing is queued: the mark only
 * moves to the newest decision, which that relink and every later one apply anyway (each
 * relink reads them all); one recorded after it is queued again at its SIGHUP, harmlessly.
 */
static void
take_new_decisions(Daemon *d, bool baseline)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) decisions =
		store_list_decisions_after(d->store, d->decisions_seen, &error);

	if (decisions == NULL) {
		g_warning("reading decisions made by hand: %s, skipping", error->message);
		return;
	}
	g_autoptr(GPtrArray) changes = pipeline_changes_new();
	gint64 seen = d->decisions_seen;
	for (guint i = 0; i < decisions->len; i++) {
		const StoreDecision *dec = decisions->pdata[i];
		seen = MAX(seen, dec->seq);
		if (baseline) {
			continue;
		}
		const char *keys[] = {dec->a, dec->b};
		for (guint k = 0; k < G_N_ELEMENTS(keys) && keys[k] != NULL; k++) {
			g_autoptr(GError) local = NULL;
			PipelineChange *c = pipeline_change_as_stored(d->store, keys[k], &local);
			if (c == NULL) {
				g_warning("decision made by hand: %s, skipping", local->message);
				continue;
			}
			g_ptr_array_add(changes, c);
		}
		g_message("applying a decision made by hand: %s %s%s%s",
			  dec->kind == STORE_DECISION_MERGE ? "merge" : "split", dec->a,
			  dec->b != NULL ? " " : "", dec->b != NULL ? dec->b : "");
	}
	d->decisions_seen = seen;
	add_changes(d, changes);
}

/* ---- pruning ---- */

/* Forgets alerts done with and audit lines older than [store] alert_retention (read from
 * the config in force, so a reload applies to the next pruning). */
static void
prune_alerts(Daemon *d)
{
	g_autoptr(GError) error = NULL;
	gint64 keep = config_get_duration(d->config, "store", "alert_retention");
	StorePruned n = {0};

	if (keep <= 0) {
		return;
	}
	if (!store_prune_alerts(d->store, now_s() - keep, &n, &error)) {
		g_warning("pruning old alerts: %s, will retry in a day", error->message);
		return;
	}
	if (n.outbox > 0 || n.audit > 0) {
		g_message("pruned %u alerts (with %u delivery attempts) and %u audit lines older "
			  "than [store] alert_retention",
			  n.outbox, n.deliveries, n.audit);
	}
}

static gboolean
on_prune_timer(gpointer user_data)
{
	prune_alerts(user_data);
	return G_SOURCE_CONTINUE;
}

/* ---- schedule ---- */

static void start_poll(Daemon *d, SourceRun *run, gint64 now);

static bool
run_enabled(const SourceRun *run)
{
	return run->cfg != NULL && run->cfg->enabled;
}

static gboolean on_schedule_timer(gpointer user_data);

/*
 * When @run should be polled.  Times are wall-clock (they are stored and shown), so a
 * clock stepped back by hours would leave every source waiting that long: a next_poll
 * further away than any delay the poller ever sets is treated as due.
 */
static gint64
run_due_at(const SourceRun *run, gint64 now)
{
	gint64 longest = MAX(run->cfg->interval, POLLER_RETRY_AFTER_MAX) * 2;

	return run->state->next_poll > now + longest ? now : run->state->next_poll;
}

/* One timer for all sources, set to the earliest due time: an idle daemon wakes only
 * when something is due (and g_timeout_add_seconds lets the kernel batch wakeups). */
static void
reschedule(Daemon *d)
{
	gint64 next = G_MAXINT64;
	gint64 now = now_s();

	if (d->once) {
		return;
	}
	if (d->timer != 0) {
		g_source_remove(d->timer);
		d->timer = 0;
	}
	for (guint i = 0; i < d->runs->len; i++) {
		const SourceRun *run = d->runs->pdata[i];
		if (run_enabled(run) && !run->in_flight && run_due_at(run, now) < next) {
			next = run_due_at(run, now);
		}
	}
	if (next == G_MAXINT64) {
		return;
	}
	gint64 delay = CLAMP(next - now, 0, G_MAXUINT / 2);
	d->timer = g_timeout_add_seconds((guint)delay, on_schedule_timer, d);
}

static gboolean
on_schedule_timer(gpointer user_data)
{
	Daemon *d = user_data;
	gint64 now = now_s();

	d->timer = 0;
	for (guint i = 0; i < d->runs->len; i++) {
		SourceRun *run = d->runs->pdata[i];
		if (run_enabled(run) && !run->in_flight && run_due_at(run, now) <= now) {
			start_poll(d, run, now);
		}
	}
	reschedule(d);
	return G_SOURCE_REMOVE;
}

/* ---- one poll's outcome ---- */

static void
poll_finished(Daemon *d, SourceRun *run)
{
	run->in_flight = false;
	mark_dirty(d, run);
	if (d->once) {
		if (d->outstanding > 0 && --d->outstanding == 0) {
			g_main_loop_quit(d->loop);
		}
		return;
	}
	reschedule(d);
}

/*
 * One failed poll: a warning, the backoff (the poller decides with the error's code
 * whether a Retry-After counts), and the "unreachable" event once per outage.
 * @error is borrowed; its code travels on, its message is logged and kept in the state.
 */
static void
poll_failed(Daemon *d, SourceRun *run, const GError *error, gint64 retry_after)
{
	gint64 now = now_s();
	const char *msg = error->message; /* names no source (sources/, poll/, http/) */

	d->failed++;
	g_warning("source '%s': %s, skipping", run->name, msg);
	if (poller_record_failure(run->state, run->cfg->interval, run->cfg->stale_after, now,
				  retry_after, error, d->rand)) {
		/* Source health goes to every notifier: a quiet source must not pass for a
		 * healthy one. */
		g_autofree char *tag = g_strdup_printf("unreachable-%s-%" G_GINT64_FORMAT,
						       run->name, now);
		g_autofree char *text = g_strdup_printf(
			"source '%s' has failed for longer than its stale_after: %s", run->name, msg);
		alerting_notice(d->alerting, tag, text, now);
		Event *e = event_new(EVENT_SOURCE_UNREACHABLE, now, NULL, run->name);
		e->detail = g_strdup(msg);
		emit_one(e);
	}
	poll_finished(d, run);
}

static void
poll_succeeded(Daemon *d, SourceRun *run, gint64 min_delay)
{
	gint64 now = now_s();

	alerting_note_poll(d->alerting, run->name, now);
	if (poller_record_success(run->state, run->cfg->interval, now, min_delay, d->rand)) {
		g_autofree char *tag = g_strdup_printf("recovered-%s-%" G_GINT64_FORMAT, run->name,
						       now);
		g_autofree char *text = g_strdup_printf("source '%s' answers again", run->name);
		alerting_notice(d->alerting, tag, text, now);
		emit_one(event_new(EVENT_SOURCE_RECOVERED, now, NULL, run->name));
	}
	poll_finished(d, run);
}

static void
log_warnings(const SourceRun *run, const GPtrArray *warnings)
{
	for (guint i = 0; warnings != NULL && i < warnings->len; i++) {
		if (i == MAX_WARNINGS_LOGGED) {
			g_warning("source '%s': %u more warnings", run->name, warnings->len - i);
			break;
		}
		g_warning("source '%s': %s", run->name, (const char *)warnings->pdata[i]);
	}
}

/* Stores what a source reported; false (and a failure recorded) on a database error. */
static bool
store_result(Daemon *d, SourceRun *run, GPtrArray *advisories, bool full_read)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) changes = NULL;

	if (!pipeline_store_source(d->store, run->name, advisories, run->started, full_read,
				   &changes, &error)) {
		poll_failed(d, run, error, -1);
		return false;
	}
	g_info("source '%s': %u items, %u new or changed", run->name, advisories->len,
	       changes->len);
	add_changes(d, changes);
	return true;
}

/* ---- feed sources ---- */

static bool
on_feed_data(const char *data, gsize len, gpointer user_data, GError **error)
{
	SourceRun *run = user_data;

	if (run->parser == NULL) {
		return true;
	}
	return source_parser_feed(run->parser, data, len, error);
}

static void
on_feed_done(const FetchResponse *response, const GError *error, gpointer user_data)
{
	SourceRun *run = user_data;
	Daemon *d = run->daemon;
	g_autoptr(SourceParser) parser = g_steal_pointer(&run->parser);

	if (run->retired) {
		g_ptr_array_remove_fast(d->retired, run);
		return;
	}
	if (error != NULL) {
		poll_failed(d, run, error, response != NULL ? response->retry_after : -1);
		return;
	}
	if (response->not_modified) {
		/* 304: nothing to parse and nothing to store but the state. */
		if (response->etag != NULL) {
			g_free(run->state->etag);
			run->state->etag = g_strdup(response->etag);
		}
		g_debug("source '%s': not modified", run->name);
		poll_succeeded(d, run, -1);
		return;
	}
	g_autoptr(GError) local = NULL;
	g_autoptr(SourceResult) result = source_parser_finish(parser, &local);
	if (result == NULL) {
		poll_failed(d, run, local, -1);
		return;
	}
	log_warnings(run, result->warnings);
	if (!store_result(d, run, result->advisories, false)) {
		return;
	}
	if (result->damaged) {
		/* A partial read (SourceResult.damaged): what was read is stored (feeds never
		 * withdraw what is missing), but no validators are saved, so the next poll reads
		 * the whole body again; `sources` shows the damage as the last error. */
		poll_succeeded(d, run, -1);
		g_free(run->state->last_error);
		run->state->last_error = g_strdup(result->damage);
		return;
	}
	/* Validators only once the content is stored: if storing failed, the next poll must
	 * fetch the body again rather than get a 304 for something we never kept. */
	g_free(run->state->etag);
	run->state->etag = g_strdup(response->etag);
	g_free(run->state->last_modified);
	run->state->last_modified = g_strdup(response->last_modified);
	poll_succeeded(d, run, -1);
}

static void
start_feed_poll(Daemon *d, SourceRun *run, gint64 now)
{
	SourceContext ctx = {
		.source_name = run->name,
		.base_url = run->base_url,
		.expect = run->expect,
		.max_bytes = run->cfg->max_size,
		.max_items = run->cfg->max_items,
		.now = now,
	};
	FetchRequest req = {
		.url = run->url,
		.etag = run->state->etag,
		.last_modified = run->state->last_modified,
		.max_bytes = run->cfg->max_size,
		.allow_file = g_str_has_prefix(run->url, "file:"),
		.total_timeout = (long)run->cfg->timeout,
		.on_data = on_feed_data,
		.user_data = run,
	};

	source_parser_free(run->parser);
	run->parser = source_parser_new(&ctx);
	fetcher_submit(d->fetcher, &req, on_feed_done, run);
}

/* ---- m365 sources ---- */

static void
on_m365_done(M365Result *result, const GError *error, gpointer user_data)
{
	SourceRun *run = user_data;
	Daemon *d = run->daemon;
	g_autoptr(M365Result) res = result;

	if (error != NULL) {
		gint64 retry = res->defer_until != SW_TIME_NONE ? res->defer_until - now_s() : -1;
		poll_failed(d, run, error, retry);
		return;
	}
	log_warnings(run, res->warnings);
	if (!store_result(d, run, res->advisories, res->full_read)) {
		return;
	}
	gint64 defer = res->defer_until != SW_TIME_NONE ? res->defer_until - now_s() : -1;
	poll_succeeded(d, run, defer);
	/* The Graph client's incremental filter counts from the time the read began. */
	run->state->last_success = res->read_time;
	if (res->full_read) {
		run->state->last_full_read = res->read_time;
	}
}

static void
start_poll(Daemon *d, SourceRun *run, gint64 now)
{
	run->in_flight = true;
	run->started = now;
	if (run->m365 != NULL) {
		m365_client_poll(run->m365, d->fetcher, run->state, now, on_m365_done, run);
	} else {
		start_feed_poll(d, run, now);
	}
}

/* ---- configuration → runs ---- */

static SourceRun *
find_run(GPtrArray *runs, const char *name)
{
	for (guint i = 0; runs != NULL && i < runs->len; i++) {
		SourceRun *run = runs->pdata[i];
		if (strcmp(run->name, name) == 0) {
			return run;
		}
	}
	return NULL;
}

/* @url without user info, query and fragment (a token lives in one of those). */
static char *
base_url_of(const char *url)
{
	g_autoptr(GUri) uri = g_uri_parse(url, G_URI_FLAGS_NONE, NULL);

	if (uri == NULL || !url_writable(uri)) {
		return NULL;
	}
	return g_uri_join(G_URI_FLAGS_NONE, g_uri_get_scheme(uri), NULL, g_uri_get_host(uri),
			  g_uri_get_port(uri), g_uri_get_path(uri), NULL, NULL);
}

/*
 * ETag and Last-Modified belong to one URL: when a source's URL changed (in a
 * reload or between runs) they are dropped, or a server that only compares
 * dates could answer the new URL with 304 and the new feed would never be
 * read.  The state's url_hash says which URL they belong to.
 */
static void
forget_validators_of_other_url(SourceRun *run)
{
	if (run->url == NULL) {
		return;
	}
	g_autofree char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, run->url, -1);
	g_autofree char *mark = g_strconcat("url-sha256:", sum, NULL);
	if (g_strcmp0(run->state->url_hash, mark) == 0) {
		return;
	}
	if (run->state->url_hash != NULL || run->state->etag != NULL ||
	    run->state->last_modified != NULL) {
		g_clear_pointer(&run->state->etag, g_free);
		g_clear_pointer(&run->state->last_modified, g_free);
	}
	g_free(run->state->url_hash);
	run->state->url_hash = g_steal_pointer(&mark);
	run->state_dirty = true;
}

/* What a source needs besides its config: its resolved URL or its Graph client. */
typedef struct {
	char *url;
	M365Client *m365;
} RunSetup;

static bool
run_setup(const SourceConfig *cfg, RunSetup *setup, GError **error)
{
	if (strcmp(cfg->type, "m365") == 0) {
		M365Settings settings = {
			.name = cfg->name,
			.tenant = config_source_get(cfg, "tenant"),
			.client_id = config_source_get(cfg, "client_id"),
			.client_secret = config_source_get(cfg, "client_secret"),
			.cloud = config_source_get(cfg, "cloud"),
			.login_url = config_source_get(cfg, "login_url"),
			.graph_url = config_source_get(cfg, "graph_url"),
			.messages = config_source_get_bool(cfg, "messages"),
			.full_read_interval = config_source_get_duration(cfg, "full_read_interval"),
			.max_bytes = cfg->max_size,
			.max_items = cfg->max_items,
			.timeout = cfg->timeout,
		};
		setup->m365 = m365_client_new(&settings, error);
		return setup->m365 != NULL;
	}
	if (cfg->url == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "source '%s': no url", cfg->name);
		return false;
	}
	setup->url = config_secret(cfg->url, error);
	return setup->url != NULL;
}

static void
run_setup_clear(RunSetup *setup)
{
	m365_client_free(setup->m365);
	secret_free(setup->url);
	memset(setup, 0, sizeof *setup);
}

/*
 * Builds the runs for @config, reusing the state (and a running transfer) of
 * runs in @old with the same name.  Either everything is built or nothing
 * changes: on error @old is untouched.  Returns the new array; runs taken
 * from @old are removed from it (what is left in @old was dropped).
 */
static GPtrArray *
build_runs(Daemon *d, const Config *config, GPtrArray *old, GError **error)
{
	gint64 now = now_s();
	guint n = config->sources->len;
	g_autofree RunSetup *setups = g_new0(RunSetup, n + 1);

	/* Phase 1: everything that can fail, for the sources that will be polled: a
	 * disabled source (or one `poll NAME` did not name) with an unreadable secret
	 * must not stop the others. */
	for (guint i = 0; i < n; i++) {
		const SourceConfig *cfg = config->sources->pdata[i];
		bool wanted = d->only != NULL && d->only[0] != NULL
				      ? g_strv_contains((const char *const *)d->only, cfg->name)
				      : cfg->enabled;
		if (!wanted) {
			continue;
		}
		if (!run_setup(cfg, &setups[i], error)) {
			for (guint j = 0; j <= i; j++) {
				run_setup_clear(&setups[j]);
			}
			return NULL;
		}
	}

	/* Phase 2: cannot fail, except for reading stored states of new sources, which
	 * falls back to a fresh state. */
	GPtrArray *runs = g_ptr_array_new_with_free_func((GDestroyNotify)run_free);
	for (guint i = 0; i < n; i++) {
		const SourceConfig *cfg = config->sources->pdata[i];
		SourceRun *run = find_run(old, cfg->name);

		guint idx;

		if (run != NULL && g_ptr_array_find(old, run, &idx)) {
			g_ptr_array_steal_index(old, idx);
		}
		if (run == NULL) {
			g_autoptr(GError) local = NULL;
			run = g_new0(SourceRun, 1);
			run->daemon = d;
			run->name = g_strdup(cfg->name);
			run->state = store_get_source_state(d->store, cfg->name, &local);
			if (run->state == NULL) {
				g_warning("source '%s': reading its state: %s", cfg->name,
					  local->message);
				run->state = source_state_new(cfg->name);
			}
			run->state->next_poll =
				poller_first_poll(run->state, cfg->interval, now, d->rand);
		}
		run->cfg = cfg;
		run->expect = source_format_from_string(cfg->type);
		secret_free(run->url);
		run->url = g_steal_pointer(&setups[i].url);
		forget_validators_of_other_url(run);
		g_free(run->base_url);
		run->base_url = run->url != NULL ? base_url_of(run->url) : NULL;
		if (run->m365 != NULL) {
			/* The old client abandons a running poll without calling back. */
			m365_client_free(run->m365);
			run->m365 = NULL;
			if (run->in_flight) {
				run->in_flight = false;
				run->state->next_poll = now;
			}
		}
		run->m365 = g_steal_pointer(&setups[i].m365);
		g_ptr_array_add(runs, run);
	}
	return runs;
}

/* Runs left in @old after build_runs(): free them, or park them while a transfer runs. */
static void
retire_runs(Daemon *d, GPtrArray *old)
{
	while (old->len > 0) {
		SourceRun *run = g_ptr_array_steal_index(old, old->len - 1);
		if (run->in_flight && run->m365 == NULL) {
			run->retired = true;
			run->cfg = NULL;
			g_ptr_array_add(d->retired, run);
		} else {
			run_free(run);
		}
	}
}

/* ---- signals ---- */

static gboolean
on_stop_grace(gpointer user_data)
{
	Daemon *d = user_data;

	d->stop_timer = 0;
	g_cancellable_cancel(d->stop);
	return G_SOURCE_REMOVE;
}

/* No new send starts; those in flight get STOP_SEND_GRACE to finish, then are aborted.
 * The timer also fires in the nested waits of alerting_free() (a reload). */
static void
stop_sending(Daemon *d)
{
	alerting_stop(d->alerting);
	if (d->stop_timer == 0 && !g_cancellable_is_cancelled(d->stop)) {
		d->stop_timer = g_timeout_add_seconds(STOP_SEND_GRACE, on_stop_grace, d);
	}
}

static gboolean
on_stop_signal(gpointer user_data)
{
	Daemon *d = user_data;

	/* Signals arrive between callbacks, so no write is half done. */
	sd_notify_send("STOPPING=1");
	g_message("stopping");
	stop_sending(d);
	g_main_loop_quit(d->loop);
	return G_SOURCE_CONTINUE;
}

/* Reload = build, validate, swap (mako): a broken file changes nothing. */
static gboolean
on_reload_signal(gpointer user_data)
{
	Daemon *d = user_data;
	g_autoptr(GError) error = NULL;

	sd_notify_send("RELOADING=1");
	/* Whatever becomes of the configuration: `merge` and `split` ask with SIGHUP too. */
	take_new_decisions(d, false);
	g_autoptr(Config) config = config_load(d->config_path, &error);
	g_autoptr(GPtrArray) runs = NULL;
	Alerting *alerting = NULL;
	/* Notifiers and policies first: they take nothing over from the old ones. */
	if (config != NULL) {
		alerting = alerting_new(config, d->store, &error);
	}
	if (alerting != NULL) {
		alerting_set_stop(alerting, d->stop);
	}
	if (alerting != NULL) {
		runs = build_runs(d, config, d->runs, &error);
	}
	if (runs == NULL) {
		g_warning("reloading the configuration: %s; keeping the old one", error->message);
		alerting_free(alerting);
		sd_notify_send("READY=1");
		return G_SOURCE_CONTINUE;
	}
	alerting_free(d->alerting);
	d->alerting = alerting;
	alerting_start(d->alerting);
	/* What is left in d->runs was removed from the configuration. */
	retire_runs(d, d->runs);
	g_ptr_array_unref(d->runs);
	d->runs = g_steal_pointer(&runs);
	config_free(d->config);
	d->config = g_steal_pointer(&config);
	desktop_session_set_config(d->desktop, d->config);
	if ((d->desktop != NULL) != desktop_session_tray_wanted(d->config)) {
		/* [desktop] tray was switched: show or drop the icon. */
		g_clear_pointer(&d->desktop, desktop_session_free);
		d->desktop = desktop_session_new(d->config, d->store, d->loop, now_s());
	}
	daemon_linker_options(d->config, &d->linker);
	flush_states(d);
	reschedule(d);
	if (d->digest != NULL) {
		digest_timer_configure(d->digest, d->config);
	}
	g_message("configuration reloaded: %u sources", d->runs->len);
	sd_notify_send("READY=1");
	return G_SOURCE_CONTINUE;
}

/* ---- configuration → linker ---- */

/* A problem with [@group] @key: with @strict the error ("FILE:LINE: [group] 'key': ..."),
 * else a warning ("..., skipping") and the caller leaves that setting out. */
static bool
linker_setting_failed(const Config *config, const char *group, const char *key,
		      const GError *problem, bool strict, GError **error)
{
	g_autofree char *where = config_locate(config, group, key);

	if (strict) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "%s: [%s] '%s': %s", where, group, key,
			    problem->message);
		return false;
	}
	g_warning("%s: [%s] '%s': %s, skipping", where, group, key, problem->message);
	return true;
}

/* [linker] knowledge read and parsed once, each [source:NAME] depends_on checked against
 * it, threshold and max_gap.  @strict: the first problem is the error; else each is a
 * warning and what it concerns is left out (the knowledge file, or that depends_on). */
static bool
linker_options_build(const Config *config, LinkerOptions *opts, bool strict, GError **error)
{
	g_autoptr(LinkerKnowledge) know = NULL;

	linker_options_clear(opts);
	if (config == NULL) {
		return true;
	}
	/* [linker] knowledge: a file in share/linker-knowledge.conf's form. */
	const char *kpath = config_get_string(config, "linker", "knowledge");
	if (kpath != NULL && *kpath != '\0') {
		g_autoptr(GError) local = NULL;
		if (g_file_get_contents(kpath, &opts->knowledge, NULL, &local)) {
			know = linker_knowledge_new(opts->knowledge, kpath, &local);
		}
		if (know == NULL) {
			g_clear_pointer(&opts->knowledge, g_free);
			if (!linker_setting_failed(config, "linker", "knowledge", local, strict,
						   error)) {
				return false;
			}
		}
	}
	if (know == NULL) {
		know = linker_knowledge_new(NULL, NULL, NULL); /* the built-in (test-linker) */
	}
	for (guint i = 0; i < config->sources->len; i++) {
		const SourceConfig *sc = config->sources->pdata[i];
		const char *dep = config_source_get(sc, "depends_on");
		const char *url = config_source_get(sc, "url");
		g_autoptr(GError) local = NULL;
		/* Where a source is fetched from says whose feed it is (a provider's
		 * status-page host), whatever the source is called. */
		if (url != NULL) {
			if (opts->source_urls == NULL) {
				opts->source_urls = g_hash_table_new_full(g_str_hash, g_str_equal,
									  g_free, g_free);
			}
			g_hash_table_replace(opts->source_urls, g_strdup(sc->name), g_strdup(url));
		}
		if (dep == NULL) {
			continue;
		}
		if (!linker_knowledge_check_depends(know, dep, &local)) {
			g_autofree char *group = g_strconcat("source:", sc->name, NULL);
			if (!linker_setting_failed(config, group, "depends_on", local, strict,
						   error)) {
				return false;
			}
			continue;
		}
		if (opts->depends_on == NULL) {
			opts->depends_on = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
		}
		g_hash_table_replace(opts->depends_on, g_strdup(sc->name), g_strdup(dep));
	}
	/* The schema gives threshold no default ("built-in"), so only a written value counts. */
	if (config_has(config, "linker", "threshold")) {
		opts->threshold = config_get_double(config, "linker", "threshold");
	}
	if (config_has(config, "linker", "max_gap")) {
		opts->max_gap = config_get_duration(config, "linker", "max_gap");
	}
	/* Built once per configuration: every Linker made with these options (a relink
	 * each) shares it instead of parsing the knowledge and building its terms. */
	opts->know = g_steal_pointer(&know);
	return true;
}

void
daemon_linker_options(const Config *config, LinkerOptions *opts)
{
	linker_options_build(config, opts, false, NULL);
}

bool
daemon_linker_options_check(const Config *config, GError **error)
{
	g_auto(LinkerOptions) opts = {0};

	return linker_options_build(config, &opts, true, error);
}

/* ---- set-up and tear-down ---- */

void
daemon_free(Daemon *d)
{
	if (d == NULL) {
		return;
	}
	for (guint i = 0; i < G_N_ELEMENTS(d->signals); i++) {
		if (d->signals[i] != 0) {
			g_source_remove(d->signals[i]);
		}
	}
	g_clear_handle_id(&d->timer, g_source_remove);
	g_clear_handle_id(&d->relink_timer, g_source_remove);
	g_clear_handle_id(&d->flush_idle, g_source_remove);
	g_clear_handle_id(&d->prune_timer, g_source_remove);
	g_clear_handle_id(&d->stop_timer, g_source_remove);
	/* Sends still in flight are aborted now: daemon_run() gave them their grace. */
	if (d->stop != NULL) {
		g_cancellable_cancel(d->stop);
	}
	/* The fetcher first: it cancels transfers without calling back, so no callback can
	 * see a run freed below. */
	fetcher_free(d->fetcher);
	desktop_session_free(d->desktop);
	digest_timer_free(d->digest);
	alerting_free(d->alerting);
	if (d->runs != NULL) {
		g_ptr_array_unref(d->runs);
	}
	if (d->retired != NULL) {
		g_ptr_array_unref(d->retired);
	}
	if (d->changes != NULL) {
		g_ptr_array_unref(d->changes);
	}
	store_close(d->store);
	linker_options_clear(&d->linker);
	config_free(d->config);
	g_free(d->config_path);
	g_strfreev(d->only);
	if (d->loop != NULL) {
		g_main_loop_unref(d->loop);
	}
	if (d->rand != NULL) {
		g_rand_free(d->rand);
	}
	g_clear_object(&d->stop);
	g_free(d);
}

Daemon *
daemon_new(Config *config, const char *config_path, Store *store, char *const *only,
	   GError **error)
{
	g_return_val_if_fail(config != NULL && store != NULL, NULL);

	g_autoptr(Daemon) d = g_new0(Daemon, 1);

	d->config = config;
	d->store = store;
	d->only = g_strdupv((char **)only);
	d->config_path = g_strdup(config_path);
	d->rand = g_rand_new();
	d->stop = g_cancellable_new();
	d->loop = g_main_loop_new(NULL, FALSE);
	d->fetcher = fetcher_new();
	fetcher_attach(d->fetcher, NULL);
	d->retired = g_ptr_array_new_with_free_func((GDestroyNotify)run_free);
	d->changes = pipeline_changes_new();
	daemon_linker_options(d->config, &d->linker);
	d->runs = build_runs(d, d->config, NULL, error);
	if (d->runs == NULL) {
		return NULL;
	}
	d->alerting = alerting_new(d->config, d->store, error);
	if (d->alerting == NULL) {
		return NULL;
	}
	alerting_set_stop(d->alerting, d->stop);
	return g_steal_pointer(&d);
}

void
daemon_run(Daemon *d)
{
	d->signals[0] = g_unix_signal_add(SIGTERM, on_stop_signal, d);
	d->signals[1] = g_unix_signal_add(SIGINT, on_stop_signal, d);
	d->signals[2] = g_unix_signal_add(SIGHUP, on_reload_signal, d);

	guint enabled = 0;
	for (guint i = 0; i < d->runs->len; i++) {
		enabled += run_enabled(d->runs->pdata[i]) ? 1 : 0;
	}
	g_message("watching %u sources (%u disabled), %u notifiers, state in '%s'", enabled,
		  d->runs->len - enabled, alerting_notifier_count(d->alerting),
		  store_path(d->store));
	d->desktop = desktop_session_new(d->config, d->store, d->loop, now_s());
	/* A crash between storing what a source reported and relinking it leaves advisories
	 * no incident holds yet, and their source answers 304 from now on: relink once, with
	 * the policy pass in the same transaction, before anything else. */
	take_new_decisions(d, true);
	if (!relink_at_start(d)) {
		/* Not relinked at start (no notifiers, or it failed): the decisions recorded
		 * while no daemon ran are applied by the first relink instead. */
		d->decisions_seen = 0;
		take_new_decisions(d, false);
	}
	/* The outbox first: alerts queued before a stop or crash go out before new polls. */
	alerting_start(d->alerting);
	reschedule(d);
	prune_alerts(d);
	d->prune_timer = g_timeout_add_seconds(PRUNE_EVERY, on_prune_timer, d);
	d->digest = digest_timer_new(store_path(d->store), d->stop);
	digest_timer_configure(d->digest, d->config);
	sd_notify_send("READY=1");
	g_main_loop_run(d->loop);

	/* Stopping: keep what was learnt; transfers still running are dropped.  The relink
	 * gets RELINK_STOP_BUDGET seconds. */
	flush_states(d);
	relink_now(d, RELINK_STOP_BUDGET * G_USEC_PER_SEC);
	/* Sends in flight finish, or are aborted when the grace timer fires; either way
	 * their results are recorded (or, aborted, left due) on this thread. */
	stop_sending(d);
	g_clear_handle_id(&d->timer, g_source_remove); /* no new poll meanwhile */
	while (alerting_in_flight(d->alerting) > 0 || digest_timer_sending(d->digest)) {
		g_main_context_iteration(NULL, TRUE);
	}
}

bool
daemon_poll_once(Daemon *d)
{
	d->once = true;
	d->signals[0] = g_unix_signal_add(SIGTERM, on_stop_signal, d);
	d->signals[1] = g_unix_signal_add(SIGINT, on_stop_signal, d);

	gint64 now = now_s();
	bool all = d->only == NULL || d->only[0] == NULL;
	for (guint i = 0; i < d->runs->len; i++) {
		SourceRun *run = d->runs->pdata[i];
		bool chosen = all ? run_enabled(run)
				  : g_strv_contains((const char *const *)d->only, run->name);
		if (chosen) {
			d->outstanding++;
			start_poll(d, run, now);
		}
	}
	if (d->outstanding > 0) {
		g_main_loop_run(d->loop);
	}
	bool saved = flush_states(d);
	/* Held alerts whose time has come (group_wait, a mute that ended...) go out too: the
	 * relink's pass sees them; without a relink, a pass of its own. */
	bool ticked = relink_now(d, 0) || alerting_tick(d->alerting, now_s());
	bool delivered = alerting_drain_once(d->alerting);
	if (!saved || d->changes->len > 0 || d->outstanding > 0 || !ticked || !delivered) {
		return false; /* linking failed (logged), or stopped by a signal */
	}
	return d->failed == 0;
}
