/*
 * Text read past libxml2 (the "bypass"): a long run of character data with
 * references in it (Atom's entity-escaped HTML: "&lt;p&gt;...") or non-ASCII
 * text, and a CDATA section (RSS's HTML descriptions), are decoded here and
 * handed to on_characters() in one call, instead of libxml2 reading them a
 * character at a time (xmlCurrentChar() per non-ASCII character, and a name
 * parse, dictionary lookup and callback per "&lt;"): those were most of
 * libxml2's time on the 2,000-feed benchmark.
 *
 * How, without changing what the SAX callbacks see: the run's bytes are
 * replaced in the stream pushed to libxml2 by a processing instruction whose
 * target is a per-process random name, holding as many newlines as the run
 * (so libxml2's line numbers stay the same); when libxml2 reports that PI,
 * on_bypass_pi() passes the decoded text to on_characters(), at the same
 * point of the event order.  A genuine PI of a feed (any other target) is
 * ignored, as before.
 *
 * It is only done where the result is the same by construction, otherwise
 * the bytes go to libxml2 as they are:
 * - the document is UTF-8 with no decoder (libxml2 sees our bytes), has no
 *   DOCTYPE or other declaration, and no libxml2 error has been seen
 *   (after an error libxml2 drops entity references, see xmlParseReference());
 * - libxml2 has consumed everything pushed before the run and is reading
 *   element content (XML_PARSER_CONTENT), so the PI lands where the run was;
 * - the run is shorter than BYPASS_MAX_RUN (one that goes on past the chunk
 *   is held, p->bp_carry, until its end arrives; if it is not read here, or
 *   the document ends first, it goes to libxml2 in the pieces it came in, as
 *   where a feed is cut off libxml2 reports the line it had reached), and
 *   every byte and reference in it is one libxml2 accepts without a word:
 *   strict UTF-8 of XML Chars, no C0 control but tab and newline, no CR
 *   (libxml2 normalises line ends in text), no "]]>" in text; references
 *   are the five XML ones, HTML's named ones (on_get_entity(), same table)
 *   and well-formed character references to XML Chars.  Anything else (an
 *   unknown entity, "&" alone, bad UTF-8, ...) leaves the run to libxml2,
 *   which reports it as before.
 * libxml2 counts each named reference that is not one of the five
 * (ctxt->nbentities, its entity-loop guard reads it); the bypass adds the
 * same count.
 *
 * One difference remains, at the field cap only: a text cut at
 * max_field_bytes is cut once, on a UTF-8 boundary, where libxml2's pieces
 * (300 bytes, or whatever its buffer held) could leave a few more bytes
 * after a cut inside a character.
 */
#include "sources/parsers.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "sources/xmlfeed_private.h"

/* Runs shorter than this cost libxml2 little; longer ones than the max go to libxml2. */
#define BYPASS_MIN_RUN 48
#define BYPASS_MAX_RUN ((gsize)1 << 20)

static char bypass_target[24];

static gpointer
bypass_init(gpointer data)
{
	(void)data;
	/* Unguessable by a feed: its own PIs never pass for ours. */
	g_snprintf(bypass_target, sizeof bypass_target, "sw%08x%08x", g_random_int(),
		   g_random_int());
	return NULL;
}

void
xmlfeed_bypass_setup(void)
{
	static GOnce once = G_ONCE_INIT;
	g_once(&once, bypass_init, NULL);
}

/* XML 1.0 Char, for code points of two bytes or more (the ASCII ones are checked apart). */
static inline bool
is_xml_char(guint32 c)
{
	return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
	       (c >= 0x10000 && c <= 0x10FFFF);
}

/*
 * One strict UTF-8 sequence at @s (first byte >= 0x80) within @end: its length, or 0 when
 * it is not a shortest-form encoding of an XML Char.  Inline, with two-byte characters
 * (Latin accents, Cyrillic: every one an XML Char) first.
 */
