#!/bin/bash
# The desktop notifier on a private session bus: test-desktop (tests/unit/test-desktop.c)
# starts tests/integration/notification_server.py, a recording
# org.freedesktop.Notifications server, once it has checked the no-server case.  The
# no-session-bus case runs first, on its own, with a bus address that names no bus.
# Skips (77) only when dbus-run-session or python3-dbus/python3-gi are missing.
set -u
PY=${SW_PYTHON:-python3}
: "${DESKTOP_TEST:?DESKTOP_TEST names the test-desktop binary}"
command -v dbus-run-session >/dev/null || { echo "dbus-run-session missing, skipping"; exit 77; }
"$PY" -c 'import dbus, gi' 2>/dev/null || { echo "python3-dbus/python3-gi missing, skipping"; exit 77; }
export NOTIFICATION_SERVER="$(dirname "$0")/notification_server.py"
DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/statuswatch-test-bus" \
	"$DESKTOP_TEST" -p /desktop/no-bus || exit 1
exec dbus-run-session -- "$DESKTOP_TEST" -s /desktop/no-bus
