/*
 * Change events: what the daemon announces after each store-and-link step.
 * Incident events (opened, grew, changed, resolved) come from comparing the
 * incidents just linked with what was stored before (pipeline_relink());
 * source events (unreachable, recovered) come from the poller.  Today each
 * event becomes one g_message line (event_describe()); the alert pipeline
 * consumes the same list later.  Plain data, no I/O.
 */
#ifndef SW_MODEL_EVENTS_H
#define SW_MODEL_EVENTS_H

#include <glib.h>
#include <stdbool.h>

#include "model/advisory.h"

typedef enum {
	EVENT_INCIDENT_OPENED,    /* a new incident that is active */
	EVENT_INCIDENT_GREW,      /* an incident gained members (keys = the new members) */
	EVENT_INCIDENT_CHANGED,   /* a member changed (status, text, ...) or it reopened */
	EVENT_INCIDENT_RESOLVED,  /* was active, now every member is closed or withdrawn */
	EVENT_SOURCE_UNREACHABLE, /* a source has failed for longer than stale_after */
	EVENT_SOURCE_RECOVERED,   /* an unreachable source answered again */
	EVENT_KIND_COUNT
} EventKind;

typedef struct {
	EventKind kind;
	gint64 time;               /* when it was noticed (the injected now) */
	char *incident_id;         /* owned; NULL for source events */
	char *title;               /* owned; incident title, NULL for source events */
	AdvisorySeverity severity; /* incident severity, UNKNOWN for source events */
	gboolean active;           /* incident active after the change */
	GPtrArray *keys;           /* char *, owned, never NULL: advisory keys "source/id":
				    * all members (opened), the new members (grew), the changed
				    * members (changed), all members (resolved); empty for
				    * source events */
	char *source;              /* owned; source name for source events, else NULL */
	char *detail;              /* owned, may be NULL: the last error (unreachable),
				    * "reopened" (changed), ... */
} Event;

/* @incident_id and @source may be NULL; copied.  Caller frees with event_free(). */
Event *event_new(EventKind kind, gint64 time, const char *incident_id, const char *source);
/* NULL is a no-op. */
void event_free(Event *event);

/* "incident_opened", "incident_grew", ..., "source_unreachable", "source_recovered". */
const char *event_kind_to_string(EventKind kind);

/* One line for the log, secrets already absent:
 * "incident 'EX649175' opened (major): Users can't send email [m365/EX649175]".
 * Caller frees. */
char *event_describe(const Event *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Event, event_free)

#endif
