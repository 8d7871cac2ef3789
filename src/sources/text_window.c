/*
 * The impact window a status post states in words (see text_window.h).  Used by
 * source.c for items of formats with no structured start or end; the data comes
 * from an advisory's plain text and its own date, the result goes back into the
 * advisory's start and end.  Pure: no I/O, no logging, no global state.
 *
 * It reads the way status posts write an impact window, in general, and names no
 * provider: an anchor word, then one or two moments.
 *
 *   between M1 (and | to | - ) M2       a past window
 *   from M1 (to | until | till | through | -) M2
 *   starting | started | began | beginning | since M1
 *       [[,] [and] (ended | ending | until | till) M2]
 *   Start time: M1 ... End time: M2         labelled lines (see labelled_find())
 *
 * A moment is a clock time with a colon ("11:45", "23:15:30", "2:24 AM"), or an
 * hour with am/pm ("8 p.m."), a zone (UTC, GMT, Z, "+01:00", a named zone from
 * timeparse's one table such as PDT, CEST or AEST, or a US zone named without its
 * season, "ET" or "Pacific Time", which follows daylight saving time), and a date ("on 30 July 2024", "October 19, 2025", "2020-12-14 03:46"),
 * each of the last two optional: what one end of a window leaves out it takes from
 * the other ("between 08:10 and 10:05 UTC on 30 July"), then from a declaration
 * anywhere in the text ("all times are US/Pacific", through GTimeZone), then the
 * date from the item's own date.  No zone at all: no window (never local time).
 *
 * Conservative by design: a wrong start moves an advisory in time, which breaks
 * links the linker gates on overlap; a missing one only leaves the publication
 * date.  So anything unusual is refused: times without a colon ("11.45" is a
 * version), durations ("within 24 hours"), windows that end after the item's date
 * (announcements of future work), that run longer than a week, or that start a
 * month before the item.
 */
#include "sources/text_window.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "sources/status_words.h"
#include "util/timeparse.h"

/* Impact statements open a post; 64 KiB is far past any real one and bounds the scan
 * of a hostile 256 KiB field. */
#define SCAN_MAX (64u * 1024)

typedef struct {
	int year, month, day;     /* 0: not stated */
	int hour, minute, second; /* always set once a moment is read */
	bool has_zone;
	int zone_minutes;         /* minutes east of UTC when has_zone and no zone_id */
	const char *zone_id;      /* static tz database id ("ET"), or NULL */
	bool date_inherited;      /* the date came from the window's other end */
	bool year_inherited;      /* the year came from the window's other end */
} Moment;

/* @m, which names no zone, is read in @minutes east of UTC, or in the tz database zone
 * @id when not NULL: the one way a moment takes a zone it does not name (from the
 * window's other end, an earlier update, its label or its timeline). */
static void
moment_set_zone(Moment *m, int minutes, const char *id)
{
	m->has_zone = true;
	m->zone_minutes = minutes;
	m->zone_id = id;
}

static bool
is_word_char(char c)
{
	return g_ascii_isalnum(c) || c == '_';
}

/* Spaces, tabs, newlines and U+00A0 (HTML's &nbsp; after text_from_html). */
static const char *
skip_spaces(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			p++;
		} else if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {
			p += 2;
		} else {
			return p;
		}
	}
}

/* @word (lower case) at @p, any case, as a whole word: the position after it, or NULL. */
static const char *
match_word(const char *p, const char *word)
{
	gsize n = strlen(word);

	if (g_ascii_strncasecmp(p, word, n) != 0) {
		return NULL;
	}
	if (is_word_char(word[n - 1]) && is_word_char(p[n])) {
		return NULL;
	}
	return p + n;
}

/* The first of @words at @p (after spaces): the position after it, or NULL. */
static const char *
match_any(const char *p, const char *const *words, gsize n_words)
{
	p = skip_spaces(p);
	for (gsize i = 0; i < n_words; i++) {
		const char *q = match_word(p, words[i]);
		if (q != NULL) {
			return q;
		}
	}
	return NULL;
}

/* Words that may stand between an anchor and its moment ("between approximately 11:45"). */
static const char *const fillers[] = {
	"approximately", "approx.", "approx", "around", "about", "roughly", "circa",
	"at", "on", "from", "the",
};

static const char *
skip_fillers(const char *p)
{
	/* A few at most ("starting from approximately"): a bound, not a grammar. */
	for (int k = 0; k < 3; k++) {
		const char *q = match_any(p, fillers, G_N_ELEMENTS(fillers));
		if (q == NULL) {
			break;
		}
		p = q;
	}
	return skip_spaces(p);
}

/* "11:45", "23:15:30", "2:24 AM", "11:49 p.m.", "8 p.m.", "9am".  A dotted or longer
 * number is no time, nor an hour without am or pm ("8" may be anything). */
static bool
read_clock(const char **pp, Moment *m)
{
	const char *p = *pp;
	int h = 0;
	int mi = 0;
	int s = 0;

	if (time_read_digits(&p, 2, &h) == 0 || g_ascii_isdigit(*p)) {
		return false;
	}
	bool hour_only = *p != ':';
	if (!hour_only) {
		p++;
		if (time_read_digits(&p, 2, &mi) != 2) {
			return false;
		}
	}
	if (!hour_only && *p == ':' && g_ascii_isdigit(p[1])) {
		p++;
		if (time_read_digits(&p, 2, &s) != 2) {
			return false;
		}
	}
	if (g_ascii_isdigit(*p) || (*p == '.' && g_ascii_isdigit(p[1])) ||
	    (*p == ':' && g_ascii_isdigit(p[1]))) {
		return false;
	}
	const char *q = skip_spaces(p);
	const char *r;
	int half = 0;
	if ((r = match_word(q, "am")) != NULL || (r = match_word(q, "a.m.")) != NULL) {
		half = 1;
	} else if ((r = match_word(q, "pm")) != NULL || (r = match_word(q, "p.m.")) != NULL) {
		half = 2;
	}
	if (hour_only && half == 0) {
		return false;
	}
	if (half != 0) {
		if (h < 1 || h > 12) {
			return false;
		}
		h = h % 12 + (half == 2 ? 12 : 0);
		p = r;
	}
	if (h > 23 || mi > 59 || s > 59) {
		return false;
	}
	m->hour = h;
	m->minute = mi;
	m->second = s;
	*pp = p;
	return true;
}

/*
 * A zone after a clock time: a named zone or "UTC+02:00" from timeparse's table, in
 * parentheses or not.  A bare numeric offset counts only after a space or glued to an
 * ISO date's time ("2024-07-30 11:45+02:00"): "08:10-10:05" is a range, not an offset.
 * Single letters other than Z are words ("a", "I"), not military zones.
 */
static bool
read_zone(const char **pp, bool glued_offset_ok, int *ret_minutes)
{
	const char *p = skip_spaces(*pp);
	bool spaced = p != *pp;
	bool paren = *p == '(';

	if (paren) {
		p = skip_spaces(p + 1);
	}
	if ((*p == '+' || *p == '-') && !spaced && !paren && !glued_offset_ok) {
		return false;
	}
	const char *start = p;
	int off = 0;
	if (!time_read_zone(&p, &off)) {
		return false;
	}
	if (p - start == 1 && g_ascii_toupper(*start) != 'Z') {
		return false;
	}
	/* "UTC+1": an offset timeparse does not read; "UTC1": not a zone. */
	if (is_word_char(*p) || ((*p == '+' || *p == '-') && g_ascii_isdigit(p[1]))) {
		return false;
	}
	if (paren) {
		p = skip_spaces(p);
		if (*p != ')') {
			return false;
		}
		p++;
	}
	*pp = p;
	*ret_minutes = off;
	return true;
}

/* US zones named without their season: the zone's rule says which offset a date has. */
static const struct {
	const char *name; /* lower case, matched as whole words */
	const char *id;
} season_zones[] = {
	{"et", "America/New_York"},        {"eastern time", "America/New_York"},
	{"ct", "America/Chicago"},         {"central time", "America/Chicago"},
	{"mt", "America/Denver"},          {"mountain time", "America/Denver"},
	{"pt", "America/Los_Angeles"},     {"pacific time", "America/Los_Angeles"},
};

/* A zone of season_zones after a clock time ("4:45 a.m. ET", "(Pacific Time)"): its
 * tz database id, or NULL. */
