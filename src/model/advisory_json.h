/*
 * An advisory as a JSON document: the store keeps each version this way and
 * `show --json` prints it.  Field names follow advisory.h; times are RFC 3339
 * strings or null; enums use their *_to_string() names.
 */
#ifndef SW_MODEL_ADVISORY_JSON_H
#define SW_MODEL_ADVISORY_JSON_H

#include <glib.h>

#include "model/advisory.h"

/* Compact JSON.  Caller frees. */
char *advisory_to_json(const Advisory *adv);
/* Errors: SW_ERROR_PARSE.  Caller unrefs. */
Advisory *advisory_from_json(const char *json, GError **error);

#endif
