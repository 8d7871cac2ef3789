/*
 * Statuspage entry HTML.  A Statuspage history.atom / history.rss entry
 * carries its whole update list in the body: one <p> per update, newest
 * first, each "<small>Oct <var>20</var>, <var>15:58</var> EDT</small><br>
 * <strong>Label</strong> - text".  This file splits that list into dated,
 * labelled updates and sets the advisory's text, updates, status, kind,
 * start and end from them.
 *
 * Every search is bounded by the next "<small>", so a body is scanned a
 * constant number of times; a hostile entry with thousands of updates stays
 * linear (sorting aside).  Never does I/O or logs; odd updates become warnings.
 */
#include "sources/xmlfeed_private.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "model/advisory.h"
#include "sources/status_words.h"
#include "util/text.h"
#include "util/timeparse.h"

typedef struct {
	const char *name;
	int offset_minutes;
} DisplayZone;

/*
 * Display zones a Statuspage page may use: RFC 822's names plus the common
 * others.  Sorted by strcmp (bsearch).  Ambiguous abbreviations take their most common status-page
 * reading (IST = India, as Statuspage's zone list has it).
 */
static const DisplayZone display_zones[] = {
	{"AEDT", 11 * 60}, {"AEST", 10 * 60}, {"AKDT", -8 * 60}, {"AKST", -9 * 60},
	{"BST", 60},       {"CDT", -5 * 60},  {"CEST", 2 * 60},  {"CET", 60},
	{"CST", -6 * 60},  {"EDT", -4 * 60},  {"EEST", 3 * 60},  {"EET", 2 * 60},
	{"EST", -5 * 60},  {"GMT", 0},        {"HKT", 8 * 60},   {"HST", -10 * 60},
	{"IST", 5 * 60 + 30}, {"JST", 9 * 60}, {"KST", 9 * 60},  {"MDT", -6 * 60},
	{"MST", -7 * 60},  {"NZDT", 13 * 60}, {"NZST", 12 * 60}, {"PDT", -7 * 60},
	{"PST", -8 * 60},  {"SGT", 8 * 60},   {"UT", 0},         {"UTC", 0},
	{"WEST", 60},      {"WET", 0},        {"Z", 0},
};

static int
zone_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const DisplayZone *)elem)->name);
}

/*
 * Minutes east of UTC for a displayed zone ("EDT"; numeric "+0530", "+05:30"
 * or "-03" as moment.js prints zones without an abbreviation; "" = UTC);
 * false if unknown (the caller then infers it from the entry's own date).
 */
static bool
zone_offset(const char *zone, int *ret)
{
	int off = 0;

	if (zone[0] == '+' || zone[0] == '-') {
		const char *d = zone + 1;
		int hh = 0;
		int mm = 0;
		if (time_read_digits(&d, 2, &hh) != 2) {
			return false;
		}
		if (*d == ':') {
			d++;
		}
		if (*d != '\0' && time_read_digits(&d, 2, &mm) != 2) {
			return false;
		}
		if (*d != '\0' || hh > 14 || mm > 59) {
			return false;
		}
		off = (zone[0] == '-' ? -1 : 1) * (hh * 60 + mm);
	} else if (zone[0] != '\0') {
		char upper[8];
		gsize n = 0;
		for (; zone[n] != '\0' && n < sizeof upper - 1; n++) {
			upper[n] = g_ascii_toupper(zone[n]);
		}
		upper[n] = '\0';
		const DisplayZone *z = bsearch(upper, display_zones, G_N_ELEMENTS(display_zones),
					       sizeof display_zones[0], zone_cmp);
		if (z == NULL) {
			return false;
		}
		off = z->offset_minutes;
	}
	/* No zone at all: Statuspage always prints one; UTC is the least wrong reading. */
	*ret = off;
	return true;
}

/*
 * The UTC year of @t, as g_date_time_new_from_unix_utc() + get_year() gave it
 * (Hinnant's civil_from_days), and 1970 where GDateTime has no value (outside
 * years 1..9999).
 */
static int
utc_year(gint64 t)
{
	if (t < G_GINT64_CONSTANT(-62135596800) || t > G_GINT64_CONSTANT(253402300799)) {
		return 1970;
	}
	const gint64 z = (t >= 0 ? t / 86400 : (t - 86399) / 86400) + 719468;
	const gint64 era = (z >= 0 ? z : z - 146096) / 146097;
	const gint64 doe = z - era * 146097;
	const gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const gint64 mp = (5 * doy + 2) / 153;
	return (int)(yoe + era * 400 + (mp >= 10 ? 1 : 0));
}

