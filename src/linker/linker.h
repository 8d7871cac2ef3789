/*
 * The linker: groups advisories into incidents, explainably.  Pure: no I/O,
 * no clock (now is passed in), no logging.  Evidence between two advisories
 * (time overlap or small gap, rare shared cause terms and phrases, explicit
 * id references, shared upstream cause, shared services/features/regions) is
 * weighed into a score; pairs at or above the threshold link, and each link
 * records human-readable reasons.  Clusters are guarded against chaining.
 * The same advisories give the same incidents in any order, and adding them
 * one by one ends where a batch run on the final data ends.
 */
#ifndef SW_LINKER_LINKER_H
#define SW_LINKER_LINKER_H

#include <glib.h>
#include <stdbool.h>

#include "model/advisory.h"
#include "model/incident.h"

/* Default link threshold, in score points (see linker_score()).  Calibrated on the
 * labelled scenarios and the seen days (tests/fixtures/seen-days): unrelated
 * same-service, same-hour advisories score 2..6 (a shared "message trace" or
 * "delay"); true pairs mostly 9 and up.  Of the pairs scoring 7.5 to 8 there,
 * 58 were true and 10 false, and the blind days gained by linking them. */
#define LINKER_DEFAULT_THRESHOLD 7.5
/* A link this many points over the threshold may chain clusters on its own (10 at
 * the default threshold: a role blame with the overlap in time is one; a relayed
 * state with it is not).  See linker_private.h. */
#define LINKER_STRONG_MARGIN 2.5

typedef struct {
	double threshold; /* minimum score for a link ([linker] threshold) */
	gint64 max_gap;   /* seconds between intervals still counted as near ([linker] max_gap) */
	/* Knowledge added to the built-in share/linker-knowledge.conf, in its form
	 * ([linker] knowledge, read by the caller), or NULL.  Owned (g_free);
	 * linker_new() parses it; check it first with linker_knowledge_new(). */
	char *knowledge;
	/* Per source name: the providers it depends on, "fastly, aws:us-east-1"
	 * (a provider of the knowledge, optionally with a region code): char * →
	 * char *, a reference owned by the options, or NULL.  An advisory
	 * of such a source that blames any upstream provider is taken to blame
	 * these ([source:NAME] depends_on). */
	GHashTable *depends_on;
	/* Per source name: the URL it is fetched from ([source:NAME] url), char * →
	 * char *, a reference owned by the options, or NULL.  A status-page host of a
	 * provider of the knowledge there makes the source that provider's own feed,
	 * whatever it is called and wherever its items link. */
	GHashTable *source_urls;
	/* Or the knowledge already read and built (linker_knowledge_new()): a reference
	 * owned by the options, shared by every Linker made with them, which then
	 * neither parses @knowledge nor builds its terms again (the daemon makes a
	 * Linker per relink).  NULL: @knowledge is parsed per linker_new(). */
	struct LinkerKnowledge *know;
} LinkerOptions;

/* The linker's knowledge as linker_new() reads it, parsed once to check options
 * against: the built-in share/linker-knowledge.conf plus @extra (its form; may be
 * NULL).  Errors name @extra as @what and its line where it has one ("linker
 * knowledge 'WHAT': line 7: unknown group kind 'vendor'"): SW_ERROR_CONFIG,
 * SW_ERROR_LIMIT.  Caller frees with linker_knowledge_free(). */
typedef struct LinkerKnowledge LinkerKnowledge;
LinkerKnowledge *linker_knowledge_new(const char *extra, const char *what, GError **error);
/* Another reference to @knowledge (immutable once made; any thread). */
LinkerKnowledge *linker_knowledge_ref(LinkerKnowledge *knowledge);
/* Drops a reference; the last frees it.  NULL: nothing. */
void linker_knowledge_free(LinkerKnowledge *knowledge);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(LinkerKnowledge, linker_knowledge_free)

/* True when every item of @value ("fastly, aws:us-east-1", a depends_on) names a
 * provider of @knowledge, with a region written as a code (letters, digits, '-');
 * SW_ERROR_CONFIG naming the item otherwise. */
bool linker_knowledge_check_depends(const LinkerKnowledge *knowledge, const char *value,
				    GError **error);

/* Who a feed's title says publishes it ("Salesforce Trust - Service Status" →
 * "salesforce"): the first part of @feed_name (parts end at " - ", '|', ':', '(' or a
 * long dash) holding a word other than generic feed words ("status", "service",
 * "incident history", ...), those words lowercased, joined by spaces; NULL when none.
 * Caller frees. */
char *linker_feed_declared_name(const char *feed_name);

