#!/bin/bash
# Crash safety of the outbox: the daemon is killed with SIGKILL at random moments
# (seeded, so a failure can be replayed) while three generic-webhook notifiers
# deliver to a slow receiver on 127.0.0.1, and restarted, SW_CRASH_ROUNDS times (at
# least 50).  Between rounds the feed moves on (a new incident opens, an older one
# resolves), so alerts keep becoming due.  Finally the daemon runs until its outbox is
# empty.  Then, counting by idempotency key what the receiver acknowledged (answered
# 200 in full; a request cut off by the kill while the receiver was still waiting was
# never acknowledged, and is counted apart as "received"):
#   every alert the daemon made due (every outbox row not folded into a newer one)
#   was acknowledged at least once, none more than twice, and the receiver saw no key
#   the outbox does not hold.
# The figures are printed as TAP comments (tests/bench/README.md quotes a run).
set -u
. "$(dirname "$0")/daemon-lib.sh"

ROUNDS=${SW_CRASH_ROUNDS:-55}
SEED=${SW_CRASH_SEED:-20231}
[ "$ROUNDS" -ge 1 ] || ROUNDS=55

start_server
start_helper RPORT alert_receiver.py "$TMP/received.jsonl"

cat >"$CONF" <<CONF
[source:alpha]
type = statuspage
url = http://127.0.0.1:$PORT/f/alpha.json
interval = 30s

[policy]
group_wait = 0
group_interval = 0

[notify:a]
type = generic
url = http://127.0.0.1:$RPORT/slow/150

[notify:b]
type = generic
url = http://127.0.0.1:$RPORT/slow/250

[notify:c]
type = generic
url = http://127.0.0.1:$RPORT/slow/400
CONF
chmod 600 "$CONF" # the webhook URLs are secrets
sw check-config >/dev/null || { echo "Bail out! bad config"; exit 99; }

# feed ROUND: incidents 0..ROUND; those older than two rounds are resolved.
feed() {
	"$SW_PYTHON" - "$FEEDS/alpha.json" "$1" <<'PY'
import json, sys, datetime
path, r = sys.argv[1], int(sys.argv[2])
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
incs = []
for j in range(r + 1):
    done = j < r - 2
    st = "resolved" if done else "investigating"
    # Distinct words per incident, so the linker keeps them apart.
    words = ["kestrel", "magnolia", "quartz", "tundra", "zephyr", "basalt", "cobalt", "fjord"]
    title = "%s %s outage number %d" % (words[j % 8], words[(j // 8) % 8], j)
    incs.append({"id": "inc-%d" % j, "name": title, "status": st, "created_at": now,
                 "updated_at": now, "resolved_at": now if done else None, "impact": "major",
                 "shortlink": None, "started_at": now, "page_id": "p1",
                 "incident_updates": [{"id": "u-%d-%s" % (j, st), "status": st,
                                       "body": title + " (" + st + ")", "incident_id": "inc-%d" % j,
                                       "created_at": now, "updated_at": now, "display_at": now}],
                 "components": [{"id": "c%d" % j, "name": "Service %d" % j, "status": "major_outage"}]})
doc = {"page": {"id": "p1", "name": "alpha", "url": "https://status.example",
                "time_zone": "Etc/UTC", "updated_at": now}, "incidents": incs}
open(path + ".tmp", "w").write(json.dumps(doc))
import os; os.replace(path + ".tmp", path)
PY
}

delays=$("$SW_PYTHON" -c "
import random; r = random.Random($SEED)
print(' '.join('%.2f' % r.uniform(0.2, 2.2) for _ in range($ROUNDS)))")

echo "1..4"
kills=0
r=0
# "Time passes" while the daemon is down: its stored schedule is due again, so each run
# polls within its first seconds (interval / 10) instead of 30 s later.
due_now() {
	[ -f "$STATE/state.db" ] || return 0
	"$SW_PYTHON" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE sources SET next_poll = NULL'); c.commit()" "$STATE/state.db"
}
for d in $delays; do
	feed "$r"
	due_now
	start_daemon "$TMP/log"
	sleep "$d"
	kill -KILL "$DAEMON_PID" 2>/dev/null && kills=$((kills + 1))
	wait "$DAEMON_PID" 2>/dev/null
	DAEMON_PID=
	r=$((r + 1))
done

# Last run: no kill; wait until nothing is pending, then stop it.  A stop leaves what is
# still in flight, or came due meanwhile, pending for the next start (the daemon gives a
# send 3 s after SIGTERM): then start it again, as a restart would.
due_now
# Rows still pending; "?" when the outbox could not be read (a busy database under this
# load): that must not pass for "none".
pending() {
	local rows
	rows=$(sw outbox --json 2>/dev/null) || { echo "?"; return; }
	grep -c '"state":"pending"' <<<"$rows"
}
drained=no
for _ in 1 2 3; do
	start_daemon "$TMP/log"
	for _ in $(seq 600); do
		sleep 0.2
		if [ "$(sw outbox --all --json 2>/dev/null | wc -l)" -gt 0 ] &&
			[ "$(pending)" = 0 ]; then
			drained=yes
			break
		fi
	done
	stop_daemon
	[ "$drained" = yes ] && [ "$(pending)" = 0 ] && break
	drained=no
done

check "the outbox drained after $kills SIGKILLs" [ "$drained" = yes ]
check "at least 50 kills" [ "$kills" -ge 50 ]
sw outbox --all --json >"$TMP/outbox.jsonl"
"$SW_PYTHON" - "$TMP/outbox.jsonl" "$TMP/received.jsonl" "$kills" >"$TMP/verdict" <<'PY'
import collections, json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
lines = [json.loads(l) for l in open(sys.argv[2])]
got = collections.Counter(l["answered"] for l in lines if "answered" in l and l["code"] == 200)
received = collections.Counter(l["key"] for l in lines if "key" in l)
due = {r["key"] for r in rows if r["state"] != "superseded"}
folded = {r["key"] for r in rows if r["state"] == "superseded"}
lost = sorted(k for k in due if got[k] == 0)
thrice = sorted(k for k in got if got[k] > 2)
unknown = sorted(k for k in received if k not in due and k not in folded)
dups = sum(1 for k in got if got[k] == 2)
print("# %s kills; %d alerts due (%d more folded into newer revisions); %d requests "
      "received, %d acknowledged; acknowledged once %d, twice %d, more than twice %d, "
      "never %d; received more than twice %d; unknown keys %d"
      % (sys.argv[3], len(due), len(folded), sum(received.values()), sum(got.values()),
         sum(1 for k in due if got[k] == 1), dups, len(thrice), len(lost),
         sum(1 for k in received if received[k] > 2), len(unknown)))
print("lost=%s" % " ".join(lost))
print("thrice=%s" % " ".join(thrice))
print("unknown=%s" % " ".join(unknown))
PY
grep '^#' "$TMP/verdict"
check "every due alert was acknowledged at least once" grep -qx 'lost=' "$TMP/verdict"
check "none was acknowledged more than twice, and none that was never due arrived" \
	bash -c 'grep -qx "thrice=" "$1" && grep -qx "unknown=" "$1"' _ "$TMP/verdict"
grep -E '^(lost|thrice|unknown)=.' "$TMP/verdict" | sed 's/^/# /'
exit $FAILED
