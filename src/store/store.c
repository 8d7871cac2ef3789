/*
 * The store: statuswatch's state in one SQLite file, and the only SQL in the
 * program.  Data comes in from the poller (advisories, source state), the
 * linker (incidents) and the CLI (merge/split decisions); it goes out to the
 * linker, the CLI's reports and the alert pipeline.
 *
 * This file opens and closes the database, runs transactions and holds the
 * helpers every table file shares (store_private.h); the tables live one group
 * per file: store_advisories.c, store_sources.c, store_incidents.c,
 * store_decisions.c.
 *
 * Opening is careful: a file that is not ours (not SQLite, corrupt, another
 * application's, or written by a newer statuswatch) is refused with
 * SW_ERROR_SCHEMA before anything is written to it, so the user keeps the
 * file to inspect.  Only then do we switch to WAL and run the missing schema
 * steps from schema.c, each in its own transaction.
 *
 * Every SQLite failure becomes a GError here, carrying the operation and
 * sqlite3_errmsg(): "store '/path': upsert advisory m365/EX649175: database is
 * locked".  Statements are prepared once and kept in the Store.  This module
 * never logs or prints (callers do), and never deletes or recreates a database.
 */
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/store_private.h"
#include "util/error.h"

static const char sql_begin[] =
	"BEGIN IMMEDIATE";

static const char sql_commit[] =
	"COMMIT";

static const char sql_savepoint[] =
	"SAVEPOINT sw";

static const char sql_release[] =
	"RELEASE sw";

static const char sql_rollback_to[] =
	"ROLLBACK TO sw";

static void
finalize_stmt(gpointer st)
{
	sqlite3_finalize(st);
}

/* ---- errors ---- */

static SwErrorCode
code_for(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return SW_ERROR_SCHEMA;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		/* Another process held the database past the busy timeout: try again later
		 * (the digest timer retries in 15 minutes instead of skipping a day). */
		return SW_ERROR_TEMPORARY;
	default:
		return SW_ERROR_IO;
	}
}

/* "store '/path': <what>: <sqlite3_errmsg>", code from the last SQLite result. */
void
db_error(Store *store, GError **error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g_autofree char *what = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	int rc = sqlite3_extended_errcode(store->db);
	g_set_error(error, SW_ERROR, code_for(rc), "store '%s': %s: %s", store->path, what,
		    sqlite3_errmsg(store->db));
}

/* ---- statements ---- */

void
db_stmt_release(CachedStmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

CachedStmt *
db_stmt(Store *store, const char *sql, GError **error)
{
	sqlite3_stmt *st = g_hash_table_lookup(store->stmts, sql);

	if (st == NULL) {
		int rc = sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
					    NULL);
		if (rc != SQLITE_OK) {
			db_error(store, error, "prepare '%.60s'", sql);
			return NULL;
		}
		g_hash_table_insert(store->stmts, (gpointer)sql, st);
	}
	return st;
}

void
db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	/* STATIC: every bound string outlives the step that reads it. */
	if (s == NULL) {
		sqlite3_bind_null(st, idx);
	} else {
		sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
	}
}

void
db_bind_time(sqlite3_stmt *st, int idx, gint64 t)
{
	if (t == SW_TIME_NONE) {
		sqlite3_bind_null(st, idx);
	} else {
		sqlite3_bind_int64(st, idx, t);
	}
}

gint64
db_column_time(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL) {
		return SW_TIME_NONE;
	}
	return sqlite3_column_int64(st, col);
}

char *
db_column_dup(sqlite3_stmt *st, int col)
{
	return g_strdup((const char *)sqlite3_column_text(st, col));
}

/* Steps a statement that returns no rows. */
bool
db_step_done(Store *store, sqlite3_stmt *st, GError **error, const char *what)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_error(store, error, "%s", what);
		return false;
	}
	return true;
}

/* Steps once: SQLITE_ROW → true with *ret_row = true; DONE → true, false; error → false. */
bool
db_step_row(Store *store, sqlite3_stmt *st, bool *ret_row, GError **error, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		*ret_row = rc == SQLITE_ROW;
		return true;
	}
	db_error(store, error, "%s", what);
	return false;
}

