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
/* A loggable form: "env:NAME" and "file:/path" as they are; URLs keep scheme://host
 * and lose path, query and userinfo ("https://hooks.slack.com/…"); anything else "***".
 * Caller frees. */
char *secret_mask(const char *value);

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
