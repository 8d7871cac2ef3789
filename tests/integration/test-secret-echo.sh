#!/bin/bash
# Issue 16, defect 10: a token endpoint that echoes the request in its
# error_description (the client secret with it, raw and form-encoded) must not put the
# secret into the log line, the exit message or the stored source error ('sources').
# And a file: secret readable by group or others is reported (check-config, poll).
# Then a webhook receiver that quotes the request (the URL with its token) in its 400
# answer, and a mail server that quotes the AUTH exchange (the password raw and in
# base64) in its 535: the answers are parked in the outbox, kept in the audit trail,
# logged and printed, and no form of the token or the password may reach the log,
# `outbox --json`, `why`, `notify-test` or the database.
set -u
. "$(dirname "$0")/daemon-lib.sh"

# absent FORMS FILE...: no line of FORMS (a secret in each form a server could echo)
# occurs in any FILE; prints each one found.
absent() {
	"$SW_PYTHON" - "$@" <<'PY'
import sys
forms = [line for line in open(sys.argv[1]).read().split("\n") if line]
bad = False
for path in sys.argv[2:]:
    data = open(path, "rb").read().decode("utf-8", "replace")
    for f in forms:
        if f in data:
            print(f"    {path} holds {f!r}")
            bad = True
sys.exit(1 if bad else 0)
PY
}

start_helper GPORT graph_server.py "$SW_SOURCE_ROOT/tests/fixtures/graph"

export SW_TEST_GRAPH_SECRET='s3cr3t&=+ %value'
cat >"$CONF" <<CONF
[source:contoso]
type = m365
tenant = contoso.onmicrosoft.com
client_id = echo-app
client_secret = env:SW_TEST_GRAPH_SECRET
login_url = http://127.0.0.1:$GPORT
graph_url = http://127.0.0.1:$GPORT
CONF

sw -v poll --once >"$TMP/out" 2>"$TMP/err"
rc=$?
check "the poll fails (exit $rc)" [ "$rc" = 1 ]
check "the error names the token endpoint's answer" grep -q "AADSTS7000215" "$TMP/err"
sw sources >"$TMP/sources" 2>&1
check "the stored error is there" grep -q "AADSTS7000215" "$TMP/sources"
"$SW_PYTHON" -c 'import urllib.parse as u; s = "s3cr3t&=+ %value"
print(s, u.quote(s, safe=""), u.quote_plus(s), sep="\n")' >"$TMP/forms"
check "no form of the secret anywhere" absent "$TMP/forms" "$TMP/err" "$TMP/out" "$TMP/sources" \
	"$STATE/state.db"
check "the masked places say ***" grep -q '\*\*\*' "$TMP/sources"

# A file: secret that others may read is accepted with a warning (msmtp's rule); a
# private one without.
printf '%s\n' "$SW_TEST_GRAPH_SECRET" >"$TMP/secret"
chmod 644 "$TMP/secret"
sed -i "s|^client_secret = .*|client_secret = file:$TMP/secret|" "$CONF"
sw check-config >/dev/null 2>"$TMP/cc.err"
check "check-config warns about a 0644 secret file" \
	grep -q "\[source:contoso\] 'client_secret': secret file '$TMP/secret' is mode 0644" "$TMP/cc.err"
sw poll --once >/dev/null 2>"$TMP/poll.err"
check "poll warns about it too" grep -q "secret file '$TMP/secret' is mode 0644" "$TMP/poll.err"
chmod 600 "$TMP/secret"
sw check-config >/dev/null 2>"$TMP/cc2.err"
check "no warning once it is 0600" sh -c "! grep -q 'secret file' '$TMP/cc2.err'"

# --- a webhook receiver that echoes the token ---
start_server
statuspage_feed alpha.json inc-a investigating "Mail flow delays in Exchange Online"
start_helper RPORT alert_receiver.py "$TMP/received.jsonl"
mkdir -p "$TMP/mail"
start_helper SPORT smtp_server.py "$TMP/mail" --auth-echo
export SW_TEST_SMTP_PASSWORD='hunter2-Xy9/Q' # '/' makes the URL-encoded form differ
export SW_TEST_HOOK_TOKEN=T0KENb7c9d1e3f5a7b9c1d3e5 SW_TEST_HOOK_SIG=SIGx9f8e7d6c5b4a39281706
export SW_TEST_HOOK_URL="http://127.0.0.1:$RPORT/echo/hooks/$SW_TEST_HOOK_TOKEN?sig=$SW_TEST_HOOK_SIG"
rm -rf "$STATE"
cat >"$CONF" <<CONF
[source:alpha]
type = statuspage
url = http://127.0.0.1:$PORT/f/alpha.json

[policy]
group_wait = 0

[notify:hook]
type = generic
url = env:SW_TEST_HOOK_URL

[notify:mail]
type = email
smtp_url = smtp://127.0.0.1:$SPORT
from = sw@example.org
to = ops@example.org
starttls = off
smtp_user = alerts
smtp_password = env:SW_TEST_SMTP_PASSWORD
CONF
sw -v poll --once >"$TMP/hook.out" 2>"$TMP/hook.log"
check "the receiver got the alert" grep -q '"path": "/echo/hooks/' "$TMP/received.jsonl"
check "the 400 is parked with the receiver's answer" \
	grep -q "to 'hook' parked: .*400 Bad Request: .*invalid token" "$TMP/hook.log"
sw outbox --json >"$TMP/outbox.json" 2>&1
check "outbox --json holds the answer" grep -q "invalid token" "$TMP/outbox.json"
INC=$(sw incidents --json | "$SW_PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["incidents"][0]["id"])')
sw why "$INC" hook >"$TMP/why" 2>&1
check "why shows the attempt with the answer" grep -q "invalid token" "$TMP/why"
check "the masked places say ***" grep -q "invalid token '\*\*\*'" "$TMP/outbox.json"
check "the mail server's 535 is parked with its answer" \
	grep -q "to 'mail' parked: .*535 5.7.8 Authentication failed" "$TMP/hook.log"
sw why "$INC" mail >>"$TMP/why" 2>&1
sw notify-test mail >"$TMP/nt.out" 2>"$TMP/nt.err"
check "notify-test prints the 535, masked" \
	grep -q "535 5.7.8 Authentication failed for alerts: \*\*\*" "$TMP/nt.err"
"$SW_PYTHON" - >"$TMP/forms" <<'PY'
import base64, os, urllib.parse
password = os.environ["SW_TEST_SMTP_PASSWORD"].encode()
for f in (os.environ["SW_TEST_HOOK_TOKEN"], os.environ["SW_TEST_HOOK_SIG"],
          urllib.parse.urlsplit(os.environ["SW_TEST_HOOK_URL"]).path,
          password.decode(), urllib.parse.quote(password.decode(), safe=""),
          base64.b64encode(password).decode(),
          base64.b64encode(b"\0alerts\0" + password).decode()):
    print(f)
PY
check "no form of the webhook token or the SMTP password anywhere" absent "$TMP/forms" \
	"$TMP/hook.log" "$TMP/hook.out" "$TMP/outbox.json" "$TMP/why" "$TMP/nt.out" \
	"$TMP/nt.err" "$STATE"/state.db*
exit $FAILED
