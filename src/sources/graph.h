/*
 * Microsoft Graph helpers beyond graph_parse() (which parsers.h declares):
 * the JSON bodies the m365 client meets around the issue pages, read here so
 * cJSON stays inside sources/.  Pure functions: no I/O, no logging.
 */
#ifndef SW_SOURCES_GRAPH_H
#define SW_SOURCES_GRAPH_H

#include <glib.h>
#include <stdbool.h>

#include "model/advisory.h"

/*
 * A Graph error body ({"error": {"code", "message", "innerError"/"innererror"
 * {...nested}}}), keys matched case-insensitively.  *ret_code is the top-level
 * code, *ret_inner_code the most specific (deepest) nested code that differs
 * from it (NULL if none), *ret_message the top-level message (or the deepest
 * one when the top has none).  Each output may be NULL; outputs are set only
 * on success, and the caller frees them.  Returns false when @data is not such
 * a body (no GError: absence is an ordinary outcome).
 */
bool graph_parse_error_body(const char *data, gsize len, char **ret_code, char **ret_inner_code,
			    char **ret_message);

/*
 * An OAuth 2.0 token response from the Microsoft identity platform.
 * On success *ret_token (caller frees; a secret: never log it) and
 * *ret_expires_in (seconds; 3600 when absent or unusable) are set.
 * Errors: SW_ERROR_PARSE (not JSON, no access_token, token_type not Bearer).
 * The message never contains the token.
 */
bool graph_parse_token_response(const char *data, gsize len, char **ret_token,
				gint64 *ret_expires_in, GError **error);

/*
 * An OAuth error body ({"error": "invalid_client", "error_description":
 * "AADSTS7000215: Invalid client secret provided. Trace ID: ..."}): *ret_error
 * and *ret_description (first line only, trace/correlation ids dropped).
 * Returns false when @data is not such a body.  Caller frees.
 */
bool graph_parse_oauth_error(const char *data, gsize len, char **ret_error,
			     char **ret_description);

/* serviceHealthStatus (case-insensitive) → normalized status; unknown → UNKNOWN. */
AdvisoryStatus graph_status_from_string(const char *s);

/* Exposed for the table-is-sorted test: number of rows and the n-th row's Graph word. */
guint graph_status_table_size(void);
const char *graph_status_table_name(guint n);

#endif
