/*
 * A page's later posts that point back at an earlier item of its own: a title
 * dating an earlier event ("Why Flickview was down on Monday", "Postmortem for the
 * May 27 outage"), a write-up whose text dates its event ("On 12 September 2025,
 * ..."), an update or recovery continuing the feed's newest open item ("Back up
 * (mostly)"); a round-up listing many days dates none.  Titles are read once per
 * advisory (linker_title_writeup(), linker_title_later(): Doc.writeup,
 * Doc.later_cue), pairs are judged by linker_later_own() for linker_followup() in
 * linker_cluster.c, and linker_later_candidates() lists the pairs worth judging.
 *
 * Pure: no I/O, no clock, no logging; reads the indexes of linker_index.c.
 */
#include <string.h>

#include "linker/linker_private.h"
#include "util/timeparse.h"

/* A write-up of the event of a date it names (Doc.later_dated) reaches back at most
 * this far: a post mortem ten days on, an "incident report" a month later. */
#define LATER_DATED_MAX (35 * 24 * 3600)
/* A continuation reaches back at most this far (an item nobody touched for a week
 * is history). */
#define LATER_CONTINUE_MAX (7 * 24 * 3600)
/* ... past this, only when the item holds half the words of its title of its own
 * (a big event's recovery comes days on, in the words of its first post). */
#define LATER_CONTINUE_NEAR (3 * 24 * 3600)
/* ... in a title of at most this many words: a headline, not a post's sentences. */
#define LATER_CONTINUE_WORDS 12
/* ... or, from a feed of short posts whose title is the whole post, at most this
 * many: a micro-blog post, not an article. */
#define LATER_POST_WORDS 60
/* ... and reaches back at most this far: a thread of posts of one working day. */
#define LATER_POST_MAX (12 * 3600)
/* A title's time stamp ("as of 12:00, 16 October") runs at most this many words. */
#define LATER_STAMP_WORDS 4
/* A day or part of a day a title names, read on the clock of the item's own date
 * when that names a zone other than UTC (Advisory.date_offset), reaches this much
 * further each way ("Wednesday morning" and an item begun at 04:30); else every
 * zone's day, UTC-12 to UTC+14, which is how "+0000" and "Z" dates are often written. */
#define LATER_CLOCK_SLACK 3600

/*
 * A title that calls its item a write-up of an event after the fact: a provider's
 * "Incident report: Traffic Director connectivity loss on 8 March", "Post-incident
 * review of ...", "Postmortem: ...", "Root cause analysis ...", "RCA: NA14 Service
 * Disruption", "What happened to Pipelines in West Europe", "Summary of the ...
 * outage".  Such an item retells an earlier one of its feed (linker_followup()).
 */
bool
linker_title_writeup(const Advisory *a)
{
#define MARK(s) {s, sizeof(s) - 1}
	static const struct {
		const char *s;
		gsize n;
	} marks[] = {
		MARK("incident report"), MARK("post-incident"), MARK("post incident"),
		MARK("postmortem"), MARK("post-mortem"), MARK("post mortem"),
		MARK("root cause analysis"), MARK("what happened"), MARK("summary of the"),
		MARK("rca"),
	};
#undef MARK
	if (a == NULL || a->title == NULL) {
		return false;
	}
	/* One pass; only a word whose first two letters open a mark is compared further
	 * (a title is read once per advisory, so this stays off the profile). */
	const char *t = a->title;
	for (gsize i = 0; t[i] != '\0'; i++) {
		char c = g_ascii_tolower(t[i]);
		if ((c != 'i' && c != 'p' && c != 'r' && c != 'w' && c != 's') ||
		    (i > 0 && g_ascii_isalnum(t[i - 1]))) {
			continue;
		}
		char c2 = g_ascii_tolower(t[i + 1]);
		for (guint k = 0; k < G_N_ELEMENTS(marks); k++) {
			gsize n = marks[k].n;
			if (marks[k].s[0] == c && marks[k].s[1] == c2 &&
			    g_ascii_strncasecmp(t + i, marks[k].s, n) == 0 &&
			    (k + 1 < G_N_ELEMENTS(marks) || !g_ascii_isalnum(t[i + n]))) {
				return true; /* "RCA" only as a word: "RCA: NA14 ...", "[RCA] ..." */
			}
		}
	}
	return false;
}

/* ---- a page's later item pointing back at an earlier one of its own ---- */

#define DAY_SECONDS (24 * 3600)

/* @w (lower case) at @t + @i as a whole word, any case. */
static bool
title_word_at(const char *t, gsize i, const char *w)
{
	gsize n = strlen(w);
	return (i == 0 || !g_ascii_isalnum(t[i - 1])) && g_ascii_strncasecmp(t + i, w, n) == 0 &&
	       !g_ascii_isalnum(t[i + n]);
}

/* The first of @words at @t + @i: its length, or 0. */
static gsize
title_word_any(const char *t, gsize i, const char *const *words, gsize n_words)
{
	for (gsize k = 0; k < n_words; k++) {
		if (title_word_at(t, i, words[k])) {
			return strlen(words[k]);
		}
	}
	return 0;
}

/* Past @t + @i: spaces and a possessive ("'s", "’s"). */
static gsize
skip_possessive(const char *t, gsize i)
{
	if (t[i] == '\'' && g_ascii_tolower(t[i + 1]) == 's' && !g_ascii_isalnum(t[i + 2])) {
		i += 2;
	} else if ((guchar)t[i] == 0xE2 && (guchar)t[i + 1] == 0x80 && (guchar)t[i + 2] == 0x99 &&
		   g_ascii_tolower(t[i + 3]) == 's' && !g_ascii_isalnum(t[i + 4])) {
		i += 4;
	}
	while (t[i] == ' ') {
		i++;
	}
	return i;
}

/* A part of a day after a day word ("Friday night", "yesterday's evening"): its
 * local hours [*@h0, *@h1) (a night runs into the next morning), or false. */
static bool
day_part(const char *t, gsize i, int *h0, int *h1)
{
	static const struct {
		const char *w;
		int h0, h1;
	} parts[] = {
		{"morning", 5, 12}, {"afternoon", 12, 18}, {"evening", 17, 24}, {"night", 18, 31},
	};
	for (gsize k = 0; k < G_N_ELEMENTS(parts); k++) {
		if (title_word_at(t, i, parts[k].w)) {
			*h0 = parts[k].h0;
			*h1 = parts[k].h1;
			return true;
		}
	}
	return false;
}

/* The months' names, January first. */
static const char *const later_months[12] = {
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
};

/* "December 24, 2012", "Dec 24th", "24 December", "the 9th of June", "2012-12-24"
 * at @t + @i: the date (year 0 when not said), or false. */
