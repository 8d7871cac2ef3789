/*
 * RSS / RDF / Atom through xmlfeed_parser_*: per fixture, what a user would
 * check (ids, titles, status, services, times, updates, warnings), and that
 * 7-byte chunks, 16 KiB chunks and the whole buffer give the same result.
 * Hostile inputs: entity attacks, deep nesting, caps, bad encodings.
 */
#include <glib.h>
#include <string.h>

#include "model/advisory.h"
#include "sources/parsers.h"
#include "sources/status_words.h"
#include "util/error.h"
#include "util/timeparse.h"

/* Exposed by xmlfeed.c for the table-order test only. */
const char *xmlfeed_tag_name_at(gsize i);

static SourceResult *
result_new(void)
{
	SourceResult *r = g_new0(SourceResult, 1);
	r->advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	r->warnings = g_ptr_array_new_with_free_func(g_free);
	return r;
}

static void
result_free(SourceResult *r)
{
	if (r == NULL) {
		return;
	}
	g_ptr_array_unref(r->advisories);
	g_ptr_array_unref(r->warnings);
	g_free(r->next_link);
	g_free(r->damage);
	g_free(r);
}

/* source_result_free() belongs to source.c; this test frees its own results. */
typedef SourceResult TestResult;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(TestResult, result_free)

static SourceContext
context(const char *base_url)
{
	SourceContext ctx = {
		.source_name = "example",
		.base_url = base_url,
		.now = 1764300000, /* 2025-11-28 */
	};
	return ctx;
}

static SourceResult *
parse_chunked(const SourceContext *ctx, const char *data, gsize len, gsize chunk, GError **error)
{
	XmlFeedParser *p = xmlfeed_parser_new(ctx);
	SourceResult *r = result_new();
	bool ok = true;

	for (gsize off = 0; ok && off < len; off += chunk) {
		ok = xmlfeed_parser_feed(p, data + off, MIN(chunk, len - off), error);
	}
	if (ok) {
		ok = xmlfeed_parser_finish(p, r, error);
	}
	xmlfeed_parser_free(p);
	if (!ok) {
		result_free(r);
		return NULL;
	}
	return r;
}

static char *
fmt_time(gint64 t)
{
	return t == SW_TIME_NONE ? g_strdup("-") : time_format_rfc3339(t);
}

/* Everything a user sees, one line per field, for the chunking comparison. */
static char *
dump(const SourceResult *r)
{
	GString *s = g_string_new(NULL);

	g_string_append_printf(s, "format=%s\n", r->format == SOURCE_FORMAT_RSS    ? "rss"
						 : r->format == SOURCE_FORMAT_RDF  ? "rdf"
						 : r->format == SOURCE_FORMAT_ATOM ? "atom"
										   : "?");
	for (guint i = 0; i < r->advisories->len; i++) {
		const Advisory *a = g_ptr_array_index(r->advisories, i);
		g_autofree char *st = fmt_time(a->start);
		g_autofree char *en = fmt_time(a->end);
		g_autofree char *up = fmt_time(a->updated);
		g_string_append_printf(s, "%s/%s kind=%s status=%s raw=%s sev=%s %s..%s up=%s\n",
				       a->source, a->id, advisory_kind_to_string(a->kind),
				       advisory_status_to_string(a->status), a->raw_status,
				       advisory_severity_to_string(a->severity), st, en, up);
		g_string_append_printf(s, " title=%s url=%s region=%s\n", a->title, a->url,
				       a->region);
		g_string_append_printf(s, " feed=%s home=%s\n", a->feed_name, a->feed_home);
		for (guint j = 0; j < a->services->len; j++) {
			g_string_append_printf(s, " service=%s\n",
					       (char *)g_ptr_array_index(a->services, j));
		}
		g_string_append_printf(s, " text=%s\n", a->text);
		for (guint j = 0; j < a->updates->len; j++) {
			const AdvisoryUpdate *u = g_ptr_array_index(a->updates, j);
			g_autofree char *ut = fmt_time(u->time);
			g_string_append_printf(s, " update %s %s %s\n", ut,
					       advisory_status_to_string(u->status), u->text);
		}
	}
	for (guint i = 0; i < r->warnings->len; i++) {
		g_string_append_printf(s, "warning: %s\n", (char *)g_ptr_array_index(r->warnings, i));
	}
	return g_string_free(s, FALSE);
}

/*
 * Parses @data whole, in 16 KiB chunks and in 7-byte chunks; asserts all three
 * agree (same dump, or same error) and returns the whole-buffer outcome.
 */
static SourceResult *
parse_all_ways(const SourceContext *ctx, const char *data, gsize len, GError **error)
{
	const gsize chunks[] = {16 * 1024, 7, 1};
	GError *whole_err = NULL;
	SourceResult *whole = parse_chunked(ctx, data, len, MAX(len, 1), &whole_err);
	g_autofree char *want = whole != NULL ? dump(whole) : NULL;

	/* 1-byte chunks only for small inputs: they exist to shake out state bugs. */
	for (gsize i = 0; i < G_N_ELEMENTS(chunks); i++) {
		if (chunks[i] == 1 && len > 64 * 1024) {
			continue;
		}
		g_autoptr(GError) err = NULL;
		g_autoptr(TestResult) r = parse_chunked(ctx, data, len, chunks[i], &err);
		if (whole == NULL) {
			g_assert_null(r);
			g_assert_nonnull(err);
			g_assert_cmpint(err->code, ==, whole_err->code);
			g_assert_cmpstr(err->message, ==, whole_err->message);
		} else {
			g_assert_no_error(err);
			g_autofree char *got = dump(r);
			g_assert_cmpstr(got, ==, want);
		}
	}
	if (whole_err != NULL) {
		g_propagate_error(error, whole_err);
	}
	return whole;
}

static SourceResult *
parse_fixture(const char *dir, const char *name, const char *base_url, GError **error)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", dir, name, NULL);
	g_autofree char *data = NULL;
	gsize len = 0;
	g_autoptr(GError) ferr = NULL;

	g_assert_true(g_file_get_contents(path, &data, &len, &ferr));
	g_assert_no_error(ferr);
	SourceContext ctx = context(base_url);
	return parse_all_ways(&ctx, data, len, error);
}

static SourceResult *
parse_fixture_ok(const char *dir, const char *name, const char *base_url)
{
	g_autoptr(GError) error = NULL;
	SourceResult *r = parse_fixture(dir, name, base_url, &error);
	g_assert_no_error(error);
	g_assert_nonnull(r);
	return r;
}

static const Advisory *
find(const SourceResult *r, const char *id)
{
	for (guint i = 0; i < r->advisories->len; i++) {
		const Advisory *a = g_ptr_array_index(r->advisories, i);
		if (g_strcmp0(a->id, id) == 0) {
			return a;
		}
	}
	g_test_message("no advisory '%s'", id);
	g_assert_not_reached();
	return NULL;
}

static void
assert_time(gint64 t, const char *want)
{
	g_autofree char *got = fmt_time(t);
	g_assert_cmpstr(got, ==, want);
}

static void
assert_services(const Advisory *a, const char *const *want)
{
	guint n = 0;
	for (; want[n] != NULL; n++) {
		g_assert_cmpuint(n, <, a->services->len);
		g_assert_cmpstr(g_ptr_array_index(a->services, n), ==, want[n]);
	}
	g_assert_cmpuint(a->services->len, ==, n);
}

static bool
has_warning(const SourceResult *r, const char *part)
{
	for (guint i = 0; i < r->warnings->len; i++) {
		if (strstr(g_ptr_array_index(r->warnings, i), part) != NULL) {
			return true;
		}
	}
	return false;
}

