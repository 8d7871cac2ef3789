/* Advisory <-> JSON: lossless round trip, the documented field forms, strict reading. */
#include <glib.h>
#include <string.h>

#include "model/advisory.h"
#include "model/advisory_json.h"
#include "util/error.h"

static Advisory *
full_advisory(void)
{
	Advisory *a = advisory_new("m365-contoso", "EX649175");

	a->kind = ADVISORY_KIND_INCIDENT;
	advisory_set_str(&a->title, "Users can't send \"email\" \u2014 \\ tab\there\nnewline");
	advisory_add_service(a, "Exchange Online");
	advisory_add_service(a, "Microsoft 365 suite");
	advisory_set_str(&a->feature, "E-Mail and calendar access");
	advisory_set_str(&a->region, "eu-west-1");
	a->status = ADVISORY_STATUS_RESTORING;
	advisory_set_str(&a->raw_status, "serviceRestored");
	a->severity = ADVISORY_SEVERITY_MAJOR;
	a->start = 1689655500;   /* 2023-07-18T04:45:00Z */
	a->end = 1689708600;
	a->updated = 1689663482;
	advisory_set_str(&a->url, "https://admin.microsoft.com/?ref=EX649175&x=1");
	advisory_set_str(&a->text, "Control \x01 chars and UTF-8: \xc3\xa9\xe2\x82\xac");
	advisory_add_update(a, SW_TIME_NONE, ADVISORY_STATUS_UNKNOWN, "undated post");
	advisory_add_update(a, 1689656000, ADVISORY_STATUS_INVESTIGATING, "Investigating");
	advisory_add_update(a, 1689663482, ADVISORY_STATUS_RESTORING, "");
	a->withdrawn = true;
	advisory_set_str(&a->feed_name, "Microsoft 365 \"Service\" health");
	advisory_set_str(&a->feed_home, "https://status.office.com/");
	return a;
}

static void
assert_round_trip(const Advisory *a)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *json = advisory_to_json(a);
	g_autoptr(Advisory) back = advisory_from_json(json, &error);
	g_assert_no_error(error);
	g_assert_nonnull(back);

	g_autofree char *fa = advisory_fingerprint(a);
	g_autofree char *fb = advisory_fingerprint(back);
	g_assert_cmpstr(fa, ==, fb);
	/* The fingerprint cannot see source and id; check them directly. */
	g_assert_cmpstr(back->source, ==, a->source);
	g_assert_cmpstr(back->id, ==, a->id);
	/* NULL and "" hash alike; the document must still keep them apart. */
	g_assert_true((back->title == NULL) == (a->title == NULL));
	g_assert_true((back->url == NULL) == (a->url == NULL));
	/* Nor can it see what the feed says of itself (on purpose: see the next test). */
	g_assert_cmpstr(back->feed_name, ==, a->feed_name);
	g_assert_cmpstr(back->feed_home, ==, a->feed_home);
	/* And printing it again gives the same bytes. */
	g_autofree char *again = advisory_to_json(back);
	g_assert_cmpstr(json, ==, again);
}

static void
test_round_trip_full(void)
{
	g_autoptr(Advisory) a = full_advisory();
	g_autoptr(Advisory) copy = advisory_copy(a);
	assert_round_trip(copy);
}

static void
test_round_trip_empty(void)
{
	g_autoptr(Advisory) a = advisory_new("rss", "urn:uuid:1");
	assert_round_trip(a);

	advisory_set_str(&a->title, "");
	assert_round_trip(a);
}

static void
test_round_trip_every_enum(void)
{
	g_autoptr(Advisory) a = advisory_new("s", "i");
	for (int k = 0; k < ADVISORY_KIND_COUNT; k++) {
		for (int s = 0; s < ADVISORY_STATUS_COUNT; s++) {
			a->kind = (AdvisoryKind)k;
			a->status = (AdvisoryStatus)s;
			a->severity = (AdvisorySeverity)(s % ADVISORY_SEVERITY_COUNT);
			assert_round_trip(a);
		}
	}
}

