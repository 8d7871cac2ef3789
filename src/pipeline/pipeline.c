/*
 * The pipeline (see pipeline.h): store what a source reported, then relink
 * and work out what changed.  Shared by the daemon, `poll --once` and `demo`
 * so there is one way advisories become incidents.
 *
 * It never logs and never prints: events and errors go back to the caller.
 * Data comes from the sources (parsed advisories) and the store (previous
 * versions, assignments, decisions); it goes to the store (advisories,
 * incidents) and back to the caller (incidents, events).
 */
#include "pipeline/pipeline.h"

#include <string.h>

#include <glib-unix.h>

#include "model/events.h"
#include "util/error.h"

void
pipeline_change_free(PipelineChange *change)
{
	if (change == NULL) {
		return;
	}
	g_free(change->key);
	advisory_unref(change->before);
	g_free(change);
}

GPtrArray *
pipeline_changes_new(void)
{
	return g_ptr_array_new_with_free_func((GDestroyNotify)pipeline_change_free);
}

/* The latest time @adv covers when it is closed; SW_TIME_NONE while open (the store loads
 * open advisories whatever the window). */
static gint64
touched_time(const Advisory *adv)
{
	if (adv->end != SW_TIME_NONE) {
		return adv->end;
	}
	if (adv->status != ADVISORY_STATUS_RESOLVED &&
	    adv->status != ADVISORY_STATUS_FALSE_POSITIVE && !adv->withdrawn) {
		return SW_TIME_NONE;
	}
	return adv->updated != SW_TIME_NONE ? adv->updated : adv->start;
}

static PipelineChange *
change_new(char *key, Advisory *before, const Advisory *current)
{
	PipelineChange *c = g_new0(PipelineChange, 1);

	c->key = key;
	c->before = before;
	c->touched = current != NULL ? touched_time(current) : SW_TIME_NONE;
	return c;
}

gint64
pipeline_since(const GPtrArray *changes, const LinkerOptions *opts, gint64 now)
{
	gint64 since = now - PIPELINE_WINDOW;

	for (guint i = 0; changes != NULL && i < changes->len; i++) {
		const PipelineChange *c = changes->pdata[i];
		if (c->touched != SW_TIME_NONE && c->touched - opts->max_gap < since) {
			since = c->touched - opts->max_gap;
		}
	}
	return since;
}

void
pipeline_changes_merge(GPtrArray *into, GPtrArray *from)
{
	/* A plain move, O(len(from)): a key changed twice in one batch stays twice, and
	 * pipeline_relink() uses its first (oldest) change.  Deduplicating here cost O(len(into))
	 * per merge, quadratic over a 2,000-source cycle (37 % of the poll's CPU). */
	for (guint i = 0; i < from->len; i++) {
		g_ptr_array_add(into, from->pdata[i]);
		from->pdata[i] = NULL;
	}
	g_ptr_array_set_size(from, 0);
}

PipelineChange *
pipeline_change_as_stored(Store *store, const char *key, GError **error)
{
	g_return_val_if_fail(store != NULL && key != NULL, NULL);

	/* Source names hold no '/' (they are config group names); ids may. */
	const char *slash = strchr(key, '/');
	if (slash == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_NOT_FOUND, "advisory '%s': not a source/id key", key);
		return NULL;
	}
	g_autofree char *source = g_strndup(key, (gsize)(slash - key));
	Advisory *adv = store_get_advisory(store, source, slash + 1, error);
	if (adv == NULL) {
		return NULL;
	}
	return change_new(g_strdup(key), adv, adv);
}

/* The version stored before the one just appended; NULL when there is none. */
static Advisory *
previous_version(Store *store, const Advisory *adv, GError **error)
{
	g_autoptr(GPtrArray) versions =
		store_advisory_versions(store, adv->source, adv->id, NULL, error);

	if (versions == NULL) {
		return NULL;
	}
	if (versions->len < 2) {
		return NULL;
	}
	return advisory_ref(versions->pdata[versions->len - 2]);
}

