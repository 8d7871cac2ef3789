#!/usr/bin/python3
"""A recording org.freedesktop.Notifications server for the desktop notifier tests.

Run inside dbus-run-session.  Implements the notification spec's methods the way a
real server answers them (Notify returns replaces_id when it names a notification
it shows, else a new id; CloseNotification emits NotificationClosed), records every
Notify call, and offers a control interface for the test program:

  org.statuswatch.Test.Recorded() -> s          every Notify so far, as a JSON list
  org.statuswatch.Test.Invoke(u id, s action)   emit ActionInvoked(id, action), as a
                                                click on a button would
  org.statuswatch.Test.Dismiss(u id)            close it as the user would (reason 2)
  org.statuswatch.Test.CapabilityCalls() -> u   how many GetCapabilities calls so far

Usage: notification_server.py [CAPABILITY...]   (default: actions body body-markup)
"""
import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

IFACE = "org.freedesktop.Notifications"


class Server(dbus.service.Object):
    def __init__(self, bus, caps):
        super().__init__(bus, "/org/freedesktop/Notifications")
        self.caps = caps
        self.records = []
        self.showing = set()
        self.next_id = 1
        self.capability_calls = 0

    @dbus.service.method(IFACE, out_signature="as")
    def GetCapabilities(self):
        self.capability_calls += 1
        return self.caps

    @dbus.service.method(IFACE, out_signature="ssss")
    def GetServerInformation(self):
        return ("recorder", "statuswatch-tests", "1.0", "1.2")

    @dbus.service.method(IFACE, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app_name, replaces_id, app_icon, summary, body, actions, hints, timeout):
        if replaces_id != 0 and replaces_id in self.showing:
            nid = int(replaces_id)
        else:
            nid = self.next_id
            self.next_id += 1
        self.showing.add(nid)
        plain_hints = {}
        for k, v in hints.items():
            if isinstance(v, (dbus.Byte, dbus.Int32, dbus.UInt32, dbus.Int64, dbus.Boolean)):
                plain_hints[str(k)] = int(v)
            elif isinstance(v, dbus.String):
                plain_hints[str(k)] = str(v)
        self.records.append({
            "app_name": str(app_name), "replaces_id": int(replaces_id), "id": nid,
            "app_icon": str(app_icon), "summary": str(summary), "body": str(body),
            "actions": [str(a) for a in actions], "hints": plain_hints,
            "timeout": int(timeout),
        })
        return nid

    @dbus.service.method(IFACE, in_signature="u")
    def CloseNotification(self, nid):
        if nid in self.showing:
            self.showing.discard(nid)
            self.NotificationClosed(nid, 3)

    @dbus.service.signal(IFACE, signature="uu")
    def NotificationClosed(self, nid, reason):
        pass

    @dbus.service.signal(IFACE, signature="us")
    def ActionInvoked(self, nid, action):
        pass

    @dbus.service.method("org.statuswatch.Test", out_signature="s")
    def Recorded(self):
        return json.dumps(self.records)

    @dbus.service.method("org.statuswatch.Test", in_signature="us")
    def Invoke(self, nid, action):
        self.ActionInvoked(nid, action)

    @dbus.service.method("org.statuswatch.Test", in_signature="u")
    def Dismiss(self, nid):
        self.showing.discard(nid)
        self.NotificationClosed(nid, 2)

    @dbus.service.method("org.statuswatch.Test", out_signature="u")
    def CapabilityCalls(self):
        return self.capability_calls


DBusGMainLoop(set_as_default=True)
bus = dbus.SessionBus()
server = Server(bus, sys.argv[1:] or ["actions", "body", "body-markup"])
name = dbus.service.BusName(IFACE, bus)
GLib.MainLoop().run()
