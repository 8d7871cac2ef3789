/*
 * graph_parse() and the Graph helpers on fixtures: the July 2023 Exchange
 * pages and the January 2023 WAN page (real-shaped), enum casing, the status
 * table, nulls and missing members, Message Center, error and token bodies.
 */
#include <glib.h>
#include <string.h>

#include "model/advisory.h"
#include "sources/graph.h"
#include "sources/parsers.h"
#include "util/error.h"

static gint64
utc(int y, int mo, int d, int h, int mi, double s)
{
	g_autoptr(GDateTime) dt = g_date_time_new_utc(y, mo, d, h, mi, s);
	return g_date_time_to_unix(dt);
}

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
	g_ptr_array_unref(r->advisories);
	g_ptr_array_unref(r->warnings);
	g_free(r->next_link);
	g_free(r);
}

/* source_result_free() belongs to source.c; these tests build results by hand. */
typedef SourceResult TestResult;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(TestResult, result_free)

static SourceResult *
parse_fixture(const char *name, GError **error)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", "graph", name, NULL);
	g_autofree char *data = NULL;
	gsize len = 0;
	g_autoptr(GError) io = NULL;
	if (!g_file_get_contents(path, &data, &len, &io)) {
		g_error("%s", io->message);
	}
	SourceContext ctx = {.source_name = "m365-contoso", .now = utc(2023, 7, 27, 0, 0, 0)};
	SourceResult *r = result_new();
	if (!graph_parse(&ctx, data, len, r, error)) {
		result_free(r);
		return NULL;
	}
	return r;
}

static Advisory *
find(SourceResult *r, const char *id)
{
	for (guint i = 0; i < r->advisories->len; i++) {
		Advisory *a = g_ptr_array_index(r->advisories, i);
		if (g_strcmp0(a->id, id) == 0) {
			return a;
		}
	}
	return NULL;
}

static void
test_exchange_pages(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) p1 = parse_fixture("exchange-2023-07-page1.json", &error);
	g_assert_no_error(error);
	g_autoptr(TestResult) p2 = parse_fixture("exchange-2023-07-page2.json", &error);
	g_assert_no_error(error);

	g_assert_cmpint(p1->format, ==, SOURCE_FORMAT_GRAPH);
	g_assert_cmpuint(p1->advisories->len, ==, 6);
	g_assert_cmpuint(p2->advisories->len, ==, 5);
	g_assert_cmpuint(p1->warnings->len, ==, 0);
	g_assert_cmpstr(p1->next_link, ==,
			"https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues?$skip=6");
	g_assert_null(p2->next_link);

	Advisory *a = find(p1, "EX649175");
	g_assert_nonnull(a);
	g_assert_cmpstr(a->source, ==, "m365-contoso");
	g_assert_cmpint(a->kind, ==, ADVISORY_KIND_INCIDENT);
	g_assert_cmpstr(a->title, ==, "Users may be unable to send email messages in Exchange Online");
	g_assert_nonnull(strstr(a->text, "503 5.5.1 Bad sequence of commands"));
	g_assert_cmpuint(a->services->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(a->services, 0), ==, "Exchange Online");
	g_assert_cmpstr(a->feature, ==, "Sending mail");
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(a->raw_status, ==, "serviceRestored");
	g_assert_cmpint(a->severity, ==, ADVISORY_SEVERITY_MINOR);
	g_assert_cmpint(a->start, ==, utc(2023, 7, 18, 4, 46, 0));
	g_assert_cmpint(a->end, ==, utc(2023, 7, 18, 8, 25, 0));
	g_assert_cmpint(a->updated, ==, utc(2023, 7, 18, 10, 45, 45));
	g_assert_cmpstr(a->url, ==,
			"https://admin.microsoft.com/Adminportal/Home#/servicehealth/:/alerts/EX649175");
	g_assert_false(a->withdrawn);
	g_assert_cmpuint(a->updates->len, ==, 4);
	const AdvisoryUpdate *u0 = g_ptr_array_index(a->updates, 0);
	const AdvisoryUpdate *u3 = g_ptr_array_index(a->updates, 3);
	g_assert_cmpint(u0->time, ==, utc(2023, 7, 18, 5, 28, 0));
	g_assert_cmpint(u3->time, ==, utc(2023, 7, 18, 10, 45, 0));
	/* Plain-text post bodies keep their paragraph breaks. */
	g_assert_true(g_str_has_prefix(u0->text,
				       "Title: Users may be unable to send email messages in "
				       "Exchange Online\n\nUser impact:"));
	g_assert_cmpint(u3->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_true(advisory_is_closed(a, utc(2023, 7, 27, 0, 0, 0)));

	Advisory *b = find(p2, "EX648815");
	g_assert_nonnull(b);
	g_assert_cmpint(b->kind, ==, ADVISORY_KIND_INCIDENT);
	g_assert_cmpstr(b->title, ==,
			"Some users' inbound and outbound email may be delayed by 15 minutes or more");
	g_assert_cmpstr(b->feature, ==, "Mail flow delay");
	g_assert_cmpint(b->start, ==, utc(2023, 7, 17, 15, 0, 0));
	g_assert_cmpint(b->end, ==, utc(2023, 7, 18, 19, 30, 0));
	/* 7-digit fraction: "2023-07-18T20:05:25.4547167Z". */
	g_assert_cmpint(b->updated, ==, utc(2023, 7, 18, 20, 5, 25));
	g_assert_cmpuint(b->updates->len, ==, 7);
	const AdvisoryUpdate *b4 = g_ptr_array_index(b->updates, 4);
	g_assert_nonnull(strstr(b4->text, "EX649175"));
	for (guint i = 1; i < b->updates->len; i++) {
		const AdvisoryUpdate *prev = g_ptr_array_index(b->updates, i - 1);
		const AdvisoryUpdate *cur = g_ptr_array_index(b->updates, i);
		g_assert_cmpint(prev->time, <=, cur->time);
	}

	Advisory *c = find(p1, "EX649488");
	g_assert_nonnull(c);
	g_assert_cmpint(c->kind, ==, ADVISORY_KIND_ADVISORY);
	g_assert_cmpint(c->severity, ==, ADVISORY_SEVERITY_INFO);
	g_assert_cmpstr(c->feature, ==, "Calendar");
}

