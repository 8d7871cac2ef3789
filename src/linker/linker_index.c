/*
 * The linker's indexes: interning terms, turning an advisory into a Doc
 * (interval, terms, references, regions, services), and keeping the inverted
 * index, the id and mention indexes, document frequencies and the time
 * buckets behind each term's lift (see linker_private.h).
 *
 * Pure: no I/O, no clock, no logging.  Data comes from linker_add(); scoring
 * and clustering read what is built here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "linker/linker_private.h"
#include "util/mem.h"

/* ---- terms ---------------------------------------------------------------- */

/* Loops over a doc's terms ask for the data of the term this many ahead: about
 * the number of misses a core keeps in flight. */
#define TERM_PREFETCH 8

/* From this many docs on, linker_postings_flush() and obs_compute_all() run on one thread per
 * processor (at most LINKER_THREADS), each on its own range of term ids: the
 * first linking of a big batch is serial work with the other cores idle. */
#define PARALLEL_MIN_DOCS 4096
#define LINKER_THREADS 4

/* Term strings are carved from chunks of this size: over the 2,000-feed corpus
 * some 300,000 of 20-60 bytes, each a malloc with its own header before. */
#define TERM_BLOCK_CHUNK (64 * 1024)

/* Room for @need bytes among @l's term strings. */
static char *
term_block_room(Linker *l, gsize need)
{
	if (G_UNLIKELY(need > l->block_left)) {
		gsize size = MAX(need, (gsize)TERM_BLOCK_CHUNK);
		l->block_at = mem_arena_alloc(l->arena, size, 1);
		if (l->block_at == NULL) {
			if (l->block_chunks == NULL) {
				l->block_chunks = g_ptr_array_new_with_free_func(g_free);
			}
			l->block_at = g_malloc(size);
			g_ptr_array_add(l->block_chunks, l->block_at);
		}
		l->block_left = size;
	}
	char *b = l->block_at;
	l->block_at += need;
	l->block_left -= need;
	return b;
}

/* "norm\0surface\0" among @l's term strings; @nl: strlen(@norm). */
static char *
term_block(Linker *l, const char *norm, gsize nl, const char *surface)
{
	gsize sl = strlen(surface);
	char *b = term_block_room(l, nl + sl + 2);
	memcpy(b, norm, nl + 1);
	memcpy(b + nl + 1, surface, sl + 1);
	return b;
}

char *
linker_term_block_dup(Linker *l, const char *block)
{
	gsize nl = strlen(block);
	return term_block(l, block, nl, block + nl + 1);
}

/* The smallest spelling of term @t seen, for reasons. */
const char *
linker_term_surface(const Linker *l, guint32 t)
{
	const char *norm = TERM(l, t)->block;
	return norm + strlen(norm) + 1;
}

/* Terms are short: eight bytes a step (terms_hash_bytes()), finished for the
 * table's low bits. */
static guint32
term_hash_of(const char *s, gsize *ret_len)
{
	gsize len = strlen(s);
	*ret_len = len;
	return terms_hash_finish(terms_hash_bytes(s, len, TERMS_HASH_SEED ^ len));
}

static void
term_table_grow(Linker *l)
{
	TermTable *tt = &l->term_ids;
	guint32 mask = tt->mask * 2 + 1;
	TermSlot *slots = mem_table_new0(((gsize)mask + 1) * sizeof(TermSlot));
	for (guint32 i = 0; i <= tt->mask; i++) {
		TermSlot v = tt->slots[i];
		if (v.id == 0) {
			continue;
		}
		guint32 h = v.hash & mask;
		while (slots[h].id != 0) {
			h = (h + 1) & mask;
		}
		slots[h] = v;
	}
	mem_table_free(tt->slots, ((gsize)tt->mask + 1) * sizeof(TermSlot));
	tt->slots = slots;
	tt->mask = mask;
}

/* True when @a's text says the page was never hit ("does not affect us", "we are
 * unaffected", "no impact on our services", "we do not use ..."): a notice that the
 * page is fine, however its title reads. */
static bool
says_unaffected(const Advisory *a)
{
	static const char *const cues[] = {"not affect", "unaffected", "not impact",
					   "no impact", "not use ", "n't use ", "not been affected",
					   "not been impacted"};
	for (guint i = 0; i <= a->updates->len; i++) {
		const char *t = i == 0 ? a->text
				       : ((const AdvisoryUpdate *)a->updates->pdata[i - 1])->text;
		for (gsize k = 0; t != NULL && k < G_N_ELEMENTS(cues); k++) {
			if (strcasestr(t, cues[k]) != NULL) {
				return true;
			}
		}
	}
	return false;
}

static guint8 head_of_norm(const char *norm, gsize len);

guint32
linker_intern(Linker *l, const char *norm, const char *surface, int n)
{
	TermTable *tt = &l->term_ids;
	gsize len;
	guint32 h = term_hash_of(norm, &len);
	guint32 i = h & tt->mask;

	for (; tt->slots[i].id != 0; i = (i + 1) & tt->mask) {
		if (tt->slots[i].hash != h) {
			continue;
		}
		guint32 id = tt->slots[i].id - 1;
		const char *key = TERM(l, id)->block;
		if (memcmp(key, norm, len + 1) != 0) {
			continue;
		}
		/* The smallest surface form, so reasons read the same in any input
		 * order.  It sits right after the key, in the cache line just read. */
		char *cur = (char *)key + len + 1;
		if (strcmp(surface, cur) < 0) {
			gsize sl = strlen(surface);
			if (sl == strlen(cur)) {
				memcpy(cur, surface, sl); /* in place: the block is ours */
			} else {
				/* The old block stays in its chunk, unused, until linker_free(). */
				TERM(l, id)->block = term_block(l, norm, len, surface);
			}
		}
		return id;
	}
	guint32 id = l->terms->len;
	Term term = {.block = term_block(l, norm, len, surface), .hash = h, .n = (guint8)n,
		     .head = n == 1 ? head_of_norm(norm, len) : 0};
	if (n == 1 && linker_security_vuln_word(surface, strlen(surface))) {
		term.flag |= TERM_VULN_CUE;
	}
	g_array_append_val(l->terms, term);
	tt->slots[i].hash = h;
	tt->slots[i].id = id + 1;
	if (++tt->used * 2 > tt->mask) {
		term_table_grow(l);
	}
	return id;
}

/*
 * The fast way in for advisory text (TermsSink.words): the scanner names each
 * word by its number in a dictionary, and a term by its words' numbers, so a
 * term seen before is found by a few integers instead of building, hashing
 * and comparing its text (that was half of adding an advisory).  Two tables
 * of the same slots: every phrase of words ever seen → its term id (a cache in
 * front of linker_intern(), which a phrase of new words still goes through,
 * once, so ids and smallest surfaces come out as they always did), and the
 * phrases of the advisory being added (small, cleared per advisory), so a
 * word repeated in one advisory costs one probe of a table in cache.
 */
typedef struct {
	guint32 w[3];     /* word numbers; G_MAXUINT32 past the term's length */
	guint32 id;       /* term id + 1 (0 = empty), bit 31 = its TERM_KNOWN, bit 30 its
			   * TERM_UPSTREAM (read here, its Term is a cache miss) */
} PhraseSlot;

#define PHRASE_KNOWN 0x80000000u
#define PHRASE_UPSTREAM 0x40000000u
#define PHRASE_ID(v) (((v) & ~(PHRASE_KNOWN | PHRASE_UPSTREAM)) - 1)

typedef struct {
	PhraseSlot *slots;
	guint32 mask;     /* slots - 1 */
	guint32 used;
} PhraseTable;

/* A slot of the per-advisory table: empty unless its stamp is the table's. */
typedef struct {
	guint32 w[3];
	guint32 id;       /* as in PhraseSlot */
	guint32 stamp;
} DocPhraseSlot;

typedef struct {
	DocPhraseSlot *slots;
	guint32 mask;     /* slots - 1 */
	guint32 used;     /* slots of this stamp */
	guint32 stamp;    /* bumped per advisory: clears the table */
} DocPhraseTable;

struct LinkerWords {
	TermsWords *dict;
	PhraseTable all;  /* every phrase seen → term id + 1 */
	DocPhraseTable doc; /* the phrases of the advisory being added */
	guint32 service;    /* terms_words_vendor_service() */
	guint32 *phr;       /* replay_text()'s phrases, kept between advisories (a fresh
			     * allocation per advisory page-faulted), owned */
	gsize phr_cap;
	guint32 *vals;      /* replay_text(): per phrase new to the advisory, its
			     * phrase_term() value; sized with phr, owned */
	TermsSeen *seen;    /* scan_texts()'s, kept between advisories, owned; NULL until used */
};

static void
phrase_table_init(PhraseTable *pt, guint32 slots)
{
	pt->mask = slots - 1;
	pt->slots = mem_table_new0((gsize)slots * sizeof(PhraseSlot));
	pt->used = 0;
}

static struct LinkerWords *
linker_words(Linker *l)
{
	if (l->words == NULL) {
		l->words = g_new0(struct LinkerWords, 1);
		l->words->dict = terms_words_new();
		l->words->service = terms_words_vendor_service(l->words->dict);
		phrase_table_init(&l->words->all, 4096);
		l->words->doc.mask = 1023;
		l->words->doc.slots = g_new0(DocPhraseSlot, l->words->doc.mask + 1);
		l->words->doc.stamp = 1;
	}
	return l->words;
}

void
linker_words_free(struct LinkerWords *lw)
{
	if (lw == NULL) {
		return;
	}
	terms_words_free(lw->dict);
	mem_table_free(lw->all.slots, ((gsize)lw->all.mask + 1) * sizeof(PhraseSlot));
	g_free(lw->doc.slots);
	g_free(lw->phr);
	g_free(lw->vals);
	terms_seen_free(lw->seen);
	g_free(lw);
}

/* Three independent multiplies (a chain of three was a tenth of recording a word),
 * the high half: only slot places depend on it. */
static inline guint32
phrase_hash(const guint32 *w)
{
	guint64 h = ((guint64)w[0] * 0x9e3779b97f4a7c15u) ^ ((guint64)w[1] * 0xff51afd7ed558ccdu) ^
		    ((guint64)w[2] * 0xc4ceb9fe1a85ec53u);
	return (guint32)(h >> 32);
}

/* The slot of phrase @w (phrase_hash() @h) in @pt: its own, or the empty one it
 * would take. */
static inline guint32
phrase_find_at(const PhraseTable *pt, const guint32 *w, guint32 h)
{
	guint32 i = h & pt->mask;
	for (; pt->slots[i].id != 0; i = (i + 1) & pt->mask) {
		const PhraseSlot *s = &pt->slots[i];
		if (s->w[0] == w[0] && s->w[1] == w[1] && s->w[2] == w[2]) {
			break;
		}
	}
	return i;
}

static void
phrase_table_grow(PhraseTable *pt)
{
	PhraseTable bigger;
	phrase_table_init(&bigger, (pt->mask + 1) * 2);
	for (guint32 i = 0; i <= pt->mask; i++) {
		if (pt->slots[i].id != 0) {
			bigger.slots[phrase_find_at(&bigger, pt->slots[i].w,
						    phrase_hash(pt->slots[i].w))] = pt->slots[i];
		}
	}
	bigger.used = pt->used;
	mem_table_free(pt->slots, ((gsize)pt->mask + 1) * sizeof(PhraseSlot));
	*pt = bigger;
}

/* Room for a phrase: three words of at most TERMS_MAX_WORD (48) bytes and two spaces. */
#define PHRASE_TEXT_MAX (3 * 48 + 3)

/* Writes @n words of @w to @out as the stems (@stems) or surfaces joined by
 * single spaces. */
static void
phrase_text(const TermsWords *dict, const guint32 *w, int n, bool stems,
	    char out[PHRASE_TEXT_MAX])
{
	gsize o = 0;
	for (int k = 0; k < n; k++) {
		gsize len;
		const char *t = stems ? terms_words_stem(dict, w[k], &len)
				      : terms_words_surface(dict, w[k], &len);
		if (k > 0) {
			out[o++] = ' ';
		}
		len = MIN(len, PHRASE_TEXT_MAX - 1 - o);
		memcpy(out + o, t, len);
		o += len;
	}
	out[o] = '\0';
}

/* The term id + 1 of phrase @w (@n words; phrase_hash() @h, as its callers have
 * it already), interned on its first sight, and PHRASE_KNOWN when the term is
 * TERM_KNOWN, PHRASE_UPSTREAM when TERM_UPSTREAM (both set by linker_new(), before
 * any phrase is seen). */
static guint32
phrase_term_at(Linker *l, const guint32 *w, int n, guint32 h)
{
	struct LinkerWords *lw = l->words;
	guint32 i = phrase_find_at(&lw->all, w, h);
	if (lw->all.slots[i].id != 0) {
		return lw->all.slots[i].id;
	}
	char norm[PHRASE_TEXT_MAX], surface[PHRASE_TEXT_MAX];
	phrase_text(lw->dict, w, n, true, norm);
	phrase_text(lw->dict, w, n, false, surface);
	guint32 id = linker_intern(l, norm, surface, n);
	g_assert(id + 1 < PHRASE_UPSTREAM);
	guint8 f = TERM(l, id)->flag;
	guint32 v = (id + 1) | ((f & TERM_KNOWN) ? PHRASE_KNOWN : 0) |
		    ((f & TERM_UPSTREAM) ? PHRASE_UPSTREAM : 0);
	memcpy(lw->all.slots[i].w, w, sizeof(lw->all.slots[i].w));
	lw->all.slots[i].id = v;
	if (++lw->all.used * 2 > lw->all.mask) {
		phrase_table_grow(&lw->all);
	}
	return v;
}

static guint32
phrase_term(Linker *l, const guint32 *w, int n)
{
	return phrase_term_at(l, w, n, phrase_hash(w));
}

/* The slot of phrase @w (phrase_hash() @h) in the advisory's table: its own, or the
 * empty one it would take. */
static inline guint32
doc_phrase_find_at(const DocPhraseTable *dt, const guint32 *w, guint32 h)
{
	guint32 i = h & dt->mask;
	for (; dt->slots[i].stamp == dt->stamp; i = (i + 1) & dt->mask) {
		const DocPhraseSlot *s = &dt->slots[i];
		if (s->w[0] == w[0] && s->w[1] == w[1] && s->w[2] == w[2]) {
			break;
		}
	}
	return i;
}

static void
doc_phrase_grow(DocPhraseTable *dt)
{
	DocPhraseTable bigger = {.mask = dt->mask * 2 + 1, .used = dt->used, .stamp = 1};
	bigger.slots = g_new0(DocPhraseSlot, (gsize)bigger.mask + 1);
	for (guint32 i = 0; i <= dt->mask; i++) {
		if (dt->slots[i].stamp == dt->stamp) {
			DocPhraseSlot v = dt->slots[i];
			v.stamp = 1;
			bigger.slots[doc_phrase_find_at(&bigger, v.w, phrase_hash(v.w))] = v;
		}
	}
	g_free(dt->slots);
	*dt = bigger;
}

/* Forgets the phrases of the advisory just added. */
static void
phrase_doc_clear_table(DocPhraseTable *dt)
{
	dt->used = 0;
	if (++dt->stamp == 0) {
		memset(dt->slots, 0, ((gsize)dt->mask + 1) * sizeof(DocPhraseSlot));
		dt->stamp = 1;
	}
}

static inline void
idvec_push(IdVec *iv, guint32 id)
{
	if (G_UNLIKELY(iv->n == iv->cap)) {
		iv->cap = iv->cap == 0 ? 256 : iv->cap * 2;
		iv->v = g_renew(guint32, iv->v, iv->cap);
	}
	iv->v[iv->n++] = id;
}

typedef struct {
	Linker *linker;
	GArray *ids; /* guint32 */
	Doc *doc;
	GString *title; /* when not NULL: the title key being built (terms_title_key()) */
	char *title_key; /* the title key, owned */
	unsigned sentence; /* TermsSentence flags of the sentence being scanned */
	unsigned title_flags; /* those of the title's sentences, ORed (collect_title_sentence()) */
	ProvMask cause_providers; /* providers named in sentences stating a cause */
	ProvMask relay_providers;  /* ...of them, those named in a relayed state (TERMS_SENTENCE_RELAY) */
	ProvMask stated_providers; /* ...and those named elsewhere (a cause, a blame) */
	guint32 roles;     /* roles named */
	guint32 weak_roles; /* KnownTerm.weak_roles of sentences stating a cause or blame */
	guint32 vendor_roles; /* KnownTerm.vendor_roles of the role phrases said */
	guint32 tail_weak; /* weak_roles of the two-word phrase just collected */
	GArray *weak_heads; /* guint32 pairs: the word before such a phrase (term id), its roles */
	ProvMask providers; /* providers named: KnownTerm.providers of every term collected */
	bool upstream;     /* a term collected is TERM_UPSTREAM */
	IdVec *cause;      /* phrase terms of sentences stating a cause */
	IdVec *blame_words; /* word terms of sentences stating a cause or blame */
	IdVec *share_words; /* word terms of sentences claiming a shared cause */
	GArray *blame_products; /* guint32 word terms after a provider's name in a blame */
	/* The last word entered in blame_words (its index there + 1, 0: none, and
	 * its word number), and the one before it: see collect_phrase(). */
	guint blame_last, blame_prev;
	guint32 blame_last_word, blame_prev_word;
	/* The last word so unnamed (its index there + 1, 0: none; its term and its
	 * word number): a problem word ending its three-word phrase names it again. */
	guint blame_killed;
	guint32 blame_killed_id, blame_killed_word;
	IdVec *title_ids;  /* terms of the title (collect_title_words()) */
	IdVec text_ids;    /* terms of the text by word numbers (collect_words()), each once */
	bool disclaims;    /* a sentence says it is separate from an ongoing incident */
	ProvMask networks; /* providers whose network it names by AS number */
	bool shares;       /* a sentence says it shares an ongoing incident's cause */
	ProvMask region_provs; /* Doc.region_provs */
} Collect;

static void add_region(Doc *d, const char *region);

/* A role word with a provider noun ("our monitoring vendor") in a sentence stating
 * a cause or blame: a vendor of that role blamed (KnownTerm.cause_roles). */
static inline void
collect_cause_roles(Collect *c, const KnownTerm *kt)
{
	if (kt->cause_roles != 0) {
		c->roles |= kt->cause_roles;
		c->upstream = true;
	}
	c->weak_roles |= kt->weak_roles;
	if (G_UNLIKELY(c->sentence & TERMS_SENTENCE_RELIES) && kt->weak_roles != 0) {
		/* "an external DNS service we rely on": a vendor's service. */
		c->roles |= kt->weak_roles;
		c->upstream = true;
	}
}

/* What the knowledge term @kt names, wherever said: providers, networks, roles,
 * regions.  Not inlined: few phrases are such terms, and the phrase loops stay
 * small enough to be inlined themselves (a ProvMask is four words). */
static G_GNUC_NO_INLINE void
collect_known(Collect *c, const KnownTerm *kt)
{
	const Knowledge *k = &c->linker->know;
	c->providers = prov_or(c->providers, kt->providers);
	c->networks = prov_or(c->networks, kt->networks);
	c->roles |= kt->roles;
	c->vendor_roles |= kt->vendor_roles;
	for (guint r = 0; kt->regions != 0 && r < k->regions->len; r++) {
		if (kt->regions & (G_GUINT64_CONSTANT(1) << r)) {
			const KnowledgeList *kl = k->regions->pdata[r];
			add_region(c->doc, kl->name);
			c->region_provs = prov_or(c->region_provs, kl->owner_mask);
		}
	}
}

/* False for a phrase ending with the vendor's "service" (terms_words_vendor_service())
 * that names no role of the knowledge ("our identity service" does; "the kelvatrix
 * service", "service" alone do not): those words are no terms, as elsewhere. */
static bool
vendor_service_ok(Linker *l, const guint32 *w, int n)
{
	if (G_LIKELY(w[n - 1] != l->words->service)) {
		return true;
	}
	guint32 w3[3] = {w[0], n > 1 ? w[1] : G_MAXUINT32, n > 2 ? w[2] : G_MAXUINT32};
	guint32 v = n > 1 ? phrase_term(l, w3, n) : 0;
	if (!(v & PHRASE_KNOWN)) {
		return false;
	}
	const KnownTerm *kt = g_hash_table_lookup(l->known, GUINT_TO_POINTER(PHRASE_ID(v) + 1));
	return (kt->cause_roles | kt->weak_roles) != 0;
}

/* A provider named in a blaming sentence: blamed by a relayed state only
 * (TERMS_SENTENCE_RELAY: "Slack has confirmed an incident") or stated (Doc.relayed). */
static inline void
collect_relay(Collect *c, const KnownTerm *kt)
{
	if (c->sentence & TERMS_SENTENCE_RELAY) {
		c->relay_providers = prov_or(c->relay_providers, kt->providers);
	} else {
		c->stated_providers = prov_or(c->stated_providers, kt->providers);
	}
}

