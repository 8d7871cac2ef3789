/*
 * Internal to store/: the Store object and the helpers every table file
 * (store_advisories.c, store_incidents.c, ...) shares.  Nothing outside
 * store/ includes this header; sqlite3 types stay inside the folder.
 *
 * A table file keeps its SQL next to the code that runs it, as
 * `static const char sql_<name>[]`, and runs it through db_stmt(): statements
 * are prepared on first use and cached by the address of that array, so a new
 * table file (the outbox, say) adds statements without touching this one.
 */
#ifndef SW_STORE_STORE_PRIVATE_H
#define SW_STORE_STORE_PRIVATE_H

#include <glib.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "model/advisory.h"
#include "store/store.h"

struct Store {
	sqlite3 *db;
	char *path;         /* owned */
	GHashTable *stmts;  /* const char * SQL (static storage, keyed by address) →
			     * sqlite3_stmt *, prepared on first use, owned */
};

/* A cached statement in use: g_autoptr(CachedStmt) resets it (and clears its
 * bindings) when the scope ends, whichever way it ends.  It is never freed. */
typedef sqlite3_stmt CachedStmt;
void db_stmt_release(CachedStmt *st);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CachedStmt, db_stmt_release)

/* The cached statement for @sql, which must have static storage duration (it is the
 * cache key).  Borrowed; NULL with SW_ERROR_IO if it does not prepare. */
CachedStmt *db_stmt(Store *store, const char *sql, GError **error);

/* Sets @error to "store '/path': <what>: <sqlite3_errmsg>", with the code from
 * the last SQLite result (SW_ERROR_SCHEMA for a corrupt file, else SW_ERROR_IO). */
G_GNUC_PRINTF(3, 4)
void db_error(Store *store, GError **error, const char *fmt, ...);

/* NULL binds SQL NULL; the string must outlive the step that reads it. */
void db_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* SW_TIME_NONE binds SQL NULL. */
void db_bind_time(sqlite3_stmt *st, int idx, gint64 t);
/* SQL NULL reads as SW_TIME_NONE. */
gint64 db_column_time(sqlite3_stmt *st, int col);
/* Caller frees; NULL for SQL NULL. */
char *db_column_dup(sqlite3_stmt *st, int col);

/* Steps a statement that returns no rows. */
bool db_step_done(Store *store, sqlite3_stmt *st, GError **error, const char *what);
/* Steps once: a row → true with *ret_row = true; done → true, false; error → false. */
bool db_step_row(Store *store, sqlite3_stmt *st, bool *ret_row, GError **error,
		 const char *what);
/* Reads one row of a query into @data; false (with @error set) stops the walk. */
typedef bool (*DbRowFunc)(Store *store, sqlite3_stmt *st, gpointer data, GError **error);
/* Steps @st to its end and hands every row to @read.  False with @error set when a step
 * fails ("<what>: <sqlite3_errmsg>") or @read does. */
bool db_each_row(Store *store, sqlite3_stmt *st, const char *what, DbRowFunc read,
		 gpointer data, GError **error);
/* A DbRowFunc that adds the row's first column (a copy) to the GPtrArray @data. */
bool db_read_text(Store *store, sqlite3_stmt *st, gpointer data, GError **error);
/* Runs SQL text once, uncached (pragmas, schema steps). */
bool db_exec(Store *store, const char *sql, GError **error, const char *what);

/*
 * Makes a multi-statement write atomic: a savepoint inside store_begin(), else its
 * own BEGIN IMMEDIATE transaction (@ret_own says which).  db_atomic_end() with @ok
 * false undoes it (the caller has set @error already), else commits.
 */
bool db_atomic_begin(Store *store, bool *ret_own, const char *what, GError **error);
bool db_atomic_end(Store *store, bool own, bool ok, const char *what, GError **error);

/* ---- shared by the advisory and incident tables (store_advisories.c) ---- */

/* Parses a stored advisory document; SW_ERROR_SCHEMA if it is damaged.  Caller unrefs. */
Advisory *db_parse_doc(Store *store, const char *doc, const char *source, const char *id,
		       GError **error);
/* Writes @adv as the current version (insert unless @exists) and appends it to the
 * history at @seen_at; @last_seen moves last_seen (SW_TIME_NONE: leave it). */
bool db_write_version(Store *store, const Advisory *adv, const char *fp, bool exists,
		      gint64 seen_at, gint64 last_seen, GError **error);

#endif
