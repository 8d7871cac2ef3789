/*
 * The source front end: format detection from content (BOMs, UTF-16, first
 * byte, root element, JSON keys), the error messages a user sees (HTML page,
 * empty response, unknown JSON, limits, and that none names the source: the caller does),
 * ctx->expect, and the promise that feeding one byte at a time gives what one
 * buffer gives.  Fixtures: tests/fixtures/detect/, statuspage/, jsonfeed/,
 * hostile/; the deep and oversized documents are generated here.
 */
#include <string.h>

#include <glib.h>

#include "model/advisory.h"
#include "sources/source.h"
#include "util/error.h"
#include "util/timeparse.h"

static char *
fixture(const char *dir, const char *name, gsize *ret_len)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", dir, name, NULL);
	char *data = NULL;

	g_assert_true(g_file_get_contents(path, &data, ret_len, NULL));
	return data;
}

static void
test_format_names(void)
{
	static const char *const names[] = {"rss", "rdf", "atom", "jsonfeed", "statuspage",
					    "graph"};
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		SourceFormat f = source_format_from_string(names[i]);
		g_assert_cmpint(f, ==, (SourceFormat)(SOURCE_FORMAT_RSS + i));
		g_assert_cmpstr(source_format_to_string(f), ==, names[i]);
	}
	g_assert_cmpint(source_format_from_string("ATOM"), ==, SOURCE_FORMAT_ATOM);
	g_assert_cmpint(source_format_from_string("yaml"), ==, SOURCE_FORMAT_UNKNOWN);
	g_assert_cmpint(source_format_from_string(NULL), ==, SOURCE_FORMAT_UNKNOWN);
	g_assert_cmpstr(source_format_to_string(SOURCE_FORMAT_COUNT), ==, "unknown");
}

static void
test_detect_table(void)
{
	static const struct {
		const char *dir;
		const char *name;
		SourceFormat expected;
	} cases[] = {
		{"detect", "utf8-bom-statuspage.json", SOURCE_FORMAT_STATUSPAGE},
		{"detect", "utf16be-bom-statuspage.json", SOURCE_FORMAT_STATUSPAGE},
		{"detect", "utf16le-statuspage.json", SOURCE_FORMAT_STATUSPAGE},
		{"detect", "whitespace-before-xml.rss", SOURCE_FORMAT_RSS},
		{"detect", "atom-minimal.xml", SOURCE_FORMAT_ATOM},
		{"detect", "rdf-minimal.xml", SOURCE_FORMAT_RDF},
		{"detect", "graph-empty.json", SOURCE_FORMAT_GRAPH},
		{"detect", "graph-no-context.json", SOURCE_FORMAT_GRAPH},
		{"detect", "graph-message-center.json", SOURCE_FORMAT_GRAPH},
		{"detect", "login.html", SOURCE_FORMAT_UNKNOWN},
		{"detect", "html-no-doctype.html", SOURCE_FORMAT_UNKNOWN},
		{"detect", "empty.txt", SOURCE_FORMAT_UNKNOWN},
		{"detect", "whitespace-only.txt", SOURCE_FORMAT_UNKNOWN},
		{"detect", "unknown.json", SOURCE_FORMAT_UNKNOWN},
		{"statuspage", "incidents-utc.json", SOURCE_FORMAT_STATUSPAGE},
		{"statuspage", "summary.json", SOURCE_FORMAT_STATUSPAGE},
		{"statuspage", "scheduled-maintenances.json", SOURCE_FORMAT_STATUSPAGE},
		{"jsonfeed", "feed-1.1.json", SOURCE_FORMAT_JSONFEED},
		{"jsonfeed", "feed-1.0.json", SOURCE_FORMAT_JSONFEED},
		{"hostile", "json-truncated.json", SOURCE_FORMAT_UNKNOWN},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		gsize len;
		g_autofree char *data = fixture(cases[i].dir, cases[i].name, &len);
		SourceFormat f = source_detect(data, len);
		if (f != cases[i].expected) {
			g_test_message("%s/%s: detected %s, expected %s", cases[i].dir,
				       cases[i].name, source_format_to_string(f),
				       source_format_to_string(cases[i].expected));
			g_test_fail();
		}
	}
	/* Snippets: what the first bytes alone can say. */
	g_assert_cmpint(source_detect("<rss version=\"2.0\">", 19), ==, SOURCE_FORMAT_RSS);
	g_assert_cmpint(source_detect("<?xml version='1.0'?><!-- c --><feed xmlns='x'>", 47), ==,
			SOURCE_FORMAT_ATOM);
	g_assert_cmpint(source_detect("<!DOCTYPE rss [<!ENTITY a 'b'>]><rss>", 37), ==,
			SOURCE_FORMAT_RSS);
	g_assert_cmpint(source_detect("<atom:feed xmlns:atom='x'>", 26), ==, SOURCE_FORMAT_ATOM);
	g_assert_cmpint(source_detect("<rss", 4), ==, SOURCE_FORMAT_UNKNOWN); /* name not ended */
	g_assert_cmpint(source_detect("", 0), ==, SOURCE_FORMAT_UNKNOWN);
	g_assert_cmpint(source_detect(NULL, 0), ==, SOURCE_FORMAT_UNKNOWN); /* no NULL + 0 inside (clang UBSan) */
}

