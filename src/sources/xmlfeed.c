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
 * Provider knowledge that formats do not carry (status words in titles and in
 * Statuspage's entry HTML, AWS service keys in guids, Azure "service - region"
 * titles) is applied in item_build() and its helpers, after the item ends.
 */
#include "sources/parsers.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>

#include "model/advisory.h"
#include "sources/status_words.h"
#include "util/error.h"
#include "util/text.h"
#include "util/timeparse.h"

#define DEFAULT_MAX_BYTES ((gsize)8 * 1024 * 1024)
#define DEFAULT_MAX_FIELD_BYTES ((gsize)256 * 1024)
#define DEFAULT_MAX_DEPTH 64u
#define DEFAULT_MAX_ITEMS 1000u
/* Warnings are one line each; past this many a feed is broken, not interesting. */
#define MAX_WARNINGS 100u

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_RSS1 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

/*
 * Where an element's text goes.  Within an item the first occurrence of each
 * slot wins (a second <title> is ignored).  Priority between slots that feed
 * one Advisory field is decided in item_build(), in this order:
 *   body:    content:encoded > atom:content > description > atom:summary
 *            (the full text beats the teaser; RSS and Atom never mix in practice)
 *   start:   atom:published > pubDate > dc:date > earliest Statuspage update
 *   updated: atom:updated (also Azure's a10:updated) > pubDate > dc:date > published
 *   id:      guid > atom:id > rdf:about > link > hash of title and date
 */
typedef enum {
	SLOT_NONE = -1,
	SLOT_TITLE = 0,
	SLOT_GUID,
	SLOT_ATOM_ID,
	SLOT_LINK,
	SLOT_CONTENT_ENCODED,
	SLOT_ATOM_CONTENT,
	SLOT_DESCRIPTION,
	SLOT_ATOM_SUMMARY,
	SLOT_PUBLISHED,
	SLOT_PUBDATE,
	SLOT_DC_DATE,
	SLOT_UPDATED,
	SLOT_CATEGORY, /* repeated: each one is moved to item.categories at its end */
	SLOT_COUNT
} Slot;

typedef enum {
	TAG_TEXT,          /* text content into the slot */
	TAG_ATOM_LINK,     /* <link rel href/> */
	TAG_ATOM_CATEGORY, /* <category term/> */
} TagKind;

typedef struct {
	const char *name; /* canonical "prefix:local" (see ns_prefix()); sort key */
	Slot slot;
	TagKind kind;
} Tag;

/* Sorted by strcmp on name: bsearch'd; test-xmlfeed checks the order. */
static const Tag item_tags[] = {
	{"atom:category", SLOT_NONE, TAG_ATOM_CATEGORY},
	{"atom:content", SLOT_ATOM_CONTENT, TAG_TEXT},
	{"atom:id", SLOT_ATOM_ID, TAG_TEXT},
	{"atom:link", SLOT_NONE, TAG_ATOM_LINK},
	{"atom:published", SLOT_PUBLISHED, TAG_TEXT},
	{"atom:summary", SLOT_ATOM_SUMMARY, TAG_TEXT},
	{"atom:title", SLOT_TITLE, TAG_TEXT},
	{"atom:updated", SLOT_UPDATED, TAG_TEXT},
	{"category", SLOT_CATEGORY, TAG_TEXT},
	{"content:encoded", SLOT_CONTENT_ENCODED, TAG_TEXT},
	{"dc:date", SLOT_DC_DATE, TAG_TEXT},
	{"dc:subject", SLOT_CATEGORY, TAG_TEXT},
	{"description", SLOT_DESCRIPTION, TAG_TEXT},
	{"guid", SLOT_GUID, TAG_TEXT},
	{"link", SLOT_LINK, TAG_TEXT},
	{"pubDate", SLOT_PUBDATE, TAG_TEXT},
	{"title", SLOT_TITLE, TAG_TEXT},
};

/* For the table-order test in test-xmlfeed.c; not part of parsers.h. */
const char *xmlfeed_tag_name_at(gsize i);
const char *
xmlfeed_tag_name_at(gsize i)
{
	return i < G_N_ELEMENTS(item_tags) ? item_tags[i].name : NULL;
}

static const char *const slot_names[SLOT_COUNT] = {
	[SLOT_TITLE] = "title",
	[SLOT_GUID] = "guid",
	[SLOT_ATOM_ID] = "id",
	[SLOT_LINK] = "link",
	[SLOT_CONTENT_ENCODED] = "content:encoded",
	[SLOT_ATOM_CONTENT] = "content",
	[SLOT_DESCRIPTION] = "description",
	[SLOT_ATOM_SUMMARY] = "summary",
	[SLOT_PUBLISHED] = "published",
	[SLOT_PUBDATE] = "pubDate",
	[SLOT_DC_DATE] = "dc:date",
	[SLOT_UPDATED] = "updated",
	[SLOT_CATEGORY] = "category",
};

/* Atom text constructs (RFC 4287 §3.1); RSS descriptions are HTML by convention. */
typedef enum {
	TEXT_PLAIN,
	TEXT_HTML,
	TEXT_XHTML,
} TextType;

typedef enum {
	PROVIDER_GENERIC,
	PROVIDER_AZURE, /* titles "Service[/Service] - Region[ - what]" */
} Provider;

typedef struct {
	GString *slot[SLOT_COUNT];    /* reused across items: no allocation per item */
	guint32 seen;                 /* bit per Slot: first occurrence wins */
	TextType type[SLOT_COUNT];    /* Atom type="" of title/content/summary */
	bool guid_permalink;          /* RSS isPermaLink, default true */
	char *about;                  /* rdf:about, owned */
	char *alt_link;               /* Atom rel=alternate href, resolved, owned */
	GPtrArray *categories;        /* char *, owned */
	int line;                     /* where the item started, for warnings */
	bool truncated;               /* a field hit max_field_bytes (warned once) */
} Item;

typedef struct {
	guint depth;
	char *uri; /* owned, absolute when it could be resolved */
} BaseEntry;

typedef struct {
	const xmlChar *name; /* NULL: empty */
	const xmlChar *uri;
	const Tag *tag;      /* may be NULL: "not a field" is cached too */
} TagCacheEntry;

/*
 * The start-tag guard.  libxml2 2.9.14 checks a new attribute against every
 * earlier one of the same element before any SAX callback runs: one element
 * with 400,000 attributes (4 MB) took 152 s, all inside curl's write callback
 * where no timeout can stop it.  So the raw bytes are scanned first (memchr
 * for '<' over text, comments, CDATA and PIs skipped by their terminators,
 * quotes respected) and a tag longer than MAX_TAG_BYTES is refused before
 * libxml2 sees it: that bounds the attributes per element to a few thousand.
 * UTF-16 documents (rare in feeds) are not scanned.
 */
#define MAX_TAG_BYTES (16 * 1024)

typedef enum {
	TAGSCAN_START,   /* the first two bytes decide: UTF-16 turns the guard off */
	TAGSCAN_TEXT,
	TAGSCAN_LT,      /* after '<' */
	TAGSCAN_LT_BANG, /* after "<!" */
	TAGSCAN_TAG,     /* inside a tag, outside quotes */
	TAGSCAN_QUOTE,   /* inside a quoted attribute value */
	TAGSCAN_SPECIAL, /* inside a comment, CDATA section, PI or declaration */
	TAGSCAN_OFF,
} TagScanState;