/* A display time (zone already resolved) to Unix seconds; computed directly (once per update). */
static bool
display_time(int day, int month, int year, int hh, int mm, int off, gint64 *ret)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12 || day < 1 || day > mdays[month - 1] || hh > 23 || mm > 59 ||
	    year < 1970 || year > 9999) {
		return false;
	}
	if (month == 2 && day == 29 && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
		return false;
	}
	*ret = time_days_from_civil(year, month, day) * 86400 + hh * 3600 + mm * 60 - off * 60;
	return true;
}

static bool parse_display_time(XmlFeedParser *fp, const char *s, gint64 ref, int ref_year,
			       bool nearest, gint64 *ret, bool *ret_zone_known);

/*
 * "Oct 20, 15:58 EDT" (no year) or "Oct 20, 2025 - 15:58 EDT".  The year comes
 * from @ref (the entry's own date): the latest year that does not put the
 * update more than two days after the entry, so a "Dec 31" update in an entry
 * updated on 2 January lands in the previous year.  A zone the table does not
 * know is read as UTC with *ret_zone_known false: infer_zone() corrects it.
 */
static bool
parse_update_time(XmlFeedParser *fp, const char *s, gint64 ref, int ref_year, gint64 *ret,
		  bool *ret_zone_known)
{
	return parse_display_time(fp, s, ref, ref_year, false, ret, ret_zone_known);
}

/*
 * parse_update_time() with a choice of year rule: @nearest takes the year that
 * puts the time closest to @ref (a maintenance window may lie months ahead of
 * the entry's date), otherwise the update rule above.
 */
static bool
parse_display_time(XmlFeedParser *fp, const char *s, gint64 ref, int ref_year, bool nearest,
		   gint64 *ret, bool *ret_zone_known)
{
	int month = 0;
	int day = 0;
	int year = 0;
	int hh = 0;
	int mm = 0;
	char zone[8] = "";
	const char *p = s;

	/* Hand-rolled (no strtol, no strncasecmp loop): this runs once per update. */
	while (*p == ' ') {
		p++;
	}
	if (!g_ascii_isalpha(p[0]) || !g_ascii_isalpha(p[1]) || !g_ascii_isalpha(p[2])) {
		return false;
	}
	/* The three letters lower-cased and packed: one switch, not twelve compares. */
#define MON3(a, b, c) (((guint32)(a) << 16) | ((guint32)(b) << 8) | (guint32)(c))
	switch (MON3(p[0] | 0x20, p[1] | 0x20, p[2] | 0x20)) {
	case MON3('j', 'a', 'n'): month = 1; break;
	case MON3('f', 'e', 'b'): month = 2; break;
	case MON3('m', 'a', 'r'): month = 3; break;
	case MON3('a', 'p', 'r'): month = 4; break;
	case MON3('m', 'a', 'y'): month = 5; break;
	case MON3('j', 'u', 'n'): month = 6; break;
	case MON3('j', 'u', 'l'): month = 7; break;
	case MON3('a', 'u', 'g'): month = 8; break;
	case MON3('s', 'e', 'p'): month = 9; break;
	case MON3('o', 'c', 't'): month = 10; break;
	case MON3('n', 'o', 'v'): month = 11; break;
	case MON3('d', 'e', 'c'): month = 12; break;
	default: break;
	}
#undef MON3
	if (month == 0) {
		return false;
	}
	while (g_ascii_isalpha(*p) || *p == '.') {
		p++;
	}
	while (*p == ' ') {
		p++;
	}
	int nd = time_read_digits(&p, 2, &day);
	if (nd == 0) {
		return false;
	}
	while (*p == ' ' || *p == ',') {
		p++;
	}
	const char *q = p;
	int y = 0;
	if (time_read_digits(&q, 4, &y) == 4 && *q != ':') {
		year = y;
		p = q;
		while (*p == ' ' || *p == ',' || *p == '-') {
			p++;
		}
	}
	if (time_read_digits(&p, 2, &hh) == 0 || *p != ':') {
		return false;
	}
	p++;
	if (time_read_digits(&p, 2, &mm) != 2) {
		return false;
	}
	while (*p == ' ') {
		p++;
	}
	gsize zn = 0;
	while (zn < sizeof zone - 1 &&
	       (g_ascii_isalnum(p[zn]) || p[zn] == '+' || p[zn] == '-' || p[zn] == ':')) {
		zone[zn] = p[zn];
		zn++;
	}
	zone[zn] = '\0';

	/* A page prints one zone on every update: resolve it once per document. */
	int off;
	*ret_zone_known = true;
	/* Both buffers are zero-filled past the NUL: compare all eight bytes (no strcmp call). */
	if (fp->zone_valid && memcmp(zone, fp->zone_name, sizeof zone) == 0) {
		off = fp->zone_off;
	} else if (zone_offset(zone, &off)) {
		memcpy(fp->zone_name, zone, sizeof zone);
		fp->zone_off = off;
		fp->zone_valid = true;
	} else {
		off = 0;
		*ret_zone_known = false;
	}
	if (year != 0) {
		return display_time(day, month, year, hh, mm, off, ret);
	}
	if (ref == SW_TIME_NONE) {
		return false;
	}
	year = ref_year;
	gint64 t = 0;
	if (nearest) {
		bool found = false;
		for (int cy = ref_year - 1; cy <= ref_year + 1; cy++) {
			gint64 c;
			if (display_time(day, month, cy, hh, mm, off, &c) &&
			    (!found || ABS(c - ref) < ABS(t - ref))) {
				t = c;
				found = true;
			}
		}
		if (found) {
			*ret = t;
		}
		return found;
	}
	if (!display_time(day, month, year, hh, mm, off, &t)) {
		/* 29 Feb in a year without one: the previous leap year is the only reading. */
		if (!display_time(day, month, year - 1, hh, mm, off, &t)) {
			return false;
		}
	} else if (t > ref + 2 * 86400) {
		if (!display_time(day, month, year - 1, hh, mm, off, &t)) {
			return false;
		}
	}
	*ret = t;
	return true;
}

