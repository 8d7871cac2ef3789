/*
 * The digest's schedule in local time: the scheduled period ends at the last
 * [digest] time and starts at the same local time the day before (23 hours
 * across the spring DST change, 25 across the autumn one), and the daemon's
 * clock waits exactly until the next [digest] time.  Runs in Europe/Berlin.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "config.h"
#include "daemon/digest_job.h"
#include "daemon/digest_timer.h"
#include "util/timeparse.h"

static gint64
t_(const char *rfc3339)
{
	gint64 t = 0;
	g_assert_true(time_parse_rfc3339(rfc3339, &t));
	return t;
}

static Config *
config_with_time(const char *hhmm)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *path = NULL;
	int fd = g_file_open_tmp("sw-digest-XXXXXX.conf", &path, &error);
	g_assert_no_error(error);
	close(fd);
	g_autofree char *text = g_strdup_printf("[digest]\ntime = %s\n", hhmm);
	g_assert_true(g_file_set_contents(path, text, -1, &error));
	Config *c = config_load_file(path, &error);
	g_assert_no_error(error);
	g_unlink(path);
	return c;
}

static void
check_period(const Config *c, const char *now, const char *since, const char *until)
{
	gint64 s = 0, u = 0;
	digest_job_period(c, t_(now), &s, &u);
	g_autofree char *ss = time_format_rfc3339(s);
	g_autofree char *us = time_format_rfc3339(u);
	g_assert_cmpstr(ss, ==, since);
	g_assert_cmpstr(us, ==, until);
}

static void
test_period(void)
{
	g_autoptr(Config) c = config_with_time("08:00");

	/* 12:00 CEST on the day summer time began: 08:00 CEST back to 08:00 CET, 23 h. */
	check_period(c, "2026-03-29T10:00:00Z", "2026-03-28T07:00:00Z", "2026-03-29T06:00:00Z");
	/* 07:59 local: today's 08:00 has not come, so the period is the day before. */
	check_period(c, "2026-03-29T05:59:00Z", "2026-03-27T07:00:00Z", "2026-03-28T07:00:00Z");
	/* Exactly 08:00 local belongs to the new period. */
	check_period(c, "2026-03-29T06:00:00Z", "2026-03-28T07:00:00Z", "2026-03-29T06:00:00Z");
	/* The autumn change: 08:00 CEST to 08:00 CET, 25 h. */
	check_period(c, "2026-10-25T09:00:00Z", "2026-10-24T06:00:00Z", "2026-10-25T07:00:00Z");
	/* A late time of day: 23:30 local. */
	g_autoptr(Config) late = config_with_time("23:30");
	check_period(late, "2026-12-05T12:00:00Z", "2026-12-03T22:30:00Z", "2026-12-04T22:30:00Z");
}

static void
test_next(void)
{
	/* 07:59 CEST: one minute to go (plus the two seconds that make it never early). */
	g_assert_cmpint(digest_timer_seconds_to_next(8 * 60, t_("2026-03-29T05:59:00Z")), ==, 62);
	/* 08:00 exactly: the next one is tomorrow. */
	g_assert_cmpint(digest_timer_seconds_to_next(8 * 60, t_("2026-03-29T06:00:00Z")), ==,
			24 * 3600 + 2);
	/* 12:00 CET the day before summer time: tomorrow's 08:00 CEST is 19 h away, not 20. */
	g_assert_cmpint(digest_timer_seconds_to_next(8 * 60, t_("2026-03-28T11:00:00Z")), ==,
			19 * 3600 + 2);
}

int
main(int argc, char **argv)
{
	/* Before GLib reads the local zone for the first time. */
	g_setenv("TZ", "Europe/Berlin", TRUE);
	tzset();
	g_test_init(&argc, &argv, NULL);
	if (!g_file_test("/usr/share/zoneinfo/Europe/Berlin", G_FILE_TEST_EXISTS)) {
		/* Without the zone GLib would silently use UTC and every check would lie. */
		g_print("1..0 # SKIP tzdata is not installed (Europe/Berlin)\n");
		return 77;
	}
	g_test_add_func("/digest-job/period", test_period);
	g_test_add_func("/digest-job/next", test_next);
	return g_test_run();
}
