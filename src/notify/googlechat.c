/*
 * The Google Chat channel (type = googlechat): a cardsV2 card posted to a
 * space's incoming webhook (https://chat.googleapis.com/v1/spaces/S/messages?
 * key=K&token=T).  Every alert of one incident goes into one thread: the
 * threadKey is derived from the incident id and messageReplyOption asks Chat
 * to reply in that thread, or start it.  A message holds at most 32,000
 * bytes, so lists shrink to fit.  The URL carries key and token: masked
 * everywhere.
 */
#include <string.h>

#include <cjson/cJSON.h>
#include <glib.h>

#include "model/alert.h"
#include "notify/chatfmt.h"
#include "notify/chathook.h"
#include "notify/notifier.h"
#include "notify/render.h"
#include "util/secret.h"

/* Chat's message limit is 32,000 bytes; 2,000 of room for what Chat adds. */
#define BODY_MAX 30000

static void
add_decorated(cJSON *widgets, const char *label, const char *value)
{
	cJSON *w = cJSON_CreateObject();
	cJSON *d = cJSON_AddObjectToObject(w, "decoratedText");
	cJSON_AddStringToObject(d, "topLabel", label);
	g_autofree char *v = chat_escape(value, 1000, CHAT_MARKUP_HTML);
	cJSON_AddStringToObject(d, "text", v);
	cJSON_AddBoolToObject(d, "wrapText", true);
	cJSON_AddItemToArray(widgets, w);
}

static char *thread_key(const Alert *alert);

static char *
build(gpointer self, const Alert *alert, guint max_items, bool *ret_fits)
{
	g_autofree char *subject = render_subject(alert);
	g_autofree char *headline = render_headline(alert);
	g_autofree char *body = chat_body(alert, CHAT_MARKUP_HTML, max_items);
	cJSON *root = cJSON_CreateObject();

	(void)self;
	/* The plain text is what notifications and clients without cards show. */
	cJSON_AddStringToObject(root, "text", subject);
	g_autofree char *key = thread_key(alert);
	if (key != NULL) {
		/* The current API reads the key from the body; the query parameter is the
		 * older spelling, sent too (see googlechat_send()). */
		cJSON *thread = cJSON_AddObjectToObject(root, "thread");
		cJSON_AddStringToObject(thread, "threadKey", key);
	}
	cJSON *cards = cJSON_AddArrayToObject(root, "cardsV2");
	cJSON *c = cJSON_CreateObject();
	cJSON_AddItemToArray(cards, c);
	cJSON_AddStringToObject(c, "cardId", "statuswatch-alert");
	cJSON *card = cJSON_AddObjectToObject(c, "card");
	cJSON *header = cJSON_AddObjectToObject(card, "header");
	g_autofree char *h = render_clean_line(headline, 0);
	cJSON_AddStringToObject(header, "title", h);
	cJSON *sections = cJSON_AddArrayToObject(card, "sections");

	if (alert->incident != NULL) {
		const Incident *inc = alert->incident;
		g_autofree char *title = render_clean_line(incident_title(inc), 300);
		cJSON_AddStringToObject(header, "subtitle", title);
		cJSON *s = cJSON_CreateObject();
		cJSON *widgets = cJSON_AddArrayToObject(s, "widgets");
		g_autofree char *services = render_services(inc, 10);
		g_autofree char *impact = render_impact(inc, alert->time);
		add_decorated(widgets, "Status", render_incident_status(inc, alert->time));
		add_decorated(widgets, "Severity",
			      advisory_severity_to_string(incident_severity(inc)));
		add_decorated(widgets, "Services", services != NULL ? services : "(none named)");
		add_decorated(widgets, "Impact", impact);
		cJSON_AddItemToArray(sections, s);
	}
	if (*body != '\0') {
		cJSON *s = cJSON_CreateObject();
		if (alert->incident != NULL) {
			cJSON_AddStringToObject(s, "header", "Advisories");
		}
		cJSON *widgets = cJSON_AddArrayToObject(s, "widgets");
		cJSON *w = cJSON_CreateObject();
		cJSON *tp = cJSON_AddObjectToObject(w, "textParagraph");
		g_auto(GStrv) lines = g_strsplit(body, "\n", -1);
		g_autofree char *html = g_strjoinv("<br>", lines);
		cJSON_AddStringToObject(tp, "text", html);
		cJSON_AddItemToArray(widgets, w);
		cJSON_AddItemToArray(sections, s);
	}
	const char *link = chat_first_link(alert);
	if (link != NULL) {
		cJSON *s = cJSON_CreateObject();
		cJSON *widgets = cJSON_AddArrayToObject(s, "widgets");
		cJSON *w = cJSON_CreateObject();
		cJSON *bl = cJSON_AddObjectToObject(w, "buttonList");
		cJSON *buttons = cJSON_AddArrayToObject(bl, "buttons");
		cJSON *b = cJSON_CreateObject();
		cJSON_AddStringToObject(b, "text", "Open advisory");
		cJSON *on = cJSON_AddObjectToObject(b, "onClick");
		cJSON *open = cJSON_AddObjectToObject(on, "openLink");
		cJSON_AddStringToObject(open, "url", link);
		cJSON_AddItemToArray(buttons, b);
		cJSON_AddItemToArray(widgets, w);
		cJSON_AddItemToArray(sections, s);
	}
	char *json = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	*ret_fits = strlen(json) <= BODY_MAX;
	return json;
}

/* "statuswatch-" + the incident id, reduced to characters that need no escaping in a
 * query; NULL for alerts about no incident (they start their own thread). */
static char *
thread_key(const Alert *alert)
{
	if (alert->incident == NULL || alert->incident->id == NULL) {
		return NULL;
	}
	GString *k = g_string_new("statuswatch-");
	for (const char *p = alert->incident->id; *p != '\0' && k->len < 120; p++) {
		g_string_append_c(k, g_ascii_isalnum(*p) || *p == '-' || *p == '_' ? *p : '-');
	}
	return g_string_free(k, FALSE);
}

static gpointer
googlechat_create(const char *name, GHashTable *keys, GError **error)
{
	/* Chat allows 1 message per second per space for webhooks. */
	return chat_hook_create(name, keys, 1000, build, error);
}

static bool
googlechat_send(gpointer state, const Alert *alert, NotifyResult *result, GError **error)
{
	ChatHook *g = state;
	g_autofree char *key = thread_key(alert);
	g_autoptr(SecretStr) url = NULL;

	if (key != NULL) {
		url = g_strdup_printf("%s%sthreadKey=%s&messageReplyOption="
				      "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD",
				      g->hook.url, strchr(g->hook.url, '?') != NULL ? "&" : "?", key);
	}
	WebhookRequest req = {.url = url, .content_type = "application/json; charset=UTF-8"};
	if (!chat_hook_post(g, g, alert, &req, result, NULL, error)) {
		return false;
	}
	result->thread_ref = g_steal_pointer(&key);
	return true;
}

const NotifierOps googlechat_ops = {
	.type = "googlechat",
	.main_thread = false,
	.create = googlechat_create,
	.send = googlechat_send,
	.destroy = chat_hook_destroy,
};
