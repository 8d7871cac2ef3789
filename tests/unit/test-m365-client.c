/*
 * The m365 client against tests/integration/graph_server.py (token endpoint
 * and Graph on 127.0.0.1): paging with the token re-sent on the nextLink,
 * token caching and the refresh after a 401, Retry-After (short: retried in
 * the poll; long: deferral), 503, 403 with the Graph error text, malformed
 * JSON, unknown statuses, incremental $filter, the full-read flag, and no token or secret in any error message.
 *
 * Registered in the integration suite: it needs $SW_PYTHON (Debian's python3).
 */
#include <glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "http/fetch.h"
#include "model/advisory.h"
#include "model/source_state.h"
#include "poll/m365.h"
#include "util/error.h"

#define SECRET "s3cr3t&=+ %value"
/* 2023-07-27T00:00:00Z: after every July issue was modified. */
#define NOW G_GINT64_CONSTANT(1690416000)

static GPid server_pid;
static int server_port;
static int server_stdin = -1; /* closing it (or dying) stops the server */
static Fetcher *fetcher;

/* ---- the server ---- */

static bool
start_server(void)
{
	const char *python = g_getenv("SW_PYTHON");
	if (python == NULL) {
		python = "/usr/bin/python3";
	}
	g_autofree char *script = g_test_build_filename(G_TEST_DIST, "integration",
							"graph_server.py", NULL);
	g_autofree char *fixtures = g_test_build_filename(G_TEST_DIST, "fixtures", "graph", NULL);
	const char *argv[] = {python, script, "--watch-stdin", fixtures, NULL};
	int out_fd = -1;
	g_autoptr(GError) error = NULL;
	if (!g_spawn_async_with_pipes(NULL, (char **)argv, NULL,
				      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
				      NULL, &server_pid, &server_stdin, &out_fd, NULL, &error)) {
		g_test_message("cannot start graph_server.py: %s", error->message);
		return false;
	}
	char buf[32] = {0};
	gsize n = 0;
	while (n < sizeof(buf) - 1) {
		gssize r = read(out_fd, buf + n, 1);
		if (r <= 0 || buf[n] == '\n') {
			break;
		}
		n++;
	}
	close(out_fd);
	server_port = atoi(buf);
	return server_port > 0;
}

static void
stop_server(void)
{
	if (server_stdin >= 0) {
		close(server_stdin);
	}
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		g_spawn_close_pid(server_pid);
	}
}

/* ---- fetch helpers (control endpoints go through the same Fetcher) ---- */

typedef struct {
	GMainLoop *loop;
	char *body;
} GetWait;

static void
on_get(const FetchResponse *response, const GError *error, gpointer user_data)
{
	GetWait *w = user_data;
	g_assert_no_error(error);
	g_assert_nonnull(response);
	g_assert_cmpint(response->status, ==, 200);
	w->body = g_strndup((const char *)response->body->data, response->body->len);
	g_main_loop_quit(w->loop);
}

static char *
http_get(const char *path)
{
	g_autofree char *url = g_strdup_printf("http://127.0.0.1:%d%s", server_port, path);
	GetWait w = {.loop = g_main_loop_new(NULL, FALSE)};
	FetchRequest req = {.url = url};
	fetcher_submit(fetcher, &req, on_get, &w);
	g_main_loop_run(w.loop);
	g_main_loop_unref(w.loop);
	return w.body;
}

static void
scenario(const char *name)
{
	g_autofree char *path = g_strdup_printf("/_control?scenario=%s", name);
	g_free(http_get(path));
}

/* A number after "\"KEY\": " in the stats JSON (the server writes it that way). */
static int
stat_int(const char *stats, const char *key)
{
	g_autofree char *needle = g_strdup_printf("\"%s\": ", key);
	const char *p = strstr(stats, needle);
	g_assert_nonnull(p);
	return atoi(p + strlen(needle));
}

static guint
count(const char *haystack, const char *needle)
{
	guint n = 0;
	for (const char *p = strstr(haystack, needle); p != NULL; p = strstr(p + 1, needle)) {
		n++;
	}
	return n;
}

