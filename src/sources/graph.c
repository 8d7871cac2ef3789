/*
 * Microsoft Graph serviceAnnouncement pages (issues and messages) to
 * advisories.  Pure: bytes in, advisories out; no network, no logging.
 * (Work in progress: full mapping lands next.)
 */
#include "sources/parsers.h"

#include "util/error.h"

bool
graph_parse(const SourceContext *ctx, const char *data, gsize len, SourceResult *result,
	    GError **error)
{
	(void)ctx;
	(void)data;
	(void)len;
	(void)result;
	g_set_error(error, SW_ERROR, SW_ERROR_UNSUPPORTED, "Graph parser not implemented yet");
	return false;
}
