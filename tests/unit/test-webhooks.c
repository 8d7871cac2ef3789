/*
 * The chat webhook notifiers (slack, teams, discord, mattermost, googlechat,
 * ntfy) against tests/integration/webhook_receiver.py on 127.0.0.1 port 0,
 * which checks each payload against its service's rules (answering 400 with
 * the reason, as the services do) and records every request.  Here: what
 * arrives, the size limits with a 40-advisory incident and hostile text,
 * Discord's edit in place, Google Chat's thread key, 429/Retry-After, 4xx/5xx
 * classification and URL masking.
 */
#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "model/alert.h"
#include "notify/notifier.h"
#include "notify/render.h"
#include "test-notify-util.h"
#include "util/error.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cJSON, cJSON_Delete)

static GSubprocess *server;
static char *dir;
static char *base;

static const char *const services[] = {"slack", "teams", "discord", "mattermost",
				       "googlechat", "ntfy"};

/* The hook URL of @service on the receiver; "SECRETTOKEN" stands for the credential. */
static char *
hook_url(const char *service)
{
	if (strcmp(service, "discord") == 0) {
		return g_strdup_printf("%s/discord/api/webhooks/123/SECRETTOKEN", base);
	}
	if (strcmp(service, "ntfy") == 0) {
		return g_strdup_printf("%s/ntfy/alerts", base);
	}
	if (strcmp(service, "googlechat") == 0) {
		return g_strdup_printf("%s/googlechat/v1/spaces/S/messages?key=K&token=SECRETTOKEN",
				       base);
	}
	return g_strdup_printf("%s/%s/hooks/SECRETTOKEN", base, service);
}

static Notifier *
make(const char *service, const char *url)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *u = url != NULL ? g_strdup(url) : hook_url(service);
	g_autoptr(GHashTable) keys = test_keys("type", service, "url", u, "token", "tk_SECRET",
					       NULL);
	Notifier *n = notifier_new("chat", service, keys, &error);
	g_assert_no_error(error);
	return n;
}

/* All requests recorded so far, oldest first. */
static GPtrArray *
requests(void)
{
	g_autofree char *path = g_build_filename(dir, "requests.jsonl", NULL);
	g_autofree char *text = NULL;
	GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)cJSON_Delete);
	if (!g_file_get_contents(path, &text, NULL, NULL)) {
		return out;
	}
	g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		if (*lines[i] != '\0') {
			cJSON *r = cJSON_Parse(lines[i]);
			g_assert_nonnull(r);
			g_ptr_array_add(out, r);
		}
	}
	return out;
}

static const char *
field(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The last request and its JSON body. */
static cJSON *
last_body(cJSON **ret_request)
{
	static GPtrArray *keep;
	g_clear_pointer(&keep, g_ptr_array_unref);
	keep = requests();
	g_assert_cmpuint(keep->len, >, 0);
	cJSON *r = keep->pdata[keep->len - 1];
	if (ret_request != NULL) {
		*ret_request = r;
	}
	cJSON *body = cJSON_Parse(field(r, "body"));
	g_assert_nonnull(body);
	return body;
}

static const cJSON *
at(const cJSON *node, const char *path)
{
	/* "a.b.0.c": object keys and array indexes. */
	g_auto(GStrv) parts = g_strsplit(path, ".", -1);
	for (guint i = 0; parts[i] != NULL && node != NULL; i++) {
		if (g_ascii_isdigit(parts[i][0])) {
			node = cJSON_GetArrayItem(node, atoi(parts[i]));
		} else {
			node = cJSON_GetObjectItemCaseSensitive(node, parts[i]);
		}
	}
	g_assert_nonnull(node);
	return node;
}

static const char *
at_str(const cJSON *node, const char *path)
{
	const cJSON *v = at(node, path);
	g_assert_true(cJSON_IsString(v));
	return v->valuestring;
}

static void
send_ok(Notifier *n, const Alert *a, NotifyResult *r)
{
	g_autoptr(GError) error = NULL;
	if (!notifier_send(n, a, r, &error)) {
		g_error("%s", error->message);
	}
}

/* Every service accepts an opened alert, a 40-advisory resolution and a summary. */
static void
test_every_service_accepts(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(services); i++) {
		g_autoptr(Notifier) n = make(services[i], NULL);
		NotifyResult r = {0};
		g_autoptr(Alert) opened = test_incident_alert(
			ALERT_KIND_OPENED, 3, ADVISORY_STATUS_INVESTIGATING, "chat", "inc-1/chat/1");
		send_ok(n, opened, &r);
		g_assert_nonnull(r.answer);
		g_assert_true(g_str_has_prefix(r.answer, "HTTP 2"));

		g_autoptr(Alert) big = test_incident_alert(ALERT_KIND_RESOLVED, 40,
							   ADVISORY_STATUS_RESOLVED, "chat",
							   "inc-1/chat/2");
		send_ok(n, big, &r);

		g_autoptr(Alert) summary = alert_new(ALERT_KIND_SUMMARY, "s", "chat", TEST_T0);
		g_ptr_array_add(summary->items, test_incident_alert(ALERT_KIND_OPENED, 2,
								    ADVISORY_STATUS_INVESTIGATING,
								    "chat", "a"));
		Alert *notice = alert_new(ALERT_KIND_NOTICE, "n", "chat", TEST_T0);
		notice->text = g_strdup("source 'azure' unreachable since 09:12");
		g_ptr_array_add(summary->items, notice);
		send_ok(n, summary, &r);

		g_autoptr(Alert) test = alert_new(ALERT_KIND_TEST, "t", "chat", TEST_T0);
		send_ok(n, test, &r);
		notify_result_clear(&r);
	}
}

