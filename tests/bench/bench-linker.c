/*
 * Linker benchmark.  Generates a year of status-page traffic (default 100,000
 * advisories): fault events of one to four advisories that share a cause
 * (a component name and failure phrase) across services and sources, among
 * many concurrent unrelated advisories on the same services with the same
 * boilerplate (tests/unit/test-linker-gen.c, shared with test-linker-threads).
 * Then:
 *   1. batch: linker_add() all, linker_incidents() once;
 *   2. incremental: 1,000 more advisories, each linker_add() followed by
 *      linker_incident_for() on it (what the daemon does per new post);
 *   3. baseline: every pair of the first 5,000 scored with linker_score()
 *      (the all-pairs cost the indexes avoid), next to the indexed batch on
 *      the same 5,000;
 *   4. with BENCH_TINY=M: M advisories in one hour, every text drawn from the
 *      same 30 words (a flood of near-identical items: every pair shares some
 *      rare phrase), batch and then M/10 more one at a time; with
 *      BENCH_DENSE=M instead, M advisories in one hour in groups of 100 copies
 *      of one text drawn from 300 words (dense links within and across groups).
 * Prints wall times, per-advisory median and p99, peak RSS and the pairwise
 * quality against the generator's truth.  Not a test: never registered.
 *
 * usage: bench-linker [N] [SEED]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "linker/linker.h"
#include "model/advisory.h"
#include "model/incident.h"
#include "unit/test-linker-gen.h"


static double
now_s(void)
{
	return (double)g_get_monotonic_time() / 1e6;
}

/* CPU time of this process: on a shared VM wall time also counts waiting. */
static double
cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Resident set now, from /proc/self/statm (0 where there is none). */
static long
current_rss_kb(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f != NULL) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2) {
			resident = 0;
		}
		fclose(f);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static long
peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* BENCH_DIGEST=1: a SHA-256 over every incident's id, members, links, scores
 * and reasons, so a speed change can show it left the answer alone. */
static void
digest(GPtrArray *incs)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	for (guint i = 0; i < incs->len; i++) {
		Incident *inc = incs->pdata[i];
		g_checksum_update(sum, (const guchar *)inc->id, -1);
		for (guint m = 0; m < inc->members->len; m++) {
			g_checksum_update(sum, (const guchar *)((Advisory *)inc->members->pdata[m])->id, -1);
		}
		for (guint k = 0; k < inc->links->len; k++) {
			IncidentLink *lk = inc->links->pdata[k];
			g_autofree char *sc = g_strdup_printf("|%s|%s|%.6f", lk->a_id, lk->b_id, lk->score);
			g_checksum_update(sum, (const guchar *)sc, -1);
			for (guint q = 0; q < lk->reasons->len; q++) {
				g_checksum_update(sum, (const guchar *)lk->reasons->pdata[q], -1);
			}
		}
	}
	printf("  digest: %s\n", g_checksum_get_string(sum));
	g_checksum_free(sum);
}

/* Part 4: @m advisories in one hour, 1,000 per feed (a feed's cap).  @dense
 * false: 66 words each (6 of title) drawn from the same 30; true: groups of
 * 100 advisories share one text of 120 words drawn from 300 made-up ones
 * ("w042x") and its first 6 words as title.
 * A batch, then @m / 10 more, each added and queried. */
