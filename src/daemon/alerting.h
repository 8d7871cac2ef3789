/*
 * The daemon's alerting: wires the alert stage (policy engine, outbox) to the
 * notifiers of the configuration, and runs the dispatcher on the main loop.
 *
 *   after each relink, in the relink's transaction:  alerting_pass()
 *   when a held alert's time comes (group_wait, group_interval, quiet hours,
 *   mute, repeat): its own pass over the stored incidents, in its own transaction
 *   dispatcher: per notifier, the head of its outbox queue goes to the notifier
 *   (a worker thread, or the main thread for main_thread channels); the result
 *   is written back on the main thread (delivered, retry later, parked, given up)
 *
 * All store access happens on the main thread; a worker only runs
 * notifier_send().  It logs one line per delivery, failure and give-up.
 */
#ifndef SW_DAEMON_ALERTING_H
#define SW_DAEMON_ALERTING_H

#include <glib.h>
#include <stdbool.h>

#include "config.h"
#include "store/store.h"

typedef struct Alerting Alerting;

/*
 * Builds the policy and the notifier of every [notify:NAME] group of @config
 * (secrets resolved here and wiped after use) and loads the stored policy state.
 * A notifier whose type this build lacks is a warning and left out.  @store is
 * borrowed and must outlive the result.  Errors: SW_ERROR_CONFIG (a bad policy key,
 * an unresolvable secret, a notifier refusing its keys), the store's errors.
 * Caller frees with alerting_free() (which waits for deliveries in flight).
 */
Alerting *alerting_new(const Config *config, Store *store, GError **error);
void alerting_free(Alerting *alerting);
/* The policy of every [notify:NAME] group of @config (Policy *, caller unrefs), without
 * creating notifiers: `replay` and `why` need only the policies.  Errors: SW_ERROR_CONFIG. */
GPtrArray *alerting_policies(const Config *config, GError **error);
/*
 * Queues a NOTICE about statuswatch itself (a source unreachable or recovered) to every
 * notifier, in its own transaction, and wakes the dispatcher.  @tag makes the key
 * unique ("unreachable-SOURCE-TIME").  Logs a failure as a warning.
 */
void alerting_notice(Alerting *alerting, const char *tag, const char *text, gint64 now);
/* Number of notifiers alerting delivers to. */
guint alerting_notifier_count(const Alerting *alerting);

/* Starts the dispatcher and the policy timer on the default main context: pending alerts
 * (from before a restart) go out first.  Call once the main loop is about to run. */
void alerting_start(Alerting *alerting);

/* The last successful poll of @source, for group_wait's "one more poll". */
void alerting_note_poll(Alerting *alerting, const char *source, gint64 time);

/*
 * The policy pass over @incidents (Incident *, borrowed) at @now, inside the caller's
 * transaction (store_begin()); on failure the caller rolls back and alerting reloads
 * its state.  Afterwards (when started) the dispatcher is woken.
 */
bool alerting_pass(Alerting *alerting, GPtrArray *incidents, gint64 now, GError **error);
/* Call after the caller's transaction failed or was rolled back. */
void alerting_rolled_back(Alerting *alerting);
/* A policy pass over the stored incidents at @now in its own transaction (what the policy
 * timer runs; poll --once runs it too, so held alerts that came due go out).  Logs a
 * failure as a warning and returns false. */
bool alerting_tick(Alerting *alerting, gint64 now);
/* Wakes the dispatcher (after the transaction that queued alerts committed). */
void alerting_kick(Alerting *alerting);
/* Sends every alert that is due now, once each, and waits for the results (poll --once).
 * True when none failed. */
bool alerting_drain_once(Alerting *alerting);

#endif
