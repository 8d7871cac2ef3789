/* RFC 822 dates as RSS feeds send them (REFERENCE.md §3.2): every accepted form and the refusals. */
#include <glib.h>

#include "model/advisory.h"
#include "util/timeparse.h"

static char *
rfc822_to_rfc3339(const char *s)
{
	gint64 t = SW_TIME_NONE;
	if (!time_parse_rfc822(s, &t)) {
		return g_strdup("(rejected)");
	}
	return time_format_rfc3339(t);
}

static void
check(const char *in, const char *want)
{
	g_autofree char *got = rfc822_to_rfc3339(in);
	if (g_strcmp0(got, want) != 0) {
		g_test_message("input '%s': got %s, want %s", in, got, want);
	}
	g_assert_cmpstr(got, ==, want);
}

static void
test_named_zones(void)
{
	/* AWS Health: US Pacific names. */
	check("Fri, 14 Jan 2022 14:44:00 PST", "2022-01-14T22:44:00Z");
	check("Mon, 20 Oct 2025 14:48:00 PDT", "2025-10-20T21:48:00Z");
	check("Tue, 03 Jun 2003 09:39:21 GMT", "2003-06-03T09:39:21Z");
	check("Tue, 03 Jun 2003 09:39:21 UT", "2003-06-03T09:39:21Z");
	check("Tue, 03 Jun 2003 09:39:21 UTC", "2003-06-03T09:39:21Z");
	check("Tue, 03 Jun 2003 09:39:21 EST", "2003-06-03T14:39:21Z");
	check("Tue, 03 Jun 2003 09:39:21 EDT", "2003-06-03T13:39:21Z");
	check("Tue, 03 Jun 2003 09:39:21 CST", "2003-06-03T15:39:21Z");
	check("Tue, 03 Jun 2003 09:39:21 CDT", "2003-06-03T14:39:21Z");
	check("Tue, 03 Jun 2003 09:39:21 MST", "2003-06-03T16:39:21Z");
	check("Tue, 03 Jun 2003 09:39:21 MDT", "2003-06-03T15:39:21Z");
	check("Tue, 03 Jun 2003 09:39:21 pdt", "2003-06-03T16:39:21Z");
	/* Australia, New Zealand, East Asia: one offset each. */
	check("Thu, 15 Aug 2024 09:05:00 AEST", "2024-08-14T23:05:00Z");
	check("Thu, 15 Feb 2024 09:05:00 AEDT", "2024-02-14T22:05:00Z");
	check("Thu, 15 Aug 2024 09:05:00 ACST", "2024-08-14T23:35:00Z");
	check("Thu, 15 Aug 2024 09:05:00 AWST", "2024-08-15T01:05:00Z");
	check("Thu, 15 Feb 2024 09:05:00 NZDT", "2024-02-14T20:05:00Z");
	check("Thu, 15 Aug 2024 09:05:00 JST", "2024-08-15T00:05:00Z");
	check("Thu, 15 Aug 2024 09:05:00 SGT", "2024-08-15T01:05:00Z");
	check("Thu, 15 Aug 2024 09:05:00 IST", "(rejected)"); /* India, Ireland or Israel */
}

static void
test_military_and_numeric(void)
{
	/* Azure lastBuildDate: literal Z. */
	check("Mon, 12 Nov 2018 16:25:40 Z", "2018-11-12T16:25:40Z");
	/* Other military letters: offset unknown per RFC 2822 §4.3, read as UTC. */
	check("Mon, 12 Nov 2018 16:25:40 A", "2018-11-12T16:25:40Z");
	check("Mon, 12 Nov 2018 16:25:40 Y", "2018-11-12T16:25:40Z");
	check("Mon, 12 Nov 2018 16:25:40 J", "(rejected)"); /* J is not a zone */
	check("Mon, 15 Jan 2024 11:45:00 +0000", "2024-01-15T11:45:00Z");
	check("Mon, 15 Jan 2024 11:45:00 +0530", "2024-01-15T06:15:00Z");
	check("Mon, 15 Jan 2024 11:45:00 -0800", "2024-01-15T19:45:00Z");
	check("Mon, 15 Jan 2024 11:45:00 +05:30", "2024-01-15T06:15:00Z");
	check("Mon, 15 Jan 2024 11:45:00 +2400", "(rejected)");
}

