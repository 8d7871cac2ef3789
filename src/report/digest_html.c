/*
 * The digest's HTML part (see digest.h): a whole document drawn with tables
 * and inline styles only, because Outlook, Gmail and Thunderbird ignore CSS
 * grid, flexbox, <style> blocks (Gmail, partly) and SVG.  The timeline is one
 * table: a label column of LABEL_PX and DIGEST_COLUMNS columns of COLUMN_PX,
 * fixed by an invisible first row; each member advisory's bar is one cell
 * spanning its columns (digest_bar(), the same columns as the text part) and
 * filled with its severity's colour.  Every feed-supplied string is escaped;
 * links are kept only when they are http(s).  Strings only.
 */
#include "report/digest.h"

#include <string.h>

#include "report/digest_private.h"
#include "util/text.h"

#define LABEL_PX 150
#define COLUMN_PX 10
#define TABLE_PX (LABEL_PX + DIGEST_COLUMNS * COLUMN_PX)

/* The axis band's fill: a grey no bar uses, so a screenshot can find the axis. */
#define AXIS_COLOUR "#e8e8e8"

static void
append_escaped(GString *out, const char *s)
{
	if (s == NULL) {
		return;
	}
	g_autofree char *e = text_escape_html(s, true);
	g_string_append(out, e);
}

/* A link to @url showing @label, or the label alone when the URL is not http(s) (a
 * hostile feed's "javascript:" never becomes a link). */
static void
append_link(GString *out, const char *url, const char *label)
{
	bool ok = text_is_web_link(url);

	if (ok) {
		g_string_append(out, "<a href=\"");
		append_escaped(out, url);
		g_string_append(out, "\" style=\"color:#1558b0\">");
	}
	append_escaped(out, label);
	if (ok) {
		g_string_append(out, "</a>");
	}
}

static void
append_sizing_row(GString *out)
{
	static const char cell[] = "style=\"height:0;padding:0;font-size:0;line-height:0\"></td>";

	g_string_append_printf(out, "<tr><td width=\"%d\" %s", LABEL_PX, cell);
	for (guint i = 0; i < DIGEST_COLUMNS; i++) {
		g_string_append_printf(out, "<td width=\"%d\" %s", COLUMN_PX, cell);
	}
	g_string_append(out, "</tr>\n");
}

static void
append_empty(GString *out, guint span)
{
	if (span > 0) {
		g_string_append_printf(out, "<td colspan=\"%u\"></td>", span);
	}
}

static void
append_axis(GString *out, const Digest *d)
{
	g_autoptr(GArray) ticks = digest_ticks(d);
	guint at = 0;

	g_string_append(out, "<tr><td></td>");
	for (guint i = 0; i <= ticks->len; i++) {
		guint next = i < ticks->len ? g_array_index(ticks, DigestTick, i).column
					    : DIGEST_COLUMNS;
		if (i == 0) {
			append_empty(out, next);
			at = next;
			continue;
		}
		const DigestTick *t = &g_array_index(ticks, DigestTick, i - 1);
		if (next > at) {
			g_string_append_printf(out,
					       "<td colspan=\"%u\" style=\"font-size:11px;"
					       "color:#555555;white-space:nowrap;overflow:hidden;"
					       "padding:0 0 2px 2px;border-left:1px solid #999999\">",
					       next - at);
			append_escaped(out, t->label);
			g_string_append(out, "</td>");
		}
		at = next;
	}
	g_string_append(out, "</tr>\n");
	g_string_append_printf(out,
			       "<tr><td></td><td colspan=\"%d\" style=\"background:" AXIS_COLOUR
			       ";height:4px;padding:0;font-size:0;line-height:0\">&nbsp;</td></tr>\n",
			       DIGEST_COLUMNS);
}

static void
append_bar_row(GString *out, const Digest *d, const Advisory *a)
{
	guint first, last;
	bool left, right;

	g_string_append(out, "<tr><td style=\"font-size:12px;padding:2px 6px 2px 14px;"
			     "white-space:nowrap;overflow:hidden\">");
	append_escaped(out, a->id);
	g_string_append(out, "</td>");
	if (!digest_bar(d, a, &first, &last, &left, &right)) {
		g_string_append_printf(out, "<td colspan=\"%d\" style=\"font-size:11px;"
					    "color:#777777\">outside the period</td></tr>\n",
				       DIGEST_COLUMNS);
		return;
	}
	g_autofree char *window = digest_format_window(
		a->start, a->end, d->now);
	append_empty(out, first);
	g_string_append_printf(out, "<td colspan=\"%u\" style=\"padding:3px 0\" title=\"",
			       last - first + 1);
	append_escaped(out, a->id);
	g_string_append_printf(out, " (%s): ", advisory_severity_to_string(a->severity));
	append_escaped(out, window);
	g_string_append_printf(out, "%s%s\">", left ? ", began before the period" : "",
			       right ? ", goes on after it" : "");
	/* A nested full-width table paints the bar: the padding above keeps bars of
	 * neighbouring rows apart, and a fill on a table cell survives every mail client. */
	g_string_append_printf(out,
			       "<table role=\"presentation\" width=\"100%%\" cellpadding=\"0\" "
			       "cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse\">"
			       "<tr><td style=\"background:%s;height:10px;font-size:0;"
			       "line-height:0\">&nbsp;</td></tr></table></td>",
			       digest_severity_colour(a->severity));
	append_empty(out, DIGEST_COLUMNS - 1 - last);
	g_string_append(out, "</tr>\n");
}