/* Parses @data as one buffer; returns the error message (or NULL) and the result. */
static SourceResult *
parse_buf(const char *name, SourceFormat expect, const char *data, gsize len, GError **error)
{
	SourceContext ctx = {.source_name = name, .expect = expect};
	return source_parse(&ctx, data, len, error);
}

static char *
error_of(const char *dir, const char *file, SourceFormat expect)
{
	gsize len;
	g_autofree char *data = fixture(dir, file, &len);
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_buf("x", expect, data, len, &error);

	g_assert_null(r);
	g_assert_nonnull(error);
	g_assert_true(error->domain == SW_ERROR);
	return g_strdup(error->message);
}

static void
test_error_messages(void)
{
	static const struct {
		const char *dir;
		const char *file;
		SourceFormat expect;
		const char *message;
	} cases[] = {
		{"detect", "login.html", SOURCE_FORMAT_UNKNOWN,
		 "got an HTML page (<!DOCTYPE html>, title 'Sign in to your account'), "
		 "not a feed"},
		{"detect", "html-no-doctype.html", SOURCE_FORMAT_RSS,
		 "got an HTML page (<html>, title 'Just a moment...'), not a feed"},
		{"detect", "empty.txt", SOURCE_FORMAT_UNKNOWN,
		 "not a feed: empty response"},
		{"detect", "whitespace-only.txt", SOURCE_FORMAT_UNKNOWN,
		 "not a feed: empty response"},
		{"detect", "unknown.json", SOURCE_FORMAT_UNKNOWN,
		 "not a feed: JSON with top-level keys 'name', 'items'"},
		{"detect", "atom-minimal.xml", SOURCE_FORMAT_STATUSPAGE,
		 "expected statuspage (JSON), got atom (XML)"},
		{"detect", "whitespace-before-xml.rss", SOURCE_FORMAT_GRAPH,
		 "expected graph (JSON), got rss (XML)"},
		{"hostile", "json-trailing-garbage.json", SOURCE_FORMAT_UNKNOWN,
		 "parse error at line 1, column 38: unexpected data after the JSON "
		 "value: '{'"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *msg = error_of(cases[i].dir, cases[i].file, cases[i].expect);
		g_assert_cmpstr(msg, ==, cases[i].message);
	}

	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_buf("x", 0, "hello", 5, &error);
	g_assert_null(r);
	g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
	g_assert_cmpstr(error->message, ==, "not a feed: starts with 'h'");
	g_clear_error(&error);

	g_autoptr(SourceResult) r2 = parse_buf("x", 0, "<catalog><book/></catalog>", 26, &error);
	g_assert_null(r2);
	g_assert_cmpstr(error->message, ==, "not a feed: root element <catalog>");
	g_clear_error(&error);

	static const char body[] = "{\"error\":{\"code\":\"InvalidAuthenticationToken\","
				   "\"message\":\"Access token is empty.\"}}";
	g_autoptr(SourceResult) r3 = parse_buf("x", 0, body, sizeof body - 1, &error);
	g_assert_null(r3);
	g_assert_cmpstr(error->message, ==,
			"not a feed: an error body: InvalidAuthenticationToken: "
			"Access token is empty.");
}

static void
test_truncated(void)
{
	g_autofree char *msg = error_of("hostile", "json-truncated.json", SOURCE_FORMAT_UNKNOWN);

	/* Where it broke, and why; the source's name is the reporter's to add. */
	g_assert_true(g_str_has_prefix(msg, "parse error at line "));
	g_assert_nonnull(strstr(msg, "unexpected end of input"));
	g_assert_null(strstr(msg, "source '"));
}

static void
test_utf16(void)
{
	/* The UTF-16 (BE with BOM, LE without) and UTF-8-BOM copies read like the original. */
	static const char *const copies[] = {"utf8-bom-statuspage.json",
					     "utf16be-bom-statuspage.json",
					     "utf16le-statuspage.json"};
	gsize len;
	g_autofree char *orig = fixture("statuspage", "summary.json", &len);
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) want = parse_buf("s", 0, orig, len, &error);
	g_assert_no_error(error);

	for (gsize i = 0; i < G_N_ELEMENTS(copies); i++) {
		gsize n;
		g_autofree char *data = fixture("detect", copies[i], &n);
		g_autoptr(SourceResult) got = parse_buf("s", 0, data, n, &error);
		g_assert_no_error(error);
		g_assert_cmpint(got->format, ==, SOURCE_FORMAT_STATUSPAGE);
		g_assert_cmpuint(got->advisories->len, ==, want->advisories->len);
		for (guint k = 0; k < got->advisories->len; k++) {
			g_autofree char *a = advisory_fingerprint(got->advisories->pdata[k]);
			g_autofree char *b = advisory_fingerprint(want->advisories->pdata[k]);
			g_assert_cmpstr(a, ==, b);
		}
	}
}

