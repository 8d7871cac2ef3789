/*
 * The store's alert tables: mutes, the policy's per-(incident, notifier)
 * state, the outbox (the durable queue of alerts due), the delivery log and
 * the audit trail behind `statuswatch why`.  SQL only: what the rows mean is
 * decided in alert/.  Never logs.
 *
 * The outbox is written in the same transaction as the policy state that
 * made an alert due (the caller wraps both in store_begin()), so after a
 * crash either both or neither exist: an alert is never lost, and a state
 * that says "told" always has its row.
 */
#include "store/store.h"

#include <sqlite3.h>

#include "store/store_private.h"
#include "util/error.h"

/* ---- mutes ---- */

static const char sql_mute[] =
	"INSERT INTO mutes (incident_id, until) VALUES (?1, ?2)"
	" ON CONFLICT (incident_id) DO UPDATE SET until = excluded.until";
static const char sql_unmute[] = "DELETE FROM mutes WHERE incident_id = ?1";
static const char sql_muted_until[] = "SELECT until FROM mutes WHERE incident_id = ?1";
static const char sql_mutes[] = "SELECT incident_id, until FROM mutes";

bool
store_mute_incident(Store *store, const char *incident_id, gint64 until, GError **error)
{
	g_return_val_if_fail(store != NULL && incident_id != NULL, false);
	g_autoptr(CachedStmt) st = db_stmt(store, sql_mute, error);
	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, incident_id);
	sqlite3_bind_int64(st, 2, until);
	return db_step_done(store, st, error, "mute incident");
}

bool
store_unmute_incident(Store *store, const char *incident_id, GError **error)
{
	g_return_val_if_fail(store != NULL && incident_id != NULL, false);
	g_autoptr(CachedStmt) st = db_stmt(store, sql_unmute, error);
	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, incident_id);
	return db_step_done(store, st, error, "unmute incident");
}

bool
store_incident_muted_until(Store *store, const char *incident_id, gint64 *ret_until,
			   GError **error)
{
	g_return_val_if_fail(store != NULL && incident_id != NULL && ret_until != NULL, false);
	g_autoptr(CachedStmt) st = db_stmt(store, sql_muted_until, error);
	bool row = false;

	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, incident_id);
	if (!db_step_row(store, st, &row, error, "read mute")) {
		return false;
	}
	*ret_until = row ? sqlite3_column_int64(st, 0) : SW_TIME_NONE;
	return true;
}

GHashTable *
store_list_mutes(Store *store, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_mutes, error);

	if (st == NULL) {
		return NULL;
	}
	g_autoptr(GHashTable) out = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (;;) {
		bool row = false;
		if (!db_step_row(store, st, &row, error, "list mutes")) {
			return NULL;
		}
		if (!row) {
			break;
		}
		gint64 *until = g_new(gint64, 1);
		*until = sqlite3_column_int64(st, 1);
		g_hash_table_replace(out, db_column_dup(st, 0), until);
	}
	return g_steal_pointer(&out);
}

/* ---- policy state ---- */

static const char sql_state_all[] =
	"SELECT incident_id, notifier, first_seen, last_alert, revision, last_kind, sent,"
	" sent_updates, held_since, history, reason, thread_ref FROM alert_state";
static const char sql_state_put[] =
	"INSERT OR REPLACE INTO alert_state (incident_id, notifier, first_seen, last_alert,"
	" revision, last_kind, sent, sent_updates, held_since, history, reason, thread_ref)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char sql_state_thread[] =
	"UPDATE alert_state SET thread_ref = ?3 WHERE incident_id = ?1 AND notifier = ?2";

bool
store_load_alert_states(Store *store, StoreAlertStateFunc func, gpointer user_data,
			GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_state_all, error);

	if (st == NULL) {
		return false;
	}
	for (;;) {
		bool row = false;
		if (!db_step_row(store, st, &row, error, "load alert states")) {
			return false;
		}
		if (!row) {
			return true;
		}
		AlertState s;
		alert_state_init(&s);
		s.first_seen = db_column_time(st, 2);
		s.last_alert = db_column_time(st, 3);
		s.revision = sqlite3_column_int64(st, 4);
		s.last_kind = alert_kind_from_string((const char *)sqlite3_column_text(st, 5));
		const char *sent = (const char *)sqlite3_column_text(st, 6);
		s.sent = sent != NULL ? g_ref_string_new_intern(sent) : NULL;
		s.sent_updates = (guint)sqlite3_column_int64(st, 7);
		s.held_since = db_column_time(st, 8);
		s.history = sqlite3_column_int(st, 9) != 0;
		s.reason = db_column_dup(st, 10);
		s.thread_ref = db_column_dup(st, 11);
		func((const char *)sqlite3_column_text(st, 0),
		     (const char *)sqlite3_column_text(st, 1), &s, user_data);
		alert_state_clear(&s);
	}
}

