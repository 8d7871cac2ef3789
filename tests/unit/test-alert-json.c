/*
 * alert_to_json / alert_from_json: the generic payload and the outbox's stored
 * form.  A stored alert must come back exactly (same JSON again), carry the
 * statuswatch-json(5) incident fields receivers read, and bad input must be
 * one clear error.
 */
#include "model/alert.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "util/error.h"
#include "util/timeparse.h"

static Incident *
sample_incident(void)
{
	Incident *inc = incident_new("EX648815");
	g_autoptr(Advisory) a = advisory_new("m365", "EX648815");
	g_autoptr(Advisory) b = advisory_new("m365", "EX649175");

	a->kind = b->kind = ADVISORY_KIND_INCIDENT;
	a->status = ADVISORY_STATUS_INVESTIGATING;
	b->status = ADVISORY_STATUS_RESOLVED;
	a->severity = ADVISORY_SEVERITY_MAJOR;
	b->severity = ADVISORY_SEVERITY_CRITICAL;
	a->start = 1689606000;
	b->start = 1689655500;
	b->end = 1689668700;
	a->title = g_strdup("Users' email delivery may be delayed");
	b->title = g_strdup("Some users may be unable to send email \"503 5.5.1\"");
	a->url = g_strdup("https://admin.microsoft.com/#/servicehealth/:/alerts/EX648815");
	advisory_add_service(a, "Exchange Online");
	advisory_add_service(b, "Exchange Online");
	advisory_add_update(a, 1689609910, ADVISORY_STATUS_INVESTIGATING, "Reviewing telemetry.");
	incident_add_member(inc, a);
	incident_add_member(inc, b);
	IncidentLink *l = incident_link_new("m365", "EX648815", "m365", "EX649175", 3.14159);
	incident_link_add_reason(l, "EX649175 names EX648815");
	g_ptr_array_add(inc->links, l);
	incident_add_alias(inc, "EX649175");
	inc->created = 1689609910;
	return inc;
}

static void
test_round_trip(void)
{
	g_autoptr(Alert) alert = alert_new(ALERT_KIND_GREW, "EX648815/chat/2", "chat", 1689663600);
	alert->incident = sample_incident();
	alert->previous = ALERT_KIND_OPENED;
	alert->thread_ref = g_strdup("msg-1");
	alert_add_change(alert, "EX649175 joined");

	g_autofree char *json = alert_to_json(alert);
	g_autoptr(GError) error = NULL;
	g_autoptr(Alert) back = alert_from_json(json, &error);
	g_assert_no_error(error);
	g_autofree char *again = alert_to_json(back);
	g_assert_cmpstr(again, ==, json);
	g_assert_cmpint(back->kind, ==, ALERT_KIND_GREW);
	g_assert_cmpint(back->previous, ==, ALERT_KIND_OPENED);
	g_assert_cmpuint(back->incident->members->len, ==, 2);
	/* No note: none is made on the way back (Incident.notes stays NULL). */
	g_assert_null(back->incident->notes);
	g_assert_cmpint(incident_severity(back->incident), ==, ADVISORY_SEVERITY_CRITICAL);

	/* What a receiver reads: the statuswatch-json(5) fields, event, key, previous. */
	cJSON *root = cJSON_Parse(json);
	g_assert_cmpstr(cJSON_GetObjectItem(root, "event")->valuestring, ==, "grew");
	g_assert_cmpstr(cJSON_GetObjectItem(root, "key")->valuestring, ==, "EX648815/chat/2");
	g_assert_cmpstr(cJSON_GetObjectItem(root, "previous")->valuestring, ==, "opened");
	cJSON *inc = cJSON_GetObjectItem(root, "incident");
	g_assert_cmpstr(cJSON_GetObjectItem(inc, "status")->valuestring, ==, "active");
	g_assert_cmpstr(cJSON_GetObjectItem(inc, "severity")->valuestring, ==, "critical");
	g_assert_cmpstr(cJSON_GetObjectItem(inc, "start")->valuestring, ==, "2023-07-17T15:00:00Z");
	g_assert_true(cJSON_IsNull(cJSON_GetObjectItem(inc, "end")));
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(inc, "aliases")), ==, 1);
	cJSON *m = cJSON_GetArrayItem(cJSON_GetObjectItem(inc, "advisories"), 1);
	g_assert_cmpstr(cJSON_GetObjectItem(m, "id")->valuestring, ==, "EX649175");
	g_assert_cmpstr(cJSON_GetObjectItem(m, "end")->valuestring, ==, "2023-07-18T08:25:00Z");
	cJSON *link = cJSON_GetArrayItem(cJSON_GetObjectItem(inc, "links"), 0);
	g_assert_cmpfloat(cJSON_GetObjectItem(link, "score")->valuedouble, ==, 3.14);
	cJSON_Delete(root);
}

