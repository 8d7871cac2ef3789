/*
 * Helpers the fuzz targets share (fuzz.h): setup, failure, and the whole-versus-chunked
 * comparison of the source parser.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/advisory.h"
#include "model/advisory_json.h"

void
fuzz_fail(const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	fputs("fuzz: ", stderr);
	vfprintf(stderr, format, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

static void
drop_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer user_data)
{
}

void
fuzz_setup(void)
{
	static bool done;

	if (done) {
		return;
	}
	done = true;
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
	g_log_set_default_handler(drop_log, NULL);
	g_log_set_writer_func(g_log_writer_default, NULL, NULL);
	g_setenv("TZ", "UTC", TRUE);
}

char *
fuzz_strndup(const uint8_t *data, size_t size)
{
	return g_strndup((const char *)data, size);
}

static guint64
hash_bytes(const uint8_t *data, size_t size)
{
	guint64 h = 14695981039346656037u; /* FNV-1a */

	for (size_t i = 0; i < size; i++) {
		h = (h ^ data[i]) * 1099511628211u;
	}
	return h;
}

/* One parse; on success a text of everything the result holds, else NULL and @error. */
static char *
parse(const SourceContext *ctx, const uint8_t *data, size_t size, guint64 seed, GError **error)
{
	g_autoptr(SourceParser) p = source_parser_new(ctx);
	size_t off = 0;

	while (off < size) {
		size_t n = size - off;
		if (seed != 0) {
			seed ^= seed << 13; /* xorshift64 */
			seed ^= seed >> 7;
			seed ^= seed << 17;
			n = MIN(n, (size_t)(seed % 97) + 1);
		}
		if (!source_parser_feed(p, (const char *)data + off, n, error)) {
			return NULL;
		}
		off += n;
	}
	g_autoptr(SourceResult) r = source_parser_finish(p, error);
	if (r == NULL) {
		return NULL;
	}
	GString *s = g_string_new(NULL);
	g_string_append_printf(s, "format %s, truncated %d, next %s\n",
			       source_format_to_string(r->format), r->truncated,
			       r->next_link != NULL ? r->next_link : "-");
	for (guint i = 0; i < r->advisories->len; i++) {
		g_autofree char *json = advisory_to_json(r->advisories->pdata[i]);
		if (!g_utf8_validate(json, -1, NULL)) {
			fuzz_fail("advisory %u is not valid UTF-8: %s", i, json);
		}
		g_string_append_printf(s, "advisory %s\n", json);
	}
	for (guint i = 0; i < r->warnings->len; i++) {
		/*
		 * The one accepted difference: libxml2's push parser sees a syntax error
		 * inside the last chunk only when the document ends, so the whole-input
		 * read calls a feed broken mid-way "truncated or malformed" where a
		 * chunked read says "malformed".  Same items, same flag.
		 */
		const char *w = r->warnings->pdata[i];
		const char *hit = strstr(w, "truncated or malformed");
		if (hit != NULL) {
			g_string_append_printf(s, "warning %.*smalformed%s\n", (int)(hit - w), w,
					       hit + strlen("truncated or malformed"));
		} else {
			g_string_append_printf(s, "warning %s\n", w);
		}
	}
	return g_string_free(s, FALSE);
}

void
fuzz_feed_compare(SourceFormat expect, const uint8_t *data, size_t size)
{
	SourceContext ctx = {
		.source_name = "fuzz",
		.base_url = "https://status.example/feed",
		.expect = expect,
		.now = 1700000000,
	};
	g_autoptr(GError) whole_error = NULL;
	g_autoptr(GError) chunk_error = NULL;
	guint64 seed = hash_bytes(data, size) | 1;
	g_autofree char *whole = parse(&ctx, data, size, 0, &whole_error);
	g_autofree char *chunked = parse(&ctx, data, size, seed, &chunk_error);

	if ((whole == NULL) != (chunked == NULL)) {
		fuzz_fail("whole and chunked feeding disagree:\n  whole:   %s\n  chunked: %s",
			  whole != NULL ? "ok" : whole_error->message,
			  chunked != NULL ? "ok" : chunk_error->message);
	}
	if (whole == NULL) {
		if (whole_error->domain != chunk_error->domain ||
		    whole_error->code != chunk_error->code) {
			fuzz_fail("whole and chunked feeding fail differently:\n  whole:   %s\n"
				  "  chunked: %s",
				  whole_error->message, chunk_error->message);
		}
		return;
	}
	if (strcmp(whole, chunked) != 0) {
		fuzz_fail("whole and chunked feeding give different results:\n--- whole\n%s"
			  "--- chunked\n%s",
			  whole, chunked);
	}
}