/* Fills @opts with the defaults (nothing owned). */
void linker_options_init(LinkerOptions *opts);
/* Frees what @opts owns and leaves the defaults; @opts all zero is fine. */
void linker_options_clear(LinkerOptions *opts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(LinkerOptions, linker_options_clear)

typedef struct Linker Linker;

/* @opts is copied.  Caller frees with linker_free(). */
Linker *linker_new(const LinkerOptions *opts);
void linker_free(Linker *linker);

/* Adds an advisory, or replaces the one with the same source and id.  Takes a reference. */
void linker_add(Linker *linker, Advisory *adv);

/*
 * Reading ahead on other threads: a LinkerReader, made for one linker and then
 * used by one thread at a time, scans an advisory's texts (the bulk of adding
 * it) into a LinkerText without touching the linker; linker_add_read() then
 * adds the advisory as linker_add() would, from what was read.  The texts of
 * one reader must be added in the order they were read, every one of them.
 * Free a reader after the last of its texts was added.
 */
typedef struct LinkerReader LinkerReader;
typedef struct LinkerText LinkerText;

LinkerReader *linker_reader_new(Linker *linker);
void linker_reader_free(LinkerReader *reader);
/* What @reader read of @adv (borrowed; not changed); free with linker_text_free()
 * (NULL is a no-op) after linker_add_read(). */
LinkerText *linker_read(LinkerReader *reader, const Advisory *adv);
void linker_text_free(LinkerText *text);
/* linker_add() of @adv, with its texts as read into @text (borrowed; NULL: read now). */
void linker_add_read(Linker *linker, Advisory *adv, LinkerText *text);

/* People's decisions: always one incident / always alone.  Keys are "source/id". */
void linker_force_merge(Linker *linker, const char *key_a, const char *key_b);
void linker_force_split(Linker *linker, const char *key);

/*
 * Stable ids: @assignments maps advisory key → incident id as stored
 * (store_incident_assignments()).  An incident keeps its stored id as members
 * join; when two stored incidents merge the older id (the one whose earliest
 * member started first) wins and the other becomes an alias; when a stored
 * incident splits, the part holding its earliest member keeps the id and the
 * other part gets a new one.  Copied; a later call replaces the earlier.
 */
void linker_set_previous(Linker *linker, GHashTable *assignments);

/*
 * The current incidents, Incident *, owned by the array; deterministic order
 * (by start, then id).  Every advisory added is in exactly one incident: a member, or
 * a note (Incident.notes: a page's notice that it is not affected by, or only relays,
 * the event of the incident it is listed with; see linker_note_candidates()).
 * Incident.links holds the links that joined it (strongest first), each with
 * its score and reasons; by_hand links say "merged by hand".
 *
 * Ids: a stored id (linker_set_previous()) stays with the part of its
 * incident that holds its earliest member; with no stored id an incident is
 * "I-" + the first 10 hex digits of SHA-256("source/id") of its earliest
 * member (by start, then key), so `link` without a store is deterministic.
 * @now is accepted for the interface; open advisories are bounded by their
 * last post (see linker.c), not by the clock.
 */
GPtrArray *linker_incidents(Linker *linker, gint64 now);

/*
 * Stops linking early once *@stop is non-zero (set with g_atomic_int_set(), from
 * another thread or a signal's callback; NULL = never): linker_incidents() and
 * linker_incident_for() then return soon with an incomplete answer, which the
 * caller must discard.  The pointer is borrowed and must outlive those calls.
 * (The daemon links off its main thread and stops a relink at SIGTERM.)
 */
void linker_set_stop(Linker *linker, const gint *stop);

/*
 * The work linking did, summed over every linker_incidents() and
 * linker_incident_for() since linker_new(): a cost that does not depend on the
 * machine, so tests can bound it.
 */
typedef struct {
	guint64 pairs;   /* pairs of advisories compared (each against a bound on its text,
			  * or scored outright) */
	guint64 scored;  /* of those, scored in full (the bound reached the threshold) */
	guint64 capped;  /* advisories expanded with more candidates than the cap (each then
			  * compared with the ones it shares the most with) */
	guint64 crowded; /* terms an advisory did not search because too many advisories
			  * near it in time hold them */
} LinkerStats;

void linker_get_stats(Linker *linker, LinkerStats *ret_stats);

/* How many advisories the linker holds. */
guint linker_count(Linker *linker);

/*
 * The incident holding the advisory @key, or NULL if unknown: the same
 * incident linker_incidents() would list, at the cost of exploring only its
 * component (the incremental fast path).  Caller frees with incident_free().
 */
Incident *linker_incident_for(Linker *linker, const char *key, gint64 now);

/*
 * The evidence score between two held advisories (-1 when one says it is not
 * related to the other, 0 when either is unknown); when @ret_reasons is not
 * NULL, appends the reasons (char *, caller's array frees them).  For
 * `statuswatch explain`-style output and tests.
 */
double linker_score(Linker *linker, const char *key_a, const char *key_b,
		    GPtrArray *ret_reasons);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Linker, linker_free)

#endif
