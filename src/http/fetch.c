/*
 * HTTP(S) and file:// fetching through libcurl's multi interface (see fetch.h).
 *
 * Data flow: fetcher_submit() copies a FetchRequest into a Transfer and queues
 * it on its host (scheme://host:port).  At most `max_total` transfers are
 * handed to the curl multi handle at a time, at most `max_per_host` per host,
 * hosts served round-robin; the rest wait in our own queues, so 2,000 sources
 * cost 2,000 small structs, not 2,000 easy handles.  A transfer that has
 * received nothing for STALL_SECONDS stops counting against both caps
 * (release_stalled()): a server that accepts and never answers must not hold
 * its host's slots until the timeout while healthy feeds on that host wait
 * (issue 16, defect 1).  Stalled transfers are capped in turn (STALL_FACTOR)
 * so a whole network that hangs cannot open a socket per source.  The per-host cap is ours,
 * not CURLMOPT_MAX_HOST_CONNECTIONS: with that option curl 7.88 parks surplus
 * handles as "pending" and sometimes wakes them only after a 1 s poll timeout
 * (measured: 1-2 s stalls in a 0.05 s poll of 2,000 feeds on one host).  curl delivers decoded body bytes to
 * write_cb(), which enforces the size cap and passes them to the caller's
 * FetchDataFunc (or a bounded buffer).  When curl reports a transfer done,
 * finish_transfer() turns CURLcode + status line into a GError and calls the
 * caller's FetchDoneFunc — always outside any curl callback, so done callbacks
 * may submit more requests (paging).
 *
 * Two ways to drive transfers:
 *  - fetcher_run(): curl_multi_perform() + curl_multi_poll() until nothing is
 *    left (poll --once, tests, benchmarks).
 *  - fetcher_attach(): the multi *socket* interface.  curl tells us which fds
 *    to watch (CURLMOPT_SOCKETFUNCTION) and when it next needs a timeout
 *    (CURLMOPT_TIMERFUNCTION); we mirror that with one g_unix_fd_source per
 *    socket and one timeout GSource.  Chosen over "poll curl_multi_fdset every
 *    N ms" because an idle daemon then has no source at all on its context: it
 *    wakes only when a socket is ready or curl's own timer is due (no
 *    busy-wait, no periodic wake-ups).  Once attached, fetcher_run() iterates
 *    that context instead.
 *
 * What this module never does: parse formats, log above g_debug, follow a
 * redirect to a non-HTTP protocol, send a URL's path to an error message
 * unmasked, or keep more than the cap of a body in memory.
 *
 * Everything here runs on one thread (the one that owns the GMainContext).
 */
#include "http/fetch.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <gio/gio.h>
#include <glib-unix.h>

#include "build-config.h"
#include "util/error.h"
#include "util/secret.h"

#define USER_AGENT "statuswatch/" SW_VERSION " (+" SW_PROJECT_URL ")"

enum {
	DEFAULT_CONNECT_TIMEOUT = 10,
	DEFAULT_TOTAL_TIMEOUT = 30,
	/* A feed trickling slower than 64 B/s for 15 s is a slow-loris, not a feed. */
	LOW_SPEED_LIMIT = 64,
	DEFAULT_LOW_SPEED_TIME = 15,
	MAX_REDIRECTS = 5,
	/* HTTP error bodies are kept for the caller's message (Graph error JSON) up to this. */
	ERROR_BODY_MAX = 64 * 1024,
	/* Longer validators are not real ones; ignoring them keeps the store bounded. */
	HEADER_VALUE_MAX = 1024,
	/* A transfer that has received no byte (header or body) for this long is "stalled"
	 * and stops counting against the per-host and total caps.  Status servers answer
	 * in well under a second; 5 s of silence is a hung server, a dead route or a
	 * slow-loris, and the next request to that host should not wait behind it. */
	STALL_SECONDS = 5,
	/* Stalled transfers at once, as a multiple of max_total (64 → 256): bounds the
	 * sockets held when every server hangs (a dropped route), far below the usual
	 * 1024-descriptor limit. */
	STALL_FACTOR = 4,
	/* release_stalled() looks at most this often (process_done() runs per socket event). */
	STALL_SCAN_US = 250 * 1000,
};

typedef struct Transfer Transfer;

/* Transfers for one scheme://host:port. */
typedef struct {
	char *key;       /* owned */
	GQueue waiting;  /* Transfer*, owned: not yet handed to curl */
	guint active;    /* handed to curl and counted against max_per_host */
	guint stalled;   /* handed to curl, stalled: no longer counted */
	bool in_ready;   /* linked in Fetcher.ready */
} HostSlot;

/* One fd curl asked us to watch while attached to a GMainContext. */
typedef struct {
	Fetcher *fetcher;
	curl_socket_t fd;
	GSource *source; /* owned; attached to fetcher->context */
} SockWatch;

struct Fetcher {
	CURLM *multi;
	GHashTable *hosts;     /* key → HostSlot*, owned; a slot lives while it has transfers */
	GQueue ready;          /* HostSlot*, borrowed: hosts with waiting transfers and room */
	guint waiting;         /* transfers in all HostSlot.waiting queues */
	GHashTable *active;    /* Transfer* set, owned: added to the multi handle */
	guint counted;         /* transfers in `active` counted against max_total */
	guint stalled;         /* transfers in `active` that stalled (no longer counted) */
	gint64 next_stall_scan;/* monotonic µs: release_stalled() does nothing before */
	guint max_total;       /* counted transfers handed to curl at once */
	guint max_per_host;    /* counted transfers handed to curl at once per host */
	GMainContext *context; /* owned ref, NULL until fetcher_attach() */
	GSource *timer;        /* owned ref, curl's pending timeout while attached */
	GSource *stall_timer;  /* owned ref while attached with transfers both counted and
				* waiting: release_stalled() needs no socket event to run */
	GHashTable *sockets;   /* fd → SockWatch*, owned, while attached */
	guint test_public_port; /* STATUSWATCH_TEST_PUBLIC_PORT (fetch.h), 0 = none */
	bool freeing;
};

