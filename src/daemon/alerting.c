/*
 * The daemon's alerting (see alerting.h): configuration -> policies and
 * notifiers, the policy timer, and the dispatcher.
 *
 * Dispatcher: one Target per notifier, at most one delivery in flight each
 * (a notifier is never called concurrently, and its queue goes out in
 * order).  A delivery runs notifier_send() in a GTask worker thread (or on
 * the main thread for main_thread channels such as desktop); its result
 * comes back to the main thread, which records it in one transaction.  The
 * crash window is between the notifier's success and that commit: a restart
 * then sends the same alert again, with the same Idempotency-Key.
 *
 * Stopping (alerting_stop()): no delivery starts any more; those in flight run on
 * until the stop cancellable is cancelled, which aborts their transfers
 * (notifier.h).  An aborted delivery is not recorded at all: its row stays
 * pending and due, as if never tried, and the next start sends it.
 *
 * A reload (alerting_free() of the old alerting) aborts the old notifiers' deliveries
 * in flight at once, through this alerting's own cancellable, rather than waiting up
 * to the channel's timeout with the main loop held: their rows stay due and the new
 * notifiers send them.  A transfer is aborted from curl's progress callback, which
 * curl calls about once a second even on a stalled connection, so the wait is short.
 * An abort after the server accepted (its answer still on the way) sends that alert
 * twice: the at-least-once window of the outbox, with the same Idempotency-Key.
 *
 * Jitter comes from a GRand seeded from the clock unless STATUSWATCH_JITTER_SEED
 * is set (tests).
 */
#include "daemon/alerting.h"

#include <string.h>

#include <gio/gio.h>

#include "alert/engine.h"
#include "alert/outbox.h"
#include "alert/policy.h"
#include "build-config.h"
#include "daemon/desktop_session.h"
#include "daemon/notifier_setup.h"
#include "model/alert.h"
#include "notify/desktop.h"
#include "notify/notifier.h"
#include "util/error.h"
#include "util/timeparse.h"

typedef struct Target Target;

struct Alerting {
	Store *store;          /* borrowed */
	AlertEngine *engine;   /* owned */
	GPtrArray *policies;   /* Policy *, owned (also referenced by the engine) */
	GPtrArray *targets;    /* Target *, owned, same order as policies */
	GHashTable *polls;     /* source name (owned) -> gint64 * (owned) */
	GRand *rand;           /* owned: retry jitter */
	guint dispatch_timer;  /* 0 when none */
	guint policy_timer;    /* 0 when none */
	gint64 policy_wake;    /* when policy_timer fires; SW_TIME_NONE */
	GCancellable *stop;    /* reference, may be NULL: aborts deliveries in flight */
	gulong stop_handler;   /* @stop's "cancelled" handler (cancels @abort); 0 when none */
	GCancellable *abort;   /* owned: the deliveries' cancellable; cancelled by @stop or
				* by alerting_free() (a reload) */
	bool stopping;         /* alerting_stop() or alerting_free(): start no delivery */
	bool passed;           /* a pass committed before alerting_start() (the relink at start) */
	gint64 pending_wake;   /* that pass's wake time, for alerting_start() */
	guint in_flight;       /* deliveries running */
	guint failures;        /* failed attempts since alerting_drain_once() began */
	bool started;
};

struct Target {
	Alerting *alerting;    /* borrowed back pointer */
	Notifier *notifier;    /* owned */
	const Policy *policy;  /* borrowed from alerting->policies */
	bool busy;
	/* the delivery in flight (owned while busy) */
	StoreOutboxRow *row;
	Alert *alert;
};

static gint64
now_s(void)
{
	return g_get_real_time() / G_USEC_PER_SEC;
}

static void
target_free(Target *t)
{
	if (t == NULL) {
		return;
	}
	notifier_free(t->notifier);
	store_outbox_row_free(t->row);
	alert_free(t->alert);
	g_free(t);
}

