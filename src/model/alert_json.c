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
#include <string.h>

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

/* A member as statuswatch-json(5) shows it: the fields a script reading `incidents --json`
 * needs; INCIDENT_JSON_FULL writes the whole advisory document instead. */
static cJSON *
member_summary(const Advisory *a)
{
	cJSON *m = cJSON_CreateObject();

	cJSON_AddItemToObject(m, "source", str_or_null(a->source));
	cJSON_AddItemToObject(m, "id", str_or_null(a->id));
	cJSON_AddItemToObject(m, "title", str_or_null(a->title));
	cJSON_AddStringToObject(m, "status", advisory_status_to_string(a->status));
	cJSON_AddItemToObject(m, "start", time_or_null(a->start));
	cJSON_AddItemToObject(m, "end", time_or_null(a->end));
	cJSON_AddItemToObject(m, "url", str_or_null(a->url));
	return m;
}

static cJSON *
incident_object(const Incident *inc, gint64 now, IncidentJsonForm form)
{
	bool full = form == INCIDENT_JSON_FULL;
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "id", str_or_null(inc->id));
	cJSON_AddItemToObject(o, "title", str_or_null(incident_title(inc)));
	cJSON_AddStringToObject(o, "status", incident_is_active(inc, now) ? "active" : "resolved");
	cJSON_AddStringToObject(o, "severity", advisory_severity_to_string(incident_severity(inc)));
	cJSON_AddItemToObject(o, "start", time_or_null(incident_start(inc)));
	cJSON_AddItemToObject(o, "end", time_or_null(incident_end(inc, now)));
	g_autoptr(GPtrArray) services = incident_services(inc);
	cJSON_AddItemToObject(o, "services", string_array(services));
	cJSON_AddItemToObject(o, "aliases", string_array(inc->aliases));
	if (full) {
		cJSON_AddItemToObject(o, "created", time_or_null(inc->created));
		cJSON_AddBoolToObject(o, "merged_by_hand", inc->merged_by_hand);
	}

	cJSON *advs = cJSON_AddArrayToObject(o, "advisories");
	for (guint i = 0; i < inc->members->len; i++) {
		if (!full) {
			cJSON_AddItemToArray(advs, member_summary(inc->members->pdata[i]));
			continue;
		}
		/* advisory_to_json() is the one advisory writer; parsing its output back costs
		 * microseconds per member and keeps the document format in one place. */
		g_autofree char *doc = advisory_to_json(inc->members->pdata[i]);
		cJSON_AddItemToArray(advs, cJSON_Parse(doc));
	}
	cJSON *links = cJSON_AddArrayToObject(o, "links");
	for (guint i = 0; i < inc->links->len; i++) {
		const IncidentLink *l = inc->links->pdata[i];
		cJSON *lo = cJSON_CreateObject();
		cJSON_AddItemToObject(lo, "a", str_or_null(l->a_id));
		cJSON_AddItemToObject(lo, "b", str_or_null(l->b_id));
		if (full) {
			cJSON_AddItemToObject(lo, "a_source", str_or_null(l->a_source));
			cJSON_AddItemToObject(lo, "b_source", str_or_null(l->b_source));
		}
		/* Two decimals: scores are for people; more digits only add noise to diffs. */
		cJSON_AddNumberToObject(lo, "score", (double)(gint64)(l->score * 100.0 + 0.5) / 100.0);
		cJSON_AddItemToObject(lo, "reasons", string_array(l->reasons));
		if (full) {
			cJSON_AddBoolToObject(lo, "by_hand", l->by_hand);
		}
		cJSON_AddItemToArray(links, lo);
	}
	return o;
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

char *
incident_to_json(const Incident *inc, gint64 now, IncidentJsonForm form)
{
	g_return_val_if_fail(inc != NULL, NULL);

	return print_and_free(incident_object(inc, now, form));
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
	cJSON_AddItemToObject(o, "incident", alert->incident != NULL
						     ? incident_object(alert->incident, alert->time,
								       INCIDENT_JSON_FULL)
						     : cJSON_CreateNull());
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
		g_ptr_array_add(inc->members, adv);
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