static const AdvisoryUpdate *
update_at(const Advisory *a, guint i)
{
	g_assert_cmpuint(i, <, a->updates->len);
	return g_ptr_array_index(a->updates, i);
}

/* ---- well-formed feeds ---- */

/*
 * Real history.atom entries: <published> and <updated> are both the NEWEST
 * update's time (the entry is rewritten in place), so start, status and end come
 * from the update list in the content, in the page's display zone (EDT here).
 */
static void
test_statuspage_atom(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("atom", "statuspage-history.atom", NULL);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_ATOM);
	g_assert_cmpuint(r->advisories->len, ==, 5);
	g_assert_cmpuint(r->warnings->len, ==, 0);

	const Advisory *a = find(r, "tag:status.example.com,2005:Incident/27186345");
	g_assert_cmpstr(a->source, ==, "example");
	g_assert_cmpstr(a->title, ==,
			"Service degradation caused by an outage at an upstream provider");
	g_assert_cmpstr(a->url, ==, "https://status.example.com/incidents/sdwrdwhjkpw6");
	g_assert_cmpint(a->kind, ==, ADVISORY_KIND_INCIDENT);
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(a->raw_status, ==, "Resolved");
	/* 03:52 EDT, the first update, not <published> (17:40:31 EDT, the last). */
	assert_time(a->start, "2025-10-20T07:52:00Z");
	assert_time(a->updated, "2025-10-20T21:40:31Z");
	assert_time(a->end, "2025-10-20T21:40:00Z");
	assert_services(a, (const char *const[]){"example", NULL});
	/* Five <p> updates, oldest first; "Update" carries no status of its own. */
	g_assert_cmpuint(a->updates->len, ==, 5);
	assert_time(update_at(a, 0)->time, "2025-10-20T07:52:00Z");
	g_assert_cmpint(update_at(a, 0)->status, ==, ADVISORY_STATUS_INVESTIGATING);
	g_assert_cmpstr(update_at(a, 0)->text, ==, "We are investigating failed session creation.");
	g_assert_cmpint(update_at(a, 1)->status, ==, ADVISORY_STATUS_IDENTIFIED);
	g_assert_cmpint(update_at(a, 2)->status, ==, ADVISORY_STATUS_MONITORING);
	g_assert_cmpint(update_at(a, 3)->status, ==, ADVISORY_STATUS_UNKNOWN);
	assert_time(update_at(a, 4)->time, "2025-10-20T21:40:00Z");
	g_assert_cmpint(update_at(a, 4)->status, ==, ADVISORY_STATUS_RESOLVED);
	/* &amp;amp; in the XML is &amp; in the HTML is & in the text: decoded once per layer. */
	g_assert_cmpstr(update_at(a, 4)->text, ==,
			"Our upstream provider has confirmed full recovery & all services are "
			"operating normally.");
	g_assert_nonnull(strstr(a->text, "Oct 20, 17:40 EDT\nResolved - Our upstream"));
	g_assert_cmpint(a->start, <=, a->end);

	const Advisory *open = find(r, "tag:status.example.com,2005:Incident/27190012");
	g_assert_cmpint(open->status, ==, ADVISORY_STATUS_IDENTIFIED);
	g_assert_cmpstr(open->raw_status, ==, "Identified");
	assert_time(open->start, "2025-10-20T18:46:00Z");
	assert_time(open->end, "-");
	g_assert_cmpuint(open->updates->len, ==, 2);
	g_assert_nonnull(strstr(update_at(open, 1)->text, "today's release"));

	/* Maintenance: "THIS IS A SCHEDULED EVENT Oct 18, 06:00 - 08:00 EDT", done at 07:02. */
	const Advisory *m = find(r, "tag:status.example.com,2005:Incident/27171450");
	g_assert_cmpint(m->kind, ==, ADVISORY_KIND_MAINTENANCE);
	g_assert_cmpint(m->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(m->raw_status, ==, "Completed");
	g_assert_cmpuint(m->updates->len, ==, 3);
	assert_time(update_at(m, 0)->time, "2025-10-16T14:00:00Z");
	g_assert_cmpint(update_at(m, 0)->status, ==, ADVISORY_STATUS_SCHEDULED);
	assert_time(m->start, "2025-10-18T10:00:00Z");
	assert_time(m->end, "2025-10-18T11:02:00Z");
	g_assert_true(g_str_has_prefix(m->text, "THIS IS A SCHEDULED EVENT Oct 18, 06:00 - 08:00 EDT\n"));

	/* Year-less update times across New Year: "Dec 31" belongs to 2024. */
	const Advisory *ny = find(r, "tag:status.example.com,2005:Incident/26000001");
	g_assert_cmpuint(ny->updates->len, ==, 2);
	assert_time(update_at(ny, 0)->time, "2025-01-01T04:10:00Z");
	assert_time(update_at(ny, 1)->time, "2025-01-01T07:00:00Z");
	assert_time(ny->start, "2025-01-01T04:10:00Z");
	assert_time(ny->end, "2025-01-01T07:00:00Z");

	/* Updates listed out of time order (one backdated): status from the newest by time. */
	const Advisory *bd = find(r, "tag:status.example.com,2005:Incident/27200077");
	g_assert_cmpint(bd->status, ==, ADVISORY_STATUS_RESOLVED);
	assert_time(bd->start, "2025-10-21T13:00:00Z");
	assert_time(bd->end, "2025-10-21T15:20:00Z");
	g_assert_cmpint(update_at(bd, 1)->status, ==, ADVISORY_STATUS_IDENTIFIED);
}

/*
 * history.rss of a page whose display zone has no entry in our table ("WIB",
 * UTC+7): the offset comes from <pubDate>, which is the newest update's time.
 */
static void
test_statuspage_rss(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("rss", "statuspage-history.rss", NULL);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_RSS);
	g_assert_cmpuint(r->advisories->len, ==, 3);
	g_assert_cmpuint(r->warnings->len, ==, 0);

	const Advisory *a = find(r, "https://status.example.com/incidents/wbhk00000001");
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpuint(a->updates->len, ==, 3);
	assert_time(a->start, "2025-10-20T07:52:00Z");
	assert_time(a->end, "2025-10-20T10:40:00Z");
	g_assert_cmpstr(a->url, ==, "https://status.example.com/incidents/wbhk00000001");

	const Advisory *b = find(r, "https://status.example.com/incidents/l4t3ncy00001");
	g_assert_cmpint(b->status, ==, ADVISORY_STATUS_INVESTIGATING);
	assert_time(update_at(b, 0)->time, "2025-10-21T02:15:00Z"); /* 09:15 WIB */
	assert_time(b->end, "-");

	/* A window over midnight, "Oct 25, 22:00 - Oct 26, 02:00 WIB", announced on Oct 22. */
	const Advisory *m = find(r, "https://status.example.com/incidents/n3tw0rkupgr4");
	g_assert_cmpint(m->kind, ==, ADVISORY_KIND_MAINTENANCE);
	g_assert_cmpint(m->status, ==, ADVISORY_STATUS_SCHEDULED);
	assert_time(m->start, "2025-10-25T15:00:00Z");
	assert_time(m->end, "2025-10-25T19:00:00Z");
}

