/*
 * The source front end: takes the bytes of one response as they arrive,
 * decides from the content what format they are (never from the URL or the
 * Content-Type), and hands them to the format's parser: XML formats are
 * streamed into xmlfeed.c's SAX2 push parser, JSON formats are collected
 * (bounded by max_bytes) and parsed once at the end.  This is the one place
 * that applies the context defaults.  No error or warning names the source:
 * whoever reports it does, once (the daemon's "source 'NAME': ..." lines, the
 * file name in `link`).
 *
 * It must never do I/O or log: results and errors go back to the caller.
 *
 * Detection (source_detect, and the parser's first chunks):
 *   1. A BOM: UTF-8 (EF BB BF, skipped), UTF-16 BE/LE (FE FF / FF FE); without a
 *      BOM, a NUL in the first two bytes means UTF-16 too (RFC 4627 §3, XML F.1).
 *      UTF-16 JSON is converted to UTF-8 at the end (bounded by max_bytes);
 *      UTF-16 XML goes to libxml2 raw, which reads the BOM itself.
 *   2. The first significant byte: '<' XML or HTML, '{' or '[' JSON, nothing at
 *      all: "not a feed: empty response".
 *   3. XML: the root element after any <?..?>, comments and DOCTYPE: rss → RSS,
 *      rdf:RDF → RDF, feed → Atom; html (or a DOCTYPE html, or an HTML body tag)
 *      → "got an HTML page (<html>, title '...'), not a feed".
 *   4. JSON: the keys of the parsed document (json_classify): "version" containing
 *      jsonfeed.org → JSON Feed; "page" with incidents / scheduled_maintenances /
 *      components / incident / status → Statuspage; "@odata.context" naming
 *      serviceAnnouncement, or "value" items with Graph issue or Message Center
 *      keys → Graph.
 *
 * ctx->expect is a hint, not a filter: when the content is another known feed
 * format it is parsed as what it is (result->format tells), because feeds move
 * between RSS and Atom and the user wants the advisories, not a config
 * argument.  Two exceptions: (a) a source expecting statuspage or graph (JSON
 * APIs) that receives XML is an error ("expected statuspage (JSON), got rss
 * (XML)"): an API endpoint answering XML is a wrong URL or a proxy page;
 * (b) JSON that matches no format is parsed as the expected JSON format when
 * one is expected (a Graph page with an empty "value" carries no telling key).
 */
#include "sources/source.h"

#include <stdarg.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "model/advisory.h"
#include "sources/field_copy.h"
#include "sources/json_util.h"
#include "sources/parsers.h"
#include "sources/text_window.h"
#include "util/error.h"
#include "util/text.h"

/* How far into the document the root element may be.  Real prologs (XML declaration,
 * a stylesheet PI, a comment) are a few hundred bytes; 16 KiB is ample and bounds the
 * rescans of a prolog pushed one byte at a time (see source_parser_feed). */
#define SNIFF_MAX (16u * 1024)
/* How much of an HTML page to keep looking for its <title> in. */
#define HTML_TITLE_WINDOW (16u * 1024)

typedef enum {
	ENCODING_UTF8,
	ENCODING_UTF16BE,
	ENCODING_UTF16LE,
	ENCODING_UTF32BE, /* XML only: decoded here, libxml2 2.9.14 mistakes FF FE 00 00 for UTF-16 */
	ENCODING_UTF32LE,
} Encoding;

typedef enum {
	FAMILY_NEED_MORE, /* cannot tell yet */
	FAMILY_NONE,      /* not a feed; reason set */
	FAMILY_XML,       /* format set */
	FAMILY_HTML,      /* tag set */
	FAMILY_JSON,
} Family;

typedef struct {
	Family family;
	SourceFormat format; /* XML: the root's format */
	Encoding encoding;
	gsize bom_len;
	bool saw_lt;      /* the first significant character was '<' */
	char tag[32];     /* HTML: what gave it away ("html", "!DOCTYPE html") */
	char reason[128]; /* FAMILY_NONE: why, after "not a feed: " */
} Sniff;

void
source_context_apply_defaults(SourceContext *ctx)
{
	/* 8 MiB holds Google's multi-megabyte incidents.json with room; 256 KiB is far beyond
	 * any real post; 64 levels is 8x the deepest real feed (Graph: 5); 1000 items is 20
	 * Statuspage pages of 50. */
	if (ctx->max_bytes == 0) {
		ctx->max_bytes = SOURCE_DEFAULT_MAX_BYTES;
	}
	if (ctx->max_field_bytes == 0) {
		ctx->max_field_bytes = SOURCE_DEFAULT_MAX_FIELD_BYTES;
	}
	if (ctx->max_depth == 0) {
		ctx->max_depth = SOURCE_DEFAULT_MAX_DEPTH;
	}
	if (ctx->max_items == 0) {
		ctx->max_items = SOURCE_DEFAULT_MAX_ITEMS;
	}
}

typedef enum {
	STATE_SNIFF,  /* collecting the first bytes in buf */
	STATE_XML,    /* streaming into xml */
	STATE_JSON,   /* collecting the whole document in buf */
	STATE_HTML,   /* collecting up to the <title> for the error message */
	STATE_FAILED, /* failure holds the error */
	STATE_DONE,   /* finish was called */
} State;