bool
store_put_alert_state(Store *store, const char *incident_id, const char *notifier,
		      const AlertState *s, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_state_put, error);

	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, incident_id);
	db_bind_text(st, 2, notifier);
	db_bind_time(st, 3, s->first_seen);
	db_bind_time(st, 4, s->last_alert);
	sqlite3_bind_int64(st, 5, s->revision);
	db_bind_text(st, 6, s->last_kind != ALERT_KIND_UNKNOWN ? alert_kind_to_string(s->last_kind)
							       : NULL);
	db_bind_text(st, 7, s->sent);
	sqlite3_bind_int64(st, 8, s->sent_updates);
	db_bind_time(st, 9, s->held_since);
	sqlite3_bind_int(st, 10, s->history ? 1 : 0);
	db_bind_text(st, 11, s->reason);
	db_bind_text(st, 12, s->thread_ref);
	return db_step_done(store, st, error, "save alert state");
}

bool
store_set_thread_ref(Store *store, const char *incident_id, const char *notifier,
		     const char *thread_ref, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_state_thread, error);

	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, incident_id);
	db_bind_text(st, 2, notifier);
	db_bind_text(st, 3, thread_ref);
	return db_step_done(store, st, error, "save thread reference");
}

static const char sql_state_get_thread[] =
	"SELECT thread_ref FROM alert_state WHERE incident_id = ?1 AND notifier = ?2";

bool
store_get_thread_ref(Store *store, const char *incident_id, const char *notifier,
		     char **ret_thread_ref, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_state_get_thread, error);
	bool row = false;

	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, incident_id);
	db_bind_text(st, 2, notifier);
	if (!db_step_row(store, st, &row, error, "read thread reference")) {
		return false;
	}
	*ret_thread_ref = row ? db_column_dup(st, 0) : NULL;
	return true;
}

/* ---- outbox ---- */

#define OUTBOX_COLUMNS                                                                      \
	"id, incident_id, notifier, kind, key, revision, payload, created, due, attempts,"  \
	" last_error, state, delivered_at"

static const char sql_outbox_add[] =
	"INSERT INTO outbox (incident_id, notifier, kind, key, revision, payload, created, due,"
	" state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_outbox_pending[] =
	"SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 'pending' AND incident_id = ?1"
	" AND notifier = ?2 ORDER BY id";
static const char sql_outbox_head[] =
	"SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state = 'pending' AND notifier = ?1"
	" ORDER BY id LIMIT 1";
static const char sql_outbox_get[] = "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?1";
static const char sql_outbox_update[] =
	"UPDATE outbox SET state = ?2, due = ?3, attempts = ?4, last_error = ?5,"
	" delivered_at = ?6, kind = ?7, payload = ?8, created = ?9 WHERE id = ?1";
static const char sql_outbox_open[] =
	"SELECT " OUTBOX_COLUMNS " FROM outbox WHERE state IN ('pending', 'parked', 'given_up')"
	" ORDER BY id";
static const char sql_outbox_all[] = "SELECT " OUTBOX_COLUMNS " FROM outbox ORDER BY id";
static const char sql_outbox_incident[] =
	"SELECT " OUTBOX_COLUMNS " FROM outbox WHERE incident_id = ?1"
	" AND (?2 IS NULL OR notifier = ?2) ORDER BY id";

void
store_outbox_row_free(StoreOutboxRow *row)
{
	if (row == NULL) {
		return;
	}
	g_free(row->incident_id);
	g_free(row->notifier);
	g_free(row->kind);
	g_free(row->key);
	g_free(row->payload);
	g_free(row->last_error);
	g_free(row->state);
	g_free(row);
}

static StoreOutboxRow *
read_row(sqlite3_stmt *st)
{
	StoreOutboxRow *r = g_new0(StoreOutboxRow, 1);

	r->id = sqlite3_column_int64(st, 0);
	r->incident_id = db_column_dup(st, 1);
	r->notifier = db_column_dup(st, 2);
	r->kind = db_column_dup(st, 3);
	r->key = db_column_dup(st, 4);
	r->revision = sqlite3_column_int64(st, 5);
	r->payload = db_column_dup(st, 6);
	r->created = sqlite3_column_int64(st, 7);
	r->due = sqlite3_column_int64(st, 8);
	r->attempts = sqlite3_column_int(st, 9);
	r->last_error = db_column_dup(st, 10);
	r->state = db_column_dup(st, 11);
	r->delivered_at = db_column_time(st, 12);
	return r;
}

/* Every row @st yields (bindings done by the caller). */
static GPtrArray *
read_rows(Store *store, sqlite3_stmt *st, const char *what, GError **error)
{
	g_autoptr(GPtrArray) out =
		g_ptr_array_new_with_free_func((GDestroyNotify)store_outbox_row_free);

	for (;;) {
		bool row = false;
		if (!db_step_row(store, st, &row, error, what)) {
			return NULL;
		}
		if (!row) {
			return g_steal_pointer(&out);
		}
		g_ptr_array_add(out, read_row(st));
	}
}

