#!/bin/bash
# `merge` and `split` while the daemon runs: they record the decision and send the daemon
# SIGHUP (it holds the state directory's lock, so they do not relink themselves); the
# daemon relinks the advisories the decision names within seconds.  Two loopback
# Statuspage feeds give two incidents, each alerted once ("opened") through the generic
# webhook (alert_receiver.py) by a `poll --once`; then `statuswatch run`.  A merge must
# show both advisories in one incident and send that incident's update, a split must
# take the advisory out again; neither may send a second "opened".
set -u
. "$(dirname "$0")/daemon-lib.sh"

start_server
statuspage_feed alpha.json inc-a investigating "Mail flow delays in Exchange Online"
statuspage_feed beta.json inc-b investigating "Card payments declined at checkout"
sed -i 's/Exchange Online/Payments API/' "$FEEDS/beta.json" # a service of its own: not linked
start_helper RPORT alert_receiver.py "$TMP/received.jsonl"

cat >"$CONF" <<CONF
[source:alpha]
type = statuspage
url = http://127.0.0.1:$PORT/f/alpha.json
interval = 1h

[source:beta]
type = statuspage
url = http://127.0.0.1:$PORT/f/beta.json
interval = 1h

[policy]
group_wait = 0
group_interval = 0

[notify:hook]
type = generic
url = http://127.0.0.1:$RPORT/ok
CONF
chmod 600 "$CONF"

# events: the events of the alerts received, in order, space-separated
events() {
	"$SW_PYTHON" - "$TMP/received.jsonl" <<'PY'
import json, sys
print(" ".join(r["event"] for r in map(json.loads, open(sys.argv[1])) if "event" in r))
PY
}
# members ADVISORY: the ids of the members of the incident holding it (sorted)
members() {
	sw show --json "$1" 2>/dev/null | "$SW_PYTHON" -c '
import json, sys
print(" ".join(sorted(m["id"] for m in json.load(sys.stdin)["advisories"])))' 2>/dev/null
}
# until_members ADVISORY WANT: waits (at most 30 s) until the incident holds WANT
until_members() {
	for _ in $(seq 300); do
		[ "$(members "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	echo "# $1's incident holds '$(members "$1")', not '$2'"
	return 1
}

echo "1..12"
sw poll --once 2>"$TMP/poll.log"
check "a poll alerts both incidents once" [ "$(events)" = "opened opened" ]

start_daemon "$TMP/log" -v
wait_for "$STATE/lock" "^$DAEMON_PID statuswatch run" 10 || echo "# the daemon did not start"

sw merge inc-a inc-b >"$TMP/out" 2>"$TMP/err"
rc=$?
check "merge while the daemon runs exits 0, nothing on stderr" test "$rc" -eq 0 -a ! -s "$TMP/err"
check "merge says the daemon was asked to apply it" grep -qx \
	"merged alpha/inc-a and beta/inc-b by hand: recorded; the running daemon (pid $DAEMON_PID) was asked to apply it" \
	"$TMP/out"
check "show lists both advisories in one incident" until_members inc-a "inc-a inc-b"
check "the daemon log shows the decision and the relink" \
	wait_for "$TMP/log" "applying a decision made by hand: merge alpha/inc-a beta/inc-b" 1
check "  and the relink" wait_for "$TMP/log" "linked 2 changed advisories: 1 incidents" 10
check "the merge is sent as an update, not a second 'opened'" \
	wait_for "$TMP/received.jsonl" '"event": "grew"' 15

sw split inc-b >"$TMP/out" 2>"$TMP/err"
rc=$?
check "split while the daemon runs exits 0, nothing on stderr" test "$rc" -eq 0 -a ! -s "$TMP/err"
check "split says the daemon was asked to apply it" grep -qx \
	"split beta/inc-b off by hand: recorded; the running daemon (pid $DAEMON_PID) was asked to apply it" \
	"$TMP/out"
check "show lists the split advisory alone again" until_members inc-b "inc-b"
check "  and its old incident without it" [ "$(members inc-a)" = "inc-a" ]
check "the split is sent as an update" wait_for "$TMP/received.jsonl" '"event": "changed"' 15
sleep 1 # an alert wrongly sent would go out within the policy pass just made
check "no second 'opened' alert" [ "$(events)" = "opened opened grew changed" ] ||
	echo "# alerts: $(events)"
stop_daemon
exit $FAILED
