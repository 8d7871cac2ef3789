/*
 * The digest: one summary of a period [since, until) for people who read
 * their mail once a day.  digest_build() picks, from what the caller loaded
 * out of the store, the incidents open, opened, changed or resolved in the
 * period (worst first), one line of cause per incident when the updates give
 * one, the sources that could not be read in the period (a quiet digest must
 * never pass for a healthy one), how many sources were watched and advisories
 * seen, and the maintenance announced for the coming days.  The renderers turn
 * it into a subject line, a plain-text part and an HTML part; both parts draw
 * the same timeline (one row per incident, one bar per member advisory, on the
 * period's time axis, DIGEST_COLUMNS columns wide).
 *
 * Pure: no I/O, no clock (the caller passes `now`); strings only.  The caller
 * (cli_digest.c, the daemon) loads the input and sends the result.
 */
#ifndef SW_REPORT_DIGEST_H
#define SW_REPORT_DIGEST_H

#include <glib.h>
#include <stdbool.h>

#include "model/advisory.h"
#include "model/incident.h"
#include "model/source_outage.h"
#include "model/source_state.h"

/* Columns of the timeline axis, in both parts.  60 keeps the text part within 80
 * characters (a 14-character label, two borders) and gives 24 minutes a column for a
 * daily digest; the HTML part draws each column 10 px wide. */
#define DIGEST_COLUMNS 60

/* How far ahead the maintenance section looks: announced work beyond a week is
 * noise in a daily mail. */
#define DIGEST_MAINTENANCE_AHEAD (7 * 24 * 3600)

/* A source the digest reports on. */
typedef struct {
	const char *name;  /* borrowed */
	gint64 stale_after;/* its [source:NAME] stale_after: a failure shorter than this is a
			    * blip, not an outage worth a line */
} DigestWatched;

/* What the caller loaded.  Everything is borrowed and must outlive the Digest. */
typedef struct {
	gint64 since;          /* the period, Unix seconds UTC; since < until */
	gint64 until;
	gint64 now;            /* the clock, for "status now" (usually >= until) */
	GPtrArray *incidents;  /* Incident *: candidates (e.g. every stored incident); the
				* digest keeps those touching the period */
	GPtrArray *advisories; /* Advisory *: the stored advisories whose span reaches the period
				* or later (counted as seen when they touch the period; maintenance
				* ones feed the maintenance section) */
	GArray *sources;       /* DigestWatched: the sources watched (configured, enabled) */
	GPtrArray *states;     /* SourceState *: stored source health, may be NULL */
	GPtrArray *outages;    /* SourceOutage *: recorded outages, may be NULL */
} DigestInput;

/* What happened to an incident in the period. */
typedef enum {
	DIGEST_CHANGE_ONGOING = 0, /* open all through, nothing new */
	DIGEST_CHANGE_OPENED,      /* started in the period, still open at its end */
	DIGEST_CHANGE_RESOLVED,    /* started before, ended in the period */
	DIGEST_CHANGE_CAME_AND_WENT, /* started and ended in the period */
	DIGEST_CHANGE_UPDATED,     /* started and ended outside, updated in it */
	DIGEST_CHANGE_COUNT
} DigestChange;

typedef struct {
	const Incident *incident; /* borrowed from the input */
	AdvisorySeverity severity;
	bool active;              /* open at `now` */
	gint64 start;             /* impact window; SW_TIME_NONE if unknown */
	gint64 end;               /* SW_TIME_NONE while open */
	DigestChange change;
	char *cause;              /* owned, may be NULL: one sentence from the updates */
	GPtrArray *services;      /* char *, owned */
} DigestItem;

typedef struct {
	char *source;   /* owned */
	char *label;    /* owned, may be NULL: "never read successfully" etc. */
	gint64 start;   /* SW_TIME_NONE when the source was never read */
	gint64 end;     /* SW_TIME_NONE while still failing */
	char *error;    /* owned, may be NULL */
} DigestUnreachable;

typedef struct {
	gint64 since;
	gint64 until;
	gint64 now;
	GPtrArray *items;        /* DigestItem *, owned: worst first */
	GPtrArray *unreachable;  /* DigestUnreachable *, owned, by source name */
	GPtrArray *maintenance;  /* Advisory *, one reference each: upcoming, by start */
	guint sources_watched;
	guint advisories_seen;
} Digest;

/* Builds the digest of @in (borrowed; see DigestInput).  Caller frees with digest_free(). */
Digest *digest_build(const DigestInput *in);
void digest_free(Digest *digest);

/*
 * One sentence naming the cause of @adv's trouble, from its updates (newest
 * first) and text: what follows "Root cause:" when a post has one, else the
 * first sentence using a cause phrase ("caused by", "due to", "because of",
 * "the result of", "triggered by", ...).  NULL when none does.  At most
 * DIGEST_CAUSE_MAX bytes (cut at a word, with "…").  Caller frees.
 */
#define DIGEST_CAUSE_MAX 240
char *digest_cause_of(const Advisory *adv);

/*
 * The columns [*ret_first, *ret_last] (0-based, inclusive) the bar of @adv covers
 * on the timeline of @digest, and in @ret_clipped_left / @ret_clipped_right
 * whether it goes on before or after the period (may be NULL).  False when the
 * advisory's span misses the period (no bar).
 */
bool digest_bar(const Digest *digest, const Advisory *adv, guint *ret_first, guint *ret_last,
		bool *ret_clipped_left, bool *ret_clipped_right);

/* "[statuswatch] Digest 2023-07-17 → 2023-07-20: 3 incidents, 1 source unreachable".
 * Caller frees. */
char *digest_subject(const Digest *digest);
/* The plain-text part (UTF-8, lines within 80 columns except long titles and links).
 * Caller frees. */
char *digest_render_text(const Digest *digest);
/* The HTML part: a whole document, tables and inline styles only (mail clients ignore
 * CSS grid, flexbox and SVG).  Caller frees. */
char *digest_render_html(const Digest *digest);

/* "#f2b600" etc.: the bar colour of a severity, shared by the HTML part and its tests. */
const char *digest_severity_colour(AdvisorySeverity severity);
/* The character the text timeline draws a severity with. */
char digest_severity_char(AdvisorySeverity severity);
/* "opened", "resolved", "opened and resolved", "updated", "ongoing". */
const char *digest_change_to_string(DigestChange change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Digest, digest_free)

#endif