struct SourceParser {
	SourceContext ctx; /* defaults applied; source_name and base_url point at the copies below */
	char *source_name; /* owned */
	char *base_url;    /* owned, may be NULL */
	State state;
	Sniff sniff;
	GByteArray *buf;   /* owned: sniffed bytes, then the JSON document or HTML head */
	gsize total;       /* bytes fed so far */
	XmlFeedParser *xml; /* owned, STATE_XML only */
	int utf32;          /* 0, or ENCODING_UTF32BE/LE: feed_xml() decodes */
	gsize utf32_skip;   /* BOM bytes still to drop */
	guint8 utf32_carry[4];
	guint utf32_carry_len;
	GError *failure;   /* owned, the first error (already prefixed), STATE_FAILED only */
};

/* One table for the serialized names; index = enum value. */
static const char *const format_names[SOURCE_FORMAT_COUNT] = {
	[SOURCE_FORMAT_UNKNOWN] = "unknown",
	[SOURCE_FORMAT_RSS] = "rss",
	[SOURCE_FORMAT_RDF] = "rdf",
	[SOURCE_FORMAT_ATOM] = "atom",
	[SOURCE_FORMAT_JSONFEED] = "jsonfeed",
	[SOURCE_FORMAT_STATUSPAGE] = "statuspage",
	[SOURCE_FORMAT_GRAPH] = "graph",
};

const char *
source_format_to_string(SourceFormat format)
{
	return (unsigned)format < SOURCE_FORMAT_COUNT ? format_names[format] : format_names[0];
}

SourceFormat
source_format_from_string(const char *s)
{
	if (s == NULL) {
		return SOURCE_FORMAT_UNKNOWN;
	}
	for (int i = 0; i < SOURCE_FORMAT_COUNT; i++) {
		if (g_ascii_strcasecmp(format_names[i], s) == 0) {
			return (SourceFormat)i;
		}
	}
	return SOURCE_FORMAT_UNKNOWN;
}

static bool
format_is_json(SourceFormat f)
{
	return f == SOURCE_FORMAT_JSONFEED || f == SOURCE_FORMAT_STATUSPAGE ||
	       f == SOURCE_FORMAT_GRAPH;
}

/* "8 MiB", "256 KiB" or "1000 bytes": the limit as the user configured it. */
static char *
format_size(gsize n)
{
	if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) {
		return g_strdup_printf("%" G_GSIZE_FORMAT " MiB", n / (1024 * 1024));
	}
	if (n >= 1024 && n % 1024 == 0) {
		return g_strdup_printf("%" G_GSIZE_FORMAT " KiB", n / 1024);
	}
	return g_strdup_printf("%" G_GSIZE_FORMAT " bytes", n);
}

/* ---- sniffing ---- */

/*
 * The first bytes as ASCII-compatible text for sniffing: UTF-8 as is (BOM skipped);
 * UTF-16 code units below 0x80 as bytes, others as '?' (only ASCII decides anything).
 * Sets *ret_len.  Caller frees.
 */
