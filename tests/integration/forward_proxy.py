#!/usr/bin/python3
"""A tiny loopback HTTP forward proxy for statuswatch tests (plain http only).

Usage: /usr/bin/python3 forward_proxy.py [--exit-on-stdin-eof] LOG
Binds 127.0.0.1 port 0, prints the port (one line, flushed).  A client sends it
absolute-form requests ("GET http://host:port/path HTTP/1.1", as curl does with
http_proxy set); it appends the URL to LOG (one line per request, before forwarding)
and forwards the request: to the literal address when the host is an IP address,
and to 127.0.0.1 for any name (it "resolves" every name to loopback, so a test can
play a public host such as feed.example without DNS).  The answer goes back as
received, redirects included (the client decides whether to follow them).
Standard library only.
"""
import http.client
import http.server
import ipaddress
import sys
import threading
import urllib.parse

LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        with LOCK:
            with open(LOG, "a") as f:
                f.write(self.path + "\n")
        url = urllib.parse.urlsplit(self.path)
        if url.scheme != "http" or not url.hostname:
            self.send_error(400, "absolute http:// URL expected")
            return
        try:
            ipaddress.ip_address(url.hostname)
            target = url.hostname
        except ValueError:
            target = "127.0.0.1"
        body = None
        n = int(self.headers.get("Content-Length") or 0)
        if n > 0:
            body = self.rfile.read(n)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("proxy-connection", "connection", "keep-alive")}
        path = url.path or "/"
        if url.query:
            path += "?" + url.query
        try:
            conn = http.client.HTTPConnection(target, url.port or 80, timeout=10)
            conn.request(self.command, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        except OSError as e:
            self.send_error(502, "proxy: %s" % e)
            return
        self.send_response(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        conn.close()

    do_GET = forward
    do_POST = forward
    do_HEAD = forward


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


LOG = [a for a in sys.argv[1:] if not a.startswith("--")][0]
srv = Server(("127.0.0.1", 0), Handler)
print(srv.server_address[1], flush=True)
if "--exit-on-stdin-eof" in sys.argv:
    def watch():
        sys.stdin.read()
        srv.shutdown()
    threading.Thread(target=watch, daemon=True).start()
srv.serve_forever()
