/*
 * terms_scan_unique_in(): reading an update's text only to its first plain
 * sentence end when the advisory's text holds it (linker_index.c, scan_texts())
 * must tell the sink exactly what reading it whole with terms_scan_unique() did.  Checked on Statuspage-style
 * texts and on random texts built to hit the edges (sentences cut for length,
 * multi-byte characters, stops before the end, lines without a label, "Root
 * cause:" labels), with the
 * sink's every call recorded in order, through both sink kinds (strings and
 * word numbers); and, for a sink that sets TermsSink.quiet_repeats, up to the
 * calls such a sink ignores (a phrase it has, told again in a sentence with flags
 * 0), which reading an update's first sentence may leave out.
 */
#include <glib.h>
#include <stdbool.h>
#include <string.h>

#include "linker/terms.h"

typedef struct {
	GString *log;
	TermsWords *words; /* NULL: the string sink */
} Rec;

static void
rec_phrase(Rec *r, char *line)
{
	g_string_append(r->log, line);
	g_free(line);
}

static void
rec_term(void *user, const char *norm, const char *surface, int n)
{
	rec_phrase(user, g_strdup_printf("T%d %s|%s\n", n, norm, surface));
}

static void
rec_words(void *user, const guint32 *word, int nwords)
{
	Rec *r = user;
	GString *line = g_string_new(NULL);
	g_string_append_printf(line, "W%d", nwords);
	for (int k = 0; k < nwords; k++) {
		char key[TERMS_WORD_KEY_MAX + 1];
		gsize len = terms_words_key(r->words, word[k], key);
		key[len] = '\0';
		g_string_append_printf(line, " %d:%s", key[0], key + 1);
	}
	g_string_append_c(line, '\n');
	rec_phrase(r, g_string_free(line, FALSE));
}

static void
rec_ref(void *user, const char *id, TermsRefPolarity polarity)
{
	Rec *r = user;
	g_string_append_printf(r->log, "R %s %d\n", id, (int)polarity);
}

static void
rec_region(void *user, const char *region)
{
	Rec *r = user;
	g_string_append_printf(r->log, "G %s\n", region);
}

static void
rec_sentence(void *user, unsigned flags)
{
	Rec *r = user;
	g_string_append_printf(r->log, "S %u\n", flags);
}

/* @log (of one document) less what a sink with TermsSink.quiet_repeats ignores: a
 * phrase ("T..." or "W..." line) told before, told again in a sentence whose
 * flags ("S ..." line) are 0. */
static char *
quiet_log(const char *log)
{
	GString *out = g_string_new(NULL);
	GHashTable *phrases = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_auto(GStrv) lines = g_strsplit(log, "\n", -1);
	bool zero = false;
	for (gsize i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++) {
		const char *l = lines[i];
		if (l[0] == 'S') {
			zero = strcmp(l, "S 0") == 0;
		} else if (l[0] == 'T' || l[0] == 'W') {
			if (zero && g_hash_table_contains(phrases, l)) {
				continue;
			}
			g_hash_table_add(phrases, g_strdup(l));
		}
		g_string_append_printf(out, "%s\n", l);
	}
	g_hash_table_destroy(phrases);
	return g_string_free(out, FALSE);
}

/* What the sink hears from @text, then each of @updates (through
 * terms_scan_unique_in() when @in, with terms_probe_budget() line-end probes, or
 * @budget when it is not G_MAXSIZE; *@ret_left: those left), all through one
 * TermsSeen; with @quiet, through a sink with TermsSink.quiet_repeats. */
static char *
scan_all_budget(const char *text, const char *const *updates, bool words, bool in, gsize budget,
		gsize *ret_left, bool quiet)
{
	Rec r = {.log = g_string_new(NULL), .words = words ? terms_words_new() : NULL};
	TermsSink sink = {.ref = rec_ref, .region = rec_region, .sentence = rec_sentence,
			  .user = &r, .quiet_repeats = quiet};
	if (words) {
		sink.words = r.words;
		sink.term_words = rec_words;
	} else {
		sink.term = rec_term;
	}
	TermsSeen *seen = terms_seen_new();
	terms_scan_unique(text, G_MAXSIZE, &sink, seen);
	gsize tlen = strlen(text);
	guint nends = terms_line_ends(text, tlen, NULL, 0);
	guint32 *ends = g_new(guint32, nends);
	g_assert_cmpuint(terms_line_ends(text, tlen, ends, nends), ==, nends);
	gsize probes = budget != G_MAXSIZE ? budget : terms_probe_budget(tlen);
	for (gsize i = 0; updates[i] != NULL; i++) {
		g_string_append(r.log, "--\n");
		if (in) {
			terms_scan_unique_in(updates[i], strlen(updates[i]), text, ends, nends,
					     &probes, &sink, seen);
		} else {
			terms_scan_unique(updates[i], strlen(updates[i]), &sink, seen);
		}
	}
	if (ret_left != NULL) {
		*ret_left = probes;
	}
	g_free(ends);
	terms_seen_free(seen);
	terms_words_free(r.words);
	return g_string_free(r.log, FALSE);
}