static char *
sniff_text(const char *data, gsize len, const Sniff *s, gsize *ret_len)
{
	if (len <= s->bom_len) {
		/* Nothing after the BOM (data may be NULL with len 0: no NULL + 0). */
		*ret_len = 0;
		return g_strdup("");
	}
	const unsigned char *p = (const unsigned char *)data + s->bom_len;
	gsize n = len - s->bom_len;

	if (n > SNIFF_MAX) {
		n = SNIFF_MAX;
	}
	if (s->encoding == ENCODING_UTF8) {
		*ret_len = n;
		return g_strndup((const char *)p, n);
	}
	if (s->encoding == ENCODING_UTF32BE || s->encoding == ENCODING_UTF32LE) {
		char *out = g_malloc(n / 4 + 1);
		gsize o = 0;
		for (gsize i = 0; i + 3 < n; i += 4) {
			guint32 unit = s->encoding == ENCODING_UTF32BE
					       ? (guint32)p[i] << 24 | (guint32)p[i + 1] << 16 |
							 (guint32)p[i + 2] << 8 | p[i + 3]
					       : (guint32)p[i + 3] << 24 | (guint32)p[i + 2] << 16 |
							 (guint32)p[i + 1] << 8 | p[i];
			out[o++] = unit != 0 && unit < 0x80 ? (char)unit : '?';
		}
		out[o] = '\0';
		*ret_len = o;
		return out;
	}
	char *out = g_malloc(n / 2 + 1);
	gsize o = 0;
	for (gsize i = 0; i + 1 < n; i += 2) {
		guint unit = s->encoding == ENCODING_UTF16BE ? (guint)(p[i] << 8 | p[i + 1])
							      : (guint)(p[i + 1] << 8 | p[i]);
		out[o++] = unit != 0 && unit < 0x80 ? (char)unit : '?';
	}
	out[o] = '\0';
	*ret_len = o;
	return out;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool
has_prefix_ci(const char *p, gsize avail, const char *prefix)
{
	gsize n = strlen(prefix);
	return avail >= n && g_ascii_strncasecmp(p, prefix, n) == 0;
}

/* Finds @needle in [@p, @p + @avail); returns the offset after it or 0 when absent. */
static gsize
skip_past(const char *p, gsize avail, const char *needle)
{
	gsize n = strlen(needle);
	for (gsize i = 0; i + n <= avail; i++) {
		if (memcmp(p + i, needle, n) == 0) {
			return i + n;
		}
	}
	return 0;
}

/* Tags that start HTML documents served in place of a feed (login walls, CDN challenges,
 * SPA shells); sorted for bsearch. */
static const char *const html_tags[] = {
	"a", "body", "center", "div", "h1", "head", "html", "iframe", "link", "meta",
	"noscript", "p", "script", "span", "style", "table", "title",
};

static int
compare_tag(const void *key, const void *elem)
{
	return g_ascii_strcasecmp(key, *(const char *const *)elem);
}

static bool
is_html_tag(const char *name)
{
	return bsearch(name, html_tags, G_N_ELEMENTS(html_tags), sizeof html_tags[0],
		       compare_tag) != NULL;
}

/* The root element of an XML-looking text starting at '<'. */
static void
sniff_xml(const char *t, gsize n, bool complete, Sniff *s)
{
	gsize i = 0;

	for (;;) {
		while (i < n && is_space(t[i])) {
			i++;
		}
		if (i >= n) {
			break;
		}
		if (t[i] != '<') {
			g_snprintf(s->reason, sizeof s->reason, "text before the root element");
			s->family = FAMILY_NONE;
			return;
		}
		const char *p = t + i;
		gsize avail = n - i;
		gsize skip;
		if (avail < 2) {
			break;
		}
		if (p[1] == '?') {
			skip = skip_past(p, avail, "?>");
		} else if (has_prefix_ci(p, avail, "<!--")) {
			skip = skip_past(p, avail, "-->");
		} else if (has_prefix_ci(p, avail, "<!DOCTYPE")) {
			gsize k = 9;
			while (k < avail && is_space(p[k])) {
				k++;
			}
			/* "<!DOCTYPE html>" (HTML5) is a page.  An XHTML DOCTYPE with a public
			 * id is also served in front of <rss> by some generators: the root
			 * element decides then. */
			gsize e = k + 4;
			while (e < avail && is_space(p[e])) {
				e++;
			}
			if (e < avail && has_prefix_ci(p + k, avail - k, "html") &&
			    (is_space(p[k + 4]) || p[k + 4] == '>') && p[e] == '>') {
				s->family = FAMILY_HTML;
				g_strlcpy(s->tag, "!DOCTYPE html", sizeof s->tag);
				return;
			}
			/* Skip the declaration, including an internal subset in [...]. */
			skip = 0;
			bool subset = false;
			for (gsize j = k; j < avail; j++) {
				if (p[j] == '[') {
					subset = true;
				} else if (p[j] == ']') {
					subset = false;
				} else if (p[j] == '>' && !subset) {
					skip = j + 1;
					break;
				}
			}
		} else if (p[1] == '!') {
			if (avail < 9) {
				break;
			}
			g_snprintf(s->reason, sizeof s->reason, "markup before the root element");
			s->family = FAMILY_NONE;
			return;
		} else {
			/* The root element's name runs to whitespace, '>' or '/'. */
			gsize k = 1;
			while (k < avail && !is_space(p[k]) && p[k] != '>' && p[k] != '/') {
				k++;
			}
			if (k >= avail) {
				break;
			}
			g_autofree char *name = g_strndup(p + 1, MIN(k - 1, 64));
			const char *colon = strchr(name, ':');
			const char *local = colon != NULL ? colon + 1 : name;
			if (g_ascii_strcasecmp(local, "rss") == 0) {
				s->format = SOURCE_FORMAT_RSS;
			} else if (strcmp(local, "RDF") == 0) {
				s->format = SOURCE_FORMAT_RDF;
			} else if (strcmp(local, "feed") == 0) {
				s->format = SOURCE_FORMAT_ATOM;
			} else if (is_html_tag(name)) {
				s->family = FAMILY_HTML;
				g_strlcpy(s->tag, name, sizeof s->tag);
				return;
			} else {
				g_autofree char *shown = text_fold_whitespace(name);
				g_snprintf(s->reason, sizeof s->reason, "root element <%s>",
					   g_utf8_validate(shown, -1, NULL) ? shown : "?");
				s->family = FAMILY_NONE;
				return;
			}
			s->family = FAMILY_XML;
			return;
		}
		if (skip == 0) {
			break; /* the construct is not closed yet */
		}
		i += skip;
	}
	if (complete) {
		s->family = FAMILY_NONE;
		g_snprintf(s->reason, sizeof s->reason, "XML with no root element");
	}
}

/*
 * Everything detection can tell from the first @len bytes; @complete says no more
 * will come.  JSON is only recognised as JSON here; its format needs the keys.
 */
static void
sniff_prefix(const char *data, gsize len, bool complete, Sniff *s)
{
	const unsigned char *u = (const unsigned char *)data;

	memset(s, 0, sizeof *s);
	s->family = FAMILY_NEED_MORE;
	s->encoding = ENCODING_UTF8;

	/* A BOM needs up to 3 bytes to be told apart, BOM-less UTF-16 two ("{\0" or "\0{"),
	 * and a UTF-16 first character after a BOM four: wait for 4 unless that is all. */
	if (!complete && len < 4) {
		return;
	}
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		s->bom_len = 3;
	} else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF) {
		s->encoding = ENCODING_UTF32BE;
		s->bom_len = 4;
	} else if (len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) {
		s->encoding = ENCODING_UTF32LE;
		s->bom_len = 4;
	} else if (len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0 && u[3] == '<') {
		s->encoding = ENCODING_UTF32BE;
	} else if (len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == 0 && u[3] == 0) {
		s->encoding = ENCODING_UTF32LE;
	} else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		s->encoding = ENCODING_UTF16BE;
		s->bom_len = 2;
	} else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		s->encoding = ENCODING_UTF16LE;
		s->bom_len = 2;
	} else if (len >= 2 && u[0] == 0x00 && u[1] != 0x00) {
		s->encoding = ENCODING_UTF16BE;
	} else if (len >= 2 && u[0] != 0x00 && u[1] == 0x00) {
		s->encoding = ENCODING_UTF16LE;
	}

	gsize n;
	g_autofree char *t = sniff_text(data, len, s, &n);
	gsize i = 0;
	while (i < n && is_space(t[i])) {
		i++;
	}
	if (i >= n) {
		if (complete) {
			s->family = FAMILY_NONE;
			g_strlcpy(s->reason, "empty response", sizeof s->reason);
		} else if (len - s->bom_len > SNIFF_MAX) {
			s->family = FAMILY_NONE;
			g_strlcpy(s->reason, "only whitespace in the first 16 KiB", sizeof s->reason);
		}
		return;
	}
	unsigned char c = (unsigned char)t[i];
	if (c == '{' || c == '[') {
		s->family = FAMILY_JSON;
		return;
	}
	if (c == '<') {
		s->saw_lt = true;
		/* Past SNIFF_MAX the text was cut, so "complete" would misreport the reason. */
		bool cut = len - s->bom_len > SNIFF_MAX;
		sniff_xml(t + i, n - i, complete && !cut, s);
		if (s->family == FAMILY_NEED_MORE && cut) {
			s->family = FAMILY_NONE;
			g_strlcpy(s->reason, "no root element in the first 16 KiB", sizeof s->reason);
		}
		return;
	}
	s->family = FAMILY_NONE;
	if (c >= 0x20 && c < 0x7f) {
		g_snprintf(s->reason, sizeof s->reason, "starts with '%c'", c);
	} else {
		g_snprintf(s->reason, sizeof s->reason, "starts with byte 0x%02x", c);
	}
}