static bool
title_date_at(const char *t, gsize i, int *y, int *mo, int *d)
{
	const char *const *months = later_months;
	const char *p = t + i;
	int v = 0;
	*y = 0;
	if (time_read_digits(&p, 4, &v) == 4 && *p == '-') {
		int m = 0, dd = 0;
		const char *q = p + 1;
		if (time_read_digits(&q, 2, &m) == 2 && *q == '-' && (q++, time_read_digits(&q, 2, &dd) == 2) &&
		    !g_ascii_isdigit(*q) && m >= 1 && m <= 12 && dd >= 1 && dd <= 31) {
			*y = v;
			*mo = m;
			*d = dd;
			return true;
		}
		return false;
	}
	/* A month's name (whole, or its first three letters, or "sept"). */
	int month = 0;
	gsize mlen = 0;
	for (int k = 0; k < 12 && month == 0; k++) {
		if (title_word_at(t, i, months[k])) {
			month = k + 1;
			mlen = strlen(months[k]);
		} else if ((g_ascii_strncasecmp(t + i, months[k], 3) == 0 &&
			    !g_ascii_isalnum(t[i + 3]) && (i == 0 || !g_ascii_isalnum(t[i - 1]))) ||
			   (k == 8 && title_word_at(t, i, "sept"))) {
			month = k + 1;
			mlen = k == 8 && title_word_at(t, i, "sept") ? 4 : 3;
		}
	}
	/* A day: 1..31, perhaps "st", "nd", "rd", "th". */
	int day = 0;
	p = t + i;
	if (month != 0) {
		p += mlen;
		if (*p == '.') {
			p++;
		}
		while (*p == ' ') {
			p++;
		}
	}
	const char *dp = p;
	if (time_read_digits(&p, 2, &day) == 0 || day < 1 || day > 31 || *p == ':' ||
	    g_ascii_isdigit(*p)) {
		return false;
	}
	if (g_ascii_isalpha(*p)) {
		if (g_ascii_strncasecmp(p, "st", 2) != 0 && g_ascii_strncasecmp(p, "nd", 2) != 0 &&
		    g_ascii_strncasecmp(p, "rd", 2) != 0 && g_ascii_strncasecmp(p, "th", 2) != 0) {
			return false;
		}
		p += 2;
		if (g_ascii_isalnum(*p)) {
			return false;
		}
	}
	if (month == 0) {
		/* "24 December", "9th of June": a day first, then a month; of a range of
		 * days ("7-8 February"), the first. */
		if (dp != t + i) {
			return false;
		}
		int last = 0;
		if (*p == '-' && g_ascii_isdigit(p[1])) {
			p++;
			time_read_digits(&p, 2, &last);
		}
		while (*p == ' ') {
			p++;
		}
		if (title_word_at(p, 0, "of")) {
			p += 2;
			while (*p == ' ') {
				p++;
			}
		}
		for (int k = 0; k < 12 && month == 0; k++) {
			if (title_word_at(p, 0, months[k]) ||
			    (g_ascii_strncasecmp(p, months[k], 3) == 0 && !g_ascii_isalnum(p[3]))) {
				month = k + 1;
				p += title_word_at(p, 0, months[k]) ? strlen(months[k]) : 3;
			}
		}
		if (month == 0) {
			return false;
		}
	}
	/* ", 2012" or " 2012". */
	const char *q = p;
	if (*q == ',') {
		q++;
	}
	while (*q == ' ') {
		q++;
	}
	int yy = 0;
	if (time_read_digits(&q, 4, &yy) == 4 && !g_ascii_isalnum(*q) && yy >= 1990 && yy <= 2100) {
		*y = yy;
	}
	*mo = month;
	*d = day;
	return true;
}

/* "2-22-22", "2/22/2022" at @t + @i: month, day and year in figures (the US order;
 * a two-digit year is of 2000-2099), or false.  Read in a write-up's title only: a
 * dashboard's "Mail - resolved - 5/3/24" dates its own post, not an earlier one. */
static bool
title_figures_date_at(const char *t, gsize i, int *y, int *mo, int *d)
{
	const char *p = t + i;
	int m = 0, dd = 0, yy = 0;
	if (time_read_digits(&p, 2, &m) == 0 || (*p != '/' && *p != '-')) {
		return false;
	}
	char sep = *p++;
	if (time_read_digits(&p, 2, &dd) == 0 || *p != sep) {
		return false;
	}
	p++;
	int n = time_read_digits(&p, 4, &yy);
	if ((n != 2 && n != 4) || g_ascii_isalnum(*p) || ((*p == '/' || *p == '-') &&
							  g_ascii_isdigit(p[1])) ||
	    m < 1 || m > 12 || dd < 1 || dd > 31) {
		return false;
	}
	*y = n == 2 ? 2000 + yy : yy;
	*mo = m;
	*d = dd;
	return *y >= 1990 && *y <= 2100;
}

static bool later_retells(const char *title);
static bool later_statement(const char *title);

/* Day number of month @mo, day @d in a leap year: the same day a year apart reads
 * alike, and every date a title may name has one. */
static gint64
later_day_of(int mo, int d)
{
	return time_days_from_civil(2000, mo, d);
}

/* The next date of @text's first @len bytes from *@at on (title_date_at(), at the
 * start of a word: a digit or a month's first letter), *@at set where it begins; or
 * false. */
static bool
text_date_next(const char *text, gsize len, gsize *at, int *y, int *mo, int *d)
{
	for (gsize i = *at; i + 1 < len; i++) {
		char c = g_ascii_tolower(text[i]);
		if ((i > 0 && g_ascii_isalnum(text[i - 1])) ||
		    (!g_ascii_isdigit(c) && strchr("jfmasond", c) == NULL)) {
			continue;
		}
		if (title_date_at(text, i, y, mo, d)) {
			*at = i;
			return true;
		}
	}
	return false;
}

/* True when @text (its first LATER_TEXT_SCAN bytes) names dates of two or more
 * days that are neither @day (later_day_of()) nor next to it: a round-up listing
 * a month's incidents ("on August 6 ...; on August 21 ...; on August 22 ..."),
 * not the write-up of one event, which names its day and perhaps the next
 * ("restored on February 1"). */
#define LATER_TEXT_SCAN 4096
static bool
later_text_lists_days(const char *text, gint64 day)
{
	gint64 other[2];
	guint n = 0;
	gsize len = text != NULL ? strnlen(text, LATER_TEXT_SCAN) : 0;
	int y, mo, d;
	for (gsize i = 0; text_date_next(text, len, &i, &y, &mo, &d); i++) {
		gint64 k = later_day_of(mo, d), gap = ABS(k - day);
		if (MIN(gap, 366 - gap) <= 1 || (n == 1 && other[0] == k)) {
			continue;
		}
		other[n++] = k;
		if (n == 2) {
			return true;
		}
	}
	return false;
}

/* The first date of @a's text (else of its first post), when its first
 * LATER_LEAD_SCAN bytes name one: where a write-up says the day of its event. */
#define LATER_LEAD_SCAN 240
static bool
later_lead_date(const Advisory *a, int *y, int *mo, int *d)
{
	const char *text = a->text;
	if ((text == NULL || *text == '\0') && a->updates != NULL && a->updates->len > 0) {
		text = ((const AdvisoryUpdate *)a->updates->pdata[0])->text;
	}
	gsize len = text != NULL ? strnlen(text, LATER_LEAD_SCAN) : 0;
	gsize i = 0;
	return text_date_next(text, len, &i, y, mo, d);
}

/* The month (1-12) whose whole name is the word of @wl bytes at @t + @i, or 0. */
static int
title_month_at(const char *t, gsize i, gsize wl)
{
	for (int k = 0; k < 12; k++) {
		if (strlen(later_months[k]) == wl &&
		    g_ascii_strncasecmp(t + i, later_months[k], wl) == 0) {
			return k + 1;
		}
	}
	return 0;
}

/* A post of no status, or one post of a resolved status and nothing more (at most
 * one update, no end after its start: a blog's "Resolved: services back to normal"), as opposed to
 * an incident that a status page closed. */
static bool
later_lone_post(const Advisory *a)
{
	return a->status == ADVISORY_STATUS_UNKNOWN ||
	       (a->status == ADVISORY_STATUS_RESOLVED && a->updates->len <= 1 &&
		(a->end == SW_TIME_NONE || a->end <= a->start));
}