/* A note (Incident.notes) comes back as a note, after the members, and the alert's
 * JSON is the same again. */
static void
test_round_trip_note(void)
{
	g_autoptr(Alert) alert =
		alert_new(ALERT_KIND_OPENED, "EX648815/chat/1", "chat", 1689663600);
	g_autoptr(Advisory) n = advisory_new("plough", "P1");

	alert->incident = sample_incident();
	n->title = g_strdup("Not affected: Exchange Online mail delays");
	n->start = 1689660000;
	incident_add_note(alert->incident, n);
	g_autofree char *json = alert_to_json(alert);
	g_autoptr(GError) error = NULL;
	g_autoptr(Alert) back = alert_from_json(json, &error);
	g_assert_no_error(error);
	g_autofree char *again = alert_to_json(back);
	g_assert_cmpstr(again, ==, json);
	g_assert_cmpuint(back->incident->members->len, ==, 2);
	g_assert_cmpuint(incident_note_count(back->incident), ==, 1);
	g_assert_cmpstr(((Advisory *)back->incident->notes->pdata[0])->id, ==, "P1");
	g_assert_nonnull(strstr(json, "\"note\":true"));
}

static void
test_summary(void)
{
	g_autoptr(Alert) s = alert_new(ALERT_KIND_SUMMARY, "summary/chat/1", "chat", 1689742800);
	Alert *item = alert_new(ALERT_KIND_RESOLVED, "EX648815/chat/1", "chat", 1689742800);
	item->incident = sample_incident();
	g_ptr_array_add(s->items, item);

	g_autofree char *json = alert_to_json(s);
	g_autoptr(Alert) back = alert_from_json(json, NULL);
	g_assert_nonnull(back);
	g_assert_null(back->incident);
	g_assert_cmpuint(back->items->len, ==, 1);
	g_assert_cmpint(((Alert *)back->items->pdata[0])->kind, ==, ALERT_KIND_RESOLVED);
	g_assert_true(strstr(json, "\"incident\":null") != NULL);
}

/* incident_to_json() writes its text straight, not through a cJSON tree: what it
 * writes must be what cJSON prints for the same document (escapes of quotes,
 * backslashes and control bytes, UTF-8 as is, numbers as %d, %1.15g or %1.17g),
 * in both forms. */
static void
test_incident_writer_prints_as_cjson(void)
{
	g_autoptr(Incident) inc = sample_incident();
	Advisory *a = inc->members->pdata[0];
	g_free(a->title);
	a->title = g_strdup("Quote \" back\\slash \b\f\n\r\t \x01\x1f\x7f caf\xc3\xa9 / end");
	const double scores[] = {0, 8, 12.5, 9.99, 100.01, 1234567.89, -3, 2147483648.0, 1e-7};
	for (gsize i = 0; i < G_N_ELEMENTS(scores); i++) {
		IncidentLink *l = incident_link_new("m365", "EX648815", "m365", "EX649175", scores[i]);
		incident_link_add_reason(l, i % 2 ? "tab\there" : "plain");
		g_ptr_array_add(inc->links, l);
	}
	for (int form = INCIDENT_JSON_SUMMARY; form <= INCIDENT_JSON_FULL; form++) {
		g_autofree char *json = incident_to_json(inc, 1689663600, form);
		cJSON *root = cJSON_Parse(json);
		g_assert_nonnull(root);
		char *again = cJSON_PrintUnformatted(root);
		g_assert_cmpstr(json, ==, again);
		cJSON_free(again);
		cJSON_Delete(root);
		GString *appended = g_string_new("x");
		incident_to_json_append(appended, inc, 1689663600, form);
		g_assert_cmpstr(appended->str + 1, ==, json);
		g_string_free(appended, TRUE);
	}
}