static bool
store_withdrawals(Store *store, const char *source, GPtrArray *advisories, GPtrArray *changes,
		  GError **error)
{
	g_autoptr(GHashTable) present = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < advisories->len; i++) {
		Advisory *adv = advisories->pdata[i];
		g_hash_table_add(present, adv->id);
	}
	g_autoptr(GPtrArray) open_ids = store_open_advisory_ids(store, source, error);
	if (open_ids == NULL) {
		return false;
	}
	for (guint i = 0; i < open_ids->len; i++) {
		const char *id = open_ids->pdata[i];
		if (g_hash_table_contains(present, id)) {
			continue;
		}
		g_autoptr(Advisory) before = store_get_advisory(store, source, id, error);
		if (before == NULL) {
			return false;
		}
		if (!store_mark_withdrawn(store, source, id, true, error)) {
			return false;
		}
		char *key = advisory_key(before);
		g_ptr_array_add(changes, change_new(key, g_steal_pointer(&before), NULL));
	}
	/* An advisory that comes back after a withdrawal is current again. */
	for (guint i = 0; i < advisories->len; i++) {
		Advisory *adv = advisories->pdata[i];
		g_autoptr(GError) local = NULL;
		g_autoptr(Advisory) stored = store_get_advisory(store, source, adv->id, &local);
		if (stored == NULL) {
			if (g_error_matches(local, SW_ERROR, SW_ERROR_NOT_FOUND)) {
				continue;
			}
			g_propagate_error(error, g_steal_pointer(&local));
			return false;
		}
		if (!stored->withdrawn) {
			continue;
		}
		if (!store_mark_withdrawn(store, source, adv->id, false, error)) {
			return false;
		}
		char *key = advisory_key(stored);
		g_ptr_array_add(changes, change_new(key, g_steal_pointer(&stored), adv));
	}
	return true;
}

bool
pipeline_store_source(Store *store, const char *source, GPtrArray *advisories, gint64 now,
		      bool full_read, GPtrArray **ret_changes, GError **error)
{
	g_autoptr(GPtrArray) changes = pipeline_changes_new();

	g_return_val_if_fail(store != NULL && source != NULL && advisories != NULL, false);

	if (!store_begin(store, error)) {
		return false;
	}
	for (guint i = 0; i < advisories->len; i++) {
		Advisory *adv = advisories->pdata[i];
		bool changed = false;
		if (!store_upsert_advisory(store, adv, now, &changed, error)) {
			goto fail;
		}
		if (!changed) {
			continue;
		}
		GError *local = NULL;
		Advisory *before = previous_version(store, adv, &local);
		if (local != NULL) {
			g_propagate_error(error, local);
			goto fail;
		}
		g_ptr_array_add(changes, change_new(advisory_key(adv), before, adv));
	}
	if (full_read && !store_withdrawals(store, source, advisories, changes, error)) {
		goto fail;
	}
	if (!store_commit(store, error)) {
		goto fail;
	}
	if (ret_changes != NULL) {
		*ret_changes = g_steal_pointer(&changes);
	}
	return true;
fail:
	store_rollback(store);
	return false;
}

/* ---- relink ---- */

typedef struct {
	GHashTable *before;      /* key → PipelineChange * (borrowed) */
	GHashTable *assignments; /* key → stored incident id, owned by the caller */
	GHashTable *known_ids;   /* stored incident ids (borrowed from assignments) */
	gint64 now;
} EventCtx;

static bool
advisory_open(const Advisory *adv, gint64 now)
{
	return !adv->withdrawn && !advisory_is_closed(adv, now);
}

/* True when @id is the incident's id or one of its aliases. */
static bool
incident_answers_to(const Incident *inc, const char *id)
{
	if (id == NULL) {
		return false;
	}
	if (strcmp(inc->id, id) == 0) {
		return true;
	}
	for (guint i = 0; i < inc->aliases->len; i++) {
		if (strcmp(inc->aliases->pdata[i], id) == 0) {
			return true;
		}
	}
	return false;
}

/* An incident with news in the window: a feed read for the first time may list items
 * without status or end that have been "open" for months; they are history, not news. */
static bool
recent(const Incident *inc, gint64 now)
{
	gint64 latest = SW_TIME_NONE;

	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		latest = MAX(latest, MAX(a->updated, a->start));
	}
	return latest == SW_TIME_NONE || latest >= now - PIPELINE_WINDOW;
}