/* ---- the client ---- */

/* The settings of [source:contoso] against the test server.  Strings are borrowed from
 * static storage or from @base, which the caller keeps. */
static M365Settings
settings_for(const char *secret, bool messages, const char *base)
{
	return (M365Settings){
		.name = "contoso",
		.tenant = "contoso.onmicrosoft.com",
		.client_id = "app-id",
		.client_secret = secret,
		.login_url = base,
		.graph_url = base,
		.messages = messages,
		.full_read_interval = 6 * 3600,
	};
}

static M365Client *
client_new(bool messages)
{
	g_setenv("SW_TEST_M365_SECRET", SECRET, TRUE);
	g_autofree char *base = g_strdup_printf("http://127.0.0.1:%d/", server_port);
	M365Settings src = settings_for("env:SW_TEST_M365_SECRET", messages, base);
	g_autoptr(GError) error = NULL;
	M365Client *client = m365_client_new(&src, &error);
	g_assert_no_error(error);
	g_assert_nonnull(client);
	return client;
}

typedef struct {
	GMainLoop *loop;
	M365Result *result;
	GError *error;
	guint calls;
} PollWait;

static void
on_poll(M365Result *result, const GError *error, gpointer user_data)
{
	PollWait *w = user_data;
	w->calls++;
	w->result = result;
	w->error = error != NULL ? g_error_copy(error) : NULL;
	g_main_loop_quit(w->loop);
}

static gboolean
on_timeout(gpointer user_data)
{
	g_error("poll did not finish within 60 s");
	return G_SOURCE_REMOVE;
}

/* Runs one poll to completion.  Caller frees *ret_result and the returned error. */
static GError *
run_poll(M365Client *client, const SourceState *state, gint64 now, M365Result **ret_result)
{
	PollWait w = {.loop = g_main_loop_new(NULL, FALSE)};
	guint guard = g_timeout_add_seconds(60, on_timeout, NULL);
	m365_client_poll(client, fetcher, state, now, on_poll, &w);
	if (w.calls == 0) {
		g_main_loop_run(w.loop);
	}
	g_source_remove(guard);
	g_main_loop_unref(w.loop);
	g_assert_cmpuint(w.calls, ==, 1);
	g_assert_nonnull(w.result);
	*ret_result = w.result;
	return w.error;
}

static Advisory *
find(const M365Result *r, const char *id)
{
	for (guint i = 0; i < r->advisories->len; i++) {
		Advisory *a = g_ptr_array_index(r->advisories, i);
		if (g_strcmp0(a->id, id) == 0) {
			return a;
		}
	}
	return NULL;
}

/* Every token the server ever issued, and the secret, are absent from @message. */
static void
assert_no_secrets(const char *message)
{
	g_assert_null(strstr(message, SECRET));
	g_assert_null(strstr(message, "s3cr3t"));
	/* Every token graph_server.py issues starts with this. */
	g_assert_null(strstr(message, "eyJ0eXAi"));
}

/* ---- tests ---- */

