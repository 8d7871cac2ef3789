/*
 * The Discord channel (type = discord): an embed posted to a channel webhook
 * with ?wait=true, so Discord answers with the message; its id becomes the
 * thread_ref, and later alerts of the same incident PATCH that message in
 * place (webhooks/ID/TOKEN/messages/MSG) instead of posting again.  If the
 * message is gone (404), a new one is posted.  Discord's limits are counted in
 * characters: content 2,000, title 256, description 4,096, field name 256 and
 * value 1,024, footer 2,048, and 6,000 for the whole embed; lists shrink
 * until all hold.  allowed_mentions is empty, so "@everyone" in a feed title
 * pings nobody.  The webhook URL carries the token: masked everywhere.
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

#define CONTENT_MAX 2000
#define TITLE_MAX 256
#define DESCRIPTION_MAX 4096
#define FIELD_NAME_MAX 256
#define FIELD_VALUE_MAX 1024
#define FOOTER_MAX 2048
#define EMBED_TOTAL_MAX 6000

typedef struct {
	ChatHook chat;
	bool editing; /* building the body of a PATCH: no username (not editable) */
} Discord;

/* Adds @value shortened to @max characters under @name; returns the characters used. */
static gsize
add_capped(cJSON *obj, const char *name, const char *value, gsize max)
{
	g_autofree char *v = render_shorten_chars(value, max);
	cJSON_AddStringToObject(obj, name, v);
	return render_char_count(v);
}

static gsize
add_field(cJSON *fields, const char *name, const char *value, bool inline_)
{
	cJSON *f = cJSON_CreateObject();
	gsize used = add_capped(f, "name", name, FIELD_NAME_MAX);
	g_autofree char *clean = render_clean_line(value, 0);
	used += add_capped(f, "value", *clean != '\0' ? clean : "-", FIELD_VALUE_MAX);
	cJSON_AddBoolToObject(f, "inline", inline_);
	cJSON_AddItemToArray(fields, f);
	return used;
}

static char *
build(gpointer self, const Alert *alert, guint max_items, bool *ret_fits)
{
	g_autofree char *headline = render_headline(alert);
	g_autofree char *body = chat_body(alert, CHAT_MARKUP_MARKDOWN, max_items);
	cJSON *root = cJSON_CreateObject();
	gsize total = 0;

	if (!((Discord *)self)->editing) {
		cJSON_AddStringToObject(root, "username", "statuswatch");
	}
	g_autofree char *content = chat_bold(headline, CHAT_MARKUP_MARKDOWN);
	add_capped(root, "content", content, CONTENT_MAX);
	cJSON *mentions = cJSON_AddObjectToObject(root, "allowed_mentions");
	cJSON_AddArrayToObject(mentions, "parse");

	cJSON *embeds = cJSON_AddArrayToObject(root, "embeds");
	cJSON *e = cJSON_CreateObject();
	cJSON_AddItemToArray(embeds, e);
	const char *title = alert->incident != NULL ? incident_title(alert->incident) : headline;
	g_autofree char *clean_title = render_clean_line(title, 0);
	total += add_capped(e, "title", clean_title, TITLE_MAX);
	const char *link = chat_first_link(alert);
	if (link != NULL) {
		cJSON_AddStringToObject(e, "url", link);
	}
	if (*body != '\0') {
		total += add_capped(e, "description", body, DESCRIPTION_MAX);
	}
	cJSON_AddNumberToObject(e, "color", chat_colour(alert));
	if (alert->incident != NULL) {
		const Incident *inc = alert->incident;
		cJSON *fields = cJSON_AddArrayToObject(e, "fields");
		g_autofree char *services = render_services(inc, 10);
		g_autofree char *impact = render_impact(inc, alert->time);
		total += add_field(fields, "Status", render_incident_status(inc, alert->time), true);
		total += add_field(fields, "Severity",
				   advisory_severity_to_string(incident_severity(inc)), true);
		total += add_field(fields, "Services", services != NULL ? services : "(none named)",
				   false);
		total += add_field(fields, "Impact", impact, false);
	}
	cJSON *footer = cJSON_AddObjectToObject(e, "footer");
	g_autofree char *foot = alert->incident != NULL
					? g_strdup_printf("statuswatch · incident %s",
							  alert->incident->id)
					: g_strdup("statuswatch");
	g_autofree char *clean_foot = render_clean_line(foot, 0);
	total += add_capped(footer, "text", clean_foot, FOOTER_MAX);
	g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(alert->time);
	if (dt != NULL) {
		g_autofree char *iso = g_date_time_format_iso8601(dt);
		cJSON_AddStringToObject(e, "timestamp", iso);
	}
	*ret_fits = render_char_count(body) <= DESCRIPTION_MAX && total <= EMBED_TOTAL_MAX;
	char *json = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return json;
}

