#!/bin/bash
# `notify-test NAME` and `check-config` with email and chat notifiers, against the
# real loopback receivers the notifier tests use (smtp_server.py with aiosmtpd,
# webhook_receiver.py), both started here on 127.0.0.1 port 0.  What a user sees:
# the test alert arrives, clearly marked; a refused recipient shows the server's reply
# and exit 1; each type's configuration mistakes name the key and its line, exit 2.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/cli-lib.sh"
if ! "$PY" -c 'import aiosmtpd' 2>/dev/null; then
	echo "1..0 # SKIP python3-aiosmtpd missing (sh .ci/deps installs it)"
	exit 77
fi

# start NAME SCRIPT DIR: runs a receiver in the background, its port in $PORT.
start() {
	mkdir -p "$3"
	"$PY" "$HERE/$2" "$3" >"$tmp/$1.port" &
	pids+=($!)
	for _ in $(seq 100); do [ -s "$tmp/$1.port" ] && break; sleep 0.05; done
	PORT=$(head -n1 "$tmp/$1.port")
	[ -n "$PORT" ] || { echo "Bail out! $2 did not start"; exit 1; }
}
start smtp smtp_server.py "$tmp/mail"
SMTP=$PORT
start hook webhook_receiver.py "$tmp/hook"
HOOK=$PORT

conf=$tmp/statuswatch.conf
cat >"$conf" <<CONF
[notify:mail]
type = email
smtp_url = smtp://127.0.0.1:$SMTP
from = statuswatch <sw@example.org>
to = ops@example.org
starttls = off

[notify:bounce]
type = email
smtp_url = smtp://127.0.0.1:$SMTP
from = sw@example.org
to = reject-oncall@example.org
starttls = off

[notify:chat]
type = slack
url = env:SW_TEST_SLACK_URL
CONF
chmod 600 "$conf"
export SW_TEST_SLACK_URL="http://127.0.0.1:$HOOK/slack/services/T0/B0/SECRETTOKEN"

# --- delivered ---
expect_rc "check-config accepts email and slack notifiers" 0 "$SW" --config "$conf" check-config
expect_rc "notify-test mail exits 0" 0 "$SW" --config "$conf" notify-test mail
contains "notify-test prints the server's answer" "test alert delivered: 250 2.0.0 Ok: queued as 001" "$tmp/out"
if "$PY" "$HERE/parse_mail.py" "$tmp/mail/001.eml" >"$tmp/mail.json" &&
	"$PY" - "$tmp/mail.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
assert m["subject"] == "[statuswatch] TEST: test alert from notifier 'mail'", m["subject"]
assert m["event"] == "test", m["event"]
text = [p["text"] for p in m["parts"] if p["type"] == "text/plain"][0]
html = [p["text"] for p in m["parts"] if p["type"] == "text/html"][0]
assert "THIS IS A TEST" in text and "THIS IS A TEST" in html
assert "for notifier 'mail' (type email)" in text, text
assert m["to"] == ["ops@example.org"], m["to"]
PY
then ok "the test mail arrives, marked as a test in subject and both parts"; else bad "test mail"; fi

expect_rc "notify-test chat (slack) exits 0" 0 "$SW" --config "$conf" notify-test chat
contains "slack answer shown" "test alert delivered: HTTP 200" "$tmp/out"
if "$PY" - "$tmp/hook/requests.jsonl" <<'PY'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])][-1]
assert r["method"] == "POST" and r["path"] == "/slack/services/T0/B0/SECRETTOKEN", r["path"]
b = json.loads(r["body"])
assert b["blocks"][0]["text"]["text"] == "TEST: test alert from notifier 'chat'", b["blocks"][0]
assert "This is a test" in b["blocks"][1]["text"]["text"], b["blocks"][1]
PY
then ok "the slack receiver got a Block Kit test message"; else bad "slack test message"; fi
lacks "the webhook token is not printed" "SECRETTOKEN" "$tmp/out"

