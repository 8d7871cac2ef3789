/*
 * Alert <-> JSON: the generic webhook's payload and the outbox's stored form
 * (see alert.h), and the one incident writer (incident_to_json(), incident.h)
 * that `incidents --json` and friends use too, in its summary form.  The alert's
 * incident object (INCIDENT_JSON_FULL) has the fields of statuswatch-json(5)
 * (id, title, status, severity, start, end, services, aliases, advisories,
 * links), and each element of "advisories" is the full advisory document of
 * advisory_json.h, a superset of the statuswatch-json(5) member object, so a
 * stored alert renders exactly as the incident was when it became due.
 *
 * Round trip: alert_from_json(alert_to_json(a)) renders like a.  The derived
 * fields (status, severity, start, end, services) are written for receivers
 * and ignored when reading: the members carry them.  cJSON stays in this file;
 * no I/O, no logging.
 */
#include "model/alert.h"

#include <cjson/cJSON.h>
#include <float.h>
#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "model/advisory_json.h"
#include "util/error.h"
#include "util/timeparse.h"

static cJSON *
str_or_null(const char *s)
{
	return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *
time_or_null(gint64 t)
{
	g_autofree char *s = t != SW_TIME_NONE ? time_format_rfc3339(t) : NULL;

	return str_or_null(s);
}

static cJSON *
string_array(GPtrArray *strings)
{
	cJSON *a = cJSON_CreateArray();

	for (guint i = 0; i < strings->len; i++) {
		cJSON_AddItemToArray(a, cJSON_CreateString(strings->pdata[i]));
	}
	return a;
}

/* ---- the incident object, written straight into a buffer ----
 *
 * `link --json` over 2,000 feeds writes 37 MB of incident objects: building a
 * cJSON tree per incident, printing it and copying the print was a tenth of the
 * run.  The writer below gives byte for byte what cJSON_PrintUnformatted() gives
 * for the same tree (its string escapes and number forms, below), and the alert
 * writer parses it back into its tree, as it does the advisory documents. */

/* @n bytes of @s appended to @out: g_string_append_len() inline for the short pieces
 * of an incident object (the call, with its checks for an overlapping source, was
 * most of writing a key). */
static inline void
json_put(GString *out, const char *s, gsize n)
{
	if (G_UNLIKELY(out->len + n >= out->allocated_len)) {
		g_string_append_len(out, s, (gssize)n);
		return;
	}
	memcpy(out->str + out->len, s, n);
	out->len += n;
	out->str[out->len] = '\0';
}

/* @s as cJSON prints a string: '"' and '\\' escaped, \b \f \n \r \t by letter,
 * other bytes below 32 as \u00xx; NULL as null. */
static void
json_string(GString *out, const char *s)
{
	if (s == NULL) {
		json_put(out, "null", 4);
		return;
	}
	g_string_append_c(out, '"');
	const char *run = s;
	const char *p = s;
	const char *end = s + strlen(s);
	for (;; p++) {
#ifdef __SSE2__
		/* Sixteen bytes at a time to the next byte to escape: most strings have
		 * none (the byte loop below was most of writing the titles and ids). */
		while (end - p >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
			__m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(31)), v);
			__m128i esc = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
						   _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(low, esc));
			if (m != 0) {
				p += __builtin_ctz(m);
				break;
			}
			p += 16;
		}
#endif
		guchar c = (guchar)*p;
		if (c >= 32 && c != '"' && c != '\\') {
			continue;
		}
		if (c == '\0') {
			break;
		}
		json_put(out, run, (gsize)(p - run));
		run = p + 1;
		switch (c) {
		case '"': g_string_append_len(out, "\\\"", 2); break;
		case '\\': g_string_append_len(out, "\\\\", 2); break;
		case '\b': g_string_append_len(out, "\\b", 2); break;
		case '\f': g_string_append_len(out, "\\f", 2); break;
		case '\n': g_string_append_len(out, "\\n", 2); break;
		case '\r': g_string_append_len(out, "\\r", 2); break;
		case '\t': g_string_append_len(out, "\\t", 2); break;
		default: g_string_append_printf(out, "\\u%04x", c); break;
		}
	}
	json_put(out, run, (gsize)(p - run));
	g_string_append_c(out, '"');
}

/* @lead (unless 0), then "NAME": (keys are plain ASCII; inline, so a literal's
 * strlen() is folded). */
