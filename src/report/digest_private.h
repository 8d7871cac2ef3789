/*
 * Internal to the digest renderers (digest.c, digest_text.c, digest_html.c):
 * the formatting both parts share, so the text and the HTML say the same
 * thing the same way.  Not for use outside report/digest*.c.
 */
#ifndef SW_REPORT_DIGEST_PRIVATE_H
#define SW_REPORT_DIGEST_PRIVATE_H

#include <glib.h>

#include "report/digest.h"

/* A labelled mark on the time axis. */
typedef struct {
	guint column;   /* 0 .. DIGEST_COLUMNS - 1 */
	char label[16]; /* "18 Jul" or "06:00" */
} DigestTick;

/* "1d 4h 30m", "45m".  Caller frees. */
char *digest_format_duration(gint64 seconds);
/* "2023-07-17 14:00 → 2023-07-18 19:30 UTC (1d 5h 30m)" or "… → ongoing (… so far)".
 * Caller frees. */
char *digest_format_window(gint64 start, gint64 end, gint64 now);
/* "2023-07-17 00:00 → 2023-07-20 00:00 UTC".  Caller frees. */
char *digest_format_period(const Digest *d);
/* The axis marks of @d (DigestTick), in column order.  Caller unrefs. */
GArray *digest_ticks(const Digest *d);
/* "3 incidents; 5 sources watched, all reachable; 12 advisories seen", or
 * "No incidents; ...".  Caller frees. */
char *digest_summary_line(const Digest *d);

#endif