bool
db_each_row(Store *store, sqlite3_stmt *st, const char *what, DbRowFunc read, gpointer data,
	    GError **error)
{
	for (;;) {
		bool row = false;
		if (!db_step_row(store, st, &row, error, what)) {
			return false;
		}
		if (!row) {
			return true;
		}
		if (!read(store, st, data, error)) {
			return false;
		}
	}
}

bool
db_read_text(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	g_ptr_array_add(data, db_column_dup(st, 0));
	return true;
}

bool
db_exec(Store *store, const char *sql, GError **error, const char *what)
{
	if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		db_error(store, error, "%s", what);
		return false;
	}
	return true;
}

/*
 * Makes a multi-statement write atomic.  Inside store_begin() it is a savepoint
 * (they nest).  Outside, it is its own BEGIN IMMEDIATE transaction rather than
 * a bare savepoint: a deferred transaction that reads first and then wants the
 * write lock gets SQLITE_BUSY at once, without the busy timeout, whenever
 * another process is writing.  @ret_own says which kind was started.
 */
bool
db_atomic_begin(Store *store, bool *ret_own, const char *what, GError **error)
{
	*ret_own = sqlite3_get_autocommit(store->db) != 0;
	g_autoptr(CachedStmt) st = db_stmt(store, *ret_own ? sql_begin : sql_savepoint, error);
	return st != NULL && db_step_done(store, st, error, what);
}

/* @ok false: undo, @error is already set by the caller.  Otherwise commit. */
bool
db_atomic_end(Store *store, bool own, bool ok, const char *what, GError **error)
{
	if (ok) {
		g_autoptr(CachedStmt) st = db_stmt(store, own ? sql_commit : sql_release, error);
		if (st != NULL && db_step_done(store, st, error, what)) {
			return true;
		}
		/* A failed COMMIT (busy) leaves the transaction open: fall through to undo. */
	}
	/* Failures while undoing mean SQLite already rolled the whole transaction back
	 * (e.g. after SQLITE_FULL): nothing left to undo. */
	if (own) {
		store_rollback(store);
		return false;
	}
	g_autoptr(CachedStmt) rb = db_stmt(store, sql_rollback_to, NULL);
	if (rb != NULL) {
		sqlite3_step(rb);
	}
	g_autoptr(CachedStmt) rel = db_stmt(store, sql_release, NULL);
	if (rel != NULL) {
		sqlite3_step(rel);
	}
	return false;
}

/* ---- opening ---- */

/* Reads one integer pragma (or query) of a database that may not be ours. */
static bool
query_int(Store *store, const char *sql, gint64 *ret, GError **error)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	if (sqlite3_prepare_v2(store->db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		*ret = sqlite3_column_int64(st, 0);
		ok = true;
	}
	if (!ok) {
		int rc = sqlite3_extended_errcode(store->db);
		if (code_for(rc) == SW_ERROR_SCHEMA) {
			g_set_error(error, SW_ERROR, SW_ERROR_SCHEMA,
				    "store '%s': is not a statuswatch database: %s", store->path,
				    sqlite3_errmsg(store->db));
		} else {
			db_error(store, error, "read '%s'", sql);
		}
	}
	sqlite3_finalize(st);
	return ok;
}

/*
 * Decides, by reading only, whether the file is ours and which version it is.
 * Nothing is written before this says yes.
 */
