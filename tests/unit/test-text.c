/* HTML → plain text: tags, scripts, entities, paragraph breaks, caps, linear time. */
#include <glib.h>
#include <stdbool.h>
#include <string.h>

#include "util/text.h"

/* Exposed by text.c for this test only (the table must stay sorted for bsearch). */
const char *text_entity_name_at(gsize i);

static void
check(const char *html, const char *want)
{
	g_autofree char *got = text_from_html(html, 1 << 20);
	g_assert_cmpstr(got, ==, want);
}

static void
test_tags_and_breaks(void)
{
	check("<p>First <b>bold</b> para.</p><p>Second</p>", "First bold para.\n\nSecond");
	check("line one<br>line two<br/>line three", "line one\nline two\nline three");
	check("<ul><li>a</li><li>b</li></ul>after", "a\nb\n\nafter");
	check("<div>x</div><div></div><div></div><div>y</div>", "x\n\ny");
	check("  lots   of\n\n\t space  ", "lots of space");
	check("<p>\n  <small>Oct <var data-var='date'>20</var>, <var>15:58</var> EDT</small><br>"
	      "<strong>Resolved</strong> - done.</p>",
	      "Oct 20, 15:58 EDT\nResolved - done.");
	check("<a href=\"x>y\">link</a> text", "link text");
	check("a < b and c > d", "a < b and c > d");
	check("<!-- <p>hidden</p> -->shown", "shown");
	check("<td>a</td><td>b</td>", "a b");
	check("", "");
	g_autofree char *null_in = text_from_html(NULL, 10);
	g_assert_cmpstr(null_in, ==, "");
}

static void
test_script_style(void)
{
	check("before<script>alert('<p>x</p>')</script>after", "before after");
	check("a<STYLE type=x>p { color: red }</STYLE>b", "a b");
	check("a<script>never closed", "a");
}

static void
test_entities(void)
{
	check("&amp; &lt; &gt; &quot; &apos;", "& < > \" '");
	check("it&rsquo;s &ldquo;ok&rdquo; &mdash; fine&hellip;", "it\u2019s \u201cok\u201d \u2014 fine\u2026");
	check("a&nbsp;&nbsp;b", "a b");
	check("&#123;&#x1F600;&#X41;", "{\U0001F600A");
	check("&#0; &#xD800; &#x110000;", "\uFFFD \uFFFD \uFFFD");
	check("&unknown; &amp &", "&unknown; &amp &");
	/* Decoded once: double-escaped input stays escaped one level. */
	check("&amp;lt;p&amp;gt;", "&lt;p&gt;");
	check("caf\xc3\xa9 &eacute;", "caf\xc3\xa9 \xc3\xa9");
}

static void
test_max_bytes_utf8(void)
{
	/* "é" is 2 bytes: a cut at 3 must not split the second one. */
	g_autofree char *t = text_from_html("\xc3\xa9\xc3\xa9\xc3\xa9", 3);
	g_assert_cmpstr(t, ==, "\xc3\xa9");
	g_assert_true(g_utf8_validate(t, -1, NULL));
	g_autofree char *t2 = text_from_html("<p>abc</p><p>def</p>", 4);
	g_assert_cmpstr(t2, ==, "abc");
	g_autofree char *t3 = text_from_html("invalid \xff bytes", 100);
	g_assert_true(g_utf8_validate(t3, -1, NULL));
}

static void
test_linear_time(void)
{
	/* Crafted bodies that make naive strippers quadratic: unclosed tags, quotes, comments. */
	const gsize n = 4 * 1024 * 1024;
	const char *patterns[] = {"<", "<a \"", "<!--", "&#", "<script>", "<p>"};
	for (gsize k = 0; k < G_N_ELEMENTS(patterns); k++) {
		GString *s = g_string_sized_new(n);
		while (s->len < n) {
			g_string_append(s, patterns[k]);
		}
		gint64 t0 = g_get_monotonic_time();
		g_autofree char *out = text_from_html(s->str, 64 * 1024);
		gint64 dt = g_get_monotonic_time() - t0;
		g_assert_cmpuint(strlen(out), <=, 64 * 1024);
		/* 4 MiB in well under two seconds even under sanitizers; quadratic would take hours. */
		g_assert_cmpint(dt, <, 2 * G_USEC_PER_SEC);
		g_string_free(s, TRUE);
	}
}

