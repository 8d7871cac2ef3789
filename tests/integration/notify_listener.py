#!/usr/bin/python3
"""Records sd_notify datagrams: binds an AF_UNIX datagram socket at PATH and
appends each message (newlines as spaces) as one line to LOG.  Runs until killed.
Usage: notify_listener.py PATH LOG"""
import socket
import sys

path, log = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
open(log, "a").close()
while True:
    data = s.recv(4096)
    with open(log, "a") as f:
        f.write(data.decode(errors="replace").replace("\n", " ") + "\n")
