/*
 * The desktop notifier (type = desktop): freedesktop notifications through
 * libnotify, one per incident, updated in place.  See desktop.c.
 *
 * Its NotifierOps run on the main thread (main_thread = true): libnotify's
 * D-Bus proxy and the ActionInvoked signals live on the main context, which
 * is also where the "Open" and "Mute 4h" actions run.
 *
 * Errors from send(): SW_ERROR_TEMPORARY when there is no session bus or no
 * notification server on it (the alert stays in the outbox until one appears),
 * or when the server failed the call; never SW_ERROR_PERMANENT.
 */
#ifndef SW_NOTIFY_DESKTOP_H
#define SW_NOTIFY_DESKTOP_H

#include <glib.h>
#include <stdbool.h>

typedef struct Notifier Notifier;

/* How long "Mute 4h" mutes, as `statuswatch mute INCIDENT --for 4h` does. */
#define DESKTOP_MUTE_SECONDS (4 * 3600)

/*
 * "Mute 4h" was clicked on the notification of @incident_id: mute it for @seconds
 * (DESKTOP_MUTE_SECONDS), e.g. with store_mute_incident(store, id, now + seconds).
 * Called on the main context.
 */
typedef void (*DesktopMuteFunc)(const char *incident_id, gint64 seconds, gpointer user_data);

/*
 * Gives a desktop notifier the function its "Mute 4h" action calls (@func NULL: no
 * such action is offered, the default).  @user_data is borrowed and must outlive the
 * notifier.  Returns false, changing nothing, when @notifier is not of type desktop.
 */
bool desktop_notifier_set_mute_func(Notifier *notifier, DesktopMuteFunc func,
				    gpointer user_data);

#endif
