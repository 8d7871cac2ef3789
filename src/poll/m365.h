/*
 * The Microsoft 365 service-health client: one per [source:NAME] group of
 * type m365 (one tenant).  It gets an app-only token with the OAuth 2.0
 * client-credentials grant, caches it until ~300 s before it expires, lists
 * GET {graph}/v1.0/admin/serviceAnnouncement/issues page by page (following
 * @odata.nextLink verbatim), optionally Message Center messages, and hands
 * the parsed advisories to the caller.  Parsing is graph_parse() in
 * sources/graph.c; this module only does the HTTP conversation.
 *
 * It never logs and never puts the token or the client secret in an error
 * message.  All I/O goes through the caller's Fetcher (http/fetch.h); short
 * Retry-After waits (<= 30 s) are timers on the thread-default GMainContext,
 * so the caller must let that context run (the daemon's GMainLoop does; a
 * one-shot caller attaches the fetcher and runs a GMainLoop until @done).
 *
 * Its settings are the [source:NAME] keys of an m365 source (M365Settings; the
 * daemon fills them from the configuration, so this folder needs no config.h):
 *   tenant, client_id, client_secret (env:/file:/inline, via secret_resolve()),
 *   cloud = global|usgov|usgovdod|china (login and Graph hosts, REFERENCE §1.2),
 *   login_url / graph_url (overrides for sovereign clouds and tests),
 *   messages (also read Message Center), full_read_interval (seconds).
 */
#ifndef SW_POLL_M365_H
#define SW_POLL_M365_H

#include <glib.h>
#include <stdbool.h>

#include "http/fetch.h"
#include "model/source_state.h"

typedef struct M365Client M365Client;

/* The keys of one m365 source, typed and validated by the configuration (schema
 * defaults applied); strings NULL or "" = unset.  All borrowed. */
typedef struct {
	const char *name;               /* [source:NAME]: every message names it */
	const char *tenant;
	const char *client_id;
	const char *client_secret;      /* env:NAME, file:/path or inline: not yet resolved */
	const char *cloud;              /* NULL = global */
	const char *login_url;          /* NULL = the cloud's */
	const char *graph_url;          /* NULL = the cloud's */
	bool messages;                  /* also read Message Center */
	gint64 full_read_interval;      /* seconds between full reads, > 0 */
	gsize max_bytes;                /* cap per response page */
	guint max_items;                /* cap on advisories per poll */
	gint64 timeout;                 /* seconds per request, 0 = the fetcher's default */
} M365Settings;

/*
 * Checks the settings and resolves client_secret.  @settings is borrowed only
 * during the call (what is needed is copied).
 * Errors: SW_ERROR_CONFIG (missing tenant/client_id/client_secret, unknown
 * cloud, bad URL, unresolvable secret; the message names the source, never the
 * secret).  Caller frees with m365_client_free().
 */
M365Client *m365_client_new(const M365Settings *settings, GError **error);

/*
 * Frees the client.  NULL is a no-op.  A poll still in flight is abandoned:
 * its @done is never called, pending retry timers are removed, and transfers
 * already queued on the fetcher finish quietly (they hold an internal
 * reference, so freeing here is always safe).
 */
void m365_client_free(M365Client *client);

typedef struct {
	GPtrArray *advisories; /* Advisory *, one reference each; empty on error */
	bool full_read;        /* true: the list is the tenant's complete list, so an id
				* missing from it that is open in the store was withdrawn
				* (pipeline_store_source() marks those) */
	gint64 read_time;      /* @now of the poll; store it as last_success, and as
				* last_full_read when full_read is true */
	gint64 defer_until;    /* a Retry-After longer than 30 s: do not poll this source
				* before this time (Unix s); SW_TIME_NONE otherwise */
	GPtrArray *warnings;   /* char *, owned: skipped items, odd values */
} M365Result;

void m365_result_free(M365Result *result);

/*
 * Called exactly once per m365_client_poll() (unless the client was freed).
 * @result is never NULL and the callee OWNS it (free with m365_result_free()).
 * @error is NULL on success; otherwise it is borrowed and one of:
 *   SW_ERROR_CONFIG     token refused (400/401 from the login host), or Graph
 *                       401/403 with a fresh token ("Graph refused access (403
 *                       Authorization_RequestDenied: ...): the app lacks
 *                       ServiceHealth.Read.All or admin consent")
 *   SW_ERROR_TEMPORARY  transport errors, 5xx, 429 (result->defer_until is set
 *                       when Retry-After was longer than 30 s)
 *   SW_ERROR_PERMANENT  other 4xx
 *   SW_ERROR_PARSE      malformed JSON (from the token endpoint or Graph)
 *   SW_ERROR_LIMIT      a page over the size cap, or too many pages
 * No message names the source: the caller that reports it does (as for sources/).
 */
typedef void (*M365DoneFunc)(M365Result *result, const GError *error, gpointer user_data);

/*
 * Starts one poll.  @state is borrowed for the call only: last_success and
 * last_full_read decide between a full read (no previous success, or
 * full_read_interval elapsed) and an incremental one ($filter=
 * lastModifiedDateTime ge last_success - 10 min).  @now is Unix seconds (the
 * injected clock; also used for the token's expiry).  @fetcher is borrowed and
 * must outlive the poll.  At most one poll per client at a time: a second call
 * while one is running completes at once with SW_ERROR_TEMPORARY.
 */
void m365_client_poll(M365Client *client, Fetcher *fetcher, const SourceState *state,
		      gint64 now, M365DoneFunc done, gpointer user_data);

/* The source name this client was made for (borrowed). */
const char *m365_client_name(const M365Client *client);
/* The login and Graph roots in use, from cloud or the overrides, without a trailing
 * '/' ("https://login.microsoftonline.us", "https://graph.microsoft.us").  Borrowed. */
const char *m365_client_login_url(const M365Client *client);
const char *m365_client_graph_url(const M365Client *client);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(M365Client, m365_client_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(M365Result, m365_result_free)

#endif
