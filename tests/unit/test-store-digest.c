/*
 * The store's digest tables: source outages recorded by the triggers as the
 * poller's state goes failing and back (through the ordinary
 * store_put_source_state()), and the once-per-period claim on a digest.
 */
#include <glib.h>
#include <glib/gstdio.h>

#include "model/source_state.h"
#include "store/store.h"
#include "store/store_digest.h"

typedef struct {
	char *dir;
	Store *store;
} Fixture;

static void
setup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	(void)data;
	f->dir = g_dir_make_tmp("sw-digest-XXXXXX", &error);
	g_assert_no_error(error);
	f->store = store_open(f->dir, &error);
	g_assert_no_error(error);
}

static void
teardown(Fixture *f, gconstpointer data)
{
	(void)data;
	store_close(f->store);
	const char *names[] = {"state.db", "state.db-wal", "state.db-shm"};
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		g_autofree char *p = g_build_filename(f->dir, names[i], NULL);
		g_unlink(p);
	}
	g_rmdir(f->dir);
	g_free(f->dir);
}

/* What the poller writes after a poll at @now: ok, or failed with @message. */
static void
poll_at(Store *store, const char *name, gint64 now, const char *message)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceState) s = store_get_source_state(store, name, &error);

	g_assert_no_error(error);
	s->last_attempt = now;
	g_free(s->last_error);
	s->last_error = g_strdup(message);
	if (message == NULL) {
		s->last_success = now;
		s->failing_since = SW_TIME_NONE;
	} else if (s->failing_since == SW_TIME_NONE) {
		s->failing_since = now;
	}
	g_assert_true(store_put_source_state(store, s, &error));
	g_assert_no_error(error);
}

static void
test_outages(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	(void)data;
	/* alpha: fine, fails at 1000 and 1100, recovers at 1200; fails again at 5000. */
	poll_at(f->store, "alpha", 900, NULL);
	poll_at(f->store, "alpha", 1000, "HTTP 503");
	poll_at(f->store, "alpha", 1100, "timeout after 30 s");
	poll_at(f->store, "alpha", 1200, NULL);
	poll_at(f->store, "alpha", 1300, NULL);
	poll_at(f->store, "alpha", 5000, "connection refused");
	/* beta: its very first poll fails (a new row, the INSERT trigger). */
	poll_at(f->store, "beta", 2000, "no such host");

	g_autoptr(GPtrArray) all = store_source_outages(f->store, 0, 10000, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(all->len, ==, 3);
	const SourceOutage *a1 = all->pdata[0], *a2 = all->pdata[1], *b = all->pdata[2];
	g_assert_cmpstr(a1->source, ==, "alpha");
	g_assert_cmpint(a1->start, ==, 1000);
	g_assert_cmpint(a1->end, ==, 1200);
	g_assert_cmpstr(a1->error, ==, "timeout after 30 s"); /* the last error of the outage */
	g_assert_cmpint(a2->start, ==, 5000);
	g_assert_cmpint(a2->end, ==, SW_TIME_NONE);
	g_assert_cmpstr(b->source, ==, "beta");
	g_assert_cmpint(b->start, ==, 2000);
	g_assert_cmpstr(b->error, ==, "no such host");

	/* Overlap with a period: [1200, 2000) touches none of alpha's (the first ended at
	 * 1200) and not beta's (it began at 2000). */
	g_autoptr(GPtrArray) none = store_source_outages(f->store, 1200, 2000, &error);
	g_assert_cmpuint(none->len, ==, 0);
	g_autoptr(GPtrArray) later = store_source_outages(f->store, 6000, 7000, &error);
	g_assert_cmpuint(later->len, ==, 2); /* both still open */
}

static void
test_claim(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	bool claimed = false;
	gint64 sent_at = 0;

	(void)data;
	g_assert_true(store_digest_claim(f->store, 100, 200, 300, &claimed, &sent_at, &error));
	g_assert_true(claimed);
	/* A second sender while the first is sending: not claimed, not sent yet. */
	g_assert_true(store_digest_claim(f->store, 100, 200, 301, &claimed, &sent_at, &error));
	g_assert_false(claimed);
	g_assert_cmpint(sent_at, ==, SW_TIME_NONE);
	/* The send failed: the claim is given back and the next run wins. */
	g_assert_true(store_digest_release(f->store, 100, 200, 300, &error));
	g_assert_true(store_digest_claim(f->store, 100, 200, 400, &claimed, NULL, &error));
	g_assert_true(claimed);
	g_assert_true(store_digest_sent(f->store, 100, 200, 405, "250 2.0.0 Ok", &error));
	g_assert_true(store_digest_claim(f->store, 100, 200, 500, &claimed, &sent_at, &error));
	g_assert_false(claimed);
	g_assert_cmpint(sent_at, ==, 405);
	/* A sent digest is never taken again, however old; releasing it does nothing. */
	g_assert_true(store_digest_release(f->store, 100, 200, 400, &error));
	g_assert_true(store_digest_claim(f->store, 100, 200, 500 + 10 * STORE_DIGEST_CLAIM_TIMEOUT,
					 &claimed, &sent_at, &error));
	g_assert_false(claimed);
	/* Another period is its own. */
	g_assert_true(store_digest_claim(f->store, 200, 300, 600, &claimed, NULL, &error));
	g_assert_true(claimed);
	/* A claim whose sender died is taken over once it is an hour old. */
	g_assert_true(store_digest_claim(f->store, 200, 300, 600 + STORE_DIGEST_CLAIM_TIMEOUT - 1,
					 &claimed, NULL, &error));
	g_assert_false(claimed);
	g_assert_true(store_digest_claim(f->store, 200, 300, 600 + STORE_DIGEST_CLAIM_TIMEOUT,
					 &claimed, NULL, &error));
	g_assert_true(claimed);
	/* The first sender, failing late, gives up only its own claim: the new sender's
	 * stays, so nobody else sends the period meanwhile. */
	g_assert_true(store_digest_release(f->store, 200, 300, 600, &error));
	g_assert_true(store_digest_claim(f->store, 200, 300, 601 + STORE_DIGEST_CLAIM_TIMEOUT,
					 &claimed, NULL, &error));
	g_assert_false(claimed);
	g_assert_no_error(error);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/store-digest/outages", Fixture, NULL, setup, test_outages, teardown);
	g_test_add("/store-digest/claim", Fixture, NULL, setup, test_claim, teardown);
	return g_test_run();
}
