/*
 * The store: schema creation and upgrade, refusal of files that are not ours
 * (untouched), advisory versions, source state, incidents, decisions.
 * Uses SQLite directly only to build or inspect databases the way another
 * program (or an older statuswatch) would.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <utime.h>

#include "model/advisory_json.h"
#include "store/schema.h"
#include "store/store.h"
#include "util/error.h"

typedef struct {
	char *dir;  /* temporary directory, removed in teardown */
	char *path; /* dir/state.db */
} Fixture;

static void
fixture_setup(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	f->dir = g_dir_make_tmp("sw-store-XXXXXX", &error);
	g_assert_no_error(error);
	f->path = g_build_filename(f->dir, "state.db", NULL);
}

static void
remove_tree(const char *path)
{
	if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
		g_autoptr(GDir) d = g_dir_open(path, 0, NULL);
		const char *name;
		while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
			g_autofree char *child = g_build_filename(path, name, NULL);
			remove_tree(child);
		}
		g_rmdir(path);
	} else {
		g_unlink(path);
	}
}

static void
fixture_teardown(Fixture *f, gconstpointer data)
{
	remove_tree(f->dir);
	g_free(f->dir);
	g_free(f->path);
}

/* ---- helpers ---- */

static sqlite3 *
raw_open(const char *path)
{
	sqlite3 *db = NULL;
	g_assert_cmpint(sqlite3_open(path, &db), ==, SQLITE_OK);
	return db;
}

static void
raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		g_error("raw SQL failed: %s: %s", sql, msg);
	}
}

static gint64
raw_int(const char *path, const char *sql)
{
	sqlite3 *db = raw_open(path);
	sqlite3_stmt *st = NULL;
	g_assert_cmpint(sqlite3_prepare_v2(db, sql, -1, &st, NULL), ==, SQLITE_OK);
	g_assert_cmpint(sqlite3_step(st), ==, SQLITE_ROW);
	gint64 v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static Store *
open_ok(const char *path)
{
	g_autoptr(GError) error = NULL;
	Store *s = store_open_file(path, &error);
	g_assert_no_error(error);
	g_assert_nonnull(s);
	return s;
}

static Advisory *
make_adv(const char *source, const char *id, const char *title)
{
	Advisory *a = advisory_new(source, id);
	advisory_set_str(&a->title, title);
	a->kind = ADVISORY_KIND_INCIDENT;
	a->status = ADVISORY_STATUS_INVESTIGATING;
	a->severity = ADVISORY_SEVERITY_MAJOR;
	a->start = 1689655500;
	advisory_add_service(a, "Exchange Online");
	return a;
}

static void
upsert(Store *s, const Advisory *a, gint64 seen, bool expect_changed)
{
	g_autoptr(GError) error = NULL;
	bool changed = !expect_changed;
	g_assert_true(store_upsert_advisory(s, a, seen, &changed, &error));
	g_assert_no_error(error);
	g_assert_cmpint(changed, ==, expect_changed);
}

static guint
version_count(Store *s, const char *source, const char *id)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) v = store_advisory_versions(s, source, id, NULL, &error);
	g_assert_no_error(error);
	return v->len;
}

/* A snapshot of a file we must not touch: its bytes and its mtime.  The mtime is first set
 * far in the past, so any write shows as a change without waiting for the clock to tick. */
typedef struct {
	char *bytes;
	gsize len;
	gint64 mtime_ns;
} Snapshot;

static void
snapshot_read(Snapshot *snap, const char *path)
{
	g_autoptr(GError) error = NULL;
	GStatBuf sb;
	g_assert_true(g_file_get_contents(path, &snap->bytes, &snap->len, &error));
	g_assert_cmpint(g_stat(path, &sb), ==, 0);
	snap->mtime_ns = (gint64)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
}

static void
snapshot_take(Snapshot *snap, const char *path)
{
	struct utimbuf long_ago = { .actime = 1000000000, .modtime = 1000000000 };

	g_assert_cmpint(g_utime(path, &long_ago), ==, 0);
	snapshot_read(snap, path);
}

static void
snapshot_assert_same(Snapshot *snap, const char *path)
{
	Snapshot now = { 0 };
	snapshot_read(&now, path);
	g_assert_cmpmem(now.bytes, now.len, snap->bytes, snap->len);
	g_assert_cmpint(now.mtime_ns, ==, snap->mtime_ns);
	g_free(now.bytes);
	g_free(snap->bytes);
	snap->bytes = NULL;
}

static void
assert_refused(const char *path, const char *expected_fragment)
{
	g_autoptr(GError) error = NULL;
	Store *s = store_open_file(path, &error);
	g_assert_null(s);
	g_assert_error(error, SW_ERROR, SW_ERROR_SCHEMA);
	g_autofree char *prefix = g_strdup_printf("store '%s': ", path);
	g_assert_true(g_str_has_prefix(error->message, prefix));
	if (strstr(error->message, expected_fragment) == NULL) {
		g_error("message '%s' lacks '%s'", error->message, expected_fragment);
	}
	g_assert_null(strchr(error->message, '\n'));
}

/* ---- opening ---- */

