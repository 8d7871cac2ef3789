/*
 * Text and JSON renderings (see report.h).  The JSON shape is a contract used
 * by scripts and by ../shared/corpus/score: keep field names and types stable
 * and document every change in share/man/statuswatch-json.5.scd.  The incident
 * object itself is written by incident_to_json() (model/, shared with the alert
 * payload); this file only lists them.
 */
#include "report/report.h"

#include <string.h>

#include "util/terminal.h"
#include "util/timeparse.h"

/*
 * Every value from a feed or the store goes through safe() before it reaches a text
 * rendering: one line, no control characters.  The copies live in @keep (one per
 * rendering), so the printf calls stay readable.
 */
static const char *
safe(GPtrArray *keep, const char *value)
{
	if (value == NULL) {
		return NULL;
	}
	char *copy = terminal_safe(value, true);
	g_ptr_array_add(keep, copy);
	return copy;
}

/* One contiguous range of a listing's incidents, rendered by one thread. */
typedef struct {
	GPtrArray *incidents; /* borrowed */
	GHashTable *mutes;    /* borrowed, may be NULL */
	gint64 now;
	guint from, to;
	gsize reserve;        /* bytes to reserve for @out */
	GString *out;         /* owned, made when the range is taken: the objects of
			       * incidents[from .. to), comma-led but for the listing's first */
} JsonPart;

static void
json_part(JsonPart *part)
{
	part->out = g_string_sized_new(part->reserve);
	GString *out = part->out;

	for (guint i = part->from; i < part->to; i++) {
		const Incident *inc = part->incidents->pdata[i];
		if (i > 0) {
			g_string_append_c(out, ',');
		}
		incident_to_json_append(out, inc, part->now, INCIDENT_JSON_SUMMARY);
		if (part->mutes == NULL) {
			continue;
		}
		/* "muted_until" belongs to the listing, not to the incident object (alerts
		 * carry none): added inside the object's closing brace. */
		gint64 until = incident_muted_until(inc, part->mutes);
		g_autofree char *when = until != SW_TIME_NONE && until > part->now
						? time_format_rfc3339(until)
						: NULL;
		g_assert(out->len > 0 && out->str[out->len - 1] == '}');
		g_string_truncate(out, out->len - 1);
		if (when != NULL) {
			g_string_append_printf(out, ",\"muted_until\":\"%s\"}", when);
		} else {
			g_string_append(out, ",\"muted_until\":null}");
		}
	}
}

/* A listing this long is rendered by one thread per processor (at most
 * JSON_THREADS): `link --json` over 2,000 feeds writes 37 MB of JSON, half a
 * second on one core, with the other idle.  incident_to_json() only reads its
 * incident (advisory references are atomic); shorter listings are not worth a
 * thread. */
#define JSON_PARALLEL_MIN 1024
#define JSON_THREADS 4
/* The threads take ranges of this many incidents in turn, each rendered into its own
 * piece: with one contiguous range per thread, incidents of unequal size (and a core
 * lent to another process) left one thread rendering alone for a fifth of the time. */
#define JSON_CHUNK 512
/* Room reserved per incident of a range: the objects of `link --json` over 2,000 feeds
 * average about 530 bytes, so a piece is rarely grown (and copied) on the way. */
#define JSON_INCIDENT_BYTES 640

/* What the threads of one listing share: every range's part, the next to take, and which
 * are rendered (the caller writes them out in order, as they become ready). */
typedef struct {
	JsonPart *parts; /* per range; each written by the one thread that took it */
	guint nparts;
	gint next;       /* atomic */
	bool *done;      /* per range, under @lock: rendered */
	GMutex lock;
	GCond cond;
} JsonJob;

/* Renders ranges until none is left to take; with @one, returns after the first. */
static void
json_job_take(JsonJob *job, bool one)
{
	for (;;) {
		guint k = (guint)g_atomic_int_add(&job->next, 1);
		if (k >= job->nparts) {
			return;
		}
		json_part(&job->parts[k]);
		g_mutex_lock(&job->lock);
		job->done[k] = true;
		g_cond_broadcast(&job->cond);
		g_mutex_unlock(&job->lock);
		if (one) {
			return;
		}
	}
}

static gpointer
json_job_run(gpointer data)
{
	json_job_take(data, false);
	return NULL;
}

/* Hands @part's text to @write and frees it. */
static void
json_part_write(JsonPart *part, ReportWriteFunc write, gpointer user)
{
	write(part->out->str, part->out->len, user);
	g_string_free(part->out, TRUE);
	part->out = NULL;
}

