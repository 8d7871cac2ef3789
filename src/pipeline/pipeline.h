/*
 * The pipeline: the one code path from parsed advisories to stored incidents
 * and change events, shared by the daemon, `poll --once` and `demo`.
 *
 *   for each source that answered:
 *       pipeline_store_source()  → changes (PipelineChange *), accumulate them
 *   once the batch is stored:
 *       pipeline_relink(changes) → incidents + events
 *
 * Events are computed against the state before the changes: each
 * PipelineChange carries the advisory as it was before this store (NULL when
 * new), so "resolved" and "changed" are judged on what was announced, not on
 * what the store already holds.  It logs nothing; the caller logs the events.
 */
#ifndef SW_PIPELINE_PIPELINE_H
#define SW_PIPELINE_PIPELINE_H

#include <glib.h>
#include <stdbool.h>

#include "linker/linker.h"
#include "model/advisory.h"
#include "store/store.h"

/* Advisories older than this (closed before now - window) are not relinked: 14 days covers
 * the longest multi-day incidents in REFERENCE §4 with room to spare. */
#define PIPELINE_WINDOW (14 * 24 * 3600)

typedef struct {
	char *key;        /* "source/id", owned */
	Advisory *before; /* one reference: the stored version before this change; NULL = new */
	gint64 touched;   /* the latest time the advisory (as now stored) covers: its end, last
			   * update or start; SW_TIME_NONE when open or unknown */
} PipelineChange;

void pipeline_change_free(PipelineChange *change);
/* An empty array of PipelineChange * that frees its elements (to accumulate a batch). */
GPtrArray *pipeline_changes_new(void);
/* Moves every change of @from to the end of @into (@from is emptied).  A key changed twice
 * in one batch is then listed twice; pipeline_relink() uses its first change, so the batch
 * is compared with the state before the batch. */
void pipeline_changes_merge(GPtrArray *into, GPtrArray *from);
/* A change for advisory @key ("source/id") as stored, unchanged: what a person's merge or
 * split decision touched, so the next relink reports what it did to the incidents.  Caller
 * frees with pipeline_change_free().  Errors: SW_ERROR_IO, SW_ERROR_NOT_FOUND. */
PipelineChange *pipeline_change_as_stored(Store *store, const char *key, GError **error);

/*
 * Stores what one source reported, in one transaction: upserts every advisory
 * of @advisories (Advisory *, borrowed) seen at @now; when @full_read is true
 * (the list is the source's complete list of open items, as an m365 full read
 * is) each advisory the store holds as open for @source that is missing from
 * the list is marked withdrawn, and present ones are un-withdrawn.  Feeds that
 * drop old items (RSS, Atom) pass false.
 * @ret_changes (may be NULL) gets the new, changed and withdrawn advisories
 * (PipelineChange *; caller unrefs the array).  On error nothing is written.
 * Errors: SW_ERROR_IO (database).
 */
bool pipeline_store_source(Store *store, const char *source, GPtrArray *advisories, gint64 now,
			   bool full_read, GPtrArray **ret_changes, GError **error);

/*
 * The `since` to relink a batch with: now - PIPELINE_WINDOW, reaching further
 * back (by the linker's max_gap more) when a change touched older times, so
 * a feed read for the first time links its history too.
 */
gint64 pipeline_since(const GPtrArray *changes, const LinkerOptions *opts, gint64 now);

/*
 * Relinks: loads the advisories touching [@since, ∞) (SW_TIME_NONE = all;
 * the daemon passes now - PIPELINE_WINDOW), people's merge/split decisions
 * and the previous incident assignments (stable ids), links them with @opts,
 * and saves the incidents in one transaction.
 * @changes (PipelineChange *, borrowed, may be NULL or empty) are the batch's
 * changes since the last relink; @ret_events (may be NULL) gets Event *
 * (model/events.h; caller unrefs the array) in incident order:
 *   opened   an incident with a new or changed member and no stored id/alias, active
 *            now, with a member updated (or started) within PIPELINE_WINDOW
 *   grew     a stored incident that gained members
 *   changed  a stored incident with a changed member (or one that reopened)
 *   resolved a stored incident that was active before the batch and is not now
 * With no changes, no events are produced (incidents are still returned).
 * Returns the incidents (Incident *, owned by the array).  Errors: SW_ERROR_IO.
 */
GPtrArray *pipeline_relink(Store *store, const LinkerOptions *opts, gint64 now, gint64 since,
			   GPtrArray *changes, GPtrArray **ret_events, GError **error);

/*
 * How a relink may be stopped early (pipeline_relink_limited()).  The linking
 * itself (no store access) then runs on a thread of its own while the calling
 * thread waits, answering only these: the store is used from the caller's
 * thread alone, and nothing else of the caller's main loop runs meanwhile.
 */
typedef struct {
	bool signals;     /* a SIGTERM or SIGINT during the relink stops it (the caller's
			   * own watches of them still fire afterwards) */
	gint64 budget_us; /* stop after this much wall time, 0 = no limit */
} PipelineLimits;

/*
 * pipeline_relink() within @limits (NULL = none, linked on the calling thread).
 * A relink stopped early saves nothing and fails with SW_ERROR_LIMIT saying why;
 * its changes stay to be relinked later.
 */
GPtrArray *pipeline_relink_limited(Store *store, const LinkerOptions *opts, gint64 now,
				   gint64 since, GPtrArray *changes,
				   const PipelineLimits *limits, GPtrArray **ret_events,
				   GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(PipelineChange, pipeline_change_free)

#endif
