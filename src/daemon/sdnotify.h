/*
 * systemd's readiness protocol without libsystemd: one datagram with
 * "READY=1", "RELOADING=1", "STOPPING=1" or "STATUS=..." to the AF_UNIX socket
 * named by $NOTIFY_SOCKET (a path, or "@name" for the abstract namespace).
 * Without $NOTIFY_SOCKET (not under systemd, Type=simple) it does nothing.
 */
#ifndef SW_DAEMON_SDNOTIFY_H
#define SW_DAEMON_SDNOTIFY_H

#include <stdbool.h>

/* Sends @state.  Returns true when sent or when there is no socket to send to; false
 * (with errno set) when sending failed.  Never logs. */
bool sd_notify_send(const char *state);

#endif
