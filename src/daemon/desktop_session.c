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
#include "daemon/digest_job.h"
#include "daemon/sdnotify.h"
#include "desktop/tray.h"
#include "model/incident.h"
#include "report/digest.h"

/* "Open digest" shows the last day, whatever [digest] time says: it answers "what
 * happened lately", the mailed digest answers "what happened yesterday". */
#define OPEN_DIGEST_PERIOD (24 * 3600)

struct DesktopSession {
	const Config *config; /* borrowed: the daemon's current configuration */
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
on_open_digest(gpointer user_data)
{
	DesktopSession *s = user_data;
	g_autoptr(GError) error = NULL;
	gint64 now = g_get_real_time() / G_USEC_PER_SEC;
	g_autofree char *path =
		g_build_filename(g_get_user_runtime_dir(), "statuswatch-digest.html", NULL);
	g_autofree char *uri = NULL;
	g_autofree char *html = NULL;
	/* The period is [since, until): until = now + 1 so that what started this very second
	 * is in it. */
	g_autoptr(DigestJob) job = digest_job_new(s->config, s->store, now - OPEN_DIGEST_PERIOD,
						  now + 1, now, &error);

	if (job == NULL) {
		g_warning("tray: building the digest: %s", error->message);
		return;
	}
	html = digest_render_html(digest_job_digest(job));
	if (!g_file_set_contents_full(path, html, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
				      &error)) {
		g_warning("tray: writing the digest: %s", error->message);
		return;
	}
	uri = g_filename_to_uri(path, NULL, NULL);
	if (uri == NULL || !g_app_info_launch_default_for_uri(uri, NULL, &error)) {
		g_warning("tray: cannot open the digest '%s': %s", path,
			  error != NULL ? error->message : "not a valid path");
		return;
	}
	g_message("tray: digest of the last 24 h opened ('%s')", path);
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
		.open_digest = on_open_digest,
		.quit = on_quit,
		.notice = on_notice,
	};
	DesktopSession *s;

	if (!desktop_session_tray_wanted(config)) {
		return NULL;
	}
	s = g_new0(DesktopSession, 1);
	s->config = config;
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
desktop_session_set_config(DesktopSession *s, const Config *config)
{
	if (s != NULL) {
		s->config = config;
	}
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
