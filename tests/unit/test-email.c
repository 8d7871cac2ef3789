/*
 * The email notifier against a real SMTP server (tests/integration/smtp_server.py,
 * python3-aiosmtpd on 127.0.0.1 port 0).  Every stored message is parsed by
 * Python's email package (parse_mail.py), so what is asserted is what a mail
 * client would see: decoded subject, headers, both parts, threading.
 */
#include <cjson/cJSON.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "model/alert.h"
#include "notify/email.h"
#include "notify/notifier.h"
#include "notify/render.h"
#include "test-notify-util.h"
#include "util/error.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cJSON, cJSON_Delete)

typedef struct {
	GSubprocess *server;
	char *dir;
	char *url;
} Fixture;

static bool
setup(Fixture *f)
{
	g_autoptr(GError) error = NULL;

	f->dir = g_dir_make_tmp("sw-email-XXXXXX", &error);
	g_assert_no_error(error);
	guint port = test_spawn_receiver("smtp_server.py", f->dir, "aiosmtpd", &f->server);
	if (port == 0) {
		return false;
	}
	f->url = g_strdup_printf("smtp://127.0.0.1:%u", port);
	return true;
}

static void
teardown(Fixture *f)
{
	test_stop_receiver(f->server);
	g_autoptr(GDir) d = g_dir_open(f->dir, 0, NULL);
	const char *name;
	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		g_autofree char *p = g_build_filename(f->dir, name, NULL);
		g_unlink(p);
	}
	g_rmdir(f->dir);
	g_free(f->dir);
	g_free(f->url);
}

static Notifier *
email_notifier(const Fixture *f, const char *to, GError **error)
{
	g_autoptr(GHashTable) keys = test_keys("type", "email", "smtp_url", f->url, "from",
					       "statuswatch <alerts@example.org>", "to", to,
					       "starttls", "off", NULL);
	return notifier_new("ops", "email", keys, error);
}

static guint
stored_count(const Fixture *f)
{
	guint n = 0;
	g_autoptr(GDir) d = g_dir_open(f->dir, 0, NULL);
	const char *name;
	while ((name = g_dir_read_name(d)) != NULL) {
		n += g_str_has_suffix(name, ".eml");
	}
	return n;
}

/* Message number @n (1-based) as Python's email package sees it. */
static cJSON *
parsed(const Fixture *f, guint n)
{
	g_autofree char *name = g_strdup_printf("%03u.eml", n);
	g_autofree char *path = g_build_filename(f->dir, name, NULL);
	g_autofree char *json = test_run_python("parse_mail.py", path);
	cJSON *doc = cJSON_Parse(json);
	g_assert_nonnull(doc);
	return doc;
}