static void
test_fold_whitespace(void)
{
	g_autofree char *a = text_fold_whitespace("  a \n\t b  c ");
	g_assert_cmpstr(a, ==, "a b c");
	g_autofree char *b = text_fold_whitespace(NULL);
	g_assert_cmpstr(b, ==, "");
}

static void
test_runs_match_fold(void)
{
	/*
	 * Plain text (no markup) must come out exactly as text_fold_whitespace()
	 * gives it, whatever the run lengths: this drives the 16-byte scanner
	 * across every alignment of single/double spaces, tabs and non-ASCII.
	 */
	static const char *const atoms[] = {"a", "bc", "defghij", " ", "  ", "\t", "\n ", "\xc3\xa9",
					    "\xe6\x9d\xb1", "klmnopqrstuvwxyz0123"};
	GRand *rand = g_rand_new_with_seed(42);
	for (int iter = 0; iter < 5000; iter++) {
		GString *in = g_string_new(NULL);
		int n = g_rand_int_range(rand, 0, 40);
		for (int i = 0; i < n; i++) {
			g_string_append(in, atoms[g_rand_int_range(rand, 0, G_N_ELEMENTS(atoms))]);
		}
		g_autofree char *got = text_from_html(in->str, 1 << 20);
		g_autofree char *want = text_fold_whitespace(in->str);
		if (g_strcmp0(got, want) != 0) {
			g_test_message("input '%s'", in->str);
		}
		g_assert_cmpstr(got, ==, want);
		g_string_free(in, TRUE);
	}
	g_rand_free(rand);
	check("0123456789abcde <b>x</b>", "0123456789abcde x");
	check("0123456789abcdef <p>x", "0123456789abcdef\n\nx");
	check("0123456789abcdef0123456789abcdef  x", "0123456789abcdef0123456789abcdef x");
}

static void
test_entity_table_sorted(void)
{
	gsize n = 0;
	for (; text_entity_name_at(n + 1) != NULL; n++) {
		g_assert_cmpint(strcmp(text_entity_name_at(n), text_entity_name_at(n + 1)), <, 0);
	}
	g_assert_cmpuint(n, >, 40);
}

/*
 * text_from_html_len() on every prefix of markup that ends mid-tag, mid-entity,
 * mid-comment, mid-script and mid-UTF-8 equals text_from_html() on a NUL-terminated
 * copy of that prefix; the bytes after the prefix (here the rest of the string,
 * never a NUL) must not be read into the result.  Also the reported length, the cap
 * and a NUL byte inside the given length.
 */
static void
test_len_variant(void)
{
	static const char *const inputs[] = {
		"<p><small>Oct <var data-var='date'>20</var>, 15:58 EDT</small><br>"
		"<strong>Resolved</strong> - fixed &amp; done&nbsp;&rsquo; &#8212; &#x20AC; z\xc3\xbcrich "
		"\xe6\x9d\xb1\xe4\xba\xac</p>",
		"a<!-- hidden <p> -->b<script>x</script >c<style>y</STYLE>d <a href=\"x>y\">l</a>",
		"a < b &unknown; &#; &# &x &lt &amp;amp; <br/>   <td>1</td><td>2</td>\t\n end  ",
		"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff\xc3(\xe2\x82 <\xc3\xa9>",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(inputs); i++) {
		const char *in = inputs[i];
		gsize n = strlen(in);
		for (gsize k = 0; k <= n; k++) {
			for (gsize max = 4; max <= 1024; max *= 16) {
				g_autofree char *prefix = g_strndup(in, k);
				g_autofree char *want = text_from_html(prefix, max);
				gsize got_len = 12345;
				g_autofree char *got = text_from_html_len(in, k, max, &got_len);
				g_assert_cmpstr(got, ==, want);
				g_assert_cmpuint(got_len, ==, strlen(want));
			}
		}
	}
	gsize len = 1;
	g_autofree char *with_nul = text_from_html_len("ab\0cd", 5, 100, &len);
	g_assert_cmpstr(with_nul, ==, "ab");
	g_assert_cmpuint(len, ==, 2);
	g_autofree char *null_in = text_from_html_len(NULL, 10, 100, NULL);
	g_assert_cmpstr(null_in, ==, "");
}

/* The first raw occurrence of any stop in [s, s + n), or s + n. */
static const char *
raw_first_stop(const char *s, gsize n, const char *const *stops)
{
	const char *best = s + n;
	for (const char *const *st = stops; *st != NULL; st++) {
		const char *at = memmem(s, n, *st, strlen(*st));
		if (at != NULL && at < best) {
			best = at;
		}
	}
	return best;
}

