/*
 * The advisory record: constructors, reference counting, the serialized-enum
 * tables and the fingerprint that tells one version from the next.  Pure data:
 * this module never does I/O or logs.
 */
#include "model/advisory.h"

#include <string.h>

/* Index = enum value; the one table each *_to_string / *_from_string uses. */
static const char *const kind_names[ADVISORY_KIND_COUNT] = {
	[ADVISORY_KIND_UNKNOWN] = "unknown",
	[ADVISORY_KIND_INCIDENT] = "incident",
	[ADVISORY_KIND_ADVISORY] = "advisory",
	[ADVISORY_KIND_MAINTENANCE] = "maintenance",
	[ADVISORY_KIND_INFORMATIONAL] = "informational",
};

static const char *const status_names[ADVISORY_STATUS_COUNT] = {
	[ADVISORY_STATUS_UNKNOWN] = "unknown",
	[ADVISORY_STATUS_INVESTIGATING] = "investigating",
	[ADVISORY_STATUS_IDENTIFIED] = "identified",
	[ADVISORY_STATUS_MONITORING] = "monitoring",
	[ADVISORY_STATUS_DEGRADED] = "degraded",
	[ADVISORY_STATUS_OUTAGE] = "outage",
	[ADVISORY_STATUS_RESTORING] = "restoring",
	[ADVISORY_STATUS_RESOLVED] = "resolved",
	[ADVISORY_STATUS_FALSE_POSITIVE] = "false_positive",
	[ADVISORY_STATUS_SCHEDULED] = "scheduled",
};

static const char *const severity_names[ADVISORY_SEVERITY_COUNT] = {
	[ADVISORY_SEVERITY_UNKNOWN] = "unknown",
	[ADVISORY_SEVERITY_INFO] = "info",
	[ADVISORY_SEVERITY_MINOR] = "minor",
	[ADVISORY_SEVERITY_MAJOR] = "major",
	[ADVISORY_SEVERITY_CRITICAL] = "critical",
};

static int
lookup(const char *const *names, int count, const char *s)
{
	if (s == NULL) {
		return 0;
	}
	for (int i = 0; i < count; i++) {
		if (g_ascii_strcasecmp(names[i], s) == 0) {
			return i;
		}
	}
	return 0; /* every table's entry 0 is its explicit UNKNOWN */
}

const char *
advisory_kind_to_string(AdvisoryKind kind)
{
	return (unsigned)kind < ADVISORY_KIND_COUNT ? kind_names[kind] : kind_names[0];
}

AdvisoryKind
advisory_kind_from_string(const char *s)
{
	return (AdvisoryKind)lookup(kind_names, ADVISORY_KIND_COUNT, s);
}

const char *
advisory_status_to_string(AdvisoryStatus status)
{
	return (unsigned)status < ADVISORY_STATUS_COUNT ? status_names[status] : status_names[0];
}

AdvisoryStatus
advisory_status_from_string(const char *s)
{
	return (AdvisoryStatus)lookup(status_names, ADVISORY_STATUS_COUNT, s);
}

const char *
advisory_severity_to_string(AdvisorySeverity severity)
{
	return (unsigned)severity < ADVISORY_SEVERITY_COUNT ? severity_names[severity]
							    : severity_names[0];
}

AdvisorySeverity
advisory_severity_from_string(const char *s)
{
	return (AdvisorySeverity)lookup(severity_names, ADVISORY_SEVERITY_COUNT, s);
}

const char *
advisory_severity_icon(AdvisorySeverity severity)
{
	switch (severity) {
	case ADVISORY_SEVERITY_CRITICAL:
		return "statuswatch-critical";
	case ADVISORY_SEVERITY_MAJOR:
		return "statuswatch-major";
	default:
		return "statuswatch-minor";
	}
}

char advisory_text_dropped[1] = "";

void
advisory_update_free(AdvisoryUpdate *update)
{
	if (update == NULL) {
		return;
	}
	if (update->text != advisory_text_dropped) {
		g_free(update->text);
	}
	g_free(update);
}

Advisory *
advisory_new(const char *source, const char *id)
{
	Advisory *adv = g_new0(Advisory, 1);

	adv->source = g_strdup(source);
	adv->id = g_strdup(id);
	adv->services = g_ptr_array_new_with_free_func(g_free);
	adv->updates = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_update_free);
	adv->start = SW_TIME_NONE;
	adv->end = SW_TIME_NONE;
	adv->updated = SW_TIME_NONE;
	adv->date_offset = ADVISORY_OFFSET_UNKNOWN;
	adv->refcount = 1;
	return adv;
}

Advisory *
advisory_ref(Advisory *adv)
{
	g_return_val_if_fail(adv != NULL, NULL);
	g_atomic_int_inc(&adv->refcount);
	return adv;
}

void
advisory_unref(Advisory *adv)
{
	if (adv == NULL || !g_atomic_int_dec_and_test(&adv->refcount)) {
		return;
	}
	g_free(adv->source);
	g_free(adv->id);
	g_free(adv->title);
	g_ptr_array_unref(adv->services);
	g_free(adv->feature);
	g_free(adv->region);
	g_free(adv->raw_status);
	g_free(adv->url);
	g_free(adv->feed_name);
	g_free(adv->feed_home);
	g_free(adv->text);
	g_ptr_array_unref(adv->updates);
	g_free(adv);
}

