/*
 * Provider knowledge that feed formats do not carry, applied to an item after
 * it ends (xmlfeed_item.c; the status and maintenance words of titles are
 * status_words_title_apply()'s, shared with JSON Feed): AWS service keys in guids,
 * "— Service (Region)" title tails, Azure "Service - Region" titles and Google
 * Cloud's "Affected products:" lines.
 *
 * Pure string work on one Advisory; never does I/O or logs.
 */
#include "sources/status_words.h"
#include "sources/xmlfeed_private.h"

#include <string.h>

#include "model/advisory.h"

static bool
is_region_direction(const char *s)
{
	static const char *const dirs[] = {
		"central", "east", "north", "northeast", "northwest",
		"south",   "southeast", "southwest", "west",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(dirs); i++) {
		if (strcmp(s, dirs[i]) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * AWS guid "https://status.aws.amazon.com/#ec2-us-east-1_1642200240": the
 * fragment before "_<epoch>" is "<service key>[-<region>]"; a region is
 * "<2 letters>[-gov]-<direction>-<digits>" at the end.  Global services
 * ("cloudfront") have no region.
 */
static bool
aws_guid_service(const char *guid, char **ret_service, char **ret_region)
{
	const char *hash = strchr(guid, '#');
	if (hash == NULL) {
		return false;
	}
	const char *us = strrchr(hash, '_');
	if (us == NULL || us == hash + 1 || us[1] == '\0') {
		return false;
	}
	for (const char *c = us + 1; *c != '\0'; c++) {
		if (!g_ascii_isdigit(*c)) {
			return false;
		}
	}
	for (const char *c = hash + 1; c < us; c++) {
		if (!g_ascii_isalnum(*c) && *c != '-') {
			return false;
		}
	}
	const char *key = hash + 1;
	gsize key_len = (gsize)(us - key);
	/* Part j of the key is [start[j], start[j] + len[j]); at most 16 parts are looked at. */
	gsize start[16];
	gsize len[16];
	guint n = 0;
	for (gsize i = 0, from = 0; i <= key_len && n < G_N_ELEMENTS(start); i++) {
		if (i == key_len || key[i] == '-') {
			start[n] = from;
			len[n] = i - from;
			n++;
			from = i + 1;
		}
	}

	/* Split point i: parts [0, i) are the service key, parts [i, n) the region. */
	for (guint i = 1; i < n; i++) {
		guint k = i;
		if (len[k] != 2) {
			continue;
		}
		k++;
		if (k < n && len[k] == 3 && memcmp(key + start[k], "gov", 3) == 0) {
			k++;
		}
		if (k + 2 != n || len[k] >= 16) {
			continue;
		}
		char dir[16];
		memcpy(dir, key + start[k], len[k]);
		dir[len[k]] = '\0';
		if (!is_region_direction(dir)) {
			continue;
		}
		bool digits = len[k + 1] > 0;
		for (gsize c = 0; c < len[k + 1]; c++) {
			digits = digits && g_ascii_isdigit(key[start[k + 1] + c]);
		}
		if (!digits) {
			continue;
		}
		*ret_service = g_strndup(key, start[i] - 1);
		*ret_region = g_strndup(key + start[i], key_len - start[i]);
		return true;
	}
	*ret_service = g_strndup(key, key_len);
	*ret_region = NULL;
	return true;
}

/* "... — Amazon EC2 (N. Virginia)": service and region after an em dash. */
static bool
title_dash_service(const char *title, char **ret_service, char **ret_region)
{
	/* The last " — ": strstr is vectorised, g_strrstr compares byte by byte from the end. */
	const char *dash = NULL;
	for (const char *d = strstr(title, " \xE2\x80\x94 "); d != NULL;
	     d = strstr(d + 1, " \xE2\x80\x94 ")) {
		dash = d;
	}
	if (dash == NULL) {
		return false;
	}
	const char *s = dash + 5;
	const char *open = strrchr(s, '(');
	const char *close = open != NULL ? strchr(open, ')') : NULL;
	if (open != NULL && close != NULL) {
		*ret_service = g_strstrip(g_strndup(s, (gsize)(open - s)));
		*ret_region = g_strstrip(g_strndup(open + 1, (gsize)(close - open - 1)));
	} else {
		*ret_service = g_strstrip(g_strdup(s));
		*ret_region = NULL;
	}
	if ((*ret_service)[0] == '\0') {
		g_clear_pointer(ret_service, g_free);
		g_clear_pointer(ret_region, g_free);
		return false;
	}
	return true;
}

/* Azure: "Virtual Machines/VM Scale Sets - East US 2[ - what happened]"; its old
 * dashboard: "Storage [Worldwide] - what happened" (the region in brackets, and
 * after " - " the state of the trouble, which changes from post to post). */
static bool
azure_title_services(Advisory *adv, const char *title)
{
	g_auto(GStrv) parts = g_strsplit(title, " - ", 3);
	if (g_strv_length(parts) < 2) {
		return false;
	}
	g_strstrip(parts[0]);
	gsize n0 = strlen(parts[0]);
	const char *open = strrchr(parts[0], '[');
	if (n0 > 0 && parts[0][n0 - 1] == ']' && open != NULL && open > parts[0]) {
		g_autofree char *region = g_strndup(open + 1, (gsize)(parts[0] + n0 - 1 - open - 1));
		parts[0][open - parts[0]] = '\0';
		g_strstrip(parts[0]);
		g_free(parts[1]);
		parts[1] = g_steal_pointer(&region);
	}
	g_auto(GStrv) services = g_strsplit(parts[0], "/", -1);
	for (char **s = services; *s != NULL; s++) {
		g_strstrip(*s);
		if (**s != '\0') {
			advisory_add_service(adv, *s);
		}
	}
	advisory_set_str(&adv->region, g_strstrip(parts[1]));
	return adv->services->len > 0;
}

/* Google Cloud entries end with "Affected products: A, B" and "Affected locations: ..." lines. */
static bool
affected_lines(Advisory *adv, const char *text)
{
	const char *prod = text != NULL ? strstr(text, "Affected products:") : NULL;
	if (prod == NULL) {
		return false;
	}
	prod += strlen("Affected products:");
	const char *eol = strchr(prod, '\n');
	g_autofree char *line = g_strndup(prod, eol != NULL ? (gsize)(eol - prod) : strlen(prod));
	g_auto(GStrv) names = g_strsplit(line, ",", -1);
	for (char **s = names; *s != NULL; s++) {
		g_strstrip(*s);
		if (**s != '\0') {
			advisory_add_service(adv, *s);
		}
	}
	const char *loc = strstr(text, "Affected locations:");
	if (loc != NULL && adv->region == NULL) {
		loc += strlen("Affected locations:");
		eol = strchr(loc, '\n');
		g_autofree char *l =
			g_strndup(loc, eol != NULL ? (gsize)(eol - loc) : strlen(loc));
		advisory_set_str(&adv->region, g_strstrip(l));
	}
	return adv->services->len > 0;
}

/*
 * ASCII case-insensitive strstr for short haystacks (titles, feed titles,
 * URLs): lower-cased once into a stack buffer, then libc's vectorised strstr
 * (strcasestr's set-up and a g_ascii_strncasecmp() per candidate both cost
 * more).  @needle is lower-case ASCII.  Longer haystacks take the byte loop.
 */
bool
xmlfeed_contains_ci(const char *hay, const char *needle)
{
	char low[512];
	gsize i = 0;

	if (hay == NULL) {
		return false;
	}
	for (; hay[i] != '\0' && i < sizeof low - 1; i++) {
		char c = hay[i];
		low[i] = c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
	}
	if (hay[i] == '\0') {
		low[i] = '\0';
		return strstr(low, needle) != NULL;
	}
	gsize n = strlen(needle);
	for (const char *h = hay; *h != '\0'; h++) {
		if (g_ascii_tolower(*h) == needle[0] && g_ascii_strncasecmp(h, needle, n) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * advisory_add_service() and advisory_set_str(&adv->region) for the first
 * service found, handing both strings over instead of copying them.
 */
static void
set_first_service(Advisory *adv, char **svc, char **region)
{
	if (adv->services->len == 0 && *svc != NULL && (*svc)[0] != '\0') {
		g_ptr_array_add(adv->services, g_steal_pointer(svc));
	} else {
		advisory_add_service(adv, *svc);
	}
	g_free(adv->region);
	adv->region = g_steal_pointer(region);
}

/*
 * Services: a provider's own pattern first (machine keys beat broad
 * categories such as Azure's "Compute"), then categories, then the
 * source name so no advisory is left without one.  A category that is a
 * status-message feed's level (status_level_lookup(): "good", "minor",
 * "major") sets the status instead, unless the title gave one.
 */
void
xmlfeed_item_services(XmlFeedParser *p, Advisory *adv)
{
	Item *it = &p->item;
	g_autofree char *svc = NULL;
	g_autofree char *region = NULL;

	if (it->slot[SLOT_GUID]->len > 0 &&
	    aws_guid_service(it->slot[SLOT_GUID]->str, &svc, &region)) {
		set_first_service(adv, &svc, &region);
	} else if (adv->title != NULL && title_dash_service(adv->title, &svc, &region)) {
		set_first_service(adv, &svc, &region);
	} else if (p->provider == PROVIDER_AZURE && adv->title != NULL &&
		   azure_title_services(adv, adv->title)) {
		/* done */
	} else if (affected_lines(adv, adv->text)) {
		/* done */
	}
	if (adv->services->len == 0) {
		for (guint i = 0; i < it->categories->len; i++) {
			const char *c = g_ptr_array_index(it->categories, i);
			/* A status-message feed's level ("good", "major") is the
			 * item's status, not what it is about. */
			const StatusWord *w = status_level_lookup(c, strlen(c));
			if (w == NULL) {
				advisory_add_service(adv, c);
			} else if (adv->raw_status == NULL) {
				status_word_apply(adv, w);
				adv->raw_status = g_strstrip(g_strdup(c));
				if (adv->status == ADVISORY_STATUS_RESOLVED) {
					adv->end = adv->updated;
				}
			}
		}
	}
	if (adv->services->len == 0 && p->ctx->source_name != NULL) {
		advisory_add_service(adv, p->ctx->source_name);
	}
}