static const char *
read_season_zone(const char **pp)
{
	const char *p = skip_spaces(*pp);
	bool paren = *p == '(';
	if (paren) {
		p = skip_spaces(p + 1);
	}
	for (gsize i = 0; i < G_N_ELEMENTS(season_zones); i++) {
		const char *q = match_word(p, season_zones[i].name);
		/* The two-letter names only in capitals: "et al." is Latin. */
		if (q == NULL || (q - p == 2 && !(g_ascii_isupper(p[0]) && g_ascii_isupper(p[1])))) {
			continue;
		}
		if (paren) {
			q = skip_spaces(q);
			if (*q != ')') {
				return NULL;
			}
			q++;
		}
		*pp = q;
		return season_zones[i].id;
	}
	return NULL;
}

/* A zone after a moment's clock time into @m: read_zone(), else read_season_zone(). */
static bool
read_moment_zone(const char **pp, bool glued_offset_ok, Moment *m)
{
	if (read_zone(pp, glued_offset_ok, &m->zone_minutes)) {
		m->has_zone = true;
		return true;
	}
	m->zone_id = read_season_zone(pp);
	m->has_zone = m->zone_id != NULL;
	return m->has_zone;
}

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
};

/* "July", "Jul", "Jul.", "Sept": 1..12, or 0. */
static int
read_month(const char **pp)
{
	const char *p = *pp;

	for (int i = 0; i < 12; i++) {
		const char *q = match_word(p, month_names[i]);
		if (q == NULL && g_ascii_strncasecmp(p, month_names[i], 3) == 0 &&
		    !is_word_char(p[3])) {
			q = p + 3;
		}
		if (q == NULL && i == 8 && (q = match_word(p, "sept")) == NULL) {
			continue;
		}
		if (q == NULL) {
			continue;
		}
		if (*q == '.' && q - p <= 4) {
			q++;
		}
		*pp = q;
		return i + 1;
	}
	return 0;
}

/* A day of the month: "3", "03", "3rd"; not the start of a time or a longer number. */
static bool
read_day(const char **pp, int *ret)
{
	const char *p = *pp;
	int d = 0;

	if (time_read_digits(&p, 2, &d) == 0 || d < 1 || d > 31 || g_ascii_isdigit(*p) || *p == ':') {
		return false;
	}
	static const char *const suffixes[] = {"st", "nd", "rd", "th"};
	for (gsize i = 0; i < G_N_ELEMENTS(suffixes); i++) {
		const char *q = match_word(p, suffixes[i]);
		if (q != NULL) {
			p = q;
			break;
		}
	}
	if (is_word_char(*p)) {
		return false;
	}
	*pp = p;
	*ret = d;
	return true;
}

/* A four-digit year 1970..2100 (after spaces and an optional comma), or nothing. */
static void
read_year(const char **pp, int *ret)
{
	const char *p = skip_spaces(*pp);
	int y = 0;

	if (*p == ',') {
		p = skip_spaces(p + 1);
	}
	if (time_read_digits(&p, 4, &y) != 4 || is_word_char(*p) || *p == ':' || y < 1970 ||
	    y > 2100) {
		return;
	}
	*pp = p;
	*ret = y;
}

/* "2020-12-14", "25 January 2023", "2 August", "October 19, 2025", "Oct 19". */
static bool
read_date(const char **pp, Moment *m, bool *ret_iso)
{
	const char *p = *pp;
	int y = 0;
	int mo = 0;
	int d = 0;

	*ret_iso = false;
	if (time_read_digits(&p, 4, &y) == 4 && *p == '-' && g_ascii_isdigit(p[1])) {
		const char *q = p + 1;
		if (time_read_digits(&q, 2, &mo) != 2 || *q != '-') {
			return false;
		}
		q++;
		if (time_read_digits(&q, 2, &d) != 2 || g_ascii_isdigit(*q) || y < 1970 || y > 2100 ||
		    mo < 1 || mo > 12 || d < 1 || d > 31) {
			return false;
		}
		*ret_iso = true;
		p = q;
	} else {
		p = *pp;
		y = 0;
		if (read_day(&p, &d)) {
			p = skip_spaces(p);
			const char *of = match_word(p, "of");
			if (of != NULL) {
				p = skip_spaces(of);
			}
			mo = read_month(&p);
			if (mo == 0) {
				return false;
			}
		} else {
			mo = read_month(&p);
			if (mo == 0) {
				return false;
			}
			p = skip_spaces(p);
			if (!read_day(&p, &d)) {
				return false;
			}
		}
		read_year(&p, &y);
	}
	m->year = y;
	m->month = mo;
	m->day = d;
	*pp = p;
	return true;
}

/* One end of a window: [date [,|at|T]] clock [zone] [[,] on date] [zone]. */
static bool
read_moment(const char **pp, Moment *m)
{
	const char *p = skip_fillers(*pp);
	bool iso = false;

	memset(m, 0, sizeof *m);
	const char *q = p;
	if (read_date(&q, m, &iso)) {
		if (iso && (*q == 'T' || *q == 't')) {
			q++;
		} else {
			q = skip_spaces(q);
			if (*q == ',') {
				q++;
			}
			q = skip_fillers(q);
		}
		if (!read_clock(&q, m)) {
			return false;
		}
		p = q;
	} else if (!read_clock(&p, m)) {
		return false;
	}
	read_moment_zone(&p, iso, m);
	if (m->day == 0) {
		q = skip_spaces(p);
		if (*q == ',') {
			q = skip_spaces(q + 1);
		}
		const char *on = match_word(q, "on");
		if (on != NULL) {
			q = skip_spaces(on);
		}
		bool iso_after = false;
		if (read_date(&q, m, &iso_after)) {
			p = q;
			if (!m->has_zone) {
				read_moment_zone(&p, false, m);
			}
		}
	}
	*pp = p;
	return true;
}

/* ---- the declared zone: "(all times are US/Pacific)", "times are in UTC" ---- */

/* A zone name after a declaration: timeparse's table first, else a tz database id. */
static GTimeZone *
read_declared_zone(const char *p)
{
	int off = 0;
	const char *q = p;

	if (read_zone(&q, true, &off)) {
		return g_time_zone_new_offset(off * 60);
	}
	gsize n = 0;
	bool slash = false;
	while (n < 64 && (g_ascii_isalnum(p[n]) || p[n] == '_' || p[n] == '/' || p[n] == '-' ||
			  p[n] == '+')) {
		slash = slash || p[n] == '/';
		n++;
	}
	/* Only "Area/Location" ids: a bare word is English ("approximate", "local"). */
	if (!slash || n == 64 || !g_ascii_isalpha(p[0])) {
		return NULL;
	}
	g_autofree char *id = g_strndup(p, n);
	return g_time_zone_new_identifier(id); /* NULL when the system does not know it */
}

static GTimeZone *
find_declared_zone(const char *text, gsize n)
{
	static const char *const verbs[] = {"are", "shown", "given", "listed", "displayed", "in"};

	for (gsize i = 0; i < n; i++) {
		if ((i > 0 && is_word_char(text[i - 1])) || (text[i] != 't' && text[i] != 'T')) {
			continue;
		}
		const char *p = match_word(text + i, "times");
		if (p == NULL) {
			continue;
		}
		bool said = false;
		for (int k = 0; k < 3; k++) {
			const char *q = match_any(p, verbs, G_N_ELEMENTS(verbs));
			if (q == NULL) {
				break;
			}
			p = q;
			said = true;
		}
		if (!said) {
			continue;
		}
		GTimeZone *tz = read_declared_zone(skip_spaces(p));
		if (tz != NULL) {
			return tz;
		}
	}
	return NULL;
}

/* ---- turning moments into times ---- */

static GTimeZone *
moment_zone(const Moment *m, GTimeZone *declared)
{
	if (m->has_zone && m->zone_id != NULL) {
		return g_time_zone_new_identifier(m->zone_id); /* NULL without tzdata: no window */
	}
	if (m->has_zone) {
		return g_time_zone_new_offset(m->zone_minutes * 60);
	}
	return declared != NULL ? g_time_zone_ref(declared) : NULL;
}

static bool
make_time(GTimeZone *tz, int y, int mo, int d, const Moment *m, gint64 *ret)
{
	g_autoptr(GDateTime) dt = g_date_time_new(tz, y, mo, d, m->hour, m->minute, m->second);
	if (dt == NULL) {
		return false; /* 30 February and the like */
	}
	*ret = g_date_time_to_unix(dt);
	return true;
}

