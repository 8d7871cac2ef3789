/*
 * The evidence between two advisories, in points: term weights (IDF with a
 * prior, scaled by lift in time), the weighted cosine of their texts, id
 * references and their polarity, upstream blame, titles and context, each
 * with its reason in words (see linker_private.h for the whole rule).
 *
 * Pure: no I/O, no clock, no logging; reads the indexes of linker_index.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linker/linker_private.h"
#include "util/timeparse.h"

/* ---- incident pages --------------------------------------------------------- */

/* Last path words that name an overview, not one incident, even after
 * "/incidents/" ("/incidents/history"). */
static const char *const page_generic[] = {
	"history", "status", "index", "home", "feed", "rss", "atom", "all", "archive", "list",
};

/* Path words after which a word without digits is still one incident's code
 * (Statuspage's "/incidents/kqbsyzcxfdpl"). */
static const char *const page_parents[] = {
	"incidents", "incident", "issues", "issue", "events", "event", "notices", "notice",
};

static bool
word_in(const char *w, gsize len, const char *const *list, gsize n)
{
	for (gsize i = 0; i < n; i++) {
		if (strlen(list[i]) == len && g_ascii_strncasecmp(w, list[i], len) == 0) {
			return true;
		}
	}
	return false;
}

/* True when path word [@w, @w + @n) names one incident's own page: one of its parts
 * (split at '-' and '_') is "incident", and none is an overview word (page_generic,
 * "reports", "log"): "cdk-incident-updates", "security-incident", not
 * "incident-history" or "incident-reports". */
static bool
incident_named_page(const char *w, gsize n)
{
	static const char *const overview[] = {"reports", "log", "logs", "center", "centre"};
	bool incident = false;
	for (gsize i = 0; i < n;) {
		gsize len = 0;
		while (i + len < n && w[i + len] != '-' && w[i + len] != '_') {
			len++;
		}
		if (word_in(w + i, len, page_generic, G_N_ELEMENTS(page_generic)) ||
		    word_in(w + i, len, overview, G_N_ELEMENTS(overview))) {
			return false;
		}
		incident |= len == 8 && g_ascii_strncasecmp(w + i, "incident", 8) == 0;
		i += len + 1;
	}
	return incident;
}

/*
 * Some status pages post every update of an incident as an item of its own: one
 * <link> (the incident's page), guids differing by a fragment
 * ("https://status.example.io/incidents/610452#update-1844502").  The page is
 * the URL without fragment, scheme and trailing '/', lower-cased; it counts
 * only when it is specific: a path whose last word holds a digit, or follows
 * "incidents/" (or the like) and is no overview word, or, in a URL with a
 * fragment, names an incident's own page ("/cdk-incident-updates#2024-06-21":
 * incident_named_page()).  The feed's root
 * ("https://status.example.io/"), "/history", "/en-us/status/" or
 * "/Adminportal/Home", which many feeds give every item, name no incident.
 */
char *
linker_incident_page(const char *url)
{
	if (url == NULL) {
		return NULL;
	}
	const char *p;
	if (g_ascii_strncasecmp(url, "https://", 8) == 0) {
		p = url + 8;
	} else if (g_ascii_strncasecmp(url, "http://", 7) == 0) {
		p = url + 7;
	} else {
		return NULL;
	}
	gsize end = strcspn(p, "#");
	gsize host = strcspn(p, "/?#");
	if (host == 0 || host >= end || p[host] != '/') {
		return NULL; /* no path: the site itself */
	}
	gsize path_end = host + strcspn(p + host, "?#");
	/* The last two words of the path. */
	const char *last = NULL, *prev = NULL;
	gsize last_len = 0, prev_len = 0;
	for (gsize i = host; i < path_end;) {
		while (i < path_end && p[i] == '/') {
			i++;
		}
		gsize len = strcspn(p + i, "/?#");
		if (len > path_end - i) {
			len = path_end - i;
		}
		if (len > 0) {
			prev = last;
			prev_len = last_len;
			last = p + i;
			last_len = len;
		}
		i += len;
	}
	if (last == NULL ||
	    word_in(last, last_len, page_generic, G_N_ELEMENTS(page_generic))) {
		return NULL;
	}
	bool digit = false;
	for (gsize i = 0; i < last_len && !digit; i++) {
		digit = g_ascii_isdigit(last[i]);
	}
	if (!digit && (prev == NULL ||
		       !word_in(prev, prev_len, page_parents, G_N_ELEMENTS(page_parents))) &&
	    !(p[end] == '#' && p[end + 1] != '\0' && incident_named_page(last, last_len))) {
		return NULL;
	}
	while (end > host && p[end - 1] == '/') {
		end--;
	}
	return g_ascii_strdown(p, (gssize)end);
}

/* ---- one page's threads ------------------------------------------------------- */

/* When @d was posted: its update time, else its start. */
static gint64
page_post_time(const Doc *d)
{
	return d->adv->updated != SW_TIME_NONE ? d->adv->updated : d->s;
}

/* True when @d ends what its page told (resolved, or all is well). */
static bool
page_post_ends(const Doc *d)
{
	return d->adv->status == ADVISORY_STATUS_RESOLVED || linker_title_well(d->adv->title);
}

/* True when @d tells of trouble begun (an open status, or a label of trouble: "Major
 * service outage", "Minor service disruption"). */
static bool
page_post_opens(const Doc *d)
{
	switch (d->adv->status) {
	case ADVISORY_STATUS_INVESTIGATING:
	case ADVISORY_STATUS_IDENTIFIED:
	case ADVISORY_STATUS_DEGRADED:
	case ADVISORY_STATUS_OUTAGE:
		return true;
	case ADVISORY_STATUS_UNKNOWN:
		return d->adv->title != NULL && linker_is_label(d->adv->title, strlen(d->adv->title)) &&
		       !linker_title_well(d->adv->title);
	default:
		return false;
	}
}

static bool
page_before(const Doc *x, const Doc *y)
{
	gint64 tx = page_post_time(x), ty = page_post_time(y);
	return tx != ty ? tx < ty : strcmp(x->key, y->key) < 0;
}

/*
 * True when @a and @b, updates of one page (Doc.page_term), tell two of its
 * threads: in post order, a post telling of trouble after one that ended what
 * the page told begins a new thread.  A status-message feed links every
 * message of a day to that day's page ("/messages/2018-02-28"): a morning's
 * "Minor service disruption", then "All systems operational", then the
 * evening's "Major service outage" are two events on one page.  A write-up
 * after "Resolved" tells of no new trouble: it stays in the thread.
 */
