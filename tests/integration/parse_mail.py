#!/usr/bin/python3
"""Parses one stored message with Python's email package (a real MIME parser, not
ours) and prints what a mail client would show, as one JSON object:
  {"subject", "from", "to": [...], "date": ISO 8601 or null, "message_id",
   "in_reply_to", "references", "list_id", "auto_submitted", "event",
   "content_type", "parts": [{"type", "charset", "text"}], "defects": [...],
   "max_line": longest raw line in bytes}
Usage: /usr/bin/python3 parse_mail.py FILE.eml
"""
import email
import email.policy
import email.utils
import json
import sys


def main():
    raw = open(sys.argv[1], "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    date = None
    if msg["date"] is not None:
        dt = email.utils.parsedate_to_datetime(str(msg["date"]))
        date = dt.isoformat() if dt is not None else None
    parts = []
    defects = [type(d).__name__ for d in msg.defects]
    for part in msg.walk():
        defects += [type(d).__name__ for d in part.defects]
        if part.is_multipart():
            continue
        parts.append({"type": part.get_content_type(),
                      "charset": part.get_content_charset(),
                      # line ends as a client shows them (the wire has CRLF)
                      "text": part.get_content().replace("\r\n", "\n")})
    out = {
        "subject": str(msg["subject"]) if msg["subject"] is not None else None,
        "from": str(msg["from"]),
        "to": [a.addr_spec for a in msg["to"].addresses] if msg["to"] else [],
        "date": date,
        "message_id": msg["message-id"],
        "in_reply_to": msg["in-reply-to"],
        "references": msg["references"],
        "list_id": msg["list-id"],
        "auto_submitted": msg["auto-submitted"],
        "event": msg["x-statuswatch-event"],
        "content_type": msg.get_content_type(),
        "parts": parts,
        "defects": defects,
        "max_line": max(len(line) for line in raw.split(b"\r\n")),
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
