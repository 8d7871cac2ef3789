/*
 * RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 → advisories, streamed through one
 * libxml2 SAX2 push parser (xmlCreatePushParserCtxt + xmlParseChunk): bytes
 * arrive chunk by chunk from source.c as curl delivers them, and no DOM is
 * ever built.  Element names map to item fields through one sorted table
 * (item_tags[], searched with bsearch, sfeed's rsstags[] model); only the
 * text of fields we keep is copied, everything else is skipped in place.
 *
 * Safety (REFERENCE.md §7.2): XML_PARSE_NONET|NOERROR|NOWARNING and never
 * NOENT/HUGE/DTDLOAD; a process-wide external entity loader that refuses
 * everything; any entity declaration stops the parser (real feeds never
 * declare entities; every entity attack needs one).  libxml2 2.9.14 bounds
 * nothing for SAX consumers, so the caps are ours: total bytes, text per
 * field, element depth and items per feed (SourceContext).
 *
 * Must never: do I/O, log, or let an xmlChar * out of this file.  A bad item
 * is a warning and is skipped; a bad document is one GError.
 *
 * This file is the SAX2 core: libxml2 set-up, the callbacks that route text
 * into an item's slots, error conversion and the public API.  When an item
 * ends, xmlfeed_item.c builds its advisory; provider knowledge that formats do
 * not carry (status words in titles and in Statuspage's entry HTML, AWS
 * service keys in guids, Azure "service - region" titles) lives in
 * xmlfeed_statuspage.c and xmlfeed_patterns.c; the start-tag guard that runs
 * before libxml2 in tagscan.c.  Shared state: xmlfeed_private.h.
 */
#include "sources/parsers.h"

#include <stdarg.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>

#include "model/advisory.h"
#include "sources/field_copy.h"
#include "sources/tagscan.h"
#include "sources/xmlfeed_private.h"
#include "util/error.h"
#include "util/url.h"

/* Sorted by strcmp on name: bsearch'd; test-xmlfeed checks the order. */
static const Tag item_tags[] = {
	{"atom:category", SLOT_NONE, TAG_ATOM_CATEGORY},
	{"atom:content", SLOT_ATOM_CONTENT, TAG_TEXT},
	{"atom:created", SLOT_PUBLISHED, TAG_TEXT},  /* Atom 0.3 */
	{"atom:id", SLOT_ATOM_ID, TAG_TEXT},
	{"atom:issued", SLOT_PUBLISHED, TAG_TEXT},   /* Atom 0.3 */
	{"atom:link", SLOT_NONE, TAG_ATOM_LINK},
	{"atom:modified", SLOT_UPDATED, TAG_TEXT},   /* Atom 0.3 */
	{"atom:published", SLOT_PUBLISHED, TAG_TEXT},
	{"atom:summary", SLOT_ATOM_SUMMARY, TAG_TEXT},
	{"atom:title", SLOT_TITLE, TAG_TEXT},
	{"atom:updated", SLOT_UPDATED, TAG_TEXT},
	{"category", SLOT_CATEGORY, TAG_TEXT},
	{"content:encoded", SLOT_CONTENT_ENCODED, TAG_TEXT},
	{"dc:date", SLOT_DC_DATE, TAG_TEXT},
	{"dc:description", SLOT_DESCRIPTION, TAG_TEXT},
	{"dc:subject", SLOT_CATEGORY, TAG_TEXT},
	{"dc:title", SLOT_TITLE, TAG_TEXT},
	{"dcterms:created", SLOT_PUBLISHED, TAG_TEXT},
	{"dcterms:issued", SLOT_PUBLISHED, TAG_TEXT},
	{"dcterms:modified", SLOT_UPDATED, TAG_TEXT},
	{"description", SLOT_DESCRIPTION, TAG_TEXT},
	{"guid", SLOT_GUID, TAG_TEXT},
	{"link", SLOT_LINK, TAG_TEXT},
	{"pubDate", SLOT_PUBDATE, TAG_TEXT},
	{"title", SLOT_TITLE, TAG_TEXT},
	{"xhtml:body", SLOT_CONTENT_ENCODED, TAG_TEXT}, /* RSS 2.0 with an inline XHTML body */
};

/* For the table-order test in test-xmlfeed.c; not part of parsers.h. */
const char *xmlfeed_tag_name_at(gsize i);
const char *
xmlfeed_tag_name_at(gsize i)
{
	return i < G_N_ELEMENTS(item_tags) ? item_tags[i].name : NULL;
}

/* ---- errors and warnings ---- */

static void fail(XmlFeedParser *p, SwErrorCode code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
static void
fail(XmlFeedParser *p, SwErrorCode code, const char *fmt, ...)
{
	if (p->error == NULL) {
		va_list ap;
		va_start(ap, fmt);
		g_autofree char *msg = g_strdup_vprintf(fmt, ap);
		va_end(ap);
		p->error = g_error_new_literal(SW_ERROR, code, msg);
	}
	if (p->ctxt != NULL) {
		xmlStopParser(p->ctxt);
	}
}

void
xmlfeed_warn(XmlFeedParser *p, const char *fmt, ...)
{
	if (p->warnings->len >= MAX_WARNINGS) {
		p->warnings_dropped++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	g_ptr_array_add(p->warnings, g_strdup_vprintf(fmt, ap));
	va_end(ap);
}

static int
line_now(const XmlFeedParser *p)
{
	return p->ctxt != NULL ? xmlSAX2GetLineNumber(p->ctxt) : 0;
}

/* ---- the process-wide libxml2 set-up ---- */

static xmlParserInputPtr
deny_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	/* No DTD, entity or XInclude ever comes from outside the document. */
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static gpointer
xml_global_init(gpointer data)
{
	(void)data;
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_entity_loader);
	xmlfeed_bypass_setup();
	/*
	 * Encoding labels as browsers read them (WHATWG Encoding): ISO-8859-1 and
	 * US-ASCII are decoded as Windows-1252, so a feed's curly quotes (0x91-0x94)
	 * are quotes, not C1 controls; Python's short labels ("u8", "u16", ...) name
	 * what they say.  Set once, before any parser exists.
	 */
	static const char *const aliases[][2] = {
		{"WINDOWS-1252", "ISO-8859-1"}, {"WINDOWS-1252", "ISO8859-1"},
		{"WINDOWS-1252", "ISO_8859-1"}, {"WINDOWS-1252", "LATIN1"},
		{"WINDOWS-1252", "LATIN-1"},    {"WINDOWS-1252", "L1"},
		{"WINDOWS-1252", "US-ASCII"},   {"WINDOWS-1252", "ASCII"},
		{"UTF-8", "U8"},                {"UTF-16", "U16"},
		{"UTF-16", "UTF_16"},           {"UTF-8", "UTF_8"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(aliases); i++) {
		xmlAddEncodingAlias(aliases[i][0], aliases[i][1]);
	}
	return NULL;
}

/* Frees an entity made by on_get_entity() (never one of libxml2's). */
static void
entity_free(gpointer data)
{
	xmlEntityPtr e = data;

	g_free((char *)e->name);
	g_free(e->content);
	g_free(e);
}

/* libxml2's generic error channel (xmlParseChunk's "encoder error") goes to stderr by
 * default; its errors reach us through xmlParseChunk's result instead. */
static void
quiet_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* ---- small helpers ---- */

/* Canonical prefix for a namespace URI; NULL for a namespace we do not read. */
static const char *
ns_prefix(const xmlChar *uri)
{
	const char *u = (const char *)uri;

	if (u == NULL || strcmp(u, NS_RSS1) == 0 || strcmp(u, NS_RSS090) == 0) {
		return "";
	}
	if (strcmp(u, NS_ATOM) == 0 || strcmp(u, NS_ATOM03) == 0) {
		return "atom";
	}
	if (strcmp(u, NS_DC) == 0) {
		return "dc";
	}
	if (strcmp(u, NS_CONTENT) == 0) {
		return "content";
	}
	if (strcmp(u, NS_DCTERMS) == 0) {
		return "dcterms";
	}
	if (strcmp(u, NS_XHTML) == 0) {
		return "xhtml";
	}
	if (strcmp(u, NS_RDF) == 0) {
		return "rdf";
	}
	return NULL;
}

static int
tag_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const Tag *)elem)->name);
}