/* The same document one byte at a time and whole: same advisories, warnings or error. */
static void
check_chunked(const char *data, gsize len, gsize chunk)
{
	SourceContext ctx = {.source_name = "chunky"};
	g_autoptr(GError) whole_error = NULL;
	g_autoptr(SourceResult) whole = source_parse(&ctx, data, len, &whole_error);

	g_autoptr(SourceParser) p = source_parser_new(&ctx);
	g_autoptr(GError) error = NULL;
	bool ok = true;
	for (gsize off = 0; off < len && ok; off += chunk) {
		ok = source_parser_feed(p, data + off, MIN(chunk, len - off), &error);
	}
	g_autoptr(SourceResult) pieces = ok ? source_parser_finish(p, &error) : NULL;

	if (whole == NULL) {
		g_assert_null(pieces);
		g_assert_nonnull(error);
		g_assert_cmpstr(error->message, ==, whole_error->message);
		g_assert_cmpint(error->code, ==, whole_error->code);
		return;
	}
	g_assert_no_error(error);
	g_assert_nonnull(pieces);
	g_assert_cmpint(pieces->format, ==, whole->format);
	g_assert_cmpuint(pieces->advisories->len, ==, whole->advisories->len);
	g_assert_cmpuint(pieces->warnings->len, ==, whole->warnings->len);
	for (guint k = 0; k < whole->advisories->len; k++) {
		g_autofree char *a = advisory_fingerprint(pieces->advisories->pdata[k]);
		g_autofree char *b = advisory_fingerprint(whole->advisories->pdata[k]);
		g_assert_cmpstr(a, ==, b);
	}
	for (guint k = 0; k < whole->warnings->len; k++) {
		g_assert_cmpstr(pieces->warnings->pdata[k], ==, whole->warnings->pdata[k]);
	}
}

