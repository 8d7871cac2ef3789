#!/bin/bash
# The tray status icon on a private session bus: tests/integration/test_tray.py
# plays tray host (a recording org.kde.StatusNotifierWatcher plus the reads and
# clicks a host makes) against tray-driver, which drives src/desktop/tray.c.
# Skips (77) only when dbus-run-session or python3-dbus/python3-gi are missing.
set -u
PY=${SW_PYTHON:-python3}
: "${TRAY_DRIVER:?TRAY_DRIVER names the tray-driver binary}"
command -v dbus-run-session >/dev/null || { echo "dbus-run-session missing, skipping"; exit 77; }
"$PY" -c 'import dbus, gi' 2>/dev/null || { echo "python3-dbus/python3-gi missing, skipping"; exit 77; }
export TRAY_DRIVER
exec dbus-run-session -- "$PY" "$(dirname "$0")/test_tray.py"
