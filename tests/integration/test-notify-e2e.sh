#!/bin/bash
# One incident end to end through the real pipeline into email, Discord and Google
# Chat: a Statuspage feed (feed_server.py) is polled with `poll --once` (which runs
# the policy and drains the outbox), the receivers are smtp_server.py (aiosmtpd) and
# webhook_receiver.py.  Then the incident resolves and a second poll delivers the
# update: the mail threads under the first one (In-Reply-To/References from the
# thread_ref the outbox kept), Discord edits the first message in place, Google Chat
# posts into the same thread.
set -u
. "$(dirname "$0")/daemon-lib.sh"
"$SW_PYTHON" -c 'import aiosmtpd' 2>/dev/null || { echo "1..0 # SKIP python3-aiosmtpd missing"; exit 77; }
HERE=$SW_SOURCE_ROOT/tests/integration

start_server
statuspage_feed alpha.json inc-a investigating "Mail flow delays in Exchange Online"
receiver() { # NAME SCRIPT: starts it with its own directory; port in $RPORT
	mkdir -p "$TMP/$1"
	start_helper RPORT "$2" "$TMP/$1"
}
receiver mail smtp_server.py
SMTP=$RPORT
receiver hook webhook_receiver.py
HOOK=$RPORT

cat >"$CONF" <<CONF
[source:alpha]
type = statuspage
url = http://127.0.0.1:$PORT/f/alpha.json
interval = 30s

[policy]
group_wait = 0
group_interval = 0

[notify:mail]
type = email
smtp_url = smtp://127.0.0.1:$SMTP
from = statuswatch <sw@example.org>
to = oncall@example.org
starttls = off

[notify:discord]
type = discord
url = http://127.0.0.1:$HOOK/discord/api/webhooks/42/SECRETTOKEN

[notify:gchat]
type = googlechat
url = http://127.0.0.1:$HOOK/googlechat/v1/spaces/S/messages?key=K&token=SECRETTOKEN
CONF
chmod 600 "$CONF"

echo "1..6"
sw poll --once >"$TMP/out1" 2>"$TMP/log1"
check "first poll delivers the opened incident by mail" [ -s "$TMP/mail/001.eml" ]
statuspage_feed alpha.json inc-a resolved "Mail flow delays in Exchange Online"
sw poll --once >"$TMP/out2" 2>"$TMP/log2"
check "second poll delivers the resolution by mail" [ -s "$TMP/mail/002.eml" ]

check "the resolution mail threads under the first one" "$SW_PYTHON" - "$TMP/mail" "$HERE" <<'PY'
import json, subprocess, sys
d, here = sys.argv[1], sys.argv[2]
def parse(n):
    return json.loads(subprocess.check_output([sys.executable, here + "/parse_mail.py",
                                               "%s/%03d.eml" % (d, n)]))
a, b = parse(1), parse(2)
assert a["subject"] == "[statuswatch] OPEN: Exchange Online, 1 advisory", a["subject"]
assert b["subject"] == "[statuswatch] RESOLVED: Exchange Online, 1 advisory", b["subject"]
assert a["in_reply_to"] is None
assert b["in_reply_to"] == a["message_id"] and b["references"] == a["message_id"], (a, b)
assert "Mail flow delays in Exchange Online" in a["parts"][0]["text"]
assert a["event"] == "opened" and b["event"] == "resolved"
PY
check "Discord got one POST and then a PATCH of that message" "$SW_PYTHON" - "$TMP/hook/requests.jsonl" <<'PY'
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1]) if '"/discord/' in l]
assert [r["method"] for r in rs] == ["POST", "PATCH"], [(r["method"], r["path"]) for r in rs]
assert rs[0]["query"] == "wait=true"
assert rs[1]["path"].startswith("/discord/api/webhooks/42/SECRETTOKEN/messages/11"), rs[1]["path"]
assert "RESOLVED" in json.loads(rs[1]["body"])["content"]
PY
check "Google Chat posted both into one thread" "$SW_PYTHON" - "$TMP/hook/requests.jsonl" <<'PY'
import json, sys, urllib.parse
rs = [json.loads(l) for l in open(sys.argv[1]) if '"/googlechat/' in l]
keys = [urllib.parse.parse_qs(r["query"])["threadKey"][0] for r in rs]
assert len(rs) == 2 and keys[0] == keys[1] and keys[0].startswith("statuswatch-"), keys
PY
check "no webhook token in the logs" sh -c "! grep -q SECRETTOKEN '$TMP/log1' '$TMP/log2' '$TMP/out1' '$TMP/out2'"

[ "$FAILED" = 0 ] || { cat "$TMP/log1" "$TMP/log2" >&2; }
exit "$FAILED"
