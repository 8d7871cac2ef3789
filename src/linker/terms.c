/*
 * Terms: the linker's view of advisory text.  Splits text into sentences,
 * sentences into words; drops a stop list of English and status-page words
 * ("users", "may", "impact", "investigating", month and day names, time-zone
 * words...), which also break phrases; folds case, splits "free/busy" and
 * "anti-spam" into words, stems plurals and -ed/-ing/-ation so "recomputed"
 * meets "recomputation"; and emits every remaining word plus the two- and
 * three-word phrases inside one sentence.  It also picks out id-like tokens
 * (EX648815, VSG1-B90) with the polarity of the sentence that names them,
 * cloud region codes, and "upstream provider" blame.  Which sentences state a
 * cause and which deny a relation is told to the sink (TermsSink.sentence).
 *
 * Never allocates per word on the heap (fixed buffers, words longer than
 * TERMS_MAX_WORD are cut), never logs.  Input comes from Advisory fields;
 * output goes to the TermsSink callbacks of linker.c.
 */
#include "linker/terms.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Zero bytes after a sentence in its buffer: sentence_flags() reads 16 bytes
 * at a time, and one more. */
#define SENTENCE_PAD 32
/* A token as written (before it is cut into words): at most TOK_MAX - 1 bytes. */
#define TOK_MAX (TERMS_MAX_WORD * 2 + 1)
/* Bytes readable after a word handed to words_lookup() (its tail is read eight
 * bytes at a time, the excess masked off). */
#define WORD_PAD 8
static const char word_pad_zeros[WORD_PAD] = {0};
/* A sentence longer than this is scanned in pieces; polarity cues are looked
 * for in the first piece only.  Bounds the lower-cased copy. */
#define TERMS_MAX_SENTENCE 4096

/* Character classes, one table lookup per byte in the scanning loops (the
 * chains of comparisons they replace were most of scanning). */
enum {
	CC_WORD = 1 << 0,   /* letter, digit, or any byte of a multi-byte character */
	CC_DIGIT = 1 << 1,
	CC_INNER = 1 << 2,  /* - _ / . ' & # : inside a token when a word character follows */
	CC_END = 1 << 3,    /* NUL, CR, LF: always ends a sentence */
	CC_STOP = 1 << 4,   /* . ! ? ; : end a sentence before a space or the end */
	CC_SPECIAL = 1 << 5,/* lead bytes of U+2010..U+201F and U+00A0 */
	CC_DOT = 1 << 6,
};

static guint8 char_class[256];

/* Classes of the backward walks of state_span() (one lookup a byte; built with
 * char_class[]): */
enum {
	SC_WORD = 1 << 0,   /* disclaim_word_byte(): ASCII letter, digit or ' */
	SC_CLAUSE = 1 << 1, /* , ; ( ): a clause starts after it */
	SC_JOIN = 1 << 2,   /* - .: inside a subject's word ("us-east-1", "status.io") */
};

static guint8 span_class[256];

static void
char_class_init(void)
{
	static gsize once = 0;
	if (g_once_init_enter(&once)) {
		for (guint c = 0; c < 256; c++) {
			guint8 k = 0;
			if (g_ascii_isalnum((char)c) || c >= 0x80) {
				k |= CC_WORD;
			}
			if (g_ascii_isdigit((char)c)) {
				k |= CC_DIGIT;
			}
			if (c != 0 && strchr("-_/.'&#", (int)c) != NULL) {
				k |= CC_INNER;
			}
			if (c == 0 || c == '\n' || c == '\r') {
				k |= CC_END;
			}
			if (c != 0 && strchr(".!?;:", (int)c) != NULL) {
				k |= CC_STOP;
			}
			if (c == 0xE2 || c == 0xC2) {
				k |= CC_SPECIAL;
			}
			if (c == '.') {
				k |= CC_DOT;
			}
			char_class[c] = k;
			span_class[c] = (guint8)((g_ascii_isalnum((char)c) || c == '\'' ? SC_WORD : 0) |
						 (c != 0 && strchr(",;()", (int)c) != NULL ? SC_CLAUSE : 0) |
						 (c == '-' || c == '.' ? SC_JOIN : 0));
		}
		g_once_init_leave(&once, 1);
	}
}

#define CC(c) (char_class[(unsigned char)(c)])
#define SC(c) (span_class[(unsigned char)(c)])

/* Sorted (LC_ALL=C) for bsearch; test-linker checks the order. */
static const char *const stop_words[] = {
	"a", "able", "about", "above", "across", "additional", "advisories", "advisory", "aest", "affect",
	"affected", "affecting", "affects", "after", "again", "against", "all", "almost", "along",
	"already", "also", "although", "always", "am", "among", "an", "analyse", "analysing", "analysis",
	"analyze", "analyzed", "analyzing", "and", "another", "anticipate", "any", "anyone", "anything",
	"anyway", "apologies", "apologize", "appear", "appeared", "appears", "approximately", "apr",
	"april", "are", "aren", "around", "as", "at", "aug", "august", "available", "back", "be",
	"because", "been", "before", "began", "begin", "being", "believe", "below", "best", "between",
	"both", "bst", "but", "by", "can", "cannot", "cause", "caused", "causes", "causing", "cdt",
	"certain", "cest", "cet", "complete", "completed", "completes", "completion", "confirm",
	"confirmed", "confirming", "continue", "continued", "continues", "continuing", "could", "couldn",
	"cst", "current", "currently", "customer", "customers", "d", "day", "days", "dec", "december",
	"detail", "details", "determine", "determined", "did", "didn", "do", "does", "doesn", "doing",
	"don", "down", "during", "each", "edt", "either", "else", "end", "ended", "ensure", "est", "etc",
	"even", "event", "ever", "every", "examine", "examined", "examining", "expect", "expected",
	"experience", "experienced", "experiencing", "feb", "february", "few", "final", "fine", "first",
	"fix", "fixed", "fixing", "following", "for", "found", "fri", "friday", "from", "further", "get",
	"gets", "getting", "given", "gmt", "go", "going", "got", "had", "hadn", "has", "hasn", "have",
	"haven", "having", "he", "hello", "her", "here", "hers", "hi", "him", "his", "hour", "hours",
	"how", "however", "i", "identified", "identify", "if", "impact", "impacted", "impacting", "in",
	"incident", "incidents", "inconvenience", "info", "inform", "information", "informed", "into",
	"investigate", "investigated", "investigating", "investigation", "is", "isn", "issue", "issues",
	"ist", "it", "its", "itself", "jan", "january", "jst", "jul", "july", "jun", "june", "just",
	"last", "later", "latest", "less", "let", "like", "likely", "ll", "m", "many", "mar", "march",
	"may", "mayn", "mdt", "me", "mid", "might", "min", "minute", "minutes", "mitigate", "mitigated",
	"mitigating", "mitigation", "mon", "monday", "monitor", "monitored", "monitoring", "month",
	"months", "more", "most", "mst", "much", "must", "my", "need", "needed", "next", "no", "nor",
	"normal", "normally", "not", "note", "noted", "notice", "noticed", "nov", "november", "now",
	"number", "o", "occur", "occurred", "occurring", "oct", "october", "of", "off", "on", "once",
	"one", "ongoing", "only", "operating", "operational", "or", "other", "others", "otherwise", "our",
	"ours", "out", "over", "own", "part", "past", "pdt", "per", "percent", "period", "please", "pm",
	"portion", "possible", "post", "posts", "previous", "previously", "prior", "problem", "problems",
	"progress", "provide", "provided", "provides", "providing", "pst", "quickly", "rather", "re",
	"really", "recent", "recently", "related", "remain", "remains", "report", "reported", "reporting",
	"reports", "resolution", "resolve", "resolved", "return", "returned", "returning", "review",
	"reviewing", "root", "s", "same", "sat", "saturday", "scope", "see", "seems", "seen", "sep",
	"sept", "september", "service", "services", "several", "shall", "she", "shortly", "should",
	"shouldn", "since", "so", "some", "someone", "something", "soon", "sorry", "start", "started",
	"starting", "statement", "status", "still", "subsequently", "subset", "such", "summary", "sun",
	"sunday", "sure", "t", "take", "team", "than", "thank", "thanks", "that", "the", "their",
	"theirs", "them", "then", "there", "these", "they", "this", "those", "through", "throughout",
	"thu", "thurs", "thursday", "time", "times", "title", "to", "today", "tomorrow", "too", "toward",
	"tracking", "tue", "tues", "tuesday", "unable", "under", "understand", "underway", "until", "up",
	"update", "updated", "updates", "upon", "us", "use", "used", "user", "users", "using", "utc",
	"various", "ve", "very", "via", "want", "was", "wasn", "way", "we", "wed", "wednesday", "week",
	"weeks", "well", "were", "weren", "what", "when", "where", "whether", "which", "while", "who",
	"whom", "whose", "why", "will", "with", "within", "without", "won", "work", "workaround",
	"workarounds", "working", "would", "wouldn", "yesterday", "yet", "you", "your", "yours", "z",
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The stop list as an open-addressing hash set of indexes into stop_words[],
 * built once on first use and never changed after: a read-only cache, not
 * state.  Looked up with the word's length and a hash of four of its letters,
 * so a miss (most words) costs a few instructions and a probe or two; GHashTable cost ~180
 * instructions per word here, bsearch nine strcmp().
 */
#define STOP_SLOTS 2048

/* A constant-time hash of a word (@len > 0): its length and four of its
 * letters.  Collisions only cost a strncmp. */
static guint32
stop_hash(const char *w, gsize len)
{
	guint32 h = (guint32)len * 0x9e3779b1u;
	h ^= (guint32)(unsigned char)w[0] * 0x85ebca6bu;
	h ^= (guint32)(unsigned char)w[len - 1] * 0xc2b2ae35u;
	h ^= (guint32)(unsigned char)w[len / 2] * 0x27d4eb2fu;
	h ^= (guint32)(unsigned char)w[(len - 1) / 3] * 0x165667b1u;
	return h ^ (h >> 15);
}

static const guint16 *
stop_set(void)
{
	static gsize once = 0;
	static guint16 slots[STOP_SLOTS]; /* index + 1 into stop_words; 0 = empty */
	G_STATIC_ASSERT(G_N_ELEMENTS(stop_words) < STOP_SLOTS / 2);
	if (g_once_init_enter(&once)) {
		for (gsize i = 0; i < G_N_ELEMENTS(stop_words); i++) {
			guint32 h = stop_hash(stop_words[i], strlen(stop_words[i])) & (STOP_SLOTS - 1);
			while (slots[h] != 0) {
				h = (h + 1) & (STOP_SLOTS - 1);
			}
			slots[h] = (guint16)(i + 1);
		}
		g_once_init_leave(&once, 1);
	}
	return slots;
}

static bool
is_stop(const char *w, gsize len)
{
	const guint16 *slots = stop_set();
	for (guint32 h = stop_hash(w, len) & (STOP_SLOTS - 1); slots[h] != 0;
	     h = (h + 1) & (STOP_SLOTS - 1)) {
		const char *s = stop_words[slots[h] - 1];
		if (strncmp(s, w, len) == 0 && s[len] == '\0') {
			return true;
		}
	}
	return false;
}

/* bsearch form kept for the self check: the table must stay sorted for review. */
G_GNUC_UNUSED static bool
is_stop_sorted_lookup(const char *w)
{
	return bsearch(&w, stop_words, G_N_ELEMENTS(stop_words), sizeof(stop_words[0]),
		       cmp_str) != NULL;
}

static bool short_lists_ok(void);
static bool word_back_ok(void);

bool
terms_self_check(void)
{
	for (gsize i = 1; i < G_N_ELEMENTS(stop_words); i++) {
		if (strcmp(stop_words[i - 1], stop_words[i]) >= 0) {
			return false;
		}
	}
	return short_lists_ok() && word_back_ok();
}

static bool
ends_with(const char *w, gsize len, const char *suffix)
{
	gsize sl = strlen(suffix);
	return len >= sl && memcmp(w + len - sl, suffix, sl) == 0;
}

/*
 * A light stemmer, in place.  Plurals first (so "messages" and "message"
 * meet), then -ation/-ing/-ed (so "recomputed", "recompute" and
 * "recomputation" meet), then a doubled final consonant ("stopped") and a
 * final "e".  Words of three letters or fewer (dns, aws, api) are kept.
 */
static gsize
stem(char *w, gsize len)
{
	if (len <= 3) {
		return len;
	}
	if (ends_with(w, len, "ies") && len > 4) {
		w[len - 3] = 'y';
		w[len - 2] = '\0';
		len -= 2;
	} else if (ends_with(w, len, "sses")) {
		w[len - 2] = '\0';
		len -= 2;
	} else if (w[len - 1] == 's' && !ends_with(w, len, "ss") && !ends_with(w, len, "us") &&
		   !ends_with(w, len, "is")) {
		w[--len] = '\0';
	}
	if (len > 7 && ends_with(w, len, "ation")) {
		len -= 5;
		w[len] = '\0';
	} else if (len > 5 && ends_with(w, len, "ing")) {
		len -= 3;
		w[len] = '\0';
	} else if (len > 4 && ends_with(w, len, "ed")) {
		len -= 2;
		w[len] = '\0';
	}
	if (len > 3 && w[len - 1] == w[len - 2] && strchr("bcdfgkmnprt", w[len - 1]) != NULL) {
		w[--len] = '\0';
	}
	if (len > 4 && w[len - 1] == 'e') {
		w[--len] = '\0';
	}
	return len;
}

/* Google Cloud region codes: europe-west9, us-central1, asia-northeast1. */
static bool
is_gcp_region(const char *tok)
{
	static const char *const areas[] = {"africa", "asia", "australia", "europe", "me",
					    "northamerica", "southamerica", "us"};
	static const char *const dirs[] = {"central", "east", "north", "northeast", "northwest",
					   "south", "southeast", "southwest", "west"};
	const char *dash = strchr(tok, '-');
	if (dash == NULL || strchr(dash + 1, '-') != NULL) {
		return false;
	}
	bool area_ok = false;
	for (gsize i = 0; i < G_N_ELEMENTS(areas); i++) {
		area_ok |= strlen(areas[i]) == (gsize)(dash - tok) &&
			   strncmp(tok, areas[i], (gsize)(dash - tok)) == 0;
	}
	const char *d = dash + 1;
	gsize dl = 0;
	while (g_ascii_isalpha(d[dl])) {
		dl++;
	}
	if (!area_ok || d[dl] == '\0') {
		return false;
	}
	for (const char *p = d + dl; *p != '\0'; p++) {
		if (!g_ascii_isdigit(*p)) {
			return false;
		}
	}
	for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
		if (strlen(dirs[i]) == dl && strncmp(d, dirs[i], dl) == 0) {
			return true;
		}
	}
	return false;
}

/* Cloud region codes: us-east-1, eu-central-1, ap-southeast-2, US-East. */
static bool
is_region(const char *tok)
{
	if (is_gcp_region(tok)) {
		return true;
	}
	static const char *const areas[] = {"af", "ap", "ca", "cn", "eu", "il", "me", "mx", "sa",
					    "us"};
	static const char *const dirs[] = {"central", "east", "north", "northeast", "northwest",
					   "south", "southeast", "southwest", "west"};
	const char *dash = strchr(tok, '-');
	if (dash == NULL || dash - tok != 2) {
		return false;
	}
	bool area_ok = false;
	for (gsize i = 0; i < G_N_ELEMENTS(areas); i++) {
		area_ok |= strncmp(tok, areas[i], 2) == 0;
	}
	if (!area_ok) {
		return false;
	}
	const char *d = dash + 1;
	const char *d2 = strchr(d, '-');
	gsize dl = d2 != NULL ? (gsize)(d2 - d) : strlen(d);
	bool dir_ok = false;
	for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
		dir_ok |= strlen(dirs[i]) == dl && strncmp(d, dirs[i], dl) == 0;
	}
	if (!dir_ok) {
		return false;
	}
	if (d2 == NULL) {
		return true;
	}
	for (const char *p = d2 + 1; *p != '\0'; p++) {
		if (!g_ascii_isdigit(*p)) {
			return false;
		}
	}
	return d2[1] != '\0';
}

/* The region of a zone written as a code (in @out, @n bytes): a Google Cloud zone
 * is its region and a letter ("europe-west2-a": europe-west2), an AWS Availability
 * Zone name its region and a letter ("us-east-1a": us-east-1), an AWS Availability
 * Zone ID the area, the initials of the direction and the number of its region, then
 * "-az" and a number ("use1-az4": us-east-1, "apse2-az1": ap-southeast-2).  A zone
 * is in its region as a person reads it: the region's outage is the zone's.  False
 * for any other token. */
