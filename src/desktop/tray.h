/*
 * The tray status icon: an org.kde.StatusNotifierItem exported on the session
 * bus with GDBus (no toolkit), so a tray host (KDE Plasma, GNOME with the
 * AppIndicator extension, waybar, swaybar) shows at a glance whether anything
 * watched is broken.
 *
 * The daemon feeds it a plain list of the open incidents (tray_set_incidents());
 * the icon and tooltip show the worst of them (ok / minor / major / critical) and
 * how many are open, and the menu (com.canonical.dbusmenu, see dbusmenu.h) lists
 * them, plus "Mute all for 1 h", "Open digest" and "Quit".  What a click does is
 * the daemon's business: the tray only calls back.
 *
 * The item registers with org.kde.StatusNotifierWatcher when one is on the bus,
 * and again whenever a watcher appears (a tray host restarted or started late).
 * Without one it keeps its name and objects exported and says so once through
 * TrayCallbacks.notice.  It never logs by itself.
 */
#ifndef SW_DESKTOP_TRAY_H
#define SW_DESKTOP_TRAY_H

#include <gio/gio.h>
#include <stdbool.h>

#include "model/advisory.h"

/* One open incident as the tray shows it.  Plain data; the tray copies what it keeps. */
typedef struct {
	const char *id;            /* incident id, never NULL */
	const char *title;         /* may be NULL (the id is shown) */
	AdvisorySeverity severity;
	const char *url;           /* opened on click, may be NULL (the item is then inert) */
} TrayIncident;

/* Seconds "Mute all for 1 h" mutes for. */
#define TRAY_MUTE_ALL_SECONDS 3600

/* What the tray asks of its owner.  Every member may be NULL (the menu entry is then
 * left out, except notice).  Called on the main context the tray was created on. */
typedef struct {
	/* An incident's entry was clicked: open @url (the incident's, never NULL). */
	void (*open_url)(const char *incident_id, const char *url, gpointer user_data);
	/* "Mute all for 1 h": mute every incident in @incident_ids (char *, borrowed) for
	 * @seconds (TRAY_MUTE_ALL_SECONDS). */
	void (*mute_all)(GPtrArray *incident_ids, gint64 seconds, gpointer user_data);
	/* "Open digest". */
	void (*open_digest)(gpointer user_data);
	/* "Quit". */
	void (*quit)(gpointer user_data);
	/* A state change worth one log line ("registered with ...", "no tray host ...").
	 * Said once per change, never repeated while nothing changes. */
	void (*notice)(const char *message, gpointer user_data);
} TrayCallbacks;

typedef struct Tray Tray;

/*
 * Exports the item and its menu on @bus (borrowed; NULL = the session bus) under
 * the name org.kde.StatusNotifierItem-PID-1, and starts watching for
 * org.kde.StatusNotifierWatcher.  @icon_theme_path (may be NULL) is announced so hosts
 * that do not search the installed hicolor theme still find statuswatch's icons.
 * Errors: SW_ERROR_TEMPORARY when there is no session bus.  Caller frees with
 * tray_free().
 */
Tray *tray_new(GDBusConnection *bus, const char *icon_theme_path, const TrayCallbacks *callbacks,
	       gpointer user_data, GError **error);
/* NULL is a no-op.  Unexports everything and releases the name. */
void tray_free(Tray *tray);

/* Replaces the list of open incidents (TrayIncident *, borrowed; NULL = none) and
 * tells the host when icon, tooltip or menu changed. */
void tray_set_incidents(Tray *tray, GPtrArray *incidents);

/* The icon shown now: "statuswatch-ok", "-minor", "-major" or "-critical".  Static. */
const char *tray_icon_name(const Tray *tray);
/* The icon for the worst severity among @n of them (UNKNOWN/INFO count as minor). */
const char *tray_icon_for(AdvisorySeverity worst, guint n_open);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Tray, tray_free)

#endif
