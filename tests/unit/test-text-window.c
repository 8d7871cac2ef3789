/*
 * The impact window a status post states in words (sources/text_window.c): each real
 * phrasing status pages use, read against the item's own date, and the refusals that
 * keep a misread from moving an advisory in time.
 */
#include <glib.h>

#include "sources/text_window.h"
#include "util/timeparse.h"

static gint64
at(const char *rfc3339)
{
	gint64 t = SW_TIME_NONE;
	g_assert_true(time_parse_rfc3339(rfc3339, &t));
	return t;
}

/* "START..END" (END "open" when none), or "none". */
static char *
window_of(const char *text, const char *ref)
{
	TextWindow w = {0};
	if (!text_window_find(text, at(ref), &w)) {
		return g_strdup("none");
	}
	g_autofree char *s = time_format_rfc3339(w.start);
	g_autofree char *e = w.end != SW_TIME_NONE ? time_format_rfc3339(w.end) : g_strdup("open");
	return g_strdup_printf("%s..%s", s, e);
}

static void
check(const char *text, const char *ref, const char *want)
{
	g_autofree char *got = window_of(text, ref);
	if (g_strcmp0(got, want) != 0) {
		g_test_message("text '%s' (item date %s): got %s, want %s", text, ref, got, want);
	}
	g_assert_cmpstr(got, ==, want);
}

/* Reports after the fact in prose, dated only by their publication: a 12-hour
 * clock with "am"/"a.m." (an hour alone only with am or pm: "8 p.m."), zone names
 * of Australia and the like (AEST), a US zone without its season ("ET", which is
 * EDT in August and EST in January), the date after both times, "until about". */
static void
test_prose_reports(void)
{
	check("From 9:05 am to 9:40 am AEST on 15 August, notifications for new posts were "
	      "not posted.", "2024-08-15T04:00:00Z", "2024-08-14T23:05:00Z..2024-08-14T23:40:00Z");
	check("Between 23:02 UTC and 23:38 UTC, some users could not sign in.",
	      "2024-08-16T02:00:00Z", "2024-08-15T23:02:00Z..2024-08-15T23:38:00Z");
	check("From 4:45 a.m. ET until about 8 p.m., customers could not place calls.",
	      "2024-08-16T02:00:00Z", "2024-08-15T08:45:00Z..2024-08-16T00:00:00Z");
	check("From 4:45 a.m. ET until about 8 p.m., customers could not place calls.",
	      "2024-01-16T02:00:00Z", "2024-01-15T09:45:00Z..2024-01-16T01:00:00Z");
	check("From 4:05 am AEDT until about 2 p.m. on 8 November, phones were down.",
	      "2023-11-08T06:00:00Z", "2023-11-07T17:05:00Z..2023-11-08T03:00:00Z");
	check("Between 4:10 a.m. and 11:55 a.m. (Pacific Time) on 8 November, calls failed.",
	      "2023-11-09T00:00:00Z", "2023-11-08T12:10:00Z..2023-11-08T19:55:00Z");
	/* An hour without am/pm is no time; "ET" only after a clock time. */
	check("From 8 until 9, nothing happened.", "2024-08-16T02:00:00Z", "none");
	check("Between 2 and 3 pm ET we saw errors.", "2024-08-16T02:00:00Z", "none");
	check("From 9 am to 10 pm et al. the reports were written.", "2024-08-16T02:00:00Z",
	      "none");
	/* IST names three zones: no window. */
	check("From 9:05 am to 9:40 am IST on 15 August, logins failed.", "2024-08-15T12:00:00Z",
	      "none");
	/* Still no longer than a week, nor after the item's date. */
	check("From 9 am AEST on 1 August until 9 pm AEST on 14 August, logins failed.",
	      "2024-08-15T12:00:00Z", "none");
	check("From 8:30 pm to 11:59 pm AEDT on 12 November, buses replace trains.",
	      "2023-11-08T06:00:00Z", "none");
	check("From 9:05 am to 9:40 am AEST on 15 August 2019, logins failed.",
	      "2024-08-15T12:00:00Z", "none");
	/* Midnight and noon; no hour 0 or 13 on a 12-hour clock. */
	check("From 12 am to 12 pm AEST on 15 August, logins failed.", "2024-08-15T12:00:00Z",
	      "2024-08-14T14:00:00Z..2024-08-15T02:00:00Z");
	check("From 0 am to 13 pm AEST on 15 August, logins failed.", "2024-08-15T12:00:00Z",
	      "none");
	check("From 9 a.m.m to 10 a.m. AEST, logins failed.", "2024-08-15T12:00:00Z", "none");
	/* A hostile run of near-windows: bounded, and nothing misread. */
	g_autoptr(GString) flood = g_string_new(NULL);
	for (int i = 0; i < 20000; i++) {
		g_string_append(flood, "from 9 am to 10 pm et al. between 99 pm and ");
	}
	check(flood->str, "2024-08-15T12:00:00Z", "none");
}

