/*
 * The digest model and its two renderings: the July 2023 Exchange Online
 * sample (share/demo and the corpus pages) gives one incident holding
 * EX648815, EX649175 and EX649488, whose timeline draws EX649175 inside
 * EX648815 in both parts; the cause heuristic; sources unreachable in the
 * period; the empty digest; upcoming maintenance; hostile strings.
 */
#include <string.h>

#include <glib.h>

#include "linker/linker.h"
#include "model/source_outage.h"
#include "model/source_state.h"
#include "report/digest.h"
#include "sources/source.h"
#include "util/timeparse.h"

static gint64
t_(const char *rfc3339)
{
	gint64 t = 0;
	g_assert_true(time_parse_rfc3339(rfc3339, &t));
	return t;
}

static void
add_file(const char *path, gint64 now, Linker *linker, GPtrArray *all)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *data = NULL;
	gsize len = 0;

	g_assert_true(g_file_get_contents(path, &data, &len, &error));
	SourceContext ctx = {.source_name = "exchange", .base_url = "https://example.invalid/",
			     .now = now};
	g_autoptr(SourceResult) r = source_parse(&ctx, data, len, &error);
	g_assert_no_error(error);
	for (guint i = 0; i < r->advisories->len; i++) {
		linker_add(linker, r->advisories->pdata[i]);
		g_ptr_array_add(all, advisory_ref(r->advisories->pdata[i]));
	}
}

typedef struct {
	GPtrArray *advisories;
	GPtrArray *incidents;
	GArray *sources;
	GPtrArray *states;
	GPtrArray *outages;
	DigestInput in;
} Sample;

static void
sample_clear(Sample *s)
{
	g_clear_pointer(&s->advisories, g_ptr_array_unref);
	g_clear_pointer(&s->incidents, g_ptr_array_unref);
	g_clear_pointer(&s->sources, g_array_unref);
	g_clear_pointer(&s->states, g_ptr_array_unref);
	g_clear_pointer(&s->outages, g_ptr_array_unref);
}

/* The July 2023 files linked as of 26 July, digest of 17-19 July (UTC). */
static void
sample_load(Sample *s, const char *const *files)
{
	gint64 now = t_("2023-07-26T12:00:00Z");
	LinkerOptions lo;
	linker_options_init(&lo);
	g_autoptr(Linker) linker = linker_new(&lo);

	s->advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	for (const char *const *f = files; *f != NULL; f++) {
		add_file(*f, now, linker, s->advisories);
	}
	s->incidents = linker_incidents(linker, now);
	s->sources = g_array_new(FALSE, FALSE, sizeof(DigestWatched));
	DigestWatched w = {"exchange", 1800};
	g_array_append_val(s->sources, w);
	s->states = g_ptr_array_new_with_free_func((GDestroyNotify)source_state_free);
	SourceState *st = source_state_new("exchange");
	st->last_attempt = st->last_success = now;
	g_ptr_array_add(s->states, st);
	s->outages = g_ptr_array_new_with_free_func((GDestroyNotify)source_outage_free);
	s->in = (DigestInput){
		.since = t_("2023-07-17T00:00:00Z"),
		.until = t_("2023-07-20T00:00:00Z"),
		.now = now,
		.incidents = s->incidents,
		.advisories = s->advisories,
		.sources = s->sources,
		.states = s->states,
		.outages = s->outages,
	};
}

static const Advisory *
member(const DigestItem *item, const char *id)
{
	for (guint i = 0; i < item->incident->members->len; i++) {
		const Advisory *a = item->incident->members->pdata[i];
		if (strcmp(a->id, id) == 0) {
			return a;
		}
	}
	return NULL;
}

static const DigestItem *
item_with(const Digest *d, const char *id)
{
	for (guint i = 0; i < d->items->len; i++) {
		if (member(d->items->pdata[i], id) != NULL) {
			return d->items->pdata[i];
		}
	}
	return NULL;
}

/* The columns of the text timeline's row for @id: first and last non-space inside the
 * borders. */
