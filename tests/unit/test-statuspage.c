/*
 * Statuspage API v2 documents → advisories, checked the way a user would read
 * them: ids, titles, normalized status and severity, services, RFC 3339 times,
 * update counts and order.  Fixtures: tests/fixtures/statuspage/ (our own, in
 * the real shapes) and the shared corpus (chargebee.json, tallyframe.json).
 */
#include <string.h>

#include <glib.h>

#include "model/advisory.h"
#include "sources/json_util.h"
#include "sources/source.h"
#include "util/error.h"
#include "util/timeparse.h"

#include "test-util.h"

static SourceResult *
parse_file(const char *path, const SourceContext *ctx, GError **error)
{
	g_autofree char *data = NULL;
	gsize len = 0;

	g_assert_true(g_file_get_contents(path, &data, &len, NULL));
	return source_parse(ctx, data, len, error);
}

static SourceResult *
parse_fixture(const char *name, const char *source)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", "statuspage", name,
						      NULL);
	SourceContext ctx = {.source_name = source};
	g_autoptr(GError) error = NULL;
	SourceResult *r = parse_file(path, &ctx, &error);

	g_assert_no_error(error);
	g_assert_nonnull(r);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_STATUSPAGE);
	return r;
}

static void
assert_services(const Advisory *a, const char *const *expected)
{
	guint n = 0;
	for (; expected[n] != NULL; n++) {
		if (!advisory_has_service(a, expected[n])) {
			g_test_message("%s: missing service '%s'", a->id, expected[n]);
			g_test_fail();
		}
	}
	g_assert_cmpuint(a->services->len, ==, n);
}

static void
assert_updates_ordered(const Advisory *a)
{
	for (guint i = 1; i < a->updates->len; i++) {
		const AdvisoryUpdate *prev = a->updates->pdata[i - 1];
		const AdvisoryUpdate *cur = a->updates->pdata[i];
		g_assert_cmpint(prev->time, <=, cur->time);
	}
}

static void
test_golden(void)
{
	static const char *const cases[] = {"incidents-utc.json", "incidents-offset.json", "summary.json", "scheduled-maintenances.json"};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", "statuspage",
							      cases[i], NULL);
		g_autofree char *data = NULL;
		gsize len = 0;
		g_assert_true(g_file_get_contents(path, &data, &len, NULL));
		SourceContext ctx = {.source_name = "acme"};
		g_autoptr(GError) error = NULL;
		g_autoptr(SourceResult) r = source_parse(&ctx, data, len, &error);
		g_assert_no_error(error);
		test_check_golden("statuspage", cases[i], r);
	}
}

