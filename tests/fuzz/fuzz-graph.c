/*
 * The Microsoft Graph mappers: an issues/messages page through graph_parse() (and
 * through the source parser, whole and chunked, which must agree), and the JSON bodies
 * the m365 client meets around it: Graph error bodies, token responses, OAuth errors.
 * A token never appears in a parse error's message.
 */
#include "fuzz.h"

#include <string.h>

#include "sources/graph.h"
#include "sources/parsers.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;
	SourceContext ctx = {.source_name = "fuzz", .expect = SOURCE_FORMAT_GRAPH,
			     .now = 1700000000};
	SourceResult result = {.format = SOURCE_FORMAT_GRAPH};
	g_autoptr(GError) error = NULL;

	fuzz_setup();
	result.advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	result.warnings = g_ptr_array_new_with_free_func(g_free);
	(void)graph_parse(&ctx, d, size, &result, &error);
	g_ptr_array_unref(result.advisories);
	g_ptr_array_unref(result.warnings);
	g_free(result.next_link);
	g_clear_error(&error);

	fuzz_feed_compare(SOURCE_FORMAT_GRAPH, data, size);

	char *code = NULL;
	char *inner = NULL;
	char *message = NULL;
	if (graph_parse_error_body(d, size, &code, &inner, &message)) {
		g_free(code);
		g_free(inner);
		g_free(message);
	}
	char *token = NULL;
	gint64 expires = 0;
	if (graph_parse_token_response(d, size, &token, &expires, &error)) {
		if (token == NULL || expires <= 0) {
			fuzz_fail("token response accepted without a token or expiry");
		}
		g_free(token);
	} else if (error == NULL) {
		fuzz_fail("graph_parse_token_response failed without an error");
	}
	g_clear_error(&error);
	char *oauth = NULL;
	char *description = NULL;
	if (graph_parse_oauth_error(d, size, &oauth, &description)) {
		if (description != NULL && strchr(description, '\n') != NULL) {
			fuzz_fail("OAuth error description is more than one line");
		}
		g_free(oauth);
		g_free(description);
	}
	return 0;
}