typedef struct {
	gint64 time;
	const StatusWord *word; /* NULL when the label is not in the table */
	char label[48];         /* the page's own word ("" if none); inline: no malloc per update */
	char when[64];          /* the update's time as displayed, inline too */
	char *text;             /* owned until item_build() hands it to the advisory */
	gsize when_len;
	gsize label_len;
	gsize text_len;
	guint order;            /* position in the document (newest first) */
	bool zone_known;        /* false: time read as UTC until infer_zone() */
} SpUpdate;

static gint sp_update_cmp(gconstpointer a, gconstpointer b);

/* Compares two indexes into the GArray of SpUpdate @user by sp_update_cmp(). */
static gint
sp_order_cmp(gconstpointer a, gconstpointer b, gpointer user)
{
	GArray *ups = user;

	return sp_update_cmp(&g_array_index(ups, SpUpdate, *(const guint *)a),
			     &g_array_index(ups, SpUpdate, *(const guint *)b));
}

static gint
sp_update_cmp(gconstpointer a, gconstpointer b)
{
	const SpUpdate *x = a;
	const SpUpdate *y = b;

	if (x->time != y->time) {
		if (x->time == SW_TIME_NONE) {
			return -1;
		}
		if (y->time == SW_TIME_NONE) {
			return 1;
		}
		return x->time < y->time ? -1 : 1;
	}
	/* Same minute: later in the document is older. */
	return x->order > y->order ? -1 : (x->order < y->order ? 1 : 0);
}

/* Bounded case-sensitive search of @needle in [hay, end). */
#define find_in(hay, end, needle) find_in_len((hay), (end), (needle), sizeof(needle) - 1)

static char *
find_in_len(char *hay, const char *end, const char *needle, gsize n)
{
	if (hay == NULL || hay >= end || (gsize)(end - hay) < n) {
		return NULL;
	}
	const char *last = end - n; /* the last start that still fits */
	char *h = hay;
#if defined(__SSE2__)
	/*
	 * 16 starts at a time, filtered on the needle's first three bytes
	 * ("</s", "<st", ...): '<' alone matched every tag of the update.
	 * The three loads read [h, h + 18), never at or past @end.
	 */
	const __m128i c0 = _mm_set1_epi8(needle[0]);
	const __m128i c1 = _mm_set1_epi8(needle[1]);
	const __m128i c2 = _mm_set1_epi8(needle[2]);
	while (end - h >= 18) {
		__m128i a = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)h), c0);
		__m128i b = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(h + 1)), c1);
		__m128i c = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(h + 2)), c2);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_and_si128(a, b), c));
		while (m != 0) {
			char *cand = h + __builtin_ctz(m);
			if (cand > last) {
				return NULL;
			}
			if (memcmp(cand, needle, n) == 0) {
				return cand;
			}
			m &= m - 1;
		}
		h += 16;
	}
#endif
	for (; h <= last; h++) {
		if (h[0] == needle[0] && memcmp(h, needle, n) == 0) {
			return h;
		}
	}
	return NULL;
}

