/*
 * From pairs to clusters: the candidates of an advisory (inverted index
 * inside its time window, ids, names, people's merges), the exploration of
 * its component over links at or above the threshold, and the guarded single
 * linkage that turns a component into clusters.
 *
 * Pure: no I/O, no clock, no logging.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linker/linker_private.h"

/* ---- candidates --------------------------------------------------------------- */

static inline bool
sort_less(const SortEntry *a, const SortEntry *b)
{
	return a->s < b->s || (a->s == b->s && a->doc < b->doc);
}

/* Sorts @a (@n entries) by (s, doc), with @tmp (@n entries) and @bounds
 * (SORT_BOUNDS(@n)) beside it, and returns whichever of @a and @tmp holds the
 * result.  A natural merge sort: docs are added feed by feed, a feed's items
 * newest first, so a posting or a batch is a few runs, each ascending or
 * strictly descending (reversed in place), short ones grown by insertion; the
 * runs are merged pairwise. */
SortEntry *
linker_sort_starts(SortEntry *a, SortEntry *tmp, guint n, guint *bounds)
{
	guint r = 0;
	bounds[r++] = 0;
	for (guint i = 0; i < n;) {
		guint j = i + 1;
		if (j < n && sort_less(&a[j], &a[i])) {
			while (j < n && sort_less(&a[j], &a[j - 1])) {
				j++;
			}
			for (guint x = i, y = j - 1; x < y; x++, y--) {
				SortEntry v = a[x];
				a[x] = a[y];
				a[y] = v;
			}
		} else {
			while (j < n && !sort_less(&a[j], &a[j - 1])) {
				j++;
			}
		}
		if (j - i < SORT_MIN_RUN && j < n) {
			guint stop = MIN(i + SORT_MIN_RUN, n);
			for (; j < stop; j++) {
				SortEntry v = a[j];
				guint k = j;
				for (; k > i && sort_less(&v, &a[k - 1]); k--) {
					a[k] = a[k - 1];
				}
				a[k] = v;
			}
		}
		bounds[r++] = j;
		i = j;
	}
	SortEntry *src = a, *dst = tmp;
	while (r > 2) { /* r - 1 runs, bounds[0..r-1] */
		guint w = 0;
		for (guint k = 0; k + 1 < r; k += 2) {
			guint lo = bounds[k], mid = bounds[k + 1];
			guint hi = k + 2 < r ? bounds[k + 2] : mid;
			guint x = lo, y = mid, o = lo;
			while (x < mid && y < hi) {
				dst[o++] = sort_less(&src[y], &src[x]) ? src[y++] : src[x++];
			}
			memcpy(dst + o, src + x, (mid - x) * sizeof(SortEntry));
			o += mid - x;
			memcpy(dst + o, src + y, (hi - y) * sizeof(SortEntry));
			bounds[w++] = lo;
		}
		bounds[w++] = n;
		r = w;
		SortEntry *t = src;
		src = dst;
		dst = t;
	}
	return src;
}

/* Sorts the posting of term @t by (start, doc) and drops the entries of
 * replaced docs: a doc no longer holding @t, a doc listed twice.  Then it
 * lists exactly the docs holding @t, whatever the history, which crowded()
 * counts on. */
static void
posting_sort(Linker *l, Posting *p, guint32 t)
{
	if (!p->dirty) {
		return;
	}
	const Span *spans = (const Span *)(void *)l->spans->data;
	guint len = p->len;
	SortEntry stack[2 * 64];
	guint stack_bounds[SORT_BOUNDS(64)];
	SortEntry *a = stack;
	guint *bounds = stack_bounds;
	if (len > 64) {
		a = g_new(SortEntry, 2 * (gsize)len);
		bounds = g_new(guint, SORT_BOUNDS(len));
	}
	for (guint i = 0; i < len; i++) {
		/* A replaced doc may have moved in time. */
		guint32 doc = p->docs[i].doc;
		gint64 s = spans[doc].s;
		a[i] = (SortEntry){ .s = s, .doc = doc, .smin = linker_start_minutes(s) };
	}
	const SortEntry *sorted = linker_sort_starts(a, a + len, len, bounds);
	/* Replacing an advisory can leave a duplicate entry (next to its twin once
	 * sorted, as the key is the doc's); drop it. */
	guint n = 0;
	for (guint i = 0; i < len; i++) {
		const SortEntry *v = &sorted[i];
		if (i > 0 && sorted[i - 1].doc == v->doc) {
			continue;
		}
		if (l->n_replaced == 0 || linker_doc_has_term(l->docs->pdata[v->doc], t)) {
			p->docs[n++] = (PostEntry){ .doc = v->doc, .smin = v->smin };
		}
	}
	if (a != stack) {
		g_free(a);
		g_free(bounds);
	}
	p->len = n;
	p->dirty = false;
}

/* The per-doc scratch arrays, grown to the docs held.  Kept between calls so
 * that linker_incident_for() costs its component, not a zeroed array per
 * advisory held: local[] is all 0 between calls, stamps only ever grow. */
void
linker_scratch_reserve(Linker *l, Cands *c)
{
	guint n = l->docs->len + 1;
	if (n > l->scratch_n) {
		guint cap = MAX(n, l->scratch_n * 2);
		l->scratch_local = g_renew(guint32, l->scratch_local, cap);
		l->scratch_stamp = g_renew(guint32, l->scratch_stamp, cap);
		l->scratch_dot = g_renew(double, l->scratch_dot, cap);
		memset(l->scratch_local + l->scratch_n, 0, (cap - l->scratch_n) * sizeof(guint32));
		memset(l->scratch_stamp + l->scratch_n, 0, (cap - l->scratch_n) * sizeof(guint32));
		l->scratch_named = g_renew(guint32, l->scratch_named, cap);
		l->scratch_keep = g_renew(guint32, l->scratch_keep, cap);
		memset(l->scratch_named + l->scratch_n, 0, (cap - l->scratch_n) * sizeof(guint32));
		memset(l->scratch_keep + l->scratch_n, 0, (cap - l->scratch_n) * sizeof(guint32));
		l->scratch_stamp2 = g_renew(guint32, l->scratch_stamp2, cap);
		l->scratch_dot2 = g_renew(double, l->scratch_dot2, cap);
		memset(l->scratch_stamp2 + l->scratch_n, 0, (cap - l->scratch_n) * sizeof(guint32));
		l->scratch_n = cap;
	}
	if (l->scratch_round > G_MAXUINT32 - 2 * n) {
		memset(l->scratch_stamp, 0, l->scratch_n * sizeof(guint32));
		memset(l->scratch_named, 0, l->scratch_n * sizeof(guint32));
		memset(l->scratch_keep, 0, l->scratch_n * sizeof(guint32));
		l->scratch_round = 0;
	}
	if (l->scratch_round2 > G_MAXUINT32 - 2 * n) {
		memset(l->scratch_stamp2, 0, l->scratch_n * sizeof(guint32));
		l->scratch_round2 = 0;
	}
	if (l->tops_n < l->docs->len) {
		guint cap = MAX(l->docs->len, l->tops_n * 2);
		l->tops = g_renew(CandTop, l->tops, cap);
		memset(l->tops + l->tops_n, 0, (cap - l->tops_n) * sizeof(CandTop));
		l->tops_n = cap;
	}
	c->list = g_array_new(FALSE, FALSE, sizeof(guint32));
	c->stamp = l->scratch_stamp;
	c->dot = l->scratch_dot;
	c->named = l->scratch_named;
	c->round = l->scratch_round;
	c->keep = l->scratch_keep;
	c->stamp2 = l->scratch_stamp2;
	c->dot2 = l->scratch_dot2;
	c->round2 = l->scratch_round2;
	c->stats = &l->stats;
	c->reach = NULL;
	c->first_only = 0;
	c->left = false;
}

void
linker_scratch_release(Linker *l, Cands *c)
{
	l->scratch_round = c->round;
	l->scratch_round2 = c->round2;
	g_array_unref(c->list);
	/* The kept candidates hold a kilobyte per flooded doc and are stale after the
	 * next add anyway. */
	linker_tops_free(l);
}