/*
 * The cue of a title that points back at an earlier item of its page (see
 * LaterCue).  A time: "last night", "yesterday" or "this morning"
 * (and their afternoons, evenings, nights), "earlier today", "today's", a weekday ("on
 * Monday", "Friday night's"), a date ("December 24, 2012", "the 9 June", "Feb
 * 29th"; in figures, "2-22-22", only in a write-up's or statement's title); never a title about what is to come ("next", "upcoming", "tomorrow",
 * "planned", "scheduled", "maintenance").  A continuation: a title opening with
 * "Update", or saying "update on", or a recovery ("restored", "recovered",
 * "resolved", "fixed", "recovery", "restoration", "progress" but "in progress",
 * "back up", "is back", "we're back", "back online", "back to normal", "working
 * again", "running again", "operating normally", "working normally"), in a title of at
 * most LATER_CONTINUE_WORDS words, of a post with no status or a lone post whose
 * title's label says it is resolved ("Resolved: ... back to normal").  Days are local days of the
 * feed, whose zone is not kept: the interval is the union over every zone from
 * UTC-12 to UTC+14, and ends no later than @ref.  A whole month after "the", "in",
 * "of" or "during" in a write-up's, statement's or report's title ("Report on the
 * May ... incident") dates that month.  A post whose title is the whole post (more
 * than LATER_CONTINUE_WORDS words, up to LATER_POST_WORDS) telling a fix under way
 * or a recovery, and opening or finding nothing, is LATER_CUE_POST.  A post of no
 * status with no such cue in its title, titled as a write-up ("Post-incident
 * review: ...") or as telling of an event ("The leap-day outage": later_retells()),
 * is dated by the date its text begins with ("On 12 September 2025, ...": Doc.
 * later_dated LATER_DATED_TEXT); in the second case only once that day is over.
 */
