/*
 * The store's advisory tables: the current document of every advisory
 * (advisories) and every distinct version seen (advisory_versions), plus the
 * withdrawn flag.  Called by the pipeline (upserts, withdrawals), the CLI
 * (show, versions) and the linker's input loader; never logs.
 */
#include "store/store.h"

#include <sqlite3.h>

#include "model/advisory_json.h"
#include "store/store_private.h"
#include "util/error.h"

/* ?11 NULL leaves last_seen alone (store_mark_withdrawn: not seen in the source). */
static const char sql_adv_update[] =
	"UPDATE advisories SET doc = ?3, fingerprint = ?4, status = ?5,"
	" closed = ?6, withdrawn = ?7, start_at = ?8, end_at = ?9,"
	" updated_at = ?10, changed_at = ?12,"
	" last_seen = CASE WHEN ?11 IS NULL THEN last_seen"
	"  ELSE MAX(last_seen, ?11) END"
	" WHERE source = ?1 AND id = ?2";

static const char sql_adv_insert[] =
	"INSERT INTO advisories (source, id, doc, fingerprint, status, closed,"
	" withdrawn, start_at, end_at, updated_at, first_seen, last_seen,"
	" changed_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?11)";

static const char sql_ver_insert[] =
	"INSERT INTO advisory_versions (source, id, fingerprint, seen_at, doc)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";

/* With what the stored document says of its feed (absent before feeds' identities
 * were kept), which the fingerprint leaves out. */
static const char sql_adv_get_fp[] =
	"SELECT fingerprint,"
	" CASE WHEN json_valid(doc) THEN json_extract(doc, '$.feed_name') END,"
	" CASE WHEN json_valid(doc) THEN json_extract(doc, '$.feed_home') END,"
	" CASE WHEN json_valid(doc) THEN json_extract(doc, '$.date_offset') END"
	" FROM advisories WHERE source = ?1 AND id = ?2";

/* The current document rewritten in place: no new version, nothing changed for people. */
static const char sql_adv_set_doc[] =
	"UPDATE advisories SET doc = ?3, last_seen = MAX(last_seen, ?4)"
	" WHERE source = ?1 AND id = ?2";

static const char sql_adv_touch[] =
	"UPDATE advisories SET last_seen = MAX(last_seen, ?3)"
	" WHERE source = ?1 AND id = ?2";

static const char sql_adv_get_doc[] =
	"SELECT doc FROM advisories WHERE source = ?1 AND id = ?2";

/* Open ones always (status-less ones only through their last update, since
 * they go stale: advisory_is_closed()); others if their end reaches ?1.  The end is end_at, or
 * lacking one the last update (as incident_end() has it), or lacking that
 * last_seen; a withdrawal counts as an end at the time it was recorded.
 * ?1 NULL gives all. */
static const char sql_adv_load[] =
	"SELECT source, id, doc FROM advisories"
	" WHERE ?1 IS NULL OR (closed = 0 AND withdrawn = 0 AND end_at IS NULL"
	"  AND status <> 'unknown')"
	" OR MAX(COALESCE(end_at, updated_at, last_seen),"
	"  CASE WHEN withdrawn THEN changed_at ELSE 0 END) >= ?1"
	" ORDER BY source, id";

static const char sql_ver_list[] =
	"SELECT doc, seen_at FROM advisory_versions"
	" WHERE source = ?1 AND id = ?2 ORDER BY vid";

