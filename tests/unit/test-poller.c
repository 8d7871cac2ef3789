/*
 * The poller's schedule with an injected clock and a seeded GRand: jitter
 * bounds, exponential backoff and its cap, Retry-After, the first poll after
 * start-up, and "unreachable" reported exactly once per outage.
 */
#include <glib.h>

#include "model/advisory.h"
#include "model/source_state.h"
#include "poll/poller.h"
#include "util/error.h"

#define T0 1700000000

static void
test_jitter_bounds(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(42);
	gint64 lo = G_MAXINT64, hi = 0;

	for (int i = 0; i < 10000; i++) {
		gint64 d = poller_jitter(rand, 120);
		lo = MIN(lo, d);
		hi = MAX(hi, d);
	}
	/* ±10 % of 120 s, and the whole range is used (sources spread out). */
	g_assert_cmpint(lo, ==, 108);
	g_assert_cmpint(hi, ==, 132);
	g_assert_cmpint(poller_jitter(rand, 0), ==, 1);
	g_assert_cmpint(poller_jitter(rand, 5), ==, 5);
}

static void
test_jitter_deterministic(void)
{
	g_autoptr(GRand) a = g_rand_new_with_seed(7);
	g_autoptr(GRand) b = g_rand_new_with_seed(7);

	for (int i = 0; i < 100; i++) {
		g_assert_cmpint(poller_jitter(a, 600), ==, poller_jitter(b, 600));
	}
}

static void
test_backoff(void)
{
	g_assert_cmpint(poller_backoff(120, 0), ==, 120);
	g_assert_cmpint(poller_backoff(120, 1), ==, 120);
	g_assert_cmpint(poller_backoff(120, 2), ==, 240);
	g_assert_cmpint(poller_backoff(120, 3), ==, 480);
	g_assert_cmpint(poller_backoff(120, 4), ==, 960);
	g_assert_cmpint(poller_backoff(120, 5), ==, 1800); /* 1920 capped at 30 min */
	g_assert_cmpint(poller_backoff(120, 1000), ==, 1800);
	g_assert_cmpint(poller_backoff(120, G_MAXUINT), ==, 1800);
	/* Never more often than the interval, even when the interval exceeds the cap. */
	g_assert_cmpint(poller_backoff(7200, 3), ==, 7200);
}

static void
test_failure_schedule(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(1);
	g_autoptr(SourceState) st = source_state_new("azure");
	gint64 now = T0;

	g_autoptr(GError) unavailable =
		g_error_new_literal(SW_ERROR, SW_ERROR_TEMPORARY, "fetch: 503");
	st->etag = g_strdup("\"v1\"");
	for (guint n = 1; n <= 8; n++) {
		poller_record_failure(st, 120, 30 * 60, now, -1, unavailable, rand);
		g_assert_cmpuint(st->consecutive_failures, ==, n);
		g_assert_cmpint(st->failing_since, ==, T0);
		g_assert_cmpint(st->last_attempt, ==, now);
		g_assert_cmpstr(st->last_error, ==, "fetch: 503");
		gint64 base = poller_backoff(120, n);
		gint64 delay = st->next_poll - now;
		g_assert_cmpint(delay, >=, base - base / 10);
		g_assert_cmpint(delay, <=, base + base / 10);
		now = st->next_poll;
	}
	/* Failures keep the validators: the next good answer may still be a 304. */
	g_assert_cmpstr(st->etag, ==, "\"v1\"");
}

static void
test_retry_after(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(1);
	g_autoptr(SourceState) st = source_state_new("s");
	g_autoptr(GError) throttled = g_error_new_literal(SW_ERROR, SW_ERROR_TEMPORARY, "429");

	/* A Retry-After longer than the backoff wins... */
	poller_record_failure(st, 120, 1800, T0, 900, throttled, rand);
	g_assert_cmpint(st->next_poll, ==, T0 + 900);
	/* ...a shorter one does not make us poll sooner than the backoff... */
	poller_record_failure(st, 120, 1800, T0, 5, throttled, rand);
	g_assert_cmpint(st->next_poll, >=, T0 + 216);
	/* ...and an absurd one is clamped. */
	poller_record_failure(st, 120, 1800, T0, 30 * 86400, throttled, rand);
	g_assert_cmpint(st->next_poll, ==, T0 + POLLER_RETRY_AFTER_MAX);

	/* Only a temporary failure waits for it (error_is_temporary()): one that retrying
	 * will not fix backs off as usual, whatever the server asked. */
	g_autoptr(SourceState) other = source_state_new("t");
	g_autoptr(GError) gone = g_error_new_literal(SW_ERROR, SW_ERROR_PERMANENT, "404");
	poller_record_failure(other, 120, 1800, T0, 900, gone, rand);
	g_assert_cmpint(other->next_poll, <=, T0 + 132);
	g_assert_cmpstr(other->last_error, ==, "404");
}