/* JSON bytes (BOM skipped, UTF-16 converted) as UTF-8.  *ret_owned gets the allocation
 * when one was needed.  Errors: SW_ERROR_PARSE. */
static bool
json_utf8(const char *data, gsize len, const Sniff *s, const char **ret_data, gsize *ret_len,
	  char **ret_owned, GError **error)
{
	data += s->bom_len;
	len -= s->bom_len;
	*ret_owned = NULL;
	if (s->encoding == ENCODING_UTF8) {
		*ret_data = data;
		*ret_len = len;
		return true;
	}
	/* len <= max_bytes, so the output is bounded too (at most 3 bytes per 2-byte unit). */
	g_autoptr(GError) local = NULL;
	gsize written = 0;
	char *out = g_convert(data, (gssize)len, "UTF-8",
			      s->encoding == ENCODING_UTF16BE ? "UTF-16BE" : "UTF-16LE", NULL,
			      &written, &local);
	if (out == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "invalid UTF-16 JSON: %s",
			    local->message);
		return false;
	}
	*ret_owned = out;
	*ret_data = out;
	*ret_len = written;
	return true;
}

SourceFormat
source_detect(const char *data, gsize len)
{
	Sniff s;

	if (data == NULL) {
		return SOURCE_FORMAT_UNKNOWN;
	}
	sniff_prefix(data, len, true, &s);
	if (s.family == FAMILY_XML) {
		return s.format;
	}
	if (s.family != FAMILY_JSON) {
		return SOURCE_FORMAT_UNKNOWN;
	}
	const char *json;
	gsize json_len;
	g_autofree char *owned = NULL;
	if (!json_utf8(data, len, &s, &json, &json_len, &owned, NULL)) {
		return SOURCE_FORMAT_UNKNOWN;
	}
	cJSON *root = json_parse_bounded(json, json_len, SOURCE_DEFAULT_MAX_DEPTH, NULL);
	SourceFormat f = json_classify(root);
	cJSON_Delete(root);
	return f;
}

/* ---- the push parser ---- */

SourceParser *
source_parser_new(const SourceContext *ctx)
{
	g_return_val_if_fail(ctx != NULL, NULL);

	SourceParser *p = g_new0(SourceParser, 1);
	p->ctx = *ctx;
	p->source_name = g_strdup(ctx->source_name != NULL ? ctx->source_name : "unnamed");
	p->base_url = g_strdup(ctx->base_url);
	p->ctx.source_name = p->source_name;
	p->ctx.base_url = p->base_url;
	source_context_apply_defaults(&p->ctx);
	/* GByteArray lengths are guint: a cap beyond that could not be honoured anyway. */
	p->ctx.max_bytes = MIN(p->ctx.max_bytes, (gsize)G_MAXUINT / 2);
	p->buf = g_byte_array_new();
	p->state = STATE_SNIFF;
	return p;
}