struct Transfer {
	Fetcher *fetcher;      /* borrowed */
	HostSlot *slot;        /* borrowed from fetcher->hosts */
	CURL *easy;            /* owned, NULL while queued */
	struct curl_slist *header_list; /* owned */
	char *url;             /* owned */
	char *method;          /* owned, NULL = GET */
	char *body;            /* owned, may be NULL; wiped on free (may hold a client secret) */
	gsize body_len;
	GPtrArray *headers;    /* char*, owned */
	char *etag;            /* owned, request validator */
	char *last_modified;   /* owned, request validator */
	char *ca_file;         /* owned, may be NULL */
	bool sent_validator;   /* If-None-Match or If-Modified-Since went out */
	gsize max_bytes;
	bool allow_file;
	long connect_timeout;
	long total_timeout;
	long low_speed_time;
	FetchDataFunc on_data;
	gpointer data_user;
	GCancellable *cancellable; /* owned reference, may be NULL */
	FetchDoneFunc done;
	gpointer done_user;

	/* progress */
	gsize received;        /* decoded body bytes of the final response */
	long status;           /* from the last status line seen */
	char *status_line;     /* owned, verbatim without CRLF */
	char *retry_after;     /* owned, raw header value */
	FetchResponse response;
	GError *write_error;   /* owned: size cap or the data callback's error */
	bool error_body_cut;   /* an error page was cut at ERROR_BODY_MAX (not a failure) */
	bool seen_public;      /* some request of this transfer went to a public address */
	gint64 last_byte;      /* monotonic µs of the last byte received, or of the start */
	bool stalled;          /* released from the caps (Fetcher.stalled) */
	char *refused_ip;      /* owned: the internal address a redirect was refused for */
	char errbuf[CURL_ERROR_SIZE];
};

static void
global_init(void)
{
	static gsize once = 0;

	if (g_once_init_enter(&once)) {
		/* curl_global_init is not thread-safe on every build: do it exactly once. */
		curl_global_init(CURL_GLOBAL_DEFAULT);
		g_once_init_leave(&once, 1);
	}
}

static void
response_clear(FetchResponse *r)
{
	g_clear_pointer(&r->etag, g_free);
	g_clear_pointer(&r->last_modified, g_free);
	g_clear_pointer(&r->content_type, g_free);
	g_clear_pointer(&r->effective_url, g_free);
	if (r->body != NULL) {
		g_byte_array_unref(r->body);
		r->body = NULL;
	}
	r->retry_after = -1;
	r->status = 0;
	r->not_modified = false;
}

void
fetch_response_free(FetchResponse *response)
{
	if (response == NULL) {
		return;
	}
	response_clear(response);
	g_free(response);
}

static void
transfer_free(Transfer *t)
{
	if (t == NULL) {
		return;
	}
	if (t->easy != NULL) {
		curl_easy_cleanup(t->easy);
	}
	curl_slist_free_all(t->header_list);
	g_free(t->url);
	g_free(t->method);
	if (t->body != NULL) {
		explicit_bzero(t->body, t->body_len);
		g_free(t->body);
	}
	g_clear_pointer(&t->headers, g_ptr_array_unref);
	g_free(t->etag);
	g_free(t->last_modified);
	g_free(t->ca_file);
	g_free(t->status_line);
	g_free(t->retry_after);
	g_free(t->refused_ip);
	g_clear_object(&t->cancellable);
	response_clear(&t->response);
	g_clear_error(&t->write_error);
	g_free(t);
}

/* --- Retry-After ------------------------------------------------------------------------- */

gint64
fetch_parse_retry_after(const char *value, gint64 now)
{
	/* A week: anything longer is a broken server, not a plan. */
	const gint64 cap = 7 * 24 * 3600;

	if (value == NULL) {
		return -1;
	}
	while (g_ascii_isspace(*value)) {
		value++;
	}
	if (g_ascii_isdigit(*value)) {
		gint64 secs = 0;
		const char *p = value;

		for (; g_ascii_isdigit(*p); p++) {
			if (secs < cap) {
				secs = secs * 10 + (*p - '0');
			}
		}
		/* Graph once documented "Retry-After: 2.128": tolerate a fraction, round up. */
		if (*p == '.') {
			bool nonzero = false;

			p++;
			if (!g_ascii_isdigit(*p)) {
				return -1;
			}
			for (; g_ascii_isdigit(*p); p++) {
				nonzero = nonzero || *p != '0';
			}
			if (nonzero) {
				secs++;
			}
		}
		while (g_ascii_isspace(*p)) {
			p++;
		}
		if (*p != '\0') {
			return -1;
		}
		return MIN(secs, cap);
	}
	if (*value == '\0') {
		return -1;
	}
	/* HTTP-date (IMF-fixdate, or the obsolete RFC 850 / asctime forms): curl parses all. */
	time_t when = curl_getdate(value, NULL);
	if (when == (time_t)-1) {
		return -1;
	}
	gint64 delta = (gint64)when - now;
	return CLAMP(delta, 0, cap);
}

/* --- curl callbacks ---------------------------------------------------------------------- */

static char *
header_value(const char *line, gsize len, const char *name)
{
	gsize n = strlen(name);

	if (len <= n || g_ascii_strncasecmp(line, name, n) != 0 || line[n] != ':') {
		return NULL;
	}
	const char *v = line + n + 1;
	const char *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t')) {
		v++;
	}
	while (end > v && g_ascii_isspace(end[-1])) {
		end--;
	}
	if (end == v || (gsize)(end - v) > HEADER_VALUE_MAX) {
		return NULL;
	}
	return g_strndup(v, (gsize)(end - v));
}

static void
take_header(char **slot, char *value)
{
	if (value != NULL) {
		g_free(*slot);
		*slot = value;
	}
}