static void
tiny_vocabulary(guint m, bool dense)
{
	static const char *const words[] = {
		"rollback", "instances", "queue", "recovery", "error", "requests", "investigating",
		"monitoring", "backlog", "endpoint", "storage", "network", "deployment",
		"customers", "connectivity", "rates", "database", "dns", "provider", "mitigation",
		"replication", "launch", "region", "upstream", "elevated", "identified", "gateway",
		"api", "latency", "degraded",
	};
	/* BENCH_TINY_WORDS=16: only the first 16 words (the daemon test's flood). */
	guint nwords = G_N_ELEMENTS(words);
	if (g_getenv("BENCH_TINY_WORDS") != NULL) {
		nwords = CLAMP((guint)atoi(g_getenv("BENCH_TINY_WORDS")), 2, nwords);
	}
	guint more = g_getenv("BENCH_TINY_MORE") != NULL ? (guint)atoi(g_getenv("BENCH_TINY_MORE"))
						       : MAX(m / 10, 1);
	GPtrArray *advs = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	GRand *rand = g_rand_new_with_seed(5);
	char *group_text = NULL;
	for (guint i = 0; i < m + more; i++) {
		g_autofree char *src = g_strdup_printf("flood%u", i / 1000);
		g_autofree char *id = g_strdup_printf("F%06u", i);
		GString *title = g_string_new(NULL), *text = g_string_new(NULL);
		if (dense) {
			if (i % 100 == 0) {
				GString *gt = g_string_new(NULL);
				for (guint w = 0; w < 120; w++) {
					g_string_append_printf(gt, "%sw%03dx", w > 0 ? " " : "",
							       g_rand_int_range(rand, 0, 300));
				}
				g_free(group_text);
				group_text = g_string_free(gt, FALSE);
			}
			g_string_append_len(title, group_text, 6 * 6 - 1);
			g_string_append_printf(title, " %u", i);
			g_string_append_printf(text, "%s ticket%u", group_text, i);
		} else {
			for (guint w = 0; w < 66; w++) {
				const char *wd = words[g_rand_int_range(rand, 0, (gint32)nwords)];
				GString *to = w < 6 ? title : text;
				g_string_append_printf(to, "%s%s", to->len > 0 ? " " : "", wd);
			}
		}
		Advisory *a = advisory_new(src, id);
		advisory_set_str(&a->title, title->str);
		advisory_set_str(&a->text, text->str);
		a->start = TEST_LINKER_T0 + (gint64)(i % 3600);
		a->end = a->start + 3600;
		a->status = ADVISORY_STATUS_RESOLVED;
		g_ptr_array_add(advs, a);
		g_string_free(title, TRUE);
		g_string_free(text, TRUE);
	}
	g_free(group_text);
	g_rand_free(rand);

	Linker *l = linker_new(NULL);
	double c0 = cpu_s(), t0 = now_s();
	for (guint i = 0; i < m; i++) {
		linker_add(l, advs->pdata[i]);
	}
	double t1 = now_s(), c1 = cpu_s();
	GPtrArray *incs = linker_incidents(l, 0);
	double t2 = now_s(), c2 = cpu_s();
	printf("%s: %u advisories in one hour: add %.3f s + incidents %.3f s = %.3f s "
	       "(cpu %.3f s, of which incidents %.3f s) -> %u incidents\n",
	       dense ? "dense groups" : "tiny vocabulary", m, t1 - t0, t2 - t1, t2 - t0, c2 - c0,
	       c2 - c1, incs->len);
	LinkerStats st;
	linker_get_stats(l, &st);
	printf("  work: %" G_GUINT64_FORMAT " pairs compared (%.1f per advisory), %" G_GUINT64_FORMAT
	       " scored in full, %" G_GUINT64_FORMAT " advisories capped, %" G_GUINT64_FORMAT
	       " crowded terms skipped\n",
	       st.pairs, (double)st.pairs / m, st.scored, st.capped, st.crowded);
	if (g_getenv("BENCH_DIGEST") != NULL) {
		digest(incs);
	}
	g_ptr_array_unref(incs);
	double *each = g_new(double, more);
	for (guint i = 0; i < more; i++) {
		Advisory *a = advs->pdata[m + i];
		g_autofree char *key = advisory_key(a);
		double s = now_s();
		linker_add(l, a);
		Incident *inc = linker_incident_for(l, key, 0);
		each[i] = now_s() - s;
		incident_free(inc);
	}
	qsort(each, more, sizeof(double), cmp_double);
	if (more > 0) {
		printf("  then %u x (linker_add + linker_incident_for): median %.3f ms, p99 %.3f ms\n",
		       more, each[more / 2] * 1e3, each[more * 99 / 100] * 1e3);
	}
	g_free(each);
	linker_free(l);
	g_ptr_array_unref(advs);
}