/* The policy of @nc: its [policy] keys (merged with the group, schema defaults applied),
 * typed by the configuration. */
static Policy *
policy_of(const NotifierConfig *nc, GError **error)
{
	g_auto(GStrv) services = config_notifier_get_list(nc, "services");
	g_auto(GStrv) sources = config_notifier_get_list(nc, "sources");
	g_auto(GStrv) exclude_services = config_notifier_get_list(nc, "exclude_services");
	g_auto(GStrv) exclude_sources = config_notifier_get_list(nc, "exclude_sources");
	g_auto(GStrv) kinds = config_notifier_get_list(nc, "kinds");
	const char *pass = config_notifier_get(nc, "quiet_hours_pass");
	PolicySettings s = {
		.min_severity =
			advisory_severity_from_string(config_notifier_get(nc, "min_severity")),
		.services = services,
		.sources = sources,
		.exclude_services = exclude_services,
		.exclude_sources = exclude_sources,
		.kinds = kinds,
		.notify_resolved = config_notifier_get_bool(nc, "notify_resolved"),
		.quiet = config_notifier_get_bool(nc, "quiet"),
		.group_wait = config_notifier_get_duration(nc, "group_wait"),
		.group_interval = config_notifier_get_duration(nc, "group_interval"),
		.repeat_interval = config_notifier_get_duration(nc, "repeat_interval"),
		.give_up_after = config_notifier_get_duration(nc, "give_up_after"),
		.quiet_start = -1,
		.quiet_end = -1,
		.timezone = config_notifier_get(nc, "timezone"),
		.quiet_pass = pass != NULL ? advisory_severity_from_string(pass)
					   : ADVISORY_SEVERITY_UNKNOWN,
	};

	config_notifier_get_window(nc, "quiet_hours", &s.quiet_start, &s.quiet_end);
	return policy_new(nc->name, &s, error);
}

GPtrArray *
alerting_policies(const Config *config, GError **error)
{
	g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func((GDestroyNotify)policy_free);

	for (guint i = 0; i < config->notifiers->len; i++) {
		const NotifierConfig *nc = config->notifiers->pdata[i];
		Policy *p = policy_of(nc, error);
		if (p == NULL) {
			return NULL;
		}
		g_ptr_array_add(out, p);
	}
	return g_steal_pointer(&out);
}

Alerting *
alerting_new(const Config *config, Store *store, GError **error)
{
	g_return_val_if_fail(config != NULL && store != NULL, NULL);

	Alerting *a = g_new0(Alerting, 1);
	a->store = store;
	a->policies = g_ptr_array_new_with_free_func((GDestroyNotify)policy_free);
	a->targets = g_ptr_array_new_with_free_func((GDestroyNotify)target_free);
	a->polls = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	a->policy_wake = SW_TIME_NONE;
	a->pending_wake = SW_TIME_NONE;
	a->abort = g_cancellable_new();
	const char *seed = g_getenv("STATUSWATCH_JITTER_SEED");
	a->rand = seed != NULL ? g_rand_new_with_seed((guint32)g_ascii_strtoull(seed, NULL, 10))
			       : g_rand_new();

	for (guint i = 0; i < config->notifiers->len; i++) {
		const NotifierConfig *nc = config->notifiers->pdata[i];
		Policy *p = policy_of(nc, error);
		if (p == NULL) {
			goto fail;
		}
		GError *local = NULL;
		Notifier *n = notifier_setup(config, nc, &local);
		if (n == NULL) {
			policy_free(p);
			if (g_error_matches(local, SW_ERROR, SW_ERROR_UNSUPPORTED)) {
				g_warning("%s; its alerts are not queued", local->message);
				g_error_free(local);
				continue;
			}
			g_propagate_error(error, local);
			goto fail;
		}
#if SW_HAVE_DESKTOP
		/* A desktop notification's "Mute 4h" mutes the incident in this store (a no-op
		 * for the other types). */
		desktop_notifier_set_mute_func(n, desktop_session_mute_incident, store);
#endif
		Target *t = g_new0(Target, 1);
		t->alerting = a;
		t->notifier = n;
		t->policy = p;
		g_ptr_array_add(a->policies, p);
		g_ptr_array_add(a->targets, t);
	}
	a->engine = alert_engine_new(a->policies);
	if (!alert_engine_load(a->engine, store, error)) {
		goto fail;
	}
	return a;
fail:
	alerting_free(a);
	return NULL;
}

