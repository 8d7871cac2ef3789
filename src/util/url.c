/*
 * URL resolution (see url.h).
 */
#include "util/url.h"

#include <glib.h>

char *
url_resolve(const char *base, const char *ref)
{
	g_autoptr(GUri) base_uri = g_uri_parse(base, G_URI_FLAGS_NONE, NULL);
	if (base_uri == NULL) {
		return NULL;
	}
	g_autoptr(GUri) uri = g_uri_parse_relative(base_uri, ref, G_URI_FLAGS_NONE, NULL);
	if (uri == NULL) {
		return NULL;
	}
	return url_writable(uri) ? g_uri_to_string(uri) : NULL;
}

gboolean
url_writable(GUri *uri)
{
	const char *path = g_uri_get_path(uri);
	return g_uri_get_host(uri) != NULL || path[0] != '/' || path[1] != '/';
}
