/*
 * The alert commands: `mute`/`unmute` (stored, honoured by every notifier),
 * `outbox [retry ID]` (what waits, what was parked or given up), `why
 * INCIDENT [NOTIFIER]` (the audit trail: link reasons, policy reasons over
 * time, every queued alert and every delivery attempt with the server's
 * answer) and `replay [--json] DIR` (snapshots through the real pipeline and
 * policy on a simulated clock, in a temporary store; nothing is delivered).
 */
#include "cli_private.h"

#include <glib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "alert/engine.h"
#include "alert/outbox.h"
#include "config.h"
#include "daemon/alerting.h"
#include "daemon/daemon.h"
#include "model/alert.h"
#include "pipeline/pipeline.h"
#include "report/report.h"
#include "sources/source.h"
#include "store/store.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/timeparse.h"

static gboolean opt_json;
static gboolean opt_all;
static char *opt_for;

/* An incident named on the command line: an id, an alias, or a member advisory's id. */
static Incident *
find_incident(Store *store, const char *arg, GError **error)
{
	Incident *inc = store_get_incident(store, arg, error);

	if (inc != NULL || !g_error_matches(*error, SW_ERROR, SW_ERROR_NOT_FOUND)) {
		return inc;
	}
	g_autofree char *key = cli_resolve_advisory(store, arg, NULL);
	g_autoptr(GHashTable) assignments = key != NULL ? store_incident_assignments(store, NULL)
							: NULL;
	const char *id = assignments != NULL ? g_hash_table_lookup(assignments, key) : NULL;
	if (id == NULL) {
		return NULL;
	}
	g_clear_error(error);
	return store_get_incident(store, id, error);
}

static char *
format_time(gint64 t)
{
	g_autofree char *s = t != SW_TIME_NONE ? time_format_rfc3339(t) : NULL;

	return g_strdup(s != NULL ? s : "-");
}

/* ---- mute / unmute ---- */

static const GOptionEntry mute_entries[] = {
	{"for", 0, 0, G_OPTION_ARG_STRING, &opt_for,
	 "Mute for DURATION (like 4h or 2d); default: until unmuted", "DURATION"},
	G_OPTION_ENTRY_NULL,
};

/* "Until unmuted": far enough that no incident outlives it, small enough for any clock. */
#define MUTE_FOREVER (G_GINT64_CONSTANT(100) * 365 * 24 * 3600)

static int
cmd_mute(CliOptions *o)
{
	g_autoptr(GError) error = NULL;
	gint64 duration = MUTE_FOREVER;

	if (o->args[0] == NULL || o->args[1] != NULL) {
		g_printerr("statuswatch: mute needs exactly one INCIDENT (try --help)\n");
		return CLI_EXIT_USAGE;
	}
	if (opt_for != NULL && (!time_parse_duration(opt_for, &duration) || duration <= 0)) {
		g_printerr("statuswatch: mute: --for '%s' is not a duration like 4h\n", opt_for);
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Store) store = cli_open_store(o, &error);
	g_autoptr(Incident) inc = store != NULL ? find_incident(store, o->args[0], &error) : NULL;
	if (inc == NULL) {
		return cli_fail(error);
	}
	gint64 until = cli_now() + duration;
	if (!store_mute_incident(store, inc->id, until, &error)) {
		return cli_fail(error);
	}
	g_autofree char *when = format_time(until);
	if (opt_for != NULL) {
		g_print("muted %s until %s\n", inc->id, when);
	} else {
		g_print("muted %s until unmuted\n", inc->id);
	}
	return CLI_EXIT_OK;
}

