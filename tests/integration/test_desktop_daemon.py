#!/usr/bin/python3
"""`statuswatch run` with a desktop notifier, end to end on a private session bus.
Run by test-desktop-daemon.sh, which starts the loopback feed server and writes
the configuration ([notify:desk] type = desktop, group_wait = 0).

- The daemon starts while no notification server is on the bus: the delivery
  fails with a line saying so, and the alert stays queued.
- The recording server (notification_server.py) appears: the queued alert is
  delivered on the next attempt, as one notification with the desktop-entry hint,
  the incident's icon, and the Open / Mute 4h buttons.
- Pressing "Mute 4h" (the server emits ActionInvoked) mutes the incident in the
  store for 4 hours, as `statuswatch mute INCIDENT --for 4h` would.

Usage: test_desktop_daemon.py CONF STATE
"""
import json
import os
import sqlite3
import subprocess
import sys

import dbus

from tray_host import bus, check, failures, lines, read_lines, wait_for

statuswatch = os.environ["STATUSWATCH"]
server_script = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             "notification_server.py")
conf, state = sys.argv[1], sys.argv[2]

env = dict(os.environ, STATUSWATCH_JITTER_SEED="7")
daemon = subprocess.Popen([statuswatch, "--config", conf, "--state-dir", state, "run"],
                          env=env, stderr=subprocess.PIPE)
read_lines(daemon.stderr)
server = None


def recorded():
    obj = bus.get_object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
    return json.loads(dbus.Interface(obj, "org.statuswatch.Test").Recorded())


try:
    # 1. No server: the first delivery fails, saying why, and is retried later.
    wait_for(lambda: any("no notification server on the session bus" in l for l in lines),
             "the 'no notification server' line", timeout=20)
    check(any("retrying at" in l and "no notification server" in l for l in lines),
          "the alert is kept for a retry: %r" % [l for l in lines if "desk" in l])

    # 2. The server appears: the queued alert goes out.
    server = subprocess.Popen([sys.executable, server_script])
    wait_for(lambda: bus.name_has_owner("org.freedesktop.Notifications"), "the server")
    wait_for(lambda: any("delivered to 'desk'" in l for l in lines),
             "delivery once the server is there", timeout=30)
    recs = recorded()
    check(len(recs) == 1, "one notification: %r" % recs)
    if recs:
        r = recs[0]
        check(r["summary"] == "OPEN: Exchange Online, 1 advisory", "summary %r" % r["summary"])
        check("Mail flow delays in Exchange Online" in r["body"], "body %r" % r["body"])
        check(r["hints"].get("desktop-entry") == "statuswatch", "hints %r" % r["hints"])
        check(r["hints"].get("image-path", r["app_icon"]) == "statuswatch-major",
              "icon %r / %r" % (r["app_icon"], r["hints"]))
        check("mute-4h" in r["actions"] and "open" in r["actions"], "actions %r" % r["actions"])

        # 3. Mute 4h.
        obj = bus.get_object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
        dbus.Interface(obj, "org.statuswatch.Test").Invoke(dbus.UInt32(r["id"]), "mute-4h")
        wait_for(lambda: any("muted for 240 min" in l for l in lines), "the 'muted' line")
        db = sqlite3.connect("file:%s?mode=ro" % os.path.join(state, "state.db"), uri=True)
        mutes = db.execute("SELECT incident_id, until - strftime('%s','now') FROM mutes")
        mutes = mutes.fetchall()
        db.close()
        check(len(mutes) == 1 and 4 * 3600 - 10 <= mutes[0][1] <= 4 * 3600,
              "the incident is muted for 4 h in the store: %r" % mutes)
finally:
    for p in (daemon, server):
        if p is not None and p.poll() is None:
            p.terminate()
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

if failures:
    print("daemon log:", *lines, sep="\n  ")
print("%d check(s) failed" % len(failures))
sys.exit(1 if failures else 0)
