/*
 * What every HTTP-based channel shares (slack, teams, discord, mattermost,
 * googlechat, ntfy, generic): reading the `url` key (a secret: masked in every
 * message), one synchronous request through http/fetch with the outcome turned
 * into the notifier contract (SW_ERROR_TEMPORARY for transport failures, 5xx,
 * 408 and 429 with Retry-After; SW_ERROR_PERMANENT for other 4xx; the
 * server's status line and body excerpt verbatim), and pacing for services
 * that accept only so many requests per second.
 */
#ifndef SW_NOTIFY_WEBHOOK_H
#define SW_NOTIFY_WEBHOOK_H

#include <glib.h>
#include <stdbool.h>

#include "notify/notifier.h"

typedef struct Fetcher Fetcher;

typedef struct {
	char *name;      /* owned: the notifier name, for messages */
	char *url;       /* owned: secret */
	char *masked;    /* owned: secret_mask(url) */
	long timeout;    /* seconds for one request: 30 */
	gint64 min_interval_us; /* pacing between requests; 0 = none */
	gint64 last_us;         /* monotonic time of the last request, 0 = none */
	/* owned, made on the first send: one per notifier, so its connection cache keeps
	 * the receiver's connection (and TLS session) open from one request to the next */
	Fetcher *fetcher;
} Webhook;

/*
 * Reads `url` from @keys (required; http(s); plain http only to a loopback host, since
 * the URL carries the token).  @min_interval_ms paces
 * requests (Slack: 1000, Teams: 250).  Errors: SW_ERROR_CONFIG naming the notifier and
 * key (the URL itself only masked).  Clear with webhook_clear().
 */
bool webhook_init(Webhook *hook, const char *name, GHashTable *keys, gint64 min_interval_ms,
		  GError **error);
void webhook_clear(Webhook *hook);

typedef struct {
	const char *method;          /* NULL = "POST" */
	const char *url;             /* NULL = hook->url; a secret either way */
	const char *body;            /* may be NULL */
	gsize body_len;
	const char *content_type;    /* NULL = "application/json" */
	const char *const *headers;  /* extra "Name: value", NULL-terminated, may be NULL */
	const char *idempotency_key; /* sent as Idempotency-Key (Alert.key), may be NULL */
} WebhookRequest;

/*
 * Sends @req and waits for the answer (at most hook->timeout), after waiting out the
 * pacing interval.  On success (2xx) sets @result->answer ("HTTP 200") and, when
 * @ret_body is not NULL, the response body (caller frees; NUL-terminated, may be "").
 * On failure: SW_ERROR_TEMPORARY or SW_ERROR_PERMANENT with "notifier 'NAME': POST
 * 'https://host/…': HTTP/1.1 400 Bad Request: <body, one line, at most 300 bytes>",
 * and @result->retry_after from Retry-After (429/503).
 */
bool webhook_send(Webhook *hook, const WebhookRequest *req, NotifyResult *result,
		  char **ret_body, GError **error);

/* True for "localhost", 127.0.0.0/8 and ::1 (brackets allowed). */
bool notify_host_is_loopback(const char *host);

#endif
