#!/usr/bin/python3
"""Loopback receiver for the generic webhook notifier (alert tests and bench).

Usage: /usr/bin/python3 alert_receiver.py LOG
Binds 127.0.0.1 port 0, prints the port (one line, flushed) and appends one JSON
line per request it *received* to LOG, before answering, and one more line
{"answered": KEY, "code": N} once an answer was written in full (a client killed
while waiting gets none: that request was received but never acknowledged):
  {"path", "key" (the Idempotency-Key header), "event", "incident" (id or null),
   "body_key" (the payload's "key"), "n" (requests so far on this path), "t" (time),
   "members" (advisory ids), "notes" (the ids of those flagged "note": true, which
   "members" leaves out), "changes"}
The path chooses the answer, so one server plays every kind of receiver:
  /ok                 200
  /slow/MS            waits MS milliseconds, then 200
  /fail/N             500 for the first N requests on this path, then 200
  /retry-after/S      429 with "Retry-After: S" once, then 200
  /bad                400 {"error": "unknown channel"} (permanent: parked)
  /hang               reads the request, never answers (the client times out)
  /rate/R             at most R requests per second; more get 429 Retry-After: 1
  /echo/...           400 quoting the request back: the URL as sent (host, path and
                      query: a webhook's token) and the path's last segment alone
A request whose Idempotency-Key differs from the payload's "key" is answered 422.
"""
import http.server
import json
import os
import sys
import threading
import time

LOCK = threading.Lock()
COUNTS = {}
RATE = {}  # path -> [window start, count]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; on a kept-alive connection Nagle's
    # algorithm holds the body until the client's delayed ACK (40 ms a request), which
    # no real receiver does.  TCP_NODELAY, as nginx and the like set.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def answer(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        with LOCK:
            with open(LOG, "a") as f:
                f.write(json.dumps({"answered": self.headers.get("Idempotency-Key"),
                                    "code": code, "t": time.time()}) + "\n")

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            doc = json.loads(raw)
        except ValueError:
            doc = {}
        path = self.path
        with LOCK:
            COUNTS[path] = COUNTS.get(path, 0) + 1
            n = COUNTS[path]
            inc = doc.get("incident") or {}
            line = {"path": path, "key": self.headers.get("Idempotency-Key"),
                    "event": doc.get("event"), "incident": inc.get("id"),
                    "body_key": doc.get("key"), "n": n, "t": time.time(),
                    "members": [a.get("id") for a in inc.get("advisories", [])
                                if not a.get("note")],
                    "notes": [a.get("id") for a in inc.get("advisories", []) if a.get("note")],
                    "changes": doc.get("changes", [])}
            with open(LOG, "a") as f:
                f.write(json.dumps(line) + "\n")
                f.flush()
                os.fsync(f.fileno())
        if line["key"] != doc.get("key"):
            return self.answer(422, b"Idempotency-Key does not match the payload key")
        parts = path.strip("/").split("/")
        kind = parts[0]
        arg = parts[1] if len(parts) > 1 else "0"
        if kind == "ok":
            return self.answer(200, b"ok")
        if kind == "slow":
            time.sleep(int(arg) / 1000.0)
            return self.answer(200, b"ok")
        if kind == "fail":
            if n <= int(arg):
                return self.answer(500, b"internal error, try again")
            return self.answer(200, b"ok")
        if kind == "retry-after":
            if n == 1:
                return self.answer(429, b"slow down", [("Retry-After", arg)])
            return self.answer(200, b"ok")
        if kind == "bad":
            return self.answer(400, b'{"error": "unknown channel"}',
                               [("Content-Type", "application/json")])
        if kind == "hang":
            time.sleep(3600)
            return None
        if kind == "rate":
            with LOCK:
                now = time.monotonic()
                start, count = RATE.get(path, (now, 0))
                if now - start >= 1.0:
                    start, count = now, 0
                count += 1
                RATE[path] = (start, count)
            if count > int(arg):
                return self.answer(429, b"rate limited", [("Retry-After", "1")])
            return self.answer(200, b"ok")
        if kind == "echo":
            # A receiver that quotes the request in its error, as some do: the token
            # travels in the URL, so it comes back in the answer.
            body = json.dumps({"error": "invalid token '%s'" % parts[-1].split("?")[0],
                               "request": "POST http://%s%s" % (self.headers.get("Host"),
                                                                path)})
            return self.answer(400, body.encode(), [("Content-Type", "application/json")])
        return self.answer(404, b"no such behaviour")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client killed mid-request (the crash test does that on purpose)


LOG = sys.argv[1]
srv = Server(("127.0.0.1", 0), Handler)
print(srv.server_address[1], flush=True)
srv.serve_forever()
