/*
 * The advisory: one normalized record for anything a source reports (a Graph
 * service-health issue, an RSS item, an Atom entry, a Statuspage incident or
 * maintenance).  Every source produces these; the store keeps them; the linker
 * groups them into incidents.  Plain data, no I/O.
 *
 * Times are Unix seconds in UTC; SW_TIME_NONE marks "unknown" (start, updated)
 * or "still open" (end).  Advisories are reference counted because the linker,
 * incidents and the store share them: advisory_new() returns one reference,
 * advisory_unref() drops one and frees on the last.
 */
#ifndef SW_MODEL_ADVISORY_H
#define SW_MODEL_ADVISORY_H

#include <glib.h>
#include <stdbool.h>

#include "util/timeparse.h" /* SW_TIME_NONE */

typedef enum {
	ADVISORY_KIND_UNKNOWN = 0,
	ADVISORY_KIND_INCIDENT,
	ADVISORY_KIND_ADVISORY,
	ADVISORY_KIND_MAINTENANCE,
	ADVISORY_KIND_INFORMATIONAL,
	ADVISORY_KIND_COUNT
} AdvisoryKind;

/* Order matters only for readability; never compare statuses with < or >. */
typedef enum {
	ADVISORY_STATUS_UNKNOWN = 0,
	ADVISORY_STATUS_INVESTIGATING,
	ADVISORY_STATUS_IDENTIFIED,
	ADVISORY_STATUS_MONITORING,
	ADVISORY_STATUS_DEGRADED,
	ADVISORY_STATUS_OUTAGE,
	ADVISORY_STATUS_RESTORING,
	ADVISORY_STATUS_RESOLVED,
	ADVISORY_STATUS_FALSE_POSITIVE,
	ADVISORY_STATUS_SCHEDULED,
	ADVISORY_STATUS_COUNT
} AdvisoryStatus;

/* Ordered: a higher value is more severe, so MAX() of two severities is meaningful. */
typedef enum {
	ADVISORY_SEVERITY_UNKNOWN = 0,
	ADVISORY_SEVERITY_INFO,
	ADVISORY_SEVERITY_MINOR,
	ADVISORY_SEVERITY_MAJOR,
	ADVISORY_SEVERITY_CRITICAL,
	ADVISORY_SEVERITY_COUNT
} AdvisorySeverity;

/* One timestamped post ("Investigating - We are looking into ..."). */
typedef struct {
	gint64 time;           /* SW_TIME_NONE if the post carried no usable date */
	AdvisoryStatus status; /* status this post announced, UNKNOWN if none */
	char *text;            /* plain text, owned (but advisory_text_dropped) */
} AdvisoryUpdate;

/* "", one for every update whose text its reader let go once read (`link` over many
 * feeds: a g_strdup("") each was some 450,000 allocations over 2,000 feeds); never
 * freed nor written to: advisory_update_free() leaves it. */
extern char advisory_text_dropped[1];

typedef struct {
	char *source;            /* configured source name ("m365-contoso"), owned */
	char *id;                /* native id: EX649175, Atom id, RSS guid, ..., owned */
	AdvisoryKind kind;
	char *title;             /* owned, may be NULL */
	GPtrArray *services;     /* char *, owned, never NULL, no duplicates */
	char *feature;           /* owned, may be NULL */
	char *region;            /* owned, may be NULL */
	AdvisoryStatus status;
	char *raw_status;        /* the source's own word, owned, may be NULL */
	AdvisorySeverity severity;
	gint64 start;            /* SW_TIME_NONE if unknown */
	gint64 end;              /* SW_TIME_NONE while open */
	gint64 updated;          /* last update, SW_TIME_NONE if unknown */
	char *url;               /* absolute URL, owned, may be NULL */
	char *text;              /* plain text description, owned, may be NULL */
	GPtrArray *updates;      /* AdvisoryUpdate *, owned, oldest first, never NULL */
	bool withdrawn;          /* vanished from its source while open (M365 scoping) */
	/* What the feed says of itself (Statuspage page.name/page.url, RSS channel
	 * title/link, Atom feed title/alternate link, JSON Feed title/home_page_url),
	 * the same on every advisory of one document: who publishes it, whatever the
	 * user named the source.  Owned, may be NULL (Graph; older stored documents).
	 * Not part of advisory_fingerprint(): no person sees it change. */
	char *feed_name;
	char *feed_home;
	/* Minutes east of UTC in which the source wrote the item's own date ("PST": -480),
	 * for clock times its text gives with no zone (sources/); ADVISORY_OFFSET_UNKNOWN
	 * when the date named none or the format has no such date.  The linker reads a
	 * title's "Wednesday morning" on it (linker_title_later()).  Stored with the
	 * document, rewritten in place like feed_name; not part of advisory_fingerprint(). */
	int date_offset;
	/*< private >*/
	gint refcount;
} Advisory;