static void
test_july_pages(void)
{
	g_autoptr(M365Client) client = client_new(false);
	scenario("july");

	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	g_assert_no_error(error);
	g_assert_true(r->full_read);
	g_assert_cmpint(r->defer_until, ==, SW_TIME_NONE);
	g_assert_cmpuint(r->advisories->len, ==, 11);

	Advisory *a = find(r, "EX649175");
	g_assert_nonnull(a);
	g_assert_cmpstr(a->source, ==, "contoso");
	g_assert_cmpint(a->kind, ==, ADVISORY_KIND_INCIDENT);
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_RESOLVED);
	g_assert_nonnull(strstr(a->text, "503 5.5.1"));
	g_assert_cmpuint(a->updates->len, ==, 4);
	Advisory *b = find(r, "EX648815"); /* on page 2 */
	g_assert_nonnull(b);
	g_assert_cmpuint(b->updates->len, ==, 7);
	g_assert_cmpstr(b->feature, ==, "Mail flow delay");
	g_assert_nonnull(find(r, "EX649488"));

	g_autofree char *stats = http_get("/_stats");
	g_assert_cmpint(stat_int(stats, "token_requests"), ==, 1);
	g_assert_cmpint(stat_int(stats, "graph_requests"), ==, 2);
	/* Both pages, including the verbatim nextLink, carried the bearer token and the Prefer. */
	g_assert_cmpuint(count(stats, "\"authorization\": true"), ==, 2);
	g_assert_cmpuint(count(stats, "\"authorization\": false"), ==, 0);
	g_assert_nonnull(strstr(stats, "$skiptoken=cGFnZTI%3D&$top=6"));
	g_assert_cmpuint(count(stats, "\"prefer\": \"odata.maxpagesize="), ==, 2);
	g_assert_nonnull(strstr(stats, "\"content_type\": \"application/x-www-form-urlencoded\""));
	g_assert_nonnull(strstr(stats, "\"problems\": []"));
	m365_result_free(r);

	/* Second poll: incremental (filter since last success - 10 min), token from the cache. */
	scenario("july");
	g_autoptr(SourceState) state = source_state_new("contoso");
	state->last_success = G_GINT64_CONSTANT(1689674400); /* 2023-07-18T10:00:00Z */
	state->last_full_read = state->last_success;
	error = run_poll(client, state, state->last_success + 600, &r);
	g_assert_no_error(error);
	g_assert_false(r->full_read);
	g_free(stats);
	stats = http_get("/_stats");
	g_assert_cmpint(stat_int(stats, "token_requests"), ==, 0);
	g_assert_nonnull(strstr(stats, "$filter=lastModifiedDateTime%20ge%202023-07-18T09%3A50%3A00Z"));
	/* Only issues modified since 09:50 on the 18th come back: EX649175 yes, EX648902 no. */
	g_assert_nonnull(find(r, "EX649175"));
	g_assert_null(find(r, "EX648902"));
	g_assert_cmpuint(r->advisories->len, <, 11);
	m365_result_free(r);

	/* Six hours after the last full read: a full read again. */
	state->last_full_read = NOW - 6 * 3600;
	state->last_success = NOW - 300;
	error = run_poll(client, state, NOW, &r);
	g_assert_no_error(error);
	g_assert_true(r->full_read);
	g_assert_cmpuint(r->advisories->len, ==, 11);
	m365_result_free(r);
}

static void
test_token_refresh(void)
{
	g_autoptr(M365Client) client = client_new(false);
	scenario("july");
	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	g_assert_no_error(error);
	m365_result_free(r);

	/* The server now refuses every token it issued: 401, one refresh, success. */
	scenario("july");
	g_free(http_get("/_control?expire=1"));
	error = run_poll(client, NULL, NOW + 60, &r);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 11);
	m365_result_free(r);
	g_autofree char *stats = http_get("/_stats");
	g_assert_cmpint(stat_int(stats, "token_requests"), ==, 1);
	g_assert_cmpuint(count(stats, "\"status\": 401"), ==, 1);

	/* The cached token's own expiry (3599 s, refreshed 300 s early) also forces a new one. */
	scenario("july");
	error = run_poll(client, NULL, NOW + 60 + 3599 - 299, &r);
	g_assert_no_error(error);
	m365_result_free(r);
	g_free(stats);
	stats = http_get("/_stats");
	g_assert_cmpint(stat_int(stats, "token_requests"), ==, 1);
	g_assert_cmpuint(count(stats, "\"status\": 401"), ==, 0);
}

static void
test_throttle_short(void)
{
	g_autoptr(M365Client) client = client_new(false);
	scenario("throttle");
	M365Result *r = NULL;
	gint64 t0 = g_get_monotonic_time();
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	gint64 elapsed = g_get_monotonic_time() - t0;
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 11);
	g_assert_cmpint(r->defer_until, ==, SW_TIME_NONE);
	/* Retry-After: 2.128 is rounded up to 3 s and waited out inside the poll. */
	g_assert_cmpint(elapsed, >=, 2500 * 1000);
	g_autofree char *stats = http_get("/_stats");
	g_assert_cmpuint(count(stats, "\"status\": 429"), ==, 1);
	g_assert_cmpint(stat_int(stats, "graph_requests"), ==, 3);
	m365_result_free(r);
}

