/*
 * The store's incident tables: incidents, their members, links with reasons and
 * aliases.  The pipeline saves what the linker built; the CLI and the daemon
 * load them back (all recent ones, or one by id or alias).  Never logs.
 */
#include "store/store.h"

#include <sqlite3.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "store/store_private.h"
#include "util/error.h"

/* "Changed in the last 7 days" of store_load_incidents(): a week keeps last
 * week's incidents in view for reports and re-linking, and no longer. */
#define RECENT_SECONDS (7 * 24 * 3600)

/* Incidents with a member that is open (not closed, not withdrawn, not ended at
 * ?2, not a stale status-less one: advisory_is_closed()) or that changed at or
 * after ?3.  ?1 true selects all.  @col names the incident id column of the query. */
#define STALE_AFTER 259200 /* ADVISORY_STALE_AFTER, as a literal for the SQL text */
G_STATIC_ASSERT(STALE_AFTER == ADVISORY_STALE_AFTER);
#define WANTED_INCIDENTS(col)                                                              \
	"(?1 OR " col " IN (SELECT m.incident_id FROM incident_members m"                  \
	" JOIN advisories a ON a.source = m.source AND a.id = m.advisory_id"               \
	" WHERE (a.closed = 0 AND a.withdrawn = 0 AND (a.end_at IS NULL OR a.end_at > ?2)" \
	"  AND NOT (a.status = 'unknown' AND a.end_at IS NULL"                              \
	"   AND COALESCE(a.updated_at, a.start_at) < ?2 - " G_STRINGIFY(STALE_AFTER) "))"     \
	" OR a.changed_at >= ?3))"

static const char sql_adv_exists[] =
	"SELECT 1 FROM advisories WHERE source = ?1 AND id = ?2";

static const char sql_inc_member_of[] =
	"SELECT incident_id FROM incident_members"
	" WHERE source = ?1 AND advisory_id = ?2";

/* The incidents listing an advisory of that native id, of any source (members and notes):
 * store_incidents_listing_id(). */
static const char sql_inc_listing_id[] =
	"SELECT DISTINCT incident_id FROM incident_members WHERE advisory_id = ?1"
	" ORDER BY incident_id";

static const char sql_inc_drop_alias[] =
	"DELETE FROM incident_aliases WHERE alias = ?1";

static const char sql_inc_upsert[] =
	"INSERT INTO incidents (id, title, created, updated, merged_by_hand)"
	" VALUES (?1, ?2, ?3, ?4, ?5)"
	" ON CONFLICT (id) DO UPDATE SET title = ?2,"
	" created = COALESCE(incidents.created, ?3), updated = ?4,"
	" merged_by_hand = ?5";

static const char sql_inc_del_members[] =
	"DELETE FROM incident_members WHERE incident_id = ?1";

static const char sql_inc_add_member[] =
	"INSERT INTO incident_members (incident_id, source, advisory_id, note)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT (source, advisory_id)"
	" DO UPDATE SET incident_id = ?1, note = ?4";

static const char sql_inc_del_links[] =
	"DELETE FROM incident_links WHERE incident_id = ?1";

static const char sql_inc_add_link[] =
	"INSERT INTO incident_links (incident_id, seq, a_source, a_id,"
	" b_source, b_id, score, reasons, by_hand)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

static const char sql_inc_is_empty[] =
	"SELECT NOT EXISTS (SELECT 1 FROM incident_members"
	" WHERE incident_id = ?1 AND note = 0) AND EXISTS (SELECT 1 FROM incidents"
	" WHERE id = ?1)";

static const char sql_inc_move_aliases[] =
	"UPDATE incident_aliases SET incident_id = ?2"
	" WHERE incident_id = ?1";

static const char sql_inc_delete[] =
	"DELETE FROM incidents WHERE id = ?1";

static const char sql_inc_add_alias[] =
	"INSERT INTO incident_aliases (alias, incident_id) VALUES (?1, ?2)"
	" ON CONFLICT (alias) DO UPDATE SET incident_id = ?2";

static const char sql_inc_exists[] =
	"SELECT 1 FROM incidents WHERE id = ?1";

static const char sql_load_incidents[] =
	"SELECT id, title, created, merged_by_hand FROM incidents"
	" WHERE " WANTED_INCIDENTS("id") " ORDER BY created, id";

static const char sql_load_members[] =
	"SELECT mm.incident_id, mm.source, mm.advisory_id, aa.doc, mm.note"
	" FROM incident_members mm JOIN advisories aa"
	" ON aa.source = mm.source AND aa.id = mm.advisory_id"
	" WHERE " WANTED_INCIDENTS("mm.incident_id");

static const char sql_load_links[] =
	"SELECT incident_id, a_source, a_id, b_source, b_id, score, reasons,"
	" by_hand FROM incident_links WHERE " WANTED_INCIDENTS("incident_id")
	" ORDER BY incident_id, seq";