static inline void
json_key(GString *out, char lead, const char *name)
{
	if (lead != 0) {
		g_string_append_c(out, lead);
	}
	g_string_append_c(out, '"');
	json_put(out, name, strlen(name));
	json_put(out, "\":", 2);
}

/* @lead, "NAME": and @s as a string (json_key(), json_string()). */
static inline void
json_str_field(GString *out, char lead, const char *name, const char *s)
{
	json_key(out, lead, name);
	json_string(out, s);
}

/* The Unix times GDateTime represents: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
#define JSON_TIME_MIN G_GINT64_CONSTANT(-62135596800)
#define JSON_TIME_MAX G_GINT64_CONSTANT(253402300799)

/* @t as time_format_rfc3339() writes it, as a string (NULL: null).  Four per incident
 * object: a GDateTime, its date computed once per field and a printf each were a
 * third of writing one, so the civil date is computed here (H. Hinnant's
 * civil_from_days()); a time GDateTime cannot represent still goes through
 * time_format_rfc3339() (null). */
static void
json_time(GString *out, gint64 t)
{
	if (t == SW_TIME_NONE || t < JSON_TIME_MIN || t > JSON_TIME_MAX) {
		g_autofree char *s = t != SW_TIME_NONE ? time_format_rfc3339(t) : NULL;
		json_string(out, s);
		return;
	}
	gint64 z = t >= 0 ? t / 86400 : -((-t + 86399) / 86400); /* days since 1970-01-01 */
	gint64 secs = t - z * 86400;
	z += 719468; /* days since 0000-03-01 */
	gint64 era = (z >= 0 ? z : z - 146096) / 146097;
	gint64 doe = z - era * 146097;
	gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	gint64 mp = (5 * doy + 2) / 153;
	int day = (int)(doy - (153 * mp + 2) / 5 + 1);
	int month = (int)(mp < 10 ? mp + 3 : mp - 9);
	int year = (int)(yoe + era * 400 + (month <= 2));
	int f[6] = {year, month, day, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60)};
	char buf[23] = "\"0000-00-00T00:00:00Z\"";
	buf[1] = (char)('0' + f[0] / 1000);
	buf[2] = (char)('0' + f[0] / 100 % 10);
	buf[3] = (char)('0' + f[0] / 10 % 10);
	buf[4] = (char)('0' + f[0] % 10);
	for (int k = 1; k < 6; k++) {
		buf[3 * k + 3] = (char)('0' + f[k] / 10);
		buf[3 * k + 4] = (char)('0' + f[k] % 10);
	}
	json_put(out, buf, 22);
}

static void
json_bool(GString *out, bool b)
{
	g_string_append(out, b ? "true" : "false");
}

/* @d as cJSON prints a number: an int as %d, else %1.15g when it reads back the
 * same, else %1.17g; a '.' for the decimal point whatever the locale. */
static void
json_number(GString *out, double d)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];
	int as_int = d >= (double)G_MAXINT ? G_MAXINT : d <= (double)G_MININT ? G_MININT : (int)d;
	if (isnan(d) || isinf(d)) {
		g_string_append_len(out, "null", 4);
	} else if (d == (double)as_int) {
		g_string_append_printf(out, "%d", as_int);
	} else {
		g_ascii_formatd(buf, sizeof(buf), "%1.15g", d);
		double back = g_ascii_strtod(buf, NULL);
		double most = fabs(back) > fabs(d) ? fabs(back) : fabs(d);
		if (!(fabs(back - d) <= most * DBL_EPSILON)) {
			g_ascii_formatd(buf, sizeof(buf), "%1.17g", d);
		}
		g_string_append(out, buf);
	}
}

static void
json_string_array(GString *out, GPtrArray *strings)
{
	g_string_append_c(out, '[');
	for (guint i = 0; i < strings->len; i++) {
		if (i > 0) {
			g_string_append_c(out, ',');
		}
		json_string(out, strings->pdata[i]);
	}
	g_string_append_c(out, ']');
}

/* incident_services() as an array, the names borrowed instead of copied (a copy
 * and a free per name of every incident listed): the same names in the same
 * order, each the first spelling of names equal but for ASCII case. */
