/*
 * linker_incidents() on several threads (from INCIDENTS_PARALLEL_MIN advisories
 * on) gives the one-thread answer: the same incidents, members, links, scores
 * and reasons, whatever the thread count and the order advisories were added in.
 * The advisories are generated (fixed seed) as for the linker benchmark
 * (test-linker-gen.h): fault groups of one to four advisories sharing a made-up
 * component and failure phrase, starting within an hour, among unrelated ones
 * with the same services and boilerplate, over a year.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "linker/linker.h"
#include "linker/linker_private.h"
#include "model/advisory.h"
#include "model/incident.h"
#include "test-linker-gen.h"

#define N_ADVISORIES 4400 /* above INCIDENTS_PARALLEL_MIN (asserted), small for valgrind */

/* Every incident: id, members, links with score and reasons, one line each. */
static char *
serialise(GPtrArray *incs, guint *ret_multi)
{
	GString *s = g_string_new(NULL);
	*ret_multi = 0;
	for (guint i = 0; i < incs->len; i++) {
		const Incident *inc = incs->pdata[i];
		*ret_multi += inc->members->len > 1;
		g_string_append_printf(s, "%s:", inc->id);
		for (guint m = 0; m < inc->members->len; m++) {
			const Advisory *a = inc->members->pdata[m];
			g_string_append_printf(s, " %s/%s", a->source, a->id);
		}
		for (guint k = 0; k < inc->links->len; k++) {
			const IncidentLink *lk = inc->links->pdata[k];
			g_string_append_printf(s, " | %s/%s-%s/%s %.9f", lk->a_source, lk->a_id,
					       lk->b_source, lk->b_id, lk->score);
			for (guint q = 0; q < lk->reasons->len; q++) {
				g_string_append_printf(s, " [%s]", (const char *)lk->reasons->pdata[q]);
			}
		}
		g_string_append_c(s, '\n');
	}
	return g_string_free(s, FALSE);
}

/* The answer of a new linker holding @advs (added in their order), on @threads
 * threads (1: the one-thread path). */
static char *
answer(GPtrArray *advs, guint threads, guint *ret_multi)
{
	LinkerOptions opts;
	linker_options_init(&opts);
	Linker *l = linker_new(&opts);
	linker_set_incident_threads(l, threads);
	for (guint i = 0; i < advs->len; i++) {
		linker_add(l, advs->pdata[i]);
	}
	g_assert_cmpuint(linker_count(l), >=, INCIDENTS_PARALLEL_MIN);
	GPtrArray *incs = linker_incidents(l, TEST_LINKER_T0 + TEST_LINKER_YEAR);
	char *s = serialise(incs, ret_multi);
	g_ptr_array_unref(incs);
	linker_free(l);
	linker_options_clear(&opts);
	return s;
}

static TestLinkerGen gen;
static GPtrArray *advs; /* gen.advs */
static char *one_thread; /* the one-thread answer */

static void
test_threads_same_answer(void)
{
	guint multi = 0;
	for (guint threads = 2; threads <= INCIDENTS_THREADS; threads *= 2) {
		g_autofree char *s = answer(advs, threads, &multi);
		g_assert_cmpstr(s, ==, one_thread);
	}
}

static void
test_threads_any_order(void)
{
	GPtrArray *shuffled = g_ptr_array_new();
	GRand *r = g_rand_new_with_seed(7);
	guint multi = 0;
	for (guint i = 0; i < advs->len; i++) {
		g_ptr_array_add(shuffled, advs->pdata[i]);
	}
	for (guint i = shuffled->len - 1; i > 0; i--) {
		guint j = (guint)g_rand_int_range(r, 0, (gint32)i + 1);
		gpointer t = shuffled->pdata[i];
		shuffled->pdata[i] = shuffled->pdata[j];
		shuffled->pdata[j] = t;
	}
	g_autofree char *s = answer(shuffled, INCIDENTS_THREADS, &multi);
	g_assert_cmpstr(s, ==, one_thread);
	g_rand_free(r);
	g_ptr_array_unref(shuffled);
}

/* A linker holding @advs, built so that no posting is ever left out: a few
 * advisories linked first (their flush is small), then the rest. */
static Linker *
linker_keeping_postings(GPtrArray *list)
{
	LinkerOptions opts;
	linker_options_init(&opts);
	Linker *l = linker_new(&opts);
	linker_options_clear(&opts);
	for (guint i = 0; i < list->len; i++) {
		linker_add(l, list->pdata[i]);
		if (i == 10) {
			g_ptr_array_unref(linker_incidents(l, TEST_LINKER_T0 + TEST_LINKER_YEAR));
		}
	}
	return l;
}

