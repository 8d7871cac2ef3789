/*
 * Internal to linker/: what the linker's files share (linker.c: lifecycle and
 * people's decisions; linker_index.c: terms, features and indexes;
 * linker_score.c: the evidence between two advisories; linker_later.c: a page's
 * later posts pointing back at its earlier items; linker_cluster.c:
 * candidates, components and clusters; linker_ids.c: incidents and their ids).
 * Nothing outside src/linker/ includes it.
 *
 * The linker: advisories in, incidents out, every link explained.
 *
 * Each advisory becomes a Doc: its effective time interval (an open advisory
 * counts as ongoing until OPEN_HORIZON after its last post, so a feed that
 * never closes an item cannot overlap next month), the sorted ids of its
 * terms (words and 2-/3-word phrases of title, text and every update, see
 * terms.c), the ids it names and how (related / maybe / not related), the
 * cloud regions it names, whether it blames an upstream provider, the word
 * its source goes by, and a title key.  Term document frequencies are kept as
 * advisories come and go, so the weight of a term (an IDF with a prior,
 * scaled to 0..4 whatever the number of advisories) reflects everything the
 * linker holds; it is then scaled by the term's lift in time (lift_factor()):
 * how much more often than chance the advisories holding it are near each
 * other, so that symptoms and boilerplate that recur around the clock ("elevated
 * latency for X requests") stop linking concurrent unrelated advisories while
 * cause words, which come in bursts, keep their weight.  The counts behind it
 * are exact functions of what is held (time buckets, see time_index()).
 *
 * Evidence between two advisories (score_pair(); all in "points", the
 * threshold defaults to 8):
 *   - text: IDF-weighted cosine of the term sets x TEXT_SCALE, phrases adding
 *     PHRASE_BONUS on top of their words (so a shared phrase counts more).
 *     Product words (the names of a service or feature both affect, a feed's
 *     own name) count as context, not text; sentences denying a relation give
 *     no terms; when both state a cause and neither says a phrase of the
 *     other's statement, the shared words are symptoms and count
 *     CAUSE_DISCORD_SCALE; when both blame upstream providers and not the same
 *     one (nor role), they count BLAME_APART_SCALE (nothing), and on one feed,
 *     when only one blames any, BLAME_DISCORD_SCALE (blame_discord());
 *   - references: "communicated under EX648815" (+W_REF); "investigating
 *     whether ... MO502273" (+W_REF_MAYBE); "wasn't related to MO502273" is a
 *     veto no amount of shared words overrides (only a person's merge does);
 *   - a false positive or withdrawn advisory is no incident: it links to nothing
 *     (only a person's merge joins it);
 *   - role blame: a downstream page blames its <role> provider ("our CDN",
 *     "our cloud telephony provider"), or names a provider in a sentence
 *     stating a cause, or names its network by AS number anywhere ("AS13335
 *     withdrew ..."), and that provider's own feed broke within ROLE_WINDOW,
 *     overlapping it, in no other region (+W_ROLE, W_ROLE_AMBIGUOUS when
 *     another provider of that role broke then too; providers, roles and a
 *     region gazetteer come from share/linker-knowledge.conf).  A provider's
 *     own page naming itself or its role is no blame (self reference).  Of
 *     the provider's items open then, the blame goes to the one whose name
 *     holds the product it names ("Cloudflare R2 ..."; name_fit()), else whose
 *     words fit it best (blame_fit()), then the one already under way (the
 *     provider's name then counts nothing for its other items, and the words
 *     the blamer shares with them count a quarter); an item
 *     saying it is separate from an ongoing incident (disclaims) is the
 *     target of no blame by role, name or region;
 *   - blames resolved (linker_blame_resolves()): a provider's own region names
 *     ("europe-west2", "UK South"), a provider named as the cause, depends_on
 *     say which provider a blame means; two blames meaning different providers
 *     share no region evidence, their shared words count BLAME_APART_SCALE,
 *     and no role blame lands on the other provider;
 *   - a shared cause blamed without a name (Doc.event: "caused by the expired
 *     root certificate"): another feed's own report of that event, in the same
 *     words, started up to 3 h before (+W_ROLE; cause_event_link());
 *   - one event a title names by a two-word phrase that came in a burst ("...
 *     after the leap second") or by a public AS number ("Large route leak by
 *     AS4788"), said by another feed's item overlapping it and
 *     started at most 3 h apart: +W_NAMED_EVENT on top of the text, never a
 *     link alone (not for symptom phrases, nor when the words were found to
 *     tell two things; named_event_link());
 *   - an unnamed third party ("one of our third-party service providers"):
 *     the one provider incident starting within GENERIC_LEAD that at least
 *     GENERIC_BLAMERS other feeds blame (+W_ROLE; generic_link());
 *   - the same upstream: one blames a provider in a region the other names,
 *     or names a known provider, or one names the other's feed ("Edgeflare")
 *     or both name a third feed while one blames a provider (+W_UPSTREAM);
 *     naming the other's feed without blame is +W_NAMES_SOURCE;
 *   - the same title on the same feed (one event posted as several items);
 *   - the same incident page on the same feed: items whose links (or ids)
 *     are one specific page once the fragment is dropped ("/incidents/610452
 *     #update-1844502") are updates of one incident; such a link joins
 *     outright and no cause rule refuses it (a page that is the feed's root, an
 *     overview, or the page of more than PAGE_ITEMS_MAX items counts nothing);
 *   - context: shared services, feature, region, overlap in time.  Context can
 *     never link alone: without CONTENT_MIN points of the above, no link.
 * Time is a gate, not a bonus: without overlap or a gap of at most max_gap
 * nothing links, except an explicit positive reference, which may bridge up
 * to REF_MAX_GAP.
 *
 * Incidents are the clusters of the link graph, built per connected component
 * by a guarded single linkage: links are taken strongest first; a strong link
 * (>= threshold + LINKER_STRONG_MARGIN: W_ROLE + W_OVERLAP is one, W_RELAY +
 * W_OVERLAP not) joins two clusters outright, a weaker one only
 * when at least WEAK_SHARE of all member pairs across the two clusters link
 * (average-linkage style), or, for small clusters, VOICES_SHARE of the pairs
 * of their feeds (one feed's posts speak as one voice: voices_share()), so a
 * chain of weak links cannot glue a busy day together (a strong link between
 * two posts of one feed whose posts go on from one cluster to the other,
 * feed_goes_on(), needs no share: the feed adds no voice).  Outright only when the
 * strong link is anchored (a reference, an
 * upstream blame, the same title on one feed), has one end naming the other's
 * feed (Evidence.names_source), or joins two single advisories:
 * a link of shared words alone brings a newcomer into a grown incident only
 * through that share, so it must fit the incident, not one member's words
 * (A blames a provider, B is the provider, C shares only A's product and
 * symptom words: C stays out).  Two clusters about different providers
 * (disjoint linker_blame_resolves()) never join through a link with a
 * customer's end (providers_apart()), unless one names the other's id or
 * claims its cause (Evidence.claim) or both are items of one suite's feed (two
 * Graph issues of one tenant are one publisher's, Doc.suite_feed).  Vetoes and
 * people's splits are never crossed; people's merges always hold.  Incident.links are the links that joined the incident (a
 * spanning tree, strongest first), not every link above the threshold.
 *
 * Scale: candidates come from an inverted index (term → advisories, sorted by
 * start) scanned only inside the time window and only for informative terms,
 * plus id, mention and source-name indexes.  A candidate in the window is
 * first scored against an upper bound on its text (the squared weights of
 * the terms through which the scan found it, plus the lighter side's terms
 * too common to scan): in a window where every advisory shares some rare
 * phrase with every other (one tiny vocabulary), few pairs get past it, and
 * only those have their term lists compared.  The bound is exact, never an
 * estimate, so it changes no link.  A flood of look-alikes is bounded apart
 * (CROWD_MAX, CANDIDATES_MAX): terms too crowded near an advisory find no
 * candidates, and an advisory with more than CANDIDATES_MAX candidates compares
 * only those it shares the most with, by a rule both ends of a pair agree on;
 * neither bites on real data (at most 33 candidates in the year-long bench).
 * Adding is O(terms);
 * linker_incident_for() explores one component; the same exploration over
 * every component gives linker_incidents(), so incremental and batch answers
 * are the same function of the same final state, and no grouping depends on
 * the order advisories arrived in.  (Reasons quote the smallest spelling of a
 * term ever seen, which can include a replaced version's text.)
 *
 * Pure: no I/O, no clock, no logging.
 */
#ifndef SW_LINKER_LINKER_PRIVATE_H
#define SW_LINKER_LINKER_PRIVATE_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

#include "linker/linker.h"
#include "linker/terms.h"
#include "util/error.h"
#include "util/mem.h"

#define LINKER_DEFAULT_MAX_GAP (2 * 3600)
/* An open advisory counts as ongoing until this long after its last sign of
 * life: a feed that forgot to close an item must not overlap next month. */
#define OPEN_HORIZON (24 * 3600)
/* An explicit, positive id reference may bridge this much time. */
#define REF_MAX_GAP (7 * 24 * 3600)
/* Weak links join two clusters when this share of all cross pairs link. */
#define WEAK_SHARE 0.33
/* ...and this share when one cluster blames (or is) an upstream provider and the
 * other neither blames nor is that provider or its role (see ClusterCause): a
 * newcomer must fit the incident's cause, not one member's words. */
#define MISFIT_SHARE 0.5
/* ...or this share of the feeds' pairs, for clusters this small (voices_share();
 * a newcomer that fits: one in four reporters is as telling as a third of posts). */
#define VOICES_SHARE 0.25
#define VOICES_MAX 48
/* A feed's post goes on from its closed ones this long after (feed_goes_on()). */
#define VOICES_GOES_ON (6 * 3600)
/* Pseudo-documents in the IDF: a term seen in 2 of 11 advisories is not yet
 * proof of rarity.  Keeps small sets from over-weighting chance overlaps. */
#define IDF_PRIOR 30.0
/* Highest weight of one word; phrases add PHRASE_BONUS x their weight. */
#define TERM_WEIGHT_MAX 4.0
#define PHRASE_BONUS 0.6
/* Points for identical texts; the cosine scales it. */
#define TEXT_SCALE 40.0
/* About the weight of five informative words (see shared_terms()). */
#ifndef TEXT_MIN_MASS
#define TEXT_MIN_MASS 50.0
#endif
/* Evidence weights, in the same points as the threshold. */
#define W_REF 8.0      /* "communicated under EX648815" */
#define W_REF_MAYBE 1.0 /* "investigating whether this is connected to ..." */
#define W_UPSTREAM 5.0 /* blames an upstream provider where the other reports trouble */
/* A downstream advisory blames its <role> provider, or names a provider as
 * the cause, and that provider's own feed broke within ROLE_WINDOW: with the
 * overlap in time (W_OVERLAP) it is a strong link (LINKER_STRONG_MARGIN): such a
 * blame ties the newcomer to the provider, not to one other member. */
#define W_ROLE 9.0
/* The same when another provider of that role also broke then ("our cloud
 * provider" during an AWS and an Azure incident): a hint, never a link alone. */
#define W_ROLE_AMBIGUOUS 3.0
/* One feed's title names an event by a phrase that came in a burst, and another
 * feed's text, overlapping it, says the phrase too ("... after the leap second";
 * see named_event_link()): more than the phrase's low IDF weight says (it is low
 * because every page telling the event says it), never a link alone. */
#define W_NAMED_EVENT 3.0
/* A downstream advisory only relays the named provider's state, stating no cause
 * ("Slack has confirmed an incident affecting message delivery", "once Twilio
 * recovers"; TERMS_SENTENCE_RELAY): weaker than a statement of cause.  With the
 * overlap in time (W_OVERLAP) it reaches the threshold, so it joins two lone items
 * (a page telling its readers of a provider's outage that hour is a person's
 * link), but it is a strong link (LINKER_STRONG_MARGIN), joining grown incidents
 * outright, only with some words the two share besides. */
#define W_RELAY 8.5
/* Both advisories state a cause and neither says a phrase of the other's: the
 * words they share are symptoms and products, and count this much. */
