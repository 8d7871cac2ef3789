/*
 * The store's digest tables: which periods' digests were sent (so the daemon
 * and statuswatch-digest.timer send each at most once), and the history of
 * source outages the digest reports.  Outages are written by triggers on the
 * sources table (schema step 3), so the poller's code does not change: a
 * source's failing_since going from NULL to a time opens one, going back to
 * NULL closes it at the good read.
 * All functions: errors SW_ERROR_IO (SQLite failure) unless stated.
 */
#ifndef SW_STORE_STORE_DIGEST_H
#define SW_STORE_STORE_DIGEST_H

#include <glib.h>
#include <stdbool.h>

#include "model/source_outage.h"

typedef struct Store Store;

/* Outages (SourceOutage *, owned by the array) overlapping [since, until): those that
 * began before @until and had not ended by @since.  By source, then start. */
GPtrArray *store_source_outages(Store *store, gint64 since, gint64 until, GError **error);

/* A claim older than this whose sender never said how it went (crashed, killed)
 * no longer holds the period: an SMTP exchange takes seconds, not an hour. */
#define STORE_DIGEST_CLAIM_TIMEOUT 3600

/*
 * Claims the digest of [since, until) for sending at @now.  @ret_claimed is true
 * when this caller must send it; false when it was sent already or another
 * sender holds a fresh claim, with @ret_sent_at (may be NULL) set to when it was
 * sent (SW_TIME_NONE while the other sender is still at it).  The claim is one
 * statement, so two processes racing for the same period cannot both win; it and the
 * reading of a refusal share one transaction (a savepoint inside store_begin()).
 */
bool store_digest_claim(Store *store, gint64 since, gint64 until, gint64 now, bool *ret_claimed,
			gint64 *ret_sent_at, GError **error);
/* Records the claimed digest as sent at @at, with the server's answer (may be NULL). */
bool store_digest_sent(Store *store, gint64 since, gint64 until, gint64 at, const char *answer,
		       GError **error);
/* Gives the claim made at @claimed_at up after a failed send, so a later run tries
 * again; a claim another sender has since taken over (stale) is left to it. */
bool store_digest_release(Store *store, gint64 since, gint64 until, gint64 claimed_at,
			  GError **error);

#endif
