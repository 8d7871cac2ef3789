/*
 * The source interface: bytes in, advisories out.  A source parser is a pure
 * function of its input and a context; it does no network, database or
 * logging I/O, so `statuswatch link FILE...`, the fixtures and the daemon run
 * the same code.  Bytes are pushed chunk by chunk as curl delivers them (the
 * XML formats use libxml2's SAX2 push parser and never build a DOM); the
 * format is detected from the content of the first chunks, not from the URL
 * or Content-Type.
 *
 * Limits (bytes, text per field, depth, items) are the parser's own: libxml2
 * 2.9.14 bounds none of them for SAX consumers.  A bad item becomes a warning
 * and is skipped; a bad feed is a GError for this source only.
 */
#ifndef SW_SOURCES_SOURCE_H
#define SW_SOURCES_SOURCE_H

#include <glib.h>
#include <stdbool.h>

typedef enum {
	SOURCE_FORMAT_UNKNOWN = 0,
	SOURCE_FORMAT_RSS,        /* RSS 0.9x / 2.0 */
	SOURCE_FORMAT_RDF,        /* RSS 1.0 */
	SOURCE_FORMAT_ATOM,
	SOURCE_FORMAT_JSONFEED,
	SOURCE_FORMAT_STATUSPAGE, /* Atlassian Statuspage API v2 JSON */
	SOURCE_FORMAT_GRAPH,      /* Microsoft Graph serviceAnnouncement issues/messages page */
	SOURCE_FORMAT_COUNT
} SourceFormat;

/* The parser limits a zero field of SourceContext stands for, written once here. */
#define SOURCE_DEFAULT_MAX_BYTES ((gsize)8 * 1024 * 1024)
#define SOURCE_DEFAULT_MAX_FIELD_BYTES ((gsize)256 * 1024)
#define SOURCE_DEFAULT_MAX_DEPTH 64u
#define SOURCE_DEFAULT_MAX_ITEMS 1000u

typedef struct {
	const char *source_name; /* names every advisory (not the messages: see below) */
	const char *base_url;    /* feed URL for resolving relative links, may be NULL */
	SourceFormat expect;     /* UNKNOWN = detect from content; otherwise required */
	gsize max_bytes;         /* whole document; 0 = default 8 MiB */
	gsize max_field_bytes;   /* one text field; 0 = default 256 KiB */
	guint max_depth;         /* element / JSON nesting; 0 = default 64 */
	guint max_items;         /* items per feed; 0 = default 1000 */
	gint64 now;              /* injected clock (Unix seconds), for year-less dates */
} SourceContext;

/*
 * expect is a hint, not a filter: content of another known format is parsed as
 * what it is (result->format says which), except that a source expecting
 * statuspage or graph (JSON APIs) fails on XML ("expected statuspage (JSON),
 * got rss (XML)"), and JSON that matches no format is read as the expected JSON
 * format if one is set.  Empty input, HTML and unknown content are
 * SW_ERROR_PARSE; a valid feed with no items is an empty result.  No error message
 * or warning names the source: the caller that reports it adds the name once
 * (the daemon logs "source 'NAME': MESSAGE", `link` the file name).
 */
typedef struct {
	SourceFormat format;     /* what was detected */
	GPtrArray *advisories;   /* Advisory *, one reference each */
	GPtrArray *warnings;     /* char *, owned: one line per skipped item or odd value */
	char *next_link;         /* Graph @odata.nextLink, owned, NULL when none */
	bool truncated;          /* items were dropped at max_items: the list is not complete */
	bool damaged;            /* malformed or cut-off document: the items before (and, where
				  * libxml2 recovered, after) the damage were kept; store them,
				  * but save no HTTP validators, so the next poll reads it again */
	char *damage;            /* owned, one line: what was wrong ("damaged feed: ..."), or NULL */
} SourceResult;

typedef struct SourceParser SourceParser;

/* @ctx is copied (its strings too).  Caller frees with source_parser_free(). */
SourceParser *source_parser_new(const SourceContext *ctx);
/* Feeds one chunk.  Errors: SW_ERROR_PARSE (not a feed, malformed, HTML page, entity
 * declaration), SW_ERROR_LIMIT (a cap was hit), SW_ERROR_UNSUPPORTED. */
bool source_parser_feed(SourceParser *parser, const char *data, gsize len, GError **error);
/* Ends the document and hands out the result.  Caller frees with source_result_free().
 * Same error codes as source_parser_feed(). */
SourceResult *source_parser_finish(SourceParser *parser, GError **error);
void source_parser_free(SourceParser *parser);

/* Replaces each zero limit of @ctx by its SOURCE_DEFAULT_* value (source.c does this for
 * every parser it runs; entry points that take a context directly call it on a copy). */
void source_context_apply_defaults(SourceContext *ctx);

/* Convenience: one whole buffer. */
SourceResult *source_parse(const SourceContext *ctx, const char *data, gsize len,
			   GError **error);

void source_result_free(SourceResult *result);

/* Detection from the first bytes (BOM, first significant byte, root element, JSON keys).
 * Returns UNKNOWN when it cannot tell yet or at all. */
SourceFormat source_detect(const char *data, gsize len);

const char *source_format_to_string(SourceFormat format);
SourceFormat source_format_from_string(const char *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(SourceParser, source_parser_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SourceResult, source_result_free)

#endif
