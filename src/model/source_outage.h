/*
 * A source outage: a stretch of time in which one source could not be read
 * (from its first failed poll to the next good one).  The store records them
 * as the poller's source state goes from healthy to failing and back, so a
 * digest can name a source that was unreachable in its period even when it
 * has recovered since.  Plain data, no I/O.
 */
#ifndef SW_MODEL_SOURCE_OUTAGE_H
#define SW_MODEL_SOURCE_OUTAGE_H

#include <glib.h>

typedef struct {
	char *source;  /* source name, owned */
	gint64 start;  /* first failed attempt (Unix seconds UTC) */
	gint64 end;    /* first good read after it; SW_TIME_NONE while still failing */
	char *error;   /* the last error recorded, owned, may be NULL */
} SourceOutage;

/* Caller frees with source_outage_free().  Strings are copied (may be NULL). */
SourceOutage *source_outage_new(const char *source, gint64 start, gint64 end, const char *error);
/* NULL is a no-op. */
void source_outage_free(SourceOutage *outage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(SourceOutage, source_outage_free)

#endif