/* Pairwise precision/recall of @incs against the generator's events. */
static void
quality(GPtrArray *incs, TestLinkerGen *g, guint limit)
{
	guint64 tp = 0, fp = 0, truth_pairs = 0;
	GHashTable *count = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (guint i = 0; i < limit; i++) {
		guint e = g_array_index(g->truth, guint, i);
		guint c = GPOINTER_TO_UINT(g_hash_table_lookup(count, GUINT_TO_POINTER(e + 1)));
		truth_pairs += c;
		g_hash_table_insert(count, GUINT_TO_POINTER(e + 1), GUINT_TO_POINTER(c + 1));
	}
	g_hash_table_unref(count);
	guint shown = 0;
	for (guint i = 0; i < incs->len; i++) {
		Incident *inc = incs->pdata[i];
		/* BENCH_SHOW_FP=N: print the links of the first N wrongly merged incidents. */
		for (guint k = 0; k < inc->links->len && g_getenv("BENCH_SHOW_FP") != NULL; k++) {
			IncidentLink *lk = inc->links->pdata[k];
			guint ia = (guint)atoi(lk->a_id + 1), ib = (guint)atoi(lk->b_id + 1);
			if (g_array_index(g->truth, guint, ia) == g_array_index(g->truth, guint, ib) ||
			    shown >= (guint)atoi(g_getenv("BENCH_SHOW_FP"))) {
				continue;
			}
			shown++;
			printf("  false link %s/%s %s/%s %.2f:", lk->a_source, lk->a_id, lk->b_source,
			       lk->b_id, lk->score);
			for (guint q = 0; q < lk->reasons->len; q++) {
				printf(" [%s]", (char *)lk->reasons->pdata[q]);
			}
			printf("\n");
		}
		for (guint a = 0; a < inc->members->len; a++) {
			for (guint b = a + 1; b < inc->members->len; b++) {
				guint ia = (guint)atoi(((Advisory *)inc->members->pdata[a])->id + 1);
				guint ib = (guint)atoi(((Advisory *)inc->members->pdata[b])->id + 1);
				if (g_array_index(g->truth, guint, ia) == g_array_index(g->truth, guint, ib)) {
					tp++;
				} else {
					fp++;
				}
			}
		}
	}
	printf("  quality: precision %.3f recall %.3f (%" G_GUINT64_FORMAT " true pairs)\n",
	       tp + fp > 0 ? (double)tp / (double)(tp + fp) : 1.0,
	       truth_pairs > 0 ? (double)tp / (double)truth_pairs : 1.0, truth_pairs);
}

