/*
 * Copies of a document's text into advisory fields (see field_copy.h), shared by
 * every parser in sources/: the text a document gives is any bytes, the fields
 * these make are valid UTF-8, bounded, and one line where a field is one line.
 * Pure: no I/O, no logging, no global state.
 */
#include "sources/field_copy.h"

#include <string.h>

#include "util/text.h"

char *
field_copy_text(const char *s, gsize max_bytes)
{
	if (s == NULL) {
		return NULL;
	}
	gsize len = strlen(s);
	/* Validate only what can survive the cut (+4 so a character straddling it is seen whole). */
	gsize take = MIN(len, max_bytes + 4);
	char *valid = g_utf8_make_valid(s, (gssize)take);
	gsize vlen = strlen(valid);
	if (vlen > max_bytes) {
		gsize cut = max_bytes;
		/* Back up to the first byte of the character that would be split. */
		while (cut > 0 && ((unsigned char)valid[cut] & 0xC0) == 0x80) {
			cut--;
		}
		valid[cut] = '\0';
	}
	return valid;
}

char *
field_copy_line(const char *s, gsize max_bytes)
{
	if (s == NULL) {
		return NULL;
	}
	g_autofree char *text = field_copy_text(s, max_bytes);
	return text_fold_whitespace(text);
}

char *
field_copy_home(const char *url)
{
	if (url == NULL || !g_utf8_validate(url, -1, NULL)) {
		return NULL;
	}
	for (const char *p = url; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			return NULL;
		}
	}
	return g_strdup(url);
}
