/*
 * The daemon and the commands built on it: `run` (poll every source on its
 * own schedule until stopped), `poll` (one cycle of the same code path, then
 * exit) and `sources` (each source's health and schedule).  Return values
 * are exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.
 *
 * `poll` always does exactly one cycle, with or without --once (--once is
 * accepted so scripts say what they mean; a repeating poll is `run`).
 *
 * Unlike the rest of src/, these functions print: `sources` writes its table
 * to stdout and every command reports a fatal error as one line on stderr,
 * because cli.c hands the whole command over (it keeps only a one-line stub
 * per command).
 */
#ifndef SW_DAEMON_DAEMON_H
#define SW_DAEMON_DAEMON_H

#include <glib.h>
#include <stdbool.h>

#include "config.h"
#include "store/store.h"

/* `statuswatch run`.  @config_path and @state_dir may be NULL (search order, default dir). */
int daemon_cmd_run(const char *config_path, const char *state_dir);

/* `statuswatch poll [--once] [SOURCE...]`: @names (NULL-terminated, may be NULL or empty =
 * every enabled source) are polled once, stored and linked.  Exit 1 when any failed, after
 * the others were stored; 2 for an unknown SOURCE or a bad config. */
int daemon_cmd_poll(const char *config_path, const char *state_dir, bool once,
		    char *const *names);

/* `statuswatch sources`. */
int daemon_cmd_sources(const char *config_path, const char *state_dir);

/* The `sources` text for @config from the states in @store, times relative to @now.
 * Caller frees.  Errors: SW_ERROR_IO. */
char *daemon_describe_sources(const Config *config, Store *store, gint64 now, GError **error);

#endif
