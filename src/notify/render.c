/*
 * Alert rendering shared by every channel (see render.h): subject line, plain
 * text and HTML bodies, plus the clean-up and shortening helpers channels use
 * for their own formats.  It never does I/O and never trusts feed text: each
 * string from an advisory is cleaned (control characters, bidi overrides,
 * invalid UTF-8) and capped before it is placed, and escaped for HTML.
 *
 * Data comes from an Alert built by the policy (or by a test, or by
 * `notify-test`); the strings go to the channel back ends in this folder.
 */
#include "notify/render.h"

#include <string.h>

#include "model/advisory.h"
#include "model/incident.h"
#include "util/text.h"
#include "util/timeparse.h"

/* Caps on feed-controlled text.  A title longer than 300 bytes is a paragraph, not a
 * title; a latest-update excerpt of 400 bytes tells what happened without pasting the
 * whole post; 200 members and 50 links bound a hostile incident's mail to ~150 KB. */
#define TITLE_MAX 300
#define EXCERPT_MAX 400
#define SOURCE_MAX 100
#define MEMBERS_MAX 200
#define LINKS_MAX 50
#define REASONS_PER_LINK 3
#define CHANGES_MAX 100
#define ITEMS_MAX 200
#define NOTICE_MAX 4000

static const char *const labels[ALERT_KIND_COUNT] = {
	[ALERT_KIND_UNKNOWN] = "ALERT",       [ALERT_KIND_OPENED] = "OPEN",
	[ALERT_KIND_GREW] = "UPDATED",        [ALERT_KIND_CHANGED] = "UPDATED",
	[ALERT_KIND_MERGED] = "MERGED",       [ALERT_KIND_RESOLVED] = "RESOLVED",
	[ALERT_KIND_REOPENED] = "REOPENED",   [ALERT_KIND_REMINDER] = "STILL OPEN",
	[ALERT_KIND_SUMMARY] = "SUMMARY",     [ALERT_KIND_NOTICE] = "NOTICE",
	[ALERT_KIND_TEST] = "TEST",
};

const char *
render_label(AlertKind kind)
{
	if ((int)kind < 0 || kind >= ALERT_KIND_COUNT) {
		return labels[ALERT_KIND_UNKNOWN];
	}
	return labels[kind];
}

/* ---- text clean-up ---- */

/* Characters that reorder or hide text (bidi embeddings, overrides, isolates) and
 * invisible separators: a feed must not be able to make "evil.com" read "moc.live". */
static bool
is_format_trap(gunichar c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
	       c == 0x200F || c == 0xFEFF;
}

static char *
clean(const char *s, bool keep_newlines, gsize max_bytes)
{
	if (s == NULL) {
		return g_strdup("");
	}
	g_autofree char *valid = g_utf8_make_valid(s, -1);
	GString *out = g_string_sized_new(strlen(valid));
	guint newlines = 0;  /* consecutive line breaks just written */
	bool space = false;  /* a space is pending (folded) */

	for (const char *p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == '\r' && p[1] == '\n') {
			continue; /* the '\n' that follows counts */
		}
		bool brk = c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
		if (brk && !keep_newlines) {
			c = ' ';
			brk = false;
		}
		if (brk) {
			space = false;
			if (out->len > 0 && newlines < 2) {
				g_string_append_c(out, '\n');
				newlines++;
			}
			continue;
		}
		if (c == '\t' || c == ' ' || c == 0xA0) {
			space = true;
			continue;
		}
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || is_format_trap(c)) {
			continue;
		}
		if (space && out->len > 0 && newlines == 0) {
			g_string_append_c(out, ' ');
		}
		space = false;
		newlines = 0;
		g_string_append_unichar(out, c);
	}
	while (out->len > 0 && out->str[out->len - 1] == '\n') {
		g_string_truncate(out, out->len - 1);
	}
	if (max_bytes > 0 && out->len > max_bytes) {
		char *cut = render_shorten(out->str, max_bytes);
		g_string_free(out, TRUE);
		return cut;
	}
	return g_string_free(out, FALSE);
}

char *
render_clean_line(const char *s, gsize max_bytes)
{
	return clean(s, false, max_bytes);
}

