/*
 * The daemon's side of the desktop session (see desktop_session.h).  The tray
 * module knows nothing of incidents in the store or of the main loop; this file
 * turns stored incidents into the tray's plain list and the tray's menu clicks
 * into what the daemon does (open a page, quit).  Everything runs on the
 * daemon's main context.
 */
#include "daemon/desktop_session.h"

#include <string.h>

#include <gio/gio.h>

#include "build-config.h"
#include "daemon/sdnotify.h"
#include "desktop/tray.h"
#include "model/incident.h"

struct DesktopSession {
	Tray *tray;        /* owned */
	Store *store;      /* borrowed */
	GMainLoop *loop;   /* borrowed */
};

bool
desktop_session_tray_wanted(const Config *config)
{
	const char *mode = config_get_string(config, "desktop", "tray");

	if (g_strcmp0(mode, "true") == 0) {
		return true;
	}
	if (g_strcmp0(mode, "false") == 0) {
		return false;
	}
	return g_strcmp0(g_getenv("STATUSWATCH_DESKTOP_SESSION"), "1") == 0;
}

/* ---- what the menu does ---- */

static void
on_open_url(const char *incident_id, const char *url, gpointer user_data)
{
	g_autoptr(GError) error = NULL;

	if (!g_app_info_launch_default_for_uri(url, NULL, &error)) {
		g_warning("tray: cannot open '%s' for incident '%s': %s", url, incident_id,
			  error->message);
	}
}

void
desktop_session_mute_incident(const char *incident_id, gint64 seconds, gpointer store)
{
	g_autoptr(GError) error = NULL;
	gint64 until = g_get_real_time() / G_USEC_PER_SEC + seconds;

	if (!store_mute_incident(store, incident_id, until, &error)) {
		g_warning("muting incident '%s': %s", incident_id, error->message);
		return;
	}
	g_message("incident '%s' muted for %" G_GINT64_FORMAT " min", incident_id, seconds / 60);
}

static void
on_mute_all(GPtrArray *incident_ids, gint64 seconds, gpointer user_data)
{
	DesktopSession *s = user_data;

	for (guint i = 0; i < incident_ids->len; i++) {
		desktop_session_mute_incident(incident_ids->pdata[i], seconds, s->store);
	}
}

static void
on_quit(gpointer user_data)
{
	DesktopSession *s = user_data;

	sd_notify_send("STOPPING=1");
	g_message("stopping (Quit in the tray menu)");
	g_main_loop_quit(s->loop);
}

static void
on_notice(const char *message, gpointer user_data)
{
	g_message("%s", message);
}

/* ---- feeding the tray ---- */

void
desktop_session_update(DesktopSession *s, GPtrArray *incidents, gint64 now)
{
	g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func(g_free);

	if (s == NULL) {
		return;
	}
	for (guint i = 0; incidents != NULL && i < incidents->len; i++) {
		const Incident *inc = incidents->pdata[i];
		if (!incident_is_active(inc, now)) {
			continue;
		}
		TrayIncident *t = g_new0(TrayIncident, 1);
		t->id = inc->id;
		t->title = incident_title(inc);
		t->severity = incident_severity(inc);
		t->url = incident_url(inc);
		g_ptr_array_add(open, t);
	}
	tray_set_incidents(s->tray, open);
}

DesktopSession *
desktop_session_new(const Config *config, Store *store, GMainLoop *loop, gint64 now)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) incidents = NULL;
	const TrayCallbacks callbacks = {
		.open_url = on_open_url,
		.mute_all = on_mute_all,
		.quit = on_quit,
		.notice = on_notice,
	};
	DesktopSession *s;

	if (!desktop_session_tray_wanted(config)) {
		return NULL;
	}
	s = g_new0(DesktopSession, 1);
	s->store = store;
	s->loop = loop;
	s->tray = tray_new(NULL, SW_ICONDIR, &callbacks, s, &error);
	if (s->tray == NULL) {
		g_warning("%s; running without the tray icon", error->message);
		g_free(s);
		return NULL;
	}
	incidents = store_load_incidents(store, false, now, &error);
	if (incidents == NULL) {
		g_warning("tray: reading the open incidents: %s", error->message);
	}
	desktop_session_update(s, incidents, now);
	return s;
}

void
desktop_session_free(DesktopSession *s)
{
	if (s == NULL) {
		return;
	}
	tray_free(s->tray);
	g_free(s);
}
