/*
 * The Microsoft 365 (Graph service communications) client: token, pages,
 * throttling, and the full-versus-incremental decision.  See m365.h for the
 * contract.
 *
 * One poll is a small state machine driven by fetch callbacks:
 *   [token]  POST {login}/{tenant}/oauth2/v2.0/token (only when the cached
 *            token is missing or within 300 s of expiry),
 *   issues   GET {graph}/v1.0/admin/serviceAnnouncement/issues[?$filter=...],
 *            then every @odata.nextLink verbatim, each with the
 *            Authorization header (Graph does not carry headers over),
 *   messages the same for .../messages when `messages = true`,
 * and ends in exactly one done callback.  A Graph 401/403 with a token from
 * the cache gets one fresh token and one retry (a permission granted after
 * the token was issued is only in a new token); with a fresh token it is a
 * configuration error.  429/503 with Retry-After <= 30 s are retried inside
 * the poll from a GLib timer (at most MAX_IN_POLL_RETRIES times), a longer
 * one defers the source's next poll.
 *
 * It must never log, never block, and never put the token or the client
 * secret into a message (URLs carry neither: the token travels in a header,
 * the secret in the POST body).  Parsing is graph_parse() (sources/graph.c).
 */
#include "poll/m365.h"

#include <stdarg.h>
#include <string.h>

#include "model/advisory.h"
#include "sources/graph.h"
#include "sources/parsers.h"
#include "sources/source.h"
#include "util/error.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/timeparse.h"

/* Refresh this long before the token's expiry (REFERENCE §5 item 1). */
#define TOKEN_MARGIN 300
/* Larger pages mean fewer requests against the 240/min, 800/h budget (§1.5); 1000 is the cap. */
#define PAGE_SIZE 999
/* A tenant with more than 50 000 issues is not a tenant, it is a loop. */
#define MAX_PAGES 50
/* Longest Retry-After honoured inside one poll; longer ones defer the next poll. */
#define MAX_IN_POLL_WAIT 30
/* Retries inside one poll after 429/503: three keeps a throttled poll to a handful of requests. */
#define MAX_IN_POLL_RETRIES 3
/* Incremental reads overlap the last success by this much (clock skew, late indexing). */
#define INCREMENTAL_OVERLAP 600

typedef struct {
	const char *name;
	const char *login;
	const char *graph;
} CloudRow;

