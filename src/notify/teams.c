/*
 * The Microsoft Teams channel (type = teams): an Adaptive Card, version 1.4
 * (the version Teams renders), posted to a Workflows webhook ("Post to a
 * channel when a webhook request is received").  The retired Office 365
 * connector MessageCard format is not offered.  The request body stays under
 * 28 KB (Teams rejects larger cards), at most 4 requests per second are sent,
 * and the webhook URL, which carries its signature, is masked everywhere.
 */
#include <string.h>

#include <cjson/cJSON.h>
#include <glib.h>

#include "model/alert.h"
#include "notify/chatfmt.h"
#include "notify/chathook.h"
#include "notify/notifier.h"
#include "notify/render.h"

/* Teams refuses messages over 28 KB; 1 KB of room for the envelope it adds. */
#define BODY_MAX (27 * 1024)
/* Workflows webhooks: at most 4 requests per second. */
#define PACE_MS 250

static cJSON *
text_block(const char *text, bool wrap)
{
	cJSON *b = cJSON_CreateObject();
	cJSON_AddStringToObject(b, "type", "TextBlock");
	cJSON_AddStringToObject(b, "text", text);
	cJSON_AddBoolToObject(b, "wrap", wrap);
	return b;
}

static void
add_fact(cJSON *facts, const char *title, const char *value)
{
	cJSON *f = cJSON_CreateObject();
	cJSON_AddStringToObject(f, "title", title);
	g_autofree char *v = render_clean_line(value, 1000);
	cJSON_AddStringToObject(f, "value", v);
	cJSON_AddItemToArray(facts, f);
}

/* Adaptive Card colour names, by the same rule as render_colour(). */
static const char *
card_colour(const Alert *alert)
{
	if (alert->kind == ALERT_KIND_RESOLVED) {
		return "Good";
	}
	if (alert->incident == NULL) {
		return "Accent";
	}
	switch (incident_severity(alert->incident)) {
	case ADVISORY_SEVERITY_CRITICAL:
	case ADVISORY_SEVERITY_MAJOR:
		return "Attention";
	case ADVISORY_SEVERITY_MINOR:
		return "Warning";
	default:
		return "Accent";
	}
}

static char *
build(gpointer self, const Alert *alert, guint max_items, bool *ret_fits)
{
	g_autofree char *headline = render_headline(alert);
	g_autofree char *body = chat_body(alert, CHAT_MARKUP_MARKDOWN, max_items);
	cJSON *root = cJSON_CreateObject();

	(void)self;
	cJSON_AddStringToObject(root, "type", "message");
	cJSON *atts = cJSON_AddArrayToObject(root, "attachments");
	cJSON *att = cJSON_CreateObject();
	cJSON_AddItemToArray(atts, att);
	cJSON_AddStringToObject(att, "contentType", "application/vnd.microsoft.card.adaptive");
	cJSON_AddNullToObject(att, "contentUrl");
	cJSON *card = cJSON_AddObjectToObject(att, "content");
	cJSON_AddStringToObject(card, "$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
	cJSON_AddStringToObject(card, "type", "AdaptiveCard");
	cJSON_AddStringToObject(card, "version", "1.4");
	cJSON *ms = cJSON_AddObjectToObject(card, "msteams");
	cJSON_AddStringToObject(ms, "width", "Full");
	cJSON *blocks = cJSON_AddArrayToObject(card, "body");

	g_autofree char *h = chat_escape(headline, 0, CHAT_MARKUP_MARKDOWN);
	cJSON *hb = text_block(h, true);
	cJSON_AddStringToObject(hb, "size", "Large");
	cJSON_AddStringToObject(hb, "weight", "Bolder");
	cJSON_AddStringToObject(hb, "color", card_colour(alert));
	cJSON_AddItemToArray(blocks, hb);

	if (alert->incident != NULL) {
		const Incident *inc = alert->incident;
		g_autofree char *title = chat_escape(incident_title(inc), 300, CHAT_MARKUP_MARKDOWN);
		cJSON *tb = text_block(title, true);
		cJSON_AddStringToObject(tb, "weight", "Bolder");
		cJSON_AddItemToArray(blocks, tb);
		cJSON *fs = cJSON_CreateObject();
		cJSON_AddStringToObject(fs, "type", "FactSet");
		cJSON *facts = cJSON_AddArrayToObject(fs, "facts");
		g_autofree char *services = render_services(inc, 10);
		g_autofree char *impact = render_impact(inc, alert->time);
		add_fact(facts, "Status", render_incident_status(inc, alert->time));
		add_fact(facts, "Severity", advisory_severity_to_string(incident_severity(inc)));
		add_fact(facts, "Services", services != NULL ? services : "(none named)");
		add_fact(facts, "Impact", impact);
		add_fact(facts, "Incident", inc->id);
		cJSON_AddItemToArray(blocks, fs);
	}
	if (*body != '\0') {
		/* A TextBlock breaks lines only at paragraph breaks. */
		g_auto(GStrv) lines = g_strsplit(body, "\n", -1);
		g_autofree char *paras = g_strjoinv("\n\n", lines);
		cJSON_AddItemToArray(blocks, text_block(paras, true));
	}
	const char *link = chat_first_link(alert);
	if (link != NULL) {
		cJSON *actions = cJSON_AddArrayToObject(card, "actions");
		cJSON *open = cJSON_CreateObject();
		cJSON_AddStringToObject(open, "type", "Action.OpenUrl");
		cJSON_AddStringToObject(open, "title", "Open advisory");
		cJSON_AddStringToObject(open, "url", link);
		cJSON_AddItemToArray(actions, open);
	}
	char *json = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	*ret_fits = strlen(json) <= BODY_MAX;
	return json;
}

static gpointer
teams_create(const char *name, GHashTable *keys, GError **error)
{
	return chat_hook_create(name, keys, PACE_MS, build, error);
}

const NotifierOps teams_ops = {
	.type = "teams",
	.main_thread = false,
	.create = teams_create,
	.send = chat_hook_send,
	.destroy = chat_hook_destroy,
};