static void
test_optional_parts(void)
{
	/* RSS spec example: 1-digit hour. */
	check("Sat, 07 Sep 2002 0:00:01 GMT", "2002-09-07T00:00:01Z");
	/* No weekday, no seconds, 1-digit day. */
	check("7 Sep 2002 09:05 GMT", "2002-09-07T09:05:00Z");
	check("Sat 07 Sep 2002 09:05 GMT", "2002-09-07T09:05:00Z");
	/* 2-digit years: 00-49 → 20xx, 50-99 → 19xx. */
	check("Sat, 07 Sep 02 09:05:00 GMT", "2002-09-07T09:05:00Z");
	check("Thu, 07 Sep 99 09:05:00 GMT", "1999-09-07T09:05:00Z");
	/* Month names in any case, full names, extra spaces, trailing comment. */
	check("Sat, 07 sep 2002 09:05:00 GMT", "2002-09-07T09:05:00Z");
	check("Sat, 07 SEPTEMBER 2002 09:05:00 GMT", "2002-09-07T09:05:00Z");
	check("  Sat,  07  Sep  2002  09:05:00  GMT  ", "2002-09-07T09:05:00Z");
	check("Sat, 07 Sep 2002 09:05:00 -0700 (PDT)", "2002-09-07T16:05:00Z");
	check("29 Feb 2024 12:00 GMT", "2024-02-29T12:00:00Z");
	check("31 Dec 2023 23:59:60 GMT", "2023-12-31T23:59:59Z");
}

/* Forms with an explicit zone that real feeds send outside RFC 822 (feedparser's suite). */
static void
test_other_forms(void)
{
	check("Thu, 01 Jan 2004 19:48:21 MET", "2004-01-01T18:48:21Z");
	check("Thu, 01 Jul 2004 19:48:21 MEST", "2004-07-01T17:48:21Z");
	check("Thu, 01 Jan 2004 19:48:21 Etc/GMT", "2004-01-01T19:48:21Z");
	check("Thu, 01 Jan 2004 19:48:21 GMT-01:01", "2004-01-01T20:49:21Z");
	check("Thu, 01 Jan 2004 19:48:21 GMT+0200", "2004-01-01T17:48:21Z");
	check("Thu, 01 Jan 2004 19:48:21 AKST", "2004-01-02T04:48:21Z");
	/* JavaScript's Date string: month before day, year after. */
	check("Thu Aug 30 2012 10:00:00 +0200", "2012-08-30T08:00:00Z");
	check("Thu Aug 30 2012 10:00:00 GMT+0200 (CEST)", "2012-08-30T08:00:00Z");
	/* Year first, slashes or dashes. */
	check("2006/09/15 08:00:00 +0000", "2006-09-15T08:00:00Z");
	check("2006-09-15 08:00:00 -0500", "2006-09-15T13:00:00Z");
	check("2006/09/15 08:00:00", "(rejected)"); /* still no zone: never guessed */
	check("2006/13/15 08:00:00 +0000", "(rejected)");
}

/* RFC 3339 seconds: 60 is a leap second, 61 was clamped to :59 by GLib; now refused. */
static void
test_rfc3339_second_61(void)
{
	gint64 t = 42;
	g_assert_false(time_parse_rfc3339("2003-12-31T10:14:61Z", &t));
	g_assert_false(time_parse_rfc3339("2003-12-31T10:14:99+01:00", &t));
	g_assert_cmpint(t, ==, 42);
	g_assert_true(time_parse_rfc3339("2003-12-31T10:14:55Z", &t));
}

static void
test_rejects(void)
{
	check("", "(rejected)");
	check("Sat, 07 Sep 2002 09:05:00", "(rejected)"); /* no zone: never guessed */
	check("Sat, 07 Sep 2002 09:05:00 XYZ", "(rejected)");
	check("Sat, 07 Foo 2002 09:05:00 GMT", "(rejected)");
	check("Sat, 32 Sep 2002 09:05:00 GMT", "(rejected)");
	check("29 Feb 2023 12:00 GMT", "(rejected)");
	check("Sat, 07 Sep 2002 24:05:00 GMT", "(rejected)");
	check("Sat, 07 Sep 2002 09:61:00 GMT", "(rejected)");
	check("Sat, 07 Sep 2002 09:05:00 GMT trailing", "(rejected)");
	check("2002-09-07T09:05:00Z", "(rejected)");
	gint64 t = 42;
	g_assert_false(time_parse_rfc822(NULL, &t));
	g_assert_cmpint(t, ==, 42); /* untouched on failure */
}

static void
test_parse_any(void)
{
	gint64 a = 0;
	gint64 b = 0;
	g_assert_true(time_parse_any("2023-01-25T15:48:00Z", &a));
	g_assert_true(time_parse_any("Wed, 25 Jan 2023 15:48:00 Z", &b));
	g_assert_cmpint(a, ==, b);
}

/* The fast path inside time_parse_rfc3339() agrees with GLib's ISO 8601 parser
 * on every shape, including the ones it hands over. */
