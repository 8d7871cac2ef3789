/*
 * Text made safe for a terminal (see terminal.h).  Used by every human-readable
 * output: the report renderings, the CLI's error lines and the log writer.  Pure:
 * no I/O, no locale.
 */
#include "util/terminal.h"

#include <string.h>

#include <glib.h>

char *
terminal_safe(const char *text, bool one_line)
{
	if (text == NULL) {
		return NULL;
	}
	const char *p = text;
	const char *end = text + strlen(text);
	GString *out = g_string_sized_new((gsize)(end - p));

	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			if (c == '\n' || c == '\t' || c == '\r') {
				/* A lone '\r' returns the cursor: only newline and tab survive. */
				g_string_append_c(out, one_line || c == '\r' ? ' ' : (char)c);
			} else if (c < 0x20 || c == 0x7f) {
				g_string_append_c(out, '?');
			} else {
				g_string_append_c(out, (char)c);
			}
			p++;
			continue;
		}
		gunichar u = g_utf8_get_char_validated(p, end - p);
		if (u == (gunichar)-1 || u == (gunichar)-2) {
			g_string_append(out, "\xef\xbf\xbd"); /* U+FFFD for one bad byte */
			p++;
			continue;
		}
		const char *next = g_utf8_next_char(p);
		if (u >= 0x80 && u <= 0x9f) {
			g_string_append_c(out, '?'); /* C1: U+009B is CSI to some terminals */
		} else {
			g_string_append_len(out, p, next - p);
		}
		p = next;
	}
	return g_string_free(out, FALSE);
}
