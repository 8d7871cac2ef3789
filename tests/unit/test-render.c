/* notify/render: subject, text and HTML bodies of every alert kind, clean-up of hostile
 * feed text, shortening at UTF-8 boundaries. */
#include <glib.h>
#include <string.h>

#include "model/advisory.h"
#include "model/alert.h"
#include "model/incident.h"
#include "notify/render.h"

#define T0 1764925920 /* 2025-12-05 09:12 UTC */

static Advisory *
member(const char *source, const char *id, const char *title, const char *service,
       AdvisoryStatus status, AdvisorySeverity sev)
{
	Advisory *a = advisory_new(source, id);
	advisory_set_str(&a->title, title);
	advisory_add_service(a, service);
	a->status = status;
	a->severity = sev;
	a->start = T0;
	a->updated = T0 + 600;
	if (status == ADVISORY_STATUS_RESOLVED) {
		a->end = T0 + 3600;
	}
	g_autofree char *url = g_strdup_printf("https://status.example/%s", id);
	advisory_set_str(&a->url, url);
	return a;
}

static Alert *
incident_alert(AlertKind kind, AdvisoryStatus status)
{
	Alert *alert = alert_new(kind, "inc-1/ops/3", "ops", T0 + 7200);
	Incident *inc = incident_new("inc-1");
	const char *ids[] = {"EX649175", "EX649180", "sp-42"};
	for (guint i = 0; i < G_N_ELEMENTS(ids); i++) {
		g_autoptr(Advisory) a = member(i < 2 ? "m365" : "statuspage", ids[i],
					       "Users can't send mail", "Exchange Online", status,
					       ADVISORY_SEVERITY_MAJOR);
		incident_add_member(inc, a);
	}
	IncidentLink *l = incident_link_new("m365", "EX649175", "statuspage", "sp-42", 0.82);
	incident_link_add_reason(l, "both name 'exchange online'");
	g_ptr_array_add(inc->links, l);
	alert->incident = inc;
	alert_add_change(alert, "status: investigating -> resolved");
	return alert;
}

static void
test_subject(void)
{
	g_autoptr(Alert) a = incident_alert(ALERT_KIND_RESOLVED, ADVISORY_STATUS_RESOLVED);
	g_autofree char *subject = render_subject(a);
	g_assert_cmpstr(subject, ==, "[statuswatch] RESOLVED: Exchange Online, 3 advisories");

	g_autoptr(Alert) o = incident_alert(ALERT_KIND_OPENED, ADVISORY_STATUS_INVESTIGATING);
	g_autofree char *s2 = render_subject(o);
	g_assert_cmpstr(s2, ==, "[statuswatch] OPEN: Exchange Online, 3 advisories");
}

static void
test_text_lists_everything(void)
{
	g_autoptr(Alert) a = incident_alert(ALERT_KIND_RESOLVED, ADVISORY_STATUS_RESOLVED);
	g_autofree char *text = render_text(a);

	g_assert_nonnull(strstr(text, "Title:     Users can't send mail\n"));
	g_assert_nonnull(strstr(text, "Status:    resolved\n"));
	g_assert_nonnull(strstr(text, "Severity:  major\n"));
	g_assert_nonnull(strstr(text, "Impact:    2025-12-05 09:12 UTC – 2025-12-05 10:12 UTC\n"));
	g_assert_nonnull(strstr(text, "  - status: investigating -> resolved\n"));
	g_assert_nonnull(strstr(text, "  - EX649180 (m365) [resolved, major]\n"));
	g_assert_nonnull(strstr(text, "  - sp-42 (statuspage)"));
	g_assert_nonnull(strstr(text, "    https://status.example/sp-42\n"));
	g_assert_nonnull(strstr(text, "EX649175 ~ sp-42 (0.82): both name 'exchange online'\n"));

	g_autoptr(Alert) o = incident_alert(ALERT_KIND_OPENED, ADVISORY_STATUS_INVESTIGATING);
	g_autofree char *t2 = render_text(o);
	g_assert_nonnull(strstr(t2, "Status:    investigating\n"));
	g_assert_nonnull(strstr(t2, "Impact:    since 2025-12-05 09:12 UTC (ongoing)\n"));
}