static void
test_chunked(void)
{
	static const struct {
		const char *dir;
		const char *name;
	} cases[] = {
		{"statuspage", "incidents-utc.json"},
		{"statuspage", "summary.json"},
		{"jsonfeed", "feed-1.1.json"},
		{"detect", "utf16be-bom-statuspage.json"},
		{"detect", "utf16le-statuspage.json"},
		{"detect", "utf8-bom-statuspage.json"},
		{"detect", "login.html"},
		{"detect", "html-no-doctype.html"},
		{"detect", "empty.txt"},
		{"detect", "whitespace-only.txt"},
		{"detect", "unknown.json"},
		{"hostile", "json-truncated.json"},
		{"hostile", "json-wrong-types.json"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		gsize len;
		g_autofree char *data = fixture(cases[i].dir, cases[i].name, &len);
		g_test_message("%s/%s", cases[i].dir, cases[i].name);
		check_chunked(data, len, 1);
		check_chunked(data, len, 7);
	}
	/* A long prolog fed a byte at a time still finds the root's name. */
	GString *s = g_string_new("<?xml version='1.0'?>");
	for (int i = 0; i < 200; i++) {
		g_string_append(s, "<!-- padding comment -->\n");
	}
	g_string_append(s, "<html><head><title>Portal</title></head></html>");
	check_chunked(s->str, s->len, 1);
	g_string_free(s, TRUE);

	/* A prolog that never ends, pushed a byte at a time: refused at 16 KiB, same message
	 * both ways, and in bounded time (each '>' costs one rescan of at most 16 KiB). */
	GString *endless = g_string_new(NULL);
	while (endless->len < 20000) {
		g_string_append(endless, "<!---->");
	}
	check_chunked(endless->str, endless->len, 1);
	SourceContext ctx = {.source_name = "p"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, endless->str, endless->len, &error);
	g_assert_null(r);
	g_assert_cmpstr(error->message, ==, "not a feed: no root element in the "
					    "first 16 KiB");
	g_string_free(endless, TRUE);
}

static void
test_too_large(void)
{
	/* A 9 MiB body (valid JSON): refused while feeding, before it is all buffered. */
	gsize size = 9u * 1024 * 1024;
	char *big = g_malloc(size);
	static const char head[] = "{\"page\":{\"name\":\"p\"},\"incidents\":[],\"pad\":\"";
	memcpy(big, head, sizeof head - 1);
	memset(big + sizeof head - 1, 'x', size - (sizeof head - 1) - 2);
	memcpy(big + size - 2, "\"}", 2);

	SourceContext ctx = {.source_name = "big"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, big, size, &error);
	g_assert_null(r);
	g_assert_error(error, SW_ERROR, SW_ERROR_LIMIT);
	g_assert_cmpstr(error->message, ==, "response larger than 8 MiB");
	g_clear_error(&error);

	/* Pushed in 64 KiB chunks: the chunk that crosses the line fails, and so do later calls. */
	g_autoptr(SourceParser) p = source_parser_new(&ctx);
	gsize off = 0;
	bool ok = true;
	for (; off < size && ok; off += 65536) {
		ok = source_parser_feed(p, big + off, MIN(65536, size - off), &error);
	}
	g_assert_false(ok);
	g_assert_cmpuint(off, ==, 8u * 1024 * 1024 + 65536);
	g_assert_error(error, SW_ERROR, SW_ERROR_LIMIT);
	g_clear_error(&error);
	g_assert_null(source_parser_finish(p, &error));
	g_assert_cmpstr(error->message, ==, "response larger than 8 MiB");
	g_clear_error(&error);

	/* A configured cap is named as configured. */
	SourceContext small = {.source_name = "small", .max_bytes = 1000};
	g_autoptr(SourceResult) r2 = source_parse(&small, big, 1001, &error);
	g_assert_null(r2);
	g_assert_cmpstr(error->message, ==, "response larger than 1000 bytes");
	g_free(big);
}

static void
test_too_deep(void)
{
	/* 100,000 levels: refused by the pre-scan, before cJSON recurses. */
	gsize depth = 100000;
	GString *s = g_string_sized_new(depth * 2 + 64);
	g_string_append(s, "{\"page\":{\"name\":\"p\"},\"incidents\":");
	for (gsize i = 0; i < depth; i++) {
		g_string_append_c(s, '[');
	}
	for (gsize i = 0; i < depth; i++) {
		g_string_append_c(s, ']');
	}
	g_string_append_c(s, '}');

	SourceContext ctx = {.source_name = "deep"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, s->str, s->len, &error);
	g_assert_null(r);
	g_assert_error(error, SW_ERROR, SW_ERROR_LIMIT);
	g_assert_cmpstr(error->message, ==, "JSON nested deeper than 64 levels");
	g_clear_error(&error);
	g_assert_cmpint(source_detect(s->str, s->len), ==, SOURCE_FORMAT_UNKNOWN);
	g_string_free(s, TRUE);

	/* Brackets inside strings do not count; the real depth (2) is fine at a limit of 2. */
	static const char doc[] = "{\"page\":{\"name\":\"[[[[{{{{\"},\"incidents\":[]}";
	SourceContext tight = {.source_name = "t", .max_depth = 2};
	g_autoptr(SourceResult) r2 = source_parse(&tight, doc, sizeof doc - 1, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r2->advisories->len, ==, 0);
	static const char doc3[] = "{\"page\":{\"name\":\"\\\"[\"},\"incidents\":[[[]]]}";
	g_autoptr(SourceResult) r3 = source_parse(&tight, doc3, sizeof doc3 - 1, &error);
	g_assert_null(r3);
	g_assert_error(error, SW_ERROR, SW_ERROR_LIMIT);
	g_assert_cmpstr(error->message, ==, "JSON nested deeper than 2 levels");
}

static void
test_expect(void)
{
	gsize len;
	g_autofree char *data = fixture("statuspage", "summary.json", &len);
	g_autoptr(GError) error = NULL;

	/* Another known format than the one configured: read as what it is. */
	g_autoptr(SourceResult) r = parse_buf("e", SOURCE_FORMAT_ATOM, data, len, &error);
	g_assert_no_error(error);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_STATUSPAGE);
	g_autoptr(SourceResult) r2 = parse_buf("e", SOURCE_FORMAT_GRAPH, data, len, &error);
	g_assert_no_error(error);
	g_assert_cmpint(r2->format, ==, SOURCE_FORMAT_STATUSPAGE);
}

