/*
 * The daemon's side of the desktop session: whether `run` shows the tray
 * status icon ([desktop] tray), the Tray itself fed with the open incidents
 * after every relink, what its menu entries do, and the mute function the
 * desktop notifier's "Mute 4h" button calls.  It is the only place that ties
 * desktop/ (the tray) to the store and the main loop.
 */
#ifndef SW_DAEMON_DESKTOP_SESSION_H
#define SW_DAEMON_DESKTOP_SESSION_H

#include <glib.h>
#include <stdbool.h>

#include "config.h"
#include "store/store.h"

typedef struct DesktopSession DesktopSession;

/* [desktop] tray: "true", "false", or "auto" = on when $STATUSWATCH_DESKTOP_SESSION is
 * "1" (the user unit sets it). */
bool desktop_session_tray_wanted(const Config *config);

/*
 * Shows the tray icon when desktop_session_tray_wanted(), fed from @store (borrowed,
 * must outlive the session) with the open incidents at @now; "Quit" quits @loop
 * (borrowed); "Open digest" writes the digest of the last 24 h as HTML into the user's
 * runtime directory and opens it.  @config is borrowed (see desktop_session_set_config()).  Returns NULL when the tray is not wanted, or when there is no session
 * bus (then one warning line says so and the daemon runs without it).  Logs each tray
 * state change once.  Caller frees with desktop_session_free().
 */
DesktopSession *desktop_session_new(const Config *config, Store *store, GMainLoop *loop,
				    gint64 now);
/* NULL is a no-op. */
void desktop_session_free(DesktopSession *session);
/* After a reload: the configuration "Open digest" reads from now on (borrowed).  @session
 * may be NULL. */
void desktop_session_set_config(DesktopSession *session, const Config *config);

/*
 * Mutes @incident_id for @seconds from now in @store (a Store *), as `statuswatch mute
 * INCIDENT --for DURATION` does, and logs it (or the failure) in one line.  A
 * DesktopMuteFunc: give it to desktop_notifier_set_mute_func() with the daemon's store
 * for the notifications' "Mute 4h" button; the tray's "Mute all for 1 h" uses it too.
 */
void desktop_session_mute_incident(const char *incident_id, gint64 seconds, gpointer store);

/* The incidents after a relink (Incident *, borrowed; the active ones at @now are shown).
 * @session may be NULL (no tray). */
void desktop_session_update(DesktopSession *session, GPtrArray *incidents, gint64 now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(DesktopSession, desktop_session_free)

#endif