static void
test_throttle_long(void)
{
	g_autoptr(M365Client) client = client_new(false);
	scenario("throttle-long");
	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	g_assert_error(error, SW_ERROR, SW_ERROR_TEMPORARY);
	g_assert_cmpint(r->defer_until, ==, NOW + 120);
	g_assert_cmpuint(r->advisories->len, ==, 0);
	/* The daemon names the source in its log line; the message does not repeat it. */
	g_assert_false(g_str_has_prefix(error->message, "source '"));
	g_assert_nonnull(strstr(error->message, "TooManyRequests"));
	g_autofree char *stats = http_get("/_stats");
	g_assert_cmpint(stat_int(stats, "graph_requests"), ==, 1);
	assert_no_secrets(error->message);
	m365_result_free(r);
}

static void
test_unavailable(void)
{
	g_autoptr(M365Client) client = client_new(false);
	scenario("unavailable");
	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	g_assert_error(error, SW_ERROR, SW_ERROR_TEMPORARY);
	g_assert_cmpint(r->defer_until, ==, SW_TIME_NONE);
	g_assert_nonnull(strstr(error->message, "serviceNotAvailable"));
	assert_no_secrets(error->message);
	m365_result_free(r);
}

static void
test_unavailable_short(void)
{
	g_autoptr(M365Client) client = client_new(false);
	scenario("unavailable-short");
	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 11);
	g_autofree char *stats = http_get("/_stats");
	g_assert_cmpuint(count(stats, "\"status\": 503"), ==, 1);
	m365_result_free(r);
}

static void
test_forbidden(void)
{
	g_autoptr(M365Client) client = client_new(false);
	/* Warm the token cache first, so the 403 arrives with a cached token. */
	scenario("july");
	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	g_assert_no_error(error);
	m365_result_free(r);

	scenario("forbidden");
	error = run_poll(client, NULL, NOW + 60, &r);
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_cmpstr(error->message, ==,
			"Graph refused access (403 Authorization_RequestDenied: "
			"Insufficient privileges to complete the operation.): the app lacks "
			"ServiceHealth.Read.All or admin consent");
	assert_no_secrets(error->message);
	/* One fresh token was tried before giving up (a new consent needs a new token). */
	g_autofree char *stats = http_get("/_stats");
	g_assert_cmpint(stat_int(stats, "token_requests"), ==, 1);
	g_assert_cmpuint(count(stats, "\"status\": 403"), ==, 2);
	m365_result_free(r);
}

static void
test_bad_secret(void)
{
	g_autofree char *base = g_strdup_printf("http://127.0.0.1:%d/", server_port);
	M365Settings src = settings_for("wrong-" SECRET, false, base);
	g_autoptr(GError) error = NULL;
	g_autoptr(M365Client) client = m365_client_new(&src, &error);
	g_assert_no_error(error);
	scenario("july");
	M365Result *r = NULL;
	error = run_poll(client, NULL, NOW, &r);
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_nonnull(strstr(error->message, "invalid_client"));
	g_assert_nonnull(strstr(error->message, "AADSTS7000215"));
	g_assert_null(strstr(error->message, "Trace ID"));
	assert_no_secrets(error->message);
	m365_result_free(r);
}

static void
test_malformed(void)
{
	g_autoptr(M365Client) client = client_new(false);
	scenario("malformed");
	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	g_assert_error(error, SW_ERROR, SW_ERROR_PARSE);
	/* The daemon names the source in its log line; the message does not repeat it. */
	g_assert_false(g_str_has_prefix(error->message, "source '"));
	g_assert_cmpuint(r->advisories->len, ==, 0);
	m365_result_free(r);
}

