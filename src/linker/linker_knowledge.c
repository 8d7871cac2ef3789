/*
 * The linker's knowledge of upstream providers: their names, the source
 * names and status hosts of their own feeds, the AS numbers of their networks,
 * the roles they play (cdn, dns, cloud, email, payments, telephony, identity,
 * ci, monitoring, ...), the phrases downstream
 * pages use for a provider of each role ("our CDN", "our cloud telephony
 * provider"), and a region gazetteer ("Northern Virginia" = us-east-1).
 * Built in from share/linker-knowledge.conf; [linker] knowledge adds to it.
 *
 * Pure: parses text it is given (GKeyFile from data), no I/O, no logging.
 */
#include <stddef.h>
#include <stdarg.h>
#include <string.h>

#include "linker/linker_private.h"

static void
provider_free(gpointer p)
{
	KnowledgeProvider *kp = p;
	g_free(kp->name);
	g_free(kp->display);
	g_strfreev(kp->names);
	g_strfreev(kp->aliases);
	g_strfreev(kp->hosts);
	g_strfreev(kp->role_names);
	g_strfreev(kp->asns);
	g_strfreev(kp->services);
	g_strfreev(kp->short_names);
	g_strfreev(kp->parts);
	g_strfreev(kp->products);
	g_strfreev(kp->consumer);
	g_strfreev(kp->countries);
	g_free(kp);
}

static void
named_list_free(gpointer p)
{
	KnowledgeList *kl = p;
	g_free(kl->name);
	g_strfreev(kl->items);
	g_strfreev(kl->owners);
	g_strfreev(kl->joined);
	g_strfreev(kl->words);
	g_strfreev(kl->bare);
	g_free(kl);
}

void
linker_knowledge_init(Knowledge *k)
{
	k->providers = g_ptr_array_new_with_free_func(provider_free);
	k->roles = g_ptr_array_new_with_free_func(named_list_free);
	k->regions = g_ptr_array_new_with_free_func(named_list_free);
	k->countries = g_ptr_array_new_with_free_func(named_list_free);
	k->service_needles = NULL;
	k->service_words = NULL;
	k->joined_nwords = 0;
	k->joined_all = false; /* none listed yet: text_joined_roles() walks the (no) phrases */
	k->service_name_words = g_array_new(FALSE, FALSE, sizeof(KnowledgeServiceWord));
	memset(k->service_word_at, 0, sizeof(k->service_word_at));
	k->by_service = PROV_NONE;
	k->with_short = PROV_NONE;
	k->suites = PROV_NONE;
	k->site_owners = PROV_NONE;
}

void
linker_knowledge_clear(Knowledge *k)
{
	g_clear_pointer(&k->providers, g_ptr_array_unref);
	g_clear_pointer(&k->roles, g_ptr_array_unref);
	g_clear_pointer(&k->regions, g_ptr_array_unref);
	g_clear_pointer(&k->countries, g_ptr_array_unref);
	g_clear_pointer(&k->service_needles, g_strfreev);
	g_clear_pointer(&k->service_words, g_strfreev);
	g_clear_pointer(&k->service_name_words, g_array_unref);
}

/* A comma-separated list, trimmed, lower case, empty items dropped. */
static char **
read_list(GKeyFile *kf, const char *group, const char *key)
{
	g_autofree char *raw = g_key_file_get_string(kf, group, key, NULL);
	GPtrArray *out = g_ptr_array_new();
	if (raw != NULL) {
		g_auto(GStrv) parts = g_strsplit(raw, ",", -1);
		for (guint i = 0; parts[i] != NULL; i++) {
			char *s = g_ascii_strdown(g_strstrip(parts[i]), -1);
			if (*s == '\0') {
				g_free(s);
				continue;
			}
			g_ptr_array_add(out, s);
		}
	}
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

/* Puts @item in @arr (each element starts with its name), in place of one
 * of the same name: a later group replaces an earlier one. */
static void
put_named(GPtrArray *arr, gpointer item, const char *name)
{
	for (guint i = 0; i < arr->len; i++) {
		if (strcmp(*(char **)arr->pdata[i], name) == 0) {
			g_ptr_array_remove_index(arr, i); /* frees the old one */
			g_ptr_array_insert(arr, (gint)i, item);
			return;
		}
	}
	g_ptr_array_add(arr, item);
}

/* True when @arr (of items with their name first, see put_named()) holds @max items
 * and none called @name: adding one more would overflow the bits that number them. */
static bool
named_full(const GPtrArray *arr, const char *name, guint max)
{
	for (guint i = 0; i < arr->len; i++) {
		if (strcmp(*(char **)arr->pdata[i], name) == 0) {
			return false; /* a replacement */
		}
	}
	return arr->len >= max;
}

/* "line N: " of the [@group] header in @data, or "" when it is not found (GKeyFile keeps
 * no line numbers).  Caller frees. */
static char *
group_line(const char *data, const char *group)
{
	g_autofree char *header = g_strdup_printf("[%s]", group);
	guint line = 1;

	for (const char *p = data; *p != '\0'; line++) {
		const char *eol = strchr(p, '\n');
		gsize n = eol != NULL ? (gsize)(eol - p) : strlen(p);
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		if (g_str_has_prefix(p, header)) {
			return g_strdup_printf("line %u: ", line);
		}
		if (eol == NULL) {
			break;
		}
		p = eol + 1;
	}
	return g_strdup("");
}

/* Sets @error to "linker knowledge 'WHAT': line N: [GROUP]: " and the message @fmt
 * says; returns false, for the caller to return. */
static bool G_GNUC_PRINTF(5, 6)
group_error(GError **error, const char *data, const char *what, const char *group,
	    const char *fmt, ...)
{
	g_autofree char *at = group_line(data, group);
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "linker knowledge '%s': %s[%s]: %s", what,
		    at, group, msg);
	return false;
}

