/*
 * Change events (see events.h): constructors, the kind table and the one-line
 * description the daemon logs.  Plain data; never logs or prints itself.
 */
#include "model/events.h"

#include <string.h>

static const char *const kind_names[EVENT_KIND_COUNT] = {
	[EVENT_INCIDENT_OPENED] = "incident_opened",
	[EVENT_INCIDENT_GREW] = "incident_grew",
	[EVENT_INCIDENT_CHANGED] = "incident_changed",
	[EVENT_INCIDENT_RESOLVED] = "incident_resolved",
	[EVENT_SOURCE_UNREACHABLE] = "source_unreachable",
	[EVENT_SOURCE_RECOVERED] = "source_recovered",
};

Event *
event_new(EventKind kind, gint64 time, const char *incident_id, const char *source)
{
	Event *e = g_new0(Event, 1);

	g_return_val_if_fail(kind < EVENT_KIND_COUNT, e);
	e->kind = kind;
	e->time = time;
	e->incident_id = g_strdup(incident_id);
	e->source = g_strdup(source);
	e->severity = ADVISORY_SEVERITY_UNKNOWN;
	e->keys = g_ptr_array_new_with_free_func(g_free);
	return e;
}

void
event_free(Event *event)
{
	if (event == NULL) {
		return;
	}
	g_free(event->incident_id);
	g_free(event->title);
	g_free(event->source);
	g_free(event->detail);
	g_ptr_array_unref(event->keys);
	g_free(event);
}

const char *
event_kind_to_string(EventKind kind)
{
	return kind < EVENT_KIND_COUNT ? kind_names[kind] : "unknown";
}

/* At most this many advisory keys go into one log line; the rest are counted. */
#define DESCRIBE_MAX_KEYS 8

static void
append_keys(GString *s, const GPtrArray *keys)
{
	if (keys->len == 0) {
		return;
	}
	g_string_append(s, " [");
	for (guint i = 0; i < keys->len && i < DESCRIBE_MAX_KEYS; i++) {
		g_string_append_printf(s, "%s%s", i > 0 ? ", " : "", (const char *)keys->pdata[i]);
	}
	if (keys->len > DESCRIBE_MAX_KEYS) {
		g_string_append_printf(s, ", +%u more", keys->len - DESCRIBE_MAX_KEYS);
	}
	g_string_append_c(s, ']');
}

char *
event_describe(const Event *event)
{
	GString *s = g_string_new(NULL);
	const char *title = event->title != NULL ? event->title : "";

	switch (event->kind) {
	case EVENT_INCIDENT_OPENED:
		g_string_printf(s, "incident '%s' opened (%s): %s", event->incident_id,
				advisory_severity_to_string(event->severity), title);
		break;
	case EVENT_INCIDENT_GREW:
		g_string_printf(s, "incident '%s' grew by %u (%s): %s", event->incident_id,
				event->keys->len, advisory_severity_to_string(event->severity),
				title);
		break;
	case EVENT_INCIDENT_CHANGED:
		g_string_printf(s, "incident '%s' %s (%s): %s", event->incident_id,
				event->detail != NULL ? event->detail : "changed",
				advisory_severity_to_string(event->severity), title);
		break;
	case EVENT_INCIDENT_RESOLVED:
		g_string_printf(s, "incident '%s' resolved: %s", event->incident_id, title);
		break;
	case EVENT_SOURCE_UNREACHABLE:
		g_string_printf(s, "source '%s' unreachable%s%s", event->source,
				event->detail != NULL ? ": " : "",
				event->detail != NULL ? event->detail : "");
		break;
	case EVENT_SOURCE_RECOVERED:
		g_string_printf(s, "source '%s' recovered", event->source);
		break;
	case EVENT_KIND_COUNT:
	default:
		g_string_printf(s, "unknown event");
		break;
	}
	if (event->kind != EVENT_SOURCE_UNREACHABLE && event->kind != EVENT_SOURCE_RECOVERED) {
		append_keys(s, event->keys);
	}
	return g_string_free(s, FALSE);
}