/* A notifier keeps its connection to the receiver between alerts (one TCP and TLS
 * handshake, not one per alert): both requests come from the same client port. */
static void
test_connection_reused(void)
{
	g_autoptr(Notifier) n = make("slack", NULL);
	NotifyResult r = {0};
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 1, ADVISORY_STATUS_INVESTIGATING,
						 "chat", "reuse-1");
	g_autoptr(Alert) b = test_incident_alert(ALERT_KIND_RESOLVED, 1, ADVISORY_STATUS_RESOLVED,
						 "chat", "reuse-2");

	send_ok(n, a, &r);
	notify_result_clear(&r);
	send_ok(n, b, &r);
	notify_result_clear(&r);
	g_autoptr(GPtrArray) all = requests();
	g_assert_cmpuint(all->len, >=, 2);
	const cJSON *first = cJSON_GetObjectItemCaseSensitive(all->pdata[all->len - 2], "peer");
	const cJSON *second = cJSON_GetObjectItemCaseSensitive(all->pdata[all->len - 1], "peer");
	g_assert_true(cJSON_IsNumber(first) && cJSON_IsNumber(second));
	g_assert_cmpint(first->valueint, ==, second->valueint);
}

static void
test_slack_blocks(void)
{
	g_autoptr(Notifier) n = make("slack", NULL);
	NotifyResult r = {0};
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 3, ADVISORY_STATUS_INVESTIGATING,
						 "chat", "k");
	send_ok(n, a, &r);
	cJSON *req = NULL;
	g_autoptr(cJSON) body = last_body(&req);
	g_assert_cmpstr(field(req, "method"), ==, "POST");
	g_assert_cmpstr(field(req, "path"), ==, "/slack/hooks/SECRETTOKEN");
	g_assert_cmpstr(at_str(req, "headers.idempotency-key"), ==, "k");
	g_assert_cmpstr(at_str(body, "text"), ==, "[statuswatch] OPEN: Exchange Online, 3 advisories");
	g_assert_cmpstr(at_str(body, "blocks.0.type"), ==, "header");
	g_assert_cmpstr(at_str(body, "blocks.0.text.text"), ==, "OPEN: Exchange Online, 3 advisories");
	g_assert_nonnull(strstr(at_str(body, "blocks.1.text.text"), "*Status:* investigating"));
	g_assert_nonnull(strstr(at_str(body, "blocks.2.text.text"),
				"<https://status.example/EX649177|EX649177> (m365) investigating"));

	/* 40 advisories do not fit one 3,000-character section: the list is shortened. */
	g_autoptr(Alert) big = test_incident_alert(ALERT_KIND_RESOLVED, 40, ADVISORY_STATUS_RESOLVED,
						   "chat", "k2");
	send_ok(n, big, &r);
	g_autoptr(cJSON) b2 = last_body(NULL);
	const char *list = at_str(b2, "blocks.2.text.text");
	g_assert_nonnull(strstr(list, "more advisories"));
	g_assert_cmpuint(g_utf8_strlen(list, -1), <=, 3000);
	notify_result_clear(&r);
}