/* [@group] @key, true or false (absent: false), in *@ret; false (with an error
 * naming the line of [@group] and the key) for any other value. */
static bool
read_flag(GKeyFile *kf, const char *data, const char *what, const char *group, const char *key,
	  bool *ret, GError **error)
{
	g_autofree char *v = g_key_file_get_string(kf, group, key, NULL);
	if (v != NULL) {
		g_strstrip(v);
	}
	if (v != NULL && strcmp(v, "true") != 0 && strcmp(v, "false") != 0) {
		return group_error(error, data, what, group, "%s: '%s' is not true or false", key, v);
	}
	*ret = v != NULL && strcmp(v, "true") == 0;
	return true;
}

/* False (with an error naming @what, the line of [@group] and the key) when
 * [@group] holds a key not in @allowed. */
static bool
check_keys(GKeyFile *kf, const char *data, const char *what, const char *group,
	   const char *const *allowed, GError **error)
{
	g_auto(GStrv) keys = g_key_file_get_keys(kf, group, NULL, NULL);
	for (guint i = 0; keys != NULL && keys[i] != NULL; i++) {
		if (!g_strv_contains(allowed, keys[i])) {
			g_autofree char *list = g_strjoinv(", ", (char **)allowed);
			return group_error(error, data, what, group, "unknown key '%s' (known: %s)",
					   keys[i], list);
		}
	}
	return true;
}

/* False (with an error) unless every item of @asns is an AS number: 1 to
 * 4294967295 in decimal, without "AS" (which texts write, see know_terms()). */
static bool
check_asns(char **asns, const char *data, const char *what, const char *group, GError **error)
{
	for (guint i = 0; asns[i] != NULL; i++) {
		const char *v = asns[i];
		guint64 n = 0;
		bool ok = *v != '\0' && strlen(v) <= 10 && strspn(v, "0123456789") == strlen(v);
		if (ok) {
			n = g_ascii_strtoull(v, NULL, 10);
			ok = n >= 1 && n <= G_MAXUINT32;
		}
		if (!ok) {
			return group_error(error, data, what, group,
					   "asns: '%s' is not an AS number (1 to 4294967295, digits "
					   "only, e.g. 13335)", v);
		}
	}
	return true;
}

/*
 * The readers of the kinds of group: each reads [@group] of @kf (@data its text, @what
 * its name, for errors) into a new item called @name (lower case; the reader owns it)
 * and puts it in @into (put_named()); false with an error for a bad value.
 */
typedef bool (*GroupRead)(GKeyFile *kf, const char *data, const char *what, const char *group,
			  char *name, GPtrArray *into, GError **error);

static void
longest_run(void *user, const char *norm, const char *surface, int n)
{
	(void)norm;
	(void)surface;
	int *max = user;
	*max = MAX(*max, n);
}

/* Moves the phrases of @kl the scanner would cut short at a hyphened word
 * ("single sign-on provider": "on" is a stop word, so its longest term is
 * "single sign", which would name the role in "single sign-on is failing") from
 * @kl->items to @kl->joined.  "on-call provider" keeps its two words ("call
 * provider") and stays. */
static void
split_joined(KnowledgeList *kl)
{
	GPtrArray *items = g_ptr_array_new(), *joined = g_ptr_array_new();
	for (guint i = 0; kl->items[i] != NULL; i++) {
		char *ph = kl->items[i];
		int words = 1, max = 0;
		for (const char *c = ph; *c != '\0'; c++) {
			words += *c == ' ';
		}
		if (strchr(ph, '-') != NULL) {
			TermsSink sink = {.term = longest_run, .user = &max};
			terms_scan_role_phrase(ph, &sink);
		}
		g_ptr_array_add(strchr(ph, '-') != NULL && max < words ? joined : items, ph);
	}
	g_ptr_array_add(items, NULL);
	g_ptr_array_add(joined, NULL);
	g_free(kl->items); /* the strings moved */
	kl->items = (char **)g_ptr_array_free(items, FALSE);
	kl->joined = (char **)g_ptr_array_free(joined, FALSE);
}

/* Knowledge.joined_words from every role's joined phrases: the word holding each
 * '-' of a phrase, from the space before it to the space after it (or the phrase's
 * ends), as text_joined_roles() compares them. */
static void
joined_words(Knowledge *k)
{
	k->joined_nwords = 0;
	k->joined_all = true;
	for (guint r = 0; r < k->roles->len; r++) {
		const KnowledgeList *kl = k->roles->pdata[r];
		for (guint j = 0; kl->joined != NULL && kl->joined[j] != NULL; j++) {
			const char *at = kl->joined[j];
			for (const char *q = strchr(at, '-'); q != NULL; q = strchr(q + 1, '-')) {
				const char *qs = q;
				while (qs > at && qs[-1] != ' ') {
					qs--;
				}
				const char *qe = strchr(q, ' ');
				gsize ql = qe != NULL ? (gsize)(qe - qs) : strlen(qs);
				bool have = false;
				for (guint i = 0; i < k->joined_nwords && !have; i++) {
					have = k->joined_len[i] == ql &&
					       memcmp(k->joined_words[i], qs, ql) == 0;
				}
				if (have) {
					continue;
				}
				if (k->joined_nwords == KNOWLEDGE_JOINED_WORDS ||
				    ql >= KNOWLEDGE_JOINED_WORD_LEN) {
					k->joined_all = false;
					continue;
				}
				memcpy(k->joined_words[k->joined_nwords], qs, ql);
				k->joined_words[k->joined_nwords][ql] = '\0';
				k->joined_len[k->joined_nwords++] = (guint8)ql;
			}
		}
	}
}

