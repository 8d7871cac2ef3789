/*
 * The digest model (see digest.h): which incidents, which sources, which
 * maintenance a period's summary names, the cause heuristic and the timeline's
 * column arithmetic that both renderers share.  Pure: no I/O, no clock, no
 * logging; the caller loads the input from the store and passes `now`.
 */
#include "report/digest.h"

#include <string.h>

#include "report/digest_private.h"
#include "util/timeparse.h"

typedef struct {
	const char *name; /* "minor" */
	const char *colour;
	char ch;
} SeverityLook;

/*
 * Bar colours: four hues far apart (red, orange, amber, blue) plus grey, so they
 * stay apart for people with red-green colour blindness (the text says the
 * severity too) and so a test can tell them apart in a screenshot.  Nothing else
 * in the HTML part uses these exact colours as a fill.
 */
static const SeverityLook severity_looks[ADVISORY_SEVERITY_COUNT] = {
	[ADVISORY_SEVERITY_UNKNOWN] = {"unknown", "#8c8c8c", '~'},
	[ADVISORY_SEVERITY_INFO] = {"info", "#1e6fd9", '.'},
	[ADVISORY_SEVERITY_MINOR] = {"minor", "#f2b600", '-'},
	[ADVISORY_SEVERITY_MAJOR] = {"major", "#e65100", '='},
	[ADVISORY_SEVERITY_CRITICAL] = {"critical", "#b00020", '#'},
};

static const char *const change_names[DIGEST_CHANGE_COUNT] = {
	[DIGEST_CHANGE_ONGOING] = "ongoing",
	[DIGEST_CHANGE_OPENED] = "opened",
	[DIGEST_CHANGE_RESOLVED] = "resolved",
	[DIGEST_CHANGE_CAME_AND_WENT] = "opened and resolved",
	[DIGEST_CHANGE_UPDATED] = "updated",
};

const char *
digest_severity_colour(AdvisorySeverity severity)
{
	if ((guint)severity >= ADVISORY_SEVERITY_COUNT) {
		severity = ADVISORY_SEVERITY_UNKNOWN;
	}
	return severity_looks[severity].colour;
}

char
digest_severity_char(AdvisorySeverity severity)
{
	if ((guint)severity >= ADVISORY_SEVERITY_COUNT) {
		severity = ADVISORY_SEVERITY_UNKNOWN;
	}
	return severity_looks[severity].ch;
}

const char *
digest_change_to_string(DigestChange change)
{
	if ((guint)change >= DIGEST_CHANGE_COUNT) {
		return "ongoing";
	}
	return change_names[change];
}

/* ---- spans ---- */

/* When an advisory's trouble began: its start, else its first dated update, else its
 * last update.  SW_TIME_NONE when the source gave no time at all. */
static gint64
advisory_begin(const Advisory *a)
{
	if (a->start != SW_TIME_NONE) {
		return a->start;
	}
	for (guint i = 0; i < a->updates->len; i++) {
		const AdvisoryUpdate *u = a->updates->pdata[i];
		if (u->time != SW_TIME_NONE) {
			return u->time;
		}
	}
	return a->updated;
}

/* When it ended, judged at @now: its end, else (closed or withdrawn) its last update,
 * else SW_TIME_NONE (still open).  Never before it began. */
static gint64
advisory_finish(const Advisory *a, gint64 now)
{
	gint64 e = SW_TIME_NONE;

	if (a->end != SW_TIME_NONE) {
		e = a->end;
	} else if (advisory_is_closed(a, now) || a->withdrawn) {
		e = a->updated;
	}
	gint64 b = advisory_begin(a);
	if (e != SW_TIME_NONE && b != SW_TIME_NONE && e < b) {
		e = b;
	}
	return e;
}

static bool
in_period(gint64 t, gint64 since, gint64 until)
{
	return t != SW_TIME_NONE && t >= since && t < until;
}