static void
json_services(GString *out, const Incident *inc)
{
	const char *stack[64];
	const char **seen = stack;
	guint n = 0, cap = G_N_ELEMENTS(stack);

	g_string_append_c(out, '[');
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		for (guint j = 0; j < a->services->len; j++) {
			const char *name = a->services->pdata[j];
			bool dup = false;
			for (guint k = 0; k < n && !dup; k++) {
				dup = g_ascii_strcasecmp(seen[k], name) == 0;
			}
			if (dup) {
				continue;
			}
			if (n == cap) {
				cap *= 2;
				seen = seen == stack ? g_memdup2(stack, sizeof(stack))
						     : seen;
				seen = g_renew(const char *, seen, cap);
			}
			if (n > 0) {
				g_string_append_c(out, ',');
			}
			seen[n++] = name;
			json_string(out, name);
		}
	}
	g_string_append_c(out, ']');
	if (seen != stack) {
		g_free(seen);
	}
}

/* A member as statuswatch-json(5) shows it: the fields a script reading `incidents --json`
 * needs; INCIDENT_JSON_FULL writes the whole advisory document instead. */
static void
member_summary(GString *out, const Advisory *a)
{
	json_str_field(out, '{', "source", a->source);
	json_str_field(out, ',', "id", a->id);
	json_str_field(out, ',', "title", a->title);
	json_str_field(out, ',', "status", advisory_status_to_string(a->status));
	json_key(out, ',', "start");
	json_time(out, a->start);
	json_key(out, ',', "end");
	json_time(out, a->end);
	json_str_field(out, ',', "url", a->url);
	g_string_append_c(out, '}');
}

/* One entry of "advisories": @a, a member or (@note) a note, as @full asks. */
static void
advisory_entry(GString *out, const Advisory *a, bool full, bool note)
{
	if (!full) {
		member_summary(out, a);
	} else {
		/* advisory_to_json() is the one advisory writer, and prints with cJSON
		 * unformatted, as the rest of this object is written. */
		g_autofree char *doc = advisory_to_json(a);
		g_string_append(out, doc);
	}
	if (note) {
		/* The object's closing brace reopened for the flag. */
		g_string_truncate(out, out->len - 1);
		json_key(out, ',', "note");
		json_bool(out, true);
		g_string_append_c(out, '}');
	}
}

static void
incident_write(GString *out, const Incident *inc, gint64 now, IncidentJsonForm form)
{
	bool full = form == INCIDENT_JSON_FULL;

	json_str_field(out, '{', "id", inc->id);
	json_str_field(out, ',', "title", incident_title(inc));
	json_str_field(out, ',', "status", incident_is_active(inc, now) ? "active" : "resolved");
	json_str_field(out, ',', "severity", advisory_severity_to_string(incident_severity(inc)));
	json_key(out, ',', "start");
	json_time(out, incident_start(inc));
	json_key(out, ',', "end");
	json_time(out, incident_end(inc, now));
	json_key(out, ',', "services");
	json_services(out, inc);
	json_key(out, ',', "aliases");
	json_string_array(out, inc->aliases);
	if (full) {
		json_key(out, ',', "created");
		json_time(out, inc->created);
		json_key(out, ',', "merged_by_hand");
		json_bool(out, inc->merged_by_hand);
	}
	json_key(out, ',', "advisories");
	g_string_append_c(out, '[');
	for (guint i = 0; i < inc->members->len; i++) {
		if (i > 0) {
			g_string_append_c(out, ',');
		}
		advisory_entry(out, inc->members->pdata[i], full, false);
	}
	/* Then the notes, flagged (see Incident.notes). */
	for (guint i = 0; i < incident_note_count(inc); i++) {
		if (i > 0 || inc->members->len > 0) {
			g_string_append_c(out, ',');
		}
		advisory_entry(out, inc->notes->pdata[i], full, true);
	}
	g_string_append_c(out, ']');
	json_key(out, ',', "links");
	g_string_append_c(out, '[');
	for (guint i = 0; i < inc->links->len; i++) {
		const IncidentLink *l = inc->links->pdata[i];
		if (i > 0) {
			g_string_append_c(out, ',');
		}
		g_string_append_c(out, '{');
		json_str_field(out, 0, "a", l->a_id);
		json_str_field(out, ',', "b", l->b_id);
		if (full) {
			json_str_field(out, ',', "a_source", l->a_source);
			json_str_field(out, ',', "b_source", l->b_source);
		}
		/* Two decimals: scores are for people; more digits only add noise to diffs. */
		json_key(out, ',', "score");
		json_number(out, (double)(gint64)(l->score * 100.0 + 0.5) / 100.0);
		json_key(out, ',', "reasons");
		json_string_array(out, l->reasons);
		if (full) {
			json_key(out, ',', "by_hand");
			json_bool(out, l->by_hand);
		}
		g_string_append_c(out, '}');
	}
	json_put(out, "]}", 2);
}

