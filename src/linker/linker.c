/*
 * The linker's lifecycle and people's decisions: creating and freeing a
 * Linker, adding or replacing an advisory, forced merges and splits, and the
 * stored incident ids it must keep.  How linking works is told in
 * linker_private.h; the work is in linker_index.c (features), linker_score.c
 * (evidence), linker_later.c (a page's later posts), linker_cluster.c (clusters)
 * and linker_ids.c (incidents).
 *
 * Pure: no I/O, no clock, no logging.
 */
#include "linker/linker.h"

#include <string.h>

#include "linker/linker_private.h"
#include "util/mem.h"

void
linker_options_init(LinkerOptions *opts)
{
	opts->threshold = LINKER_DEFAULT_THRESHOLD;
	opts->max_gap = LINKER_DEFAULT_MAX_GAP;
	opts->knowledge = NULL;
	opts->depends_on = NULL;
	opts->source_urls = NULL;
	opts->know = NULL;
}

void
linker_options_clear(LinkerOptions *opts)
{
	g_free(opts->knowledge);
	if (opts->depends_on != NULL) {
		g_hash_table_unref(opts->depends_on);
	}
	if (opts->source_urls != NULL) {
		g_hash_table_unref(opts->source_urls);
	}
	linker_knowledge_free(opts->know);
	linker_options_init(opts);
}

void
linker_doc_clear_features(Doc *d)
{
	if (d->terms_kept) {
		d->terms = NULL; /* in Linker.arena */
		d->terms_kept = false;
	}
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
	linker_doc_clear_features(d);
	g_clear_pointer(&d->refs, g_array_unref);
	g_clear_pointer(&d->regions, g_ptr_array_unref);
	g_free(d->product);
	g_free(d->cause);
	g_free(d->blame_words);
	g_free(d->share_words);
	g_free(d->claim);
	g_free(d->names);
	g_free(d->blame_products);
	g_free(d->event);
	g_free(d->event_phrase);
	advisory_unref(d->adv);
	g_free(d->key);
	g_free(d->id_lower);
	/* @d itself lies in Linker.arena */
}

void
linker_garray_unref0(gpointer p)
{
	g_array_unref(p);
}


/*
 * The docs with one advisory id (by_id values).  Nearly every id belongs to
 * one advisory, so one doc is the value itself, tagged: (index << 1) | 1;
 * only an id shared by several sources gets a GArray (an even pointer).
 * Saves an array per advisory.
 */
bool
linker_id_docs_single(gpointer v)
{
	return (GPOINTER_TO_SIZE(v) & 1) != 0;
}

static void
id_docs_free(gpointer v)
{
	if (v != NULL && !linker_id_docs_single(v)) {
		g_array_unref(v);
	}
}

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

/* The term a short phrase ("google cloud") becomes as @scan reads it, interned. */
static guint32
term_of_phrase_by(Linker *l, const char *phrase, void (*scan)(const char *, const TermsSink *))
{
	Longest lt = {0};
	TermsSink sink = {.term = longest_term, .user = &lt};
	scan(phrase, &sink);
	guint32 id = linker_intern(l, lt.norm != NULL ? lt.norm : phrase, phrase, MAX(lt.n, 1));
	g_free(lt.norm);
	return id;
}

static guint32
term_of_phrase(Linker *l, const char *phrase)
{
	return term_of_phrase_by(l, phrase, terms_scan);
}

static KnownTerm *
known_of(Linker *l, guint32 t)
{
	KnownTerm *kt = g_hash_table_lookup(l->known, GUINT_TO_POINTER(t + 1));
	if (kt == NULL) {
		kt = g_new0(KnownTerm, 1);
		g_hash_table_insert(l->known, GUINT_TO_POINTER(t + 1), kt);
		TERM(l, t)->flag |= TERM_KNOWN;
	}
	return kt;
}

/* The nouns by which a text calls a vendor of some role: "our monitoring vendor",
 * "the chat platform we run on", "our email delivery partner". */
static const char *const provider_nouns[] = {
	"provider", "vendor", "platform", "service", "partner", "host", "supplier",
	"processor", "gateway", "network",
};
/* Of provider_nouns, those that as often name the advisory's own system ("our login
 * service", "Acme's identity platform"): see KnownTerm.weak_roles. */
static const char *const own_nouns[] = {"platform", "service", "processor", "gateway", "network"};