static void
test_xml_dispatch(void)
{
	/* XML goes through the streaming parser; the format comes from the root. */
	static const struct {
		const char *name;
		SourceFormat expect;
		SourceFormat format;
	} cases[] = {
		{"whitespace-before-xml.rss", SOURCE_FORMAT_UNKNOWN, SOURCE_FORMAT_RSS},
		{"atom-minimal.xml", SOURCE_FORMAT_UNKNOWN, SOURCE_FORMAT_ATOM},
		{"atom-minimal.xml", SOURCE_FORMAT_RSS, SOURCE_FORMAT_ATOM}, /* expect is a hint */
		{"atom-minimal.xml", SOURCE_FORMAT_JSONFEED, SOURCE_FORMAT_ATOM},
		{"rdf-minimal.xml", SOURCE_FORMAT_UNKNOWN, SOURCE_FORMAT_RDF},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		gsize len;
		g_autofree char *data = fixture("detect", cases[i].name, &len);
		g_autoptr(GError) error = NULL;
		g_autoptr(SourceResult) r = parse_buf("xml", cases[i].expect, data, len, &error);
		g_assert_no_error(error);
		g_assert_cmpint(r->format, ==, cases[i].format);
		/* Valid feeds without items: an empty result, not an error. */
		g_assert_cmpuint(r->advisories->len, ==, 0);
		check_chunked(data, len, 1);
	}

	/* UTF-16 LE with a BOM: sniffed through the BOM, decoded by libxml2. */
	gsize len;
	g_autofree char *atom = fixture("detect", "atom-minimal.xml", &len);
	gsize n16 = 0;
	g_autofree char *utf16 = g_convert(atom, (gssize)len, "UTF-16LE", "UTF-8", NULL, &n16,
					   NULL);
	g_assert_nonnull(utf16);
	g_autofree char *with_bom = g_malloc(n16 + 2);
	with_bom[0] = (char)0xFF;
	with_bom[1] = (char)0xFE;
	memcpy(with_bom + 2, utf16, n16);
	g_assert_cmpint(source_detect(with_bom, n16 + 2), ==, SOURCE_FORMAT_ATOM);
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_buf("xml16", 0, with_bom, n16 + 2, &error);
	g_assert_no_error(error);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_ATOM);
}

/* One RSS item (@date its pubDate) or Atom entry (@date its published, @updated its
 * updated, NULL: none) with @text as its description; its "status start..end"
 * after source_parse(), the end "open" when it has none. */