static size_t
header_cb(char *buffer, size_t size, size_t nitems, void *userdata)
{
	Transfer *t = userdata;
	gsize len = size * nitems;

	t->last_byte = g_get_monotonic_time();
	if (len >= 5 && memcmp(buffer, "HTTP/", 5) == 0) {
		/* A new response (after a redirect or a 100 Continue): forget the last one's. */
		gsize end = len;
		while (end > 0 && (buffer[end - 1] == '\r' || buffer[end - 1] == '\n')) {
			end--;
		}
		g_free(t->status_line);
		t->status_line = g_strndup(buffer, end);
		const char *sp = memchr(buffer, ' ', end);
		t->status = sp != NULL ? strtol(sp + 1, NULL, 10) : 0;
		g_clear_pointer(&t->response.etag, g_free);
		g_clear_pointer(&t->response.last_modified, g_free);
		g_clear_pointer(&t->response.content_type, g_free);
		g_clear_pointer(&t->retry_after, g_free);
		if (t->response.body != NULL) {
			g_byte_array_set_size(t->response.body, 0);
		}
		t->received = 0;
		return len;
	}
	switch (g_ascii_tolower(buffer[0])) {
	case 'e':
		take_header(&t->response.etag, header_value(buffer, len, "ETag"));
		break;
	case 'l':
		take_header(&t->response.last_modified, header_value(buffer, len, "Last-Modified"));
		break;
	case 'c':
		take_header(&t->response.content_type, header_value(buffer, len, "Content-Type"));
		break;
	case 'r':
		take_header(&t->retry_after, header_value(buffer, len, "Retry-After"));
		break;
	default:
		break;
	}
	return len;
}

static void
append_bounded(GByteArray **array, const char *data, gsize len, gsize max)
{
	if (*array == NULL) {
		*array = g_byte_array_new();
	}
	gsize room = max > (*array)->len ? max - (*array)->len : 0;
	g_byte_array_append(*array, (const guint8 *)data, (guint)MIN(len, room));
}

static char *
format_size(gsize bytes)
{
	if (bytes % (1024 * 1024) == 0) {
		return g_strdup_printf("%" G_GSIZE_FORMAT " MiB", bytes / (1024 * 1024));
	}
	if (bytes % 1024 == 0) {
		return g_strdup_printf("%" G_GSIZE_FORMAT " KiB", bytes / 1024);
	}
	return g_strdup_printf("%" G_GSIZE_FORMAT " bytes", bytes);
}

static void
set_limit_error(Transfer *t)
{
	g_autofree char *masked = secret_mask(t->url);
	g_autofree char *size = format_size(t->max_bytes);

	g_clear_error(&t->write_error);
	g_set_error(&t->write_error, SW_ERROR, SW_ERROR_LIMIT, "fetch '%s': response larger than %s",
		    masked, size);
}

/* Decoded bytes (after Content-Encoding), so the cap also stops gzip bombs. */
static size_t
write_cb(char *data, size_t size, size_t nmemb, void *userdata)
{
	Transfer *t = userdata;
	gsize len = size * nmemb;

	t->last_byte = g_get_monotonic_time();
	if (t->status >= 300) {
		/* An error page: keep a little for the caller, never feed it to a parser, and
		 * stop reading once that little is kept (an endless error body is no reason to
		 * download gigabytes until the timeout). */
		gsize have = t->response.body != NULL ? t->response.body->len : 0;
		append_bounded(&t->response.body, data, len, ERROR_BODY_MAX);
		if (have + len > ERROR_BODY_MAX) {
			t->error_body_cut = true;
			return 0; /* CURLE_WRITE_ERROR; finish_transfer reports the HTTP status */
		}
		return len;
	}
	if (len > t->max_bytes - t->received) {
		set_limit_error(t);
		return 0; /* CURLE_WRITE_ERROR */
	}
	t->received += len;
	if (t->on_data != NULL) {
		GError *local = NULL;

		if (!t->on_data(data, len, t->data_user, &local)) {
			if (local == NULL) {
				g_autofree char *masked = secret_mask(t->url);
				g_set_error(&local, SW_ERROR, SW_ERROR_PARSE,
					    "fetch '%s': aborted by the data callback", masked);
			}
			g_clear_error(&t->write_error);
			t->write_error = local;
			return 0;
		}
		return len;
	}
	append_bounded(&t->response.body, data, len, t->max_bytes);
	return len;
}

/* curl calls this several times a second while a transfer runs, also while it waits on a
 * silent server: the one place a transfer can be stopped from outside. */
static int
xferinfo_cb(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
	    curl_off_t ulnow)
{
	const Transfer *t = userdata;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return g_cancellable_is_cancelled(t->cancellable) ? 1 : 0; /* 1: ABORTED_BY_CALLBACK */
}

/* --- redirects into the machine's own networks ------------------------------------------ */

/* IPv4 @a (host byte order) is in @net/@bits. */
static bool
v4_in(guint32 a, guint32 net, guint bits)
{
	guint32 mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);
	return (a & mask) == (net & mask);
}

static bool
v4_is_internal(const guint8 *b)
{
	guint32 a = (guint32)b[0] << 24 | (guint32)b[1] << 16 | (guint32)b[2] << 8 | b[3];

	return v4_in(a, 0x00000000, 8) ||    /* 0.0.0.0/8 "this network" (0.0.0.0 is us) */
	       v4_in(a, 0x0a000000, 8) ||    /* 10/8 private */
	       v4_in(a, 0x64400000, 10) ||   /* 100.64/10 carrier-grade NAT */
	       v4_in(a, 0x7f000000, 8) ||    /* 127/8 loopback */
	       v4_in(a, 0xa9fe0000, 16) ||   /* 169.254/16 link-local (cloud metadata) */
	       v4_in(a, 0xac100000, 12) ||   /* 172.16/12 private */
	       v4_in(a, 0xc0a80000, 16);     /* 192.168/16 private */
}