/* The date at @t as a clock in @tz shows it. */
static bool
local_date(GTimeZone *tz, gint64 t, int *y, int *mo, int *d)
{
	g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc(t);
	if (utc == NULL) {
		return false;
	}
	g_autoptr(GDateTime) local = g_date_time_to_timezone(utc, tz);
	if (local == NULL) {
		return false;
	}
	g_date_time_get_ymd(local, y, mo, d);
	return true;
}

/* @y-@mo-@d moved by @delta days (-1: the day before, 1: the day after). */
static void
shift_day(int *y, int *mo, int *d, int delta)
{
	GDate date;
	g_date_clear(&date, 1);
	g_date_set_dmy(&date, (GDateDay)*d, (GDateMonth)*mo, (GDateYear)*y);
	if (delta < 0) {
		g_date_subtract_days(&date, (guint)-delta);
	} else {
		g_date_add_days(&date, (guint)delta);
	}
	*y = g_date_get_year(&date);
	*mo = g_date_get_month(&date);
	*d = g_date_get_day(&date);
}

/*
 * @m as a time in @tz, latest first: a moment with no date takes @ref's date (in @tz),
 * or the day before when that would be after @limit; one with no year takes @ref's
 * year, or the year before.  The year chosen is written back.
 */
static bool
place(Moment *m, GTimeZone *tz, gint64 ref, gint64 limit, gint64 *ret)
{
	int y = 0;
	int mo = 0;
	int d = 0;

	if (!local_date(tz, ref, &y, &mo, &d)) {
		return false;
	}
	if (m->day == 0) {
		if (!make_time(tz, y, mo, d, m, ret)) {
			return false;
		}
		if (*ret > limit) {
			shift_day(&y, &mo, &d, -1);
			return make_time(tz, y, mo, d, m, ret);
		}
		return true;
	}
	if (m->year != 0) {
		return make_time(tz, m->year, m->month, m->day, m, ret);
	}
	if (!make_time(tz, y, m->month, m->day, m, ret) || *ret > limit) {
		y--;
		if (!make_time(tz, y, m->month, m->day, m, ret)) {
			return false;
		}
	}
	m->year = y;
	return true;
}

/* What one end of a window leaves out it takes from the other. */
static void
share_parts(Moment *a, Moment *b)
{
	if (!a->has_zone && b->has_zone) {
		moment_set_zone(a, b->zone_minutes, b->zone_id);
	} else if (!b->has_zone && a->has_zone) {
		moment_set_zone(b, a->zone_minutes, a->zone_id);
	}
	if (a->day == 0 && b->day != 0) {
		a->year = b->year;
		a->month = b->month;
		a->day = b->day;
		a->date_inherited = true;
	} else if (b->day == 0 && a->day != 0) {
		b->year = a->year;
		b->month = a->month;
		b->day = a->day;
		b->date_inherited = true;
	}
}

/* @a alone (start only) or the window @a..@b, checked against @ref. */
static bool
resolve(Moment *a, Moment *b, GTimeZone *declared, gint64 ref, TextWindow *ret)
{
	gint64 limit = ref + TEXT_WINDOW_SLACK;
	gint64 ta = SW_TIME_NONE;
	gint64 tb = SW_TIME_NONE;

	if (b != NULL) {
		share_parts(a, b);
	}
	g_autoptr(GTimeZone) tza = moment_zone(a, declared);
	g_autoptr(GTimeZone) tzb = b != NULL ? moment_zone(b, declared) : NULL;
	if (tza == NULL || (b != NULL && tzb == NULL)) {
		return false; /* no zone stated or declared: never guess local time */
	}
	if (b == NULL) {
		if (!place(a, tza, ref, limit, &ta)) {
			return false;
		}
	} else {
		if (!place(b, tzb, ref, limit, &tb)) {
			return false;
		}
		if (a->day != 0 && a->year == 0) {
			a->year = b->year;
			a->year_inherited = !a->date_inherited;
		}
		/* With no date anywhere, the start is the latest such clock time before the end. */
		if (!place(a, tza, a->day == 0 ? tb : ref, a->day == 0 ? tb : limit, &ta)) {
			return false;
		}
		if (ta > tb) {
			/* "between 23:15 and 01:40 UTC on 3 August": the shared date belongs to one
			 * end; the window crosses midnight.  Explicit dates that contradict: refused. */
			if (a->date_inherited) {
				ta -= 24 * 3600;
			} else if (b->date_inherited) {
				tb += 24 * 3600;
			} else if (a->year_inherited) {
				a->year--;
				if (!place(a, tza, ref, limit, &ta)) {
					return false;
				}
			}
		}
		if (tb > limit || ta > tb || tb - ta > TEXT_WINDOW_MAX_LENGTH) {
			return false;
		}
	}
	if (ta > limit || ta < ref - TEXT_WINDOW_MAX_AGE) {
		return false;
	}
	ret->start = ta;
	ret->end = tb;
	return true;
}

/* ---- anchors ---- */

typedef enum {
	ANCHOR_BETWEEN, /* between M1 and M2 */
	ANCHOR_FROM,    /* from M1 to M2 */
	ANCHOR_START,   /* starting at M1 [and ended at M2] */
} AnchorKind;

static const struct {
	const char *word;
	AnchorKind kind;
} anchors[] = {
	{"between", ANCHOR_BETWEEN}, {"from", ANCHOR_FROM},     {"starting", ANCHOR_START},
	{"started", ANCHOR_START},   {"began", ANCHOR_START},   {"beginning", ANCHOR_START},
	{"since", ANCHOR_START},
};

/* "-" or an en dash between two moments. */
static const char *
match_dash(const char *p)
{
	p = skip_spaces(p);
	if (*p == '-') {
		return p + 1;
	}
	if (strncmp(p, "\xe2\x80\x93", 3) == 0) {
		return p + 3;
	}
	return NULL;
}

/* What joins a window's two ends after an anchor of @kind; NULL when nothing does. */
static const char *
match_joiner(const char *p, AnchorKind kind)
{
	static const char *const between_words[] = {"and", "to"};
	static const char *const from_words[] = {"to", "until", "till", "through"};
	static const char *const end_words[] = {"ended", "ending", "until", "till"};
	const char *q = match_dash(p);

	if (kind == ANCHOR_BETWEEN) {
		return q != NULL ? q : match_any(p, between_words, G_N_ELEMENTS(between_words));
	}
	if (kind == ANCHOR_FROM) {
		return q != NULL ? q : match_any(p, from_words, G_N_ELEMENTS(from_words));
	}
	p = skip_spaces(p);
	if (*p == ',') {
		p++;
	}
	q = match_word(skip_spaces(p), "and");
	if (q != NULL) {
		p = q;
	}
	return match_any(p, end_words, G_N_ELEMENTS(end_words));
}

/* The window an anchor of @kind at @p (just after the anchor word) states. */
static bool
read_window(const char *p, AnchorKind kind, GTimeZone *declared, gint64 ref, TextWindow *ret)
{
	Moment a;
	Moment b;

	if (!read_moment(&p, &a)) {
		return false;
	}
	const char *q = match_joiner(p, kind);
	bool closed = q != NULL && read_moment(&q, &b);
	if (!closed && kind != ANCHOR_START) {
		return false;
	}
	return resolve(&a, closed ? &b : NULL, declared, ref, ret);
}

/* ---- labelled windows: "Start time: ...", "End time: ..." ---- */

/*
 * Reports, and feeds that rewrite an item into its report, give the window as two
 * labelled lines or sentences:
 *
 *   "Start time: Wednesday, April 16, 2025 18:32 UTC" ... "End time: ..."
 *   "Start: 10:00 UTC" ... "End: 12:00 UTC"; "Impact start: ..."; "Incident end (UTC): 12:00"
 *
 * A label opens a line or a sentence: [impact | incident | outage | issue | event]
 * start | started | end | ended [time | date] [(ZONE)] ":" then one moment (a weekday
 * before its date is skipped; the label's zone serves a moment without one).  The
 * first start label starts the window, the first end label after it ends it; an end
 * label alone is no window.  Tried after the anchors and before a timeline, which
 * would take such lines for two posts with nothing said in them.
 */

static const char *skip_blanks(const char *p);

static const char *const weekday_names[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
};

/* True when the word at @i of @text opens a line or a sentence. */
static bool
label_position(const char *text, gsize i)
{
	while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
		i--;
	}
	return i == 0 || text[i - 1] == '\n' || text[i - 1] == '\r' || text[i - 1] == '.';
}