void
source_parser_free(SourceParser *parser)
{
	if (parser == NULL) {
		return;
	}
	if (parser->xml != NULL) {
		xmlfeed_parser_free(parser->xml);
	}
	g_byte_array_unref(parser->buf);
	g_clear_error(&parser->failure);
	g_free(parser->source_name);
	g_free(parser->base_url);
	g_free(parser);
}

void
source_result_free(SourceResult *result)
{
	if (result == NULL) {
		return;
	}
	g_ptr_array_unref(result->advisories);
	g_ptr_array_unref(result->warnings);
	g_free(result->next_link);
	g_free(result->damage);
	g_free(result);
}

static SourceResult *
result_new(SourceFormat format)
{
	SourceResult *r = g_new0(SourceResult, 1);
	r->format = format;
	r->advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	r->warnings = g_ptr_array_new_with_free_func(g_free);
	return r;
}

/* Records @err (taking it) as the parser's failure and hands a copy out. */
static void
fail(SourceParser *p, GError *err, GError **error)
{
	if (p->xml != NULL) {
		xmlfeed_parser_free(p->xml);
		p->xml = NULL;
	}
	g_clear_error(&p->failure);
	p->failure = err;
	p->state = STATE_FAILED;
	g_propagate_error(error, g_error_copy(err));
}

static void
fail_with(SourceParser *p, GError **error, int code, const char *format, ...)
	G_GNUC_PRINTF(4, 5);

static void
fail_with(SourceParser *p, GError **error, int code, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	GError *err = g_error_new_valist(SW_ERROR, code, format, args);
	va_end(args);
	fail(p, err, error);
}

/* The <title> of the HTML collected so far, folded and cut to 80 bytes, or NULL. */
static char *
html_title(const SourceParser *p)
{
	gsize n;
	g_autofree char *t = sniff_text((const char *)p->buf->data,
					MIN(p->buf->len, p->sniff.bom_len + HTML_TITLE_WINDOW),
					&p->sniff, &n);
	for (gsize i = 0; i + 6 < n; i++) {
		if (t[i] != '<' || !has_prefix_ci(t + i, n - i, "<title")) {
			continue;
		}
		const char *open_end = memchr(t + i, '>', n - i);
		if (open_end == NULL) {
			return NULL;
		}
		gsize start = (gsize)(open_end + 1 - t);
		for (gsize j = start; j + 7 < n; j++) {
			if (t[j] == '<' && has_prefix_ci(t + j, n - j, "</title")) {
				g_autofree char *raw = g_strndup(t + start, j - start);
				g_autofree char *plain = text_from_html(raw, 256);
				g_autofree char *line = field_copy_line(plain, 80);
				return line[0] != '\0' ? g_steal_pointer(&line) : NULL;
			}
		}
		return NULL;
	}
	return NULL;
}

static void
fail_html(SourceParser *p, GError **error)
{
	g_autofree char *title = html_title(p);

	if (title != NULL) {
		fail_with(p, error, SW_ERROR_PARSE, "got an HTML page (<%s>, title '%s'), not a feed",
			  p->sniff.tag, title);
	} else {
		fail_with(p, error, SW_ERROR_PARSE, "got an HTML page (<%s>), not a feed",
			  p->sniff.tag);
	}
}

/* True when the HTML head collected so far is enough for the error message. */
static bool
html_head_complete(const SourceParser *p)
{
	if (p->buf->len >= p->sniff.bom_len + HTML_TITLE_WINDOW) {
		return true;
	}
	gsize n;
	g_autofree char *t = sniff_text((const char *)p->buf->data, p->buf->len, &p->sniff, &n);
	for (gsize j = 0; j + 7 < n; j++) {
		if (t[j] == '<' && has_prefix_ci(t + j, n - j, "</title")) {
			return true;
		}
	}
	return false;
}

/* Acts on a decided sniff: starts the XML parser, or switches to JSON / HTML, or fails. */
/*
 * Bytes to the XML parser: as they are, except UTF-32, which is decoded to UTF-8
 * here (4 bytes per character; a unit split across chunks waits in utf32_carry;
 * a unit that is no Unicode scalar value becomes U+FFFD).  Bounded: at most 4
 * UTF-8 bytes per 4 input bytes, and the input is capped by max_bytes.
 */
static bool
feed_xml(SourceParser *p, const char *data, gsize len, GError **error)
{
	if (p->utf32 == 0) {
		return xmlfeed_parser_feed(p->xml, data, len, error);
	}
	g_autoptr(GString) out = g_string_sized_new(len + 4);
	for (gsize i = 0; i < len; i++) {
		if (p->utf32_skip > 0) {
			p->utf32_skip--;
			continue;
		}
		p->utf32_carry[p->utf32_carry_len++] = (guint8)data[i];
		if (p->utf32_carry_len < 4) {
			continue;
		}
		const guint8 *c = p->utf32_carry;
		guint32 u = p->utf32 == ENCODING_UTF32BE
				    ? (guint32)c[0] << 24 | (guint32)c[1] << 16 | (guint32)c[2] << 8 | c[3]
				    : (guint32)c[3] << 24 | (guint32)c[2] << 16 | (guint32)c[1] << 8 | c[0];
		p->utf32_carry_len = 0;
		g_string_append_unichar(out, g_unichar_validate(u) && u != 0 ? u : 0xFFFD);
	}
	return out->len == 0 || xmlfeed_parser_feed(p->xml, out->str, out->len, error);
}