/* The title's terms, by word numbers (TermsSink.term_words): each occurrence
 * counts (the title's own terms, its key), so no per-advisory table; the
 * phrase table interns a phrase once, not per occurrence (as a string, that was
 * a hash and a compare per title term).  Same ids, surfaces and order of first
 * sight as interning the strings. */
static void
collect_title_words(void *user, const guint32 *word, int nwords)
{
	Collect *c = user;
	Linker *l = c->linker;
	for (int n = 1; n <= nwords; n++) {
		const guint32 *last = word + nwords - n;
		guint32 w[3] = {last[0], n > 1 ? last[1] : G_MAXUINT32,
				n > 2 ? last[2] : G_MAXUINT32};
		if (!vendor_service_ok(l, last, n)) {
			continue;
		}
		guint32 v = phrase_term(l, w, n);
		guint32 id = PHRASE_ID(v);
		g_array_append_val(c->ids, id);
		if ((c->sentence & TERMS_SENTENCE_CAUSE) && n >= 2 && c->cause != NULL) {
			idvec_push(c->cause, id);
		}
		if (c->title_ids != NULL) {
			idvec_push(c->title_ids, id);
		}
		c->upstream |= (v & PHRASE_UPSTREAM) != 0;
		if (v & PHRASE_KNOWN) {
			const KnownTerm *kt = g_hash_table_lookup(l->known, GUINT_TO_POINTER(id + 1));
			if (c->sentence & (TERMS_SENTENCE_CAUSE | TERMS_SENTENCE_BLAME)) {
				c->cause_providers = prov_or(c->cause_providers, kt->providers);
				collect_relay(c, kt);
				collect_cause_roles(c, kt);
			}
			collect_known(c, kt);
		}
		if (c->title != NULL && n == 1) {
			gsize len;
			const char *stem = terms_words_stem(l->words->dict, w[0], &len);
			if (c->title->len > 0) {
				g_string_append_c(c->title, ' ');
			}
			g_string_append_len(c->title, stem, (gssize)len);
		}
	}
}

/* collect_phrase() before the advisory's own table: false when the phrase is no
 * term (vendor_service_ok()). */
static inline bool
collect_phrase_head(Collect *c, const guint32 *word, int n)
{
	Linker *l = c->linker;
	if (n == 1) {
		c->tail_weak = 0;
	} else if (G_UNLIKELY(n == 3 && c->tail_weak != 0) && c->weak_heads != NULL) {
		/* "microsoft identity platform": whose platform (see KnownTerm.weak_roles). */
		guint32 head[3] = {word[0], G_MAXUINT32, G_MAXUINT32};
		guint32 pair[2] = {PHRASE_ID(phrase_term(l, head, 1)), c->tail_weak};
		g_array_append_vals(c->weak_heads, pair, 2);
		c->tail_weak = 0;
	}
	return vendor_service_ok(l, word, n);
}

/* A phrase new to the advisory (@w: its @n words, G_MAXUINT32 past them): its
 * phrase_term() value, its term entered in the text's ids, what it names in the
 * advisory's features. */
static inline guint32
collect_phrase_new(Collect *c, const guint32 *w, int n, guint32 h)
{
	Linker *l = c->linker;
	guint32 v = phrase_term_at(l, w, n, h);
	guint32 id = PHRASE_ID(v);
	c->upstream |= (v & PHRASE_UPSTREAM) != 0;
	idvec_push(&c->text_ids, id);
	if (v & PHRASE_KNOWN) {
		collect_known(c, g_hash_table_lookup(l->known, GUINT_TO_POINTER(id + 1)));
	}
	return v;
}

/* Words naming a problem that are not stop words ("issue", "incident" and "problem"
 * make no terms), and words for what a company owns and runs, as their stems. */
static const char *const problem_words[] = {"outage", "disruption", "failure"};
static const char *const owner_head_words[] = {"network", "system", "platform", "infrastructure",
					       "backbone", "server", "cloud"};
static char problem_stems[G_N_ELEMENTS(problem_words)][TERMS_MAX_WORD + 1];
static char owner_head_stems[G_N_ELEMENTS(owner_head_words)][TERMS_MAX_WORD + 1];

static void
head_stems_init(void)
{
	static gsize ready = 0;
	if (g_once_init_enter(&ready)) {
		for (gsize i = 0; i < G_N_ELEMENTS(problem_words); i++) {
			terms_stem(problem_stems[i], problem_words[i]);
		}
		for (gsize i = 0; i < G_N_ELEMENTS(owner_head_words); i++) {
			terms_stem(owner_head_stems[i], owner_head_words[i]);
		}
		g_once_init_leave(&ready, 1);
	}
}

/* Whether @norm (@len bytes) is one of the @n stems @stems: first byte and length
 * before a compare, as every new word term asks. */
static bool
norm_is_stem(const char *norm, gsize len, const char (*stems)[TERMS_MAX_WORD + 1], gsize n)
{
	for (gsize i = 0; i < n; i++) {
		if (stems[i][0] == norm[0] && stems[i][len] == '\0' &&
		    memcmp(norm, stems[i], len) == 0) {
			return true;
		}
	}
	return false;
}

/* Term.head of a word term of normalised text @norm (@len bytes): which of the
 * stems below it is.  (problem_term() and owner_head_term() are asked of word
 * terms only: blame_words, collect_phrase_said().) */
static guint8
head_of_norm(const char *norm, gsize len)
{
	if (len > TERMS_MAX_WORD) {
		return 0;
	}
	head_stems_init();
	return (norm_is_stem(norm, len, problem_stems, G_N_ELEMENTS(problem_stems))
			? TERM_HEAD_PROBLEM
			: 0) |
	       (norm_is_stem(norm, len, owner_head_stems, G_N_ELEMENTS(owner_head_stems))
			? TERM_HEAD_OWNER
			: 0);
}

/* True when term @t is a word naming a problem ("outage", "disruption", "failure"). */
static inline bool
problem_term(const Linker *l, guint32 t)
{
	return t != G_MAXUINT32 && (TERM(l, t)->head & TERM_HEAD_PROBLEM);
}

/* True when term @t is a word for what a company owns and runs ("the CenturyLink
 * network", "the Azure platform", "Acme's systems"): the word before it names whose
 * it is, the owner a blame means, as a problem word's does ("the Optus outage"). */
static inline bool
owner_head_term(const Linker *l, guint32 t)
{
	return t != G_MAXUINT32 && (TERM(l, t)->head & TERM_HEAD_OWNER);
}

/* collect_phrase_tail() in a sentence stating a cause, blaming or claiming a
 * shared cause: out of line, as few sentences are. */
static G_GNUC_NO_INLINE void
collect_phrase_said(Collect *c, const guint32 *word, int n, guint32 v)
{
	Linker *l = c->linker;
	if (G_UNLIKELY(c->sentence & TERMS_SENTENCE_SHARES) && n == 1 && c->share_words != NULL) {
		idvec_push(c->share_words, PHRASE_ID(v));
	}
	if (G_LIKELY(!(c->sentence & (TERMS_SENTENCE_CAUSE | TERMS_SENTENCE_BLAME)))) {
		return;
	}
	guint32 id = PHRASE_ID(v);
	if ((c->sentence & TERMS_SENTENCE_CAUSE) && n >= 2 && c->cause != NULL) {
		idvec_push(c->cause, id);
	}
	if (n == 1 && c->blame_words != NULL) {
		c->blame_prev = c->blame_last;
		c->blame_prev_word = c->blame_last_word;
		idvec_push(c->blame_words, id);
		c->blame_last = c->blame_words->n;
		c->blame_last_word = word[0];
	} else if (n == 2 && c->blame_prev != 0 && word[0] == c->blame_prev_word &&
		   !problem_term(l, c->blame_words->v[c->blame_last - 1]) &&
		   !owner_head_term(l, c->blame_words->v[c->blame_last - 1])) {
		/* A word the next word of its phrase follows modifies it ("API" in
		 * "our API gateway configuration"): the blamed thing, a feed named by
		 * it, is the head of the phrase ("caused by Quillstack", "our CDN
		 * provider Edgeflare is down"), so the word names no feed here.  But a
		 * problem word as the head says whose problem it is: "the Optus
		 * outage" blames Optus (problem_term()), and a word for what a company
		 * runs whose it is: "the CenturyLink network" (owner_head_term()). */
		guint32 head = c->blame_words->v[c->blame_prev - 1];
		c->blame_words->v[c->blame_prev - 1] = G_MAXUINT32;
		c->blame_killed = c->blame_prev;
		c->blame_killed_id = head;
		c->blame_killed_word = word[0];
		c->blame_prev = 0;
		/* A provider's name before it: the word names the product blamed
		 * ("Cloudflare R2 is having an outage"). */
		guint32 product = c->blame_words->v[c->blame_last - 1];
		if (head != G_MAXUINT32 && product != G_MAXUINT32 && c->blame_products != NULL &&
		    (TERM(l, head)->flag & TERM_KNOWN) && !(TERM(l, product)->flag & TERM_KNOWN)) {
			const KnownTerm *hk = g_hash_table_lookup(l->known, GUINT_TO_POINTER(head + 1));
			if (prov_any(hk->providers)) {
				g_array_append_val(c->blame_products, product);
			}
		}
	}
	if (n == 3 && c->blame_killed != 0 && word[0] == c->blame_killed_word &&
	    problem_term(l, c->blame_words->v[c->blame_last - 1])) {
		/* "the Optus network outage": the first word names the owner of the
		 * problem the phrase ends with, as in "the Optus outage". */
		c->blame_words->v[c->blame_killed - 1] = c->blame_killed_id;
		c->blame_killed = 0;
	}
	if (v & PHRASE_KNOWN) {
		const KnownTerm *kt = g_hash_table_lookup(l->known, GUINT_TO_POINTER(id + 1));
		c->cause_providers = prov_or(c->cause_providers, kt->providers);
		collect_relay(c, kt);
		collect_cause_roles(c, kt);
		if (n == 2) {
			c->tail_weak = kt->weak_roles;
		}
	}
}

/* What phrase @word (@n words; phrase_term() value @v) adds through its sentence:
 * nothing in most sentences, told here without a call (12.9 million calls over
 * the 2,000-feed corpus, 0.7 G instructions with what they did). */
static inline void
collect_phrase_tail(Collect *c, const guint32 *word, int n, guint32 v)
{
	if (G_UNLIKELY(c->sentence & (TERMS_SENTENCE_SHARES | TERMS_SENTENCE_CAUSE |
				      TERMS_SENTENCE_BLAME))) {
		collect_phrase_said(c, word, n, v);
	}
}

/* The term of the last @n words of @word. */
static inline void
collect_phrase(Collect *c, struct LinkerWords *lw, const guint32 *word, int n)
{
	if (!collect_phrase_head(c, word, n)) {
		return;
	}
	DocPhraseTable *dt = &lw->doc;
	guint32 w[3] = {word[0], n > 1 ? word[1] : G_MAXUINT32, n > 2 ? word[2] : G_MAXUINT32};
	guint32 h = phrase_hash(w);
	guint32 i = doc_phrase_find_at(dt, w, h);
	guint32 v = dt->slots[i].id;

	if (dt->slots[i].stamp != dt->stamp) {
		v = collect_phrase_new(c, w, n, h);
		DocPhraseSlot *slot = &dt->slots[i];
		memcpy(slot->w, w, sizeof(w));
		slot->id = v;
		slot->stamp = dt->stamp;
		if (++dt->used * 2 > dt->mask) {
			doc_phrase_grow(dt);
		}
	}
	collect_phrase_tail(c, word, n, v);
}

/* The terms ending at the last of @nwords words (the text of an advisory; never
 * its title, whose key needs every word in order).  A term already collected for
 * this advisory only adds what depends on its sentence. */
static void
collect_words(void *user, const guint32 *word, int nwords)
{
	Collect *c = user;
	struct LinkerWords *lw = c->linker->words;
	for (int n = 1; n <= nwords; n++) {
		collect_phrase(c, lw, word + nwords - n, n);
	}
}

static void
collect_ref(void *user, const char *id_lower, TermsRefPolarity polarity)
{
	Collect *c = user;
	if (c->doc->refs == NULL) {
		c->doc->refs = g_array_new(FALSE, FALSE, sizeof(Ref));
	}
	GArray *refs = c->doc->refs;
	for (guint i = 0; i < refs->len; i++) {
		Ref *r = &g_array_index(refs, Ref, i);
		if (strcmp(r->id_lower, id_lower) == 0) {
			/* "not related" anywhere wins; otherwise the firmest word wins. */
			if (polarity == TERMS_REF_NEGATIVE || r->polarity == TERMS_REF_NEGATIVE) {
				r->polarity = TERMS_REF_NEGATIVE;
			} else if (polarity == TERMS_REF_POSITIVE) {
				r->polarity = TERMS_REF_POSITIVE;
			}
			return;
		}
	}
	Ref r = {.id_lower = g_strdup(id_lower), .hash = g_str_hash(id_lower),
		 .polarity = polarity};
	g_array_append_val(refs, r);
}

/* Length of @region's area: all of it but a last "-<number>" after a first dash
 * ("us-east-1" and "US-East": "us-east"; "europe-west9" is its own area). */
static gsize
region_area_len(const char *region)
{
	const char *last = strrchr(region, '-');
	if (last != NULL && last != strchr(region, '-') && g_ascii_isdigit(last[1])) {
		return (gsize)(last - region);
	}
	return strlen(region);
}

/* "us-east-1" and "US-East": the area "us-east", lower case, without the region's number. */
char *
linker_region_area(const char *region)
{
	return g_ascii_strdown(region, (gssize)region_area_len(region));
}

/* Two regions (lower case) are one place when they are equal, or when one is an area
 * without a number and the other a region of it ("US-East" meets "us-east-1" and
 * "us-east-2"); two numbered regions of one area (us-east-1 in N. Virginia, us-east-2
 * in Ohio; ap-northeast-1 Tokyo, ap-northeast-2 Seoul) are two places.  Called per
 * pair scored: no allocation. */
bool
linker_region_same(const char *a, const char *b)
{
	if (strcmp(a, b) == 0) {
		return true;
	}
	gsize na = region_area_len(a), nb = region_area_len(b);
	return na == nb && memcmp(a, b, na) == 0 && (a[na] == '\0' || b[nb] == '\0');
}

static void
add_region(Doc *d, const char *region)
{
	g_autofree char *code = g_ascii_strdown(region, -1);
	if (d->regions == NULL) {
		/* Most advisories name none: no array until one does. */
		d->regions = g_ptr_array_new_with_free_func(g_free);
	}
	for (guint i = 0; i < d->regions->len; i++) {
		if (strcmp(d->regions->pdata[i], code) == 0) {
			return;
		}
	}
	g_ptr_array_add(d->regions, g_steal_pointer(&code));
}

static void
collect_sentence(void *user, unsigned flags)
{
	Collect *c = user;
	c->sentence = flags;
	/* Also where the flags turn inside a sentence (a blamed span: "We are
	 * affected by the AWS outage", "Slack has confirmed an incident"): a phrase
	 * reaching back over the turn has no blamed word before it here. */
	c->blame_last = 0;
	c->blame_prev = 0;
	c->blame_killed = 0;
	c->disclaims |= (flags & TERMS_SENTENCE_DISCLAIMS) != 0;
	c->shares |= (flags & TERMS_SENTENCE_SHARES) != 0;
}

/* collect_sentence() for the title, whose flags doc_index() keeps for
 * linker_title_unaffected_flags(). */
static void
collect_title_sentence(void *user, unsigned flags)
{
	Collect *c = user;
	c->title_flags |= flags;
	collect_sentence(user, flags);
}

static void
collect_region(void *user, const char *region)
{
	Collect *c = user;
	add_region(c->doc, region);
	c->region_provs = prov_or(c->region_provs, linker_region_form_owner(c->linker, region));
}

int
linker_cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static gint64
last_activity(const Advisory *a)
{
	gint64 t = MAX(a->start, a->updated);
	for (guint i = 0; i < a->updates->len; i++) {
		const AdvisoryUpdate *u = a->updates->pdata[i];
		t = MAX(t, u->time);
	}
	return t;
}

/* When @a began: its start, else its first post's time, else its update time. */
static gint64
advisory_begin(const Advisory *a)
{
	gint64 s = a->start;
	if (s == SW_TIME_NONE) {
		for (guint i = 0; i < a->updates->len; i++) {
			const AdvisoryUpdate *u = a->updates->pdata[i];
			if (u->time != SW_TIME_NONE && (s == SW_TIME_NONE || u->time < s)) {
				s = u->time;
			}
		}
	}
	return s != SW_TIME_NONE ? s : a->updated;
}

/* Doc.last of @a, begun at @s (advisory_begin()). */
static gint64
advisory_last(const Advisory *a, gint64 s)
{
	return s == SW_TIME_NONE ? SW_TIME_NONE : MAX(last_activity(a), s);
}

static void
doc_interval(Doc *d)
{
	const Advisory *a = d->adv;
	gint64 s = advisory_begin(a);
	d->s = s;
	d->last = advisory_last(a, s);
	if (s == SW_TIME_NONE) {
		d->e = SW_TIME_NONE;
		return;
	}
	if (a->end != SW_TIME_NONE) {
		d->e = MAX(a->end, s);
	} else if (a->status == ADVISORY_STATUS_RESOLVED ||
		   a->status == ADVISORY_STATUS_FALSE_POSITIVE ||
		   (a->status == ADVISORY_STATUS_UNKNOWN && linker_title_well(a->title))) {
		/* Closed without an end time ("All systems operational" says so): it
		 * ended by its last post. */
		d->e = MAX(last_activity(a), s);
	} else {
		d->e = MAX(last_activity(a), s) + OPEN_HORIZON;
	}
}

/* Every sentence of @a's text and its updates' texts to @sink, each once
 * (terms_scan_unique(), through @seen, reset first): the text first, then the
 * updates in order.  An
 * update's text found in the text is read only to the end of its first plain
 * sentence (terms_scan_unique_in()): the same calls to @sink, without reading
 * it all again.  The line ends tried for that are capped per advisory
 * (terms_probe_budget()): past the cap updates are read whole, so many updates
 * not in a text of many lines cost linear time, not their product.  Returns
 * linker_text_holds_updates() of @a (the lengths are at hand here). */
static bool
scan_texts(const Advisory *a, const TermsSink *sink, TermsSeen *seen)
{
	terms_seen_reset(seen);
	/* Its length once, for the scan, the line ends and what is returned. */
	gsize tlen = a->text != NULL ? strlen(a->text) : 0, ulen = 0;
	terms_scan_unique(a->text, a->text != NULL ? tlen : G_MAXSIZE, sink, seen);
	guint32 ends_buf[64];
	g_autofree guint32 *ends_heap = NULL;
	const guint32 *ends = NULL;
	guint nends = 0;
	gsize probes = 0; /* terms_scan_unique_in()'s, for all the updates */
	for (guint i = 0; i < a->updates->len; i++) {
		const AdvisoryUpdate *u = a->updates->pdata[i];
		if (ends == NULL && a->text != NULL) {
			/* Once per advisory, on the stack for most.  The offsets are 32 bits:
			 * a longer text (fields are capped far below) gets no line ends, so
			 * every update is read whole. */
			nends = tlen < G_MAXUINT32 ? terms_line_ends(a->text, tlen, ends_buf,
								    G_N_ELEMENTS(ends_buf))
						   : 0;
			if (nends > G_N_ELEMENTS(ends_buf)) {
				ends_heap = g_new(guint32, nends);
				terms_line_ends(a->text, tlen, ends_heap, nends);
			}
			ends = ends_heap != NULL ? ends_heap : ends_buf;
			probes = terms_probe_budget(tlen);
		}
		gsize ul = u->text != NULL ? strlen(u->text) : 0;
		terms_scan_unique_in(u->text, ul, a->text, ends, nends, &probes, sink, seen);
		ulen += ul;
	}
	return tlen >= ulen;
}

/* Scans every text of @a into @c; fills @d's title key on the way (the title
 * is scanned once for both unless it starts with a "[state]" tag). */
static void replay_text(Collect *c, LinkerText *t);

static void
scan_all_text(const Advisory *a, Collect *c, const TermsSink *sink, LinkerText *pre)
{
	const char *t = a->title != NULL ? a->title : "";
	while (*t == ' ') {
		t++;
	}
	TermsSink title = *sink;
	title.words = linker_words(c->linker)->dict;
	title.term_words = collect_title_words;
	title.sentence = collect_title_sentence;
	if (*t != '\0' && linker_is_label(t, strlen(t))) {
		/* A title that is a status level and nothing else ("Minor service
		 * disruption", "All systems operational": a status-message feed's)
		 * names nothing two items could share: no terms, no title key. */
		c->title_key = g_strdup("");
	} else if (*t == '[') {
		terms_scan(a->title, &title);
		c->title_key = terms_title_key(a->title);
	} else {
		c->title = g_string_new(NULL);
		terms_scan(a->title, &title);
		c->title_key = g_string_free(g_steal_pointer(&c->title), FALSE);
	}
	if (pre != NULL) {
		replay_text(c, pre);
		g_array_append_vals(c->ids, c->text_ids.v, c->text_ids.n);
		g_clear_pointer(&c->text_ids.v, g_free);
		c->text_ids.n = c->text_ids.cap = 0;
		return;
	}
	/* The rest by word numbers; the text repeats the updates' sentences: each
	 * is scanned once. */
	TermsSink fast = *sink;
	fast.words = linker_words(c->linker)->dict;
	fast.term_words = collect_words;
	/* collect_phrase(): a phrase the advisory has adds only through a sentence's
	 * flags (SHARES, CAUSE, BLAME). */
	fast.quiet_repeats = true;
	struct LinkerWords *lw = linker_words(c->linker);
	if (lw->seen == NULL) {
		lw->seen = terms_seen_new();
	}
	(void)scan_texts(a, &fast, lw->seen);
	phrase_doc_clear_table(&c->linker->words->doc);
	g_array_append_vals(c->ids, c->text_ids.v, c->text_ids.n);
	g_clear_pointer(&c->text_ids.v, g_free);
	c->text_ids.n = c->text_ids.cap = 0;
}

