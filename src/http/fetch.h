/*
 * HTTP(S) and file:// fetching through libcurl's multi interface.  Knows no
 * formats: bytes go to the caller's data callback as curl delivers them (so
 * the SAX parser runs while downloading) or into a bounded buffer.
 *
 * Every transfer: TLS verification on, protocols limited to https/http (and
 * file only when the request allows it), at most 5 redirects and never to
 * another protocol, connect timeout 10 s, total timeout 30 s, a low-speed
 * limit, a cap on *decoded* bytes enforced in the write callback (curl
 * 7.88.1's MAXFILESIZE lets chunked bodies and gzip bombs through), any
 * Content-Encoding accepted, no cleartext HTTP/2, a statuswatch User-Agent,
 * proxies from the usual environment variables.
 *
 * Redirects into the machine's own networks: once a request of a transfer went to
 * a public address, a redirect to a loopback, link-local, private, carrier-grade
 * NAT or unique-local address (fetch_address_is_internal()) is refused before the
 * request is sent.  The address checked is the one actually connected to (DNS
 * rebinding changes nothing); a URL configured with such an address works, and so
 * do redirects that stay internal.  Through a proxy (http_proxy, https_proxy,
 * all_proxy and no_proxy read as curl reads them) the address connected to is the
 * proxy's, so the URL's host is judged instead: an internal IP literal or localhost
 * is internal, and a name is public, because what the proxy resolves it to cannot be
 * seen from here (a redirect to a name that resolves to an internal address passes
 * through a proxy).  Test knob: STATUSWATCH_TEST_PUBLIC_PORT=P makes a
 * loopback address on port P count as public (it can only add refusals), so tests
 * play a public server on 127.0.0.1 without leaving the machine.
 *
 * A 304 to a request that sent no validator is an error (SW_ERROR_TEMPORARY): it
 * says nothing about what changed.
 *
 * Errors (GError in the done callback): SW_ERROR_TEMPORARY (DNS, connect,
 * timeouts, 5xx, 408, 429, 304 without validator), SW_ERROR_PERMANENT (other 4xx,
 * refused redirect/protocol), SW_ERROR_LIMIT (size cap), SW_ERROR_CANCELLED (the
 * request's cancellable), or the data callback's own error.  The message carries curl's error text or the HTTP status line
 * verbatim, and the URL only after secret_mask(); what a server echoes of the
 * request's credentials (the URL's tokens: userinfo, path segments and query values
 * of 16 bytes or more; an Authorization header's value) is replaced by "***".
 */
#ifndef SW_HTTP_FETCH_H
#define SW_HTTP_FETCH_H

#include <glib.h>
#include <stdbool.h>

typedef struct Fetcher Fetcher;
typedef struct _GCancellable GCancellable; /* GIO's; forward-declared as GIO does */

/* The decoded body cap when a request names none (FetchRequest.max_bytes = 0); `link`
 * applies the same to the files it reads. */
#define FETCH_DEFAULT_MAX_BYTES (8u * 1024 * 1024)

/* Return false and set @error to abort the transfer (its error becomes the fetch's). */
typedef bool (*FetchDataFunc)(const char *data, gsize len, gpointer user_data, GError **error);

typedef struct {
	const char *url;
	const char *method;        /* NULL = GET; "POST" (and PATCH, PUT) send @body */
	const char *body;          /* request body, may be NULL; copied, and the copy is
				    * wiped when the transfer ends (token requests) */
	gsize body_len;
	const char *const *headers;/* NULL-terminated "Name: value" list, may be NULL */
	const char *etag;          /* sent as If-None-Match, may be NULL */
	const char *last_modified; /* sent as If-Modified-Since, may be NULL */
	gsize max_bytes;           /* decoded body cap; 0 = 8 MiB */
	bool allow_file;           /* permit file:// (only when the config names one) */
	const char *ca_file;       /* PEM CA bundle trusted instead of the system store
				    * (a private CA; tests), may be NULL.  Verification
				    * stays on either way */
	long connect_timeout;      /* seconds; 0 = 10 */
	long total_timeout;        /* seconds; 0 = 30 */
	long low_speed_time;       /* seconds below 64 B/s before giving up; 0 = 15 */
	FetchDataFunc on_data;     /* NULL = buffer the body into FetchResponse.body */
	gpointer user_data;
	GCancellable *cancellable; /* may be NULL; referenced while the transfer runs.  Once
				    * cancelled (from any thread) the transfer is aborted
				    * within about a second (curl's progress callback) and
				    * ends with SW_ERROR_CANCELLED */
} FetchRequest;

