/*
 * The store's sources table: per-source poll state (validators, schedule,
 * failures, cursor, URL hash) written by the daemon after every poll and read by it and
 * by `statuswatch sources`.  Never logs.
 */
#include "store/store.h"

#include <sqlite3.h>

#include "store/store_private.h"

static const char sql_src_get[] =
	"SELECT name, etag, last_modified, last_attempt, last_success,"
	" last_error, consecutive_failures, next_poll, failing_since,"
	" unreachable_reported, last_full_read, cursor, url_hash FROM sources WHERE name = ?1";

static const char sql_src_put[] =
	"INSERT INTO sources (name, etag, last_modified, last_attempt,"
	" last_success, last_error, consecutive_failures, next_poll,"
	" failing_since, unreachable_reported, last_full_read, cursor, url_hash)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
	" ON CONFLICT (name) DO UPDATE SET etag = ?2, last_modified = ?3,"
	" last_attempt = ?4, last_success = ?5, last_error = ?6,"
	" consecutive_failures = ?7, next_poll = ?8, failing_since = ?9,"
	" unreachable_reported = ?10, last_full_read = ?11, cursor = ?12, url_hash = ?13";

static const char sql_src_list[] =
	"SELECT name, etag, last_modified, last_attempt, last_success,"
	" last_error, consecutive_failures, next_poll, failing_since,"
	" unreachable_reported, last_full_read, cursor, url_hash FROM sources ORDER BY name";

/* ---- source state ---- */

static SourceState *
read_source_state(sqlite3_stmt *st)
{
	SourceState *s = source_state_new((const char *)sqlite3_column_text(st, 0));

	s->etag = db_column_dup(st, 1);
	s->last_modified = db_column_dup(st, 2);
	s->last_attempt = db_column_time(st, 3);
	s->last_success = db_column_time(st, 4);
	s->last_error = db_column_dup(st, 5);
	s->consecutive_failures = (guint)CLAMP(sqlite3_column_int64(st, 6), 0, G_MAXUINT);
	s->next_poll = db_column_time(st, 7);
	s->failing_since = db_column_time(st, 8);
	s->unreachable_reported = sqlite3_column_int(st, 9) != 0;
	s->last_full_read = db_column_time(st, 10);
	s->cursor = db_column_dup(st, 11);
	s->url_hash = db_column_dup(st, 12);
	return s;
}

SourceState *
store_get_source_state(Store *store, const char *name, GError **error)
{
	g_return_val_if_fail(store != NULL && name != NULL, NULL);

	g_autofree char *what = g_strdup_printf("get state of source '%s'", name);
	g_autoptr(CachedStmt) st = db_stmt(store, sql_src_get, error);
	bool row = false;
	if (st == NULL) {
		return NULL;
	}
	db_bind_text(st, 1, name);
	if (!db_step_row(store, st, &row, error, what)) {
		return NULL;
	}
	return row ? read_source_state(st) : source_state_new(name);
}

bool
store_put_source_state(Store *store, const SourceState *s, GError **error)
{
	g_return_val_if_fail(store != NULL && s != NULL && s->name != NULL, false);

	g_autofree char *what = g_strdup_printf("save state of source '%s'", s->name);
	g_autoptr(CachedStmt) st = db_stmt(store, sql_src_put, error);
	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, s->name);
	db_bind_text(st, 2, s->etag);
	db_bind_text(st, 3, s->last_modified);
	db_bind_time(st, 4, s->last_attempt);
	db_bind_time(st, 5, s->last_success);
	db_bind_text(st, 6, s->last_error);
	sqlite3_bind_int64(st, 7, s->consecutive_failures);
	db_bind_time(st, 8, s->next_poll);
	db_bind_time(st, 9, s->failing_since);
	sqlite3_bind_int(st, 10, s->unreachable_reported);
	db_bind_time(st, 11, s->last_full_read);
	db_bind_text(st, 12, s->cursor);
	db_bind_text(st, 13, s->url_hash);
	return db_step_done(store, st, error, what);
}

static bool
add_source_state(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	g_ptr_array_add(data, read_source_state(st));
	return true;
}

GPtrArray *
store_list_source_states(Store *store, GError **error)
{
	g_return_val_if_fail(store != NULL, NULL);

	g_autoptr(CachedStmt) st = db_stmt(store, sql_src_list, error);
	if (st == NULL) {
		return NULL;
	}
	g_autoptr(GPtrArray) out =
		g_ptr_array_new_with_free_func((GDestroyNotify)source_state_free);
	if (!db_each_row(store, st, "list source states", add_source_state, out, error)) {
		return NULL;
	}
	return g_steal_pointer(&out);
}
