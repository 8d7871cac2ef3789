/*
 * The HTTP side every webhook channel shares (see webhook.h).  One request at
 * a time through a private Fetcher (the dispatcher never calls one notifier
 * concurrently, and a send may run in a worker thread, so nothing here touches
 * a main context).  It never logs; the webhook URL carries the token, so only
 * its secret_mask() form reaches an error message.
 */
#include "notify/webhook.h"

#include <string.h>

#include <gio/gio.h>

#include "http/fetch.h"
#include "notify/render.h"
#include "util/error.h"
#include "util/secret.h"

/* A service's error page is for people; 300 bytes of it say what went wrong
 * ("invalid_payload", "Webhook message content too long") without pasting HTML. */
#define ANSWER_MAX 300
/* Chat services answer with small JSON; Discord's message object is ~2 KB. */
#define RESPONSE_MAX (256 * 1024)

bool
notify_host_is_loopback(const char *host)
{
	if (host == NULL) {
		return false;
	}
	g_autofree char *h = g_strdup(host);
	gsize len = strlen(h);
	if (len >= 2 && h[0] == '[' && h[len - 1] == ']') {
		h[len - 1] = '\0';
		memmove(h, h + 1, len - 1);
	}
	if (g_ascii_strcasecmp(h, "localhost") == 0 || strcmp(h, "::1") == 0) {
		return true;
	}
	g_autoptr(GInetAddress) addr = g_inet_address_new_from_string(h);
	return addr != NULL && g_inet_address_get_is_loopback(addr);
}

static const char *
key(GHashTable *keys, const char *name)
{
	const char *v = keys != NULL ? g_hash_table_lookup(keys, name) : NULL;
	return v != NULL && *v != '\0' ? v : NULL;
}

bool
webhook_init(Webhook *hook, const char *name, GHashTable *keys, gint64 min_interval_ms,
	     GError **error)
{
	const char *url = key(keys, "url");
	g_autofree char *scheme = NULL;
	g_autofree char *host = NULL;

	memset(hook, 0, sizeof(*hook));
	if (url == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "notifier '%s': key 'url' is missing",
			    name);
		return false;
	}
	g_autofree char *masked = secret_mask(url);
	if (!g_uri_split_network(url, G_URI_FLAGS_NONE, &scheme, &host, NULL, NULL) ||
	    host == NULL || *host == '\0' ||
	    (g_ascii_strcasecmp(scheme, "https") != 0 && g_ascii_strcasecmp(scheme, "http") != 0)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s': key 'url': '%s' is not an http(s) URL", name, masked);
		return false;
	}
	/* The URL is the credential: never send it in cleartext across a network. */
	if (g_ascii_strcasecmp(scheme, "http") == 0 && !notify_host_is_loopback(host)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s': key 'url': '%s' must use https (plain http only to a "
			    "loopback host)",
			    name, masked);
		return false;
	}
	/* Chat services answer within a second or two; 30 s covers a slow corporate proxy. */
	hook->timeout = 30;
	hook->name = g_strdup(name);
	hook->url = g_strdup(url);
	hook->masked = g_steal_pointer(&masked);
	hook->min_interval_us = min_interval_ms * 1000;
	return true;
}

void
webhook_clear(Webhook *hook)
{
	if (hook == NULL) {
		return;
	}
	g_free(hook->name);
	secret_free(hook->url); /* the URL is the credential */
	g_free(hook->masked);
	fetcher_free(hook->fetcher);
	memset(hook, 0, sizeof(*hook));
}

typedef struct {
	GError *error;
	FetchResponse copy; /* status, retry_after, body (stolen) */
	bool done;
} Outcome;

static void
on_done(const FetchResponse *response, const GError *error, gpointer user_data)
{
	Outcome *o = user_data;

	o->done = true;
	if (error != NULL) {
		o->error = g_error_copy(error);
	}
	if (response != NULL) {
		o->copy.status = response->status;
		o->copy.retry_after = response->retry_after;
		if (response->body != NULL) {
			o->copy.body = g_byte_array_ref(response->body);
		}
	}
}

/* Pacing: services such as Slack (about one message per second per webhook) answer 429
 * to bursts; waiting a fraction of a second here is cheaper than a retry round trip. */