/*
 * The short pieces of a Statuspage update ("Oct <var>20</var>, ..." and the
 * <strong> label) into a caller's buffer: tags dropped, whitespace folded,
 * no entities expected (any are kept as written), cut to fit.  Cheaper than
 * text_from_html() for ten bytes.
 */
/* The first @c in [p, end), or @end: 16 bytes per step where 16 remain (inline SSE2;
 * a memchr call per tag cost more). */
static const char *
find_byte(const char *p, const char *end, char c)
{
#if defined(__SSE2__)
	const __m128i want = _mm_set1_epi8(c);
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, want));
		if (m != 0) {
			return p + __builtin_ctz(m);
		}
		p += 16;
	}
#endif
	while (p < end && *p != c) {
		p++;
	}
	return p;
}

static gsize
short_piece_text(const char *start, const char *end, char *buf, gsize size)
{
	gsize n = 0;
	bool space = false;

	for (const char *c = start; c < end && n + 2 < size; c++) {
		if (*c == '<') {
			/* Tags here are a few bytes ("<var data-var='date'>"): no memchr call. */
			const char *close = find_byte(c + 1, end, '>');
			if (close == end) {
				break;
			}
			c = close;
			continue;
		}
		if (g_ascii_isspace(*c)) {
			space = n > 0;
			continue;
		}
		if (space) {
			buf[n++] = ' ';
			space = false;
		}
		buf[n++] = *c;
	}
	/* Never end inside a UTF-8 sequence when the buffer cut it short. */
	while (n > 0 && ((unsigned char)buf[n - 1] & 0x80) != 0 &&
	       !g_utf8_validate(buf, (gssize)n, NULL)) {
		n--;
	}
	buf[n] = '\0';
	return n;
}

/*
 * The tags that delimit one Statuspage update, from just after its
 * "</small>" up to the next "<small>", in ONE pass over the '<'s (it used to
 * be four bounded searches, two of them over the whole update text):
 *   strong:             first "<strong>"
 *   strong_end:         first "</strong>" after strong
 *   p_end:              first "</p>"
 *   p_end_after_strong: first "</p>" after strong_end
 *   next_small:         the next "<small>" (the end of the segment), or NULL
 * Each field is NULL when absent.  Every tag here has its only '<' first, so
 * a tag that starts before next_small also ends before it: the results are
 * those of the bounded searches they replace.
 */
typedef struct {
	char *strong;
	char *strong_end;
	char *p_end;
	char *p_end_after_strong;
	char *next_small;
} SegTags;

#define TAG_AT(t, left, lit) ((left) >= sizeof(lit) - 1 && memcmp((t), (lit), sizeof(lit) - 1) == 0)

/* The first '<' in [p, end), or NULL. */
static char *
next_lt(char *p, const char *end)
{
	const char *lt = find_byte(p, end, '<');

	return lt < end ? p + (lt - p) : NULL;
}

static void
seg_tags(char *from, const char *end, SegTags *ret)
{
	memset(ret, 0, sizeof *ret);
	for (char *t = from; t < end; t++) {
		t = next_lt(t, end);
		if (t == NULL) {
			return;
		}
		gsize left = (gsize)(end - t);
		if (t[1] == 's') {
			if (TAG_AT(t, left, "<small>")) {
				ret->next_small = t;
				return;
			}
			if (ret->strong == NULL && TAG_AT(t, left, "<strong>")) {
				ret->strong = t;
			}
		} else if (t[1] == '/') {
			if (t[2] == 'p' && TAG_AT(t, left, "</p>")) {
				if (ret->p_end == NULL) {
					ret->p_end = t;
				}
				if (ret->strong_end != NULL && ret->p_end_after_strong == NULL) {
					ret->p_end_after_strong = t;
				}
			} else if (ret->strong != NULL && ret->strong_end == NULL &&
				   TAG_AT(t, left, "</strong>")) {
				ret->strong_end = t;
			}
		}
	}
}

/*
 * The common update header, for the fast path in statuspage_updates(): the
 * first "<strong>" from @from and the first "</strong>" after it, with no
 * "</p>" or "<small>" before either.  seg_tags() finds the same two tags
 * there (and no "</p>" before them).  False for anything else.
 */
static bool
header_strong(char *from, const char *end, char **ret_strong, char **ret_strong_end)
{
	char *strong = NULL;

	for (char *t = from; t < end; t++) {
		t = next_lt(t, end);
		if (t == NULL) {
			return false;
		}
		gsize left = (gsize)(end - t);
		if (TAG_AT(t, left, "<small>") || TAG_AT(t, left, "</p>")) {
			return false;
		}
		if (strong == NULL) {
			if (TAG_AT(t, left, "<strong>")) {
				strong = t;
			}
		} else if (TAG_AT(t, left, "</strong>")) {
			*ret_strong = strong;
			*ret_strong_end = t;
			return true;
		}
	}
	return false;
}

