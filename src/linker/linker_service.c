/*
 * A service of a suite as the upstream a downstream page blames: "Messages to
 * Microsoft Teams channels are not being delivered because the Teams service
 * itself is unavailable", "Microsoft Teams unavailable", "our email is delayed
 * because Exchange Online is degraded".  Such a service (a provider of the
 * knowledge file with `services`, see linker_knowledge_service_self()) is named
 * far more often than it is blamed: a page posts to Teams, backs up Exchange
 * Online mailboxes, syncs Outlook calendars.  So, unlike a provider of its own
 * feed (blamed when named anywhere in a sentence stating a cause), it is blamed
 * only where the sentence makes it the thing broken: its name followed, through
 * a few words that keep it the subject ("service", "itself", "sign-in", "is"),
 * by a state of failure ("unavailable", "down", "degraded", "failing", "outage");
 * or its name after a cause's preposition ("due to an outage of", "because of
 * the ongoing", "issue with").  "Backups of Exchange Online mailboxes are
 * delayed because a storage node failed" blames no one; a sentence that denies
 * or says something is unaffected (terms.c's TERMS_SENTENCE_NEGATIVE /
 * UNAFFECTED) blames nothing.  Also blamed: a name as the object of an outage
 * ("an outage that affects Outlook and Exchange Online", "an issue impacting
 * Microsoft Teams"), and a possessive name before an incident word ("during
 * Microsoft's ongoing service incident").  A suite (Microsoft 365, also named by
 * its company, "Microsoft") is blamed by the same rules; the words of the
 * sentence blaming it that point at one of its services (a part's name or its
 * products: "calendar sync" is Exchange Online's; else the title's) are returned
 * with the blame.
 * In a text speaking of the consumer service of the same brand ("personal
 * Outlook.com accounts"), a provider with consumer words is blamed only by its
 * first name ("Exchange Online", never "Outlook").
 *
 * Also here: the sentences in which an advisory claims to share the cause of an
 * ongoing event, and the service such a claim names as the event's, in one word or
 * in the words its feed's one-token key glues ("the ongoing Direct Connect event":
 * 'directconnect'; linker_claim_text(), linker_claim_names()).
 *
 * Called once per advisory that names such a service (a handful of texts), never
 * in a scoring loop.  Pure: no I/O, no clock, no logging.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "linker/linker_private.h"

/* The bytes a 16-byte step of the searches below reads at p: p[0 .. 18), each place
 * of the step tested with the two bytes after it.  Fewer left: byte by byte. */
#define STEP_READ 18

/* A state of failure right after the service's name (through filler words). */
static const char *const fail_states[] = {
	"unavailable", "down", "degraded", "failing", "offline", "unreachable", "inaccessible",
	"outage", "outages", "disruption", "disrupted", "broken", "incident", "incidents",
	"issue", "issues", "problem", "problems", "investigating",
};
/* Words between the name and its state that keep the service the subject: "the
 * Teams service itself is unavailable", "Outlook sign-in is failing", "Exchange
 * Online is currently experiencing an outage". */
static const char *const subject_fillers[] = {
	"service", "services", "itself", "sign-in", "login", "is", "are", "was", "were",
	"has", "have", "been", "be", "currently", "still", "now", "also", "seems", "appears",
	"to", "experiencing", "having", "suffering", "an", "a", "major", "partial", "widespread",
	"global", "ongoing", "confirmed", "acknowledged", "reported", "reporting", "reports",
	"current",
};
/* Cause prepositions, and the words that may stand between one and the name:
 * "due to an outage of Microsoft Teams", "because of the ongoing Exchange Online
 * incident", "an issue with Exchange Online". */
static const char *const cause_preps[][2] = {
	{"due", "to"},        {"because", "of"},   {"caused", "by"},    {"outage", "of"},
	{"outage", "at"},     {"outage", "in"},    {"issue", "with"},   {"issues", "with"},
	{"problem", "with"},  {"problems", "with"}, {"incident", "at"}, {"incident", "with"},
	{"disruption", "at"}, {"disruption", "to"}, {"disruption", "of"},
	/* Errors a service returns: "sync fails with errors from Microsoft". */
	{"errors", "from"},   {"timeouts", "from"}, {"coming", "from"}, {"returned", "by"},
};
static const char *const prep_fillers[] = {
	"a", "an", "the", "ongoing", "current", "widespread", "major", "partial", "global",
	"outage", "issue", "issues", "problem", "problems", "incident", "disruption", "of", "at",
	"with", "in", "to", "by",
};
/* The service as the object of an outage ("an outage that affects Outlook and
 * Exchange Online", "an issue impacting Microsoft Teams"): a verb of these, after
 * one of the nouns, before the name. */
static const char *const affect_verbs[] = {
	"affects", "affecting", "affected", "impacts", "impacting", "impacted", "hitting", "hits",
};
static const char *const outage_nouns[] = {
	"outage", "outages", "issue", "issues", "incident", "incidents", "problem", "problems",
	"disruption", "disruptions",
};
/* Between noun and verb ("an outage that affects"), and between verb and name
 * ("affecting both Outlook and Exchange Online"; other names' words too). */
static const char *const object_fillers[] = {
	"that", "which", "is", "are", "currently", "now", "also", "the", "and", "or", "both",
	"all", "some", "users", "of",
};
/* What may follow the name so blamed: the end of the clause, a place, its users.
 * Another word makes the name the page's own product ("an issue affecting our
 * Microsoft Teams notifications"). */
static const char *const object_followers[] = {
	"in", "for", "and", "or", "users", "customers", "across", "worldwide", "globally", "today",
	"service", "services", "since", "at", "this", "on", "as", "from",
};
/* A page's own outage: "our", "we" before the noun. */
static const char *const own_words[] = {"our", "we", "we're", "we've"};

/* How many words may stand between name and state, or preposition and name. */
#define SERVICE_GAP_MAX 4
/* Words of one sentence looked at (a longer sentence is cut there). */
#define SERVICE_WORDS_MAX 96

typedef struct {
	const char *w;
	gsize len;
	bool clause; /* a comma, parenthesis or similar stands before it */
} Tok;

static bool
tok_is(const Tok *t, const char *word)
{
	return strlen(word) == t->len && g_ascii_strncasecmp(t->w, word, t->len) == 0;
}

static bool
tok_in(const Tok *t, const char *const *list, gsize n)
{
	for (gsize i = 0; i < n; i++) {
		if (tok_is(t, list[i])) {
			return true;
		}
	}
	return false;
}

/* The words of sentence [@s, @end) into @tok (at most
 * SERVICE_WORDS_MAX); letters, digits, '-' and '\'' make words. */
static guint
tokenize(const char *s, const char *end, Tok *tok)
{
	guint n = 0;
	bool clause = false;
	for (const char *p = s; p < end && n < SERVICE_WORDS_MAX;) {
		if (!g_ascii_isalnum(*p)) {
			clause |= *p == ',' || *p == '(' || *p == ')' || *p == '"' || *p == '-';
			p++;
			continue;
		}
		const char *w = p;
		while (p < end && (g_ascii_isalnum(*p) || *p == '\'' ||
				   (*p == '-' && p + 1 < end && g_ascii_isalnum(p[1])))) {
			p++;
		}
		tok[n++] = (Tok){.w = w, .len = (gsize)(p - w), .clause = clause};
		clause = false;
	}
	return n;
}

/* True when the words of @name (single spaces between) are @tok[@i ..]; sets *@ret_len. */
static bool
words_at(const char *name, const Tok *tok, guint n, guint i, guint *ret_len)
{
	guint k = 0;
	if (g_ascii_tolower(tok[i].w[0]) != name[0]) {
		return false; /* most words: one compare */
	}
	for (const char *w = name; *w != '\0'; k++) {
		const char *e = strchr(w, ' ');
		gsize len = e != NULL ? (gsize)(e - w) : strlen(w);
		/* The last word may be possessive ("during Microsoft's ongoing incident"). */
		bool poss = e == NULL && i + k < n && tok[i + k].len == len + 2 &&
			    tok[i + k].w[len] == '\'' && g_ascii_tolower(tok[i + k].w[len + 1]) == 's';
		if (i + k >= n || (tok[i + k].len != len && !poss) ||
		    g_ascii_strncasecmp(tok[i + k].w, w, len) != 0) {
			return false;
		}
		w += len + (e != NULL);
	}
	*ret_len = k;
	return k > 0;
}

/* Length in words of a name (or, with @short_ok, a short name) of @kp starting at
 * @tok[@i], or 0. */
static guint
name_at(const KnowledgeProvider *kp, bool short_ok, const Tok *tok, guint n, guint i)
{
	guint len = 0;
	for (guint j = 0; kp->names[j] != NULL; j++) {
		if (words_at(kp->names[j], tok, n, i, &len)) {
			return len;
		}
	}
	for (guint j = 0; short_ok && kp->short_names[j] != NULL; j++) {
		if (words_at(kp->short_names[j], tok, n, i, &len)) {
			return len;
		}
	}
	return 0;
}

/* True when the name at @tok[@i .. @i + @len) is the object of an outage: a
 * verb of affect_verbs before it (over object_fillers and capitalised words,
 * other names: "affects Outlook and Exchange Online"), a noun of outage_nouns
 * before that (over object_fillers), no "our" or "we" just before the noun, and
 * after the name nothing that makes it the page's own product. */
static bool
object_at(const Tok *tok, guint n, guint i, guint len)
{
	if (i + len < n && !tok[i + len].clause &&
	    !tok_in(&tok[i + len], object_followers, G_N_ELEMENTS(object_followers))) {
		return false;
	}
	guint k = i;
	for (guint gap = 0; k > 0 && gap <= SERVICE_GAP_MAX; gap++) {
		const Tok *t = &tok[k - 1];
		if (tok_in(t, affect_verbs, G_N_ELEMENTS(affect_verbs))) {
			break;
		}
		if (!tok_in(t, object_fillers, G_N_ELEMENTS(object_fillers)) &&
		    !g_ascii_isupper(t->w[0])) {
			return false;
		}
		k--;
	}
	if (k == 0 || !tok_in(&tok[k - 1], affect_verbs, G_N_ELEMENTS(affect_verbs))) {
		return false;
	}
	k--; /* the verb */
	for (guint gap = 0; k > 0 && gap <= 2; gap++) {
		const Tok *t = &tok[k - 1];
		if (tok_in(t, outage_nouns, G_N_ELEMENTS(outage_nouns))) {
			for (guint b = k - 1; b > 0 && b + 3 > k; b--) {
				if (tok_in(&tok[b - 1], own_words, G_N_ELEMENTS(own_words))) {
					return false;
				}
			}
			return true;
		}
		if (!tok_in(t, object_fillers, G_N_ELEMENTS(object_fillers))) {
			return false;
		}
		k--;
	}
	return false;
}

/* True when the name at @tok[@i .. @i + @len) is the thing broken in the sentence. */
static bool
blamed_at(const Tok *tok, guint n, guint i, guint len)
{
	guint k0 = i + len;
	/* "Microsoft’s ongoing incident" (a typographic apostrophe splits off the s). */
	if (k0 < n && tok_is(&tok[k0], "s") && !tok[k0].clause) {
		k0++;
	}
	/* Name, fillers, state: "Microsoft Teams unavailable", "the Teams service
	 * itself is unavailable". */
	for (guint k = k0, gap = 0; k < n && gap <= SERVICE_GAP_MAX && !tok[k].clause; k++) {
		if (tok_in(&tok[k], fail_states, G_N_ELEMENTS(fail_states))) {
			return true;
		}
		if (!tok_in(&tok[k], subject_fillers, G_N_ELEMENTS(subject_fillers))) {
			break;
		}
		gap++;
	}
	/* Preposition, fillers, name: "due to an outage of Exchange Online". */
	for (guint k = i, gap = 0; k > 0 && gap <= SERVICE_GAP_MAX; gap++) {
		if (tok[k].clause) {
			break;
		}
		for (gsize c = 0; k >= 2 && c < G_N_ELEMENTS(cause_preps); c++) {
			if (tok_is(&tok[k - 2], cause_preps[c][0]) &&
			    tok_is(&tok[k - 1], cause_preps[c][1])) {
				return true;
			}
		}
		k--;
		if (!tok_in(&tok[k], prep_fillers, G_N_ELEMENTS(prep_fillers))) {
			break;
		}
	}
	return object_at(tok, n, i, len);
}

static void
sentence_flags(void *user, unsigned flags)
{
	*(unsigned *)user |= flags;
}

/* A needle's match read by place_say(). */
typedef struct {
	const char *lo, *hi; /* the text */
	const char *w;       /* the start of the word holding the match */
	ProvMask cand;       /* the providers of the needles matching there */
} ServiceHit;

/* What an advisory's texts say of the services of a suite. */
typedef struct {
	ProvMask blamed; /* made the thing broken */
	ProvMask denied; /* named in full in a denial ("not caused by the Microsoft Teams outage") */
	bool denials;    /* look for denials (some sentence of the advisory denies) */
	ProvMask full;   /* named in full somewhere (its short names count: see name_covers()) */
	ProvMask shorts; /* whose short names are looked for (the second pass) */
	ProvMask by_first; /* of blamed, those blamed by their first name ("exchange online") */
	ProvMask products; /* parts a sentence blaming their suite points at (Doc.suite_products) */
	/* Hashes of the places read so far (an advisory's text repeats its updates, and
	 * a status page its component list in every update): each is read once.  Past
	 * SERVICE_SEEN_MAX, places are read again. */
	guint64 seen[32];
	guint nseen;
	/* The places the first pass read, in order (see ServiceHit): the second pass
	 * reads them again instead of searching the texts again.  @hits is @local
	 * until that is full, then owned. */
	ServiceHit *hits;
	guint nhits, caphits;
	ServiceHit local[32];
} ServiceSay;
#define SERVICE_SEEN_MAX 32
/* Words read on either side of a name: the blame's words stand within
 * SERVICE_GAP_MAX of it (a name of up to four words). */
#define SERVICE_WINDOW (SERVICE_GAP_MAX + 4)
/* Bytes either side of a place compared to tell it was read already. */
#define SERVICE_PLACE 64