static void
test_start_only(void)
{
	/* Azure's "Impact Statement" of an ongoing incident: a start, no end. */
	check("Impact Statement: Starting at 15:20 UTC on 25 January 2023, a subset of customers "
	      "with Virtual Machines in one availability zone in Japan East may find that their "
	      "VMs are unavailable. Current Status: ... The next update will be provided in 2 hours.",
	      "2023-01-25T15:48:00Z", "2023-01-25T15:20:00Z..open");
	/* A time only: the item's date gives the day. */
	check("We have seen elevated errors since 14:05 UTC and are investigating.",
	      "2024-03-02T14:40:00Z", "2024-03-02T14:05:00Z..open");
	/* ...the day before when the clock time is later than the item's. */
	check("Starting at 23:40 UTC, some requests fail.", "2024-03-02T00:30:00Z",
	      "2024-03-01T23:40:00Z..open");
}

static void
test_between(void)
{
	check("Summary of Impact: Between approximately 11:45 UTC and 19:43 UTC on 30 July 2024, "
	      "a subset of customers may have experienced intermittent errors.",
	      "2024-07-30T20:10:00Z", "2024-07-30T11:45:00Z..2024-07-30T19:43:00Z");
	/* The zone and the date written once, after the end. */
	check("Summary of Impact: Between 08:10 and 10:05 UTC on 30 July 2024, a subset of "
	      "customers may have experienced login failures.",
	      "2024-07-30T10:20:00Z", "2024-07-30T08:10:00Z..2024-07-30T10:05:00Z");
	/* Two dates, the year once. */
	check("Between 23:15 UTC on 2 August and 01:40 UTC on 3 August 2024, customers saw errors.",
	      "2024-08-03T02:30:00Z", "2024-08-02T23:15:00Z..2024-08-03T01:40:00Z");
	/* One date shared by both ends across midnight: it is the end's. */
	check("Between 23:15 and 01:40 UTC on 3 August 2024, customers saw errors.",
	      "2024-08-03T02:30:00Z", "2024-08-02T23:15:00Z..2024-08-03T01:40:00Z");
	/* Lower-case lead, a dash, an offset. */
	check("between 10:00 - 11:30 +02:00 on 5 March 2024 some builds failed.",
	      "2024-03-05T12:00:00Z", "2024-03-05T08:00:00Z..2024-03-05T09:30:00Z");
}