static const char sql_load_aliases[] =
	"SELECT incident_id, alias FROM incident_aliases"
	" WHERE " WANTED_INCIDENTS("incident_id") " ORDER BY incident_id, rowid";

static const char sql_one_incident[] =
	"SELECT id, title, created, merged_by_hand FROM incidents"
	" WHERE id = ?1";

static const char sql_one_members[] =
	"SELECT mm.incident_id, mm.source, mm.advisory_id, aa.doc, mm.note"
	" FROM incident_members mm JOIN advisories aa"
	" ON aa.source = mm.source AND aa.id = mm.advisory_id"
	" WHERE mm.incident_id = ?1";

static const char sql_one_links[] =
	"SELECT incident_id, a_source, a_id, b_source, b_id, score, reasons,"
	" by_hand FROM incident_links WHERE incident_id = ?1 ORDER BY seq";

static const char sql_one_aliases[] =
	"SELECT incident_id, alias FROM incident_aliases"
	" WHERE incident_id = ?1 ORDER BY rowid";

static const char sql_inc_resolve[] =
	"SELECT id FROM incidents WHERE id = ?1"
	" UNION ALL SELECT incident_id FROM incident_aliases WHERE alias = ?1"
	" LIMIT 1";

static const char sql_assignments[] =
	"SELECT source, advisory_id, incident_id FROM incident_members WHERE note = 0";

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
lookup_text(Store *store, const char *sql, const char *k1, const char *k2, char **ret,
	    GError **error, const char *what)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql, error);
	bool row = false;

	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, k1);
	if (k2 != NULL) {
		db_bind_text(st, 2, k2);
	}
	if (!db_step_row(store, st, &row, error, what)) {
		return false;
	}
	*ret = row ? db_column_dup(st, 0) : NULL;
	return true;
}

static bool
exec_keys(Store *store, const char *sql, const char *k1, const char *k2, GError **error,
	  const char *what)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql, error);

	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, k1);
	if (k2 != NULL) {
		db_bind_text(st, 2, k2);
	}
	return db_step_done(store, st, error, what);
}

/* Stores a member that was never upserted, so the incident can be loaded again. */
static bool
ensure_member_stored(Store *store, const Advisory *adv, gint64 now, GError **error)
{
	g_autofree char *what = g_strdup_printf("check advisory %s/%s", adv->source, adv->id);
	g_autoptr(CachedStmt) st = db_stmt(store, sql_adv_exists, error);
	bool row = false;

	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, adv->source);
	db_bind_text(st, 2, adv->id);
	if (!db_step_row(store, st, &row, error, what)) {
		return false;
	}
	if (row) {
		return true;
	}
	g_autofree char *fp = advisory_fingerprint(adv);
	return db_write_version(store, adv, fp, false, now, now, error);
}


bool
store_incident_listing(Store *store, const char *source, const char *id, char **ret_id,
		       GError **error)
{
	char *found = NULL;
	if (!lookup_text(store, sql_inc_member_of, source, id, &found, error,
			 "look up an advisory's incident")) {
		return false;
	}
	*ret_id = found;
	return true;
}

GPtrArray *
store_incidents_listing_id(Store *store, const char *id, GError **error)
{
	g_return_val_if_fail(store != NULL && id != NULL, NULL);

	g_autoptr(CachedStmt) st = db_stmt(store, sql_inc_listing_id, error);
	if (st == NULL) {
		return NULL;
	}
	db_bind_text(st, 1, id);
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func(g_free);
	if (!db_each_row(store, st, "look up an advisory's incident", db_read_text, out, error)) {
		return NULL;
	}
	return g_steal_pointer(&out);
}

