/*
 * HTML to plain text for feed descriptions (see text.h).  One forward pass
 * over the input with a small state machine: no regex, no backtracking, no
 * recursion, so a hostile 8 MB body costs linear time, and output stops
 * growing at max_bytes.  It never interprets HTML beyond what a person reading
 * an alert needs: tags go, <script>/<style> bodies go, entities are decoded
 * once, block elements become line breaks.  Input comes from the XML and JSON
 * parsers (already one level of escaping removed); output goes to
 * Advisory.text and AdvisoryUpdate.text.
 */
#include "util/text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Pending separator before the next visible character; higher wins. */
enum {
	SEP_NONE = 0,
	SEP_SPACE,
	SEP_LINE,      /* <br>, <li>, <tr>: "\n" */
	SEP_PARAGRAPH, /* <p>, <div>, headings: "\n\n", the most ever emitted */
};

typedef struct {
	const char *name;
	gunichar code;
} Entity;

/*
 * Named entities, sorted by strcmp (test-text checks the order), which keeps
 * each first byte's names together for entity_first[]/entity_last[] below.
 * The HTML 4 set that status pages and CMSs really emit; an unknown name is
 * kept literally, which is what a browser shows too.  &nbsp; becomes a plain
 * space: in alert text a no-break space is just whitespace to fold.
 */
static const Entity entities[] = {
	{"AElig", 0xC6},   {"Aacute", 0xC1}, {"Agrave", 0xC0}, {"Auml", 0xC4},  {"Ccedil", 0xC7},
	{"Eacute", 0xC9},  {"Egrave", 0xC8}, {"Ntilde", 0xD1}, {"Oacute", 0xD3}, {"Ouml", 0xD6},
	{"Uacute", 0xDA},  {"Uuml", 0xDC},   {"aacute", 0xE1}, {"aelig", 0xE6},  {"agrave", 0xE0},
	{"amp", '&'},      {"apos", '\''},   {"auml", 0xE4},   {"bdquo", 0x201E}, {"bull", 0x2022},
	{"ccedil", 0xE7},  {"cent", 0xA2},   {"copy", 0xA9},   {"deg", 0xB0},    {"eacute", 0xE9},
	{"egrave", 0xE8},  {"euro", 0x20AC}, {"gt", '>'},      {"hellip", 0x2026}, {"iacute", 0xED},
	{"laquo", 0xAB},   {"ldquo", 0x201C}, {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", '<'},
	{"mdash", 0x2014}, {"middot", 0xB7}, {"nbsp", ' '},    {"ndash", 0x2013}, {"ntilde", 0xF1},
	{"oacute", 0xF3},  {"ouml", 0xF6},   {"para", 0xB6},   {"pound", 0xA3},  {"quot", '"'},
	{"raquo", 0xBB},   {"rdquo", 0x201D}, {"reg", 0xAE},   {"rsaquo", 0x203A}, {"rsquo", 0x2019},
	{"sbquo", 0x201A}, {"sect", 0xA7},   {"shy", 0xAD},    {"szlig", 0xDF},  {"times", 0xD7},
	{"trade", 0x2122}, {"uacute", 0xFA}, {"uuml", 0xFC},   {"yen", 0xA5},
};

/*
 * entities[] grouped by first byte (the table is sorted, so each group is a
 * contiguous range), with each name's length: decode_entity() compares a
 * few names of the right length instead of bsearch's strcmp per probe.
 */
static guint8 entity_first[128];
static guint8 entity_last[128]; /* one past the group's end */
static guint8 entity_len[G_N_ELEMENTS(entities)];

static void
init_entity_groups(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(entities); i++) {
		unsigned char c = (unsigned char)entities[i].name[0];
		if (entity_last[c] == 0) {
			entity_first[c] = (guint8)i;
		}
		entity_last[c] = (guint8)(i + 1);
		entity_len[i] = (guint8)strlen(entities[i].name);
	}
}

/* For the table-order test (test-text.c). */
const char *text_entity_name_at(gsize i);
const char *
text_entity_name_at(gsize i)
{
	return i < G_N_ELEMENTS(entities) ? entities[i].name : NULL;
}

/*
 * Bytes copied verbatim in runs: ASCII except NUL, '<', '&' and whitespace.
 * Non-ASCII bytes leave the run and are validated one sequence at a time, so
 * the output is valid UTF-8 without a second pass over it.
 */
