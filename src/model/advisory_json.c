/*
 * Advisory <-> JSON document.  The store keeps every advisory version as one
 * of these documents and `show --json` prints them, so the mapping must be
 * lossless: advisory_from_json(advisory_to_json(a)) has the same
 * advisory_fingerprint() as a.  Field names follow advisory.h; enums are
 * written by their *_to_string() names; times are RFC 3339 strings in UTC or
 * null.  cJSON stays inside this file: nothing here logs or does I/O.
 *
 * Reading is strict about types (a number where a string belongs is a
 * SW_ERROR_PARSE, because a stored document that does not match is damage we
 * want to hear about) but tolerant about absence: a missing optional field
 * takes its advisory_new() default, so documents written by an older build
 * still load.  Unknown fields are ignored for the same reason.
 */
#include "model/advisory_json.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "util/error.h"
#include "util/timeparse.h"

/*
 * RFC 3339 needs a four-digit year.  Times outside years 1000..9999 cannot be
 * written that way (g_date_time gives no padding or fails), so they are kept as
 * a decimal string of Unix seconds instead: no parser produces them, but a
 * document must never lose what it was given.
 */
#define RFC3339_MIN G_GINT64_CONSTANT(-30610224000) /* 1000-01-01T00:00:00Z */
#define RFC3339_MAX G_GINT64_CONSTANT(253402300799) /* 9999-12-31T23:59:59Z */

static cJSON *
string_or_null(const char *s)
{
	return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *
time_to_json(gint64 t)
{
	if (t == SW_TIME_NONE) {
		return cJSON_CreateNull();
	}
	if (t >= RFC3339_MIN && t <= RFC3339_MAX) {
		g_autofree char *s = time_format_rfc3339(t);
		if (s != NULL) {
			return cJSON_CreateString(s);
		}
	}
	char buf[32];
	g_snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT, t);
	return cJSON_CreateString(buf);
}

char *
advisory_to_json(const Advisory *adv)
{
	g_return_val_if_fail(adv != NULL, NULL);

	cJSON *root = cJSON_CreateObject();
	cJSON_AddItemToObject(root, "source", string_or_null(adv->source));
	cJSON_AddItemToObject(root, "id", string_or_null(adv->id));
	cJSON_AddStringToObject(root, "kind", advisory_kind_to_string(adv->kind));
	cJSON_AddItemToObject(root, "title", string_or_null(adv->title));

	cJSON *services = cJSON_AddArrayToObject(root, "services");
	for (guint i = 0; i < adv->services->len; i++) {
		cJSON_AddItemToArray(services, cJSON_CreateString(adv->services->pdata[i]));
	}
	cJSON_AddItemToObject(root, "feature", string_or_null(adv->feature));
	cJSON_AddItemToObject(root, "region", string_or_null(adv->region));
	cJSON_AddStringToObject(root, "status", advisory_status_to_string(adv->status));
	cJSON_AddItemToObject(root, "raw_status", string_or_null(adv->raw_status));
	cJSON_AddStringToObject(root, "severity", advisory_severity_to_string(adv->severity));
	cJSON_AddItemToObject(root, "start", time_to_json(adv->start));
	cJSON_AddItemToObject(root, "end", time_to_json(adv->end));
	cJSON_AddItemToObject(root, "updated", time_to_json(adv->updated));
	cJSON_AddItemToObject(root, "url", string_or_null(adv->url));
	cJSON_AddItemToObject(root, "text", string_or_null(adv->text));

	cJSON *updates = cJSON_AddArrayToObject(root, "updates");
	for (guint i = 0; i < adv->updates->len; i++) {
		const AdvisoryUpdate *u = adv->updates->pdata[i];
		cJSON *item = cJSON_CreateObject();
		cJSON_AddItemToObject(item, "time", time_to_json(u->time));
		cJSON_AddStringToObject(item, "status", advisory_status_to_string(u->status));
		cJSON_AddItemToObject(item, "text", string_or_null(u->text));
		cJSON_AddItemToArray(updates, item);
	}
	cJSON_AddBoolToObject(root, "withdrawn", adv->withdrawn);
	cJSON_AddItemToObject(root, "feed_name", string_or_null(adv->feed_name));
	cJSON_AddItemToObject(root, "feed_home", string_or_null(adv->feed_home));
	if (adv->date_offset != ADVISORY_OFFSET_UNKNOWN) {
		cJSON_AddNumberToObject(root, "date_offset", adv->date_offset);
	} else {
		cJSON_AddNullToObject(root, "date_offset");
	}

	/* cJSON allocates with malloc; hand out GLib memory so the caller's g_free() is right. */
	char *printed = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	char *out = g_strdup(printed);
	cJSON_free(printed);
	return out;
}