/*
 * ns_prefix() through a one-entry cache: libxml2 interns namespace URIs in
 * the parser's dictionary, so one document hands us the same pointer each
 * time (a different pointer with equal text just misses the cache).
 */
static const char *
ns_prefix_cached(XmlFeedParser *p, const xmlChar *uri)
{
	if (uri != NULL && uri == p->ns_cache_uri) {
		return p->ns_cache_prefix;
	}
	if (uri == NULL && p->atom_no_ns) {
		return "atom";
	}
	const char *prefix = ns_prefix(uri);
	if (prefix == NULL && uri != NULL && p->rss_ns != NULL &&
	    strcmp((const char *)uri, p->rss_ns) == 0) {
		prefix = ""; /* <rss xmlns="...">: its elements are plain RSS */
	}
	if (uri != NULL) {
		p->ns_cache_uri = uri;
		p->ns_cache_prefix = prefix;
	}
	return prefix;
}

static const Tag *tag_lookup_slow(XmlFeedParser *p, const xmlChar *localname, const xmlChar *uri);

/*
 * tag_lookup_slow() through a small direct-mapped cache keyed by the name and
 * namespace pointers: libxml2 interns both in the parser's dictionary, which
 * lives as long as this parser, so equal pointers mean equal names (equal
 * names under different pointers just miss).  A feed uses a few dozen
 * element names, each tens of thousands of times.
 */
static const Tag *
tag_lookup(XmlFeedParser *p, const xmlChar *localname, const xmlChar *uri)
{
	guintptr h = ((guintptr)localname >> 3) ^ ((guintptr)uri >> 5);
	TagCacheEntry *e = &p->tag_cache[h % G_N_ELEMENTS(p->tag_cache)];

	if (e->name == localname && e->uri == uri && localname != NULL) {
		return e->tag;
	}
	e->name = localname;
	e->uri = uri;
	e->tag = tag_lookup_slow(p, localname, uri);
	return e->tag;
}

static const Tag *
tag_lookup_slow(XmlFeedParser *p, const xmlChar *localname, const xmlChar *uri)
{
	const char *prefix = ns_prefix_cached(p, uri);
	char key[48];

	if (prefix == NULL) {
		return NULL;
	}
	gsize plen = strlen(prefix);
	gsize llen = strlen((const char *)localname);
	if (plen + 1 + llen + 1 > sizeof key) {
		return NULL;
	}
	gsize n = 0;
	if (plen > 0) {
		memcpy(key, prefix, plen);
		key[plen] = ':';
		n = plen + 1;
	}
	memcpy(key + n, localname, llen + 1);
	return bsearch(key, item_tags, G_N_ELEMENTS(item_tags), sizeof item_tags[0], tag_cmp);
}

/* Value of attribute @name (no namespace, or @ns) from SAX2's 5-tuples, as a new string. */
static char *
attr_dup(int nb, const xmlChar **attrs, const char *name, const char *ns)
{
	for (int i = 0; i < nb; i++) {
		const xmlChar **a = attrs + i * 5;
		if (strcmp((const char *)a[0], name) != 0) {
			continue;
		}
		if ((ns == NULL) != (a[2] == NULL) ||
		    (ns != NULL && strcmp(ns, (const char *)a[2]) != 0)) {
			continue;
		}
		/* make_valid: an HTML entity in an attribute value reaches libxml2's
		 * attribute code as its first byte only (2.9.14), which may leave a
		 * broken UTF-8 sequence. */
		return g_utf8_make_valid((const char *)a[3], (gssize)(a[4] - a[3]));
	}
	return NULL;
}

/*
 * Value of attribute @name (no namespace, or @ns) from SAX2's 5-tuples,
 * borrowed (not NUL-terminated: its length goes to @ret_len), or NULL.
 * For values only compared: no allocation per element.
 */
static const char *
attr_find(int nb, const xmlChar **attrs, const char *name, const char *ns, gsize *ret_len)
{
	for (int i = 0; i < nb; i++) {
		const xmlChar **a = attrs + i * 5;
		if (strcmp((const char *)a[0], name) != 0) {
			continue;
		}
		if ((ns == NULL) != (a[2] == NULL) ||
		    (ns != NULL && strcmp(ns, (const char *)a[2]) != 0)) {
			continue;
		}
		*ret_len = (gsize)(a[4] - a[3]);
		return (const char *)a[3];
	}
	return NULL;
}

/* [v, v + len) equals the ASCII literal @lit, ignoring case. */
static bool
attr_is_ci(const char *v, gsize len, const char *lit)
{
	return strlen(lit) == len && g_ascii_strncasecmp(v, lit, len) == 0;
}