static const char *
str(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *
part_text(const cJSON *msg, const char *type)
{
	const cJSON *part;
	cJSON_ArrayForEach(part, cJSON_GetObjectItemCaseSensitive(msg, "parts")) {
		if (g_strcmp0(str(part, "type"), type) == 0) {
			g_assert_cmpstr(str(part, "charset"), ==, "utf-8");
			return str(part, "text");
		}
	}
	return NULL;
}

static void
test_message_and_thread(void)
{
	Fixture f = {0};
	if (!setup(&f)) {
		return;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(Notifier) n = email_notifier(&f, "oncall@example.com, boss@example.com", &error);
	g_assert_no_error(error);

	/* First mail of the incident. */
	g_autoptr(Alert) opened = test_incident_alert(ALERT_KIND_OPENED, 3,
						      ADVISORY_STATUS_INVESTIGATING, "ops",
						      "inc-1/ops/1");
	NotifyResult r = {0};
	g_assert_true(notifier_send(n, opened, &r, &error));
	g_assert_no_error(error);
	g_assert_cmpstr(r.answer, ==, "250 2.0.0 Ok: queued as 001");
	g_assert_nonnull(r.thread_ref);
	g_autofree char *first_id = g_strdup(r.thread_ref);

	g_autoptr(cJSON) m1 = parsed(&f, 1);
	g_assert_cmpstr(str(m1, "subject"), ==, "[statuswatch] OPEN: Exchange Online, 3 advisories");
	g_assert_cmpstr(str(m1, "message_id"), ==, first_id);
	g_assert_cmpstr(str(m1, "date"), ==, "2025-12-05T11:12:00+00:00");
	g_assert_cmpstr(str(m1, "from"), ==, "statuswatch <alerts@example.org>");
	g_assert_cmpstr(cJSON_GetArrayItem(cJSON_GetObjectItem(m1, "to"), 1)->valuestring, ==,
			"boss@example.com");
	g_assert_cmpstr(str(m1, "list_id"), ==, "statuswatch notifier ops <ops.statuswatch.invalid>");
	g_assert_cmpstr(str(m1, "auto_submitted"), ==, "auto-generated");
	g_assert_cmpstr(str(m1, "event"), ==, "opened");
	g_assert_null(str(m1, "in_reply_to"));
	g_assert_cmpstr(str(m1, "content_type"), ==, "multipart/alternative");
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(m1, "defects")), ==, 0);
	const char *text = part_text(m1, "text/plain");
	const char *html = part_text(m1, "text/html");
	g_assert_nonnull(text);
	g_assert_nonnull(html);
	g_autofree char *expected_text = render_text(opened);
	g_assert_cmpstr(text, ==, expected_text); /* the text part arrives byte for byte */
	g_assert_nonnull(strstr(html, "<table role=\"presentation\""));
	g_assert_nonnull(strstr(html, ">EX649177</a>"));
	g_assert_cmpint(cJSON_GetObjectItem(m1, "max_line")->valueint, <=, 998);

	/* The resolution threads under the first mail. */
	g_autoptr(Alert) resolved = test_incident_alert(ALERT_KIND_RESOLVED, 3,
							ADVISORY_STATUS_RESOLVED, "ops", "inc-1/ops/2");
	resolved->thread_ref = g_strdup(first_id);
	g_assert_true(notifier_send(n, resolved, &r, &error));
	g_assert_cmpstr(r.thread_ref, ==, first_id);
	g_autoptr(cJSON) m2 = parsed(&f, 2);
	g_assert_cmpstr(str(m2, "subject"), ==,
			"[statuswatch] RESOLVED: Exchange Online, 3 advisories");
	g_assert_cmpstr(str(m2, "in_reply_to"), ==, first_id);
	g_assert_cmpstr(str(m2, "references"), ==, first_id);
	g_assert_cmpstr(str(m2, "message_id"), !=, first_id);
	g_assert_nonnull(strstr(part_text(m2, "text/plain"), "Status:    resolved"));

	/* Envelope: both recipients, the bare sender address. */
	g_autofree char *env_path = g_build_filename(f.dir, "002.json", NULL);
	g_autofree char *env = NULL;
	g_assert_true(g_file_get_contents(env_path, &env, NULL, NULL));
	g_assert_nonnull(strstr(env, "\"mail_from\": \"alerts@example.org\""));
	g_assert_nonnull(strstr(env, "\"oncall@example.com\", \"boss@example.com\""));

	notify_result_clear(&r);
	teardown(&f);
}