static int
cmd_unmute(CliOptions *o)
{
	g_autoptr(GError) error = NULL;

	if (o->args[0] == NULL || o->args[1] != NULL) {
		g_printerr("statuswatch: unmute needs exactly one INCIDENT (try --help)\n");
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Store) store = cli_open_store(o, &error);
	g_autoptr(Incident) inc = store != NULL ? find_incident(store, o->args[0], &error) : NULL;
	if (inc == NULL) {
		return cli_fail(error);
	}
	if (!store_unmute_incident(store, inc->id, &error)) {
		return cli_fail(error);
	}
	for (guint i = 0; i < inc->aliases->len; i++) {
		if (!store_unmute_incident(store, inc->aliases->pdata[i], &error)) {
			return cli_fail(error);
		}
	}
	g_print("unmuted %s\n", inc->id);
	return CLI_EXIT_OK;
}

/* ---- outbox ---- */

static const GOptionEntry outbox_entries[] = {
	{"all", 'a', 0, G_OPTION_ARG_NONE, &opt_all, "Also list delivered and superseded alerts",
	 NULL},
	{"json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "One JSON object per line", NULL},
	G_OPTION_ENTRY_NULL,
};

static int
cmd_outbox(CliOptions *o)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Store) store = cli_open_store(o, &error);

	if (store == NULL) {
		return cli_fail(error);
	}
	if (o->args[0] != NULL) {
		gint64 id = 0;
		if (strcmp(o->args[0], "retry") != 0 || o->args[1] == NULL || o->args[2] != NULL ||
		    !g_ascii_string_to_signed(o->args[1], 10, 1, G_MAXINT64, &id, NULL)) {
			g_printerr("statuswatch: usage: outbox [--all] [--json] | outbox retry ID\n");
			return CLI_EXIT_USAGE;
		}
		if (!outbox_retry(store, id, cli_now(), &error)) {
			return cli_fail(error);
		}
		g_print("outbox entry %" G_GINT64_FORMAT " will be sent again "
			"(by the running daemon, or the next poll --once)\n", id);
		return CLI_EXIT_OK;
	}
	g_autoptr(GPtrArray) rows = store_outbox_list(store, opt_all, &error);
	if (rows == NULL) {
		return cli_fail(error);
	}
	if (rows->len == 0 && !opt_json) {
		g_print("The outbox is empty: nothing pending, parked or given up.\n");
	}
	for (guint i = 0; i < rows->len; i++) {
		const StoreOutboxRow *r = rows->pdata[i];
		g_autofree char *created = format_time(r->created);
		g_autofree char *due = format_time(r->due);
		if (opt_json) {
			cJSON *j = cJSON_CreateObject();
			cJSON_AddNumberToObject(j, "id", (double)r->id);
			cJSON_AddStringToObject(j, "key", r->key != NULL ? r->key : "");
			cJSON_AddStringToObject(j, "notifier", r->notifier);
			/* A notice is about no incident (stored as ""): null, as in the payload. */
			bool has_incident = r->incident_id != NULL && *r->incident_id != '\0';
			cJSON_AddItemToObject(j, "incident", has_incident
								     ? cJSON_CreateString(r->incident_id)
								     : cJSON_CreateNull());
			cJSON_AddStringToObject(j, "event", r->kind);
			cJSON_AddStringToObject(j, "state", r->state);
			cJSON_AddNumberToObject(j, "attempts", r->attempts);
			cJSON_AddStringToObject(j, "created", created);
			cJSON_AddStringToObject(j, "due", due);
			cJSON_AddItemToObject(j, "last_error",
					      r->last_error != NULL ? cJSON_CreateString(r->last_error)
								    : cJSON_CreateNull());
			char *line = cJSON_PrintUnformatted(j);
			g_print("%s\n", line);
			cJSON_free(line);
			cJSON_Delete(j);
			continue;
		}
		g_print("%-6" G_GINT64_FORMAT " %-10s %-9s %-10s %s\n", r->id, r->state, r->kind,
			r->notifier, r->key);
		g_print("       queued %s, %d attempt%s%s%s\n", created, r->attempts,
			r->attempts == 1 ? "" : "s",
			strcmp(r->state, STORE_OUTBOX_PENDING) == 0 ? ", next at " : "",
			strcmp(r->state, STORE_OUTBOX_PENDING) == 0 ? due : "");
		if (r->last_error != NULL) {
			g_print("       last error: %s\n", r->last_error);
		}
	}
	return CLI_EXIT_OK;
}

