#!/bin/bash
# `statuswatch run` shows its tray icon as the user unit runs it, and not
# otherwise: test_tray_daemon.py plays tray host on a private session bus while
# the daemon polls a loopback Statuspage feed.  Skips (77) only when
# dbus-run-session or python3-dbus/python3-gi are missing.
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

[desktop]
tray = auto
CONF
dbus-run-session -- "$SW_PYTHON" "$(dirname "$0")/test_tray_daemon.py" "$CONF" "$STATE"