void
alerting_free(Alerting *a)
{
	if (a == NULL) {
		return;
	}
	/* A worker still sending holds its Target: abort its transfer (a reload must not hold
	 * the main loop for the channel's timeout; the row stays due for the new notifiers)
	 * and wait for it to come back, rather than free what it uses.  Its completion must
	 * not start the next delivery. */
	a->stopping = true;
	if (a->in_flight > 0) {
		g_cancellable_cancel(a->abort);
	}
	while (a->in_flight > 0) {
		g_main_context_iteration(NULL, TRUE);
	}
	alerting_set_stop(a, NULL);
	g_clear_object(&a->abort);
	g_clear_handle_id(&a->dispatch_timer, g_source_remove);
	g_clear_handle_id(&a->policy_timer, g_source_remove);
	alert_engine_free(a->engine);
	g_ptr_array_unref(a->targets);
	g_ptr_array_unref(a->policies);
	g_hash_table_unref(a->polls);
	g_rand_free(a->rand);
	g_free(a);
}

static void
on_stop_cancelled(GCancellable *stop, gpointer user_data)
{
	(void)stop;
	g_cancellable_cancel(user_data);
}

void
alerting_set_stop(Alerting *a, GCancellable *stop)
{
	if (a->stop_handler != 0) {
		g_cancellable_disconnect(a->stop, a->stop_handler);
		a->stop_handler = 0;
	}
	g_set_object(&a->stop, stop);
	if (stop != NULL) {
		/* Runs at once when @stop is cancelled already. */
		a->stop_handler = g_cancellable_connect(stop, G_CALLBACK(on_stop_cancelled),
							 a->abort, NULL);
	}
}

void
alerting_stop(Alerting *a)
{
	a->stopping = true;
	g_clear_handle_id(&a->dispatch_timer, g_source_remove);
	g_clear_handle_id(&a->policy_timer, g_source_remove);
}

guint
alerting_in_flight(const Alerting *a)
{
	return a->in_flight;
}

guint
alerting_notifier_count(const Alerting *a)
{
	return a->targets->len;
}

void
alerting_note_poll(Alerting *a, const char *source, gint64 time)
{
	gint64 *t = g_new(gint64, 1);

	*t = time;
	g_hash_table_replace(a->polls, g_strdup(source), t);
}

/* ---- the policy timer ---- */

static gboolean on_policy_timer(gpointer user_data);

static void
arm_policy_timer(Alerting *a, gint64 wake)
{
	if (!a->started || wake == SW_TIME_NONE) {
		return;
	}
	if (a->policy_timer != 0 && a->policy_wake != SW_TIME_NONE && a->policy_wake <= wake) {
		return;
	}
	g_clear_handle_id(&a->policy_timer, g_source_remove);
	gint64 delay = MAX(wake - now_s(), 0);
	a->policy_wake = wake;
	a->policy_timer = g_timeout_add_seconds((guint)MIN(delay, 24 * 3600), on_policy_timer, a);
}

void
alerting_cycle_clear(AlertingCycle *cycle)
{
	g_clear_pointer(&cycle->linked, g_ptr_array_unref);
	g_clear_pointer(&cycle->events, g_ptr_array_unref);
	g_clear_pointer(&cycle->queued, g_ptr_array_unref);
	cycle->wake = SW_TIME_NONE;
	cycle->passed = false;
}