static void
test_unreachable_once(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(3);
	g_autoptr(SourceState) st = source_state_new("s");
	g_autoptr(GError) down = g_error_new_literal(SW_ERROR, SW_ERROR_TEMPORARY, "down");
	guint reported = 0;
	gint64 now = T0;

	/* Failing every 5 minutes for 2 hours with stale_after = 30 min. */
	for (; now <= T0 + 7200; now += 300) {
		if (poller_record_failure(st, 120, 1800, now, -1, down, rand)) {
			reported++;
			g_assert_cmpint(now, ==, T0 + 1800);
		}
	}
	g_assert_cmpuint(reported, ==, 1);
	g_assert_true(st->unreachable_reported);

	/* Recovery is reported once and resets everything. */
	g_assert_true(poller_record_success(st, 120, now, -1, rand));
	g_assert_false(st->unreachable_reported);
	g_assert_cmpuint(st->consecutive_failures, ==, 0);
	g_assert_null(st->last_error);
	g_assert_cmpint(st->failing_since, ==, SW_TIME_NONE);
	g_assert_cmpint(st->last_success, ==, now);
	g_assert_false(poller_record_success(st, 120, now + 120, -1, rand));

	/* A new outage is reported again. */
	g_assert_false(poller_record_failure(st, 120, 1800, now + 200, -1, down, rand));
	g_assert_true(poller_record_failure(st, 120, 1800, now + 2000, -1, down, rand));
}

static void
test_short_outage_not_reported(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(3);
	g_autoptr(SourceState) st = source_state_new("s");
	g_autoptr(GError) down = g_error_new_literal(SW_ERROR, SW_ERROR_TEMPORARY, "down");

	g_assert_false(poller_record_failure(st, 120, 1800, T0, -1, down, rand));
	g_assert_false(poller_record_failure(st, 120, 1800, T0 + 1799, -1, down, rand));
	g_assert_false(poller_record_success(st, 120, T0 + 1900, -1, rand));
}

static void
test_success_schedule(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(9);
	g_autoptr(SourceState) st = source_state_new("s");

	poller_record_success(st, 300, T0, -1, rand);
	g_assert_cmpint(st->next_poll, >=, T0 + 270);
	g_assert_cmpint(st->next_poll, <=, T0 + 330);
	/* A minimum delay the server asked for is honoured. */
	poller_record_success(st, 300, T0, 3600, rand);
	g_assert_cmpint(st->next_poll, ==, T0 + 3600);
}

static void
test_first_poll(void)
{
	g_autoptr(GRand) rand = g_rand_new_with_seed(5);
	g_autoptr(SourceState) st = source_state_new("s");
	g_autoptr(GHashTable) seen = g_hash_table_new(g_int64_hash, g_int64_equal);
	static gint64 firsts[2000];

	/* Never polled: spread over the first tenth of the interval, not all at once. */
	for (int i = 0; i < 2000; i++) {
		firsts[i] = poller_first_poll(st, 120, T0, rand);
		g_assert_cmpint(firsts[i], >=, T0);
		g_assert_cmpint(firsts[i], <, T0 + 12);
		g_hash_table_add(seen, &firsts[i]);
	}
	g_assert_cmpuint(g_hash_table_size(seen), ==, 12);

	/* A stored future schedule survives a restart (a source that asked us to wait). */
	st->next_poll = T0 + 900;
	g_assert_cmpint(poller_first_poll(st, 120, T0, rand), ==, T0 + 900);
	/* An overdue one is polled soon; an absurd one is ignored. */
	st->next_poll = T0 - 5000;
	g_assert_cmpint(poller_first_poll(st, 120, T0, rand), <, T0 + 12);
	st->next_poll = T0 + 100 * 86400;
	g_assert_cmpint(poller_first_poll(st, 120, T0, rand), <, T0 + 12);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/poller/jitter/bounds", test_jitter_bounds);
	g_test_add_func("/poller/jitter/deterministic", test_jitter_deterministic);
	g_test_add_func("/poller/backoff", test_backoff);
	g_test_add_func("/poller/failure-schedule", test_failure_schedule);
	g_test_add_func("/poller/retry-after", test_retry_after);
	g_test_add_func("/poller/unreachable-once", test_unreachable_once);
	g_test_add_func("/poller/short-outage", test_short_outage_not_reported);
	g_test_add_func("/poller/success-schedule", test_success_schedule);
	g_test_add_func("/poller/first-poll", test_first_poll);
	return g_test_run();
}