static const char *
current_base(const XmlFeedParser *p)
{
	if (p->bases->len > 0) {
		return g_array_index(p->bases, BaseEntry, p->bases->len - 1).uri;
	}
	if (p->ctx->base_url != NULL && p->ctx->base_url[0] != '\0') {
		return p->ctx->base_url;
	}
	if (p->feed_link->len > 0) {
		return p->feed_link->str;
	}
	return NULL;
}

/*
 * g_uri_peek_scheme(ref) != NULL without its cost: that lower-cases the
 * scheme into a new string and interns it (a global lock and hash) per call,
 * once per item link.  Same rule (RFC 3986): ALPHA *(ALPHA / DIGIT / "+" /
 * "-" / ".") ":".
 */
static bool
has_scheme(const char *ref)
{
	const char *c = ref;

	if (!g_ascii_isalpha(*c)) {
		return false;
	}
	for (c++; g_ascii_isalnum(*c) || *c == '.' || *c == '+' || *c == '-'; c++) {
	}
	return *c == ':';
}

char *
xmlfeed_resolve_url(const XmlFeedParser *p, const char *ref)
{
	const char *base = current_base(p);

	if (ref == NULL || ref[0] == '\0') {
		return NULL;
	}
	if (has_scheme(ref) || base == NULL) {
		return g_strdup(ref);
	}
	char *abs = url_resolve(base, ref);
	return abs != NULL ? abs : g_strdup(ref);
}

/* resolve_url() for a string the caller hands over: returned as is when it needs no change. */
static char *
resolve_url_take(const XmlFeedParser *p, char *ref)
{
	const char *base = current_base(p);

	if (ref == NULL || ref[0] == '\0') {
		g_free(ref);
		return NULL;
	}
	if (has_scheme(ref) || base == NULL) {
		return ref;
	}
	char *abs = url_resolve(base, ref);
	if (abs == NULL) {
		return ref;
	}
	g_free(ref);
	return abs;
}

/* RFC 4287 §4.1.3.3: a media type that is neither text/ nor XML is carried base64-encoded. */
static bool
base64_media_type(const char *type, gsize len)
{
	if (attr_is_ci(type, len, "text") || attr_is_ci(type, len, "html") ||
	    attr_is_ci(type, len, "xhtml") || memchr(type, '/', len) == NULL) {
		return false;
	}
	if (len >= 5 && g_ascii_strncasecmp(type, "text/", 5) == 0) {
		return false;
	}
	g_autofree char *t = g_ascii_strdown(type, (gssize)len);
	return !g_str_has_suffix(t, "+xml") && !g_str_has_suffix(t, "/xml") &&
	       strstr(t, "+xml;") == NULL && strstr(t, "/xml;") == NULL;
}

static TextType
text_type_of(const char *type, gsize len)
{
	if (type == NULL || attr_is_ci(type, len, "text") || attr_is_ci(type, len, "text/plain")) {
		return TEXT_PLAIN;
	}
	if (attr_is_ci(type, len, "xhtml")) {
		return TEXT_XHTML;
	}
	/* "html", "text/html" and other media types: treat as markup to strip. */
	return TEXT_HTML;
}

const char *
xmlfeed_gstring_trim(GString *s)
{
	gsize end = s->len;
	while (end > 0 && g_ascii_isspace(s->str[end - 1])) {
		end--;
	}
	/* Plain stores: g_string_truncate() is an out-of-line call, 13 slots per item. */
	s->len = end;
	s->str[end] = '\0';
	gsize start = 0;
	while (start < s->len && g_ascii_isspace(s->str[start])) {
		start++;
	}
	if (start > 0) {
		g_string_erase(s, 0, (gssize)start);
	}
	return s->str;
}

static void
item_reset(Item *it)
{
	for (int i = 0; i < SLOT_COUNT; i++) {
		it->slot[i]->len = 0;
		it->slot[i]->str[0] = '\0';
		it->type[i] = TEXT_PLAIN;
	}
	it->seen = 0;
	it->base64 = 0;
	it->guid_permalink = true;
	g_clear_pointer(&it->about, g_free);
	g_clear_pointer(&it->alt_link, g_free);
	g_ptr_array_set_size(it->categories, 0);
	it->line = 0;
	it->truncated = false;
}

/* ---- SAX2 callbacks ---- */

/* Caches on_characters()' destination: it runs once per text run and per entity. */
static void
sync_text_dst(XmlFeedParser *p)
{
	p->text_dst = p->feed_capture		 ? p->feed_target
		      : p->capture != SLOT_NONE ? p->item.slot[p->capture]
						 : NULL;
}

static void
begin_capture(XmlFeedParser *p, Slot slot)
{
	p->capture = slot;
	p->capture_depth = p->depth;
	/* Atom type="xhtml": the element's children are kept as markup for text_from_html(),
	 * so its text must stay text: "&lt;script&gt;" is re-escaped, not made a tag. */
	p->escape_text = slot != SLOT_NONE && p->item.type[slot] == TEXT_XHTML;
	sync_text_dst(p);
	if (slot != SLOT_NONE) {
		p->item.seen |= 1u << slot;
	}
}

/* Atom 1.0, or Atom 0.3 (still served by old generators; same element names for what
 * we read, plus issued/modified/created, see item_tags[]). */
static bool
is_atom_ns(const char *u)
{
	return u != NULL && (strcmp(u, NS_ATOM) == 0 || strcmp(u, NS_ATOM03) == 0);
}

static bool
check_root(XmlFeedParser *p, const char *name, const char *uri)
{
	if (g_ascii_strcasecmp(name, "html") == 0) {
		fail(p, SW_ERROR_PARSE, "got an HTML page, not a feed");
		return false;
	}
	if (strcmp(name, "rss") == 0) {
		/* RSS has no namespace, but some generators put it in a default one
		 * ("http://backend.userland.com/rss2"): read its elements as RSS. */
		p->format = SOURCE_FORMAT_RSS;
		if (uri != NULL) {
			p->rss_ns = g_strdup(uri);
		}
	} else if (uri != NULL && strcmp(name, "RDF") == 0 && strcmp(uri, NS_RDF) == 0) {
		p->format = SOURCE_FORMAT_RDF;
	} else if (strcmp(name, "feed") == 0 && (uri == NULL || is_atom_ns(uri))) {
		/* <feed> without a namespace (hand-written feeds): read as Atom, as readers do. */
		p->atom_no_ns = uri == NULL;
		p->format = SOURCE_FORMAT_ATOM;
		p->channel_depth = 1;
	} else {
		fail(p, SW_ERROR_PARSE, "root element '%s' is not rss, rdf:RDF or Atom feed", name);
		return false;
	}
	const char *enc = (const char *)p->ctxt->input->encoding;
	if (enc == NULL) {
		enc = (const char *)p->ctxt->encoding;
	}
	p->latin1_declared = enc != NULL && (g_ascii_strcasecmp(enc, "ISO-8859-1") == 0 ||
					     g_ascii_strcasecmp(enc, "latin1") == 0 ||
					     g_ascii_strcasecmp(enc, "ISO-8859-15") == 0 ||
					     g_ascii_strcasecmp(enc, "windows-1252") == 0);
	return true;
}