LaterCue
linker_title_later(const Advisory *a, gint64 ref, gint64 *ret_from, gint64 *ret_to,
		   guint8 *ret_dated)
{
	static const char *const weekdays[7] = {
		"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	};
	bool lead = false; /* the date is where a write-up's text begins */
	bool whole_month = false; /* a month named without its day */
	if (ret_dated != NULL) {
		*ret_dated = 0;
	}
	if (a == NULL || a->title == NULL || ref == SW_TIME_NONE ||
	    a->kind == ADVISORY_KIND_MAINTENANCE) {
		return LATER_CUE_NONE;
	}
	const char *t = a->title;
	/* What a reference reads: days back from the local day (-1: an absolute
	 * date or weekday), and the local hours. */
	int back = -2, wday = -1, y = 0, mo = 0, d = 0, h0 = 0, h1 = 24;
	bool cont = false;
	/* "... operating normally" continues as a recovery, but not in a title saying
	 * the page was never hit ("Not affected: services operating normally"). */
	bool fine = false, denies = false;
	/* A post whose title is its text (see below): a fix's progress, a new event. */
	bool post_cont = false, post_opens = false;
	/* One pass over its words, each compared only with cues of its length (a
	 * title is read once per advisory). */
	gsize pi = 0, pl = 0; /* the word before */
	guint nwords = 0;
	/* The word count at "as of": the few words after it stamp the post itself
	 * ("Recovery status as of 12:00, 16 October"), they date no event. */
	guint as_of = 0;
	for (gsize i = 0; t[i] != '\0';) {
		if (!g_ascii_isalnum(t[i])) {
			i++;
			continue;
		}
		nwords++;
		gsize wl = 1;
		while (g_ascii_isalnum(t[i + wl])) {
			wl++;
		}
		char c = g_ascii_tolower(t[i]);
/* The first byte before the call (every cue is lower case): most words of a title
 * have the length of some cue, few its first letter too. */
#define IS(w)                                                                      \
	(wl == sizeof(w) - 1 && g_ascii_tolower(t[i]) == (w)[0] &&                 \
	 g_ascii_strncasecmp(t + i, (w), wl) == 0)
#define PREV(w)                                                                    \
	(pl == sizeof(w) - 1 && g_ascii_tolower(t[pi]) == (w)[0] &&                \
	 g_ascii_strncasecmp(t + pi, (w), pl) == 0)
		if (IS("next") || IS("upcoming") || IS("tomorrow") || IS("planned") ||
		    IS("scheduled") || IS("maintenance") || IS("tonight")) {
			return LATER_CUE_NONE;
		}
		if (IS("of") && PREV("as")) {
			as_of = nwords;
		}
		if (back == -2 && (as_of == 0 || nwords - as_of > LATER_STAMP_WORDS)) {
			if (IS("last")) {
				if (title_word_at(t, skip_possessive(t, i + wl), "night")) {
					back = 1, h0 = 18, h1 = 31;
				}
			} else if (IS("yesterday")) {
				back = 1;
				day_part(t, skip_possessive(t, i + wl), &h0, &h1);
			} else if (IS("this")) {
				if (day_part(t, skip_possessive(t, i + wl), &h0, &h1) && h0 != 18) {
					back = 0;
				} else {
					h0 = 0, h1 = 24;
				}
			} else if (IS("earlier")) {
				if (title_word_at(t, skip_possessive(t, i + wl), "today")) {
					back = 0;
				}
			} else if (wl >= 6 && g_ascii_strncasecmp(t + i + wl - 3, "day", 3) == 0 &&
				   title_word_any(t, i, weekdays, G_N_ELEMENTS(weekdays)) > 0) {
				/* Pointing back: "on Monday", "last Friday", "Friday's", "Friday
				 * night"; not "Cyber Monday traffic". */
				bool part = day_part(t, skip_possessive(t, i + wl), &h0, &h1);
				bool poss = t[i + wl] == '\'' || (guchar)t[i + wl] == 0xE2;
				if (part || poss || PREV("on") || PREV("last") || PREV("since") ||
				    PREV("from")) {
					for (int k = 0; k < 7; k++) {
						if (title_word_at(t, i, weekdays[k])) {
							wday = k;
						}
					}
					back = -1;
				} else {
					h0 = 0, h1 = 24;
				}
			} else if ((g_ascii_isdigit(c) ||
				    (wl >= 3 && wl <= 9 && strchr("jfmasond", c) != NULL &&
				     g_ascii_isdigit(t[skip_possessive(t, i + wl + (t[i + wl] == '.'))]))) &&
				   title_date_at(t, i, &y, &mo, &d)) {
				/* A day or year, or a month's name before its day ("May 27"). */
				back = -1;
			} else if (g_ascii_isdigit(c) && (t[i + wl] == '/' || t[i + wl] == '-') &&
				   (linker_title_writeup(a) || later_statement(t)) &&
				   title_figures_date_at(t, i, &y, &mo, &d)) {
				back = -1;
			} else if (wl >= 3 && strchr("jfmasond", c) != NULL &&
				   (PREV("the") || PREV("in") || PREV("of") || PREV("during")) &&
				   !g_ascii_isdigit(t[skip_possessive(t, i + wl)]) &&
				   (mo = title_month_at(t, i, wl)) > 0 &&
				   (linker_title_writeup(a) || later_statement(t) ||
				    linker_words_hold(t, strlen(t), "report"))) {
				/* A report of a month's event with no day: "Report on the May
				 * .nz DNSSEC incident". */
				back = -1;
				d = 1;
				whole_month = true;
			}
		}
		/* A further update or a recovery. */
		if (IS("restored") || IS("recovered") || IS("resolved") || IS("fixed") ||
		    IS("recovery") || IS("restoration") || (IS("progress") && !PREV("in")) ||
		    IS("resumed") || IS("resume") || IS("resumes") || IS("reopening") ||
		    IS("reopened") || IS("reopen") || IS("reopens") ||
		    (IS("update") && (pl == 0 || PREV("an") || title_word_at(t, skip_possessive(t, i + wl), "on"))) ||
		    (IS("back") && (PREV("is") || PREV("are") || PREV("re") || PREV("we") ||
				    title_word_at(t, skip_possessive(t, i + wl), "up") ||
				    title_word_at(t, skip_possessive(t, i + wl), "online") ||
				    title_word_at(t, skip_possessive(t, i + wl), "to"))) ||
		    (IS("again") && (PREV("working") || PREV("running")))) {
			cont = true;
		}
		if (IS("normally") && (PREV("operating") || PREV("working") || PREV("running"))) {
			fine = true;
		}
		/* A short post's words of a fix under way or taking hold ("We've started to
		 * deploy the update and we're seeing a decrease in impacted users"), and
		 * of a new event opened ("We're investigating reports that ...") or of what
		 * broke ("We've identified that a certificate has expired"): its own
		 * subject, whatever fix it then tells of. */
		if (IS("deploy") || IS("deploying") || IS("deployed") || IS("deployment") ||
		    IS("decrease") || IS("decreasing") || IS("improvement") || IS("improving") ||
		    IS("mitigated") || IS("mitigation") || IS("monitoring") ||
		    (IS("monitor") && PREV("to"))) {
			post_cont = true;
		}
		if (IS("investigating") ||
		    (IS("looking") && title_word_at(t, skip_possessive(t, i + wl), "into")) ||
		    IS("aware") || IS("reports") || IS("identified") || IS("found")) {
			post_opens = true;
		}
		if (IS("unaffected") || ((IS("affected") || IS("impacted")) && PREV("not")) ||
		    (IS("impact") && PREV("no"))) {
			denies = true;
		}
#undef IS
#undef PREV
		pi = i;
		pl = wl;
		i += wl;
	}
	cont = cont || (fine && !denies);
	bool retold = false; /* ... of a title that only says it tells of an event */
	if (back == -2 && !cont && a->status == ADVISORY_STATUS_UNKNOWN &&
	    (linker_title_writeup(a) || (retold = later_retells(a->title))) &&
	    later_lead_date(a, &y, &mo, &d)) {
		/* A post titled as a write-up ("Post-incident review: control plane
		 * outage") that dates its event where its text begins ("On 12
		 * September 2025, ..."). */
		back = -1;
		lead = true;
	}
	if (back == -2) {
		/* A continuation is a lone post (later_lone_post()) titled as a
		 * headline; a title of a sentence or more is a feed of short posts,
		 * whose title is the post: see below. */
		if (!later_lone_post(a)) {
			return LATER_CUE_NONE;
		}
		if (nwords <= LATER_CONTINUE_WORDS) {
			return cont ? LATER_CUE_CONTINUE : LATER_CUE_NONE;
		}
		/* A feed of short posts, whose title is the post, continues its open
		 * item with one telling a fix's progress or a recovery ("We've started
		 * to deploy the update ..."), unless it opens an event of its own. */
		return (cont || post_cont) && !post_opens && nwords <= LATER_POST_WORDS
			       ? LATER_CUE_POST
			       : LATER_CUE_NONE;
	}
	gint64 from = G_MAXINT64, to = G_MININT64;
	bool own_clock = a->date_offset != ADVISORY_OFFSET_UNKNOWN && a->date_offset != 0;
	gint64 own_off = own_clock ? (gint64)a->date_offset * 60 : 0;
	if (wday < 0 && back < 0) {
		/* A date: this year, or last year when it is still to come. */
		gint64 ry = 0;
		{
			g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(ref);
			if (dt == NULL) {
				return LATER_CUE_NONE;
			}
			ry = g_date_time_get_year(dt);
		}
		gint64 day = time_days_from_civil(y != 0 ? y : ry, mo, d);
		if (y == 0 && day * DAY_SECONDS - 14 * 3600 > ref) {
			day = time_days_from_civil(ry - 1, mo, d);
			ry--;
		}
		if (own_clock) {
			from = day * DAY_SECONDS + h0 * 3600 - MAX(own_off, 0) - LATER_CLOCK_SLACK;
			to = day * DAY_SECONDS + h1 * 3600 - MIN(own_off, 0) + LATER_CLOCK_SLACK;
		} else {
			from = day * DAY_SECONDS + h0 * 3600 - 14 * 3600;
			to = day * DAY_SECONDS + h1 * 3600 + 12 * 3600;
		}
		if (whole_month) {
			gint64 yy = y != 0 ? y : ry;
			gint64 next = mo == 12 ? time_days_from_civil(yy + 1, 1, 1)
					       : time_days_from_civil(yy, mo + 1, 1);
			to = next * DAY_SECONDS + 12 * 3600;
		}
	} else {
		for (gint64 off = own_clock ? own_off : -12 * 3600; off <= (own_clock ? own_off : 14 * 3600);
		     off += 3600) {
			gint64 local = ref + off;
			gint64 today = local >= 0 ? local / DAY_SECONDS : -((-local + DAY_SECONDS - 1) / DAY_SECONDS);
			gint64 day = today - back;
			if (wday >= 0) {
				/* 1 January 1970 was a Thursday: the latest such weekday up to today. */
				int wd = (int)(((today + 4) % 7 + 7) % 7);
				day = today - ((wd - wday + 7) % 7);
			}
			gint64 f = day * DAY_SECONDS + h0 * 3600 - off - (own_clock ? LATER_CLOCK_SLACK : 0);
			gint64 e = day * DAY_SECONDS + h1 * 3600 - off + (own_clock ? LATER_CLOCK_SLACK : 0);
			from = MIN(from, f);
			to = MAX(to, e);
		}
	}
	if (lead && retold && to > ref) {
		/* "The Pi-Day Outage" whose text begins "On March 14, ..." retells that
		 * day's event once the day is over; posted that same day, it is the
		 * day's news ("Mobile service disruption": "On December 6, ..."). */
		return LATER_CUE_NONE;
	}
	to = MIN(to, ref);
	if (from >= to) {
		return LATER_CUE_NONE;
	}
	*ret_from = from;
	*ret_to = to;
	if (ret_dated != NULL && wday < 0 && back < 0 && later_retells(t)) {
		/* A write-up of a date's event, unless its text lists other days. */
		gint64 day = later_day_of(mo, d);
		bool lists = !whole_month && later_text_lists_days(a->text, day);
		for (guint i = 0; a->updates != NULL && i < a->updates->len && !lists && !whole_month;
		     i++) {
			const AdvisoryUpdate *u = a->updates->pdata[i];
			/* (A Statuspage advisory's text is its newest post: read above.) */
			lists = u->text != NULL && (a->text == NULL || strcmp(u->text, a->text) != 0) &&
				later_text_lists_days(u->text, day);
		}
		*ret_dated = lists ? 0 : lead ? LATER_DATED_TEXT : LATER_DATED_TITLE;
	} else if (ret_dated != NULL && (wday >= 0 || back >= 0) && later_retells(t) &&
		   (linker_title_writeup(a) || later_statement(t))) {
		/* "A note on yesterday's outage", "What happened on Friday": a
		 * write-up of the day's event, as a date's is. */
		*ret_dated = LATER_DATED_DAY;
	}
	if (lead && (ret_dated == NULL || *ret_dated == 0)) {
		return LATER_CUE_NONE; /* a date in a text dates only a write-up of one day */
	}
	return LATER_CUE_TIME;
}

/* True when @title says it tells of an event ("Why ... was down", "What happened
 * ...", "About ...", "Postmortem for the May 27 outage", "... cause and recovery"),
 * not of a thing that happens at a time ("Overnight backups finishing late"). */
static bool
later_retells(const char *title)
{
	static const char *const told[] = {
		"why", "happened", "about", "update", "recap", "review", "summary", "report",
		"postmortem", "mortem", "outage", "downtime", "down", "disruption", "incident",
		"interruption", "cause", "rca", "explained",
	};
	for (gsize i = 0; title != NULL && title[i] != '\0'; i++) {
		if ((i == 0 || !g_ascii_isalnum(title[i - 1])) && g_ascii_isalpha(title[i]) &&
		    title_word_any(title, i, told, G_N_ELEMENTS(told)) > 0) {
			return true;
		}
	}
	return false;
}

/* True when @title calls its item a statement on something ("Statement on ...",
 * "A note on ...", "Message about ...", "Update regarding ..."): with a day or
 * date of an event (later_retells()), a write-up of it. */
static bool
later_statement(const char *title)
{
	static const char *const heads[] = {"note", "message", "update", "word"};
	static const char *const ons[] = {"on", "about", "regarding"};
	for (gsize i = 0; title != NULL && title[i] != '\0'; i++) {
		if ((i > 0 && g_ascii_isalnum(title[i - 1])) || !g_ascii_isalpha(title[i])) {
			continue;
		}
		if (title_word_at(title, i, "statement")) {
			return true;
		}
		gsize n = title_word_any(title, i, heads, G_N_ELEMENTS(heads));
		if (n > 0) {
			gsize j = i + n;
			while (title[j] == ' ') {
				j++;
			}
			if (title_word_any(title, j, ons, G_N_ELEMENTS(ons)) > 0) {
				return true;
			}
		}
	}
	return false;
}

/* Words too common on a status page to tie a later item to an earlier one. */
static const char *const later_generic_words[] = {
	"again", "back", "customers", "down", "error", "errors", "issue", "issues",
	"outage", "outages", "problem", "problems", "service", "services", "some",
	"still", "update", "updates", "users", "working", "restored", "recovered",
	"resolved", "fixed", "normal", "online", "running", "mostly", "what", "happened",
	"about", "why", "yesterday", "today", "night", "morning", "afternoon", "evening",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"incident", "were", "was", "have", "been", "with", "this", "that", "from",
	"thanks", "patience", "sorry", "everything", "should", "work", "works",
	"region", "event", "summary", "report", "postmortem", "disruption", "cause",
	"recovery", "degraded", "degradation", "interruption", "downtime", "operating",
	"operational", "normally", "delays", "delayed",
	/* How far along a recovery is ("services being progressively restored"). */
	"progressively", "gradually", "partially", "partly", "fully", "slowly", "steadily",
	"largely", "completely", "being", "progress", "restoration", "resumed", "reopening",
	"reopened",
};

/* True when term block @w ("norm\0surface\0") is one of later_generic_words in any
 * form: its norm is a stem, so "restored" is "restor", which "restoration" and
 * "restore" share, whatever surface the term was first met in. */
static bool
later_generic(const char *w)
{
	static char stems[G_N_ELEMENTS(later_generic_words)][TERMS_MAX_WORD + 1];
	static gsize ready = 0;
	if (g_once_init_enter(&ready)) {
		for (gsize k = 0; k < G_N_ELEMENTS(later_generic_words); k++) {
			terms_stem(stems[k], later_generic_words[k]);
		}
		g_once_init_leave(&ready, 1);
	}
	const char *surface = w + strlen(w) + 1;
	for (gsize k = 0; k < G_N_ELEMENTS(later_generic_words); k++) {
		if (strcmp(w, stems[k]) == 0 || g_ascii_strcasecmp(surface, later_generic_words[k]) == 0) {
			return true;
		}
	}
	return false;
}

/* A single word of at least four letters, not a feed's name word, not generic. */
static bool
later_word_ok(const Linker *l, guint32 t)
{
	if (t >= l->terms->len) {
		return false;
	}
	const Term *tm = TERM(l, t);
	return tm->n == 1 && !tm->is_source && tm->block != NULL && strlen(tm->block) >= 4 &&
	       !later_generic(tm->block);
}

/* A word of @ws (@n term ids) that @e holds, or G_MAXUINT32. */
static guint32
later_shared(const Linker *l, const guint32 *ws, guint n, const Doc *e)
{
	for (guint i = 0; i < n; i++) {
		if (later_word_ok(l, ws[i]) && linker_doc_has_term(e, ws[i])) {
			return ws[i];
		}
	}
	return G_MAXUINT32;
}

/* True when @t is a word of @d's services' or feature's names. */
static bool
later_product(const Doc *d, guint32 t)
{
	for (guint i = 0; i < d->nproduct; i++) {
		if (d->product[i] == t) {
			return true;
		}
	}
	return false;
}

/* True when term @t of @p's title is its own word: a specific word (later_word_ok()),
 * not of its services' names, which are every item's. */
static bool
later_own_word(const Linker *l, const Doc *p, guint32 t)
{
	return later_word_ok(l, t) && !later_product(p, t);
}

static bool
later_holds_own(const Linker *l, const Doc *p, const Doc *o)
{
	for (guint i = 0; i < p->nnames; i++) {
		if (later_own_word(l, p, p->names[i]) && linker_doc_has_term(o, p->names[i])) {
			return true;
		}
	}
	return false;
}

/* Words a feed's name word may end in that say what kind of feed it is
 * ('kestrelblog', 'kestrelstatus'). */
static const char *const later_kind_words[] = {
	"blog", "blogs", "news", "newsroom", "status", "updates", "alerts", "engineering",
	"press", "support", "community", "developers",
};

/* A base of at least this many letters: a shorter one ("air", "box") is too often
 * the start of another company's name. */
#define LATER_BASE_MIN 4

gsize
linker_later_name_base(const char *word)
{
	gsize n = word != NULL ? strlen(word) : 0;
	for (gsize k = 0; k < G_N_ELEMENTS(later_kind_words); k++) {
		gsize m = strlen(later_kind_words[k]);
		if (n >= m + LATER_BASE_MIN &&
		    g_ascii_strcasecmp(word + n - m, later_kind_words[k]) == 0) {
			return n - m;
		}
	}
	return 0;
}

/* True when the name word of @a's feed is that of @b's and a word saying what
 * kind of feed it is ('kestrelblog' of 'kestrel-apps-status';
 * linker_later_name_base()): not 'kestrelia', whose 'ia' says no such thing. */
static bool
later_name_kin(const Linker *l, guint32 ta, guint32 tb)
{
	if (ta == G_MAXUINT32 || tb == G_MAXUINT32 || ta == tb) {
		return false;
	}
	const char *wa = linker_term_surface(l, ta);
	const char *wb = linker_term_surface(l, tb);
	gsize n = linker_later_name_base(wa);
	return n > 0 && strlen(wb) == n && g_ascii_strncasecmp(wa, wb, n) == 0;
}

/* One company's: one feed, one provider's feeds, feeds sharing their name word
 * ('joyent-status', 'joyent-blog'), or one's name word the other's and a kind of
 * feed ('joyentblog', later_name_kin()). */
static bool
later_same_company(const Linker *l, const Doc *a, const Doc *b)
{
	return linker_same_feed(a, b) || prov_meets(a->self_provider, b->self_provider) ||
	       (a->source_term != G_MAXUINT32 && a->source_term == b->source_term) ||
	       later_name_kin(l, a->source_term, b->source_term) ||
	       later_name_kin(l, b->source_term, a->source_term);
}

/* The items of @d's feed, or NULL. */
static const GArray *
later_feed_docs(const Linker *l, const Doc *d)
{
	(void)l;
	return d->si != NULL ? d->si->docs : NULL;
}

/* True when term @t is a word of @e's title or of its services' names
 * (Doc.names, sorted). */
static bool
later_title_has(const Doc *e, guint32 t)
{
	for (guint i = 0; i < e->nnames && e->names[i] <= t; i++) {
		if (e->names[i] == t) {
			return true;
		}
	}
	return false;
}

/* True when three in four titles of @p's feed say word @t, at least four of them ("SG
 * metro - ...", "HK metro - ..."): the page's way of titling, no subject.  Every
 * item of the feed is read, so no order of adding can change it. */
static bool
later_feed_pattern(const Linker *l, const Doc *p, guint32 t)
{
	const GArray *arr = later_feed_docs(l, p);
	guint say = 0, all = arr != NULL ? arr->len : 0;
	for (guint k = 0; k < all; k++) {
		const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
		say += later_title_has(o, t);
	}
	return say >= 4 && 4 * say >= 3 * all;
}

static bool later_services_apart(const Doc *p, const Doc *e);

/* True when a word of @p's title is a word of @o's services' names (later_word_ok()):
 * "Cloudflare 1.1.1.1 incident on June 27" names the 1.1.1.1 item's service. */
static bool
later_title_names_product(const Linker *l, const Doc *p, const Doc *o)
{
	for (guint i = 0; i < p->nnames; i++) {
		if (later_word_ok(l, p->names[i]) && later_product(o, p->names[i])) {
			return true;
		}
	}
	return false;
}

/* True when no item of @f's feed but @e began in @p's dated interval, of those
 * that open something (not an update, a recovery or a retelling of another, nor an
 * item of @e's own title: a feed posting each update of its event as an item) and
 * are not of other services than @p's, unless @p's title names theirs ("Post-incident
 * review: ingestion outage on 31 August", tagged Ingestion, retells the Ingestion
 * item of that day, not the Dashboards item of the evening before; a blog's
 * "Cloudflare 1.1.1.1 incident on June 27", its only service the blog's name, is
 * not of the dashboard item alone when the 1.1.1.1 item began that day too). */
static bool
later_sole(const Linker *l, const Doc *p, const Doc *e, const Doc *f)
{
	const GArray *arr = later_feed_docs(l, f);
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
		if (o != e && o != p && linker_same_feed(o, f) && o->s != SW_TIME_NONE &&
		    (e->title_term == G_MAXUINT32 || o->title_term != e->title_term) &&
		    o->s >= p->later_from && o->s < p->later_to && !o->not_incident &&
		    o->later_cue == LATER_CUE_NONE && o->adv->kind != ADVISORY_KIND_MAINTENANCE &&
		    (!later_services_apart(p, o) || later_title_names_product(l, p, o))) {
			return false;
		}
	}
	return true;
}