/* ---- why ---- */

static int
cmd_why(CliOptions *o)
{
	g_autoptr(GError) error = NULL;

	if (o->args[0] == NULL || (o->args[1] != NULL && o->args[2] != NULL)) {
		g_printerr("statuswatch: why needs an INCIDENT and optionally a NOTIFIER (try "
			   "--help)\n");
		return CLI_EXIT_USAGE;
	}
	const char *notifier = o->args[1];
	g_autoptr(Config) config = config_load(o->config_path, &error);
	if (config == NULL) {
		return cli_fail(error);
	}
	if (notifier != NULL && config_find_notifier(config, notifier) == NULL) {
		g_printerr("statuswatch: why: no notifier '%s' in the configuration\n", notifier);
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Store) store = cli_open_store(o, &error);
	g_autoptr(Incident) inc = store != NULL ? find_incident(store, o->args[0], &error) : NULL;
	if (inc == NULL) {
		return cli_fail(error);
	}
	gint64 now = cli_now();
	g_print("Incident %s: %s\n", inc->id, incident_title(inc));
	g_print("  %s, %s, %u advisor%s\n", incident_is_active(inc, now) ? "active" : "resolved",
		advisory_severity_to_string(incident_severity(inc)), inc->members->len,
		inc->members->len == 1 ? "y" : "ies");

	g_print("\nLinks (why these advisories are one incident):\n");
	if (inc->links->len == 0) {
		g_print("  none (one advisory)\n");
	}
	for (guint i = 0; i < inc->links->len; i++) {
		const IncidentLink *l = inc->links->pdata[i];
		g_autoptr(GString) reasons = g_string_new(NULL);
		for (guint j = 0; j < l->reasons->len; j++) {
			g_string_append_printf(reasons, "%s%s", j > 0 ? "; " : "",
					       (char *)l->reasons->pdata[j]);
		}
		g_print("  %s + %s: score %.2f%s: %s\n", l->a_id, l->b_id, l->score,
			l->by_hand ? " (by hand)" : "", reasons->len > 0 ? reasons->str : "-");
	}

	gint64 muted = SW_TIME_NONE;
	if (!store_incident_muted_until(store, inc->id, &muted, &error)) {
		return cli_fail(error);
	}
	if (muted != SW_TIME_NONE && muted > now) {
		g_autofree char *until = format_time(muted);
		g_print("\nMuted until %s.\n", until);
	}

	/* Audit lines of the incident and of ids merged into it. */
	g_print("\nPolicy (filters, holds and alerts, as they happened):\n");
	g_autoptr(GPtrArray) ids = g_ptr_array_new();
	g_ptr_array_add(ids, inc->id);
	for (guint i = 0; i < inc->aliases->len; i++) {
		g_ptr_array_add(ids, inc->aliases->pdata[i]);
	}
	guint lines = 0;
	for (guint k = 0; k < ids->len; k++) {
		g_autoptr(GPtrArray) audit = store_audit_for_incident(store, ids->pdata[k], notifier,
								       &error);
		if (audit == NULL) {
			return cli_fail(error);
		}
		for (guint i = 0; i < audit->len; i++) {
			const StoreAudit *a = audit->pdata[i];
			g_autofree char *at = format_time(a->at);
			g_print("  %s  %-10s %s\n", at, a->notifier != NULL ? a->notifier : "-",
				a->what);
			lines++;
		}
	}
	if (lines == 0) {
		g_print("  nothing recorded yet (the daemon has not run a policy pass over it)\n");
	}

	g_print("\nAlerts and delivery attempts:\n");
	lines = 0;
	for (guint k = 0; k < ids->len; k++) {
		g_autoptr(GPtrArray) rows = store_outbox_for_incident(store, ids->pdata[k], notifier,
								       &error);
		g_autoptr(GPtrArray) tries = rows != NULL ? store_deliveries_for_incident(
								    store, ids->pdata[k], notifier, &error)
							  : NULL;
		if (tries == NULL) {
			return cli_fail(error);
		}
		for (guint i = 0; i < rows->len; i++) {
			const StoreOutboxRow *r = rows->pdata[i];
			g_autofree char *at = format_time(r->created);
			g_print("  %s  %-10s %s %s (%s)\n", at, r->notifier, r->kind, r->key, r->state);
			lines++;
			for (guint j = 0; j < tries->len; j++) {
				const StoreDelivery *d = tries->pdata[j];
				if (d->outbox_id != r->id) {
					continue;
				}
				g_autofree char *dat = format_time(d->at);
				g_print("      %s  %s: %s\n", dat, d->ok ? "delivered" : "failed",
					d->detail != NULL ? d->detail : "");
			}
		}
	}
	if (lines == 0) {
		g_print("  none\n");
	}
	return CLI_EXIT_OK;
}