static void
test_incidents_utc(void)
{
	g_autoptr(SourceResult) r = parse_fixture("incidents-utc.json", "acme");

	/* Four incidents listed, one without an id: three advisories and a warning. */
	g_assert_cmpuint(r->advisories->len, ==, 3);
	g_assert_true(test_has_warning(r, "incidents[2] ('An incident without an id') "
				     "has no id, skipping"));

	const Advisory *a = test_find(r, "k7xq2m9p4r1s");
	g_assert_cmpstr(a->source, ==, "acme");
	g_assert_cmpstr(a->title, ==, "Elevated API error rates in us-east");
	g_assert_cmpint(a->kind, ==, ADVISORY_KIND_INCIDENT);
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(a->raw_status, ==, "resolved");
	g_assert_cmpint(a->severity, ==, ADVISORY_SEVERITY_MAJOR);
	/* Components of the incident plus those named only by an update. */
	assert_services(a, (const char *const[]){"API", "Dashboard", "Webhooks", NULL});
	test_assert_time(a->start, "2025-10-20T06:55:00Z"); /* started_at, not created_at */
	g_assert_cmpint(a->date_offset, ==, 0); /* a UTC page: "Z" */
	test_assert_time(a->end, "2025-10-20T09:40:30Z");
	test_assert_time(a->updated, "2025-10-20T09:41:00Z");
	g_assert_cmpstr(a->url, ==, "https://stspg.io/acme0001");
	g_assert_cmpstr(a->text, ==, "Error rates are back to normal. This incident is resolved.");
	g_assert_cmpuint(a->updates->len, ==, 3);
	const AdvisoryUpdate *u0 = a->updates->pdata[0];
	const AdvisoryUpdate *u1 = a->updates->pdata[1];
	const AdvisoryUpdate *u2 = a->updates->pdata[2];
	g_assert_cmpint(u0->status, ==, ADVISORY_STATUS_INVESTIGATING);
	test_assert_time(u0->time, "2025-10-20T07:02:11Z");
	g_assert_cmpint(u1->status, ==, ADVISORY_STATUS_IDENTIFIED);
	/* The anchor is gone, its text stays. */
	g_assert_nonnull(strstr(u1->text, "outage at our cloud provider in us-east-1"));
	g_assert_null(strstr(u1->text, "<a"));
	g_assert_cmpint(u2->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_true(advisory_is_closed(a, 1761000000));

	const Advisory *pm = test_find(r, "pm0rt3m0n3xx");
	g_assert_cmpint(pm->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(pm->raw_status, ==, "postmortem");
	g_assert_cmpint(pm->severity, ==, ADVISORY_SEVERITY_CRITICAL);
	g_assert_nonnull(strstr(pm->text, "certificate expired"));
	g_assert_null(strstr(pm->text, "<p>"));
	g_assert_cmpuint(pm->updates->len, ==, 3);
	assert_updates_ordered(pm);

	const Advisory *m = test_find(r, "m0n1t0r1ng01");
	g_assert_cmpint(m->status, ==, ADVISORY_STATUS_MONITORING);
	g_assert_cmpint(m->severity, ==, ADVISORY_SEVERITY_INFO); /* impact "none" */
	g_assert_cmpint(m->end, ==, SW_TIME_NONE);
	g_assert_false(advisory_is_closed(m, 1761100000));
	/* No components anywhere: the page's name stands for the service. */
	assert_services(m, (const char *const[]){"Acme Cloud", NULL});
	/* No shortlink: the page URL's incident path. */
	g_assert_cmpstr(m->url, ==, "https://status.acme-cloud.example/incidents/m0n1t0r1ng01");
	g_assert_cmpstr(m->text, ==, "A fix is deployed; we are monitoring.");

	/* Document order is kept. */
	g_assert_cmpstr(((Advisory *)r->advisories->pdata[0])->id, ==, "m0n1t0r1ng01");
}

static void
test_incidents_offset(void)
{
	g_autoptr(SourceResult) r = parse_fixture("incidents-offset.json", "northwind");

	g_assert_cmpuint(r->advisories->len, ==, 2);
	g_assert_cmpuint(r->warnings->len, ==, 0);

	/* -07:00 page times come out in UTC. */
	const Advisory *a = test_find(r, "t8hq0w2lzv5c");
	test_assert_time(a->start, "2025-10-20T07:20:00Z");
	test_assert_time(a->end, "2025-10-20T19:40:00Z");
	/* The page's clock, kept for a title that dates its event ("Tuesday morning"). */
	g_assert_cmpint(a->date_offset, ==, -7 * 60);
	g_assert_cmpint(a->severity, ==, ADVISORY_SEVERITY_CRITICAL);
	assert_services(a, (const char *const[]){"Dashboards", "Ingestion API", NULL});
	g_assert_cmpuint(a->updates->len, ==, 4);
	assert_updates_ordered(a);
	test_assert_time(((AdvisoryUpdate *)a->updates->pdata[0])->time, "2025-10-20T07:25:00Z");
	g_assert_cmpstr(a->text, ==, "All dashboards load normally.");

	/* A maintenance listed among incidents (impact "maintenance"). */
	const Advisory *m = test_find(r, "mnt0000000a1");
	g_assert_cmpint(m->kind, ==, ADVISORY_KIND_MAINTENANCE);
	g_assert_cmpint(m->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(m->raw_status, ==, "completed");
	g_assert_cmpint(m->severity, ==, ADVISORY_SEVERITY_INFO);
	test_assert_time(m->start, "2025-10-19T05:00:00Z"); /* scheduled_for */
	g_assert_cmpint(m->date_offset, ==, -7 * 60);
	g_assert_cmpuint(m->updates->len, ==, 3);
	g_assert_cmpint(((AdvisoryUpdate *)m->updates->pdata[0])->status, ==,
			ADVISORY_STATUS_SCHEDULED);
	g_assert_cmpint(((AdvisoryUpdate *)m->updates->pdata[1])->status, ==,
			ADVISORY_STATUS_DEGRADED);
	g_assert_cmpint(((AdvisoryUpdate *)m->updates->pdata[2])->status, ==,
			ADVISORY_STATUS_RESOLVED);
}

static void
test_summary(void)
{
	g_autoptr(SourceResult) r = parse_fixture("summary.json", "example");

	g_assert_cmpuint(r->advisories->len, ==, 2);

	const Advisory *i = test_find(r, "i1i1i1i1i1i1");
	g_assert_cmpint(i->kind, ==, ADVISORY_KIND_INCIDENT);
	g_assert_cmpint(i->status, ==, ADVISORY_STATUS_IDENTIFIED);
	g_assert_cmpint(i->severity, ==, ADVISORY_SEVERITY_MAJOR);
	g_assert_cmpint(i->end, ==, SW_TIME_NONE);
	assert_services(i, (const char *const[]){"API", NULL});
	g_assert_cmpuint(i->updates->len, ==, 2);
	g_assert_cmpstr(i->text, ==,
			"The issue is caused by an outage at our cloud provider in us-east-1.");

	const Advisory *m = test_find(r, "s1s1s1s1s1s1");
	g_assert_cmpint(m->kind, ==, ADVISORY_KIND_MAINTENANCE);
	g_assert_cmpint(m->status, ==, ADVISORY_STATUS_DEGRADED); /* in_progress */
	g_assert_cmpstr(m->raw_status, ==, "in_progress");
	test_assert_time(m->start, "2025-10-20T07:00:00Z");
	/* Work in progress ends as announced (scheduled_until) until it says otherwise. */
	test_assert_time(m->end, "2025-10-20T09:00:00Z");
	assert_services(m, (const char *const[]){"EU Edge", NULL});
}

static void
test_scheduled_maintenances(void)
{
	g_autoptr(SourceResult) r = parse_fixture("scheduled-maintenances.json", "example");

	g_assert_cmpuint(r->advisories->len, ==, 3);
	for (guint k = 0; k < r->advisories->len; k++) {
		const Advisory *a = r->advisories->pdata[k];
		g_assert_cmpint(a->kind, ==, ADVISORY_KIND_MAINTENANCE);
		g_assert_cmpint(a->severity, ==, ADVISORY_SEVERITY_INFO);
	}
	const Advisory *up = test_find(r, "up0000000001");
	g_assert_cmpint(up->status, ==, ADVISORY_STATUS_SCHEDULED);
	test_assert_time(up->start, "2025-10-25T02:00:00Z");
	/* Upcoming maintenance has its announced end (scheduled_until). */
	test_assert_time(up->end, "2025-10-25T04:00:00Z");
	assert_services(up, (const char *const[]){"Object Storage", NULL});

	const Advisory *ver = test_find(r, "vf0000000001");
	g_assert_cmpint(ver->status, ==, ADVISORY_STATUS_MONITORING); /* verifying */
	g_assert_cmpuint(ver->updates->len, ==, 3);
	assert_updates_ordered(ver);
	g_assert_cmpstr(ver->text, ==, "The work is done; we are verifying.");
	test_assert_time(ver->end, "2025-10-20T07:00:00Z");

	const Advisory *done = test_find(r, "dn0000000001");
	g_assert_cmpint(done->status, ==, ADVISORY_STATUS_RESOLVED);
	/* A completed one ended when it said so (resolved_at), not at scheduled_until. */
	test_assert_time(done->end, "2025-10-12T08:55:00Z");
	/* No components: the page name. */
	assert_services(done, (const char *const[]){"Example", NULL});
}

static char *
corpus_path(const char *name)
{
	const char *shared = g_getenv("SW_SHARED");
	if (shared == NULL) {
		return NULL;
	}
	char *path = g_build_filename(shared, "corpus", "aws-2025-10", name, NULL);
	if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_free(path);
		return NULL;
	}
	return path;
}

static void
test_corpus_chargebee(void)
{
	g_autofree char *path = corpus_path("chargebee.json");
	if (path == NULL) {
		g_test_skip("shared corpus not found (SW_SHARED)");
		return;
	}
	SourceContext ctx = {.source_name = "chargebee"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_file(path, &ctx, &error);
	g_assert_no_error(error);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_STATUSPAGE);
	g_assert_cmpuint(r->advisories->len, ==, 3);
	g_assert_cmpuint(r->warnings->len, ==, 0);

	const Advisory *a = test_find(r, "r93dsnqt3nq3");
	g_assert_cmpstr(a->title, ==, "Elevated errors and slow responses for US-hosted sites");
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpint(a->severity, ==, ADVISORY_SEVERITY_MAJOR);
	test_assert_time(a->start, "2025-10-20T06:46:00Z");
	test_assert_time(a->end, "2025-10-20T23:06:00Z");
	g_assert_true(advisory_has_service(a, "Web Application (US)"));
	g_assert_true(advisory_has_service(a, "API (US)"));
	g_assert_true(advisory_has_service(a, "Webhooks"));
	g_assert_cmpuint(a->updates->len, ==, 5);
	assert_updates_ordered(a);
	g_assert_cmpint(((AdvisoryUpdate *)a->updates->pdata[0])->status, ==,
			ADVISORY_STATUS_INVESTIGATING);
	g_assert_cmpint(((AdvisoryUpdate *)a->updates->pdata[4])->status, ==,
			ADVISORY_STATUS_RESOLVED);
	g_assert_nonnull(a->url);

	const Advisory *c = test_find(r, "c3du5ts2r5fn");
	g_assert_cmpint(c->severity, ==, ADVISORY_SEVERITY_MINOR);
	test_assert_time(c->start, "2025-10-20T04:10:00Z");
	test_find(r, "ekpokwo6mrq1");
}

static void
test_corpus_tallyframe(void)
{
	g_autofree char *path = corpus_path("tallyframe.json");
	if (path == NULL) {
		g_test_skip("shared corpus not found (SW_SHARED)");
		return;
	}
	SourceContext ctx = {.source_name = "tallyframe"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_file(path, &ctx, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 2);

	/* America/Los_Angeles page: 00:20 -07:00 is 07:20 UTC. */
	const Advisory *a = test_find(r, "t3tq7b2ai4cj");
	g_assert_cmpint(a->severity, ==, ADVISORY_SEVERITY_CRITICAL);
	test_assert_time(a->start, "2025-10-20T07:20:00Z");
	test_assert_time(a->end, "2025-10-20T19:40:00Z");
	g_assert_cmpuint(a->updates->len, ==, 4);
	assert_updates_ordered(a);
	g_assert_true(advisory_has_service(a, "Dashboards"));
	g_assert_true(advisory_has_service(a, "Ingestion API"));

	const Advisory *t = test_find(r, "thhwn2thnt69");
	g_assert_cmpint(t->severity, ==, ADVISORY_SEVERITY_MINOR);
	test_assert_time(t->start, "2025-10-20T09:10:00Z");
}

static void
test_status_words(void)
{
	static const struct {
		const char *word;
		AdvisoryStatus status;
	} cases[] = {
		{"investigating", ADVISORY_STATUS_INVESTIGATING},
		{"identified", ADVISORY_STATUS_IDENTIFIED},
		{"monitoring", ADVISORY_STATUS_MONITORING},
		{"resolved", ADVISORY_STATUS_RESOLVED},
		{"postmortem", ADVISORY_STATUS_RESOLVED},
		{"scheduled", ADVISORY_STATUS_SCHEDULED},
		{"in_progress", ADVISORY_STATUS_DEGRADED},
		{"verifying", ADVISORY_STATUS_MONITORING},
		{"completed", ADVISORY_STATUS_RESOLVED},
		{"Resolved", ADVISORY_STATUS_RESOLVED},
		{"something_new", ADVISORY_STATUS_UNKNOWN},
		{"", ADVISORY_STATUS_UNKNOWN},
		{NULL, ADVISORY_STATUS_UNKNOWN},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_assert_cmpint(statuspage_status_from_word(cases[i].word), ==, cases[i].status);
	}
	g_assert_cmpint(statuspage_severity_from_impact("none"), ==, ADVISORY_SEVERITY_INFO);
	g_assert_cmpint(statuspage_severity_from_impact("minor"), ==, ADVISORY_SEVERITY_MINOR);
	g_assert_cmpint(statuspage_severity_from_impact("major"), ==, ADVISORY_SEVERITY_MAJOR);
	g_assert_cmpint(statuspage_severity_from_impact("critical"), ==,
			ADVISORY_SEVERITY_CRITICAL);
	g_assert_cmpint(statuspage_severity_from_impact("maintenance"), ==,
			ADVISORY_SEVERITY_INFO);
	g_assert_cmpint(statuspage_severity_from_impact("apocalyptic"), ==,
			ADVISORY_SEVERITY_UNKNOWN);
}

static SourceResult *
parse_hostile(const char *name, const SourceContext *ctx, GError **error)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", "hostile", name,
						      NULL);
	return parse_file(path, ctx, error);
}

/* A report posted after the fact ("Between 16:38 and 17:55 UTC, some card payments
 * failed ...", posted at 19:25) is the impact's window, not the report's; a live
 * incident's stated start is left to its stamps, and so is a window of the day
 * before. */
static void
test_report_after_the_fact(void)
{
	static const char doc[] =
		"{\"page\": {\"id\": \"p1\", \"name\": \"Ticketly\", \"url\": "
		"\"https://status.ticketly.example\", \"time_zone\": \"Etc/UTC\"}, "
		"\"incidents\": ["
		"{\"id\": \"r1\", \"name\": \"Card payments failed\", \"status\": \"resolved\", "
		"\"created_at\": \"2019-07-10T19:25:00Z\", \"resolved_at\": \"2019-07-10T19:25:00Z\", "
		"\"impact\": \"major\", \"incident_updates\": [{\"id\": \"u1\", \"status\": "
		"\"resolved\", \"body\": \"Between 16:38 and 17:55 UTC, some card payments failed.\", "
		"\"created_at\": \"2019-07-10T19:25:00Z\"}]},"
		"{\"id\": \"l1\", \"name\": \"Checkout errors\", \"status\": \"resolved\", "
		"\"created_at\": \"2019-07-10T16:45:00Z\", \"resolved_at\": \"2019-07-10T18:05:00Z\", "
		"\"impact\": \"minor\", \"incident_updates\": [{\"id\": \"u2\", \"status\": "
		"\"investigating\", \"body\": \"Since 16:30 UTC some checkouts fail.\", "
		"\"created_at\": \"2019-07-10T16:45:00Z\"}]},"
		"{\"id\": \"f1\", \"name\": \"Vehicle positions delayed\", \"status\": "
		"\"resolved\", \"created_at\": \"2019-07-11T06:05:00Z\", \"resolved_at\": "
		"\"2019-07-12T05:50:00Z\", \"impact\": \"major\", \"incident_updates\": ["
		"{\"id\": \"u3\", \"status\": \"identified\", \"body\": \"Separately, our fleets "
		"in Japan lost connectivity between 04:40 and 09:05 UTC today.\", \"created_at\": "
		"\"2019-07-11T06:30:00Z\"}]}]}";
	SourceContext ctx = {.source_name = "ticketly"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, doc, strlen(doc), &error);
	g_assert_no_error(error);
	const Advisory *a = test_find(r, "r1");
	test_assert_time(a->start, "2019-07-10T16:38:00Z");
	test_assert_time(a->end, "2019-07-10T17:55:00Z");
	const Advisory *l = test_find(r, "l1");
	test_assert_time(l->start, "2019-07-10T16:45:00Z");
	test_assert_time(l->end, "2019-07-10T18:05:00Z");
	/* An update's window whose clock times fit only the day before (09:05 is after
	 * the post) ended 21 h before the first post: no report of this item. */
	const Advisory *f = test_find(r, "f1");
	test_assert_time(f->start, "2019-07-11T06:05:00Z");
	test_assert_time(f->end, "2019-07-12T05:50:00Z");
}

static void
test_wrong_types(void)
{
	SourceContext ctx = {.source_name = "odd"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_hostile("json-wrong-types.json", &ctx, &error);

	g_assert_no_error(error);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_STATUSPAGE);
	/* Kept: two string ids and the numeric one; skipped: null, empty, string, null. */
	g_assert_cmpuint(r->advisories->len, ==, 3);

	const Advisory *a = test_find(r, "wr0ngtyp3s01");
	g_assert_null(a->title);
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_UNKNOWN);
	g_assert_null(a->raw_status);
	g_assert_cmpint(a->severity, ==, ADVISORY_SEVERITY_UNKNOWN);
	g_assert_cmpint(a->start, ==, SW_TIME_NONE);
	g_assert_cmpint(a->end, ==, SW_TIME_NONE);
	g_assert_null(a->url); /* shortlink and page url of the wrong type */
	g_assert_cmpuint(a->updates->len, ==, 0);
	/* The page name is not a string: the source name stands in. */
	assert_services(a, (const char *const[]){"odd", NULL});
	g_assert_true(test_has_warning(r, "incident 'wr0ngtyp3s01': unparsable started_at 'not a date'"));

	const Advisory *b = test_find(r, "wr0ngtyp3s02");
	assert_services(b, (const char *const[]){"API", "Real Component", NULL});
	/* Two update objects survive; the four non-objects are warned about. */
	g_assert_cmpuint(b->updates->len, ==, 2);
	g_assert_cmpstr(b->text, ==, "ok");
	test_assert_time(b->start, "2025-10-20T07:00:00Z");

	const Advisory *n = test_find(r, "12345");
	g_assert_cmpint(n->status, ==, ADVISORY_STATUS_RESOLVED);

	g_assert_true(test_has_warning(r, "incidents[2] ('null id') has no id, skipping"));
	g_assert_true(test_has_warning(r, "incidents[3] ('empty id') has no id, skipping"));
	g_assert_true(test_has_warning(r, "incidents[5] is not an object, skipping"));
	g_assert_true(test_has_warning(r, "incidents[6] is not an object, skipping"));
}