static bool
read_role(GKeyFile *kf, const char *data, const char *what, const char *group, char *name,
	  GPtrArray *into, GError **error)
{
	KnowledgeList *kl = g_new0(KnowledgeList, 1);
	kl->name = name;
	kl->items = read_list(kf, group, "phrases");
	kl->words = read_list(kf, group, "words");
	kl->bare = read_list(kf, group, "bare");
	split_joined(kl);
	if (!read_flag(kf, data, what, group, "national", &kl->national, error) ||
	    !read_flag(kf, data, what, group, "unlisted", &kl->unlisted, error)) {
		named_list_free(kl); /* and name, kl->name */
		return false;
	}
	put_named(into, kl, name);
	return true;
}

/* A region or a country: its place names, and a region's owners (checked by
 * region_owners(); a country has no providers key, check_keys() saw to it, so its
 * list is empty). */
static bool
read_places(GKeyFile *kf, const char *data, const char *what, const char *group, char *name,
	    GPtrArray *into, GError **error)
{
	(void)data;
	(void)what;
	(void)error;
	KnowledgeList *kl = g_new0(KnowledgeList, 1);
	kl->name = name;
	kl->items = read_list(kf, group, "names");
	kl->owners = read_list(kf, group, "providers");
	put_named(into, kl, name);
	return true;
}

static bool
read_provider(GKeyFile *kf, const char *data, const char *what, const char *group, char *name,
	      GPtrArray *into, GError **error)
{
	KnowledgeProvider *kp = g_new0(KnowledgeProvider, 1);
	kp->name = name;
	kp->display = g_key_file_get_string(kf, group, "display", NULL);
	if (kp->display != NULL && *g_strstrip(kp->display) == '\0') {
		g_clear_pointer(&kp->display, g_free);
	}
	kp->names = read_list(kf, group, "names");
	kp->aliases = read_list(kf, group, "aliases");
	kp->hosts = read_list(kf, group, "hosts");
	/* "www." says nothing of whose page it is: without it a host also meets the
	 * bare domain and the company's other pages under it ("eu.githubstatus.com"
	 * under "www.githubstatus.com"; see url_at_host()). */
	for (guint i = 0; kp->hosts[i] != NULL; i++) {
		char *h = kp->hosts[i];
		if (g_str_has_prefix(h, "www.") && strchr(h + 4, '.') != NULL) {
			memmove(h, h + 4, strlen(h + 4) + 1);
		}
	}
	kp->role_names = read_list(kf, group, "roles");
	kp->asns = read_list(kf, group, "asns");
	kp->services = read_list(kf, group, "services");
	kp->short_names = read_list(kf, group, "short_names");
	kp->parts = read_list(kf, group, "parts");
	kp->products = read_list(kf, group, "products");
	kp->consumer = read_list(kf, group, "consumer");
	kp->countries = read_list(kf, group, "countries");
	/* Put before its AS numbers are checked: a caller going on after the error
	 * keeps it, as it keeps the groups before it. */
	put_named(into, kp, name);
	return check_asns(kp->asns, data, what, group, error);
}

/* The keys each kind of group may hold: a misspelt key ("asn", "role") would
 * otherwise be ignored without a word. */
static const char *const role_keys[] = {"phrases", "national", "unlisted", "words", "bare",
					 NULL};
static const char *const region_keys[] = {"names", "providers", NULL};
static const char *const country_keys[] = {"names", NULL};
static const char *const provider_keys[] = {"display", "names", "aliases", "hosts", "roles",
					     "asns", "services", "short_names", "parts",
					     "products", "consumer", "countries", NULL};

/* A kind of group, [KIND:NAME]: its keys, the array of Knowledge its groups go to
 * (offsetof), how many that holds at most (the bits of the masks that number them),
 * its name in the plural (for that limit's error) and its reader. */
typedef struct {
	const char *kind;
	const char *const *keys;
	gsize array;
	guint max;
	const char *plural;
	GroupRead read;
} GroupKind;

/* The one table of the kinds of group: linker_knowledge_load() reads each group
 * through its kind's row. */
static const GroupKind group_kinds[] = {
	{"role", role_keys, offsetof(Knowledge, roles), KNOWLEDGE_MAX_ROLES, "roles", read_role},
	{"region", region_keys, offsetof(Knowledge, regions), KNOWLEDGE_MAX_REGIONS, "regions",
	 read_places},
	{"country", country_keys, offsetof(Knowledge, countries), KNOWLEDGE_MAX_COUNTRIES,
	 "countries", read_places},
	{"provider", provider_keys, offsetof(Knowledge, providers), KNOWLEDGE_MAX, "providers",
	 read_provider},
};

/* The kind of group whose name is the @n bytes at @kind ("provider" of
 * "provider:fastly"), or NULL when none is. */
static const GroupKind *
group_kind(const char *kind, gsize n)
{
	for (guint i = 0; i < G_N_ELEMENTS(group_kinds); i++) {
		if (strlen(group_kinds[i].kind) == n && strncmp(group_kinds[i].kind, kind, n) == 0) {
			return &group_kinds[i];
		}
	}
	return NULL;
}

/* True when @item names provider group @name: the same, but that '-' or '_'
 * may stand for a space ("microsoft-teams" names [provider:microsoft teams]). */
static bool
provider_name_is(const char *name, const char *item)
{
	for (; *name != '\0' && *item != '\0'; name++, item++) {
		bool gap = (*name == ' ' || *name == '-' || *name == '_') &&
			   (*item == ' ' || *item == '-' || *item == '_');
		if (*name != *item && !gap) {
			return false;
		}
	}
	return *name == *item;
}

