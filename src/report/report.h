/*
 * Renderings of incidents and advisories for people and scripts: the JSON
 * output contract (statuswatch-json(5); `incidents --json`, `link --json`,
 * `show --json`), the incident list, the `show` explanation (members, links
 * with scores and reasons, combined timeline) and the advisory listing.
 * Builds strings only; cli.c prints them.  Every value from a feed or the store passes
 * through terminal_safe() (util/terminal.h) first: one line, no control characters.
 */
#ifndef SW_REPORT_REPORT_H
#define SW_REPORT_REPORT_H

#include <glib.h>

#include "model/advisory.h"
#include "model/incident.h"

/* {"incidents":[...]} with one object per incident (Incident *).  With @mutes (incident id
 * -> gint64 * end, as store_list_mutes() gives; borrowed), each object also has
 * "muted_until": the end of a mute in force at @now, or null; without (NULL: `link`, which
 * has no store) the field is left out.  Caller frees. */
char *report_incidents_json(GPtrArray *incidents, GHashTable *mutes, gint64 now);
/* Receives a listing piece by piece, in order (@piece: @len bytes, no NUL needed; borrowed
 * for the call). */
typedef void (*ReportWriteFunc)(const char *piece, gsize len, gpointer user);
/* report_incidents_json() handed to @write piece by piece on the calling thread, each
 * piece freed once written: `link --json` over 2,000 feeds writes 37 MB, and holding it
 * all (or joining the threads' parts into one string) was that much more memory. */
void report_incidents_json_write(GPtrArray *incidents, GHashTable *mutes, gint64 now,
				 ReportWriteFunc write, gpointer user);
/* One incident object (the same shape as an element of "incidents").  Caller frees. */
char *report_incident_json(const Incident *inc, gint64 now);
/* A table: id, status, severity, start, services, how many advisories (and notes, when
 * there are: "(+2 notes, not affected)"), title.  Caller frees. */
char *report_incidents_text(GPtrArray *incidents, gint64 now);
/* `show`: what the incident is, each member, each link's score and reasons, and a
 * timeline of starts, status changes, updates and ends.  Caller frees. */
char *report_incident_explain(const Incident *inc, gint64 now);
/* One block per advisory (Advisory *): id, source, kind, status, span, services, title. */
char *report_advisories_text(GPtrArray *advisories);

#endif
