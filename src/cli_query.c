/*
 * `incidents` and `show`: what the store holds, rendered by report/.
 */
#include "cli_private.h"

#include <glib.h>
#include <string.h>

#include "model/incident.h"
#include "report/report.h"
#include "store/store.h"
#include "util/error.h"
#include "util/timeparse.h"

/* `incidents` without --all also lists incidents that ended this recently. */
#define CLI_RECENT_SECONDS (24 * 3600)

static gboolean opt_json;
static gboolean opt_all;

static const GOptionEntry json_entries[] = {
	{"json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON (see statuswatch-json(5))",
	 NULL},
	G_OPTION_ENTRY_NULL,
};

static const GOptionEntry incidents_entries[] = {
	{"json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON (see statuswatch-json(5))",
	 NULL},
	{"all", 'a', 0, G_OPTION_ARG_NONE, &opt_all, "Include every stored incident", NULL},
	G_OPTION_ENTRY_NULL,
};

/* "Muted: ID until TIME" under the table, for listed incidents muted at @now. */
static void
print_mutes(GHashTable *mutes, GPtrArray *incidents, gint64 now)
{
	for (guint i = 0; i < incidents->len; i++) {
		const Incident *inc = incidents->pdata[i];
		gint64 until = incident_muted_until(inc, mutes);
		if (until != SW_TIME_NONE && until > now) {
			g_autofree char *when = time_format_rfc3339(until);
			g_print("Muted: %s until %s (statuswatch unmute %s)\n", inc->id,
				when != NULL ? when : "unmuted", inc->id);
		}
	}
}

static int
cmd_incidents(CliOptions *o)
{
	g_autoptr(GError) error = NULL;

	if (o->args[0] != NULL) {
		g_printerr("statuswatch: incidents takes no arguments (try --help)\n");
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Store) store = cli_open_store(o, &error);
	if (store == NULL) {
		return cli_fail(error);
	}
	gint64 now = cli_now();
	g_autoptr(GPtrArray) incidents = store_load_incidents(store, opt_all, now, &error);
	if (incidents == NULL) {
		return cli_fail(error);
	}
	if (!opt_all) {
		/* What is broken now: active incidents, and those that ended in the last day (so a
		 * fault fixed overnight is still seen in the morning).  Old history that was only
		 * just fetched is not news; --all shows it. */
		for (guint i = incidents->len; i-- > 0;) {
			const Incident *inc = incidents->pdata[i];
			gint64 end = incident_end(inc, now);
			if (!incident_is_active(inc, now) && end != SW_TIME_NONE &&
			    end < now - CLI_RECENT_SECONDS) {
				g_ptr_array_remove_index(incidents, i);
			}
		}
	}
	g_autoptr(GHashTable) mutes = store_list_mutes(store, &error);
	if (mutes == NULL) {
		return cli_fail(error);
	}
	cli_print_and_free(opt_json ? report_incidents_json(incidents, mutes, now)
			       : report_incidents_text(incidents, now));
	if (!opt_json) {
		print_mutes(mutes, incidents, now);
	}
	return CLI_EXIT_OK;
}

static int
cmd_show(CliOptions *o)
{
	g_autoptr(GError) error = NULL;

	if (o->args[0] == NULL || o->args[1] != NULL) {
		g_printerr("statuswatch: show needs exactly one incident ID (try --help)\n");
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Store) store = cli_open_store(o, &error);
	if (store == NULL) {
		return cli_fail(error);
	}
	g_autoptr(Incident) inc = store_get_incident(store, o->args[0], &error);
	if (inc == NULL && g_error_matches(error, SW_ERROR, SW_ERROR_NOT_FOUND)) {
		/* Not an incident id or alias: maybe an advisory id ("EX649175"). */
		g_autoptr(GError) adv_error = NULL;
		g_autofree char *key = cli_resolve_advisory(store, o->args[0], &adv_error);
		/* A member's incident, or a note's (listed with it: see Incident.notes).
		 * cli_resolve_advisory() knows members only (store_incident_assignments():
		 * a note owns no incident id), so a note's "SOURCE/ID" is looked up as it
		 * is typed, and its bare id among every listing. */
		g_autofree char *id = NULL;
		const char *k = key != NULL ? key : o->args[0];
		const char *slash = strchr(k, '/');
		if (slash != NULL) {
			g_autofree char *source = g_strndup(k, (gsize)(slash - k));
			if (!store_incident_listing(store, source, slash + 1, &id, NULL)) {
				id = NULL;
			}
		}
		if (id == NULL && key == NULL) {
			g_autoptr(GPtrArray) ids =
				store_incidents_listing_id(store, o->args[0], NULL);
			if (ids != NULL && ids->len == 1) {
				id = g_strdup(ids->pdata[0]);
			} else if (ids != NULL && ids->len > 1) {
				/* One id of two sources, each listed with another incident. */
				g_clear_error(&error);
				g_set_error(&error, SW_ERROR, SW_ERROR_NOT_FOUND,
					    "advisory '%s' is listed with %u incidents ('%s', '%s'"
					    "%s): name it as SOURCE/%s",
					    o->args[0], ids->len, (char *)ids->pdata[0],
					    (char *)ids->pdata[1], ids->len > 2 ? ", ..." : "",
					    o->args[0]);
			}
		}
		if (id != NULL) {
			g_clear_error(&error);
			inc = store_get_incident(store, id, &error);
		}
	}
	if (inc == NULL) {
		return cli_fail(error);
	}
	gint64 now = cli_now();
	cli_print_and_free(opt_json ? report_incident_json(inc, now)
				    : report_incident_explain(inc, now));
	return CLI_EXIT_OK;
}

const CliCommand cli_command_incidents = {
	"incidents", "", "List active incidents and those ended in the last 24 h (all with --all)",
	incidents_entries, cmd_incidents,
};

const CliCommand cli_command_show = {
	"show", "ID", "Explain one incident: members, notes, links and timeline", json_entries,
	cmd_show,
};