void
report_incidents_json_write(GPtrArray *incidents, GHashTable *mutes, gint64 now,
			    ReportWriteFunc write, gpointer user)
{
	guint n = incidents->len;
	guint nthreads = n >= JSON_PARALLEL_MIN ? CLAMP(g_get_num_processors(), 1u, JSON_THREADS)
						: 1;
	JsonJob job = {.nparts = nthreads > 1 ? (n + JSON_CHUNK - 1) / JSON_CHUNK : 1};
	GThread *threads[JSON_THREADS] = {NULL};

	job.parts = g_new(JsonPart, job.nparts);
	job.done = g_new0(bool, job.nparts);
	g_mutex_init(&job.lock);
	g_cond_init(&job.cond);
	for (guint k = 0; k < job.nparts; k++) {
		job.parts[k] = (JsonPart){.incidents = incidents, .mutes = mutes, .now = now,
					  .from = (guint)((guint64)n * k / job.nparts),
					  .to = (guint)((guint64)n * (k + 1) / job.nparts),
					  .out = NULL};
		guint len = job.parts[k].to - job.parts[k].from;
		job.parts[k].reserve = nthreads > 1 ? (gsize)len * JSON_INCIDENT_BYTES : 0;
	}
	for (guint k = 1; k < nthreads; k++) {
		threads[k] = g_thread_new("json", json_job_run, &job);
	}
	write("{\"incidents\":[", strlen("{\"incidents\":["), user);
	/* This thread renders a range at a time and, between them, writes out (and frees)
	 * the ranges rendered so far in order: the listing is never whole in memory (37 MB
	 * over 2,000 feeds, each page of it a fault), and writing overlaps rendering. */
	guint written = 0;
	while (written < job.nparts) {
		json_job_take(&job, true);
		g_mutex_lock(&job.lock);
		bool left = (guint)g_atomic_int_get(&job.next) < job.nparts;
		while (!left && !job.done[written]) {
			/* Nothing left to take: wait for the next range in order. */
			g_cond_wait(&job.cond, &job.lock);
		}
		guint ready = written;
		while (ready < job.nparts && job.done[ready]) {
			ready++;
		}
		g_mutex_unlock(&job.lock);
		for (; written < ready; written++) {
			json_part_write(&job.parts[written], write, user);
		}
	}
	for (guint k = 1; k < nthreads; k++) {
		g_thread_join(threads[k]);
	}
	write("]}", 2, user);
	g_mutex_clear(&job.lock);
	g_cond_clear(&job.cond);
	g_free(job.done);
	g_free(job.parts);
}

static void
append_to_gstring(const char *piece, gsize len, gpointer user)
{
	g_string_append_len(user, piece, (gssize)len);
}

char *
report_incidents_json(GPtrArray *incidents, GHashTable *mutes, gint64 now)
{
	/* Each range is appended as soon as it is rendered and freed then: the listing
	 * and a few ranges in memory, not the listing twice. */
	GString *out = g_string_sized_new(incidents->len >= JSON_PARALLEL_MIN
						  ? (gsize)incidents->len * JSON_INCIDENT_BYTES
						  : 0);
	report_incidents_json_write(incidents, mutes, now, append_to_gstring, out);
	return g_string_free(out, FALSE);
}

char *
report_incident_json(const Incident *inc, gint64 now)
{
	return incident_to_json(inc, now, INCIDENT_JSON_SUMMARY);
}

/* "2023-07-18 04:45", or "-" for no time. */
static char *
short_time(gint64 t)
{
	return time_format_minutes(t, "-");
}

static char *
join_services(GPtrArray *services)
{
	g_autoptr(GString) s = g_string_new(NULL);

	for (guint i = 0; i < services->len; i++) {
		g_autofree char *one = terminal_safe(services->pdata[i], true);
		g_string_append_printf(s, "%s%s", i > 0 ? ", " : "", one);
	}
	return g_strdup(s->len > 0 ? s->str : "-");
}

/* "active" or "resolved"; an incident of only false positives (or withdrawn
 * advisories: the linker never joins them to others) says it is no incident. */
static const char *
state_word(const Incident *inc, gint64 now)
{
	bool fp = inc->members->len > 0, gone = inc->members->len > 0;
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		fp &= a->status == ADVISORY_STATUS_FALSE_POSITIVE;
		gone &= a->withdrawn;
	}
	if (fp) {
		return "not an incident (false positive)";
	}
	if (gone) {
		return "withdrawn";
	}
	return incident_is_active(inc, now) ? "active" : "resolved";
}

