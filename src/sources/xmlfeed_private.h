/*
 * Internal to the XML feed parser (xmlfeed*.c): the parser's state, shared by
 *   xmlfeed.c             the SAX2 core: libxml2 set-up, callbacks, errors, public API
 *   xmlfeed_item.c        building one Advisory when an item ends
 *   xmlfeed_statuspage.c  Statuspage entry HTML: the update list inside an entry
 *   xmlfeed_patterns.c    provider title and guid patterns (AWS, Azure, Google, status prefixes)
 * and tagscan.[ch], the start-tag guard that runs before libxml2.
 *
 * libxml2 types appear here because this header never leaves sources/.
 */
#ifndef SW_SOURCES_XMLFEED_PRIVATE_H
#define SW_SOURCES_XMLFEED_PRIVATE_H

#include <glib.h>
#include <stdbool.h>

#include <libxml/parser.h>

#include "model/advisory.h"
#include "sources/parsers.h"
#include "sources/tagscan.h"

/* Warnings are one line each; past this many a feed is broken, not interesting. */
#define MAX_WARNINGS 100u

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RSS1 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_XHTML "http://www.w3.org/1999/xhtml"

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
	guint32 base64;               /* bit per Slot: Atom 0.3 mode="base64" */
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

/* Where xmlfeed_bypass_feed()'s scan of the raw bytes is, across chunks. */
typedef struct {
	int state;             /* BP_* in xmlfeed_bypass.c; 0 = in text */
	char quote;            /* the closing quote of an attribute value */
	const char *term;      /* the terminator of a comment, PI or declaration */
	unsigned char prev[2]; /* the last two bytes of the previous chunk */
} BypassState;

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
	bool escape_text;    /* capture is an Atom xhtml field: see begin_capture() */
	guint capture_depth; /* depth of the element that opened the capture */
	GString *feed_title; /* channel/feed title, for provider detection */
	GString *feed_link;  /* RSS channel <link>: last-resort base for relative links */
	bool feed_capture;   /* capturing into feed_title/feed_link rather than an item slot */
	char *feed_home;     /* owned: Atom feed-level <link rel="alternate">, resolved; or NULL */
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
	char *damage;        /* owned: set when items were kept past a libxml2 error */
	char *rss_ns;        /* owned: the default namespace of an <rss> root, or NULL */
	bool atom_no_ns;     /* <feed> root without a namespace: its elements are Atom's */
	bool utf8_only;      /* see xmlfeed_parser_utf8_only() */
	GHashTable *html_entities; /* const char *name → xmlEntity *, owned, see on_get_entity() */

	/* Text read past libxml2: xmlfeed_bypass.c. */
	BypassState bp;
	bool bp_off;         /* not in this document (UTF-16, a DOCTYPE, ...) */
	bool bp_pending;     /* bp_text waits for its PI */
	guint bp_named;      /* the pending text's named references libxml2 would count */
	GString *bp_text;    /* the pending text, decoded */
	GString *bp_pi;      /* the PI pushed in its place */
	GString *bp_carry;   /* a run begun in the previous chunk, not yet pushed */
	GArray *bp_cuts;     /* gsize: where each chunk's piece of bp_carry ends */
};

/* xmlfeed.c */
void xmlfeed_warn(XmlFeedParser *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* @ref resolved against the current base; absolute or unresolvable refs come back unchanged. */
char *xmlfeed_resolve_url(const XmlFeedParser *p, const char *ref);
/* Trims ASCII whitespace of a GString in place; returns its text. */
const char *xmlfeed_gstring_trim(GString *s);

/* One xmlParseChunk() of [data, data + len) and its error handling; false once failed. */
bool xmlfeed_push(XmlFeedParser *p, const char *data, gsize len);
/* What libxml2's characters() callback does with [text, text + len). */
void xmlfeed_characters(XmlFeedParser *p, const char *text, gsize len);

/* xmlfeed_bypass.c: see there.  Setup once per process, before any parser. */
void xmlfeed_bypass_setup(void);
/* Pushes a chunk to libxml2, reading long text runs and CDATA sections itself. */
bool xmlfeed_bypass_feed(XmlFeedParser *p, const char *data, gsize len);
/* Pushes what xmlfeed_bypass_feed() held back, before the end of the document. */
void xmlfeed_bypass_flush(XmlFeedParser *p);
/* The processingInstruction() callback. */
void xmlfeed_bypass_pi(XmlFeedParser *p, const char *target);

/* xmlfeed_item.c: the item that just ended → one advisory in p->advisories, or a warning. */
void xmlfeed_item_build(XmlFeedParser *p);

/*
 * xmlfeed_statuspage.c.  Whether an entry body (markup) is a Statuspage update list, and
 * the advisory's text, updates, status, kind, start and end from it.  @html is the
 * item's body slot, converted in place.
 */
bool xmlfeed_statuspage_body(const char *html);
void xmlfeed_statuspage_apply(XmlFeedParser *p, Advisory *adv, char *html, gsize html_len);

/* xmlfeed_patterns.c */
/* ASCII case-insensitive strstr; @needle is lower-case ASCII; NULL @hay is no match. */
bool xmlfeed_contains_ci(const char *hay, const char *needle);
/* Services and region: provider patterns, else the item's categories, else the source. */
void xmlfeed_item_services(XmlFeedParser *p, Advisory *adv);

#endif