/* A new empty advisory with one reference.  Caller drops it with advisory_unref(). */
Advisory *advisory_new(const char *source, const char *id);
Advisory *advisory_ref(Advisory *adv);
/* Drops one reference; frees on the last.  NULL is a no-op. */
void advisory_unref(Advisory *adv);
/* A deep copy with its own single reference. */
Advisory *advisory_copy(const Advisory *adv);

/* Services kept per advisory: a hostile feed naming 40,000 must not make every
 * later comparison quadratic. */
#define ADVISORY_MAX_SERVICES 100

/* Advisory.date_offset when the item's date named no zone. */
#define ADVISORY_OFFSET_UNKNOWN G_MININT

/* Appends a copy of @service unless it is already present (case-insensitive) or the
 * advisory already names ADVISORY_MAX_SERVICES. */
void advisory_add_service(Advisory *adv, const char *service);
bool advisory_has_service(const Advisory *adv, const char *service);
/* Appends an update; @text is copied.  Keep calls in time order or call advisory_sort_updates(). */
void advisory_add_update(Advisory *adv, gint64 time, AdvisoryStatus status, const char *text);
/* Sorts updates oldest first (stable; SW_TIME_NONE first). */
void advisory_sort_updates(Advisory *adv);
/* Replaces a string field: frees *field and stores a copy of @value (NULL allowed). */
void advisory_set_str(char **field, const char *value);

/*
 * An advisory whose source gives it no status (UNKNOWN) and no end, and that
 * has not been updated for this long, counts as closed: generic feeds never
 * say "resolved", and an item nobody touched for three days is history, not an
 * ongoing outage.  The store's SQL filters mirror this rule.
 */
#define ADVISORY_STALE_AFTER (3 * 24 * 3600)

/* True for resolved and false_positive, when an end time has passed @now, or when a
 * status-less advisory went stale (ADVISORY_STALE_AFTER). */
bool advisory_is_closed(const Advisory *adv, gint64 now);

/*
 * A stable hash over everything a person would see change (title, status,
 * times, services, texts, updates).  Two versions with the same fingerprint
 * are the same version; the store keeps one row per distinct fingerprint.
 * Caller frees with g_free().
 */
char *advisory_fingerprint(const Advisory *adv);

/* "source/id": the key advisories are stored and linked under.  Caller frees. */
char *advisory_key(const Advisory *adv);

/* Serialized enums, each backed by one table in advisory.c.  Unknown → *_UNKNOWN. */
const char *advisory_kind_to_string(AdvisoryKind kind);
AdvisoryKind advisory_kind_from_string(const char *s);
const char *advisory_status_to_string(AdvisoryStatus status);
AdvisoryStatus advisory_status_from_string(const char *s);
const char *advisory_severity_to_string(AdvisorySeverity severity);
AdvisorySeverity advisory_severity_from_string(const char *s);

/* The status icon of an open incident of @severity, as installed under
 * share/icons/hicolor/scalable/status/: "statuswatch-critical", "statuswatch-major", or
 * "statuswatch-minor" for anything less (an unknown or informational incident is still
 * something open).  "statuswatch-ok" (nothing open, resolved) is the caller's. */
const char *advisory_severity_icon(AdvisorySeverity severity);

void advisory_update_free(AdvisoryUpdate *update);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Advisory, advisory_unref)

#endif
