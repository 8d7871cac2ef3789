#!/usr/bin/python3
"""Scriptable loopback HTTP/1.1 test server for statuswatch tests.

Usage: /usr/bin/python3 http_server.py [--root DIR] [--bind 127.0.0.1] [--exit-on-stdin-eof]
                                       [--tls-dir DIR]
With --tls-dir, serves HTTPS with a fresh self-signed certificate for 127.0.0.1
and localhost written to DIR/cert.pem (a client trusts it as its CA file) and
DIR/key.pem; needs the openssl command.
Binds port 0, prints the port on stdout (one line, flushed), serves until it is
killed (or, with --exit-on-stdin-eof, until its stdin reaches EOF, so it dies with
the test program that spawned it with a pipe on stdin).  From bash:
    coproc SRV { "$SW_PYTHON" http_server.py; }; read -r PORT <&"${SRV[0]}"
    trap 'kill $SRV_PID' EXIT
Standard library only (http.server.ThreadingHTTPServer), keep-alive on.

Every response carries "X-Conn: <client port>" so a test can tell whether two
requests shared one TCP connection.

Routes (GET unless noted):
  /static              "hello static\\n", ETag "v1", Last-Modified fixed date;
                       304 when If-None-Match matches (or, without it, when
                       If-Modified-Since is not older than Last-Modified)
  /files/PATH          a file under --root, ETag from size+mtime, Last-Modified
                       from mtime, same 304 rules; 404 if missing (feed fixtures)
  /redirect/N          302 to /redirect/N-1; /redirect/0 answers 200 "arrived\\n"
  /to-file             302 to file:///etc/passwd
  /redirect-to?url=U   302 to U
  /to-http             302 to http://<this host:port>/static (a TLS downgrade)
  /bytes/N             N bytes of "x" with a Content-Length
  /endless             chunked body of "x" that never ends
  /endless-500         the same with status 500 (an error page that never ends)
  /gzip-bomb           Content-Encoding: gzip, ~16 KiB inflating to 16 MiB of zeros
  /slow                200 then one byte every 0.5 s for 60 s (slow-loris)
  /flaky/KEY           500 on the first request for KEY, 200 "recovered\\n" after
  /retry-after/seconds 429 with "Retry-After: 2.128"
  /retry-after/date    429 with Retry-After: an HTTP-date 120 s from now
  /status/CODE         that status with the standard reason phrase
                       (?retry-after=V adds a Retry-After header)
  /headers             200 JSON object of the request headers (lower-case names)
  /conn                200 JSON {"port": client port} (connection reuse checks)
  POST /echo           200 JSON {"method","path","content_type","body"}
  POST /token          OAuth2 client-credentials endpoint (m365 style): form body
                       must have grant_type=client_credentials, client_id and
                       client_secret; answers {"token_type":"Bearer",
                       "expires_in":3599,"access_token":"test-token-<client_id>"},
                       otherwise 400 {"error":"invalid_client",...}
  /count/PATH          200 JSON {"count": N}: how many requests hit PATH so far
  /hang, /hang/ANY      reads the request and never answers (holds the connection
                       open for 120 s): a hung server
  /always-304          304 Not Modified whatever the request sent (a broken cache)
  /echo-status/...     403 whose reason phrase quotes the request's path and query and
                       its Authorization header (a server that echoes credentials)
"""
import argparse
import email.utils
import gzip
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

STATIC_BODY = b"hello static\n"
STATIC_ETAG = '"v1"'
STATIC_LM = "Tue, 18 Jul 2023 04:45:00 GMT"
GZIP_BOMB = gzip.compress(b"\0" * (16 * 1024 * 1024), compresslevel=9)

lock = threading.Lock()
flaky_seen = set()
hits = {}
root = None