#define CAUSE_DISCORD_SCALE 0.4
/* One feed's two advisories of which one blames an upstream provider and the other
 * another one, or none (see blame_discord()): each has said what broke, and it is
 * not the same; the product and notification words they share count this much. */
#define BLAME_DISCORD_SCALE 0.25
/* Two advisories whose blames each say what broke, and mean different things (two
 * providers, a role the named provider does not play, one role in two countries;
 * see blame_discord()): what else they share is symptoms and products, and counts
 * nothing ("SMS from our provider arrive late" and "payments are delayed because of
 * an outage at Stripe" share "delay"). */
#define BLAME_APART_SCALE 0.0
#define ROLE_WINDOW (60 * 60)
/* How long into a feed's incident a page blaming that feed by name still joins it. */
#define NAMED_BLAME_LATE (3 * 60 * 60)
/* A downstream advisory that states no cause at all, but names a provider (or its
 * product: "Delayed data from AWS Lambda integrations", "Can't log in with Slack")
 * in its title or in a sentence saying something fails, starting at most
 * ROLE_WINDOW after that provider's own incident (or MENTION_LAG before it), or
 * later while that incident is under way and the provider's only one then: the
 * downstream's integration with that product broke because the product did (see
 * mention_link() in linker_score.c).  As weak as a relayed state (W_RELAY): with the
 * overlap (W_OVERLAP) it reaches the threshold, never a strong link alone. */
#define W_MENTION 8.5
#define MENTION_LAG (15 * 60)
/* A downstream advisory that states no cause and names no provider, from a source
 * whose depends_on lists a provider whose own incident started at most GENERIC_LEAD
 * before it (or GENERIC_LAG after): the user says the vendor, the time says the
 * event ("Players unable to connect" minutes into its cloud's outage). */
#define W_DEPENDS_QUIET 8.5
/* A downstream advisory that states no cause, names no provider and has no
 * depends_on, but broke and recovered with one provider's own major incident:
 * it began at most GENERIC_LEAD after that incident (or GENERIC_LAG before), and
 * ended in its second half or at most COTIME_END_LAG after it ended (both closed),
 * what it reports fits the provider's roles (or names no role's trouble), and no
 * other provider's incident was so (see cotime_link() in linker_score.c).  As weak
 * as a relayed state: with the overlap it reaches the threshold, never
 * a strong link alone. */
#define W_COTIME 8.5
#define COTIME_END_LAG (45 * 60)
/* Bounded work: when the time buckets such a page's or incident's window falls in
 * hold more advisories than this, the rule neither finds candidates nor links
 * (each pair scans them for rivals; a flood of items in one hour would make that
 * quadratic). */
#define COTIME_CROWD_MAX 512
/* A blame of an unnamed third party (Doc.generic_blame) links to a provider's
 * incident that started at most GENERIC_LEAD before it (or GENERIC_LAG after it)
 * and that at least GENERIC_BLAMERS other feeds blame by name, role or depends_on,
 * when it is the only such incident then: the big outage of that quarter hour.
 * A quarter hour: customers of a large outage post within minutes of it, and a
 * wider window meets unrelated provider items of the same hours. */
#define GENERIC_LEAD (20 * 60)
#define GENERIC_LAG (5 * 60)
#define GENERIC_BLAMERS 2
/* Text points below which two texts' shared words say nothing of which of a
 * provider's incidents a blame means (see blame_fit()): about one informative
 * word in common. */
#define FIT_MIN 1.0
/* The same from a source whose depends_on lists the provider: the user knows
 * the vendor, so any upstream blame counts, a little firmer. */
#define W_DEPENDS 10.0
#define W_NAMES_SOURCE 3.0 /* names the other's feed ("Edgeflare"), not as the culprit */
#define W_TITLE 4.0    /* same feed, same title (one event posted as several items) */
/* Same feed, same incident page: the items are updates of one incident
 * ("https://status.example.io/incidents/610452#update-1844502" beside
 * "...#update-1844509").  Enough for a strong link at the default threshold. */
#define W_PAGE 10.0
/* A page more items of one feed link to is no incident's page (a feed whose
 * every item links to one overview page the root guard of
 * linker_incident_page() does not recognise). */
#define PAGE_ITEMS_MAX 24
/* One published vulnerability (a CVE id) named by two advisories: the same cause,
 * however different their products (W_REF).  At most this many advisories of one id
 * are its candidates. */
#define CVE_ITEMS_MAX 256
/* A security event's subject named in two titles of security events
 * (linker_security_subjects(): "MOVEit Transfer Critical Vulnerability", "Active
 * exploitation of MOVEit Transfer zero-day") is one event, as one CVE id is (W_REF),
 * up to SECURITY_MAX_GAP apart (such an event is told for weeks), when at most
 * SECURITY_ITEMS_MAX advisories name it (a name in every other title names no one
 * event); at most SECURITY_SUBJECTS_MAX names a title. */
#define SECURITY_MAX_GAP (14 * 24 * 3600)
#define SECURITY_ITEMS_MAX 64
#define SECURITY_SUBJECTS_MAX 6
/* A vulnerability is told by its CVE id on some pages and by its name on others
 * ("POODLE", "SSLv3"): an advisory with a CVE id and one with none join when a
 * sentence of each that names a vulnerability names one such word
 * (linker_security_vuln_names()), up to REF_MAX_GAP apart, when at most
 * VULN_NAME_ITEMS_MAX advisories give it; at most VULN_NAMES_MAX words an advisory. */
#define VULN_NAMES_MAX 4
#define VULN_NAME_ITEMS_MAX 32
/* The texts naming a subject's word are looked at (its posting) up to this many;
 * and the victims naming none (third_party_security()) only while the titles
 * telling of security events number at most SECURITY_TITLES_MAX: each pair walks
 * them. */
#define SECURITY_WORD_DOCS_MAX 256
#define SECURITY_TITLES_MAX 512
#define W_SERVICE 1.0  /* per shared service, at most two */
/* A shared feature ("Outlook on the web") is a product, not a cause: half a
 * service's weight, since two advisories of one feature share its words too. */
#define W_FEATURE 0.5
#define W_REGION 0.5
/* Both advisories carry a region of their own (a provider's structured field, not
 * text) and the regions differ: one provider's trouble in two regions is, far more
 * often than not, two events posted from one template.  Shared words then prove
 * nothing; only one naming the other or an upstream cause ties them. */
#define REGION_CONFLICT_SCALE 0.0
#define W_OVERLAP 1.0  /* intervals overlap; a gap earns up to half of it */
/* Without this much content evidence nothing links, whatever the context. */
#define CONTENT_MIN 3.0
/* Terms in more than this share of advisories (and more than CAND_DF_MIN)
 * find no candidates; they still count when a pair is scored. */
#define CAND_DF_SHARE 0.02
#define CAND_DF_MIN 200
/* Bounded work (issue 16): a term held by more than CROWD_MAX advisories that
 * started within a bucket of an advisory (its bucket and the two beside it,
 * max_gap wide; see crowded()) finds no candidates for it, nor it for them.
 * Never bites below CAND_DF_MIN / CAND_DF_SHARE = 10,000 advisories held:
 * such a term's document frequency is over CAND_DF_MIN, which the global rule
 * above already excludes there.  (It still counts when a pair is scored.) */
#define CROWD_MAX CAND_DF_MIN
/* An advisory with more candidates found through terms than this is compared
 * only with the CANDIDATES_MAX it shares the most weight with (then the nearest
 * in time, then by key), and a pair is compared only when each end keeps the
 * other (see cand_keep()): a flood of look-alike advisories costs each of them
 * CANDIDATES_MAX comparisons, not one per advisory in its window.  Real data
 * (the corpus, the year-long bench) gives at most 33. */
#ifndef CANDIDATES_MAX
#define CANDIDATES_MAX 128
#endif
/* Time lift (see lift_factor()): a term counts fully when advisories holding
 * it are near each other in time at least LIFT_FULL times as often as chance
 * predicts, not at all at chance level.  Near = start times in the same or
 * adjacent max_gap-wide buckets.  LIFT_PRIOR_PAIRS pseudo near pairs at full
 * lift, and LIFT_PRIOR_DOCS pseudo advisories far apart in time, keep a small
 * or young history (a one-day scenario) from judging any term by chance. */
#define LIFT_FULL 1.2
#define LIFT_PRIOR_PAIRS 4.0
#define LIFT_PRIOR_DOCS 1000.0
/* linker_explore() asks for the data of the candidate this many ahead. */
#define PREFETCH_AHEAD 4
/* Two advisories of one feed without services or feature (plain RSS): a term
 * in this share of the feed's OTHER such advisories is its template or
 * product vocabulary and weighs nothing between them (linearly less below),
 * once the feed has VOCAB_MIN_DOCS of them. */
#define VOCAB_SHARE 0.5
#define VOCAB_MIN_DOCS 4
/* ... unless they started within this of each other: one wave of posts from
 * one template is one event more often than not. */
#define VOCAB_WAVE (15 * 60)
/* Reasons list at most this many shared terms. */
#define REASON_TERMS 4

/* Knowledge (linker_knowledge.c, share/linker-knowledge.conf). */
/* Providers a knowledge holds at most, built-in and [linker] knowledge
 * together: bits of a ProvMask.  The shipped file holds about 60; 256 leaves a
 * user room for some 200 of their own vendors while a ProvMask stays four
 * words, and the arrays sized by it (Linker.prov_docs, Depends.regions,
 * Knowledge.kin) stay a few kilobytes.  More is a load error (SW_ERROR_LIMIT,
 * naming the file and this number): see linker_knowledge_load(). */
#define KNOWLEDGE_MAX 256
#define KNOWLEDGE_MAX_ROLES 32   /* roles: bits of a guint32 */
#define KNOWLEDGE_MAX_REGIONS 64 /* bits of a guint64 */
#define KNOWLEDGE_MAX_COUNTRIES 64 /* bits of a guint64 */

/* Substrings a service of a suite is found by (Knowledge.service_needles). */
#define SERVICE_NEEDLES_MAX 16

/* Hyphened words of the roles' joined phrases kept in Knowledge.joined_words (the
 * shipped file has one, "sign-on"), and their greatest length with its NUL: a
 * knowledge with more or longer ones reads the phrases as written instead
 * (Knowledge.joined_all false). */
#define KNOWLEDGE_JOINED_WORDS 16
#define KNOWLEDGE_JOINED_WORD_LEN 32

/* Lengths of Knowledge.service_name_words indexed (longer ones are looked for
 * from the last). */
#define SERVICE_WORD_LEN_INDEX 32

/* How many words say a page cannot be reached (Linker.reach_terms). */
#define LINKER_REACH_TERMS 3
/* Linker.sec_wake_terms, sec_third_terms */
#define LINKER_SEC_WAKE_TERMS 10
#define LINKER_SEC_THIRD_TERMS 11

/* A word of a name of a provider with services (Knowledge.service_name_words):
 * where it stands in the name, so a text's word equal to it places the whole
 * name in one compare. */
typedef struct {
	const char *name; /* the name, lower case (borrowed from the provider) */
	guint32 total;    /* strlen(name) */
	guint32 off;      /* the word's byte offset in the name */
	guint32 len;      /* the word's length */
	guint16 provider; /* index in Knowledge.providers */
	bool is_short;    /* a short name (KnowledgeProvider.short_names) */
} KnowledgeServiceWord;

/* Sorts and dedups the ids @v in place; returns the new length (linker_index.c). */
guint linker_sort_unique_u32(guint32 *v, guint n);

/* qsort()/bsearch()/g_array_sort() order of two guint32. */
static inline int
linker_cmp_u32(const void *pa, const void *pb)
{
	guint32 a = *(const guint32 *)pa, b = *(const guint32 *)pb;
	return a < b ? -1 : a > b;
}

/* A set of providers: bit i for Knowledge.providers index i (i < KNOWLEDGE_MAX).
 * A struct, so that a plain & or | on it does not compile: use the helpers
 * below, which take and return it by value (four words, inlined: no call and
 * no memory traffic beyond what a guint64 had). */