/* True when @o holds one of @p's own title words (later_own_word()). */
static bool later_holds_own(const Linker *l, const Doc *p, const Doc *o);

/* True when @e is the newest item of @p's feed begun before @p (ties: by key), of
 * those that say one of @p's own title words when @own ("3G data is back" is of
 * the data item of the morning, not of the voicemail item posted since): one item
 * at most, whatever the order of the words' terms. */
static bool
later_latest(const Linker *l, const Doc *p, const Doc *e, bool own)
{
	const GArray *arr = later_feed_docs(l, p);
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
		if (o == e || o == p || !linker_same_feed(o, p) || o->s == SW_TIME_NONE ||
		    o->s >= p->s || o->s < e->s || (own && !later_holds_own(l, p, o))) {
			continue;
		}
		if (o->s > e->s || strcmp(o->key, e->key) > 0) {
			return false;
		}
	}
	return true;
}

/* @title less a leading label of up to three words before ':' with a title after
 * it ("UPDATE: Incident 22008 - Compute Engine" -> "Incident 22008 - Compute
 * Engine"), less the spaces around it; its length in *@len. */
static const char *
later_subject(const char *title, gsize *len)
{
	const char *t = title, *colon = strchr(title, ':');
	guint words = 0;
	for (const char *q = title; colon != NULL && q < colon; q++) {
		words += g_ascii_isalnum(*q) && (q == title || !g_ascii_isalnum(q[-1]));
	}
	if (colon != NULL && words <= 3) {
		t = colon + 1;
	}
	while (*t == ' ') {
		t++;
	}
	gsize n = strlen(t);
	while (n > 0 && t[n - 1] == ' ') {
		n--;
	}
	*len = n;
	return t;
}

