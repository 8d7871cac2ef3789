/*
 * The Slack channel (type = slack): one Block Kit message per alert through an
 * incoming webhook (https://hooks.slack.com/services/...).  A header block
 * with the headline, a section with the incident facts, a section with what
 * changed and the member advisories, a context line.  Slack takes about one
 * message per second per webhook, so sends are paced; a section holds at most
 * 3,000 characters and a header 150, so lists shrink to fit with "… and N
 * more".  The webhook URL is the credential: masked in every message.
 */
#include <cjson/cJSON.h>
#include <glib.h>

#include "model/alert.h"
#include "notify/chatfmt.h"
#include "notify/chathook.h"
#include "notify/notifier.h"
#include "notify/render.h"

/* Block Kit limits (api.slack.com/reference/block-kit/blocks). */
#define HEADER_MAX 150
#define SECTION_MAX 3000
/* "about one message per second" per incoming webhook. */
#define PACE_MS 1000

static cJSON *
mrkdwn_section(const char *text)
{
	cJSON *block = cJSON_CreateObject();
	cJSON_AddStringToObject(block, "type", "section");
	cJSON *t = cJSON_AddObjectToObject(block, "text");
	cJSON_AddStringToObject(t, "type", "mrkdwn");
	g_autofree char *cut = render_shorten_chars(text, SECTION_MAX);
	cJSON_AddStringToObject(t, "text", cut);
	return block;
}

static char *
build(gpointer self, const Alert *alert, guint max_items, bool *ret_fits)
{
	g_autofree char *subject = render_subject(alert);
	g_autofree char *headline = render_headline(alert);
	g_autofree char *header = render_shorten_chars(headline, HEADER_MAX);
	g_autofree char *body = chat_body(alert, CHAT_MARKUP_SLACK, max_items);
	cJSON *root = cJSON_CreateObject();
	cJSON *blocks;

	(void)self;
	/* "text" is the notification and screen-reader fallback. */
	cJSON_AddStringToObject(root, "text", subject);
	blocks = cJSON_AddArrayToObject(root, "blocks");

	cJSON *h = cJSON_CreateObject();
	cJSON_AddStringToObject(h, "type", "header");
	cJSON *ht = cJSON_AddObjectToObject(h, "text");
	cJSON_AddStringToObject(ht, "type", "plain_text");
	cJSON_AddStringToObject(ht, "text", header);
	cJSON_AddBoolToObject(ht, "emoji", false);
	cJSON_AddItemToArray(blocks, h);

	if (alert->incident != NULL) {
		const Incident *inc = alert->incident;
		g_autofree char *title = chat_bold(incident_title(inc), CHAT_MARKUP_SLACK);
		g_autofree char *services = render_services(inc, 10);
		g_autofree char *svc = chat_escape(services != NULL ? services : "(none named)", 500,
						   CHAT_MARKUP_SLACK);
		g_autofree char *impact = render_impact(inc, alert->time);
		g_autofree char *facts = g_strdup_printf(
			"%s\n*Status:* %s   *Severity:* %s\n*Services:* %s\n*Impact:* %s", title,
			render_incident_status(inc, alert->time),
			advisory_severity_to_string(incident_severity(inc)), svc, impact);
		cJSON_AddItemToArray(blocks, mrkdwn_section(facts));
	}
	if (*body != '\0') {
		cJSON_AddItemToArray(blocks, mrkdwn_section(body));
	}
	cJSON *ctx = cJSON_CreateObject();
	cJSON_AddStringToObject(ctx, "type", "context");
	cJSON *elements = cJSON_AddArrayToObject(ctx, "elements");
	cJSON *el = cJSON_CreateObject();
	cJSON_AddStringToObject(el, "type", "mrkdwn");
	g_autofree char *when = render_time(alert->time);
	g_autofree char *inc_id = alert->incident != NULL
					  ? chat_escape(alert->incident->id, 100, CHAT_MARKUP_SLACK)
					  : NULL;
	g_autofree char *ctx_text = g_strdup_printf("statuswatch · %s%s%s", when,
						    inc_id != NULL ? " · incident " : "",
						    inc_id != NULL ? inc_id : "");
	cJSON_AddStringToObject(el, "text", ctx_text);
	cJSON_AddItemToArray(elements, el);
	cJSON_AddItemToArray(blocks, ctx);

	*ret_fits = render_char_count(body) <= SECTION_MAX;
	char *json = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return json;
}

static gpointer
slack_create(const char *name, GHashTable *keys, GError **error)
{
	return chat_hook_create(name, keys, PACE_MS, build, error);
}

const NotifierOps slack_ops = {
	.type = "slack",
	.main_thread = false,
	.create = slack_create,
	.send = chat_hook_send,
	.destroy = chat_hook_destroy,
};