typedef struct {
	TagScanState state;
	char quote;           /* TAGSCAN_QUOTE: the closing quote */
	const char *term;     /* TAGSCAN_SPECIAL: "-->", "]]>", "?>" or ">" */
	gsize tag_len;        /* bytes of the current tag so far */
	unsigned char prev[2];/* the two bytes before the current chunk */
	guint start_len;      /* TAGSCAN_START: bytes collected in start[] */
	char start[2];
} TagScan;

struct XmlFeedParser {
	const SourceContext *ctx; /* borrowed */
	TagScan tags;
	gsize max_bytes;
	gsize max_field_bytes;
	guint max_depth;
	guint max_items;

	xmlParserCtxtPtr ctxt;
	char head[4]; /* first bytes, held until libxml2 can sniff the encoding */
	gsize head_len;
	gsize total_bytes;

	SourceFormat format;
	Provider provider;
	guint depth;
	guint channel_depth; /* depth whose children are feed-level fields; 0 = none yet */
	guint item_depth;    /* depth of the open item element; 0 = not in an item */
	guint items_seen;
	bool stopped_ok;     /* max_items reached: the rest of the document is ignored */
	bool latin1_declared;
	bool warned_mojibake;

	Slot capture;        /* slot receiving text, SLOT_NONE when skipping */
	guint capture_depth; /* depth of the element that opened the capture */
	GString *feed_title; /* channel/feed title, for provider detection */
	GString *feed_link;  /* RSS channel <link>: last-resort base for relative links */
	bool feed_capture;   /* capturing into feed_title/feed_link rather than an item slot */
	GString *feed_target;
	GString *text_dst;   /* where on_characters() appends; NULL when skipping (sync_text_dst()) */

	GArray *bases; /* BaseEntry, the xml:base scopes currently open */
	Item item;

	GPtrArray *advisories; /* Advisory *, one reference each */
	GPtrArray *warnings;   /* char *, owned */
	guint warnings_dropped;

	char zone_name[8];   /* last Statuspage display zone resolved, see parse_update_time() */
	int zone_off;
	bool zone_valid;

	TagCacheEntry tag_cache[64]; /* see tag_lookup() */
	GArray *sp_ups;              /* SpUpdate, see statuspage_updates() */
	const xmlChar *ns_cache_uri;  /* see ns_prefix_cached() */
	const char *ns_cache_prefix;

	GError *error;       /* first error; sticky */
	int xml_error_code;  /* first libxml2 error (level >= ERROR), 0 = none */
	int xml_error_line;
	bool xml_error_fatal;
	char *xml_error_msg; /* owned */
};

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

static void warn(XmlFeedParser *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void
warn(XmlFeedParser *p, const char *fmt, ...)
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
	return NULL;
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
	if (strcmp(u, NS_ATOM) == 0) {
		return "atom";
	}
	if (strcmp(u, NS_DC) == 0) {
		return "dc";
	}
	if (strcmp(u, NS_CONTENT) == 0) {
		return "content";
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
	const char *prefix = ns_prefix(uri);
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
		return g_strndup((const char *)a[3], (gsize)(a[4] - a[3]));
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

/* @ref resolved against the current base; absolute or unresolvable refs come back unchanged. */
static char *
resolve_url(const XmlFeedParser *p, const char *ref)
{
	const char *base = current_base(p);

	if (ref == NULL || ref[0] == '\0') {
		return NULL;
	}
	if (has_scheme(ref) || base == NULL) {
		return g_strdup(ref);
	}
	char *abs = g_uri_resolve_relative(base, ref, G_URI_FLAGS_NONE, NULL);
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
	char *abs = g_uri_resolve_relative(base, ref, G_URI_FLAGS_NONE, NULL);
	if (abs == NULL) {
		return ref;
	}
	g_free(ref);
	return abs;
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

/* Trims ASCII whitespace of a GString in place; returns its text. */
static const char *
gstring_trim(GString *s)
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
	it->guid_permalink = true;
	g_clear_pointer(&it->about, g_free);
	g_clear_pointer(&it->alt_link, g_free);
	g_ptr_array_set_size(it->categories, 0);
	it->line = 0;
	it->truncated = false;
}

/* ---- Statuspage entry HTML: one <p> per update, newest first ---- */

typedef struct {
	const char *name;
	int offset_minutes;
} DisplayZone;

/*
 * Display zones a Statuspage page may use: RFC 822's names plus the common
 * others.  Sorted by strcmp (bsearch).  Ambiguous abbreviations take their most common status-page
 * reading (IST = India, as Statuspage's zone list has it).
 */
static const DisplayZone display_zones[] = {
	{"AEDT", 11 * 60}, {"AEST", 10 * 60}, {"AKDT", -8 * 60}, {"AKST", -9 * 60},
	{"BST", 60},       {"CDT", -5 * 60},  {"CEST", 2 * 60},  {"CET", 60},
	{"CST", -6 * 60},  {"EDT", -4 * 60},  {"EEST", 3 * 60},  {"EET", 2 * 60},
	{"EST", -5 * 60},  {"GMT", 0},        {"HKT", 8 * 60},   {"HST", -10 * 60},
	{"IST", 5 * 60 + 30}, {"JST", 9 * 60}, {"KST", 9 * 60},  {"MDT", -6 * 60},
	{"MST", -7 * 60},  {"NZDT", 13 * 60}, {"NZST", 12 * 60}, {"PDT", -7 * 60},
	{"PST", -8 * 60},  {"SGT", 8 * 60},   {"UT", 0},         {"UTC", 0},
	{"WEST", 60},      {"WET", 0},        {"Z", 0},
};

static int
zone_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const DisplayZone *)elem)->name);
}

/* Minutes east of UTC for a displayed zone ("EDT", "+0530", "" = UTC); false if unknown. */
static bool
zone_offset(const char *zone, int *ret)
{
	int off = 0;

	if (zone[0] == '+' || zone[0] == '-') {
		if (strlen(zone) != 5 || !g_ascii_isdigit(zone[1])) {
			return false;
		}
		int v = atoi(zone + 1);
		off = (zone[0] == '-' ? -1 : 1) * ((v / 100) * 60 + v % 100);
	} else if (zone[0] != '\0') {
		char upper[8];
		gsize n = 0;
		for (; zone[n] != '\0' && n < sizeof upper - 1; n++) {
			upper[n] = g_ascii_toupper(zone[n]);
		}
		upper[n] = '\0';
		const DisplayZone *z = bsearch(upper, display_zones, G_N_ELEMENTS(display_zones),
					       sizeof display_zones[0], zone_cmp);
		if (z == NULL) {
			return false;
		}
		off = z->offset_minutes;
	}
	/* No zone at all: Statuspage always prints one; UTC is the least wrong reading. */
	*ret = off;
	return true;
}

/*
 * The UTC year of @t, as g_date_time_new_from_unix_utc() + get_year() gave it
 * (Hinnant's civil_from_days), and 1970 where GDateTime has no value (outside
 * years 1..9999).
 */
static int
utc_year(gint64 t)
{
	if (t < G_GINT64_CONSTANT(-62135596800) || t > G_GINT64_CONSTANT(253402300799)) {
		return 1970;
	}
	const gint64 z = (t >= 0 ? t / 86400 : (t - 86399) / 86400) + 719468;
	const gint64 era = (z >= 0 ? z : z - 146096) / 146097;
	const gint64 doe = z - era * 146097;
	const gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const gint64 mp = (5 * doy + 2) / 153;
	return (int)(yoe + era * 400 + (mp >= 10 ? 1 : 0));
}

