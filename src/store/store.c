/*
 * The store: statuswatch's state in one SQLite file, and the only SQL in the
 * program.  Data comes in from the poller (advisories, source state), the
 * linker (incidents) and the CLI (merge/split decisions); it goes out to the
 * linker, the CLI's reports and the alert pipeline.
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
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "model/advisory_json.h"
#include "store/schema.h"
#include "util/error.h"

/* "Changed in the last 7 days" of store_load_incidents(): a week keeps last
 * week's incidents in view for reports and re-linking, and no longer. */
#define RECENT_SECONDS (7 * 24 * 3600)

/*
 * Every statement the store runs more than once.  Prepared on first use with
 * SQLITE_PREPARE_PERSISTENT and kept until store_close().
 */
typedef enum {
	ST_BEGIN,
	ST_COMMIT,
	ST_SAVEPOINT,
	ST_RELEASE,
	ST_ROLLBACK_TO,
	ST_ADV_GET_FP,
	ST_ADV_INSERT,
	ST_ADV_UPDATE,
	ST_ADV_TOUCH,
	ST_ADV_GET_DOC,
	ST_ADV_EXISTS,
	ST_ADV_LOAD,
	ST_VER_INSERT,
	ST_VER_LIST,
	ST_ADV_OPEN_IDS,
	ST_SRC_GET,
	ST_SRC_PUT,
	ST_SRC_LIST,
	ST_INC_UPSERT,
	ST_INC_DROP_ALIAS,
	ST_INC_MEMBER_OF,
	ST_INC_DEL_MEMBERS,
	ST_INC_ADD_MEMBER,
	ST_INC_DEL_LINKS,
	ST_INC_ADD_LINK,
	ST_INC_IS_EMPTY,
	ST_INC_MOVE_ALIASES,
	ST_INC_DELETE,
	ST_INC_EXISTS,
	ST_INC_ADD_ALIAS,
	ST_INC_RESOLVE,
	ST_LOAD_INCIDENTS,
	ST_LOAD_MEMBERS,
	ST_LOAD_LINKS,
	ST_LOAD_ALIASES,
	ST_ONE_INCIDENT,
	ST_ONE_MEMBERS,
	ST_ONE_LINKS,
	ST_ONE_ALIASES,
	ST_ASSIGNMENTS,
	ST_DEC_ADD,
	ST_DEC_LIST,
	ST_COUNT
} StmtId;

/* Incidents with a member that is open (not closed, not withdrawn, not ended at
 * ?2, not a stale status-less one: advisory_is_closed()) or that changed at or
 * after ?3.  ?1 true selects all. */
#define STALE_AFTER 259200 /* ADVISORY_STALE_AFTER, as a literal for the SQL text */
G_STATIC_ASSERT(STALE_AFTER == ADVISORY_STALE_AFTER);
#define WANTED_INCIDENTS                                                                   \
	"(?1 OR %s IN (SELECT m.incident_id FROM incident_members m"                      \
	" JOIN advisories a ON a.source = m.source AND a.id = m.advisory_id"               \
	" WHERE (a.closed = 0 AND a.withdrawn = 0 AND (a.end_at IS NULL OR a.end_at > ?2)" \
	"  AND NOT (a.status = 'unknown' AND a.end_at IS NULL"                              \
	"   AND COALESCE(a.updated_at, a.start_at) < ?2 - " G_STRINGIFY(STALE_AFTER) "))"     \
	" OR a.changed_at >= ?3))"