static void
text_row_columns(const char *text, const char *id, guint *ret_first, guint *ret_last)
{
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	g_autofree char *prefix = g_strconcat("  ", id, " ", NULL);

	for (char **l = lines; *l != NULL; l++) {
		if (!g_str_has_prefix(*l, prefix)) {
			continue;
		}
		const char *bar = strchr(*l, '|');
		g_assert_nonnull(bar);
		bar++;
		g_assert_cmpuint(strlen(bar), ==, DIGEST_COLUMNS + 1);
		g_assert_cmpint(bar[DIGEST_COLUMNS], ==, '|');
		int first = -1, last = -1;
		for (int c = 0; c < DIGEST_COLUMNS; c++) {
			if (bar[c] != ' ') {
				first = first < 0 ? c : first;
				last = c;
			}
		}
		g_assert_cmpint(first, >=, 0);
		*ret_first = (guint)first;
		*ret_last = (guint)last;
		return;
	}
	g_assert_not_reached();
}

static void
check_july(const char *const *files)
{
	Sample s = {0};
	sample_load(&s, files);
	g_autoptr(Digest) d = digest_build(&s.in);

	/* One incident names all three advisories. */
	const DigestItem *item = item_with(d, "EX648815");
	g_assert_nonnull(item);
	g_assert_nonnull(member(item, "EX649175"));
	g_assert_nonnull(member(item, "EX649488"));
	g_assert_cmpuint(item->incident->members->len, ==, 3);
	/* The worst incident comes first: nothing in the sample is worse than minor, and the
	 * Exchange incident started first. */
	g_assert_true(d->items->pdata[0] == item);
	g_assert_cmpint(item->change, ==, DIGEST_CHANGE_OPENED);
	g_assert_false(item->active);
	g_assert_nonnull(item->cause);
	/* The stated root cause, from the most severe member that gives one (the demo and the
	 * corpus word it differently). */
	g_assert_true(g_str_has_prefix(item->cause, "A feature update"));
	g_assert_nonnull(strstr(item->cause, "Control Flow Messages"));
	g_assert_cmpuint(d->sources_watched, ==, 1);
	g_assert_cmpuint(d->unreachable->len, ==, 0);

	/* EX649175 (18 Jul 04:45-08:25) sits inside EX648815 (17 Jul 15:00 - 18 Jul 19:30). */
	guint f1, l1, f2, l2;
	g_assert_true(digest_bar(d, member(item, "EX648815"), &f1, &l1, NULL, NULL));
	g_assert_true(digest_bar(d, member(item, "EX649175"), &f2, &l2, NULL, NULL));
	g_assert_cmpuint(f1, ==, 12); /* 15:00 on day one: 15 h of 72 h, 60 columns */
	g_assert_cmpuint(l1, ==, 36); /* 43.5 h in, the column holding 19:29 */
	g_assert_cmpuint(f2, ==, 23); /* 04:45: 28.75 h in, column 23.96 */
	g_assert_cmpuint(l2, ==, 27); /* 08:25: 32.42 h in, column 27.01 */
	g_assert_cmpuint(f1, <, f2);
	g_assert_cmpuint(l2, <, l1);

	/* The text part draws the same columns. */
	g_autofree char *text = digest_render_text(d);
	guint tf, tl;
	text_row_columns(text, "EX648815", &tf, &tl);
	g_assert_cmpuint(tf, ==, f1);
	g_assert_cmpuint(tl, ==, l1);
	text_row_columns(text, "EX649175", &tf, &tl);
	g_assert_cmpuint(tf, ==, f2);
	g_assert_cmpuint(tl, ==, l2);
	/* EX649488 runs to 26 July: past the period, drawn to the edge with '>'. */
	text_row_columns(text, "EX649488", &tf, &tl);
	g_assert_cmpuint(tl, ==, DIGEST_COLUMNS - 1);
	g_assert_nonnull(strstr(text, ">|\n"));
	g_autofree char *cause_line = g_strdup_printf("   Cause: %s\n", item->cause);
	g_assert_nonnull(strstr(text, cause_line));
	g_assert_nonnull(strstr(text, "The 1 source watched was read in the period."));

	/* The HTML part: the bar cell of EX649175 spans its 4 columns after 23 empty ones,
	 * in the minor colour; no CSS the mail clients drop. */
	g_autofree char *html = digest_render_html(d);
	g_autofree char *row = g_strdup_printf(
		"EX649175</td><td colspan=\"%u\"></td><td colspan=\"%u\" style=\"padding:3px 0\"",
		f2, l2 - f2 + 1);
	g_assert_nonnull(strstr(html, row));
	g_assert_nonnull(strstr(html, digest_severity_colour(ADVISORY_SEVERITY_MINOR)));
	g_assert_null(strstr(html, "grid"));
	g_assert_null(strstr(html, "flex"));
	g_assert_null(strstr(html, "<svg"));
	g_assert_null(strstr(html, "<style"));
	g_autofree char *subject = digest_subject(d);
	g_assert_true(g_str_has_prefix(subject, "[statuswatch] Digest 17 Jul 00:00 → 20 Jul 00:00"));
	sample_clear(&s);
}

