/*
 * Secrets in the config: a value may be written inline, as "env:NAME" (read
 * from the environment) or as "file:/path" (first line of the file, trailing
 * newline removed).  secret_mask() is what every log and error message shows
 * instead of a secret or a URL that carries a token.  A value starting
 * "file://" is a URL (a feed on disk), not a secret file: write those as
 * "file:/path" with one slash.
 */
#ifndef SW_UTIL_SECRET_H
#define SW_UTIL_SECRET_H

#include <glib.h>
#include <stdbool.h>

/* True when @value is written inline (neither env: nor file:). */
bool secret_is_inline(const char *value);
/* The secret's value.  Errors: SW_ERROR_CONFIG (unset variable, unreadable file).
 * The error message names the variable or file, never the value.  Caller frees. */
char *secret_resolve(const char *value, GError **error);
/* For a "file:/path" @value whose file group or others may read or write: "secret file
 * '/path' is mode 0644: other users can read it; chmod 600 it" (msmtp's rule, as a
 * warning).  NULL otherwise (inline, env:, a private or unreadable file).  Caller frees. */
char *secret_file_warning(const char *value);
/* A loggable form: "env:NAME" and "file:/path" as they are; URLs keep scheme://host
 * and lose path, query and userinfo ("https://hooks.slack.com/…"); anything else "***".
 * Caller frees. */
char *secret_mask(const char *value);

/*
 * @text with every occurrence of each secret in @secrets (NULL-terminated: a NULL
 * ends the list) replaced by "***", in the raw form and in the URL-encoded form
 * it takes in a form body: a server that echoes the request (a token endpoint's
 * error_description) must not put a secret into a log line or the store.  Secrets
 * shorter than 4 bytes are not searched for (they would mangle any message and protect
 * nothing).  Caller frees.
 */
char *secret_scrub(const char *text, const char *const *secrets);

/*
 * The forms a known secret can take in a server's answer, for secret_scrub(): an
 * array of char * (freed with secret_free()), NULL-terminated, so ->pdata is the
 * list secret_scrub() takes.  secret_list_add() adds @value itself and, when it is a
 * URL: its path and query (a webhook's token is its path; ntfy's topic is its
 * path), each path segment and query value of 16 or more bytes (a token echoed on
 * its own), and its userinfo (secret_list_add_login()).  secret_list_add_login()
 * adds @password and what SMTP AUTH sends of it: base64 of the password alone (AUTH
 * LOGIN) and of "\0user\0password" (AUTH PLAIN), which a server echoing the
 * exchange would quote.  NULL or empty values add nothing.
 */
GPtrArray *secret_list_new(void);
void secret_list_add(GPtrArray *secrets, const char *value);
/* The same for a URL that is not known to be a secret (any feed's): only what cannot be
 * an ordinary word: the whole URL, its userinfo, and path segments and query values of
 * 16 bytes or more; not its path as a whole ("feed", "rss/status.xml"). */
void secret_list_add_url_tokens(GPtrArray *secrets, const char *url);
void secret_list_add_login(GPtrArray *secrets, const char *user, const char *password);

/*
 * Every string that holds a secret (a resolved client secret, a token, a URL or a
 * request body that carries one) is released with secret_free(), never g_free():
 * it overwrites the bytes with explicit_bzero(), which the compiler may not drop as
 * a dead store, before freeing.  NULL is a no-op.  secret_wipe() does the same to
 * memory the caller keeps or frees otherwise.
 */
void secret_free(char *secret);
void secret_wipe(void *buf, gsize len);

/* A char * holding a secret: g_autoptr(SecretStr) wipes and frees it at scope end. */
typedef char SecretStr;
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SecretStr, secret_free)

#endif
