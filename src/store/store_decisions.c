/*
 * The store's decisions table: people's merge and split decisions, in the
 * order made, which the linker always respects.  Written by `statuswatch
 * merge/split`, read by the pipeline before every relink.  Never logs.
 */
#include "store/store.h"

#include <sqlite3.h>

#include "store/store_private.h"

static const char sql_dec_add[] =
	"INSERT INTO decisions (kind, a, b, at) VALUES (?1, ?2, ?3, ?4)";

/* seq is the rowid: a range scan from the mark, however many decisions there are. */
static const char sql_dec_list[] =
	"SELECT kind, a, b, at, seq FROM decisions WHERE seq > ?1 ORDER BY seq";

/* ---- decisions ---- */

static const char *const decision_names[] = {
	[STORE_DECISION_MERGE] = "merge",
	[STORE_DECISION_SPLIT] = "split",
};

bool
store_add_decision(Store *store, StoreDecisionKind kind, const char *a, const char *b, gint64 at,
		   GError **error)
{
	g_return_val_if_fail(store != NULL && a != NULL, false);
	g_return_val_if_fail(kind == STORE_DECISION_MERGE || kind == STORE_DECISION_SPLIT, false);
	g_return_val_if_fail(kind != STORE_DECISION_MERGE || b != NULL, false);

	g_autofree char *what = g_strdup_printf("record %s of '%s'", decision_names[kind], a);
	g_autoptr(CachedStmt) st = db_stmt(store, sql_dec_add, error);
	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, decision_names[kind]);
	db_bind_text(st, 2, a);
	db_bind_text(st, 3, kind == STORE_DECISION_MERGE ? b : NULL);
	sqlite3_bind_int64(st, 4, at);
	return db_step_done(store, st, error, what);
}

static bool
read_decision(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	StoreDecision *d = g_new0(StoreDecision, 1);

	d->kind = g_strcmp0((const char *)sqlite3_column_text(st, 0), "merge") == 0
			  ? STORE_DECISION_MERGE
			  : STORE_DECISION_SPLIT;
	d->a = db_column_dup(st, 1);
	d->b = db_column_dup(st, 2);
	d->at = sqlite3_column_int64(st, 3);
	d->seq = sqlite3_column_int64(st, 4);
	g_ptr_array_add(data, d);
	return true;
}

GPtrArray *
store_list_decisions(Store *store, GError **error)
{
	return store_list_decisions_after(store, G_MININT64, error);
}

GPtrArray *
store_list_decisions_after(Store *store, gint64 seq, GError **error)
{
	g_return_val_if_fail(store != NULL, NULL);

	g_autoptr(CachedStmt) st = db_stmt(store, sql_dec_list, error);
	if (st == NULL) {
		return NULL;
	}
	sqlite3_bind_int64(st, 1, seq);
	g_autoptr(GPtrArray) out =
		g_ptr_array_new_with_free_func((GDestroyNotify)store_decision_free);
	if (!db_each_row(store, st, "list decisions", read_decision, out, error)) {
		return NULL;
	}
	return g_steal_pointer(&out);
}

void
store_decision_free(StoreDecision *d)
{
	if (d == NULL) {
		return;
	}
	g_free(d->a);
	g_free(d->b);
	g_free(d);
}
