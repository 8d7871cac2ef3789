/*
 * The durable side of alerting on a real SQLite store and a fixed clock:
 * mutes, the outbox's coalescing, ordering, backoff, parking and giving up,
 * and the engine across a restart (nothing re-sent, a change made while it
 * was down alerts once).
 */
#include "alert/engine.h"
#include "alert/outbox.h"

#include <glib/gstdio.h>
#include <string.h>

#include "config.h"
#include "daemon/alerting.h"
#include "store/store.h"
#include "util/error.h"

#define T0 G_GINT64_CONSTANT(1689699600) /* 2023-07-18T17:00:00Z */

typedef struct {
	char *dir;
	Store *store;
} Fixture;

static void
setup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;

	f->dir = g_dir_make_tmp("sw-outbox-XXXXXX", &error);
	g_assert_no_error(error);
	f->store = store_open(f->dir, &error);
	g_assert_no_error(error);
}

static void
teardown(Fixture *f, gconstpointer data)
{
	store_close(f->store);
	g_autofree char *db = g_build_filename(f->dir, "state.db", NULL);
	g_autofree char *wal = g_strconcat(db, "-wal", NULL);
	g_autofree char *shm = g_strconcat(db, "-shm", NULL);
	g_unlink(db);
	g_unlink(wal);
	g_unlink(shm);
	g_rmdir(f->dir);
	g_free(f->dir);
}

static void
test_mute(Fixture *f, gconstpointer data)
{
	gint64 until = 0;

	g_assert_true(store_incident_muted_until(f->store, "EX648815", &until, NULL));
	g_assert_cmpint(until, ==, SW_TIME_NONE);
	g_assert_true(store_mute_incident(f->store, "EX648815", T0 + 4 * 3600, NULL));
	g_assert_true(store_mute_incident(f->store, "EX648815", T0 + 8 * 3600, NULL));
	g_assert_true(store_incident_muted_until(f->store, "EX648815", &until, NULL));
	g_assert_cmpint(until, ==, T0 + 8 * 3600);
	g_autoptr(GHashTable) all = store_list_mutes(f->store, NULL);
	g_assert_cmpuint(g_hash_table_size(all), ==, 1);
	g_assert_true(store_unmute_incident(f->store, "EX648815", NULL));
	g_assert_true(store_unmute_incident(f->store, "EX648815", NULL)); /* twice: fine */
	g_assert_true(store_incident_muted_until(f->store, "EX648815", &until, NULL));
	g_assert_cmpint(until, ==, SW_TIME_NONE);
}

static Alert *
make_alert(AlertKind kind, const char *key, const char *change)
{
	Alert *a = alert_new(kind, key, "chat", T0);

	if (change != NULL) {
		alert_add_change(a, change);
	}
	return a;
}

static StoreOutboxRow *
head(Fixture *f, gint64 now, Alert **ret_alert)
{
	StoreOutboxRow *row = NULL;
	Alert *alert = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_true(outbox_next(f->store, "chat", now, &row, &alert, NULL, &error));
	g_assert_no_error(error);
	if (ret_alert != NULL) {
		*ret_alert = alert;
	} else {
		alert_free(alert);
	}
	return row;
}