/* The linker's own reading of sentence [@s, @end): TermsSentence flags. */
static unsigned
read_flags(const char *s, const char *end)
{
	g_autofree char *one = g_strndup(s, (gsize)(end - s));
	unsigned flags = 0;
	TermsSink sink = {.sentence = sentence_flags, .user = &flags};
	terms_scan(one, &sink);
	return flags;
}

/* True when a word of @tok may make its sentence a denial ("not", "unrelated",
 * "separate", "isn't", ...): only then is the sentence read for one. */
static bool
may_deny(const Tok *tok, guint n)
{
	static const char *const deny_words[] = {
		"not", "no", "unrelated", "separate", "different", "distinct", "independent",
	};
	for (guint i = 0; i < n; i++) {
		if (tok_in(&tok[i], deny_words, G_N_ELEMENTS(deny_words)) ||
		    (tok[i].len > 3 && g_ascii_strncasecmp(tok[i].w + tok[i].len - 3, "n't", 3) == 0)) {
			return true;
		}
	}
	return false;
}

/* True when @p ends a sentence: a line end, or . ! ? ; : before a space or the end
 * (a "Jan 26, 15:12 UTC:" stamp or a "This is not caused by X: ..." denial ends
 * where its colon does; "outlook.com" goes on). */
static inline bool
sentence_stop(const char *p)
{
	switch (*p) {
	case '\n':
		return true;
	case '.':
	case '!':
	case '?':
	case ';':
	case ':':
		return p[1] == ' ' || p[1] == '\0' || p[1] == '\n';
	default:
		return false;
	}
}

/* From @p in [@lo, @hi), back (@dir -1) or on (+1) over @words words, never past
 * a sentence's end: where that stops. */
static const char *
walk_words(const char *p, const char *lo, const char *hi, int dir, guint words)
{
	guint seen = 0;
	bool in_word = false;
	if (dir < 0) {
		while (p > lo && !sentence_stop(p - 1)) {
			bool w = g_ascii_isalnum(p[-1]);
			if (w && !in_word && ++seen > words) {
				break;
			}
			in_word = w;
			p--;
		}
		return p;
	}
	while (p < hi && !sentence_stop(p)) {
		bool w = g_ascii_isalnum(*p);
		if (w && !in_word && ++seen > words) {
			break;
		}
		in_word = w;
		p++;
	}
	return p;
}

/* True when the @n bytes at @s are @lower's (lower case) in any case: what
 * g_ascii_strncasecmp() says of them, inline (no call per byte). */
static inline bool
same_lower(const char *s, const char *lower, gsize n)
{
	for (gsize i = 0; i < n; i++) {
		char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + ('a' - 'A')) : s[i];
		if (c != lower[i]) {
			return false;
		}
	}
	return true;
}

/* A lower-case, whole-word occurrence of @w (lower case) in [@s, @e), or NULL. */
static const char *
lower_word_in(const char *s, const char *e, const char *w)
{
	gsize n = strlen(w);
	for (const char *p = s; p + n <= e; p++) {
		if (same_lower(p, w, n) && (p == s || !g_ascii_isalnum(p[-1])) &&
		    (p + n == e || !g_ascii_isalnum(p[n]))) {
			return p;
		}
	}
	return NULL;
}

/* True when the word at @w is part of a name of a provider in @cand (of @k, with
 * services: those whose names hold the needle matched), or a short name of one in
 * @shorts; *@ret_full gets those it is part of a full name of.
 * Most matches of a needle are neither ("exchange" alone, "teams" in a text that
 * never names Microsoft Teams): they cost no more than this.  The names' words
 * come from Knowledge.service_name_words, which says where each stands in its
 * name, so that each name holding a word of @w's length is one compare. */
static bool
name_covers(const Knowledge *k, ProvMask cand, ProvMask shorts, const char *lo, const char *hi,
	    const char *w, ProvMask *ret_full)
{
	gsize wl = 0;
	while (w + wl < hi && g_ascii_isalnum(w[wl])) {
		wl++;
	}
	bool any = false;
	*ret_full = PROV_NONE;
	const GArray *words = k->service_name_words;
	/* The words of @w's length only (sorted by length). */
	for (guint i = k->service_word_at[MIN(wl, SERVICE_WORD_LEN_INDEX)]; i < words->len; i++) {
		const KnowledgeServiceWord *sw = &g_array_index(words, KnowledgeServiceWord, i);
		if (sw->len > wl) {
			break;
		}
		if (sw->len != wl || !prov_has(cand, sw->provider) ||
		    (sw->is_short && !prov_has(shorts, sw->provider)) ||
		    (gsize)(w - lo) < sw->off) {
			continue;
		}
		/* The whole name, from where it would start were @w that word of it
		 * (the compare covers the word too), standing alone. */
		const char *start = w - sw->off;
		if ((gsize)(hi - start) >= sw->total && same_lower(start, sw->name, sw->total) &&
		    (start == lo || !g_ascii_isalnum(start[-1])) &&
		    (start + sw->total == hi || !g_ascii_isalnum(start[sw->total]))) {
			any = true;
			if (!sw->is_short) {
				prov_set(ret_full, sw->provider);
			}
		}
	}
	return any;
}

/* True when words may stand in one clause around the word at @hit in [@lo, @hi):
 * a word follows it after a space, or, back over at most three words joined by
 * single spaces (the rest of a name), a word precedes them.  A name in a list
 * ("affected: Storage, Microsoft Teams, Copilot", "Microsoft Teams (Major outage)")
 * has neither, and can be neither blamed nor the object of a cause's preposition. */
static bool
may_clause(const char *lo, const char *hi, const char *hit)
{
	const char *p = hit;
	while (p < hi && g_ascii_isalnum(*p)) {
		p++;
	}
	/* A possessive ("Microsoft's ongoing incident", also with a typographic
	 * apostrophe) keeps the name in its clause. */
	if (hi - p >= 2 && p[0] == '\'' && p[1] == 's') {
		p += 2;
	} else if (hi - p >= 4 && memcmp(p, "\xe2\x80\x99s", 4) == 0) {
		p += 4;
	}
	if (p + 1 < hi && *p == ' ' && g_ascii_isalnum(p[1])) {
		return true;
	}
	const char *q = hit;
	for (guint words = 0; words <= 3; words++) {
		if (q - lo < 2 || q[-1] != ' ' || !g_ascii_isalnum(q[-2])) {
			return false;
		}
		q--;
		while (q > lo && g_ascii_isalnum(q[-1])) {
			q--;
		}
	}
	return true;
}

/* The parts of the suites @suites that the words of a sentence blaming them point
 * at: a part named in full ("affects Outlook and Exchange Online"), or one of its
 * products words ("preventing calendar sync": Exchange Online). */
static ProvMask
sentence_products(const Knowledge *k, ProvMask suites, const Tok *tok, guint n)
{
	ProvMask parts = prov_andnot(linker_knowledge_suite_reach(k, suites), k->suites);
	ProvMask m = PROV_NONE;
	for (guint p = prov_next(parts, 0); p < k->providers->len; p = prov_next(parts, p + 1)) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		for (guint i = 0; i < n && !prov_has(m, p); i++) {
			guint len;
			if (name_at(kp, false, tok, n, i) != 0) {
				prov_set(&m, p);
			}
			for (guint j = 0; kp->products[j] != NULL && !prov_has(m, p); j++) {
				if (words_at(kp->products[j], tok, n, i, &len)) {
					prov_set(&m, p);
				}
			}
		}
	}
	return m;
}

/* True when @text holds one of @words (lower case) in any case, not inside a longer
 * word (terms_has_words() of the text lower-cased once). */
static bool
holds_words(const char *text, char **words)
{
	if (text == NULL) {
		return false;
	}
	g_autofree char *lower = g_ascii_strdown(text, -1);
	for (guint j = 0; words[j] != NULL; j++) {
		if (terms_has_words(lower, words[j])) {
			return true;
		}
	}
	return false;
}

/* True when one of @a's texts holds one of @words (KnowledgeProvider.consumer). */
static bool
speaks_of(const Advisory *a, char **words)
{
	if (holds_words(a->title, words) || holds_words(a->text, words)) {
		return true;
	}
	for (guint i = 0; i < a->updates->len; i++) {
		if (holds_words(((const AdvisoryUpdate *)a->updates->pdata[i])->text, words)) {
			return true;
		}
	}
	return false;
}

/* What the place of @text ([@lo, @hi)) around @hit, a needle's match, says of the
 * services of @k: the words around it first (a few on either side), and the whole
 * sentence only for a blame or a possible denial, which the linker's own reading of
 * the sentence confirms. */
static void
place_say(const Knowledge *k, ProvMask cand, const char *lo, const char *hi, const char *hit,
	  ServiceSay *say)
{
	ProvMask full;
	if (!name_covers(k, cand, say->shorts, lo, hi, hit, &full)) {
		return;
	}
	say->full = prov_or(say->full, full);
	if (!say->denials && !may_clause(lo, hi, hit)) {
		return;
	}
	/* The same bytes around it were read already (the text repeating an update):
	 * SERVICE_PLACE bytes either side stand in for its words, cheaply. */
	const char *hs = hit - MIN((gsize)(hit - lo), (gsize)SERVICE_PLACE);
	const char *he = hit + MIN((gsize)(hi - hit), (gsize)SERVICE_PLACE);
	/* With the name's place in them: in a short text two names' windows are the
	 * same bytes ("... Outlook.com accounts ...: Outlook is down."). */
	guint64 h = terms_hash_bytes(hs, (gsize)(he - hs),
				     TERMS_HASH_SEED ^ (guint64)(he - hs) ^ ((guint64)(hit - hs) << 32));
	for (guint i = 0; i < say->nseen; i++) {
		if (say->seen[i] == h) {
			return;
		}
	}
	if (say->nseen < SERVICE_SEEN_MAX) {
		say->seen[say->nseen++] = h;
	}
	const char *ws = walk_words(hit, lo, hi, -1, SERVICE_WINDOW);
	const char *we = walk_words(hit, lo, hi, +1, SERVICE_WINDOW);
	Tok tok[SERVICE_WORDS_MAX];
	guint n = tokenize(ws, we, tok);
	/* The name holds the word at @hit, as its last word or an earlier one (a name
	 * of up to four words). */
	guint at = 0;
	while (at + 1 < n && tok[at + 1].w <= hit) {
		at++;
	}
	ProvMask blamed = PROV_NONE, named = PROV_NONE, first = PROV_NONE;
	for (guint p = prov_next(k->by_service, 0); p < k->providers->len;
	     p = prov_next(k->by_service, p + 1)) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		for (guint i = at > 3 ? at - 3 : 0; i <= at && i < n && !prov_has(blamed, p); i++) {
			guint len = name_at(kp, prov_has(say->shorts, p), tok, n, i);
			if (len == 0) {
				continue;
			}
			if (name_at(kp, false, tok, n, i) != 0) {
				prov_set(&named, p);
			}
			if (blamed_at(tok, n, i, len)) {
				guint flen;
				prov_set(&blamed, p);
				if (words_at(kp->names[0], tok, n, i, &flen)) {
					prov_set(&first, p);
				}
			}
		}
	}
	if (!prov_any(blamed) && (!prov_any(named) || !say->denials)) {
		return; /* most places: "This incident affected: Microsoft Teams, Copilot" */
	}
	const char *s = walk_words(hit, lo, hi, -1, G_MAXUINT);
	const char *e = walk_words(hit, lo, hi, +1, G_MAXUINT);
	n = tokenize(s, e, tok);
	if (!prov_any(blamed) && !may_deny(tok, n)) {
		return;
	}
	unsigned flags = read_flags(s, e);
	if (flags & TERMS_SENTENCE_NEGATIVE) {
		say->denied = prov_or(say->denied, named);
	} else if (!(flags & TERMS_SENTENCE_UNAFFECTED)) {
		say->blamed = prov_or(say->blamed, blamed);
		say->by_first = prov_or(say->by_first, first);
		if (prov_meets(blamed, k->suites)) {
			say->products = prov_or(say->products,
						sentence_products(k, prov_and(blamed, k->suites),
								  tok, n));
		}
	}
}

/* place_say() of a needle's match (the word holding it at @w), kept for the
 * second pass. */
static void
hit_say(const Knowledge *k, const char *lo, const char *hi, const char *w, ProvMask cand,
	ServiceSay *say)
{
	if (say->nhits == say->caphits) {
		say->caphits *= 2;
		if (say->hits == say->local) {
			say->hits = g_memdup2(say->local, sizeof(say->local));
		}
		say->hits = g_renew(ServiceHit, say->hits, say->caphits);
	}
	say->hits[say->nhits++] = (ServiceHit){.lo = lo, .hi = hi, .w = w, .cand = cand};
	place_say(k, cand, lo, hi, w, say);
}

/* The same of every place of @text ([@text, @end)) holding one of
 * Knowledge.service_needles, found by one substring search per needle (most texts
 * name no such service).  A place is read once, for every needle matching in its
 * word: "cme" (of "acme chat") and "cmedrive" (of "acmedrive") both match at the
 * same byte of "Acmedrive", and the place is Acmedrive's too. */
static void
text_say(const Knowledge *k, guint32 needles, const char *text, const char *end,
	 ServiceSay *say)
{
	const char *next[SERVICE_NEEDLES_MAX]; /* per needle: its next match at or after @done */
	guint nn = 0;
	guint idx[SERVICE_NEEDLES_MAX];
	bool any = false;
	for (guint i = 0; i < SERVICE_NEEDLES_MAX && k->service_needles[i] != NULL; i++) {
		if (needles & (1u << i)) {
			idx[nn] = i;
			next[nn] = strstr(text, k->service_needles[i]);
			any |= next[nn] != NULL;
			nn++;
		}
	}
	if (!any) {
		return;
	}
	for (const char *done = text; done < end;) {
		const char *hit = NULL;
		for (guint i = 0; i < nn; i++) {
			if (next[i] != NULL && next[i] < done) {
				next[i] = strstr(done, k->service_needles[idx[i]]);
			}
			if (next[i] != NULL && (hit == NULL || next[i] < hit)) {
				hit = next[i];
			}
		}
		if (hit == NULL) {
			break;
		}
		/* From the start of the word holding it (the needle lacks a first letter). */
		const char *w = hit;
		while (w > text && g_ascii_isalnum(w[-1])) {
			w--;
		}
		done = hit + 1;
		while (done < end && g_ascii_isalnum(*done)) {
			done++;
		}
		/* The needles matching before the search goes on, each a name's word. */
		ProvMask cand = PROV_NONE;
		for (guint i = 0; i < nn; i++) {
			if (next[i] != NULL && next[i] < done) {
				cand = prov_or(cand, k->needle_provs[idx[i]]);
			}
		}
		hit_say(k, text, end, w, cand, say);
	}
}

