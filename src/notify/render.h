/*
 * Channel-neutral renderings of an alert: the subject line, a plain-text body
 * and an HTML body (table layout, inline styles: what mail clients render).
 * Every channel starts from these or from the small text helpers below, so an
 * alert reads the same in every channel.  Pure: strings in, strings out.
 *
 * Feed text is hostile: every string taken from an advisory passes through
 * render_clean_line()/render_clean_text() (control characters removed, invalid
 * UTF-8 replaced, length capped) and, for HTML, is escaped.
 */
#ifndef SW_NOTIFY_RENDER_H
#define SW_NOTIFY_RENDER_H

#include <glib.h>

#include "model/alert.h"

/* "[statuswatch] RESOLVED: Exchange Online, 3 advisories".  One line, at most
 * RENDER_SUBJECT_MAX bytes.  Caller frees. */
char *render_subject(const Alert *alert);
/* The subject without the "[statuswatch] " prefix ("RESOLVED: Exchange Online, 3 advisories").
 * Caller frees. */
char *render_headline(const Alert *alert);
/* Plain-text body: headline, title, status/severity, services, impact window or "ongoing",
 * every member advisory (id, source, title, status, link), what changed, link reasons in
 * short; the items of a SUMMARY; the text of a NOTICE or TEST.  Caller frees. */
char *render_text(const Alert *alert);
/* The same content as an HTML document (tables, inline styles, everything escaped; only
 * http(s) links become anchors).  Caller frees. */
char *render_html(const Alert *alert);

#define RENDER_SUBJECT_MAX 200

/* "RESOLVED", "OPEN", "UPDATED", "MERGED", "REOPENED", "STILL OPEN", "SUMMARY", "NOTICE",
 * "TEST".  Static. */
const char *render_label(AlertKind kind);
/* The incident's status word at @now: "resolved" when no member is open, otherwise the
 * status of the most severe open member ("investigating", ...).  Static. */
const char *render_incident_status(const Incident *inc, gint64 now);
/* The colour of the alert: red/orange/amber/blue by severity, green once resolved, purple
 * for a test, grey for a notice ("#2e7d32").  Static. */
const char *render_colour(const Alert *alert);
/* "2026-12-05 09:12 UTC", or "unknown" for SW_TIME_NONE.  Caller frees. */
char *render_time(gint64 t);
/* "2026-12-05 09:12 UTC – 11:40 UTC" or "since 2026-12-05 09:12 UTC (ongoing)".  Caller frees. */
char *render_impact(const Incident *inc, gint64 now);
/* "Exchange Online, Outlook.com +2 more" (at most @max_names names); NULL when the
 * incident names no service.  Caller frees. */
char *render_services(const Incident *inc, guint max_names);

/*
 * @s on one line: invalid UTF-8 replaced, line breaks and tabs become spaces, other
 * control characters (C0, DEL, C1) dropped, whitespace folded, then shortened to at most
 * @max_bytes bytes with "…" at a UTF-8 boundary (0 = no cap).  NULL gives "".  Caller frees.
 */
char *render_clean_line(const char *s, gsize max_bytes);
/* The same but keeps line breaks ("\n"; "\r\n" and "\r" become "\n", at most two in a row).
 * Caller frees. */
char *render_clean_text(const char *s, gsize max_bytes);
/*
 * @s (valid UTF-8) cut to at most @max_bytes bytes: when it is longer, the longest prefix
 * ending at a character boundary that leaves room for "…" (3 bytes), plus "…".  @max_bytes
 * below 3 gives at most @max_bytes bytes without the ellipsis.  Caller frees.
 */
char *render_shorten(const char *s, gsize max_bytes);
/* Characters (code points) in valid UTF-8 @s, the unit chat services count in. */
gsize render_char_count(const char *s);
/* render_shorten() by code points instead of bytes.  Caller frees. */
char *render_shorten_chars(const char *s, gsize max_chars);

#endif