static bool plain_byte[256];

static void
init_plain_bytes(void)
{
	for (int c = 1; c < 128; c++) {
		plain_byte[c] = c != '<' && c != '&' && c != ' ' && c != '\t' && c != '\n' &&
				c != '\r' && c != '\f';
	}
}

/*
 * A growable output buffer: starts on the caller's stack for short texts (the
 * result is then allocated once at its exact size), on the heap for long ones.
 * One allocation per call either way (GString would add a second).
 */
typedef struct {
	char *str;
	gsize len;
	gsize cap;
	bool heap; /* str is g_malloc'd (else the caller's stack buffer) */
} Out;

typedef struct {
	Out *out;
	gsize max_bytes;
	int pending;
} Sink;

/*
 * End of the plain run starting at p (which is a plain byte): the first byte
 * that needs the slow path ('<', '&', whitespace other than a single space
 * between words, non-ASCII) or @end.  A run never ends in a space: a space
 * before a tag or a second space is left for the whitespace branch to fold.
 * With SSE2 it tests 16 bytes per step (branchy byte loops were the hot
 * spot of the whole feed benchmark); never reads at or past @end.
 */
static const char *
scan_run(const char *p, const char *end)
{
	const char *q = p;
#if defined(__SSE2__)
	const __m128i lt = _mm_set1_epi8('<');
	const __m128i amp = _mm_set1_epi8('&');
	const __m128i sp = _mm_set1_epi8(' ');
	unsigned prev_space = 0;

	while (end - q >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
		/*
		 * A signed compare below ' ' flags both every control byte (whitespace and NUL,
		 * which end the run, and the other controls, which the byte loop below then
		 * takes) and every byte >= 0x80 in one instruction.
		 */
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, amp)),
					   _mm_cmplt_epi8(v, sp));
		unsigned stop = (unsigned)_mm_movemask_epi8(hit);
		unsigned spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp));
		stop |= spaces & ((spaces << 1) | prev_space); /* second of two spaces */
		if (stop != 0) {
			q += __builtin_ctz(stop);
			if (plain_byte[(unsigned char)*q]) {
				break; /* a control byte that stays in the run: the byte loop goes on */
			}
			goto done;
		}
		prev_space = (spaces >> 15) & 1;
		q += 16;
	}
	if (q > p && q[-1] == ' ' && q < end && q[0] == ' ') {
		goto done; /* the tail starts with the second of two spaces */
	}
#endif
	for (;;) {
		while (q < end && plain_byte[(unsigned char)*q]) {
			q++;
		}
		/* A single space between words needs no folding: keep it in the run. */
		if (q + 1 < end && q[0] == ' ' && q > p && plain_byte[(unsigned char)q[1]]) {
			q++;
			continue;
		}
		break;
	}
#if defined(__SSE2__)
done:
#endif
	if (q > p && q[-1] == ' ') {
		q--;
	}
	return q;
}

static void
out_grow(Out *o, gsize n)
{
	gsize cap = MAX(o->cap * 2, o->len + n + 1);

	if (o->heap) {
		o->str = g_realloc(o->str, cap);
	} else {
		char *h = g_malloc(cap);
		memcpy(h, o->str, o->len);
		o->str = h;
		o->heap = true;
	}
	o->cap = cap;
}

static inline void
out_reserve(Out *o, gsize n)
{
	if (G_UNLIKELY(o->len + n + 1 > o->cap)) {
		out_grow(o, n);
	}
}

static inline void
out_append(Out *o, const char *b, gsize n)
{
	out_reserve(o, n);
	memcpy(o->str + o->len, b, n);
	o->len += n;
}

static inline void
out_c(Out *o, char c)
{
	out_reserve(o, 1);
	o->str[o->len++] = c;
}

/*
 * Length of the valid UTF-8 sequence at p (lead byte >= 0x80), or 0 if it
 * is not one (bad lead, bad continuation, overlong, surrogate, > U+10FFFF).
 */
static inline gsize
utf8_seq_len(const unsigned char *p, gsize avail)
{
	unsigned char c = p[0];
	unsigned char lo = 0x80;
	unsigned char hi = 0xBF;
	gsize n;

	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	} else {
		return 0;
	}
	if (n > avail || p[1] < lo || p[1] > hi) {
		return 0;
	}
	for (gsize i = 2; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			return 0;
		}
	}
	return n;
}