static char *
item_reading(bool atom, const char *date, const char *updated, const char *text)
{
	g_autofree char *esc = g_markup_escape_text(text, -1);
	g_autofree char *doc = NULL;
	if (atom) {
		g_autofree char *pub = date != NULL
					       ? g_strdup_printf("<published>%s</published>", date)
					       : g_strdup("");
		doc = g_strdup_printf(
			"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Status blog</title>"
			"<id>tag:status.example.com,2014:feed</id><updated>%s</updated>"
			"<entry><title>Mail delivery delays</title>"
			"<id>tag:status.example.com,2014:mail-1</id>%s<updated>%s</updated>"
			"<link rel=\"alternate\" href=\"https://status.example.com/mail-1\"/>"
			"<content type=\"html\">%s</content></entry></feed>\n",
			updated, pub, updated, esc);
	} else {
		doc = g_strdup_printf(
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			"<rss version=\"2.0\"><channel><title>Apps Status Dashboard</title>"
			"<link>https://www.example.com/appsstatus</link>"
			"<description>Service status</description>"
			"<item><title>Google Sites Service Disruption</title>"
			"<link>https://www.example.com/appsstatus#sites-1</link>"
			"<guid isPermaLink=\"false\">sites-1</guid><pubDate>%s</pubDate>"
			"<description>%s</description></item></channel></rss>\n",
			date, esc);
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_buf("status", 0, doc, strlen(doc), &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 1);
	const Advisory *a = r->advisories->pdata[0];
	g_autofree char *start = a->start != SW_TIME_NONE ? time_format_rfc3339(a->start)
							   : g_strdup("-");
	g_autofree char *end = a->end != SW_TIME_NONE ? time_format_rfc3339(a->end)
						       : g_strdup("open");
	return g_strdup_printf("%s %s..%s", advisory_status_to_string(a->status), start, end);
}

static void
check_item(bool atom, const char *date, const char *updated, const char *text, const char *want)
{
	g_autofree char *got = item_reading(atom, date, updated, text);
	if (g_strcmp0(got, want) != 0) {
		g_test_message("item dated %s: '%s': got %s, want %s", date, text, got, want);
	}
	g_assert_cmpstr(got, ==, want);
}

/*
 * An item with no end whose description appends timed updates ends at the last
 * update when that says the trouble is over: read in the zone the update names,
 * else the zone of the item's own date, on that date or the next day (never more
 * than a day after it); an update that says it is not over, or no update, leaves it
 * open.
 */
static void
test_inline_update_end(void)
{
	/* The zone of the pubDate (PST): 8:35 AM PST is 16:35 UTC; the last post says
	 * resolved, so the item is. */
	check_item(false, "Fri, 24 Jan 2014 07:45:00 PST", NULL,
		   "Some users are seeing slow page loads when editing Sites pages. We are "
		   "investigating. Update 8:35 AM: The problem with Google Sites should now be "
		   "resolved.",
		   "resolved 2014-01-24T15:45:00Z..2014-01-24T16:35:00Z");
	/* "p.m." and a zone the update names (PT in December is PST); the numeric offset of
	 * the pubDate says nothing then.  An earlier sentence's "expect ... restored" is
	 * not the update's. */
	check_item(false, "Thu, 24 Dec 2020 10:00:00 -0600", NULL,
		   "A fiber cable damaged by construction is affecting internet service in "
		   "parts of the Sacramento area. We expect service to be restored this "
		   "afternoon. Update 3:40 p.m. PT: repairs are complete and service has been "
		   "restored.",
		   "resolved 2020-12-24T16:00:00Z..2020-12-24T23:40:00Z");
	/* "still" in a condition is no state. */
	check_item(false, "Fri, 24 Jan 2014 07:45:00 PST", NULL,
		   "Gmail is slow. Update 8:35 AM: the issue has been fixed. If you still see "
		   "errors, please clear your cache.",
		   "resolved 2014-01-24T15:45:00Z..2014-01-24T16:35:00Z");
	/* UTC named in the update; several updates, only the last counts. */
	check_item(false, "Tue, 04 Mar 2014 13:20:00 +0000", NULL,
		   "Students are getting server errors in Gmail.\n"
		   "UPDATE 13:50 UTC - the problem is still affecting some users.\n"
		   "UPDATE 14:10 UTC - resolved",
		   "resolved 2014-03-04T13:20:00Z..2014-03-04T14:10:00Z");
	check_item(false, "Tue, 04 Mar 2014 13:20:00 GMT", NULL,
		   "Students are getting server errors in Gmail. Update (1:05 PM): Google "
		   "services are working again. Update (2:30 PM): errors are back for some "
		   "users; we are investigating.",
		   "unknown 2014-03-04T13:20:00Z..open");
	/* Next day: posted late in the evening, fixed after midnight (PDT from the update). */
	check_item(false, "Wed, 16 Jul 2014 22:40:00 -0700", NULL,
		   "Some Drive users cannot open files. Update at 1:12 AM PDT: all services "
		   "restored.",
		   "resolved 2014-07-17T05:40:00Z..2014-07-17T08:12:00Z");
	/* A clock time a little before the start on the same day: the item was dated a
	 * few minutes late, not fixed a day after (the end is the start). */
	check_item(false, "Fri, 24 Jan 2014 08:40:00 PST", NULL,
		   "Slow page loads in Sites. Update 8:35 AM: fixed.",
		   "resolved 2014-01-24T16:40:00Z..2014-01-24T16:40:00Z");
	check_item(false, "Fri, 24 Jan 2014 09:20:00 PST", NULL,
		   "Slow page loads in Sites. Update 8:35 AM: fixed.",
		   "resolved 2014-01-24T17:20:00Z..2014-01-24T17:20:00Z");
	/* More than an hour back on the same day it is the next morning (within a day)... */
	check_item(false, "Fri, 24 Jan 2014 09:00:00 PST", NULL,
		   "Slow page loads in Sites. Update 7:30 AM: back to normal.",
		   "resolved 2014-01-24T17:00:00Z..2014-01-25T15:30:00Z");
	/* ...unless the zone is only the pubDate's UTC, maybe a serializer's: a US blog's
	 * "Update 7:30 AM" is then hours before its 17:00 +0000 post, not the next day. */
	check_item(false, "Fri, 24 Jan 2014 17:00:00 +0000", NULL,
		   "Slow page loads in Sites. Update 7:30 AM: back to normal.",
		   "unknown 2014-01-24T17:00:00Z..open");
	check_item(false, "Fri, 24 Jan 2014 17:00:00 +0000", NULL,
		   "Slow page loads in Sites. Update 7:30 AM UTC: back to normal.",
		   "resolved 2014-01-24T17:00:00Z..2014-01-25T07:30:00Z");
	/* ...and a stated date more than a day after the first post is not this item's. */
	check_item(false, "Fri, 24 Jan 2014 09:00:00 PST", NULL,
		   "Slow page loads in Sites. Update Jan 26, 7:30 AM: back to normal.",
		   "unknown 2014-01-24T17:00:00Z..open");
	/* Not over: negated, partial, for most users, a future. */
	static const char *const open_texts[] = {
		"Gmail is slow. Update 8:35 AM: the problem is not yet resolved.",
		"Gmail is slow. Update 8:35 AM: service is partially restored.",
		"Gmail is slow. Update 8:35 AM: Gmail is working again for most users.",
		"Gmail is slow. Update 8:35 AM: we are still seeing errors, though some are fixed.",
		"Gmail is slow. Update 8:35 AM: the problem will be fixed within the hour.",
		"Gmail is slow. Update 8:35 AM: service is being restored.",
		/* No update, only a promise of one. */
		"Gmail is slow; it should be resolved soon. We will post an update at 9:00 AM.",
		"Gmail is slow. Resolved at 8:35 AM by a restart.",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(open_texts); i++) {
		check_item(false, "Fri, 24 Jan 2014 07:45:00 PST", NULL, open_texts[i],
			   "unknown 2014-01-24T15:45:00Z..open");
	}
	/* The pubDate's zone is the one its time was read in, also before a comment and
	 * after a year-first date (a second reading of the date once found none there). */
	check_item(false, "Fri, 24 Jan 2014 07:45:00 -0800 (PST)", NULL,
		   "Gmail is slow. Update 8:35 AM: resolved.",
		   "resolved 2014-01-24T15:45:00Z..2014-01-24T16:35:00Z");
	check_item(false, "2014-01-24 07:45:00 PST", NULL, "Gmail is slow. Update 8:35 AM: resolved.",
		   "resolved 2014-01-24T15:45:00Z..2014-01-24T16:35:00Z");
	/* No zone anywhere (a pubDate with no zone is no date): no end, never local time. */
	check_item(false, "Fri, 24 Jan 2014 07:45:00", NULL,
		   "Gmail is slow. Update 8:35 AM: resolved.", "unknown -..open");

	/* Atom: published is the first post, its offset the zone; updated bounds the end. */
	check_item(true, "2014-01-24T07:45:00-08:00", "2014-01-24T09:00:00-08:00",
		   "<p>Some messages are delayed.</p><p><b>Update 8:50 AM:</b> mail delivery "
		   "is back to normal.</p>",
		   "resolved 2014-01-24T15:45:00Z..2014-01-24T16:50:00Z");
	check_item(true, "2014-01-24T07:45:00-08:00", "2014-01-24T08:00:00-08:00",
		   "<p>Some messages are delayed.</p><p>Update 8:50 AM: mail delivery is back "
		   "to normal.</p>",
		   "unknown 2014-01-24T15:45:00Z..open");
	/* Only updated: the entry's last change; the update is the latest such time by it. */
	check_item(true, NULL, "2014-01-25T00:20:00Z",
		   "<p>Some messages are delayed.</p><p>Update 23:55 UTC: recovered.</p>",
		   "resolved -..2014-01-24T23:55:00Z");
}

static void
test_corpus_xml_chunked(void)
{
	/* A real-shaped Statuspage Atom feed, whole and a byte at a time. */
	const char *shared = g_getenv("SW_SHARED");
	g_autofree char *path = shared != NULL ? g_build_filename(shared, "corpus", "aws-2025-10",
								  "blitzz.atom", NULL)
					       : NULL;
	g_autofree char *data = NULL;
	gsize len = 0;
	if (path == NULL || !g_file_get_contents(path, &data, &len, NULL)) {
		g_test_skip("shared corpus not found (SW_SHARED)");
		return;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_buf("blitzz", 0, data, len, &error);
	g_assert_no_error(error);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_ATOM);
	g_assert_cmpuint(r->advisories->len, ==, 3);
	check_chunked(data, len, 1);
	check_chunked(data, len, 1000);
}

static void
test_error_sticks(void)
{
	/* After a failure every call returns the same error, prefixed once. */
	SourceContext ctx = {.source_name = "sticky"};
	g_autoptr(SourceParser) p = source_parser_new(&ctx);
	g_autoptr(GError) e1 = NULL;
	g_autoptr(GError) e2 = NULL;
	g_autoptr(GError) e3 = NULL;

	g_assert_false(source_parser_feed(p, "%PDF-1.7", 8, &e1));
	g_assert_false(source_parser_feed(p, "{}", 2, &e2));
	g_assert_null(source_parser_finish(p, &e3));
	g_assert_cmpstr(e1->message, ==, "not a feed: starts with '%'");
	g_assert_cmpstr(e2->message, ==, e1->message);
	g_assert_cmpstr(e3->message, ==, e1->message);
}

static void
test_unnamed(void)
{
	SourceContext ctx = {0};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, "", 0, &error);
	g_assert_null(r);
	g_assert_cmpstr(error->message, ==, "not a feed: empty response");
}

