/*
 * Clusters become Incidents: members, links with reasons, and ids that stay
 * stable (stored ids win, merges keep the oldest, splits keep the part with
 * the earliest member, otherwise a hash of the earliest member's key); and
 * the public queries linker_incidents(), linker_incident_for(), linker_score().
 *
 * Pure: no I/O, no clock, no logging.
 */
#include <stdlib.h>
#include <string.h>

#include "linker/linker_private.h"
#include "util/sha256.h"

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
	guint8 digest[SHA256_DIGEST_LEN];
	char id[13] = "I-";
	/* One per incident of a listing: GChecksum was 1.8 % of `link --json`. */
	sha256_digest(key, strlen(key), digest);
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
	g_ptr_array_sort(claimed, linker_cmp_str_ptr);
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
	linker_score_pair(l, a, b, &ev, NULL);
	if (e->sibling) {
		if (!linker_sibling(l, a, b, ev.reasons)) {
			linker_followup(l, a, b, ev.reasons);
		}
		ev.score = MAX(ev.score, l->opts.threshold);
	} else if (e->quiet) {
		linker_quiet_sibling(l, a, b, ev.reasons);
		ev.score = MAX(ev.score, l->opts.threshold);
	}
	link = incident_link_new(a->adv->source, a->adv->id, b->adv->source, b->adv->id, ev.score);
	for (guint i = 0; i < ev.reasons->len; i++) {
		incident_link_add_reason(link, ev.reasons->pdata[i]);
	}
	g_ptr_array_unref(ev.reasons);
	/* A flood (see CANDIDATES_MAX): say that the others were not compared. */
	const Doc *ends[2] = {a, b};
	for (guint k = 0; k < 2; k++) {
		guint n = linker_capped_of(l, ends[k]->index);
		if (n > 0) {
			g_autofree char *r = g_strdup_printf(
				"%s was compared only with the %u of its %u candidates most like it "
				"(a flood of look-alike advisories)", linker_short_id(ends[k]),
				(guint)CANDIDATES_MAX, n);
			incident_link_add_reason(link, r);
		}
	}
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
		linker_cluster(l, comp, &s, used);
	} else {
		/* Alone (most advisories): nothing to cluster. */
		for (guint i = 0; i < n; i++) {
			s.parent[i] = s.next[i] = i;
			s.size[i] = 1;
		}
	}
	for (guint i = 0; i < n; i++) {
		guint32 r = linker_sets_find(&s, i);
		if (only && r != linker_sets_find(&s, only_root_of)) {
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
		Incident *inc = by_root[linker_sets_find(&s, e->a)];
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

/* ---- notes ---------------------------------------------------------------------- */

/* The incident holding doc @doc (borrowed), or NULL: how a caller knows them. */
typedef Incident *(*IncidentOf)(Linker *l, guint32 doc, Cands *c, void *user);

/* What @n, a note, says of itself, for the reason that lists it. */
static const char *
note_says(const Doc *n)
{
	if (linker_title_unaffected(n->adv)) {
		return "says it is not affected";
	}
	return n->fine_only == LINKER_PAGE_FINE	  ? "says it is operating normally"
	       : n->fine_only == LINKER_PAGE_INFO ? "is posted for information only"
						  : "says it is not affected";
}

/* A term as a reason names it: "@cve:cve-2024-3094" → "CVE-2024-3094", "@sec:xz" → "xz". */
static char *
note_term_text(const Linker *l, guint32 t)
{
	const char *s = linker_term_surface(l, t);
	const char *colon = s[0] == '@' ? strchr(s, ':') : NULL;
	const char *w = colon != NULL ? colon + 1 : s;
	return g_str_has_prefix(s, "@cve:") ? g_ascii_strup(w, -1) : g_strdup(w);
}

/* The link listing note @n with the incident of @o, why it was attached first. */
static IncidentLink *
note_link(Linker *l, Doc *n, const Doc *o, const NoteCand *why, bool titled)
{
	const Doc *a = strcmp(n->key, o->key) < 0 ? n : o;
	const Doc *b = a == n ? o : n;
	Evidence ev = {.reasons = g_ptr_array_new_with_free_func(g_free)};
	n->not_incident = false; /* its evidence as if it were no note */
	linker_score_pair(l, a, b, &ev, NULL);
	n->not_incident = true;
	IncidentLink *link = incident_link_new(a->adv->source, a->adv->id, b->adv->source,
					       b->adv->id, ev.score);
	g_autofree char *what = NULL;
	g_autofree char *first = NULL;
	switch ((NoteTier)why->tier) {
	case NOTE_TIER_REF:
		first = g_strdup_printf("%s %s, a note: it refers to %s", linker_short_id(n),
					note_says(n), linker_short_id(o));
		break;
	case NOTE_TIER_SECURITY:
		what = why->what != G_MAXUINT32
			       ? note_term_text(l, why->what)
			       : g_strdup_printf("a security event of %s", o->adv->source);
		first = g_strdup_printf("%s %s, a note: it names %s, which this incident is about",
					linker_short_id(n), note_says(n), what);
		break;
	case NOTE_TIER_PROVIDER:
		first = g_strdup_printf("%s %s, a note: it names %s, whose trouble this incident "
					"is, under way then", linker_short_id(n), note_says(n),
					why->what != G_MAXUINT32
						? linker_knowledge_display(
							  l->know.providers->pdata[why->what])
						: o->adv->source);
		break;
	default:
		first = g_strdup_printf("%s %s, a note: of the incidents then, only this one "
					"reaches the threshold with it", linker_short_id(n),
					note_says(n));
		break;
	}
	incident_link_add_reason(link, first);
	if (titled) {
		g_autofree char *r = g_strdup_printf(
			"of the incidents as firmly tied to %s, only this one has a title sharing "
			"a word with its title (%s)", linker_short_id(n), linker_short_id(o));
		incident_link_add_reason(link, r);
	}
	for (guint i = 0; i < ev.reasons->len; i++) {
		incident_link_add_reason(link, ev.reasons->pdata[i]);
	}
	g_ptr_array_unref(ev.reasons);
	return link;
}

/* The incident some candidates of a note lie in, and the best of those (the
 * highest score, then the smallest key); @many when they lie in several. */
typedef struct {
	Incident *inc;
	const NoteCand *why;
	bool many;
} NotePick;

/* Counts candidate @nc, of incident @inc, into @p. */
static void
note_pick(const Linker *l, NotePick *p, Incident *inc, const NoteCand *nc)
{
	const Doc *o = l->docs->pdata[nc->doc];
	bool better = p->why == NULL || nc->score > p->why->score ||
		      (nc->score == p->why->score &&
		       strcmp(o->key, ((const Doc *)l->docs->pdata[p->why->doc])->key) < 0);
	if (p->inc == NULL) {
		p->inc = inc;
	} else if (p->inc != inc) {
		p->many = true;
	}
	if (p->inc == inc && better) {
		p->why = nc;
	}
}

/*
 * The incident note @ni is about, or NULL: of its candidates
 * (linker_note_candidates()), those of the firmest kind of evidence any has; if
 * they all lie in one incident, that one; if in several, the one alone among them
 * whose doc's title shares a word with the note's; else (two incidents as firmly
 * tied) none.  Deterministic: it depends on the incidents, not on any order.  With
 * an incident, *@ret_link is the link that lists the note (caller's).
 */
static Incident *
note_target(Linker *l, guint32 ni, Cands *c, IncidentOf inc_of, void *user,
	    IncidentLink **ret_link)
{
	Doc *n = l->docs->pdata[ni];
	GArray *cands = g_array_new(FALSE, FALSE, sizeof(NoteCand));
	Incident *ret = NULL;

	/* A note a person merged or split is theirs (see linker_force_merge()). */
	if (g_hash_table_contains(l->forced, n->key) || g_hash_table_contains(l->split, n->key)) {
		g_array_unref(cands);
		return NULL;
	}
	linker_note_candidates(l, ni, c, cands);
	Incident **incs = g_new0(Incident *, cands->len + 1);
	guint top = NOTE_TIER_NONE;
	for (guint k = 0; k < cands->len; k++) {
		const NoteCand *nc = &g_array_index(cands, NoteCand, k);
		incs[k] = inc_of(l, nc->doc, c, user);
		if (incs[k] != NULL) {
			top = MAX(top, nc->tier);
		}
	}
	/* Of the firmest kind: the incidents, and those of them a title ties. */
	NotePick all = {0}, titled = {0};
	for (guint k = 0; k < cands->len && top != NOTE_TIER_NONE; k++) {
		const NoteCand *nc = &g_array_index(cands, NoteCand, k);
		if (incs[k] == NULL || nc->tier != top) {
			continue;
		}
		const Doc *o = l->docs->pdata[nc->doc];
		note_pick(l, &all, incs[k], nc);
		if (linker_titles_share(n, o)) {
			note_pick(l, &titled, incs[k], nc);
		}
	}
	if (all.inc != NULL && !all.many) {
		ret = all.inc;
		*ret_link = note_link(l, n, l->docs->pdata[all.why->doc], all.why, false);
	} else if (titled.inc != NULL && !titled.many) {
		ret = titled.inc;
		*ret_link = note_link(l, n, l->docs->pdata[titled.why->doc], titled.why, true);
	}
	g_free(incs);
	g_array_unref(cands);
	return ret;
}

static Incident *
batch_inc_of(Linker *l, guint32 doc, Cands *c, void *user)
{
	(void)c;
	const Doc *d = l->docs->pdata[doc];
	return g_hash_table_lookup(user, d->adv);
}

/*
 * Lists each note (Doc.note) with the incident it is about (note_target()), in
 * @out, the incidents of all held: its own incident, of it alone, leaves @out.
 * After clustering, so a note never joins or bridges anything.
 */
static void
attach_notes(Linker *l, GPtrArray *out, Cands *c)
{
	GArray *notes = g_array_new(FALSE, FALSE, sizeof(guint32));
	for (guint32 i = 0; i < l->docs->len; i++) {
		if (((const Doc *)l->docs->pdata[i])->note) {
			g_array_append_val(notes, i);
		}
	}
	if (notes->len == 0) {
		g_array_unref(notes);
		return;
	}
	GHashTable *by_adv = g_hash_table_new(NULL, NULL); /* Advisory * → Incident *, borrowed */
	for (guint i = 0; i < out->len; i++) {
		Incident *inc = out->pdata[i];
		for (guint k = 0; k < inc->members->len; k++) {
			g_hash_table_insert(by_adv, inc->members->pdata[k], inc);
		}
	}
	/* Every target decided before any is listed: notes are never targets, so the
	 * order of the notes changes nothing. */
	Incident **target = g_new0(Incident *, notes->len);
	IncidentLink **links = g_new0(IncidentLink *, notes->len);
	for (guint i = 0; i < notes->len; i++) {
		target[i] = note_target(l, g_array_index(notes, guint32, i), c, batch_inc_of,
					by_adv, &links[i]);
	}
	GHashTable *gone = g_hash_table_new(NULL, NULL); /* the notes' own incidents */
	for (guint i = 0; i < notes->len; i++) {
		if (target[i] == NULL) {
			continue;
		}
		const Doc *n = l->docs->pdata[g_array_index(notes, guint32, i)];
		incident_add_note(target[i], n->adv);
		g_ptr_array_add(target[i]->links, links[i]);
		g_hash_table_add(gone, g_hash_table_lookup(by_adv, n->adv));
	}
	guint m = 0;
	for (guint i = 0; i < out->len; i++) {
		Incident *inc = out->pdata[i];
		if (g_hash_table_contains(gone, inc)) {
			incident_free(inc);
			continue;
		}
		if (incident_note_count(inc) > 1) {
			incident_sort_members(inc);
		}
		out->pdata[m++] = inc;
	}
	/* The array's free function must not see the incidents freed above. */
	out->len = m;
	g_hash_table_unref(gone);
	g_hash_table_unref(by_adv);
	g_free(target);
	g_free(links);
	g_array_unref(notes);
}

static void
component_init(Component *c)
{
	c->nodes = g_array_new(FALSE, FALSE, sizeof(guint32));
	c->edges = g_array_new(FALSE, FALSE, sizeof(Edge));
	c->vetoes = g_array_new(FALSE, FALSE, sizeof(Edge));
	c->notes = NULL;
}

static void
component_clear(Component *c)
{
	g_array_unref(c->nodes);
	g_array_unref(c->edges);
	g_array_unref(c->vetoes);
	g_clear_pointer(&c->notes, g_array_unref);
}

/* An incident with what it is sorted by computed once: its start, then the first
 * eight bytes of its id (big-endian, zero after the end: ordered as strcmp() orders
 * them), which settle a tie of starts without reading the incident; then the rest of
 * the id, then its place in the list (what the stable sort this replaces kept). */
typedef struct {
	gint64 start; /* incident_start(), G_MAXINT64 for none */
	guint64 head;
	Incident *inc;
	guint index;
} IncKey;

static int
cmp_incidents(const void *pa, const void *pb)
{
	const IncKey *a = pa, *b = pb;
	if (a->start != b->start) {
		return a->start < b->start ? -1 : 1;
	}
	if (a->head != b->head) {
		return a->head < b->head ? -1 : 1;
	}
	int c = strcmp(a->inc->id, b->inc->id);
	if (c != 0) {
		return c;
	}
	return a->index < b->index ? -1 : a->index > b->index;
}

/* One thread's range of the keys: computed (each incident's members read: cache misses
 * for 70,000 incidents over 2,000 feeds), then sorted. */
typedef struct {
	GPtrArray *out;
	IncKey *keys;
	guint from, to;
} SortPart;

static gpointer
sort_part(gpointer data)
{
	SortPart *sp = data;
	for (guint i = sp->from; i < sp->to; i++) {
		const Incident *inc = sp->out->pdata[i];
		gint64 t = incident_start(inc);
		guint64 head = 0;
		for (guint k = 0; k < 8 && inc->id[k] != '\0'; k++) {
			head |= (guint64)(guchar)inc->id[k] << (56 - 8 * k);
		}
		sp->keys[i] = (IncKey){.start = t == SW_TIME_NONE ? G_MAXINT64 : t, .head = head,
				       .inc = (Incident *)inc, .index = i};
	}
	qsort(sp->keys + sp->from, sp->to - sp->from, sizeof(IncKey), cmp_incidents);
	return NULL;
}

/* Sorts @out by start, then id, on @nthreads threads (this one included): each
 * sorts a range, and the ranges are merged here.  Over 2,000 feeds the sort on one
 * thread, while the others waited, was a tenth of linking's serial end. */
static void
sort_incidents(GPtrArray *out, guint nthreads)
{
	guint n = out->len;
	IncKey *keys = g_new(IncKey, MAX(n, 1));
	SortPart parts[INCIDENTS_THREADS] = {{0}};
	GThread *threads[INCIDENTS_THREADS] = {NULL};
	guint at[INCIDENTS_THREADS] = {0};

	nthreads = CLAMP(nthreads, 1u, INCIDENTS_THREADS);
	for (guint k = 0; k < nthreads; k++) {
		parts[k] = (SortPart){.out = out, .keys = keys,
				      .from = (guint)((guint64)n * k / nthreads),
				      .to = (guint)((guint64)n * (k + 1) / nthreads)};
		at[k] = parts[k].from;
	}
	for (guint k = 1; k < nthreads; k++) {
		threads[k] = g_thread_new("link", sort_part, &parts[k]);
	}
	sort_part(&parts[0]);
	for (guint k = 1; k < nthreads; k++) {
		g_thread_join(threads[k]);
	}
	/* The sorted ranges merged: the least head of them, each time. */
	for (guint i = 0; i < n; i++) {
		guint best = G_MAXUINT;
		for (guint k = 0; k < nthreads; k++) {
			if (at[k] < parts[k].to &&
			    (best == G_MAXUINT || cmp_incidents(&keys[at[k]], &keys[at[best]]) < 0)) {
				best = k;
			}
		}
		out->pdata[i] = keys[at[best]++].inc;
	}
	g_free(keys);
}

/* The incidents of the component explored from one start (see linker_incidents()). */
typedef struct {
	GPtrArray *incidents; /* Incident *, owned */
	GArray *nodes;        /* guint32 docs of the component, owned */
	LinkerStats stats;    /* the work it took */
} StartResult;

/* What the threads of linker_incidents() share. */
typedef struct {
	Linker *l;
	guint n;               /* docs */
	guint nthreads;
	gint next;             /* the next start to take, or the next part to prepare (atomic) */
	gint *reach;           /* see Cands.reach */
	StartResult **results; /* per start: its component's incidents, or NULL; each written by
				* the one thread that took the start, read after joining */
} IncidentsShared;

/* Prepares terms and docs (see linker_explore_prepare()) in parts taken in turn. */
enum { PREPARE_PARTS = 64 };

typedef enum { PREPARE_TERMS, PREPARE_DOCS, PREPARE_NEAR } PrepareKind;

static void
prepare_parts(IncidentsShared *sh, gint *next, PrepareKind kind)
{
	guint total = kind == PREPARE_DOCS ? sh->n : sh->l->terms->len;
	for (;;) {
		guint k = (guint)g_atomic_int_add(next, 1);
		if (k >= PREPARE_PARTS) {
			return;
		}
		guint32 lo = (guint32)((guint64)total * k / PREPARE_PARTS);
		guint32 hi = (guint32)((guint64)total * (k + 1) / PREPARE_PARTS);
		if (kind == PREPARE_TERMS) {
			linker_explore_prepare(sh->l, lo, hi);
			continue;
		}
		if (kind == PREPARE_NEAR) {
			linker_explore_near(sh->l, lo, hi);
			continue;
		}
		for (guint32 d = lo; d < hi; d++) {
			(void)linker_doc_weights(sh->l, sh->l->docs->pdata[d]);
		}
	}
}

/* One thread's part: starts taken in turn, each explored with this thread's own
 * scratch unless an exploration from an earlier start has reached it, and given
 * up as soon as it reaches an earlier doc (then the start is not the first of its
 * component, whose incidents come from an earlier start). */
static void
explore_starts(IncidentsShared *sh)
{
	Linker *l = sh->l;
	guint n = sh->n;
	guint32 *local = g_new0(guint32, n + 1);
	Cands c = {
		.list = g_array_new(FALSE, FALSE, sizeof(guint32)),
		.stamp = g_new0(guint32, n + 1),
		.dot = g_new(double, n + 1),
		.named = g_new0(guint32, n + 1),
		.keep = g_new0(guint32, n + 1),
		.stamp2 = g_new0(guint32, n + 1),
		.dot2 = g_new(double, n + 1),
		.reach = sh->reach,
	};
	Component comp;
	component_init(&comp);
	for (;;) {
		guint i = (guint)g_atomic_int_add(&sh->next, 1);
		if (i >= n || (l->stop != NULL && g_atomic_int_get(l->stop) != 0)) {
			break;
		}
		gint r = g_atomic_int_get(&sh->reach[i]);
		if (r != 0 && (guint)r - 1 < i) {
			continue;
		}
		LinkerStats stats = {0};
		g_array_set_size(comp.nodes, 0);
		g_array_set_size(comp.edges, 0);
		g_array_set_size(comp.vetoes, 0);
		c.stats = &stats;
		c.first_only = i + 1;
		c.left = false;
		linker_explore(l, i, &comp, local, &c);
		if (!c.left) {
			StartResult *res = g_new0(StartResult, 1);
			res->incidents = g_ptr_array_new();
			component_incidents(l, &comp, res->incidents, 0, false);
			res->nodes = g_array_copy(comp.nodes);
			res->stats = stats;
			sh->results[i] = res;
		}
		for (guint k = 0; k < comp.nodes->len; k++) {
			local[g_array_index(comp.nodes, guint32, k)] = 0;
		}
	}
	component_clear(&comp);
	g_array_unref(c.list);
	g_free(local);
	g_free(c.stamp);
	g_free(c.dot);
	g_free(c.named);
	g_free(c.keep);
	g_free(c.stamp2);
	g_free(c.dot2);
}

typedef struct {
	IncidentsShared *sh;
	gint *next;
	PrepareKind kind;
} PrepareTask;

static gpointer
prepare_thread(gpointer data)
{
	PrepareTask *t = data;
	prepare_parts(t->sh, t->next, t->kind);
	return NULL;
}

static gpointer
explore_thread(gpointer data)
{
	explore_starts(data);
	return NULL;
}

/* Runs @fn on @sh->nthreads threads, this one included. */
static void
run_threads(IncidentsShared *sh, GThreadFunc fn, gpointer data)
{
	GThread *threads[INCIDENTS_THREADS] = {NULL};
	for (guint k = 1; k < sh->nthreads; k++) {
		threads[k] = g_thread_new("link", fn, data);
	}
	fn(data);
	for (guint k = 1; k < sh->nthreads; k++) {
		g_thread_join(threads[k]);
	}
}

static void
stats_add(LinkerStats *to, const LinkerStats *from)
{
	to->pairs += from->pairs;
	to->scored += from->scored;
	to->capped += from->capped;
	to->crowded += from->crowded;
}

/*
 * Every component, explored from its first doc in index order, its incidents
 * appended in that order, then sorted.  A component's exploration depends only on
 * what is held and its start (nothing it reads is changed by exploring: the
 * caches it would fill lazily are filled before, see linker_explore_prepare()),
 * so with many advisories the components are explored by several threads
 * (explore_starts()), and the answer is put together here in the order one
 * thread would have found it: for each start in index order not yet in a
 * component, the component explored from it; a start no thread explored to the
 * end (another's exploration reached it first, or it reached an earlier doc) is
 * explored here.  The answer is the one thread's, byte for byte.
 */
GPtrArray *
linker_incidents(Linker *l, gint64 now)
{
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)incident_free);
	guint n = l->docs->len;
	guint32 *done = g_new0(guint32, n + 1);
	Cands c;
	linker_ensure_obs(l);
	linker_scratch_reserve(l, &c);
	guint32 *local = l->scratch_local;
	IncidentsShared sh = {.l = l, .n = n};

	(void)now; /* open advisories are bounded by OPEN_HORIZON, not by the clock */
	guint threads = l->incident_threads != 0 ? l->incident_threads : g_get_num_processors();
	sh.nthreads = n >= INCIDENTS_PARALLEL_MIN && l->n_replaced == 0
			      ? CLAMP(threads, 1u, INCIDENTS_THREADS)
			      : 1;
	if (sh.nthreads > 1) {
		gint next_terms = 0, next_docs = 0, next_near = 0;
		PrepareTask terms = {.sh = &sh, .next = &next_terms, .kind = PREPARE_TERMS};
		PrepareTask docs = {.sh = &sh, .next = &next_docs, .kind = PREPARE_DOCS};
		PrepareTask near = {.sh = &sh, .next = &next_near, .kind = PREPARE_NEAR};
		run_threads(&sh, prepare_thread, &terms);
		l->tinfo_gen = l->gen + 1; /* every term's weight and TINFO_* of this generation */
		run_threads(&sh, prepare_thread, &docs);
		/* The terms through which each doc may find another (see
		 * linker_explore_near()): a bit per term of each doc. */
		g_free(l->tnear_off);
		g_free(l->tnear_bits);
		l->tnear_off = g_new(guint32, n + 1);
		gsize words = 0;
		for (guint32 i = 0; i < n; i++) {
			l->tnear_off[i] = (guint32)words;
			words += (((const Doc *)l->docs->pdata[i])->nterms + 31) / 32;
		}
		g_assert(words < G_MAXUINT32);
		l->tnear_off[n] = (guint32)words;
		l->tnear_bits = g_new0(guint32, words + 1);
		run_threads(&sh, prepare_thread, &near);
		l->tnear_gen = l->gen + 1;
		sh.reach = g_new0(gint, n + 1);
		sh.results = g_new0(StartResult *, n + 1);
		run_threads(&sh, explore_thread, &sh);
	}
	Component comp;
	component_init(&comp);
	for (guint32 i = 0; i < n; i++) {
		StartResult *res = sh.results != NULL ? sh.results[i] : NULL;
		if (done[i]) {
			continue;
		}
		if (res != NULL) {
			for (guint k = 0; k < res->incidents->len; k++) {
				g_ptr_array_add(out, res->incidents->pdata[k]);
			}
			for (guint k = 0; k < res->nodes->len; k++) {
				done[g_array_index(res->nodes, guint32, k)] = 1;
			}
			stats_add(&l->stats, &res->stats);
			g_ptr_array_unref(res->incidents);
			g_array_unref(res->nodes);
			g_clear_pointer(&sh.results[i], g_free);
			continue;
		}
		g_array_set_size(comp.nodes, 0);
		g_array_set_size(comp.edges, 0);
		g_array_set_size(comp.vetoes, 0);
		linker_explore(l, i, &comp, local, &c);
		component_incidents(l, &comp, out, 0, false);
		for (guint k = 0; k < comp.nodes->len; k++) {
			guint32 d = g_array_index(comp.nodes, guint32, k);
			done[d] = 1;
			local[d] = 0;
		}
	}
	component_clear(&comp);
	for (guint i = 0; sh.results != NULL && i < n; i++) {
		StartResult *res = sh.results[i];
		if (res != NULL) {
			/* Explored while another start's component was too: unused. */
			g_ptr_array_set_free_func(res->incidents, (GDestroyNotify)incident_free);
			g_ptr_array_unref(res->incidents);
			g_array_unref(res->nodes);
			g_free(res);
		}
	}
	g_free(sh.results);
	g_free(sh.reach);
	attach_notes(l, out, &c);
	sort_incidents(out, sh.nthreads);
	linker_scratch_release(l, &c);
	g_free(done);
	return out;
}

