/*
 * Atlassian Statuspage API v2 (REFERENCE.md §2.1): /api/v2/incidents.json,
 * incidents/unresolved.json, summary.json, scheduled-maintenances.json (and its
 * upcoming / active variants), and a single {"incident": {...}} document.
 * Each incident or maintenance becomes one advisory whose updates are its
 * incident_updates, oldest first.  status.json and components.json are valid
 * documents with no advisories.
 *
 * Pure: bytes or a cJSON tree in, advisories and warnings out; no I/O, no
 * logging.  Every member is read through the typed getters, so a missing, null
 * or wrong-typed field is "absent", never a crash; an incident without an id is
 * a warning and skipped.  Times carry the page's own offset (-06:00 on a
 * Chicago page) and are parsed as RFC 3339.
 */
#include "sources/parsers.h"

#include <stdlib.h>
#include <string.h>

#include "model/advisory.h"
#include "sources/field_copy.h"
#include "sources/json_util.h"
#include "util/error.h"
#include "util/text.h"
#include "util/timeparse.h"

typedef struct {
	const char *word;
	int value; /* AdvisoryStatus or AdvisorySeverity, by table */
} Word;

/*
 * Incident statuses (investigating .. postmortem) and maintenance statuses (scheduled ..
 * completed), one table because incident_updates use both vocabularies.  Sorted for bsearch;
 * the tests map every word, so an unsorted entry would fail there.  Choices: postmortem is
 * resolved plus a write-up; in_progress is maintenance work running, so the service may be
 * degraded; verifying is work done and being watched, so monitoring.  These match the Atom
 * labels in status_words.c, so one maintenance reads the same from history.atom and the API.
 */
static const Word status_words[] = {
	{"completed", ADVISORY_STATUS_RESOLVED},
	{"identified", ADVISORY_STATUS_IDENTIFIED},
	{"in_progress", ADVISORY_STATUS_DEGRADED},
	{"investigating", ADVISORY_STATUS_INVESTIGATING},
	{"monitoring", ADVISORY_STATUS_MONITORING},
	{"postmortem", ADVISORY_STATUS_RESOLVED},
	{"resolved", ADVISORY_STATUS_RESOLVED},
	{"scheduled", ADVISORY_STATUS_SCHEDULED},
	{"verifying", ADVISORY_STATUS_MONITORING},
};

/* Impact words; "maintenance" is what scheduled maintenances carry.  Sorted for bsearch. */
static const Word impact_words[] = {
	{"critical", ADVISORY_SEVERITY_CRITICAL},
	{"maintenance", ADVISORY_SEVERITY_INFO},
	{"major", ADVISORY_SEVERITY_MAJOR},
	{"minor", ADVISORY_SEVERITY_MINOR},
	{"none", ADVISORY_SEVERITY_INFO},
};

static int
compare_word(const void *key, const void *elem)
{
	return g_ascii_strcasecmp(key, ((const Word *)elem)->word);
}

static int
lookup_word(const Word *table, gsize n, const char *word)
{
	if (word == NULL) {
		return 0;
	}
	const Word *w = bsearch(word, table, n, sizeof *table, compare_word);
	return w != NULL ? w->value : 0;
}

AdvisoryStatus
statuspage_status_from_word(const char *word)
{
	return (AdvisoryStatus)lookup_word(status_words, G_N_ELEMENTS(status_words), word);
}

AdvisorySeverity
statuspage_severity_from_impact(const char *impact)
{
	return (AdvisorySeverity)lookup_word(impact_words, G_N_ELEMENTS(impact_words), impact);
}

typedef struct {
	const SourceContext *ctx;
	SourceResult *result;
	const char *page_name; /* borrowed from the tree, may be NULL */
	char *page_url;        /* owned, absolute or NULL */
	GHashTable *seen;      /* char * id → NULL, owned keys: ids already emitted */
	guint over_limit;      /* incidents dropped by max_items */
} Parse;

/* A time member; a present but unparsable value is worth a warning.  *@ret_offset (may be
 * NULL) gets its offset, minutes east of UTC: the page's own clock. */
static gint64
get_time_zone(Parse *ps, const cJSON *obj, const char *key, const char *id, int *ret_offset)
{
	gint64 t;
	int off;

	if (json_get_time_zone(obj, key, &t, &off)) {
		if (ret_offset != NULL) {
			*ret_offset = off;
		}
		return t;
	}
	const char *raw = json_get_string(obj, key);
	if (raw != NULL && *raw != '\0') {
		g_autofree char *shown = field_copy_line(raw, 64);
		json_warn(ps->result, "incident '%s': unparsable %s '%s', ignored", id, key, shown);
	}
	return SW_TIME_NONE;
}

static gint64
get_time(Parse *ps, const cJSON *obj, const char *key, const char *id)
{
	return get_time_zone(ps, obj, key, id, NULL);
}

