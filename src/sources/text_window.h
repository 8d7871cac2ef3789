/*
 * Internal to sources/: the impact window a status post states in words, for
 * formats that carry no structured start or end (RSS, RDF, Atom, JSON Feed
 * items).  Such an item's only date is its publication, often the provider's
 * LAST post, while its text says when the impact began and ended:
 *
 *   "Starting at 15:20 UTC on 25 January 2023, a subset of customers ..."
 *   "Between approximately 11:45 UTC and 19:43 UTC on 30 July 2024, ..."
 *   "Between 23:15 UTC on 2 August and 01:40 UTC on 3 August 2024, ..."
 *   "Incident began at 2020-12-14 03:46 and ended at 2020-12-14 04:33
 *    (all times are US/Pacific)."
 *   "Between 11:49 PM and 2:24 AM PDT, we experienced ..."
 *
 * or labels it ("Start time: Wednesday, April 16, 2025 18:32 UTC" ... "End time: ...";
 * "Impact start: 10:00 UTC. Impact end: 12:00 UTC."),
 * or, failing that, lists its posts one per line with their stamps, newest or
 * oldest first ("June 10, 2025 06:45 UTC — Investigating: ...", "Update (Apr 16,
 * 22:00 UTC) - ...", "12/14/20, 4:15 AM: ..."): the earliest stamp starts it.
 *
 * Pure: text and a reference time in, a window or nothing out; no I/O.
 */
#ifndef SW_SOURCES_TEXT_WINDOW_H
#define SW_SOURCES_TEXT_WINDOW_H

#include <glib.h>
#include <stdbool.h>

typedef struct {
	gint64 start; /* Unix seconds, always set on success */
	gint64 end;   /* SW_TIME_NONE unless the text says the impact ended */
	bool timed;   /* the text states a clock time at all (set whatever the result:
		       * none, and text_window_update_end() has nothing to read either) */
} TextWindow;

/* A stated end or start may be this far after the item's own date (the text and the
 * publication stamp come from different clocks and steps of one post). */
#define TEXT_WINDOW_SLACK (15 * 60)
/* Longer windows are not impact statements (or are misread): refused. */
#define TEXT_WINDOW_MAX_LENGTH (7 * 24 * 3600)
/* A start this long before the item's date is not this item's window: refused. */
#define TEXT_WINDOW_MAX_AGE (30 * 24 * 3600)

/*
 * The first window @text states, read conservatively: a clock time with a colon
 * ("11:45", "2:24 AM"; never "11.45") or an hour with am/pm ("8 p.m."), in a stated
 * zone (UTC, GMT, Z, a numeric offset, a named zone such as PDT, CEST or AEST, a US
 * zone without its season such as "ET", or a declaration such as "(all times are
 * US/Pacific)", the last two resolved through GTimeZone); its date from the text, or, when the text
 * gives only clock times, the latest one not after @ref (an end before its start is
 * the next day).  @ref is the item's own date (its last update); a window ending or
 * starting after @ref + TEXT_WINDOW_SLACK, longer than TEXT_WINDOW_MAX_LENGTH, or
 * starting more than TEXT_WINDOW_MAX_AGE before @ref is refused.
 *
 * Else the timeline of dated posts, one per line (two stamps at least): start = the
 * earliest stamp, end = the newest when its post says the trouble is over; stamps
 * with no zone take the declared one or the one @ref implies (@ref is the newest
 * post's date), all refused as above.  One exception, an item dated at its first
 * post with its updates above it: when the earliest stamp is @ref and the others follow
 * it in order on @ref's local date within 12 hours, they are read there.
 *
 * Returns true and fills *@ret when a window is found; sets ret->timed in any case.
 * @text may be NULL.
 */
bool text_window_find(const char *text, gint64 ref, TextWindow *ret);

/*
 * The end an item's own inline updates state, for an item with no end: its text
 * appends timed updates ("... We are investigating.  Update 8:35 AM: The problem
 * should now be resolved.", "UPDATE 14:10 UTC - resolved", "Update (3:30 PM): fixed."),
 * and the LAST of them (the latest in time) says the trouble is over (resolved,
 * restored, fixed, recovered, operational, working again or normally, back to normal)
 * with nothing saying it is not yet, or only partly ("not yet resolved", "still",
 * "partially", "for most users").  A stamp is "Update" opening the text, a line or a
 * sentence, then a clock time and a separator (":", "-", a dash); its zone is the
 * one it names, else the one an earlier update named or the text declares, else the
 * item's own date's (@has_offset, @offset_minutes east of UTC); with none, no end.
 *
 * @date is the item's first post (its pubDate or published), SW_TIME_NONE when the item gives only
 * @latest, its last change; @latest is the later of the two.  After a first post a clock time is
 * read on its local date, or the next day when that is more than an hour before it (less is the
 * post on another clock, or an item dated at its last edit: the end is then the start; never for a
 * zoneless clock read in a date's UTC, which may be a serializer's habit, not the writer's clock),
 * and at most 25 hours (a day, and a change of daylight saving time) after it, never after @latest
 * + TEXT_WINDOW_SLACK when @latest is later; dated only by @latest, the latest such time by then.
 * Any stamp unreadable: no end.
 *
 * Returns true and sets *@ret_end when the updates say the item ended.  @text may be NULL.
 */
bool text_window_update_end(const char *text, gint64 date, gint64 latest, bool has_offset,
			    int offset_minutes, gint64 *ret_end);

#endif