/* How `show` names provider @kp: its display name, else its first name, else the
 * name of its section. */
const char *
linker_knowledge_display(const KnowledgeProvider *kp)
{
	return kp->display != NULL ? kp->display : kp->names[0] != NULL ? kp->names[0] : kp->name;
}

guint
linker_knowledge_provider_index(const Knowledge *k, const char *name, bool loose)
{
	for (guint p = 0; p < k->providers->len; p++) {
		const char *have = ((const KnowledgeProvider *)k->providers->pdata[p])->name;
		if (loose ? provider_name_is(have, name) : strcmp(have, name) == 0) {
			return p;
		}
	}
	return k->providers->len;
}

/* Sets each region's owner_mask from its owners (provider NAMEs); false (with an
 * error) for a NAME no [provider:NAME] group has. */
static bool
region_owners(Knowledge *k, const char *data, const char *what, GError **error)
{
	for (guint r = 0; r < k->regions->len; r++) {
		KnowledgeList *kl = k->regions->pdata[r];
		kl->owner_mask = PROV_NONE;
		for (guint i = 0; kl->owners != NULL && kl->owners[i] != NULL; i++) {
			guint p = linker_knowledge_provider_index(k, kl->owners[i], false);
			if (p == k->providers->len) {
				g_autofree char *group = g_strconcat("region:", kl->name, NULL);
				return group_error(error, data, what, group, "providers: no provider '%s'",
						   kl->owners[i]);
			}
			prov_set(&kl->owner_mask, p);
		}
	}
	return true;
}

/* Sets Knowledge.parts and .suites from each provider's parts (provider NAMEs);
 * false (with an error) for a NAME no [provider:NAME] group has, or a part that
 * is no service of a suite (no services key). */
static bool
suite_parts(Knowledge *k, const char *data, const char *what, GError **error)
{
	k->suites = PROV_NONE;
	for (guint p = 0; p < KNOWLEDGE_MAX; p++) {
		k->parts[p] = PROV_NONE;
	}
	for (guint p = 0; p < k->providers->len; p++) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		for (guint i = 0; kp->parts[i] != NULL; i++) {
			guint q = linker_knowledge_provider_index(k, kp->parts[i], false);
			if (q == k->providers->len || q == p ||
			    ((const KnowledgeProvider *)k->providers->pdata[q])->services[0] == NULL ||
			    kp->services[0] == NULL) {
				g_autofree char *group = g_strconcat("provider:", kp->name, NULL);
				return group_error(error, data, what, group,
						   "parts: '%s' is no other provider with services (and a "
						   "suite needs services too)", kp->parts[i]);
			}
			prov_set(&k->parts[p], q);
			prov_set(&k->suites, p);
		}
	}
	return true;
}

/* Sets Knowledge.prov_countries from each provider's countries ([country:NAME]
 * NAMEs); false (with an error) for a NAME no [country:NAME] group has. */
static bool
provider_countries(Knowledge *k, const char *data, const char *what, GError **error)
{
	memset(k->prov_countries, 0, sizeof(k->prov_countries));
	for (guint p = 0; p < k->providers->len; p++) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		for (guint i = 0; kp->countries[i] != NULL; i++) {
			guint c = 0;
			while (c < k->countries->len &&
			       strcmp(((const KnowledgeList *)k->countries->pdata[c])->name,
				      kp->countries[i]) != 0) {
				c++;
			}
			if (c == k->countries->len) {
				g_autofree char *group = g_strconcat("provider:", kp->name, NULL);
				return group_error(error, data, what, group,
						   "countries: '%s' is no [country:NAME] group",
						   kp->countries[i]);
			}
			k->prov_countries[p] |= G_GUINT64_CONSTANT(1) << c;
		}
	}
	return true;
}

/* True when @word is the brand of @kq: the first word of two of its names
 * ("microsoft" of "microsoft azure" and "microsoft entra"). */
static bool
brand_of(const KnowledgeProvider *kq, const char *word)
{
	guint starts = 0;
	gsize n = strlen(word);
	for (guint j = 0; kq->names[j] != NULL; j++) {
		starts += strncmp(kq->names[j], word, n) == 0 && kq->names[j][n] == ' ';
	}
	return starts >= 2;
}

ProvMask
linker_knowledge_suite_reach(const Knowledge *k, ProvMask provs)
{
	ProvMask m = PROV_NONE;
	if (!prov_meets(provs, prov_or(k->suites, k->by_service))) {
		return m;
	}
	for (guint s = prov_next(k->suites, 0); s < k->providers->len;
	     s = prov_next(k->suites, s + 1)) {
		if (prov_has(provs, s)) {
			m = prov_or(m, k->parts[s]);
		}
		if (prov_meets(provs, k->parts[s])) {
			prov_set(&m, s);
		}
	}
	return m;
}

/* Adds to @out (char *, owned) what a text naming one of @names holds whatever
 * its case: each name's longest word less its first letter ("eams" for
 * "microsoft teams"), once. */
static void
service_needles(char **names, GPtrArray *out, guint skip)
{
	for (guint i = 0; names[i] != NULL; i++) {
		g_auto(GStrv) words = g_strsplit(names[i], " ", -1);
		const char *best = NULL;
		for (guint j = 0; words[j] != NULL; j++) {
			if (best == NULL || strlen(words[j]) > strlen(best)) {
				best = words[j];
			}
		}
		if (best == NULL || strlen(best) < 2) {
			continue;
		}
		bool have = false;
		for (guint j = 0; j < out->len && !have; j++) {
			/* Compared as needles (less the first letter, see Knowledge): the
			 * words and the needles stay aligned. */
			have = strcmp((const char *)out->pdata[j] + (1 - skip), best + 1) == 0;
		}
		if (!have && out->len < SERVICE_NEEDLES_MAX) {
			g_ptr_array_add(out, g_strdup(best + skip));
		}
	}
}