/* A start tag outside any item: an item begins, or a feed-level title or link. */
static void
start_outside_item(XmlFeedParser *p, const xmlChar *localname, const xmlChar *uri,
		   int nb_attributes, const xmlChar **attributes)
{
	const char *name = (const char *)localname;
	const char *u = (const char *)uri;

	bool is_item = false;
	if (p->format == SOURCE_FORMAT_ATOM) {
		is_item = (is_atom_ns(u) || (u == NULL && p->atom_no_ns)) &&
			  strcmp(name, "entry") == 0;
	} else if (p->format != SOURCE_FORMAT_UNKNOWN) {
		const char *pre = ns_prefix_cached(p, uri);
		is_item = pre != NULL && pre[0] == '\0' && strcmp(name, "item") == 0;
		if (!is_item && pre != NULL && pre[0] == '\0' && p->depth == 2 &&
		    strcmp(name, "channel") == 0) {
			p->channel_depth = 2;
		}
	}
	if (is_item) {
		if (p->items_seen >= p->max_items) {
			xmlfeed_warn(p, "feed has more than %u items; keeping the first %u",
			     p->max_items, p->max_items);
			p->stopped_ok = true;
			xmlStopParser(p->ctxt);
			return;
		}
		p->items_seen++;
		p->item_depth = p->depth;
		item_reset(&p->item);
		p->item.line = line_now(p);
		if (p->format == SOURCE_FORMAT_RDF) {
			p->item.about = attr_dup(nb_attributes, attributes, "about", NS_RDF);
		}
		return;
	}
	/* Feed-level title and link (children of channel / feed). */
	if (p->channel_depth != 0 && p->depth == p->channel_depth + 1) {
		const Tag *t = tag_lookup(p, localname, uri);
		if (t != NULL && t->slot == SLOT_TITLE && p->feed_title->len == 0) {
			p->feed_capture = true;
			p->feed_target = p->feed_title;
			p->capture_depth = p->depth;
			sync_text_dst(p);
		} else if (t != NULL && t->slot == SLOT_LINK && p->feed_link->len == 0) {
			p->feed_capture = true;
			p->feed_target = p->feed_link;
			p->capture_depth = p->depth;
			sync_text_dst(p);
		} else if (t != NULL && t->kind == TAG_ATOM_LINK && p->feed_home == NULL) {
			/* The feed's home page, as items' links are read (not rel="self"). */
			gsize rel_len;
			const char *rel =
				attr_find(nb_attributes, attributes, "rel", NULL, &rel_len);
			if (rel == NULL || (rel_len == 9 && memcmp(rel, "alternate", 9) == 0)) {
				p->feed_home = resolve_url_take(
					p, attr_dup(nb_attributes, attributes, "href", NULL));
			}
		}
	}
}

/* A start tag inside an item: only direct children are fields. */
static void
start_in_item(XmlFeedParser *p, const xmlChar *localname, const xmlChar *uri,
	      int nb_attributes, const xmlChar **attributes)
{
	const char *u = (const char *)uri;

	const Tag *t = tag_lookup(p, localname, uri);
	if (t == NULL) {
		return;
	}
	Item *it = &p->item;
	switch (t->kind) {
	case TAG_ATOM_LINK: {
		gsize rel_len;
		const char *rel = attr_find(nb_attributes, attributes, "rel", NULL, &rel_len);
		if (it->alt_link == NULL &&
		    (rel == NULL || (rel_len == 9 && memcmp(rel, "alternate", 9) == 0))) {
			it->alt_link =
				resolve_url_take(p, attr_dup(nb_attributes, attributes, "href", NULL));
		}
		return;
	}
	case TAG_ATOM_CATEGORY: {
		char *term = attr_dup(nb_attributes, attributes, "term", NULL);
		if (term != NULL && g_strstrip(term)[0] != '\0' && it->categories->len < 64) {
			g_ptr_array_add(it->categories, term);
		} else {
			g_free(term);
		}
		return;
	}
	case TAG_TEXT:
		break;
	}
	if (t->slot != SLOT_CATEGORY && (it->seen & (1u << t->slot)) != 0) {
		return; /* first occurrence wins */
	}
	if (t->slot == SLOT_GUID) {
		gsize perm_len;
		const char *perm =
			attr_find(nb_attributes, attributes, "isPermaLink", NULL, &perm_len);
		it->guid_permalink = perm == NULL || !attr_is_ci(perm, perm_len, "false");
	}
	if (t->slot == SLOT_TITLE || t->slot == SLOT_ATOM_CONTENT || t->slot == SLOT_ATOM_SUMMARY) {
		gsize type_len = 0;
		const char *type = attr_find(nb_attributes, attributes, "type", NULL, &type_len);
		it->type[t->slot] = is_atom_ns(u) || (u == NULL && p->atom_no_ns)
					    ? text_type_of(type, type_len)
					    : TEXT_PLAIN;
		/* Atom 0.3 mode="base64": decoded when the item ends (xmlfeed_item.c). */
		gsize mode_len = 0;
		const char *mode = attr_find(nb_attributes, attributes, "mode", NULL, &mode_len);
		if ((mode != NULL && attr_is_ci(mode, mode_len, "base64")) ||
		    (type != NULL && is_atom_ns(u) && base64_media_type(type, type_len))) {
			it->base64 |= 1u << t->slot;
		}
	}
	g_string_truncate(it->slot[t->slot], 0);
	begin_capture(p, t->slot);
}