char *
render_clean_text(const char *s, gsize max_bytes)
{
	return clean(s, true, max_bytes);
}

#define ELLIPSIS "…"
#define ELLIPSIS_LEN 3

char *
render_shorten(const char *s, gsize max_bytes)
{
	gsize len = s != NULL ? strlen(s) : 0;

	if (len <= max_bytes) {
		return g_strdup(s != NULL ? s : "");
	}
	bool room = max_bytes >= ELLIPSIS_LEN;
	gsize cut = room ? max_bytes - ELLIPSIS_LEN : max_bytes;
	/* Back up to the first byte of a character (continuation bytes are 10xxxxxx). */
	while (cut > 0 && ((guchar)s[cut] & 0xC0) == 0x80) {
		cut--;
	}
	/* "word …" reads worse than "word…". */
	while (room && cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == '\n')) {
		cut--;
	}
	GString *out = g_string_new_len(s, (gssize)cut);
	if (room) {
		g_string_append(out, ELLIPSIS);
	}
	return g_string_free(out, FALSE);
}

gsize
render_char_count(const char *s)
{
	return s != NULL ? (gsize)g_utf8_strlen(s, -1) : 0;
}

char *
render_shorten_chars(const char *s, gsize max_chars)
{
	if (s == NULL) {
		return g_strdup("");
	}
	if (render_char_count(s) <= max_chars) {
		return g_strdup(s);
	}
	if (max_chars == 0) {
		return g_strdup("");
	}
	const char *end = g_utf8_offset_to_pointer(s, (glong)max_chars - 1);
	while (end > s && (end[-1] == ' ' || end[-1] == '\n')) {
		end--;
	}
	GString *out = g_string_new_len(s, end - s);
	g_string_append(out, ELLIPSIS);
	return g_string_free(out, FALSE);
}

/* ---- incident facts ---- */

char *
render_time(gint64 t)
{
	g_autofree char *s = time_format_minutes(t, NULL);
	return s != NULL ? g_strdup_printf("%s UTC", s) : g_strdup("unknown");
}

char *
render_impact(const Incident *inc, gint64 now)
{
	gint64 start = incident_start(inc);
	gint64 end = incident_end(inc, now);
	g_autofree char *s = render_time(start);
	g_autofree char *e = render_time(end);

	if (end == SW_TIME_NONE) {
		if (start == SW_TIME_NONE) {
			return g_strdup("ongoing");
		}
		return g_strdup_printf("since %s (ongoing)", s);
	}
	if (start == SW_TIME_NONE) {
		return g_strdup_printf("until %s", e);
	}
	return g_strdup_printf("%s – %s", s, e);
}

const char *
render_incident_status(const Incident *inc, gint64 now)
{
	const Advisory *speaker = NULL;

	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		if (advisory_is_closed(a, now) || a->withdrawn) {
			continue;
		}
		if (speaker == NULL || a->severity > speaker->severity) {
			speaker = a;
		}
	}
	if (speaker == NULL) {
		return "resolved";
	}
	if (speaker->status == ADVISORY_STATUS_UNKNOWN) {
		return "open";
	}
	return advisory_status_to_string(speaker->status);
}

char *
render_services(const Incident *inc, guint max_names)
{
	g_autoptr(GPtrArray) services = incident_services(inc);

	if (services->len == 0) {
		return NULL;
	}
	GString *out = g_string_new(NULL);
	guint shown = MIN(services->len, MAX(max_names, 1));
	for (guint i = 0; i < shown; i++) {
		g_autofree char *name = render_clean_line(services->pdata[i], 80);
		g_string_append_printf(out, "%s%s", i > 0 ? ", " : "", name);
	}
	if (services->len > shown) {
		g_string_append_printf(out, " +%u more", services->len - shown);
	}
	return g_string_free(out, FALSE);
}

static const char *
advisories_word(guint n)
{
	return n == 1 ? "advisory" : "advisories";
}

/* ---- subject ---- */