/* The moment a start (@end false) or end label at @p gives, into @m. */
static bool
read_labelled(const char *p, bool end, Moment *m)
{
	static const char *const qualifiers[] = {"impact", "incident", "outage", "issue", "event"};
	static const char *const starts[] = {"start", "started"};
	static const char *const ends[] = {"end", "ended"};
	static const char *const kinds[] = {"time", "date"};
	const char *q = match_any(p, qualifiers, G_N_ELEMENTS(qualifiers));
	p = q != NULL ? skip_blanks(q) : p;
	q = end ? match_any(p, ends, G_N_ELEMENTS(ends))
	        : match_any(p, starts, G_N_ELEMENTS(starts));
	if (q == NULL) {
		return false;
	}
	p = skip_blanks(q);
	q = match_any(p, kinds, G_N_ELEMENTS(kinds));
	if (q != NULL) {
		p = skip_blanks(q);
	}
	bool label_zone = false;
	int label_minutes = 0;
	if (*p == '(') {
		q = skip_blanks(p + 1);
		if (!read_zone(&q, false, &label_minutes) || *skip_blanks(q) != ')') {
			return false;
		}
		label_zone = true;
		p = skip_blanks(skip_blanks(q) + 1);
	}
	if (*p != ':') {
		return false;
	}
	p = skip_blanks(p + 1);
	q = match_any(p, weekday_names, G_N_ELEMENTS(weekday_names));
	if (q != NULL) {
		p = skip_blanks(q);
		if (*p == ',') {
			p = skip_blanks(p + 1);
		}
	}
	if (!read_moment(&p, m)) {
		return false;
	}
	if (!m->has_zone && label_zone) {
		moment_set_zone(m, label_minutes, NULL);
	}
	return true;
}

static bool
labelled_find(const char *text, gsize n, GTimeZone *declared, gint64 ref, TextWindow *ret)
{
	Moment a;
	Moment b;
	bool have_a = false;

	for (gsize i = 0; i < n; i++) {
		if ((i > 0 && is_word_char(text[i - 1])) || !g_ascii_isalpha(text[i]) ||
		    !label_position(text, i)) {
			continue;
		}
		if (!have_a) {
			have_a = read_labelled(text + i, false, &a);
		} else if (read_labelled(text + i, true, &b)) {
			return resolve(&a, &b, declared, ref, ret);
		}
	}
	return have_a && resolve(&a, NULL, declared, ref, ret);
}

/* ---- timelines: a body of dated posts ---- */

/*
 * Many plain feeds put an incident's whole history in one item, a post per line,
 * each opening with its stamp, and date the item at its LAST post:
 *
 *   "June 10, 2025 06:45 UTC — Investigating: many apps are unreachable ..."
 *   "Update (Apr 16, 22:00 UTC) - As a precaution we have revoked ..."
 *   "12/14/20, 4:15 AM: We are aware of a problem with Gmail ..."
 *
 * The earliest stamp is when the provider first spoke; the newest, when its last
 * post says the trouble is over, is the end.  A stamp counts only at the start of a
 * line (after at most TIMELINE_LABEL_WORDS label words such as "Update" and an
 * opening bracket) and only when a separator follows it (":", "-", a dash, or the
 * end of the line): a time in a sentence is not a post's stamp.  Two stamps at
 * least, or there is no timeline to read.
 *
 * A stamp without a zone ("4:15 AM") takes the declared zone ("all times are ..."),
 * else the one the item's own date implies: that date is the newest post's, so
 * the newest zoneless stamp's wall clock minus it is the feed's offset, accepted
 * only within 5 minutes of a real zone offset, when every stamp is zoneless and
 * no other stamp fits the item's date as well (see infer_offset()).  Numeric dates ("6/9/25") are month first or day first for the whole
 * timeline: whichever reading fits every stamp, and when both do, the one that
 * puts the newest stamp nearer the item's date.  Refused, as a whole: a stamp
 * after the item's date (plus TEXT_WINDOW_SLACK), a first stamp more than
 * TEXT_WINDOW_MAX_AGE before it, an impossible date, more than TIMELINE_MAX_STAMPS
 * stamps.  A clock time after a weekday label ("Mon 10:00 UTC - ...") is no stamp.
 */

/* A bound on a hostile body, far past any real history: more stamps refuse the
 * timeline (which ones to keep, the text does not say). */
#define TIMELINE_MAX_STAMPS 64
#define TIMELINE_LABEL_WORDS 2
#define TIMELINE_ZONE_FIT (5 * 60)
/* An item dated at its first post: its updates lie within hours of it, the same
 * local date; half a day bounds how far after the item's date a stamp is read. */
#define TIMELINE_FIRST_POST_SPAN (12 * 3600)

typedef struct {
	Moment m;
	bool numeric;     /* the date was "a/b/yy": m.month and m.day wait for the reading */
	int n1, n2;       /* its two numbers, in the order written */
	const char *body; /* the post's text after the stamp */
	bool over_label;  /* a label before the stamp says it is over ("Resolved") */
	gint64 t;         /* resolved time */
} Stamp;

/* Spaces and tabs only: a stamp and its separator are on one line. */
static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0)) {
		p += *p == ' ' || *p == '\t' ? 1 : 2;
	}
	return p;
}

/* "6/9/25", "12/14/2020" then [,] [at] a clock: a numeric date, its reading left open. */
static bool
read_numeric_stamp(const char **pp, Stamp *st)
{
	const char *p = *pp;
	int a = 0;
	int b = 0;
	int y = 0;

	if (time_read_digits(&p, 2, &a) == 0 || *p != '/') {
		return false;
	}
	p++;
	if (time_read_digits(&p, 2, &b) == 0 || *p != '/') {
		return false;
	}
	p++;
	int ny = time_read_digits(&p, 4, &y);
	if ((ny != 2 && ny != 4) || g_ascii_isdigit(*p) || a < 1 || b < 1 || a > 31 || b > 31) {
		return false;
	}
	if (ny == 2) {
		y += 2000;
	}
	if (y < 1970 || y > 2100) {
		return false;
	}
	p = skip_blanks(p);
	if (*p == ',') {
		p = skip_blanks(p + 1);
	}
	const char *at = match_word(p, "at");
	if (at != NULL) {
		p = skip_blanks(at);
	}
	memset(&st->m, 0, sizeof st->m);
	if (!read_clock(&p, &st->m)) {
		return false;
	}
	st->m.has_zone = read_zone(&p, false, &st->m.zone_minutes);
	st->m.year = y;
	st->numeric = true;
	st->n1 = a;
	st->n2 = b;
	*pp = p;
	return true;
}

/*
 * The separator after a stamp at @p, of either kind of stamp (a timeline's, an inline
 * update's): one of @chars, an en or em dash, or, when @eol_ok, the end of the line
 * (not consumed).  Where the post begins, or NULL.
 */
static const char *
match_separator(const char *p, const char *chars, bool eol_ok)
{
	if (*p != '\0' && strchr(chars, *p) != NULL) {
		return p + 1;
	}
	if (strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0) {
		return p + 3;
	}
	if (eol_ok && (*p == '\n' || *p == '\r' || *p == '\0')) {
		return p;
	}
	return NULL;
}

/* A separator after a timeline's stamp: ":", "-", "|", an en or em dash, or the end of
 * the line, maybe after the ")" or "]" closing the stamp. */
static const char *
match_stamp_end(const char *p)
{
	p = skip_blanks(p);
	if (*p == ')' || *p == ']') {
		p = skip_blanks(p + 1);
	}
	return match_separator(p, ":-|", true);
}

/*
 * A full stamp (a date, a clock and a zone) set off by itself, as bold labels in HTML
 * are once they are text ("<b>31 Jan 23:50 UTC</b> We are ..."): its post follows
 * after a blank, with a capital letter.  Shorter stamps need a separator.
 */
static const char *
match_full_stamp_end(const char *p, const Moment *m)
{
	if (m->day == 0 || !m->has_zone || (*p != ' ' && *p != '\t')) {
		return NULL;
	}
	p = skip_blanks(p);
	return g_ascii_isupper(*p) ? p : NULL;
}

