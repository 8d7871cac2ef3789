/*
 * RFC 822 / 1123 / 2822 date parsing, as RSS feeds really send it (see
 * timeparse.h and REFERENCE.md §3.2): optional weekday, 1- or 2-digit day and
 * hour, month names in any case (full names too), 2- or 4-digit years,
 * optional seconds, named US zones, UT/GMT/UTC/Z, military letters and
 * numeric offsets.  A hand-written scanner: one pass, no allocation, no
 * locale, never the local time zone.  A date with no zone at all is refused
 * rather than guessed.
 */
#include "util/timeparse.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *name;
	int offset_minutes;
} ZoneName;

/*
 * RFC 822 §5.1 names plus "UTC", which feeds use although RFC 822 lacks it, and
 * the zone names real feeds also send with an explicit meaning (the set
 * feedparser reads: Atlantic and Alaska/Hawaii US zones, central and western
 * European names such as MET/MEST), and the Australian, New Zealand, Japanese,
 * Korean, Singapore and Hong Kong names status posts write ("9:05 am AEST"),
 * each of which means one offset.  Not IST (India, Ireland or Israel) nor other
 * names that mean two.  Sorted by strcmp: bsearch'd.
 */
static const ZoneName zone_names[] = {
	{"ACDT", 10 * 60 + 30}, {"ACST", 9 * 60 + 30}, {"ADT", -3 * 60},  {"AEDT", 11 * 60},
	{"AEST", 10 * 60},      {"AKDT", -8 * 60},     {"AKST", -9 * 60}, {"AST", -4 * 60},
	{"AWST", 8 * 60},       {"BST", 60},           {"CDT", -5 * 60},  {"CEST", 2 * 60},
	{"CET", 60},            {"CST", -6 * 60},      {"EDT", -4 * 60},  {"EEST", 3 * 60},
	{"EET", 2 * 60},        {"EST", -5 * 60},      {"GMT", 0},        {"HKT", 8 * 60},
	{"HST", -10 * 60},      {"JST", 9 * 60},       {"KST", 9 * 60},   {"MDT", -6 * 60},
	{"MEST", 2 * 60},       {"MET", 60},           {"MST", -7 * 60},  {"NZDT", 13 * 60},
	{"NZST", 12 * 60},      {"PDT", -7 * 60},      {"PST", -8 * 60},  {"SGT", 8 * 60},
	{"UT", 0},              {"UTC", 0},            {"WEST", 60},      {"WET", 0},
	{"Z", 0},
};

static int
zone_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const ZoneName *)elem)->name);
}

static const char *const month_names[12] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
		p++;
	}
	return p;
}

/* Reads 1..max_digits digits; returns the count read (0 = none). */
static int
read_int(const char **pp, int max_digits, int *ret)
{
	const char *p = *pp;
	int v = 0;
	int n = 0;

	while (n < max_digits && g_ascii_isdigit(*p)) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n > 0) {
		*pp = p;
		*ret = v;
	}
	return n;
}


static int
days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

/* Zone at *pp; sets minutes east of UTC.  Unknown words fail. */
static bool
read_zone(const char **pp, int *ret_offset)
{
	const char *p = *pp;

	/* "Etc/GMT" (a tz database name for UTC) is GMT. */
	if (g_ascii_strncasecmp(p, "Etc/", 4) == 0) {
		p += 4;
	}
	if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1;
		int hh = 0;
		int mm = 0;
		p++;
		/* "+hhmm" per RFC 822; "+hh:mm" also appears in the wild. */
		if (read_int(&p, 2, &hh) != 2) {
			return false;
		}
		if (*p == ':') {
			p++;
		}
		if (read_int(&p, 2, &mm) != 2 || hh > 23 || mm > 59) {
			return false;
		}
		*ret_offset = sign * (hh * 60 + mm);
		*pp = p;
		return true;
	}

	char word[8];
	gsize n = 0;
	while (g_ascii_isalpha(p[n])) {
		if (n + 1 >= sizeof word) {
			return false;
		}
		word[n] = g_ascii_toupper(p[n]);
		n++;
	}
	word[n] = '\0';
	if (n == 0) {
		return false;
	}
	const ZoneName *z = bsearch(word, zone_names, G_N_ELEMENTS(zone_names), sizeof zone_names[0],
				    zone_cmp);
	if (z != NULL) {
		p += n;
		/* "GMT-01:01", "GMT+0200": an offset from GMT/UT, written after it. */
		if (z->offset_minutes == 0 && (*p == '+' || *p == '-') && read_zone(&p, ret_offset)) {
			*pp = p;
			return true;
		}
		*ret_offset = z->offset_minutes;
		*pp = p;
		return true;
	}
	/*
	 * Military letters A-I, K-Y (not J).  RFC 822 defined their signs
	 * backwards, so RFC 2822 §4.3 says to read them as "-0000", offset
	 * unknown; UTC is the only honest reading of that.
	 */
	if (n == 1 && word[0] != 'J') {
		*ret_offset = 0;
		*pp = p + n;
		return true;
	}
	return false;
}

