/*
 * `merge` and `split`: people's decisions, recorded in the store and applied by a
 * relink, so `show` reflects them.  Only one process at a time relinks a state
 * directory (two relinks at once could store a stale linking or alert twice), so:
 * with the state directory free, the command takes its lock, records and relinks at
 * once; while `statuswatch run` holds it, the command only records (one row; SQLite's
 * busy timeout waits for the daemon's transaction) and sends the daemon SIGHUP, whose
 * handler relinks the advisories named by decisions it has not applied yet.
 */
#include "cli_private.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include <glib.h>

#include "config.h"
#include "daemon/daemon.h"
#include "pipeline/pipeline.h"
#include "store/state_lock.h"
#include "store/store.h"
#include "util/error.h"

/* What the lock file names as its holder when that is the daemon (cli_daemon.c). */
#define DAEMON_HOLDER "statuswatch run"
/* How long to wait for a daemon that holds the lock but has not set its SIGHUP handler
 * yet (it is starting: SIGHUP would end it): 5 s, 100 ms at a time; a start takes
 * well under a second unless its first relink is long, and then the next relink
 * applies the decision anyway. */
#define HANDLER_WAIT_STEPS 50
#define HANDLER_WAIT_STEP_US (100 * 1000)

/* Whether @pid has a SIGHUP handler (Linux: bit 0 of SigCgt in /proc/PID/status).  True
 * when that cannot be told: the signal is then sent as `systemctl reload` would. */
static bool
catches_sighup(long pid)
{
	g_autofree char *path = g_strdup_printf("/proc/%ld/status", pid);
	g_autofree char *text = NULL;

	if (!g_file_get_contents(path, &text, NULL, NULL)) {
		return true;
	}
	const char *line = strstr(text, "\nSigCgt:");
	if (line == NULL) {
		return true;
	}
	guint64 mask = g_ascii_strtoull(line + strlen("\nSigCgt:"), NULL, 16);
	return (mask & ((guint64)1 << (SIGHUP - 1))) != 0;
}

/* Whether @pid is a statuswatch process in this pid namespace.  The pid a lock file
 * names may be stale (the daemon crashed), recycled by an unrelated process, or another
 * namespace's (a daemon in a container sharing the state directory writes its own pid,
 * often 1): only a statuswatch here is ever signalled. */
static bool
is_statuswatch_here(long pid)
{
	g_autofree char *ns_path = g_strdup_printf("/proc/%ld/ns/pid", pid);
	g_autofree char *their_ns = g_file_read_link(ns_path, NULL);
	g_autofree char *our_ns = g_file_read_link("/proc/self/ns/pid", NULL);

	if (their_ns == NULL || our_ns == NULL || strcmp(their_ns, our_ns) != 0) {
		return false;
	}
	g_autofree char *exe_path = g_strdup_printf("/proc/%ld/exe", pid);
	g_autofree char *their_exe = g_file_read_link(exe_path, NULL);
	g_autofree char *our_exe = g_file_read_link("/proc/self/exe", NULL);
	if (their_exe != NULL && our_exe != NULL) {
		/* An upgrade replaces the file the daemon runs: " (deleted)". */
		if (g_str_has_suffix(their_exe, " (deleted)")) {
			their_exe[strlen(their_exe) - strlen(" (deleted)")] = '\0';
		}
		if (strcmp(their_exe, our_exe) == 0) {
			return true;
		}
	}
	/* Another build or install of it: its command name. */
	g_autofree char *comm_path = g_strdup_printf("/proc/%ld/comm", pid);
	g_autofree char *comm = NULL;
	return g_file_get_contents(comm_path, &comm, NULL, NULL) &&
	       strcmp(g_strchomp(comm), "statuswatch") == 0;
}

/* How the decision reaches the holder of the state directory's lock; prints the one line
 * that says what happened.  @what is "merged A and B by hand". */