# --- delivery failures: exit 1, the server's reply verbatim ---
expect_rc "a refused recipient exits 1" 1 "$SW" --config "$conf" notify-test bounce
contains "the SMTP reply is shown verbatim" "550 5.1.1 <reject-oncall@example.org>: Recipient address rejected: User unknown" "$tmp/err"
contains "it says the daemon would not retry" "permanent" "$tmp/err"
expect_rc "an unknown notifier exits 2" 2 "$SW" --config "$conf" notify-test nosuch
contains "the unknown notifier is named with the configured ones" "no notifier 'nosuch' in .*(configured: 'mail', 'bounce', 'chat')" "$tmp/err"
export SW_TEST_SLACK_URL="http://127.0.0.1:$HOOK/fail/429/SECRETTOKEN"
expect_rc "a 429 exits 1" 1 "$SW" --config "$conf" notify-test chat
contains "429 is temporary" "temporary; the daemon would retry" "$tmp/err"
lacks "the token is not in the error" "SECRETTOKEN" "$tmp/err"

# --- configuration mistakes: exit 2, key and line named ---
# bad_conf DESC WANT_RE: writes $tmp/bad.conf from stdin (mode 600 unless MODE is set).
bad_conf() {
	cat >"$tmp/bad.conf"
	chmod "${MODE:-600}" "$tmp/bad.conf"
	expect_rc "check-config: $1 exits 2" 2 "$SW" --config "$tmp/bad.conf" check-config
	contains "check-config: $1 is named" "$2" "$tmp/err"
}
bad_conf "starttls off for a remote host" "bad.conf:6: notifier 'm': key 'starttls': 'off' is allowed only for a loopback mail server" <<'CONF'
[notify:m]
type = email
smtp_url = smtp://mail.example.org:587
from = sw@example.org
to = ops@example.org
starttls = off
CONF
expect_rc "notify-test refuses the same file with exit 2" 2 "$SW" --config "$tmp/bad.conf" notify-test m
bad_conf "to without from" "bad.conf:1: \[notify:m\] missing required key 'from'" <<'CONF'
[notify:m]
type = email
smtp_url = smtp://mail.example.org:587
to = ops@example.org
CONF
bad_conf "a bad recipient" "bad.conf:5: notifier 'm': key 'to': 'ops at example.org' is not an address" <<'CONF'
[notify:m]
type = email
smtp_url = smtps://mail.example.org
from = sw@example.org
to = ops@example.org, ops at example.org
CONF
bad_conf "a bad starttls word" "bad.conf:6: .*starttls" <<'CONF'
[notify:m]
type = email
smtp_url = smtp://mail.example.org:587
from = sw@example.org
to = ops@example.org
starttls = sometimes
CONF
for t in slack teams discord mattermost googlechat ntfy; do
	bad_conf "$t without url" "bad.conf:1: \[notify:c\] missing required key 'url'" <<CONF
[notify:c]
type = $t
CONF
	bad_conf "$t with a cleartext url to another host" "bad.conf:3: notifier 'c': key 'url': 'http://hooks.example.com/…' must use https" <<CONF
[notify:c]
type = $t
url = http://hooks.example.com/services/SECRETTOKEN
CONF
	lacks "$t: the token is not in the error" "SECRETTOKEN" "$tmp/err"
	MODE=644 bad_conf "$t with an inline url in a world-readable file" "readable by others" <<CONF
[notify:c]
type = $t
url = https://hooks.example.com/services/SECRETTOKEN
CONF
	lacks "$t: the inline token is not in the error" "SECRETTOKEN" "$tmp/err"
done
bad_conf "ntfy without a topic" "bad.conf:3: notifier 'c': key 'url': 'https://ntfy.example.com/' names no topic" <<'CONF'
[notify:c]
type = ntfy
url = https://ntfy.example.com/
CONF
bad_conf "token on a slack notifier" "bad.conf:4: .*token" <<'CONF'
[notify:c]
type = slack
url = env:X
token = env:Y
CONF

if [ "$failures" -gt 0 ]; then
	echo "# $failures failure(s)"
	exit 1
fi