static void
test_july_demo(void)
{
	g_autofree char *demo = g_build_filename(g_getenv("SW_SOURCE_ROOT"), "share", "demo",
						 "exchange-2023-07.json", NULL);
	const char *files[] = {demo, NULL};
	check_july(files);
}

static void
test_july_corpus(void)
{
	g_autofree char *dir = g_build_filename(g_getenv("SW_SHARED"), "corpus",
						"exchange-2023-07", NULL);
	g_autofree char *p1 = g_build_filename(dir, "m365-page1.json", NULL);
	g_autofree char *p2 = g_build_filename(dir, "m365-page2.json", NULL);
	if (!g_file_test(p1, G_FILE_TEST_EXISTS)) {
		g_test_skip("corpus exchange-2023-07 not found");
		return;
	}
	const char *files[] = {p1, p2, NULL};
	check_july(files);
}

static Advisory *
adv(const char *id, AdvisorySeverity sev, const char *start, const char *end)
{
	Advisory *a = advisory_new("src", id);
	a->kind = ADVISORY_KIND_INCIDENT;
	a->severity = sev;
	a->start = start != NULL ? t_(start) : SW_TIME_NONE;
	a->end = end != NULL ? t_(end) : SW_TIME_NONE;
	a->status = end != NULL ? ADVISORY_STATUS_RESOLVED : ADVISORY_STATUS_INVESTIGATING;
	a->updated = a->start;
	advisory_set_str(&a->title, id);
	return a;
}

static Incident *
incident_of(const char *id, Advisory *a)
{
	Incident *inc = incident_new(id);
	incident_add_member(inc, a);
	advisory_unref(a);
	return inc;
}

static void
test_cause(void)
{
	static const struct {
		const char *text;
		const char *cause;
	} cases[] = {
		{"Final status: Fixed.  Root cause: A bad config push. This is the final update.",
		 "A bad config push."},
		{"We found the root cause was a certificate that expired. We renewed it.",
		 "We found the root cause was a certificate that expired."},
		{"Current status: Impact was caused by a network device in one datacenter. We are "
		 "rerouting.",
		 "Impact was caused by a network device in one datacenter."},
		{"Final status: A recent deployment caused a queue of messages; we rolled it back.",
		 "A recent deployment caused a queue of messages; we rolled it back."},
		{"Delays due to elevated load in eu-west-1", "Delays due to elevated load in eu-west-1"},
		{"We are investigating reports of slow page loads.", NULL},
		{"Users may be unable to sign in.\nNext update by 12:00 UTC.", NULL},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(Advisory) a = advisory_new("s", "x");
		advisory_add_update(a, 1000, ADVISORY_STATUS_UNKNOWN, cases[i].text);
		g_autofree char *c = digest_cause_of(a);
		g_assert_cmpstr(c, ==, cases[i].cause);
	}
	/* The newest post wins over an older guess; a long sentence is cut at a word. */
	g_autoptr(Advisory) a = advisory_new("s", "y");
	advisory_add_update(a, 1000, ADVISORY_STATUS_UNKNOWN, "Possibly due to a DNS issue.");
	advisory_add_update(a, 2000, ADVISORY_STATUS_UNKNOWN, "This was caused by a bad router.");
	g_autofree char *c = digest_cause_of(a);
	g_assert_cmpstr(c, ==, "This was caused by a bad router.");
	g_autoptr(GString) lng = g_string_new("Root cause: ");
	for (int i = 0; i < 60; i++) {
		g_string_append(lng, "word ");
	}
	g_autoptr(Advisory) b = advisory_new("s", "z");
	advisory_add_update(b, 1000, ADVISORY_STATUS_UNKNOWN, lng->str);
	g_autofree char *cb = digest_cause_of(b);
	g_assert_cmpuint(strlen(cb), <=, DIGEST_CAUSE_MAX);
	g_assert_true(g_str_has_suffix(cb, "word …"));
}