void
linker_set_incident_threads(Linker *l, guint threads)
{
	l->incident_threads = threads;
}

/* The incidents linker_incident_for() explored, by doc: what note_target() asks. */
typedef struct {
	GHashTable *by_doc; /* doc index + 1 → Incident *, borrowed from @incs */
	GPtrArray *incs;    /* Incident *, owned */
	GArray *notes;      /* guint32: the notes among the candidates of the first
			     * explored (see Component.notes) */
} Explored;

/* The incident of doc @di alone (no notes), explored from it and remembered in @ex. */
static Incident *
explore_incident(Linker *l, guint32 di, Cands *c, Explored *ex)
{
	Incident *inc = g_hash_table_lookup(ex->by_doc, GUINT_TO_POINTER(di + 1));
	if (inc != NULL) {
		return inc;
	}
	guint32 *local = l->scratch_local;
	Component comp;
	GPtrArray *out = g_ptr_array_new();

	component_init(&comp);
	if (ex->incs->len == 0) {
		comp.notes = g_array_new(FALSE, FALSE, sizeof(guint32));
	}
	linker_explore(l, di, &comp, local, c);
	component_incidents(l, &comp, out, 0, true);
	for (guint k = 0; k < comp.nodes->len; k++) {
		local[g_array_index(comp.nodes, guint32, k)] = 0;
	}
	if (comp.notes != NULL) {
		ex->notes = g_steal_pointer(&comp.notes);
	}
	component_clear(&comp);
	inc = out->len > 0 ? out->pdata[0] : NULL;
	g_ptr_array_unref(out);
	if (inc == NULL) {
		return NULL;
	}
	g_ptr_array_add(ex->incs, inc);
	for (guint k = 0; k < inc->members->len; k++) {
		g_autofree char *key = advisory_key(inc->members->pdata[k]);
		gpointer v = g_hash_table_lookup(l->by_key, key);
		if (v != NULL) {
			g_hash_table_insert(ex->by_doc, v, inc);
		}
	}
	return inc;
}

