/*
 * Secret values (see secret.h): resolves env:NAME and file:/path references
 * and masks secrets for output.  It never logs, and no error it builds quotes a
 * secret's value: only the variable's or the file's name.  A value starting
 * "file://" is a URL (a feed read from disk), not a secret file, so
 * "file:///x" stays inline; write secret files as "file:/path".
 */
#include "util/secret.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "util/error.h"

/* A secret is a token or a password: a few hundred bytes.  64 KiB leaves room
 * for certificates while refusing a mistyped path to a log or a device. */
#define SECRET_FILE_MAX (64 * 1024)

static bool
is_env_ref(const char *value)
{
	return g_str_has_prefix(value, "env:");
}

static bool
is_file_ref(const char *value)
{
	return g_str_has_prefix(value, "file:") && !g_str_has_prefix(value, "file://");
}

bool
secret_is_inline(const char *value)
{
	return value != NULL && !is_env_ref(value) && !is_file_ref(value);
}

static char *
resolve_env(const char *name, GError **error)
{
	if (*name == '\0') {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "'env:' names no environment variable");
		return NULL;
	}
	const char *v = g_getenv(name);
	if (v == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "environment variable '%s' (from env:%s) is not set", name, name);
		return NULL;
	}
	if (*v == '\0') {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "environment variable '%s' (from env:%s) is empty", name, name);
		return NULL;
	}
	return g_strdup(v);
}

static char *
resolve_file(const char *path, GError **error)
{
	if (*path == '\0') {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "'file:' names no file");
		return NULL;
	}
	/* O_NONBLOCK: a FIFO named by mistake (or on purpose) must not hang start-up; it is
	 * refused below as not a regular file. */
	int fd = g_open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
	if (fd < 0) {
		int e = errno;
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "cannot read secret file '%s': %s",
			    path, g_strerror(e));
		return NULL;
	}
	char *buf = NULL;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG, "cannot read secret file '%s': %s",
			    path, g_strerror(e));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "secret file '%s' is not a regular file", path);
		goto out;
	}
	if (st.st_size > SECRET_FILE_MAX) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "secret file '%s' is larger than %d KiB", path, SECRET_FILE_MAX / 1024);
		goto out;
	}
	/* Read at most the cap + 1 so a file that grew after fstat() is still caught. */
	buf = g_malloc(SECRET_FILE_MAX + 2);
	gsize len = 0;
	while (len < SECRET_FILE_MAX + 1) {
		ssize_t n = read(fd, buf + len, SECRET_FILE_MAX + 1 - len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			int e = errno;
			g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
				    "cannot read secret file '%s': %s", path, g_strerror(e));
			secret_wipe(buf, len);
			g_clear_pointer(&buf, g_free);
			goto out;
		}
		if (n == 0) {
			break;
		}
		len += (gsize)n;
	}
	if (len > SECRET_FILE_MAX) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "secret file '%s' is larger than %d KiB", path, SECRET_FILE_MAX / 1024);
		secret_wipe(buf, len);
		g_clear_pointer(&buf, g_free);
		goto out;
	}
	buf[len] = '\0';
	/* The first line only; a trailing "\n" or "\r\n" is how editors save it. */
	buf[strcspn(buf, "\r\n")] = '\0';
	if (buf[0] == '\0') {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "secret file '%s' is empty (its first line holds the secret)", path);
		/* Wipe whatever followed the empty first line before freeing. */
		secret_wipe(buf, len);
		g_clear_pointer(&buf, g_free);
		goto out;
	}
	char *ret = g_strdup(buf);
	secret_wipe(buf, len);
	g_free(buf);
	buf = ret;
out:
	close(fd);
	return buf;
}

char *
secret_resolve(const char *value, GError **error)
{
	g_return_val_if_fail(value != NULL, NULL);
	if (is_env_ref(value)) {
		return resolve_env(value + strlen("env:"), error);
	}
	if (is_file_ref(value)) {
		return resolve_file(value + strlen("file:"), error);
	}
	return g_strdup(value);
}

char *
secret_file_warning(const char *value)
{
	GStatBuf st;

	if (value == NULL || !is_file_ref(value)) {
		return NULL;
	}
	const char *path = value + strlen("file:");
	if (g_stat(path, &st) != 0 || (st.st_mode & 077) == 0) {
		return NULL;
	}
	return g_strdup_printf("secret file '%s' is mode %04o: other users can %s it; chmod 600 it",
			       path, (unsigned)(st.st_mode & 07777),
			       (st.st_mode & 022) != 0 ? "read or change" : "read");
}