/* A display time (zone already resolved) to Unix seconds; computed directly (once per update). */
static bool
display_time(int day, int month, int year, int hh, int mm, int off, gint64 *ret)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12 || day < 1 || day > mdays[month - 1] || hh > 23 || mm > 59 ||
	    year < 1970 || year > 9999) {
		return false;
	}
	if (month == 2 && day == 29 && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
		return false;
	}
	*ret = time_days_from_civil(year, month, day) * 86400 + hh * 3600 + mm * 60 - off * 60;
	return true;
}

/* Up to @max digits at *pp; returns how many were read. */
static int
read_digits(const char **pp, int max, int *ret)
{
	const char *p = *pp;
	int v = 0;
	int n = 0;

	while (n < max && g_ascii_isdigit(*p)) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	*pp = p;
	*ret = v;
	return n;
}

/*
 * "Oct 20, 15:58 EDT" (no year) or "Oct 20, 2025 - 15:58 EDT".  The year comes
 * from @ref (the entry's own date): the latest year that does not put the
 * update more than two days after the entry, so a "Dec 31" update in an entry
 * updated on 2 January lands in the previous year.
 */
static bool
parse_update_time(XmlFeedParser *fp, const char *s, gint64 ref, int ref_year, gint64 *ret)
{
	int month = 0;
	int day = 0;
	int year = 0;
	int hh = 0;
	int mm = 0;
	char zone[8] = "";
	const char *p = s;

	/* Hand-rolled (no strtol, no strncasecmp loop): this runs once per update. */
	while (*p == ' ') {
		p++;
	}
	if (!g_ascii_isalpha(p[0]) || !g_ascii_isalpha(p[1]) || !g_ascii_isalpha(p[2])) {
		return false;
	}
	/* The three letters lower-cased and packed: one switch, not twelve compares. */
#define MON3(a, b, c) (((guint32)(a) << 16) | ((guint32)(b) << 8) | (guint32)(c))
	switch (MON3(p[0] | 0x20, p[1] | 0x20, p[2] | 0x20)) {
	case MON3('j', 'a', 'n'): month = 1; break;
	case MON3('f', 'e', 'b'): month = 2; break;
	case MON3('m', 'a', 'r'): month = 3; break;
	case MON3('a', 'p', 'r'): month = 4; break;
	case MON3('m', 'a', 'y'): month = 5; break;
	case MON3('j', 'u', 'n'): month = 6; break;
	case MON3('j', 'u', 'l'): month = 7; break;
	case MON3('a', 'u', 'g'): month = 8; break;
	case MON3('s', 'e', 'p'): month = 9; break;
	case MON3('o', 'c', 't'): month = 10; break;
	case MON3('n', 'o', 'v'): month = 11; break;
	case MON3('d', 'e', 'c'): month = 12; break;
	default: break;
	}
#undef MON3
	if (month == 0) {
		return false;
	}
	while (g_ascii_isalpha(*p) || *p == '.') {
		p++;
	}
	while (*p == ' ') {
		p++;
	}
	int nd = read_digits(&p, 2, &day);
	if (nd == 0) {
		return false;
	}
	while (*p == ' ' || *p == ',') {
		p++;
	}
	const char *q = p;
	int y = 0;
	if (read_digits(&q, 4, &y) == 4 && *q != ':') {
		year = y;
		p = q;
		while (*p == ' ' || *p == ',' || *p == '-') {
			p++;
		}
	}
	if (read_digits(&p, 2, &hh) == 0 || *p != ':') {
		return false;
	}
	p++;
	if (read_digits(&p, 2, &mm) != 2) {
		return false;
	}
	while (*p == ' ') {
		p++;
	}
	gsize zn = 0;
	while (zn < sizeof zone - 1 && (g_ascii_isalnum(p[zn]) || p[zn] == '+' || p[zn] == '-')) {
		zone[zn] = p[zn];
		zn++;
	}
	zone[zn] = '\0';

	/* A page prints one zone on every update: resolve it once per document. */
	int off;
	/* Both buffers are zero-filled past the NUL: compare all eight bytes (no strcmp call). */
	if (fp->zone_valid && memcmp(zone, fp->zone_name, sizeof zone) == 0) {
		off = fp->zone_off;
	} else if (zone_offset(zone, &off)) {
		memcpy(fp->zone_name, zone, sizeof zone);
		fp->zone_off = off;
		fp->zone_valid = true;
	} else {
		return false;
	}
	if (year != 0) {
		return display_time(day, month, year, hh, mm, off, ret);
	}
	if (ref == SW_TIME_NONE) {
		return false;
	}
	year = ref_year;
	gint64 t;
	if (!display_time(day, month, year, hh, mm, off, &t)) {
		/* 29 Feb in a year without one: the previous leap year is the only reading. */
		if (!display_time(day, month, year - 1, hh, mm, off, &t)) {
			return false;
		}
	} else if (t > ref + 2 * 86400) {
		if (!display_time(day, month, year - 1, hh, mm, off, &t)) {
			return false;
		}
	}
	*ret = t;
	return true;
}

typedef struct {
	gint64 time;
	const StatusWord *word; /* NULL when the label is not in the table */
	char label[48];         /* the page's own word ("" if none); inline: no malloc per update */
	char when[64];          /* the update's time as displayed, inline too */
	char *text;             /* owned until item_build() hands it to the advisory */
	gsize when_len;
	gsize label_len;
	gsize text_len;
	guint order;            /* position in the document (newest first) */
} SpUpdate;

static gint sp_update_cmp(gconstpointer a, gconstpointer b);

/* Compares two indexes into the GArray of SpUpdate @user by sp_update_cmp(). */
static gint
sp_order_cmp(gconstpointer a, gconstpointer b, gpointer user)
{
	GArray *ups = user;

	return sp_update_cmp(&g_array_index(ups, SpUpdate, *(const guint *)a),
			     &g_array_index(ups, SpUpdate, *(const guint *)b));
}

static gint
sp_update_cmp(gconstpointer a, gconstpointer b)
{
	const SpUpdate *x = a;
	const SpUpdate *y = b;

	if (x->time != y->time) {
		if (x->time == SW_TIME_NONE) {
			return -1;
		}
		if (y->time == SW_TIME_NONE) {
			return 1;
		}
		return x->time < y->time ? -1 : 1;
	}
	/* Same minute: later in the document is older. */
	return x->order > y->order ? -1 : (x->order < y->order ? 1 : 0);
}

/* Bounded case-sensitive search of @needle in [hay, end). */
#define find_in(hay, end, needle) find_in_len((hay), (end), (needle), sizeof(needle) - 1)

static char *
find_in_len(char *hay, const char *end, const char *needle, gsize n)
{
	if (hay == NULL || hay >= end || (gsize)(end - hay) < n) {
		return NULL;
	}
	const char *last = end - n; /* the last start that still fits */
	char *h = hay;
#if defined(__SSE2__)
	/*
	 * 16 starts at a time, filtered on the needle's first three bytes
	 * ("</s", "<st", ...): '<' alone matched every tag of the update.
	 * The three loads read [h, h + 18), never at or past @end.
	 */
	const __m128i c0 = _mm_set1_epi8(needle[0]);
	const __m128i c1 = _mm_set1_epi8(needle[1]);
	const __m128i c2 = _mm_set1_epi8(needle[2]);
	while (end - h >= 18) {
		__m128i a = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)h), c0);
		__m128i b = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(h + 1)), c1);
		__m128i c = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(h + 2)), c2);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_and_si128(a, b), c));
		while (m != 0) {
			char *cand = h + __builtin_ctz(m);
			if (cand > last) {
				return NULL;
			}
			if (memcmp(cand, needle, n) == 0) {
				return cand;
			}
			m &= m - 1;
		}
		h += 16;
	}