static void
on_start(void *user, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
	 int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
	 const xmlChar **attributes)
{
	XmlFeedParser *p = ((xmlParserCtxtPtr)user)->_private;
	const char *name = (const char *)localname;
	const char *u = (const char *)uri;

	(void)prefix;
	(void)nb_namespaces;
	(void)namespaces;
	(void)nb_defaulted;

	p->depth++;
	if (p->depth > p->max_depth) {
		fail(p, SW_ERROR_LIMIT, "elements nested deeper than %u at line %d", p->max_depth,
		     line_now(p));
		return;
	}
	if (p->depth == 1 && !check_root(p, name, u)) {
		return;
	}

	/* xml:base opens a scope for this element and its children. */
	gsize xbase_len;
	const char *xbase = nb_attributes == 0 ? NULL
			    : attr_find(nb_attributes, attributes, "base",
					"http://www.w3.org/XML/1998/namespace", &xbase_len);
	if (xbase != NULL) {
		BaseEntry b = {.depth = p->depth,
			       .uri = resolve_url_take(p, g_strndup(xbase, xbase_len))};
		g_array_append_val(p->bases, b);
	}

	/* Inside a captured field (Atom xhtml, or stray markup): keep the tags for text_from_html. */
	if (p->capture != SLOT_NONE || p->feed_capture) {
		GString *dst = p->feed_capture ? p->feed_target : p->item.slot[p->capture];
		/* Elements inside a text field ("Example <b>Atom</b>", Atom 0.3 titles): markup. */
		if (!p->feed_capture && p->item.type[p->capture] == TEXT_PLAIN) {
			p->item.type[p->capture] = TEXT_HTML;
		}
		if (dst->len + strlen(name) + 2 <= p->max_field_bytes) {
			g_string_append_c(dst, '<');
			g_string_append(dst, name);
			g_string_append_c(dst, '>');
		}
		return;
	}

	if (p->item_depth == 0) {
		start_outside_item(p, localname, uri, nb_attributes, attributes);
	} else if (p->depth == p->item_depth + 1) {
		start_in_item(p, localname, uri, nb_attributes, attributes);
	}
}

static void
on_end(void *user, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	XmlFeedParser *p = ((xmlParserCtxtPtr)user)->_private;

	(void)prefix;
	(void)uri;

	if (p->feed_capture) {
		if (p->depth == p->capture_depth) {
			p->feed_capture = false;
			p->feed_target = NULL;
			sync_text_dst(p);
			xmlfeed_gstring_trim(p->feed_title);
			xmlfeed_gstring_trim(p->feed_link);
			if (xmlfeed_contains_ci(p->feed_title->str, "azure")) {
				p->provider = PROVIDER_AZURE;
			}
		} else if (p->feed_target->len + strlen((const char *)localname) + 3 <=
			   p->max_field_bytes) {
			g_string_append(p->feed_target, "</");
			g_string_append(p->feed_target, (const char *)localname);
			g_string_append_c(p->feed_target, '>');
		}
	} else if (p->capture != SLOT_NONE) {
		GString *dst = p->item.slot[p->capture];
		if (p->depth == p->capture_depth) {
			if (p->capture == SLOT_CATEGORY) {
				const char *c = xmlfeed_gstring_trim(dst);
				if (c[0] != '\0' && p->item.categories->len < 64) {
					g_ptr_array_add(p->item.categories, g_utf8_make_valid(c, -1));
				}
				g_string_truncate(dst, 0);
			}
			p->capture = SLOT_NONE;
			p->escape_text = false;
			sync_text_dst(p);
		} else if (dst->len + strlen((const char *)localname) + 3 <= p->max_field_bytes) {
			g_string_append(dst, "</");
			g_string_append(dst, (const char *)localname);
			g_string_append_c(dst, '>');
		}
	} else if (p->item_depth != 0 && p->depth == p->item_depth) {
		xmlfeed_item_build(p);
		p->item_depth = 0;
	}

	if (p->bases->len > 0 &&
	    g_array_index(p->bases, BaseEntry, p->bases->len - 1).depth == p->depth) {
		g_free(g_array_index(p->bases, BaseEntry, p->bases->len - 1).uri);
		g_array_set_size(p->bases, p->bases->len - 1);
	}
	if (p->depth > 0) {
		p->depth--;
	}
}

/* on_characters() for an Atom xhtml field: text with '<', '>' and '&' escaped, within the cap. */
static void
append_escaped(XmlFeedParser *p, GString *dst, const char *ch, gsize len)
{
	for (gsize i = 0; i < len; i++) {
		const char *rep = ch[i] == '<' ? "&lt;" : ch[i] == '>' ? "&gt;" : ch[i] == '&' ? "&amp;"
											  : NULL;
		gsize n = rep != NULL ? strlen(rep) : 1;
		if (dst->len + n > p->max_field_bytes) {
			p->item.truncated = true;
			/* Never end inside a UTF-8 sequence. */
			const char *valid_end = NULL;
			if (!g_utf8_validate_len(dst->str, dst->len, &valid_end)) {
				g_string_truncate(dst, (gsize)(valid_end - dst->str));
			}
			return;
		}
		if (rep != NULL) {
			g_string_append_len(dst, rep, (gssize)n);
		} else {
			g_string_append_c(dst, ch[i]);
		}
	}
}

/*
 * on_characters()' rare cases, out of line: an Atom xhtml field, a field at its cap, a
 * buffer to grow.  Kept apart so the common append is a leaf with no register to save:
 * it runs once per text run and once per entity reference (about ten million times
 * over the 2,000-feed benchmark, mostly one byte each).
 */
static G_GNUC_NO_INLINE void
characters_slow(XmlFeedParser *p, GString *dst, const xmlChar *ch, gsize len)
{
	if (p->escape_text && !p->feed_capture) {
		append_escaped(p, dst, (const char *)ch, len);
		return;
	}
	gsize n = len;
	if (dst->len + n > p->max_field_bytes) {
		/*
		 * Truncate rather than fail: one overlong description must not
		 * hide the incident it describes; max_bytes still bounds the
		 * document.  Cut on a UTF-8 boundary.
		 */
		n = dst->len < p->max_field_bytes ? p->max_field_bytes - dst->len : 0;
		while (n > 0 && (ch[n] & 0xC0) == 0x80) {
			n--;
		}
		if (!p->feed_capture) {
			p->item.truncated = true;
		}
	}
	if (dst->len + n + 1 > dst->allocated_len) {
		gsize keep = dst->len;
		g_string_set_size(dst, keep + n);
		dst->len = keep;
	}
	memcpy(dst->str + dst->len, ch, n);
	dst->len += n;
	dst->str[dst->len] = '\0';
}