/* ---- reading text ahead, on another thread (linker.h: LinkerReader) ---------- */

/*
 * A reader runs the scan of an advisory's text and updates (not its title: its
 * key and terms go through the linker's own strings) on its own thread, with
 * its own word dictionary, and records what the scan told the sink: sentence
 * flags, the phrases doc_index() would have to look at (those new to the
 * advisory, and every phrase of a sentence stating a cause, blaming a provider
 * or claiming a shared cause, which adds to what depends on the sentence), refs
 * and regions.
 * linker_add_read() replays the record into the same Collect calls, with the
 * reader's word numbers mapped to the linker's: the same calls in the same
 * order, so the same terms, ids and features as linker_add().  The map learns
 * the words each text saw first (listed in the text), which is why a reader's
 * texts must be added in the order they were read.
 */
enum {
	REC_SENTENCE = 1, /* head >> 8: TermsSentence flags */
	REC_PHRASE,       /* (head >> 8) & 0xff: n (1..3); then n reader word numbers, and
			   * with REC_AGAIN the phrase's place among the text's first
			   * sightings (REC_PHRASE records without REC_AGAIN) */
	REC_REF,          /* head >> 8: polarity; then an offset into LinkerText.str */
	REC_REGION,       /* then an offset into LinkerText.str */
};
/* A REC_PHRASE of a phrase already recorded in this advisory (a sentence stating a
 * cause or blame records every phrase): replay_text() takes its term from the first
 * record instead of looking it up again. */
#define REC_AGAIN (1u << 16)

/* The number of slots a REC_PHRASE record with @head takes. */
static inline guint
rec_phrase_len(guint32 head)
{
	return 1 + ((head >> 8) & 0xff) + ((head & REC_AGAIN) != 0);
}

struct LinkerReader {
	Linker *linker;    /* its texts go to it (read only on the adding thread) */
	TermsWords *dict;  /* the reading thread's */
	DocPhraseTable doc;/* the reading thread's: phrases of the advisory being read */
	/* The adding thread's: reader word number → linker word number + 1 (0: not yet). */
	guint32 *map;
	guint32 nmap;
	IdVec rec;         /* the reading thread's: records of the text being read, kept
			    * between texts (growing one per text was a chain of reallocs) */
	/* The reading thread's, per reader word number: the doc.stamp of the advisory
	 * whose text last held the word alone as a phrase, and its place among that
	 * text's first sightings (record_words(): a word is its own phrase, no table
	 * lookup needed).  @ucap entries each. */
	guint32 *ustamp;
	guint32 *uord;
	guint32 ucap;
	TermsSeen *seen;   /* the reading thread's, kept between texts */
	/* The reading thread's: numbers of the words that may name a service of a suite
	 * (Knowledge.service_words), and how many words of the dictionary were looked at
	 * for them (see service_maybe()). */
	GArray *service_ids;
	guint32 service_checked;
	/* The reading thread's: numbers of the words a vulnerability's cue may start
	 * (linker_security_vuln_word()), and how many words were looked at for them
	 * (see vuln_maybe()). */
	GArray *vuln_ids;
	guint32 vuln_checked;
};

/*
 * What doc_index() reads of an advisory by itself, whole, with no scan of its words:
 * read with the texts on the reader threads (linker_read()), since a text is gone by
 * doc_index() when several files are linked (a CVE id or a write-up's date in a text
 * would be lost), else by doc_index() itself.  advisory_read() fills it.
 */
typedef struct {
	char *cve; /* linker_cve_of(), owned, or NULL */
	/* linker_security_subjects() */
	char sec[SECURITY_SUBJECTS_MAX][TERMS_MAX_WORD + 1];
	guint8 nsec, sec_named, sec_lead;
	bool sec_cue;
	/* linker_title_later(), and for a continuation says_unaffected() */
	gint64 later_from, later_to;
	guint8 later_cue, later_dated;
	bool says_unaffected;
	/* linker_security_own_exposure(), of an advisory with a CVE id or a
	 * security title only */
	bool sec_own;
	/* linker_security_vuln_names(): @nvuln names, each ending in '\0', one after
	 * the other; owned, NULL when none (most advisories: not kept in every
	 * LinkerText, which all the files' advisories may hold at once) */
	char *vuln;
	guint8 nvuln;
} AdvisoryReading;

/* The names @a's sentences give a vulnerability, into @r (packed). */
static void
advisory_read_vuln(const Advisory *a, AdvisoryReading *r)
{
	char names[VULN_NAMES_MAX][TERMS_MAX_WORD + 1];
	guint n = linker_security_vuln_names(a, names, VULN_NAMES_MAX);
	GString *packed = n > 0 ? g_string_new(NULL) : NULL;
	for (guint i = 0; i < n; i++) {
		g_string_append_len(packed, names[i], (gssize)strlen(names[i]) + 1);
	}
	g_free(r->vuln);
	r->vuln = packed != NULL ? g_string_free(packed, FALSE) : NULL;
	r->nvuln = (guint8)n;
}

/* With @vuln_maybe false, the names of a vulnerability are not read (the caller
 * knows the texts name none: vuln_maybe(), doc_vuln_maybe()). */
static void
advisory_read(const Advisory *a, bool vuln_maybe, AdvisoryReading *r)
{
	r->cve = linker_cve_of(a);
	r->later_cue = (guint8)linker_title_later(a, advisory_last(a, advisory_begin(a)),
						  &r->later_from, &r->later_to, &r->later_dated);
	r->says_unaffected = r->later_cue == LATER_CUE_CONTINUE && says_unaffected(a);
	r->nsec = (guint8)linker_security_subjects(a, r->sec, SECURITY_SUBJECTS_MAX, &r->sec_named,
						   &r->sec_lead, &r->sec_cue);
	r->sec_own = (r->cve != NULL || r->sec_cue) && linker_security_own_exposure(a);
	r->vuln = NULL;
	r->nvuln = 0;
	if (vuln_maybe) {
		advisory_read_vuln(a, r);
	}
}

struct LinkerText {
	LinkerReader *reader;
	/* linker_service_blame() of the advisory, read with its texts (they may be
	 * gone when it is added) */
	ProvMask service_blame, service_denied, service_products;
	/* The providers a sentence denying a relation names (relay_denied()), read only
	 * when a sentence denies one: the texts are gone by doc_index(). */
	ProvMask relay_denied;
	/* linker_own_copies(): providers named only as the page's own copy ("our npm
	 * proxy") */
	ProvMask own_copies;
	char *claim;    /* linker_claim_text(), read with the texts (owned, or NULL) */
	bool own_cause; /* linker_own_cause(), read with the texts */
	bool own_fault; /* linker_own_fault(), read with the texts */
	guint8 page_fine; /* linker_page_fine(), read with the texts */
	/* linker_denial_text() of every role: its denying sentences (owned, or NULL),
	 * roles named as its own */
	char *denials;
	guint32 own_roles;
	char **cause_objects; /* linker_cause_objects() of the advisory, owned */
	AdvisoryReading reading; /* advisory_read(), with the texts */
	guint32 joined_roles; /* ...and its roles */
	guint32 first_new;  /* reader words first seen in this text: first_new.. */
	guint32 n_new;
	IdVec rec;          /* records, see REC_* */
	GString *str;       /* the new words' keys (a length byte, then the key), then
			     * NUL-terminated refs and regions */
};

LinkerReader *
linker_reader_new(Linker *l)
{
	LinkerReader *r = g_new0(LinkerReader, 1);
	r->linker = l;
	r->dict = terms_words_new();
	r->doc.mask = 1023;
	r->doc.slots = g_new0(DocPhraseSlot, r->doc.mask + 1);
	r->doc.stamp = 1;
	r->seen = terms_seen_new();
	return r;
}

void
linker_reader_free(LinkerReader *r)
{
	if (r == NULL) {
		return;
	}
	terms_words_free(r->dict);
	g_free(r->doc.slots);
	g_free(r->map);
	g_free(r->rec.v);
	g_free(r->ustamp);
	g_free(r->uord);
	terms_seen_free(r->seen);
	if (r->vuln_ids != NULL) {
		g_array_unref(r->vuln_ids);
	}
	if (r->service_ids != NULL) {
		g_array_unref(r->service_ids);
	}
	g_free(r);
}

void
linker_text_free(LinkerText *t)
{
	if (t == NULL) {
		return;
	}
	g_free(t->rec.v);
	g_string_free(t->str, TRUE);
	g_strfreev(t->cause_objects);
	g_free(t->denials);
	g_free(t->claim);
	g_free(t->reading.cve);
	g_free(t->reading.vuln);
	g_free(t);
}

typedef struct {
	LinkerText *t;
	unsigned any;       /* TermsSentence flags of all its sentences, or'ed */
	unsigned sentence;
	guint32 fresh;      /* REC_PHRASE records without REC_AGAIN so far */
} Recorder;

static void
record_sentence(void *user, unsigned flags)
{
	Recorder *rc = user;
	rc->sentence = flags;
	rc->any |= flags;
	idvec_push(&rc->t->rec, REC_SENTENCE | flags << 8);
}

/* Room for @k more entries in @iv. */
static inline guint32 *
idvec_room(IdVec *iv, guint k)
{
	if (G_UNLIKELY(iv->n + k > iv->cap)) {
		iv->cap = MAX(256u, MAX(iv->cap * 2, iv->n + k));
		iv->v = g_renew(guint32, iv->v, iv->cap);
	}
	return iv->v + iv->n;
}

/* A REC_PHRASE record of @n words @w; with REC_AGAIN in @again, its first sighting
 * was the @ord-th. */
static inline void
record_phrase(IdVec *rec, const guint32 *w, int n, guint32 again, guint32 ord)
{
	guint32 *v = idvec_room(rec, 5);
	v[0] = REC_PHRASE | again | (guint32)n << 8;
	/* Three words whatever @n (the room is there; past @n they are overwritten or
	 * not counted): a loop of @n was a memcpy() call per phrase. */
	v[1] = w[0];
	v[2] = n > 1 ? w[1] : 0;
	v[3] = n > 2 ? w[2] : 0;
	v[1 + n] = ord; /* kept only with REC_AGAIN */
	rec->n += 1 + (guint)n + (again != 0);
}

static void
record_words(void *user, const guint32 *word, int nwords)
{
	Recorder *rc = user;
	LinkerReader *r = rc->t->reader;
	DocPhraseTable *dt = &r->doc;
	/* Also a sentence claiming a shared cause: collect_phrase_tail() enters its
	 * words in share_words, seen before in the text or not. */
	bool all = (rc->sentence & (TERMS_SENTENCE_CAUSE | TERMS_SENTENCE_BLAME |
				    TERMS_SENTENCE_SHARES)) != 0;
	/* The word alone: its own slot in the per-word arrays. */
	guint32 w0 = word[nwords - 1];
	if (G_UNLIKELY(w0 >= r->ucap)) {
		guint32 cap = MAX(w0 + 1, MAX(1024u, r->ucap * 2));
		r->ustamp = g_renew(guint32, r->ustamp, cap);
		r->uord = g_renew(guint32, r->uord, cap);
		memset(r->ustamp + r->ucap, 0, (cap - r->ucap) * sizeof(guint32));
		r->ucap = cap;
	}
	if (r->ustamp[w0] != dt->stamp) {
		r->ustamp[w0] = dt->stamp;
		r->uord[w0] = rc->fresh++; /* its place among the first sightings */
		record_phrase(&rc->t->rec, &w0, 1, 0, 0);
	} else if (all) {
		record_phrase(&rc->t->rec, &w0, 1, REC_AGAIN, r->uord[w0]);
	}
	for (int n = 2; n <= nwords; n++) {
		const guint32 *last = word + nwords - n;
		guint32 w[3] = {last[0], last[1], n > 2 ? last[2] : G_MAXUINT32};
		guint32 i = doc_phrase_find_at(dt, w, phrase_hash(w));
		if (dt->slots[i].stamp != dt->stamp) {
			DocPhraseSlot *slot = &dt->slots[i];
			memcpy(slot->w, w, sizeof(w));
			slot->id = rc->fresh++; /* its place among the first sightings */
			slot->stamp = dt->stamp;
			if (++dt->used * 2 > dt->mask) {
				doc_phrase_grow(dt);
			}
			record_phrase(&rc->t->rec, w, n, 0, 0);
		} else if (all) {
			record_phrase(&rc->t->rec, w, n, REC_AGAIN, dt->slots[i].id);
		}
		/* else: seen in this advisory, and nothing depends on this sentence */
	}
}

static void
record_string(Recorder *rc, guint32 head, const char *text)
{
	idvec_push(&rc->t->rec, head);
	idvec_push(&rc->t->rec, (guint32)rc->t->str->len);
	g_string_append(rc->t->str, text);
	g_string_append_c(rc->t->str, '\0');
}

static void
record_ref(void *user, const char *id_lower, TermsRefPolarity polarity)
{
	record_string(user, REC_REF | (guint32)polarity << 8, id_lower);
}

static void
record_region(void *user, const char *region)
{
	record_string(user, REC_REGION, region);
}

/*
 * Which of Knowledge.service_needles linker_service_blame() need look for in the
 * text just read (its words' stamps still current): those whose word
 * (Knowledge.service_words) it read outside a denial, or all of them when some
 * sentence denies (its words are not recorded, and it may deny such a service).
 * The reader's new words are looked at once each, so this costs a few array reads
 * per text, not a search of its bytes.  The title is not read here (doc_index()
 * scans it): it is searched for the needles, being short (*@ret_title: it holds one).
 */
static guint32
service_maybe(LinkerReader *r, const Advisory *a, unsigned flags, bool *ret_title)
{
	const Knowledge *k = &r->linker->know;
	if (!prov_any(k->by_service)) {
		return 0;
	}
	if (flags & TERMS_SENTENCE_NEGATIVE) {
		return G_MAXUINT32;
	}
	if (r->service_ids == NULL) {
		r->service_ids = g_array_new(FALSE, FALSE, sizeof(guint32));
	}
	for (guint32 n = terms_words_count(r->dict); r->service_checked < n; r->service_checked++) {
		gsize len;
		const char *w = terms_words_surface(r->dict, r->service_checked, &len);
		for (guint32 i = 0; k->service_words[i] != NULL; i++) {
			if (strlen(k->service_words[i]) == len && memcmp(w, k->service_words[i], len) == 0) {
				guint32 pair[2] = {r->service_checked, i};
				g_array_append_vals(r->service_ids, pair, 2);
			}
		}
	}
	guint32 m = 0;
	for (guint i = 0; a->title != NULL && k->service_needles[i] != NULL; i++) {
		if (strstr(a->title, k->service_needles[i]) != NULL) {
			m |= 1u << i;
			*ret_title = true;
		}
	}
	for (guint i = 0; i + 1 < r->service_ids->len; i += 2) {
		guint32 w = g_array_index(r->service_ids, guint32, i);
		if (w < r->ucap && r->ustamp[w] == r->doc.stamp) {
			m |= 1u << g_array_index(r->service_ids, guint32, i + 1);
		}
	}
	return m;
}

/* True when the text just scanned holds a word a vulnerability's cue may start
 * (linker_security_vuln_word(): "vulnerability", "exploited", "CVE-..."): only then
 * are its sentences read for the names of a vulnerability (reading every text for
 * them was 15 % of linking a generated feed). */
static bool
vuln_maybe(LinkerReader *r)
{
	if (r->vuln_ids == NULL) {
		r->vuln_ids = g_array_new(FALSE, FALSE, sizeof(guint32));
	}
	for (guint32 n = terms_words_count(r->dict); r->vuln_checked < n; r->vuln_checked++) {
		gsize len;
		const char *w = terms_words_surface(r->dict, r->vuln_checked, &len);
		if (linker_security_vuln_word(w, len)) {
			g_array_append_val(r->vuln_ids, r->vuln_checked);
		}
	}
	for (guint i = 0; i < r->vuln_ids->len; i++) {
		guint32 w = g_array_index(r->vuln_ids, guint32, i);
		if (w < r->ucap && r->ustamp[w] == r->doc.stamp) {
			return true;
		}
	}
	return false;
}

static ProvMask relay_denied(const Linker *l, const Advisory *a, const ProvMask *only);

LinkerText *
linker_read(LinkerReader *r, const Advisory *a)
{
	LinkerText *t = g_new0(LinkerText, 1);
	Recorder rc = {.t = t};
	/* record_words() records a phrase the advisory has only in a sentence stating a
	 * cause or blame. */
	TermsSink sink = {.words = r->dict, .term_words = record_words, .ref = record_ref,
			  .region = record_region, .sentence = record_sentence, .user = &rc,
			  .quiet_repeats = true};

	t->reader = r;
	t->str = g_string_new(NULL);
	t->first_new = terms_words_count(r->dict);
	/* Recorded into the reader's buffer, then copied at its size. */
	t->rec = r->rec;
	t->rec.n = 0;
	bool holds = scan_texts(a, &sink, r->seen);
	bool title_names = false;
	guint32 needles = service_maybe(r, a, rc.any, &title_names);
	if (needles != 0) {
		/* Denials only where a sentence denies (the title was not read here). */
		bool denials = (rc.any & TERMS_SENTENCE_NEGATIVE) != 0 || title_names;
		t->service_blame = linker_service_blame(&r->linker->know, a, needles, denials,
							&t->service_denied, &t->service_products);
	}
	if (G_UNLIKELY(rc.any & TERMS_SENTENCE_NEGATIVE)) {
		t->relay_denied = relay_denied(r->linker, a, NULL);
	}
	if (linker_denials_maybe(a, rc.any, holds)) {
		t->denials = linker_denial_text(&r->linker->know, a, G_MAXUINT32, rc.any,
						&t->own_roles);
	}
	t->own_copies = linker_own_copies(&r->linker->know, a);
	t->page_fine = linker_page_fine(a, rc.any);
	t->own_cause = (rc.any & TERMS_SENTENCE_CAUSE) != 0 && linker_own_cause(a);
	t->own_fault = (rc.any & TERMS_SENTENCE_OWN_FAULT) != 0 && linker_own_fault(a);
	t->claim = (rc.any & TERMS_SENTENCE_SHARES) != 0 ? linker_claim_text(a) : NULL;
	t->cause_objects = linker_cause_objects(&r->linker->know, a, rc.any, holds,
						&t->joined_roles);
	advisory_read(a, vuln_maybe(r), &t->reading);
	phrase_doc_clear_table(&r->doc);
	if (r->doc.stamp == 1 && r->ucap > 0) {
		/* The stamps wrapped: none may look current. */
		memset(r->ustamp, 0, r->ucap * sizeof(guint32));
	}
	r->rec = t->rec;
	t->rec.v = g_memdup2(r->rec.v, (gsize)r->rec.n * sizeof(guint32));
	t->rec.cap = t->rec.n;
	/* The new words' keys go first in @str, so the record's offsets follow them. */
	t->n_new = terms_words_count(r->dict) - t->first_new;
	if (t->n_new > 0) {
		GString *keys = g_string_new(NULL);
		for (guint32 k = 0; k < t->n_new; k++) {
			char buf[TERMS_WORD_KEY_MAX];
			gsize len = terms_words_key(r->dict, t->first_new + k, buf);
			g_string_append_c(keys, (char)len);
			g_string_append_len(keys, buf, (gssize)len);
		}
		guint32 shift = (guint32)keys->len;
		g_string_append_len(keys, t->str->str, (gssize)t->str->len);
		g_string_free(t->str, TRUE);
		t->str = keys;
		for (guint i = 0; i < t->rec.n;) {
			guint32 head = t->rec.v[i];
			switch (head & 0xff) {
			case REC_PHRASE:
				i += rec_phrase_len(head);
				break;
			case REC_REF:
			case REC_REGION:
				t->rec.v[i + 1] += shift;
				i += 2;
				break;
			default:
				i++;
				break;
			}
		}
	}
	return t;
}