/* Where [@u, @u + @ulen) stands in [@text, @end) as whole words (no letter or
 * digit on either side), looked for from @from on, then from the start; NULL:
 * nowhere. */
static const char *
text_within(const char *text, const char *end, const char *from, const char *u, gsize ulen)
{
	for (guint round = 0; round < 2; round++) {
		const char *lo = round == 0 ? from : text;
		const char *hi = round == 0 ? end : MIN(end, from + ulen);
		for (const char *p = lo; (gsize)(hi - p) >= ulen;) {
			p = memchr(p, u[0], (gsize)(hi - p) - ulen + 1);
			if (p == NULL) {
				break;
			}
			if (memcmp(p, u, ulen) == 0 && (p == text || !g_ascii_isalnum(p[-1])) &&
			    !g_ascii_isalnum(p[ulen])) {
				return p;
			}
			p++;
		}
	}
	return NULL;
}

/* All the places of the advisory's texts, in order: its title, text, then each
 * update.  An update's text is most often a piece of the advisory's text (a
 * status page's text is its updates, each under its time and label): then its
 * places are the matches the text's search found within that piece, read again
 * with the update's bounds.  Only for needles of letters and digits: a match then
 * lies within one word, and a word within the piece, so the search of the piece
 * alone would find the same matches in the same order. */
static void
texts_say(const Knowledge *k, const Advisory *a, guint32 needles, bool alnum, ServiceSay *say)
{
	if (a->title != NULL) {
		text_say(k, needles, a->title, a->title + strlen(a->title), say);
	}
	const char *text = a->text;
	const char *tend = text != NULL ? text + strlen(text) : NULL;
	guint first = say->nhits;
	if (text != NULL) {
		text_say(k, needles, text, tend, say);
	}
	guint last = say->nhits; /* the text's places: hits[first .. last) */
	const char *from = text;
	for (guint i = 0; i < a->updates->len; i++) {
		const char *u = ((const AdvisoryUpdate *)a->updates->pdata[i])->text;
		if (u == NULL) {
			continue;
		}
		gsize ulen = strlen(u);
		const char *at = alnum && text != NULL && ulen > 0
				 ? text_within(text, tend, from, u, ulen) : NULL;
		if (at == NULL) {
			text_say(k, needles, u, u + ulen, say);
			continue;
		}
		from = at + ulen;
		/* The text's places within the piece (in order: the first at or after it). */
		guint lo = first, hi = last;
		while (lo < hi) {
			guint mid = lo + (hi - lo) / 2;
			if (say->hits[mid].w < at) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		for (guint h = lo; h < last && say->hits[h].w < at + ulen; h++) {
			hit_say(k, u, u + ulen, u + (say->hits[h].w - at), say->hits[h].cand, say);
		}
	}
}

ProvMask
linker_service_blame(const Knowledge *k, const Advisory *a, guint32 needles, bool denials,
		     ProvMask *ret_denied, ProvMask *ret_products)
{
	ServiceSay say = {.denials = denials};
	say.hits = say.local;
	say.caphits = G_N_ELEMENTS(say.local);
	*ret_denied = PROV_NONE;
	*ret_products = PROV_NONE;
	if (!prov_any(k->by_service) || needles == 0) {
		return PROV_NONE;
	}
	/* Whether the needles searched for are letters and digits only (see texts_say()). */
	bool alnum = true;
	for (guint i = 0; i < SERVICE_NEEDLES_MAX && k->service_needles[i] != NULL; i++) {
		for (const char *c = k->service_needles[i]; (needles & (1u << i)) && *c != '\0'; c++) {
			alnum &= g_ascii_isalnum(*c) != 0;
		}
	}
	/* Full names first; then, for the providers so named, their short names ("the
	 * Teams service itself is unavailable" after "Microsoft Teams"). */
	for (guint pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			say.shorts = prov_and(say.full, k->with_short);
			if (!prov_any(say.shorts)) {
				break;
			}
		}
		if (pass == 0) {
			texts_say(k, a, needles, alnum, &say);
			continue;
		}
		/* The same places as the first pass: each read again for the short names. */
		for (guint h = 0; h < say.nhits; h++) {
			const ServiceHit *sh = &say.hits[h];
			place_say(k, sh->cand, sh->lo, sh->hi, sh->w, &say);
		}
	}
	if (say.hits != say.local) {
		g_free(say.hits);
	}
	/* "Outlook sign-in is failing for personal accounts": consumer Outlook.com, not
	 * Exchange Online; only the first name ("exchange online") blames it then. */
	ProvMask loose = prov_andnot(say.blamed, say.by_first);
	for (guint p = prov_next(loose, 0); p < k->providers->len; p = prov_next(loose, p + 1)) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		if (kp->consumer[0] != NULL && speaks_of(a, kp->consumer)) {
			say.blamed = prov_andnot(say.blamed, prov_bit(p));
		}
	}
	if (prov_meets(say.blamed, k->suites) && !prov_any(say.products) && a->title != NULL) {
		/* "Microsoft is investigating." beside "Email sync paused": the title says
		 * which service the page's trouble is with. */
		Tok tok[SERVICE_WORDS_MAX];
		guint n = tokenize(a->title, a->title + strlen(a->title), tok);
		say.products = sentence_products(k, prov_and(say.blamed, k->suites), tok, n);
	}
	*ret_denied = say.denied;
	*ret_products = prov_meets(say.blamed, k->suites) ? say.products : PROV_NONE;
	return say.blamed;
}

/*
 * The shared cause a page blames without naming who broke: "caused by the expired
 * root certificate", "due to a nationwide wireless outage affecting that carrier",
 * "a result of the widespread internet outage this morning", "related to the global
 * DNS issue".  What such a cue's object says is the event, and the provider's own
 * item tells the same event in the same words ("root certificate expiration",
 * "internet outage in multiple markets"): see cause_event_link() in linker_score.c.
 *
 * An object counts only when it is an event (one of event_words: an outage, an
 * issue, an expiry, an attack ...), spoken of as one the reader knows or as a big one
 * (it opens with "the", or holds a word of breadth_words: "a nationwide wireless
 * outage"), and not the page's own ("a bug in our latest release", "a failed storage
 * node of ours": own_object_words), nor a pronoun ("due to this"), nor in a sentence
 * that may deny ("not related to the DNS issue").  Symptoms are no object: "errors
 * related to file uploads" names no event.
 */

/* Cues whose object is the cause (lower case, one space apart, from a word's start:
 * "unrelated to" is no "related to").  cue_lasts holds the same by their last word,
 * for finding them. */
static const char *const object_cues[] = {
	"caused by", "due to", "result of", "related to", "impacted by", "affected by",
	"because of", "attributed to", "stemming from", "linked to", "consequence of",
	"knock-on effect of",
};
/* Words ending an object: a new clause. */
static const char *const object_stops[] = {
	"which", "that", "who", "where", "when", "while", "but", "so", "since", "until",
	"because", "although", "though", "whereas", "and", "or", "with", "as",
	"is", "are", "was", "were", "has", "have", "had", "will", "can", "may",
};
/* The page's own things: an object holding one is no shared cause. */
static const char *const own_object_words[] = {
	"our", "we", "ours", "my", "own", "internal", "us",
};
/* Pronouns: an object opening with one names nothing ("due to this"). */
static const char *const object_pronouns[] = {
	"this", "that", "these", "those", "it", "them", "which", "what",
};
/* A big event, or one everybody hears of. */
static const char *const breadth_words[] = {
	"widespread", "global", "nationwide", "worldwide", "industry-wide", "internet-wide",
	"countrywide", "country-wide", "regional", "wider", "broader", "major", "large",
	"large-scale", "massive", "ongoing", "upstream", "external", "third-party", "public",
};
/* An event (a prefix of the word: "expir" is expiry, expired, expiration). */
static const char *const event_words[] = {
	"outage", "issue", "incident", "disruption", "interruption", "problem", "failure",
	"expir", "attack", "ddos", "degradation", "instabilit", "breakdown", "downtime",
	"revocation", "revok", "hijack", "leak", "storm", "earthquake", "hurricane",
	"fire", "flood", "cut", "bug", "fault",
};

/* Prepositions after which an object's words say where or when, not what. */
static const char *const object_preps[] = {
	"at", "in", "on", "from", "for", "during", "since", "of", "to", "into", "over",
};
/* Words that say nothing of what an event was. */
static const char *const vague_words[] = {
	"unexpected", "unknown", "unspecified", "certain", "temporary", "brief", "intermittent",
	"minor", "small", "short", "technical", "possible", "potential", "some", "another",
};

/* How many words an object is read over at most. */
#define OBJECT_WORDS_MAX 8
/* Objects kept per advisory at most. */
#define OBJECTS_MAX 4

/* True when @t is the word @prefix, or starts with it when @prefix is at least
 * four letters long ("expir": expired; "cut" only as "cut" or "cuts"). */
static bool
tok_event(const Tok *t)
{
	for (gsize i = 0; i < G_N_ELEMENTS(event_words); i++) {
		gsize pl = strlen(event_words[i]);
		if (t->len < pl || g_ascii_strncasecmp(t->w, event_words[i], pl) != 0) {
			continue;
		}
		if (pl >= 4 || t->len == pl || (t->len == pl + 1 && g_ascii_tolower(t->w[pl]) == 's')) {
			return true;
		}
	}
	return false;
}

/* True when @t is "us" as written in lower case ("affecting us", not "the US"). */
static bool
tok_own(const Tok *t)
{
	if (tok_is(t, "us")) {
		return t->w[0] == 'u';
	}
	return tok_in(t, own_object_words, G_N_ELEMENTS(own_object_words));
}

/* The cue of object_cues whose words are @tok[@i ..], or -1; *@ret_len: its words. */
static int
cue_at(const Tok *tok, guint n, guint i, guint *ret_len)
{
	for (gsize c = 0; c < G_N_ELEMENTS(object_cues); c++) {
		if (words_at(object_cues[c], tok, n, i, ret_len)) {
			return (int)c;
		}
	}
	return -1;
}

/* Adds the objects of sentence [@s, @e) to @out (char *, owned, as written). */
static void
sentence_objects(const char *s, const char *e, GPtrArray *out)
{
	Tok tok[SERVICE_WORDS_MAX];
	guint n = tokenize(s, e, tok);
	for (guint i = 0; i < n && out->len < OBJECTS_MAX; i++) {
		guint clen;
		if (cue_at(tok, n, i, &clen) < 0) {
			continue;
		}
		/* "not caused by", "isn't related to": a sentence that may deny. */
		if (may_deny(tok, i)) {
			return;
		}
		guint a = i + clen, b = a;
		bool own = false, event = false, broad = false;
		/* Words telling what the event was: of four letters or more, no event
		 * or vague word, before any preposition ("a communication failure on
		 * that network": "communication"; "an issue at the moment": none). */
		guint specific = 0;
		bool prep = false;
		while (b < n && b - a < OBJECT_WORDS_MAX && (b == a || !tok[b].clause) &&
		       !tok_in(&tok[b], object_stops, G_N_ELEMENTS(object_stops))) {
			own |= tok_own(&tok[b]);
			bool ev = tok_event(&tok[b]);
			event |= ev;
			broad |= tok_in(&tok[b], breadth_words, G_N_ELEMENTS(breadth_words));
			prep |= tok_in(&tok[b], object_preps, G_N_ELEMENTS(object_preps));
			specific += !prep && !ev && tok[b].len >= 4 && g_ascii_isalpha(tok[b].w[0]) &&
				    !tok_in(&tok[b], vague_words, G_N_ELEMENTS(vague_words));
			b++;
		}
		i = b > i ? b - 1 : i;
		if (b == a || own || !event ||
		    tok_in(&tok[a], object_pronouns, G_N_ELEMENTS(object_pronouns))) {
			continue;
		}
		/* A known event ("the expired root certificate", "a widespread outage"),
		 * or one told by what it was ("a communication failure on that network",
		 * not "an issue"). */
		if (!broad && !tok_is(&tok[a], "the") &&
		    !((tok_is(&tok[a], "a") || tok_is(&tok[a], "an")) && specific > 0)) {
			continue;
		}
		const char *from = tok[a].w;
		const char *to = tok[b - 1].w + tok[b - 1].len;
		char *obj = g_strndup(from, (gsize)(to - from));
		bool have = false;
		for (guint k = 0; k < out->len && !have; k++) {
			have = g_ascii_strcasecmp(out->pdata[k], obj) == 0;
		}
		if (have) {
			g_free(obj);
		} else {
			g_ptr_array_add(out, obj);
		}
	}
}

/* The word before a cue's last word (object_cues by that word): "due" of "due to". */
static const struct {
	const char *last; /* " to ": a space, then at least two bytes */
	gsize len;
	const char *const firsts[5];
} cue_lasts[] = {
	{" by ", 4, {"caused", "impacted", "affected", NULL}},
	{" to ", 4, {"due", "related", "attributed", "linked", NULL}},
	{" of ", 4, {"result", "because", "consequence", "effect", NULL}},
	{" from ", 6, {"stemming", NULL}},
};

/* True when the word ending at @we (exclusive) in [@text, ...) is one of @firsts,
 * any case. */
static bool
word_before_is(const char *text, const char *we, const char *const *firsts)
{
	const char *ws = we;
	while (ws > text && g_ascii_isalpha(ws[-1])) {
		ws--;
	}
	gsize n = (gsize)(we - ws);
	for (guint i = 0; firsts[i] != NULL; i++) {
		if (strlen(firsts[i]) == n && g_ascii_strncasecmp(ws, firsts[i], n) == 0) {
			return ws == text || !g_ascii_isalnum(ws[-1]);
		}
	}
	return false;
}

/* A cue found by text_objects(): its last word's place, which of cue_lasts. */
typedef struct {
	const char *at;
	guint8 c;
} CueHit;

