/*
 * The alert policy: for one notifier and one incident, is an alert due now,
 * and which?  Pure: the clock, the mute and the poll times are handed in; the
 * only memory is the AlertState the caller keeps (and persists) per
 * (incident, notifier).
 *
 * The policy is level-triggered: it compares what the incident looks like now
 * (an AlertView) with what the notifier was last told (AlertState.sent), so a
 * change that happened while the daemon was down alerts on the first pass
 * after start, and replaying the same state twice alerts once.
 *
 * Order of the rules (the first that holds decides):
 *   1. first sight: an incident first seen closed, or quiet for PIPELINE-length
 *      history (POLICY_HISTORY), is history: recorded, never alerted;
 *   2. filters (kinds, min_severity, services, sources, exclude_*), applied only
 *      until the first alert went out, so a follow-up and the resolution of an
 *      incident the notifier was told about are never filtered away;
 *   3. mute (statuswatch mute): held until it expires;
 *   4. what changed since the last alert: nothing, routine posts only (damped),
 *      or a change of membership, aliases, status class, severity, title or
 *      services; or a reminder (repeat_interval);
 *   5. quiet hours: held, summarised when the window ends (quiet_hours_pass lets
 *      severe enough incidents through);
 *   6. group_wait for the first alert (and at least one more poll of every
 *      source that reported the incident), group_interval between updates;
 *      a resolution is never held by either.
 */
#ifndef SW_ALERT_POLICY_H
#define SW_ALERT_POLICY_H

#include <glib.h>
#include <stdbool.h>

#include "model/advisory.h"
#include "model/alert.h"
#include "model/incident.h"

/* An incident whose newest post is older than this when first seen is history, not news
 * (the same 14 days the pipeline relinks over). */
#define POLICY_HISTORY (14 * 24 * 3600)

typedef enum {
	POLICY_KIND_INCIDENT = 1 << 0,
	POLICY_KIND_ADVISORY = 1 << 1,
	POLICY_KIND_MAINTENANCE = 1 << 2,
} PolicyKind;

/* One notifier's policy, built from its keys ([policy] merged with [notify:NAME]). */
typedef struct {
	char *notifier;              /* owned */
	AdvisorySeverity min_severity;
	GPtrArray *services;         /* GPatternSpec *, owned: lower-case globs; empty = all */
	GPtrArray *sources;          /* GPatternSpec *, owned */
	GPtrArray *exclude_services; /* GPatternSpec *, owned */
	GPtrArray *exclude_sources;  /* GPatternSpec *, owned */
	guint kinds;                 /* PolicyKind bits */
	bool notify_resolved;
	bool quiet;                  /* record alerts without delivering them */
	gint64 group_wait;           /* seconds */
	gint64 group_interval;
	gint64 repeat_interval;      /* 0 = off */
	int quiet_start;             /* minutes after local midnight; -1 = no quiet hours */
	int quiet_end;
	GTimeZone *tz;               /* owned: for quiet hours */
	AdvisorySeverity quiet_pass; /* this severity and worse pass quiet hours; UNKNOWN = none */
	gint64 give_up_after;        /* seconds an alert may keep failing before it is given up */
} Policy;

/* The [policy] keys of one notifier, typed: the configuration parsed and validated them
 * (and applied its defaults), so the policy parses nothing (daemon/alerting.c fills it).
 * Lists are NULL-terminated and borrowed; NULL = empty. */
typedef struct {
	AdvisorySeverity min_severity;
	char **services;          /* globs; empty = all */
	char **sources;
	char **exclude_services;
	char **exclude_sources;
	char **kinds;             /* globs over incident, advisory, maintenance */
	bool notify_resolved;
	bool quiet;
	gint64 group_wait;        /* seconds */
	gint64 group_interval;
	gint64 repeat_interval;   /* 0 = off */
	gint64 give_up_after;
	int quiet_start;          /* minutes after local midnight; -1 = no quiet hours */
	int quiet_end;
	const char *timezone;     /* of quiet hours; NULL = local */
	AdvisorySeverity quiet_pass; /* UNKNOWN = none */
} PolicySettings;