bool
fetch_address_is_internal(const char *ip)
{
	g_autoptr(GInetAddress) addr = ip != NULL ? g_inet_address_new_from_string(ip) : NULL;

	if (addr == NULL) {
		/* Not an address we can judge (a proxy name, say): not "internal". */
		return false;
	}
	const guint8 *b = g_inet_address_to_bytes(addr);
	if (g_inet_address_get_family(addr) == G_SOCKET_FAMILY_IPV4) {
		return v4_is_internal(b);
	}
	static const guint8 mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	static const guint8 nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
	if (memcmp(b, mapped, 12) == 0 || memcmp(b, nat64, 12) == 0) {
		/* ::ffff:a.b.c.d and 64:ff9b::a.b.c.d reach the IPv4 address inside. */
		return v4_is_internal(b + 12);
	}
	return g_inet_address_get_is_any(addr) ||       /* :: */
	       g_inet_address_get_is_loopback(addr) ||  /* ::1 */
	       (b[0] & 0xfe) == 0xfc ||                 /* fc00::/7 unique-local */
	       (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || /* fe80::/10 link-local */
	       (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0);   /* fec0::/10 old site-local */
}

/* --- proxies --------------------------------------------------------------------------- */

/* The first of @names that is set in the environment, or NULL. */
static const char *
first_env(const char *const *names)
{
	for (; *names != NULL; names++) {
		const char *v = g_getenv(*names);
		if (v != NULL) {
			return v;
		}
	}
	return NULL;
}

/* @host (lower case, no brackets, no trailing dot) matches one entry of a no_proxy list
 * the way curl 7.88 matches it (lib/noproxy.c): "*" alone matches all; a name matches
 * itself and its subdomains (a leading dot is ignored); an IP literal matches the same
 * literal or a CIDR range ("10.0.0.0/8"). */
static bool
no_proxy_matches(const char *host, const char *list)
{
	if (list == NULL || *list == '\0') {
		return false;
	}
	if (strcmp(list, "*") == 0) {
		return true;
	}
	g_autoptr(GInetAddress) addr = g_inet_address_new_from_string(host);
	g_auto(GStrv) tokens = g_strsplit_set(list, ", ", -1);
	gsize hlen = strlen(host);

	for (char **tok = tokens; *tok != NULL; tok++) {
		char *entry = *tok;
		if (*entry == '\0') {
			continue;
		}
		if (addr != NULL) {
			g_autoptr(GInetAddressMask) mask = g_inet_address_mask_new_from_string(entry, NULL);
			if (mask != NULL && g_inet_address_mask_matches(mask, addr)) {
				return true;
			}
			continue;
		}
		if (*entry == '.') {
			entry++;
		}
		gsize elen = strlen(entry);
		if (elen > 0 && entry[elen - 1] == '.') {
			elen--;
		}
		if (elen == 0 || elen > hlen || g_ascii_strncasecmp(host + hlen - elen, entry, elen) != 0) {
			continue;
		}
		if (elen == hlen || host[hlen - elen - 1] == '.') {
			return true;
		}
	}
	return false;
}

/*
 * True when curl reaches @url through a proxy: it reads the proxy from the environment
 * (fetch.h), exactly as curl 7.88 does (lib/url.c): <scheme>_proxy, for https also
 * HTTPS_PROXY (never HTTP_PROXY: a CGI can set that), then all_proxy / ALL_PROXY; an
 * empty value is none; no_proxy / NO_PROXY exempts hosts.  @ret_host gets the host
 * (lower case, no brackets, no trailing dot).
 */
static bool
url_uses_proxy(const char *url, char **ret_host)
{
	g_autofree char *scheme = NULL;
	g_autofree char *host = NULL;

	*ret_host = NULL;
	if (url == NULL ||
	    !g_uri_split_network(url, G_URI_FLAGS_NONE, &scheme, &host, NULL, NULL) ||
	    scheme == NULL || host == NULL) {
		return false;
	}
	char *h = g_ascii_strdown(host, -1);
	gsize len = strlen(h);
	if (len > 1 && h[len - 1] == '.') {
		h[len - 1] = '\0';
	}
	*ret_host = h;

	const char *proxy = NULL;
	if (g_ascii_strcasecmp(scheme, "http") == 0) {
		static const char *const names[] = {"http_proxy", NULL};
		proxy = first_env(names);
	} else if (g_ascii_strcasecmp(scheme, "https") == 0) {
		static const char *const names[] = {"https_proxy", "HTTPS_PROXY", NULL};
		proxy = first_env(names);
	} else {
		return false; /* file:// */
	}
	if (proxy == NULL) {
		static const char *const names[] = {"all_proxy", "ALL_PROXY", NULL};
		proxy = first_env(names);
	}
	if (proxy == NULL || *proxy == '\0') {
		return false;
	}
	static const char *const no[] = {"no_proxy", "NO_PROXY", NULL};
	return !no_proxy_matches(h, first_env(no));
}

/* Through a proxy only the URL's host can be judged: an internal IP literal, or
 * "localhost" and its subdomains (RFC 6761), which every resolver keeps on the machine. */
static bool
host_is_internal(const char *host)
{
	return fetch_address_is_internal(host) || g_strcmp0(host, "localhost") == 0 ||
	       g_str_has_suffix(host, ".localhost");
}

/*
 * Called by curl once the connection for each request of a transfer is ready (new or
 * reused, after TLS), before the request goes out: @ip is the address actually connected
 * to, so a name that resolves differently the second time (DNS rebinding) changes
 * nothing.  Once a request of this transfer went to a public address, a later one
 * (a redirect) to an internal address is refused before anything is sent; a source
 * configured with an internal address keeps working, redirects within it too.
 * Through a proxy @ip is the proxy's, so the request's URL is judged instead: its host
 * is internal when it is an internal IP literal or localhost (host_is_internal()), and
 * public otherwise, because what the proxy resolves a name to cannot be known here
 * (documented in fetch.h and statuswatch.conf(5)).
 */
static int
prereq_cb(void *clientp, char *ip, char *local_ip, int port, int local_port)
{
	Transfer *t = clientp;
	char *url = NULL;
	g_autofree char *host = NULL;
	bool internal;

	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &url);
	if (url_uses_proxy(url, &host)) {
		internal = host_is_internal(host);
		ip = host; /* named in the refusal */
	} else {
		internal = fetch_address_is_internal(ip);
		if (internal && t->fetcher->test_public_port != 0 && port > 0 &&
		    (guint)port == t->fetcher->test_public_port) {
			internal = false; /* test knob: this loopback port plays a public server */
		}
	}
	if (!internal) {
		t->seen_public = true;
		return CURL_PREREQFUNC_OK;
	}
	if (t->seen_public) {
		g_free(t->refused_ip);
		t->refused_ip = g_strdup(ip);
		return CURL_PREREQFUNC_ABORT;
	}
	return CURL_PREREQFUNC_OK;
}

/* --- transfer setup ---------------------------------------------------------------------- */

static bool
header_is_safe(const char *value)
{
	/* No header splitting through a stored validator or a config value. */
	return value != NULL && strpbrk(value, "\r\n") == NULL;
}

static void
add_header(Transfer *t, const char *name, const char *value)
{
	if (!header_is_safe(value)) {
		return;
	}
	g_autofree char *line = name != NULL ? g_strdup_printf("%s: %s", name, value) : NULL;
	t->header_list = curl_slist_append(t->header_list, line != NULL ? line : value);
}

