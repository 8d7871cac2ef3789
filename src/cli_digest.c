/*
 * `digest`: the summary of a period's incidents by email (daemon/digest_job.h).
 *
 *   statuswatch digest [--since 24h|RFC3339] [--until RFC3339] [--dry-run]
 *                      [--html FILE] [--to ADDR]
 *
 * Without --since/--until the period is the scheduled one (the day up to the
 * last [digest] time), the one the daemon sends, so a timer run and the daemon
 * never send the same day twice; with either, the period is the one asked for
 * (--until defaults to now, --since to 24 h before --until).  --dry-run prints
 * the whole message and --html FILE writes its HTML part; neither sends nor
 * records anything.  Otherwise the digest is sent through the [digest]
 * notifier once per period: a second run says when it went out.
 *
 * The send runs in a worker thread while this one waits for SIGTERM or SIGINT
 * (systemd stopping statuswatch-digest.service, Ctrl-C): a signal aborts the
 * SMTP exchange, and the job gives the period's claim back, so the next run
 * sends the period instead of finding it "being sent" for an hour.
 */
#include "cli_private.h"

#include <signal.h>
#include <stdio.h>

#include <gio/gio.h>
#include <glib-unix.h>
#include <glib.h>

#include "config.h"
#include "daemon/digest_job.h"
#include "report/digest.h"
#include "store/store.h"
#include "util/error.h"
#include "util/timeparse.h"

static char *opt_since;
static char *opt_until;
static gboolean opt_dry_run;
static char *opt_html;
static char *opt_to;

static const GOptionEntry digest_entries[] = {
	{"since", 0, 0, G_OPTION_ARG_STRING, &opt_since,
	 "Start of the period: a duration before --until (24h) or an RFC 3339 time", "WHEN"},
	{"until", 0, 0, G_OPTION_ARG_STRING, &opt_until,
	 "End of the period, RFC 3339 (default: now)", "TIME"},
	{"dry-run", 'n', 0, G_OPTION_ARG_NONE, &opt_dry_run,
	 "Print the whole message (RFC 5322) instead of sending it", NULL},
	{"html", 0, 0, G_OPTION_ARG_FILENAME, &opt_html,
	 "Write the HTML part to FILE ('-' for stdout) instead of sending", "FILE"},
	{"to", 0, 0, G_OPTION_ARG_STRING, &opt_to,
	 "Send to ADDR (comma-separated) instead of [digest] to", "ADDR"},
	G_OPTION_ENTRY_NULL,
};

/* The period asked for; false (with the message printed) when an option is bad. */
static bool
period_from_options(const Config *config, gint64 now, gint64 *ret_since, gint64 *ret_until)
{
	if (opt_since == NULL && opt_until == NULL) {
		digest_job_period(config, now, ret_since, ret_until);
		return true;
	}
	gint64 until = now;
	if (opt_until != NULL && !time_parse_rfc3339(opt_until, &until)) {
		g_printerr("statuswatch: --until '%s' is not an RFC 3339 time like "
			   "2023-07-20T00:00:00Z\n",
			   opt_until);
		return false;
	}
	gint64 since = until - 24 * 3600;
	gint64 seconds = 0;
	if (opt_since != NULL) {
		if (time_parse_rfc3339(opt_since, &since)) {
			/* an absolute start */
		} else if (time_parse_duration(opt_since, &seconds) && seconds > 0) {
			since = until - seconds;
		} else {
			g_printerr("statuswatch: --since '%s' is neither a duration like 24h nor an "
				   "RFC 3339 time\n",
				   opt_since);
			return false;
		}
	}
	if (since >= until) {
		g_printerr("statuswatch: the period is empty: --since must come before --until\n");
		return false;
	}
	*ret_since = since;
	*ret_until = until;
	return true;
}

static bool
write_html(const Digest *d)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *html = digest_render_html(d);

	if (g_strcmp0(opt_html, "-") == 0) {
		fputs(html, stdout);
		return true;
	}
	if (!g_file_set_contents(opt_html, html, -1, &error)) {
		g_printerr("statuswatch: --html '%s': %s\n", opt_html, error->message);
		return false;
	}
	return true;
}