#define PROV_WORDS (KNOWLEDGE_MAX / 64)
typedef struct {
	guint64 w[PROV_WORDS];
} ProvMask;
G_STATIC_ASSERT(KNOWLEDGE_MAX % 64 == 0);

/* The empty set. */
#define PROV_NONE ((ProvMask){{0}})

/* The set of provider @i alone. */
static inline ProvMask
prov_bit(guint i)
{
	ProvMask m = PROV_NONE;
	m.w[i / 64] = (guint64)1 << (i % 64);
	return m;
}

/* Every provider (KNOWLEDGE_MAX of them). */
static inline ProvMask
prov_all(void)
{
	ProvMask m;
	for (guint k = 0; k < PROV_WORDS; k++) {
		m.w[k] = ~(guint64)0;
	}
	return m;
}

/* Adds provider @i to @m. */
static inline void
prov_set(ProvMask *m, guint i)
{
	m->w[i / 64] |= (guint64)1 << (i % 64);
}

/* Whether provider @i is in @m. */
static inline bool
prov_has(ProvMask m, guint i)
{
	return (m.w[i / 64] >> (i % 64)) & 1;
}

static inline ProvMask
prov_and(ProvMask a, ProvMask b)
{
	for (guint k = 0; k < PROV_WORDS; k++) {
		a.w[k] &= b.w[k];
	}
	return a;
}

static inline ProvMask
prov_or(ProvMask a, ProvMask b)
{
	for (guint k = 0; k < PROV_WORDS; k++) {
		a.w[k] |= b.w[k];
	}
	return a;
}

/* @a without the providers of @b. */
static inline ProvMask
prov_andnot(ProvMask a, ProvMask b)
{
	for (guint k = 0; k < PROV_WORDS; k++) {
		a.w[k] &= ~b.w[k];
	}
	return a;
}

/* Whether @m holds a provider. */
static inline bool
prov_any(ProvMask m)
{
	guint64 x = 0;
	for (guint k = 0; k < PROV_WORDS; k++) {
		x |= m.w[k];
	}
	return x != 0;
}

/* Whether @a and @b share a provider (prov_any(prov_and(a, b))). */
static inline bool
prov_meets(ProvMask a, ProvMask b)
{
	return prov_any(prov_and(a, b));
}

static inline bool
prov_equal(ProvMask a, ProvMask b)
{
	guint64 x = 0;
	for (guint k = 0; k < PROV_WORDS; k++) {
		x |= a.w[k] ^ b.w[k];
	}
	return x == 0;
}

/* The lowest provider index at or past @i in @m, KNOWLEDGE_MAX when none: the
 * providers of @m in order, without testing every index, are
 * for (guint p = prov_next(m, 0); p < n; p = prov_next(m, p + 1)). */
static inline guint
prov_next(ProvMask m, guint i)
{
	for (guint k = i / 64; k < PROV_WORDS; k++) {
		guint64 w = k == i / 64 ? m.w[k] & (~(guint64)0 << (i % 64)) : m.w[k];
		if (w != 0) {
			return k * 64 + (guint)__builtin_ctzll(w);
		}
	}
	return KNOWLEDGE_MAX;
}

/* The lowest provider index in @m (not empty). */
static inline guint
prov_first(ProvMask m)
{
	for (guint k = 0; k + 1 < PROV_WORDS; k++) {
		if (m.w[k] != 0) {
			return k * 64 + (guint)__builtin_ctzll(m.w[k]);
		}
	}
	return (PROV_WORDS - 1) * 64 + (guint)__builtin_ctzll(m.w[PROV_WORDS - 1]);
}

typedef struct {
	char *name;        /* "fastly", first: see put_named() */
	char *display;     /* how reasons name it ("Fastly"), as written; NULL: names[0] */
	char **names;      /* how texts name it, lower case */
	char **aliases;    /* source names of its own feed */
	char **hosts;      /* status-page hosts of its own feed */
	char **role_names; /* roles it plays */
	char **asns;       /* AS numbers of its network, decimal digits ("13335") */
	/* A service of a suite ("microsoft teams"): its own items are those of its
	 * hosts whose service field is one of these (a Graph issue's "service"),
	 * not every item of the feed; empty for a provider with a feed of its own. */
	char **services;
	/* Words that name it only in a text that also names it by one of its names
	 * ("teams" after "Microsoft Teams"); read only by linker_service_blame(). */
	char **short_names;
	/* A suite (Microsoft 365): the NAMEs of the services it holds (Knowledge.parts).
	 * A blame of the suite or its company ("an outage at Microsoft") may mean an
	 * item of any of them, and the suite's own items (a "Microsoft 365 suite"
	 * issue) are upstream of the services they name. */
	char **parts;
	/* A service of a suite: words of a downstream text that point at it when the
	 * text blames the suite or its company ("email", "calendar": Exchange Online;
	 * "meetings": Microsoft Teams); see linker_service_blame(). */
	char **products;
	/* Words saying a text speaks of the consumer service of the same brand
	 * ("outlook.com", "hotmail", "personal account"): in a text holding one, only
	 * the provider's first name blames it ("Outlook sign-in is failing for
	 * personal accounts" blames no Exchange Online). */
	char **consumer;
	/* The countries it serves ([country:NAME] groups; their bits in
	 * Knowledge.prov_countries): a carrier of a national role is no upstream of a
	 * page blaming that role in another country. */
	char **countries;
} KnowledgeProvider;

typedef struct {
	char *name;        /* role name or region code, first */
	char **items;      /* phrases or place names, lower case */
	/* A region: the providers whose own name for one of their regions this is
	 * ("uk south" is Azure's and Oracle Cloud's naming, not AWS's nor Google
	 * Cloud's), NULL-terminated, or NULL (a city: anyone's); their bits, set by
	 * linker_knowledge_load(). */
	char **owners;
	ProvMask owner_mask;
	/* A role whose providers each serve one country (carriers, ISPs: [role:NAME]
	 * national = true): where a blame of it is says which one (countries_apart()). */
	bool national;
	/* A role most of whose providers no knowledge lists (carriers, ISPs, transit
	 * networks: [role:NAME] unlisted = true): a blame of it may mean a watched feed
	 * the knowledge does not know (role_feed_link()). */
	bool unlisted;
	/* A role: its phrases holding a hyphened word the scanner cuts at a stop word
	 * ("single sign-on provider" would be the term "single sign"), lower case,
	 * NULL-terminated: not among @items (no term stands for them), matched as
	 * written by linker_cause_objects() in a sentence stating a cause or blame. */
	char **joined;
	/* A role: words of a provider's own item that show the item is about a
	 * service of that role ("dns", "email"), lower case, NULL-terminated, or
	 * empty.  A provider playing several roles plays such a role, other than
	 * its first, only in items saying one of them ([role:NAME] words; see
	 * Linker.role_words). */
	char **words;
	/* A role: words that name a vendor of the role with no noun after them, as
	 * the object of a statement of cause or blame after "our" ("an issue with
	 * our hosting"), lower case, NULL-terminated, or empty ([role:NAME] bare;
	 * matched by linker_cause_objects()). */
	char **bare;
} KnowledgeList;

typedef struct {
	GPtrArray *providers; /* KnowledgeProvider *, owned */
	GPtrArray *roles;     /* KnowledgeList *, owned */
	GPtrArray *regions;   /* KnowledgeList *, owned */
	/* Countries ("an internet service provider in Canada"), KnowledgeList *, owned:
	 * no regions (a country would meet every cloud region in it, which an ISP's
	 * outage has nothing to do with), but where a blame of a role is: the same role
	 * blamed in two countries is two upstreams (see blame_countries()). */
	GPtrArray *countries;
	guint32 national_roles; /* bit per role with KnowledgeList.national */
	guint32 unlisted_roles; /* bit per role with KnowledgeList.unlisted */
	/* The hyphened words of every role's joined phrases (KnowledgeList.joined:
	 * "sign-on" of "single sign-on provider"), lower case, each once, from space
	 * to space as written there; @joined_nwords of them, each of @joined_len
	 * bytes.  A text's hyphened word is compared with these alone before its
	 * sentence is read for the phrases (text_joined_roles() in linker_service.c
	 * walked every role's phrases for each "sign-in" of the bench's texts).
	 * @joined_all false: more or longer ones than fit, the phrases are walked. */
	char joined_words[KNOWLEDGE_JOINED_WORDS][KNOWLEDGE_JOINED_WORD_LEN];
	guint8 joined_len[KNOWLEDGE_JOINED_WORDS];
	guint8 joined_nwords;
	bool joined_all;
	/* Per provider: the providers sharing a name with it ("google" names Google
	 * Cloud and Google Workspace), itself included; set by linker_knowledge_load(). */
	ProvMask kin[KNOWLEDGE_MAX];
	/* The providers with services (KnowledgeProvider.services): identified by an
	 * item's service field, blamed only by linker_service_blame(). */
	ProvMask by_service;
	/* Of them, those with short_names. */
	ProvMask with_short;
	/* Substrings one of which a text naming such a provider holds (see
	 * linker_service_blame(): its @needles has bit i for service_needles[i] to
 * search for), NULL-terminated, owned; at most SERVICE_NEEDLES_MAX
	 * (a provider past them is not blamed by name: see linker_knowledge_load()). */
	char **service_needles;
	/* The same as whole words, lower case ("teams", "exchange"): a text naming
	 * such a provider holds one (see service_maybe() in linker_index.c);
	 * service_words[i] + 1 is service_needles[i]. */
	char **service_words;
	/* Per needle, the providers with a name or short name holding its word. */
	ProvMask needle_provs[SERVICE_NEEDLES_MAX];
	/* Every word (split at single spaces, as written) of every name and short name
	 * of the providers with services (KnowledgeServiceWord): linker_service.c
	 * compares a needle's match only with the names holding its word, looked up
	 * here instead of splitting each name again at every match.  Owned. */
	GArray *service_name_words;
	/* Sorted by length: the first of them of length i (i < SERVICE_WORD_LEN_INDEX),
	 * or of length SERVICE_WORD_LEN_INDEX or more. */
	guint service_word_at[SERVICE_WORD_LEN_INDEX + 1];
	/* The suites (providers with parts), and per suite the providers it holds
	 * (KnowledgeProvider.parts). */
	ProvMask suites;
	/* Providers with a site: a [region:CODE] whose providers are that one alone
	 * ("fsn1": Hetzner), see linker_site_link(). */
	ProvMask site_owners;
	ProvMask parts[KNOWLEDGE_MAX];
	/* Per provider: the countries it serves (KnowledgeProvider.countries), bit per
	 * Knowledge.countries index; 0: not said. */
	guint64 prov_countries[KNOWLEDGE_MAX];
} Knowledge;

extern const char linker_knowledge_builtin[];

/* What linker_new() makes of a knowledge before any advisory: the terms of its
 * names, role phrases and places, in id order, and what each means (see
 * know_terms() in linker.c).  Built once per LinkerKnowledge, copied per Linker. */
typedef struct KnowProto KnowProto;

struct LinkerKnowledge {
	gint ref;         /* atomic */
	Knowledge k;      /* read-only once made: Linkers share its arrays */
	KnowProto *proto; /* owned */
};

KnowProto *linker_know_proto_new(const Knowledge *k);
void linker_know_proto_free(KnowProto *p);

/* A source's depends_on: providers, and per provider the region areas it is
 * used in (none: any region). */
typedef struct {
	ProvMask providers;
	GPtrArray *regions[KNOWLEDGE_MAX]; /* char * areas, owned, or NULL */
} Depends;


typedef struct {
	char *id_lower; /* owned */
	guint32 hash;   /* g_str_hash() of id_lower: most tests fail on it */
	TermsRefPolarity polarity;
} Ref;

/* One advisory as the linker holds it.  Allocated on a cache line, with
 * what ordering a pair and scoring it against its bound read first (a dense
 * window scores millions of pairs so; each cache line of a Doc was a miss).
 * Copies of what scoring reads of the advisory, so that such a pair reads
 * no Advisory: si, svc, feature, source_null, own_region. */
