/*
 * Alert objects: construction, destruction and the one name table of alert
 * kinds.  Plain data, no I/O; rendering belongs to notify/, deciding when an
 * alert is due to alert/.
 */
#include "model/alert.h"

#include <string.h>

/* Indexed by AlertKind; these strings are the wire format ("event"). */
static const char *const kind_names[ALERT_KIND_COUNT] = {
	[ALERT_KIND_UNKNOWN] = "unknown",   [ALERT_KIND_OPENED] = "opened",
	[ALERT_KIND_GREW] = "grew",         [ALERT_KIND_CHANGED] = "changed",
	[ALERT_KIND_MERGED] = "merged",     [ALERT_KIND_RESOLVED] = "resolved",
	[ALERT_KIND_REOPENED] = "reopened", [ALERT_KIND_REMINDER] = "reminder",
	[ALERT_KIND_SUMMARY] = "summary",   [ALERT_KIND_NOTICE] = "notice",
	[ALERT_KIND_TEST] = "test",
};

Alert *
alert_new(AlertKind kind, const char *key, const char *notifier, gint64 time)
{
	Alert *alert = g_new0(Alert, 1);

	alert->kind = kind;
	alert->key = g_strdup(key);
	alert->notifier = g_strdup(notifier);
	alert->time = time;
	alert->changes = g_ptr_array_new_with_free_func(g_free);
	alert->items = g_ptr_array_new_with_free_func((GDestroyNotify)alert_free);
	return alert;
}

void
alert_free(Alert *alert)
{
	if (alert == NULL) {
		return;
	}
	g_free(alert->key);
	g_free(alert->notifier);
	incident_free(alert->incident);
	g_ptr_array_unref(alert->changes);
	g_ptr_array_unref(alert->items);
	g_free(alert->text);
	g_free(alert->thread_ref);
	g_free(alert);
}

void
alert_add_change(Alert *alert, const char *line)
{
	g_return_if_fail(alert != NULL && line != NULL);
	g_ptr_array_add(alert->changes, g_strdup(line));
}

const char *
alert_kind_to_string(AlertKind kind)
{
	if ((int)kind < 0 || kind >= ALERT_KIND_COUNT) {
		return kind_names[ALERT_KIND_UNKNOWN];
	}
	return kind_names[kind];
}

AlertKind
alert_kind_from_string(const char *s)
{
	if (s == NULL) {
		return ALERT_KIND_UNKNOWN;
	}
	for (int i = 1; i < ALERT_KIND_COUNT; i++) {
		if (strcmp(kind_names[i], s) == 0) {
			return (AlertKind)i;
		}
	}
	return ALERT_KIND_UNKNOWN;
}

void
alert_state_init(AlertState *state)
{
	memset(state, 0, sizeof *state);
	state->first_seen = SW_TIME_NONE;
	state->last_alert = SW_TIME_NONE;
	state->held_since = SW_TIME_NONE;
}

void
alert_state_clear(AlertState *state)
{
	g_clear_pointer(&state->sent, g_ref_string_release);
	g_clear_pointer(&state->reason, g_free);
	g_clear_pointer(&state->thread_ref, g_free);
}