static void
test_us_styles(void)
{
	/* AWS: 12-hour clock, the zone once, no date (the item's date gives it), past midnight. */
	check("Between 11:49 PM and 2:24 AM PDT, we experienced increased error rates.",
	      "2021-12-08T10:00:00Z", "2021-12-08T06:49:00Z..2021-12-08T09:24:00Z");
	/* AWS closing summary with both dates. */
	check("Between 11:48 PM PDT on October 19 and 2:20 PM PDT on October 20, customers "
	      "experienced increased error rates. From 11:48 PM to 2:40 AM, requests failed.",
	      "2025-10-20T22:53:00Z", "2025-10-20T06:48:00Z..2025-10-20T21:20:00Z");
	/* Google Cloud: ISO dates and a declared tz database zone (PST in December). */
	check("Incident began at 2020-12-14 03:46 and ended at 2020-12-14 04:33 (all times are "
	      "US/Pacific). Summary: Requests that required authentication failed.",
	      "2020-12-14T20:00:00Z", "2020-12-14T11:46:00Z..2020-12-14T12:33:00Z");
	/* "Month day, year at time zone". */
	check("The incident started on October 16, 2025 at 10:58 AM PDT and ended at 12:31 PM PDT.",
	      "2025-10-16T20:00:00Z", "2025-10-16T17:58:00Z..2025-10-16T19:31:00Z");
	/* From ... to, with CEST. */
	check("From 09:00 to 09:45 CEST on 12 June 2024 the dashboard was unavailable.",
	      "2024-06-12T09:00:00Z", "2024-06-12T07:00:00Z..2024-06-12T07:45:00Z");
}

static void
test_refusals(void)
{
	const char *ref = "2024-07-30T20:10:00Z";

	/* No zone stated or declared: never read as local time. */
	check("Between 11:45 and 19:43 on 30 July 2024, customers saw errors.", ref, "none");
	check("Starting at 15:20 on 25 January 2023, customers saw errors.", ref, "none");
	/* A window after the item's date: an announcement of future work. */
	check("Between 22:00 UTC and 23:00 UTC on 30 July 2024 we will upgrade the database.", ref,
	      "none");
	check("Starting at 10:00 UTC on 2 August 2024, maintenance will run.", ref, "none");
	/* Durations and version numbers are not times. */
	check("We expect recovery within 24 hours.", ref, "none");
	check("Between 2 and 3 hours of data may be delayed.", ref, "none");
	check("Clients older than 11.45 UTC build fail; between 11.45 and 12.10 UTC, releases.", ref,
	      "none");
	/* Absurdly long, or long before the item. */
	check("Between 10:00 UTC on 1 July 2024 and 10:00 UTC on 30 July 2024, errors.", ref, "none");
	check("Starting at 10:00 UTC on 1 May 2024, errors.", ref, "none");
	/* Explicit dates that contradict each other. */
	check("Between 10:00 UTC on 30 July 2024 and 09:00 UTC on 29 July 2024, errors.", ref, "none");
	/* Impossible times and dates. */
	check("Between 25:00 UTC and 26:00 UTC on 30 July 2024, errors.", ref, "none");
	check("Starting at 10:00 UTC on 31 February 2024, errors.", ref, "none");
	/* A single letter is a word, not a military zone; a declaration must name a zone. */
	check("Since 10:00 a subset of customers saw errors.", ref, "none");
	check("Since 10:00 customers saw errors. All times are approximate.", ref, "none");
	/* No anchor: a time in passing. */
	check("Recovered as of 15:55 UTC.", ref, "none");
	check("", ref, "none");
	TextWindow w;
	g_assert_false(text_window_find(NULL, at(ref), &w));
	g_assert_false(text_window_find("since 10:00 UTC", SW_TIME_NONE, &w));
}

static void
test_first_window_wins(void)
{
	/* A refused phrase does not stop the scan; the first usable window is taken. */
	check("Between 2 and 3 regions were affected. Starting at 09:12 UTC on 30 July 2024, "
	      "errors rose. Between 10:00 UTC and 11:00 UTC on 30 July 2024, retries failed.",
	      "2024-07-30T12:00:00Z", "2024-07-30T09:12:00Z..open");
}

