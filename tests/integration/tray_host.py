"""What a tray host does, for the tray tests (imported by test_tray.py and
test_tray_daemon.py; run inside dbus-run-session): a recording
org.kde.StatusNotifierWatcher, reading an item's properties and its dbusmenu
layout, clicking menu entries, and a check()/wait_for() pair that records
failures instead of stopping at the first one."""
import os
import time

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

DBusGMainLoop(set_as_default=True)
bus = dbus.SessionBus()
ctx = GLib.MainContext.default()
failures = []
signals = []    # member names of org.kde.StatusNotifierItem signals seen
lines = []      # stdout lines of the process started with spawn_reader()

bus.add_signal_receiver(lambda *a, **kw: signals.append(kw["member"]),
                        dbus_interface="org.kde.StatusNotifierItem",
                        member_keyword="member")


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)
    return cond


def wait_for(pred, what, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        ctx.iteration(False) or time.sleep(0.01)
    return check(pred(), "timed out waiting for " + what)


def read_lines(stream):
    """Collects @stream's lines into `lines` while the main context runs."""
    buf = [""]

    def on_data(fd, cond):
        data = os.read(fd, 65536)
        if not data:
            return False
        buf[0] += data.decode(errors="replace")
        while "\n" in buf[0]:
            line, buf[0] = buf[0].split("\n", 1)
            lines.append(line)
        return True

    GLib.io_add_watch(stream.fileno(), GLib.IO_IN | GLib.IO_HUP, on_data)


class Watcher(dbus.service.Object):
    """A recording org.kde.StatusNotifierWatcher."""

    def __init__(self):
        super().__init__(bus, "/StatusNotifierWatcher")
        bus.request_name("org.kde.StatusNotifierWatcher")
        self.registered = []

    @dbus.service.method("org.kde.StatusNotifierWatcher", in_signature="s",
                         sender_keyword="sender")
    def RegisterStatusNotifierItem(self, service, sender=None):
        self.registered.append((str(service), str(sender)))

    def stop(self):
        bus.release_name("org.kde.StatusNotifierWatcher")
        self.remove_from_connection()


class Item:
    """A registered StatusNotifierItem as a host sees it."""

    def __init__(self, name):
        obj = bus.get_object(name, "/StatusNotifierItem")
        self.props = dbus.Interface(obj, "org.freedesktop.DBus.Properties")
        self.menu = dbus.Interface(bus.get_object(name, str(self.prop("Menu"))),
                                   "com.canonical.dbusmenu")

    def prop(self, name):
        return self.props.Get("org.kde.StatusNotifierItem", name)

    def layout(self):
        """The menu as ({label: id}, {id: enabled}); separators are '-separator'."""
        rev, (root, rprops, children) = self.menu.GetLayout(0, -1, dbus.Array([], signature="s"))
        labels = {str(c[1].get("label", "-" + str(c[1].get("type", "")))): int(c[0])
                  for c in children}
        enabled = {int(c[0]): bool(c[1].get("enabled", True)) for c in children}
        return labels, enabled

    def click(self, item_id):
        self.menu.Event(item_id, "clicked", dbus.Int32(0, variant_level=1), dbus.UInt32(0))
