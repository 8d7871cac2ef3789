/*
 * The generic webhook: POSTs the alert as JSON (alert_to_json(): "event", "key",
 * "previous", "changes", ... and the incident object of statuswatch-json(5) under
 * "incident"; the ALERT section there) to `url`, with the alert's idempotency key in an Idempotency-Key header, so
 * a receiver can drop the one duplicate a crash may cause.  Transport,
 * status mapping and secret masking are webhook.c's.
 */
#include <string.h>

#include "model/alert.h"
#include "notify/notifier.h"
#include "notify/webhook.h"
#include "util/timeparse.h"

static gpointer
generic_create(const char *name, GHashTable *keys, GError **error)
{
	Webhook *hook = g_new0(Webhook, 1);
	const char *timeout = keys != NULL ? g_hash_table_lookup(keys, "timeout") : NULL;
	gint64 seconds = 0;

	/* No pacing: a generic receiver is ours to size; its 429 + Retry-After is honoured. */
	if (!webhook_init(hook, name, keys, 0, error)) {
		g_free(hook);
		return NULL;
	}
	/* `timeout` was checked when the configuration was loaded (config_schema.c: a
	 * duration from 1s to 10m); what is left here is reading it. */
	if (timeout != NULL && time_parse_duration(timeout, &seconds) && seconds > 0) {
		hook->timeout = (long)seconds;
	}
	return hook;
}

static bool
generic_send(gpointer state, const Alert *alert, NotifyResult *result, GError **error)
{
	Webhook *hook = state;
	g_autofree char *body = alert_to_json(alert);
	g_autofree char *key = g_strdup_printf("Idempotency-Key: %s",
					       alert->key != NULL ? alert->key : "");
	const char *const headers[] = {key, NULL};
	WebhookRequest req = {
		.body = body,
		.body_len = strlen(body),
		.headers = headers,
	};

	return webhook_send(hook, &req, result, NULL, error);
}

static void
generic_destroy(gpointer state)
{
	webhook_clear(state);
	g_free(state);
}

const NotifierOps generic_ops = {
	.type = "generic",
	.main_thread = false,
	.create = generic_create,
	.send = generic_send,
	.destroy = generic_destroy,
};