int
main(int argc, char **argv)
{
	guint n = argc > 1 ? (guint)atoi(argv[1]) : 100000;
	guint32 seed = argc > 2 ? (guint32)atoi(argv[2]) : 1;
	guint extra = 1000, base_n = MIN(5000u, n);
	TestLinkerGen g;

	/* BENCH_SHORT=1: the first generator's fault durations (test-linker-gen.h). */
	test_linker_gen(&g, n + extra, seed, g_getenv("BENCH_SHORT") != NULL);
	printf("bench-linker: %u advisories over one year (+%u incremental), seed %u\n", n, extra,
	       seed);

	/* Resident memory now is the generated advisories (the caller's), so the
	 * peak minus this is roughly what the linker holds. */
	long rss_gen_kb = current_rss_kb();

	/* 1. batch */
	Linker *l = linker_new(NULL);
	double c0 = cpu_s();
	double t0 = now_s();
	for (guint i = 0; i < n; i++) {
		linker_add(l, g.advs->pdata[i]);
	}
	double t1 = now_s();
	GPtrArray *incs = linker_incidents(l, 0);
	double t2 = now_s();
	double c2 = cpu_s();
	long rss_batch_kb = current_rss_kb();
	printf("batch: add %.3f s + incidents %.3f s = %.3f s (cpu %.3f s) for %u advisories -> %u "
	       "incidents\n",
	       t1 - t0, t2 - t1, t2 - t0, c2 - c0, n, incs->len);
	quality(incs, &g, n);
	if (g_getenv("BENCH_DIGEST") != NULL) {
		digest(incs);
	}
	/* BENCH_SHOW_FN=N: N pairs of one generated event left in different incidents. */
	if (g_getenv("BENCH_SHOW_FN") != NULL) {
		guint want = (guint)atoi(g_getenv("BENCH_SHOW_FN")), shown = 0;
		GHashTable *inc_of = g_hash_table_new(g_str_hash, g_str_equal);
		for (guint i = 0; i < incs->len; i++) {
			Incident *inc = incs->pdata[i];
			for (guint m = 0; m < inc->members->len; m++) {
				g_hash_table_insert(inc_of, ((Advisory *)inc->members->pdata[m])->id, inc);
			}
		}
		for (guint i = 1; i < n && shown < want; i++) {
			Advisory *a = g.advs->pdata[i - 1], *b = g.advs->pdata[i];
			if (g_array_index(g.truth, guint, i - 1) != g_array_index(g.truth, guint, i) ||
			    g_hash_table_lookup(inc_of, a->id) == g_hash_table_lookup(inc_of, b->id)) {
				continue;
			}
			g_autofree char *ka = advisory_key(a);
			g_autofree char *kb = advisory_key(b);
			GPtrArray *why = g_ptr_array_new_with_free_func(g_free);
			double sc = linker_score(l, ka, kb, why);
			printf("  missed %s %s %.2f:", ka, kb, sc);
			for (guint q = 0; q < why->len; q++) {
				printf(" [%s]", (char *)why->pdata[q]);
			}
			printf("\n");
			Incident *ia = g_hash_table_lookup(inc_of, a->id);
			for (guint k = 0; k < ia->links->len; k++) {
				IncidentLink *lk = ia->links->pdata[k];
				printf("     a-link %s %s %.2f\n", lk->a_id, lk->b_id, lk->score);
			}
			printf("     a-members %u\n", ia->members->len);
			g_ptr_array_unref(why);
			shown++;
		}
		g_hash_table_unref(inc_of);
	}
	g_ptr_array_unref(incs);

	/* 2. incremental */
	double *each = g_new(double, extra);
	double ti = now_s();
	for (guint i = 0; i < extra; i++) {
		Advisory *a = g.advs->pdata[n + i];
		g_autofree char *key = advisory_key(a);
		double s = now_s();
		linker_add(l, a);
		Incident *inc = linker_incident_for(l, key, 0);
		each[i] = now_s() - s;
		g_assert_nonnull(inc);
		incident_free(inc);
	}
	double tie = now_s();
	qsort(each, extra, sizeof(double), cmp_double);
	printf("incremental: %u x (linker_add + linker_incident_for): total %.3f s, median %.3f ms, "
	       "p99 %.3f ms\n",
	       extra, tie - ti, each[extra / 2] * 1e3, each[extra * 99 / 100] * 1e3);
	g_free(each);
	linker_free(l);
	printf("RSS: %ld MiB generated advisories; %ld MiB after the batch (linker + incidents); "
	       "peak %ld MiB\n",
	       rss_gen_kb / 1024, rss_batch_kb / 1024, peak_rss_kb() / 1024);

	/* 3. all-pairs baseline on the first base_n */
	if (g_getenv("BENCH_NO_BASELINE") != NULL) {
		base_n = 0;
	}
	Linker *b = linker_new(NULL);
	for (guint i = 0; i < base_n; i++) {
		linker_add(b, g.advs->pdata[i]);
	}
	double tb = now_s();
	GPtrArray *binc = linker_incidents(b, 0);
	double tb2 = now_s();
	g_ptr_array_unref(binc);
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < base_n; i++) {
		g_ptr_array_add(keys, advisory_key(g.advs->pdata[i]));
	}
	guint64 links = 0;
	double tp0 = now_s();
	for (guint i = 0; i < base_n; i++) {
		for (guint j = i + 1; j < base_n; j++) {
			if (linker_score(b, keys->pdata[i], keys->pdata[j], NULL) >= 8.0) {
				links++;
			}
		}
	}
	double tp1 = now_s();
	printf("baseline on %u: indexed incidents %.3f s; all-pairs scoring %.3f s "
	       "(%" G_GUINT64_FORMAT " pairs, %" G_GUINT64_FORMAT " links)\n",
	       base_n, tb2 - tb, tp1 - tp0, (guint64)base_n * (base_n - 1) / 2, links);
	g_ptr_array_unref(keys);
	linker_free(b);

	/* 4. one tiny vocabulary in one hour */
	if (g_getenv("BENCH_TINY") != NULL) {
		tiny_vocabulary((guint)atoi(g_getenv("BENCH_TINY")), false);
	}
	if (g_getenv("BENCH_DENSE") != NULL) {
		tiny_vocabulary((guint)atoi(g_getenv("BENCH_DENSE")), true);
	}
	test_linker_gen_clear(&g);
	return 0;
}