bool
store_outbox_add(Store *store, const StoreOutboxRow *row, gint64 *ret_id, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_outbox_add, error);

	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, row->incident_id != NULL ? row->incident_id : "");
	db_bind_text(st, 2, row->notifier);
	db_bind_text(st, 3, row->kind);
	db_bind_text(st, 4, row->key);
	sqlite3_bind_int64(st, 5, row->revision);
	db_bind_text(st, 6, row->payload);
	sqlite3_bind_int64(st, 7, row->created);
	sqlite3_bind_int64(st, 8, row->due);
	db_bind_text(st, 9, row->state != NULL ? row->state : STORE_OUTBOX_PENDING);
	if (!db_step_done(store, st, error, "queue alert")) {
		return false;
	}
	if (ret_id != NULL) {
		*ret_id = sqlite3_last_insert_rowid(store->db);
	}
	return true;
}

GPtrArray *
store_outbox_pending(Store *store, const char *incident_id, const char *notifier,
		     GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_outbox_pending, error);

	if (st == NULL) {
		return NULL;
	}
	db_bind_text(st, 1, incident_id);
	db_bind_text(st, 2, notifier);
	return read_rows(store, st, "read pending alerts", error);
}

StoreOutboxRow *
store_outbox_head(Store *store, const char *notifier, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_outbox_head, error);
	bool row = false;

	if (st == NULL) {
		return NULL;
	}
	db_bind_text(st, 1, notifier);
	if (!db_step_row(store, st, &row, error, "read the outbox")) {
		return NULL;
	}
	return row ? read_row(st) : NULL;
}

StoreOutboxRow *
store_outbox_get(Store *store, gint64 id, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_outbox_get, error);
	bool row = false;

	if (st == NULL) {
		return NULL;
	}
	sqlite3_bind_int64(st, 1, id);
	if (!db_step_row(store, st, &row, error, "read the outbox")) {
		return NULL;
	}
	if (!row) {
		g_set_error(error, SW_ERROR, SW_ERROR_NOT_FOUND, "no outbox entry %" G_GINT64_FORMAT,
			    id);
		return NULL;
	}
	return read_row(st);
}

bool
store_outbox_update(Store *store, const StoreOutboxRow *row, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_outbox_update, error);

	if (st == NULL) {
		return false;
	}
	sqlite3_bind_int64(st, 1, row->id);
	db_bind_text(st, 2, row->state);
	sqlite3_bind_int64(st, 3, row->due);
	sqlite3_bind_int(st, 4, row->attempts);
	db_bind_text(st, 5, row->last_error);
	db_bind_time(st, 6, row->delivered_at);
	db_bind_text(st, 7, row->kind);
	db_bind_text(st, 8, row->payload);
	sqlite3_bind_int64(st, 9, row->created);
	return db_step_done(store, st, error, "update the outbox");
}

GPtrArray *
store_outbox_list(Store *store, bool all, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, all ? sql_outbox_all : sql_outbox_open, error);

	return st != NULL ? read_rows(store, st, "list the outbox", error) : NULL;
}

GPtrArray *
store_outbox_for_incident(Store *store, const char *incident_id, const char *notifier,
			  GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_outbox_incident, error);

	if (st == NULL) {
		return NULL;
	}
	db_bind_text(st, 1, incident_id);
	db_bind_text(st, 2, notifier);
	return read_rows(store, st, "read the outbox", error);
}

/* ---- deliveries ---- */

static const char sql_delivery_add[] =
	"INSERT INTO deliveries (outbox_id, notifier, at, ok, detail) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_deliveries_incident[] =
	"SELECT d.outbox_id, d.notifier, d.at, d.ok, d.detail FROM deliveries d"
	" JOIN outbox o ON o.id = d.outbox_id WHERE o.incident_id = ?1"
	" AND (?2 IS NULL OR d.notifier = ?2) ORDER BY d.id";

void
store_delivery_free(StoreDelivery *d)
{
	if (d == NULL) {
		return;
	}
	g_free(d->notifier);
	g_free(d->detail);
	g_free(d);
}

bool
store_add_delivery(Store *store, gint64 outbox_id, const char *notifier, gint64 at, bool ok,
		   const char *detail, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_delivery_add, error);

	if (st == NULL) {
		return false;
	}
	sqlite3_bind_int64(st, 1, outbox_id);
	db_bind_text(st, 2, notifier);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_int(st, 4, ok ? 1 : 0);
	db_bind_text(st, 5, detail);
	return db_step_done(store, st, error, "record a delivery");
}