static void
sink_break(Sink *s, int level)
{
	if (level > s->pending) {
		s->pending = level;
	}
}

/* sink_flush()'s work when a separator is pending. */
static void
sink_flush_pending(Sink *s)
{
	if (s->out->len > 0) {
		switch (s->pending) {
		case SEP_SPACE:
			out_c(s->out, ' ');
			break;
		case SEP_LINE:
			out_c(s->out, '\n');
			break;
		default:
			out_append(s->out, "\n\n", 2);
			break;
		}
	}
	s->pending = SEP_NONE;
}

/* Makes room for one visible character: flushes the pending separator.  Inline test:
 * it runs before every run of text, most often with nothing pending. */
static inline void
sink_flush(Sink *s)
{
	if (s->pending != SEP_NONE) {
		sink_flush_pending(s);
	}
}

static void
sink_unichar(Sink *s, gunichar c)
{
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
		sink_break(s, SEP_SPACE);
		return;
	}
	sink_flush(s);
	/* UTF-8 by hand (c <= U+10FFFF, no surrogates: decode_entity() sees to it). */
	out_reserve(s->out, 4);
	char *o = s->out->str + s->out->len;
	if (c < 0x80) {
		o[0] = (char)c;
		s->out->len += 1;
	} else if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		s->out->len += 2;
	} else if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		s->out->len += 3;
	} else {
		o[0] = (char)(0xF0 | (c >> 18));
		o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[3] = (char)(0x80 | (c & 0x3F));
		s->out->len += 4;
	}
}

static bool
sink_full(const Sink *s)
{
	return s->out->len > s->max_bytes;
}

/*
 * Decodes the entity at p ('&'); returns the bytes consumed, 0 if it is not
 * one (then '&' is literal).  Names longer than 31 bytes are not entities.
 */
static gsize
decode_entity(const char *p, const char *end, gunichar *ret)
{
	char name[32];
	gsize n = 1;
	const gsize avail = (gsize)(end - p);
	/* The byte at p[i], or NUL past @end: what the NUL-terminated input had there. */
#define AT(i) ((i) < avail ? p[(i)] : '\0')

	if (AT(1) == '#') {
		guint64 v = 0;
		bool hex = AT(2) == 'x' || AT(2) == 'X';
		n = hex ? 3 : 2;
		gsize digits = 0;
		for (;; n++, digits++) {
			char ch = AT(n);
			/* Decimal inline (g_ascii_digit_value() is a call); hex is rare. */
			int d = hex ? g_ascii_xdigit_value(ch) : (ch >= '0' && ch <= '9' ? ch - '0' : -1);
			if (d < 0 || digits > 8) {
				break;
			}
			v = v * (hex ? 16 : 10) + (guint64)d;
		}
		if (digits == 0 || digits > 8) {
			return 0;
		}
		if (AT(n) == ';') {
			n++;
		}
		/* NUL, surrogates and out-of-range code points become U+FFFD, as in HTML5. */
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
			v = 0xFFFD;
		}
		*ret = (gunichar)v;
		return n;
	}
	while (n - 1 < sizeof name - 1 && g_ascii_isalnum(AT(n))) {
		name[n - 1] = p[n];
		n++;
	}
	if (AT(n) != ';' || n == 1) {
		return 0;
	}
#undef AT
	name[n - 1] = '\0';
	/* Names are ASCII alphanumerics here, so name[0] < 128. */
	unsigned char c = (unsigned char)name[0];
	gsize len = n - 1;
	for (gsize i = entity_first[c]; i < entity_last[c]; i++) {
		if (entity_len[i] != len) {
			continue;
		}
		/* A byte loop: libc memcmp's call costs more than these few bytes. */
		const char *e = entities[i].name;
		gsize k = 1;
		while (k < len && e[k] == name[k]) {
			k++;
		}
		if (k == len) {
			*ret = entities[i].code;
			return n + 1;
		}
	}
	return 0;
}