static void
test_unknown_status(void)
{
	g_autoptr(M365Client) client = client_new(false);
	scenario("unknown-status");
	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 1);
	Advisory *a = find(r, "EX700002");
	g_assert_nonnull(a);
	g_assert_cmpint(a->status, ==, ADVISORY_STATUS_UNKNOWN);
	g_assert_cmpstr(a->raw_status, ==, "quantumFluctuation");
	g_assert_cmpuint(r->warnings->len, ==, 1);
	m365_result_free(r);
}

static void
test_filter_refused(void)
{
	g_autoptr(M365Client) client = client_new(false);
	scenario("filter-refused");
	g_autoptr(SourceState) state = source_state_new("contoso");
	state->last_success = NOW - 300;
	state->last_full_read = NOW - 600;
	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, state, NOW, &r);
	g_assert_no_error(error);
	/* Graph refused $filter: the client fell back to a full read. */
	g_assert_true(r->full_read);
	g_assert_cmpuint(r->advisories->len, ==, 11);
	g_assert_cmpuint(r->warnings->len, ==, 1);
	m365_result_free(r);
}

/* Whether a read is the tenant's complete list: the pipeline marks open advisories missing
 * from a full read as withdrawn, and must not do so after an incremental one. */
static void
test_full_read_flag(void)
{
	g_autoptr(M365Client) client = client_new(false);
	scenario("with-open");
	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	g_assert_no_error(error);
	g_assert_true(r->full_read);
	Advisory *open = find(r, "EX700001");
	g_assert_nonnull(open);
	g_assert_false(advisory_is_closed(open, NOW));
	m365_result_free(r);

	/* An incremental read without it proves nothing. */
	scenario("gone");
	g_autoptr(SourceState) state = source_state_new("contoso");
	state->last_success = NOW;
	state->last_full_read = NOW;
	error = run_poll(client, state, NOW + 300, &r);
	g_assert_no_error(error);
	g_assert_false(r->full_read);
	g_assert_null(find(r, "EX700001"));
	m365_result_free(r);

	/* Once full_read_interval has passed, the read is full again, and it lacks the issue. */
	state->last_full_read = NOW - 7 * 3600;
	error = run_poll(client, state, NOW + 600, &r);
	g_assert_no_error(error);
	g_assert_true(r->full_read);
	g_assert_null(find(r, "EX700001"));
	m365_result_free(r);
}

static void
test_messages(void)
{
	g_autoptr(M365Client) client = client_new(true);
	scenario("july");
	M365Result *r = NULL;
	g_autoptr(GError) error = run_poll(client, NULL, NOW, &r);
	g_assert_no_error(error);
	g_assert_cmpuint(r->advisories->len, ==, 12);
	Advisory *m = find(r, "MC900100");
	g_assert_nonnull(m);
	g_assert_cmpint(m->kind, ==, ADVISORY_KIND_INFORMATIONAL);
	g_autofree char *stats = http_get("/_stats");
	g_assert_nonnull(strstr(stats, "/v1.0/admin/serviceAnnouncement/messages"));
	m365_result_free(r);
}

static void
on_never(M365Result *result, const GError *error, gpointer user_data)
{
	g_error("done called after m365_client_free()");
}

static void
test_free_in_flight(void)
{
	/* Freed while the token request is in flight: no callback, no crash, no leak. */
	M365Client *client = client_new(false);
	scenario("july");
	m365_client_poll(client, fetcher, NULL, NOW, on_never, NULL);
	m365_client_free(client);
	fetcher_run(fetcher);

	/* Freed while waiting out a Retry-After. */
	client = client_new(false);
	scenario("throttle");
	m365_client_poll(client, fetcher, NULL, NOW, on_never, NULL);
	while (fetcher_pending(fetcher) > 0) {
		g_main_context_iteration(NULL, TRUE);
	}
	m365_client_free(client);
	g_autofree char *stats = http_get("/_stats");
	g_assert_cmpuint(count(stats, "\"status\": 429"), ==, 1);
}