#undef TAG_AT

/*
 * Parses the updates of a Statuspage entry.  Every search is bounded by the
 * next "<small>", so the whole body is scanned a constant number of times.
 * Returns the updates in document order (newest first), in the parser's own
 * reused array; item_build() takes every text out of it.
 */
static GArray *
statuspage_updates(XmlFeedParser *p, char *html, gsize html_len, gint64 ref, const char *item_id)
{
	/* One array per parser, reused by every entry: warm memory, no malloc per entry. */
	if (p->sp_ups == NULL) {
		p->sp_ups = g_array_sized_new(FALSE, FALSE, sizeof(SpUpdate), 16);
	}
	GArray *ups = p->sp_ups;
	g_array_set_size(ups, 0);
	char *end_all = html + html_len;
	char *small = strstr(html, "<small>");
	guint order = 0;
	bool warned = false;
	/* The reference year, once per entry (GDateTime per update was a hot spot). */
	int ref_year = utc_year(ref);

	while (small != NULL) {
		char *small_end = find_in(small, end_all, "</small>");
		if (small_end == NULL) {
			break;
		}
		/* Filled in place: no 170-byte struct zeroed on the stack, then copied in. */
		g_array_set_size(ups, ups->len + 1);
		SpUpdate *u = &g_array_index(ups, SpUpdate, ups->len - 1);
		u->time = SW_TIME_NONE;
		u->word = NULL;
		u->label[0] = '\0';
		u->text = NULL;
		u->label_len = 0;
		u->text_len = 0;
		u->order = order++;
		u->zone_known = false;

		u->when_len = short_piece_text(small + 7, small_end, u->when, sizeof u->when);
		if (!parse_update_time(p, u->when, ref, ref_year, &u->time, &u->zone_known) &&
		    !warned) {
			xmlfeed_warn(p, "item '%s': unparseable update time '%s'", item_id, u->when);
			warned = true;
		}

		/*
		 * Fast path, one pass over the text: "<strong>Label</strong> -
		 * text" converted up to the first "</p>" or "<small>" found on
		 * the way, instead of seg_tags() scanning the text for those tags
		 * and the converter reading it again.  text_from_html_until()
		 * gives up (NULL) whenever its answer could differ from the raw
		 * tag search below; results are the same either way.
		 */
		char *strong;
		char *strong_end;
		if (header_strong(small_end + 8, end_all, &strong, &strong_end)) {
			static const char *const stops[] = {"</p>", "<small>", NULL};
			char *b = strong_end + 9;
			while (b < end_all && (*b == ' ' || *b == '\n' || *b == '\t')) {
				b++;
			}
			if (b < end_all && *b == '-') {
				b++;
			}
			const char *stop = NULL;
			u->text = text_from_html_until(b, (gsize)(end_all - b), p->max_field_bytes,
						       stops, &stop, &u->text_len);
			if (u->text != NULL) {
				u->label_len = short_piece_text(strong + 8, strong_end, u->label,
								sizeof u->label);
				u->word = status_word_lookup(u->label, u->label_len);
				char *at = html + (stop - html);
				if (at == end_all) {
					small = NULL;
				} else if (at[1] == 's') {
					small = at; /* the next "<small>" ends this text */
				} else if (end_all - at >= 14 && memcmp(at, "</p><p><small>", 14) == 0) {
					small = at + 7; /* the usual next update, no search */
				} else {
					small = find_in(at, end_all, "<small>"); /* after "</p>" */
				}
				continue;
			}
		}

		SegTags tags;
		seg_tags(small_end + 8, end_all, &tags);
		char *next = tags.next_small;
		char *seg_end = next != NULL ? next : end_all;
		char *body = small_end + 8;
		char *p_end = tags.p_end;
		if (tags.strong != NULL && tags.strong_end != NULL) {
			u->label_len = short_piece_text(tags.strong + 8, tags.strong_end,
							u->label, sizeof u->label);
			u->word = status_word_lookup(u->label, u->label_len);
			body = tags.strong_end + 9;
			p_end = tags.p_end_after_strong;
		}
		char *text_end = p_end != NULL ? p_end : seg_end;
		/* Skip the " - " between label and text in the HTML, before converting it. */
		while (body < text_end && (*body == ' ' || *body == '\n' || *body == '\t')) {
			body++;
		}
		if (body < text_end && *body == '-') {
			body++;
		}
		/* Converted in place, length returned: no copy, no strlen() either way. */
		u->text = text_from_html_len(body, (gsize)(text_end - body), p->max_field_bytes,
					     &u->text_len);
		small = next;
	}
	return ups;
}