/*
 * text_from_html_until(): where it answers, the stop is the first raw
 * occurrence of a stop string and the text is text_from_html_len() up to it;
 * it declines (NULL) when a stop could hide in skipped markup, for scripts,
 * and when the output reaches the cap.
 */
static void
test_until_variant(void)
{
	static const char *const stops[] = {"</p>", "<small>", NULL};
	static const struct {
		const char *in;
		bool answers;
	} cases[] = {
		{"Fixed &amp; done&nbsp;&rsquo; z\xc3\xbcrich.</p><p><small>Oct 1</small>", true},
		{"text <b>bold</b> <a href='x'>l</a> more<small>next", true},
		{"no stop at all, &lt; &#8212; <br> end", true},
		{"a < b </ c</p>", true},
		{"", true},
		{"x <!-- </p> --> y</p>", false},
		{"x <a title='<small>'>l</a></p>", false},
		{"x <script>s</script> y</p>", false},
		{"x <!-- unclosed </p>", false},
		{"x <a href='unclosed </p>", false},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		const char *in = cases[i].in;
		gsize n = strlen(in);
		const char *stop = NULL;
		gsize len = 0;
		g_autofree char *got = text_from_html_until(in, n, 1 << 20, stops, &stop, &len);
		g_assert_cmpint(got != NULL, ==, cases[i].answers);
		if (got == NULL) {
			continue;
		}
		const char *want_stop = raw_first_stop(in, n, stops);
		g_assert_true(stop == want_stop);
		g_autofree char *want = text_from_html_len(in, (gsize)(want_stop - in), 1 << 20, NULL);
		g_assert_cmpstr(got, ==, want);
		g_assert_cmpuint(len, ==, strlen(want));
	}
	/* Output over the cap: declined, the stop would be unknown. */
	const char *stop = NULL;
	g_autofree char *capped =
		text_from_html_until("0123456789 0123456789</p>", 25, 8, stops, &stop, NULL);
	g_assert_null(capped);
}

static void
test_escape_html(void)
{
	g_autofree char *all = text_escape_html("a<b>&\"c'", true);
	g_assert_cmpstr(all, ==, "a&lt;b&gt;&amp;&quot;c&#39;");
	/* The desktop body-markup subset: quotes stay as they are. */
	g_autofree char *markup = text_escape_html("a<b>&\"c'", false);
	g_assert_cmpstr(markup, ==, "a&lt;b&gt;&amp;\"c'");
	/* Controls are not HTML text: ESC (a terminal escape), DEL, C1 CSI; tab and newline stay. */
	g_autofree char *ctl = text_escape_html("x\x1b[2J\x7f\xc2\x9b\t\n\xc3\xa9", true);
	g_assert_cmpstr(ctl, ==, "x?[2J??\t\n\xc3\xa9");
	g_autofree char *none = text_escape_html(NULL, true);
	g_assert_cmpstr(none, ==, "");
	/* Round trip through the decoder. */
	g_autofree char *back = text_from_html(all, 100);
	g_assert_cmpstr(back, ==, "a<b>&\"c'");
}

static void
test_is_web_link(void)
{
	g_assert_true(text_is_web_link("https://status.example.com/x"));
	g_assert_true(text_is_web_link("HTTP://example.com"));
	g_assert_false(text_is_web_link("javascript:alert(1)"));
	g_assert_false(text_is_web_link("data:text/html,x"));
	g_assert_false(text_is_web_link("file:///etc/passwd"));
	g_assert_false(text_is_web_link("httpx://example.com"));
	g_assert_false(text_is_web_link(""));
	g_assert_false(text_is_web_link(NULL));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/text/tags-and-breaks", test_tags_and_breaks);
	g_test_add_func("/text/script-style", test_script_style);
	g_test_add_func("/text/entities", test_entities);
	g_test_add_func("/text/max-bytes-utf8", test_max_bytes_utf8);
	g_test_add_func("/text/linear-time", test_linear_time);
	g_test_add_func("/text/fold-whitespace", test_fold_whitespace);
	g_test_add_func("/text/runs-match-fold", test_runs_match_fold);
	g_test_add_func("/text/entity-table-sorted", test_entity_table_sorted);
	g_test_add_func("/text/len-variant", test_len_variant);
	g_test_add_func("/text/until-variant", test_until_variant);
	g_test_add_func("/text/escape-html", test_escape_html);
	g_test_add_func("/text/is-web-link", test_is_web_link);
	return g_test_run();
}
