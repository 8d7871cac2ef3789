/*
 * The daemon's digest clock: when [digest] enabled is true, sends the digest
 * (daemon/digest_job.h) at [digest] time, local time, once a day, and once at
 * start and after a reload for a period that has not gone out yet (as the
 * timer's Persistent= does).  The send runs in a worker thread with its own
 * store connection, so a slow SMTP server never stalls polling; the store's
 * claim makes it harmless when statuswatch-digest.timer runs too.  Logs one
 * line per digest sent or failed.
 */
#ifndef SW_DAEMON_DIGEST_TIMER_H
#define SW_DAEMON_DIGEST_TIMER_H

#include <glib.h>

#include "config.h"

typedef struct DigestTimer DigestTimer;

/* @config_path (may be NULL: the search order) is what each send loads, so a send uses
 * the configuration on disk, as a reload would; @store_file is the state database.
 * Both copied.  Caller frees with digest_timer_free(). */
DigestTimer *digest_timer_new(const char *config_path, const char *store_file);
/* Arms (or disarms, when [digest] enabled is false) the clock for @config (borrowed,
 * read now only): call at start and after every reload. */
void digest_timer_configure(DigestTimer *timer, const Config *config);
/* Seconds from @now to the next [digest] time (@minutes after local midnight), plus two:
 * a few seconds late, never early, so the period has ended when the job asks. */
gint64 digest_timer_seconds_to_next(gint64 minutes, gint64 now);
/* NULL is a no-op.  A send in progress finishes on its own. */
void digest_timer_free(DigestTimer *timer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(DigestTimer, digest_timer_free)

#endif