static void
test_coalesce(Fixture *f, gconstpointer data)
{
	g_autoptr(Alert) a1 = make_alert(ALERT_KIND_OPENED, "EX1/chat/1", NULL);
	g_autoptr(Alert) a2 = make_alert(ALERT_KIND_GREW, "EX1/chat/2", "EX2 joined");
	g_autoptr(Alert) a3 = make_alert(ALERT_KIND_CHANGED, "EX1/chat/3", "status: a -> b");
	g_autoptr(GError) error = NULL;

	g_assert_true(outbox_enqueue(f->store, a1, "EX1", 1, STORE_OUTBOX_PENDING, T0, &error));
	g_assert_true(outbox_enqueue(f->store, a2, "EX1", 2, STORE_OUTBOX_PENDING, T0, &error));
	g_assert_true(outbox_enqueue(f->store, a3, "EX1", 3, STORE_OUTBOX_PENDING, T0, &error));
	g_assert_no_error(error);
	/* One pending row: the newest, still an "opened" (nothing was delivered), with every
	 * change since. */
	g_autoptr(GPtrArray) pending = store_outbox_pending(f->store, "EX1", "chat", NULL);
	g_assert_cmpuint(pending->len, ==, 1);
	Alert *alert = NULL;
	g_autoptr(StoreOutboxRow) row = head(f, T0, &alert);
	g_assert_cmpstr(row->key, ==, "EX1/chat/3");
	g_assert_cmpint(alert->kind, ==, ALERT_KIND_OPENED);
	g_assert_cmpuint(alert->changes->len, ==, 2);
	g_assert_cmpstr(alert->changes->pdata[0], ==, "EX2 joined");
	g_assert_cmpstr(alert->changes->pdata[1], ==, "status: a -> b");
	alert_free(alert);
	g_autoptr(GPtrArray) all = store_outbox_list(f->store, true, NULL);
	g_assert_cmpuint(all->len, ==, 3);
	g_assert_cmpstr(((StoreOutboxRow *)all->pdata[0])->state, ==, "superseded");

	/* Delivered, then a resolution: no coalescing with what went out. */
	g_assert_true(outbox_delivered(f->store, row, T0 + 1, "HTTP 200", "thread-9", NULL));
	g_autoptr(Alert) a4 = make_alert(ALERT_KIND_RESOLVED, "EX1/chat/4", "status: b -> resolved");
	g_assert_true(outbox_enqueue(f->store, a4, "EX1", 4, STORE_OUTBOX_PENDING, T0 + 2, NULL));
	g_autoptr(StoreOutboxRow) row4 = head(f, T0 + 2, &alert);
	g_assert_cmpint(alert->kind, ==, ALERT_KIND_RESOLVED);
	g_assert_cmpuint(alert->changes->len, ==, 1);
	alert_free(alert);
}