typedef struct {
	guint64 key_head[2];/* its key's first 16 bytes, big-endian: orders most pairs without a strcmp */
	gint64 s, e;     /* effective interval; s == SW_TIME_NONE: no usable time */
	GArray *refs;    /* Ref, owned strings */
	GPtrArray *regions;   /* char *, owned: regions named in text or fields */
	const struct SourceInfo *si; /* its source's: equal for equal sources but NULL vs "" */
	guint32 title_term;   /* term id of "@title:" source, title key; G_MAXUINT32 if none */
	bool upstream;        /* blames an upstream provider */
	bool source_null;     /* advisory's source is NULL */
	bool own_region;      /* advisory's region is not NULL */
	/* 64 bytes */
	guint32 index;   /* in Linker.docs */
	guint32 source_term;  /* term id of the source's name word, G_MAXUINT32 if none */
	ProvMask providers;   /* providers named anywhere */
	ProvMask self_provider;/* providers in its own source name / URL */
	guint64 svc_mask;     /* bit (id % 64) of each service id: no bit in common, no service */
	guint32 feature;      /* an id of its feature, as for services; G_MAXUINT32 if none */
	guint32 nsvc;
	guint32 *svc;         /* per service of the advisory, in its order: an id equal
			       * for names equal but for ASCII case; after the terms,
			       * in their allocation */
	guint32 *terms;  /* sorted unique term ids, owned (in Linker.arena when terms_kept) */
	guint nterms;
	guint32 id_hash; /* g_str_hash(id_lower) */
	Advisory *adv;   /* one reference */
	char *key;       /* "source/id", owned */
	char *id_lower;  /* owned */
	guint32 blamed_roles; /* roles it blames ("our CDN"), its own provider's roles excepted */
	guint32 self_roles;   /* roles of the providers whose own feed it is */
	/* of Knowledge.unlisted_roles (carriers, transit networks), those it blames,
	 * its own provider's roles included ("one of our transit providers" on a
	 * CDN's page): see linker_carrier_link() */
	guint32 carrier_roles;
	ProvMask cause_providers; /* providers named in a sentence stating a cause, not itself */
	ProvMask relayed;     /* of cause_providers, those named only as the subject of a state
			       * relayed with no cause (TERMS_SENTENCE_RELAY): weaker blames */
	const Depends *depends;  /* its source's depends_on, or NULL (borrowed from Linker) */
	guint32 *product;     /* term ids of its services' and feature's names, owned */
	guint nproduct;
	guint8 fine_only;     /* LinkerPageFine: not_incident because it says the page as a
			       * whole is fine or only informs, relaying another's state */
	bool not_incident;    /* closed as a false positive, withdrawn, its title says it
			       * is not affected (linker_title_unaffected()), or it says the
			       * page is fine and blames nothing (linker_denied_firm()) */
	/* A not_incident that is a page's notice about another's event (its title says it
	 * is not affected, or it says the page is fine and only relays another's
	 * trouble), not a false positive or a withdrawal: it never links, but once
	 * the incidents are known it is listed with the one it is about as a note
	 * (linker_note_target()). */
	bool note;
	ProvMask networks;    /* providers whose network it names by AS number ("AS13335"),
			       * not itself; also in cause_providers */
	bool writeup;         /* its title calls it a report after the fact ("Incident report:
			       * ...", "Post-incident review", "RCA: ..."; linker_title_writeup()) */
	/* Its title's kind of pointing back at an earlier item of its own
	 * (LaterCue, linker_title_later()), and for LATER_CUE_TIME the interval in
	 * which the event its title dates ("last night", "on Monday", "the December
	 * 24 outage") began. */
	guint8 later_cue;
	guint8 later_dated;   /* LATER_DATED_*: its title (or a write-up's text where it
			       * begins) dates the event by a calendar date and retells
			       * it, and its text lists no other days; or a write-up's
			       * or statement's title dates it by a day word
			       * (linker_title_later()): a write-up, see linker_later_own() */
	gint64 later_from, later_to;
	bool disclaims;       /* it says it is separate from an ongoing incident
			       * (TERMS_SENTENCE_DISCLAIMS): no blame lands on it */
	bool own_cause;       /* states a cause of its own system ("our X failed over"):
			       * linker_own_cause() */
	bool own_fault;       /* says it was hit by its own doing ("affected by a bug in
			       * our latest release"): linker_own_fault() */
	bool shares;          /* says it shares the cause of an ongoing incident
			       * (TERMS_SENTENCE_SHARES): see share_link() */
	guint32 *cause;       /* sorted phrase term ids (2-3 words) of sentences stating a cause, owned */
	guint ncause;
	/* sorted single-word term ids of sentences stating a cause or blaming
	 * something ("Datadog is having a major outage"), owned: a watched feed's
	 * name word among them blames that feed's provider (see source_blame()) */
	guint32 *blame_words;
	guint nblame_words;
	/* sorted single-word term ids of sentences saying it shares an ongoing
	 * incident's cause ("the same storage connection problem"), owned */
	guint32 *share_words;
	guint nshare_words;
	/* sorted term ids of its title and of its services' and feature's names:
	 * what the item calls its incident (name_fit()), owned */
	guint32 *names;
	guint nnames;
	/* sorted term ids of the word right after a provider's name in a sentence
	 * blaming it, the product blamed ("Cloudflare R2 is having an outage":
	 * "r2"), owned */
	guint32 *blame_products;
	guint nblame_products;
	/* term id of "@page:" source, incident page (linker_incident_page()): one
	 * of the updates a feed posts as items of one incident; G_MAXUINT32 if none */
	guint32 page_term;
	/* term id of "@cve:" id when its title or text's start names one vulnerability
	 * (linker_cve_of()), else G_MAXUINT32 */
	guint32 cve_term;
	/* term ids of "@sec:" word, the names its title gives a security event's
	 * subject (linker_security_subjects()); nsec of them */
	guint32 sec_terms[SECURITY_SUBJECTS_MAX];
	guint8 nsec;
	guint8 sec_named; /* bit i: sec_terms[i] is written as a name in the title */
	guint8 sec_lead;  /* bit i: ...or is its first word, capitalized (a name or not) */
	/* term ids of those of sec_terms written as names or leading the title
	 * (sec_named, sec_lead), as plain words (what another's text holds when it
	 * names the subject), not its feed's own name; G_MAXUINT32 for the rest */
	guint32 sec_words[SECURITY_SUBJECTS_MAX];
	bool sec_cue;     /* its title tells of a security event, names or not */
	/* term ids of "@vuln:" word, the names its sentences naming a vulnerability
	 * give it (linker_security_vuln_names()); nvuln of them */
	guint32 vuln_terms[VULN_NAMES_MAX];
	guint8 nvuln;
	gint64 last;          /* its last post (start when none), SW_TIME_NONE with no time */
	/* Providers whose own name for a region its text uses (Google Cloud's
	 * "europe-west2", AWS's "ap-southeast-2", Azure's "UK South"; a city names
	 * no one): which provider its blame "in that region" can mean (see
	 * linker_blame_resolves()). */
	ProvMask region_provs;
	/* It blames an upstream provider it neither names nor gives a role, region or
	 * depends_on for ("One of our third-party service providers is experiencing an
	 * outage"): see generic_link() in linker_score.c. */
	bool generic_blame;
	/* services of a suite it names in a denial ("not caused by the Microsoft Teams
	 * outage"): its words are no evidence for their items (linker_service_blame()) */
	ProvMask denied;
	/* It is an item of a suite's feed (a Graph tenant's service health: its hosts
	 * are a suite's services' hosts, whatever its service field): two such items of
	 * one feed are never two different providers (providers_apart()). */
	bool suite_feed;
	/* A suite's own item (a "Microsoft 365 suite" issue): the suite's parts its
	 * texts name ("Outlook, Microsoft Teams"); a blame of one of them may land on
	 * it (linker_suite_target()).  0 for any other item. */
	ProvMask suite_names;
	/* It blames a suite or its company ("an outage at Microsoft"): the parts its
	 * blaming sentences point at by name or product word ("calendar sync":
	 * Exchange Online; else its title's), see linker_service_blame(); none: none
	 * said. */
	ProvMask suite_products;
	/* The shared cause it blames without naming who broke ("caused by the expired
	 * root certificate"; linker_cause_objects()): the sorted term ids (words and
	 * two-word phrases) of those objects, owned, and the first object as written
	 * (for reasons), owned; see cause_event_link() in linker_score.c. */
	guint32 *event;
	guint nevent;
	char *event_phrase;
	/* Its sentences claiming a shared cause, as linker_claim_text() gives them
	 * (NULL when it claims none), owned: the service a claim names ("the ongoing
	 * Direct Connect event"), for linker_sibling() */
	char *claim;
	/* @terms lie in Linker.arena: never freed alone (a fresh doc's; a replacement's
	 * are malloc'd) */
	bool terms_kept;
} Doc;

/* True when @a and @b came from one feed: one source, both with or both without
 * a source name (SourceInfo is shared by NULL and "" sources). */
static inline bool
linker_same_feed(const Doc *a, const Doc *b)
{
	return a->si == b->si && a->source_null == b->source_null;
}

G_STATIC_ASSERT(offsetof(Doc, own_region) < 64);

/* The advisories holding a term: a bare array, one per term (no GArray
 * header, no separate allocation for the struct). */
/* One advisory in a posting, with its start in minutes beside it so the
 * binary search for the time window reads one array (the doc's Span was a
 * cache miss per probe). */
typedef struct {
	guint32 doc;
	gint32 smin;      /* start / 60 (truncated), G_MAXINT32 for none */
} PostEntry;

/* A doc with its start, as linker_sort_starts() sorts them (by s, then doc):
 * posting_sort()'s entries, linker_postings_flush()'s batch. */
typedef struct {
	gint64 s;
	guint32 doc;
	gint32 smin;      /* linker_start_minutes(s) */
} SortEntry;

/* linker_sort_starts() grows a run shorter than this by insertion (but the
 * last), so @bounds needs SORT_BOUNDS(n) places for @n entries. */
#define SORT_MIN_RUN 16
#define SORT_BOUNDS(n) ((n) / SORT_MIN_RUN + 2)
SortEntry *linker_sort_starts(SortEntry *a, SortEntry *tmp, guint n, guint *bounds);

typedef struct {
	PostEntry *docs;  /* sorted by (s, index) when !dirty; owned */
	guint32 len, cap;
	gint64 max_span;  /* longest e - s among listed docs */
	bool dirty;
	/* Not kept: a term too common to find candidates when a big batch was first
	 * flushed (len 0, docs NULL; see linker_postings_flush()).  Its Term.df and
	 * Term.obs are kept; linker_ensure_obs() lists its docs once it may find
	 * candidates or names a source. */
	bool absent;
} Posting;

/* Everything the linker keeps per term in one 64-byte record, so adding a
 * term or weighing it touches one cache line (separate arrays per field cost
 * a cache miss each once the vocabulary outgrew the caches). */
typedef struct {
	Posting post;
	char *block;      /* "norm\0smallest surface seen\0", owned */
	double ldf;       /* log(df + 1), kept with df */
	guint32 df;       /* advisories holding it */
	guint32 hash;     /* of the norm */
	guint8 n;         /* words in the term; 0 = internal key */
	guint8 flag;      /* TERM_UPSTREAM, TERM_KNOWN, TERM_PRODUCT, TERM_SEC_WORD, ... */
	guint8 is_source; /* the name word of some source held */
	/* TERM_HEAD_PROBLEM or TERM_HEAD_OWNER when its norm is one of those stems
	 * (linker_index.c: problem_term(), owner_head_term()), set by linker_intern():
	 * a blame's phrase asked per phrase (strcmp()s per word were 0.7 % of all
	 * instructions over the 2,000 feeds).  In the byte Term had spare. */
	guint8 head;
	guint32 obs;      /* pairs of advisories holding it that are near in time */
} Term;
G_STATIC_ASSERT(sizeof(Term) == 64);
#define TERM_HEAD_PROBLEM 0x01
#define TERM_HEAD_OWNER 0x02

#define TERM(l, t) (&g_array_index((l)->terms, Term, (t)))

/* Term id by its normalised text: open addressing, each slot holding the
 * term's hash beside its id, so a lookup hashes the text once, finds its
 * slot in one cache line and compares text only on a full hash match
 * (GHashTable hashed and compared through function pointers, and was a fifth
 * of adding). */
