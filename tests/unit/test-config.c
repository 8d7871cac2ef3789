/*
 * Configuration: the schema drives unknown-key errors, defaults and
 * validation; errors name file, line, group and key; secrets are refused in
 * readable files, resolved from env:/file:, and masked; the search order; the
 * shipped example loads and, with the man page, documents every key.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "build-config.h"
#include "config.h"
#include "config_schema.h"
#include "util/error.h"
#include "util/secret.h"

static char *tmpdir;

static void
rm_rf(const char *path)
{
	GDir *dir = g_dir_open(path, 0, NULL);
	if (dir != NULL) {
		for (const char *name = g_dir_read_name(dir); name != NULL;
		     name = g_dir_read_name(dir)) {
			g_autofree char *child = g_build_filename(path, name, NULL);
			rm_rf(child);
		}
		g_dir_close(dir);
	}
	g_remove(path);
}

/* Writes @text to a new file in the temp dir with @mode; returns its path. */
static char *
write_conf(const char *name, const char *text, int mode)
{
	char *path = g_build_filename(tmpdir, name, NULL);
	g_autoptr(GError) error = NULL;
	g_file_set_contents(path, text, -1, &error);
	g_assert_no_error(error);
	g_assert_cmpint(g_chmod(path, mode), ==, 0);
	return path;
}

/* Loads @text from a file @name (mode 0644); expects failure and returns the message. */
static char *
load_error(const char *name, const char *text, char **ret_path)
{
	g_autofree char *path = write_conf(name, text, 0644);
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load_file(path, &error);
	g_assert_null(config);
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_null(strchr(error->message, '\n'));
	if (ret_path != NULL) {
		*ret_path = g_strdup(path);
	}
	return g_strdup(error->message);
}

static void
assert_error_is(const char *text, const char *expected_after_path)
{
	g_autofree char *path = NULL;
	g_autofree char *msg = load_error("err.conf", text, &path);
	g_autofree char *expected = g_strconcat(path, expected_after_path, NULL);
	g_assert_cmpstr(msg, ==, expected);
}