/* REFERENCE §1.2.  China: the Graph deployments page's authority. */
static const CloudRow clouds[] = {
	{"global", "https://login.microsoftonline.com", "https://graph.microsoft.com"},
	{"usgov", "https://login.microsoftonline.us", "https://graph.microsoft.us"},
	{"usgovdod", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"},
	{"china", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"},
};

typedef struct Poll Poll;

struct M365Client {
	gint refcount;           /* the owner's, plus one per poll in flight */
	bool closed;             /* m365_client_free() was called */
	char *name;              /* source name, owned */
	char *tenant;            /* owned */
	char *client_id;         /* owned */
	char *secret;            /* resolved client secret, owned, wiped on free */
	char *login_base;        /* "https://login.microsoftonline.com", no trailing '/', owned */
	char *graph_base;        /* "https://graph.microsoft.com", no trailing '/', owned */
	bool messages;           /* also read Message Center */
	gint64 full_read_interval;
	gsize max_bytes;         /* per page, 0 = fetch default */
	guint max_items;         /* per page, 0 = parser default */
	long timeout;            /* per request, 0 = fetch default */
	char *token;             /* cached access token, owned, wiped on free; NULL if none */
	gint64 token_expires;    /* Unix s by the injected clock */
	Poll *poll;              /* the poll in flight, or NULL */
};

typedef enum {
	COLLECTION_ISSUES,
	COLLECTION_MESSAGES,
} Collection;

struct Poll {
	M365Client *client;      /* one reference */
	Fetcher *fetcher;        /* borrowed */
	gint64 now;
	gint64 since;            /* incremental lower bound, SW_TIME_NONE for a full read */
	M365DoneFunc done;
	gpointer user_data;
	M365Result *result;      /* owned until handed to done */
	GHashTable *seen;        /* char * ids in this read, owned keys */
	Collection collection;
	char *url;               /* the page being fetched (or retried), owned */
	guint pages;
	guint retries;
	bool token_fresh;        /* the token in use was obtained during this poll */
	bool after_token;        /* what to do once a token arrives: fetch url */
	guint timer;             /* GSource id of a Retry-After wait, 0 if none */
	GSource *timer_source;   /* owned reference while waiting */
};

static void poll_fetch_page(Poll *poll);
static void poll_request_token(Poll *poll);

/* ---- client ---- */

static M365Client *
client_ref(M365Client *client)
{
	client->refcount++;
	return client;
}

static void
client_unref(M365Client *client)
{
	if (client == NULL || --client->refcount > 0) {
		return;
	}
	g_free(client->name);
	g_free(client->tenant);
	g_free(client->client_id);
	secret_free(client->secret);
	g_free(client->login_base);
	g_free(client->graph_base);
	secret_free(client->token);
	g_free(client);
}

/* A value used in a URL path or form must be plain: letters, digits and ".-_". */
static bool
plain_token(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 256) {
		return false;
	}
	for (const char *p = s; *p != '\0'; p++) {
		if (!g_ascii_isalnum(*p) && *p != '.' && *p != '-' && *p != '_') {
			return false;
		}
	}
	return true;
}

static char *
base_url(const char *name, const char *key, const char *value, GError **error)
{
	if (!text_is_web_link(value)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "source '%s': %s '%s' is not an http(s) URL", name, key, value);
		return NULL;
	}
	char *url = g_strdup(value);
	gsize len = strlen(url);
	while (len > 0 && url[len - 1] == '/') {
		url[--len] = '\0';
	}
	return url;
}

static const char *
set_or_null(const char *v)
{
	return v != NULL && *v != '\0' ? v : NULL;
}

M365Client *
m365_client_new(const M365Settings *settings, GError **error)
{
	g_return_val_if_fail(settings != NULL && settings->name != NULL, NULL);
	const char *name = settings->name;
	const char *tenant = set_or_null(settings->tenant);
	const char *client_id = set_or_null(settings->client_id);
	const char *secret = set_or_null(settings->client_secret);

	if (tenant == NULL || client_id == NULL || secret == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "source '%s': type m365 needs %s", name,
			    tenant == NULL ? "tenant" : client_id == NULL ? "client_id" : "client_secret");
		return NULL;
	}
	if (!plain_token(tenant)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "source '%s': tenant '%s' is neither a GUID nor a domain name", name,
			    tenant);
		return NULL;
	}
	if (!plain_token(client_id)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "source '%s': client_id '%s' is not an application (client) id", name,
			    client_id);
		return NULL;
	}

	const char *cloud_name = set_or_null(settings->cloud);
	const CloudRow *cloud = NULL;
	for (guint i = 0; i < G_N_ELEMENTS(clouds); i++) {
		if (g_ascii_strcasecmp(clouds[i].name, cloud_name != NULL ? cloud_name : "global") ==
		    0) {
			cloud = &clouds[i];
		}
	}
	if (cloud == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "source '%s': cloud '%s' is not one of global, usgov, usgovdod, china",
			    name, cloud_name);
		return NULL;
	}
	const char *login = set_or_null(settings->login_url);
	const char *graph = set_or_null(settings->graph_url);
	g_autofree char *login_base = base_url(name, "login_url",
					       login != NULL ? login : cloud->login, error);
	if (login_base == NULL) {
		return NULL;
	}
	g_autofree char *graph_base = base_url(name, "graph_url",
					       graph != NULL ? graph : cloud->graph, error);
	if (graph_base == NULL) {
		return NULL;
	}

	if (settings->full_read_interval <= 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "source '%s': full_read_interval must be positive", name);
		return NULL;
	}

	g_autoptr(GError) secret_error = NULL;
	char *resolved = secret_resolve(secret, &secret_error);
	if (resolved == NULL || *resolved == '\0') {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "source '%s': client_secret: %s", name,
			    secret_error != NULL ? secret_error->message : "empty");
		secret_free(resolved);
		return NULL;
	}

	M365Client *client = g_new0(M365Client, 1);
	client->refcount = 1;
	client->name = g_strdup(name);
	client->tenant = g_strdup(tenant);
	client->client_id = g_strdup(client_id);
	client->secret = resolved;
	client->login_base = g_steal_pointer(&login_base);
	client->graph_base = g_steal_pointer(&graph_base);
	client->messages = settings->messages;
	client->full_read_interval = settings->full_read_interval;
	client->max_bytes = settings->max_bytes;
	client->max_items = settings->max_items;
	client->timeout = settings->timeout > 0 ? (long)MIN(settings->timeout, G_MAXLONG) : 0;
	client->token_expires = SW_TIME_NONE;
	return client;
}

