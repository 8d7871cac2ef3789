/*
 * Incident records and the views derived from their members.  Pure data.
 */
#include "model/incident.h"

#include <string.h>

#include "util/text.h"

Incident *
incident_new(const char *id)
{
	Incident *inc = g_new0(Incident, 1);

	inc->id = g_strdup(id);
	inc->members = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	inc->links = g_ptr_array_new_with_free_func((GDestroyNotify)incident_link_free);
	inc->aliases = g_ptr_array_new_with_free_func(g_free);
	inc->created = SW_TIME_NONE;
	return inc;
}

void
incident_free(Incident *inc)
{
	if (inc == NULL) {
		return;
	}
	g_free(inc->id);
	g_free(inc->title);
	g_ptr_array_unref(inc->members);
	g_clear_pointer(&inc->notes, g_ptr_array_unref);
	g_ptr_array_unref(inc->links);
	g_ptr_array_unref(inc->aliases);
	g_free(inc);
}

void
incident_add_member(Incident *inc, Advisory *adv)
{
	g_ptr_array_add(inc->members, advisory_ref(adv));
}

void
incident_add_note(Incident *inc, Advisory *adv)
{
	if (inc->notes == NULL) {
		inc->notes = g_ptr_array_new_with_free_func((GDestroyNotify)advisory_unref);
	}
	g_ptr_array_add(inc->notes, advisory_ref(adv));
}

guint
incident_note_count(const Incident *inc)
{
	return inc->notes != NULL ? inc->notes->len : 0;
}

static gint
compare_members(gconstpointer pa, gconstpointer pb)
{
	const Advisory *a = *(Advisory *const *)pa;
	const Advisory *b = *(Advisory *const *)pb;

	if (a->start != b->start) {
		if (a->start == SW_TIME_NONE) {
			return 1;
		}
		if (b->start == SW_TIME_NONE) {
			return -1;
		}
		return a->start < b->start ? -1 : 1;
	}
	int c = g_strcmp0(a->source, b->source);
	return c != 0 ? c : g_strcmp0(a->id, b->id);
}

void
incident_sort_members(Incident *inc)
{
	g_ptr_array_sort(inc->members, compare_members);
	if (inc->notes != NULL) {
		g_ptr_array_sort(inc->notes, compare_members);
	}
}

void
incident_add_alias(Incident *inc, const char *alias)
{
	if (alias == NULL || g_strcmp0(alias, inc->id) == 0) {
		return;
	}
	for (guint i = 0; i < inc->aliases->len; i++) {
		if (strcmp(inc->aliases->pdata[i], alias) == 0) {
			return;
		}
	}
	g_ptr_array_add(inc->aliases, g_strdup(alias));
}

IncidentLink *
incident_link_new(const char *a_source, const char *a_id, const char *b_source, const char *b_id,
		  double score)
{
	IncidentLink *link = g_new0(IncidentLink, 1);

	link->a_source = g_strdup(a_source);
	link->a_id = g_strdup(a_id);
	link->b_source = g_strdup(b_source);
	link->b_id = g_strdup(b_id);
	link->score = score;
	link->reasons = g_ptr_array_new_with_free_func(g_free);
	return link;
}

void
incident_link_add_reason(IncidentLink *link, const char *reason)
{
	g_ptr_array_add(link->reasons, g_strdup(reason));
}

void
incident_link_free(IncidentLink *link)
{
	if (link == NULL) {
		return;
	}
	g_free(link->a_source);
	g_free(link->a_id);
	g_free(link->b_source);
	g_free(link->b_id);
	g_ptr_array_unref(link->reasons);
	g_free(link);
}

const char *
incident_title(const Incident *inc)
{
	if (inc->title != NULL) {
		return inc->title;
	}
	/* The most severe member speaks for the incident; ties go to the earliest. */
	const Advisory *best = NULL;
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		if (a->title == NULL) {
			continue;
		}
		if (best == NULL || a->severity > best->severity) {
			best = a;
		}
	}
	return best != NULL ? best->title : inc->id;
}

const char *
incident_url(const Incident *inc)
{
	for (guint i = 0; inc != NULL && i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		if (text_is_web_link(a->url)) {
			return a->url;
		}
	}
	return NULL;
}

bool
incident_is_active(const Incident *inc, gint64 now)
{
	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		if (!advisory_is_closed(a, now) && !a->withdrawn) {
			return true;
		}
	}
	return false;
}

AdvisorySeverity
incident_severity(const Incident *inc)
{
	AdvisorySeverity s = ADVISORY_SEVERITY_UNKNOWN;

	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		s = MAX(s, a->severity);
	}
	return s;
}

gint64
incident_start(const Incident *inc)
{
	gint64 start = SW_TIME_NONE;

	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		if (a->start != SW_TIME_NONE && (start == SW_TIME_NONE || a->start < start)) {
			start = a->start;
		}
	}
	return start;
}

gint64
incident_end(const Incident *inc, gint64 now)
{
	gint64 end = SW_TIME_NONE;

	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		if (!advisory_is_closed(a, now) && !a->withdrawn) {
			return SW_TIME_NONE;
		}
		gint64 e = a->end != SW_TIME_NONE ? a->end : a->updated;
		/* A feed may stamp its last change before its start; never end before starting. */
		if (e != SW_TIME_NONE && a->start != SW_TIME_NONE && e < a->start) {
			e = a->start;
		}
		if (e != SW_TIME_NONE && (end == SW_TIME_NONE || e > end)) {
			end = e;
		}
	}
	return end;
}

GPtrArray *
incident_services(const Incident *inc)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; i < inc->members->len; i++) {
		const Advisory *a = inc->members->pdata[i];
		for (guint j = 0; j < a->services->len; j++) {
			const char *s = a->services->pdata[j];
			gboolean seen = FALSE;
			for (guint k = 0; k < out->len && !seen; k++) {
				seen = g_ascii_strcasecmp(out->pdata[k], s) == 0;
			}
			if (!seen) {
				g_ptr_array_add(out, g_strdup(s));
			}
		}
	}
	return out;
}

gint64
incident_muted_until(const Incident *inc, GHashTable *mutes)
{
	gint64 until = SW_TIME_NONE;

	if (mutes == NULL) {
		return until;
	}
	const gint64 *t = g_hash_table_lookup(mutes, inc->id);
	if (t != NULL) {
		until = *t;
	}
	for (guint i = 0; i < inc->aliases->len; i++) {
		t = g_hash_table_lookup(mutes, inc->aliases->pdata[i]);
		if (t != NULL && (until == SW_TIME_NONE || *t > until)) {
			until = *t;
		}
	}
	return until;
}
