/* notify/chatfmt: escaping per chat markup (feed text cannot forge markup, links or
 * mentions), body lists capped with "… and N more", the shrink-until-it-fits loop. */
#include <glib.h>
#include <string.h>

#include "model/alert.h"
#include "notify/chatfmt.h"
#include "test-notify-util.h"

static void
test_escape(void)
{
	g_autofree char *md = chat_escape("**x** [a](https://evil) `c` #h", 0, CHAT_MARKUP_MARKDOWN);
	g_assert_cmpstr(md, ==, "\\*\\*x\\*\\* \\[a\\]\\(https://evil\\) \\`c\\` \\#h");
	g_autofree char *slack = chat_escape("<!channel> & <https://x|y>", 0, CHAT_MARKUP_SLACK);
	g_assert_cmpstr(slack, ==, "&lt;!channel&gt; &amp; &lt;https://x|y&gt;");
	g_autofree char *html = chat_escape("<b>\"x\"</b>\x1b[0m\nnext", 0, CHAT_MARKUP_HTML);
	g_assert_cmpstr(html, ==, "&lt;b&gt;&quot;x&quot;&lt;/b&gt;[0m next");
	g_autofree char *capped = chat_escape("ééééé", 7, CHAT_MARKUP_PLAIN);
	g_assert_cmpstr(capped, ==, "éé…");
}

static void
test_link(void)
{
	g_autofree char *s = chat_link("https://status.example/EX1", "EX|1>", CHAT_MARKUP_SLACK);
	g_assert_cmpstr(s, ==, "<https://status.example/EX1|EX|1&gt;>");
	g_autofree char *m = chat_link("https://status.example/EX1", "EX1", CHAT_MARKUP_MARKDOWN);
	g_assert_cmpstr(m, ==, "[EX1](https://status.example/EX1)");
	g_autofree char *h = chat_link("https://a.example/?q=1", "A", CHAT_MARKUP_HTML);
	g_assert_cmpstr(h, ==, "<a href=\"https://a.example/?q=1\">A</a>");
	/* Not http(s), or a URL that would break out of the link syntax: the label only. */
	g_autofree char *js = chat_link("javascript:alert(1)", "EX1", CHAT_MARKUP_MARKDOWN);
	g_assert_cmpstr(js, ==, "EX1");
	g_autofree char *paren = chat_link("https://a.example/x)[y](z", "EX1", CHAT_MARKUP_MARKDOWN);
	g_assert_cmpstr(paren, ==, "EX1");
	g_autofree char *plain = chat_link("https://a.example/", "EX1", CHAT_MARKUP_PLAIN);
	g_assert_cmpstr(plain, ==, "EX1");
}

static void
test_body_caps(void)
{
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_RESOLVED, 40, ADVISORY_STATUS_RESOLVED,
						 "chat", "k");
	g_assert_cmpuint(chat_item_count(a), ==, 41); /* 40 members + 1 change */
	g_autofree char *all = chat_body(a, CHAT_MARKUP_PLAIN, 41);
	g_assert_null(strstr(all, "more"));
	g_assert_nonnull(strstr(all, "• EX6491114 (statuspage) resolved: "));
	g_autofree char *three = chat_body(a, CHAT_MARKUP_PLAIN, 3);
	g_assert_true(g_str_has_prefix(three, "Changed: status: investigating -> resolved\n"
					      "• EX649175 (m365) resolved: "));
	g_assert_true(g_str_has_suffix(three, "\n… and 38 more advisories"));
	g_autofree char *none = chat_body(a, CHAT_MARKUP_PLAIN, 0);
	g_assert_cmpstr(none, ==, "… and 40 more advisories");
}

static guint calls[8];
static guint n_calls;

static char *
build_fits_at_five(gpointer self, const Alert *alert, guint max_items, bool *ret_fits)
{
	calls[n_calls++] = max_items;
	*ret_fits = max_items <= 5;
	return g_strdup_printf("%u", max_items);
}

static void
test_fitting(void)
{
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 40, ADVISORY_STATUS_INVESTIGATING,
						 "chat", "k");
	g_autofree char *msg = chat_build_fitting(build_fits_at_five, NULL, a);
	g_assert_cmpstr(msg, ==, "5");
	g_assert_cmpuint(n_calls, ==, 4);
	g_assert_cmpuint(calls[0], ==, 40);
	g_assert_cmpuint(calls[1], ==, 20);
	g_assert_cmpuint(calls[2], ==, 10);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/chatfmt/escape", test_escape);
	g_test_add_func("/chatfmt/link", test_link);
	g_test_add_func("/chatfmt/body-caps", test_body_caps);
	g_test_add_func("/chatfmt/fitting", test_fitting);
	return g_test_run();
}