static bool
zone_region(const char *tok, char *out, gsize n)
{
	static const char *const areas[] = {"af", "ap", "ca", "eu", "il", "me", "mx", "sa", "us"};
	static const struct {
		const char *abbr, *dir;
	} dirs[] = {{"ne", "northeast"}, {"nw", "northwest"}, {"se", "southeast"},
		    {"sw", "southwest"}, {"c", "central"}, {"e", "east"}, {"n", "north"},
		    {"s", "south"}, {"w", "west"}};
	gsize len = strlen(tok);
	if (len < 6 || len >= n) {
		return false;
	}
	const char *last = strrchr(tok, '-');
	if (last != NULL && strlen(last) == 2 && g_ascii_islower(last[1])) {
		/* "europe-west2-a" */
		memcpy(out, tok, (gsize)(last - tok));
		out[last - tok] = '\0';
		return is_gcp_region(out);
	}
	if (g_ascii_islower(tok[len - 1]) && g_ascii_isdigit(tok[len - 2]) &&
	    strchr(tok, '-') != strrchr(tok, '-')) {
		/* "us-east-1a" */
		memcpy(out, tok, len - 1);
		out[len - 1] = '\0';
		return is_region(out);
	}
	const char *az = strstr(tok, "-az");
	if (az == NULL || az[3] == '\0' || strspn(az + 3, "0123456789") != strlen(az + 3)) {
		return false;
	}
	/* "use1-az4": area, direction initials, number. */
	for (gsize a = 0; a < G_N_ELEMENTS(areas); a++) {
		if (strncmp(tok, areas[a], 2) != 0) {
			continue;
		}
		for (gsize d = 0; d < G_N_ELEMENTS(dirs); d++) {
			gsize dl = strlen(dirs[d].abbr);
			const char *num = tok + 2 + dl;
			if (num >= az || strncmp(tok + 2, dirs[d].abbr, dl) != 0 ||
			    strspn(num, "0123456789") != (gsize)(az - num)) {
				continue;
			}
			g_snprintf(out, n, "%s-%s-%.*s", areas[a], dirs[d].dir, (int)(az - num), num);
			return true;
		}
	}
	return false;
}

/* An advisory / tracking id: letters and digits (and - _, or a ticket's '#':
 * "FS#49484"), at least two of each, five characters or more, not a plain number
 * with a unit ("15min"). */
static bool
is_id_like(const char *tok)
{
	gsize len = strlen(tok), letters = 0, digits = 0;
	if (len < 5 || len > 40) {
		return false;
	}
	for (const char *p = tok; *p != '\0'; p++) {
		if (g_ascii_isalpha(*p)) {
			letters++;
		} else if (g_ascii_isdigit(*p)) {
			digits++;
		} else if (*p != '-' && *p != '_' && *p != '#') {
			return false;
		}
	}
	/* "503", "5xx", "2h": an id has at least two of each; a number with a
	 * unit ("15min", "500ms") is no id. */
	gsize lead = strspn(tok, "0123456789");
	if (lead > 0 && lead + letters == len) {
		return false;
	}
	return letters >= 2 && digits >= 2;
}

static const char *const negative_cues[] = {
	"not related", "n't related", "unrelated", "separate issue", "separate incident",
	"separate problem", "separate from", "not connected", "n't connected", "unconnected", "not caused by",
	"n't caused by", "different issue", "no relation", "not linked", "n't linked",
	"not part of", "n't part of", "not a consequence", "n't a consequence", "not a result of",
	"n't a result of", "not downstream of", "n't downstream of",
};
/* Words by which an item says it is not part of another incident. */
static const char *const disclaim_cues[] = {
	"unrelated", "not related", "n't related", "separate from", "separate issue",
	"separate incident", "independent of", "not connected", "n't connected", "not part of",
	"n't part of", "distinct from", "not a consequence", "n't a consequence", "not a result of",
	"n't a result of", "not downstream of", "n't downstream of",
};
/* Words that make the other incident one under way or told of elsewhere ("the
 * ongoing DNS incident"), not a cause ruled out ("unrelated to a security
 * incident") nor the item's own incident ("is unrelated to this incident"). */
static const char *const other_incident_words[] = {
	"ongoing", "other", "another", "earlier", "previous", "concurrent", "existing",
	"parallel", "wider", "broader", "current",
};
/* ... unless what it rules out is work or an attack, not an incident ("this
 * is unrelated to the ongoing maintenance", "... to any ongoing attack"): a
 * provider's main incident says so too. */
static const char *const other_not_incident_words[] = {
	"maintenance", "attack", "security", "breach", "migration",
};

static bool
disclaim_word_byte(char c)
{
	return g_ascii_isalnum(c) || c == '\'';
}

/* The first occurrence of @word as whole words in [@s, @end), or NULL.  Each
 * occurrence found by memmem(), then its edges tested: a memcmp() call at every
 * byte, for every cue of every sentence, was a third of link --json's CPU. */
static const char *
find_words(const char *s, const char *end, const char *word)
{
	gsize n = strlen(word);
	/* "n't related" starts inside "isn't". */
	bool inside = word[0] == 'n' && word[1] == '\'';
	for (const char *p = s; p + n <= end; p++) {
		p = memmem(p, (gsize)(end - p), word, n);
		if (p == NULL) {
			return NULL;
		}
		if ((p == s || inside || !disclaim_word_byte(p[-1])) &&
		    (p + n == end || !disclaim_word_byte(p[n]))) {
			return p;
		}
	}
	return NULL;
}

/* A lower-case sentence [@s, @end) in which an advisory says it is itself
 * separate from another incident under way (TERMS_SENTENCE_DISCLAIMS): a cue,
 * with "this" or "it" before it or nothing at all ("Unrelated to the ongoing
 * incident, ..."), and a word of other_incident_words after it (but none of
 * other_not_incident_words).  Only tried on sentences denying a relation,
 * which are few. */
static bool
sentence_disclaims(const char *s, const char *end)
{
	while (s < end && !g_ascii_isalnum(*s)) {
		s++;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(disclaim_cues); i++) {
		const char *cue = find_words(s, end, disclaim_cues[i]);
		if (cue == NULL) {
			continue;
		}
		bool self = cue == s || find_words(s, cue, "this") != NULL ||
			    find_words(s, cue, "it") != NULL;
		for (gsize k = 0; self && k < G_N_ELEMENTS(other_not_incident_words); k++) {
			self = find_words(cue, end, other_not_incident_words[k]) == NULL;
		}
		for (gsize k = 0; self && k < G_N_ELEMENTS(other_incident_words); k++) {
			if (find_words(cue, end, other_incident_words[k]) != NULL) {
				return true;
			}
		}
	}
	return false;
}

/* A sentence holding one of these says something is not affected or still
 * works (TERMS_SENTENCE_UNAFFECTED). */
static const char *const unaffected_cues[] = {
	"not affected", "n't affected", "not impacted", "n't impacted", "unaffected",
	"not affecting", "n't affecting", "not experiencing", "n't experiencing", "are able to",
	"is able to", "still able", "remain available", "remains available", "remain operational",
	"remains operational", "continue to work", "continues to work", "working normally",
	"working as expected", "operating normally", "functioning normally",
	/* "No impact on ...", "no impact to ...", a title's label "No impact: ...". */
	"no impact", "no customer impact",
	/* The verb's other forms: "does not affect our builds", "did not affect",
	 * "doesn't impact", "has not impacted us" ("not affected" covers "has not
	 * affected"). */
	"not affect", "n't affect", "not impact", "n't impact",
	/* What still works, offered in place of what fails: "The Outlook desktop client
	 * and Outlook mobile can be used as alternatives", "... show the correct times". */
	"as an alternative", "as alternatives", "as a workaround", "show the correct",
	"shows the correct",
	/* Planned work put off, told beside an outage ("Friday's planned search upgrade
	 * is postponed"): that work is not what broke. */
	"postponed", "rescheduled",
};
/* A sentence holding one of these says something else is broken
 * (TERMS_SENTENCE_BLAME). */
static const char *const blame_cues[] = {
	"having an outage", "having a major outage", "having a partial outage", "having an issue",
	"having issues", "having problems", "experiencing an outage", "experiencing a major outage",
	"experiencing a partial outage", "is down", "are down", "outage at", "issue at", "issues at",
	"issue with", "issues with", "problem with", "problems with",
	/* The provider's state: "Datadog, which is in a major outage", "X is
	 * experiencing issues", "an incident at our email provider". */
	"in a major outage", "in an outage", "in a partial outage", "experiencing issues",
	"experiencing problems", "experiencing an issue", "experiencing an incident",
	"experiencing a major incident", "having an incident", "having a major incident",
	"incident at",
	/* The thing named as the source of the errors: "The errors are coming from
	 * Azure Front Door", "errors returned by our CDN", "requests failing at
	 * Cloudflare's edge", "Fastly is returning 503s", "timeouts from Stripe's API". */
	"coming from", "originating from", "originate from", "returned by", "returning 5",
	"returning error", "returning http", "failing at", "errors from", "error from",
	"timeouts from", "failures from",
	/* ... or as where they come from: "the errors come from an electrical fault at
	 * Amazon EC2 in Ohio", "the delays stem from our mail provider". */
	"come from", "comes from", "came from", "stem from", "stems from",
	"stemmed from",
	/* The fault placed with the vendor: "our SMS provider confirmed an issue on
	 * their end", "the third-party email service has an issue on its side". */
	"on its side", "on their side", "on its end", "on their end",
	/* The vendor's state is an attack: "our payment service provider is under a
	 * DDoS attack", "a denial-of-service attack on our CDN provider". */
	"under attack", "under a ddos", "under a denial", "attack on", "attack against",
	/* What befell the vendor: "we use X, which was hit by a ransomware attack". */
	"hit by",
};
/* "We are affected by the AWS outage in Northern Virginia": a blame only of what the
 * few words after the cue name (affected_by_span()), never sentence-wide ("Customers
 * hosted on AWS were affected by a bug in our latest release" blames no one). */
static const char *const affected_cues[] = {"affected by", "impacted by"};
/* Internal to sentence_flags() and scan_sentence(): an affected_cues cue matched. */
#define SENTENCE_AFFECTED_BY (1u << 8)
/* A state with an article and a word or two, or a word or two alone, before its
 * problem word ("Google is having a widespread outage", "X is experiencing a major
 * service disruption", "an internet service provider in Canada is having routing
 * problems"): only a sentence holding one of these is tried by sentence_states();
 * the fixed forms are blame_cues. */
static const char *const state_hints[] = {"having", "experiencing", "suffering"};
/* Internal to sentence_flags() and scan_sentence(): a state_hints cue matched. */
#define SENTENCE_STATE_HINT (1u << 12)

/* A provider's state relayed as news, with no statement of cause: "Slack has
 * confirmed an incident affecting message delivery", "OpenAI's API has been failing
 * since 13:58 UTC", "reminders will go out once Twilio recovers", "Mailgun reports
 * that service is restored", a title "Zendesk connector: syncs failing".  The cue
 * blames only the few words before it that keep a name its subject (state_span()),
 * never sentence-wide: "you can reach us on Slack if you cannot log in" blames no
 * one.  Failure, degradation and recovery alike: a recovery told of a provider is
 * news of its incident too. */
static const char *const state_cues[] = {
	"failing", "fail to", "fails to", "failed to", "unavailable", "degraded",
	"not responding", "unreachable", "timing out", "elevated", "having trouble",
	"cannot", "can't", "unable to", "paused", "recovers", "recovered", "restored",
	"working again", "back online", "confirmed an incident", "confirmed an outage",
	"confirmed an issue", "confirmed a problem", "reports an outage", "reports an incident",
	"has an outage", "has an incident",
	/* A title or clause naming the provider's trouble: "Slack outage: reminders
	 * late", "GitHub down", "Stripe API intermittent errors", "Twilio SMS delays". */
	"outage", "outages", "disruption", "down", "not working", "not loading",
	"intermittent", "increased error", "increased latency", "high latency", "delays",
	"delayed", "reports issues", "reporting issues", "reports problems", "reports errors",
	"reporting errors", "reports an issue",
	/* Its recovery: "Slack is back", "SendGrid has resolved the incident". */
	"is back", "are back", "back up", "has resolved", "have resolved", "resolved its",
	"has fixed", "fixed its",
	/* "Amazon EC2 in Ohio is impaired", "impaired networking at Azure". */
	"impaired",
};
/* Internal to sentence_flags() and scan_sentence(): a state_cues cue matched. */
#define SENTENCE_STATE_CUE (1u << 11)
/* Words before a state cue that end its subject: the page itself, its reader, or a
 * clause of its own ("if you cannot", "we have paused", "our exports are failing").
 * "once" and "until" do not: "until Zoom recovers" names Zoom's state. */
static const char state_subject_stops[][8] = {
	"we", "our", "us", "you", "your", "i", "if", "while", "when", "whether", "but", "not",
	"no",
};
/* Its entries' first letters, as short_list_firsts() gives them (checked by
 * terms_self_check()). */
#define LETTER(c) (1u << ((c) - 'a'))
#define STATE_SUBJECT_STOPS_FIRSTS                                                          \
	(LETTER('w') | LETTER('o') | LETTER('u') | LETTER('y') | LETTER('i') | LETTER('b') |   \
	 LETTER('n'))
/* How many words before a state cue it blames. */
#define STATE_BLAME_WORDS 6

/* A provider named as the one that provides the broken thing, not as its cause:
 * "card payments failed at terminals connected over mobile data, which Optus
 * provides", "our Vodafone-provided lines are down", "texts delivered by Twilio
 * arrive late".  The sentence blames what it names (TERMS_SENTENCE_BLAME |
 * TERMS_SENTENCE_RELIES) only when it also says something is broken
 * (carrier_breaks): "Optus provides our mobile data" alone blames no one. */
static const char *const carrier_hints[] = {
	"provides", "provided by", "supplied by", "supplies", "operated by", "delivered by",
	"carried by",
	/* What runs on the vendor: "our servers that run on EC2 in Ohio are impaired". */
	"run on", "runs on",
};
/* Internal to sentence_flags() and scan_sentence(): a carrier_hints cue matched. */
#define SENTENCE_CARRIER_HINT (1u << 9)
/* "Provided" alone is everyday status-page prose ("we have provided an update"): a
 * carrier only as "Vodafone-provided" (carrier_provided()). */
static const char *const provided_hints[] = {"provided"};
#define SENTENCE_PROVIDED_HINT (1u << 10)
/* What is broken, for carrier_hints: words of the sentence, or their starts ("fail"
 * is failed, fails, failing, failure; carrier_breaks_whole[] are whole words).
 * Looked for only in a sentence holding a carrier_hints cue (carrier_broken()), so
 * common words cost sentence_flags() nothing. */
static const char *const carrier_breaks[] = {
	"unavailable", "down", "offline", "outage", "fail", "no service", "not working",
	"disrupt", "interrupt", "lost", "could not", "cannot", "can't", "delay", "unreachable",
	"dropp", "impair",
};

/* Those of carrier_breaks[] found only as whole words ("down" is not "downstream"
 * nor "download"). */
static const char *const carrier_breaks_whole[] = {"down", "lost", NULL};

/* True when the lower-case sentence [@s, @s + @len) writes "provided" joined to the
 * word before it ("our vodafone-provided lines"). */
static bool
carrier_provided(const char *s, gsize len)
{
	for (const char *p = s, *end = s + len; p < end;) {
		const char *hit = memmem(p, (gsize)(end - p), "provided", 8);
		if (hit == NULL) {
			return false;
		}
		if (hit > s + 1 && hit[-1] == '-' && g_ascii_isalnum(hit[-2])) {
			return true;
		}
		p = hit + 8;
	}
	return false;
}

/* True when the lower-case sentence [@s, @s + @len) holds one of carrier_breaks[] at a
 * word start ("down" and "lost" as whole words). */
static bool
carrier_broken(const char *s, gsize len)
{
	for (gsize i = 0; i < G_N_ELEMENTS(carrier_breaks); i++) {
		const char *b = carrier_breaks[i];
		gsize n = strlen(b);
		bool whole = g_strv_contains(carrier_breaks_whole, b);
		for (const char *p = s, *end = s + len; p < end;) {
			const char *hit = memmem(p, (gsize)(end - p), b, n);
			if (hit == NULL) {
				break;
			}
			if ((hit == s || !g_ascii_isalnum(hit[-1])) &&
			    (!whole || hit + n == end || !g_ascii_isalnum(hit[n]))) {
				return true;
			}
			p = hit + 1;
		}
	}
	return false;
}

/* Blames saying the thing named is one the advisory's service relies on ("an external
 * DNS service we rely on"): TERMS_SENTENCE_BLAME | TERMS_SENTENCE_RELIES. */
static const char *const reliance_cues[] = {
	"platform we run on", "we rely on", "we run on", "we depend on", "we rely upon",
};
/* A vendor's service said to be someone else's ("a third-party email service", "a
 * third party SMS gateway", "an external authentication service", "the CI service we
 * use"): a provider noun that may name the advisory's own system ("service",
 * "platform", "gateway") names a vendor there, where the sentence states a cause or
 * blames (TERMS_SENTENCE_RELIES alone: the words blame no one by themselves).  Not
 * "external" alone: "external users" are the page's own. */
static const char *const vendor_cues[] = {"third-party", "third party", "an external", "we use"};
/* ... and what comes from such a vendor's service is its doing: "delays receiving email
 * sent from a third-party email service", "accounts from an external identity provider"
 * (TERMS_SENTENCE_BLAME | TERMS_SENTENCE_RELIES; the role words still have to be
 * there: "files imported from a third-party app" blames no one). */
static const char *const vendor_source_cues[] = {
	"from a third-party", "from a third party", "from an external", "from third-party",
};
static const char *const tentative_cues[] = {
	"whether", "if this", "possible", "possibly", "might be", "may be related",
	"may be connected", "could be related", "similar to",
};

/* What another incident is called: "the same ... problem", "the ongoing ... incident". */
static const char *const problem_words[] = {
	"problem", "problems", "issue", "issues", "incident", "incidents", "outage", "outages",
	"event", "disruption", "fault", "failure",
};
/* Words before "ongoing" by which an item ties itself to that incident. */
static const char *const share_relations[] = {
	"related to", "part of", "caused by", "due to", "result of", "linked to", "connected to",
	"tied to", "because of", "stems from", "stem from", "knock-on", "impact of",
	"consequence of", "downstream of", "follow-on from", "follow-on of", "follow-on to",
};
/* Relations that tie an item to another incident even without "ongoing" ("a
 * consequence of the R2 incident", "downstream of the storage outage"), when
 * "the", then a name of a word or more, then a problem word follow: "the incident"
 * alone may be the item's own. */
