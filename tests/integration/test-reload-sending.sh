#!/bin/bash
# Reloading the daemon (SIGHUP, `systemctl reload`) while its sends hang.  An alert goes
# by email to an SMTP server that never answers RCPT (smtp_server.py, stall-*) and to a
# webhook receiver that never answers (alert_receiver.py /hang); the email notifier's own
# timeout is 60 s, a webhook's 30 s.  The edited configuration points both at answering
# servers and adds a second source; then SIGHUP:
#  - the daemon logs the reload within 3 s (it used to wait for the stalled sends, its
#    main loop held: no poll, no signal answered) and polls the new source;
#  - the aborted sends stay due and the new notifiers deliver the alert exactly once by
#    mail and once to the webhook (with the aborted request's idempotency key).
# And `statuswatch digest` stopped mid-send while another process holds the state
# database past the busy timeout: giving the period's claim back fails, and that is said
# in one line (else a period stuck as "sending" for an hour would be unexplained).
set -u
. "$(dirname "$0")/daemon-lib.sh"
start_sending_peers
statuspage_feed alpha.json inc-a investigating "Mail flow delays in Exchange Online"
statuspage_feed beta.json inc-b investigating "Teams calls dropping"
sending_conf /hang stall-ops@example.com
stalled() { cat "$MAIL/stalled.log" 2>/dev/null | wc -l; }

echo "1..8"
LOG=$TMP/run.log
start_daemon "$LOG"
for _ in $(seq 150); do
	[ "$(stalled)" -ge 1 ] && grep -q '"path": "/hang"' "$TMP/received.jsonl" 2>/dev/null && break
	sleep 0.1
done
[ "$(stalled)" -ge 1 ] && grep -q '"path": "/hang"' "$TMP/received.jsonl" ||
	{ sed 's/^/# /' "$LOG"; echo "Bail out! the sends did not start"; exit 99; }

sending_conf /ok ops@example.com "
[source:beta]
type = statuspage
url = http://127.0.0.1:$PORT/f/beta.json
interval = 30s"
start=$(date +%s%N)
kill -HUP "$DAEMON_PID"
wait_for "$LOG" "configuration reloaded: 2 sources" 3
reloaded=$?
ms=$((($(date +%s%N) - start) / 1000000))
check "SIGHUP during hung sends: the reload is done within 3 s (took $ms ms)" [ "$reloaded" = 0 ]
check "  and the source it adds is polled" wait_for "$FEEDS/hits.log" "beta.json" 5
check "  the aborted sends are logged as such" \
	[ "$(grep -c "sending aborted by the reload" "$LOG")" = 2 ]
wait_for "$LOG" "delivered to 'mail'" 20
wait_for "$LOG" "delivered to 'hook'" 20
sleep 1 # anything sent twice would come now
stop_daemon
sed 's/^/# /' "$LOG" | grep -iE "abort|reload|deliver" || true
check "the daemon stops cleanly (status $DAEMON_RC)" [ "$DAEMON_RC" = 0 ]
check "the alert is mailed exactly once" \
	[ "$(grep -l "^X-Statuswatch-Event:" "$MAIL"/*.eml 2>/dev/null | wc -l)" = 1 ]
check "  and acknowledged by the webhook exactly once, with the aborted request's key" \
	"$SW_PYTHON" - "$TMP/received.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
hung = [l["key"] for l in lines if l.get("path") == "/hang"]
ok = [l["key"] for l in lines if l.get("path") == "/ok"]
sys.exit(0 if len(hung) == 1 and ok == hung else 1)
PY

# statuswatch-digest.service stopped mid-send, its claim's release blocked.
sending_conf /ok stall-ops@example.com "
[digest]
enabled = true
notifier = mail"
before=$(stalled)
"$STATUSWATCH" --config "$CONF" --state-dir "$STATE" digest \
	--since 2023-07-17T00:00:00Z --until 2023-07-18T00:00:00Z >"$TMP/digest.out" 2>&1 &
DIGEST_PID=$!
for _ in $(seq 100); do [ "$(stalled)" -gt "$before" ] && break; sleep 0.1; done
"$SW_PYTHON" - "$STATE/state.db" "$TMP/locked" <<'PY' &
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(8) # past the store's 5 s busy timeout
con.rollback()
PY
LOCKER=$!
for _ in $(seq 50); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
kill -TERM "$DIGEST_PID"
wait "$DIGEST_PID"
wait "$LOCKER"
sed 's/^/# /' "$TMP/digest.out"
check "a failed release of the digest's claim is logged in one line" \
	[ "$(grep -c "digest 2023-07-17T00:00:00Z/2023-07-18T00:00:00Z: giving the period's claim back after the failed send: .*; it stays 'sending' until the claim goes stale" "$TMP/digest.out")" = 1 ]
check "  and the period is indeed left 'sending'" \
	[ "$(db_count "digests WHERE state = 'sending'")" = 1 ]
exit $FAILED
