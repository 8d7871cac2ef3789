/*
 * Date parsing and formatting (see timeparse.h).  GLib's ISO 8601 parser does
 * the RFC 3339 work; RFC 822 is parsed by hand because GLib has no parser for
 * it and feeds bend it in many ways.
 */
#include "util/timeparse.h"

#include <string.h>

#include "model/advisory.h"

bool
time_parse_rfc3339(const char *s, gint64 *ret_time)
{
	if (s == NULL) {
		return false;
	}
	/* NULL default zone: a value without Z or an offset is refused, not taken as local. */
	g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601(s, NULL);
	if (dt == NULL) {
		return false;
	}
	*ret_time = g_date_time_to_unix(dt);
	return true;
}

bool
time_parse_any(const char *s, gint64 *ret_time)
{
	return time_parse_rfc3339(s, ret_time) || time_parse_rfc822(s, ret_time);
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
	return g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
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
