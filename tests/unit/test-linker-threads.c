/*
 * linker_incidents() on several threads (from INCIDENTS_PARALLEL_MIN advisories
 * on) gives the one-thread answer: the same incidents, members, links, scores
 * and reasons, whatever the thread count and the order advisories were added in.
 * The advisories are generated (fixed seed): fault groups of two to four
 * advisories from different sources sharing a made-up component and failure
 * phrase, starting within an hour, among unrelated ones, over a year.
 */
#include <string.h>

#include <glib.h>

#include "linker/linker.h"
#include "linker/linker_private.h"
#include "model/advisory.h"
#include "model/incident.h"

#define N_ADVISORIES 4400 /* above INCIDENTS_PARALLEL_MIN (asserted), small for valgrind */
#define T0 1672531200     /* 2023-01-01 */
#define YEAR (365 * 24 * 3600)

static const char *const services[] = {
	"Exchange Online", "Microsoft Teams", "SharePoint Online", "Amazon EC2",
	"Amazon S3",       "Cloud SQL",       "API",               "Webhooks",
};
static const char *const failures[] = {
	"ran out of memory", "returned stale routing data", "rejected valid tokens",
	"exhausted its connection pool", "lost quorum", "stopped processing its queue",
};

static Advisory *
make_one(GRand *r, guint num, gint64 start, const char *comp, const char *fail)
{
	g_autofree char *id = g_strdup_printf("T%05u", num);
	g_autofree char *source = g_strdup_printf("src%u", num % 23);
	const char *service = services[g_rand_int_range(r, 0, G_N_ELEMENTS(services))];
	gint64 dur = g_rand_int_range(r, 1800, 8 * 3600);
	Advisory *a = advisory_new(source, id);
	g_autofree char *title = g_strdup_printf("Increased error rates for %s", service);
	g_autofree char *cause = g_strdup_printf(
		"Current status: We've determined that the %s service %s, which caused errors.",
		comp, fail);
	g_autofree char *final = g_strdup_printf(
		"Final status: The %s service is healthy again. Root cause: the %s service %s.",
		comp, comp, fail);

	advisory_set_str(&a->title, title);
	advisory_add_service(a, service);
	a->start = start;
	a->end = start + dur;
	a->status = ADVISORY_STATUS_RESOLVED;
	advisory_add_update(a, start + 600, ADVISORY_STATUS_INVESTIGATING,
			    "We are investigating reports of impact and reviewing telemetry.");
	advisory_add_update(a, start + dur / 2, ADVISORY_STATUS_IDENTIFIED, cause);
	advisory_add_update(a, start + dur, ADVISORY_STATUS_RESOLVED, final);
	return a;
}

/* The advisories, Advisory *, in the order generated. */
static GPtrArray *
generate(void)
{
	static const char *const syl[] = {"kel", "va", "trix", "mor", "dan", "zu", "pel",
					  "qo",  "rin", "sa",  "tor", "vex", "lu", "nim"};
	GPtrArray *advs = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	GRand *r = g_rand_new_with_seed(20261205);
	guint fault = 0;

	while (advs->len < N_ADVISORIES) {
		/* Half the faults are one advisory (unrelated), half two to four. */
		guint members = g_rand_boolean(r) ? 1 : (guint)g_rand_int_range(r, 2, 5);
		gint64 start = T0 + g_rand_int_range(r, 0, YEAR);
		/* A component word per fault ("kelvatrix3"), so groups do not meet by chance. */
		g_autofree char *comp = g_strdup_printf("%s%s%s%u", syl[fault % 14],
							syl[(fault / 14) % 14], syl[(fault / 196) % 14],
							fault / 2744);
		const char *fail = failures[g_rand_int_range(r, 0, G_N_ELEMENTS(failures))];
		for (guint m = 0; m < members && advs->len < N_ADVISORIES; m++) {
			g_ptr_array_add(advs, make_one(r, advs->len, start + g_rand_int_range(r, 0, 3600),
						       comp, fail));
		}
		fault++;
	}
	g_rand_free(r);
	return advs;
}

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
	GPtrArray *incs = linker_incidents(l, T0 + YEAR);
	char *s = serialise(incs, ret_multi);
	g_ptr_array_unref(incs);
	linker_free(l);
	linker_options_clear(&opts);
	return s;
}

static GPtrArray *advs;
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

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	advs = generate();
	guint multi = 0;
	one_thread = answer(advs, 1, &multi);
	/* Not vacuous: many faults were linked into incidents of several members. */
	g_test_message("%u incidents of several members", multi);
	g_assert_cmpuint(multi, >=, 500);
	g_test_add_func("/linker-threads/same-answer", test_threads_same_answer);
	g_test_add_func("/linker-threads/any-order", test_threads_any_order);
	int rc = g_test_run();
	g_free(one_thread);
	g_ptr_array_unref(advs);
	return rc;
}