/* Replays @t (see linker_read()) into @c as scanning the text would have. */
static void
replay_text(Collect *c, LinkerText *t)
{
	LinkerReader *r = t->reader;
	struct LinkerWords *lw = linker_words(c->linker);
	const char *str = t->str->str;
	gsize off = 0;

	g_return_if_fail(r->nmap == t->first_new); /* texts added in the order read */
	r->map = g_renew(guint32, r->map, r->nmap + t->n_new);
	for (guint32 k = 0; k < t->n_new; k++) {
		gsize len = (unsigned char)str[off];
		r->map[r->nmap++] = terms_words_enter(lw->dict, str + off + 1, len);
		off += 1 + len;
	}
	/* The phrases in the linker's words first, so the loop below can ask for
	 * their slots in the overall table ahead (each a cache miss). */
	guint nphr = 0;
	/* Per phrase: its phrase_hash(), then 3 words; a record of a phrase takes at least 2
	 * slots.  Per first sighting: its phrase_term() value. */
	gsize need = 2 * (gsize)t->rec.n + 4;
	if (lw->phr_cap < need) {
		lw->phr_cap = MAX(need, 2 * lw->phr_cap);
		g_free(lw->phr);
		lw->phr = g_new(guint32, lw->phr_cap);
		g_free(lw->vals);
		lw->vals = g_new(guint32, lw->phr_cap / 4 + 1);
	}
	guint32 *phr = lw->phr;
	guint32 *vals = lw->vals;
	for (guint i = 0; i < t->rec.n;) {
		guint32 head = t->rec.v[i];
		if ((head & 0xff) == REC_PHRASE) {
			guint n = (head >> 8) & 0xff;
			guint32 *p = phr + nphr;
			/* Unrolled (the loop of three with its test per word was a tenth of
			 * this function); a record holds only its @n words. */
			const guint32 *rw = t->rec.v + i + 1;
			p[1] = r->map[rw[0]];
			p[2] = n > 1 ? r->map[rw[1]] : G_MAXUINT32;
			p[3] = n > 2 ? r->map[rw[2]] : G_MAXUINT32;
			/* Its hash, for the prefetch below and phrase_term_at(): hashed
			 * once, not for each. */
			p[0] = phrase_hash(p + 1);
			nphr += 4;
			i += rec_phrase_len(head);
		} else {
			i += (head & 0xff) == REC_SENTENCE ? 1 : 2;
		}
	}
	/* The reader saw which phrases are new to the advisory (the same: its word
	 * numbers map one to one to the linker's), so collect_phrase()'s table of
	 * the advisory's phrases is not needed here. */
	guint next = 0;
	guint32 fresh = 0;
	for (guint i = 0; i < t->rec.n;) {
		guint32 head = t->rec.v[i];
		switch (head & 0xff) {
		case REC_SENTENCE:
			collect_sentence(c, head >> 8);
			i++;
			break;
		case REC_PHRASE: {
			if (next + 4 * TERM_PREFETCH < nphr) {
				guint32 ahead = phr[next + 4 * TERM_PREFETCH];
				__builtin_prefetch(&lw->all.slots[ahead & lw->all.mask]);
			}
			const guint32 *w = phr + next + 1;
			int n = (int)((head >> 8) & 0xff);
			if (head & REC_AGAIN) {
				/* Its first sighting's term (none if it is no term: a
				 * phrase's vendor_service_ok() is the same every time). */
				if (collect_phrase_head(c, w, n)) {
					collect_phrase_tail(c, w, n,
					                    vals[t->rec.v[i + 1 + (guint)n]]);
				}
			} else {
				vals[fresh] = 0;
				if (collect_phrase_head(c, w, n)) {
					vals[fresh] = collect_phrase_new(c, w, n, phr[next]);
					collect_phrase_tail(c, w, n, vals[fresh]);
				}
				fresh++;
			}
			next += 4;
			i += rec_phrase_len(head);
			break;
		}
		case REC_REF:
			collect_ref(c, str + t->rec.v[i + 1], (TermsRefPolarity)(head >> 8));
			i += 2;
			break;
		default:
			collect_region(c, str + t->rec.v[i + 1]);
			i += 2;
			break;
		}
	}
}

static void
append_index(GHashTable *index, const char *key, guint32 doc, bool borrow_key)
{
	GArray *arr = g_hash_table_lookup(index, key);
	if (arr == NULL) {
		arr = g_array_new(FALSE, FALSE, sizeof(guint32));
		g_hash_table_insert(index, borrow_key ? (char *)key : g_strdup(key), arr);
	}
	for (guint i = 0; i < arr->len; i++) {
		if (g_array_index(arr, guint32, i) == doc) {
			return;
		}
	}
	g_array_append_val(arr, doc);
}

/* Of @only (every provider when NULL), those that a sentence of @a's title, text or
 * updates denying a relation names ("unrelated to the Atlassian outage";
 * terms_denied_in()).  Run only for an item with such a sentence, or one relaying a
 * state: few. */
static ProvMask
relay_denied(const Linker *l, const Advisory *a, const ProvMask *only)
{
	g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(texts, g_ascii_strdown(a->title != NULL ? a->title : "", -1));
	g_ptr_array_add(texts, g_ascii_strdown(a->text != NULL ? a->text : "", -1));
	for (guint i = 0; i < a->updates->len; i++) {
		const AdvisoryUpdate *u = a->updates->pdata[i];
		if (u->text != NULL) {
			g_ptr_array_add(texts, g_ascii_strdown(u->text, -1));
		}
	}
	ProvMask denied = PROV_NONE;
	for (guint i = 0; i < l->know.providers->len; i++) {
		if (only != NULL && !prov_has(*only, i)) {
			continue;
		}
		const KnowledgeProvider *kp = l->know.providers->pdata[i];
		bool hit = false;
		for (guint t = 0; !hit && t < texts->len; t++) {
			for (guint j = 0; !hit && kp->names[j] != NULL; j++) {
				hit = terms_denied_in(texts->pdata[t], kp->names[j]);
			}
			for (guint j = 0; !hit && kp->aliases[j] != NULL; j++) {
				hit = terms_denied_in(texts->pdata[t], kp->aliases[j]);
			}
		}
		if (hit) {
			prov_set(&denied, i);
		}
	}
	return denied;
}

/* Enters doc @index under @id (borrowed: the doc's own id_lower). */
static void
id_docs_add(Linker *l, const char *id, guint32 index)
{
	gpointer v = g_hash_table_lookup(l->by_id, id);
	gpointer tagged = GSIZE_TO_POINTER(((gsize)index << 1) | 1);
	if (v == NULL) {
		g_hash_table_insert(l->by_id, (char *)id, tagged);
		return;
	}
	GArray *arr = v;
	if (linker_id_docs_single(v)) {
		guint32 first = (guint32)(GPOINTER_TO_SIZE(v) >> 1);
		arr = g_array_new(FALSE, FALSE, sizeof(guint32));
		g_array_append_val(arr, first);
		g_hash_table_insert(l->by_id, (char *)id, arr);
	}
	for (guint i = 0; i < arr->len; i++) {
		if (g_array_index(arr, guint32, i) == index) {
			return;
		}
	}
	g_array_append_val(arr, index);
}

static void
first_word(void *user, const char *norm, const char *surface, int n)
{
	char **out = user;
	if (n == 1 && *out == NULL) {
		*out = g_strdup(norm);
	}
}

/*
 * The word a source goes by ("edgeflare" for "edgeflare" or "edgeflare-status",
 * "aws" for "aws-ec2-us-east-1"), lowercased, or NULL: generic feed words ("status",
 * "vendor" in "vendor-a": a text saying "our vendor" names no one) and names under
 * three letters ("gh") give none.
 */
static char *
source_head(const char *source)
{
	static const char *const generic[] = {
		"status", "feed",  "rss",     "atom",   "json",	"page",	    "history",
		"incidents", "test", "local", "default", "vendor", "provider", "upstream"};
	if (source == NULL) {
		return NULL;
	}
	gsize n = 0;
	while (g_ascii_isalnum(source[n])) {
		n++;
	}
	if (n < 3) {
		return NULL;
	}
	char *head = g_ascii_strdown(source, (gssize)n);
	for (gsize i = 0; i < G_N_ELEMENTS(generic); i++) {
		if (strcmp(head, generic[i]) == 0) {
			g_free(head);
			return NULL;
		}
	}
	return head;
}

/* @word as the term a text naming it holds, marked as a source's word; G_MAXUINT32 when
 * the scanner keeps no word of it (a stop word). */
/* The term of the one word @word (its first word's norm), or G_MAXUINT32. */
static guint32
name_word_intern(Linker *l, const char *word)
{
	g_autofree char *norm = NULL;
	TermsSink sink = {.term = first_word, .user = &norm};
	terms_scan(word, &sink);
	return norm != NULL ? linker_intern(l, norm, word, 1) : G_MAXUINT32;
}

static guint32
source_word_term(Linker *l, const char *word)
{
	guint32 id = word != NULL ? name_word_intern(l, word) : G_MAXUINT32;
	if (id == G_MAXUINT32) {
		return G_MAXUINT32;
	}
	TERM(l, id)->is_source = 1;
	if (TERM(l, id)->post.absent) {
		l->absent_floor = 0; /* scoring reads a source word's posting: list it */
	}
	return id;
}

/*
 * A feed's second name word (SourceInfo.alias): the first word of the name it
 * declares in its title (@declared, linker_feed_declared_name(), whose generic
 * words are already out), when that word has 3 letters or more and is not its
 * name word @term ('blackberry' for 'rim-service' titled "BlackBerry Service
 * Updates", 'playstation' for 'psblog' titled "PlayStation.Blog").  Marked
 * TERM_ALIAS, not Term.is_source: it weighs nothing in scoring, but its posting is
 * listed, as the name rules read it.  Whether it is a common word of the texts
 * ("Cloud Service Updates") is asked where it is used (name_is_common_word()), as
 * for the name word, since later texts may make it one.  G_MAXUINT32 when none.
 */
static guint32
source_alias_term(Linker *l, const char *declared, guint32 term)
{
	if (declared == NULL) {
		return G_MAXUINT32;
	}
	gsize n = strcspn(declared, " ");
	if (n < 3) {
		return G_MAXUINT32;
	}
	/* Lower case, as for the name word: a surface only texts set (the smallest
	 * seen), so the term reads the same whatever the feeds' order. */
	g_autofree char *word = g_strndup(declared, n);
	guint32 id = name_word_intern(l, word);
	if (id == G_MAXUINT32 || id == term) {
		return G_MAXUINT32;
	}
	TERM(l, id)->flag |= TERM_ALIAS;
	if (TERM(l, id)->post.absent) {
		l->absent_floor = 0; /* the name rules read its posting: list it */
	}
	return id;
}

