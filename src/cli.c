/*
 * The command line (see cli.h).  A table of subcommands drives parsing, help
 * and dispatch; GOption parses global options (accepted before or after the
 * subcommand) together with the subcommand's own.  Commands wire the stages
 * together (sources → store → linker → report); nothing below this file prints
 * to stdout.
 */
#include "cli.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "build-config.h"
#include "config.h"
#include "daemon/daemon.h"
#include "daemon/pipeline.h"
#include "linker/linker.h"
#include "model/advisory.h"
#include "model/incident.h"
#include "report/report.h"
#include "sources/source.h"
#include "store/store.h"
#include "util/error.h"
#include "util/log.h"
#include "util/terminal.h"
#include "util/timeparse.h"

typedef struct {
	/* global options */
	char *config_path;
	char *state_dir;
	gboolean verbose;
	gboolean quiet;
	/* command options (only the ones a command declares are parsed) */
	gboolean json;
	gboolean all;
	gboolean once;
	gboolean dry_run;
	char **args; /* remaining arguments after the subcommand */
} CliOptions;

typedef int (*CommandFunc)(CliOptions *opts);

/* `incidents` without --all also lists incidents that ended this recently. */
#define CLI_RECENT_SECONDS (24 * 3600)

typedef struct {
	const char *name;
	const char *parameter; /* for usage: "[SOURCE...]" */
	const char *summary;
	const GOptionEntry *entries; /* command-specific options, may be NULL */
	CommandFunc run;
} Command;

static CliOptions options;

static const GOptionEntry global_entries[] = {
	{"config", 'c', 0, G_OPTION_ARG_FILENAME, &options.config_path,
	 "Read the configuration from FILE", "FILE"},
	{"state-dir", 0, 0, G_OPTION_ARG_FILENAME, &options.state_dir,
	 "Keep state in DIR (default $XDG_STATE_HOME/statuswatch)", "DIR"},
	{"verbose", 'v', 0, G_OPTION_ARG_NONE, &options.verbose, "Log more", NULL},
	{"quiet", 'q', 0, G_OPTION_ARG_NONE, &options.quiet, "Log only warnings and errors", NULL},
	G_OPTION_ENTRY_NULL,
};

static const GOptionEntry json_entries[] = {
	{"json", 0, 0, G_OPTION_ARG_NONE, &options.json, "Print JSON (see statuswatch-json(5))",
	 NULL},
	G_OPTION_ENTRY_NULL,
};

static const GOptionEntry incidents_entries[] = {
	{"json", 0, 0, G_OPTION_ARG_NONE, &options.json, "Print JSON (see statuswatch-json(5))",
	 NULL},
	{"all", 'a', 0, G_OPTION_ARG_NONE, &options.all, "Include every stored incident", NULL},
	G_OPTION_ENTRY_NULL,
};

static const GOptionEntry poll_entries[] = {
	{"once", 0, 0, G_OPTION_ARG_NONE, &options.once, "Poll once and exit", NULL},
	G_OPTION_ENTRY_NULL,
};

static const GOptionEntry digest_entries[] = {
	{"dry-run", 'n', 0, G_OPTION_ARG_NONE, &options.dry_run,
	 "Print the digest instead of sending it", NULL},
	G_OPTION_ENTRY_NULL,
};

static int
not_built(const char *what)
{
	g_printerr("statuswatch: '%s' is not built yet in this version\n", what);
	return CLI_EXIT_USAGE;
}