void
linker_tops_free(Linker *l)
{
	if (l->tops_held == 0) {
		return; /* nothing flooded: no walk over every doc per query */
	}
	l->tops_held = 0;
	for (guint i = 0; i < l->tops_n; i++) {
		g_clear_pointer(&l->tops[i].top, g_free);
		l->tops[i].gen = 0;
	}
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

/* cand_add() of a doc found naming or named by the doc (see Cands.named). */
static void
cand_add_named(Cands *c, guint32 doc)
{
	cand_add(c, doc);
	if (c->named != NULL) {
		c->named[doc] = c->round;
	}
}

/* cand_add_named() of every doc of posting @p (an id's, kept small). */
static void
cand_add_posting(Cands *c, const Posting *p)
{
	for (guint k = 0; k < p->len; k++) {
		cand_add_named(c, p->docs[k].doc);
	}
}

static void
cand_add_all_named(Cands *c, GArray *arr)
{
	if (arr == NULL) {
		return;
	}
	for (guint i = 0; i < arr->len; i++) {
		cand_add_named(c, g_array_index(arr, guint32, i));
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

/* The docs of @arr at most @gap from @d (0: overlapping it), as candidates
 * (cand_add_named() when @named). */
static void
add_within(Linker *l, const Doc *d, const GArray *arr, gint64 gap, bool named, Cands *c)
{
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		guint32 o = g_array_index(arr, guint32, k);
		if (linker_interval_gap(d, l->docs->pdata[o]) <= gap) {
			if (named) {
				cand_add_named(c, o);
			} else {
				cand_add(c, o);
			}
		}
	}
}

static void
add_overlapping(Linker *l, const Doc *d, GArray *arr, Cands *c)
{
	add_within(l, d, arr, 0, false, c);
}

/* Quiet pages that broke and recovered with a provider's incident, and such
 * incidents (cotime_link() in linker_score.c): the docs of the time buckets a
 * start at most GENERIC_LEAD apart may fall in, so timed. */
static void
cotime_candidates(Linker *l, const Doc *d, Cands *c)
{
	bool quiet = linker_cotime_quiet(d), origin = !quiet && linker_cotime_origin(d);
	if (!quiet && !origin) {
		return;
	}
	gint64 from = quiet ? d->s - GENERIC_LEAD : d->s - GENERIC_LAG;
	gint64 to = quiet ? d->s + GENERIC_LAG : d->s + GENERIC_LEAD;
	guint32 near[COTIME_CROWD_MAX];
	guint n = linker_window_docs(l, from, to, near, COTIME_CROWD_MAX);
	for (guint k = 0; n <= COTIME_CROWD_MAX && k < n; k++) {
		const Doc *od = l->docs->pdata[near[k]];
		if (quiet ? linker_cotime_origin(od) && linker_cotime_timed(d, od)
			  : linker_cotime_quiet(od) && linker_cotime_timed(od, d)) {
			cand_add(c, near[k]);
		}
	}
}

/* Role links (see role_blame()): the own docs of the providers @d may blame
 * (any provider, for a blame of an unnamed third party: generic_link()), and the
 * docs that may blame @d's own provider, overlapping @d. */
static void
role_candidates(Linker *l, const Doc *d, Cands *c)
{
	ProvMask targets = linker_blame_targets(l, d);
	for (guint p = 0; p < l->know.providers->len; p++) {
		if (prov_has(targets, p)) {
			add_overlapping(l, d, l->prov_docs[p], c);
		}
		if (prov_has(d->self_provider, p)) {
			add_overlapping(l, d, l->blame_docs[p], c);
		}
	}
}

/* Links to an ongoing incident of the same feed (see share_link()): a doc that
 * says it shares one's cause finds its feed's docs overlapping it, and any doc
 * finds its feed's docs that say so. */
static void
share_candidates(Linker *l, const Doc *d, Cands *c)
{
	if (d->source_term == G_MAXUINT32) {
		return;
	}
	gpointer key = GUINT_TO_POINTER(d->source_term + 1);
	if (d->shares) {
		add_overlapping(l, d, g_hash_table_lookup(l->by_source, key), c);
	}
	add_overlapping(l, d, g_hash_table_lookup(l->share_docs, key), c);
}

/* A provider's later posts about an event and the items they follow up (see
 * linker_followup()): the provider's own docs, of which those the rule takes.
 * Both ends list each other, so the component is the same from either. */
static void
followup_candidates(Linker *l, const Doc *d, Cands *c)
{
	/* A page's later items pointing back at its own (linker_later_own()). */
	GArray *later = g_array_new(FALSE, FALSE, sizeof(guint32));
	linker_later_candidates(l, d, later);
	for (guint k = 0; k < later->len; k++) {
		cand_add(c, g_array_index(later, guint32, k));
	}
	g_array_unref(later);
	if (!prov_any(d->self_provider)) {
		return;
	}
	/* An item naming no place follows up, or is followed up by, write-ups only. */
	bool placed = d->own_region || (d->regions != NULL && d->regions->len > 0);
	for (guint p = prov_next(d->self_provider, 0); p < l->know.providers->len;
	     p = prov_next(d->self_provider, p + 1)) {
		GArray *arr = l->prov_docs[p];
		for (guint k = 0; arr != NULL && k < arr->len; k++) {
			guint32 o = g_array_index(arr, guint32, k);
			const Doc *od = l->docs->pdata[o];
			if (!placed && !d->writeup && !od->writeup) {
				continue;
			}
			if (od != d && linker_followup(l, d, od, NULL)) {
				cand_add(c, o);
			}
		}
	}
}

static void thread_candidates(Linker *l, const Doc *d, Cands *c);
static void ticket_candidates(Linker *l, const Doc *d, Cands *c);
static bool linker_thread_closed(const Linker *l, const Doc *a, const Doc *b);
static bool thread_recovery_apart(const Doc *a, const Doc *b);

/* @a / @b rounded down, @b > 0. */
static gint64
floor_div(gint64 a, gint64 b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* The first entry of sorted @p starting at minute @m or later. */
static guint
posting_lower(const Posting *p, gint64 m)
{
	guint a = 0, b = p->len;
	while (a < b) {
		guint mid = (a + b) / 2;
		if ((gint64)p->docs[mid].smin < m) {
			a = mid + 1;
		} else {
			b = mid;
		}
	}
	return a;
}

/* Width of a crowd bucket, in minutes: max_gap, as the time buckets. */
static gint64
crowd_width(const Linker *l)
{
	return MAX(l->bucket_w / 60, 1);
}

/* True when more than CROWD_MAX docs of sorted @p started in crowd bucket @b
 * or the two beside it: the term is then too common around that time to say
 * which of them belong together, and finds none of them candidates (nor they
 * anyone through it).  Exact counts of the docs holding the term (see
 * posting_sort()), so the same whatever the history. */
static bool
crowded(const Linker *l, const Posting *p, gint64 b)
{
	if (p->len <= CROWD_MAX) {
		return false;
	}
	gint64 w = crowd_width(l);
	return posting_lower(p, (b + 2) * w) - posting_lower(p, (b - 1) * w) > CROWD_MAX;
}

/* True when term @t finds candidates (candidates()' scan of its posting), with
 * its weight in @ret_w: held by another doc too (a term only the doc scanning it
 * holds finds no one: its posting, once sorted, lists that doc alone; most
 * 3-word phrases are such, and their postings were a cache miss each), not by
 * more than @df_max docs, and not weightless (at chance in time, or everywhere),
 * since sharing it adds nothing to any score. */
static bool
term_finds(const Linker *l, guint32 t, guint32 df_max, double *ret_w)
{
	guint32 df = TERM(l, t)->df;
	if (df > df_max || df < 2) {
		return false;
	}
	double w = linker_weight_of(l, &l->idf, t);
	*ret_w = w;
	return TERM(l, t)->n == 0 || w != 0;
}

/* The docs term @t (weight @w, one that finds candidates) finds for @d (with a
 * time) inside its window; see candidates(). */
static inline void
term_candidates(Linker *l, const Doc *d, guint32 t, double w, Cands *c)
{
	const Span *spans = (const Span *)(void *)l->spans->data;
	gint64 cw = crowd_width(l);
	Posting *p = &TERM(l, t)->post;
	posting_sort(l, p, t);
	if (crowded(l, p, floor_div(linker_start_minutes(d->s), cw))) {
		c->crowded += w * w;
		c->stats->crowded++;
		return;
	}
	gint64 lo = d->s - l->opts.max_gap - p->max_span;
	gint64 hi = d->e + l->opts.max_gap;
	/* First entry with start >= lo, to the minute: one before it
	 * in the same minute ends before the window anyway. */
	gint32 lo_min = linker_start_minutes(lo);
	guint a = 0, b = p->len;
	while (a < b) {
		guint mid = (a + b) / 2;
		if (p->docs[mid].smin < lo_min) {
			a = mid + 1;
		} else {
			b = mid;
		}
	}
	/* Bucket by bucket: a crowded one is jumped over (its docs do
	 * not find d through this term either). */
	gint64 bucket_end = G_MININT64;
	bool skipped = false;
	for (guint k = a; k < p->len; k++) {
		guint32 o = p->docs[k].doc;
		const Span *os = &spans[o];
		if (os->s > hi) {
			break;
		}
		gint64 sm = p->docs[k].smin;
		if (sm >= bucket_end) {
			gint64 ob = floor_div(sm, cw);
			bucket_end = (ob + 1) * cw;
			if (crowded(l, p, ob)) {
				skipped = true;
				k = posting_lower(p, bucket_end) - 1; /* > k - 1 */
				continue;
			}
		}
		if (os->e >= d->s - l->opts.max_gap) {
			cand_add(c, o);
			c->dot[o] += w * w;
		}
	}
	if (skipped) {
		c->crowded += w * w;
		c->stats->crowded++;
	}
}

/* True when the docs holding word term @w (a security event's subject, Doc.sec_words)
 * are listed and few enough to look at: the same test on both sides of a pair, so it
 * is found from either (candidates(), sec_word_candidates()). */
static bool
sec_word_listed(const Linker *l, guint32 w)
{
	const Posting *p = &TERM(l, w)->post;
	return !p->absent && TERM(l, w)->df <= SECURITY_WORD_DOCS_MAX;
}

/* The docs whose title gives a security event the subject @d's word term @w names
 * (Linker.sec_by_word), up to SECURITY_MAX_GAP apart: the pair security_subject_told()
 * scores, found from the side of the text that names it. */
static void
sec_word_candidates(Linker *l, const Doc *d, guint32 w, Cands *c)
{
	if (!sec_word_listed(l, w)) {
		return;
	}
	const GArray *arr = g_hash_table_lookup(l->sec_by_word, GUINT_TO_POINTER(w + 1));
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		guint32 o = g_array_index(arr, guint32, k);
		if (linker_interval_gap(d, l->docs->pdata[o]) <= SECURITY_MAX_GAP) {
			cand_add_named(c, o);
		}
	}
}

/* The docs of @list (Linker.sec_cued or sec_anchors) up to SECURITY_MAX_GAP from @d:
 * a security event's victims that name no one and the events they may mean
 * (third_party_security() in linker_score.c), each found from both sides; none past
 * SECURITY_TITLES_MAX security titles (the rule holds none then). */
static void
sec_list_candidates(Linker *l, const Doc *d, const GArray *list, Cands *c)
{
	if (l->sec_cued->len <= SECURITY_TITLES_MAX) {
		add_within(l, d, list, SECURITY_MAX_GAP, true, c);
	}
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
	guint32 df_max = linker_cand_df_max(l);

	c->round++;
	g_array_set_size(c->list, 0);
	c->stamp[di] = c->round; /* never itself */
	c->crowded = 0;
	/* The dense arrays when linker_incidents() filled them (see Linker.tinfo). */
	const guint8 *tinfo = l->tinfo_gen == l->gen + 1 ? l->tinfo : NULL;
	if (d->s != SW_TIME_NONE && tinfo != NULL && l->tnear_gen == l->gen + 1) {
		/* Only the terms through which it may find another doc (see
		 * linker_explore_near()): the others' scans would find only itself. */
		const guint32 *bits = l->tnear_bits + l->tnear_off[di];
		for (guint wi = 0; wi * 32 < d->nterms; wi++) {
			for (guint32 m = bits[wi]; m != 0; m &= m - 1) {
				guint32 t = d->terms[wi * 32 + (guint)__builtin_ctz(m)];
				term_candidates(l, d, t, l->w_cache[t], c);
			}
		}
	} else if (d->s != SW_TIME_NONE) {
		for (guint i = 0; i < d->nterms; i++) {
			guint32 t = d->terms[i];
			double w;
			if (tinfo != NULL) {
				if (!(tinfo[t] & TINFO_FINDS)) {
					continue;
				}
				w = l->w_cache[t];
			} else if (!term_finds(l, t, df_max, &w)) {
				continue;
			}
			term_candidates(l, d, t, w, c);
		}
	}
	c->n_terms = c->list->len;
	guint32 names[2];
	guint nnames = d->s != SW_TIME_NONE ? linker_source_names(d, names) : 0;
	for (guint j = 0; j < nnames; j++) {
		/* Docs naming d's source (by its name word or the name its feed
		 * declares, SourceInfo.alias), inside the window. */
		const Posting *p = &TERM(l, names[j])->post;
		for (guint k = 0; k < p->len; k++) {
			guint32 o = p->docs[k].doc;
			if (linker_interval_gap(d, l->docs->pdata[o]) <= l->opts.max_gap) {
				cand_add_named(c, o);
			}
		}
	}
	if (d->s != SW_TIME_NONE) {
		/* Sources d names (by their name word, or the name their feed
		 * declares), inside the window. */
		for (guint i = 0; i < d->nterms; i++) {
			guint32 t = d->terms[i];
			guint8 f;
			if (tinfo != NULL) {
				f = tinfo[t];
			} else {
				const Term *tm = TERM(l, t);
				f = (tm->is_source ? TINFO_SOURCE : 0) |
				    ((tm->flag & TERM_ALIAS) ? TINFO_ALIAS : 0) |
				    ((tm->flag & TERM_SEC_WORD) ? TINFO_SEC_WORD : 0);
			}
			if (f & TINFO_SEC_WORD) {
				sec_word_candidates(l, d, t, c);
			}
			if (f & TINFO_SOURCE) {
				GArray *arr =
					g_hash_table_lookup(l->by_source, GUINT_TO_POINTER(t + 1));
				for (guint k = 0; arr != NULL && k < arr->len; k++) {
					guint32 o = g_array_index(arr, guint32, k);
					const Doc *od = l->docs->pdata[o];
					if (linker_interval_gap(d, od) <= l->opts.max_gap) {
						cand_add_named(c, o);
					}
				}
			}
			if (f & TINFO_ALIAS) {
				const GPtrArray *feeds =
					g_hash_table_lookup(l->by_alias, GUINT_TO_POINTER(t + 1));
				for (guint m = 0; feeds != NULL && m < feeds->len; m++) {
					const SourceInfo *si = feeds->pdata[m];
					for (guint k = 0; si != d->si && k < si->docs->len; k++) {
						guint32 o = g_array_index(si->docs, guint32, k);
						const Doc *od = l->docs->pdata[o];
						if (linker_interval_gap(d, od) <= l->opts.max_gap) {
							cand_add_named(c, o);
						}
					}
				}
			}
		}
	}
	if (d->s != SW_TIME_NONE) {
		role_candidates(l, d, c);
		cotime_candidates(l, d, c);
		share_candidates(l, d, c);
		followup_candidates(l, d, c);
		thread_candidates(l, d, c);
	}
	ticket_candidates(l, d, c);
	for (guint i = 0; d->refs != NULL && i < d->refs->len; i++) {
		gpointer v = g_hash_table_lookup(l->by_id, g_array_index(d->refs, Ref, i).id_lower);
		if (v != NULL && linker_id_docs_single(v)) {
			cand_add_named(c, (guint32)(GPOINTER_TO_SIZE(v) >> 1));
		} else {
			cand_add_all_named(c, v);
		}
	}
	if (d->id_lower[0] != '\0') {
		cand_add_all_named(c, g_hash_table_lookup(l->mentions, d->id_lower));
	}
	if (d->page_term != G_MAXUINT32 && TERM(l, d->page_term)->df <= PAGE_ITEMS_MAX) {
		/* The other updates of its incident page, however late they came (a
		 * provider's incident report a day or two after "RESOLVED"). */
		cand_add_posting(c, &TERM(l, d->page_term)->post);
	}
	if (d->cve_term != G_MAXUINT32 && TERM(l, d->cve_term)->df <= CVE_ITEMS_MAX) {
		/* The other advisories about the same vulnerability, days apart. */
		cand_add_posting(c, &TERM(l, d->cve_term)->post);
	}
	for (guint i = 0; i < d->nvuln; i++) {
		/* The others naming its vulnerability, one by its CVE id
		 * (linker_score_pair()), days apart. */
		if (TERM(l, d->vuln_terms[i])->df <= VULN_NAME_ITEMS_MAX) {
			cand_add_posting(c, &TERM(l, d->vuln_terms[i])->post);
		}
	}
	if (d->sec_cue && d->s != SW_TIME_NONE) {
		sec_list_candidates(l, d, l->sec_anchors, c);
		for (guint i = 0; i < d->nsec; i++) {
			if (d->sec_words[i] != G_MAXUINT32) {
				sec_list_candidates(l, d, l->sec_cued, c);
				break;
			}
		}
	}
	for (guint i = 0; i < d->nsec; i++) {
		/* The other titles naming its security event's subject, days apart. */
		if (TERM(l, d->sec_terms[i])->df <= SECURITY_ITEMS_MAX) {
			cand_add_posting(c, &TERM(l, d->sec_terms[i])->post);
		}
		/* And the texts naming it (security_subject_told()), the same days;
		 * sec_word_candidates() finds the pair from their side. */
		guint32 w = d->sec_words[i];
		if (d->s != SW_TIME_NONE && w != G_MAXUINT32 && sec_word_listed(l, w)) {
			const Posting *p = &TERM(l, w)->post;
			for (guint k = 0; k < p->len; k++) {
				guint32 o = p->docs[k].doc;
				if (linker_interval_gap(d, l->docs->pdata[o]) <= SECURITY_MAX_GAP) {
					cand_add_named(c, o);
				}
			}
		}
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

void
linker_set_stop(Linker *l, const gint *stop)
{
	l->stop = stop;
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

/* ---- the cap on candidates -------------------------------------------------------- */

/* A candidate as a flooded doc ranks it: the weight of the terms through which
 * it was found (rounded, so that the order of a floating-point sum, which
 * follows term ids and so arrival order, cannot tip it), then nearness in
 * time, then the key. */
typedef struct {
	gint64 dot;
	guint64 dist;
	guint32 doc;
} Ranked;

/* < 0 when @a ranks before (is kept before) @b.  (The key, read from the Doc,
 * only on a tie of the rest: a flood's candidates are ranked by the thousand.) */
static int
cmp_ranked(const Linker *l, const Ranked *a, const Ranked *b)
{
	if (a->dot != b->dot) {
		return a->dot > b->dot ? -1 : 1;
	}
	if (a->dist != b->dist) {
		return a->dist < b->dist ? -1 : 1;
	}
	return strcmp(((const Doc *)l->docs->pdata[a->doc])->key,
		      ((const Doc *)l->docs->pdata[b->doc])->key);
}

static void
heap_sift_down(const Linker *l, Ranked *h, guint n, guint i)
{
	for (;;) {
		guint m = i, a = 2 * i + 1, b = a + 1;
		if (a < n && cmp_ranked(l, &h[a], &h[m]) > 0) {
			m = a;
		}
		if (b < n && cmp_ranked(l, &h[b], &h[m]) > 0) {
			m = b;
		}
		if (m == i) {
			return;
		}
		Ranked t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* Doc @xi's CandTop if computed as of now, else NULL.  (Under Linker.tops_lock:
 * the threads of linker_incidents() fill tops[] as they go; an entry once computed
 * does not change until linker_tops_free().) */
static const CandTop *
top_known(Linker *l, guint32 xi)
{
	g_mutex_lock(&l->tops_lock);
	const CandTop *ct = l->tops[xi].gen == l->gen + 1 ? &l->tops[xi] : NULL;
	g_mutex_unlock(&l->tops_lock);
	return ct;
}

/* Makes @fresh doc @xi's CandTop, unless another thread has put the same there
 * meanwhile; returns the one held. */
static const CandTop *
top_publish(Linker *l, guint32 xi, CandTop *fresh)
{
	g_mutex_lock(&l->tops_lock);
	CandTop *ct = &l->tops[xi];
	if (ct->gen != l->gen + 1) {
		if (ct->top != NULL) {
			g_free(ct->top);
			l->tops_held--;
		}
		*ct = *fresh;
		l->tops_held += fresh->top != NULL;
	} else {
		g_free(fresh->top);
	}
	g_mutex_unlock(&l->tops_lock);
	return ct;
}

/* Doc @xi's CandTop from its candidates @c: how many were found through terms
 * and, when more than CANDIDATES_MAX, the CANDIDATES_MAX it ranks first (a heap
 * of the best so far, worst on top: most candidates of a flood lose against its
 * top at once). */
static const CandTop *
top_fill(Linker *l, guint32 xi, const Cands *c)
{
	CandTop fresh = {.gen = l->gen + 1, .n = c->n_terms};
	CandTop *ct = &fresh;
	if (ct->n <= CANDIDATES_MAX) {
		return top_publish(l, xi, ct);
	}
	const Span *spans = (const Span *)(void *)l->spans->data;
	gint64 xs = spans[xi].s;
	Ranked *heap = g_new(Ranked, CANDIDATES_MAX);
	guint n = 0;
	for (guint i = 0; i < c->n_terms; i++) {
		guint32 o = g_array_index(c->list, guint32, i);
		gint64 os = spans[o].s;
		Ranked r = {
			.dot = (gint64)round(c->dot[o] * 1e6),
			.dist = xs > os ? (guint64)xs - (guint64)os : (guint64)os - (guint64)xs,
			.doc = o,
		};
		if (n < CANDIDATES_MAX) {
			/* Sift up. */
			guint k = n++;
			heap[k] = r;
			while (k > 0 && cmp_ranked(l, &heap[(k - 1) / 2], &heap[k]) < 0) {
				Ranked t = heap[k];
				heap[k] = heap[(k - 1) / 2];
				heap[(k - 1) / 2] = t;
				k = (k - 1) / 2;
			}
		} else if (cmp_ranked(l, &r, &heap[0]) < 0) {
			heap[0] = r;
			heap_sift_down(l, heap, n, 0);
		}
	}
	ct->top = g_new(guint32, CANDIDATES_MAX);
	for (guint i = 0; i < CANDIDATES_MAX; i++) {
		ct->top[i] = heap[i].doc;
	}
	qsort(ct->top, CANDIDATES_MAX, sizeof(guint32), linker_cmp_u32);
	g_free(heap);
	return top_publish(l, xi, ct);
}

/* True when @ct keeps doc @o: it is not flooded, or @o is among its kept. */
static bool
top_keeps(const CandTop *ct, guint32 o)
{
	return ct->top == NULL ||
	       bsearch(&o, ct->top, CANDIDATES_MAX, sizeof(guint32), linker_cmp_u32) != NULL;
}

/* The CandTop of doc @oi as of now, computed with @c's second Cands (@list2:
 * its list, made on first use) unless known. */
static const CandTop *
cand_top(Linker *l, Cands *c, guint32 oi, GArray **list2)
{
	const CandTop *ct = top_known(l, oi);
	if (ct != NULL) {
		return ct;
	}
	if (*list2 == NULL) {
		*list2 = g_array_new(FALSE, FALSE, sizeof(guint32));
	}
	Cands c2 = {.list = *list2, .stamp = c->stamp2, .dot = c->dot2, .round = c->round2,
		    .stats = c->stats};
	candidates(l, oi, &c2);
	c->round2 = c2.round;
	return top_fill(l, oi, &c2);
}

/* True when @a names @b: its id, or the name word of @b's feed, another than
 * @a's.  (Asked of most candidates of a flooded doc: the cached names_other
 * answers the second part for nearly all.) */
static bool
names_doc(const Linker *l, const Doc *a, const Doc *b)
{
	for (guint i = 0; a->refs != NULL && b->id_lower[0] != '\0' && i < a->refs->len; i++) {
		const Ref *r = &g_array_index(a->refs, Ref, i);
		if (r->hash == b->id_hash && strcmp(r->id_lower, b->id_lower) == 0) {
			return true;
		}
	}
	return b->source_term != G_MAXUINT32 && b->source_term != a->source_term &&
	       linker_doc_weights(l, a).names_other && linker_doc_has_term(a, b->source_term);
}

guint
linker_capped_of(const Linker *l, guint32 doc)
{
	if (doc >= l->tops_n || l->tops[doc].gen != l->gen + 1 || l->tops[doc].top == NULL) {
		return 0;
	}
	return l->tops[doc].n;
}

/*
 * Whether a pair found through terms is compared (cand_keep(), in parts in
 * linker_explore()): when each end keeps the other (top_keeps()), or when
 * one names the other, which no flood hides.  A function of the pair and of
 * what is held, the same from either end, so the component explored is the
 * same whichever doc it starts from and whatever order docs came in.  Only
 * a doc with more than CANDIDATES_MAX candidates drops any.
 */

/* ---- components and clusters ---------------------------------------------------- */



static int
cmp_edge_b(const void *pa, const void *pb)
{
	guint32 x = ((const Edge *)pa)->b, y = ((const Edge *)pb)->b;
	return x < y ? -1 : x > y;
}

/* Notes in c->reach (when kept) that the exploration from @start reached @doc. */
static void
reach_mark(Cands *c, guint32 doc, guint32 start)
{
	if (c->reach == NULL) {
		return;
	}
	/* Racy between threads by design: a hint for which starts to skip, never
	 * what decides an answer (see linker_incidents()). */
	gint r = g_atomic_int_get(&c->reach[doc]);
	if (r == 0 || (guint32)r > start + 1) {
		g_atomic_int_set(&c->reach[doc], (gint)(start + 1));
	}
}

/* A bound on the text score of a doc and candidate @oi (linker_score_pair()): the
 * shared terms the scan saw (Cands.dot), plus at most the lighter side's common
 * terms, a hair over for the order of the sums; @a and @b the two docs' weights. */
static TextBound
text_bound(const Cands *c, guint32 oi, const DocWeights *a, const DocWeights *b)
{
	double ub = (c->dot[oi] + MIN(a->common, b->common) + c->crowded) * (1.0 + 1e-9) + 1e-12;
	return (TextBound){
		.text = TEXT_SCALE * ub /
			sqrt(MAX(a->mass, TEXT_MIN_MASS) * MAX(b->mass, TEXT_MIN_MASS)),
		.named = a->names_other && b->names_other,
	};
}

/* Explores the component of @start over links and forced pairs.  @local maps
 * doc index → local index + 1 for docs already reached (reset by the caller). */
void
linker_explore(Linker *l, guint32 start, Component *comp, guint32 *local, Cands *c)
{
	GArray *pending = g_array_new(FALSE, FALSE, sizeof(Edge));
	GArray *hits = g_array_new(FALSE, FALSE, sizeof(Edge));
	GArray *list2 = NULL; /* see cand_top() */

	g_array_append_val(comp->nodes, start);
	local[start] = 1;
	reach_mark(c, start, start);
	for (guint qi = 0; qi < comp->nodes->len; qi++) {
		if (l->stop != NULL && g_atomic_int_get(l->stop) != 0) {
			/* Asked to stop (linker_set_stop()): the answer is discarded, so
			 * the component is left as far as it got.  One node's candidates
			 * are scored in well under a second even on a hostile window. */
			break;
		}
		if (c->left) {
			break; /* not the first of its component: see Cands.first_only */
		}
		guint32 di = g_array_index(comp->nodes, guint32, qi);
		const Doc *d = l->docs->pdata[di];
		candidates(l, di, c);
		const CandTop *dtop = top_known(l, di);
		if (dtop == NULL) {
			dtop = top_fill(l, di, c);
		}
		if (dtop->top != NULL) {
			/* Flooded: only the kept, and those it names or that name it
			 * (see cand_keep()), stay on the list, in its order. */
			c->stats->capped++;
			for (guint k = 0; k < CANDIDATES_MAX; k++) {
				c->keep[dtop->top[k]] = c->round;
			}
			guint32 *v = (guint32 *)(void *)c->list->data;
			guint m = 0, mt = 0;
			for (guint k = 0; k < c->list->len; k++) {
				guint32 o = v[k];
				if (k >= c->n_terms || c->keep[o] == c->round ||
				    c->named[o] == c->round) {
					v[m++] = o;
					mt += k < c->n_terms;
				}
			}
			g_array_set_size(c->list, m);
			c->n_terms = mt;
		}
		DocWeights dwd = linker_doc_weights(l, d);
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
			if (o->note && comp->notes != NULL) {
				g_array_append_val(comp->notes, oi);
			}
			bool forced = is_forced(l, d, o);
			/* Found through terms: compared when both ends keep each other
			 * (see cand_keep()); d's side first, o's only if it links. */
			bool capped = !forced && k < c->n_terms;
			if (capped && c->named[oi] == c->round &&
			    (names_doc(l, d, o) || names_doc(l, o, d))) {
				capped = false;
			} else if (capped && dtop->top != NULL && c->keep[oi] != c->round) {
				continue; /* listed as named, but no longer names */
			}
			Evidence ev = {0};
			c->stats->pairs += !forced;
			if (!forced) {
				bool ordered = d->key_head[0] != o->key_head[0]
						       ? d->key_head[0] < o->key_head[0]
					       : d->key_head[1] != o->key_head[1]
						       ? d->key_head[1] < o->key_head[1]
						       : strcmp(d->key, o->key) < 0;
				const Doc *x = ordered ? d : o, *y = ordered ? o : d;
				if (in_window(l, d, oi)) {
					/* First against a bound on the text (text_bound()):
					 * most pairs in a dense window stop here. */
					DocWeights dwo = linker_doc_weights(l, o);
					TextBound tb = text_bound(c, oi, &dwd, &dwo);
					linker_score_pair(l, x, y, &ev, &tb);
					if (!ev.veto &&
					    (ev.score >= l->opts.threshold || ev.page)) {
						c->stats->scored++;
						linker_score_pair(l, x, y, &ev, NULL);
					}
				} else {
					c->stats->scored++;
					linker_score_pair(l, x, y, &ev, NULL);
				}
			}
			bool edge = forced ||
				    (!ev.veto && (ev.score >= l->opts.threshold || ev.page));
			/* One provider's event told on several of its items: a link
			 * whatever their shared words score (see linker_sibling()). */
			bool sibling = !forced && !ev.veto && !ev.page &&
				       (linker_sibling(l, d, o, NULL) || linker_followup(l, d, o, NULL));
			edge |= sibling;
			if (edge && !forced && !sibling && !ev.page && !ev.claim &&
			    (linker_own_places_apart(l, d, o) || linker_own_later_apart(l, d, o) ||
			     linker_thread_closed(l, d, o) || thread_recovery_apart(d, o))) {
				/* two places' or two causes' faults of one provider, a feed's
				 * new fault of a subject it said was over, or its recovery
				 * post of another subject */
				edge = false;
			}
			/* A provider's item saying no cause, begun during its event:
			 * weighed last (see linker_cluster()). */
			bool quiet = !edge && !forced && !ev.veto && linker_quiet_sibling(l, d, o, NULL);
			edge |= quiet;
			if (!edge && !ev.veto) {
				continue;
			}
			if (capped && !top_keeps(cand_top(l, c, oi, &list2), di)) {
				continue; /* o, flooded, keeps others (see cand_keep()) */
			}
			if (!edge) {
				/* A veto does not join a component; kept by doc index until the
				 * component is known. */
				Edge e = {.a = di, .b = oi};
				g_array_append_val(pending, e);
				continue;
			}
			Edge e = {.a = qi,
				  .b = oi,
				  .score = sibling ? MAX(ev.score, l->opts.threshold) : ev.score,
				  .forced = forced,
				  .anchored = ev.anchored || sibling,
				  .page = ev.page,
				  .claim = ev.claim,
				  .names_source = ev.names_source,
				  .sibling = sibling,
				  .quiet = quiet};
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
				c->left |= oi + 1 < c->first_only;
				reach_mark(c, oi, start);
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
	if (list2 != NULL) {
		g_array_unref(list2);
	}
}


/* True when the titles of @n and @o share a word other than a feed's name ("Not
 * affected: Codecov Bash Uploader incident", "Security incident: Bash Uploader script
 * modified"): what settles which of a provider's incidents a note means. */
bool
linker_titles_share(const Doc *n, const Doc *o)
{
	guint i = 0, j = 0;
	while (i < n->nnames && j < o->nnames) {
		guint32 a = n->names[i], b = o->names[j];
		if (a < b) {
			i++;
		} else if (a > b) {
			j++;
		} else {
			if (a != n->source_term && a != o->source_term) {
				return true;
			}
			i++;
			j++;
		}
	}
	return false;
}

/* The first of @a (@na term ids) that @b (@nb) holds too, or G_MAXUINT32. */
static guint32
first_shared(const guint32 *a, guint na, const guint32 *b, guint nb)
{
	for (guint i = 0; i < na; i++) {
		for (guint j = 0; j < nb; j++) {
			if (a[i] == b[j]) {
				return a[i];
			}
		}
	}
	return G_MAXUINT32;
}

/*
 * The docs a note (Doc.note) may be about: its candidates (candidates()), each
 * with the firmest kind of evidence it has (NoteTier), scored as if @ni were not
 * a note (linker_score_pair() returns at once for one).  Not other notes nor any
 * doc that is no incident.  Appends NoteCand to @ret, in candidate order.  Flips
 * Doc.not_incident of @ni for the scoring and back: call it from one thread.
 */
void
linker_note_candidates(Linker *l, guint32 ni, Cands *c, GArray *ret)
{
	Doc *n = l->docs->pdata[ni];

	if (!n->note || n->s == SW_TIME_NONE) {
		return;
	}
	candidates(l, ni, c);
	DocWeights dwn = linker_doc_weights(l, n);
	/* The providers it names or blames, not its own: the trouble it relays. */
	ProvMask named = prov_andnot(prov_or(n->denied, n->providers), n->self_provider);
	/* A notice as a whole (its title says it is not affected, or it says the page is
	 * fine or only informs) is tied by a provider it names or by its score; any other
	 * note ("it says the page is not affected and reports no trouble of its own")
	 * only by a provider its title names ("Reports of an OVH outage") or whose item's
	 * title shares a word with its title, a reference
	 * or the security event it names: such a page may tell trouble of its own the
	 * linker did not see ("Dashboard unavailable ... we do not run on Google Cloud
	 * and this incident is unrelated"). */
	bool whole = !n->disclaims && !n->own_cause &&
		     (linker_title_unaffected(n->adv) || n->fine_only != LINKER_PAGE_TROUBLE);
	n->not_incident = false;
	for (guint k = 0; k < c->list->len; k++) {
		guint32 oi = g_array_index(c->list, guint32, k);
		const Doc *o = l->docs->pdata[oi];
		if (o->not_incident || o->note || o->s == SW_TIME_NONE) {
			continue;
		}
		NoteCand nc = {.doc = oi, .tier = NOTE_TIER_NONE, .what = G_MAXUINT32};
		/* The vulnerability or security event it names: the same CVE id, or a
		 * subject or vulnerability name both give (linker_security.c), in the
		 * weeks such an event is told. */
		if (ABS(n->s - o->s) <= SECURITY_MAX_GAP) {
			if (n->cve_term != G_MAXUINT32 && n->cve_term == o->cve_term) {
				nc.tier = NOTE_TIER_SECURITY;
				nc.what = n->cve_term;
			}
			guint32 shared = nc.tier == NOTE_TIER_NONE
						 ? first_shared(n->sec_terms, n->nsec, o->sec_terms, o->nsec)
						 : G_MAXUINT32;
			if (shared == G_MAXUINT32 && nc.tier == NOTE_TIER_NONE) {
				shared = first_shared(n->vuln_terms, n->nvuln, o->vuln_terms,
						      o->nvuln);
			}
			if (shared != G_MAXUINT32) {
				nc.tier = NOTE_TIER_SECURITY;
				nc.what = shared;
			}
		}
		/* A provider it names or blames, whose own item or another's blame of
		 * it is under way then. */
		bool titled = (o->source_term != G_MAXUINT32 && o->source_term != n->source_term &&
			       n->nnames > 0 &&
			       bsearch(&o->source_term, n->names, n->nnames, sizeof(guint32),
				       linker_cmp_u32) != NULL) ||
			      linker_titles_share(n, o);
		if (nc.tier == NOTE_TIER_NONE && o->si != n->si && !o->disclaims &&
		    (whole || titled) &&
		    linker_interval_gap(n, o) <= l->opts.max_gap) {
			ProvMask hit = prov_and(named, prov_or(o->self_provider, o->cause_providers));
			if (prov_any(hit)) {
				nc.tier = NOTE_TIER_PROVIDER;
				nc.what = prov_first(hit);
			} else if (o->source_term != G_MAXUINT32 && o->source_term != n->source_term &&
				   linker_doc_has_term(n, o->source_term)) {
				/* a feed it names by its name word, of a provider the
				 * knowledge may not list ("Codecov") */
				nc.tier = NOTE_TIER_PROVIDER;
			}
			if (nc.tier == NOTE_TIER_PROVIDER && n->sec_cue && o->sec_cue) {
				/* both tell of a security event, and it names the
				 * provider: that provider's security event, not its
				 * other trouble of the day */
				nc.tier = NOTE_TIER_SECURITY;
				nc.what = G_MAXUINT32;
			}
		}
		bool ordered = strcmp(n->key, o->key) < 0;
		const Doc *x = ordered ? n : o, *y = ordered ? o : n;
		Evidence ev = {0};
		if (in_window(l, n, oi)) {
			/* First against a bound on the text, as linker_explore() does. */
			DocWeights dwo = linker_doc_weights(l, o);
			TextBound tb = text_bound(c, oi, &dwn, &dwo);
			linker_score_pair(l, x, y, &ev, &tb);
			if (!ev.veto && (ev.score >= l->opts.threshold || ev.page || ev.claim)) {
				linker_score_pair(l, x, y, &ev, NULL);
			}
		} else {
			linker_score_pair(l, x, y, &ev, NULL);
		}
		if (ev.veto) {
			continue; /* it says it is not that one's */
		}
		nc.score = ev.score;
		if (ev.claim) {
			nc.tier = NOTE_TIER_REF;
		} else if (nc.tier == NOTE_TIER_NONE && whole &&
			   (ev.score >= l->opts.threshold || ev.page)) {
			nc.tier = NOTE_TIER_SCORE;
		}
		if (nc.tier != NOTE_TIER_NONE) {
			g_array_append_val(ret, nc);
		}
	}
	n->not_incident = true;
}

guint32
linker_sets_find(Sets *s, guint32 x)
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
	a = linker_sets_find(s, a);
	b = linker_sets_find(s, b);
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

typedef struct ClusterCause ClusterCause;

typedef struct {
	Linker *linker;
	Component *comp;
	const ClusterCause *cause; /* per local node, before any unite */
} EdgeSortCtx;

static bool edge_misfit(const EdgeSortCtx *ctx, const Edge *e);

static int
cmp_edges(const void *pa, const void *pb, void *user)
{
	const Edge *x = pa, *y = pb;
	EdgeSortCtx *ctx = user;
	if (x->forced != y->forced) {
		return x->forced ? -1 : 1;
	}
	/* Items saying no cause last: a quiet item joins its provider's event only
	 * once its own posts have told whether they state a cause after all. */
	if (x->quiet != y->quiet) {
		return x->quiet ? 1 : -1;
	}
	/* Then the updates of one incident page: they are one incident before any
	 * cause rule weighs a newcomer against it. */
	if (x->page != y->page) {
		return x->page ? -1 : 1;
	}
	/* Then one provider's items telling one event (linker_sibling()): what a
	 * person joins by its anchor before weighing anything else. */
	if (x->sibling != y->sibling) {
		return x->sibling ? -1 : 1;
	}
	/* Links that fit both ends' causes first: a symptom link between a blamer and
	 * an advisory that does not fit its blame is weighed once the incidents it
	 * would join have formed (see ClusterCause). */
	bool mx = edge_misfit(ctx, x), my = edge_misfit(ctx, y);
	if (mx != my) {
		return mx ? 1 : -1;
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
			if (linker_sets_find(s, g_array_index(nb, guint32, i)) == rb) {
				count++;
			}
		}
		x = s->next[x];
	} while (x != ra);
	return count;
}

/* cross_links(), remembered in *@counted until a cluster of the two changes
 * (*@version: per root, bumped by the caller on every unite; both made here
 * on first use, for a component of @n nodes).  Returns the record: [2] the
 * count; [3] and [4] voices_share()'s linked pairs and all pairs of feeds
 * once asked ([4] is 0 until then). */
static guint32 *
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
		return v;
	}
	if (v == NULL) {
		v = g_new(guint32, 5);
		g_hash_table_insert(*counted, g_memdup2(&key, sizeof(key)), v);
	}
	v[0] = (*version)[lo];
	v[1] = (*version)[hi];
	v[2] = cross_links(s, adj, ra, rb);
	v[3] = v[4] = 0;
	return v;
}

/* Whether the posts of @feed's feed in the smaller of clusters @ra and @rb go
 * on from its posts in the larger: each begins after every one of those began
 * and, of those, none is an incident the feed still runs (open, with a status
 * of its own: a page running two incidents at once keeps them apart), and a
 * closed one ended at most VOICES_GOES_ON before (a write-up of a date's
 * event, Doc.later_dated, counts as none of those: it looks back).  A bank's
 * "services restored" notice after its "services unavailable" goes on; a page's
 * next incident days after it closed the last, or an earlier post it kept
 * apart, does not. */
static bool
feed_goes_on(const Linker *l, const Component *comp, Sets *s, guint32 ra, guint32 rb,
	     const Doc *feed)
{
	if (s->size[ra] == s->size[rb]) {
		return false;
	}
	guint32 big = s->size[ra] > s->size[rb] ? ra : rb, small = big == ra ? rb : ra;
	gint64 last_start = G_MININT64, last_end = G_MININT64;
	guint32 x = big;
	do {
		const Doc *d = l->docs->pdata[g_array_index(comp->nodes, guint32, x)];
		/* (a write-up dating its event looks back: no bound on what goes on) */
		if (linker_same_feed(d, feed) && !d->later_dated) {
			const Advisory *a = d->adv;
			if (d->s == SW_TIME_NONE) {
				return false;
			}
			if (a->end != SW_TIME_NONE) {
				last_end = MAX(last_end, a->end);
			} else if (a->status != ADVISORY_STATUS_UNKNOWN &&
				   a->status != ADVISORY_STATUS_RESOLVED) {
				return false;
			}
			last_start = MAX(last_start, d->s);
		}
		x = s->next[x];
	} while (x != big);
	x = small;
	do {
		const Doc *d = l->docs->pdata[g_array_index(comp->nodes, guint32, x)];
		if (linker_same_feed(d, feed) &&
		    (d->s == SW_TIME_NONE || d->s <= last_start ||
		     (last_end != G_MININT64 && d->s - last_end > VOICES_GOES_ON))) {
			return false;
		}
		x = s->next[x];
	} while (x != small);
	return true;
}

/* Voices: one feed's several posts in a cluster speak as one (a provider's page
 * posting an update an hour as separate items).  When the member pairs across
 * @ra and @rb do not reach the share, the feeds' pairs may (VOICES_SHARE, or
 * MISFIT_SHARE for a newcomer that does not fit): sets @ret[0] to the
 * (feed of ra, feed of rb) pairs with at least one link and @ret[1] to all such
 * pairs.  Only for clusters of at most VOICES_MAX members together, when some
 * feed speaks more than once (else it is the member share again) and every feed
 * speaking on both sides goes on from one to the other (feed_goes_on(): then it
 * is linked to itself; else it kept its posts apart itself); else 0 of 1. */
static void
voices_share(const Linker *l, const Component *comp, Sets *s, GPtrArray *adj, guint32 ra,
	     guint32 rb, guint32 ret[2])
{
	ret[0] = 0;
	ret[1] = 1;
	if (s->size[ra] + s->size[rb] > VOICES_MAX) {
		return;
	}
	const Doc *voice[2][VOICES_MAX];
	guint nv[2] = {0, 0};
	guint8 of[VOICES_MAX]; /* per member of ra then rb, in ring order: its voice */
	guint k = 0;
	guint32 roots[2] = {ra, rb};
	for (guint side = 0; side < 2; side++) {
		guint32 x = roots[side];
		do {
			const Doc *d = l->docs->pdata[g_array_index(comp->nodes, guint32, x)];
			guint j = 0;
			while (j < nv[side] && !linker_same_feed(voice[side][j], d)) {
				j++;
			}
			if (j == nv[side]) {
				voice[side][nv[side]++] = d;
			}
			of[k++] = (guint8)j;
			x = s->next[x];
		} while (x != roots[side]);
	}
	if (nv[0] * nv[1] == s->size[ra] * s->size[rb]) {
		return;
	}
	/* A feed on both sides speaks with one voice to itself when its posts go
	 * on from one side to the other; else it kept them apart itself. */
	bool linked[VOICES_MAX][VOICES_MAX] = {{false}};
	guint count = 0, ia = 0;
	for (guint i = 0; i < nv[0]; i++) {
		for (guint j = 0; j < nv[1]; j++) {
			if (linker_same_feed(voice[0][i], voice[1][j])) {
				if (!feed_goes_on(l, comp, s, ra, rb, voice[0][i])) {
					return;
				}
				linked[i][j] = true;
				count++;
			}
		}
	}
	guint32 x = ra;
	do {
		GArray *nbrs = adj->pdata[x];
		for (guint i = 0; i < nbrs->len; i++) {
			guint32 y = g_array_index(nbrs, guint32, i);
			if (linker_sets_find(s, y) != rb) {
				continue;
			}
			guint ib = 0; /* y's place in rb's ring */
			for (guint32 z = rb; z != y; z = s->next[z]) {
				ib++;
			}
			guint a = of[ia], b = of[s->size[ra] + ib];
			if (!linked[a][b]) {
				linked[a][b] = true;
				count++;
			}
		}
		x = s->next[x];
		ia++;
	} while (x != ra);
	ret[0] = count;
	ret[1] = nv[0] * nv[1];
}

static bool
vetoed(Sets *s, GArray *vetoes, guint32 ra, guint32 rb)
{
	for (guint i = 0; i < vetoes->len; i++) {
		const Edge *v = &g_array_index(vetoes, Edge, i);
		guint32 x = linker_sets_find(s, v->a), y = linker_sets_find(s, v->b);
		if ((x == ra && y == rb) || (x == rb && y == ra)) {
			return true;
		}
	}
	return false;
}

/*
 * What a cluster says broke upstream (incident-level cause, issue 15 class 2):
 * the providers its members blame by name and the roles they blame ("our SMS
 * provider"), with the roles of the providers named.  A newcomer fits it when it
 * blames one of those providers or roles too, is the own feed of one (or of a
 * provider with such a role), names a blamed provider in any sentence (the
 * provider's report of its outage on another of its feeds names it without
 * blaming it), or blames an upstream provider it does not name (it may be that
 * one); and, for one link, when that link is strong and its end in the incident
 * is the own item of a blamed provider (see fits_by_link()).  A provider's own
 * incident with no one blaming it says no cause.  Kept per root, merged on unite.
 */
struct ClusterCause {
	ProvMask blamed_provs;              /* what members blame */
	guint32 blamed_roles;
	ProvMask own_provs;                 /* what members are the own feed of */
	guint32 own_roles;
	ProvMask named_provs;               /* what members name anywhere */
	bool generic;    /* some member blames an unnamed upstream provider */
	/* What members' blames can mean (linker_blame_resolves()): a provider's own
	 * item its provider; a customer the provider it names or whose own region
	 * names it uses; 0 when none says. */
	ProvMask resolved;
	/* When it happened, as its members say (see clusters_ended_apart()): the
	 * earliest start; the latest end of a closed member (G_MININT64: none
	 * closed); the latest start of an open member (G_MININT64: none open). */
	gint64 first;
	gint64 closed_end;
	gint64 open_last;
	/* Some member is a provider's own item stating a cause or blaming
	 * something (linker_doc_states()). */
	bool own_states;
};

static void
cause_of_doc(const Linker *l, const Doc *d, ClusterCause *c)
{
	c->blamed_provs = linker_blamed_providers(l, d);
	c->blamed_roles = (d->upstream ? d->blamed_roles : 0) | linker_roles_of(l, c->blamed_provs);
	c->own_provs = d->self_provider;
	c->own_roles = d->self_roles;
	c->named_provs = d->providers;
	c->generic = d->upstream && !prov_any(d->cause_providers) && d->blamed_roles == 0;
	c->resolved = linker_blame_resolves(l, d);
	c->first = d->s == SW_TIME_NONE ? G_MAXINT64 : d->s;
	bool closed = d->adv->end != SW_TIME_NONE || d->adv->status == ADVISORY_STATUS_RESOLVED ||
		      d->adv->status == ADVISORY_STATUS_FALSE_POSITIVE;
	c->closed_end = d->s != SW_TIME_NONE && closed ? d->e : G_MININT64;
	c->open_last = d->s != SW_TIME_NONE && !closed ? d->s : G_MININT64;
	c->own_states = prov_any(d->self_provider) && linker_doc_states(d);
}

/* True when @x's members say it was over when @y began: some member is closed,
 * no open member started after the last closed one ended (an investigating
 * post and its own resolved post), and @y's first start comes more than
 * ENDED_APART_MAX after that end.  A feed that posts one item per update (AWS:
 * "Increased API Error Rates", then "[RESOLVED] Increased API Error Rates")
 * leaves the first post open, overlapping every later item of the day; a person
 * reads the resolved post and does not join a fault of the small hours to one
 * that began at noon because both say "increased error rates". */
static bool
cluster_ended_before(const ClusterCause *x, const ClusterCause *y)
{
	return x->closed_end != G_MININT64 && x->open_last <= x->closed_end &&
	       y->first != G_MAXINT64 && y->first > x->closed_end &&
	       y->first - x->closed_end > ENDED_APART_MAX;
}

static bool
clusters_ended_apart(const ClusterCause *x, const ClusterCause *y)
{
	return cluster_ended_before(x, y) || cluster_ended_before(y, x);
}

/*
 * True when two clusters are about two different providers: each says which
 * provider it is about (ClusterCause.resolved: a provider's own item, a customer
 * naming it or one of its own region names) and the two share none, nor a provider
 * of the same name.  A link through a customer (@da or @db not a provider's own item)
 * never joins them: "our cloud provider in London" on two pages is no reason for
 * Google Cloud's incident to absorb Oracle Cloud's.  A provider's own item that
 * blames the other (by name, or by a role the other plays) makes them overlap.
 * Two items of one suite's feed (a Graph tenant's issues: "Microsoft 365 suite"
 * and "Exchange Online") are one publisher's, not two providers', whatever services
 * they are the own items of; and a link where one names the other's id or claims
 * its cause (Edge.claim) is never refused here (see linker_cluster()).
 */
static bool
providers_apart(const Linker *l, const ClusterCause *x, const ClusterCause *y, const Doc *da,
		const Doc *db)
{
	if ((prov_any(da->self_provider) && prov_any(db->self_provider)) ||
	    !prov_any(x->resolved) || !prov_any(y->resolved)) {
		return false;
	}
	if (da->suite_feed && db->suite_feed && da->si == db->si &&
	    da->source_null == db->source_null) {
		return false;
	}
	return !prov_meets(linker_knowledge_kin(&l->know, x->resolved), y->resolved);
}

/* True when the cluster with cause @g blames an upstream provider and the one with
 * @n does not fit it. */
static bool
cause_misfit(const ClusterCause *g, const ClusterCause *n)
{
	if (!prov_any(g->blamed_provs) && g->blamed_roles == 0) {
		return false;
	}
	return !n->generic &&
	       !prov_meets(prov_or(prov_or(n->blamed_provs, n->own_provs), n->named_provs),
			  g->blamed_provs) &&
	       ((n->blamed_roles | n->own_roles) & g->blamed_roles) == 0;
}

/* True when the strong link @e joins the cluster with cause @g through its end
 * @in_g, the own item of a provider @g blames: the other side is that provider's
 * outage as another feed reports it (the link's reasons say what it shares). */
static bool
fits_by_link(const Linker *l, const Component *comp, const Edge *e, guint32 in_g,
	     const ClusterCause *g, double strong)
{
	if (e->score < strong) {
		return false;
	}
	const Doc *d = l->docs->pdata[g_array_index(comp->nodes, guint32, in_g)];
	return prov_meets(d->self_provider, g->blamed_provs);
}

static bool
edge_misfit(const EdgeSortCtx *ctx, const Edge *e)
{
	return !e->anchored && !e->forced &&
	       (cause_misfit(&ctx->cause[e->a], &ctx->cause[e->b]) ||
		cause_misfit(&ctx->cause[e->b], &ctx->cause[e->a]));
}

/* ---- one provider's event told on several of its items ---------------------------- */

/*
 * Words of a statement of cause that say nothing of which cause: what any
 * report says of its own trouble ("elevated errors", "a recent change", "a
 * configuration problem", "the region").  Two reports sharing only these share
 * no cause.  Written as the terms hold them, stemmed (terms_title_key():
 * "failures" is "failur"); stop words ("issue", "impacting", "ongoing") are no
 * terms at all.  Sorted, for bsearch().
 */
static const char *const generic_cause_words[] = {
	"avail", "availability", "chang", "component", "configur", "degrad", "delay", "disrupt",
	"elevat", "error", "fail", "failur", "increa", "infrastructur", "internal", "interrupt",
	"latency", "outag", "rate", "recover", "recovery", "region", "request", "servic", "slow",
	"system", "timeout", "unavailabl", "zone",
};

static int
cmp_word(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* True when term @t, a word of a statement of cause, may say which cause: one word,
 * no provider, role or region (the place is weighed apart), not generic. */
static bool
cause_word_specific(const Linker *l, guint32 t)
{
	if (t >= l->terms->len) {
		return false; /* a word the scan struck from the statement (G_MAXUINT32) */
	}
	const Term *tm = TERM(l, t);
	if (tm->n != 1 || (tm->flag & TERM_KNOWN) || tm->block == NULL || strlen(tm->block) < 4) {
		return false;
	}
	return bsearch(tm->block, generic_cause_words, G_N_ELEMENTS(generic_cause_words),
		       sizeof(generic_cause_words[0]), cmp_word) == NULL;
}

/* True when @t is among @d's names (its title's and services' terms). */
static bool
names_hold(const Doc *d, guint32 t)
{
	for (guint i = 0; i < d->nnames; i++) {
		if (d->names[i] == t) {
			return true;
		}
	}
	return false;
}

/* The specific words of @a's statements of cause that @b holds (in its own
 * statements of cause when @in_cause), at most @max of them into @ret.  A word
 * both titles or services hold ("Increased Error Rates" on two feeds) is what
 * broke, not why. */
static guint
cause_words_shared(const Linker *l, const Doc *a, const Doc *b, bool in_cause, guint32 *ret,
		   guint max)
{
	guint n = 0;
	for (guint i = 0; i < a->nblame_words && n < max; i++) {
		guint32 t = a->blame_words[i];
		if (!cause_word_specific(l, t) || (names_hold(a, t) && names_hold(b, t))) {
			continue;
		}
		bool held = false;
		if (in_cause) {
			for (guint k = 0; k < b->nblame_words && !held; k++) {
				held = b->blame_words[k] == t;
			}
		} else {
			held = linker_doc_has_term(b, t);
		}
		if (held) {
			ret[n++] = t;
		}
	}
	return n;
}

/* The place both name: their own regions when both have one (NULL when these
 * differ), else a region both texts name; NULL when none. */
static const char *
sibling_place(const Doc *a, const Doc *b, bool *ret_apart)
{
	*ret_apart = false;
	if (a->own_region && b->own_region) {
		const char *ra = a->adv->region, *rb = b->adv->region;
		if (g_ascii_strcasecmp(ra, rb) == 0 && g_strrstr(ra, "ultiple") == NULL &&
		    g_ascii_strncasecmp(ra, "global", 6) != 0) {
			return ra;
		}
		*ret_apart = true;
		return NULL;
	}
	const char *shared = NULL;
	return linker_regions_meet(a, b, &shared) ? shared : NULL;
}

/*
 * Two of one provider's own items about two places: each names regions (its own
 * or in its text), they name none in common, their statements of cause share
 * no specific word, and neither names an incident.  "Cloud SQL: elevated
 * connection errors in us-east4" and "Multiple products impacted in
 * europe-west3" the same hour share symptoms ("Cloud SQL instances", "elevated
 * errors"), not a fault: a person reads two places' faults.  One event over two
 * regions says so by a shared cause ("network", "power") or a reference.  A
 * function of the pair only.
 */
bool
linker_own_places_apart(const Linker *l, const Doc *a, const Doc *b)
{
	const char *shared = NULL;
	guint32 word;
	if (!prov_any(prov_and(a->self_provider, b->self_provider)) || a->regions == NULL ||
	    b->regions == NULL || a->regions->len == 0 || b->regions->len == 0 ||
	    (a->refs != NULL && a->refs->len > 0) || (b->refs != NULL && b->refs->len > 0) ||
	    linker_regions_meet(a, b, &shared)) {
		return false;
	}
	bool apart;
	if (sibling_place(a, b, &apart) != NULL) {
		return false;
	}
	return cause_words_shared(l, a, b, true, &word, 1) == 0;
}

bool
linker_words_hold_any(const char *t, const char *const *words, gsize n_words)
{
	return t != NULL && linker_words_hold_any_in(t, strlen(t), words, n_words);
}

bool
linker_words_hold_any_in(const char *s, gsize len, const char *const *words, gsize n_words)
{
	for (gsize k = 0; len > 0 && k < n_words; k++) {
		if (linker_words_hold(s, len, words[k])) {
			return true;
		}
	}
	return false;
}

/* True when @surface (one word or several) stands in the @len bytes at
 * @s as whole words, case aside. */
bool
linker_words_hold(const char *s, gsize len, const char *surface)
{
	gsize n = strlen(surface);
	for (gsize i = 0; n > 0 && i + n <= len; i++) {
		if (g_ascii_strncasecmp(s + i, surface, n) == 0 &&
		    (i == 0 || !g_ascii_isalnum(s[i - 1])) &&
		    (i + n == len || !g_ascii_isalnum(s[i + n]))) {
			return true;
		}
	}
	return false;
}

/* @d's title in lower case, its words joined by single spaces, without the
 * words of its source's name ("Some customers unable to access Jira" on 'jira':
 * "some customers unable to access"); *@ret_words: how many words are left.
 * Caller frees. */
static char *
title_but_source(const Doc *d, guint *ret_words, bool *ret_lead)
{
	*ret_words = 0;
	*ret_lead = false;
	const char *title = d->adv->title, *src = d->adv->source;
	if (title == NULL || src == NULL) {
		return NULL;
	}
	/* A lead naming one of its services and set off by " - " or ':' ("App Store
	 * Connect - Users may be unable to sign in"): the product, as the feed's
	 * name would be. */
	GPtrArray *svcs = d->adv->services;
	for (guint k = 0; k < svcs->len && !*ret_lead; k++) {
		const char *svc = svcs->pdata[k];
		gsize n = strlen(svc);
		if (n == 0 || g_ascii_strncasecmp(title, svc, n) != 0) {
			continue;
		}
		const char *p = title + n;
		while (*p == ' ') {
			p++;
		}
		if (*p == ':' || (*p == '-' && p[1] == ' ' && p > title + n)) {
			title = p + 1;
			*ret_lead = true;
		}
	}
	gsize src_len = strlen(src);
	GString *out = g_string_new(NULL);
	for (const char *p = title; *p != '\0';) {
		if (!g_ascii_isalnum(*p)) {
			p++;
			continue;
		}
		const char *w = p;
		while (g_ascii_isalnum(*p)) {
			p++;
		}
		gsize len = (gsize)(p - w);
		/* A word of the source's name: a whole run of alphanumerics in it. */
		bool of_source = false;
		for (gsize i = 0; !of_source && i + len <= src_len; i++) {
			of_source = g_ascii_strncasecmp(src + i, w, len) == 0 &&
				    (i == 0 || !g_ascii_isalnum(src[i - 1])) &&
				    (i + len == src_len || !g_ascii_isalnum(src[i + len]));
		}
		if (of_source) {
			continue;
		}
		if (out->len > 0) {
			g_string_append_c(out, ' ');
		}
		for (gsize i = 0; i < len; i++) {
			g_string_append_c(out, g_ascii_tolower(w[i]));
		}
		(*ret_words)++;
	}
	return g_string_free(out, FALSE);
}

static bool same_services(const Doc *a, const Doc *b);

/* True when @a and @b, on two feeds, have the same title but for their feeds'
 * names, of at least TWIN_TITLE_WORDS words. */
static bool
twin_titles(const Doc *a, const Doc *b)
{
	bool one_feed = linker_same_feed(a, b);
	if (one_feed && (a->nsvc == 0 || b->nsvc == 0 || same_services(a, b))) {
		return false;
	}
	guint na, nb;
	bool la, lb;
	g_autofree char *ta = title_but_source(a, &na, &la);
	g_autofree char *tb = title_but_source(b, &nb, &lb);
	/* On one feed, only titles that lead with their own products' names. */
	return ta != NULL && tb != NULL && na >= TWIN_TITLE_WORDS && strcmp(ta, tb) == 0 &&
	       (!one_feed || (la && lb)) && g_ascii_strcasecmp(a->adv->title, b->adv->title) != 0;
}

/* True when @a and @b have the same services (ids), none or some. */
static bool
same_services(const Doc *a, const Doc *b)
{
	if (a->nsvc != b->nsvc) {
		return false;
	}
	for (guint i = 0; i < a->nsvc; i++) {
		bool found = false;
		for (guint k = 0; k < b->nsvc && !found; k++) {
			found = a->svc[i] == b->svc[k];
		}
		if (!found) {
			return false;
		}
	}
	return true;
}

/*
 * The terms naming @e's service: its services' names when it has services
 * (AWS's "ec2"), else the terms of its title's lead when the title is "Product:
 * what broke" ("Compute Engine: VM instances unavailable in europe-west3-c").
 * True when there are some and @p holds every one of one service (of the
 * lead: every one, none among @p's own title's names), and @p is not about the
 * same services: @p names @e's service, not its own.
 */
bool
linker_names_service_of(const Linker *l, const Doc *p, const Doc *e)
{
	GPtrArray *svcs = e->adv->services;
	if (svcs->len > 0 && same_services(e, p)) {
		return false; /* two items of one service: its own name */
	}
	for (guint k = 0; k < svcs->len; k++) {
		/* One of its services, every term of whose name @p holds. */
		const char *svc = svcs->pdata[k];
		guint held = 0, missed = 0;
		for (guint i = 0; i < e->nproduct; i++) {
			if (linker_words_hold(svc, strlen(svc), linker_term_surface(l, e->product[i]))) {
				*(linker_doc_has_term(p, e->product[i]) ? &held : &missed) += 1;
			}
		}
		if (held > 0 && missed == 0) {
			return true;
		}
	}
	if (svcs->len > 0) {
		return false;
	}
	guint held = 0;
	const char *title = e->adv->title;
	const char *colon = title != NULL ? strchr(title, ':') : NULL;
	if (colon == NULL || colon == title || colon - title > SIBLING_LEAD_MAX) {
		return false;
	}
	gsize len = (gsize)(colon - title);
	for (guint i = 0; i < e->nnames; i++) {
		const Term *tm = TERM(l, e->names[i]);
		if ((tm->flag & TERM_KNOWN) ||
		    !linker_words_hold(title, len, linker_term_surface(l, e->names[i]))) {
			continue;
		}
		if (!linker_doc_has_term(p, e->names[i]) || names_hold(p, e->names[i])) {
			return false;
		}
		held++;
	}
	return held > 0;
}

/* True when a word of @region, a run of letters, is @t's surface (case aside). */
static bool
region_word_is(const Linker *l, const char *region, guint32 t, const char *own)
{
	if (t >= l->terms->len) {
		return false;
	}
	const char *surface = linker_term_surface(l, t);
	gsize n = strlen(surface);
	if (n < 4 || !linker_words_hold(region, strlen(region), surface)) {
		return false;
	}
	/* Not a word of the item's own place ("Europe" of its own "West Europe"). */
	return own == NULL || !linker_words_hold(own, strlen(own), surface);
}

/*
 * The place of @e that @k, another item of its provider in another place, blames
 * for its trouble: @e's own region (a specific one, not "Multiple regions"),
 * which @k's text names and one of whose words, not of @k's own region, a
 * sentence of @k stating a cause or sharing one says ("Alert evaluation is
 * delayed as a result of the incident in North Europe", on an Azure Monitor
 * item of "Multiple regions"; "This is a knock-on effect of the ongoing incident
 * in North Europe" on West Europe's Site Recovery item).  NULL when none.
 */
static const char *
knock_on_place(const Linker *l, const Doc *k, const Doc *e)
{
	if (!e->own_region || e->adv->kind == ADVISORY_KIND_MAINTENANCE ||
	    k->adv->kind == ADVISORY_KIND_MAINTENANCE || !linker_doc_states(k)) {
		return NULL;
	}
	const char *r = e->adv->region, *own = k->own_region ? k->adv->region : NULL;
	const char *shared = NULL;
	if (g_strrstr(r, "ultiple") != NULL || g_ascii_strncasecmp(r, "global", 6) == 0 ||
	    (own != NULL && g_ascii_strcasecmp(own, r) == 0) ||
	    !linker_regions_meet(k, e, &shared)) {
		return NULL;
	}
	for (guint i = 0; i < k->nblame_words; i++) {
		if (region_word_is(l, r, k->blame_words[i], own)) {
			return r;
		}
	}
	for (guint i = 0; i < k->nshare_words; i++) {
		if (region_word_is(l, r, k->share_words[i], own)) {
			return r;
		}
	}
	return NULL;
}

/* How many of @p's words of its claim (Doc.share_words) that stand in its trouble
 * words [@lo, @hi) (linker_claim_names(): a stem's word starting with it) @o holds:
 * which of a feed's items the claim means ("the ongoing CloudFront DNS issue"
 * meets the DNS item, not an edge location's errors the same hour). */
static guint
claim_fit(const Linker *l, const Doc *p, const char *lo, const char *hi, const Doc *o)
{
	guint fit = 0;
	for (guint i = 0; lo < hi && i < p->nshare_words; i++) {
		const char *sf = linker_term_surface(l, p->share_words[i]);
		gsize n = strlen(sf);
		bool trouble = false;
		for (const char *w = lo; w < hi && !trouble; w++) {
			trouble = (w == lo || w[-1] == ' ') && (gsize)(hi - w) >= n &&
				  memcmp(w, sf, n) == 0;
		}
		fit += trouble && linker_doc_has_term(o, p->share_words[i]);
	}
	return fit;
}

/*
 * The service of @e that @p, another of @e's provider's feeds, claims to share
 * the cause of ("This is related to the ongoing Direct Connect event in the
 * Region" on WorkSpaces, "related to the ongoing CloudFront DNS issue" on the
 * console), or NULL: @p's claim (Doc.claim) names a service of @e, not one of
 * its own, as an event's, in one word or in the words its key glues
 * (linker_claim_names(): "Direct Connect" is 'directconnect'); @e had started
 * when @p did; and of the items of @e's feed under way then and in no other
 * place than @p's, @e is the one the claim's trouble words fit best
 * (claim_fit()); two items of two subjects (titles) fitting alike leave it
 * unsaid, and no link; among posts of one subject, the nearest start before
 * @p's, then the smaller key.  A feed carries several items at once (an edge
 * location's errors beside a DNS fault): the claim means one.  Needs no place:
 * two global feeds name none.
 */
static const char *
claim_names_service(const Linker *l, const Doc *p, const Doc *e, ProvMask both)
{
	if (p->claim == NULL || linker_same_feed(p, e) || e->s > p->s ||
	    e->adv->kind == ADVISORY_KIND_MAINTENANCE) {
		return NULL;
	}
	const char *svc = NULL, *after = NULL, *hi = NULL;
	for (guint k = 0; k < e->adv->services->len && svc == NULL; k++) {
		const char *key = e->adv->services->pdata[k];
		if (!advisory_has_service(p->adv, key) &&
		    linker_claim_names(p->claim, key, &after, &hi)) {
			svc = key;
		}
	}
	if (svc == NULL) {
		return NULL;
	}
	guint efit = claim_fit(l, p, after, hi, e);
	/* @e's feed's items (not every item of the provider: AWS has thousands). */
	const GArray *arr = e->si != NULL ? e->si->docs : NULL;
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
		bool apart;
		if (o == e || !linker_same_feed(o, e) || o->not_incident || o->disclaims ||
		    o->s > p->s || o->s == SW_TIME_NONE || linker_interval_gap(o, p) > 0 ||
		    p->s - o->s > SIBLING_NAMED_MAX) {
			continue;
		}
		(void)sibling_place(o, p, &apart);
		if (apart) {
			continue;
		}
		guint ofit = claim_fit(l, p, after, hi, o);
		bool one_subject = o->title_term != G_MAXUINT32 && o->title_term == e->title_term;
		if (ofit > efit || (ofit == efit && !one_subject)) {
			return NULL; /* @o is the item meant, or the claim does not say which */
		}
		if (ofit == efit && (o->s > e->s || (o->s == e->s && strcmp(o->key, e->key) < 0))) {
			return NULL; /* a later post of its subject: that one */
		}
	}
	return svc;
}

/* True when @a and @b, of one feed that rates no severity, are two of at least
 * BURST_UNRATED_MIN items it opened (no update nor retelling, no planned work)
 * stating no cause within BURST_START_MAX of either: a status page posting
 * "Gmail Service Disruption", "Google Calendar Service Disruption", "Google Drive
 * Service Disruption" and "Google Talk Service Disruption" within seven minutes
 * tells one outage, as a page rating two of them major does. */
static bool
unrated_burst(const Linker *l, const Doc *a, const Doc *b)
{
	if (!linker_same_feed(a, b) || a->adv->severity != ADVISORY_SEVERITY_UNKNOWN ||
	    b->adv->severity != ADVISORY_SEVERITY_UNKNOWN || a->later_cue != LATER_CUE_NONE ||
	    b->later_cue != LATER_CUE_NONE) {
		return false;
	}
	gint64 lo = MIN(a->s, b->s) - BURST_START_MAX, hi = MAX(a->s, b->s) + BURST_START_MAX;
	guint32 near[COTIME_CROWD_MAX];
	guint m = linker_window_docs(l, lo, hi, near, COTIME_CROWD_MAX);
	guint n = 0;
	for (guint k = 0; m <= COTIME_CROWD_MAX && k < m && n < BURST_UNRATED_MIN; k++) {
		const Doc *o = l->docs->pdata[near[k]];
		n += linker_same_feed(o, a) && o->s != SW_TIME_NONE && o->s >= lo && o->s <= hi &&
		     o->adv->severity == ADVISORY_SEVERITY_UNKNOWN &&
		     o->later_cue == LATER_CUE_NONE && !o->not_incident && !o->disclaims &&
		     o->adv->kind != ADVISORY_KIND_MAINTENANCE && !linker_doc_states(o);
	}
	return n >= BURST_UNRATED_MIN;
}

/* True when @a and @b, of one feed, are of two products: their services differ, or,
 * in an @unrated burst (unrated_burst()) of items naming no services, their titles do
 * ("Gmail Service Disruption", "Google Talk Service Disruption"). */
static bool
burst_products_differ(const Doc *a, const Doc *b, bool unrated)
{
	if (a->nsvc != 0 && b->nsvc != 0) {
		return !same_services(a, b);
	}
	return unrated && a->nsvc == 0 && b->nsvc == 0 && a->adv->title != NULL &&
	       b->adv->title != NULL && g_ascii_strcasecmp(a->adv->title, b->adv->title) != 0;
}

/*
 * One provider's event told in several of its own items: AWS posts one feed per
 * service and region, so one fault in us-east-1 is a Lambda item, an STS item
 * ("due to an issue with an internal subsystem") and an EventBridge item within
 * minutes; a status page opens one incident per product hit by one power
 * failure.  A person joins two such items when they are the same provider's own
 * (not one item of a page: that is the same title or page), neither blames
 * another provider nor says it is separate, they overlap, and they share a
 * specific anchor besides the hour:
 * - starting at most SIBLING_START_MAX apart, the same place (the same own
 *   region, or a region both texts name) and a word both statements of cause
 *   say ("subsystem", "power"; not "issue" nor "a recent change"; not a word
 *   one says elsewhere: "we are adding capacity" shares no cause with
 *   "capacity ran short"), or, with no place, two such words;
 * - starting at most SIBLING_NAMED_MAX apart, the same place, and the later one
 *   names the earlier one's service ("Multiple products impacted in
 *   europe-west3 ... until Compute Engine recovers there" an hour after
 *   "Compute Engine: VM instances unavailable in europe-west3-c") while stating
 *   no cause of its own, or one the earlier one says;
 * - on two of its feeds, starting at most TWIN_START_MAX apart with the same
 *   title but for each feed's name ("Some customers unable to access Jira" and
 *   "... Confluence" at the same minute), stating no two different causes:
 *   no place needed (such pages name none).
 * Their shared words alone may be symptoms; the anchor is what keeps unrelated
 * incidents of a busy feed apart (different regions, a different cause, or
 * hours apart).  Symmetric, a function of the pair only, so no order can
 * change it.
 */
bool
linker_sibling(const Linker *l, const Doc *a, const Doc *b, GPtrArray *reasons)
{
	ProvMask both = prov_and(a->self_provider, b->self_provider);
	/* Two feeds of one company the knowledge does not hold, known by one word
	 * ('apple-system-status', 'apple-developer-status'): only their twin titles
	 * tell one event, and only when neither blames an upstream. */
	bool kin = !prov_any(both) && a->source_term != G_MAXUINT32 &&
		   a->source_term == b->source_term && !a->upstream && !b->upstream;
	if ((!prov_any(both) && !kin) || a->not_incident || b->not_incident || a->disclaims ||
	    b->disclaims || a->s == SW_TIME_NONE || b->s == SW_TIME_NONE ||
	    linker_interval_gap(a, b) > 0 || ABS(a->s - b->s) > SIBLING_NAMED_MAX ||
	    prov_any(prov_andnot(a->cause_providers, both)) ||
	    prov_any(prov_andnot(b->cause_providers, both))) {
		return false;
	}
	/* A knock-on in another place: the later one says its trouble comes of
	 * the event in the other's place. */
	for (int k = 0; k < 2 && !kin; k++) {
		const Doc *kn = k == 0 ? a : b, *ev = k == 0 ? b : a;
		const char *where = kn->s >= ev->s ? knock_on_place(l, kn, ev) : NULL;
		if (where == NULL) {
			continue;
		}
		if (reasons != NULL) {
			const char *who = linker_knowledge_display(
				l->know.providers->pdata[prov_first(both)]);
			g_ptr_array_add(
				reasons,
				g_strdup_printf("both are %s's own reports, and %s, of another place, "
						"says its trouble comes of the event in '%s', where %s "
						"began %" G_GINT64_FORMAT " min earlier: one event "
						"told in several of its items",
						who, kn->adv->id != NULL ? kn->adv->id : kn->key, where,
						ev->adv->id != NULL ? ev->adv->id : ev->key,
						(kn->s - ev->s) / 60));
		}
		return true;
	}
	bool apart;
	const char *place = sibling_place(a, b, &apart);
	if (apart) {
		return false;
	}
	guint32 words[2];
	guint n = 0;
	if (!kin && ABS(a->s - b->s) <= SIBLING_START_MAX) {
		if (place != NULL) {
			n = cause_words_shared(l, a, b, true, words, 1);
		} else {
			n = cause_words_shared(l, a, b, true, words, 2);
			if (n < 2) {
				n = 0;
			}
		}
	}
	const Doc *named = NULL, *namer = NULL;
	const char *claimed = NULL; /* the service of @named that @namer's claim names */
	bool twins = false, burst = false;
	/* (A burst of a feed that rates no severity: read only where it may count.) */
	bool unrated = n == 0 && ABS(a->s - b->s) <= BURST_START_MAX &&
		       a->adv->severity == ADVISORY_SEVERITY_UNKNOWN && unrated_burst(l, a, b);
	guint32 twin_word;
	if (n == 0 && ABS(a->s - b->s) <= TWIN_START_MAX && twin_titles(a, b) &&
	    (a->ncause == 0 || b->ncause == 0 ||
	     cause_words_shared(l, a, b, true, &twin_word, 1) > 0)) {
		/* Two of its feeds open the same words at the same minute, their
		 * products' names aside, and they state no two causes. */
		twins = true;
	} else if (n == 0 && ABS(a->s - b->s) <= BURST_START_MAX && !linker_doc_states(a) &&
		   !linker_doc_states(b) &&
		   ((a->adv->severity >= ADVISORY_SEVERITY_MAJOR &&
		     b->adv->severity >= ADVISORY_SEVERITY_MAJOR) ||
		    unrated) &&
		   a->adv->kind != ADVISORY_KIND_MAINTENANCE &&
		   b->adv->kind != ADVISORY_KIND_MAINTENANCE &&
		   (!linker_same_feed(a, b) || burst_products_differ(a, b, unrated))) {
		/* It opened two major incidents of two products within minutes,
		 * saying why in neither: one outage hitting both ("Apple Music -
		 * Some users are affected" three minutes after the App Store's
		 * sign-in failures). */
		burst = true;
	} else if (kin) {
		return false;
	} else if (n == 0) {
		/* The later one says it shares the cause of the ongoing event of the
		 * other's service, which it names: no place needed. */
		for (int k = 0; k < 2 && named == NULL; k++) {
			const Doc *e = k == 0 ? a : b, *p = k == 0 ? b : a;
			claimed = claim_names_service(l, p, e, both);
			if (claimed != NULL) {
				named = e;
				namer = p;
			}
		}
		if (named == NULL && place == NULL) {
			return false;
		}
		/* The later one (either, at the same minute) names the other's
		 * service and says no other cause. */
		for (int k = 0; k < 2 && named == NULL; k++) {
			const Doc *e = k == 0 ? a : b, *p = k == 0 ? b : a;
			if (p->s >= e->s && linker_names_service_of(l, p, e) &&
			    (p->ncause == 0 ||
			     cause_words_shared(l, p, e, false, words, 1) > 0)) {
				named = e;
				namer = p;
			}
		}
		if (named == NULL) {
			return false;
		}
	}
	if (reasons != NULL) {
		const char *who =
			kin ? linker_term_surface(l, a->source_term)
			    : linker_knowledge_display(l->know.providers->pdata[prov_first(both)]);
		gint64 apart_min = ABS(a->s - b->s) / 60;
		GString *r = g_string_new(NULL);
		g_string_append_printf(r, "both are %s's own reports", who);
		if (place != NULL) {
			g_string_append_printf(r, " in '%s'", place);
		}
		g_string_append_printf(r, ", starting %" G_GINT64_FORMAT " min apart, and ",
				       apart_min);
		if (burst && unrated) {
			g_string_append_printf(r, "on its feed '%s', which rates no severity, "
					       "it opened them among %u or more items stating no "
					       "cause within minutes ('%s', '%s')",
					       a->adv->source, (guint)BURST_UNRATED_MIN,
					       a->adv->title, b->adv->title);
		} else if (burst) {
			g_string_append_printf(r, "it opened both as major incidents of two "
					       "products ('%s', '%s'), stating no cause in either",
					       a->adv->title, b->adv->title);
		} else if (twins && linker_same_feed(a, b)) {
			g_string_append_printf(r, "on its feed '%s' they opened the same title but "
					       "for their products ('%s', '%s')",
					       a->adv->source, a->adv->title, b->adv->title);
		} else if (twins) {
			g_string_append_printf(r, "on two of its feeds ('%s', '%s') they opened the "
					       "same title but for the product ('%s', '%s')",
					       a->adv->source, b->adv->source, a->adv->title,
					       b->adv->title);
		} else if (claimed != NULL) {
			g_string_append_printf(r, "%s says it shares the cause of the ongoing event "
					       "of the service '%s' (named in its words), and of "
					       "that feed's items then, %s ('%s') is the one its "
					       "claim means",
					       namer->adv->id != NULL ? namer->adv->id : namer->key,
					       claimed,
					       named->adv->id != NULL ? named->adv->id : named->key,
					       named->adv->title != NULL ? named->adv->title : "");
		} else if (named != NULL) {
			g_string_append_printf(r, "%s names the service of %s ('%s') and states no "
					       "other cause",
					       namer->adv->id != NULL ? namer->adv->id : namer->key,
					       named->adv->id != NULL ? named->adv->id : named->key,
					       named->adv->title != NULL ? named->adv->title : "");
		} else {
			g_string_append_printf(r, "their causes share '%s'",
					       linker_term_surface(l, words[0]));
			if (n > 1) {
				g_string_append_printf(r, ", '%s'", linker_term_surface(l, words[1]));
			}
		}
		g_string_append(r, ": one event told in several of its items");
		g_ptr_array_add(reasons, g_string_free(r, FALSE));
	}
	return true;
}

bool
linker_doc_states(const Doc *d)
{
	return d->ncause > 0 || d->upstream || prov_any(d->cause_providers) || d->shares;
}

/* Of a pair linker_quiet_sibling() may join, the quiet one: the one that states
 * no cause, else the later one (the one whose key sorts first at the same
 * minute, so that it is a function of the pair). */
const Doc *
linker_quiet_of(const Doc *a, const Doc *b)
{
	if (linker_doc_states(a) != linker_doc_states(b)) {
		return linker_doc_states(a) ? b : a;
	}
	if (a->s != b->s) {
		return a->s > b->s ? a : b;
	}
	return strcmp(a->key, b->key) < 0 ? a : b;
}

/*
 * Two of one provider's own items on two of its feeds, the later starting more
 * than SIBLING_NAMED_MAX after the other, and neither saying a specific word of
 * a statement of cause of the other (an S3 item of 4 PM whose "configuration
 * change to the request routing layer" broke PUTs, and a load balancer's
 * "elevated errors" posted at noon, still open): two faults, not one event told
 * on two of its feeds, which start together; the symptoms they share ("elevated
 * error rates", "the region") link nothing.  So, on one feed too, are its planned
 * maintenance and an unplanned item of its so far apart ("SQL Database" in the
 * night's maintenance notice and in the afternoon's outage).  Not when either
 * names an incident.  A function of the pair only.
 */
bool
linker_own_later_apart(const Linker *l, const Doc *a, const Doc *b)
{
	bool planned = (a->adv->kind == ADVISORY_KIND_MAINTENANCE) !=
		       (b->adv->kind == ADVISORY_KIND_MAINTENANCE);
	if (!prov_any(prov_and(a->self_provider, b->self_provider)) ||
	    (linker_same_feed(a, b) && !planned) ||
	    a->s == SW_TIME_NONE || b->s == SW_TIME_NONE || ABS(a->s - b->s) <= SIBLING_NAMED_MAX ||
	    (a->refs != NULL && a->refs->len > 0) || (b->refs != NULL && b->refs->len > 0)) {
		return false;
	}
	guint32 word;
	return cause_words_shared(l, a, b, false, &word, 1) == 0 &&
	       cause_words_shared(l, b, a, false, &word, 1) == 0;
}

/*
 * A provider's item that says no cause at all ("Delayed Metrics: some metrics in
 * the US-EAST-1 Region are delayed", and "[RESOLVED] ... backfilled"), begun
 * during an item of the same provider in the same own region that does state
 * one or blames something ("... caused by an issue with an underlying AWS
 * service", "as a result of elevated error rates from DynamoDB"): a person reads
 * one regional event of that provider.  Both the provider's own, the same own
 * region (not text: a region named in passing is no place of the item), neither
 * says it is separate nor blames another provider, they overlap, and the quiet
 * one starts at most SIBLING_NAMED_MAX after the other.  The link is weighed
 * last and only joins a group none of whose provider's items states a cause
 * to one where one does (linker_cluster()): a quiet first post whose resolved
 * post names another cause ("a faulty console deployment") stays apart.  A
 * function of the pair only.
 */
bool
linker_quiet_sibling(const Linker *l, const Doc *a, const Doc *b, GPtrArray *reasons)
{
	ProvMask both = prov_and(a->self_provider, b->self_provider);
	if (!prov_any(both) || !a->own_region || !b->own_region || a->not_incident ||
	    b->not_incident || a->disclaims || b->disclaims || a->s == SW_TIME_NONE ||
	    b->s == SW_TIME_NONE || linker_interval_gap(a, b) > 0 ||
	    (linker_doc_states(a) && linker_doc_states(b)) ||
	    prov_any(prov_andnot(a->cause_providers, both)) ||
	    prov_any(prov_andnot(b->cause_providers, both))) {
		return false;
	}
	const Doc *q = linker_quiet_of(a, b), *o = q == a ? b : a;
	if (q->s < o->s || q->s - o->s > SIBLING_NAMED_MAX) {
		return false;
	}
	if (!linker_doc_states(o) && linker_same_feed(o, q)) {
		return false; /* two quiet posts of one feed: its own words join them */
	}
	bool apart;
	const char *place = sibling_place(a, b, &apart);
	if (place == NULL) {
		return false;
	}
	if (reasons != NULL) {
		const char *who =
			linker_knowledge_display(l->know.providers->pdata[prov_first(both)]);
		g_ptr_array_add(reasons,
				g_strdup_printf("%s says no cause and began %" G_GINT64_FORMAT
						" min into %s (%s's own report in '%s'%s): one "
						"event of %s in '%s'",
						q->adv->id != NULL ? q->adv->id : q->key,
						(q->s - o->s) / 60,
						o->adv->id != NULL ? o->adv->id : o->key, who, place,
						linker_doc_states(o) ? " that states one" : "",
						who, place));
	}
	return true;
}

/* ---- one feed's series of posts on one subject ------------------------------------ */

/* Two posts of one thread come at most this far apart (linker_thread()): "a day or
 * two" between a provider's updates of a long event; a plain feed item nobody
 * updated for three days is over anyway (OPEN_HORIZON is what it counts as open). */
#define THREAD_GAP_MAX (3 * 24 * 3600)
/* ... and a write-up of its subject comes at most this long after its last post
 * (a root cause analysis a week later, "investigation complete" a month later). */
#define AFTERWORD_GAP_MAX (35 * 24 * 3600)
/* A post more than this long after the subject's last one, telling a trouble of its
 * own in words the last post's state never said, is a new problem of the subject
 * (thread_new_trouble()). */
#define THREAD_NEW_GAP (4 * 3600)

/* A slice of a title. */
typedef struct {
	const char *p;
	gsize n;
} Slice;

/* True when every word of @p (@n bytes), one at least, is a word of a status label. */
bool
linker_is_label(const char *p, gsize n)
{
	/* Words of a status label, not of a product ("Degraded performance: API",
	 * "Major outage - Dashboard", "Incident: ..."); sorted. */
	static const char *const label_words[] = {
		"alert", "all", "critical", "degradation", "degraded", "delay", "delays",
		"disruption", "elevated", "error", "errors", "identified", "incident", "info",
		"information", "informational", "investigating", "issue", "issues", "major",
		"minor", "monitoring", "normally", "notice", "operating", "operational", "outage",
		"partial", "performance", "problem", "resolved", "service", "systems", "update",
		"warning",
	};
	bool any = false;
	for (gsize i = 0; i < n;) {
		if (!g_ascii_isalnum(p[i])) {
			i++;
			continue;
		}
		gsize j = i;
		while (j < n && g_ascii_isalnum(p[j])) {
			j++;
		}
		char w[16];
		if (j - i >= sizeof w) {
			return false;
		}
		for (gsize k = i; k < j; k++) {
			w[k - i] = g_ascii_tolower(p[k]);
		}
		w[j - i] = '\0';
		if (bsearch(w, label_words, G_N_ELEMENTS(label_words), sizeof(label_words[0]),
			    cmp_word) == NULL) {
			return false;
		}
		any = true;
		i = j;
	}
	return any;
}

bool
linker_title_well(const char *title)
{
	static const char *const well[] = {"operational", "normally"};
	return title != NULL && linker_is_label(title, strlen(title)) &&
	       linker_words_hold_any(title, well, G_N_ELEMENTS(well));
}

/* Words a dashboard ends a title "<product> <state>" with, no separator between
 * ("Google Calendar Service Disruption", "Google Calendar Service Restored",
 * "Storage Service Degraded", "Mail delivery delayed"): the state's last word;
 * sorted.  A word that ends product names too ("Service", "Issues", "Errors":
 * "Event Service", "Elevated API errors") is none: the subject keeps it. */
static const char *const trailing_state_words[] = {
	"degradation", "degraded", "delayed", "delays", "disruption", "disruptions", "down",
	"interruption", "normal", "normally", "operational", "outage", "outages", "recovered",
	"resolved", "restored", "unavailable",
};
/* ... and words that may come before it in the state ("Partial Outage", "Fully
 * Restored", "operating normally", "back to normal"); sorted. */
static const char *const trailing_state_lead[] = {
	"back", "fully", "major", "minor", "operating", "partial", "partially", "to",
};

/* Words a name never ends with: before a state they make the title a sentence
 * ("Instapaper is down", "Update on the outage"), not "<product> <state>"; sorted. */
static const char *const trailing_state_not_after[] = {
	"a", "all", "an", "and", "any", "are", "at", "be", "been", "by", "for", "from",
	"had", "has", "have", "in", "is", "its", "no", "not", "now", "of", "on", "or",
	"our", "some", "still", "that", "the", "their", "this", "to", "was", "were",
	"with", "your",
};

/* True when the @n bytes at @p are one of @words (@nw, sorted), ASCII case aside. */
static bool
word_in(const char *p, gsize n, const char *const *words, gsize nw)
{
	char w[16];
	if (n == 0 || n >= sizeof w) {
		return false;
	}
	for (gsize k = 0; k < n; k++) {
		w[k] = g_ascii_tolower(p[k]);
	}
	w[n] = '\0';
	return bsearch(w, words, nw, sizeof(words[0]), cmp_word) != NULL;
}

/* Where the state that ends the title @t (@len bytes) begins ("Google Calendar
 * Service Restored": at "Restored"), or @len when its last word is no state word
 * (trailing_state_words) or the word before the state ends no name
 * (trailing_state_not_after); "to" and "back" only as in "back to normal". */
static gsize
trailing_state(const char *t, gsize len)
{
	gsize end = len, at = len;
	bool first = true;
	for (;;) {
		while (end > 0 && !g_ascii_isalnum(t[end - 1])) {
			end--;
		}
		gsize b = end;
		while (b > 0 && g_ascii_isalnum(t[b - 1])) {
			b--;
		}
		if (b == end) {
			return at;
		}
		const char *w = t + b;
		gsize n = end - b;
		bool ok;
		if (first) {
			ok = word_in(w, n, trailing_state_words, G_N_ELEMENTS(trailing_state_words));
		} else if (n == 2 && g_ascii_strncasecmp(w, "to", 2) == 0) {
			ok = len - at == 6 && g_ascii_strncasecmp(t + at, "normal", 6) == 0;
		} else if (n == 4 && g_ascii_strncasecmp(w, "back", 4) == 0) {
			ok = g_ascii_strncasecmp(t + at, "to ", 3) == 0;
		} else {
			ok = word_in(w, n, trailing_state_lead, G_N_ELEMENTS(trailing_state_lead));
		}
		if (!ok && at + 2 < len && g_ascii_strncasecmp(t + at, "to ", 3) == 0) {
			return len; /* "Return to normal": a sentence, no "<product> <state>" */
		}
		if (!ok) {
			/* The word before the state: no name ends with it. */
			return word_in(w, n, trailing_state_not_after,
				       G_N_ELEMENTS(trailing_state_not_after))
				       ? len
				       : at;
		}
		if (b == 0) {
			return at;
		}
		at = b;
		end = b;
		first = false;
	}
}

/*
 * The subject and the state of @d's title, as slices of it.  A feed that posts
 * each update as an item of its own titles it "<status label>: <subject>"
 * (AWS: "Performance issues: Instance connectivity", "Service is operating
 * normally: [RESOLVED] Instance connectivity"; the label is what the parser kept
 * as raw_status), "[STATE] <subject>", "<product> [<region>] - <state>" (a
 * dashboard: "Storage [Worldwide] - HTTPS requests failing") or "<product>:
 * <state>" (a mail provider's "Hosted mail: login failures"): the label and the
 * bracketed state are dropped; a lead set off by " - " or ':' (at most
 * SIBLING_LEAD_MAX long) is the subject and what follows it the state, unless
 * its words are all a status label's ("Degraded performance: API": the rest is
 * the subject); else, when its last words are a state (trailing_state(): a
 * dashboard's "Google Calendar Service Disruption", "... Service Restored"), the
 * words before them are the subject and they the state; else the rest is the
 * subject and there is no state.  False when nothing is left.  *@ret_trailing
 * says the state was such a title's last words.
 */
static bool
thread_subject_form(const Doc *d, Slice *ret_subject, Slice *ret_state, bool *ret_trailing)
{
	*ret_trailing = false;
	const char *t = d->adv->title;
	if (t == NULL) {
		return false;
	}
	while (*t == ' ') {
		t++;
	}
	const char *raw = d->adv->raw_status;
	gsize rn = raw != NULL ? strlen(raw) : 0;
	if (rn > 0 && g_ascii_strncasecmp(t, raw, rn) == 0) {
		const char *c = t + rn;
		while (*c == ' ') {
			c++;
		}
		if (*c == ':') {
			t = c + 1;
		}
	}
	while (*t == ' ') {
		t++;
	}
	if (*t == '[') {
		const char *close = strchr(t, ']');
		if (close != NULL) {
			t = close + 1;
		}
	}
	while (*t == ' ') {
		t++;
	}
	gsize len = strlen(t);
	while (len > 0 && t[len - 1] == ' ') {
		len--;
	}
	ret_state->p = NULL;
	ret_state->n = 0;
	const char *dash = strstr(t, " - ");
	const char *colon = strchr(t, ':');
	const char *lead_end = dash != NULL && (colon == NULL || dash < colon) ? dash : colon;
	if (lead_end != NULL && lead_end > t && lead_end - t <= SIBLING_LEAD_MAX) {
		const char *s = lead_end + (lead_end == dash ? 3 : 1);
		while (*s == ' ') {
			s++;
		}
		if (s < t + len && linker_is_label(t, (gsize)(lead_end - t))) {
			/* A status label the parser did not know: the rest is the subject. */
			len -= (gsize)(s - t);
			t = s;
		} else if (s < t + len) {
			ret_state->p = s;
			ret_state->n = (gsize)(t + len - s);
			len = (gsize)(lead_end - t);
			while (len > 0 && t[len - 1] == ' ') {
				len--;
			}
		}
	}
	if (ret_state->p == NULL) {
		gsize at = trailing_state(t, len);
		gsize n = at;
		while (n > 0 && !g_ascii_isalnum(t[n - 1])) {
			n--;
		}
		/* A title that is a state and nothing else ("Outage", "Partial
		 * outage") keeps it as its subject; and so does one whose words before
		 * the state are a status label's ("Service disruption", "Major
		 * outage"), which the check below gives no subject. */
		if (at < len && n > 0 && !linker_is_label(t, n)) {
			ret_state->p = t + at;
			ret_state->n = len - at;
			len = n;
			*ret_trailing = true;
		}
	}
	ret_subject->p = t;
	ret_subject->n = len;
	/* A title that is a status level and nothing else ("Minor service outage.",
	 * "All systems operational.": a status feed's message of the moment) has no
	 * subject: two such posts are not one thread for their words. */
	if (linker_is_label(t, len)) {
		return false;
	}
	for (gsize i = 0; i < len; i++) {
		if (g_ascii_isalnum(t[i])) {
			return true;
		}
	}
	return false;
}

/* The subject and state of @d's title (thread_subject_form()). */
static bool
thread_subject(const Doc *d, Slice *ret_subject, Slice *ret_state)
{
	bool trailing;
	return thread_subject_form(d, ret_subject, ret_state, &trailing);
}

/* The next word (a run of letters and digits) of @s from *@at, or false. */
static bool
slice_word(const Slice *s, gsize *at, Slice *ret)
{
	gsize i = *at;
	while (i < s->n && !g_ascii_isalnum(s->p[i])) {
		i++;
	}
	if (i == s->n) {
		*at = i;
		return false;
	}
	gsize j = i;
	while (j < s->n && g_ascii_isalnum(s->p[j])) {
		j++;
	}
	ret->p = s->p + i;
	ret->n = j - i;
	*at = j;
	return true;
}

/* True when @x and @y hold the same words, case and punctuation aside. */
static bool
slices_same_words(const Slice *x, const Slice *y)
{
	gsize i = 0, k = 0;
	Slice a, b;
	for (;;) {
		bool more_a = slice_word(x, &i, &a), more_b = slice_word(y, &k, &b);
		if (!more_a || !more_b) {
			return more_a == more_b;
		}
		if (a.n != b.n || g_ascii_strncasecmp(a.p, b.p, a.n) != 0) {
			return false;
		}
	}
}

/* True when @d may be a post of a thread: an unplanned item with a time that is
 * one post (no more than one update of its own), an incident; not a title
 * announcing planned work (linker_title_plan()). */
static bool
thread_post(const Doc *d)
{
	return d->s != SW_TIME_NONE && !d->not_incident && !d->disclaims &&
	       d->adv->kind != ADVISORY_KIND_MAINTENANCE && d->adv->updates->len <= 1 &&
	       d->source_term != G_MAXUINT32 && !linker_title_plan(d->adv);
}

/*
 * True when post @d says its subject's trouble is over: closed (resolved, an
 * end stated), or its state says so ("HTTPS access restored", "Deployment
 * failures resolved"), not for some only ("restored for most customers").
 */
static bool
thread_post_over(const Doc *d, const Slice *state)
{
	static const char *const over[] = {"resolved", "restored", "fixed", "recovered",
					   "normally", "normal", "mitigated", "operational"};
	static const char *const partly[] = {"most", "many", "some", "partial", "partially",
					     "majority"};
	if (d->adv->end != SW_TIME_NONE || d->adv->status == ADVISORY_STATUS_RESOLVED ||
	    d->adv->status == ADVISORY_STATUS_FALSE_POSITIVE) {
		return true;
	}
	return state->p != NULL &&
	       linker_words_hold_any_in(state->p, state->n, over, G_N_ELEMENTS(over)) &&
	       !linker_words_hold_any_in(state->p, state->n, partly, G_N_ELEMENTS(partly));
}

/* True when @st, a post's state, tells of trouble of its own ("Photo thumbnails slow
 * to appear", "Some users can't access their accounts") and of no recovery or update.
 * Not the mention words of linker_score.c: "issues" and "problems" are a first
 * post's every state ("Connectivity issues"), which the next post names in its own
 * words ("Mailboxes still unreachable"). */
static bool
thread_state_trouble(const Slice *st)
{
	static const char *const trouble[] = {
		"slow",	   "failing", "fail",	 "fails",	"failed",  "failures", "errors",
		"error",   "unable",  "can't",	 "cannot",	"delays",  "delayed",  "down",
		"outage",  "unavailable", "disruption", "unreachable", "missing", "not",
	};
	static const char *const better[] = {
		"resolved", "restored", "fixed",     "recovered", "recovering", "normal",
		"normally", "back",	"update",    "mitigated", "operational", "improving",
		"improved", "working",	"available", "again",
	};
	return st->p != NULL &&
	       linker_words_hold_any_in(st->p, st->n, trouble, G_N_ELEMENTS(trouble)) &&
	       !linker_words_hold_any_in(st->p, st->n, better, G_N_ELEMENTS(better));
}

/* True when states @a and @b share a word of four letters or more that is no
 * everyday word of a state ("some", "users", "service"). */
static bool
thread_states_share(const Slice *a, const Slice *b)
{
	static const char *const everyday[] = {"some", "users", "user", "service", "services",
					       "customers", "issue", "issues", "with", "their",
					       "from", "still", "more", "being"};
	for (gsize i = 0; i < a->n;) {
		if (!g_ascii_isalnum(a->p[i])) {
			i++;
			continue;
		}
		gsize n = 0;
		while (i + n < a->n && (g_ascii_isalnum(a->p[i + n]) || a->p[i + n] == '\'')) {
			n++;
		}
		bool common = n < 4;
		for (gsize k = 0; k < G_N_ELEMENTS(everyday) && !common; k++) {
			common = strlen(everyday[k]) == n &&
				 g_ascii_strncasecmp(a->p + i, everyday[k], n) == 0;
		}
		if (!common) {
			g_autofree char *w = g_strndup(a->p + i, n);
			if (linker_words_hold(b->p, b->n, w)) {
				return true;
			}
		}
		i += n;
	}
	return false;
}

/* True when @p, a post of @e's subject more than THREAD_NEW_GAP after @e, tells a
 * trouble of its own and @e told another, in words none of which @p's state says
 * again: "SkyDrive: Some users can't reach their files" seven hours after "SkyDrive:
 * Photo thumbnails slow to appear" is a new problem of SkyDrive, not the next post
 * of the thumbnails' ("Gmail: Service disruption" then "Gmail: Service restored" is
 * one thread: a recovery; so is a next state in the same words). */
static bool
thread_new_trouble(const Doc *e, const Slice *ste, const Doc *p, const Slice *stp)
{
	return p->last - e->last > THREAD_NEW_GAP && thread_state_trouble(ste) &&
	       thread_state_trouble(stp) && !thread_states_share(ste, stp) &&
	       !thread_states_share(stp, ste);
}

/* True when post @d is a write-up after the fact: by its title (Doc.writeup) or
 * by its state ("Root cause analysis published", "Summary of the event",
 * "Investigation complete"). */
static bool
thread_afterword(const Doc *d, const Slice *state)
{
	if (d->writeup) {
		return true;
	}
	static const char *const afterwords[] = {
		"root cause", "summary", "postmortem", "investigation complete",
	};
	for (gsize i = 0; state->p != NULL && i < G_N_ELEMENTS(afterwords); i++) {
		if (linker_words_hold(state->p, state->n, afterwords[i])) {
			return true;
		}
	}
	return false;
}

/* When post @d, which says it is over, ended: when it was posted (an open item's
 * horizon is no time it was open: its title says it is over). */
static gint64
post_over_end(const Doc *d)
{
	return d->last;
}

/* True when posts @a and @b may be of one thread: one feed, and not two regions
 * of their own (a provider's one feed for several regions). */
static bool
thread_pair(const Doc *a, const Doc *b)
{
	return a != b && linker_same_feed(a, b) && thread_post(a) && thread_post(b) &&
	       !(a->own_region && b->own_region &&
		 g_ascii_strcasecmp(a->adv->region, b->adv->region) != 0);
}

/* Orders two posts of a feed: by when they were posted (a resolved post's stated
 * window may start before the first post of its thread), then key (a function of
 * the data). */
static bool
post_before(const Doc *a, const Doc *b)
{
	return a->last != b->last ? a->last < b->last : strcmp(a->key, b->key) < 0;
}

/* Calls @fn(post, @user) for each other post of @d's feed on subject @subj, until
 * it returns false. */
typedef bool (*ThreadVisit)(const Doc *o, void *user);

static void
thread_posts(const Linker *l, const Doc *d, const Slice *subj, ThreadVisit fn, void *user)
{
	const GArray *arr = g_hash_table_lookup(l->by_source, GUINT_TO_POINTER(d->source_term + 1));
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
		Slice os, ost;
		if (!thread_pair(o, d) || !thread_subject(o, &os, &ost) ||
		    !slices_same_words(subj, &os)) {
			continue;
		}
		if (!fn(o, user)) {
			return;
		}
	}
}

typedef struct {
	const Doc *e, *p;   /* the pair, e before p */
	bool between;       /* a post of the subject lies between them */
	gint64 closed_end;  /* the latest end of a post saying it is over, from e to p */
	const Doc *prev, *next; /* around e (thread_candidates()) */
} ThreadScan;

static bool
visit_between(const Doc *o, void *user)
{
	ThreadScan *ts = user;
	if (post_before(ts->e, o) && post_before(o, ts->p)) {
		ts->between = true;
		return false;
	}
	return true;
}

/* Sets ts->between when @o is a post of the subject at most THREAD_GAP_MAX before
 * ts->e (one that may lead into it). */
static bool
visit_led(const Doc *o, void *user)
{
	ThreadScan *ts = user;
	if (post_before(o, ts->e) && ts->e->last - o->last <= THREAD_GAP_MAX) {
		ts->between = true;
		return false;
	}
	return true;
}

static bool
visit_over(const Doc *o, void *user)
{
	ThreadScan *ts = user;
	Slice os, ost;
	if (!post_before(o, ts->e) && post_before(o, ts->p) && thread_subject(o, &os, &ost) &&
	    thread_post_over(o, &ost)) {
		ts->closed_end = MAX(ts->closed_end, post_over_end(o));
	}
	return true;
}

/* True when @a and @b name an id in common, or one names the other's. */
static bool
refs_meet(const Doc *a, const Doc *b)
{
	for (guint i = 0; i < a->refs->len; i++) {
		const char *x = g_array_index(a->refs, Ref, i).id_lower;
		if (strcmp(x, b->id_lower) == 0) {
			return true;
		}
		for (guint k = 0; k < b->refs->len; k++) {
			if (strcmp(x, g_array_index(b->refs, Ref, k).id_lower) == 0) {
				return true;
			}
		}
	}
	for (guint k = 0; k < b->refs->len; k++) {
		if (strcmp(g_array_index(b->refs, Ref, k).id_lower, a->id_lower) == 0) {
			return true;
		}
	}
	return false;
}

/* True when the titles of @a and @b hold the same words, case and punctuation
 * aside. */
static bool
titles_same_words(const Doc *a, const Doc *b)
{
	Slice x = {a->adv->title, strlen(a->adv->title)};
	Slice y = {b->adv->title, strlen(b->adv->title)};
	return slices_same_words(&x, &y);
}

/* True when @a and @b are posts of one feed (thread_pair()) whose titles each end
 * in a state, no separator before it (thread_subject_form(): a dashboard's
 * "<product> <state>"), of two subjects: posts of two threads ("Google Talk Service
 * Restored" is no word about "Gmail Service Disruption", whatever the words they
 * share).  Not titles with a lead ("RCA: NA14 Service Disruption - May 10" and
 * "NA14: Service Disruption"), whose lead is a label as often as a subject. */
static bool
thread_subjects_apart(const Doc *a, const Doc *b)
{
	Slice sa, sta, sb, stb;
	bool ta, tb;
	return thread_pair(a, b) && thread_subject_form(a, &sa, &sta, &ta) && ta &&
	       thread_subject_form(b, &sb, &stb, &tb) && tb && !slices_same_words(&sa, &sb);
}

/* True when @a and @b are posts of two threads of one feed (thread_subjects_apart())
 * and one of them says its subject's trouble is over (thread_post_over()): the
 * words a dashboard's "Google Talk Service Restored" shares with its "Gmail Service
 * Restored" or "Gmail Service Disruption" are its template's ("should be resolved",
 * "thank you for your patience and continued support"), no word of one event. */
static bool
thread_recovery_apart(const Doc *a, const Doc *b)
{
	Slice sa, sta, sb, stb;
	return thread_subjects_apart(a, b) && thread_subject(a, &sa, &sta) &&
	       thread_subject(b, &sb, &stb) &&
	       (thread_post_over(a, &sta) || thread_post_over(b, &stb));
}

/* True when @a and @b may be posts of one thread (thread_pair()) and their titles
 * have one subject: the earlier of them in *@ret_e, the later in *@ret_p, the
 * subject in *@ret_subject and each one's state in *@ret_estate, *@ret_pstate. */
static bool
thread_same_subject(const Doc *a, const Doc *b, const Doc **ret_e, const Doc **ret_p,
		    Slice *ret_subject, Slice *ret_estate, Slice *ret_pstate)
{
	if (!thread_pair(a, b)) {
		return false;
	}
	const Doc *e = post_before(a, b) ? a : b, *p = e == a ? b : a;
	Slice sp;
	if (!thread_subject(e, ret_subject, ret_estate) || !thread_subject(p, &sp, ret_pstate) ||
	    !slices_same_words(ret_subject, &sp)) {
		return false;
	}
	*ret_e = e;
	*ret_p = p;
	return true;
}

/*
 * One long event told as a feed's series of posts on one subject: AWS's
 * "Performance issues: Instance connectivity", then "Service disruption: ...", a
 * day later "Performance issues: ..." and at last "Service is operating normally:
 * [RESOLVED] Instance connectivity"; a dashboard's "Storage [Worldwide] - ..." in
 * several states; a mail provider's "Hosted mail: ..." over days.  The time window
 * breaks such a series at its first long gap; a person reads each post as the
 * next state of the trouble the last one left open.  @a and @b are such a step
 * when they are posts (thread_post()) of one feed with the same subject
 * (thread_subject()), the later one is the next post of that subject after the
 * earlier one, which did not say it was over (thread_post_over()), it came at most
 * THREAD_GAP_MAX later, and they do not state two causes that share no specific
 * word (a new cause is a new fault).  A function of the data, not of the order
 * it came in.
 */
static bool
linker_thread(const Linker *l, const Doc *a, const Doc *b, GPtrArray *reasons)
{
	const Doc *e, *p;
	Slice se, ste, stp;
	if (!thread_same_subject(a, b, &e, &p, &se, &ste, &stp)) {
		return false;
	}
	/* A write-up of the subject after its last post ("Storage [Worldwide] - Root
	 * cause analysis published") retells the thread, however it ended. */
	bool afterword = thread_afterword(p, &stp) && !thread_afterword(e, &ste);
	if (p->last - e->last > (afterword ? AFTERWORD_GAP_MAX : THREAD_GAP_MAX) ||
	    (!afterword && thread_post_over(e, &ste)) ||
	    (!afterword && thread_new_trouble(e, &ste, p, &stp))) {
		return false;
	}
	/* A post that says again what a lone earlier one said, word for word, more
	 * than OPEN_HORIZON after it with nothing of its subject in between, tells no
	 * next state: it is the feed's title for a new event of the subject ("Google
	 * Drive Service Disruption" on the 22nd and again on the 24th).  A next post
	 * of one long event says where it stands now ("Service disruption: ..." a day
	 * after "Performance issues: ..."), or repeats the state of a thread its feed
	 * had carried on over several posts (AWS's "Performance issues: Instance
	 * connectivity" again a day later, the event's fourth post). */
	if (!afterword && p->last - e->last > OPEN_HORIZON && titles_same_words(e, p)) {
		ThreadScan lone = {.e = e, .p = p};
		thread_posts(l, e, &se, visit_led, &lone);
		if (!lone.between) {
			return false;
		}
	}
	/* Two posts each naming incident ids, none in common (Azure's "Tracking ID:
	 * ..."), are two incidents' posts. */
	if (a->refs != NULL && a->refs->len > 0 && b->refs != NULL && b->refs->len > 0 &&
	    !refs_meet(a, b)) {
		return false;
	}
	/* A new stated cause is a new fault: two statements of cause that share no
	 * specific word, or, more than a day after a post that stated none, one that
	 * the earlier post says no word of ("a failed network device" two days after
	 * "Database connectivity issues"). */
	guint32 word;
	if (!afterword && p->ncause > 0 &&
	    ((e->ncause > 0 && cause_words_shared(l, e, p, true, &word, 1) == 0 &&
	      cause_words_shared(l, p, e, true, &word, 1) == 0) ||
	     (e->ncause == 0 && p->last - e->last > OPEN_HORIZON &&
	      cause_words_shared(l, p, e, false, &word, 1) == 0))) {
		return false;
	}
	ThreadScan ts = {.e = e, .p = p};
	thread_posts(l, e, &se, visit_between, &ts);
	if (ts.between) {
		return false;
	}
	if (reasons != NULL) {
		g_autofree char *subj = g_strndup(se.p, se.n);
		gint64 min = (p->last - e->last) / 60;
		g_ptr_array_add(reasons,
				g_strdup_printf("%s %s the thread of %s on the same feed '%s' "
						"('%s', %" G_GINT64_FORMAT " h %02" G_GINT64_FORMAT
						" min later)%s",
						p->adv->id != NULL ? p->adv->id : p->key,
						afterword ? "is a write-up of" : "continues",
						e->adv->id != NULL ? e->adv->id : e->key,
						e->adv->source != NULL ? e->adv->source : "", subj,
						min / 60, min % 60,
						afterword ? "" : ", not resolved in between"));
	}
	return true;
}

/* Two posts of one ticket come at most this far apart (linker_ticket()): a ticket
 * stays open for as long as its work goes on, weeks after a fire. */
#define TICKET_GAP_MAX (35 * 24 * 3600)

/* The ticket number that leads @d's title ("FS#49484 — SBG: restart plan",
 * "[INC0012345] Mail delays", "CHG-2231: ..."), lower case, when the term scanner
 * read it as an id of the item's (a positive ref), or NULL; with @ret_at, where it
 * stands in the title (as written). */
static const char *
title_ticket(const Doc *d, const char **ret_at)
{
	const char *t = d->adv->title;
	if (t == NULL || d->refs == NULL || d->refs->len == 0) {
		return NULL;
	}
	while (*t == ' ' || *t == '[' || *t == '(') {
		t++;
	}
	gsize n = 0;
	while (g_ascii_isalnum(t[n]) || t[n] == '#' || t[n] == '-' || t[n] == '_') {
		n++;
	}
	for (guint i = 0; n > 0 && i < d->refs->len; i++) {
		const Ref *r = &g_array_index(d->refs, Ref, i);
		if (r->polarity == TERMS_REF_POSITIVE && strlen(r->id_lower) == n &&
		    g_ascii_strncasecmp(t, r->id_lower, n) == 0) {
			if (ret_at != NULL) {
				*ret_at = t;
			}
			return r->id_lower;
		}
	}
	return NULL;
}

/*
 * One ticket's posts: a feed that titles each post of a ticket with its number
 * (a provider's works tracker: "FS#49484 — SBG: incident on the Strasbourg site",
 * "FS#49484 — SBG: restart plan", twelve days later "FS#49484 — SBG: progress and
 * investigation") tells one incident in them, whatever their words.  @a and @b
 * are such posts when they are items of one feed whose titles lead with the same
 * ticket number (title_ticket()) and the later came at most TICKET_GAP_MAX after
 * the earlier.  With @reasons, appends why.
 */
static bool
linker_ticket(const Doc *a, const Doc *b, GPtrArray *reasons)
{
	const char *ta, *tb, *at = NULL;
	if (a == b || !linker_same_feed(a, b) || (ta = title_ticket(a, &at)) == NULL ||
	    (tb = title_ticket(b, NULL)) == NULL || strcmp(ta, tb) != 0) {
		return false;
	}
	const Doc *e = post_before(a, b) ? a : b, *p = e == a ? b : a;
	if (p->last - e->last > TICKET_GAP_MAX) {
		return false;
	}
	if (reasons != NULL) {
		gint64 h = (p->last - e->last) / 3600;
		g_ptr_array_add(reasons,
				g_strdup_printf("%s and %s are posts of one ticket on the same feed "
						"'%s' (their titles lead with '%.*s'; %" G_GINT64_FORMAT
						" d %" G_GINT64_FORMAT " h apart)",
						e->adv->id != NULL ? e->adv->id : e->key,
						p->adv->id != NULL ? p->adv->id : p->key,
						e->adv->source != NULL ? e->adv->source : "",
						(int)strlen(ta), at,
						h / 24, h % 24));
	}
	return true;
}

/* The other posts of @d's ticket on its feed (see linker_ticket()). */
static void
ticket_candidates(Linker *l, const Doc *d, Cands *c)
{
	if (title_ticket(d, NULL) == NULL) {
		return;
	}
	const GArray *arr = g_hash_table_lookup(l->by_source, GUINT_TO_POINTER(d->source_term + 1));
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
		if (linker_ticket(d, o, NULL)) {
			cand_add(c, o->index);
		}
	}
}

/*
 * True when @a and @b are posts of one feed on one subject with a post saying
 * it was over between them (the earlier one itself, or its "[RESOLVED]" twin),
 * and the later one came more than ENDED_APART_MAX after that post ended: a new
 * fault of the same subject, however alike the titles ("Increased API error
 * rates" the next day).  The earlier thread's open first post does not stay open
 * for the day its horizon would give it.
 */
static bool
linker_thread_closed(const Linker *l, const Doc *a, const Doc *b)
{
	const Doc *e, *p;
	Slice se, ste, stp;
	if (!thread_same_subject(a, b, &e, &p, &se, &ste, &stp)) {
		return false;
	}
	ThreadScan ts = {.e = e, .p = p, .closed_end = G_MININT64};
	if (thread_post_over(e, &ste)) {
		ts.closed_end = post_over_end(e);
	}
	thread_posts(l, e, &se, visit_over, &ts);
	return ts.closed_end != G_MININT64 && p->s - ts.closed_end > ENDED_APART_MAX;
}

static bool
visit_around(const Doc *o, void *user)
{
	ThreadScan *ts = user;
	if (post_before(o, ts->e)) {
		if (ts->prev == NULL || post_before(ts->prev, o)) {
			ts->prev = o;
		}
	} else if (ts->next == NULL || post_before(o, ts->next)) {
		ts->next = o;
	}
	return true;
}

/* The posts before and after @d in its thread (see linker_thread()), whatever the
 * time between them. */
static void
thread_candidates(Linker *l, const Doc *d, Cands *c)
{
	Slice s, st;
	if (!thread_post(d) || !thread_subject(d, &s, &st)) {
		return;
	}
	ThreadScan ts = {.e = d};
	thread_posts(l, d, &s, visit_around, &ts);
	const Doc *ends[2] = {ts.prev, ts.next};
	for (guint k = 0; k < 2; k++) {
		if (ends[k] != NULL && linker_thread(l, d, ends[k], NULL)) {
			cand_add(c, ends[k]->index);
		}
	}
}

/*
 * A provider's later post about an event its incident list told: a post mortem,
 * a recovery plan or an "Update on the incident at ..." a day or more later, on
 * another feed of the provider (its blog or newsroom beside its status page).
 * Too late for the time window, it joins when: both are the provider's own
 * items on two of its feeds (never two items of one feed: a busy status feed's
 * incidents of one region would follow each other up), neither blames another
 * provider nor says it is separate, the later one is a post (no status, at
 * most one post of its own) starting FOLLOWUP_MIN to REF_MAX_GAP after the
 * earlier one, they name the same place (own region, or a region both name),
 * and the post retells the earlier one's cause: at least FOLLOWUP_WORDS
 * specific words of its statements of cause ("power", "portland", "center"), or
 * of the post's own statements of cause in the earlier one's text (an item that
 * says what broke with no cue: "the databases of one scale unit were deleted by
 * mistake", and the post's "Root cause: ... deleted the whole server ...").
 * A function of the pair only.
 */
static bool
provider_followup(const Linker *l, const Doc *a, const Doc *b, GPtrArray *reasons)
{
	if (linker_thread(l, a, b, reasons)) {
		return true; /* the next post of a feed's thread (see linker_thread()) */
	}
	if (linker_ticket(a, b, reasons)) {
		return true; /* a post of the same ticket (see linker_ticket()) */
	}
	ProvMask both = prov_and(a->self_provider, b->self_provider);
	if (!prov_any(both) || a->s == SW_TIME_NONE || b->s == SW_TIME_NONE || a->s == b->s) {
		return false;
	}
	const Doc *e = a->s < b->s ? a : b, *p = e == a ? b : a;
	/* A write-up by its title ("Incident report: ...") may follow up an item
	 * of its own feed, whatever its status, and name no place. */
	bool writeup = p->writeup && !e->writeup;
	if ((linker_same_feed(a, b) && !writeup) ||
	    p->s - e->s < FOLLOWUP_MIN || p->s - e->s > REF_MAX_GAP ||
	    (!writeup && (p->adv->status != ADVISORY_STATUS_UNKNOWN || p->adv->updates->len > 1)) ||
	    a->not_incident || b->not_incident || a->disclaims || b->disclaims ||
	    prov_any(prov_andnot(a->cause_providers, both)) ||
	    prov_any(prov_andnot(b->cause_providers, both))) {
		return false;
	}
	bool apart;
	const char *place = sibling_place(e, p, &apart);
	if (place == NULL && (!writeup || apart)) {
		return false;
	}
	if ((place == NULL || linker_same_feed(a, b)) &&
	    (e->e == SW_TIME_NONE || e->e > p->s)) {
		return false; /* a report after the fact tells an event that is over */
	}
	/* Its cause's words in the post, or the post's root cause in its words (a
	 * status item says what broke, "databases ... deleted by mistake during a
	 * cleanup job", with no cue; the post says "Root cause: ...").  With no place
	 * to meet in, one word more. */
	guint need = place != NULL ? FOLLOWUP_WORDS : FOLLOWUP_WORDS + 1;
	guint32 words[FOLLOWUP_WORDS + 1];
	bool retold = cause_words_shared(l, e, p, false, words, need) == need;
	if (!retold && cause_words_shared(l, p, e, false, words, need) < need) {
		return false;
	}
	if (reasons != NULL) {
		const char *who =
			linker_knowledge_display(l->know.providers->pdata[prov_first(both)]);
		gint64 h = (p->s - e->s) / 3600;
		GString *r = g_string_new(NULL);
		g_string_append_printf(r, "%s is %s's %s on '%s', %" G_GINT64_FORMAT
				       " h after %s, about the same event: ",
				       p->adv->id != NULL ? p->adv->id : p->key, who,
				       writeup ? "write-up (by its title)" : "later post",
				       p->adv->source != NULL ? p->adv->source : "", h,
				       e->adv->id != NULL ? e->adv->id : e->key);
		if (place != NULL) {
			g_string_append_printf(r, "in '%s', ", place);
		}
		g_string_append(r, retold ? "it retells its cause ("
					  : "its statement of cause tells what that item said (");
		for (guint i = 0; i < need; i++) {
			g_string_append_printf(r, "%s'%s'", i > 0 ? ", " : "",
					       linker_term_surface(l, words[i]));
		}
		g_string_append(r, ")");
		g_ptr_array_add(reasons, g_string_free(r, FALSE));
	}
	return true;
}

static bool
visit_led_any(const Doc *o, void *user)
{
	ThreadScan *ts = user;
	Slice os, ost;
	if (o != ts->e && post_before(o, ts->p) && ts->p->last - o->last <= THREAD_GAP_MAX &&
	    thread_subject(o, &os, &ost) && !thread_post_over(o, &ost)) {
		ts->between = true;
		return false;
	}
	return true;
}

/* True when @p, the later of @a and @b, has a thread of its own: an earlier post of
 * its feed on its subject (thread_subject()), other than the earlier of the pair, at
 * most THREAD_GAP_MAX before it and not saying it is over (a February "Phone service
 * outage" long resolved is no thread of June's "Phone service restored"). */
static bool
thread_led_elsewhere(const Linker *l, const Doc *a, const Doc *b)
{
	const Doc *e = post_before(a, b) ? a : b, *p = e == a ? b : a;
	Slice sp, stp;
	if (!thread_pair(e, p) || !thread_subject(p, &sp, &stp)) {
		return false;
	}
	Slice se, ste;
	if (thread_subject(e, &se, &ste) && slices_same_words(&sp, &se)) {
		return false;
	}
	ThreadScan ts = {.e = e, .p = p};
	thread_posts(l, p, &sp, visit_led_any, &ts);
	return ts.between;
}

/* A provider's later post (provider_followup()), or a page's later item pointing
 * back at its own (linker_later_own() in linker_later.c), unless the later post's
 * subject has a thread of its own on the feed (thread_led_elsewhere(): "Event
 * Service Restored" ends "Event Service Disruption", not the newer "Event Hub
 * Disruption").  A recovery of a subject posted about only once before names it in
 * other words as often as not ("Phones down", then "Phone service restored"). */
bool
linker_followup(const Linker *l, const Doc *a, const Doc *b, GPtrArray *reasons)
{
	/* The cheap test first: most pairs are no later post at all. */
	return provider_followup(l, a, b, reasons) ||
	       (linker_later_own(l, a, b, NULL) && !thread_led_elsewhere(l, a, b) &&
		(reasons == NULL || linker_later_own(l, a, b, reasons)));
}

/* Clusters one component.  Fills @cluster_of (local → root) and marks in
 * @used the edges that joined clusters. */
void
linker_cluster(Linker *l, Component *comp, Sets *s, bool *used)
{
	guint n = comp->nodes->len;
	GPtrArray *adj = g_ptr_array_new_with_free_func(linker_garray_unref0);
	double strong = l->opts.threshold + LINKER_STRONG_MARGIN;

	ClusterCause *cause = g_new(ClusterCause, n);
	for (guint i = 0; i < n; i++) {
		s->parent[i] = s->next[i] = i;
		s->size[i] = 1;
		g_ptr_array_add(adj, g_array_new(FALSE, FALSE, sizeof(guint32)));
		cause_of_doc(l, l->docs->pdata[g_array_index(comp->nodes, guint32, i)], &cause[i]);
	}
	for (guint i = 0; i < comp->edges->len; i++) {
		const Edge *e = &g_array_index(comp->edges, Edge, i);
		g_array_append_val(adj->pdata[e->a], e->b);
		g_array_append_val(adj->pdata[e->b], e->a);
	}
	EdgeSortCtx ctx = {.linker = l, .comp = comp, .cause = cause};
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
		used[i] = false;
		if ((i & 1023) == 0 && l->stop != NULL && g_atomic_int_get(l->stop) != 0) {
			/* Asked to stop: the answer is discarded (linker_set_stop()). */
			for (guint k = i + 1; k < comp->edges->len; k++) {
				used[k] = false;
			}
			break;
		}
		guint32 ra = linker_sets_find(s, e->a), rb = linker_sets_find(s, e->b);
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
			if (!e->page && !e->claim &&
			    providers_apart(l, &cause[ra], &cause[rb], da, db)) {
				continue;
			}
			/* Shared words, or two of one provider's own items (not a
			 * customer's blame, nor a named incident): not across the
			 * hours after one cluster ended. */
			if (!e->page && !e->claim && !e->sibling && !e->quiet &&
			    (!e->anchored ||
			     prov_any(prov_and(da->self_provider, db->self_provider))) &&
			    (da->refs == NULL || da->refs->len == 0) &&
			    (db->refs == NULL || db->refs->len == 0) &&
			    clusters_ended_apart(&cause[ra], &cause[rb])) {
				continue;
			}
			/* A quiet item's group joins its provider's event when none of
			 * the provider's items in it states a cause (its resolved post
			 * saying "a faulty console deployment" keeps it apart). */
			if (e->quiet) {
				const ClusterCause *qa = &cause[ra], *qb = &cause[rb];
				/* ... and it is the group of the quiet one: a later item
				 * joins the event an earlier one is in, never the other
				 * way round (an item's group of another cause does not
				 * take an earlier quiet one through it). */
				const Doc *q = linker_quiet_of(da, db);
				const ClusterCause *of_q = q == da ? qa : qb, *of_o = q == da ? qb : qa;
				if (of_q->own_states) {
					continue;
				}
				/* Two groups neither of which states a cause (a region's
				 * per-service items, none saying why yet): one event when
				 * the later item began within SIBLING_NAMED_MAX of the
				 * first start of either, so that quiet items do not chain
				 * through the afternoon. */
				if (!of_o->own_states &&
				    q->s - MIN(qa->first, qb->first) > SIBLING_NAMED_MAX) {
					continue;
				}
			}
			/* Outright only for a strong link that is anchored, joins two
			 * single advisories, or where one end names the other's feed
			 * (see linker_private.h): that end says which advisory it
			 * means, so the link is no newcomer's words beside one member's
			 * ("visitors to MyEtherWallet were redirected", an exchange's
			 * notice, beside the wallet's own write-up naming no provider). */
			bool outright = e->page || e->sibling || e->quiet ||
					(e->score >= strong &&
					 (e->anchored || e->names_source ||
					  s->size[ra] + s->size[rb] == 2));
			if (!outright) {
				/* A newcomer that does not fit a grown cluster's upstream
				 * cause joins only when most of the pairs link. */
				bool misfit = !e->anchored && s->size[ra] + s->size[rb] > 2 &&
					      ((cause_misfit(&cause[ra], &cause[rb]) &&
						!fits_by_link(l, comp, e, e->a, &cause[ra], strong)) ||
					       (cause_misfit(&cause[rb], &cause[ra]) &&
						!fits_by_link(l, comp, e, e->b, &cause[rb], strong)));
				double pairs = (double)s->size[ra] * (double)s->size[rb];
				double share = misfit ? MISFIT_SHARE : WEAK_SHARE;
				guint32 *kept = cross_links_kept(s, adj, ra, rb, &counted,
								 &version, n);
				/* A strong link between two posts of one feed, the smaller
				 * side's going on from the larger's (feed_goes_on()): the
				 * feed telling its event on ("Emergency maintenance: search
				 * unavailable" after its post on the vulnerability that named
				 * that maintenance), which adds no voice to weigh, not a
				 * newcomer's words beside one member's; as the same link
				 * joins when it comes before the others' links. */
				bool goes_on = !misfit && e->score >= strong &&
					       linker_same_feed(da, db) &&
					       feed_goes_on(l, comp, s, ra, rb, da);
				if (!goes_on && kept[2] < share * pairs) {
					if (kept[4] == 0) {
						voices_share(l, comp, s, adj, ra, rb, kept + 3);
					}
					if (kept[3] < (misfit ? share : VOICES_SHARE) * kept[4]) {
						continue;
					}
				}
			}
		}
		ClusterCause merged = {
			.blamed_provs = prov_or(cause[ra].blamed_provs, cause[rb].blamed_provs),
			.blamed_roles = cause[ra].blamed_roles | cause[rb].blamed_roles,
			.own_provs = prov_or(cause[ra].own_provs, cause[rb].own_provs),
			.own_roles = cause[ra].own_roles | cause[rb].own_roles,
			.named_provs = prov_or(cause[ra].named_provs, cause[rb].named_provs),
			.generic = cause[ra].generic || cause[rb].generic,
			.resolved = prov_or(cause[ra].resolved, cause[rb].resolved),
			.first = MIN(cause[ra].first, cause[rb].first),
			.closed_end = MAX(cause[ra].closed_end, cause[rb].closed_end),
			.open_last = MAX(cause[ra].open_last, cause[rb].open_last),
			.own_states = cause[ra].own_states || cause[rb].own_states,
		};
		unite(s, e->a, e->b);
		cause[linker_sets_find(s, e->a)] = merged;
		if (version != NULL) {
			version[linker_sets_find(s, e->a)]++;
		}
		used[i] = true;
	}
	if (counted != NULL) {
		g_hash_table_unref(counted);
	}
	g_free(version);
	g_free(cause);
	g_ptr_array_unref(adj);
}

