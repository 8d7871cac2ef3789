/*
 * Date parsing and formatting (see timeparse.h).  GLib's ISO 8601 parser does
 * the RFC 3339 work; RFC 822 is parsed by hand because GLib has no parser for
 * it and feeds bend it in many ways.
 */
#include "util/timeparse.h"

#include <string.h>

gint64
time_days_from_civil(gint64 y, int m, int d)
{
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	const gint64 era = (y >= 0 ? y : y - 399) / 400;
	const gint64 yoe = y - era * 400;
	const gint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* @n digits at @s as a number, or -1. */
static int
fixed_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!g_ascii_isdigit(s[i])) {
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * The one RFC 3339 shape feeds use, "2025-08-01T15:30:00[.frac](Z|+hh:mm)",
 * read directly: GLib's ISO 8601 parser builds a GTimeZone and a GDateTime
 * per call (1.5 % of the feed benchmark).  Any other spelling (lower-case
 * t/z, no seconds, years before 1970, leap seconds, ...) returns false and
 * goes to GLib, so results cannot differ from it; test-timeparse and the
 * feed fixtures cover both paths.
 */
static bool
fast_rfc3339(const char *s, gint64 *ret, int *ret_off)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	/* The checks below read s[4] .. s[18] unconditionally: never past a shorter string's
	 * NUL ("2023-" read 3 bytes beyond its buffer; found by fuzzing). */
	if (strnlen(s, 19) < 19) {
		return false;
	}
	int year = fixed_digits(s, 4);
	if (year < 1970 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':') {
		return false;
	}
	int month = fixed_digits(s + 5, 2);
	int day = fixed_digits(s + 8, 2);
	int hh = fixed_digits(s + 11, 2);
	int mm = fixed_digits(s + 14, 2);
	int ss = fixed_digits(s + 17, 2);
	if (month < 1 || month > 12 || day < 1 || day > mdays[month - 1] || hh < 0 || hh > 23 ||
	    mm < 0 || mm > 59 || ss < 0 || ss > 59) {
		return false;
	}
	if (month == 2 && day == 29 && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
		return false;
	}
	const char *z = s + 19;
	if (*z == '.') {
		z++;
		if (!g_ascii_isdigit(*z)) {
			return false;
		}
		for (int n = 0; g_ascii_isdigit(*z); z++, n++) {
			if (n >= 9) {
				return false;
			}
		}
	}
	int off = 0;
	if (z[0] == 'Z' && z[1] == '\0') {
		off = 0;
	} else if ((z[0] == '+' || z[0] == '-') && strnlen(z, 7) == 6 && z[3] == ':') {
		int oh = fixed_digits(z + 1, 2);
		int om = fixed_digits(z + 4, 2);
		if (oh < 0 || oh > 23 || om < 0 || om > 59) {
			return false;
		}
		off = (z[0] == '-' ? -1 : 1) * (oh * 60 + om);
	} else {
		return false;
	}
	*ret = time_days_from_civil(year, month, day) * 86400 + hh * 3600 + mm * 60 + ss - off * 60;
	*ret_off = off;
	return true;
}

bool
time_parse_rfc3339_zone(const char *s, gint64 *ret_time, int *ret_offset_minutes)
{
	if (s == NULL) {
		return false;
	}
	if (fast_rfc3339(s, ret_time, ret_offset_minutes)) {
		return true;
	}
	/* GLib takes "10:14:61" as 10:14:59; 60 is a leap second, 61 is no time at all. */
	if (strnlen(s, 19) == 19 && s[13] == ':' && s[16] == ':' && fixed_digits(s + 17, 2) > 60) {
		return false;
	}
	/* NULL default zone: a value without Z or an offset is refused, not taken as local. */
	g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601(s, NULL);
	if (dt == NULL) {
		return false;
	}
	*ret_time = g_date_time_to_unix(dt);
	*ret_offset_minutes = (int)(g_date_time_get_utc_offset(dt) / G_TIME_SPAN_MINUTE);
	return true;
}

bool
time_parse_rfc3339(const char *s, gint64 *ret_time)
{
	int off;
	return time_parse_rfc3339_zone(s, ret_time, &off);
}

bool
time_parse_any_zone(const char *s, gint64 *ret_time, int *ret_offset_minutes)
{
	return time_parse_rfc3339_zone(s, ret_time, ret_offset_minutes) ||
	       time_parse_rfc822_zone(s, ret_time, ret_offset_minutes);
}

bool
time_parse_any(const char *s, gint64 *ret_time)
{
	int off;
	return time_parse_any_zone(s, ret_time, &off);
}

char *
time_format_rfc3339(gint64 t)
{
	if (t == SW_TIME_NONE) {
		return NULL;
	}
	g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(t);
	if (dt == NULL) {
		return NULL;
	}
	/* Four-digit year always: GLib's %Y writes year 223 as "223", which no RFC 3339
	 * reader (ours included) takes back (found by fuzzing). */
	return g_strdup_printf("%04d-%02d-%02dT%02d:%02d:%02dZ", g_date_time_get_year(dt),
			       g_date_time_get_month(dt), g_date_time_get_day_of_month(dt),
			       g_date_time_get_hour(dt), g_date_time_get_minute(dt),
			       g_date_time_get_second(dt));
}

char *
time_format_minutes(gint64 t, const char *none)
{
	g_autoptr(GDateTime) dt = t != SW_TIME_NONE ? g_date_time_new_from_unix_utc(t) : NULL;

	return dt != NULL ? g_date_time_format(dt, "%Y-%m-%d %H:%M") : g_strdup(none);
}

bool
time_parse_duration(const char *s, gint64 *ret_seconds)
{
	char *end = NULL;
	gint64 mult = 1;

	if (s == NULL || !g_ascii_isdigit(*s)) {
		return false;
	}
	guint64 v = g_ascii_strtoull(s, &end, 10);
	if (end == s) {
		return false;
	}
	if (*end != '\0') {
		switch (*end) {
		case 's':
			mult = 1;
			break;
		case 'm':
			mult = 60;
			break;
		case 'h':
			mult = 3600;
			break;
		case 'd':
			mult = 86400;
			break;
		default:
			return false;
		}
		if (end[1] != '\0') {
			return false;
		}
	}
	if (v > (guint64)(G_MAXINT64 / mult)) {
		return false;
	}
	*ret_seconds = (gint64)v * mult;
	return true;
}

int
time_read_digits(const char **pp, int max, int *ret)
{
	const char *p = *pp;
	int v = 0;
	int n = 0;

	while (n < max && g_ascii_isdigit(*p)) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	*pp = p;
	*ret = v;
	return n;
}