static bool
start_format(SourceParser *p, GError **error)
{
	const Sniff *s = &p->sniff;
	GError *err = NULL;

	switch (s->family) {
	case FAMILY_NONE:
		fail_with(p, error, SW_ERROR_PARSE, "not a feed: %s", s->reason);
		return false;
	case FAMILY_HTML:
		p->state = STATE_HTML;
		if (html_head_complete(p)) {
			fail_html(p, error);
			return false;
		}
		return true;
	case FAMILY_JSON:
		p->state = STATE_JSON;
		return true;
	case FAMILY_XML:
		if (p->ctx.expect == SOURCE_FORMAT_STATUSPAGE || p->ctx.expect == SOURCE_FORMAT_GRAPH) {
			fail_with(p, error, SW_ERROR_PARSE, "expected %s (JSON), got %s (XML)",
				  source_format_to_string(p->ctx.expect),
				  source_format_to_string(s->format));
			return false;
		}
		p->xml = xmlfeed_parser_new(&p->ctx);
		p->state = STATE_XML;
		if (s->encoding == ENCODING_UTF32BE || s->encoding == ENCODING_UTF32LE) {
			p->utf32 = s->encoding;
			p->utf32_skip = s->bom_len;
			xmlfeed_parser_utf8_only(p->xml);
		}
		/* libxml2 gets the raw bytes, BOM included: it decodes UTF-16 itself. */
		if (!feed_xml(p, (const char *)p->buf->data, p->buf->len, &err)) {
			fail(p, err, error);
			return false;
		}
		g_byte_array_set_size(p->buf, 0);
		return true;
	case FAMILY_NEED_MORE:
	default:
		return true;
	}
}

/* True when [@data, @data + @len) could end a construct the XML sniffer waits for: every
 * one of them (PI, comment, DOCTYPE, the root's start tag) ends with '>', which is byte
 * 0x3E in UTF-8 and in either UTF-16 (a stray 0x3E only costs one extra look). */
static bool
may_unblock_sniff(const char *data, gsize len)
{
	return memchr(data, '>', len) != NULL;
}

bool
source_parser_feed(SourceParser *parser, const char *data, gsize len, GError **error)
{
	g_return_val_if_fail(parser != NULL, false);
	g_return_val_if_fail(data != NULL || len == 0, false);

	SourceParser *p = parser;
	if (p->state == STATE_FAILED) {
		g_propagate_error(error, g_error_copy(p->failure));
		return false;
	}
	g_return_val_if_fail(p->state != STATE_DONE, false);
	if (len == 0) {
		return true;
	}
	if (len > p->ctx.max_bytes - MIN(p->total, p->ctx.max_bytes)) {
		g_autofree char *limit = format_size(p->ctx.max_bytes);
		fail_with(p, error, SW_ERROR_LIMIT, "response larger than %s", limit);
		return false;
	}
	p->total += len;

	switch (p->state) {
	case STATE_SNIFF: {
		gsize before = p->buf->len;
		g_byte_array_append(p->buf, (const guint8 *)data, (guint)len);
		/* Re-sniffing after every byte of a long prolog fed one byte at a time would be
		 * quadratic: only look again when this chunk could end what the sniffer waits for
		 * once the '<' is seen (a name or a construct closing). */
		if (before > 0 && p->sniff.family == FAMILY_NEED_MORE && p->sniff.saw_lt &&
		    !may_unblock_sniff(data, len) && p->buf->len - p->sniff.bom_len <= SNIFF_MAX) {
			return true;
		}
		sniff_prefix((const char *)p->buf->data, p->buf->len, false, &p->sniff);
		return start_format(p, error);
	}
	case STATE_XML: {
		GError *err = NULL;
		if (!feed_xml(p, data, len, &err)) {
			fail(p, err, error);
			return false;
		}
		return true;
	}
	case STATE_JSON:
		g_byte_array_append(p->buf, (const guint8 *)data, (guint)len);
		return true;
	case STATE_HTML:
		g_byte_array_append(p->buf, (const guint8 *)data,
				    (guint)MIN(len, HTML_TITLE_WINDOW));
		/* "</title" is only looked for again when a tag may have closed (as above). */
		if ((may_unblock_sniff(data, len) ||
		     p->buf->len >= p->sniff.bom_len + HTML_TITLE_WINDOW) &&
		    html_head_complete(p)) {
			fail_html(p, error);
			return false;
		}
		return true;
	case STATE_FAILED:
	case STATE_DONE:
	default:
		g_return_val_if_reached(false);
	}
}

