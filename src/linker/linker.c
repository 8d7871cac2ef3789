/*
 * The linker: advisories in, incidents out, every link explained.
 *
 * Each advisory becomes a Doc: its effective time interval (an open advisory
 * counts as ongoing until OPEN_HORIZON after its last post, so a feed that
 * never closes an item cannot overlap next month), the sorted ids of its
 * terms (words and 2-/3-word phrases of title, text and every update, see
 * terms.c), the ids it names and how (related / maybe / not related), the
 * cloud regions it names, whether it blames an upstream provider, the word
 * its source goes by, and a title key.  Term document frequencies are kept as
 * advisories come and go, so the weight of a term (an IDF with a prior,
 * scaled to 0..4 whatever the number of advisories) reflects everything the
 * linker holds; it is then scaled by the term's lift in time (lift_factor()):
 * how much more often than chance the advisories holding it are near each
 * other, so that symptoms and boilerplate that recur around the clock ("elevated
 * latency for X requests") stop linking concurrent unrelated advisories while
 * cause words, which come in bursts, keep their weight.  The counts behind it
 * are exact functions of what is held (time buckets, see time_index()).
 *
 * Evidence between two advisories (score_pair(); all in "points", the
 * threshold defaults to 8):
 *   - text: IDF-weighted cosine of the term sets x TEXT_SCALE, phrases adding
 *     PHRASE_BONUS on top of their words (so a shared phrase counts more);
 *   - references: "communicated under EX648815" (+W_REF); "investigating
 *     whether ... MO502273" (+W_REF_MAYBE); "wasn't related to MO502273" is a
 *     veto no amount of shared words overrides (only a person's merge does);
 *   - the same upstream: one blames a provider in a region the other names,
 *     or names a known provider, or one names the other's feed ("Edgeflare")
 *     or both name a third feed while one blames a provider (+W_UPSTREAM);
 *     naming the other's feed without blame is +W_NAMES_SOURCE;
 *   - the same title on the same feed (one event posted as several items);
 *   - context: shared services, feature, region, overlap in time.  Context can
 *     never link alone: without CONTENT_MIN points of the above, no link.
 * Time is a gate, not a bonus: without overlap or a gap of at most max_gap
 * nothing links, except an explicit positive reference, which may bridge up
 * to REF_MAX_GAP.
 *
 * Incidents are the clusters of the link graph, built per connected component
 * by a guarded single linkage: links are taken strongest first; a strong link
 * (>= STRONG_FACTOR x threshold) joins two clusters outright, a weaker one only
 * when at least WEAK_SHARE of all member pairs across the two clusters link
 * (average-linkage style), so a chain of weak links cannot glue a busy day
 * together.  Vetoes and people's splits are never crossed; people's merges
 * always hold.  Incident.links are the links that joined the incident (a
 * spanning tree, strongest first), not every link above the threshold.
 *
 * Scale: candidates come from an inverted index (term → advisories, sorted by
 * start) scanned only inside the time window and only for informative terms,
 * plus id, mention and source-name indexes.  A candidate in the window is
 * first scored against an upper bound on its text (the squared weights of
 * the terms through which the scan found it, plus the lighter side's terms
 * too common to scan): in a window where every advisory shares some rare
 * phrase with every other (one tiny vocabulary), few pairs get past it, and
 * only those have their term lists compared.  The bound is exact, never an
 * estimate, so it changes no link.  Adding is O(terms);
 * linker_incident_for() explores one component; the same exploration over
 * every component gives linker_incidents(), so incremental and batch answers
 * are the same function of the same final state, and no grouping depends on
 * the order advisories arrived in.  (Reasons quote the smallest spelling of a
 * term ever seen, which can include a replaced version's text.)
 *
 * Pure: no I/O, no clock, no logging.
 */
#include "linker/linker.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "linker/terms.h"

/* Default link threshold, in score points (see score_pair()).  Calibrated on
 * the labelled scenarios: unrelated same-service, same-hour advisories score
 * 2..6 (a shared "message trace" or "delay"); true pairs score 9 and up. */
#define LINKER_DEFAULT_THRESHOLD 8.0
#define LINKER_DEFAULT_MAX_GAP (2 * 3600)
/* An open advisory counts as ongoing until this long after its last sign of
 * life: a feed that forgot to close an item must not overlap next month. */
#define OPEN_HORIZON (24 * 3600)
/* An explicit, positive id reference may bridge this much time. */
#define REF_MAX_GAP (7 * 24 * 3600)
/* A link this many times the threshold may chain clusters on its own. */
#define STRONG_FACTOR 1.25
/* Weak links join two clusters when this share of all cross pairs link. */
#define WEAK_SHARE 0.33
/* Pseudo-documents in the IDF: a term seen in 2 of 11 advisories is not yet
 * proof of rarity.  Keeps small sets from over-weighting chance overlaps. */
#define IDF_PRIOR 30.0
/* Highest weight of one word; phrases add PHRASE_BONUS x their weight. */
#define TERM_WEIGHT_MAX 4.0
#define PHRASE_BONUS 0.6
/* Points for identical texts; the cosine scales it. */
#define TEXT_SCALE 40.0
/* About the weight of five informative words (see shared_terms()). */
#ifndef TEXT_MIN_MASS
#define TEXT_MIN_MASS 50.0
#endif
/* Evidence weights, in the same points as the threshold. */
#define W_REF 8.0      /* "communicated under EX648815" */
#define W_REF_MAYBE 1.0 /* "investigating whether this is connected to ..." */
#define W_UPSTREAM 5.0 /* blames an upstream provider where the other reports trouble */
#define W_NAMES_SOURCE 3.0 /* names the other's feed ("Edgeflare"), not as the culprit */
#define W_TITLE 4.0    /* same feed, same title (one event posted as several items) */
#define W_SERVICE 1.0  /* per shared service, at most two */
#define W_FEATURE 1.0
#define W_REGION 0.5
/* Both advisories carry a region of their own (a provider's structured field, not
 * text) and the regions differ: one provider's trouble in two regions is, far more
 * often than not, two events posted from one template.  Shared words then prove
 * nothing; only one naming the other or an upstream cause ties them. */
#define REGION_CONFLICT_SCALE 0.0
#define W_OVERLAP 1.0  /* intervals overlap; a gap earns up to half of it */
/* Without this much content evidence nothing links, whatever the context. */
#define CONTENT_MIN 3.0
/* Terms in more than this share of advisories (and more than CAND_DF_MIN)
 * find no candidates; they still count when a pair is scored. */
#define CAND_DF_SHARE 0.02
#define CAND_DF_MIN 200
/* Time lift (see lift_factor()): a term counts fully when advisories holding
 * it are near each other in time at least LIFT_FULL times as often as chance
 * predicts, not at all at chance level.  Near = start times in the same or
 * adjacent max_gap-wide buckets.  LIFT_PRIOR_PAIRS pseudo near pairs at full
 * lift, and LIFT_PRIOR_DOCS pseudo advisories far apart in time, keep a small
 * or young history (a one-day scenario) from judging any term by chance. */
#define LIFT_FULL 1.2
#define LIFT_PRIOR_PAIRS 4.0
#define LIFT_PRIOR_DOCS 1000.0
/* explore() asks for the data of the candidate this many ahead. */
#define PREFETCH_AHEAD 4
/* Reasons list at most this many shared terms. */
#define REASON_TERMS 4

typedef struct {
	char *id_lower; /* owned */
	guint32 hash;   /* g_str_hash() of id_lower: most tests fail on it */
	TermsRefPolarity polarity;
} Ref;

/* One advisory as the linker holds it.  Allocated on a cache line, with
 * what ordering a pair and scoring it against its bound read first (a dense
 * window scores millions of pairs so; each cache line of a Doc was a miss).
 * Copies of what scoring reads of the advisory, so that such a pair reads
 * no Advisory: si, svc, feature, source_null, own_region. */
typedef struct {
	guint64 key_head[2];/* its key's first 16 bytes, big-endian: orders most pairs without a strcmp */
	gint64 s, e;     /* effective interval; s == SW_TIME_NONE: no usable time */
	GArray *refs;    /* Ref, owned strings */
	GPtrArray *regions;   /* char *, owned: regions named in text or fields */
	const struct SourceInfo *si; /* its source's: equal for equal sources but NULL vs "" */
	guint32 title_term;   /* term id of "@title:" source, title key; G_MAXUINT32 if none */
	bool upstream;        /* blames an upstream provider */
	bool source_null;     /* advisory's source is NULL */
	bool own_region;      /* advisory's region is not NULL */
	/* 64 bytes */
	guint32 index;   /* in Linker.docs */
	guint32 source_term;  /* term id of the source's name word, G_MAXUINT32 if none */
	guint32 providers;    /* providers named anywhere */
	guint32 self_provider;/* providers in its own source name / URL */
	guint64 svc_mask;     /* bit (id % 64) of each service id: no bit in common, no service */
	guint32 feature;      /* an id of its feature, as for services; G_MAXUINT32 if none */
	guint32 nsvc;
	guint32 *svc;         /* per service of the advisory, in its order: an id equal
			       * for names equal but for ASCII case; after the terms,
			       * in their allocation */
	guint32 *terms;  /* sorted unique term ids, owned */
	guint nterms;
	guint32 id_hash; /* g_str_hash(id_lower) */
	Advisory *adv;   /* one reference */
	char *key;       /* "source/id", owned */
	char *id_lower;  /* owned */
} Doc;

G_STATIC_ASSERT(offsetof(Doc, own_region) < 64);

/* The advisories holding a term: a bare array, one per term (no GArray
 * header, no separate allocation for the struct). */
/* One advisory in a posting, with its start in minutes beside it so the
 * binary search for the time window reads one array (the doc's Span was a
 * cache miss per probe). */
typedef struct {
	guint32 doc;      /* first: cmp_by_start() reads it as a guint32 */
	gint32 smin;      /* start / 60 (truncated), G_MAXINT32 for none */
} PostEntry;

typedef struct {
	PostEntry *docs;  /* sorted by (s, index) when !dirty; owned */
	guint32 len, cap;
	gint64 max_span;  /* longest e - s among listed docs */
	bool dirty;
} Posting;

/* Everything the linker keeps per term in one 64-byte record, so adding a
 * term or weighing it touches one cache line (separate arrays per field cost
 * a cache miss each once the vocabulary outgrew the caches). */
typedef struct {
	Posting post;
	char *block;      /* "norm\0smallest surface seen\0", owned */
	double ldf;       /* log(df + 1), kept with df */
	guint32 df;       /* advisories holding it */
	guint32 hash;     /* of the norm */
	guint8 n;         /* words in the term; 0 = internal key */
	guint8 flag;      /* TERM_UPSTREAM, provider index + 1 in TERM_PROVIDER */
	guint8 is_source; /* the name word of some source held */
	guint32 obs;      /* pairs of advisories holding it that are near in time */
} Term;

#define TERM(l, t) (&g_array_index((l)->terms, Term, (t)))

/* Term id by its normalised text: open addressing, each slot holding the
 * term's hash beside its id, so a lookup hashes the text once, finds its
 * slot in one cache line and compares text only on a full hash match
 * (GHashTable hashed and compared through function pointers, and was a fifth
 * of adding). */
typedef struct {
	guint32 hash;
	guint32 id;       /* term id + 1; 0 = empty */
} TermSlot;

typedef struct {
	TermSlot *slots;
	guint32 mask;     /* slots - 1, a power of two minus one */
	guint32 used;
} TermTable;

/* A doc's interval as the posting scans read it: start (G_MAXINT64 for none),
 * end.  One array, so a binary search touches no Doc. */
typedef struct {
	gint64 s, e;
} Span;