/* What a tag does to the text flow (a switch, not a table walk: this runs per tag). */
static int
tag_break(const char *name)
{
	switch (name[0]) {
	case 'b':
		if (strcmp(name, "br") == 0) {
			return SEP_LINE;
		}
		return strcmp(name, "blockquote") == 0 ? SEP_PARAGRAPH : SEP_NONE;
	case 'd':
		if (strcmp(name, "dt") == 0) {
			return SEP_LINE;
		}
		return strcmp(name, "div") == 0 || strcmp(name, "dd") == 0 || strcmp(name, "dl") == 0
			       ? SEP_PARAGRAPH
			       : SEP_NONE;
	case 'h':
		/* h1-h6 and hr */
		return (name[1] == 'r' || (name[1] >= '1' && name[1] <= '6')) && name[2] == '\0'
			       ? SEP_PARAGRAPH
			       : SEP_NONE;
	case 'l':
		return strcmp(name, "li") == 0 ? SEP_LINE : SEP_NONE;
	case 'o':
		return strcmp(name, "ol") == 0 ? SEP_PARAGRAPH : SEP_NONE;
	case 'p':
		return name[1] == '\0' || strcmp(name, "pre") == 0 ? SEP_PARAGRAPH : SEP_NONE;
	case 's':
		return strcmp(name, "section") == 0 ? SEP_PARAGRAPH : SEP_NONE;
	case 't':
		if (strcmp(name, "tr") == 0) {
			return SEP_LINE;
		}
		if (strcmp(name, "table") == 0) {
			return SEP_PARAGRAPH;
		}
		/* Table cells still separate words. */
		return strcmp(name, "td") == 0 || strcmp(name, "th") == 0 ? SEP_SPACE : SEP_NONE;
	case 'u':
		return strcmp(name, "ul") == 0 ? SEP_PARAGRAPH : SEP_NONE;
	default:
		return SEP_NONE;
	}
}

/* Finds "</name" (case-insensitive) in [p, end); returns its start or NULL.  Linear. */
static const char *
find_close_tag(const char *p, const char *end, const char *name)
{
	gsize len = strlen(name);

	for (p = memchr(p, '<', (gsize)(end - p)); p != NULL;
	     p = memchr(p + 1, '<', (gsize)(end - p - 1))) {
		if ((gsize)(end - p) >= 2 + len && p[1] == '/' &&
		    g_ascii_strncasecmp(p + 2, name, len) == 0 &&
		    (p + 2 + len == end || !g_ascii_isalnum(p[2 + len]))) {
			return p;
		}
	}
	return NULL;
}

/* Skips a tag from '<'; returns the position after '>' (or @end).  A quoted value is
 * skipped with one memchr() for its closing quote (a link's href is most of a tag). */
static const char *
skip_tag(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '>') {
			return p + 1;
		}
		if (*p == '"' || *p == '\'') {
			const char *close = memchr(p + 1, *p, (gsize)(end - p - 1));
			if (close == NULL) {
				return end;
			}
			p = close;
		}
	}
	return p;
}

/* What convert() does after convert_tag(). */
typedef enum {
	TAG_NEXT,  /* the markup was consumed: go on */
	TAG_STOP,  /* one of the stops starts here; *pp unchanged */
	TAG_ABORT, /* with stops: where the stop is cannot be known (see convert()) */
} TagStep;

/*
 * The markup at *pp (a '<'): a stop, a comment, a literal '<', script/style with their
 * content, or a tag that may break the text.  Advances *pp past what it consumed.
 */
static TagStep
convert_tag(Sink *s, const char **pp, const char *end, const char *const *stops)
{
	const char *p = *pp;
	const char *tag = p;

	if (stops != NULL) {
		/* A stop is markup ("</p>", "<small>"): its second byte first, so most tags
		 * cost no strlen() or memcmp() call per stop. */
		char second = end - p >= 2 ? p[1] : '\0';
		for (const char *const *st = stops; *st != NULL; st++) {
			if ((*st)[0] != '\0' && (*st)[1] != '\0' && (*st)[1] != second) {
				continue;
			}
			gsize sl = strlen(*st);
			if ((gsize)(end - p) >= sl && memcmp(p, *st, sl) == 0) {
				return TAG_STOP;
			}
		}
	}
	if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
		const char *close = memmem(p + 4, (gsize)(end - p - 4), "-->", 3);
		*pp = close != NULL ? (const char *)close + 3 : end;
		if (stops != NULL && memchr(tag + 1, '<', (gsize)(*pp - tag - 1)) != NULL) {
			return TAG_ABORT; /* a stop may hide in what was skipped */
		}
		return TAG_NEXT;
	}
	bool closing = p + 1 < end && p[1] == '/';
	const char *q = p + (closing ? 2 : 1);
	char q0 = q < end ? *q : '\0';
	if (!g_ascii_isalpha(q0) && q0 != '!' && q0 != '?') {
		/* "a < b": a literal '<', not markup. */
		sink_unichar(s, '<');
		*pp = p + 1;
		return TAG_NEXT;
	}
	char name[16];
	gsize n = 0;
	while (q + n < end && g_ascii_isalnum(q[n]) && n < sizeof name - 1) {
		name[n] = g_ascii_tolower(q[n]);
		n++;
	}
	name[n] = '\0';
	p = skip_tag(p, end);
	if (!closing && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)) {
		const char *close = find_close_tag(p, end, name);
		*pp = close != NULL ? skip_tag(close, end) : end;
		if (stops != NULL) {
			return TAG_ABORT; /* the close tag itself is a '<' skipped */
		}
		sink_break(s, SEP_SPACE);
		return TAG_NEXT;
	}
	*pp = p;
	if (stops != NULL && memchr(tag + 1, '<', (gsize)(p - tag - 1)) != NULL) {
		return TAG_ABORT;
	}
	int level = tag_break(name);
	if (level != SEP_NONE) {
		sink_break(s, level);
	}
	return TAG_NEXT;
}