#endif
	for (; h <= last; h++) {
		if (h[0] == needle[0] && memcmp(h, needle, n) == 0) {
			return h;
		}
	}
	return NULL;
}

/*
 * The short pieces of a Statuspage update ("Oct <var>20</var>, ..." and the
 * <strong> label) into a caller's buffer: tags dropped, whitespace folded,
 * no entities expected (any are kept as written), cut to fit.  Cheaper than
 * text_from_html() for ten bytes.
 */
/* The first @c in [p, end), or @end: 16 bytes per step where 16 remain (inline SSE2;
 * a memchr call per tag cost more). */
static const char *
find_byte(const char *p, const char *end, char c)
{
#if defined(__SSE2__)
	const __m128i want = _mm_set1_epi8(c);
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, want));
		if (m != 0) {
			return p + __builtin_ctz(m);
		}
		p += 16;
	}
#endif
	while (p < end && *p != c) {
		p++;
	}
	return p;
}

static gsize
short_piece_text(const char *start, const char *end, char *buf, gsize size)
{
	gsize n = 0;
	bool space = false;

	for (const char *c = start; c < end && n + 2 < size; c++) {
		if (*c == '<') {
			/* Tags here are a few bytes ("<var data-var='date'>"): no memchr call. */
			const char *close = find_byte(c + 1, end, '>');
			if (close == end) {
				break;
			}
			c = close;
			continue;
		}
		if (g_ascii_isspace(*c)) {
			space = n > 0;
			continue;
		}
		if (space) {
			buf[n++] = ' ';
			space = false;
		}
		buf[n++] = *c;
	}
	/* Never end inside a UTF-8 sequence when the buffer cut it short. */
	while (n > 0 && ((unsigned char)buf[n - 1] & 0x80) != 0 &&
	       !g_utf8_validate(buf, (gssize)n, NULL)) {
		n--;
	}
	buf[n] = '\0';
	return n;
}

/*
 * The tags that delimit one Statuspage update, from just after its
 * "</small>" up to the next "<small>", in ONE pass over the '<'s (it used to
 * be four bounded searches, two of them over the whole update text):
 *   strong:             first "<strong>"
 *   strong_end:         first "</strong>" after strong
 *   p_end:              first "</p>"
 *   p_end_after_strong: first "</p>" after strong_end
 *   next_small:         the next "<small>" (the end of the segment), or NULL
 * Each field is NULL when absent.  Every tag here has its only '<' first, so
 * a tag that starts before next_small also ends before it: the results are
 * those of the bounded searches they replace.
 */
typedef struct {
	char *strong;
	char *strong_end;
	char *p_end;
	char *p_end_after_strong;
	char *next_small;
} SegTags;

#define TAG_AT(t, left, lit) ((left) >= sizeof(lit) - 1 && memcmp((t), (lit), sizeof(lit) - 1) == 0)

/* The first '<' in [p, end), or NULL. */
static char *
next_lt(char *p, const char *end)
{
	const char *lt = find_byte(p, end, '<');

	return lt < end ? p + (lt - p) : NULL;
}

static void
seg_tags(char *from, const char *end, SegTags *ret)
{
	memset(ret, 0, sizeof *ret);
	for (char *t = from; t < end; t++) {
		t = next_lt(t, end);
		if (t == NULL) {
			return;
		}
		gsize left = (gsize)(end - t);
		if (t[1] == 's') {
			if (TAG_AT(t, left, "<small>")) {
				ret->next_small = t;
				return;
			}
			if (ret->strong == NULL && TAG_AT(t, left, "<strong>")) {
				ret->strong = t;
			}
		} else if (t[1] == '/') {
			if (t[2] == 'p' && TAG_AT(t, left, "</p>")) {
				if (ret->p_end == NULL) {
					ret->p_end = t;
				}
				if (ret->strong_end != NULL && ret->p_end_after_strong == NULL) {
					ret->p_end_after_strong = t;
				}
			} else if (ret->strong != NULL && ret->strong_end == NULL &&
				   TAG_AT(t, left, "</strong>")) {
				ret->strong_end = t;
			}
		}
	}
}

/*
 * The common update header, for the fast path in statuspage_updates(): the
 * first "<strong>" from @from and the first "</strong>" after it, with no
 * "</p>" or "<small>" before either.  seg_tags() finds the same two tags
 * there (and no "</p>" before them).  False for anything else.
 */
static bool
header_strong(char *from, const char *end, char **ret_strong, char **ret_strong_end)
{
	char *strong = NULL;

	for (char *t = from; t < end; t++) {
		t = next_lt(t, end);
		if (t == NULL) {
			return false;
		}
		gsize left = (gsize)(end - t);
		if (TAG_AT(t, left, "<small>") || TAG_AT(t, left, "</p>")) {
			return false;
		}
		if (strong == NULL) {
			if (TAG_AT(t, left, "<strong>")) {
				strong = t;
			}
		} else if (TAG_AT(t, left, "</strong>")) {
			*ret_strong = strong;
			*ret_strong_end = t;
			return true;
		}
	}
	return false;
}

#undef TAG_AT

/*
 * Parses the updates of a Statuspage entry.  Every search is bounded by the
 * next "<small>", so the whole body is scanned a constant number of times.
 * Returns the updates in document order (newest first), in the parser's own
 * reused array; item_build() takes every text out of it.
 */
static GArray *
statuspage_updates(XmlFeedParser *p, char *html, gsize html_len, gint64 ref, const char *item_id)
{
	/* One array per parser, reused by every entry: warm memory, no malloc per entry. */
	if (p->sp_ups == NULL) {
		p->sp_ups = g_array_sized_new(FALSE, FALSE, sizeof(SpUpdate), 16);
	}
	GArray *ups = p->sp_ups;
	g_array_set_size(ups, 0);
	char *end_all = html + html_len;
	char *small = strstr(html, "<small>");
	guint order = 0;
	bool warned = false;
	/* The reference year, once per entry (GDateTime per update was a hot spot). */
	int ref_year = utc_year(ref);

	while (small != NULL) {
		char *small_end = find_in(small, end_all, "</small>");
		if (small_end == NULL) {
			break;
		}
		SpUpdate u = {.time = SW_TIME_NONE, .order = order++};

		u.when_len = short_piece_text(small + 7, small_end, u.when, sizeof u.when);
		if (!parse_update_time(p, u.when, ref, ref_year, &u.time) && !warned) {
			warn(p, "item '%s': unparseable update time '%s'", item_id, u.when);
			warned = true;
		}

		/*
		 * Fast path, one pass over the text: "<strong>Label</strong> -
		 * text" converted up to the first "</p>" or "<small>" found on
		 * the way, instead of seg_tags() scanning the text for those tags
		 * and the converter reading it again.  text_from_html_until()
		 * gives up (NULL) whenever its answer could differ from the raw
		 * tag search below; results are the same either way.
		 */
		char *strong;
		char *strong_end;
		if (header_strong(small_end + 8, end_all, &strong, &strong_end)) {
			static const char *const stops[] = {"</p>", "<small>", NULL};
			char *b = strong_end + 9;
			while (b < end_all && (*b == ' ' || *b == '\n' || *b == '\t')) {
				b++;
			}
			if (b < end_all && *b == '-') {
				b++;
			}
			const char *stop = NULL;
			u.text = text_from_html_until(b, (gsize)(end_all - b), p->max_field_bytes,
						      stops, &stop, &u.text_len);
			if (u.text != NULL) {
				u.label_len = short_piece_text(strong + 8, strong_end, u.label,
							       sizeof u.label);
				u.word = status_word_lookup(u.label, u.label_len);
				char *at = html + (stop - html);
				if (at == end_all) {
					small = NULL;
				} else if (at[1] == 's') {
					small = at; /* the next "<small>" ends this text */
				} else if (end_all - at >= 14 && memcmp(at, "</p><p><small>", 14) == 0) {
					small = at + 7; /* the usual next update, no search */
				} else {
					small = find_in(at, end_all, "<small>"); /* after "</p>" */
				}
				g_array_append_val(ups, u);
				continue;
			}
		}

		SegTags tags;
		seg_tags(small_end + 8, end_all, &tags);
		char *next = tags.next_small;
		char *seg_end = next != NULL ? next : end_all;
		char *body = small_end + 8;
		char *p_end = tags.p_end;
		if (tags.strong != NULL && tags.strong_end != NULL) {
			u.label_len = short_piece_text(tags.strong + 8, tags.strong_end, u.label,
						       sizeof u.label);
			u.word = status_word_lookup(u.label, u.label_len);
			body = tags.strong_end + 9;
			p_end = tags.p_end_after_strong;
		}
		char *text_end = p_end != NULL ? p_end : seg_end;
		/* Skip the " - " between label and text in the HTML, before converting it. */
		while (body < text_end && (*body == ' ' || *body == '\n' || *body == '\t')) {
			body++;
		}
		if (body < text_end && *body == '-') {
			body++;
		}
		/* Converted in place, length returned: no copy, no strlen() either way. */
		u.text = text_from_html_len(body, (gsize)(text_end - body), p->max_field_bytes,
					    &u.text_len);
		g_array_append_val(ups, u);
		small = next;
	}
	return ups;
}

