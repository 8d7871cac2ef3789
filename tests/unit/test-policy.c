/*
 * The alert policy on a simulated clock: every rule of policy.h, one test each,
 * asserting what a notifier would be sent (or why not) at given times.
 */
#include "alert/policy.h"

#include <string.h>

#include "config.h"
#include "daemon/alerting.h"
#include "util/error.h"

#define T0 G_GINT64_CONSTANT(1689699600) /* 2023-07-18T17:00:00Z, a Tuesday */

static Advisory *
adv(const char *id, AdvisoryKind kind, AdvisoryStatus status, AdvisorySeverity sev,
    const char *service, const char *title)
{
	Advisory *a = advisory_new("m365", id);

	a->kind = kind;
	a->status = status;
	a->severity = sev;
	a->start = T0 - 600;
	a->updated = T0 - 600;
	a->title = g_strdup(title);
	if (service != NULL) {
		advisory_add_service(a, service);
	}
	if (status == ADVISORY_STATUS_RESOLVED) {
		a->end = T0 - 60;
	}
	return a;
}

static Incident *
incident_of(Advisory *a, Advisory *b)
{
	Incident *inc = incident_new("EX648815");

	incident_add_member(inc, a);
	if (b != NULL) {
		incident_add_member(inc, b);
	}
	return inc;
}

/* One decision for @inc at @now; returns the action and leaves the decision in @d. */
static PolicyAction
decide(const Policy *p, AlertState *st, const Incident *inc, const PolicyContext *ctx,
       gint64 now, PolicyDecision *d)
{
	g_autoptr(AlertView) v = alert_view_new(inc, now);

	policy_decision_init(d);
	policy_decide(p, st, v, ctx, now, d);
	return d->action;
}

/* The policy of [notify:chat] with these keys, built as the daemon builds it (the
 * configuration parses and checks the values, alerting_policies() types them). */