static const char *const stmt_sql[ST_COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_SAVEPOINT] = "SAVEPOINT sw",
	[ST_RELEASE] = "RELEASE sw",
	[ST_ROLLBACK_TO] = "ROLLBACK TO sw",
	[ST_ADV_GET_FP] = "SELECT fingerprint FROM advisories WHERE source = ?1 AND id = ?2",
	[ST_ADV_INSERT] = "INSERT INTO advisories (source, id, doc, fingerprint, status, closed,"
			  " withdrawn, start_at, end_at, updated_at, first_seen, last_seen,"
			  " changed_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?11)",
	/* ?11 NULL leaves last_seen alone (store_mark_withdrawn: not seen in the source). */
	[ST_ADV_UPDATE] = "UPDATE advisories SET doc = ?3, fingerprint = ?4, status = ?5,"
			  " closed = ?6, withdrawn = ?7, start_at = ?8, end_at = ?9,"
			  " updated_at = ?10, changed_at = ?12,"
			  " last_seen = CASE WHEN ?11 IS NULL THEN last_seen"
			  "  ELSE MAX(last_seen, ?11) END"
			  " WHERE source = ?1 AND id = ?2",
	[ST_ADV_TOUCH] = "UPDATE advisories SET last_seen = MAX(last_seen, ?3)"
			 " WHERE source = ?1 AND id = ?2",
	[ST_ADV_GET_DOC] = "SELECT doc FROM advisories WHERE source = ?1 AND id = ?2",
	[ST_ADV_EXISTS] = "SELECT 1 FROM advisories WHERE source = ?1 AND id = ?2",
	/* Open ones always (status-less ones only through their last update, since
	 * they go stale: advisory_is_closed()); others if their end reaches ?1.  The end is end_at, or
	 * lacking one the last update (as incident_end() has it), or lacking that
	 * last_seen; a withdrawal counts as an end at the time it was recorded.
	 * ?1 NULL gives all. */
	[ST_ADV_LOAD] = "SELECT source, id, doc FROM advisories"
			" WHERE ?1 IS NULL OR (closed = 0 AND withdrawn = 0 AND end_at IS NULL"
			"  AND status <> 'unknown')"
			" OR MAX(COALESCE(end_at, updated_at, last_seen),"
			"  CASE WHEN withdrawn THEN changed_at ELSE 0 END) >= ?1"
			" ORDER BY source, id",
	[ST_VER_INSERT] = "INSERT INTO advisory_versions (source, id, fingerprint, seen_at, doc)"
			  " VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_VER_LIST] = "SELECT doc, seen_at FROM advisory_versions"
			" WHERE source = ?1 AND id = ?2 ORDER BY vid",
	[ST_ADV_OPEN_IDS] = "SELECT id FROM advisories WHERE source = ?1 AND closed = 0"
			    " AND withdrawn = 0 ORDER BY id",
	[ST_SRC_GET] = "SELECT name, etag, last_modified, last_attempt, last_success,"
		       " last_error, consecutive_failures, next_poll, failing_since,"
		       " unreachable_reported, last_full_read, cursor FROM sources WHERE name = ?1",
	[ST_SRC_PUT] = "INSERT INTO sources (name, etag, last_modified, last_attempt,"
		       " last_success, last_error, consecutive_failures, next_poll,"
		       " failing_since, unreachable_reported, last_full_read, cursor)"
		       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
		       " ON CONFLICT (name) DO UPDATE SET etag = ?2, last_modified = ?3,"
		       " last_attempt = ?4, last_success = ?5, last_error = ?6,"
		       " consecutive_failures = ?7, next_poll = ?8, failing_since = ?9,"
		       " unreachable_reported = ?10, last_full_read = ?11, cursor = ?12",
	[ST_SRC_LIST] = "SELECT name, etag, last_modified, last_attempt, last_success,"
			" last_error, consecutive_failures, next_poll, failing_since,"
			" unreachable_reported, last_full_read, cursor FROM sources ORDER BY name",
	[ST_INC_UPSERT] = "INSERT INTO incidents (id, title, created, updated, merged_by_hand)"
			  " VALUES (?1, ?2, ?3, ?4, ?5)"
			  " ON CONFLICT (id) DO UPDATE SET title = ?2,"
			  " created = COALESCE(incidents.created, ?3), updated = ?4,"
			  " merged_by_hand = ?5",
	[ST_INC_DROP_ALIAS] = "DELETE FROM incident_aliases WHERE alias = ?1",
	[ST_INC_MEMBER_OF] = "SELECT incident_id FROM incident_members"
			     " WHERE source = ?1 AND advisory_id = ?2",
	[ST_INC_DEL_MEMBERS] = "DELETE FROM incident_members WHERE incident_id = ?1",
	[ST_INC_ADD_MEMBER] = "INSERT INTO incident_members (incident_id, source, advisory_id)"
			      " VALUES (?1, ?2, ?3) ON CONFLICT (source, advisory_id)"
			      " DO UPDATE SET incident_id = ?1",
	[ST_INC_DEL_LINKS] = "DELETE FROM incident_links WHERE incident_id = ?1",
	[ST_INC_ADD_LINK] = "INSERT INTO incident_links (incident_id, seq, a_source, a_id,"
			    " b_source, b_id, score, reasons, by_hand)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_INC_IS_EMPTY] = "SELECT NOT EXISTS (SELECT 1 FROM incident_members"
			    " WHERE incident_id = ?1) AND EXISTS (SELECT 1 FROM incidents"
			    " WHERE id = ?1)",
	[ST_INC_MOVE_ALIASES] = "UPDATE incident_aliases SET incident_id = ?2"
				" WHERE incident_id = ?1",
	[ST_INC_DELETE] = "DELETE FROM incidents WHERE id = ?1",
	[ST_INC_EXISTS] = "SELECT 1 FROM incidents WHERE id = ?1",
	[ST_INC_ADD_ALIAS] = "INSERT INTO incident_aliases (alias, incident_id) VALUES (?1, ?2)"
			     " ON CONFLICT (alias) DO UPDATE SET incident_id = ?2",
	[ST_INC_RESOLVE] = "SELECT id FROM incidents WHERE id = ?1"
			   " UNION ALL SELECT incident_id FROM incident_aliases WHERE alias = ?1"
			   " LIMIT 1",
	[ST_LOAD_INCIDENTS] = "SELECT id, title, created, merged_by_hand FROM incidents"
			      " WHERE " WANTED_INCIDENTS " ORDER BY created, id",
	[ST_LOAD_MEMBERS] = "SELECT mm.incident_id, mm.source, mm.advisory_id, aa.doc"
			    " FROM incident_members mm JOIN advisories aa"
			    " ON aa.source = mm.source AND aa.id = mm.advisory_id"
			    " WHERE " WANTED_INCIDENTS,
	[ST_LOAD_LINKS] = "SELECT incident_id, a_source, a_id, b_source, b_id, score, reasons,"
			  " by_hand FROM incident_links WHERE " WANTED_INCIDENTS
			  " ORDER BY incident_id, seq",
	[ST_LOAD_ALIASES] = "SELECT incident_id, alias FROM incident_aliases"
			    " WHERE " WANTED_INCIDENTS " ORDER BY incident_id, rowid",
	[ST_ONE_INCIDENT] = "SELECT id, title, created, merged_by_hand FROM incidents"
			    " WHERE id = ?1",
	[ST_ONE_MEMBERS] = "SELECT mm.incident_id, mm.source, mm.advisory_id, aa.doc"
			   " FROM incident_members mm JOIN advisories aa"
			   " ON aa.source = mm.source AND aa.id = mm.advisory_id"
			   " WHERE mm.incident_id = ?1",
	[ST_ONE_LINKS] = "SELECT incident_id, a_source, a_id, b_source, b_id, score, reasons,"
			 " by_hand FROM incident_links WHERE incident_id = ?1 ORDER BY seq",
	[ST_ONE_ALIASES] = "SELECT incident_id, alias FROM incident_aliases"
			   " WHERE incident_id = ?1 ORDER BY rowid",
	[ST_ASSIGNMENTS] = "SELECT source, advisory_id, incident_id FROM incident_members",
	[ST_DEC_ADD] = "INSERT INTO decisions (kind, a, b, at) VALUES (?1, ?2, ?3, ?4)",
	[ST_DEC_LIST] = "SELECT kind, a, b, at FROM decisions ORDER BY seq",
};

struct Store {
	sqlite3 *db;
	char *path;                      /* owned */
	sqlite3_stmt *stmts[ST_COUNT];   /* prepared on first use, owned */
};