static void
test_round_trip_odd_times(void)
{
	/* Inside and outside what RFC 3339 can spell; every one must come back exact. */
	static const gint64 times[] = {
		0,
		-1,
		-30610224000,  /* 1000-01-01 */
		-30610224001,  /* 0999-12-31: no four-digit year */
		253402300799,  /* 9999-12-31T23:59:59Z */
		253402300800,  /* year 10000 */
		G_MAXINT64,
		G_MININT64 + 1,
	};
	g_autoptr(Advisory) a = advisory_new("s", "i");
	for (gsize i = 0; i < G_N_ELEMENTS(times); i++) {
		a->start = times[i];
		a->end = times[i];
		g_ptr_array_set_size(a->updates, 0);
		advisory_add_update(a, times[i], ADVISORY_STATUS_OUTAGE, "x");
		assert_round_trip(a);
	}
}

/* A feed's declared name and home are kept, but a stored advisory that gains them (a
 * document written before they were kept, read again after an upgrade) is the same
 * version: no "updated" alert for what no person sees. */
static void
test_feed_identity(void)
{
	g_autoptr(Advisory) a = full_advisory();
	g_autoptr(Advisory) old = advisory_copy(a);
	g_clear_pointer(&old->feed_name, g_free);
	g_clear_pointer(&old->feed_home, g_free);
	g_autofree char *fa = advisory_fingerprint(a);
	g_autofree char *fo = advisory_fingerprint(old);
	g_assert_cmpstr(fa, ==, fo);

	g_autofree char *json = advisory_to_json(a);
	g_assert_nonnull(strstr(json, "\"feed_name\":\"Microsoft 365 \\\"Service\\\" health\""));
	g_assert_nonnull(strstr(json, "\"feed_home\":\"https://status.office.com/\""));

	/* A document stored before: no feed_name, no feed_home. */
	g_autoptr(GError) error = NULL;
	g_autoptr(Advisory) back = advisory_from_json(
		"{\"source\":\"s\",\"id\":\"i\",\"kind\":\"incident\",\"status\":\"resolved\","
		"\"severity\":\"minor\",\"services\":[],\"updates\":[],\"withdrawn\":false}",
		&error);
	g_assert_no_error(error);
	g_assert_null(back->feed_name);
	g_assert_null(back->feed_home);
	g_autoptr(Advisory) bad = advisory_from_json(
		"{\"source\":\"s\",\"id\":\"i\",\"kind\":\"incident\",\"status\":\"resolved\","
		"\"severity\":\"minor\",\"services\":[],\"updates\":[],\"feed_name\":7}",
		&error);
	g_assert_null(bad);
	g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
	g_assert_nonnull(strstr(error->message, "feed_name"));
	g_clear_error(&error);

	/* The clock of the item's own date: kept in whole minutes east of UTC, null when
	 * the date named none; absent from older documents. */
	g_assert_cmpint(back->date_offset, ==, ADVISORY_OFFSET_UNKNOWN);
	g_assert_nonnull(strstr(json, "\"date_offset\":null"));
	a->date_offset = -240;
	g_autofree char *zoned = advisory_to_json(a);
	g_assert_nonnull(strstr(zoned, "\"date_offset\":-240"));
	g_autoptr(Advisory) zoned_back = advisory_from_json(zoned, &error);
	g_assert_no_error(error);
	g_assert_cmpint(zoned_back->date_offset, ==, -240);
	g_autofree char *fz = advisory_fingerprint(a);
	g_assert_cmpstr(fz, ==, fa);
	static const char *const bad_offsets[] = {"1440", "-1440", "1.5", "\"-04:00\"", "true"};
	for (gsize i = 0; i < G_N_ELEMENTS(bad_offsets); i++) {
		g_autofree char *doc = g_strdup_printf(
			"{\"source\":\"s\",\"id\":\"i\",\"kind\":\"incident\","
			"\"status\":\"resolved\",\"severity\":\"minor\",\"services\":[],"
			"\"updates\":[],\"date_offset\":%s}",
			bad_offsets[i]);
		g_autoptr(Advisory) odd = advisory_from_json(doc, &error);
		g_assert_null(odd);
		g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
		g_assert_nonnull(strstr(error->message, "date_offset"));
		g_clear_error(&error);
	}
}