static void
append_legend(GString *out)
{
	g_string_append(out, "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" "
			     "border=\"0\" style=\"border-collapse:collapse;margin:8px 0 0 0\"><tr>");
	for (int s = ADVISORY_SEVERITY_CRITICAL; s >= ADVISORY_SEVERITY_UNKNOWN; s--) {
		g_string_append_printf(out,
				       "<td style=\"background:%s;width:10px;height:10px;"
				       "font-size:0;line-height:0\">&nbsp;</td>"
				       "<td style=\"font-size:12px;padding:0 14px 0 4px\">%s</td>",
				       digest_severity_colour(s), advisory_severity_to_string(s));
	}
	g_string_append(out, "</tr></table>\n");
}

static void
append_timeline(GString *out, const Digest *d)
{
	gint64 column = (d->until - d->since) / DIGEST_COLUMNS;
	g_autofree char *col = digest_format_duration(column > 60 ? column : 60);

	g_string_append_printf(out,
			       "<h2 style=\"font-size:16px;margin:18px 0 2px 0\">Timeline</h2>\n"
			       "<p style=\"margin:0 0 6px 0;font-size:12px;color:#555555\">UTC, one "
			       "column = %s; one row per advisory, grouped by incident</p>\n",
			       col);
	g_string_append_printf(out,
			       "<table role=\"presentation\" width=\"%d\" cellpadding=\"0\" "
			       "cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;"
			       "table-layout:fixed;width:%dpx\">\n",
			       TABLE_PX, TABLE_PX);
	append_sizing_row(out);
	append_axis(out, d);
	for (guint i = 0; i < d->items->len; i++) {
		const DigestItem *item = d->items->pdata[i];
		g_string_append_printf(out,
				       "<tr><td colspan=\"%d\" style=\"padding:8px 0 0 0;"
				       "font-size:13px;font-weight:bold;white-space:nowrap;"
				       "overflow:hidden\">%u. ",
				       DIGEST_COLUMNS + 1, i + 1);
		append_escaped(out, incident_title(item->incident));
		g_string_append(out, "</td></tr>\n");
		for (guint j = 0; j < item->incident->members->len; j++) {
			append_bar_row(out, d, item->incident->members->pdata[j]);
		}
	}
	g_string_append(out, "</table>\n");
	append_legend(out);
}

static void
append_unreachable(GString *out, const Digest *d)
{
	if (d->unreachable->len == 0) {
		g_string_append_printf(out,
				       d->sources_watched == 1
					       ? "<p style=\"margin:0 0 8px 0;color:#2e7d32\">The %u "
						 "source watched was read in the period.</p>\n"
					       : "<p style=\"margin:0 0 8px 0;color:#2e7d32\">All %u "
						 "sources watched were read in the period.</p>\n",
				       d->sources_watched);
		return;
	}
	g_string_append(out, "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" "
			     "border=\"0\" width=\"100%\" style=\"border-collapse:collapse;"
			     "max-width:760px;margin:0 0 8px 0\"><tr><td style=\"border:2px solid "
			     "#8a1c1c;background:#fdecea;padding:8px 12px\">"
			     "<b>Sources that could not be read in the period</b> (this digest may "
			     "be missing what they reported):<br>\n");
	for (guint i = 0; i < d->unreachable->len; i++) {
		const DigestUnreachable *u = d->unreachable->pdata[i];
		g_string_append(out, "&bull; <b>");
		append_escaped(out, u->source);
		g_string_append(out, "</b>: ");
		if (u->label != NULL) {
			append_escaped(out, u->label);
		} else {
			g_autofree char *w = digest_format_window(u->start, u->end, d->now);
			g_string_append(out, "unreachable ");
			append_escaped(out, w);
		}
		if (u->error != NULL) {
			g_string_append(out, "; last error: <code>");
			append_escaped(out, u->error);
			g_string_append(out, "</code>");
		}
		g_string_append(out, "<br>\n");
	}
	g_string_append(out, "</td></tr></table>\n");
}

static void
append_field(GString *out, const char *name, const char *value_html)
{
	g_string_append_printf(out,
			       "<tr><td style=\"padding:2px 10px 2px 0;color:#555555;"
			       "vertical-align:top;white-space:nowrap\">%s</td>"
			       "<td style=\"padding:2px 0\">%s</td></tr>\n",
			       name, value_html);
}