/* The advisory was posted to or changed in [since, until). */
static bool
updated_in(const Advisory *a, gint64 since, gint64 until)
{
	if (in_period(a->updated, since, until)) {
		return true;
	}
	for (guint i = 0; i < a->updates->len; i++) {
		const AdvisoryUpdate *u = a->updates->pdata[i];
		if (in_period(u->time, since, until)) {
			return true;
		}
	}
	return false;
}

/* Its span [begin, finish) reaches into [since, until). */
static bool
touches(const Advisory *a, gint64 since, gint64 until, gint64 now)
{
	gint64 b = advisory_begin(a);
	gint64 e = advisory_finish(a, now);

	if (b == SW_TIME_NONE || b >= until) {
		return updated_in(a, since, until);
	}
	return e == SW_TIME_NONE || e >= since || updated_in(a, since, until);
}

static bool
is_maintenance(const Advisory *a)
{
	return a->kind == ADVISORY_KIND_MAINTENANCE || a->status == ADVISORY_STATUS_SCHEDULED;
}

/* ---- cause ---- */

/* Phrases that introduce a cause, in no particular order: the first sentence (newest
 * post first) holding any of them wins.  " caused " catches "a deployment caused a
 * queue"; "because of" rather than "because", which mostly explains impact ("users
 * cannot send because ..."). */
static const char *const cause_phrases[] = {
	"caused by", "due to", "because of", "the result of", "resulted from", "triggered by",
	"attributed to", "stemmed from", "traced to", "was caused", " caused ", "the cause",
};

static bool
sentence_break(const char *text, const char *p)
{
	/* ". " ends a sentence; so do a line break and the double space feeds use between
	 * labelled sections ("...  Current status: ..."). */
	if (*p == '\n' || (p[0] == ' ' && p[1] == ' ')) {
		return true;
	}
	return p > text && (p[-1] == '.' || p[-1] == '!' || p[-1] == '?') && p[0] == ' ';
}

/* Drops a leading label such as "Final status: " or "Current status: ": up to three
 * words before a colon. */
static const char *
skip_label(const char *s, const char *end)
{
	int words = 1;

	for (const char *p = s; p < end && p - s < 32; p++) {
		if (*p == ' ') {
			words++;
			if (words > 3) {
				return s;
			}
		} else if (*p == ':' && p + 1 < end && p[1] == ' ') {
			return p + 2;
		} else if (*p == '.' || *p == ',') {
			return s;
		}
	}
	return s;
}

/* A copy of [s, end) trimmed, folded to one line and cut at DIGEST_CAUSE_MAX. */
static char *
tidy_sentence(const char *s, const char *end)
{
	while (s < end && g_ascii_isspace(*s)) {
		s++;
	}
	while (end > s && g_ascii_isspace(end[-1])) {
		end--;
	}
	if (end <= s) {
		return NULL;
	}
	g_autoptr(GString) out = g_string_sized_new((gsize)(end - s) + 4);
	for (const char *p = s; p < end; p++) {
		char c = g_ascii_isspace(*p) ? ' ' : *p;
		if (c == ' ' && out->len > 0 && out->str[out->len - 1] == ' ') {
			continue;
		}
		g_string_append_c(out, c);
	}
	if (out->len > DIGEST_CAUSE_MAX) {
		/* Cut at a space so a UTF-8 sequence is never split. */
		gsize cut = DIGEST_CAUSE_MAX - 4;
		while (cut > 0 && out->str[cut] != ' ') {
			cut--;
		}
		g_string_truncate(out, cut);
		g_string_append(out, " …");
	}
	out->str[0] = g_ascii_toupper(out->str[0]);
	return g_string_free(g_steal_pointer(&out), FALSE);
}

/* The sentence of @text around @hit. */
static char *
sentence_at(const char *text, const char *hit)
{
	const char *s = hit;
	while (s > text && !sentence_break(text, s - 1)) {
		s--;
	}
	const char *e = hit;
	while (*e != '\0' && !sentence_break(text, e)) {
		e++;
	}
	return tidy_sentence(skip_label(s, e), e);
}