static void
pace(Webhook *hook)
{
	if (hook->min_interval_us <= 0 || hook->last_us == 0) {
		return;
	}
	gint64 wait = hook->last_us + hook->min_interval_us - g_get_monotonic_time();
	if (wait > 0) {
		g_usleep((gulong)MIN(wait, hook->min_interval_us));
	}
}

bool
webhook_send(Webhook *hook, const WebhookRequest *req, NotifyResult *result, char **ret_body,
	     GError **error)
{
	const char *method = req->method != NULL ? req->method : "POST";
	const char *url = req->url != NULL ? req->url : hook->url;
	g_autofree char *masked = secret_mask(url);
	g_autofree char *ctype = g_strdup_printf("Content-Type: %s", req->content_type != NULL
									 ? req->content_type
									 : "application/json");
	g_autoptr(GPtrArray) headers = g_ptr_array_new();
	Outcome o = {0};

	g_autofree char *key = NULL;
	g_ptr_array_add(headers, ctype);
	if (req->idempotency_key != NULL) {
		/* A receiver that keeps keys drops the duplicate a crash-and-retry may send. */
		g_autofree char *clean = render_clean_line(req->idempotency_key, 200);
		key = g_strdup_printf("Idempotency-Key: %s", clean);
		g_ptr_array_add(headers, key);
	}
	for (guint i = 0; req->headers != NULL && req->headers[i] != NULL; i++) {
		g_ptr_array_add(headers, (gpointer)req->headers[i]);
	}
	g_ptr_array_add(headers, NULL);

	FetchRequest fr = {
		.url = url,
		.method = method,
		.body = req->body,
		.body_len = req->body_len,
		.headers = (const char *const *)headers->pdata,
		.max_bytes = RESPONSE_MAX,
		.connect_timeout = MIN(hook->timeout, 10),
		.total_timeout = hook->timeout,
		/* The dispatcher's stop: a stopping daemon aborts the request (notifier.h). */
		.cancellable = g_cancellable_get_current(),
	};
	pace(hook);
	/* Reused across sends: a new Fetcher per request meant a new TCP (and TLS)
	 * connection each time, 143 alerts/s where the receiver took 200/s
	 * (tests/bench/README.md, "Outbox drain").  The dispatcher never sends on one
	 * notifier from two threads at once (notifier.h), so the Fetcher needs no lock. */
	if (hook->fetcher == NULL) {
		hook->fetcher = fetcher_new();
	}
	fetcher_submit(hook->fetcher, &fr, on_done, &o);
	fetcher_run(hook->fetcher);
	hook->last_us = g_get_monotonic_time();

	g_autoptr(GByteArray) body = o.copy.body;
	g_autofree char *text = NULL;
	if (body != NULL) {
		text = g_strndup((const char *)body->data, body->len);
	}
	if (o.error != NULL) {
		g_autoptr(GError) e = o.error;
		if (o.copy.retry_after > 0) {
			result->retry_after = o.copy.retry_after;
		}
		if (o.copy.status >= 300) {
			/* fetch's message is "fetch 'URL': <status line>"; keep the status line. */
			const char *status_line = strstr(e->message, "': ");
			status_line = status_line != NULL ? status_line + 3 : e->message;
			g_autofree char *answer = render_clean_line(text, ANSWER_MAX);
			g_set_error(error, SW_ERROR, e->code, "notifier '%s': %s '%s': %s%s%s",
				    hook->name, method, masked, status_line,
				    *answer != '\0' ? ": " : "", answer);
		} else {
			const char *what = strstr(e->message, "': ");
			what = what != NULL ? what + 3 : e->message;
			g_set_error(error, SW_ERROR, e->code, "notifier '%s': %s '%s': %s", hook->name,
				    method, masked, what);
		}
		return false;
	}
	if (!o.done) {
		g_set_error(error, SW_ERROR, SW_ERROR_TEMPORARY,
			    "notifier '%s': %s '%s': no answer", hook->name, method, masked);
		return false;
	}
	result->answer = g_strdup_printf("HTTP %ld", o.copy.status);
	if (ret_body != NULL) {
		*ret_body = text != NULL ? g_steal_pointer(&text) : g_strdup("");
	}
	return true;
}
