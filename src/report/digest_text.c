/*
 * The digest's subject line and plain-text part (see digest.h).  The text
 * timeline is the HTML one drawn with characters: the same columns
 * (digest_bar()), one character per column, one row per member advisory under
 * its incident's heading, a severity's character for its bar, '<' and '>' where
 * a bar goes on past the period.  Strings only.
 */
#include "report/digest.h"

#include <string.h>

#include "report/digest_private.h"
#include "util/terminal.h"

/* The text timeline's label column: two spaces and an id cut to 12 characters. */
#define LABEL_WIDTH 14
#define TITLE_WIDTH 64

char *
digest_subject(const Digest *digest)
{
	g_return_val_if_fail(digest != NULL, NULL);

	g_autoptr(GDateTime) a = g_date_time_new_from_unix_utc(digest->since);
	g_autoptr(GDateTime) b = g_date_time_new_from_unix_utc(digest->until);
	g_autofree char *sa = g_date_time_format(a, "%d %b %H:%M");
	g_autofree char *sb = g_date_time_format(b, "%d %b %H:%M");
	g_autoptr(GString) s = g_string_new(NULL);
	guint n = digest->items->len;

	g_string_append_printf(s, "[statuswatch] Digest %s → %s UTC: ", sa, sb);
	if (n == 0) {
		g_string_append(s, "no incidents");
	} else {
		g_string_append_printf(s, "%u incident%s", n, n == 1 ? "" : "s");
		guint open = 0;
		for (guint i = 0; i < n; i++) {
			const DigestItem *item = digest->items->pdata[i];
			open += item->active ? 1 : 0;
		}
		if (open > 0) {
			g_string_append_printf(s, " (%u still open)", open);
		}
	}
	if (digest->unreachable->len > 0) {
		g_string_append(s, ", sources unreachable");
	} else if (n == 0) {
		g_string_append_printf(s, ", %u source%s watched, all reachable",
				       digest->sources_watched,
				       digest->sources_watched == 1 ? "" : "s");
	}
	return g_string_free(g_steal_pointer(&s), FALSE);
}

/* @s made safe for a terminal on one line (a feed's title must not move the cursor or
 * break the layout), cut to @max characters (not bytes) with "…". */
static void
append_cut(GString *out, const char *raw, glong max)
{
	if (raw == NULL) {
		return;
	}
	g_autofree char *s = terminal_safe(raw, true);
	if (g_utf8_strlen(s, -1) <= max) {
		g_string_append(out, s);
		return;
	}
	const char *end = g_utf8_offset_to_pointer(s, max - 1);
	g_string_append_len(out, s, end - s);
	g_string_append(out, "…");
}

/* Appends @s padded with spaces to @width characters (cut when longer). */
static void
append_padded(GString *out, const char *s, glong width)
{
	glong n = g_utf8_strlen(s, -1);

	append_cut(out, s, width);
	for (; n < width; n++) {
		g_string_append_c(out, ' ');
	}
}

static void
append_axis(GString *out, const Digest *d)
{
	g_autoptr(GArray) ticks = digest_ticks(d);
	char labels[LABEL_WIDTH + DIGEST_COLUMNS + 16];
	char marks[LABEL_WIDTH + DIGEST_COLUMNS + 3];

	memset(labels, ' ', sizeof(labels));
	memset(marks, ' ', sizeof(marks));
	marks[LABEL_WIDTH] = '+';
	memset(marks + LABEL_WIDTH + 1, '-', DIGEST_COLUMNS);
	marks[LABEL_WIDTH + 1 + DIGEST_COLUMNS] = '+';
	marks[LABEL_WIDTH + 2 + DIGEST_COLUMNS] = '\0';
	gsize used = 0; /* labels never overlap: a label that would is left out */
	gsize last = 0;
	for (guint i = 0; i < ticks->len; i++) {
		const DigestTick *t = &g_array_index(ticks, DigestTick, i);
		gsize at = LABEL_WIDTH + 1 + t->column;
		gsize len = strlen(t->label);
		/* A tick on the period's first column is the border itself. */
		if (t->column > 0) {
			marks[at] = '|';
		}
		if (at < used || at + len > sizeof(labels) - 1) {
			continue;
		}
		memcpy(labels + at, t->label, len);
		used = at + len + 1;
		last = at + len;
	}
	labels[last] = '\0';
	g_string_append_printf(out, "%s\n%s\n", labels, marks);
}

static void
append_bar_row(GString *out, const Digest *d, const Advisory *a)
{
	char row[DIGEST_COLUMNS + 1];
	guint first, last;
	bool left, right;

	memset(row, ' ', DIGEST_COLUMNS);
	row[DIGEST_COLUMNS] = '\0';
	if (digest_bar(d, a, &first, &last, &left, &right)) {
		memset(row + first, digest_severity_char(a->severity), last - first + 1);
		if (left) {
			row[first] = '<';
		}
		if (right) {
			row[last] = '>';
		}
	}
	g_string_append(out, "  ");
	append_padded(out, a->id, LABEL_WIDTH - 2);
	g_string_append_printf(out, "|%s|\n", row);
}