/*
 * A big batch's first flush leaves out the postings of terms too common to find
 * candidates (Posting.absent) and counts their time lift from the docs: every
 * term's df and near pairs (Term.obs) are those of a linker that kept every
 * posting, and so is the answer; after more advisories and replacements, the
 * postings of terms that may find candidates again are listed, and the answer is
 * still that of a linker that never left one out.
 */
static void
test_threads_absent_postings(void)
{
	TestLinkerGen more;
	test_linker_gen(&more, 2 * N_ADVISORIES + 1400, 20261206, false);
	GPtrArray *first = g_ptr_array_new(), *all = g_ptr_array_new();
	for (guint i = 0; i < more.advs->len; i++) {
		if (i < N_ADVISORIES) {
			g_ptr_array_add(first, more.advs->pdata[i]);
		}
		g_ptr_array_add(all, more.advs->pdata[i]);
	}
	gint64 now = TEST_LINKER_T0 + TEST_LINKER_YEAR;
	guint multi = 0;

	LinkerOptions opts;
	linker_options_init(&opts);
	Linker *a = linker_new(&opts);
	linker_options_clear(&opts);
	for (guint i = 0; i < first->len; i++) {
		linker_add(a, first->pdata[i]);
	}
	GPtrArray *incs = linker_incidents(a, now);
	g_autofree char *sa = serialise(incs, &multi);
	g_ptr_array_unref(incs);
	guint32 absent = a->n_absent;
	g_test_message("%u postings left out of %u terms", absent, a->terms->len);
	g_assert_cmpuint(absent, >, 0);
	Linker *b = linker_keeping_postings(first);
	incs = linker_incidents(b, now);
	g_autofree char *sb = serialise(incs, &multi);
	g_ptr_array_unref(incs);
	g_assert_cmpstr(sa, ==, sb);
	g_assert_cmpuint(b->n_absent, ==, 0);
	g_assert_cmpuint(a->terms->len, ==, b->terms->len);
	for (guint32 t = 0; t < a->terms->len; t++) {
		g_assert_cmpuint(TERM(a, t)->df, ==, TERM(b, t)->df);
		g_assert_cmpuint(TERM(a, t)->obs, ==, TERM(b, t)->obs);
	}
	linker_free(b);

	/* A feed named by a word whose posting was left out (scoring reads a source
	 * word's posting), more advisories one at a time, some added again (replaced). */
	const char *word = NULL;
	for (guint32 t = 0; t < a->terms->len && word == NULL; t++) {
		const char *surface = linker_term_surface(a, t);
		if (TERM(a, t)->post.absent && TERM(a, t)->n == 1 && strlen(surface) > 4 &&
		    strspn(surface, "abcdefghijklmnopqrstuvwxyz") == strlen(surface)) {
			word = surface;
		}
	}
	g_assert_nonnull(word);
	g_test_message("a feed named '%s'", word);
	for (guint k = 0; k < 3; k++) {
		Advisory *c = advisory_copy(all->pdata[k]);
		advisory_set_str(&c->source, word);
		g_ptr_array_add(all, c);
		g_ptr_array_add(more.advs, c); /* freed with them */
	}
	for (guint i = first->len; i < all->len; i++) {
		linker_add(a, all->pdata[i]);
		if (i % 7 == 0) {
			linker_add(a, all->pdata[i / 3]);
		}
	}
	incs = linker_incidents(a, now);
	g_autofree char *sa2 = serialise(incs, &multi);
	g_ptr_array_unref(incs);
	g_test_message("%u postings listed again", absent - a->n_absent);
	g_assert_cmpuint(a->n_absent, <, absent);
	b = linker_keeping_postings(all);
	for (guint i = first->len; i < all->len; i++) {
		if (i % 7 == 0) {
			linker_add(b, all->pdata[i / 3]);
		}
	}
	incs = linker_incidents(b, now);
	g_autofree char *sb2 = serialise(incs, &multi);
	g_ptr_array_unref(incs);
	g_assert_cmpstr(sa2, ==, sb2);
	linker_free(b);
	linker_free(a);
	g_ptr_array_unref(first);
	g_ptr_array_unref(all);
	test_linker_gen_clear(&more);
}