static const char *const share_named_relations[] = {
	"consequence of the", "downstream of the", "follow-on from the", "follow-on of the",
	"follow-on to the", "knock-on effect of the", "knock-on from the",
};

/* The first of problem_words within five words after @from in [@from, @end), or NULL
 * (a phrase such as "the same storage connection problem" names its thing last;
 * "at the same time" names none). */
static const char *
problem_after(const char *from, const char *end)
{
	int words = 0;
	const char *p = from;
	while (p < end && words <= 5) {
		while (p < end && !disclaim_word_byte(*p)) {
			if (*p == ',' || *p == ';' || *p == ':' || *p == '(') {
				return NULL; /* a clause ends */
			}
			p++;
		}
		const char *w = p;
		while (p < end && disclaim_word_byte(*p)) {
			p++;
		}
		if (p == w) {
			break;
		}
		for (gsize i = 0; i < G_N_ELEMENTS(problem_words); i++) {
			gsize n = strlen(problem_words[i]);
			if ((gsize)(p - w) == n && memcmp(w, problem_words[i], n) == 0) {
				return w;
			}
		}
		words++;
	}
	return NULL;
}

/* True when the lower-case sentence [@s, @end) states something's state with a
 * state_hints cue, an article or none, at most two words, then a problem word
 * ("having a widespread outage", "having routing problems"; not "having a look at
 * the logs"). */
static bool
sentence_states(const char *s, const char *end)
{
	for (gsize i = 0; i < G_N_ELEMENTS(state_hints); i++) {
		for (const char *p = s; (p = find_words(p, end, state_hints[i])) != NULL; p++) {
			const char *q = p + strlen(state_hints[i]);
			while (q < end && *q == ' ') {
				q++;
			}
			if (end - q > 2 && q[0] == 'a' && q[1] == ' ') {
				q += 2;
			} else if (end - q > 3 && q[0] == 'a' && q[1] == 'n' && q[2] == ' ') {
				q += 3;
			}
			for (int words = 0; words <= 2 && q < end; words++) {
				while (q < end && *q == ' ') {
					q++;
				}
				const char *w = q;
				while (q < end && (g_ascii_isalnum(*q) || *q == '-')) {
					q++;
				}
				if (q == w) {
					break; /* punctuation: the clause ends */
				}
				for (gsize k = 0; k < G_N_ELEMENTS(problem_words); k++) {
					gsize n = strlen(problem_words[k]);
					if ((gsize)(q - w) == n &&
					    memcmp(w, problem_words[k], n) == 0) {
						return true;
					}
				}
			}
		}
	}
	return false;
}

/* After an affected_cues cue, words saying the page was hit by its own doing ("our
 * own", "a change we made", "a mistake on our side")... */
static const char *const own_fault_words[] = {
	"we", "us", "our own", "our side", "our end", "ourselves",
};
/* ...or a fault of its own thing: one of these with "our" ("a bug in our latest
 * release", "our faulty deploy"). */
static const char *const fault_words[] = {
	"bug", "bugs", "mistake", "mistakes", "misconfiguration", "change", "changes", "deploy",
	"deployment", "release", "regression", "defect", "error", "errors",
};
/* How many words after an affected_cues cue it blames. */
#define AFFECTED_BLAME_WORDS 6

/* True when [@s, @end) holds @word as whole words, not as part of a token such as
 * "us-east-1". */
static bool
find_clause_word(const char *s, const char *end, const char *word)
{
	gsize n = strlen(word);
	for (const char *p = s; (p = find_words(p, end, word)) != NULL; p++) {
		if (p + n == end || !(p[n] == '-' || p[n] == '.' || p[n] == '/') ||
		    p + n + 1 == end || !disclaim_word_byte(p[n + 1])) {
			if (p == s || !(p[-1] == '-' || p[-1] == '.' || p[-1] == '/')) {
				return true;
			}
		}
	}
	return false;
}

/* The words after an affected_cues cue in the lower-case sentence [@s, @end) that
 * the sentence blames: in *@ret_from and *@ret_to (the end of the last of them),
 * at most AFFECTED_BLAME_WORDS words up to the clause's end, of the first cue whose
 * clause after it does not state the page's own fault.  False when there is none. */
static bool
affected_by_span(const char *s, const char *end, const char **ret_from, const char **ret_to,
		 bool *ret_own)
{
	for (gsize i = 0; i < G_N_ELEMENTS(affected_cues); i++) {
		for (const char *p = s; (p = find_words(p, end, affected_cues[i])) != NULL; p++) {
			const char *from = p + strlen(affected_cues[i]);
			const char *q = from, *to = from, *clause = from;
			int words = 0;
			while (q < end) {
				while (q < end && !disclaim_word_byte(*q) && *q != ',' &&
				       *q != ';' && *q != ':' && *q != '(' && *q != ')') {
					q++;
				}
				if (q == end || !disclaim_word_byte(*q)) {
					break; /* the clause ends */
				}
				while (q < end && (disclaim_word_byte(*q) || *q == '-' ||
				                   *q == '.' || *q == '/')) {
					q++;
				}
				if (++words <= AFFECTED_BLAME_WORDS) {
					to = q;
				}
				clause = q;
			}
			bool own = false, fault = false;
			for (gsize k = 0; !own && k < G_N_ELEMENTS(own_fault_words); k++) {
				own = find_clause_word(from, clause, own_fault_words[k]);
			}
			for (gsize k = 0; !own && !fault && k < G_N_ELEMENTS(fault_words); k++) {
				fault = find_clause_word(from, clause, fault_words[k]);
			}
			if (own || (fault && find_clause_word(from, clause, "our"))) {
				*ret_own = true;
				continue;
			}
			if (to == from) {
				continue;
			}
			*ret_from = from;
			*ret_to = to;
			return true;
		}
	}
	return false;
}

/* @w's first @n (<= 8) bytes as a little-endian number, the rest zero; eight bytes
 * are readable at @w (a sentence buffer: zero padding after its end). */
static inline guint64
low_bytes_at(const char *w, gsize n)
{
	guint64 v = 0;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
	memcpy(&v, w, 8);
	return n >= 8 ? v : v & ((G_GUINT64_CONSTANT(1) << (8 * n)) - 1);
#else
	memcpy(&v, w, n);
	return v;
#endif
}

/* True when the word [@w, @w + @n) of a sentence buffer is one of the @count
 * entries of @list (zero padded to eight bytes, each shorter than eight): one
 * masked load and a compare per entry, no strlen() nor strncmp() call (those were
 * most of state_span()). */
static bool
short_word_in(const char (*list)[8], gsize count, const char *w, gsize n)
{
	if (n == 0 || n > 7) {
		return false;
	}
	guint64 v = low_bytes_at(w, n);
	for (gsize i = 0; i < count; i++) {
		guint64 k;
		memcpy(&k, list[i], 8);
		if (k == v) {
			return true;
		}
	}
	return false;
}

/* A bit per letter a-z (bit c - 'a') of the letters @list's @count entries start
 * with: what the hand-written masks beside such lists must be (terms_self_check()). */
static guint32
short_list_firsts(const char (*list)[8], gsize count)
{
	guint32 m = 0;
	for (gsize i = 0; i < count; i++) {
		m |= 1u << ((unsigned char)list[i][0] - 'a');
	}
	return m;
}

/* short_word_in() behind the first letters of @list (@firsts, its
 * short_list_firsts()): a word starting with none of them is not compared with
 * each entry.  Most of the words state_subject() walks back over fail there. */
static inline bool
short_word_in_firsts(const char (*list)[8], gsize count, guint32 firsts, const char *w,
		     gsize n)
{
	unsigned c = (unsigned)(unsigned char)w[0] - 'a';
	if (c >= 26 || !((firsts >> c) & 1)) {
		return false;
	}
	return short_word_in(list, count, w, n);
}

/* True when the word right before @cue (in the sentence starting at @s) is an
 * article or the like: "an outage page", "the delays", "any disruption" name no one's
 * state, where "the Slack outage" and "Slack delays" do. */
static const char state_articles[][8] = {
	"a", "an", "the", "this", "that", "these", "those", "any", "some", "no", "its", "their",
};
/* short_list_firsts() of state_articles */
#define STATE_ARTICLES_FIRSTS (LETTER('a') | LETTER('t') | LETTER('s') | LETTER('n') | LETTER('i'))

/* The hand-written first-letter masks of short_word_in_firsts()'s lists are what
 * short_list_firsts() makes of them (terms_self_check()). */
static bool
short_lists_ok(void)
{
	return short_list_firsts(state_subject_stops, G_N_ELEMENTS(state_subject_stops)) ==
		       STATE_SUBJECT_STOPS_FIRSTS &&
	       short_list_firsts(state_articles, G_N_ELEMENTS(state_articles)) ==
		       STATE_ARTICLES_FIRSTS;
}

static bool
state_after_article(const char *s, const char *cue)
{
	const char *e = cue;
	while (e > s && e[-1] == ' ') {
		e--;
	}
	const char *w = e;
	while (w > s && disclaim_word_byte(w[-1])) {
		w--;
	}
	return short_word_in_firsts(state_articles, G_N_ELEMENTS(state_articles),
				    STATE_ARTICLES_FIRSTS, w, (gsize)(e - w));
}

/* A lower-case sentence [@s, @end) in which an advisory says it shares the cause
 * of another incident under way (TERMS_SENTENCE_SHARES): "the same <...> problem"
 * (issue, incident, outage...), or "the ongoing <...> incident" after a word that
 * ties the advisory to it ("related to", "part of", "caused by", "due to"...).
 * A question ("whether", "possibly") is no claim; a denial never reaches here
 * (the mirror of sentence_disclaims()).  Only tried on sentences holding
 * "same" or "ongoing" (share_hints), which are few. */
static bool
sentence_shares(const char *s, const char *end)
{
	for (gsize i = 0; i < G_N_ELEMENTS(tentative_cues); i++) {
		if (find_words(s, end, tentative_cues[i]) != NULL) {
			return false;
		}
	}
	for (const char *p = s; (p = find_words(p, end, "the same")) != NULL; p++) {
		if (problem_after(p + strlen("the same"), end) != NULL) {
			return true;
		}
	}
	for (gsize i = 0; i < G_N_ELEMENTS(share_named_relations); i++) {
		for (const char *p = s; (p = find_words(p, end, share_named_relations[i])) != NULL;
		     p++) {
			const char *name = p + strlen(share_named_relations[i]);
			const char *w = problem_after(name, end);
			if (w != NULL && w > name + 1) {
				return true; /* a name before the problem word */
			}
		}
	}
	for (const char *p = s; (p = find_words(p, end, "ongoing")) != NULL; p++) {
		if (problem_after(p + strlen("ongoing"), end) == NULL) {
			continue;
		}
		for (gsize i = 0; i < G_N_ELEMENTS(share_relations); i++) {
			if (find_words(s, p, share_relations[i]) != NULL) {
				return true;
			}
		}
	}
	return false;
}

/* A sentence holding one of these states a cause (lower case; stop words such
 * as "cause" and "identified" are cues here even though they are no terms). */
static const char *const cause_cues[] = {
	"root cause", "caused by", "cause of", "cause was", "due to", "because",
	"triggered by", "was triggered", "resulted from", "result of", "led to",
	"identified a", "identified an", "identified the", "identified that", "determined that",
	"traced to", "attributed to", "a recent change", "recent update", "regression",
	"introduced", "outage at our", "outage of", "problem at our", "failure at our",
	"failing at our",
	/* A machine's own fault told as what happened to it: "the proxy's cache disk
	 * filled up", "our database ran out of transaction IDs".  ("The primary failed
	 * over to its standby" is remedy_hints[]: by its subject.) */
	"filled up", "ran out of",
	/* An own change undone: "today's release ...; we are rolling it back". */
	"today's release", "morning's release", "afternoon's release", "evening's release",
	"rolling it back", "rolling back", "rolled back", "rolled it back", "reverted",
	"reverting",
	/* The thing at fault named as the cause, whoever's it is: "a bad index caused
	 * the errors", "a faulty configuration was deployed", "the storage vendor has
	 * switched off the faulty controller", "a switch failed in our Dallas data
	 * center" (as "failure at our"). */
	"caused the", "caused this", "caused a", "a faulty", "the faulty", "a defective",
	"failed in our", "failed at our",
	/* A thing's own end or hold told as what happened: "the certificate of our
	 * update server expired", "a schema migration locked the transactions table". */
	"expired", "locked the",
};
/* A machine's fault or the page's remedy, told by its subject (remedy_subject()):
 * "our PostgreSQL database failed over", "the primary failed over to its standby"
 * state a cause; "we failed over what we could to other zones", "our team failed
 * over the database" tell what the page did about a fault, wherever it was. */
static const char *const remedy_hints[] = {"failed over"};
/* Internal to sentence_flags() and scan_sentence(): a remedy_hints cue matched. */
#define SENTENCE_REMEDY_HINT (1u << 13)
/* The subjects that make a remedy_hints cue the page's own act: the page itself
 * and its people. */
static const char *const remedy_subjects[] = {
	"we", "we've", "we'd", "i", "team", "teams", "engineers", "engineering", "staff",
	"operators",
};
/* Words between a subject and its verb that leave the subject as it is ("we have
 * since failed over", "the database then automatically failed over"); a word
 * ending in "ly" is such a word too. */
static const char *const remedy_between[] = {
	"have", "had", "has", "then", "also", "since", "already", "just", "now", "all",
	"both", "promptly",
};
/* How many words before a remedy_hints cue are read for its subject. */
#define REMEDY_SUBJECT_WORDS 4
/* Words that may start a claim to share another incident's cause; only a sentence
 * holding one is tried by sentence_shares(). */
static const char *const share_hints[] = {"same", "ongoing", "consequence", "downstream",
					   "follow-on", "knock-on"};

/* At most this many cues in all the lists (CueIndex; its lengths are guint8), and
 * fewer than 256 first-four-byte prefixes among them (prefixes[] keeps an empty
 * slot for a lookup to stop at). */
#define CUES_MAX 320

/* Cue lists as buckets by their first four bytes, built once (a read-only cache):
 * sentence_flags() tries only the cues that start with the four bytes at hand,
 * at word starts, instead of a strstr() per cue per sentence (that was a third
 * of adding an advisory), each with one compare of its first eight bytes.  (By
 * their first two bytes, common words such as "in", "is", "are", "we", "a"
 * reached the compares at every other word start.) */
typedef struct {
	guint32 key;       /* the first four bytes as cue_key() loads them; 0 = empty */
	guint16 start;     /* its cues: order[start .. start + n) */
	guint8 n;
} CuePrefix;

typedef struct {
	guint16 order[CUES_MAX]; /* cue indexes into cue[], grouped by their first four bytes */
	guint8 len[CUES_MAX]; /* strlen of each cue, by cue index */
	guint16 flag[CUES_MAX]; /* its TermsSentence flag, by cue index */
	guint64 head[CUES_MAX]; /* its first eight bytes (as memcpy() loads them), zero padded */
	guint64 mask[CUES_MAX]; /* the bytes of head that are the cue's */
	/* Its bytes 8 .. 31 the same way (a cue is shorter than SENTENCE_PAD), compared
	 * inline: a memcmp() call per cue that got past its first eight bytes was most
	 * of what cues cost. */
	guint64 tail[CUES_MAX][3];
	guint64 tail_mask[CUES_MAX][3];
	const char *cue[CUES_MAX];
	/* bit cue_hash(key): some cue starts with those four bytes.  Most word starts
	 * match none, and this says so with one load (512 bytes, stays in cache). */
	guint64 filter[4096 / 64];
	CuePrefix prefixes[256]; /* open addressing from cue_hash() >> 4 */
} CueIndex;

/* Every cue is at least this long (asserted), so its first four bytes are its own. */
#define CUE_MIN 4

static inline guint32
cue_key(const char *p)
{
	guint32 k;
	memcpy(&k, p, 4);
	return k;
}

/* Twelve bits of a four-byte key. */
static inline guint
cue_hash(guint32 key)
{
	return (key * 0x9e3779b1u) >> 20;
}