static const char sql_adv_open_ids[] =
	"SELECT id FROM advisories WHERE source = ?1 AND closed = 0"
	" AND withdrawn = 0 ORDER BY id";

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
bool
db_write_version(Store *store, const Advisory *adv, const char *fp, bool exists, gint64 seen_at,
	      gint64 last_seen, GError **error)
{
	g_autofree char *doc = advisory_to_json(adv);
	g_autofree char *what = g_strdup_printf("upsert advisory %s/%s", adv->source, adv->id);

	{
		g_autoptr(CachedStmt) st = db_stmt(store, exists ? sql_adv_update : sql_adv_insert,
						error);
		if (st == NULL) {
			return false;
		}
		db_bind_text(st, 1, adv->source);
		db_bind_text(st, 2, adv->id);
		db_bind_text(st, 3, doc);
		db_bind_text(st, 4, fp);
		db_bind_text(st, 5, advisory_status_to_string(adv->status));
		sqlite3_bind_int(st, 6, status_is_closed(adv->status));
		sqlite3_bind_int(st, 7, adv->withdrawn);
		db_bind_time(st, 8, adv->start);
		db_bind_time(st, 9, adv->end);
		db_bind_time(st, 10, adv->updated);
		db_bind_time(st, 11, last_seen);
		if (exists) {
			sqlite3_bind_int64(st, 12, seen_at);
		}
		if (!db_step_done(store, st, error, what)) {
			return false;
		}
	}
	g_autoptr(CachedStmt) st = db_stmt(store, sql_ver_insert, error);
	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, adv->source);
	db_bind_text(st, 2, adv->id);
	db_bind_text(st, 3, fp);
	sqlite3_bind_int64(st, 4, seen_at);
	db_bind_text(st, 5, doc);
	return db_step_done(store, st, error, what);
}

static bool
upsert_advisory(Store *store, const Advisory *adv, gint64 seen_at, bool *ret_changed,
		GError **error)
{
	g_autofree char *fp = advisory_fingerprint(adv);
	g_autofree char *stored_fp = NULL;
	g_autofree char *stored_name = NULL, *stored_home = NULL;
	int stored_offset = ADVISORY_OFFSET_UNKNOWN;
	g_autofree char *what = g_strdup_printf("upsert advisory %s/%s", adv->source, adv->id);
	bool exists = false;

	{
		g_autoptr(CachedStmt) st = db_stmt(store, sql_adv_get_fp, error);
		if (st == NULL) {
			return false;
		}
		db_bind_text(st, 1, adv->source);
		db_bind_text(st, 2, adv->id);
		if (!db_step_row(store, st, &exists, error, what)) {
			return false;
		}
		if (exists) {
			stored_fp = db_column_dup(st, 0);
			stored_name = db_column_dup(st, 1);
			stored_home = db_column_dup(st, 2);
			if (sqlite3_column_type(st, 3) == SQLITE_INTEGER) {
				stored_offset = sqlite3_column_int(st, 3);
			}
		}
	}

	/* Same version, but the feed now says who it is or on which clock it dates the item
	 * (a document stored before that was kept, or a feed renamed): the linker reads
	 * them from the current document. */
	if (exists && g_strcmp0(fp, stored_fp) == 0 &&
	    (g_strcmp0(stored_name, adv->feed_name) != 0 ||
	     g_strcmp0(stored_home, adv->feed_home) != 0 || stored_offset != adv->date_offset)) {
		g_autofree char *doc = advisory_to_json(adv);
		g_autoptr(CachedStmt) st = db_stmt(store, sql_adv_set_doc, error);
		if (st == NULL) {
			return false;
		}
		db_bind_text(st, 1, adv->source);
		db_bind_text(st, 2, adv->id);
		db_bind_text(st, 3, doc);
		sqlite3_bind_int64(st, 4, seen_at);
		if (!db_step_done(store, st, error, what)) {
			return false;
		}
		*ret_changed = false;
		return true;
	}
	if (exists && g_strcmp0(fp, stored_fp) == 0) {
		g_autoptr(CachedStmt) st = db_stmt(store, sql_adv_touch, error);
		if (st == NULL) {
			return false;
		}
		db_bind_text(st, 1, adv->source);
		db_bind_text(st, 2, adv->id);
		sqlite3_bind_int64(st, 3, seen_at);
		if (!db_step_done(store, st, error, what)) {
			return false;
		}
		*ret_changed = false;
		return true;
	}
	if (!db_write_version(store, adv, fp, exists, seen_at, seen_at, error)) {
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
	if (!db_atomic_begin(store, &own, what, error)) {
		return false;
	}
	bool ok = upsert_advisory(store, adv, seen_at, &changed, error);
	if (!db_atomic_end(store, own, ok, what, ok ? error : NULL)) {
		return false;
	}
	if (ret_changed != NULL) {
		*ret_changed = changed;
	}
	return true;
}

/* Parses a stored document; a failure means the database content is damaged. */
Advisory *
db_parse_doc(Store *store, const char *doc, const char *source, const char *id, GError **error)
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
	g_autoptr(CachedStmt) st = db_stmt(store, sql_adv_get_doc, error);
	bool row = false;
	if (st == NULL) {
		return NULL;
	}
	db_bind_text(st, 1, source);
	db_bind_text(st, 2, id);
	if (!db_step_row(store, st, &row, error, what)) {
		return NULL;
	}
	if (!row) {
		g_set_error(error, SW_ERROR, SW_ERROR_NOT_FOUND, "store '%s': no advisory '%s/%s'",
			    store->path, source, id);
		return NULL;
	}
	return db_parse_doc(store, (const char *)sqlite3_column_text(st, 0), source, id, error);
}

