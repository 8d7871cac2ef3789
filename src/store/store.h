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
#include "model/alert.h"
#include "model/incident.h"
#include "model/source_state.h"

typedef struct Store Store;

/* The schema version this build writes (1: base tables; 2: decisions, by-hand flags, indexes;
 * 3: alert state, mutes, audit, outbox keys; 4: sources.url_hash; 5: digests sent,
 * source outages; 6: notes among incident members). */
#define STORE_SCHEMA_VERSION 6

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
/* Map advisory key "source/id" → incident id (char *), for stable ids: members only, a
 * note (Incident.notes) owns no id.  Caller unrefs. */
GHashTable *store_incident_assignments(Store *store, GError **error);
/* The id of the incident listing the advisory @source/@id, as a member or a note, in
 * *@ret_id (caller frees; NULL when none).  False with the error on a database error. */
bool store_incident_listing(Store *store, const char *source, const char *id, char **ret_id,
			    GError **error);
/* The ids of the incidents listing an advisory whose native id is @id, of any source, as
 * a member or a note (char *, sorted, distinct; empty when none): `show` of a note's bare
 * id, which store_incident_assignments() leaves out.  NULL with the error on a database
 * error.  Caller unrefs. */
GPtrArray *store_incidents_listing_id(Store *store, const char *id, GError **error);

/* ---- people's decisions (merge/split) ---- */

typedef enum {
	STORE_DECISION_MERGE, /* a and b are always one incident */
	STORE_DECISION_SPLIT, /* a stands alone (b unused) */
} StoreDecisionKind;

typedef struct {
	gint64 seq; /* grows with every decision: the daemon's "applied up to" mark */
	StoreDecisionKind kind;
	char *a; /* advisory key "source/id", owned */
	char *b; /* advisory key, owned, NULL for split */
	gint64 at;
} StoreDecision;

bool store_add_decision(Store *store, StoreDecisionKind kind, const char *a, const char *b,
			gint64 at, GError **error);
/* StoreDecision *, in the order made; caller unrefs the array. */
GPtrArray *store_list_decisions(Store *store, GError **error);
/* The same, only those made after the one numbered @seq (StoreDecision.seq): what a
 * reader that has taken every decision up to @seq has not seen yet. */
GPtrArray *store_list_decisions_after(Store *store, gint64 seq, GError **error);
void store_decision_free(StoreDecision *d);

/* ---- alerts: mutes, policy state, outbox, deliveries, audit (store_alerts.c) ---- */

/* Mutes @incident_id (an id or alias, as given) until @until (Unix seconds); replaces an
 * earlier mute.  `statuswatch mute` and the desktop "Mute 4h" action call it. */
bool store_mute_incident(Store *store, const char *incident_id, gint64 until, GError **error);
/* Removes the mute; removing none is not an error. */
bool store_unmute_incident(Store *store, const char *incident_id, GError **error);
/* *@ret_until gets the end of the mute of @incident_id, SW_TIME_NONE when there is none
 * (an expired mute is returned as it is: compare with now). */
bool store_incident_muted_until(Store *store, const char *incident_id, gint64 *ret_until,
				GError **error);
/* Every mute: incident id (char *) -> end (gint64 *).  Caller unrefs. */
GHashTable *store_list_mutes(Store *store, GError **error);

/* Calls @func for every stored policy state (the AlertState is borrowed for the call). */
typedef void (*StoreAlertStateFunc)(const char *incident_id, const char *notifier,
				    const AlertState *state, gpointer user_data);
bool store_load_alert_states(Store *store, StoreAlertStateFunc func, gpointer user_data,
			     GError **error);
/* Inserts or replaces the state of (@incident_id, @notifier). */
bool store_put_alert_state(Store *store, const char *incident_id, const char *notifier,
			   const AlertState *state, GError **error);
/* Only the thread_ref (after a delivery that returned one). */
bool store_set_thread_ref(Store *store, const char *incident_id, const char *notifier,
			  const char *thread_ref, GError **error);
/* *@ret_thread_ref gets the stored thread_ref (caller frees), NULL when there is none. */
bool store_get_thread_ref(Store *store, const char *incident_id, const char *notifier,
			  char **ret_thread_ref, GError **error);