typedef struct {
	guint32 hash;
	guint32 id;       /* term id + 1; 0 = empty */
} TermSlot;

typedef struct {
	TermSlot *slots;
	guint32 mask;     /* slots - 1, a power of two minus one */
	guint32 used;
} TermTable;

/* A doc's interval as the posting scans read it: start (G_MAXINT64 for none),
 * end.  One array, so a binary search touches no Doc. */
typedef struct {
	gint64 s, e;
} Span;

/* What scoring needs of one doc's terms as a whole, as of one generation. */
typedef struct {
	double mass;      /* sum of its squared term weights: its side of the cosine */
	double common;    /* the same over its terms too common to find candidates */
	bool names_other; /* holds the name word of a source other than its own */
} DocWeights;

typedef struct {
	double ln_n;   /* ln(N + IDF_PRIOR) */
	double scale;  /* TERM_WEIGHT_MAX / ln(N + IDF_PRIOR + 1) */
	double pnear;  /* chance that two advisories are near in time (with the prior) */
} Idf;

/* The candidates a doc keeps when it has more than CANDIDATES_MAX found through
 * terms (see cand_keep()), as of one generation. */
typedef struct {
	guint32 gen;     /* Linker.gen + 1 when computed; 0: never */
	guint32 n;       /* candidates found through terms */
	guint32 *top;    /* when n > CANDIDATES_MAX: the kept, sorted by doc index; owned */
} CandTop;

/* A growable array of term ids (or records), appended to inline: GArray's call per
 * append was a tenth of adding a term (linker_index.c: idvec_push()).  @v owned. */
typedef struct {
	guint32 *v;
	guint n, cap;
} IdVec;

struct Linker {
	LinkerOptions opts;
	GPtrArray *docs;          /* Doc *, owned; index = doc number, never reused */
	GHashTable *by_key;       /* char *key (borrowed from Doc) → index + 1 */
	GHashTable *by_id;        /* char *id_lower (borrowed from Doc) → IdDocs (see id_docs_add()) */
	GHashTable *mentions;     /* char *id_lower (owned) → GArray guint32 docs naming it */
	TermTable term_ids;       /* norm → term id */
	struct LinkerWords *words;/* scanned words and phrases → term ids (linker_index.c), owned */
	GArray *terms;            /* Term, by term id */
	/* Term.block strings are carved from chunks of Linker.arena (or, past its
	 * largest, from these, char *, owned) instead of a malloc each (linker_index.c,
	 * term_block()); block_at/block_left: the room left in the last. */
	GPtrArray *block_chunks;
	char *block_at;
	gsize block_left;
	GArray *spans;            /* Span per doc: its interval, dense for the posting scans */
	/* guint32 docs added (never replaced) whose terms are not yet counted in Term.df
	 * nor entered in the postings: entered together before the next reader of
	 * either (linker_postings_flush()), or NULL when none. */
	GArray *pending;
	/* Blocks the postings of a bulk linker_postings_flush() are carved from
	 * (PostSlab, owned): a posting whose entries lie in one is neither grown in
	 * place nor freed alone (linker_posting_owned()). */
	GArray *post_slabs;
	/* Terms whose posting is absent (Posting.absent), and a df no greater than the
	 * least of theirs (0: look at them at the next linker_ensure_obs()). */
	guint32 n_absent;
	guint32 absent_floor;
	GArray *collect_kept[3];  /* guint32, owned: doc_index()'s working arrays, reused */
	/* The same for the four appended to per phrase or title word (Collect.cause,
	 * blame_words, share_words, title_ids): GArray's call per append was 1.4 % of
	 * all instructions over the 2,000 feeds. */
	IdVec collect_vecs[4];
	/* The Docs, a fresh doc's terms (Doc.terms_kept) and the Term.block chunks,
	 * carved from big populated chunks instead of a malloc each (util/mem.h), owned */
	MemArena *arena;
	/* The parts after a '/' of the knowledge's hosts that hold no '.'
	 * ("appsstatus" of "www.google.com/appsstatus"), owned; NULL until url_self()
	 * first needs them. */
	char **url_pieces;
	/* sort_terms()'s bit sets, owned, all zero between calls: a bit per term id
	 * (sort_bits[0 .. sort_words)), and a bit per word of those (sort_sum[]). */
	guint64 *sort_bits, *sort_sum;
	guint32 sort_words;
	Idf idf;                  /* term weights' constants for the docs held */
	guint32 gen;              /* bumped by every add: cached weights are stale */
	double *w_cache;          /* per term: linker_weight_of() as of w_gen (a cache) */
	guint32 *w_gen;
	guint w_cap;
	/* Per term (w_cap of them), TINFO_* as of generation tinfo_gen - 1 (0: never), with
	 * every w_cache entry of that generation filled: what candidates() and
	 * linker_doc_weights() ask of a term, in one byte of a dense array instead
	 * of its Term record (millions of reads over a batch, a cache miss each once
	 * the vocabulary outgrew the caches).  Set by linker_incidents()'s threads. */
	guint8 *tinfo;
	guint32 tinfo_gen;
	/* Per doc, from tnear_off[doc] on, a bit per term of its terms (in their order):
	 * set when candidates() may find another doc through that term, as of
	 * generation tnear_gen - 1 (0: never; see linker_explore_near()).  Owned. */
	guint32 *tnear_bits;
	guint32 *tnear_off;
	guint32 tnear_gen;
	DocWeights *mass;         /* per doc: linker_doc_weights() as of mass_gen - 1 (a cache) */
	guint32 *mass_gen;
	guint mass_cap;
	GHashTable *buckets;      /* time bucket → GArray guint32 docs starting in it */
	gint64 bucket_w;          /* bucket width, seconds */
	guint64 near_all;         /* pairs of docs near in time */
	guint n_timed;            /* docs with a time */
	guint n_replaced;         /* replacements so far (postings may hold stale entries) */
	bool obs_ready;           /* Term.obs is maintained (after the first obs_compute_all()) */
	GHashTable *source_info;  /* char *source → SourceInfo *, owned: per-source features */
	GHashTable *name_ids;     /* char *lower-case service or feature name, owned → id + 1 */
	/* char *service or feature name as written, owned → GArray guint32, owned: the
	 * ids of the terms doc_products() scans from it (at most PRODUCT_NAMES_MAX) */
	GHashTable *product_ids;
	guint32 *scratch_local;   /* per doc, all 0 between calls (see linker_explore()) */
	guint32 *scratch_stamp;   /* per doc, Cands stamps (see candidates()) */
	double *scratch_dot;      /* per doc, Cands dot products (see candidates()) */
	guint32 scratch_round;
	guint scratch_n;
	const gint *stop;         /* see linker_set_stop(), borrowed, may be NULL */
	guint incident_threads;   /* see linker_set_incident_threads(); 0 = processors */
	CandTop *tops;            /* per doc (tops_n of them), owned (see cand_keep()) */
	guint tops_n;
	guint tops_held;          /* of them, with a top array */
	GMutex tops_lock;         /* guards tops[] while linker_incidents() runs threads */
	guint32 *scratch_named;   /* per doc, Cands.named (see candidates()) */
	guint32 *scratch_keep;    /* per doc, the round whose flooded doc keeps it */
	guint32 *scratch_stamp2;  /* a second Cands, for a candidate's own candidates */
	double *scratch_dot2;
	guint32 scratch_round2;
	LinkerStats stats;        /* work done by linker_incidents() / _incident_for() */
	GHashTable *by_source;    /* term id + 1 → GArray guint32 docs whose source it names */
	GHashTable *by_alias;     /* term id + 1 → GPtrArray SourceInfo *, borrowed: the feeds
				   * whose second name word it is (SourceInfo.alias) */
	guint32 upstream_terms[2];/* "upstream", "provider" */
	guint32 vendor_term;      /* "vendor": a third party blamed (Doc.generic_blame), no flag */
	guint32 partner_term;     /* "partner": the same ("the partner's own service is down") */
	/* Words putting a text in a security event's wake ("as part of our security
	 * review") and words telling one struck a third party or many ("an IT attack on a
	 * subcontractor"), as term ids (linker.c's lists; G_MAXUINT32 pads) */
	guint32 sec_wake_terms[LINKER_SEC_WAKE_TERMS];
	guint32 sec_third_terms[LINKER_SEC_THIRD_TERMS];
	/* Words of a page whose site or app cannot be reached ("unreachable",
	 * "inaccessible"): trouble that the roles in reach_roles fit (cdn, dns,
	 * cloud; see generic_link()). */
	guint32 reach_terms[LINKER_REACH_TERMS];
	guint32 reach_roles;
	guint32 planned_terms[2]; /* "maintenance", "planned" (maintenance_beside()) */
	Knowledge know;           /* providers, roles, regions (linker_knowledge.c) */
	GHashTable *known;        /* term id + 1 → KnownTerm *, owned: what a term means */
	GHashTable *depends;      /* char *source → Depends *, owned: [source:NAME] depends_on */
	GHashTable *source_urls;  /* char *source → char *url, a reference, or NULL:
				   * [source:NAME] url (LinkerOptions.source_urls) */
	guint32 prov_roles[KNOWLEDGE_MAX];  /* per provider: its roles */
	guint32 prov_first_role[KNOWLEDGE_MAX]; /* per provider: the bit of the first role it lists */
	/* The terms of the roles' words (KnowledgeList.words): guint32 pairs, role
	 * index then term id.  Doc.self_roles of a provider's item holds such a role
	 * that is not the provider's first only when the item has one of them. */
	GArray *role_words;
	GArray *prov_docs[KNOWLEDGE_MAX];   /* per provider: guint32 docs of its own feed, owned */
	GArray *blame_docs[KNOWLEDGE_MAX];  /* per provider: guint32 docs that may blame it, owned */
	GHashTable *brand_words;  /* term id + 1 → ProvMask *, owned: the providers whose
				   * names start with it ("microsoft": azure) */
	/* word term id + 1 → GArray guint32 of docs whose title gives a security
	 * event that subject, written as a name (Doc.sec_words); replaced docs stay */
	GHashTable *sec_by_word;
	/* guint32 docs whose title tells of a security event (Doc.sec_cue), and those
	 * of them with a subject word (Doc.sec_words); replaced docs stay */
	GArray *sec_cued, *sec_anchors;
	GHashTable *share_docs;   /* source term id + 1 → GArray guint32 docs of that feed that
				   * say they share an ongoing incident's cause (Doc.shares) */
	GHashTable *forced;       /* char *key → GHashTable set of char *key, owned */
	GHashTable *split;        /* char *key set, owned */
	GHashTable *previous;     /* char *key → char *incident id, owned */
	GHashTable *prev_members; /* char *incident id → GPtrArray of char *key (borrowed) */
};


#define TINFO_FINDS 0x01  /* term_finds() in linker_cluster.c */
#define TINFO_COMMON 0x02 /* df > linker_cand_df_max() */
#define TINFO_SOURCE 0x04 /* Term.is_source */
#define TINFO_ALIAS 0x08  /* TERM_ALIAS */
#define TINFO_SEC_WORD 0x10 /* TERM_SEC_WORD */

#define TERM_UPSTREAM 0x80
#define TERM_VULN_CUE 0x01 /* a word a vulnerability's cue may start ("vulnerable",
			    * "exploited": linker_security_vuln_word()) */
#define TERM_SEC_WORD 0x02 /* a security event's subject as a title writes it as a name
			    * (Doc.sec_words): Linker.sec_by_word lists its docs */
#define TERM_ALIAS 0x04   /* some feed's second name word (SourceInfo.alias) */
#define TERM_KNOWN 0x40   /* names a provider, role or region: see Linker.known */
#define TERM_PRODUCT 0x20 /* part of some advisory's service or feature name */
#define TERM_LATER 0x10   /* a source's name word, of a feed whose doc dates an earlier
			   * event (LATER_CUE_TIME): linker_later_candidates() */
#define TERM_LATER_KIN 0x08 /* ... or the base of such a name word ('kestrel' of
			     * 'kestrelblog': linker_later_name_base()) */