static void
on_characters(void *user, const xmlChar *ch, int len)
{
	XmlFeedParser *p = ((xmlParserCtxtPtr)user)->_private;
	GString *dst = p->text_dst;

	if (dst == NULL) {
		return; /* text we do not keep is never copied */
	}
	gsize n = (gsize)len;
	gsize at = dst->len;
	if (G_UNLIKELY(p->escape_text || at + n > p->max_field_bytes ||
		       at + n + 1 > dst->allocated_len)) {
		characters_slow(p, dst, ch, n);
		return;
	}
	/*
	 * Inline append (GLib 2.74's g_string_append_len is an out-of-line call), the
	 * length and NUL first so the copy is the tail call.  Mostly one byte: each
	 * "&lt;" of escaped HTML is its own callback.
	 */
	char *to = dst->str + at;
	dst->len = at + n;
	to[n] = '\0';
	if (n == 1) {
		to[0] = (char)ch[0];
		return;
	}
	memcpy(to, ch, n);
}

void
xmlfeed_characters(XmlFeedParser *p, const char *text, gsize len)
{
	on_characters(p->ctxt, (const xmlChar *)text, (int)len);
}

/* A processing instruction: the bypass's own (see xmlfeed_bypass.c), or ignored. */
static void
on_pi(void *user, const xmlChar *target, const xmlChar *data)
{
	XmlFeedParser *p = ((xmlParserCtxtPtr)user)->_private;

	(void)data;
	xmlfeed_bypass_pi(p, (const char *)target);
}

static void
on_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *public_id,
	       const xmlChar *system_id, xmlChar *content)
{
	XmlFeedParser *p = ((xmlParserCtxtPtr)user)->_private;

	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	fail(p, SW_ERROR_PARSE, "entity declarations are not allowed ('%s' at line %d)",
	     (const char *)name, line_now(p));
}

/*
 * HTML's named entities (&eacute;, &nbsp;, ...), which feeds use without
 * declaring them: libxml2 asks here before calling an undeclared entity a fatal
 * error.  Each one becomes a "predefined" entity (its text is passed to
 * on_characters() as is, never parsed), made once per name and parser; HTML
 * has 253 names, so this is bounded.
 */
static xmlEntityPtr
on_get_entity(void *user, const xmlChar *name)
{
	XmlFeedParser *p = ((xmlParserCtxtPtr)user)->_private;

	xmlEntityPtr e = p->html_entities != NULL ? g_hash_table_lookup(p->html_entities, name)
						  : NULL;
	if (e != NULL) {
		return e;
	}
	const htmlEntityDesc *d = htmlEntityLookup(name);
	if (d == NULL) {
		return NULL;
	}
	if (p->html_entities == NULL) {
		p->html_entities = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, entity_free);
	}
	char utf8[8];
	gint n = g_unichar_to_utf8((gunichar)d->value, utf8);
	e = g_new0(xmlEntity, 1);
	e->type = XML_ENTITY_DECL;
	e->etype = XML_INTERNAL_PREDEFINED_ENTITY;
	e->name = (xmlChar *)g_strdup((const char *)name);
	e->content = (xmlChar *)g_strndup(utf8, (gsize)n);
	e->length = n;
	g_hash_table_insert(p->html_entities, (gpointer)e->name, e);
	return e;
}

static void
on_xml_error(void *user, xmlErrorPtr err)
{
	XmlFeedParser *p = ((xmlParserCtxtPtr)user)->_private;

	/* Keep the first fatal error (a non-fatal namespace error may come earlier). */
	if (err == NULL || err->level < XML_ERR_ERROR ||
	    (p->xml_error_code != 0 && (p->xml_error_fatal || err->level != XML_ERR_FATAL))) {
		return;
	}
	g_free(p->xml_error_msg);
	p->xml_error_fatal = err->level == XML_ERR_FATAL;
	p->xml_error_code = err->code;
	p->xml_error_line = err->line;
	p->xml_error_msg = g_strstrip(g_strdup(err->message != NULL ? err->message : "error"));
	/* libxml2 messages can span lines ("...!\nBytes: 0xE9 ..."): keep one line. */
	for (char *c = p->xml_error_msg; *c != '\0'; c++) {
		if (*c == '\n') {
			*c = ' ';
		}
	}
}

/*
 * A libxml2 error, once parsing stopped or ended: the source's error when no
 * item was read, otherwise a damaged read (libxml2 recovers past most errors;
 * the complete items are kept and the result says it is damaged, see
 * SourceResult.damaged).  Our own refusals (limits, entities) never come here.
 */
static void report(XmlFeedParser *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void
report(XmlFeedParser *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);

	if (p->advisories->len == 0 || p->format == SOURCE_FORMAT_UNKNOWN) {
		fail(p, SW_ERROR_PARSE, "%s", msg);
		return;
	}
	if (p->damage == NULL) {
		p->damage = g_steal_pointer(&msg);
	}
	xmlStopParser(p->ctxt);
}

/* Turns the first libxml2 error into the parser's GError or its damage note. */
static void
raise_xml_error(XmlFeedParser *p, bool at_end)
{
	int line = p->xml_error_code != 0 ? p->xml_error_line : line_now(p);
	const char *msg = p->xml_error_msg != NULL ? p->xml_error_msg : "malformed XML";

	int code = p->xml_error_code;
	/* 2.9.14 reports bad UTF-8 as INVALID_CHAR in text and INVALID_ENCODING elsewhere. */
	if (strstr(msg, "not proper UTF-8") != NULL) {
		code = XML_ERR_INVALID_ENCODING;
	}
	switch (code) {
	case XML_I18N_CONV_FAILED:
		/* xmlParseChunk's own "encoder error" (UTF-16 or a legacy charset). */
		report(p, "bytes not valid in the document's encoding near line %d", line);
		break;
	case XML_ERR_INVALID_ENCODING: {
		const char *bytes = p->xml_error_msg != NULL ? strstr(p->xml_error_msg, "Bytes:")
							     : NULL;
		report(p, "invalid UTF-8 at line %d%s%s%s", line,
		     bytes != NULL ? " (" : "", bytes != NULL ? bytes : "", bytes != NULL ? ")" : "");
		break;
	}
	case XML_ERR_UNSUPPORTED_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
		report(p, "unsupported encoding at line %d: %s", line, msg);
		break;
	case XML_ERR_INVALID_CHAR:
		report(p, "invalid character at line %d: %s", line, msg);
		break;
	case XML_ERR_DOCUMENT_EMPTY:
		report(p, "empty document");
		break;
	case XML_ERR_DOCUMENT_END:
		/* libxml2's push parser says "Extra content at the end" for a cut-off document. */
		if (at_end && p->ctxt->name != NULL) {
			report(p, "truncated XML at line %d: input ends inside <%s>",
			     line, (const char *)p->ctxt->name);
			break;
		}
		report(p, "malformed XML at line %d: %s", line, msg);
		break;
	default:
		if (at_end) {
			report(p, "truncated or malformed XML at line %d: %s", line,
			     msg);
		} else {
			report(p, "malformed XML at line %d: %s", line, msg);
		}
		break;
	}
}

