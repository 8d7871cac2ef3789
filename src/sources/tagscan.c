/*
 * The start-tag guard: see tagscan.h for why it exists.  A small state
 * machine over raw bytes, fed the same chunks as libxml2 and before it; it
 * never allocates and keeps two bytes of history across chunks (for the
 * "-->" and "]]>" terminators that a chunk boundary may split).
 */
#include "sources/tagscan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

const char *
tagscan_tag_stop(const char *c, const char *end)
{
#if defined(__SSE2__)
	const __m128i gt = _mm_set1_epi8('>');
	const __m128i dq = _mm_set1_epi8('"');
	const __m128i sq = _mm_set1_epi8('\'');
	while (end - c >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)c);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, dq)), _mm_cmpeq_epi8(v, sq)));
		if (m != 0) {
			return c + __builtin_ctz(m);
		}
		c += 16;
	}
#endif
	while (c < end && *c != '>' && *c != '"' && *c != '\'') {
		c++;
	}
	return c;
}

/*
 * Inside a comment, CDATA section, PI or declaration: the first '>' in [c, end) that
 * may end @term's @n bytes before it (@last = the byte just before the '>'; n == 0:
 * any '>'), or NULL.  A '>' at @data's first byte is always returned: the bytes
 * before it are the previous chunk's, for the caller's full check.  Every '>' of a
 * CDATA section's HTML was a memchr() call and a check before; now only those after
 * a ']' (or '-', '?') are.
 */
static const char *
special_candidate(const char *data, const char *c, const char *end, gsize n, char last)
{
	if (c < end && c == data) {
		if (*c == '>') {
			return c;
		}
		c++;
	}
	if (n == 0) {
		return memchr(c, '>', (gsize)(end - c));
	}
#if defined(__SSE2__)
	const __m128i gt = _mm_set1_epi8('>');
	const __m128i before = _mm_set1_epi8(last);
	while (end - c >= 16) {
		/* c > data here, so c - 1 is this chunk's byte. */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)c);
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(c - 1));
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_and_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(w, before)));
		if (m != 0) {
			return c + __builtin_ctz(m);
		}
		c += 16;
	}
#endif
	for (; c < end; c++) {
		if (*c == '>' && c[-1] == last) {
			return c;
		}
	}
	return NULL;
}

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
		case TAGSCAN_TAG: {
			/* Every byte before the stop counts toward the tag's length. */
			const char *stop = tagscan_tag_stop(c, end);
			t->tag_len += (gsize)(stop - c);
			if (t->tag_len > TAGSCAN_MAX_TAG_BYTES) {
				return false;
			}
			c = stop;
			if (c == end) {
				break;
			}
			if (*c == '>') {
				t->state = TAGSCAN_TEXT;
			} else {
				t->quote = *c;
				t->state = TAGSCAN_QUOTE;
			}
			c++;
			break;
		}
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
			gsize n = strlen(t->term) - 1; /* bytes before the '>' */
			const char *gt =
				special_candidate(data, c, end, n, n > 0 ? t->term[n - 1] : '\0');
			if (gt == NULL) {
				c = end;
				break;
			}
			gssize at = gt - data;
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
	tagscan_keep_prev(t->prev, data, len);
	return true;
}

void
tagscan_keep_prev(unsigned char prev[2], const char *data, gsize len)
{
	if (len >= 2) {
		prev[0] = (unsigned char)data[len - 2];
		prev[1] = (unsigned char)data[len - 1];
	} else if (len == 1) {
		prev[0] = prev[1];
		prev[1] = (unsigned char)data[0];
	}
}
