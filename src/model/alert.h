/*
 * The alert: what one notifier is asked to deliver about one incident at one
 * moment.  The alert policy (alert/) decides that an alert is due and writes it
 * to the durable outbox; the dispatcher reads it back and hands it to a
 * notifier (notify/), which renders it for its channel.  Plain data, no I/O.
 *
 * An alert carries a snapshot of the incident (members, links, aliases) as it
 * was when the alert became due, so a later delivery shows what was true then
 * and a coalesced delivery shows the newest revision.
 */
#ifndef SW_MODEL_ALERT_H
#define SW_MODEL_ALERT_H

#include <glib.h>
#include <stdbool.h>

#include "model/incident.h"

/* Serialized as the "event" of the generic payload and of `replay --json`. */
typedef enum {
	ALERT_KIND_UNKNOWN = 0,
	ALERT_KIND_OPENED,   /* first alert of an incident to this notifier */
	ALERT_KIND_GREW,     /* advisories joined it */
	ALERT_KIND_CHANGED,  /* status class, severity, impact text or services changed */
	ALERT_KIND_MERGED,   /* another incident was merged into it (aliases) */
	ALERT_KIND_RESOLVED, /* every member closed */
	ALERT_KIND_REOPENED, /* was resolved, a member is open again */
	ALERT_KIND_REMINDER, /* repeat_interval: still open */
	ALERT_KIND_SUMMARY,  /* "while you were away": end of quiet hours; see Alert.items */
	ALERT_KIND_NOTICE,   /* about statuswatch itself: a source unreachable/recovered, a
			      * notifier that gave up; see Alert.text */
	ALERT_KIND_TEST,     /* `statuswatch notify-test NAME`: clearly marked as a test */
	ALERT_KIND_COUNT
} AlertKind;

typedef struct Alert Alert;
struct Alert {
	AlertKind kind;
	char *key;          /* owned: idempotency key, unique per (incident, notifier, revision);
			     * sent as the Idempotency-Key header and as "key" */
	char *notifier;     /* owned: the notifier NAME ([notify:NAME]) */
	gint64 time;        /* when the alert became due (Unix seconds UTC) */
	Incident *incident; /* owned snapshot; NULL for NOTICE and SUMMARY */
	GPtrArray *changes; /* char *, owned, never NULL: what changed since the last alert
			     * delivered to this notifier, one short line each
			     * ("EX649175 joined", "status: investigating -> resolved") */
	GPtrArray *items;   /* Alert *, owned, never NULL: the folded alerts of a SUMMARY,
			     * empty otherwise */
	char *text;         /* owned, may be NULL: the message of a NOTICE or TEST */
	AlertKind previous; /* the kind of the last alert delivered to this notifier about this
			     * incident; ALERT_KIND_UNKNOWN (JSON null) for the first */
	char *thread_ref;   /* owned, may be NULL: what this notifier returned for the first
			     * delivered alert of this incident (Discord message id, email
			     * Message-ID, desktop notification id, ...), so that a notifier can
			     * update in place or thread; NULL for the first alert */
};

/*
 * What the alert policy remembers per (incident, notifier): the store keeps it
 * (alert_state table), alert/policy.c reads and advances it.  Plain data.
 */
typedef struct {
	gint64 first_seen;   /* first pass that saw the incident; SW_TIME_NONE = never */
	gint64 last_alert;   /* when the last alert was queued; SW_TIME_NONE = none */
	gint64 revision;     /* alerts queued so far (the idempotency key's revision) */
	AlertKind last_kind; /* kind of the last alert queued; UNKNOWN = none */
	char *sent;          /* owned reference to an interned GRefString
			      * (g_ref_string_new_intern()): the view digest the last alert
			      * described; NULL = none.  Interned because every notifier told the
			      * same thing about an incident shares one copy, which keeps a pass
			      * over many incidents and notifiers in cache */
	guint sent_updates;  /* posts counted at the last alert (damped posts show later) */
	gint64 held_since;   /* quiet hours: first held; SW_TIME_NONE = not held */
	bool history;        /* first seen as history: never alerted */
	char *reason;        /* owned, may be NULL: the policy's last reason, for `why` */
	char *thread_ref;    /* owned, may be NULL: what the notifier returned for this
			      * incident's first delivered alert (Alert.thread_ref) */
} AlertState;

void alert_state_init(AlertState *state);
void alert_state_clear(AlertState *state);

/* Caller frees with alert_free().  @key and @notifier are copied (may be NULL). */
Alert *alert_new(AlertKind kind, const char *key, const char *notifier, gint64 time);
/* NULL is a no-op.  Frees the incident snapshot and the items too. */
void alert_free(Alert *alert);
/* Appends a copy of @line to alert->changes. */
void alert_add_change(Alert *alert, const char *line);

/* "opened", "grew", "changed", "merged", "resolved", "reopened", "reminder", "summary",
 * "notice", "test".  Unknown input maps to ALERT_KIND_UNKNOWN ("unknown"). */
const char *alert_kind_to_string(AlertKind kind);
AlertKind alert_kind_from_string(const char *s);

/*
 * The generic webhook payload, also the outbox's stored form:
 *   {"event": "opened", "key": ..., "notifier": ..., "time": RFC 3339,
 *    "previous": "opened"|null, "changes": [...], "text": ...|null,
 *    "thread_ref": ...|null, "incident": {the incident object of statuswatch-json(5),
 *    whose "advisories" are full advisory documents} | null, "items": [alert, ...]}
 * Compact JSON; caller frees.  alert_from_json() reads it back (unknown fields are
 * ignored); errors SW_ERROR_PARSE.  Caller frees the Alert with alert_free().
 */
char *alert_to_json(const Alert *alert);
Alert *alert_from_json(const char *json, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Alert, alert_free)

#endif