/* "top-level keys: a, b, c" (at most 5, bounded) for the unknown-JSON message. */
static char *
describe_json(const cJSON *root)
{
	if (cJSON_IsArray(root)) {
		return g_strdup("a JSON array");
	}
	if (!cJSON_IsObject(root)) {
		return g_strdup("a bare JSON value");
	}
	/* An API error body served with 200 ({"error": {"code": ..., "message": ...}}, the
	 * Graph / OData shape): say what the server said. */
	const cJSON *err = json_get_object(root, "error");
	const char *code = json_get_string(err, "code");
	const char *message = json_get_string(err, "message");
	if (code != NULL || message != NULL) {
		g_autofree char *c = field_copy_line(code != NULL ? code : "?", 80);
		g_autofree char *m = field_copy_line(message != NULL ? message : "", 200);
		return g_strdup_printf("an error body: %s: %s", c, m);
	}
	GString *out = g_string_new("JSON with top-level keys ");
	int n = 0;
	const cJSON *item;
	cJSON_ArrayForEach(item, root) {
		if (n == 5) {
			g_string_append(out, ", ...");
			break;
		}
		g_autofree char *key = field_copy_line(item->string != NULL ? item->string : "", 40);
		g_string_append_printf(out, "%s'%s'", n > 0 ? ", " : "", key);
		n++;
	}
	if (n == 0) {
		g_string_assign(out, "an empty JSON object");
	}
	return g_string_free(out, FALSE);
}

static bool
finish_json(SourceParser *p, SourceResult **ret_result, GError **error)
{
	const char *json;
	gsize json_len;
	g_autofree char *owned = NULL;
	GError *err = NULL;

	if (!json_utf8((const char *)p->buf->data, p->buf->len, &p->sniff, &json, &json_len, &owned,
		       &err)) {
		fail(p, err, error);
		return false;
	}
	cJSON *root = json_parse_bounded(json, json_len, p->ctx.max_depth, &err);
	if (root == NULL) {
		fail(p, err, error);
		return false;
	}
	SourceFormat format = json_classify(root);
	if (format == SOURCE_FORMAT_UNKNOWN && format_is_json(p->ctx.expect)) {
		format = p->ctx.expect;
	}
	if (format == SOURCE_FORMAT_UNKNOWN) {
		g_autofree char *what = describe_json(root);
		cJSON_Delete(root);
		fail_with(p, error, SW_ERROR_PARSE, "not a feed: %s", what);
		return false;
	}

	g_autoptr(SourceResult) result = result_new(format);
	bool ok;
	switch (format) {
	case SOURCE_FORMAT_JSONFEED:
		ok = jsonfeed_parse_tree(&p->ctx, root, result, &err);
		break;
	case SOURCE_FORMAT_STATUSPAGE:
		ok = statuspage_parse_tree(&p->ctx, root, result, &err);
		break;
	case SOURCE_FORMAT_GRAPH:
		ok = graph_parse_tree(&p->ctx, root, result, &err);
		break;
	default:
		g_assert_not_reached();
	}
	cJSON_Delete(root);
	if (!ok) {
		fail(p, err, error);
		return false;
	}
	*ret_result = g_steal_pointer(&result);
	return true;
}

/*
 * One feed listing two items with one id (a republished entry, a generator bug):
 * the store keys advisories by (source, id), so one of them would replace the other
 * silently, whichever came last.  Keep the newest (latest updated, else start; the
 * first listed on a tie: feeds list newest first) and say so.  Linear in the items.
 */
static void
drop_duplicate_ids(SourceResult *r)
{
	if (r->advisories->len < 2) {
		return;
	}
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GPtrArray) kept = g_ptr_array_new_full(r->advisories->len,
							 (GDestroyNotify)advisory_unref);
	guint dropped = 0;
	for (guint i = 0; i < r->advisories->len; i++) {
		Advisory *a = r->advisories->pdata[i];
		gpointer at = NULL;
		if (a->id == NULL || !g_hash_table_lookup_extended(seen, a->id, NULL, &at)) {
			if (a->id != NULL) {
				g_hash_table_insert(seen, a->id, GUINT_TO_POINTER(kept->len));
			}
			g_ptr_array_add(kept, advisory_ref(a));
			continue;
		}
		guint k = GPOINTER_TO_UINT(at);
		Advisory *old = kept->pdata[k];
		gint64 t_old = old->updated != SW_TIME_NONE ? old->updated : old->start;
		gint64 t_new = a->updated != SW_TIME_NONE ? a->updated : a->start;
		if (dropped < 100) {
			json_warn(r, "two items with id '%s'; kept the newest", a->id);
		}
		dropped++;
		if (t_new > t_old) {
			kept->pdata[k] = advisory_ref(a);
			/* The key points into the advisory being replaced: re-key it. */
			g_hash_table_replace(seen, a->id, GUINT_TO_POINTER(k));
			advisory_unref(old);
		}
	}
	if (dropped == 0) {
		return;
	}
	g_ptr_array_unref(r->advisories);
	r->advisories = g_steal_pointer(&kept);
}

/*
 * Items of formats with no structured start or end (RSS, RDF, Atom, JSON Feed) start
 * at their publication date, often the provider's last post, and never end; their
 * text often states the impact window ("Between 11:45 UTC and 19:43 UTC on 30 July
 * 2024, ...") or lists the provider's dated posts (text_window.h).  The stated start replaces a later date; a stated end (only a window
 * the text says is over) closes the item.  Entries whose updates were parsed
 * (Statuspage bodies) already have both from their update stamps, unless they are a
 * report after the fact (apply_report_window()).
 */
