/*
 * The daemon's digest clock (see digest_timer.h).  One GLib timeout to the
 * next [digest] time; when it fires, a worker thread opens a store connection
 * of its own and runs the digest job for the scheduled period with the
 * configuration in force (a reference, so a reload meanwhile frees nothing it
 * reads), then hands a line to log back to the main context through an idle
 * source.  Times are the wall clock: this is the daemon, the job itself takes
 * `now` as a parameter and is tested with a fixed one.
 *
 * Stopping: the daemon's stop cancellable becomes the worker's current
 * cancellable, so cancelling it aborts the SMTP exchange; digest_job_send() then
 * gives the period's claim back (the next start, or statuswatch-digest.timer,
 * sends it) instead of leaving it "sending" for an hour.
 *
 * Lifetimes: the worker touches only its SendJob; the main context owns the
 * timer.  digest_timer_free() joins a running worker and removes its idle
 * source if the report was not delivered yet, so nothing outlives the timer.
 */
#include "daemon/digest_timer.h"

#include "daemon/digest_job.h"
#include "store/store.h"
#include "util/error.h"
#include "util/timeparse.h"

/* After a temporary failure (SMTP 4xx, connection refused) try again this much later;
 * a permanent one waits for the next day. */
#define DIGEST_RETRY_SECONDS (15 * 60)

/* One send: what the worker reads and what it reports. */
typedef struct {
	Config *config;   /* reference: the configuration in force when the send began */
	char *store_file; /* owned */
	bool ok;
	bool quiet;       /* nothing happened (already sent): debug level only */
	bool temporary;   /* the failure was temporary: retry soon */
	char *line;       /* owned: what to log */
} SendJob;

struct DigestTimer {
	char *store_file;      /* owned */
	Config *config;        /* reference, NULL before digest_timer_configure() */
	GMainContext *context; /* reference: where the timeout and the report run */
	GCancellable *stop;    /* reference, may be NULL: the daemon's stop */
	bool enabled;
	gint64 minutes;        /* [digest] time, minutes after local midnight */
	guint timeout;         /* GSource id, 0 when unarmed */
	GThread *worker;       /* the send running, or NULL; joined by send_done or free */
	SendJob *job;          /* owned, with @worker */
	guint done_source;     /* idle delivering the report, set by the worker; 0 = none */
};

static void
send_job_free(SendJob *job)
{
	if (job == NULL) {
		return;
	}
	config_free(job->config);
	g_free(job->store_file);
	g_free(job->line);
	g_free(job);
}

static void arm(DigestTimer *timer, gint64 delay);
static gboolean send_done(gpointer user_data);

/* Removes the source *@id from the timer's context, if any, and zeroes *@id. */
static void
remove_source(DigestTimer *timer, guint *id)
{
	if (*id != 0) {
		g_source_destroy(g_main_context_find_source_by_id(timer->context, *id));
		*id = 0;
	}
}

static gpointer
send_in_thread(gpointer data)
{
	DigestTimer *timer = data;
	SendJob *r = timer->job;
	g_autoptr(GError) error = NULL;
	gint64 now = g_get_real_time() / G_USEC_PER_SEC;

	g_autoptr(Store) store = store_open_file(r->store_file, &error);
	gint64 since = 0, until = 0;
	if (store != NULL) {
		digest_job_period(r->config, now, &since, &until);
	}
	g_autoptr(DigestJob) job =
		store != NULL ? digest_job_new(r->config, store, since, until, now, &error) : NULL;
	DigestJobOutcome outcome = DIGEST_JOB_SENT;
	g_autofree char *detail = NULL;
	if (timer->stop != NULL) {
		g_cancellable_push_current(timer->stop);
	}
	bool sent = job != NULL &&
		    digest_job_send(job, store, NULL, now, &outcome, &detail, &error);
	if (timer->stop != NULL) {
		g_cancellable_pop_current(timer->stop);
	}
	if (sent) {
		r->ok = true;
		r->quiet = outcome == DIGEST_JOB_ALREADY_SENT;
		r->line = digest_job_outcome_line(job, outcome, detail);
	} else if (g_error_matches(error, SW_ERROR, SW_ERROR_CANCELLED)) {
		r->line = g_strdup_printf("digest: %s: the daemon is stopping; the period is "
					  "left unsent for the next start to send",
					  error->message);
	} else {
		r->temporary = error_is_temporary(error);
		r->line = g_strdup_printf("digest: %s%s", error->message,
					  r->temporary ? ", retrying in 15 minutes" : "");
	}
	/* The report goes to the main context.  The id is written before this thread
	 * ends, and both readers join the thread first. */
	GSource *idle = g_idle_source_new();
	g_source_set_callback(idle, send_done, timer, NULL);
	timer->done_source = g_source_attach(idle, timer->context);
	g_source_unref(idle);
	return NULL;
}