#define SCHEDULED_LEAD "<p><strong>THIS IS A SCHEDULED EVENT "

bool
xmlfeed_statuspage_body(const char *html)
{
	/*
	 * A Statuspage body starts with "<p><small>" (the first update's time),
	 * or for a maintenance with its window ("<p><strong>THIS IS A SCHEDULED
	 * EVENT Oct 18, 06:00 - 08:00 EDT</strong></p>"), and has a <strong>
	 * label; anything else keeps its whole text.
	 */
	const char *lead = html;
	while (lead != NULL && g_ascii_isspace(*lead)) {
		lead++;
	}
	if (lead == NULL) {
		return false;
	}
	if (g_str_has_prefix(lead, SCHEDULED_LEAD)) {
		return strstr(lead, "<small>") != NULL;
	}
	return g_str_has_prefix(lead, "<p><small>") && strstr(lead, "<strong>") != NULL;
}

/* A maintenance entry's announced window, from its "THIS IS A SCHEDULED EVENT" line. */
typedef struct {
	char line[160]; /* the line as displayed, for the advisory text ("" = none) */
	gsize line_len;
	gint64 start;
	gint64 end;
	bool zone_known; /* false: read as UTC until infer_zone() */
} SpWindow;

/*
 * The window line's two ends as parseable display times: "Oct 18, 06:00 - 08:00 EDT"
 * gives "Oct 18, 06:00 EDT" and "Oct 18, 08:00 EDT"; "Oct 18, 22:00 - Oct 19,
 * 02:00 EDT" keeps each date.  False when the line has another shape.
 */
static bool
window_ends(const char *w, char *a, char *b, gsize size)
{
	const char *dash = strstr(w, " - ");
	if (dash == NULL) {
		return false;
	}
	const char *right = dash + 3;
	const char *zone = strrchr(right, ' ');
	zone = zone != NULL ? zone + 1 : "";
	if (g_ascii_isdigit(zone[0])) {
		zone = ""; /* "08:00": no zone printed, UTC */
	}
	gsize left_len = (gsize)(dash - w);
	const char *comma = memchr(w, ',', left_len);
	if (comma == NULL) {
		return false;
	}
	bool left_zoned = g_ascii_isalpha(w[left_len - 1]);
	g_snprintf(a, size, "%.*s%s%s", (int)left_len, w, left_zoned ? "" : " ", left_zoned ? "" : zone);
	if (g_ascii_isdigit(right[0])) {
		/* Time only: the left end's "Mon DD, " date. */
		g_snprintf(b, size, "%.*s%s", (int)(comma + 2 - w), w, right);
	} else {
		g_strlcpy(b, right, size);
	}
	return true;
}

/* Reads the window line at the head of @html, if there is one. */
static void
window_parse(XmlFeedParser *p, char *html, gint64 ref, SpWindow *ret)
{
	ret->line[0] = '\0';
	ret->line_len = 0;
	ret->start = ret->end = SW_TIME_NONE;
	ret->zone_known = true;
	char *lead = html;
	while (g_ascii_isspace(*lead)) {
		lead++;
	}
	if (!g_str_has_prefix(lead, SCHEDULED_LEAD)) {
		return;
	}
	char *from = lead + strlen("<p><strong>");
	char *close = strstr(from, "</strong>");
	if (close == NULL) {
		return;
	}
	ret->line_len = short_piece_text(from, close, ret->line, sizeof ret->line);
	char a[80];
	char b[80];
	bool known_a = true;
	bool known_b = true;
	int ref_year = utc_year(ref);
	const char *w = ret->line + strlen("THIS IS A SCHEDULED EVENT ");
	if (ret->line_len <= strlen("THIS IS A SCHEDULED EVENT ") ||
	    !window_ends(w, a, b, sizeof a) ||
	    !parse_display_time(p, a, ref, ref_year, true, &ret->start, &known_a) ||
	    !parse_display_time(p, b, ref, ref_year, true, &ret->end, &known_b)) {
		xmlfeed_warn(p, "unreadable maintenance window '%s'", ret->line);
		ret->start = ret->end = SW_TIME_NONE;
		return;
	}
	if (ret->end < ret->start && g_ascii_isdigit(strstr(w, " - ")[3])) {
		ret->end += 86400; /* "22:00 - 02:00": past midnight */
	}
	ret->zone_known = known_a && known_b;
}

