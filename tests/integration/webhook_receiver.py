#!/usr/bin/python3
"""Loopback stand-in for the chat services the webhook notifiers talk to.

Usage: /usr/bin/python3 webhook_receiver.py DIR [--exit-on-stdin-eof]
Binds 127.0.0.1 port 0, prints the port (one line, flushed), and appends every
request to DIR/requests.jsonl as {"method", "path", "query", "headers" (lower-case
names), "body"}.

Like the real services it checks what it is sent and answers 400 with the reason
when a payload breaks the service's rules (the notifier test then fails showing
it).  The first path segment names the service:
  /slack/...       Block Kit: text, 1..50 blocks, header <= 150 chars, section text
                   1..3000 chars, context elements; answers 200 "ok"
  /teams/...       Workflows webhook: message with one Adaptive Card attachment,
                   version 1.4, body < 28 KB; answers 202
  /discord/...     POST with ?wait=true answers 200 with the message ({"id": ...});
                   without wait=true 204.  PATCH .../messages/ID edits it (404
                   {"code": 10008} for an unknown id; username is not editable).  Limits: content 2000,
                   title 256, description 4096, 25 fields of name 256 / value 1024,
                   footer 2048, 6000 characters per embed in all
  /mattermost/...  text <= 16383 characters; answers 200 "ok"
  /googlechat/...  cardsV2 with cardId and card.sections of known widgets,
                   threadKey (query and body thread.threadKey) together with
                   messageReplyOption, <= 32000 bytes;
                   answers 200 with the message and its thread
  /ntfy/           JSON publish: topic, title, message <= 4096 bytes, priority
                   1..5, tags, click; answers 200
  /fail/CODE/...   answers CODE (429 and 503 with "Retry-After: 7") and a body
                   naming the error
"""
import http.server
import json
import os
import re
import sys
import threading
import urllib.parse


class Invalid(Exception):
    pass


def need(cond, why):
    if not cond:
        raise Invalid(why)


def is_str(v, lo=1, hi=None):
    return isinstance(v, str) and len(v) >= lo and (hi is None or len(v) <= hi)


def check_slack(doc, raw, query):
    need(is_str(doc.get("text")), "missing text")
    blocks = doc.get("blocks")
    need(isinstance(blocks, list) and 1 <= len(blocks) <= 50, "blocks must be 1..50")
    for b in blocks:
        t = b.get("type")
        if t == "header":
            need(b["text"]["type"] == "plain_text", "header text must be plain_text")
            need(is_str(b["text"]["text"], 1, 150), "header text over 150 chars")
        elif t == "section":
            need(b["text"]["type"] in ("mrkdwn", "plain_text"), "bad section text type")
            need(is_str(b["text"]["text"], 1, 3000), "section text not 1..3000 chars")
        elif t == "context":
            els = b.get("elements")
            need(isinstance(els, list) and 1 <= len(els) <= 10, "context elements 1..10")
            for e in els:
                need(e["type"] in ("mrkdwn", "plain_text") and is_str(e["text"]),
                     "bad context element")
        else:
            raise Invalid("unknown block type %r" % t)
    return 200, "text/plain", b"ok"


def check_teams(doc, raw, query):
    need(len(raw) < 28 * 1024, "body of %d bytes is over 28 KB" % len(raw))
    need(doc.get("type") == "message", "type must be message")
    atts = doc.get("attachments")
    need(isinstance(atts, list) and len(atts) == 1, "one attachment")
    a = atts[0]
    need(a.get("contentType") == "application/vnd.microsoft.card.adaptive",
         "contentType must be the adaptive card type")
    card = a.get("content")
    need(card.get("type") == "AdaptiveCard", "content must be an AdaptiveCard")
    need(card.get("version") == "1.4", "card version must be 1.4")
    need(card.get("$schema") == "http://adaptivecards.io/schemas/adaptive-card.json",
         "$schema")
    body = card.get("body")
    need(isinstance(body, list) and body, "card body empty")
    for el in body:
        if el["type"] == "TextBlock":
            need(is_str(el.get("text")), "TextBlock without text")
        elif el["type"] == "FactSet":
            for f in el["facts"]:
                need(is_str(f.get("title")) and isinstance(f.get("value"), str), "bad fact")
        else:
            raise Invalid("unexpected element %r" % el["type"])
    for act in card.get("actions", []):
        need(act["type"] == "Action.OpenUrl" and act["url"].startswith("http"),
             "bad action")
    return 202, "text/plain", b""


def embed_chars(e):
    n = len(e.get("title", "")) + len(e.get("description", ""))
    n += len(e.get("footer", {}).get("text", ""))
    for f in e.get("fields", []):
        n += len(f["name"]) + len(f["value"])
    return n


def check_discord_payload(doc):
    need(isinstance(doc.get("content", ""), str) and len(doc.get("content", "")) <= 2000,
         "content over 2000 chars")
    need(doc.get("allowed_mentions") == {"parse": []}, "mentions not disabled")
    embeds = doc.get("embeds", [])
    need(len(embeds) <= 10, "over 10 embeds")
    total = 0
    for e in embeds:
        need(len(e.get("title", "")) <= 256, "title over 256")
        need(len(e.get("description", "")) <= 4096, "description over 4096")
        fields = e.get("fields", [])
        need(len(fields) <= 25, "over 25 fields")
        for f in fields:
            need(is_str(f.get("name"), 1, 256), "field name not 1..256")
            need(is_str(f.get("value"), 1, 1024), "field value not 1..1024")
        need(len(e.get("footer", {}).get("text", "")) <= 2048, "footer over 2048")
        need(isinstance(e.get("color", 0), int) and 0 <= e.get("color", 0) <= 0xFFFFFF,
             "bad color")
        total += embed_chars(e)
    need(total <= 6000, "embeds total %d chars, over 6000" % total)