/* What a knowledge term means (Linker.known). */
typedef struct {
	ProvMask providers; /* bit per Knowledge.providers index (prov_bit()) */
	guint32 roles;     /* bit per Knowledge.roles index */
	/* Roles it names only in a sentence stating a cause or blame: a role word
	 * with a provider noun ("identity platform", "monitoring vendor"), built
	 * from the role phrases (see know_terms()); elsewhere "email service" is
	 * as often the advisory's own product as a vendor. */
	guint32 cause_roles;
	/* The same with a noun that as often names the advisory's own system
	 * ("identity platform", "login service"): a role blamed only when the
	 * advisory also says "upstream" or "provider", or blames with a vendor noun
	 * ("our upstream identity service", not "our login service is failing" nor
	 * "Acme's identity platform").  When the word before it is a word of a
	 * provider's names ("Microsoft's identity platform"), that provider is
	 * named (Linker.brand_words). */
	guint32 weak_roles;
	/* Of @roles, those its phrase names as a vendor ("infrastructure provider",
	 * "hosting company", "mobile carrier"): someone else's, even on the own
	 * feed of a provider playing that role (a PaaS's "our infrastructure
	 * provider" is its cloud). */
	guint32 vendor_roles;
	guint64 regions;   /* bit per Knowledge.regions index */
	guint64 countries; /* bit per Knowledge.countries index */
	ProvMask networks;  /* of providers, those whose network it names ("AS13335") */
} KnownTerm;

/* What a source name says, computed once per source. */
typedef struct SourceInfo {
	guint32 term;      /* source_word_term() */
	/* A second name word, G_MAXUINT32 if none: the first word of the name the feed
	 * declares in its title (linker_feed_declared_name()) when that is not @term
	 * ('blackberry' of 'rim-service', titled "BlackBerry Service Updates"): pages
	 * name the provider so.  Never Term.is_source, so it weighs nothing in scoring;
	 * only the name rules read it (linker_source_names()). */
	guint32 alias;
	char *alias_word;  /* owned: that word in lower case, NULL if none */
	char *alias_shown; /* owned: as the feed's title writes it, for reasons */
	ProvMask providers; /* linker_knowledge_self() of its name, feed and URL: source_info() */
	/* The source's own vocabulary (see linker_source_vocab()): its advisories
	 * without services or feature, and per term (id + 1) how many of them
	 * hold it; NULL until the first.  Counted only once read: until then
	 * (!vocab_built) just nplain is kept, and the first reader counts the
	 * terms of the plain ones of @docs (linker_source_vocab_get()); from then on
	 * every add and replacement updates it.  (Over 2,000 feeds counting every
	 * term of every advisory was a sixth of the linking thread's adding, for
	 * counts scoring reads only for two plain advisories of one feed.) */
	guint32 nplain;
	guint32 *plain_df;   /* open addressing: (term id + 1, count) pairs, mask + 1 of them;
			      * a count that fell to 0 stays (it reads as absent) */
	guint32 plain_mask, plain_used;
	GArray *docs;        /* guint32: every doc of the source, each once; owned */
	const Linker *linker;/* whose docs they are */
	gint vocab_built;    /* atomic: plain_df counts every plain doc's terms */
	GMutex vocab_lock;   /* guards building it (scoring threads read it) */
	/* The last advisory URL's part up to its last '/' (url_dir_len bytes, 0: none
	 * yet) and linker_knowledge_self() of that part: the same for every URL of the
	 * feed whose last part no host can reach into (see url_self() in
	 * linker_index.c). */
	char url_dir[120];
	guint32 url_dir_len;
	ProvMask url_dir_self;
	/* ...and whether it is on the host of a provider with services (the @ret_feed
	 * of linker_knowledge_service_self()): -1 not known yet, 0 no, 1 yes. */
	gint8 url_dir_suite;
	/* Some doc of it ever had a LaterCue title: linker_later_candidates() reads
	 * its docs (a feed of none is skipped). */
	bool later_any;
} SourceInfo;

void linker_source_info_free(gpointer si);
void linker_source_vocab(Linker *l, const Doc *d, int delta);
const SourceInfo *linker_source_vocab_get(const SourceInfo *si);

typedef struct {
	double score;
	bool veto;
	/* The link rests on more than shared words: a positive reference, an
	 * upstream blame or provider, the same title on the same feed, or two
	 * feeds of one provider linked by their words (same_provider_feeds()) (see
	 * linker_cluster(): only such a link joins grown clusters outright). */
	bool anchored;
	/* Both are updates of one incident page of one feed (see PAGE_ITEMS_MAX):
	 * a link whatever the threshold, joining outright. */
	bool page;
	/* One says it is the other's fault by the other's id ("tracked under
	 * MO1190512", not negated) or claims to share the cause of an ongoing
	 * incident and the other is the item meant (share_link()): what each
	 * item's provider is then says nothing against the link (providers_apart()). */
	bool claim;
	/* One names the other's feed by its name word (W_NAMES_SOURCE: "visitors
	 * to MyEtherWallet were redirected" beside MyEtherWallet's write-up): a
	 * strong such link says which item the namer means (see linker_cluster()). */
	bool names_source;
	GPtrArray *reasons; /* char *, owned; NULL when not asked for */
} Evidence;

/* What linker_explore() knows of a pair's text without comparing it (see linker_score_pair()). */
typedef struct {
	double text;  /* an upper bound on the text points */
	bool named;   /* both may name a third feed */
} TextBound;

typedef struct {
	GArray *list;    /* guint32 candidate docs */
	guint32 *stamp;  /* per doc: last round that listed it */
	double *dot;     /* per listed doc: its dot product with the doc's terms
			  * that find candidates (see candidates()) */
	guint32 round;
	guint32 *named;  /* per doc: the round that found it naming or named by the doc
			  * (ids, feed names); NULL: not asked */
	guint n_terms;   /* list[0 .. n_terms) were found through terms */
	double crowded;  /* squared weights of the doc's terms skipped somewhere in its
			  * window as crowded (see crowded()): what the dots may miss */
	/* Per thread of linker_incidents() (linker_ids.c); linker_scratch_reserve() points
	 * them at the Linker's own. */
	guint32 *keep;       /* per doc, the round whose flooded doc keeps it */
	guint32 *stamp2;     /* a second Cands, for a candidate's own candidates (cand_top()) */
	double *dot2;
	guint32 round2;
	LinkerStats *stats;  /* where linker_explore() counts its work */
	gint *reach;         /* per doc: 1 + the smallest start whose exploration reached it
			      * so far (atomic), or NULL: not kept */
	guint32 first_only;  /* 1 + start: linker_explore() gives up (sets @left) at a doc
			      * before start, whose component it is not the first of; 0: never */
	bool left;
} Cands;


typedef struct {
	guint32 a, b;   /* local indices into Component.nodes */
	double score;
	bool forced;
	bool anchored; /* Evidence.anchored */
	bool page;     /* Evidence.page */
	bool claim;    /* Evidence.claim */
	bool names_source; /* Evidence.names_source */
	bool sibling;  /* one provider's event told on its several items (linker_sibling()) */
	bool quiet;    /* a provider's item saying no cause, in its event (linker_quiet_sibling()) */
} Edge;

typedef struct {
	GArray *nodes;  /* guint32 doc indices */
	GArray *edges;  /* Edge: pairs at or above the threshold, and forced pairs */
	GArray *vetoes; /* Edge: pairs that must never share an incident */
	GArray *notes;  /* guint32 doc indices of notes (Doc.note) among the candidates of
			 * its nodes, repeats possible: those that may be attached to its
			 * incidents (linker_incident_for()); NULL: not collected */
} Component;

typedef struct {
	guint32 *parent, *size, *next; /* union-find with member rings */
} Sets;

/* linker_knowledge.c */
void linker_knowledge_init(Knowledge *k);
void linker_knowledge_clear(Knowledge *k);
const char *linker_knowledge_display(const KnowledgeProvider *kp);
bool linker_knowledge_load(Knowledge *k, const char *data, const char *what, GError **error);
guint32 linker_knowledge_roles_of(const Knowledge *k, const KnowledgeProvider *kp);
/* The index in @k->providers of the provider group called @name ([provider:NAME],
 * lower case), or @k->providers->len when none is: the one lookup of a provider by
 * its name.  With @loose, '-' or '_' may stand for a space on either side
 * ("microsoft-teams" names [provider:microsoft teams]), as a depends_on item may
 * write it; without, the names are equal (a region's or a suite's list). */
guint linker_knowledge_provider_index(const Knowledge *k, const char *name, bool loose);
/* The providers whose own feed a source is: a name or alias of theirs as whole words
 * in @source (but one inside another provider's longer match there: "google" in
 * "google-workspace"), or a status-page host of theirs in @url.  Either may be NULL. */
ProvMask linker_knowledge_self(const Knowledge *k, const char *source, const char *url);
/* The providers whose name or alias opens @declared (linker_feed_declared_name(): lower
 * case words, one space apart) as whole words: "amazon dynamodb" is AWS's feed, "google
 * cloud" Google Cloud's; "acme for slack" (a customer's page named for its integration)
 * no provider's.  The longest such name decides: "google workspace" is Google
 * Workspace's only, not also Google Cloud's for its "google".  NULL: none. */
ProvMask linker_knowledge_declared(const Knowledge *k, const char *declared);
/* The providers with services (Knowledge.by_service) whose own item @a is: an
 * incident or advisory at one of their hosts whose service is one of theirs.
 * *@ret_feed gets those whose hosts @a is at, whatever its service: a suite's
 * feed (a Graph issue naming another service of the suite) blames none of them. */
ProvMask linker_knowledge_service_self(const Knowledge *k, const Advisory *a,
				       ProvMask *ret_feed);
/* The providers sharing a name with one in @provs (Knowledge.kin), @provs included. */
ProvMask linker_knowledge_kin(const Knowledge *k, ProvMask provs);
/* linker_score.c: the providers @d blames by name, less its own feed's kin (a page
 * naming its own brand, "a problem with Google Drive", blames no one). */
ProvMask linker_blamed_providers(const Linker *l, const Doc *d);
/* The providers whose own naming region code @code (as a text writes it) is:
 * Google Cloud's form "europe-west2", AWS's form "ap-southeast-2" (see linker_score.c). */
ProvMask linker_region_form_owner(const Linker *l, const char *code);
/* What @d's upstream blame can mean: a provider's own item, its provider and the
 * providers it names as the cause; another's, the providers it names as the cause,
 * its depends_on, or whose own region names it uses; 0 when nothing says.  The
 * providers named as the cause are linker_blamed_providers() with what they reach
 * through suites, as for linker_blame_targets() (blame_reach() in linker_score.c). */
ProvMask linker_blame_resolves(const Linker *l, const Doc *d);
/* linker_service.c: the providers with services (Knowledge.by_service) that @a's
 * texts blame: named in a sentence that is no denial, as the thing unavailable,
 * down, degraded or failing ("Microsoft Teams unavailable", "because Exchange
 * Online is degraded"), or after a cause's preposition ("due to an Exchange
 * Online outage"); not as the object of the page's own trouble ("Backups of
 * Exchange Online mailboxes are delayed because a storage node failed"). */
ProvMask linker_service_blame(const Knowledge *k, const Advisory *a, guint32 needles,
			      bool denials, ProvMask *ret_denied, ProvMask *ret_products);
/* linker_service.c: the objects of the cause cues of @a's texts that tell a shared event
 * ("caused by the expired root certificate", "due to a nationwide wireless outage
 * affecting that carrier"), as written, NULL-terminated, owned; NULL when none.
 * *@ret_roles gets the roles whose joined phrases (KnowledgeList.joined: "our single
 * sign-on provider") a sentence stating a cause or blame holds.  @flags: the
 * TermsSentence flags of @a's sentences or'ed (G_MAXUINT: not known); without
 * CAUSE, BLAME or SHARES only "related to" and "linked to" are looked for. */
/* The sentences of @a that deny ("not affected by the Okta security incident", "we
 * do not use Okta"), each ended by a line end, or NULL; and in *@ret_own the roles
 * of @roles it names as its own ("our own CDN nodes"); @flags: the TermsSentence
 * flags of its sentences together; see linker_service.c. */
