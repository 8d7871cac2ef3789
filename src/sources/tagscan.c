/*
 * The start-tag guard: see tagscan.h for why it exists.  A small state
 * machine over raw bytes, fed the same chunks as libxml2 and before it; it
 * never allocates and keeps two bytes of history across chunks (for the
 * "-->" and "]]>" terminators that a chunk boundary may split).
 */
#include "sources/tagscan.h"

#include <string.h>

static void
tagscan_special(TagScan *t, const char *term)
{
	t->state = TAGSCAN_SPECIAL;
	t->term = term;
}

/* The byte @i positions from the start of @data (-1 and -2 reach into the previous chunk). */
static unsigned char
tagscan_byte(const TagScan *t, const char *data, gssize i)
{
	return i >= 0 ? (unsigned char)data[i] : t->prev[2 + i];
}

bool
tagscan_feed(TagScan *t, const char *data, gsize len)
{
	const char *c = data;
	const char *end = data + len;

	while (c < end) {
		switch (t->state) {
		case TAGSCAN_START:
			t->start[t->start_len++] = *c++;
			if (t->start_len == 2) {
				unsigned char a = (unsigned char)t->start[0];
				unsigned char b = (unsigned char)t->start[1];
				bool utf16 = (a == 0xFE && b == 0xFF) || (a == 0xFF && b == 0xFE) ||
					     (a == 0 && b == '<') || (a == '<' && b == 0);
				t->state = utf16 ? TAGSCAN_OFF : TAGSCAN_TEXT;
				if (!utf16) {
					/* Scan the two bytes themselves (no history before them). */
					TagScan sub = *t;
					bool ok = tagscan_feed(&sub, t->start, 2);
					*t = sub;
					if (!ok) {
						return false;
					}
				}
			}
			break;
		case TAGSCAN_OFF:
			return true;
		case TAGSCAN_TEXT: {
			const char *lt = memchr(c, '<', (gsize)(end - c));
			if (lt == NULL) {
				c = end;
				break;
			}
			c = lt + 1;
			t->state = TAGSCAN_LT;
			break;
		}
		case TAGSCAN_LT:
			if (*c == '!') {
				t->state = TAGSCAN_LT_BANG;
				c++;
			} else if (*c == '?') {
				tagscan_special(t, "?>");
				c++;
			} else {
				t->state = TAGSCAN_TAG;
				t->tag_len = 1;
			}
			break;
		case TAGSCAN_LT_BANG:
			tagscan_special(t, *c == '[' ? "]]>" : *c == '-' ? "-->" : ">");
			c++;
			break;
		case TAGSCAN_TAG:
			for (; c < end; c++) {
				if (*c == '>') {
					t->state = TAGSCAN_TEXT;
					c++;
					break;
				}
				if (*c == '"' || *c == '\'') {
					t->quote = *c;
					t->state = TAGSCAN_QUOTE;
					c++;
					break;
				}
				if (++t->tag_len > TAGSCAN_MAX_TAG_BYTES) {
					return false;
				}
			}
			break;
		case TAGSCAN_QUOTE: {
			const char *q = memchr(c, t->quote, (gsize)(end - c));
			t->tag_len += (gsize)((q != NULL ? q : end) - c);
			if (t->tag_len > TAGSCAN_MAX_TAG_BYTES) {
				return false;
			}
			if (q == NULL) {
				c = end;
				break;
			}
			c = q + 1;
			t->state = TAGSCAN_TAG;
			break;
		}
		case TAGSCAN_SPECIAL: {
			const char *gt = memchr(c, '>', (gsize)(end - c));
			if (gt == NULL) {
				c = end;
				break;
			}
			gssize at = gt - data;
			gsize n = strlen(t->term) - 1; /* bytes before the '>' */
			bool match = true;
			for (gsize k = 1; k <= n && match; k++) {
				match = at - (gssize)k >= -2 &&
					tagscan_byte(t, data, at - (gssize)k) ==
						(unsigned char)t->term[n - k];
			}
			c = gt + 1;
			if (match) {
				t->state = TAGSCAN_TEXT;
			}
			break;
		}
		}
	}
	if (len >= 2) {
		t->prev[0] = (unsigned char)data[len - 2];
		t->prev[1] = (unsigned char)data[len - 1];
	} else if (len == 1) {
		t->prev[0] = t->prev[1];
		t->prev[1] = (unsigned char)data[0];
	}
	return true;
}