static char *
scan_all(const char *text, const char *const *updates, bool words, bool in, bool quiet)
{
	return scan_all_budget(text, updates, words, in, G_MAXSIZE, NULL, quiet);
}

/* Texts where a quiet_repeats sink was told an update's first sentence without its
 * phrases (quiet_suffix() in terms.c), so the checks below cover that path. */
static guint quiet_cut;

/* Reading through terms_scan_unique_in() with @budget probes tells the sink what
 * reading every update whole does, call for call, and a quiet_repeats sink what
 * it keeps. */
static void
check_same_budget(const char *text, const char *const *updates, gsize budget)
{
	for (int words = 0; words < 2; words++) {
		g_autofree char *whole = scan_all(text, updates, words, false, false);
		g_autofree char *in = scan_all_budget(text, updates, words, true, budget, NULL, false);
		bool same = g_strcmp0(in, whole) == 0;
		if (words && budget == G_MAXSIZE) {
			/* The linker's kind of sink (the short cut does not look at it), with
			 * the probes it has (kept cheap enough for the valgrind suite). */
			g_autofree char *told =
				scan_all_budget(text, updates, words, true, budget, NULL, true);
			quiet_cut += g_strcmp0(told, in) != 0;
			g_autofree char *whole_kept = quiet_log(whole);
			g_autofree char *told_kept = quiet_log(told);
			same &= g_strcmp0(told_kept, whole_kept) == 0;
		}
		if (!same) {
			/* The texts, not the (long) logs. */
			g_test_message("text: '%s'", text);
			for (gsize i = 0; updates[i] != NULL; i++) {
				g_test_message("update %zu: '%s'", i, updates[i]);
			}
			g_test_fail();
			return;
		}
	}
}

static void
check_same(const char *text, const char *const *updates)
{
	check_same_budget(text, updates, G_MAXSIZE);
}

static void
test_statuspage_text(void)
{
	const char *updates[] = {
		"We identified the root cause: a bad config push to us-east-1. Rolled back! "
		"Not related to EX648815; see https://status.example.com/incidents/p0cns0nyb06h.",
		"Engineers are investigating elevated errors in US East. Next update in 30 min.",
		"The mailbox replication queue has drained and this incident has been resolved. "
		"Thanks.",
		NULL,
	};
	g_autofree char *text = g_strdup_printf("Nov 27, 12:49 UTC\nResolved - %s\n\n"
						"Nov 27, 12:15 UTC\nIdentified - %s\n\n"
						"Nov 27, 11:58 UTC\nInvestigating - %s",
						updates[2], updates[0], updates[1]);
	guint cut = quiet_cut;
	check_same(text, updates);
	/* "Resolved - The mailbox ... resolved." has no cue, ref or region. */
	g_assert_cmpuint(quiet_cut, >, cut);
}

/* A zone written as a code is told as its region: a Google Cloud zone, an AWS
 * Availability Zone name and an AWS Availability Zone ID; other ids are refs. */
static void
test_zone_region(void)
{
	Rec r = {.log = g_string_new(NULL)};
	TermsSink sink = {.ref = rec_ref, .region = rec_region, .term = rec_term, .user = &r};
	terms_scan("Errors in zone Europe-West2-A and in use1-az4, apse2-az1 and us-east-1a; "
		   "ticket abc1-az99x and build ab12-az3 stay ids.", &sink);
	g_autofree char *log = g_string_free(r.log, FALSE);
	g_assert_nonnull(strstr(log, "G europe-west2\n"));
	g_assert_nonnull(strstr(log, "G ap-southeast-2\n"));
	g_assert_null(strstr(log, "G europe-west2-a"));
	g_assert_null(strstr(log, "R use1-az4"));
	g_assert_nonnull(strstr(log, "R abc1-az99x"));
	g_assert_nonnull(strstr(log, "R ab12-az3"));
	/* us-east-1a is us-east-1, told a second time. */
	const char *first = strstr(log, "G us-east-1\n");
	g_assert_nonnull(first);
	g_assert_nonnull(strstr(first + 1, "G us-east-1\n"));
}