static Event *
incident_event(EventKind kind, const Incident *inc, gint64 now)
{
	Event *e = event_new(kind, now, inc->id, NULL);

	e->title = g_strdup(incident_title(inc));
	e->severity = incident_severity(inc);
	e->active = incident_is_active(inc, now);
	return e;
}

static void
add_all_keys(Event *e, const Incident *inc)
{
	for (guint i = 0; i < inc->members->len; i++) {
		g_ptr_array_add(e->keys, advisory_key(inc->members->pdata[i]));
	}
}

static void
incident_events(const EventCtx *ctx, const Incident *inc, GPtrArray *events)
{
	bool touched = false;
	bool stored = ctx->known_ids != NULL && g_hash_table_contains(ctx->known_ids, inc->id);

	for (guint i = 0; i < inc->aliases->len && !stored; i++) {
		stored = g_hash_table_contains(ctx->known_ids, inc->aliases->pdata[i]);
	}

	g_autoptr(GPtrArray) grown = g_ptr_array_new_with_free_func(g_free);
	g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func(g_free);
	bool was_active = false;

	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *adv = inc->members->pdata[i];
		g_autofree char *key = advisory_key(adv);
		const PipelineChange *c = g_hash_table_lookup(ctx->before, key);
		const char *prev_id = g_hash_table_lookup(ctx->assignments, key);
		bool was_member = incident_answers_to(inc, prev_id);

		if (c != NULL) {
			touched = true;
		}
		if (!was_member || (c != NULL && c->before == NULL)) {
			g_ptr_array_add(grown, g_steal_pointer(&key));
			continue;
		}
		/* A member before the batch: judge the old state on its old version. */
		const Advisory *old = c != NULL ? c->before : adv;
		if (advisory_open(old, ctx->now)) {
			was_active = true;
		}
		if (c != NULL) {
			g_ptr_array_add(changed, g_steal_pointer(&key));
		}
	}
	if (!touched) {
		return;
	}
	bool active = incident_is_active(inc, ctx->now);
	if (!stored) {
		if (active && recent(inc, ctx->now)) {
			Event *e = incident_event(EVENT_INCIDENT_OPENED, inc, ctx->now);
			add_all_keys(e, inc);
			g_ptr_array_add(events, e);
		}
		return;
	}
	if (grown->len > 0) {
		Event *e = incident_event(EVENT_INCIDENT_GREW, inc, ctx->now);
		g_ptr_array_extend_and_steal(e->keys, g_steal_pointer(&grown));
		g_ptr_array_add(events, e);
	}
	if (was_active && !active) {
		Event *e = incident_event(EVENT_INCIDENT_RESOLVED, inc, ctx->now);
		add_all_keys(e, inc);
		g_ptr_array_add(events, e);
	} else if (!was_active && active) {
		Event *e = incident_event(EVENT_INCIDENT_CHANGED, inc, ctx->now);
		e->detail = g_strdup("reopened");
		add_all_keys(e, inc);
		g_ptr_array_add(events, e);
	} else if (changed->len > 0) {
		Event *e = incident_event(EVENT_INCIDENT_CHANGED, inc, ctx->now);
		g_ptr_array_extend_and_steal(e->keys, g_steal_pointer(&changed));
		g_ptr_array_add(events, e);
	}
}

static void
decisions_apply(Linker *linker, GPtrArray *decisions)
{
	for (guint i = 0; i < decisions->len; i++) {
		const StoreDecision *d = decisions->pdata[i];
		if (d->kind == STORE_DECISION_MERGE && d->b != NULL) {
			linker_force_merge(linker, d->a, d->b);
		} else if (d->kind == STORE_DECISION_SPLIT) {
			linker_force_split(linker, d->a);
		}
	}
}

/*
 * The linking of a relink: pure (no store), so it may run on a thread of its own.
 * The daemon runs it so because a hostile feed can make linking slow (thousands of
 * items from a few words: every pair shares some rare phrase; tests/bench/README.md,
 * "Linker") and a relink blocked SIGTERM for its whole length (19.5 s, the unit
 * allows 10).  The thread that holds the store only waits, answering signals and
 * a time budget, so the store is never used from two threads.
 */
