/* Advisory and incident model: enum tables, references, fingerprints, derived views. */
#include <glib.h>

#include "model/advisory.h"
#include "model/alert.h"
#include "model/incident.h"

static void
test_enum_round_trip(void)
{
	for (int i = 0; i < ADVISORY_STATUS_COUNT; i++) {
		const char *s = advisory_status_to_string((AdvisoryStatus)i);
		g_assert_cmpint(advisory_status_from_string(s), ==, i);
	}
	for (int i = 0; i < ADVISORY_KIND_COUNT; i++) {
		g_assert_cmpint(advisory_kind_from_string(advisory_kind_to_string(i)), ==, i);
	}
	for (int i = 0; i < ADVISORY_SEVERITY_COUNT; i++) {
		g_assert_cmpint(advisory_severity_from_string(advisory_severity_to_string(i)), ==,
				i);
	}
	g_assert_cmpint(advisory_status_from_string("no-such"), ==, ADVISORY_STATUS_UNKNOWN);
	g_assert_cmpint(advisory_status_from_string(NULL), ==, ADVISORY_STATUS_UNKNOWN);
	g_assert_cmpint(advisory_status_from_string("RESOLVED"), ==, ADVISORY_STATUS_RESOLVED);
	g_assert_cmpstr(advisory_status_to_string(ADVISORY_STATUS_FALSE_POSITIVE), ==,
			"false_positive");
}

static void
test_fingerprint_tracks_changes(void)
{
	g_autoptr(Advisory) a = advisory_new("m365", "EX649175");
	advisory_set_str(&a->title, "Some users may be unable to send email");
	advisory_add_service(a, "Exchange Online");
	advisory_add_service(a, "exchange online"); /* duplicate, ignored */
	g_assert_cmpuint(a->services->len, ==, 1);
	a->start = 1689655500;

	g_autoptr(Advisory) b = advisory_copy(a);
	g_autofree char *fa = advisory_fingerprint(a);
	g_autofree char *fb = advisory_fingerprint(b);
	g_assert_cmpstr(fa, ==, fb);

	advisory_add_update(b, 1689663482, ADVISORY_STATUS_INVESTIGATING, "We're investigating");
	g_autofree char *fb2 = advisory_fingerprint(b);
	g_assert_cmpstr(fa, !=, fb2);

	g_autofree char *key = advisory_key(a);
	g_assert_cmpstr(key, ==, "m365/EX649175");
}

static void
test_incident_views(void)
{
	g_autoptr(Advisory) a = advisory_new("m365", "EX648815");
	g_autoptr(Advisory) b = advisory_new("m365", "EX649175");
	a->start = 1689606000; /* 17 Jul 15:00 */
	a->end = 1689708600;   /* 18 Jul 19:30 */
	a->status = ADVISORY_STATUS_RESOLVED;
	a->severity = ADVISORY_SEVERITY_MINOR;
	advisory_add_service(a, "Exchange Online");
	b->start = 1689655500;
	b->severity = ADVISORY_SEVERITY_MAJOR;
	b->status = ADVISORY_STATUS_INVESTIGATING;
	advisory_set_str(&b->title, "Some users may be unable to send");
	advisory_add_service(b, "Exchange Online");
	advisory_add_service(b, "Outlook");

	g_autoptr(Incident) inc = incident_new("EX648815");
	incident_add_member(inc, b);
	incident_add_member(inc, a);
	incident_sort_members(inc);
	g_assert_true(inc->members->pdata[0] == a);
	g_assert_true(incident_is_active(inc, 1689700000));
	g_assert_cmpint(incident_end(inc, 1689700000), ==, SW_TIME_NONE);
	g_assert_cmpint(incident_start(inc), ==, a->start);
	g_assert_cmpint(incident_severity(inc), ==, ADVISORY_SEVERITY_MAJOR);
	g_assert_cmpstr(incident_title(inc), ==, "Some users may be unable to send");
	g_autoptr(GPtrArray) services = incident_services(inc);
	g_assert_cmpuint(services->len, ==, 2);

	b->status = ADVISORY_STATUS_RESOLVED;
	b->end = 1689668700;
	g_assert_false(incident_is_active(inc, 1689800000));
	g_assert_cmpint(incident_end(inc, 1689800000), ==, a->end);

	incident_add_alias(inc, "X1");
	incident_add_alias(inc, "X1");
	incident_add_alias(inc, "EX648815");
	g_assert_cmpuint(inc->aliases->len, ==, 1);
}