static void
test_invalid_utf8(void)
{
	SourceContext ctx = {.source_name = "utf8"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_hostile("json-invalid-utf8.json", &ctx, &error);

	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 1);
	const Advisory *a = r->advisories->pdata[0];
	g_assert_true(g_utf8_validate(a->title, -1, NULL));
	g_assert_true(g_utf8_validate(a->text, -1, NULL));
	g_assert_true(g_str_has_prefix(a->title, "Caf"));
	for (guint i = 0; i < a->services->len; i++) {
		g_assert_true(g_utf8_validate(a->services->pdata[i], -1, NULL));
	}
}

static void
test_limits(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", "statuspage",
						      "incidents-utc.json", NULL);
	/* max_items: the first incident only, and a warning saying so. */
	SourceContext ctx = {.source_name = "acme", .max_items = 1};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_file(path, &ctx, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 1);
	g_assert_cmpstr(((Advisory *)r->advisories->pdata[0])->id, ==, "m0n1t0r1ng01");
	g_assert_true(test_has_warning(r, "beyond the limit of 1 skipped"));

	/* max_field_bytes: every text cut, still valid UTF-8. */
	SourceContext small = {.source_name = "acme", .max_field_bytes = 12};
	g_autoptr(SourceResult) s = parse_file(path, &small, &error);
	g_assert_no_error(error);
	for (guint i = 0; i < s->advisories->len; i++) {
		const Advisory *a = s->advisories->pdata[i];
		g_assert_cmpuint(strlen(a->title), <=, 12);
		g_assert_cmpuint(strlen(a->text), <=, 12);
		for (guint k = 0; k < a->updates->len; k++) {
			const AdvisoryUpdate *u = a->updates->pdata[k];
			g_assert_cmpuint(strlen(u->text), <=, 12);
		}
	}
}