/* The writer formats times and lists services itself: each time as
 * time_format_rfc3339() writes it (null where it gives none), the services as
 * incident_services() lists them. */
static void
test_incident_writer_times_and_services(void)
{
	g_autoptr(Incident) inc = sample_incident();
	Advisory *a = inc->members->pdata[0];
	Advisory *b = inc->members->pdata[1];
	advisory_add_service(b, "exchange ONLINE");
	advisory_add_service(b, "Microsoft Teams");
	advisory_add_service(a, "microsoft teams");
	for (int k = 0; k < 70; k++) {
		g_autofree char *name = g_strdup_printf("Service %d", k % 40);
		advisory_add_service(k % 2 ? a : b, name);
	}
	gint64 times[2000] = {
		0, -1, 1, 59, 60, 86399, 86400, -86399, -86400, -86401, 951782400, 951868799,
		951868800, 4107542400, 1689663600, G_GINT64_CONSTANT(-62135596800),
		G_GINT64_CONSTANT(-62135596801), G_GINT64_CONSTANT(253402300799),
		G_GINT64_CONSTANT(253402300800), G_MAXINT64, G_MININT64 + 1,
	};
	GRand *rand = g_rand_new_with_seed(7);
	for (gsize i = 21; i < G_N_ELEMENTS(times); i++) {
		/* Spread over years 1 to 9999 and a little beyond. */
		times[i] = (gint64)(g_rand_double_range(rand, -6.3e10, 2.6e11));
	}
	g_rand_free(rand);
	g_autoptr(GPtrArray) services = incident_services(inc);
	for (gsize i = 0; i < G_N_ELEMENTS(times); i++) {
		a->start = times[i];
		b->start = SW_TIME_NONE;
		g_autofree char *json = incident_to_json(inc, 1689663600, INCIDENT_JSON_SUMMARY);
		cJSON *root = cJSON_Parse(json);
		g_assert_nonnull(root);
		g_autofree char *want = time_format_rfc3339(times[i]);
		cJSON *start = cJSON_GetObjectItem(root, "start");
		if (want == NULL) {
			g_assert_true(cJSON_IsNull(start));
		} else {
			g_assert_cmpstr(cJSON_GetStringValue(start), ==, want);
		}
		cJSON *got = cJSON_GetObjectItem(root, "services");
		g_assert_cmpint(cJSON_GetArraySize(got), ==, (int)services->len);
		for (guint k = 0; k < services->len; k++) {
			g_assert_cmpstr(cJSON_GetStringValue(cJSON_GetArrayItem(got, (int)k)), ==,
					services->pdata[k]);
		}
		cJSON_Delete(root);
	}
}

static void
test_bad_input(void)
{
	const char *bad[] = {
		"",
		"[]",
		"{\"event\":\"exploded\"}",
		"{\"event\":\"opened\",\"time\":\"yesterday\"}",
		"{\"event\":\"opened\",\"incident\":{\"title\":\"no id\"}}",
		"{\"event\":\"opened\",\"changes\":[1]}",
		("{\"event\":\"summary\",\"items\":[{\"event\":\"summary\",\"items\":[{\"event\":"
		 "\"summary\",\"items\":[{\"event\":\"opened\"}]}]}]}"), /* one string */
	};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(Alert) a = alert_from_json(bad[i], &error);
		g_assert_null(a);
		g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
		g_assert_true(g_str_has_prefix(error->message, "alert JSON: "));
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/alert-json/round-trip", test_round_trip);
	g_test_add_func("/alert-json/round-trip-note", test_round_trip_note);
	g_test_add_func("/alert-json/summary", test_summary);
	g_test_add_func("/alert-json/bad-input", test_bad_input);
	g_test_add_func("/alert-json/incident-writer", test_incident_writer_prints_as_cjson);
	g_test_add_func("/alert-json/incident-writer-times",
			test_incident_writer_times_and_services);
	return g_test_run();
}