static void
test_document_form(void)
{
	g_autoptr(Advisory) a = full_advisory();
	a->end = SW_TIME_NONE;
	g_autofree char *json = advisory_to_json(a);

	/* Times as RFC 3339 in UTC, open end as null, enums by name, booleans as booleans. */
	g_assert_nonnull(strstr(json, "\"start\":\"2023-07-18T04:45:00Z\""));
	g_assert_nonnull(strstr(json, "\"end\":null"));
	g_assert_nonnull(strstr(json, "\"status\":\"restoring\""));
	g_assert_nonnull(strstr(json, "\"severity\":\"major\""));
	g_assert_nonnull(strstr(json, "\"kind\":\"incident\""));
	g_assert_nonnull(strstr(json, "\"withdrawn\":true"));
	g_assert_nonnull(
		strstr(json, "\"services\":[\"Exchange Online\",\"Microsoft 365 suite\"]"));
	g_assert_nonnull(
		strstr(json, "{\"time\":null,\"status\":\"unknown\",\"text\":\"undated post\"}"));
	/* Compact: no newlines outside strings (the title's newline is escaped). */
	g_assert_null(strchr(json, '\n'));
}

static void
test_reads_hand_written(void)
{
	g_autoptr(GError) error = NULL;
	/* Only source and id are required; an offset is normalised; unknown names and
	 * fields are tolerated. */
	g_autoptr(Advisory) a = advisory_from_json(
		"{\"source\":\"gh\",\"id\":\"abc\",\"status\":\"no-such-status\","
		"\"start\":\"2023-07-18T06:45:00+02:00\",\"future_field\":[1,2]}",
		&error);
	g_assert_no_error(error);
	g_assert_cmpstr(a->source, ==, "gh");
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_UNKNOWN);
	g_assert_cmpint(a->start, ==, 1689655500);
	g_assert_cmpint(a->end, ==, SW_TIME_NONE);
	g_assert_cmpuint(a->services->len, ==, 0);
	g_assert_false(a->withdrawn);
}

static void
test_rejects_bad_input(void)
{
	static const char *const bad[] = {
		"",
		"{",
		"[]",
		"\"just a string\"",
		"{\"id\":\"x\"}",                                 /* no source */
		"{\"source\":\"s\"}",                             /* no id */
		"{\"source\":1,\"id\":\"x\"}",                    /* wrong type */
		"{\"source\":\"s\",\"id\":\"x\",\"title\":5}",
		"{\"source\":\"s\",\"id\":\"x\",\"start\":\"yesterday\"}",
		"{\"source\":\"s\",\"id\":\"x\",\"start\":\"2023-07-18T04:45:00\"}", /* no zone */
		"{\"source\":\"s\",\"id\":\"x\",\"services\":\"Exchange\"}",
		"{\"source\":\"s\",\"id\":\"x\",\"services\":[1]}",
		"{\"source\":\"s\",\"id\":\"x\",\"updates\":[\"text\"]}",
		"{\"source\":\"s\",\"id\":\"x\",\"withdrawn\":\"yes\"}",
		/* Out of gint64's range: cJSON makes 1e400 inf.  Rejected without converting
		 * it first (clang's UBSan: float-cast-overflow). */
		"{\"source\":\"s\",\"id\":\"x\",\"start\":1e400}",
		"{\"source\":\"s\",\"id\":\"x\",\"start\":-1e400}",
		"{\"source\":\"s\",\"id\":\"x\",\"end\":1e30}",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(Advisory) a = advisory_from_json(bad[i], &error);
		g_assert_null(a);
		g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
		g_assert_true(g_str_has_prefix(error->message, "advisory JSON: "));
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/advisory-json/round-trip/full", test_round_trip_full);
	g_test_add_func("/advisory-json/round-trip/empty", test_round_trip_empty);
	g_test_add_func("/advisory-json/round-trip/every-enum", test_round_trip_every_enum);
	g_test_add_func("/advisory-json/round-trip/odd-times", test_round_trip_odd_times);
	g_test_add_func("/advisory-json/document-form", test_document_form);
	g_test_add_func("/advisory-json/feed-identity", test_feed_identity);
	g_test_add_func("/advisory-json/reads-hand-written", test_reads_hand_written);
	g_test_add_func("/advisory-json/rejects-bad-input", test_rejects_bad_input);
	return g_test_run();
}