/* A doc's own providers from its URL are found once per feed and URL part before the
 * last '/' (url_self() in linker_index.c): the same as from each URL in full, for
 * URLs of one feed differing in their last part, a last part a host could reach
 * into (a '.', the "appsstatus" of www.google.com/appsstatus, in any case), a host
 * found first where it does not count ("xstatus.aws.amazon.com"), no URL, and a
 * suite's host whose items are its own by their service or not. */
static void
test_url_self(void)
{
	static const struct {
		const char *url, *service;
	} items[] = {
		{"https://status.aws.amazon.com/incidents/a1", NULL},
		{"https://status.aws.amazon.com/incidents/a2", NULL},
		{"https://www.google.com/appsstatus", NULL},
		{"https://www.google.com/other", NULL},
		{"https://www.google.com/AppsStatus#x", NULL},
		{"https://example.com/r/status.aws.amazon.com", NULL},
		{"https://example.com/r/x", NULL},
		{"https://STATUS.AWS.AMAZON.COM/incidents/a3", NULL},
		{"https://xstatus.aws.amazon.com/incidents/a4", NULL},
		{"https://xstatus.aws.amazon.com/incidents/a5-status.aws.amazon.com", NULL},
		{NULL, NULL},
		{"https://admin.microsoft.com/Adminportal/Home#/servicehealth/:/alerts/EX1",
		 "Exchange Online"},
		{"https://admin.microsoft.com/Adminportal/Home#/servicehealth/:/alerts/EX2", NULL},
		{"https://admin.microsoft.com/Adminportal/Home#/servicehealth/:/alerts/TM3",
		 "Microsoft Teams"},
		{"https://status.aws.amazon.com/incidents/a6", NULL},
	};
	LinkerOptions lo;
	linker_options_init(&lo);
	Linker *l = linker_new(&lo);
	g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	ProvMask some = PROV_NONE;
	for (guint i = 0; i < G_N_ELEMENTS(items); i++) {
		g_autofree char *id = g_strdup_printf("u%u", i);
		Advisory *a = advisory_new("mixed", id);
		advisory_set_str(&a->url, items[i].url);
		advisory_set_str(&a->title, "Elevated errors");
		a->start = 1700000000 + 600 * (gint64)i;
		if (items[i].service != NULL) {
			advisory_add_service(a, items[i].service);
		}
		linker_add(l, a);
		g_ptr_array_add(all, a);
	}
	for (guint i = 0; i < l->docs->len; i++) {
		const Doc *d = l->docs->pdata[i];
		const Advisory *a = d->adv;
		ProvMask suite;
		ProvMask want = prov_or(prov_or(d->si->providers,
						linker_knowledge_self(&l->know, NULL, a->url)),
					linker_knowledge_service_self(&l->know, a, &suite));
		g_test_message("%s: %s", a->url != NULL ? a->url : "(none)",
			       prov_any(want) ? "own" : "none");
		g_assert_true(prov_equal(d->self_provider, want));
		g_assert_cmpint(d->suite_feed, ==, prov_any(suite));
		some = prov_or(some, want);
	}
	/* Not vacuous: AWS, Google and Microsoft's services were found. */
	g_assert_true(prov_any(some));
	g_assert_true(prov_equal(((const Doc *)l->docs->pdata[0])->self_provider,
				 ((const Doc *)l->docs->pdata[1])->self_provider));
	g_assert_true(prov_any(((const Doc *)l->docs->pdata[2])->self_provider));
	g_assert_false(prov_any(((const Doc *)l->docs->pdata[3])->self_provider));
	g_assert_true(prov_any(((const Doc *)l->docs->pdata[4])->self_provider));
	g_assert_true(prov_any(((const Doc *)l->docs->pdata[5])->self_provider));
	g_assert_false(prov_any(((const Doc *)l->docs->pdata[8])->self_provider));
	g_assert_true(prov_any(((const Doc *)l->docs->pdata[11])->self_provider));
	g_assert_true(((const Doc *)l->docs->pdata[12])->suite_feed);
	linker_free(l);
}

/* A batch's postings come out of linker_postings_flush() sorted by (start,
 * doc) and clean (Posting.dirty false), though docs were added in an order
 * other than their starts' (so that posting_sort() has nothing left to do). */