/* A row of (source, id, doc) into the GPtrArray @data. */
static bool
read_advisory(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	Advisory *adv = db_parse_doc(store, (const char *)sqlite3_column_text(st, 2),
				     (const char *)sqlite3_column_text(st, 0),
				     (const char *)sqlite3_column_text(st, 1), error);

	if (adv == NULL) {
		return false;
	}
	g_ptr_array_add(data, adv);
	return true;
}

GPtrArray *
store_load_advisories(Store *store, gint64 since, GError **error)
{
	g_return_val_if_fail(store != NULL, NULL);

	g_autoptr(CachedStmt) st = db_stmt(store, sql_adv_load, error);
	if (st == NULL) {
		return NULL;
	}
	db_bind_time(st, 1, since);
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	if (!db_each_row(store, st, "load advisories", read_advisory, out, error)) {
		return NULL;
	}
	return g_steal_pointer(&out);
}

typedef struct {
	const char *source, *id;
	GPtrArray *versions; /* Advisory * */
	GArray *seen;        /* gint64 */
} VersionList;

/* A row of (doc, seen_at) of one advisory's history. */
static bool
read_version(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	VersionList *list = data;
	Advisory *adv = db_parse_doc(store, (const char *)sqlite3_column_text(st, 0),
				     list->source, list->id, error);

	if (adv == NULL) {
		return false;
	}
	g_ptr_array_add(list->versions, adv);
	gint64 at = sqlite3_column_int64(st, 1);
	g_array_append_val(list->seen, at);
	return true;
}

GPtrArray *
store_advisory_versions(Store *store, const char *source, const char *id, GArray **ret_seen,
			GError **error)
{
	g_return_val_if_fail(store != NULL && source != NULL && id != NULL, NULL);

	g_autofree char *what = g_strdup_printf("list versions of %s/%s", source, id);
	g_autoptr(CachedStmt) st = db_stmt(store, sql_ver_list, error);
	if (st == NULL) {
		return NULL;
	}
	db_bind_text(st, 1, source);
	db_bind_text(st, 2, id);
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	g_autoptr(GArray) seen = g_array_new(FALSE, FALSE, sizeof(gint64));
	VersionList list = {.source = source, .id = id, .versions = out, .seen = seen};
	if (!db_each_row(store, st, what, read_version, &list, error)) {
		return NULL;
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
	g_autoptr(CachedStmt) st = db_stmt(store, sql_adv_open_ids, error);
	if (st == NULL) {
		return NULL;
	}
	db_bind_text(st, 1, source);
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
	if (!db_each_row(store, st, what, db_read_text, out, error)) {
		return NULL;
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
	return db_write_version(store, cur, fp, true, at, SW_TIME_NONE, error);
}

bool
store_mark_withdrawn_at(Store *store, const char *source, const char *id, bool withdrawn,
			gint64 at, GError **error)
{
	g_return_val_if_fail(store != NULL && source != NULL && id != NULL, false);

	g_autofree char *what = g_strdup_printf("mark advisory %s/%s withdrawn", source, id);
	bool own = false;
	if (!db_atomic_begin(store, &own, what, error)) {
		return false;
	}
	bool ok = mark_withdrawn(store, source, id, withdrawn, at, error);
	return db_atomic_end(store, own, ok, what, ok ? error : NULL);
}

bool
store_mark_withdrawn(Store *store, const char *source, const char *id, bool withdrawn,
		     GError **error)
{
	return store_mark_withdrawn_at(store, source, id, withdrawn,
				       g_get_real_time() / G_USEC_PER_SEC, error);
}