/* Which of cue_lasts stands at @p of [.., @end), its word before it one of its
 * firsts ([@text, @p)); -1: none. */
static int
cue_last_at(const char *text, const char *end, const char *p)
{
	for (gsize c = 0; c < G_N_ELEMENTS(cue_lasts); c++) {
		gsize len = cue_lasts[c].len;
		if ((gsize)(end - p) >= len && p[1] == cue_lasts[c].last[1] &&
		    memcmp(p, cue_lasts[c].last, len) == 0) {
			return word_before_is(text, p, cue_lasts[c].firsts) ? (int)c : -1;
		}
	}
	return -1;
}

/* The objects of every sentence of @text holding a cue: its last word found by one
 * pass over the bytes (a 16-byte step flags ' ' and the next two bytes of one of
 * cue_lasts: " by", " to", " of", " fr"), the word before it compared, and only a
 * sentence so found is read, once, in the text's order.  At most 32 cues, the
 * first of each of cue_lasts in its order (four strstr() passes were 1.6 % of the
 * bench's instructions, a fifth of them the search again after each " to " read). */
static void
text_objects(const char *text, GPtrArray *out)
{
	if (text == NULL) {
		return;
	}
	enum { HITS_MAX = 32 };
	CueHit found[G_N_ELEMENTS(cue_lasts) * HITS_MAX];
	guint nfound = 0, per[G_N_ELEMENTS(cue_lasts)] = {0};
	const char *end = text + strlen(text);
	const char *p = text;
#ifdef __SSE2__
	/* Written out for the four (a loop over them was not unrolled: twice the cost). */
	G_STATIC_ASSERT(G_N_ELEMENTS(cue_lasts) == 4);
	const __m128i sp = _mm_set1_epi8(' ');
	const __m128i a1 = _mm_set1_epi8(cue_lasts[0].last[1]), a2 = _mm_set1_epi8(cue_lasts[0].last[2]);
	const __m128i b1 = _mm_set1_epi8(cue_lasts[1].last[1]), b2 = _mm_set1_epi8(cue_lasts[1].last[2]);
	const __m128i c1 = _mm_set1_epi8(cue_lasts[2].last[1]), c2 = _mm_set1_epi8(cue_lasts[2].last[2]);
	const __m128i d1 = _mm_set1_epi8(cue_lasts[3].last[1]), d2 = _mm_set1_epi8(cue_lasts[3].last[2]);
	for (; end - p >= STEP_READ; p += 16) {
		__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
		__m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
		__m128i two = _mm_or_si128(
			_mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v1, a1), _mm_cmpeq_epi8(v2, a2)),
				     _mm_and_si128(_mm_cmpeq_epi8(v1, b1), _mm_cmpeq_epi8(v2, b2))),
			_mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v1, c1), _mm_cmpeq_epi8(v2, c2)),
				     _mm_and_si128(_mm_cmpeq_epi8(v1, d1), _mm_cmpeq_epi8(v2, d2))));
		__m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(two, _mm_cmpeq_epi8(v0, sp)));
		for (; m != 0; m &= m - 1) {
			const char *h = p + __builtin_ctz(m);
			int c = cue_last_at(text, end, h);
			if (c >= 0 && per[c] < HITS_MAX) {
				per[c]++;
				found[nfound++] = (CueHit){h, (guint8)c};
			}
		}
	}
#endif
	for (; p < end; p++) {
		int c = *p == ' ' ? cue_last_at(text, end, p) : -1;
		if (c >= 0 && per[c] < HITS_MAX) {
			per[c]++;
			found[nfound++] = (CueHit){p, (guint8)c};
		}
	}
	if (nfound == 0) {
		return;
	}
	/* Of more than 32: the first of cue_lasts[0]'s, then of [1]'s ..., as a search
	 * per cue stopping at 32 kept them. */
	guint quota[G_N_ELEMENTS(cue_lasts)];
	guint left = HITS_MAX;
	for (gsize c = 0; c < G_N_ELEMENTS(cue_lasts); c++) {
		quota[c] = MIN(per[c], left);
		left -= quota[c];
	}
	const char *hits[HITS_MAX];
	guint nhits = 0;
	for (guint i = 0; i < nfound; i++) {
		if (quota[found[i].c] > 0) {
			quota[found[i].c]--;
			hits[nhits++] = found[i].at;
		}
	}
	const char *done = text; /* sentences before it were read */
	for (guint i = 0; i < nhits && out->len < OBJECTS_MAX; i++) {
		if (hits[i] < done) {
			continue;
		}
		const char *s = walk_words(hits[i], text, end, -1, G_MAXUINT);
		const char *e = walk_words(hits[i], text, end, +1, G_MAXUINT);
		sentence_objects(s, e, out);
		done = e;
	}
}

/* Nouns that make a role's joined phrase name a vendor ("our single sign-on
 * vendor"): not "service" or "platform", which as often name the page's own. */
static const char *const joined_nouns[] = {"provider", "vendor", "partner", "supplier"};

/* True when the words of @ph (a joined phrase, lower case) stand at @tok[@i ..],
 * its last word a provider noun there or any of joined_nouns. */
static bool
joined_at(const char *ph, const Tok *tok, guint n, guint i)
{
	g_auto(GStrv) words = g_strsplit(ph, " ", -1);
	guint nw = g_strv_length(words);
	if (nw < 2 || i + nw > n) {
		return false;
	}
	for (guint k = 0; k < nw; k++) {
		bool noun = k + 1 == nw && tok_in(&tok[i + k], joined_nouns, G_N_ELEMENTS(joined_nouns));
		if (!noun && !tok_is(&tok[i + k], words[k])) {
			return false;
		}
	}
	return true;
}

/* @found, roles sentence [@s, @e) (@n words @tok) names, when it blames them: it
 * states a cause or blames, is not negative and may not deny; else 0. */
static guint32
blamed_roles(const char *s, const char *e, const Tok *tok, guint n, guint32 found)
{
	if (found == 0 || may_deny(tok, n)) {
		return 0;
	}
	unsigned flags = read_flags(s, e);
	bool blames = (flags & (TERMS_SENTENCE_CAUSE | TERMS_SENTENCE_BLAME)) &&
		      !(flags & TERMS_SENTENCE_NEGATIVE);
	return blames ? found : 0;
}

/* Whether @n bytes at @a and @b, none of them NUL, are equal but for ASCII case, as
 * g_ascii_strncasecmp() == 0 says (inline: that call, for each "sign-in" of a text
 * against "sign-on", cost several times the compare). */
static inline bool
ascii_case_equal(const char *a, const char *b, gsize n)
{
	for (gsize i = 0; i < n; i++) {
		char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + 32) : a[i];
		char y = b[i] >= 'A' && b[i] <= 'Z' ? (char)(b[i] + 32) : b[i];
		if (x != y) {
			return false;
		}
	}
	return true;
}

/* The roles of @k whose joined phrases (KnowledgeList.joined) stand in a sentence of
 * @text that states a cause or blames and is no denial: "Logins fail because our
 * single sign-on provider is having an outage".  Looked for only where @text holds
 * the hyphened word of one (a '-' between letters is rare). */
static guint32
text_joined_roles(const Knowledge *k, const char *text)
{
	guint32 roles = 0;
	if (text == NULL) {
		return 0;
	}
	const char *end = text + strlen(text);
	for (const char *h = memchr(text, '-', (gsize)(end - text)); h != NULL;
	     h = h + 1 < end ? memchr(h + 1, '-', (gsize)(end - h - 1)) : NULL) {
		if (h == text || !g_ascii_isalpha(h[-1]) || !g_ascii_isalpha(h[1])) {
			continue;
		}
		/* The hyphened word: one of a joined phrase's ("sign-on")? */
		const char *ws = h, *we = h + 1;
		while (ws > text && (g_ascii_isalnum(ws[-1]) || ws[-1] == '-')) {
			ws--;
		}
		while (we < end && (g_ascii_isalnum(*we) || *we == '-')) {
			we++;
		}
		bool known = false;
		gsize wl = (gsize)(we - ws);
		for (guint i = 0; k->joined_all && i < k->joined_nwords && !known; i++) {
			known = k->joined_len[i] == wl &&
				ascii_case_equal(k->joined_words[i], ws, wl);
		}
		for (guint r = 0; !k->joined_all && r < k->roles->len && !known; r++) {
			const KnowledgeList *kl = k->roles->pdata[r];
			for (guint j = 0; kl->joined != NULL && kl->joined[j] != NULL && !known; j++) {
				const char *at = kl->joined[j];
				for (const char *q = strchr(at, '-'); q != NULL && !known;
				     q = strchr(q + 1, '-')) {
					const char *qs = q;
					while (qs > at && qs[-1] != ' ') {
						qs--;
					}
					const char *qe = strchr(q, ' ');
					gsize ql = qe != NULL ? (gsize)(qe - qs) : strlen(qs);
					known = ql == wl && g_ascii_strncasecmp(qs, ws, wl) == 0;
				}
			}
		}
		if (!known) {
			h = we - 1;
			continue;
		}
		const char *s = walk_words(h, text, end, -1, G_MAXUINT);
		const char *e = walk_words(h, text, end, +1, G_MAXUINT);
		Tok tok[SERVICE_WORDS_MAX];
		guint n = tokenize(s, e, tok);
		guint32 found = 0;
		for (guint r = 0; r < k->roles->len; r++) {
			const KnowledgeList *kl = k->roles->pdata[r];
			for (guint j = 0; kl->joined != NULL && kl->joined[j] != NULL; j++) {
				for (guint i = 0; i < n && !(found & (1u << r)); i++) {
					if (joined_at(kl->joined[j], tok, n, i)) {
						found |= 1u << r;
					}
				}
			}
		}
		roles |= blamed_roles(s, e, tok, n, found);
		h = e > h ? e - 1 : h;
	}
	return roles;
}

/* Words after which "our <bare word>" ends ("an issue with our hosting; we are ...",
 * "... with our hosting and our email"): not a noun going on ("our hosting
 * platform" is the page's own product). */
static const char *const bare_enders[] = {
	"and", "or", "which", "that", "is", "are", "was", "were", "has", "have", "had", "in",
	"at", "for", "this", "today", "since", "so", "but", "as", "again", "now", "currently",
};

/* The roles of @k whose bare words (KnowledgeList.bare) stand after "our", ending
 * its noun phrase, in a sentence of @text that states a cause or blames and may not
 * deny: "This is due to an issue with our hosting". */
static guint32
text_bare_roles(const Knowledge *k, const char *text)
{
	guint32 roles = 0;
	if (text == NULL) {
		return 0;
	}
	const char *end = text + strlen(text);
	for (const char *s = text; s < end;) {
		const char *e = s;
		while (e < end && !sentence_stop(e)) {
			e++;
		}
		if (lower_word_in(s, e, "our") == NULL) {
			s = e < end ? e + 1 : end;
			continue;
		}
		Tok tok[SERVICE_WORDS_MAX];
		guint n = tokenize(s, e, tok);
		guint32 found = 0;
		for (guint i = 0; i + 1 < n; i++) {
			if (!tok_is(&tok[i], "our")) {
				continue;
			}
			bool ends = i + 2 == n || tok[i + 2].clause ||
				    tok_in(&tok[i + 2], bare_enders, G_N_ELEMENTS(bare_enders));
			for (guint r = 0; ends && r < k->roles->len; r++) {
				const KnowledgeList *kl = k->roles->pdata[r];
				for (guint j = 0; kl->bare != NULL && kl->bare[j] != NULL; j++) {
					if (tok_is(&tok[i + 1], kl->bare[j])) {
						found |= 1u << r;
					}
				}
			}
		}
		roles |= blamed_roles(s, e, tok, n, found);
		s = e < end ? e + 1 : end;
	}
	return roles;
}

/* True when @text holds a bare word of a role (KnowledgeList.bare) after "our " or
 * "Our ": a first test by strstr() before text_bare_roles() reads its sentences. */
static bool
bare_in(const Knowledge *k, const char *text)
{
	for (guint r = 0; text != NULL && r < k->roles->len; r++) {
		const KnowledgeList *kl = k->roles->pdata[r];
		for (guint j = 0; kl->bare != NULL && kl->bare[j] != NULL; j++) {
			/* Each place of the word, "our " or "Our " before it: no string
			 * built per text. */
			for (const char *p = strstr(text, kl->bare[j]); p != NULL;
			     p = strstr(p + 1, kl->bare[j])) {
				if (p - text >= 4 && (memcmp(p - 4, "our ", 4) == 0 ||
						      memcmp(p - 4, "Our ", 4) == 0)) {
					return true;
				}
			}
		}
	}
	return false;
}

/* True when one of @a's texts holds a cue of object_cues that is no cue of a
 * statement of cause, blame or shared cause of terms.c ("related to", "linked to"):
 * looked for only when no sentence had one of those flags. */
static bool
other_cues(const Advisory *a)
{
	static const char *const cues[] = {"related to ", "linked to ", "Related to ",
					   "Linked to "};
	const char *texts[2] = {a->text, NULL};
	for (guint i = 0; i <= a->updates->len; i++) {
		const char *t = i == 0 ? texts[0]
				       : ((const AdvisoryUpdate *)a->updates->pdata[i - 1])->text;
		for (gsize c = 0; t != NULL && c < G_N_ELEMENTS(cues); c++) {
			if (strstr(t, cues[c]) != NULL) {
				return true;
			}
		}
	}
	return false;
}