/*
 * Builds the policy of @notifier from @settings (borrowed during the call).  Errors:
 * SW_ERROR_CONFIG for a time zone GLib cannot load (the configuration checked it, but
 * the zone database may have changed since).  Caller frees with policy_free().
 */
Policy *policy_new(const char *notifier, const PolicySettings *settings, GError **error);
void policy_free(Policy *policy);
/* policy->give_up_after (for callers that only hold the policy). */
gint64 policy_give_up_after(const Policy *policy);

/* True when @now falls in the policy's quiet hours; @ret_end (may be NULL) gets the end of
 * the window as Unix seconds. */
bool policy_in_quiet_hours(const Policy *policy, gint64 now, gint64 *ret_end);

/* What the policy looks at in an incident, computed once per pass and shared by every
 * notifier. */
typedef struct {
	char *id;           /* owned: incident id */
	bool active;
	const char *status; /* static: status class, "investigating", "identified",
			     * "monitoring", "resolved" or "scheduled" */
	AdvisorySeverity severity;
	guint kind;         /* one PolicyKind bit */
	guint updates;      /* posts over all members (damped: not part of .digest) */
	gint64 latest;      /* newest post, start or update of any member */
	GPtrArray *services;/* char *, owned: lower-case, sorted, distinct */
	GPtrArray *sources; /* char *, owned: sorted, distinct */
	char *digest;       /* owned interned GRefString: what is compared with
			     * AlertState.sent (see policy.c) */
} AlertView;

AlertView *alert_view_new(const Incident *inc, gint64 now);
void alert_view_free(AlertView *view);


typedef enum {
	POLICY_NONE,     /* nothing to say */
	POLICY_EXCLUDED, /* a filter excludes it */
	POLICY_HOLD,     /* something to say, but not yet (see reason, wake) */
	POLICY_SEND,     /* an alert is due: kind, changes */
} PolicyAction;

/* What the caller knows beyond the incident. */
typedef struct {
	gint64 muted_until;   /* SW_TIME_NONE = not muted */
	GHashTable *polls;    /* char * source -> gint64 * last successful poll, borrowed, may be
			       * NULL (then group_wait needs no extra poll) */
	/* Quiet hours of the notifier at the decision's time: a pass over many incidents
	 * computes them once per notifier (policy_in_quiet_hours(), a time zone lookup)
	 * and sets quiet_known; otherwise policy_decide() computes them itself. */
	bool quiet_known;
	bool quiet;           /* in quiet hours */
	gint64 quiet_end;     /* end of the window when quiet */
} PolicyContext;

typedef struct {
	PolicyAction action;
	AlertKind kind;     /* POLICY_SEND */
	AlertKind previous; /* POLICY_SEND: the last kind queued before this one */
	bool summary;       /* POLICY_SEND: an item of the "while you were away" summary */
	GPtrArray *changes; /* char *, owned, never NULL: POLICY_SEND's change lines */
	const char *reason; /* one line for `why` ("group_wait until 07:01:00Z",
			     * "excluded: severity minor below major", "damped: 2 routine posts");
			     * valid until the decision is reset or cleared */
	gint64 wake;        /* POLICY_HOLD: when to decide again; SW_TIME_NONE = on change */
	/*< private >*/
	char *reason_owned;
} PolicyDecision;

/* A decision is initialised once, reused for many policy_decide() calls (each resets
 * it), and cleared once: a pass over 500,000 pairs allocates nothing for the common
 * "no change" answer. */
void policy_decision_init(PolicyDecision *d);
void policy_decision_clear(PolicyDecision *d);

/*
 * Decides for @view (of one incident) and the notifier of @policy at @now, and on
 * POLICY_SEND advances @state as if the alert were queued (revision, last_alert,
 * last_kind, sent).  Also records first sight and quiet-hours holds in @state.  The
 * caller writes the alert and the state in one transaction.  @ret must have been
 * initialised with policy_decision_init(); it is reset here.
 */
void policy_decide(const Policy *policy, AlertState *state, const AlertView *view,
		   const PolicyContext *ctx, gint64 now, PolicyDecision *ret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Policy, policy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(AlertView, alert_view_free)

#endif
