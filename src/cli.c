/*
 * The command line (see cli.h): dispatch.  A table of subcommands drives
 * parsing, help and dispatch; GOption parses global options (accepted before
 * or after the subcommand) together with the subcommand's own.  Each command
 * group lives in its own cli_<group>.c (cli_private.h); commands wire the
 * stages together (sources → store → linker → report); nothing below the
 * command line prints to stdout.
 */
#include "cli.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "cli_private.h"
#include "util/log.h"
#include "util/terminal.h"

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

/* In the order of --help. */
static const CliCommand *const commands[] = {
	&cli_command_run,
	&cli_command_poll,
	&cli_command_incidents,
	&cli_command_show,
	&cli_command_why,
	&cli_command_mute,
	&cli_command_unmute,
	&cli_command_outbox,
	&cli_command_replay,
	&cli_command_link,
	&cli_command_digest,
	&cli_command_notify_test,
	&cli_command_check_config,
	&cli_command_sources,
	&cli_command_merge,
	&cli_command_split,
	&cli_command_demo,
};

static const CliCommand *
find_command(const char *name)
{
	for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
		if (strcmp(commands[i]->name, name) == 0) {
			return commands[i];
		}
	}
	return NULL;
}

static char *
commands_help(void)
{
	GString *s = g_string_new("Commands:\n");

	for (gsize i = 0; i < G_N_ELEMENTS(commands); i++) {
		g_string_append_printf(s, "  %-13s %s\n", commands[i]->name, commands[i]->summary);
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

/* Every g_print()/g_printerr() of every command (why, outbox, mute, ...) goes through
 * terminal_safe(): whatever a title or a server's message holds, no control character
 * reaches the terminal (issue 16, defect 4).  Machine output (JSON, the digest's mail)
 * is written with fputs() and keeps its bytes. */
static void
print_safe(const gchar *text)
{
	g_autofree char *safe = terminal_safe(text, false);
	fputs(safe, stdout);
}

static void
printerr_safe(const gchar *text)
{
	g_autofree char *safe = terminal_safe(text, false);
	fputs(safe, stderr);
}

int
cli_main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;

	setlocale(LC_ALL, "");
	memset(&options, 0, sizeof options);
	/*
	 * A closed pipe on stdout/stderr (`statuswatch ... | head`, a log reader that went
	 * away) and a file size limit (`ulimit -f`) must not kill the daemon or a poll in
	 * the middle of a write: with the signals ignored, the write fails with EPIPE or
	 * EFBIG and the caller reports it (SQLite's error, or the check below).
	 */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	g_set_print_handler(print_safe);
	g_set_printerr_handler(printerr_safe);

	int ci = find_command_index(argc, argv);
	const CliCommand *cmd = NULL;
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

	/* Results that did not reach stdout are a failure, not a silent success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		int err = errno;
		g_printerr("statuswatch: cannot write to standard output: %s\n",
			   err != 0 ? g_strerror(err) : "write error");
		clearerr(stdout);
		if (rc == CLI_EXIT_OK) {
			rc = CLI_EXIT_FAILURE;
		}
	}
	g_free(options.config_path);
	g_free(options.state_dir);
	return rc;
}
