/*
 * Internal to the command line (cli*.c): the command table's row type, the
 * global options every command sees, and the helpers commands share
 * (cli_common.c).  Each command group lives in its own cli_<group>.c, defines
 * its CliCommand rows (and its own option variables) there, and is listed once
 * in the table in cli.c; adding a command touches no other command's file.
 */
#ifndef SW_CLI_PRIVATE_H
#define SW_CLI_PRIVATE_H

#include <glib.h>
#include <stdbool.h>

#include "cli.h"
#include "config.h"
#include "linker/linker.h"
#include "notify/notifier.h"
#include "store/state_lock.h"
#include "store/store.h"

/* The global options (accepted before or after the command) and the command's arguments.
 * Options of one command live in its own file, as static variables its GOptionEntry rows
 * point at. */
typedef struct {
	char *config_path; /* --config FILE, owned, may be NULL (search order) */
	char *state_dir;   /* --state-dir DIR, owned, may be NULL (default) */
	gboolean verbose;
	gboolean quiet;
	char **args;       /* the arguments after the command word, NULL-terminated, borrowed */
} CliOptions;

/* Runs one command; returns its exit code (CLI_EXIT_*). */
typedef int (*CliCommandFunc)(CliOptions *opts);

typedef struct {
	const char *name;
	const char *parameter;       /* for usage: "[SOURCE...]" */
	const char *summary;         /* one line for --help */
	const GOptionEntry *entries; /* command-specific options, may be NULL */
	CliCommandFunc run;
} CliCommand;

/* The rows of the command table, one per command, defined in the group's file. */
extern const CliCommand cli_command_run;          /* cli_daemon.c */
extern const CliCommand cli_command_poll;         /* cli_daemon.c */
extern const CliCommand cli_command_sources;      /* cli_daemon.c */
extern const CliCommand cli_command_incidents;    /* cli_query.c */
extern const CliCommand cli_command_show;         /* cli_query.c */
extern const CliCommand cli_command_link;         /* cli_link.c */
extern const CliCommand cli_command_demo;         /* cli_link.c */
extern const CliCommand cli_command_merge;        /* cli_decide.c */
extern const CliCommand cli_command_split;        /* cli_decide.c */
extern const CliCommand cli_command_check_config; /* cli_config.c */
extern const CliCommand cli_command_digest;       /* cli_digest.c */
extern const CliCommand cli_command_notify_test;  /* cli_notify.c */
extern const CliCommand cli_command_mute;         /* cli_alerts.c */
extern const CliCommand cli_command_unmute;       /* cli_alerts.c */
extern const CliCommand cli_command_outbox;       /* cli_alerts.c */
extern const CliCommand cli_command_why;          /* cli_alerts.c */
extern const CliCommand cli_command_replay;       /* cli_alerts.c */

/* The state directory's exclusive lock (store/state_lock.h) for a command that writes
 * state: run, poll, merge, split.  @command names it in the lock file ("poll").  NULL,
 * with the reason printed ("... is in use by statuswatch run (pid 4242)"), when another
 * process holds it.  Caller frees with state_lock_release().  (cli_daemon.c) */
StateLock *cli_lock_state_dir(const CliOptions *o, const char *command);

/* ---- helpers (cli_common.c) ---- */

/* Exit code for an error: configuration problems are the user's to fix (2), the rest is 1. */
int cli_exit_code_for(const GError *error);
/* Prints "statuswatch: MESSAGE" on stderr and returns cli_exit_code_for(@error). */
int cli_fail(const GError *error);
/* "statuswatch: '@what' is not built yet in this version"; returns CLI_EXIT_USAGE. */
int cli_not_built(const char *what);
/* Writes @text to stdout, adding a final newline if missing, and frees it. */
void cli_print_and_free(char *text);
/* The clock of the commands: STATUSWATCH_NOW (RFC 3339) when set, else the wall clock. */
gint64 cli_now(void);
/* The store in --state-dir, or the default state directory.  Caller closes. */
Store *cli_open_store(const CliOptions *o, GError **error);
/* The state directory: --state-dir or the default.  Caller frees. */
char *cli_state_dir(const CliOptions *o);
/* Loads the configuration and opens the store.  CLI_EXIT_OK with both set (caller frees
 * them), or, with the reason printed and nothing set, the exit code: 2 for the
 * configuration, 1 for the store. */
int cli_open_config_and_store(const CliOptions *o, Config **ret_config, Store **ret_store);
/*
 * Parses local files of any supported format and adds their advisories to
 * @linker (and to @all, if given), in the order given; files are parsed on
 * worker threads ahead of the one being added.  A file that cannot be read or
 * parsed is one warning line; the others are still used.  Returns false if any
 * failed.  Without @all, nobody shows the advisories' texts: they are freed
 * once added (the linker keeps only what it extracted).
 */
bool cli_add_files(char **paths, gint64 now, Linker *linker, GPtrArray *all);
/* An advisory named on the command line: "source/id" as is, or a bare id ("EX649175")
 * looked up among stored advisories.  Caller frees.  Errors: SW_ERROR_NOT_FOUND, _IO. */
char *cli_resolve_advisory(Store *store, const char *arg, GError **error);

#endif