static const char *
find_ci(const char *haystack, const char *needle)
{
	gsize n = strlen(needle);

	for (const char *p = haystack; *p != '\0'; p++) {
		if (g_ascii_strncasecmp(p, needle, n) == 0) {
			return p;
		}
	}
	return NULL;
}

/* "Root cause: X." gives X; "The root cause was X." gives the sentence. */
static char *
root_cause(const char *text)
{
	const char *hit = find_ci(text, "root cause");
	if (hit == NULL) {
		return NULL;
	}
	const char *p = hit + strlen("root cause");
	while (*p == ' ') {
		p++;
	}
	if (*p != ':') {
		return sentence_at(text, hit);
	}
	p++;
	const char *e = p;
	while (*e == ' ') {
		e++;
	}
	while (*e != '\0' && !sentence_break(text, e)) {
		e++;
	}
	return tidy_sentence(p, e);
}

static char *
phrase_cause(const char *text)
{
	const char *best = NULL;

	for (gsize i = 0; i < G_N_ELEMENTS(cause_phrases); i++) {
		const char *hit = find_ci(text, cause_phrases[i]);
		if (hit != NULL && (best == NULL || hit < best)) {
			best = hit;
		}
	}
	return best != NULL ? sentence_at(text, best) : NULL;
}

char *
digest_cause_of(const Advisory *adv)
{
	g_return_val_if_fail(adv != NULL, NULL);

	/* Newest post first (it knows most), the description last. */
	g_autoptr(GPtrArray) texts = g_ptr_array_new();
	for (guint i = adv->updates->len; i > 0; i--) {
		const AdvisoryUpdate *u = adv->updates->pdata[i - 1];
		if (u->text != NULL) {
			g_ptr_array_add(texts, u->text);
		}
	}
	if (adv->text != NULL) {
		g_ptr_array_add(texts, adv->text);
	}
	for (guint i = 0; i < texts->len; i++) {
		char *c = root_cause(texts->pdata[i]);
		if (c != NULL) {
			return c;
		}
	}
	for (guint i = 0; i < texts->len; i++) {
		char *c = phrase_cause(texts->pdata[i]);
		if (c != NULL) {
			return c;
		}
	}
	return NULL;
}

/* Members worst first, then earliest: the most severe member's account of the cause is
 * the one to quote, and a stated root cause beats a phrase anywhere. */
static int
compare_cause_order(gconstpointer pa, gconstpointer pb)
{
	const Advisory *a = *(Advisory *const *)pa;
	const Advisory *b = *(Advisory *const *)pb;

	if (a->severity != b->severity) {
		return a->severity > b->severity ? -1 : 1;
	}
	gint64 sa = advisory_begin(a), sb = advisory_begin(b);
	return sa < sb ? -1 : sa > sb;
}

static char *
incident_cause(const Incident *inc)
{
	g_autoptr(GPtrArray) order = g_ptr_array_new();
	for (guint i = 0; i < inc->members->len; i++) {
		g_ptr_array_add(order, inc->members->pdata[i]);
	}
	g_ptr_array_sort(order, compare_cause_order);
	/* Root causes first across all members, then phrases. */
	for (guint pass = 0; pass < 2; pass++) {
		for (guint i = 0; i < order->len; i++) {
			const Advisory *a = order->pdata[i];
			char *c = NULL;
			if (pass == 0) {
				for (guint j = a->updates->len; j > 0 && c == NULL; j--) {
					const AdvisoryUpdate *u = a->updates->pdata[j - 1];
					c = u->text != NULL ? root_cause(u->text) : NULL;
				}
				if (c == NULL && a->text != NULL) {
					c = root_cause(a->text);
				}
			} else {
				c = digest_cause_of(a);
			}
			if (c != NULL) {
				return c;
			}
		}
	}
	return NULL;
}