void
linker_explore_prepare(Linker *l, guint32 lo, guint32 hi)
{
	guint32 df_max = linker_cand_df_max(l);
	for (guint32 t = lo; t < hi; t++) {
		double w = linker_weight_of(l, &l->idf, t);
		const Term *tm = TERM(l, t);
		guint8 f = (tm->df > df_max ? TINFO_COMMON : 0) |
			   (tm->is_source ? TINFO_SOURCE : 0) |
			   ((tm->flag & TERM_ALIAS) ? TINFO_ALIAS : 0) |
			   ((tm->flag & TERM_SEC_WORD) ? TINFO_SEC_WORD : 0);
		if (term_finds(l, t, df_max, &w)) {
			posting_sort(l, &TERM(l, t)->post, t);
			f |= TINFO_FINDS;
		}
		l->tinfo[t] = f;
	}
}

/* Sets, for each term in [@lo, @hi) that finds candidates (TINFO_FINDS: call after
 * the terms are prepared) and each doc holding it, the doc's bit for it in
 * Linker.tnear_bits (zeroed, sized by the caller) when term_candidates() of that
 * doc through it could find another doc: always for a posting long enough to
 * be crowded somewhere, else when the entry before the doc's starts at or after
 * the window's first minute or the one after starts at or before its end (the
 * posting is sorted by start, and lists each doc once: no replaced docs).
 * Otherwise its scan would visit the doc itself and at most the entry that
 * ends it: over 2,000 feeds 95 % of the two million scans, each a posting
 * search and a cache miss or two.  Parts of the term ids may run on threads:
 * bits are set atomically. */