static void
add_service_bounded(Parse *ps, Advisory *adv, const char *name)
{
	if (name == NULL) {
		return;
	}
	if (adv->services->len >= JSON_MAX_SERVICES) {
		return;
	}
	g_autofree char *clean = field_copy_line(name, 256);
	advisory_add_service(adv, clean);
}

static void
add_component_names(Parse *ps, Advisory *adv, const cJSON *components)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, components) {
		add_service_bounded(ps, adv, json_get_string(c, "name"));
	}
}

/* Plain text of an update body (HTML anchors in real bodies), valid UTF-8, bounded. */
static char *
body_text(const Parse *ps, const char *body)
{
	if (body == NULL) {
		return g_strdup("");
	}
	g_autofree char *valid = field_copy_text(body, ps->ctx->max_field_bytes);
	g_autofree char *plain = text_from_html(valid, ps->ctx->max_field_bytes);
	return field_copy_text(plain, ps->ctx->max_field_bytes);
}

static void
parse_updates(Parse *ps, Advisory *adv, const cJSON *updates)
{
	const cJSON *u;
	gint64 newest = SW_TIME_NONE;
	bool have_newest = false;

	cJSON_ArrayForEach(u, updates) {
		if (!cJSON_IsObject(u)) {
			json_warn(ps->result, "incident '%s': an update is not an object, ignored",
				  adv->id);
			continue;
		}
		gint64 t = get_time(ps, u, "display_at", adv->id);
		if (t == SW_TIME_NONE) {
			t = get_time(ps, u, "created_at", adv->id);
		}
		AdvisoryStatus st = statuspage_status_from_word(json_get_string(u, "status"));
		g_autofree char *text = body_text(ps, json_get_string(u, "body"));
		/* The newest post is the incident's current text.  Updates come newest first, so
		 * on equal times the earlier one in the list wins (strictly greater below). */
		if (!have_newest || (t != SW_TIME_NONE && t > newest)) {
			advisory_set_str(&adv->text, text);
			newest = t;
			have_newest = true;
		}
		advisory_add_update(adv, t, st, text);
		const cJSON *affected = json_get_array(u, "affected_components");
		if (affected != NULL) {
			add_component_names(ps, adv, affected);
		}
	}
	advisory_sort_updates(adv);
}

/* page.url + "/incidents/" + id, or the same on the feed URL's origin. */
static char *
incident_url(const Parse *ps, const cJSON *inc, const char *id)
{
	char *shortlink = json_resolve_url(NULL, json_get_string(inc, "shortlink"));
	if (shortlink != NULL) {
		return shortlink;
	}
	g_autofree char *escaped = g_uri_escape_string(id, NULL, false);
	if (ps->page_url != NULL) {
		const char *sep = g_str_has_suffix(ps->page_url, "/") ? "" : "/";
		return g_strconcat(ps->page_url, sep, "incidents/", escaped, NULL);
	}
	if (ps->ctx->base_url != NULL) {
		g_autofree char *path = g_strconcat("/incidents/", escaped, NULL);
		return json_resolve_url(ps->ctx->base_url, path);
	}
	return NULL;
}

