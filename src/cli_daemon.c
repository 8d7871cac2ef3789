/*
 * The commands built on the daemon: `run` (poll every source on its own
 * schedule until stopped), `poll` (one cycle of the same code path, then exit)
 * and `sources` (each source's health and schedule, from the stored states).
 *
 * `poll` always does exactly one cycle, with or without --once (--once is
 * accepted so scripts say what they mean; a repeating poll is `run`).
 */
#include "cli_private.h"

#include <stdio.h>

#include <glib.h>

#include "config.h"
#include "daemon/daemon.h"
#include "model/source_state.h"
#include "store/state_lock.h"
#include "store/store.h"
#include "util/secret.h"
#include "util/terminal.h"
#include "util/timeparse.h"

static gboolean opt_once;

static const GOptionEntry poll_entries[] = {
	{"once", 0, 0, G_OPTION_ARG_NONE, &opt_once, "Poll once and exit", NULL},
	G_OPTION_ENTRY_NULL,
};

/* Loads the configuration and the store and sets up the daemon; prints the reason and
 * sets @ret_code on failure.  @only as daemon_new() takes it. */
static Daemon *
open_daemon(const CliOptions *o, char *const *only, int *ret_code)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = NULL;
	g_autoptr(Store) store = NULL;

	*ret_code = cli_open_config_and_store(o, &config, &store);
	if (*ret_code != CLI_EXIT_OK) {
		return NULL;
	}
	g_auto(GStrv) loose = config_secret_file_warnings(config);
	for (char **w = loose; w != NULL && *w != NULL; w++) {
		g_warning("%s", *w);
	}
	for (char *const *n = only; n != NULL && *n != NULL; n++) {
		if (config_find_source(config, *n) == NULL) {
			g_printerr("statuswatch: unknown source '%s' (see 'statuswatch sources')\n",
				   *n);
			*ret_code = CLI_EXIT_USAGE;
			return NULL;
		}
	}
	Daemon *d = daemon_new(g_steal_pointer(&config), o->config_path, g_steal_pointer(&store),
			       only, &error);
	if (d == NULL) {
		cli_fail(error);
		*ret_code = CLI_EXIT_USAGE;
	}
	return d;
}

StateLock *
cli_lock_state_dir(const CliOptions *o, const char *command)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *dir = cli_state_dir(o);
	g_autofree char *holder = g_strdup_printf("statuswatch %s", command);
	StateLock *lock = state_lock_acquire(dir, holder, &error);

	if (lock == NULL) {
		cli_fail(error);
	}
	return lock;
}

static int
cmd_run(CliOptions *o)
{
	int code = CLI_EXIT_OK;
	g_autoptr(StateLock) lock = cli_lock_state_dir(o, "run");

	if (lock == NULL) {
		return CLI_EXIT_FAILURE;
	}
	g_autoptr(Daemon) d = open_daemon(o, NULL, &code);

	if (d == NULL) {
		return code;
	}
	daemon_run(d);
	return CLI_EXIT_OK;
}

static int
cmd_poll(CliOptions *o)
{
	int code = CLI_EXIT_OK;
	g_autoptr(StateLock) lock = cli_lock_state_dir(o, "poll");

	if (lock == NULL) {
		return CLI_EXIT_FAILURE;
	}
	g_autoptr(Daemon) d = open_daemon(o, o->args, &code);

	if (d == NULL) {
		return code;
	}
	return daemon_poll_once(d) ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

static char *
format_time(gint64 t, gint64 now)
{
	if (t == SW_TIME_NONE) {
		return g_strdup("never");
	}
	g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
	if (dt == NULL) {
		return g_strdup("?");
	}
	g_autofree char *abs = g_date_time_format(dt, "%Y-%m-%d %H:%M:%SZ");
	gint64 diff = t - now;
	gint64 mag = diff < 0 ? -diff : diff;
	g_autofree char *rel = mag < 120    ? g_strdup_printf("%" G_GINT64_FORMAT " s", mag)
			       : mag < 7200 ? g_strdup_printf("%" G_GINT64_FORMAT " min", mag / 60)
					    : g_strdup_printf("%" G_GINT64_FORMAT " h", mag / 3600);
	return g_strdup_printf("%s (%s%s%s)", abs, diff > 0 ? "in " : "", rel,
			       diff > 0 ? "" : " ago");
}

static char *
describe_sources(const Config *config, Store *store, gint64 now, GError **error)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < config->sources->len; i++) {
		const SourceConfig *cfg = config->sources->pdata[i];
		g_autoptr(SourceState) st = store_get_source_state(store, cfg->name, error);
		if (st == NULL) {
			g_string_free(s, TRUE);
			return NULL;
		}
		g_autofree char *url = cfg->url != NULL ? secret_mask(cfg->url) : NULL;
		g_autofree char *ok = format_time(st->last_success, now);
		g_autofree char *next = format_time(st->next_poll, now);
		/* A server's words: one line, no terminal escapes (issue 16, defect 4). */
		g_autofree char *err = terminal_safe(st->last_error, true);
		g_string_append_printf(s, "%s%s (%s)%s\n", i > 0 ? "\n" : "", cfg->name, cfg->type,
				       cfg->enabled ? "" : " disabled");
		if (url != NULL) {
			g_string_append_printf(s, "  url:                  %s\n", url);
		}
		g_string_append_printf(s, "  last success:         %s\n", ok);
		g_string_append_printf(s, "  last error:           %s\n", err != NULL ? err : "none");
		g_string_append_printf(s, "  consecutive failures: %u%s\n", st->consecutive_failures,
				       st->unreachable_reported ? " (unreachable)" : "");
		g_string_append_printf(s, "  next poll:            %s\n",
				       st->next_poll == SW_TIME_NONE ? "as soon as running" : next);
		g_string_append_printf(s, "  etag:                 %s\n",
				       st->etag != NULL ? "yes" : "no");
	}
	return g_string_free(s, FALSE);
}

static int
cmd_sources(CliOptions *o)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = NULL;
	g_autoptr(Store) store = NULL;
	int code = cli_open_config_and_store(o, &config, &store);

	if (code != CLI_EXIT_OK) {
		return code;
	}
	gint64 now = g_get_real_time() / G_USEC_PER_SEC;
	g_autofree char *text = describe_sources(config, store, now, &error);
	if (text == NULL) {
		cli_fail(error);
		return CLI_EXIT_FAILURE;
	}
	fputs(text, stdout);
	return CLI_EXIT_OK;
}

const CliCommand cli_command_run = {
	"run", "", "Run the daemon: poll, link and notify until stopped", NULL, cmd_run,
};

const CliCommand cli_command_poll = {
	"poll", "[SOURCE...]", "Poll sources and store what they report", poll_entries, cmd_poll,
};

const CliCommand cli_command_sources = {
	"sources", "", "Show each source's health and schedule", NULL, cmd_sources,
};