static int cmd_run(CliOptions *o) { return daemon_cmd_run(o->config_path, o->state_dir); }
static int cmd_poll(CliOptions *o) { return daemon_cmd_poll(o->config_path, o->state_dir, o->once, o->args); }
/* Exit code for an error: configuration problems are the user's to fix (2), the rest is 1. */
static int
exit_code_for(const GError *error)
{
	if (error != NULL && error->domain == SW_ERROR &&
	    (error->code == SW_ERROR_CONFIG || error->code == SW_ERROR_NOT_FOUND)) {
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_FAILURE;
}

static int
fail(const GError *error)
{
	/* A server's reason phrase or a feed's text may be in the message: no escapes. */
	g_autofree char *msg = terminal_safe(error->message, true);
	g_printerr("statuswatch: %s\n", msg);
	return exit_code_for(error);
}

static void
print_and_free(char *text)
{
	fputs(text, stdout);
	if (*text != '\0' && text[strlen(text) - 1] != '\n') {
		fputc('\n', stdout);
	}
	g_free(text);
}

/*
 * The clock of the offline commands.  STATUSWATCH_NOW (RFC 3339) pins it, so
 * fixtures with expected output do not drift as real time passes (an open
 * advisory with no status goes stale after three days).
 */
static gint64
cli_now(void)
{
	const char *pinned = g_getenv("STATUSWATCH_NOW");
	gint64 t;

	if (pinned != NULL && time_parse_rfc3339(pinned, &t)) {
		return t;
	}
	return g_get_real_time() / G_USEC_PER_SEC;
}

static Store *
open_store(const CliOptions *o, GError **error)
{
	g_autofree char *dir = o->state_dir != NULL ? g_strdup(o->state_dir) : store_default_dir();

	return store_open(dir, error);
}

/* "report.json" → "report": files read by `link` and `demo` are named after their file. */
static char *
source_name_for_file(const char *path)
{
	char *base = g_path_get_basename(path);
	char *dot = strrchr(base, '.');

	if (dot != NULL && dot != base) {
		*dot = '\0';
	}
	return base;
}

/*
 * Parses local files of any supported format and adds their advisories to
 * @linker (and to @all, if given).  A file that cannot be read or parsed is
 * one warning line; the others are still used.  Returns false if any failed.
 */
static bool
add_files(char **paths, gint64 now, Linker *linker, GPtrArray *all)
{
	bool ok = true;

	for (char **p = paths; *p != NULL; p++) {
		g_autoptr(GError) error = NULL;
		g_autofree char *data = NULL;
		gsize len = 0;
		g_autofree char *name = source_name_for_file(*p);
		g_autofree char *uri = g_filename_to_uri(*p, NULL, NULL);

		if (!g_file_get_contents(*p, &data, &len, &error)) {
			g_warning("%s, skipping", error->message);
			ok = false;
			continue;
		}
		SourceContext ctx = {
			.source_name = name,
			.base_url = uri,
			.now = now,
		};
		g_autoptr(SourceResult) result = source_parse(&ctx, data, len, &error);
		if (result == NULL) {
			g_warning("%s: %s, skipping", *p, error->message);
			ok = false;
			continue;
		}
		for (guint i = 0; i < result->warnings->len; i++) {
			g_warning("%s: %s", *p, (char *)result->warnings->pdata[i]);
		}
		for (guint i = 0; i < result->advisories->len; i++) {
			Advisory *a = result->advisories->pdata[i];
			linker_add(linker, a);
			if (all != NULL) {
				g_ptr_array_add(all, advisory_ref(a));
			}
		}
	}
	return ok;
}

static int
cmd_link(CliOptions *o)
{
	g_autoptr(GError) error = NULL;

	if (o->args[0] == NULL) {
		g_printerr("statuswatch: link needs at least one FILE (try 'statuswatch link --help')\n");
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Config) config = config_load(o->config_path, &error);
	if (config == NULL) {
		return fail(error);
	}
	LinkerOptions lo;
	pipeline_linker_options(config, &lo);
	gint64 now = cli_now();
	g_autoptr(Linker) linker = linker_new(&lo);
	bool ok = add_files(o->args, now, linker, NULL);
	g_autoptr(GPtrArray) incidents = linker_incidents(linker, now);

	print_and_free(o->json ? report_incidents_json(incidents, now)
			       : report_incidents_text(incidents, now));
	return ok ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

static int
cmd_incidents(CliOptions *o)
{
	g_autoptr(GError) error = NULL;

	if (o->args[0] != NULL) {
		g_printerr("statuswatch: incidents takes no arguments (try --help)\n");
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Store) store = open_store(o, &error);
	if (store == NULL) {
		return fail(error);
	}
	gint64 now = cli_now();
	g_autoptr(GPtrArray) incidents = store_load_incidents(store, o->all, now, &error);
	if (incidents == NULL) {
		return fail(error);
	}
	if (!o->all) {
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
	print_and_free(o->json ? report_incidents_json(incidents, now)
			       : report_incidents_text(incidents, now));
	return CLI_EXIT_OK;
}

static char *resolve_advisory(Store *store, const char *arg, GError **error);

static int
cmd_show(CliOptions *o)
{
	g_autoptr(GError) error = NULL;

	if (o->args[0] == NULL || o->args[1] != NULL) {
		g_printerr("statuswatch: show needs exactly one incident ID (try --help)\n");
		return CLI_EXIT_USAGE;
	}
	g_autoptr(Store) store = open_store(o, &error);
	if (store == NULL) {
		return fail(error);
	}
	g_autoptr(Incident) inc = store_get_incident(store, o->args[0], &error);
	if (inc == NULL && g_error_matches(error, SW_ERROR, SW_ERROR_NOT_FOUND)) {
		/* Not an incident id or alias: maybe an advisory id ("EX649175"). */
		g_autoptr(GError) adv_error = NULL;
		g_autofree char *key = resolve_advisory(store, o->args[0], &adv_error);
		g_autoptr(GHashTable) assignments =
			key != NULL ? store_incident_assignments(store, NULL) : NULL;
		const char *id = assignments != NULL ? g_hash_table_lookup(assignments, key) : NULL;
		if (id != NULL) {
			g_clear_error(&error);
			inc = store_get_incident(store, id, &error);
		}
	}
	if (inc == NULL) {
		return fail(error);
	}
	gint64 now = cli_now();
	print_and_free(o->json ? report_incident_json(inc, now) : report_incident_explain(inc, now));
	return CLI_EXIT_OK;
}

static int
cmd_check_config(CliOptions *o)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load(o->config_path, &error);

	if (config == NULL) {
		return fail(error);
	}
	/* A secret from env: or file: that cannot be read here may well be readable where the
	 * daemon runs (systemd's Environment=, another user): warn, do not fail. */
	if (!config_check_secrets(config, &error)) {
		g_warning("%s", error->message);
	}
	g_print("%s: OK\n", config->path != NULL ? config->path : "built-in default configuration");
	print_and_free(config_describe(config));
	return CLI_EXIT_OK;
}

static int cmd_digest(CliOptions *o) { return not_built("digest"); }
static int cmd_notify_test(CliOptions *o) { return not_built("notify-test"); }
static int cmd_sources(CliOptions *o) { return daemon_cmd_sources(o->config_path, o->state_dir); }

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
		return fail(error);
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
	/* The sample is from July 2023; judge it as of a week later, when all was resolved. */
	gint64 now = 1690329600; /* 2023-07-26T00:00:00Z */
	g_autoptr(Linker) linker = linker_new(&lo);
	g_autoptr(GPtrArray) advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	bool ok = add_files((char **)files->pdata, now, linker, advisories);
	g_autoptr(GPtrArray) incidents = linker_incidents(linker, now);

	g_print("statuswatch demo: Exchange Online, 17-26 July 2023 (%s)\n\n", dir);
	g_print("1. The provider published %u separate advisories:\n\n", advisories->len);
	print_and_free(report_advisories_text(advisories));
	g_print("\n2. statuswatch links them into %u incident%s:\n\n", incidents->len,
		incidents->len == 1 ? "" : "s");
	print_and_free(report_incidents_text(incidents, now));
	for (guint i = 0; i < incidents->len; i++) {
		const Incident *inc = incidents->pdata[i];
		if (inc->members->len > 1) {
			g_print("\n3. Why %u advisories are one incident:\n\n", inc->members->len);
			print_and_free(report_incident_explain(inc, now));
		}
	}
	return ok ? CLI_EXIT_OK : CLI_EXIT_FAILURE;
}

/*
 * An advisory named on the command line: "source/id" as is, or a bare id
 * ("EX649175") looked up among stored advisories.  Caller frees the key.
 */
static char *
resolve_advisory(Store *store, const char *arg, GError **error)
{
	g_autoptr(GHashTable) assignments = store_incident_assignments(store, error);

	if (assignments == NULL) {
		return NULL;
	}
	if (g_hash_table_contains(assignments, arg)) {
		return g_strdup(arg);
	}
	g_autofree char *suffix = g_strconcat("/", arg, NULL);
	g_autoptr(GPtrArray) found = g_ptr_array_new();
	GHashTableIter it;
	gpointer key;
	g_hash_table_iter_init(&it, assignments);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		if (g_str_has_suffix(key, suffix)) {
			g_ptr_array_add(found, key);
		}
	}
	if (found->len == 1) {
		return g_strdup(found->pdata[0]);
	}
	if (found->len == 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_NOT_FOUND, "no stored advisory '%s'", arg);
	} else {
		g_ptr_array_sort(found, (GCompareFunc)g_strcmp0);
		g_set_error(error, SW_ERROR, SW_ERROR_NOT_FOUND,
			    "advisory '%s' is ambiguous: name it as '%s' or '%s'", arg,
			    (char *)found->pdata[0], (char *)found->pdata[1]);
	}
	return NULL;
}