static void
test_empty_and_unreachable(void)
{
	g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func((GDestroyNotify)incident_free);
	g_autoptr(GPtrArray) advisories = g_ptr_array_new();
	g_autoptr(GArray) sources = g_array_new(FALSE, FALSE, sizeof(DigestWatched));
	g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func((GDestroyNotify)source_state_free);
	g_autoptr(GPtrArray) outages =
		g_ptr_array_new_with_free_func((GDestroyNotify)source_outage_free);
	const char *names[] = {"alpha", "beta", "gamma"};
	gint64 since = t_("2026-12-04T08:00:00Z"), until = t_("2026-12-05T08:00:00Z");

	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		DigestWatched w = {names[i], 1800};
		g_array_append_val(sources, w);
		SourceState *st = source_state_new(names[i]);
		st->last_attempt = st->last_success = until - 60;
		g_ptr_array_add(states, st);
	}
	/* An incident entirely before the period is not in it. */
	g_ptr_array_add(incidents, incident_of("I-old", adv("OLD", ADVISORY_SEVERITY_MAJOR,
							     "2026-12-01T00:00:00Z",
							     "2026-12-01T02:00:00Z")));
	DigestInput in = {.since = since, .until = until, .now = until, .incidents = incidents,
			  .advisories = advisories, .sources = sources, .states = states,
			  .outages = outages};
	{
		g_autoptr(Digest) d = digest_build(&in);
		g_assert_cmpuint(d->items->len, ==, 0);
		g_autofree char *text = digest_render_text(d);
		g_assert_nonnull(strstr(text, "No incidents; 3 sources watched, all reachable"));
		g_assert_null(strstr(text, "Timeline"));
		g_autofree char *subject = digest_subject(d);
		g_assert_true(g_str_has_suffix(subject, "no incidents, 3 sources watched, all "
							"reachable"));
	}
	/* beta failed for two hours in the period and recovered: a quiet digest still says so. */
	g_ptr_array_add(outages, source_outage_new("beta", since + 3600, since + 3 * 3600,
						   "HTTP 503 from 'https://status.example/'"));
	/* gamma is failing now, since before the period. */
	SourceState *g = states->pdata[2];
	g->failing_since = since - 600;
	g->last_error = g_strdup("connection refused");
	/* A failed poll the next one made good (10 minutes, under stale_after) is a blip. */
	g_ptr_array_add(outages, source_outage_new("alpha", since + 7200, since + 7800, "timeout"));
	/* An outage of a source nobody watches any more is not news. */
	g_ptr_array_add(outages, source_outage_new("gone", since, SW_TIME_NONE, "x"));
	{
		g_autoptr(Digest) d = digest_build(&in);
		g_assert_cmpuint(d->unreachable->len, ==, 2);
		g_autofree char *text = digest_render_text(d);
		g_assert_nonnull(strstr(text, "No incidents; 3 sources watched, 2 unreachable"));
		g_assert_nonnull(strstr(text, "! beta: unreachable 2026-12-04 09:00 → "
					      "2026-12-04 11:00 UTC (2h); last error: HTTP 503"));
		g_assert_nonnull(strstr(text, "! gamma: unreachable 2026-12-04 07:50 UTC → ongoing"));
		g_assert_null(strstr(text, "gone"));
		g_assert_null(strstr(text, "alpha"));
		g_autofree char *html = digest_render_html(d);
		g_assert_nonnull(strstr(html, "<b>gamma</b>: unreachable"));
		g_autofree char *subject = digest_subject(d);
		g_assert_true(g_str_has_suffix(subject, "no incidents, sources unreachable"));
	}
	/* A source whose last good read is older than the period: nothing polled it. */
	SourceState *a = states->pdata[0];
	a->last_success = a->last_attempt = since - 3 * 86400;
	{
		g_autoptr(Digest) d = digest_build(&in);
		g_autofree char *text = digest_render_text(d);
		g_assert_nonnull(strstr(text, "! alpha: not read in the period (last good read "
					      "2026-12-01 08:00 UTC)"));
	}
}