static void
setup_easy(Transfer *t)
{
	CURL *e = curl_easy_init();

	if (e == NULL) {
		/* Only on allocation failure; GLib's policy is to abort on OOM too. */
		g_error("curl_easy_init failed");
	}
	t->easy = e;
	t->errbuf[0] = '\0';

	curl_easy_setopt(e, CURLOPT_URL, t->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, USER_AGENT);

	/*
	 * Protocols: file:// only when the config names a file.  Redirects stay on
	 * HTTP: https may only redirect to https (no downgrade), http to http or
	 * https (upgrades are how sites move to TLS).  Never file://, whatever the
	 * original was.
	 */
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, t->allow_file ? "http,https,file" : "http,https");
	bool is_https = g_ascii_strncasecmp(t->url, "https:", 6) == 0;
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, is_https ? "https" : "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);

	curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
	if (t->ca_file != NULL) {
		curl_easy_setopt(e, CURLOPT_CAINFO, t->ca_file);
	}
	/* HTTP/2 only through ALPN on TLS: cleartext h2 breaks reused connections on 7.88. */
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	/*
	 * No CURLOPT_PIPEWAIT: with it curl parks a new transfer behind a connection to
	 * the same host whose protocol it does not know yet, and a server that accepts
	 * and never answers never tells it: three hung requests kept a healthy feed on
	 * the same host from ever being sent (issue 16, defect 1).  Without it a burst
	 * opens up to max_per_host connections; later transfers still multiplex on an
	 * established h2 connection.
	 */
	curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, prereq_cb);
	curl_easy_setopt(e, CURLOPT_PREREQDATA, t);

	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, t->connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, t->total_timeout);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, (long)LOW_SPEED_LIMIT);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, t->low_speed_time);
	/* Early refusal when Content-Length is honest; write_cb catches the rest. */
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)t->max_bytes);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");

	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	if (t->cancellable != NULL) {
		curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
		curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, xferinfo_cb);
		curl_easy_setopt(e, CURLOPT_XFERINFODATA, t);
	}

	/* An empty validator would send an empty header: treat it as absent. */
	if (t->etag != NULL && t->etag[0] != '\0' && header_is_safe(t->etag)) {
		add_header(t, "If-None-Match", t->etag);
		t->sent_validator = true;
	}
	if (t->last_modified != NULL && t->last_modified[0] != '\0' &&
	    header_is_safe(t->last_modified)) {
		add_header(t, "If-Modified-Since", t->last_modified);
		t->sent_validator = true;
	}
	for (guint i = 0; t->headers != NULL && i < t->headers->len; i++) {
		add_header(t, NULL, g_ptr_array_index(t->headers, i));
	}
	if (t->header_list != NULL) {
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->header_list);
	}

	if (t->method != NULL && g_ascii_strcasecmp(t->method, "POST") == 0) {
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)t->body_len);
		/* Not copied by curl: the Transfer owns it until the easy handle is gone. */
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->body != NULL ? t->body : "");
	} else if (t->method != NULL && g_ascii_strcasecmp(t->method, "HEAD") == 0) {
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
	} else if (t->method != NULL && g_ascii_strcasecmp(t->method, "GET") != 0) {
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, t->method);
		/* PATCH/PUT with a body (Discord edits a message in place). */
		if (t->body != NULL) {
			curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)t->body_len);
			curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->body);
		}
	}
}

/* --- per-host queues ------------------------------------------------------------------- */

static void
host_slot_free(gpointer data)
{
	HostSlot *slot = data;

	g_queue_clear_full(&slot->waiting, (GDestroyNotify)transfer_free);
	g_free(slot->key);
	g_free(slot);
}

static char *
host_key(const char *url)
{
	g_autofree char *scheme = NULL;
	g_autofree char *host = NULL;
	gint port = -1;

	/* Unparsable URLs share one slot; curl will refuse them with a proper error. */
	if (!g_uri_split_network(url, G_URI_FLAGS_NONE, &scheme, &host, &port, NULL)) {
		return g_strdup("");
	}
	return g_strdup_printf("%s://%s:%d", scheme, host != NULL ? host : "", port);
}

static void
host_maybe_ready(Fetcher *f, HostSlot *slot)
{
	if (!slot->in_ready && !g_queue_is_empty(&slot->waiting) &&
	    slot->active < f->max_per_host) {
		slot->in_ready = true;
		g_queue_push_tail(&f->ready, slot);
	}
}

static void
host_enqueue(Fetcher *f, Transfer *t)
{
	g_autofree char *key = host_key(t->url);
	HostSlot *slot = g_hash_table_lookup(f->hosts, key);

	if (slot == NULL) {
		slot = g_new0(HostSlot, 1);
		slot->key = g_steal_pointer(&key);
		g_queue_init(&slot->waiting);
		g_hash_table_insert(f->hosts, slot->key, slot);
	}
	t->slot = slot;
	g_queue_push_tail(&slot->waiting, t);
	f->waiting++;
	host_maybe_ready(f, slot);
}

static void
host_release(Fetcher *f, HostSlot *slot, bool stalled)
{
	if (stalled) {
		slot->stalled--;
	} else {
		slot->active--;
	}
	if (slot->active == 0 && slot->stalled == 0 && g_queue_is_empty(&slot->waiting)) {
		g_hash_table_remove(f->hosts, slot->key);
		return;
	}
	host_maybe_ready(f, slot);
}

/* --- completion -------------------------------------------------------------------------- */

/*
 * The one place that decides temporary versus permanent for transfers
 * (msmtp's net_exitcode()).  Unknown codes count as temporary: retrying with
 * backoff is harmless, giving up on a feed for good is not.
 */
static SwErrorCode
classify_curl(CURLcode rc)
{
	switch (rc) {
	case CURLE_UNSUPPORTED_PROTOCOL: /* includes a redirect to a refused protocol */
	case CURLE_URL_MALFORMAT:
	case CURLE_TOO_MANY_REDIRECTS:
	case CURLE_NOT_BUILT_IN:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_REMOTE_ACCESS_DENIED:
	case CURLE_LOGIN_DENIED:
	case CURLE_BAD_CONTENT_ENCODING:
	case CURLE_FILE_COULDNT_READ_FILE:
		return SW_ERROR_PERMANENT;
	case CURLE_FILESIZE_EXCEEDED:
		return SW_ERROR_LIMIT;
	default:
		return SW_ERROR_TEMPORARY;
	}
}