static inline gsize
utf8_char(const unsigned char *s, const unsigned char *end)
{
	unsigned char c = s[0];
	guint32 v;
	gsize n;

	if (c >= 0xC2 && c <= 0xDF) {
		return end - s >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if ((gsize)(end - s) < n) {
		return 0;
	}
	for (gsize i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			return 0;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || !is_xml_char(v)) {
		return 0;
	}
	return n;
}

/* Stop bytes: controls (newline counted, tab passed on), '&', ']', '<' and every byte >= 0x80;
 * in CDATA, controls (tab too: passed on by the caller) and every byte >= 0x80. */
static bool text_stop[256];
static bool cdata_stop[256];

static gpointer
tables_init(gpointer data)
{
	(void)data;
	for (int b = 0; b < 256; b++) {
		bool ctl = b < 0x20 && b != '\t';
		text_stop[b] = ctl || b == '&' || b == ']' || b == '<' || b >= 0x80;
		cdata_stop[b] = b < 0x20 || b >= 0x80;
	}
	return NULL;
}

/* The first byte in [s, end) that is a stop byte in @stop, or @end. */
static inline const unsigned char *
skip_plain(const unsigned char *s, const unsigned char *end, const bool *stop)
{
	while (end - s >= 4) {
		if (stop[s[0]]) {
			return s;
		}
		if (stop[s[1]]) {
			return s + 1;
		}
		if (stop[s[2]]) {
			return s + 2;
		}
		if (stop[s[3]]) {
			return s + 3;
		}
		s += 4;
	}
	while (s < end && !stop[*s]) {
		s++;
	}
	return s;
}

#if defined(__SSE2__)
/* The text_stop[] bytes among the sixteen of @v, as bits, tab among them (the caller
 * passes it on): a byte below 0x20 or >= 0x80 (negative as a signed byte, so below 0x20
 * as well), '&', ']' or '<'. */
static inline unsigned
text_stops(__m128i v)
{
	__m128i m = _mm_or_si128(
		_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8('&'))),
		_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(']')), _mm_cmpeq_epi8(v, _mm_set1_epi8('<'))));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/*
 * Copies the plain text bytes at *@s (none a text_stop[] byte) to *@o, up to the first
 * stop byte or @end; both advanced past them.  Sixteen bytes at a time, each block
 * stored whole: the bytes past the stop are overwritten next, or lie past the text, so
 * *@o needs sixteen bytes of room past what it takes (a memcpy() call per run of plain
 * bytes, between two references, was a seventh of decode_text()).
 */
static inline void
copy_text(const unsigned char **s, const unsigned char *end, char **o)
{
	const unsigned char *p = *s;
	char *q = *o;
#if defined(__SSE2__)
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		_mm_storeu_si128((__m128i *)(void *)q, v);
		unsigned bits = text_stops(v);
		if (bits != 0) {
			unsigned k = (unsigned)__builtin_ctz(bits);
			*s = p + k;
			*o = q + k;
			return;
		}
		p += 16;
		q += 16;
	}
#endif
	while (p < end && !text_stop[*p]) {
		*q++ = (char)*p++;
	}
	*s = p;
	*o = q;
}

/* The first cdata_stop[] byte in [s, end), or @end: sixteen bytes a step, a byte below
 * 0x20 or >= 0x80 being one signed compare. */