/* ---- timeline ---- */

static guint
column_of(const Digest *d, gint64 t)
{
	if (t <= d->since) {
		return 0;
	}
	if (t >= d->until) {
		return DIGEST_COLUMNS;
	}
	/* (t - since) * COLUMNS fits in 64 bits for any period shorter than ~4,800 years. */
	return (guint)((t - d->since) * DIGEST_COLUMNS / (d->until - d->since));
}

bool
digest_bar(const Digest *digest, const Advisory *adv, guint *ret_first, guint *ret_last,
	   bool *ret_clipped_left, bool *ret_clipped_right)
{
	g_return_val_if_fail(digest != NULL && adv != NULL, false);

	gint64 b = advisory_begin(adv);
	if (b == SW_TIME_NONE || b >= digest->until) {
		return false;
	}
	gint64 e = advisory_finish(adv, digest->now);
	bool open_right = e == SW_TIME_NONE || e > digest->until;
	if (!open_right && e < digest->since) {
		return false;
	}
	guint first = column_of(digest, b);
	/* The end is exclusive: a bar ending exactly on a column boundary stops before it. */
	guint last = open_right ? DIGEST_COLUMNS - 1 : column_of(digest, e > b ? e - 1 : e);
	if (last >= DIGEST_COLUMNS) {
		last = DIGEST_COLUMNS - 1;
	}
	if (last < first) {
		last = first;
	}
	*ret_first = first;
	*ret_last = last;
	if (ret_clipped_left != NULL) {
		*ret_clipped_left = b < digest->since;
	}
	if (ret_clipped_right != NULL) {
		*ret_clipped_right = open_right;
	}
	return true;
}

/* ---- building ---- */

static void
digest_item_free(DigestItem *item)
{
	if (item == NULL) {
		return;
	}
	g_free(item->cause);
	g_ptr_array_unref(item->services);
	g_free(item);
}

static void
digest_unreachable_free(DigestUnreachable *u)
{
	if (u == NULL) {
		return;
	}
	g_free(u->source);
	g_free(u->label);
	g_free(u->error);
	g_free(u);
}

static DigestItem *
item_for(const Incident *inc, const DigestInput *in)
{
	bool all_maintenance = inc->members->len > 0;
	bool touched = false;
	gint64 start = SW_TIME_NONE, end = SW_TIME_NONE;
	bool open = false;

	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		all_maintenance = all_maintenance && is_maintenance(a);
		touched = touched || touches(a, in->since, in->until, in->now);
		gint64 b = advisory_begin(a);
		if (b != SW_TIME_NONE && (start == SW_TIME_NONE || b < start)) {
			start = b;
		}
		gint64 e = advisory_finish(a, in->now);
		if (e == SW_TIME_NONE) {
			open = true;
		} else if (end == SW_TIME_NONE || e > end) {
			end = e;
		}
	}
	/* Maintenance has its own section; an incident no member of which reaches the period
	 * is not this digest's business. */
	if (all_maintenance || !touched) {
		return NULL;
	}
	if (open) {
		end = SW_TIME_NONE;
	}
	DigestItem *item = g_new0(DigestItem, 1);
	item->incident = inc;
	item->severity = incident_severity(inc);
	item->active = incident_is_active(inc, in->now);
	item->start = start;
	item->end = end;
	bool started = in_period(start, in->since, in->until);
	bool ended = in_period(end, in->since, in->until);
	if (started && ended) {
		item->change = DIGEST_CHANGE_CAME_AND_WENT;
	} else if (started) {
		item->change = DIGEST_CHANGE_OPENED;
	} else if (ended) {
		item->change = DIGEST_CHANGE_RESOLVED;
	} else if (end == SW_TIME_NONE || end >= in->until) {
		item->change = DIGEST_CHANGE_ONGOING;
	} else {
		item->change = DIGEST_CHANGE_UPDATED;
	}
	item->cause = incident_cause(inc);
	item->services = incident_services(inc);
	return item;
}