static Policy *
policy_with(const char *first_key, ...)
{
	/* [source:azure] for a 'sources' key to name. */
	g_autoptr(GString) text = g_string_new("[source:azure]\ntype = rss\n"
					       "url = https://status.example.com/feed\n"
					       "[notify:chat]\ntype = terminal\n");
	va_list ap;
	g_autoptr(GError) error = NULL;

	va_start(ap, first_key);
	for (const char *k = first_key; k != NULL; k = va_arg(ap, const char *)) {
		g_string_append_printf(text, "%s = %s\n", k, va_arg(ap, char *));
	}
	va_end(ap);
	g_autoptr(Config) config = config_load_data("chat.conf", text->str, &error);
	g_assert_no_error(error);
	g_autoptr(GPtrArray) policies = alerting_policies(config, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(policies->len, ==, 1);
	return g_ptr_array_steal_index(policies, 0);
}

static void
expect(const Policy *p, AlertState *st, const Incident *inc, const PolicyContext *ctx, gint64 now,
       PolicyAction action, AlertKind kind, const char *reason_part)
{
	PolicyDecision d;

	decide(p, st, inc, ctx, now, &d);
	if (d.action != action || (action == POLICY_SEND && d.kind != kind) ||
	    (reason_part != NULL && strstr(d.reason, reason_part) == NULL)) {
		g_error("at +%" G_GINT64_FORMAT "s: got action %d kind %s reason '%s'; want action "
			"%d kind %s reason with '%s'",
			now - T0, d.action, alert_kind_to_string(d.kind), d.reason, action,
			alert_kind_to_string(kind), reason_part != NULL ? reason_part : "");
	}
	policy_decision_clear(&d);
}

static void
test_group_wait(void)
{
	g_autoptr(Policy) p = policy_with("group_wait", "60s", NULL);
	g_autoptr(Advisory) a = adv("EX648815", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_INVESTIGATING,
				    ADVISORY_SEVERITY_MAJOR, "Exchange Online", "Mail delayed");
	g_autoptr(Incident) inc = incident_of(a, NULL);
	g_autoptr(GHashTable) polls = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	gint64 *last = g_new(gint64, 1);
	*last = T0;
	g_hash_table_insert(polls, "m365", last);
	PolicyContext ctx = {.muted_until = SW_TIME_NONE, .polls = polls};
	AlertState st;

	alert_state_init(&st);
	expect(p, &st, inc, &ctx, T0, POLICY_HOLD, 0, "group_wait until 2023-07-18T17:01:00Z");
	/* 60 s passed, but the source has not been polled again: a second advisory may come. */
	expect(p, &st, inc, &ctx, T0 + 90, POLICY_HOLD, 0, "one more poll");
	*last = T0 + 120;
	g_autoptr(Advisory) b = adv("EX649175", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_INVESTIGATING,
				    ADVISORY_SEVERITY_MAJOR, "Exchange Online", "Send fails");
	g_autoptr(Incident) grown = incident_of(a, b);
	PolicyDecision d;
	g_assert_cmpint(decide(p, &st, grown, &ctx, T0 + 120, &d), ==, POLICY_SEND);
	g_assert_cmpint(d.kind, ==, ALERT_KIND_OPENED);
	g_assert_cmpint(st.revision, ==, 1);
	g_assert_nonnull(strstr(st.sent, "member=m365/EX649175"));
	policy_decision_clear(&d);
	/* Sent once: nothing more while nothing changes. */
	expect(p, &st, grown, &ctx, T0 + 180, POLICY_NONE, 0, "no change");
	alert_state_clear(&st);
}

static void
test_group_interval_and_resolve(void)
{
	g_autoptr(Policy) p = policy_with("group_wait", "0", "group_interval", "15m", NULL);
	g_autoptr(Advisory) a = adv("EX648815", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_INVESTIGATING,
				    ADVISORY_SEVERITY_MAJOR, "Exchange Online", "Mail delayed");
	g_autoptr(Incident) inc = incident_of(a, NULL);
	AlertState st;

	alert_state_init(&st);
	expect(p, &st, inc, NULL, T0, POLICY_SEND, ALERT_KIND_OPENED, NULL);
	/* Two changes within group_interval fold into one update at its end. */
	a->status = ADVISORY_STATUS_IDENTIFIED;
	expect(p, &st, inc, NULL, T0 + 60, POLICY_HOLD, 0, "group_interval until 2023-07-18T17:15:00Z");
	a->severity = ADVISORY_SEVERITY_CRITICAL;
	expect(p, &st, inc, NULL, T0 + 120, POLICY_HOLD, 0, "group_interval");
	PolicyDecision d;
	g_assert_cmpint(decide(p, &st, inc, NULL, T0 + 900, &d), ==, POLICY_SEND);
	g_assert_cmpint(d.kind, ==, ALERT_KIND_CHANGED);
	g_assert_cmpint(d.previous, ==, ALERT_KIND_OPENED);
	g_assert_cmpuint(d.changes->len, ==, 2);
	g_assert_cmpstr(d.changes->pdata[0], ==, "status: investigating -> identified");
	g_assert_cmpstr(d.changes->pdata[1], ==, "severity: major -> critical");
	policy_decision_clear(&d);
	/* Resolution right after an update is not held by group_interval. */
	a->status = ADVISORY_STATUS_RESOLVED;
	a->end = T0 + 950;
	expect(p, &st, inc, NULL, T0 + 960, POLICY_SEND, ALERT_KIND_RESOLVED, NULL);
	/* Reopened after that: an alert again. */
	a->status = ADVISORY_STATUS_INVESTIGATING;
	a->end = SW_TIME_NONE;
	expect(p, &st, inc, NULL, T0 + 960 + 900, POLICY_SEND, ALERT_KIND_REOPENED, NULL);
	g_assert_cmpint(st.revision, ==, 4);
	alert_state_clear(&st);
}

static void
test_damping(void)
{
	g_autoptr(Policy) p = policy_with("group_wait", "0", "group_interval", "0", NULL);
	g_autoptr(Advisory) a = adv("EX648815", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_INVESTIGATING,
				    ADVISORY_SEVERITY_MAJOR, "Exchange Online", "Mail delayed");
	g_autoptr(Incident) inc = incident_of(a, NULL);
	AlertState st;

	alert_state_init(&st);
	advisory_add_update(a, T0 - 600, ADVISORY_STATUS_INVESTIGATING, "We are investigating.");
	expect(p, &st, inc, NULL, T0, POLICY_SEND, ALERT_KIND_OPENED, NULL);
	advisory_add_update(a, T0 + 60, ADVISORY_STATUS_INVESTIGATING, "Still investigating.");
	advisory_add_update(a, T0 + 120, ADVISORY_STATUS_INVESTIGATING, "Still investigating.");
	expect(p, &st, inc, NULL, T0 + 130, POLICY_NONE, 0, "damped: 2 routine posts");
	/* A new title is news, and the folded posts show in it. */
	advisory_set_str(&a->title, "Mail delayed by an interceptor rule");
	PolicyDecision d;
	g_assert_cmpint(decide(p, &st, inc, NULL, T0 + 200, &d), ==, POLICY_SEND);
	g_assert_cmpint(d.kind, ==, ALERT_KIND_CHANGED);
	g_assert_cmpstr(d.changes->pdata[0], ==,
			"title: Mail delayed -> Mail delayed by an interceptor rule");
	g_assert_cmpstr(d.changes->pdata[d.changes->len - 1], ==, "2 new posts");
	policy_decision_clear(&d);
	alert_state_clear(&st);
}

static void
test_repeat(void)
{
	g_autoptr(Policy) p = policy_with("group_wait", "0", "repeat_interval", "4h", NULL);
	g_autoptr(Advisory) a = adv("EX648815", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_INVESTIGATING,
				    ADVISORY_SEVERITY_MAJOR, "Exchange Online", "Mail delayed");
	g_autoptr(Incident) inc = incident_of(a, NULL);
	AlertState st;

	alert_state_init(&st);
	expect(p, &st, inc, NULL, T0, POLICY_SEND, ALERT_KIND_OPENED, NULL);
	expect(p, &st, inc, NULL, T0 + 3 * 3600, POLICY_NONE, 0, "no change");
	expect(p, &st, inc, NULL, T0 + 4 * 3600, POLICY_SEND, ALERT_KIND_REMINDER, NULL);
	expect(p, &st, inc, NULL, T0 + 5 * 3600, POLICY_NONE, 0, NULL);
	expect(p, &st, inc, NULL, T0 + 8 * 3600, POLICY_SEND, ALERT_KIND_REMINDER, NULL);
	alert_state_clear(&st);
}

static void
test_quiet_hours(void)
{
	/* 17:00Z is 19:00 in Berlin (summer); quiet 18:00-07:00 local. */
	g_autoptr(Policy) p = policy_with("group_wait", "0", "quiet_hours", "18:00-07:00",
					  "timezone", "Europe/Berlin", "quiet_hours_pass",
					  "critical", NULL);
	g_autoptr(Advisory) a = adv("EX648815", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_INVESTIGATING,
				    ADVISORY_SEVERITY_MAJOR, "Exchange Online", "Mail delayed");
	g_autoptr(Advisory) c = adv("EX700000", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_INVESTIGATING,
				    ADVISORY_SEVERITY_CRITICAL, "Teams", "Teams down");
	g_autoptr(Incident) inc = incident_of(a, NULL);
	g_autoptr(Incident) crit = incident_new("EX700000");
	incident_add_member(crit, c);
	AlertState st, cst;
	gint64 end = 0;

	alert_state_init(&st);
	alert_state_init(&cst);
	g_assert_true(policy_in_quiet_hours(p, T0, &end));
	g_assert_cmpint(end, ==, G_GINT64_CONSTANT(1689742800)); /* 2023-07-19T05:00:00Z */
	expect(p, &st, inc, NULL, T0, POLICY_HOLD, 0, "quiet hours until 2023-07-19T05:00:00Z");
	/* critical passes */
	expect(p, &cst, crit, NULL, T0, POLICY_SEND, ALERT_KIND_OPENED, NULL);
	/* Deferred, not dropped: it resolves in the night and the morning summary says so. */
	a->status = ADVISORY_STATUS_RESOLVED;
	a->end = T0 + 3600;
	expect(p, &st, inc, NULL, T0 + 7200, POLICY_HOLD, 0, "quiet hours");
	PolicyDecision d;
	g_assert_cmpint(decide(p, &st, inc, NULL, end, &d), ==, POLICY_SEND);
	g_assert_true(d.summary);
	g_assert_cmpint(d.kind, ==, ALERT_KIND_RESOLVED);
	policy_decision_clear(&d);
	expect(p, &st, inc, NULL, end + 60, POLICY_NONE, 0, NULL);
	alert_state_clear(&st);
	alert_state_clear(&cst);
}

static void
test_mute(void)
{
	g_autoptr(Policy) p = policy_with("group_wait", "0", NULL);
	g_autoptr(Advisory) a = adv("EX648815", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_INVESTIGATING,
				    ADVISORY_SEVERITY_MAJOR, "Exchange Online", "Mail delayed");
	g_autoptr(Incident) inc = incident_of(a, NULL);
	PolicyContext ctx = {.muted_until = T0 + 4 * 3600};
	AlertState st;

	alert_state_init(&st);
	expect(p, &st, inc, &ctx, T0, POLICY_HOLD, 0, "muted until 2023-07-18T21:00:00Z");
	expect(p, &st, inc, &ctx, T0 + 3600, POLICY_HOLD, 0, "muted");
	ctx.muted_until = SW_TIME_NONE; /* unmuted */
	expect(p, &st, inc, &ctx, T0 + 3660, POLICY_SEND, ALERT_KIND_OPENED, NULL);
	alert_state_clear(&st);
}

static void
test_filters(void)
{
	g_autoptr(Advisory) a = adv("EX648815", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_INVESTIGATING,
				    ADVISORY_SEVERITY_MINOR, "Exchange Online", "Mail delayed");
	g_autoptr(Incident) inc = incident_of(a, NULL);
	struct {
		const char *key, *value;
		PolicyAction action;
		const char *reason;
	} cases[] = {
		{"min_severity", "major", POLICY_EXCLUDED, "severity minor below min_severity major"},
		{"min_severity", "minor", POLICY_SEND, NULL},
		{"services", "exchange*", POLICY_SEND, NULL},
		{"services", "teams, sharepoint", POLICY_EXCLUDED, "matches services"},
		{"exclude_services", "Exchange Online", POLICY_EXCLUDED, "exclude_services"},
		{"exclude_sources", "m3*", POLICY_EXCLUDED, "exclude_sources"},
		{"sources", "azure", POLICY_EXCLUDED, "matches sources"},
		{"kinds", "advisory", POLICY_EXCLUDED, "kind incident"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(Policy) p = policy_with("group_wait", "0", cases[i].key, cases[i].value,
						  NULL);
		AlertState st;
		alert_state_init(&st);
		expect(p, &st, inc, NULL, T0, cases[i].action, ALERT_KIND_OPENED, cases[i].reason);
		alert_state_clear(&st);
	}
}

static void
test_maintenance(void)
{
	g_autoptr(Policy) p = policy_with("group_wait", "0", NULL);
	g_autoptr(Advisory) m = adv("MT1", ADVISORY_KIND_MAINTENANCE, ADVISORY_STATUS_SCHEDULED,
				    ADVISORY_SEVERITY_MINOR, "Exchange Online", "Planned work");
	g_autoptr(Incident) inc = incident_of(m, NULL);
	AlertState st;

	m->start = T0 + 3600;
	m->end = T0 + 7200;
	alert_state_init(&st);
	expect(p, &st, inc, NULL, T0, POLICY_EXCLUDED, 0, "kind maintenance");
	m->status = ADVISORY_STATUS_IDENTIFIED; /* in progress */
	expect(p, &st, inc, NULL, T0 + 4000, POLICY_EXCLUDED, 0, "kind maintenance");
	/* Still in progress after its announced end: it overran, and that is news. */
	expect(p, &st, inc, NULL, T0 + 7300, POLICY_SEND, ALERT_KIND_OPENED, NULL);
	alert_state_clear(&st);
}

static void
test_history(void)
{
	g_autoptr(Policy) p = policy_with("group_wait", "0", NULL);
	g_autoptr(Advisory) a = adv("EX1", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_RESOLVED,
				    ADVISORY_SEVERITY_MAJOR, "Exchange Online", "Old");
	g_autoptr(Incident) inc = incident_of(a, NULL);
	AlertState st;

	alert_state_init(&st);
	expect(p, &st, inc, NULL, T0, POLICY_NONE, 0, "history");
	g_assert_true(st.history);
	/* It reopens later: that is news. */
	a->status = ADVISORY_STATUS_INVESTIGATING;
	a->end = SW_TIME_NONE;
	expect(p, &st, inc, NULL, T0 + 60, POLICY_SEND, ALERT_KIND_OPENED, NULL);
	alert_state_clear(&st);
}

/* Every spelling of false the configuration accepts (statuswatch.conf(5)) works here too:
 * "no" once passed check-config and then stopped the daemon. */
static void
test_notify_resolved_false(void)
{
	static const char *const spellings[] = {"false", "no", "off", "0", "NO"};

	for (gsize i = 0; i < G_N_ELEMENTS(spellings); i++) {
		g_autoptr(Policy) p = policy_with("group_wait", "0", "notify_resolved",
						  spellings[i], NULL);
		g_autoptr(Advisory) a = adv("EX1", ADVISORY_KIND_INCIDENT,
					    ADVISORY_STATUS_INVESTIGATING, ADVISORY_SEVERITY_MAJOR,
					    "Exchange Online", "Down");
		g_autoptr(Incident) inc = incident_of(a, NULL);
		AlertState st;

		alert_state_init(&st);
		expect(p, &st, inc, NULL, T0, POLICY_SEND, ALERT_KIND_OPENED, NULL);
		a->status = ADVISORY_STATUS_RESOLVED;
		a->end = T0 + 10;
		expect(p, &st, inc, NULL, T0 + 20, POLICY_NONE, 0, "notify_resolved");
		expect(p, &st, inc, NULL, T0 + 30, POLICY_NONE, 0, "no change");
		alert_state_clear(&st);
	}
}

/* A bad policy value stops the configuration at load, naming the line, group and key
 * (check-config then says where). */
static void
test_bad_keys(void)
{
	const char *bad[][2] = {
		{"quiet_hours", "22:00"},      {"quiet_hours", "25:00-07:00"},
		{"quiet_hours", "07:00-07:00"}, {"group_wait", "soon"},
		{"min_severity", "huge"},      {"kinds", "outage"},
		{"timezone", "Mars/Olympus"},  {"quiet_hours_pass", "none"},
		{"group_interval", "off"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree char *text = g_strdup_printf("[notify:chat]\ntype = terminal\n%s = %s\n",
							bad[i][0], bad[i][1]);
		g_autoptr(Config) config = config_load_data("chat.conf", text, &error);
		g_assert_null(config);
		g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
		g_autofree char *where = g_strdup_printf("chat.conf:3: [notify:chat] '%s'", bad[i][0]);
		if (!g_str_has_prefix(error->message, where)) {
			g_error("%s = %s: got '%s'", bad[i][0], bad[i][1], error->message);
		}
	}
}

/* With no key set, the policy has the defaults statuswatch.conf(5) states (they come
 * from the schema; the policy has none of its own). */
static void
test_defaults(void)
{
	g_autoptr(Policy) p = policy_with(NULL);

	g_assert_cmpint(p->group_wait, ==, 60);
	g_assert_cmpint(p->group_interval, ==, 900);
	g_assert_cmpint(p->repeat_interval, ==, 0);
	g_assert_cmpint(p->give_up_after, ==, 24 * 3600);
	g_assert_cmpint(p->min_severity, ==, ADVISORY_SEVERITY_MINOR);
	g_assert_cmpuint(p->kinds, ==, POLICY_KIND_INCIDENT | POLICY_KIND_ADVISORY);
	g_assert_cmpint(p->quiet_start, ==, -1);
	g_assert_cmpint(p->quiet_pass, ==, ADVISORY_SEVERITY_UNKNOWN);
	g_assert_true(p->notify_resolved);
	g_assert_false(p->quiet);
	/* "off" switches off quiet hours a [policy] group set, for one notifier. */
	g_autoptr(Policy) off = policy_with("quiet_hours", "off", NULL);
	g_assert_cmpint(off->quiet_start, ==, -1);
	g_autoptr(Policy) on = policy_with("quiet_hours", "22:00 - 07:30", "kinds", "maint*",
					   NULL);
	g_assert_cmpint(on->quiet_start, ==, 22 * 60);
	g_assert_cmpint(on->quiet_end, ==, 7 * 60 + 30);
	g_assert_cmpuint(on->kinds, ==, POLICY_KIND_MAINTENANCE);
}

/* A note (Incident.notes: another page's "we are not affected by this") listed with an
 * incident already alerted changes nothing the notifier is told: no update, no alert. */
static void
test_note_sends_nothing(void)
{
	g_autoptr(Policy) p = policy_with("group_wait", "0", NULL);
	g_autoptr(Advisory) a = adv("EX648815", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_INVESTIGATING,
				    ADVISORY_SEVERITY_MAJOR, "Exchange Online", "Mail delayed");
	g_autoptr(Incident) inc = incident_of(a, NULL);
	PolicyContext ctx = {.muted_until = SW_TIME_NONE};
	AlertState st;

	alert_state_init(&st);
	expect(p, &st, inc, &ctx, T0, POLICY_SEND, ALERT_KIND_OPENED, NULL);
	g_autofree char *sent = g_strdup(st.sent);
	/* Then a page's notice of no impact, posted later, severity critical, another
	 * service: listed with the incident as a note. */
	g_autoptr(Advisory) n = adv("NOTE1", ADVISORY_KIND_INCIDENT, ADVISORY_STATUS_RESOLVED,
				    ADVISORY_SEVERITY_CRITICAL, "Birchline Dashboard",
				    "Not affected: Exchange Online mail delays");
	advisory_set_str(&n->source, "birchline");
	n->start = n->updated = T0 + 100;
	n->end = T0 + 100;
	g_autoptr(Incident) noted = incident_of(a, NULL);
	incident_add_note(noted, n);
	expect(p, &st, noted, &ctx, T0 + 200, POLICY_NONE, 0, "no change");
	g_assert_cmpstr(st.sent, ==, sent);
	g_assert_cmpint(st.revision, ==, 1);
	/* The view is the members': severity and services are not the note's. */
	g_autoptr(AlertView) v = alert_view_new(noted, T0 + 200);
	g_autoptr(AlertView) v0 = alert_view_new(inc, T0 + 200);
	g_assert_true(v->digest == v0->digest);
	g_assert_cmpuint(v->updates, ==, v0->updates);
	alert_state_clear(&st);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/policy/group-wait", test_group_wait);
	g_test_add_func("/policy/note-sends-nothing", test_note_sends_nothing);
	g_test_add_func("/policy/group-interval-resolve", test_group_interval_and_resolve);
	g_test_add_func("/policy/damping", test_damping);
	g_test_add_func("/policy/repeat", test_repeat);
	g_test_add_func("/policy/quiet-hours", test_quiet_hours);
	g_test_add_func("/policy/mute", test_mute);
	g_test_add_func("/policy/filters", test_filters);
	g_test_add_func("/policy/maintenance", test_maintenance);
	g_test_add_func("/policy/history", test_history);
	g_test_add_func("/policy/notify-resolved-false", test_notify_resolved_false);
	g_test_add_func("/policy/bad-keys", test_bad_keys);
	g_test_add_func("/policy/defaults", test_defaults);
	return g_test_run();
}