static bool
check_identity(Store *store, gint64 *ret_version, GError **error)
{
	gint64 app_id = 0, version = 0, tables = 0;

	/* The first read of the header is where a non-database fails (SQLITE_NOTADB). */
	if (!query_int(store, "PRAGMA application_id", &app_id, error) ||
	    !query_int(store, "PRAGMA user_version", &version, error) ||
	    !query_int(store, "SELECT count(*) FROM sqlite_master", &tables, error)) {
		return false;
	}
	if (app_id != 0 && app_id != SCHEMA_APPLICATION_ID) {
		g_set_error(error, SW_ERROR, SW_ERROR_SCHEMA,
			    "store '%s': is not a statuswatch database: application id 0x%08"
			    G_GINT64_MODIFIER "x belongs to another program",
			    store->path, app_id);
		return false;
	}
	if (app_id == 0 && (version != 0 || tables != 0)) {
		/* Name one thing it holds, so the user recognises whose file it is. */
		g_autofree char *name = NULL;
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(store->db,
				       "SELECT name FROM sqlite_master ORDER BY rowid LIMIT 1", -1,
				       &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW) {
			name = db_column_dup(st, 0);
		}
		sqlite3_finalize(st);
		if (name != NULL) {
			g_set_error(error, SW_ERROR, SW_ERROR_SCHEMA,
				    "store '%s': is not a statuswatch database: it holds another"
				    " program's tables (e.g. '%s')", store->path, name);
		} else {
			g_set_error(error, SW_ERROR, SW_ERROR_SCHEMA,
				    "store '%s': is not a statuswatch database: schema version %"
				    G_GINT64_FORMAT " without a statuswatch application id",
				    store->path, version);
		}
		return false;
	}
	if (version > STORE_SCHEMA_VERSION) {
		g_set_error(error, SW_ERROR, SW_ERROR_SCHEMA,
			    "store '%s': was written by a newer statuswatch (schema %"
			    G_GINT64_FORMAT ", this build knows up to %d)",
			    store->path, version, STORE_SCHEMA_VERSION);
		return false;
	}
	if (version < 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_SCHEMA,
			    "store '%s': is not a statuswatch database: schema version %"
			    G_GINT64_FORMAT, store->path, version);
		return false;
	}
	*ret_version = version;
	return true;
}

/*
 * PRAGMA quick_check on every open of an existing database.  It reads the whole
 * file once (O(pages), no index cross-check): 22 ms for a 21 MB database of
 * 10,000 advisories with two versions each (measured, warm cache), so well under
 * a second for the sizes statuswatch reaches; and it runs once per process
 * (daemon start, one CLI command).  In exchange a damaged file is refused with a
 * clear message before a migration or a poll writes into it and makes it worse.
 */
static bool
check_integrity(Store *store, GError **error)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(store->db, "PRAGMA quick_check(1)", -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_ROW) {
		if (code_for(sqlite3_extended_errcode(store->db)) == SW_ERROR_SCHEMA) {
			g_set_error(error, SW_ERROR, SW_ERROR_SCHEMA,
				    "store '%s': is not a statuswatch database: %s", store->path,
				    sqlite3_errmsg(store->db));
		} else {
			db_error(store, error, "integrity check");
		}
		sqlite3_finalize(st);
		return false;
	}
	const char *result = (const char *)sqlite3_column_text(st, 0);
	bool ok = g_strcmp0(result, "ok") == 0;
	if (!ok) {
		g_set_error(error, SW_ERROR, SW_ERROR_SCHEMA, "store '%s': database is corrupt: %s",
			    store->path, result != NULL ? result : "(no detail)");
	}
	sqlite3_finalize(st);
	return ok;
}

/* One schema step inside the caller's transaction; false with @error set on failure. */
static bool
migrate_step(Store *store, gint64 version, GError **error)
{
	const char *sql = schema_step_sql((int)version);

	if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		db_error(store, error, "schema step %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
			     " (%s)", version, version + 1, schema_step_name((int)version));
		return false;
	}
	g_autofree char *bump = g_strdup_printf(
		"PRAGMA user_version = %" G_GINT64_FORMAT "; PRAGMA application_id = %d;",
		version + 1, SCHEMA_APPLICATION_ID);
	return db_exec(store, bump, error, "set schema version");
}

static bool
migrate(Store *store, gint64 known_version, GError **error)
{
	/* Up to date (the common case): take no write lock, so `statuswatch show` never
	 * waits on the daemon's open transaction. */
	if (known_version >= STORE_SCHEMA_VERSION) {
		return true;
	}
	for (;;) {
		gint64 version = 0;

		/* IMMEDIATE: take the write lock first, then re-read the version, so two
		 * processes opening at once run each step exactly once. */
		if (!db_exec(store, "BEGIN IMMEDIATE", error, "begin schema upgrade")) {
			return false;
		}
		if (!query_int(store, "PRAGMA user_version", &version, error)) {
			break;
		}
		if (version >= STORE_SCHEMA_VERSION) {
			return db_exec(store, "COMMIT", error, "end schema check");
		}
		if (!migrate_step(store, version, error) ||
		    !db_exec(store, "COMMIT", error, "commit schema upgrade")) {
			break;
		}
	}
	sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	return false;
}

