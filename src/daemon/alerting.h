/*
 * The daemon's alerting: wires the alert stage (policy engine, outbox) to the
 * notifiers of the configuration, and runs the dispatcher on the main loop.
 *
 *   each relink and the policy pass over what it stored: one transaction
 *   (alerting_relink(), one pass per relink)
 *   when a held alert's time comes (group_wait, group_interval, quiet hours,
 *   mute, repeat): a pass over the stored incidents, in its own transaction
 *   dispatcher: per notifier, the head of its outbox queue goes to the notifier
 *   (a worker thread, or the main thread for main_thread channels); the result
 *   is written back on the main thread (delivered, retry later, parked, given up)
 *
 * All store access happens on the main thread; a worker only runs
 * notifier_send().  It logs one line per delivery, failure and give-up.
 */
#ifndef SW_DAEMON_ALERTING_H
#define SW_DAEMON_ALERTING_H

#include <gio/gio.h>
#include <glib.h>
#include <stdbool.h>

#include "alert/engine.h"
#include "config.h"
#include "linker/linker.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

typedef struct Alerting Alerting;

/*
 * Builds the policy and the notifier of every [notify:NAME] group of @config
 * (secrets resolved here and wiped after use) and loads the stored policy state.
 * A notifier whose type this build lacks is a warning and left out.  @store is
 * borrowed and must outlive the result.  Errors: SW_ERROR_CONFIG (a bad policy key,
 * an unresolvable secret, a notifier refusing its keys), the store's errors.
 * Caller frees with alerting_free(), which aborts the deliveries in flight (as the stop
 * does: their rows stay due, for the next alerting to send) and waits for their workers
 * to come back, about a second at most: a reload never waits for a stalled server.
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
 * (from before a restart) go out first.  The policy timer is set for the wake time of the
 * last pass when one ran already (the relink at start), else for now (held alerts whose
 * time came while the daemon was down).  Call once the main loop is about to run. */
void alerting_start(Alerting *alerting);

/*
 * Stopping.  alerting_set_stop(): @stop (referenced, may be NULL) aborts deliveries in
 * flight once cancelled (it becomes the worker thread's current cancellable, notifier.h);
 * an aborted alert is not recorded as an attempt: it stays due and goes out at the next
 * start.  alerting_stop(): from now on no delivery starts (the daemon is stopping); those
 * in flight run on until they finish or @stop is cancelled.  alerting_in_flight(): how
 * many run (their results come back through the main context).
 */
void alerting_set_stop(Alerting *alerting, GCancellable *stop);
void alerting_stop(Alerting *alerting);
guint alerting_in_flight(const Alerting *alerting);

/* The last successful poll of @source, for group_wait's "one more poll". */
void alerting_note_poll(Alerting *alerting, const char *source, gint64 time);

/* A relink to run before a policy pass (alerting_cycle()). */
typedef struct {
	const LinkerOptions *opts;
	gint64 since;                 /* pipeline_since(), or now - PIPELINE_WINDOW */
	GPtrArray *changes;           /* PipelineChange *, borrowed, may be NULL */
	const PipelineLimits *limits; /* NULL = none (linked on the calling thread) */
} AlertingRelink;

/* What one cycle produced; alerting_cycle_clear() frees it. */
typedef struct {
	GPtrArray *linked;  /* Incident *, owned: the relink's incidents; NULL without relink */
	GPtrArray *events;  /* Event *, owned: the relink's events; NULL without relink */
	GPtrArray *queued;  /* Alert *, owned: what the pass queued (only when asked for) */
	gint64 wake;        /* when held or repeating alerts need another pass; SW_TIME_NONE */
	bool passed;        /* a policy pass ran (there was an engine with notifiers) */
} AlertingCycle;

void alerting_cycle_clear(AlertingCycle *cycle);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(AlertingCycle, alerting_cycle_clear)

/*
 * The one "relink + policy pass + commit", shared by the daemon (after polls, at start,
 * at stop, on the policy timer), `poll --once` and `replay`.  In one transaction: relinks
 * when @relink is not NULL (pipeline_relink_limited()), then, when @engine has notifiers,
 * loads the incidents as stored (every alias, the same selection on every pass) and runs
 * one alert_engine_pass() over them at @now (@engine NULL: no pass); then commits.  After a crash either both
 * happened or neither.  On failure everything is rolled back and @engine reloads its
 * state from the store (its memory was ahead of the database).  @polls as for
 * alert_engine_pass().  @ret (cleared first) gets what the cycle produced; queued alerts
 * only when @want_queued.  Errors: the store's, SW_ERROR_LIMIT (relink stopped).
 */
bool alerting_cycle(Store *store, AlertEngine *engine, const AlertingRelink *relink,
		    GHashTable *polls, gint64 now, bool want_queued, AlertingCycle *ret,
		    GError **error);

/*
 * alerting_cycle() with this alerting's engine and poll times; afterwards (when started)
 * the policy timer is set for the cycle's wake time.  The caller wakes the dispatcher
 * (alerting_kick()) once it wants queued alerts to go out.
 */
bool alerting_relink(Alerting *alerting, const AlertingRelink *relink, gint64 now,
		     AlertingCycle *ret, GError **error);
/* A policy pass over the stored incidents at @now in its own transaction (what the policy
 * timer runs; poll --once runs it when no relink ran, so held alerts that came due go
 * out).  Logs a failure as a warning and returns false. */
bool alerting_tick(Alerting *alerting, gint64 now);
/* Wakes the dispatcher (after the transaction that queued alerts committed). */
void alerting_kick(Alerting *alerting);
/* Sends every alert that is due now, once each, and waits for the results (poll --once).
 * True when none failed. */
bool alerting_drain_once(Alerting *alerting);

#endif