/* One digest_job_send() in a worker thread, with the stop as its current cancellable. */
typedef struct {
	DigestJob *job;      /* borrowed */
	Store *store;        /* borrowed; only the worker uses it until it is done */
	gint64 now;
	GCancellable *stop;  /* owned */
	DigestJobOutcome outcome;
	char *detail;        /* owned */
	GError *error;       /* owned */
	bool ok;
	bool done;           /* set on the main thread by on_sent */
} Send;

static gboolean on_sent(gpointer data);

static gpointer
send_thread(gpointer data)
{
	Send *s = data;

	g_cancellable_push_current(s->stop);
	s->ok = digest_job_send(s->job, s->store, opt_to, s->now, &s->outcome, &s->detail,
				&s->error);
	g_cancellable_pop_current(s->stop);
	g_idle_add(on_sent, s); /* wakes the main thread */
	return NULL;
}

static gboolean
on_sent(gpointer data)
{
	((Send *)data)->done = true;
	return G_SOURCE_REMOVE;
}

static gboolean
on_stop_signal(gpointer data)
{
	g_cancellable_cancel(((Send *)data)->stop);
	return G_SOURCE_CONTINUE;
}

/* Runs the send in a thread and waits; SIGTERM or SIGINT aborts it (see the top). */
static bool
send_stoppable(Send *s)
{
	guint term = g_unix_signal_add(SIGTERM, on_stop_signal, s);
	guint intr = g_unix_signal_add(SIGINT, on_stop_signal, s);
	GThread *worker = g_thread_new("digest", send_thread, s);

	while (!s->done) {
		g_main_context_iteration(NULL, TRUE);
	}
	g_thread_join(worker);
	g_source_remove(term);
	g_source_remove(intr);
	return s->ok;
}

static int
cmd_digest(CliOptions *o)
{
	g_autoptr(GError) error = NULL;

	if (o->args[0] != NULL) {
		g_printerr("statuswatch: digest takes no arguments (try --help)\n");
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Config) config = config_load(o->config_path, &error);
	if (config == NULL) {
		return cli_fail(error);
	}
	gint64 now = cli_now(), since = 0, until = 0;
	if (!period_from_options(config, now, &since, &until)) {
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Store) store = cli_open_store(o, &error);
	if (store == NULL) {
		return cli_fail(error);
	}
	g_autoptr(DigestJob) job = digest_job_new(config, store, since, until, now, &error);
	if (job == NULL) {
		return cli_fail(error);
	}
	const Digest *d = digest_job_digest(job);
	if (opt_html != NULL && !write_html(d)) {
		return CLI_EXIT_FAILURE;
	}
	if (opt_dry_run) {
		g_autofree char *message = digest_job_message(job, opt_to, &error);
		if (message == NULL) {
			return cli_fail(error);
		}
		fputs(message, stdout);
		return CLI_EXIT_OK;
	}
	if (opt_html != NULL) {
		return CLI_EXIT_OK;
	}
	if (!config_get_bool(config, "digest", "enabled")) {
		g_printerr("statuswatch: [digest] enabled is false: nothing sent (--dry-run or "
			   "--html show the digest)\n");
		return CLI_EXIT_USAGE;
	}
	Send s = {.job = job, .store = store, .now = now, .stop = g_cancellable_new()};
	bool sent = send_stoppable(&s);
	g_object_unref(s.stop);
	g_autofree char *detail = s.detail;
	g_autoptr(GError) failure = s.error;
	if (!sent) {
		if (g_error_matches(failure, SW_ERROR, SW_ERROR_CANCELLED)) {
			g_prefix_error(&failure, "stopped by a signal; the period stays unsent for "
						 "the next run: ");
		}
		return cli_fail(failure);
	}
	g_autofree char *line = digest_job_outcome_line(job, s.outcome, detail);
	g_print("%s\n", line);
	return CLI_EXIT_OK;
}

const CliCommand cli_command_digest = {
	"digest", "",
	"Send the digest of the last day (--dry-run: print it; --html FILE: write its HTML)",
	digest_entries, cmd_digest,
};