static bool
save_one_incident(Store *store, const Incident *inc, gint64 now, GHashTable *given,
		  GHashTable *donors, GError **error)
{
	g_autofree char *what = g_strdup_printf("save incident '%s'", inc->id);

	/* Where its members (and notes) were before: an incident they leave may end up
	 * empty. */
	for (guint i = 0; i < inc->members->len + incident_note_count(inc); i++) {
		const Advisory *adv = i < inc->members->len
					      ? inc->members->pdata[i]
					      : inc->notes->pdata[i - inc->members->len];
		g_autofree char *old = NULL;
		if (!ensure_member_stored(store, adv, now, error) ||
		    !lookup_text(store, sql_inc_member_of, adv->source, adv->id, &old, error,
				 what)) {
			return false;
		}
		if (old != NULL && strcmp(old, inc->id) != 0 &&
		    !g_hash_table_contains(given, old) && !g_hash_table_contains(donors, old)) {
			/* A note's own incident of before ("not an incident", alone) goes
			 * without becoming an alias: a note merges nothing in (see
			 * retire_donor()). */
			g_hash_table_insert(donors, g_steal_pointer(&old),
					    g_strdup(i < inc->members->len ? inc->id : ""));
		}
	}

	/* Its id is live again, so it can no longer be someone's alias. */
	if (!exec_keys(store, sql_inc_drop_alias, inc->id, NULL, error, what)) {
		return false;
	}
	{
		g_autoptr(CachedStmt) st = db_stmt(store, sql_inc_upsert, error);
		if (st == NULL) {
			return false;
		}
		db_bind_text(st, 1, inc->id);
		db_bind_text(st, 2, inc->title);
		sqlite3_bind_int64(st, 3, inc->created != SW_TIME_NONE ? inc->created : now);
		sqlite3_bind_int64(st, 4, now);
		sqlite3_bind_int(st, 5, inc->merged_by_hand);
		if (!db_step_done(store, st, error, what)) {
			return false;
		}
	}

	if (!exec_keys(store, sql_inc_del_members, inc->id, NULL, error, what)) {
		return false;
	}
	for (guint i = 0; i < inc->members->len + incident_note_count(inc); i++) {
		bool note = i >= inc->members->len;
		const Advisory *adv = !note ? inc->members->pdata[i]
					    : inc->notes->pdata[i - inc->members->len];
		g_autoptr(CachedStmt) st = db_stmt(store, sql_inc_add_member, error);
		if (st == NULL) {
			return false;
		}
		db_bind_text(st, 1, inc->id);
		db_bind_text(st, 2, adv->source);
		db_bind_text(st, 3, adv->id);
		sqlite3_bind_int(st, 4, note);
		if (!db_step_done(store, st, error, what)) {
			return false;
		}
	}

	if (!exec_keys(store, sql_inc_del_links, inc->id, NULL, error, what)) {
		return false;
	}
	for (guint i = 0; i < inc->links->len; i++) {
		const IncidentLink *link = inc->links->pdata[i];
		g_autofree char *reasons = reasons_to_json(link->reasons);
		g_autoptr(CachedStmt) st = db_stmt(store, sql_inc_add_link, error);
		if (st == NULL) {
			return false;
		}
		db_bind_text(st, 1, inc->id);
		sqlite3_bind_int(st, 2, (int)i);
		db_bind_text(st, 3, link->a_source);
		db_bind_text(st, 4, link->a_id);
		db_bind_text(st, 5, link->b_source);
		db_bind_text(st, 6, link->b_id);
		sqlite3_bind_double(st, 7, link->score);
		db_bind_text(st, 8, reasons);
		sqlite3_bind_int(st, 9, link->by_hand);
		if (!db_step_done(store, st, error, what)) {
			return false;
		}
	}
	return true;
}

/* Deletes an incident its members all left, keeping its id as an alias of the taker
 * (@taker "": a note left it; no alias). */
