/*
 * The desktop notifier (see desktop.h): freedesktop.org notifications through
 * libnotify, the only file that includes it.
 *
 * One notification per incident, updated in place: the server's notification
 * id goes back to the outbox as NotifyResult.thread_ref and returns as
 * Alert.thread_ref on the incident's next alert, which is then sent with that
 * id as replaces_id (the NotifyNotification "id" property), so the popup
 * grows, changes and resolves where it is instead of stacking a new one per
 * advisory.  The NotifyNotification objects of shown incidents are kept (at
 * most MAX_SHOWN) because their action callbacks live on them; a restarted
 * daemon has none and rebuilds one from the stored id.
 *
 * What the user sees: the headline as summary ("OPEN: Exchange Online, 2
 * advisories"), a body with the title, services, impact window and advisory
 * ids, an icon per state (statuswatch-ok for resolved, -minor / -major /
 * -critical by severity, installed from share/icons), urgency from severity
 * (critical is critical, resolved is low), the desktop-entry hint
 * "statuswatch" so servers group the notifications under statuswatch.desktop,
 * and, only when the server announces the "actions" capability, "Open" (the
 * advisory's page) and "Mute 4h".
 *
 * It never decides whether to notify and never retries; no session bus or no
 * notification server is SW_ERROR_TEMPORARY, so the alert waits in the outbox.
 * It does not log, except when an action fails to open a page: an action runs
 * from the main loop with no caller to hand the error to.
 */
#include "notify/desktop.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <libnotify/notify.h>

#include "model/alert.h"
#include "notify/notifier.h"
#include "notify/render.h"
#include "util/error.h"
#include "util/text.h"

#define APP_NAME "statuswatch"
/* Notifications whose NotifyNotification is kept for actions and in-place updates.  A
 * desktop rarely shows more than a handful; past this the oldest is dropped (a later
 * alert of it still replaces by the stored id, only its old buttons go dead). */
#define MAX_SHOWN 64
/* Body limits: a popup is read at a glance, the full story is one click away. */
#define BODY_MAX_IDS 8
#define BODY_MAX_CHANGES 3
#define BODY_LINE_MAX 160
/* A notification server answers at once; a hung one must not stall the main loop for
 * D-Bus's default 25 s. */
#define CALL_TIMEOUT_MS 5000

typedef struct Desktop Desktop;

/* One incident's notification. */
typedef struct {
	Desktop *desktop;          /* borrowed: the owner */
	char *incident_id;         /* owned */
	char *url;                 /* owned, may be NULL: what "Open" opens */
	NotifyNotification *notification; /* owned reference */
	gulong closed_handler;
} Shown;

struct Desktop {
	char *name;                /* owned: [notify:NAME] */
	GHashTable *shown;         /* incident id (borrowed from Shown) -> Shown *, owned */
	GQueue order;              /* Shown *, borrowed: oldest first, for MAX_SHOWN */
	DesktopMuteFunc mute;
	gpointer mute_data;
	/* The server's capabilities, asked once per server rather than per alert (a blocking
	 * round trip to the server each time): a server's answer does not change while it
	 * runs.  Dropped when org.freedesktop.Notifications changes owner (another server,
	 * or a restart), when the bus connection is another or closed, and when a Notify
	 * fails. */
	GDBusConnection *bus;      /* owned reference, NULL until a server was asked */
	guint owner_subscription;  /* NameOwnerChanged on @bus, 0 = none */
	GStrv caps;                /* owned, NULL = ask the server */
};

/* libnotify keeps one process-wide app name and D-Bus proxy; notify_init() and
 * notify_uninit() bracket the lifetime of the desktop notifiers that use them. */
static guint libnotify_users;

static void
shown_free(gpointer p)
{
	Shown *s = p;

	if (s == NULL) {
		return;
	}
	/* The callbacks point at @s: make sure no later ActionInvoked reaches them. */
	notify_notification_clear_actions(s->notification);
	g_signal_handler_disconnect(s->notification, s->closed_handler);
	g_object_unref(s->notification);
	g_free(s->incident_id);
	g_free(s->url);
	g_free(s);
}

static void
forget(Desktop *d, Shown *s)
{
	g_queue_remove(&d->order, s);
	g_hash_table_remove(d->shown, s->incident_id);
}

/* ---- actions (main context) ---- */

static void
on_open(NotifyNotification *n, char *action, gpointer user_data)
{
	Shown *s = user_data;
	g_autoptr(GError) error = NULL;

	if (s->url == NULL) {
		return;
	}
	if (!g_app_info_launch_default_for_uri(s->url, NULL, &error)) {
		g_warning("notifier '%s': cannot open '%s': %s", s->desktop->name, s->url,
			  error->message);
	}
}