static gint
by_length_desc(gconstpointer a, gconstpointer b)
{
	gsize la = strlen(*(const char *const *)a);
	gsize lb = strlen(*(const char *const *)b);

	return la < lb ? 1 : la > lb ? -1 : 0;
}

char *
secret_scrub(const char *text, const char *const *secrets)
{
	if (text == NULL) {
		return NULL;
	}
	/* Longest first: a secret that contains another (a URL and its token) is replaced
	 * whole, not around the shorter one's "***". */
	g_autoptr(GPtrArray) order = g_ptr_array_new();
	for (const char *const *p = secrets; p != NULL && *p != NULL; p++) {
		g_ptr_array_add(order, (gpointer)*p);
	}
	g_ptr_array_sort(order, by_length_desc);
	GString *s = g_string_new(text);
	for (guint i = 0; i < order->len; i++) {
		const char *const *p = (const char *const *)&order->pdata[i];
		if (strlen(*p) < 4) {
			continue;
		}
		g_string_replace(s, *p, "***", 0);
		/* As it travels in a form body (client_secret=...), %-encoded. */
		g_autoptr(SecretStr) escaped = g_uri_escape_string(*p, NULL, FALSE);
		if (strcmp(escaped, *p) != 0) {
			g_string_replace(s, escaped, "***", 0);
		}
		/* application/x-www-form-urlencoded writes a space as '+'. */
		if (strchr(*p, ' ') != NULL) {
			g_autoptr(SecretStr) plus = g_strdup(escaped);
			g_autoptr(GString) form = g_string_new(plus);
			g_string_replace(form, "%20", "+", 0);
			g_string_replace(s, form->str, "***", 0);
		}
	}
	return g_string_free(s, FALSE);
}

/* Short parts of a URL ("api", "webhooks", "v1") are words, not secrets: masking them
 * would mangle every message and protect nothing.  Real tokens are 20-60 bytes. */
#define URL_PART_MIN 16

GPtrArray *
secret_list_new(void)
{
	return g_ptr_array_new_null_terminated(4, (GDestroyNotify)secret_free, TRUE);
}

static void
list_add_one(GPtrArray *secrets, const char *value, gsize len)
{
	if (value == NULL || len == 0) {
		return;
	}
	for (guint i = 0; i < secrets->len; i++) {
		const char *have = g_ptr_array_index(secrets, i);
		if (strlen(have) == len && memcmp(have, value, len) == 0) {
			return;
		}
	}
	g_ptr_array_add(secrets, g_strndup(value, len));
}

static void
list_add_base64(GPtrArray *secrets, const char *data, gsize len)
{
	g_autoptr(SecretStr) b64 = g_base64_encode((const guchar *)data, len);
	list_add_one(secrets, b64, strlen(b64));
}

void
secret_list_add_login(GPtrArray *secrets, const char *user, const char *password)
{
	g_return_if_fail(secrets != NULL);
	if (password == NULL || *password == '\0') {
		return;
	}
	list_add_one(secrets, password, strlen(password));
	list_add_base64(secrets, password, strlen(password));
	if (user != NULL && *user != '\0') {
		/* RFC 4616 PLAIN: authzid (empty, as curl sends it) NUL authcid NUL passwd. */
		gsize ulen = strlen(user);
		gsize plen = strlen(password);
		gsize len = 1 + ulen + 1 + plen;
		char *plain = g_malloc(len);
		plain[0] = '\0';
		memcpy(plain + 1, user, ulen);
		plain[1 + ulen] = '\0';
		memcpy(plain + 2 + ulen, password, plen);
		list_add_base64(secrets, plain, len);
		secret_wipe(plain, len);
		g_free(plain);
	}
}

/* Each '/'- or '&'-separated part of @text (after '=' for a query) of URL_PART_MIN bytes
 * or more. */
static void
list_add_parts(GPtrArray *secrets, const char *text, char sep)
{
	const char *p = text;

	while (p != NULL && *p != '\0') {
		const char *end = strchr(p, sep);
		gsize len = end != NULL ? (gsize)(end - p) : strlen(p);
		const char *v = p;
		gsize vlen = len;
		const char *eq = sep == '&' ? memchr(p, '=', len) : NULL;
		if (eq != NULL) {
			vlen = len - (gsize)(eq + 1 - p);
			v = eq + 1;
		}
		if (vlen >= URL_PART_MIN) {
			list_add_one(secrets, v, vlen);
		}
		p = end != NULL ? end + 1 : NULL;
	}
}