/* ---- provider title and guid patterns ---- */

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

/* Azure: "Virtual Machines/VM Scale Sets - East US 2[ - what happened]". */
static bool
azure_title_services(Advisory *adv, const char *title)
{
	g_auto(GStrv) parts = g_strsplit(title, " - ", 3);
	if (g_strv_length(parts) < 2) {
		return false;
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
static bool
contains_ci(const char *hay, const char *needle)
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
 * contains_ci() for several needles in one title: lower-cased once (the
 * title is read up to three times per item), then libc's strstr.
 */
typedef struct {
	char low[512];
	int state; /* 0: not yet lowered, 1: lowered, 2: too long, contains_ci() instead */
} LowTitle;

static bool
title_contains(LowTitle *lt, const char *title, const char *needle)
{
	if (title == NULL) {
		return false;
	}
	if (lt->state == 0) {
		gsize i = 0;
		for (; title[i] != '\0' && i < sizeof lt->low - 1; i++) {
			char c = title[i];
			lt->low[i] = c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
		}
		lt->low[i] = '\0';
		lt->state = title[i] == '\0' ? 1 : 2;
	}
	return lt->state == 1 ? strstr(lt->low, needle) != NULL : contains_ci(title, needle);
}

/* ---- building the advisory when an item ends ---- */

static gint64
slot_time(XmlFeedParser *p, Slot slot, const char *item_id)
{
	const char *s = p->item.slot[slot]->str;
	gint64 t;

	if (s[0] == '\0') {
		return SW_TIME_NONE;
	}
	/* RFC 3339 never starts with a letter ("Tue, ..."): skip straight to RFC 822. */
	if (g_ascii_isalpha(s[0]) ? time_parse_rfc822(s, &t) : time_parse_any(s, &t)) {
		return t;
	}
	warn(p, "item '%s': unparseable %s '%.64s', ignored", item_id, slot_names[slot], s);
	return SW_TIME_NONE;
}

static gint64
first_time(gint64 a, gint64 b, gint64 c, gint64 d)
{
	return a != SW_TIME_NONE ? a : b != SW_TIME_NONE ? b : c != SW_TIME_NONE ? c : d;
}

static char *
item_id(XmlFeedParser *p, const char *url)
{
	Item *it = &p->item;
	const char *guid = it->slot[SLOT_GUID]->str;
	const char *aid = it->slot[SLOT_ATOM_ID]->str;

	if (guid[0] != '\0') {
		return g_strdup(guid);
	}
	if (aid[0] != '\0') {
		return g_strdup(aid);
	}
	if (it->about != NULL && it->about[0] != '\0') {
		return g_strdup(it->about);
	}
	if (url != NULL) {
		return g_strdup(url);
	}
	/* No identity at all: a hash of what a reader sees, stable while it does not change. */
	const char *title = it->slot[SLOT_TITLE]->str;
	const char *date = it->slot[SLOT_PUBDATE]->str;
	for (Slot s = SLOT_PUBLISHED; date[0] == '\0' && s <= SLOT_UPDATED; s++) {
		date = it->slot[s]->str;
	}
	if (title[0] == '\0' && date[0] == '\0') {
		return NULL;
	}
	g_autofree char *both = g_strconcat(title, "\n", date, NULL);
	g_autofree char *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, both, -1);
	return g_strdup_printf("sha256:%.32s", sum);
}

static char *
slot_plain(XmlFeedParser *p, Slot slot)
{
	Item *it = &p->item;
	const char *s = it->slot[slot]->str;

	if (it->type[slot] == TEXT_PLAIN) {
		return g_strdup(s);
	}
	return text_from_html(s, p->max_field_bytes);
}

/* Google Cloud and others: "RESOLVED: ..." / AWS "Service disruption: ...". */
static const StatusWord *
title_prefix_word(const char *title, char **ret_word)
{
	const char *colon = strchr(title, ':');
	if (colon == NULL || colon - title > 40) {
		return NULL;
	}
	const StatusWord *w = status_word_lookup(title, (gsize)(colon - title));
	if (w != NULL) {
		*ret_word = g_strndup(title, (gsize)(colon - title));
	}
	return w;
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

static void
item_build(XmlFeedParser *p)
{
	Item *it = &p->item;

	for (int i = 0; i < SLOT_COUNT; i++) {
		gstring_trim(it->slot[i]);
	}

	/* url: Atom rel=alternate, else RSS <link>, else a permalink guid. */
	g_autofree char *url = NULL;
	if (it->alt_link != NULL) {
		url = g_steal_pointer(&it->alt_link); /* item_reset() would free it next */
	} else if (it->slot[SLOT_LINK]->len > 0) {
		url = resolve_url(p, it->slot[SLOT_LINK]->str);
	} else if (it->guid_permalink && g_str_has_prefix(it->slot[SLOT_GUID]->str, "http")) {
		url = g_strdup(it->slot[SLOT_GUID]->str);
	}

	g_autofree char *owned_id = item_id(p, url);
	if (owned_id == NULL) {
		warn(p, "item at line %d has no guid, id, link, title or date, skipping", it->line);
		return;
	}
	if (it->truncated) {
		warn(p, "item '%s': a field longer than %" G_GSIZE_FORMAT " bytes was truncated",
		     owned_id, p->max_field_bytes);
	}

	/* The id is handed over, not copied again by advisory_new(). */
	g_autoptr(Advisory) adv = advisory_new(p->ctx->source_name, NULL);
	adv->id = g_steal_pointer(&owned_id);
	const char *id = adv->id;
	adv->kind = ADVISORY_KIND_INCIDENT;
	/* Only links a person can follow reach people (and, later, notifications): a feed's
	 * "javascript:" or "data:" link is dropped.  file: stays for feeds read from files. */
	if (url != NULL && (g_ascii_strncasecmp(url, "https://", 8) == 0 ||
			    g_ascii_strncasecmp(url, "http://", 7) == 0 ||
			    g_ascii_strncasecmp(url, "file:///", 8) == 0)) {
		adv->url = g_steal_pointer(&url);
	}

	g_autofree char *title = NULL;
	if (it->type[SLOT_TITLE] == TEXT_PLAIN) {
		title = text_fold_whitespace(it->slot[SLOT_TITLE]->str);
	} else {
		g_autofree char *html_title = slot_plain(p, SLOT_TITLE);
		title = text_fold_whitespace(html_title);
	}
	if (title[0] != '\0') {
		adv->title = g_steal_pointer(&title);
	}
	LowTitle low_title;
	low_title.state = 0;

	gint64 published = slot_time(p, SLOT_PUBLISHED, id);
	gint64 pubdate = slot_time(p, SLOT_PUBDATE, id);
	gint64 dcdate = slot_time(p, SLOT_DC_DATE, id);
	gint64 updated = slot_time(p, SLOT_UPDATED, id);
	adv->start = first_time(published, pubdate, dcdate, SW_TIME_NONE);
	adv->updated = first_time(updated, pubdate, dcdate, published);

	/* Body: see the slot priority comment at the top. */
	Slot body = SLOT_NONE;
	static const Slot body_order[] = {
		SLOT_CONTENT_ENCODED, SLOT_ATOM_CONTENT, SLOT_DESCRIPTION, SLOT_ATOM_SUMMARY,
	};
	for (gsize i = 0; i < G_N_ELEMENTS(body_order); i++) {
		if (it->slot[body_order[i]]->len > 0) {
			body = body_order[i];
			break;
		}
	}
	char *html = body != SLOT_NONE ? it->slot[body]->str : NULL;
	bool is_markup = body != SLOT_NONE && (body == SLOT_CONTENT_ENCODED ||
					       body == SLOT_DESCRIPTION ||
					       it->type[body] != TEXT_PLAIN);
	/*
	 * Status, from the Statuspage update list or the title.  A Statuspage
	 * body starts with "<p><small>" (the first update's time) and has a
	 * <strong> label; anything else keeps its whole text and is not split.
	 */
	const char *lead = html;
	while (lead != NULL && g_ascii_isspace(*lead)) {
		lead++;
	}
	bool statuspage = is_markup && g_str_has_prefix(lead, "<p><small>") &&
			  strstr(lead, "<strong>") != NULL;
	if (html != NULL && !statuspage) {
		adv->text = is_markup ? text_from_html(html, p->max_field_bytes)
				      : g_strdup(html);
	}
	if (statuspage) {
		gint64 ref = first_time(adv->updated, adv->start, SW_TIME_NONE, SW_TIME_NONE);
		if (ref == SW_TIME_NONE) {
			/* No date in the entry: the injected clock, else the real one. */
			ref = p->ctx->now != 0 ? p->ctx->now : g_get_real_time() / G_USEC_PER_SEC;
		}
		GArray *ups = statuspage_updates(p, html, it->slot[body]->len, ref, id); /* borrowed */
		/*
		 * The advisory text is what text_from_html() gives for the whole
		 * body ("when\nLabel - text" per update, newest first), built from
		 * the pieces so the body is converted once, not twice.
		 */
		/* Sized first, then filled: one allocation, no regrowth, no strlen. */
		gsize total = 0;
		guint used = 0;
		for (; used < ups->len && total < p->max_field_bytes; used++) {
			const SpUpdate *u = &g_array_index(ups, SpUpdate, used);
			total += (used > 0 ? 2 : 0) + u->when_len + 1 + u->text_len;
			if (u->label_len > 0) {
				total += u->label_len + (u->text_len > 0 ? 3 : 0);
			}
		}
		char *all = g_malloc(total + 1);
		gsize n = 0;
		for (guint i = 0; i < used; i++) {
			const SpUpdate *u = &g_array_index(ups, SpUpdate, i);
			if (i > 0) {
				memcpy(all + n, "\n\n", 2);
				n += 2;
			}
			memcpy(all + n, u->when, u->when_len);
			n += u->when_len;
			all[n++] = '\n';
			if (u->label_len > 0) {
				memcpy(all + n, u->label, u->label_len);
				n += u->label_len;
				if (u->text_len > 0) {
					memcpy(all + n, " - ", 3);
					n += 3;
				}
			}
			memcpy(all + n, u->text, u->text_len);
			n += u->text_len;
		}
		all[n] = '\0';
		if (n > p->max_field_bytes) {
			gsize cut = p->max_field_bytes;
			while (cut > 0 && (all[cut] & 0xC0) == 0x80) {
				cut--;
			}
			all[cut] = '\0';
		}
		adv->text = all;
		/*
		 * Oldest first, sorting indexes rather than moving ~150-byte structs.
		 * Statuspage lists updates newest first, the worst case for an insertion
		 * sort: a hostile entry with 17,000 updates would make it quadratic.  So:
		 * exactly reversed input (the usual case) is reversed in one pass, any
		 * other order goes through g_qsort_with_data().  sp_update_cmp() is a
		 * strict total order, so the result is the same either way.
		 */
		guint order_buf[64];
		g_autofree guint *order_heap = NULL;
		guint *order = order_buf;
		if (ups->len > G_N_ELEMENTS(order_buf)) {
			order = order_heap = g_new(guint, ups->len);
		}
		bool reversed = true;
		for (guint i = 0; i < ups->len; i++) {
			order[i] = ups->len - 1 - i;
			if (i > 0 && sp_update_cmp(&g_array_index(ups, SpUpdate, i - 1),
						   &g_array_index(ups, SpUpdate, i)) < 0) {
				reversed = false;
			}
		}
		if (!reversed) {
			for (guint i = 0; i < ups->len; i++) {
				order[i] = i;
			}
			g_qsort_with_data(order, (gint)ups->len, sizeof(guint), sp_order_cmp, ups);
		}
		gint64 end = SW_TIME_NONE;
		const char *raw = NULL;
		/*
		 * Sized once: g_ptr_array_add() grows a new array 2, 4, 8, ...
		 * with a realloc each time.  The slots are filled just below.
		 */
		guint base = adv->updates->len;
		g_ptr_array_set_size(adv->updates, (gint)(base + ups->len));
		for (guint i = 0; i < ups->len; i++) {
			SpUpdate *u = &g_array_index(ups, SpUpdate, order[i]);
			AdvisoryStatus st = u->word != NULL ? u->word->status : ADVISORY_STATUS_UNKNOWN;
			/* Handed over rather than copied (advisory_add_update() would copy). */
			AdvisoryUpdate *au = g_new(AdvisoryUpdate, 1);
			au->time = u->time;
			au->status = st;
			au->text = g_steal_pointer(&u->text);
			adv->updates->pdata[base + i] = au;
			if (u->word != NULL && u->word->kind == ADVISORY_KIND_MAINTENANCE) {
				adv->kind = ADVISORY_KIND_MAINTENANCE;
			}
			if (st == ADVISORY_STATUS_UNKNOWN) {
				continue;
			}
			if (st == ADVISORY_STATUS_RESOLVED && adv->status != ADVISORY_STATUS_RESOLVED) {
				end = u->time;
			} else if (st != ADVISORY_STATUS_RESOLVED) {
				end = SW_TIME_NONE;
			}
			adv->status = st;
			raw = u->label;
		}
		/*
		 * Already in advisory_sort_updates()' order (by time, SW_TIME_NONE
		 * = G_MININT64 first, a stable sort) when the array was empty.
		 */
		if (base > 0) {
			advisory_sort_updates(adv);
		}
		advisory_set_str(&adv->raw_status, raw);
		if (adv->status == ADVISORY_STATUS_RESOLVED) {
			adv->end = end;
		}
		if (adv->start == SW_TIME_NONE && adv->updates->len > 0) {
			const AdvisoryUpdate *first = g_ptr_array_index(adv->updates, 0);
			adv->start = first->time;
		}
	} else if (adv->title != NULL) {
		g_autofree char *word = NULL;
		const StatusWord *w = title_prefix_word(adv->title, &word);
		if (w != NULL) {
			status_word_apply(adv, w);
			g_free(adv->raw_status);
			adv->raw_status = g_steal_pointer(&word);
		}
		if (title_contains(&low_title, adv->title, "[resolved]")) {
			adv->status = ADVISORY_STATUS_RESOLVED;
			if (adv->raw_status == NULL) {
				advisory_set_str(&adv->raw_status, "RESOLVED");
			}
		}
		if (adv->status == ADVISORY_STATUS_RESOLVED) {
			adv->end = adv->updated;
		}
	}
	if (adv->text != NULL && adv->text[0] == '\0') {
		g_clear_pointer(&adv->text, g_free);
	}
	if (adv->kind == ADVISORY_KIND_INCIDENT &&
	    (title_contains(&low_title, adv->title, "maintenance") ||
	     title_contains(&low_title, adv->title, "scheduled"))) {
		adv->kind = ADVISORY_KIND_MAINTENANCE;
	}

	/*
	 * Services: a provider's own pattern first (machine keys beat broad
	 * categories such as Azure's "Compute"), then categories, then the
	 * source name so no advisory is left without one.
	 */
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
			advisory_add_service(adv, g_ptr_array_index(it->categories, i));
		}
	}
	if (adv->services->len == 0 && p->ctx->source_name != NULL) {
		advisory_add_service(adv, p->ctx->source_name);
	}

	/* Latin-1 declared, UTF-8 sent: "Ã©" pairs in the decoded text give it away. */
	if (p->latin1_declared && !p->warned_mojibake) {
		const char *texts[] = {adv->title, adv->text};
		for (gsize i = 0; i < G_N_ELEMENTS(texts) && !p->warned_mojibake; i++) {
			const unsigned char *s = (const unsigned char *)texts[i];
			for (; s != NULL && s[0] != '\0' && s[1] != '\0' && s[2] != '\0' &&
			       s[3] != '\0';
			     s++) {
				if (s[0] == 0xC3 && s[1] >= 0x82 && s[1] <= 0x9F && s[2] == 0xC2 &&
				    s[3] >= 0x80 && s[3] <= 0xBF) {
					warn(p, "the feed declares ISO-8859-1 but its bytes look like "
						"UTF-8; text decoded as declared and may be garbled");
					p->warned_mojibake = true;
					break;
				}
			}
		}
	}

	g_ptr_array_add(p->advisories, g_steal_pointer(&adv));
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
	sync_text_dst(p);
	if (slot != SLOT_NONE) {
		p->item.seen |= 1u << slot;
	}
}