/*
 * Updates whose zone the table does not know were read as UTC.  The entry's
 * own date (<updated>, <pubDate>) is the newest update's time, so the newest
 * such update's displayed wall clock minus that date is the page's offset
 * (rounded to the 15 minutes every real zone is a multiple of).
 */
static bool
infer_zone(XmlFeedParser *p, GArray *ups, gint64 ref, const char *item_id, gint64 *ret_off)
{
	gint64 newest = SW_TIME_NONE;
	for (guint i = 0; i < ups->len; i++) {
		const SpUpdate *u = &g_array_index(ups, SpUpdate, i);
		if (!u->zone_known && u->time != SW_TIME_NONE && u->time > newest) {
			newest = u->time;
		}
	}
	if (newest == SW_TIME_NONE) {
		return false;
	}
	gint64 diff = newest - ref;
	gint64 off = (diff >= 0 ? diff + 450 : diff - 450) / 900 * 900;
	if (ABS(off) > 14 * 3600 || ABS(diff - off) > 300) {
		xmlfeed_warn(p, "item '%s': unknown time zone in update times, read as UTC", item_id);
		return false;
	}
	for (guint i = 0; i < ups->len; i++) {
		SpUpdate *u = &g_array_index(ups, SpUpdate, i);
		if (!u->zone_known && u->time != SW_TIME_NONE) {
			u->time -= off;
		}
	}
	*ret_off = off;
	return true;
}

/*
 * The advisory text is what text_from_html() gives for the whole body
 * ("when\nLabel - text" per update, newest first), built from the pieces so
 * the body is converted once, not twice.  Sized first, then filled: one
 * allocation, no regrowth, no strlen.
 */
static char *
updates_text(const XmlFeedParser *p, GArray *ups, const SpWindow *w)
{
	gsize total = w->line_len > 0 ? w->line_len + 2 : 0;
	guint used = 0;
	for (; used < ups->len && total < p->max_field_bytes; used++) {
		const SpUpdate *u = &g_array_index(ups, SpUpdate, used);
		total += (used > 0 ? 2 : 0) + u->when_len + 1 + u->text_len;
		if (u->label_len > 0) {
			total += u->label_len + (u->text_len > 0 ? 3 : 0);
		}
	}
	char *all = g_malloc(total + 1);
	gsize n = 0;
	if (w->line_len > 0) {
		memcpy(all, w->line, w->line_len);
		n = w->line_len;
		if (used > 0) {
			memcpy(all + n, "\n\n", 2);
			n += 2;
		}
	}
	for (guint i = 0; i < used; i++) {
		const SpUpdate *u = &g_array_index(ups, SpUpdate, i);
		if (i > 0) {
			memcpy(all + n, "\n\n", 2);
			n += 2;
		}
		memcpy(all + n, u->when, u->when_len);
		n += u->when_len;
		all[n++] = '\n';
		if (u->label_len > 0) {
			memcpy(all + n, u->label, u->label_len);
			n += u->label_len;
			if (u->text_len > 0) {
				memcpy(all + n, " - ", 3);
				n += 3;
			}
		}
		memcpy(all + n, u->text, u->text_len);
		n += u->text_len;
	}
	all[n] = '\0';
	if (n > p->max_field_bytes) {
		gsize cut = p->max_field_bytes;
		while (cut > 0 && (all[cut] & 0xC0) == 0x80) {
			cut--;
		}
		all[cut] = '\0';
	}
	return all;
}

/*
 * Indexes of @ups oldest first into @order (ups->len entries), sorting indexes
 * rather than moving ~150-byte structs.  Statuspage lists updates newest
 * first, the worst case for an insertion sort: a hostile entry with 17,000
 * updates would make it quadratic.  So: exactly reversed input (the usual
 * case) is reversed in one pass, input already oldest first (other
 * generators) is kept as it is, any other order goes through
 * g_qsort_with_data().  sp_update_cmp() is a strict total order, so the
 * result is the same either way.
 */
static void
updates_order(GArray *ups, guint *order)
{
	bool reversed = true;
	bool ascending = true;
	for (guint i = 0; i < ups->len; i++) {
		order[i] = ups->len - 1 - i;
		if (i > 0) {
			gint c = sp_update_cmp(&g_array_index(ups, SpUpdate, i - 1),
					       &g_array_index(ups, SpUpdate, i));
			reversed = reversed && c > 0;
			ascending = ascending && c < 0;
		}
	}
	if (!reversed) {
		for (guint i = 0; i < ups->len; i++) {
			order[i] = i;
		}
		if (!ascending) {
			g_qsort_with_data(order, (gint)ups->len, sizeof(guint), sp_order_cmp, ups);
		}
	}
}