/* Knowledge.service_name_words by length (any order within one). */
static gint
service_word_cmp(gconstpointer a, gconstpointer b)
{
	guint32 la = ((const KnowledgeServiceWord *)a)->len;
	guint32 lb = ((const KnowledgeServiceWord *)b)->len;
	return la < lb ? -1 : la > lb;
}

bool
linker_knowledge_load(Knowledge *k, const char *data, const char *what, GError **error)
{
	g_autoptr(GKeyFile) kf = g_key_file_new();
	g_autoptr(GError) e = NULL;

	g_key_file_set_list_separator(kf, ',');
	if (!g_key_file_load_from_data(kf, data, (gsize)-1, G_KEY_FILE_NONE, &e)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "linker knowledge '%s': %s", what,
			    e->message);
		return false;
	}
	g_auto(GStrv) groups = g_key_file_get_groups(kf, NULL);
	for (guint i = 0; groups[i] != NULL; i++) {
		const char *g = groups[i];
		const char *colon = strchr(g, ':');
		if (colon == NULL || colon[1] == '\0') {
			g_autofree char *at = group_line(data, g);
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "linker knowledge '%s': %sgroup '%s' is not role:NAME, "
				    "provider:NAME, region:CODE or country:NAME", what, at, g);
			return false;
		}
		const GroupKind *gk = group_kind(g, (gsize)(colon - g));
		if (gk == NULL) {
			g_autofree char *at = group_line(data, g);
			g_autofree char *kind = g_strndup(g, (gsize)(colon - g));
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "linker knowledge '%s': %sunknown group kind '%s'", what, at, kind);
			return false;
		}
		if (!check_keys(kf, data, what, g, gk->keys, error)) {
			return false;
		}
		/* The limits count the built-in groups and those of every file read
		 * into @k so far: checked before adding, so @k never holds more than
		 * its masks have bits, even when the caller goes on after an error. */
		GPtrArray *into = *(GPtrArray **)((char *)k + gk->array);
		char *name = g_ascii_strdown(colon + 1, -1);
		if (named_full(into, name, gk->max)) {
			g_autofree char *at = group_line(data, g);
			g_set_error(error, SW_ERROR, SW_ERROR_LIMIT,
				    "linker knowledge '%s': %s[%s]: more than %u %s (the built-in "
				    "knowledge's and this file's together)",
				    what, at, g, gk->max, gk->plural);
			g_free(name);
			return false;
		}
		if (!gk->read(kf, data, what, g, name, into, error)) {
			return false;
		}
	}
	if (!region_owners(k, data, what, error)) {
		return false;
	}
	k->site_owners = PROV_NONE;
	for (guint r = 0; r < k->regions->len; r++) {
		const KnowledgeList *kl = k->regions->pdata[r];
		guint p = prov_any(kl->owner_mask) ? prov_first(kl->owner_mask) : KNOWLEDGE_MAX;
		if (p < KNOWLEDGE_MAX && prov_equal(kl->owner_mask, prov_bit(p))) {
			prov_set(&k->site_owners, p);
		}
	}
	if (!suite_parts(k, data, what, error)) {
		return false;
	}
	if (!provider_countries(k, data, what, error)) {
		return false;
	}
	k->by_service = PROV_NONE;
	k->with_short = PROV_NONE;
	k->national_roles = 0;
	k->unlisted_roles = 0;
	for (guint r = 0; r < k->roles->len; r++) {
		const KnowledgeList *kl = k->roles->pdata[r];
		k->national_roles |= kl->national ? 1u << r : 0;
		k->unlisted_roles |= kl->unlisted ? 1u << r : 0;
	}
	joined_words(k);
	/* Providers by each of their names: two providers sharing a name are kin.
	 * One table, not every name of every pair of providers compared (a
	 * knowledge that lists products among names has some 700). */
	g_autoptr(GHashTable) by_name = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
							       g_free);
	for (guint p = 0; p < k->providers->len; p++) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		for (guint i = 0; kp->names[i] != NULL; i++) {
			ProvMask *m = g_hash_table_lookup(by_name, kp->names[i]);
			if (m == NULL) {
				m = g_new0(ProvMask, 1);
				g_hash_table_insert(by_name, kp->names[i], m);
			}
			prov_set(m, p);
		}
	}
	GPtrArray *needles = g_ptr_array_new();
	for (guint p = 0; p < k->providers->len; p++) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		k->kin[p] = prov_bit(p);
		if (kp->services[0] != NULL) {
			prov_set(&k->by_service, p);
			if (kp->short_names[0] != NULL) {
				prov_set(&k->with_short, p);
			}
			service_needles(kp->names, needles, 1);
			service_needles(kp->short_names, needles, 1);
		}
		for (guint i = 0; kp->names[i] != NULL; i++) {
			k->kin[p] = prov_or(k->kin[p],
					    *(ProvMask *)g_hash_table_lookup(by_name, kp->names[i]));
		}
	}
	/* A suite named by its company ("microsoft") is kin of the providers that
	 * word is the brand of ("microsoft azure", "microsoft entra"): one company's
	 * incidents, which may well be one event (a network fault under both). */
	for (guint p = prov_next(k->suites, 0); p < k->providers->len;
	     p = prov_next(k->suites, p + 1)) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		for (guint q = 0; q < k->providers->len; q++) {
			for (guint i = 0; q != p && kp->names[i] != NULL; i++) {
				if (strchr(kp->names[i], ' ') == NULL &&
				    brand_of(k->providers->pdata[q], kp->names[i])) {
					prov_set(&k->kin[p], q);
					prov_set(&k->kin[q], p);
				}
			}
		}
	}
	g_strfreev(k->service_needles);
	g_strfreev(k->service_words);
	g_ptr_array_add(needles, NULL);
	k->service_needles = (char **)g_ptr_array_free(needles, FALSE);
	/* service_words[i] is service_needles[i] with its first letter. */
	GPtrArray *words = g_ptr_array_new();
	for (guint p = 0; p < k->providers->len; p++) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		if (kp->services[0] != NULL) {
			service_needles(kp->names, words, 0);
			service_needles(kp->short_names, words, 0);
		}
	}
	g_ptr_array_add(words, NULL);
	k->service_words = (char **)g_ptr_array_free(words, FALSE);
	/* The words of those names, each with where it stands in its name (see
	 * name_covers() in linker_service.c), split at each single space. */
	g_array_set_size(k->service_name_words, 0);
	for (guint p = prov_next(k->by_service, 0); p < k->providers->len;
	     p = prov_next(k->by_service, p + 1)) {
		const KnowledgeProvider *kp = k->providers->pdata[p];
		char **lists[] = {kp->names, kp->short_names};
		for (guint l = 0; l < G_N_ELEMENTS(lists); l++) {
			for (guint j = 0; lists[l][j] != NULL; j++) {
				const char *name = lists[l][j];
				for (const char *w = name;;) {
					const char *sp = strchr(w, ' ');
					gsize len = sp != NULL ? (gsize)(sp - w) : strlen(w);
					KnowledgeServiceWord sw = {
						.name = name, .total = (guint32)strlen(name),
						.off = (guint32)(w - name), .len = (guint32)len,
						.provider = (guint16)p, .is_short = l == 1};
					g_array_append_val(k->service_name_words, sw);
					if (sp == NULL) {
						break;
					}
					w = sp + 1;
				}
			}
		}
	}
	g_array_sort(k->service_name_words, service_word_cmp);
	for (guint len = 0, i = 0; len <= SERVICE_WORD_LEN_INDEX; len++) {
		while (i < k->service_name_words->len &&
		       g_array_index(k->service_name_words, KnowledgeServiceWord, i).len < len) {
			i++;
		}
		k->service_word_at[len] = i;
	}
	/* Per needle, the providers a name or short name of which holds its word. */
	memset(k->needle_provs, 0, sizeof(k->needle_provs));
	for (guint i = 0; i < SERVICE_NEEDLES_MAX && k->service_words[i] != NULL; i++) {
		for (guint p = 0; p < k->providers->len; p++) {
			const KnowledgeProvider *kp = k->providers->pdata[p];
			char **lists[] = {kp->names, kp->short_names};
			for (guint l = 0; prov_has(k->by_service, p) && l < G_N_ELEMENTS(lists); l++) {
				for (guint j = 0; lists[l][j] != NULL; j++) {
					if (terms_has_words(lists[l][j], k->service_words[i])) {
						prov_set(&k->needle_provs[i], p);
					}
				}
			}
		}
	}
	return true;
}