static void
list_add_url(GPtrArray *secrets, const char *value, bool whole_path)
{
	g_autofree char *scheme = NULL;
	g_autoptr(SecretStr) userinfo = NULL;
	g_autofree char *host = NULL;
	g_autoptr(SecretStr) path = NULL;
	g_autoptr(SecretStr) query = NULL;
	g_autoptr(SecretStr) fragment = NULL;
	if (!g_uri_split(value, G_URI_FLAGS_ENCODED, &scheme, &userinfo, &host, NULL, &path,
			 &query, &fragment, NULL) ||
	    scheme == NULL || host == NULL) {
		list_add_one(secrets, value, strlen(value));
		return;
	}
	/* A URL that is only scheme://host:port/ is what secret_mask() shows: not secret. */
	if (userinfo != NULL || query != NULL || fragment != NULL ||
	    (path != NULL && *path != '\0' && strcmp(path, "/") != 0)) {
		list_add_one(secrets, value, strlen(value));
	}
	if (userinfo != NULL) {
		char *colon = strchr(userinfo, ':');
		if (colon != NULL) {
			*colon = '\0';
			g_autoptr(SecretStr) user = g_uri_unescape_string(userinfo, NULL);
			g_autoptr(SecretStr) password = g_uri_unescape_string(colon + 1, NULL);
			*colon = ':';
			secret_list_add_login(secrets, user, password);
		}
		list_add_one(secrets, userinfo, strlen(userinfo));
	}
	/* "/services/T0/B0/XYZ?x=y" as a receiver might quote it, and without the slash. */
	const char *rel = strstr(value, host);
	rel = rel != NULL ? rel + strlen(host) : NULL;
	if (rel != NULL) {
		rel += strcspn(rel, "/?#");
	}
	if (whole_path && rel != NULL && *rel == '/' && rel[1] != '\0') {
		list_add_one(secrets, rel + 1, strlen(rel + 1));
	}
	if (path != NULL && path[0] == '/' && path[1] != '\0') {
		if (whole_path) {
			list_add_one(secrets, path + 1, strlen(path + 1));
		}
		list_add_parts(secrets, path, '/');
	}
	if (query != NULL) {
		list_add_parts(secrets, query, '&');
	}
	if (fragment != NULL) {
		list_add_parts(secrets, fragment, '&');
	}
}

void
secret_list_add(GPtrArray *secrets, const char *value)
{
	g_return_if_fail(secrets != NULL);
	if (value != NULL && *value != '\0') {
		list_add_url(secrets, value, true);
	}
}

void
secret_list_add_url_tokens(GPtrArray *secrets, const char *url)
{
	g_return_if_fail(secrets != NULL);
	if (url != NULL && *url != '\0') {
		list_add_url(secrets, url, false);
	}
}

char *
secret_mask(const char *value)
{
	if (value == NULL) {
		return g_strdup("(unset)");
	}
	if (is_env_ref(value) || is_file_ref(value) || g_str_has_prefix(value, "file://")) {
		/* A reference, or a path on disk: neither is the secret itself. */
		return g_strdup(value);
	}
	g_autofree char *scheme = NULL;
	g_autofree char *userinfo = NULL;
	g_autofree char *host = NULL;
	g_autofree char *path = NULL;
	g_autofree char *query = NULL;
	g_autofree char *fragment = NULL;
	int port = -1;
	if (!g_uri_split(value, G_URI_FLAGS_NONE, &scheme, &userinfo, &host, &port, &path, &query,
			 &fragment, NULL) ||
	    scheme == NULL || host == NULL || *host == '\0') {
		return g_strdup("***");
	}
	bool dropped = userinfo != NULL || query != NULL || fragment != NULL ||
		       (path != NULL && *path != '\0' && strcmp(path, "/") != 0);
	GString *s = g_string_new(NULL);
	g_string_append_printf(s, "%s://", scheme);
	if (strchr(host, ':') != NULL) {
		g_string_append_printf(s, "[%s]", host);
	} else {
		g_string_append(s, host);
	}
	if (port > 0) {
		g_string_append_printf(s, ":%d", port);
	}
	g_string_append_c(s, '/');
	if (dropped) {
		g_string_append(s, "…");
	}
	return g_string_free(s, FALSE);
}

void
secret_wipe(void *buf, gsize len)
{
	if (buf != NULL && len > 0) {
		explicit_bzero(buf, len);
	}
}

void
secret_free(char *secret)
{
	if (secret != NULL) {
		secret_wipe(secret, strlen(secret));
		g_free(secret);
	}
}