static void
test_teams_card(void)
{
	g_autoptr(Notifier) n = make("teams", NULL);
	NotifyResult r = {0};
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_RESOLVED, 40, ADVISORY_STATUS_RESOLVED,
						 "chat", "k");
	/* Long hostile titles with multi-byte characters push the card towards its limit. */
	for (guint i = 0; i < a->incident->members->len; i++) {
		Advisory *m = a->incident->members->pdata[i];
		GString *t = g_string_new(NULL);
		for (int j = 0; j < 120; j++) {
			g_string_append(t, "Störung*_[x](y) ");
		}
		g_free(m->title);
		m->title = g_string_free(t, FALSE);
	}
	send_ok(n, a, &r);
	g_assert_cmpstr(r.answer, ==, "HTTP 202");
	cJSON *req = NULL;
	g_autoptr(cJSON) body = last_body(&req);
	g_assert_cmpuint(strlen(field(req, "body")), <, 28 * 1024);
	g_assert_cmpstr(at_str(body, "attachments.0.content.version"), ==, "1.4");
	g_assert_cmpstr(at_str(body, "attachments.0.content.body.0.color"), ==, "Good");
	g_assert_cmpstr(at_str(body, "attachments.0.content.body.2.facts.0.value"), ==, "resolved");
	g_assert_cmpstr(at_str(body, "attachments.0.content.actions.0.url"), ==,
			"https://status.example/EX649175");
	notify_result_clear(&r);
}

/* Discord: post with wait=true, keep the id, PATCH the same message for the next alert;
 * a deleted message (404) gets a new post. */
static void
test_discord_edit_in_place(void)
{
	g_autoptr(Notifier) n = make("discord", NULL);
	NotifyResult r = {0};
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 3, ADVISORY_STATUS_INVESTIGATING,
						 "chat", "k");
	send_ok(n, a, &r);
	cJSON *req = NULL;
	g_autoptr(cJSON) b1 = last_body(&req);
	g_assert_cmpstr(field(req, "method"), ==, "POST");
	g_assert_cmpstr(field(req, "query"), ==, "wait=true");
	g_assert_nonnull(r.thread_ref);
	g_autofree char *id = g_strdup(r.thread_ref);
	g_assert_cmpstr(at_str(b1, "embeds.0.title"), ==,
			"Users can't send mail through Exchange Online (0)");
	g_assert_cmpint((int)at(b1, "embeds.0.color")->valuedouble, ==, 0xd84315);

	g_autoptr(Alert) resolved = test_incident_alert(ALERT_KIND_RESOLVED, 40,
							ADVISORY_STATUS_RESOLVED, "chat", "k2");
	resolved->thread_ref = g_strdup(id);
	send_ok(n, resolved, &r);
	g_assert_cmpstr(r.thread_ref, ==, id);
	g_autoptr(cJSON) b2 = last_body(&req);
	g_assert_cmpstr(field(req, "method"), ==, "PATCH");
	g_autofree char *want = g_strdup_printf("/discord/api/webhooks/123/SECRETTOKEN/messages/%s",
						id);
	g_assert_cmpstr(field(req, "path"), ==, want);
	g_assert_null(cJSON_GetObjectItem(b2, "username"));
	g_assert_nonnull(strstr(at_str(b2, "content"), "RESOLVED"));
	g_assert_nonnull(strstr(at_str(b2, "embeds.0.description"), "more advisories"));

	g_autoptr(Alert) again = test_incident_alert(ALERT_KIND_REOPENED, 2,
						     ADVISORY_STATUS_INVESTIGATING, "chat", "k3");
	again->thread_ref = g_strdup("999");
	send_ok(n, again, &r);
	g_assert_nonnull(r.thread_ref);
	g_assert_cmpstr(r.thread_ref, !=, "999");
	g_assert_cmpstr(r.thread_ref, !=, id);
	g_autoptr(cJSON) b3 = last_body(&req);
	g_assert_cmpstr(field(req, "method"), ==, "POST");
	notify_result_clear(&r);
}