/* @holds: linker_text_holds_updates() of @a. */
char **
linker_cause_objects(const Knowledge *k, const Advisory *a, unsigned flags, bool holds,
		     guint32 *ret_roles)
{
	*ret_roles = 0;
	/* Most texts state no cause and blame nothing: nothing to read. */
	if (!(flags & (TERMS_SENTENCE_CAUSE | TERMS_SENTENCE_BLAME | TERMS_SENTENCE_SHARES)) &&
	    !other_cues(a)) {
		return NULL;
	}
	GPtrArray *out = g_ptr_array_new();
	bool joined = false;
	for (guint r = 0; r < k->roles->len && !joined; r++) {
		const KnowledgeList *kl = k->roles->pdata[r];
		joined = kl->joined != NULL && kl->joined[0] != NULL;
	}
	bool bare = false;
	for (guint r = 0; r < k->roles->len && !bare; r++) {
		const KnowledgeList *kl = k->roles->pdata[r];
		bare = kl->bare != NULL && kl->bare[0] != NULL;
	}
	guint32 roles = joined ? text_joined_roles(k, a->text) : 0;
	roles |= bare && bare_in(k, a->text) ? text_bare_roles(k, a->text) : 0;
	text_objects(a->text, out);
	/* A feed item holding its whole history in its text (a status page's history
	 * feed) has a text at least as long as its updates together: they were read
	 * with it.  Else (a Statuspage incident's text is its newest update, a Graph
	 * issue's its impact description) each update is read; one read twice finds the
	 * same objects, kept once. */
	for (guint i = 0; !holds && i < a->updates->len && out->len < OBJECTS_MAX; i++) {
		const char *u = ((const AdvisoryUpdate *)a->updates->pdata[i])->text;
		if (u != NULL) {
			text_objects(u, out);
			roles |= joined ? text_joined_roles(k, u) : 0;
			roles |= bare && bare_in(k, u) ? text_bare_roles(k, u) : 0;
		}
	}
	*ret_roles = roles;
	if (out->len == 0) {
		g_ptr_array_free(out, TRUE);
		return NULL;
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

typedef struct {
	Linker *l;
	GArray *ids;
} EventCollect;

/* The forms of a kind of event a provider and a page may tell it in ("the root
 * certificate expiry" and "DST Root CA X3 expired"): a word of an object starting
 * with the first looks for each of the others too. */
static const char *const event_forms[][2] = {
	{"expir", "expiry expiration expired expiring expire expires"},
	{"outage", "outage outages"},
	{"interrupt", "interruption interruptions interrupted"},
	{"disrupt", "disruption disruptions disrupted"},
	{"attack", "attack attacks attacked"},
	{"ddos", "ddos attack attacks"},
};

static void
event_term(void *user, const char *norm, const char *surface, int n)
{
	EventCollect *ec = user;
	if (n <= 2) {
		guint32 id = linker_intern(ec->l, norm, surface, n);
		g_array_append_val(ec->ids, id);
	}
}

void
linker_doc_events(Linker *l, Doc *d, char **objects)
{
	g_clear_pointer(&d->event, g_free);
	g_clear_pointer(&d->event_phrase, g_free);
	d->nevent = 0;
	if (objects == NULL || objects[0] == NULL) {
		return;
	}
	EventCollect ec = {.l = l, .ids = g_array_new(FALSE, FALSE, sizeof(guint32))};
	TermsSink sink = {.term = event_term, .user = &ec};
	for (guint i = 0; objects[i] != NULL; i++) {
		terms_scan(objects[i], &sink);
		Tok tok[SERVICE_WORDS_MAX];
		guint n = tokenize(objects[i], objects[i] + strlen(objects[i]), tok);
		for (gsize f = 0; f < G_N_ELEMENTS(event_forms); f++) {
			gsize fl = strlen(event_forms[f][0]);
			for (guint k = 0; k < n; k++) {
				if (tok[k].len >= fl &&
				    g_ascii_strncasecmp(tok[k].w, event_forms[f][0], fl) == 0) {
					terms_scan(event_forms[f][1], &sink);
					break;
				}
			}
		}
	}
	g_array_sort(ec.ids, linker_cmp_u32);
	guint m = 0;
	for (guint i = 0; i < ec.ids->len; i++) {
		guint32 v = g_array_index(ec.ids, guint32, i);
		if (m == 0 || g_array_index(ec.ids, guint32, m - 1) != v) {
			g_array_index(ec.ids, guint32, m++) = v;
		}
	}
	d->nevent = m;
	d->event = m > 0 ? g_memdup2(ec.ids->data, m * sizeof(guint32)) : NULL;
	d->event_phrase = m > 0 ? g_strdup(objects[0]) : NULL;
	g_array_unref(ec.ids);
}

/*
 * A carrier that has no feed: "a tier-1 backbone carrier was sending European traffic
 * through Asia", "one of our transit providers", "a major ISP is having routing
 * problems".  No feed the user watches is the carrier's, so no role link finds it; but
 * a provider whose own feed is watched (a CDN, a cloud) reports the same event as a
 * carrier's fault in the same minutes ("one of our transit providers has a routing
 * problem", "an outage at CenturyLink").  The page blaming an unnamed carrier, transit
 * network or ISP (Knowledge.unlisted_roles), naming no provider, region of a provider
 * or depends_on, links to that report when it started at most CARRIER_LEAD before the
 * page or CARRIER_LAG after it and they overlap; not when both name countries and
 * share none (a national role: "an ISP in Germany" is not the carrier a Canadian page
 * blames).  A page's own "network issue" names no role and never links so; nor does
 * a second page blaming a carrier (only a provider's own report stands for the event).
 */

/* The carriers @p names as a cause: providers of its cause_providers, not kin of its
 * own, whose roles are all unlisted ones (CenturyLink: telecom, network). */
static ProvMask
named_carriers(const Linker *l, const Doc *p)
{
	ProvMask m = prov_andnot(p->cause_providers,
				 linker_knowledge_kin(&l->know, p->self_provider));
	ProvMask out = PROV_NONE;
	for (guint q = prov_next(m, 0); q < l->know.providers->len; q = prov_next(m, q + 1)) {
		if (l->prov_roles[q] != 0 && (l->prov_roles[q] & ~l->know.unlisted_roles) == 0) {
			prov_set(&out, q);
		}
	}
	return out;
}

double
linker_carrier_link(const Linker *l, const Doc *d, const Doc *p, GPtrArray *reasons)
{
	const Knowledge *k = &l->know;
	guint32 roles = d->blamed_roles & k->unlisted_roles;
	if (roles == 0 || prov_any(d->self_provider) || prov_any(d->cause_providers) ||
	    d->depends != NULL || prov_any(d->region_provs) || d->not_incident ||
	    !prov_any(p->self_provider) || p->disclaims || p->not_incident || p->si == d->si ||
	    d->s == SW_TIME_NONE || p->s == SW_TIME_NONE || linker_interval_gap(d, p) > 0) {
		return 0;
	}
	gint64 lead = d->s - p->s; /* > 0: the provider's report came first */
	if (lead > CARRIER_LEAD || lead < -CARRIER_LAG) {
		return 0;
	}
	ProvMask carriers = named_carriers(l, p);
	if (p->carrier_roles == 0 && !prov_any(carriers)) {
		return 0;
	}
	if (roles & k->national_roles) {
		guint64 here = linker_doc_countries(l, d);
		guint64 there = here != 0 ? linker_doc_countries(l, p) : 0;
		if (here != 0 && there != 0 && (here & there) == 0) {
			return 0;
		}
	}
	if (reasons != NULL) {
		const KnowledgeList *role = k->roles->pdata[g_bit_nth_lsf(roles, -1)];
		guint pi = prov_first(p->self_provider);
		const KnowledgeProvider *kp = k->providers->pdata[pi];
		const char *pname = kp->display != NULL ? kp->display : kp->name;
		g_autofree char *what = NULL;
		if (prov_any(carriers)) {
			const KnowledgeProvider *kc = k->providers->pdata[prov_first(carriers)];
			what = g_strdup_printf("an outage at %s",
					       kc->display != NULL ? kc->display : kc->name);
		} else {
			const KnowledgeList *pr =
				k->roles->pdata[g_bit_nth_lsf(p->carrier_roles, -1)];
			what = g_strdup_printf("a fault of its %s provider", pr->name);
		}
		g_autofree char *when = linker_lead_text(lead);
		g_ptr_array_add(reasons,
				g_strdup_printf("%s blames a %s provider it does not name; %s's own "
						"incident, which reports %s, started %s",
						d->adv->source != NULL ? d->adv->source : d->key,
						role->name, pname, what, when));
	}
	return W_ROLE;
}

/* True when @a and @b both name places and none of them meet. */
static bool
places_apart(const Doc *a, const Doc *b)
{
	const char *shared;
	return a->regions != NULL && b->regions != NULL && a->regions->len > 0 &&
	       b->regions->len > 0 && !linker_regions_meet(a, b, &shared);
}

double
linker_site_link(const Linker *l, const Doc *d, const Doc *p, GPtrArray *reasons)
{
	const Knowledge *k = &l->know;
	ProvMask site = prov_and(prov_and(d->providers, p->self_provider), k->site_owners);
	if (!prov_any(site) || prov_any(d->self_provider) || d->not_incident || p->disclaims ||
	    p->not_incident || p->si == d->si || d->s == SW_TIME_NONE || p->s == SW_TIME_NONE ||
	    linker_interval_gap(d, p) > 0 || places_apart(d, p)) {
		return 0;
	}
	/* Its own stated cause ("a reindex job on our FSN1 search cluster stopped"), or a
	 * blame of another provider, says the trouble is not the site's. */
	if ((d->ncause > 0 && !d->upstream) ||
	    prov_any(prov_andnot(d->cause_providers, site))) {
		return 0;
	}
	gint64 lead = d->s - p->s;
	if (ABS(lead) > ROLE_WINDOW && !(d->s >= p->s && d->s <= p->last)) {
		return 0;
	}
	guint pi = prov_next(site, 0);
	const char *name = linker_knowledge_site_of(k, d->regions, pi);
	if (name == NULL) {
		return 0; /* the provider named by its name only */
	}
	if (reasons != NULL) {
		const KnowledgeProvider *kp = k->providers->pdata[pi];
		const char *pname = kp->display != NULL ? kp->display : kp->name;
		g_autofree char *when = linker_lead_text(lead);
		g_ptr_array_add(reasons,
				g_strdup_printf("%s reports trouble at '%s', a site of %s, and states "
						"no cause of its own; %s's own incident started %s",
						d->adv->source != NULL ? d->adv->source : d->key, name,
						pname, pname, when));
	}
	return W_ROLE;
}

/*
 * What a page says is not its upstream, and what it says is its own:
 *
 * A provider named only to deny it ("Our systems are not affected by the Okta
 * security incident", "We do not use Okta and are not affected", "we are not
 * hosted on Heroku", a title "Okta breach: no impact on Notegrid"): a sentence
 * (or the title) that names the provider and says something is unaffected or
 * unrelated (terms.c's TERMS_SENTENCE_UNAFFECTED / NEGATIVE, in a sentence that
 * states no cause nor blame) or that the page does not use it (use_denials).
 * Such a denial is evidence against a link to that provider's incidents, never
 * for it (Doc.denied).  The caller keeps a provider the advisory blames
 * elsewhere.
 *
 * A role the page names as its own ("some of our own CDN nodes", "our in-house
 * DNS servers"): its own infrastructure broke, not a vendor of that role
 * (*@ret_own: bits of roles).
 */

/* A word saying the page is no customer of what the sentence names, after one of
 * use_negators within two words: "we do not use Okta", "not hosted on Heroku", "we
 * are not a customer of", "no longer use". */
static const char *const use_words[] = {
	"use", "used", "using", "hosted", "built", "run", "running", "rely", "customer",
	"customers", "depend", "depends",
};
static const char *const use_negators[] = {"not", "never", "longer"};
/* Bytes without which no sentence says the page does not use something (a first
 * test, by strstr(), of an advisory with no denying or unaffected sentence) or names
 * its own role. */
static const struct {
	const char *s;
	guint8 len;
	guint8 at; /* its test byte, which gate_in()'s step looks for */
} gate_bytes[] = {
	{"not ", 4, 0}, {"n't ", 4, 1}, {" own ", 5, 0}, {"-house", 6, 0}, {"self-hosted", 11, 4},
};
/* Words before a role's word making it the page's own: "our own CDN nodes". */
static const char *const own_before[] = {"own", "in-house", "self-hosted", "internal"};
/* Words saying something broke, in a sentence naming the page's own role. */
static const char *const own_failures[] = {
	"failed", "fails", "failing", "failure", "down", "crashed", "ran out", "run out",
	"running out", "outage", "unavailable", "unreachable", "degraded", "overloaded",
	"lost", "broke", "broken", "errors", "misconfigured", "misconfiguration",
};

/* True when @w (@len bytes) is one of @words (lower case), any case. */
static bool
word_is(const char *w, gsize len, const char *const *words, gsize nw)
{
	char c = g_ascii_tolower(w[0]);
	for (gsize i = 0; i < nw; i++) {
		if (words[i][0] == c && strlen(words[i]) == len && same_lower(w, words[i], len)) {
			return true;
		}
	}
	return false;
}

/* The next word of [*@p, @e) (letters, digits, ' and -): its start (NULL at the
 * end) and its length in *@len; *@p moves past it. */
static const char *
next_word(const char **p, const char *e, gsize *len)
{
	const char *q = *p;
	while (q < e && !g_ascii_isalnum(*q)) {
		q++;
	}
	const char *w = q;
	while (q < e && (g_ascii_isalnum(*q) || *q == '\'' || *q == '-')) {
		q++;
	}
	*p = q;
	*len = (gsize)(q - w);
	return *len > 0 ? w : NULL;
}

/* True when the @len bytes at @w end with "n't" ("isn't"). */
static bool
ends_nt(const char *w, gsize len)
{
	return len > 3 && w[len - 3] == 'n' && w[len - 2] == '\'' && w[len - 1] == 't';
}

/* True when a word of [@s, @e) is one of @words (lower case), or, with @nt, ends
 * with "n't" ("isn't"): one pass over the words. */
static bool
any_word_in(const char *s, const char *e, const char *const *words, gsize nw, bool nt)
{
	const char *p = s, *w;
	gsize len;
	while ((w = next_word(&p, e, &len)) != NULL) {
		if ((nt && ends_nt(w, len)) || word_is(w, len, words, nw)) {
			return true;
		}
	}
	return false;
}

/* Words that may make a sentence a denial ("not", "unaffected", "never"). */
static const char *const deny_cues[] = {
	"not", "no", "never", "unaffected", "unrelated", "separate", "independent", "distinct",
};

/* True when [@s, @e) says the page does not use something: a word of use_words one
 * or two words after a word of use_negators or one ending in "n't". */
static bool
use_denied(const char *s, const char *e)
{
	guint since = 3; /* words since the last negator */
	const char *p = s, *w;
	gsize len;
	while ((w = next_word(&p, e, &len)) != NULL) {
		if (since <= 2 && word_is(w, len, use_words, G_N_ELEMENTS(use_words))) {
			return true;
		}
		since = ends_nt(w, len) || word_is(w, len, use_negators, G_N_ELEMENTS(use_negators))
				? 0
				: since + 1;
	}
	return false;
}

/* True when sentence [@s, @e) denies: an unaffected or negative sentence stating no
 * cause nor blame of its own (read only when @flags, its advisory's sentences'
 * TermsSentence flags, hold one such), or one saying the page does not use what it
 * names. */
static bool
sentence_denies(const char *s, const char *e, unsigned flags)
{
	if (!any_word_in(s, e, deny_cues, G_N_ELEMENTS(deny_cues), true)) {
		return false;
	}
	if (use_denied(s, e)) {
		return true;
	}
	if (!(flags & (TERMS_SENTENCE_NEGATIVE | TERMS_SENTENCE_UNAFFECTED))) {
		return false;
	}
	unsigned f = read_flags(s, e);
	if (f & TERMS_SENTENCE_NEGATIVE) {
		return true;
	}
	return (f & TERMS_SENTENCE_UNAFFECTED) && !(f & (TERMS_SENTENCE_CAUSE | TERMS_SENTENCE_BLAME));
}

/* The denying sentences of [@text, @end) appended to @out (each and a line end),
 * and the roles of @roles it names as its own into *@own. */
static void
text_denials(const Knowledge *k, guint32 roles, unsigned flags, const char *text,
	     const char *end, bool whole, GString *out, guint32 *own)
{
	for (const char *s = text; s < end;) {
		const char *e = whole ? end : s;
		while (e < end && !sentence_stop(e)) {
			e++;
		}
		bool owns = roles != 0 &&
			    any_word_in(s, e, own_before, G_N_ELEMENTS(own_before), false);
		/* Only where its own broke ("ran out of disk"), not where they are fine
		 * beside a vendor's that broke ("Our own DNS servers are answering
		 * normally"). */
		bool broke = false;
		for (gsize f = 0; owns && f < G_N_ELEMENTS(own_failures) && !broke; f++) {
			broke = lower_word_in(s, e, own_failures[f]) != NULL;
		}
		owns = broke && !(read_flags(s, e) & (TERMS_SENTENCE_UNAFFECTED |
						       TERMS_SENTENCE_NEGATIVE));
		for (guint r = 0; owns && r < k->roles->len; r++) {
			const KnowledgeList *kl = k->roles->pdata[r];
			for (guint j = 0; (roles & (1u << r)) && kl->items[j] != NULL; j++) {
				/* The role's word: its phrase's first word ("cdn", "dns"). */
				g_auto(GStrv) w = g_strsplit(kl->items[j], " ", 2);
				for (gsize o = 0; o < G_N_ELEMENTS(own_before); o++) {
					g_autofree char *own_word = g_strconcat(own_before[o], " ", w[0], NULL);
					if (lower_word_in(s, e, own_word) != NULL) {
						*own |= 1u << r;
					}
				}
			}
		}
		if (sentence_denies(s, e, flags)) {
			g_string_append_len(out, s, e - s);
			g_string_append_c(out, '\n');
		}
		s = e < end ? e + 1 : end;
	}
}

/* A leading label of a title is at most this many words ("Not affected", "No customer
 * impact"): a longer head is a sentence of its own, read as the title's last part is. */
#define TITLE_LABEL_WORDS 4

/* True when title part [@s, @e) is a label denying impact ("Not affected", "No
 * impact", "Unaffected"): few words, an unaffected cue and a denying word.  "Service
 * is operating normally" (AWS's status label before an incident's title) says nothing
 * is wrong, but denies nothing: it is no such label. */
static bool
title_label_denies(const char *s, const char *e)
{
	guint words = 0;
	gsize len;
	for (const char *p = s; next_word(&p, e, &len) != NULL;) {
		words++;
	}
	return words > 0 && words <= TITLE_LABEL_WORDS &&
	       (read_flags(s, e) & TERMS_SENTENCE_UNAFFECTED) &&
	       any_word_in(s, e, deny_cues, G_N_ELEMENTS(deny_cues), true);
}

bool
linker_title_unaffected(const Advisory *a)
{
	if (a->title == NULL) {
		return false;
	}
	return linker_title_unaffected_flags(a, read_flags(a->title, a->title + strlen(a->title)));
}

bool
linker_title_unaffected_flags(const Advisory *a, unsigned whole)
{
	if (a->title == NULL) {
		return false;
	}
	const char *end = a->title + strlen(a->title);
	/* What the title is about is its last part: "Okta breach: no impact on
	 * Notegrid", not "Service is operating normally: [RESOLVED] Instance
	 * Impairments" (a status label before an incident's title); or its leading
	 * label when that denies impact: "Not affected: OVH power outage", "No impact -
	 * Codecov incident". */
	const char *last = g_strrstr(a->title, ": ");
	unsigned f = last != NULL ? read_flags(last + 2, end) : whole;
	bool lead = false;
	static const char *const seps[] = {": ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 "};
	for (gsize i = 0; i < G_N_ELEMENTS(seps) && !lead; i++) {
		const char *sep = strstr(a->title, seps[i]);
		lead = sep != NULL && title_label_denies(a->title, sep);
	}
	if (lead) {
		/* The label is the title's claim; what follows names the event it is
		 * about ("... power outage"), no cause or blame of the page's own. */
		return !(whole & TERMS_SENTENCE_NEGATIVE);
	}
	return (f & TERMS_SENTENCE_UNAFFECTED) &&
	       !(whole & (TERMS_SENTENCE_CAUSE | TERMS_SENTENCE_BLAME | TERMS_SENTENCE_NEGATIVE));
}

char *
linker_denial_text(const Knowledge *k, const Advisory *a, guint32 roles, unsigned flags,
		   guint32 *ret_own)
{
	GString *out = g_string_new(NULL);
	guint32 own = 0;
	if (a->title != NULL) {
		/* A title is one sentence: "Okta breach: Notegrid not impacted". */
		text_denials(k, roles, flags, a->title, a->title + strlen(a->title), true, out, &own);
	}
	if (a->text != NULL) {
		text_denials(k, roles, flags, a->text, a->text + strlen(a->text), false, out, &own);
	}
	for (guint i = 0; i < a->updates->len; i++) {
		const char *u = ((const AdvisoryUpdate *)a->updates->pdata[i])->text;
		if (u != NULL) {
			text_denials(k, roles, flags, u, u + strlen(u), false, out, &own);
		}
	}
	*ret_own = own & roles;
	if (out->len == 0) {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}

ProvMask
linker_denied_in(const Knowledge *k, const char *denials, ProvMask named)
{
	ProvMask denied = PROV_NONE;
	if (denials == NULL) {
		return denied;
	}
	const char *end = denials + strlen(denials);
	for (guint p = prov_next(named, 0); p < k->providers->len; p = prov_next(named, p + 1)) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		bool hit = false;
		for (guint j = 0; kp->names[j] != NULL && !hit; j++) {
			hit = lower_word_in(denials, end, kp->names[j]) != NULL;
		}
		if (hit) {
			prov_set(&denied, p);
		}
	}
	return denied;
}

/* Words making the page itself what a denying sentence is about: "we do not use
 * OVH", "our systems are not affected", "it has not affected us", "Shiftboard
 * itself is not impacted" (the page's own name counts too: page_named()). */
static const char *const page_words[] = {"we", "our", "us", "ours", "itself"};
/* Words making a denial partial or conditional, so no word on the page as a whole:
 * "customers who do not use Okta are not affected", "if you do not use SSO",
 * "only some accounts", "except ...". */
static const char *const partial_words[] = {
	"who", "whose", "if", "unless", "only", "some", "except", "otherwise",
};

/* True when [@s, @e) names @a's page by its own name: the first word of its source's
 * name or of its feed's declared name ("Buildcrate" of "Buildcrate Status"). */
static bool
page_named(const Advisory *a, const char *s, const char *e)
{
	const char *names[] = {a->source, a->feed_name};
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		const char *n = names[i];
		gsize len = 0;
		while (n != NULL && g_ascii_isalnum(n[len])) {
			len++;
		}
		/* Shorter words are no names ("m3"); "Status - Foo" has no name first. */
		if (len < 3 || g_ascii_strncasecmp(n, "status", len) == 0) {
			continue;
		}
		g_autofree char *w = g_ascii_strdown(n, (gssize)len);
		if (lower_word_in(s, e, w) != NULL) {
			return true;
		}
	}
	return false;
}

/* True when denying sentence [@s, @e) of @a says the page as a whole is fine: it
 * does not use something ("Ploughboard does not use OVH") or is not affected ("The
 * colors removal on npm does not affect Buildcrate builds", "our systems are not
 * affected"), of the page itself (page_words, its name), with no word making it
 * partial or conditional (partial_words). */
/* Words after "unaffected" that leave it said of the sentence's subject ("we are
 * unaffected by ...", "unaffected and working"), not of a noun it stands before. */
static const char *const unaffected_then[] = {
	"by", "and", "or", "so", "as", "for", "at", "in", "on", "today", "now", "because",
	"since", "until", "but", "too",
};

/* True when [@s, @e) says "unaffected" only of a noun after it ("we are moving
 * traffic to unaffected regions", "unaffected customers can sign in"): its
 * unaffected cue is such a use, and the sentence read without them says nothing
 * unaffected. */
static bool
unaffected_attributive(const char *s, const char *e)
{
	g_autofree char *copy = g_ascii_strdown(s, e - s);
	bool any = false;
	for (char *p = copy; (p = g_strstr_len(p, -1, "unaffected")) != NULL; p += 10) {
		if (p > copy && g_ascii_isalnum(p[-1])) {
			continue;
		}
		const char *q = p + 10;
		if (*q != ' ') {
			continue;
		}
		while (*q == ' ') {
			q++;
		}
		gsize n = 0;
		while (g_ascii_isalpha(q[n])) {
			n++;
		}
		if (n == 0 || word_is(q, n, unaffected_then, G_N_ELEMENTS(unaffected_then))) {
			continue;
		}
		memset(p, ' ', 10);
		any = true;
	}
	return any && !(read_flags(copy, copy + strlen(copy)) & TERMS_SENTENCE_UNAFFECTED);
}

static bool
denial_firm(const Advisory *a, const char *s, const char *e)
{
	if (!use_denied(s, e) && (!(read_flags(s, e) & TERMS_SENTENCE_UNAFFECTED) ||
				  unaffected_attributive(s, e))) {
		return false;
	}
	if (any_word_in(s, e, partial_words, G_N_ELEMENTS(partial_words), false)) {
		return false;
	}
	return any_word_in(s, e, page_words, G_N_ELEMENTS(page_words), false) ||
	       page_named(a, s, e);
}

ProvMask
linker_denied_firm(const Knowledge *k, const Advisory *a, const char *denials, ProvMask named,
		   bool *ret_any)
{
	ProvMask firm = PROV_NONE;
	*ret_any = false;
	for (const char *s = denials; s != NULL && *s != '\0';) {
		const char *e = strchr(s, '\n');
		e = e != NULL ? e : s + strlen(s);
		if (denial_firm(a, s, e)) {
			*ret_any = true;
			for (guint p = prov_next(named, 0); p < k->providers->len;
			     p = prov_next(named, p + 1)) {
				const KnowledgeProvider *kp = k->providers->pdata[p];
				for (guint j = 0; kp->names[j] != NULL; j++) {
					if (lower_word_in(s, e, kp->names[j]) != NULL) {
						prov_set(&firm, p);
						break;
					}
				}
			}
		}
		s = *e != '\0' ? e + 1 : e;
	}
	return firm;
}

/*
 * A notice that the page as a whole is fine, posted while another's outage goes on
 * ("We're aware of the ongoing Atlassian outage. Our services are operating
 * normally.", "All Mossgate systems are operational. We are monitoring the
 * Atlassian incident", "Atlassian is experiencing issues; Quillmere is
 * unaffected", "We have confirmed that none of our services run on Azure"): its
 * first post (or title) says so of the page as a whole, and nothing in it says
 * some of the page's users are in trouble.  Such a notice names the provider only
 * to relay its state (linker_page_fine()).
 */

/* A notice says it is fine in its first post: a long first post is a history or
 * a write-up, never such a notice (and not read for one). */
#define PAGE_FINE_BYTES 1024
/* Bytes one of which a title saying the page is fine holds (a first test by strstr()
 * of the short title): the unaffected cues of terms.c ("not affected", "operating
 * normally", "no impact", "remains available", "are able to", "continue to work",
 * "not experiencing", "working as expected"), "operational" and "none of".  A first
 * post is tested by its sentences' flags (TERMS_SENTENCE_UNAFFECTED) and for the two
 * last only: strstr() of every hint in every first post was 2 % of `link`'s
 * instructions. */
static const char *const fine_hints[] = {
	"ffect", "ormally", "mpact", "perational", "vailable", "able", "ontinue", "xperiencing",
	"orking", "one of",
};
/* A notice posted for information only is short: with more text than this (title,
 * posts) it is read as a report (and its posts are not searched for trouble). */
#define PAGE_INFO_BYTES 2048
/* Words making a clause speak of the page as a whole ("our services", "all
 * systems", "we are not affected", "the platform"; its own name counts too), not of
 * a part of it ("our API is operating normally"). */
static const char *const whole_words[] = {
	"we", "us", "services", "service", "systems", "platform", "products", "everything",
	"all", "infrastructure",
};
/* Words making a clause of being fine say it of a part or of a time ("the rest of our
 * platform is operating normally", "our platform itself is up", "other imports work",
 * "all services are operational again", "services restored"): the notice is of
 * trouble after all. */
static const char *const fine_not_whole[] = {
	"itself", "rest", "other", "remaining", "again", "restored", "recovered", "resumed",
	"back", "now",
};
/* Words by which any clause of the notice speaks of some of the page's users in
 * trouble ("customers who sign in with Microsoft", "customers whose site is down",
 * "users cannot import", "unable to log in"). */
static const char *const users_trouble[] = {
	"who", "whose", "unless", "except", "cannot", "can't", "unable",
};
/* "none of our services run on Azure": a use word within this many words after
 * "none". */
#define NONE_USE_WORDS 4

/* Words one of which every cue saying something is unaffected holds (terms.c's
 * unaffected_cues: "not affected", "no impact", "are able to", "remains available",
 * "continue to work", "operating normally", "working as expected", "not
 * experiencing"): a clause holding none is not read for one. */
static const char *const fine_cue_words[] = {
	"affected", "affect", "affecting", "unaffected", "impacted", "impact", "able",
	"available", "work", "works", "normally", "expected", "experiencing",
};

/* True when clause [@s, @e) of @a says the page as a whole is fine: one pass over its
 * words (a pass per word list was a tenth of `link`'s instructions), then its terms
 * only where a cue word stands. */
static bool
clause_fine(const Advisory *a, const char *s, const char *e)
{
	bool whole = false, deny = false, oper = false, none = false, cue = false;
	guint since_none = NONE_USE_WORDS + 1;
	const char *p = s, *w;
	gsize len;
	while ((w = next_word(&p, e, &len)) != NULL) {
		if (word_is(w, len, partial_words, G_N_ELEMENTS(partial_words)) ||
		    word_is(w, len, fine_not_whole, G_N_ELEMENTS(fine_not_whole))) {
			return false;
		}
		whole = whole || word_is(w, len, whole_words, G_N_ELEMENTS(whole_words));
		deny = deny || ends_nt(w, len) || word_is(w, len, deny_cues, G_N_ELEMENTS(deny_cues));
		oper = oper || (len == 11 && same_lower(w, "operational", 11));
		none = none || (since_none <= NONE_USE_WORDS &&
				word_is(w, len, use_words, G_N_ELEMENTS(use_words)));
		since_none = len == 4 && same_lower(w, "none", 4) ? 0 : since_none + 1;
		cue = cue || word_is(w, len, fine_cue_words, G_N_ELEMENTS(fine_cue_words));
	}
	/* "none of our services run on Azure"; "All systems operational", "we are fully
	 * operational" (not "not operational"). */
	bool said = none || (oper && !deny);
	if ((!said && !cue) || !(whole || page_named(a, s, e))) {
		return false;
	}
	if (said) {
		return true;
	}
	unsigned f = read_flags(s, e);
	return (f & TERMS_SENTENCE_UNAFFECTED) &&
	       !(f & (TERMS_SENTENCE_CAUSE | TERMS_SENTENCE_BLAME | TERMS_SENTENCE_NEGATIVE)) &&
	       !unaffected_attributive(s, e);
}

/* True when a clause of @t says the page as a whole is fine (clause_fine()). */
static bool
text_fine(const Advisory *a, const char *t)
{
	const char *end = t + strlen(t);
	for (const char *s = t; s < end;) {
		const char *e = s;
		while (e < end && !sentence_stop(e)) {
			e++;
		}
		if (clause_fine(a, s, e)) {
			return true;
		}
		s = e < end ? e + 1 : end;
	}
	return false;
}

/* True when @t (or NULL) holds a word of @words. */
static bool
text_has_word(const char *t, const char *const *words, gsize nw)
{
	return t != NULL && any_word_in(t, t + strlen(t), words, nw, false);
}

/* Labels by which a title or a first post says it is posted for information only:
 * "[Informational] Atlassian outage", "FYI: ...", "Heads up: ...", "Status:
 * Informational". */
static const char *const info_labels[] = {
	"informational", "fyi", "heads up", "heads-up", "status: informational", "for your information",
};
/* Words by which a notice posted for information speaks of trouble its users may meet
 * ("deploys may be delayed", "builds fail", "customers who ...", "some customers are
 * affected"): then it is no mere relay. */
static const char *const notice_trouble[] = {
	"may", "might", "could", "delayed", "delays", "degraded", "fail", "fails", "failing",
	"failed", "errors", "slow", "slower", "unavailable", "affected", "impacted", "impact",
	"who", "whose", "unless", "except", "cannot", "can't", "unable",
	/* "Emergency maintenance because of the AWS outage": a cause of its own post. */
	"because", "due", "caused", "emergency",
};
/* Words by which a post of impact "none" with no label says it only watches ("We are
 * aware of", "monitoring the X incident", "keeping an eye on it"): many pages leave a
 * real incident's impact at "none" ("We are investigating an issue with the GitHub
 * integration"), so that alone tells nothing. */
static const char *const watch_words[] = {
	"aware", "monitoring", "watching", "eye", "following", "tracking",
};

/* True when @t starts with a label of info_labels ("[Informational] ...", "FYI: ..."). */
static bool
info_label(const char *t)
{
	while (t != NULL && *t != '\0' && !g_ascii_isalnum(*t)) {
		t++;
	}
	/* The labels' first letters: most titles are none (a compare of every label
	 * with every title and first post cost a tenth of a percent of `link`). */
	char c = t != NULL ? g_ascii_tolower(*t) : '\0';
	if (c != 'i' && c != 'f' && c != 'h' && c != 's') {
		return false;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(info_labels); i++) {
		gsize n = strlen(info_labels[i]);
		if (g_ascii_strncasecmp(t, info_labels[i], n) == 0 && !g_ascii_isalnum(t[n])) {
			return true;
		}
	}
	return false;
}

LinkerPageFine
linker_page_fine(const Advisory *a, unsigned flags)
{
	const char *first = a->updates->len > 0
				    ? ((const AdvisoryUpdate *)a->updates->pdata[0])->text
				    : a->text;
	if (a->title == NULL || first == NULL ||
	    strnlen(a->title, PAGE_FINE_BYTES + 1) > PAGE_FINE_BYTES ||
	    strnlen(first, PAGE_FINE_BYTES + 1) > PAGE_FINE_BYTES) {
		return LINKER_PAGE_TROUBLE;
	}
	/* A notice is short: more text (title, posts) is a report.  First, as most
	 * advisories of a busy feed are longer. */
	gsize bytes = strlen(a->title) + (a->text != NULL ? strlen(a->text) : 0);
	for (guint i = 0; i < a->updates->len && bytes <= PAGE_INFO_BYTES; i++) {
		const char *u = ((const AdvisoryUpdate *)a->updates->pdata[i])->text;
		bytes += u != NULL ? strlen(u) : 0;
	}
	if (bytes > PAGE_INFO_BYTES) {
		return LINKER_PAGE_TROUBLE;
	}
	/* Posted for information only: a maintenance, an informational post, a
	 * Statuspage incident of impact "none" (severity info), or a label saying so. */
	bool info = a->kind == ADVISORY_KIND_MAINTENANCE || a->kind == ADVISORY_KIND_INFORMATIONAL ||
		    info_label(a->title) || info_label(first) ||
		    (a->severity == ADVISORY_SEVERITY_INFO &&
		     any_word_in(first, first + strlen(first), watch_words, G_N_ELEMENTS(watch_words),
				 false));
	/* Fine as a whole in its first post or title, and no post speaks of some users
	 * in trouble; or posted for information only, and no post speaks of trouble
	 * its users may meet. */
	LinkerPageFine says = LINKER_PAGE_TROUBLE;
	bool first_hint = (flags & TERMS_SENTENCE_UNAFFECTED) ||
			  strstr(first, "perational") != NULL || strstr(first, "one of") != NULL;
	if (first_hint && text_fine(a, first)) {
		says = LINKER_PAGE_FINE;
	} else {
		bool title_hint = false;
		for (gsize h = 0; h < G_N_ELEMENTS(fine_hints) && !title_hint; h++) {
			title_hint = strstr(a->title, fine_hints[h]) != NULL;
		}
		if (title_hint && text_fine(a, a->title)) {
			says = LINKER_PAGE_FINE;
		} else if (info) {
			says = LINKER_PAGE_INFO;
		} else {
			return LINKER_PAGE_TROUBLE;
		}
	}
	const char *const *trouble = says == LINKER_PAGE_FINE ? users_trouble : notice_trouble;
	gsize ntrouble = says == LINKER_PAGE_FINE ? G_N_ELEMENTS(users_trouble)
						  : G_N_ELEMENTS(notice_trouble);
	if (text_has_word(a->title, trouble, ntrouble) || text_has_word(a->text, trouble, ntrouble)) {
		return LINKER_PAGE_TROUBLE;
	}
	for (guint i = 0; i < a->updates->len; i++) {
		const char *u = ((const AdvisoryUpdate *)a->updates->pdata[i])->text;
		/* A Statuspage advisory's text is its newest post, read just above. */
		if (u == a->text || (i + 1 == a->updates->len && u != NULL && a->text != NULL &&
				     strcmp(u, a->text) == 0)) {
			continue;
		}
		if (text_has_word(u, trouble, ntrouble)) {
			return LINKER_PAGE_TROUBLE;
		}
	}
	return says;
}

/* At most this many sentences holding "our" are read for a cause (each is a term
 * scan): a page tells its own fault early, and a long history text is many posts. */
#define OWN_CAUSE_READS 4
/* The places of "Our " kept while a text is searched for "our ": more, and the text
 * is searched again for them (a text has a few). */
#define OWN_CAUSE_CAPS 16

/* The sentence of text @t (NUL-terminated) holding @p: [*@ret_s, *@ret_e). */
static void
sentence_around(const char *t, const char *p, const char **ret_s, const char **ret_e)
{
	const char *s = p, *e = p;
	while (s > t && !sentence_stop(s - 1)) {
		s--;
	}
	while (*e != '\0' && !sentence_stop(e)) {
		e++;
	}
	*ret_s = s;
	*ret_e = e;
}

/* Reads the sentence around the "our" at @p of @t unless it lies in the one just
 * read (*@last_end): 1 when it states a cause, -1 when the reads are used up, else 0. */
static int
own_cause_at(const char *t, const char *p, const char **last_end, guint *reads)
{
	if (p > t && g_ascii_isalnum(p[-1])) {
		return 0; /* "four " */
	}
	if (p < *last_end) {
		return 0; /* in the sentence just read */
	}
	const char *s, *e;
	sentence_around(t, p, &s, &e);
	*last_end = e;
	if (read_flags(s, e) & TERMS_SENTENCE_CAUSE) {
		return 1;
	}
	return ++*reads >= OWN_CAUSE_READS ? -1 : 0;
}

bool
linker_own_cause(const Advisory *a)
{
	guint reads = 0;
	for (guint u = 0; u <= a->updates->len; u++) {
		const char *t = u == 0 ? a->text
				       : ((const AdvisoryUpdate *)a->updates->pdata[u - 1])->text;
		if (t == NULL) {
			continue;
		}
		/* Only the sentences around an "our": found by strstr(), each read once
		 * (a walk over every byte of a long history text cost more than the rule
		 * is worth).  One search for "ur " finds "our " and "Our " both (two
		 * searches were most of this function); every "our " is read first, then
		 * every "Our ", each with its own last sentence, as two searches did. */
		const char *caps[OWN_CAUSE_CAPS];
		guint ncaps = 0;
		bool caps_full = false;
		const char *last_end = t;
		for (const char *q = t; (q = strstr(q, "ur ")) != NULL; q++) {
			if (q == t) {
				continue;
			}
			if (q[-1] == 'O') {
				if (ncaps < OWN_CAUSE_CAPS) {
					caps[ncaps++] = q - 1;
				} else {
					caps_full = true;
				}
				continue;
			}
			if (q[-1] != 'o') {
				continue;
			}
			int r = own_cause_at(t, q - 1, &last_end, &reads);
			if (r != 0) {
				return r > 0;
			}
		}
		last_end = t;
		if (caps_full) {
			for (const char *p = t; (p = strstr(p, "Our ")) != NULL; p++) {
				int r = own_cause_at(t, p, &last_end, &reads);
				if (r != 0) {
					return r > 0;
				}
			}
			continue;
		}
		for (guint c = 0; c < ncaps; c++) {
			int r = own_cause_at(t, caps[c], &last_end, &reads);
			if (r != 0) {
				return r > 0;
			}
		}
	}
	return false;
}

bool
linker_own_fault(const Advisory *a)
{
	static const char *const cues[] = {"affected by", "impacted by"};
	for (guint u = 0; u <= a->updates->len; u++) {
		const char *t = u == 0 ? a->text
				       : ((const AdvisoryUpdate *)a->updates->pdata[u - 1])->text;
		for (guint c = 0; t != NULL && c < G_N_ELEMENTS(cues); c++) {
			for (const char *p = t; (p = strstr(p, cues[c])) != NULL; p++) {
				const char *s, *e;
				sentence_around(t, p, &s, &e);
				if (read_flags(s, e) & TERMS_SENTENCE_OWN_FAULT) {
					return true;
				}
			}
		}
	}
	return false;
}

/* Words after a provider's name making it the page's own copy of the provider's
 * service, run by the page: "our npm proxy", "the PyPI mirror", "our Docker Hub
 * pull-through cache". */
static const char *const copy_words[] = {
	"proxy", "proxies", "mirror", "mirrors", "cache", "caches", "replica", "replicas",
};
/* Bytes without which no text holds a copy word, lower case or capitalised (a first
 * test by strstr(); "PROXY" in capitals is not read). */
static const char *const copy_gates[] = {"proxy", "Proxy", "proxies", "mirror", "Mirror",
					  "cache", "Cache", "replica", "Replica"};
/* How many words may stand between a provider's name and its copy word ("npm
 * registry proxy", "Docker Hub pull-through cache"). */
#define COPY_GAP_WORDS 1

/* True when the name at [@n, @ne) of [@s, @e) is followed by a copy word within
 * COPY_GAP_WORDS + 1 words. */
static bool
copy_after(const char *ne, const char *e)
{
	const char *p = ne, *w;
	gsize len;
	for (guint i = 0; i <= COPY_GAP_WORDS && (w = next_word(&p, e, &len)) != NULL; i++) {
		if (word_is(w, len, copy_words, G_N_ELEMENTS(copy_words))) {
			return true;
		}
	}
	return false;
}

/* In [@s, @e), of provider @kp's names: *@ret_copy when one is followed by a copy
 * word, *@ret_other when one is not. */
static void
copy_mentions(const KnowledgeProvider *kp, const char *s, const char *e, bool *ret_copy,
	      bool *ret_other)
{
	for (guint j = 0; kp->names[j] != NULL; j++) {
		gsize n = strlen(kp->names[j]);
		for (const char *p = s; (p = lower_word_in(p, e, kp->names[j])) != NULL; p += n) {
			/* "npm" inside "npm registry proxy": the longer name decides. */
			bool longer = false;
			for (guint m = 0; kp->names[m] != NULL && !longer; m++) {
				gsize ml = strlen(kp->names[m]);
				longer = ml > n && p + ml <= e && same_lower(p, kp->names[m], ml) &&
					 (p + ml == e || !g_ascii_isalnum(p[ml]));
			}
			if (longer) {
				continue;
			}
			if (copy_after(p + n, e)) {
				*ret_copy = true;
			} else {
				*ret_other = true;
			}
		}
	}
}

/* True when a name of @kp ends at @ne (text from @t on), as whole words. */
static bool
name_ends_at(const KnowledgeProvider *kp, const char *t, const char *ne)
{
	for (guint j = 0; kp->names[j] != NULL; j++) {
		gsize n = strlen(kp->names[j]);
		if ((gsize)(ne - t) >= n && same_lower(ne - n, kp->names[j], n) &&
		    (ne - n == t || !g_ascii_isalnum(ne[-(gssize)n - 1]))) {
			return true;
		}
	}
	return false;
}

ProvMask
linker_own_copies(const Knowledge *k, const Advisory *a)
{
	const char *texts[2 + 64];
	guint nt = 0;
	if (a->updates->len > G_N_ELEMENTS(texts) - 2) {
		return PROV_NONE; /* too many to say every mention is a copy */
	}
	texts[nt++] = a->title;
	texts[nt++] = a->text;
	for (guint i = 0; i < a->updates->len && nt < G_N_ELEMENTS(texts); i++) {
		texts[nt++] = ((const AdvisoryUpdate *)a->updates->pdata[i])->text;
	}
	/* The providers whose name ends a word or two before a copy word: one pass
	 * over the words of a text holding a copy word's bytes, a few compares at each
	 * copy word (a scan per provider name was most of the bench's instructions). */
	ProvMask cand = PROV_NONE;
	/* Candidates come from the title only ("npm proxy returning 502 errors"): a
	 * copy word in every text cost a sixth of the bench's instructions. */
	for (guint i = 0; i < 1; i++) {
		const char *t = texts[i];
		bool gated = false;
		for (gsize g = 0; t != NULL && g < G_N_ELEMENTS(copy_gates) && !gated; g++) {
			gated = strstr(t, copy_gates[g]) != NULL;
		}
		if (!gated) {
			continue;
		}
		const char *e = t + strlen(t), *p = t, *w;
		const char *ends[COPY_GAP_WORDS + 1] = {NULL}; /* ends of the last words */
		gsize len;
		while ((w = next_word(&p, e, &len)) != NULL) {
			if (word_is(w, len, copy_words, G_N_ELEMENTS(copy_words))) {
				for (guint q = 0; q < k->providers->len; q++) {
					const KnowledgeProvider *kp = k->providers->pdata[q];
					for (guint b = 0; b <= COPY_GAP_WORDS; b++) {
						if (ends[b] != NULL && name_ends_at(kp, t, ends[b])) {
							prov_set(&cand, q);
						}
					}
				}
			}
			for (guint b = COPY_GAP_WORDS; b > 0; b--) {
				ends[b] = ends[b - 1];
			}
			ends[0] = w + len;
		}
	}
	/* Of those, the ones no mention names otherwise. */
	ProvMask copies = PROV_NONE;
	for (guint q = prov_next(cand, 0); q < k->providers->len; q = prov_next(cand, q + 1)) {
		const KnowledgeProvider *kp = k->providers->pdata[q];
		bool copy = false, other = false;
		for (guint i = 0; i < nt && !other; i++) {
			if (texts[i] != NULL) {
				copy_mentions(kp, texts[i], texts[i] + strlen(texts[i]), &copy, &other);
			}
		}
		if (copy && !other) {
			prov_set(&copies, q);
		}
	}
	return copies;
}

/* True when one of gate_bytes stands in [@t, @end) with its test byte (GateBytes.at)
 * at @p. */
static inline bool
gate_at(const char *t, const char *end, const char *p)
{
	for (gsize i = 0; i < G_N_ELEMENTS(gate_bytes); i++) {
		/* The test byte and the one after it first (the string goes on to a NUL at
		 * @end): "sign-in" is no "-house". */
		const char *g = gate_bytes[i].s, *s = p - gate_bytes[i].at;
		gsize len = gate_bytes[i].len;
		if (p[0] == g[gate_bytes[i].at] && p[1] == g[gate_bytes[i].at + 1] && s >= t &&
		    (gsize)(end - s) >= len && memcmp(s, g, len) == 0) {
			return true;
		}
	}
	return false;
}

/* True when @t holds one of gate_bytes: one pass over its bytes (no advisory of
 * the bench holds one; five strstr() passes were 1.7 % of its instructions).  A
 * 16-byte step flags the places where one may stand by its test byte: "not" and
 * " ow" (the first three of "not " and " own "), a '\'' ("n't ") or a '-' ("-house",
 * "self-hosted"), each then compared whole by gate_at(). */
static bool
gate_in(const char *t)
{
	if (t == NULL) {
		return false;
	}
	const char *end = t + strlen(t);
	const char *p = t;
#ifdef __SSE2__
	const __m128i n = _mm_set1_epi8('n'), o = _mm_set1_epi8('o'), tt = _mm_set1_epi8('t');
	const __m128i sp = _mm_set1_epi8(' '), w = _mm_set1_epi8('w');
	const __m128i ap = _mm_set1_epi8('\''), hy = _mm_set1_epi8('-');
	G_STATIC_ASSERT(G_N_ELEMENTS(gate_bytes) == 5);
	for (; end - p >= STEP_READ; p += 16) {
		__m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
		__m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
		__m128i not_own = _mm_or_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, n), _mm_cmpeq_epi8(v2, tt)),
					       _mm_and_si128(_mm_cmpeq_epi8(v0, sp), _mm_cmpeq_epi8(v2, w)));
		__m128i hit = _mm_or_si128(_mm_and_si128(not_own, _mm_cmpeq_epi8(v1, o)),
					   _mm_or_si128(_mm_cmpeq_epi8(v0, ap), _mm_cmpeq_epi8(v0, hy)));
		for (unsigned m = (unsigned)_mm_movemask_epi8(hit); m != 0; m &= m - 1) {
			if (gate_at(t, end, p + __builtin_ctz(m))) {
				return true;
			}
		}
	}
