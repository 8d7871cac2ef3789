/*
 * The poller's schedule (see poller.h): backoff, jitter, first poll and the
 * unreachable/recovered bookkeeping on a SourceState.  Pure: no clock reads,
 * no global randomness, no I/O and no logging; the daemon logs what these
 * functions report.
 */
#include "poll/poller.h"

#include "model/advisory.h"
#include "util/error.h"

/* ±10 %: enough to spread 2,000 sources with the same interval over 24 s of a 2-minute
 * cycle, small enough that nobody notices the schedule drift. */
#define JITTER_PERCENT 10

gint64
poller_jitter(GRand *rand, gint64 delay)
{
	gint64 spread = delay * JITTER_PERCENT / 100;

	if (spread > 0) {
		/* g_rand_int_range() takes gint32: the spread of a 1-day interval fits easily. */
		gint32 s = (gint32)MIN(spread, (gint64)G_MAXINT32 / 2 - 1);
		delay += g_rand_int_range(rand, -s, s + 1);
	}
	return MAX(delay, 1);
}

gint64
poller_backoff(gint64 interval, guint failures)
{
	gint64 delay = interval;

	/* interval · 2^(n-1), doubling step by step so it cannot overflow. */
	for (guint i = 1; i < failures && delay < POLLER_BACKOFF_MAX; i++) {
		delay *= 2;
	}
	if (failures > 0) {
		delay = MIN(delay, POLLER_BACKOFF_MAX);
	}
	/* A failing source is never polled more often than a healthy one. */
	return MAX(delay, interval);
}

gint64
poller_first_poll(const SourceState *state, gint64 interval, gint64 now, GRand *rand)
{
	gint64 latest = now + MAX(interval, POLLER_RETRY_AFTER_MAX);

	/* A stored schedule (after a restart) is kept: restarting must not hammer a source
	 * that asked us to wait, nor poll everything at once. */
	if (state->next_poll != SW_TIME_NONE && state->next_poll > now && state->next_poll <= latest) {
		return state->next_poll;
	}
	gint64 spread = MAX(interval / 10, 1);
	return now + g_rand_int_range(rand, 0, (gint32)MIN(spread, G_MAXINT32 - 1));
}

bool
poller_record_success(SourceState *state, gint64 interval, gint64 now, gint64 min_delay,
		      GRand *rand)
{
	bool recovered = state->unreachable_reported;
	gint64 delay = poller_jitter(rand, interval);

	if (min_delay > delay) {
		delay = MIN(min_delay, POLLER_RETRY_AFTER_MAX);
	}
	state->last_attempt = now;
	state->last_success = now;
	g_clear_pointer(&state->last_error, g_free);
	state->consecutive_failures = 0;
	state->failing_since = SW_TIME_NONE;
	state->unreachable_reported = false;
	state->next_poll = now + delay;
	return recovered;
}

bool
poller_record_failure(SourceState *state, gint64 interval, gint64 stale_after, gint64 now,
		      gint64 retry_after, const GError *error, GRand *rand)
{
	g_return_val_if_fail(error != NULL, false);

	state->last_attempt = now;
	g_free(state->last_error);
	state->last_error = g_strdup(error->message);
	if (state->consecutive_failures < G_MAXUINT) {
		state->consecutive_failures++;
	}
	if (state->failing_since == SW_TIME_NONE) {
		/* The outage is counted from the first failed attempt, not from the last
		 * success: a source polled every 6 h must not be "unreachable" at once. */
		state->failing_since = now;
	}
	gint64 delay = poller_jitter(rand, poller_backoff(interval, state->consecutive_failures));
	if (error_is_temporary(error) && retry_after > delay) {
		delay = MIN(retry_after, POLLER_RETRY_AFTER_MAX);
	}
	state->next_poll = now + delay;

	if (!state->unreachable_reported && now - state->failing_since >= stale_after) {
		state->unreachable_reported = true;
		return true;
	}
	return false;
}
