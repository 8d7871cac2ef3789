/*
 * The outbox (see outbox.h): coalescing, ordering, retry and parking rules
 * over the store's outbox table.  Each function is one step of a row's life;
 * the caller decides when steps happen (the daemon's dispatcher, replay, the
 * `outbox retry` command).  No I/O beyond the store, no logging.
 */
#include "alert/outbox.h"

#include <string.h>

#include "util/error.h"

gint64
outbox_backoff(int attempts, double jitter)
{
	gint64 base = OUTBOX_BACKOFF_MIN;

	for (int i = 1; i < attempts && base < OUTBOX_BACKOFF_MAX; i++) {
		base *= 2;
	}
	base = MIN(base, OUTBOX_BACKOFF_MAX);
	jitter = CLAMP(jitter, 0.0, 1.0);
	/* Scaled into [base/2, base]: notifiers that failed together do not retry together. */
	gint64 wait = (gint64)((double)base * (0.5 + jitter / 2.0) + 0.5);
	return MAX(wait, OUTBOX_BACKOFF_MIN);
}

char *
outbox_key(const char *incident_id, const char *notifier, gint64 revision)
{
	return g_strdup_printf("%s/%s/%" G_GINT64_FORMAT, incident_id, notifier, revision);
}

static bool
has_line(GPtrArray *lines, const char *line)
{
	for (guint i = 0; i < lines->len; i++) {
		if (strcmp(lines->pdata[i], line) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * Folds the pending rows of (incident, notifier) into @alert and marks them
 * superseded: their change lines come first (oldest first), and an "opened" that
 * never went out stays an "opened" (the notifier has not heard of the incident)
 * unless the incident is now resolved.
 */
static bool
coalesce(Store *store, Alert *alert, const char *incident_id, GError **error)
{
	g_autoptr(GPtrArray) pending = store_outbox_pending(store, incident_id, alert->notifier,
							     error);
	if (pending == NULL) {
		return false;
	}
	if (pending->len == 0) {
		return true;
	}
	g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func(g_free);
	AlertKind first_previous = ALERT_KIND_UNKNOWN;
	bool opened = false;
	for (guint i = 0; i < pending->len; i++) {
		StoreOutboxRow *row = pending->pdata[i];
		g_autoptr(Alert) old = alert_from_json(row->payload, NULL);
		if (old != NULL) {
			if (i == 0) {
				first_previous = old->previous;
			}
			opened |= old->kind == ALERT_KIND_OPENED;
			for (guint j = 0; j < old->changes->len; j++) {
				if (!has_line(lines, old->changes->pdata[j])) {
					g_ptr_array_add(lines, g_strdup(old->changes->pdata[j]));
				}
			}
		}
		g_free(row->state);
		row->state = g_strdup(STORE_OUTBOX_SUPERSEDED);
		if (!store_outbox_update(store, row, error)) {
			return false;
		}
	}
	for (guint j = 0; j < alert->changes->len; j++) {
		if (!has_line(lines, alert->changes->pdata[j])) {
			g_ptr_array_add(lines, g_strdup(alert->changes->pdata[j]));
		}
	}
	g_ptr_array_set_size(alert->changes, 0);
	for (guint j = 0; j < lines->len; j++) {
		alert_add_change(alert, lines->pdata[j]);
	}
	alert->previous = first_previous;
	if (opened && alert->kind != ALERT_KIND_RESOLVED) {
		alert->kind = ALERT_KIND_OPENED;
	}
	return true;
}

bool
outbox_enqueue(Store *store, Alert *alert, const char *incident_id, gint64 revision,
	       const char *state, gint64 now, GError **error)
{
	g_return_val_if_fail(store != NULL && alert != NULL && alert->notifier != NULL, false);

	if (incident_id != NULL && *incident_id != '\0' &&
	    strcmp(state, STORE_OUTBOX_PENDING) == 0 && !coalesce(store, alert, incident_id, error)) {
		return false;
	}
	g_autofree char *payload = alert_to_json(alert);
	StoreOutboxRow row = {
		.incident_id = (char *)(incident_id != NULL ? incident_id : ""),
		.notifier = alert->notifier,
		.kind = (char *)alert_kind_to_string(alert->kind),
		.key = alert->key,
		.revision = revision,
		.payload = payload,
		.created = now,
		.due = now,
		.state = (char *)state,
	};
	return store_outbox_add(store, &row, NULL, error);
}

static bool
park(Store *store, StoreOutboxRow *row, const char *why, GError **error)
{
	g_free(row->state);
	row->state = g_strdup(STORE_OUTBOX_PARKED);
	g_free(row->last_error);
	row->last_error = g_strdup(why);
	return store_outbox_update(store, row, error);
}

bool
outbox_next(Store *store, const char *notifier, gint64 now, StoreOutboxRow **ret_row,
	    Alert **ret_alert, gint64 *ret_wake, GError **error)
{
	*ret_row = NULL;
	*ret_alert = NULL;
	if (ret_wake != NULL) {
		*ret_wake = SW_TIME_NONE;
	}
	for (;;) {
		GError *local = NULL;
		g_autoptr(StoreOutboxRow) row = store_outbox_head(store, notifier, &local);
		if (row == NULL) {
			if (local != NULL) {
				g_propagate_error(error, local);
				return false;
			}
			return true;
		}
		if (ret_wake != NULL) {
			*ret_wake = row->due;
		}
		if (row->due > now) {
			return true;
		}
		g_autoptr(GError) parse_error = NULL;
		g_autoptr(Alert) alert = alert_from_json(row->payload, &parse_error);
		if (alert == NULL) {
			/* Damaged: never sendable, so it must not block the queue. */
			if (!park(store, row, parse_error->message, error)) {
				return false;
			}
			continue;
		}
		if (*row->incident_id != '\0') {
			g_autofree char *thread_ref = NULL;
			if (!store_get_thread_ref(store, row->incident_id, notifier, &thread_ref,
						  error)) {
				return false;
			}
			if (thread_ref != NULL) {
				g_free(alert->thread_ref);
				alert->thread_ref = g_steal_pointer(&thread_ref);
			}
		}
		*ret_row = g_steal_pointer(&row);
		*ret_alert = g_steal_pointer(&alert);
		return true;
	}
}

bool
outbox_delivered(Store *store, StoreOutboxRow *row, gint64 now, const char *answer,
		 const char *thread_ref, GError **error)
{
	row->attempts++;
	row->delivered_at = now;
	g_free(row->state);
	row->state = g_strdup(STORE_OUTBOX_DELIVERED);
	if (!store_outbox_update(store, row, error) ||
	    !store_add_delivery(store, row->id, row->notifier, now, true,
				answer != NULL ? answer : "delivered", error)) {
		return false;
	}
	/* The first thread reference of an incident is kept: later alerts thread under it. */
	if (thread_ref != NULL && *row->incident_id != '\0') {
		g_autofree char *old = NULL;
		if (!store_get_thread_ref(store, row->incident_id, row->notifier, &old, error)) {
			return false;
		}
		if (old == NULL &&
		    !store_set_thread_ref(store, row->incident_id, row->notifier, thread_ref, error)) {
			return false;
		}
	}
	return true;
}

bool
outbox_failed(Store *store, StoreOutboxRow *row, gint64 now, const GError *failure,
	      gint64 retry_after, double jitter, gint64 give_up_after, bool *ret_gave_up,
	      GError **error)
{
	const char *why = failure != NULL ? failure->message : "failed";

	*ret_gave_up = false;
	row->attempts++;
	g_free(row->last_error);
	row->last_error = g_strdup(why);
	if (!store_add_delivery(store, row->id, row->notifier, now, false, why, error)) {
		return false;
	}
	g_free(row->state);
	if (failure != NULL && !error_is_temporary(failure)) {
		row->state = g_strdup(STORE_OUTBOX_PARKED);
	} else if (give_up_after > 0 && now - row->created >= give_up_after) {
		row->state = g_strdup(STORE_OUTBOX_GIVEN_UP);
		*ret_gave_up = true;
	} else {
		row->state = g_strdup(STORE_OUTBOX_PENDING);
		row->due = now + MAX(outbox_backoff(row->attempts, jitter), retry_after);
	}
	return store_outbox_update(store, row, error);
}

bool
outbox_retry(Store *store, gint64 id, gint64 now, GError **error)
{
	g_autoptr(StoreOutboxRow) row = store_outbox_get(store, id, error);

	if (row == NULL) {
		return false;
	}
	if (strcmp(row->state, STORE_OUTBOX_DELIVERED) == 0 ||
	    strcmp(row->state, STORE_OUTBOX_SUPERSEDED) == 0) {
		g_set_error(error, SW_ERROR, SW_ERROR_CONFIG,
			    "outbox entry %" G_GINT64_FORMAT " is %s; only pending, parked or "
			    "given-up entries can be retried",
			    id, row->state);
		return false;
	}
	g_free(row->state);
	row->state = g_strdup(STORE_OUTBOX_PENDING);
	row->attempts = 0;
	row->due = now;
	/* Given up on because it was too old: its give_up_after counts from now. */
	row->created = now;
	return store_outbox_update(store, row, error);
}