static const CueIndex *
cue_index(void)
{
	static gsize once = 0;
	static CueIndex ix;
	static const struct {
		const char *const *cues;
		gsize n;
		unsigned flag;
	} lists[] = {
		{negative_cues, G_N_ELEMENTS(negative_cues), TERMS_SENTENCE_NEGATIVE},
		{unaffected_cues, G_N_ELEMENTS(unaffected_cues), TERMS_SENTENCE_UNAFFECTED},
		{cause_cues, G_N_ELEMENTS(cause_cues), TERMS_SENTENCE_CAUSE},
		{blame_cues, G_N_ELEMENTS(blame_cues), TERMS_SENTENCE_BLAME},
		{affected_cues, G_N_ELEMENTS(affected_cues), SENTENCE_AFFECTED_BY},
		{reliance_cues, G_N_ELEMENTS(reliance_cues),
		 TERMS_SENTENCE_BLAME | TERMS_SENTENCE_RELIES},
		{vendor_cues, G_N_ELEMENTS(vendor_cues), TERMS_SENTENCE_RELIES},
		{vendor_source_cues, G_N_ELEMENTS(vendor_source_cues),
		 TERMS_SENTENCE_BLAME | TERMS_SENTENCE_RELIES},
		{state_hints, G_N_ELEMENTS(state_hints), SENTENCE_STATE_HINT},
		{carrier_hints, G_N_ELEMENTS(carrier_hints), SENTENCE_CARRIER_HINT},
		{provided_hints, G_N_ELEMENTS(provided_hints), SENTENCE_PROVIDED_HINT},
		{share_hints, G_N_ELEMENTS(share_hints), TERMS_SENTENCE_SHARES},
		{state_cues, G_N_ELEMENTS(state_cues), SENTENCE_STATE_CUE},
		{remedy_hints, G_N_ELEMENTS(remedy_hints), SENTENCE_REMEDY_HINT},
	};
	G_STATIC_ASSERT(G_N_ELEMENTS(negative_cues) + G_N_ELEMENTS(unaffected_cues) +
				G_N_ELEMENTS(cause_cues) + G_N_ELEMENTS(blame_cues) +
				G_N_ELEMENTS(affected_cues) +
				G_N_ELEMENTS(reliance_cues) + G_N_ELEMENTS(vendor_cues) +
				G_N_ELEMENTS(vendor_source_cues) +
				G_N_ELEMENTS(state_hints) +
				G_N_ELEMENTS(carrier_hints) + G_N_ELEMENTS(provided_hints) +
				G_N_ELEMENTS(share_hints) + G_N_ELEMENTS(state_cues) +
				G_N_ELEMENTS(remedy_hints) <= CUES_MAX);
	if (g_once_init_enter(&once)) {
		guint total = 0;
		for (guint l = 0; l < G_N_ELEMENTS(lists); l++) {
			for (gsize j = 0; j < lists[l].n; j++, total++) {
				ix.cue[total] = lists[l].cues[j];
				ix.len[total] = (guint8)strlen(lists[l].cues[j]);
				/* cues_at() reads a cue's length past a word start. */
				g_assert(ix.len[total] >= CUE_MIN && ix.len[total] < SENTENCE_PAD);
				ix.flag[total] = (guint16)lists[l].flag;
			}
		}
		guint n = 0, n_prefixes = 0;
		bool listed[CUES_MAX] = {false};
		for (guint i = 0; i < total; i++) {
			if (listed[i]) {
				continue; /* its prefix was listed with an earlier cue */
			}
			guint32 key = cue_key(ix.cue[i]);
			guint hash = cue_hash(key);
			ix.filter[hash / 64] |= G_GUINT64_CONSTANT(1) << (hash % 64);
			guint h = hash >> 4;
			while (ix.prefixes[h].key != 0) {
				h = (h + 1) & 255;
			}
			n_prefixes++;
			g_assert(n_prefixes < 256);
			ix.prefixes[h] = (CuePrefix){.key = key, .start = (guint16)n};
			for (guint j = i; j < total; j++) {
				if (cue_key(ix.cue[j]) == key) {
					listed[j] = true;
					ix.order[n++] = (guint16)j;
					ix.prefixes[h].n++;
				}
			}
		}
		for (guint i = 0; i < total; i++) {
			char head[32] = {0}, mask[32] = {0};
			for (guint k = 0; k < ix.len[i]; k++) {
				head[k] = ix.cue[i][k];
				mask[k] = (char)0xff;
			}
			memcpy(&ix.head[i], head, 8);
			memcpy(&ix.mask[i], mask, 8);
			memcpy(ix.tail[i], head + 8, 24);
			memcpy(ix.tail_mask[i], mask + 8, 24);
		}
		g_once_init_leave(&once, 1);
	}
	return &ix;
}

#ifdef __SSE2__
static inline unsigned word_bits(const char *p, unsigned *ret_digits);
#endif

/* The cues that match at @p (a word start, or "n'"), ORed into @flags; true
 * when one denies a relation (which wins over everything else).  Clears nothing:
 * a caller that wants the flags of @p alone passes them zero. */
static inline bool
cues_at(const CueIndex *ix, const char *p, unsigned *flags)
{
	/* @p is in a sentence followed by SENTENCE_PAD zero bytes: eight bytes,
	 * and a cue's length, can be read from any byte of it. */
	guint32 key = cue_key(p);
	guint hash = cue_hash(key);
	if (!((ix->filter[hash / 64] >> (hash % 64)) & 1)) {
		return false;
	}
	guint h = hash >> 4;
	while (ix->prefixes[h].key != key) {
		if (ix->prefixes[h].key == 0) {
			return false; /* another prefix of the same filter bit */
		}
		h = (h + 1) & 255;
	}
	guint64 x;
	memcpy(&x, p, 8);
	guint end = (guint)ix->prefixes[h].start + ix->prefixes[h].n;
	for (guint k = ix->prefixes[h].start; k < end; k++) {
		guint i = ix->order[k];
		if (((x ^ ix->head[i]) & ix->mask[i]) != 0) {
			continue;
		}
		bool same = true;
		for (guint j = 0; same && 8 + 8 * j < ix->len[i]; j++) {
			guint64 y;
			memcpy(&y, p + 8 + 8 * j, 8);
			same = ((y ^ ix->tail[i][j]) & ix->tail_mask[i][j]) == 0;
		}
		if (!same) {
			continue;
		}
		if (ix->flag[i] == TERMS_SENTENCE_NEGATIVE) {
			return true;
		}
		*flags |= ix->flag[i];
	}
	return false;
}

/* At most this many places of a sentence where a state cue may start
 * (StateCands); past them state_span() reads the whole sentence. */
#define STATE_CANDS 16

/* The places of a sentence where state_span() looks for a state cue, found by
 * sentence_flags() in the same pass, each list in order: every word start where a
 * state_cues cue matched (@at: cues_at() matched its bytes, not yet whether a word
 * ends after it), and every letter after a byte >= 0x80 (@high: a word start to
 * state_span(), none to sentence_flags(), which takes such a byte for part of a
 * word).  Together a superset of the word starts where state_cue_at() finds a cue:
 * state_span() tests each, instead of walking every word of the sentence.  A count
 * > STATE_CANDS: too many to keep. */
typedef struct {
	const char *at[STATE_CANDS];
	const char *high[STATE_CANDS];
	guint n, nhigh;
} StateCands;

static inline void
state_cand_add(const char **list, guint *n, const char *p)
{
	if (*n < STATE_CANDS) {
		list[*n] = p;
	}
	*n += *n <= STATE_CANDS;
}

/* TermsSentence flags of a lower-case sentence @s (@len bytes, then at least
 * SENTENCE_PAD zero bytes): cues are matched where a word starts (and "n't"
 * inside one), a denial winning over everything else.  Every cue starts with a
 * letter, so only letters after a non-word byte, and "n'", are tried.  The places
 * state_span() needs go to @sc (see StateCands). */
static unsigned
sentence_flags(const char *s, gsize len, StateCands *sc)
{
	const CueIndex *ix = cue_index();
	unsigned flags = 0;
	sc->n = sc->nhigh = 0;
#ifdef __SSE2__
	/* Sixteen bytes at a time: word bytes (a-z, 0-9, >= 0x80; the sentence is
	 * lower case) and "n'" found by compares, then only those positions tried
	 * (the byte loop below was a fifth of scanning). */
	unsigned carry = 0; /* the last byte of the previous block was a word byte */
	unsigned hcarry = 0; /* ... a byte >= 0x80 */
	for (gsize base = 0; base < len; base += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + base));
		__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(s + base + 1));
		unsigned dm;
		unsigned word = word_bits(s + base, &dm);
		unsigned napos = (unsigned)_mm_movemask_epi8(
			_mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('n')),
				      _mm_cmpeq_epi8(v1, _mm_set1_epi8('\''))));
		unsigned try = ((word & ~((word << 1) | carry)) | napos) & 0xffff;
		carry = (word >> 15) & 1;
		/* Letters after a byte >= 0x80: places for state_span() alone. */
		unsigned hi = (unsigned)_mm_movemask_epi8(v);
		if (G_UNLIKELY((hi | hcarry) != 0)) {
			unsigned after_high = word & ~hi & ~dm & ((hi << 1) | hcarry) & 0xffff;
			hcarry = (hi >> 15) & 1;
			while (after_high != 0) {
				unsigned bit = (unsigned)__builtin_ctz(after_high);
				after_high &= after_high - 1;
				state_cand_add(sc->high, &sc->nhigh, s + base + bit);
			}
		}
		while (try != 0) {
			unsigned bit = (unsigned)__builtin_ctz(try);
			try &= try - 1;
			unsigned got = 0;
			if (cues_at(ix, s + base + bit, &got)) {
				return TERMS_SENTENCE_NEGATIVE;
			}
			flags |= got;
			if (G_UNLIKELY(got & SENTENCE_STATE_CUE)) {
				state_cand_add(sc->at, &sc->n, s + base + bit);
			}
		}
	}
#else
	for (const char *p = s; p < s + len; p++) {
		bool start = p == s || !(CC(p[-1]) & CC_WORD) || (*p == 'n' && p[1] == '\'');
		unsigned got = 0;
		if (start && cues_at(ix, p, &got)) {
			return TERMS_SENTENCE_NEGATIVE;
		}
		flags |= got;
		if (got & SENTENCE_STATE_CUE) {
			state_cand_add(sc->at, &sc->n, p);
		}
		if (p > s && (unsigned char)p[-1] >= 0x80 && g_ascii_islower(*p)) {
			state_cand_add(sc->high, &sc->nhigh, p);
		}
	}
#endif
	return flags;
}

static TermsRefPolarity
sentence_polarity(const char *lower)
{
	for (gsize i = 0; i < G_N_ELEMENTS(negative_cues); i++) {
		if (strstr(lower, negative_cues[i]) != NULL) {
			return TERMS_REF_NEGATIVE;
		}
	}
	for (gsize i = 0; i < G_N_ELEMENTS(tentative_cues); i++) {
		if (strstr(lower, tentative_cues[i]) != NULL) {
			return TERMS_REF_TENTATIVE;
		}
	}
	return TERMS_REF_POSITIVE;
}

typedef struct {
	const TermsSink *sink;
	bool mute;                           /* a negative sentence: no terms */
	/* take_plain_word() takes a word its quick way only while all of these are 0,
	 * which one load of @quick tells (six tests per word were a tenth of it). */
	union {
		struct {
			bool blameful;       /* the sentence states a cause or blames */
			guint8 held;         /* the word just seen was a direction or the
					      * first word of a joined name: see held_of() */
			/* A role word that is a stop word ("monitoring", "tracking": see
			 * take_role_stop()) just seen in a sentence stating a cause or
			 * blame, held until the next word says whether it names a vendor:
			 * its role_stops[] index + 1, or 0.  Cleared by window_break(). */
			guint8 role_stop;
			/* The scan has no dictionary (sink->words) or is
			 * terms_scan_role_phrase()'s: set for the whole scan. */
			guint8 slow_scan;
		};
		guint32 quick;
	};
	char words[3][TERMS_MAX_WORD + 1];   /* stems of the last three words (a ring) */
	char surfaces[3][TERMS_MAX_WORD + 1];/* the same words as written */
	guint8 wlen[3], slen[3];             /* their lengths */
	int first;                           /* ring slot of the oldest word */
	int nwords;                          /* how many of them form a phrase */
	char area[3];                        /* "us", "eu", "ap" just seen ("US East"), or "" */
	guint32 ids[3];                      /* with sink->words: word numbers, oldest first */
	bool role_phrase; /* terms_scan_role_phrase(): hold role stop words anywhere */
	guint events;     /* refs and regions told to the sink (see scan_sentence()) */
} Window;

static void
window_break(Window *w)
{
	w->nwords = 0;
	w->role_stop = 0;
}

/* Copies @len bytes of @src into @dst, cut to TERMS_MAX_WORD; returns the length kept. */
static guint8
window_copy(char *dst, const char *src, gsize len)
{
	len = MIN(len, (gsize)TERMS_MAX_WORD);
	memcpy(dst, src, len);
	dst[len] = '\0';
	return (guint8)len;
}

static void
window_push(Window *w, const char *stemmed, gsize stem_len, const char *surface, gsize surf_len)
{
	if (w->nwords == 3) {
		w->first = (w->first + 1) % 3;
		w->nwords = 2;
	}
	int slot = (w->first + w->nwords) % 3;
	w->wlen[slot] = window_copy(w->words[slot], stemmed, stem_len);
	w->slen[slot] = window_copy(w->surfaces[slot], surface, surf_len);
	w->nwords++;
	if (w->sink->term == NULL || w->mute) {
		return;
	}
	/* Emit the word, then every phrase ending at it. */
	char norm[3 * (TERMS_MAX_WORD + 1)];
	char surf[3 * (TERMS_MAX_WORD + 1)];
	for (int n = 1; n <= w->nwords; n++) {
		gsize nl = 0, sl = 0;
		for (int k = w->nwords - n; k < w->nwords; k++) {
			int s = (w->first + k) % 3;
			if (nl > 0) {
				norm[nl++] = ' ';
				surf[sl++] = ' ';
			}
			memcpy(norm + nl, w->words[s], w->wlen[s]);
			memcpy(surf + sl, w->surfaces[s], w->slen[s]);
			nl += w->wlen[s];
			sl += w->slen[s];
		}
		norm[nl] = '\0';
		surf[sl] = '\0';
		w->sink->term(w->sink->user, norm, surf, n);
	}
}

/* Directions of a region written with a space, after or before its area ("US
 * East", "East US"). */
static const char *const region_dirs[] = {"central",      "east",         "north",
					  "northeast",    "northwest",    "south",
					  "southeast",    "southwest",    "west",
					  "northcentral", "southcentral", "eastcentral",
					  "westcentral"};

/* True when @word (@len bytes) is the area word of a region written with a space
 * ("us", "eu", "ap" of "US East", "East US"). */
static inline bool
area_word(const char *word, gsize len)
{
	return len == 2 && (memcmp(word, "us", 2) == 0 || memcmp(word, "eu", 2) == 0 ||
			    memcmp(word, "ap", 2) == 0);
}

/* The index + 1 in region_dirs[] of @word (@len bytes), 0 for a word no direction. */
static guint
region_dir(const char *word, gsize len)
{
	/* The first byte first: a strlen() per direction was most of held_of() for
	 * the words read without a dictionary. */
	for (gsize i = 0; len > 0 && i < G_N_ELEMENTS(region_dirs); i++) {
		if (region_dirs[i][0] == word[0] && strlen(region_dirs[i]) == len &&
		    memcmp(region_dirs[i], word, len) == 0) {
			return (guint)i + 1;
		}
	}
	return 0;
}

/* Tells the sink the region of area word @area (two bytes) and direction @dir (an
 * index + 1 of region_dirs[]): "us-east", whichever came first in the text. */
static void
tell_spaced_region(Window *w, const char *area, guint dir)
{
	if (w->sink->region != NULL && !w->mute) {
		char region[16];
		g_snprintf(region, sizeof(region), "%.2s-%s", area, region_dirs[dir - 1]);
		w->events++;
		w->sink->region(w->sink->user, region);
	}
}

/* "US East", "EU West" written with a space are regions as "us-east" is
 * ("us" itself is a stop word, so no phrase holds it). */
static void
spaced_region(Window *w, const char *word, gsize len)
{
	if (area_word(word, len)) {
		memcpy(w->area, word, 2);
		w->area[2] = '\0';
		return;
	}
	guint dir = w->area[0] != '\0' ? region_dir(word, len) : 0;
	if (dir != 0) {
		tell_spaced_region(w, w->area, dir);
	}
	w->area[0] = '\0';
}

/* Names written as two words of which the first is a stop word, so that the
 * second alone would stand for them: "Let's Encrypt" ("let's" is "let") is read as
 * the one word "letsencrypt" ("how we encrypt backups" names no one).  Padded for
 * words_lookup(). */
static const struct {
	const char *first, *second;
	char joined[16 + WORD_PAD];
} joined_names[] = {
	{"let", "encrypt", "letsencrypt"},
	{"lets", "encrypt", "letsencrypt"},
};

/* Window.held for word @word (@len bytes): a direction (index + 1, low four bits;
 * Azure writes "East US", the direction first) or the first word of a
 * joined_names[] entry (index + 1, high four bits); 0 for any other word.  Only
 * for words whose dictionary slot says WORD_F_HOLD, or without a dictionary. */
static guint8
held_of(const char *word, gsize len)
{
	guint dir = region_dir(word, len);
	if (dir != 0) {
		return (guint8)dir;
	}
	for (gsize i = 0; len > 0 && i < G_N_ELEMENTS(joined_names); i++) {
		if (joined_names[i].first[0] == word[0] && strlen(joined_names[i].first) == len &&
		    memcmp(joined_names[i].first, word, len) == 0) {
			return (guint8)((i + 1) << 4);
		}
	}
	return 0;
}
G_STATIC_ASSERT(G_N_ELEMENTS(region_dirs) < 16 && G_N_ELEMENTS(joined_names) < 16);

/* held_of() of @word after the word held before it (@prev): "central" after a plain
 * "north", "south", "east" or "west" is one direction with it ("South Central US",
 * Azure's San Antonio region, is not "Central US", its Iowa one). */
static guint8
held_after(guint8 prev, const char *word, gsize len)
{
	guint8 h = held_of(word, len);
	guint dir = prev & 15;
	if (h == 1 && dir != 0 && (prev >> 4) == 0) {
		char both[16];
		gsize n = (gsize)g_snprintf(both, sizeof both, "%scentral", region_dirs[dir - 1]);
		guint joined = n < sizeof both ? region_dir(both, n) : 0;
		return joined != 0 ? (guint8)joined : h;
	}
	return h;
}