#endif
	for (; p < end; p++) {
		if (gate_at(t, end, p)) {
			return true;
		}
	}
	return false;
}

bool
linker_text_holds_updates(const Advisory *a)
{
	gsize tlen = a->text != NULL ? strlen(a->text) : 0, ulen = 0;
	for (guint i = 0; i < a->updates->len; i++) {
		const char *u = ((const AdvisoryUpdate *)a->updates->pdata[i])->text;
		ulen += u != NULL ? strlen(u) : 0;
	}
	return tlen >= ulen;
}

bool
linker_denials_maybe(const Advisory *a, unsigned flags, bool holds)
{
	if (flags & (TERMS_SENTENCE_NEGATIVE | TERMS_SENTENCE_UNAFFECTED)) {
		return true;
	}
	if (gate_in(a->title) || gate_in(a->text)) {
		return true;
	}
	/* A text holding its updates (a status page's history feed, see
	 * linker_cause_objects()): they were searched with it. */
	for (guint i = 0; !holds && i < a->updates->len; i++) {
		if (gate_in(((const AdvisoryUpdate *)a->updates->pdata[i])->text)) {
			return true;
		}
	}
	return false;
}


/* Texts longer than this are read for claims only up to it: a claim of a shared cause
 * stands in an item's first posts, and a status page's history runs to many KiB. */