enum { STOP_NONE, STOP_SIGNAL, STOP_BUDGET };

typedef struct {
	const LinkerOptions *opts;
	GPtrArray *advisories;
	GPtrArray *decisions;
	GHashTable *assignments;
	gint64 now;
	gint stop;             /* atomic: non-zero = stop (linker_set_stop()) */
	gint done;             /* atomic: the thread has finished */
	int why;               /* STOP_*, written by the waiting thread only */
	GMainContext *context; /* woken when done */
	GPtrArray *incidents;  /* the result, NULL when stopped */
} LinkJob;

static void
link_job_run(LinkJob *j)
{
	g_autoptr(Linker) linker = linker_new(j->opts);
	linker_set_stop(linker, &j->stop);
	for (guint i = 0; i < j->advisories->len && g_atomic_int_get(&j->stop) == 0; i++) {
		linker_add(linker, j->advisories->pdata[i]);
	}
	decisions_apply(linker, j->decisions);
	linker_set_previous(linker, j->assignments);
	GPtrArray *incidents =
		g_atomic_int_get(&j->stop) == 0 ? linker_incidents(linker, j->now) : NULL;
	if (incidents != NULL && g_atomic_int_get(&j->stop) != 0) {
		/* Stopped part way: incomplete. */
		g_clear_pointer(&incidents, g_ptr_array_unref);
	}
	j->incidents = incidents;
}

static gpointer
link_job_thread(gpointer user_data)
{
	LinkJob *j = user_data;

	link_job_run(j);
	g_atomic_int_set(&j->done, 1);
	g_main_context_wakeup(j->context);
	return NULL;
}

typedef struct {
	LinkJob *job;
	int why;
} StopWhy;

static gboolean
link_job_stop(gpointer user_data)
{
	StopWhy *w = user_data;

	if (w->job->why == STOP_NONE) {
		w->job->why = w->why;
	}
	g_atomic_int_set(&w->job->stop, 1);
	return G_SOURCE_REMOVE;
}

/*
 * What may stop a relink: its own main context with watches of SIGTERM and SIGINT and
 * a timeout.  Made before the store is read, not when the linking thread starts: GLib
 * tells a signal only to the watches that exist when it arrives, so one that came while
 * 20,000 advisories were being loaded (seconds under load) went unanswered for the
 * whole linking (a minute for a hostile flood), and the budget counts the loading too.
 */
typedef struct {
	GMainContext *context;
	GSource *sources[3]; /* SIGTERM, SIGINT, the budget's timeout */
	StopWhy by_signal, by_budget;
} LinkStop;

static void
link_stop_start(LinkStop *s, LinkJob *j, const PipelineLimits *limits)
{
	s->context = g_main_context_new();
	s->by_signal = (StopWhy){j, STOP_SIGNAL};
	s->by_budget = (StopWhy){j, STOP_BUDGET};
	j->context = s->context;
	if (limits->signals) {
		/* GLib tells every watch of a signal, so the caller's own SIGTERM watch on
		 * its main context still fires once it runs again. */
		s->sources[0] = g_unix_signal_source_new(SIGTERM);
		s->sources[1] = g_unix_signal_source_new(SIGINT);
	}
	if (limits->budget_us > 0) {
		s->sources[2] = g_timeout_source_new(
			(guint)MIN(limits->budget_us / 1000, (gint64)G_MAXUINT));
	}
	for (guint i = 0; i < G_N_ELEMENTS(s->sources); i++) {
		if (s->sources[i] != NULL) {
			g_source_set_callback(s->sources[i], link_job_stop,
					      i < 2 ? &s->by_signal : &s->by_budget, NULL);
			g_source_attach(s->sources[i], s->context);
		}
	}
}

static void
link_stop_clear(LinkStop *s)
{
	for (guint i = 0; i < G_N_ELEMENTS(s->sources); i++) {
		if (s->sources[i] != NULL) {
			g_source_destroy(s->sources[i]);
			g_clear_pointer(&s->sources[i], g_source_unref);
		}
	}
	g_clear_pointer(&s->context, g_main_context_unref);
}

/* Runs @j on a thread and waits for it, stopping it when @s's watches fire (a signal
 * that came before the thread started stops it at once). */
