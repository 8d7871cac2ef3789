#!/bin/bash
# Stopping the daemon while its sends hang (systemd sends SIGKILL 10 s after SIGTERM,
# TimeoutStopSec=10s; the email notifier's own timeout is 60 s, a webhook's 30 s).
# The daemon sends the day's digest (its catch-up at start) and an alert by email to an
# SMTP server that never answers RCPT (smtp_server.py, stall-*), and the alert to a
# webhook receiver that never answers (alert_receiver.py /hang).  Then SIGTERM:
#  - the daemon exits with status 0 within 8 s;
#  - the digest period is not left claimed as "sending" (a claim goes stale only after
#    an hour), and both alerts are still pending with no attempt counted;
# restarted against servers that answer, it delivers the digest and each alert exactly
# once (the webhook with the idempotency key of the aborted request).
# The same for `statuswatch digest`, the run of statuswatch-digest.service: SIGTERM
# mid-send ends it within seconds with the period's claim given back, so the next run
# sends the period once.
set -u
. "$(dirname "$0")/daemon-lib.sh"
start_sending_peers
statuspage_feed alpha.json inc-a investigating "Mail flow delays in Exchange Online"
DIGEST="
[digest]
enabled = true
notifier = mail"
sending_conf /hang stall-ops@example.com "$DIGEST"
query() { # SQL -> the first column of each row
	"$SW_PYTHON" - "$STATE/state.db" "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for row in con.execute(sys.argv[2]):
    print(row[0])
PY
}
stalled() { cat "$MAIL/stalled.log" 2>/dev/null | wc -l; }
# term_and_time PID: SIGTERM, then wait at most 12 s (past systemd's 10 s the test stops
# waiting, as systemd would, with SIGKILL); sets $rc (exit status) and $ms (time taken).
term_and_time() {
	local start guard
	start=$(date +%s%N)
	kill -TERM "$1"
	( sleep 12; kill -KILL "$1" 2>/dev/null ) &
	guard=$!
	wait "$1"
	rc=$?
	ms=$((($(date +%s%N) - start) / 1000000))
	kill "$guard" 2>/dev/null
	wait "$guard" 2>/dev/null
}

echo "1..12"
start_daemon "$TMP/run1.log"
for _ in $(seq 150); do
	[ "$(stalled)" -ge 2 ] && grep -q '"path": "/hang"' "$TMP/received.jsonl" 2>/dev/null && break
	sleep 0.1
done
[ "$(stalled)" -ge 2 ] && grep -q '"path": "/hang"' "$TMP/received.jsonl" ||
	{ sed 's/^/# /' "$TMP/run1.log"; echo "Bail out! the sends did not start"; exit 99; }

term_and_time "$DAEMON_PID"
DAEMON_PID=
sed 's/^/# /' "$TMP/run1.log" | grep -iE "abort|stopp|digest" || true
check "SIGTERM during hung sends: exit status 0 (got $rc)" [ "$rc" = 0 ]
check "  within 8 s (took $ms ms)" [ "$ms" -lt 8000 ]
check "  the digest period is not left claimed as 'sending'" \
	[ "$(query "SELECT COUNT(*) FROM digests WHERE state = 'sending'")" = 0 ]
check "  both alerts are still pending, no attempt counted" \
	[ "$(query "SELECT state || ':' || attempts FROM outbox ORDER BY notifier" | tr '\n' ' ')" = \
		"pending:0 pending:0 " ]

# Restart against servers that answer.
sending_conf /ok ops@example.com "$DIGEST"
start_daemon "$TMP/run2.log"
wait_for "$TMP/run2.log" "digest .* sent" 20
wait_for "$TMP/run2.log" "delivered to 'mail'" 20
wait_for "$TMP/run2.log" "delivered to 'hook'" 20
sleep 1 # anything sent twice would come now
stop_daemon
header_count() { grep -l "^$1" "$MAIL"/*.eml 2>/dev/null | wc -l; }
check "after a restart the digest is mailed exactly once" \
	[ "$(header_count X-Statuswatch-Digest:)" = 1 ]
check "  and the alert mail exactly once" [ "$(header_count X-Statuswatch-Event:)" = 1 ]
check "  and the webhook alert is acknowledged exactly once, with the aborted request's key" \
	"$SW_PYTHON" - "$TMP/received.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
hung = [l["key"] for l in lines if l.get("path") == "/hang"]
ok = [l["key"] for l in lines if l.get("path") == "/ok"]
sys.exit(0 if len(hung) == 1 and ok == hung else 1)
PY
check "  and nothing is left to send" \
	[ "$(query "SELECT COUNT(*) FROM outbox WHERE state <> 'delivered'")" = 0 ]

# statuswatch-digest.service stopped while its send hangs.
sending_conf /ok stall-ops@example.com "$DIGEST"
PERIOD=(--since 2023-07-17T00:00:00Z --until 2023-07-18T00:00:00Z)
"$STATUSWATCH" --config "$CONF" --state-dir "$STATE" digest "${PERIOD[@]}" \
	>"$TMP/digest1.out" 2>&1 &
DIGEST_PID=$!
for _ in $(seq 100); do [ "$(stalled)" -ge 3 ] && break; sleep 0.1; done
term_and_time "$DIGEST_PID"
sed 's/^/# /' "$TMP/digest1.out"
check "SIGTERM during 'statuswatch digest': it ends within 5 s ($ms ms), by itself (status $rc)" \
	[ "$ms" -lt 5000 -a "$rc" -lt 128 ]
check "  the period is not left claimed as 'sending'" \
	[ "$(query "SELECT COUNT(*) FROM digests WHERE state = 'sending'")" = 0 ]
sending_conf /ok ops@example.com "$DIGEST"
sw digest "${PERIOD[@]}" >"$TMP/digest2.out" 2>&1
check "  the next run sends the period" grep -qE "digest .* sent \([0-9]+ incidents\)" "$TMP/digest2.out"
check "  once" [ "$(grep -l "^X-Statuswatch-Digest: 2023-07-17" "$MAIL"/*.eml | wc -l)" = 1 ]
exit $FAILED