static void
test_fresh(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *dir = g_build_filename(f->dir, "nested", "statuswatch", NULL);
	Store *s = store_open(dir, &error);
	g_assert_no_error(error);
	g_autofree char *path = g_build_filename(dir, "state.db", NULL);
	g_assert_cmpstr(store_path(s), ==, path);
	store_close(s);

	GStatBuf sb;
	g_assert_cmpint(g_stat(dir, &sb), ==, 0);
	g_assert_cmpint(sb.st_mode & 0777, ==, 0700);

	g_assert_cmpint(raw_int(path, "PRAGMA user_version"), ==, STORE_SCHEMA_VERSION);
	g_assert_cmpint(raw_int(path, "PRAGMA application_id"), ==, SCHEMA_APPLICATION_ID);
	static const char *const tables[] = {
		"sources",          "advisories",       "advisory_versions", "incidents",
		"incident_members", "incident_links",   "incident_aliases",  "decisions",
		"outbox",           "deliveries",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(tables); i++) {
		g_autofree char *sql = g_strdup_printf(
			"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'",
			tables[i]);
		g_assert_cmpint(raw_int(path, sql), ==, 1);
	}
	/* WAL is a property of the file, so a raw connection sees it. */
	sqlite3 *db = raw_open(path);
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
	g_assert_cmpint(sqlite3_step(st), ==, SQLITE_ROW);
	g_assert_cmpstr((const char *)sqlite3_column_text(st, 0), ==, "wal");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void
test_reopen(Fixture *f, gconstpointer data)
{
	Store *s = open_ok(f->path);
	g_autoptr(Advisory) a = make_adv("m365", "EX1", "one");
	upsert(s, a, 100, true);
	store_close(s);

	for (int i = 0; i < 2; i++) {
		s = open_ok(f->path);
		upsert(s, a, 200 + i, false);
		g_assert_cmpuint(version_count(s, "m365", "EX1"), ==, 1);
		store_close(s);
	}
	g_assert_cmpint(raw_int(f->path, "PRAGMA user_version"), ==, STORE_SCHEMA_VERSION);
	g_assert_cmpint(raw_int(f->path, "SELECT last_seen FROM advisories"), ==, 201);
	g_assert_cmpint(raw_int(f->path, "SELECT first_seen FROM advisories"), ==, 100);
}

static void
test_upgrade_from_v1(Fixture *f, gconstpointer data)
{
	/* A database exactly as version 1 of statuswatch left it. */
	g_autoptr(Advisory) a = make_adv("m365", "EX649175", "Mail delays");
	g_autofree char *doc = advisory_to_json(a);
	g_autofree char *fp = advisory_fingerprint(a);
	sqlite3 *db = raw_open(f->path);
	raw_exec(db, "BEGIN");
	raw_exec(db, schema_step_sql(0));
	g_autofree char *mark = g_strdup_printf("PRAGMA user_version = 1;"
						"PRAGMA application_id = %d;",
						SCHEMA_APPLICATION_ID);
	raw_exec(db, mark);
	char *sql = sqlite3_mprintf(
		"INSERT INTO advisories (source, id, doc, fingerprint, status, closed, withdrawn,"
		" start_at, first_seen, last_seen, changed_at)"
		" VALUES ('m365', 'EX649175', %Q, %Q, 'investigating', 0, 0, 1689655500,"
		" 10, 10, 10);"
		"INSERT INTO advisory_versions (source, id, fingerprint, seen_at, doc)"
		" VALUES ('m365', 'EX649175', %Q, 10, %Q);"
		"INSERT INTO incidents (id, title, created, updated) VALUES ('inc-1', NULL, 5, 10);"
		"INSERT INTO incident_members VALUES ('inc-1', 'm365', 'EX649175');"
		"INSERT INTO incident_links (incident_id, seq, a_source, a_id, b_source, b_id,"
		" score, reasons) VALUES ('inc-1', 0, 'm365', 'EX649175', 'azure', 'X', 0.5,"
		" '[\"same time\"]');"
		"INSERT INTO incident_aliases VALUES ('old-1', 'inc-1');",
		doc, fp, fp, doc);
	raw_exec(db, sql);
	sqlite3_free(sql);
	raw_exec(db, "COMMIT");
	sqlite3_close(db);
	g_assert_cmpint(raw_int(f->path, "PRAGMA user_version"), ==, 1);

	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	g_assert_cmpint(raw_int(f->path, "PRAGMA user_version"), ==, STORE_SCHEMA_VERSION);

	/* Old data is all there. */
	g_autoptr(Advisory) back = store_get_advisory(s, "m365", "EX649175", &error);
	g_assert_no_error(error);
	g_autofree char *fp2 = advisory_fingerprint(back);
	g_assert_cmpstr(fp, ==, fp2);
	g_assert_cmpuint(version_count(s, "m365", "EX649175"), ==, 1);
	upsert(s, a, 20, false);

	g_autoptr(Incident) inc = store_get_incident(s, "old-1", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(inc->id, ==, "inc-1");
	g_assert_cmpint(inc->created, ==, 5);
	g_assert_false(inc->merged_by_hand);
	g_assert_cmpuint(inc->members->len, ==, 1);
	g_assert_cmpuint(inc->links->len, ==, 1);
	IncidentLink *link = inc->links->pdata[0];
	g_assert_false(link->by_hand);
	g_assert_cmpuint(link->reasons->len, ==, 1);
	g_assert_cmpstr(link->reasons->pdata[0], ==, "same time");

	/* What version 2 added works. */
	g_assert_true(store_add_decision(s, STORE_DECISION_SPLIT, "m365/EX649175", NULL, 30,
					 &error));
	g_assert_no_error(error);
	store_close(s);
	g_assert_cmpint(raw_int(f->path, "SELECT count(*) FROM decisions"), ==, 1);
	g_assert_cmpint(raw_int(f->path, "SELECT count(*) FROM sqlite_master"
					 " WHERE name = 'advisories_by_end'"),
			==, 1);
}

/* Up to version 3 a feed's URL hash was kept in sources.cursor; version 4 moves it to
 * url_hash and leaves a real cursor where it was. */
static void
test_upgrade_from_v2(Fixture *f, gconstpointer data)
{
	sqlite3 *db = raw_open(f->path);
	raw_exec(db, "BEGIN");
	raw_exec(db, schema_step_sql(0));
	raw_exec(db, schema_step_sql(1));
	g_autofree char *mark = g_strdup_printf("PRAGMA user_version = 2;"
						"PRAGMA application_id = %d;",
						SCHEMA_APPLICATION_ID);
	raw_exec(db, mark);
	raw_exec(db, "INSERT INTO sources (name, etag, consecutive_failures, unreachable_reported,"
		     " cursor) VALUES ('github', '\"v1\"', 0, 0, 'url-sha256:ab12');"
		     "INSERT INTO sources (name, consecutive_failures, unreachable_reported, cursor)"
		     " VALUES ('m365', 0, 0, 'https://graph/delta?token=x');");
	raw_exec(db, "COMMIT");
	sqlite3_close(db);

	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	g_assert_cmpint(raw_int(f->path, "PRAGMA user_version"), ==, STORE_SCHEMA_VERSION);
	g_autoptr(SourceState) feed = store_get_source_state(s, "github", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(feed->url_hash, ==, "url-sha256:ab12");
	g_assert_null(feed->cursor);
	g_assert_cmpstr(feed->etag, ==, "\"v1\"");
	g_autoptr(SourceState) graph = store_get_source_state(s, "m365", &error);
	g_assert_no_error(error);
	g_assert_null(graph->url_hash);
	g_assert_cmpstr(graph->cursor, ==, "https://graph/delta?token=x");
	store_close(s);
}

static void
test_refuse_newer(Fixture *f, gconstpointer data)
{
	store_close(open_ok(f->path));
	sqlite3 *db = raw_open(f->path);
	raw_exec(db, "PRAGMA user_version = 7");
	sqlite3_close(db);

	Snapshot snap = { 0 };
	snapshot_take(&snap, f->path);
	g_autofree char *msg = g_strdup_printf(
		"was written by a newer statuswatch (schema 7, this build knows up to %d)",
		STORE_SCHEMA_VERSION);
	assert_refused(f->path, msg);
	snapshot_assert_same(&snap, f->path);
	g_assert_cmpint(raw_int(f->path, "PRAGMA user_version"), ==, 7);
}

static void
test_refuse_garbage(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	GString *junk = g_string_new(NULL);
	for (int i = 0; i < 8192; i++) {
		g_string_append_c(junk, (char)((i * 7919 + 13) & 0xff));
	}
	g_assert_true(g_file_set_contents(f->path, junk->str, (gssize)junk->len, &error));
	g_string_free(junk, TRUE);

	Snapshot snap = { 0 };
	snapshot_take(&snap, f->path);
	assert_refused(f->path, "is not a statuswatch database: file is not a database");
	snapshot_assert_same(&snap, f->path);
	g_autofree char *wal = g_strconcat(f->path, "-wal", NULL);
	g_assert_false(g_file_test(wal, G_FILE_TEST_EXISTS));

	/* A text file that merely starts like one. */
	g_assert_true(g_file_set_contents(f->path, "SQLite format 3", -1, &error));
	assert_refused(f->path, "is not a statuswatch database");
}

static void
test_refuse_damaged(Fixture *f, gconstpointer data)
{
	/* A real statuswatch database whose pages after the first were overwritten. */
	Store *s = open_ok(f->path);
	g_assert_true(store_begin(s, NULL));
	for (int i = 0; i < 300; i++) {
		g_autofree char *id = g_strdup_printf("ID%d", i);
		g_autoptr(Advisory) a = make_adv("src", id, "some title that takes room");
		upsert(s, a, 1, true);
	}
	g_assert_true(store_commit(s, NULL));
	store_close(s);

	g_autoptr(GError) error = NULL;
	g_autofree char *bytes = NULL;
	gsize len = 0;
	g_assert_true(g_file_get_contents(f->path, &bytes, &len, &error));
	g_assert_cmpuint(len, >, 3 * 4096);
	for (gsize i = 4096; i < len; i++) {
		bytes[i] = (char)(i * 31);
	}
	g_assert_true(g_file_set_contents(f->path, bytes, (gssize)len, &error));

	Snapshot snap = { 0 };
	snapshot_take(&snap, f->path);
	s = store_open_file(f->path, &error);
	g_assert_null(s);
	g_assert_error(error, SW_ERROR, SW_ERROR_SCHEMA);
	snapshot_assert_same(&snap, f->path);
}

static void
test_refuse_foreign(Fixture *f, gconstpointer data)
{
	/* Someone else's database: tables, no application id. */
	sqlite3 *db = raw_open(f->path);
	raw_exec(db, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
		     "INSERT INTO moz_places (url) VALUES ('https://example.org/')");
	sqlite3_close(db);
	Snapshot snap = { 0 };
	snapshot_take(&snap, f->path);
	assert_refused(f->path,
		       "is not a statuswatch database: it holds another program's tables"
		       " (e.g. 'moz_places')");
	snapshot_assert_same(&snap, f->path);

	/* Another program's application id, even with no tables. */
	g_unlink(f->path);
	db = raw_open(f->path);
	raw_exec(db, "PRAGMA application_id = 1196444487"); /* GeoPackage 'GPKG' */
	sqlite3_close(db);
	assert_refused(f->path, "application id 0x47504b47 belongs to another program");

	/* A user_version set by someone without our id. */
	g_unlink(f->path);
	db = raw_open(f->path);
	raw_exec(db, "PRAGMA user_version = 1");
	sqlite3_close(db);
	assert_refused(f->path, "is not a statuswatch database: schema version 1 without a"
				" statuswatch application id");
}

/* ---- advisories ---- */

static void
test_upsert_versions(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	g_autoptr(Advisory) a = make_adv("m365", "EX649175", "Mail delays");

	upsert(s, a, 1000, true);
	g_assert_cmpuint(version_count(s, "m365", "EX649175"), ==, 1);
	g_autoptr(Advisory) same = advisory_copy(a);
	upsert(s, same, 1100, false);
	g_assert_cmpuint(version_count(s, "m365", "EX649175"), ==, 1);

	g_autoptr(Advisory) b = advisory_copy(a);
	advisory_add_update(b, 1689660000, ADVISORY_STATUS_IDENTIFIED, "Found it");
	b->status = ADVISORY_STATUS_IDENTIFIED;
	upsert(s, b, 1200, true);
	g_assert_cmpuint(version_count(s, "m365", "EX649175"), ==, 2);

	/* Back to the first state: the history records the change again. */
	upsert(s, a, 1300, true);

	GArray *seen = NULL;
	g_autoptr(GPtrArray) versions = store_advisory_versions(s, "m365", "EX649175", &seen,
								&error);
	g_assert_no_error(error);
	g_assert_cmpuint(versions->len, ==, 3);
	g_assert_cmpuint(seen->len, ==, 3);
	g_assert_cmpint(g_array_index(seen, gint64, 0), ==, 1000);
	g_assert_cmpint(g_array_index(seen, gint64, 1), ==, 1200);
	g_assert_cmpint(g_array_index(seen, gint64, 2), ==, 1300);
	g_array_unref(seen);
	Advisory *v0 = versions->pdata[0], *v1 = versions->pdata[1];
	g_assert_cmpint(v0->status, ==, ADVISORY_STATUS_INVESTIGATING);
	g_assert_cmpuint(v0->updates->len, ==, 0);
	g_assert_cmpint(v1->status, ==, ADVISORY_STATUS_IDENTIFIED);
	g_assert_cmpuint(v1->updates->len, ==, 1);

	g_autoptr(Advisory) cur = store_get_advisory(s, "m365", "EX649175", &error);
	g_assert_no_error(error);
	g_autofree char *fa = advisory_fingerprint(a);
	g_autofree char *fc = advisory_fingerprint(cur);
	g_assert_cmpstr(fa, ==, fc);

	/* The feed now says who it is (a document stored before that was kept): the same
	 * version, no change reported, but the current document carries it for the linker. */
	g_autoptr(Advisory) named = advisory_copy(a);
	advisory_set_str(&named->feed_name, "Contoso Status");
	advisory_set_str(&named->feed_home, "https://status.contoso.example/");
	upsert(s, named, 1350, false);
	g_assert_cmpuint(version_count(s, "m365", "EX649175"), ==, 3);
	g_autoptr(Advisory) cur2 = store_get_advisory(s, "m365", "EX649175", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(cur2->feed_name, ==, "Contoso Status");
	g_assert_cmpstr(cur2->feed_home, ==, "https://status.contoso.example/");
	g_assert_cmpint(cur2->date_offset, ==, ADVISORY_OFFSET_UNKNOWN);
	upsert(s, named, 1360, false);
	/* ... and so on which clock it dates the item (-04:00), which the linker reads a
	 * title's "Wednesday morning" on: kept, same version. */
	named->date_offset = -240;
	upsert(s, named, 1370, false);
	g_assert_cmpuint(version_count(s, "m365", "EX649175"), ==, 3);
	g_autoptr(Advisory) cur3 = store_get_advisory(s, "m365", "EX649175", &error);
	g_assert_no_error(error);
	g_assert_cmpint(cur3->date_offset, ==, -240);
	upsert(s, named, 1380, false);

	/* NULL ret_changed is allowed; a missing advisory is NOT_FOUND. */
	g_assert_true(store_upsert_advisory(s, a, 1400, NULL, &error));
	g_autoptr(Advisory) none = store_get_advisory(s, "m365", "EX0", &error);
	g_assert_null(none);
	g_assert_error(error, SW_ERROR, SW_ERROR_NOT_FOUND);
	g_clear_error(&error);
	g_autoptr(GPtrArray) no_versions = store_advisory_versions(s, "m365", "EX0", NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(no_versions->len, ==, 0);
	store_close(s);
}

static void
test_load_since(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);

	g_autoptr(Advisory) open_old = make_adv("a", "open-old", "t");
	open_old->start = 100;
	g_autoptr(Advisory) closed_old = make_adv("a", "closed-old", "t");
	closed_old->status = ADVISORY_STATUS_RESOLVED;
	closed_old->end = 200;
	g_autoptr(Advisory) closed_new = make_adv("a", "closed-new", "t");
	closed_new->status = ADVISORY_STATUS_RESOLVED;
	closed_new->end = 5000;
	/* Resolved without an end: its last update stands in for the end. */
	g_autoptr(Advisory) resolved_noend = make_adv("b", "resolved-noend", "t");
	resolved_noend->status = ADVISORY_STATUS_RESOLVED;
	resolved_noend->updated = 6000;
	g_autoptr(Advisory) resolved_noend_old = make_adv("b", "resolved-noend-old", "t");
	resolved_noend_old->status = ADVISORY_STATUS_RESOLVED;
	resolved_noend_old->updated = 300;
	/* Withdrawn long ago is not open, however its status reads. */
	g_autoptr(Advisory) withdrawn_old = make_adv("b", "withdrawn-old", "t");
	withdrawn_old->withdrawn = true;
	Advisory *all[] = { open_old,	    closed_old,		closed_new,
			    resolved_noend, resolved_noend_old, withdrawn_old };
	for (gsize i = 0; i < G_N_ELEMENTS(all); i++) {
		upsert(s, all[i], 10, true);
	}

	g_autoptr(GPtrArray) everything = store_load_advisories(s, SW_TIME_NONE, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(everything->len, ==, 6);

	g_autoptr(GPtrArray) recent = store_load_advisories(s, 1000, &error);
	g_assert_no_error(error);
	g_autoptr(GString) ids = g_string_new(NULL);
	for (guint i = 0; i < recent->len; i++) {
		const Advisory *a = recent->pdata[i];
		g_string_append_printf(ids, "%s/%s ", a->source, a->id);
	}
	g_assert_cmpstr(ids->str, ==, "a/closed-new a/open-old b/resolved-noend ");

	/* Withdrawn just now (wall clock): it ended now, so it is in view again. */
	g_assert_true(store_mark_withdrawn(s, "a", "open-old", true, &error));
	g_autoptr(GPtrArray) later = store_load_advisories(s, 1000, &error);
	g_assert_cmpuint(later->len, ==, 3);
	gint64 tomorrow = g_get_real_time() / G_USEC_PER_SEC + 86400;
	g_autoptr(GPtrArray) future = store_load_advisories(s, tomorrow, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(future->len, ==, 0);
	store_close(s);
}

static void
test_withdrawn(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	g_autoptr(Advisory) a = make_adv("m365", "EX1", "t");
	g_autoptr(Advisory) b = make_adv("m365", "EX2", "t");
	g_autoptr(Advisory) c = make_adv("m365", "EX3", "t");
	c->status = ADVISORY_STATUS_RESOLVED;
	g_autoptr(Advisory) other = make_adv("azure", "AZ1", "t");
	upsert(s, a, 10, true);
	upsert(s, b, 10, true);
	upsert(s, c, 10, true);
	upsert(s, other, 10, true);

	g_autoptr(GPtrArray) ids = store_open_advisory_ids(s, "m365", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(ids->len, ==, 2);
	g_assert_cmpstr(ids->pdata[0], ==, "EX1");
	g_assert_cmpstr(ids->pdata[1], ==, "EX2");

	g_assert_true(store_mark_withdrawn(s, "m365", "EX1", true, &error));
	g_assert_no_error(error);
	/* Marking twice changes nothing. */
	g_assert_true(store_mark_withdrawn(s, "m365", "EX1", true, &error));
	g_assert_cmpuint(version_count(s, "m365", "EX1"), ==, 2);

	g_autoptr(GPtrArray) ids2 = store_open_advisory_ids(s, "m365", &error);
	g_assert_cmpuint(ids2->len, ==, 1);
	g_assert_cmpstr(ids2->pdata[0], ==, "EX2");
	g_autoptr(Advisory) w = store_get_advisory(s, "m365", "EX1", &error);
	g_assert_true(w->withdrawn);
	g_assert_cmpint(w->status, ==, ADVISORY_STATUS_INVESTIGATING); /* not resolved */
	/* Kept: still loaded. */
	g_autoptr(GPtrArray) loaded = store_load_advisories(s, SW_TIME_NONE, &error);
	g_assert_cmpuint(loaded->len, ==, 4);
	/* The source did not show it again, so last_seen stays. */
	store_close(s);
	g_assert_cmpint(raw_int(f->path, "SELECT last_seen FROM advisories WHERE id = 'EX1'"), ==,
			10);
	s = open_ok(f->path);

	/* It reappears in its source: the ordinary upsert un-withdraws it. */
	upsert(s, a, 50, true);
	GArray *seen = NULL;
	g_autoptr(GPtrArray) versions = store_advisory_versions(s, "m365", "EX1", &seen, &error);
	g_assert_cmpuint(versions->len, ==, 3);
	g_assert_false(((Advisory *)versions->pdata[0])->withdrawn);
	g_assert_true(((Advisory *)versions->pdata[1])->withdrawn);
	g_assert_false(((Advisory *)versions->pdata[2])->withdrawn);
	g_assert_cmpint(g_array_index(seen, gint64, 2), ==, 50);
	g_array_unref(seen);

	/* With the time given, the version carries it. */
	g_assert_true(store_mark_withdrawn_at(s, "m365", "EX2", true, 77, &error));
	g_assert_no_error(error);
	g_autoptr(GPtrArray) v2 = store_advisory_versions(s, "m365", "EX2", &seen, &error);
	g_assert_cmpuint(v2->len, ==, 2);
	g_assert_cmpint(g_array_index(seen, gint64, 1), ==, 77);
	g_array_unref(seen);
	g_assert_true(store_mark_withdrawn_at(s, "m365", "EX2", false, 78, &error));
	g_autoptr(Advisory) back = store_get_advisory(s, "m365", "EX1", &error);
	g_assert_false(back->withdrawn);
	g_autoptr(GPtrArray) ids3 = store_open_advisory_ids(s, "m365", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(ids3->len, ==, 2);

	g_assert_false(store_mark_withdrawn(s, "m365", "nope", true, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_NOT_FOUND);
	store_close(s);
}

/* ---- source state ---- */

static void
test_source_state(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);

	g_autoptr(SourceState) fresh = store_get_source_state(s, "github", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(fresh->name, ==, "github");
	g_assert_null(fresh->etag);
	g_assert_cmpint(fresh->last_success, ==, SW_TIME_NONE);

	g_autoptr(SourceState) st = source_state_new("m365");
	st->etag = g_strdup("W/\"abc\"");
	st->last_modified = g_strdup("Tue, 18 Jul 2023 04:45:00 GMT");
	st->last_attempt = 1000;
	st->last_success = 900;
	st->last_error = g_strdup("HTTP 503: Service Unavailable");
	st->consecutive_failures = 3;
	st->next_poll = 1300;
	st->failing_since = 950;
	st->unreachable_reported = true;
	st->last_full_read = 0;
	st->cursor = g_strdup("https://graph/delta?token=x");
	st->url_hash = g_strdup("url-sha256:00ff");
	g_assert_true(store_put_source_state(s, st, &error));
	g_autoptr(SourceState) other = source_state_new("azure");
	g_assert_true(store_put_source_state(s, other, &error));
	store_close(s);

	s = open_ok(f->path);
	g_autoptr(SourceState) back = store_get_source_state(s, "m365", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(back->etag, ==, st->etag);
	g_assert_cmpstr(back->last_modified, ==, st->last_modified);
	g_assert_cmpint(back->last_attempt, ==, 1000);
	g_assert_cmpint(back->last_success, ==, 900);
	g_assert_cmpstr(back->last_error, ==, st->last_error);
	g_assert_cmpuint(back->consecutive_failures, ==, 3);
	g_assert_cmpint(back->next_poll, ==, 1300);
	g_assert_cmpint(back->failing_since, ==, 950);
	g_assert_true(back->unreachable_reported);
	g_assert_cmpint(back->last_full_read, ==, 0);
	g_assert_cmpstr(back->cursor, ==, st->cursor);
	g_assert_cmpstr(back->url_hash, ==, st->url_hash);

	/* Recovery clears fields: NULL and NONE must overwrite. */
	g_clear_pointer(&back->last_error, g_free);
	back->failing_since = SW_TIME_NONE;
	back->consecutive_failures = 0;
	g_assert_true(store_put_source_state(s, back, &error));
	g_autoptr(SourceState) again = store_get_source_state(s, "m365", &error);
	g_assert_null(again->last_error);
	g_assert_cmpint(again->failing_since, ==, SW_TIME_NONE);
	g_assert_cmpuint(again->consecutive_failures, ==, 0);

	g_autoptr(GPtrArray) all = store_list_source_states(s, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(all->len, ==, 2);
	g_assert_cmpstr(((SourceState *)all->pdata[0])->name, ==, "azure");
	g_assert_cmpint(((SourceState *)all->pdata[0])->next_poll, ==, SW_TIME_NONE);
	store_close(s);
}

/* ---- incidents ---- */

static Incident *
make_incident(const char *id, Advisory **members, gsize n)
{
	Incident *inc = incident_new(id);
	for (gsize i = 0; i < n; i++) {
		incident_add_member(inc, members[i]);
	}
	if (n >= 2) {
		IncidentLink *l = incident_link_new(members[0]->source, members[0]->id,
						    members[1]->source, members[1]->id, 0.75);
		incident_link_add_reason(l, "both name 'Exchange Online'");
		incident_link_add_reason(l, "started within 15 minutes");
		g_ptr_array_add(inc->links, l);
	}
	return inc;
}

static void
save(Store *s, Incident **incs, gsize n)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) arr = g_ptr_array_new();
	for (gsize i = 0; i < n; i++) {
		g_ptr_array_add(arr, incs[i]);
	}
	g_assert_true(store_save_incidents(s, arr, &error));
	g_assert_no_error(error);
}

static void
test_incidents(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	gint64 now = 1689700000;

	g_autoptr(Advisory) m1 = make_adv("m365", "EX649175", "Mail delays");
	g_autoptr(Advisory) m2 = make_adv("m365", "EX648815", "Calendar");
	m2->start = 1689606000;
	g_autoptr(Advisory) z1 = make_adv("azure", "VSG1", "WAN");
	z1->status = ADVISORY_STATUS_RESOLVED;
	z1->end = now - 30 * 86400;
	g_autoptr(Advisory) z2 = make_adv("azure", "VSG2", "WAN 2");
	z2->status = ADVISORY_STATUS_RESOLVED;
	z2->end = now - 30 * 86400;
	Advisory *advs[] = { m1, m2, z1, z2 };
	for (gsize i = 0; i < G_N_ELEMENTS(advs); i++) {
		upsert(s, advs[i], now - 40 * 86400, true);
	}

	/* Two incidents: inc-a = {m1, m2}, inc-b = {z1}; old-b is closed and quiet. */
	Incident *a = make_incident("inc-a", (Advisory *[]){ m1, m2 }, 2);
	a->created = 111;
	((IncidentLink *)a->links->pdata[0])->by_hand = true;
	a->merged_by_hand = true;
	Incident *b = make_incident("inc-b", (Advisory *[]){ z1 }, 1);
	b->created = 222;
	save(s, (Incident *[]){ a, b }, 2);
	incident_free(a);
	incident_free(b);

	g_autoptr(GPtrArray) all = store_load_incidents(s, true, now, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(all->len, ==, 2);
	Incident *la = all->pdata[0];
	g_assert_cmpstr(la->id, ==, "inc-a");
	g_assert_cmpint(la->created, ==, 111);
	g_assert_true(la->merged_by_hand);
	g_assert_cmpuint(la->members->len, ==, 2);
	/* Members ordered by start: EX648815 started first. */
	g_assert_cmpstr(((Advisory *)la->members->pdata[0])->id, ==, "EX648815");
	g_assert_cmpuint(la->links->len, ==, 1);
	IncidentLink *l = la->links->pdata[0];
	g_assert_cmpstr(l->a_id, ==, "EX649175");
	g_assert_cmpstr(l->b_id, ==, "EX648815");
	g_assert_cmpfloat(l->score, ==, 0.75);
	g_assert_true(l->by_hand);
	g_assert_cmpuint(l->reasons->len, ==, 2);
	g_assert_cmpstr(l->reasons->pdata[1], ==, "started within 15 minutes");

	/* Only active or recently changed ones: inc-b is resolved and 40 days quiet. */
	g_autoptr(GPtrArray) active = store_load_incidents(s, false, now, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(active->len, ==, 1);
	g_assert_cmpstr(((Incident *)active->pdata[0])->id, ==, "inc-a");
	/* A change within the week brings it back. */
	advisory_set_str(&z1->text, "post-incident report");
	upsert(s, z1, now - 86400, true);
	g_autoptr(GPtrArray) active2 = store_load_incidents(s, false, now, &error);
	g_assert_cmpuint(active2->len, ==, 2);

	/* The linker merges inc-b into inc-a and adds z2 to a new incident. */
	a = make_incident("inc-a", (Advisory *[]){ m1, m2, z1 }, 3);
	a->created = 999; /* must not replace the stored 111 */
	incident_add_alias(a, "inc-b");
	Incident *c = make_incident("inc-c", (Advisory *[]){ z2 }, 1);
	c->created = SW_TIME_NONE;
	save(s, (Incident *[]){ a, c }, 2);
	incident_free(a);
	incident_free(c);

	g_autoptr(GPtrArray) after = store_load_incidents(s, true, now, &error);
	g_assert_cmpuint(after->len, ==, 2);
	g_autoptr(Incident) got = store_get_incident(s, "inc-b", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(got->id, ==, "inc-a");
	g_assert_cmpint(got->created, ==, 111);
	g_assert_cmpuint(got->members->len, ==, 3);
	g_assert_cmpuint(got->aliases->len, ==, 1);
	g_assert_cmpstr(got->aliases->pdata[0], ==, "inc-b");
	g_autoptr(Incident) gc = store_get_incident(s, "inc-c", &error);
	g_assert_no_error(error);
	g_assert_cmpint(gc->created, !=, SW_TIME_NONE);

	g_autoptr(GHashTable) map = store_incident_assignments(s, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_hash_table_size(map), ==, 4);
	g_assert_cmpstr(g_hash_table_lookup(map, "azure/VSG1"), ==, "inc-a");
	g_assert_cmpstr(g_hash_table_lookup(map, "azure/VSG2"), ==, "inc-c");
	g_assert_cmpstr(g_hash_table_lookup(map, "m365/EX649175"), ==, "inc-a");

	g_autoptr(Incident) missing = store_get_incident(s, "inc-zzz", &error);
	g_assert_null(missing);
	g_assert_error(error, SW_ERROR, SW_ERROR_NOT_FOUND);
	g_clear_error(&error);
	store_close(s);
	g_assert_cmpint(raw_int(f->path, "SELECT count(*) FROM incidents"), ==, 2);
}

static void
test_incident_retired_without_alias(Fixture *f, gconstpointer data)
{
	/* The linker moves every member of inc-x into inc-y but forgets the alias:
	 * inc-x is deleted and its id (and its own alias) still find inc-y. */
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	g_autoptr(Advisory) x1 = make_adv("gh", "1", "t");
	g_autoptr(Advisory) y1 = make_adv("gh", "2", "t");
	upsert(s, y1, 10, true);
	/* x1 is never upserted: saving the incident stores it. */
	Incident *x = make_incident("inc-x", (Advisory *[]){ x1 }, 1);
	incident_add_alias(x, "inc-w");
	Incident *y = make_incident("inc-y", (Advisory *[]){ y1 }, 1);
	save(s, (Incident *[]){ x, y }, 2);
	incident_free(x);
	incident_free(y);

	y = make_incident("inc-y", (Advisory *[]){ x1, y1 }, 2);
	save(s, (Incident *[]){ y }, 1);
	incident_free(y);

	for (int i = 0; i < 3; i++) {
		const char *name = (const char *[]){ "inc-x", "inc-w", "inc-y" }[i];
		g_autoptr(Incident) got = store_get_incident(s, name, &error);
		g_assert_no_error(error);
		g_assert_cmpstr(got->id, ==, "inc-y");
		g_assert_cmpuint(got->members->len, ==, 2);
	}
	g_autoptr(GPtrArray) all = store_load_incidents(s, true, 0, &error);
	g_assert_cmpuint(all->len, ==, 1);

	/* Splitting inc-x out again makes it live: no longer an alias. */
	x = make_incident("inc-x", (Advisory *[]){ x1 }, 1);
	save(s, (Incident *[]){ x }, 1);
	incident_free(x);
	g_autoptr(Incident) gx = store_get_incident(s, "inc-x", &error);
	g_assert_cmpstr(gx->id, ==, "inc-x");
	g_autoptr(Incident) gy = store_get_incident(s, "inc-y", &error);
	g_assert_cmpuint(gy->members->len, ==, 1);
	for (guint i = 0; i < gy->aliases->len; i++) {
		g_assert_cmpstr(gy->aliases->pdata[i], !=, "inc-x");
	}
	store_close(s);
}

static void
test_incident_notes(Fixture *f, gconstpointer data)
{
	/* A note (Incident.notes) is stored with its incident and read back as a note; it
	 * owns no incident id (assignments), and its own incident of before (alone, "not an
	 * incident") goes without becoming an alias of the one it is listed with. */
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	g_autoptr(Advisory) p1 = make_adv("ovh", "O1", "SBG power outage");
	g_autoptr(Advisory) n1 = make_adv("plough", "P1", "Not affected: OVH outage");
	upsert(s, p1, 10, true);
	upsert(s, n1, 10, true);
	Incident *alone = make_incident("inc-n", (Advisory *[]){ n1 }, 1);
	Incident *o = make_incident("inc-o", (Advisory *[]){ p1 }, 1);
	save(s, (Incident *[]){ alone, o }, 2);
	incident_free(alone);
	incident_free(o);

	o = make_incident("inc-o", (Advisory *[]){ p1 }, 1);
	incident_add_note(o, n1);
	save(s, (Incident *[]){ o }, 1);
	incident_free(o);

	g_autoptr(GPtrArray) all = store_load_incidents(s, true, 0, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(all->len, ==, 1);
	Incident *got = all->pdata[0];
	g_assert_cmpstr(got->id, ==, "inc-o");
	g_assert_cmpuint(got->members->len, ==, 1);
	g_assert_cmpuint(incident_note_count(got), ==, 1);
	g_assert_cmpstr(((Advisory *)got->notes->pdata[0])->id, ==, "P1");
	g_assert_cmpuint(got->aliases->len, ==, 0);
	g_autoptr(GHashTable) map = store_incident_assignments(s, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(g_hash_table_size(map), ==, 1);
	g_assert_null(g_hash_table_lookup(map, "plough/P1"));
	/* `show P1` finds the incident the note is listed with. */
	g_autofree char *listing = NULL;
	g_assert_true(store_incident_listing(s, "plough", "P1", &listing, &error));
	g_assert_no_error(error);
	g_assert_cmpstr(listing, ==, "inc-o");
	/* ... by its bare id too, which no assignment holds; one id of two sources listed
	 * with two incidents gives both. */
	g_autoptr(GPtrArray) by_id = store_incidents_listing_id(s, "P1", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(by_id->len, ==, 1);
	g_assert_cmpstr(by_id->pdata[0], ==, "inc-o");
	g_autoptr(Advisory) other = make_adv("tally", "P1", "Tally is fine");
	upsert(s, other, 10, true);
	Incident *t = make_incident("inc-t", (Advisory *[]){ other }, 1);
	save(s, (Incident *[]){ t }, 1);
	incident_free(t);
	g_autoptr(GPtrArray) two = store_incidents_listing_id(s, "P1", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(two->len, ==, 2);
	g_assert_cmpstr(two->pdata[0], ==, "inc-o");
	g_assert_cmpstr(two->pdata[1], ==, "inc-t");
	g_autoptr(GPtrArray) none = store_incidents_listing_id(s, "NOSUCH", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(none->len, ==, 0);
	store_close(s);
}

static void
test_incidents_atomic(Fixture *f, gconstpointer data)
{
	/* A save that fails halfway leaves the stored incidents as they were, and inside
	 * store_begin() leaves the outer transaction usable. */
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	g_autoptr(Advisory) m1 = make_adv("m365", "EX1", "t");
	g_autoptr(Advisory) m2 = make_adv("m365", "EX2", "t");
	g_autoptr(Advisory) m3 = make_adv("m365", "BOOM", "t");
	upsert(s, m1, 10, true);
	upsert(s, m2, 10, true);
	Incident *a = make_incident("inc-a", (Advisory *[]){ m1, m2 }, 2);
	save(s, (Incident *[]){ a }, 1);
	incident_free(a);

	/* Another program's trigger stands in for a disk error in the middle of a save. */
	sqlite3 *db = raw_open(f->path);
	raw_exec(db, "CREATE TRIGGER boom BEFORE INSERT ON incident_links"
		     " WHEN NEW.b_id = 'BOOM' BEGIN SELECT RAISE(ABORT, 'boom'); END");
	sqlite3_close(db);

	for (int outer = 0; outer < 2; outer++) {
		if (outer) {
			g_assert_true(store_begin(s, &error));
		}
		a = make_incident("inc-a", (Advisory *[]){ m1 }, 1);
		Incident *b = make_incident("inc-b", (Advisory *[]){ m2, m3 }, 2);
		g_autoptr(GPtrArray) arr = g_ptr_array_new();
		g_ptr_array_add(arr, a);
		g_ptr_array_add(arr, b);
		g_assert_false(store_save_incidents(s, arr, &error));
		g_assert_error(error, SW_ERROR, SW_ERROR_IO);
		g_autofree char *want = g_strdup_printf("store '%s': save incident 'inc-b': boom",
							f->path);
		g_assert_cmpstr(error->message, ==, want);
		g_clear_error(&error);
		incident_free(a);
		incident_free(b);

		g_autoptr(Incident) got = store_get_incident(s, "inc-a", &error);
		g_assert_no_error(error);
		g_assert_cmpuint(got->members->len, ==, 2);
		g_autoptr(Incident) none = store_get_incident(s, "inc-b", &error);
		g_assert_null(none);
		g_assert_error(error, SW_ERROR, SW_ERROR_NOT_FOUND);
		g_clear_error(&error);
		/* BOOM was stored as a member by the failed save: undone too. */
		g_autoptr(Advisory) boom = store_get_advisory(s, "m365", "BOOM", &error);
		g_assert_null(boom);
		g_assert_error(error, SW_ERROR, SW_ERROR_NOT_FOUND);
		g_clear_error(&error);
		if (outer) {
			upsert(s, m3, 20, true);
			g_assert_true(store_commit(s, &error));
			g_assert_no_error(error);
		}
	}
	g_autoptr(Advisory) committed = store_get_advisory(s, "m365", "BOOM", &error);
	g_assert_no_error(error);
	g_assert_nonnull(committed);
	store_close(s);
}

/* ---- decisions ---- */

static void
test_decisions(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	g_assert_true(store_add_decision(s, STORE_DECISION_MERGE, "m365/EX1", "azure/VSG1", 10,
					 &error));
	g_assert_true(store_add_decision(s, STORE_DECISION_SPLIT, "m365/EX2", "ignored", 20,
					 &error));
	g_assert_no_error(error);
	store_close(s);

	s = open_ok(f->path);
	g_autoptr(GPtrArray) d = store_list_decisions(s, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(d->len, ==, 2);
	StoreDecision *d0 = d->pdata[0], *d1 = d->pdata[1];
	g_assert_cmpint(d0->kind, ==, STORE_DECISION_MERGE);
	g_assert_cmpstr(d0->a, ==, "m365/EX1");
	g_assert_cmpstr(d0->b, ==, "azure/VSG1");
	g_assert_cmpint(d0->at, ==, 10);
	g_assert_cmpint(d1->kind, ==, STORE_DECISION_SPLIT);
	g_assert_null(d1->b);
	store_close(s);
}

/* The daemon's SIGHUP reads only the decisions after its mark. */
static void
test_decisions_after(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	const char *keys[] = {"m365/EX1", "m365/EX2", "m365/EX3"};
	for (guint i = 0; i < G_N_ELEMENTS(keys); i++) {
		g_assert_true(store_add_decision(s, STORE_DECISION_SPLIT, keys[i], NULL,
						 10 * (i + 1), &error));
		g_assert_no_error(error);
	}
	g_autoptr(GPtrArray) all = store_list_decisions(s, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(all->len, ==, 3);
	const StoreDecision *first = all->pdata[0], *last = all->pdata[2];

	g_autoptr(GPtrArray) after_first = store_list_decisions_after(s, first->seq, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(after_first->len, ==, 2);
	g_assert_cmpstr(((StoreDecision *)after_first->pdata[0])->a, ==, "m365/EX2");
	g_assert_cmpstr(((StoreDecision *)after_first->pdata[1])->a, ==, "m365/EX3");
	g_assert_cmpint(((StoreDecision *)after_first->pdata[1])->seq, ==, last->seq);

	g_autoptr(GPtrArray) none = store_list_decisions_after(s, last->seq, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(none->len, ==, 0);

	g_autoptr(GPtrArray) from_zero = store_list_decisions_after(s, 0, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(from_zero->len, ==, 3);
	store_close(s);
}

/* ---- transactions and errors ---- */

static void
test_transaction_rollback(Fixture *f, gconstpointer data)
{
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	g_autoptr(Advisory) a = make_adv("m365", "EX1", "t");
	g_assert_true(store_begin(s, &error));
	upsert(s, a, 10, true);
	store_rollback(s);
	g_autoptr(Advisory) none = store_get_advisory(s, "m365", "EX1", &error);
	g_assert_null(none);
	g_assert_error(error, SW_ERROR, SW_ERROR_NOT_FOUND);
	g_clear_error(&error);
	store_rollback(s); /* outside a transaction: harmless */
	store_close(s);
}

static void
test_locked_error(Fixture *f, gconstpointer data)
{
	/* Waits out the 5 s busy timeout once: the message format is worth it. */
	g_autoptr(GError) error = NULL;
	Store *s = open_ok(f->path);
	sqlite3 *db = raw_open(f->path);
	raw_exec(db, "BEGIN IMMEDIATE");
	g_autoptr(Advisory) a = make_adv("m365", "EX649175", "t");
	g_assert_false(store_upsert_advisory(s, a, 10, NULL, &error));
	/* Temporary: another process held the database past the busy timeout, so a caller
	 * that retries (the digest timer: in 15 min, not the next day) tries again. */
	g_assert_error(error, SW_ERROR, SW_ERROR_TEMPORARY);
	g_autofree char *want = g_strdup_printf(
		"store '%s': upsert advisory m365/EX649175: database is locked", f->path);
	g_assert_cmpstr(error->message, ==, want);
	raw_exec(db, "ROLLBACK");
	sqlite3_close(db);
	store_close(s);
}

static void
test_open_while_writing(Fixture *f, gconstpointer data)
{
	/* The daemon holds a write transaction; another process (the CLI) still opens
	 * the store and reads at once, without waiting out the busy timeout. */
	g_autoptr(GError) error = NULL;
	Store *daemon = open_ok(f->path);
	g_autoptr(Advisory) a = make_adv("m365", "EX1", "t");
	upsert(daemon, a, 10, true);
	g_assert_true(store_begin(daemon, &error));
	g_autoptr(Advisory) b = make_adv("m365", "EX2", "t");
	upsert(daemon, b, 10, true);

	gint64 t0 = g_get_monotonic_time();
	Store *cli = open_ok(f->path);
	g_autoptr(GPtrArray) all = store_load_advisories(cli, SW_TIME_NONE, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(all->len, ==, 1); /* EX2 is not committed yet */
	g_assert_cmpint(g_get_monotonic_time() - t0, <, 2 * G_USEC_PER_SEC);
	store_close(cli);

	g_assert_true(store_commit(daemon, &error));
	store_close(daemon);
}

static void
test_default_dir(void)
{
	g_autofree char *saved = g_strdup(g_getenv("XDG_STATE_HOME"));

	g_setenv("XDG_STATE_HOME", "/srv/state", TRUE);
	g_autofree char *d1 = store_default_dir();
	g_assert_cmpstr(d1, ==, "/srv/state/statuswatch");

	g_autofree char *home_based =
		g_build_filename(g_get_home_dir(), ".local", "state", "statuswatch", NULL);
	g_setenv("XDG_STATE_HOME", "relative/state", TRUE); /* invalid per XDG: ignored */
	g_autofree char *d2 = store_default_dir();
	g_assert_cmpstr(d2, ==, home_based);

	g_unsetenv("XDG_STATE_HOME");
	g_autofree char *d3 = store_default_dir();
	g_assert_cmpstr(d3, ==, home_based);

	if (saved != NULL) {
		g_setenv("XDG_STATE_HOME", saved, TRUE);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define ADD(name, fn) g_test_add(name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
	ADD("/store/open/fresh", test_fresh);
	ADD("/store/open/reopen", test_reopen);
	ADD("/store/open/upgrade-v1", test_upgrade_from_v1);
	ADD("/store/open/upgrade-v2", test_upgrade_from_v2);
	ADD("/store/open/refuse-newer", test_refuse_newer);
	ADD("/store/open/refuse-garbage", test_refuse_garbage);
	ADD("/store/open/refuse-damaged", test_refuse_damaged);
	ADD("/store/open/refuse-foreign", test_refuse_foreign);
	ADD("/store/advisory/versions", test_upsert_versions);
	ADD("/store/advisory/load-since", test_load_since);
	ADD("/store/advisory/withdrawn", test_withdrawn);
	ADD("/store/source-state", test_source_state);
	ADD("/store/incidents/save-load", test_incidents);
	ADD("/store/incidents/retired", test_incident_retired_without_alias);
	ADD("/store/incidents/notes", test_incident_notes);
	ADD("/store/incidents/atomic", test_incidents_atomic);
	ADD("/store/decisions", test_decisions);
	ADD("/store/decisions-after", test_decisions_after);
	ADD("/store/transaction/rollback", test_transaction_rollback);
	ADD("/store/error/locked", test_locked_error);
	ADD("/store/open/while-writing", test_open_while_writing);
#undef ADD
	g_test_add_func("/store/default-dir", test_default_dir);
	return g_test_run();
}