static char *
print_and_free(cJSON *root)
{
	char *printed = cJSON_PrintUnformatted(root);
	char *out = g_strdup(printed);

	cJSON_free(printed);
	cJSON_Delete(root);
	return out;
}

void
incident_to_json_append(GString *out, const Incident *inc, gint64 now, IncidentJsonForm form)
{
	g_return_if_fail(out != NULL && inc != NULL);

	incident_write(out, inc, now, form);
}

char *
incident_to_json(const Incident *inc, gint64 now, IncidentJsonForm form)
{
	g_return_val_if_fail(inc != NULL, NULL);

	GString *out = g_string_sized_new(1024);
	incident_write(out, inc, now, form);
	return g_string_free(out, FALSE);
}

static cJSON *
alert_object(const Alert *alert)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "event", alert_kind_to_string(alert->kind));
	cJSON_AddItemToObject(o, "key", str_or_null(alert->key));
	cJSON_AddItemToObject(o, "notifier", str_or_null(alert->notifier));
	cJSON_AddItemToObject(o, "time", time_or_null(alert->time));
	cJSON_AddItemToObject(o, "previous",
			      alert->previous != ALERT_KIND_UNKNOWN
				      ? cJSON_CreateString(alert_kind_to_string(alert->previous))
				      : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "changes", string_array(alert->changes));
	cJSON_AddItemToObject(o, "text", str_or_null(alert->text));
	cJSON_AddItemToObject(o, "thread_ref", str_or_null(alert->thread_ref));
	g_autofree char *inc =
	    alert->incident != NULL
	        ? incident_to_json(alert->incident, alert->time, INCIDENT_JSON_FULL)
	        : NULL;
	cJSON_AddItemToObject(o, "incident", inc != NULL ? cJSON_Parse(inc) : cJSON_CreateNull());
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (guint i = 0; i < alert->items->len; i++) {
		cJSON_AddItemToArray(items, alert_object(alert->items->pdata[i]));
	}
	return o;
}

char *
alert_to_json(const Alert *alert)
{
	g_return_val_if_fail(alert != NULL, NULL);

	return print_and_free(alert_object(alert));
}

/* ---- reading ---- */

/* A string field or null/absent (*ret = NULL).  Borrowed. */
static bool
get_str(const cJSON *o, const char *name, const char **ret, GError **error)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, name);

	*ret = NULL;
	if (item == NULL || cJSON_IsNull(item)) {
		return true;
	}
	if (!cJSON_IsString(item)) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "alert JSON: '%s' is not a string",
			    name);
		return false;
	}
	*ret = item->valuestring;
	return true;
}

static bool
get_strings(const cJSON *o, const char *name, GPtrArray *into, GError **error)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, name);
	const cJSON *item = NULL;

	if (arr == NULL || cJSON_IsNull(arr)) {
		return true;
	}
	if (!cJSON_IsArray(arr)) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "alert JSON: '%s' is not an array",
			    name);
		return false;
	}
	cJSON_ArrayForEach(item, arr)
	{
		if (!cJSON_IsString(item)) {
			g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
				    "alert JSON: '%s' holds a non-string", name);
			return false;
		}
		g_ptr_array_add(into, g_strdup(item->valuestring));
	}
	return true;
}

static bool
get_time(const cJSON *o, const char *name, gint64 *ret, GError **error)
{
	const char *s = NULL;

	*ret = SW_TIME_NONE;
	if (!get_str(o, name, &s, error)) {
		return false;
	}
	if (s != NULL && !time_parse_rfc3339(s, ret)) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
			    "alert JSON: '%s' is not an RFC 3339 time", name);
		return false;
	}
	return true;
}

static bool
get_bool(const cJSON *o, const char *name)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, name));
}

static IncidentLink *
link_from_object(const cJSON *lo, GError **error)
{
	const char *a = NULL, *b = NULL, *as = NULL, *bs = NULL;
	const cJSON *score = cJSON_GetObjectItemCaseSensitive(lo, "score");

	if (!cJSON_IsObject(lo) || !get_str(lo, "a", &a, error) || !get_str(lo, "b", &b, error) ||
	    !get_str(lo, "a_source", &as, error) || !get_str(lo, "b_source", &bs, error)) {
		if (error != NULL && *error == NULL) {
			g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
				    "alert JSON: a link is not an object");
		}
		return NULL;
	}
	g_autoptr(IncidentLink) link =
		incident_link_new(as, a, bs, b, cJSON_IsNumber(score) ? score->valuedouble : 0.0);
	if (!get_strings(lo, "reasons", link->reasons, error)) {
		return NULL;
	}
	link->by_hand = get_bool(lo, "by_hand");
	return g_steal_pointer(&link);
}