/* ---- errors ---- */

static SwErrorCode
code_for(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return SW_ERROR_SCHEMA;
	default:
		return SW_ERROR_IO;
	}
}

/* "store '/path': <what>: <sqlite3_errmsg>", code from the last SQLite result. */
G_GNUC_PRINTF(3, 4)
static void
set_db_error(Store *store, GError **error, const char *fmt, ...)
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

/* A cached statement in use: g_autoptr(CachedStmt) resets it (and clears its
 * bindings) when the scope ends, whichever way it ends.  It is never freed. */
typedef sqlite3_stmt CachedStmt;

static void
cached_stmt_release(CachedStmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CachedStmt, cached_stmt_release)

static CachedStmt *
stmt(Store *store, StmtId id, GError **error)
{
	if (store->stmts[id] == NULL) {
		g_autoptr(GString) sql = g_string_new(stmt_sql[id]);
		/* The WANTED_INCIDENTS filter names the incident id column of its query. */
		g_string_replace(sql, "%s",
				 id == ST_LOAD_INCIDENTS ? "id" :
				 id == ST_LOAD_MEMBERS   ? "mm.incident_id" :
							   "incident_id",
				 0);
		int rc = sqlite3_prepare_v3(store->db, sql->str, -1, SQLITE_PREPARE_PERSISTENT,
					    &store->stmts[id], NULL);
		if (rc != SQLITE_OK) {
			set_db_error(store, error, "prepare statement %d", (int)id);
			return NULL;
		}
	}
	return store->stmts[id];
}

static void
bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	/* STATIC: every bound string outlives the step that reads it. */
	if (s == NULL) {
		sqlite3_bind_null(st, idx);
	} else {
		sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
	}
}

static void
bind_time(sqlite3_stmt *st, int idx, gint64 t)
{
	if (t == SW_TIME_NONE) {
		sqlite3_bind_null(st, idx);
	} else {
		sqlite3_bind_int64(st, idx, t);
	}
}

static gint64
column_time(sqlite3_stmt *st, int col)
{
	if (sqlite3_column_type(st, col) == SQLITE_NULL) {
		return SW_TIME_NONE;
	}
	return sqlite3_column_int64(st, col);
}

static char *
column_dup(sqlite3_stmt *st, int col)
{
	return g_strdup((const char *)sqlite3_column_text(st, col));
}

/* Steps a statement that returns no rows. */
static bool
step_done(Store *store, sqlite3_stmt *st, GError **error, const char *what)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		set_db_error(store, error, "%s", what);
		return false;
	}
	return true;
}

/* Steps once: SQLITE_ROW → true with *ret_row = true; DONE → true, false; error → false. */
static bool
step_row(Store *store, sqlite3_stmt *st, bool *ret_row, GError **error, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
		*ret_row = rc == SQLITE_ROW;
		return true;
	}
	set_db_error(store, error, "%s", what);
	return false;
}

