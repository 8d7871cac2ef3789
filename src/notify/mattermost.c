/*
 * The Mattermost channel (type = mattermost): one Markdown post through an
 * incoming webhook (https://HOST/hooks/KEY).  A post holds at most 16,383
 * characters, so lists shrink to fit.  The webhook URL is the credential:
 * masked in every message.
 */
#include <cjson/cJSON.h>
#include <glib.h>

#include "model/alert.h"
#include "notify/chatfmt.h"
#include "notify/chathook.h"
#include "notify/notifier.h"
#include "notify/render.h"

/* Mattermost's post limit is 16,383 characters; the rest is room for our own lines. */
#define TEXT_MAX 16000

static char *
build(gpointer self, const Alert *alert, guint max_items, bool *ret_fits)
{
	g_autofree char *headline = render_headline(alert);
	g_autofree char *h = chat_escape(headline, 0, CHAT_MARKUP_MARKDOWN);
	g_autofree char *body = chat_body(alert, CHAT_MARKUP_MARKDOWN, max_items);
	GString *text = g_string_new(NULL);
	cJSON *root = cJSON_CreateObject();

	(void)self;
	g_string_append_printf(text, "#### %s\n", h);
	if (alert->incident != NULL) {
		const Incident *inc = alert->incident;
		g_autofree char *title = chat_bold(incident_title(inc), CHAT_MARKUP_MARKDOWN);
		g_autofree char *services = render_services(inc, 10);
		g_autofree char *svc = chat_escape(services != NULL ? services : "(none named)", 500,
						   CHAT_MARKUP_MARKDOWN);
		g_autofree char *impact = render_impact(inc, alert->time);
		g_autofree char *id = chat_escape(inc->id, 100, CHAT_MARKUP_MARKDOWN);
		g_string_append_printf(text,
				       "%s\n**Status:** %s · **Severity:** %s · **Services:** %s\n"
				       "**Impact:** %s · incident %s\n",
				       title, render_incident_status(inc, alert->time),
				       advisory_severity_to_string(incident_severity(inc)), svc, impact,
				       id);
	}
	if (*body != '\0') {
		g_string_append_printf(text, "\n%s\n", body);
	}
	*ret_fits = render_char_count(text->str) <= TEXT_MAX;
	g_autofree char *cut = render_shorten_chars(text->str, TEXT_MAX);
	g_string_free(text, TRUE);
	cJSON_AddStringToObject(root, "username", "statuswatch");
	cJSON_AddStringToObject(root, "text", cut);
	char *json = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return json;
}

static gpointer
mattermost_create(const char *name, GHashTable *keys, GError **error)
{
	return chat_hook_create(name, keys, 0, build, error);
}

const NotifierOps mattermost_ops = {
	.type = "mattermost",
	.main_thread = false,
	.create = mattermost_create,
	.send = chat_hook_send,
	.destroy = chat_hook_destroy,
};