char *linker_denial_text(const Knowledge *k, const Advisory *a, guint32 roles, unsigned flags,
			 guint32 *ret_own);
/* Of @named, the providers named in @denials (linker_denial_text(), or NULL). */
ProvMask linker_denied_in(const Knowledge *k, const char *denials, ProvMask named);
/* Of @named, the providers named in a sentence of @denials (linker_denial_text() of
 * @a, or NULL) by which the page says it, as a whole, does not use something or is
 * not affected ("Ploughboard does not use OVH", "our systems are not affected"; not
 * "customers who do not use Okta"); *@ret_any: such a sentence is there, naming a
 * provider or not. */
ProvMask linker_denied_firm(const Knowledge *k, const Advisory *a, const char *denials,
			    ProvMask named, bool *ret_any);
/* What a notice naming another's outage says of its own page (linker_page_fine()). */
typedef enum {
	LINKER_PAGE_TROUBLE = 0, /* nothing of the kinds below: it may report trouble */
	/* Its title or first post says the page as a whole is fine ("Our services are
	 * operating normally", "All Mossgate systems are operational", "Quillmere is
	 * unaffected", "none of our services run on Azure"; not "the rest of our
	 * platform", "our API", "... again"), and no sentence of it speaks of some users
	 * in trouble ("customers who ...", "cannot", "unable"). */
	LINKER_PAGE_FINE,
	/* It is posted for information only (a maintenance, an informational post, a
	 * label "[Informational]", "FYI", "Heads up", or a Statuspage impact "none"
	 * whose first post says it watches: "aware", "monitoring", "keeping an eye")
	 * and speaks of no trouble its users may meet ("may", "delayed", "fail", "due
	 * to", ...). */
	LINKER_PAGE_INFO,
} LinkerPageFine;
/* Whether @a says its page is fine or only informs: a notice that names another's
 * outage only to relay it (Doc.fine_only).  Reads the title and the first post (a
 * first post longer than 1 KiB is none), and the later posts for trouble.  @flags:
 * the TermsSentence flags of its texts' sentences or'ed (G_MAXUINT when not known),
 * which tell whether a post may say something is unaffected. */
LinkerPageFine linker_page_fine(const Advisory *a, unsigned flags);
/* True when a sentence of @a's text or updates states a cause and names the page's
 * own thing ("our PostgreSQL database ran out of transaction IDs", "our proxy's
 * disk filled up"): a fault of its own system (Doc.own_cause). */
bool linker_own_cause(const Advisory *a);
/* True when a sentence of @a's text or updates says its trouble was its own doing
 * after "affected by" or "impacted by" ("Customers hosted on AWS were affected by a
 * bug in our latest release": TERMS_SENTENCE_OWN_FAULT) (Doc.own_fault). */
bool linker_own_fault(const Advisory *a);
/* The providers @a names only as the page's own copy of their service, run by the
 * page ("npm proxy returning 502 errors", "our npm proxy"): its title names one so,
 * and every mention of it is followed by a copy word (proxy, mirror, cache, replica).  Such a page's
 * fault is its own, no blame of the provider. */
ProvMask linker_own_copies(const Knowledge *k, const Advisory *a);
/* Whether @a's text holds its updates' texts: it is at least as long as they are
 * together (a status page's history feed, where each update stands in the text as
 * "when\nLabel - text"); then a search of the text has searched them too. */
bool linker_text_holds_updates(const Advisory *a);
/* False when no sentence of @a (whose sentences' TermsSentence flags are @flags
 * together) can hold what linker_denial_text() looks for: a cheap pass over its words.
 * @holds: linker_text_holds_updates() of @a. */
bool linker_denials_maybe(const Advisory *a, unsigned flags, bool holds);
/* The words of the sentences of @a's title and texts that claim to share the cause of an
 * ongoing incident (TERMS_SENTENCE_SHARES: "This is related to the ongoing Direct Connect
 * event in the Region"), in lower case, letters and digits only, each word followed by one
 * space: what linker_claim_names() reads (Doc.claim).  NULL when there is none.  Caller
 * frees.  Called once per advisory that shares, never in a scoring loop. */
char *linker_claim_text(const Advisory *a);
/* True when @claim (linker_claim_text()) names @key, a service as its feed keys it
 * ("directconnect", "route53", "cloudfront", "management-console"), as one word or as the
 * run of up to three words it glues ("direct connect", "route 53", "management console"),
 * as an event's: before an event noun ("the ongoing Direct Connect event", "the CloudFront
 * DNS issue") or after one and a preposition ("an outage of ...").  A key of fewer than
 * five letters and digits ("s3", "ec2") counts only as one word.  *@ret_lo, *@ret_hi: the
 * words between the name and its event noun ("dns "), in @claim: which trouble of the
 * service is meant (empty when none). */
bool linker_claim_names(const char *claim, const char *key, const char **ret_lo,
			const char **ret_hi);
/* True when @a's title says something is not affected and states no cause nor
 * blame ("Notice: we are not affected by the X incident"): a notice, not an
 * incident. */
bool linker_title_unaffected(const Advisory *a);
/* The same, told @whole: the TermsSentence flags of every sentence of @a's title
 * ORed, as terms_scan() of the title tells them to a sink (doc_index() has them from
 * its own scan of the title, which spares a second scan per advisory). */
bool linker_title_unaffected_flags(const Advisory *a, unsigned whole);
/* Whether @a's title calls it a write-up of an event after the fact: "Incident report:
 * ...", "Post-incident report", "Postmortem", "Root cause analysis", "RCA: ...",
 * "What happened ...", "Summary of the ... outage" (linker_later.c). */
bool linker_title_writeup(const Advisory *a);
/* True when @a's title announces planned work and tells of no trouble ("PDX2: core
 * router software upgrade July 9", "[Construction] Equipment work in the Osaka
 * area"), whatever its feed's kind says (linker_later.c). */
bool linker_title_plan(const Advisory *a);
/* How a title points back at an earlier item of its page (linker_title_later()). */
typedef enum {
	LATER_CUE_NONE = 0,
	LATER_CUE_TIME,     /* it dates an earlier event: "Why X was down last night",
			     * "About Friday's errors", "Summary of the December 24 event" */
	LATER_CUE_CONTINUE, /* it reports a further update or recovery: "Update on ...",
			     * "Back up (mostly)", "Dedicated databases restored" */
	LATER_CUE_POST,     /* the same in a post whose title is its whole text, from a
			     * feed of short posts: "We've started to deploy the update
			     * and we're seeing a decrease in impacted users" */
} LaterCue;
/* The cue of @a's title, posted at @ref (Unix seconds); for LATER_CUE_TIME sets
 * *@ret_from and *@ret_to to the interval in which the event it dates began,
 * read in every zone from UTC-12 to UTC+14 (a feed's zone is not kept) and never
 * after @ref, and *@ret_dated (may be NULL) to whether it is a write-up of the
 * event of a date it names (a calendar date, not "yesterday" nor a weekday; a
 * title that retells: later_retells()) whose text names no two other days (a
 * round-up listing a month's incidents is none): LATER_DATED_TITLE, or
 * LATER_DATED_TEXT when a title of a write-up with no date of its own
 * (linker_title_writeup()) took the date where the text begins, or
 * LATER_DATED_DAY when a write-up or statement ("A note on yesterday's outage")
 * dates it by a day word, else 0 (linker_later.c). */
enum { LATER_DATED_TITLE = 1, LATER_DATED_TEXT = 2, LATER_DATED_DAY = 3 };
LaterCue linker_title_later(const Advisory *a, gint64 ref, gint64 *ret_from, gint64 *ret_to,
			    guint8 *ret_dated);
/* A page's later item that points back at an earlier one of its own, or of another
 * feed of its provider, by the time its title names or by continuing its page's
 * open item (linker_later.c); reasons for `show` when @reasons is not NULL. */
bool linker_later_own(const Linker *l, const Doc *a, const Doc *b, GPtrArray *reasons);
/* The docs that may be linker_later_own() of @d, appended to @out (guint32). */
void linker_later_candidates(const Linker *l, const Doc *d, GArray *out);
/* The length of @word's base when it is a base of at least four letters and a word
 * saying what kind of feed it is ("kestrelblog": 7), else 0. */
gsize linker_later_name_base(const char *word);
char **linker_cause_objects(const Knowledge *k, const Advisory *a, unsigned flags, bool holds,
			    guint32 *ret_roles);
/* Sets @d's Doc.event and Doc.event_phrase from @objects (linker_cause_objects(),
 * borrowed; NULL: none). */
void linker_doc_events(Linker *l, Doc *d, char **objects);
/* The parts of the suites in @provs (Knowledge.parts), and the suites holding a part in
 * @provs: what a blame of @provs can mean on a suite's feed. */
ProvMask linker_knowledge_suite_reach(const Knowledge *k, ProvMask provs);
/* linker_score.c: the providers of @p's own item that @d's blame lands on through a
 * suite: a suite item naming a part @d blames, a part's item when @d blames its
 * suite (and names that part's products, if it names any); 0: none. */
ProvMask linker_suite_target(const Linker *l, const Doc *d, const Doc *p);
/* The providers whose own items @d's blame may land on, as role links find them: its
 * blamed providers (Doc.cause_providers) with what they reach through suites
 * (linker_knowledge_suite_reach()), its depends_on when it blames an upstream or a
 * role, the providers playing a role it blames, and every provider for a blame of an
 * unnamed third party (Doc.generic_blame: prov_all()).  One mask for both sides of the
 * candidate lists: what linker_index.c enters in Linker.blame_docs and what
 * role_candidates() looks up in Linker.prov_docs. */
ProvMask linker_blame_targets(const Linker *l, const Doc *d);
/* The roles the providers in @provs play (Linker.prov_roles). */
guint32 linker_roles_of(const Linker *l, ProvMask provs);
/* linker.c */
void linker_doc_clear_features(Doc *d);
bool linker_id_docs_single(gpointer v);
void linker_garray_unref0(gpointer p);
/* linker_index.c */
const char * linker_term_surface(const Linker *l, guint32 t);
guint32 linker_intern(Linker *l, const char *norm, const char *surface, int n);
/* The incident page @url names, as a key ("status.example.io/incidents/610452"),
 * or NULL when it names none specific (see linker_score.c).  Caller frees. */
char *linker_incident_page(const char *url);
void linker_words_free(struct LinkerWords *lw);
char * linker_region_area(const char *region);
bool linker_region_same(const char *a, const char *b);
/* A downstream advisory @d blaming a carrier, transit network or ISP it does not name
 * ("a tier-1 backbone carrier", "a major ISP"), and @p, a provider's own item that
 * reports a carrier's fault (it blames such a role, "one of our transit providers",
 * or names a carrier): one network event, when @p started within minutes of @d
 * (CARRIER_LEAD before, CARRIER_LAG after) and they overlap.  Returns W_ROLE or 0;
 * adds its reason to @reasons (GPtrArray of char *, may be NULL). */
double linker_carrier_link(const Linker *l, const Doc *d, const Doc *p, GPtrArray *reasons);
/* The countries @d's text names (Knowledge.countries), as bits (linker_score.c). */
guint64 linker_doc_countries(const Linker *l, const Doc *d);
/* "3 min earlier", "1h05 later", "at the same minute" for a lead of @lead seconds. */
char *linker_lead_text(gint64 lead);
/* True when @a and @b name a region in common (into *@ret_region). */
bool linker_regions_meet(const Doc *a, const Doc *b, const char **ret_region);
/* A downstream advisory @d naming a site of @p's provider (linker_knowledge_site_of():
 * "our servers in SBG are unreachable") where it reports trouble, stating no cause of
 * its own and blaming no other provider, and @p, that provider's own incident starting
 * within ROLE_WINDOW of it, overlapping, in no other place: one outage.  Returns W_ROLE
 * or 0; adds its reason to @reasons (may be NULL). */
double linker_site_link(const Linker *l, const Doc *d, const Doc *p, GPtrArray *reasons);

#define CARRIER_LEAD (30 * 60)
#define CARRIER_LAG (15 * 60)

/* The name of a site of provider @prov alone (a [region:CODE] whose providers are
 * it: "fsn1", Hetzner's) among @regions (Doc.regions, areas), or NULL. */
