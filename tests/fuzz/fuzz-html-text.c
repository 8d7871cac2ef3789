/*
 * HTML to text.  Beyond not crashing: the output respects the size cap and reports its
 * own length, and text_from_html_until(), when it answers, gives exactly what
 * text_from_html_len() gives for the bytes before the stop it found (its contract).
 */
#include "fuzz.h"

#include <string.h>

#include "util/text.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const stops[] = {"</p>", "<small>", "<br", NULL};
	const char *html = (const char *)data;
	/* The cap varies with the input so that cutting is exercised too. */
	gsize max = size > 0 && data[0] % 2 == 0 ? 64 : 4096;
	gsize len = 0;

	fuzz_setup();
	g_autofree char *text = text_from_html_len(html, size, max, &len);
	if (text == NULL || len != strlen(text) || len > max) {
		fuzz_fail("text_from_html_len: length %" G_GSIZE_FORMAT " (cap %" G_GSIZE_FORMAT
			  ")", len, max);
	}
	const char *stop = NULL;
	gsize until_len = 0;
	g_autofree char *until = text_from_html_until(html, size, max, stops, &stop, &until_len);
	if (until != NULL) {
		if (stop < html || stop > html + size) {
			fuzz_fail("text_from_html_until: stop outside the input");
		}
		gsize plain_len = 0;
		g_autofree char *plain =
			text_from_html_len(html, (gsize)(stop - html), max, &plain_len);
		if (plain_len != until_len || memcmp(plain, until, plain_len) != 0) {
			fuzz_fail("text_from_html_until gave '%s', text_from_html_len of the same "
				  "bytes '%s'", until, plain);
		}
	}
	g_autofree char *nul = fuzz_strndup(data, size);
	g_autofree char *folded = text_fold_whitespace(nul);
	g_autofree char *whole = text_from_html(nul, max);
	if (folded == NULL || whole == NULL || strlen(whole) > max) {
		fuzz_fail("text_fold_whitespace / text_from_html broke their contract");
	}
	return 0;
}