static bool
configure(Store *store, GError **error)
{
	/* WAL: readers (the CLI) never block the daemon's writer.  NORMAL sync is safe
	 * with WAL (a power cut may lose the last commit, never corrupt).  A
	 * filesystem without shared memory keeps the old journal; that is not fatal. */
	return db_exec(store, "PRAGMA journal_mode = WAL", error, "set journal mode") &&
	       db_exec(store, "PRAGMA synchronous = NORMAL", error, "set synchronous") &&
	       db_exec(store, "PRAGMA foreign_keys = ON", error, "enable foreign keys");
}

Store *
store_open_file(const char *path, GError **error)
{
	g_return_val_if_fail(path != NULL, NULL);

	Store *store = g_new0(Store, 1);
	store->path = g_strdup(path);
	store->stmts = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, finalize_stmt);

	GStatBuf sb;
	bool existing = g_stat(path, &sb) == 0 && sb.st_size > 0;

	/* SQLite would create the file 0644 (less the umask): the incident history, and
	 * with the outbox the alert text, are nobody else's business.  SQLite gives its
	 * -wal and -shm files the database's mode. */
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
	}

	int rc = sqlite3_open_v2(path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
				 NULL);
	if (rc != SQLITE_OK) {
		if (store->db != NULL) {
			db_error(store, error, "open");
		} else {
			g_set_error(error, SW_ERROR, SW_ERROR_IO, "store '%s': open: %s", path,
				    sqlite3_errstr(rc));
		}
		goto fail;
	}
	sqlite3_extended_result_codes(store->db, 1);
	/* 5 s: long enough to wait out another process's poll commit, short enough that
	 * a stuck writer surfaces as "database is locked" instead of a hang. */
	sqlite3_busy_timeout(store->db, 5000);

	gint64 version = 0;
	if (!check_identity(store, &version, error)) {
		goto fail;
	}
	if (existing && !check_integrity(store, error)) {
		goto fail;
	}
	if (!configure(store, error) || !migrate(store, version, error)) {
		goto fail;
	}
	return store;

fail:
	store_close(store);
	return NULL;
}

Store *
store_open(const char *dir, GError **error)
{
	g_return_val_if_fail(dir != NULL, NULL);

	if (g_mkdir_with_parents(dir, 0700) != 0) {
		int err = errno;
		g_set_error(error, SW_ERROR, SW_ERROR_IO, "store '%s': cannot create directory: %s",
			    dir, g_strerror(err));
		return NULL;
	}
	g_autofree char *path = g_build_filename(dir, "state.db", NULL);
	return store_open_file(path, error);
}

void
store_close(Store *store)
{
	if (store == NULL) {
		return;
	}
	if (store->stmts != NULL) {
		g_hash_table_destroy(store->stmts);
	}
	if (store->db != NULL) {
		/* close_v2: never fails for unfinalized statements; there are none left. */
		sqlite3_close_v2(store->db);
	}
	g_free(store->path);
	g_free(store);
}

const char *
store_path(const Store *store)
{
	return store->path;
}

char *
store_default_dir(void)
{
	/* Read the variable each time (g_get_user_state_dir() caches it); the XDG spec
	 * says a relative value is invalid and must be ignored. */
	const char *state = g_getenv("XDG_STATE_HOME");

	if (state != NULL && g_path_is_absolute(state)) {
		return g_build_filename(state, "statuswatch", NULL);
	}
	return g_build_filename(g_get_home_dir(), ".local", "state", "statuswatch", NULL);
}

bool
store_begin(Store *store, GError **error)
{
	/* IMMEDIATE takes the write lock now: a deferred transaction that later wants
	 * to write can fail with SQLITE_BUSY without the busy handler helping. */
	return db_exec(store, "BEGIN IMMEDIATE", error, "begin transaction");
}

bool
store_commit(Store *store, GError **error)
{
	return db_exec(store, "COMMIT", error, "commit");
}

void
store_rollback(Store *store)
{
	if (!sqlite3_get_autocommit(store->db)) {
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	}
}
