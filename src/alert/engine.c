/*
 * The alert engine (see engine.h).  Memory layout: one IncidentStates per
 * incident id, holding one AlertState per notifier in policy order, so a pass
 * makes one hash lookup per incident, not per (incident, notifier) pair.
 *
 * A state is written back only when a pass changed it: first sight, a queued
 * alert, a quiet-hours hold, or a new reason (which also goes to the audit
 * trail, so `statuswatch why` shows each hold, exclusion and alert once, when
 * it began, rather than once per pass).
 */
#include "alert/engine.h"

#include <string.h>

#include "alert/outbox.h"
#include "util/timeparse.h"

typedef struct {
	AlertState *states; /* [policies->len], owned */
} IncidentStates;

struct AlertEngine {
	GPtrArray *policies;  /* Policy *, referenced */
	GHashTable *by_name;  /* notifier name (borrowed from the policy) -> index + 1 */
	GHashTable *states;   /* incident id (owned) -> IncidentStates * (owned) */
	bool replay;
};

static void
incident_states_free(gpointer p, gpointer n)
{
	IncidentStates *is = p;

	for (guint i = 0; i < GPOINTER_TO_UINT(n); i++) {
		alert_state_clear(&is->states[i]);
	}
	g_free(is->states);
	g_free(is);
}

static void
free_states_table(AlertEngine *engine)
{
	GHashTableIter it;
	gpointer v;

	g_hash_table_iter_init(&it, engine->states);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		incident_states_free(v, GUINT_TO_POINTER(engine->policies->len));
		g_hash_table_iter_replace(&it, NULL);
	}
	g_hash_table_remove_all(engine->states);
}

AlertEngine *
alert_engine_new(GPtrArray *policies)
{
	AlertEngine *engine = g_new0(AlertEngine, 1);

	engine->policies = g_ptr_array_ref(policies);
	engine->by_name = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < policies->len; i++) {
		const Policy *p = policies->pdata[i];
		g_hash_table_insert(engine->by_name, p->notifier, GUINT_TO_POINTER(i + 1));
	}
	engine->states = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return engine;
}

void
alert_engine_free(AlertEngine *engine)
{
	if (engine == NULL) {
		return;
	}
	free_states_table(engine);
	g_hash_table_unref(engine->states);
	g_hash_table_unref(engine->by_name);
	g_ptr_array_unref(engine->policies);
	g_free(engine);
}

void
alert_engine_set_replay(AlertEngine *engine, bool replay)
{
	engine->replay = replay;
}

static IncidentStates *
states_new(guint n)
{
	IncidentStates *is = g_new0(IncidentStates, 1);

	is->states = g_new(AlertState, n);
	for (guint i = 0; i < n; i++) {
		alert_state_init(&is->states[i]);
	}
	return is;
}

static void
load_one(const char *incident_id, const char *notifier, const AlertState *state,
	 gpointer user_data)
{
	AlertEngine *engine = user_data;
	guint i = GPOINTER_TO_UINT(g_hash_table_lookup(engine->by_name, notifier));

	if (i == 0) {
		return; /* a notifier no longer configured */
	}
	IncidentStates *is = g_hash_table_lookup(engine->states, incident_id);
	if (is == NULL) {
		is = states_new(engine->policies->len);
		g_hash_table_insert(engine->states, g_strdup(incident_id), is);
	}
	AlertState *s = &is->states[i - 1];
	alert_state_clear(s);
	*s = *state;
	s->sent = state->sent != NULL ? g_ref_string_acquire(state->sent) : NULL;
	s->reason = g_strdup(state->reason);
	s->thread_ref = g_strdup(state->thread_ref);
}

bool
alert_engine_load(AlertEngine *engine, Store *store, GError **error)
{
	free_states_table(engine);
	return store_load_alert_states(store, load_one, engine, error);
}

/* "member=SOURCE/ID" lines of a digest, as advisory keys. */
static void
index_members(GHashTable *by_member, const char *digest, const char *incident_id)
{
	for (const char *p = digest; p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n');
		gsize len = nl != NULL ? (gsize)(nl - p) : strlen(p);
		if (len > 7 && strncmp(p, "member=", 7) == 0) {
			g_hash_table_insert(by_member, g_strndup(p + 7, len - 7),
					    g_strdup(incident_id));
		}
		p = nl != NULL ? nl + 1 : NULL;
	}
}

/*
 * Advisory key -> id of an incident some notifier was told about holding it (owned
 * strings), when some incident of @incidents is new to the engine; else NULL.  Built
 * before the pass changes any state: what counts is what notifiers knew before it.
 */
static GHashTable *
told_members(AlertEngine *engine, GPtrArray *incidents)
{
	bool any_new = false;

	for (guint i = 0; i < incidents->len && !any_new; i++) {
		const Incident *inc = incidents->pdata[i];
		any_new = !g_hash_table_contains(engine->states, inc->id);
	}
	if (!any_new) {
		return NULL;
	}
	GHashTable *by_member = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, engine->states);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		IncidentStates *is = v;
		for (guint j = 0; j < engine->policies->len; j++) {
			if (is->states[j].sent != NULL) {
				index_members(by_member, is->states[j].sent, k);
			}
		}
	}
	return by_member;
}