/* Worst first: severity, then still open at the period's end, then earliest start,
 * then id (a stable order for equal incidents). */
static int
compare_items(gconstpointer pa, gconstpointer pb)
{
	const DigestItem *a = *(DigestItem *const *)pa;
	const DigestItem *b = *(DigestItem *const *)pb;

	if (a->severity != b->severity) {
		return a->severity > b->severity ? -1 : 1;
	}
	bool oa = a->change == DIGEST_CHANGE_ONGOING || a->change == DIGEST_CHANGE_OPENED;
	bool ob = b->change == DIGEST_CHANGE_ONGOING || b->change == DIGEST_CHANGE_OPENED;
	if (oa != ob) {
		return oa ? -1 : 1;
	}
	if (a->start != b->start) {
		return a->start < b->start ? -1 : 1;
	}
	return g_strcmp0(a->incident->id, b->incident->id);
}

static const SourceState *
find_state(const DigestInput *in, const char *name)
{
	for (guint i = 0; in->states != NULL && i < in->states->len; i++) {
		const SourceState *s = in->states->pdata[i];
		if (g_strcmp0(s->name, name) == 0) {
			return s;
		}
	}
	return NULL;
}

static void
add_unreachable(Digest *d, const char *source, const char *label, gint64 start, gint64 end,
		const char *error)
{
	DigestUnreachable *u = g_new0(DigestUnreachable, 1);

	u->source = g_strdup(source);
	u->label = g_strdup(label);
	u->start = start;
	u->end = end;
	u->error = g_strdup(error);
	g_ptr_array_add(d->unreachable, u);
}

static const DigestWatched *
watched(const DigestInput *in, const char *name)
{
	for (guint i = 0; in->sources != NULL && i < in->sources->len; i++) {
		const DigestWatched *w = &g_array_index(in->sources, DigestWatched, i);
		if (g_strcmp0(w->name, name) == 0) {
			return w;
		}
	}
	return NULL;
}

/*
 * A source counts as unreachable in the period when a recorded outage at least its
 * stale_after long overlaps it, when it is failing now (for stale_after or more) and
 * began failing before the period ended, when it was never read successfully, or
 * when its last good read is older than the period (nothing polled it: a stopped
 * daemon must not look like a quiet day).  A failed poll that the next one made
 * good is a blip, as it is for the "source unreachable" notice.
 */
static void
collect_unreachable(Digest *d, const DigestInput *in)
{
	for (guint i = 0; in->outages != NULL && i < in->outages->len; i++) {
		const SourceOutage *o = in->outages->pdata[i];
		const DigestWatched *w = watched(in, o->source);
		gint64 end = o->end != SW_TIME_NONE ? o->end : in->now;
		if (w == NULL || o->start >= in->until ||
		    (o->end != SW_TIME_NONE && o->end <= in->since) ||
		    end - o->start < w->stale_after) {
			continue;
		}
		add_unreachable(d, o->source, NULL, o->start, o->end, o->error);
	}
	for (guint i = 0; in->sources != NULL && i < in->sources->len; i++) {
		const DigestWatched *w = &g_array_index(in->sources, DigestWatched, i);
		const char *name = w->name;
		const SourceState *s = find_state(in, name);
		bool listed = false;
		for (guint j = 0; j < d->unreachable->len; j++) {
			const DigestUnreachable *u = d->unreachable->pdata[j];
			listed = listed || (g_strcmp0(u->source, name) == 0 && u->end == SW_TIME_NONE);
		}
		if (listed) {
			continue;
		}
		if (s == NULL || s->last_attempt == SW_TIME_NONE) {
			add_unreachable(d, name, "not polled yet", SW_TIME_NONE, SW_TIME_NONE, NULL);
		} else if (s->last_success == SW_TIME_NONE) {
			add_unreachable(d, name, "never read successfully", s->failing_since,
					SW_TIME_NONE, s->last_error);
		} else if (s->failing_since != SW_TIME_NONE && s->failing_since < in->until &&
			   in->now - s->failing_since >= w->stale_after) {
			add_unreachable(d, name, NULL, s->failing_since, SW_TIME_NONE,
					s->last_error);
		} else if (s->last_success < in->since) {
			g_autofree char *when = time_format_minutes(s->last_success, "?");
			g_autofree char *label = g_strdup_printf(
				"not read in the period (last good read %s UTC)", when);
			add_unreachable(d, name, label, SW_TIME_NONE, SW_TIME_NONE, NULL);
		}
	}
}