def not_modified(headers, etag, last_modified):
    inm = headers.get("If-None-Match")
    if inm is not None:
        tags = [t.strip() for t in inm.split(",")]
        return etag in tags or "*" in tags
    ims = headers.get("If-Modified-Since")
    if ims is not None:
        try:
            return email.utils.parsedate_to_datetime(ims) >= \
                email.utils.parsedate_to_datetime(last_modified)
        except (TypeError, ValueError):
            return False
    return False


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "sw-test-http/1"

    def log_message(self, fmt, *args):
        if os.environ.get("SW_HTTP_SERVER_LOG"):
            sys.stderr.write("http_server: " + (fmt % args) + "\n")

    def end_headers(self):
        self.send_header("X-Conn", str(self.client_address[1]))
        super().end_headers()

    def reply(self, code, body=b"", ctype="text/plain", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        if code == 304:
            self.end_headers()
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def reply_json(self, code, obj):
        self.reply(code, json.dumps(obj).encode(), "application/json")

    def conditional(self, body, etag, lm, ctype="text/plain"):
        hdrs = [("ETag", etag), ("Last-Modified", lm)]
        if not_modified(self.headers, etag, lm):
            self.reply(304, headers=hdrs)
        else:
            self.reply(200, body, ctype, hdrs)

    def stream_forever(self, chunk, delay, limit_s, status=200):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        end = time.monotonic() + limit_s
        try:
            while time.monotonic() < end:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
                if delay:
                    time.sleep(delay)
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        query = urllib.parse.parse_qs(url.query)
        with lock:
            hits[path] = hits.get(path, 0) + 1
        parts = path.strip("/").split("/")
        head = parts[0]

        if path == "/static":
            self.conditional(STATIC_BODY, STATIC_ETAG, STATIC_LM)
        elif head == "files" and root is not None:
            rel = os.path.normpath("/".join(parts[1:]))
            full = os.path.join(root, rel)
            if rel.startswith("..") or not os.path.isfile(full):
                self.reply(404, b"not found\n")
                return
            st = os.stat(full)
            with open(full, "rb") as f:
                body = f.read()
            etag = '"%x-%x"' % (int(st.st_mtime), st.st_size)
            lm = email.utils.formatdate(st.st_mtime, usegmt=True)
            self.conditional(body, etag, lm, "application/octet-stream")
        elif head == "redirect" and len(parts) == 2 and parts[1].isdigit():
            n = int(parts[1])
            if n == 0:
                self.reply(200, b"arrived\n")
            else:
                self.reply(302, b"", headers=[("Location", "/redirect/%d" % (n - 1))])
        elif path == "/redirect-to" and "url" in query:
            self.reply(302, b"", headers=[("Location", query["url"][0])])
        elif path == "/to-http":
            host = "%s:%d" % self.server.server_address[:2]
            self.reply(302, b"", headers=[("Location", "http://%s/static" % host)])
        elif path == "/to-file":
            self.reply(302, b"", headers=[("Location", "file:///etc/passwd")])
        elif head == "bytes" and len(parts) == 2 and parts[1].isdigit():
            self.reply(200, b"x" * int(parts[1]))
        elif path == "/endless":
            self.stream_forever(b"x" * 65536, 0, 120)
        elif path == "/endless-500":
            self.stream_forever(b"x" * 65536, 0, 120, status=500)
        elif path == "/gzip-bomb":
            self.reply(200, GZIP_BOMB, "text/plain", [("Content-Encoding", "gzip")])
        elif path == "/slow":
            self.stream_forever(b"x", 0.5, 60)
        elif head == "flaky" and len(parts) == 2:
            with lock:
                first = parts[1] not in flaky_seen
                flaky_seen.add(parts[1])
            if first:
                self.reply(500, b"try again\n")
            else:
                self.reply(200, b"recovered\n")
        elif path == "/retry-after/seconds":
            self.reply(429, b"slow down\n", headers=[("Retry-After", "2.128")])
        elif path == "/retry-after/date":
            when = email.utils.formatdate(time.time() + 120, usegmt=True)
            self.reply(429, b"slow down\n", headers=[("Retry-After", when)])
        elif head == "status" and len(parts) == 2 and parts[1].isdigit():
            hdrs = []
            if "retry-after" in query:
                hdrs.append(("Retry-After", query["retry-after"][0]))
            self.reply(int(parts[1]), b"status %s\n" % parts[1].encode(), headers=hdrs)
        elif path == "/conn":
            self.reply_json(200, {"port": self.client_address[1]})
        elif path == "/headers":
            self.reply_json(200, {k.lower(): v for k, v in self.headers.items()})
        elif head == "hang":
            time.sleep(120)
            self.close_connection = True
        elif head == "echo-status":
            reason = "Forbidden %s %s" % (self.path, self.headers.get("Authorization", ""))
            self.send_response(403, reason)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/always-304":
            self.reply(304, headers=[("ETag", '"broken"')])
        elif head == "count":
            with lock:
                n = hits.get("/" + "/".join(parts[1:]), 0)
            self.reply_json(200, {"count": n})
        else:
            self.reply(404, b"no such route\n")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        body = self.read_body()
        with lock:
            hits[url.path] = hits.get(url.path, 0) + 1
        if url.path == "/echo":
            self.reply_json(200, {
                "method": self.command,
                "path": self.path,
                "content_type": self.headers.get("Content-Type"),
                "body": body.decode("utf-8", "replace"),
            })
        elif url.path == "/token":
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            ok = (form.get("grant_type") == ["client_credentials"]
                  and form.get("client_id") and form.get("client_secret"))
            if ok:
                self.reply_json(200, {
                    "token_type": "Bearer",
                    "expires_in": 3599,
                    "ext_expires_in": 3599,
                    "access_token": "test-token-" + form["client_id"][0],
                })
            else:
                self.reply_json(400, {
                    "error": "invalid_client",
                    "error_description": "AADSTS7000215: Invalid client secret provided.",
                })
        else:
            self.reply(404, b"no such route\n")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients hanging up mid-body is what the cap and timeout tests do.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def main():
    global root
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", help="directory served under /files/")
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--exit-on-stdin-eof", action="store_true")
    ap.add_argument("--tls-dir", help="serve HTTPS; writes cert.pem and key.pem here")
    args = ap.parse_args()
    root = args.root

    server = Server((args.bind, 0), Handler)
    if args.tls_dir:
        import ssl
        import subprocess
        cert = os.path.join(args.tls_dir, "cert.pem")
        key = os.path.join(args.tls_dir, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-addext", "basicConstraints=critical,CA:TRUE"],
                       check=True, capture_output=True)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        except OSError:
            pass
        os._exit(0)

    if args.exit_on_stdin_eof:
        threading.Thread(target=watch_stdin, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
