/*
 * Dates in and out.  Parsing accepts what feeds really send (see
 * ../shared/REFERENCE.md §3.2): RFC 822/1123/2822 with named zones (UT, GMT,
 * Z, EST..PDT, military letters) or numeric offsets, with or without weekday
 * and seconds, 2- or 4-digit years; RFC 3339 / ISO 8601 with any fraction and
 * Z or an offset.  Output is always RFC 3339 in UTC ("2023-07-18T04:45:00Z").
 */
#ifndef SW_UTIL_TIMEPARSE_H
#define SW_UTIL_TIMEPARSE_H

#include <glib.h>
#include <stdbool.h>

/* "No time": an unknown start or update, an advisory still open.  Every gint64 time in
 * statuswatch (Unix seconds, UTC) uses it; it lives here, at the bottom, so util/ needs
 * nothing above it. */
#define SW_TIME_NONE G_MININT64

/* RFC 3339 / ISO 8601.  A value with no zone is rejected (never taken as local time). */
bool time_parse_rfc3339(const char *s, gint64 *ret_time);
/* RFC 822 / 1123 / 2822 as found in RSS. */
bool time_parse_rfc822(const char *s, gint64 *ret_time);
/* Either of the above, whichever fits. */
bool time_parse_any(const char *s, gint64 *ret_time);

/*
 * The same three, also giving the zone the date was written in, from the one parse:
 * *@ret_offset_minutes is minutes east of UTC (RFC 822's "PST", "-0800" or "GMT", also
 * before a comment such as "(PDT)"; RFC 3339's "Z" or "-08:00").  Every date they accept
 * names a zone, so both outputs are set on success (a military letter, whose sign RFC
 * 2822 says not to trust, reads as UTC, as the time does).  For a feed item's own zone,
 * its inline updates' clocks read in it (text_window_update_end()).
 */
bool time_parse_rfc3339_zone(const char *s, gint64 *ret_time, int *ret_offset_minutes);
bool time_parse_rfc822_zone(const char *s, gint64 *ret_time, int *ret_offset_minutes);
bool time_parse_any_zone(const char *s, gint64 *ret_time, int *ret_offset_minutes);

/*
 * The zone at *@pp as RSS dates write it (the one table of zone names: UT, UTC, GMT, Z,
 * EST..PDT and the other named zones, "+hhmm" / "+hh:mm", "GMT+0200", military letters),
 * case-insensitive.  On success *@pp moves past it and *@ret_offset_minutes is minutes
 * east of UTC; unknown words fail.  For readers of zones in free text (sources/text_window.c).
 */
bool time_read_zone(const char **pp, int *ret_offset_minutes);

/* Reads up to @max decimal digits at *pp into *ret and moves *pp past them; returns how
 * many were read (0: *ret is 0, *pp unchanged).  For the hand-written date readers. */
int time_read_digits(const char **pp, int max, int *ret);

/* Days since 1970-01-01 of a proleptic Gregorian date (no range check). */
gint64 time_days_from_civil(gint64 year, int month, int day);

/* "2023-07-18T04:45:00Z".  Caller frees.  SW_TIME_NONE gives NULL. */
char *time_format_rfc3339(gint64 t);
/* "2023-07-18 04:45" (UTC, to the minute, no zone word: callers add " UTC" where the
 * reader needs it), for people.  SW_TIME_NONE or a time GLib cannot represent gives a
 * copy of @none ("-", "?", "unknown").  Caller frees. */
char *time_format_minutes(gint64 t, const char *none);

/*
 * Durations in config files: "90", "90s", "15m", "2h", "1d" (integer + unit).
 * Returns false on anything else, including overflow.
 */
bool time_parse_duration(const char *s, gint64 *ret_seconds);

#endif