/*
 * A report after the fact: the first post of an advisory with dated posts came
 * after the impact it states was over ("Between 16:38 and 17:55 UTC, some card
 * payments failed ...", posted at 19:25), so its posts' stamps are the report's and
 * the stated window is the impact's.  Only a closed window that ended by the first
 * post, at most REPORT_LAG_MAX before it: a live incident's "Starting at ..." is
 * left to its stamps, and so is a window of the day before that an update tells of
 * something else ("separately, our fleets in Japan lost connectivity between 04:40
 * and 09:05 UTC", its clock times read on the last day they fit).
 */
#define REPORT_LAG_MAX (12 * 3600)
static void
apply_report_window(Advisory *a)
{
	if (a->start == SW_TIME_NONE) {
		return;
	}
	for (guint i = 0; i < a->updates->len; i++) {
		const AdvisoryUpdate *u = a->updates->pdata[i];
		TextWindow w;
		if (u->time == SW_TIME_NONE || u->text == NULL ||
		    !text_window_find(u->text, u->time, &w) || w.end == SW_TIME_NONE ||
		    w.end > a->start || w.end < a->start - REPORT_LAG_MAX) {
			continue;
		}
		a->start = w.start;
		if (a->end == SW_TIME_NONE || w.end < a->end) {
			a->end = w.end;
		}
		return;
	}
}

/*
 * An item still open whose text appends timed updates ("... Update 8:35 AM: The
 * problem should now be resolved.") ended at its last update when that says so
 * (text_window_update_end()): a person reads it so, and an item left open overlaps
 * every later one on its feed.  Its clock times are read in the zone they name, else
 * in the zone of the item's own date (@first, its first post; @ref, its last change).
 * That last post is the item's state: resolved.
 */
static void
apply_update_end(Advisory *a, gint64 first, gint64 ref)
{
	gint64 end = SW_TIME_NONE;
	if (a->end != SW_TIME_NONE || ref == SW_TIME_NONE ||
	    !text_window_update_end(a->text, first, ref, a->date_offset != ADVISORY_OFFSET_UNKNOWN,
				    a->date_offset, &end)) {
		return;
	}
	a->end = a->start != SW_TIME_NONE ? MAX(end, a->start) : end;
	a->status = ADVISORY_STATUS_RESOLVED;
}

static void
apply_text_windows(SourceResult *r)
{
	bool feed = r->format == SOURCE_FORMAT_RSS || r->format == SOURCE_FORMAT_RDF ||
		    r->format == SOURCE_FORMAT_ATOM || r->format == SOURCE_FORMAT_JSONFEED;
	for (guint i = 0; i < r->advisories->len; i++) {
		Advisory *a = r->advisories->pdata[i];
		if (a->updates->len > 0) {
			apply_report_window(a);
			continue;
		}
		if (!feed) {
			continue;
		}
		/* The item's own date: its last update, as the text was written by then. */
		gint64 first = a->start;
		gint64 ref = MAX(a->start, a->updated);
		TextWindow w = {.timed = true};
		if (ref != SW_TIME_NONE && text_window_find(a->text, ref, &w)) {
			if (a->start == SW_TIME_NONE || w.start < a->start) {
				a->start = w.start;
			}
			if (w.end != SW_TIME_NONE && (a->end == SW_TIME_NONE || w.end < a->end)) {
				a->end = MAX(w.end, a->start);
			}
		}
		if (w.timed) {
			apply_update_end(a, first, ref); /* (a text with no clock time has none) */
		}
	}
}

SourceResult *
source_parser_finish(SourceParser *parser, GError **error)
{
	g_return_val_if_fail(parser != NULL, NULL);

	SourceParser *p = parser;
	SourceResult *result = NULL;
	GError *err = NULL;

	switch (p->state) {
	case STATE_FAILED:
		g_propagate_error(error, g_error_copy(p->failure));
		return NULL;
	case STATE_DONE:
		g_return_val_if_reached(NULL);
	case STATE_SNIFF:
		sniff_prefix((const char *)p->buf->data, p->buf->len, true, &p->sniff);
		if (!start_format(p, error)) {
			return NULL;
		}
		if (p->state == STATE_HTML) {
			fail_html(p, error);
			return NULL;
		}
		if (p->state == STATE_SNIFF) {
			/* Cannot happen: a complete sniff always decides; keep the promise anyway. */
			fail_with(p, error, SW_ERROR_PARSE, "not a feed: undecidable content");
			return NULL;
		}
		return source_parser_finish(p, error);
	case STATE_HTML:
		fail_html(p, error);
		return NULL;
	case STATE_JSON:
		if (!finish_json(p, &result, error)) {
			return NULL;
		}
		break;
	case STATE_XML:
		result = result_new(p->sniff.format);
		if (!xmlfeed_parser_finish(p->xml, result, &err)) {
			source_result_free(result);
			fail(p, err, error);
			return NULL;
		}
		xmlfeed_parser_free(p->xml);
		p->xml = NULL;
		break;
	default:
		g_return_val_if_reached(NULL);
	}
	drop_duplicate_ids(result);
	apply_text_windows(result);
	g_byte_array_set_size(p->buf, 0);
	p->state = STATE_DONE;
	return result;
}

SourceResult *
source_parse(const SourceContext *ctx, const char *data, gsize len, GError **error)
{
	g_autoptr(SourceParser) p = source_parser_new(ctx);

	if (!source_parser_feed(p, data, len, error)) {
		return NULL;
	}
	return source_parser_finish(p, error);
}