char *
render_headline(const Alert *alert)
{
	const char *label = render_label(alert->kind);
	GString *out = g_string_new(label);

	if (alert->kind == ALERT_KIND_SUMMARY) {
		guint n = alert->items->len;
		g_string_append_printf(out, ": %u %s while you were away", n,
				       n == 1 ? "alert" : "alerts");
	} else if (alert->incident != NULL) {
		const Incident *inc = alert->incident;
		g_autofree char *services = render_services(inc, 3);
		g_autofree char *title = render_clean_line(incident_title(inc), 120);
		guint n = inc->members->len;
		g_string_append_printf(out, ": %s, %u %s", services != NULL ? services : title, n,
				       advisories_word(n));
	} else if (alert->kind == ALERT_KIND_TEST) {
		g_autofree char *name = render_clean_line(alert->notifier, 80);
		if (*name != '\0') {
			g_string_append_printf(out, ": test alert from notifier '%s'", name);
		} else {
			g_string_append(out, ": test alert");
		}
	} else if (alert->text != NULL) {
		/* A NOTICE: its first line is the news. */
		g_autofree char *line = g_strndup(alert->text, strcspn(alert->text, "\r\n"));
		g_autofree char *first = render_clean_line(line, 150);
		g_string_append_printf(out, ": %s", first);
	}
	char *cut = render_shorten(out->str, RENDER_SUBJECT_MAX - strlen("[statuswatch] "));
	g_string_free(out, TRUE);
	return cut;
}

char *
render_subject(const Alert *alert)
{
	g_autofree char *headline = render_headline(alert);
	return g_strdup_printf("[statuswatch] %s", headline);
}

/* ---- plain text ---- */

static const char *
latest_update_text(const Advisory *a)
{
	for (guint i = a->updates->len; i > 0; i--) {
		const AdvisoryUpdate *u = a->updates->pdata[i - 1];
		if (u->text != NULL && *u->text != '\0') {
			return u->text;
		}
	}
	return a->text;
}

static void
text_incident(GString *out, const Alert *alert, const Incident *inc)
{
	gint64 now = alert->time;
	g_autofree char *title = render_clean_line(incident_title(inc), TITLE_MAX);
	g_autofree char *services = render_services(inc, 20);
	g_autofree char *impact = render_impact(inc, now);
	g_autofree char *id = render_clean_line(inc->id, SOURCE_MAX);

	g_string_append_printf(out, "Title:     %s\n", title);
	g_string_append_printf(out, "Status:    %s\n", render_incident_status(inc, now));
	g_string_append_printf(out, "Severity:  %s\n",
			       advisory_severity_to_string(incident_severity(inc)));
	g_string_append_printf(out, "Services:  %s\n", services != NULL ? services : "(none named)");
	g_string_append_printf(out, "Impact:    %s\n", impact);
	g_string_append_printf(out, "Incident:  %s\n", id);
	if (inc->aliases->len > 0) {
		g_autofree char *joined = g_strjoinv(", ", (char **)inc->aliases->pdata);
		g_autofree char *aliases = render_clean_line(joined, 400);
		g_string_append_printf(out, "Merged:    %s\n", aliases);
	}

	if (alert->changes->len > 0) {
		g_string_append(out, "\nWhat changed:\n");
		for (guint i = 0; i < alert->changes->len && i < CHANGES_MAX; i++) {
			g_autofree char *line = render_clean_line(alert->changes->pdata[i], TITLE_MAX);
			g_string_append_printf(out, "  - %s\n", line);
		}
	}

	guint n = inc->members->len;
	g_string_append_printf(out, "\n%s (%u):\n", n == 1 ? "Advisory" : "Advisories", n);
	for (guint i = 0; i < n && i < MEMBERS_MAX; i++) {
		const Advisory *a = inc->members->pdata[i];
		g_autofree char *aid = render_clean_line(a->id, SOURCE_MAX);
		g_autofree char *src = render_clean_line(a->source, SOURCE_MAX);
		g_autofree char *atitle = render_clean_line(a->title, TITLE_MAX);
		g_autofree char *excerpt = render_clean_line(latest_update_text(a), EXCERPT_MAX);
		g_string_append_printf(out, "  - %s (%s) [%s, %s]\n", aid, src,
				       advisory_is_closed(a, now) ? "resolved"
								  : advisory_status_to_string(a->status),
				       advisory_severity_to_string(a->severity));
		if (*atitle != '\0') {
			g_string_append_printf(out, "    %s\n", atitle);
		}
		if (*excerpt != '\0') {
			g_string_append_printf(out, "    Latest: %s\n", excerpt);
		}
		if (text_is_web_link(a->url)) {
			g_autofree char *url = render_clean_line(a->url, 2000);
			g_string_append_printf(out, "    %s\n", url);
		}
	}
	if (n > MEMBERS_MAX) {
		g_string_append_printf(out, "  … and %u more\n", n - MEMBERS_MAX);
	}

	if (inc->links->len > 0) {
		g_string_append(out, "\nWhy they belong together:\n");
		for (guint i = 0; i < inc->links->len && i < LINKS_MAX; i++) {
			const IncidentLink *l = inc->links->pdata[i];
			g_autofree char *a = render_clean_line(l->a_id, SOURCE_MAX);
			g_autofree char *b = render_clean_line(l->b_id, SOURCE_MAX);
			g_string_append_printf(out, "  - %s ~ %s ", a, b);
			if (l->by_hand) {
				g_string_append(out, "(merged by hand)");
			} else {
				g_string_append_printf(out, "(%.2f)", l->score);
			}
			for (guint r = 0; r < l->reasons->len && r < REASONS_PER_LINK; r++) {
				g_autofree char *reason = render_clean_line(l->reasons->pdata[r], 200);
				g_string_append_printf(out, "%s%s", r == 0 ? ": " : "; ", reason);
			}
			g_string_append_c(out, '\n');
		}
		if (inc->links->len > LINKS_MAX) {
			g_string_append_printf(out, "  … and %u more\n", inc->links->len - LINKS_MAX);
		}
	}
}