static void
test_stale_statusless(void)
{
	g_autoptr(Advisory) a = advisory_new("blog", "post-1");
	gint64 day = 24 * 3600;

	a->start = 1000 * day;
	/* A feed item without status or end is open while fresh ... */
	g_assert_false(advisory_is_closed(a, a->start + day));
	/* ... and history once nobody touched it for ADVISORY_STALE_AFTER. */
	g_assert_true(advisory_is_closed(a, a->start + 4 * day));
	a->updated = a->start + 3 * day;
	g_assert_false(advisory_is_closed(a, a->start + 4 * day));
	/* A source that says "investigating" is believed however old the post is. */
	a->status = ADVISORY_STATUS_INVESTIGATING;
	g_assert_false(advisory_is_closed(a, a->start + 30 * day));
	/* An end in the past closes anything. */
	a->end = a->start + 2 * day;
	g_assert_true(advisory_is_closed(a, a->start + 3 * day));
}

/* Every alert kind survives a round trip through its wire name, and unknown names
 * map to UNKNOWN, never to a real kind. */
/* The desktop notifier and the tray show the same icon file for the same severity. */
static void
test_severity_icons(void)
{
	g_assert_cmpstr(advisory_severity_icon(ADVISORY_SEVERITY_CRITICAL), ==,
			"statuswatch-critical");
	g_assert_cmpstr(advisory_severity_icon(ADVISORY_SEVERITY_MAJOR), ==, "statuswatch-major");
	g_assert_cmpstr(advisory_severity_icon(ADVISORY_SEVERITY_MINOR), ==, "statuswatch-minor");
	g_assert_cmpstr(advisory_severity_icon(ADVISORY_SEVERITY_INFO), ==, "statuswatch-minor");
	g_assert_cmpstr(advisory_severity_icon(ADVISORY_SEVERITY_UNKNOWN), ==, "statuswatch-minor");
}

static void
test_alert_kinds(void)
{
	for (int k = ALERT_KIND_OPENED; k < ALERT_KIND_COUNT; k++) {
		const char *name = alert_kind_to_string((AlertKind)k);

		g_assert_cmpstr(name, !=, "unknown");
		g_assert_cmpint(alert_kind_from_string(name), ==, k);
	}
	g_assert_cmpint(alert_kind_from_string("OPENED"), ==, ALERT_KIND_UNKNOWN);
	g_assert_cmpint(alert_kind_from_string(NULL), ==, ALERT_KIND_UNKNOWN);
	g_assert_cmpstr(alert_kind_to_string(ALERT_KIND_COUNT), ==, "unknown");

	g_autoptr(Alert) alert = alert_new(ALERT_KIND_OPENED, "k", "desk", 1);
	alert->incident = incident_new("EX1");
	alert_add_change(alert, "EX2 joined");
	g_ptr_array_add(alert->items, alert_new(ALERT_KIND_GREW, "k2", "desk", 2));
	g_assert_cmpuint(alert->changes->len, ==, 1);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/model/enum-round-trip", test_enum_round_trip);
	g_test_add_func("/model/fingerprint", test_fingerprint_tracks_changes);
	g_test_add_func("/model/incident-views", test_incident_views);
	g_test_add_func("/model/stale-statusless", test_stale_statusless);
	g_test_add_func("/model/alert-kinds", test_alert_kinds);
	g_test_add_func("/model/severity-icons", test_severity_icons);
	return g_test_run();
}