/* True when @e tells of trouble: a status page's incident (a status of its own),
 * an item stating a cause or blame, or a title saying something broke ("Wirecrate
 * is down", "us-east-1 instances unavailable", "customers unable to reach ..."); not a blog's "Twelve new cities on
 * our network", which a later "What happened this morning" does not retell. */
static const char *const later_trouble_words[] = {
	"down", "outage", "outages", "unavailable", "unreachable", "offline", "error",
	"errors", "failing", "failed", "failure", "failures", "degraded", "disruption",
	"issue", "issues", "problem", "problems", "incident", "slow", "slowness",
	"latency", "delays", "delayed", "timeouts", "interrupted", "broken", "lost",
	/* "Some customers unable to reach websites, email and DNS" */
	"unable", "cannot", "inaccessible", "unresponsive", "disrupted", "interruption",
	"intermittent",
	/* "Mobile data not working", "Bus predictions missing", "Flights halted" */
	"not working", "not loading", "not responding", "loss", "missing", "halted",
	"paused", "crashing", "crashes", "stuck", "event",
	/* "Marketco closes its branches after an attack on a supplier" */
	"closes", "closed", "shut", "suspended", "attack",
};

static bool
later_trouble(const Doc *e)
{
	if (e->adv->status != ADVISORY_STATUS_UNKNOWN || linker_doc_states(e)) {
		return true;
	}
	return linker_words_hold_any(e->adv->title, later_trouble_words,
				     G_N_ELEMENTS(later_trouble_words));
}

bool
linker_title_plan(const Advisory *a)
{
	static const char *const plan[] = {
		"upgrade", "upgrades", "maintenance", "scheduled", "upcoming",
		"migration", "work", "works", "construction",
	};
	return linker_words_hold_any(a->title, plan, G_N_ELEMENTS(plan)) &&
	       !linker_words_hold_any(a->title, later_trouble_words,
				      G_N_ELEMENTS(later_trouble_words));
}

/* True when @p and @e each say which services they are about and share none:
 * "Gmail - resolved - 12/15/20" is no update of the page's Google Meet item. */
static bool
later_services_apart(const Doc *p, const Doc *e)
{
	return p->nsvc != 0 && e->nsvc != 0 && !linker_svc_shared(p, e);
}

/* True when another item of @p's feed has @p's title but for a leading label
 * ("UPDATE: Incident 22008 - ..." beside "RESOLVED: Incident 22008 - ..."): @p is
 * a post of its own subject's series, which its "update" or "resolved" is of, not
 * of the page's newest item. */
static bool
later_in_series(const Linker *l, const Doc *p)
{
	gsize n, m;
	const char *sp = later_subject(p->adv->title, &n);
	const GArray *arr = later_feed_docs(l, p);
	for (guint k = 0; n > 0 && arr != NULL && k < arr->len; k++) {
		const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
		if (o == p || !linker_same_feed(o, p) || o->adv->title == NULL) {
			continue;
		}
		const char *so = later_subject(o->adv->title, &m);
		if (m == n && g_ascii_strncasecmp(so, sp, n) == 0) {
			return true;
		}
	}
	return false;
}