static bool
check_root(XmlFeedParser *p, const char *name, const char *uri)
{
	if (g_ascii_strcasecmp(name, "html") == 0) {
		fail(p, SW_ERROR_PARSE, "got an HTML page, not a feed");
		return false;
	}
	if (uri == NULL && strcmp(name, "rss") == 0) {
		p->format = SOURCE_FORMAT_RSS;
	} else if (uri != NULL && strcmp(name, "RDF") == 0 && strcmp(uri, NS_RDF) == 0) {
		p->format = SOURCE_FORMAT_RDF;
	} else if (uri != NULL && strcmp(name, "feed") == 0 && strcmp(uri, NS_ATOM) == 0) {
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
		if (dst->len + strlen(name) + 2 <= p->max_field_bytes) {
			g_string_append_c(dst, '<');
			g_string_append(dst, name);
			g_string_append_c(dst, '>');
		}
		return;
	}

	if (p->item_depth == 0) {
		bool is_item = false;
		if (p->format == SOURCE_FORMAT_ATOM) {
			is_item = u != NULL && strcmp(u, NS_ATOM) == 0 && strcmp(name, "entry") == 0;
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
				warn(p, "feed has more than %u items; keeping the first %u",
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
			}
		}
		return;
	}

	/* Inside an item: only direct children are fields. */
	if (p->depth != p->item_depth + 1) {
		return;
	}
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
		it->type[t->slot] = u != NULL && strcmp(u, NS_ATOM) == 0
					    ? text_type_of(type, type_len)
					    : TEXT_PLAIN;
	}
	g_string_truncate(it->slot[t->slot], 0);
	begin_capture(p, t->slot);
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
			gstring_trim(p->feed_title);
			gstring_trim(p->feed_link);
			if (contains_ci(p->feed_title->str, "azure")) {
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
				const char *c = gstring_trim(dst);
				if (c[0] != '\0' && p->item.categories->len < 64) {
					g_ptr_array_add(p->item.categories, g_strdup(c));
				}
				g_string_truncate(dst, 0);
			}
			p->capture = SLOT_NONE;
			sync_text_dst(p);
		} else if (dst->len + strlen((const char *)localname) + 3 <= p->max_field_bytes) {
			g_string_append(dst, "</");
			g_string_append(dst, (const char *)localname);
			g_string_append_c(dst, '>');
		}
	} else if (p->item_depth != 0 && p->depth == p->item_depth) {
		item_build(p);
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

static void
on_characters(void *user, const xmlChar *ch, int len)
{
	XmlFeedParser *p = ((xmlParserCtxtPtr)user)->_private;
	GString *dst = p->text_dst;

	if (dst == NULL) {
		return; /* text we do not keep is never copied */
	}
	gsize n = (gsize)len;
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
	/*
	 * Inline append: escaped HTML arrives as one callback per entity
	 * ("&lt;"), and GLib 2.74's g_string_append_len is an out-of-line call.
	 */
	if (dst->len + n + 1 > dst->allocated_len) {
		gsize keep = dst->len;
		g_string_set_size(dst, keep + n);
		dst->len = keep;
	}
	/* Mostly one byte: each "&lt;" of escaped HTML is its own callback. */
	if (n == 1) {
		dst->str[dst->len] = (char)ch[0];
	} else {
		memcpy(dst->str + dst->len, ch, n);
	}
	dst->len += n;
	dst->str[dst->len] = '\0';
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

/* Turns the first libxml2 error into the parser's GError. */
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
	case XML_ERR_INVALID_ENCODING:
	case XML_I18N_CONV_FAILED: {
		const char *bytes = p->xml_error_msg != NULL ? strstr(p->xml_error_msg, "Bytes:")
							     : NULL;
		fail(p, SW_ERROR_PARSE, "invalid UTF-8 at line %d%s%s%s", line,
		     bytes != NULL ? " (" : "", bytes != NULL ? bytes : "", bytes != NULL ? ")" : "");
		break;
	}
	case XML_ERR_UNSUPPORTED_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
		fail(p, SW_ERROR_PARSE, "unsupported encoding at line %d: %s", line, msg);
		break;
	case XML_ERR_INVALID_CHAR:
		fail(p, SW_ERROR_PARSE, "invalid character at line %d: %s", line, msg);
		break;
	case XML_ERR_DOCUMENT_EMPTY:
		fail(p, SW_ERROR_PARSE, "empty document");
		break;
	case XML_ERR_DOCUMENT_END:
		/* libxml2's push parser says "Extra content at the end" for a cut-off document. */
		if (at_end && p->ctxt->name != NULL) {
			fail(p, SW_ERROR_PARSE, "truncated XML at line %d: input ends inside <%s>",
			     line, (const char *)p->ctxt->name);
			break;
		}
		fail(p, SW_ERROR_PARSE, "malformed XML at line %d: %s", line, msg);
		break;
	default:
		if (at_end) {
			fail(p, SW_ERROR_PARSE, "truncated or malformed XML at line %d: %s", line,
			     msg);
		} else {
			fail(p, SW_ERROR_PARSE, "malformed XML at line %d: %s", line, msg);
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
	sax.serror = on_xml_error;
	sax.startElement = NULL;
	sax.endElement = NULL;
	sax.reference = NULL;
	sax.comment = NULL;
	sax.processingInstruction = NULL;
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
	/* Never NOENT, HUGE, DTDLOAD, DTDATTR, DTDVALID or XINCLUDE (REFERENCE.md §7.2). */
	xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	return true;
}

/* One xmlParseChunk call and its error handling. */
static bool
push(XmlFeedParser *p, const char *data, gsize len, bool terminate)
{
	if (p->stopped_ok) {
		return true;
	}
	xmlParseChunk(p->ctxt, data, (int)len, terminate ? 1 : 0);
	if (p->error != NULL) {
		return false;
	}
	if (p->stopped_ok) {
		return true;
	}
	if (!p->ctxt->wellFormed || p->xml_error_fatal) {
		raise_xml_error(p, terminate);
		return false;
	}
	return true;
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
	p->max_bytes = ctx->max_bytes != 0 ? ctx->max_bytes : DEFAULT_MAX_BYTES;
	p->max_field_bytes = ctx->max_field_bytes != 0 ? ctx->max_field_bytes
						       : DEFAULT_MAX_FIELD_BYTES;
	p->max_depth = ctx->max_depth != 0 ? ctx->max_depth : DEFAULT_MAX_DEPTH;
	p->max_items = ctx->max_items != 0 ? ctx->max_items : DEFAULT_MAX_ITEMS;
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
	if (ctx->base_url != NULL && contains_ci(ctx->base_url, "azure")) {
		p->provider = PROVIDER_AZURE;
	}
	return p;
}

static void
tagscan_special(TagScan *t, const char *term)
{
	t->state = TAGSCAN_SPECIAL;
	t->term = term;
}

/* The byte @i positions from the start of @data (-1 and -2 reach into the previous chunk). */
static unsigned char
tagscan_byte(const TagScan *t, const char *data, gssize i)
{
	return i >= 0 ? (unsigned char)data[i] : t->prev[2 + i];
}

/* Runs the guard over one chunk; false when a tag is too long. */
static bool
tagscan_feed(TagScan *t, const char *data, gsize len)
{
	const char *c = data;
	const char *end = data + len;

	while (c < end) {
		switch (t->state) {
		case TAGSCAN_START:
			t->start[t->start_len++] = *c++;
			if (t->start_len == 2) {
				unsigned char a = (unsigned char)t->start[0];
				unsigned char b = (unsigned char)t->start[1];
				bool utf16 = (a == 0xFE && b == 0xFF) || (a == 0xFF && b == 0xFE) ||
					     (a == 0 && b == '<') || (a == '<' && b == 0);
				t->state = utf16 ? TAGSCAN_OFF : TAGSCAN_TEXT;
				if (!utf16) {
					/* Scan the two bytes themselves (no history before them). */
					TagScan sub = *t;
					bool ok = tagscan_feed(&sub, t->start, 2);
					*t = sub;
					if (!ok) {
						return false;
					}
				}
			}
			break;
		case TAGSCAN_OFF:
			return true;
		case TAGSCAN_TEXT: {
			const char *lt = memchr(c, '<', (gsize)(end - c));
			if (lt == NULL) {
				c = end;
				break;
			}
			c = lt + 1;
			t->state = TAGSCAN_LT;
			break;
		}
		case TAGSCAN_LT:
			if (*c == '!') {
				t->state = TAGSCAN_LT_BANG;
				c++;
			} else if (*c == '?') {
				tagscan_special(t, "?>");
				c++;
			} else {
				t->state = TAGSCAN_TAG;
				t->tag_len = 1;
			}
			break;
		case TAGSCAN_LT_BANG:
			tagscan_special(t, *c == '[' ? "]]>" : *c == '-' ? "-->" : ">");
			c++;
			break;
		case TAGSCAN_TAG:
			for (; c < end; c++) {
				if (*c == '>') {
					t->state = TAGSCAN_TEXT;
					c++;
					break;
				}
				if (*c == '"' || *c == '\'') {
					t->quote = *c;
					t->state = TAGSCAN_QUOTE;
					c++;
					break;
				}
				if (++t->tag_len > MAX_TAG_BYTES) {
					return false;
				}
			}
			break;
		case TAGSCAN_QUOTE: {
			const char *q = memchr(c, t->quote, (gsize)(end - c));
			t->tag_len += (gsize)((q != NULL ? q : end) - c);
			if (t->tag_len > MAX_TAG_BYTES) {
				return false;
			}
			if (q == NULL) {
				c = end;
				break;
			}
			c = q + 1;
			t->state = TAGSCAN_TAG;
			break;
		}
		case TAGSCAN_SPECIAL: {
			const char *gt = memchr(c, '>', (gsize)(end - c));
			if (gt == NULL) {
				c = end;
				break;
			}
			gssize at = gt - data;
			gsize n = strlen(t->term) - 1; /* bytes before the '>' */
			bool match = true;
			for (gsize k = 1; k <= n && match; k++) {
				match = at - (gssize)k >= -2 &&
					tagscan_byte(t, data, at - (gssize)k) ==
						(unsigned char)t->term[n - k];
			}
			c = gt + 1;
			if (match) {
				t->state = TAGSCAN_TEXT;
			}
			break;
		}
		}
	}
	if (len >= 2) {
		t->prev[0] = (unsigned char)data[len - 2];
		t->prev[1] = (unsigned char)data[len - 1];
	} else if (len == 1) {
		t->prev[0] = t->prev[1];
		t->prev[1] = (unsigned char)data[0];
	}
	return true;
}

bool
xmlfeed_parser_feed(XmlFeedParser *parser, const char *data, gsize len, GError **error)
{
	XmlFeedParser *p = parser;

	g_return_val_if_fail(p != NULL, false);
	if (p->error == NULL && !p->stopped_ok) {
		p->total_bytes += len;
		if (p->total_bytes > p->max_bytes) {
			fail(p, SW_ERROR_LIMIT, "document larger than %" G_GSIZE_FORMAT " bytes",
			     p->max_bytes);
		} else if (!tagscan_feed(&p->tags, data, len)) {
			fail(p, SW_ERROR_LIMIT,
			     "an element tag longer than %d bytes (too many attributes?)",
			     MAX_TAG_BYTES);
		}
	}
	if (p->error == NULL && !p->stopped_ok) {
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
				if (!push(p, data, n, false)) {
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
	if (result->advisories == NULL) {
		result->advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	}
	if (result->warnings == NULL) {
		result->warnings = g_ptr_array_new_with_free_func(g_free);
	}
	gsize n = 0;
	gpointer *v = g_ptr_array_steal(p->advisories, &n);
	for (gsize i = 0; i < n; i++) {
		g_ptr_array_add(result->advisories, v[i]);
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
	g_ptr_array_unref(p->item.categories);
	if (p->sp_ups != NULL) {
		g_array_free(p->sp_ups, TRUE);
	}
	g_string_free(p->feed_title, TRUE);
	g_string_free(p->feed_link, TRUE);
	g_ptr_array_unref(p->advisories);
	g_ptr_array_unref(p->warnings);
	g_clear_error(&p->error);
	g_free(p->xml_error_msg);
	g_free(p);
}