static void
test_timelines(void)
{
	/* A plain item holding its whole history, newest first, dated at its last post:
	 * the earliest stamp starts it, a last post saying it is over ends it. */
	check("June 11, 2025 05:40 UTC \xe2\x80\x94 Resolved: All apps are working normally.\n\n"
	      "June 10, 2025 14:30 UTC \xe2\x80\x94 Identified: An operating system update ...\n\n"
	      "June 10, 2025 06:45 UTC \xe2\x80\x94 Investigating: Many apps are unreachable.",
	      "2025-06-11T05:40:00Z", "2025-06-10T06:45:00Z..2025-06-11T05:40:00Z");
	/* A label before a bracketed stamp with no year; the last post not over: open. */
	check("Update (Apr 21, 18:00 UTC) - Our investigation continues.\n\n"
	      "Update (Apr 16, 22:00 UTC) - As a precaution we revoked all OAuth tokens.\n\n"
	      "Investigating (Apr 16, 03:30 UTC) - We were notified that tokens may be compromised.",
	      "2022-04-21T18:00:00Z", "2022-04-16T03:30:00Z..open");
	/* Clock times only: the item's date gives the day, the day before past midnight. */
	check("Resolved (00:40 UTC) - Error rates are back to normal.\n\n"
	      "Investigating (23:55 UTC) - Some customers see errors.",
	      "2024-03-02T00:40:00Z", "2024-03-01T23:55:00Z..2024-03-02T00:40:00Z");
	/* Numeric dates, no zone: the item's date (the newest post, here -08:00) gives it. */
	check("12/14/20, 5:20 AM: The problem with Gmail has been resolved.\n\n"
	      "12/14/20, 4:15 AM: We are aware of a problem with Gmail.",
	      "2020-12-14T13:20:00Z", "2020-12-14T12:15:00Z..2020-12-14T13:20:00Z");
	/* Day first: only that reading fits 14/12 (and +01:00 from the item's date). */
	check("14/12/2020 10:30: Fixed.\n\n14/12/2020 09:05: Logins fail.",
	      "2020-12-14T09:30:00Z", "2020-12-14T08:05:00Z..2020-12-14T09:30:00Z");
	/* Both readings fit: the one that puts the newest post at the item's date. */
	check("3/4/24, 10:00 AM: still down.\n\n3/4/24, 9:00 AM: down.", "2024-03-04T10:00:00Z",
	      "2024-03-04T09:00:00Z..open");
	check("3/4/24, 10:00 AM: still down.\n\n3/4/24, 9:00 AM: down.", "2024-04-03T10:00:00Z",
	      "2024-04-03T09:00:00Z..open");
	/* "Not resolved yet" is not over. */
	check("10:20 UTC: The issue is not resolved yet.\n\n09:40 UTC: Uploads fail.",
	      "2024-03-02T10:20:00Z", "2024-03-02T09:40:00Z..open");
	/* An impact statement wins over the stamps. */
	check("10:20 UTC: Resolved.\n\n09:40 UTC: Since 09:05 UTC uploads fail.",
	      "2024-03-02T10:20:00Z", "2024-03-02T09:05:00Z..open");
}

/* A window given as labelled lines ("Start time: ..." / "End time: ..."), read as one
 * window, not as two posts saying nothing; and a weekday before a stamp's date. */
static void
test_labelled(void)
{
	check("Start time: Wednesday, April 16, 2025 18:32 UTC\nEnd time: Wednesday, April 16, "
	      "2025 20:20 UTC\n\nSummary: Live classes could not start.",
	      "2025-04-16T23:40:00Z", "2025-04-16T18:32:00Z..2025-04-16T20:20:00Z");
	/* Microsoft's form, with "at" and a 12-hour clock. */
	check("Final status: Fixed.\n\nStart time: Monday, September 28, 2020, at 9:25 PM UTC\n\n"
	      "End time: Tuesday, September 29, 2020, at 12:23 AM UTC\n\nRoot cause: ...",
	      "2020-09-29T01:20:00Z", "2020-09-28T21:25:00Z..2020-09-29T00:23:00Z");
	/* Clock times only, labels in one line; the zone in the label. */
	check("Impact start: 10:00 UTC. Impact end: 12:00 UTC. Dashboards failed.",
	      "2024-05-01T12:30:00Z", "2024-05-01T10:00:00Z..2024-05-01T12:00:00Z");
	check("Incident start (UTC): 2024-05-01 10:00\nIncident end (UTC): 2024-05-01 12:00",
	      "2024-05-01T12:30:00Z", "2024-05-01T10:00:00Z..2024-05-01T12:00:00Z");
	/* A start label alone: open. */
	check("Start: 10:00 UTC\nWe are investigating errors.", "2024-05-01T10:30:00Z",
	      "2024-05-01T10:00:00Z..open");
	/* Not a label: inside a sentence, or with no moment after it. */
	check("Please note the start: 10:00 UTC is when the job runs.", "2024-05-01T10:30:00Z",
	      "none");
	check("Start: the job was queued.\nEnd: it never ran.", "2024-05-01T10:30:00Z", "none");
	/* A weekday before a stamp's date, in a timeline. */
	check("Wednesday, April 16, 2025 18:38 UTC - Investigating: Meetings fail to start.\n"
	      "Wednesday, April 16, 2025 20:25 UTC - Resolved: Meetings start normally again.",
	      "2025-04-16T20:25:00Z", "2025-04-16T18:38:00Z..2025-04-16T20:25:00Z");
}