/* The stamp opening the line at @p, if any. */
static bool
read_stamp(const char *p, Stamp *st)
{
	static const char *const weekdays[] = {"mon", "tue", "tues", "wed", "thu", "thur",
					       "thurs", "fri", "sat", "sun"};
	bool weekday = false; /* a label word names a day: a clock time alone is no stamp */
	p = skip_blanks(p);
	st->over_label = false;
	for (int k = 0; k <= TIMELINE_LABEL_WORDS; k++) {
		const char *q = *p == '(' || *p == '[' ? skip_blanks(p + 1) : p;
		const char *r = q;
		st->numeric = false;
		if (g_ascii_isdigit(*q) && (read_numeric_stamp(&r, st) ||
					    (r = q, read_moment(&r, &st->m)))) {
			const char *e = match_stamp_end(r);
			if (e == NULL && !st->numeric) {
				e = match_full_stamp_end(r, &st->m);
			}
			if (e != NULL) {
				st->body = e;
				/* "Mon 10:00 UTC - window A": the day it names is not read. */
				return !weekday || st->m.day != 0;
			}
		} else if (g_ascii_isalpha(*q)) {
			/* A date spelled with its month ("June 10, 2025 06:45 UTC"). */
			r = q;
			if (read_month(&r) != 0 && read_moment(&q, &st->m) && st->m.day != 0) {
				const char *e = match_stamp_end(q);
				if (e == NULL) {
					e = match_full_stamp_end(q, &st->m);
				}
				if (e != NULL) {
					st->body = e;
					return true;
				}
			}
		}
		if (k == TIMELINE_LABEL_WORDS || !g_ascii_isalpha(*p)) {
			return false;
		}
		/* A label word ("Update", "Resolved"), then maybe ":" or "-". */
		gsize n = 0;
		while (n < 20 && g_ascii_isalpha(p[n])) {
			n++;
		}
		if (n == 20) {
			return false;
		}
		const StatusWord *w = status_word_lookup(p, n);
		st->over_label |= w != NULL && w->status == ADVISORY_STATUS_RESOLVED;
		for (gsize d = 0; d < G_N_ELEMENTS(weekdays); d++) {
			gsize dl = strlen(weekdays[d]);
			weekday |= n >= 3 && g_ascii_strncasecmp(p, weekdays[d], MIN(n, dl)) == 0 &&
				   (n == dl || (n > dl && g_ascii_strncasecmp(p + n - 3, "day", 3) == 0 &&
						n <= 9));
		}
		p = skip_blanks(p + n);
		if (*p == ':' || *p == '-' || (weekday && *p == ',')) {
			/* "Wednesday, April 16, 2025 18:38 UTC - ...": the date follows. */
			p = skip_blanks(p + 1);
		}
	}
	return false;
}

/* True when the post at @body (to its line's end) says the trouble is over. */
static bool
post_says_over(const char *body)
{
	static const char *const over[] = {
		"resolved", "fixed", "recovered", "back to normal", "operating normally",
		"working normally", "fully restored", "back up", "has been mitigated",
		"working again", "back online", "available again",
	};
	const char *eol = strchr(body, '\n');
	gsize n = eol != NULL ? (gsize)(eol - body) : strlen(body);
	const char *prev = NULL; /* the word before, for "not resolved" */
	for (gsize i = 0; i < n; i++) {
		if ((i > 0 && is_word_char(body[i - 1])) || !g_ascii_isalpha(body[i])) {
			continue;
		}
		for (gsize k = 0; k < G_N_ELEMENTS(over); k++) {
			if (match_word(body + i, over[k]) != NULL &&
			    (prev == NULL || (match_word(prev, "not") == NULL &&
					      match_word(prev, "yet") == NULL &&
					      match_word(prev, "never") == NULL))) {
				return true;
			}
		}
		prev = body + i;
	}
	return false;
}

/* Numeric dates: month first (@md) or day first, into every such stamp. */
static bool
numeric_reading(Stamp *st, guint n, bool md)
{
	for (guint i = 0; i < n; i++) {
		if (!st[i].numeric) {
			continue;
		}
		int mo = md ? st[i].n1 : st[i].n2;
		int d = md ? st[i].n2 : st[i].n1;
		if (mo > 12 || d > 31) {
			return false;
		}
		st[i].m.month = mo;
		st[i].m.day = d;
	}
	return true;
}

/* Wall-clock seconds of a dated moment read as UTC (its zone ignored). */
static bool
naive_time(const Moment *m, gint64 *ret)
{
	if (m->day == 0 || m->year == 0) {
		return false;
	}
	g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
	return make_time(utc, m->year, m->month, m->day, m, ret);
}

/* Every UTC offset in use or used lately, in minutes (IANA tzdata): whole hours
 * from -12 to +14, and the half and three-quarter hours of India, Nepal, Iran,
 * Afghanistan, Myanmar, Newfoundland, the Marquesas, Chatham and central and
 * western Australia.  A wall clock this far from the item's date is a zone; a
 * quarter-hour gap nobody keeps is not. */
static const int real_offsets[] = {-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765};

/* The real offset nearest @diff (seconds), in seconds, and how far off it is. */
static gint64
nearest_offset(gint64 diff, gint64 *ret_resid)
{
	gint64 best = CLAMP((diff >= 0 ? diff + 1800 : diff - 1800) / 3600, -12, 14) * 3600;
	for (gsize i = 0; i < G_N_ELEMENTS(real_offsets); i++) {
		gint64 o = (gint64)real_offsets[i] * 60;
		if (ABS(diff - o) < ABS(diff - best)) {
			best = o;
		}
	}
	*ret_resid = ABS(diff - best);
	return best;
}

/*
 * The feed's offset from the newest dated stamp's wall clock minus @ref (the
 * item's date, taken as its newest post), or false.  Never a guess: only when
 * every stamp is zoneless (a zone on some says nothing of the others), the
 * newest is within TIMELINE_ZONE_FIT of a real offset from @ref, and no other
 * stamp fits @ref as well with another offset while UTC is not that offset
 * ("12:00 — Resolved / 10:00 — Investigating" dated 10:00Z is as likely a feed
 * in UTC dated at its first post as one two hours east dated at its last).
 */
static bool
infer_offset(const Stamp *st, guint n, gint64 ref, int *ret_minutes)
{
	gint64 newest = SW_TIME_NONE;
	for (guint i = 0; i < n; i++) {
		gint64 t;
		if (st[i].m.has_zone) {
			return false;
		}
		if (naive_time(&st[i].m, &t) && t > newest) {
			newest = t;
		}
	}
	if (newest == SW_TIME_NONE) {
		return false;
	}
	gint64 resid;
	gint64 off = nearest_offset(newest - ref, &resid);
	if (resid > TIMELINE_ZONE_FIT) {
		return false;
	}
	for (guint i = 0; off != 0 && i < n; i++) {
		gint64 t, r;
		if (naive_time(&st[i].m, &t) && t != newest &&
		    nearest_offset(t - ref, &r) != off && r <= resid) {
			return false;
		}
	}
	*ret_minutes = (int)(off / 60);
	return true;
}

/* Places every stamp (zone: own, declared, else @inferred when @has_inferred). */
static bool
place_stamps(Stamp *st, guint n, GTimeZone *declared, bool has_inferred, int inferred,
	     gint64 ref)
{
	gint64 limit = ref + TEXT_WINDOW_SLACK;
	for (guint i = 0; i < n; i++) {
		Moment *m = &st[i].m;
		if (!m->has_zone && declared == NULL && has_inferred) {
			moment_set_zone(m, inferred, NULL);
		}
		g_autoptr(GTimeZone) tz = moment_zone(m, declared);
		if (tz == NULL || !place(m, tz, ref, limit, &st[i].t) || st[i].t > limit ||
		    st[i].t < ref - TEXT_WINDOW_MAX_AGE) {
			return false;
		}
	}
	return true;
}

/*
 * The reading of an item dated at its FIRST post, its later updates added to it
 * ("Update 4:40pm AEST: working again" over "2:31pm AEST: unavailable", dated 14:31
 * +10:00): every stamp on the item's local date.  Taken only when it is the
 * consistent one and the usual reading (at or before the item's date) would move a
 * stamp to the day before: every stamp has its zone and no date, the earliest is
 * the item's date (within TEXT_WINDOW_SLACK) and its post does not say it is over
 * (a first post reports trouble), the stamps run in one order through the text
 * (newest first or oldest first), and none is more than TIMELINE_FIRST_POST_SPAN
 * after the earliest (a hostile text never sets a window far after the item's
 * date).  True and every st[i].t set when so.
 */