static void
text_summary(GString *out, const Alert *alert)
{
	g_string_append_printf(out, "While you were away (%u %s):\n", alert->items->len,
			       alert->items->len == 1 ? "alert" : "alerts");
	for (guint i = 0; i < alert->items->len && i < ITEMS_MAX; i++) {
		const Alert *item = alert->items->pdata[i];
		g_autofree char *when = render_time(item->time);
		g_autofree char *headline = render_headline(item);
		g_string_append_printf(out, "  - %s  %s\n", when, headline);
		if (item->incident != NULL) {
			const Incident *inc = item->incident;
			g_autofree char *title = render_clean_line(incident_title(inc), TITLE_MAX);
			g_autofree char *impact = render_impact(inc, item->time);
			g_string_append_printf(out, "    %s\n    %s; %s\n", title,
					       render_incident_status(inc, item->time), impact);
			for (guint m = 0; m < inc->members->len && m < MEMBERS_MAX; m++) {
				const Advisory *a = inc->members->pdata[m];
				g_autofree char *aid = render_clean_line(a->id, SOURCE_MAX);
				g_autofree char *src = render_clean_line(a->source, SOURCE_MAX);
				g_string_append_printf(out, "%s%s (%s)", m == 0 ? "    " : ", ", aid,
						       src);
			}
			if (inc->members->len > 0) {
				g_string_append_c(out, '\n');
			}
		} else if (item->text != NULL) {
			g_autofree char *text = render_clean_line(item->text, EXCERPT_MAX);
			g_string_append_printf(out, "    %s\n", text);
		}
	}
	if (alert->items->len > ITEMS_MAX) {
		g_string_append_printf(out, "  … and %u more\n", alert->items->len - ITEMS_MAX);
	}
}

char *
render_text(const Alert *alert)
{
	GString *out = g_string_new(NULL);
	g_autofree char *headline = render_headline(alert);

	g_string_append_printf(out, "%s\n\n", headline);
	if (alert->kind == ALERT_KIND_TEST) {
		g_autofree char *name = render_clean_line(alert->notifier, 80);
		g_string_append_printf(out,
				       "THIS IS A TEST sent by `statuswatch notify-test %s`. "
				       "Nothing is wrong; no action is needed.\n\n",
				       name);
	}
	if (alert->text != NULL) {
		g_autofree char *text = render_clean_text(alert->text, NOTICE_MAX);
		g_string_append_printf(out, "%s\n\n", text);
	}
	if (alert->kind == ALERT_KIND_SUMMARY) {
		text_summary(out, alert);
		g_string_append_c(out, '\n');
	} else if (alert->incident != NULL) {
		text_incident(out, alert, alert->incident);
		g_string_append_c(out, '\n');
	}
	g_autofree char *when = render_time(alert->time);
	g_autofree char *name = render_clean_line(alert->notifier, 80);
	g_string_append_printf(out, "-- \nstatuswatch, notifier '%s', %s\n", name, when);
	return g_string_free(out, FALSE);
}