/* The states of the incident a notifier was told about that held a member of @inc. */
static IncidentStates *
predecessor(AlertEngine *engine, const Incident *inc, GHashTable *by_member)
{
	for (guint i = 0; by_member != NULL && i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		g_autofree char *key = g_strdup_printf("%s/%s", a->source, a->id);
		const char *id = g_hash_table_lookup(by_member, key);
		if (id != NULL) {
			return g_hash_table_lookup(engine->states, id);
		}
	}
	return NULL;
}

/*
 * The states of @inc.  An incident that absorbed another (alias) takes over its states;
 * one that is new but holds an advisory a notifier was told about as part of another
 * incident starts from a copy of that incident's states: either way a notifier hears
 * how what it knows changed, not about "a new incident" for the same fault.
 */
static IncidentStates *
states_for(AlertEngine *engine, const Incident *inc, GHashTable *by_member)
{
	IncidentStates *is = g_hash_table_lookup(engine->states, inc->id);

	if (is != NULL) {
		return is;
	}
	for (guint i = 0; i < inc->aliases->len; i++) {
		char *old_key = NULL;
		if (g_hash_table_steal_extended(engine->states, inc->aliases->pdata[i],
						(gpointer *)&old_key, (gpointer *)&is)) {
			g_free(old_key);
			g_hash_table_insert(engine->states, g_strdup(inc->id), is);
			return is;
		}
	}
	IncidentStates *from = predecessor(engine, inc, by_member);
	is = states_new(engine->policies->len);
	for (guint j = 0; from != NULL && j < engine->policies->len; j++) {
		AlertState *d = &is->states[j];
		const AlertState *o = &from->states[j];
		if (o->sent == NULL) {
			continue;
		}
		*d = *o;
		d->sent = g_ref_string_acquire(o->sent);
		d->reason = NULL;
		d->thread_ref = NULL;
		d->revision = 0;
		d->held_since = SW_TIME_NONE;
	}
	g_hash_table_insert(engine->states, g_strdup(inc->id), is);
	return is;
}

static const char *
row_state(const AlertEngine *engine, const Policy *p)
{
	return engine->replay ? STORE_OUTBOX_DELIVERED
	       : p->quiet     ? STORE_OUTBOX_QUIET
			      : STORE_OUTBOX_PENDING;
}

/* Queues @alert (incident borrowed: detached before return) and records it. */
static bool
queue(AlertEngine *engine, Store *store, const Policy *p, Alert *alert, const char *incident_id,
      gint64 revision, gint64 now, GPtrArray *queued, GError **error)
{
	if (!outbox_enqueue(store, alert, incident_id, revision, row_state(engine, p), now,
			    error)) {
		return false;
	}
	if (queued != NULL) {
		g_autofree char *json = alert_to_json(alert);
		Alert *copy = alert_from_json(json, NULL);
		if (copy != NULL) {
			g_ptr_array_add(queued, copy);
		}
	}
	return true;
}

static void
detach(Alert *alert)
{
	alert->incident = NULL;
	for (guint i = 0; i < alert->items->len; i++) {
		detach(alert->items->pdata[i]);
	}
}