/* One random piece of text: words, ids, regions, cues, punctuation, multi-byte
 * characters (the typographic apostrophe and dash, no-break space, Cyrillic). */
static void
random_piece(GRand *rand, GString *out)
{
	static const char *const pieces[] = {
		"outage", "Caused", "by", "the", "DNS", "provider", "root cause", "unrelated to",
		"EX648815", "VSG1-B90", "us-east-1", "US East", "we’re", "n't", "isn't", "—",
		"\xc2\xa0", "Москва", "façade", "5.5.1", "2024", "503", "a/b-c_d", "service",
		"our CDN", "is not affected", "due to", ".", ". ", "! ", "? ", "; ", ": ", "\n",
		"\r\n", " ", " ", " ", ",", "...", "https://status.example.com/incidents/abc123",
		"Root cause:", "Preliminary root cause:", "cause:",
	};
	g_string_append(out, pieces[g_rand_int_range(rand, 0, G_N_ELEMENTS(pieces))]);
	if (g_rand_int_range(rand, 0, 4) != 0) {
		g_string_append_c(out, ' ');
	}
}

static void
test_random_texts(void)
{
	GRand *rand = g_rand_new_with_seed(20261205);
	guint cut = quiet_cut;

	for (int round = 0; round < 400; round++) {
		/* Three updates, some with a sentence longer than the scanner's 4,096-byte cut. */
		char *ups[4] = {NULL};
		for (int u = 0; u < 3; u++) {
			GString *s = g_string_new(NULL);
			int n = g_rand_int_range(rand, 0, 3) == 0 ? g_rand_int_range(rand, 600, 1400)
								    : g_rand_int_range(rand, 1, 40);
			for (int k = 0; k < n; k++) {
				random_piece(rand, s);
			}
			if (g_rand_int_range(rand, 0, 5) == 0) {
				g_string_append(s, "end.");
			}
			ups[u] = g_string_free(s, FALSE);
		}
		/* The text: "when\nLabel - update" blocks, labels sometimes missing. */
		GString *t = g_string_new(NULL);
		for (int u = 2; u >= 0; u--) {
			g_string_append(t, "Nov 27, 12:49 UTC\n");
			if (g_rand_int_range(rand, 0, 3) != 0) {
				/* Also labels the scanner may carry state over from (an area
				 * word, a direction) or with cues of their own. */
				static const char *const labels[] = {
					"Identified - ", "Update - ", "Identified - ", "Update - ",
					"Update US - ", "East - ", "Investigating us - ",
					"Outage - ", "Due to - ", "Affected by - ",
				};
				g_string_append(t, labels[g_rand_int_range(rand, 0, G_N_ELEMENTS(labels))]);
			}
			g_string_append(t, ups[u]);
			if (u > 0) {
				g_string_append(t, "\n\n");
			}
		}
		g_autofree char *text = g_string_free(t, FALSE);
		check_same(text, (const char *const *)ups);
		/* Any piece of the text, ending at a line end or not. */
		gsize tlen = strlen(text);
		char *pieces[4] = {NULL};
		for (int k = 0; k < 3 && tlen > 1; k++) {
			gsize from = (gsize)g_rand_int_range(rand, 0, (gint32)tlen - 1);
			gsize to = (gsize)g_rand_int_range(rand, (gint32)from + 1, (gint32)tlen + 1);
			const char *nl = memchr(text + from, '\n', to - from);
			if (nl != NULL && g_rand_boolean(rand)) {
				to = (gsize)(nl - text);
			}
			pieces[k] = g_strndup(text + from, to - from);
		}
		check_same(text, (const char *const *)pieces);
		/* Line-end probes running out among the updates. */
		check_same_budget(text, (const char *const *)ups, (gsize)g_rand_int_range(rand, 0, 64));
		for (int u = 0; u < 3; u++) {
			g_free(ups[u]);
			g_free(pieces[u]);
		}
	}
	g_rand_free(rand);
	/* The short cut was taken, and checked, on some of them. */
	g_assert_cmpuint(quiet_cut, >, cut);
	g_test_message("quiet first sentences in %u checks", quiet_cut - cut);
}

