#!/usr/bin/python3
"""`statuswatch run` with the tray icon, on a private session bus, against a
recording tray host (tray_host.py).  Run by test-tray-daemon.sh, which starts
the loopback feed server and writes the configuration.

- [desktop] tray = auto and STATUSWATCH_DESKTOP_SESSION=1 (as the user unit
  sets it): the daemon registers its item; its first poll opens the feed's
  incident and the icon, tooltip and menu show it; "Mute all for 1 h" mutes it
  in the store; "Open digest" opens the last day's digest (HTML) with the default
  viewer; "Quit" stops the daemon with exit status 0.
- STATUSWATCH_DESKTOP_SESSION unset: no item at all; a reload that sets
  tray = true shows it, one that sets tray = false drops it.

Usage: test_tray_daemon.py CONF STATE
"""
import os
import signal
import sqlite3
import subprocess
import sys

from tray_host import Item, Watcher, bus, check, failures, lines, read_lines, wait_for

statuswatch = os.environ["STATUSWATCH"]
conf, state = sys.argv[1], sys.argv[2]
home = os.path.normpath(os.path.join(state, "..", "home"))
opened = os.path.join(home, "opened.txt")


def install_html_viewer():
    """A default text/html handler (XDG_DATA_HOME + mimeapps.list) that writes the
    path it was given to `opened`, so "Open digest" can be checked without a browser."""
    apps = os.path.join(home, "data", "applications")
    os.makedirs(apps, exist_ok=True)
    os.makedirs(os.path.join(home, "config"), exist_ok=True)
    os.makedirs(os.path.join(home, "runtime"), mode=0o700, exist_ok=True)
    with open(os.path.join(apps, "sw-test-viewer.desktop"), "w") as f:
        f.write("[Desktop Entry]\nType=Application\nName=test viewer\n"
                "Exec=/bin/sh -c 'echo \"$0\" > %s' %%f\nMimeType=text/html;\n" % opened)
    with open(os.path.join(home, "config", "mimeapps.list"), "w") as f:
        f.write("[Default Applications]\ntext/html=sw-test-viewer.desktop\n")


install_html_viewer()


def start(session):
    env = dict(os.environ)
    env.pop("STATUSWATCH_DESKTOP_SESSION", None)
    if session:
        env["STATUSWATCH_DESKTOP_SESSION"] = "1"
    env["XDG_DATA_HOME"] = os.path.join(home, "data")
    env["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    env["XDG_RUNTIME_DIR"] = os.path.join(home, "runtime")
    lines.clear()
    proc = subprocess.Popen([statuswatch, "--config", conf, "--state-dir", state, "run"],
                            env=env, stderr=subprocess.PIPE)
    read_lines(proc.stderr)
    return proc


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


watcher = Watcher()

# Outside the user unit (auto, no STATUSWATCH_DESKTOP_SESSION): no tray icon.
proc = start(session=False)
try:
    wait_for(lambda: any("watching 1 sources" in l for l in lines), "the daemon to start")
    check(not bus.name_has_owner("org.kde.StatusNotifierItem-%d-1" % proc.pid),
          "no tray item without STATUSWATCH_DESKTOP_SESSION=1")
    check(not watcher.registered, "nothing registered: %r" % watcher.registered)

    # A reload that sets tray = true shows it; one that sets tray = false drops it.
    text = open(conf).read()
    with open(conf, "w") as f:
        f.write(text.replace("tray = auto", "tray = true"))
    proc.send_signal(signal.SIGHUP)
    wait_for(lambda: watcher.registered, "registration after a reload with tray = true")
    with open(conf, "w") as f:
        f.write(text.replace("tray = auto", "tray = false"))
    proc.send_signal(signal.SIGHUP)
    wait_for(lambda: not bus.name_has_owner("org.kde.StatusNotifierItem-%d-1" % proc.pid),
             "the item gone after a reload with tray = false")
    with open(conf, "w") as f:
        f.write(text)
    watcher.registered.clear()
finally:
    stop(proc)

# As the user unit runs it.
proc = start(session=True)
name = "org.kde.StatusNotifierItem-%d-1" % proc.pid
try:
    wait_for(lambda: watcher.registered, "the daemon's item to register")
    check(watcher.registered and watcher.registered[0][0] == name,
          "registered as %s: %r" % (name, watcher.registered))
    wait_for(lambda: any("status icon registered" in l for l in lines),
             "the 'registered' log line")
    item = Item(name)
    # interval 30 s: the first poll comes within 3 s and opens the incident.
    wait_for(lambda: item.prop("IconName") == "statuswatch-major",
             "the major icon after the first poll", timeout=15)
    check(item.prop("ToolTip")[2] == "statuswatch: 1 open incident, worst major",
          "tooltip %r" % item.prop("ToolTip")[2])
    labels, enabled = item.layout()
    entry = "major: Mail flow delays in Exchange Online"
    check(entry in labels, "the menu lists the open incident: %r" % list(labels))
    check(entry in labels and enabled[labels[entry]], "the incident entry is clickable")
    check("Quit" in labels, "the menu has Quit: %r" % list(labels))

    # "Mute all for 1 h" mutes the open incident in the store, as `statuswatch mute` would.
    item.click(labels["Mute all for 1 h"])
    wait_for(lambda: any("muted for 60 min" in l for l in lines), "the 'muted' log line")
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(state, "state.db"), uri=True)
    mutes = db.execute("SELECT incident_id, until - strftime('%s','now') FROM mutes").fetchall()
    db.close()
    check(len(mutes) == 1 and 3590 <= mutes[0][1] <= 3600,
          "one incident muted for an hour: %r" % mutes)

    # "Open digest": the last day's digest as HTML, opened with the default viewer.
    item.click(labels["Open digest"])
    wait_for(lambda: os.path.exists(opened) and open(opened).read().endswith("\n"),
             "the digest to be opened")
    if os.path.exists(opened):
        path = open(opened).read().strip()
        check(path == os.path.join(home, "runtime", "statuswatch-digest.html"),
              "opened %r" % path)
        html = open(path).read() if os.path.exists(path) else ""
        check("<html" in html.lower() and "Mail flow delays in Exchange Online" in html,
              "the digest shows the incident: %r" % html[:200])

    item.click(labels["Quit"])
    try:
        rc = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        rc = None
    check(rc == 0, "exit status after Quit: %r" % rc)
    wait_for(lambda: any("stopping (Quit in the tray menu)" in l for l in lines),
             "the 'stopping' log line", timeout=2)
finally:
    stop(proc)

if failures:
    print("daemon log:", *lines, sep="\n  ")
print("%d check(s) failed" % len(failures))
sys.exit(1 if failures else 0)
