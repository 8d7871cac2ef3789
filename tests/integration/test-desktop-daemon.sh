#!/bin/bash
# `statuswatch run` with a desktop notifier on a private session bus: the alert
# waits while no notification server is there, is delivered when one appears,
# and its Mute 4h button mutes the incident in the store (test_desktop_daemon.py).
# Skips (77) only when dbus-run-session or python3-dbus/python3-gi are missing.
set -u
. "$(dirname "$0")/daemon-lib.sh"
need_session_bus

start_server
statuspage_feed alpha.json inc-a investigating "Mail flow delays in Exchange Online"
cat >"$CONF" <<CONF
[source:alpha]
type = statuspage
url = http://127.0.0.1:$PORT/f/alpha.json
interval = 30s

[policy]
group_wait = 0

[notify:desk]
type = desktop

[desktop]
tray = false
CONF
dbus-run-session -- "$SW_PYTHON" "$(dirname "$0")/test_desktop_daemon.py" "$CONF" "$STATE"