static void
test_good_file(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", "config", "good.conf",
						      NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load_file(path, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(config->path, ==, path);

	g_assert_cmpuint(config->sources->len, ==, 3);
	const SourceConfig *azure = g_ptr_array_index(config->sources, 0);
	g_assert_cmpstr(azure->name, ==, "azure");
	g_assert_cmpstr(azure->type, ==, "rss");
	g_assert_cmpstr(azure->url, ==, "https://rssfeed.azure.status.microsoft/en-us/status/feed/");
	g_assert_cmpstr(azure->label, ==, "Azure");
	g_assert_cmpint(azure->interval, ==, 300);
	g_assert_cmpint(azure->stale_after, ==, 30 * 60);
	g_assert_cmpuint(azure->max_size, ==, 512 * 1024);
	g_assert_cmpuint(azure->max_items, ==, 1000);
	g_assert_cmpint(azure->timeout, ==, 30);
	g_assert_true(azure->enabled);

	const SourceConfig *local = config_find_source(config, "local");
	g_assert_nonnull(local);
	g_assert_cmpstr(local->label, ==, "local");
	g_assert_false(local->enabled);
	g_assert_cmpint(local->interval, ==, 120);
	g_assert_cmpuint(local->max_size, ==, 8 * 1024 * 1024);

	const SourceConfig *m365 = config_find_source(config, "contoso");
	g_assert_nonnull(m365);
	g_assert_null(m365->url);
	g_assert_cmpstr(m365->label, ==, "Contoso Ltd");
	g_assert_cmpstr(config_source_get(m365, "cloud"), ==, "usgov");
	g_assert_cmpstr(config_source_get(m365, "messages"), ==, "true");
	g_assert_cmpstr(config_source_get(m365, "full_read_interval"), ==, "6h");
	g_assert_cmpstr(config_source_get(m365, "client_secret"), ==, "env:SW_TEST_M365_SECRET");
	g_assert_null(config_source_get(m365, "login_url"));
	/* Keys of other types have no default here. */
	g_assert_null(config_source_get(azure, "cloud"));
	g_assert_null(config_find_source(config, "nope"));

	g_assert_cmpuint(config->notifiers->len, ==, 2);
	const NotifierConfig *slack = config_find_notifier(config, "slack");
	g_assert_nonnull(slack);
	g_assert_cmpstr(slack->type, ==, "slack");
	/* Own key wins over [policy]; [policy] keys are merged in; the rest default. */
	g_assert_cmpstr(config_notifier_get(slack, "min_severity"), ==, "major");
	g_assert_cmpstr(g_hash_table_lookup(slack->keys, "notify_resolved"), ==, "false");
	g_assert_cmpstr(config_notifier_get(slack, "sources"), ==, "azure, contoso");
	g_assert_cmpstr(config_notifier_get(slack, "quiet"), ==, "false");
	const NotifierConfig *mail = config_find_notifier(config, "mail");
	g_assert_cmpstr(config_notifier_get(mail, "min_severity"), ==, "minor");
	g_assert_cmpstr(config_notifier_get(mail, "to"), ==, "a@example.com, b@example.com");

	g_assert_cmpfloat(config_get_double(config, "linker", "threshold"), ==, 0.75);
	g_assert_cmpint(config_get_duration(config, "linker", "max_gap"), ==, 90 * 60);
	g_assert_true(config_get_bool(config, "digest", "enabled"));
	g_assert_cmpstr(config_get_string(config, "digest", "time"), ==, "07:30");
	g_assert_cmpint(config_get_int(config, "digest", "time"), ==, 7 * 60 + 30);
	g_assert_false(config_get_bool(config, "policy", "notify_resolved"));
	g_assert_false(config_get_bool(config, "policy", "quiet"));
}

static void
test_defaults_for_empty_file(void)
{
	g_autofree char *path = write_conf("empty.conf", "# nothing\n", 0644);
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load_file(path, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(config->sources->len, ==, 0);
	g_assert_true(isnan(config_get_double(config, "linker", "threshold")));
	g_assert_null(config_get_string(config, "linker", "threshold"));
	g_assert_cmpint(config_get_duration(config, "linker", "max_gap"), ==, 7200);
	g_assert_cmpint(config_get_int(config, "linker", "max_gap"), ==, 7200);
	g_assert_cmpstr(config_get_string(config, "policy", "min_severity"), ==, "minor");
	g_assert_true(config_get_bool(config, "policy", "notify_resolved"));
	g_assert_false(config_get_bool(config, "digest", "enabled"));
	g_assert_cmpstr(config_get_string(config, "digest", "time"), ==, "08:00");
	g_assert_null(config_get_string(config, "nosuchgroup", "x"));
}

static void
test_unknown_key(void)
{
	assert_error_is("[source:azure]\n"
			"type = rss\n"
			"url = https://example.com/feed\n"
			"\n"
			"intervall = 5m\n",
			":5: [source:azure] unknown key 'intervall' (did you mean 'interval'?)");
	/* No suggestion when nothing is close. */
	assert_error_is("[linker]\nmax_gap = 1h\nfrobnicate = 3\n",
			":3: [linker] unknown key 'frobnicate'");
	/* A notifier takes [policy] keys, but not keys of other groups. */
	assert_error_is("[notify:x]\ntype = terminal\nmax_gap = 1h\n",
			":3: [notify:x] unknown key 'max_gap'");
}

static void
test_unknown_group(void)
{
	g_autofree char *path = NULL;
	g_autofree char *msg = load_error("group.conf",
					  "[policy]\nquiet = true\n\n[sourc:x]\ntype = rss\n", &path);
	g_autofree char *prefix = g_strconcat(path, ":4: [sourc:x] unknown group", NULL);
	g_assert_true(g_str_has_prefix(msg, prefix));

	g_autofree char *msg2 = load_error("name.conf", "[source:]\ntype = rss\n", NULL);
	g_assert_nonnull(strstr(msg2, ":1: [source:] name '' must be non-empty"));
	g_autofree char *msg3 = load_error("name2.conf", "[source:a b]\ntype = rss\n", NULL);
	g_assert_nonnull(strstr(msg3, "[source:a b] name 'a b'"));
}

static void
test_duplicates(void)
{
	assert_error_is("[source:a]\ntype = rss\nurl = https://a.example/\n\n"
			"[source:a]\nlabel = A\n",
			":5: [source:a] group appears twice (first at line 1); merge the two");
	assert_error_is("[policy]\nquiet = true\n# comment = x\nquiet=false\n",
			":4: [policy] key 'quiet' is set twice (first at line 2)");
}

static void
test_key_not_for_type(void)
{
	assert_error_is("[notify:chat]\n"
			"type = slack\n"
			"url = env:X\n"
			"smtp_url = smtp://mail.example.com\n",
			":4: [notify:chat] key 'smtp_url' does not apply to type 'slack' "
			"(only to email)");
	assert_error_is("[source:s]\ntype = rss\nurl = https://a.example/\ntenant = t\n",
			":4: [source:s] key 'tenant' does not apply to type 'rss' (only to m365)");
}

static void
test_missing_required(void)
{
	assert_error_is("\n[source:x]\nurl = https://example.com/\n",
			":2: [source:x] missing required key 'type' "
			"(one of rss, atom, feed, jsonfeed, statuspage, m365)");
	g_autofree char *msg = load_error("m.conf",
					  "[source:t]\ntype = m365\ntenant = x\nclient_id = y\n",
					  NULL);
	g_assert_nonnull(strstr(msg, ":1: [source:t] missing required key 'client_secret'"));
	g_autofree char *msg2 = load_error("s.conf", "[notify:s]\ntype = teams\n", NULL);
	g_assert_nonnull(strstr(msg2, "[notify:s] missing required key 'url'"));
	g_autofree char *msg3 = load_error("f.conf", "[source:f]\ntype = atom\n", NULL);
	g_assert_nonnull(strstr(msg3, "[source:f] missing required key 'url'"));
}

static void
test_bad_values(void)
{
	const char *head = "[source:a]\ntype = rss\nurl = https://example.com/f\n";
	struct {
		const char *line;
		const char *expected;
	} cases[] = {
		{"interval = soon",
		 "'interval' must be a duration like 120s, 15m or 2h, got 'soon'"},
		{"interval = 10s", "'interval' must be at least 30s, got '10s'"},
		{"interval = 29", "'interval' must be at least 30s, got '29'"},
		{"max_size = 8Q", "'max_size' must be a size like 512K, 8M or a number of bytes, "
				  "got '8Q'"},
		{"max_size = 2G", "'max_size' must be at most 1G, got '2G'"},
		{"max_items = 0", "'max_items' must be at least 1, got '0'"},
		{"max_items = many", "'max_items' must be a whole number, got 'many'"},
		{"enabled = perhaps", "'enabled' must be true or false, got 'perhaps'"},
		{"timeout =", "'timeout' is empty; remove the line to use the default"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *text = g_strconcat(head, cases[i].line, "\n", NULL);
		g_autofree char *expected = g_strconcat(":4: [source:a] ", cases[i].expected, NULL);
		assert_error_is(text, expected);
	}
	assert_error_is("[source:t]\ntype = m365\ntenant = x\nclient_id = y\n"
			"client_secret = env:S\ncloud = mars\n",
			":6: [source:t] 'cloud' must be one of global, usgov, usgovdod, china, "
			"got 'mars'");
	assert_error_is("[source:x]\ntype = rdf\n",
			":2: [source:x] 'type' must be one of rss, atom, feed, jsonfeed, "
			"statuspage, m365, got 'rdf'");
	assert_error_is("[policy]\nmin_severity = huge\n",
			":2: [policy] 'min_severity' must be one of info, minor, major, critical, "
			"got 'huge'");
	assert_error_is("[digest]\ntime = 25:00\n",
			":2: [digest] 'time' must be a time of day like 08:00, got '25:00'");
	assert_error_is("[desktop]\ntray = yes\n",
			":2: [desktop] 'tray' must be one of auto, true, false, got 'yes'");
	assert_error_is("[linker]\nthreshold = high\n",
			":2: [linker] 'threshold' must be a number like 0.5, got 'high'");
	assert_error_is("[source:a]\ntype = rss\nurl = ftp://example.com/f\n",
			":3: [source:a] 'url' must be a URL with a host (scheme http, https, "
			"file), got 'ftp://example.com/…'");
}

static void
test_references(void)
{
	assert_error_is("[source:a]\ntype = rss\nurl = https://e.example/\n"
			"[policy]\nsources = a, b\n",
			":5: [policy] 'sources' names 'b', but there is no [source:b]");
	assert_error_is("[digest]\nenabled = true\n",
			":2: [digest] 'enabled' is true but 'notifier' names no email notifier");
	assert_error_is("[notify:t]\ntype = terminal\n[digest]\nenabled = true\nnotifier = t\n",
			":5: [digest] 'notifier' must name a [notify:NAME] group of type email, "
			"got 't'");
}

static void
test_unreadable_file(void)
{
	g_autofree char *missing = g_build_filename(tmpdir, "does-not-exist.conf", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load_file(missing, &error);
	g_assert_null(config);
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_nonnull(strstr(error->message, missing));
	g_assert_nonnull(strstr(error->message, "No such file"));
	g_clear_error(&error);

	/* A directory: GLib's own message is passed on with the path. */
	config = config_load_file(tmpdir, &error);
	g_assert_null(config);
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_nonnull(strstr(error->message, tmpdir));
	g_clear_error(&error);

	/* Not UTF-8, or not a key file at all. */
	assert_error_is("[policy]\nquiet = tr\xffue\n", ":2: not valid UTF-8");
	g_autofree char *path = NULL;
	g_autofree char *msg = load_error("junk.conf", "this is not ini\n", &path);
	g_assert_true(g_str_has_prefix(msg, path));
}

static void
test_inline_secret_permissions(void)
{
	const char *secret = "T000/B000/XXXXsecrettoken";
	g_autofree char *text = g_strdup_printf("[notify:slack]\ntype = slack\n"
						"url = https://hooks.slack.com/services/%s\n",
						secret);
	g_autofree char *path = write_conf("inline.conf", text, 0644);
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load_file(path, &error);
	g_assert_null(config);
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_autofree char *expected = g_strdup_printf(
		"'%s' holds an inline secret ([notify:slack] url) but is readable by others; "
		"chmod 600 it, or use env:NAME or file:/path",
		path);
	g_assert_cmpstr(error->message, ==, expected);
	g_assert_null(strstr(error->message, secret));
	g_clear_error(&error);

	/* Group-readable is refused too. */
	g_assert_cmpint(g_chmod(path, 0640), ==, 0);
	config = config_load_file(path, &error);
	g_assert_null(config);
	g_assert_nonnull(strstr(error->message, "readable by its group"));
	g_clear_error(&error);

	g_assert_cmpint(g_chmod(path, 0600), ==, 0);
	config = config_load_file(path, &error);
	g_assert_no_error(error);
	g_assert_nonnull(config);
	/* check-config shows the host, never the token. */
	g_autofree char *described = config_describe(config);
	g_assert_nonnull(strstr(described, "https://hooks.slack.com/…"));
	g_assert_null(strstr(described, secret));
	g_clear_pointer(&config, config_free);

	/* The same for client_secret and smtp_password. */
	g_autofree char *m365 = write_conf("m365.conf",
					   "[source:t]\ntype = m365\ntenant = x\nclient_id = y\n"
					   "client_secret = hunter2\n",
					   0604);
	config = config_load_file(m365, &error);
	g_assert_null(config);
	g_assert_nonnull(strstr(error->message, "([source:t] client_secret)"));
	g_assert_null(strstr(error->message, "hunter2"));
	g_clear_error(&error);
	g_autofree char *mail = write_conf("mail.conf",
					   "[notify:m]\ntype = email\nsmtp_url = smtp://h\n"
					   "from = a@b\nto = c@d\nsmtp_password = hunter2\n",
					   0644);
	config = config_load_file(mail, &error);
	g_assert_null(config);
	g_assert_nonnull(strstr(error->message, "([notify:m] smtp_password)"));
	g_clear_error(&error);

	/* References are not secrets themselves: a readable file may hold them. */
	g_autofree char *refs = write_conf("refs.conf",
					   "[notify:slack]\ntype = slack\nurl = env:SLACK_URL\n"
					   "[notify:n]\ntype = ntfy\nurl = file:/run/secrets/ntfy\n"
					   "[source:t]\ntype = m365\ntenant = x\nclient_id = y\n"
					   "client_secret = env:M365\n",
					   0644);
	config = config_load_file(refs, &error);
	g_assert_no_error(error);
	g_assert_nonnull(config);
	g_clear_pointer(&config, config_free);

	/* A bad inline webhook URL is reported without its token. */
	g_autofree char *bad = write_conf("bad.conf",
					  "[notify:s]\ntype = slack\nurl = gopher://h.example/tok3n\n",
					  0600);
	config = config_load_file(bad, &error);
	g_assert_null(config);
	g_assert_nonnull(strstr(error->message, "'gopher://h.example/…'"));
	g_assert_null(strstr(error->message, "tok3n"));
	g_clear_error(&error);
}

static void
test_secret_resolve(void)
{
	g_autoptr(GError) error = NULL;
	g_setenv("SW_TEST_SECRET", "s3cret", TRUE);
	g_autofree char *v = config_secret("env:SW_TEST_SECRET", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(v, ==, "s3cret");

	g_unsetenv("SW_TEST_UNSET");
	g_autofree char *u = secret_resolve("env:SW_TEST_UNSET", &error);
	g_assert_null(u);
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_nonnull(strstr(error->message, "'SW_TEST_UNSET'"));
	g_clear_error(&error);

	g_autofree char *path = write_conf("secret.txt", "line-one\r\nline-two\n", 0600);
	g_autofree char *ref = g_strconcat("file:", path, NULL);
	g_autofree char *f = secret_resolve(ref, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(f, ==, "line-one");

	g_autofree char *missing = g_strconcat("file:", tmpdir, "/no-such-secret", NULL);
	g_autofree char *m = secret_resolve(missing, &error);
	g_assert_null(m);
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_nonnull(strstr(error->message, "no-such-secret"));
	g_clear_error(&error);

	/* Larger than 64 KiB: refused, naming the file, not quoting it. */
	g_autofree char *big_text = g_strnfill(64 * 1024 + 1, 'k');
	g_autofree char *big = write_conf("big-secret", big_text, 0600);
	g_autofree char *big_ref = g_strconcat("file:", big, NULL);
	g_autofree char *b = secret_resolve(big_ref, &error);
	g_assert_null(b);
	g_assert_nonnull(strstr(error->message, big));
	g_assert_null(strstr(error->message, "kkkk"));
	g_clear_error(&error);
	/* Exactly 64 KiB is fine. */
	g_autofree char *edge_text = g_strnfill(64 * 1024, 'k');
	g_autofree char *edge = write_conf("edge-secret", edge_text, 0600);
	g_autofree char *edge_ref = g_strconcat("file:", edge, NULL);
	g_autofree char *e = secret_resolve(edge_ref, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(strlen(e), ==, 64 * 1024);

	g_autofree char *empty = write_conf("empty-secret", "\n", 0600);
	g_autofree char *empty_ref = g_strconcat("file:", empty, NULL);
	g_autofree char *z = secret_resolve(empty_ref, &error);
	g_assert_null(z);
	g_assert_nonnull(strstr(error->message, "is empty"));
	g_clear_error(&error);

	/* Inline values and file:// URLs are taken as written. */
	g_autofree char *i = secret_resolve("plain", &error);
	g_assert_cmpstr(i, ==, "plain");
	g_assert_true(secret_is_inline("https://x.example/"));
	g_assert_true(secret_is_inline("file:///var/feed.xml"));
	g_assert_false(secret_is_inline("file:/run/secret"));
	g_assert_false(secret_is_inline("env:X"));
}

static void
test_check_secrets(void)
{
	g_autofree char *secret_file = write_conf("ntfy-url", "https://ntfy.sh/topic\n", 0600);
	g_autofree char *text = g_strdup_printf("[notify:n]\ntype = ntfy\nurl = file:%s\n"
						"[source:t]\ntype = m365\ntenant = x\n"
						"client_id = y\nclient_secret = env:SW_TEST_CS\n",
						secret_file);
	g_autofree char *path = write_conf("check.conf", text, 0644);
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load_file(path, &error);
	g_assert_no_error(error);

	g_setenv("SW_TEST_CS", "abc", TRUE);
	g_assert_true(config_check_secrets(config, &error));
	g_assert_no_error(error);

	g_unsetenv("SW_TEST_CS");
	g_assert_false(config_check_secrets(config, &error));
	g_autofree char *expected = g_strdup_printf(
		"%s: [source:t] 'client_secret': environment variable 'SW_TEST_CS' "
		"(from env:SW_TEST_CS) is not set",
		path);
	g_assert_cmpstr(error->message, ==, expected);
	g_clear_error(&error);

	/* The form of a reference is checked at load time. */
	g_autofree char *msg = load_error("badref.conf",
					  "[notify:s]\ntype = slack\nurl = env:1-bad\n", NULL);
	g_assert_nonnull(strstr(msg, ":3: [notify:s] 'url' must be env:NAME"));
	g_autofree char *msg2 = load_error("badref2.conf",
					   "[notify:s]\ntype = slack\nurl = file:\n", NULL);
	g_assert_nonnull(strstr(msg2, ":3: [notify:s] 'url' must be file:/path"));
}

static void
test_secret_mask(void)
{
	struct {
		const char *in;
		const char *out;
	} cases[] = {
		{"env:SLACK_URL", "env:SLACK_URL"},
		{"file:/run/secrets/x", "file:/run/secrets/x"},
		{"https://hooks.slack.com/services/T0/B0/XYZ", "https://hooks.slack.com/…"},
		{"https://user:pw@example.com/", "https://example.com/…"},
		{"https://ntfy.sh/?topic=abc", "https://ntfy.sh/…"},
		{"http://127.0.0.1:8080/hook", "http://127.0.0.1:8080/…"},
		{"https://example.com/", "https://example.com/"},
		{"smtps://mail.example.com:465", "smtps://mail.example.com:465/"},
		{"http://[::1]:9/x", "http://[::1]:9/…"},
		{"hunter2", "***"},
		{"", "***"},
		{"not a url://x", "***"},
		{NULL, "(unset)"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *m = secret_mask(cases[i].in);
		g_assert_cmpstr(m, ==, cases[i].out);
	}
}

static void
test_search_order(void)
{
	g_autofree char *a = write_conf("a.conf", "[source:from-env]\ntype = rss\n"
						  "url = https://a.example/\n",
					0644);
	g_autofree char *xdg = g_build_filename(tmpdir, "xdg", NULL);
	g_autofree char *xdg_dir = g_build_filename(xdg, "statuswatch", NULL);
	g_assert_cmpint(g_mkdir_with_parents(xdg_dir, 0700), ==, 0);
	g_autofree char *xdg_file = g_build_filename(xdg_dir, "statuswatch.conf", NULL);
	g_file_set_contents(xdg_file, "[source:from-xdg]\ntype = rss\nurl = https://b.example/\n",
			    -1, NULL);
	g_autofree char *explicit = write_conf("c.conf", "[source:explicit]\ntype = rss\n"
							 "url = https://c.example/\n",
					       0644);
	g_autoptr(GError) error = NULL;

	g_setenv("STATUSWATCH_CONFIG", a, TRUE);
	g_setenv("XDG_CONFIG_HOME", xdg, TRUE);
	g_autoptr(Config) c1 = config_load(explicit, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(c1->path, ==, explicit);

	g_autoptr(Config) c2 = config_load(NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(c2->path, ==, a);

	g_unsetenv("STATUSWATCH_CONFIG");
	g_autoptr(Config) c3 = config_load(NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(c3->path, ==, xdg_file);
	g_assert_nonnull(config_find_source(c3, "from-xdg"));

	/* A named file that is missing is an error, never a fallback. */
	g_autofree char *gone = g_build_filename(tmpdir, "gone.conf", NULL);
	g_autoptr(Config) c4 = config_load(gone, &error);
	g_assert_null(c4);
	g_assert_nonnull(strstr(error->message, gone));
	g_clear_error(&error);
	g_setenv("STATUSWATCH_CONFIG", gone, TRUE);
	g_autoptr(Config) c5 = config_load(NULL, &error);
	g_assert_null(c5);
	g_assert_nonnull(strstr(error->message, gone));
	g_clear_error(&error);
	g_unsetenv("STATUSWATCH_CONFIG");

	/* Missing XDG file: falls through to /etc, then to the built-in default. */
	g_autofree char *empty_xdg = g_build_filename(tmpdir, "xdg-empty", NULL);
	g_setenv("XDG_CONFIG_HOME", empty_xdg, TRUE);
	g_autoptr(Config) c6 = config_load(NULL, &error);
	g_assert_no_error(error);
	g_autofree char *etc = g_build_filename(SW_SYSCONFDIR, "statuswatch",
						"statuswatch.conf", NULL);
	if (g_file_test(etc, G_FILE_TEST_EXISTS)) {
		g_assert_cmpstr(c6->path, ==, etc);
	} else {
		g_assert_null(c6->path);
		g_assert_cmpuint(c6->sources->len, ==, 5);
	}
	g_unsetenv("XDG_CONFIG_HOME");
}

static void
test_default(void)
{
	g_autoptr(Config) config = config_load_default();
	g_assert_null(config->path);
	const char *names[] = {"github", "cloudflare", "azure", "aws", "gcp"};
	g_assert_cmpuint(config->sources->len, ==, G_N_ELEMENTS(names));
	for (gsize i = 0; i < G_N_ELEMENTS(names); i++) {
		const SourceConfig *s = g_ptr_array_index(config->sources, i);
		g_assert_cmpstr(s->name, ==, names[i]);
		g_assert_true(g_str_has_prefix(s->url, "https://"));
		g_assert_cmpint(s->interval, ==, 120);
	}
	g_assert_cmpstr(config_find_source(config, "cloudflare")->type, ==, "statuspage");
	g_assert_cmpuint(config->notifiers->len, ==, 1);
	const NotifierConfig *n = g_ptr_array_index(config->notifiers, 0);
	g_assert_true(strcmp(n->type, "desktop") == 0 || strcmp(n->type, "terminal") == 0);
	g_autofree char *d = config_describe(config);
	g_assert_nonnull(strstr(d, "source 'github' (GitHub): atom https://www.githubstatus.com/…"
				   ", every 2m, stale after 30m\n"));
	g_assert_nonnull(strstr(d, "notifier '"));
}

static char *
share_file(const char *name)
{
	return g_test_build_filename(G_TEST_DIST, "..", "share", name, NULL);
}

static void
test_example_loads(void)
{
	g_autofree char *path = share_file("statuswatch.conf.example");
	g_autoptr(GError) error = NULL;
	g_autoptr(Config) config = config_load_file(path, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(config->sources->len, >=, 3);
	gboolean has_m365 = FALSE;
	for (guint i = 0; i < config->sources->len; i++) {
		const SourceConfig *s = g_ptr_array_index(config->sources, i);
		if (strcmp(s->type, "m365") == 0) {
			has_m365 = TRUE;
			g_assert_true(g_str_has_prefix(config_source_get(s, "client_secret"),
						       "env:"));
		}
	}
	g_assert_true(has_m365);
	g_assert_nonnull(config_find_notifier(config, "desktop"));
}

static void
test_every_key_documented(void)
{
	g_autofree char *example_path = share_file("statuswatch.conf.example");
	g_autofree char *man_path = g_build_filename(g_test_get_dir(G_TEST_DIST), "..", "share",
						     "man", "statuswatch.conf.5.scd", NULL);
	g_autofree char *example = NULL;
	g_autofree char *man = NULL;
	g_autoptr(GError) error = NULL;
	g_file_get_contents(example_path, &example, NULL, &error);
	g_assert_no_error(error);
	g_file_get_contents(man_path, &man, NULL, &error);
	g_assert_no_error(error);

	gsize n = 0;
	const SchemaKey *table = config_schema(&n);
	g_assert_cmpuint(n, >, 30);
	for (gsize i = 0; i < n; i++) {
		const char *key = table[i].key;
		/* In the example: a line "key = ..." or "#key = ...". */
		g_autofree char *pattern = g_strdup_printf("(?m)^#?%s =", key);
		if (!g_regex_match_simple(pattern, example, 0, 0)) {
			g_test_message("key '%s' ([%s]) is not in %s", key,
				       config_schema_group_name(table[i].group), example_path);
			g_test_fail();
		}
		/* In the man page: as a bold term "*key* =" under its group's section. */
		g_autofree char *term = g_strdup_printf("*%s* =", key);
		if (strstr(man, term) == NULL) {
			g_test_message("key '%s' ([%s]) is not in %s", key,
				       config_schema_group_name(table[i].group), man_path);
			g_test_fail();
		}
		/* The default written in the docs is the table's. */
		if (table[i].def != NULL && *table[i].def != '\0') {
			g_autofree char *with_def = g_strdup_printf("(?m)^#?%s = %s$", key,
								    table[i].def);
			if (!g_regex_match_simple(with_def, example, 0, 0)) {
				g_test_message("key '%s': default '%s' not shown in the example",
					       key, table[i].def);
				g_test_fail();
			}
		}
	}
}

static void
test_schema_table(void)
{
	gsize n = 0;
	const SchemaKey *table = config_schema(&n);
	for (gsize i = 0; i < n; i++) {
		const SchemaKey *k = &table[i];
		g_assert_nonnull(k->doc);
		g_assert_null(strchr(k->doc, '\n'));
		/* Defaults obey the table's own rules. */
		if (k->def != NULL && *k->def != '\0' && k->type == SCHEMA_ENUM) {
			g_assert_true(config_schema_word_in(k->choices, k->def));
		}
		/* No key twice in one group. */
		for (gsize j = i + 1; j < n; j++) {
			g_assert_false(k->group == table[j].group &&
				       strcmp(k->key, table[j].key) == 0);
		}
	}
	g_assert_true(config_schema_word_in("a|bb|c", "bb"));
	g_assert_false(config_schema_word_in("a|bb|c", "b"));
	g_assert_true(config_schema_word_in(NULL, "x"));
	g_assert_nonnull(config_schema_find(SCHEMA_GROUP_NOTIFY, "min_severity"));
	g_assert_null(config_schema_find(SCHEMA_GROUP_SOURCE, "min_severity"));
}

static void
test_describe(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "fixtures", "config", "good.conf",
						      NULL);
	g_autoptr(Config) config = config_load_file(path, NULL);
	g_assert_nonnull(config);
	g_autofree char *d = config_describe(config);
	g_auto(GStrv) lines = g_strsplit(d, "\n", -1);
	/* One line per source and notifier, then linker and digest. */
	g_assert_cmpuint(g_strv_length(lines), ==, 3 + 2 + 2 + 1);
	g_assert_cmpstr(lines[0], ==, "source 'azure' (Azure): rss "
				      "https://rssfeed.azure.status.microsoft/…, every 5m, "
				      "stale after 30m");
	g_assert_nonnull(strstr(lines[1], ", disabled"));
	g_assert_cmpstr(lines[2], ==, "source 'contoso' (Contoso Ltd): m365 tenant "
				      "'contoso.onmicrosoft.com', cloud usgov, client_id "
				      "11111111-2222-3333-4444-555555555555, client_secret "
				      "env:SW_TEST_M365_SECRET, every 2m, stale after 30m");
	g_assert_true(g_str_has_prefix(lines[3], "notifier 'slack': slack env:SW_TEST_SLACK_URL, "
						 "min_severity major"));
	g_assert_true(g_str_has_prefix(lines[4], "notifier 'mail': email via "
						 "smtps://mail.example.com:465/ from "));
	g_assert_cmpstr(lines[5], ==, "linker: threshold 0.75, max_gap 90m");
	g_assert_cmpstr(lines[6], ==, "digest: daily at 07:30 via 'mail' to a@example.com, "
				      "b@example.com");
}

/* A malformed line is named by number, never quoted: it may hold a secret. */
static void
test_syntax_error_does_not_quote(void)
{
	assert_error_is("[source:x]\ntype = m365\nclient_secret: Xq8~SUPERSECRET\n",
			":3: line is neither 'key = value', a [group] nor a # comment");
	assert_error_is("[source:x\ntype = rss\n",
			":1: line is neither 'key = value', a [group] nor a # comment");
	g_autofree char *msg = load_error("nogroup.conf", "password = hunter2\n[linker]\n", NULL);
	g_assert_null(strstr(msg, "hunter2"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_autoptr(GError) error = NULL;
	tmpdir = g_dir_make_tmp("sw-config-XXXXXX", &error);
	g_assert_no_error(error);

	g_test_add_func("/config/good-file", test_good_file);
	g_test_add_func("/config/syntax-error-does-not-quote", test_syntax_error_does_not_quote);
	g_test_add_func("/config/defaults", test_defaults_for_empty_file);
	g_test_add_func("/config/unknown-key", test_unknown_key);
	g_test_add_func("/config/unknown-group", test_unknown_group);
	g_test_add_func("/config/duplicates", test_duplicates);
	g_test_add_func("/config/key-not-for-type", test_key_not_for_type);
	g_test_add_func("/config/missing-required", test_missing_required);
	g_test_add_func("/config/bad-values", test_bad_values);
	g_test_add_func("/config/references", test_references);
	g_test_add_func("/config/unreadable-file", test_unreadable_file);
	g_test_add_func("/config/inline-secret-permissions", test_inline_secret_permissions);
	g_test_add_func("/config/secret-resolve", test_secret_resolve);
	g_test_add_func("/config/secret-mask", test_secret_mask);
	g_test_add_func("/config/check-secrets", test_check_secrets);
	g_test_add_func("/config/search-order", test_search_order);
	g_test_add_func("/config/default", test_default);
	g_test_add_func("/config/example-loads", test_example_loads);
	g_test_add_func("/config/every-key-documented", test_every_key_documented);
	g_test_add_func("/config/schema-table", test_schema_table);
	g_test_add_func("/config/describe", test_describe);
	int ret = g_test_run();

	rm_rf(tmpdir);
	g_free(tmpdir);
	return ret;
}