static SwErrorCode
classify_status(long status)
{
	if (status >= 500 || status == 408 || status == 429) {
		return SW_ERROR_TEMPORARY;
	}
	return SW_ERROR_PERMANENT;
}

/*
 * What a server may echo into its status line, or a parser quote from the body, must not
 * carry the request's own credentials into a message that is logged and stored: the
 * URL's tokens (a feed URL written as env:NAME because it carries one) and the
 * Authorization header's.  The URL's path as a whole is left alone: for a feed it is a
 * word like "feed", not a secret (notifiers scrub their whole URL, notifier.h).
 */
static void
scrub_error(const Transfer *t, GError *error)
{
	g_autoptr(GPtrArray) secrets = secret_list_new();

	secret_list_add_url_tokens(secrets, t->url);
	for (guint i = 0; t->headers != NULL && i < t->headers->len; i++) {
		const char *h = g_ptr_array_index(t->headers, i);
		if (g_ascii_strncasecmp(h, "Authorization:", 14) != 0) {
			continue;
		}
		const char *v = h + 14;
		while (*v == ' ') {
			v++;
		}
		const char *sp = strchr(v, ' '); /* "Bearer TOKEN": the token alone too */
		secret_list_add_login(secrets, NULL, sp != NULL ? sp + 1 : v);
		secret_list_add_login(secrets, NULL, v);
	}
	char *clean = secret_scrub(error->message, (const char *const *)secrets->pdata);
	g_free(error->message);
	error->message = clean;
}

static void
finish_transfer(Fetcher *f, Transfer *t, CURLcode rc)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *masked = secret_mask(t->url);
	FetchResponse *r = &t->response;
	bool http_error = false;
	char *eff = NULL;
	long code = 0;

	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &eff);
	r->status = code;
	r->effective_url = g_strdup(eff != NULL ? eff : t->url);
	r->retry_after = fetch_parse_retry_after(t->retry_after, g_get_real_time() / G_USEC_PER_SEC);

	if (t->write_error != NULL) {
		error = g_steal_pointer(&t->write_error);
	} else if (t->refused_ip != NULL) {
		g_autofree char *eff_masked = secret_mask(r->effective_url);
		g_set_error(&error, SW_ERROR, SW_ERROR_PERMANENT,
			    "fetch '%s': redirect from a public address to '%s' (%s) refused: "
			    "loopback, link-local and private addresses are reachable only when "
			    "configured directly",
			    masked, eff_masked, t->refused_ip);
	} else if (rc == CURLE_ABORTED_BY_CALLBACK &&
		   g_cancellable_is_cancelled(t->cancellable)) {
		g_set_error(&error, SW_ERROR, SW_ERROR_CANCELLED, "fetch '%s': aborted", masked);
	} else if (rc == CURLE_FILESIZE_EXCEEDED) {
		set_limit_error(t);
		error = g_steal_pointer(&t->write_error);
	} else if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && t->error_body_cut)) {
		const char *msg = t->errbuf[0] != '\0' ? t->errbuf : curl_easy_strerror(rc);
		g_set_error(&error, SW_ERROR, classify_curl(rc), "fetch '%s': %s", masked, msg);
	} else if (code == 304 && !t->sent_validator) {
		/* "Unchanged" since what?  Counting it as success would leave the source
		 * looking healthy while never delivering data (issue 16, defect 11). */
		g_set_error(&error, SW_ERROR, SW_ERROR_TEMPORARY,
			    "fetch '%s': %s to a request that sent no validator", masked,
			    t->status_line != NULL ? t->status_line : "304 Not Modified");
	} else if (code == 304) {
		r->not_modified = true;
		g_clear_pointer(&r->body, g_byte_array_unref);
	} else if (code >= 300) {
		/* 3xx here means a redirect without Location: nothing to retry. */
		http_error = true;
		g_set_error(&error, SW_ERROR, classify_status(code), "fetch '%s': %s", masked,
			    t->status_line != NULL ? t->status_line : "HTTP error");
	}
	if (error == NULL && r->body == NULL && t->on_data == NULL && !r->not_modified) {
		r->body = g_byte_array_new();
	}
	if (error != NULL) {
		scrub_error(t, error);
	}

	g_hash_table_steal(f->active, t);
	if (t->stalled) {
		f->stalled--;
	} else {
		f->counted--;
	}
	curl_multi_remove_handle(f->multi, t->easy);
	host_release(f, t->slot, t->stalled);
	t->slot = NULL;
	if (t->done != NULL) {
		/* Contract: response only on success and on HTTP errors (fetch.h). */
		t->done(error == NULL || http_error ? r : NULL, error, t->done_user);
	}
	transfer_free(t);
}

/*
 * Transfers that received nothing for STALL_SECONDS stop counting against their host's
 * cap and the total (issue 16, defect 1: eight hung requests held all six slots of a
 * host, so a healthy feed there waited for their timeout).  A released transfer runs on
 * to its own timeout or answer, uncounted.  At most max_total · STALL_FACTOR are
 * released at once; beyond that the caps hold again.
 */
static void
release_stalled(Fetcher *f)
{
	gint64 now = g_get_monotonic_time();

	if (f->counted == 0 || now < f->next_stall_scan) {
		return;
	}
	f->next_stall_scan = now + STALL_SCAN_US;

	GHashTableIter iter;
	gpointer key;
	g_hash_table_iter_init(&iter, f->active);
	while (f->stalled < f->max_total * STALL_FACTOR &&
	       g_hash_table_iter_next(&iter, &key, NULL)) {
		Transfer *t = key;

		/* At most max_per_host stalled per host as well: a host that answers slowly
		 * (not hung) must not get a new batch of requests every STALL_SECONDS. */
		if (t->stalled || now - t->last_byte < STALL_SECONDS * G_USEC_PER_SEC ||
		    t->slot->stalled >= f->max_per_host) {
			continue;
		}
		t->stalled = true;
		f->counted--;
		f->stalled++;
		t->slot->active--;
		t->slot->stalled++;
		host_maybe_ready(f, t->slot);
	}
}

static gboolean on_stall_timer(gpointer data);

/* While attached, a once-a-second look for stalled transfers, only when one could
 * free a slot someone waits for: an idle daemon has no such source. */
