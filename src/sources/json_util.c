/*
 * Shared JSON helpers for the JSON source formats (see json_util.h).
 *
 * The nesting pre-scan exists because cJSON 1.7.15 recurses once per level and
 * only refuses input deeper than CJSON_NESTING_LIMIT (1000, fixed when Debian
 * built it), far above the context's limit: a 100,000-deep document must be
 * refused here, in one linear pass, before cJSON allocates a node.  Nothing in
 * this file logs or does I/O; errors go back as GError without the source name
 * (source.c adds it).
 */
#include "sources/json_util.h"

#include <stdarg.h>
#include <string.h>

#include "util/error.h"
#include "sources/field_copy.h"
#include "util/timeparse.h"
#include "util/url.h"

void
json_warn(SourceResult *result, const char *format, ...)
{
	va_list args;

	if (result->warnings->len > JSON_MAX_WARNINGS) {
		return;
	}
	if (result->warnings->len == JSON_MAX_WARNINGS) {
		g_ptr_array_add(result->warnings, g_strdup("further warnings suppressed"));
		return;
	}
	va_start(args, format);
	g_ptr_array_add(result->warnings, g_strdup_vprintf(format, args));
	va_end(args);
}

guint
json_nesting_depth(const char *data, gsize len, guint limit, bool *ret_unclosed)
{
	guint depth = 0;
	guint max = 0;
	bool in_string = false;

	for (gsize i = 0; i < len; i++) {
		char c = data[i];

		if (in_string) {
			if (c == '\\') {
				i++; /* skip the escaped character, whatever it is */
			} else if (c == '"') {
				in_string = false;
			}
			continue;
		}
		switch (c) {
		case '"':
			in_string = true;
			break;
		case '[':
		case '{':
			depth++;
			if (depth > max) {
				max = depth;
				if (max > limit) {
					return limit + 1;
				}
			}
			break;
		case ']':
		case '}':
			/* Unbalanced closers are cJSON's to report; never wrap below 0. */
			if (depth > 0) {
				depth--;
			}
			break;
		default:
			break;
		}
	}
	if (ret_unclosed != NULL) {
		*ret_unclosed = in_string || depth > 0;
	}
	return max;
}

/* Line and column (both from 1, column in bytes) of offset @pos in @data. */
static void
position_of(const char *data, gsize len, gsize pos, guint *ret_line, guint *ret_col)
{
	guint line = 1;
	gsize line_start = 0;

	if (pos > len) {
		pos = len;
	}
	for (gsize i = 0; i < pos; i++) {
		if (data[i] == '\n') {
			line++;
			line_start = i + 1;
		}
	}
	*ret_line = line;
	*ret_col = (guint)MIN(pos - line_start + 1, (gsize)G_MAXUINT);
}

static void
set_parse_error(const char *data, gsize len, gsize pos, const char *what, GError **error)
{
	guint line, col;

	position_of(data, len, pos, &line, &col);
	if (pos >= len) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
			    "parse error at line %u, column %u: unexpected end of input (truncated JSON?)",
			    line, col);
		return;
	}
	unsigned char c = (unsigned char)data[pos];
	if (c >= 0x20 && c < 0x7f) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
			    "parse error at line %u, column %u: %s '%c'", line, col, what, c);
	} else {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
			    "parse error at line %u, column %u: %s byte 0x%02x", line, col, what, c);
	}
}

cJSON *
json_parse_bounded(const char *data, gsize len, guint max_depth, GError **error)
{
	const char *end = NULL;
	bool unclosed = false;

	if (json_nesting_depth(data, len, max_depth, &unclosed) > max_depth) {
		g_set_error(error, SW_ERROR, SW_ERROR_LIMIT, "JSON nested deeper than %u levels",
			    max_depth);
		return NULL;
	}
	cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, false);
	if (root == NULL) {
		/* cJSON points at the start of an unterminated string; when the data simply
		 * stops (a cut download), say so at its end instead. */
		gsize pos = (end != NULL && end >= data && !unclosed) ? (gsize)(end - data) : len;
		set_parse_error(data, len, pos, "unexpected", error);
		return NULL;
	}
	/* cJSON stops after the first value; anything but whitespace after it is an error. */
	gsize pos = (end != NULL && end >= data) ? (gsize)(end - data) : len;
	while (pos < len && (data[pos] == ' ' || data[pos] == '\t' || data[pos] == '\n' ||
			     data[pos] == '\r')) {
		pos++;
	}
	if (pos < len) {
		cJSON_Delete(root);
		set_parse_error(data, len, pos, "unexpected data after the JSON value:", error);
		return NULL;
	}
	return root;
}

const char *
json_get_string(const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj)) {
		return NULL;
	}
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(item) ? item->valuestring : NULL;
}

const cJSON *
json_get_array(const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj)) {
		return NULL;
	}
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsArray(item) ? item : NULL;
}

const cJSON *
json_get_object(const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj)) {
		return NULL;
	}
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsObject(item) ? item : NULL;
}