/* "Root cause:" ends no sentence when it is short, so whether a colon ends one
 * depends on where the sentence started: here it does in the text ("Identified -
 * Preliminary root cause" is longer than a label) and not in the update. */
static void
test_cause_label(void)
{
	const char *updates[] = {
		"Preliminary root cause: a bad config push. Rolled back; recovering.",
		"Root cause: expired certificate.",
		NULL,
	};
	g_autofree char *text = g_strdup_printf("Nov 27, 12:49 UTC\nIdentified - %s\n\n"
						"Nov 27, 12:15 UTC\n%s",
						updates[0], updates[1]);
	check_same(text, updates);
}

/* A text whose first sentence is cut for length is read whole. */
static void
test_cut_first_sentence(void)
{
	GString *s = g_string_new(NULL);
	for (int k = 0; k < 1200; k++) {
		g_string_append(s, "kelvatrix ");
	}
	g_string_append(s, "pool. Second sentence.");
	const char *updates[] = {s->str, NULL};
	g_autofree char *text = g_strconcat("Nov 27, 12:49 UTC\nUpdate - ", s->str, NULL);
	check_same(text, updates);
	g_string_free(s, TRUE);
}

/* Many updates not in a text of many lines (hostile2.json: 580,586 of them under a
 * text of 52,000 lines took 11.7 s): the line ends tried for all of them stay
 * within terms_probe_budget() of the text's length, and reading past the budget
 * (updates read whole, the found ones too) still tells the sink the same. */
static void
test_probe_budget(void)
{
	GString *t = g_string_new(NULL);
	for (int k = 0; k < 3000; k++) {
		g_string_append(t, "b\n");
	}
	g_string_append(t, "Update - Errors in US East are resolved. We watch.");
	g_autofree char *text = g_string_free(t, FALSE);
	GPtrArray *ups = g_ptr_array_new_with_free_func(g_free);
	for (int k = 0; k < 2000; k++) {
		g_ptr_array_add(ups, g_strdup_printf("x%d", k % 7));
	}
	/* Found in the text, but only after the budget is spent. */
	g_ptr_array_add(ups, g_strdup("Errors in US East are resolved. We watch."));
	g_ptr_array_add(ups, NULL);
	const char *const *u = (const char *const *)ups->pdata;
	gsize left = 0;
	g_autofree char *log = scan_all_budget(text, u, false, true, G_MAXSIZE, &left, false);
	g_autofree char *whole = scan_all(text, u, false, false, false);
	g_assert_cmpstr(log, ==, whole);
	/* Each "xN" would try the 3,001 line ends: 6 million probes unbounded. */
	g_assert_cmpuint(left, ==, 0);
	/* Spent before the first update, part way, and never. */
	const gsize budgets[] = {0, 1, 3, 2999, 3002, 6001, 10000000};
	for (gsize i = 0; i < G_N_ELEMENTS(budgets); i++) {
		check_same_budget(text, u, budgets[i]);
	}
	g_ptr_array_free(ups, TRUE);

	/* The random texts, with budgets that run out among their updates. */
	const char *updates[] = {
		"We identified the root cause: a bad config push to us-east-1. Rolled back!",
		"Engineers are investigating elevated errors in US East.",
		"This incident has been resolved.",
		NULL,
	};
	g_autofree char *text2 = g_strdup_printf("Nov 27, 12:49 UTC\nResolved - %s\n\n"
						 "Nov 27, 12:15 UTC\nIdentified - %s\n\n"
						 "Nov 27, 11:58 UTC\nInvestigating - %s",
						 updates[2], updates[0], updates[1]);
	for (gsize b = 0; b < 12; b++) {
		check_same_budget(text2, updates, b);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/terms-scan/statuspage-text", test_statuspage_text);
	g_test_add_func("/terms-scan/random-texts", test_random_texts);
	g_test_add_func("/terms-scan/cut-first-sentence", test_cut_first_sentence);
	g_test_add_func("/terms-scan/cause-label", test_cause_label);
	g_test_add_func("/terms-scan/probe-budget", test_probe_budget);
	g_test_add_func("/terms-scan/zone-region", test_zone_region);
	return g_test_run();
}