const char *
m365_client_name(const M365Client *client)
{
	return client->name;
}

const char *
m365_client_login_url(const M365Client *client)
{
	return client->login_base;
}

const char *
m365_client_graph_url(const M365Client *client)
{
	return client->graph_base;
}

/* ---- result ---- */

static M365Result *
result_new(gint64 now)
{
	M365Result *r = g_new0(M365Result, 1);
	r->advisories = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	r->warnings = g_ptr_array_new_with_free_func(g_free);
	r->read_time = now;
	r->defer_until = SW_TIME_NONE;
	return r;
}

void
m365_result_free(M365Result *result)
{
	if (result == NULL) {
		return;
	}
	g_ptr_array_unref(result->advisories);
	g_ptr_array_unref(result->warnings);
	g_free(result);
}

/* ---- poll lifecycle ---- */

static void
poll_free(Poll *poll)
{
	if (poll->timer_source != NULL) {
		g_source_destroy(poll->timer_source);
		g_source_unref(poll->timer_source);
	}
	m365_result_free(poll->result);
	g_hash_table_unref(poll->seen);
	g_free(poll->url);
	if (poll->client->poll == poll) {
		poll->client->poll = NULL;
	}
	client_unref(poll->client);
	g_free(poll);
}

/* Ends the poll: exactly one done call (unless the client was freed), then frees it. */
static void
poll_finish(Poll *poll, GError *error /* owned, may be NULL */)
{
	M365Result *result = g_steal_pointer(&poll->result);

	if (error != NULL) {
		/* A failed poll reports nothing but its deferral. */
		g_ptr_array_set_size(result->advisories, 0);
		result->full_read = false;
	}
	if (!poll->client->closed) {
		poll->client->poll = NULL;
		poll->done(result, error, poll->user_data);
	} else {
		m365_result_free(result);
	}
	g_clear_error(&error);
	poll_free(poll);
}

