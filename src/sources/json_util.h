/*
 * Internal to sources/: what the JSON formats share.  A bounded parse
 * (nesting depth checked before cJSON sees the bytes, because cJSON 1.7.15
 * only stops at a compile-time 1000 levels and recurses once per level), typed
 * getters that treat a missing, null or wrong-typed member as absent (bounded
 * text copies into fields are every format's: field_copy.h), the classification of a
 * parsed document (which JSON format it is), and the tree entry points of the
 * Statuspage and JSON Feed parsers so source.c parses each document once.
 *
 * cJSON types appear here and nowhere outside sources/.
 */
#ifndef SW_SOURCES_JSON_UTIL_H
#define SW_SOURCES_JSON_UTIL_H

#include <cjson/cJSON.h>
#include <glib.h>
#include <stdbool.h>

#include "model/advisory.h"
#include "sources/source.h"

/* Most services one advisory may list: advisory_add_service() is linear in the
 * list, so an unbounded list from a hostile document would make it quadratic. */
#define JSON_MAX_SERVICES 100

/* Most warnings one document may add; a hostile file with a bad date in every one of
 * 100,000 items gets 100 lines and a note, not 100,000. */
#define JSON_MAX_WARNINGS 100

/* Appends a warning line (no source name: source.c adds it), up to JSON_MAX_WARNINGS. */
void json_warn(SourceResult *result, const char *format, ...) G_GNUC_PRINTF(2, 3);

/*
 * Depth of the deepest [ or { nesting in @data (strings and escapes skipped), stopping
 * early once @limit is exceeded (then returns @limit + 1).  Linear, no allocation.
 * @ret_unclosed (may be NULL) is set when the data ends inside a string or an open
 * bracket, i.e. looks truncated (only meaningful when the limit was not hit).
 */
guint json_nesting_depth(const char *data, gsize len, guint limit, bool *ret_unclosed);

/*
 * Parses @data (need not be NUL-terminated) after checking its nesting against
 * @max_depth.  Errors: SW_ERROR_LIMIT ("JSON nested deeper than 64 levels"),
 * SW_ERROR_PARSE ("parse error at line 12, column 5: unexpected 'x'", "... unexpected end
 * of input").  Caller frees with cJSON_Delete().
 */
cJSON *json_parse_bounded(const char *data, gsize len, guint max_depth, GError **error);

/* Typed getters: NULL / false when @obj is not an object, the member is missing, null
 * or of another type.  Returned pointers are borrowed from the tree. */
const char *json_get_string(const cJSON *obj, const char *key);
const cJSON *json_get_array(const cJSON *obj, const char *key);
const cJSON *json_get_object(const cJSON *obj, const char *key);
/* A string member parsed as RFC 3339; false when absent or unparsable. */
bool json_get_time(const cJSON *obj, const char *key, gint64 *ret_time);
/* The same, also giving the zone it was written in (time_parse_rfc3339_zone()). */
bool json_get_time_zone(const cJSON *obj, const char *key, gint64 *ret_time,
			int *ret_offset_minutes);
/* An id: a non-empty string, or a number written as an integer (JSON Feed says readers
 * must coerce numeric ids).  Caller frees; NULL when absent. */
char *json_get_id(const cJSON *obj, const char *key);

/* @ref made absolute against @base (either may be NULL), or NULL when it cannot be or
 * is not http(s) (a javascript: link never reaches a notification).  Caller frees. */
char *json_resolve_url(const char *base, const char *ref);

/* Which JSON format a parsed document is, from its keys (see source.c).
 * SOURCE_FORMAT_UNKNOWN when it is none of ours. */
SourceFormat json_classify(const cJSON *root);

/* Statuspage vocabularies (statuspage.c): incident and maintenance status words
 * (investigating .. postmortem, scheduled .. completed) and impact words (none .. critical,
 * maintenance).  Unknown or NULL gives *_UNKNOWN. */
AdvisoryStatus statuspage_status_from_word(const char *word);
AdvisorySeverity statuspage_severity_from_impact(const char *impact);

/* The JSON formats from a parsed tree (source.c parses once, classifies, then calls one);
 * @ctx has its defaults applied (source_context_apply_defaults()). */
bool jsonfeed_parse_tree(const SourceContext *ctx, const cJSON *root, SourceResult *result,
			 GError **error);
bool statuspage_parse_tree(const SourceContext *ctx, const cJSON *root, SourceResult *result,
			   GError **error);
bool graph_parse_tree(const SourceContext *ctx, const cJSON *root, SourceResult *result,
		      GError **error);

#endif