#define CLAIM_TEXT_MAX 4096

/* Appends to @out the words of the sentences of [@s, @e) that claim a shared cause
 * (TERMS_SENTENCE_SHARES), as linker_claim_text() writes them. */
static void
claim_sentences(const char *s, const char *e, GString *out)
{
	if (s == NULL) {
		return;
	}
	if ((gsize)(e - s) > CLAIM_TEXT_MAX) {
		e = s + CLAIM_TEXT_MAX; /* (no pointer past the text's end is formed) */
	}
	for (const char *start = s, *p = s; p <= e; p++) {
		if (p < e && !sentence_stop(p)) {
			continue;
		}
		const char *end = p < e ? p + 1 : e;
		if (end > start && (read_flags(start, end) & TERMS_SENTENCE_SHARES)) {
			bool space = out->len == 0 || out->str[out->len - 1] == ' ';
			for (const char *c = start; c < end; c++) {
				if (g_ascii_isalnum(*c)) {
					g_string_append_c(out, g_ascii_tolower(*c));
					space = false;
				} else if (!space) {
					g_string_append_c(out, ' ');
					space = true;
				}
			}
			if (!space) {
				g_string_append_c(out, ' ');
			}
		}
		start = end;
	}
}

char *
linker_claim_text(const Advisory *a)
{
	GString *out = g_string_new(NULL);
	if (a->title != NULL) {
		claim_sentences(a->title, a->title + strlen(a->title), out);
	}
	if (a->text != NULL) {
		claim_sentences(a->text, a->text + strlen(a->text), out);
	}
	for (guint i = 0; i < a->updates->len; i++) {
		const char *u = ((const AdvisoryUpdate *)a->updates->pdata[i])->text;
		if (u != NULL && (a->text == NULL || strstr(a->text, u) == NULL)) {
			claim_sentences(u, u + strlen(u), out);
		}
	}
	if (out->len == 0) {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}

/* Words a service's key may glue: "route53" is "Route 53", "directconnect" "Direct
 * Connect"; more is a sentence, not a name. */
#define CLAIM_GLUE_WORDS 3
/* Shorter keys are no glue of words: "s3", "ec2", "sqs" stand alone or not at all. */
#define CLAIM_KEY_MIN 5
/* Words read after a service's name for the event noun its trouble ends at ("the
 * CloudFront DNS issue", "the Transit Gateway packet loss issue"), and read before
 * it for the preposition and noun it follows ("the issue with the Direct Connect"). */
#define CLAIM_TROUBLE_WORDS 3

/* Nouns a claim calls the event by: a service named as their modifier ("the ongoing
 * Direct Connect event") or their object ("an outage of X") is the one the claim
 * means; a key that is an everyday word ("events", "health") standing elsewhere in
 * the claim ("related to the ongoing events") names nothing. */
static const char *const claim_event_nouns[] = {
	"disruption", "event", "incident", "issue", "issues", "outage", "problem", "problems",
};
/* Prepositions joining an event noun to the service it is of ("the issue with ..."). */
static const char *const claim_event_preps[] = {
	"affecting", "at", "for", "in", "of", "with",
};

/* True when the word at @w (up to the next space or the end) is in @list. */
static bool
claim_word_in(const char *w, const char *const *list, gsize n)
{
	gsize len = strcspn(w, " ");
	for (gsize i = 0; i < n; i++) {
		if (strlen(list[i]) == len && memcmp(w, list[i], len) == 0) {
			return true;
		}
	}
	return false;
}

/* The start of the word before the one at @w in @claim, or NULL at its start. */
static const char *
claim_prev_word(const char *claim, const char *w)
{
	if (w <= claim + 1) {
		return NULL;
	}
	const char *p = w - 1; /* the space before @w */
	while (p > claim && p[-1] != ' ') {
		p--;
	}
	return p;
}

/* Whether a service's name at [@w, @after) stands as an event's: an event noun within
 * CLAIM_TROUBLE_WORDS words after it (*@ret_hi: where it starts, the trouble words
 * before it), or one before it through a preposition and up to two more words
 * ("the issue with the ...": *@ret_hi = @after, no trouble words). */
static bool
claim_event_of(const char *claim, const char *w, const char *after, const char **ret_hi)
{
	const char *q = after;
	for (guint k = 0; k <= CLAIM_TROUBLE_WORDS && *q != '\0'; k++) {
		if (claim_word_in(q, claim_event_nouns, G_N_ELEMENTS(claim_event_nouns))) {
			*ret_hi = q;
			return true;
		}
		q += strcspn(q, " ");
		q += *q == ' ';
	}
	const char *b = w;
	for (guint k = 0; k < 3; k++) {
		b = claim_prev_word(claim, b);
		if (b == NULL) {
			return false;
		}
		if (claim_word_in(b, claim_event_preps, G_N_ELEMENTS(claim_event_preps))) {
			const char *noun = claim_prev_word(claim, b);
			if (noun != NULL &&
			    claim_word_in(noun, claim_event_nouns, G_N_ELEMENTS(claim_event_nouns))) {
				*ret_hi = after;
				return true;
			}
			return false;
		}
	}
	return false;
}

bool
linker_claim_names(const char *claim, const char *key, const char **ret_lo, const char **ret_hi)
{
	/* The key's letters and digits in lower case ("management-console":
	 * "managementconsole"); a key shorter than CLAIM_KEY_MIN ("s3", "ec2") is
	 * matched as one word only, never glued from pieces. */
	char k[64];
	gsize kn = 0;
	for (const char *c = key; *c != '\0'; c++) {
		if (!g_ascii_isalnum(*c)) {
			continue;
		}
		if (kn == sizeof(k) - 1) {
			return false; /* no service's name */
		}
		k[kn++] = g_ascii_tolower(*c);
	}
	k[kn] = '\0';
	if (claim == NULL || kn < 2) {
		return false;
	}
	for (const char *w = claim; *w != '\0';) {
		/* @w starts a word (the claim is words, each followed by one space). */
		const char *p = w;
		gsize j = 0;
		for (guint words = 1; words <= CLAIM_GLUE_WORDS; words++) {
			while (j < kn && *p == k[j]) {
				p++;
				j++;
			}
			if (j == kn && *p == ' ') {
				if (claim_event_of(claim, w, p + 1, ret_hi)) {
					*ret_lo = p + 1;
					return true;
				}
				break;
			}
			if (*p != ' ' || j == kn || (words == 1 && kn < CLAIM_KEY_MIN)) {
				break;
			}
			p++; /* the next word of the run */
		}
		const char *sp = strchr(w, ' ');
		if (sp == NULL) {
			break;
		}
		w = sp + 1;
	}
	return false;
}