void
linker_explore_near(Linker *l, guint32 lo, guint32 hi)
{
	const Span *spans = (const Span *)(void *)l->spans->data;
	for (guint32 t = lo; t < hi; t++) {
		if (!(l->tinfo[t] & TINFO_FINDS)) {
			continue;
		}
		const Posting *p = &TERM(l, t)->post;
		g_assert(!p->dirty);
		bool all = p->len > CROWD_MAX;
		for (guint k = 0; k < p->len; k++) {
			guint32 di = p->docs[k].doc;
			const Span *ds = &spans[di];
			if (ds->s == G_MAXINT64) {
				continue; /* no time: candidates() scans no term */
			}
			if (!all) {
				gint32 lo_min = linker_start_minutes(ds->s - l->opts.max_gap - p->max_span);
				gint64 end = ds->e + l->opts.max_gap;
				if (!(k > 0 && p->docs[k - 1].smin >= lo_min) &&
				    !(k + 1 < p->len && spans[p->docs[k + 1].doc].s <= end)) {
					continue;
				}
			}
			const Doc *d = l->docs->pdata[di];
			guint a = linker_doc_term_place(d, t);
			g_assert(a < d->nterms && d->terms[a] == t);
			g_atomic_int_or(&l->tnear_bits[l->tnear_off[di] + a / 32], 1u << (a % 32));
		}
	}
}