/* What the word held before @word (Window.held, @held) makes of it: a region
 * told ("East US": true, @word is then taken as any stop word), or the joined
 * name in *@word and *@len ("Let's Encrypt"). */
static bool
take_held(Window *w, guint8 held, const char **word, gsize *len)
{
	guint dir = held & 15, j = held >> 4;
	if (dir != 0 && area_word(*word, *len)) {
		tell_spaced_region(w, *word, dir);
		return true;
	}
	if (j != 0 && strlen(joined_names[j - 1].second) == *len &&
	    memcmp(joined_names[j - 1].second, *word, *len) == 0) {
		*word = joined_names[j - 1].joined;
		*len = strlen(joined_names[j - 1].joined);
	}
	return false;
}

/* True when word @word (@len bytes, lower case) breaks a phrase instead of
 * being a term: short numbers and years are dates and counts, not causes
 * ("503" stays), stop words, single letters. */
static bool
word_skipped(const char *word, gsize len)
{
	bool digits = true;

	for (gsize i = 0; i < len && digits; i++) {
		digits = (CC(word[i]) & (CC_DIGIT | CC_DOT)) != 0;
	}
	if (len == 0 || (digits && len < 3) ||
	    (digits && len == 4 && (strncmp(word, "19", 2) == 0 || strncmp(word, "20", 2) == 0)) ||
	    is_stop(word, len)) {
		return true;
	}
	return len == 1 && !g_ascii_isdigit(word[0]);
}

/* The stem of @word (@len bytes) into @buf (TERMS_MAX_WORD + 1 bytes): cut
 * to TERMS_MAX_WORD, stemmed unless all digits and dots; returns its length. */
static gsize
word_stem(char *buf, const char *word, gsize len)
{
	bool digits = true;

	for (gsize i = 0; i < len && digits; i++) {
		digits = (CC(word[i]) & (CC_DIGIT | CC_DOT)) != 0;
	}
	gsize bl = window_copy(buf, word, len);
	return digits ? bl : stem(buf, bl);
}

char *
terms_stem(char *buf, const char *word)
{
	buf[word_stem(buf, word, strlen(word))] = '\0';
	return buf;
}

/* ---- the word dictionary (TermsWords) ---------------------------------------- */

/* How a word entered the window: through take_word() (stemmed, may be
 * skipped) or as an id (as written). */
enum { WORD_TEXT = 0, WORD_RAW = 1 };

/* What a word is, kept in its slot so that the lookup of a word tells it (words_lookup()):
 * it breaks the phrase (word_skipped()), or it is an area word of a spaced region
 * ("us", "eu", "ap": see spaced_region()), which take_plain_word() holds, or the
 * next word reads it differently (held_of(): "East US", "Let's Encrypt"). */
enum { WORD_F_SKIP = 1 << 0, WORD_F_AREA = 1 << 1, WORD_F_HOLD = 1 << 2 };

/* A slot holds a word of at most WORD_SHORT bytes whole (@head, @head2, zero
 * padded), so a lookup of one (nearly every word) compares the slot alone; a
 * longer word's bytes are compared through its WordRec. */
typedef struct {
	guint64 head;     /* the word's first eight bytes when len <= WORD_SHORT, zero padded */
	guint64 head2;    /* its next eight, the same */
	guint32 word;     /* word number + 1; 0 = empty */
	guint8 len;       /* its length when <= WORD_SHORT, else WORD_LONG */
	guint8 kind;      /* WORD_TEXT, WORD_RAW */
	guint8 flags;     /* WORD_F_* */
} WordSlot;

#define WORD_SHORT 16
/* WordSlot.len of a word longer than WORD_SHORT bytes. */
#define WORD_LONG 0xff

typedef struct {
	guint32 key_off;  /* in TermsWords.bytes: the word as looked up, NUL-terminated */
	guint32 stem_off; /* in TermsWords.bytes: its stem, NUL-terminated */
	guint16 key_len;
	guint8 stem_len;
	guint8 surf_len;  /* the surface: the key cut to TERMS_MAX_WORD */
	guint8 kind;      /* WORD_TEXT, WORD_RAW */
	guint8 skip;      /* breaks the phrase (word_skipped()) */
} WordRec;

struct TermsWords {
	WordSlot *slots;
	guint32 mask;     /* slots - 1 */
	guint32 used;
	GArray *recs;     /* WordRec, by word number */
	GString *bytes;   /* every key and stem */
};

TermsWords *
terms_words_new(void)
{
	TermsWords *tw = g_new0(TermsWords, 1);
	tw->mask = 1023;
	tw->slots = g_new0(WordSlot, tw->mask + 1);
	tw->recs = g_array_new(FALSE, FALSE, sizeof(WordRec));
	tw->bytes = g_string_new(NULL);
	return tw;
}

void
terms_words_free(TermsWords *tw)
{
	if (tw == NULL) {
		return;
	}
	g_free(tw->slots);
	g_array_unref(tw->recs);
	g_string_free(tw->bytes, TRUE);
	g_free(tw);
}

const char *
terms_words_stem(const TermsWords *tw, guint32 word, gsize *ret_len)
{
	const WordRec *r = &g_array_index(tw->recs, WordRec, word);
	*ret_len = r->stem_len;
	return tw->bytes->str + r->stem_off;
}

const char *
terms_words_surface(const TermsWords *tw, guint32 word, gsize *ret_len)
{
	const WordRec *r = &g_array_index(tw->recs, WordRec, word);
	*ret_len = r->surf_len;
	return tw->bytes->str + r->key_off;
}

/* The low @n bytes (0..7) of a little-endian load. */
static const guint64 low_bytes[8] = {
	0, 0xff, 0xffff, 0xffffff, 0xffffffffu, 0xffffffffffu, 0xffffffffffffu, 0xffffffffffffffu,
};

/* Words are short: one or two eight-byte steps and a final mix.  @s has WORD_PAD
 * readable bytes after its @len: on a little-endian machine the tail is then one
 * masked load, which gives terms_hash_bytes()'s value (the byte loop there, of a
 * length that changes every word, mispredicted). */
static guint32
word_hash(const char *s, gsize len, guint kind)
{
	guint64 init = TERMS_HASH_SEED ^ (len << 1) ^ kind;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
	guint64 h = init;
	gsize i = terms_hash_words8(s, len, &h);
	guint64 tail;
	memcpy(&tail, s + i, 8);
	return terms_hash_finish(terms_hash_tail(h, tail & low_bytes[len - i]));
#else
	return terms_hash_finish(terms_hash_bytes(s, len, init));
#endif
}

/* memcmp(@a, @b, @len) == 0 for the short lengths of words, inline; both have
 * WORD_PAD readable bytes after @len. */
static inline bool
bytes_equal(const char *a, const char *b, gsize len)
{
	gsize i = 0;
	for (; i + 8 <= len; i += 8) {
		guint64 x, y;
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y) {
			return false;
		}
	}
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
	guint64 x, y;
	memcpy(&x, a + i, 8);
	memcpy(&y, b + i, 8);
	return ((x ^ y) & low_bytes[len - i]) == 0;
#else
	for (; i < len; i++) {
		if (a[i] != b[i]) {
			return false;
		}
	}
	return true;
#endif
}

/* The slot hash of a word of at most WORD_SHORT bytes, @head and @head2 as in
 * WordSlot: two independent multiplies, the high half (word_hash() is for longer
 * words). */
static inline guint32
short_hash(guint64 head, guint64 head2, gsize len, guint kind)
{
	guint64 h = (head ^ ((guint64)len << 56) ^ ((guint64)kind << 63)) * 0x9e3779b97f4a7c15u;
	h ^= head2 * 0xc4ceb9fe1a85ec53u;
	return (guint32)(h >> 32);
}

/* @word's first @len (<= 8) bytes as a WordSlot.head; WORD_PAD bytes are readable
 * after them. */
static inline guint64
word_head(const char *word, gsize len)
{
	static const guint64 keep[9] = {
		0, 0xff, 0xffff, 0xffffff, 0xffffffffu, 0xffffffffffu, 0xffffffffffffu,
		0xffffffffffffffu, G_MAXUINT64,
	};
	guint64 v;
	memcpy(&v, word, 8);
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
	return v & keep[len];
#else
	v = 0;
	memcpy(&v, word, len);
	return v;
#endif
}

/* A word's bytes 8..@len (@len <= WORD_SHORT) as a WordSlot.head2. */
static inline guint64
word_head2(const char *word, gsize len)
{
	return len > 8 ? word_head(word + 8, len - 8) : 0;
}

static guint32
slot_hash(const TermsWords *tw, const WordSlot *slot)
{
	if (slot->len != WORD_LONG) {
		return short_hash(slot->head, slot->head2, slot->len, slot->kind);
	}
	const WordRec *r = &g_array_index(tw->recs, WordRec, slot->word - 1);
	return word_hash(tw->bytes->str + r->key_off, r->key_len, r->kind);
}

static void
words_grow(TermsWords *tw)
{
	guint32 mask = tw->mask * 2 + 1;
	WordSlot *slots = g_new0(WordSlot, (gsize)mask + 1);
	for (guint32 i = 0; i <= tw->mask; i++) {
		if (tw->slots[i].word == 0) {
			continue;
		}
		guint32 h = slot_hash(tw, &tw->slots[i]) & mask;
		while (slots[h].word != 0) {
			h = (h + 1) & mask;
		}
		slots[h] = tw->slots[i];
	}
	g_free(tw->slots);
	tw->slots = slots;
	tw->mask = mask;
}

/* words_lookup() of a word longer than WORD_SHORT bytes or not yet entered. */
static G_GNUC_NO_INLINE guint32
words_lookup_slow(TermsWords *tw, const char *word, gsize len, guint kind, guint *ret_flags)
{
	guint32 h;
	guint32 i;
	guint64 head = 0, head2 = 0;
	if (len <= WORD_SHORT) {
		/* A word not entered yet (words_lookup() looked): its empty slot. */
		head = word_head(word, MIN(len, 8));
		head2 = word_head2(word, len);
		h = short_hash(head, head2, len, kind);
		i = h & tw->mask;
		while (tw->slots[i].word != 0) {
			i = (i + 1) & tw->mask;
		}
	} else {
		h = word_hash(word, len, kind);
		for (i = h & tw->mask; tw->slots[i].word != 0; i = (i + 1) & tw->mask) {
			const WordSlot *slot = &tw->slots[i];
			if (slot->len != WORD_LONG || slot->kind != kind) {
				continue;
			}
			const WordRec *r = &g_array_index(tw->recs, WordRec, slot->word - 1);
			if (r->key_len == len &&
			    bytes_equal(tw->bytes->str + r->key_off, word, len)) {
				if (ret_flags != NULL) {
					*ret_flags = slot->flags;
				}
				return slot->word - 1;
			}
		}
	}
	char buf[TERMS_MAX_WORD + 1];
	WordRec r = {.key_off = (guint32)tw->bytes->len, .key_len = (guint16)len, .kind = (guint8)kind};
	gsize bl;
	if (kind == WORD_RAW) {
		bl = window_copy(buf, word, len);
	} else {
		r.skip = word_skipped(word, len);
		bl = r.skip ? 0 : word_stem(buf, word, len);
	}
	r.surf_len = (guint8)MIN(len, (gsize)TERMS_MAX_WORD);
	r.stem_len = (guint8)bl;
	g_string_append_len(tw->bytes, word, (gssize)len);
	g_string_append_c(tw->bytes, '\0');
	r.stem_off = (guint32)tw->bytes->len;
	g_string_append_len(tw->bytes, buf, (gssize)bl);
	g_string_append_c(tw->bytes, '\0');
	/* WORD_PAD readable bytes after every key (bytes_equal()): the allocation
	 * keeps them when the string is cut back. */
	gsize used = tw->bytes->len;
	g_string_append_len(tw->bytes, word_pad_zeros, WORD_PAD);
	g_string_truncate(tw->bytes, used);
	guint32 id = tw->recs->len;
	g_array_append_val(tw->recs, r);
	guint flags = r.skip ? WORD_F_SKIP : 0;
	if (kind == WORD_TEXT && area_word(word, len)) {
		flags |= WORD_F_AREA; /* as spaced_region() tells them */
	}
	if (kind == WORD_TEXT && held_of(word, len) != 0) {
		flags |= WORD_F_HOLD;
	}
	tw->slots[i] = (WordSlot){.head = head, .head2 = head2, .word = id + 1,
				  .len = len <= WORD_SHORT ? (guint8)len : WORD_LONG,
				  .kind = (guint8)kind, .flags = (guint8)flags};
	if (++tw->used * 2 > tw->mask) {
		words_grow(tw);
	}
	if (ret_flags != NULL) {
		*ret_flags = flags;
	}
	return id;
}

/* The word number of @word (@len bytes, at most 2 x TERMS_MAX_WORD, then WORD_PAD
 * readable bytes) taken as @kind, entered with its stem and what it is (WORD_F_*) on
 * first sight; those flags in *@ret_flags (may be NULL).  Inline for the common
 * case, a short word seen before: the slot alone says it is this word. */
static inline guint32
words_lookup(TermsWords *tw, const char *word, gsize len, guint kind, guint *ret_flags)
{
	if (G_LIKELY(len <= WORD_SHORT)) {
		guint64 head = word_head(word, MIN(len, 8));
		guint64 head2 = word_head2(word, len);
		guint32 h = short_hash(head, head2, len, kind);
		for (guint32 i = h & tw->mask; tw->slots[i].word != 0; i = (i + 1) & tw->mask) {
			const WordSlot *slot = &tw->slots[i];
			if (slot->head == head && slot->head2 == head2 && slot->len == len &&
			    slot->kind == kind) {
				if (ret_flags != NULL) {
					*ret_flags = slot->flags;
				}
				return slot->word - 1;
			}
		}
	}
	return words_lookup_slow(tw, word, len, kind, ret_flags);
}

gsize
terms_words_key(const TermsWords *tw, guint32 word, char *buf)
{
	const WordRec *r = &g_array_index(tw->recs, WordRec, word);
	G_STATIC_ASSERT(TERMS_WORD_KEY_MAX >= 2 * TERMS_MAX_WORD + 2);
	buf[0] = (char)r->kind;
	memcpy(buf + 1, tw->bytes->str + r->key_off, r->key_len);
	return (gsize)r->key_len + 1;
}

guint32
terms_words_enter(TermsWords *tw, const char *key, gsize len)
{
	char word[TERMS_WORD_KEY_MAX + WORD_PAD]; /* WORD_PAD readable bytes after it */
	g_return_val_if_fail(len >= 1 && len <= TERMS_WORD_KEY_MAX, 0);
	memcpy(word, key + 1, len - 1);
	memset(word + len - 1, 0, WORD_PAD);
	return words_lookup(tw, word, len - 1, (guint)(unsigned char)key[0], NULL);
}

guint32
terms_words_count(const TermsWords *tw)
{
	return tw->recs->len;
}

/* Word @id into the window (with sink->words): emits it and every phrase
 * ending at it as word numbers, as window_push() does as strings. */
static inline void
window_push_id(Window *w, guint32 id)
{
	if (w->nwords == 3) {
		w->ids[0] = w->ids[1];
		w->ids[1] = w->ids[2];
		w->nwords = 2;
	}
	w->ids[w->nwords++] = id;
	if (w->sink->term_words == NULL || w->mute) {
		return;
	}
	w->sink->term_words(w->sink->user, w->ids, w->nwords);
}

/* "service", a stop word, as the noun of a vendor ("our upstream identity
 * service") in a sentence stating a cause or blame: it ends the phrase before
 * it, as the word "service" (WORD_RAW), so "identity service" is a term there
 * (see role_grammar() in linker.c), then breaks it as a stop word does. */
static void
take_vendor_service(Window *w, const char *word, gsize len)
{
	static const char service[8 + WORD_PAD] = "service";
	if (w->nwords > 0 && (len == 7 || (len == 8 && word[7] == 's')) &&
	    memcmp(word, service, 7) == 0) {
		if (w->sink->words != NULL) {
			window_push_id(w, words_lookup(w->sink->words, service, 7, WORD_RAW, NULL));
		} else {
			window_push(w, service, 7, service, 7);
		}
	}
	window_break(w);
}

guint32
terms_words_vendor_service(TermsWords *tw)
{
	static const char service[8 + WORD_PAD] = "service";
	return words_lookup(tw, service, 7, WORD_RAW, NULL);
}

/* Stop words that are also the role word of a vendor ("our monitoring provider",
 * "an error tracking vendor"), in a sentence stating a cause or blame; padded
 * for words_lookup(). */
static const char role_stops[][16 + WORD_PAD] = {"monitoring", "tracking"};
/* The nouns after which such a word names a vendor (a subset of linker.c's
 * provider_nouns: "platform" and "network" as often name the page's own system). */
static const char *const role_stop_nouns[] = {
	"provider", "providers", "vendor", "vendors", "service", "services", "partner", "supplier",
};

/* In a sentence stating a cause or blame: holds a role stop word (see
 * Window.role_stop) instead of breaking the phrase, and true; false for any
 * other word. */
static bool
take_role_stop(Window *w, const char *word, gsize len)
{
	for (gsize i = 0; i < G_N_ELEMENTS(role_stops); i++) {
		/* The first byte first: a strlen() call per word and role stop was most
		 * of this in sentences stating a cause. */
		if (word[0] == role_stops[i][0] && strlen(role_stops[i]) == len &&
		    memcmp(role_stops[i], word, len) == 0) {
			w->role_stop = (guint8)(i + 1);
			return true;
		}
	}
	return false;
}