/* A Discord message id: a snowflake, decimal digits only. */
static bool
is_snowflake(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 24) {
		return false;
	}
	for (const char *p = s; *p != '\0'; p++) {
		if (!g_ascii_isdigit(*p)) {
			return false;
		}
	}
	return true;
}

/* The webhook URL with @suffix added to its path and @query (may be NULL) as its query;
 * the original query (thread_id=...) is kept. */
static char *
url_with(const char *url, const char *suffix, const char *query)
{
	const char *q = strchr(url, '?');
	g_autofree char *path = q != NULL ? g_strndup(url, q - url) : g_strdup(url);
	GString *out = g_string_new(path);

	while (out->len > 0 && out->str[out->len - 1] == '/') {
		g_string_truncate(out, out->len - 1);
	}
	g_string_append(out, suffix);
	if (q != NULL && q[1] != '\0') {
		g_string_append_printf(out, "?%s", q + 1);
	}
	if (query != NULL) {
		g_string_append_printf(out, "%c%s", q != NULL && q[1] != '\0' ? '&' : '?', query);
	}
	return g_string_free(out, FALSE);
}

static char *
message_id(const char *response)
{
	cJSON *doc = cJSON_Parse(response);
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(doc, "id");
	char *out = cJSON_IsString(id) && is_snowflake(id->valuestring) ? g_strdup(id->valuestring)
									  : NULL;
	cJSON_Delete(doc);
	return out;
}

static gpointer
discord_create(const char *name, GHashTable *keys, GError **error)
{
	Discord *d = g_new0(Discord, 1);
	/* Discord's webhook limit is a bucket of 5 requests per 2 seconds. */
	if (!chat_hook_init(&d->chat, name, keys, 400, build, error)) {
		g_free(d);
		return NULL;
	}
	return d;
}

static void
discord_destroy(gpointer state)
{
	Discord *d = state;
	if (d == NULL) {
		return;
	}
	chat_hook_clear(&d->chat);
	g_free(d);
}

static bool
discord_send(gpointer state, const Alert *alert, NotifyResult *result, GError **error)
{
	Discord *d = state;
	g_autofree char *response = NULL;

	if (is_snowflake(alert->thread_ref)) {
		g_autofree char *suffix = g_strdup_printf("/messages/%s", alert->thread_ref);
		g_autoptr(SecretStr) patch_url = url_with(d->chat.hook.url, suffix, NULL);
		g_autoptr(GError) local = NULL;
		WebhookRequest patch = {.method = "PATCH", .url = patch_url};
		d->editing = true;
		bool patched = chat_hook_post(&d->chat, d, alert, &patch, result, NULL, &local);
		d->editing = false;
		if (patched) {
			result->thread_ref = g_strdup(alert->thread_ref);
			return true;
		}
		/* Deleted by someone (404 Unknown Message): post a new message instead. */
		if (local->code != SW_ERROR_PERMANENT || strstr(local->message, " 404 ") == NULL) {
			g_propagate_error(error, g_steal_pointer(&local));
			return false;
		}
		notify_result_clear(result);
	}
	g_autoptr(SecretStr) post_url = url_with(d->chat.hook.url, "", "wait=true");
	WebhookRequest post = {.url = post_url};
	if (!chat_hook_post(&d->chat, d, alert, &post, result, &response, error)) {
		return false;
	}
	result->thread_ref = message_id(response);
	return true;
}

const NotifierOps discord_ops = {
	.type = "discord",
	.main_thread = false,
	.create = discord_create,
	.send = discord_send,
	.destroy = discord_destroy,
};