static void
test_wan_page(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_fixture("wan-2023-01.json", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 5);
	Advisory *a = find(r, "MO502273");
	g_assert_nonnull(a);
	g_assert_cmpint(a->start, ==, utc(2023, 1, 25, 7, 5, 0));
	g_assert_cmpuint(a->updates->len, ==, 5);
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_RESOLVED);
}

static void
test_variants(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_fixture("issues-variants.json", &error);
	g_assert_no_error(error);
	/* 8 items: one without id and one non-object are skipped with warnings. */
	g_assert_cmpuint(r->advisories->len, ==, 6);
	g_assert_cmpstr(r->next_link, ==,
			"https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/issues?"
			"$skiptoken=abc%3D%3D&$top=5");

	/* PascalCase enums as in the doc samples; posts out of order come out sorted. */
	Advisory *a = find(r, "EX900001");
	g_assert_nonnull(a);
	g_assert_cmpint(a->kind, ==, ADVISORY_KIND_INCIDENT);
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpuint(a->updates->len, ==, 2);
	const AdvisoryUpdate *first = g_ptr_array_index(a->updates, 0);
	const AdvisoryUpdate *second = g_ptr_array_index(a->updates, 1);
	g_assert_cmpint(first->time, ==, utc(2023, 7, 18, 6, 58, 2));
	g_assert_nonnull(strstr(first->text, "investigating"));
	g_assert_null(strstr(first->text, "<b>"));
	g_assert_null(strstr(second->text, "\\"));
	g_assert_nonnull(strstr(second->text, "Final status: Fixed."));

	/* endDateTime null, posts empty, featureGroup standing in for feature, unknown member. */
	Advisory *b = find(r, "TM900002");
	g_assert_nonnull(b);
	g_assert_cmpint(b->status, ==, ADVISORY_STATUS_RESTORING);
	g_assert_cmpint(b->end, ==, SW_TIME_NONE);
	g_assert_cmpuint(b->updates->len, ==, 0);
	g_assert_cmpstr(b->feature, ==, "Teams Components");
	g_assert_cmpint(b->start, ==, utc(2023, 7, 19, 1, 0, 0));
	g_assert_cmpint(b->updated, ==, utc(2023, 7, 19, 2, 0, 0));
	g_assert_false(advisory_is_closed(b, utc(2023, 7, 27, 0, 0, 0)));

	/* An unknown status is kept raw, mapped to unknown, and warned about. */
	Advisory *c = find(r, "SP900003");
	g_assert_nonnull(c);
	g_assert_cmpint(c->status, ==, ADVISORY_STATUS_UNKNOWN);
	g_assert_cmpstr(c->raw_status, ==, "quantumFluctuation");
	g_assert_cmpint(c->kind, ==, ADVISORY_KIND_ADVISORY);
	bool warned = false;
	for (guint i = 0; i < r->warnings->len; i++) {
		warned |= strstr(g_ptr_array_index(r->warnings, i), "quantumFluctuation") != NULL;
	}
	g_assert_true(warned);
	g_assert_cmpuint(r->warnings->len, ==, 3);

	/* isResolved wins over a status that says otherwise; highImpact true → major. */
	Advisory *d = find(r, "EX900004");
	g_assert_nonnull(d);
	g_assert_cmpint(d->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(d->raw_status, ==, "investigating");
	g_assert_cmpint(d->severity, ==, ADVISORY_SEVERITY_MAJOR);
	g_assert_true(advisory_is_closed(d, utc(2023, 7, 27, 0, 0, 0)));

	Advisory *e = find(r, "EX900005");
	g_assert_nonnull(e);
	g_assert_cmpint(e->status, ==, ADVISORY_STATUS_OUTAGE);
	g_assert_cmpint(e->severity, ==, ADVISORY_SEVERITY_MAJOR);

	Advisory *f = find(r, "MO900006");
	g_assert_nonnull(f);
	g_assert_cmpint(f->status, ==, ADVISORY_STATUS_FALSE_POSITIVE);
	g_assert_cmpint(f->severity, ==, ADVISORY_SEVERITY_INFO);
}

static void
test_status_table(void)
{
	/* Every serviceHealthStatus value of REFERENCE §1.7, in both casings. */
	static const struct {
		const char *word;
		AdvisoryStatus status;
	} cases[] = {
		{"serviceOperational", ADVISORY_STATUS_RESOLVED},
		{"investigating", ADVISORY_STATUS_INVESTIGATING},
		{"restoringService", ADVISORY_STATUS_RESTORING},
		{"verifyingService", ADVISORY_STATUS_MONITORING},
		{"serviceRestored", ADVISORY_STATUS_RESOLVED},
		{"postIncidentReviewPublished", ADVISORY_STATUS_RESOLVED},
		{"serviceDegradation", ADVISORY_STATUS_DEGRADED},
		{"serviceInterruption", ADVISORY_STATUS_OUTAGE},
		{"extendedRecovery", ADVISORY_STATUS_RESTORING},
		{"falsePositive", ADVISORY_STATUS_FALSE_POSITIVE},
		{"investigationSuspended", ADVISORY_STATUS_INVESTIGATING},
		{"resolved", ADVISORY_STATUS_RESOLVED},
		{"mitigatedExternal", ADVISORY_STATUS_MONITORING},
		{"mitigated", ADVISORY_STATUS_MONITORING},
		{"resolvedExternal", ADVISORY_STATUS_RESOLVED},
		{"confirmed", ADVISORY_STATUS_IDENTIFIED},
		{"reported", ADVISORY_STATUS_INVESTIGATING},
		{"unknownFutureValue", ADVISORY_STATUS_UNKNOWN},
	};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *upper = g_ascii_strup(cases[i].word, -1);
		g_autofree char *pascal = g_strdup(cases[i].word);
		pascal[0] = g_ascii_toupper(pascal[0]);
		g_assert_cmpint(graph_status_from_string(cases[i].word), ==, cases[i].status);
		g_assert_cmpint(graph_status_from_string(upper), ==, cases[i].status);
		g_assert_cmpint(graph_status_from_string(pascal), ==, cases[i].status);
	}
	g_assert_cmpint(graph_status_from_string("serviceRestoredX"), ==, ADVISORY_STATUS_UNKNOWN);
	g_assert_cmpint(graph_status_from_string(""), ==, ADVISORY_STATUS_UNKNOWN);
	g_assert_cmpint(graph_status_from_string(NULL), ==, ADVISORY_STATUS_UNKNOWN);

	/* bsearch needs the table sorted case-insensitively. */
	for (guint i = 1; i < graph_status_table_size(); i++) {
		g_assert_cmpint(g_ascii_strcasecmp(graph_status_table_name(i - 1),
						   graph_status_table_name(i)), <, 0);
	}
}