/* An item dated at its FIRST post, later updates above it on the same local date
 * ("Update 4:40pm AEST: ..." over "2:31pm AEST: ..." dated 14:31 +10:00): both
 * stamps on the item's date, first post to the update that says it is over.  Read
 * so only when the earliest stamp is the item's date and the others follow it in
 * order within hours; otherwise the stamps stay at or before the item's date. */
static void
test_timeline_first_post_dated(void)
{
	check("Update 4:40pm AEST: Our website, app and kiosks are working again.\n\n"
	      "2:31pm AEST: Our website, app and kiosks are currently unavailable because of "
	      "a global outage at our provider.",
	      "2021-06-17T04:31:00Z", "2021-06-17T04:31:00Z..2021-06-17T06:40:00Z");
	check("Update 8:45am AEST: Services are working again.\n\n"
	      "7:00am AEST: Services are currently unavailable.",
	      "2021-06-16T21:00:00Z", "2021-06-16T21:00:00Z..2021-06-16T22:45:00Z");
	/* Oldest first, still open. */
	check("7:00am AEST: Services are unavailable.\n\n"
	      "Update 8:45am AEST: We are still investigating.",
	      "2021-06-16T21:00:00Z", "2021-06-16T21:00:00Z..open");
	/* The item's date is the newest post and a stamp is from the evening before: a
	 * post at the item's date saying it is over is not a first post. */
	check("2:31pm AEST: Resolved, all services are working normally.\n\n"
	      "9:00pm AEST: Services are unavailable.",
	      "2021-06-17T04:31:00Z", "2021-06-16T11:00:00Z..2021-06-17T04:31:00Z");
	/* The earliest stamp is not the item's date: no first-post reading. */
	check("Update 4:40pm AEST: Working again.\n\n1:00pm AEST: Unavailable.",
	      "2021-06-17T04:31:00Z", "2021-06-16T06:40:00Z..open");
	/* Out of order on that date: no first-post reading. */
	check("3:00pm AEST: Still down.\n\nUpdate 4:40pm AEST: Working again.\n\n"
	      "2:31pm AEST: Unavailable.",
	      "2021-06-17T04:31:00Z", "2021-06-16T05:00:00Z..open");
	/* Hostile: a later stamp far past the item's date is never read on it. */
	check("Update 11:50pm AEST: Working again.\n\n12:05am AEST: Unavailable.",
	      "2021-06-16T14:05:00Z", "2021-06-16T13:50:00Z..open");
	/* The first post unstamped, words before the first stamp: it is the item's date
	 * (08:10 PDT), its updates follow that day, not the day before. */
	check("We are investigating errors for many applications.\n\n"
	      "Update 9:45 AM PDT: Serving is affected for a large share of applications.\n\n"
	      "Update 11:45 AM PDT: Serving has recovered for all applications.",
	      "2012-10-26T15:10:00Z", "2012-10-26T16:45:00Z..2012-10-26T18:45:00Z");
	/* ... but not past half a day after it: those stay at or before the item's date. */
	check("We are investigating errors.\n\n"
	      "Update 9:45 PM PDT: Still affected.\n\nUpdate 11:45 PM PDT: Recovered.",
	      "2012-10-26T15:10:00Z", "2012-10-26T04:45:00Z..2012-10-26T06:45:00Z");
}