static void
test_hostile_text(void)
{
	g_autoptr(Alert) a = incident_alert(ALERT_KIND_OPENED, ADVISORY_STATUS_INVESTIGATING);
	Advisory *m = a->incident->members->pdata[0];
	advisory_set_str(&m->title, "<script>alert(1)</script>\x1b[31m red\x07\r\nline \xe2\x80\xae"
				    "evil");
	advisory_set_str(&m->url, "javascript:alert(1)");
	a->incident->title = g_strdup("Mail & \"calendar\"\ttrouble");

	g_autofree char *subject = render_subject(a);
	g_assert_null(strchr(subject, '\n'));
	g_autofree char *text = render_text(a);
	g_assert_nonnull(strstr(text, "<script>alert(1)</script>[31m red line evil"));
	g_assert_null(strchr(text, '\x1b'));
	g_assert_null(strchr(text, '\x07'));
	g_assert_null(strstr(text, "\xe2\x80\xae"));
	g_assert_null(strstr(text, "javascript:"));

	g_autofree char *html = render_html(a);
	g_assert_null(strstr(html, "<script>"));
	g_assert_nonnull(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	g_assert_nonnull(strstr(html, "Mail &amp; &quot;calendar&quot; trouble"));
	g_assert_null(strstr(html, "javascript:"));
	g_assert_nonnull(strstr(html, "<a href=\"https://status.example/sp-42\""));
	g_assert_true(g_utf8_validate(html, -1, NULL));
}

static void
test_html_layout(void)
{
	g_autoptr(Alert) a = incident_alert(ALERT_KIND_RESOLVED, ADVISORY_STATUS_RESOLVED);
	g_autofree char *html = render_html(a);

	g_assert_true(g_str_has_prefix(html, "<!DOCTYPE html>"));
	g_assert_nonnull(strstr(html, "<table role=\"presentation\""));
	g_assert_null(strstr(html, "<style")); /* inline styles only */
	g_assert_nonnull(strstr(html, "RESOLVED: Exchange Online, 3 advisories"));
	g_assert_nonnull(strstr(html, ">EX649180</a>"));
	g_assert_nonnull(strstr(html, "both name &#39;exchange online&#39;"));
	g_assert_nonnull(strstr(html, "#2e7d32")); /* resolved: green header */
}

static void
test_summary_notice_test(void)
{
	g_autoptr(Alert) s = alert_new(ALERT_KIND_SUMMARY, "summary/ops/1", "ops", T0 + 9000);
	g_ptr_array_add(s->items, incident_alert(ALERT_KIND_OPENED, ADVISORY_STATUS_INVESTIGATING));
	g_ptr_array_add(s->items, incident_alert(ALERT_KIND_RESOLVED, ADVISORY_STATUS_RESOLVED));
	Alert *n = alert_new(ALERT_KIND_NOTICE, "n", "ops", T0);
	n->text = g_strdup("source 'azure' unreachable");
	g_ptr_array_add(s->items, n);

	g_autofree char *subject = render_subject(s);
	g_assert_cmpstr(subject, ==, "[statuswatch] SUMMARY: 3 alerts while you were away");
	g_autofree char *text = render_text(s);
	g_assert_nonnull(strstr(text, "OPEN: Exchange Online, 3 advisories\n"));
	g_assert_nonnull(strstr(text, "RESOLVED: Exchange Online, 3 advisories\n"));
	g_assert_nonnull(strstr(text, "NOTICE: source 'azure' unreachable\n"));
	g_assert_nonnull(strstr(text, "EX649175 (m365), EX649180 (m365), sp-42 (statuspage)"));
	g_autofree char *html = render_html(s);
	g_assert_nonnull(strstr(html, "NOTICE: source &#39;azure&#39; unreachable"));

	g_autoptr(Alert) notice = alert_new(ALERT_KIND_NOTICE, "n2", "ops", T0);
	notice->text = g_strdup("notifier 'teams' gave up after 12 attempts\nlast error: HTTP 410");
	g_autofree char *ns = render_subject(notice);
	g_assert_cmpstr(ns, ==, "[statuswatch] NOTICE: notifier 'teams' gave up after 12 attempts");
	g_autofree char *nt = render_text(notice);
	g_assert_nonnull(strstr(nt, "last error: HTTP 410"));
	g_autofree char *nh = render_html(notice);
	g_assert_nonnull(strstr(nh, "attempts<br>last error"));

	g_autoptr(Alert) t = alert_new(ALERT_KIND_TEST, "test/ops", "ops", T0);
	t->text = g_strdup("Sent from host 'box'.");
	g_autofree char *ts = render_subject(t);
	g_assert_cmpstr(ts, ==, "[statuswatch] TEST: test alert from notifier 'ops'");
	g_autofree char *tt = render_text(t);
	g_assert_nonnull(strstr(tt, "THIS IS A TEST"));
	g_autofree char *th = render_html(t);
	g_assert_nonnull(strstr(th, "THIS IS A TEST"));
}

static void
test_shorten(void)
{
	/* "é" is 2 bytes: cutting "aé…" into 5 bytes must not split it. */
	g_autofree char *a = render_shorten("aébcdef", 5);
	g_assert_cmpstr(a, ==, "a…");
	g_autofree char *b = render_shorten("abc", 3);
	g_assert_cmpstr(b, ==, "abc");
	g_autofree char *c = render_shorten("€€€€", 9);
	g_assert_cmpstr(c, ==, "€€…");
	g_assert_true(g_utf8_validate(c, -1, NULL));
	g_autofree char *d = render_shorten_chars("ünïcødé", 4);
	g_assert_cmpstr(d, ==, "ünï…");
	g_assert_cmpuint(render_char_count(d), ==, 4);
	g_autofree char *e = render_clean_line("  many   \t spaces \n here ", 0);
	g_assert_cmpstr(e, ==, "many spaces here");
	g_autofree char *f = render_clean_text("one\r\n\r\n\r\n\r\ntwo\x01", 0);
	g_assert_cmpstr(f, ==, "one\n\ntwo");
	g_autofree char *g = render_clean_line("bad \xff utf8", 0);
	g_assert_true(g_utf8_validate(g, -1, NULL));

	/* A subject never exceeds its cap, whatever the services are called. */
	g_autoptr(Alert) big = incident_alert(ALERT_KIND_OPENED, ADVISORY_STATUS_INVESTIGATING);
	Advisory *m = big->incident->members->pdata[0];
	g_ptr_array_set_size(m->services, 0);
	for (int i = 0; i < 3; i++) {
		g_autofree char *name = g_strnfill(70, 'x' + i);
		advisory_add_service(m, name);
	}
	g_autofree char *subject = render_subject(big);
	g_assert_cmpuint(strlen(subject), <=, RENDER_SUBJECT_MAX);
	g_assert_true(g_str_has_suffix(subject, "…"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/render/subject", test_subject);
	g_test_add_func("/render/text", test_text_lists_everything);
	g_test_add_func("/render/hostile", test_hostile_text);
	g_test_add_func("/render/html", test_html_layout);
	g_test_add_func("/render/summary-notice-test", test_summary_notice_test);
	g_test_add_func("/render/shorten", test_shorten);
	return g_test_run();
}