static void
append_item(GString *out, const Digest *d, guint n, const DigestItem *item)
{
	const Incident *inc = item->incident;
	g_autoptr(GString) v = g_string_new(NULL);

	g_string_append(out, "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" "
			     "border=\"0\" width=\"100%\" style=\"border-collapse:collapse;"
			     "max-width:760px;margin:0 0 12px 0\"><tr><td style=\"border:1px solid "
			     "#d0d0d0;padding:10px 12px\">\n");
	g_string_append_printf(out, "<div style=\"font-size:15px;font-weight:bold\">%u. ", n);
	append_escaped(out, incident_title(inc));
	g_string_append(out, "</div>\n<div style=\"font-size:13px;color:#555555;margin:2px 0 6px "
			     "0\">");
	append_escaped(out, inc->id);
	g_string_append_printf(out, " &middot; <b>%s</b> &middot; %s &middot; %s in this period"
				    "</div>\n",
			       advisory_severity_to_string(item->severity),
			       item->active ? "<b>OPEN</b> now" : "resolved now",
			       digest_change_to_string(item->change));
	g_string_append(out, "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" "
			     "border=\"0\" style=\"border-collapse:collapse;font-size:13px\">\n");
	if (item->services->len > 0) {
		for (guint i = 0; i < item->services->len; i++) {
			if (i > 0) {
				g_string_append(v, ", ");
			}
			append_escaped(v, item->services->pdata[i]);
		}
		append_field(out, "Services", v->str);
	}
	g_autofree char *window = digest_format_window(item->start, item->end, d->now);
	g_string_truncate(v, 0);
	append_escaped(v, window);
	append_field(out, "Impact", v->str);
	if (item->cause != NULL) {
		g_string_truncate(v, 0);
		append_escaped(v, item->cause);
		append_field(out, "Cause", v->str);
	}
	g_string_truncate(v, 0);
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		append_link(v, a->url, a->id);
		g_string_append_printf(v, " (");
		append_escaped(v, a->source);
		g_string_append_printf(v, "), %s, %s: ", advisory_severity_to_string(a->severity),
				       advisory_status_to_string(a->status));
		append_escaped(v, a->title != NULL ? a->title : "(no title)");
		g_string_append(v, "<br>");
	}
	append_field(out, "Advisories", v->str);
	g_string_append(out, "</table>\n</td></tr></table>\n");
}

static void
append_maintenance(GString *out, const Digest *d)
{
	if (d->maintenance->len == 0) {
		return;
	}
	g_string_append(out, "<h2 style=\"font-size:16px;margin:18px 0 6px 0\">Upcoming "
			     "maintenance</h2>\n<table role=\"presentation\" cellpadding=\"0\" "
			     "cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;"
			     "font-size:13px\">\n");
	for (guint i = 0; i < d->maintenance->len; i++) {
		const Advisory *a = d->maintenance->pdata[i];
		g_autofree char *w = digest_format_window(a->start, a->end, d->now);
		g_string_append(out, "<tr><td style=\"padding:2px 10px 2px 0;white-space:nowrap;"
				     "vertical-align:top\">");
		append_escaped(out, w);
		g_string_append(out, "</td><td style=\"padding:2px 0\">");
		append_link(out, a->url, a->id);
		g_string_append(out, " (");
		append_escaped(out, a->source);
		g_string_append(out, "): ");
		append_escaped(out, a->title != NULL ? a->title : "(no title)");
		g_string_append(out, "</td></tr>\n");
	}
	g_string_append(out, "</table>\n");
}

char *
digest_render_html(const Digest *digest)
{
	g_return_val_if_fail(digest != NULL, NULL);

	g_autoptr(GString) out = g_string_new(NULL);
	g_autofree char *subject = digest_subject(digest);
	g_autofree char *period = digest_format_period(digest);
	g_autofree char *summary = digest_summary_line(digest);

	g_string_append(out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
			     "<meta name=\"viewport\" content=\"width=device-width\"><title>");
	append_escaped(out, subject);
	g_string_append(out, "</title></head>\n<body style=\"margin:0;padding:16px;"
			     "background:#ffffff;color:#202124;font-family:Arial,Helvetica,"
			     "sans-serif;font-size:14px;line-height:1.4\">\n"
			     "<h1 style=\"margin:0 0 2px 0;font-size:20px\">statuswatch digest</h1>\n"
			     "<p style=\"margin:0 0 10px 0;color:#555555\">");
	append_escaped(out, period);
	g_string_append(out, "</p>\n<p style=\"margin:0 0 8px 0;font-weight:bold\">");
	append_escaped(out, summary);
	g_string_append(out, ".</p>\n");
	append_unreachable(out, digest);
	if (digest->items->len > 0) {
		append_timeline(out, digest);
		g_string_append(out, "<h2 style=\"font-size:16px;margin:18px 0 6px 0\">Incidents, "
				     "worst first</h2>\n");
		for (guint i = 0; i < digest->items->len; i++) {
			append_item(out, digest, i + 1, digest->items->pdata[i]);
		}
	}
	append_maintenance(out, digest);
	g_string_append(out, "<p style=\"margin:18px 0 0 0;font-size:12px;color:#777777\">Sent by "
			     "statuswatch; times in UTC.</p>\n</body></html>\n");
	return g_string_free(g_steal_pointer(&out), FALSE);
}