/* What scoring needs of one doc's terms as a whole, as of one generation. */
typedef struct {
	double mass;      /* sum of its squared term weights: its side of the cosine */
	double common;    /* the same over its terms too common to find candidates */
	bool names_other; /* holds the name word of a source other than its own */
} DocWeights;

typedef struct {
	double ln_n;   /* ln(N + IDF_PRIOR) */
	double scale;  /* TERM_WEIGHT_MAX / ln(N + IDF_PRIOR + 1) */
	double pnear;  /* chance that two advisories are near in time (with the prior) */
} Idf;

struct Linker {
	LinkerOptions opts;
	GPtrArray *docs;          /* Doc *, owned; index = doc number, never reused */
	GHashTable *by_key;       /* char *key (borrowed from Doc) → index + 1 */
	GHashTable *by_id;        /* char *id_lower (borrowed from Doc) → IdDocs (see id_docs_add()) */
	GHashTable *mentions;     /* char *id_lower (owned) → GArray guint32 docs naming it */
	TermTable term_ids;       /* norm → term id */
	GArray *terms;            /* Term, by term id */
	GArray *spans;            /* Span per doc: its interval, dense for the posting scans */
	Idf idf;                  /* term weights' constants for the docs held */
	guint32 gen;              /* bumped by every add: cached weights are stale */
	double *w_cache;          /* per term: weight_of() as of w_gen (a cache) */
	guint32 *w_gen;
	guint w_cap;
	DocWeights *mass;         /* per doc: doc_weights() as of mass_gen - 1 (a cache) */
	guint32 *mass_gen;
	guint mass_cap;
	GHashTable *buckets;      /* time bucket → GArray guint32 docs starting in it */
	gint64 bucket_w;          /* bucket width, seconds */
	guint64 near_all;         /* pairs of docs near in time */
	guint n_timed;            /* docs with a time */
	guint n_replaced;         /* replacements so far (postings may hold stale entries) */
	bool obs_ready;           /* Term.obs is maintained (after the first obs_compute_all()) */
	GHashTable *source_info;  /* char *source → SourceInfo *, owned: per-source features */
	GHashTable *name_ids;     /* char *lower-case service or feature name, owned → id + 1 */
	guint32 *scratch_local;   /* per doc, all 0 between calls (see explore()) */
	guint32 *scratch_stamp;   /* per doc, Cands stamps (see candidates()) */
	double *scratch_dot;      /* per doc, Cands dot products (see candidates()) */
	guint32 scratch_round;
	guint scratch_n;
	GHashTable *by_source;    /* term id + 1 → GArray guint32 docs whose source it names */
	guint32 upstream_terms[2];/* "upstream", "provider" */
	guint32 provider_terms[32];/* terms_provider_name(i) as a term */
	guint n_provider_terms;
	GHashTable *forced;       /* char *key → GHashTable set of char *key, owned */
	GHashTable *split;        /* char *key set, owned */
	GHashTable *previous;     /* char *key → char *incident id, owned */
	GHashTable *prev_members; /* char *incident id → GPtrArray of char *key (borrowed) */
};

void
linker_options_init(LinkerOptions *opts)
{
	opts->threshold = LINKER_DEFAULT_THRESHOLD;
	opts->max_gap = LINKER_DEFAULT_MAX_GAP;
}

#define TERM_UPSTREAM 0x80
#define TERM_PROVIDER 0x3f

/* What a source name says, computed once per source. */
typedef struct SourceInfo {
	guint32 term;      /* source_word_term() */
	guint32 providers; /* terms_providers(source) */
} SourceInfo;

static void
doc_clear_features(Doc *d)
{
	g_clear_pointer(&d->terms, g_free);
	d->nterms = 0;
	d->svc = NULL; /* in the terms' allocation */
	d->nsvc = 0;
	if (d->refs != NULL) {
		for (guint i = 0; i < d->refs->len; i++) {
			g_free(g_array_index(d->refs, Ref, i).id_lower);
		}
		g_array_set_size(d->refs, 0);
	}
	if (d->regions != NULL) {
		g_ptr_array_set_size(d->regions, 0);
	}
}

static void
doc_free(Doc *d)
{
	doc_clear_features(d);
	g_clear_pointer(&d->refs, g_array_unref);
	g_clear_pointer(&d->regions, g_ptr_array_unref);
	advisory_unref(d->adv);
	g_free(d->key);
	g_free(d->id_lower);
	g_aligned_free(d);
}

static void
garray_unref0(gpointer p)
{
	g_array_unref(p);
}

static guint32 intern(Linker *l, const char *norm, const char *surface, int n);

/*
 * The docs with one advisory id (by_id values).  Nearly every id belongs to
 * one advisory, so one doc is the value itself, tagged: (index << 1) | 1;
 * only an id shared by several sources gets a GArray (an even pointer).
 * Saves an array per advisory.
 */
static bool
id_docs_single(gpointer v)
{
	return (GPOINTER_TO_SIZE(v) & 1) != 0;
}

static void
id_docs_free(gpointer v)
{
	if (v != NULL && !id_docs_single(v)) {
		g_array_unref(v);
	}
}
static void idf_init(const Linker *l, Idf *idf);
static void weights_reserve(Linker *l);

typedef struct {
	char *norm;
	int n;
} Longest;

static void
longest_term(void *user, const char *norm, const char *surface, int n)
{
	Longest *lt = user;
	if (n > lt->n) {
		g_free(lt->norm);
		lt->norm = g_strdup(norm);
		lt->n = n;
	}
}

/* The term a short phrase ("google cloud") becomes, interned. */
static guint32
term_of_phrase(Linker *l, const char *phrase)
{
	Longest lt = {0};
	TermsSink sink = {.term = longest_term, .user = &lt};
	terms_scan(phrase, &sink);
	guint32 id = intern(l, lt.norm != NULL ? lt.norm : phrase, phrase, MAX(lt.n, 1));
	g_free(lt.norm);
	return id;
}

Linker *
linker_new(const LinkerOptions *opts)
{
	Linker *l = g_new0(Linker, 1);

	if (opts != NULL) {
		l->opts = *opts;
	} else {
		linker_options_init(&l->opts);
	}
	if (!(l->opts.threshold > 0)) {
		l->opts.threshold = LINKER_DEFAULT_THRESHOLD;
	}
	if (l->opts.max_gap < 0) {
		l->opts.max_gap = LINKER_DEFAULT_MAX_GAP;
	}
	l->docs = g_ptr_array_new_with_free_func((GDestroyNotify)doc_free);
	l->by_key = g_hash_table_new(g_str_hash, g_str_equal);
	l->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, id_docs_free);
	l->mentions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, garray_unref0);
	l->term_ids.mask = 1023;
	l->term_ids.slots = g_new0(TermSlot, l->term_ids.mask + 1);
	l->terms = g_array_new(FALSE, FALSE, sizeof(Term));
	l->spans = g_array_new(FALSE, TRUE, sizeof(Span));
	l->buckets = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, garray_unref0);
	l->bucket_w = MAX(l->opts.max_gap, 60);
	l->source_info = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	l->name_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	l->by_source = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, garray_unref0);
	l->forced = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					  (GDestroyNotify)g_hash_table_unref);
	l->split = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	l->previous = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	l->prev_members = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
						(GDestroyNotify)g_ptr_array_unref);
	/* The words that mean "blames an upstream provider", and provider names, as
	 * terms: a doc has them iff its text says them (see terms_blames_upstream()). */
	idf_init(l, &l->idf);
	l->upstream_terms[0] = term_of_phrase(l, "upstream");
	l->upstream_terms[1] = term_of_phrase(l, "provider");
	for (guint k = 0; k < 2; k++) {
		TERM(l, l->upstream_terms[k])->flag |= TERM_UPSTREAM;
	}
	G_STATIC_ASSERT(G_N_ELEMENTS(l->provider_terms) < TERM_PROVIDER);
	for (guint i = 0; terms_provider_name(i) != NULL && i < G_N_ELEMENTS(l->provider_terms);
	     i++) {
		l->provider_terms[i] = term_of_phrase(l, terms_provider_name(i));
		l->n_provider_terms = i + 1;
		guint8 *f = &TERM(l, l->provider_terms[i])->flag;
		*f = (guint8)((*f & ~TERM_PROVIDER) | (i + 1));
	}
	return l;
}

void
linker_free(Linker *l)
{
	if (l == NULL) {
		return;
	}
	g_hash_table_unref(l->by_key);
	g_hash_table_unref(l->by_id); /* keys borrowed from the docs */
	g_ptr_array_unref(l->docs);
	g_hash_table_unref(l->mentions);
	g_free(l->term_ids.slots);
	for (guint i = 0; i < l->terms->len; i++) {
		g_free(TERM(l, i)->post.docs);
		g_free(TERM(l, i)->block);
	}
	g_array_unref(l->terms);
	g_hash_table_unref(l->source_info);
	g_hash_table_unref(l->name_ids);
	g_array_unref(l->spans);
	g_free(l->w_cache);
	g_free(l->w_gen);
	g_free(l->mass);
	g_free(l->mass_gen);
	g_hash_table_unref(l->buckets);
	g_free(l->scratch_local);
	g_free(l->scratch_stamp);
	g_free(l->scratch_dot);
	g_hash_table_unref(l->by_source);
	g_hash_table_unref(l->forced);
	g_hash_table_unref(l->split);
	g_hash_table_unref(l->prev_members);
	g_hash_table_unref(l->previous);
	g_free(l);
}

guint
linker_count(Linker *l)
{
	return l->docs->len;
}

/* ---- terms ---------------------------------------------------------------- */

/* "norm\0surface\0" in one allocation. */
static char *
term_block(const char *norm, const char *surface)
{
	gsize nl = strlen(norm), sl = strlen(surface);
	char *b = g_malloc(nl + sl + 2);
	memcpy(b, norm, nl + 1);
	memcpy(b + nl + 1, surface, sl + 1);
	return b;
}

/* The smallest spelling of term @t seen, for reasons. */
static const char *
term_surface(const Linker *l, guint32 t)
{
	const char *norm = TERM(l, t)->block;
	return norm + strlen(norm) + 1;
}

/* Eight bytes a step, multiply-rotate, with a final mix (linear probing wants
 * good low bits).  Terms are short: a byte-at-a-time hash was a chain of
 * dependent multiplies as long as the phrase. */
static guint32
term_hash_of(const char *s, gsize *ret_len)
{
	gsize len = strlen(s);
	guint64 h = 0x9e3779b97f4a7c15u ^ len;
	gsize i = 0;
	for (; i + 8 <= len; i += 8) {
		guint64 v;
		memcpy(&v, s + i, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	guint64 tail = 0;
	memcpy(&tail, s + i, len - i);
	h = (h ^ tail) * 0xc4ceb9fe1a85ec53u;
	h ^= h >> 29;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 32;
	*ret_len = len;
	return (guint32)h;
}

static void
term_table_grow(Linker *l)
{
	TermTable *tt = &l->term_ids;
	guint32 mask = tt->mask * 2 + 1;
	TermSlot *slots = g_new0(TermSlot, (gsize)mask + 1);
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
	g_free(tt->slots);
	tt->slots = slots;
	tt->mask = mask;
}

static guint32
intern(Linker *l, const char *norm, const char *surface, int n)
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
		const char *cur = key + len + 1;
		if (strcmp(surface, cur) < 0) {
			g_free(TERM(l, id)->block);
			TERM(l, id)->block = term_block(norm, surface);
		}
		return id;
	}
	guint32 id = l->terms->len;
	Term term = {.block = term_block(norm, surface), .hash = h, .n = (guint8)n};
	g_array_append_val(l->terms, term);
	tt->slots[i].hash = h;
	tt->slots[i].id = id + 1;
	if (++tt->used * 2 > tt->mask) {
		term_table_grow(l);
	}
	return id;
}