static void
stall_timer_update(Fetcher *f)
{
	bool need = f->context != NULL && !f->freeing && f->counted > 0 && f->waiting > 0;

	if (need && f->stall_timer == NULL) {
		f->stall_timer = g_timeout_source_new_seconds(1);
		g_source_set_name(f->stall_timer, "fetch stall check");
		g_source_set_callback(f->stall_timer, on_stall_timer, f, NULL);
		g_source_attach(f->stall_timer, f->context);
	} else if (!need && f->stall_timer != NULL) {
		g_source_destroy(f->stall_timer);
		g_clear_pointer(&f->stall_timer, g_source_unref);
	}
}

static void
start_queued(Fetcher *f)
{
	release_stalled(f);
	while (f->counted < f->max_total && !g_queue_is_empty(&f->ready)) {
		HostSlot *slot = g_queue_pop_head(&f->ready);
		Transfer *t = g_queue_pop_head(&slot->waiting);

		/* Round-robin: the host goes to the back of the line if it has more. */
		slot->in_ready = false;
		slot->active++;
		f->waiting--;
		host_maybe_ready(f, slot);

		setup_easy(t);
		t->last_byte = g_get_monotonic_time();
		f->counted++;
		g_hash_table_add(f->active, t);
		CURLMcode mc = curl_multi_add_handle(f->multi, t->easy);
		if (mc != CURLM_OK) {
			g_error("curl_multi_add_handle: %s", curl_multi_strerror(mc));
		}
	}
	stall_timer_update(f);
}

/* Delivers every finished transfer, then refills from the queue. */
static void
process_done(Fetcher *f)
{
	CURLMsg *msg;
	int left = 0;

	if (f->freeing) {
		return;
	}
	for (;;) {
		msg = curl_multi_info_read(f->multi, &left);
		if (msg == NULL) {
			break;
		}
		if (msg->msg != CURLMSG_DONE) {
			continue;
		}
		Transfer *t = NULL;
		CURLcode rc = msg->data.result;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		/* msg is invalid once the handle is removed: everything was read above. */
		finish_transfer(f, t, rc);
	}
	start_queued(f);
}

/* --- GMainContext integration (multi socket interface) ----------------------------------- */

static gboolean
on_stall_timer(gpointer data)
{
	Fetcher *f = data;

	/* process_done() ends in start_queued(), which keeps or drops this source. */
	g_source_ref(f->stall_timer);
	GSource *self = f->stall_timer;
	process_done(f);
	bool keep = f->stall_timer == self;
	g_source_unref(self);
	return keep ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
on_timeout(gpointer data)
{
	Fetcher *f = data;
	int running = 0;

	/* This source ends now; curl may install a new one from inside socket_action. */
	g_clear_pointer(&f->timer, g_source_unref);
	curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	process_done(f);
	return G_SOURCE_REMOVE;
}

static int
timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	Fetcher *f = userp;

	if (f->timer != NULL) {
		g_source_destroy(f->timer);
		g_clear_pointer(&f->timer, g_source_unref);
	}
	if (timeout_ms < 0 || f->freeing) {
		return 0; /* nothing due: no source, so an idle daemon sleeps */
	}
	f->timer = g_timeout_source_new((guint)MIN(timeout_ms, (long)G_MAXINT));
	g_source_set_name(f->timer, "fetch timer");
	g_source_set_callback(f->timer, on_timeout, f, NULL);
	g_source_attach(f->timer, f->context);
	return 0;
}

static gboolean
on_socket(gint fd, GIOCondition condition, gpointer data)
{
	SockWatch *w = data;
	Fetcher *f = w->fetcher; /* w may be freed inside socket_action */
	int mask = 0;
	int running = 0;

	if (condition & G_IO_IN) {
		mask |= CURL_CSELECT_IN;
	}
	if (condition & G_IO_OUT) {
		mask |= CURL_CSELECT_OUT;
	}
	if (condition & (G_IO_ERR | G_IO_HUP | G_IO_NVAL)) {
		mask |= CURL_CSELECT_ERR;
	}
	curl_multi_socket_action(f->multi, fd, mask, &running);
	process_done(f);
	return G_SOURCE_CONTINUE;
}

static void
sock_watch_free(gpointer data)
{
	SockWatch *w = data;

	if (w->source != NULL) {
		g_source_destroy(w->source);
		g_source_unref(w->source);
	}
	g_free(w);
}

static int
socket_cb(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp)
{
	Fetcher *f = userp;

	if (what == CURL_POLL_REMOVE) {
		g_hash_table_remove(f->sockets, GINT_TO_POINTER(s));
		return 0;
	}
	SockWatch *w = g_hash_table_lookup(f->sockets, GINT_TO_POINTER(s));
	if (w == NULL) {
		w = g_new0(SockWatch, 1);
		w->fetcher = f;
		w->fd = s;
		g_hash_table_insert(f->sockets, GINT_TO_POINTER(s), w);
	} else if (w->source != NULL) {
		g_source_destroy(w->source);
		g_clear_pointer(&w->source, g_source_unref);
	}
	GIOCondition cond = G_IO_ERR | G_IO_HUP;
	if (what & CURL_POLL_IN) {
		cond |= G_IO_IN;
	}
	if (what & CURL_POLL_OUT) {
		cond |= G_IO_OUT;
	}
	w->source = g_unix_fd_source_new(s, cond);
	g_source_set_name(w->source, "fetch socket");
	g_source_set_callback(w->source, (GSourceFunc)(void (*)(void))on_socket, w, NULL);
	g_source_attach(w->source, f->context);
	return 0;
}

/* --- public API -------------------------------------------------------------------------- */

Fetcher *
fetcher_new(void)
{
	Fetcher *f = g_new0(Fetcher, 1);

	global_init();
	f->multi = curl_multi_init();
	if (f->multi == NULL) {
		g_error("curl_multi_init failed");
	}
	f->hosts = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, host_slot_free);
	g_queue_init(&f->ready);
	f->active = g_hash_table_new(g_direct_hash, g_direct_equal);
	fetcher_set_limits(f, FETCH_DEFAULT_MAX_TOTAL, FETCH_DEFAULT_MAX_PER_HOST);
	const char *port = g_getenv("STATUSWATCH_TEST_PUBLIC_PORT");
	if (port != NULL) {
		guint64 v = 0;
		if (g_ascii_string_to_unsigned(port, 10, 1, 65535, &v, NULL)) {
			f->test_public_port = (guint)v;
		}
	}
	return f;
}