static bool
create_context(XmlFeedParser *p)
{
	xmlSAXHandler sax;

	memset(&sax, 0, sizeof sax);
	xmlSAXVersion(&sax, 2);
	/* Everything that would build a tree or expand entities is ours or off. */
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_characters;
	sax.cdataBlock = on_characters;
	sax.ignorableWhitespace = on_characters;
	sax.entityDecl = on_entity_decl;
	sax.getEntity = on_get_entity;
	sax.serror = on_xml_error;
	sax.startElement = NULL;
	sax.endElement = NULL;
	sax.reference = NULL;
	sax.comment = NULL;
	sax.processingInstruction = on_pi;
	sax.warning = NULL;
	sax.error = NULL;
	sax.fatalError = NULL;

	/*
	 * user_data NULL: libxml2's own SAX2 handlers we keep (startDocument,
	 * internalSubset) need the context as their user data; ours find the
	 * parser through ctxt->_private.
	 */
	p->ctxt = xmlCreatePushParserCtxt(&sax, NULL, p->head, (int)p->head_len, NULL);
	if (p->ctxt == NULL) {
		fail(p, SW_ERROR_PARSE, "cannot create the XML parser");
		return false;
	}
	p->ctxt->_private = p;
	/*
	 * A UTF-16 BOM (or "<?" in UTF-16) has already chosen the decoder, and it is
	 * authoritative (XML 1.0 F.1, browsers): the declaration's label ("u16",
	 * "UTF-16LE" on a big-endian file) must not switch it again.
	 */
	const unsigned char *h = (const unsigned char *)p->head;
	bool utf16 = p->head_len >= 2 &&
		     ((h[0] == 0xFE && h[1] == 0xFF) || (h[0] == 0xFF && h[1] == 0xFE) ||
		      (h[0] == '<' && h[1] == 0) || (h[0] == 0 && h[1] == '<'));
	/* Never NOENT, HUGE, DTDLOAD, DTDATTR, DTDVALID or XINCLUDE (REFERENCE.md §7.2). */
	/* RECOVER: past a bad byte or tag the parser goes on, so the items after it are read too
	 * (the result is flagged damaged); it bounds nothing and loads nothing more. */
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
					   XML_PARSE_RECOVER |
					   (utf16 || p->utf8_only ? XML_PARSE_IGNORE_ENC : 0));
	return true;
}

/* One xmlParseChunk call and its error handling. */
static bool
push(XmlFeedParser *p, const char *data, gsize len, bool terminate)
{
	if (p->stopped_ok || p->damage != NULL) {
		return true;
	}
	/* Per thread in libxml2; set on every call so no other set-up can undo it. */
	xmlSetGenericErrorFunc(NULL, quiet_generic_error);
	int rc = xmlParseChunk(p->ctxt, data, (int)len, terminate ? 1 : 0);
	if (p->error != NULL) {
		return false;
	}
	if (p->stopped_ok) {
		return true;
	}
	/* An encoder error halts the parser without going through serror or wellFormed. */
	bool halted = p->ctxt->instate == XML_PARSER_EOF;
	/* At the end, libxml2 can return a fatal code (e.g. 'expected >' in a tag cut by
	 * damage) that never reached on_xml_error, after a non-fatal namespace error was
	 * recorded: without this the feed read as intact and empty. */
	if (rc != 0 && halted && p->xml_error_code != 0 && !p->xml_error_fatal) {
		g_clear_pointer(&p->xml_error_msg, g_free);
		p->xml_error_code = rc;
		p->xml_error_line = line_now(p);
		p->xml_error_fatal = true;
	}
	if (rc != 0 && halted && p->xml_error_code == 0) {
		p->xml_error_code = XML_I18N_CONV_FAILED;
		p->xml_error_line = line_now(p);
		p->xml_error_fatal = true;
	}
	if ((halted || terminate) && (!p->ctxt->wellFormed || p->xml_error_fatal)) {
		raise_xml_error(p, terminate);
	}
	return p->error == NULL;
}

bool
xmlfeed_push(XmlFeedParser *p, const char *data, gsize len)
{
	return push(p, data, len, false);
}

/* ---- public API ---- */

XmlFeedParser *
xmlfeed_parser_new(const SourceContext *ctx)
{
	static GOnce once = G_ONCE_INIT;
	XmlFeedParser *p = g_new0(XmlFeedParser, 1);

	g_return_val_if_fail(ctx != NULL, NULL);
	g_once(&once, xml_global_init, NULL);

	p->ctx = ctx;
	SourceContext limits = *ctx;
	source_context_apply_defaults(&limits);
	p->max_bytes = limits.max_bytes;
	p->max_field_bytes = limits.max_field_bytes;
	p->max_depth = limits.max_depth;
	p->max_items = limits.max_items;
	p->capture = SLOT_NONE;
	p->feed_title = g_string_new(NULL);
	p->feed_link = g_string_new(NULL);
	p->bases = g_array_new(FALSE, FALSE, sizeof(BaseEntry));
	for (int i = 0; i < SLOT_COUNT; i++) {
		p->item.slot[i] = g_string_sized_new(64);
	}
	p->item.categories = g_ptr_array_new_with_free_func(g_free);
	p->advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	p->warnings = g_ptr_array_new_with_free_func(g_free);
	p->bp_text = g_string_new(NULL);
	p->bp_pi = g_string_new(NULL);
	p->bp_carry = g_string_new(NULL);
	p->bp_cuts = g_array_new(FALSE, FALSE, sizeof(gsize));
	if (ctx->base_url != NULL && xmlfeed_contains_ci(ctx->base_url, "azure")) {
		p->provider = PROVIDER_AZURE;
	}
	return p;
}