static void
append_timeline(GString *out, const Digest *d)
{
	gint64 column = (d->until - d->since) / DIGEST_COLUMNS;
	g_autofree char *col = digest_format_duration(column > 60 ? column : 60);

	g_string_append_printf(out, "Timeline (UTC, one column = %s):\n\n", col);
	append_axis(out, d);
	for (guint i = 0; i < d->items->len; i++) {
		const DigestItem *item = d->items->pdata[i];
		g_string_append_printf(out, "%u. ", i + 1);
		append_cut(out, incident_title(item->incident), TITLE_WIDTH);
		g_string_append_c(out, '\n');
		for (guint j = 0; j < item->incident->members->len; j++) {
			append_bar_row(out, d, item->incident->members->pdata[j]);
		}
	}
	g_string_append_printf(out, "%*s", LABEL_WIDTH, "");
	for (int s = ADVISORY_SEVERITY_CRITICAL; s >= ADVISORY_SEVERITY_UNKNOWN; s--) {
		g_string_append_printf(out, "%c %s%s", digest_severity_char(s),
				       advisory_severity_to_string(s),
				       s > ADVISORY_SEVERITY_UNKNOWN ? "  " : "");
	}
	g_string_append_printf(out, "\n%*s< > goes on before/after the period\n", LABEL_WIDTH, "");
}

static void
append_unreachable(GString *out, const Digest *d)
{
	if (d->unreachable->len == 0) {
		g_string_append_printf(out, d->sources_watched == 1
						    ? "The %u source watched was read in the period.\n"
						    : "All %u sources watched were read in the period.\n",
				       d->sources_watched);
		return;
	}
	g_string_append(out, "Sources that could not be read in the period (this digest may be "
			     "missing what they reported):\n");
	for (guint i = 0; i < d->unreachable->len; i++) {
		const DigestUnreachable *u = d->unreachable->pdata[i];
		g_string_append_printf(out, "  ! %s: ", u->source);
		if (u->label != NULL) {
			g_string_append(out, u->label);
		} else {
			g_autofree char *w = digest_format_window(u->start, u->end, d->now);
			g_string_append_printf(out, "unreachable %s", w);
		}
		if (u->error != NULL) {
			g_string_append_printf(out, "; last error: %s", u->error);
		}
		g_string_append_c(out, '\n');
	}
}

static void
append_item(GString *out, const Digest *d, guint n, const DigestItem *item)
{
	const Incident *inc = item->incident;
	g_autofree char *window = digest_format_window(item->start, item->end, d->now);

	g_string_append_printf(out, "%u. ", n);
	append_cut(out, incident_title(inc), G_MAXINT32);
	g_string_append_c(out, '\n');
	g_string_append_printf(out, "   %s, %s, %s now; %s in this period\n", inc->id,
			       advisory_severity_to_string(item->severity),
			       item->active ? "OPEN" : "resolved",
			       digest_change_to_string(item->change));
	if (item->services->len > 0) {
		g_string_append(out, "   Services: ");
		for (guint i = 0; i < item->services->len; i++) {
			g_string_append_printf(out, "%s%s", i > 0 ? ", " : "",
					       (const char *)item->services->pdata[i]);
		}
		g_string_append_c(out, '\n');
	}
	g_string_append_printf(out, "   Impact: %s\n", window);
	if (item->cause != NULL) {
		g_string_append_printf(out, "   Cause: %s\n", item->cause);
	}
	g_string_append_printf(out, "   Advisories (%u):\n", inc->members->len);
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		g_string_append_printf(out, "   - %s (%s), %s, %s: ", a->id, a->source,
				       advisory_severity_to_string(a->severity),
				       advisory_status_to_string(a->status));
		append_cut(out, a->title != NULL ? a->title : "(no title)", G_MAXINT32);
		g_string_append_c(out, '\n');
		if (a->url != NULL) {
			g_string_append_printf(out, "     %s\n", a->url);
		}
	}
}

static void
append_maintenance(GString *out, const Digest *d)
{
	if (d->maintenance->len == 0) {
		return;
	}
	g_string_append(out, "\nUpcoming maintenance\n\n");
	for (guint i = 0; i < d->maintenance->len; i++) {
		const Advisory *a = d->maintenance->pdata[i];
		g_autofree char *w = digest_format_window(a->start, a->end, d->now);
		g_string_append_printf(out, "- %s (%s): %s\n  %s\n", a->id, a->source,
				       a->title != NULL ? a->title : "(no title)", w);
		if (a->url != NULL) {
			g_string_append_printf(out, "  %s\n", a->url);
		}
	}
}

char *
digest_render_text(const Digest *digest)
{
	g_return_val_if_fail(digest != NULL, NULL);

	g_autoptr(GString) out = g_string_new(NULL);
	g_autofree char *period = digest_format_period(digest);
	g_autofree char *summary = digest_summary_line(digest);

	g_string_append_printf(out, "statuswatch digest, %s\n\n%s.\n", period, summary);
	append_unreachable(out, digest);
	if (digest->items->len > 0) {
		g_string_append_c(out, '\n');
		append_timeline(out, digest);
		g_string_append(out, "\nIncidents, worst first\n\n");
		for (guint i = 0; i < digest->items->len; i++) {
			append_item(out, digest, i + 1, digest->items->pdata[i]);
			g_string_append_c(out, '\n');
		}
	}
	append_maintenance(out, digest);
	g_string_append(out, "\n-- \nstatuswatch digest; times in UTC.\n");
	/* Ids, sources, links and errors come from feeds and servers too: no control
	 * character reaches a terminal (`digest --dry-run`) or a mail reader. */
	return terminal_safe(out->str, false);
}
