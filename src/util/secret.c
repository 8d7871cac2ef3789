/*
 * Secret values (see secret.h).  PLACEHOLDER until the config work lands.
 */
#include "util/secret.h"

#include "util/error.h"

bool
secret_is_inline(const char *value)
{
	return value != NULL && !g_str_has_prefix(value, "env:") && !g_str_has_prefix(value, "file:");
}

char *
secret_resolve(const char *value, GError **error)
{
	return g_strdup(value);
}

char *
secret_mask(const char *value)
{
	return g_strdup("***");
}
