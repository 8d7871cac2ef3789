#!/usr/bin/python3
"""A loopback stand-in for both Microsoft identity platform's token endpoint
and Microsoft Graph's serviceAnnouncement API, for the m365 client tests.

Usage: graph_server.py [--watch-stdin] FIXTURE_DIR
Listens on 127.0.0.1, port 0, and prints the port on the first stdout line.
With --watch-stdin it exits when its stdin reaches EOF (the test died).

Token endpoint:  POST /{tenant}/oauth2/v2.0/token  (form: client_id, scope,
    client_secret, grant_type).  Accepts client_id "app-id" and the secret in
    $GRAPH_TEST_SECRET (default "s3cr3t&=+ %value"); scope must be
    "http://127.0.0.1:PORT/.default".  Otherwise 401 with an OAuth error body.
Graph: GET /v1.0/admin/serviceAnnouncement/issues and .../messages, bearer
    token required (401 InvalidAuthenticationToken otherwise).

Control (no auth):  GET /_control?scenario=NAME  sets the scenario and clears
    the request log;  client_id echo-app gets a 401 whose error_description echoes the
    request body and the secret (a misbehaving server);  GET /_control?expire=1  expires every token issued so
    far;  GET /_stats  returns the log as JSON.

Scenarios for /issues:
    july           the two July 2023 pages (EX649175 on page 1, EX648815 on page 2),
                   page 1 carrying a nextLink to page 2 on this server
    with-open      page 2 of July plus an open issue EX700001
    gone           page 2 of July without EX700001
    throttle       first issues request: 429 Retry-After: 2.128, then july
    throttle-long  every issues request: 429 Retry-After: 120
    unavailable    every issues request: 503 with a Graph error body, no Retry-After
    unavailable-short  first issues request: 503 Retry-After: 1, then july
    forbidden      every Graph request: 403 Authorization_RequestDenied
    malformed      200 with truncated JSON
    unknown-status one issue whose status is "quantumFluctuation"
    filter-refused 400 for any $filter, july otherwise
A $filter "lastModifiedDateTime ge T" keeps only items modified at or after T.
"""
import datetime
import json
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
FIXTURES = ARGS[0] if ARGS else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "graph")
SECRET = os.environ.get("GRAPH_TEST_SECRET", "s3cr3t&=+ %value")
CLIENT_ID = "app-id"

lock = threading.Lock()
state = {
    "scenario": "july",
    "tokens": {},          # token -> valid (bool)
    "issued": 0,
    "log": [],
    "throttled_once": False,
}


def load(name):
    with open(os.path.join(FIXTURES, name), "rb") as f:
        return json.loads(f.read())


PAGE1 = load("exchange-2023-07-page1.json")
PAGE2 = load("exchange-2023-07-page2.json")
MESSAGES = load("messages.json")
with open(os.path.join(FIXTURES, "error-403.json"), "rb") as f:
    ERROR_403 = f.read()
with open(os.path.join(FIXTURES, "malformed.json"), "rb") as f:
    MALFORMED = f.read()

OPEN_ISSUE = {
    "startDateTime": "2023-07-18T09:00:00Z",
    "endDateTime": None,
    "lastModifiedDateTime": "2023-07-18T09:30:00.5Z",
    "title": "Some users may see delays opening shared calendars",
    "id": "EX700001",
    "impactDescription": "Users may see delays.",
    "classification": "advisory",
    "origin": "microsoft",
    "status": "serviceDegradation",
    "service": "Exchange Online",
    "feature": "Calendar",
    "featureGroup": "E-Mail and calendar access",
    "isResolved": False,
    "highImpact": None,
    "posts": [],
}

UNKNOWN_STATUS = dict(OPEN_ISSUE, id="EX700002", status="quantumFluctuation",
                      title="An issue with a status word nobody has seen")