static void
test_timeline_refusals(void)
{
	const char *ref = "2024-03-02T10:20:00Z";

	/* One stamp is no timeline (the item's date says as much). */
	check("09:40 UTC: Uploads fail.", ref, "none");
	/* Times inside sentences are not post stamps. */
	check("We saw errors at 09:40 UTC - and again.\n\nThey stopped at 10:05 UTC: fixed.", ref,
	      "none");
	/* No separator after the time. */
	check("09:40 UTC uploads fail.\n\n10:05 UTC uploads work.", ref, "none");
	/* A stamp after the item's date: a plan, not a history. */
	check("March 3, 2024 02:00 UTC - Maintenance starts.\n\n"
	      "March 2, 2024 09:00 UTC - Maintenance announced.", ref, "none");
	/* Zoneless, and the newest stamp is no whole zone away from the item's date. */
	check("3/2/24, 8:27 AM: Fixed.\n\n3/2/24, 8:00 AM: Down.", ref, "none");
	/* Zoneless, a quarter hour from the item's date: no zone keeps +00:15. */
	check("3/2/24, 10:35 AM: Fixed.\n\n3/2/24, 9:10 AM: Down.", ref, "none");
	/* Zoneless, and the item's date fits the first post in UTC as well as the last
	 * two hours east: which one it is, nothing says. */
	check("June 10, 2025 12:00 \xe2\x80\x94 Resolved: all fixed.\n"
	      "June 10, 2025 10:00 \xe2\x80\x94 Investigating: apps down.",
	      "2025-06-10T10:00:00Z", "none");
	/* A zone on one stamp says nothing of a zoneless one: it is not guessed. */
	check("June 10, 2025 12:00 UTC - Fixed.\nJune 10, 2025 10:00 - Down.",
	      "2025-06-10T12:00:00Z", "none");
	/* A weekday names a date the stamp does not give: a schedule, not posts of today. */
	check("Mon 10:00 UTC - window A\nTue 10:00 UTC - window B\n", "2025-06-10T12:00:00Z",
	      "none");
	/* More posts than are kept: which are the oldest, the text alone says. */
	GString *many = g_string_new(NULL);
	for (int i = 0; i < 70; i++) {
		int min = 10 * 60 + 20 - 5 * i;
		g_string_append_printf(many, "March 2, 2024 %02d:%02d UTC - Update %d.\n\n", min / 60,
				       min % 60, 70 - i);
	}
	check(many->str, ref, "none");
	g_string_free(many, TRUE);
	/* Zoneless clock times cannot be placed. */
	check("10:20: Fixed.\n\n09:40: Down.", ref, "none");
	/* An impossible date in the timeline refuses it all. */
	check("2/30/24, 10:20 AM: Fixed.\n\n2/29/24, 9:40 AM: Down.", ref, "none");
	/* Months before the item: not this item's history. */
	check("March 2, 2024 10:00 UTC - Fixed.\n\nJanuary 2, 2024 10:00 UTC - Down.", ref, "none");
}

/* A window of the data an event touched ("data created between ...", "orders placed
 * between ...", "messages sent between ...") says which records were hit, not when
 * the service was: it is skipped, and the impact's own statement, a label or the
 * timeline gives the window (or none does). */