static int
compare_unreachable(gconstpointer pa, gconstpointer pb)
{
	const DigestUnreachable *a = *(DigestUnreachable *const *)pa;
	const DigestUnreachable *b = *(DigestUnreachable *const *)pb;
	int c = g_strcmp0(a->source, b->source);

	if (c != 0) {
		return c;
	}
	return a->start < b->start ? -1 : a->start > b->start;
}

static int
compare_by_start(gconstpointer pa, gconstpointer pb)
{
	const Advisory *a = *(Advisory *const *)pa;
	const Advisory *b = *(Advisory *const *)pb;
	gint64 sa = advisory_begin(a), sb = advisory_begin(b);

	if (sa != sb) {
		return sa < sb ? -1 : 1;
	}
	return g_strcmp0(a->id, b->id);
}

Digest *
digest_build(const DigestInput *in)
{
	g_return_val_if_fail(in != NULL && in->since < in->until, NULL);

	Digest *d = g_new0(Digest, 1);
	d->since = in->since;
	d->until = in->until;
	d->now = in->now;
	d->items = g_ptr_array_new_with_free_func((GDestroyNotify)digest_item_free);
	d->unreachable = g_ptr_array_new_with_free_func((GDestroyNotify)digest_unreachable_free);
	d->maintenance = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	d->sources_watched = in->sources != NULL ? in->sources->len : 0;

	for (guint i = 0; in->incidents != NULL && i < in->incidents->len; i++) {
		DigestItem *item = item_for(in->incidents->pdata[i], in);
		if (item != NULL) {
			g_ptr_array_add(d->items, item);
		}
	}
	g_ptr_array_sort(d->items, compare_items);

	for (guint i = 0; in->advisories != NULL && i < in->advisories->len; i++) {
		Advisory *a = in->advisories->pdata[i];
		if (touches(a, in->since, in->until, in->now)) {
			d->advisories_seen++;
		}
		if (!is_maintenance(a) || advisory_is_closed(a, in->now) || a->withdrawn) {
			continue;
		}
		gint64 b = advisory_begin(a);
		gint64 e = advisory_finish(a, in->now);
		bool soon = b == SW_TIME_NONE || b < in->until + DIGEST_MAINTENANCE_AHEAD;
		bool not_over = e == SW_TIME_NONE || e > in->until;
		if (soon && not_over) {
			g_ptr_array_add(d->maintenance, advisory_ref(a));
		}
	}
	g_ptr_array_sort(d->maintenance, compare_by_start);

	collect_unreachable(d, in);
	g_ptr_array_sort(d->unreachable, compare_unreachable);
	return d;
}

void
digest_free(Digest *digest)
{
	if (digest == NULL) {
		return;
	}
	g_ptr_array_unref(digest->items);
	g_ptr_array_unref(digest->unreachable);
	g_ptr_array_unref(digest->maintenance);
	g_free(digest);
}

/* ---- shared by the renderers (digest_private.h) ---- */