class State:
    lock = threading.Lock()
    next_id = 1100000000000000000
    messages = set()


def handle_discord(method, path, doc, query):
    check_discord_payload(doc)
    m = re.match(r"^/discord/api/webhooks/\d+/[^/]+/messages/(\d+)$", path)
    if method == "PATCH":
        need(m is not None, "PATCH outside /messages/ID")
        need("username" not in doc, "username cannot be edited")
        with State.lock:
            if m.group(1) not in State.messages:
                return 404, "application/json", json.dumps(
                    {"message": "Unknown Message", "code": 10008}).encode()
        return 200, "application/json", json.dumps({"id": m.group(1)}).encode()
    need(m is None, "POST to a message path")
    if query.get("wait") != ["true"]:
        return 204, "text/plain", b""
    with State.lock:
        State.next_id += 1
        mid = str(State.next_id)
        State.messages.add(mid)
    return 200, "application/json", json.dumps({"id": mid, "type": 0}).encode()


def check_mattermost(doc, raw, query):
    need(is_str(doc.get("text"), 1, 16383), "text not 1..16383 chars")
    return 200, "text/plain", b"ok"


WIDGETS = {"decoratedText", "textParagraph", "buttonList"}


def check_googlechat(doc, raw, query):
    need(len(raw) <= 32000, "message over 32000 bytes")
    need(("threadKey" in query) == ("messageReplyOption" in query),
         "threadKey needs messageReplyOption")
    if "messageReplyOption" in query:
        need(query["messageReplyOption"] == ["REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD"],
             "bad messageReplyOption")
        need(doc.get("thread", {}).get("threadKey") == query["threadKey"][0],
             "thread.threadKey in the body differs from the query")
    cards = doc.get("cardsV2")
    need(isinstance(cards, list) and cards, "cardsV2 missing")
    for c in cards:
        need(is_str(c.get("cardId")), "cardId missing")
        card = c["card"]
        need(is_str(card["header"]["title"]), "header title missing")
        for s in card.get("sections", []):
            for w in s["widgets"]:
                need(len(w) == 1 and set(w) <= WIDGETS, "bad widget %r" % list(w))
    thread = {"name": "spaces/S/threads/" + query.get("threadKey", ["new"])[0]}
    return 200, "application/json", json.dumps(
        {"name": "spaces/S/messages/M", "thread": thread}).encode()


def check_ntfy(doc, raw, query, path):
    need(path == "/ntfy/", "publish to the server root, not %s" % path)
    need(re.match(r"^[-_A-Za-z0-9]{1,64}$", doc.get("topic", "")), "bad topic")
    need(is_str(doc.get("title")), "title missing")
    need(is_str(doc.get("message")) and len(doc["message"].encode()) <= 4096,
         "message over 4096 bytes")
    need(doc.get("priority") in (1, 2, 3, 4, 5), "priority not 1..5")
    need(all(isinstance(t, str) for t in doc.get("tags", [])), "bad tags")
    if "click" in doc:
        need(doc["click"].startswith("http"), "bad click")
    return 200, "application/json", json.dumps({"id": "n1", "event": "message"}).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are two writes: without TCP_NODELAY a kept-alive connection
    # waits for the client's delayed ACK (40 ms) before the body.
    disable_nagle_algorithm = True
    directory = None

    def log_message(self, *args):
        pass

    def answer(self, code, ctype, body, extra=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        record = {"method": self.command, "path": url.path, "query": url.query,
                  "headers": {k.lower(): v for k, v in self.headers.items()},
                  "body": raw.decode("utf-8", "replace"),
                  "peer": self.client_address[1]}  # the client's port: one per connection
        with State.lock:
            with open(os.path.join(Handler.directory, "requests.jsonl"), "a") as f:
                f.write(json.dumps(record) + "\n")
        parts = url.path.split("/")
        service = parts[1] if len(parts) > 1 else ""
        if service == "fail":
            code = int(parts[2])
            extra = [("Retry-After", "7")] if code in (429, 503) else []
            body = json.dumps({"message": "error %d from the receiver" % code,
                               "retry_after": 7}).encode()
            return self.answer(code, "application/json", body, extra)
        try:
            need(self.headers.get("Content-Type", "").startswith("application/json"),
                 "Content-Type must be application/json")
            doc = json.loads(raw.decode("utf-8"))  # invalid UTF-8 or JSON raises
            if service == "slack":
                r = check_slack(doc, raw, query)
            elif service == "teams":
                r = check_teams(doc, raw, query)
            elif service == "discord":
                r = handle_discord(self.command, url.path, doc, query)
            elif service == "mattermost":
                r = check_mattermost(doc, raw, query)
            elif service == "googlechat":
                r = check_googlechat(doc, raw, query)
            elif service == "ntfy":
                r = check_ntfy(doc, raw, query, url.path)
            else:
                r = (404, "text/plain", b"no such service")
        except (Invalid, ValueError, KeyError, TypeError, AttributeError) as e:
            r = (400, "text/plain", ("invalid_payload: %s" % e).encode())
        self.answer(*r)

    do_POST = handle_any
    do_PATCH = handle_any


def main():
    Handler.directory = sys.argv[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    if "--exit-on-stdin-eof" in sys.argv:
        def watch():
            sys.stdin.read()
            server.shutdown()
        threading.Thread(target=watch, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