bool
alerting_cycle(Store *store, AlertEngine *engine, const AlertingRelink *relink,
	       GHashTable *polls, gint64 now, bool want_queued, AlertingCycle *ret,
	       GError **error)
{
	bool pass = engine != NULL;

	memset(ret, 0, sizeof *ret);
	ret->wake = SW_TIME_NONE;
	if (relink == NULL && !pass) {
		return true;
	}
	if (!store_begin(store, error)) {
		return false;
	}
	bool ok = true;
	if (relink != NULL) {
		ret->linked = pipeline_relink_limited(store, relink->opts, now, relink->since,
						      relink->changes, relink->limits,
						      &ret->events, error);
		ok = ret->linked != NULL;
	}
	if (ok && pass) {
		/* The policy looks at incidents as stored (with every alias), on every pass,
		 * so a pass after a relink and a timer's pass never disagree about what
		 * changed. */
		g_autoptr(GPtrArray) stored = store_load_incidents(store, false, now, error);
		ok = stored != NULL &&
		     alert_engine_pass(engine, store, stored, polls, now,
				       want_queued ? &ret->queued : NULL, &ret->wake, error);
		if (ok) {
			g_info("alert policy: one pass over %u incidents%s", stored->len,
			       relink != NULL ? " after relinking" : "");
		}
	}
	if (ok) {
		ok = store_commit(store, error);
	}
	if (!ok) {
		store_rollback(store);
		alerting_cycle_clear(ret);
		if (pass) {
			g_autoptr(GError) local = NULL;
			if (!alert_engine_load(engine, store, &local)) {
				g_warning("reloading alert state: %s", local->message);
			}
		}
		return false;
	}
	ret->passed = pass;
	return true;
}

bool
alerting_relink(Alerting *a, const AlertingRelink *relink, gint64 now, AlertingCycle *ret,
		GError **error)
{
	if (!alerting_cycle(a->store, a->targets->len > 0 ? a->engine : NULL, relink, a->polls,
			    now, false, ret, error)) {
		return false;
	}
	if (ret->passed) {
		a->passed = true;
		a->pending_wake = ret->wake;
		arm_policy_timer(a, ret->wake);
	}
	return true;
}

bool
alerting_tick(Alerting *a, gint64 now)
{
	g_autoptr(GError) error = NULL;
	g_auto(AlertingCycle) cycle = {0};

	if (!alerting_relink(a, NULL, now, &cycle, &error)) {
		g_warning("alert policy: %s, will retry", error->message);
		return false;
	}
	return true;
}

static gboolean
on_policy_timer(gpointer user_data)
{
	Alerting *a = user_data;
	gint64 now = now_s();

	a->policy_timer = 0;
	a->policy_wake = SW_TIME_NONE;
	if (!alerting_tick(a, now)) {
		arm_policy_timer(a, now + 30);
		return G_SOURCE_REMOVE;
	}
	alerting_kick(a);
	return G_SOURCE_REMOVE;
}

void
alerting_notice(Alerting *a, const char *tag, const char *text, gint64 now)
{
	g_autoptr(GError) error = NULL;

	if (a->targets->len == 0) {
		return;
	}
	if (!store_begin(a->store, &error) ||
	    !alert_engine_notice(a->engine, a->store, NULL, tag, text, now, &error) ||
	    !store_commit(a->store, &error)) {
		g_warning("queueing a notice: %s", error->message);
		store_rollback(a->store);
		return;
	}
	if (a->started) {
		alerting_kick(a);
	}
}

/* ---- the dispatcher ---- */

typedef struct {
	Target *target;
	NotifyResult result;
	GError *error;
	bool ok;
} Delivery;

static void
delivery_free(gpointer p)
{
	Delivery *d = p;

	notify_result_clear(&d->result);
	g_clear_error(&d->error);
	g_free(d);
}