char *
report_incidents_text(GPtrArray *incidents, gint64 now)
{
	GString *s = g_string_new(NULL);
	g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func(g_free);

	if (incidents->len == 0) {
		g_string_append(s, "No incidents.\n");
		return g_string_free(s, FALSE);
	}
	for (guint i = 0; i < incidents->len; i++) {
		const Incident *inc = incidents->pdata[i];
		g_autofree char *start = short_time(incident_start(inc));
		g_autoptr(GPtrArray) services = incident_services(inc);
		g_autofree char *svc = join_services(services);
		/* Its notes (Incident.notes), counted apart from the advisories: pages
		 * saying they are not affected are no part of the fault, and `show` lists
		 * them.  Nothing is added for an incident without one. */
		guint nnotes = incident_note_count(inc);
		g_autofree char *notes = nnotes == 0 ? g_strdup("")
				       : g_strdup_printf(" (+%u note%s, not affected)", nnotes,
							 nnotes == 1 ? "" : "s");
		g_string_append_printf(s,
				       "%s  %-8s %-8s since %s UTC  [%s]  %u advisor%s%s\n    %s\n",
				       safe(keep, inc->id), state_word(inc, now),
				       advisory_severity_to_string(incident_severity(inc)), start,
				       svc, inc->members->len, inc->members->len == 1 ? "y" : "ies",
				       notes, safe(keep, incident_title(inc)));
	}
	return g_string_free(s, FALSE);
}

typedef struct {
	gint64 time;
	char *line; /* owned */
} TimelineEntry;

static void
timeline_entry_free(gpointer p)
{
	TimelineEntry *e = p;

	g_free(e->line);
	g_free(e);
}

static gint
compare_entries(gconstpointer pa, gconstpointer pb)
{
	const TimelineEntry *a = *(TimelineEntry *const *)pa;
	const TimelineEntry *b = *(TimelineEntry *const *)pb;

	return a->time < b->time ? -1 : a->time > b->time ? 1 : 0;
}

static void
timeline_add(GPtrArray *tl, gint64 time, char *line)
{
	TimelineEntry *e = g_new0(TimelineEntry, 1);

	e->time = time;
	e->line = line;
	g_ptr_array_add(tl, e);
}

/*
 * The gist of an update for the timeline: the "Final status:" / "Current
 * status:" paragraph when the post has those labels (Microsoft's posts repeat
 * title and impact first), else its start; at most 100 bytes, cut on a UTF-8
 * boundary.
 */
static char *
gist(const char *text)
{
	static const char *const labels[] = {"Final status:", "Current status:", "Root cause:"};
	const char *start = text != NULL ? text : "";

	for (gsize i = 0; i < G_N_ELEMENTS(labels); i++) {
		const char *hit = strstr(start, labels[i]);
		if (hit != NULL) {
			start = hit;
			break;
		}
	}
	g_autofree char *flat = terminal_safe(start, true);
	gsize n = strlen(flat);
	if (n > 100) {
		const char *cut = g_utf8_find_prev_char(flat, flat + 100);
		n = cut != NULL ? (gsize)(cut - flat) : 100;
		return g_strdup_printf("%.*s…", (int)n, flat);
	}
	return g_steal_pointer(&flat);
}