/* A word of a feed's title that says what the document is, not who publishes it. */
static bool
feed_generic_word(const char *w, gsize n)
{
	static const char *const generic[] = {
		"status", "service", "services", "system", "systems", "incident", "incidents",
		"history", "health", "updates", "update", "page", "dashboard", "feed", "rss",
		"atom", "xml", "trust", "current", "recent", "latest", "past", "all", "scheduled",
		"maintenance", "maintenances", "announcements", "outage", "outages", "uptime",
		"report", "reports", "alerts", "events", "notifications", "the", "and", "of",
		"for", "from", "our", "on"};
	for (gsize i = 0; i < G_N_ELEMENTS(generic); i++) {
		if (strlen(generic[i]) == n && g_ascii_strncasecmp(w, generic[i], n) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * Who a feed says it is, from the title it gives itself (Advisory.feed_name):
 * the first part of it that holds a word other than the feed's generic ones
 * (feed_generic_word()), those words lowercased and joined by spaces, or NULL.
 * Parts end at " - ", '|', ':', '(' or a long dash: "Salesforce Trust - Service
 * Status" is "salesforce", "Amazon Elastic Compute Cloud (N. Virginia) Service
 * Status" is "amazon elastic compute cloud", "Status - Incident History" nothing.
 */
char *
linker_feed_declared_name(const char *feed_name)
{
	if (feed_name == NULL) {
		return NULL;
	}
	GString *part = g_string_new(NULL);
	const char *s = feed_name;
	for (;;) {
		const char *gap = s;
		while (*s != '\0' && !g_ascii_isalnum(*s)) {
			s++;
		}
		bool brk = false;
		for (const char *c = gap; c < s; c++) {
			brk |= *c == '|' || *c == ':' || *c == '(' || *c == '[' ||
			       (*c == '-' && c > gap && c[-1] == ' ') ||
			       /* U+2013 and U+2014 (en and em dash) in UTF-8 */
			       ((guchar)c[0] == 0xE2 && (guchar)c[1] == 0x80 &&
				((guchar)c[2] == 0x93 || (guchar)c[2] == 0x94));
		}
		if ((brk || *s == '\0') && part->len > 0) {
			break;
		}
		if (brk) {
			g_string_truncate(part, 0);
		}
		if (*s == '\0') {
			break;
		}
		const char *w = s;
		while (g_ascii_isalnum(*s)) {
			s++;
		}
		if (!feed_generic_word(w, (gsize)(s - w)) && part->len < 256) {
			if (part->len > 0) {
				g_string_append_c(part, ' ');
			}
			for (const char *c = w; c < s; c++) {
				g_string_append_c(part, g_ascii_tolower(*c));
			}
		}
	}
	if (part->len == 0) {
		g_string_free(part, TRUE);
		return NULL;
	}
	return g_string_free(part, FALSE);
}

/*
 * Who a feed's home page says publishes it, when its title says nothing
 * (linker_feed_declared_name() gave NULL): the first label of its host that is not
 * a status page's own ("www", "status", "trust", "health"), nor the top-level
 * domain, up to a '-' and less a "status" at either end: "https://status.rogers.example/"
 * is "rogers", "https://www.githubstatus.com" "github", "https://acme.statuspage.io"
 * "acme" (the first label, not a hosting platform's name), or NULL.
 */
static char *
home_declared_name(const char *home)
{
	static const char *const own[] = {"www", "status", "trust", "health"};
	const char *h = home != NULL ? strstr(home, "://") : NULL;
	if (h == NULL) {
		return NULL;
	}
	h += 3;
	g_autofree char *host = g_ascii_strdown(h, (gssize)strcspn(h, "/:?#"));
	g_auto(GStrv) labels = g_strsplit(host, ".", -1);
	guint n = g_strv_length(labels);
	for (guint i = 0; i + 1 < n; i++) {
		char *label = labels[i];
		label[strcspn(label, "-")] = '\0';
		gsize len = strlen(label);
		if (len > 6 && g_str_has_suffix(label, "status")) {
			label[len - 6] = '\0';
		} else if (len > 6 && g_str_has_prefix(label, "status")) {
			label += 6;
		}
		bool skip = strlen(label) < 3;
		for (gsize k = 0; k < G_N_ELEMENTS(own) && !skip; k++) {
			skip = strcmp(label, own[k]) == 0;
		}
		for (const char *c = label; *c != '\0' && !skip; c++) {
			skip = !g_ascii_isalnum(*c);
		}
		if (!skip) {
			return g_strdup(label);
		}
	}
	return NULL;
}

/*
 * The word a source's advisories are known by (SourceInfo.term), from its name
 * (@head, source_head()) and what its feed declares (@declared,
 * linker_feed_declared_name()).  The name wins when it is the declared name's
 * first word or all its words ("harbourbank" for "Harbour Bank"), when it already
 * names a provider of the knowledge (@known: "aws-ec2-us-east-1" on a feed titled
 * "Amazon Elastic Compute Cloud ...") or when the declared word is no part of it
 * (the user's own name for a vendor's feed stays); the declared word is taken
 * when the name gives none ("gh", "vendor-a") or holds it inside ("githubstatus",
 * "trust-salesforce"), since pages that blame the provider name it so.
 */
/* True when @head, a source's name, abbreviates @word, the name its feed declares:
 * shorter, with the same first letter and every letter of it in @word in order
 * ("dbx" for "dropbox", "zdesk" for "zendesk").  Pages blaming the vendor name
 * it by the declared name, never by the user's abbreviation. */
static bool
abbreviates(const char *head, const char *word)
{
	if (head[0] != word[0] || strlen(head) >= strlen(word)) {
		return false;
	}
	const char *w = word + 1;
	for (const char *h = head + 1; *h != '\0'; h++) {
		w = strchr(w, *h);
		if (w == NULL) {
			return false;
		}
		w++;
	}
	return true;
}

/* True when the two-byte first word of @declared (lower case) is a name: the feed's
 * title, @feed_name, writes it in capitals ("KT Customer Notices", "O2 Network
 * Status", "BT Service Status"), and it is no region or common abbreviation.  A
 * carrier's short name is what pages blaming it write ("because of the KT
 * outage"); in lower case two letters are a word ("go", "my"), not a name. */
static bool
short_name_declared(const char *feed_name, const char *declared)
{
	static const char *const common[] = {"us", "uk", "eu", "it", "ai", "ip", "tv", "pc",
					     "hr", "ok", "id", "na", "my", "go", "qa", "ux"};
	if (feed_name == NULL || strcspn(declared, " ") != 2) {
		return false;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(common); i++) {
		if (strncmp(declared, common[i], 2) == 0) {
			return false;
		}
	}
	for (const char *c = feed_name; *c != '\0'; c++) {
		if ((c == feed_name || !g_ascii_isalnum(c[-1])) &&
		    g_ascii_strncasecmp(c, declared, 2) == 0 && !g_ascii_isalnum(c[2])) {
			return g_ascii_isupper(c[0]) && (g_ascii_isupper(c[1]) || g_ascii_isdigit(c[1]));
		}
	}
	return false;
}

static const char *
source_word_choose(const char *source, const char *head, const char *declared, bool known,
		   bool short_name, char **ret_word)
{
	if (declared == NULL) {
		return head;
	}
	gsize n = strcspn(declared, " ");
	g_autofree char *word = g_strndup(declared, n);
	if (n < 3 && !(short_name && head == NULL)) {
		return head;
	}
	if (head == NULL) {
		*ret_word = g_steal_pointer(&word);
		return *ret_word;
	}
	GString *all = g_string_new(NULL);
	for (const char *c = declared; *c != '\0'; c++) {
		if (*c != ' ') {
			g_string_append_c(all, *c);
		}
	}
	bool same = strcmp(head, word) == 0 || strcmp(head, all->str) == 0;
	g_string_free(all, TRUE);
	g_autofree char *src = g_ascii_strdown(source, -1);
	if (same || known || (strstr(src, word) == NULL && !abbreviates(head, word))) {
		return head;
	}
	*ret_word = g_steal_pointer(&word);
	return *ret_word;
}

guint
linker_doc_term_place(const Doc *d, guint32 t)
{
	guint a = 0, b = d->nterms;
	while (a < b) {
		guint mid = (a + b) / 2;
		if (d->terms[mid] < t) {
			a = mid + 1;
		} else {
			b = mid;
		}
	}
	return a;
}

guint
linker_source_names(const Doc *d, guint32 ret[2])
{
	guint n = 0;
	if (d->source_term != G_MAXUINT32) {
		ret[n++] = d->source_term;
	}
	if (d->si != NULL && d->si->alias != G_MAXUINT32) {
		ret[n++] = d->si->alias;
	}
	return n;
}

bool
linker_svc_shared(const Doc *a, const Doc *b)
{
	if ((a->svc_mask & b->svc_mask) == 0) {
		return false;
	}
	for (guint i = 0; i < a->nsvc; i++) {
		for (guint j = 0; j < b->nsvc; j++) {
			if (a->svc[i] == b->svc[j]) {
				return true;
			}
		}
	}
	return false;
}

bool
linker_doc_has_term(const Doc *d, guint32 t)
{
	guint a = linker_doc_term_place(d, t);
	return a < d->nterms && d->terms[a] == t;
}

static void posting_list(Linker *l, guint32 t);

static gint64
bucket_of(const Linker *l, gint64 s)
{
	return s >= 0 ? s / l->bucket_w : -((-s + l->bucket_w - 1) / l->bucket_w);
}

/* Counts each term @a and @b share once into Term.obs, @sign = +1 or -1. */
static void
obs_shared(Linker *l, const Doc *a, const Doc *b, int sign)
{
	guint i = 0, j = 0;
	while (i < a->nterms && j < b->nterms) {
		if (a->terms[i] < b->terms[j]) {
			i++;
		} else if (a->terms[i] > b->terms[j]) {
			j++;
		} else {
			TERM(l, a->terms[i])->obs += (guint32)sign;
			i++;
			j++;
		}
	}
}

guint
linker_window_docs(const Linker *l, gint64 from, gint64 to, guint32 *out, guint max)
{
	guint n = 0;
	gint64 b1 = bucket_of(l, to);
	for (gint64 b = bucket_of(l, from); b <= b1; b++) {
		const GArray *arr = g_hash_table_lookup(l->buckets, GSIZE_TO_POINTER((gsize)b));
		for (guint k = 0; arr != NULL && k < arr->len; k++) {
			if (n == max) {
				return max + 1;
			}
			out[n++] = g_array_index(arr, guint32, k);
		}
	}
	return n;
}

/*
 * Enters (@sign = 1) or takes out (@sign = -1) doc @index in the time
 * buckets: the pairs near in time it makes, overall and, once Term.obs is
 * maintained, per term it shares with the other doc (about the advisories of
 * three buckets: what adding one costs).  Call with @d's terms in place.
 */
static void
time_index(Linker *l, const Doc *d, guint32 index, int sign)
{
	if (d->s == SW_TIME_NONE) {
		return;
	}
	gint64 b = bucket_of(l, d->s);
	GArray *own = g_hash_table_lookup(l->buckets, GSIZE_TO_POINTER((gsize)b));
	if (sign < 0 && own != NULL) {
		for (guint k = 0; k < own->len; k++) {
			if (g_array_index(own, guint32, k) == index) {
				g_array_remove_index_fast(own, k);
				break;
			}
		}
	}
	for (gint64 nb = b - 1; nb <= b + 1; nb++) {
		GArray *arr = g_hash_table_lookup(l->buckets, GSIZE_TO_POINTER((gsize)nb));
		if (arr == NULL) {
			continue;
		}
		if (!l->obs_ready) {
			l->near_all += sign > 0 ? arr->len : -(guint64)arr->len;
			continue;
		}
		for (guint k = 0; k < arr->len; k++) {
			guint32 o = g_array_index(arr, guint32, k);
			if (o == index) {
				continue;
			}
			l->near_all += (guint64)(gint64)sign;
			obs_shared(l, d, l->docs->pdata[o], sign);
		}
	}
	if (sign > 0) {
		if (own == NULL) {
			own = g_array_new(FALSE, FALSE, sizeof(guint32));
			g_hash_table_insert(l->buckets, GSIZE_TO_POINTER((gsize)b), own);
		}
		g_array_append_val(own, index);
		l->n_timed++;
	} else {
		l->n_timed--;
	}
}

/*
 * Term.obs of every term from scratch, from the postings: per term, its docs
 * counted per time bucket, then same-bucket and adjacent-bucket pairs.  Run
 * once, before the first scoring (a batch adds everything first); from then
 * on time_index() keeps the counts.
 */
typedef struct {
	Linker *l;
	guint32 lo, hi;  /* its term ids */
	guint32 *seen;   /* per doc (shared: one part only when docs were replaced) */
	const gint64 *bucket; /* per doc: bucket_of() its start, G_MININT64 for none (shared) */
	gint64 bmin;     /* the least bucket of a doc with a time */
	guint32 nb;      /* buckets from bmin to the greatest, when counted densely (see
			  * obs_dense()); 0: counted in a hash table per term */
	/* When some postings are absent (Posting.absent; then nb > 0), shared: per
	 * term, whether its posting is absent and its slot among them; the terms of
	 * the docs with a time in order of bucket, those of bucket bmin + b from
	 * order[bstart[b]] to order[bstart[b + 1]] (see obs_absent()). */
	const guint8 *amap;
	const guint32 *aslot;
	guint32 nabsent;
	const struct ObsDoc *order;
	const guint32 *bstart;
} ObsPart;

/* A doc's terms, as obs_absent() reads them: a dense array in order of time
 * bucket (the Docs themselves, so ordered, were a cache miss each). */
typedef struct ObsDoc {
	const guint32 *terms;
	guint32 nterms;
} ObsDoc;

/* The time bucket of the next live entry of term @t's postings (@tm) from *@k on, which
 * is moved past it; false at the end.  Entries of docs without a time are passed over,
 * and once docs were replaced, their stale entries (the doc no longer has @t) and
 * repeated ones (marked in @op->seen) too.  The one walk of obs_dense() and obs_part(). */
static inline bool
obs_next_bucket(const ObsPart *op, const Term *tm, guint32 t, guint *k, gint64 *ret_b)
{
	const Linker *l = op->l;
	for (; *k < tm->post.len; (*k)++) {
		guint32 o = tm->post.docs[*k].doc;
		gint64 b = op->bucket[o];
		if (b == G_MININT64) {
			continue;
		}
		if (l->n_replaced > 0) {
			if (op->seen[o] == t + 1 || !linker_doc_has_term(l->docs->pdata[o], t)) {
				continue;
			}
			op->seen[o] = t + 1;
		}
		(*k)++;
		*ret_b = b;
		return true;
	}
	return false;
}

/* Time buckets up to which obs_part() counts a term's docs per bucket in an array
 * indexed by bucket (a year of two-hour buckets is 4,380) instead of a hash
 * table sized per term: no hashing, no table to clear and sweep per term. */
#define OBS_DENSE_MAX (1u << 22)

/* The near pairs of each term of @op whose posting is absent, into @acc (by
 * slot, zeroed): the docs are walked bucket by bucket, counting per such term
 * the docs of the bucket holding it (@cur) beside those of the bucket before
 * (@prev): the same counts per bucket that obs_dense() takes from a posting. */
static void
obs_absent(const ObsPart *op, guint64 *acc)
{
	guint32 *cur = g_new0(guint32, op->nabsent);
	guint32 *prev = g_new0(guint32, op->nabsent);
	guint32 *tcur = g_new(guint32, op->nabsent);
	guint32 *tprev = g_new(guint32, op->nabsent);
	guint32 nprev = 0;
	guint32 last = G_MAXUINT32; /* the bucket @prev counts */

	for (guint32 b = 0; b < op->nb; b++) {
		if (op->bstart[b] == op->bstart[b + 1]) {
			continue;
		}
		guint32 ncur = 0;
		for (guint32 k = op->bstart[b]; k < op->bstart[b + 1]; k++) {
			if (k + TERM_PREFETCH < op->bstart[op->nb]) {
				__builtin_prefetch(op->order[k + TERM_PREFETCH].terms);
			}
			const ObsDoc *d = &op->order[k];
			guint i = 0;
			if (op->lo > 0) {
				guint hi = d->nterms;
				while (i < hi) {
					guint mid = (i + hi) / 2;
					if (d->terms[mid] < op->lo) {
						i = mid + 1;
					} else {
						hi = mid;
					}
				}
			}
			for (; i < d->nterms && d->terms[i] < op->hi; i++) {
				guint32 t = d->terms[i];
				if (!op->amap[t]) {
					continue;
				}
				guint32 slot = op->aslot[t];
				if (cur[slot]++ == 0) {
					tcur[ncur++] = slot;
				}
			}
		}
		bool adjacent = last != G_MAXUINT32 && last + 1 == b;
		for (guint32 j = 0; j < ncur; j++) {
			guint64 n = cur[tcur[j]];
			acc[tcur[j]] += n * (n - 1) / 2 + (adjacent ? n * prev[tcur[j]] : 0);
		}
		for (guint32 j = 0; j < nprev; j++) {
			prev[tprev[j]] = 0;
		}
		guint32 *sw = cur;
		cur = prev;
		prev = sw;
		sw = tcur;
		tcur = tprev;
		tprev = sw;
		nprev = ncur;
		last = b;
	}
	g_free(cur);
	g_free(prev);
	g_free(tcur);
	g_free(tprev);
}

/* Term.obs of the terms of @op from a count per bucket in an array of @op->nb + 1
 * entries: the same pairs as the hash table of obs_part() counts. */
static void
obs_dense(ObsPart *op)
{
	Linker *l = op->l;
	guint32 *counts = g_new0(guint32, (gsize)op->nb + 1);
	guint32 *touched = NULL;
	guint32 cap = 0;
	guint64 *acc = NULL;

	if (op->amap != NULL) {
		acc = g_new0(guint64, op->nabsent);
		obs_absent(op, acc);
	}
	for (guint32 t = op->lo; t < op->hi; t++) {
		Term *tm = TERM(l, t);
		tm->obs = 0;
		if (tm->df < 2) {
			continue;
		}
		if (acc != NULL && op->amap[t]) {
			tm->obs = (guint32)MIN(acc[op->aslot[t]], (guint64)G_MAXUINT32);
			continue;
		}
		if (tm->post.len > cap) {
			cap = MAX(tm->post.len, 2 * cap);
			g_free(touched);
			touched = g_new(guint32, cap);
		}
		guint32 nt = 0;
		gint64 b;
		for (guint k = 0; obs_next_bucket(op, tm, t, &k, &b);) {
			guint32 i = (guint32)(b - op->bmin);
			if (counts[i]++ == 0) {
				touched[nt++] = i;
			}
		}
		guint64 obs = 0;
		for (guint32 k = 0; k < nt; k++) {
			guint64 n = counts[touched[k]];
			obs += n * (n - 1) / 2 + n * counts[touched[k] + 1];
		}
		for (guint32 k = 0; k < nt; k++) {
			counts[touched[k]] = 0;
		}
		tm->obs = (guint32)MIN(obs, (guint64)G_MAXUINT32);
	}
	g_free(counts);
	g_free(touched);
	g_free(acc);
}

static void
obs_part(ObsPart *op)
{
	if (op->nb > 0) {
		obs_dense(op);
		return;
	}
	Linker *l = op->l;
	guint32 cap = 0;
	gint64 *keys = NULL;
	guint32 *counts = NULL;

	for (guint32 t = op->lo; t < op->hi; t++) {
		Term *tm = TERM(l, t);
		tm->obs = 0;
		if (tm->df < 2) {
			continue;
		}
		guint32 need = 16;
		while (need < tm->post.len * 2) {
			need *= 2;
		}
		if (need > cap) {
			cap = need;
			keys = g_renew(gint64, keys, cap);
			counts = g_renew(guint32, counts, cap);
		}
		guint32 mask = need - 1;
		for (guint32 i = 0; i < need; i++) {
			keys[i] = G_MININT64;
		}
		gint64 b;
		for (guint k = 0; obs_next_bucket(op, tm, t, &k, &b);) {
			guint32 h = (guint32)(((guint64)b * 0x9e3779b97f4a7c15u) >> 32) & mask;
			while (keys[h] != G_MININT64 && keys[h] != b) {
				h = (h + 1) & mask;
			}
			if (keys[h] == G_MININT64) {
				keys[h] = b;
				counts[h] = 0;
			}
			counts[h]++;
		}
		guint64 obs = 0;
		for (guint32 i = 0; i < need; i++) {
			if (keys[i] == G_MININT64) {
				continue;
			}
			guint64 n = counts[i];
			obs += n * (n - 1) / 2;
			gint64 b1 = keys[i] + 1;
			guint32 h = (guint32)(((guint64)b1 * 0x9e3779b97f4a7c15u) >> 32) & mask;
			while (keys[h] != G_MININT64 && keys[h] != b1) {
				h = (h + 1) & mask;
			}
			if (keys[h] == b1) {
				obs += n * counts[h];
			}
		}
		tm->obs = (guint32)MIN(obs, (guint64)G_MAXUINT32);
	}
	g_free(keys);
	g_free(counts);
}

static gpointer
obs_thread(gpointer data)
{
	obs_part(data);
	return NULL;
}

/* What obs_part() spends on a term beside its entries, in entries (its Term is read
 * and written, and most are passed over as seen once): over the 2,000-feed corpus,
 * ranges of equal entries gave the part of the 268,000 rare terms 50 % more CPU time
 * than the part of the 2,500 common ones (39 and 26 ms); 5 made them about equal. */
#define OBS_TERM_COST 5

static inline guint64
obs_term_cost(const Term *tm)
{
	return (tm->post.absent ? tm->df : tm->post.len) + OBS_TERM_COST;
}

static void
obs_compute_all(Linker *l)
{
	guint32 nt = l->terms->len;
	guint32 *seen = g_new0(guint32, l->docs->len + 1);
	/* Each doc's bucket once, not a 64-bit division per posting entry (ten
	 * million over the 2,000-feed corpus). */
	const Span *spans = (const Span *)(void *)l->spans->data;
	gint64 *bucket = g_new(gint64, l->docs->len + 1);
	gint64 bmin = G_MAXINT64, bmax = G_MININT64;
	for (guint o = 0; o < l->docs->len; o++) {
		bucket[o] = spans[o].s == G_MAXINT64 ? G_MININT64 : bucket_of(l, spans[o].s);
		if (bucket[o] != G_MININT64) {
			bmin = MIN(bmin, bucket[o]);
			bmax = MAX(bmax, bucket[o]);
		}
	}
	/* Buckets bmin..bmax, one more for the last's neighbour (see obs_dense()). */
	guint32 nb = bmin <= bmax && (guint64)bmax - (guint64)bmin < OBS_DENSE_MAX
			     ? (guint32)(bmax - bmin) + 2
			     : 0;
	/* Absent postings are counted from the docs (obs_absent()), bucket by bucket. */
	guint8 *amap = NULL;
	guint32 *aslot = NULL, *bstart = NULL;
	ObsDoc *order = NULL;
	guint32 nabsent = 0;
	if (l->n_absent > 0 && nb == 0) {
		/* Too many buckets to walk: list them (never on real data). */
		for (guint32 t = 0; t < nt; t++) {
			if (TERM(l, t)->post.absent) {
				posting_list(l, t);
			}
		}
		l->n_absent = 0;
	}
	if (l->n_absent > 0) {
		amap = g_new0(guint8, nt);
		aslot = g_new(guint32, nt);
		for (guint32 t = 0; t < nt; t++) {
			if (TERM(l, t)->post.absent) {
				amap[t] = 1;
				aslot[t] = nabsent++;
			}
		}
		bstart = g_new0(guint32, (gsize)nb + 1);
		guint32 ntimed = 0;
		for (guint o = 0; o < l->docs->len; o++) {
			if (bucket[o] != G_MININT64) {
				bstart[bucket[o] - bmin + 1]++;
				ntimed++;
			}
		}
		for (guint32 b = 0; b < nb; b++) {
			bstart[b + 1] += bstart[b];
		}
		order = g_new(ObsDoc, ntimed + 1);
		guint32 *fill = g_memdup2(bstart, (gsize)nb * sizeof(guint32));
		for (guint o = 0; o < l->docs->len; o++) {
			if (bucket[o] != G_MININT64) {
				const Doc *d = l->docs->pdata[o];
				order[fill[bucket[o] - bmin]++] = (ObsDoc){d->terms, d->nterms};
			}
		}
		g_free(fill);
	}
	/* Parts share @seen, which only replaced docs use. */
	guint nparts = l->docs->len >= PARALLEL_MIN_DOCS && l->n_replaced == 0
			       ? CLAMP(g_get_num_processors(), 1u, LINKER_THREADS)
			       : 1;
	ObsPart parts[LINKER_THREADS] = {{0}};
	GThread *threads[LINKER_THREADS] = {NULL};
	/* Ranges of about equal work: posting entries (an absent posting's docs are
	 * counted instead), and OBS_TERM_COST per term. */
	guint64 total = 0;
	for (guint32 t = 0; nparts > 1 && t < nt; t++) {
		total += obs_term_cost(TERM(l, t));
	}
	guint64 sum = 0;
	guint32 lo = 0, t = 0;
	for (guint k = 0; k < nparts; k++) {
		guint64 goal = total * (k + 1) / nparts;
		while (k + 1 < nparts && t < nt && sum < goal) {
			sum += obs_term_cost(TERM(l, t));
			t++;
		}
		guint32 hi = k + 1 < nparts ? t : nt;
		parts[k] = (ObsPart){.l = l, .lo = lo, .hi = hi, .seen = seen, .bucket = bucket,
				     .bmin = bmin, .nb = nb, .amap = amap, .aslot = aslot,
				     .nabsent = nabsent, .order = order, .bstart = bstart};
		lo = hi;
	}
	for (guint k = 1; k < nparts; k++) {
		threads[k] = g_thread_new("obs", obs_thread, &parts[k]);
	}
	obs_part(&parts[0]);
	for (guint k = 1; k < nparts; k++) {
		g_thread_join(threads[k]);
	}
	g_free(seen);
	g_free(bucket);
	g_free(amap);
	g_free(aslot);
	g_free(order);
	g_free(bstart);
	l->obs_ready = true;
}

/* Lists the absent postings (Posting.absent) that scoring may read: of terms that may
 * find candidates (no more than linker_cand_df_max() docs hold them: more docs were
 * added, or replaced ones took the term out) or that name a source. */
static void
postings_needed(Linker *l)
{
	if (l->n_absent == 0) {
		return;
	}
	guint32 df_max = linker_cand_df_max(l);
	if (l->absent_floor > df_max) {
		return;
	}
	guint32 floor = G_MAXUINT32;
	for (guint32 t = 0; t < l->terms->len; t++) {
		const Term *tm = TERM(l, t);
		if (!tm->post.absent) {
			continue;
		}
		if (tm->df <= df_max || tm->is_source || (tm->flag & TERM_ALIAS)) {
			posting_list(l, t);
			l->n_absent--;
		} else {
			floor = MIN(floor, tm->df);
		}
	}
	l->absent_floor = floor;
}

/* Term.obs ready for scoring. */
void
linker_ensure_obs(Linker *l)
{
	linker_postings_flush(l);
	postings_needed(l);
	if (!l->obs_ready) {
		obs_compute_all(l);
		l->gen++;
	}
	linker_weights_reserve(l);
}

/* Sets term @t's document frequency and its log, which linker_weight_of() reads for
 * every term of every scored pair (log() there was a tenth of linking). */
static void
term_df_set(Linker *l, guint32 t, guint32 df)
{
	Term *tm = TERM(l, t);
	tm->df = df;
	tm->ldf = log((double)df + 1.0);
	if (G_UNLIKELY(tm->post.absent) && df < l->absent_floor) {
		l->absent_floor = df; /* replaced docs took it out: it may find again */
	}
}

/* Sorts @v (@n > 0) by a byte at a time from the lowest (LSD radix sort),
 * skipping bytes all ids share: a long advisory has hundreds of terms, and
 * qsort's calls through cmp_u32() were a tenth of adding one.  The four
 * bytes' counts come from one read of @v, and the scratch is on the stack for
 * the usual few hundred ids. */
static void
radix_sort_u32(guint32 *v, guint n)
{
	guint32 stack[1024];
	guint32 *tmp = n <= G_N_ELEMENTS(stack) ? stack : g_new(guint32, n);
	guint32 *src = v, *dst = tmp;
	guint count[4][256] = {{0}};
	for (guint i = 0; i < n; i++) {
		guint32 x = v[i];
		count[0][x & 0xff]++;
		count[1][(x >> 8) & 0xff]++;
		count[2][(x >> 16) & 0xff]++;
		count[3][x >> 24]++;
	}
	for (guint b = 0; b < 4; b++) {
		guint shift = 8 * b;
		guint *cb = count[b];
		if (cb[(src[0] >> shift) & 0xff] == n) {
			continue; /* every id has this byte: already in order by it */
		}
		guint sum = 0;
		for (guint k = 0; k < 256; k++) {
			guint c = cb[k];
			cb[k] = sum;
			sum += c;
		}
		for (guint i = 0; i < n; i++) {
			dst[cb[(src[i] >> shift) & 0xff]++] = src[i];
		}
		guint32 *t = src;
		src = dst;
		dst = t;
	}
	if (src != v) {
		memcpy(v, src, n * sizeof(guint32));
	}
	if (tmp != stack) {
		g_free(tmp);
	}
}

/* Sorts and dedups @v in place; returns the new length.  Insertion sort for
 * the usual few dozen ids (g_array_sort's merge sort cost 6,000 instructions
 * per advisory here), a radix sort beyond. */
guint
linker_sort_unique_u32(guint32 *v, guint n)
{
	if (n > 64) {
		radix_sort_u32(v, n);
	} else {
		for (guint i = 1; i < n; i++) {
			guint32 x = v[i];
			guint k = i;
			for (; k > 0 && v[k - 1] > x; k--) {
				v[k] = v[k - 1];
			}
			v[k] = x;
		}
	}
	guint m = 0;
	for (guint i = 0; i < n; i++) {
		if (m == 0 || v[m - 1] != v[i]) {
			v[m++] = v[i];
		}
	}
	return m;
}

/* Sorts and dedups the term ids @v (each < l->terms->len) in place; returns the new
 * length.  A doc's terms, hundreds for a long advisory: each id sets its bit in a bit
 * set over all term ids and its word's bit in a summary set, then the set bits are
 * read back in order (and cleared), so a sort costs a few instructions per id and
 * a word per 4,096 term ids, where the radix sort took seven passes over the ids
 * and three prefix sums of 256 counts (15 % of adding's instructions). */
static guint
sort_terms(Linker *l, guint32 *v, guint n)
{
	if (n <= 64) {
		return linker_sort_unique_u32(v, n);
	}
	guint32 words = (l->terms->len + 63) / 64;
	if (words > l->sort_words) {
		/* Both all zero here: grown by at least half, so a growing vocabulary
		 * reallocates them a few dozen times in all. */
		guint32 cap = MAX(words, l->sort_words + l->sort_words / 2);
		g_free(l->sort_bits);
		g_free(l->sort_sum);
		l->sort_bits = g_new0(guint64, cap);
		l->sort_sum = g_new0(guint64, (cap + 63) / 64);
		l->sort_words = cap;
	}
	guint64 *bits = l->sort_bits, *sum = l->sort_sum;
	for (guint i = 0; i < n; i++) {
		guint32 t = v[i];
		bits[t / 64] |= G_GUINT64_CONSTANT(1) << (t % 64);
		sum[t / 4096] |= G_GUINT64_CONSTANT(1) << (t / 64 % 64);
	}
	guint m = 0;
	for (guint32 s = 0; s < (words + 63) / 64; s++) {
		guint64 x = sum[s];
		sum[s] = 0;
		while (x != 0) {
			guint32 w = s * 64 + (guint32)__builtin_ctzll(x);
			x &= x - 1;
			guint64 y = bits[w];
			bits[w] = 0;
			while (y != 0) {
				v[m++] = w * 64 + (guint32)__builtin_ctzll(y);
				y &= y - 1;
			}
		}
	}
	return m;
}

/*
 * What a source is, from its name, what its feed says it is (the first advisory's
 * feed_name and feed_home: every advisory of one feed document carries the same) and
 * the URL it is configured with (LinkerOptions.source_urls): its word and the
 * providers it is the own feed of (a status-page host of the knowledge in its feed's
 * home or its URL, a provider's name or alias in the source name, or opening the
 * feed's declared name).
 */
static const SourceInfo *
source_info(Linker *l, const Advisory *a)
{
	const char *source = a->source;
	const char *k = source != NULL ? source : "";
	SourceInfo *si = g_hash_table_lookup(l->source_info, k);
	if (si == NULL) {
		si = g_new0(SourceInfo, 1);
		g_mutex_init(&si->vocab_lock);
		si->linker = l;
		si->docs = g_array_new(FALSE, FALSE, sizeof(guint32));
		g_autofree char *head = source_head(source);
		g_autofree char *declared = linker_feed_declared_name(a->feed_name);
		/* Only a name the feed gives itself in its title is a name pages use. */
		bool titled = declared != NULL;
		if (declared == NULL) {
			declared = home_declared_name(a->feed_home);
		}
		g_autofree char *word = NULL;
		si->providers = linker_knowledge_self(&l->know, source, NULL);
		si->term = source_word_term(
			l, source_word_choose(source != NULL ? source : "", head, declared,
					      prov_any(si->providers),
					      titled && short_name_declared(a->feed_name, declared),
					      &word));
		si->alias = titled ? source_alias_term(l, declared, si->term) : G_MAXUINT32;
		if (si->alias != G_MAXUINT32) {
			gsize n = strcspn(declared, " ");
			si->alias_word = g_strndup(declared, n);
			/* As the title writes it ("BlackBerry"), for reasons. */
			si->alias_shown = g_strdup(si->alias_word);
			for (const char *c = a->feed_name; *c != '\0'; c++) {
				if ((c == a->feed_name || !g_ascii_isalnum(c[-1])) &&
				    g_ascii_strncasecmp(c, declared, n) == 0 &&
				    !g_ascii_isalnum(c[n])) {
					memcpy(si->alias_shown, c, n);
					break;
				}
			}
			gpointer key = GUINT_TO_POINTER(si->alias + 1);
			GPtrArray *feeds = g_hash_table_lookup(l->by_alias, key);
			if (feeds == NULL) {
				feeds = g_ptr_array_new();
				g_hash_table_insert(l->by_alias, key, feeds);
			}
			g_ptr_array_add(feeds, si);
		}
		si->providers = prov_or(si->providers,
					prov_or(linker_knowledge_declared(&l->know, declared),
						linker_knowledge_self(&l->know, NULL, a->feed_home)));
		const char *conf_url = l->source_urls != NULL && source != NULL
					       ? g_hash_table_lookup(l->source_urls, source)
					       : NULL;
		si->providers = prov_or(si->providers, linker_knowledge_self(&l->know, NULL, conf_url));
		g_hash_table_insert(l->source_info, g_strdup(k), si);
	}
	return si;
}

/* ---- posting slabs -------------------------------------------------------- */

/* A big bulk flush carves its postings from one block per part instead of a
 * malloc per term: over the 2,000-feed corpus 270,000 postings, 88 MB, each
 * with malloc's own overhead, and every page of them a separate fault, where
 * a fault is costly (a VM's shadow page tables: 10-15 us a page on the bench
 * VM).  The block is populated at once, on huge pages (mem_table_new0()).  A
 * posting in a slab that must grow moves to a malloc'd array (its old entries
 * stay in the slab, dead, until linker_free()); only a flush of
 * PARALLEL_MIN_DOCS docs or more makes a slab, so a linker holds few. */
typedef struct {
	const PostEntry *lo, *hi;
} PostSlab;

static bool
posting_in_slab(const Linker *l, const PostEntry *docs)
{
	for (guint i = 0; docs != NULL && l->post_slabs != NULL && i < l->post_slabs->len; i++) {
		const PostSlab *sl = &g_array_index(l->post_slabs, PostSlab, i);
		if (docs >= sl->lo && docs < sl->hi) {
			return true;
		}
	}
	return false;
}

/* @p's entries in an array of @cap entries, moved out of a slab if in one. */
static void
posting_resize(const Linker *l, Posting *p, guint32 cap)
{
	if (posting_in_slab(l, p->docs)) {
		PostEntry *docs = g_new(PostEntry, cap);
		memcpy(docs, p->docs, (gsize)p->len * sizeof(PostEntry));
		p->docs = docs;
	} else {
		p->docs = g_renew(PostEntry, p->docs, cap);
	}
	p->cap = cap;
}

/* A slab of @n entries, its pages mapped at once (where the kernel can). */
static PostEntry *
slab_new(gsize n)
{
	/* Huge pages, populated at once (util/mem.h); freed by linker_postings_free(). */
	return mem_table_new0(MAX(n, 1) * sizeof(PostEntry));
}

void
linker_postings_free(Linker *l)
{
	for (guint i = 0; i < l->terms->len; i++) {
		Posting *p = &TERM(l, i)->post;
		if (!posting_in_slab(l, p->docs)) {
			g_free(p->docs);
		}
		p->docs = NULL;
	}
	for (guint i = 0; l->post_slabs != NULL && i < l->post_slabs->len; i++) {
		const PostSlab *sl = &g_array_index(l->post_slabs, PostSlab, i);
		mem_table_free((gpointer)sl->lo, MAX((gsize)(sl->hi - sl->lo), 1) * sizeof(PostEntry));
	}
	g_clear_pointer(&l->post_slabs, g_array_unref);
}

static void
posting_append(Linker *l, Posting *p, guint32 index, const Doc *d, bool fresh)
{
	if (p->absent) {
		return; /* listed from the docs' terms if ever needed (posting_list()) */
	}
	p->dirty |= !fresh; /* a replaced doc may have moved in time */
	if (p->len == p->cap) {
		posting_resize(l, p, p->cap == 0 ? 4 : p->cap * 2);
	}
	gint64 ds = g_array_index(l->spans, Span, index).s;
	gint32 dmin = linker_start_minutes(ds);
	if (p->len > 0 && !p->dirty) {
		/* Still sorted if @d comes after the last entry.  Start minutes are
		 * monotonic in the start: only equal minutes need the last doc's
		 * Span (a cache miss per term of the doc). */
		PostEntry last = p->docs[p->len - 1];
		if (last.smin != dmin) {
			p->dirty = last.smin > dmin;
		} else {
			gint64 ls = g_array_index(l->spans, Span, last.doc).s;
			p->dirty = !(ls < ds || (ls == ds && last.doc < index));
		}
	}
	p->docs[p->len].doc = index;
	p->docs[p->len].smin = dmin;
	p->len++;
	p->max_span = MAX(p->max_span, d->e - d->s);
}

/* Lists term @t's absent posting (Posting.absent) from the docs' terms, none of them
 * pending: the entries, order, sort state and longest span that appending each doc
 * holding it in index order gives. */
static void
posting_list(Linker *l, guint32 t)
{
	g_assert(l->pending == NULL || l->pending->len == 0);
	Posting *p = &TERM(l, t)->post;
	g_assert(p->absent && p->docs == NULL && p->len == 0);
	p->absent = false;
	p->dirty = false;
	posting_resize(l, p, MAX(TERM(l, t)->df, 1u));
	for (guint32 i = 0; i < l->docs->len; i++) {
		const Doc *d = l->docs->pdata[i];
		if (linker_doc_has_term(d, t)) {
			posting_append(l, p, i, d, true);
		}
	}
}

/* Counts doc @index (@d) into its terms' document frequencies and appends it to
 * their postings.  @fresh: never indexed before. */
static void
doc_post(Linker *l, const Doc *d, guint32 index, bool fresh)
{
	for (guint i = 0; i < d->nterms; i++) {
		guint32 t = d->terms[i];
		if (i + TERM_PREFETCH < d->nterms) {
			/* The end of each term's posting is a cache miss: ask ahead. */
			const Posting *ahead = &TERM(l, d->terms[i + TERM_PREFETCH])->post;
			if (ahead->len > 0) {
				__builtin_prefetch(&ahead->docs[ahead->len - 1], 1);
			}
		}
		term_df_set(l, t, TERM(l, t)->df + 1);
		posting_append(l, &TERM(l, t)->post, index, d, fresh);
	}
}

/* Below this many pending docs, linker_postings_flush() appends them one by one
 * (the daemon's one advisory per query); above, it counts every term first. */
#define FLUSH_BULK_MIN 64

/* What the threads of one linker_postings_flush() share: per term (each thread
 * writes only its own range of them), its new entries, their longest span,
 * where its next entry goes and its sort state (read there, the Term would be a
 * cache miss per entry). */
typedef struct {
	Linker *l;
	const guint32 *pend;
	/* The pending docs by (start, index): their entries are written in this
	 * order, so that a posting the batch begins comes out sorted. */
	const SortEntry *order;
	guint np;
	guint32 *cnt;
	gint64 *span;
	PostEntry **at;
	guint8 *dirty;
	/* Leave out the postings of terms too common to find candidates (more than
	 * @df_max docs) that hold no entry yet: see flush_absent(). */
	bool drop;
	guint32 df_max;
} FlushShared;

enum { POST_SORTED, POST_DIRTY, POST_EMPTY, POST_ABSENT };

typedef struct {
	FlushShared *sh;
	guint32 lo, hi; /* its term ids */
	bool slab;      /* carve the postings it sizes from one block */
	PostSlab made;  /* that block, if any (lo NULL: none) */
	guint32 n_absent; /* postings it left out */
	guint32 floor;    /* the least df among them */
} FlushPart;

/*
 * Whether the first bulk flush leaves term @t's posting out (Posting.absent): a
 * term in more than linker_cand_df_max() docs finds no candidates, and the
 * postings of such terms were four fifths of all entries over the 2,000-feed
 * corpus (8.7 of 11 million, 70 MB written once and read only by
 * obs_compute_all(), which counts those terms from the docs instead).  Never a
 * source's word nor an internal key (scoring reads their postings whatever
 * their df), nor a posting with entries.  linker_ensure_obs() lists an absent
 * posting from the docs' terms (posting_list()) once its term may find
 * candidates (its df at or below linker_cand_df_max(): more docs, or replaced
 * ones) or names a source.
 */
static inline bool
flush_absent(const FlushShared *sh, const Term *tm, guint32 cnt)
{
	return tm->post.absent ||
	       (sh->drop && tm->post.len == 0 && tm->post.docs == NULL && !tm->is_source &&
		!(tm->flag & TERM_ALIAS) &&
		tm->n != 0 && tm->df + cnt > sh->df_max);
}

/* The first of @d's (sorted) terms that is >= @lo. */
static inline guint
terms_from(const Doc *d, guint32 lo)
{
	if (lo == 0) {
		return 0;
	}
	guint a = 0, b = d->nterms;
	while (a < b) {
		guint mid = (a + b) / 2;
		if (d->terms[mid] < lo) {
			a = mid + 1;
		} else {
			b = mid;
		}
	}
	return a;
}

static void
flush_part(FlushPart *fp)
{
	FlushShared *sh = fp->sh;
	Linker *l = sh->l;
	guint32 *cnt = sh->cnt;
	gint64 *span = sh->span;
	PostEntry **at = sh->at;
	guint8 *dirty = sh->dirty;

	for (guint k = 0; k < sh->np; k++) {
		const Doc *d = l->docs->pdata[sh->pend[k]];
		gint64 ds = d->e - d->s;
		for (guint i = terms_from(d, fp->lo); i < d->nterms && d->terms[i] < fp->hi; i++) {
			guint32 t = d->terms[i];
			span[t] = cnt[t]++ == 0 ? ds : MAX(span[t], ds);
		}
	}
	PostEntry *slab = NULL;
	if (fp->slab) {
		gsize need = 0;
		for (guint32 t = fp->lo; t < fp->hi; t++) {
			const Posting *p = &TERM(l, t)->post;
			if (cnt[t] != 0 && p->cap < p->len + cnt[t] &&
			    !flush_absent(sh, TERM(l, t), cnt[t])) {
				need += p->len + cnt[t];
			}
		}
		if (need > 0) {
			slab = slab_new(need);
			fp->made = (PostSlab){.lo = slab, .hi = slab + need};
		}
	}
	for (guint32 t = fp->lo; t < fp->hi; t++) {
		if (cnt[t] == 0) {
			continue;
		}
		Term *tm = TERM(l, t);
		Posting *p = &tm->post;
		if (flush_absent(sh, tm, cnt[t])) {
			/* Not term_df_set(): Linker.absent_floor is set after the parts
			 * are joined (a df only grows here). */
			tm->df += cnt[t];
			tm->ldf = log((double)tm->df + 1.0);
			if (!p->absent) {
				p->absent = true;
				fp->n_absent++;
				fp->floor = MIN(fp->floor, tm->df);
			}
			dirty[t] = POST_ABSENT;
			p->max_span = MAX(p->max_span, span[t]);
			continue;
		}
		term_df_set(l, t, tm->df + cnt[t]);
		if (p->cap < p->len + cnt[t]) {
			if (slab != NULL) {
				/* Slabs are only looked up, never changed, while parts run. */
				if (p->len > 0) {
					memcpy(slab, p->docs, (gsize)p->len * sizeof(PostEntry));
				}
				if (!posting_in_slab(l, p->docs)) {
					g_free(p->docs);
				}
				p->docs = slab;
				p->cap = p->len + cnt[t];
				slab += p->cap;
			} else {
				posting_resize(l, p, p->len + cnt[t]);
			}
		}
		at[t] = p->docs + p->len;
		dirty[t] = p->dirty ? POST_DIRTY : p->len == 0 ? POST_EMPTY : POST_SORTED;
		p->max_span = MAX(p->max_span, span[t]);
	}
	const Span *spans = (const Span *)(void *)l->spans->data;
	for (guint k = 0; k < sh->np; k++) {
		guint32 index = sh->order[k].doc;
		const Doc *d = l->docs->pdata[index];
		gint64 ds = sh->order[k].s;
		gint32 dmin = sh->order[k].smin;
		for (guint i = terms_from(d, fp->lo); i < d->nterms && d->terms[i] < fp->hi; i++) {
			guint32 t = d->terms[i];
			PostEntry *e = at[t];
			if (dirty[t] == POST_ABSENT) {
				continue;
			}
			if (dirty[t] == POST_SORTED) {
				/* As posting_append(): still sorted if @d comes after the last. */
				PostEntry last = e[-1];
				bool after;
				if (last.smin != dmin) {
					after = last.smin < dmin;
				} else {
					gint64 ls = spans[last.doc].s;
					after = ls < ds || (ls == ds && last.doc < index);
				}
				dirty[t] = after ? POST_SORTED : POST_DIRTY;
			} else if (dirty[t] == POST_EMPTY) {
				dirty[t] = POST_SORTED;
			}
			e->doc = index;
			e->smin = dmin;
			at[t] = e + 1;
		}
	}
	for (guint32 t = fp->lo; t < fp->hi; t++) {
		if (cnt[t] == 0 || dirty[t] == POST_ABSENT) {
			continue;
		}
		Posting *p = &TERM(l, t)->post;
		p->len += cnt[t];
		p->dirty = dirty[t] == POST_DIRTY;
	}
}

static gpointer
flush_thread(gpointer data)
{
	flush_part(data);
	return NULL;
}

/* What flush_part() spends on a term beside its entries, in entries: its posting is
 * sized (a malloc), its Term read and written twice and its df's log taken, and the
 * entries of a rare term are each a cache miss.  Over the 2,000-feed corpus, ranges
 * of equal entries gave the part of the 265,000 rare terms far more CPU time than
 * the part of the 1,700 common ones while the other thread waited (8 still left 140
 * against 100 ms); 16 made the two parts' CPU times equal (112 and 115 ms).  Since
 * the common terms' postings are left out (flush_absent()) the first part is
 * cheaper: at 16 the parts took 75 and 165 ms of thread CPU time, at 32 78 and
 * 124-140, at 48 103 and 120-125, at 56 107-134 and 115-132 (2026-12-07). */
#define FLUSH_TERM_COST 48

/* Splits term ids [0, @nt) into @nparts ranges of about equal work: entries (the
 * first terms seen are the common ones; counted from every 16th pending doc) and
 * terms (FLUSH_TERM_COST each: in a batch every term id is one of the pending docs'). */
static void
flush_bounds(const FlushShared *sh, guint32 nt, guint nparts, guint32 *bounds)
{
	bounds[0] = 0;
	bounds[nparts] = nt;
	if (nparts == 1) {
		return;
	}
	enum { BLOCKS = 1024 };
	guint64 cost[BLOCKS] = {0}, total = 0;
	guint32 per = nt / BLOCKS + 1;
	for (guint k = 0; k < sh->np; k += 16) {
		const Doc *d = sh->l->docs->pdata[sh->pend[k]];
		for (guint i = 0; i < d->nterms; i++) {
			cost[d->terms[i] / per] += 16;
		}
	}
	for (guint b = 0; b < BLOCKS; b++) {
		guint64 first = (guint64)b * per;
		cost[b] += first < nt ? FLUSH_TERM_COST * MIN(per, nt - first) : 0;
		total += cost[b];
	}
	guint64 sum = 0;
	guint part = 1;
	for (guint b = 0; b < BLOCKS && part < nparts; b++) {
		sum += cost[b];
		while (part < nparts && sum * nparts >= total * part) {
			bounds[part++] = MIN((b + 1) * per, nt);
		}
	}
	for (; part < nparts; part++) {
		bounds[part] = nt;
	}
}

/*
 * Enters the pending docs (Linker.pending, all fresh, in index order) in the
 * document frequencies and postings, as doc_post() one after the other in
 * order of (start, index) would: the same entries, the same df and max_span.
 * A posting the batch begins then comes out sorted, not dirty (in index
 * order, feed after feed, each newest first, most were dirty, and
 * posting_sort() was 3.5 % of all instructions over 100 corpus feeds).
 * A batch enters millions of (term, doc) entries: counted first per term in a
 * dense array (a Term record per entry was a cache miss, a log() per entry
 * for ldf, and every posting grew by doubling), then each posting is sized
 * once and filled through dense arrays of its write position and sort state,
 * so filling touches only the postings themselves.  A big batch is split by
 * term id ranges over threads (see PARALLEL_MIN_DOCS): each writes only its
 * own terms' counts, Terms and postings.
 */
void
linker_postings_flush(Linker *l)
{
	if (l->pending == NULL || l->pending->len == 0) {
		return;
	}
	const guint32 *pend = (const guint32 *)(void *)l->pending->data;
	guint np = l->pending->len;
	if (np < FLUSH_BULK_MIN) {
		for (guint k = 0; k < np; k++) {
			doc_post(l, l->docs->pdata[pend[k]], pend[k], true);
		}
		g_array_set_size(l->pending, 0);
		return;
	}
	guint32 nt = l->terms->len;
	const Span *spans = (const Span *)(void *)l->spans->data;
	SortEntry *ord = g_new(SortEntry, 2 * (gsize)np);
	guint *ord_bounds = g_new(guint, SORT_BOUNDS(np));
	for (guint k = 0; k < np; k++) {
		gint64 s = spans[pend[k]].s;
		ord[k] = (SortEntry){.s = s, .doc = pend[k], .smin = linker_start_minutes(s)};
	}
	const SortEntry *order = linker_sort_starts(ord, ord + np, np, ord_bounds);
	g_free(ord_bounds);
	FlushShared sh = {
		.l = l, .pend = pend, .order = order, .np = np,
		/* Read and written at random by term id: huge pages (util/mem.h), each
		 * zeroed by the part whose term range first writes it, not all here
		 * before the parts start. */
		.cnt = mem_table_new0_lazy((gsize)nt * sizeof(guint32)),
		.span = mem_table_new0_lazy((gsize)nt * sizeof(gint64)),
		.at = mem_table_new0_lazy((gsize)nt * sizeof(PostEntry *)), .dirty = g_new(guint8, nt),
		/* A batch's first linking; later flushes (a daemon's) keep every posting. */
		.drop = np >= PARALLEL_MIN_DOCS && !l->obs_ready,
		.df_max = linker_cand_df_max(l),
	};
	guint nparts = np >= PARALLEL_MIN_DOCS ? CLAMP(g_get_num_processors(), 1u, LINKER_THREADS) : 1;
	guint32 bounds[LINKER_THREADS + 1];
	flush_bounds(&sh, nt, nparts, bounds);
	FlushPart parts[LINKER_THREADS] = {{0}};
	GThread *threads[LINKER_THREADS] = {NULL};
	for (guint k = 0; k < nparts; k++) {
		parts[k] = (FlushPart){.sh = &sh, .lo = bounds[k], .hi = bounds[k + 1],
				       .slab = np >= PARALLEL_MIN_DOCS, .floor = G_MAXUINT32};
	}
	for (guint k = 1; k < nparts; k++) {
		threads[k] = g_thread_new("flush", flush_thread, &parts[k]);
	}
	flush_part(&parts[0]);
	for (guint k = 1; k < nparts; k++) {
		g_thread_join(threads[k]);
	}
	for (guint k = 0; k < nparts; k++) {
		if (parts[k].n_absent > 0) {
			l->absent_floor = l->n_absent == 0 ? parts[k].floor
							   : MIN(l->absent_floor, parts[k].floor);
			l->n_absent += parts[k].n_absent;
		}
		if (parts[k].made.lo != NULL) {
			if (l->post_slabs == NULL) {
				l->post_slabs = g_array_new(FALSE, FALSE, sizeof(PostSlab));
			}
			g_array_append_val(l->post_slabs, parts[k].made);
		}
	}
	mem_table_free(sh.cnt, (gsize)nt * sizeof(guint32));
	mem_table_free(sh.span, (gsize)nt * sizeof(gint64));
	mem_table_free(sh.at, (gsize)nt * sizeof(PostEntry *));
	g_free(sh.dirty);
	g_free(ord);
	g_array_set_size(l->pending, 0);
}

/* An id for @name, equal for names equal but for ASCII case, per @kind. */
static guint32
name_id(Linker *l, const char *kind, const char *name)
{
	char *k = g_strconcat(kind, ":", name, NULL);
	for (char *p = k; *p != '\0'; p++) {
		*p = g_ascii_tolower(*p);
	}
	gpointer v = g_hash_table_lookup(l->name_ids, k);
	if (v != NULL) {
		g_free(k);
		return GPOINTER_TO_UINT(v) - 1;
	}
	guint32 id = g_hash_table_size(l->name_ids);
	g_hash_table_insert(l->name_ids, k, GUINT_TO_POINTER(id + 1));
	return id;
}

static void index_add(GArray **arr, guint32 index, bool fresh);

/* Enters doc @index in @table (term id + 1 → GArray guint32 docs: Linker.share_docs,
 * sec_by_word) under term @t. */
static void
index_add_under(GHashTable *table, guint32 t, guint32 index, bool fresh)
{
	gpointer key = GUINT_TO_POINTER(t + 1);
	GArray *arr = g_hash_table_lookup(table, key);
	if (arr == NULL) {
		arr = g_array_new(FALSE, FALSE, sizeof(guint32));
		g_hash_table_insert(table, key, arr);
	}
	index_add(&arr, index, fresh);
}

static void
index_add(GArray **arr, guint32 index, bool fresh)
{
	if (*arr == NULL) {
		*arr = g_array_new(FALSE, FALSE, sizeof(guint32));
	}
	for (guint i = 0; !fresh && i < (*arr)->len; i++) {
		if (g_array_index(*arr, guint32, i) == index) {
			return;
		}
	}
	/* Grown by one and written in place: g_array_append_val() is a memcpy() call
	 * per id (2.4 M appends over 2,000 feeds). */
	guint n = (*arr)->len;
	g_array_set_size(*arr, n + 1);
	g_array_index(*arr, guint32, n) = index;
}

/* Enters @d in the per-provider lists role links find candidates through: a
 * provider's own docs, and the docs that may blame it (by role, by name as a
 * cause, or through depends_on).  Entries of replaced docs stay (scoring is
 * exact). */
static void
provider_index(Linker *l, Doc *d, guint32 index, bool fresh)
{
	ProvMask targets = linker_blame_targets(l, d);
	for (guint p = 0; p < l->know.providers->len; p++) {
		if (prov_has(d->self_provider, p)) {
			index_add(&l->prov_docs[p], index, fresh);
		}
		if (prov_has(targets, p)) {
			index_add(&l->blame_docs[p], index, fresh);
		}
	}
}

static void
product_term(void *user, const char *norm, const char *surface, int n)
{
	Collect *c = user;
	guint32 id = linker_intern(c->linker, norm, surface, n);
	TERM(c->linker, id)->flag |= TERM_PRODUCT;
	g_array_append_val(c->ids, id);
}

/* Names kept in Linker.product_ids: a feed's few component names recur in every
 * item; a flood of distinct ones is scanned each time instead of kept. */
#define PRODUCT_NAMES_MAX 4096

/* Appends the product terms of @name (NULL: none) to @c->ids: scanned once per
 * name (terms_scan() is a function of the text, and a term's id never changes),
 * then taken from Linker.product_ids. */
static void
product_terms(Linker *l, Collect *c, const char *name)
{
	if (name == NULL) {
		return;
	}
	const GArray *known = g_hash_table_lookup(l->product_ids, name);
	if (known != NULL) {
		if (known->len > 0) {
			g_array_append_vals(c->ids, known->data, known->len);
		}
		return;
	}
	TermsSink sink = {.term = product_term, .user = c};
	guint from = c->ids->len;
	terms_scan(name, &sink);
	if (g_hash_table_size(l->product_ids) < PRODUCT_NAMES_MAX) {
		GArray *ids = g_array_sized_new(FALSE, FALSE, sizeof(guint32), c->ids->len - from);
		if (c->ids->len > from) {
			/* (an empty c->ids may have no data at all: no &data[0] of it) */
			g_array_append_vals(ids, &g_array_index(c->ids, guint32, from),
					    c->ids->len - from);
		}
		g_hash_table_insert(l->product_ids, g_strdup(name), ids);
	}
}

/* The terms of @d's service and feature names ("Exchange Online", "Web App"):
 * product words.  When both advisories of a pair carry one, it is counted as
 * the shared service or feature (context), not again as shared text. */
static void
doc_products(Linker *l, Doc *d)
{
	const Advisory *a = d->adv;
	Collect c = {.linker = l, .ids = g_array_new(FALSE, FALSE, sizeof(guint32)), .doc = d};
	for (guint i = 0; i < a->services->len; i++) {
		product_terms(l, &c, a->services->pdata[i]);
	}
	product_terms(l, &c, a->feature);
	g_free(d->product);
	d->nproduct = linker_sort_unique_u32((guint32 *)(void *)c.ids->data, c.ids->len);
	d->product = d->nproduct > 0 ? g_memdup2(c.ids->data, d->nproduct * sizeof(guint32)) : NULL;
	g_array_unref(c.ids);
}

/* @d's statement of cause: the phrases of its sentences stating a cause, but
 * for those its title (the symptom: "…, which caused <title>") or its
 * service and feature names (the product) also hold. */
static void
doc_causes(Doc *d, IdVec *cause, IdVec *title)
{
	guint nt = linker_sort_unique_u32(title->v, title->n);
	guint n = linker_sort_unique_u32(cause->v, cause->n);
	guint32 *tv = title->v, *cv = cause->v;
	guint m = 0;
	for (guint i = 0; i < n; i++) {
		bool drop = false;
		for (guint k = 0; k < nt && !drop; k++) {
			drop = tv[k] == cv[i];
		}
		for (guint k = 0; k < d->nproduct && !drop; k++) {
			drop = d->product[k] == cv[i];
		}
		if (!drop) {
			cv[m++] = cv[i];
		}
	}
	g_free(d->cause);
	d->ncause = m;
	d->cause = m > 0 ? g_memdup2(cv, m * sizeof(guint32)) : NULL;
}

/* What @d calls its incident (Doc.names: the terms of its @title and its
 * product words) and the products its blames name (Doc.blame_products). */
static void
doc_names(Doc *d, IdVec *title, GArray *blame_products)
{
	for (guint i = 0; i < d->nproduct; i++) {
		idvec_push(title, d->product[i]);
	}
	g_free(d->names);
	d->nnames = linker_sort_unique_u32(title->v, title->n);
	d->names = d->nnames > 0 ? g_memdup2(title->v, d->nnames * sizeof(guint32)) : NULL;
	g_free(d->blame_products);
	d->nblame_products = linker_sort_unique_u32((guint32 *)(void *)blame_products->data,
					     blame_products->len);
	d->blame_products = d->nblame_products > 0
				    ? g_memdup2(blame_products->data,
						d->nblame_products * sizeof(guint32))
				    : NULL;
}

/* The pieces of hosts a URL's last part could open with (Linker.url_pieces): the
 * parts after each '/' of a host that hold no '.'; the empty piece, which every
 * part opens with, when a host holds no '.' at all (then no URL is cut, see
 * url_self()). */
static char **
url_pieces_new(const Knowledge *k)
{
	GPtrArray *pieces = g_ptr_array_new();
	for (guint i = 0; i < k->providers->len; i++) {
		const KnowledgeProvider *kp = k->providers->pdata[i];
		for (guint j = 0; kp->hosts[j] != NULL; j++) {
			const char *h = kp->hosts[j];
			if (strchr(h, '.') == NULL) {
				g_ptr_array_add(pieces, g_strdup(""));
			}
			for (const char *p = strchr(h, '/'); p != NULL; p = strchr(p + 1, '/')) {
				if (strchr(p + 1, '.') == NULL) {
					g_ptr_array_add(pieces, g_ascii_strdown(p + 1, -1));
				}
			}
		}
	}
	g_ptr_array_add(pieces, NULL);
	return (char **)g_ptr_array_free(pieces, FALSE);
}

/*
 * linker_knowledge_self(&l->know, NULL, @url), the providers whose status host @url
 * is on, computed once per feed instead of once per advisory (a loop over every
 * provider's hosts: 7,500 instructions an advisory).  A feed's items' URLs differ in
 * their last part only ("https://status.example.com/incidents/9b6745e527"), and where
 * no host can reach into that last part the answer is that of the part before it: a
 * host found there (strstr() finds the first place) is found at the same place, with
 * the same byte before it.  A host reaching into the last part T holds it whole
 * (every host holds a '.', T none) or, from the part before, which ends with '/', the
 * piece of the host after one of its '/' (Linker.url_pieces) opening T.  Anything else
 * is computed in full.
 */
static ProvMask
url_self(Linker *l, SourceInfo *si, const char *url, bool *ret_cut)
{
	const char *slash = url != NULL ? strrchr(url, '/') : NULL;
	*ret_cut = false;
	if (slash == NULL || (gsize)(slash + 1 - url) >= sizeof(si->url_dir) ||
	    strchr(slash + 1, '.') != NULL) {
		return linker_knowledge_self(&l->know, NULL, url);
	}
	if (l->url_pieces == NULL) {
		l->url_pieces = url_pieces_new(&l->know);
	}
	for (char **p = l->url_pieces; *p != NULL; p++) {
		if (g_ascii_strncasecmp(slash + 1, *p, strlen(*p)) == 0) {
			return linker_knowledge_self(&l->know, NULL, url);
		}
	}
	guint32 n = (guint32)(slash + 1 - url);
	*ret_cut = true;
	if (si->url_dir_len == n && memcmp(si->url_dir, url, n) == 0) {
		return si->url_dir_self;
	}
	memcpy(si->url_dir, url, n);
	si->url_dir[n] = '\0';
	si->url_dir_len = n;
	si->url_dir_suite = -1;
	si->url_dir_self = linker_knowledge_self(&l->know, NULL, si->url_dir);
	return si->url_dir_self;
}

/* Builds the features of @d from its advisory and enters them in the indexes.
 * @fresh: @d was never indexed before (not a replacement). */
/* The roles @d's providers play in it: of a provider playing several, in an
 * item of one region of its own, a role other than its first ("email" for AWS,
 * whose first is "cloud") only when @d has one of the role's words
 * (Linker.role_words): an RDS item of AWS in Sydney is no email provider's
 * incident, an SES one is.  An item of several regions or none (a network or
 * control plane fault across the provider) keeps every role.  @d's terms are
 * sorted. */
static guint32
item_roles(const Linker *l, const Doc *d)
{
	const char *region = d->adv->region;
	if (region == NULL || g_strrstr(region, "ultiple") != NULL ||
	    g_ascii_strncasecmp(region, "global", 6) == 0) {
		return d->self_roles;
	}
	guint32 first = 0;
	for (guint q = prov_next(d->self_provider, 0); q < l->know.providers->len;
	     q = prov_next(d->self_provider, q + 1)) {
		first |= l->prov_first_role[q];
	}
	guint32 worded = 0, said = 0;
	const guint32 *rw = (const guint32 *)(void *)l->role_words->data;
	for (guint i = 0; i + 1 < l->role_words->len; i += 2) {
		worded |= 1u << rw[i];
		if ((d->self_roles & ~first & (1u << rw[i])) != 0 && linker_doc_has_term(d, rw[i + 1])) {
			said |= 1u << rw[i];
		}
	}
	return d->self_roles & ~(worded & ~first & ~said);
}

/* True when one of term ids @ids is a word a vulnerability's cue may start
 * (TERM_VULN_CUE). */
static bool
doc_vuln_maybe(const Linker *l, const GArray *ids)
{
	for (guint i = 0; i < ids->len; i++) {
		if (TERM(l, g_array_index(ids, guint32, i))->flag & TERM_VULN_CUE) {
			return true;
		}
	}
	return false;
}

static void
doc_index(Linker *l, Doc *d, guint32 index, bool fresh, LinkerText *pre)
{
	const Advisory *a = d->adv;
	/* What it reads of the advisory alone: with its texts, else here. */
	AdvisoryReading own_reading = {0};
	if (pre == NULL) {
		advisory_read(a, false, &own_reading); /* names read below, if any cue */
	}
	const AdvisoryReading *rd = pre != NULL ? &pre->reading : &own_reading;
	/* Its working arrays are kept between advisories: six made and grown per
	 * advisory were most of adding's calls to malloc. */
	GArray **kept = l->collect_kept;
	for (guint k = 0; k < G_N_ELEMENTS(l->collect_kept); k++) {
		if (kept[k] == NULL) {
			kept[k] = g_array_new(FALSE, FALSE, sizeof(guint32));
		}
		g_array_set_size(kept[k], 0);
	}
	IdVec *vecs = l->collect_vecs;
	for (guint k = 0; k < G_N_ELEMENTS(l->collect_vecs); k++) {
		vecs[k].n = 0;
	}
	Collect c = {.linker = l, .ids = kept[0], .doc = d, .cause = &vecs[0],
		     .blame_words = &vecs[1], .share_words = &vecs[2], .weak_heads = kept[1],
		     .title_ids = &vecs[3], .blame_products = kept[2]};
	TermsSink sink = {.ref = collect_ref, .region = collect_region,
			  .sentence = collect_sentence, .user = &c};

	doc_interval(d);
	if (l->spans->len <= index) {
		g_array_set_size(l->spans, index + 1);
	}
	Span *sp = &g_array_index(l->spans, Span, index);
	sp->s = d->s == SW_TIME_NONE ? G_MAXINT64 : d->s;
	sp->e = d->e;
	scan_all_text(a, &c, &sink, pre);
	if (a->region != NULL) {
		add_region(d, a->region);
	}
	if (d->regions != NULL) {
		g_ptr_array_sort(d->regions, linker_cmp_str_ptr);
	}
	/* Of every term collected (a loop over them here read a Term each: a cache miss). */
	d->upstream = c.upstream;
	d->providers = c.providers;
	d->region_provs = c.region_provs;
	const SourceInfo *si = source_info(l, a);
	d->si = si;
	if (fresh) {
		/* A replacement keeps its key, so its source. */
		g_array_append_val(((SourceInfo *)si)->docs, index);
	}
	bool cut;
	d->self_provider = prov_or(si->providers, url_self(l, (SourceInfo *)si, a->url, &cut));
	ProvMask suite = PROV_NONE; /* the services of a suite whose feed @d is on */
	if (prov_any(l->know.by_service) && !(cut && si->url_dir_suite == 0)) {
		/* Not on a suite's host, as the feed's other URLs of that part were not
		 * (url_self()): none of it is the suite's own. */
		d->self_provider = prov_or(d->self_provider,
					   linker_knowledge_service_self(&l->know, a, &suite));
		if (cut) {
			((SourceInfo *)si)->url_dir_suite = prov_any(suite) ? 1 : 0;
		}
	}
	d->suite_feed = prov_any(suite);
	/* A provider's own feed naming the provider, or the role it plays ("our
	 * CDN" on a CDN's page), is no downstream blame (self reference). */
	guint32 self_roles = linker_roles_of(l, d->self_provider);
	d->self_roles = self_roles;
	d->providers = prov_andnot(d->providers, d->self_provider);
	/* A text naming a provider's network by AS number ("AS13335 withdrew
	 * 1.1.1.0/24") reports that network's trouble: as a cause, wherever said. */
	d->networks = prov_andnot(c.networks, d->self_provider);
	/* "Microsoft's identity platform is having an outage": the provider of that
	 * brand is named as the cause (KnownTerm.weak_roles). */
	for (guint i = 0; i + 1 < c.weak_heads->len; i += 2) {
		guint32 head = g_array_index(c.weak_heads, guint32, i);
		const ProvMask *m = g_hash_table_lookup(l->brand_words, GUINT_TO_POINTER(head + 1));
		if (m != NULL) {
			c.cause_providers = prov_or(c.cause_providers, *m);
		}
	}
	d->cause_providers = prov_andnot(prov_or(c.cause_providers, c.networks), d->self_provider);
	d->denied = PROV_NONE;
	d->suite_names = PROV_NONE;
	d->suite_products = PROV_NONE;
	if (prov_any(l->know.by_service)) {
		/* A service of a suite is named far more often than blamed ("we post in
		 * Microsoft Teams"): it counts only where linker_service_blame() finds it
		 * blamed, and never on the suite's own feed. */
		ProvMask named = prov_andnot(prov_and(d->providers, l->know.by_service), suite);
		ProvMask denied = PROV_NONE, products = PROV_NONE;
		ProvMask blamed = pre != NULL ? pre->service_blame
					      : linker_service_blame(&l->know, a, G_MAXUINT32, true,
								     &denied, &products);
		blamed = prov_and(blamed, named);
		if (prov_any(d->self_provider)) {
			/* Azure's own item saying "Microsoft is investigating": the
			 * company is its own (kin, linker_knowledge_kin()). */
			blamed = prov_andnot(blamed, linker_knowledge_kin(&l->know, d->self_provider));
		}
		d->denied = prov_andnot(pre != NULL ? pre->service_denied : denied, suite);
		if (prov_meets(blamed, l->know.suites)) {
			d->suite_products = pre != NULL ? pre->service_products : products;
		}
		/* A suite's own item: the parts it names ("Outlook, Microsoft Teams"). */
		if (prov_meets(d->self_provider, l->know.suites)) {
			d->suite_names = prov_and(d->providers,
						  linker_knowledge_suite_reach(
							  &l->know,
							  prov_and(d->self_provider, l->know.suites)));
		}
		d->providers = prov_or(prov_andnot(d->providers, l->know.by_service), blamed);
		d->cause_providers =
			prov_or(prov_andnot(d->cause_providers, l->know.by_service), blamed);
	}
	/* Blamed only where a state is relayed ("Slack has confirmed an incident"); a
	 * service of a suite keeps its own rule (linker_service_blame()). */
	d->relayed = prov_andnot(prov_andnot(prov_and(c.relay_providers, d->cause_providers),
					     c.stated_providers),
				 l->know.by_service);
	if (G_UNLIKELY(prov_any(d->relayed))) {
		/* "Jira sync delayed" over "This is unrelated to the Atlassian outage": a
		 * state relayed of a provider the item itself denies a relation to is no
		 * blame of it. */
		ProvMask denied = pre != NULL ? prov_and(pre->relay_denied, d->relayed)
					      : relay_denied(l, a, &d->relayed);
		d->relayed = prov_andnot(d->relayed, denied);
		d->cause_providers = prov_andnot(d->cause_providers, denied);
	}
	guint32 joined_roles = 0;
	/* Without a reader's record: whether the text holds its updates, once for the
	 * two calls below (a reader's scan_texts() tells it). */
	bool holds = pre == NULL && linker_text_holds_updates(a);
	if (pre != NULL) {
		linker_doc_events(l, d, pre->cause_objects);
		joined_roles = pre->joined_roles;
	} else {
		g_auto(GStrv) objects = linker_cause_objects(&l->know, a, G_MAXUINT, holds,
							     &joined_roles);
		linker_doc_events(l, d, objects);
	}
	/* Not its own roles ("the CDN" on a CDN's page), but for one named as a vendor
	 * ("our infrastructure provider" on a PaaS's page: its cloud). */
	d->blamed_roles = (c.roles | joined_roles | (c.upstream ? c.weak_roles : 0)) &
			  ~(self_roles & ~c.vendor_roles);
	bool fine = false; /* it says the page as a whole is fine (linker_denied_firm()) */
	if (!prov_any(d->self_provider)) {
		/* Providers named only to deny them, roles named as its own
		 * (linker_denials()): no blame of them. */
		guint32 own = 0;
		g_autofree char *mine = pre == NULL && linker_denials_maybe(a, G_MAXUINT, holds)
					? linker_denial_text(&l->know, a, d->blamed_roles, G_MAXUINT,
							     &own)
					: NULL;
		const char *denials = pre != NULL ? pre->denials : mine;
		ProvMask firm = linker_denied_firm(&l->know, a, denials, d->providers, &fine);
		if (prov_any(d->providers) || d->blamed_roles != 0) {
			own = pre != NULL ? pre->own_roles : own;
			ProvMask denied = linker_denied_in(&l->know, denials, d->providers);
			/* A blame outweighs a denial of some ("users of Okta sign-in cannot
			 * log in ...; password users are not affected by the Okta outage"),
			 * but not the page saying it does not use the provider or is not
			 * affected at all: "We have seen reports of a major OVH outage.
			 * Ploughboard does not use OVH." reports no trouble of its own. */
			denied = prov_or(prov_andnot(denied, d->cause_providers), firm);
			d->denied = prov_or(d->denied, denied);
			d->cause_providers = prov_andnot(d->cause_providers, firm);
			d->relayed = prov_andnot(d->relayed, firm);
			d->blamed_roles &= ~own;
			/* "Our npm proxy returns 502 errors; its cache disk filled up": a
			 * provider named only as the page's own copy of its service is no
			 * blame of it. */
			ProvMask copies = pre != NULL ? pre->own_copies
						      : linker_own_copies(&l->know, a);
			d->providers = prov_andnot(d->providers, copies);
			d->cause_providers = prov_andnot(d->cause_providers, copies);
			d->relayed = prov_andnot(d->relayed, copies);
		}
	}
	d->carrier_roles = (c.roles | joined_roles | (c.upstream ? c.weak_roles : 0)) &
			   l->know.unlisted_roles;
	/* A notice that the page as a whole is fine, naming another's outage only to
	 * relay it ("We're aware of the ongoing Atlassian outage. Our services are
	 * operating normally."), is no incident: what it names is no cause of
	 * trouble of its own.  Not where it states a cause or blames a role. */
	d->fine_only = LINKER_PAGE_TROUBLE;
	LinkerPageFine says = LINKER_PAGE_TROUBLE;
	d->own_cause = pre != NULL ? pre->own_cause : linker_own_cause(a);
	d->own_fault = pre != NULL ? pre->own_fault : linker_own_fault(a);
	if (!prov_any(d->self_provider) && prov_any(d->providers) && d->blamed_roles == 0 &&
	    !c.upstream && !d->own_cause) {
		/* A cause it states is the provider's, relayed ("Atlassian is
		 * investigating an outage of some Jira sites"), unless it is of the
		 * page's own system (linker_own_cause()). */
		says = pre != NULL ? (LinkerPageFine)pre->page_fine
				   : linker_page_fine(a, G_MAXUINT);
	}
	if (says != LINKER_PAGE_TROUBLE) {
		d->fine_only = prov_any(d->cause_providers) || !fine ? says : LINKER_PAGE_TROUBLE;
		d->denied = prov_or(d->denied, d->providers);
		d->cause_providers = PROV_NONE;
		d->relayed = PROV_NONE;
		fine = true;
	}
	/* A notice that the page is fine, blaming no one and stating no cause of its
	 * own, is no incident either ("Wrenfield does not use Codecov, so no credentials
	 * were exposed").  Not a security notice that says the page itself held what
	 * the event struck and acted on it ("our stable images are not affected. The
	 * opt-in image contained xz 5.6.1; we have withdrawn it":
	 * linker_security_own_exposure()): its denial is of a part. */
	/* But a post titled as a recovery ("BlackBerry services operating normally")
	 * ends trouble of its page: a continuation (linker_later_own()), not a notice,
	 * unless it names another's outage or its text says the page as a whole is fine
	 * ("Our services are operating normally. We do not use Acme Cloud, ...": the
	 * notice after all). */
	d->later_cue = rd->later_cue;
	d->later_from = rd->later_from;
	d->later_to = rd->later_to;
	d->later_dated = rd->later_dated;
	bool recovery = d->later_cue == LATER_CUE_CONTINUE && !prov_any(d->providers) &&
			!prov_any(d->denied) && !rd->says_unaffected;
	/* The title's flags from its scan above (a second scan of every title was
	 * 0.8 % of adding's instructions). */
	bool title_unaffected = linker_title_unaffected_flags(a, c.title_flags);
	d->not_incident = a->status == ADVISORY_STATUS_FALSE_POSITIVE || a->withdrawn ||
			  (title_unaffected && !recovery) ||
			  (fine && !recovery && !rd->sec_own && !prov_any(d->cause_providers) &&
			   d->blamed_roles == 0 &&
			   !c.upstream && (c.cause->n == 0 || says != LINKER_PAGE_TROUBLE));
	if (!d->not_incident || title_unaffected) {
		d->fine_only = LINKER_PAGE_TROUBLE;
	}
	d->note = d->not_incident && a->status != ADVISORY_STATUS_FALSE_POSITIVE && !a->withdrawn;
	d->disclaims = c.disclaims;
	d->shares = c.shares;
	g_free(d->claim);
	d->claim = !c.shares ? NULL : pre != NULL ? g_strdup(pre->claim) : linker_claim_text(a);
	d->depends = a->source != NULL ? g_hash_table_lookup(l->depends, a->source) : NULL;
	d->generic_blame = false;
	if (!prov_any(d->self_provider) && !prov_any(d->cause_providers) &&
	    d->blamed_roles == 0 && !prov_any(d->region_provs) && d->depends == NULL &&
	    (d->regions == NULL || d->regions->len == 0)) {
		/* "provider", "upstream" or "vendor" in a sentence stating a cause or
		 * blame ("one of our third-party service providers is experiencing an
		 * outage", "a third-party vendor we use ... is experiencing an outage"). */
		for (guint i = 0; i < c.blame_words->n && !d->generic_blame; i++) {
			guint32 w = c.blame_words->v[i];
			d->generic_blame = w == l->upstream_terms[0] || w == l->upstream_terms[1] ||
					   w == l->vendor_term || w == l->partner_term;
		}
	}
	provider_index(l, d, index, fresh);
	doc_products(l, d);
	doc_causes(d, c.cause, c.title_ids);
	doc_names(d, c.title_ids, c.blame_products);
	g_free(d->blame_words);
	d->nblame_words = linker_sort_unique_u32(c.blame_words->v, c.blame_words->n);
	d->blame_words = d->nblame_words > 0 ? g_memdup2(c.blame_words->v,
							  d->nblame_words * sizeof(guint32))
					     : NULL;
	g_free(d->share_words);
	d->nshare_words = linker_sort_unique_u32(c.share_words->v, c.share_words->n);
	d->share_words = d->nshare_words > 0 ? g_memdup2(c.share_words->v,
							  d->nshare_words * sizeof(guint32))
					     : NULL;
	/* Services and feature as ids, so scoring compares numbers, not strings
	 * without case (the service ids go after the terms, below). */
	d->nsvc = a->services->len;
	d->source_null = a->source == NULL;
	d->own_region = a->region != NULL;
	d->feature = a->feature != NULL ? name_id(l, "f", a->feature) : G_MAXUINT32;

	d->source_term = si->term;
	if (d->source_term != G_MAXUINT32) {
		GArray *arr = g_hash_table_lookup(l->by_source, GUINT_TO_POINTER(d->source_term + 1));
		if (arr == NULL) {
			arr = g_array_new(FALSE, FALSE, sizeof(guint32));
			g_hash_table_insert(l->by_source, GUINT_TO_POINTER(d->source_term + 1), arr);
		}
		bool present = false;
		for (guint i = 0; !fresh && i < arr->len && !present; i++) {
			present = g_array_index(arr, guint32, i) == index;
		}
		if (!present) {
			g_array_append_val(arr, index);
		}
		if (d->shares) {
			index_add_under(l->share_docs, d->source_term, index, fresh);
		}
	}
	/* Internal keys (n = 0) reach candidates through the same index. */
	/* By area, once each: "US-East" finds us-east-1 and us-east-2 (regions_meet). */
	for (guint i = 0; d->regions != NULL && i < d->regions->len; i++) {
		const char *r = d->regions->pdata[i];
		gsize n = region_area_len(r);
		bool seen = false;
		for (guint j = 0; j < i && !seen; j++) {
			const char *prev = d->regions->pdata[j];
			seen = region_area_len(prev) == n && memcmp(prev, r, n) == 0;
		}
		if (seen) {
			continue;
		}
		g_autofree char *k = g_strdup_printf("@region:%.*s", (int)n, r);
		guint32 id = linker_intern(l, k, k, 0);
		g_array_append_val(c.ids, id);
	}
	d->writeup = linker_title_writeup(a);
	if (d->later_cue != LATER_CUE_NONE) {
		((SourceInfo *)si)->later_any = true;
	}
	if (d->later_cue == LATER_CUE_TIME && si->term != G_MAXUINT32) {
		/* It may date an item of a feed sharing its name word ('joyent-blog',
		 * 'joyent-status'): those feeds' docs look for it too. */
		TERM(l, si->term)->flag |= TERM_LATER;
		/* ... and of a feed whose name word is its base ('kestrel-status' of
		 * 'kestrelblog'): that feed's docs look for it too. */
		gsize n = linker_later_name_base(linker_term_surface(l, si->term));
		if (n > 0) {
			g_autofree char *base = g_strndup(linker_term_surface(l, si->term), n);
			g_autofree char *norm = NULL;
			TermsSink word_sink = {.term = first_word, .user = &norm};
			terms_scan(base, &word_sink);
			if (norm != NULL) {
				TERM(l, linker_intern(l, norm, base, 1))->flag |= TERM_LATER_KIN;
			}
		}
	}
	d->title_term = G_MAXUINT32;
	/* A title that is a status level and nothing else ("Minor service outage.",
	 * "All systems operational.") is no subject two items could share. */
	if (c.title_key[0] != '\0' && !linker_is_label(a->title, strlen(a->title))) {
		g_autofree char *k = g_strconcat("@title:", a->source, "\x1f", c.title_key, NULL);
		guint32 id = linker_intern(l, k, k, 0);
		g_array_append_val(c.ids, id);
		d->title_term = id;
	}
	g_clear_pointer(&c.title_key, g_free);
	/* One published vulnerability it is about (linker_cve_of()). */
	d->cve_term = G_MAXUINT32;
	if (rd->cve != NULL) {
		g_autofree char *k = g_strconcat("@cve:", rd->cve, NULL);
		guint32 id = linker_intern(l, k, k, 0);
		g_array_append_val(c.ids, id);
		d->cve_term = id;
	}
	/* The names its sentences give a vulnerability ("POODLE", "SSLv3"): read here
	 * when its texts hold a word a cue may start (the reader threads asked
	 * before, vuln_maybe()). */
	if (pre == NULL && doc_vuln_maybe(l, c.ids)) {
		advisory_read_vuln(a, &own_reading);
	}
	d->nvuln = rd->nvuln;
	const char *name = rd->vuln;
	for (guint i = 0; i < d->nvuln; i++, name += strlen(name) + 1) {
		g_autofree char *k = g_strconcat("@vuln:", name, NULL);
		guint32 id = linker_intern(l, k, k, 0);
		g_array_append_val(c.ids, id);
		d->vuln_terms[i] = id;
	}
	/* The subject of a security event its title tells of. */
	{
		bool anchor = false;
		d->nsec = rd->nsec;
		d->sec_named = rd->sec_named;
		d->sec_lead = rd->sec_lead;
		d->sec_cue = rd->sec_cue;
		for (guint i = 0; i < d->nsec; i++) {
			g_autofree char *k = g_strconcat("@sec:", rd->sec[i], NULL);
			guint32 id = linker_intern(l, k, k, 0);
			g_array_append_val(c.ids, id);
			d->sec_terms[i] = id;
			d->sec_words[i] = G_MAXUINT32;
			if (d->sec_cue && ((d->sec_named | d->sec_lead) & (1u << i))) {
				/* Its plain word, and the doc listed under it, so that a
				 * text naming the subject finds it (candidates()); not
				 * its own feed's name, which all its posts say. */
				guint32 w = name_word_intern(l, rd->sec[i]);
				guint32 own[2];
				guint nown = linker_source_names(d, own);
				for (guint j = 0; j < nown && w != G_MAXUINT32; j++) {
					w = own[j] == w ? G_MAXUINT32 : w;
				}
				if (w != G_MAXUINT32) {
					TERM(l, w)->flag |= TERM_SEC_WORD;
					index_add_under(l->sec_by_word, w, index, fresh);
					d->sec_words[i] = w;
					anchor = true;
				}
			}
		}
		if (d->sec_cue) {
			index_add(&l->sec_cued, index, fresh);
		}
		if (anchor) {
			index_add(&l->sec_anchors, index, fresh);
		}
	}
	/* One incident's page, the feed's own (see linker_incident_page()). */
	d->page_term = G_MAXUINT32;
	g_autofree char *page = linker_incident_page(a->url);
	if (page == NULL) {
		page = linker_incident_page(a->id);
	}
	if (page != NULL && a->source != NULL) {
		g_autofree char *k = g_strconcat("@page:", a->source, "\x1f", page, NULL);
		guint32 id = linker_intern(l, k, k, 0);
		g_array_append_val(c.ids, id);
		d->page_term = id;
	}
	guint n = sort_terms(l, (guint32 *)(void *)c.ids->data, c.ids->len);
	d->nterms = n;
	/* One allocation: the terms, then the service ids in the advisory's order. */
	/* A fresh doc's in the arena (its pages populated ahead in big chunks); a
	 * replacement's may be freed again: malloc'd. */
	d->terms = fresh ? mem_arena_alloc(l->arena, sizeof(guint32) * MAX(n + d->nsvc, 1),
					   sizeof(guint32))
			 : NULL;
	d->terms_kept = d->terms != NULL;
	if (d->terms == NULL) {
		d->terms = g_new(guint32, MAX(n + d->nsvc, 1));
	}
	if (n > 0) {
		/* An advisory without text has no terms, and then no array data. */
		memcpy(d->terms, c.ids->data, sizeof(guint32) * n);
	}
	d->svc = d->terms + n;
	d->self_roles = item_roles(l, d);
	d->svc_mask = 0;
	for (guint i = 0; i < d->nsvc; i++) {
		d->svc[i] = name_id(l, "s", a->services->pdata[i]);
		d->svc_mask |= G_GUINT64_CONSTANT(1) << (d->svc[i] % 64);
	}

	if (fresh) {
		if (l->pending == NULL) {
			l->pending = g_array_new(FALSE, FALSE, sizeof(guint32));
		}
		g_array_append_val(l->pending, index);
	} else {
		doc_post(l, d, index, false);
	}
	linker_source_vocab(l, d, 1);
	for (guint i = 0; d->refs != NULL && i < d->refs->len; i++) {
		append_index(l->mentions, g_array_index(d->refs, Ref, i).id_lower, index, false);
	}
	time_index(l, d, index, 1);
	g_free(own_reading.cve);
	g_free(own_reading.vuln);
}

/* Takes @d's terms out of the document frequencies.  Posting entries stay
 * (a stale entry only adds a candidate, and scoring is exact). */
static void
doc_unindex(Linker *l, Doc *d, guint32 index)
{
	time_index(l, d, index, -1);
	linker_source_vocab(l, d, -1);
	l->n_replaced++;
	for (guint i = 0; i < d->nterms; i++) {
		term_df_set(l, d->terms[i], TERM(l, d->terms[i])->df - 1);
		/* Its entry stays but its time may change: sort again before use. */
		TERM(l, d->terms[i])->post.dirty = true;
	}
	linker_doc_clear_features(d);
}

void
linker_add(Linker *l, Advisory *adv)
{
	linker_add_read(l, adv, NULL);
}

/* Bytes of an advisory's text, and of each post's, read for a CVE id: an advisory
 * about a vulnerability names it in its title or first lines. */
#define CVE_TEXT_SCAN 2048
/* The longest CVE id ("CVE-2021-1234567"), read whole past CVE_TEXT_SCAN. */
#define CVE_ID_MAX 16
/* Distinct CVE ids read before calling it a round-up. */
#define CVE_IDS_MAX 2

/* The distinct CVE ids read so far (lower case, owned), at most CVE_IDS_MAX: a
 * local array, not a GPtrArray (one allocation and free per advisory, most with no
 * id at all). */
typedef struct {
	char *v[CVE_IDS_MAX];
	guint len;
} CveIds;

/* Adds to @ids the distinct CVE ids of [@s, @s + @n) that start before @starts,
 * lower case, up to CVE_IDS_MAX of them: "CVE-", four digits, "-", four to seven
 * digits. */
static void
cve_scan(const char *s, gsize n, gsize starts, CveIds *ids)
{
	/* From one '-' to the next (memchr(): most texts have few), each tried as the
	 * dash of "CVE-": the text is read for every advisory on the reader threads. */
	gsize end = MIN(n, starts > G_MAXSIZE - 4 ? G_MAXSIZE : starts + 3);
	for (gsize i = 0; i + 13 <= n && i < starts && ids->len < CVE_IDS_MAX; i++) {
		const char *dash = i + 3 < end ? memchr(s + i + 3, '-', end - (i + 3)) : NULL;
		if (dash == NULL) {
			break;
		}
		i = (gsize)(dash - s) - 3;
		/* "cve" in any case, by hand: a call of g_ascii_strncasecmp() per dash. */
		if (i + 13 > n || (s[i] | 0x20) != 'c' || (s[i + 1] | 0x20) != 'v' ||
		    (s[i + 2] | 0x20) != 'e' || (i > 0 && g_ascii_isalnum(s[i - 1]))) {
			continue;
		}
		gsize j = i + 4, k = 0;
		while (k < 4 && j < n && g_ascii_isdigit(s[j])) {
			j++, k++;
		}
		if (k != 4 || j >= n || s[j] != '-') {
			continue;
		}
		j++;
		for (k = 0; k < 8 && j < n && g_ascii_isdigit(s[j]); j++, k++) {
		}
		if (k < 4 || k > 7 || (j < n && g_ascii_isalnum(s[j]))) {
			continue;
		}
		char *id = g_ascii_strdown(s + i, (gssize)(j - i));
		bool have = false;
		for (guint m = 0; m < ids->len && !have; m++) {
			have = strcmp(ids->v[m], id) == 0;
		}
		if (have) {
			g_free(id);
		} else {
			ids->v[ids->len++] = id;
		}
		i = j - 1;
	}
}

/* The one id of @ids (caller frees), or NULL for none or several; frees @ids' own. */
static char *
cve_ids_take(CveIds *ids)
{
	char *one = NULL;
	if (ids->len == 1) {
		one = ids->v[0];
	} else {
		for (guint m = 0; m < ids->len; m++) {
			g_free(ids->v[m]);
		}
	}
	ids->len = 0;
	return one;
}

char *
linker_cve_of(const Advisory *a)
{
	CveIds ids = {.len = 0};
	if (a->title != NULL) {
		cve_scan(a->title, strlen(a->title), G_MAXSIZE, &ids);
	}
	if (ids.len > 0) {
		/* The title's says what the advisory is about, whatever later CVEs its
		 * text goes on to (a follow-up fix's). */
		return cve_ids_take(&ids);
	}
	if (a->text != NULL) {
		cve_scan(a->text, strnlen(a->text, CVE_TEXT_SCAN + CVE_ID_MAX), CVE_TEXT_SCAN, &ids);
	}
	for (guint i = 0; i < a->updates->len && ids.len < CVE_IDS_MAX; i++) {
		const char *u = ((const AdvisoryUpdate *)a->updates->pdata[i])->text;
		if (u != NULL) {
			cve_scan(u, strnlen(u, CVE_TEXT_SCAN + CVE_ID_MAX), CVE_TEXT_SCAN, &ids);
		}
	}
	return cve_ids_take(&ids);
}

void
linker_add_read(Linker *l, Advisory *adv, LinkerText *pre)
{
	g_return_if_fail(l != NULL && adv != NULL);
	g_return_if_fail(pre == NULL || pre->reader->linker == l);
	char *key = advisory_key(adv);
	gpointer v = g_hash_table_lookup(l->by_key, key);
	Doc *d;
	guint32 index;

	if (v != NULL) {
		index = GPOINTER_TO_UINT(v) - 1;
		d = l->docs->pdata[index];
		linker_postings_flush(l); /* doc_unindex() takes @d out of them */
		doc_unindex(l, d, index);
		advisory_unref(d->adv);
		d->adv = advisory_ref(adv);
		g_free(key);
	} else {
		index = l->docs->len;
		d = mem_arena_alloc(l->arena, sizeof(Doc), 64);
		d->adv = advisory_ref(adv);
		d->key = key;
		d->index = index;
		gsize klen = strlen(key);
		for (guint k = 0; k < 16; k++) {
			d->key_head[k / 8] <<= 8;
			d->key_head[k / 8] |= (unsigned char)key[MIN(k, klen)];
		}
		d->id_lower = g_ascii_strdown(adv->id != NULL ? adv->id : "", -1);
		d->id_hash = g_str_hash(d->id_lower);
		g_ptr_array_add(l->docs, d);
		g_hash_table_insert(l->by_key, d->key, GUINT_TO_POINTER(index + 1));
		id_docs_add(l, d->id_lower, index);
	}
	doc_index(l, d, index, v == NULL, pre);
	linker_idf_init(l, &l->idf);
	l->gen++;
}