bool
xmlfeed_parser_feed(XmlFeedParser *parser, const char *data, gsize len, GError **error)
{
	XmlFeedParser *p = parser;

	g_return_val_if_fail(p != NULL, false);
	if (p->error == NULL && !p->stopped_ok && p->damage == NULL) {
		p->total_bytes += len;
		if (p->total_bytes > p->max_bytes) {
			fail(p, SW_ERROR_LIMIT, "document larger than %" G_GSIZE_FORMAT " bytes",
			     p->max_bytes);
		} else if (!tagscan_feed(&p->tags, data, len)) {
			fail(p, SW_ERROR_LIMIT,
			     "an element tag longer than %d bytes (too many attributes?)",
			     TAGSCAN_MAX_TAG_BYTES);
		}
	}
	if (p->error == NULL && !p->stopped_ok && p->damage == NULL) {
		if (p->ctxt == NULL) {
			/* libxml2 sniffs the encoding from the first four bytes. */
			gsize take = MIN(len, sizeof p->head - p->head_len);
			memcpy(p->head + p->head_len, data, take);
			p->head_len += take;
			data += take;
			len -= take;
			if (p->head_len == sizeof p->head) {
				create_context(p);
			}
		}
		if (p->ctxt != NULL && len > 0) {
			/* xmlParseChunk takes an int: feed oversized chunks in pieces. */
			while (len > 0 && p->error == NULL) {
				gsize n = MIN(len, (gsize)(1 << 30));
				if (p->tags.state == TAGSCAN_OFF) {
					p->bp_off = true; /* UTF-16 */
				}
				if (p->bp_off) {
					xmlfeed_bypass_flush(p);
				}
				if (!(p->bp_off ? push(p, data, n, false)
						: xmlfeed_bypass_feed(p, data, n))) {
					break;
				}
				data += n;
				len -= n;
			}
		}
	}
	if (p->error != NULL) {
		g_propagate_error(error, g_error_copy(p->error));
		return false;
	}
	return true;
}

bool
xmlfeed_parser_finish(XmlFeedParser *parser, SourceResult *result, GError **error)
{
	XmlFeedParser *p = parser;

	g_return_val_if_fail(p != NULL && result != NULL, false);
	if (p->error == NULL && p->ctxt == NULL) {
		if (p->head_len == 0) {
			fail(p, SW_ERROR_PARSE, "empty document");
		} else {
			create_context(p);
		}
	}
	if (p->error == NULL) {
		xmlfeed_bypass_flush(p);
		push(p, NULL, 0, true);
	}
	if (p->error == NULL && p->format == SOURCE_FORMAT_UNKNOWN) {
		fail(p, SW_ERROR_PARSE, "no root element");
	}
	if (p->error != NULL) {
		g_propagate_error(error, g_error_copy(p->error));
		return false;
	}

	if (p->warnings_dropped > 0) {
		g_ptr_array_add(p->warnings,
				g_strdup_printf("%u more warnings not shown", p->warnings_dropped));
		p->warnings_dropped = 0;
	}
	result->format = p->format;
	if (p->damage != NULL) {
		result->damaged = true;
		g_free(result->damage);
		result->damage = g_strdup_printf("damaged feed: %s; kept the %u items read",
						 p->damage, p->advisories->len);
		xmlfeed_warn(p, "%s", result->damage);
	}
	if (result->advisories == NULL) {
		result->advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	}
	if (result->warnings == NULL) {
		result->warnings = g_ptr_array_new_with_free_func(g_free);
	}
	/* Every item carries what the feed says it is: its title and home page (Atom's
	 * alternate link, else RSS's channel <link>), wherever in the document they were. */
	g_autofree char *home = p->feed_home != NULL	 ? g_strdup(p->feed_home)
				: p->feed_link->len > 0 ? xmlfeed_resolve_url(p, p->feed_link->str)
							: NULL;
	/* Made once per document (validated, folded), then a copy per advisory. */
	g_autofree char *name = p->feed_title->len > 0 ? field_copy_line(p->feed_title->str, 256)
						       : NULL;
	g_autofree char *home_copy = field_copy_home(home);
	gsize n = 0;
	gpointer *v = g_ptr_array_steal(p->advisories, &n);
	for (gsize i = 0; i < n; i++) {
		Advisory *adv = v[i];
		adv->feed_name = g_strdup(name);
		adv->feed_home = g_strdup(home_copy);
		g_ptr_array_add(result->advisories, adv);
	}
	g_free(v);
	v = g_ptr_array_steal(p->warnings, &n);
	for (gsize i = 0; i < n; i++) {
		g_ptr_array_add(result->warnings, v[i]);
	}
	g_free(v);
	return true;
}

void
xmlfeed_parser_utf8_only(XmlFeedParser *parser)
{
	g_return_if_fail(parser != NULL && parser->ctxt == NULL);
	parser->utf8_only = true;
}

void
xmlfeed_parser_free(XmlFeedParser *parser)
{
	XmlFeedParser *p = parser;

	if (p == NULL) {
		return;
	}
	if (p->ctxt != NULL) {
		/* SAX mode still builds myDoc for DTD declarations (REFERENCE.md §7.2). */
		if (p->ctxt->myDoc != NULL) {
			xmlFreeDoc(p->ctxt->myDoc);
			p->ctxt->myDoc = NULL;
		}
		xmlFreeParserCtxt(p->ctxt);
	}
	for (guint i = 0; i < p->bases->len; i++) {
		g_free(g_array_index(p->bases, BaseEntry, i).uri);
	}
	g_array_free(p->bases, TRUE);
	for (int i = 0; i < SLOT_COUNT; i++) {
		g_string_free(p->item.slot[i], TRUE);
	}
	g_free(p->item.about);
	g_free(p->item.alt_link);
	g_free(p->feed_home);
	g_ptr_array_unref(p->item.categories);
	if (p->sp_ups != NULL) {
		g_array_free(p->sp_ups, TRUE);
	}
	g_string_free(p->feed_title, TRUE);
	g_string_free(p->feed_link, TRUE);
	g_ptr_array_unref(p->advisories);
	g_ptr_array_unref(p->warnings);
	g_string_free(p->bp_text, TRUE);
	g_string_free(p->bp_pi, TRUE);
	g_string_free(p->bp_carry, TRUE);
	g_array_free(p->bp_cuts, TRUE);
	g_clear_error(&p->error);
	g_free(p->xml_error_msg);
	g_free(p->damage);
	g_free(p->rss_ns);
	if (p->html_entities != NULL) {
		g_hash_table_destroy(p->html_entities);
	}
	g_free(p);
}