static void
test_messages(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_fixture("messages.json", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 1);
	Advisory *m = find(r, "MC900100");
	g_assert_nonnull(m);
	g_assert_cmpint(m->kind, ==, ADVISORY_KIND_INFORMATIONAL);
	g_assert_cmpint(m->severity, ==, ADVISORY_SEVERITY_MINOR);
	g_assert_cmpuint(m->services->len, ==, 2); /* duplicate in another case dropped */
	g_assert_nonnull(strstr(m->text, "retire the protocol"));
	g_assert_null(strstr(m->text, "<p>"));
	g_assert_nonnull(strstr(m->url, "MC900100"));
	g_assert_cmpint(m->end, ==, utc(2023, 9, 30, 7, 0, 0));
}

static void
test_malformed(void)
{
	g_autoptr(GError) error = NULL;
	SourceResult *r = parse_fixture("malformed.json", &error);
	g_assert_null(r);
	g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
	g_clear_error(&error);

	/* An error body is not a page. */
	r = parse_fixture("error-403.json", &error);
	g_assert_null(r);
	g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
	g_assert_nonnull(strstr(error->message, "Authorization_RequestDenied"));
	g_clear_error(&error);

	/* Nesting beyond the cap is refused before cJSON recurses. */
	GString *deep = g_string_new("{\"value\": ");
	for (int i = 0; i < 100; i++) {
		g_string_append_c(deep, '[');
	}
	SourceContext ctx = {.source_name = "x"};
	g_autoptr(TestResult) r2 = result_new();
	g_assert_false(graph_parse(&ctx, deep->str, deep->len, r2, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_LIMIT);
	g_clear_error(&error);
	g_string_free(deep, TRUE);

	/* Wrong shapes. */
	const char *bad[] = {"[]", "{\"value\": {}}", "{}", "null", ""};
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_assert_false(graph_parse(&ctx, bad[i], strlen(bad[i]), r2, &error));
		g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
		g_clear_error(&error);
	}

	/* Size and item caps. */
	const char *two = "{\"value\":[{\"id\":\"A1\"},{\"id\":\"A2\"}]}";
	SourceContext small = {.source_name = "x", .max_bytes = 10};
	g_assert_false(graph_parse(&small, two, strlen(two), r2, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_LIMIT);
	g_clear_error(&error);
	SourceContext one = {.source_name = "x", .max_items = 1};
	g_assert_true(graph_parse(&one, two, strlen(two), r2, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(r2->advisories->len, ==, 1);
	g_assert_cmpuint(r2->warnings->len, ==, 1);
}

static void
test_error_bodies(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", "graph",
						      "error-403.json", NULL);
	g_autofree char *data = NULL;
	gsize len = 0;
	g_assert_true(g_file_get_contents(path, &data, &len, NULL));
	g_autofree char *code = NULL;
	g_autofree char *inner = NULL;
	g_autofree char *message = NULL;
	g_assert_true(graph_parse_error_body(data, len, &code, &inner, &message));
	g_assert_cmpstr(code, ==, "Authorization_RequestDenied");
	g_assert_null(inner);
	g_assert_cmpstr(message, ==, "Insufficient privileges to complete the operation.");

	g_autofree char *path2 = g_test_build_filename(G_TEST_DIST, "fixtures", "graph",
						       "error-nested.json", NULL);
	g_autofree char *data2 = NULL;
	g_assert_true(g_file_get_contents(path2, &data2, &len, NULL));
	g_autofree char *code2 = NULL;
	g_autofree char *inner2 = NULL;
	g_autofree char *message2 = NULL;
	g_assert_true(graph_parse_error_body(data2, len, &code2, &inner2, &message2));
	g_assert_cmpstr(code2, ==, "generalException");
	g_assert_cmpstr(inner2, ==, "backendTimeout");
	g_assert_cmpstr(message2, ==, "General failure.");

	g_assert_false(graph_parse_error_body("<html>503</html>", 16, NULL, NULL, NULL));
	g_assert_false(graph_parse_error_body("{\"value\": []}", 13, NULL, NULL, NULL));

	g_autofree char *oerr = NULL;
	g_autofree char *odesc = NULL;
	const char *oauth = "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: "
			    "Invalid client secret provided.\\r\\nTrace ID: 1\\r\\nCorrelation ID: 2\","
			    "\"error_codes\":[7000215]}";
	g_assert_true(graph_parse_oauth_error(oauth, strlen(oauth), &oerr, &odesc));
	g_assert_cmpstr(oerr, ==, "invalid_client");
	g_assert_cmpstr(odesc, ==, "AADSTS7000215: Invalid client secret provided.");
}

static void
test_token_response(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *token = NULL;
	gint64 expires = 0;
	const char *ok = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
			 "\"access_token\":\"eyJ0eXAi.abc.def\"}";
	g_assert_true(graph_parse_token_response(ok, strlen(ok), &token, &expires, &error));
	g_assert_no_error(error);
	g_assert_cmpstr(token, ==, "eyJ0eXAi.abc.def");
	g_assert_cmpint(expires, ==, 3599);

	const char *str_exp = "{\"token_type\":\"bearer\",\"expires_in\":\"600\",\"access_token\":\"t\"}";
	g_autofree char *token2 = NULL;
	g_assert_true(graph_parse_token_response(str_exp, strlen(str_exp), &token2, &expires, &error));
	g_assert_cmpint(expires, ==, 600);

	const char *bad[] = {"{\"token_type\":\"Bearer\"}", "{\"access_token\":\"a b\"}",
			     "{\"access_token\":\"SECRETTOKEN\",\"token_type\":\"MAC\"}", "nope"};
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		char *t = NULL;
		g_assert_false(graph_parse_token_response(bad[i], strlen(bad[i]), &t, &expires,
							  &error));
		g_assert_null(t);
		g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
		g_assert_null(strstr(error->message, "SECRETTOKEN"));
		g_clear_error(&error);
	}
}

/* A saved healthOverviews?$expand=issues response: the issues inside each service are read,
 * the per-service overviews themselves are no advisories (issue 10). */
static void
test_health_overviews(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(TestResult) r = parse_fixture("health-overviews-expand-issues.json", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 2);
	Advisory *a = find(r, "EX649175");
	g_assert_cmpstr(a->title, ==, "Users may be unable to access their mailbox using Outlook on the web");
	g_assert_cmpint(a->status, !=, ADVISORY_STATUS_RESOLVED);
	Advisory *b = find(r, "SP611234");
	g_assert_cmpint(b->status, ==, ADVISORY_STATUS_RESOLVED);
	for (guint i = 0; i < r->advisories->len; i++) {
		const Advisory *x = g_ptr_array_index(r->advisories, i);
		g_assert_cmpstr(x->id, !=, "Exchange");
		g_assert_cmpstr(x->id, !=, "microsoftteams");
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/graph/exchange-2023-07", test_exchange_pages);
	g_test_add_func("/graph/wan-2023-01", test_wan_page);
	g_test_add_func("/graph/health-overviews", test_health_overviews);
	g_test_add_func("/graph/variants", test_variants);
	g_test_add_func("/graph/status-table", test_status_table);
	g_test_add_func("/graph/messages", test_messages);
	g_test_add_func("/graph/malformed", test_malformed);
	g_test_add_func("/graph/error-bodies", test_error_bodies);
	g_test_add_func("/graph/token-response", test_token_response);
	return g_test_run();
}