def parse_time(s):
    s = s.rstrip("Z")
    if "." in s:
        head, frac = s.split(".", 1)
        s = head + "." + frac[:6]
        fmt = "%Y-%m-%dT%H:%M:%S.%f"
    else:
        fmt = "%Y-%m-%dT%H:%M:%S"
    return datetime.datetime.strptime(s, fmt).replace(tzinfo=datetime.timezone.utc)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send_json(self, code, body, headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def base(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    # ---- control ----
    def control(self, query):
        with lock:
            if "scenario" in query:
                state["scenario"] = query["scenario"][0]
                state["log"] = []
                state["throttled_once"] = False
            if "expire" in query:
                for t in state["tokens"]:
                    state["tokens"][t] = False
        self.send_json(200, {"ok": True})

    def stats(self):
        with lock:
            body = {"scenario": state["scenario"], "log": state["log"],
                    "tokens": sorted(state["tokens"].keys()),
                    "token_requests": sum(1 for e in state["log"] if e["kind"] == "token"),
                    "graph_requests": sum(1 for e in state["log"] if e["kind"] == "graph")}
        self.send_json(200, body)

    # ---- token ----
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace")
        form = urllib.parse.parse_qs(raw, keep_blank_values=True)
        path = urllib.parse.urlsplit(self.path).path
        entry = {"kind": "token", "path": path,
                 "content_type": self.headers.get("Content-Type")}
        with lock:
            state["log"].append(entry)
        if not path.endswith("/oauth2/v2.0/token"):
            self.send_json(404, {"error": "not_found"})
            return
        want_scope = self.base() + "/.default"
        problems = []
        if form.get("grant_type") != ["client_credentials"]:
            problems.append("grant_type")
        if form.get("client_id") != [CLIENT_ID]:
            problems.append("client_id")
        if form.get("scope") != [want_scope]:
            problems.append("scope")
        if form.get("client_secret") != [SECRET]:
            problems.append("client_secret")
        entry["problems"] = problems
        if form.get("client_id") == ["echo-app"]:
            # A misbehaving identity server that echoes the request in its error (the
            # secret with it, raw and form-encoded): statuswatch must mask it.
            self.send_json(401, {
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret in request '%s' "
                                     "(secret %s)" % (raw, form.get("client_secret", [""])[0]),
            })
            return
        if problems:
            self.send_json(401, {
                "error": "invalid_client",
                "error_description": "AADSTS7000215: Invalid client secret provided. "
                                     "Ensure the secret being sent in the request is the "
                                     "client secret value.\r\nTrace ID: 0000\r\n"
                                     "Correlation ID: 1111\r\nTimestamp: 2023-07-18 12:00:00Z",
                "error_codes": [7000215],
            })
            return
        with lock:
            state["issued"] += 1
            token = "eyJ0eXAiOiJKV1Qi.tok%d.sig" % state["issued"]
            state["tokens"][token] = True
        self.send_json(200, {"token_type": "Bearer", "expires_in": 3599,
                             "ext_expires_in": 3599, "access_token": token})

    # ---- Graph ----
    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        if parts.path == "/_control":
            self.control(query)
            return
        if parts.path == "/_stats":
            self.stats()
            return
        auth = self.headers.get("Authorization")
        entry = {"kind": "graph", "path": parts.path, "query": parts.query,
                 "authorization": auth is not None,
                 "prefer": self.headers.get("Prefer")}
        with lock:
            state["log"].append(entry)
            scenario = state["scenario"]
            token_ok = False
            if auth and auth.startswith("Bearer "):
                token_ok = state["tokens"].get(auth[7:], False)
        entry["status"] = self.graph(parts, query, scenario, token_ok)

    def graph(self, parts, query, scenario, token_ok):
        if not token_ok:
            self.send_json(401, {"error": {
                "code": "InvalidAuthenticationToken",
                "message": "Access token has expired or is not yet valid.",
                "innerError": {"date": "2023-07-18T12:51:51", "request-id": "r1"}}})
            return 401
        if scenario == "forbidden":
            self.send_json(403, ERROR_403)
            return 403
        prefix = "/v1.0/admin/serviceAnnouncement/"
        if parts.path == prefix + "messages":
            self.send_json(200, MESSAGES)
            return 200
        if parts.path != prefix + "issues":
            self.send_json(404, {"error": {"code": "itemNotFound", "message": "no such path"}})
            return 404
        if scenario == "throttle-long" or (scenario == "throttle" and not state["throttled_once"]):
            state["throttled_once"] = True
            retry = "120" if scenario == "throttle-long" else "2.128"
            self.send_json(429, {"error": {"code": "TooManyRequests",
                                           "message": "Please retry again later.",
                                           "innerError": {"code": "429",
                                                          "message": "Please retry after"}}},
                           {"Retry-After": retry})
            return 429
        if scenario == "unavailable-short" and not state["throttled_once"]:
            state["throttled_once"] = True
            self.send_json(503, {"error": {"code": "serviceNotAvailable",
                                           "message": "Try again shortly."}},
                           {"Retry-After": "1"})
            return 503
        if scenario == "unavailable":
            self.send_json(503, {"error": {"code": "serviceNotAvailable",
                                           "message": "The service is temporarily unavailable."}})
            return 503
        if scenario == "malformed":
            self.send_json(200, MALFORMED)
            return 200
        if scenario == "filter-refused" and "$filter" in query:
            self.send_json(400, {"error": {"code": "BadRequest",
                                           "message": "Invalid filter clause"}})
            return 400

        page = self.page(query, scenario)
        flt = query.get("$filter")
        if flt:
            words = flt[0].split()
            if len(words) == 3 and words[0] == "lastModifiedDateTime" and words[1] == "ge":
                since = parse_time(words[2])
                page = dict(page)
                page["value"] = [v for v in page["value"]
                                 if parse_time(v["lastModifiedDateTime"]) >= since]
        self.send_json(200, page)
        return 200

    def page(self, query, scenario):
        if scenario == "with-open":
            p = dict(PAGE2)
            p["value"] = PAGE2["value"] + [OPEN_ISSUE]
            return p
        if scenario == "gone":
            return PAGE2
        if scenario == "unknown-status":
            return {"value": [UNKNOWN_STATUS]}
        if "$skiptoken" in query:
            return PAGE2
        p = dict(PAGE1)
        p["@odata.nextLink"] = (self.base() + "/v1.0/admin/serviceAnnouncement/issues"
                                "?$skiptoken=cGFnZTI%3D&$top=6")
        if "$filter" in query:
            p["@odata.nextLink"] += "&$filter=" + urllib.parse.quote(query["$filter"][0])
        return p


def exit_with_parent():
    """Stdin is the test's pipe: EOF means the test is gone (even if it crashed)."""
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except OSError:
        pass
    os._exit(0)


def main():
    server = HTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    if "--watch-stdin" in sys.argv:
        threading.Thread(target=exit_with_parent, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