static void
poll_fail(Poll *poll, int code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

static void
poll_fail(Poll *poll, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *raw = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	/* Every m365 error passes here on its way to the log and the store: a server that
	 * echoes the request (error_description) must not leak the secret or the token. */
	const char *known[] = {poll->client->secret, poll->client->token, NULL};
	g_autofree char *msg = secret_scrub(raw, known);
	poll_finish(poll, g_error_new_literal(SW_ERROR, code, msg));
}

/* The body of an HTTP error response as text for a message: "CODE: message" from a
 * Graph or OAuth error body, else NULL. */
static char *
error_detail(const FetchResponse *response)
{
	if (response == NULL || response->body == NULL || response->body->len == 0) {
		return NULL;
	}
	const char *data = (const char *)response->body->data;
	gsize len = response->body->len;
	g_autofree char *code = NULL;
	g_autofree char *inner = NULL;
	g_autofree char *message = NULL;
	if (graph_parse_error_body(data, len, &code, &inner, &message)) {
		GString *s = g_string_new(code != NULL ? code : "");
		if (inner != NULL) {
			g_string_append_printf(s, "%s%s", s->len > 0 ? "/" : "", inner);
		}
		if (message != NULL) {
			/* Long messages are cut: this lands in a log line. */
			g_autofree char *cut = g_utf8_substring(message, 0,
								MIN(g_utf8_strlen(message, -1), 200));
			g_string_append_printf(s, "%s%s", s->len > 0 ? ": " : "", cut);
		}
		return g_string_free(s, FALSE);
	}
	g_autofree char *oerr = NULL;
	g_autofree char *odesc = NULL;
	if (graph_parse_oauth_error(data, len, &oerr, &odesc)) {
		return odesc != NULL ? g_strdup_printf("%s: %s", oerr, odesc) : g_strdup(oerr);
	}
	return NULL;
}

static const char *
collection_path(Collection c)
{
	return c == COLLECTION_ISSUES ? "issues" : "messages";
}

static const char *
collection_permission(Collection c)
{
	return c == COLLECTION_ISSUES ? "ServiceHealth.Read.All" : "ServiceMessage.Read.All";
}

static char *
first_page_url(Poll *poll)
{
	const char *path = collection_path(poll->collection);
	if (poll->since == SW_TIME_NONE) {
		return g_strdup_printf("%s/v1.0/admin/serviceAnnouncement/%s",
				       poll->client->graph_base, path);
	}
	g_autofree char *when = time_format_rfc3339(poll->since);
	g_autofree char *filter = g_strdup_printf("lastModifiedDateTime ge %s", when);
	g_autofree char *escaped = g_uri_escape_string(filter, NULL, FALSE);
	return g_strdup_printf("%s/v1.0/admin/serviceAnnouncement/%s?$filter=%s",
			       poll->client->graph_base, path, escaped);
}

/* After a collection's last page: the next collection's first page, or the end. */
static void
poll_next_collection(Poll *poll)
{
	if (poll->collection != COLLECTION_ISSUES || !poll->client->messages) {
		poll_finish(poll, NULL);
		return;
	}
	poll->collection = COLLECTION_MESSAGES;
	g_free(poll->url);
	poll->url = first_page_url(poll);
	poll->pages = 0;
	poll_fetch_page(poll);
}

static gboolean
on_retry_timer(gpointer user_data)
{
	Poll *poll = user_data;
	g_source_unref(poll->timer_source);
	poll->timer_source = NULL;
	if (poll->client->closed) {
		poll_free(poll);
		return G_SOURCE_REMOVE;
	}
	if (poll->after_token) {
		poll_request_token(poll);
	} else {
		poll_fetch_page(poll);
	}
	return G_SOURCE_REMOVE;
}

/*
 * 429 / 503: a short Retry-After is waited out inside this poll (a GLib timer,
 * never sleep()), a long one defers the next poll, none leaves it to the
 * poller's backoff.  Returns true when the poll continues.
 */
static bool
handle_throttle(Poll *poll, const FetchResponse *response, const char *what)
{
	gint64 wait = response->retry_after;
	g_autofree char *detail = error_detail(response);
	g_autofree char *suffix = detail != NULL ? g_strdup_printf(" (%s)", detail) : g_strdup("");

	if (wait >= 0 && wait <= MAX_IN_POLL_WAIT && poll->retries < MAX_IN_POLL_RETRIES) {
		poll->retries++;
		/* Retry-After: 0 still waits a second: immediate retries count against the limit. */
		guint ms = (guint)MAX(wait, 1) * 1000u;
		poll->timer_source = g_timeout_source_new(ms);
		g_source_set_callback(poll->timer_source, on_retry_timer, poll, NULL);
		g_source_attach(poll->timer_source, g_main_context_get_thread_default());
		return true;
	}
	if (wait > MAX_IN_POLL_WAIT) {
		poll->result->defer_until = poll->now + wait;
		poll_fail(poll, SW_ERROR_TEMPORARY,
			  "%s answered %ld%s with Retry-After %" G_GINT64_FORMAT
			  " s: next poll deferred", what, response->status, suffix, wait);
		return false;
	}
	poll_fail(poll, SW_ERROR_TEMPORARY, "%s answered %ld%s%s", what, response->status,
		  suffix, wait >= 0 ? " (still throttled after retries)" : "");
	return false;
}

/* ---- token ---- */

static void
on_token_done(const FetchResponse *response, const GError *error, gpointer user_data)
{
	Poll *poll = user_data;
	M365Client *client = poll->client;

	if (client->closed) {
		poll_free(poll);
		return;
	}
	if (response != NULL && (response->status == 429 || response->status == 503)) {
		poll->after_token = true;
		handle_throttle(poll, response, "token endpoint");
		return;
	}
	if (response != NULL && (response->status == 400 || response->status == 401 ||
				 response->status == 403)) {
		/* AADSTS errors: wrong tenant, client id or secret, or a secret that expired. */
		g_autofree char *detail = error_detail(response);
		poll_fail(poll, SW_ERROR_CONFIG,
			  "token request refused (%ld%s%s): check tenant, client_id and "
			  "client_secret", response->status, detail != NULL ? " " : "",
			  detail != NULL ? detail : "");
		return;
	}
	if (error != NULL) {
		int code = error->domain == SW_ERROR ? error->code : SW_ERROR_TEMPORARY;
		poll_fail(poll, code, "token request failed: %s", error->message);
		return;
	}
	if (response == NULL || response->body == NULL || response->status != 200) {
		poll_fail(poll, SW_ERROR_TEMPORARY, "token request: unexpected HTTP status %ld",
			  response != NULL ? response->status : 0L);
		return;
	}
	g_autoptr(GError) perr = NULL;
	char *token = NULL;
	gint64 expires_in = 0;
	if (!graph_parse_token_response((const char *)response->body->data, response->body->len,
					&token, &expires_in, &perr)) {
		poll_fail(poll, SW_ERROR_PARSE, "%s", perr->message);
		return;
	}
	secret_free(client->token);
	client->token = token;
	client->token_expires = poll->now + expires_in;
	poll->token_fresh = true;
	poll->after_token = false;
	poll_fetch_page(poll);
}

static void
poll_request_token(Poll *poll)
{
	M365Client *client = poll->client;
	g_autofree char *url = g_strdup_printf("%s/%s/oauth2/v2.0/token", client->login_base,
					       client->tenant);
	g_autofree char *scope = g_strdup_printf("%s/.default", client->graph_base);
	g_autofree char *e_id = g_uri_escape_string(client->client_id, NULL, FALSE);
	g_autofree char *e_scope = g_uri_escape_string(scope, NULL, FALSE);
	g_autoptr(SecretStr) e_secret = g_uri_escape_string(client->secret, NULL, FALSE);
	g_autoptr(SecretStr) body = g_strdup_printf("client_id=%s&scope=%s&client_secret=%s"
				     "&grant_type=client_credentials", e_id, e_scope, e_secret);
	const char *headers[] = {"Content-Type: application/x-www-form-urlencoded",
				 "Accept: application/json", NULL};
	FetchRequest req = {
		.url = url,
		.method = "POST",
		.body = body,
		.body_len = strlen(body),
		.headers = headers,
		.max_bytes = 64 * 1024, /* a token response is ~2 KB */
		.total_timeout = client->timeout,
	};
	poll->after_token = true;
	fetcher_submit(poll->fetcher, &req, on_token_done, poll);
	/* fetcher_submit() copied the body; e_secret and body are wiped as they go out of
	 * scope, so the secret does not lie in freed memory. */
}

/* ---- pages ---- */

static void
on_page_done(const FetchResponse *response, const GError *error, gpointer user_data)
{
	Poll *poll = user_data;
	M365Client *client = poll->client;
	const char *coll = collection_path(poll->collection);

	if (client->closed) {
		poll_free(poll);
		return;
	}
	long status = response != NULL ? response->status : 0;
	if (status == 401 || status == 403) {
		if (!poll->token_fresh) {
			/* A cached token: expired early, revoked, or older than a new consent. */
			secret_free(g_steal_pointer(&client->token));
			client->token_expires = SW_TIME_NONE;
			poll_request_token(poll);
			return;
		}
		g_autofree char *detail = error_detail(response);
		if (status == 401) {
			/* A token just issued and refused: it was made for another Graph (cloud). */
			poll_fail(poll, SW_ERROR_CONFIG,
				  "Graph refused a fresh token (401%s%s): check that cloud or "
				  "graph_url matches the tenant's cloud",
				  detail != NULL ? " " : "", detail != NULL ? detail : "");
			return;
		}
		poll_fail(poll, SW_ERROR_CONFIG,
			  "Graph refused access (403%s%s): the app lacks %s or admin consent",
			  detail != NULL ? " " : "", detail != NULL ? detail : "",
			  collection_permission(poll->collection));
		return;
	}
	if (status == 429 || status == 503) {
		poll->after_token = false;
		handle_throttle(poll, response, "Graph");
		return;
	}
	if (status == 400 && poll->since != SW_TIME_NONE && poll->pages == 0) {
		/* The $filter on lastModifiedDateTime is not documented for issues (REFERENCE
		 * §1.4): if Graph refuses it, read everything instead. */
		g_ptr_array_add(poll->result->warnings,
				g_strdup_printf("Graph refused the incremental filter on %s; "
						"doing a full read", coll));
		poll->since = SW_TIME_NONE;
		poll->result->full_read = true;
		g_ptr_array_set_size(poll->result->advisories, 0);
		g_hash_table_remove_all(poll->seen);
		poll->collection = COLLECTION_ISSUES;
		g_free(poll->url);
		poll->url = first_page_url(poll);
		poll_fetch_page(poll);
		return;
	}
	if (error != NULL || status != 200 || response->body == NULL) {
		g_autofree char *detail = error_detail(response);
		int code = error != NULL && error->domain == SW_ERROR ? error->code
			   : status >= 500 || status == 0             ? SW_ERROR_TEMPORARY
								      : SW_ERROR_PERMANENT;
		if (error != NULL) {
			poll_fail(poll, code, "Graph %s: %s%s%s%s", coll, error->message,
				  detail != NULL ? " (" : "", detail != NULL ? detail : "",
				  detail != NULL ? ")" : "");
		} else {
			poll_fail(poll, code, "Graph %s: unexpected HTTP status %ld%s%s%s", coll,
				  status, detail != NULL ? " (" : "", detail != NULL ? detail : "",
				  detail != NULL ? ")" : "");
		}
		return;
	}

	SourceContext ctx = {
		.source_name = client->name,
		.expect = SOURCE_FORMAT_GRAPH,
		.max_bytes = client->max_bytes,
		.max_items = client->max_items,
		.now = poll->now,
	};
	SourceResult page = {
		.advisories = poll->result->advisories,
		.warnings = poll->result->warnings,
	};
	guint before = page.advisories->len;
	g_autoptr(GError) perr = NULL;
	if (!graph_parse(&ctx, (const char *)response->body->data, response->body->len, &page,
			 &perr)) {
		g_free(page.next_link);
		poll_fail(poll, perr->code, "Graph %s page %u: %s", coll, poll->pages + 1,
			  perr->message);
		return;
	}
	if (page.truncated) {
		/* Items were dropped: this read cannot prove that a missing issue vanished. */
		poll->result->full_read = false;
	}
	/* The same id twice (a list that shifted while paging): keep the later copy. */
	for (guint i = before; i < page.advisories->len; i++) {
		Advisory *adv = g_ptr_array_index(page.advisories, i);
		if (g_hash_table_add(poll->seen, g_strdup(adv->id))) {
			continue;
		}
		for (guint j = 0; j < i; j++) {
			Advisory *old = g_ptr_array_index(page.advisories, j);
			if (g_strcmp0(old->id, adv->id) == 0) {
				g_ptr_array_remove_index(page.advisories, j);
				i--;
				break;
			}
		}
	}
	poll->pages++;
	poll->retries = 0;
	if (page.next_link != NULL) {
		if (poll->pages >= MAX_PAGES) {
			g_free(page.next_link);
			poll_fail(poll, SW_ERROR_LIMIT, "Graph %s: more than %d pages", coll,
				  MAX_PAGES);
			return;
		}
		/* The bearer token goes with the next request: only to the Graph base it was
		 * issued for, never to another host or scheme a page names. */
		gsize blen = strlen(client->graph_base);
		if (!g_str_has_prefix(page.next_link, client->graph_base) ||
		    (client->graph_base[blen - 1] != '/' && page.next_link[blen] != '/')) {
			g_autofree char *masked = secret_mask(page.next_link);
			g_free(page.next_link);
			poll_fail(poll, SW_ERROR_PERMANENT,
				  "Graph %s: next page '%s' is not on '%s', refused", coll, masked,
				  client->graph_base);
			return;
		}
		/* Verbatim: never rebuild it from $skip/$skiptoken (Graph paging guidance). */
		g_free(poll->url);
		poll->url = page.next_link;
		poll_fetch_page(poll);
		return;
	}
	poll_next_collection(poll);
}

static void
poll_fetch_page(Poll *poll)
{
	M365Client *client = poll->client;

	if (client->token == NULL || poll->now >= client->token_expires - TOKEN_MARGIN) {
		poll_request_token(poll);
		return;
	}
	g_autoptr(SecretStr) auth = g_strdup_printf("Authorization: Bearer %s", client->token);
	g_autofree char *prefer = g_strdup_printf("Prefer: odata.maxpagesize=%d", PAGE_SIZE);
	const char *headers[] = {auth, prefer, "Accept: application/json", NULL};
	FetchRequest req = {
		.url = poll->url,
		.headers = headers,
		.max_bytes = client->max_bytes,
		.total_timeout = client->timeout,
	};
	fetcher_submit(poll->fetcher, &req, on_page_done, poll);
}

void
m365_client_poll(M365Client *client, Fetcher *fetcher, const SourceState *state, gint64 now,
		 M365DoneFunc done, gpointer user_data)
{
	g_return_if_fail(client != NULL && fetcher != NULL && done != NULL);

	if (client->poll != NULL) {
		g_autoptr(GError) busy = g_error_new(SW_ERROR, SW_ERROR_TEMPORARY,
						     "source '%s': a poll is already running",
						     client->name);
		done(result_new(now), busy, user_data);
		return;
	}
	Poll *poll = g_new0(Poll, 1);
	poll->client = client_ref(client);
	poll->fetcher = fetcher;
	poll->now = now;
	poll->done = done;
	poll->user_data = user_data;
	poll->result = result_new(now);
	poll->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	poll->collection = COLLECTION_ISSUES;
	client->poll = poll;

	/* Full read when there is nothing to be incremental from, or when it is due (or the
	 * clock went backwards past the last one). */
	gint64 last_success = state != NULL ? state->last_success : SW_TIME_NONE;
	gint64 last_full = state != NULL ? state->last_full_read : SW_TIME_NONE;
	bool full = last_success == SW_TIME_NONE || last_full == SW_TIME_NONE ||
		    now - last_full >= client->full_read_interval || now < last_full;
	poll->since = full ? SW_TIME_NONE : last_success - INCREMENTAL_OVERLAP;
	poll->result->full_read = full;

	poll->url = first_page_url(poll);
	poll_fetch_page(poll);
}

void
m365_client_free(M365Client *client)
{
	if (client == NULL) {
		return;
	}
	client->closed = true;
	/* Wipe now, not at the last reference: a poll cancelled with its fetcher at shutdown
	 * never calls back to drop its reference. */
	secret_free(client->secret);
	client->secret = NULL;
	secret_free(client->token);
	client->token = NULL;
	Poll *poll = client->poll;
	client->poll = NULL;
	if (poll != NULL && poll->timer_source != NULL) {
		/* Waiting on a timer, not on the fetcher: nothing else will free the poll. */
		poll_free(poll);
	}
	/* A poll waiting on the fetcher holds a reference and frees itself in its callback. */
	client_unref(client);
}
