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

#include "config.h"
#include "util/error.h"
#include "util/log.h"

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
	{"all", 'a', 0, G_OPTION_ARG_NONE, &options.all, "Include resolved incidents", NULL},
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

static int cmd_run(CliOptions *o) { return not_built("run"); }
static int cmd_poll(CliOptions *o) { return not_built("poll"); }
static int cmd_incidents(CliOptions *o) { return not_built("incidents"); }
static int cmd_show(CliOptions *o) { return not_built("show"); }
static int cmd_link(CliOptions *o) { return not_built("link"); }
static int cmd_digest(CliOptions *o) { return not_built("digest"); }
static int cmd_notify_test(CliOptions *o) { return not_built("notify-test"); }
static int cmd_check_config(CliOptions *o) { return not_built("check-config"); }
static int cmd_sources(CliOptions *o) { return not_built("sources"); }
static int cmd_demo(CliOptions *o) { return not_built("demo"); }

static const Command commands[] = {
	{"run", "", "Run the daemon: poll, link and notify until stopped", NULL, cmd_run},
	{"poll", "[SOURCE...]", "Poll sources and store what they report", poll_entries,
	 cmd_poll},
	{"incidents", "", "List incidents (active ones unless --all)", incidents_entries,
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