/* 1..12 for a month name's first three letters (any case) at @p, else 0. */
static int
read_month(const char *p)
{
	if (!g_ascii_isalpha(p[0]) || !g_ascii_isalpha(p[1]) || !g_ascii_isalpha(p[2])) {
		return 0;
	}
	for (int i = 0; i < 12; i++) {
		if (g_ascii_strncasecmp(p, month_names[i], 3) == 0) {
			return i + 1;
		}
	}
	return 0;
}

/* A 2- or 4-digit year at *pp (RFC 2822 §4.3 for two digits). */
static bool
read_year(const char **pp, int *ret)
{
	int digits = read_int(pp, 4, ret);
	if (digits == 2) {
		/* RFC 2822 §4.3: 00-49 are 2000-2049, 50-99 are 1950-1999. */
		*ret += *ret < 50 ? 2000 : 1900;
		return true;
	}
	return digits == 4;
}

/*
 * The date: "14 Jan 2022" / "14-Jan-2022" (RFC 822 and old generators), "Aug 30
 * 2012" (JavaScript's Date string) or "2006/09/15" / "2006-09-15" (year first).
 */
static bool
read_date(const char **pp, int *ret_year, int *ret_month, int *ret_day)
{
	const char *p = *pp;
	int day = 0;
	int month = 0;
	int year = 0;

	if (g_ascii_isalpha(*p)) {
		month = read_month(p);
		while (g_ascii_isalpha(*p)) {
			p++;
		}
		p = skip_space(p);
		if (month == 0 || read_int(&p, 2, &day) == 0) {
			return false;
		}
		p = skip_space(p);
		if (*p == ',') {
			p = skip_space(p + 1);
		}
		if (read_int(&p, 4, &year) != 4) {
			return false;
		}
	} else if (g_ascii_isdigit(p[0]) && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2]) &&
		   g_ascii_isdigit(p[3])) {
		read_int(&p, 4, &year);
		char sep = *p;
		if ((sep != '/' && sep != '-') || (p++, read_int(&p, 2, &month) == 0) ||
		    *p != sep || (p++, read_int(&p, 2, &day) == 0)) {
			return false;
		}
	} else {
		if (read_int(&p, 2, &day) == 0) {
			return false;
		}
		p = skip_space(p);
		if (*p == '-') { /* "14-Jan-2022", seen in old generators */
			p++;
		}
		/* Month: the first three letters decide, any case; full names are fine. */
		month = read_month(p);
		if (month == 0) {
			return false;
		}
		while (g_ascii_isalpha(*p)) {
			p++;
		}
		if (*p == '.') {
			p++;
		}
		p = skip_space(p);
		if (*p == '-') {
			p++;
		}
		if (!read_year(&p, &year)) {
			return false;
		}
	}
	if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
		return false;
	}
	*pp = p;
	*ret_year = year;
	*ret_month = month;
	*ret_day = day;
	return true;
}

bool
time_parse_rfc822_zone(const char *s, gint64 *ret_time, int *ret_offset_minutes)
{
	int day = 0;
	int month = 0;
	int year = 0;
	int hour = 0;
	int minute = 0;
	int second = 0;
	int offset = 0;

	if (s == NULL) {
		return false;
	}
	const char *p = skip_space(s);

	/* Optional weekday: letters, then a comma (or just space: "Fri 14 Jan"). */
	if (g_ascii_isalpha(*p)) {
		const char *w = p;
		while (g_ascii_isalpha(*p)) {
			p++;
		}
		/* No weekday but a month first ("Aug 30 2012 ..."): read_date() takes it. */
		if (read_month(w) != 0 && g_ascii_isdigit(*skip_space(p))) {
			p = w;
		}
		p = skip_space(p);
		if (*p == ',') {
			p = skip_space(p + 1);
		}
	}
	if (!read_date(&p, &year, &month, &day)) {
		return false;
	}

	p = skip_space(p);
	if (read_int(&p, 2, &hour) == 0 || *p != ':') {
		return false;
	}
	p++;
	if (read_int(&p, 2, &minute) != 2) {
		return false;
	}
	if (*p == ':') {
		p++;
		if (read_int(&p, 2, &second) != 2) {
			return false;
		}
	}
	/* 60 is a leap second: RFC 2822 allows it; fold it onto :59. */
	if (hour > 23 || minute > 59 || second > 60) {
		return false;
	}
	if (second == 60) {
		second = 59;
	}

	p = skip_space(p);
	if (!read_zone(&p, &offset)) {
		return false;
	}
	/* A trailing comment such as "(PDT)" is allowed by RFC 2822 CFWS; nothing else. */
	p = skip_space(p);
	if (*p == '(') {
		const char *close = strchr(p, ')');
		if (close == NULL) {
			return false;
		}
		p = skip_space(close + 1);
	}
	if (*p != '\0') {
		return false;
	}

	gint64 t = time_days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
	*ret_time = t - (gint64)offset * 60;
	*ret_offset_minutes = offset;
	return true;
}

bool
time_parse_rfc822(const char *s, gint64 *ret_time)
{
	int off;
	return time_parse_rfc822_zone(s, ret_time, &off);
}

bool
time_read_zone(const char **pp, int *ret_offset_minutes)
{
	return read_zone(pp, ret_offset_minutes);
}