static bool
retire_donor(Store *store, const char *old, const char *taker, GError **error)
{
	g_autofree char *what = g_strdup_printf("retire incident '%s' into '%s'", old, taker);
	g_autoptr(CachedStmt) st = db_stmt(store, sql_inc_is_empty, error);
	bool row = false;

	if (st == NULL) {
		return false;
	}
	db_bind_text(st, 1, old);
	if (!db_step_row(store, st, &row, error, what)) {
		return false;
	}
	if (!row || sqlite3_column_int(st, 0) == 0) {
		return true; /* still has members (or is gone): leave it */
	}
	if (taker[0] == '\0') {
		/* Left by a note only: gone, no alias. */
		return exec_keys(store, sql_inc_delete, old, NULL, error, what);
	}
	return exec_keys(store, sql_inc_move_aliases, old, taker, error, what) &&
	       exec_keys(store, sql_inc_delete, old, NULL, error, what) &&
	       exec_keys(store, sql_inc_add_alias, old, taker, error, what);
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
			if (!lookup_text(store, sql_inc_exists, alias, NULL, &live, error, what)) {
				return false;
			}
			if (live != NULL) {
				continue;
			}
			if (!exec_keys(store, sql_inc_add_alias, alias, inc->id, error, what)) {
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
	if (!db_atomic_begin(store, &own, "save incidents", error)) {
		return false;
	}
	bool ok = save_incidents(store, incidents, error);
	return db_atomic_end(store, own, ok, "save incidents", ok ? error : NULL);
}

/* ---- incidents: loading ---- */

/* The four queries of one load, in the order they run: incidents, members, links,
 * aliases.  Every row after the first query starts with its incident's id. */
typedef struct {
	const char *sql[4];
} IncidentQueries;

static const IncidentQueries bulk_queries = {
	{sql_load_incidents, sql_load_members, sql_load_links, sql_load_aliases},
};
static const IncidentQueries one_queries = {
	{sql_one_incident, sql_one_members, sql_one_links, sql_one_aliases},
};

typedef struct {
	const char *only_id; /* one incident, or NULL for the filter below */
	bool all;
	gint64 now;
} IncidentFilter;

static CachedStmt *
filtered_stmt(Store *store, const char *sql, const IncidentFilter *f, GError **error)
{
	CachedStmt *st = db_stmt(store, sql, error);

	if (st == NULL) {
		return NULL;
	}
	if (f->only_id != NULL) {
		db_bind_text(st, 1, f->only_id);
	} else {
		sqlite3_bind_int(st, 1, f->all);
		sqlite3_bind_int64(st, 2, f->now);
		sqlite3_bind_int64(st, 3, f->now - RECENT_SECONDS);
	}
	return st;
}

typedef struct {
	GPtrArray *out;    /* Incident *, owned */
	GHashTable *by_id; /* id → Incident *, borrowed from out */
} IncidentLoad;

/* The incident a member, link or alias row belongs to; NULL when it was not loaded. */
static Incident *
row_incident(const IncidentLoad *load, sqlite3_stmt *st)
{
	return g_hash_table_lookup(load->by_id, sqlite3_column_text(st, 0));
}

static bool
read_incident(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	IncidentLoad *load = data;
	Incident *inc = incident_new((const char *)sqlite3_column_text(st, 0));

	inc->title = db_column_dup(st, 1);
	inc->created = db_column_time(st, 2);
	inc->merged_by_hand = sqlite3_column_int(st, 3) != 0;
	g_ptr_array_add(load->out, inc);
	g_hash_table_insert(load->by_id, inc->id, inc);
	return true;
}

static bool
read_member(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	Incident *inc = row_incident(data, st);

	if (inc == NULL) {
		return true;
	}
	g_autoptr(Advisory) adv = db_parse_doc(store, (const char *)sqlite3_column_text(st, 3),
					       (const char *)sqlite3_column_text(st, 1),
					       (const char *)sqlite3_column_text(st, 2), error);
	if (adv == NULL) {
		return false;
	}
	if (sqlite3_column_int(st, 4) != 0) {
		incident_add_note(inc, adv);
	} else {
		incident_add_member(inc, adv);
	}
	return true;
}

static bool
read_link(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	Incident *inc = row_incident(data, st);

	if (inc == NULL) {
		return true;
	}
	IncidentLink *link = incident_link_new((const char *)sqlite3_column_text(st, 1),
					       (const char *)sqlite3_column_text(st, 2),
					       (const char *)sqlite3_column_text(st, 3),
					       (const char *)sqlite3_column_text(st, 4),
					       sqlite3_column_double(st, 5));
	reasons_from_json(link, (const char *)sqlite3_column_text(st, 6));
	link->by_hand = sqlite3_column_int(st, 7) != 0;
	g_ptr_array_add(inc->links, link);
	return true;
}

static bool
read_alias(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	Incident *inc = row_incident(data, st);

	if (inc != NULL) {
		incident_add_alias(inc, (const char *)sqlite3_column_text(st, 1));
	}
	return true;
}

static GPtrArray *
load_incidents(Store *store, const IncidentQueries *q, const IncidentFilter *f, GError **error)
{
	static const struct {
		const char *what;
		DbRowFunc read;
	} parts[G_N_ELEMENTS(q->sql)] = {
		{"load incidents", read_incident},
		{"load incident members", read_member},
		{"load incident links", read_link},
		{"load incident aliases", read_alias},
	};
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)incident_free);
	g_autoptr(GHashTable) by_id = g_hash_table_new(g_str_hash, g_str_equal);
	IncidentLoad load = {.out = out, .by_id = by_id};

	for (gsize i = 0; i < G_N_ELEMENTS(parts); i++) {
		g_autoptr(CachedStmt) st = filtered_stmt(store, q->sql[i], f, error);
		if (st == NULL ||
		    !db_each_row(store, st, parts[i].what, parts[i].read, &load, error)) {
			return NULL;
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
	if (!lookup_text(store, sql_inc_resolve, id_or_alias, NULL, &id, error, what)) {
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

/* A row of (source, advisory_id, incident_id) into the map @data. */
static bool
read_assignment(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	g_hash_table_insert(data,
			    g_strdup_printf("%s/%s", sqlite3_column_text(st, 0),
					    sqlite3_column_text(st, 1)),
			    db_column_dup(st, 2));
	return true;
}

GHashTable *
store_incident_assignments(Store *store, GError **error)
{
	g_return_val_if_fail(store != NULL, NULL);

	g_autoptr(CachedStmt) st = db_stmt(store, sql_assignments, error);
	if (st == NULL) {
		return NULL;
	}
	g_autoptr(GHashTable) map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (!db_each_row(store, st, "load incident assignments", read_assignment, map, error)) {
		return NULL;
	}
	return g_steal_pointer(&map);
}