static void
hand_to_holder(const char *dir, const char *what)
{
	long pid = 0;
	g_autofree char *holder = NULL;

	if (!state_lock_holder(dir, &pid, &holder)) {
		g_print("%s: recorded; another statuswatch holds the state directory, so it "
			"applies at the next relink\n",
			what);
		return;
	}
	if (strcmp(holder, DAEMON_HOLDER) != 0) {
		/* `poll` has no SIGHUP handler: the signal would end it. */
		g_print("%s: recorded; %s (pid %ld) holds the state directory, so it applies at "
			"the next relink\n",
			what, holder, pid);
		return;
	}
	if (!is_statuswatch_here(pid)) {
		g_print("%s: recorded; the lock file names pid %ld, which is not a statuswatch "
			"daemon here, so it applies at the next relink\n",
			what, pid);
		return;
	}
	for (guint i = 0; i < HANDLER_WAIT_STEPS && !catches_sighup(pid); i++) {
		g_usleep(HANDLER_WAIT_STEP_US);
	}
	if (!catches_sighup(pid)) {
		g_print("%s: recorded; the daemon (pid %ld) is still starting, so it applies at "
			"its next relink\n",
			what, pid);
		return;
	}
	/* The wait may have outlived that daemon: signal only the one still named. */
	long now_pid = 0;
	g_autofree char *now_holder = NULL;
	if (!state_lock_holder(dir, &now_pid, &now_holder) || now_pid != pid ||
	    strcmp(now_holder, DAEMON_HOLDER) != 0 || !is_statuswatch_here(pid)) {
		g_print("%s: recorded; the daemon (pid %ld) is gone, so it applies at the next "
			"relink\n",
			what, pid);
		return;
	}
	if (kill((pid_t)pid, SIGHUP) == 0) {
		g_print("%s: recorded; the running daemon (pid %ld) was asked to apply it\n", what,
			pid);
		return;
	}
	int err = errno;
	if (err == EPERM) {
		g_print("%s: recorded; the running daemon (pid %ld) belongs to another user: "
			"apply it with 'systemctl reload statuswatch' or 'kill -HUP %ld'\n",
			what, pid, pid);
	} else {
		g_print("%s: recorded; the daemon (pid %ld) could not be asked to apply it (%s): "
			"it applies at the next relink\n",
			what, pid, g_strerror(err));
	}
}

static int
record_decision(CliOptions *o, StoreDecisionKind kind)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = NULL;
	g_autoptr(Store) store = NULL;
	g_autofree char *dir = cli_state_dir(o);
	g_autofree char *holder = g_strdup_printf(
		"statuswatch %s", kind == STORE_DECISION_MERGE ? "merge" : "split");
	g_autoptr(StateLock) lock = state_lock_acquire(dir, holder, &error);

	/* Held by another process: record only (see the top of this file). */
	if (lock == NULL && !g_error_matches(error, SW_ERROR, SW_ERROR_TEMPORARY)) {
		return cli_fail(error);
	}
	g_clear_error(&error);
	int code = cli_open_config_and_store(o, &config, &store);

	if (code != CLI_EXIT_OK) {
		return code;
	}
	g_autofree char *a = cli_resolve_advisory(store, o->args[0], &error);
	if (a == NULL) {
		return cli_fail(error);
	}
	g_autofree char *b = NULL;
	if (kind == STORE_DECISION_MERGE) {
		b = cli_resolve_advisory(store, o->args[1], &error);
		if (b == NULL) {
			return cli_fail(error);
		}
	}
	gint64 now = cli_now();
	if (!store_add_decision(store, kind, a, b, now, &error)) {
		return cli_fail(error);
	}
	g_autofree char *what = kind == STORE_DECISION_MERGE
					? g_strdup_printf("merged %s and %s by hand", a, b)
					: g_strdup_printf("split %s off by hand", a);
	if (lock == NULL) {
		hand_to_holder(dir, what);
		return CLI_EXIT_OK;
	}
	g_auto(LinkerOptions) lo = {0};
	daemon_linker_options(config, &lo);
	g_autoptr(GPtrArray) incidents =
		pipeline_relink(store, &lo, now, SW_TIME_NONE, NULL, NULL, &error);
	if (incidents == NULL) {
		return cli_fail(error);
	}
	g_autoptr(GHashTable) assignments = store_incident_assignments(store, &error);
	const char *id = assignments != NULL ? g_hash_table_lookup(assignments, a) : NULL;
	g_print("%s: incident %s\n", what, id != NULL ? id : "?");
	return CLI_EXIT_OK;
}

static int
cmd_merge(CliOptions *o)
{
	if (o->args[0] == NULL || o->args[1] == NULL || o->args[2] != NULL) {
		g_printerr("statuswatch: merge needs two advisories (try --help)\n");
		return CLI_EXIT_USAGE;
	}
	return record_decision(o, STORE_DECISION_MERGE);
}

static int
cmd_split(CliOptions *o)
{
	if (o->args[0] == NULL || o->args[1] != NULL) {
		g_printerr("statuswatch: split needs one advisory (try --help)\n");
		return CLI_EXIT_USAGE;
	}
	return record_decision(o, STORE_DECISION_SPLIT);
}

const CliCommand cli_command_merge = {
	"merge", "ADVISORY ADVISORY", "Record that two advisories are one incident", NULL,
	cmd_merge,
};

const CliCommand cli_command_split = {
	"split", "ADVISORY", "Record that an advisory is an incident of its own", NULL, cmd_split,
};