/* ---- reading ---- */

/* The optional member @name if it is of the wanted type (@is, named @kind in the message);
 * NULL when absent or null. */
static bool
get_optional(const cJSON *obj, const char *name, cJSON_bool (*is)(const cJSON *),
	     const char *kind, const cJSON **ret, GError **error)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (item == NULL || cJSON_IsNull(item)) {
		*ret = NULL;
		return true;
	}
	if (!is(item)) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
			    "advisory JSON: field '%s' is not %s", name, kind);
		return false;
	}
	*ret = item;
	return true;
}

static bool
get_string(const cJSON *obj, const char *name, bool required, char **ret, GError **error)
{
	const cJSON *item = NULL;

	if (!get_optional(obj, name, cJSON_IsString, "a string", &item, error)) {
		return false;
	}
	if (item == NULL && required) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "advisory JSON: field '%s' is missing",
			    name);
		return false;
	}
	*ret = item != NULL ? g_strdup(item->valuestring) : NULL;
	return true;
}

static bool
all_digits(const char *s)
{
	if (*s == '-') {
		s++;
	}
	if (*s == '\0') {
		return false;
	}
	for (; *s != '\0'; s++) {
		if (!g_ascii_isdigit(*s)) {
			return false;
		}
	}
	return true;
}

static bool
time_from_json(const cJSON *item, const char *name, gint64 *ret, GError **error)
{
	if (item == NULL || cJSON_IsNull(item)) {
		*ret = SW_TIME_NONE;
		return true;
	}
	if (cJSON_IsNumber(item)) {
		/* Tolerated for hand-written input: whole Unix seconds in double's exact range.
		 * The range test comes first: converting a double outside gint64's range (1e400
		 * is inf, NaN) is undefined behaviour, not just a wrong number. */
		double d = item->valuedouble;
		if (d > -9007199254740992.0 && d < 9007199254740992.0 && d == (double)(gint64)d) {
			*ret = (gint64)d;
			return true;
		}
	} else if (cJSON_IsString(item)) {
		const char *s = item->valuestring;
		gint64 t = 0;
		if (all_digits(s)) {
			/* The out-of-range form written by time_to_json(). */
			if (g_ascii_string_to_signed(s, 10, G_MININT64, G_MAXINT64, &t, NULL)) {
				*ret = t;
				return true;
			}
		} else if (time_parse_rfc3339(s, &t)) {
			*ret = t;
			return true;
		}
	}
	g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
		    "advisory JSON: field '%s' is not an RFC 3339 time or null", name);
	return false;
}

static bool
get_enum_name(const cJSON *obj, const char *name, const char **ret, GError **error)
{
	const cJSON *item = NULL;

	if (!get_optional(obj, name, cJSON_IsString, "a string", &item, error)) {
		return false;
	}
	*ret = item != NULL ? item->valuestring : NULL; /* NULL maps to *_UNKNOWN */
	return true;
}

static bool
get_array(const cJSON *obj, const char *name, const cJSON **ret, GError **error)
{
	return get_optional(obj, name, cJSON_IsArray, "an array", ret, error);
}