static bool
place_first_post(Stamp *st, guint n, GTimeZone *declared, gint64 ref, bool lead)
{
	gint64 limit = ref + TEXT_WINDOW_SLACK;
	gint64 t[TIMELINE_MAX_STAMPS];
	bool moved = false;
	guint first = 0;

	for (guint i = 0; i < n; i++) {
		Moment m = st[i].m;
		int y = 0;
		int mo = 0;
		int d = 0;
		if (m.day != 0 || st[i].numeric) {
			return false;
		}
		g_autoptr(GTimeZone) tz = moment_zone(&m, declared);
		if (tz == NULL || !local_date(tz, ref, &y, &mo, &d) ||
		    !make_time(tz, y, mo, d, &m, &t[i])) {
			return false;
		}
		moved |= t[i] > limit;
		first = t[i] < t[first] ? i : first;
	}
	/* The first post stamped at the item's date; or, with words before the first stamp
	 * (@lead), those words are the first post, at the item's date, and the stamps
	 * its updates of that day ("We are investigating ... Update 9:45 AM PDT: ...",
	 * dated 08:10 PDT). */
	if (!moved) {
		return false;
	}
	bool stamped = ABS(t[first] - ref) <= TEXT_WINDOW_SLACK && !st[first].over_label &&
		       !post_says_over(st[first].body);
	bool after_lead = lead && t[first] >= ref - TEXT_WINDOW_SLACK &&
			  t[first] - ref <= TIMELINE_FIRST_POST_SPAN;
	if (!stamped && !after_lead) {
		return false;
	}
	bool up = true;
	bool down = true;
	for (guint i = 0; i < n; i++) {
		if (t[i] - t[first] > TIMELINE_FIRST_POST_SPAN) {
			return false;
		}
		up &= i == 0 || t[i] > t[i - 1];
		down &= i == 0 || t[i] < t[i - 1];
	}
	if (!up && !down) {
		return false;
	}
	for (guint i = 0; i < n; i++) {
		st[i].t = t[i];
	}
	return true;
}

static bool
timeline_find(const char *text, gsize len, GTimeZone *declared, gint64 ref, TextWindow *ret)
{
	Stamp st[TIMELINE_MAX_STAMPS];
	guint n = 0;
	bool lead = false; /* words before the first stamp */

	for (gsize i = 0; i < len; i++) {
		if (i > 0 && text[i - 1] != '\n') {
			continue;
		}
		Stamp extra;
		if (read_stamp(text + i, n < TIMELINE_MAX_STAMPS ? &st[n] : &extra)) {
			if (n == 0) {
				for (gsize k = 0; k < i && !lead; k++) {
					lead = g_ascii_isalnum(text[k]);
				}
			}
			if (n == TIMELINE_MAX_STAMPS) {
				/* Keeping the first would start a newest-first history late. */
				return false;
			}
			n++;
		}
	}
	if (n < 2) {
		return false;
	}
	/* Numeric dates: the reading that fits; both fitting, the one nearer @ref. */
	bool md = numeric_reading(st, n, true);
	gint64 best = G_MAXINT64;
	for (guint i = 0; md && i < n; i++) {
		gint64 t;
		if (st[i].numeric && naive_time(&st[i].m, &t)) {
			best = MIN(best, ABS(t - ref));
		}
	}
	Stamp alt[TIMELINE_MAX_STAMPS];
	memcpy(alt, st, n * sizeof *st);
	if (numeric_reading(alt, n, false)) {
		gint64 d = G_MAXINT64;
		for (guint i = 0; i < n; i++) {
			gint64 t;
			if (alt[i].numeric && naive_time(&alt[i].m, &t)) {
				d = MIN(d, ABS(t - ref));
			}
		}
		if (!md || d < best) {
			memcpy(st, alt, n * sizeof *st);
			md = true;
		}
	}
	if (!md) {
		return false;
	}
	int inferred = 0;
	bool has_inferred = declared == NULL && infer_offset(st, n, ref, &inferred);
	/* A zone inferred from the item's date took that date as the newest post's: the
	 * first-post reading is for stamps with their own or a declared zone. */
	if ((has_inferred || !place_first_post(st, n, declared, ref, lead)) &&
	    !place_stamps(st, n, declared, has_inferred, inferred, ref)) {
		return false;
	}
	guint first = 0;
	guint last = 0;
	for (guint i = 1; i < n; i++) {
		first = st[i].t < st[first].t ? i : first;
		last = st[i].t > st[last].t ? i : last;
	}
	ret->start = st[first].t;
	ret->end = st[last].over_label || post_says_over(st[last].body) ? st[last].t : SW_TIME_NONE;
	return true;
}

/*
 * Whether the 'm' or 'M' at @p (after @text's first byte) ends an hour with am or pm
 * ("8 pm", "9am", "2 p.m."): what a text without a colon needs to state a time.
 */
static bool
meridiem_at(const char *text, const char *end, const char *p)
{
	const char *q = p - 1;
	if (q > text && *q == '.') {
		q--; /* "a.m" */
	}
	if (q <= text || !(*q == 'a' || *q == 'A' || *q == 'p' || *q == 'P')) {
		return false;
	}
	q--;
	if (q > text && *q == ' ') {
		q--;
	}
	return g_ascii_isdigit(*q) && (p + 1 == end || !is_word_char(p[1]));
}

/*
 * Whether [@text, +@n) may state a clock time: it holds a ':' or an hour with am or
 * pm.  One pass, sixteen bytes per step where sixteen remain: a colon ends it, and
 * only an 'm' or 'M' after 'a', 'p' or '.' is looked at (a memchr() per 'm' of the
 * prose, twice, cost more than the rest of the test).  An 'm' at the first byte ends
 * no hour, so p - 1 is always inside the text.
 */
static bool
may_state_time(const char *text, gsize n)
{
	const char *end = text + n;
	const char *p = text;

	if (p < end && *p == ':') {
		return true;
	}
	p += n > 0;
#if defined(__SSE2__)
	const __m128i colon = _mm_set1_epi8(':');
	const __m128i lower = _mm_set1_epi8(0x20);
	const __m128i m = _mm_set1_epi8('m');
	const __m128i a = _mm_set1_epi8('a');
	const __m128i pm = _mm_set1_epi8('p');
	const __m128i dot = _mm_set1_epi8('.');
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(p - 1));
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, colon)) != 0) {
			return true;
		}
		/* b | 0x20 == 'm' only for 'm' and 'M'; likewise for 'a' and 'p'. */
		__m128i w20 = _mm_or_si128(w, lower);
		__m128i before = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(w20, a), _mm_cmpeq_epi8(w20, pm)),
			_mm_cmpeq_epi8(w, dot));
		unsigned cand = (unsigned)_mm_movemask_epi8(
			_mm_and_si128(_mm_cmpeq_epi8(_mm_or_si128(v, lower), m), before));
		for (; cand != 0; cand &= cand - 1) {
			if (meridiem_at(text, end, p + __builtin_ctz(cand))) {
				return true;
			}
		}
		p += 16;
	}
#endif
	for (; p < end; p++) {
		if (*p == ':' || ((*p == 'm' || *p == 'M') && meridiem_at(text, end, p))) {
			return true;
		}
	}
	return false;
}

/*
 * Whether the anchor word at @i of @text opens a window of the data an event touched,
 * not of the impact: "data created between 17:20 and 00:00 UTC was lost", "orders
 * placed between ...", "messages sent or received between ...", "quotes that were
 * created between ...".  Such a window says which records were hit (often the hours
 * before the fault, since the last backup), so reading it moves the item hours away
 * from its event.  The word right before the anchor is a participle of making or
 * moving data (several joined by "or"/"and"), not after "have" or a subject pronoun
 * ("we have received reports of errors between ..." states the impact, and so does
 * "customers received errors between ...", whose participle is not next to it).
 */
