#!/usr/bin/python3
"""Plays tray host for statuswatch's status icon on a private session bus.

Run inside dbus-run-session (tests/integration/test-tray.sh does).  Starts
TRAY_DRIVER (tests/integration/tray-driver.c, which drives src/desktop/tray.c
exactly as the daemon does), then:

- with no org.kde.StatusNotifierWatcher on the bus: the item says so once;
- a recording watcher appears: the item registers with it (the call is
  recorded with its argument and sender);
- an incident opens: NewIcon / NewToolTip arrive, IconName and ToolTip show
  the worst severity and the count; the exported menu (GetLayout) lists it;
  clicking it opens its URL, "Mute all for 1 h" mutes it for 3600 s;
- it resolves: icon and tooltip go back to ok, the menu says none is open;
- the watcher restarts: the item registers again;
- "Quit" ends the driver.

Prints one line per failed check and exits 1 on any failure.
"""
import os
import subprocess
import sys

import dbus

from tray_host import Item, Watcher, bus, check, failures, lines, read_lines, signals, wait_for

driver = subprocess.Popen([os.environ["TRAY_DRIVER"]], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True)
read_lines(driver.stdout)


def send(cmd):
    driver.stdin.write(cmd + "\n")
    driver.stdin.flush()


def synced():
    n = lines.count("synced")
    send("sync")
    wait_for(lambda: lines.count("synced") > n, "the driver to apply a command")


item_name = "org.kde.StatusNotifierItem-%d-1" % driver.pid

