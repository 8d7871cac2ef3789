#!/usr/bin/python3
"""Loopback SMTP receiver for the email notifier tests (Debian's python3-aiosmtpd).

Usage: /usr/bin/python3 smtp_server.py DIR [--exit-on-stdin-eof] [--auth-echo]
Binds 127.0.0.1 port 0, prints the port on stdout (one line, flushed) and stores
every accepted message as DIR/NNN.eml (the DATA bytes as received, after
dot-unstuffing) with its envelope in DIR/NNN.json ({"mail_from", "rcpt_tos"}).

Scripted answers, chosen by the recipient's local part:
  reject-*@...   RCPT answers "550 5.1.1 <addr>: Recipient address rejected: User unknown"
  flaky-*@...    DATA answers "451 4.3.0 Temporary failure, try again later" the first
                 time for that recipient, "250" afterwards (greylisting)
  drop-*@...     DATA closes the connection without answering (a crashed server)
  stall-*@...    RCPT is never answered (a server that hangs mid-exchange); each one
                 appends the address to DIR/stalled.log first
Everything else is accepted with "250 2.0.0 Ok: queued as NNN".
With --auth-echo it offers AUTH (PLAIN, LOGIN) without TLS and refuses every login
with a 535 that quotes what it was sent, as a careless server might: the password
raw, as AUTH LOGIN sends it (base64) and as AUTH PLAIN sends it (base64 of
"\\0user\\0password").
"""
import asyncio
import base64
import json
import os
import sys
import threading

from aiosmtpd.smtp import SMTP, AuthResult


def echo_auth(server, session, envelope, mechanism, auth_data):
    login, password = auth_data.login, auth_data.password
    plain = base64.b64encode(b"\0" + login + b"\0" + password).decode()
    return AuthResult(success=False, handled=False, message=(
        "535 5.7.8 Authentication failed for %s: %s, AUTH LOGIN %s, AUTH PLAIN %s"
        % (login.decode(), password.decode(), base64.b64encode(password).decode(), plain)))


class Handler:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.flaky_seen = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("reject-"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if address.split("@")[0].startswith("stall-"):
            with open(os.path.join(self.directory, "stalled.log"), "a") as f:
                f.write(address + "\n")
            await asyncio.sleep(3600)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            local = rcpt.split("@")[0]
            if local.startswith("flaky-") and rcpt not in self.flaky_seen:
                self.flaky_seen.add(rcpt)
                return "451 4.3.0 Temporary failure, try again later"
            if local.startswith("drop-"):
                server.transport.close()
                return None
        self.count += 1
        base = os.path.join(self.directory, "%03d" % self.count)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        return "250 2.0.0 Ok: queued as %03d" % self.count


def main():
    directory = sys.argv[1]
    handler = Handler(directory)
    auth = {}
    if "--auth-echo" in sys.argv:
        auth = {"auth_require_tls": False, "authenticator": echo_auth}
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(handler, hostname="receiver.test",
                                        decode_data=False, **auth),
                           "127.0.0.1", 0))
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    if "--exit-on-stdin-eof" in sys.argv:
        def watch():
            sys.stdin.read()
            loop.call_soon_threadsafe(loop.stop)
        threading.Thread(target=watch, daemon=True).start()
    loop.run_forever()


if __name__ == "__main__":
    main()