static void
link_job_wait(LinkJob *j, LinkStop *s)
{
	GThread *thread = g_thread_new("relink", link_job_thread, j);
	while (g_atomic_int_get(&j->done) == 0) {
		g_main_context_iteration(s->context, TRUE);
	}
	g_thread_join(thread);
	if (j->incidents != NULL) {
		j->why = STOP_NONE;
	} else if (j->why == STOP_NONE) {
		j->why = STOP_BUDGET; /* not reached: the thread stops only when told */
	}
}

GPtrArray *
pipeline_relink(Store *store, const LinkerOptions *opts, gint64 now, gint64 since,
		GPtrArray *changes, GPtrArray **ret_events, GError **error)
{
	return pipeline_relink_limited(store, opts, now, since, changes, NULL, ret_events,
				       error);
}

/* pipeline_relink_limited() once its watches (@stop, NULL = none) are set. */
static GPtrArray *
relink_limited(Store *store, gint64 since, GPtrArray *changes, LinkJob *job, LinkStop *stop,
	       GPtrArray **ret_events, GError **error)
{
	g_autoptr(GHashTable) assignments = store_incident_assignments(store, error);
	if (assignments == NULL) {
		return NULL;
	}
	g_autoptr(GPtrArray) advisories = store_load_advisories(store, since, error);
	if (advisories == NULL) {
		return NULL;
	}
	g_autoptr(GPtrArray) decisions = store_list_decisions(store, error);
	if (decisions == NULL) {
		return NULL;
	}

	job->advisories = advisories;
	job->decisions = decisions;
	job->assignments = assignments;
	if (stop == NULL) {
		link_job_run(job);
	} else {
		link_job_wait(job, stop);
	}
	g_autoptr(GPtrArray) incidents = g_steal_pointer(&job->incidents);
	if (incidents == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_LIMIT, "relinking %u advisories: %s",
			    advisories->len,
			    job->why == STOP_SIGNAL ? "stopped by a signal"
						   : "stopped: took longer than allowed");
		return NULL;
	}

	/* Atomic by itself (its own transaction, or a savepoint when the caller holds one:
	 * the daemon does, to write the alerts this relink makes due in the same commit). */
	if (!store_save_incidents(store, incidents, error)) {
		return NULL;
	}

	if (ret_events != NULL) {
		GPtrArray *events = g_ptr_array_new_with_free_func((GDestroyNotify)event_free);
		if (changes != NULL && changes->len > 0) {
			g_autoptr(GHashTable) before = g_hash_table_new(g_str_hash, g_str_equal);
			g_autoptr(GHashTable) known = g_hash_table_new(g_str_hash, g_str_equal);
			GHashTableIter it;
			gpointer value;

			for (guint i = 0; i < changes->len; i++) {
				PipelineChange *c = changes->pdata[i];
				/* The first change of a key holds the oldest state. */
				if (!g_hash_table_contains(before, c->key)) {
					g_hash_table_insert(before, c->key, c);
				}
			}
			g_hash_table_iter_init(&it, assignments);
			while (g_hash_table_iter_next(&it, NULL, &value)) {
				g_hash_table_add(known, value);
			}
			EventCtx ctx = {
				.before = before,
				.assignments = assignments,
				.known_ids = known,
				.now = job->now,
			};
			for (guint i = 0; i < incidents->len; i++) {
				incident_events(&ctx, incidents->pdata[i], events);
			}
		}
		*ret_events = events;
	}
	return g_steal_pointer(&incidents);
}

GPtrArray *
pipeline_relink_limited(Store *store, const LinkerOptions *opts, gint64 now, gint64 since,
			GPtrArray *changes, const PipelineLimits *limits, GPtrArray **ret_events,
			GError **error)
{
	g_return_val_if_fail(store != NULL && opts != NULL, NULL);

	LinkJob job = {.opts = opts, .now = now};
	LinkStop stop = {0};
	if (limits != NULL) {
		link_stop_start(&stop, &job, limits);
	}
	GPtrArray *ret = relink_limited(store, since, changes, &job, limits != NULL ? &stop : NULL,
					ret_events, error);
	link_stop_clear(&stop);
	return ret;
}