/* Both state causes and no specific word of one's is in the other's. */
static bool
later_causes_differ(const Linker *l, const Doc *p, const Doc *e)
{
	if (p->nblame_words == 0 || e->nblame_words == 0 || p->ncause == 0 || e->ncause == 0) {
		return false;
	}
	return later_shared(l, p->blame_words, p->nblame_words, e) == G_MAXUINT32;
}

/* How many words of @e's title and services' names (later_word_ok()) @p's text
 * holds, or one of its cause or blame when none; the first in *@ret_w (G_MAXUINT32
 * when none). */
static guint
later_names_held(const Linker *l, const Doc *e, const Doc *p, guint32 *ret_w)
{
	guint n = 0;
	*ret_w = G_MAXUINT32;
	for (guint i = 0; i < e->nnames; i++) {
		if (later_word_ok(l, e->names[i]) && linker_doc_has_term(p, e->names[i])) {
			if (n++ == 0) {
				*ret_w = e->names[i];
			}
		}
	}
	/* A title naming nothing @p's text says ("We're down"): a word of what @e's
	 * text blames or states as the cause, said by @p, counts as one. */
	for (guint i = 0; n == 0 && i < e->nblame_words; i++) {
		if (later_word_ok(l, e->blame_words[i]) && linker_doc_has_term(p, e->blame_words[i])) {
			n = 1;
			*ret_w = e->blame_words[i];
		}
	}
	return n;
}

/* True when no item of @f's feed, other than @e, that began in @p's dated interval
 * and opens something (as later_sole() counts them) has @n or more of its title's
 * words in @p's text, or more than @n when its title tells no trouble
 * (later_trouble(), as @e's must; *@tied set when one has just @n): @e is the one
 * item of the date @p's words name best.  A tie goes to the item telling trouble,
 * the kind a write-up retells and the only kind it joins by its words: a
 * post-mortem's "voice calling for groups" names the "Calls" of that morning's
 * "Calls to some landline numbers in ..." as much as its "login rates" name
 * "Problems with login", and it is the write-up of the latter; one naming the
 * former's words more joins neither. */
static bool
later_best_named(const Linker *l, const Doc *p, const Doc *e, const Doc *f, guint n,
		 bool *tied)
{
	const GArray *arr = later_feed_docs(l, f);
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		const Doc *o = l->docs->pdata[g_array_index(arr, guint32, k)];
		guint32 w;
		if (o == e || o == p || !linker_same_feed(o, f) || o->s == SW_TIME_NONE ||
		    o->s < p->later_from || o->s >= p->later_to || o->not_incident ||
		    o->later_cue != LATER_CUE_NONE || o->adv->kind == ADVISORY_KIND_MAINTENANCE) {
			continue;
		}
		guint held = later_names_held(l, o, p, &w);
		if (held > n || (held == n && later_trouble(o))) {
			return false;
		}
		*tied = *tied || held == n;
	}
	return true;
}

/*
 * A page's later item that points back at an earlier item of its own (see
 * LaterCue):
 * - by time: its title dates an event ("Why Flickview was down on Monday", "About
 *   yesterday's errors", "Postmortem for the May 27 outage"), @e began in that
 *   interval on its feed, or on another feed of its company when the later one is
 *   a post (no status, one post at most), at most REF_MAX_GAP earlier, and they
 *   share a specific word (the feed's name and a status page's everyday words are
 *   none) or, on one feed, @e is the only item the interval holds, tells of
 *   trouble (later_trouble()) and is no retelling or update itself; a write-up
 *   of a date's event (Doc.later_dated) reaches back LATER_DATED_MAX, and joins
 *   too the item of that date whose title or services' words its text names
 *   ("On August 21, 2025, ... origins in AWS us-east-1" and "Elevated latency
 *   reaching origins in AWS us-east-1"), more of them than any other item of
 *   either feed begun then (another product's incident that day stays apart;
 *   a tie with an item whose title tells no trouble is @e's: later_best_named());
 * - by continuing: its title reports a further update or a recovery, it has no
 *   status of its own, and @e is the newest item of its feed begun before it, at
 *   most LATER_CONTINUE_MAX earlier and still open (no status, no end), stating
 *   no cause the later one does not share, and the title says nothing but the
 *   update or recovery or shares a word with @e; not when it is a post of its own
 *   subject's series (later_in_series()), nor of another service's item
 *   (later_services_apart()).
 * A new problem of the page (a title with neither cue) never follows up; nor does a
 * date of another day.  A write-up or statement dating its event by a day word
 * ("A note on yesterday's outage": LATER_DATED_DAY) joins as a dated write-up does.
 * Its company's feeds: later_same_company().  A function of the pair and their
 * feeds.
 */