/* Outbox row states. */
#define STORE_OUTBOX_PENDING "pending"       /* to be sent (due says when) */
#define STORE_OUTBOX_DELIVERED "delivered"   /* the notifier accepted it */
#define STORE_OUTBOX_PARKED "parked"         /* permanent error: waits for `outbox retry` */
#define STORE_OUTBOX_SUPERSEDED "superseded" /* folded into a newer revision (coalesced) */
#define STORE_OUTBOX_GIVEN_UP "given_up"     /* temporary errors for longer than give_up_after */
#define STORE_OUTBOX_QUIET "quiet"           /* `quiet = true`: recorded, never sent */

typedef struct {
	gint64 id;
	char *incident_id; /* owned; "" for notices and summaries */
	char *notifier;    /* owned */
	char *kind;        /* owned: alert_kind_to_string() */
	char *key;         /* owned: idempotency key */
	gint64 revision;
	char *payload;     /* owned: alert_to_json() */
	gint64 created;
	gint64 due;        /* next attempt */
	int attempts;
	char *last_error;  /* owned, may be NULL: the last failure, verbatim */
	char *state;       /* owned: STORE_OUTBOX_* */
	gint64 delivered_at; /* SW_TIME_NONE until delivered */
} StoreOutboxRow;

void store_outbox_row_free(StoreOutboxRow *row);
/* Appends @row (its id, attempts, last_error and delivered_at are ignored); @ret_id (may
 * be NULL) gets the new id.  A key already present is SW_ERROR_IO (the UNIQUE index). */
bool store_outbox_add(Store *store, const StoreOutboxRow *row, gint64 *ret_id,
		      GError **error);
/* Pending rows of (@incident_id, @notifier), oldest first.  Caller unrefs. */
GPtrArray *store_outbox_pending(Store *store, const char *incident_id, const char *notifier,
				GError **error);
/* The oldest pending row of @notifier (the head of its queue: rows go out in order), or
 * NULL without error when none.  Caller frees. */
StoreOutboxRow *store_outbox_head(Store *store, const char *notifier, GError **error);
/* One row, NULL with SW_ERROR_NOT_FOUND. */
StoreOutboxRow *store_outbox_get(Store *store, gint64 id, GError **error);
/* Rewrites the mutable fields of row @row->id (state, due, attempts, last_error,
 * delivered_at, kind, payload, created). */
bool store_outbox_update(Store *store, const StoreOutboxRow *row, GError **error);
/* Rows, newest last: @all false gives pending, parked and given_up rows only. */
GPtrArray *store_outbox_list(Store *store, bool all, GError **error);
/* Rows about @incident_id (and, when not NULL, @notifier), oldest first. */
GPtrArray *store_outbox_for_incident(Store *store, const char *incident_id,
				     const char *notifier, GError **error);

typedef struct {
	gint64 outbox_id;
	char *notifier; /* owned */
	gint64 at;
	bool ok;
	char *detail;   /* owned: the server's answer or the error, verbatim */
} StoreDelivery;

void store_delivery_free(StoreDelivery *d);
bool store_add_delivery(Store *store, gint64 outbox_id, const char *notifier, gint64 at,
			bool ok, const char *detail, GError **error);
/* Attempts for the rows of @incident_id (and @notifier when not NULL), in order. */
GPtrArray *store_deliveries_for_incident(Store *store, const char *incident_id,
					 const char *notifier, GError **error);

/* What store_prune_alerts() removed. */
typedef struct {
	guint outbox;     /* outbox rows */
	guint deliveries; /* delivery attempts of those rows */
	guint audit;      /* audit lines */
} StorePruned;

/*
 * Forgets alerts that are done with and older than @before, in one transaction (a
 * savepoint inside store_begin()): outbox rows that were delivered, superseded, given
 * up, recorded quietly or parked, whose creation, due time and delivery all lie
 * before @before, with their delivery attempts; and audit lines from before @before.
 * Pending rows are never removed.  @ret (may be NULL) gets the counts.  Errors:
 * SW_ERROR_IO.
 */
bool store_prune_alerts(Store *store, gint64 before, StorePruned *ret, GError **error);

typedef struct {
	gint64 at;
	char *notifier; /* owned, may be NULL */
	char *what;     /* owned */
} StoreAudit;

void store_audit_free(StoreAudit *a);
/* Appends one line to the audit trail of @incident_id (`statuswatch why`). */
bool store_add_audit(Store *store, const char *incident_id, const char *notifier, gint64 at,
		     const char *what, GError **error);
GPtrArray *store_audit_for_incident(Store *store, const char *incident_id,
				    const char *notifier, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Store, store_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(StoreOutboxRow, store_outbox_row_free)

#endif