static void
test_azure(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("rss", "azure-status.rss", NULL);
	g_assert_cmpuint(r->advisories->len, ==, 2);
	g_assert_cmpuint(r->warnings->len, ==, 0);

	const Advisory *a = find(r, "VSG1-B90");
	g_assert_cmpstr(a->title, ==, "Virtual Machines/VM Scale Sets - East US 2");
	assert_services(a, (const char *const[]){"Virtual Machines", "VM Scale Sets", NULL});
	g_assert_cmpstr(a->region, ==, "East US 2");
	assert_time(a->start, "2018-11-12T16:25:40Z"); /* "... 16:25:40 Z" */
	assert_time(a->updated, "2018-11-12T16:25:40Z");
	g_assert_cmpint(a->kind, ==, ADVISORY_KIND_INCIDENT);
	g_assert_true(g_str_has_prefix(a->text, "Summary of impact: Between 07:05"));

	const Advisory *b = find(r, "3LYQ-DR8");
	assert_services(b, (const char *const[]){"Azure Data Factory", NULL});
	g_assert_cmpstr(b->region, ==, "East US 2");
	assert_time(b->start, "2018-11-12T12:10:00Z");
	assert_time(b->updated, "2018-11-12T13:00:00Z"); /* a10:updated beats pubDate */
}

static void
test_azure_empty(void)
{
	/* Healthy Azure: a channel without items is a valid, empty result. */
	g_autoptr(TestResult) r = parse_fixture_ok("rss", "azure-empty.rss", NULL);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_RSS);
	g_assert_cmpuint(r->advisories->len, ==, 0);
	g_assert_cmpuint(r->warnings->len, ==, 0);
}

static void
test_aws(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("rss", "aws-health.rss", NULL);
	g_assert_cmpuint(r->advisories->len, ==, 5);

	const Advisory *sns = find(r, "http://status.aws.amazon.com/#sns-us-east-1_1642200240");
	g_assert_cmpstr(sns->title, ==,
			"Service is operating normally: [RESOLVED] SMS Delivery Delays");
	g_assert_cmpint(sns->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpint(sns->severity, ==, ADVISORY_SEVERITY_INFO);
	g_assert_cmpstr(sns->raw_status, ==, "Service is operating normally");
	assert_services(sns, (const char *const[]){"sns", NULL});
	g_assert_cmpstr(sns->region, ==, "us-east-1");
	assert_time(sns->start, "2022-01-14T22:44:00Z"); /* PST */
	assert_time(sns->end, "2022-01-14T22:44:00Z");
	g_assert_cmpstr(sns->url, ==, "http://status.aws.amazon.com/");

	const Advisory *ec2 = find(r, "http://status.aws.amazon.com/#ec2-us-east-1_1760996880");
	g_assert_cmpint(ec2->status, ==, ADVISORY_STATUS_RESOLVED); /* [RESOLVED] */
	g_assert_cmpint(ec2->severity, ==, ADVISORY_SEVERITY_MAJOR);
	assert_services(ec2, (const char *const[]){"ec2", NULL});
	g_assert_cmpstr(ec2->region, ==, "us-east-1");
	assert_time(ec2->start, "2025-10-20T21:48:00Z"); /* PDT */
	g_assert_true(g_str_has_suffix(ec2->text, "EC2 is operating normally."));

	const Advisory *dax =
		find(r, "http://status.aws.amazon.com/#dynamodb-dax-ap-northeast-1_1760947860");
	g_assert_cmpint(dax->status, ==, ADVISORY_STATUS_DEGRADED);
	g_assert_cmpint(dax->severity, ==, ADVISORY_SEVERITY_MINOR);
	assert_services(dax, (const char *const[]){"dynamodb-dax", NULL});
	g_assert_cmpstr(dax->region, ==, "ap-northeast-1");
	g_assert_nonnull(strstr(dax->text, "東京リージョン"));

	const Advisory *cf = find(r, "http://status.aws.amazon.com/#cloudfront_1760936700");
	g_assert_cmpint(cf->kind, ==, ADVISORY_KIND_INFORMATIONAL);
	g_assert_cmpint(cf->severity, ==, ADVISORY_SEVERITY_INFO);
	assert_services(cf, (const char *const[]){"cloudfront", NULL});
	g_assert_null(cf->region);

	const Advisory *gov = find(r, "http://status.aws.amazon.com/#ec2-us-gov-west-1_1760932800");
	g_assert_cmpint(gov->status, ==, ADVISORY_STATUS_OUTAGE);
	g_assert_cmpstr(gov->raw_status, ==, "Service disruption");
	g_assert_cmpstr(gov->region, ==, "us-gov-west-1");
	assert_time(gov->end, "-");
}

static void
test_google_cloud(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("atom", "google-cloud.atom", NULL);
	g_assert_cmpuint(r->advisories->len, ==, 2);

	const Advisory *a = find(
		r, "tag:status.cloud.google.com,2023:feed:fZHwb2CS1TskxMXhCcP8.6Ho1H8JvzeBbECHfoxxK");
	/* Relative href resolved against the feed's xml:base. */
	g_assert_cmpstr(a->url, ==, "https://status.cloud.google.com/incidents/fZHwb2CS1TskxMXhCcP8");
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(a->raw_status, ==, "RESOLVED");
	assert_services(a, (const char *const[]){"Cloud Run", "Cloud Functions", NULL});
	g_assert_cmpstr(a->region, ==, "Iowa (us-central1)");
	assert_time(a->updated, "2023-06-06T17:12:41Z");
	assert_time(a->end, "2023-06-06T17:12:41Z");
	g_assert_cmpuint(a->updates->len, ==, 0);
	g_assert_nonnull(strstr(a->text, "has been resolved for all affected users"));

	const Advisory *b = find(r, "tag:status.cloud.google.com,2023:feed:abcDEF1234567890xyzA.1");
	g_assert_cmpint(b->status, ==, ADVISORY_STATUS_UNKNOWN);
	g_assert_cmpstr(b->raw_status, ==, "UPDATE");
	assert_services(b, (const char *const[]){"Google Compute Engine", NULL});
}

static void
test_rdf(void)
{
	g_autoptr(TestResult) r =
		parse_fixture_ok("rdf", "rss10.rdf", "https://status.university.example/rss");
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_RDF);
	g_assert_cmpuint(r->advisories->len, ==, 2);

	const Advisory *a = find(r, "https://status.university.example/notice/101");
	g_assert_cmpint(a->kind, ==, ADVISORY_KIND_MAINTENANCE);
	/* content:encoded beats description; relative link resolved against the feed URL. */
	g_assert_cmpstr(a->text, ==,
			"The mail servers will be patched on Saturday.\n\n"
			"Expect short interruptions \u2013 about 5 minutes.");
	g_assert_cmpstr(a->url, ==, "https://status.university.example/notice/101");
	assert_services(a, (const char *const[]){"E-mail", NULL});
	assert_time(a->start, "2025-03-01T07:00:00Z");

	const Advisory *b = find(r, "https://status.university.example/notice/102");
	g_assert_cmpstr(b->text, ==, "The VPN gateway is down.");
	assert_services(b, (const char *const[]){"example", NULL});
	assert_time(b->updated, "2025-03-02T14:30:00Z");
}

