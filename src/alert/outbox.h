/*
 * The outbox: the durable queue between the policy and the notifiers, on top
 * of the store's outbox table.  What it guarantees (with the dispatcher in
 * daemon/alerting.c): an alert written here is delivered at least once, and
 * at most twice after a crash (the only window is between a notifier's
 * success and the write that records it; the idempotency key lets a receiver
 * drop that duplicate).
 *
 * Rules kept here, not in callers:
 *   - coalescing: a new revision for (incident, notifier) supersedes revisions
 *     still pending, and carries their change lines, so the notifier hears only
 *     the newest, saying what changed since the last one it got;
 *   - order: each notifier's rows go out oldest first (the head waits, so an
 *     "opened" never arrives after its "resolved");
 *   - retries: temporary errors (error_is_temporary()) back off per notifier
 *     from 1 s doubling to 30 min, scaled by an injected jitter, never sooner
 *     than the server's Retry-After; permanent errors park the row with the
 *     server's answer; a row failing for longer than give_up_after is given up.
 * Errors: those of the store (SW_ERROR_IO).  No logging.
 */
#ifndef SW_ALERT_OUTBOX_H
#define SW_ALERT_OUTBOX_H

#include <glib.h>
#include <stdbool.h>

#include "model/alert.h"
#include "store/store.h"

#define OUTBOX_BACKOFF_MIN 1
#define OUTBOX_BACKOFF_MAX (30 * 60)

/* The wait before attempt @attempts + 1 after @attempts failures (>= 1): 1 s doubling
 * up to 30 min, times (0.5 + @jitter / 2) with @jitter in [0, 1), at least 1 s. */
gint64 outbox_backoff(int attempts, double jitter);

/* "EX648815/chat/3": the idempotency key of revision @revision of @incident_id for
 * @notifier.  Caller frees. */
char *outbox_key(const char *incident_id, const char *notifier, gint64 revision);

/*
 * Queues @alert (borrowed; its changes and kind may be rewritten by coalescing) for
 * alert->notifier, due at @now.  @state is STORE_OUTBOX_PENDING, or STORE_OUTBOX_QUIET
 * (recorded only) or STORE_OUTBOX_DELIVERED (replay: nothing is sent).  The caller holds
 * the transaction that also writes the policy state.
 */
bool outbox_enqueue(Store *store, Alert *alert, const char *incident_id, gint64 revision,
		    const char *state, gint64 now, GError **error);

/*
 * The head of @notifier's queue when it is due at @now: *@ret_row (caller frees) and
 * *@ret_alert (caller frees, thread_ref filled in from the store), both NULL when nothing
 * is due.  *@ret_wake (may be NULL) gets the head's due time (SW_TIME_NONE: empty).
 * A row whose payload no longer parses is parked with the parse error.
 */
bool outbox_next(Store *store, const char *notifier, gint64 now, StoreOutboxRow **ret_row,
		 Alert **ret_alert, gint64 *ret_wake, GError **error);

/* Records a delivery of @row at @now: state delivered, the answer in the delivery log,
 * @thread_ref (may be NULL) kept for the incident's next alerts. */
bool outbox_delivered(Store *store, StoreOutboxRow *row, gint64 now, const char *answer,
		      const char *thread_ref, GError **error);

/*
 * Records a failed attempt of @row at @now with @failure: parked when
 * !error_is_temporary(failure); given up when @now - created >= @give_up_after
 * (*@ret_gave_up true); otherwise due again after outbox_backoff(attempts, @jitter) or
 * @retry_after seconds, whichever is later.
 */
bool outbox_failed(Store *store, StoreOutboxRow *row, gint64 now, const GError *failure,
		   gint64 retry_after, double jitter, gint64 give_up_after, bool *ret_gave_up,
		   GError **error);

/* `statuswatch outbox retry ID`: a parked, given-up (or pending) row becomes pending, due
 * at @now, attempts reset.  SW_ERROR_NOT_FOUND for an unknown id; SW_ERROR_CONFIG (a
 * usage error) for a delivered or superseded row. */
bool outbox_retry(Store *store, gint64 id, gint64 now, GError **error);

#endif