/* ---- HTML ---- */

/* Header colours: red/orange/amber/blue by severity, green once resolved, purple for a
 * test, grey for news about statuswatch itself.  All keep white text readable. */
const char *
render_colour(const Alert *alert)
{
	switch (alert->kind) {
	case ALERT_KIND_TEST:
		return "#6a1b9a";
	case ALERT_KIND_NOTICE:
		return "#455a64";
	case ALERT_KIND_SUMMARY:
		return "#1565c0";
	case ALERT_KIND_RESOLVED:
		return "#2e7d32";
	default:
		break;
	}
	if (alert->incident == NULL) {
		return "#1565c0";
	}
	switch (incident_severity(alert->incident)) {
	case ADVISORY_SEVERITY_CRITICAL:
		return "#b71c1c";
	case ADVISORY_SEVERITY_MAJOR:
		return "#d84315";
	case ADVISORY_SEVERITY_MINOR:
		return "#9a6700";
	default:
		return "#1565c0";
	}
}

#define TD "padding:4px 8px;border-bottom:1px solid #eeeeee;vertical-align:top;"
#define TH "padding:4px 8px;border-bottom:1px solid #eeeeee;vertical-align:top;text-align:left;" \
	   "color:#555555;font-weight:bold;white-space:nowrap;"
#define H2 "margin:16px 0 4px 0;font-size:15px;color:#222222;"
#define TABLE "width:100%;border-collapse:collapse;font-size:14px;"

/* Appends @s cleaned (one line, @max bytes) and escaped. */
static void
html_line(GString *out, const char *s, gsize max)
{
	g_autofree char *clean_s = render_clean_line(s, max);
	g_autofree char *esc = text_escape_html(clean_s, true);
	g_string_append(out, esc);
}

/* Appends multi-line text: cleaned, escaped, line breaks as <br>. */
static void
html_text(GString *out, const char *s, gsize max)
{
	g_autofree char *clean_s = render_clean_text(s, max);
	g_auto(GStrv) lines = g_strsplit(clean_s, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		g_autofree char *esc = text_escape_html(lines[i], true);
		g_string_append_printf(out, "%s%s", i > 0 ? "<br>" : "", esc);
	}
}

static void
html_link(GString *out, const char *url, const char *label, gsize max)
{
	if (!text_is_web_link(url)) {
		html_line(out, label, max);
		return;
	}
	g_autofree char *clean_url = render_clean_line(url, 2000);
	g_autofree char *esc = text_escape_html(clean_url, true);
	g_string_append_printf(out, "<a href=\"%s\" style=\"color:#1565c0;\">", esc);
	html_line(out, label, max);
	g_string_append(out, "</a>");
}

static void
html_row(GString *out, const char *name, const char *value)
{
	g_string_append_printf(out, "<tr><th style=\"" TH "\">%s</th><td style=\"" TD "\">", name);
	html_line(out, value, 2000);
	g_string_append(out, "</td></tr>\n");
}