/* Whether @word may be a role stop word, by its first byte and length: such a word
 * goes through take_role_stop() (see take_plain_word()). */
static inline bool
may_be_role_stop(const char *word, gsize len)
{
	for (gsize i = 0; i < G_N_ELEMENTS(role_stops); i++) {
		if (word[0] == role_stops[i][0] && strlen(role_stops[i]) == len) {
			return true;
		}
	}
	return false;
}

/* The role stop word held (if any) goes into the phrase, as written (WORD_RAW),
 * when @word is a vendor's noun; otherwise it breaks the phrase as a stop word does. */
static void
release_role_stop(Window *w, const char *word, gsize len)
{
	const char *rs = role_stops[w->role_stop - 1];
	w->role_stop = 0;
	for (gsize i = 0; i < G_N_ELEMENTS(role_stop_nouns); i++) {
		if (strlen(role_stop_nouns[i]) == len &&
		    memcmp(role_stop_nouns[i], word, len) == 0) {
			if (w->sink->words != NULL) {
				window_push_id(w, words_lookup(w->sink->words, rs, strlen(rs),
				                               WORD_RAW, NULL));
			} else {
				window_push(w, rs, strlen(rs), rs, strlen(rs));
			}
			return;
		}
	}
	window_break(w);
}

/* One word (already lower case, no separators), @len bytes. */
static void
take_word(Window *w, const char *word, gsize len)
{
	guint8 held = w->held;
	w->held = 0;
	if (G_UNLIKELY(held != 0) && take_held(w, held, &word, &len)) {
		window_break(w); /* "us" of "East US": a stop word, its region told */
		return;
	}
	/* spaced_region() changes nothing for a word not two bytes long when the word
	 * before was no area word. */
	if (G_UNLIKELY(len == 2 || w->area[0] != '\0')) {
		spaced_region(w, word, len);
	}
	if (G_UNLIKELY(w->role_stop != 0)) {
		release_role_stop(w, word, len);
	}
	if (G_UNLIKELY(w->blameful || w->role_phrase) && take_role_stop(w, word, len)) {
		return;
	}
	if (w->sink->words != NULL) {
		guint flags;
		guint32 id = words_lookup(w->sink->words, word, len, WORD_TEXT, &flags);
		if (G_UNLIKELY(flags & WORD_F_HOLD)) {
			w->held = held_after(held, word, len);
		}
		if (flags & WORD_F_SKIP) {
			if (G_UNLIKELY(w->blameful)) {
				take_vendor_service(w, word, len);
				return;
			}
			window_break(w);
		} else {
			window_push_id(w, id);
		}
		return;
	}
	w->held = held_after(held, word, len); /* no dictionary: every word is stemmed anyway */
	if (word_skipped(word, len)) {
		if (G_UNLIKELY(w->blameful)) {
			take_vendor_service(w, word, len);
			return;
		}
		window_break(w);
		return;
	}
	char buf[TERMS_MAX_WORD + 1];
	gsize bl = word_stem(buf, word, len);
	window_push(w, buf, bl, word, len);
}

/* Window.quick when only @blameful is set. */
static const Window quick_blameful = {.blameful = true};

/* take_word() of a plain word of a sentence, its common case inline: a dictionary
 * lookup, then the word into the window or a break; an area word ("us") is held as
 * spaced_region() holds it (the flags of its slot say so: no compare per word).  The
 * rest (a word after an area word, a role stop word held or possibly taken, no
 * dictionary) goes through take_word(). */
static inline void
take_plain_word(Window *w, const char *word, gsize len)
{
	/* Also in a sentence stating a cause or blame (@blameful alone set: a third of
	 * the words of the bench went through take_word() for it), but for a word that
	 * may be a role stop word (by its length and first byte: take_role_stop() holds
	 * it before any lookup, so it is not entered here either). */
	bool blame = w->quick == quick_blameful.quick && !may_be_role_stop(word, len);
	if (G_LIKELY((w->quick == 0 || blame) && w->area[0] == '\0')) {
		guint flags;
		guint32 id = words_lookup(w->sink->words, word, len, WORD_TEXT, &flags);
		if (G_UNLIKELY(flags & (WORD_F_AREA | WORD_F_HOLD))) {
			if (flags & WORD_F_AREA) {
				memcpy(w->area, word, 2);
				w->area[2] = '\0';
			} else {
				w->held = held_of(word, len);
			}
		}
		if (!(flags & WORD_F_SKIP)) {
			window_push_id(w, id);
		} else if (w->blameful) {
			take_vendor_service(w, word, len);
		} else {
			window_break(w);
		}
		return;
	}
	take_word(w, word, len);
}

/* The polarity of a sentence, looked for only when it names an id. */
typedef struct {
	const char *sentence;
	bool known;
	TermsRefPolarity polarity;
} Lazy;

/* One token as written: letters/digits with inner - _ / . ' characters. */
static void
take_token(Window *w, char *tok, gsize len, guint seps, guint digits, Lazy *lazy)
{
	/* Most tokens are plain words: no separator, fewer than two digits (so
	 * neither a region, nor an id, nor a dotted number). */
	if (seps == 0 && digits < 2) {
		take_word(w, tok, len);
		return;
	}
	/* Trailing dots and dashes are punctuation. */
	while (len > 0 && (tok[len - 1] == '.' || tok[len - 1] == '-' || tok[len - 1] == '_' ||
			   tok[len - 1] == '/' || tok[len - 1] == '\'')) {
		tok[--len] = '\0';
	}
	if (len == 0) {
		return;
	}
	/* Every region and zone code has a dash (is_region(), zone_region()): a token
	 * without one (a URL, a time, a dotted number) is tested once, here, instead of
	 * by their strchr() and strlen() calls. */
	bool dashed = memchr(tok, '-', len) != NULL;
	if (dashed && is_region(tok)) {
		if (w->sink->region != NULL) {
			w->events++;
			w->sink->region(w->sink->user, tok);
		}
		window_break(w);
		return;
	}
	char zone[32];
	if (dashed && seps > 0 && digits > 0 && zone_region(tok, zone, sizeof(zone))) {
		if (w->sink->region != NULL) {
			w->events++;
			w->sink->region(w->sink->user, zone);
		}
		window_break(w);
		return;
	}
	if (is_id_like(tok)) {
		if (w->sink->ref != NULL) {
			if (!lazy->known) {
				lazy->polarity = sentence_polarity(lazy->sentence);
				lazy->known = true;
			}
			w->events++;
			w->sink->ref(w->sink->user, tok, lazy->polarity);
		}
		/* Also a term: two advisories naming the same third id share it. */
		char *word = tok;
		window_break(w);
		if (w->sink->words != NULL) {
			window_push_id(w, words_lookup(w->sink->words, word, len, WORD_RAW, NULL));
		} else {
			window_push(w, word, len, word, len);
		}
		window_break(w);
		return;
	}
	/* A name joined by "&" ("AT&T", "P&O") is one word without it, as a source
	 * named for it writes it ("att"): "at" and "t" alone are a stop word and a
	 * letter, and would leave the name unsaid. */
	if (G_UNLIKELY(memchr(tok, '&', len) != NULL)) {
		gsize o = 0;
		for (gsize i = 0; i < len; i++) {
			if (tok[i] != '&') {
				tok[o++] = tok[i];
			}
		}
		tok[o] = '\0';
		len = o;
	}
	/* Dotted numbers ("5.5.1") stay whole; everything else splits on - _ / . # */
	bool dotted_number = true;
	for (gsize i = 0; i < len; i++) {
		dotted_number &= g_ascii_isdigit(tok[i]) || tok[i] == '.';
	}
	char *p = tok;
	while (*p != '\0') {
		gsize n = 0;
		while (p[n] != '\0' &&
		       (dotted_number ? p[n] != '/'
				      : !(p[n] == '-' || p[n] == '_' || p[n] == '/' || p[n] == '.' ||
					  p[n] == '#'))) {
			n++;
		}
		char save = p[n];
		p[n] = '\0';
		/* we're → we, isn't → isn, attendee's → attendee */
		bool possessive = false;
		for (char *q = p; *q != '\0'; q++) {
			if (*q == '\'') {
				possessive = q[1] == 's' && q[2] == '\0';
				*q = '\0';
				break;
			}
		}
		gsize pl = strlen(p);
		if (pl >= 5 && w->sink->ref != NULL && !dotted_number && is_id_like(p)) {
			/* An incident URL's last part ("…/incidents/p0cns0nyb06h") names
			 * that incident as a bare id would. */
			if (!lazy->known) {
				lazy->polarity = sentence_polarity(lazy->sentence);
				lazy->known = true;
			}
			w->events++;
			w->sink->ref(w->sink->user, p, lazy->polarity);
		}
		take_word(w, p, pl);
		if (G_UNLIKELY(possessive && w->blameful) && save == '\0') {
			/* "because Square's systems are down": the owner is what the
			 * sentence blames, not a modifier of the next word.  The word
			 * again, alone after a break: the phrases it starts ("square
			 * system", "microsoft identity platform") are made as before and
			 * the head-of-phrase rule takes their first word for a modifier,
			 * but that is this second sighting; the first stays blamed. */
			window_break(w);
			take_word(w, p, pl);
		}
		if (save == '\0') {
			break;
		}
		p += n + 1;
	}
}

#ifdef __SSE2__
/* Word bytes (a-z, 0-9, >= 0x80: CC_WORD of lower-case text) among the 16 at @p,
 * as bits; digits in @ret_digits. */
static inline unsigned
word_bits(const char *p, unsigned *ret_digits)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i hi = _mm_cmplt_epi8(v, _mm_setzero_si128());
	__m128i dig = _mm_cmplt_epi8(_mm_sub_epi8(v, _mm_set1_epi8((char)('0' + 128))),
				     _mm_set1_epi8((char)(-128 + 10)));
	__m128i let = _mm_cmplt_epi8(_mm_sub_epi8(v, _mm_set1_epi8((char)('a' + 128))),
				     _mm_set1_epi8((char)(-128 + 26)));
	*ret_digits = (unsigned)_mm_movemask_epi8(dig);
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(hi, _mm_or_si128(dig, let)));
}

/* The length of the run of word bytes at @p (in a sentence buffer: its end is
 * followed by SENTENCE_PAD zero bytes), and in @ret_digits the digits among
 * its first @room bytes, or 2 for two or more (whether a token has two digits is
 * all its callers ask). */
static inline gsize
word_run(const char *p, gsize room, guint *ret_digits)
{
	unsigned dm;
	unsigned stop = ~word_bits(p, &dm) & 0xffff;
	if (G_LIKELY(stop != 0 && room >= 16)) {
		/* The usual word: shorter than sixteen bytes, and room for it. */
		unsigned dd = dm & (stop - 1) & ~stop; /* its digits */
		*ret_digits = (dd != 0) + ((dd & (dd - 1)) != 0);
		return (unsigned)__builtin_ctz(stop);
	}
	gsize run = 0;
	guint digits = 0;
	for (;;) {
		stop = ~word_bits(p + run, &dm) & 0xffff;
		unsigned n = stop != 0 ? (unsigned)__builtin_ctz(stop) : 16;
		gsize lim = room > run ? MIN((gsize)n, room - run) : 0;
		unsigned dd = dm & ((1u << lim) - 1);
		if (dd != 0) {
			/* Rare (most words have no digit); without -mpopcnt
			 * __builtin_popcount() is a libgcc call, so count by hand. */
			dd = dd - ((dd >> 1) & 0x5555u);
			dd = (dd & 0x3333u) + ((dd >> 2) & 0x3333u);
			dd = (dd + (dd >> 4)) & 0x0f0fu;
			digits += (dd + (dd >> 8)) & 0x1fu;
		}
		run += n;
		if (stop != 0) {
			break;
		}
	}
	*ret_digits = digits;
	return run;
}
#endif

/* The length of the state_cues cue that starts at @p, a word start in a sentence
 * ending at @end (then at least SENTENCE_PAD zero bytes), when it ends a word
 * there; 0 when none does.  Found through the cue index, as cues_at() does. */
static gsize
state_cue_at(const CueIndex *ix, const char *p, const char *end)
{
	guint32 key = cue_key(p);
	guint hash = cue_hash(key);
	if (!((ix->filter[hash / 64] >> (hash % 64)) & 1)) {
		return 0;
	}
	guint h = hash >> 4;
	while (ix->prefixes[h].key != key) {
		if (ix->prefixes[h].key == 0) {
			return 0;
		}
		h = (h + 1) & 255;
	}
	guint last = (guint)ix->prefixes[h].start + ix->prefixes[h].n;
	for (guint k = ix->prefixes[h].start; k < last; k++) {
		guint i = ix->order[k];
		gsize n = ix->len[i];
		if (ix->flag[i] == SENTENCE_STATE_CUE && p + n <= end &&
		    memcmp(p, ix->cue[i], n) == 0 && (p + n == end || !disclaim_word_byte(p[n]))) {
			return n;
		}
	}
	return 0;
}

/* The byte loop of word_back(). */
static inline const char *
word_back_bytes(const char *s, const char *w)
{
	while (w > s && (SC(w[-1]) & (SC_WORD | SC_JOIN))) {
		w--;
	}
	return w;
}

/* The start of the run of SC_WORD | SC_JOIN bytes (ASCII letters, digits, ' - .)
 * of [@s, @w) that ends at @w (@w itself when @w[-1] is none): sixteen bytes a
 * step while sixteen bytes before @w lie in [@s, @w) (a byte at a time was most of
 * state_subject(), which walks back over six words per state cue). */
static inline const char *
word_back(const char *s, const char *w)
{
#ifdef __SSE2__
	while (w - s >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(w - 16));
		/* Letters of either case: | 0x20 maps A-Z, and only them, onto a-z. */
		__m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
		__m128i let = _mm_cmplt_epi8(_mm_sub_epi8(folded, _mm_set1_epi8((char)('a' + 128))),
					     _mm_set1_epi8((char)(-128 + 26)));
		__m128i dig = _mm_cmplt_epi8(_mm_sub_epi8(v, _mm_set1_epi8((char)('0' + 128))),
					     _mm_set1_epi8((char)(-128 + 10)));
		__m128i other = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')),
					     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')),
							  _mm_cmpeq_epi8(v, _mm_set1_epi8('.'))));
		unsigned word = (unsigned)_mm_movemask_epi8(_mm_or_si128(let, _mm_or_si128(dig, other)));
		unsigned non = ~word & 0xffff;
		if (non != 0) {
			/* Past the last byte that is none of them. */
			return w - 16 + (32 - __builtin_clz(non));
		}
		w -= 16;
	}
#endif
	return word_back_bytes(s, w);
}

/* word_back() against its byte loop at every end of 300 strings of up to 70 bytes
 * drawn from bytes on either side of each class's edges (terms_self_check()). */
static bool
word_back_ok(void)
{
	static const char pool[] = "aAzZ09'-.,; ()@[`{/:_\x80\xff\x7f\x01";
	char buf[80];
	guint32 x = 12345;
	char_class_init(); /* SC() */
	for (guint t = 0; t < 300; t++) {
		gsize len = t % 71;
		for (gsize i = 0; i < len; i++) {
			x = x * 1103515245u + 12345u;
			/* Mostly word bytes, so long runs are met too. */
			buf[i] = (x >> 16) % 4 != 0 ? "abcXYZ019'-."[(x >> 20) % 12]
						    : pool[(x >> 20) % (sizeof(pool) - 1)];
		}
		for (gsize e = 0; e <= len; e++) {
			if (word_back(buf, buf + e) != word_back_bytes(buf, buf + e)) {
				return false;
			}
		}
	}
	return true;
}

/* The words before the state cue at @p in the lower-case sentence starting at @s
 * that the sentence blames, from *@ret_from (set only then) to @p: at most
 * STATE_BLAME_WORDS words back, not past a clause's start (a comma, semicolon or
 * parenthesis) nor past a word of state_subject_stops, and none when an article
 * stands right before the cue.  False when there is none. */
static bool
state_subject(const char *s, const char *p, const char **ret_from)
{
	const char *from = p, *q = p;
	if (state_after_article(s, p)) {
		return false; /* "then an outage page": a state of no one named */
	}
	for (int words = 0; words < STATE_BLAME_WORDS && q > s;) {
		const char *w_end = q;
		while (w_end > s && !(SC(w_end[-1]) & (SC_WORD | SC_CLAUSE))) {
			w_end--;
		}
		if (w_end == s || !(SC(w_end[-1]) & SC_WORD)) {
			break; /* the clause starts */
		}
		const char *w = word_back(s, w_end);
		if (short_word_in_firsts(state_subject_stops, G_N_ELEMENTS(state_subject_stops),
					 STATE_SUBJECT_STOPS_FIRSTS, w, (gsize)(w_end - w))) {
			break;
		}
		from = w;
		q = w;
		words++;
	}
	if (from == p) {
		return false;
	}
	*ret_from = from;
	return true;
}
#undef STATE_SUBJECT_STOPS_FIRSTS
#undef STATE_ARTICLES_FIRSTS
#undef LETTER

/* True when a state cue ends a word at @p, a word start (disclaim_word_byte()'s
 * words) of the sentence [@s, @end). */
static inline bool
state_cue_word(const CueIndex *ix, const char *s, const char *p, const char *end)
{
	return (p == s || !(SC(p[-1]) & SC_WORD)) && g_ascii_isalpha(*p) &&
	       state_cue_at(ix, p, end) != 0;
}