GPtrArray *
store_deliveries_for_incident(Store *store, const char *incident_id, const char *notifier,
			      GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_deliveries_incident, error);

	if (st == NULL) {
		return NULL;
	}
	db_bind_text(st, 1, incident_id);
	db_bind_text(st, 2, notifier);
	g_autoptr(GPtrArray) out =
		g_ptr_array_new_with_free_func((GDestroyNotify)store_delivery_free);
	for (;;) {
		bool row = false;
		if (!db_step_row(store, st, &row, error, "read deliveries")) {
			return NULL;
		}
		if (!row) {
			return g_steal_pointer(&out);
		}
		StoreDelivery *d = g_new0(StoreDelivery, 1);
		d->outbox_id = sqlite3_column_int64(st, 0);
		d->notifier = db_column_dup(st, 1);
		d->at = sqlite3_column_int64(st, 2);
		d->ok = sqlite3_column_int(st, 3) != 0;
		d->detail = db_column_dup(st, 4);
		g_ptr_array_add(out, d);
	}
}

/* ---- audit ---- */

static const char sql_audit_add[] =
	"INSERT INTO audit (incident_id, notifier, at, what) VALUES (?1, ?2, ?3, ?4)";
static const char sql_audit_incident[] =
	"SELECT at, notifier, what FROM audit WHERE incident_id = ?1"
	" AND (?2 IS NULL OR notifier IS NULL OR notifier = ?2) ORDER BY seq";

void
store_audit_free(StoreAudit *a)
{
	if (a == NULL) {
		return;
	}
	g_free(a->notifier);
	g_free(a->what);
	g_free(a);
}

bool
store_add_audit(Store *store, const char *incident_id, const char *notifier, gint64 at,
		const char *what, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_audit_add, error);

	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, incident_id);
	db_bind_text(st, 2, notifier);
	sqlite3_bind_int64(st, 3, at);
	db_bind_text(st, 4, what);
	return db_step_done(store, st, error, "record the audit trail");
}

GPtrArray *
store_audit_for_incident(Store *store, const char *incident_id, const char *notifier,
			 GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql_audit_incident, error);

	if (st == NULL) {
		return NULL;
	}
	db_bind_text(st, 1, incident_id);
	db_bind_text(st, 2, notifier);
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)store_audit_free);
	for (;;) {
		bool row = false;
		if (!db_step_row(store, st, &row, error, "read the audit trail")) {
			return NULL;
		}
		if (!row) {
			return g_steal_pointer(&out);
		}
		StoreAudit *a = g_new0(StoreAudit, 1);
		a->at = sqlite3_column_int64(st, 0);
		a->notifier = db_column_dup(st, 1);
		a->what = db_column_dup(st, 2);
		g_ptr_array_add(out, a);
	}
}

/* ---- pruning ---- */

/* Outbox rows done with before ?1: every state but pending, and nothing about them
 * (creation, next attempt, delivery) at or after ?1. */
#define PRUNABLE_OUTBOX                                                                   \
	"SELECT id FROM outbox WHERE state <> 'pending' AND created < ?1 AND due < ?1"    \
	" AND (delivered_at IS NULL OR delivered_at < ?1)"
static const char sql_prune_deliveries[] =
	"DELETE FROM deliveries WHERE outbox_id IN (" PRUNABLE_OUTBOX ")";
static const char sql_prune_outbox[] = "DELETE FROM outbox WHERE id IN (" PRUNABLE_OUTBOX ")";
static const char sql_prune_audit[] = "DELETE FROM audit WHERE at < ?1";
#undef PRUNABLE_OUTBOX

/* Runs one DELETE bound to @before; *@ret_count gets the rows it removed. */
static bool
prune_one(Store *store, const char *sql, gint64 before, guint *ret_count, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql, error);

	if (st == NULL) {
		return false;
	}
	sqlite3_bind_int64(st, 1, before);
	if (!db_step_done(store, st, error, "prune old alerts")) {
		return false;
	}
	*ret_count = (guint)sqlite3_changes(sqlite3_db_handle(st));
	return true;
}

bool
store_prune_alerts(Store *store, gint64 before, StorePruned *ret, GError **error)
{
	g_return_val_if_fail(store != NULL, false);

	StorePruned n = {0};
	bool own = false;
	if (!db_atomic_begin(store, &own, "prune old alerts", error)) {
		return false;
	}
	/* Deliveries first: they name their outbox row. */
	bool ok = prune_one(store, sql_prune_deliveries, before, &n.deliveries, error) &&
		  prune_one(store, sql_prune_outbox, before, &n.outbox, error) &&
		  prune_one(store, sql_prune_audit, before, &n.audit, error);
	if (!db_atomic_end(store, own, ok, "prune old alerts", ok ? error : NULL)) {
		return false;
	}
	if (ret != NULL) {
		*ret = n;
	}
	return true;
}
