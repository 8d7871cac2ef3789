/*
 * The ntfy channel (type = ntfy): a push notification through an ntfy server
 * (ntfy.sh or self-hosted).  `url` is the topic URL (https://ntfy.sh/TOPIC);
 * the alert is published as JSON to the server root with title, message,
 * priority from the severity (critical 5 ... info 2), tags (shown as emoji),
 * and a click URL (the first advisory link).  `token` (optional, a secret) is
 * sent as a Bearer token for protected topics.  ntfy turns messages over
 * 4,096 bytes into attachments, so the message stays under that.  The topic
 * name works like a password on a public server: the URL is masked everywhere.
 */
#include <string.h>

#include <cjson/cJSON.h>
#include <glib.h>

#include "model/alert.h"
#include "notify/chatfmt.h"
#include "notify/chathook.h"
#include "notify/notifier.h"
#include "notify/render.h"
#include "util/error.h"
#include "util/secret.h"

#define MESSAGE_MAX 4000
#define TITLE_MAX 250

typedef struct {
	ChatHook chat;
	char *publish_url; /* owned: scheme://host[:port]/[prefix/] (a secret too) */
	char *topic;       /* owned */
	char *auth;        /* owned, may be NULL: "Authorization: Bearer ..." */
} Ntfy;

/* ntfy priorities: 1 min, 2 low, 3 default, 4 high, 5 urgent. */
static int
priority(const Alert *alert)
{
	if (alert->kind == ALERT_KIND_RESOLVED || alert->kind == ALERT_KIND_TEST ||
	    alert->kind == ALERT_KIND_SUMMARY) {
		return 3;
	}
	if (alert->incident == NULL) {
		return 3;
	}
	switch (incident_severity(alert->incident)) {
	case ADVISORY_SEVERITY_CRITICAL:
		return 5;
	case ADVISORY_SEVERITY_MAJOR:
		return 4;
	case ADVISORY_SEVERITY_INFO:
		return 2;
	default:
		return 3;
	}
}

/* Tags that ntfy shows as emoji, plus the event name as a plain tag for filtering. */
static void
add_tags(cJSON *root, const Alert *alert)
{
	cJSON *tags = cJSON_AddArrayToObject(root, "tags");
	const char *emoji = "information_source";

	if (alert->kind == ALERT_KIND_RESOLVED) {
		emoji = "white_check_mark";
	} else if (alert->kind == ALERT_KIND_TEST) {
		emoji = "test_tube";
	} else if (alert->incident != NULL) {
		AdvisorySeverity s = incident_severity(alert->incident);
		emoji = s == ADVISORY_SEVERITY_CRITICAL ? "rotating_light"
			: s >= ADVISORY_SEVERITY_MINOR  ? "warning"
							: "information_source";
	}
	cJSON_AddItemToArray(tags, cJSON_CreateString(emoji));
	cJSON_AddItemToArray(tags, cJSON_CreateString(alert_kind_to_string(alert->kind)));
}

static char *
build(gpointer self, const Alert *alert, guint max_items, bool *ret_fits)
{
	Ntfy *n = self;
	g_autofree char *headline = render_headline(alert);
	g_autofree char *title = render_shorten(headline, TITLE_MAX);
	g_autofree char *body = chat_body(alert, CHAT_MARKUP_PLAIN, max_items);
	GString *msg = g_string_new(NULL);
	cJSON *root = cJSON_CreateObject();

	if (alert->incident != NULL) {
		const Incident *inc = alert->incident;
		g_autofree char *t = render_clean_line(incident_title(inc), 300);
		g_autofree char *impact = render_impact(inc, alert->time);
		g_string_append_printf(msg, "%s\n%s, %s; %s\n", t,
				       render_incident_status(inc, alert->time),
				       advisory_severity_to_string(incident_severity(inc)), impact);
	}
	g_string_append(msg, body);
	*ret_fits = msg->len <= MESSAGE_MAX;
	g_autofree char *message = render_shorten(msg->str, MESSAGE_MAX);
	g_string_free(msg, TRUE);

	cJSON_AddStringToObject(root, "topic", n->topic);
	cJSON_AddStringToObject(root, "title", title);
	cJSON_AddStringToObject(root, "message", *message != '\0' ? message : title);
	cJSON_AddNumberToObject(root, "priority", priority(alert));
	add_tags(root, alert);
	const char *link = chat_first_link(alert);
	if (link != NULL) {
		cJSON_AddStringToObject(root, "click", link);
	}
	char *json = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return json;
}

static void ntfy_destroy(gpointer state);

static gpointer
ntfy_create(const char *name, GHashTable *keys, GError **error)
{
	Ntfy *n = g_new0(Ntfy, 1);
	const char *token = keys != NULL ? g_hash_table_lookup(keys, "token") : NULL;

	if (!chat_hook_init(&n->chat, name, keys, 0, build, error)) {
		g_free(n);
		return NULL;
	}
	/* https://host/prefix/topic -> publish to https://host/prefix/ with "topic". */
	const char *q = strpbrk(n->chat.hook.url, "?#");
	g_autofree char *path = q != NULL ? g_strndup(n->chat.hook.url, q - n->chat.hook.url)
					  : g_strdup(n->chat.hook.url);
	char *slash = strrchr(path, '/');
	const char *scheme_end = strstr(path, "://");
	if (slash == NULL || scheme_end == NULL || slash < scheme_end + 3 || slash[1] == '\0') {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "notifier '%s': key 'url': '%s' names no topic (write "
			    "https://ntfy.sh/TOPIC)",
			    name, n->chat.hook.masked);
		ntfy_destroy(n);
		return NULL;
	}
	n->topic = g_strdup(slash + 1);
	slash[1] = '\0';
	n->publish_url = g_strdup(path);
	if (token != NULL && *token != '\0') {
		if (strpbrk(token, "\r\n") != NULL) {
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "notifier '%s': key 'token' holds a line break", name);
			ntfy_destroy(n);
			return NULL;
		}
		n->auth = g_strdup_printf("Authorization: Bearer %s", token);
	}
	return n;
}

static void
ntfy_destroy(gpointer state)
{
	Ntfy *n = state;
	if (n == NULL) {
		return;
	}
	chat_hook_clear(&n->chat);
	secret_free(n->publish_url);
	secret_free(n->topic);
	secret_free(n->auth);
	g_free(n);
}

static bool
ntfy_send(gpointer state, const Alert *alert, NotifyResult *result, GError **error)
{
	Ntfy *n = state;
	const char *headers[] = {n->auth, NULL};
	WebhookRequest req = {.url = n->publish_url, .headers = headers};
	return chat_hook_post(&n->chat, n, alert, &req, result, NULL, error);
}

const NotifierOps ntfy_ops = {
	.type = "ntfy",
	.main_thread = false,
	.create = ntfy_create,
	.send = ntfy_send,
	.destroy = ntfy_destroy,
};
