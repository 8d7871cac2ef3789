/*
 * What the chat channels (slack, teams, mattermost, googlechat, discord, ntfy) share
 * around their message builders: a webhook (webhook.h) paced for the service, and one
 * send that builds the message until it fits (chat_build_fitting()) and posts it with the
 * alert's idempotency key.  A channel whose state is this alone (slack, teams,
 * mattermost) uses chat_hook_create/chat_hook_send/chat_hook_destroy as its
 * NotifierOps; the others embed a ChatHook and call chat_hook_post() with their own URL,
 * method or headers.
 */
#ifndef SW_NOTIFY_CHATHOOK_H
#define SW_NOTIFY_CHATHOOK_H

#include <glib.h>
#include <stdbool.h>

#include "model/alert.h"
#include "notify/chatfmt.h"
#include "notify/notifier.h"
#include "notify/webhook.h"

typedef struct {
	Webhook hook;
	ChatBuildFunc build; /* the channel's message builder */
} ChatHook;

/* webhook_init() (@pace_ms between requests, 0 = none) and @build.  Errors: those of
 * webhook_init() (SW_ERROR_CONFIG).  Clear with chat_hook_clear(). */
bool chat_hook_init(ChatHook *c, const char *name, GHashTable *keys, gint64 pace_ms,
		    ChatBuildFunc build, GError **error);
void chat_hook_clear(ChatHook *c);

/*
 * Builds @alert's message with c->build (called with @self, the channel's state) and
 * sends it as @req says (method, url, content_type, headers; NULL = a POST to the
 * webhook URL), with the body and the alert's Idempotency-Key filled in here.  @ret_body
 * as webhook_send().  Errors: those of webhook_send().
 */
bool chat_hook_post(ChatHook *c, gpointer self, const Alert *alert, const WebhookRequest *req,
		    NotifyResult *result, char **ret_body, GError **error);

/* A heap ChatHook as a notifier's whole state; chat_hook_destroy(NULL) is a no-op. */
ChatHook *chat_hook_create(const char *name, GHashTable *keys, gint64 pace_ms,
			   ChatBuildFunc build, GError **error);
void chat_hook_destroy(gpointer state);
/* NotifierOps.send for a state made by chat_hook_create(): chat_hook_post() with no
 * extras. */
bool chat_hook_send(gpointer state, const Alert *alert, NotifyResult *result, GError **error);

#endif