typedef struct {
	Linker *linker;
	GArray *ids; /* guint32 */
	Doc *doc;
	GString *title; /* when not NULL: the title key being built (terms_title_key()) */
	char *title_key; /* the title key, owned */
} Collect;

static void
collect_term(void *user, const char *norm, const char *surface, int n)
{
	Collect *c = user;
	guint32 id = intern(c->linker, norm, surface, n);
	g_array_append_val(c->ids, id);
	if (c->title != NULL && n == 1) {
		if (c->title->len > 0) {
			g_string_append_c(c->title, ' ');
		}
		g_string_append(c->title, norm);
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

/* "us-east-1" and "US-East" meet on the area; the number is kept for reasons. */
static char *
region_area(const char *region)
{
	char *r = g_ascii_strdown(region, -1);
	char *last = strrchr(r, '-');
	if (last != NULL && last != strchr(r, '-') && g_ascii_isdigit(last[1])) {
		*last = '\0';
	}
	return r;
}

static void
add_region(Doc *d, const char *region)
{
	g_autofree char *area = region_area(region);
	if (d->regions == NULL) {
		/* Most advisories name none: no array until one does. */
		d->regions = g_ptr_array_new_with_free_func(g_free);
	}
	for (guint i = 0; i < d->regions->len; i++) {
		if (strcmp(d->regions->pdata[i], area) == 0) {
			return;
		}
	}
	g_ptr_array_add(d->regions, g_steal_pointer(&area));
}

static void
collect_region(void *user, const char *region)
{
	Collect *c = user;
	add_region(c->doc, region);
}

static int
cmp_str_ptr(const void *a, const void *b)
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

static void
doc_interval(Doc *d)
{
	const Advisory *a = d->adv;
	gint64 s = a->start;

	if (s == SW_TIME_NONE) {
		for (guint i = 0; i < a->updates->len; i++) {
			const AdvisoryUpdate *u = a->updates->pdata[i];
			if (u->time != SW_TIME_NONE && (s == SW_TIME_NONE || u->time < s)) {
				s = u->time;
			}
		}
	}
	if (s == SW_TIME_NONE) {
		s = a->updated;
	}
	d->s = s;
	if (s == SW_TIME_NONE) {
		d->e = SW_TIME_NONE;
		return;
	}
	if (a->end != SW_TIME_NONE) {
		d->e = MAX(a->end, s);
	} else if (a->status == ADVISORY_STATUS_RESOLVED ||
		   a->status == ADVISORY_STATUS_FALSE_POSITIVE) {
		/* Closed without an end time: it ended by its last post. */
		d->e = MAX(last_activity(a), s);
	} else {
		d->e = MAX(last_activity(a), s) + OPEN_HORIZON;
	}
}

/* Scans every text of @a into @c; fills @d's title key on the way (the title
 * is scanned once for both unless it starts with a "[state]" tag). */
static void
scan_all_text(const Advisory *a, Collect *c, const TermsSink *sink)
{
	const char *t = a->title != NULL ? a->title : "";
	while (*t == ' ') {
		t++;
	}
	if (*t == '[') {
		terms_scan(a->title, sink);
		c->title_key = terms_title_key(a->title);
	} else {
		c->title = g_string_new(NULL);
		terms_scan(a->title, sink);
		c->title_key = g_string_free(g_steal_pointer(&c->title), FALSE);
	}
	terms_scan(a->text, sink);
	for (guint i = 0; i < a->updates->len; i++) {
		const AdvisoryUpdate *u = a->updates->pdata[i];
		terms_scan(u->text, sink);
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
	if (id_docs_single(v)) {
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
 * "aws" for "aws-ec2-us-east-1"), as a term, so that a text naming it ("our
 * CDN provider Edgeflare is having an outage") is recognised as naming the
 * source.  Generic feed words and names under three letters give none.
 */
static guint32
source_word_term(Linker *l, const char *source)
{
	static const char *const generic[] = {"status", "feed", "rss", "atom", "json", "page",
					      "history", "incidents", "test", "local", "default"};
	if (source == NULL) {
		return G_MAXUINT32;
	}
	gsize n = 0;
	while (g_ascii_isalnum(source[n])) {
		n++;
	}
	g_autofree char *head = g_ascii_strdown(source, (gssize)n);
	if (n < 3) {
		return G_MAXUINT32;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(generic); i++) {
		if (strcmp(head, generic[i]) == 0) {
			return G_MAXUINT32;
		}
	}
	g_autofree char *norm = NULL;
	TermsSink sink = {.term = first_word, .user = &norm};
	terms_scan(head, &sink);
	if (norm == NULL) {
		return G_MAXUINT32;
	}
	guint32 id = intern(l, norm, head, 1);
	TERM(l, id)->is_source = 1;
	return id;
}

static bool
doc_has_term(const Doc *d, guint32 t)
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
	return a < d->nterms && d->terms[a] == t;
}

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
static void
obs_compute_all(Linker *l)
{
	guint32 cap = 0;
	gint64 *keys = NULL;
	guint32 *counts = NULL;
	const Span *spans = (const Span *)(void *)l->spans->data;
	guint32 *seen = g_new0(guint32, l->docs->len + 1);

	for (guint32 t = 0; t < l->terms->len; t++) {
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
		for (guint k = 0; k < tm->post.len; k++) {
			guint32 o = tm->post.docs[k].doc;
			if (spans[o].s == G_MAXINT64) {
				continue;
			}
			if (l->n_replaced > 0) {
				/* Stale or repeated entries of replaced docs. */
				if (seen[o] == t + 1 || !doc_has_term(l->docs->pdata[o], t)) {
					continue;
				}
				seen[o] = t + 1;
			}
			gint64 b = bucket_of(l, spans[o].s);
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
	g_free(seen);
	g_free(keys);
	g_free(counts);
	l->obs_ready = true;
}

/* Term.obs ready for scoring. */
static void
ensure_obs(Linker *l)
{
	if (!l->obs_ready) {
		obs_compute_all(l);
		l->gen++;
	}
	weights_reserve(l);
}

/* Sets term @t's document frequency and its log, which weight_of() reads for
 * every term of every scored pair (log() there was a tenth of linking). */
static void
term_df_set(Linker *l, guint32 t, guint32 df)
{
	TERM(l, t)->df = df;
	TERM(l, t)->ldf = log((double)df + 1.0);
}

/* Sorts @v (@n > 0) by a byte at a time from the lowest (LSD radix sort),
 * skipping bytes all ids share: a long advisory has hundreds of terms, and
 * qsort's calls through cmp_u32() were a tenth of adding one. */
static void
radix_sort_u32(guint32 *v, guint n)
{
	guint32 *tmp = g_new(guint32, n);
	guint32 *src = v, *dst = tmp;
	for (guint shift = 0; shift < 32; shift += 8) {
		guint count[256] = {0};
		for (guint i = 0; i < n; i++) {
			count[(src[i] >> shift) & 0xff]++;
		}
		if (count[(src[0] >> shift) & 0xff] == n) {
			continue; /* every id has this byte: already in order by it */
		}
		guint sum = 0;
		for (guint b = 0; b < 256; b++) {
			guint c = count[b];
			count[b] = sum;
			sum += c;
		}
		for (guint i = 0; i < n; i++) {
			dst[count[(src[i] >> shift) & 0xff]++] = src[i];
		}
		guint32 *t = src;
		src = dst;
		dst = t;
	}
	if (src != v) {
		memcpy(v, src, n * sizeof(guint32));
	}
	g_free(tmp);
}

/* Sorts and dedups @v in place; returns the new length.  Insertion sort for
 * the usual few dozen ids (g_array_sort's merge sort cost 6,000 instructions
 * per advisory here), a radix sort beyond. */
static guint
sort_unique_u32(guint32 *v, guint n)
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

static const SourceInfo *
source_info(Linker *l, const char *source)
{
	const char *k = source != NULL ? source : "";
	SourceInfo *si = g_hash_table_lookup(l->source_info, k);
	if (si == NULL) {
		si = g_new0(SourceInfo, 1);
		si->term = source_word_term(l, source);
		si->providers = terms_providers(source);
		g_hash_table_insert(l->source_info, g_strdup(k), si);
	}
	return si;
}

static gint32
start_minutes(gint64 s)
{
	if (s == G_MAXINT64) {
		return G_MAXINT32;
	}
	return (gint32)CLAMP(s / 60, (gint64)G_MININT32, (gint64)G_MAXINT32 - 1);
}

static void
posting_append(Linker *l, Posting *p, guint32 index, const Doc *d, bool fresh)
{
	p->dirty |= !fresh; /* a replaced doc may have moved in time */
	if (p->len == p->cap) {
		p->cap = p->cap == 0 ? 4 : p->cap * 2;
		p->docs = g_renew(PostEntry, p->docs, p->cap);
	}
	if (p->len > 0 && !p->dirty) {
		/* Still sorted if @d comes after the last entry. */
		guint32 last = p->docs[p->len - 1].doc;
		gint64 ls = g_array_index(l->spans, Span, last).s;
		gint64 ds = g_array_index(l->spans, Span, index).s;
		p->dirty = !(ls < ds || (ls == ds && last < index));
	}
	p->docs[p->len].doc = index;
	p->docs[p->len].smin = start_minutes(g_array_index(l->spans, Span, index).s);
	p->len++;
	p->max_span = MAX(p->max_span, d->e - d->s);
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

/* Builds the features of @d from its advisory and enters them in the indexes.
 * @fresh: @d was never indexed before (not a replacement). */
static void
doc_index(Linker *l, Doc *d, guint32 index, bool fresh)
{
	const Advisory *a = d->adv;
	Collect c = {.linker = l, .ids = g_array_new(FALSE, FALSE, sizeof(guint32)), .doc = d};
	TermsSink sink = {.term = collect_term, .ref = collect_ref, .region = collect_region,
			  .user = &c};

	doc_interval(d);
	if (l->spans->len <= index) {
		g_array_set_size(l->spans, index + 1);
	}
	Span *sp = &g_array_index(l->spans, Span, index);
	sp->s = d->s == SW_TIME_NONE ? G_MAXINT64 : d->s;
	sp->e = d->e;
	scan_all_text(a, &c, &sink);
	if (a->region != NULL) {
		add_region(d, a->region);
	}
	if (d->regions != NULL) {
		g_ptr_array_sort(d->regions, cmp_str_ptr);
	}
	d->upstream = false;
	d->providers = 0;
	for (guint i = 0; i < c.ids->len; i++) {
		guint8 f = TERM(l, g_array_index(c.ids, guint32, i))->flag;
		d->upstream |= (f & TERM_UPSTREAM) != 0;
		if ((f & TERM_PROVIDER) != 0) {
			d->providers |= 1u << ((f & TERM_PROVIDER) - 1);
		}
	}
	const SourceInfo *si = source_info(l, a->source);
	d->si = si;
	d->self_provider = si->providers | terms_providers(a->url);
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
	}
	/* Internal keys (n = 0) reach candidates through the same index. */
	for (guint i = 0; d->regions != NULL && i < d->regions->len; i++) {
		g_autofree char *k = g_strconcat("@region:", d->regions->pdata[i], NULL);
		guint32 id = intern(l, k, k, 0);
		g_array_append_val(c.ids, id);
	}
	d->title_term = G_MAXUINT32;
	if (c.title_key[0] != '\0') {
		g_autofree char *k = g_strconcat("@title:", a->source, "\x1f", c.title_key, NULL);
		guint32 id = intern(l, k, k, 0);
		g_array_append_val(c.ids, id);
		d->title_term = id;
	}
	g_clear_pointer(&c.title_key, g_free);
	guint n = sort_unique_u32((guint32 *)(void *)c.ids->data, c.ids->len);
	d->nterms = n;
	/* One allocation: the terms, then the service ids in the advisory's order. */
	d->terms = g_new(guint32, MAX(n + d->nsvc, 1));
	memcpy(d->terms, c.ids->data, sizeof(guint32) * n);
	d->svc = d->terms + n;
	d->svc_mask = 0;
	for (guint i = 0; i < d->nsvc; i++) {
		d->svc[i] = name_id(l, "s", a->services->pdata[i]);
		d->svc_mask |= G_GUINT64_CONSTANT(1) << (d->svc[i] % 64);
	}
	g_array_unref(c.ids);

	for (guint i = 0; i < d->nterms; i++) {
		guint32 t = d->terms[i];
		term_df_set(l, t, TERM(l, t)->df + 1);
		posting_append(l, &TERM(l, t)->post, index, d, fresh);
	}
	for (guint i = 0; d->refs != NULL && i < d->refs->len; i++) {
		append_index(l->mentions, g_array_index(d->refs, Ref, i).id_lower, index, false);
	}
	time_index(l, d, index, 1);
}

/* Takes @d's terms out of the document frequencies.  Posting entries stay
 * (a stale entry only adds a candidate, and scoring is exact). */
static void
doc_unindex(Linker *l, Doc *d, guint32 index)
{
	time_index(l, d, index, -1);
	l->n_replaced++;
	for (guint i = 0; i < d->nterms; i++) {
		term_df_set(l, d->terms[i], TERM(l, d->terms[i])->df - 1);
		/* Its entry stays but its time may change: sort again before use. */
		TERM(l, d->terms[i])->post.dirty = true;
	}
	doc_clear_features(d);
}

void
linker_add(Linker *l, Advisory *adv)
{
	g_return_if_fail(l != NULL && adv != NULL);
	char *key = advisory_key(adv);
	gpointer v = g_hash_table_lookup(l->by_key, key);
	Doc *d;
	guint32 index;

	if (v != NULL) {
		index = GPOINTER_TO_UINT(v) - 1;
		d = l->docs->pdata[index];
		doc_unindex(l, d, index);
		advisory_unref(d->adv);
		d->adv = advisory_ref(adv);
		g_free(key);
	} else {
		index = l->docs->len;
		d = g_aligned_alloc0(1, sizeof(Doc), 64);
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
	doc_index(l, d, index, v == NULL);
	idf_init(l, &l->idf);
	l->gen++;
}

/* ---- people's decisions ----------------------------------------------------- */

static void
forced_add(Linker *l, const char *a, const char *b)
{
	GHashTable *set = g_hash_table_lookup(l->forced, a);
	if (set == NULL) {
		set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		g_hash_table_insert(l->forced, g_strdup(a), set);
	}
	g_hash_table_add(set, g_strdup(b));
}

void
linker_force_merge(Linker *l, const char *key_a, const char *key_b)
{
	g_return_if_fail(l != NULL && key_a != NULL && key_b != NULL);
	if (strcmp(key_a, key_b) == 0) {
		return;
	}
	/* The latest decision wins: merging undoes an earlier "always alone". */
	g_hash_table_remove(l->split, key_a);
	g_hash_table_remove(l->split, key_b);
	forced_add(l, key_a, key_b);
	forced_add(l, key_b, key_a);
}

void
linker_force_split(Linker *l, const char *key)
{
	g_return_if_fail(l != NULL && key != NULL);
	GHashTable *set = g_hash_table_lookup(l->forced, key);
	if (set != NULL) {
		GHashTableIter it;
		gpointer other;
		g_hash_table_iter_init(&it, set);
		while (g_hash_table_iter_next(&it, &other, NULL)) {
			GHashTable *back = g_hash_table_lookup(l->forced, other);
			if (back != NULL) {
				g_hash_table_remove(back, key);
			}
		}
		g_hash_table_remove(l->forced, key);
	}
	g_hash_table_add(l->split, g_strdup(key));
}

void
linker_set_previous(Linker *l, GHashTable *assignments)
{
	g_return_if_fail(l != NULL);
	g_hash_table_remove_all(l->prev_members);
	g_hash_table_remove_all(l->previous);
	if (assignments == NULL) {
		return;
	}
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, assignments);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		if (k == NULL || v == NULL) {
			continue;
		}
		g_hash_table_insert(l->previous, g_strdup(k), g_strdup(v));
	}
	g_hash_table_iter_init(&it, l->previous);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		GPtrArray *keys = g_hash_table_lookup(l->prev_members, v);
		if (keys == NULL) {
			keys = g_ptr_array_new();
			g_hash_table_insert(l->prev_members, v, keys);
		}
		g_ptr_array_add(keys, k);
	}
}

/* ---- scoring ------------------------------------------------------------------ */

static TermsRefPolarity
ref_of(const Doc *from, const Doc *to, bool *found)
{
	*found = false;
	if (from->refs == NULL || to->id_lower[0] == '\0') {
		return TERMS_REF_POSITIVE;
	}
	for (guint i = 0; from->refs != NULL && i < from->refs->len; i++) {
		const Ref *r = &g_array_index(from->refs, Ref, i);
		if (r->hash == to->id_hash && strcmp(r->id_lower, to->id_lower) == 0) {
			*found = true;
			return r->polarity;
		}
	}
	return TERMS_REF_POSITIVE;
}

/* True when both advisories state a region of their own and the two differ.  A
 * region that says it spans several ("Multiple regions", "Global") conflicts with
 * nothing. */
static bool
regions_conflict(const Doc *a, const Doc *b)
{
	const char *ra = a->adv->region, *rb = b->adv->region;

	if (ra == NULL || rb == NULL) {
		return false;
	}
	if (g_strrstr(ra, "ultiple") != NULL || g_strrstr(rb, "ultiple") != NULL ||
	    g_ascii_strncasecmp(ra, "global", 6) == 0 || g_ascii_strncasecmp(rb, "global", 6) == 0) {
		return false;
	}
	g_autofree char *xa = region_area(ra);
	g_autofree char *xb = region_area(rb);
	return strcmp(xa, xb) != 0;
}

static bool
regions_meet(const Doc *a, const Doc *b, const char **ret_region)
{
	if (a->regions == NULL || b->regions == NULL) {
		return false;
	}
	for (guint i = 0; i < a->regions->len; i++) {
		for (guint j = 0; j < b->regions->len; j++) {
			if (strcmp(a->regions->pdata[i], b->regions->pdata[j]) == 0) {
				*ret_region = a->regions->pdata[i];
				return true;
			}
		}
	}
	return false;
}

static gint64
interval_gap(const Doc *a, const Doc *b)
{
	if (a->s == SW_TIME_NONE || b->s == SW_TIME_NONE) {
		return G_MAXINT64;
	}
	gint64 gap = MAX(a->s, b->s) - MIN(a->e, b->e);
	return gap > 0 ? gap : 0;
}

/* @v >= 0 as "%.1f" would print it, into @buf (32 bytes): reasons are built
 * for every link of a batch, and printf was a tenth of that. */
static const char *
fmt_tenths(char *buf, double v)
{
	if (!(v >= 0 && v < 1e15)) {
		g_snprintf(buf, 32, "%.1f", v);
		return buf;
	}
	double k = floor(v * 10.0);
	double rest = fma(v, 10.0, -k); /* v * 10 - k, one rounding */
	if (rest > 0.5 || (rest == 0.5 && fmod(k, 2.0) != 0)) {
		k += 1;
	}
	guint64 t = (guint64)k;
	char tmp[32];
	int n = 0;
	tmp[n++] = (char)('0' + t % 10);
	tmp[n++] = '.';
	t /= 10;
	do {
		tmp[n++] = (char)('0' + t % 10);
		t /= 10;
	} while (t > 0);
	for (int i = 0; i < n; i++) {
		buf[i] = tmp[n - 1 - i];
	}
	buf[n] = '\0';
	return buf;
}

static char *
fmt_duration(gint64 secs)
{
	char buf[48];
	if (secs < 3600) {
		g_snprintf(buf, sizeof(buf), "%d min", (int)(secs / 60));
		return g_strdup(buf);
	}
	int h = (int)(secs / 3600), m = (int)(secs % 3600 / 60);
	g_snprintf(buf, sizeof(buf), "%dh%02d", h, m);
	return g_strdup(buf);
}

typedef struct {
	double score;
	bool veto;
	GPtrArray *reasons; /* char *, owned; NULL when not asked for */
} Evidence;

/* Adds a reason; @text (an expression giving an owned string) is only
 * evaluated when reasons are asked for: most pairs are scored without, and
 * building their strings was a tenth of scoring them. */
#define REASON(ev, text)                                                     \
	do {                                                                 \
		if ((ev)->reasons != NULL) {                                 \
			g_ptr_array_add((ev)->reasons, (text));              \
		}                                                            \
	} while (0)

typedef struct {
	guint32 term;
	double w;
} Shared;

static int
cmp_shared(const void *pa, const void *pb)
{
	const Shared *a = pa, *b = pb;
	if (a->w != b->w) {
		return a->w > b->w ? -1 : 1;
	}
	return a->term < b->term ? -1 : a->term > b->term;
}


static void
idf_init(const Linker *l, Idf *idf)
{
	double n = (double)l->docs->len + IDF_PRIOR;
	idf->ln_n = log(n);
	idf->scale = TERM_WEIGHT_MAX / log(n + 1.0);
	double m = (double)l->n_timed + LIFT_PRIOR_DOCS;
	idf->pnear = (double)l->near_all / (m * (m - 1.0) / 2.0);
}

/*
 * How much of a term's weight its timing earns.  Every advisory held says
 * when it happened; a cause word ("kelvatrix", "DNS resolution") turns up in
 * several advisories at once and then not for weeks, while a symptom or a
 * boilerplate phrase ("elevated latency", "Azure DevOps requests", "we're
 * analyzing service logs") turns up all the time, so two concurrent advisories
 * share it by chance.  The lift is the number of near pairs holding the term
 * over the number expected if its advisories were spread like all others
 * (both with a prior, see LIFT_*); at chance (lift 1) a shared term says
 * nothing, from LIFT_FULL up it counts fully.  A function of what is held,
 * never of arrival order.
 */
static double
lift_factor(const Term *tm, const Idf *idf)
{
	double df = tm->df;
	double chance = df * (df - 1.0) / 2.0 * idf->pnear;
	double lift = ((double)tm->obs + LIFT_PRIOR_PAIRS * LIFT_FULL) / (chance + LIFT_PRIOR_PAIRS);
	double f = (lift - 1.0) / (LIFT_FULL - 1.0);
	return f < 0 ? 0 : f > 1 ? 1 : f;
}

/* Weight of a term as a word (phrases get PHRASE_BONUS of it); 0 for keys. */
static double
weight_compute(const Linker *l, const Idf *idf, guint32 t)
{
	guint8 n = TERM(l, t)->n;
	if (n == 0) {
		return 0;
	}
	double w = (idf->ln_n - TERM(l, t)->ldf) * idf->scale;
	if (w < 0) {
		w = 0;
	}
	w *= lift_factor(TERM(l, t), idf);
	return n == 1 ? w : w * PHRASE_BONUS;
}

/* weight_compute(), cached until the next add: a batch weighs each term once
 * however many pairs share it.  (Writes through the cache pointers only.) */
static double
weight_of(const Linker *l, const Idf *idf, guint32 t)
{
	if (t >= l->w_cap) {
		return weight_compute(l, idf, t);
	}
	if (l->w_gen[t] != l->gen) {
		l->w_cache[t] = weight_compute(l, idf, t);
		l->w_gen[t] = l->gen;
	}
	return l->w_cache[t];
}

/* Sizes the weight cache to the terms held; called before scoring. */
static void
weights_reserve(Linker *l)
{
	if (l->w_cap < l->terms->len) {
		guint cap = MAX(l->terms->len, l->w_cap * 2);
		l->w_cache = g_renew(double, l->w_cache, cap);
		l->w_gen = g_renew(guint32, l->w_gen, cap);
		for (guint i = l->w_cap; i < cap; i++) {
			l->w_gen[i] = l->gen - 1;
		}
		l->w_cap = cap;
	}
	if (l->mass_cap < l->docs->len) {
		guint cap = MAX(l->docs->len, l->mass_cap * 2);
		l->mass = g_renew(DocWeights, l->mass, cap);
		l->mass_gen = g_renew(guint32, l->mass_gen, cap);
		for (guint i = l->mass_cap; i < cap; i++) {
			l->mass_gen[i] = l->gen; /* never gen + 1: stale */
		}
		l->mass_cap = cap;
	}
}

/* Terms held by more advisories than this find no candidates (they still
 * count when a pair is scored). */
static guint32
cand_df_max(const Linker *l)
{
	return (guint32)MAX((guint64)CAND_DF_MIN, (guint64)(l->docs->len * CAND_DF_SHARE));
}

/* @d's DocWeights, cached until the next add: the mass was recomputed for
 * every pair @d was in.  Summed in term order, as the merge in shared_terms()
 * used to, so the value is the same. */
static DocWeights
doc_weights(const Linker *l, const Doc *d)
{
	if (d->index < l->mass_cap && l->mass_gen[d->index] == l->gen + 1) {
		return l->mass[d->index];
	}
	DocWeights dw = {0};
	guint32 df_max = cand_df_max(l);
	for (guint i = 0; i < d->nterms; i++) {
		guint32 t = d->terms[i];
		double w = weight_of(l, &l->idf, t);
		dw.mass += w * w;
		if (TERM(l, t)->df > df_max) {
			dw.common += w * w;
		}
		dw.names_other |= TERM(l, t)->is_source && t != d->source_term;
	}
	if (d->index < l->mass_cap) {
		l->mass[d->index] = dw;
		l->mass_gen[d->index] = l->gen + 1;
	}
	return dw;
}

/* TEXT_SCALE x the cosine of two docs whose weighted terms have dot product
 * @dot.  A floor on each side's mass: two short posts sharing three words are
 * not as alike as two long ones sharing thirty. */
static double
text_of_dot(const Linker *l, const Doc *a, const Doc *b, double dot)
{
	if (dot <= 0) {
		return 0;
	}
	double na = doc_weights(l, a).mass, nb = doc_weights(l, b).mass;
	return TEXT_SCALE * dot / sqrt(MAX(na, TEXT_MIN_MASS) * MAX(nb, TEXT_MIN_MASS));
}

/*
 * Text similarity: a cosine over binary term vectors weighted by IDF, so
 * that a long advisory sharing many everyday words with another scores low
 * while two that share their rare words score high; scaled to points.
 * Fills the shared terms into @top when asked.
 */
static double
shared_terms(const Linker *l, const Doc *a, const Doc *b, GArray *top, guint32 *ret_named)
{
	const Idf *idf = &l->idf;
	double dot = 0;
	guint i = 0, j = 0;

	while (i < a->nterms && j < b->nterms) {
		guint32 x = a->terms[i];
		guint32 y = b->terms[j];
		if (x < y) {
			i++;
			continue;
		}
		if (y < x) {
			j++;
			continue;
		}
		i++;
		j++;
		if (TERM(l, x)->is_source && x != a->source_term &&
		    x != b->source_term && *ret_named == G_MAXUINT32) {
			*ret_named = x;
		}
		double w = weight_of(l, idf, x);
		dot += w * w;
		if (top != NULL && w > 0) {
			guint8 n = TERM(l, x)->n;
			Shared sh = {.term = x, .w = n == 1 ? w : w / PHRASE_BONUS * (1.0 + 0.3 * n)};
			g_array_append_val(top, sh);
		}
	}
	return text_of_dot(l, a, b, dot);
}

/* Drops shared words that a listed phrase already contains. */
static char *
describe_terms(const Linker *l, GArray *top)
{
	g_array_sort(top, cmp_shared);
	GString *out = g_string_new(NULL);
	GPtrArray *shown = g_ptr_array_new();
	for (guint i = 0; i < top->len && shown->len < REASON_TERMS; i++) {
		const char *surf = term_surface(l, g_array_index(top, Shared, i).term);
		bool covered = false;
		for (guint k = 0; k < shown->len && !covered; k++) {
			covered = strstr(shown->pdata[k], surf) != NULL;
		}
		if (covered) {
			continue;
		}
		g_ptr_array_add(shown, (gpointer)surf);
		if (out->len > 0) {
			g_string_append(out, ", ");
		}
		g_string_append_c(out, '\'');
		g_string_append(out, surf);
		g_string_append_c(out, '\'');
	}
	g_ptr_array_unref(shown);
	return g_string_free(out, FALSE);
}

static const char *
short_id(const Doc *d)
{
	return d->adv->id != NULL ? d->adv->id : d->key;
}

/* What explore() knows of a pair's text without comparing it (see score_pair()). */
typedef struct {
	double text;  /* an upper bound on the text points */
	bool named;   /* both may name a third feed */
} TextBound;

/*
 * The evidence that @a and @b report one fault (see the top of the file).
 * Symmetric: callers pass the pair in key order so reasons read the same.
 *
 * With @tb (and no reasons asked for) the texts are not compared: the score is
 * then an upper bound of the true one, cheap to get (explore() scores a pair
 * fully only when its bound reaches the threshold).  Everything but the text
 * is computed as usual; the text is taken at tb->text and a third feed both
 * name (which the merge of the terms would find) as tb->named says it may
 * be.  Each step of the score is non-decreasing in those two, so the result
 * bounds the true score from above.
 */
static void
score_pair(const Linker *l, const Doc *a, const Doc *b, Evidence *ev, const TextBound *tb)
{
	bool fa, fb;
	TermsRefPolarity pa = ref_of(a, b, &fa);
	TermsRefPolarity pb = ref_of(b, a, &fb);
	const LinkerOptions *o = &l->opts;

	ev->score = 0;
	ev->veto = false;
	if ((fa && pa == TERMS_REF_NEGATIVE) || (fb && pb == TERMS_REF_NEGATIVE)) {
		const Doc *who = fa && pa == TERMS_REF_NEGATIVE ? a : b;
		const Doc *other = who == a ? b : a;
		ev->veto = true;
		REASON(ev, g_strdup_printf("%s says it is not related to %s", short_id(who),
					   short_id(other)));
		return;
	}
	bool ref_pos = (fa && pa == TERMS_REF_POSITIVE) || (fb && pb == TERMS_REF_POSITIVE);
	bool ref_maybe = !ref_pos && (fa || fb);
	gint64 gap = interval_gap(a, b);
	bool near = gap <= o->max_gap;
	if (!near && !(ref_pos && gap <= REF_MAX_GAP)) {
		return;
	}

	double content = 0, context = 0;
	if (ref_pos) {
		content += W_REF;
		if (fa && pa == TERMS_REF_POSITIVE) {
			REASON(ev, g_strdup_printf("%s names %s", short_id(a), short_id(b)));
		}
		if (fb && pb == TERMS_REF_POSITIVE) {
			REASON(ev, g_strdup_printf("%s names %s", short_id(b), short_id(a)));
		}
	} else if (ref_maybe) {
		content += W_REF_MAYBE;
		REASON(ev, g_strdup_printf("%s asks whether it is related to %s",
					   short_id(fa ? a : b), short_id(fa ? b : a)));
	}

	GArray *top = ev->reasons != NULL ? g_array_new(FALSE, FALSE, sizeof(Shared)) : NULL;
	guint32 named = G_MAXUINT32;
	double text;
	if (tb != NULL) {
		g_assert(ev->reasons == NULL);
		text = tb->text;
		if (tb->named) {
			named = 0; /* maybe: only tested against G_MAXUINT32 below */
		}
	} else {
		text = shared_terms(l, a, b, top, &named);
	}
	content += text;
	if (top != NULL) {
		if (top->len > 0) {
			g_autofree char *desc = describe_terms(l, top);
			char num[32];
			REASON(ev, g_strconcat("both name ", desc, " (", fmt_tenths(num, text), ")", NULL));
		}
		g_array_unref(top);
	}

	const char *region = NULL;
	bool meet = regions_meet(a, b, &region);
	bool upstream_counted = false;
	if ((a->upstream || b->upstream) && meet) {
		upstream_counted = true;
		content += W_UPSTREAM;
		if (a->upstream && b->upstream) {
			REASON(ev, g_strdup_printf("both blame an upstream provider in '%s'", region));
		} else {
			const Doc *who = a->upstream ? a : b;
			REASON(ev, g_strdup_printf("%s blames an upstream provider in '%s', where %s "
						   "reports trouble", short_id(who), region,
						   short_id(who == a ? b : a)));
		}
	} else if ((a->upstream && (a->providers & (b->self_provider | b->providers)) != 0) ||
		   (b->upstream && (b->providers & (a->self_provider | a->providers)) != 0)) {
		guint32 m = (a->upstream ? a->providers & (b->self_provider | b->providers) : 0) |
			    (b->upstream ? b->providers & (a->self_provider | a->providers) : 0);
		upstream_counted = true;
		content += W_UPSTREAM;
		REASON(ev, g_strdup_printf("upstream provider '%s' named",
					   terms_provider_name((guint)g_bit_nth_lsf(m, -1))));
	}
	bool same_source = a->si == b->si && a->source_null == b->source_null;
	if (!same_source && !upstream_counted) {
		const Doc *who = NULL, *other = NULL;
		if (b->source_term != G_MAXUINT32 && doc_has_term(a, b->source_term)) {
			who = a;
			other = b;
		} else if (a->source_term != G_MAXUINT32 && doc_has_term(b, a->source_term)) {
			who = b;
			other = a;
		}
		if (who != NULL) {
			/* Naming a feed is evidence; naming it as the culprit more. */
			content += W_NAMES_SOURCE + (who->upstream ? W_UPSTREAM - W_NAMES_SOURCE : 0);
			REASON(ev, g_strdup_printf("%s names '%s', the source of %s", short_id(who),
						   term_surface(l, other->source_term),
						   short_id(other)));
		}
	}
	if (named != G_MAXUINT32 && !upstream_counted && (a->upstream || b->upstream)) {
		/* Both name a third feed ("Edgeflare") and one blames its provider:
		 * the same upstream cause.  Without blame, two texts mentioning
		 * "Azure AD" say nothing about a shared fault. */
		upstream_counted = true;
		content += W_UPSTREAM;
		REASON(ev, g_strdup_printf("both name '%s', another source",
					   term_surface(l, named)));
	}
	/* The title term holds the source: equal terms, same feed and same title. */
	if (a->title_term != G_MAXUINT32 && a->title_term == b->title_term) {
		content += W_TITLE;
		REASON(ev, g_strconcat("same title on '", a->adv->source, "'", NULL));
	}

	guint shared_services = 0;
	for (guint i = 0; (a->svc_mask & b->svc_mask) != 0 && i < a->nsvc && shared_services < 2;
	     i++) {
		bool both = false;
		for (guint j = 0; j < b->nsvc && !both; j++) {
			both = a->svc[i] == b->svc[j];
		}
		if (both) {
			shared_services++;
			context += W_SERVICE;
			REASON(ev, g_strconcat("both affect '", (const char *)a->adv->services->pdata[i],
					       "'", NULL));
		}
	}
	if (a->feature != G_MAXUINT32 && a->feature == b->feature) {
		context += W_FEATURE;
		REASON(ev, g_strconcat("same feature '", a->adv->feature, "'", NULL));
	}
	if (meet && !(a->upstream || b->upstream)) {
		context += W_REGION;
		REASON(ev, g_strconcat("same region '", region, "'", NULL));
	}
	if (near) {
		if (gap == 0) {
			context += W_OVERLAP;
			REASON(ev, g_strdup("overlap in time"));
		} else {
			context += W_OVERLAP * 0.5 * (1.0 - (double)gap / (double)MAX(o->max_gap, 1));
			if (ev->reasons != NULL) {
				g_autofree char *d = fmt_duration(gap);
				REASON(ev, g_strconcat(d, " apart", NULL));
			}
		}
	}
	if (!ref_pos && !upstream_counted && a->own_region && b->own_region &&
	    regions_conflict(a, b)) {
		content *= REGION_CONFLICT_SCALE;
		REASON(ev, g_strconcat("but different regions ('", a->adv->region, "' and '",
				       b->adv->region, "')", NULL));
	}
	if (content < CONTENT_MIN) {
		/* Context alone (same service, same hour) is never a link. */
		ev->score = MIN(content + context, o->threshold * 0.5);
	} else {
		ev->score = content + context;
	}
	/* Rounded, so the order in which terms were first seen (and so the order
	 * of a floating-point sum) can never tip a comparison. */
	ev->score = round(ev->score * 1e6) / 1e6;
}

#undef REASON

/* ---- candidates --------------------------------------------------------------- */

static int
cmp_by_start(const void *pa, const void *pb, void *user)
{
	const Span *spans = user;
	guint32 x = *(const guint32 *)pa, y = *(const guint32 *)pb;
	gint64 sa = spans[x].s, sb = spans[y].s;
	if (sa != sb) {
		return sa < sb ? -1 : 1;
	}
	return x < y ? -1 : x > y;
}

static void
posting_sort(Linker *l, Posting *p)
{
	if (!p->dirty) {
		return;
	}
	const Span *spans = (const Span *)(void *)l->spans->data;
	for (guint i = 0; i < p->len; i++) {
		/* A replaced doc may have moved in time. */
		p->docs[i].smin = start_minutes(spans[p->docs[i].doc].s);
	}
	g_qsort_with_data(p->docs, (gint)p->len, sizeof(PostEntry), cmp_by_start, (gpointer)spans);
	/* Replacing an advisory can leave a duplicate entry; drop it. */
	guint n = 0;
	for (guint i = 0; i < p->len; i++) {
		PostEntry v = p->docs[i];
		bool dup = false;
		for (guint k = n; k > 0 && !dup; k--) {
			PostEntry u = p->docs[k - 1];
			if (spans[u.doc].s != spans[v.doc].s) {
				break;
			}
			dup = u.doc == v.doc;
		}
		if (!dup) {
			p->docs[n++] = v;
		}
	}
	p->len = n;
	p->dirty = false;
}

typedef struct {
	GArray *list;    /* guint32 candidate docs */
	guint32 *stamp;  /* per doc: last round that listed it */
	double *dot;     /* per listed doc: its dot product with the doc's terms
			  * that find candidates (see candidates()) */
	guint32 round;
} Cands;

/* The per-doc scratch arrays, grown to the docs held.  Kept between calls so
 * that linker_incident_for() costs its component, not a zeroed array per
 * advisory held: local[] is all 0 between calls, stamps only ever grow. */
static void
scratch_reserve(Linker *l, Cands *c)
{
	guint n = l->docs->len + 1;
	if (n > l->scratch_n) {
		guint cap = MAX(n, l->scratch_n * 2);
		l->scratch_local = g_renew(guint32, l->scratch_local, cap);
		l->scratch_stamp = g_renew(guint32, l->scratch_stamp, cap);
		l->scratch_dot = g_renew(double, l->scratch_dot, cap);
		memset(l->scratch_local + l->scratch_n, 0, (cap - l->scratch_n) * sizeof(guint32));
		memset(l->scratch_stamp + l->scratch_n, 0, (cap - l->scratch_n) * sizeof(guint32));
		l->scratch_n = cap;
	}
	if (l->scratch_round > G_MAXUINT32 - 2 * n) {
		memset(l->scratch_stamp, 0, l->scratch_n * sizeof(guint32));
		l->scratch_round = 0;
	}
	c->list = g_array_new(FALSE, FALSE, sizeof(guint32));
	c->stamp = l->scratch_stamp;
	c->dot = l->scratch_dot;
	c->round = l->scratch_round;
}

static void
scratch_release(Linker *l, Cands *c)
{
	l->scratch_round = c->round;
	g_array_unref(c->list);
}

static void
cand_add(Cands *c, guint32 doc)
{
	if (c->stamp[doc] != c->round) {
		c->stamp[doc] = c->round;
		c->dot[doc] = 0;
		g_array_append_val(c->list, doc);
	}
}

static void
cand_add_all(Cands *c, GArray *arr)
{
	if (arr == NULL) {
		return;
	}
	for (guint i = 0; i < arr->len; i++) {
		cand_add(c, g_array_index(arr, guint32, i));
	}
}

/* True when doc @o is inside @d's time window: what the posting scans of
 * candidates() visit. */
static bool
in_window(const Linker *l, const Doc *d, guint32 o)
{
	const Span *os = &g_array_index(l->spans, Span, o);
	return d->s != SW_TIME_NONE && os->s != G_MAXINT64 && os->s <= d->e + l->opts.max_gap &&
	       os->e >= d->s - l->opts.max_gap;
}

/* Every doc that may link to @d: shares an informative term inside the time
 * window, names it, is named by it, or is tied to it by a person.  On the way,
 * c->dot[o] sums the squared weights of the terms through which o was found:
 * for a doc o in_window(), every term both hold except those too common to
 * find candidates (DocWeights.common) and weightless ones. */
static void
candidates(Linker *l, guint32 di, Cands *c)
{
	const Doc *d = l->docs->pdata[di];
	guint32 df_max = cand_df_max(l);

	const Span *spans = (const Span *)(void *)l->spans->data;
	c->round++;
	g_array_set_size(c->list, 0);
	c->stamp[di] = c->round; /* never itself */
	if (d->s != SW_TIME_NONE) {
		for (guint i = 0; i < d->nterms; i++) {
			guint32 t = d->terms[i];
			if (TERM(l, t)->df > df_max) {
				continue;
			}
			double w = weight_of(l, &l->idf, t);
			if (TERM(l, t)->n != 0 && w == 0) {
				/* Weightless (at chance in time, or everywhere): sharing it
				 * adds nothing to any score, so it finds no one. */
				continue;
			}
			Posting *p = &TERM(l, t)->post;
			posting_sort(l, p);
			gint64 lo = d->s - l->opts.max_gap - p->max_span;
			gint64 hi = d->e + l->opts.max_gap;
			/* First entry with start >= lo, to the minute: one before it
			 * in the same minute ends before the window anyway. */
			gint32 lo_min = start_minutes(lo);
			guint a = 0, b = p->len;
			while (a < b) {
				guint mid = (a + b) / 2;
				if (p->docs[mid].smin < lo_min) {
					a = mid + 1;
				} else {
					b = mid;
				}
			}
			for (guint k = a; k < p->len; k++) {
				guint32 o = p->docs[k].doc;
				const Span *os = &spans[o];
				if (os->s > hi) {
					break;
				}
				if (os->e >= d->s - l->opts.max_gap) {
					cand_add(c, o);
					c->dot[o] += w * w;
				}
			}
		}
	}
	if (d->s != SW_TIME_NONE && d->source_term != G_MAXUINT32) {
		/* Docs naming d's source, inside the window. */
		const Posting *p = &TERM(l, d->source_term)->post;
		for (guint k = 0; k < p->len; k++) {
			guint32 o = p->docs[k].doc;
			if (interval_gap(d, l->docs->pdata[o]) <= l->opts.max_gap) {
				cand_add(c, o);
			}
		}
	}
	if (d->s != SW_TIME_NONE) {
		/* Sources d names (by their name word), inside the window. */
		for (guint i = 0; i < d->nterms; i++) {
			if (!TERM(l, d->terms[i])->is_source) {
				continue;
			}
			GArray *arr = g_hash_table_lookup(l->by_source, GUINT_TO_POINTER(d->terms[i] + 1));
			for (guint k = 0; arr != NULL && k < arr->len; k++) {
				guint32 o = g_array_index(arr, guint32, k);
				const Doc *od = l->docs->pdata[o];
				if (interval_gap(d, od) <= l->opts.max_gap) {
					cand_add(c, o);
				}
			}
		}
	}
	for (guint i = 0; d->refs != NULL && i < d->refs->len; i++) {
		gpointer v = g_hash_table_lookup(l->by_id, g_array_index(d->refs, Ref, i).id_lower);
		if (v != NULL && id_docs_single(v)) {
			cand_add(c, (guint32)(GPOINTER_TO_SIZE(v) >> 1));
		} else {
			cand_add_all(c, v);
		}
	}
	if (d->id_lower[0] != '\0') {
		cand_add_all(c, g_hash_table_lookup(l->mentions, d->id_lower));
	}
	GHashTable *forced = g_hash_table_lookup(l->forced, d->key);
	if (forced != NULL) {
		GHashTableIter it;
		gpointer k;
		g_hash_table_iter_init(&it, forced);
		while (g_hash_table_iter_next(&it, &k, NULL)) {
			gpointer v = g_hash_table_lookup(l->by_key, k);
			if (v != NULL) {
				cand_add(c, GPOINTER_TO_UINT(v) - 1);
			}
		}
	}
}

static bool
is_forced(Linker *l, const Doc *a, const Doc *b)
{
	if (g_hash_table_size(l->forced) == 0) {
		return false;
	}
	GHashTable *set = g_hash_table_lookup(l->forced, a->key);
	return set != NULL && g_hash_table_contains(set, b->key);
}

/* ---- components and clusters ---------------------------------------------------- */

typedef struct {
	guint32 a, b;   /* local indices into Component.nodes */
	double score;
	bool forced;
} Edge;

typedef struct {
	GArray *nodes;  /* guint32 doc indices */
	GArray *edges;  /* Edge: pairs at or above the threshold, and forced pairs */
	GArray *vetoes; /* Edge: pairs that must never share an incident */
} Component;

static int
cmp_edge_b(const void *pa, const void *pb)
{
	guint32 x = ((const Edge *)pa)->b, y = ((const Edge *)pb)->b;
	return x < y ? -1 : x > y;
}

/* Explores the component of @start over links and forced pairs.  @local maps
 * doc index → local index + 1 for docs already reached (reset by the caller). */
static void
explore(Linker *l, guint32 start, Component *comp, guint32 *local, Cands *c)
{
	GArray *pending = g_array_new(FALSE, FALSE, sizeof(Edge));
	GArray *hits = g_array_new(FALSE, FALSE, sizeof(Edge));

	g_array_append_val(comp->nodes, start);
	local[start] = 1;
	for (guint qi = 0; qi < comp->nodes->len; qi++) {
		guint32 di = g_array_index(comp->nodes, guint32, qi);
		const Doc *d = l->docs->pdata[di];
		candidates(l, di, c);
		DocWeights dwd = doc_weights(l, d);
		g_array_set_size(hits, 0);
		/* Candidates in any order (nodes reached from here join the
		 * component only after the loop, so the skip below reads the same);
		 * the links found are then taken in doc order, so the component's
		 * node order is a function of the data. */
		for (guint k = 0; k < c->list->len; k++) {
			guint32 oi = g_array_index(c->list, guint32, k);
#if defined(__GNUC__)
			if (k + PREFETCH_AHEAD < c->list->len) {
				/* Candidates are scattered in memory: ask for a later one's
				 * Doc and weights now, while this one is scored. */
				guint32 ahead = g_array_index(c->list, guint32, k + PREFETCH_AHEAD);
				__builtin_prefetch(l->docs->pdata[ahead]);
				__builtin_prefetch(&l->mass[ahead]);
			}
			if (k + 2 * PREFETCH_AHEAD < c->list->len) {
				guint32 ahead = g_array_index(c->list, guint32, k + 2 * PREFETCH_AHEAD);
				__builtin_prefetch(&l->docs->pdata[ahead]);
			}
#endif
			/* A pair is scored once: by whichever end is expanded first. */
			if (local[oi] != 0 && local[oi] - 1 < qi) {
				continue;
			}
			const Doc *o = l->docs->pdata[oi];
			bool forced = is_forced(l, d, o);
			Evidence ev = {0};
			if (!forced) {
				bool ordered = d->key_head[0] != o->key_head[0]
						       ? d->key_head[0] < o->key_head[0]
					       : d->key_head[1] != o->key_head[1]
						       ? d->key_head[1] < o->key_head[1]
						       : strcmp(d->key, o->key) < 0;
				const Doc *x = ordered ? d : o, *y = ordered ? o : d;
				if (in_window(l, d, oi)) {
					/* First against a bound on the text (see score_pair()):
					 * shared terms the scan saw, plus at most the lighter side's
					 * common terms; a hair over, for the order of the sums.
					 * Most pairs in a dense window stop here. */
					DocWeights dwo = doc_weights(l, o);
					double ub = (c->dot[oi] + MIN(dwd.common, dwo.common)) * (1.0 + 1e-9) +
						    1e-12;
					TextBound tb = {
						.text = TEXT_SCALE * ub /
							sqrt(MAX(dwd.mass, TEXT_MIN_MASS) *
							     MAX(dwo.mass, TEXT_MIN_MASS)),
						.named = dwd.names_other && dwo.names_other,
					};
					score_pair(l, x, y, &ev, &tb);
					if (!ev.veto && ev.score >= l->opts.threshold) {
						score_pair(l, x, y, &ev, NULL);
					}
				} else {
					score_pair(l, x, y, &ev, NULL);
				}
			}
			bool edge = forced || (!ev.veto && ev.score >= l->opts.threshold);
			if (!edge && !ev.veto) {
				continue;
			}
			if (!edge) {
				/* A veto does not join a component; kept by doc index until the
				 * component is known. */
				Edge e = {.a = di, .b = oi};
				g_array_append_val(pending, e);
				continue;
			}
			Edge e = {.a = qi, .b = oi, .score = ev.score, .forced = forced};
			g_array_append_val(hits, e);
		}
		if (hits->len > 1) {
			qsort(hits->data, hits->len, sizeof(Edge), cmp_edge_b);
		}
		for (guint k = 0; k < hits->len; k++) {
			Edge e = g_array_index(hits, Edge, k);
			guint32 oi = e.b;
			if (local[oi] == 0) {
				g_array_append_val(comp->nodes, oi);
				local[oi] = comp->nodes->len;
			}
			e.b = local[oi] - 1;
			g_array_append_val(comp->edges, e);
		}
	}
	for (guint i = 0; i < pending->len; i++) {
		Edge e = g_array_index(pending, Edge, i);
		if (local[e.a] != 0 && local[e.b] != 0) {
			e.a = local[e.a] - 1;
			e.b = local[e.b] - 1;
			g_array_append_val(comp->vetoes, e);
		}
	}
	g_array_unref(pending);
	g_array_unref(hits);
}

typedef struct {
	guint32 *parent, *size, *next; /* union-find with member rings */
} Sets;

static guint32
find(Sets *s, guint32 x)
{
	while (s->parent[x] != x) {
		s->parent[x] = s->parent[s->parent[x]];
		x = s->parent[x];
	}
	return x;
}

static void
unite(Sets *s, guint32 a, guint32 b)
{
	a = find(s, a);
	b = find(s, b);
	if (a == b) {
		return;
	}
	if (s->size[a] < s->size[b] || (s->size[a] == s->size[b] && b < a)) {
		guint32 t = a;
		a = b;
		b = t;
	}
	s->parent[b] = a;
	s->size[a] += s->size[b];
	guint32 t = s->next[a];
	s->next[a] = s->next[b];
	s->next[b] = t;
}

typedef struct {
	Linker *linker;
	Component *comp;
} EdgeSortCtx;

static int
cmp_edges(const void *pa, const void *pb, void *user)
{
	const Edge *x = pa, *y = pb;
	EdgeSortCtx *ctx = user;
	if (x->forced != y->forced) {
		return x->forced ? -1 : 1;
	}
	if (x->score != y->score) {
		return x->score > y->score ? -1 : 1;
	}
	/* Ties by the keys of the ends, never by arrival order. */
	const Doc *xa = ctx->linker->docs->pdata[g_array_index(ctx->comp->nodes, guint32, x->a)];
	const Doc *xb = ctx->linker->docs->pdata[g_array_index(ctx->comp->nodes, guint32, x->b)];
	const Doc *ya = ctx->linker->docs->pdata[g_array_index(ctx->comp->nodes, guint32, y->a)];
	const Doc *yb = ctx->linker->docs->pdata[g_array_index(ctx->comp->nodes, guint32, y->b)];
	const char *x1 = strcmp(xa->key, xb->key) < 0 ? xa->key : xb->key;
	const char *x2 = x1 == xa->key ? xb->key : xa->key;
	const char *y1 = strcmp(ya->key, yb->key) < 0 ? ya->key : yb->key;
	const char *y2 = y1 == ya->key ? yb->key : ya->key;
	int c = strcmp(x1, y1);
	return c != 0 ? c : strcmp(x2, y2);
}

/* Links between the clusters of roots @ra and @rb (walks the smaller ring). */
static guint
cross_links(Sets *s, GPtrArray *adj, guint32 ra, guint32 rb)
{
	if (s->size[ra] > s->size[rb]) {
		guint32 t = ra;
		ra = rb;
		rb = t;
	}
	guint count = 0;
	guint32 x = ra;
	do {
		GArray *nb = adj->pdata[x];
		for (guint i = 0; i < nb->len; i++) {
			if (find(s, g_array_index(nb, guint32, i)) == rb) {
				count++;
			}
		}
		x = s->next[x];
	} while (x != ra);
	return count;
}

/* cross_links(), remembered in *@counted until a cluster of the two changes
 * (*@version: per root, bumped by the caller on every unite; both made here
 * on first use, for a component of @n nodes). */
static guint
cross_links_kept(Sets *s, GPtrArray *adj, guint32 ra, guint32 rb, GHashTable **counted,
		 guint32 **version, guint n)
{
	if (*counted == NULL) {
		*counted = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
		*version = g_new0(guint32, n);
	}
	guint32 lo = MIN(ra, rb), hi = MAX(ra, rb);
	gint64 key = (gint64)(((guint64)lo << 32) | hi);
	guint32 *v = g_hash_table_lookup(*counted, &key);
	if (v != NULL && v[0] == (*version)[lo] && v[1] == (*version)[hi]) {
		return v[2];
	}
	if (v == NULL) {
		v = g_new(guint32, 3);
		g_hash_table_insert(*counted, g_memdup2(&key, sizeof(key)), v);
	}
	v[0] = (*version)[lo];
	v[1] = (*version)[hi];
	v[2] = cross_links(s, adj, ra, rb);
	return v[2];
}

static bool
vetoed(Sets *s, GArray *vetoes, guint32 ra, guint32 rb)
{
	for (guint i = 0; i < vetoes->len; i++) {
		const Edge *v = &g_array_index(vetoes, Edge, i);
		guint32 x = find(s, v->a), y = find(s, v->b);
		if ((x == ra && y == rb) || (x == rb && y == ra)) {
			return true;
		}
	}
	return false;
}

/* Clusters one component.  Fills @cluster_of (local → root) and marks in
 * @used the edges that joined clusters. */
static void
cluster(Linker *l, Component *comp, Sets *s, bool *used)
{
	guint n = comp->nodes->len;
	GPtrArray *adj = g_ptr_array_new_with_free_func(garray_unref0);
	double strong = l->opts.threshold * STRONG_FACTOR;

	for (guint i = 0; i < n; i++) {
		s->parent[i] = s->next[i] = i;
		s->size[i] = 1;
		g_ptr_array_add(adj, g_array_new(FALSE, FALSE, sizeof(guint32)));
	}
	for (guint i = 0; i < comp->edges->len; i++) {
		const Edge *e = &g_array_index(comp->edges, Edge, i);
		g_array_append_val(adj->pdata[e->a], e->b);
		g_array_append_val(adj->pdata[e->b], e->a);
	}
	EdgeSortCtx ctx = {.linker = l, .comp = comp};
	g_array_sort_with_data(comp->edges, cmp_edges, &ctx);
	/* Counts of links between two clusters, kept while neither changes:
	 * (min root << 32 | max root) → {its version, the other's, count}.  A
	 * weak link that fails WEAK_SHARE is most often followed by many more
	 * between the same two clusters (a dense window), and counting walks a
	 * cluster's links: it was cubic there. */
	GHashTable *counted = NULL;
	guint32 *version = NULL;
	for (guint i = 0; i < comp->edges->len; i++) {
		const Edge *e = &g_array_index(comp->edges, Edge, i);
		guint32 ra = find(s, e->a), rb = find(s, e->b);
		used[i] = false;
		if (ra == rb) {
			continue;
		}
		if (!e->forced) {
			const Doc *da = l->docs->pdata[g_array_index(comp->nodes, guint32, e->a)];
			const Doc *db = l->docs->pdata[g_array_index(comp->nodes, guint32, e->b)];
			bool any_split = g_hash_table_size(l->split) > 0;
			if ((any_split && (g_hash_table_contains(l->split, da->key) ||
					   g_hash_table_contains(l->split, db->key))) ||
			    vetoed(s, comp->vetoes, ra, rb)) {
				continue;
			}
			if (e->score < strong) {
				double pairs = (double)s->size[ra] * (double)s->size[rb];
				if (cross_links_kept(s, adj, ra, rb, &counted, &version, n) <
				    WEAK_SHARE * pairs) {
					continue;
				}
			}
		}
		unite(s, e->a, e->b);
		if (version != NULL) {
			version[find(s, e->a)]++;
		}
		used[i] = true;
	}
	if (counted != NULL) {
		g_hash_table_unref(counted);
	}
	g_free(version);
	g_ptr_array_unref(adj);
}

/* ---- incidents ------------------------------------------------------------------ */

static gint64
doc_order_time(const Doc *d)
{
	return d->s == SW_TIME_NONE ? G_MAXINT64 : d->s;
}

/* True when @a comes before @b: earlier start, then smaller key. */
static bool
doc_before(const Doc *a, const Doc *b)
{
	gint64 ta = doc_order_time(a), tb = doc_order_time(b);
	if (ta != tb) {
		return ta < tb;
	}
	return strcmp(a->key, b->key) < 0;
}

/*
 * The earliest advisory held that the stored assignment put in @id, or NULL.
 * Advisories a person split off do not count while others remain: splitting
 * one advisory off an incident takes it out, so the incident (and its alert
 * thread) stays with the rest.
 */
static const Doc *
previous_first(Linker *l, const char *id)
{
	GPtrArray *keys = g_hash_table_lookup(l->prev_members, id);
	const Doc *best = NULL;
	const Doc *best_split = NULL;
	for (guint i = 0; keys != NULL && i < keys->len; i++) {
		gpointer v = g_hash_table_lookup(l->by_key, keys->pdata[i]);
		if (v == NULL) {
			continue;
		}
		if (g_hash_table_contains(l->split, keys->pdata[i])) {
			const Doc *d = l->docs->pdata[GPOINTER_TO_UINT(v) - 1];
			if (best_split == NULL || doc_before(d, best_split)) {
				best_split = d;
			}
			continue;
		}
		const Doc *d = l->docs->pdata[GPOINTER_TO_UINT(v) - 1];
		if (best == NULL || doc_before(d, best)) {
			best = d;
		}
	}
	return best != NULL ? best : best_split;
}

static char *
derived_id(const char *key)
{
	static const char hex[] = "0123456789abcdef";
	guint8 digest[32];
	gsize len = sizeof(digest);
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	char id[13] = "I-";
	g_checksum_update(sum, (const guchar *)key, (gssize)strlen(key));
	g_checksum_get_digest(sum, digest, &len);
	g_checksum_free(sum);
	for (guint i = 0; i < 5; i++) {
		id[2 + 2 * i] = hex[digest[i] >> 4];
		id[3 + 2 * i] = hex[digest[i] & 15];
	}
	id[12] = '\0';
	return g_strdup(id);
}

/*
 * The id of a cluster.  A stored incident id P belongs to the cluster holding
 * P's earliest member still held, not counting members split off by hand (so
 * a split leaves P with its oldest remaining part);
 * of the ids a cluster may claim, the oldest (earliest first member) wins and
 * the others become aliases.  With no stored id: "I-" + 10 hex digits of
 * SHA-256 of the earliest member's key, stable while that member stays first.
 */
static void
assign_id(Linker *l, Incident *inc, GPtrArray *docs)
{
	const Doc *first = NULL;
	const Doc *best_first = NULL;
	const char *best = NULL;
	GPtrArray *claimed = g_ptr_array_new();

	for (guint i = 0; i < docs->len; i++) {
		const Doc *d = docs->pdata[i];
		if (first == NULL || doc_before(d, first)) {
			first = d;
		}
		const char *p = g_hash_table_lookup(l->previous, d->key);
		if (p == NULL) {
			continue;
		}
		bool seen = false;
		for (guint k = 0; k < claimed->len && !seen; k++) {
			seen = strcmp(claimed->pdata[k], p) == 0;
		}
		if (seen) {
			continue;
		}
		const Doc *pf = previous_first(l, p);
		/* Claimable only if this cluster holds P's first member. */
		bool ours = false;
		for (guint k = 0; k < docs->len && !ours; k++) {
			ours = docs->pdata[k] == pf;
		}
		if (!ours) {
			continue;
		}
		g_ptr_array_add(claimed, (gpointer)p);
		if (best == NULL || doc_before(pf, best_first) ||
		    (pf == best_first && strcmp(p, best) < 0)) {
			best = p;
			best_first = pf;
		}
	}
	g_free(inc->id);
	if (best != NULL) {
		inc->id = g_strdup(best);
	} else {
		/* A derived id must not be one a stored incident still uses: after a split the
		 * part that leaves may have the very first member the old id was derived from. */
		inc->id = derived_id(first->key);
		for (guint n = 2; g_hash_table_contains(l->prev_members, inc->id); n++) {
			g_autofree char *salted = g_strdup_printf("%s#%u", first->key, n);
			g_free(inc->id);
			inc->id = derived_id(salted);
		}
	}
	g_ptr_array_sort(claimed, cmp_str_ptr);
	for (guint k = 0; k < claimed->len; k++) {
		incident_add_alias(inc, claimed->pdata[k]);
	}
	g_ptr_array_unref(claimed);
}

static IncidentLink *
make_link(Linker *l, const Doc *x, const Doc *y, const Edge *e)
{
	const Doc *a = strcmp(x->key, y->key) < 0 ? x : y;
	const Doc *b = a == x ? y : x;
	IncidentLink *link;

	if (e->forced) {
		link = incident_link_new(a->adv->source, a->adv->id, b->adv->source, b->adv->id,
					 l->opts.threshold);
		link->by_hand = true;
		incident_link_add_reason(link, "merged by hand");
		return link;
	}
	Evidence ev = {.reasons = g_ptr_array_new_with_free_func(g_free)};
	score_pair(l, a, b, &ev, NULL);
	link = incident_link_new(a->adv->source, a->adv->id, b->adv->source, b->adv->id, ev.score);
	for (guint i = 0; i < ev.reasons->len; i++) {
		incident_link_add_reason(link, ev.reasons->pdata[i]);
	}
	g_ptr_array_unref(ev.reasons);
	return link;
}

/* Incidents of one explored component, appended to @out. */
static void
component_incidents(Linker *l, Component *comp, GPtrArray *out, guint32 only_root_of,
		    bool only)
{
	guint n = comp->nodes->len;
	Sets s = {.parent = g_new(guint32, n), .size = g_new(guint32, n), .next = g_new(guint32, n)};
	bool *used = g_new0(bool, comp->edges->len + 1);
	Incident **by_root = g_new0(Incident *, n); /* local root → its incident */

	if (comp->edges->len > 0) {
		cluster(l, comp, &s, used);
	} else {
		/* Alone (most advisories): nothing to cluster. */
		for (guint i = 0; i < n; i++) {
			s.parent[i] = s.next[i] = i;
			s.size[i] = 1;
		}
	}
	for (guint i = 0; i < n; i++) {
		guint32 r = find(&s, i);
		if (only && r != find(&s, only_root_of)) {
			continue;
		}
		if (r != i) {
			continue;
		}
		GPtrArray *docs = g_ptr_array_new();
		guint32 x = i;
		do {
			g_ptr_array_add(docs, l->docs->pdata[g_array_index(comp->nodes, guint32, x)]);
			x = s.next[x];
		} while (x != i);
		Incident *inc = incident_new(NULL);
		for (guint k = 0; k < docs->len; k++) {
			const Doc *d = docs->pdata[k];
			incident_add_member(inc, d->adv);
			gint64 t = d->s;
			if (t != SW_TIME_NONE && (inc->created == SW_TIME_NONE || t < inc->created)) {
				inc->created = t;
			}
		}
		incident_sort_members(inc);
		assign_id(l, inc, docs);
		by_root[i] = inc;
		g_ptr_array_add(out, inc);
		g_ptr_array_unref(docs);
	}
	/* The links that joined each incident, strongest first. */
	for (guint i = 0; i < comp->edges->len; i++) {
		if (!used[i]) {
			continue;
		}
		const Edge *e = &g_array_index(comp->edges, Edge, i);
		Incident *inc = by_root[find(&s, e->a)];
		if (inc == NULL) {
			continue;
		}
		const Doc *x = l->docs->pdata[g_array_index(comp->nodes, guint32, e->a)];
		const Doc *y = l->docs->pdata[g_array_index(comp->nodes, guint32, e->b)];
		g_ptr_array_add(inc->links, make_link(l, x, y, e));
		inc->merged_by_hand |= e->forced;
	}
	g_free(by_root);
	g_free(used);
	g_free(s.parent);
	g_free(s.size);
	g_free(s.next);
}

static void
component_init(Component *c)
{
	c->nodes = g_array_new(FALSE, FALSE, sizeof(guint32));
	c->edges = g_array_new(FALSE, FALSE, sizeof(Edge));
	c->vetoes = g_array_new(FALSE, FALSE, sizeof(Edge));
}

static void
component_clear(Component *c)
{
	g_array_unref(c->nodes);
	g_array_unref(c->edges);
	g_array_unref(c->vetoes);
}

/* An incident with its start computed once for sorting. */
typedef struct {
	gint64 start; /* incident_start(), G_MAXINT64 for none */
	Incident *inc;
} IncKey;

static int
cmp_incidents(const void *pa, const void *pb)
{
	const IncKey *a = pa, *b = pb;
	if (a->start != b->start) {
		return a->start < b->start ? -1 : 1;
	}
	return strcmp(a->inc->id, b->inc->id);
}

/* Sorts @out by start, then id. */
static void
sort_incidents(GPtrArray *out)
{
	IncKey *keys = g_new(IncKey, MAX(out->len, 1));
	for (guint i = 0; i < out->len; i++) {
		gint64 t = incident_start(out->pdata[i]);
		keys[i].start = t == SW_TIME_NONE ? G_MAXINT64 : t;
		keys[i].inc = out->pdata[i];
	}
	qsort(keys, out->len, sizeof(IncKey), cmp_incidents);
	for (guint i = 0; i < out->len; i++) {
		out->pdata[i] = keys[i].inc;
	}
	g_free(keys);
}

GPtrArray *
linker_incidents(Linker *l, gint64 now)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)incident_free);
	guint n = l->docs->len;
	guint32 *done = g_new0(guint32, n + 1);
	Cands c;
	ensure_obs(l);
	scratch_reserve(l, &c);
	guint32 *local = l->scratch_local;

	(void)now; /* open advisories are bounded by OPEN_HORIZON, not by the clock */
	Component comp;
	component_init(&comp);
	for (guint32 i = 0; i < n; i++) {
		if (done[i]) {
			continue;
		}
		g_array_set_size(comp.nodes, 0);
		g_array_set_size(comp.edges, 0);
		g_array_set_size(comp.vetoes, 0);
		explore(l, i, &comp, local, &c);
		component_incidents(l, &comp, out, 0, false);
		for (guint k = 0; k < comp.nodes->len; k++) {
			guint32 d = g_array_index(comp.nodes, guint32, k);
			done[d] = 1;
			local[d] = 0;
		}
	}
	component_clear(&comp);
	sort_incidents(out);
	scratch_release(l, &c);
	g_free(done);
	return out;
}

Incident *
linker_incident_for(Linker *l, const char *key, gint64 now)
{
	gpointer v = g_hash_table_lookup(l->by_key, key);
	if (v == NULL) {
		return NULL;
	}
	Cands c;
	ensure_obs(l);
	scratch_reserve(l, &c);
	guint32 *local = l->scratch_local;
	Component comp;
	GPtrArray *out = g_ptr_array_new();

	(void)now;
	component_init(&comp);
	explore(l, GPOINTER_TO_UINT(v) - 1, &comp, local, &c);
	component_incidents(l, &comp, out, 0, true);
	for (guint k = 0; k < comp.nodes->len; k++) {
		local[g_array_index(comp.nodes, guint32, k)] = 0;
	}
	component_clear(&comp);
	scratch_release(l, &c);
	Incident *inc = out->len > 0 ? out->pdata[0] : NULL;
	g_ptr_array_unref(out);
	return inc;
}

double
linker_score(Linker *l, const char *key_a, const char *key_b, GPtrArray *ret_reasons)
{
	ensure_obs(l);
	gpointer va = g_hash_table_lookup(l->by_key, key_a);
	gpointer vb = g_hash_table_lookup(l->by_key, key_b);
	if (va == NULL || vb == NULL) {
		return 0;
	}
	const Doc *a = l->docs->pdata[GPOINTER_TO_UINT(va) - 1];
	const Doc *b = l->docs->pdata[GPOINTER_TO_UINT(vb) - 1];
	if (strcmp(a->key, b->key) > 0) {
		const Doc *t = a;
		a = b;
		b = t;
	}
	Evidence ev = {.reasons = ret_reasons};
	score_pair(l, a, b, &ev, NULL);
	return ev.veto ? -1.0 : ev.score;
}