/*
 * The converter over [p, end): every scan stops at @end, so the input needs
 * no NUL terminator (text_from_html() passes its strlen(), and the result
 * is byte for byte what the NUL-terminated loop gave).  A NUL byte in text
 * ends the conversion, as it ends a C string.
 */
static char *
convert(const char *p, const char *end, gsize max_bytes, const char *const *stops,
	const char **ret_stop, gsize *ret_len)
{
	static gsize once = 0;
	if (g_once_init_enter(&once)) {
		init_plain_bytes();
		init_entity_groups();
		g_once_init_leave(&once, 1);
	}
	char stack[1024];
	gsize want = MIN((gsize)(end - p), max_bytes) + 16;
	Out out = {.str = stack, .cap = sizeof stack};
	/* Until a stop, the input's length says nothing about the output's: start small. */
	if (want > sizeof stack && stops == NULL) {
		out.str = g_malloc(want);
		out.cap = want;
		out.heap = true;
	}
	Sink s = {
		.out = &out,
		.max_bytes = max_bytes,
		.pending = SEP_NONE,
	};

	while (p < end && !sink_full(&s)) {
		/*
		 * Fast path: a run of ordinary ASCII bytes (single spaces
		 * included) is copied in one go.
		 */
		const char *run = plain_byte[(unsigned char)*p] ? scan_run(p, end) : p;
		/*
		 * A valid UTF-8 sequence (or several) between plain runs joins
		 * the run: one copy for "zürich investigating" rather than three
		 * (non-ASCII words are common in status text).
		 */
		while (run < end && (unsigned char)*run >= 0x80) {
			gsize n = utf8_seq_len((const unsigned char *)run, (gsize)(end - run));
			if (n == 0) {
				break;
			}
			run += n;
			if (run < end && plain_byte[(unsigned char)*run]) {
				run = scan_run(run, end);
			}
		}
		if (run > p) {
			sink_flush(&s);
			out_append(s.out, p, (gsize)(run - p));
			p = run;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
			sink_break(&s, SEP_SPACE);
			p++;
			continue;
		}
		if (*p == '<') {
			TagStep step = convert_tag(&s, &p, end, stops);
			if (step == TAG_STOP) {
				*ret_stop = p;
				goto done;
			}
			if (step == TAG_ABORT) {
				goto abort;
			}
			continue;
		}
		if (*p == '&') {
			gunichar c;
			gsize used = decode_entity(p, end, &c);
			if (used > 0) {
				sink_unichar(&s, c);
				p += used;
				continue;
			}
		}
		if ((unsigned char)*p >= 0x80) {
			gsize n = utf8_seq_len((const unsigned char *)p, (gsize)(end - p));
			sink_flush(&s);
			if (n == 0) {
				out_append(s.out, "\xEF\xBF\xBD", 3); /* U+FFFD for a bad byte */
				p++;
			} else {
				out_append(s.out, p, n);
				p += n;
			}
			continue;
		}
		if (*p == '\0') {
			if (stops != NULL) {
				goto abort;
			}
			break; /* only text_from_html_len() input can hold one */
		}
		/* A '&' that is not an entity. */
		sink_flush(&s);
		out_c(s.out, *p);
		p++;
	}

	if (stops != NULL) {
		if (sink_full(&s)) {
			goto abort; /* stopped early: where the stop is stays unknown */
		}
		*ret_stop = end;
	}
done:
	if (out.len > max_bytes) {
		gsize cut = max_bytes;
		while (cut > 0 && ((unsigned char)out.str[cut] & 0xC0) == 0x80) {
			cut--;
		}
		out.len = cut;
		/* The cut may have left a trailing separator. */
		while (out.len > 0 && g_ascii_isspace(out.str[out.len - 1])) {
			out.len--;
		}
	}
	out.str[out.len] = '\0';
	if (ret_len != NULL) {
		*ret_len = out.len;
	}
	return out.heap ? out.str : g_memdup2(out.str, out.len + 1);
abort:
	if (out.heap) {
		g_free(out.str);
	}
	return NULL;
}