static Incident *
explored_inc_of(Linker *l, guint32 doc, Cands *c, void *user)
{
	return explore_incident(l, doc, c, user);
}

/*
 * The incident of @key as linker_incidents() lists it, notes included: a note
 * attached goes with its target's incident; an incident takes the notes, among its
 * members' candidates, whose target it is (candidates are found from both ends
 * alike: terms in one window, ids, names, a CVE or subject).
 */
Incident *
linker_incident_for(Linker *l, const char *key, gint64 now)
{
	gpointer v = g_hash_table_lookup(l->by_key, key);
	if (v == NULL) {
		return NULL;
	}
	Cands c;
	linker_ensure_obs(l);
	linker_scratch_reserve(l, &c);
	Explored ex = {.by_doc = g_hash_table_new(NULL, NULL),
		       .incs = g_ptr_array_new_with_free_func((GDestroyNotify)incident_free)};
	guint32 di = GPOINTER_TO_UINT(v) - 1;
	const Doc *d = l->docs->pdata[di];

	(void)now;
	Incident *inc = explore_incident(l, di, &c, &ex);
	if (d->note && inc != NULL && inc->members->len == 1) {
		IncidentLink *link = NULL;
		Incident *t = note_target(l, di, &c, explored_inc_of, &ex, &link);
		if (t != NULL) {
			/* Its target's notes are those of its target's exploration. */
			incident_link_free(link);
			guint32 first = G_MAXUINT32;
			for (guint k = 0; k < t->members->len && first == G_MAXUINT32; k++) {
				g_autofree char *mk = advisory_key(t->members->pdata[k]);
				first = GPOINTER_TO_UINT(g_hash_table_lookup(l->by_key, mk)) - 1;
			}
			g_ptr_array_set_size(ex.incs, 0);
			g_hash_table_remove_all(ex.by_doc);
			g_clear_pointer(&ex.notes, g_array_unref);
			inc = explore_incident(l, first, &c, &ex);
		}
	}
	if (inc != NULL && ex.notes != NULL && ex.notes->len > 0) {
		/* The notes whose target it is, each once, in doc order. */
		GArray *notes = g_steal_pointer(&ex.notes);
		guint nnotes = linker_sort_unique_u32((guint32 *)(void *)notes->data, notes->len);
		for (guint k = 0; k < nnotes; k++) {
			guint32 ni = g_array_index(notes, guint32, k);
			IncidentLink *link = NULL;
			if (note_target(l, ni, &c, explored_inc_of, &ex, &link) == inc) {
				const Doc *n = l->docs->pdata[ni];
				incident_add_note(inc, n->adv);
				g_ptr_array_add(inc->links, link);
			} else if (link != NULL) {
				incident_link_free(link);
			}
		}
		incident_sort_members(inc);
		g_array_unref(notes);
	}
	for (guint k = 0; inc != NULL && k < ex.incs->len; k++) {
		if (ex.incs->pdata[k] == inc) {
			ex.incs->pdata[k] = NULL; /* the caller's */
		}
	}
	g_ptr_array_unref(ex.incs);
	g_hash_table_unref(ex.by_doc);
	if (ex.notes != NULL) {
		g_array_unref(ex.notes);
	}
	linker_scratch_release(l, &c);
	return inc;
}

double
linker_score(Linker *l, const char *key_a, const char *key_b, GPtrArray *ret_reasons)
{
	linker_ensure_obs(l);
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
	linker_score_pair(l, a, b, &ev, NULL);
	return ev.veto ? -1.0 : ev.score;
}

