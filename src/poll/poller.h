/*
 * The poller's schedule: when each source is polled next, how failures back
 * off, and when a failing source is reported unreachable.  Pure: the clock
 * (@now) and the randomness (a GRand the caller seeds) are passed in, so the
 * unit tests replay exact schedules.  The daemon owns the timers and the I/O.
 *
 *   success: next = now + interval ± 10 %
 *   failure n (n = consecutive failures, 1, 2, ...):
 *            next = now + min(interval · 2^(n-1), 30 min) ± 10 %, never sooner
 *            than the interval, and, when the failure is temporary
 *            (error_is_temporary(): timeouts, 5xx, 408, 429), never before a
 *            Retry-After the server sent
 *   start:   a stored next_poll is kept if it is not absurdly far away;
 *            otherwise (or when due) the first poll is spread over the first
 *            tenth of the interval, so sources do not all fire together.
 */
#ifndef SW_POLL_POLLER_H
#define SW_POLL_POLLER_H

#include <glib.h>
#include <stdbool.h>

#include "model/source_state.h"

/* The backoff cap (the issue asks for 30 min). */
#define POLLER_BACKOFF_MAX (30 * 60)
/* A Retry-After longer than this is clamped: a server asking for days is more likely
 * wrong than right, and we would rather look again. */
#define POLLER_RETRY_AFTER_MAX (6 * 3600)

/* @delay ± 10 %, at least 1 s. */
gint64 poller_jitter(GRand *rand, gint64 delay);

/* The un-jittered delay after @failures consecutive failures (0 = the interval). */
gint64 poller_backoff(gint64 interval, guint failures);

/* When to poll first after start-up, from the stored state (see above). */
gint64 poller_first_poll(const SourceState *state, gint64 interval, gint64 now, GRand *rand);

/*
 * Records a successful poll at @now: last_attempt, last_success, clears the
 * error, the failure count and failing_since, and sets next_poll.  A positive
 * @min_delay (e.g. a Retry-After or max-age sent with the answer) delays the
 * next poll to at least now + min_delay (clamped to POLLER_RETRY_AFTER_MAX).
 * Returns true when the source had been reported unreachable: it recovered
 * (the flag is cleared; the caller emits the event once).
 */
bool poller_record_success(SourceState *state, gint64 interval, gint64 now, gint64 min_delay,
			   GRand *rand);

/*
 * Records a failed poll at @now: keeps @error's message as last_error (copied;
 * it must already be masked and need not name the source), counts it, sets
 * failing_since on the first one and next_poll by the backoff, or by
 * @retry_after (seconds, -1 = none) when that is later and error_is_temporary()
 * says waiting helps (the one retry switch, shared with the outbox).
 * Returns true exactly once per outage: when the source has now failed for
 * @stale_after seconds or longer and this had not been reported yet (the flag
 * is set; the caller emits the event).
 */
bool poller_record_failure(SourceState *state, gint64 interval, gint64 stale_after, gint64 now,
			   gint64 retry_after, const GError *error, GRand *rand);

#endif
