/*
 * URL helpers over GLib's GUri that never trip its assertions on hostile input.
 */
#ifndef SW_UTIL_URL_H
#define SW_UTIL_URL_H

#include <glib.h>

/*
 * @ref resolved against @base (RFC 3986 §5), or NULL when @base is no absolute
 * URL, or when the result cannot be written as a URL: a base without a host
 * ("http:") and a reference whose path then starts with "//" (".//x") would
 * read back as a host, and g_uri_resolve_relative() aborts on it.
 */
char *url_resolve(const char *base, const char *ref);

/* True when @uri can be written out (g_uri_to_string(), g_uri_join()): not a URI
 * with no host whose path starts with "//" ("http:/.//x" parses so), which GLib
 * asserts against instead of failing. */
gboolean url_writable(GUri *uri);

#endif