static bool
exec_sql(Store *store, const char *sql, GError **error, const char *what)
{
	if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		set_db_error(store, error, "%s", what);
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
static bool
atomic_begin(Store *store, bool *ret_own, const char *what, GError **error)
{
	*ret_own = sqlite3_get_autocommit(store->db) != 0;
	g_autoptr(CachedStmt) st = stmt(store, *ret_own ? ST_BEGIN : ST_SAVEPOINT, error);
	return st != NULL && step_done(store, st, error, what);
}

/* @ok false: undo, @error is already set by the caller.  Otherwise commit. */
static bool
atomic_end(Store *store, bool own, bool ok, const char *what, GError **error)
{
	if (ok) {
		g_autoptr(CachedStmt) st = stmt(store, own ? ST_COMMIT : ST_RELEASE, error);
		if (st != NULL && step_done(store, st, error, what)) {
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
	g_autoptr(CachedStmt) rb = stmt(store, ST_ROLLBACK_TO, NULL);
	if (rb != NULL) {
		sqlite3_step(rb);
	}
	g_autoptr(CachedStmt) rel = stmt(store, ST_RELEASE, NULL);
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
			set_db_error(store, error, "read '%s'", sql);
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
			name = column_dup(st, 0);
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
			set_db_error(store, error, "integrity check");
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
		set_db_error(store, error, "schema step %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
			     " (%s)", version, version + 1, schema_step_name((int)version));
		return false;
	}
	g_autofree char *bump = g_strdup_printf(
		"PRAGMA user_version = %" G_GINT64_FORMAT "; PRAGMA application_id = %d;",
		version + 1, SCHEMA_APPLICATION_ID);
	return exec_sql(store, bump, error, "set schema version");
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
		if (!exec_sql(store, "BEGIN IMMEDIATE", error, "begin schema upgrade")) {
			return false;
		}
		if (!query_int(store, "PRAGMA user_version", &version, error)) {
			break;
		}
		if (version >= STORE_SCHEMA_VERSION) {
			return exec_sql(store, "COMMIT", error, "end schema check");
		}
		if (!migrate_step(store, version, error) ||
		    !exec_sql(store, "COMMIT", error, "commit schema upgrade")) {
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
	return exec_sql(store, "PRAGMA journal_mode = WAL", error, "set journal mode") &&
	       exec_sql(store, "PRAGMA synchronous = NORMAL", error, "set synchronous") &&
	       exec_sql(store, "PRAGMA foreign_keys = ON", error, "enable foreign keys");
}

Store *
store_open_file(const char *path, GError **error)
{
	g_return_val_if_fail(path != NULL, NULL);

	Store *store = g_new0(Store, 1);
	store->path = g_strdup(path);

	GStatBuf sb;
	bool existing = g_stat(path, &sb) == 0 && sb.st_size > 0;

	int rc = sqlite3_open_v2(path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
				 NULL);
	if (rc != SQLITE_OK) {
		if (store->db != NULL) {
			set_db_error(store, error, "open");
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
	for (int i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(store->stmts[i]);
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
	return exec_sql(store, "BEGIN IMMEDIATE", error, "begin transaction");
}

bool
store_commit(Store *store, GError **error)
{
	return exec_sql(store, "COMMIT", error, "commit");
}

void
store_rollback(Store *store)
{
	if (!sqlite3_get_autocommit(store->db)) {
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	}
}

/* ---- advisories ---- */

static bool
status_is_closed(AdvisoryStatus status)
{
	return status == ADVISORY_STATUS_RESOLVED || status == ADVISORY_STATUS_FALSE_POSITIVE;
}

/*
 * Writes @adv as the current version and appends it to the history.  @seen_at
 * is the version's time; @last_seen moves last_seen (SW_TIME_NONE: leave it).
 */
static bool
write_version(Store *store, const Advisory *adv, const char *fp, bool exists, gint64 seen_at,
	      gint64 last_seen, GError **error)
{
	g_autofree char *doc = advisory_to_json(adv);
	g_autofree char *what = g_strdup_printf("upsert advisory %s/%s", adv->source, adv->id);

	{
		g_autoptr(CachedStmt) st = stmt(store, exists ? ST_ADV_UPDATE : ST_ADV_INSERT,
						error);
		if (st == NULL) {
			return false;
		}
		bind_text(st, 1, adv->source);
		bind_text(st, 2, adv->id);
		bind_text(st, 3, doc);
		bind_text(st, 4, fp);
		bind_text(st, 5, advisory_status_to_string(adv->status));
		sqlite3_bind_int(st, 6, status_is_closed(adv->status));
		sqlite3_bind_int(st, 7, adv->withdrawn);
		bind_time(st, 8, adv->start);
		bind_time(st, 9, adv->end);
		bind_time(st, 10, adv->updated);
		bind_time(st, 11, last_seen);
		if (exists) {
			sqlite3_bind_int64(st, 12, seen_at);
		}
		if (!step_done(store, st, error, what)) {
			return false;
		}
	}
	g_autoptr(CachedStmt) st = stmt(store, ST_VER_INSERT, error);
	if (st == NULL) {
		return false;
	}
	bind_text(st, 1, adv->source);
	bind_text(st, 2, adv->id);
	bind_text(st, 3, fp);
	sqlite3_bind_int64(st, 4, seen_at);
	bind_text(st, 5, doc);
	return step_done(store, st, error, what);
}

static bool
upsert_advisory(Store *store, const Advisory *adv, gint64 seen_at, bool *ret_changed,
		GError **error)
{
	g_autofree char *fp = advisory_fingerprint(adv);
	g_autofree char *stored_fp = NULL;
	g_autofree char *what = g_strdup_printf("upsert advisory %s/%s", adv->source, adv->id);
	bool exists = false;

	{
		g_autoptr(CachedStmt) st = stmt(store, ST_ADV_GET_FP, error);
		if (st == NULL) {
			return false;
		}
		bind_text(st, 1, adv->source);
		bind_text(st, 2, adv->id);
		if (!step_row(store, st, &exists, error, what)) {
			return false;
		}
		if (exists) {
			stored_fp = column_dup(st, 0);
		}
	}

	if (exists && g_strcmp0(fp, stored_fp) == 0) {
		g_autoptr(CachedStmt) st = stmt(store, ST_ADV_TOUCH, error);
		if (st == NULL) {
			return false;
		}
		bind_text(st, 1, adv->source);
		bind_text(st, 2, adv->id);
		sqlite3_bind_int64(st, 3, seen_at);
		if (!step_done(store, st, error, what)) {
			return false;
		}
		*ret_changed = false;
		return true;
	}
	if (!write_version(store, adv, fp, exists, seen_at, seen_at, error)) {
		return false;
	}
	*ret_changed = true;
	return true;
}

bool
store_upsert_advisory(Store *store, const Advisory *adv, gint64 seen_at, bool *ret_changed,
		      GError **error)
{
	g_return_val_if_fail(store != NULL && adv != NULL, false);
	g_return_val_if_fail(adv->source != NULL && adv->id != NULL, false);

	g_autofree char *what = g_strdup_printf("upsert advisory %s/%s", adv->source, adv->id);
	bool changed = false, own = false;
	if (!atomic_begin(store, &own, what, error)) {
		return false;
	}
	bool ok = upsert_advisory(store, adv, seen_at, &changed, error);
	if (!atomic_end(store, own, ok, what, ok ? error : NULL)) {
		return false;
	}
	if (ret_changed != NULL) {
		*ret_changed = changed;
	}
	return true;
}

/* Parses a stored document; a failure means the database content is damaged. */
static Advisory *
parse_doc(Store *store, const char *doc, const char *source, const char *id, GError **error)
{
	g_autoptr(GError) local = NULL;
	Advisory *adv = advisory_from_json(doc != NULL ? doc : "", &local);

	if (adv == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_SCHEMA,
			    "store '%s': advisory %s/%s: stored document is unreadable: %s",
			    store->path, source, id, local->message);
	}
	return adv;
}

Advisory *
store_get_advisory(Store *store, const char *source, const char *id, GError **error)
{
	g_return_val_if_fail(store != NULL && source != NULL && id != NULL, NULL);

	g_autofree char *what = g_strdup_printf("get advisory %s/%s", source, id);
	g_autoptr(CachedStmt) st = stmt(store, ST_ADV_GET_DOC, error);
	bool row = false;
	if (st == NULL) {
		return NULL;
	}
	bind_text(st, 1, source);
	bind_text(st, 2, id);
	if (!step_row(store, st, &row, error, what)) {
		return NULL;
	}
	if (!row) {
		g_set_error(error, SW_ERROR, SW_ERROR_NOT_FOUND, "store '%s': no advisory '%s/%s'",
			    store->path, source, id);
		return NULL;
	}
	return parse_doc(store, (const char *)sqlite3_column_text(st, 0), source, id, error);
}

GPtrArray *
store_load_advisories(Store *store, gint64 since, GError **error)
{
	g_return_val_if_fail(store != NULL, NULL);

	g_autoptr(CachedStmt) st = stmt(store, ST_ADV_LOAD, error);
	if (st == NULL) {
		return NULL;
	}
	bind_time(st, 1, since);
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	for (;;) {
		bool row = false;
		if (!step_row(store, st, &row, error, "load advisories")) {
			return NULL;
		}
		if (!row) {
			break;
		}
		Advisory *adv = parse_doc(store, (const char *)sqlite3_column_text(st, 2),
					  (const char *)sqlite3_column_text(st, 0),
					  (const char *)sqlite3_column_text(st, 1), error);
		if (adv == NULL) {
			return NULL;
		}
		g_ptr_array_add(out, adv);
	}
	return g_steal_pointer(&out);
}

GPtrArray *
store_advisory_versions(Store *store, const char *source, const char *id, GArray **ret_seen,
			GError **error)
{
	g_return_val_if_fail(store != NULL && source != NULL && id != NULL, NULL);

	g_autofree char *what = g_strdup_printf("list versions of %s/%s", source, id);
	g_autoptr(CachedStmt) st = stmt(store, ST_VER_LIST, error);
	if (st == NULL) {
		return NULL;
	}
	bind_text(st, 1, source);
	bind_text(st, 2, id);
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	g_autoptr(GArray) seen = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (;;) {
		bool row = false;
		if (!step_row(store, st, &row, error, what)) {
			return NULL;
		}
		if (!row) {
			break;
		}
		Advisory *adv = parse_doc(store, (const char *)sqlite3_column_text(st, 0), source,
					  id, error);
		if (adv == NULL) {
			return NULL;
		}
		g_ptr_array_add(out, adv);
		gint64 at = sqlite3_column_int64(st, 1);
		g_array_append_val(seen, at);
	}
	if (ret_seen != NULL) {
		*ret_seen = g_steal_pointer(&seen);
	}
	return g_steal_pointer(&out);
}

GPtrArray *
store_open_advisory_ids(Store *store, const char *source, GError **error)
{
	g_return_val_if_fail(store != NULL && source != NULL, NULL);

	g_autofree char *what = g_strdup_printf("list open advisories of '%s'", source);
	g_autoptr(CachedStmt) st = stmt(store, ST_ADV_OPEN_IDS, error);
	if (st == NULL) {
		return NULL;
	}
	bind_text(st, 1, source);
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
	for (;;) {
		bool row = false;
		if (!step_row(store, st, &row, error, what)) {
			return NULL;
		}
		if (!row) {
			break;
		}
		g_ptr_array_add(out, column_dup(st, 0));
	}
	return g_steal_pointer(&out);
}

static bool
mark_withdrawn(Store *store, const char *source, const char *id, bool withdrawn, gint64 at,
	       GError **error)
{
	g_autoptr(Advisory) cur = store_get_advisory(store, source, id, error);
	if (cur == NULL) {
		return false;
	}
	if (cur->withdrawn == withdrawn) {
		return true;
	}
	cur->withdrawn = withdrawn;
	g_autofree char *fp = advisory_fingerprint(cur);
	/* last_seen stays: the source did not show the advisory again. */
	return write_version(store, cur, fp, true, at, SW_TIME_NONE, error);
}

bool
store_mark_withdrawn_at(Store *store, const char *source, const char *id, bool withdrawn,
			gint64 at, GError **error)
{
	g_return_val_if_fail(store != NULL && source != NULL && id != NULL, false);

	g_autofree char *what = g_strdup_printf("mark advisory %s/%s withdrawn", source, id);
	bool own = false;
	if (!atomic_begin(store, &own, what, error)) {
		return false;
	}
	bool ok = mark_withdrawn(store, source, id, withdrawn, at, error);
	return atomic_end(store, own, ok, what, ok ? error : NULL);
}

bool
store_mark_withdrawn(Store *store, const char *source, const char *id, bool withdrawn,
		     GError **error)
{
	return store_mark_withdrawn_at(store, source, id, withdrawn,
				       g_get_real_time() / G_USEC_PER_SEC, error);
}

/* ---- source state ---- */

static SourceState *
read_source_state(sqlite3_stmt *st)
{
	SourceState *s = source_state_new((const char *)sqlite3_column_text(st, 0));

	s->etag = column_dup(st, 1);
	s->last_modified = column_dup(st, 2);
	s->last_attempt = column_time(st, 3);
	s->last_success = column_time(st, 4);
	s->last_error = column_dup(st, 5);
	s->consecutive_failures = (guint)CLAMP(sqlite3_column_int64(st, 6), 0, G_MAXUINT);
	s->next_poll = column_time(st, 7);
	s->failing_since = column_time(st, 8);
	s->unreachable_reported = sqlite3_column_int(st, 9) != 0;
	s->last_full_read = column_time(st, 10);
	s->cursor = column_dup(st, 11);
	return s;
}

SourceState *
store_get_source_state(Store *store, const char *name, GError **error)
{
	g_return_val_if_fail(store != NULL && name != NULL, NULL);

	g_autofree char *what = g_strdup_printf("get state of source '%s'", name);
	g_autoptr(CachedStmt) st = stmt(store, ST_SRC_GET, error);
	bool row = false;
	if (st == NULL) {
		return NULL;
	}
	bind_text(st, 1, name);
	if (!step_row(store, st, &row, error, what)) {
		return NULL;
	}
	return row ? read_source_state(st) : source_state_new(name);
}

bool
store_put_source_state(Store *store, const SourceState *s, GError **error)
{
	g_return_val_if_fail(store != NULL && s != NULL && s->name != NULL, false);

	g_autofree char *what = g_strdup_printf("save state of source '%s'", s->name);
	g_autoptr(CachedStmt) st = stmt(store, ST_SRC_PUT, error);
	if (st == NULL) {
		return false;
	}
	bind_text(st, 1, s->name);
	bind_text(st, 2, s->etag);
	bind_text(st, 3, s->last_modified);
	bind_time(st, 4, s->last_attempt);
	bind_time(st, 5, s->last_success);
	bind_text(st, 6, s->last_error);
	sqlite3_bind_int64(st, 7, s->consecutive_failures);
	bind_time(st, 8, s->next_poll);
	bind_time(st, 9, s->failing_since);
	sqlite3_bind_int(st, 10, s->unreachable_reported);
	bind_time(st, 11, s->last_full_read);
	bind_text(st, 12, s->cursor);
	return step_done(store, st, error, what);
}

GPtrArray *
store_list_source_states(Store *store, GError **error)
{
	g_return_val_if_fail(store != NULL, NULL);

	g_autoptr(CachedStmt) st = stmt(store, ST_SRC_LIST, error);
	if (st == NULL) {
		return NULL;
	}
	g_autoptr(GPtrArray) out =
		g_ptr_array_new_with_free_func((GDestroyNotify)source_state_free);
	for (;;) {
		bool row = false;
		if (!step_row(store, st, &row, error, "list source states")) {
			return NULL;
		}
		if (!row) {
			break;
		}
		g_ptr_array_add(out, read_source_state(st));
	}
	return g_steal_pointer(&out);
}

/* ---- incidents: saving ---- */

static char *
reasons_to_json(const GPtrArray *reasons)
{
	cJSON *arr = cJSON_CreateArray();

	for (guint i = 0; i < reasons->len; i++) {
		cJSON_AddItemToArray(arr, cJSON_CreateString(reasons->pdata[i]));
	}
	char *printed = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	char *out = g_strdup(printed);
	cJSON_free(printed);
	return out;
}

static void
reasons_from_json(IncidentLink *link, const char *json)
{
	/* Written by reasons_to_json(); anything else is skipped rather than failing
	 * the whole load over a missing explanation. */
	cJSON *arr = json != NULL ? cJSON_Parse(json) : NULL;
	const cJSON *item = NULL;

	cJSON_ArrayForEach(item, arr)
	{
		if (cJSON_IsString(item)) {
			incident_link_add_reason(link, item->valuestring);
		}
	}
	cJSON_Delete(arr);
}

/* Looks up a single optional text value (first column) with one key bound. */
static bool
lookup_text(Store *store, StmtId id, const char *k1, const char *k2, char **ret,
	    GError **error, const char *what)
{
	g_autoptr(CachedStmt) st = stmt(store, id, error);
	bool row = false;

	if (st == NULL) {
		return false;
	}
	bind_text(st, 1, k1);
	if (k2 != NULL) {
		bind_text(st, 2, k2);
	}
	if (!step_row(store, st, &row, error, what)) {
		return false;
	}
	*ret = row ? column_dup(st, 0) : NULL;
	return true;
}

static bool
exec_keys(Store *store, StmtId id, const char *k1, const char *k2, GError **error,
	  const char *what)
{
	g_autoptr(CachedStmt) st = stmt(store, id, error);

	if (st == NULL) {
		return false;
	}
	bind_text(st, 1, k1);
	if (k2 != NULL) {
		bind_text(st, 2, k2);
	}
	return step_done(store, st, error, what);
}

/* Stores a member that was never upserted, so the incident can be loaded again. */
static bool
ensure_member_stored(Store *store, const Advisory *adv, gint64 now, GError **error)
{
	g_autofree char *what = g_strdup_printf("check advisory %s/%s", adv->source, adv->id);
	g_autoptr(CachedStmt) st = stmt(store, ST_ADV_EXISTS, error);
	bool row = false;

	if (st == NULL) {
		return false;
	}
	bind_text(st, 1, adv->source);
	bind_text(st, 2, adv->id);
	if (!step_row(store, st, &row, error, what)) {
		return false;
	}
	if (row) {
		return true;
	}
	g_autofree char *fp = advisory_fingerprint(adv);
	return write_version(store, adv, fp, false, now, now, error);
}

static bool
save_one_incident(Store *store, const Incident *inc, gint64 now, GHashTable *given,
		  GHashTable *donors, GError **error)
{
	g_autofree char *what = g_strdup_printf("save incident '%s'", inc->id);

	/* Where its members were before: an incident they leave may end up empty. */
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *adv = inc->members->pdata[i];
		g_autofree char *old = NULL;
		if (!ensure_member_stored(store, adv, now, error) ||
		    !lookup_text(store, ST_INC_MEMBER_OF, adv->source, adv->id, &old, error,
				 what)) {
			return false;
		}
		if (old != NULL && strcmp(old, inc->id) != 0 &&
		    !g_hash_table_contains(given, old) && !g_hash_table_contains(donors, old)) {
			g_hash_table_insert(donors, g_steal_pointer(&old), g_strdup(inc->id));
		}
	}

	/* Its id is live again, so it can no longer be someone's alias. */
	if (!exec_keys(store, ST_INC_DROP_ALIAS, inc->id, NULL, error, what)) {
		return false;
	}
	{
		g_autoptr(CachedStmt) st = stmt(store, ST_INC_UPSERT, error);
		if (st == NULL) {
			return false;
		}
		bind_text(st, 1, inc->id);
		bind_text(st, 2, inc->title);
		sqlite3_bind_int64(st, 3, inc->created != SW_TIME_NONE ? inc->created : now);
		sqlite3_bind_int64(st, 4, now);
		sqlite3_bind_int(st, 5, inc->merged_by_hand);
		if (!step_done(store, st, error, what)) {
			return false;
		}
	}

	if (!exec_keys(store, ST_INC_DEL_MEMBERS, inc->id, NULL, error, what)) {
		return false;
	}
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *adv = inc->members->pdata[i];
		g_autoptr(CachedStmt) st = stmt(store, ST_INC_ADD_MEMBER, error);
		if (st == NULL) {
			return false;
		}
		bind_text(st, 1, inc->id);
		bind_text(st, 2, adv->source);
		bind_text(st, 3, adv->id);
		if (!step_done(store, st, error, what)) {
			return false;
		}
	}

	if (!exec_keys(store, ST_INC_DEL_LINKS, inc->id, NULL, error, what)) {
		return false;
	}
	for (guint i = 0; i < inc->links->len; i++) {
		const IncidentLink *link = inc->links->pdata[i];
		g_autofree char *reasons = reasons_to_json(link->reasons);
		g_autoptr(CachedStmt) st = stmt(store, ST_INC_ADD_LINK, error);
		if (st == NULL) {
			return false;
		}
		bind_text(st, 1, inc->id);
		sqlite3_bind_int(st, 2, (int)i);
		bind_text(st, 3, link->a_source);
		bind_text(st, 4, link->a_id);
		bind_text(st, 5, link->b_source);
		bind_text(st, 6, link->b_id);
		sqlite3_bind_double(st, 7, link->score);
		bind_text(st, 8, reasons);
		sqlite3_bind_int(st, 9, link->by_hand);
		if (!step_done(store, st, error, what)) {
			return false;
		}
	}
	return true;
}

/* Deletes an incident its members all left, keeping its id as an alias of the taker. */
static bool
retire_donor(Store *store, const char *old, const char *taker, GError **error)
{
	g_autofree char *what = g_strdup_printf("retire incident '%s' into '%s'", old, taker);
	g_autoptr(CachedStmt) st = stmt(store, ST_INC_IS_EMPTY, error);
	bool row = false;

	if (st == NULL) {
		return false;
	}
	bind_text(st, 1, old);
	if (!step_row(store, st, &row, error, what)) {
		return false;
	}
	if (!row || sqlite3_column_int(st, 0) == 0) {
		return true; /* still has members (or is gone): leave it */
	}
	return exec_keys(store, ST_INC_MOVE_ALIASES, old, taker, error, what) &&
	       exec_keys(store, ST_INC_DELETE, old, NULL, error, what) &&
	       exec_keys(store, ST_INC_ADD_ALIAS, old, taker, error, what);
}

static bool
save_incidents(Store *store, GPtrArray *incidents, GError **error)
{
	gint64 now = g_get_real_time() / G_USEC_PER_SEC;
	g_autoptr(GHashTable) given = g_hash_table_new(g_str_hash, g_str_equal);
	/* old incident id → id of the given incident that took its first member */
	g_autoptr(GHashTable) donors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
							     g_free);

	for (guint i = 0; i < incidents->len; i++) {
		const Incident *inc = incidents->pdata[i];
		g_hash_table_add(given, inc->id);
	}
	for (guint i = 0; i < incidents->len; i++) {
		if (!save_one_incident(store, incidents->pdata[i], now, given, donors, error)) {
			return false;
		}
	}

	GHashTableIter iter;
	gpointer key, value;
	g_hash_table_iter_init(&iter, donors);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		if (!retire_donor(store, key, value, error)) {
			return false;
		}
	}

	/* Aliases last, once retired incidents are gone: an alias never names a live
	 * incident. */
	for (guint i = 0; i < incidents->len; i++) {
		const Incident *inc = incidents->pdata[i];
		g_autofree char *what = g_strdup_printf("save aliases of incident '%s'", inc->id);
		for (guint j = 0; j < inc->aliases->len; j++) {
			const char *alias = inc->aliases->pdata[j];
			g_autofree char *live = NULL;
			if (!lookup_text(store, ST_INC_EXISTS, alias, NULL, &live, error, what)) {
				return false;
			}
			if (live != NULL) {
				continue;
			}
			if (!exec_keys(store, ST_INC_ADD_ALIAS, alias, inc->id, error, what)) {
				return false;
			}
		}
	}
	return true;
}

bool
store_save_incidents(Store *store, GPtrArray *incidents, GError **error)
{
	g_return_val_if_fail(store != NULL && incidents != NULL, false);

	bool own = false;
	if (!atomic_begin(store, &own, "save incidents", error)) {
		return false;
	}
	bool ok = save_incidents(store, incidents, error);
	return atomic_end(store, own, ok, "save incidents", ok ? error : NULL);
}

/* ---- incidents: loading ---- */

typedef struct {
	StmtId incidents, members, links, aliases;
} IncidentQueries;

static const IncidentQueries bulk_queries = {
	ST_LOAD_INCIDENTS, ST_LOAD_MEMBERS, ST_LOAD_LINKS, ST_LOAD_ALIASES,
};
static const IncidentQueries one_queries = {
	ST_ONE_INCIDENT, ST_ONE_MEMBERS, ST_ONE_LINKS, ST_ONE_ALIASES,
};

typedef struct {
	const char *only_id; /* one incident, or NULL for the filter below */
	bool all;
	gint64 now;
} IncidentFilter;

static CachedStmt *
filtered_stmt(Store *store, StmtId id, const IncidentFilter *f, GError **error)
{
	CachedStmt *st = stmt(store, id, error);

	if (st == NULL) {
		return NULL;
	}
	if (f->only_id != NULL) {
		bind_text(st, 1, f->only_id);
	} else {
		sqlite3_bind_int(st, 1, f->all);
		sqlite3_bind_int64(st, 2, f->now);
		sqlite3_bind_int64(st, 3, f->now - RECENT_SECONDS);
	}
	return st;
}

static GPtrArray *
load_incidents(Store *store, const IncidentQueries *q, const IncidentFilter *f, GError **error)
{
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)incident_free);
	/* id → Incident *, borrowed from out */
	g_autoptr(GHashTable) by_id = g_hash_table_new(g_str_hash, g_str_equal);
	bool row = false;

	{
		g_autoptr(CachedStmt) st = filtered_stmt(store, q->incidents, f, error);
		if (st == NULL) {
			return NULL;
		}
		for (;;) {
			if (!step_row(store, st, &row, error, "load incidents")) {
				return NULL;
			}
			if (!row) {
				break;
			}
			Incident *inc = incident_new((const char *)sqlite3_column_text(st, 0));
			inc->title = column_dup(st, 1);
			inc->created = column_time(st, 2);
			inc->merged_by_hand = sqlite3_column_int(st, 3) != 0;
			g_ptr_array_add(out, inc);
			g_hash_table_insert(by_id, inc->id, inc);
		}
	}
	{
		g_autoptr(CachedStmt) st = filtered_stmt(store, q->members, f, error);
		if (st == NULL) {
			return NULL;
		}
		for (;;) {
			if (!step_row(store, st, &row, error, "load incident members")) {
				return NULL;
			}
			if (!row) {
				break;
			}
			Incident *inc = g_hash_table_lookup(by_id, sqlite3_column_text(st, 0));
			if (inc == NULL) {
				continue;
			}
			g_autoptr(Advisory) adv = parse_doc(
				store, (const char *)sqlite3_column_text(st, 3),
				(const char *)sqlite3_column_text(st, 1),
				(const char *)sqlite3_column_text(st, 2), error);
			if (adv == NULL) {
				return NULL;
			}
			incident_add_member(inc, adv);
		}
	}
	{
		g_autoptr(CachedStmt) st = filtered_stmt(store, q->links, f, error);
		if (st == NULL) {
			return NULL;
		}
		for (;;) {
			if (!step_row(store, st, &row, error, "load incident links")) {
				return NULL;
			}
			if (!row) {
				break;
			}
			Incident *inc = g_hash_table_lookup(by_id, sqlite3_column_text(st, 0));
			if (inc == NULL) {
				continue;
			}
			IncidentLink *link = incident_link_new(
				(const char *)sqlite3_column_text(st, 1),
				(const char *)sqlite3_column_text(st, 2),
				(const char *)sqlite3_column_text(st, 3),
				(const char *)sqlite3_column_text(st, 4),
				sqlite3_column_double(st, 5));
			reasons_from_json(link, (const char *)sqlite3_column_text(st, 6));
			link->by_hand = sqlite3_column_int(st, 7) != 0;
			g_ptr_array_add(inc->links, link);
		}
	}
	{
		g_autoptr(CachedStmt) st = filtered_stmt(store, q->aliases, f, error);
		if (st == NULL) {
			return NULL;
		}
		for (;;) {
			if (!step_row(store, st, &row, error, "load incident aliases")) {
				return NULL;
			}
			if (!row) {
				break;
			}
			Incident *inc = g_hash_table_lookup(by_id, sqlite3_column_text(st, 0));
			if (inc != NULL) {
				incident_add_alias(inc, (const char *)sqlite3_column_text(st, 1));
			}
		}
	}
	for (guint i = 0; i < out->len; i++) {
		incident_sort_members(out->pdata[i]);
	}
	return g_steal_pointer(&out);
}