static void
test_rfc3339_fast_path_matches_glib(void)
{
	static const char *const v[] = {
		"2025-08-01T15:30:00Z", "2025-08-01T15:30:00.123456+05:30",
		"2024-02-29T00:00:00-07:00", "1999-12-31T23:59:59Z", "2023-07-18T10:41:37.12Z",
		"2100-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-08-01T15:30:00",
		"2025-08-01t15:30:00z", "2025-08-01T24:00:00Z", "2025-08-01T15:30:60Z",
		"1969-12-31T23:59:59Z", "2025-08-01T15:30:00.1234567891Z", "2025-08-01T15:30Z",
		"2025-08-01T15:30:00+0530", "2025-08-01T15:30:00+24:00",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		gint64 ours = 0;
		gboolean ok = time_parse_rfc3339(v[i], &ours);
		g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601(v[i], NULL);
		g_assert_cmpint(ok, ==, dt != NULL);
		if (dt != NULL) {
			g_assert_cmpint(ours, ==, g_date_time_to_unix(dt));
		}
	}
}

/* The zoned readers give the zone of the one parse that gave the time, whatever comes
 * after it: "(PDT)" after "-0700", a named zone after a year-first date, GLib's
 * offsets as well as the fast path's. */
static void
test_zone(void)
{
	static const struct {
		const char *in;
		int offset;
	} v[] = {
		{"Fri, 15 Sep 2006 10:00:00 -0700 (PDT)", -7 * 60},
		{"2006-09-15 10:00:00 PDT", -7 * 60},
		{"2006/09/15 10:00:00 +0530", 5 * 60 + 30},
		{"Fri, 15 Sep 2006 10:00:00 GMT+0200", 2 * 60},
		{"Fri, 15 Sep 2006 10:00:00 GMT", 0},
		{"Fri, 15 Sep 2006 10:00:00 A", 0},
		{"2006-09-15T10:00:00-07:00", -7 * 60},
		{"2006-09-15T10:00:00.5Z", 0},
		{"2006-09-15T10:00:00+0530", 5 * 60 + 30}, /* GLib's path */
		{"2006-09-15t10:00:00-03:00", -3 * 60},     /* GLib's path */
	};
	for (gsize i = 0; i < G_N_ELEMENTS(v); i++) {
		gint64 t = 0;
		gint64 plain = 0;
		int off = 12345;
		g_test_message("%s", v[i].in);
		g_assert_true(time_parse_any_zone(v[i].in, &t, &off));
		g_assert_cmpint(off, ==, v[i].offset);
		g_assert_true(time_parse_any(v[i].in, &plain));
		g_assert_cmpint(t, ==, plain);
	}
	gint64 t = 7;
	int off = 7;
	g_assert_false(time_parse_any_zone("2006-09-15 10:00:00", &t, &off));
	g_assert_false(time_parse_rfc3339_zone("Fri, 15 Sep 2006 10:00:00 GMT", &t, &off));
	g_assert_false(time_parse_rfc822_zone("2006-09-15T10:00:00Z", &t, &off));
	g_assert_cmpint(t, ==, 7);
	g_assert_cmpint(off, ==, 7);
}

static void
test_format_minutes(void)
{
	g_autofree char *t = time_format_minutes(1689655500, "-"); /* 2023-07-18T04:45:00Z */
	g_assert_cmpstr(t, ==, "2023-07-18 04:45");
	g_autofree char *none = time_format_minutes(SW_TIME_NONE, "?");
	g_assert_cmpstr(none, ==, "?");
	g_assert_null(time_format_minutes(SW_TIME_NONE, NULL));
	/* Past what GDateTime holds (year 9999): the placeholder, not a crash. */
	g_autofree char *far = time_format_minutes(G_GINT64_CONSTANT(400000000000), "?");
	g_assert_cmpstr(far, ==, "?");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/timeparse/rfc3339-fast-path", test_rfc3339_fast_path_matches_glib);
	g_test_add_func("/timeparse/rfc822/named-zones", test_named_zones);
	g_test_add_func("/timeparse/rfc822/military-and-numeric", test_military_and_numeric);
	g_test_add_func("/timeparse/rfc822/optional-parts", test_optional_parts);
	g_test_add_func("/timeparse/rfc822/rejects", test_rejects);
	g_test_add_func("/timeparse/rfc822/other-forms", test_other_forms);
	g_test_add_func("/timeparse/rfc3339-second-61", test_rfc3339_second_61);
	g_test_add_func("/timeparse/any", test_parse_any);
	g_test_add_func("/timeparse/format-minutes", test_format_minutes);
	g_test_add_func("/timeparse/zone", test_zone);
	return g_test_run();
}