static void
test_affected_data_window(void)
{
	check("Data created between 17:20 and 00:00 UTC was lost. The outage began at 23:40 UTC.",
	      "2024-02-01T06:00:00Z", "2024-01-31T23:40:00Z..open");
	check("Orders placed between 08:10 UTC and 09:30 UTC must be resubmitted.",
	      "2024-02-01T12:00:00Z", "none");
	check("Update: Uploaded between 02:00 and 04:15 UTC, some files are missing.",
	      "2024-02-01T12:00:00Z", "none");
	check("Messages sent or received between 02:00 and 04:15 UTC were not delivered.",
	      "2024-02-01T12:00:00Z", "none");
	check("Quotes and approvals that were created between 02:53 and 06:29 UTC may be missing. "
	      "Since 06:50 UTC our sync to the instance fails.",
	      "2016-05-10T09:10:00Z", "2016-05-10T06:50:00Z..open");
	/* The timeline gives it when no sentence states the impact. */
	check("May 10, 2016 20:30 UTC - Resolved: The instance is available again. Data written "
	      "between 02:53 and 06:29 UTC on May 10 could not be recovered.\n\n"
	      "May 10, 2016 06:40 UTC - Investigating: Customers cannot log in.",
	      "2016-05-10T20:30:00Z", "2016-05-10T06:40:00Z..2016-05-10T20:30:00Z");
	/* What the service did in that window is its impact, as are reports received. */
	check("Between 17:20 and 18:05 UTC, data uploads failed.", "2024-02-01T06:00:00Z",
	      "2024-01-31T17:20:00Z..2024-01-31T18:05:00Z");
	check("We have received reports of errors between 17:20 and 18:05 UTC.",
	      "2024-02-01T06:00:00Z", "2024-01-31T17:20:00Z..2024-01-31T18:05:00Z");
	check("Requests between 17:20 and 18:05 UTC were slow. Messages were delayed.",
	      "2024-02-01T06:00:00Z", "2024-01-31T17:20:00Z..2024-01-31T18:05:00Z");
	/* A participle further back is the customers' experience, not the data's. */
	check("Some customers received 503 errors between 10:00 and 11:00 UTC when sending mail.",
	      "2022-06-06T18:00:00Z", "2022-06-06T10:00:00Z..2022-06-06T11:00:00Z");
	check("Users who uploaded files saw errors between 10:00 and 11:00 UTC.",
	      "2022-06-06T18:00:00Z", "2022-06-06T10:00:00Z..2022-06-06T11:00:00Z");
}

/* Full stamps set off as bold labels, with no separator after them once they are text. */
static void
test_timeline_bold_stamps(void)
{
	check("31 Jan 23:50 UTC We are working on the database. The site is offline.\n"
	      "1 Feb 09:00 UTC Restore in progress.\n"
	      "1 Feb 18:20 UTC The site is back online.",
	      "2017-02-01T18:20:00Z", "2017-01-31T23:50:00Z..2017-02-01T18:20:00Z");
	check("Feb 1, 2017 18:20 UTC Resolved. The site is back online.\n"
	      "Jan 31, 2017 23:50 UTC We are investigating.",
	      "2017-02-01T18:20:00Z", "2017-01-31T23:50:00Z..2017-02-01T18:20:00Z");
	/* Without a zone, or followed by lower case, a line's first time is prose. */
	check("31 Jan 23:50 we began work on the database.\n"
	      "1 Feb 09:00 restore in progress.",
	      "2017-02-01T18:20:00Z", "none");
}

/* text_window_update_end() on its own: stamps only where a post starts, plans that are no
 * state, the bound on their number, the zone an earlier update named, and a text with no
 * update at all. */
