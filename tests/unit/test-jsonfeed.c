/*
 * JSON Feed 1.0 / 1.1 → advisories: ids (numeric ones coerced), titles, text
 * from HTML, RFC 3339 times with offsets, tags as services, relative URLs made
 * absolute, unsafe URLs dropped, wrong types tolerated.
 * Fixtures: tests/fixtures/jsonfeed/ and tests/fixtures/hostile/.
 */
#include <string.h>

#include <glib.h>

#include "model/advisory.h"
#include "sources/source.h"
#include "util/error.h"
#include "util/timeparse.h"

#include "test-util.h"

static SourceResult *
parse_path(const char *dir, const char *name, const SourceContext *ctx, GError **error)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", dir, name, NULL);
	g_autofree char *data = NULL;
	gsize len = 0;

	g_assert_true(g_file_get_contents(path, &data, &len, NULL));
	return source_parse(ctx, data, len, error);
}

static void
test_golden(void)
{
	static const char *const cases[] = {"feed-1.1.json", "feed-1.0.json"};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", "jsonfeed",
							      cases[i], NULL);
		g_autofree char *data = NULL;
		gsize len = 0;
		g_assert_true(g_file_get_contents(path, &data, &len, NULL));
		SourceContext ctx = {.source_name = "feed"};
		g_autoptr(GError) error = NULL;
		g_autoptr(SourceResult) r = source_parse(&ctx, data, len, &error);
		g_assert_no_error(error);
		test_check_golden("jsonfeed", cases[i], r);
	}
}

static void
test_feed_1_1(void)
{
	SourceContext ctx = {.source_name = "contoso"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_path("jsonfeed", "feed-1.1.json", &ctx, &error);

	g_assert_no_error(error);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_JSONFEED);
	g_assert_cmpuint(r->advisories->len, ==, 6);

	const Advisory *a = test_find(r, "inc-2025-10-20-dns");
	g_assert_cmpstr(a->source, ==, "contoso");
	g_assert_cmpstr(a->title, ==, "DNS resolution failures in us-east-1");
	/* Relative url against home_page_url. */
	g_assert_cmpstr(a->url, ==, "https://status.contoso.example/incidents/2025-10-20-dns");
	/* content_html as plain text. */
	g_assert_nonnull(strstr(a->text, "We are seeing DNS resolution failures for requests"));
	g_assert_null(strstr(a->text, "<"));
	test_assert_time(a->start, "2025-10-20T07:05:00Z");
	test_assert_time(a->updated, "2025-10-20T06:15:30Z"); /* 08:15:30.250+02:00 */
	/* Tags are services; "dns" repeats "DNS" and is dropped. */
	g_assert_cmpuint(a->services->len, ==, 2);
	g_assert_true(advisory_has_service(a, "DNS"));
	g_assert_true(advisory_has_service(a, "API"));
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_UNKNOWN);
	g_assert_cmpint(a->kind, ==, ADVISORY_KIND_INCIDENT);
	g_assert_cmpint(a->end, ==, SW_TIME_NONE);

	/* A status word before a colon in the title, as in RSS and Atom titles. */
	const Advisory *res = test_find(r, "inc-2025-10-16-login");
	g_assert_cmpint(res->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(res->raw_status, ==, "Resolved");
	g_assert_cmpint(res->kind, ==, ADVISORY_KIND_INCIDENT);
	const Advisory *mnt = test_find(r, "mnt-2025-10-25");
	g_assert_cmpint(mnt->status, ==, ADVISORY_STATUS_SCHEDULED);
	g_assert_cmpint(mnt->kind, ==, ADVISORY_KIND_MAINTENANCE);

	/* A numeric id is coerced to a string (the spec asks readers to). */
	const Advisory *n = test_find(r, "1234567");
	test_assert_time(n->start, "2025-10-20T05:00:00Z"); /* 22:00-07:00 the day before */
	g_assert_cmpint(n->updated, ==, n->start);
	g_assert_cmpstr(n->text, ==, "Notification e-mails are delayed by up to 20 minutes.");
	/* No tags: the feed title stands for the service. */
	g_assert_cmpuint(n->services->len, ==, 1);
	g_assert_cmpstr(n->services->pdata[0], ==, "Contoso Status");

	/* Title-less item: the text, on one line. */
	const Advisory *t = test_find(r, "note-3");
	g_assert_cmpstr(t->title, ==,
			"Maintenance on the billing system finished early. No action is needed.");
	g_assert_null(t->url);
	g_assert_true(advisory_has_service(t, "Billing"));

	/* Unparsable date → unknown time and a warning; a javascript: url is dropped. */
	const Advisory *b = test_find(r, "bad-date");
	g_assert_cmpint(b->start, ==, SW_TIME_NONE);
	g_assert_null(b->url);
	g_assert_true(test_has_warning(r, "item 'bad-date': unparsable "
				     "date_published 'last Tuesday', ignored"));
}