static void
test_generic_atom(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("atom", "generic.atom", NULL);
	g_assert_cmpuint(r->advisories->len, ==, 2);

	const Advisory *a = find(r, "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
	g_assert_cmpstr(a->title, ==, "Queue backlog in EU"); /* type="html" */
	g_assert_cmpstr(a->url, ==, "https://status.example.org/incidents/2025-05-02-queue");
	g_assert_cmpstr(a->text, ==, "Messages are delayed.\n\nWe are monitoring the backlog.");
	assert_services(a, (const char *const[]){"Queues", "API", NULL});
	assert_time(a->start, "2025-05-02T08:00:00Z");
	assert_time(a->updated, "2025-05-02T10:00:00Z");

	const Advisory *b = find(r, "urn:uuid:2");
	g_assert_cmpstr(b->title, ==, "Plain <b>text</b> title"); /* type="text": literal */
	g_assert_cmpstr(b->text, ==, "Literal <p> is not markup here.");
	g_assert_cmpstr(b->url, ==, "https://elsewhere.example/abs");
	assert_time(b->start, "-");
}

static void
test_not_statuspage_markup(void)
{
	/* <small> and <strong> in an ordinary description: no update split, no text lost. */
	const char *doc = "<rss version=\"2.0\"><channel><item><guid>n-1</guid><title>t</title>"
			  "<description>&lt;p&gt;Intro &lt;small&gt;fine print&lt;/small&gt; "
			  "&lt;strong&gt;Resolved&lt;/strong&gt; - later&lt;/p&gt;</description>"
			  "</item></channel></rss>";
	SourceContext ctx = context(NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_all_ways(&ctx, doc, strlen(doc), &error);
	g_assert_no_error(error);
	const Advisory *a = g_ptr_array_index(r->advisories, 0);
	g_assert_cmpuint(a->updates->len, ==, 0);
	g_assert_cmpstr(a->text, ==, "Intro fine print Resolved - later");
	g_assert_cmpuint(r->warnings->len, ==, 0);
}

/* ---- identity, dates, encodings ---- */

static void
test_bom_and_utf16(void)
{
	/* UTF-8 BOM, and UTF-16 LE/BE with BOM: libxml2 sniffs the first four bytes we hold back. */
	const char *doc = "<rss version=\"2.0\"><channel><item><guid>b-1</guid>"
			  "<title>Caf\xc3\xa9 \xe6\x9d\xb1</title></item></channel></rss>";
	const char *const charsets[] = {"UTF-8", "UTF-16LE", "UTF-16BE"};
	for (gsize i = 0; i < G_N_ELEMENTS(charsets); i++) {
		gsize n = 0;
		g_autofree char *body = g_convert(doc, -1, charsets[i], "UTF-8", NULL, &n, NULL);
		g_assert_nonnull(body);
		GByteArray *bytes = g_byte_array_new();
		if (i == 0) {
			g_byte_array_append(bytes, (const guint8 *)"\xef\xbb\xbf", 3);
		} else if (i == 1) {
			g_byte_array_append(bytes, (const guint8 *)"\xff\xfe", 2);
		} else {
			g_byte_array_append(bytes, (const guint8 *)"\xfe\xff", 2);
		}
		g_byte_array_append(bytes, (const guint8 *)body, (guint)n);
		SourceContext ctx = context(NULL);
		g_autoptr(GError) error = NULL;
		g_autoptr(TestResult) r =
			parse_all_ways(&ctx, (const char *)bytes->data, bytes->len, &error);
		g_assert_no_error(error);
		g_assert_cmpuint(r->advisories->len, ==, 1);
		const Advisory *a = g_ptr_array_index(r->advisories, 0);
		g_assert_cmpstr(a->title, ==, "Caf\xc3\xa9 \xe6\x9d\xb1");
		g_byte_array_unref(bytes);
	}
}

static void
test_identity_fallbacks(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("hostile", "xml-no-guid-link.rss", NULL);
	g_assert_cmpuint(r->advisories->len, ==, 3);
	/* No guid: the link, resolved against the channel link. */
	const Advisory *a = g_ptr_array_index(r->advisories, 0);
	g_assert_cmpstr(a->id, ==, "https://fallback.example/status/incidents/42");
	/* No guid or link: a hash of title and date. */
	const Advisory *b = g_ptr_array_index(r->advisories, 1);
	g_assert_true(g_str_has_prefix(b->id, "sha256:"));
	g_assert_cmpuint(strlen(b->id), ==, strlen("sha256:") + 32);
	g_assert_cmpstr(b->title, ==, "Has only title and date");
	const Advisory *c = g_ptr_array_index(r->advisories, 2);
	g_assert_cmpstr(c->id, ==, "g-1");
	/* Nothing at all: skipped with a warning naming the line, the feed survives. */
	g_assert_cmpuint(r->warnings->len, ==, 1);
	g_assert_true(has_warning(r, "item at line 14 has no guid"));
	g_assert_true(has_warning(r, "skipping"));
}

static void
test_dates(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("hostile", "xml-dates.rss", NULL);
	g_assert_cmpuint(r->advisories->len, ==, 10); /* a bad date never drops the item */
	assert_time(find(r, "d-pst")->start, "2022-01-14T22:44:00Z");
	assert_time(find(r, "d-z")->start, "2018-11-12T16:25:40Z");
	assert_time(find(r, "d-offset")->start, "2024-01-15T11:45:00Z");
	assert_time(find(r, "d-1digit-hour")->start, "2002-09-07T00:00:01Z");
	assert_time(find(r, "d-bare")->start, "2002-09-07T13:05:00Z");
	assert_time(find(r, "d-military")->start, "2018-11-12T16:25:40Z");
	assert_time(find(r, "d-rfc3339")->start, "2023-07-18T02:45:00Z");
	assert_time(find(r, "d-dc")->start, "2025-03-02T14:30:00Z");
	assert_time(find(r, "d-garbage")->start, "-");
	assert_time(find(r, "d-nozone")->start, "-");
	g_assert_cmpuint(r->warnings->len, ==, 2);
	g_assert_true(has_warning(r, "item 'd-garbage': unparseable pubDate 'yesterday-ish'"));
	g_assert_true(has_warning(r, "item 'd-nozone'"));
}

static void
test_latin1_declared_utf8_sent(void)
{
	/*
	 * The XML declaration wins (XML 1.0 §4.3.3; no HTTP charset here), so
	 * UTF-8 bytes decode as Latin-1 mojibake.  We keep the item and warn
	 * rather than guess: re-decoding would need a second pass over a
	 * stream we no longer hold.
	 */
	g_autoptr(TestResult) r =
		parse_fixture_ok("hostile", "xml-latin1-declared-utf8.rss", NULL);
	g_assert_cmpuint(r->advisories->len, ==, 1);
	const Advisory *a = g_ptr_array_index(r->advisories, 0);
	g_assert_true(g_str_has_prefix(a->title, "Caf\xc3\x83\xc2\xa9"));
	g_assert_true(has_warning(r, "declares ISO-8859-1 but its bytes look like UTF-8"));

	g_autoptr(TestResult) ok = parse_fixture_ok("hostile", "xml-latin1-real.rss", NULL);
	const Advisory *b = g_ptr_array_index(ok->advisories, 0);
	g_assert_cmpstr(b->title, ==, "Caf\xc3\xa9 r\xc3\xa9seau");
	g_assert_cmpuint(ok->warnings->len, ==, 0);
}

static void
test_legacy_doctype(void)
{
	/* A bare DOCTYPE with an external id but no entities is fine; nothing is fetched. */
	g_autoptr(TestResult) r =
		parse_fixture_ok("hostile", "xml-doctype-no-entities.rss", NULL);
	g_assert_cmpuint(r->advisories->len, ==, 1);
	const Advisory *a = g_ptr_array_index(r->advisories, 0);
	g_assert_cmpstr(a->id, ==, "http://legacy.example/1");
	g_assert_cmpstr(a->title, ==, "Legacy 0.91 item");
}

/* ---- errors ---- */

static void
assert_fixture_error(const char *dir, const char *name, SwErrorCode code, const char *part)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_fixture(dir, name, NULL, &error);
	g_assert_null(r);
	g_assert_error(error, SW_ERROR, (gint)code);
	if (strstr(error->message, part) == NULL) {
		g_test_message("message '%s' lacks '%s'", error->message, part);
	}
	g_assert_nonnull(strstr(error->message, part));
	g_assert_null(strchr(error->message, '\n'));
}

static void
test_entity_attacks(void)
{
	assert_fixture_error("hostile", "xml-billion-laughs.rss", SW_ERROR_PARSE,
			     "entity declarations are not allowed");
	assert_fixture_error("hostile", "xml-xxe-file.rss", SW_ERROR_PARSE,
			     "entity declarations are not allowed ('leak' at line 3)");
	assert_fixture_error("hostile", "xml-xxe-parameter.rss", SW_ERROR_PARSE,
			     "entity declarations are not allowed");

	/* The local file's contents must appear nowhere, whatever the chunking. */
	g_autofree char *hostname = NULL;
	if (g_file_get_contents("/etc/hostname", &hostname, NULL, NULL)) {
		g_strstrip(hostname);
		g_autoptr(GError) error = NULL;
		g_autoptr(TestResult) r = parse_fixture("hostile", "xml-xxe-file.rss", NULL, &error);
		g_assert_null(r);
		if (hostname[0] != '\0') {
			g_assert_null(strstr(error->message, hostname));
		}
	}
}

static void
test_malformed(void)
{
	/* Damaged, and nothing complete before the damage: still the source's error. */
	static const char cut[] = "<rss version=\"2.0\"><channel><title>x</title><item><title>cut";
	SourceContext cctx = context(NULL);
	g_autoptr(GError) cerr = NULL;
	g_autoptr(TestResult) cr = parse_all_ways(&cctx, cut, strlen(cut), &cerr);
	g_assert_null(cr);
	g_assert_error(cerr, SW_ERROR, SW_ERROR_PARSE);
	g_assert_nonnull(strstr(cerr->message, "input ends inside <title>"));
	assert_fixture_error("hostile", "xml-html-page.html", SW_ERROR_PARSE,
			     "got an HTML page, not a feed");
	assert_fixture_error("hostile", "xml-unknown-root.xml", SW_ERROR_PARSE,
			     "root element 'opml'");

	SourceContext ctx = context(NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_all_ways(&ctx, "", 0, &error);
	g_assert_null(r);
	g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
	g_assert_cmpstr(error->message, ==, "empty document");
	g_clear_error(&error);
	g_autoptr(TestResult) r2 = parse_all_ways(&ctx, "<rss", 4, &error);
	g_assert_null(r2);
	g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
}

/*
 * What a feed reader recovers: the complete items of a cut-off or malformed
 * feed are kept and the result is flagged damaged (so the poller stores them
 * but saves no validators), with the first error as its note.
 */
static void
assert_damaged(const char *name, guint items, const char *part)
{
	g_autoptr(TestResult) r = parse_fixture_ok("hostile", name, NULL);
	g_assert_true(r->damaged);
	g_assert_nonnull(r->damage);
	if (strstr(r->damage, part) == NULL) {
		g_test_message("damage '%s' lacks '%s'", r->damage, part);
	}
	g_assert_nonnull(strstr(r->damage, part));
	g_assert_cmpuint(r->advisories->len, ==, items);
	g_assert_true(has_warning(r, "damaged feed: "));
}

static void
test_damaged(void)
{
	assert_damaged("xml-truncated.rss", 1, "truncated XML at line 11: input ends inside <title>");
	/* A server that drops the last byte: every item is complete, the feed is still flagged. */
	assert_damaged("xml-missing-final-gt.rss", 2, "expected '>'");
	/* libxml2 reads the stray Latin-1 byte as Latin-1 and goes on: both items survive. */
	assert_damaged("xml-invalid-utf8.rss", 1, "invalid UTF-8 at line 4 (Bytes: 0xE9 0x20 0x69 0x6E)");
	g_autoptr(TestResult) r = parse_fixture_ok("hostile", "xml-invalid-utf8.rss", NULL);
	g_assert_cmpstr(((const Advisory *)g_ptr_array_index(r->advisories, 0))->title, ==,
			"Caf\u00e9 in Latin-1 bytes");
}

/*
 * Long text runs and CDATA sections are read past libxml2 (xmlfeed_bypass.c) when a
 * chunk holds all of them; parse_all_ways() compares with 7- and 1-byte chunks, where
 * libxml2 reads every byte itself.  What a user checks: the texts as written, the
 * line of the first error after such runs, a feed's own PI ignored, and the text
 * after an error read as libxml2 reads it (recover mode drops named references).
 */
static void
test_bypassed_text(void)
{
	static const char atom[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
		"<title>Example status</title>\n"
		"<entry><id>e1</id><title>Caf\xc3\xa9 &amp; API \xe2\x80\x93 slow</title>\n"
		"<updated>2025-11-27T10:00:00Z</updated>\n"
		"<content type=\"html\">&lt;p&gt;Requests to the API in S\xc3\xa3o Paulo are slow&#8212;we\n"
		"are looking&#x2026; &lt;b&gt;R&amp;amp;D&lt;/b&gt;&nbsp;team, caf&eacute; \xe6\x9d\xb1\xe4\xba\xac"
		"<?other ignored?> tail &quot;quoted&quot; &apos;x&apos; ]] &gt;&lt;/p&gt;</content></entry>\n"
		"<entry><id>e2</id><title>Second</title><updated>2025-11-27T11:00:00Z</updated>\n"
		"<content type=\"html\">&lt;p&gt;A long enough text with an undefined entity &bogus; in it\n"
		"over two lines&lt;/p&gt;</content></entry>\n"
		"<entry><id>e3</id><title>Third</title><updated>2025-11-27T12:00:00Z</updated>\n"
		"<content type=\"html\">&lt;p&gt;After the error, a long text with escaped markup in it&lt;/p&gt;"
		"</content></entry>\n"
		"</feed>\n";
	SourceContext ctx = context(NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_all_ways(&ctx, atom, strlen(atom), &error);
	g_assert_no_error(error);
	g_assert_nonnull(r);
	g_assert_cmpuint(r->advisories->len, ==, 3);
	const Advisory *a = find(r, "e1");
	g_assert_cmpstr(a->title, ==, "Caf\u00e9 & API \u2013 slow");
	g_assert_cmpstr(a->text, ==,
			"Requests to the API in S\u00e3o Paulo are slow\u2014we are looking\u2026 "
			"R&D\u00a0team, caf\u00e9 \u6771\u4eac tail \"quoted\" 'x' ]] >");
	/* The undefined entity is libxml2's error, at its own line. */
	g_assert_true(r->damaged);
	g_assert_nonnull(strstr(r->damage, "at line 9:"));

	static const char rss[] =
		"<rss version=\"2.0\"><channel><title>x</title>\n"
		"<item><guid>r1</guid><title>One</title>\n"
		"<description><![CDATA[<p>First line of a CDATA description, long enough\n"
		"to be read past libxml2 &amp; Z\xc3\xbcrich</p>]]></description></item>\n"
		"<item><guid>r2</guid><title>Two &bogus;</title></item>\n"
		"</channel></rss>\n";
	g_autoptr(TestResult) rr = parse_all_ways(&ctx, rss, strlen(rss), &error);
	g_assert_no_error(error);
	const Advisory *d = find(rr, "r1");
	g_assert_cmpstr(d->text, ==,
			"First line of a CDATA description, long enough to be read past libxml2 & "
			"Z\u00fcrich");
	g_assert_true(rr->damaged);
	g_assert_nonnull(strstr(rr->damage, "at line 5:"));

	/* Cut inside a run held over from one chunk to the next (7-byte chunks): what was
	 * held reaches libxml2 before the end, so the same note whatever the chunks. */
	g_autofree char *head = g_strndup(atom, (gsize)(strstr(atom, "<entry><id>e2") - atom));
	g_autofree char *cutdoc = g_strconcat(head, "<entry><id>e4</id><title>Four</title>\n",
					      "<content type=\"html\">&lt;p&gt;A run held over\n",
					      "and cut before its end &amp; more", NULL);
	g_autoptr(TestResult) rc = parse_all_ways(&ctx, cutdoc, strlen(cutdoc), &error);
	g_assert_no_error(error);
	g_assert_true(rc->damaged);
	g_assert_cmpuint(rc->advisories->len, ==, 1);
	g_assert_nonnull(strstr(rc->damage, "input ends inside <content>"));
}

/*
 * After libxml2's first error the bypass reads nothing, and must not cut libxml2's
 * chunk at the runs it would have read either: the diagnosis of a damaged feed depends
 * on where libxml2's chunks end, so a whole-buffer read must say what libxml2 says
 * when it gets the buffer in one piece (found by a differential run against the
 * parser without the bypass: a 48-byte run after the error, then a CDATA section).
 */
static void
test_bypass_after_error(void)
{
	static const char doc[] = "<?xml versionencoding=\"ISO8859-1\"?><rss>0;"
				  "\xe6\x9d\xb1\xe6\x9d\xb1&Eacute;xxx5533;&#10;&#xE000;&#x10FFFF;>"
				  "<![CDATA[\r\rword &bogusxxxxxxxxxxxxxxxxxxxxxxxx]]>";
	SourceContext ctx = context(NULL);
	g_autoptr(GError) error = NULL;
	SourceResult *r = parse_chunked(&ctx, doc, strlen(doc), strlen(doc), &error);
	g_assert_null(r);
	g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
	g_assert_cmpstr(error->message, ==, "truncated or malformed XML at line 1: expected '='");
}

/* A status-message feed (GitHub's old status site: one message per change of the
 * site's status, the level in the item's category): "major", "minor" and "good" are
 * the item's status, not services it is about; a real category beside one stays a
 * service, and a status the title already gives is kept. */
static void
test_status_message_categories(void)
{
	static const char doc[] =
		"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Status messages</title>"
		"<item><guid>m1</guid><title>GitHub.com is unreachable</title>"
		"<pubDate>Wed, 28 Feb 2018 17:27:00 +0000</pubDate><category>major</category></item>"
		"<item><guid>m2</guid><title>Pages builds are delayed</title>"
		"<pubDate>Wed, 28 Feb 2018 13:05:00 +0000</pubDate><category>Pages</category>"
		"<category>Minor</category></item>"
		"<item><guid>m3</guid><title>All systems operational</title>"
		"<pubDate>Wed, 28 Feb 2018 17:46:00 +0000</pubDate><category>good</category></item>"
		"<item><guid>m4</guid><title>Investigating: API errors</title>"
		"<pubDate>Wed, 28 Feb 2018 19:00:00 +0000</pubDate><category>minor</category></item>"
		"</channel></rss>";
	SourceContext ctx = context(NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_chunked(&ctx, doc, strlen(doc), strlen(doc), &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 4);

	const Advisory *a = find(r, "m1");
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_OUTAGE);
	g_assert_cmpint(a->severity, ==, ADVISORY_SEVERITY_MAJOR);
	g_assert_cmpstr(a->raw_status, ==, "major");
	assert_services(a, (const char *const[]){"example", NULL});
	assert_time(a->end, "-");

	const Advisory *b = find(r, "m2");
	g_assert_cmpint(b->status, ==, ADVISORY_STATUS_DEGRADED);
	g_assert_cmpint(b->severity, ==, ADVISORY_SEVERITY_MINOR);
	assert_services(b, (const char *const[]){"Pages", NULL});

	const Advisory *c = find(r, "m3");
	g_assert_cmpint(c->status, ==, ADVISORY_STATUS_RESOLVED);
	assert_time(c->end, "2018-02-28T17:46:00Z");
	assert_services(c, (const char *const[]){"example", NULL});

	const Advisory *d = find(r, "m4");
	g_assert_cmpint(d->status, ==, ADVISORY_STATUS_INVESTIGATING);
	g_assert_cmpstr(d->raw_status, ==, "Investigating");
}

/* ---- what a feed reader recovers (issue 10) ---- */

static void
test_html_entities(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("rss", "html-entities.rss", NULL);
	g_assert_cmpuint(r->advisories->len, ==, 1);
	g_assert_false(r->damaged);
	const Advisory *a = find(r, "ent-1");
	g_assert_cmpstr(a->title, ==, "R\u00e9solu\u00a0: panne de l\u2019API \u2013 Europe");
	g_assert_cmpstr(a->text, ==, "L\u2019API \u00e9tait indisponible\u2026 \u00a9 Example");
}

static void
test_xhtml_doctype_and_namespace(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("rss", "xhtml-doctype.rss", NULL);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_RSS);
	g_assert_cmpuint(r->advisories->len, ==, 1);
	const Advisory *a = find(r, "https://legacy.example.org/status/42");
	g_assert_cmpstr(a->title, ==, "Mail delivery delayed\u00a0for some users");

	g_autoptr(TestResult) n = parse_fixture_ok("rss", "default-namespace.rss", NULL);
	g_assert_cmpint(n->format, ==, SOURCE_FORMAT_RSS);
	const Advisory *b = find(n, "ns-7");
	g_assert_cmpstr(b->title, ==, "Degraded search performance");
	g_assert_cmpstr(b->url, ==, "https://ns.example.com/incidents/7");
	assert_time(b->start, "2025-10-23T12:30:00Z");
	g_assert_cmpstr(b->text, ==, "Search queries are slower than usual.");
}

static void
test_atom03(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("atom", "atom03.atom", NULL);
	g_assert_cmpint(r->format, ==, SOURCE_FORMAT_ATOM);
	const Advisory *a = find(r, "tag:old.example.com,2025:3");
	g_assert_cmpstr(a->title, ==, "Login outage");
	g_assert_cmpstr(a->url, ==, "https://old.example.com/incidents/3");
	assert_time(a->start, "2025-10-24T07:00:00Z");   /* <issued> */
	assert_time(a->updated, "2025-10-24T10:00:00Z"); /* <modified> */
	g_assert_cmpstr(a->text, ==, "Users could not log in.");
}

/* Atom type="xhtml": escaped markup in the XHTML is text ("Errors for <script> tags"). */
static void
test_xhtml_text(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("atom", "xhtml-text.atom", NULL);
	const Advisory *a = find(r, "tag:dev.example.com,2025:incident-12");
	g_assert_cmpstr(a->title, ==, "Errors for <script> tags & inline handlers");
	g_assert_cmpstr(a->text, ==, "The sanitizer rejected <script async> in all templates.");
}

/* Description-only items get a stable id from their text; a repeated id keeps the newest. */
static void
test_description_only_and_duplicates(void)
{
	g_autoptr(TestResult) r = parse_fixture_ok("rss", "description-only.rss", NULL);
	g_assert_cmpuint(r->advisories->len, ==, 4); /* the parser itself keeps both dup-1 */
	const Advisory *a = g_ptr_array_index(r->advisories, 0);
	g_assert_true(g_str_has_prefix(a->id, "sha256:"));
	g_assert_cmpstr(a->title, ==, "Backups are running late tonight; restores are not affected.");
	g_autoptr(TestResult) again = parse_fixture_ok("rss", "description-only.rss", NULL);
	g_assert_cmpstr(((const Advisory *)g_ptr_array_index(again->advisories, 0))->id, ==, a->id);
	g_assert_cmpstr(((const Advisory *)g_ptr_array_index(r->advisories, 1))->id, !=, a->id);

	/* Through source.c (what `link` and the poller use): one dup-1, the newer, and a warning. */
	g_autofree char *path =
		g_test_build_filename(G_TEST_DIST, "fixtures", "rss", "description-only.rss", NULL);
	g_autofree char *data = NULL;
	gsize len = 0;
	g_assert_true(g_file_get_contents(path, &data, &len, NULL));
	SourceContext ctx = context(NULL);
	g_autoptr(GError) error = NULL;
	SourceResult *sr = source_parse(&ctx, data, len, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(sr->advisories->len, ==, 3);
	const Advisory *d = g_ptr_array_index(sr->advisories, 2);
	g_assert_cmpstr(d->id, ==, "dup-1");
	g_assert_cmpstr(d->title, ==, "Status page moved (corrected link)");
	g_assert_true(has_warning(sr, "two items with id 'dup-1'; kept the newest"));
	source_result_free(sr);
}

/* ---- caps ---- */

static void
test_deep_nesting(void)
{
	/* 50 MiB of <a>: generated here, never committed.  Depth 65 must stop it at once. */
	const gsize total = 50 * 1024 * 1024;
	GString *doc = g_string_sized_new(total + 64);
	g_string_append(doc, "<rss version=\"2.0\"><channel>");
	while (doc->len < total) {
		g_string_append(doc, "<a>");
	}
	SourceContext ctx = context(NULL);
	ctx.max_bytes = 64 * 1024 * 1024; /* so the depth cap, not the size cap, is what fires */
	XmlFeedParser *p = xmlfeed_parser_new(&ctx);
	g_autoptr(GError) error = NULL;
	gsize fed = 0;
	const gsize chunk = 16 * 1024;
	while (fed < doc->len) {
		gsize n = MIN(chunk, doc->len - fed);
		if (!xmlfeed_parser_feed(p, doc->str + fed, n, &error)) {
			break;
		}
		fed += n;
	}
	g_assert_error(error, SW_ERROR, SW_ERROR_LIMIT);
	g_assert_nonnull(strstr(error->message, "nested deeper than 64 at line 1"));
	g_assert_cmpuint(fed, <, 64 * 1024); /* stopped in the first chunks, not at 50 MiB */
	/* Later calls keep failing with the same error. */
	g_autoptr(GError) again = NULL;
	g_assert_false(xmlfeed_parser_feed(p, "<a>", 3, &again));
	g_assert_error(again, SW_ERROR, SW_ERROR_LIMIT);
	xmlfeed_parser_free(p);
	g_string_free(doc, TRUE);
}

/*
 * One element with 200,000 attributes: libxml2 2.9.14 checks attributes
 * pairwise (27 s for this one), so the tag is refused by length before
 * libxml2 parses it.  Long quoted values, CDATA full of '<', '"' and "'"
 * and comments are not tags and pass.
 */
static void
test_many_attributes(void)
{
	GString *doc = g_string_new("<rss version=\"2.0\"><channel><item");
	for (guint i = 0; i < 200000; i++) {
		g_string_append_printf(doc, " a%u=\"\"", i);
	}
	g_string_append(doc, "><guid>z</guid></item></channel></rss>");
	SourceContext ctx = context(NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_all_ways(&ctx, doc->str, doc->len, &error);
	g_assert_null(r);
	g_assert_error(error, SW_ERROR, SW_ERROR_LIMIT);
	g_assert_nonnull(strstr(error->message, "element tag longer than"));
	g_string_free(doc, TRUE);

	GString *ok = g_string_new("<?xml version=\"1.0\"?><!-- a \" comment ' with <tags> -->"
				   "<rss version=\"2.0\"><channel><item><guid>g1</guid>"
				   "<title>t</title><description><![CDATA[");
	for (guint i = 0; i < 5000; i++) {
		g_string_append(ok, "it's <b>\"quoted\"</b> < ");
	}
	g_string_append(ok, "]]></description><link>https://example.com/");
	for (guint i = 0; i < 2000; i++) {
		g_string_append(ok, "x");
	}
	g_string_append(ok, "</link><category domain=\"");
	for (guint i = 0; i < 12000; i++) {
		g_string_append(ok, "d");
	}
	g_string_append(ok, "\">c</category></item></channel></rss>");
	g_autoptr(GError) err2 = NULL;
	g_autoptr(TestResult) r2 = parse_all_ways(&ctx, ok->str, ok->len, &err2);
	g_assert_no_error(err2);
	g_assert_cmpuint(r2->advisories->len, ==, 1);
	g_string_free(ok, TRUE);
}

static GString *
many_items(guint n, gsize desc_len)
{
	GString *s = g_string_new("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>");
	for (guint i = 0; i < n; i++) {
		g_string_append_printf(s, "<item><guid>i-%u</guid><title>Item %u</title><description>",
				       i, i);
		for (gsize k = 0; k < desc_len; k++) {
			g_string_append_c(s, (char)('a' + k % 26));
		}
		g_string_append(s, "</description></item>\n");
	}
	g_string_append(s, "</channel></rss>\n");
	return s;
}

static void
test_max_items(void)
{
	g_autoptr(GString) doc = many_items(30, 10);
	SourceContext ctx = context(NULL);
	ctx.max_items = 10;
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_all_ways(&ctx, doc->str, doc->len, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 10);
	g_assert_cmpstr(((Advisory *)g_ptr_array_index(r->advisories, 9))->id, ==, "i-9");
	g_assert_true(has_warning(r, "more than 10 items; keeping the first 10"));
}

static void
test_max_bytes(void)
{
	g_autoptr(GString) doc = many_items(30, 100);
	SourceContext ctx = context(NULL);
	ctx.max_bytes = 1024;
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_all_ways(&ctx, doc->str, doc->len, &error);
	g_assert_null(r);
	g_assert_error(error, SW_ERROR, SW_ERROR_LIMIT);
	g_assert_cmpstr(error->message, ==, "document larger than 1024 bytes");
}

static void
test_max_field_bytes(void)
{
	/* An overlong description is cut, with a warning; the item is kept. */
	g_autoptr(GString) doc = many_items(2, 100 * 1024);
	SourceContext ctx = context(NULL);
	ctx.max_field_bytes = 1000;
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_all_ways(&ctx, doc->str, doc->len, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 2);
	const Advisory *a = g_ptr_array_index(r->advisories, 0);
	g_assert_cmpuint(strlen(a->text), ==, 1000);
	g_assert_true(has_warning(r, "item 'i-0': a field longer than 1000 bytes was truncated"));
}

/* ---- tables ---- */

static void
test_tables_sorted(void)
{
	gsize n = 0;
	for (; xmlfeed_tag_name_at(n + 1) != NULL; n++) {
		g_assert_cmpint(strcmp(xmlfeed_tag_name_at(n), xmlfeed_tag_name_at(n + 1)), <, 0);
	}
	g_assert_cmpuint(n + 1, >=, 15);

	gsize wn = 0;
	const StatusWord *w = status_words_table(&wn);
	for (gsize i = 0; i + 1 < wn; i++) {
		g_assert_cmpint(strcmp(w[i].word, w[i + 1].word), <, 0);
	}
	for (gsize i = 0; i < wn; i++) {
		g_assert_true(status_word_lookup(w[i].word, strlen(w[i].word)) == &w[i]);
	}
	const StatusWord *r = status_word_lookup("  RESOLVED ", 11);
	g_assert_nonnull(r);
	g_assert_cmpint(r->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_null(status_word_lookup("resolve", 7));
}

/* A blog's post closed by a bracketed word at its title's end ("(fixed)", "[Solved]")
 * is resolved; brackets that say something else ("(and more)", "(fixed price)") or a
 * word not at the end are not. */
static void
test_title_closed_label(void)
{
	static const char rss[] =
		"<rss version=\"2.0\"><channel><title>x</title>\n"
		"<item><guid>c1</guid><title>Contact forms not sending (fixed)</title>"
		"<pubDate>Mon, 10 Sep 2012 10:40:00 -0400</pubDate></item>\n"
		"<item><guid>c2</guid><title>Login errors [Solved] </title>"
		"<pubDate>Mon, 10 Sep 2012 11:40:00 -0400</pubDate></item>\n"
		"<item><guid>c3</guid><title>New plans (fixed price)</title>"
		"<pubDate>Mon, 10 Sep 2012 12:40:00 -0400</pubDate></item>\n"
		"<item><guid>c4</guid><title>Email down (fixed) for some</title>"
		"<pubDate>Mon, 10 Sep 2012 13:40:00 -0400</pubDate></item>\n"
		"</channel></rss>\n";
	SourceContext ctx = context(NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_all_ways(&ctx, rss, strlen(rss), &error);
	g_assert_no_error(error);
	g_assert_cmpint(find(r, "c1")->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpint(find(r, "c2")->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpint(find(r, "c3")->status, !=, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpint(find(r, "c4")->status, !=, ADVISORY_STATUS_RESOLVED);
	g_assert_false(status_words_title_closed(NULL));
	g_assert_false(status_words_title_closed("()"));
	g_assert_true(status_words_title_closed("API errors (Resolved)"));
}

/* What the feed says of itself reaches every item: RSS's channel title and <link> (not
 * an atom:link rel="self" beside it); Atom's title and rel="alternate" link, even when
 * they follow the entries. */
static void
test_feed_identity(void)
{
	static const char rss[] =
		"<?xml version=\"1.0\"?><rss version=\"2.0\" "
		"xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
		"<atom:link rel=\"self\" href=\"https://feeds.example/sf.rss\"/>"
		"<title>Salesforce Trust - Service Status</title>"
		"<link>https://status.salesforce.example/</link>"
		"<item><title>A</title><guid>a</guid>"
		"<link>https://status.salesforce.example/i/1</link></item>"
		"<item><title>B</title><guid>b</guid></item>"
		"</channel></rss>";
	static const char atom[] =
		"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
		"<link rel=\"self\" href=\"https://feeds.example/gh.atom\"/>"
		"<entry><id>e1</id><title>E</title><link href=\"https://stspg.io/x\"/></entry>"
		"<link rel=\"alternate\" type=\"text/html\" href=\"https://www.githubstatus.com\"/>"
		"<title>GitHub Status - Incident History</title>"
		"</feed>";
	static const char bare[] =
		"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
		"<item><title>C</title><guid>c</guid></item></channel></rss>";
	g_autoptr(GError) error = NULL;
	SourceContext ctx = context(NULL);

	g_autoptr(TestResult) r = parse_all_ways(&ctx, rss, strlen(rss), &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 2);
	for (guint i = 0; i < 2; i++) {
		const Advisory *a = r->advisories->pdata[i];
		g_assert_cmpstr(a->feed_name, ==, "Salesforce Trust - Service Status");
		g_assert_cmpstr(a->feed_home, ==, "https://status.salesforce.example/");
	}

	g_autoptr(TestResult) ra = parse_all_ways(&ctx, atom, strlen(atom), &error);
	g_assert_no_error(error);
	g_assert_cmpuint(ra->advisories->len, ==, 1);
	const Advisory *e = ra->advisories->pdata[0];
	g_assert_cmpstr(e->feed_name, ==, "GitHub Status - Incident History");
	g_assert_cmpstr(e->feed_home, ==, "https://www.githubstatus.com");
	g_assert_cmpstr(e->url, ==, "https://stspg.io/x");

	g_autoptr(TestResult) rb = parse_all_ways(&ctx, bare, strlen(bare), &error);
	g_assert_no_error(error);
	g_assert_cmpuint(rb->advisories->len, ==, 1);
	g_assert_null(((const Advisory *)rb->advisories->pdata[0])->feed_name);
	g_assert_null(((const Advisory *)rb->advisories->pdata[0])->feed_home);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/xmlfeed/statuspage-atom", test_statuspage_atom);
	g_test_add_func("/xmlfeed/feed-identity", test_feed_identity);
	g_test_add_func("/xmlfeed/statuspage-rss", test_statuspage_rss);
	g_test_add_func("/xmlfeed/damaged", test_damaged);
	g_test_add_func("/xmlfeed/html-entities", test_html_entities);
	g_test_add_func("/xmlfeed/status-message-categories", test_status_message_categories);
	g_test_add_func("/xmlfeed/bypassed-text", test_bypassed_text);
	g_test_add_func("/xmlfeed/bypass-after-error", test_bypass_after_error);
	g_test_add_func("/xmlfeed/xhtml-doctype-and-namespace", test_xhtml_doctype_and_namespace);
	g_test_add_func("/xmlfeed/atom03", test_atom03);
	g_test_add_func("/xmlfeed/xhtml-text", test_xhtml_text);
	g_test_add_func("/xmlfeed/description-only-and-duplicates", test_description_only_and_duplicates);
	g_test_add_func("/xmlfeed/azure", test_azure);
	g_test_add_func("/xmlfeed/azure-empty", test_azure_empty);
	g_test_add_func("/xmlfeed/aws", test_aws);
	g_test_add_func("/xmlfeed/google-cloud", test_google_cloud);
	g_test_add_func("/xmlfeed/rdf", test_rdf);
	g_test_add_func("/xmlfeed/generic-atom", test_generic_atom);
	g_test_add_func("/xmlfeed/not-statuspage-markup", test_not_statuspage_markup);
	g_test_add_func("/xmlfeed/bom-and-utf16", test_bom_and_utf16);
	g_test_add_func("/xmlfeed/identity-fallbacks", test_identity_fallbacks);
	g_test_add_func("/xmlfeed/dates", test_dates);
	g_test_add_func("/xmlfeed/latin1-declared-utf8-sent", test_latin1_declared_utf8_sent);
	g_test_add_func("/xmlfeed/legacy-doctype", test_legacy_doctype);
	g_test_add_func("/xmlfeed/entity-attacks", test_entity_attacks);
	g_test_add_func("/xmlfeed/malformed", test_malformed);
	g_test_add_func("/xmlfeed/deep-nesting", test_deep_nesting);
	g_test_add_func("/xmlfeed/many-attributes", test_many_attributes);
	g_test_add_func("/xmlfeed/max-items", test_max_items);
	g_test_add_func("/xmlfeed/max-bytes", test_max_bytes);
	g_test_add_func("/xmlfeed/max-field-bytes", test_max_field_bytes);
	g_test_add_func("/xmlfeed/tables-sorted", test_tables_sorted);
	g_test_add_func("/xmlfeed/title-closed-label", test_title_closed_label);
	return g_test_run();
}
