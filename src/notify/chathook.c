/*
 * The chat channels' shared webhook and send (see chathook.h).  Builds no message
 * itself (each channel's build function does) and decides nothing about transport
 * (webhook.c does); it only joins the two the same way for every channel.
 */
#include "notify/chathook.h"

#include <string.h>

bool
chat_hook_init(ChatHook *c, const char *name, GHashTable *keys, gint64 pace_ms,
	       ChatBuildFunc build, GError **error)
{
	c->build = build;
	return webhook_init(&c->hook, name, keys, pace_ms, error);
}

void
chat_hook_clear(ChatHook *c)
{
	webhook_clear(&c->hook);
}

bool
chat_hook_post(ChatHook *c, gpointer self, const Alert *alert, const WebhookRequest *req,
	       NotifyResult *result, char **ret_body, GError **error)
{
	g_autofree char *json = chat_build_fitting(c->build, self, alert);
	WebhookRequest full = req != NULL ? *req : (WebhookRequest){0};

	full.body = json;
	full.body_len = strlen(json);
	full.idempotency_key = alert->key;
	return webhook_send(&c->hook, &full, result, ret_body, error);
}

ChatHook *
chat_hook_create(const char *name, GHashTable *keys, gint64 pace_ms, ChatBuildFunc build,
		 GError **error)
{
	ChatHook *c = g_new0(ChatHook, 1);

	if (!chat_hook_init(c, name, keys, pace_ms, build, error)) {
		g_free(c);
		return NULL;
	}
	return c;
}

void
chat_hook_destroy(gpointer state)
{
	ChatHook *c = state;

	if (c == NULL) {
		return;
	}
	chat_hook_clear(c);
	g_free(c);
}

bool
chat_hook_send(gpointer state, const Alert *alert, NotifyResult *result, GError **error)
{
	ChatHook *c = state;

	return chat_hook_post(c, c, alert, NULL, result, NULL, error);
}