const char *linker_knowledge_site_of(const Knowledge *k, const GPtrArray *regions, guint prov);
void linker_depends_free(gpointer p);
void linker_depends_load(Linker *l, GHashTable *depends_on);
/* Where term @t stands or would stand in @d's sorted terms (binary search). */
guint linker_doc_term_place(const Doc *d, guint32 t);
/* The one CVE id ("cve-2021-44228", lower case) that @a's title names, else that the
 * first CVE_TEXT_SCAN bytes of its text and posts name, or NULL when none or several
 * (a round-up) (linker_index.c). */
char *linker_cve_of(const Advisory *a);
/* The names a title about a vulnerability, an attack or a breach gives its subject
 * ("MOVEit Transfer Critical Vulnerability": "moveit", "transfer"), lower case, into
 * @out, at most @max; 0 for a title of no security event (linker_security.c).
 * *@ret_cue: the title tells of one (with names or not); bit i of *@ret_named: name i
 * is written as a name (an acronym, a capital inside it, or a capital inside a title
 * that is neither in title case nor in capitals throughout); of *@ret_lead: it is the
 * title's capitalized first word instead (a name or a sentence's capital). */
guint linker_security_subjects(const Advisory *a, char out[][TERMS_MAX_WORD + 1], guint max,
				guint8 *ret_named, guint8 *ret_lead, bool *ret_cue);
/* True when a text or update of @a says the page itself held what a security event
 * struck and acted on it ("contained xz 5.6.1", "withdrawn", "rotate secrets",
 * "revoked"): read only of an advisory about one (a CVE id or a security title),
 * whose "not affected" then speaks of a part of the page, not of it all. */
bool linker_security_own_exposure(const Advisory *a);
/* The words a sentence of @a naming a vulnerability ("vulnerability", "known as",
 * "dubbed", "flaw", "weakness", "exploit", "CVE-") writes as names ("POODLE",
 * "SSLv3", "Log4j"; "Heartbleed" after "known as" or "dubbed"), lower case, into
 * @out, at most @max; never a CVE id, a number, the page's own name or a protocol
 * many flaws are in ("HTTP"). */
guint linker_security_vuln_names(const Advisory *a, char out[][TERMS_MAX_WORD + 1], guint max);
/* True when word @w (@len bytes, as the scanner cut it) may start a cue of a
 * vulnerability that linker_security_vuln_names() looks for ("vulnerable",
 * "exploited", "known", "cve"). */
bool linker_security_vuln_word(const char *w, gsize len);
/* True when the cue lists of linker_security.c are sorted and their first letters
 * listed (for a test). */
bool linker_security_self_check(void);
/* True when @a and @b name a service in common (Doc.svc). */
bool linker_svc_shared(const Doc *a, const Doc *b);
bool linker_doc_has_term(const Doc *d, guint32 t);
/* The name words of @d's feed into @ret: its name word (Doc.source_term), then its
 * second one (SourceInfo.alias); returns how many (0 to 2). */
guint linker_source_names(const Doc *d, guint32 ret[2]);
void linker_ensure_obs(Linker *l);
void linker_postings_flush(Linker *l);
/* Frees every term's posting and the slabs they may lie in (linker_free()). */
void linker_postings_free(Linker *l);
/* A copy of @block ("norm\0surface\0") among @l's term strings (freed with @l). */
char *linker_term_block_dup(Linker *l, const char *block);
/* A start in minutes as PostEntry.smin holds it (G_MAXINT32 for none).  Inline: the
 * posting scans call it about 950,000 times per 100 feeds of the bench corpus. */
static inline gint32
linker_start_minutes(gint64 s)
{
	if (s == G_MAXINT64) {
		return G_MAXINT32;
	}
	return (gint32)CLAMP(s / 60, (gint64)G_MININT32, (gint64)G_MAXINT32 - 1);
}
int linker_cmp_str_ptr(const void *a, const void *b);
/* linker_score.c */
gint64 linker_interval_gap(const Doc *a, const Doc *b);
/* How reasons name @d: its advisory's id, else its key (borrowed). */
const char *linker_short_id(const Doc *d);
/* A quiet page's item that may have broken and recovered with a provider's own
 * incident (cotime_link() in linker_score.c): states no cause, names no provider,
 * no depends_on, closed; and such a provider's incident: its own, blaming no one,
 * not maintenance, closed. */
bool linker_cotime_quiet(const Doc *d);
bool linker_cotime_origin(const Doc *p);
/* @d began within GENERIC_LEAD after @p (or GENERIC_LAG before) and ended in @p's
 * second half or at most COTIME_END_LAG after it. */
bool linker_cotime_timed(const Doc *d, const Doc *p);
/* The docs of the time buckets (Linker.buckets) that starts from @from to @to fall
 * in, a superset of the docs starting then, into @out (room for @max); returns how
 * many, or @max + 1 when there are more. */
guint linker_window_docs(const Linker *l, gint64 from, gint64 to, guint32 *out, guint max);
void linker_idf_init(const Linker *l, Idf *idf);
double linker_weight_of(const Linker *l, const Idf *idf, guint32 t);
void linker_weights_reserve(Linker *l);
guint32 linker_cand_df_max(const Linker *l);
DocWeights linker_doc_weights(const Linker *l, const Doc *d);
void linker_score_pair(const Linker *l, const Doc *a, const Doc *b, Evidence *ev, const TextBound *tb);
/* linker_cluster.c */
void linker_scratch_reserve(Linker *l, Cands *c);
void linker_scratch_release(Linker *l, Cands *c);
void linker_tops_free(Linker *l);
/* How many candidates doc @doc had when the cap kept only CANDIDATES_MAX of
 * them in the linking under way; 0 when not capped. */
guint linker_capped_of(const Linker *l, guint32 doc);
void linker_explore(Linker *l, guint32 start, Component *comp, guint32 *local, Cands *c);
/* Warms what linker_explore() would fill lazily, for terms [@lo, @hi): their cached
 * weights, and their postings sorted where candidates() sorts them; then the
 * explorations of several threads only read the Linker (see linker_incidents()). */
void linker_explore_prepare(Linker *l, guint32 lo, guint32 hi);
void linker_explore_near(Linker *l, guint32 lo, guint32 hi);
guint32 linker_sets_find(Sets *s, guint32 x);
void linker_cluster(Linker *l, Component *comp, Sets *s, bool *used);

/* The kinds of evidence tying a note to a doc, weakest first: a score at the
 * threshold, a provider it names whose trouble the doc is, the security event
 * both name, a reference to the doc (its id, incident page, or a claim of its
 * cause).  A note goes with the incident of its firmest kind, if one alone. */
typedef enum {
	NOTE_TIER_NONE,
	NOTE_TIER_SCORE,
	NOTE_TIER_PROVIDER,
	NOTE_TIER_SECURITY,
	NOTE_TIER_REF,
	NOTE_TIER_COUNT,
} NoteTier;

typedef struct {
	guint32 doc;   /* the candidate */
	guint8 tier;   /* NoteTier */
	guint32 what;  /* NOTE_TIER_SECURITY: the term both name; NOTE_TIER_PROVIDER: the
			* provider's index; else G_MAXUINT32 */
	double score;  /* the pair's score, the note taken as no note */
} NoteCand;

void linker_note_candidates(Linker *l, guint32 ni, Cands *c, GArray *ret);
/* True when the titles of @n and @o share a word other than a feed's name. */
bool linker_titles_share(const Doc *n, const Doc *o);
/* True when every word of @p (@n bytes), one at least, is a word of a status label
 * ("Degraded performance", "Minor service outage", "All systems operational"). */
bool linker_is_label(const char *p, gsize n);
/* True when @title (may be NULL) is a status label saying all is well ("All systems
 * operational", "Everything operating normally"): a status-message feed's post that
 * its trouble is over, no incident open. */
bool linker_title_well(const char *title);
/* True when @surface (one word or several) stands in the @len bytes at
 * @s as whole words, case aside. */
bool linker_words_hold(const char *s, gsize len, const char *surface);
/* True when title @t holds one of @words (linker_words_hold()); false for NULL. */
bool linker_words_hold_any(const char *t, const char *const *words, gsize n_words);
/* The same of the @len bytes at @s. */
bool linker_words_hold_any_in(const char *s, gsize len, const char *const *words,
			      gsize n_words);
/* True when @a and @b are one provider's own items telling one event on its several
 * feeds or incidents (see linker_cluster.c); with @reasons, appends why (char *). */
bool linker_sibling(const Linker *l, const Doc *a, const Doc *b, GPtrArray *reasons);
/* True when @p names @e's service (its services' names, or its title's "Product:"
 * lead), not its own (linker_cluster.c). */
bool linker_names_service_of(const Linker *l, const Doc *p, const Doc *e);
/* True when @a and @b are one provider's own items about two places sharing no
 * cause: their words link nothing (see linker_cluster.c). */
bool linker_own_places_apart(const Linker *l, const Doc *a, const Doc *b);
/* True when one of @a and @b is a provider's own item that says no cause and
 * began during the other, its provider's item in the same place that does
 * (see linker_cluster.c); with @reasons, appends why (char *). */
bool linker_quiet_sibling(const Linker *l, const Doc *a, const Doc *b, GPtrArray *reasons);
/* True when @d states a cause or blames something (linker_quiet_sibling()). */
bool linker_doc_states(const Doc *d);
/* Of a pair linker_quiet_sibling() may join, the one saying no cause (the later
 * one when neither says one). */
const Doc *linker_quiet_of(const Doc *a, const Doc *b);
/* True when @a and @b are one provider's items on two feeds starting more than
 * SIBLING_NAMED_MAX apart and sharing no specific word of a statement of cause:
 * two faults (see linker_cluster.c). */
bool linker_own_later_apart(const Linker *l, const Doc *a, const Doc *b);
/* Two of one provider's items told as one event must start this close. */
#define SIBLING_START_MAX (30 * 60)
/* ... or this apart when the later one names the earlier one's service and
 * says no other cause (linker_sibling()), or says no cause at all
 * (linker_quiet_sibling()). */
#define SIBLING_NAMED_MAX (2 * 3600)
/* Two of one provider's feeds opening the same title but for their names
 * ("Some customers unable to access Jira" / "... Confluence") this close, of at
 * least TWIN_TITLE_WORDS other words, tell one event (linker_sibling()). */
#define TWIN_START_MAX (2 * 60)
#define TWIN_TITLE_WORDS 3
/* Two major incidents of one provider's two products, opened this close and
 * stating no cause, tell one outage (linker_sibling()). */
#define BURST_START_MAX (5 * 60)
/* ... or, on a feed that rates none, when it opened at least this many such items
 * within BURST_START_MAX of them. */
#define BURST_UNRATED_MIN 3
/* A title's lead before ':' this long at most is a product's name ("Compute
 * Engine: ..."). */
#define SIBLING_LEAD_MAX 40
/* Two clusters one of which its members say was over (a closed member, no open
 * one after it) more than this before the other began are not joined by shared
 * words (linker_cluster()). */
#define ENDED_APART_MAX (3 * 3600)
/* A provider's later post about an event of its incident list (a post mortem, a
 * recovery plan): see linker_cluster.c. */
bool linker_followup(const Linker *l, const Doc *a, const Doc *b, GPtrArray *reasons);
/* ...starts this long after the item it follows up (sooner, it is an update the time
 * window joins), and retells this many specific words of its cause. */
#define FOLLOWUP_MIN (6 * 3600)
#define FOLLOWUP_WORDS 3
/* From this many advisories on, linker_incidents() explores on one thread per
 * processor (at most INCIDENTS_THREADS): below it, starting threads costs more
 * than the work. */
#define INCIDENTS_PARALLEL_MIN 4096
#define INCIDENTS_THREADS 4
/*
 * For tests: how many threads linker_incidents() explores on when it explores on
 * several (from INCIDENTS_PARALLEL_MIN advisories on, none replaced), at most
 * INCIDENTS_THREADS; 1 = the one-thread path, 0 (the default) = one per
 * processor.  Only tests call it: the answer is the same for any count.
 */
void linker_set_incident_threads(Linker *l, guint threads);

#endif