/*
 * Moves the updates into @adv oldest first, in @order; sets the status from the
 * newest update that carries one (by time, not position: a backdated update
 * listed first is still older), the end from the update that resolved it, and
 * returns the earliest update time (SW_TIME_NONE when none has one).
 */
static gint64
updates_move(Advisory *adv, GArray *ups, const guint *order)
{
	gint64 end = SW_TIME_NONE;
	gint64 earliest = SW_TIME_NONE;
	const char *raw = NULL;
	/*
	 * Sized once: g_ptr_array_add() grows a new array 2, 4, 8, ...
	 * with a realloc each time.  The slots are filled just below.
	 */
	guint base = adv->updates->len;
	g_ptr_array_set_size(adv->updates, (gint)(base + ups->len));
	for (guint i = 0; i < ups->len; i++) {
		SpUpdate *u = &g_array_index(ups, SpUpdate, order[i]);
		AdvisoryStatus st = u->word != NULL ? u->word->status : ADVISORY_STATUS_UNKNOWN;
		/* Handed over rather than copied (advisory_add_update() would copy). */
		AdvisoryUpdate *au = g_new(AdvisoryUpdate, 1);
		au->time = u->time;
		au->status = st;
		au->text = g_steal_pointer(&u->text);
		adv->updates->pdata[base + i] = au;
		if (earliest == SW_TIME_NONE) {
			earliest = u->time; /* sorted: SW_TIME_NONE first, then by time */
		}
		if (u->word != NULL && u->word->kind == ADVISORY_KIND_MAINTENANCE) {
			adv->kind = ADVISORY_KIND_MAINTENANCE;
		}
		if (st == ADVISORY_STATUS_UNKNOWN) {
			continue;
		}
		if (st == ADVISORY_STATUS_RESOLVED && adv->status != ADVISORY_STATUS_RESOLVED) {
			end = u->time;
		} else if (st != ADVISORY_STATUS_RESOLVED) {
			end = SW_TIME_NONE;
		}
		adv->status = st;
		raw = u->label;
	}
	/*
	 * Already in advisory_sort_updates()' order (by time, SW_TIME_NONE
	 * = G_MININT64 first, a stable sort) when the array was empty.
	 */
	if (base > 0) {
		advisory_sort_updates(adv);
	}
	advisory_set_str(&adv->raw_status, raw);
	if (adv->status == ADVISORY_STATUS_RESOLVED) {
		adv->end = end;
	}
	return earliest;
}

/*
 * The entry's <published> / <pubDate> is the time of its NEWEST update (the
 * entry is rewritten as updates arrive), so the start comes from the update
 * list: the earliest update, or a maintenance's announced window.
 */
void
xmlfeed_statuspage_apply(XmlFeedParser *p, Advisory *adv, char *html, gsize html_len)
{
	gint64 ref = adv->updated != SW_TIME_NONE ? adv->updated : adv->start;
	if (ref == SW_TIME_NONE) {
		/* No date in the entry: the injected clock, else the real one. */
		ref = p->ctx->now != 0 ? p->ctx->now : g_get_real_time() / G_USEC_PER_SEC;
	}
	SpWindow window;
	window_parse(p, html, ref, &window);
	GArray *ups = statuspage_updates(p, html, html_len, ref, adv->id); /* borrowed */
	gint64 off = 0;
	if (infer_zone(p, ups, ref, adv->id, &off) && !window.zone_known &&
	    window.start != SW_TIME_NONE) {
		window.start -= off;
		window.end -= off;
	}
	adv->text = updates_text(p, ups, &window);

	guint order_buf[64];
	g_autofree guint *order_heap = NULL;
	guint *order = order_buf;
	if (ups->len > G_N_ELEMENTS(order_buf)) {
		order = order_heap = g_new(guint, ups->len);
	}
	updates_order(ups, order);
	gint64 earliest = updates_move(adv, ups, order);
	if (earliest != SW_TIME_NONE) {
		adv->start = earliest;
	}
	if (window.line_len > 0) {
		adv->kind = ADVISORY_KIND_MAINTENANCE;
	}
	if (window.start != SW_TIME_NONE) {
		/* A maintenance runs in its window; a completed one ended when it said so. */
		adv->start = window.start;
		if (adv->status != ADVISORY_STATUS_RESOLVED || adv->end == SW_TIME_NONE) {
			adv->end = window.end;
		}
	}
}