try:
    # 1. No tray host yet: one notice, and the name is owned anyway.
    wait_for(lambda: any("no tray host" in l for l in lines), "the 'no tray host' notice")
    wait_for(lambda: bus.name_has_owner(item_name), "the item's bus name " + item_name)

    # 2. A watcher appears: the item registers.
    watcher = Watcher()
    wait_for(lambda: watcher.registered, "RegisterStatusNotifierItem")
    check(watcher.registered and watcher.registered[0][0] == item_name,
          "registered as %s, got %r" % (item_name, watcher.registered))
    wait_for(lambda: any("registered with the tray host" in l for l in lines),
             "the 'registered' notice")

    item = Item(item_name)
    prop = item.prop
    layout = item.layout

    check(prop("IconName") == "statuswatch-ok", "idle icon is %s" % prop("IconName"))
    check(prop("ToolTip")[2] == "statuswatch: no open incidents",
          "idle tooltip is %r" % prop("ToolTip")[2])
    check(prop("Menu") == "/MenuBar", "Menu property is %s" % prop("Menu"))
    check(prop("Category") == "ApplicationStatus", "Category")

    menu = item.menu
    labels, enabled = layout()
    check("No open incidents" in labels, "idle menu lists %r" % list(labels))
    check(not enabled[labels["Mute all for 1 h"]], "Mute all is enabled with nothing open")

    # 3. An incident opens (major): icon, tooltip and menu follow.
    signals.clear()
    send("open INC1 major https://status.example.test/inc/1 Exchange_Online: mail delayed")
    synced()
    wait_for(lambda: "NewIcon" in signals and "NewToolTip" in signals,
             "NewIcon and NewToolTip after the incident opened")
    check(prop("IconName") == "statuswatch-major", "open icon is %s" % prop("IconName"))
    tip = prop("ToolTip")
    check(tip[2] == "statuswatch: 1 open incident, worst major", "open tooltip title %r" % tip[2])
    check("Exchange_Online: mail delayed" in tip[3], "tooltip text %r" % tip[3])

    labels, enabled = layout()
    check("major: Exchange__Online: mail delayed" in labels,
          "menu lists the incident (mnemonic '_' doubled): %r" % list(labels))
    for entry in ("Mute all for 1 h", "Open digest", "Quit"):
        check(entry in labels, "menu has %r: %r" % (entry, list(labels)))

    # Hostile feed text: terminal escapes and bells are dropped, a long title is cut at a
    # character boundary with an ellipsis (menu labels are one line).
    send("open INC9 minor - \x1b[31mred\x07 " + "é" * 100)
    synced()
    labels, enabled = layout()
    hostile = [l for l in labels if l.startswith("minor: ")]
    check(len(hostile) == 1 and "\x1b" not in hostile[0] and "\x07" not in hostile[0]
          and hostile[0].startswith("minor: [31mred é") and hostile[0].endswith("é…")
          and len(hostile[0].encode()) <= len("minor: ") + 80,
          "hostile title cleaned and shortened: %r" % hostile)
    send("resolve INC9")
    synced()

    # A critical one makes it critical and asks for attention.
    signals.clear()
    send("open INC2 critical - Azure <b>outage</b> & more")
    synced()
    wait_for(lambda: "NewIcon" in signals, "NewIcon for a critical incident")
    check(prop("IconName") == "statuswatch-critical", "critical icon %s" % prop("IconName"))
    check(prop("Status") == "NeedsAttention", "status %s" % prop("Status"))
    check(prop("ToolTip")[2] == "statuswatch: 2 open incidents, worst critical",
          "tooltip %r" % prop("ToolTip")[2])
    check("&lt;b&gt;outage&lt;/b&gt; &amp; more" in prop("ToolTip")[3],
          "tooltip markup escaped: %r" % prop("ToolTip")[3])
    labels, enabled = layout()
    check(not enabled[labels["critical: Azure <b>outage</b> & more"]],
          "an incident without URL is not clickable")

    # 4. Clicks.
    item.click(labels["major: Exchange__Online: mail delayed"])
    wait_for(lambda: "open-url INC1 https://status.example.test/inc/1" in lines,
             "open-url after clicking the incident")
    item.click(labels["Mute all for 1 h"])
    wait_for(lambda: "mute-all 3600 INC1,INC2" in lines, "mute-all after the click")
    errors = menu.EventGroup([(dbus.Int32(labels["Open digest"]), "clicked",
                               dbus.Int32(0, variant_level=1), dbus.UInt32(0)),
                              (dbus.Int32(9999), "clicked", dbus.Int32(0, variant_level=1),
                               dbus.UInt32(0))])
    wait_for(lambda: "open-digest" in lines, "open-digest after the click")
    check(list(errors) == [9999], "EventGroup reports the unknown id: %r" % list(errors))

    # 5. Both resolve: back to ok.
    signals.clear()
    send("resolve INC2")
    send("resolve INC1")
    synced()
    wait_for(lambda: all(s in signals for s in ("NewIcon", "NewToolTip", "NewStatus")),
             "NewIcon, NewToolTip and NewStatus after resolving")
    check(prop("IconName") == "statuswatch-ok", "icon after resolving %s" % prop("IconName"))
    check(prop("Status") == "Active", "status after resolving %s" % prop("Status"))
    check(prop("ToolTip")[2] == "statuswatch: no open incidents",
          "tooltip after resolving %r" % prop("ToolTip")[2])
    labels, enabled = layout()
    check("No open incidents" in labels and not any(l.startswith("major") for l in labels),
          "menu after resolving %r" % list(labels))

    # 6. The tray host restarts: the item registers again.
    watcher.stop()
    wait_for(lambda: any("went away" in l for l in lines), "the 'went away' notice")
    watcher = Watcher()
    wait_for(lambda: watcher.registered, "registration with the restarted watcher")
    check(len([l for l in lines if "no tray host" in l]) == 1,
          "'no tray host' said once: %r" % lines)

    # 7. Quit.
    labels, enabled = layout()
    item.click(labels["Quit"])
    wait_for(lambda: "quit" in lines, "quit")
    try:
        rc = driver.wait(timeout=10)
    except subprocess.TimeoutExpired:
        rc = None
    check(rc == 0, "driver exit status after Quit: %r" % rc)
finally:
    if driver.poll() is None:
        driver.kill()
        driver.wait()

print("driver said:", *lines, sep="\n  ")
print("%d check(s) failed" % len(failures))
sys.exit(1 if failures else 0)