static void
on_mute(NotifyNotification *n, char *action, gpointer user_data)
{
	Shown *s = user_data;

	if (s->desktop->mute != NULL) {
		s->desktop->mute(s->incident_id, DESKTOP_MUTE_SECONDS, s->desktop->mute_data);
	}
}

static void
on_closed(NotifyNotification *n, gpointer user_data)
{
	Shown *s = user_data;

	/* Gone from the screen: its buttons cannot be pressed any more.  The outbox still
	 * holds the id, so the next alert of the incident asks for that id again. */
	forget(s->desktop, s);
}

/* ---- rendering ---- */

static bool
has_cap(const char *const *caps, const char *cap)
{
	return g_strv_contains(caps, cap);
}

static void
forget_caps(Desktop *d)
{
	g_clear_pointer(&d->caps, g_strfreev);
}

static void
forget_bus(Desktop *d)
{
	forget_caps(d);
	if (d->owner_subscription != 0) {
		g_dbus_connection_signal_unsubscribe(d->bus, d->owner_subscription);
		d->owner_subscription = 0;
	}
	g_clear_object(&d->bus);
}

/* Another server took the name (or none holds it now): ask again next time. */
static void
on_owner_changed(GDBusConnection *bus, const char *sender, const char *path,
		 const char *iface, const char *signal, GVariant *params, gpointer user_data)
{
	forget_caps(user_data);
}

/*
 * What the server can do; borrowed, valid until the next call.  Asked with GDBus
 * rather than notify_get_server_caps(), which cannot say why it failed and prints a
 * warning of its own on every attempt while there is no bus: this way no bus and no
 * server are one GError each, for the outbox's one line.  The call also starts a
 * D-Bus-activatable server, as Notify would.  Cached as Desktop.caps says.
 */
static const char *const *
server_caps(Desktop *d, GError **error)
{
	g_autoptr(GDBusConnection) bus = g_bus_get_sync(G_BUS_TYPE_SESSION, NULL, error);
	g_autoptr(GVariant) reply = NULL;

	if (bus == NULL) {
		forget_bus(d);
		return NULL;
	}
	if (bus != d->bus || g_dbus_connection_is_closed(bus)) {
		forget_bus(d);
	}
	if (d->caps != NULL) {
		return (const char *const *)d->caps;
	}
	if (d->bus == NULL) {
		/* Subscribed before asking, so an owner change after the answer is not missed. */
		d->bus = g_object_ref(bus);
		d->owner_subscription = g_dbus_connection_signal_subscribe(
			bus, "org.freedesktop.DBus", "org.freedesktop.DBus", "NameOwnerChanged",
			"/org/freedesktop/DBus", "org.freedesktop.Notifications",
			G_DBUS_SIGNAL_FLAGS_NONE, on_owner_changed, d, NULL);
	}
	reply = g_dbus_connection_call_sync(bus, "org.freedesktop.Notifications",
					    "/org/freedesktop/Notifications",
					    "org.freedesktop.Notifications", "GetCapabilities",
					    NULL, G_VARIANT_TYPE("(as)"), G_DBUS_CALL_FLAGS_NONE,
					    CALL_TIMEOUT_MS, NULL, error);
	if (reply == NULL) {
		return NULL;
	}
	g_variant_get(reply, "(^as)", &d->caps);
	return (const char *const *)d->caps;
}

/* The state's icon, one of share/icons/hicolor/scalable/status/. */
static const char *
icon_for(const Alert *alert)
{
	if (alert->incident == NULL) {
		return APP_NAME;
	}
	if (alert->kind == ALERT_KIND_RESOLVED) {
		return "statuswatch-ok";
	}
	return advisory_severity_icon(incident_severity(alert->incident));
}

static NotifyUrgency
urgency_for(const Alert *alert)
{
	if (alert->incident == NULL) {
		return alert->kind == ALERT_KIND_NOTICE ? NOTIFY_URGENCY_NORMAL : NOTIFY_URGENCY_LOW;
	}
	if (alert->kind == ALERT_KIND_RESOLVED) {
		return NOTIFY_URGENCY_LOW;
	}
	if (incident_severity(alert->incident) == ADVISORY_SEVERITY_CRITICAL) {
		return NOTIFY_URGENCY_CRITICAL;
	}
	return NOTIFY_URGENCY_NORMAL;
}