static Incident *
incident_from_object(const cJSON *o, GError **error)
{
	const char *id = NULL, *title = NULL;
	const cJSON *item = NULL;

	if (!cJSON_IsObject(o)) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "alert JSON: 'incident' is not an object");
		return NULL;
	}
	if (!get_str(o, "id", &id, error) || !get_str(o, "title", &title, error)) {
		return NULL;
	}
	if (id == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "alert JSON: the incident has no 'id'");
		return NULL;
	}
	g_autoptr(Incident) inc = incident_new(id);
	if (!get_strings(o, "aliases", inc->aliases, error) ||
	    !get_time(o, "created", &inc->created, error)) {
		return NULL;
	}
	inc->merged_by_hand = get_bool(o, "merged_by_hand");
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(o, "advisories"))
	{
		char *doc = cJSON_PrintUnformatted(item);
		Advisory *adv = advisory_from_json(doc, error);
		cJSON_free(doc);
		if (adv == NULL) {
			return NULL;
		}
		if (get_bool(item, "note")) {
			incident_add_note(inc, adv);
			advisory_unref(adv);
		} else {
			g_ptr_array_add(inc->members, adv);
		}
	}
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(o, "links"))
	{
		IncidentLink *link = link_from_object(item, error);
		if (link == NULL) {
			return NULL;
		}
		g_ptr_array_add(inc->links, link);
	}
	/* The title written is incident_title() of the members; keep it only when it is not
	 * what the members derive anyway (a title set on the incident itself). */
	if (title != NULL && g_strcmp0(title, incident_title(inc)) != 0) {
		inc->title = g_strdup(title);
	}
	return g_steal_pointer(&inc);
}

/* Nesting bound: a SUMMARY holds alerts that hold no items; anything deeper is not ours. */
#define ALERT_JSON_MAX_DEPTH 2

static Alert *
alert_from_object(const cJSON *o, int depth, GError **error)
{
	const char *event = NULL, *key = NULL, *notifier = NULL, *previous = NULL;
	const char *text = NULL, *thread_ref = NULL;
	const cJSON *item = NULL;
	gint64 time = SW_TIME_NONE;

	if (!cJSON_IsObject(o)) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "alert JSON: not an object");
		return NULL;
	}
	if (depth > ALERT_JSON_MAX_DEPTH) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "alert JSON: items nested too deep");
		return NULL;
	}
	if (!get_str(o, "event", &event, error) || !get_str(o, "key", &key, error) ||
	    !get_str(o, "notifier", &notifier, error) ||
	    !get_str(o, "previous", &previous, error) || !get_str(o, "text", &text, error) ||
	    !get_str(o, "thread_ref", &thread_ref, error) || !get_time(o, "time", &time, error)) {
		return NULL;
	}
	AlertKind kind = alert_kind_from_string(event);
	if (kind == ALERT_KIND_UNKNOWN) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "alert JSON: unknown event '%s'",
			    event != NULL ? event : "(none)");
		return NULL;
	}
	g_autoptr(Alert) alert = alert_new(kind, key, notifier, time);
	alert->previous = alert_kind_from_string(previous);
	alert->text = g_strdup(text);
	alert->thread_ref = g_strdup(thread_ref);
	if (!get_strings(o, "changes", alert->changes, error)) {
		return NULL;
	}
	const cJSON *inc = cJSON_GetObjectItemCaseSensitive(o, "incident");
	if (inc != NULL && !cJSON_IsNull(inc)) {
		alert->incident = incident_from_object(inc, error);
		if (alert->incident == NULL) {
			return NULL;
		}
	}
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(o, "items"))
	{
		Alert *sub = alert_from_object(item, depth + 1, error);
		if (sub == NULL) {
			return NULL;
		}
		g_ptr_array_add(alert->items, sub);
	}
	return g_steal_pointer(&alert);
}

Alert *
alert_from_json(const char *json, GError **error)
{
	g_return_val_if_fail(json != NULL, NULL);

	cJSON *root = cJSON_Parse(json);
	if (root == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE, "alert JSON: syntax error");
		return NULL;
	}
	Alert *alert = alert_from_object(root, 0, error);
	cJSON_Delete(root);
	return alert;
}