static void
test_update_end(void)
{
	gint64 date = at("2014-01-24T15:45:00Z");
	gint64 end = SW_TIME_NONE;
	/* PST from the item's date (-480). */
	g_assert_true(text_window_update_end("Slow. Update 8:35 AM: resolved.", date, date, true,
					     -480, &end));
	g_assert_cmpint(end, ==, at("2014-01-24T16:35:00Z"));
	/* A zone named once holds for the updates after it (the item's date says UTC). */
	g_assert_true(text_window_update_end("Slow.\nUpdate 8:00 AM PST: investigating.\n"
					     "Update 9:10 AM: fixed.",
					     date, date, true, 0, &end));
	g_assert_cmpint(end, ==, at("2014-01-24T17:10:00Z"));
	/* Not a post's stamp: inside a sentence, no separator, no clock. */
	static const char *const none[] = {
		"We will post an update at 9:00 AM: thanks for your patience, it is resolved.",
		"Update 9:00 AM PST resolved.",
		"Update: the problem is resolved.",
		"Last updated 9:00 AM: resolved.",
		"Resolved at 9:00 AM.",
		NULL, /* no text at all */
	};
	for (gsize i = 0; i < G_N_ELEMENTS(none); i++) {
		g_assert_false(text_window_update_end(none[i], date, date, true, -480, &end));
	}
	/* A plan is not a state: the over-word after "to", "should be", "bring", "get",
	 * "expect", or before a time to come ("shortly", "soon", "by noon") leaves it open. */
	static const char *const plans[] = {
		"Slow. Update 8:35 AM: Engineers are working to bring the site back online.",
		"Slow. Update 8:35 AM: We have found the cause and services should be "
		"restored shortly.",
		"Slow. Update 8:35 AM: The team is working to have everything back to normal "
		"soon.",
		"Slow. Update 8:35 AM: A fix is rolling out; the service should be fully "
		"operational by noon.",
		"Slow. Update 8:35 AM: We hope to get mail delivery fixed.",
		"Slow. Update 8:35 AM: We expect all sites restored within the hour.",
		"Slow. Update 8:35 AM: Sites will be back online in the next hour.",
		"Slow. Update 8:35 AM: Access is being restored over the next few hours.",
		"Slow. Update 8:35 AM: Service restored later today, we think.",
		"Slow. Update 8:35 AM: It is fixed by 9 AM, we expect.",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(plans); i++) {
		g_assert_false(text_window_update_end(plans[i], date, date, true, -480, &end));
	}
	/* A state, in the words the plans above borrow. */
	static const char *const over[] = {
		"Slow. Update 8:35 AM: The problem with Google Sites should now be resolved.",
		"Slow. Update 8:35 AM: The issue is resolved.",
		"Slow. Update 8:35 AM: Google services are working again.",
		"Slow. Update 8:35 AM: Service has been restored.",
		"Slow. Update 8:35 AM: fixed.",
		"Slow. Update 8:35 AM: We have restored service to all users.",
		"Slow. Update 8:35 AM: The issue was fixed by a configuration change.",
		"Slow. Update 8:35 AM: All services restored. We will post more soon.",
		"Slow. Update 8:35 AM: Mail is restored and we will post again within the hour.",
		"Slow. Update 8:35 AM: The outage was due to a bad deploy, now fixed.",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(over); i++) {
		end = SW_TIME_NONE;
		g_assert_true(text_window_update_end(over[i], date, date, true, -480, &end));
		g_assert_cmpint(end, ==, at("2014-01-24T16:35:00Z"));
	}
	/* A hostile body: more stamps than UPDATE_MAX_STAMPS refuse the reading. */
	GString *many = g_string_new("Slow.");
	for (int i = 0; i < 65; i++) {
		g_string_append_printf(many, " Update 8:%02d AM: fixed.", i % 60);
	}
	g_assert_false(text_window_update_end(many->str, date, date, true, -480, &end));
	g_string_free(many, TRUE);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/text-window/prose-reports", test_prose_reports);
	g_test_add_func("/text-window/start-only", test_start_only);
	g_test_add_func("/text-window/between", test_between);
	g_test_add_func("/text-window/us-styles", test_us_styles);
	g_test_add_func("/text-window/refusals", test_refusals);
	g_test_add_func("/text-window/first-window-wins", test_first_window_wins);
	g_test_add_func("/text-window/timelines", test_timelines);
	g_test_add_func("/text-window/labelled", test_labelled);
	g_test_add_func("/text-window/timeline-refusals", test_timeline_refusals);
	g_test_add_func("/text-window/timeline-first-post-dated", test_timeline_first_post_dated);
	g_test_add_func("/text-window/affected-data-window", test_affected_data_window);
	g_test_add_func("/text-window/timeline-bold-stamps", test_timeline_bold_stamps);
	g_test_add_func("/text-window/update-end", test_update_end);
	return g_test_run();
}