static void
html_incident(GString *out, const Alert *alert, const Incident *inc)
{
	gint64 now = alert->time;
	g_autofree char *services = render_services(inc, 20);
	g_autofree char *impact = render_impact(inc, now);

	g_string_append(out, "<table role=\"presentation\" style=\"" TABLE "\">\n");
	html_row(out, "Title", incident_title(inc));
	html_row(out, "Status", render_incident_status(inc, now));
	html_row(out, "Severity", advisory_severity_to_string(incident_severity(inc)));
	html_row(out, "Services", services != NULL ? services : "(none named)");
	html_row(out, "Impact", impact);
	html_row(out, "Incident", inc->id);
	if (inc->aliases->len > 0) {
		g_autofree char *joined = g_strjoinv(", ", (char **)inc->aliases->pdata);
		html_row(out, "Merged", joined);
	}
	g_string_append(out, "</table>\n");

	if (alert->changes->len > 0) {
		g_string_append(out, "<h2 style=\"" H2 "\">What changed</h2>\n<ul style=\"margin:0;"
				     "padding-left:20px;\">\n");
		for (guint i = 0; i < alert->changes->len && i < CHANGES_MAX; i++) {
			g_string_append(out, "<li>");
			html_line(out, alert->changes->pdata[i], TITLE_MAX);
			g_string_append(out, "</li>\n");
		}
		g_string_append(out, "</ul>\n");
	}

	guint n = inc->members->len;
	g_string_append_printf(out, "<h2 style=\"" H2 "\">%s (%u)</h2>\n",
			       n == 1 ? "Advisory" : "Advisories", n);
	/* TABLE holds a '%': never part of a format string. */
	g_string_append(out, "<table role=\"presentation\" style=\"" TABLE "\">\n"
			     "<tr><th style=\"" TH "\">Advisory</th><th style=\"" TH
			     "\">Source</th><th style=\"" TH "\">Status</th><th style=\"" TH
			     "\">Title</th></tr>\n");
	for (guint i = 0; i < n && i < MEMBERS_MAX; i++) {
		const Advisory *a = inc->members->pdata[i];
		g_string_append(out, "<tr><td style=\"" TD "white-space:nowrap;\">");
		html_link(out, a->url, a->id, SOURCE_MAX);
		g_string_append(out, "</td><td style=\"" TD "\">");
		html_line(out, a->source, SOURCE_MAX);
		g_string_append_printf(out, "</td><td style=\"" TD "\">%s, %s</td><td style=\"" TD
					    "\">",
				       advisory_is_closed(a, now) ? "resolved"
								  : advisory_status_to_string(a->status),
				       advisory_severity_to_string(a->severity));
		html_line(out, a->title, TITLE_MAX);
		const char *latest = latest_update_text(a);
		if (latest != NULL && *latest != '\0') {
			g_string_append(out, "<br><span style=\"color:#666666;font-size:13px;\">");
			html_line(out, latest, EXCERPT_MAX);
			g_string_append(out, "</span>");
		}
		g_string_append(out, "</td></tr>\n");
	}
	if (n > MEMBERS_MAX) {
		g_string_append_printf(out, "<tr><td colspan=\"4\" style=\"" TD "\">… and %u more"
					    "</td></tr>\n",
				       n - MEMBERS_MAX);
	}
	g_string_append(out, "</table>\n");

	if (inc->links->len > 0) {
		g_string_append(out, "<h2 style=\"" H2 "\">Why they belong together</h2>\n"
				     "<table role=\"presentation\" style=\"" TABLE "\">\n");
		for (guint i = 0; i < inc->links->len && i < LINKS_MAX; i++) {
			const IncidentLink *l = inc->links->pdata[i];
			g_string_append(out, "<tr><td style=\"" TD "white-space:nowrap;\">");
			html_line(out, l->a_id, SOURCE_MAX);
			g_string_append(out, " ~ ");
			html_line(out, l->b_id, SOURCE_MAX);
			if (l->by_hand) {
				g_string_append(out, " (by hand)");
			} else {
				g_string_append_printf(out, " (%.2f)", l->score);
			}
			g_string_append(out, "</td><td style=\"" TD "\">");
			for (guint r = 0; r < l->reasons->len && r < REASONS_PER_LINK; r++) {
				if (r > 0) {
					g_string_append(out, "; ");
				}
				html_line(out, l->reasons->pdata[r], 200);
			}
			g_string_append(out, "</td></tr>\n");
		}
		g_string_append(out, "</table>\n");
	}
}

