/*
 * The linker's generated traffic (see test-linker-gen.h).  Its draws from the
 * seeded GRand are in a fixed order: changing what is drawn, or when, changes
 * every advisory after it, and with them the benchmark's figures in
 * tests/bench/README.md ("Linker") and BENCH_DIGEST's answer.
 */
#include "test-linker-gen.h"

#include <math.h>

#include "model/advisory.h"

static const char *const services[] = {
	"Exchange Online", "Microsoft Teams", "SharePoint Online", "OneDrive", "Azure DevOps",
	"Amazon EC2", "Amazon S3", "AWS Lambda", "Amazon DynamoDB", "Google Compute Engine",
	"Cloud SQL", "API", "Dashboard", "Webhooks", "Payments", "Email notifications",
};
/* Title = prefix + service + suffix. */
static const char *const symptoms[][2] = {
	{"Users may be unable to sign in to ", ""},
	{"Increased error rates for ", ""},
	{"Some users may experience delays in ", ""},
	{"Elevated latency for ", " requests"},
	{"Intermittent failures when accessing ", ""},
	{"Users may see errors when saving changes in ", ""},
	{"Degraded performance for ", ""},
	{"", " partially unavailable for some customers"},
};
static const char *const failures[] = {
	"ran out of memory", "returned stale routing data", "rejected valid tokens",
	"exhausted its connection pool", "lost quorum", "stopped processing its queue",
	"served an expired certificate", "hit a configuration limit", "deadlocked under load",
	"dropped packets after a firmware update",
};
static const char *const filler[] = {
	"We are investigating reports of impact and reviewing telemetry.",
	"We're analyzing service logs to determine the next troubleshooting steps.",
	"Some users may continue to see intermittent errors while we monitor the service.",
	"We are working to restore full functionality as quickly as possible.",
	"Retrying the request may succeed.",
	"We'll provide an update within two hours.",
};

/* A made-up component word ("kelvatrix"): 8,000 of them, rare like real ones. */
static char *
component(GRand *r)
{
	static const char *const syl[] = {"kel", "va", "trix", "mor", "dan", "zu", "pel", "qo",
					  "rin", "sa", "tor", "vex", "lu", "nim", "gor", "bel",
					  "fa", "hex", "jo", "wy"};
	guint n = (guint)g_rand_int_range(r, 0, 8000);
	return g_strdup_printf("%s%s%s", syl[n % 20], syl[(n / 20) % 20], syl[(n / 400) % 20]);
}

static Advisory *
make_one(GRand *r, guint num, gint64 start, const char *comp, const char *fail,
	 const char *service, bool short_faults)
{
	g_autofree char *id = g_strdup_printf("B%07u", num);
	g_autofree char *source = g_strdup_printf("src%u", (guint)g_rand_int_range(r, 0, 40));
	Advisory *a = advisory_new(source, id);
	/* Minutes to days, log-uniform (median about 3.5 h), as status pages show:
	 * most faults are fixed within hours, a few drag on for days; or the first
	 * generator's 30 min..12 h, uniform. */
	gint64 dur = short_faults
			     ? g_rand_int_range(r, 1800, 12 * 3600)
			     : (gint64)exp(g_rand_double_range(r, log(600.0), log(3.0 * 86400)));
	guint sy = (guint)g_rand_int_range(r, 0, G_N_ELEMENTS(symptoms));
	g_autofree char *title = g_strconcat(symptoms[sy][0], service, symptoms[sy][1], NULL);

	advisory_set_str(&a->title, title);
	advisory_add_service(a, service);
	a->start = start;
	a->end = start + dur;
	a->status = ADVISORY_STATUS_RESOLVED;
	advisory_add_update(a, start + 600, ADVISORY_STATUS_INVESTIGATING,
			    filler[g_rand_int_range(r, 0, 6)]);
	g_autofree char *cause = g_strdup_printf(
		"Current status: We've determined that the %s service %s, which caused %s. %s",
		comp, fail, title, filler[g_rand_int_range(r, 0, 6)]);
	advisory_add_update(a, start + dur / 2, ADVISORY_STATUS_IDENTIFIED, cause);
	g_autofree char *final = g_strdup_printf(
		"Final status: The %s service is healthy again. Root cause: the %s service %s.", comp,
		comp, fail);
	advisory_add_update(a, start + dur, ADVISORY_STATUS_RESOLVED, final);
	return a;
}

void
test_linker_gen(TestLinkerGen *g, guint n, guint32 seed, bool short_faults)
{
	GRand *r = g_rand_new_with_seed(seed);
	guint event = 0;
	g->advs = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	g->truth = g_array_new(FALSE, FALSE, sizeof(guint));
	while (g->advs->len < n) {
		/* One fault: 1-4 advisories on different services, starts within an hour. */
		guint members = (guint)g_rand_int_range(r, 1, 5);
		gint64 start = TEST_LINKER_T0 + g_rand_int_range(r, 0, TEST_LINKER_YEAR);
		g_autofree char *comp = component(r);
		const char *fail = failures[g_rand_int_range(r, 0, G_N_ELEMENTS(failures))];
		for (guint m = 0; m < members && g->advs->len < n; m++) {
			const char *svc = services[g_rand_int_range(r, 0, G_N_ELEMENTS(services))];
			Advisory *a = make_one(r, g->advs->len, start + g_rand_int_range(r, 0, 3600),
					       comp, fail, svc, short_faults);
			g_ptr_array_add(g->advs, a);
			g_array_append_val(g->truth, event);
		}
		event++;
	}
	g_rand_free(r);
}

void
test_linker_gen_clear(TestLinkerGen *g)
{
	g_clear_pointer(&g->advs, g_ptr_array_unref);
	g_clear_pointer(&g->truth, g_array_unref);
}