static void
test_flush_sorted(void)
{
	LinkerOptions opts;
	linker_options_init(&opts);
	Linker *l = linker_new(&opts);
	linker_options_clear(&opts);
	for (guint i = 0; i < advs->len; i++) {
		linker_add(l, advs->pdata[i]);
	}
	linker_postings_flush(l);
	const Span *spans = (const Span *)(void *)l->spans->data;
	guint lists = 0, back = 0;
	for (guint32 t = 0; t < l->terms->len; t++) {
		const Posting *p = &TERM(l, t)->post;
		if (p->absent || p->len == 0) {
			continue;
		}
		lists++;
		g_assert_false(p->dirty);
		for (guint k = 0; k < p->len; k++) {
			gint64 s = spans[p->docs[k].doc].s;
			g_assert_cmpint(p->docs[k].smin, ==, linker_start_minutes(s));
			if (k == 0) {
				continue;
			}
			gint64 ps = spans[p->docs[k - 1].doc].s;
			g_assert_true(ps < s || (ps == s && p->docs[k - 1].doc < p->docs[k].doc));
			/* Added after the doc listed next: in index order, unsorted. */
			back += p->docs[k - 1].doc > p->docs[k].doc;
		}
	}
	g_test_message("%u postings, %u entries before an earlier-added doc's", lists, back);
	g_assert_cmpuint(lists, >, 1000);
	g_assert_cmpuint(back, >, 1000);
	linker_free(l);
}

static int
cmp_sort_entry(const void *pa, const void *pb)
{
	const SortEntry *a = pa, *b = pb;
	if (a->s != b->s) {
		return a->s < b->s ? -1 : 1;
	}
	return a->doc < b->doc ? -1 : a->doc > b->doc;
}

/* linker_sort_starts() orders any input as qsort() by (start, doc) does: runs
 * ascending, strictly descending and mixed (feeds listing newest first, equal
 * starts, repeated docs), short ones, empty and one-entry arrays, sizes around
 * the run length and the stack's 64 of posting_sort(). */
static void
test_sort_starts(void)
{
	GRand *r = g_rand_new_with_seed(20261207);
	for (guint round = 0; round < 3000; round++) {
		guint n = round < 300 ? round : (guint)g_rand_int_range(r, 0, 2000);
		SortEntry *a = g_new(SortEntry, 2 * (gsize)n + 1);
		SortEntry *want = g_new(SortEntry, (gsize)n + 1);
		guint *bounds = g_new(guint, SORT_BOUNDS(n));
		guint i = 0;
		while (i < n) {
			/* A run: up, down, equal starts or at random. */
			guint len = (guint)g_rand_int_range(r, 1, 80);
			len = MIN(len, n - i);
			gint kind = g_rand_int_range(r, 0, 4);
			gint64 s = g_rand_int_range(r, 0, 500);
			for (guint k = 0; k < len; k++, i++) {
				gint64 v = kind == 0 ? s + k : kind == 1 ? s - k : kind == 2 ? s
									   : g_rand_int_range(r, 0, 500);
				guint32 doc = (guint32)g_rand_int_range(r, 0, 4 * n + 1);
				if (i > 0 && g_rand_int_range(r, 0, 10) == 0) {
					doc = a[i - 1].doc; /* a repeated doc */
					v = a[i - 1].s;
				}
				a[i] = (SortEntry){.s = v, .doc = doc, .smin = (gint32)(v / 60)};
			}
		}
		memcpy(want, a, (gsize)n * sizeof(SortEntry));
		qsort(want, n, sizeof(SortEntry), cmp_sort_entry);
		const SortEntry *got = linker_sort_starts(a, a + n, n, bounds);
		for (guint k = 0; k < n; k++) {
			g_assert_cmpint(got[k].s, ==, want[k].s);
			g_assert_cmpuint(got[k].doc, ==, want[k].doc);
			g_assert_cmpint(got[k].smin, ==, want[k].smin);
		}
		g_free(bounds);
		g_free(want);
		g_free(a);
	}
	g_rand_free(r);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	test_linker_gen(&gen, N_ADVISORIES, 20261205, false);
	advs = gen.advs;
	guint multi = 0;
	one_thread = answer(advs, 1, &multi);
	/* Not vacuous: many faults were linked into incidents of several members. */
	g_test_message("%u incidents of several members", multi);
	g_assert_cmpuint(multi, >=, 500);
	g_test_add_func("/linker-threads/same-answer", test_threads_same_answer);
	g_test_add_func("/linker-threads/any-order", test_threads_any_order);
	g_test_add_func("/linker-threads/absent-postings", test_threads_absent_postings);
	g_test_add_func("/linker-threads/url-self", test_url_self);
	g_test_add_func("/linker-threads/sort-starts", test_sort_starts);
	g_test_add_func("/linker-threads/flush-sorted", test_flush_sorted);
	int rc = g_test_run();
	g_free(one_thread);
	test_linker_gen_clear(&gen);
	return rc;
}