char *
report_incident_explain(const Incident *inc, gint64 now)
{
	GString *s = g_string_new(NULL);
	g_autofree char *start = short_time(incident_start(inc));
	gint64 end_t = incident_end(inc, now);
	g_autofree char *end_short = short_time(end_t);
	g_autofree char *end = end_t == SW_TIME_NONE ? g_strdup("ongoing")
						     : g_strdup_printf("%s UTC", end_short);
	g_autoptr(GPtrArray) services = incident_services(inc);
	g_autofree char *svc = join_services(services);
	g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func(g_free);

	g_string_append_printf(s, "Incident %s: %s\n", safe(keep, inc->id),
			       safe(keep, incident_title(inc)));
	g_string_append_printf(s, "  status %s, severity %s, %s UTC → %s\n", state_word(inc, now),
			       advisory_severity_to_string(incident_severity(inc)), start, end);
	g_string_append_printf(s, "  services: %s\n", svc);
	if (inc->aliases->len > 0) {
		g_string_append(s, "  also known as:");
		for (guint i = 0; i < inc->aliases->len; i++) {
			g_string_append_printf(s, " %s", safe(keep, inc->aliases->pdata[i]));
		}
		g_string_append_c(s, '\n');
	}
	if (inc->merged_by_hand) {
		g_string_append(s, "  merged by hand\n");
	}

	g_string_append_printf(s, "\nMembers (%u):\n", inc->members->len);
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		g_autofree char *as = short_time(a->start);
		g_autofree char *ae = a->end == SW_TIME_NONE ? g_strdup("open") : short_time(a->end);
		g_string_append_printf(s, "  %s (%s) %s, %s → %s%s\n    %s\n", safe(keep, a->id),
				       safe(keep, a->source), advisory_status_to_string(a->status),
				       as, ae, a->withdrawn ? ", withdrawn by its source" : "",
				       a->title != NULL ? safe(keep, a->title) : "(no title)");
	}
	guint nnotes = incident_note_count(inc);
	if (nnotes > 0) {
		/* Notes (Incident.notes): pages saying they are not affected by this event, or
		 * fine and only relaying it; listed, never members (no status, no span). */
		g_string_append_printf(s, "\nNotes (%u, not affected):\n", nnotes);
		for (guint i = 0; i < nnotes; i++) {
			const Advisory *a = inc->notes->pdata[i];
			g_autofree char *as = short_time(a->start);
			g_string_append_printf(s, "  %s (%s) %s\n    %s\n", safe(keep, a->id),
					       safe(keep, a->source), as,
					       a->title != NULL ? safe(keep, a->title) : "(no title)");
		}
	}

	if (inc->links->len > 0) {
		g_string_append(s, "\nWhy these belong together:\n");
		for (guint i = 0; i < inc->links->len; i++) {
			const IncidentLink *l = inc->links->pdata[i];
			g_string_append_printf(s, "  %s + %s  score %.2f%s\n", safe(keep, l->a_id),
					       safe(keep, l->b_id),
					       l->score, l->by_hand ? " (merged by hand)" : "");
			for (guint j = 0; j < l->reasons->len; j++) {
				g_string_append_printf(s, "    - %s\n",
						       safe(keep, l->reasons->pdata[j]));
			}
		}
	}

	g_autoptr(GPtrArray) tl = g_ptr_array_new_with_free_func(timeline_entry_free);
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		if (a->start != SW_TIME_NONE) {
			timeline_add(tl, a->start, g_strdup_printf("%s starts", safe(keep, a->id)));
		}
		AdvisoryStatus last = ADVISORY_STATUS_UNKNOWN;
		for (guint j = 0; j < a->updates->len; j++) {
			const AdvisoryUpdate *u = a->updates->pdata[j];
			if (u->time == SW_TIME_NONE) {
				continue;
			}
			g_autofree char *g = gist(u->text);
			if (u->status != ADVISORY_STATUS_UNKNOWN && u->status != last) {
				timeline_add(tl, u->time,
					     g_strdup_printf("%s %s: %s", safe(keep, a->id),
							     advisory_status_to_string(u->status),
							     g));
				last = u->status;
			} else {
				timeline_add(tl, u->time,
					     g_strdup_printf("%s update: %s", safe(keep, a->id), g));
			}
		}
		if (a->end != SW_TIME_NONE) {
			timeline_add(tl, a->end, g_strdup_printf("%s ends (%s)", safe(keep, a->id),
								 advisory_status_to_string(a->status)));
		}
	}
	g_ptr_array_sort(tl, compare_entries);
	if (tl->len > 0) {
		g_string_append(s, "\nTimeline (UTC):\n");
		for (guint i = 0; i < tl->len; i++) {
			const TimelineEntry *e = tl->pdata[i];
			g_autofree char *t = short_time(e->time);
			g_string_append_printf(s, "  %s  %s\n", t, e->line);
		}
	}
	return g_string_free(s, FALSE);
}

char *
report_advisories_text(GPtrArray *advisories)
{
	GString *s = g_string_new(NULL);

	g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; i < advisories->len; i++) {
		const Advisory *a = advisories->pdata[i];
		g_autofree char *as = short_time(a->start);
		g_autofree char *ae = a->end == SW_TIME_NONE ? g_strdup("open") : short_time(a->end);
		g_autofree char *svc = join_services(a->services);
		g_string_append_printf(s, "%s  %s %s (%s), %s → %s UTC  [%s]\n    %s\n",
				       safe(keep, a->id),
				       advisory_kind_to_string(a->kind),
				       advisory_status_to_string(a->status),
				       advisory_severity_to_string(a->severity), as, ae, svc,
				       a->title != NULL ? safe(keep, a->title) : "(no title)");
	}
	return g_string_free(s, FALSE);
}