/* Waits for the worker (already done when called from its report) and takes its job. */
static SendJob *
join_worker(DigestTimer *timer)
{
	g_thread_join(g_steal_pointer(&timer->worker));
	return g_steal_pointer(&timer->job);
}

static gboolean
send_done(gpointer user_data)
{
	DigestTimer *timer = user_data;
	SendJob *r = join_worker(timer);

	timer->done_source = 0;
	if (r->quiet) {
		g_debug("%s", r->line);
	} else if (r->ok) {
		g_message("%s", r->line);
	} else {
		g_warning("%s", r->line);
	}
	arm(timer, !r->ok && r->temporary ? DIGEST_RETRY_SECONDS : -1);
	send_job_free(r);
	return G_SOURCE_REMOVE;
}

static gboolean
on_timeout(gpointer user_data)
{
	DigestTimer *timer = user_data;

	timer->timeout = 0;
	if (timer->worker != NULL || timer->config == NULL ||
	    g_cancellable_is_cancelled(timer->stop)) {
		/* A send is running; its report arms the clock again. */
		return G_SOURCE_REMOVE;
	}
	timer->job = g_new0(SendJob, 1);
	timer->job->config = config_ref(timer->config);
	timer->job->store_file = g_strdup(timer->store_file);
	timer->worker = g_thread_new("digest", send_in_thread, timer);
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
	remove_source(timer, &timer->timeout);
	if (!timer->enabled) {
		return;
	}
	if (delay < 0) {
		delay = digest_timer_seconds_to_next(timer->minutes,
						     g_get_real_time() / G_USEC_PER_SEC);
	}
	GSource *source = g_timeout_source_new_seconds((guint)MIN(delay, G_MAXUINT32 - 1));
	g_source_set_callback(source, on_timeout, timer, NULL);
	timer->timeout = g_source_attach(source, timer->context);
	g_source_unref(source);
}

DigestTimer *
digest_timer_new(const char *store_file, GCancellable *stop)
{
	DigestTimer *timer = g_new0(DigestTimer, 1);

	timer->store_file = g_strdup(store_file);
	g_set_object(&timer->stop, stop);
	timer->context = g_main_context_ref_thread_default();
	return timer;
}

void
digest_timer_configure(DigestTimer *timer, Config *config)
{
	g_return_if_fail(timer != NULL && config != NULL);

	config_free(timer->config);
	timer->config = config_ref(config);
	timer->enabled = config_get_bool(config, "digest", "enabled");
	timer->minutes = config_get_int(config, "digest", "time");
	/* Catch up at once (a period the daemon was down for, or one a reload enabled); the
	 * store's claim makes a repeat harmless. */
	arm(timer, 0);
}

bool
digest_timer_sending(const DigestTimer *timer)
{
	return timer != NULL && timer->worker != NULL;
}

void
digest_timer_free(DigestTimer *timer)
{
	if (timer == NULL) {
		return;
	}
	remove_source(timer, &timer->timeout);
	if (timer->worker != NULL) {
		/* Let the send finish (see digest_timer.h); its report is not delivered. */
		send_job_free(join_worker(timer));
		remove_source(timer, &timer->done_source);
	}
	config_free(timer->config);
	g_main_context_unref(timer->context);
	g_clear_object(&timer->stop);
	g_free(timer->store_file);
	g_free(timer);
}