/* A title announcing planned work makes the item maintenance, as an RSS or Atom
 * item's does ("Scheduled maintenance: ..."): two companies' notices are then told
 * apart by the linker as planned work, not merged as one incident on their words. */
static void
test_planned_title(void)
{
	static const char feed[] =
		"{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Ledgerly Status\","
		" \"items\": ["
		"{\"id\": \"m1\", \"title\": \"Scheduled maintenance: database upgrade\","
		" \"content_text\": \"Ledgerly will be unavailable on Saturday.\"},"
		"{\"id\": \"m2\", \"title\": \"Planned MAINTENANCE of the reports service\"},"
		"{\"id\": \"i1\", \"title\": \"Supplier payments failing\","
		" \"content_text\": \"Payments fail during the database maintenance.\"},"
		"{\"id\": \"i2\", \"title\": \"Resolved: Scheduled exports delayed\"}, "
		"{\"id\": \"p1\", \"title\": \"Planned downtime Friday night\"},"
		"{\"id\": \"u1\", \"title\": \"Unplanned outage of the API\"},"
		"{\"id\": \"u2\", \"title\": \"Restoration taking longer than planned\"}]}";
	SourceContext ctx = {.source_name = "ledgerly"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, feed, strlen(feed), &error);
	g_assert_no_error(error);
	g_assert_cmpint(test_find(r, "m1")->kind, ==, ADVISORY_KIND_MAINTENANCE);
	g_assert_cmpint(test_find(r, "m2")->kind, ==, ADVISORY_KIND_MAINTENANCE);
	/* The text is no title: an incident that mentions maintenance stays one. */
	g_assert_cmpint(test_find(r, "i1")->kind, ==, ADVISORY_KIND_INCIDENT);
	/* The title's status word still sets the status; "Scheduled" makes it planned,
	 * as RSS and Atom titles do. */
	const Advisory *i2 = test_find(r, "i2");
	g_assert_cmpint(i2->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpint(i2->kind, ==, ADVISORY_KIND_MAINTENANCE);
	/* "Planned" of a thing is planned work; "unplanned" and "than planned" are not. */
	g_assert_cmpint(test_find(r, "p1")->kind, ==, ADVISORY_KIND_MAINTENANCE);
	g_assert_cmpint(test_find(r, "u1")->kind, ==, ADVISORY_KIND_INCIDENT);
	g_assert_cmpint(test_find(r, "u2")->kind, ==, ADVISORY_KIND_INCIDENT);
}

/* A JSON Feed item's inline timed update is read in the zone of the item's own date,
 * as an RSS or Atom item's is: "Update 8:50 AM: ... back to normal" in an item
 * published at 07:45 -08:00 ends it at 16:50 UTC; with a zoneless clock and no zone
 * in the date ("2014-01-24T07:45:00" is refused as a date), nothing ends. */
static void
test_update_in_own_zone(void)
{
	static const char feed[] =
		"{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Mailbox\","
		" \"items\": ["
		"{\"id\": \"u1\", \"title\": \"Some messages are delayed\","
		" \"date_published\": \"2014-01-24T07:45:00-08:00\","
		" \"date_modified\": \"2014-01-24T09:00:00-08:00\","
		" \"content_text\": \"Some messages are delayed. Update 8:50 AM: mail delivery"
		" is back to normal.\"},"
		"{\"id\": \"u2\", \"title\": \"Some messages are delayed\","
		" \"date_published\": \"2014-01-24T07:45:00-08:00\","
		" \"content_text\": \"Some messages are delayed.\"},"
		"{\"id\": \"u3\", \"title\": \"Some messages are delayed\","
		" \"date_published\": \"2014-01-24T07:45:00-08:00\","
		" \"content_text\": \"Some messages are delayed. Update 8:50 AM: mail delivery"
		" is back to normal.\"},"
		"{\"id\": \"u4\", \"title\": \"Some messages are delayed\","
		" \"date_modified\": \"2014-01-24T09:00:00-08:00\","
		" \"content_text\": \"Some messages are delayed. Update 8:50 AM: mail delivery"
		" is back to normal.\"}]}";
	SourceContext ctx = {.source_name = "mailbox"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, feed, strlen(feed), &error);
	g_assert_no_error(error);
	const Advisory *u1 = test_find(r, "u1");
	g_assert_cmpint(u1->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpint(u1->end, ==, 1390582200); /* 2014-01-24T16:50:00Z */
	const Advisory *u2 = test_find(r, "u2");
	g_assert_cmpint(u2->end, ==, SW_TIME_NONE);
	/* Only date_published: its zone serves as well (no date_modified is needed). */
	const Advisory *u3 = test_find(r, "u3");
	g_assert_cmpint(u3->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpint(u3->end, ==, 1390582200);
	/* Only date_modified: its zone, and the update is the latest such time by it. */
	const Advisory *u4 = test_find(r, "u4");
	g_assert_cmpint(u4->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpint(u4->end, ==, 1390582200);
}

/* A leading label and a closing word in brackets at the end: the label is read first
 * and the closing word wins, as in RSS and Atom titles ("Investigating: ... (fixed)" is
 * an investigation that was fixed). */
static void
test_label_then_closed(void)
{
	static const char feed[] =
		"{\"version\": \"https://jsonfeed.org/version/1.1\","
		" \"title\": \"Ledgerly Status\", \"items\": ["
		"{\"id\": \"c1\", \"title\": \"Investigating: contact form not sending (fixed)\"},"
		"{\"id\": \"c2\", \"title\": \"Investigating: contact form not sending\"},"
		"{\"id\": \"c3\", \"title\": \"Contact form not sending (fixed)\"}]}";
	SourceContext ctx = {.source_name = "ledgerly"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, feed, strlen(feed), &error);
	g_assert_no_error(error);
	const Advisory *c1 = test_find(r, "c1");
	g_assert_cmpint(c1->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(c1->raw_status, ==, "Investigating");
	g_assert_cmpint(test_find(r, "c2")->status, ==, ADVISORY_STATUS_INVESTIGATING);
	g_assert_cmpint(test_find(r, "c3")->status, ==, ADVISORY_STATUS_RESOLVED);
}

/* The title of a JSON Feed item tells what an RSS item's title tells (one rule,
 * status_words_title_apply()): a label, "[Resolved]" anywhere, a closing word in
 * brackets at the end (an item so titled is over: its end is its last update), planned
 * work.  Each title is read in both formats and must give the same advisory state. */
static void
test_title_as_rss(void)
{
	static const char *const titles[] = {
		"Investigating: contact form not sending (fixed)",
		"Contact form not sending (fixed)",
		"Login errors [Resolved] for EU users",
		"RESOLVED : API errors",
		"Service disruption: Amazon EC2",
		"Scheduled maintenance: database upgrade",
		"Resolved: maintenance overran",
		"Slow logins",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(titles); i++) {
		g_autofree char *json = g_strdup_printf(
			"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
			"{\"id\": \"t\", \"title\": \"%s\","
			" \"date_published\": \"2025-10-16T11:00:00Z\","
			" \"date_modified\": \"2025-10-16T12:00:00Z\","
			" \"content_text\": \"Logins work again.\"}]}",
			titles[i]);
		g_autofree char *rss = g_strdup_printf(
			"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>S</title>"
			"<item><guid>t</guid><title>%s</title>"
			"<pubDate>Thu, 16 Oct 2025 12:00:00 GMT</pubDate>"
			"<description>Logins work again.</description></item></channel></rss>",
			titles[i]);
		SourceContext ctx = {.source_name = "ledgerly"};
		g_autoptr(GError) error = NULL;
		g_autoptr(SourceResult) rj = source_parse(&ctx, json, strlen(json), &error);
		g_assert_no_error(error);
		g_autoptr(SourceResult) rx = source_parse(&ctx, rss, strlen(rss), &error);
		g_assert_no_error(error);
		const Advisory *j = test_find(rj, "t");
		const Advisory *x = test_find(rx, "t");
		g_test_message("%s", titles[i]);
		g_assert_cmpint(j->status, ==, x->status);
		g_assert_cmpstr(j->raw_status, ==, x->raw_status);
		g_assert_cmpint(j->severity, ==, x->severity);
		g_assert_cmpint(j->kind, ==, x->kind);
		g_assert_cmpint(j->end, ==, x->end);
		g_assert_cmpint(j->updated, ==, x->updated);
	}
	/* What the RSS reading is, so the comparison above is not of two wrong readings. */
	static const char one[] =
		"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": ["
		"{\"id\": \"f\", \"title\": \"Contact form not sending (fixed)\","
		" \"date_modified\": \"2025-10-16T12:00:00Z\"},"
		"{\"id\": \"r\", \"title\": \"Login errors [Resolved] for EU users\"}]}";
	SourceContext ctx = {.source_name = "ledgerly"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, one, strlen(one), &error);
	g_assert_no_error(error);
	const Advisory *f = test_find(r, "f");
	g_assert_cmpint(f->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpint(f->end, ==, 1760616000); /* 2025-10-16T12:00:00Z */
	const Advisory *rr = test_find(r, "r");
	g_assert_cmpint(rr->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(rr->raw_status, ==, "RESOLVED");
}

static void
test_feed_1_0(void)
{
	SourceContext ctx = {.source_name = "fabrikam"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_path("jsonfeed", "feed-1.0.json", &ctx, &error);

	g_assert_no_error(error);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_JSONFEED);
	g_assert_cmpuint(r->advisories->len, ==, 2);

	const Advisory *a = test_find(r, "https://fabrikam.example/status/42");
	g_assert_cmpstr(a->url, ==, "https://fabrikam.example/status/42");
	g_assert_cmpstr(a->title, ==, "Search is slow");
	test_assert_time(a->start, "2025-10-20T09:00:00Z");

	/* No id: the url identifies the item. */
	const Advisory *b = test_find(r, "https://fabrikam.example/status/41");
	g_assert_cmpstr(b->text, ==, "Uses its url as id.");

	g_assert_true(test_has_warning(r, "items[2] has no id and no url, skipping"));
}

static void
test_wrong_types(void)
{
	SourceContext ctx = {.source_name = "odd"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = parse_path("hostile", "jsonfeed-wrong-types.json", &ctx, &error);

	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 1);
	const Advisory *a = r->advisories->pdata[0];
	g_assert_cmpstr(a->id, ==, "ok-1");
	g_assert_cmpstr(a->text, ==, "only the summary is usable");
	g_assert_cmpstr(a->title, ==, "only the summary is usable");
	g_assert_cmpuint(a->services->len, ==, 1);
	g_assert_cmpstr(a->services->pdata[0], ==, "Good Tag");
	g_assert_null(a->url);
	g_assert_cmpint(a->start, ==, SW_TIME_NONE);
	g_assert_true(test_has_warning(r, "items[0] is not an object, skipping"));
	g_assert_true(test_has_warning(r, "items[2] has no id and no url, skipping"));
}

static void
test_base_without_host(void)
{
	/* "http:a" has no host: ".//x" against it would read back as host "x" (GLib aborts
	 * on it), and "incidents/2" would lead nowhere.  The items stay, without links. */
	static const char doc[] =
		"{\"version\": \"https://jsonfeed.org/version/1.1\", \"feed_url\": \"http:a\","
		" \"items\": [{\"id\": \"1\", \"title\": \"Outage\", \"url\": \".//incidents/1\"},"
		" {\"id\": \"2\", \"title\": \"Fixed\", \"url\": \"incidents/2\"}]}";
	SourceContext ctx = {.source_name = "jf"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, doc, sizeof doc - 1, &error);

	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 2);
	g_assert_null(test_find(r, "1")->url);
	g_assert_null(test_find(r, "2")->url);
}

static void
test_forced(void)
{
	/* No version key: not recognised on its own, read as JSON Feed when configured so. */
	static const char doc[] = "{\"title\":\"t\",\"items\":[{\"id\":\"a\",\"content_text\":\"x\"}]}";
	SourceContext ctx = {.source_name = "jf", .expect = SOURCE_FORMAT_JSONFEED};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, doc, sizeof doc - 1, &error);
	g_assert_no_error(error);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_JSONFEED);
	g_assert_cmpuint(r->advisories->len, ==, 1);

	SourceContext plain = {.source_name = "jf"};
	g_autoptr(SourceResult) none = source_parse(&plain, doc, sizeof doc - 1, &error);
	g_assert_null(none);
	g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
	g_assert_cmpstr(error->message, ==,
			"not a feed: JSON with top-level keys 'title', 'items'");
	g_clear_error(&error);

	/* Forced, but without items: a JSON Feed needs them. */
	static const char noitems[] = "{\"title\":\"t\"}";
	g_autoptr(SourceResult) bad = source_parse(&ctx, noitems, sizeof noitems - 1, &error);
	g_assert_null(bad);
	g_assert_cmpstr(error->message, ==, "not a JSON Feed: no \"items\" array");
}

static void
test_empty_feed(void)
{
	/* A valid feed with zero items is a valid, empty result, not an error. */
	static const char doc[] =
		"{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"items\":[]}";
	SourceContext ctx = {.source_name = "jf"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, doc, sizeof doc - 1, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 0);
	g_assert_cmpuint(r->warnings->len, ==, 0);
}

/*
 * Numeric ids beyond gint64 ("id": 1e400 is inf to cJSON): range-checked before the
 * conversion, which is undefined for them (clang's UBSan float-cast-overflow flagged
 * the old order); such an id is kept in its decimal form.
 */
static void
test_huge_numeric_id(void)
{
	static const char doc[] =
		"{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"items\":["
		"{\"id\":1e400,\"title\":\"a\",\"content_text\":\"x\"},"
		"{\"id\":-9.3e18,\"title\":\"b\",\"content_text\":\"x\"},"
		"{\"id\":42,\"title\":\"c\",\"content_text\":\"x\"}]}";
	SourceContext ctx = {.source_name = "jf"};
	g_autoptr(GError) error = NULL;
	g_autoptr(SourceResult) r = source_parse(&ctx, doc, sizeof doc - 1, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 3);
	g_assert_cmpstr(((Advisory *)r->advisories->pdata[0])->id, ==, "inf");
	g_assert_cmpstr(((Advisory *)r->advisories->pdata[1])->id, ==, "-9.3e+18");
	g_assert_cmpstr(((Advisory *)r->advisories->pdata[2])->id, ==, "42");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/jsonfeed/1.1", test_feed_1_1);
	g_test_add_func("/jsonfeed/1.0", test_feed_1_0);
	g_test_add_func("/jsonfeed/planned-title", test_planned_title);
	g_test_add_func("/jsonfeed/label-then-closed", test_label_then_closed);
	g_test_add_func("/jsonfeed/wrong-types", test_wrong_types);
	g_test_add_func("/jsonfeed/forced", test_forced);
	g_test_add_func("/jsonfeed/base-without-host", test_base_without_host);
	g_test_add_func("/jsonfeed/empty", test_empty_feed);
	g_test_add_func("/jsonfeed/golden", test_golden);
	g_test_add_func("/jsonfeed/huge-numeric-id", test_huge_numeric_id);
	g_test_add_func("/jsonfeed/update-in-own-zone", test_update_in_own_zone);
	g_test_add_func("/jsonfeed/title-as-rss", test_title_as_rss);
	return g_test_run();
}