static bool
affected_data_window(const char *text, gsize i)
{
	static const char *const participles[] = {
		"created", "placed", "sent", "written", "uploaded", "submitted", "received",
		"modified", "edited", "saved", "committed", "pushed", "ingested", "entered",
		"booked", "purchased", "generated", "added", "stored", "published", "posted",
		"scheduled", "queued", "enqueued", "initiated", "filed", "changed", "updated",
		"deleted", "recorded", "logged", "imported", "exported", "issued", "transferred",
	};
	static const char *const subjects[] = {
		"have", "has", "had", "we", "i", "they", "you", "ve",
	};
	static const char *const joiners[] = {"or", "and"};
	gsize end = i;
	bool participle = false; /* the words read so far, nearest first, are participles */
	bool joined = false;     /* the last word read joins two participles */
	for (int words = 0; words < 6 && end > 0; words++) {
		while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) {
			end--;
		}
		gsize start = end;
		while (start > 0 && (is_word_char(text[start - 1]) || text[start - 1] == '\'')) {
			start--;
		}
		const char *w = text + start;
		gsize n = end - start;
		end = start;
		if (n == 0) {
			return participle && !joined; /* a stop, a comma, a line's start */
		}
		bool is_participle = false;
		for (gsize k = 0; k < G_N_ELEMENTS(participles) && !is_participle; k++) {
			is_participle = n == strlen(participles[k]) &&
					g_ascii_strncasecmp(w, participles[k], n) == 0;
		}
		if (is_participle) {
			participle = true;
			joined = false;
			continue;
		}
		if (!participle || joined) {
			return false; /* the anchor's word (or a joiner's) is no participle */
		}
		for (gsize k = 0; k < G_N_ELEMENTS(joiners) && !joined; k++) {
			joined = n == strlen(joiners[k]) && g_ascii_strncasecmp(w, joiners[k], n) == 0;
		}
		if (joined) {
			continue;
		}
		for (gsize k = 0; k < G_N_ELEMENTS(subjects); k++) {
			gsize sl = strlen(subjects[k]);
			if (n >= sl && g_ascii_strncasecmp(w + n - sl, subjects[k], sl) == 0 &&
			    (n == sl || w[n - sl - 1] == '\'')) {
				return false;
			}
		}
		return true;
	}
	return participle && !joined;
}

/* ---- inline updates: "... Update 8:35 AM: The problem should now be resolved." ---- */

/*
 * Status blogs and old dashboards keep one item per incident and append its updates
 * to the description, each opened by "Update" and a clock time, often with no zone
 * (the item's date gives it) and inside one paragraph, not one per line:
 *
 *   "Some users are seeing slow page loads ... We are investigating.
 *    Update 8:35 AM: The problem with Google Sites should now be resolved."
 *   "Update (3:30 PM): fixed."  "UPDATE 14:10 UTC - resolved"
 *   "Update at 9:12 PM PDT: all services restored."
 *
 * A stamp: "Update" or "Updated" opening the text, a line or a sentence, then maybe
 * ":" or "-", "(", "at" or "as of", one moment (read_moment(): a clock time, maybe a
 * zone and a date), maybe ")", then ":", "-", a dash or ",": a time in a sentence
 * ("we will post an update at 9 PM.") is no stamp.  Its post runs to the next stamp.
 */

/* Stamps kept per text; more refuse the reading (which are the item's, the text does
 * not say), as TIMELINE_MAX_STAMPS does. */
#define UPDATE_MAX_STAMPS 64
/* How far after the item's first post its last update may lie: a day, and the hour a
 * change of daylight saving time adds to one. */
#define UPDATE_SPAN_MAX (25 * 3600)
/* A clock time this little before the item's first post is that post on another clock,
 * or an item dated when it was last edited (the update typed in late): not a fix a day
 * later.  The next morning's fix of an item posted the evening before lies hours back. */
#define UPDATE_EARLY_MAX 3600

typedef struct {
	Moment m;
	const char *body; /* the post, to the next stamp */
	gsize body_len;
	gint64 t;
} UpdateStamp;

/* True when "update" at @i of @text opens the text, a line or a sentence. */
static bool
update_position(const char *text, gsize i)
{
	while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) {
		i--;
	}
	return i == 0 || strchr("\n\r.!?;", text[i - 1]) != NULL;
}

/* The stamp opening at @p ("Update 8:35 AM:"), its post's start in *@ret_body. */
static bool
read_update_stamp(const char *p, Moment *m, const char **ret_body)
{
	const char *q = match_word(p, "updated");
	if (q == NULL) {
		q = match_word(p, "update");
	}
	if (q == NULL) {
		return false;
	}
	p = skip_spaces(q);
	if (*p == ':' || *p == '-') {
		p = skip_spaces(p + 1);
	}
	bool paren = *p == '(';
	if (paren) {
		p = skip_spaces(p + 1);
	}
	q = match_word(p, "as");
	q = q != NULL ? match_word(skip_spaces(q), "of") : NULL;
	if (q != NULL) {
		p = q;
	}
	if (!read_moment(&p, m)) {
		return false;
	}
	p = skip_spaces(p);
	if (paren) {
		if (*p != ')') {
			return false;
		}
		p = skip_spaces(p + 1);
	}
	/* ",": "Update 8:35 AM, the problem is fixed."; never the line's end: an inline
	 * update's stamp is always set off from its post. */
	q = match_separator(p, ":-,", false);
	if (q == NULL) {
		return false;
	}
	*ret_body = q;
	return true;
}

/* Words before an over-word read for a plan: "will not be fully restored" is four. */
#define UPDATE_OVER_LOOKBACK 4

/*
 * A plan or a hope, not a state: a word of plan[] among the UPDATE_OVER_LOOKBACK words
 * before an over-word (@words, newest first; one more is kept so a word's own neighbour
 * can be read).  "to" ("working to bring the site back online", "expected to be
 * restored") unless it only says whence or how far ("due to", "changed to");
 * "should be" ("should be restored shortly"), but not "should now be", which reports;
 * "isn't", "won't".  No bare "have": "we have restored service" is done, and the plan
 * ("working to have everything back to normal") is the "to" before it.
 */
static bool
plan_before(const char *const *words)
{
	static const char *const plan[] = {
		"not", "never", "yet", "will", "would", "expect", "expected", "expects",
		"being", "once", "until", "when", "if", "hope", "hopefully", "get", "bring",
	};
	/* "to" after these is no plan: "due to a bug, now fixed", "status changed to resolved". */
	static const char *const to_not_plan[] = {
		"due", "thanks", "prior", "according", "related", "owing", "up", "changed",
		"returned", "set", "updated", "moved",
	};
	for (gsize b = 0; b < UPDATE_OVER_LOOKBACK && words[b] != NULL; b++) {
		for (gsize k = 0; k < G_N_ELEMENTS(plan); k++) {
			if (match_word(words[b], plan[k]) != NULL) {
				return true;
			}
		}
		const char *next = words[b + 1]; /* the word before words[b] */
		if (match_word(words[b], "to") != NULL) {
			bool plain = true;
			for (gsize k = 0; next != NULL && k < G_N_ELEMENTS(to_not_plan); k++) {
				plain &= match_word(next, to_not_plan[k]) == NULL;
			}
			if (plain) {
				return true;
			}
		}
		if (match_word(words[b], "be") != NULL && next != NULL &&
		    match_word(next, "should") != NULL) {
			return true;
		}
		/* "isn't", "hasn't", "won't" */
		const char *e = words[b];
		while (is_word_char(*e) || *e == '\'') {
			e++;
		}
		if (e - words[b] > 3 && g_ascii_strncasecmp(e - 3, "n't", 3) == 0) {
			return true;
		}
	}
	return false;
}

/* Words an over-word may be followed by, in its clause, before a time to come. */
#define UPDATE_OVER_LOOKAHEAD 6

/*
 * True when a time to come follows the over-word ending at @p (before @end), within
 * UPDATE_OVER_LOOKAHEAD words of its clause (to ".", ",", ";", "and", "but", "we"):
 * "restored shortly", "back to normal soon", "operational by noon", "fixed within the
 * hour", "in the next hour", "later today", "over the next few hours".  "shortly after" and "soon after" look back; "fixed by a
 * configuration change" names no time.
 */
static bool
time_to_come_after(const char *p, const char *end)
{
	static const char *const to_come[] = {
		"shortly", "soon", "within", "in the next", "in the coming", "later today",
		"over the next", "over the coming",
	};
	/* After "by": a clock or a day still ahead ("by 5 PM", "by noon", "by the end of"). */
	static const char *const by_when[] = {
		"noon", "midday", "midnight", "tonight", "tomorrow", "morning", "afternoon",
		"evening", "this", "the end", "end of", "eod", "monday", "tuesday", "wednesday",
		"thursday", "friday", "saturday", "sunday",
	};
	guint words = 0;
	while (p < end) {
		char c = *p;
		if (c == '\n' || c == ';' || c == ',' || c == '!' || c == '?' ||
		    (c == '.' && (p + 1 >= end || g_ascii_isspace(p[1])))) {
			return false; /* the clause ends */
		}
		/* @p follows the over-word, so p[-1] is inside the post. */
		if (!g_ascii_isalnum(c) || is_word_char(p[-1])) {
			p++;
			continue;
		}
		/* "restored and we will post again within the hour": another clause's time. */
		if (++words > UPDATE_OVER_LOOKAHEAD || match_word(p, "and") != NULL ||
		    match_word(p, "but") != NULL || match_word(p, "we") != NULL) {
			return false;
		}
		for (gsize k = 0; k < G_N_ELEMENTS(to_come); k++) {
			const char *e = match_word(p, to_come[k]);
			if (e != NULL && e <= end && match_word(skip_spaces(e), "after") == NULL) {
				return true;
			}
		}
		const char *e = match_word(p, "by");
		if (e != NULL && e < end) {
			const char *w = skip_spaces(e);
			if (g_ascii_isdigit(*w)) {
				return true;
			}
			for (gsize k = 0; k < G_N_ELEMENTS(by_when); k++) {
				const char *f = match_word(w, by_when[k]);
				if (f != NULL && f <= end) {
					return true;
				}
			}
		}
		p++;
	}
	return false;
}