static void
html_summary(GString *out, const Alert *alert)
{
	g_string_append(out, "<table role=\"presentation\" style=\"" TABLE "\">\n");
	for (guint i = 0; i < alert->items->len && i < ITEMS_MAX; i++) {
		const Alert *item = alert->items->pdata[i];
		g_autofree char *when = render_time(item->time);
		g_autofree char *headline = render_headline(item);
		g_string_append_printf(out, "<tr><td style=\"" TD "white-space:nowrap;\">%s</td>"
					    "<td style=\"" TD "\"><b>",
				       when);
		html_line(out, headline, RENDER_SUBJECT_MAX);
		g_string_append(out, "</b>");
		if (item->incident != NULL) {
			const Incident *inc = item->incident;
			g_autofree char *impact = render_impact(inc, item->time);
			g_string_append(out, "<br>");
			html_line(out, incident_title(inc), TITLE_MAX);
			g_string_append_printf(out, "<br><span style=\"color:#666666;\">%s; ",
					       render_incident_status(inc, item->time));
			html_line(out, impact, 200);
			g_string_append(out, "</span><br>");
			for (guint m = 0; m < inc->members->len && m < MEMBERS_MAX; m++) {
				const Advisory *a = inc->members->pdata[m];
				if (m > 0) {
					g_string_append(out, ", ");
				}
				html_link(out, a->url, a->id, SOURCE_MAX);
			}
		} else if (item->text != NULL) {
			g_string_append(out, "<br>");
			html_line(out, item->text, EXCERPT_MAX);
		}
		g_string_append(out, "</td></tr>\n");
	}
	if (alert->items->len > ITEMS_MAX) {
		g_string_append_printf(out, "<tr><td colspan=\"2\" style=\"" TD "\">… and %u more"
					    "</td></tr>\n",
				       alert->items->len - ITEMS_MAX);
	}
	g_string_append(out, "</table>\n");
}

char *
render_html(const Alert *alert)
{
	GString *out = g_string_new(NULL);
	g_autofree char *subject = render_subject(alert);
	g_autofree char *headline = render_headline(alert);
	g_autofree char *subject_esc = text_escape_html(subject, true);
	g_autofree char *headline_esc = text_escape_html(headline, true);

	g_string_append_printf(
		out,
		"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width\"><title>%s</title></head>\n"
		"<body style=\"margin:0;padding:0;background-color:#f4f4f4;\">\n"
		"<table role=\"presentation\" width=\"100%%\" cellpadding=\"0\" cellspacing=\"0\" "
		"style=\"background-color:#f4f4f4;\"><tr><td align=\"center\" "
		"style=\"padding:16px;\">\n"
		"<table role=\"presentation\" width=\"640\" cellpadding=\"0\" cellspacing=\"0\" "
		"style=\"width:100%%;max-width:640px;background-color:#ffffff;border:1px solid "
		"#dddddd;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222222;\">\n"
		"<tr><td style=\"background-color:%s;color:#ffffff;padding:12px 16px;"
		"font-size:18px;font-weight:bold;\">%s</td></tr>\n"
		"<tr><td style=\"padding:12px 16px;\">\n",
		subject_esc, render_colour(alert), headline_esc);
	if (alert->kind == ALERT_KIND_TEST) {
		g_string_append(out, "<p style=\"margin:0 0 12px 0;padding:8px;background-color:"
				     "#f3e5f5;border:1px solid #ce93d8;\"><b>THIS IS A TEST</b> sent "
				     "by <code>statuswatch notify-test ");
		html_line(out, alert->notifier, 80);
		g_string_append(out, "</code>. Nothing is wrong; no action is needed.</p>\n");
	}
	if (alert->text != NULL) {
		g_string_append(out, "<p style=\"margin:0 0 12px 0;\">");
		html_text(out, alert->text, NOTICE_MAX);
		g_string_append(out, "</p>\n");
	}
	if (alert->kind == ALERT_KIND_SUMMARY) {
		html_summary(out, alert);
	} else if (alert->incident != NULL) {
		html_incident(out, alert, alert->incident);
	}
	g_autofree char *when = render_time(alert->time);
	g_string_append(out, "</td></tr>\n<tr><td style=\"padding:8px 16px;font-size:12px;"
			     "color:#777777;border-top:1px solid #eeeeee;\">statuswatch, notifier '");
	html_line(out, alert->notifier, 80);
	g_string_append_printf(out, "', %s</td></tr>\n</table>\n</td></tr></table>\n</body></html>\n",
			       when);
	return g_string_free(out, FALSE);
}
