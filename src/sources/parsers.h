/*
 * Internal to sources/: the per-format parsers that source.c dispatches to
 * after detection.  XML formats are streamed (libxml2 SAX2 push parser);
 * JSON formats are parsed from the whole buffer source.c collected (bounded by
 * ctx->max_bytes) with cJSON and a nesting limit.
 *
 * Every parser appends Advisory * (one reference each) to result->advisories
 * and one-line warnings to result->warnings; result->format is already set.
 * Errors: SW_ERROR_PARSE, SW_ERROR_LIMIT.  Messages do not repeat the source
 * name (source.c prefixes "source 'NAME': ").
 */
#ifndef SW_SOURCES_PARSERS_H
#define SW_SOURCES_PARSERS_H

#include <glib.h>
#include <stdbool.h>

#include "sources/source.h"

/* RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 through one SAX2 push parser (xmlfeed.c). */
typedef struct XmlFeedParser XmlFeedParser;
/* @ctx is borrowed and must outlive the parser. */
XmlFeedParser *xmlfeed_parser_new(const SourceContext *ctx);
bool xmlfeed_parser_feed(XmlFeedParser *parser, const char *data, gsize len, GError **error);
/* Fills @result (format set to RSS, RDF or ATOM as found). */
bool xmlfeed_parser_finish(XmlFeedParser *parser, SourceResult *result, GError **error);
void xmlfeed_parser_free(XmlFeedParser *parser);
/* Before the first byte: the input is UTF-8 whatever its declaration says (source.c has
 * decoded UTF-32 already). */
void xmlfeed_parser_utf8_only(XmlFeedParser *parser);

/* JSON Feed 1.0/1.1 (jsonfeed.c), Atlassian Statuspage API v2 (statuspage.c) and Graph
 * pages are parsed from the cJSON tree source.c already built: see the *_parse_tree()
 * entry points in json_util.h.  Graph pages also come as bytes from the m365 client: */
/* Microsoft Graph serviceAnnouncement issues (and messages) page (graph.c);
 * sets result->next_link. */
bool graph_parse(const SourceContext *ctx, const char *data, gsize len, SourceResult *result,
		 GError **error);

#endif
