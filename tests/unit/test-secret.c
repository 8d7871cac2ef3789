/*
 * Secret scrubbing (util/secret.h, notify/notifier.h): every form a known secret can
 * take in a server's answer is found and replaced, whatever order the list has; the
 * notifier's list of secret keys agrees with the config schema, so a secret key added
 * there cannot be forgotten here.  Suite 'unit'.
 */
#include <string.h>

#include <glib.h>

#include "config_schema.h"
#include "notify/notifier.h"
#include "util/secret.h"

static char *
scrub_with(GPtrArray *list, const char *text)
{
	return secret_scrub(text, (const char *const *)list->pdata);
}

static void
assert_absent(const char *text, const char *what)
{
	if (strstr(text, what) != NULL) {
		g_error("'%s' still holds '%s'", text, what);
	}
}

/* A webhook URL: the receiver may quote it whole, its path, or the token alone. */
static void
test_webhook_url_forms(void)
{
	const char *url = "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/"
			  "xoxbSecretTokenValue42abc?thread=1";
	g_autoptr(GPtrArray) list = secret_list_new();
	secret_list_add(list, url);

	const char *answers[] = {
		("invalid_token: POST https://hooks.slack.com/services/T0123ABCD/B0456EFGH/"
		 "xoxbSecretTokenValue42abc?thread=1"),
		"no such hook /services/T0123ABCD/B0456EFGH/xoxbSecretTokenValue42abc",
		"token 'xoxbSecretTokenValue42abc' revoked",
		"{\"path\": \"services/T0123ABCD/B0456EFGH/xoxbSecretTokenValue42abc?thread=1\"}",
	};
	for (gsize i = 0; i < G_N_ELEMENTS(answers); i++) {
		g_autofree char *clean = scrub_with(list, answers[i]);
		g_test_message("%s", clean);
		assert_absent(clean, "xoxbSecretTokenValue42abc");
		g_assert_nonnull(strstr(clean, "***"));
	}
	/* The host is not secret (it is what secret_mask() shows), nor are short words. */
	g_autofree char *kept = scrub_with(list, "POST 'https://hooks.slack.com/…': 404 services");
	g_assert_cmpstr(kept, ==, "POST 'https://hooks.slack.com/…': 404 services");
}

/* A URL that is only scheme://host:port is not a secret; its userinfo is. */
static void
test_smtp_url_forms(void)
{
	g_autoptr(GPtrArray) list = secret_list_new();
	secret_list_add(list, "smtp://mail.example.com:587");
	g_autofree char *kept = scrub_with(list, "smtp 'smtp://mail.example.com:587/': 421");
	g_assert_cmpstr(kept, ==, "smtp 'smtp://mail.example.com:587/': 421");

	secret_list_add(list, "smtps://alerts:Pa55w0rd%21x@mail.example.com:465");
	g_autofree char *b64 = g_base64_encode((const guchar *)"\0alerts\0Pa55w0rd!x", 18);
	g_autofree char *echo = g_strdup_printf("535 5.7.8 bad credentials (AUTH PLAIN %s) for "
						"Pa55w0rd!x",
						b64);
	g_autofree char *clean = scrub_with(list, echo);
	g_test_message("%s", clean);
	assert_absent(clean, b64);
	assert_absent(clean, "Pa55w0rd");
}

/* SMTP AUTH: the password raw, form-encoded, and as AUTH LOGIN / PLAIN send it. */
static void
test_login_forms(void)
{
	const char *password = "correct horse&battery";
	g_autoptr(GPtrArray) list = secret_list_new();
	secret_list_add_login(list, "ops@example.com", password);
	secret_list_add_login(list, NULL, NULL); /* adds nothing */

	g_autofree char *login = g_base64_encode((const guchar *)password, strlen(password));
	GString *plain = g_string_new(NULL);
	g_string_append_c(plain, '\0');
	g_string_append(plain, "ops@example.com");
	g_string_append_c(plain, '\0');
	g_string_append(plain, password);
	g_autofree char *plain64 = g_base64_encode((const guchar *)plain->str, plain->len);
	g_string_free(plain, TRUE);
	g_autofree char *echo = g_strdup_printf(
		"535 5.7.8 rejected: AUTH LOGIN %s / AUTH PLAIN %s / password=correct+horse%%26battery"
		" / %s",
		login, plain64, password);
	g_autofree char *clean = scrub_with(list, echo);
	g_test_message("%s", clean);
	assert_absent(clean, login);
	assert_absent(clean, plain64);
	assert_absent(clean, "horse");
	g_assert_nonnull(strstr(clean, "535 5.7.8 rejected: AUTH LOGIN ***"));
}

/* Any feed's URL (fetch errors): only its token-like parts, never a word of its path. */
static void
test_url_tokens(void)
{
	g_autoptr(GPtrArray) list = secret_list_new();
	secret_list_add_url_tokens(list, "https://status.example.com/feed");
	secret_list_add_url_tokens(list, "https://s.example.com/rss/a1b2c3d4e5f6a7b8c9d0?k=short");
	g_autofree char *clean = scrub_with(list, "403 not a feed: rss/a1b2c3d4e5f6a7b8c9d0 k=short");
	g_assert_cmpstr(clean, ==, "403 not a feed: rss/*** k=short");
}

/* A secret holding another is replaced whole, whichever was listed first. */
static void
test_longest_first(void)
{
	const char *const list[] = {"tokenvalue", "prefix-tokenvalue-suffix", NULL};
	g_autofree char *clean = secret_scrub("x prefix-tokenvalue-suffix y", list);
	g_assert_cmpstr(clean, ==, "x *** y");
}

/* Every notify key the schema calls secret (or allows as env:/file:, because it carries
 * one) is in notifier_secret_keys, and nothing else is. */
static void
test_notifier_keys_match_schema(void)
{
	gsize n = 0;
	const SchemaKey *schema = config_schema(&n);
	g_autoptr(GHashTable) want = g_hash_table_new(g_str_hash, g_str_equal);

	for (gsize i = 0; i < n; i++) {
		if (schema[i].group == SCHEMA_GROUP_NOTIFY &&
		    (schema[i].flags & (SCHEMA_FLAG_SECRET | SCHEMA_FLAG_INDIRECT)) != 0) {
			g_hash_table_add(want, (gpointer)schema[i].key);
		}
	}
	guint have = 0;
	for (const char *const *k = notifier_secret_keys; *k != NULL; k++) {
		if (!g_hash_table_contains(want, *k)) {
			g_error("notifier_secret_keys has '%s', which the schema does not mark secret",
				*k);
		}
		have++;
	}
	g_assert_cmpuint(have, ==, g_hash_table_size(want));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/secret/webhook-url-forms", test_webhook_url_forms);
	g_test_add_func("/secret/smtp-url-forms", test_smtp_url_forms);
	g_test_add_func("/secret/login-forms", test_login_forms);
	g_test_add_func("/secret/url-tokens", test_url_tokens);
	g_test_add_func("/secret/longest-first", test_longest_first);
	g_test_add_func("/secret/notifier-keys-match-schema", test_notifier_keys_match_schema);
	return g_test_run();
}
