/*
 * Chat message pieces (see chatfmt.h): per-service escaping, the body lines
 * every chat channel shows, and the shrink-until-it-fits loop.  Pure: no I/O,
 * no JSON (each channel builds its own with cJSON, which escapes for JSON).
 */
#include "notify/chatfmt.h"

#include <string.h>

#include "model/advisory.h"
#include "model/incident.h"
#include "notify/render.h"
#include "util/text.h"

/* Per-line caps: a chat line is read at a glance; the full text is in the link. */
#define TITLE_MAX 200
#define ID_MAX 80
#define TEXT_MAX 1500

char *
chat_escape(const char *s, gsize max, ChatMarkup m)
{
	g_autofree char *clean = render_clean_line(s, max);
	GString *out = g_string_sized_new(strlen(clean) + 8);

	for (const char *p = clean; *p != '\0'; p++) {
		char c = *p;
		switch (m) {
		case CHAT_MARKUP_SLACK:
		case CHAT_MARKUP_HTML:
			if (c == '&') {
				g_string_append(out, "&amp;");
			} else if (c == '<') {
				g_string_append(out, "&lt;");
			} else if (c == '>') {
				g_string_append(out, "&gt;");
			} else if (c == '"' && m == CHAT_MARKUP_HTML) {
				g_string_append(out, "&quot;");
			} else {
				g_string_append_c(out, c);
			}
			break;
		case CHAT_MARKUP_MARKDOWN:
			/* Characters that start emphasis, code, links, quotes, headings or
			 * tables: a feed title must not restyle the message or forge a link. */
			if (strchr("\\*_~`|>[]()#<", c) != NULL) {
				g_string_append_c(out, '\\');
			}
			g_string_append_c(out, c);
			break;
		case CHAT_MARKUP_PLAIN:
		default:
			g_string_append_c(out, c);
			break;
		}
	}
	return g_string_free(out, FALSE);
}

char *
chat_link(const char *url, const char *label, ChatMarkup m)
{
	g_autofree char *text = chat_escape(label, ID_MAX, m);

	if (!text_is_web_link(url) || m == CHAT_MARKUP_PLAIN) {
		return g_steal_pointer(&text);
	}
	g_autofree char *u = render_clean_line(url, 1000);
	if (strpbrk(u, " <>|\"()[]") != NULL) {
		/* Would break out of the link syntax; show the label only. */
		return g_steal_pointer(&text);
	}
	switch (m) {
	case CHAT_MARKUP_SLACK:
		return g_strdup_printf("<%s|%s>", u, text);
	case CHAT_MARKUP_HTML:
		return g_strdup_printf("<a href=\"%s\">%s</a>", u, text);
	case CHAT_MARKUP_MARKDOWN:
	default:
		return g_strdup_printf("[%s](%s)", text, u);
	}
}

char *
chat_bold(const char *s, ChatMarkup m)
{
	g_autofree char *text = chat_escape(s, TITLE_MAX, m);

	switch (m) {
	case CHAT_MARKUP_SLACK:
		return g_strdup_printf("*%s*", text);
	case CHAT_MARKUP_MARKDOWN:
		return g_strdup_printf("**%s**", text);
	case CHAT_MARKUP_HTML:
		return g_strdup_printf("<b>%s</b>", text);
	case CHAT_MARKUP_PLAIN:
	default:
		return g_steal_pointer(&text);
	}
}

guint
chat_item_count(const Alert *alert)
{
	if (alert->kind == ALERT_KIND_SUMMARY) {
		return alert->items->len;
	}
	if (alert->incident != NULL) {
		return alert->incident->members->len + alert->changes->len;
	}
	return 0;
}

static void
more_line(GString *out, guint left, const char *what)
{
	if (left > 0) {
		g_string_append_printf(out, "… and %u more %s\n", left, what);
	}
}