static void
test_googlechat_thread(void)
{
	g_autoptr(Notifier) n = make("googlechat", NULL);
	NotifyResult r = {0};
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 3, ADVISORY_STATUS_INVESTIGATING,
						 "chat", "k");
	send_ok(n, a, &r);
	cJSON *req = NULL;
	g_autoptr(cJSON) b1 = last_body(&req);
	g_assert_cmpstr(field(req, "query"), ==,
			"key=K&token=SECRETTOKEN&threadKey=statuswatch-inc-1"
			"&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD");
	g_assert_cmpstr(at_str(b1, "thread.threadKey"), ==, "statuswatch-inc-1");
	g_assert_cmpstr(at_str(b1, "cardsV2.0.card.header.title"), ==,
			"OPEN: Exchange Online, 3 advisories");
	g_assert_cmpstr(at_str(b1, "cardsV2.0.card.sections.0.widgets.0.decoratedText.text"), ==,
			"investigating");
	g_autoptr(Alert) b = test_incident_alert(ALERT_KIND_RESOLVED, 3, ADVISORY_STATUS_RESOLVED,
						 "chat", "k2");
	send_ok(n, b, &r);
	g_autoptr(cJSON) b2 = last_body(&req);
	g_assert_nonnull(strstr(field(req, "query"), "threadKey=statuswatch-inc-1&"));
	notify_result_clear(&r);
}

static void
test_ntfy_fields(void)
{
	g_autoptr(Notifier) n = make("ntfy", NULL);
	NotifyResult r = {0};
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 3, ADVISORY_STATUS_INVESTIGATING,
						 "chat", "k");
	send_ok(n, a, &r);
	cJSON *req = NULL;
	g_autoptr(cJSON) body = last_body(&req);
	g_assert_cmpstr(at_str(req, "headers.authorization"), ==, "Bearer tk_SECRET");
	g_assert_cmpstr(at_str(body, "topic"), ==, "alerts");
	g_assert_cmpstr(at_str(body, "title"), ==, "OPEN: Exchange Online, 3 advisories");
	g_assert_cmpint(at(body, "priority")->valueint, ==, 4); /* major */
	g_assert_cmpstr(at_str(body, "tags.0"), ==, "warning");
	g_assert_cmpstr(at_str(body, "tags.1"), ==, "opened");
	g_assert_cmpstr(at_str(body, "click"), ==, "https://status.example/EX649175");
	g_assert_nonnull(strstr(at_str(body, "message"), "EX649177 (m365) investigating"));
	notify_result_clear(&r);
}

static void
test_mattermost_text(void)
{
	g_autoptr(Notifier) n = make("mattermost", NULL);
	NotifyResult r = {0};
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 3, ADVISORY_STATUS_INVESTIGATING,
						 "chat", "k");
	Advisory *m = a->incident->members->pdata[0];
	g_free(m->title);
	m->title = g_strdup("**bold** [phish](https://evil.example) @channel");
	send_ok(n, a, &r);
	g_autoptr(cJSON) body = last_body(NULL);
	const char *text = at_str(body, "text");
	g_assert_true(g_str_has_prefix(text, "#### OPEN: Exchange Online, 3 advisories\n"));
	/* Feed text cannot forge markup or a link. */
	g_assert_nonnull(strstr(text, "\\*\\*bold\\*\\* \\[phish\\]\\(https://evil.example\\)"));
	notify_result_clear(&r);
}

/* 429 with Retry-After is temporary and tells the outbox how long to wait; 503 is
 * temporary; 400 and 404 are permanent with the server's answer verbatim; the token in
 * the URL never appears. */