static void
parse_incident(Parse *ps, const cJSON *inc, const char *list, int index, bool maintenance_list)
{
	if (!cJSON_IsObject(inc)) {
		json_warn(ps->result, "%s[%d] is not an object, skipping", list, index);
		return;
	}
	g_autofree char *id = json_get_id(inc, "id");
	if (id == NULL) {
		g_autofree char *name = field_copy_line(json_get_string(inc, "name"), 80);
		json_warn(ps->result, "%s[%d]%s%s%s has no id, skipping", list, index,
			  name != NULL ? " ('" : "", name != NULL ? name : "",
			  name != NULL ? "')" : "");
		return;
	}
	if (g_hash_table_contains(ps->seen, id)) {
		json_warn(ps->result, "incident '%s' listed twice, keeping the first", id);
		return;
	}
	if (ps->result->advisories->len >= ps->ctx->max_items) {
		ps->over_limit++;
		return;
	}
	g_hash_table_add(ps->seen, g_strdup(id));

	g_autoptr(Advisory) adv = advisory_new(ps->ctx->source_name, id);
	const char *status = json_get_string(inc, "status");
	const char *impact = json_get_string(inc, "impact");

	adv->title = field_copy_line(json_get_string(inc, "name"), ps->ctx->max_field_bytes);
	adv->raw_status = field_copy_line(status, 64);
	adv->status = statuspage_status_from_word(status);
	adv->severity = statuspage_severity_from_impact(impact);
	bool maintenance = maintenance_list ||
			   (impact != NULL && g_ascii_strcasecmp(impact, "maintenance") == 0) ||
			   json_get_string(inc, "scheduled_for") != NULL;
	adv->kind = maintenance ? ADVISORY_KIND_MAINTENANCE : ADVISORY_KIND_INCIDENT;
	adv->feed_name = field_copy_line(ps->page_name, 256);
	adv->feed_home = field_copy_home(ps->page_url);

	/* A maintenance starts when it is scheduled for; an incident when it started.  Its
	 * offset is the page's zone, the clock its writers date their titles on. */
	int start_off = 0;
	if (maintenance) {
		adv->start = get_time_zone(ps, inc, "scheduled_for", id, &start_off);
	}
	if (adv->start == SW_TIME_NONE) {
		adv->start = get_time_zone(ps, inc, "started_at", id, &start_off);
	}
	if (adv->start == SW_TIME_NONE) {
		adv->start = get_time_zone(ps, inc, "created_at", id, &start_off);
	}
	if (adv->start != SW_TIME_NONE) {
		adv->date_offset = start_off;
	}
	adv->end = get_time(ps, inc, "resolved_at", id);
	/* A maintenance runs in its announced window until it says it ended: scheduled_until
	 * is its end while it is upcoming or in progress, as history.atom's "THIS IS A
	 * SCHEDULED EVENT" window is (xmlfeed_statuspage.c). */
	if (maintenance && adv->end == SW_TIME_NONE) {
		adv->end = get_time(ps, inc, "scheduled_until", id);
	}
	adv->updated = get_time(ps, inc, "updated_at", id);

	const cJSON *components = json_get_array(inc, "components");
	if (components != NULL) {
		add_component_names(ps, adv, components);
	}
	const cJSON *updates = json_get_array(inc, "incident_updates");
	if (updates != NULL) {
		parse_updates(ps, adv, updates);
	}
	if (adv->updated == SW_TIME_NONE && adv->updates->len > 0) {
		const AdvisoryUpdate *last = adv->updates->pdata[adv->updates->len - 1];
		adv->updated = last->time;
	}
	/* A closed incident without resolved_at still ended: at its last change. */
	if (adv->end == SW_TIME_NONE && adv->status == ADVISORY_STATUS_RESOLVED) {
		adv->end = adv->updated;
	}
	if (adv->services->len == 0) {
		add_service_bounded(ps, adv,
				    ps->page_name != NULL ? ps->page_name : ps->ctx->source_name);
	}
	adv->url = incident_url(ps, inc, id);
	g_ptr_array_add(ps->result->advisories, g_steal_pointer(&adv));
}

static void
parse_list(Parse *ps, const cJSON *list, const char *name, bool maintenance)
{
	const cJSON *inc;
	int index = 0;

	cJSON_ArrayForEach(inc, list) {
		parse_incident(ps, inc, name, index, maintenance);
		index++;
	}
}

bool
statuspage_parse_tree(const SourceContext *ctx, const cJSON *root, SourceResult *result,
		      GError **error)
{
	if (!cJSON_IsObject(root)) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
			    "not a Statuspage document: the top level is not an object");
		return false;
	}
	const cJSON *page = json_get_object(root, "page");
	const cJSON *incidents = json_get_array(root, "incidents");
	const cJSON *maintenances = json_get_array(root, "scheduled_maintenances");
	const cJSON *single = json_get_object(root, "incident");
	const cJSON *single_maintenance = json_get_object(root, "scheduled_maintenance");
	if (page == NULL && incidents == NULL && maintenances == NULL && single == NULL &&
	    single_maintenance == NULL) {
		g_set_error(error, SW_ERROR, SW_ERROR_PARSE,
			    "not a Statuspage document: no page, incidents or "
			    "scheduled_maintenances");
		return false;
	}

	Parse ps = {
		.ctx = ctx,
		.result = result,
		.page_name = json_get_string(page, "name"),
		.page_url = json_resolve_url(ctx->base_url, json_get_string(page, "url")),
		.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
	};
	if (ps.page_name != NULL && *ps.page_name == '\0') {
		ps.page_name = NULL;
	}
	result->format = SOURCE_FORMAT_STATUSPAGE;
	if (incidents != NULL) {
		parse_list(&ps, incidents, "incidents", false);
	}
	if (single != NULL) {
		parse_incident(&ps, single, "incident", 0, false);
	}
	if (maintenances != NULL) {
		parse_list(&ps, maintenances, "scheduled_maintenances", true);
	}
	if (single_maintenance != NULL) {
		parse_incident(&ps, single_maintenance, "scheduled_maintenance", 0, true);
	}
	if (ps.over_limit > 0) {
		json_warn(result, "%u incidents beyond the limit of %u skipped", ps.over_limit,
			  ctx->max_items);
	}
	g_hash_table_unref(ps.seen);
	g_free(ps.page_url);
	return true;
}