typedef struct {
	long status;            /* HTTP status; 0 for file:// */
	char *etag;             /* owned, NULL if absent */
	char *last_modified;    /* owned, NULL if absent */
	char *content_type;     /* owned, NULL if absent */
	char *effective_url;    /* owned */
	gint64 retry_after;     /* seconds from Retry-After (int, fraction rounded up, or
				 * HTTP-date), -1 when absent */
	GByteArray *body;       /* owned; only when on_data was NULL.  On an HTTP error
				 * (status >= 300) it holds up to 64 KiB of the error
				 * page whether or not on_data was set; error pages
				 * never reach on_data */
	bool not_modified;      /* 304 */
} FetchResponse;

/* Called once per request, from fetcher_run()/the main loop.  @response is NULL on
 * transport errors; on HTTP errors both are set.  The callee owns neither. */
typedef void (*FetchDoneFunc)(const FetchResponse *response, const GError *error,
			      gpointer user_data);

/* Parallelism caps: transfers in flight at once and per scheme://host:port (the rest
 * queue; hosts take turns).  Idle connections (up to max_total) stay cached for reuse.
 * A transfer that has received no byte for 5 s stops counting against both caps (up
 * to 4 · max_total such at once) and runs on to its answer or timeout: requests that
 * hang on a host never hold back the next request to it (issue 16, defect 1). */
#define FETCH_DEFAULT_MAX_TOTAL 64
#define FETCH_DEFAULT_MAX_PER_HOST 6

/* Caller frees with fetcher_free().  Requests in flight are cancelled (no callback).
 * Do not free a fetcher from inside one of its callbacks. */
Fetcher *fetcher_new(void);
void fetcher_free(Fetcher *fetcher);
/* 0 keeps the default.  Takes effect for transfers started afterwards. */
void fetcher_set_limits(Fetcher *fetcher, guint max_total, guint max_per_host);
/* Queues a request; strings in @request are copied.  @done is always called later. */
void fetcher_submit(Fetcher *fetcher, const FetchRequest *request, FetchDoneFunc done,
		    gpointer user_data);
/* Runs transfers until none is left (poll --once, tests).  Callbacks may submit more. */
void fetcher_run(Fetcher *fetcher);
/* Attaches to a GMainContext (NULL = the default one) so transfers progress from the
 * daemon's main loop; done callbacks then run from that context.  Call once, before
 * or between fetcher_run() calls, never from inside one.  Afterwards fetcher_run()
 * iterates that context.  With no transfer in flight the fetcher has no source on
 * the context (an idle daemon does not wake for it). */
void fetcher_attach(Fetcher *fetcher, GMainContext *context);
guint fetcher_pending(const Fetcher *fetcher);

/* True for an IPv4/IPv6 address literal in 0/8, 10/8, 100.64/10, 127/8, 169.254/16,
 * 172.16/12, 192.168/16, ::, ::1, fc00::/7, fe80::/10, fec0::/10, or an IPv4-mapped
 * (::ffff:0:0/96) or NAT64 (64:ff9b::/96) form of those; false for anything else. */
bool fetch_address_is_internal(const char *ip);

/* Parses a Retry-After value; -1 when invalid. */
gint64 fetch_parse_retry_after(const char *value, gint64 now);

void fetch_response_free(FetchResponse *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Fetcher, fetcher_free)

#endif
