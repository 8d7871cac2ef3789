/*
 * `merge` and `split`: people's decisions, recorded in the store and applied
 * by relinking at once, so `show` reflects them.
 */
#include "cli_private.h"

#include <glib.h>

#include "config.h"
#include "daemon/daemon.h"
#include "pipeline/pipeline.h"
#include "store/store.h"
#include "util/error.h"

/* Records a person's decision and relinks at once, so `show` reflects it.  It stores
 * incidents as the daemon does, so it holds the state directory's lock like `poll`: a
 * relink racing the daemon's could store a stale linking or alert twice. */
static int
record_decision(CliOptions *o, StoreDecisionKind kind)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = NULL;
	g_autoptr(Store) store = NULL;
	g_autoptr(StateLock) lock = cli_lock_state_dir(
		o, kind == STORE_DECISION_MERGE ? "merge" : "split");

	if (lock == NULL) {
		return CLI_EXIT_FAILURE;
	}
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
	g_auto(LinkerOptions) lo = {0};
	daemon_linker_options(config, &lo);
	g_autoptr(GPtrArray) incidents =
		pipeline_relink(store, &lo, now, SW_TIME_NONE, NULL, NULL, &error);
	if (incidents == NULL) {
		return cli_fail(error);
	}
	g_autoptr(GHashTable) assignments = store_incident_assignments(store, &error);
	const char *id = assignments != NULL ? g_hash_table_lookup(assignments, a) : NULL;
	if (kind == STORE_DECISION_MERGE) {
		g_print("merged %s and %s by hand: incident %s\n", a, b, id != NULL ? id : "?");
	} else {
		g_print("split %s off by hand: incident %s\n", a, id != NULL ? id : "?");
	}
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
