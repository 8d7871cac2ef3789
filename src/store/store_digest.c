/*
 * The store's digest tables (see store_digest.h): the sent-digest ledger and
 * the source outage history.  Never logs.  Reads go through db_each_row() and
 * times through db_bind_time() like the other store files.
 */
#include "store/store_digest.h"

#include <sqlite3.h>

#include "store/store.h"
#include "store/store_private.h"

static const char sql_outages[] =
	"SELECT source, start_at, end_at, error FROM source_outages"
	" WHERE start_at < ?2 AND (end_at IS NULL OR end_at > ?1)"
	" ORDER BY source, start_at";

/* Takes the period when nobody has, or when the holder's claim went stale without a
 * send; a sent digest is never taken again. */
static const char sql_claim[] =
	"INSERT INTO digests (since, until, state, claimed_at) VALUES (?1, ?2, 'sending', ?3)"
	" ON CONFLICT (since, until) DO UPDATE SET claimed_at = ?3"
	" WHERE state = 'sending' AND claimed_at <= ?3 - ?4";

static const char sql_claim_state[] =
	"SELECT state, sent_at FROM digests WHERE since = ?1 AND until = ?2";

static const char sql_sent[] =
	"UPDATE digests SET state = 'sent', sent_at = ?3, answer = ?4"
	" WHERE since = ?1 AND until = ?2";

/* Only the releasing sender's own claim: one taken over as stale is the new sender's. */
static const char sql_release[] =
	"DELETE FROM digests WHERE since = ?1 AND until = ?2 AND state = 'sending'"
	" AND claimed_at = ?3";

static bool
read_outage(Store *store, sqlite3_stmt *st, gpointer data, GError **error)
{
	g_autofree char *error_text = db_column_dup(st, 3);

	g_ptr_array_add(data, source_outage_new((const char *)sqlite3_column_text(st, 0),
						db_column_time(st, 1), db_column_time(st, 2),
						error_text));
	return true;
}

GPtrArray *
store_source_outages(Store *store, gint64 since, gint64 until, GError **error)
{
	g_return_val_if_fail(store != NULL, NULL);

	g_autoptr(CachedStmt) st = db_stmt(store, sql_outages, error);
	if (st == NULL) {
		return NULL;
	}
	db_bind_time(st, 1, since);
	db_bind_time(st, 2, until);
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)source_outage_free);
	if (!db_each_row(store, st, "list source outages", read_outage, out, error)) {
		return NULL;
	}
	return g_steal_pointer(&out);
}

/* The claim and, when it did not take, the reading of who holds the period: inside
 * store_digest_claim()'s transaction. */
static bool
claim(Store *store, gint64 since, gint64 until, gint64 now, bool *ret_claimed,
      gint64 *ret_sent_at, GError **error)
{
	{
		g_autoptr(CachedStmt) st = db_stmt(store, sql_claim, error);
		if (st == NULL) {
			return false;
		}
		db_bind_time(st, 1, since);
		db_bind_time(st, 2, until);
		db_bind_time(st, 3, now);
		sqlite3_bind_int64(st, 4, STORE_DIGEST_CLAIM_TIMEOUT);
		if (!db_step_done(store, st, error, "claim the digest")) {
			return false;
		}
		/* One row changed: inserted, or a stale claim taken over. */
		if (sqlite3_changes(sqlite3_db_handle(st)) > 0) {
			*ret_claimed = true;
			*ret_sent_at = SW_TIME_NONE;
			return true;
		}
	}
	g_autoptr(CachedStmt) st = db_stmt(store, sql_claim_state, error);
	bool row = false;
	if (st == NULL) {
		return false;
	}
	db_bind_time(st, 1, since);
	db_bind_time(st, 2, until);
	if (!db_step_row(store, st, &row, error, "read the digest claim")) {
		return false;
	}
	*ret_claimed = false;
	*ret_sent_at = row ? db_column_time(st, 1) : SW_TIME_NONE;
	return true;
}

bool
store_digest_claim(Store *store, gint64 since, gint64 until, gint64 now, bool *ret_claimed,
		   gint64 *ret_sent_at, GError **error)
{
	g_return_val_if_fail(store != NULL && ret_claimed != NULL, false);

	/* One transaction for the claim and its check, so the answer to a claim that did not
	 * take is the state that refused it (a release or a send by the other sender in
	 * between would otherwise be read instead). */
	const char *what = "claim the digest";
	bool own = false, claimed = false;
	gint64 sent_at = SW_TIME_NONE;
	if (!db_atomic_begin(store, &own, what, error)) {
		return false;
	}
	bool ok = claim(store, since, until, now, &claimed, &sent_at, error);
	if (!db_atomic_end(store, own, ok, what, ok ? error : NULL)) {
		return false;
	}
	*ret_claimed = claimed;
	if (ret_sent_at != NULL) {
		*ret_sent_at = sent_at;
	}
	return true;
}

static bool
run_period(Store *store, const char *sql, gint64 since, gint64 until, gint64 at,
	   const char *answer, const char *what, GError **error)
{
	g_autoptr(CachedStmt) st = db_stmt(store, sql, error);
	if (st == NULL) {
		return false;
	}
	db_bind_time(st, 1, since);
	db_bind_time(st, 2, until);
	db_bind_time(st, 3, at);
	db_bind_text(st, 4, answer);
	return db_step_done(store, st, error, what);
}

bool
store_digest_sent(Store *store, gint64 since, gint64 until, gint64 at, const char *answer,
		  GError **error)
{
	g_return_val_if_fail(store != NULL && at != SW_TIME_NONE, false);
	return run_period(store, sql_sent, since, until, at, answer, "record the digest as sent",
			  error);
}

bool
store_digest_release(Store *store, gint64 since, gint64 until, gint64 claimed_at,
		     GError **error)
{
	g_return_val_if_fail(store != NULL, false);

	g_autoptr(CachedStmt) st = db_stmt(store, sql_release, error);
	if (st == NULL) {
		return false;
	}
	db_bind_time(st, 1, since);
	db_bind_time(st, 2, until);
	db_bind_time(st, 3, claimed_at);
	return db_step_done(store, st, error, "release the digest claim");
}