static inline const unsigned char *
skip_cdata(const unsigned char *s, const unsigned char *end)
{
#if defined(__SSE2__)
	while (end - s >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
		unsigned bits =
			(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
		if (bits != 0) {
			return s + __builtin_ctz(bits);
		}
		s += 16;
	}
#endif
	return skip_plain(s, end, cdata_stop);
}

/*
 * The text of a reference at @s ('&') within @end, appended to @out; its length in the
 * input, or 0 when libxml2 would not take it silently.  @named counts the named
 * references that libxml2 counts (not the five XML ones).
 */
static gsize
decode_ref(const unsigned char *s, const unsigned char *end, char **out, guint *named)
{
	const unsigned char *c = s + 1;

	if (c < end && *c == '#') {
		guint32 v = 0;
		gsize digits = 0;
		c++;
		if (c < end && *c == 'x') {
			/* Only a lower-case x starts a hex reference in libxml2. */
			for (c++; c < end && g_ascii_isxdigit(*c) && digits < 6; c++, digits++) {
				v = v * 16 + (guint32)g_ascii_xdigit_value((char)*c);
			}
		} else {
			for (; c < end && g_ascii_isdigit(*c) && digits < 7; c++, digits++) {
				v = v * 10 + (guint32)(*c - '0');
			}
		}
		if (digits == 0 || c >= end || *c != ';') {
			return 0;
		}
		if (v < 0x80) {
			if (v < 0x20 && v != '\t' && v != '\n' && v != '\r') {
				return 0;
			}
		} else if (!is_xml_char(v)) {
			return 0;
		}
		/* At most 4 bytes for at least 4 read ("&#N;"). */
		*out += g_unichar_to_utf8(v, *out);
		return (gsize)(c + 1 - s);
	}
	/* The five XML names first, and "&lt;" before all (escaped HTML is mostly tags). */
	if (end - c >= 3 && c[2] == ';' && c[1] == 't' && (c[0] == 'l' || c[0] == 'g')) {
		*(*out)++ = c[0] == 'l' ? '<' : '>';
		return 4;
	}
	if (end - c >= 4 && memcmp(c, "amp;", 4) == 0) {
		*(*out)++ = '&';
		return 5;
	}
	if (end - c >= 5 && c[4] == ';' &&
	    (memcmp(c, "quot", 4) == 0 || memcmp(c, "apos", 4) == 0)) {
		*(*out)++ = c[0] == 'q' ? '"' : '\'';
		return 6;
	}
	const unsigned char *name = c;
	while (c < end && g_ascii_isalnum(*c) && c - name < 32) {
		c++;
	}
	gsize len = (gsize)(c - name);
	if (len == 0 || !g_ascii_isalpha(name[0]) || c >= end || *c != ';') {
		return 0;
	}
	char key[33];
	memcpy(key, name, len);
	key[len] = '\0';
	const htmlEntityDesc *d = htmlEntityLookup((const xmlChar *)key);
	if (d == NULL || d->value == 0) {
		return 0;
	}
	/* HTML 4's names are 2 to 8 letters for at most 3 bytes: never more than read. */
	char buf[8];
	gint n = g_unichar_to_utf8((gunichar)d->value, buf);
	if ((gsize)n > len + 2) {
		return 0;
	}
	memcpy(*out, buf, (gsize)n);
	*out += n;
	(*named)++;
	return len + 2;
}

/*
 * Character data [s, end) (no '<' in it) decoded into @out as libxml2 would deliver
 * it; false when the run must go to libxml2 (see the file comment) or is not worth it
 * (plain ASCII with no reference: libxml2's fast path).
 */
static bool
decode_text(const unsigned char *s, const unsigned char *end, GString *out, guint *ret_lines,
	    guint *ret_named)
{
	guint lines = 0;
	guint named = 0;
	bool worth = false;

	/* Decoding never lengthens: every reference is at least as long as its text; and
	 * sixteen bytes of room past that for copy_text(). */
	if (out->allocated_len <= (gsize)(end - s) + 16) {
		g_string_set_size(out, (gsize)(end - s) + 16);
	}
	char *o = out->str;
	while (s < end) {
		copy_text(&s, end, &o);
		if (s == end) {
			break;
		}
		unsigned char c = *s;
		if (c == '&') {
			gsize n = decode_ref(s, end, &o, &named);
			if (n == 0) {
				return false;
			}
			worth = true;
			s += n;
		} else if (c >= 0x80) {
			/* A run of non-ASCII characters (a word of Cyrillic or CJK) in one go. */
			do {
				gsize n = utf8_char(s, end);
				if (n == 0) {
					return false;
				}
				o[0] = (char)s[0];
				o[1] = (char)s[1];
				if (n > 2) {
					o[2] = (char)s[2];
					if (n > 3) {
						o[3] = (char)s[3];
					}
				}
				o += n;
				s += n;
			} while (s < end && *s >= 0x80);
			worth = true;
		} else if (c == '\n' || c == '\t') {
			lines += c == '\n';
			*o++ = (char)c;
			s++;
		} else if (c == ']') {
			if (end - s >= 3 && s[1] == ']' && s[2] == '>') {
				return false;
			}
			*o++ = ']';
			s++;
		} else {
			return false; /* a control character, CR, or '<' */
		}
	}
	out->len = (gsize)(o - out->str);
	out->str[out->len] = '\0';
	*ret_lines = lines;
	*ret_named = named;
	return worth;
}

/* A CDATA section's content [s, end): what xmlCheckCdataPush() accepts, strictly; its lines. */
static bool
check_cdata(const unsigned char *s, const unsigned char *end, guint *ret_lines)
{
	guint lines = 0;

	while (s < end) {
		s = skip_cdata(s, end);
		if (s == end) {
			break;
		}
		unsigned char c = *s;
		if (c >= 0x80) {
			do {
				gsize n = utf8_char(s, end);
				if (n == 0) {
					return false;
				}
				s += n;
			} while (s < end && *s >= 0x80);
		} else if (c == '\n') {
			lines++;
			s++;
		} else if (c == '\r' || c == '\t') {
			s++; /* passed on as they are in CDATA (push parser), no line */
		} else {
			return false;
		}
	}
	*ret_lines = lines;
	return true;
}

/*
 * Whether a run could still be read here, whatever libxml2 makes of the bytes before it:
 * no error so far, UTF-8 with no decoder, no text waiting for its PI.  When not, the
 * chunk must not be split at the run either (nor the run held): on a damaged feed
 * libxml2's diagnosis depends on where its chunks end (an error in its last bytes is
 * only reported at the end, bad UTF-8 in its last three bytes not at all), so an extra
 * xmlParseChunk() boundary would change the error or damage note of a feed the bypass
 * never reads (a legacy charset, or after the first error).
 */
static bool
libxml2_may_be_ready(const XmlFeedParser *p)
{
	const xmlParserCtxt *x = p->ctxt;

	return x != NULL && !p->bp_pending && p->error == NULL && !p->stopped_ok &&
	       p->damage == NULL && p->xml_error_code == 0 && x->wellFormed && x->nsWellFormed &&
	       !x->disableSAX && x->inputNr == 1 && x->input != NULL && x->input->buf != NULL &&
	       x->input->buf->encoder == NULL && x->charset == XML_CHAR_ENCODING_UTF8;
}

/* Whether libxml2 has read everything pushed so far, without an error, in element content. */
static bool
libxml2_ready(const XmlFeedParser *p)
{
	const xmlParserCtxt *x = p->ctxt;

	return libxml2_may_be_ready(p) && x->instate == XML_PARSER_CONTENT &&
	       x->input->cur == x->input->end && p->format != SOURCE_FORMAT_UNKNOWN;
}

/*
 * The PI standing for a run of @lines lines, pushed to libxml2; the decoded text waits
 * in p->bp_text for xmlfeed_bypass_pi().  False when libxml2 was not ready for it (the
 * caller pushes the run as it is).
 */
static bool
bypass_push(XmlFeedParser *p, guint lines, guint named)
{
	if (!libxml2_ready(p)) {
		return false;
	}
	GString *pi = p->bp_pi;
	g_string_truncate(pi, 0);
	g_string_append(pi, "<?");
	g_string_append(pi, bypass_target);
	for (guint i = 0; i < lines; i++) {
		g_string_append_c(pi, '\n');
	}
	g_string_append(pi, "?>");
	/* libxml2 reads a complete PI in element content at once, so xmlfeed_bypass_pi()
	 * has run when this returns; should it not have, libxml2_ready() stays false until
	 * it does, so p->bp_text is not replaced before. */
	p->bp_pending = true;
	p->bp_named = named;
	xmlfeed_push(p, pi->str, pi->len);
	return true;
}

/* Text run [run, stop) (stop at its '<') in place of libxml2, if it may be. */
static bool
try_text(XmlFeedParser *p, const char *run, const char *stop)
{
	guint lines, named;
	gsize n = (gsize)(stop - run);

	return n >= BYPASS_MIN_RUN && n <= BYPASS_MAX_RUN &&
	       decode_text((const unsigned char *)run, (const unsigned char *)stop, p->bp_text,
			   &lines, &named) &&
	       bypass_push(p, lines, named);
}

/* CDATA section [run, after) ("<![CDATA[" to "]]>") in place of libxml2, if it may be. */
static bool
try_cdata(XmlFeedParser *p, const char *run, const char *after)
{
	gsize n = (gsize)(after - run);
	guint lines;

	if (n < BYPASS_MIN_RUN || n > BYPASS_MAX_RUN || n < 12) {
		return false;
	}
	const unsigned char *in = (const unsigned char *)run + 9;
	const unsigned char *out = (const unsigned char *)after - 3;
	if (!check_cdata(in, out, &lines)) {
		return false;
	}
	g_string_truncate(p->bp_text, 0);
	g_string_append_len(p->bp_text, (const char *)in, (gssize)(out - in));
	return bypass_push(p, lines, 0);
}

void
xmlfeed_bypass_pi(XmlFeedParser *p, const char *target)
{
	if (!p->bp_pending || strcmp(target, bypass_target) != 0) {
		return; /* the feed's own PI: ignored */
	}
	p->bp_pending = false;
	p->ctxt->nbentities += p->bp_named;
	if (p->bp_text->len > 0) {
		xmlfeed_characters(p, p->bp_text->str, p->bp_text->len);
	}
}

/* The tag scanner's view of where a chunk is: see xmlfeed_bypass_feed(). */
enum {
	BP_TEXT = 0,
	BP_LT,
	BP_LT_BANG,
	BP_TAG,
	BP_QUOTE,
	BP_SPECIAL,
	BP_CDATA,
};

/*
 * The '>' ending @term ("-->", "]]>", "?>" or ">") in [c, end) of the chunk @data, the
 * bytes before it checked across the chunk boundary too (b->prev), or NULL.
 */
static const char *
term_end(const BypassState *b, const char *data, const char *c, const char *end,
	 const char *term)
{
	gsize n = strlen(term) - 1;

	for (;;) {
		const char *gt = memchr(c, '>', (gsize)(end - c));
		if (gt == NULL) {
			return NULL;
		}
		bool match = true;
		for (gsize k = 1; k <= n && match; k++) {
			gssize at = (gt - data) - (gssize)k;
			match = at >= -2 && (at >= 0 ? (unsigned char)data[at] : b->prev[2 + at]) ==
						    (unsigned char)term[n - k];
		}
		if (match) {
			return gt;
		}
		c = gt + 1;
	}
}

/* Appends [data, data + n) to the held run, as one piece (see carry_push()). */
static void
carry_add(XmlFeedParser *p, const char *data, gsize n)
{
	g_string_append_len(p->bp_carry, data, (gssize)n);
	gsize at = p->bp_carry->len;
	g_array_append_val(p->bp_cuts, at);
}

/*
 * Pushes the held run to libxml2 as it is, in the pieces it came in: where a run is
 * cut off (a truncated feed), libxml2 reports the line it had reached, which depends
 * on the pieces it was given.
 */
static void
carry_push(XmlFeedParser *p)
{
	gsize from = 0;
	for (guint i = 0; i < p->bp_cuts->len; i++) {
		gsize to = g_array_index(p->bp_cuts, gsize, i);
		if (to > from) {
			xmlfeed_push(p, p->bp_carry->str + from, to - from);
		}
		from = to;
	}
	g_string_truncate(p->bp_carry, 0);
	g_array_set_size(p->bp_cuts, 0);
}

void
xmlfeed_bypass_flush(XmlFeedParser *p)
{
	if (p->bp_carry->len > 0) {
		carry_push(p);
	}
}

/*
 * The rest of a run held over from the previous chunk (p->bp_carry, state BP_TEXT or
 * BP_CDATA), up to its end in this one: read past libxml2 when it may be, else pushed
 * as it is.  Returns where the scan of @data goes on.
 */
static const char *
carry_on(XmlFeedParser *p, const char *data, const char *end)
{
	BypassState *b = &p->bp;
	GString *carry = p->bp_carry;
	bool text = b->state == BP_TEXT;
	const char *stop = text ? memchr(data, '<', (gsize)(end - data))
				: term_end(b, data, data, end, "]]>");
	if (!text && stop != NULL) {
		stop++; /* past the '>' */
	}
	const char *upto = stop != NULL ? stop : end;

	if (carry->len + (gsize)(upto - data) > BYPASS_MAX_RUN) {
		/* Too long to hold: libxml2 reads it, this chunk's part with the rest. */
		carry_push(p);
		return data;
	}
	carry_add(p, data, (gsize)(upto - data));
	if (stop == NULL) {
		return end;
	}
	bool done = text ? try_text(p, carry->str, carry->str + carry->len)
			 : try_cdata(p, carry->str, carry->str + carry->len);
	if (done) {
		g_string_truncate(carry, 0);
		g_array_set_size(p->bp_cuts, 0);
	} else {
		carry_push(p);
	}
	if (!text) {
		b->state = BP_TEXT;
	}
	return stop;
}

/* True when text [s, e) holds a reference or a non-ASCII byte: what makes a run one
 * the bypass may read (see try_text()). */
static bool
run_may_bypass(const char *s, const char *e)
{
	for (; s < e; s++) {
		if (*s == '&' || (unsigned char)*s >= 0x80) {
			return true;
		}
	}
	return false;
}

bool
xmlfeed_bypass_feed(XmlFeedParser *p, const char *data, gsize len)
{
	static GOnce once = G_ONCE_INIT;
	g_once(&once, tables_init, NULL);

	const char *c = data;
	const char *end = data + len;
	const char *run = NULL; /* start of the text run or CDATA section in this chunk */
	BypassState *b = &p->bp;

	if (p->bp_carry->len > 0) {
		c = carry_on(p, data, end);
		if (p->error != NULL) {
			return false;
		}
	}
	const char *seg = c; /* first byte not yet pushed */
	while (c < end && !p->bp_off) {
		switch (b->state) {
		case BP_TEXT: {
			const char *lt = memchr(c, '<', (gsize)(end - c));
			if (lt == NULL) {
				c = end;
				break;
			}
			if (run != NULL && (gsize)(lt - run) >= BYPASS_MIN_RUN &&
			    libxml2_may_be_ready(p)) {
				if (run > seg && !xmlfeed_push(p, seg, (gsize)(run - seg))) {
					return false;
				}
				seg = try_text(p, run, lt) ? lt : run;
				if (p->error != NULL) {
					return false;
				}
			}
			run = NULL;
			c = lt + 1;
			b->state = BP_LT;
			break;
		}
		case BP_LT:
			if (*c == '!') {
				b->state = BP_LT_BANG;
				c++;
			} else if (*c == '?') {
				b->state = BP_SPECIAL;
				b->term = "?>";
				c++;
			} else {
				b->state = BP_TAG;
			}
			break;
		case BP_LT_BANG:
			if (*c == '[') {
				/* "<![CDATA[": read here only when all of it is in this chunk. */
				if (c - data >= 2 && end - c >= 7 && memcmp(c, "[CDATA[", 7) == 0) {
					b->state = BP_CDATA;
					run = c - 2; /* its "<!" is in this chunk too */
					c += 7;
				} else {
					b->state = BP_SPECIAL;
					b->term = "]]>";
					c++;
				}
			} else if (*c == '-') {
				b->state = BP_SPECIAL;
				b->term = "-->";
				c++;
			} else {
				/* A DOCTYPE or other declaration: no bypass in this document. */
				p->bp_off = true;
			}
			break;
		case BP_TAG: {
			c = tagscan_tag_stop(c, end);
			if (c == end) {
				break;
			}
			if (*c == '>') {
				b->state = BP_TEXT;
				run = c + 1;
			} else {
				b->quote = *c;
				b->state = BP_QUOTE;
			}
			c++;
			break;
		}
		case BP_QUOTE: {
			const char *q = memchr(c, b->quote, (gsize)(end - c));
			if (q == NULL) {
				c = end;
				break;
			}
			c = q + 1;
			b->state = BP_TAG;
			break;
		}
		case BP_SPECIAL:
		case BP_CDATA: {
			const char *gt =
				term_end(b, data, c, end, b->state == BP_CDATA ? "]]>" : b->term);
			if (gt == NULL) {
				c = end;
				break;
			}
			c = gt + 1;
			if (b->state == BP_CDATA && run != NULL && libxml2_may_be_ready(p)) {
				if (run > seg && !xmlfeed_push(p, seg, (gsize)(run - seg))) {
					return false;
				}
				seg = try_cdata(p, run, c) ? c : run;
				if (p->error != NULL) {
					return false;
				}
			}
			run = NULL;
			b->state = BP_TEXT;
			break;
		}
		}
	}
	tagscan_keep_prev(b->prev, data, len);
	/* A run that goes on in the next chunk is held, so it can be read whole: a CDATA
	 * section, or text that already holds a reference or a non-ASCII byte (plain
	 * ASCII so far, such as the whitespace between elements, goes to libxml2 at once:
	 * holding it would only grow the carry). */
	if (run != NULL && !p->bp_off &&
	    (b->state == BP_CDATA || (b->state == BP_TEXT && run_may_bypass(run, end))) &&
	    (gsize)(end - run) <= BYPASS_MAX_RUN && libxml2_may_be_ready(p)) {
		if (run > seg && !xmlfeed_push(p, seg, (gsize)(run - seg))) {
			return false;
		}
		carry_add(p, run, (gsize)(end - run));
		seg = end;
	}
	if (end > seg) {
		return xmlfeed_push(p, seg, (gsize)(end - seg));
	}
	return p->error == NULL;
}
