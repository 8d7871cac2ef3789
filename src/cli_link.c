/*
 * The offline commands: `link` (parse local files, link, print; no store) and
 * `demo` (the same over the bundled July 2023 Exchange Online sample).
 */
#include "cli_private.h"

#include <stdio.h>

#include <glib.h>

#include "build-config.h"
#include "alert/outbox.h"
#include "model/alert.h"
#include "config.h"
#include "daemon/daemon.h"
#include "linker/linker.h"
#include "model/advisory.h"
#include "model/incident.h"
#include "notify/render.h"
#include "report/report.h"

static gboolean opt_json;

static const GOptionEntry link_entries[] = {
	{"json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON (see statuswatch-json(5))",
	 NULL},
	G_OPTION_ENTRY_NULL,
};

/* A listing of this many incidents leaves the linker and the incidents to the end
 * of the process instead of freeing them (see cmd_link()). */
#define LINK_LEAVE_MIN 4096

/* A piece of the JSON listing to stdout (ReportWriteFunc). */
static void
write_stdout(const char *piece, gsize len, gpointer user)
{
	(void)user;
	fwrite(piece, 1, len, stdout);
}

static int
cmd_link(CliOptions *o)
{
	/* What a big `link` leaves: still reachable, so no leak checker counts it lost,
	 * and freed by the next cmd_link() of the same process (the fuzzer's), if any;
	 * static for that, but no other function's business. */
	static struct {
		Linker *linker;
		GPtrArray *incidents;
	} left_at_exit;
	g_autoptr(GError) error = NULL;

	g_clear_pointer(&left_at_exit.linker, linker_free);
	g_clear_pointer(&left_at_exit.incidents, g_ptr_array_unref);
	if (o->args[0] == NULL) {
		g_printerr("statuswatch: link needs at least one FILE (try 'statuswatch link --help')\n");
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Config) config = config_load(o->config_path, &error);
	if (config == NULL) {
		return cli_fail(error);
	}
	g_auto(LinkerOptions) lo = {0};
	daemon_linker_options(config, &lo);
	gint64 now = cli_now();
	g_autoptr(Linker) linker = linker_new(&lo);
	bool ok = cli_add_files(o->args, now, linker, NULL);
	g_autoptr(GPtrArray) incidents = linker_incidents(linker, now);
	if (opt_json) {
		/* Written as the threads render it (never 37 MB at once over 2,000
		 * feeds); it ends with "]}", so a newline, as cli_print_and_free()
		 * would add. */
		report_incidents_json_write(incidents, NULL, now, write_stdout, NULL);
		fputc('\n', stdout);
	} else {
		cli_print_and_free(report_incidents_text(incidents, now));
	}
	if (incidents->len >= LINK_LEAVE_MIN) {
		/* The process ends once this returns, and the kernel takes its memory
		 * back at once: freeing it first, block by block (over 2,000 feeds
		 * 70,000 advisories with their texts' features, 270,000 terms and
		 * their postings, 70,000 incidents), cost 0.4 s of CPU, on threads
		 * that took a core from writing the listing. */
		left_at_exit.linker = g_steal_pointer(&linker);
		left_at_exit.incidents = g_steal_pointer(&incidents);
	}
	return ok ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

/* The bundled sample: $STATUSWATCH_DATADIR/demo, the source tree's share/demo (when run from
 * a build directory), then the installed data directory. */
static char *
find_demo_dir(void)
{
	const char *env = g_getenv("STATUSWATCH_DATADIR");
	const char *candidates[] = {env, SW_SOURCE_DATADIR, SW_DATADIR};

	for (gsize i = 0; i < G_N_ELEMENTS(candidates); i++) {
		if (candidates[i] == NULL) {
			continue;
		}
		g_autofree char *dir = g_build_filename(candidates[i], "demo", NULL);
		if (g_file_test(dir, G_FILE_TEST_IS_DIR)) {
			return g_steal_pointer(&dir);
		}
	}
	return NULL;
}

static int
cmd_demo(CliOptions *o)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *dir = find_demo_dir();

	if (dir == NULL) {
		g_printerr("statuswatch: demo data not found (looked in $STATUSWATCH_DATADIR/demo, "
			   "%s/demo, %s/demo)\n", SW_SOURCE_DATADIR, SW_DATADIR);
		return CLI_EXIT_FAILURE;
	}
	g_autoptr(GDir) d = g_dir_open(dir, 0, &error);
	if (d == NULL) {
		return cli_fail(error);
	}
	g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
	for (const char *n = g_dir_read_name(d); n != NULL; n = g_dir_read_name(d)) {
		if (g_str_has_suffix(n, ".json") || g_str_has_suffix(n, ".xml") ||
		    g_str_has_suffix(n, ".rss") || g_str_has_suffix(n, ".atom")) {
			g_ptr_array_add(files, g_build_filename(dir, n, NULL));
		}
	}
	g_ptr_array_sort(files, (GCompareFunc)g_strcmp0);
	g_ptr_array_add(files, NULL);

	LinkerOptions lo;
	linker_options_init(&lo);
	/* The sample is from July 2023; judge it the day after its last advisory ended
	 * (EX649488, 26 July 07:30 UTC), when all was resolved. */
	gint64 now = 1690416000; /* 2023-07-27T00:00:00Z */
	g_autoptr(Linker) linker = linker_new(&lo);
	g_autoptr(GPtrArray) advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	bool ok = cli_add_files((char **)files->pdata, now, linker, advisories);
	g_autoptr(GPtrArray) incidents = linker_incidents(linker, now);

	g_print("statuswatch demo: Exchange Online, 17-26 July 2023 (%s)\n\n", dir);
	g_print("1. The provider published %u separate advisories:\n\n", advisories->len);
	cli_print_and_free(report_advisories_text(advisories));
	g_print("\n2. statuswatch links them into %u incident%s:\n\n", incidents->len,
		incidents->len == 1 ? "" : "s");
	cli_print_and_free(report_incidents_text(incidents, now));
	const Incident *joined = NULL;
	for (guint i = 0; i < incidents->len; i++) {
		const Incident *inc = incidents->pdata[i];
		if (inc->members->len > 1) {
			g_print("\n3. Why %u advisories are one incident:\n\n", inc->members->len);
			cli_print_and_free(report_incident_explain(inc, now));
			joined = joined != NULL ? joined : inc;
		}
	}
	if (joined != NULL) {
		/* The one alert instead of one per advisory: what the notifier of the built-in
		 * configuration is handed once the incident resolved (after its "opened"). */
		g_autoptr(Config) defaults = config_load_default();
		const NotifierConfig *nc =
			defaults->notifiers->len > 0 ? defaults->notifiers->pdata[0] : NULL;
		const char *name = nc != NULL ? nc->name : "terminal";
		g_autofree char *key = outbox_key(joined->id, name, 2);
		/* Dated when it resolved (its last member's end), as the daemon would send it,
		 * not at the demo's clock: an alert older than the end it reports reads wrong. */
		gint64 resolved = incident_end(joined, now);
		g_autoptr(Alert) alert = alert_new(ALERT_KIND_RESOLVED, key, name,
						   resolved != SW_TIME_NONE ? resolved : now);
		alert->previous = ALERT_KIND_OPENED;
		alert->incident = (Incident *)joined; /* borrowed: detached below */
		g_print("\n4. The one alert the default notifier ('%s', type %s) sends when it "
			"resolves:\n\n",
			name, nc != NULL ? nc->type : "terminal");
		cli_print_and_free(render_text(alert));
		alert->incident = NULL;
	}
	return ok ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

const CliCommand cli_command_link = {
	"link", "FILE...", "Parse local feed files, link them and print incidents (no store)",
	link_entries, cmd_link,
};

const CliCommand cli_command_demo = {
	"demo", "", "Run the pipeline over the bundled July 2023 Exchange Online sample", NULL,
	cmd_demo,
};