static void
test_config_errors(void)
{
	g_autofree char *base = g_strdup_printf("http://127.0.0.1:%d/", server_port);
	M365Settings src = settings_for("env:SW_TEST_M365_SECRET", false, base);
	g_autoptr(GError) error = NULL;

	src.cloud = "mars";
	g_assert_null(m365_client_new(&src, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_nonnull(strstr(error->message, "'mars'"));
	g_clear_error(&error);
	/* Clouds choose the hosts (REFERENCE §1.2); explicit URLs override them. */
	static const char *const hosts[][3] = {
		{"global", "https://login.microsoftonline.com", "https://graph.microsoft.com"},
		{"usgov", "https://login.microsoftonline.us", "https://graph.microsoft.us"},
		{"USGovDoD", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"},
		{"china", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"},
	};
	src.login_url = NULL;
	src.graph_url = NULL;
	g_setenv("SW_TEST_M365_SECRET", SECRET, TRUE);
	for (guint i = 0; i < G_N_ELEMENTS(hosts); i++) {
		src.cloud = hosts[i][0];
		g_autoptr(M365Client) c = m365_client_new(&src, &error);
		g_assert_no_error(error);
		g_assert_cmpstr(m365_client_login_url(c), ==, hosts[i][1]);
		g_assert_cmpstr(m365_client_graph_url(c), ==, hosts[i][2]);
	}
	src.graph_url = "https://graph.example/x//";
	g_autoptr(M365Client) over = m365_client_new(&src, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(m365_client_graph_url(over), ==, "https://graph.example/x");
	g_assert_cmpstr(m365_client_login_url(over), ==, "https://login.chinacloudapi.cn");
	src.graph_url = "ftp://graph.example";
	g_assert_null(m365_client_new(&src, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_cmpstr(error->message, ==,
			"source 'contoso': graph_url 'ftp://graph.example' is not an http(s) URL");
	g_clear_error(&error);
	/* The scheme in any case, as the configuration's URL check and every link check
	 * (text_is_web_link()) read it. */
	src.graph_url = "HTTPS://graph.example";
	g_autoptr(M365Client) upper = m365_client_new(&src, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(m365_client_graph_url(upper), ==, "HTTPS://graph.example");
	src.graph_url = NULL;

	g_unsetenv("SW_TEST_M365_SECRET");
	g_assert_null(m365_client_new(&src, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_true(g_str_has_prefix(error->message, "source 'contoso': client_secret"));
	g_clear_error(&error);

	src.tenant = NULL;
	g_assert_null(m365_client_new(&src, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
	g_assert_nonnull(strstr(error->message, "tenant"));
	g_clear_error(&error);

	src.tenant = "../evil";
	g_assert_null(m365_client_new(&src, &error));
	g_assert_error(error, SW_ERROR, SW_ERROR_CONFIG);
}

static void
test_no_server(void)
{
	g_test_skip("graph_server.py did not start (no Debian python3?)");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/m365/config-errors", test_config_errors);
	if (!start_server()) {
		g_test_add_func("/m365/server", test_no_server);
		return g_test_run();
	}
	fetcher = fetcher_new();
	fetcher_attach(fetcher, NULL);
	g_test_add_func("/m365/july-pages", test_july_pages);
	g_test_add_func("/m365/token-refresh", test_token_refresh);
	g_test_add_func("/m365/throttle-short", test_throttle_short);
	g_test_add_func("/m365/throttle-long", test_throttle_long);
	g_test_add_func("/m365/unavailable", test_unavailable);
	g_test_add_func("/m365/unavailable-short", test_unavailable_short);
	g_test_add_func("/m365/forbidden", test_forbidden);
	g_test_add_func("/m365/bad-secret", test_bad_secret);
	g_test_add_func("/m365/malformed", test_malformed);
	g_test_add_func("/m365/unknown-status", test_unknown_status);
	g_test_add_func("/m365/filter-refused", test_filter_refused);
	g_test_add_func("/m365/full-read-flag", test_full_read_flag);
	g_test_add_func("/m365/messages", test_messages);
	g_test_add_func("/m365/free-in-flight", test_free_in_flight);
	int rc = g_test_run();
	fetcher_free(fetcher);
	stop_server();
	return rc;
}