static void
test_not_statuspage_when_forced(void)
{
	/* A JSON document with none of our keys, forced to Statuspage: a clear error. */
	static const char doc[] = "{\"hello\": \"world\"}";
	SourceContext ctx = {.source_name = "sp", .expect = SOURCE_FORMAT_STATUSPAGE};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, doc, sizeof doc - 1, &error);

	g_assert_null(r);
	g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
	g_assert_cmpstr(error->message, ==,
			"not a Statuspage document: no page, incidents or "
			"scheduled_maintenances");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/statuspage/incidents-utc", test_incidents_utc);
	g_test_add_func("/statuspage/incidents-offset", test_incidents_offset);
	g_test_add_func("/statuspage/summary", test_summary);
	g_test_add_func("/statuspage/scheduled-maintenances", test_scheduled_maintenances);
	g_test_add_func("/statuspage/corpus-chargebee", test_corpus_chargebee);
	g_test_add_func("/statuspage/corpus-tallyframe", test_corpus_tallyframe);
	g_test_add_func("/statuspage/status-words", test_status_words);
	g_test_add_func("/statuspage/report-after-the-fact", test_report_after_the_fact);
	g_test_add_func("/statuspage/wrong-types", test_wrong_types);
	g_test_add_func("/statuspage/invalid-utf8", test_invalid_utf8);
	g_test_add_func("/statuspage/limits", test_limits);
	g_test_add_func("/statuspage/forced-not-statuspage", test_not_statuspage_when_forced);
	g_test_add_func("/statuspage/golden", test_golden);
	return g_test_run();
}
