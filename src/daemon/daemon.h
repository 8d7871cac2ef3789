/*
 * The daemon: one GLib main loop that polls every source on its own schedule
 * (poll/poller.h), stores what each reported and relinks in batches
 * (pipeline/pipeline.h), and logs one line per event.  Signals: SIGTERM and
 * SIGINT stop it, SIGHUP reloads the configuration (build, validate, swap).
 *
 * It logs (g_message, g_warning) but never prints results and never chooses
 * an exit code: the command line (cli_daemon.c) loads the configuration,
 * opens the store, reports failures and decides the exit status.
 */
#ifndef SW_DAEMON_DAEMON_H
#define SW_DAEMON_DAEMON_H

#include <glib.h>
#include <stdbool.h>

#include "config.h"
#include "linker/linker.h"
#include "store/store.h"

typedef struct Daemon Daemon;

/*
 * Sets up a source run for every source of @config, reading their stored states,
 * resolving their URLs and making their Graph clients.  Takes @config and @store
 * (also on failure).  @config_path (may be NULL: the search order) is what SIGHUP
 * reloads.  @only (NULL-terminated, copied; NULL or empty = every enabled source)
 * limits the sources daemon_poll_once() polls; only their secrets must resolve.
 * Errors: SW_ERROR_CONFIG (an unresolvable secret, a bad m365 source).
 * Caller frees with daemon_free().
 */
Daemon *daemon_new(Config *config, const char *config_path, Store *store, char *const *only,
		   GError **error);
/* NULL is a no-op.  Running transfers are dropped without calling back. */
void daemon_free(Daemon *d);

/* Polls until SIGTERM or SIGINT, then writes the source states and relinks. */
void daemon_run(Daemon *d);
/*
 * One cycle of the same code path: polls the sources chosen by daemon_new()'s @only once,
 * stores and links.  False when any poll, state write or relink failed (each was logged
 * as a warning) or a signal stopped it; what succeeded is stored either way.
 */
bool daemon_poll_once(Daemon *d);

/* The linker defaults, overridden by [linker] threshold and max_gap when @config sets them
 * (@config may be NULL), with [linker] knowledge (read and parsed once) and each source's
 * depends_on.  A knowledge file that cannot be read or parsed, or a depends_on naming a
 * provider the knowledge lacks, is a warning naming the file, line and key, and left out. */
void daemon_linker_options(const Config *config, LinkerOptions *opts);
/* The same checks for `check-config`: the first problem is the error ("FILE:LINE:
 * [source:shop] 'depends_on': unknown provider 'x' ...").  Errors: SW_ERROR_CONFIG. */
bool daemon_linker_options_check(const Config *config, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Daemon, daemon_free)

#endif