/* ---- replay ---- */

static const GOptionEntry replay_entries[] = {
	{"json", 0, 0, G_OPTION_ARG_NONE, &opt_json,
	 "One JSON object per line: time, notifier, event, incident", NULL},
	G_OPTION_ENTRY_NULL,
};

typedef struct {
	gint64 time;
	char *path; /* owned */
} Snapshot;

static void
snapshot_free(gpointer p)
{
	Snapshot *s = p;

	g_free(s->path);
	g_free(s);
}

static gint
snapshot_cmp(gconstpointer a, gconstpointer b)
{
	const Snapshot *x = *(Snapshot *const *)a, *y = *(Snapshot *const *)b;

	return x->time < y->time ? -1 : x->time > y->time;
}

/* The snapshot folders of @dir in time order.  Errors: SW_ERROR_CONFIG (a usage error). */
static GPtrArray *
list_snapshots(const char *dir, GError **error)
{
	g_autoptr(GDir) d = g_dir_open(dir, 0, error);

	if (d == NULL) {
		return NULL;
	}
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(snapshot_free);
	for (const char *n = g_dir_read_name(d); n != NULL; n = g_dir_read_name(d)) {
		g_autofree char *path = g_build_filename(dir, n, NULL);
		gint64 t = 0;
		if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
			continue;
		}
		if (!time_parse_rfc3339(n, &t)) {
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "replay: '%s' is not a snapshot folder named by its RFC 3339 time "
				    "(like 2025-10-29T16:10:00Z)",
				    path);
			return NULL;
		}
		Snapshot *s = g_new0(Snapshot, 1);
		s->time = t;
		s->path = g_steal_pointer(&path);
		g_ptr_array_add(out, s);
	}
	if (out->len == 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "replay: '%s' holds no snapshot folders (one per poll, named like "
			    "2025-10-29T16:10:00Z)",
			    dir);
		return NULL;
	}
	g_ptr_array_sort(out, snapshot_cmp);
	return g_steal_pointer(&out);
}

/* "m365.json" -> "m365" */
static char *
stem(const char *name)
{
	char *s = g_strdup(name);
	char *dot = strrchr(s, '.');

	if (dot != NULL && dot != s) {
		*dot = '\0';
	}
	return s;
}

