/*
 * The linker's knowledge of upstream providers: their names, the source
 * names and status hosts of their own feeds, the roles they play (cdn, dns,
 * cloud, email, payments, telephony, identity, ci), the phrases downstream
 * pages use for a provider of each role ("our CDN", "our cloud telephony
 * provider"), and a region gazetteer ("Northern Virginia" = us-east-1).
 * Built in from share/linker-knowledge.conf; [linker] knowledge adds to it.
 *
 * Pure: parses text it is given (GKeyFile from data), no I/O, no logging.
 */
#include <string.h>

#include "linker/linker_private.h"

static void
provider_free(gpointer p)
{
	KnowledgeProvider *kp = p;
	g_free(kp->name);
	g_strfreev(kp->names);
	g_strfreev(kp->aliases);
	g_strfreev(kp->hosts);
	g_strfreev(kp->role_names);
	g_free(kp);
}

static void
named_list_free(gpointer p)
{
	KnowledgeList *kl = p;
	g_free(kl->name);
	g_strfreev(kl->items);
	g_free(kl);
}

void
linker_knowledge_init(Knowledge *k)
{
	k->providers = g_ptr_array_new_with_free_func(provider_free);
	k->roles = g_ptr_array_new_with_free_func(named_list_free);
	k->regions = g_ptr_array_new_with_free_func(named_list_free);
}

void
linker_knowledge_clear(Knowledge *k)
{
	g_clear_pointer(&k->providers, g_ptr_array_unref);
	g_clear_pointer(&k->roles, g_ptr_array_unref);
	g_clear_pointer(&k->regions, g_ptr_array_unref);
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
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "linker knowledge '%s': group '%s' is not role:NAME, "
				    "provider:NAME or region:CODE", what, g);
			return false;
		}
		g_autofree char *kind = g_strndup(g, (gsize)(colon - g));
		char *name = g_ascii_strdown(colon + 1, -1);
		if (strcmp(kind, "role") == 0) {
			KnowledgeList *kl = g_new0(KnowledgeList, 1);
			kl->name = name;
			kl->items = read_list(kf, g, "phrases");
			put_named(k->roles, kl, name);
		} else if (strcmp(kind, "region") == 0) {
			KnowledgeList *kl = g_new0(KnowledgeList, 1);
			kl->name = name;
			kl->items = read_list(kf, g, "names");
			put_named(k->regions, kl, name);
		} else if (strcmp(kind, "provider") == 0) {
			KnowledgeProvider *kp = g_new0(KnowledgeProvider, 1);
			kp->name = name;
			kp->names = read_list(kf, g, "names");
			kp->aliases = read_list(kf, g, "aliases");
			kp->hosts = read_list(kf, g, "hosts");
			kp->role_names = read_list(kf, g, "roles");
			put_named(k->providers, kp, name);
		} else {
			g_free(name);
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "linker knowledge '%s': unknown group kind '%s'", what, kind);
			return false;
		}
	}
	if (k->providers->len > KNOWLEDGE_MAX || k->roles->len > KNOWLEDGE_MAX ||
	    k->regions->len > KNOWLEDGE_MAX_REGIONS) {
		g_set_error(error, SW_ERROR, SW_ERROR_LIMIT,
			    "linker knowledge '%s': more than %d providers or roles, or %d regions",
			    what, KNOWLEDGE_MAX, KNOWLEDGE_MAX_REGIONS);
		return false;
	}
	return true;
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

guint32
linker_knowledge_self(const Knowledge *k, const char *source, const char *url)
{
	g_autofree char *src = source != NULL ? g_ascii_strdown(source, -1) : NULL;
	g_autofree char *u = url != NULL ? g_ascii_strdown(url, -1) : NULL;
	guint32 m = 0;
	for (guint i = 0; i < k->providers->len; i++) {
		const KnowledgeProvider *kp = k->providers->pdata[i];
		bool hit = false;
		for (guint j = 0; src != NULL && kp->aliases[j] != NULL && !hit; j++) {
			hit = terms_has_words(src, kp->aliases[j]);
		}
		for (guint j = 0; src != NULL && kp->names[j] != NULL && !hit; j++) {
			hit = terms_has_words(src, kp->names[j]);
		}
		for (guint j = 0; u != NULL && kp->hosts[j] != NULL && !hit; j++) {
			const char *at = strstr(u, kp->hosts[j]);
			hit = at != NULL && (at == u || at[-1] == '/' || at[-1] == '.');
		}
		if (hit) {
			m |= 1u << i;
		}
	}
	return m;
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

/* Parses @depends_on (source → "fastly, aws:us-east-1") into Linker.depends.
 * Names the knowledge does not hold are skipped (config validation reports
 * them, see linker_depends_check()). */
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
		g_auto(GStrv) items = g_strsplit(v != NULL ? v : "", ",", -1);
		for (guint i = 0; items[i] != NULL; i++) {
			g_autofree char *item = g_ascii_strdown(g_strstrip(items[i]), -1);
			char *colon = strchr(item, ':');
			if (colon != NULL) {
				*colon++ = '\0';
			}
			for (guint p = 0; p < l->know.providers->len; p++) {
				const KnowledgeProvider *kp = l->know.providers->pdata[p];
				if (strcmp(kp->name, item) != 0) {
					continue;
				}
				dp->providers |= 1u << p;
				if (colon != NULL && *colon != '\0') {
					if (dp->regions[p] == NULL) {
						dp->regions[p] = g_ptr_array_new_with_free_func(g_free);
					}
					g_ptr_array_add(dp->regions[p], linker_region_area(colon));
				}
			}
		}
		g_hash_table_replace(l->depends, g_strdup(k), dp);
	}
}

bool
linker_depends_check(const char *value, const char *knowledge, const char *what, GError **error)
{
	Knowledge k;
	linker_knowledge_init(&k);
	bool ok = linker_knowledge_load(&k, linker_knowledge_builtin, "built-in", error) &&
		  (knowledge == NULL || linker_knowledge_load(&k, knowledge, "knowledge", error));
	g_auto(GStrv) items = g_strsplit(value != NULL ? value : "", ",", -1);
	for (guint i = 0; ok && items[i] != NULL; i++) {
		g_autofree char *item = g_ascii_strdown(g_strstrip(items[i]), -1);
		char *colon = strchr(item, ':');
		if (colon != NULL) {
			*colon = '\0';
		}
		if (*item == '\0') {
			continue;
		}
		bool known = false;
		for (guint p = 0; p < k.providers->len && !known; p++) {
			known = strcmp(((KnowledgeProvider *)k.providers->pdata[p])->name, item) == 0;
		}
		if (!known) {
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "%s: unknown provider '%s' (see linker-knowledge.conf)", what, item);
			ok = false;
		}
	}
	linker_knowledge_clear(&k);
	return ok;
}
