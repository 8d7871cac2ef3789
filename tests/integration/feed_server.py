#!/usr/bin/python3
"""Loopback feed server for the daemon's integration tests and benchmark.

Usage: /usr/bin/python3 feed_server.py ROOT
Binds 127.0.0.1 port 0, prints the port on stdout (one line, flushed), serves
until killed.  Standard library only.

  GET /f/NAME   ROOT/NAME with ETag = sha1 of the content; 304 when If-None-Match
                matches.  The test steers a feed with files beside it:
                  ROOT/NAME.status       answer this status instead (e.g. 500, 503)
                  ROOT/NAME.retry-after  with this Retry-After header
                  ROOT/NAME.delay        sleep this many seconds first
                Every request appends "NAME CODE" to ROOT/hits.log, so a test can
                count requests and see what each got (304 or 200).
"""
import hashlib
import http.server
import os
import sys
import threading
import time

root = sys.argv[1]
lock = threading.Lock()


def read(name):
    try:
        with open(os.path.join(root, name), "rb") as f:
            return f.read()
    except OSError:
        return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def reply(self, name, code, body=b"", headers=()):
        with lock:
            with open(os.path.join(root, "hits.log"), "a") as log:
                log.write("%s %d\n" % (name, code))
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        if code != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if code != 304:
            self.wfile.write(body)

    def do_GET(self):
        parts = self.path.split("?")[0].strip("/").split("/")
        if len(parts) != 2 or parts[0] != "f" or parts[1].startswith("."):
            self.reply("-", 404, b"not found\n")
            return
        name = parts[1]
        delay = read(name + ".delay")
        if delay:
            time.sleep(float(delay))
        status = read(name + ".status")
        if status:
            hdrs = []
            ra = read(name + ".retry-after")
            if ra:
                hdrs.append(("Retry-After", ra.decode().strip()))
            self.reply(name, int(status), b"<html>error</html>\n", hdrs)
            return
        body = read(name)
        if body is None:
            self.reply(name, 404, b"not found\n")
            return
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        inm = self.headers.get("If-None-Match")
        if inm is not None and etag in [t.strip() for t in inm.split(",")]:
            self.reply(name, 304, headers=[("ETag", etag)])
            return
        self.reply(name, 200, body, [("ETag", etag), ("Content-Type", "application/xml")])


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