/*
 * True when a post (@n bytes at @body) says the trouble is over: a word of over[]
 * not after a plan (plan_before(): "not yet resolved", "will be fixed", "is being
 * restored", "working to bring the site back online", "should be restored") nor
 * before a time to come (time_to_come_after(): "restored shortly"), and no word of
 * partly[] anywhere in it ("still", "partially", "for most users": some are still hit)
 * but in a condition ("if you still see errors").
 */
static bool
update_says_over(const char *body, gsize n)
{
	static const char *const over[] = {
		"resolved", "restored", "fixed", "recovered", "operational", "working again",
		"working normally", "operating normally", "back to normal", "back online",
		"available again",
	};
	static const char *const partly[] = {
		"still", "partially", "not yet", "not fully", "for most", "majority of",
	};
	/* The words before, newest first; one beyond the lookback for plan_before(). */
	const char *words[UPDATE_OVER_LOOKBACK + 1] = {NULL};
	bool over_seen = false;

	for (gsize i = 0; i < n; i++) {
		if ((i > 0 && is_word_char(body[i - 1])) || !g_ascii_isalpha(body[i])) {
			continue;
		}
		const char *w = body + i;
		/* "If you still see errors, ...": a condition, not a state. */
		bool condition = false;
		for (gsize b = 0; b < UPDATE_OVER_LOOKBACK && words[b] != NULL; b++) {
			condition |= match_word(words[b], "if") != NULL;
		}
		for (gsize k = 0; k < G_N_ELEMENTS(partly) && !condition; k++) {
			const char *e = match_word(w, partly[k]);
			if (e != NULL && e <= body + n) {
				return false;
			}
		}
		if (!over_seen && !plan_before(words)) {
			for (gsize k = 0; k < G_N_ELEMENTS(over) && !over_seen; k++) {
				const char *e = match_word(w, over[k]);
				over_seen = e != NULL && e <= body + n &&
					    !time_to_come_after(e, body + n);
			}
		}
		memmove(words + 1, words, UPDATE_OVER_LOOKBACK * sizeof *words);
		words[0] = w;
	}
	return over_seen;
}

/*
 * @m as a time in @tz for an item first posted at @date (SW_TIME_NONE: unknown, the item is dated
 * @latest, its last change, only).  After a first post: on its local date, or the next day when
 * that is more than UPDATE_EARLY_MAX before it (a clock that far back is the next morning's) unless
 * @may_roll is false; at most UPDATE_SPAN_MAX after it and never after @latest (plus slack) when
 * the item says when it last changed.  Dated only by its last change: the latest such clock time by
 * then (place()), at most UPDATE_SPAN_MAX before it.
 */
static bool
place_update(Moment *m, GTimeZone *tz, bool may_roll, gint64 date, gint64 latest, gint64 *ret)
{
	gint64 limit = latest + TEXT_WINDOW_SLACK;
	if (date == SW_TIME_NONE) {
		return place(m, tz, latest, limit, ret) && *ret <= limit &&
		       *ret >= latest - UPDATE_SPAN_MAX;
	}
	int y = 0;
	int mo = 0;
	int d = 0;
	if (!local_date(tz, date, &y, &mo, &d)) {
		return false;
	}
	if (m->day != 0) {
		if (!make_time(tz, m->year != 0 ? m->year : y, m->month, m->day, m, ret)) {
			return false;
		}
	} else {
		if (!make_time(tz, y, mo, d, m, ret)) {
			return false;
		}
		if (*ret < date - UPDATE_EARLY_MAX && may_roll) {
			shift_day(&y, &mo, &d, 1);
			if (!make_time(tz, y, mo, d, m, ret)) {
				return false;
			}
		}
	}
	return *ret >= date - UPDATE_EARLY_MAX && *ret <= date + UPDATE_SPAN_MAX &&
	       (latest <= date || *ret <= limit);
}

bool
text_window_update_end(const char *text, gint64 date, gint64 latest, bool has_offset,
		       int offset_minutes, gint64 *ret_end)
{
	if (text == NULL || latest == SW_TIME_NONE || (date != SW_TIME_NONE && latest < date)) {
		return false;
	}
	gsize n = strnlen(text, SCAN_MAX);
	if (!may_state_time(text, n)) {
		return false;
	}
	UpdateStamp st[UPDATE_MAX_STAMPS];
	guint count = 0;
	for (gsize i = 0; i < n; i++) {
		if ((text[i] != 'u' && text[i] != 'U') || (i > 0 && is_word_char(text[i - 1])) ||
		    !update_position(text, i)) {
			continue;
		}
		UpdateStamp s;
		if (!read_update_stamp(text + i, &s.m, &s.body) || (gsize)(s.body - text) > n) {
			continue;
		}
		/* A stamp opening inside the previous one's own words is part of it, not a
		 * post of its own (and the previous post's length must not wrap). */
		if (count > 0 && text + i < st[count - 1].body) {
			continue;
		}
		if (count == UPDATE_MAX_STAMPS) {
			return false;
		}
		if (count > 0) {
			st[count - 1].body_len = (gsize)(text + i - st[count - 1].body);
		}
		s.body_len = n - (gsize)(s.body - text);
		st[count++] = s;
	}
	if (count == 0) {
		return false;
	}
	g_autoptr(GTimeZone) declared = find_declared_zone(text, n);
	g_autoptr(GTimeZone) item_zone = has_offset ? g_time_zone_new_offset(offset_minutes * 60)
						    : NULL;
	const Moment *zoned = NULL; /* the last stamp that named its zone */
	guint last = 0;
	for (guint i = 0; i < count; i++) {
		Moment *m = &st[i].m;
		if (m->has_zone) {
			zoned = m;
		} else if (declared == NULL && zoned != NULL) {
			/* A zone named once holds for the updates after it. */
			moment_set_zone(m, zoned->zone_minutes, zoned->zone_id);
		}
		g_autoptr(GTimeZone) tz = moment_zone(m, declared);
		/*
		 * A date in UTC may be a serializer's habit (WordPress writes +0000 whatever the
		 * writer's clock): a zoneless "Update 11:30 AM" of a US blog read in UTC falls
		 * hours before the post, which is no reason to read it as the next day's.
		 */
		bool may_roll = tz != NULL || (has_offset && offset_minutes != 0);
		if (tz == NULL && item_zone != NULL) {
			tz = g_time_zone_ref(item_zone);
		}
		/* Any stamp unreadable: which is the last post is not known. */
		if (tz == NULL || !place_update(m, tz, may_roll, date, latest, &st[i].t)) {
			return false;
		}
		last = st[i].t >= st[last].t ? i : last;
	}
	if (!update_says_over(st[last].body, st[last].body_len)) {
		return false;
	}
	*ret_end = st[last].t;
	return true;
}

bool
text_window_find(const char *text, gint64 ref, TextWindow *ret)
{
	gsize n = text != NULL ? strnlen(text, SCAN_MAX) : 0;
	/* No clock time at all: the common case, decided in one pass. */
	ret->timed = n > 0 && may_state_time(text, n);
	if (!ret->timed || ref == SW_TIME_NONE || ref < -TEXT_WINDOW_MAX_AGE) {
		return false;
	}
	g_autoptr(GTimeZone) declared = find_declared_zone(text, n);
	for (gsize i = 0; i < n; i++) {
		if ((i > 0 && is_word_char(text[i - 1])) || !g_ascii_isalpha(text[i])) {
			continue;
		}
		for (gsize k = 0; k < G_N_ELEMENTS(anchors); k++) {
			const char *p = match_word(text + i, anchors[k].word);
			if (p != NULL && !affected_data_window(text, i) &&
			    read_window(p, anchors[k].kind, declared, ref, ret)) {
				return true;
			}
		}
	}
	return labelled_find(text, n, declared, ref, ret) ||
	       timeline_find(text, n, declared, ref, ret);
}