bool
alert_engine_pass(AlertEngine *engine, Store *store, GPtrArray *incidents, GHashTable *polls,
		  gint64 now, GPtrArray **ret_queued, gint64 *ret_wake, GError **error)
{
	guint n = engine->policies->len;
	gint64 wake = SW_TIME_NONE;
	g_autoptr(GHashTable) mutes = store_list_mutes(store, error);
	g_autoptr(GPtrArray) queued =
		ret_queued != NULL ? g_ptr_array_new_with_free_func((GDestroyNotify)alert_free)
				   : NULL;
	/* Per notifier: the items of its "while you were away" summary (Alert *, owned). */
	g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func(
		(GDestroyNotify)g_ptr_array_unref);
	g_autoptr(GHashTable) by_member = told_members(engine, incidents);
	PolicyDecision d;
	bool ok = false;

	if (mutes == NULL) {
		return false;
	}
	policy_decision_init(&d);
	for (guint j = 0; j < n; j++) {
		g_ptr_array_add(summaries,
				g_ptr_array_new_with_free_func((GDestroyNotify)alert_free));
	}
	/* Quiet hours depend on the notifier and the time only: once per notifier. */
	g_autofree bool *quiet = g_new0(bool, n + 1);
	g_autofree gint64 *quiet_end = g_new0(gint64, n + 1);
	for (guint j = 0; j < n; j++) {
		quiet_end[j] = SW_TIME_NONE;
		quiet[j] = policy_in_quiet_hours(engine->policies->pdata[j], now, &quiet_end[j]);
	}
	/* Every incident's states first, so a new incident copies its predecessor's states as
	 * they were before this pass. */
	g_autoptr(GPtrArray) all_states = g_ptr_array_sized_new(incidents->len);
	for (guint i = 0; i < incidents->len; i++) {
		g_ptr_array_add(all_states, states_for(engine, incidents->pdata[i], by_member));
	}
	for (guint i = 0; i < incidents->len; i++) {
		const Incident *inc = incidents->pdata[i];
		g_autoptr(AlertView) view = alert_view_new(inc, now);
		IncidentStates *is = all_states->pdata[i];
		PolicyContext ctx = {
			.muted_until = incident_muted_until(inc, mutes),
			.polls = polls,
			.quiet_known = true,
		};

		for (guint j = 0; j < n; j++) {
			const Policy *p = engine->policies->pdata[j];
			AlertState *st = &is->states[j];
			AlertState before = *st;

			ctx.quiet = quiet[j];
			ctx.quiet_end = quiet_end[j];

			policy_decide(p, st, view, &ctx, now, &d);
			if (d.wake != SW_TIME_NONE && (wake == SW_TIME_NONE || d.wake < wake)) {
				wake = d.wake;
			}
			bool new_reason = d.reason != NULL && g_strcmp0(d.reason, st->reason) != 0;
			bool dirty = new_reason || before.first_seen != st->first_seen ||
				     before.revision != st->revision || before.sent != st->sent ||
				     before.held_since != st->held_since ||
				     before.history != st->history;
			if (new_reason) {
				g_free(st->reason);
				st->reason = g_strdup(d.reason);
				if (!store_add_audit(store, inc->id, p->notifier, now, d.reason,
						     error)) {
					goto out;
				}
			}
			if (d.action == POLICY_SEND) {
				g_autofree char *key = outbox_key(inc->id, p->notifier, st->revision);
				Alert *alert = alert_new(d.kind, key, p->notifier, now);
				alert->previous = d.previous;
				alert->incident = (Incident *)inc; /* borrowed: detached below */
				for (guint k = 0; k < d.changes->len; k++) {
					alert_add_change(alert, d.changes->pdata[k]);
				}
				bool queued_ok = true;
				if (d.summary) {
					g_ptr_array_add(summaries->pdata[j], alert);
				} else {
					queued_ok = queue(engine, store, p, alert, inc->id, st->revision,
							  now, queued, error);
					detach(alert);
					alert_free(alert);
				}
				if (!queued_ok) {
					goto out;
				}
			}
			if (dirty && !store_put_alert_state(store, inc->id, p->notifier, st, error)) {
				goto out;
			}
		}
	}
	for (guint j = 0; j < n; j++) {
		GPtrArray *items = summaries->pdata[j];
		if (items->len == 0) {
			continue;
		}
		const Policy *p = engine->policies->pdata[j];
		g_autofree char *stamp = time_format_rfc3339(now);
		g_autofree char *key = g_strdup_printf("summary/%s/%s", p->notifier, stamp);
		g_autoptr(Alert) summary = alert_new(ALERT_KIND_SUMMARY, key, p->notifier, now);
		for (guint k = 0; k < items->len; k++) {
			g_ptr_array_add(summary->items, items->pdata[k]);
		}
		g_ptr_array_set_free_func(items, NULL);
		g_ptr_array_set_size(items, 0);
		g_ptr_array_set_free_func(items, (GDestroyNotify)alert_free);
		bool queued_ok = queue(engine, store, p, summary, NULL, 0, now, queued, error);
		detach(summary);
		if (!queued_ok) {
			goto out;
		}
	}
	ok = true;
out:
	policy_decision_clear(&d);
	/* Items still waiting (on failure) borrow incidents too. */
	for (guint j = 0; j < summaries->len; j++) {
		GPtrArray *items = summaries->pdata[j];
		for (guint k = 0; k < items->len; k++) {
			detach(items->pdata[k]);
		}
	}
	if (ok && ret_queued != NULL) {
		*ret_queued = g_steal_pointer(&queued);
	}
	if (ok && ret_wake != NULL) {
		*ret_wake = wake;
	}
	return ok;
}

bool
alert_engine_notice(AlertEngine *engine, Store *store, const char *except, const char *tag,
		    const char *text, gint64 now, GError **error)
{
	for (guint j = 0; j < engine->policies->len; j++) {
		const Policy *p = engine->policies->pdata[j];
		if (except != NULL && strcmp(p->notifier, except) == 0) {
			continue;
		}
		g_autofree char *key = g_strdup_printf("notice/%s/%s", p->notifier, tag);
		g_autoptr(Alert) notice = alert_new(ALERT_KIND_NOTICE, key, p->notifier, now);
		notice->text = g_strdup(text);
		if (!outbox_enqueue(store, notice, NULL, 0, row_state(engine, p), now, error)) {
			return false;
		}
	}
	return true;
}