static void
test_failures(void)
{
	struct {
		int code;
		int expect;
		gint64 retry_after;
	} cases[] = {
		{429, SW_ERROR_TEMPORARY, 7},
		{503, SW_ERROR_TEMPORARY, 7},
		{500, SW_ERROR_TEMPORARY, 0},
		{400, SW_ERROR_PERMANENT, 0},
		{404, SW_ERROR_PERMANENT, 0},
	};
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		for (guint s = 0; s < G_N_ELEMENTS(services); s++) {
			g_autofree char *url =
				strcmp(services[s], "ntfy") == 0
					? g_strdup_printf("%s/fail/%d/topic", base, cases[i].code)
					: g_strdup_printf("%s/fail/%d/SECRETTOKEN", base,
							  cases[i].code);
			g_autoptr(Notifier) n = make(services[s], url);
			g_autoptr(GError) error = NULL;
			NotifyResult r = {0};
			g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 1,
								 ADVISORY_STATUS_INVESTIGATING,
								 "chat", "k");
			g_assert_false(notifier_send(n, a, &r, &error));
			g_assert_error(error, SW_ERROR, cases[i].expect);
			g_assert_cmpint(r.retry_after, ==, cases[i].retry_after);
			g_autofree char *code = g_strdup_printf(" %d ", cases[i].code);
			g_assert_nonnull(strstr(error->message, code));
			g_autofree char *verbatim =
				g_strdup_printf("error %d from the receiver", cases[i].code);
			g_assert_nonnull(strstr(error->message, verbatim));
			g_assert_nonnull(strstr(error->message, "notifier 'chat'"));
			g_assert_null(strstr(error->message, "SECRETTOKEN"));
			g_assert_null(strstr(error->message, "tk_SECRET"));
			notify_result_clear(&r);
		}
	}

	/* Nobody listening: temporary. */
	g_autoptr(GSocketListener) l = g_socket_listener_new();
	g_autoptr(GError) error = NULL;
	guint16 port = g_socket_listener_add_any_inet_port(l, NULL, &error);
	g_assert_no_error(error);
	g_socket_listener_close(l);
	g_autofree char *dead = g_strdup_printf("http://127.0.0.1:%u/slack/SECRETTOKEN", port);
	g_autoptr(Notifier) n = make("slack", dead);
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 1, ADVISORY_STATUS_INVESTIGATING,
						 "chat", "k");
	NotifyResult r = {0};
	g_assert_false(notifier_send(n, a, &r, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_TEMPORARY);
	g_assert_null(strstr(error->message, "SECRETTOKEN"));
}

static void
test_config(void)
{
	for (guint s = 0; s < G_N_ELEMENTS(services); s++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(GHashTable) none = test_keys("type", services[s], NULL);
		g_assert_null(notifier_new("chat", services[s], none, &error));
		g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
		g_assert_cmpstr(error->message, ==, "notifier 'chat': key 'url' is missing");
		g_clear_error(&error);

		g_autoptr(GHashTable) plain = test_keys(
			"url", "http://hooks.example.com/services/SECRETTOKEN/x", NULL);
		g_assert_null(notifier_new("chat", services[s], plain, &error));
		g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
		g_assert_nonnull(strstr(error->message, "must use https"));
		g_assert_null(strstr(error->message, "SECRETTOKEN"));
		g_clear_error(&error);

		g_autoptr(GHashTable) ftp = test_keys("url", "ftp://hooks.example.com/x", NULL);
		g_assert_null(notifier_new("chat", services[s], ftp, &error));
		g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
		g_clear_error(&error);
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) bare = test_keys("url", "https://ntfy.example.com/", NULL);
	g_assert_null(notifier_new("push", "ntfy", bare, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_nonnull(strstr(error->message, "names no topic"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_autoptr(GError) error = NULL;
	dir = g_dir_make_tmp("sw-hooks-XXXXXX", &error);
	g_assert_no_error(error);
	guint port = test_spawn_receiver("webhook_receiver.py", dir, NULL, &server);
	if (port == 0) {
		return 77;
	}
	base = g_strdup_printf("http://127.0.0.1:%u", port);

	g_test_add_func("/webhooks/every-service-accepts", test_every_service_accepts);
	g_test_add_func("/webhooks/slack-blocks", test_slack_blocks);
	g_test_add_func("/webhooks/connection-reused", test_connection_reused);
	g_test_add_func("/webhooks/teams-card", test_teams_card);
	g_test_add_func("/webhooks/discord-edit-in-place", test_discord_edit_in_place);
	g_test_add_func("/webhooks/googlechat-thread", test_googlechat_thread);
	g_test_add_func("/webhooks/ntfy-fields", test_ntfy_fields);
	g_test_add_func("/webhooks/mattermost-text", test_mattermost_text);
	g_test_add_func("/webhooks/failures", test_failures);
	g_test_add_func("/webhooks/config", test_config);
	int rc = g_test_run();

	test_stop_receiver(server);
	g_autofree char *log = g_build_filename(dir, "requests.jsonl", NULL);
	g_unlink(log);
	g_rmdir(dir);
	g_free(dir);
	g_free(base);
	return rc;
}