void
fetcher_set_limits(Fetcher *fetcher, guint max_total, guint max_per_host)
{
	g_return_if_fail(fetcher != NULL);

	fetcher->max_total = max_total > 0 ? max_total : FETCH_DEFAULT_MAX_TOTAL;
	fetcher->max_per_host = max_per_host > 0 ? max_per_host : FETCH_DEFAULT_MAX_PER_HOST;
	/* A safety net only: we never hand curl more transfers than this (counted plus
	 * stalled); at curl's own limit it would park ours where no stall check sees them. */
	curl_multi_setopt(fetcher->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
			  (long)fetcher->max_total * (1 + STALL_FACTOR));

	/* A raised per-host cap may make waiting hosts eligible. */
	GHashTableIter iter;
	gpointer value;
	g_hash_table_iter_init(&iter, fetcher->hosts);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		host_maybe_ready(fetcher, value);
	}
	/* Keep every connection we may open alive for the next poll cycle. */
	curl_multi_setopt(fetcher->multi, CURLMOPT_MAXCONNECTS, (long)fetcher->max_total);
}

void
fetcher_free(Fetcher *fetcher)
{
	if (fetcher == NULL) {
		return;
	}
	fetcher->freeing = true;

	GHashTableIter iter;
	gpointer key;
	g_hash_table_iter_init(&iter, fetcher->active);
	while (g_hash_table_iter_next(&iter, &key, NULL)) {
		Transfer *t = key;
		curl_multi_remove_handle(fetcher->multi, t->easy);
		transfer_free(t);
	}
	g_hash_table_destroy(fetcher->active);
	g_queue_clear(&fetcher->ready);
	g_hash_table_destroy(fetcher->hosts);
	/* May still call socket_cb/timer_cb for cached connections: tables stay valid until after. */
	curl_multi_cleanup(fetcher->multi);
	if (fetcher->timer != NULL) {
		g_source_destroy(fetcher->timer);
		g_source_unref(fetcher->timer);
	}
	if (fetcher->stall_timer != NULL) {
		g_source_destroy(fetcher->stall_timer);
		g_source_unref(fetcher->stall_timer);
	}
	g_clear_pointer(&fetcher->sockets, g_hash_table_destroy);
	g_clear_pointer(&fetcher->context, g_main_context_unref);
	g_free(fetcher);
}

void
fetcher_submit(Fetcher *fetcher, const FetchRequest *request, FetchDoneFunc done,
	       gpointer user_data)
{
	g_return_if_fail(fetcher != NULL);
	g_return_if_fail(request != NULL && request->url != NULL);

	Transfer *t = g_new0(Transfer, 1);
	t->fetcher = fetcher;
	t->url = g_strdup(request->url);
	t->method = g_strdup(request->method);
	if (request->body != NULL) {
		t->body = g_memdup2(request->body, request->body_len);
		t->body_len = request->body_len;
	}
	if (request->headers != NULL) {
		t->headers = g_ptr_array_new_with_free_func(g_free);
		for (const char *const *h = request->headers; *h != NULL; h++) {
			g_ptr_array_add(t->headers, g_strdup(*h));
		}
	}
	t->etag = g_strdup(request->etag);
	t->last_modified = g_strdup(request->last_modified);
	t->ca_file = g_strdup(request->ca_file);
	t->max_bytes = request->max_bytes > 0 ? request->max_bytes : FETCH_DEFAULT_MAX_BYTES;
	t->allow_file = request->allow_file;
	t->connect_timeout =
		request->connect_timeout > 0 ? request->connect_timeout : DEFAULT_CONNECT_TIMEOUT;
	t->total_timeout = request->total_timeout > 0 ? request->total_timeout
						      : DEFAULT_TOTAL_TIMEOUT;
	t->low_speed_time =
		request->low_speed_time > 0 ? request->low_speed_time : DEFAULT_LOW_SPEED_TIME;
	t->on_data = request->on_data;
	t->data_user = request->user_data;
	if (request->cancellable != NULL) {
		t->cancellable = g_object_ref(request->cancellable);
	}
	t->done = done;
	t->done_user = user_data;
	t->response.retry_after = -1;

	host_enqueue(fetcher, t);
	/*
	 * Attached: hand it to curl now (curl's timer callback schedules the work;
	 * done is never called from here).  Otherwise fetcher_run() starts it.
	 */
	if (fetcher->context != NULL) {
		start_queued(fetcher);
	}
}

guint
fetcher_pending(const Fetcher *fetcher)
{
	g_return_val_if_fail(fetcher != NULL, 0);
	return fetcher->waiting + g_hash_table_size(fetcher->active);
}

void
fetcher_run(Fetcher *fetcher)
{
	g_return_if_fail(fetcher != NULL);

	if (fetcher->context != NULL) {
		while (fetcher_pending(fetcher) > 0) {
			g_main_context_iteration(fetcher->context, TRUE);
		}
		return;
	}
	start_queued(fetcher);
	while (fetcher_pending(fetcher) > 0) {
		int running = 0;

		curl_multi_perform(fetcher->multi, &running);
		process_done(fetcher);
		if (fetcher_pending(fetcher) == 0) {
			break;
		}
		/* Sleeps until a socket is ready or curl's next timeout; 1 s is only an upper bound. */
		curl_multi_poll(fetcher->multi, NULL, 0, 1000, NULL);
	}
}

void
fetcher_attach(Fetcher *fetcher, GMainContext *context)
{
	g_return_if_fail(fetcher != NULL);
	g_return_if_fail(fetcher->context == NULL);
	/* curl announces sockets only to a socket-interface driver: not from inside fetcher_run(). */
	g_return_if_fail(g_hash_table_size(fetcher->active) == 0);

	fetcher->context =
		g_main_context_ref(context != NULL ? context : g_main_context_default());
	fetcher->sockets = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
						 sock_watch_free);
	curl_multi_setopt(fetcher->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
	curl_multi_setopt(fetcher->multi, CURLMOPT_SOCKETDATA, fetcher);
	curl_multi_setopt(fetcher->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(fetcher->multi, CURLMOPT_TIMERDATA, fetcher);
	start_queued(fetcher);
}