ProvMask
linker_knowledge_kin(const Knowledge *k, ProvMask provs)
{
	ProvMask m = provs;
	for (guint p = prov_next(provs, 0); p < k->providers->len; p = prov_next(provs, p + 1)) {
		m = prov_or(m, k->kin[p]);
	}
	return m;
}

/* Bit per role index of @kp's role names (unknown roles are ignored). */
guint32
linker_knowledge_roles_of(const Knowledge *k, const KnowledgeProvider *kp)
{
	guint32 m = 0;
	for (guint i = 0; kp->role_names[i] != NULL; i++) {
		for (guint r = 0; r < k->roles->len; r++) {
			const KnowledgeList *kl = k->roles->pdata[r];
			if (strcmp(kl->name, kp->role_names[i]) == 0) {
				m |= 1u << r;
			}
		}
	}
	return m;
}

/* True when lower-case @u is a URL at host @host or a subdomain of it: one
 * company's product pages under its status host ("jira-software.status.atlassian.com"
 * under "status.atlassian.com") are its own.  The host must end there too
 * ("status.example.com.evil.example" is not at "status.example.com"). */
static bool
url_at_host(const char *u, const char *host)
{
	gsize n = strlen(host);
	for (const char *at = strstr(u, host); at != NULL; at = strstr(at + 1, host)) {
		char after = at[n];
		if ((at == u || at[-1] == '/' || at[-1] == '.') &&
		    (after == '\0' || after == '/' || after == ':' || after == '?' ||
		     after == '#')) {
			return true;
		}
	}
	return false;
}

/* A provider's name or alias found in a source's name: [start, end) bytes. */
typedef struct {
	guint prov;
	gsize start, end;
} NameSpan;

/* Every place @needle stands as whole words in @hay (terms_find_words()). */
static void
add_name_spans(GArray *spans, guint prov, const char *hay, const char *needle)
{
	gsize nl = strlen(needle);
	for (const char *p = nl > 0 ? terms_find_words(hay, hay, needle) : NULL; p != NULL;
	     p = terms_find_words(hay, p + 1, needle)) {
		NameSpan ns = {prov, (gsize)(p - hay), (gsize)(p - hay) + nl};
		g_array_append_val(spans, ns);
	}
}

/* True when @a lies inside another provider's longer match in @spans: "google" of
 * Google Cloud inside "google workspace" of Google Workspace names only the latter,
 * as a person reads the most specific name. */
static bool
inside_longer(const GArray *spans, const NameSpan *a)
{
	for (guint i = 0; i < spans->len; i++) {
		const NameSpan *b = &g_array_index(spans, NameSpan, i);
		if (b->prov != a->prov && b->start <= a->start && a->end <= b->end &&
		    b->end - b->start > a->end - a->start) {
			return true;
		}
	}
	return false;
}