char *
text_from_html(const char *html, gsize max_bytes)
{
	const char *p = html != NULL ? html : "";
	return convert(p, p + strlen(p), max_bytes, NULL, NULL, NULL);
}

char *
text_from_html_len(const char *html, gsize len, gsize max_bytes, gsize *ret_len)
{
	const char *p = html != NULL ? html : "";
	return convert(p, p + (html != NULL ? len : 0), max_bytes, NULL, NULL, ret_len);
}

char *
text_from_html_until(const char *html, gsize len, gsize max_bytes, const char *const *stops,
		     const char **ret_stop, gsize *ret_len)
{
	g_return_val_if_fail(html != NULL && stops != NULL && ret_stop != NULL, NULL);
	return convert(html, html + len, max_bytes, stops, ret_stop, ret_len);
}

char *
text_fold_whitespace(const char *s)
{
	const char *p = s != NULL ? s : "";
	char *out = g_malloc(strlen(p) + 1);
	gsize n = 0;
	gsize space = 0;

	/*
	 * Branch-free (titles mix words and spaces too irregularly to
	 * predict): a pending space, then the byte, each kept only if it
	 * counts.  n never passes the bytes read, so both stores fit.
	 */
	for (; *p != '\0'; p++) {
		gsize sp = g_ascii_isspace(*p) ? 1 : 0;
		out[n] = ' ';
		n += space & (sp ^ 1);
		out[n] = *p;
		n += sp ^ 1;
		space = sp & (n > 0);
	}
	out[n] = '\0';
	return out;
}

bool
text_parse_bool(const char *s, bool *ret)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	for (gsize i = 0; i < G_N_ELEMENTS(yes); i++) {
		if (g_ascii_strcasecmp(s, yes[i]) == 0) {
			*ret = true;
			return true;
		}
		if (g_ascii_strcasecmp(s, no[i]) == 0) {
			*ret = false;
			return true;
		}
	}
	return false;
}

char *
text_escape_html(const char *s, bool quotes)
{
	const char *p = s != NULL ? s : "";
	GString *out = g_string_sized_new(strlen(p) + 16);

	for (; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			g_string_append(out, "&amp;");
			break;
		case '<':
			g_string_append(out, "&lt;");
			break;
		case '>':
			g_string_append(out, "&gt;");
			break;
		case '"':
			g_string_append(out, quotes ? "&quot;" : "\"");
			break;
		case '\'':
			g_string_append(out, quotes ? "&#39;" : "'");
			break;
		case '\t':
		case '\n':
		case '\r':
			g_string_append_c(out, *p);
			break;
		default:
			/* Other C0 controls, DEL and the C1 controls (U+0080..U+009F, UTF-8
			 * C2 80..C2 9F) are not text in HTML: '?' keeps the place. */
			if ((guchar)*p < 0x20 || *p == 0x7f) {
				g_string_append_c(out, '?');
			} else if ((guchar)p[0] == 0xc2 && (guchar)p[1] >= 0x80 &&
				   (guchar)p[1] <= 0x9f) {
				g_string_append_c(out, '?');
				p++;
			} else {
				g_string_append_c(out, *p);
			}
		}
	}
	return g_string_free(out, FALSE);
}

bool
text_is_web_link(const char *url)
{
	return url != NULL && (g_ascii_strncasecmp(url, "https://", 8) == 0 ||
			       g_ascii_strncasecmp(url, "http://", 7) == 0);
}
