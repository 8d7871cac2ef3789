/*
 * The incident: advisories the linker judged to be one fault, the links that
 * joined them (each with a score and human-readable reasons), and the ids it
 * absorbed from merged incidents (aliases, so alert threads continue).
 * Status, severity, span and services are derived from the members, never
 * stored twice.  Plain data, no I/O.
 */
#ifndef SW_MODEL_INCIDENT_H
#define SW_MODEL_INCIDENT_H

#include <glib.h>
#include <stdbool.h>

#include "model/advisory.h"

typedef struct {
	char *a_source; /* owned */
	char *a_id;     /* owned: native advisory id, e.g. "EX649175" */
	char *b_source; /* owned */
	char *b_id;     /* owned */
	double score;
	GPtrArray *reasons; /* char *, owned: "both name 'control flow messages'" */
	bool by_hand;       /* recorded by `statuswatch merge`, not computed */
} IncidentLink;

typedef struct {
	char *id;             /* stable incident id, owned */
	char *title;          /* owned; NULL = derived (see incident_title()) */
	GPtrArray *members;   /* Advisory *, one reference each, ordered by start then key */
	/* Advisory *, one reference each, ordered as members: notes, a page's notice that
	 * it is not affected by this incident's event or is fine and only relays it
	 * ("Pallowa is not affected by the xz-utils backdoor").  Listed with the incident
	 * (JSON "note": true) but no members: status, severity, span, title and services
	 * come from the members alone, and the alert policy ignores them.  NULL while there
	 * is none, as for most incidents (an empty array in each of bench-linker's 40,000
	 * was 2 MiB); incident_add_note() makes it, incident_note_count() reads it. */
	GPtrArray *notes;
	GPtrArray *links;     /* IncidentLink *, owned */
	GPtrArray *aliases;   /* char *, owned: ids of incidents merged into this one */
	gint64 created;       /* when the incident was first seen, SW_TIME_NONE if unknown */
	bool merged_by_hand;  /* at least one membership was decided by a person */
} Incident;

/* Caller frees with incident_free().  @id is copied. */
Incident *incident_new(const char *id);
void incident_free(Incident *inc);

/* Takes a new reference on @adv. */
void incident_add_member(Incident *inc, Advisory *adv);
/* Takes a new reference on @adv, a note (see Incident.notes; made on the first). */
void incident_add_note(Incident *inc, Advisory *adv);
/* How many notes @inc lists: 0 when Incident.notes is NULL. */
guint incident_note_count(const Incident *inc);
/* Sorts members, and notes, by start (unknown last), then source/id. */
void incident_sort_members(Incident *inc);
/* Appends a copy of @alias unless present. */
void incident_add_alias(Incident *inc, const char *alias);

/* Caller frees with incident_link_free().  Strings are copied. */
IncidentLink *incident_link_new(const char *a_source, const char *a_id, const char *b_source,
				const char *b_id, double score);
void incident_link_add_reason(IncidentLink *link, const char *reason);
void incident_link_free(IncidentLink *link);

/* Derived views over the members. */
const char *incident_title(const Incident *inc);       /* borrowed */
/* The first member's http(s) page, what "Open" shows; NULL when none has one (or @inc is
 * NULL).  Borrowed. */
const char *incident_url(const Incident *inc);
bool incident_is_active(const Incident *inc, gint64 now);
AdvisorySeverity incident_severity(const Incident *inc);
gint64 incident_start(const Incident *inc);            /* earliest start, or SW_TIME_NONE */
gint64 incident_end(const Incident *inc, gint64 now);  /* latest end; NONE while any is open */
/* Distinct services of all members, in member order.  Caller unrefs. */
GPtrArray *incident_services(const Incident *inc);
/* The end of @inc's mute in @mutes (incident id -> gint64 * end, as store_list_mutes()
 * gives; borrowed, may be NULL), by its id or any alias, the latest; SW_TIME_NONE when
 * none (an expired mute is returned as it is: compare with now). */
gint64 incident_muted_until(const Incident *inc, GHashTable *mutes);

/* The two forms of the one incident JSON writer (incident_to_json(), in alert_json.c). */
typedef enum {
	/* The incident object of statuswatch-json(5): `incidents --json`, `show --json`,
	 * `link --json`, `replay --json`.  Members carry source, id, title, status, start,
	 * end and url; links a, b, score and reasons. */
	INCIDENT_JSON_SUMMARY,
	/* The alert payload's (generic webhook, outbox): the summary plus created and
	 * merged_by_hand, each member the full advisory document (advisory_json.h), each
	 * link also a_source, b_source and by_hand, so the incident reads back whole. */
	INCIDENT_JSON_FULL,
} IncidentJsonForm;

/* @inc as one compact JSON object in @form; "status" and "end" as at @now.  Caller
 * frees.  The one writer of the incident object. */
char *incident_to_json(const Incident *inc, gint64 now, IncidentJsonForm form);
/* The same appended to @out (a listing of many writes into one buffer). */
void incident_to_json_append(GString *out, const Incident *inc, gint64 now, IncidentJsonForm form);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Incident, incident_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(IncidentLink, incident_link_free)

#endif