/* The words before a state_cues cue in the lower-case sentence [@s, @end) that the
 * sentence blames (state_subject()): in *@ret_from and *@ret_to (where the cue
 * starts).  The first cue of the sentence with such words wins.  False when there is
 * none.  Only the places sentence_flags() put in @sc are tried (a superset of the
 * word starts where a cue stands: walking every word of the sentence, a test per word
 * start, was most of this function), unless there were too many: then every word
 * start is. */
static bool
state_span(const char *s, const StateCands *sc, const char *end, const char **ret_from,
	   const char **ret_to)
{
	const CueIndex *ix = cue_index();
	if (G_LIKELY(sc->n <= STATE_CANDS && sc->nhigh <= STATE_CANDS)) {
		/* Both lists merged in order: the first cue with a subject wins. */
		for (guint i = 0, j = 0; i < sc->n || j < sc->nhigh;) {
			const char *p = j == sc->nhigh || (i < sc->n && sc->at[i] < sc->high[j])
						? sc->at[i++]
						: sc->high[j++];
			if (state_cue_word(ix, s, p, end) && state_subject(s, p, ret_from)) {
				*ret_to = p;
				return true;
			}
		}
		return false;
	}
	for (const char *p = s, *next = s; p < end; p = next) {
		/* From one word start to the next. */
		for (next = p; next < end && disclaim_word_byte(*next); next++) {
		}
		for (; next < end && !disclaim_word_byte(*next); next++) {
		}
		if (state_cue_word(ix, s, p, end) && state_subject(s, p, ret_from)) {
			*ret_to = p;
			return true;
		}
	}
	return false;
}

static bool
remedy_word_in(const char *const *list, gsize count, const char *w, gsize n)
{
	for (gsize i = 0; i < count; i++) {
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0) {
			return true;
		}
	}
	return false;
}

/* True when a remedy_hints cue in the lower-case sentence [@s, @end) states a
 * cause: a thing is its subject ("our database failed over"), not the page or its
 * people ("we failed over what we could", "our team failed over the primary").  A
 * cue with no word before it ("Failed over to the standby region") is the page's
 * own act told without its "we". */
static bool
remedy_states_cause(const char *s, const char *end)
{
	for (gsize c = 0; c < G_N_ELEMENTS(remedy_hints); c++) {
		gsize cl = strlen(remedy_hints[c]);
		for (const char *p = s; (p = memmem(p, (gsize)(end - p), remedy_hints[c], cl)) != NULL;
		     p += cl) {
			if (p > s && disclaim_word_byte(p[-1])) {
				continue; /* not at a word start */
			}
			const char *q = p;
			for (guint i = 0; i < REMEDY_SUBJECT_WORDS; i++) {
				while (q > s && !disclaim_word_byte(q[-1])) {
					q--;
				}
				const char *we = q;
				while (q > s && disclaim_word_byte(q[-1])) {
					q--;
				}
				gsize n = (gsize)(we - q);
				if (n == 0 ||
				    remedy_word_in(remedy_subjects, G_N_ELEMENTS(remedy_subjects), q, n)) {
					break; /* the page's own act */
				}
				if (remedy_word_in(remedy_between, G_N_ELEMENTS(remedy_between), q, n) ||
				    (n > 3 && q[n - 2] == 'l' && q[n - 1] == 'y')) {
					if (i + 1 == REMEDY_SUBJECT_WORDS) {
						return true;
					}
					continue;
				}
				return true; /* a thing: "database", "primary", "it" */
			}
		}
	}
	return false;
}

/* Scans one sentence (lower case, ’ already folded to ').  Returns whether it was
 * quiet: no cue at all (its flags 0: no terms muted, none blamed) and no ref or
 * region told (see quiet_suffix()). */
static bool
scan_sentence(Window *w, char *s, gsize len)
{
	Lazy lazy = {.sentence = s};
	/* A token of up to TOK_MAX - 1 bytes, then WORD_PAD readable bytes (words_lookup())
	 * and room for a word run copied sixteen bytes at a time. */
	char tok[TOK_MAX + MAX(WORD_PAD, 16)];
	gsize tl = 0;
	guint seps = 0, digits = 0; /* in tok */

	window_break(w);
	w->mute = false;
	w->area[0] = '\0';
	w->held = 0;
	w->events = 0;
	StateCands state_at;
	unsigned flags = sentence_flags(s, len, &state_at);
	bool no_cue = flags == 0;
	bool denied = false; /* a denied state: no blame at all */
	if (G_UNLIKELY(flags & SENTENCE_REMEDY_HINT)) {
		/* A denial returned its flag alone (sentence_flags()). */
		flags &= ~SENTENCE_REMEDY_HINT;
		if (remedy_states_cause(s, s + len)) {
			flags |= TERMS_SENTENCE_CAUSE;
		}
	}
	if (flags & TERMS_SENTENCE_NEGATIVE) {
		if (sentence_disclaims(s, s + len)) {
			flags |= TERMS_SENTENCE_DISCLAIMS;
		}
		lazy.known = true;
		lazy.polarity = TERMS_REF_NEGATIVE;
		w->mute = true;
	} else if ((flags & TERMS_SENTENCE_UNAFFECTED) && !(flags & TERMS_SENTENCE_CAUSE)) {
		/* "Slack is not affected by this issue": a denied state, no blame. */
		w->mute = true;
		denied = true;
		flags &= ~(unsigned)(TERMS_SENTENCE_BLAME | TERMS_SENTENCE_RELIES);
	}
	if ((flags & TERMS_SENTENCE_SHARES) && !sentence_shares(s, s + len)) {
		flags &= ~(unsigned)TERMS_SENTENCE_SHARES;
	}
	/* "We are affected by the AWS outage": the words after the cue are blamed, and
	 * only they (the flags say so from @blame_from to @blame_to). */
	const char *blame_from = NULL, *blame_to = NULL;
	bool own_fault = false;
	unsigned span_flags = TERMS_SENTENCE_BLAME; /* what the span adds */
	if (G_UNLIKELY(flags & SENTENCE_AFFECTED_BY)) {
		flags &= ~SENTENCE_AFFECTED_BY;
		if (!(flags & (TERMS_SENTENCE_NEGATIVE | TERMS_SENTENCE_UNAFFECTED |
			       TERMS_SENTENCE_BLAME)) &&
		    !affected_by_span(s, s + len, &blame_from, &blame_to, &own_fault)) {
			blame_from = NULL;
		}
		if (own_fault && blame_from == NULL) {
			flags |= TERMS_SENTENCE_OWN_FAULT;
		}
	}
	if (G_UNLIKELY(flags & SENTENCE_STATE_HINT)) {
		flags &= ~SENTENCE_STATE_HINT;
		/* Not for a denied state ("Our checkout remains available even though
		 * Amazon is having a widespread outage"): it gets no blame back. */
		if (!denied && !(flags & (TERMS_SENTENCE_NEGATIVE | TERMS_SENTENCE_BLAME)) &&
		    sentence_states(s, s + len)) {
			flags |= TERMS_SENTENCE_BLAME;
		}
	}
	if (G_UNLIKELY(flags & (SENTENCE_CARRIER_HINT | SENTENCE_PROVIDED_HINT))) {
		bool hint = (flags & SENTENCE_CARRIER_HINT) != 0;
		flags &= ~(unsigned)(SENTENCE_CARRIER_HINT | SENTENCE_PROVIDED_HINT);
		if (!denied && !(flags & (TERMS_SENTENCE_NEGATIVE | TERMS_SENTENCE_BLAME)) &&
		    (hint || carrier_provided(s, len)) && carrier_broken(s, len)) {
			flags |= TERMS_SENTENCE_BLAME | TERMS_SENTENCE_RELIES;
		}
	}
	if (G_UNLIKELY(flags & SENTENCE_STATE_CUE)) {
		flags &= ~SENTENCE_STATE_CUE;
		/* "Slack has confirmed an incident", "once Twilio recovers": the few
		 * words before the cue are blamed (state_span()), when nothing else in
		 * the sentence blames or states a cause (then its names are blamed
		 * already) and it denies nothing. */
		if (!denied && blame_from == NULL &&
		    !(flags & (TERMS_SENTENCE_NEGATIVE | TERMS_SENTENCE_UNAFFECTED |
			       TERMS_SENTENCE_BLAME | TERMS_SENTENCE_CAUSE)) &&
		    state_span(s, &state_at, s + len, &blame_from, &blame_to)) {
			span_flags |= TERMS_SENTENCE_RELAY;
		}
	}
	w->blameful = (flags & (TERMS_SENTENCE_CAUSE | TERMS_SENTENCE_BLAME)) != 0;
	if (w->sink->sentence != NULL) {
		w->sink->sentence(w->sink->user, flags);
	}
	/* Where the flags change next (past the sentence's end: never). */
	const char *turn = blame_from != NULL ? blame_from : s + len + 1;
	for (char *p = s;; p++) {
		if (G_UNLIKELY(p >= turn) && tl == 0) {
			/* A word taken: the next one is the first after the turn. */
			unsigned now = flags;
			if (turn == blame_from) {
				now |= span_flags;
				turn = blame_to;
			} else {
				turn = s + len + 1;
			}
			w->blameful = (now & (TERMS_SENTENCE_CAUSE | TERMS_SENTENCE_BLAME)) != 0;
			if (w->sink->sentence != NULL) {
				w->sink->sentence(w->sink->user, now);
			}
		}
		unsigned char c = (unsigned char)*p;
		guint8 k = CC(c);
#ifdef __SSE2__
		gsize run = 0;
		guint run_digits = 0;
		gsize room = TOK_MAX - 1 - tl;
		if (k & CC_WORD) {
			/* A run of word bytes in one go (the byte loop below was a fifth
			 * of scanning); bytes past the token's room are dropped, as there.
			 * (The sentence is lower case: word_run() sees every CC_WORD byte;
			 * should it not, the byte loop takes it.) */
			run = word_run(p, room, &run_digits);
		}
		if (run > 0) {
			gsize take = MIN(run, room);
			if (tl == 0 && run_digits < 2 &&
			    !((CC(p[run]) & CC_INNER) && (CC(p[run + 1]) & CC_WORD))) {
				/* The usual token, a plain word whole (take_token() would
				 * hand it to take_word() as is): taken where it stands, not
				 * copied; the sentence's zero padding gives words_lookup()
				 * its readable bytes past it. */
				take_plain_word(w, p, take);
				/* A space after it only continues the phrase: stepped over
				 * here (a turn on it is taken at the next word, before it is
				 * read, as the space's own step would have). */
				p += p[run] == ' ' ? run : run - 1;
				continue;
			}
			/* Sixteen bytes at a time, the excess overwritten later or past the
			 * token (memcpy() of a length that changes every word was a call
			 * and a tenth of scanning); the sentence is zero padded. */
			for (gsize off = 0; off < take; off += 16) {
				_mm_storeu_si128((__m128i *)(void *)(tok + tl + off),
						 _mm_loadu_si128((const __m128i *)(const void *)(p + off)));
			}
			tl += take;
			digits += run_digits;
			p += run - 1;
			continue;
		}
#endif
		if ((k & CC_WORD) || ((k & CC_INNER) && tl > 0 && (CC(p[1]) & CC_WORD))) {
			if (tl < TOK_MAX - 1) {
				tok[tl++] = (char)c;
				seps += (k & CC_INNER) != 0;
				digits += (k & CC_DIGIT) != 0;
			}
			continue;
		}
		if (tl > 0) {
			tok[tl] = '\0';
			take_token(w, tok, tl, seps, digits, &lazy);
			tl = 0;
			seps = digits = 0;
		}
		if (c == '\0') {
			break;
		}
		/* Spaces continue a phrase; any other punctuation ends it. */
		if (c != ' ' && c != '\t') {
			window_break(w);
		}
	}
	return no_cue && w->events == 0;
}

/*
 * The sentences already scanned for one document: an open-addressing set of
 * (hash, place in @bytes), the sentences themselves kept for an exact compare.
 * An advisory's text repeats every update's text (Statuspage: "when\nLabel -
 * text" per update), and scan_sentence() is a function of the sentence alone,
 * so a sentence seen before adds nothing the document does not already hold.
 */
typedef struct {
	guint32 hash;
	guint32 stamp;    /* TermsSeen.stamp when it holds a sentence of this document */
	guint32 off;      /* in TermsSeen.bytes */
	guint16 len;      /* at most TERMS_MAX_SENTENCE */
	guint8 quiet;     /* scan_sentence() found it quiet */
} SeenSlot;
G_STATIC_ASSERT(TERMS_MAX_SENTENCE <= G_MAXUINT16);

/* A sentence of the text terms_scan_unique() read last (see quiet_suffix()). */
typedef struct {
	guint32 at;       /* where it starts in that text */
	guint16 len;      /* its length as scanned (lower case, folded) */
	guint8 quiet;
} TextSentence;

struct TermsSeen {
	SeenSlot *slots;
	guint32 mask;  /* slots - 1 */
	guint32 used;
	guint32 stamp; /* bumped by terms_seen_reset(): empties every slot at once */
	/* The sentences' bytes, @nbytes of @capbytes (appended with a plain memcpy():
	 * g_string_append_len() was a hundred instructions a sentence). */
	char *bytes;
	gsize nbytes, capbytes;
	/* The sentences of the text terms_scan_unique() read last (@text, compared
	 * by address only), in order; @nsents of @cap. */
	const char *text;
	TextSentence *sents;
	guint32 nsents, cap;
};

TermsSeen *
terms_seen_new(void)
{
	TermsSeen *seen = g_new0(TermsSeen, 1);
	seen->mask = 63;
	seen->slots = g_new0(SeenSlot, seen->mask + 1);
	seen->stamp = 1;
	return seen;
}

void
terms_seen_reset(TermsSeen *seen)
{
	seen->used = 0;
	seen->text = NULL;
	seen->nsents = 0;
	seen->nbytes = 0;
	if (++seen->stamp == 0) {
		memset(seen->slots, 0, ((gsize)seen->mask + 1) * sizeof(SeenSlot));
		seen->stamp = 1;
	}
}

void
terms_seen_free(TermsSeen *seen)
{
	if (seen == NULL) {
		return;
	}
	g_free(seen->slots);
	g_free(seen->bytes);
	g_free(seen->sents);
	g_free(seen);
}


static void
seen_grow(TermsSeen *seen)
{
	guint32 mask = seen->mask * 2 + 1;
	SeenSlot *slots = g_new0(SeenSlot, (gsize)mask + 1);
	for (guint32 i = 0; i <= seen->mask; i++) {
		if (seen->slots[i].stamp != seen->stamp) {
			continue;
		}
		guint32 h = seen->slots[i].hash & mask;
		while (slots[h].stamp == seen->stamp) {
			h = (h + 1) & mask;
		}
		slots[h] = seen->slots[i];
	}
	g_free(seen->slots);
	seen->slots = slots;
	seen->mask = mask;
}

/* The hash of sentence @s (@len bytes in a sentence buffer: zero bytes after it) for
 * TermsSeen, which only asks whether it holds a sentence: two independent lanes of
 * eight bytes each, so a step waits for one multiply, not two (terms_hash_bytes()'s
 * one chain of dependent multiplies was a fifth of scan_text()); the tail is read
 * whole, the padding's zeros included. */
static inline guint32
sentence_hash(const char *s, gsize len)
{
	guint64 a = TERMS_HASH_SEED ^ len, b = 0x94d049bb133111ebu ^ len;
	for (gsize i = 0; i < len; i += 16) {
		guint64 x, y;
		memcpy(&x, s + i, 8);
		memcpy(&y, s + i + 8, 8);
		a = (a ^ x) * 0xff51afd7ed558ccdu;
		a ^= a >> 32;
		b = (b ^ y) * 0xc4ceb9fe1a85ec53u;
		b ^= b >> 29;
	}
	return terms_hash_finish(a ^ (b << 31 | b >> 33));
}

/* Enters sentence @s (@len > 0 bytes, at most TERMS_MAX_SENTENCE, in a sentence buffer:
 * SENTENCE_PAD readable bytes after it); false when it was there already.  Its slot's index in *@ret_slot either way (valid until the next
 * seen_add()). */
static bool
seen_add(TermsSeen *seen, const char *s, gsize len, guint32 *ret_slot)
{
	/* Room first, so the slot found stays where it is. */
	if ((seen->used + 1) * 2 > seen->mask) {
		seen_grow(seen);
	}
	guint32 h = sentence_hash(s, len);
	guint32 i = h & seen->mask;
	for (; seen->slots[i].stamp == seen->stamp; i = (i + 1) & seen->mask) {
		const SeenSlot *slot = &seen->slots[i];
		if (slot->hash == h && slot->len == len &&
		    memcmp(seen->bytes + slot->off, s, len) == 0) {
			*ret_slot = i;
			return false;
		}
	}
	seen->slots[i] = (SeenSlot){.hash = h, .stamp = seen->stamp,
				    .off = (guint32)seen->nbytes, .len = (guint16)len};
	/* Sixteen bytes of room past the copy: see below. */
	if (G_UNLIKELY(seen->nbytes + len + 16 > seen->capbytes)) {
		seen->capbytes = MAX(seen->nbytes + len + 16, MAX((gsize)4096, 2 * seen->capbytes));
		seen->bytes = g_realloc(seen->bytes, seen->capbytes);
	}
#ifdef __SSE2__
	/* Sixteen bytes at a time, the excess overwritten by the next sentence or never
	 * compared (@s is a sentence buffer, zero padded past @len): gcc made the
	 * memcpy() of a length that changes every sentence a "rep movsq", a sixth of
	 * scan_text(). */
	for (gsize off = 0; off < len; off += 16) {
		_mm_storeu_si128((__m128i *)(void *)(seen->bytes + seen->nbytes + off),
				 _mm_loadu_si128((const __m128i *)(const void *)(s + off)));
	}
#else
	memcpy(seen->bytes + seen->nbytes, s, len);
#endif
	seen->nbytes += len;
	seen->used++;
	*ret_slot = i;
	return true;
}

