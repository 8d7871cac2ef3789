/*
 * What the poller remembers about one source between polls: HTTP validators,
 * health and schedule.  Plain data; the store persists it.
 */
#ifndef SW_MODEL_SOURCE_STATE_H
#define SW_MODEL_SOURCE_STATE_H

#include <glib.h>
#include <stdbool.h>

typedef struct {
	char *name;               /* owned */
	char *etag;               /* owned, NULL if none */
	char *last_modified;      /* owned, NULL if none */
	gint64 last_attempt;      /* SW_TIME_NONE if never */
	gint64 last_success;      /* SW_TIME_NONE if never */
	char *last_error;         /* owned, NULL after a success */
	guint consecutive_failures;
	gint64 next_poll;         /* SW_TIME_NONE = as soon as possible */
	gint64 failing_since;     /* SW_TIME_NONE while healthy */
	bool unreachable_reported;/* the "source unreachable" event was emitted */
	gint64 last_full_read;    /* m365: last full (unfiltered) read, SW_TIME_NONE if never */
	char *cursor;             /* source-specific incremental cursor, owned, may be NULL */
	char *url_hash;           /* "url-sha256:<hex>" of the URL that etag and last_modified
				   * belong to, owned, NULL if none (feed sources) */
} SourceState;

/* Zeroed state with all times SW_TIME_NONE.  Caller frees with source_state_free(). */
SourceState *source_state_new(const char *name);
void source_state_free(SourceState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(SourceState, source_state_free)

#endif