/* The byte pairs of a lower-case URL, each hashed to one of 4,096 bits: a host
 * with a pair of bytes that is no pair of the URL is not in it, so url_at_host()'s
 * strstr() runs only for the few hosts that may be (it ran for every host of every
 * provider, per advisory: a tenth of the instructions of adding one). */
typedef struct {
	guint64 bits[64];
} UrlPairs;

static inline guint
url_pair(unsigned char a, unsigned char b)
{
	return ((guint)a << 5 ^ (guint)b) & 4095u;
}

static void
url_pairs_init(UrlPairs *up, const char *u)
{
	memset(up->bits, 0, sizeof(up->bits));
	for (gsize i = 0; u[i] != '\0' && u[i + 1] != '\0'; i++) {
		guint b = url_pair((unsigned char)u[i], (unsigned char)u[i + 1]);
		up->bits[b / 64] |= G_GUINT64_CONSTANT(1) << (b % 64);
	}
}

static inline bool
url_has_pair(const UrlPairs *up, const char *p)
{
	guint b = url_pair((unsigned char)p[0], (unsigned char)p[1]);
	return (up->bits[b / 64] & (G_GUINT64_CONSTANT(1) << (b % 64))) != 0;
}

/* False when a pair of @needle's bytes is not in @up (of the text searched), so
 * that @needle is not in it either; true otherwise (a needle of one byte). */
static inline bool
pairs_may_hold(const UrlPairs *up, const char *needle)
{
	for (gsize i = 0; needle[i] != '\0' && needle[i + 1] != '\0'; i++) {
		if (!url_has_pair(up, needle + i)) {
			return false;
		}
	}
	return true;
}

/* url_at_host(), but false at once when a pair of @host's bytes is not in @up.  The
 * pairs are tried from the middle of the host on, then from its start: most hosts
 * open with "status." and end with ".com", as most URLs hold, and differ between. */
static inline bool
url_at_host_paired(const UrlPairs *up, const char *u, const char *host)
{
	gsize n = strlen(host);
	for (gsize i = n / 2; i + 1 < n; i++) {
		if (!url_has_pair(up, host + i)) {
			return false;
		}
	}
	for (gsize i = 0; i < n / 2 && i + 1 < n; i++) {
		if (!url_has_pair(up, host + i)) {
			return false;
		}
	}
	return url_at_host(u, host);
}

ProvMask
linker_knowledge_self(const Knowledge *k, const char *source, const char *url)
{
	g_autofree char *src = source != NULL ? g_ascii_strdown(source, -1) : NULL;
	/* Lower case on the stack for the usual URL (this runs once per advisory). */
	char ubuf[512];
	g_autofree char *uheap = NULL;
	const char *u = NULL;
	UrlPairs up;
	if (url != NULL) {
		gsize ulen = strlen(url);
		if (ulen < sizeof(ubuf)) {
			for (gsize i = 0; i <= ulen; i++) {
				char c = url[i];
				ubuf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
			}
			u = ubuf;
		} else {
			u = uheap = g_ascii_strdown(url, -1);
		}
		url_pairs_init(&up, u);
	}
	/* Per advisory this is called with a URL alone: no array then. */
	g_autoptr(GArray) spans = src != NULL ? g_array_new(FALSE, FALSE, sizeof(NameSpan)) : NULL;
	/* The source's byte pairs, as the URL's: a search of the source per name and
	 * alias of every provider was most of a feed's first call. */
	UrlPairs sp;
	if (src != NULL) {
		url_pairs_init(&sp, src);
	}
	ProvMask m = PROV_NONE;
	for (guint i = 0; i < k->providers->len; i++) {
		const KnowledgeProvider *kp = k->providers->pdata[i];
		bool hit = false;
		if (prov_has(k->by_service, i)) {
			continue; /* see linker_knowledge_service_self() */
		}
		for (guint j = 0; src != NULL && kp->aliases[j] != NULL; j++) {
			if (pairs_may_hold(&sp, kp->aliases[j])) {
				add_name_spans(spans, i, src, kp->aliases[j]);
			}
		}
		for (guint j = 0; src != NULL && kp->names[j] != NULL; j++) {
			if (pairs_may_hold(&sp, kp->names[j])) {
				add_name_spans(spans, i, src, kp->names[j]);
			}
		}
		for (guint j = 0; u != NULL && kp->hosts[j] != NULL && !hit; j++) {
			hit = url_at_host_paired(&up, u, kp->hosts[j]);
		}
		if (hit) {
			prov_set(&m, i);
		}
	}
	for (guint i = 0; spans != NULL && i < spans->len; i++) {
		const NameSpan *a = &g_array_index(spans, NameSpan, i);
		if (!inside_longer(spans, a)) {
			prov_set(&m, a->prov);
		}
	}
	return m;
}

ProvMask
linker_knowledge_declared(const Knowledge *k, const char *declared)
{
	/* The longest name or alias opening @declared decides: a shorter one of another
	 * provider ("google" in "google workspace") is a strict part of that same match. */
	gsize best = 0;
	ProvMask m = PROV_NONE;
	for (guint i = 0; declared != NULL && i < k->providers->len; i++) {
		const KnowledgeProvider *kp = k->providers->pdata[i];
		char **lists[] = {kp->names, kp->aliases};
		for (guint l = 0; l < G_N_ELEMENTS(lists); l++) {
			for (guint j = 0; lists[l][j] != NULL; j++) {
				gsize n = strlen(lists[l][j]);
				if (n == 0 || n < best || strncmp(declared, lists[l][j], n) != 0 ||
				    (declared[n] != '\0' && declared[n] != ' ')) {
					continue;
				}
				if (n > best) {
					best = n;
					m = PROV_NONE;
				}
				prov_set(&m, i);
			}
		}
	}
	return m;
}