/* Records sentence @len bytes long, starting at @at in the text being read, for
 * quiet_suffix(). */
static void
seen_record(TermsSeen *seen, gsize at, gsize len, bool quiet)
{
	if (G_UNLIKELY(at > G_MAXUINT32)) {
		return; /* past what an offset holds: not found later, so never used */
	}
	if (seen->nsents == seen->cap) {
		seen->cap = MAX(64u, seen->cap * 2);
		seen->sents = g_renew(TextSentence, seen->sents, seen->cap);
	}
	seen->sents[seen->nsents++] = (TextSentence){.at = (guint32)at, .len = (guint16)len,
						     .quiet = quiet};
}

/* How scan_text() reads a text. */
typedef struct {
	TermsSeen *seen;  /* sentences already read are skipped (NULL: none) */
	bool role_phrase; /* terms_scan_role_phrase() */
	bool record;      /* a document's text: its sentences go to seen->sents */
	/* An update standing at @at in @in (stands_in()): stop after its first plain
	 * sentence end, which may be told as quiet_suffix() says. */
	bool first;
	const char *in;
	gsize at;
} ScanOpts;

static bool scan_text(const char *text, gsize len, const TermsSink *sink, const ScanOpts *o);

/* True when the sentence so far, @s (lower case, @len bytes), is a label naming a
 * cause ("Root cause", "Preliminary root cause", "Cause"): short, ending in the
 * word "cause".  Its colon then ends no sentence (see scan_text()). */
static bool
cause_label(const char *s, gsize len)
{
	static const char label[] = "cause";
	const gsize n = sizeof(label) - 1;
	/* Longer than "preliminary root cause" by a little: a label, not a sentence. */
	if (len < n || len > 32 || memcmp(s + len - n, label, n) != 0) {
		return false;
	}
	return len == n || !g_ascii_isalnum(s[len - n - 1]);
}

void
terms_scan(const char *text, const TermsSink *sink)
{
	ScanOpts o = {0};
	scan_text(text, G_MAXSIZE, sink, &o);
}

void
terms_scan_role_phrase(const char *text, const TermsSink *sink)
{
	ScanOpts o = {.role_phrase = true};
	scan_text(text, G_MAXSIZE, sink, &o);
}

void
terms_scan_unique(const char *text, gsize len, const TermsSink *sink, TermsSeen *seen)
{
	ScanOpts o = {.seen = seen, .record = seen != NULL && text != NULL};
	if (o.record) {
		seen->text = text;
		seen->nsents = 0;
	}
	scan_text(text, len, sink, &o);
}

guint
terms_line_ends(const char *text, gsize len, guint32 *ends, guint cap)
{
	guint n = 0;
	const char *end = text + len;
	for (const char *p = text; p < end;) {
		const char *nl = memchr(p, '\n', (gsize)(end - p));
		if (nl == NULL) {
			break;
		}
		if (n < cap) {
			ends[n] = (guint32)(nl - text);
		}
		n++;
		p = nl + 1;
	}
	if (n < cap) {
		ends[n] = (guint32)len;
	}
	return n + 1;
}

/*
 * Whether @u (@ulen > 0 bytes) stands in @text so that scanning it past its
 * first plain sentence end (scan_text() with @first) adds nothing to what
 * scanning @text added: @u whole in @text, ending at one of @text's line ends
 * @ends, and not ending with a colon.  Why that is enough: @text ends a sentence
 * on the same byte (a line end, or . ! ? ; before a space or line end: nothing
 * before the byte changes that, and those bytes are ASCII, so no character
 * folded from bytes before @u can take one), and after it both are cut into the
 * same sentences: a cut for length and a "Root cause:" label depend on the
 * sentence so far alone, and @text's '\n' after @u ends a sentence as @u's NUL
 * does (but for a colon: "Root cause:" at @u's very end is a label only where
 * more follows).  Those sentences were scanned with @text, and
 * terms_scan_unique() skips each.
 */
static bool
stands_in(const char *u, gsize ulen, const char *text, const guint32 *ends, guint nends,
	  gsize *probes, gsize *ret_at)
{
	if (u[ulen - 1] == ':') {
		return false;
	}
	for (guint i = 0; i < nends; i++) {
		if (*probes == 0) {
			return false; /* the advisory's probes are spent: read @u whole */
		}
		--*probes;
		gsize e = ends[i];
		if (e < ulen) {
			continue;
		}
		gsize p = e - ulen;
		if (text[p] == u[0] && text[e - 1] == u[ulen - 1] &&
		    memcmp(text + p, u, ulen) == 0) {
			*ret_at = p;
			return true;
		}
	}
	return false;
}

void
terms_scan_unique_in(const char *u, gsize ulen, const char *text, const guint32 *ends,
		     guint nends, gsize *probes, const TermsSink *sink, TermsSeen *seen)
{
	if (u == NULL) {
		ulen = 0;
	} else if (ulen == G_MAXSIZE) {
		ulen = strlen(u);
	}
	ScanOpts o = {.seen = seen, .in = text};
	o.first = ulen > 0 && text != NULL && seen != NULL &&
		  stands_in(u, ulen, text, ends, nends, probes, &o.at);
	scan_text(u, u != NULL ? ulen : G_MAXSIZE, sink, &o);
}

/* The longest status label before an update's text in its advisory's text
 * ("Investigating - "): Statuspage's labels are single words, some two. */
#define LABEL_MAX 48

/* [@p, @p + @n) is "Label - ": ASCII letters and spaces, a letter first and last,
 * then " - ".  Scanned, it is words without a digit, then a dash standing alone,
 * which breaks the phrase: the words after it start afresh. */
static bool
label_prefix(const char *p, gsize n)
{
	if (n < 4 || memcmp(p + n - 3, " - ", 3) != 0 || !g_ascii_isalpha(p[0]) ||
	    !g_ascii_isalpha(p[n - 4])) {
		return false;
	}
	for (gsize i = 1; i + 4 < n; i++) {
		if (!g_ascii_isalpha(p[i]) && p[i] != ' ') {
			return false;
		}
	}
	return true;
}

/*
 * Whether an update's first sentence S (@sl bytes as scanned; new to the
 * document, ended by a plain sentence end), the update standing at @at in @text
 * (stands_in()), can be told to the sink as sink->sentence(0) alone.  True when
 * @text, read by terms_scan_unique() into @seen, holds S as the end of a quiet
 * sentence T = "Label - " S (the line's start to S's end: a Statuspage advisory's
 * text, "when
Label - update").  Why that tells a sink with
 * TermsSink.quiet_repeats the same as scanning S:
 * - T had no cue (quiet), and every cue of S is one of T (S's word starts are
 *   word starts of T, the bytes after them are the same, both followed by zero
 *   padding), so S has none either: its flags are 0, nothing is muted or
 *   blamed, and the sentence call is sentence(0);
 * - after the label the dash breaks the phrase, so S's words came in T as they
 *   come in S, each phrase of S was told in T, to this document: again, in a
 *   sentence with flags 0, which such a sink ignores;
 * - T told no ref or region, and S's tokens are T's last ones (a spaced region
 *   needs a word before it that the label cannot give unless T told it), so S
 *   tells none.
 * T had the same length limit (both below TERMS_MAX_SENTENCE) and ends on S's
 * end byte (stands_in()); its recorded length, the label's plus S's, says no
 * colon label or cut made them differ.
 */
static bool
quiet_suffix(const TermsSeen *seen, const char *text, gsize at, gsize sl)
{
	if (seen->text != text || seen->nsents == 0) {
		return false;
	}
	gsize ls = at;
	while (ls > 0 && at - ls < LABEL_MAX && text[ls - 1] != '\n') {
		ls--;
	}
	if (ls > 0 && text[ls - 1] != '\n') {
		return false;
	}
	gsize plen = at - ls;
	if (!label_prefix(text + ls, plen) || plen + sl >= TERMS_MAX_SENTENCE) {
		return false;
	}
	/* The text's sentences in order of where they start. */
	guint32 lo = 0, hi = seen->nsents;
	while (lo < hi) {
		guint32 mid = lo + (hi - lo) / 2;
		if (seen->sents[mid].at < ls) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo < seen->nsents && seen->sents[lo].at == ls &&
	       seen->sents[lo].len == plen + sl && seen->sents[lo].quiet;
}

/* Scans @text (@len bytes, or G_MAXSIZE: up to its NUL); with o->first, stops after
 * the first sentence that ends on a byte whose ending it and the next byte alone
 * decide (see stands_in()) and returns true. */
static bool
scan_text(const char *text, gsize len, const TermsSink *sink, const ScanOpts *o)
{
	Window w = {.sink = sink, .role_phrase = o->role_phrase,
		    .slow_scan = sink->words == NULL || o->role_phrase};
	char sentence[TERMS_MAX_SENTENCE + SENTENCE_PAD + 1];
	gsize sl = 0;
	TermsSeen *seen = o->seen;
	const bool first = o->first;
	const char *start = text; /* of the sentence being built */

	if (text == NULL) {
		return false;
	}
	char_class_init();
#ifdef __SSE2__
	const char *text_end = text + (len != G_MAXSIZE ? len : strlen(text));
#else
	(void)len;
#endif
	for (const char *p = text;; p++) {
#ifdef __SSE2__
		/* Sixteen plain bytes at a time: none ends a sentence or needs
		 * folding, so they are only lower-cased and copied (the loop below
		 * did that a byte at a time; it was a fifth of scanning).  Loads stay
		 * inside the string. */
		while (text_end - p >= 16 && sl + 16 < TERMS_MAX_SENTENCE) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
			__m128i m = _mm_or_si128(
				_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
							  _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
					     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
							  _mm_cmpeq_epi8(v, _mm_set1_epi8('!')))),
				_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')),
							  _mm_cmpeq_epi8(v, _mm_set1_epi8(';'))),
					     _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(':')),
							  _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)),
								       _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2))))));
			unsigned special = (unsigned)_mm_movemask_epi8(m);
			/* 'A'..'Z' + 32: shifted into the signed range, they are the
			 * 26 smallest values. */
			__m128i t = _mm_sub_epi8(v, _mm_set1_epi8((char)('A' + 128)));
			__m128i up = _mm_cmplt_epi8(t, _mm_set1_epi8((char)(-128 + 26)));
			v = _mm_add_epi8(v, _mm_and_si128(up, _mm_set1_epi8(32)));
			_mm_storeu_si128((__m128i *)(void *)(sentence + sl), v);
			if (special != 0) {
				/* The plain bytes before the first special one are taken
				 * from this block too (the bytes stored past them are
				 * overwritten later, or past the sentence's end by its
				 * padding); the byte loop below takes the special one.  (It
				 * used to take all sixteen a byte at a time, each after a
				 * failed block test: most of scan_text() on texts with
				 * dashes, ellipses and accents.) */
				unsigned plain = (unsigned)__builtin_ctz(special);
				sl += plain;
				p += plain;
				break;
			}
			sl += 16;
			p += 16;
		}
#endif
		unsigned char c = (unsigned char)*p;
		guint8 k = CC(c);
		if ((k & (CC_END | CC_STOP | CC_SPECIAL)) == 0) {
			/* The common case: a plain character of the sentence. */
			sentence[sl++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
			if (sl < TERMS_MAX_SENTENCE) {
				continue;
			}
		}
		bool end = (k & CC_END) || ((k & CC_STOP) && (p[1] == '\0' || g_ascii_isspace(p[1])));
		if (end && c == ':' && p[1] != '\0' && cause_label(sentence, sl)) {
			/* "Root cause: A recent change ...": the label states what the
			 * next words are, so they are one sentence with it. */
			end = false;
		}
		if (sl >= TERMS_MAX_SENTENCE) {
			/* A full buffer is cut here, as before. */
		} else if (!end) {
			/* Fold the typographic apostrophe (U+2019) to ', the other
			 * punctuation of U+2010..U+201F (dashes, quotes) to a phrase break,
			 * and no-break space to a space: "outage<em dash>our" is two words. */
			if (c == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] >= 0x90 &&
			    (unsigned char)p[2] <= 0x9F) {
				c = (unsigned char)p[2] == 0x99 ? '\'' : ',';
				p += 2;
			} else if (c == 0xC2 && (unsigned char)p[1] == 0xA0) {
				c = ' ';
				p += 1;
			}
			sentence[sl++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
			if (sl < TERMS_MAX_SENTENCE) {
				continue;
			}
		}
		memset(sentence + sl, 0, SENTENCE_PAD + 1);
		if (sl > 0 && seen == NULL) {
			scan_sentence(&w, sentence, sl);
		} else if (sl > 0) {
			guint32 slot;
			if (seen_add(seen, sentence, sl, &slot)) {
				bool quiet;
				if (first && start == text && end && c != ':' && sink->quiet_repeats &&
				    quiet_suffix(seen, o->in, o->at, sl)) {
					if (sink->sentence != NULL) {
						sink->sentence(sink->user, 0);
					}
					quiet = true;
				} else {
					quiet = scan_sentence(&w, sentence, sl);
				}
				seen->slots[slot].quiet = quiet;
			}
			if (o->record) {
				seen_record(seen, (gsize)(start - text), sl, seen->slots[slot].quiet);
			}
		}
		sl = 0;
		start = p + 1;
		if (c == '\0') {
			break;
		}
		if (first && end && c != ':') {
			/* Ended by this byte and the next alone (a colon's ending also
			 * depends on the sentence before it, see cause_label(); a cut on
			 * the sentence's length): any text holding these bytes ends a
			 * sentence here too. */
			return true;
		}
	}
	return false;
}

const char *
terms_find_words(const char *hay, const char *from, const char *needle)
{
	gsize nl = strlen(needle);
	for (const char *p = strstr(from, needle); p != NULL; p = strstr(p + 1, needle)) {
		bool start_ok = p == hay || !g_ascii_isalnum(p[-1]);
		bool end_ok = !g_ascii_isalnum(p[nl]);
		if (start_ok && end_ok) {
			return p;
		}
	}
	return NULL;
}

/* The start of the sentence of @lower holding @p: after the last ". ", "! ", "? ",
 * ";" or line break before it. */
static const char *
sentence_start_of(const char *lower, const char *p)
{
	while (p > lower) {
		char c = p[-1];
		if (c == '\n' || c == ';' ||
		    ((c == ' ' || c == '\t') && p - 1 > lower &&
		     (p[-2] == '.' || p[-2] == '!' || p[-2] == '?'))) {
			break;
		}
		p--;
	}
	return p;
}

/* The end of the sentence of @lower holding @p (see sentence_start_of()). */
static const char *
sentence_end_of(const char *p)
{
	for (; *p != '\0'; p++) {
		if (*p == '\n' || *p == ';' ||
		    ((*p == '.' || *p == '!' || *p == '?') &&
		     (p[1] == ' ' || p[1] == '\t' || p[1] == '\n' || p[1] == '\0'))) {
			break;
		}
	}
	return p;
}

bool
terms_denied_in(const char *lower, const char *needle)
{
	for (const char *p = terms_find_words(lower, lower, needle); p != NULL;
	     p = terms_find_words(lower, p + 1, needle)) {
		const char *s = sentence_start_of(lower, p);
		const char *end = sentence_end_of(p);
		for (gsize i = 0; i < G_N_ELEMENTS(negative_cues); i++) {
			if (find_words(s, end, negative_cues[i]) != NULL) {
				return true;
			}
		}
	}
	return false;
}

bool
terms_has_words(const char *hay, const char *needle)
{
	return terms_find_words(hay, hay, needle) != NULL;
}

bool
terms_blames_upstream(const char *text)
{
	static const char *const cues[] = {
		"upstream", "cloud provider", "hosting provider", "infrastructure provider",
		"our provider", "third-party provider", "third party provider", "service provider",
		"the provider", "provider's", "providers", "dns provider", "cdn provider",
		"network provider", "provider",
	};
	if (text == NULL) {
		return false;
	}
	g_autofree char *lower = g_ascii_strdown(text, -1);
	for (gsize i = 0; i < G_N_ELEMENTS(cues); i++) {
		if (terms_has_words(lower, cues[i])) {
			return true;
		}
	}
	return false;
}

static void
title_term(void *user, const char *norm, const char *surface, int n)
{
	GString *out = user;
	if (n != 1) {
		return;
	}
	if (out->len > 0) {
		g_string_append_c(out, ' ');
	}
	g_string_append(out, norm);
}

char *
terms_title_key(const char *title)
{
	GString *out = g_string_new(NULL);
	TermsSink sink = {.term = title_term, .user = out};
	if (title != NULL) {
		/* "[RESOLVED] Increased Error Rates": the bracketed state is not the title. */
		const char *t = title;
		while (*t == ' ') {
			t++;
		}
		if (*t == '[') {
			const char *close = strchr(t, ']');
			if (close != NULL) {
				t = close + 1;
			}
		}
		terms_scan(t, &sink);
	}
	return g_string_free(out, FALSE);
}