static bool
page_threads_apart(const Linker *l, const Doc *a, const Doc *b)
{
	const Posting *post = &TERM(l, a->page_term)->post;
	if (post->absent || post->docs == NULL) {
		return false;
	}
	const Doc *x = page_before(a, b) ? a : b, *y = x == a ? b : a;
	/* A new thread begins between x and y when some page post p with
	 * x <= p < y ends, and the post after it (in order) opens, up to y. */
	bool ended = false;
	const Doc *cur = x;
	for (;;) {
		ended = ended || page_post_ends(cur);
		/* The next post after cur, up to y. */
		const Doc *next = NULL;
		for (guint i = 0; i < post->len; i++) {
			const Doc *p = l->docs->pdata[post->docs[i].doc];
			if (p->page_term == a->page_term && page_before(cur, p) &&
			    (p == y || page_before(p, y)) && (next == NULL || page_before(p, next))) {
				next = p;
			}
		}
		if (next == NULL) {
			return false;
		}
		if (ended && page_post_opens(next)) {
			return true;
		}
		if (next == y) {
			return false;
		}
		cur = next;
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

/* The item @who's blame of a provider in @provs is pinned to by its id: an
 * advisory of such a provider's own feed that @who names in a positive
 * reference ("Azure Tracking ID: 8K7T-LZ8", "see MO178504"), other than @other,
 * and that @other does not name too.  NULL when there is none: a blame that
 * quotes the provider's incident is about that incident, not about the
 * provider's other items the same hour, nor shared with whoever blames the
 * provider without naming it. */
static const Doc *
pinned_elsewhere(const Linker *l, const Doc *who, const Doc *other, ProvMask provs)
{
	for (guint i = 0; who->refs != NULL && i < who->refs->len; i++) {
		const Ref *r = &g_array_index(who->refs, Ref, i);
		if (r->polarity != TERMS_REF_POSITIVE ||
		    (r->hash == other->id_hash && strcmp(r->id_lower, other->id_lower) == 0)) {
			continue;
		}
		gpointer v = g_hash_table_lookup(l->by_id, r->id_lower);
		if (v == NULL) {
			continue;
		}
		bool single = linker_id_docs_single(v);
		guint n = single ? 1 : ((GArray *)v)->len;
		for (guint k = 0; k < n; k++) {
			guint32 idx = single ? (guint32)(GPOINTER_TO_SIZE(v) >> 1)
					     : g_array_index((GArray *)v, guint32, k);
			const Doc *o = l->docs->pdata[idx];
			bool found;
			if (o == other || o == who || !prov_meets(o->self_provider, provs) ||
			    (ref_of(other, o, &found) == TERMS_REF_POSITIVE && found)) {
				continue;
			}
			return o;
		}
	}
	return NULL;
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
	g_autofree char *xa = g_ascii_strdown(ra, -1);
	g_autofree char *xb = g_ascii_strdown(rb, -1);
	return !linker_region_same(xa, xb);
}

bool
linker_regions_meet(const Doc *a, const Doc *b, const char **ret_region)
{
	if (a->regions == NULL || b->regions == NULL) {
		return false;
	}
	for (guint i = 0; i < a->regions->len; i++) {
		for (guint j = 0; j < b->regions->len; j++) {
			if (linker_region_same(a->regions->pdata[i], b->regions->pdata[j])) {
				/* The more precise of the two, for reasons. */
				*ret_region = strlen(a->regions->pdata[i]) >= strlen(b->regions->pdata[j])
						      ? a->regions->pdata[i]
						      : b->regions->pdata[j];
				return true;
			}
		}
	}
	return false;
}

gint64
linker_interval_gap(const Doc *a, const Doc *b)
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
cmp_shared(const void *pa, const void *pb, void *user)
{
	const Shared *a = pa, *b = pb;
	const Linker *l = user;
	/* Weights rounded, so the order of a floating-point sum cannot tip it;
	 * ties by the term's text, never by its id (the order terms arrived in). */
	double wa = round(a->w * 1e6), wb = round(b->w * 1e6);
	if (wa != wb) {
		return wa > wb ? -1 : 1;
	}
	return strcmp(TERM(l, a->term)->block, TERM(l, b->term)->block);
}


void
linker_idf_init(const Linker *l, Idf *idf)
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
double
linker_weight_of(const Linker *l, const Idf *idf, guint32 t)
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
void
linker_weights_reserve(Linker *l)
{
	if (l->w_cap < l->terms->len) {
		guint cap = MAX(l->terms->len, l->w_cap * 2);
		l->w_cache = g_renew(double, l->w_cache, cap);
		l->w_gen = g_renew(guint32, l->w_gen, cap);
		l->tinfo = g_renew(guint8, l->tinfo, cap);
		l->tinfo_gen = 0;
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
guint32
linker_cand_df_max(const Linker *l)
{
	return (guint32)MAX((guint64)CAND_DF_MIN, (guint64)(l->docs->len * CAND_DF_SHARE));
}

/* @d's DocWeights, cached until the next add: the mass was recomputed for
 * every pair @d was in.  Summed in term order, as the merge in shared_terms()
 * used to, so the value is the same. */
DocWeights
linker_doc_weights(const Linker *l, const Doc *d)
{
	if (d->index < l->mass_cap && l->mass_gen[d->index] == l->gen + 1) {
		return l->mass[d->index];
	}
	DocWeights dw = {0};
	if (l->tinfo_gen == l->gen + 1) {
		/* The same sums from the dense arrays (see Linker.tinfo). */
		for (guint i = 0; i < d->nterms; i++) {
			guint32 t = d->terms[i];
			double w = l->w_cache[t];
			guint8 f = l->tinfo[t];
			dw.mass += w * w;
			if (f & TINFO_COMMON) {
				dw.common += w * w;
			}
			dw.names_other |= (f & TINFO_SOURCE) && t != d->source_term;
		}
		goto out;
	}
	guint32 df_max = linker_cand_df_max(l);
	for (guint i = 0; i < d->nterms; i++) {
		guint32 t = d->terms[i];
		double w = linker_weight_of(l, &l->idf, t);
		dw.mass += w * w;
		if (TERM(l, t)->df > df_max) {
			dw.common += w * w;
		}
		dw.names_other |= TERM(l, t)->is_source && t != d->source_term;
	}
out:
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
	double na = linker_doc_weights(l, a).mass, nb = linker_doc_weights(l, b).mass;
	return TEXT_SCALE * dot / sqrt(MAX(na, TEXT_MIN_MASS) * MAX(nb, TEXT_MIN_MASS));
}

void
linker_source_info_free(gpointer p)
{
	SourceInfo *si = p;
	g_free(si->plain_df);
	g_free(si->alias_word);
	g_free(si->alias_shown);
	if (si->docs != NULL) {
		g_array_unref(si->docs);
	}
	g_mutex_clear(&si->vocab_lock);
	g_free(si);
}

/* No component fields: no feature, and no service but the feed's own name
 * (a plain RSS feed's items carry its title as their service). */
static bool
doc_plain(const Doc *d)
{
	if (d->feature != G_MAXUINT32 || d->nsvc > 1) {
		return false;
	}
	if (d->nsvc == 0) {
		return true;
	}
	const char *svc = d->adv->services->pdata[0];
	const char *src = d->adv->source;
	return src != NULL && g_ascii_strcasecmp(svc, src) == 0;
}

/* The (key, count) pair of @key (a term id + 1) in @si's vocabulary, or NULL when
 * absent and not @add; @add makes it (count 0).  Open addressing (a GHashTable's
 * lookup and insert through function pointers per term were a twentieth of
 * adding an advisory). */
static guint32 *
vocab_slot(SourceInfo *si, guint32 key, bool add)
{
	if (si->plain_df == NULL) {
		if (!add) {
			return NULL;
		}
		si->plain_mask = 255;
		si->plain_df = g_new0(guint32, 2 * (si->plain_mask + 1));
	}
	for (;;) {
		guint32 h = key * 0x9E3779B1u;
		for (guint32 i = (h ^ (h >> 15)) & si->plain_mask;; i = (i + 1) & si->plain_mask) {
			guint32 *slot = &si->plain_df[2 * i];
			if (slot[0] == key) {
				return slot;
			}
			if (slot[0] != 0) {
				continue;
			}
			if (!add) {
				return NULL;
			}
			if ((si->plain_used + 1) * 4 <= si->plain_mask * 3) {
				si->plain_used++;
				slot[0] = key;
				return slot;
			}
			break; /* full enough: grow, then look again */
		}
		guint32 old_mask = si->plain_mask;
		guint32 *old = si->plain_df;
		si->plain_mask = 2 * old_mask + 1;
		si->plain_df = g_new0(guint32, 2 * (si->plain_mask + 1));
		for (guint32 i = 0; i <= old_mask; i++) {
			if (old[2 * i] == 0) {
				continue;
			}
			guint32 hk = old[2 * i] * 0x9E3779B1u;
			guint32 j = (hk ^ (hk >> 15)) & si->plain_mask;
			while (si->plain_df[2 * j] != 0) {
				j = (j + 1) & si->plain_mask;
			}
			si->plain_df[2 * j] = old[2 * i];
			si->plain_df[2 * j + 1] = old[2 * i + 1];
		}
		g_free(old);
	}
}

/* Counts @d's terms into (@delta 1) or out of (-1) its source's vocabulary
 * when @d has no services or feature: a feed without component fields names
 * its product in words, and its template ("We are aware of a problem with X
 * affecting a majority of users") repeats in every item. */
void
linker_source_vocab(Linker *l, const Doc *d, int delta)
{
	(void)l;
	if (!doc_plain(d) || d->si == NULL) {
		return;
	}
	SourceInfo *si = (SourceInfo *)d->si; /* owned by l->source_info */
	si->nplain = (guint32)((gint64)si->nplain + delta);
	if (!si->vocab_built) {
		return; /* counted when first read */
	}
	for (guint i = 0; i < d->nterms; i++) {
		guint32 *slot = vocab_slot(si, d->terms[i] + 1, true);
		slot[1] = (guint32)((gint64)slot[1] + delta);
	}
}

/* @si with its vocabulary counted: the first call counts the terms of its plain
 * docs, as linker_source_vocab() one after the other would have (the same counts;
 * slots may sit elsewhere).  Safe from the scoring threads of linker_incidents(). */
const SourceInfo *
linker_source_vocab_get(const SourceInfo *csi)
{
	SourceInfo *si = (SourceInfo *)csi; /* owned by its Linker's source_info */
	if (g_atomic_int_get(&si->vocab_built)) {
		return si;
	}
	g_mutex_lock(&si->vocab_lock);
	if (!si->vocab_built) {
		const Linker *l = si->linker;
		for (guint k = 0; si->docs != NULL && k < si->docs->len; k++) {
			const Doc *d = l->docs->pdata[g_array_index(si->docs, guint32, k)];
			if (d->si != si || !doc_plain(d)) {
				continue;
			}
			for (guint i = 0; i < d->nterms; i++) {
				vocab_slot(si, d->terms[i] + 1, true)[1]++;
			}
		}
		g_atomic_int_set(&si->vocab_built, 1);
	}
	g_mutex_unlock(&si->vocab_lock);
	return si;
}

/* What a term shared by @a and @b keeps of its weight: 1, or less when both
 * are plain advisories of one feed and the term is in many of that feed's
 * other plain advisories (its template or product vocabulary). */
static double
vocab_factor(const Doc *a, const Doc *b, guint32 t)
{
	const SourceInfo *si = a->si;
	if (si != b->si || a->source_null != b->source_null || si == NULL ||
	    si->nplain < VOCAB_MIN_DOCS || !doc_plain(a) || !doc_plain(b) ||
	    linker_source_vocab_get(si)->plain_df == NULL) {
		return 1.0;
	}
	const guint32 *slot = vocab_slot((SourceInfo *)si, t + 1, false);
	guint n = slot != NULL ? slot[1] : 0;
	double share = n > 2 ? (double)(n - 2) / (double)(si->nplain - 2) : 0.0;
	return MAX(0.0, 1.0 - share / VOCAB_SHARE);
}

/*
 * Text similarity: a cosine over binary term vectors weighted by IDF, so
 * that a long advisory sharing many everyday words with another scores low
 * while two that share their rare words score high; scaled to points.
 * Fills the shared terms into @top when asked.
 */
static bool has_u32(const guint32 *v, guint n, guint32 x);

/* What such a word keeps of its weight between two companies' pages blaming no
 * provider (everyday_pair()): half, so a quarter of its part of their cosine. */
#define EVERYDAY_SCALE 0.5

static bool term_everyday(const Linker *l, guint32 t);

static double
shared_terms(const Linker *l, const Doc *a, const Doc *b, GArray *top, guint32 *ret_named,
	     bool everyday)
{
	const Idf *idf = &l->idf;
	double dot = 0;
	guint i = 0, j = 0;
	bool same_plain = a->si == b->si && a->si != NULL && a->si->nplain >= VOCAB_MIN_DOCS &&
			  doc_plain(a) && doc_plain(b) && a->s != SW_TIME_NONE && b->s != SW_TIME_NONE &&
			  ABS(a->s - b->s) > VOCAB_WAVE;

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
		if (x == a->source_term || x == b->source_term ||
		    ((TERM(l, x)->flag & TERM_PRODUCT) && has_u32(a->product, a->nproduct, x) &&
		     has_u32(b->product, b->nproduct, x))) {
			/* A feed's own name, or the name of a service or feature both
			 * affect (counted as context): product words, not a cause. */
			continue;
		}
		double w = linker_weight_of(l, idf, x);
		if (same_plain) {
			w *= vocab_factor(a, b, x);
		}
		if (everyday && term_everyday(l, x)) {
			w *= EVERYDAY_SCALE;
		}
		dot += w * w;
		if (top != NULL && w > 0) {
			guint8 n = TERM(l, x)->n;
			Shared sh = {.term = x, .w = n == 1 ? w : w / PHRASE_BONUS * (1.0 + 0.3 * n)};
			g_array_append_val(top, sh);
		}
	}
	return text_of_dot(l, a, b, dot);
}

static bool
has_u32(const guint32 *v, guint n, guint32 x)
{
	for (guint i = 0; i < n; i++) {
		if (v[i] == x) {
			return true;
		}
	}
	return false;
}

/* Drops shared words that a listed phrase already contains. */
static char *
describe_terms(const Linker *l, GArray *top)
{
	g_array_sort_with_data(top, cmp_shared, (gpointer)l);
	GString *out = g_string_new(NULL);
	GPtrArray *shown = g_ptr_array_new();
	for (guint i = 0; i < top->len && shown->len < REASON_TERMS; i++) {
		const char *surf = linker_term_surface(l, g_array_index(top, Shared, i).term);
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

const char *
linker_short_id(const Doc *d)
{
	return d->adv->id != NULL ? d->adv->id : d->key;
}

/* Id references between @a and @b: a veto ("not related to"), a positive
 * reference (+W_REF) or a tentative one (+W_REF_MAYBE).  Sets *@ret_ref_pos. */
static double
score_refs(const Doc *a, const Doc *b, Evidence *ev, bool *ret_ref_pos)
{
	bool fa, fb;
	TermsRefPolarity pa = ref_of(a, b, &fa);
	TermsRefPolarity pb = ref_of(b, a, &fb);

	*ret_ref_pos = false;
	if ((fa && pa == TERMS_REF_NEGATIVE) || (fb && pb == TERMS_REF_NEGATIVE)) {
		const Doc *who = fa && pa == TERMS_REF_NEGATIVE ? a : b;
		const Doc *other = who == a ? b : a;
		ev->veto = true;
		REASON(ev, g_strdup_printf("%s says it is not related to %s", linker_short_id(who),
					   linker_short_id(other)));
		return 0;
	}
	bool ref_pos = (fa && pa == TERMS_REF_POSITIVE) || (fb && pb == TERMS_REF_POSITIVE);
	*ret_ref_pos = ref_pos;
	if (ref_pos) {
		if (fa && pa == TERMS_REF_POSITIVE) {
			REASON(ev, g_strdup_printf("%s names %s", linker_short_id(a), linker_short_id(b)));
		}
		if (fb && pb == TERMS_REF_POSITIVE) {
			REASON(ev, g_strdup_printf("%s names %s", linker_short_id(b), linker_short_id(a)));
		}
		return W_REF;
	}
	if (fa || fb) {
		REASON(ev, g_strdup_printf("%s asks whether it is related to %s",
					   linker_short_id(fa ? a : b), linker_short_id(fa ? b : a)));
		return W_REF_MAYBE;
	}
	return 0;
}

/* True when both state a cause and neither says any phrase of the other's
 * statement anywhere (title and product phrases aside, see doc_causes()):
 * they explain themselves by different causes. */
static bool
causes_differ(const Doc *a, const Doc *b)
{
	if (a->ncause == 0 || b->ncause == 0) {
		return false;
	}
	for (guint i = 0; i < a->ncause; i++) {
		if (linker_doc_has_term(b, a->cause[i])) {
			return false;
		}
	}
	for (guint i = 0; i < b->ncause; i++) {
		if (linker_doc_has_term(a, b->cause[i])) {
			return false;
		}
	}
	return true;
}

guint32
linker_roles_of(const Linker *l, ProvMask provs)
{
	guint32 r = 0;
	for (guint p = prov_next(provs, 0); p < l->know.providers->len; p = prov_next(provs, p + 1)) {
		r |= l->prov_roles[p];
	}
	return r;
}

/* True when @name is a whole word (or words) of @text, any case. */
static bool
has_name_word(const char *text, const char *name)
{
	gsize n = strlen(name);
	for (const char *p = text; *p != '\0'; p++) {
		if ((p == text || !g_ascii_isalnum(p[-1])) && g_ascii_strncasecmp(p, name, n) == 0 &&
		    !g_ascii_isalnum(p[n])) {
			return true;
		}
	}
	return false;
}

ProvMask
linker_blamed_providers(const Linker *l, const Doc *d)
{
	ProvMask m = d->cause_providers;
	if (!prov_any(m)) {
		return PROV_NONE;
	}
	if (prov_any(d->self_provider)) {
		m = prov_andnot(m, linker_knowledge_kin(&l->know, d->self_provider));
	}
	/* A provider its own service field names ("AWS Lambda") is the product the
	 * advisory is about, not an upstream it blames. */
	const GPtrArray *svcs = d->adv->services;
	for (guint p = 0; prov_any(m) && svcs != NULL && p < l->know.providers->len; p++) {
		/* A service of a suite is known by its host as well (see
		 * linker_knowledge_service_self()): a downstream component named "Microsoft
		 * Teams integration" is the page's product, and Teams may be to blame. */
		if (!prov_has(m, p) || prov_has(l->know.by_service, p)) {
			continue;
		}
		const KnowledgeProvider *kp = l->know.providers->pdata[p];
		for (guint i = 0; kp->names[i] != NULL && prov_has(m, p); i++) {
			for (guint k = 0; k < svcs->len; k++) {
				if (has_name_word(svcs->pdata[k], kp->names[i])) {
					m = prov_andnot(m, prov_bit(p));
					break;
				}
			}
		}
	}
	return m;
}

/* The provider of the knowledge called @name (its group's NAME), as a mask; 0 when
 * the knowledge has none. */
static ProvMask
provider_called(const Linker *l, const char *name)
{
	guint p = linker_knowledge_provider_index(&l->know, name, false);
	return p < l->know.providers->len ? prov_bit(p) : PROV_NONE;
}

/*
 * Whose own naming a region code is, by its form: Google Cloud writes an area, a
 * direction and a number in one word after one hyphen ("europe-west2",
 * "us-central1"), AWS a two-letter area, a direction and a number between two
 * hyphens ("ap-southeast-2", "eu-west-2").  "US East" or "us-east" (no number) is
 * anyone's.  (Names such as Azure's and Oracle Cloud's "UK South" are the knowledge
 * file's: [region:CODE] providers.)  Only codes a text writes come here, never the
 * codes a city of the gazetteer stands for: "London" is no provider's.
 */
ProvMask
linker_region_form_owner(const Linker *l, const char *code)
{
	const char *h1 = strchr(code, '-');
	if (h1 == NULL) {
		return PROV_NONE;
	}
	const char *h2 = strchr(h1 + 1, '-');
	gsize len = strlen(code);
	if (len == 0 || !g_ascii_isdigit(code[len - 1])) {
		return PROV_NONE;
	}
	if (h2 == NULL) {
		return provider_called(l, "google cloud");
	}
	if (h1 - code == 2 && strchr(h2 + 1, '-') == NULL &&
	    strspn(h2 + 1, "0123456789") == strlen(h2 + 1)) {
		return provider_called(l, "aws");
	}
	return PROV_NONE;
}

/* @blamed with what it reaches through suites (linker_knowledge_suite_reach()): a
 * blame of a suite's part may mean the suite's own issue, a blame of the suite any
 * part's (linker_suite_target()).  The one widening of a blame through suites: of
 * Doc.cause_providers, the providers whose own items a blame may land on (role
 * links' candidates and rivals); of linker_blamed_providers(), what a blame can
 * mean (linker_blame_resolves()). */
static ProvMask
blame_reach(const Linker *l, ProvMask blamed)
{
	if (prov_meets(blamed, l->know.by_service)) {
		blamed = prov_or(blamed, linker_knowledge_suite_reach(
						 &l->know, prov_and(blamed, l->know.by_service)));
	}
	return blamed;
}

static bool quiet_doc(const Doc *d);

ProvMask
linker_blame_targets(const Linker *l, const Doc *d)
{
	if (d->generic_blame) {
		return prov_all();
	}
	ProvMask m = blame_reach(l, d->cause_providers);
	if (d->depends != NULL && (d->upstream || d->blamed_roles != 0)) {
		m = prov_or(m, d->depends->providers);
	}
	if (quiet_doc(d)) {
		/* No cause stated: the providers it names may be what fails for it
		 * (mention_link()); naming none, those of depends_on may have broken
		 * (depends_quiet_link()). */
		m = prov_or(m, prov_any(d->providers) || d->depends == NULL ? d->providers
									       : d->depends->providers);
	}
	for (guint p = 0; d->blamed_roles != 0 && p < l->know.providers->len; p++) {
		if (d->blamed_roles & l->prov_roles[p]) {
			prov_set(&m, p);
		}
	}
	return m;
}

ProvMask
linker_suite_target(const Linker *l, const Doc *d, const Doc *p)
{
	const Knowledge *k = &l->know;
	ProvMask blamed = prov_and(d->cause_providers, k->by_service);
	if (!prov_any(blamed) || !prov_meets(p->self_provider, k->by_service)) {
		return PROV_NONE;
	}
	ProvMask m = PROV_NONE;
	/* A suite's own item: blamed as the suite, or naming a part blamed. */
	ProvMask suites = prov_and(p->self_provider, k->suites);
	if (prov_any(suites) && prov_meets(blamed, prov_or(suites, p->suite_names))) {
		m = prov_or(m, suites);
	}
	/* A part's item, when the suite is blamed: one of the parts its words point at,
	 * or any when they point at none. */
	ProvMask parts = prov_and(prov_andnot(linker_knowledge_suite_reach(
						      k, prov_and(blamed, k->suites)),
					      k->suites),
				  p->self_provider);
	if (prov_any(parts) &&
	    (!prov_any(d->suite_products) || prov_meets(d->suite_products, parts))) {
		m = prov_or(m, parts);
	}
	return prov_andnot(m, prov_and(blamed, p->self_provider));
}

ProvMask
linker_blame_resolves(const Linker *l, const Doc *d)
{
	ProvMask named = blame_reach(l, linker_blamed_providers(l, d));
	if (prov_any(d->self_provider)) {
		/* A provider's own report: that provider, and any it blames by name or
		 * by role ("our cloud provider" on Heroku's page may be AWS); a suite's
		 * own issue, the parts it names too. */
		ProvMask m = prov_or(prov_or(d->self_provider, named), d->suite_names);
		for (guint p = 0; d->upstream && d->blamed_roles != 0 &&
				  p < l->know.providers->len; p++) {
			if (l->prov_roles[p] & d->blamed_roles) {
				prov_set(&m, p);
			}
		}
		return m;
	}
	ProvMask m = prov_or(named, d->region_provs);
	if (d->depends != NULL && (d->upstream || d->blamed_roles != 0)) {
		m = prov_or(m, d->depends->providers);
	}
	return m;
}

/* True when what @a's and @b's blames can mean (linker_blame_resolves()) is known on
 * both sides and shares no provider (nor a provider of the same name): "our cloud
 * provider ... europe-west2" and "our hosting provider ... UK South" are two providers
 * in one city.  Sets the two in *@ret_ra and *@ret_rb. */
static bool
resolve_apart(const Linker *l, const Doc *a, const Doc *b, ProvMask *ret_ra, ProvMask *ret_rb)
{
	*ret_ra = linker_blame_resolves(l, a);
	*ret_rb = linker_blame_resolves(l, b);
	return prov_any(*ret_ra) && prov_any(*ret_rb) &&
	       !prov_meets(linker_knowledge_kin(&l->know, *ret_ra), *ret_rb);
}

/* True when @d blames a provider it names in a statement of cause or blame, or a
 * role with the word provider or upstream ("our SMS provider"; a bare "email" names a
 * channel, not a vendor). */
static bool
blames_specific(const Linker *l, const Doc *d)
{
	return prov_any(linker_blamed_providers(l, d)) || (d->upstream && d->blamed_roles != 0);
}

/* The roles of what @d blames (see blames_specific()). */
static guint32
blamed_roles_of(const Linker *l, const Doc *d)
{
	return (d->upstream ? d->blamed_roles : 0) | linker_roles_of(l, linker_blamed_providers(l, d));
}

/* The countries @d's text names (Knowledge.countries: "Canada", "German"), as bits.
 * Reads a Term per term of @d: only for the few pairs whose blames are of a
 * national role (Knowledge.national_roles). */
guint64
linker_doc_countries(const Linker *l, const Doc *d)
{
	guint64 m = 0;
	if (l->know.countries->len == 0) {
		return 0;
	}
	for (guint i = 0; i < d->nterms; i++) {
		if (TERM(l, d->terms[i])->flag & TERM_KNOWN) {
			const KnownTerm *kt = g_hash_table_lookup(l->known,
								  GUINT_TO_POINTER(d->terms[i] + 1));
			m |= kt->countries;
		}
	}
	return m;
}

/* True when @a and @b both blame a national role ("an internet service provider",
 * "a mobile carrier") and name countries none of which they share: a carrier serves
 * one country, so they blame two carriers. */
static bool
countries_apart(const Linker *l, const Doc *a, const Doc *b, guint32 roles)
{
	if ((roles & l->know.national_roles) == 0) {
		return false;
	}
	guint64 ca = linker_doc_countries(l, a);
	guint64 cb = ca != 0 ? linker_doc_countries(l, b) : 0;
	return ca != 0 && cb != 0 && (ca & cb) == 0;
}

typedef enum {
	BLAME_SAME_OR_UNKNOWN,
	BLAME_ONE_SIDED,  /* one blames an upstream provider, the other blames none */
	BLAME_DIFFERENT,  /* both blame one, and not the same one nor the same role (nor
			   * one national role in one country) */
	BLAME_OWN_APART,  /* two providers' own items, neither blaming the other */
} BlameDiscord;

/*
 * True when @quiet, an item of the feed of @blamer that blames no one, may be
 * the first post of the fault @blamer explains: it started no later and was
 * still open when @blamer started (a first post naturally blames no one yet:
 * "We are investigating dashboard errors", then "... caused by an outage at our
 * cloud provider"), and they do not name different services.  A later item that
 * blames no one while the feed already blames a provider is another fault.
 */
static bool
first_post_of(const Doc *quiet, const Doc *blamer)
{
	if (quiet->s == SW_TIME_NONE || blamer->s == SW_TIME_NONE || quiet->s > blamer->s ||
	    quiet->e < blamer->s) {
		return false;
	}
	return quiet->nsvc == 0 || blamer->nsvc == 0 || (quiet->svc_mask & blamer->svc_mask) != 0;
}

/* True when some provider of @named plays no role the knowledge knows. */
static bool
roleless_named(const Linker *l, ProvMask named)
{
	for (guint p = prov_next(named, 0); p < l->know.providers->len; p = prov_next(named, p + 1)) {
		if (l->prov_roles[p] == 0) {
			return true;
		}
	}
	return false;
}

/*
 * Whether @a and @b blame, or are the own items of, different providers: the one
 * place that decides it (score_text() scales their words by it).
 *
 * Two providers' own items (of providers not kin, on different feeds) that do not
 * blame each other (by name or role), nor one same provider: each reports its own
 * fault, and their shared words are their products and symptoms ("Compute Engine",
 * "Load Balancing" and "Kubernetes" are Google's and Oracle's product names alike;
 * a heatwave in one city hits both), as two customers blaming different providers
 * share theirs (BLAME_OWN_APART).
 *
 * Cause over symptom on one feed: two advisories of the same source that explain
 * themselves by different upstream providers, or of which only one blames any
 * ("Slack is having a major outage" beside "SMS to Australia delayed, a third-party
 * SMS provider ..."), report different faults, whatever product and notification
 * words they share: a feed's items share its product and symptoms by nature.  The
 * same title on the feed is one event posted as several items and is left alone,
 * as are pairs on different feeds (a fellow victim often blames no one yet).
 */
static BlameDiscord
blame_discord(const Linker *l, const Doc *a, const Doc *b)
{
	const ProvMask ba = linker_blamed_providers(l, a), bb = linker_blamed_providers(l, b);
	/* Two blames of networks no knowledge lists ("a third-party transit provider",
	 * "an internet service provider"): an ISP and a transit network may well be
	 * one company, so they may blame one upstream (unless a carrier's countries
	 * differ). */
	guint32 ua = a->upstream ? a->blamed_roles & l->know.unlisted_roles : 0;
	guint32 ub = b->upstream ? b->blamed_roles & l->know.unlisted_roles : 0;
	if (ua != 0 && ub != 0 && !prov_any(ba) && !prov_any(bb)) {
		return countries_apart(l, a, b, ua | ub) ? BLAME_DIFFERENT : BLAME_SAME_OR_UNKNOWN;
	}
	/* Not when one blames the other by its role ("our CDN provider"). */
	if (prov_any(a->self_provider) && prov_any(b->self_provider) && a->si != b->si &&
	    !prov_meets(linker_knowledge_kin(&l->know, a->self_provider), b->self_provider) &&
	    (a->blamed_roles & b->self_roles) == 0 && (b->blamed_roles & a->self_roles) == 0) {
		if (!prov_meets(ba, linker_knowledge_kin(&l->know, b->self_provider)) &&
		    !prov_meets(bb, linker_knowledge_kin(&l->know, a->self_provider)) &&
		    !prov_meets(ba, bb)) {
			return BLAME_OWN_APART;
		}
	}
	if ((a->title_term != G_MAXUINT32 && a->title_term == b->title_term) ||
	    (a->page_term != G_MAXUINT32 && a->page_term == b->page_term)) {
		return BLAME_SAME_OR_UNKNOWN;
	}
	ProvMask res_a, res_b;
	if (a->upstream && b->upstream && resolve_apart(l, a, b, &res_a, &res_b)) {
		return BLAME_DIFFERENT; /* "our cloud provider" in two providers' regions */
	}
	bool sa = blames_specific(l, a), sb = blames_specific(l, b);
	if (sa != sb) {
		if (a->si != b->si || a->source_null != b->source_null || a->si == NULL) {
			return BLAME_SAME_OR_UNKNOWN; /* a fellow victim may blame no one yet */
		}
		/* The other may blame someone it does not name, unless the blamer only
		 * relays a provider's state as what fails for it (Doc.relayed: "our Slack
		 * app notifications are delayed"): beside it the feed's unnamed upstream
		 * ("our push provider accepts requests slowly") is another one, or it
		 * would have named it as it did there. */
		const Doc *quiet = sa ? b : a, *blamer = sa ? a : b;
		ProvMask bp = linker_blamed_providers(l, blamer);
		bool relays = prov_any(bp) && !prov_any(prov_andnot(bp, blamer->relayed)) &&
			      blamer->blamed_roles == 0;
		if ((quiet->upstream && !relays) || first_post_of(quiet, blamer)) {
			return BLAME_SAME_OR_UNKNOWN;
		}
		return BLAME_ONE_SIDED;
	}
	if (!sa) {
		return BLAME_SAME_OR_UNKNOWN;
	}
	guint32 ra = blamed_roles_of(l, a);
	guint32 rb = blamed_roles_of(l, b);
	if (prov_meets(ba, bb)) {
		return BLAME_SAME_OR_UNKNOWN;
	}
	if ((ra & rb) != 0) {
		/* "An internet service provider in Canada" and "... in Germany". */
		return countries_apart(l, a, b, ra & rb) ? BLAME_DIFFERENT : BLAME_SAME_OR_UNKNOWN;
	}
	/* A role blamed by one, and by the other only providers of which one plays no
	 * role the knowledge knows (a suite's service: Exchange Online is given no email
	 * role, lest every "email delayed" meet it): that provider may well be the one
	 * the role means, so they are not told apart. */
	if (prov_any(ba) != prov_any(bb) && roleless_named(l, prov_any(ba) ? ba : bb)) {
		return BLAME_SAME_OR_UNKNOWN;
	}
	return BLAME_DIFFERENT;
}

/*
 * True when @a and @b are planned maintenance (Advisory.kind) of two sources, and
 * neither blames an upstream: each is its provider's own planned work, announced in
 * the same words ("scheduled maintenance", "unavailable", "the app") whatever the
 * day, and an announcement's date, often all there is of its time, is not the
 * work's.  An explicit reference between them still links.
 */
static bool
planned_apart(const Doc *a, const Doc *b)
{
	return a->si != b->si && !a->upstream && !b->upstream &&
	       a->adv->kind == ADVISORY_KIND_MAINTENANCE && b->adv->kind == ADVISORY_KIND_MAINTENANCE;
}

/* One feed's planned maintenance and an unplanned item of it that never speaks of
 * maintenance ("Patient portal maintenance" overnight, inside the day-long "Phone
 * lines down at our clinics" whose posts point patients to the patient portal):
 * the product they share is no shared cause; an outage telling that it came of
 * the maintenance ("since last night's planned maintenance") may be one. */
static bool
maintenance_beside(const Linker *l, const Doc *a, const Doc *b)
{
	bool pa = a->adv->kind == ADVISORY_KIND_MAINTENANCE;
	bool pb = b->adv->kind == ADVISORY_KIND_MAINTENANCE;
	if (pa == pb || !linker_same_feed(a, b)) {
		return false;
	}
	const Doc *u = pa ? b : a; /* its terms are its title's, text's and posts' */
	return !linker_doc_has_term(u, l->planned_terms[0]) &&
	       !linker_doc_has_term(u, l->planned_terms[1]);
}

static const char *service_name(const Linker *l, const Doc *p, guint i);

/* The providers of @o's own item that @d's denials reach (Doc.denied): the provider
 * denied, a part of a suite denied, or a suite whose issue names a part denied. */
static ProvMask
denial_reaches(const Linker *l, const Doc *d, const Doc *o)
{
	if (!prov_any(d->denied) || !prov_any(o->self_provider)) {
		return PROV_NONE;
	}
	ProvMask m = prov_and(d->denied, o->self_provider);
	ProvMask suites = prov_and(o->self_provider, l->know.suites);
	if (prov_any(suites) && prov_meets(d->denied, o->suite_names)) {
		m = prov_or(m, suites);
	}
	return prov_or(m, prov_and(linker_knowledge_suite_reach(
					   &l->know, prov_and(d->denied, l->know.suites)),
				   o->self_provider));
}

/*
 * A status page's everyday words: how work is queued, delayed and caught up, and
 * the capacity added for it ("Builds are taking longer to start because the build
 * queue is backed up; we have added capacity"; "updates arrive late, our push
 * provider is slow, the queue is growing").  Every company's page says them about
 * its own trouble, at any hour; they name no product, no cause anyone else shares,
 * no upstream.  Lower case, as written (plurals and endings listed).
 */
static const char *const everyday_words[] = {
	"add", "added", "adding", "again", "arrive", "arrived", "arrives", "arriving",
	"back", "backed", "backlog", "backlogs", "behind", "capacity", "catch", "caught",
	"clear", "cleared", "clearing", "delay", "delayed", "delaying", "delays", "drain",
	"drained", "draining", "drains", "grew", "grow", "growing", "grows", "held", "hold",
	"late", "later", "longer", "minute", "minutes", "normal", "normally", "pending",
	"pool", "pools", "process", "processed", "processes", "processing", "promptly",
	"provider", "providers", "push", "pushed", "queue", "queued", "queues", "queuing",
	"scale", "scaled", "scaling", "short", "slow", "slowed", "slower", "slowly", "take",
	"taken", "takes", "taking", "than", "time", "usual", "wait", "waited", "waiting",
	"waits", "worker", "workers",
};

/* True when every word (@all) or any word of term @t's surface is one of @words
 * (@n of them, word_in()). */
static bool
term_words_in(const Linker *l, guint32 t, const char *const *words, gsize n, bool all)
{
	const char *p = linker_term_surface(l, t);
	while (*p != '\0') {
		const char *e = p;
		while (*e != '\0' && *e != ' ') {
			e++;
		}
		if (word_in(p, (gsize)(e - p), words, n) != all) {
			return !all;
		}
		p = *e == ' ' ? e + 1 : e;
	}
	return all;
}

/* True when every word of term @t is one of everyday_words. */
static bool
term_everyday(const Linker *l, guint32 t)
{
	return term_words_in(l, t, everyday_words, G_N_ELEMENTS(everyday_words), true);
}

/* @a and @b are pages of two companies (two feeds, at most one a provider's own, and
 * then the other names no provider at all) that blame nothing upstream they identify
 * (no provider, role, region, event, shared cause; an unnamed upstream says none),
 * name no provider (but the provider's own page its own), no other feed and no place
 * in common, and have no depends_on: whatever they share beyond a status page's
 * everyday words is all that could join them ("mail arrives late" on a mail host's
 * page and on a webmail provider's the same morning). */
static bool
everyday_pair(const Doc *a, const Doc *b, guint32 named)
{
	const char *region = NULL;
	bool pa = prov_any(a->self_provider), pb = prov_any(b->self_provider);
	if (a->si == b->si || named != G_MAXUINT32 || (pa && pb) ||
	    (!pa && prov_any(a->providers)) || (!pb && prov_any(b->providers)) ||
	    a->depends != NULL || b->depends != NULL || linker_regions_meet(a, b, &region)) {
		return false;
	}
	/* An upstream blamed but neither named nor given a role ("our push provider
	 * accepts requests slowly", "our provider of tracking events is slow") says
	 * nothing of which: two such blames are no shared upstream (a provider's own
	 * item the time points at is, see generic_link()). */
	for (int k = 0; k < 2; k++) {
		const Doc *d = k == 0 ? a : b, *o = k == 0 ? b : a;
		if (d->blamed_roles != 0 || prov_any(d->cause_providers) || d->nevent > 0 ||
		    d->shares ||
		    (o->source_term != G_MAXUINT32 && linker_doc_has_term(d, o->source_term))) {
			return false;
		}
	}
	return true;
}

/* @own, a page that is no provider's own, states a fault of its own system
 * (Doc.own_cause: "a transformer failed in our Dallas data center") and blames,
 * names and shares nothing of any provider or of @prov's region, while @prov is a
 * provider's own item: the page's fault is its own, whatever words ("power", "data
 * center") the two share. */
static bool
own_fault_beside_provider(const Doc *own, const Doc *prov)
{
	const char *region = NULL;
	return own->own_cause && prov_any(prov->self_provider) && !own->upstream &&
	       !prov_any(own->self_provider) && !prov_any(own->providers) &&
	       !prov_any(own->cause_providers) && own->blamed_roles == 0 && own->depends == NULL &&
	       !own->shares && own->nevent == 0 && !linker_regions_meet(own, prov, &region);
}

/* A provider's item starting this long after another of its items, or more, is
 * a fault of its own unless it says that one's cause or shares it. */
#define OWN_CAUSE_LATER (30 * 60)

/* @a and @b are one provider's own items on two of its feeds, and one of them,
 * starting OWN_CAUSE_LATER or more after the other, states a cause of which the
 * other, stating none, says no phrase ("a faulty host" in one edge location an
 * hour into a load balancer's "Elevated error rates"): a new fault with its own
 * cause.  Two items opened together (the same-worded incident on two product
 * pages, one naming the cause) are one event's. */
static bool
own_cause_unshared(const Doc *a, const Doc *b)
{
	if (a->si == b->si || !prov_meets(a->self_provider, b->self_provider) ||
	    a->s == SW_TIME_NONE || b->s == SW_TIME_NONE) {
		return false;
	}
	for (int k = 0; k < 2; k++) {
		const Doc *x = k == 0 ? a : b, *y = k == 0 ? b : a;
		if (x->ncause == 0 || y->ncause > 0 || x->s - y->s < OWN_CAUSE_LATER) {
			continue;
		}
		bool said = false;
		for (guint i = 0; i < x->ncause && !said; i++) {
			said = linker_doc_has_term(y, x->cause[i]);
		}
		if (!said) {
			return true;
		}
	}
	return false;
}

/* The text points of the pair: exact, or tb->text when a bound is asked for
 * (see linker_score_pair()).  Sets *@ret_named to a third feed both name
 * (or 0 for "maybe" under a bound), else G_MAXUINT32, and *@ret_apart when a
 * rule below found they tell two things and discounted the words (never under
 * a bound, which then stays a bound). */
static double
score_text(const Linker *l, const Doc *a, const Doc *b, Evidence *ev, const TextBound *tb,
	   guint32 *ret_named, bool *ret_apart)
{
	*ret_named = G_MAXUINT32;
	*ret_apart = false;
	if (tb != NULL) {
		g_assert(ev->reasons == NULL);
		if (tb->named) {
			*ret_named = 0; /* maybe: only tested against G_MAXUINT32 */
		}
		return tb->text;
	}
	GArray *top = ev->reasons != NULL ? g_array_new(FALSE, FALSE, sizeof(Shared)) : NULL;
	double text = shared_terms(l, a, b, top, ret_named, false);
	bool everyday = text > 0 && everyday_pair(a, b, *ret_named);
	/* Two companies' pages, each stating a fault of its own system: "our PostgreSQL
	 * database ran out of transaction IDs", "our PostgreSQL database failed over". */
	bool own_apart = everyday && a->own_cause && b->own_cause;
	if (everyday) {
		/* Two companies' pages that blame no provider: their status page's
		 * everyday words ("queue", "added capacity") weigh little. */
		double full = text;
		if (top != NULL) {
			g_array_set_size(top, 0);
		}
		text = shared_terms(l, a, b, top, ret_named, true);
		everyday = text < full;
	}
	double whole = text; /* before any rule below says they tell two things */
	/* Two blames of different upstreams first: their statements of cause may
	 * share a word or two ("delayed because of"), and what they share beyond
	 * them is symptoms, which must not carry the link at any weight. */
	BlameDiscord bd = text > 0 ? blame_discord(l, a, b) : BLAME_SAME_OR_UNKNOWN;
	if (own_apart) {
		/* One's own system is not the other's, whatever kind both are: the
		 * system's name they share is no shared cause. */
		text *= BLAME_DISCORD_SCALE;
		REASON(ev, g_strdup("but each states a fault of its own system, and they are two "
				    "companies' pages: one's system is not the other's"));
	} else if (text > 0 && (own_fault_beside_provider(a, b) || own_fault_beside_provider(b, a))) {
		/* As two companies' own faults: what they share is symptoms. */
		text *= BLAME_DISCORD_SCALE;
		REASON(ev, g_strdup_printf("but %s states a fault of its own system, not a "
					   "provider's",
					   linker_short_id(own_fault_beside_provider(a, b) ? a : b)));
	} else if (bd == BLAME_DIFFERENT) {
		text *= BLAME_APART_SCALE;
		REASON(ev, g_strdup("but they blame different upstream providers, so the words "
				    "they share count nothing"));
	} else if (text > 0 && causes_differ(a, b)) {
		text *= CAUSE_DISCORD_SCALE;
		REASON(ev, g_strdup("but their statements of cause share nothing"));
	} else if (text > 0 && own_cause_unshared(a, b)) {
		/* As two causes that share nothing: what else they share is symptoms. */
		text *= CAUSE_DISCORD_SCALE;
		REASON(ev, g_strdup("but they are one provider's items on two feeds, and only one "
				    "states a cause, which the other does not say"));
	} else if (text > 0 && planned_apart(a, b)) {
		text *= BLAME_DISCORD_SCALE;
		REASON(ev, g_strdup("but they are two sources' own planned maintenance"));
	} else if (text > 0 && maintenance_beside(l, a, b)) {
		text *= BLAME_DISCORD_SCALE;
		REASON(ev, g_strdup_printf("but %s is the feed's planned maintenance, and %s never "
					   "speaks of maintenance",
					   linker_short_id(a->adv->kind == ADVISORY_KIND_MAINTENANCE ? a : b),
					   linker_short_id(a->adv->kind == ADVISORY_KIND_MAINTENANCE ? b : a)));
	} else if (bd == BLAME_OWN_APART) {
		text *= BLAME_DISCORD_SCALE;
		REASON(ev, g_strdup("but they are two providers' own incidents, and neither blames "
				    "the other"));
	} else if (bd == BLAME_ONE_SIDED) {
		text *= BLAME_DISCORD_SCALE;
		REASON(ev, g_strdup_printf("but only %s blames an upstream provider",
					   linker_short_id(blames_specific(l, a) ? a : b)));
	}
	ProvMask dn_a = denial_reaches(l, a, b), dn_b = denial_reaches(l, b, a);
	const Doc *denier = prov_any(dn_a) ? a : prov_any(dn_b) ? b : NULL;
	if (text > 0 && denier == NULL && !a->upstream && !b->upstream &&
	    prov_meets(a->denied, b->denied)) {
		/* "We do not use Okta and are not affected" and "Shiftboard is not
		 * impacted by the Okta breach": two notices that deny the same
		 * provider share its incident's words, no outage. */
		text *= BLAME_DISCORD_SCALE;
		REASON(ev, g_strdup("but both only say a provider's incident does not affect them"));
	} else if (text > 0 && denier != NULL) {
		/* "This is not caused by the Microsoft Teams outage": what it shares with
		 * an item of that service is its symptoms, as with a different blame; the
		 * same for a denial of the suite ("unrelated to the Microsoft 365 email
		 * issue") and an item of a part of it, or of a part and the suite's issue
		 * naming it. */
		const Doc *other = denier == a ? b : a;
		text *= BLAME_DISCORD_SCALE;
		REASON(ev, g_strdup_printf("but %s says it is not caused by %s", linker_short_id(denier),
					   service_name(l, other, prov_first(prov_any(dn_a) ? dn_a
											  : dn_b))));
	}
	*ret_apart = text < whole;
	if (top != NULL) {
		if (top->len > 0) {
			g_autofree char *desc = describe_terms(l, top);
			char num[32];
			REASON(ev, g_strconcat("both name ", desc, " (", fmt_tenths(num, text), ")", NULL));
		}
		g_array_unref(top);
	}
	if (everyday) {
		REASON(ev, g_strdup("but they are two companies' pages that blame no provider, so "
				    "a status page's everyday words among them ('queue', 'capacity', "
				    "'delayed') weigh little"));
	}
	return text;
}

static const char *
provider_name(const Linker *l, guint i)
{
	return linker_knowledge_display(l->know.providers->pdata[i]);
}

/* How @p, an item of service-of-a-suite provider @i, spells the service ("Microsoft
 * Teams"), else the provider's first name. */
static const char *
service_name(const Linker *l, const Doc *p, guint i)
{
	const KnowledgeProvider *kp = l->know.providers->pdata[i];
	for (guint k = 0; k < p->adv->services->len; k++) {
		const char *svc = p->adv->services->pdata[k];
		for (guint j = 0; kp->services[j] != NULL; j++) {
			if (g_ascii_strcasecmp(svc, kp->services[j]) == 0) {
				return svc;
			}
		}
	}
	return provider_name(l, i);
}

/* True when both name regions and none of them meet. */
static bool
regions_apart(const Doc *a, const Doc *b)
{
	const char *r;
	return a->regions != NULL && b->regions != NULL && a->regions->len > 0 &&
	       b->regions->len > 0 && !linker_regions_meet(a, b, &r);
}

/*
 * A downstream advisory @d blames its <role> provider ("our CDN", "our cloud
 * telephony provider") or names a provider in a sentence stating a cause,
 * and @p is the own feed of a provider with that role or name, which broke
 * within ROLE_WINDOW of it (or had posted about it before @d started and
 * posted again after: p->last, not the horizon of an open item), their
 * times overlapping and any regions they both name meeting.  Returns the
 * points, 0 when the rule does not hold.
 */
/* Providers of @p's own feed that @d's source depends on (depends_on), in a region
 * of @p's when depends_on names regions; whatever @d says. */
static ProvMask
depends_of(const Doc *d, const Doc *p)
{
	if (d->depends == NULL) {
		return PROV_NONE;
	}
	ProvMask m = prov_and(d->depends->providers, p->self_provider);
	for (guint i = prov_next(m, 0); i < KNOWLEDGE_MAX; i = prov_next(m, i + 1)) {
		const GPtrArray *want = d->depends->regions[i];
		if (want == NULL) {
			continue;
		}
		bool meet = false;
		for (guint k = 0; p->regions != NULL && k < p->regions->len && !meet; k++) {
			for (guint j = 0; j < want->len && !meet; j++) {
				meet = linker_region_same(p->regions->pdata[k], want->pdata[j]);
			}
		}
		if (!meet) {
			m = prov_andnot(m, prov_bit(i));
		}
	}
	return m;
}

/* depends_of() where @d blames an upstream provider or a role. */
static ProvMask
depends_match(const Doc *d, const Doc *p)
{
	return d->upstream || d->blamed_roles != 0 ? depends_of(d, p) : PROV_NONE;
}

/* @p's own incident is close enough to @d for a role link: overlapping, in
 * no other region, starting within ROLE_WINDOW of @d (or already posted about
 * when @d started and posted again since). */
/* @d and @p both have a time, overlap and are in no two regions. */
static bool
overlap_here(const Doc *d, const Doc *p)
{
	return d->s != SW_TIME_NONE && p->s != SW_TIME_NONE && linker_interval_gap(d, p) <= 0 &&
	       !regions_apart(d, p);
}

static bool
role_time_ok(const Doc *d, const Doc *p)
{
	gint64 lead = d->s - p->s;
	return overlap_here(d, p) && (ABS(lead) <= ROLE_WINDOW || (d->s >= p->s && d->s <= p->last));
}

/* Another provider than @p's, playing one of @roles, whose own feed has an
 * incident role_time_ok() for @d: then "our cloud provider" could be either,
 * and the blame alone does not say which.  An item saying it is separate from
 * an ongoing incident is no rival: no blame can land on it.  Returns its index
 * + 1, or 0. */
static guint
role_rival(const Linker *l, const Doc *d, const Doc *p, guint32 roles)
{
	/* A provider its blame cannot mean (its region names another's) is no rival. */
	ProvMask res = !prov_any(d->self_provider) ? linker_blame_resolves(l, d) : PROV_NONE;
	for (guint q = 0; q < l->know.providers->len; q++) {
		/* Nor the blamer's own provider (a PaaS's cloud is another company). */
		if (prov_has(p->self_provider, q) || prov_has(d->self_provider, q) ||
		    !(l->prov_roles[q] & roles) || l->prov_docs[q] == NULL ||
		    (prov_any(res) && !prov_has(res, q))) {
			continue;
		}
		const GArray *arr = l->prov_docs[q];
		for (guint k = 0; k < arr->len; k++) {
			const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
			if (prov_has(o->self_provider, q) && !o->disclaims && role_time_ok(d, o)) {
				return q + 1;
			}
		}
	}
	return 0;
}

/* A shared term's part of a fit (blame_fit(), share_fit()): its squared weight, but
 * nothing for a word that names a provider or a role. */
static double
fit_points(const Linker *l, guint32 x)
{
	if (TERM(l, x)->flag & TERM_KNOWN) {
		const KnownTerm *kt = g_hash_table_lookup(l->known, GUINT_TO_POINTER(x + 1));
		if (prov_any(kt->providers) || kt->roles != 0) {
			return 0;
		}
	}
	double w = linker_weight_of(l, &l->idf, x);
	return w * w;
}

/* The text points of @dot, rounded so that sums are exact, when at least FIT_MIN. */
static double
fit_of_dot(const Linker *l, const Doc *d, const Doc *o, double dot)
{
	double t = round(text_of_dot(l, d, o, dot) * 1e6) / 1e6;
	return t >= FIT_MIN ? t : 0;
}

/* How well provider item @o fits @d's blame: the text points of the words
 * they share, but for words that name a provider or a role ("our CDN" meets
 * every item of a CDN that says "CDN"), when at least FIT_MIN (a word or two
 * in common says nothing of which incident is meant), else 0.  Exact, so the
 * bound of linker_score_pair() is unchanged. */
static double
blame_fit(const Linker *l, const Doc *d, const Doc *o)
{
	double dot = 0;
	for (guint i = 0, j = 0; i < d->nterms && j < o->nterms;) {
		guint32 x = d->terms[i], y = o->terms[j];
		if (x != y) {
			i += x < y;
			j += y < x;
			continue;
		}
		i++;
		j++;
		dot += fit_points(l, x);
	}
	return fit_of_dot(l, d, o, dot);
}

/* How well item @o's name (Doc.names: its title, services and feature) holds
 * the @n words @words of @d (a blame's products, a claim's words), but for
 * words @d's own name holds (the Stream item's "Stream ... is a consequence of
 * the ongoing R2 incident" names R2, not Stream): the sum of their squared
 * weights (fit_points(): provider and role words aside), rounded so that sums
 * are exact.  No FIT_MIN: one word of an item's name that the text says is
 * what it means.  The incident a text names by its product is the one whose
 * name says it, whatever symptom words another item shares. */
static double
name_fit(const Linker *l, const Doc *d, const guint32 *words, guint n, const Doc *o)
{
	double dot = 0;
	for (guint i = 0; i < n; i++) {
		if (has_u32(o->names, o->nnames, words[i]) &&
		    !has_u32(d->names, d->nnames, words[i])) {
			dot += fit_points(l, words[i]);
		}
	}
	return round(dot * 1e6) / 1e6;
}

/* How @lead (seconds @d started after @p) reads in a reason: "12 min earlier",
 * "3 min later", "at the same minute". */
char *
linker_lead_text(gint64 lead)
{
	if (lead == 0) {
		return g_strdup("at the same minute");
	}
	g_autofree char *when = fmt_duration(ABS(lead));
	return g_strconcat(when, lead > 0 ? " earlier" : " later", NULL);
}

typedef enum {
	RIVAL_LOSES,
	RIVAL_LOSES_BY_WORDS,
	RIVAL_LOSES_BY_KIND, /* an advisory or a less severe issue (see rival_outcome()) */
	RIVAL_LOSES_BY_PRODUCT, /* a service the blame of its suite does not point at */
	RIVAL_WINS,
} RivalOutcome;

/* Whether item @o rather than @p is the one @d means (a blame or a claimed shared
 * cause that points at one incident of a feed): the better word fit (@ofit
 * against @pfit) first, then the one already started when @d did, then the
 * nearer start; ties: the smaller key. */
static RivalOutcome
rival_outcome(const Doc *d, const Doc *p, double pfit, const Doc *o, double ofit, bool by_kind,
	      bool kind_first)
{
	if (ofit != pfit && !kind_first) {
		return ofit > pfit ? RIVAL_WINS : RIVAL_LOSES_BY_WORDS;
	}
	if (by_kind && (o->adv->kind == ADVISORY_KIND_INCIDENT) !=
			       (p->adv->kind == ADVISORY_KIND_INCIDENT)) {
		/* A suite's service (one feed for many services, a busy one): "Exchange
		 * Online is degraded" means its incident, not an advisory open that day. */
		return o->adv->kind == ADVISORY_KIND_INCIDENT ? RIVAL_WINS : RIVAL_LOSES_BY_KIND;
	}
	if (by_kind && o->adv->severity != p->adv->severity) {
		return o->adv->severity > p->adv->severity ? RIVAL_WINS : RIVAL_LOSES_BY_KIND;
	}
	if (ofit != pfit) {
		return ofit > pfit ? RIVAL_WINS : RIVAL_LOSES_BY_WORDS;
	}
	bool after = p->s > d->s;
	bool oafter = o->s > d->s;
	if (oafter != after) {
		return oafter ? RIVAL_LOSES : RIVAL_WINS;
	}
	gint64 dist = ABS(d->s - p->s);
	gint64 od = ABS(d->s - o->s);
	return od < dist || (od == dist && strcmp(o->key, p->key) < 0) ? RIVAL_WINS : RIVAL_LOSES;
}

/* True when @p, an item of a service of a suite that @d blames, is an advisory
 * (not classed an incident) that started more than ROLE_WINDOW from @d or whose
 * words do not fit its blame: "Microsoft Teams is unavailable" is no word about
 * a minor, known problem of Teams, often open all day. */
static bool
suite_refuses(const Linker *l, const Doc *d, const Doc *p)
{
	return p->adv->kind != ADVISORY_KIND_INCIDENT &&
	       (ABS(d->s - p->s) > ROLE_WINDOW || blame_fit(l, d, p) == 0);
}

/* Another incident of the blamed provider's own feed (a provider in @provs)
 * that is role_time_ok() for @d and fits the blame better than @p: a blame
 * points at one incident of the provider, not at every incident its feed has
 * open that hour.  An item that says it is separate from an ongoing incident
 * is never the one meant (p->disclaims).  Among the rest, the one whose words
 * fit @d's best (blame_fit(): "our DNS provider ... fails to resolve" meets
 * the DNS incident, not a database one), then one that had started when @d
 * did (the provider breaks, then its customers say so), then the nearer
 * start; ties: the smaller key.  For a service of a suite (Knowledge.by_service),
 * whose one feed has many items open on a busy day, an incident goes before an
 * advisory, and a more severe one first, where words do not decide.
 * *@ret_rivals counts the incidents @p won over, *@ret_by_words whether words
 * decided against one of them, *@ret_by_name whether a product the blame names
 * did, *@ret_by_kind whether class and severity did, *@ret_disclaimed the items
 * passed over as separate. */
/* 1 when item @o is of a part of a suite that @d's blame of the suite points at by
 * its words (Doc.suite_products), or a suite item naming one; else 0. */
static int
product_fit(const Doc *d, const Doc *o)
{
	return prov_meets(d->suite_products, prov_or(o->self_provider, o->suite_names));
}

static bool
nearer_sibling(const Linker *l, const Doc *d, const Doc *p, ProvMask provs, guint *ret_rivals,
	       bool *ret_by_words, bool *ret_by_name, bool *ret_by_kind, guint *ret_disclaimed)
{
	double pfit = -1, pname = 0;
	int pnamed = -1; /* whether @d names @p's service (linker_names_service_of()) */
	*ret_rivals = 0;
	*ret_by_words = false;
	*ret_by_name = false;
	*ret_by_kind = false;
	*ret_disclaimed = 0;
	/* A blame of a suite's service or of the suite: its rivals are every item it
	 * can land on through the suite (linker_suite_target()), whichever @p is. */
	bool via_suite = prov_meets(provs, l->know.by_service);
	if (via_suite) {
		provs = prov_and(blame_reach(l, d->cause_providers), l->know.by_service);
	}
	int pprod = product_fit(d, p);
	/* A blame of the suite or its company names no service's symptoms: the words
	 * it shares with one issue or another say less than which is the incident,
	 * the most severe ("else the most severe open incident"). */
	bool company = via_suite && prov_meets(d->cause_providers, l->know.suites);
	for (guint q = 0; q < l->know.providers->len; q++) {
		if (!prov_has(provs, q) || l->prov_docs[q] == NULL) {
			continue;
		}
		const GArray *arr = l->prov_docs[q];
		for (guint k = 0; k < arr->len; k++) {
			const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
			if (o == p || o == d || !prov_has(o->self_provider, q) || o->not_incident ||
			    !role_time_ok(d, o)) {
				continue;
			}
			if (via_suite && !prov_meets(o->self_provider, d->cause_providers) &&
			    !prov_any(linker_suite_target(l, d, o))) {
				continue;
			}
			if (o->disclaims) {
				++*ret_disclaimed;
				continue;
			}
			/* Of two items of two services, the one whose service @d names
			 * ("Gmail sync errors": the Gmail item, not the Calendar item begun
			 * nearer it); when @d names both ("Gmail and Google Calendar sync
			 * errors"), it means both, and neither is the other's rival. */
			int svc_named = 0;
			if (p->nsvc > 0 && o->nsvc > 0 && !linker_svc_shared(p, o)) {
				if (pnamed < 0) {
					pnamed = linker_names_service_of(l, d, p);
				}
				int onamed = linker_names_service_of(l, d, o);
				if (pnamed && onamed) {
					continue;
				}
				svc_named = onamed - pnamed;
			}
			bool suite = prov_has(l->know.by_service, q);
			if (suite && suite_refuses(l, d, o)) {
				continue; /* no blame of @d lands on it (role_blame()) */
			}
			if (pfit < 0) {
				pfit = blame_fit(l, d, p);
				pname = name_fit(l, d, d->blame_products, d->nblame_products, p);
			}
			double oname = name_fit(l, d, d->blame_products, d->nblame_products, o);
			int oprod = product_fit(d, o);
			/* A product the blame names ("Cloudflare R2 is having an
			 * outage") picks the incident whose name holds it, before
			 * the symptom words the blamer shares with either; then, for a
			 * blame of a suite, the service its words point at. */
			RivalOutcome r = svc_named != 0 ? (svc_named > 0 ? RIVAL_WINS
									 : RIVAL_LOSES_BY_WORDS)
					 : oname != pname ? (oname > pname ? RIVAL_WINS
									   : RIVAL_LOSES_BY_WORDS)
					 : oprod != pprod ? (oprod > pprod ? RIVAL_WINS
									   : RIVAL_LOSES_BY_PRODUCT)
							  : rival_outcome(d, p, pfit, o,
									  blame_fit(l, d, o), suite,
									  company);
			if (r == RIVAL_WINS) {
				return true;
			}
			++*ret_rivals;
			*ret_by_words |= r == RIVAL_LOSES_BY_WORDS;
			*ret_by_name |= oname != pname || svc_named != 0;
			*ret_by_kind |= r == RIVAL_LOSES_BY_KIND || r == RIVAL_LOSES_BY_PRODUCT;
		}
	}
	return false;
}

/* The reason of a blame landing on @p through a suite (@via: linker_suite_target()). */
static void
suite_reason(const Linker *l, const Doc *d, const Doc *p, ProvMask via, const char *dsrc,
	     const char *ago, Evidence *ev)
{
	const Knowledge *k = &l->know;
	ProvMask blamed = prov_and(d->cause_providers, k->by_service);
	const char *pname = service_name(l, p, prov_first(via));
	/* Each branch names the first provider of a set not empty there (prov_first()
	 * of none is an index past the knowledge).  linker_suite_target() puts a suite
	 * of @p in @via only when @blamed names it or a part @p names, and a part only
	 * when @blamed names a suite; it takes out what @blamed names of @p.  So with a
	 * suite in @via that @blamed misses, @blamed names a part @p names, else
	 * another suite of @p (two suites on one feed: the last case, as with a part
	 * in @via). */
	ProvMask named_part = prov_and(blamed, p->suite_names);
	if (prov_meets(via, k->suites) && !prov_meets(blamed, via) && prov_any(named_part)) {
		/* A suite issue naming the service blamed. */
		REASON(ev, g_strdup_printf("%s blames %s; %s, a %s issue that names it and is "
					   "upstream of it, started %s", dsrc,
					   provider_name(l, prov_first(named_part)), linker_short_id(p), pname,
					   ago));
	} else if (prov_meets(via, k->suites) && prov_meets(blamed, via)) {
		REASON(ev, g_strdup_printf("%s blames %s (the suite or its company); %s, the "
					   "suite's own issue, started %s", dsrc,
					   provider_name(l, prov_first(prov_and(blamed, via))), linker_short_id(p),
					   ago));
	} else {
		REASON(ev, g_strdup_printf("%s blames %s (the suite or its company), not one "
					   "service; %s, an issue of %s%s, started %s", dsrc,
					   provider_name(l, prov_first(prov_and(blamed, k->suites))),
					   linker_short_id(p), pname,
					   prov_any(d->suite_products) ? ", which its words point at" : "",
					   ago));
	}
}

/*
 * An item of the provider (one of @provs) that @d's blame lands on by time
 * (role_time_ok()) and that had started when @d did, when @p, another item of
 * that provider, opened more than ROLE_WINDOW after @d: the provider's incident
 * under way when the page blamed it.  "Imports are stuck: the Azure DevOps outage
 * in Brazil South" at 12:41 means Azure's incident open since 12:10, not its
 * notification delays everywhere reported at 15:10, so naming the provider counts
 * nothing for the later one (score_upstream()).  NULL when @p is not that late or
 * the provider had no such item.
 */
static const Doc *
blame_meant_earlier(const Linker *l, const Doc *d, const Doc *p, ProvMask provs)
{
	if (p->s == SW_TIME_NONE || d->s == SW_TIME_NONE || p->s - d->s <= ROLE_WINDOW) {
		return NULL;
	}
	guint n = l->know.providers->len;
	for (guint q = prov_next(provs, 0); q < n; q = prov_next(provs, q + 1)) {
		const GArray *arr = l->prov_docs[q];
		for (guint k = 0; arr != NULL && k < arr->len; k++) {
			const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
			if (o == p || o == d || !prov_has(o->self_provider, q) || o->disclaims ||
			    o->not_incident || o->s > d->s || !role_time_ok(d, o)) {
				continue;
			}
			/* Not a later update of the same incident (a feed posting each
			 * update as an item: one page, or one title), and the blame's
			 * words fit @o at least as well. */
			if ((o->page_term != G_MAXUINT32 && o->page_term == p->page_term) ||
			    (o->title_term != G_MAXUINT32 && o->title_term == p->title_term) ||
			    blame_fit(l, d, o) < blame_fit(l, d, p)) {
				continue;
			}
			return o;
		}
	}
	return NULL;
}

static bool relay_product_ok(const Linker *l, const Doc *d, const Doc *p, Evidence *ev);

/* Sets *@ret_elsewhere when @d's blame matches @p's provider but lands on
 * another of its items (@p says it is separate from an ongoing incident, or a
 * sibling fits better): then naming that provider says nothing for @p; and
 * *@ret_sibling when it is a sibling of @p, open then, that the blame means. */
static double
role_blame(const Linker *l, const Doc *d, const Doc *p, Evidence *ev, bool *ret_elsewhere,
	   bool *ret_sibling)
{
	/* A role lands on another company than @d's own (a PaaS's "our infrastructure
	 * provider" is no item of its own, a cloud's, nor a CDN's "an upstream network
	 * provider" its own network). */
	guint32 roles = prov_any(prov_and(d->self_provider, p->self_provider))
				? 0
				: d->blamed_roles & p->self_roles;
	/* Through a suite: a suite issue naming the service blamed, a service's issue
	 * when the suite or its company is blamed (linker_suite_target()). */
	ProvMask via = linker_suite_target(l, d, p);
	ProvMask named = prov_or(prov_and(d->cause_providers, p->self_provider), via);
	ProvMask dep = depends_match(d, p);
	if (roles == 0 && !prov_any(named) && !prov_any(dep)) {
		return 0;
	}
	if (regions_apart(d, p)) {
		/* "AWS is having issues in its US-EAST-1 region" is no word about AWS's
		 * item in US-WEST-2: naming the provider (or its feed) counts nothing
		 * for it (score_upstream()), and the words they share ("servers",
		 * "region") are symptoms, as with a blame meaning a sibling. */
		REASON(ev,
		       g_strdup_printf("%s blames that provider in another region", linker_short_id(d)));
		*ret_elsewhere = true;
		*ret_sibling = true;
		return 0;
	}
	if (!role_time_ok(d, p)) {
		ProvMask meant = prov_any(named) ? prov_and(p->self_provider, named)
						 : prov_any(dep) ? prov_and(p->self_provider, dep)
								 : p->self_provider;
		const Doc *o = blame_meant_earlier(l, d, p, meant);
		if (o != NULL) {
			REASON(ev, g_strdup_printf("%s's blame of that provider means %s, under way "
						   "when it blamed it; %s opened %" G_GINT64_FORMAT
						   " min later", linker_short_id(d), linker_short_id(o), linker_short_id(p),
						   (p->s - d->s) / 60));
			*ret_elsewhere = true;
		}
		return 0;
	}
	if ((roles & l->know.national_roles) != 0 && !prov_any(named) && !prov_any(dep)) {
		/* "An internet service provider in Germany" is no carrier serving only
		 * the United States (KnowledgeProvider.countries). */
		guint64 served = 0;
		for (guint q = prov_next(p->self_provider, 0); q < l->know.providers->len;
		     q = prov_next(p->self_provider, q + 1)) {
			served |= l->know.prov_countries[q];
		}
		guint64 here = served != 0 ? linker_doc_countries(l, d) : 0;
		if (here != 0 && (here & served) == 0) {
			REASON(ev, g_strdup_printf("%s blames a carrier in another country than %s "
						   "serves", linker_short_id(d),
						   provider_name(l, prov_first(p->self_provider))));
			return 0;
		}
	}
	if (!prov_any(named) && !prov_any(dep) && !prov_any(d->self_provider)) {
		/* "Our cloud provider ... in its Australia East region" is no blame of
		 * AWS: the region's name is Azure's or Oracle Cloud's.  Neither is the
		 * region evidence of score_upstream(). */
		ProvMask res = linker_blame_resolves(l, d);
		if (prov_any(res) && !prov_meets(linker_knowledge_kin(&l->know, res), p->self_provider)) {
			const char *by = prov_meets(res, d->region_provs) ? "the region names it uses"
								      : "what it names";
			REASON(ev, g_strdup_printf("%s's blame means %s (by %s), not %s",
						   linker_short_id(d), provider_name(l, prov_first(res)), by,
						   provider_name(l, prov_first(p->self_provider))));
			*ret_elsewhere = true;
			return 0;
		}
	}
	if (p->disclaims) {
		REASON(ev, g_strdup_printf("%s says it is separate from an ongoing incident: no "
					   "blame of %s lands on it", linker_short_id(p), linker_short_id(d)));
		*ret_elsewhere = true;
		return 0;
	}
	if (roles == 0 && !prov_any(via) && !prov_any(dep) && prov_any(named) &&
	    prov_equal(prov_and(d->relayed, named), named) && !relay_product_ok(l, d, p, ev)) {
		*ret_elsewhere = true;
		return 0;
	}
	guint rivals, disclaimed;
	bool by_words, by_name, by_kind;
	/* The providers of @p the blame means: those it names, else any of @p's. */
	ProvMask meant = prov_any(named) ? prov_and(p->self_provider, named) : p->self_provider;
	if (nearer_sibling(l, d, p, meant, &rivals, &by_words, &by_name, &by_kind, &disclaimed)) {
		REASON(ev, g_strdup_printf("%s's blame of that provider goes to another of its "
					   "incidents", linker_short_id(d)));
		*ret_elsewhere = true;
		*ret_sibling = true;
		return 0;
	}
	ProvMask suite = prov_and(named, l->know.by_service);
	if (prov_any(suite) && suite_refuses(l, d, p)) {
		REASON(ev, g_strdup_printf("%s blames %s, but %s is not classed an incident, and "
					   "did not start within the hour or their words do not fit",
					   linker_short_id(d), service_name(l, p, prov_first(suite)),
					   linker_short_id(p)));
		*ret_elsewhere = true;
		return 0;
	}
	gint64 lead = d->s - p->s; /* > 0: the provider broke first */
	if (prov_any(dep)) {
		if (ev->reasons != NULL) {
			const char *prov = provider_name(l, prov_first(dep));
			g_autofree char *ago = linker_lead_text(lead);
			REASON(ev, g_strdup_printf("%s depends on %s (depends_on) and blames an upstream "
						   "provider; %s broke %s", d->adv->source, prov, prov, ago));
		}
		return W_DEPENDS;
	}
	if (ev->reasons != NULL) {
		guint pi = prov_first(meant);
		const char *prov = provider_name(l, pi);
		g_autofree char *ago = linker_lead_text(lead);
		const char *dsrc = d->adv->source != NULL ? d->adv->source : linker_short_id(d);
		if (prov_any(suite) && prov_any(via)) {
			suite_reason(l, d, p, via, dsrc, ago, ev);
		} else if (prov_any(suite)) {
			REASON(ev, g_strdup_printf("%s blames %s; %s, that service's own issue, "
						   "started %s", dsrc, service_name(l, p, prov_first(suite)),
						   linker_short_id(p), ago));
		} else if (prov_any(named) && prov_equal(prov_and(d->networks, named), named)) {
			REASON(ev, g_strdup_printf("%s names %s's network by its AS number; %s's own "
						   "incident started %s", dsrc, prov, prov, ago));
		} else if (roles == 0 && prov_any(named) &&
			   prov_equal(prov_and(d->relayed, named), named)) {
			REASON(ev, g_strdup_printf("%s reports %s down or recovering, stating no "
						   "cause; %s's own incident started %s",
						   dsrc, prov, prov, ago));
		} else if (prov_any(named) &&
			   linker_knowledge_site_of(&l->know, d->regions, pi) != NULL) {
			/* "our machines in FSN1 went dark because ...": its site named. */
			REASON(ev, g_strdup_printf("%s names '%s', a site of %s, in a statement of "
						   "cause or blame; %s's own incident started %s", dsrc,
						   linker_knowledge_site_of(&l->know, d->regions, pi),
						   prov, prov, ago));
		} else if (prov_any(named)) {
			REASON(ev, g_strdup_printf("%s blames %s in a statement of cause; %s's own "
						   "incident started %s", dsrc, prov, prov, ago));
		} else {
			const KnowledgeList *role = l->know.roles->pdata[g_bit_nth_lsf(roles, -1)];
			/* "an email provider", "an ai provider", "a cdn provider". */
			bool an = role->name[0] != '\0' && strchr("aeiou", role->name[0]) != NULL;
			REASON(ev, g_strdup_printf("%s blames its %s provider; %s, %s %s provider, "
						   "broke %s", dsrc, role->name, prov, an ? "an" : "a",
						   role->name, ago));
		}
	}
	if (rivals > 0) {
		REASON(ev, g_strdup_printf("of %u incidents of that provider then, %s fits the blame "
					   "best (%s)", rivals + 1, linker_short_id(p),
					   by_name    ? "its name holds the product blamed"
					   : by_words ? "by the words they share"
					   : by_kind  ? (prov_any(d->suite_products)
							 ? "as the service its words point at, the "
							   "incident, or the most severe"
							 : "as the incident, or the most severe")
						      : "by its start"));
	}
	if (disclaimed > 0) {
		REASON(ev, g_strdup_printf("%u other item%s of that provider then say%s %s separate "
					   "from an ongoing incident", disclaimed,
					   disclaimed > 1 ? "s" : "", disclaimed > 1 ? "" : "s",
					   disclaimed > 1 ? "they are" : "it is"));
	}
	guint rival = !prov_any(named) ? role_rival(l, d, p, roles) : 0;
	if (rival != 0) {
		REASON(ev, g_strdup_printf("but %s, another such provider, broke then too: the "
					   "blame alone does not say which", provider_name(l, rival - 1)));
		return W_ROLE_AMBIGUOUS;
	}
	if (roles == 0 && !prov_any(via) && prov_equal(prov_and(d->relayed, named), named)) {
		return W_RELAY; /* a relayed state, no cause stated */
	}
	return W_ROLE;
}

/* True when @p started close enough to @d for a blame of an unnamed third party:
 * at most GENERIC_LEAD before it or GENERIC_LAG after it, overlapping it. */
static bool
generic_time_ok(const Doc *d, const Doc *p)
{
	if (d->s == SW_TIME_NONE || p->s == SW_TIME_NONE || linker_interval_gap(d, p) > 0) {
		return false;
	}
	gint64 lead = d->s - p->s;
	return lead <= GENERIC_LEAD && lead >= -GENERIC_LAG;
}

/* How many feeds other than @d's and @p's own blame provider item @p firmly (by
 * name, role or depends_on: role_blame() at least W_ROLE), at most GENERIC_BLAMERS. */
static guint
firm_blamers(const Linker *l, const Doc *p, const Doc *d)
{
	const SourceInfo *seen[GENERIC_BLAMERS];
	guint n = 0;
	for (guint q = 0; q < l->know.providers->len && n < GENERIC_BLAMERS; q++) {
		const GArray *arr = l->blame_docs[q];
		if (!prov_has(p->self_provider, q) || arr == NULL) {
			continue;
		}
		for (guint k = 0; k < arr->len && n < GENERIC_BLAMERS; k++) {
			const Doc *x = l->docs->pdata[g_array_index(arr, guint32, k)];
			bool again = x->si == d->si || x->si == p->si || x->generic_blame ||
				     x->not_incident;
			for (guint i = 0; i < n && !again; i++) {
				again = seen[i] == x->si;
			}
			if (again || linker_interval_gap(x, p) > 0) {
				continue;
			}
			Evidence quiet = {0};
			bool elsewhere = false, sibling = false;
			if (role_blame(l, x, p, &quiet, &elsewhere, &sibling) >= W_RELAY) {
				seen[n++] = x->si;
			}
		}
	}
	return n;
}

static double source_blame(const Linker *l, const Doc *d, const Doc *p, Evidence *ev);

/* True when @p may be the item of an upstream the knowledge does not know: an item
 * of a watched feed no provider's, under way, blaming no one itself (the carrier
 * that broke, not one more of its customers). */
static bool
unlisted_origin(const Doc *p)
{
	return !prov_any(p->self_provider) && p->source_term != G_MAXUINT32 && !p->disclaims &&
	       !p->not_incident && !p->upstream && !prov_any(p->cause_providers) &&
	       !p->generic_blame;
}

/* How many feeds other than @d's and @p's own blame @p by its feed's name
 * (source_blame(): "the Rogers outage cut their mobile data"), at most @max; the
 * blamer with the smallest key in *@ret_first, and the countries all blamers name
 * ORed into *@ret_countries when not NULL (linker_doc_countries()). */
static guint
name_blamers(const Linker *l, const Doc *p, const Doc *d, guint max, const Doc **ret_first,
	     guint64 *ret_countries)
{
	const SourceInfo *seen[4];
	guint n = 0;
	G_STATIC_ASSERT(GENERIC_BLAMERS <= G_N_ELEMENTS(seen));
	max = MIN(max, G_N_ELEMENTS(seen));
	/* Pages blaming it by either of its feed's names (linker_source_names()). */
	guint32 names[2];
	guint nnames = linker_source_names(p, names);
	for (guint j = 0; j < nnames; j++) {
		const Posting *post = &TERM(l, names[j])->post;
		for (guint32 k = 0; k < post->len; k++) {
			const Doc *x = l->docs->pdata[post->docs[k].doc];
			if (x == d || x->si == d->si || x->si == p->si ||
			    !has_u32(x->blame_words, x->nblame_words, names[j]) ||
			    !linker_doc_has_term(x, names[j])) {
				continue;
			}
			Evidence quiet = {0};
			if (source_blame(l, x, p, &quiet) == 0) {
				continue;
			}
			/* The one named in reasons, whatever the order of adding. */
			if (ret_first != NULL &&
			    (*ret_first == NULL || strcmp(x->key, (*ret_first)->key) < 0)) {
				*ret_first = x;
			}
			if (ret_countries != NULL) {
				*ret_countries |= linker_doc_countries(l, x);
			}
			bool again = false;
			for (guint i = 0; i < n && !again; i++) {
				again = seen[i] == x->si;
			}
			if (!again && n < max) {
				seen[n++] = x->si;
			}
			if (n >= max && ret_countries == NULL && ret_first == NULL) {
				return n;
			}
		}
	}
	return n;
}

/* The roles whose providers fit what @d reports broken: a role whose words
 * (KnowledgeList.words) it says ("emails are delayed": email; "login via SSO
 * fails": identity), or else, saying none, the roles of Linker.reach_roles when
 * it says its site cannot be reached ("unreachable", "inaccessible"): "emails
 * unavailable" is an email provider's trouble, not a CDN's.  0: it says none. */
static guint32
trouble_roles(const Linker *l, const Doc *d)
{
	guint32 roles = 0;
	const guint32 *rw = (const guint32 *)(void *)l->role_words->data;
	for (guint i = 0; i + 1 < l->role_words->len; i += 2) {
		if ((roles & (1u << rw[i])) == 0 && linker_doc_has_term(d, rw[i + 1])) {
			roles |= 1u << rw[i];
		}
	}
	for (guint k = 0; k < LINKER_REACH_TERMS && roles == 0; k++) {
		if (linker_doc_has_term(d, l->reach_terms[k])) {
			roles |= l->reach_roles;
		}
	}
	return roles;
}

/*
 * "One of our third-party service providers is experiencing an outage": @d blames
 * an upstream provider it neither names nor gives a role, region or depends_on
 * (Doc.generic_blame).  Alone it says nothing of which; but when one provider's
 * incident started within minutes of it (generic_time_ok()) and at least
 * GENERIC_BLAMERS other feeds blame that incident by name, role or depends_on, it
 * is the big outage of that quarter hour, and @d is most likely one more of its
 * customers.  Only when that incident @p is the only one so (another provider's,
 * or another of the same provider's, makes it ambiguous: no link), and never an
 * item saying it is separate or closed as a false positive.  Returns the points.
 */
static double
generic_link(const Linker *l, const Doc *d, const Doc *p, Evidence *ev)
{
	if (!d->generic_blame || p->disclaims || p->not_incident || !generic_time_ok(d, p)) {
		return 0;
	}
	/* A watched feed the knowledge does not know (a carrier) is such a provider too
	 * when other feeds blame it by name. */
	bool unlisted = !prov_any(p->self_provider);
	if (unlisted && (!unlisted_origin(p) || p->si == d->si ||
			 name_blamers(l, p, d, GENERIC_BLAMERS, NULL, NULL) < GENERIC_BLAMERS)) {
		return 0;
	}
	/* A known provider's own incident that few or none blame yet: still the one
	 * meant when it is a major outage (its page says major or critical: a report
	 * delay is no outage customers blame), the only provider incident starting
	 * then (lone), and blames no upstream itself (the blame may mean that one). */
	bool lone = !unlisted && firm_blamers(l, p, d) < GENERIC_BLAMERS;
	/* What the page reports broken, as the roles it fits (trouble_roles()): of
	 * such a lone incident, only one whose provider plays one of them is meant,
	 * and then neither its severity nor another provider's incident that fits
	 * none of them matters ("emails are delayed" means the email provider's,
	 * not the CDN's of the same minutes). */
	guint32 trouble = lone ? trouble_roles(l, d) : 0;
	guint32 fit = trouble & p->self_roles;
	if (lone && (p->upstream || prov_any(p->cause_providers) || (trouble != 0 && fit == 0) ||
		     (fit == 0 && p->adv->severity < ADVISORY_SEVERITY_MAJOR))) {
		return 0;
	}
	for (guint q = 0; q < l->know.providers->len; q++) {
		const GArray *arr = l->prov_docs[q];
		for (guint k = 0; arr != NULL && k < arr->len; k++) {
			const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
			if (o == p || !prov_has(o->self_provider, q) || o->disclaims ||
			    o->not_incident || !generic_time_ok(d, o) ||
			    (fit != 0 && (trouble & o->self_roles) == 0)) {
				continue;
			}
			if (lone || firm_blamers(l, o, d) >= GENERIC_BLAMERS) {
				return 0; /* two outages then: the blame does not say which */
			}
		}
	}
	if (ev->reasons != NULL && fit != 0) {
		g_autofree char *ago = linker_lead_text(d->s - p->s);
		const KnowledgeList *role = l->know.roles->pdata[g_bit_nth_lsf(fit, -1)];
		bool an = role->name[0] != '\0' && strchr("aeiou", role->name[0]) != NULL;
		REASON(ev, g_strdup_printf("%s blames an unnamed upstream provider; %s, %s %s "
					   "provider, the only provider incident fitting its "
					   "trouble, broke %s",
					   d->adv->source != NULL ? d->adv->source : linker_short_id(d),
					   provider_name(l, prov_first(p->self_provider)),
					   an ? "an" : "a", role->name, ago));
	} else if (ev->reasons != NULL && lone) {
		g_autofree char *ago = linker_lead_text(d->s - p->s);
		REASON(ev, g_strdup_printf("%s blames an unnamed third-party provider; %s's "
					   "incident started %s, the only provider incident then",
					   d->adv->source != NULL ? d->adv->source : linker_short_id(d),
					   provider_name(l, prov_first(p->self_provider)), ago));
	} else if (ev->reasons != NULL) {
		g_autofree char *ago = linker_lead_text(d->s - p->s);
		REASON(ev, g_strdup_printf("%s blames an unnamed third-party provider; %s's "
					   "incident, which %u or more other feeds blame, started "
					   "%s, and no other such incident then",
					   d->adv->source != NULL ? d->adv->source : linker_short_id(d),
					   unlisted ? linker_term_surface(l, p->source_term)
						    : provider_name(l, prov_first(p->self_provider)),
					   (guint)GENERIC_BLAMERS, ago));
	}
	return W_ROLE;
}

/*
 * A feed the user watches is a provider too, known or not: an advisory @d that
 * names @p's feed in a sentence stating a cause or blaming it ("Datadog is having
 * a major outage", "because Datadog ... is down") blames that feed's provider, as
 * a provider of the knowledge file named so would be (role_blame()), and links to
 * the one item of that feed the blame fits (the same order as nearer_sibling():
 * not one saying it is separate, the best fit of words, one already under way,
 * the nearer start, the smaller key).  Returns the points, 0 when it does not
 * hold.
 */
/* Other feeds whose texts use a feed's name word, outside any blame of it, that
 * make it a common word rather than a name ("api", "cloud", "sync"): two, so
 * one feed that happens to mention a watched feed's name does not unname it. */
#define NAME_COMMON_SOURCES 2
/* Feeds name_is_common_word() reads whole for a blame of the name (feed_blames());
 * past them, a feed saying the name counts as everyday use. */
#define NAME_BLAMING_FEEDS 8

/* True when a phrase of @o's statement of cause opens with word term @t: "because
 * Square's systems are down" states the named thing's fault (the possessive owner is
 * cut to a modifier of "systems", and so is no blame word), no everyday use of it. */
static bool
cause_opens_with(const Linker *l, const Doc *o, guint32 t)
{
	const char *w = TERM(l, t)->block;
	gsize n = strlen(w);
	for (guint i = 0; i < o->ncause; i++) {
		const char *c = TERM(l, o->cause[i])->block;
		if (strncmp(c, w, n) == 0 && c[n] == ' ') {
			return true;
		}
	}
	return false;
}

/* True when an item of @o's feed blames @t: the feed knows @t as a provider, so its
 * other items saying it ("the carrier has restored the circuits") are no everyday
 * use of a word. */
static bool
feed_blames(const Linker *l, const Doc *o, guint32 t)
{
	const GArray *docs = o->si != NULL ? o->si->docs : NULL;
	for (guint k = 0; docs != NULL && k < docs->len; k++) {
		const Doc *f = l->docs->pdata[g_array_index(docs, guint32, k)];
		if (has_u32(f->blame_words, f->nblame_words, t) || cause_opens_with(l, f, t)) {
			return true;
		}
	}
	return false;
}

/* True when @p's name word is a common word: the texts of NAME_COMMON_SOURCES
 * feeds other than @p's own use it where they blame nobody by it (nor open a
 * phrase of their statement of cause with it: cause_opens_with()).  With
 * @titles_aside, for a mention, a feed whose title holds the name does not count:
 * in a big outage many pages title what fails with it ("Can't log in with
 * Facebook", "Posts to Facebook failing"), which is no everyday use of a word. */
static bool
name_is_common_word(const Linker *l, const Doc *p, guint32 t, bool titles_aside)
{
	const char *name = titles_aside ? linker_term_surface(l, t) : NULL;
	const Posting *post = &TERM(l, t)->post;
	const SourceInfo *seen = NULL;
	/* Feeds found to blame it (feed_blames()), each read once: a feed of many items
	 * saying the name would otherwise be read whole for every one of them. */
	const SourceInfo *blaming[NAME_BLAMING_FEEDS];
	guint nblaming = 0;
	for (guint32 k = 0; k < post->len; k++) {
		const Doc *o = l->docs->pdata[post->docs[k].doc];
		if (o->si == p->si || o->si == seen || o->source_term == p->source_term ||
		    o->source_term == t || !linker_doc_has_term(o, t) ||
		    has_u32(o->blame_words, o->nblame_words, t) || cause_opens_with(l, o, t) ||
		    (name != NULL && o->adv->title != NULL && has_name_word(o->adv->title, name))) {
			continue;
		}
		bool known = false;
		for (guint i = 0; i < nblaming && !known; i++) {
			known = blaming[i] == o->si;
		}
		if (known) {
			continue;
		}
		if (nblaming < NAME_BLAMING_FEEDS && feed_blames(l, o, t)) {
			blaming[nblaming++] = o->si;
			continue;
		}
		if (seen != NULL) {
			return true;
		}
		seen = o->si;
	}
	return false;
}

/* role_time_ok(), or @d began while @p was under way, at most NAMED_BLAME_LATE after it:
 * a page that blames a feed by its name ("because of an outage on the CenturyLink
 * network") may say so hours into that feed's incident, which a role could not. */
static bool
named_time_ok(const Doc *d, const Doc *p)
{
	return role_time_ok(d, p) ||
	       (overlap_here(d, p) && d->s >= p->s && d->s - p->s <= NAMED_BLAME_LATE);
}

/* Name word @t of @p's feed as reasons show it: the declared name as the feed's
 * title writes it ("BlackBerry"), else the term's surface. */
static const char *
feed_name_shown(const Linker *l, const Doc *p, guint32 t)
{
	return p->si != NULL && t == p->si->alias ? p->si->alias_shown : linker_term_surface(l, t);
}

static double
source_blame(const Linker *l, const Doc *d, const Doc *p, Evidence *ev)
{
	if (p->source_term == G_MAXUINT32 || d->nblame_words == 0 || p->disclaims ||
	    p->not_incident || !named_time_ok(d, p)) {
		return 0;
	}
	/* The name of @p's feed that @d blames: its name word, else the name its feed
	 * declares ("queueing at the BlackBerry Push Service" of feed 'rim-service',
	 * titled "BlackBerry Service Updates"); either no common word of the texts. */
	guint32 names[2];
	guint nnames = linker_source_names(p, names);
	guint32 named = G_MAXUINT32;
	for (guint j = 0; j < nnames && named == G_MAXUINT32; j++) {
		if (has_u32(d->blame_words, d->nblame_words, names[j]) &&
		    !name_is_common_word(l, p, names[j], false)) {
			named = names[j];
		}
	}
	if (named == G_MAXUINT32) {
		return 0;
	}
	const GArray *arr = g_hash_table_lookup(l->by_source, GUINT_TO_POINTER(p->source_term + 1));
	double pfit = -1;
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
		if (o == p || o == d || o->source_term != p->source_term || o->not_incident ||
		    o->disclaims || !named_time_ok(d, o)) {
			continue;
		}
		if (pfit < 0) {
			pfit = blame_fit(l, d, p);
		}
		if (rival_outcome(d, p, pfit, o, blame_fit(l, d, o), false, false) == RIVAL_WINS) {
			return 0;
		}
	}
	if (ev->reasons != NULL) {
		gint64 lead = d->s - p->s;
		const char *name = feed_name_shown(l, p, named);
		g_autofree char *ago = linker_lead_text(lead);
		if (named == p->source_term) {
			REASON(ev, g_strdup_printf("%s blames '%s' in a statement of cause; the "
						   "incident of that feed started %s",
						   d->adv->source != NULL ? d->adv->source
									  : linker_short_id(d),
						   name, ago));
		} else {
			const char *psrc = p->adv->source != NULL ? p->adv->source : "";
			REASON(ev, g_strdup_printf("%s blames '%s' in a statement of cause, the "
						   "name feed '%s' gives itself; its incident "
						   "started %s",
						   d->adv->source != NULL ? d->adv->source
									  : linker_short_id(d),
						   name, psrc, ago));
		}
	}
	return W_ROLE;
}

/*
 * "An internet service provider in Canada is having a nationwide outage", "a mobile
 * carrier in the US is having a widespread outage": @d blames a role most of whose
 * providers the knowledge does not list (Knowledge.unlisted_roles: carriers, ISPs,
 * transit networks) and that no provider of the knowledge plays then (none of that
 * role's providers has an item role_time_ok() for @d), and
 * @p is the item of a watched feed the knowledge does not know, blaming no one
 * itself, that another feed blames by name then ("the Rogers outage cut their mobile
 * data": source_blame()): an upstream that broke then, and the one @d most likely
 * means.  For a national role (Knowledge.national_roles), not when @d names
 * countries and @p and its blamers name others only ("an ISP in Germany" is not the
 * Canadian carrier).  Returns the points, 0 when it does not hold.
 */
static double
role_feed_link(const Linker *l, const Doc *d, const Doc *p, Evidence *ev)
{
	/* A role word with no "provider" ("a mobile carrier in the US is having a
	 * widespread outage") blames in a sentence that blames (blame words). */
	if (prov_any(d->self_provider) || (!d->upstream && d->nblame_words == 0) ||
	    (d->blamed_roles & l->know.unlisted_roles) == 0 || prov_any(d->cause_providers) ||
	    d->depends != NULL || prov_any(d->region_provs) || !unlisted_origin(p) ||
	    p->si == d->si || !role_time_ok(d, p)) {
		return 0;
	}
	for (guint q = 0; q < l->know.providers->len; q++) {
		const GArray *arr = l->prov_docs[q];
		if (!(l->prov_roles[q] & d->blamed_roles & l->know.unlisted_roles) || arr == NULL) {
			continue;
		}
		for (guint k = 0; k < arr->len; k++) {
			const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
			if (prov_has(o->self_provider, q) && !o->disclaims && !o->not_incident &&
			    role_time_ok(d, o)) {
				return 0; /* a provider of that role broke then: role_blame()'s */
			}
		}
	}
	bool national = (d->blamed_roles & l->know.national_roles) != 0;
	guint64 there = national ? linker_doc_countries(l, p) : 0;
	const Doc *blamer = NULL;
	if (name_blamers(l, p, d, 1, &blamer, national ? &there : NULL) == 0) {
		return 0;
	}
	guint64 here = national && there != 0 ? linker_doc_countries(l, d) : 0;
	if (here != 0 && (here & there) == 0) {
		REASON(ev, g_strdup_printf("%s blames a carrier in another country than %s's feed",
					   linker_short_id(d), linker_short_id(p)));
		return 0;
	}
	if (ev->reasons != NULL) {
		const KnowledgeList *role = l->know.roles->pdata[g_bit_nth_lsf(
			d->blamed_roles & l->know.unlisted_roles, -1)];
		g_autofree char *ago = linker_lead_text(d->s - p->s);
		REASON(ev, g_strdup_printf("%s blames its %s provider and no known %s provider broke "
					   "then; %s's incident, which %s blames by name, started %s",
					   d->adv->source != NULL ? d->adv->source : linker_short_id(d),
					   role->name, role->name, linker_term_surface(l, p->source_term),
					   blamer->adv->source != NULL ? blamer->adv->source
								       : linker_short_id(blamer), ago));
	}
	return W_ROLE;
}

/*
 * An advisory @d that says it shares the cause of an incident under way ("the
 * same authentication problem affecting multiple services", "related to the
 * ongoing incident with Teams clients"; TERMS_SENTENCE_SHARES, never a denied
 * sentence) without naming its id, and @p, an item of the same feed that was
 * under way then (role_time_ok()): @p is the incident meant when, of the feed's
 * items under way then, its words fit that claim best (share_fit())
 * (then the one already started when @d did, the nearer start, the smaller
 * key).  An item that says it is separate from an ongoing incident is never
 * meant.  The positive mirror of TERMS_SENTENCE_DISCLAIMS.  Returns the points,
 * 0 when it does not hold.
 */
/* The stems (terms.c's stem(): "results" -> "result", "caused" -> "caus") of the
 * words a claim of a shared cause ties itself with ("a result of", "part of",
 * "caused by", "due to", "related to", "the same ... problem affecting", "the
 * ongoing ... incident"): they say that there is an incident, never which one.
 * "Were a result of the same authentication problem" met "search results" in an
 * unrelated sibling's title and chose it. */
static const char *const claim_relation_stems[] = {
	"affect", "associat", "becaus", "caus", "confirm", "connect", "consequenc",
	"determin", "downstream", "due", "effect", "event", "follow", "impact", "incident",
	"issu", "knock", "link", "ongo", "outag", "part", "problem", "relat", "result", "same",
	"stem", "tied", "trigger",
};

/* True when one-word term @x is one of claim_relation_stems[]. */
static bool
is_claim_relation(const Linker *l, guint32 x)
{
	const Term *t = TERM(l, x);
	if (t->n != 1) {
		return false;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(claim_relation_stems); i++) {
		if (strcmp(t->block, claim_relation_stems[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* @d's words of sentences claiming a shared cause but its relation words
 * (is_claim_relation()): the words that may name the incident meant.  Caller
 * frees with g_free(). */
static guint32 *
claim_words(const Linker *l, const Doc *d, guint *ret_n)
{
	guint32 *w = g_new(guint32, MAX(d->nshare_words, 1u));
	guint n = 0;
	for (guint i = 0; i < d->nshare_words; i++) {
		if (!is_claim_relation(l, d->share_words[i])) {
			w[n++] = d->share_words[i];
		}
	}
	*ret_n = n;
	return w;
}

/* How well item @o fits what @d says it shares: the text points of @d's @n claim
 * words @words (claim_words()) that @o holds (as blame_fit(): provider and role
 * words aside, at least FIT_MIN, else 0). */
static double
share_fit(const Linker *l, const Doc *d, const guint32 *words, guint n, const Doc *o)
{
	double dot = 0;
	for (guint i = 0; i < n; i++) {
		guint32 x = words[i];
		if (!linker_doc_has_term(o, x)) {
			continue;
		}
		dot += fit_points(l, x);
	}
	return fit_of_dot(l, d, o, dot);
}

static double
share_link(const Linker *l, const Doc *d, const Doc *p, Evidence *ev, bool *ret_sibling)
{
	if (!d->shares || p->source_term == G_MAXUINT32 || p->source_term != d->source_term ||
	    p->disclaims || p->not_incident || !role_time_ok(d, p)) {
		return 0;
	}
	guint nw = 0;
	g_autofree guint32 *words = claim_words(l, d, &nw);
	double pfit = share_fit(l, d, words, nw, p);
	double pname = name_fit(l, d, words, nw, p);
	const GArray *arr = g_hash_table_lookup(l->by_source, GUINT_TO_POINTER(p->source_term + 1));
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
		if (o == p || o == d || o->source_term != p->source_term || o->not_incident ||
		    o->disclaims || !role_time_ok(d, o)) {
			continue;
		}
		/* The item whose name holds what the claim names ("the ongoing R2
		 * incident") first, then the better fit of the claim's words; @p
		 * fitting none, any item that fits is the one meant. */
		double oname = name_fit(l, d, words, nw, o);
		double ofit = pfit > 0 || pname > 0 || oname > 0 ? 0 : share_fit(l, d, words, nw, o);
		if ((pfit <= 0 && pname <= 0 && (oname > 0 || ofit > 0)) || oname > pname ||
		    ((pfit > 0 || pname > 0) && oname == pname &&
		     rival_outcome(d, p, pfit, o, share_fit(l, d, words, nw, o), false, false) ==
			     RIVAL_WINS)) {
			REASON(ev, g_strdup_printf("%s says it shares the cause of another item of "
						   "its feed then", linker_short_id(d)));
			*ret_sibling = true;
			return 0;
		}
	}
	if (pfit <= 0 && pname <= 0) {
		return 0;
	}
	if (ev->reasons != NULL) {
		gint64 lead = d->s - p->s;
		g_autofree char *ago = linker_lead_text(lead);
		REASON(ev, g_strdup_printf("%s says it shares the cause of an ongoing incident; of "
					   "the items of its feed then, %s (started %s) %s",
					   linker_short_id(d), linker_short_id(p), ago,
					   pname > 0 ? "is the one its words name"
						     : "fits its words best"));
	}
	return W_ROLE;
}

/* False when @a surely does not hold the name word of @b's source: another
 * feed's name word than its own would set its cached names_other (every pair
 * compared asks, and the binary search over @a's terms was a cache miss). */
static bool
may_hold_source(const Linker *l, const Doc *a, const Doc *b)
{
	return b->source_term == a->source_term || linker_doc_weights(l, a).names_other;
}

/*
 * A shared cause blamed without a name (Doc.event: "caused by the expired root
 * certificate", "as a result of the widespread internet outage this morning"):
 * @d, which names no provider or role as the cause, links to @p, an item of
 * another feed that blames no such event itself (the event's own report, not a
 * second page blaming it), when @p tells the same event in the same words and
 * started at most EVENT_WINDOW before @d (or EVENT_LAG after: a feed item is dated
 * at its first post), overlapping it.  The same words: at least two words of the
 * object that are no mere event or time words (event_generic: "outage",
 * "widespread", "this morning"), or one such word and a two-word phrase of the
 * object ("internet outage").  Symptoms never count: only the object of the cue
 * is compared, not what broke for @d's users.  Returns W_ROLE or 0.
 */
#define EVENT_WINDOW (3 * 3600)
#define EVENT_LAG (5 * 60)
/* Words of an object that say nothing of which event it is: its size and its time. */
static const char *const event_generic[] = {
	"widespread", "global", "major", "large", "ongoing", "current",
	"recent", "today", "earlier", "morning", "afternoon", "evening", "night", "tonight",
	"yesterday", "affecting", "affect", "affects", "impacting", "many", "some",
};
/* Words saying what kind of event it is (an outage, an expiry), as prefixes of the
 * word ("expir": expiry, expired, expiration): one of them and one specific word say
 * the same event, not either alone.  linker_doc_events() adds the other forms of
 * such a word an object uses ("expiry" also looks for "expired"). */
static const char *const event_kinds[] = {
	"outage", "disrupt", "interrupt", "failure", "error", "attack", "ddos", "expir",
};

static bool
kind_word(const char *surface)
{
	for (gsize i = 0; i < G_N_ELEMENTS(event_kinds); i++) {
		if (g_str_has_prefix(surface, event_kinds[i])) {
			return true;
		}
	}
	return false;
}

static bool
word_of(const char *surface, const char *const *list, gsize n)
{
	for (gsize i = 0; i < n; i++) {
		if (strcmp(surface, list[i]) == 0) {
			return true;
		}
	}
	return false;
}

static double
cause_event_link(const Linker *l, const Doc *d, const Doc *p, Evidence *ev)
{
	if (d->nevent == 0 || p->nevent > 0 || p->disclaims || prov_any(d->cause_providers) ||
	    linker_same_feed(d, p) ||
	    d->s == SW_TIME_NONE || p->s == SW_TIME_NONE || linker_interval_gap(d, p) > 0) {
		return 0;
	}
	gint64 lead = d->s - p->s;
	if ((lead > EVENT_WINDOW || lead < -EVENT_LAG) && !(d->s >= p->s && d->s <= p->last)) {
		return 0;
	}
	guint words = 0, phrases = 0, kinds = 0;
	guint32 shown[REASON_TERMS];
	guint nshown = 0;
	for (guint i = 0; i < d->nevent; i++) {
		guint32 t = d->event[i];
		if (!linker_doc_has_term(p, t)) {
			continue;
		}
		const Term *tm = TERM(l, t);
		const char *surface = linker_term_surface(l, t);
		if (tm->n >= 2) {
			phrases++;
		} else if (kind_word(surface)) {
			kinds++;
		} else if (!word_of(surface, event_generic, G_N_ELEMENTS(event_generic))) {
			words++;
		} else {
			continue;
		}
		if (nshown < REASON_TERMS) {
			shown[nshown++] = t;
		}
	}
	if (words < 2 && !(words == 1 && (phrases > 0 || kinds > 0))) {
		return 0;
	}
	if (ev->reasons != NULL) {
		GString *said = g_string_new(NULL);
		for (guint i = 0; i < nshown; i++) {
			g_string_append_printf(said, "%s'%s'", i > 0 ? ", " : "",
					       linker_term_surface(l, shown[i]));
		}
		g_autofree char *when = linker_lead_text(lead);
		REASON(ev, g_strdup_printf("%s blames '%s'; %s reported %s %s",
					   d->adv->source != NULL ? d->adv->source : linker_short_id(d),
					   d->event_phrase,
					   p->adv->source != NULL ? p->adv->source : linker_short_id(p),
					   said->str, when));
		g_string_free(said, TRUE);
	}
	return W_ROLE;
}

/* ---- one named event told by two pages in their own words ------------------- */

/* Words of a phrase that tell what fails rather than name what happened ("elevated
 * error rates", "degraded EBS", "high CPU", "packet loss"): a phrase holding one is a
 * symptom, which any two pages of the hour may share.  Lower case, as written. */
static const char *const symptom_words[] = {
	"available", "connectivity", "cpu", "crash", "crashed", "crashes", "crashing", "degraded",
	"delay", "delayed", "delays", "down", "elevated", "error", "errors", "fail", "failed",
	"failing", "failure", "failures", "high", "impaired", "increased", "intermittent", "issue",
	"issues", "latency", "loss", "outage", "outages", "performance", "problem", "problems",
	"rate", "rates", "slow", "timeout", "timeouts", "unavailable", "unreachable",
	/* Work late: "running behind", "sync lagging", "stuck jobs" */
	"behind", "lag", "lagging", "backlog", "backlogged", "late", "stale", "stuck",
	"queued", "missing", "slowness",
};

/* True when a word of term @t is one of symptom_words. */
static bool
term_symptom(const Linker *l, guint32 t)
{
	return term_words_in(l, t, symptom_words, G_N_ELEMENTS(symptom_words), false);
}

/* The least weight (IDF and lift, as a phrase: at most TERM_WEIGHT_MAX x
 * PHRASE_BONUS, 2.4) of such a phrase: one in a good share of everything held (a
 * flood's vocabulary, a page's boilerplate) names nothing. */
#define NAMED_EVENT_MIN_WEIGHT 1.0

/* True when @w (lower case) is a public AS number as a word ("as4788"): "as" and
 * digits, none of 0, AS_TRANS (23456), the documentation and private ranges
 * (64496-131071) or the private 32-bit range: such a number names one network,
 * as a CVE id names one flaw, where an example's or a lab's number names none. */
static bool
word_public_asn(const char *w)
{
	if (w[0] != 'a' || w[1] != 's' || !g_ascii_isdigit(w[2]) || w[2] == '0') {
		return false;
	}
	guint64 n = 0;
	for (const char *p = w + 2; *p != '\0'; p++) {
		if (!g_ascii_isdigit(*p) || p - w > 11) {
			return false;
		}
		n = n * 10 + (guint64)(*p - '0');
	}
	return n != 23456 && !(n >= 64496 && n <= 131071) && n < 4200000000ULL;
}

/*
 * "High CPU usage on Linux servers after the leap second" and a site's "We're
 * down" whose text blames the leap second; "Increased latency (Red Sea cable
 * faults)" and "Outage on the SEACOM cable system in the Red Sea": two feeds
 * telling one event name it by the same phrase, and one of them names it in its
 * title.  Such a phrase is in every page that tells the event, so its IDF
 * weight is low exactly when many pages tell it; when it came in a burst (full
 * lift: its advisories are near each other in time at least LIFT_FULL times as
 * often as chance), is in no good share of all held (NAMED_EVENT_MIN_WEIGHT)
 * and one title names it as a two-word phrase or a public AS number
 * (word_public_asn()), it counts W_NAMED_EVENT on top of the text.  Never for
 * two pages of one feed, two known providers' own items (their names and
 * products already tie them, or keep them apart), a pair of which one names the
 * other's feed, items apart in time (no overlap, or started more than
 * EVENT_WINDOW apart), a phrase of a product either affects (its service or
 * feature; a third feed's product of that name is no matter) or of a feed's own
 * name, of everyday status-page words (term_everyday(): "delayed processing")
 * or of a symptom (symptom_words: "elevated errors", "high CPU"): what is left
 * is what names the event.  Only when no blame of a provider, role or unnamed
 * event already links the pair and the words were not found to tell two things
 * (the caller), and when the text scores at all (so a bound on the text stays a
 * bound).  Returns W_NAMED_EVENT or 0.
 */
static double
named_event_link(const Linker *l, const Doc *a, const Doc *b, double text, Evidence *ev)
{
	if (text <= 0 || linker_same_feed(a, b) || a->s == SW_TIME_NONE || b->s == SW_TIME_NONE ||
	    linker_interval_gap(a, b) > 0 || ABS(a->s - b->s) > EVENT_WINDOW ||
	    (prov_any(a->self_provider) && prov_any(b->self_provider))) {
		return 0;
	}
	/* One names the other's feed ("Azure Active Directory" on a page naming
	 * Azure): that names who broke, and its title's phrase is then the feed's
	 * product, which the names already count. */
	if ((a->source_term != G_MAXUINT32 && linker_doc_has_term(b, a->source_term)) ||
	    (b->source_term != G_MAXUINT32 && linker_doc_has_term(a, b->source_term))) {
		return 0;
	}
	for (guint side = 0; side < 2; side++) {
		const Doc *x = side == 0 ? a : b, *y = side == 0 ? b : a;
		for (guint i = 0; i < x->nnames; i++) {
			guint32 t = x->names[i];
			const Term *tm = TERM(l, t);
			/* A two-word phrase, or a network's AS number ("Large route leak
			 * by AS4788"), the other holds too (the cheap tests first: this
			 * runs for every pair compared). */
			if (tm->n > 2 || tm->is_source || t == a->source_term ||
			    t == b->source_term || !linker_doc_has_term(y, t) ||
			    (tm->n == 1 && !word_public_asn(linker_term_surface(l, t)))) {
				continue;
			}
			if (has_u32(x->product, x->nproduct, t) ||
			    has_u32(y->product, y->nproduct, t) ||
			    lift_factor(tm, &l->idf) < 1.0 ||
			    linker_weight_of(l, &l->idf, t) < NAMED_EVENT_MIN_WEIGHT ||
			    term_everyday(l, t) || term_symptom(l, t)) {
				continue;
			}
			REASON(ev, g_strdup_printf("%s's title names '%s', and %s tells of it the "
						   "same hours",
						   linker_short_id(x), linker_term_surface(l, t),
						   linker_short_id(y)));
			return W_NAMED_EVENT;
		}
	}
	return 0;
}

/* ---- a provider named as what fails, no cause stated ------------------------- */

/*
 * "Delayed data from AWS Lambda integrations", "Can't log in with Slack", "Google
 * Calendar events not syncing": a downstream page names a provider, or its
 * product, as the thing that fails for its users and says nothing of a cause.  A
 * person links it to that provider's incident of the hour when the incident is
 * about that product (its texts name it), or, when the page names the provider
 * alone in its title, when that incident is the provider's only one then.  Never
 * when the provider's incidents then are about other products ("Google Drive
 * attachments fail to import" is no word about Google's Calendar outage), nor
 * when the page states a cause of any kind (an own cause, another provider).
 */

/* Words after a provider's name that say nothing of which of its products fails:
 * grammar, the people affected, the page's own link to the provider ("our Slack
 * integration"), or the trouble itself. */
static const char *const mention_generic[] = {
	"a", "account", "accounts", "an", "and", "api", "app", "apps", "are", "as", "at", "be",
	"by", "can", "cannot", "connection", "connector", "customer", "customers", "delayed",
	"delays", "down", "error", "errors", "failed", "failing", "fails", "for", "from", "has",
	"have", "in", "incident", "integration", "integrations", "is", "issue", "issues", "it",
	"may", "not", "of", "on", "or", "outage", "outages", "s", "service", "services", "status",
	"the", "to", "unavailable", "user", "users", "via", "was", "were", "will", "with",
};

typedef struct {
	bool named;          /* a name of the provider in its title, or of a product in its terms */
	bool in_title;       /* ...in the title */
	/* char *, owned: products the name itself says ("google drive": "drive") */
	GPtrArray *products;
	/* char *, owned: the word after the name ("aws lambda": "lambda"), perhaps a
	 * product, perhaps the page's own words ("claude model responses") */
	GPtrArray *loose;
} Mention;

static void
mention_add_product(GPtrArray *to, const char *w, gsize n)
{
	if (n == 0) {
		return;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(mention_generic); i++) {
		if (strlen(mention_generic[i]) == n && memcmp(mention_generic[i], w, n) == 0) {
			return;
		}
	}
	for (guint i = 0; i < to->len; i++) {
		const char *o = to->pdata[i];
		if (strlen(o) == n && memcmp(o, w, n) == 0) {
			return;
		}
	}
	g_ptr_array_add(to, g_strndup(w, n));
}

/* The longest of @names at @p (a word start of [@p, @e)), as a whole word run;
 * its length, 0 when none. */
static gsize
name_at(const char *p, const char *e, char *const *names)
{
	gsize best = 0;
	for (guint i = 0; names[i] != NULL; i++) {
		gsize n = strlen(names[i]);
		if (n > best && p + n <= e && memcmp(p, names[i], n) == 0 &&
		    (p + n == e || !g_ascii_isalnum(p[n]))) {
			best = n;
		}
	}
	return best;
}

/* Reads the lower-case title [@s, @e) for @names: where one stands, the words it
 * adds to a shorter one of them ("google drive" after "google": "drive") are the
 * products it names, and the word after it ("aws lambda": "lambda") perhaps one. */
static void
mention_span(const char *s, const char *e, char *const *names, guint own, bool title, Mention *m)
{
	for (const char *p = s; p < e; p++) {
		if (!g_ascii_isalnum(*p) || (p > s && g_ascii_isalnum(p[-1]))) {
			continue;
		}
		gsize n = name_at(p, e, names);
		if (n == 0) {
			continue;
		}
		m->named = true;
		m->in_title |= title;
		/* "google drive": its words past a shorter name it starts with, both
		 * the provider's own ("Microsoft 365" is no product "365" of the
		 * company "Microsoft"). */
		bool own_match = false;
		for (guint i = 0; i < own && !own_match; i++) {
			own_match = strlen(names[i]) == n && memcmp(p, names[i], n) == 0;
		}
		for (guint i = 0; own_match && i < own; i++) {
			gsize k = strlen(names[i]);
			if (k < n && memcmp(p, names[i], k) == 0 && p[k] == ' ') {
				mention_add_product(m->products, p + k + 1, n - k - 1);
			}
		}
		const char *q = p + n;
		while (q < e && (*q == ' ' || *q == '\'' || *q == '-')) {
			q++;
		}
		if (q < e && q[0] == 's' && q > p + n && q[-1] == '\'' &&
		    (q + 1 == e || !g_ascii_isalnum(q[1]))) {
			q++; /* "Slack's channels" */
			while (q < e && *q == ' ') {
				q++;
			}
		}
		const char *w = q;
		while (q < e && g_ascii_isalnum(*q)) {
			q++;
		}
		mention_add_product(m->loose, w, (gsize)(q - w));
		p += n - 1;
	}
}

/* True when one of @d's terms of @nwords words is @words as written (its smallest
 * surface: "google calendar"), any case. */
static bool
doc_has_surface(const Linker *l, const Doc *d, const char *words, guint nwords)
{
	for (guint i = 0; i < d->nterms; i++) {
		const Term *tm = TERM(l, d->terms[i]);
		if (tm->n == nwords && g_ascii_strcasecmp(linker_term_surface(l, d->terms[i]), words) == 0) {
			return true;
		}
	}
	return false;
}

/* What @d says of the provider called by @names: its title read for them
 * (mention_span()), and the names of the provider's products it holds anywhere, a
 * name adding a word to a shorter one ("google calendar" after "google": its
 * product "calendar").  The linker keeps an advisory's title, not its texts: only
 * their terms. */
static void
mention_of(const Linker *l, const Doc *d, char *const *names, guint own, const GPtrArray *words,
	   Mention *m)
{
	m->named = false;
	m->in_title = false;
	m->products = g_ptr_array_new_with_free_func(g_free);
	m->loose = g_ptr_array_new_with_free_func(g_free);
	if (d->adv->title != NULL) {
		g_autofree char *low = g_ascii_strdown(d->adv->title, -1);
		mention_span(low, low + strlen(low), names, own, true, m);
		/* "Email and calendar sync delayed for Outlook users": the words of the
		 * provider's products the title says. */
		for (guint i = 0; m->named && i < words->len; i++) {
			const char *w = words->pdata[i];
			if (has_name_word(low, w)) {
				mention_add_product(m->loose, w, strlen(w));
			}
		}
	}
	/* Only the provider's own names: "Microsoft Teams" is no product "teams" of
	 * the suite's "Microsoft" ("we post updates in our Microsoft Teams channel").
	 * From the second on: the first is the provider itself ("google cloud"),
	 * however it starts with another of its names ("google"), never a brand and
	 * its product ("cloud"). */
	for (guint i = own > 0 ? 1 : 0; i < own; i++) {
		const char *sp = strrchr(names[i], ' ');
		if (sp == NULL || strchr(names[i], ' ') != sp) {
			continue; /* two words: a brand and its product */
		}
		bool ext = false;
		for (guint k = 0; k < own && !ext; k++) {
			gsize n = strlen(names[k]);
			ext = k != i && names[i] + n == sp && memcmp(names[i], names[k], n) == 0;
		}
		if (ext && doc_has_surface(l, d, names[i], 2)) {
			m->named = true;
			mention_add_product(m->products, sp + 1, strlen(sp + 1));
		}
	}
}

/* True when item @o says the word @w (or it with an "s" more or less: "calendars"
 * for "calendar") in its title, services or feature, or holds it as a term. */
static bool
doc_says(const Linker *l, const Doc *o, const char *w)
{
	gsize n = strlen(w);
	g_autofree char *plus = g_strconcat(w, "s", NULL);
	g_autofree char *less = n > 3 && w[n - 1] == 's' ? g_strndup(w, n - 1) : NULL;
	const Advisory *a = o->adv;
	for (guint k = 0; k < a->services->len + 2; k++) {
		const char *t = k == 0 ? a->title : k == 1 ? a->feature : a->services->pdata[k - 2];
		if (t != NULL && (has_name_word(t, w) || has_name_word(t, plus) ||
				  (less != NULL && has_name_word(t, less)))) {
			return true;
		}
	}
	for (guint i = 0; i < o->nterms; i++) {
		if (TERM(l, o->terms[i])->n != 1) {
			continue;
		}
		const char *sf = linker_term_surface(l, o->terms[i]);
		if (g_ascii_strcasecmp(sf, w) == 0 || g_ascii_strcasecmp(sf, plus) == 0 ||
		    (less != NULL && g_ascii_strcasecmp(sf, less) == 0)) {
			return true;
		}
	}
	return false;
}

/* How many of @m's products item @o says. */
static guint
products_said(const Linker *l, const GPtrArray *products, const Doc *o)
{
	guint n = 0;
	for (guint i = 0; i < products->len; i++) {
		n += doc_says(l, o, products->pdata[i]);
	}
	return n;
}

/* @d states no cause and blames no one: no statement of cause, no blame of a
 * provider, role, region, unnamed third party or event, no claim to share an
 * ongoing incident's cause; not a provider's own item; an incident, not planned
 * work. */
static bool
quiet_doc(const Doc *d)
{
	return d->ncause == 0 && !d->upstream && d->blamed_roles == 0 &&
	       !prov_any(d->cause_providers) && !d->generic_blame && d->nevent == 0 &&
	       !d->disclaims && !d->shares && !d->not_incident && !prov_any(d->self_provider) &&
	       d->adv->kind != ADVISORY_KIND_MAINTENANCE;
}

/* True when @p is an incident (or an item its feed does not class): not planned
 * work, not an advisory or a notice, which tell of lesser trouble than an outage
 * whose customers post all along it. */
static bool
mention_incident(const Doc *p)
{
	return p->adv->kind == ADVISORY_KIND_INCIDENT || p->adv->kind == ADVISORY_KIND_UNKNOWN;
}

/* @p, an incident (mention_incident()), is under way when @d starts, past the hour
 * a start alone covers: it started before @d and had not ended then (Doc.e: its
 * end, its last post when closed without one, or OPEN_HORIZON past its last post
 * while open, so a feed that forgot to close an item holds no page for more than a
 * day after it last spoke).  A provider's big outage lasts hours or days, and its
 * customers post all along it. */
static bool
mention_under_way(const Doc *d, const Doc *p)
{
	return mention_incident(p) && d->s - p->s > ROLE_WINDOW && d->s <= p->e;
}

/* @p's incident started at most ROLE_WINDOW before @d or MENTION_LAG after it, or is
 * under way when @d starts (mention_under_way()), and they overlap, in no two
 * regions. */
static bool
mention_time_ok(const Doc *d, const Doc *p)
{
	gint64 lead = d->s - p->s;
	return overlap_here(d, p) && lead >= -MENTION_LAG &&
	       (lead <= ROLE_WINDOW || mention_under_way(d, p));
}

/* Item @o of a provider is under way when @d starts, or starts within ROLE_WINDOW
 * after: one of the provider's incidents a page naming it then may mean (any item
 * but planned work, advisories too: hours into an outage, a page's words are no
 * sure sign of which of two it means). */
static bool
mention_around(const Doc *d, const Doc *o)
{
	return overlap_here(d, o) && o->adv->kind != ADVISORY_KIND_MAINTENANCE &&
	       o->s - d->s <= ROLE_WINDOW && d->s <= o->e;
}

/* Words of a title telling that what it names fails ("Exercise calories from
 * Garmin not updating", "Streaming on PlayStation 3 unavailable"): hours into a
 * provider's outage, a title that only names it ("Protecting your Google Apps
 * account with 2-step verification") is no customer's report of it. */
static const char *const mention_trouble_words[] = {
	"broken", "can't", "cannot", "degraded", "delay", "delayed", "delays", "disrupted",
	"disruption", "down", "error", "errors", "fail", "failed", "failing", "fails",
	"failure", "interrupted", "issue", "issues", "missing", "not", "offline", "outage",
	"problem", "problems", "slow", "stuck", "timeouts", "unable", "unavailable",
	"unreachable",
};

static bool
mention_title_trouble(const Doc *d)
{
	return linker_words_hold_any(d->adv->title, mention_trouble_words,
				     G_N_ELEMENTS(mention_trouble_words));
}

/* The names of @p's provider (its knowledge names, or its feed's name word), and of
 * the suites it is a part of ("Microsoft 365" for Exchange Online), NULL-terminated,
 * borrowed, into @out; the knowledge's product words of @p's provider ("email",
 * "calendar": Exchange Online) into @words, borrowed.  Returns how many of @out are
 * the provider's own names (the first). */
static guint
mention_names(const Linker *l, const Doc *p, GPtrArray *out, GPtrArray *words)
{
	if (!prov_any(p->self_provider)) {
		/* Its name word, and the name its feed declares (lower case, as
		 * mention_of() reads titles). */
		guint n = 0;
		if (p->source_term != G_MAXUINT32) {
			g_ptr_array_add(out, (gpointer)linker_term_surface(l, p->source_term));
			n++;
		}
		if (p->si != NULL && p->si->alias_word != NULL) {
			g_ptr_array_add(out, p->si->alias_word);
			n++;
		}
		g_ptr_array_add(out, NULL);
		return n;
	}
	guint q = prov_first(p->self_provider);
	const KnowledgeProvider *kp = l->know.providers->pdata[q];
	for (guint i = 0; kp->names[i] != NULL; i++) {
		g_ptr_array_add(out, kp->names[i]);
	}
	guint own = out->len;
	for (guint i = 0; kp->products != NULL && kp->products[i] != NULL; i++) {
		g_ptr_array_add(words, kp->products[i]);
	}
	for (guint s = prov_next(l->know.suites, 0); s < l->know.providers->len;
	     s = prov_next(l->know.suites, s + 1)) {
		if (!prov_has(l->know.parts[s], q)) {
			continue;
		}
		const KnowledgeProvider *sp = l->know.providers->pdata[s];
		for (guint i = 0; sp->names[i] != NULL; i++) {
			g_ptr_array_add(out, sp->names[i]);
		}
	}
	g_ptr_array_add(out, NULL);
	return own;
}

/* The own items of @p's provider (and of providers sharing the name @d uses:
 * "google" names Google Cloud and Google Workspace) that are @time_ok for @d
 * (mention_time_ok(), mention_around()), @p among them, into @out. */
static void
mention_rivals(const Linker *l, const Doc *d, const Doc *p,
	       bool (*time_ok)(const Doc *d, const Doc *o), GPtrArray *out)
{
	if (!prov_any(p->self_provider)) {
		const GArray *arr =
			g_hash_table_lookup(l->by_source, GUINT_TO_POINTER(p->source_term + 1));
		for (guint k = 0; arr != NULL && k < arr->len; k++) {
			Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
			if (o->source_term == p->source_term && !o->disclaims && !o->not_incident &&
			    time_ok(d, o)) {
				g_ptr_array_add(out, o);
			}
		}
		return;
	}
	ProvMask provs = prov_and(linker_knowledge_kin(&l->know, p->self_provider),
				  prov_or(d->providers, p->self_provider));
	for (guint q = prov_next(provs, 0); q < l->know.providers->len; q = prov_next(provs, q + 1)) {
		const GArray *arr = l->prov_docs[q];
		for (guint k = 0; arr != NULL && k < arr->len; k++) {
			Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
			if (prov_has(o->self_provider, q) && !o->disclaims && !o->not_incident &&
			    time_ok(d, o)) {
				bool dup = false;
				for (guint j = 0; j < out->len && !dup; j++) {
					dup = out->pdata[j] == o;
				}
				if (!dup) {
					g_ptr_array_add(out, o);
				}
			}
		}
	}
}

/* The name of @p's feed, which the knowledge does not know, that @d holds, not its
 * own name, and that is no common word (name_is_common_word(), titles aside): its
 * name word, else the name its feed declares (linker_source_names()); G_MAXUINT32
 * when none. */
static guint32
mention_feed_name(const Linker *l, const Doc *d, const Doc *p)
{
	guint32 names[2];
	guint n = linker_source_names(p, names);
	for (guint j = 0; j < n; j++) {
		if (d->source_term != names[j] && linker_doc_has_term(d, names[j]) &&
		    !name_is_common_word(l, p, names[j], true)) {
			return names[j];
		}
	}
	return G_MAXUINT32;
}

/* The display name of @p's provider, or the name of its feed @d uses (its name word,
 * or the name the feed declares: mention_feed_name()). */
static const char *
mention_provider(const Linker *l, const Doc *d, const Doc *p)
{
	if (prov_any(p->self_provider)) {
		return provider_name(l, prov_first(p->self_provider));
	}
	guint32 t = p->si != NULL && p->si->alias != G_MAXUINT32 &&
			    !linker_doc_has_term(d, p->source_term)
		    ? mention_feed_name(l, d, p)
		    : G_MAXUINT32;
	return feed_name_shown(l, p, t != G_MAXUINT32 ? t : p->source_term);
}

/* True when @p is the item of an upstream @d may name: a provider's own item, or an
 * item of a watched feed the knowledge does not know that blames no one itself and
 * whose name word is no common word, @d not of its feed nor its kin. */
static bool
mention_target(const Linker *l, const Doc *d, const Doc *p)
{
	if (p->disclaims || p->not_incident || d->si == p->si) {
		return false;
	}
	if (!prov_any(p->self_provider)) {
		return unlisted_origin(p) && d->source_term != p->source_term &&
		       mention_feed_name(l, d, p) != G_MAXUINT32;
	}
	if (prov_meets(d->denied, p->self_provider)) {
		return false;
	}
	/* A service of a suite is named in texts far more often than blamed, and so
	 * is no provider a text names (Doc.providers): its title must name it or
	 * its suite (mention_of() reads it). */
	return prov_meets(d->providers, p->self_provider) ||
	       (prov_meets(l->know.by_service, p->self_provider) && d->adv->title != NULL) ||
	       prov_meets(d->region_provs, p->self_provider);
}

/* A word of @loose (what follows the provider's name in a title) that is a word of
 * a role @p's provider plays ([role:NAME] words: "blob", "bucket" of storage; "dns",
 * "email") and that @p does not say: the title names a kind of service of the
 * provider ("Restores from Azure Blob Storage slow") that its incident then ("Virtual
 * Machines - East US - Connectivity issues") is not about.  NULL when none. */
static const char *
role_word_unsaid(const Linker *l, const Doc *p, const GPtrArray *loose)
{
	guint32 roles = linker_roles_of(l, p->self_provider);
	for (guint i = 0; i < loose->len; i++) {
		const char *w = loose->pdata[i];
		for (guint r = 0; r < l->know.roles->len; r++) {
			const KnowledgeList *kl = l->know.roles->pdata[r];
			if (!(roles & (1u << r)) || kl->words == NULL ||
			    !word_in(w, strlen(w), (const char *const *)kl->words,
				     g_strv_length(kl->words))) {
				continue;
			}
			if (!doc_says(l, p, w)) {
				return w;
			}
		}
	}
	return NULL;
}

static double
mention_link(const Linker *l, const Doc *d, const Doc *p, Evidence *ev)
{
	if (!quiet_doc(d) || !mention_target(l, d, p) || !mention_time_ok(d, p)) {
		return 0;
	}
	g_autoptr(GPtrArray) names = g_ptr_array_new();
	g_autoptr(GPtrArray) words = g_ptr_array_new();
	guint own = mention_names(l, p, names, words);
	Mention m;
	mention_of(l, d, (char *const *)names->pdata, own, words, &m);
	g_autoptr(GPtrArray) products = m.products;
	g_autoptr(GPtrArray) loose = m.loose;
	/* A region by the provider's own name for it ("Streaming connectors delayed
	 * for us-east-1 sources"), no other provider's, where @p is, in a title telling
	 * of trouble: as naming the provider there. */
	const char *region = NULL;
	if (!m.named && prov_any(d->region_provs) && prov_any(p->self_provider) &&
	    !prov_any(prov_andnot(d->region_provs, p->self_provider)) &&
	    linker_regions_meet(d, p, &region) && d->adv->title != NULL &&
	    has_name_word(d->adv->title, region) && mention_title_trouble(d)) {
		m.named = true;
		m.in_title = true;
	}
	if (!m.named) {
		return 0;
	}
	g_autoptr(GPtrArray) rivals = g_ptr_array_new();
	if (mention_under_way(d, p)) {
		/* Hours into the provider's incident: only when its title tells of
		 * trouble and that incident is the provider's only one then (none
		 * other under way, none starting within the hour after the page). */
		if (!mention_title_trouble(d)) {
			return 0;
		}
		mention_rivals(l, d, p, mention_around, rivals);
		if (rivals->len != 1) {
			return 0;
		}
		g_ptr_array_set_size(rivals, 0);
	}
	mention_rivals(l, d, p, mention_time_ok, rivals);
	guint fitted = 0; /* of that many incidents of the provider then, the best fit */
	/* The products it names: those its names say ("google drive"), which some item
	 * must say, else the word after the name ("aws lambda") when some item says it. */
	const GPtrArray *want = products;
	if (want->len == 0) {
		for (guint i = 0; i < rivals->len && want == products; i++) {
			if (products_said(l, loose, rivals->pdata[i]) > 0) {
				want = loose;
			}
		}
	}
	if (want->len > 0) {
		/* The item that says most of them, then the better fit of words
		 * (blame_fit()), the one under way when @d
		 * started, the nearer start, the smaller key. */
		guint said = products_said(l, want, p);
		if (said == 0) {
			return 0;
		}
		double pfit = -1;
		for (guint i = 0; i < rivals->len; i++) {
			const Doc *o = rivals->pdata[i];
			if (o == p) {
				continue;
			}
			guint os = products_said(l, want, o);
			if (os == said && pfit < 0) {
				pfit = blame_fit(l, d, p);
			}
			if (os > said || (os == said && rival_outcome(d, p, pfit, o, blame_fit(l, d, o),
								     false, false) == RIVAL_WINS)) {
				return 0;
			}
		}
	} else if (!m.in_title || role_word_unsaid(l, p, loose) != NULL) {
		/* The provider alone, in a text: too often a mention ("we post updates in
		 * Slack"); in a title, only its one incident then is meant, unless the
		 * title names a kind of its service that incident does not say. */
		return 0;
	} else if (rivals->len > 1) {
		/* Several of its incidents then (AWS posts one per service): the one whose
		 * words fit the page's best ("Delayed data from AWS integrations", whose
		 * text says EC2 and EBS: the EC2 item on EBS volumes), never on no fit,
		 * ties as for a blame (rival_outcome()). */
		double pfit = blame_fit(l, d, p);
		if (pfit <= 0) {
			return 0;
		}
		for (guint i = 0; i < rivals->len; i++) {
			const Doc *o = rivals->pdata[i];
			if (o != p && rival_outcome(d, p, pfit, o, blame_fit(l, d, o), false, false) ==
					      RIVAL_WINS) {
				return 0;
			}
		}
		fitted = rivals->len;
	}
	if (ev->reasons != NULL) {
		const char *prov = mention_provider(l, d, p);
		/* What the title names: the provider, or its region. */
		g_autofree char *named = region != NULL
						 ? g_strdup_printf("%s's region '%s'", prov, region)
						 : g_strdup(prov);
		const char *dsrc = d->adv->source != NULL ? d->adv->source : linker_short_id(d);
		g_autofree char *lead = linker_lead_text(d->s - p->s);
		/* "started 20 min earlier", or, hours into it, "under way since 3h30
		 * earlier" (mention_under_way()). */
		g_autofree char *ago = g_strconcat(mention_under_way(d, p) ? "under way since "
									   : "started ",
						   lead, NULL);
		if (want->len > 0) {
			GString *w = g_string_new(NULL);
			for (guint i = 0; i < want->len; i++) {
				if (doc_says(l, p, want->pdata[i])) {
					g_string_append_printf(w, "%s'%s'", w->len > 0 ? ", " : "",
							       (const char *)want->pdata[i]);
				}
			}
			REASON(ev, g_strdup_printf("%s names %s's %s as what fails and states no "
						   "cause; %s, %s's own incident that names it, "
						   "%s", dsrc, prov, w->str, linker_short_id(p),
						   prov, ago));
			g_string_free(w, TRUE);
		} else if (fitted > 0) {
			REASON(ev, g_strdup_printf("%s names %s in its title as what fails and states "
						   "no cause; of %u incidents of %s then, %s fits its "
						   "words best, %s",
						   dsrc, named, fitted, prov, linker_short_id(p), ago));
		} else if (mention_under_way(d, p)) {
			REASON(ev, g_strdup_printf("%s names %s in its title as what fails and states "
						   "no cause; %s's incident %s, %s, is its only one "
						   "then",
						   dsrc, named, prov, linker_short_id(p), ago));
		} else {
			REASON(ev, g_strdup_printf("%s names %s in its title as what fails and states "
						   "no cause; %s's only incident then %s",
						   dsrc, named, prov, ago));
		}
	}
	return W_MENTION;
}

/* False when @d, which only relays @p's provider's state (Doc.relayed: "Google Drive
 * attachments fail to import"), names a product of it as what fails that @p does not
 * say: a relayed state of one product is no word about the provider's incident of
 * another (its Calendar outage), whatever symptom words they share. */
static bool
relay_product_ok(const Linker *l, const Doc *d, const Doc *p, Evidence *ev)
{
	g_autoptr(GPtrArray) names = g_ptr_array_new();
	g_autoptr(GPtrArray) words = g_ptr_array_new();
	guint own = mention_names(l, p, names, words);
	Mention m;
	mention_of(l, d, (char *const *)names->pdata, own, words, &m);
	g_autoptr(GPtrArray) products = m.products;
	g_autoptr(GPtrArray) loose = m.loose;
	if (products->len == 0 || products_said(l, products, p) > 0) {
		return true;
	}
	REASON(ev, g_strdup_printf("%s names %s's '%s' as what fails; %s does not name it",
				   linker_short_id(d), mention_provider(l, d, p),
				   (const char *)products->pdata[0], linker_short_id(p)));
	return false;
}

/* True when term @t of @d's title names an upstream: it names a provider of the
 * knowledge, or is the name word of another watched feed. */
static bool
names_upstream_term(const Linker *l, const Doc *d, guint32 t)
{
	const Term *tm = TERM(l, t);
	if (tm->is_source && t != d->source_term) {
		return true;
	}
	if (tm->flag & TERM_KNOWN) {
		const KnownTerm *kt = g_hash_table_lookup(l->known, GUINT_TO_POINTER(t + 1));
		return kt != NULL && prov_any(kt->providers) &&
		       !prov_meets(kt->providers, d->self_provider);
	}
	return false;
}

/* True when @d's title (or service or feature) names an upstream as what fails: a
 * word of it names a provider of the knowledge, or is the name word of another
 * watched feed ("Can't log in with Facebook"). */
static bool
title_names_upstream(const Linker *l, const Doc *d)
{
	for (guint i = 0; i < d->nnames; i++) {
		if (names_upstream_term(l, d, d->names[i])) {
			return true;
		}
	}
	return false;
}

/* @a names an upstream in its title as what fails and states no cause; @b, of
 * another feed, states no cause either and names no provider ("Some users unable to
 * sign in"): @b gives no clue of what broke for it, and the words they share ("sign
 * in", "error") are symptoms.  Not when @b is that upstream's own item and the words
 * they share (@text) reach the threshold alone: they tell which of its items @a
 * means ("Adobe ID logins are failing" beside Adobe's "Adobe ID login issues"); nor
 * when @b, another page, names that upstream in its text. */
static bool
quiet_apart(const Linker *l, const Doc *a, const Doc *b, double text)
{
	if (!(a->si != b->si && quiet_doc(a) && quiet_doc(b) && !prov_any(b->providers) &&
	      b->depends == NULL && title_names_upstream(l, a) && !title_names_upstream(l, b))) {
		return false;
	}
	bool upstream_own = (b->source_term != G_MAXUINT32 &&
			     linker_doc_has_term(a, b->source_term)) ||
			    prov_meets(a->providers, b->self_provider);
	if (upstream_own && text >= l->opts.threshold) {
		return false;
	}
	/* Another page whose text names the upstream @a's title names ("Some card
	 * payments not going through ... Visa" beside "Elevated declines for Visa
	 * cards"): a clue, not silence. */
	for (guint i = 0; i < a->nnames && !upstream_own; i++) {
		if (names_upstream_term(l, a, a->names[i]) && linker_doc_has_term(b, a->names[i])) {
			return false;
		}
	}
	/* A word both say where they state what went wrong ("the kelvatrix service ran
	 * out of memory", a cause too short for a phrase of Doc.cause): not symptoms. */
	for (guint i = 0; i < a->nblame_words; i++) {
		if (a->blame_words[i] != G_MAXUINT32 &&
		    has_u32(b->blame_words, b->nblame_words, a->blame_words[i])) {
			return false;
		}
	}
	return true;
}

/*
 * "Players unable to connect", "Call quality degradation": @d states no cause and
 * names no provider, but its source depends on @p's provider (depends_on), whose
 * own incident started within minutes of it (generic_time_ok()).  The user knows
 * the vendor, and the time says the event.  Only the provider's incident nearest
 * before @d (or the nearest after), and not when another provider it depends on
 * broke then too (the time alone does not say which).  Time alone, without
 * depends_on, links nothing: on a busy day every quiet item would chain.
 */
static double
depends_quiet_link(const Linker *l, const Doc *d, const Doc *p, Evidence *ev)
{
	if (d->depends == NULL || !quiet_doc(d) || p->disclaims || p->not_incident ||
	    prov_any(d->providers) || !generic_time_ok(d, p)) {
		return 0;
	}
	ProvMask dep = depends_of(d, p);
	if (!prov_any(dep)) {
		return 0;
	}
	ProvMask all = d->depends->providers;
	for (guint q = prov_next(all, 0); q < l->know.providers->len; q = prov_next(all, q + 1)) {
		const GArray *arr = l->prov_docs[q];
		for (guint k = 0; arr != NULL && k < arr->len; k++) {
			const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
			if (o == p || !prov_has(o->self_provider, q) || o->disclaims ||
			    o->not_incident || !generic_time_ok(d, o) || !prov_any(depends_of(d, o))) {
				continue;
			}
			if (!prov_meets(o->self_provider, p->self_provider) ||
			    rival_outcome(d, p, 0, o, 0, false, false) == RIVAL_WINS) {
				return 0;
			}
		}
	}
	if (ev->reasons != NULL) {
		const char *prov = provider_name(l, prov_first(dep));
		g_autofree char *ago = linker_lead_text(d->s - p->s);
		REASON(ev, g_strdup_printf("%s depends on %s (depends_on) and states no cause; "
					   "%s's incident started %s",
					   d->adv->source != NULL ? d->adv->source : linker_short_id(d), prov,
					   prov, ago));
	}
	return W_DEPENDS_QUIET;
}

/* True when @d has a start and ended: an end time, or closed as resolved. */
static bool
doc_closed(const Doc *d)
{
	return d->s != SW_TIME_NONE &&
	       (d->adv->end != SW_TIME_NONE || d->adv->status == ADVISORY_STATUS_RESOLVED);
}

bool
linker_cotime_quiet(const Doc *d)
{
	return quiet_doc(d) && !prov_any(d->providers) && d->depends == NULL && doc_closed(d);
}

bool
linker_cotime_origin(const Doc *p)
{
	return prov_any(p->self_provider) && !p->disclaims && !p->not_incident && !p->upstream &&
	       !prov_any(p->cause_providers) && !p->generic_blame &&
	       p->adv->kind != ADVISORY_KIND_MAINTENANCE && doc_closed(p);
}

bool
linker_cotime_timed(const Doc *d, const Doc *p)
{
	gint64 lead = d->s - p->s;
	return lead <= GENERIC_LEAD && lead >= -GENERIC_LAG && d->e >= p->s + (p->e - p->s) / 2 &&
	       d->e <= p->e + COTIME_END_LAG;
}

/* @p's incident may be what broke for a page reporting @trouble (trouble_roles()):
 * one its page calls major or critical (a delay of a provider's webhooks or log
 * jobs takes no customer down, and a feed that gives no severity says nothing of
 * it), of a provider playing one of those roles when the page names a role's
 * trouble ("invoice emails delayed" is no CDN's). */
static bool
cotime_fits(const Doc *p, guint32 trouble)
{
	return p->adv->severity >= ADVISORY_SEVERITY_MAJOR &&
	       (trouble == 0 || (trouble & p->self_roles) != 0);
}

/*
 * "Images failing to load", "Episode uploads failing": @d states no cause, names no
 * provider and its feed has no depends_on, but it broke and recovered with @p, a
 * provider's own incident: it began within minutes after @p (GENERIC_LEAD, or
 * GENERIC_LAG before), and ended in @p's second half or soon after @p ended
 * (COTIME_END_LAG), both closed (linker_cotime_timed()).  A person reads the
 * provider's outage as what took the page down when nothing else broke so: what
 * it reports must fit @p's provider (cotime_fits(): "invoice emails delayed" is
 * no CDN's trouble), and no other provider's incident may break and recover with
 * it (two say nothing of which); of one provider's several such items, the one
 * starting nearest (then the smaller key).  Time at one end alone links nothing:
 * on a busy day every quiet item would chain.  Returns the points.
 */
static double
cotime_link(const Linker *l, const Doc *d, const Doc *p, Evidence *ev)
{
	if (!linker_cotime_quiet(d) || !linker_cotime_origin(p) || !linker_cotime_timed(d, p)) {
		return 0;
	}
	guint32 trouble = trouble_roles(l, d);
	if (!cotime_fits(p, trouble)) {
		return 0;
	}
	guint32 near[COTIME_CROWD_MAX];
	guint n = linker_window_docs(l, d->s - GENERIC_LEAD, d->s + GENERIC_LAG, near,
				     COTIME_CROWD_MAX);
	if (n > COTIME_CROWD_MAX) {
		return 0;
	}
	gint64 lp = ABS(d->s - p->s);
	for (guint k = 0; k < n; k++) {
		const Doc *o = l->docs->pdata[near[k]];
		if (o == p || !linker_cotime_origin(o) || !linker_cotime_timed(d, o) ||
		    !cotime_fits(o, trouble)) {
			continue;
		}
		if (!prov_meets(o->self_provider, p->self_provider)) {
			return 0; /* two providers broke and recovered with it */
		}
		gint64 lo = ABS(d->s - o->s);
		if (lo < lp || (lo == lp && strcmp(o->key, p->key) < 0)) {
			return 0;
		}
	}
	if (ev->reasons != NULL) {
		g_autofree char *ago = linker_lead_text(d->s - p->s);
		g_autofree char *end = fmt_duration(ABS(d->e - p->e));
		REASON(ev, g_strdup_printf("%s states no cause and names no provider; %s's "
					   "incident started %s and ended %s %s it, the only "
					   "provider incident to break and recover with it",
					   d->adv->source != NULL ? d->adv->source : linker_short_id(d),
					   provider_name(l, prov_first(p->self_provider)), ago, end,
					   p->e <= d->e ? "before" : "after"));
	}
	return W_COTIME;
}

/* True when term @t is a name of a provider in @provs (KnownTerm.providers). */
static bool
term_names_provider(const Linker *l, guint32 t, ProvMask provs)
{
	if (!prov_any(provs) || !(TERM(l, t)->flag & TERM_KNOWN)) {
		return false;
	}
	const KnownTerm *kt = g_hash_table_lookup(l->known, GUINT_TO_POINTER(t + 1));
	return prov_meets(kt->providers, provs);
}

/* True when @quiet, blaming no upstream, states a cause of its own while @blamer blames
 * an upstream in the region both name: "A bad deploy to our API servers in us-west-2
 * caused errors" beside "our cloud provider is having network trouble in usw2-az1".
 * The shared region is then no shared cause.  A provider's own item is the upstream
 * blamed, whatever cause it states. */
static bool
own_cause_apart(const Doc *quiet, const Doc *blamer)
{
	return blamer->upstream && !quiet->upstream && quiet->ncause > 0 &&
	       !prov_any(quiet->self_provider) && !prov_any(quiet->cause_providers);
}

/* True when @d says it was hit by its own doing (Doc.own_fault), blames no upstream
 * and names no provider in its statements of cause: the fault it tells is its own. */
static bool
own_fault_only(const Doc *d)
{
	return d->own_fault && !d->upstream && !prov_any(d->cause_providers);
}

/* True when @d announces planned work (Advisory.kind, or its title:
 * linker_title_plan()): it reports no trouble a blame in its region could mean
 * ("[Construction] Equipment work in the Osaka area"). */
static bool
planned_notice(const Doc *d)
{
	return d->adv->kind == ADVISORY_KIND_MAINTENANCE || linker_title_plan(d->adv);
}

/* The same upstream cause: blame in a region the other names, a provider the
 * other is or names, the other's feed named (as culprit or not), or a third
 * feed both name while one blames a provider.  Sets *@ret_upstream when an
 * upstream cause was counted. */
static double
score_upstream(const Linker *l, const Doc *a, const Doc *b, Evidence *ev, bool meet,
	       const char *region, guint32 named, bool *ret_upstream, bool *ret_sibling)
{
	double content = 0;
	bool upstream_counted = false;
	bool elsewhere = false;
	bool sibling = false;
	bool pinned = false; /* a blame of the provider both name is pinned to a third item */
	/* A carrier with no feed, told by a provider's own report (linker_service.c). */
	double role = linker_carrier_link(l, a, b, ev->reasons);
	if (role == 0) {
		role = linker_carrier_link(l, b, a, ev->reasons);
	}
	if (role == 0) {
		role = role_blame(l, a, b, ev, &elsewhere, &sibling);
	}
	if (role == 0) {
		role = role_blame(l, b, a, ev, &elsewhere, &sibling);
	}
	if (role == 0 && !elsewhere) {
		/* A site of a provider named where a page reports trouble (linker_service.c). */
		role = linker_site_link(l, a, b, ev->reasons);
		if (role == 0) {
			role = linker_site_link(l, b, a, ev->reasons);
		}
	}
	/* When role_blame() sent the blame to another item of the provider, the
	 * blame by region or by the provider's name (or its feed's) below is that
	 * same blame: it counts nothing here. */
	ProvMask ra = PROV_NONE, rb = PROV_NONE;
	bool apart = !elsewhere && role == 0 && meet &&
		     ((a->upstream && !b->disclaims) || (b->upstream && !a->disclaims)) &&
		     resolve_apart(l, a, b, &ra, &rb);
	if (apart) {
		/* Two blames in one region (or city) that mean two providers: the shared
		 * place is no shared cause. */
		REASON(ev, g_strdup_printf("but in '%s' %s means %s and %s means %s", region,
					   linker_short_id(a), provider_name(l, prov_first(ra)),
					   linker_short_id(b), provider_name(l, prov_first(rb))));
	}
	if (role > 0) {
		content += role;
		upstream_counted = true;
	} else if (!elsewhere && !apart &&
		   ((a->upstream && !b->disclaims) || (b->upstream && !a->disclaims)) && meet &&
		   !own_cause_apart(a, b) && !own_cause_apart(b, a) &&
		   !(a->upstream && !b->upstream && planned_notice(b)) &&
		   !(b->upstream && !a->upstream && planned_notice(a))) {
		upstream_counted = true;
		content += W_UPSTREAM;
		if (a->upstream && b->upstream) {
			REASON(ev, g_strdup_printf("both blame an upstream provider in '%s'", region));
		} else {
			const Doc *who = a->upstream && !b->disclaims ? a : b;
			REASON(ev, g_strdup_printf("%s blames an upstream provider in '%s', where %s "
						   "reports trouble", linker_short_id(who), region,
						   linker_short_id(who == a ? b : a)));
		}
	} else if (!elsewhere &&
		   ((a->upstream && !b->disclaims &&
		     prov_meets(a->providers, prov_or(b->self_provider, b->providers))) ||
		    (b->upstream && !a->disclaims &&
		     prov_meets(b->providers, prov_or(a->self_provider, a->providers))))) {
		ProvMask m = prov_or(a->upstream && !b->disclaims
					     ? prov_and(a->providers,
							prov_or(b->self_provider, b->providers))
					     : PROV_NONE,
				     b->upstream && !a->disclaims
					     ? prov_and(b->providers,
							prov_or(a->self_provider, a->providers))
					     : PROV_NONE);
		/* A blame pinned to one incident of the provider by its id is about
		 * that incident: none of it is shared with another of the provider's
		 * items, nor with a blame of the provider that does not name it. */
		const Doc *pin = pinned_elsewhere(l, a, b, m);
		const Doc *pinner = a;
		if (pin == NULL) {
			pin = pinned_elsewhere(l, b, a, m);
			pinner = b;
		}
		pinned = pin != NULL;
		if (pinned) {
			REASON(ev, g_strdup_printf("both name %s, but %s's blame of it is about %s, "
						   "which it names",
						   provider_name(l, prov_first(m)), linker_short_id(pinner),
						   linker_short_id(pin)));
		} else {
			upstream_counted = true;
			content += W_UPSTREAM;
			REASON(ev, g_strdup_printf("upstream provider '%s' named",
						   provider_name(l, prov_first(m))));
		}
	}
	if (!upstream_counted && !elsewhere && (a->generic_blame || b->generic_blame)) {
		double g = generic_link(l, a, b, ev);
		if (g == 0) {
			g = generic_link(l, b, a, ev);
		}
		content += g;
		upstream_counted = g > 0;
	}
	if (!upstream_counted && !elsewhere && (a->blamed_roles != 0 || b->blamed_roles != 0)) {
		double r = role_feed_link(l, a, b, ev);
		if (r == 0) {
			r = role_feed_link(l, b, a, ev);
		}
		content += r;
		upstream_counted = r > 0;
	}
	if (!upstream_counted && !elsewhere && (a->nevent > 0 || b->nevent > 0)) {
		double r = cause_event_link(l, a, b, ev);
		if (r == 0) {
			r = cause_event_link(l, b, a, ev);
		}
		content += r;
		upstream_counted = r > 0;
	}
	if (!upstream_counted && !elsewhere) {
		/* No cause stated: the provider's product named as what fails, or the
		 * vendor of depends_on breaking within minutes. */
		double r = mention_link(l, a, b, ev);
		if (r == 0) {
			r = mention_link(l, b, a, ev);
		}
		if (r == 0) {
			r = depends_quiet_link(l, a, b, ev);
		}
		if (r == 0) {
			r = depends_quiet_link(l, b, a, ev);
		}
		if (r == 0) {
			r = cotime_link(l, a, b, ev);
		}
		if (r == 0) {
			r = cotime_link(l, b, a, ev);
		}
		content += r;
		upstream_counted = r > 0;
	}
	bool same_source = linker_same_feed(a, b);
	if (same_source && !upstream_counted) {
		double share = share_link(l, a, b, ev, &sibling);
		if (share == 0) {
			share = share_link(l, b, a, ev, &sibling);
		}
		content += share;
		upstream_counted = share > 0;
		ev->claim |= share > 0;
	}
	/* Two feeds of one provider: a text naming its provider names itself
	 * ("Cloudflare Images" on Cloudflare's status page), not the other feed
	 * whose name word is the provider's ("cloudflare-blog"); a text naming
	 * the other feed by a word that is not the provider's ("Opsgenie" on
	 * Atlassian's Confluence page) still names it. */
	ProvMask kin = prov_and(a->self_provider, b->self_provider);
	if (!same_source && !upstream_counted && !elsewhere) {
		const Doc *who = NULL, *other = NULL;
		/* A provider's item saying it is separate from an ongoing incident is
		 * not what a text naming its provider is about (TERMS_SENTENCE_DISCLAIMS). */
		if (b->source_term != G_MAXUINT32 && !b->disclaims && may_hold_source(l, a, b) &&
		    !term_names_provider(l, b->source_term, kin) &&
		    linker_doc_has_term(a, b->source_term)) {
			who = a;
			other = b;
		} else if (a->source_term != G_MAXUINT32 && !a->disclaims && may_hold_source(l, b, a) &&
			   !term_names_provider(l, a->source_term, kin) &&
			   linker_doc_has_term(b, a->source_term)) {
			who = b;
			other = a;
		}
		/* Or the name the other's feed declares (SourceInfo.alias: "the BlackBerry
		 * push service is down" of feed 'rim-service'): only a blame of it counts
		 * (source_blame()), not the naming, which weighs as the name word alone
		 * does (Doc weights: names_other).  Asked only of a text with blame words,
		 * few of them, as the other's SourceInfo is one more cache line. */
		bool by_alias = false;
		for (guint k = 0; k < 2 && who == NULL; k++) {
			const Doc *x = k == 0 ? a : b, *y = k == 0 ? b : a;
			if (x->nblame_words > 0 && y->source_term != G_MAXUINT32 && !y->disclaims &&
			    y->si != NULL && y->si->alias != G_MAXUINT32 &&
			    y->si->alias != x->source_term &&
			    !term_names_provider(l, y->si->alias, kin) &&
			    linker_doc_has_term(x, y->si->alias)) {
				who = x;
				other = y;
				by_alias = true;
			}
		}
		double blame = who != NULL ? source_blame(l, who, other, ev) : 0;
		if (blame > 0) {
			content += blame;
			upstream_counted = true;
		} else if (who != NULL && !by_alias && own_fault_only(who)) {
			/* "Customers hosted on AWS were affected by a bug in our backup job":
			 * the provider is where its things live, not what failed. */
			REASON(ev, g_strdup_printf("but %s names '%s' and states a fault of its own",
						   linker_short_id(who),
						   linker_term_surface(l, other->source_term)));
		} else if (who != NULL && !by_alias) {
			/* Naming a feed is evidence; naming it as the culprit more. */
			content += W_NAMES_SOURCE + (who->upstream ? W_UPSTREAM - W_NAMES_SOURCE : 0);
			ev->names_source = true;
			REASON(ev, g_strdup_printf("%s names '%s', the source of %s", linker_short_id(who),
						   linker_term_surface(l, other->source_term),
						   linker_short_id(other)));
		}
	}
	if (named != G_MAXUINT32 && !upstream_counted && !elsewhere && !pinned &&
	    (a->upstream || b->upstream)) {
		/* Both name a third feed ("Edgeflare") and one blames its provider:
		 * the same upstream cause.  Without blame, two texts mentioning
		 * "Azure AD" say nothing about a shared fault. */
		upstream_counted = true;
		content += W_UPSTREAM;
		REASON(ev, g_strdup_printf("both name '%s', another source",
					   linker_term_surface(l, named)));
	}
	*ret_upstream = upstream_counted;
	*ret_sibling = sibling && !upstream_counted;
	return content;
}

/* Two feeds of one provider (Datadog's US1 and EU1 pages, AWS's feeds per service)
 * reporting one event: items of each, overlapping, whose words alone link them
 * (@text, at least the threshold, their statements of cause not apart) are that
 * provider's one event, as a reference would say: the link joins their incidents
 * outright (Evidence.anchored) instead of waiting for their customers' pairs to
 * link.  Not for two items of one feed (a feed's concurrent items are its
 * concurrent faults, told apart by its own words), nor for items that state two
 * different regions of their own (two regions' faults, however alike their words).
 * Two providers of one company (kin: Azure and the Microsoft 365 suite) count as
 * one provider here. */
static bool
same_provider_feeds(const Linker *l, const Doc *a, const Doc *b, double text, Evidence *ev)
{
	ProvMask both = prov_and(a->self_provider, b->self_provider);
	/* Two providers of one company (kin: Azure and Microsoft 365) are one
	 * publisher too: a name-server change that broke both is told on each. */
	bool kin = false;
	if (!prov_any(both) && prov_any(a->self_provider) && prov_any(b->self_provider)) {
		kin = prov_meets(linker_knowledge_kin(&l->know, a->self_provider), b->self_provider);
	}
	if ((!prov_any(both) && !kin) || linker_same_feed(a, b) ||
	    text < l->opts.threshold || linker_interval_gap(a, b) > 0 || causes_differ(a, b) ||
	    a->disclaims || b->disclaims ||
	    (a->own_region && b->own_region && regions_conflict(a, b))) {
		return false;
	}
	if (kin) {
		REASON(ev, g_strdup_printf("both are one company's own reports, of %s and of %s",
					   provider_name(l, prov_first(a->self_provider)),
					   provider_name(l, prov_first(b->self_provider))));
	} else {
		REASON(ev, g_strdup_printf("both are %s's own reports, on two of its feeds",
					   provider_name(l, prov_first(both))));
	}
	return true;
}

/* True when @d's service @name is its page's own name: the service a feed with no
 * components gives every item (a Statuspage page with none, an RSS channel),
 * which says nothing of what part of it failed. */
static bool
service_is_page(const Doc *d, const char *name)
{
	return (d->adv->feed_name != NULL && g_ascii_strcasecmp(name, d->adv->feed_name) == 0) ||
	       (d->adv->source != NULL && g_ascii_strcasecmp(name, d->adv->source) == 0);
}

/* Context: shared services (at most two; not the page's own name: service_is_page()),
 * feature, region, nearness in time.  Never a link alone (see CONTENT_MIN). */
static double
score_context(const Linker *l, const Doc *a, const Doc *b, Evidence *ev, bool meet,
	      const char *region, gint64 gap)
{
	double context = 0;
	guint shared_services = 0;
	for (guint i = 0; (a->svc_mask & b->svc_mask) != 0 && i < a->nsvc && shared_services < 2;
	     i++) {
		bool both = false;
		for (guint j = 0; j < b->nsvc && !both; j++) {
			both = a->svc[i] == b->svc[j];
		}
		if (both && !service_is_page(a, a->adv->services->pdata[i])) {
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
	if (gap <= l->opts.max_gap) {
		if (gap == 0) {
			context += W_OVERLAP;
			REASON(ev, g_strdup("overlap in time"));
		} else {
			context += W_OVERLAP * 0.5 *
				   (1.0 - (double)gap / (double)MAX(l->opts.max_gap, 1));
			if (ev->reasons != NULL) {
				g_autofree char *d = fmt_duration(gap);
				REASON(ev, g_strconcat(d, " apart", NULL));
			}
		}
	}
	return context;
}

/* A security event's subject both titles name (Doc.sec_terms), named by at most
 * SECURITY_ITEMS_MAX advisories, else G_MAXUINT32; the smallest term id of several,
 * so the reason reads the same in any order. */
static guint32
security_subject_shared(const Linker *l, const Doc *a, const Doc *b)
{
	guint32 best = G_MAXUINT32;
	for (guint i = 0; i < a->nsec; i++) {
		for (guint j = 0; j < b->nsec; j++) {
			if (a->sec_terms[i] == b->sec_terms[j] && a->sec_terms[i] < best &&
			    TERM(l, a->sec_terms[i])->df <= SECURITY_ITEMS_MAX) {
				best = a->sec_terms[i];
			}
		}
	}
	return best;
}

/* True when every advisory giving vulnerability name @t (Doc.vuln_terms) with a CVE
 * id names @cve: the name is of one vulnerability, and a page naming it only by the
 * name cannot bridge two ("the WOMBAT flaw's sibling, CVE-2031-9999"). */
static bool
vuln_name_one_cve(const Linker *l, guint32 t, guint32 cve)
{
	const Posting *p = &TERM(l, t)->post;
	for (guint k = 0; k < p->len; k++) {
		const Doc *o = l->docs->pdata[p->docs[k].doc];
		if (o->cve_term != G_MAXUINT32 && o->cve_term != cve && linker_doc_has_term(o, t)) {
			return false;
		}
	}
	return true;
}

/* A vulnerability's name (Doc.vuln_terms: "poodle", "sslv3") both @a and @b give it
 * in a sentence naming a vulnerability, when exactly one of them names a CVE id, at
 * most VULN_NAME_ITEMS_MAX advisories give the name and none gives it with another CVE
 * id (vuln_name_one_cve()), else G_MAXUINT32; the smallest term id of several, so the
 * reason reads the same in any order. */
static guint32
vuln_name_shared(const Linker *l, const Doc *a, const Doc *b)
{
	guint32 best = G_MAXUINT32;
	if ((a->cve_term == G_MAXUINT32) == (b->cve_term == G_MAXUINT32)) {
		return best;
	}
	guint32 cve = a->cve_term != G_MAXUINT32 ? a->cve_term : b->cve_term;
	for (guint i = 0; i < a->nvuln; i++) {
		for (guint j = 0; j < b->nvuln; j++) {
			guint32 t = a->vuln_terms[i];
			if (t == b->vuln_terms[j] && t < best &&
			    TERM(l, t)->df <= VULN_NAME_ITEMS_MAX && vuln_name_one_cve(l, t, cve)) {
				best = t;
			}
		}
	}
	return best;
}

/* True when @o holds one of the @n term ids @terms (G_MAXUINT32 never). */
static bool
doc_has_any_term(const Doc *o, const guint32 *terms, guint n)
{
	for (guint i = 0; i < n; i++) {
		if (terms[i] != G_MAXUINT32 && linker_doc_has_term(o, terms[i])) {
			return true;
		}
	}
	return false;
}

/* True when subject @i of @d's security event (Doc.sec_terms) is firm: written as a
 * name, or as the title's first word when another title names it too ("Drift security
 * notification"; a sentence's capital, "Some school networks affected by ...", is
 * named by no other), and not so common that it names no one event. */
static bool
sec_subject_firm(const Linker *l, const Doc *d, guint i)
{
	guint32 df = TERM(l, d->sec_terms[i])->df;
	return d->sec_words[i] != G_MAXUINT32 && df <= SECURITY_ITEMS_MAX &&
	       ((d->sec_named & (1u << i)) || df >= 2);
}

/* The first firm subject of @d's security event (lower case, as its term holds it). */
static const char *
sec_subject_shown(const Linker *l, const Doc *d)
{
	for (guint i = 0; i < d->nsec; i++) {
		if (sec_subject_firm(l, d, i)) {
			return linker_term_surface(l, d->sec_terms[i]) + strlen("@sec:");
		}
	}
	return "?";
}

/* True when @d's title tells of a security event with a firm subject
 * (sec_subject_firm()): an event others may mean without naming it. */
static bool
sec_anchor(const Linker *l, const Doc *d)
{
	for (guint i = 0; d->sec_cue && i < d->nsec; i++) {
		if (sec_subject_firm(l, d, i)) {
			return true;
		}
	}
	return false;
}

/* A firm subject @a's title gives a security event (sec_subject_firm(): "Drift
 * security notification") that @b tells of too though its title does not share it:
 * @b's title tells of a security event and it says the subject (doc_says(): in its
 * title, services or text, an "s" more or less: "Notice: security incident at our
 * website chat vendor": "Salesloft, the company behind the Drift chat assistant
 * ..."), or @b's title names the subject and its text tells of the event's wake
 * (Linker.sec_wake_terms: "Drift unavailable": "taken offline as part of our security
 * review").  Not the name of
 * @a's own feed (Coop's "IT attack on a subcontractor": every post of Coop's names
 * Coop), which doc_index() lists no word for.  G_MAXUINT32 when none; the smallest
 * term id of several.  *@ret_title is set when @b's title names it.  Beyond the
 * window of shared words, candidates() and sec_word_candidates() find the pair
 * through the subject's word itself (Doc.sec_words), from either side. */
static guint32
security_subject_told(const Linker *l, const Doc *a, const Doc *b, bool *ret_title)
{
	guint32 best = G_MAXUINT32;
	if (!a->sec_cue || b->not_incident || b->disclaims ||
	    b->adv->kind == ADVISORY_KIND_MAINTENANCE || b->adv->title == NULL) {
		return best;
	}
	for (guint i = 0; i < a->nsec; i++) {
		guint32 t = a->sec_terms[i];
		if (t >= best || !sec_subject_firm(l, a, i)) {
			continue;
		}
		const char *w = linker_term_surface(l, t) + strlen("@sec:");
		bool in_title = has_name_word(b->adv->title, w);
		if (!doc_says(l, b, w)) {
			continue;
		}
		if (b->sec_cue ||
		    (in_title && doc_has_any_term(b, l->sec_wake_terms, LINKER_SEC_WAKE_TERMS))) {
			best = t;
			*ret_title = in_title;
		}
	}
	return best;
}

/* True when @v holds the word of a firm subject some security title gives now
 * (TERM_SEC_WORD flags a word once any doc gave it, and a replaced doc leaves the
 * flag: the docs Linker.sec_by_word lists under it say whether one still does): it
 * names an event, and security_subject_told() judges it. */
static bool
names_sec_word(const Linker *l, const Doc *v)
{
	for (guint i = 0; i < v->nterms; i++) {
		guint32 t = v->terms[i];
		if (!(TERM(l, t)->flag & TERM_SEC_WORD)) {
			continue;
		}
		const GArray *arr = g_hash_table_lookup(l->sec_by_word, GUINT_TO_POINTER(t + 1));
		for (guint k = 0; arr != NULL && k < arr->len; k++) {
			const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
			for (guint j = 0; j < o->nsec; j++) {
				if (o->sec_words[j] == t && o->sec_cue &&
				    sec_subject_firm(l, o, j)) {
					return true;
				}
			}
		}
	}
	return false;
}

/* True when @v, whose title tells of a security event and names no subject of one
 * (no firm subject, no event's subject word in its text), says it struck a third
 * party or many (Linker.sec_third_terms), and @a's event is the only one then: @a's
 * title gives a firm subject (sec_anchor()), @a started at most SECURITY_MAX_GAP
 * before @v (or ROLE_WINDOW after), and every other such title of those days, on
 * another feed than @v's, shares a subject with @a's ("Coop temporarily closes
 * stores after IT attack on a subcontractor" the day after "Important Notice:
 * potential attack against VSA").  Not past SECURITY_TITLES_MAX such titles in all
 * (the walk over them is per pair; candidates() lists none then either). */
static bool
third_party_security(const Linker *l, const Doc *v, const Doc *a)
{
	if (!v->sec_cue || v->si == a->si || v->s == SW_TIME_NONE || a->s == SW_TIME_NONE ||
	    a->s > v->s + ROLE_WINDOW || v->s - a->s > SECURITY_MAX_GAP || v->not_incident ||
	    v->disclaims || v->adv->kind == ADVISORY_KIND_MAINTENANCE || !sec_anchor(l, a) ||
	    sec_anchor(l, v) ||
	    l->sec_cued->len > SECURITY_TITLES_MAX ||
	    !doc_has_any_term(v, l->sec_third_terms, LINKER_SEC_THIRD_TERMS) ||
	    names_sec_word(l, v)) {
		return false;
	}
	for (guint k = 0; k < l->sec_anchors->len; k++) {
		const Doc *o = l->docs->pdata[g_array_index(l->sec_anchors, guint32, k)];
		if (o == a || o->si == v->si || o->s == SW_TIME_NONE || o->s > v->s + ROLE_WINDOW ||
		    v->s - o->s > SECURITY_MAX_GAP || o->not_incident || !sec_anchor(l, o)) {
			continue;
		}
		if (security_subject_shared(l, o, a) == G_MAXUINT32) {
			return false; /* two events then: which one is not said */
		}
	}
	return true;
}

/*
 * The evidence that @a and @b report one fault (see linker_private.h).
 * Symmetric: callers pass the pair in key order so reasons read the same.
 *
 * With @tb (and no reasons asked for) the texts are not compared: the score is
 * then an upper bound of the true one, cheap to get (linker_explore() scores a
 * pair fully only when its bound reaches the threshold).  Everything but the
 * text is computed as usual; the text is taken at tb->text and a third feed
 * both name (which the merge of the terms would find) as tb->named says it may
 * be.  Each step of the score is non-decreasing in those two, so the result
 * bounds the true score from above.
 */
void
linker_score_pair(const Linker *l, const Doc *a, const Doc *b, Evidence *ev, const TextBound *tb)
{
	const LinkerOptions *o = &l->opts;
	bool ref_pos;

	ev->score = 0;
	ev->veto = false;
	ev->anchored = false;
	ev->page = false;
	ev->claim = false;
	ev->names_source = false;
	if (a->not_incident || b->not_incident) {
		/* A false positive, a withdrawn advisory or a notice that nothing is
		 * affected is no incident: it joins none, unless a person merges it. */
		const Doc *who = a->not_incident ? a : b;
		REASON(ev, g_strdup_printf("%s is not an incident (%s)", linker_short_id(who),
					   who->adv->withdrawn ? "withdrawn"
					   : who->adv->status == ADVISORY_STATUS_FALSE_POSITIVE
						   ? "closed as a false positive"
						   : linker_title_unaffected(who->adv)
							   ? "its title says it is not affected"
						   : who->fine_only == LINKER_PAGE_FINE
							   ? "it says the page is operating normally "
							     "and only relays another's trouble"
						   : who->fine_only == LINKER_PAGE_INFO
							   ? "it is posted for information only and "
							     "only relays another's trouble"
							   : "it says the page is not affected and "
							     "reports no trouble of its own"));
		return;
	}
	double content = score_refs(a, b, ev, &ref_pos);
	if (ev->veto) {
		return;
	}
	ev->claim = ref_pos;
	gint64 gap = linker_interval_gap(a, b);
	/* One incident page's updates stay one incident however far apart they
	 * came, as an explicit reference does (up to REF_MAX_GAP). */
	bool same_page = a->page_term != G_MAXUINT32 && a->page_term == b->page_term &&
			 TERM(l, a->page_term)->df <= PAGE_ITEMS_MAX &&
			 !page_threads_apart(l, a, b);
	bool same_cve = a->cve_term != G_MAXUINT32 && a->cve_term == b->cve_term &&
			TERM(l, a->cve_term)->df <= CVE_ITEMS_MAX;
	guint32 sec = same_cve || (a->cve_term != G_MAXUINT32 && b->cve_term != G_MAXUINT32)
			      ? G_MAXUINT32
			      : security_subject_shared(l, a, b);
	/* Else one tells of the subject the other's title gives its security event. */
	const Doc *told_by = NULL;
	bool told_title = false;
	if (sec == G_MAXUINT32 && !same_cve &&
	    (a->cve_term == G_MAXUINT32 || b->cve_term == G_MAXUINT32)) {
		sec = security_subject_told(l, a, b, &told_title);
		told_by = sec != G_MAXUINT32 ? b : NULL;
		if (told_by == NULL) {
			sec = security_subject_told(l, b, a, &told_title);
			told_by = sec != G_MAXUINT32 ? a : NULL;
		}
	}
	/* Else one names the vulnerability by its CVE id, the other by a name both give
	 * it ("POODLE"). */
	guint32 vname = G_MAXUINT32;
	if (sec == G_MAXUINT32 && !same_cve) {
		vname = vuln_name_shared(l, a, b);
	}
	/* Else one is a victim of the other's event that names no one. */
	const Doc *victim = NULL;
	if (sec == G_MAXUINT32 && !same_cve && vname == G_MAXUINT32 && (a->sec_cue || b->sec_cue)) {
		victim = third_party_security(l, a, b)   ? a
			 : third_party_security(l, b, a) ? b
							 : NULL;
	}
	if (gap > o->max_gap && !((ref_pos || same_page || same_cve) && gap <= REF_MAX_GAP) &&
	    !(victim != NULL && gap <= SECURITY_MAX_GAP) &&
	    !(sec != G_MAXUINT32 && gap <= SECURITY_MAX_GAP) &&
	    !(vname != G_MAXUINT32 && gap <= REF_MAX_GAP) &&
	    !(same_page && (a->sec_cue || b->sec_cue) && gap <= SECURITY_MAX_GAP)) {
		/* (A security event's own page is updated for weeks: "Cyber incident:
		 * systems shut down", then "... restored for most dealers" 13 days on.) */
		return;
	}
	guint32 named;
	bool apart;
	double text = score_text(l, a, b, ev, tb, &named, &apart);
	content += text;

	const char *region = NULL;
	bool meet = linker_regions_meet(a, b, &region);
	bool upstream_counted, sibling;
	content += score_upstream(l, a, b, ev, meet, region, named, &upstream_counted, &sibling);
	if (!upstream_counted && !ref_pos && !sibling && text > 0 &&
	    (quiet_apart(l, a, b, text) || quiet_apart(l, b, a, text))) {
		/* Monotone in the text, so a bound stays a bound (never with the
		 * quarter below: one discount of the words at most). */
		content -= text * (1.0 - BLAME_DISCORD_SCALE);
		REASON(ev, g_strdup_printf("but only %s names an upstream as what fails, and "
					   "neither states a cause, so their shared words count a "
					   "quarter", linker_short_id(quiet_apart(l, a, b, text) ? a : b)));
	}
	if (sibling && text > 0) {
		/* One's blame, or claim to share a cause, means another item open
		 * then of the provider or feed it names: the words they share are
		 * symptoms, and count as little as those of two different blames
		 * (monotone in the text, so a bound stays a bound). */
		content -= text * (1.0 - BLAME_DISCORD_SCALE);
		REASON(ev, g_strdup("so their shared words count a quarter"));
	}
	if (!upstream_counted && !ref_pos && !sibling && !apart) {
		/* One event named in a title and told by another feed, unless the
		 * words were found to tell two things (two causes, two blames, two
		 * sources' planned work: score_text()).  Under a bound @apart is
		 * false and the rest non-decreasing in the text: a bound stays one. */
		double r = named_event_link(l, a, b, text, ev);
		content += r;
	}
	/* The title term holds the source: equal terms, same feed and same title. */
	if (a->title_term != G_MAXUINT32 && a->title_term == b->title_term) {
		content += W_TITLE;
		ev->anchored = true;
		REASON(ev, g_strconcat("same title on '", a->adv->source, "'", NULL));
	}
	/* Updates of one incident page of the feed: one incident, whatever each
	 * update says (the first blames no one yet).  A page most of a feed's items
	 * link to is its overview, not an incident's. */
	ev->page = false;
	if (same_page) {
		content += W_PAGE;
		ev->anchored = true;
		ev->page = true;
		REASON(ev, g_strconcat("both are updates of one incident page on '",
				       a->adv->source, "'", NULL));
	}
	if (same_cve && !same_page) {
		/* Two advisories about one published vulnerability: one cause, however
		 * many vendors ship the software it is in. */
		content += W_REF;
		ev->anchored = true;
		REASON(ev, g_strdup_printf("both are about one published vulnerability, %s",
					   linker_term_surface(l, a->cve_term) + strlen("@cve:")));
	}
	if (sec != G_MAXUINT32 && !same_page) {
		/* Two titles of one security event's subject: the vulnerability, attack
		 * or breach everyone who runs the thing tells of for weeks. */
		content += W_REF;
		ev->anchored = true;
		const char *subject = linker_term_surface(l, sec) + strlen("@sec:");
		if (told_by == NULL) {
			REASON(ev, g_strdup_printf("both tell of a security event of '%s' in their "
						   "titles", subject));
		} else {
			const Doc *first = told_by == a ? b : a;
			/* "... tells of one too, and names it in its text", or "...
			 * names it, and its text tells of the event's wake" */
			REASON(ev, g_strdup_printf(
					   "%s's title tells of a security event of '%s'; %s's title %s",
					   linker_short_id(first), subject, linker_short_id(told_by),
					   told_by->sec_cue ? (told_title ? "tells of one too, and "
									    "names it in its title"
									  : "tells of one too, and "
									    "names it in its text")
							    : "names it, and its text tells of "
							      "the event's wake"));
		}
	}
	if (vname != G_MAXUINT32 && !same_page && gap <= REF_MAX_GAP) {
		/* One published vulnerability, told by its CVE id on one page and by
		 * its name on the other (both give the name). */
		content += W_REF;
		ev->anchored = true;
		const Doc *by_id = a->cve_term != G_MAXUINT32 ? a : b;
		REASON(ev, g_strdup_printf("both are about one published vulnerability: %s names "
					   "%s, and both name it '%s'",
					   linker_short_id(by_id),
					   linker_term_surface(l, by_id->cve_term) + strlen("@cve:"),
					   linker_term_surface(l, vname) + strlen("@vuln:")));
	}
	if (victim != NULL && !same_page) {
		/* One security event of those days, and a victim of it that names
		 * no one: as a blame of an upstream by its role (W_ROLE). */
		content += W_ROLE;
		ev->anchored = true;
		const Doc *event = victim == a ? b : a;
		REASON(ev, g_strdup_printf("%s's title tells of a security event that struck a "
					   "third party and names none; %s's, of '%s', is the only "
					   "one told then",
					   linker_short_id(victim), linker_short_id(event),
					   sec_subject_shown(l, event)));
	}
	ev->anchored |= ref_pos || upstream_counted;
	if (!ev->anchored && tb == NULL) {
		ev->anchored = same_provider_feeds(l, a, b, text, ev);
	}
	double context = score_context(l, a, b, ev, meet, region, gap);
	if (!ref_pos && !upstream_counted && a->own_region && b->own_region &&
	    regions_conflict(a, b)) {
		content *= REGION_CONFLICT_SCALE;
		REASON(ev, g_strconcat("but different regions ('", a->adv->region, "' and '",
				       b->adv->region, "')", NULL));
	} else if (!ref_pos && !upstream_counted && !same_page && a->upstream && b->upstream &&
		   regions_apart(a, b)) {
		/* Two pages blaming upstream trouble in places that never meet ("our
		 * cloud provider ... in US East", "... in Iowa"): two faults, whatever
		 * words their notices share. */
		content *= REGION_CONFLICT_SCALE;
		REASON(ev, g_strconcat("but they blame upstream trouble in places that do not meet ('",
				       (const char *)a->regions->pdata[0], "' and '",
				       (const char *)b->regions->pdata[0], "')", NULL));
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