/* Records a person's decision and relinks at once, so `show` reflects it. */
static int
record_decision(CliOptions *o, StoreDecisionKind kind)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load(o->config_path, &error);

	if (config == NULL) {
		return fail(error);
	}
	g_autoptr(Store) store = open_store(o, &error);
	if (store == NULL) {
		return fail(error);
	}
	g_autofree char *a = resolve_advisory(store, o->args[0], &error);
	if (a == NULL) {
		return fail(error);
	}
	g_autofree char *b = NULL;
	if (kind == STORE_DECISION_MERGE) {
		b = resolve_advisory(store, o->args[1], &error);
		if (b == NULL) {
			return fail(error);
		}
	}
	gint64 now = cli_now();
	if (!store_add_decision(store, kind, a, b, now, &error)) {
		return fail(error);
	}
	LinkerOptions lo;
	pipeline_linker_options(config, &lo);
	g_autoptr(GPtrArray) incidents =
		pipeline_relink(store, &lo, now, SW_TIME_NONE, NULL, NULL, &error);
	if (incidents == NULL) {
		return fail(error);
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

static const Command commands[] = {
	{"run", "", "Run the daemon: poll, link and notify until stopped", NULL, cmd_run},
	{"poll", "[SOURCE...]", "Poll sources and store what they report", poll_entries,
	 cmd_poll},
	{"incidents", "", "List active incidents and those ended in the last 24 h (all with --all)", incidents_entries,
	 cmd_incidents},
	{"show", "ID", "Explain one incident: members, links and timeline", json_entries,
	 cmd_show},
	{"link", "FILE...", "Parse local feed files, link them and print incidents (no store)",
	 json_entries, cmd_link},
	{"digest", "", "Send (or with --dry-run print) the daily digest", digest_entries,
	 cmd_digest},
	{"notify-test", "NOTIFIER", "Send a test notification through one notifier", NULL,
	 cmd_notify_test},
	{"check-config", "", "Validate the configuration and print what it sets up", NULL,
	 cmd_check_config},
	{"sources", "", "Show each source's health and schedule", NULL, cmd_sources},
	{"merge", "ADVISORY ADVISORY", "Record that two advisories are one incident", NULL,
	 cmd_merge},
	{"split", "ADVISORY", "Record that an advisory is an incident of its own", NULL, cmd_split},
	{"demo", "", "Run the pipeline over the bundled July 2023 Exchange Online sample", NULL,
	 cmd_demo},
};

static const Command *
find_command(const char *name)
{
	for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
		if (strcmp(commands[i].name, name) == 0) {
			return &commands[i];
		}
	}
	return NULL;
}