/* Stores one snapshot: each file is what its source answered at @t. */
static bool
store_snapshot(Store *store, const Snapshot *snap, GHashTable *polls, GPtrArray *changes,
	       GError **error)
{
	g_autoptr(GDir) d = g_dir_open(snap->path, 0, error);

	if (d == NULL) {
		return false;
	}
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	for (const char *n = g_dir_read_name(d); n != NULL; n = g_dir_read_name(d)) {
		if (n[0] != '.') {
			g_ptr_array_add(names, g_strdup(n));
		}
	}
	g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
	for (guint i = 0; i < names->len; i++) {
		g_autofree char *path = g_build_filename(snap->path, names->pdata[i], NULL);
		g_autofree char *name = stem(names->pdata[i]);
		g_autofree char *uri = g_filename_to_uri(path, NULL, NULL);
		g_autofree char *data = NULL;
		gsize len = 0;
		g_autoptr(GError) local = NULL;
		if (!g_file_get_contents(path, &data, &len, &local)) {
			g_warning("%s, skipping", local->message);
			continue;
		}
		SourceContext ctx = {.source_name = name, .base_url = uri, .now = snap->time};
		g_autoptr(SourceResult) result = source_parse(&ctx, data, len, &local);
		if (result == NULL) {
			/* As the daemon would: a failed poll, the source's stored state stays. */
			g_warning("%s: %s, skipping", path, local->message);
			continue;
		}
		g_autoptr(GPtrArray) changed = NULL;
		if (!pipeline_store_source(store, name, result->advisories, snap->time, false,
					   &changed, error)) {
			return false;
		}
		pipeline_changes_merge(changes, changed);
		gint64 *t = g_new(gint64, 1);
		*t = snap->time;
		g_hash_table_replace(polls, g_strdup(name), t);
	}
	return true;
}

static void
print_alert(const Alert *a, bool json)
{
	g_autofree char *when = format_time(a->time);

	if (json) {
		g_autofree char *inc = a->incident != NULL ? report_incident_json(a->incident, a->time)
							   : g_strdup("null");
		g_autoptr(GString) s = g_string_new(NULL);
		g_string_append_printf(s, "{\"time\":\"%s\",\"notifier\":\"%s\",\"event\":\"%s\","
				       "\"incident\":%s",
				       when, a->notifier, alert_kind_to_string(a->kind), inc);
		if (a->kind == ALERT_KIND_SUMMARY) {
			g_string_append(s, ",\"items\":[");
			for (guint i = 0; i < a->items->len; i++) {
				const Alert *it = a->items->pdata[i];
				g_autofree char *ij = it->incident != NULL
							      ? report_incident_json(it->incident, a->time)
							      : g_strdup("null");
				g_string_append_printf(s, "%s{\"event\":\"%s\",\"incident\":%s}",
						       i > 0 ? "," : "", alert_kind_to_string(it->kind),
						       ij);
			}
			g_string_append(s, "]");
		}
		g_string_append(s, "}");
		g_print("%s\n", s->str);
		return;
	}
	if (a->incident == NULL) {
		g_print("%s  %-10s %-8s %u incident%s\n", when, a->notifier,
			alert_kind_to_string(a->kind), a->items->len, a->items->len == 1 ? "" : "s");
		for (guint i = 0; i < a->items->len; i++) {
			const Alert *it = a->items->pdata[i];
			g_print("    %-8s %s: %s\n", alert_kind_to_string(it->kind),
				it->incident != NULL ? it->incident->id : "-",
				it->incident != NULL ? incident_title(it->incident) : "");
		}
		return;
	}
	g_autoptr(GString) ids = g_string_new(NULL);
	for (guint i = 0; i < a->incident->members->len; i++) {
		const Advisory *m = a->incident->members->pdata[i];
		g_string_append_printf(ids, "%s%s", i > 0 ? ", " : "", m->id);
	}
	g_print("%s  %-10s %-8s %s: %s [%s]\n", when, a->notifier, alert_kind_to_string(a->kind),
		a->incident->id, incident_title(a->incident), ids->str);
	for (guint i = 0; i < a->changes->len; i++) {
		g_print("    %s\n", (char *)a->changes->pdata[i]);
	}
}

/* One replay cycle (a snapshot's relink when @relink is not NULL, the policy pass) at @now;
 * prints what it queued. */
static bool
replay_cycle(AlertEngine *engine, Store *store, const AlertingRelink *relink,
	     GHashTable *polls, gint64 now, gint64 *ret_wake, GError **error)
{
	g_auto(AlertingCycle) cycle = {0};

	if (!alerting_cycle(store, engine, relink, polls, now, true, &cycle, error)) {
		return false;
	}
	for (guint i = 0; i < cycle.queued->len; i++) {
		print_alert(cycle.queued->pdata[i], opt_json);
	}
	*ret_wake = cycle.wake;
	return true;
}