static void
member_lines(GString *out, const Alert *alert, ChatMarkup m, guint max)
{
	const Incident *inc = alert->incident;
	guint n = inc->members->len;

	for (guint i = 0; i < n && i < max; i++) {
		const Advisory *a = inc->members->pdata[i];
		g_autofree char *link = chat_link(a->url, a->id, m);
		g_autofree char *src = chat_escape(a->source, ID_MAX, m);
		g_autofree char *title = chat_escape(a->title, TITLE_MAX, m);
		const char *status = advisory_is_closed(a, alert->time)
					     ? "resolved"
					     : advisory_status_to_string(a->status);
		g_string_append_printf(out, "• %s (%s) %s%s%s\n", link, src, status,
				       *title != '\0' ? ": " : "", title);
	}
	guint left = n > max ? n - max : 0;
	more_line(out, left, left == 1 ? "advisory" : "advisories");
}

char *
chat_body(const Alert *alert, ChatMarkup m, guint max_items)
{
	GString *out = g_string_new(NULL);

	if (alert->kind == ALERT_KIND_TEST) {
		g_autofree char *name = chat_escape(alert->notifier, ID_MAX, m);
		g_string_append_printf(out, "This is a test from `statuswatch notify-test %s`. "
					    "Nothing is wrong; no action is needed.\n",
				       name);
	}
	if (alert->text != NULL) {
		g_autofree char *text = render_clean_text(alert->text, TEXT_MAX);
		g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
		for (guint i = 0; lines[i] != NULL; i++) {
			g_autofree char *line = chat_escape(lines[i], 0, m);
			g_string_append_printf(out, "%s\n", line);
		}
	}
	if (alert->kind == ALERT_KIND_SUMMARY) {
		guint n = alert->items->len;
		for (guint i = 0; i < n && i < max_items; i++) {
			const Alert *item = alert->items->pdata[i];
			g_autofree char *when = render_time(item->time);
			g_autofree char *headline = render_headline(item);
			g_autofree char *h = chat_escape(headline, TITLE_MAX, m);
			g_string_append_printf(out, "• %s %s", when, h);
			const char *link = chat_first_link(item);
			if (link != NULL && item->incident != NULL) {
				g_autofree char *l = chat_link(link, item->incident->id, m);
				g_string_append_printf(out, " (%s)", l);
			}
			g_string_append_c(out, '\n');
		}
		more_line(out, n > max_items ? n - max_items : 0, "alerts");
	} else if (alert->incident != NULL) {
		guint changes = MIN(alert->changes->len, max_items);
		for (guint i = 0; i < changes; i++) {
			g_autofree char *c = chat_escape(alert->changes->pdata[i], TITLE_MAX, m);
			g_string_append_printf(out, "%s%s\n", i == 0 ? "Changed: " : "         ", c);
		}
		member_lines(out, alert, m, max_items - changes);
	}
	while (out->len > 0 && out->str[out->len - 1] == '\n') {
		g_string_truncate(out, out->len - 1);
	}
	return g_string_free(out, FALSE);
}

const char *
chat_first_link(const Alert *alert)
{
	if (alert->incident == NULL) {
		return NULL;
	}
	for (guint i = 0; i < alert->incident->members->len; i++) {
		const Advisory *a = alert->incident->members->pdata[i];
		if (text_is_web_link(a->url) && strpbrk(a->url, " \r\n\t<>\"") == NULL) {
			return a->url;
		}
	}
	return NULL;
}

guint32
chat_colour(const Alert *alert)
{
	return (guint32)g_ascii_strtoull(render_colour(alert) + 1, NULL, 16);
}

char *
chat_build_fitting(ChatBuildFunc build, gpointer self, const Alert *alert)
{
	guint n = chat_item_count(alert);
	char *msg = NULL;

	for (;;) {
		bool fits = false;
		g_free(msg);
		msg = build(self, alert, n, &fits);
		if (fits || n == 0) {
			return msg;
		}
		n /= 2;
	}
}