bool
linker_later_own(const Linker *l, const Doc *a, const Doc *b, GPtrArray *reasons)
{
	if (a == b || a->s == SW_TIME_NONE || b->s == SW_TIME_NONE || a->s == b->s) {
		return false;
	}
	const Doc *e = a->s < b->s ? a : b, *p = e == a ? b : a;
	if (p->later_cue == LATER_CUE_NONE ||
	    p->s - e->s > (p->later_dated ? LATER_DATED_MAX : REF_MAX_GAP) ||
	    e->not_incident || p->not_incident || e->disclaims || p->disclaims ||
	    e->adv->kind == ADVISORY_KIND_MAINTENANCE || !later_same_company(l, e, p)) {
		return false;
	}
	bool same = linker_same_feed(e, p);
	guint32 w = G_MAXUINT32;
	bool sole = false;
	guint named = 0; /* words of @e's title @p's text names (a dated write-up) */
	bool tied = false; /* ... as many as of an item telling no trouble */
	if (p->later_cue == LATER_CUE_TIME) {
		if (e->s < p->later_from || e->s >= p->later_to ||
		    (!same && (p->adv->status != ADVISORY_STATUS_UNKNOWN || p->adv->updates->len > 1))) {
			return false;
		}
		/* A word its title says (its services' names are every item's), or the
		 * only item then; a date its text gave (its title says none) dates only
		 * the item its text names best. */
		bool lead = p->later_dated == LATER_DATED_TEXT;
		for (guint i = 0; i < p->nnames && w == G_MAXUINT32 && !lead; i++) {
			if (later_word_ok(l, p->names[i]) && !later_product(p, p->names[i]) &&
			    linker_doc_has_term(e, p->names[i]) &&
			    !later_feed_pattern(l, p, p->names[i])) {
				w = p->names[i];
			}
		}
		if (w == G_MAXUINT32) {
			if (!later_trouble(e) || e->later_cue != LATER_CUE_NONE) {
				return false;
			}
			if (!lead && later_retells(p->adv->title) && later_sole(l, p, e, p) &&
			    (same || later_sole(l, p, e, e))) {
				sole = true;
			} else if (p->later_dated) {
				/* A write-up naming what that day's item calls its trouble,
				 * better than any other item of that day does. */
				named = later_names_held(l, e, p, &w);
				if (named == 0 || !later_best_named(l, p, e, e, named, &tied) ||
				    (!same && !later_best_named(l, p, e, p, named, &tied))) {
					return false;
				}
			} else {
				return false;
			}
		}
	} else {
		/* A short post continues only its feed's thread of the last hours, and
		 * only when it tells no cause and names no id (then it is what it
		 * names, or a new event's first word of its cause). */
		if (p->later_cue == LATER_CUE_POST &&
		    (p->s - e->s > LATER_POST_MAX || p->ncause > 0 ||
		     (p->refs != NULL && p->refs->len > 0))) {
			return false;
		}
		/* ... and only an item telling of trouble, or itself an update ("Update
		 * on PSN service outages" is no update of the blog's "Portal 2 out today
		 * on PS3"). */
		if (!same || p->s - e->s > LATER_CONTINUE_MAX || !later_lone_post(p->adv) ||
		    (!later_trouble(e) && e->later_cue == LATER_CUE_NONE) ||
		    e->adv->status == ADVISORY_STATUS_RESOLVED ||
		    e->adv->status == ADVISORY_STATUS_FALSE_POSITIVE || e->adv->end != SW_TIME_NONE ||
		    later_causes_differ(l, p, e) || later_in_series(l, p) ||
		    later_services_apart(p, e)) {
			return false;
		}
		/* Its title's own words: none but the update's, or one @e holds (half of
		 * them past LATER_CONTINUE_NEAR: "Ironhold: Xbox 360 matchmaking fixed"
		 * four days on is no end of "Ironhold: PS3 online play unavailable");
		 * then of the feed's items that say any of them, @e is the newest. */
		guint nown = 0, held = 0;
		for (guint i = 0; i < p->nnames; i++) {
			if (!later_own_word(l, p, p->names[i])) {
				continue;
			}
			nown++;
			if (linker_doc_has_term(e, p->names[i])) {
				held++;
				if (w == G_MAXUINT32) {
					w = p->names[i];
				}
			}
		}
		bool own = nown > 0;
		if ((own && w == G_MAXUINT32) ||
		    (p->s - e->s > LATER_CONTINUE_NEAR && held * 2 < nown) ||
		    !later_latest(l, p, e, own)) {
			return false;
		}
	}
	if (reasons != NULL) {
		GString *r = g_string_new(NULL);
		gint64 gap = p->s - e->s;
		if (gap < 2 * 3600) {
			g_string_append_printf(r, "%s, posted %" G_GINT64_FORMAT " min later on '%s', ",
					       linker_short_id(p), gap / 60, p->adv->source != NULL ? p->adv->source : "");
		} else {
			g_string_append_printf(r, "%s, posted %" G_GINT64_FORMAT " h later on '%s', ",
					       linker_short_id(p), gap / 3600, p->adv->source != NULL ? p->adv->source : "");
		}
		if (named > 0) {
			bool titled = false;
			for (guint i = 0; i < e->nnames && !titled; i++) {
				titled = e->names[i] == w;
			}
			g_string_append_printf(r, "is the %s's write-up of the event of the %s it "
					       "names ('%s'): %s began then, and %s's text "
					       "names what %s%s ('%s'; %u "
					       "word%s, more than of any other item begun then%s)",
					       same ? "page" : "provider",
					       p->later_dated == LATER_DATED_DAY ? "day" : "date",
					       p->adv->title, linker_short_id(e), linker_short_id(p),
					       titled ? "its title calls the trouble" : linker_short_id(e),
					       titled ? "" : "'s text blames, its title naming nothing",
					       linker_term_surface(l, w), named,
					       named == 1 ? "" : "s",
					       tied ? " that tells of trouble" : "");
			w = G_MAXUINT32;
		} else if (p->later_cue == LATER_CUE_TIME) {
			g_string_append_printf(r, "retells the %s's event of the time its title names "
					       "('%s'): %s began then",
					       same ? "page" : "provider", p->adv->title, linker_short_id(e));
		} else {
			g_string_append_printf(r, "only reports an update or recovery ('%s') of its "
					       "page's newest open item %s%s", p->adv->title,
					       w != G_MAXUINT32 ? "that says its words, " : "",
					       linker_short_id(e));
		}
		if (w != G_MAXUINT32) {
			g_string_append_printf(r, " (both say '%s')", linker_term_surface(l, w));
		} else if (sole) {
			g_string_append_printf(r, " (the %s's only item then)", same ? "page" : "provider");
		}
		g_ptr_array_add(reasons, g_string_free(r, FALSE));
	}
	return true;
}

void
linker_later_candidates(const Linker *l, const Doc *d, GArray *out)
{
	if (d->s == SW_TIME_NONE) {
		return;
	}
	/* Its feed's docs and those of feeds sharing its name word, when one of them
	 * ever had a cue (SourceInfo.later_any). */
	const GArray *arr = NULL;
	if (d->si != NULL &&
	    (d->si->later_any ||
	     (d->source_term != G_MAXUINT32 && (TERM(l, d->source_term)->flag & TERM_LATER)))) {
		arr = d->source_term != G_MAXUINT32
			      ? g_hash_table_lookup(l->by_source, GUINT_TO_POINTER(d->source_term + 1))
			      : later_feed_docs(l, d);
	}
	for (guint k = 0; arr != NULL && k < arr->len; k++) {
		guint32 o = g_array_index(arr, guint32, k);
		const Doc *od = l->docs->pdata[o];
		if (od != d && (d->later_cue != LATER_CUE_NONE || od->later_cue != LATER_CUE_NONE) &&
		    linker_later_own(l, d, od, NULL)) {
			g_array_append_val(out, o);
		}
	}
	/* Feeds whose name word is its own and a kind of feed ('kestrelblog' beside
	 * 'kestrel-status'), or its own less one: read when a doc of the longer name
	 * dates an earlier event (it has a cue, or it flagged the shorter name's term
	 * TERM_LATER_KIN), so every pair is listed from both ends; the feeds are few
	 * enough (one entry a feed) to walk. */
	if (d->source_term != G_MAXUINT32 &&
	    ((d->later_cue == LATER_CUE_TIME &&
	      linker_later_name_base(linker_term_surface(l, d->source_term)) > 0) ||
	     (TERM(l, d->source_term)->flag & TERM_LATER_KIN))) {
		GHashTableIter it;
		gpointer key, val;
		g_hash_table_iter_init(&it, l->source_info);
		while (g_hash_table_iter_next(&it, &key, &val)) {
			const SourceInfo *si = val;
			if (si->term == G_MAXUINT32 || si->term == d->source_term) {
				continue;
			}
			if (!later_name_kin(l, d->source_term, si->term) &&
			    !later_name_kin(l, si->term, d->source_term)) {
				continue;
			}
			for (guint k = 0; k < si->docs->len; k++) {
				guint32 o = g_array_index(si->docs, guint32, k);
				const Doc *od = l->docs->pdata[o];
				if ((d->later_cue == LATER_CUE_TIME || od->later_cue == LATER_CUE_TIME) &&
				    linker_later_own(l, d, od, NULL)) {
					g_array_append_val(out, o);
				}
			}
		}
	}
	/* A provider's other feeds (a blog beside its status page). */
	if (!prov_any(d->self_provider)) {
		return;
	}
	for (guint q = prov_next(d->self_provider, 0); q < l->know.providers->len;
	     q = prov_next(d->self_provider, q + 1)) {
		const GArray *pd = l->prov_docs[q];
		for (guint k = 0; pd != NULL && k < pd->len; k++) {
			guint32 o = g_array_index(pd, guint32, k);
			const Doc *od = l->docs->pdata[o];
			if (od != d && od->source_term != d->source_term &&
			    (d->later_cue == LATER_CUE_TIME || od->later_cue == LATER_CUE_TIME) &&
			    linker_later_own(l, d, od, NULL)) {
				g_array_append_val(out, o);
			}
		}
	}
}