/* Replay's timers stop this long after the last snapshot (a held alert or reminder that
 * would come later is not what a replay is for), and after this many passes in a gap. */
#define REPLAY_TAIL (24 * 3600)
#define REPLAY_MAX_TIMER_PASSES 10000

static bool
replay(const Config *config, GPtrArray *snaps, Store *store, GError **error)
{
	g_autoptr(GPtrArray) policies = alerting_policies(config, error);

	if (policies == NULL) {
		return false;
	}
	if (policies->len == 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "replay: the configuration has no [notify:NAME] group, so nobody would "
			    "be alerted");
		return false;
	}
	g_auto(LinkerOptions) lo = {0};
	daemon_linker_options(config, &lo);
	g_autoptr(AlertEngine) engine = alert_engine_new(policies);
	alert_engine_set_replay(engine, true);
	g_autoptr(GHashTable) polls = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
							     g_free);
	for (guint i = 0; i < snaps->len; i++) {
		const Snapshot *snap = snaps->pdata[i];
		gint64 horizon = i + 1 < snaps->len ? ((Snapshot *)snaps->pdata[i + 1])->time
						    : snap->time + REPLAY_TAIL;
		g_autoptr(GPtrArray) changes = pipeline_changes_new();
		if (!store_snapshot(store, snap, polls, changes, error)) {
			return false;
		}
		const AlertingRelink relink = {
			.opts = &lo,
			.since = pipeline_since(changes, &lo, snap->time),
			.changes = changes,
		};
		gint64 wake = SW_TIME_NONE;
		if (!replay_cycle(engine, store, &relink, polls, snap->time, &wake, error)) {
			return false;
		}
		/* Timers fire between snapshots: group_wait, group_interval, quiet hours... */
		for (int n = 0; wake != SW_TIME_NONE && wake < horizon; n++) {
			gint64 at = MAX(wake, snap->time + 1);
			if (n == REPLAY_MAX_TIMER_PASSES) {
				break;
			}
			if (!replay_cycle(engine, store, NULL, polls, at, &wake, error)) {
				return false;
			}
			if (wake != SW_TIME_NONE && wake <= at) {
				wake = at + 1;
			}
		}
	}
	return true;
}

static int
cmd_replay(CliOptions *o)
{
	g_autoptr(GError) error = NULL;

	if (o->args[0] == NULL || o->args[1] != NULL) {
		g_printerr("statuswatch: replay needs exactly one DIR (try --help)\n");
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Config) config = config_load(o->config_path, &error);
	if (config == NULL) {
		return cli_fail(error);
	}
	g_autoptr(GPtrArray) snaps = list_snapshots(o->args[0], &error);
	if (snaps == NULL) {
		return cli_fail(error);
	}
	g_autofree char *tmp = g_dir_make_tmp("statuswatch-replay-XXXXXX", &error);
	if (tmp == NULL) {
		return cli_fail(error);
	}
	Store *store = store_open(tmp, &error);
	bool ok = store != NULL && replay(config, snaps, store, &error);
	store_close(store);
	fs_remove_dir(tmp);
	return ok ? CLI_EXIT_OK : cli_fail(error);
}

const CliCommand cli_command_mute = {
	"mute", "INCIDENT", "Hold every alert about an incident (--for 4h, or until unmuted)",
	mute_entries, cmd_mute,
};
const CliCommand cli_command_unmute = {
	"unmute", "INCIDENT", "Alert about an incident again", NULL, cmd_unmute,
};
const CliCommand cli_command_outbox = {
	"outbox", "[retry ID]", "List pending, parked and given-up alerts; resend one",
	outbox_entries, cmd_outbox,
};
const CliCommand cli_command_why = {
	"why", "INCIDENT [NOTIFIER]", "Explain every alert decision and delivery for an incident",
	NULL, cmd_why,
};
const CliCommand cli_command_replay = {
	"replay", "DIR", "Replay snapshots through the pipeline and policy; deliver nothing",
	replay_entries, cmd_replay,
};