ProvMask
linker_knowledge_service_self(const Knowledge *k, const Advisory *a, ProvMask *ret_feed)
{
	ProvMask self = PROV_NONE, feed = PROV_NONE;
	*ret_feed = PROV_NONE;
	if (!prov_any(k->by_service) || a->url == NULL) {
		return PROV_NONE;
	}
	g_autofree char *u = g_ascii_strdown(a->url, -1);
	/* A Message Center post or a maintenance is no fault of the service. */
	bool fault = a->kind != ADVISORY_KIND_INFORMATIONAL && a->kind != ADVISORY_KIND_MAINTENANCE;
	for (guint i = 0; i < k->providers->len; i++) {
		const KnowledgeProvider *kp = k->providers->pdata[i];
		bool at = false;
		if (!prov_has(k->by_service, i)) {
			continue;
		}
		for (guint j = 0; kp->hosts[j] != NULL && !at; j++) {
			at = url_at_host(u, kp->hosts[j]);
		}
		if (!at) {
			continue;
		}
		prov_set(&feed, i);
		for (guint j = 0; fault && kp->services[j] != NULL; j++) {
			if (advisory_has_service(a, kp->services[j])) {
				prov_set(&self, i);
				break;
			}
		}
	}
	*ret_feed = feed;
	return self;
}

const char *
linker_knowledge_site_of(const Knowledge *k, const GPtrArray *regions, guint prov)
{
	for (guint r = 0; regions != NULL && r < k->regions->len; r++) {
		const KnowledgeList *kl = k->regions->pdata[r];
		if (!prov_equal(kl->owner_mask, prov_bit(prov))) {
			continue;
		}
		for (guint i = 0; i < regions->len; i++) {
			g_autofree char *area = linker_region_area(regions->pdata[i]);
			if (strcmp(area, kl->name) == 0) {
				return kl->name;
			}
		}
	}
	return NULL;
}

void
linker_depends_free(gpointer p)
{
	Depends *dp = p;
	for (guint i = 0; i < KNOWLEDGE_MAX; i++) {
		if (dp->regions[i] != NULL) {
			g_ptr_array_unref(dp->regions[i]);
		}
	}
	g_free(dp);
}

/*
 * The one reader of a depends_on value ("fastly, aws:us-east-1"): each item's provider
 * is looked up in @k.  With @ret, known providers (and their region areas) go into it
 * and unknown ones are skipped; without, the first unknown provider or malformed region
 * is an error (SW_ERROR_CONFIG naming it).
 */
static bool
depends_parse(const Knowledge *k, const char *value, Depends *ret, GError **error)
{
	g_auto(GStrv) items = g_strsplit(value != NULL ? value : "", ",", -1);

	for (guint i = 0; items[i] != NULL; i++) {
		g_autofree char *item = g_ascii_strdown(g_strstrip(items[i]), -1);
		char *region = strchr(item, ':');
		if (region != NULL) {
			*region++ = '\0';
		}
		if (*item == '\0') {
			continue;
		}
		guint p = linker_knowledge_provider_index(k, item, true);
		if (ret == NULL && p == k->providers->len) {
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "unknown provider '%s' (see linker-knowledge.conf)", item);
			return false;
		}
		if (ret == NULL && region != NULL &&
		    (*region == '\0' || strspn(region, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
						   strlen(region))) {
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "'%s:%s': a region is a code like us-east-1", item, region);
			return false;
		}
		if (ret == NULL || p == k->providers->len) {
			continue;
		}
		prov_set(&ret->providers, p);
		if (region != NULL && *region != '\0') {
			if (ret->regions[p] == NULL) {
				ret->regions[p] = g_ptr_array_new_with_free_func(g_free);
			}
			g_ptr_array_add(ret->regions[p], g_ascii_strdown(region, -1));
		}
	}
	return true;
}

/* Parses @depends_on (source → "fastly, aws:us-east-1") into Linker.depends.
 * Names the knowledge does not hold are skipped (config validation reports
 * them, see linker_knowledge_check_depends()). */
void
linker_depends_load(Linker *l, GHashTable *depends_on)
{
	if (depends_on == NULL) {
		return;
	}
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, depends_on);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		Depends *dp = g_new0(Depends, 1);
		depends_parse(&l->know, v, dp, NULL);
		g_hash_table_replace(l->depends, g_strdup(k), dp);
	}
}

LinkerKnowledge *
linker_knowledge_new(const char *extra, const char *what, GError **error)
{
	LinkerKnowledge *lk = g_new0(LinkerKnowledge, 1);

	lk->ref = 1;
	linker_knowledge_init(&lk->k);
	if (!linker_knowledge_load(&lk->k, linker_knowledge_builtin, "built-in", error) ||
	    (extra != NULL && !linker_knowledge_load(&lk->k, extra, what, error))) {
		linker_knowledge_free(lk);
		return NULL;
	}
	lk->proto = linker_know_proto_new(&lk->k);
	return lk;
}

LinkerKnowledge *
linker_knowledge_ref(LinkerKnowledge *lk)
{
	g_atomic_int_inc(&lk->ref);
	return lk;
}

void
linker_knowledge_free(LinkerKnowledge *lk)
{
	if (lk == NULL || !g_atomic_int_dec_and_test(&lk->ref)) {
		return;
	}
	linker_know_proto_free(lk->proto);
	linker_knowledge_clear(&lk->k);
	g_free(lk);
}

bool
linker_knowledge_check_depends(const LinkerKnowledge *lk, const char *value, GError **error)
{
	return depends_parse(&lk->k, value, NULL, error);
}