static void
add_line(GString *body, const char *label, const char *value)
{
	g_autofree char *clean = render_clean_line(value, BODY_LINE_MAX);

	if (*clean == '\0') {
		return;
	}
	if (body->len > 0) {
		g_string_append_c(body, '\n');
	}
	if (label != NULL) {
		g_string_append_printf(body, "%s: ", label);
	}
	g_string_append(body, clean);
}

static char *
advisory_ids(const Incident *inc)
{
	GString *ids = g_string_new(NULL);
	guint n = inc->members->len;

	for (guint i = 0; i < n && i < BODY_MAX_IDS; i++) {
		const Advisory *a = inc->members->pdata[i];
		g_string_append_printf(ids, "%s%s", i > 0 ? ", " : "", a->id);
	}
	if (n > BODY_MAX_IDS) {
		g_string_append_printf(ids, " +%u more", n - BODY_MAX_IDS);
	}
	return g_string_free(ids, FALSE);
}

/* The body as plain text: title, services, impact window, advisory ids, what changed. */
static char *
body_text(const Alert *alert)
{
	GString *body = g_string_new(NULL);
	const Incident *inc = alert->incident;

	if (inc == NULL) {
		if (alert->kind == ALERT_KIND_SUMMARY || alert->text == NULL) {
			/* The summary's items are many; render_text() lists them all. */
			g_autofree char *text = render_text(alert);
			g_autofree char *clean = render_clean_text(text, 1000);
			g_string_append(body, clean);
		} else {
			g_autofree char *clean = render_clean_text(alert->text, 1000);
			g_string_append(body, clean);
		}
		return g_string_free(body, FALSE);
	}
	g_autofree char *services = render_services(inc, 4);
	g_autofree char *impact = render_impact(inc, alert->time);
	g_autofree char *ids = advisory_ids(inc);

	add_line(body, NULL, incident_title(inc));
	if (services != NULL) {
		add_line(body, "Services", services);
	}
	add_line(body, "Impact", impact);
	add_line(body, inc->members->len == 1 ? "Advisory" : "Advisories", ids);
	for (guint i = 0; i < alert->changes->len && i < BODY_MAX_CHANGES; i++) {
		add_line(body, i == 0 ? "Changed" : NULL, alert->changes->pdata[i]);
	}
	return g_string_free(body, FALSE);
}

/* ---- the notifier ---- */

static gpointer
desktop_create(const char *name, GHashTable *keys, GError **error)
{
	Desktop *d = g_new0(Desktop, 1);

	if (libnotify_users++ == 0 && !notify_is_initted()) {
		notify_init(APP_NAME);
	}
	d->name = g_strdup(name);
	d->shown = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, shown_free);
	g_queue_init(&d->order);
	return d;
}

static void
desktop_destroy(gpointer state)
{
	Desktop *d = state;

	if (d == NULL) {
		return;
	}
	g_queue_clear(&d->order);
	g_hash_table_destroy(d->shown);
	forget_bus(d);
	g_free(d->name);
	g_free(d);
	if (--libnotify_users == 0 && notify_is_initted()) {
		notify_uninit();
	}
}

/* The notification to (re)use for @alert: the kept one of its incident, else a new one
 * that replaces the server's notification @thread_ref (0 = none). */
static NotifyNotification *
notification_for(Desktop *d, const Alert *alert, Shown **ret_shown)
{
	guint64 ref = 0;
	Shown *s = NULL;

	if (alert->incident != NULL) {
		s = g_hash_table_lookup(d->shown, alert->incident->id);
	}
	*ret_shown = s;
	if (s != NULL) {
		return g_object_ref(s->notification);
	}
	if (alert->thread_ref != NULL) {
		/* Anything but a plain notification id (another channel's ref after a type
		 * change in the config) is ignored: a new notification is better than none. */
		if (!g_ascii_string_to_unsigned(alert->thread_ref, 10, 1, G_MAXINT32, &ref, NULL)) {
			ref = 0;
		}
	}
	return g_object_new(NOTIFY_TYPE_NOTIFICATION, "id", (gint)ref, "summary", APP_NAME,
			    NULL);
}

