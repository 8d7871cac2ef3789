/*
 * The store: statuswatch's state in one SQLite database (WAL, foreign keys on,
 * schema versioned with PRAGMA user_version).  The only module that speaks
 * SQL.  It keeps source state, every distinct version of every advisory,
 * incidents with their members, links and aliases, people's merge/split
 * decisions, and (for the alert pipeline) an outbox and a delivery log.
 *
 * A database written by a newer statuswatch, or one that is not a statuswatch
 * database, is refused with SW_ERROR_SCHEMA and never recreated.
 * All functions: errors SW_ERROR_IO (SQLite failure; the message carries
 * sqlite3_errmsg) unless stated.
 */
#ifndef SW_STORE_STORE_H
#define SW_STORE_STORE_H

#include <glib.h>
#include <stdbool.h>

#include "model/advisory.h"
#include "model/incident.h"
#include "model/source_state.h"

typedef struct Store Store;

/* The schema version this build writes (1: base tables; 2: decisions, by-hand flags, indexes). */
#define STORE_SCHEMA_VERSION 2

/*
 * Opens (creating if needed) @dir/state.db; creates @dir (mode 0700) if missing.
 * Errors: SW_ERROR_IO, SW_ERROR_SCHEMA (newer user_version, not a database, corrupt).
 * Caller frees with store_close().
 */
Store *store_open(const char *dir, GError **error);
/* The same for an explicit file path (tests). */
Store *store_open_file(const char *path, GError **error);
void store_close(Store *store);
const char *store_path(const Store *store);

/* The default state directory: $XDG_STATE_HOME/statuswatch or ~/.local/state/statuswatch.
 * Caller frees. */
char *store_default_dir(void);

/* One poll's writes go between begin and commit. */
bool store_begin(Store *store, GError **error);
bool store_commit(Store *store, GError **error);
void store_rollback(Store *store);

/* ---- advisories ---- */

/*
 * Inserts or updates by (source, id).  A new distinct version (by
 * advisory_fingerprint()) is appended to the version history with @seen_at.
 * @ret_changed (may be NULL) is set to true when the advisory is new or changed.
 * "Distinct" means different from the current version: a change back to an
 * earlier state (A, B, A) is recorded again, so the history shows what was seen
 * when.  The advisory's `withdrawn` is stored as given, so a withdrawn advisory
 * that reappears in its source is un-withdrawn by the ordinary upsert.
 */
bool store_upsert_advisory(Store *store, const Advisory *adv, gint64 seen_at, bool *ret_changed,
			   GError **error);
/* NULL with SW_ERROR_NOT_FOUND when absent.  Caller unrefs. */
Advisory *store_get_advisory(Store *store, const char *source, const char *id, GError **error);
/*
 * Advisories whose span touches [since, ∞): open ones, or end >= since.  A
 * closed one without an end uses its last update as the end; a withdrawn one
 * counts as ended when it was withdrawn.  Ordered by source, then id.
 * since = SW_TIME_NONE gives all.  Advisory *, one reference each; caller unrefs the array.
 */
GPtrArray *store_load_advisories(Store *store, gint64 since, GError **error);
/* Every stored version of one advisory, oldest first: Advisory *, caller unrefs the array;
 * each version's `updated` field is as stored, and @ret_seen (may be NULL) gets a parallel
 * GArray of gint64 seen-at times. */
GPtrArray *store_advisory_versions(Store *store, const char *source, const char *id,
				   GArray **ret_seen, GError **error);
/* Ids (char *) of advisories of @source that are not closed and not withdrawn. */
GPtrArray *store_open_advisory_ids(Store *store, const char *source, GError **error);
/* Marks an advisory withdrawn (kept, not deleted, not resolved).  A real change
 * appends a version (seen at the wall-clock time); setting the flag it already
 * has does nothing.  SW_ERROR_NOT_FOUND when absent. */
bool store_mark_withdrawn(Store *store, const char *source, const char *id, bool withdrawn,
			  GError **error);
/* The same with the time of the change given (@at, Unix seconds) instead of the wall
 * clock: the daemon passes its poll time, tests their fixed clock. */
bool store_mark_withdrawn_at(Store *store, const char *source, const char *id, bool withdrawn,
			     gint64 at, GError **error);

/* ---- source state ---- */

/* A fresh state (source_state_new()) if none was stored.  Caller frees. */
SourceState *store_get_source_state(Store *store, const char *name, GError **error);
bool store_put_source_state(Store *store, const SourceState *state, GError **error);
/* All stored states, SourceState *, owned by the array. */
GPtrArray *store_list_source_states(Store *store, GError **error);

/* ---- incidents ---- */

/*
 * Replaces the stored incident set that involves the given incidents' members:
 * incident rows, memberships, links with reasons, and aliases.  Incidents keep
 * their `created` time if already stored (a new one with created = SW_TIME_NONE
 * gets the wall-clock time).  A stored incident left without members because
 * they moved to one of @incidents is deleted, and its id (and its aliases)
 * become aliases of the incident that took its first member, so alert threads
 * continue.  Aliases only accumulate.  Members not stored yet are stored first.
 * One transaction (a savepoint inside store_begin()).  @incidents: Incident *, borrowed.
 */
bool store_save_incidents(Store *store, GPtrArray *incidents, GError **error);
/*
 * Incidents with their members loaded (Incident *, owned by the array).
 * @all false = only incidents with at least one member that is not closed at @now
 * or that changed in the last 7 days.
 */
GPtrArray *store_load_incidents(Store *store, bool all, gint64 now, GError **error);
/* One incident by id or alias.  NULL with SW_ERROR_NOT_FOUND.  Caller frees. */
Incident *store_get_incident(Store *store, const char *id_or_alias, GError **error);
/* Map advisory key "source/id" → incident id (char *), for stable ids.  Caller unrefs. */
GHashTable *store_incident_assignments(Store *store, GError **error);

/* ---- people's decisions (merge/split) ---- */

typedef enum {
	STORE_DECISION_MERGE, /* a and b are always one incident */
	STORE_DECISION_SPLIT, /* a stands alone (b unused) */
} StoreDecisionKind;

typedef struct {
	StoreDecisionKind kind;
	char *a; /* advisory key "source/id", owned */
	char *b; /* advisory key, owned, NULL for split */
	gint64 at;
} StoreDecision;

bool store_add_decision(Store *store, StoreDecisionKind kind, const char *a, const char *b,
			gint64 at, GError **error);
/* StoreDecision *, in the order made; caller unrefs the array. */
GPtrArray *store_list_decisions(Store *store, GError **error);
void store_decision_free(StoreDecision *d);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Store, store_close)

#endif