static void
record(Alerting *a, Target *t, Delivery *d)
{
	g_autoptr(GError) error = NULL;
	gint64 now = now_s();
	const char *name = notifier_name(t->notifier);
	bool gave_up = false;

	if (!d->ok && g_error_matches(d->error, SW_ERROR, SW_ERROR_CANCELLED)) {
		/* Stopping or reloading: not an attempt that failed.  The row stays as it is,
		 * due. */
		if (g_cancellable_is_cancelled(a->stop)) {
			g_message("alert '%s' to '%s': sending aborted, the daemon is stopping; "
				  "it stays due and goes out at the next start",
				  t->row->key, name);
		} else {
			g_message("alert '%s' to '%s': sending aborted by the reload; it stays "
				  "due and goes out with the new configuration",
				  t->row->key, name);
		}
		a->failures++;
		g_clear_pointer(&t->row, store_outbox_row_free);
		g_clear_pointer(&t->alert, alert_free);
		t->busy = false;
		a->in_flight--;
		return;
	}
	bool ok = store_begin(a->store, &error);

	if (ok && d->ok) {
		ok = outbox_delivered(a->store, t->row, now, d->result.answer, d->result.thread_ref,
				      &error);
	} else if (ok) {
		ok = outbox_failed(a->store, t->row, now, d->error, d->result.retry_after,
				   g_rand_double(a->rand), policy_give_up_after(t->policy), &gave_up,
				   &error);
		if (ok && gave_up) {
			g_autofree char *tag = g_strdup_printf("gave-up-%" G_GINT64_FORMAT, t->row->id);
			g_autofree char *text = g_strdup_printf(
				"notifier '%s' gave up on alert '%s' after %d attempts; last error: %s",
				name, t->row->key, t->row->attempts,
				d->error != NULL ? d->error->message : "unknown");
			ok = alert_engine_notice(a->engine, a->store, name, tag, text, now, &error);
		}
	}
	if (ok) {
		ok = store_commit(a->store, &error);
	}
	if (!ok) {
		/* The row stays as it was (pending): it is sent again, with the same key. */
		g_warning("recording delivery of alert '%s' to '%s': %s", t->row->key, name,
			  error->message);
		store_rollback(a->store);
	} else if (d->ok) {
		g_message("alert '%s' (%s) delivered to '%s': %s", t->row->key, t->row->kind, name,
			  d->result.answer != NULL ? d->result.answer : "ok");
	} else if (gave_up) {
		g_warning("alert '%s' to '%s': gave up after %d attempts: %s", t->row->key, name,
			  t->row->attempts, d->error->message);
	} else if (strcmp(t->row->state, STORE_OUTBOX_PARKED) == 0) {
		g_warning("alert '%s' to '%s' parked: %s (statuswatch outbox retry %" G_GINT64_FORMAT
			  " resends it)",
			  t->row->key, name, d->error->message, t->row->id);
	} else {
		g_autofree char *when = time_format_rfc3339(t->row->due);
		g_warning("alert '%s' to '%s' failed: %s, retrying at %s", t->row->key, name,
			  d->error->message, when != NULL ? when : "?");
	}
	if (!d->ok) {
		a->failures++;
	}
	g_clear_pointer(&t->row, store_outbox_row_free);
	g_clear_pointer(&t->alert, alert_free);
	t->busy = false;
	a->in_flight--;
}

static void
send_in_thread(GTask *task, gpointer source, gpointer task_data, GCancellable *cancel)
{
	Delivery *d = task_data;
	Target *t = d->target;

	/* The daemon's stop reaches the notifier as this thread's current cancellable. */
	if (cancel != NULL) {
		g_cancellable_push_current(cancel);
	}
	d->ok = notifier_send(t->notifier, t->alert, &d->result, &d->error);
	if (cancel != NULL) {
		g_cancellable_pop_current(cancel);
	}
	if (!d->ok && d->error == NULL) {
		d->error = g_error_new(SW_ERROR, SW_ERROR_TEMPORARY, "notifier '%s' failed silently",
				       notifier_name(t->notifier));
	}
	g_task_return_boolean(task, TRUE);
}

