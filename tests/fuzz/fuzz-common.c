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
	/* Criticals and errors are fatal (fuzz_setup()): say which before the trap. */
	if ((level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) != 0) {
		fprintf(stderr, "fuzz: %s: %s\n", domain != NULL ? domain : "(no domain)", message);
	}
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

/* What one parse produced, as text, for comparing two ways of feeding the same bytes. */
typedef struct {
	char *head;          /* "format F, truncated T, next N" */
	GPtrArray *items;    /* char *: one advisory's JSON each, in order */
	GPtrArray *warnings; /* char *: every warning but the damage line */
	bool damaged;        /* the read was flagged damaged (recovered what it could) */
} Parsed;

static void
parsed_free(Parsed *p)
{
	if (p == NULL) {
		return;
	}
	g_free(p->head);
	g_ptr_array_unref(p->items);
	g_ptr_array_unref(p->warnings);
	g_free(p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Parsed, parsed_free)

/* One parse; on success what the result holds, else NULL and @error. */
static Parsed *
parse(const SourceContext *ctx, const uint8_t *data, size_t size, guint64 seed, GError **error)
{
	g_autoptr(SourceParser) sp = source_parser_new(ctx);
	size_t off = 0;

	while (off < size) {
		size_t n = size - off;
		if (seed != 0) {
			seed ^= seed << 13; /* xorshift64 */
			seed ^= seed >> 7;
			seed ^= seed << 17;
			n = MIN(n, (size_t)(seed % 97) + 1);
		}
		if (!source_parser_feed(sp, (const char *)data + off, n, error)) {
			return NULL;
		}
		off += n;
	}
	g_autoptr(SourceResult) r = source_parser_finish(sp, error);
	if (r == NULL) {
		return NULL;
	}
	Parsed *p = g_new0(Parsed, 1);
	p->head = g_strdup_printf("format %s, truncated %d, next %s",
				  source_format_to_string(r->format), r->truncated,
				  r->next_link != NULL ? r->next_link : "-");
	p->items = g_ptr_array_new_with_free_func(g_free);
	p->warnings = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < r->advisories->len; i++) {
		char *json = advisory_to_json(r->advisories->pdata[i]);
		if (!g_utf8_validate(json, -1, NULL)) {
			fuzz_fail("advisory %u is not valid UTF-8: %s", i, json);
		}
		g_ptr_array_add(p->items, json);
	}
	for (guint i = 0; i < r->warnings->len; i++) {
		const char *w = r->warnings->pdata[i];
		if (strstr(w, "damaged feed: ") != NULL) {
			p->damaged = true;
		} else {
			g_ptr_array_add(p->warnings, g_strdup(w));
		}
	}
	return p;
}

static char *
parsed_text(const Parsed *p)
{
	GString *s = g_string_new(p->head);

	g_string_append_printf(s, ", damaged %d\n", p->damaged);
	for (guint i = 0; i < p->items->len; i++) {
		g_string_append_printf(s, "advisory %s\n", (const char *)p->items->pdata[i]);
	}
	for (guint i = 0; i < p->warnings->len; i++) {
		g_string_append_printf(s, "warning %s\n", (const char *)p->warnings->pdata[i]);
	}
	return g_string_free(s, FALSE);
}

static bool
strv_equal(GPtrArray *a, GPtrArray *b, guint n)
{
	for (guint i = 0; i < n; i++) {
		if (strcmp(a->pdata[i], b->pdata[i]) != 0) {
			return false;
		}
	}
	return true;
}

/*
 * Whole and chunked reads of an intact feed must agree exactly.  Ill-formed input is
 * another matter: libxml2's push parser in recover mode notices an error at a point
 * that depends on where a chunk ends (and an error inside the last chunk only when the
 * document ends), so on a damaged feed the two reads may keep a different number of
 * items, and the text of an item near the damage may differ (a CDATA section cut by
 * the damage ends in another place); on a feed broken in its prolog one read may
 * recover where the other gives up.  So when either read was flagged damaged, the
 * other must be damaged too (or have failed) and read the same format; the items are
 * not compared.  (A feed whose bytes arrive in other chunks can therefore recover
 * other items; intact feeds never differ.)
 */
static bool
parsed_agree(const Parsed *a, const Parsed *b)
{
	if (a->damaged != b->damaged || strcmp(a->head, b->head) != 0) {
		return false;
	}
	if (a->damaged) {
		return true;
	}
	return a->items->len == b->items->len && a->warnings->len == b->warnings->len &&
	       strv_equal(a->items, b->items, a->items->len) &&
	       strv_equal(a->warnings, b->warnings, a->warnings->len);
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
	g_autoptr(Parsed) whole = parse(&ctx, data, size, 0, &whole_error);
	g_autoptr(Parsed) chunked = parse(&ctx, data, size, seed, &chunk_error);

	if ((whole == NULL) != (chunked == NULL)) {
		const Parsed *read = whole != NULL ? whole : chunked;
		if (read->damaged) {
			return; /* one read recovered what the other gave up on: see above */
		}
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
	if (!parsed_agree(whole, chunked)) {
		g_autofree char *a = parsed_text(whole);
		g_autofree char *b = parsed_text(chunked);
		fuzz_fail("whole and chunked feeding give different results:\n--- whole\n%s"
			  "--- chunked\n%s",
			  a, b);
	}
}