GPtrArray *
store_load_incidents(Store *store, bool all, gint64 now, GError **error)
{
	g_return_val_if_fail(store != NULL, NULL);

	IncidentFilter f = { .only_id = NULL, .all = all, .now = now };
	return load_incidents(store, &bulk_queries, &f, error);
}

Incident *
store_get_incident(Store *store, const char *id_or_alias, GError **error)
{
	g_return_val_if_fail(store != NULL && id_or_alias != NULL, NULL);

	g_autofree char *what = g_strdup_printf("get incident '%s'", id_or_alias);
	g_autofree char *id = NULL;
	if (!lookup_text(store, ST_INC_RESOLVE, id_or_alias, NULL, &id, error, what)) {
		return NULL;
	}
	if (id == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_NOT_FOUND, "store '%s': no incident '%s'",
			    store->path, id_or_alias);
		return NULL;
	}
	IncidentFilter f = { .only_id = id };
	g_autoptr(GPtrArray) found = load_incidents(store, &one_queries, &f, error);
	if (found == NULL) {
		return NULL;
	}
	if (found->len == 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_NOT_FOUND, "store '%s': no incident '%s'",
			    store->path, id_or_alias);
		return NULL;
	}
	return g_ptr_array_steal_index(found, 0);
}

GHashTable *
store_incident_assignments(Store *store, GError **error)
{
	g_return_val_if_fail(store != NULL, NULL);

	g_autoptr(CachedStmt) st = stmt(store, ST_ASSIGNMENTS, error);
	if (st == NULL) {
		return NULL;
	}
	g_autoptr(GHashTable) map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (;;) {
		bool row = false;
		if (!step_row(store, st, &row, error, "load incident assignments")) {
			return NULL;
		}
		if (!row) {
			break;
		}
		g_hash_table_insert(map,
				    g_strdup_printf("%s/%s", sqlite3_column_text(st, 0),
						    sqlite3_column_text(st, 1)),
				    column_dup(st, 2));
	}
	return g_steal_pointer(&map);
}

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
	g_autoptr(CachedStmt) st = stmt(store, ST_DEC_ADD, error);
	if (st == NULL) {
		return false;
	}
	bind_text(st, 1, decision_names[kind]);
	bind_text(st, 2, a);
	bind_text(st, 3, kind == STORE_DECISION_MERGE ? b : NULL);
	sqlite3_bind_int64(st, 4, at);
	return step_done(store, st, error, what);
}

GPtrArray *
store_list_decisions(Store *store, GError **error)
{
	g_return_val_if_fail(store != NULL, NULL);

	g_autoptr(CachedStmt) st = stmt(store, ST_DEC_LIST, error);
	if (st == NULL) {
		return NULL;
	}
	g_autoptr(GPtrArray) out =
		g_ptr_array_new_with_free_func((GDestroyNotify)store_decision_free);
	for (;;) {
		bool row = false;
		if (!step_row(store, st, &row, error, "list decisions")) {
			return NULL;
		}
		if (!row) {
			break;
		}
		StoreDecision *d = g_new0(StoreDecision, 1);
		d->kind = g_strcmp0((const char *)sqlite3_column_text(st, 0), "merge") == 0
				  ? STORE_DECISION_MERGE
				  : STORE_DECISION_SPLIT;
		d->a = column_dup(st, 1);
		d->b = column_dup(st, 2);
		d->at = sqlite3_column_int64(st, 3);
		g_ptr_array_add(out, d);
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