static void
test_retries(Fixture *f, gconstpointer data)
{
	g_autoptr(Alert) a1 = make_alert(ALERT_KIND_OPENED, "EX1/chat/1", NULL);
	g_autoptr(Alert) b1 = make_alert(ALERT_KIND_OPENED, "EX2/chat/1", NULL);
	g_autoptr(GError) temp = g_error_new(SW_ERROR, SW_ERROR_TEMPORARY, "HTTP/1.1 500 Oops");
	g_autoptr(GError) perm = g_error_new(SW_ERROR, SW_ERROR_PERMANENT, "HTTP/1.1 400 Bad");
	bool gave_up = false;
	gint64 wake = 0;

	g_assert_true(outbox_enqueue(f->store, a1, "EX1", 1, STORE_OUTBOX_PENDING, T0, NULL));
	g_assert_true(outbox_enqueue(f->store, b1, "EX2", 1, STORE_OUTBOX_PENDING, T0, NULL));
	/* 500 three times: waits of 1, 2, 4 s (jitter 0.999 ~ the full base). */
	gint64 now = T0;
	for (int i = 0; i < 3; i++) {
		g_autoptr(StoreOutboxRow) row = head(f, now, NULL);
		g_assert_nonnull(row);
		g_assert_cmpstr(row->key, ==, "EX1/chat/1"); /* the head waits: order kept */
		g_assert_true(outbox_failed(f->store, row, now, temp, 0, 0.999, 86400, &gave_up,
					    NULL));
		g_assert_false(gave_up);
		g_assert_cmpint(row->due - now, ==, 1 << i);
		g_assert_null(head(f, now, NULL)); /* not due yet: nothing behind it either */
		now = row->due;
	}
	/* 429 with Retry-After: 120 s beats the 8 s backoff. */
	{
		g_autoptr(StoreOutboxRow) row = head(f, now, NULL);
		g_assert_true(outbox_failed(f->store, row, now, temp, 120, 0.999, 86400, &gave_up,
					    NULL));
		g_assert_cmpint(row->due, ==, now + 120);
		g_assert_true(outbox_next(f->store, "chat", now, &(StoreOutboxRow *){NULL},
					  &(Alert *){NULL}, &wake, NULL));
		g_assert_cmpint(wake, ==, now + 120);
		now += 120;
	}
	/* then 200 */
	{
		g_autoptr(StoreOutboxRow) row = head(f, now, NULL);
		g_assert_true(outbox_delivered(f->store, row, now, "HTTP 200", NULL, NULL));
	}
	/* 400: parked with the server's answer, not retried; the queue moves on. */
	{
		g_autoptr(StoreOutboxRow) row = head(f, now, NULL);
		g_assert_cmpstr(row->key, ==, "EX2/chat/1");
		g_assert_true(outbox_failed(f->store, row, now, perm, 0, 0.5, 86400, &gave_up, NULL));
		g_assert_cmpstr(row->state, ==, "parked");
		g_assert_null(head(f, now + 86400, NULL));
		g_autoptr(StoreOutboxRow) again = store_outbox_get(f->store, row->id, NULL);
		g_assert_cmpstr(again->last_error, ==, "HTTP/1.1 400 Bad");
		/* `outbox retry ID` */
		g_assert_true(outbox_retry(f->store, row->id, now + 10, NULL));
		g_autoptr(StoreOutboxRow) retried = head(f, now + 10, NULL);
		g_assert_cmpint(retried->id, ==, row->id);
		g_assert_cmpint(retried->attempts, ==, 0);
		/* give_up_after: failing for a day */
		g_assert_true(outbox_failed(f->store, retried, now + 10 + 86400, temp, 0, 0.5, 86400,
					    &gave_up, NULL));
		g_assert_true(gave_up);
		g_assert_cmpstr(retried->state, ==, "given_up");
	}
	/* A delivered row cannot be retried. */
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) all = store_outbox_list(f->store, true, NULL);
	g_assert_false(outbox_retry(f->store, ((StoreOutboxRow *)all->pdata[0])->id, now, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_autoptr(GPtrArray) log = store_deliveries_for_incident(f->store, "EX1", NULL, NULL);
	g_assert_cmpuint(log->len, ==, 5);
	g_assert_false(((StoreDelivery *)log->pdata[0])->ok);
	g_assert_true(((StoreDelivery *)log->pdata[4])->ok);
}

/* [store] alert_retention: what is done with and old goes, with its attempts and audit
 * lines; what is pending, or recent, or was touched recently, stays. */
static void
test_prune(Fixture *f, gconstpointer data)
{
	const gint64 day = 86400;
	const gint64 before = T0 + 10 * day; /* "now" T0 + 100 d, retention 90 d */
	g_autoptr(GError) perm = g_error_new(SW_ERROR, SW_ERROR_PERMANENT, "HTTP/1.1 400 Bad");
	g_autoptr(GError) error = NULL;
	bool gave_up = false;
	struct {
		const char *key, *incident;
		gint64 at;
		const char *outcome; /* "delivered", "parked", NULL = stays pending */
		gint64 outcome_at;
		bool pruned;
	} rows[] = {
		{"EX1/chat/1", "EX1", T0, "delivered", T0 + 1, true},
		{"EX2/chat/1", "EX2", T0, "parked", T0 + 2, true},
		{"EX4/chat/1", "EX4", T0 + 95 * day, "delivered", T0 + 95 * day, false},
		/* created long ago, delivered only last week (after retries) */
		{"EX5/chat/1", "EX5", T0, "delivered", T0 + 93 * day, false},
		/* last: a pending row is the head of the queue and would hold the others */
		{"EX3/chat/1", "EX3", T0, NULL, 0, false},
	};

	for (gsize i = 0; i < G_N_ELEMENTS(rows); i++) {
		g_autoptr(Alert) a = make_alert(ALERT_KIND_OPENED, rows[i].key, NULL);
		g_assert_true(outbox_enqueue(f->store, a, rows[i].incident, 1,
					     STORE_OUTBOX_PENDING, rows[i].at, &error));
		g_assert_no_error(error);
		g_assert_true(store_add_audit(f->store, rows[i].incident, "chat", rows[i].at,
					      "due: opened", &error));
		if (rows[i].outcome == NULL) {
			continue;
		}
		g_autoptr(StoreOutboxRow) row = head(f, rows[i].outcome_at, NULL);
		g_assert_cmpstr(row->key, ==, rows[i].key);
		if (strcmp(rows[i].outcome, "delivered") == 0) {
			g_assert_true(outbox_delivered(f->store, row, rows[i].outcome_at, "HTTP 200",
						       NULL, &error));
		} else {
			g_assert_true(outbox_failed(f->store, row, rows[i].outcome_at, perm, 0, 0.5,
						    day, &gave_up, &error));
			g_assert_cmpstr(row->state, ==, "parked");
		}
		g_assert_no_error(error);
	}

	StorePruned n = {0};
	g_assert_true(store_prune_alerts(f->store, before, &n, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(n.outbox, ==, 2);
	g_assert_cmpuint(n.deliveries, ==, 2);
	g_assert_cmpuint(n.audit, ==, 4); /* every line from T0; EX4's from T0 + 95 d stays */
	for (gsize i = 0; i < G_N_ELEMENTS(rows); i++) {
		g_autoptr(GPtrArray) out =
			store_outbox_for_incident(f->store, rows[i].incident, NULL, &error);
		g_autoptr(GPtrArray) log =
			store_deliveries_for_incident(f->store, rows[i].incident, NULL, &error);
		g_assert_no_error(error);
		g_assert_cmpuint(out->len, ==, rows[i].pruned ? 0 : 1);
		if (rows[i].pruned) {
			g_assert_cmpuint(log->len, ==, 0);
		}
	}
	g_autoptr(GPtrArray) audit4 = store_audit_for_incident(f->store, "EX4", NULL, &error);
	g_assert_cmpuint(audit4->len, ==, 1);
	/* Nothing more to prune: a second run removes nothing. */
	g_assert_true(store_prune_alerts(f->store, before, &n, &error));
	g_assert_cmpuint(n.outbox + n.deliveries + n.audit, ==, 0);
}

static void
test_backoff_bounds(void)
{
	g_assert_cmpint(outbox_backoff(1, 0.0), ==, 1);
	g_assert_cmpint(outbox_backoff(2, 0.0), ==, 1);
	g_assert_cmpint(outbox_backoff(3, 0.0), ==, 2);
	g_assert_cmpint(outbox_backoff(12, 0.999), ==, 1799);
	g_assert_cmpint(outbox_backoff(200, 0.999), <=, OUTBOX_BACKOFF_MAX);
	g_assert_cmpint(outbox_backoff(200, 0.0), ==, OUTBOX_BACKOFF_MAX / 2);
}

static Incident *
one_incident(const char *id, AdvisoryStatus status, const char *title)
{
	Incident *inc = incident_new(id);
	g_autoptr(Advisory) a = advisory_new("m365", id);

	a->kind = ADVISORY_KIND_INCIDENT;
	a->status = status;
	a->severity = ADVISORY_SEVERITY_MAJOR;
	a->start = T0 - 60;
	a->title = g_strdup(title);
	if (status == ADVISORY_STATUS_RESOLVED) {
		a->end = T0 + 1000;
	}
	incident_add_member(inc, a);
	return inc;
}

/* The policies of two notifiers, built from a configuration as the daemon builds them. */
static GPtrArray *
policies(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load_data("test.conf",
						    "[policy]\ngroup_wait = 0\n"
						    "[notify:chat]\ntype = terminal\n"
						    "[notify:mail]\ntype = terminal\n",
						    &error);
	g_assert_no_error(error);
	GPtrArray *out = alerting_policies(config, &error);
	g_assert_no_error(error);
	return out;
}

static guint
pass(Store *store, AlertEngine *engine, GPtrArray *incidents, gint64 now)
{
	g_autoptr(GPtrArray) queued = NULL;
	g_autoptr(GError) error = NULL;

	g_assert_true(store_begin(store, &error));
	g_assert_true(alert_engine_pass(engine, store, incidents, NULL, now, &queued, NULL, &error));
	g_assert_true(store_commit(store, &error));
	g_assert_no_error(error);
	return queued->len;
}

static void
test_engine_restart(Fixture *f, gconstpointer data)
{
	g_autoptr(GPtrArray) incs = g_ptr_array_new_with_free_func((GDestroyNotify)incident_free);
	g_ptr_array_add(incs, one_incident("EX1", ADVISORY_STATUS_INVESTIGATING, "Mail delayed"));
	{
		g_autoptr(GPtrArray) p = policies();
		g_autoptr(AlertEngine) engine = alert_engine_new(p);
		g_assert_true(alert_engine_load(engine, f->store, NULL));
		g_assert_cmpuint(pass(f->store, engine, incs, T0), ==, 2); /* chat + mail */
		g_assert_cmpuint(pass(f->store, engine, incs, T0 + 60), ==, 0);
	}
	/* "Restart": a new engine from the store.  Nothing is re-sent... */
	g_autoptr(GPtrArray) p = policies();
	g_autoptr(AlertEngine) engine = alert_engine_new(p);
	g_assert_true(alert_engine_load(engine, f->store, NULL));
	g_assert_cmpuint(pass(f->store, engine, incs, T0 + 120), ==, 0);
	/* ...and what changed while it was down alerts once per notifier. */
	g_ptr_array_set_size(incs, 0);
	g_ptr_array_add(incs, one_incident("EX1", ADVISORY_STATUS_RESOLVED, "Mail delayed"));
	g_autoptr(GPtrArray) queued = NULL;
	g_assert_true(alert_engine_pass(engine, f->store, incs, NULL, T0 + 2000, &queued, NULL,
					NULL));
	g_assert_cmpuint(queued->len, ==, 2);
	g_assert_cmpint(((Alert *)queued->pdata[0])->kind, ==, ALERT_KIND_RESOLVED);
	g_assert_cmpstr(((Alert *)queued->pdata[0])->key, ==, "EX1/chat/2");
	g_assert_cmpuint(pass(f->store, engine, incs, T0 + 2100), ==, 0);
	/* The audit trail has the reasons, in order. */
	g_autoptr(GPtrArray) audit = store_audit_for_incident(f->store, "EX1", "chat", NULL);
	g_assert_cmpuint(audit->len, >=, 2);
	g_assert_cmpstr(((StoreAudit *)audit->pdata[0])->what, ==, "due: opened");
}

/* A notice (source unreachable, a notifier that gave up) goes to every notifier but the
 * one named, keyed per notifier. */
static void
test_notice(Fixture *f, gconstpointer data)
{
	g_autoptr(GPtrArray) p = policies();
	g_autoptr(AlertEngine) engine = alert_engine_new(p);

	g_assert_true(alert_engine_notice(engine, f->store, "chat", "gave-up-7",
					  "notifier 'chat' gave up", T0, NULL));
	g_autoptr(GPtrArray) rows = store_outbox_list(f->store, true, NULL);
	g_assert_cmpuint(rows->len, ==, 1);
	StoreOutboxRow *r = rows->pdata[0];
	g_assert_cmpstr(r->notifier, ==, "mail");
	g_assert_cmpstr(r->key, ==, "notice/mail/gave-up-7");
	g_autoptr(Alert) a = alert_from_json(r->payload, NULL);
	g_assert_cmpint(a->kind, ==, ALERT_KIND_NOTICE);
	g_assert_cmpstr(a->text, ==, "notifier 'chat' gave up");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add("/outbox/mute", Fixture, NULL, setup, test_mute, teardown);
	g_test_add("/outbox/coalesce", Fixture, NULL, setup, test_coalesce, teardown);
	g_test_add("/outbox/retries", Fixture, NULL, setup, test_retries, teardown);
	g_test_add("/outbox/prune", Fixture, NULL, setup, test_prune, teardown);
	g_test_add_func("/outbox/backoff-bounds", test_backoff_bounds);
	g_test_add("/outbox/engine-restart", Fixture, NULL, setup, test_engine_restart, teardown);
	g_test_add("/outbox/notice", Fixture, NULL, setup, test_notice, teardown);
	return g_test_run();
}