static void
test_non_ascii_subject(void)
{
	Fixture f = {0};
	if (!setup(&f)) {
		return;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(Notifier) n = email_notifier(&f, "oncall@example.com", &error);
	g_assert_no_error(error);
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 40,
						 ADVISORY_STATUS_INVESTIGATING, "ops", "k");
	/* A display name that is not ASCII is encoded too. */
	g_autoptr(GHashTable) keys = test_keys("smtp_url", f.url, "from",
					       "Störungsmelder <alerts@example.org>", "to",
					       "oncall@example.com", "starttls", "off", NULL);
	g_clear_pointer(&n, notifier_free);
	n = notifier_new("ops", "email", keys, &error);
	g_assert_no_error(error);
	Advisory *m = a->incident->members->pdata[0];
	g_ptr_array_set_size(m->services, 0);
	advisory_add_service(m, "Störung – Exchange Online 日本語 サービス (東日本リージョン)");
	NotifyResult r = {0};
	g_assert_true(notifier_send(n, a, &r, &error));
	g_assert_no_error(error);

	g_autoptr(cJSON) msg = parsed(&f, 1);
	g_autofree char *expected = render_subject(a);
	g_assert_cmpstr(str(msg, "subject"), ==, expected);
	g_assert_nonnull(strstr(expected, "日本語"));
	g_assert_cmpstr(str(msg, "from"), ==, "Störungsmelder <alerts@example.org>");
	g_assert_cmpint(cJSON_GetArraySize(cJSON_GetObjectItem(msg, "defects")), ==, 0);
	g_assert_cmpint(cJSON_GetObjectItem(msg, "max_line")->valueint, <=, 998);
	/* The encoded subject is folded into lines of at most 78 characters (RFC 5322 2.1.1). */
	g_autofree char *raw_path = g_build_filename(f.dir, "001.eml", NULL);
	g_autofree char *raw = NULL;
	g_assert_true(g_file_get_contents(raw_path, &raw, NULL, NULL));
	g_auto(GStrv) lines = g_strsplit(strstr(raw, "\r\nSubject: ") + 2, "\r\n", -1);
	g_assert_true(g_str_has_prefix(lines[0], "Subject: =?UTF-8?B?"));
	g_assert_true(g_str_has_prefix(lines[1], " =?UTF-8?B?")); /* folded */
	for (guint i = 0; i == 0 || lines[i][0] == ' '; i++) {
		g_assert_cmpuint(strlen(lines[i]), <=, 78);
	}
	/* All 40 advisories are in both parts. */
	g_assert_nonnull(strstr(part_text(msg, "text/plain"), "EX6491114"));
	g_assert_nonnull(strstr(part_text(msg, "text/html"), ">EX6491114</a>"));
	g_assert_nonnull(strstr(part_text(msg, "text/html"), "日本語"));
	notify_result_clear(&r);
	teardown(&f);
}

/* 451 then 250: the first attempt is temporary (the outbox retries), the second
 * delivers, and the server holds exactly one message. */