static char *
commands_help(void)
{
	GString *s = g_string_new("Commands:\n");

	for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
		g_string_append_printf(s, "  %-13s %s\n", commands[i].name, commands[i].summary);
	}
	g_string_append(s, "\nRun 'statuswatch COMMAND --help' for a command's options.\n"
			   "Exit status: 0 ok, 1 runtime failure, 2 usage or configuration error.");
	return g_string_free(s, FALSE);
}

/* The first argument that is not an option (or an option's value) names the command. */
static int
find_command_index(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			return i + 1 < argc ? i + 1 : -1;
		}
		if (a[0] != '-') {
			return i;
		}
		/* Global options that take a separate value. */
		if ((strcmp(a, "--config") == 0 || strcmp(a, "-c") == 0 ||
		     strcmp(a, "--state-dir") == 0) &&
		    i + 1 < argc) {
			i++;
		}
	}
	return -1;
}

int
cli_main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;

	setlocale(LC_ALL, "");
	memset(&options, 0, sizeof options);

	int ci = find_command_index(argc, argv);
	const Command *cmd = NULL;
	if (ci > 0) {
		cmd = find_command(argv[ci]);
		if (cmd == NULL) {
			g_printerr("statuswatch: unknown command '%s' (try --help)\n", argv[ci]);
			return CLI_EXIT_USAGE;
		}
	}

	/* argv without the command word, for GOption. */
	g_autoptr(GPtrArray) args = g_ptr_array_new();
	for (int i = 0; i < argc; i++) {
		if (i != ci) {
			g_ptr_array_add(args, argv[i]);
		}
	}
	g_ptr_array_add(args, NULL);
	int nargs = (int)args->len - 1;
	char **vargs = (char **)args->pdata;

	g_autofree char *param = cmd != NULL ? g_strdup_printf("%s %s", cmd->name, cmd->parameter)
					     : g_strdup("COMMAND [ARGS...]");
	g_autoptr(GOptionContext) ctx = g_option_context_new(param);
	g_option_context_set_summary(ctx, cmd != NULL ? cmd->summary
						      : "Watch cloud status pages and incident "
							"feeds; alert once per incident.");
	g_autofree char *desc = cmd == NULL ? commands_help() : NULL;
	if (desc != NULL) {
		g_option_context_set_description(ctx, desc);
	}
	g_option_context_add_main_entries(ctx, global_entries, NULL);
	if (cmd != NULL && cmd->entries != NULL) {
		g_option_context_add_main_entries(ctx, cmd->entries, NULL);
	}
	if (!g_option_context_parse(ctx, &nargs, &vargs, &error)) {
		g_printerr("statuswatch: %s (try --help)\n", error->message);
		return CLI_EXIT_USAGE;
	}
	if (cmd == NULL) {
		g_autofree char *help = g_option_context_get_help(ctx, TRUE, NULL);
		g_printerr("%s", help);
		return CLI_EXIT_USAGE;
	}
	log_setup(options.quiet     ? LOG_VERBOSITY_QUIET
		  : options.verbose ? LOG_VERBOSITY_VERBOSE
				    : LOG_VERBOSITY_NORMAL);
	/* vargs[0] is the program name; the rest are the command's arguments. */
	options.args = vargs + 1;
	int rc = cmd->run(&options);

	g_free(options.config_path);
	g_free(options.state_dir);
	return rc;
}