static void
set_error_from(GError **error, const Desktop *d, GError *cause)
{
	bool no_server = g_error_matches(cause, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
			 g_error_matches(cause, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER);
	/* A timeout is a server that did not answer, not a missing bus. */
	bool no_bus = (cause->domain == G_IO_ERROR &&
		       !g_error_matches(cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)) ||
		      cause->domain == G_SPAWN_ERROR ||
		      g_error_matches(cause, G_DBUS_ERROR, G_DBUS_ERROR_FILE_NOT_FOUND) ||
		      g_error_matches(cause, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
		      g_error_matches(cause, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED);

	g_dbus_error_strip_remote_error(cause);
	if (no_server) {
		g_set_error(error, SW_ERROR, SW_ERROR_TEMPORARY,
			    "notifier '%s': no notification server on the session bus (nobody "
			    "owns org.freedesktop.Notifications)",
			    d->name);
	} else if (no_bus) {
		g_set_error(error, SW_ERROR, SW_ERROR_TEMPORARY,
			    "notifier '%s': no session bus (%s)",
			    d->name, cause->message);
	} else {
		g_set_error(error, SW_ERROR, SW_ERROR_TEMPORARY,
			    "notifier '%s': the notification server failed: %s", d->name,
			    cause->message);
	}
}

/* Fills @n for @alert, with actions pointing at @s (may be NULL: no actions). */
static void
fill(Desktop *d, NotifyNotification *n, Shown *s, const Alert *alert, const char *const *caps)
{
	g_autofree char *summary = render_headline(alert);
	g_autofree char *text = body_text(alert);
	/* A server announcing body-markup parses the body as markup: feed text must not
	 * become tags there.  That subset parses '&', '<' and '>' only; quotes stay plain
	 * (GNOME Shell would show "&#39;" literally). */
	g_autofree char *body = has_cap(caps, "body-markup") ? text_escape_html(text, false)
							     : g_strdup(text);

	notify_notification_update(n, summary, body, icon_for(alert));
	notify_notification_set_urgency(n, urgency_for(alert));
	notify_notification_set_hint_string(n, "desktop-entry", APP_NAME);
	notify_notification_clear_actions(n);
	/* Buttons only where the server draws them (the "actions" capability); a server
	 * without it would show their labels as text, or nothing. */
	if (s == NULL || !has_cap(caps, "actions")) {
		return;
	}
	if (s->url != NULL) {
		notify_notification_add_action(n, "default", "Open", on_open, s, NULL);
		notify_notification_add_action(n, "open", "Open", on_open, s, NULL);
	}
	if (d->mute != NULL && alert->kind != ALERT_KIND_RESOLVED) {
		notify_notification_add_action(n, "mute-4h", "Mute 4h", on_mute, s, NULL);
	}
}

static bool
desktop_send(gpointer state, const Alert *alert, NotifyResult *result, GError **error)
{
	Desktop *d = state;
	g_autoptr(GError) local = NULL;
	const char *const *caps = server_caps(d, &local);
	Shown *s = NULL;
	NotifyNotification *n;
	bool kept;
	gint id = 0;
	bool ok = false;

	if (caps == NULL) {
		set_error_from(error, d, local);
		return false;
	}
	n = notification_for(d, alert, &s);
	kept = s != NULL;

	if (alert->incident != NULL && s == NULL) {
		s = g_new0(Shown, 1);
		s->desktop = d;
		s->incident_id = g_strdup(alert->incident->id);
		s->notification = g_object_ref(n);
		s->closed_handler = g_signal_connect(n, "closed", G_CALLBACK(on_closed), s);
	}
	if (s != NULL) {
		g_free(s->url);
		s->url = g_strdup(incident_url(alert->incident));
	}
	fill(d, n, s, alert, caps);
	if (!notify_notification_show(n, &local)) {
		/* The server may be gone or another: ask the next one what it can do. */
		forget_caps(d);
		set_error_from(error, d, local);
		if (!kept) {
			shown_free(s);
		}
		goto out;
	}
	g_object_get(n, "id", &id, NULL);
	if (s != NULL && !kept) {
		g_hash_table_insert(d->shown, s->incident_id, s);
		g_queue_push_tail(&d->order, s);
		if (d->order.length > MAX_SHOWN) {
			forget(d, g_queue_peek_head(&d->order));
		}
	}
	result->thread_ref = g_strdup_printf("%d", id);
	result->answer = g_strdup_printf("notification id %d", id);
	ok = true;
out:
	g_object_unref(n);
	return ok;
}

const NotifierOps desktop_notifier_ops = {
	.type = "desktop",
	.main_thread = true,
	.create = desktop_create,
	.send = desktop_send,
	.destroy = desktop_destroy,
};

bool
desktop_notifier_set_mute_func(Notifier *notifier, DesktopMuteFunc func, gpointer user_data)
{
	Desktop *d;

	if (notifier == NULL || notifier_ops(notifier) != &desktop_notifier_ops) {
		return false;
	}
	d = notifier_state(notifier);
	d->mute = func;
	d->mute_data = user_data;
	return true;
}