bool
json_get_time_zone(const cJSON *obj, const char *key, gint64 *ret_time, int *ret_offset_minutes)
{
	const char *s = json_get_string(obj, key);
	gint64 t;
	int off;

	if (s == NULL || !time_parse_rfc3339_zone(s, &t, &off)) {
		return false;
	}
	*ret_time = t;
	*ret_offset_minutes = off;
	return true;
}

bool
json_get_time(const cJSON *obj, const char *key, gint64 *ret_time)
{
	int off;
	return json_get_time_zone(obj, key, ret_time, &off);
}

char *
json_get_id(const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj)) {
		return NULL;
	}
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (cJSON_IsString(item)) {
		if (item->valuestring[0] == '\0') {
			return NULL;
		}
		/* Ids are keys in the store: keep them one line and bounded (1 KiB is far
		 * above any real id: Graph EX649175, Statuspage 12 chars, tag: URIs). */
		return field_copy_line(item->valuestring, 1024);
	}
	if (cJSON_IsNumber(item)) {
		double v = item->valuedouble;
		/* 2^53: beyond it a double no longer holds every integer exactly. */
		if (v > -9007199254740992.0 && v < 9007199254740992.0 && v == (double)(gint64)v) {
			return g_strdup_printf("%" G_GINT64_FORMAT, (gint64)v);
		}
		char buf[G_ASCII_DTOSTR_BUF_SIZE];
		return g_strdup(g_ascii_dtostr(buf, sizeof buf, v));
	}
	return NULL;
}

/* http: or https: with a host: "http:a" or "https:///x" leads nowhere. */
static bool
is_web_url(const char *url)
{
	const char *scheme = g_uri_peek_scheme(url);
	if (scheme == NULL || (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)) {
		return false;
	}
	const char *rest = url + strlen(scheme) + 1;
	return rest[0] == '/' && rest[1] == '/' && rest[2] != '\0' && strchr("/?#", rest[2]) == NULL;
}

char *
json_resolve_url(const char *base, const char *ref)
{
	if (ref == NULL || *ref == '\0') {
		return NULL;
	}
	g_autofree char *clean = field_copy_line(ref, 4096);
	if (g_uri_peek_scheme(clean) != NULL) {
		return is_web_url(clean) ? g_steal_pointer(&clean) : NULL;
	}
	if (base == NULL || !is_web_url(base)) {
		return NULL;
	}
	char *abs = url_resolve(base, clean);
	if (abs != NULL && !is_web_url(abs)) {
		g_clear_pointer(&abs, g_free);
	}
	return abs;
}

/* Does this "value" item look like a Graph serviceHealthIssue or serviceUpdateMessage? */
static bool
looks_like_graph_item(const cJSON *item)
{
	if (!cJSON_IsObject(item)) {
		return false;
	}
	static const char *const issue_keys[] = {"classification", "impactDescription",
						  "featureGroup"};
	for (gsize i = 0; i < G_N_ELEMENTS(issue_keys); i++) {
		if (cJSON_GetObjectItemCaseSensitive(item, issue_keys[i]) != NULL) {
			return true;
		}
	}
	/* healthOverviews?$expand=issues: a serviceHealth with its issues inside. */
	const cJSON *issues = json_get_array(item, "issues");
	if (issues != NULL && json_get_string(item, "service") != NULL) {
		return true;
	}
	/* Message Center (serviceUpdateMessage): isMajorChange, or category + services[]. */
	if (cJSON_GetObjectItemCaseSensitive(item, "isMajorChange") != NULL ||
	    cJSON_GetObjectItemCaseSensitive(item, "actionRequiredByDateTime") != NULL) {
		return true;
	}
	return json_get_string(item, "category") != NULL &&
	       json_get_array(item, "services") != NULL;
}

SourceFormat
json_classify(const cJSON *root)
{
	if (!cJSON_IsObject(root)) {
		return SOURCE_FORMAT_UNKNOWN;
	}
	const char *version = json_get_string(root, "version");
	if (version != NULL && strstr(version, "jsonfeed.org") != NULL) {
		return SOURCE_FORMAT_JSONFEED;
	}
	if (json_get_object(root, "page") != NULL &&
	    (json_get_array(root, "incidents") != NULL ||
	     json_get_array(root, "scheduled_maintenances") != NULL ||
	     json_get_array(root, "components") != NULL ||
	     json_get_object(root, "incident") != NULL ||
	     json_get_object(root, "status") != NULL)) {
		return SOURCE_FORMAT_STATUSPAGE;
	}
	const char *context = json_get_string(root, "@odata.context");
	if (context != NULL && strstr(context, "serviceAnnouncement") != NULL) {
		return SOURCE_FORMAT_GRAPH;
	}
	const cJSON *value = json_get_array(root, "value");
	if (value != NULL) {
		/* The first few items decide; a page mixes no other kinds. */
		int n = 0;
		const cJSON *item;
		cJSON_ArrayForEach(item, value) {
			if (looks_like_graph_item(item)) {
				return SOURCE_FORMAT_GRAPH;
			}
			if (++n >= 8) {
				break;
			}
		}
	}
	return SOURCE_FORMAT_UNKNOWN;
}