Advisory *
advisory_copy(const Advisory *adv)
{
	Advisory *copy = advisory_new(adv->source, adv->id);

	copy->kind = adv->kind;
	copy->title = g_strdup(adv->title);
	for (guint i = 0; i < adv->services->len; i++) {
		g_ptr_array_add(copy->services, g_strdup(adv->services->pdata[i]));
	}
	copy->feature = g_strdup(adv->feature);
	copy->region = g_strdup(adv->region);
	copy->status = adv->status;
	copy->raw_status = g_strdup(adv->raw_status);
	copy->severity = adv->severity;
	copy->start = adv->start;
	copy->end = adv->end;
	copy->updated = adv->updated;
	copy->url = g_strdup(adv->url);
	copy->feed_name = g_strdup(adv->feed_name);
	copy->feed_home = g_strdup(adv->feed_home);
	copy->text = g_strdup(adv->text);
	for (guint i = 0; i < adv->updates->len; i++) {
		const AdvisoryUpdate *u = adv->updates->pdata[i];
		advisory_add_update(copy, u->time, u->status, u->text);
	}
	copy->withdrawn = adv->withdrawn;
	copy->date_offset = adv->date_offset;
	return copy;
}

void
advisory_set_str(char **field, const char *value)
{
	char *old = *field;

	*field = g_strdup(value);
	g_free(old);
}

bool
advisory_has_service(const Advisory *adv, const char *service)
{
	for (guint i = 0; i < adv->services->len; i++) {
		if (g_ascii_strcasecmp(adv->services->pdata[i], service) == 0) {
			return true;
		}
	}
	return false;
}

void
advisory_add_service(Advisory *adv, const char *service)
{
	if (service == NULL || *service == '\0' || adv->services->len >= ADVISORY_MAX_SERVICES ||
	    advisory_has_service(adv, service)) {
		return;
	}
	g_ptr_array_add(adv->services, g_strdup(service));
}

void
advisory_add_update(Advisory *adv, gint64 time, AdvisoryStatus status, const char *text)
{
	AdvisoryUpdate *u = g_new0(AdvisoryUpdate, 1);

	u->time = time;
	u->status = status;
	u->text = g_strdup(text != NULL ? text : "");
	g_ptr_array_add(adv->updates, u);
}

static gint
compare_updates(gconstpointer a, gconstpointer b)
{
	const AdvisoryUpdate *ua = *(AdvisoryUpdate *const *)a;
	const AdvisoryUpdate *ub = *(AdvisoryUpdate *const *)b;

	if (ua->time != ub->time) {
		return ua->time < ub->time ? -1 : 1;
	}
	return 0;
}

void
advisory_sort_updates(Advisory *adv)
{
	/* g_ptr_array_sort is a merge sort in GLib (stable), so equal times keep their order. */
	g_ptr_array_sort(adv->updates, compare_updates);
}

bool
advisory_is_closed(const Advisory *adv, gint64 now)
{
	if (adv->status == ADVISORY_STATUS_RESOLVED ||
	    adv->status == ADVISORY_STATUS_FALSE_POSITIVE) {
		return true;
	}
	if (adv->end != SW_TIME_NONE) {
		return adv->end <= now;
	}
	if (adv->status == ADVISORY_STATUS_UNKNOWN) {
		gint64 last = adv->updated != SW_TIME_NONE ? adv->updated : adv->start;
		return last != SW_TIME_NONE && now - last > ADVISORY_STALE_AFTER;
	}
	return false;
}

static void
hash_str(GChecksum *sum, const char *s)
{
	/* A NUL separator after each field keeps "ab"+"c" distinct from "a"+"bc". */
	if (s != NULL) {
		g_checksum_update(sum, (const guchar *)s, (gssize)strlen(s));
	}
	g_checksum_update(sum, (const guchar *)"", 1);
}

static void
hash_int(GChecksum *sum, gint64 v)
{
	char buf[32];

	g_snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT, v);
	hash_str(sum, buf);
}

char *
advisory_fingerprint(const Advisory *adv)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);

	hash_int(sum, adv->kind);
	hash_str(sum, adv->title);
	for (guint i = 0; i < adv->services->len; i++) {
		hash_str(sum, adv->services->pdata[i]);
	}
	hash_str(sum, "|");
	hash_str(sum, adv->feature);
	hash_str(sum, adv->region);
	hash_int(sum, adv->status);
	hash_str(sum, adv->raw_status);
	hash_int(sum, adv->severity);
	hash_int(sum, adv->start);
	hash_int(sum, adv->end);
	hash_int(sum, adv->updated);
	hash_str(sum, adv->url);
	hash_str(sum, adv->text);
	for (guint i = 0; i < adv->updates->len; i++) {
		const AdvisoryUpdate *u = adv->updates->pdata[i];
		hash_int(sum, u->time);
		hash_int(sum, u->status);
		hash_str(sum, u->text);
	}
	hash_int(sum, adv->withdrawn);
	char *hex = g_strdup(g_checksum_get_string(sum));
	g_checksum_free(sum);
	return hex;
}

char *
advisory_key(const Advisory *adv)
{
	return g_strdup_printf("%s/%s", adv->source, adv->id);
}