/*
 * Encodings as browsers read them (issue 10): UTF-32 (with a BOM libxml2 would take
 * for UTF-16), a UTF-16 file labelled "u16", and ISO-8859-1 whose bytes are really
 * Windows-1252 (curly quotes in 0x93/0x94, en dash in 0x96).  Each in one piece and
 * in 3-byte chunks (a UTF-32 unit split across chunks).
 */
static void
test_encodings(void)
{
	static const struct {
		const char *file;
		const char *title;
	} cases[] = {
		{"utf32le-bom.rss", "Caf\u00e9 \u201cservice\u201d restored \u2013 UTF-32LE with BOM"},
		{"utf16-u16-label.rss",
		 "Caf\u00e9 \u201cservice\u201d restored \u2013 UTF-16BE labelled u16"},
		{"latin1-cp1252-quotes.rss",
		 "Caf\u00e9 \u201cservice\u201d restored \u2013 Windows-1252 bytes"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		gsize len = 0;
		g_autofree char *data = fixture("rss", cases[i].file, &len);
		for (gsize chunk = 3; chunk <= len; chunk = chunk == 3 ? len : len + 1) {
			SourceContext ctx = {.source_name = "enc"};
			g_autoptr(SourceParser) sp = source_parser_new(&ctx);
			g_autoptr(GError) error = NULL;
			for (gsize off = 0; off < len; off += chunk) {
				g_assert_true(source_parser_feed(sp, data + off, MIN(chunk, len - off),
								 &error));
			}
			g_autoptr(SourceResult) r = source_parser_finish(sp, &error);
			g_assert_no_error(error);
			g_assert_cmpuint(r->advisories->len, ==, 1);
			g_assert_cmpstr(((Advisory *)r->advisories->pdata[0])->title, ==,
					cases[i].title);
		}
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/source/format-names", test_format_names);
	g_test_add_func("/source/detect-table", test_detect_table);
	g_test_add_func("/source/error-messages", test_error_messages);
	g_test_add_func("/source/truncated", test_truncated);
	g_test_add_func("/source/utf16", test_utf16);
	g_test_add_func("/source/encodings", test_encodings);
	g_test_add_func("/source/chunked", test_chunked);
	g_test_add_func("/source/too-large", test_too_large);
	g_test_add_func("/source/too-deep", test_too_deep);
	g_test_add_func("/source/expect", test_expect);
	g_test_add_func("/source/xml-dispatch", test_xml_dispatch);
	g_test_add_func("/source/corpus-xml-chunked", test_corpus_xml_chunked);
	g_test_add_func("/source/inline-update-end", test_inline_update_end);
	g_test_add_func("/source/error-sticks", test_error_sticks);
	g_test_add_func("/source/unnamed", test_unnamed);
	return g_test_run();
}