static void
on_sent(GObject *source, GAsyncResult *res, gpointer user_data)
{
	Delivery *d = g_task_get_task_data(G_TASK(res));
	Target *t = d->target;
	Alerting *a = t->alerting;

	record(a, t, d);
	if (a->started) {
		alerting_kick(a);
	}
}

static void
start_delivery(Alerting *a, Target *t)
{
	Delivery *d = g_new0(Delivery, 1);

	d->target = t;
	t->busy = true;
	a->in_flight++;
	if (notifier_ops(t->notifier)->main_thread) {
		d->ok = notifier_send(t->notifier, t->alert, &d->result, &d->error);
		if (!d->ok && d->error == NULL) {
			d->error = g_error_new(SW_ERROR, SW_ERROR_TEMPORARY, "failed silently");
		}
		record(a, t, d);
		delivery_free(d);
		return;
	}
	GTask *task = g_task_new(NULL, a->abort, on_sent, NULL);
	g_task_set_task_data(task, d, delivery_free);
	g_task_run_in_thread(task, send_in_thread);
	g_object_unref(task);
}

static gboolean
on_dispatch_timer(gpointer user_data)
{
	Alerting *a = user_data;

	a->dispatch_timer = 0;
	alerting_kick(a);
	return G_SOURCE_REMOVE;
}

void
alerting_kick(Alerting *a)
{
	gint64 now = now_s();
	gint64 next = SW_TIME_NONE;

	if (a->stopping || g_cancellable_is_cancelled(a->stop)) {
		return;
	}
	for (guint i = 0; i < a->targets->len; i++) {
		Target *t = a->targets->pdata[i];
		g_autoptr(GError) error = NULL;
		gint64 wake = SW_TIME_NONE;
		if (t->busy) {
			continue;
		}
		if (!outbox_next(a->store, notifier_name(t->notifier), now, &t->row, &t->alert,
				 &wake, &error)) {
			g_warning("reading the outbox: %s", error->message);
			wake = now + 5;
		}
		if (t->row != NULL) {
			start_delivery(a, t);
			if (!t->busy) {
				/* A main-thread delivery (desktop) is done already and nothing will
				 * call back: look at this queue again at once, for its next row or
				 * the retry time of this one. */
				next = now;
			}
			continue;
		}
		if (wake != SW_TIME_NONE && (next == SW_TIME_NONE || wake < next)) {
			next = wake;
		}
	}
	if (!a->started) {
		return;
	}
	g_clear_handle_id(&a->dispatch_timer, g_source_remove);
	if (next != SW_TIME_NONE) {
		gint64 delay = MAX(next - now, 0);
		/* Milliseconds: a 1-second backoff should be one second, not up to two. */
		a->dispatch_timer = g_timeout_add((guint)MIN(delay, 3600) * 1000 + 50,
						  on_dispatch_timer, a);
	}
}

void
alerting_start(Alerting *a)
{
	a->started = true;
	alerting_kick(a);
	/* Held alerts whose time came while the daemon was down: the pass of the relink at
	 * start has seen them already; without one, a pass now. */
	arm_policy_timer(a, a->passed ? a->pending_wake : now_s());
}

bool
alerting_drain_once(Alerting *a)
{
	a->failures = 0;
	/* Not started: a finished delivery does not start the next, so go round until a
	 * round starts nothing (each queue's head is then empty or waiting for a retry). */
	for (;;) {
		alerting_kick(a);
		if (a->in_flight == 0) {
			break;
		}
		while (a->in_flight > 0) {
			g_main_context_iteration(NULL, TRUE);
		}
	}
	return a->failures == 0;
}