static void
test_temporary_then_delivered(void)
{
	Fixture f = {0};
	if (!setup(&f)) {
		return;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(Notifier) n = email_notifier(&f, "flaky-ops@example.com", &error);
	g_assert_no_error(error);
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 2,
						 ADVISORY_STATUS_INVESTIGATING, "ops", "k");
	NotifyResult r = {0};
	g_assert_false(notifier_send(n, a, &r, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_TEMPORARY);
	g_assert_nonnull(strstr(error->message, "451 4.3.0 Temporary failure, try again later"));
	g_assert_cmpuint(stored_count(&f), ==, 0);
	g_clear_error(&error);

	g_assert_true(notifier_send(n, a, &r, &error));
	g_assert_no_error(error);
	g_assert_cmpuint(stored_count(&f), ==, 1);
	notify_result_clear(&r);
	teardown(&f);
}

static void
test_permanent_reply_verbatim(void)
{
	Fixture f = {0};
	if (!setup(&f)) {
		return;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(Notifier) n = email_notifier(&f, "reject-me@example.com", &error);
	g_assert_no_error(error);
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 1,
						 ADVISORY_STATUS_INVESTIGATING, "ops", "k");
	NotifyResult r = {0};
	g_assert_false(notifier_send(n, a, &r, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_PERMANENT);
	g_assert_nonnull(strstr(error->message, "550 5.1.1 <reject-me@example.com>: Recipient "
						"address rejected: User unknown"));
	g_assert_false(error_is_temporary(error));
	g_assert_cmpuint(stored_count(&f), ==, 0);
	teardown(&f);
}

/* The server hangs up in the middle of DATA: a transport failure, temporary, whatever
 * reply curl still remembers. */
static void
test_dropped_connection(void)
{
	Fixture f = {0};
	if (!setup(&f)) {
		return;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(Notifier) n = email_notifier(&f, "drop-me@example.com", &error);
	g_assert_no_error(error);
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 1,
						 ADVISORY_STATUS_INVESTIGATING, "ops", "k");
	NotifyResult r = {0};
	g_assert_false(notifier_send(n, a, &r, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_TEMPORARY);
	g_test_message("dropped: %s", error->message);
	g_assert_cmpuint(stored_count(&f), ==, 0);
	teardown(&f);
}

/* starttls = required against a server that offers no STARTTLS: nothing is sent in
 * cleartext, and retrying will not help (permanent). */
static void
test_starttls_required_not_offered(void)
{
	Fixture f = {0};
	if (!setup(&f)) {
		return;
	}
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) keys = test_keys("smtp_url", f.url, "from", "a@example.org", "to",
					       "oncall@example.com", NULL);
	g_autoptr(Notifier) n = notifier_new("ops", "email", keys, &error);
	g_assert_no_error(error);
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 1,
						 ADVISORY_STATUS_INVESTIGATING, "ops", "k");
	NotifyResult r = {0};
	g_assert_false(notifier_send(n, a, &r, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_PERMANENT);
	g_test_message("no STARTTLS: %s", error->message);
	g_assert_cmpuint(stored_count(&f), ==, 0);
	teardown(&f);
}

static void
test_connection_refused_masks_password(void)
{
	g_autoptr(GError) error = NULL;
	/* A port nobody listens on: bind one, close it. */
	g_autoptr(GSocketListener) l = g_socket_listener_new();
	guint16 port = g_socket_listener_add_any_inet_port(l, NULL, &error);
	g_assert_no_error(error);
	g_socket_listener_close(l);
	g_autofree char *url = g_strdup_printf("smtp://127.0.0.1:%u", port);
	g_autoptr(GHashTable) keys = test_keys("smtp_url", url, "from", "a@example.org", "to",
					       "b@example.org", "starttls", "off", "smtp_user",
					       "alerts", "smtp_password", "hunter2", NULL);
	g_autoptr(Notifier) n = notifier_new("ops", "email", keys, &error);
	g_assert_no_error(error);
	g_autoptr(Alert) a = test_incident_alert(ALERT_KIND_OPENED, 1,
						 ADVISORY_STATUS_INVESTIGATING, "ops", "k");
	NotifyResult r = {0};
	g_assert_false(notifier_send(n, a, &r, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_TEMPORARY);
	g_assert_null(strstr(error->message, "hunter2"));
	g_assert_nonnull(strstr(error->message, "notifier 'ops'"));
}

static void
expect_config_error(GHashTable *keys, const char *needle)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Notifier) n = notifier_new("mail", "email", keys, &error);
	g_assert_null(n);
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	if (strstr(error->message, needle) == NULL) {
		g_error("'%s' does not contain '%s'", error->message, needle);
	}
	g_assert_null(strstr(error->message, "s3cret"));
}

static void
test_config_errors(void)
{
	g_autoptr(GHashTable) k1 = test_keys("from", "a@example.org", "to", "b@example.org", NULL);
	expect_config_error(k1, "notifier 'mail': key 'smtp_url' is missing");
	g_autoptr(GHashTable) k2 = test_keys("smtp_url", "smtp://mail.example.org:587", "to",
					     "b@example.org", NULL);
	expect_config_error(k2, "key 'from' is missing (mail to 'to' needs a sender)");
	g_autoptr(GHashTable) k3 = test_keys("smtp_url", "smtp://u:s3cret@mail.example.org:587",
					     "from", "a@example.org", "to", "b@example.org",
					     "starttls", "off", NULL);
	expect_config_error(k3, "key 'starttls': 'off' is allowed only for a loopback");
	g_autoptr(GHashTable) k4 = test_keys("smtp_url", "https://mail.example.org", "from",
					     "a@example.org", "to", "b@example.org", NULL);
	expect_config_error(k4, "key 'smtp_url': 'https://mail.example.org/' is not an smtp://");
	g_autoptr(GHashTable) k5 = test_keys("smtp_url", "smtp://mail.example.org", "from",
					     "a@example.org", "to", "b@example.org, nobody",
					     NULL);
	expect_config_error(k5, "key 'to': 'nobody' is not an address");
	g_autoptr(GHashTable) k6 = test_keys("smtp_url", "smtp://mail.example.org", "from",
					     "a@example.org", "to", "b@example.org", "starttls",
					     "maybe", NULL);
	expect_config_error(k6, "key 'starttls': 'maybe' is not one of required, optional, off");
	g_autoptr(GHashTable) k7 = test_keys("smtp_url", "smtp://mail.example.org", "from",
					     "a@example.org", "to", "b@example.org",
					     "smtp_password", "s3cret", NULL);
	expect_config_error(k7, "key 'smtp_password' is set but 'smtp_user' is not");

	/* Accepted: STARTTLS off on loopback, smtps with the default. */
	g_autoptr(GError) error = NULL;
	g_autoptr(GHashTable) ok1 = test_keys("smtp_url", "smtp://[::1]:25", "from", "a@example.org",
					      "to", "b@example.org", "starttls", "off", NULL);
	g_autoptr(Notifier) n1 = notifier_new("m", "email", ok1, &error);
	g_assert_no_error(error);
	g_autoptr(GHashTable) ok2 = test_keys("smtp_url", "smtps://mail.example.org:465", "from",
					      "Ops <a@example.org>", "to", "b@example.org", NULL);
	g_autoptr(Notifier) n2 = notifier_new("m", "email", ok2, &error);
	g_assert_no_error(error);
}

/* The digest's API: a document of its own, sent through the configured notifier, and
 * the same bytes for --dry-run. */
static void
test_document_api(void)
{
	const char *extra[] = {"X-Statuswatch-Digest: daily", NULL};
	EmailDocument doc = {
		.subject = "[statuswatch] Daily digest: 2 incidents",
		.text = "Two incidents yesterday.\n.\nA line that starts with a dot.",
		.html = "<p>Two incidents yesterday.</p>",
		.headers = extra,
	};
	g_autoptr(GError) error = NULL;
	g_autofree char *dry = email_build_document(&doc, "a@example.org", "b@example.org, "
							"c@example.org",
						    TEST_T0, &error);
	g_assert_no_error(error);
	g_assert_true(g_str_has_prefix(dry, "Date: Fri, 05 Dec 2025 09:12:00 +0000\r\n"));
	g_assert_nonnull(strstr(dry, "\r\nTo: b@example.org,\r\n c@example.org\r\n"));
	g_assert_nonnull(strstr(dry, "\r\nX-Statuswatch-Digest: daily\r\n"));
	g_assert_nonnull(strstr(dry, "multipart/alternative"));
	g_assert_nonnull(strstr(dry, "\r\n=2E\r\n")); /* no bare dot line */

	const char *evil[] = {"X-Bad: a\r\nBcc: victim@example.org", NULL};
	EmailDocument bad = {.subject = "s", .text = "t", .headers = evil};
	g_autofree char *none = email_build_document(&bad, "a@example.org", "b@example.org",
						     TEST_T0, &error);
	g_assert_null(none);
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_clear_error(&error);

	Fixture f = {0};
	if (!setup(&f)) {
		return;
	}
	g_autoptr(Notifier) n = email_notifier(&f, "oncall@example.com", &error);
	g_assert_no_error(error);
	doc.to = "digest-reader@example.com";
	NotifyResult r = {0};
	g_assert_true(email_send_document(n, &doc, &r, &error));
	g_assert_no_error(error);
	g_autoptr(cJSON) msg = parsed(&f, 1);
	g_assert_cmpstr(str(msg, "subject"), ==, doc.subject);
	g_assert_cmpstr(cJSON_GetArrayItem(cJSON_GetObjectItem(msg, "to"), 0)->valuestring, ==,
			"digest-reader@example.com");
	g_assert_cmpstr(part_text(msg, "text/plain"), ==,
			"Two incidents yesterday.\n.\nA line that starts with a dot.");
	notify_result_clear(&r);
	teardown(&f);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/email/message-and-thread", test_message_and_thread);
	g_test_add_func("/email/non-ascii-subject", test_non_ascii_subject);
	g_test_add_func("/email/451-then-250", test_temporary_then_delivered);
	g_test_add_func("/email/550-verbatim", test_permanent_reply_verbatim);
	g_test_add_func("/email/dropped-connection", test_dropped_connection);
	g_test_add_func("/email/starttls-not-offered", test_starttls_required_not_offered);
	g_test_add_func("/email/connection-refused", test_connection_refused_masks_password);
	g_test_add_func("/email/config-errors", test_config_errors);
	g_test_add_func("/email/document-api", test_document_api);
	return g_test_run();
}