static void
test_worst_first_and_maintenance(void)
{
	g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func((GDestroyNotify)incident_free);
	g_autoptr(GPtrArray) advisories =
		g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	gint64 since = t_("2026-12-04T08:00:00Z"), until = t_("2026-12-05T08:00:00Z");

	g_ptr_array_add(incidents, incident_of("I-minor", adv("MIN", ADVISORY_SEVERITY_MINOR,
							      "2026-12-04T09:00:00Z",
							      "2026-12-04T10:00:00Z")));
	Advisory *crit = adv("CRIT", ADVISORY_SEVERITY_CRITICAL, "2026-12-04T20:00:00Z", NULL);
	advisory_set_str(&crit->title, "CRIT \x1b[2J\ntitle");
	g_ptr_array_add(incidents, incident_of("I-crit", crit));
	/* Open for a week, nothing new: still listed (ongoing). */
	g_ptr_array_add(incidents, incident_of("I-long", adv("LONG", ADVISORY_SEVERITY_MINOR,
							     "2026-11-28T00:00:00Z", NULL)));
	Advisory *m = adv("MAINT", ADVISORY_SEVERITY_INFO, "2026-12-06T22:00:00Z",
			  "2026-12-07T02:00:00Z");
	m->kind = ADVISORY_KIND_MAINTENANCE;
	m->status = ADVISORY_STATUS_SCHEDULED;
	advisory_set_str(&m->title, "Database upgrade <b>& friends'</b>");
	advisory_set_str(&m->url, "javascript:alert(1)");
	g_ptr_array_add(advisories, m);
	Advisory *far = adv("FAR", ADVISORY_SEVERITY_INFO, "2027-01-20T22:00:00Z",
			    "2027-01-21T02:00:00Z");
	far->kind = ADVISORY_KIND_MAINTENANCE;
	far->status = ADVISORY_STATUS_SCHEDULED;
	g_ptr_array_add(advisories, far);
	/* Maintenance linked into an incident of its own stays out of the incident list. */
	g_ptr_array_add(incidents, incident_of("I-maint", advisory_ref(m)));

	DigestInput in = {.since = since, .until = until, .now = until, .incidents = incidents,
			  .advisories = advisories};
	g_autoptr(Digest) d = digest_build(&in);
	g_assert_cmpuint(d->items->len, ==, 3);
	const DigestItem *i0 = d->items->pdata[0], *i1 = d->items->pdata[1],
			 *i2 = d->items->pdata[2];
	g_assert_cmpstr(i0->incident->id, ==, "I-crit");
	g_assert_cmpint(i0->change, ==, DIGEST_CHANGE_OPENED);
	g_assert_true(i0->active);
	g_assert_cmpstr(i1->incident->id, ==, "I-long");
	g_assert_cmpint(i1->change, ==, DIGEST_CHANGE_ONGOING);
	g_assert_cmpstr(i2->incident->id, ==, "I-minor");
	g_assert_cmpint(i2->change, ==, DIGEST_CHANGE_CAME_AND_WENT);
	g_assert_cmpuint(d->maintenance->len, ==, 1);

	g_autofree char *text = digest_render_text(d);
	g_assert_nonnull(strstr(text, "Upcoming maintenance"));
	g_assert_nonnull(strstr(text, "MAINT (src): Database upgrade"));
	g_assert_nonnull(strstr(text, "2026-12-06 22:00 → 2026-12-07 02:00 UTC (4h)"));
	g_assert_null(strstr(text, "FAR"));
	/* The critical bar: 12 h in of 24 h to the end, drawn with '#' up to '>'. */
	g_assert_nonnull(strstr(text, "  CRIT        |                              "
				      "#############################>|"));
	/* A feed's title cannot drive a terminal (`digest --dry-run`) or break the layout. */
	g_assert_null(strchr(text, '\x1b'));
	g_assert_nonnull(strstr(text, "1. CRIT ?[2J title\n"));
	g_autofree char *html = digest_render_html(d);
	/* &#39;, not &apos; (not HTML 4: Outlook desktop shows it as typed). */
	g_assert_nonnull(strstr(html, "Database upgrade &lt;b&gt;&amp; friends&#39;&lt;/b&gt;"));
	g_assert_null(strstr(html, "&apos;"));
	g_assert_null(strstr(html, "javascript:"));
	g_assert_nonnull(strstr(html, digest_severity_colour(ADVISORY_SEVERITY_CRITICAL)));
	g_autofree char *subject = digest_subject(d);
	g_assert_true(g_str_has_suffix(subject, ": 3 incidents (2 still open)"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/digest/july-demo", test_july_demo);
	g_test_add_func("/digest/july-corpus", test_july_corpus);
	g_test_add_func("/digest/cause", test_cause);
	g_test_add_func("/digest/empty-and-unreachable", test_empty_and_unreachable);
	g_test_add_func("/digest/worst-first-and-maintenance", test_worst_first_and_maintenance);
	return g_test_run();
}