static bool
fill_advisory(Advisory *adv, const cJSON *root, GError **error)
{
	const char *name = NULL;
	const cJSON *array = NULL;

	if (!get_enum_name(root, "kind", &name, error)) {
		return false;
	}
	adv->kind = advisory_kind_from_string(name);
	if (!get_enum_name(root, "status", &name, error)) {
		return false;
	}
	adv->status = advisory_status_from_string(name);
	if (!get_enum_name(root, "severity", &name, error)) {
		return false;
	}
	adv->severity = advisory_severity_from_string(name);

	if (!get_string(root, "title", false, &adv->title, error) ||
	    !get_string(root, "feature", false, &adv->feature, error) ||
	    !get_string(root, "region", false, &adv->region, error) ||
	    !get_string(root, "raw_status", false, &adv->raw_status, error) ||
	    !get_string(root, "url", false, &adv->url, error) ||
	    !get_string(root, "text", false, &adv->text, error) ||
	    /* Absent from documents stored before feeds' identities were kept. */
	    !get_string(root, "feed_name", false, &adv->feed_name, error) ||
	    !get_string(root, "feed_home", false, &adv->feed_home, error)) {
		return false;
	}
	if (!time_from_json(cJSON_GetObjectItemCaseSensitive(root, "start"), "start", &adv->start,
			    error) ||
	    !time_from_json(cJSON_GetObjectItemCaseSensitive(root, "end"), "end", &adv->end,
			    error) ||
	    !time_from_json(cJSON_GetObjectItemCaseSensitive(root, "updated"), "updated",
			    &adv->updated, error)) {
		return false;
	}

	if (!get_array(root, "services", &array, error)) {
		return false;
	}
	const cJSON *item = NULL;
	cJSON_ArrayForEach(item, array)
	{
		if (!cJSON_IsString(item)) {
			g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
				    "advisory JSON: 'services' holds a non-string");
			return false;
		}
		/* Added as stored, not through advisory_add_service(): lossless beats tidy. */
		g_ptr_array_add(adv->services, g_strdup(item->valuestring));
	}

	if (!get_array(root, "updates", &array, error)) {
		return false;
	}
	cJSON_ArrayForEach(item, array)
	{
		if (!cJSON_IsObject(item)) {
			g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
				    "advisory JSON: 'updates' holds a non-object");
			return false;
		}
		gint64 t = SW_TIME_NONE;
		g_autofree char *text = NULL;
		if (!time_from_json(cJSON_GetObjectItemCaseSensitive(item, "time"), "updates.time",
				    &t, error) ||
		    !get_enum_name(item, "status", &name, error) ||
		    !get_string(item, "text", false, &text, error)) {
			return false;
		}
		advisory_add_update(adv, t, advisory_status_from_string(name), text);
	}

	const cJSON *withdrawn = cJSON_GetObjectItemCaseSensitive(root, "withdrawn");
	if (withdrawn != NULL && !cJSON_IsNull(withdrawn)) {
		if (!cJSON_IsBool(withdrawn)) {
			g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
				    "advisory JSON: field 'withdrawn' is not a boolean");
			return false;
		}
		adv->withdrawn = cJSON_IsTrue(withdrawn);
	}

	/* Absent from documents stored before it was kept. */
	const cJSON *offset = cJSON_GetObjectItemCaseSensitive(root, "date_offset");
	if (offset != NULL && !cJSON_IsNull(offset)) {
		/* Whole minutes, as far as a date's "+hh:mm" reaches (timeparse.h). */
		double m = cJSON_IsNumber(offset) ? offset->valuedouble : NAN;
		if (!(m > -24 * 60 && m < 24 * 60) || m != (double)(int)m) {
			g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
				    "advisory JSON: field 'date_offset' is not whole minutes east of "
				    "UTC (-1439 to 1439) or null");
			return false;
		}
		adv->date_offset = (int)m;
	}
	return true;
}

Advisory *
advisory_from_json(const char *json, GError **error)
{
	g_return_val_if_fail(json != NULL, NULL);

	cJSON *root = cJSON_Parse(json);
	if (root == NULL) {
		const char *where = cJSON_GetErrorPtr();
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
			    "advisory JSON: syntax error at offset %td",
			    where != NULL && where >= json ? where - json : (ptrdiff_t)0);
		return NULL;
	}

	Advisory *adv = NULL;
	g_autofree char *source = NULL;
	g_autofree char *id = NULL;
	if (!cJSON_IsObject(root)) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "advisory JSON: not an object");
		goto out;
	}
	if (!get_string(root, "source", true, &source, error) ||
	    !get_string(root, "id", true, &id, error)) {
		goto out;
	}
	adv = advisory_new(source, id);
	if (!fill_advisory(adv, root, error)) {
		g_clear_pointer(&adv, advisory_unref);
	}
out:
	cJSON_Delete(root);
	return adv;
}