/* True when @noun is one of own_nouns. */
static bool
own_noun(const char *noun)
{
	for (gsize i = 0; i < G_N_ELEMENTS(own_nouns); i++) {
		if (strcmp(noun, own_nouns[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* The KnownTerm mask a role word with noun @noun goes in. */
static guint32 *
grammar_mask(KnownTerm *kt, const char *noun)
{
	return own_noun(noun) ? &kt->weak_roles : &kt->cause_roles;
}

/*
 * Role phrases as a small grammar: a role phrase of the knowledge file less its
 * provider noun is a role word ("identity provider" → "identity", "content
 * delivery network" → "content delivery", "cdn" → "cdn"), and that word with any
 * provider noun ("identity platform", "content delivery partner", "cdn vendor")
 * names a vendor of the role, where a sentence states a cause or blames
 * (KnownTerm.cause_roles; with a noun of own_nouns only beside other words of an
 * upstream, KnownTerm.weak_roles).  The knowledge file stays the one source of role
 * words.  A role word with a stop word in it ("email and calendar") makes no
 * phrase and is left out.
 */
static void
role_grammar(Linker *l, const char *phrase, guint role)
{
	g_auto(GStrv) words = g_strsplit(phrase, " ", -1);
	guint n = g_strv_length(words);
	if (n == 0) {
		return;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(provider_nouns); i++) {
		if (strcmp(words[n - 1], provider_nouns[i]) == 0 && n > 1) {
			g_free(words[n - 1]);
			words[--n] = NULL;
			break;
		}
	}
	if (n > 2) {
		return; /* with a noun, more than three words: no term */
	}
	g_autofree char *head = g_strjoinv(" ", words);
	for (gsize i = 0; i < G_N_ELEMENTS(provider_nouns); i++) {
		g_autofree char *p = g_strconcat(head, " ", provider_nouns[i], NULL);
		Longest lt = {0};
		TermsSink sink = {.term = longest_term, .user = &lt};
		/* "service" is a stop word: it ends a phrase only in a sentence stating
		 * a cause or blame, as the word itself (take_vendor_service() in terms.c). */
		bool service = strcmp(provider_nouns[i], "service") == 0;
		(service ? terms_scan : terms_scan_role_phrase)(service ? head : p, &sink);
		if (service && lt.n == (int)n) {
			g_autofree char *norm = g_strconcat(lt.norm, " service", NULL);
			*grammar_mask(known_of(l, linker_intern(l, norm, p, lt.n + 1)),
				      provider_nouns[i]) |= 1u << role;
		} else if (!service && lt.n == (int)n + 1) {
			*grammar_mask(known_of(l, linker_intern(l, lt.norm, p, lt.n)),
				      provider_nouns[i]) |= 1u << role;
		}
		g_free(lt.norm);
	}
}

/* True when @word, the first word of one of @kp's names, names its brand: it is
 * one of its names, or the first word of two of them (see know_terms()). */
static bool
is_brand(const KnowledgeProvider *kp, const char *word)
{
	guint starts = 0;
	gsize n = strlen(word);
	for (guint j = 0; kp->names[j] != NULL; j++) {
		if (strcmp(kp->names[j], word) == 0) {
			return true;
		}
		starts += strncmp(kp->names[j], word, n) == 0 && kp->names[j][n] == ' ';
	}
	return starts >= 2;
}

/* True when @w, a role phrase's last word, names a vendor: a provider noun that never
 * names the page's own system (provider_nouns less own_nouns: "provider", "host"),
 * or a noun only another company goes by ("carrier", "company", "issuer"; a payment
 * provider's "payment processor" is its acquirer).  The phrase then means another
 * company than the page's own. */
static bool
role_vendor_noun(const char *w)
{
	static const char *const company_nouns[] = {"providers", "company",   "carrier",
						    "operator",  "processor", "issuer"};
	for (gsize i = 0; i < G_N_ELEMENTS(company_nouns); i++) {
		if (strcmp(w, company_nouns[i]) == 0) {
			return true;
		}
	}
	for (gsize i = 0; i < G_N_ELEMENTS(provider_nouns); i++) {
		if (strcmp(w, provider_nouns[i]) == 0) {
			return !own_noun(w);
		}
	}
	return false;
}

/* Every provider name, role phrase and place name of the knowledge as a term
 * that says what it means: a doc holds the term iff its text says it (in a
 * sentence that is not a denial, see terms.h). */
static void
know_terms(Linker *l)
{
	const Knowledge *k = &l->know;
	for (guint i = 0; i < k->providers->len; i++) {
		const KnowledgeProvider *kp = k->providers->pdata[i];
		for (guint j = 0; kp->names[j] != NULL; j++) {
			/* A name of several words that the scanner cuts to one ("route 53":
			 * the short number is no word, "route" is left) would make every
			 * "routing" name the provider: such a name names nothing. */
			guint32 nt = term_of_phrase(l, kp->names[j]);
			if (TERM(l, nt)->n == 1 && strchr(kp->names[j], ' ') != NULL) {
				continue;
			}
			/* The brand is a name's first word ("microsoft entra", "amazon web
			 * services"): "web", "cloud" or "services" name no company.  Only a
			 * word that is itself one of the provider's names or starts two of
			 * them ("microsoft azure", "microsoft entra"): "new" of "new relic"
			 * or "elastic" of "elastic cloud" is an everyday word ("our new
			 * identity platform" blames no one). */
			g_auto(GStrv) words = g_strsplit(kp->names[j], " ", 2);
			/* A service of a suite is not its brand: "Microsoft's identity
			 * platform" names no Teams. */
			if (words[0] != NULL && !prov_has(k->by_service, i) &&
			    is_brand(kp, words[0])) {
				gpointer key = GUINT_TO_POINTER(term_of_phrase(l, words[0]) + 1);
				ProvMask *m = g_hash_table_lookup(l->brand_words, key);
				if (m == NULL) {
					m = g_new0(ProvMask, 1);
					g_hash_table_insert(l->brand_words, key, m);
				}
				prov_set(m, i);
			}
			prov_set(&known_of(l, nt)->providers, i);
		}
		/* Its network, as routing texts write it: "AS13335" (one word, kept
		 * whole as an id-like token) or "ASN 13335". */
		for (guint j = 0; kp->asns[j] != NULL; j++) {
			for (guint f = 0; f < 2; f++) {
				g_autofree char *as = g_strconcat(f == 0 ? "as" : "asn ", kp->asns[j],
								  NULL);
				KnownTerm *kt = known_of(l, term_of_phrase(l, as));
				prov_set(&kt->providers, i);
				prov_set(&kt->networks, i);
			}
		}
	}
	for (guint i = 0; i < k->roles->len; i++) {
		const KnowledgeList *kl = k->roles->pdata[i];
		for (guint j = 0; kl->items[j] != NULL; j++) {
			/* "monitoring provider": see terms_scan_role_phrase().  A phrase of
			 * several words whose run is one word ("email service provider" ->
			 * "email", "dns service" -> "dns") would make every text saying
			 * "email" or "DNS" blame that role: it names the role only through
			 * role_grammar() ("email service", "dns service" with a noun).
			 * So does one whose run drops its last word "service", a stop word
			 * ("email delivery service" -> "email delivery", which would make a
			 * title "Email delivery delays" blame an email provider). */
			guint32 t = term_of_phrase_by(l, kl->items[j], terms_scan_role_phrase);
			const char *last = strrchr(kl->items[j], ' ');
			guint nwords = 1;
			for (const char *c = kl->items[j]; *c != '\0'; c++) {
				nwords += *c == ' ';
			}
			bool cut = last != NULL && strcmp(last + 1, "service") == 0 &&
				   (guint)TERM(l, t)->n < nwords;
			if (!cut && (TERM(l, t)->n > 1 || strchr(kl->items[j], ' ') == NULL)) {
				known_of(l, t)->roles |= 1u << i;
				if (last != NULL && role_vendor_noun(last + 1)) {
					known_of(l, t)->vendor_roles |= 1u << i;
				}
			}
			role_grammar(l, kl->items[j], i);
		}
	}
	for (guint i = 0; i < k->regions->len; i++) {
		const KnowledgeList *kl = k->regions->pdata[i];
		/* A site of one provider ("FSN1", "Falkenstein": Hetzner's) names it, as
		 * its name does (a region two providers name alike, "UK South", names
		 * neither: see linker_blame_resolves()). */
		guint owner = prov_any(kl->owner_mask) ? prov_first(kl->owner_mask) : KNOWLEDGE_MAX;
		bool site = owner < k->providers->len &&
			    prov_equal(kl->owner_mask, prov_bit(owner));
		for (guint j = 0; kl->items[j] != NULL; j++) {
			KnownTerm *kt = known_of(l, term_of_phrase(l, kl->items[j]));
			kt->regions |= G_GUINT64_CONSTANT(1) << i;
			if (site) {
				prov_set(&kt->providers, owner);
			}
		}
	}
	for (guint i = 0; i < k->countries->len; i++) {
		const KnowledgeList *kl = k->countries->pdata[i];
		for (guint j = 0; kl->items[j] != NULL; j++) {
			known_of(l, term_of_phrase(l, kl->items[j]))->countries |=
				G_GUINT64_CONSTANT(1) << i;
		}
	}
}

struct KnowProto {
	GArray *terms;                      /* Term, blocks owned, no postings */
	TermTable term_ids;                 /* slots owned */
	GArray *known;                      /* KnownEntry */
	GArray *brands;                     /* BrandEntry */
	guint32 upstream_terms[2];
	guint32 vendor_term, partner_term;
	guint32 sec_wake_terms[LINKER_SEC_WAKE_TERMS];
	guint32 sec_third_terms[LINKER_SEC_THIRD_TERMS];
	guint32 reach_terms[LINKER_REACH_TERMS];
	guint32 reach_roles;
	guint32 planned_terms[2];
	guint32 prov_roles[KNOWLEDGE_MAX];
	guint32 prov_first_role[KNOWLEDGE_MAX];
	GArray *role_words; /* Linker.role_words */
};

typedef struct {
	guint32 term;
	KnownTerm kt;
} KnownEntry;

typedef struct {
	guint32 term;
	ProvMask providers;
} BrandEntry;

/* A copy of a Term.block ("norm\0surface\0"). */
static char *
block_dup(const char *block)
{
	const char *surface = block + strlen(block) + 1;
	return g_memdup2(block, (gsize)(surface - block) + strlen(surface) + 1);
}

/* @dst shares @src's (read-only) arrays. */
static void
know_share(Knowledge *dst, const Knowledge *src)
{
	*dst = *src;
	g_ptr_array_ref(dst->providers);
	g_ptr_array_ref(dst->roles);
	g_ptr_array_ref(dst->regions);
	g_ptr_array_ref(dst->countries);
	dst->service_needles = g_strdupv(src->service_needles);
	dst->service_words = g_strdupv(src->service_words);
	g_array_ref(dst->service_name_words);
}

/* The knowledge's terms of @p into @l, which holds no term yet: the same ids,
 * texts, flags and meanings as know_terms() would give. */
static void
know_proto_copy(Linker *l, const KnowProto *p)
{
	g_assert(l->terms->len == 0);
	g_array_set_size(l->terms, p->terms->len);
	for (guint i = 0; i < p->terms->len; i++) {
		*TERM(l, i) = g_array_index(p->terms, Term, i);
		TERM(l, i)->block = linker_term_block_dup(l, TERM(l, i)->block);
	}
	mem_table_free(l->term_ids.slots, ((gsize)l->term_ids.mask + 1) * sizeof(TermSlot));
	l->term_ids = p->term_ids;
	l->term_ids.slots = mem_table_new0(((gsize)p->term_ids.mask + 1) * sizeof(TermSlot));
	memcpy(l->term_ids.slots, p->term_ids.slots,
	       ((gsize)p->term_ids.mask + 1) * sizeof(TermSlot));
	for (guint i = 0; i < p->known->len; i++) {
		const KnownEntry *e = &g_array_index(p->known, KnownEntry, i);
		g_hash_table_insert(l->known, GUINT_TO_POINTER(e->term + 1),
				    g_memdup2(&e->kt, sizeof(KnownTerm)));
	}
	for (guint i = 0; i < p->brands->len; i++) {
		const BrandEntry *e = &g_array_index(p->brands, BrandEntry, i);
		g_hash_table_insert(l->brand_words, GUINT_TO_POINTER(e->term + 1),
				    g_memdup2(&e->providers, sizeof(ProvMask)));
	}
	memcpy(l->upstream_terms, p->upstream_terms, sizeof(l->upstream_terms));
	l->vendor_term = p->vendor_term;
	l->partner_term = p->partner_term;
	memcpy(l->sec_wake_terms, p->sec_wake_terms, sizeof(l->sec_wake_terms));
	memcpy(l->sec_third_terms, p->sec_third_terms, sizeof(l->sec_third_terms));
	memcpy(l->reach_terms, p->reach_terms, sizeof(l->reach_terms));
	l->reach_roles = p->reach_roles;
	memcpy(l->planned_terms, p->planned_terms, sizeof(l->planned_terms));
	memcpy(l->prov_roles, p->prov_roles, sizeof(l->prov_roles));
	memcpy(l->prov_first_role, p->prov_first_role, sizeof(l->prov_first_role));
	g_array_append_vals(l->role_words, p->role_words->data, p->role_words->len);
}

/* The knowledge's terms built in @l (which holds no term yet): @share's arrays
 * shared, or else the built-in knowledge and l->opts.knowledge parsed. */
static void
know_build(Linker *l, const Knowledge *share)
{
	/* The words that mean "blames an upstream provider", and provider names, as
	 * terms: a doc has them iff its text says them (see terms_blames_upstream()). */
	l->upstream_terms[0] = term_of_phrase(l, "upstream");
	l->upstream_terms[1] = term_of_phrase(l, "provider");
	l->vendor_term = term_of_phrase(l, "vendor");
	l->partner_term = term_of_phrase(l, "partner");
	/* A text in a security event's wake: "Drift has been taken offline as part
	 * of our security review", "as a security precaution, the access tokens have
	 * been revoked", "while the investigation continues" (security_subject_told()
	 * in linker_score.c). */
	static const char *const wake[LINKER_SEC_WAKE_TERMS] = {
		"attack",        "breach",     "caution",  "compromised", "investigation",
		"precaution",    "ransomware", "revoked",  "security",    "unauthorized",
	};
	for (guint k = 0; k < LINKER_SEC_WAKE_TERMS; k++) {
		l->sec_wake_terms[k] = term_of_phrase(l, wake[k]);
	}
	/* A security event that struck someone else first: a supplier, or many ("IT
	 * attack on a subcontractor", "a global ransomware attack", "a third-party
	 * sales chat application": third_party_security()). */
	static const char *const third[LINKER_SEC_THIRD_TERMS] = {
		"global",   "international", "partner", "provider",  "subcontractor", "supplier",
		"third",    "third-party",   "vendor",  "widespread", "worldwide",
	};
	for (guint k = 0; k < LINKER_SEC_THIRD_TERMS; k++) {
		l->sec_third_terms[k] = term_of_phrase(l, third[k]);
	}
	static const char *const reach[LINKER_REACH_TERMS] = {"unreachable", "inaccessible",
							      "unavailable"};
	for (guint k = 0; k < LINKER_REACH_TERMS; k++) {
		l->reach_terms[k] = term_of_phrase(l, reach[k]);
	}
	l->planned_terms[0] = term_of_phrase(l, "maintenance");
	l->planned_terms[1] = term_of_phrase(l, "planned");
	for (guint k = 0; k < 2; k++) {
		TERM(l, l->upstream_terms[k])->flag |= TERM_UPSTREAM;
	}
	if (share != NULL) {
		know_share(&l->know, share);
	} else {
		linker_knowledge_init(&l->know);
		bool builtin_ok = linker_knowledge_load(&l->know, linker_knowledge_builtin,
							"built-in", NULL);
		g_assert(builtin_ok); /* test-linker checks the shipped file */
		if (l->opts.knowledge != NULL &&
		    !linker_knowledge_load(&l->know, l->opts.knowledge, "[linker] knowledge",
		                           NULL)) {
			/* Checked by the caller (linker_knowledge_new()); a broken one adds
			 * nothing beyond the groups read before the fault. */
		}
	}
	know_terms(l);
	for (guint i = 0; i < l->know.providers->len; i++) {
		const KnowledgeProvider *kp = l->know.providers->pdata[i];
		l->prov_roles[i] = linker_knowledge_roles_of(&l->know, kp);
		l->prov_first_role[i] = 0;
		for (guint r = 0; kp->role_names[0] != NULL && r < l->know.roles->len; r++) {
			const KnowledgeList *kl = l->know.roles->pdata[r];
			if (strcmp(kl->name, kp->role_names[0]) == 0) {
				l->prov_first_role[i] = 1u << r;
			}
		}
	}
	l->reach_roles = 0;
	for (guint r = 0; r < l->know.roles->len; r++) {
		const KnowledgeList *kl = l->know.roles->pdata[r];
		if (strcmp(kl->name, "cdn") == 0 || strcmp(kl->name, "dns") == 0 ||
		    strcmp(kl->name, "cloud") == 0) {
			l->reach_roles |= 1u << r;
		}
		for (guint j = 0; kl->words[j] != NULL; j++) {
			guint32 pair[2] = {r, term_of_phrase(l, kl->words[j])};
			g_array_append_vals(l->role_words, pair, 2);
		}
	}
}

static Linker *linker_make(const LinkerOptions *opts, const Knowledge *share);

KnowProto *
linker_know_proto_new(const Knowledge *k)
{
	Linker *l = linker_make(NULL, k);
	KnowProto *p = g_new0(KnowProto, 1);

	p->terms = g_array_sized_new(FALSE, FALSE, sizeof(Term), l->terms->len);
	for (guint i = 0; i < l->terms->len; i++) {
		Term t = *TERM(l, i);
		t.block = block_dup(t.block);
		g_array_append_val(p->terms, t);
	}
	p->term_ids = l->term_ids;
	p->term_ids.slots = g_memdup2(l->term_ids.slots,
				      ((gsize)l->term_ids.mask + 1) * sizeof(TermSlot));
	p->known = g_array_new(FALSE, FALSE, sizeof(KnownEntry));
	p->brands = g_array_new(FALSE, FALSE, sizeof(BrandEntry));
	GHashTableIter it;
	gpointer key, value;
	g_hash_table_iter_init(&it, l->known);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		KnownEntry e = {.term = GPOINTER_TO_UINT(key) - 1, .kt = *(KnownTerm *)value};
		g_array_append_val(p->known, e);
	}
	g_hash_table_iter_init(&it, l->brand_words);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		BrandEntry e = {.term = GPOINTER_TO_UINT(key) - 1, .providers = *(ProvMask *)value};
		g_array_append_val(p->brands, e);
	}
	memcpy(p->upstream_terms, l->upstream_terms, sizeof(p->upstream_terms));
	p->vendor_term = l->vendor_term;
	p->partner_term = l->partner_term;
	memcpy(p->sec_wake_terms, l->sec_wake_terms, sizeof(p->sec_wake_terms));
	memcpy(p->sec_third_terms, l->sec_third_terms, sizeof(p->sec_third_terms));
	memcpy(p->reach_terms, l->reach_terms, sizeof(p->reach_terms));
	p->reach_roles = l->reach_roles;
	memcpy(p->planned_terms, l->planned_terms, sizeof(p->planned_terms));
	memcpy(p->prov_roles, l->prov_roles, sizeof(p->prov_roles));
	memcpy(p->prov_first_role, l->prov_first_role, sizeof(p->prov_first_role));
	p->role_words = g_array_ref(l->role_words);
	linker_free(l);
	return p;
}

void
linker_know_proto_free(KnowProto *p)
{
	if (p == NULL) {
		return;
	}
	for (guint i = 0; i < p->terms->len; i++) {
		g_free(g_array_index(p->terms, Term, i).block);
	}
	g_array_unref(p->terms);
	g_free(p->term_ids.slots);
	g_array_unref(p->known);
	g_array_unref(p->brands);
	g_array_unref(p->role_words);
	g_free(p);
}

Linker *
linker_new(const LinkerOptions *opts)
{
	return linker_make(opts, NULL);
}

/* A Linker with @opts' knowledge: copied from opts->know when set; else @share's
 * arrays shared (see linker_know_proto_new()) or opts->knowledge parsed, and their
 * terms built. */
static Linker *
linker_make(const LinkerOptions *opts, const Knowledge *share)
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
	g_mutex_init(&l->tops_lock);
	l->docs = g_ptr_array_new_with_free_func((GDestroyNotify)doc_free);
	l->arena = mem_arena_new();
	l->by_key = g_hash_table_new(g_str_hash, g_str_equal);
	l->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, id_docs_free);
	l->mentions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, linker_garray_unref0);
	l->term_ids.mask = 1023;
	l->term_ids.slots = mem_table_new0(((gsize)l->term_ids.mask + 1) * sizeof(TermSlot));
	l->terms = g_array_new(FALSE, FALSE, sizeof(Term));
	l->spans = g_array_new(FALSE, TRUE, sizeof(Span));
	l->buckets = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, linker_garray_unref0);
	l->bucket_w = MAX(l->opts.max_gap, 60);
	l->source_info = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						linker_source_info_free);
	l->name_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	l->product_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					       (GDestroyNotify)g_array_unref);
	l->by_source = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, linker_garray_unref0);
	l->by_alias = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					    (GDestroyNotify)g_ptr_array_unref);
	l->brand_words = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	l->role_words = g_array_new(FALSE, FALSE, sizeof(guint32));
	l->sec_by_word = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					       linker_garray_unref0);
	l->sec_cued = g_array_new(FALSE, FALSE, sizeof(guint32));
	l->sec_anchors = g_array_new(FALSE, FALSE, sizeof(guint32));
	l->share_docs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					      linker_garray_unref0);
	l->forced = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					  (GDestroyNotify)g_hash_table_unref);
	l->split = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	l->previous = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	l->prev_members = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
						(GDestroyNotify)g_ptr_array_unref);
	linker_idf_init(l, &l->idf);
	l->known = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	const LinkerKnowledge *lk = l->opts.know;
	l->opts.know = NULL; /* the caller's reference */
	if (lk != NULL) {
		know_share(&l->know, &lk->k);
		know_proto_copy(l, lk->proto);
	} else {
		know_build(l, share);
	}
	l->opts.knowledge = NULL; /* the caller's, parsed */
	l->depends = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, linker_depends_free);
	linker_depends_load(l, l->opts.depends_on);
	l->opts.depends_on = NULL;
	l->source_urls = l->opts.source_urls != NULL ? g_hash_table_ref(l->opts.source_urls) : NULL;
	l->opts.source_urls = NULL;
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
	mem_table_free(l->term_ids.slots, ((gsize)l->term_ids.mask + 1) * sizeof(TermSlot));
	linker_words_free(l->words);
	linker_postings_free(l);
	g_clear_pointer(&l->block_chunks, g_ptr_array_unref); /* the Term.block strings */
	mem_arena_free(l->arena); /* the Docs, after l->docs, and more strings */
	g_array_unref(l->terms);
	g_hash_table_unref(l->source_info);
	g_hash_table_unref(l->name_ids);
	g_hash_table_unref(l->product_ids);
	g_array_unref(l->spans);
	g_clear_pointer(&l->pending, g_array_unref);
	g_free(l->sort_bits);
	g_free(l->sort_sum);
	for (guint i = 0; i < G_N_ELEMENTS(l->collect_kept); i++) {
		g_clear_pointer(&l->collect_kept[i], g_array_unref);
	}
	for (guint i = 0; i < G_N_ELEMENTS(l->collect_vecs); i++) {
		g_free(l->collect_vecs[i].v);
	}
	g_strfreev(l->url_pieces);
	g_free(l->w_cache);
	g_free(l->w_gen);
	g_free(l->tinfo);
	g_free(l->tnear_bits);
	g_free(l->tnear_off);
	g_free(l->mass);
	g_free(l->mass_gen);
	g_hash_table_unref(l->buckets);
	g_free(l->scratch_local);
	g_free(l->scratch_stamp);
	g_free(l->scratch_dot);
	g_free(l->scratch_stamp2);
	g_free(l->scratch_named);
	g_free(l->scratch_keep);
	g_free(l->scratch_dot2);
	linker_tops_free(l);
	g_free(l->tops);
	g_mutex_clear(&l->tops_lock);
	g_hash_table_unref(l->by_source);
	g_hash_table_unref(l->by_alias);
	g_hash_table_unref(l->sec_by_word);
	g_array_unref(l->sec_cued);
	g_array_unref(l->sec_anchors);
	g_hash_table_unref(l->share_docs);
	g_hash_table_unref(l->brand_words);
	g_array_unref(l->role_words);
	g_hash_table_unref(l->forced);
	g_hash_table_unref(l->split);
	g_hash_table_unref(l->prev_members);
	g_hash_table_unref(l->previous);
	g_hash_table_unref(l->known);
	g_hash_table_unref(l->depends);
	if (l->source_urls != NULL) {
		g_hash_table_unref(l->source_urls);
	}
	for (guint i = 0; i < KNOWLEDGE_MAX; i++) {
		g_clear_pointer(&l->prov_docs[i], g_array_unref);
		g_clear_pointer(&l->blame_docs[i], g_array_unref);
	}
	linker_knowledge_clear(&l->know);
	g_free(l);
}

void
linker_get_stats(Linker *l, LinkerStats *ret_stats)
{
	*ret_stats = l->stats;
}

guint
linker_count(Linker *l)
{
	return l->docs->len;
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

