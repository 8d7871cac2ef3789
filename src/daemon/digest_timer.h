/*
 * The daemon's digest clock: when [digest] enabled is true, sends the digest
 * (daemon/digest_job.h) at [digest] time, local time, once a day, and once at
 * start and after a reload for a period that has not gone out yet (as the
 * timer's Persistent= does).  The send runs in a worker thread with its own
 * store connection and a reference to the configuration in force, so a slow
 * SMTP server never stalls polling; the store's
 * claim makes it harmless when statuswatch-digest.timer runs too.  Logs one
 * line per digest sent or failed.
 */
#ifndef SW_DAEMON_DIGEST_TIMER_H
#define SW_DAEMON_DIGEST_TIMER_H

#include <gio/gio.h>
#include <glib.h>
#include <stdbool.h>

#include "config.h"

typedef struct DigestTimer DigestTimer;

/* @store_file is the state database (copied).  @stop (referenced, may be NULL): the
 * daemon's stop; once cancelled no send starts, and one in progress is aborted (it is
 * the worker's current cancellable, notifier.h) and gives its claim back, so the period
 * goes out at the next start or by statuswatch-digest.timer.  Caller frees with
 * digest_timer_free(). */
DigestTimer *digest_timer_new(const char *store_file, GCancellable *stop);
/* Arms (or disarms, when [digest] enabled is false) the clock for @config, the daemon's
 * configuration in force: call at start and after every reload.  The timer keeps a
 * reference (config_ref()), and each send uses the configuration in force when it
 * began, never the file on disk: an edited file counts after a reload, as for
 * everything else the daemon does. */
void digest_timer_configure(DigestTimer *timer, Config *config);
/* Seconds from @now to the next [digest] time (@minutes after local midnight), plus two:
 * a few seconds late, never early, so the period has ended when the job asks. */
gint64 digest_timer_seconds_to_next(gint64 minutes, gint64 now);
/* True while a send runs (its report comes back through the main context). */
bool digest_timer_sending(const DigestTimer *timer);
/* NULL is a no-op.  A send in progress is waited for: it ends by itself (at most the
 * email notifier's timeouts) or, once @stop is cancelled, within about a second.  So
 * the daemon gives a running send a moment to finish before it cancels @stop: a send
 * aborted after the server took the mail would go out again. */
void digest_timer_free(DigestTimer *timer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(DigestTimer, digest_timer_free)

#endif
