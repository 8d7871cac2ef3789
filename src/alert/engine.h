/*
 * The alert engine: runs the policy of every notifier over the incidents and
 * writes what is due to the outbox, with the policy state that says so, in
 * the caller's transaction.  It keeps the per-(incident, notifier) AlertState
 * in memory (loaded once from the store, written back when it changes) so a
 * pass over thousands of unchanged incidents costs a string comparison each.
 *
 * The daemon runs a pass after every relink (in the poll's transaction) and
 * whenever a held alert's wake time comes; `statuswatch replay` runs it on a
 * simulated clock.  If the caller's transaction fails, call
 * alert_engine_load() again: memory is ahead of the database then.
 * Errors: the store's.  No logging.
 */
#ifndef SW_ALERT_ENGINE_H
#define SW_ALERT_ENGINE_H

#include <glib.h>
#include <stdbool.h>

#include "alert/policy.h"
#include "store/store.h"

typedef struct AlertEngine AlertEngine;

/* @policies: Policy *, one per notifier; the engine keeps a reference to the array.
 * Caller frees with alert_engine_free(). */
AlertEngine *alert_engine_new(GPtrArray *policies);
void alert_engine_free(AlertEngine *engine);
/* Replay: alerts are written as delivered (nothing is sent, nothing coalesces). */
void alert_engine_set_replay(AlertEngine *engine, bool replay);

/* (Re)loads every stored AlertState; states of notifiers not configured are ignored. */
bool alert_engine_load(AlertEngine *engine, Store *store, GError **error);

/*
 * One pass at @now over @incidents (Incident *, borrowed): for each incident and
 * notifier, policy_decide(); what is due goes to the outbox (one SUMMARY per notifier
 * for what quiet hours held), changed states to the store, each new policy reason to
 * the audit trail.  @polls: source name -> gint64 * time of its last successful poll
 * (borrowed, may be NULL).  @ret_queued (may be NULL): copies of the alerts queued
 * (Alert *, caller unrefs).  @ret_wake (may be NULL): the earliest time a held or
 * repeating alert needs another pass, SW_TIME_NONE when none.
 */
bool alert_engine_pass(AlertEngine *engine, Store *store, GPtrArray *incidents,
		       GHashTable *polls, gint64 now, GPtrArray **ret_queued, gint64 *ret_wake,
		       GError **error);

/* Queues a NOTICE saying @text to every notifier except @except (may be NULL), keyed
 * "notice/NOTIFIER/@tag". */
bool alert_engine_notice(AlertEngine *engine, Store *store, const char *except,
			 const char *tag, const char *text, gint64 now, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(AlertEngine, alert_engine_free)

#endif