char *
digest_format_duration(gint64 seconds)
{
	gint64 m = seconds / 60;
	gint64 days = m / (24 * 60), hours = m / 60 % 24, mins = m % 60;
	g_autoptr(GString) s = g_string_new(NULL);

	if (days > 0) {
		g_string_append_printf(s, "%" G_GINT64_FORMAT "d", days);
	}
	if (hours > 0) {
		g_string_append_printf(s, "%s%" G_GINT64_FORMAT "h", s->len > 0 ? " " : "", hours);
	}
	if (mins > 0 || s->len == 0) {
		g_string_append_printf(s, "%s%" G_GINT64_FORMAT "m", s->len > 0 ? " " : "", mins);
	}
	return g_string_free(g_steal_pointer(&s), FALSE);
}

char *
digest_format_window(gint64 start, gint64 end, gint64 now)
{
	g_autofree char *a = time_format_minutes(start, "?");
	if (end == SW_TIME_NONE) {
		if (start == SW_TIME_NONE) {
			return g_strdup("ongoing");
		}
		if (start > now) {
			/* Announced work (maintenance) that has not begun. */
			g_autofree char *in = digest_format_duration(start - now);
			return g_strdup_printf("from %s UTC (in %s), end not announced", a, in);
		}
		g_autofree char *dur = digest_format_duration(now - start);
		return g_strdup_printf("%s UTC → ongoing (%s so far)", a, dur);
	}
	g_autofree char *b = time_format_minutes(end, "?");
	if (start == SW_TIME_NONE) {
		return g_strdup_printf("? → %s UTC", b);
	}
	g_autofree char *dur = digest_format_duration(MAX(end - start, 0));
	return g_strdup_printf("%s → %s UTC (%s)", a, b, dur);
}

char *
digest_format_period(const Digest *d)
{
	g_autofree char *a = time_format_minutes(d->since, "?");
	g_autofree char *b = time_format_minutes(d->until, "?");
	return g_strdup_printf("%s → %s UTC", a, b);
}

GArray *
digest_ticks(const Digest *d)
{
	GArray *ticks = g_array_new(FALSE, TRUE, sizeof(DigestTick));
	gint64 span = d->until - d->since;
	/* One tick a day for periods up to ten days, every six hours for up to a day and a
	 * half (a daily digest), else one a week: at most ~10 labels on 60 columns. */
	gint64 step = span <= 36 * 3600 ? 6 * 3600 : span <= 10 * 86400 ? 86400 : 7 * 86400;
	gint64 t = d->since - d->since % step;

	if (t < d->since) {
		t += step;
	}
	for (; t < d->until && ticks->len < 64; t += step) {
		DigestTick tick = {.column = column_of(d, t)};
		g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
		g_autofree char *label = g_date_time_format(
			dt, (step < 86400 && t % 86400 != 0) ? "%H:%M" : "%d %b");
		g_strlcpy(tick.label, label, sizeof(tick.label));
		g_array_append_val(ticks, tick);
	}
	return ticks;
}

char *
digest_summary_line(const Digest *d)
{
	guint n = d->items->len, u = d->unreachable->len;
	g_autoptr(GString) s = g_string_new(NULL);

	if (n == 0) {
		g_string_append(s, "No incidents; ");
	} else {
		g_string_append_printf(s, "%u incident%s; ", n, n == 1 ? "" : "s");
	}
	g_string_append_printf(s, "%u source%s watched, ", d->sources_watched,
			       d->sources_watched == 1 ? "" : "s");
	if (u == 0) {
		g_string_append(s, "all reachable");
	} else {
		g_autoptr(GHashTable) names = g_hash_table_new(g_str_hash, g_str_equal);
		for (guint i = 0; i < u; i++) {
			const DigestUnreachable *x = d->unreachable->pdata[i];
			g_hash_table_add(names, x->source);
		}
		guint k = g_hash_table_size(names);
		g_string_append_printf(s, "%u unreachable in the period", k);
	}
	g_string_append_printf(s, "; %u advisor%s seen", d->advisories_seen,
			       d->advisories_seen == 1 ? "y" : "ies");
	return g_string_free(g_steal_pointer(&s), FALSE);
}
