/*
 * HTML to plain text.  PLACEHOLDER: the feeds work replaces this with the
 * bounded tag stripper and entity decoder that text.h describes.
 */
#include "util/text.h"

#include <string.h>

char *
text_fold_whitespace(const char *s)
{
	GString *out = g_string_new(NULL);
	gboolean space = FALSE;

	for (const char *p = s != NULL ? s : ""; *p != '\0'; p++) {
		if (g_ascii_isspace(*p)) {
			space = out->len > 0;
			continue;
		}
		if (space) {
			g_string_append_c(out, ' ');
			space = FALSE;
		}
		g_string_append_c(out, *p);
	}
	return g_string_free(out, FALSE);
}

char *
text_from_html(const char *html, gsize max_bytes)
{
	char *t = text_fold_whitespace(html);
	if (strlen(t) > max_bytes) {
		t[max_bytes] = '\0';
	}
	return t;
}
