#!/bin/bash
# A note in the running daemon (see Incident.notes): source alpha's incident is opened
# and alerted through a generic webhook (alert_receiver.py); then a later poll, of a
# source added by SIGHUP, brings another page's "Not affected: ... incident AC7731"
# notice.  The user sees it (`show` lists it under Notes, `incidents` counts it) and
# nothing more is sent for it: no alert queued (outbox) and no request at the receiver.
# The alert policy must ignore notes; if it did not, the note's arrival would be an
# update sent at once (group_interval 0) and this test fails.  Last, a real change (a
# third page's trouble caused by AC7731 joins) is sent at once, the note flagged in its
# payload: the quiet before was the policy's doing, not a slow sender.
set -u
. "$(dirname "$0")/daemon-lib.sh"

start_server
start_helper RPORT alert_receiver.py "$TMP/received.jsonl"

statuspage_page alpha.json https://status.acme.example AC7731 investigating major \
	"Elevated API error rates" \
	"We are investigating elevated error rates on the public API." \
	'[{"id":"c1","name":"API","status":"major_outage"}]'
statuspage_page beta.json https://status.birchline.example bl-note-1 resolved none \
	"Not affected: Acme incident AC7731" \
	"Acme's incident AC7731 does not affect Birchline. All our services work as usual." \
	'[]'

cat >"$CONF" <<CONF
[source:alpha]
type = statuspage
url = http://127.0.0.1:$PORT/f/alpha.json
interval = 30s

[policy]
group_wait = 0
group_interval = 0

[notify:hook]
type = generic
url = http://127.0.0.1:$RPORT/ok
CONF
chmod 600 "$CONF"

# add_source NAME: the Statuspage feed NAME.json joins the running daemon's sources (SIGHUP).
add_source() {
	printf '\n[source:%s]\ntype = statuspage\nurl = http://127.0.0.1:%s/f/%s.json\ninterval = 30s\n' \
		"$1" "$PORT" "$1" >>"$CONF"
	kill -HUP "$DAEMON_PID"
}

# requests: how many alerts the receiver got
requests() { grep -c '"path": "/ok"' "$TMP/received.jsonl" 2>/dev/null || true; }
# shown ID: `statuswatch show ID` lists the note under Notes (the daemon commits the
# relink and the policy's pass over it in one transaction: once it is seen, the pass that
# saw it has queued whatever it would send)
shown() { sw show "$1" 2>/dev/null | grep -A1 '^Notes (1, not affected):$' | grep -q 'bl-note-1 (beta)'; }
wait_shown() {
	local i
	for i in $(seq 200); do
		shown "$1" && return 0
		sleep 0.1
	done
	return 1
}

echo "1..11"
start_daemon "$TMP/log" -v

check "the incident is opened and alerted" wait_for "$TMP/received.jsonl" '"path": "/ok"' 15
check "  delivered" wait_for "$TMP/log" "delivered to 'hook'" 15
check "  one alert, 'opened', for AC7731" "$SW_PYTHON" - "$TMP/received.jsonl" <<'PY'
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1]) if '"path"' in l]
assert len(rs) == 1 and rs[0]["event"] == "opened" and rs[0]["members"] == ["AC7731"], rs
PY
INC=$(sw incidents --json | "$SW_PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["incidents"][0]["id"])')
outbox_before=$(db_count outbox)

# A later poll: the new source's page says it is not affected by AC7731.
add_source beta
check "the source with the notice is added" wait_for "$TMP/log" "configuration reloaded: 2 sources" 10
check "show lists the notice under the incident's Notes" wait_shown "$INC"
check "incidents counts it beside the advisory" \
	bash -c 'grep -q "^$1 .*  1 advisory (+1 note, not affected)$" <<<"$2"' _ "$INC" "$(sw incidents)"
check "no alert was queued for the note (outbox rows: $outbox_before)" \
	[ "$(db_count outbox)" = "$outbox_before" ]
# Whatever was queued has had time to go out (a send is immediate at group_wait 0).
sleep 2
check "the receiver got nothing more (requests: $(requests))" [ "$(requests)" = 1 ]
check "the note stayed a note: it opened no incident of its own" \
	bash -c '! grep -q "opened .*beta/bl-note-1" "$1"' _ "$TMP/log"

# A real change is sent: a third page's trouble caused by AC7731 joins the incident.
statuspage_page gamma.json https://status.cedarpay.example cp-77 investigating major \
	"Payments failing" \
	"Card payments fail because of Acme incident AC7731 (elevated API error rates)." \
	'[{"id":"c9","name":"Payments","status":"major_outage"}]'
add_source gamma
check "a member joining the incident is sent" wait_for "$TMP/received.jsonl" '"n": 2' 15
check "  one more request, the note flagged apart from the members, no change of its own" \
	"$SW_PYTHON" - "$TMP/received.jsonl" <<'PY'
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1]) if '"path"' in l]
assert len(rs) == 2 and rs[1]["event"] != "opened", rs
assert rs[1]["members"] == ["AC7731", "cp-77"] and rs[1]["notes"] == ["bl-note-1"], rs[1]
assert not any("bl-note-1" in c for c in rs[1]["changes"]), rs[1]["changes"]
PY
stop_daemon

[ "$FAILED" = 0 ] || { cat "$TMP/log" >&2; cat "$TMP/received.jsonl" >&2; }
exit "$FAILED"
