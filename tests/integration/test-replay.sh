#!/bin/bash
# `statuswatch replay --json` over three scenarios built from ../shared/corpus
# (tests/fixtures/replay/, README.md there): what a notifier would receive, checked
# the way a user reading the alerts would check it.
set -u
: "${SW_PYTHON:=/usr/bin/python3}"
: "${SW_SOURCE_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
[ -x "${STATUSWATCH:-}" ] || { echo "# STATUSWATCH not set, skipping"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FIX=$SW_SOURCE_ROOT/tests/fixtures/replay
cat >"$TMP/conf" <<CONF
[notify:chat]
type = terminal
CONF
echo "1..4"
FAILED=0
run() { # scenario → $TMP/scenario.jsonl
	if ! "$STATUSWATCH" --config "$TMP/conf" replay --json "$FIX/$1" >"$TMP/$1.jsonl" 2>"$TMP/$1.err"; then
		echo "# replay $1 failed:"; sed 's/^/# /' "$TMP/$1.err"; return 1
	fi
}
check() { # description, scenario, python checks on `alerts`
	local d=$1 s=$2 code=$3
	if run "$s" && "$SW_PYTHON" - "$TMP/$s.jsonl" <<PY
import json, sys
alerts = [json.loads(l) for l in open(sys.argv[1])]
def ids(a): return [m["id"] for m in a["incident"]["advisories"]] if a["incident"] else []
def fail(msg):
    print("# " + msg)
    for a in alerts: print("#   %s %s %s %s" % (a["time"], a["event"], a["incident"] and a["incident"]["id"], ids(a)))
    sys.exit(1)
$code
PY
	then echo "ok - $d"; else echo "not ok - $d"; FAILED=1; fi
}

check "July 2023: one 'opened' naming EX648815 and EX649175, one 'resolved', no second incident" exchange-2023-07 '
mine = [a for a in alerts if set(ids(a)) & {"EX648815", "EX649175"}]
ev = [a["event"] for a in mine]
if ev not in (["opened", "resolved"], ["opened", "grew", "resolved"]): fail("events %s" % ev)
if not {"EX648815", "EX649175"} <= set(ids(mine[0])) and ev[1] != "grew": fail("opened lacks EX649175")
if len({a["incident"]["id"] for a in mine}) != 1: fail("more than one incident")
if mine[0]["time"] != "2023-07-18T07:00:00Z": fail("opened at %s, not after one more poll" % mine[0]["time"])
if any(a["event"] == "opened" for a in alerts if a not in mine): fail("another incident opened")
r = mine[-1]["incident"]
if r["status"] != "resolved" or r["end"] is None: fail("resolved alert says %s" % r["status"])
'

check "Fastly 2021: the vague first post waits for the next poll; the opened alert is specific" fastly-2021-06 '
mine = [a for a in alerts if "hws5gcwsgl3a" in ids(a)]
ev = [a["event"] for a in mine]
if ev[0] != "opened" or ev[-1] != "resolved" or ev.count("opened") != 1: fail("events %s" % ev)
if mine[0]["incident"]["title"] != "Global CDN disruption": fail("opened title %r" % mine[0]["incident"]["title"])
if any("possible performance" in (a["incident"]["title"] or "") for a in alerts if a["incident"]): fail("vague title alerted")
if mine[0]["time"] != "2021-06-08T10:17:00Z": fail("opened at %s" % mine[0]["time"])
if any(a["incident"]["id"] != mine[0]["incident"]["id"] for a in mine): fail("the incident changed id")
# 3f6secwm4fd8 was over before the first poll: history, never alerted
if any("3f6secwm4fd8" in ids(a) for a in alerts): fail("history alerted")
'

check "DDoS 2023: EX571516 opens; the add-in outage (once it cites EX571516) and MO571683 join it; the calendar bug stays out" ddos-2023-06 '
op = [a for a in alerts if a["event"] == "opened" and "EX571516" in ids(a)]
if len(op) != 1: fail("opened %s" % [ids(a) for a in op])
# The add-in post of 15:05 says only that the add-in does not load; its 15:40 post cites
# EX571516.  It may open with EX571516 or join it later, never elsewhere.
mine = [a for a in alerts if a["incident"] and a["incident"]["id"] == op[0]["incident"]["id"]]
if not any("m7t1ks4c9zqe" in ids(a) for a in mine): fail("the add-in outage never joined EX571516")
if any("m7t1ks4c9zqe" in ids(a) for a in alerts if a not in mine): fail("the add-in outage elsewhere")
if any("EX571480" in ids(a) for a in mine): fail("the calendar time-zone bug joined the outage")
grew = [a for a in alerts if a["event"] == "grew" and "MO571683" in ids(a)]
if not grew or grew[0]["incident"]["id"] != op[0]["incident"]["id"]: fail("MO571683 did not join as grew")
# an advisory is opened at most once, whatever the linker later does
seen = {}
for a in alerts:
    if a["event"] == "opened":
        for i in ids(a):
            if i in seen: fail("%s opened twice" % i)
            seen[i] = a["time"]
times = [a["time"] for a in alerts]
if times != sorted(times): fail("alerts not in time order")
'

# A folder that is not a snapshot is one clear line and exit 2.
mkdir -p "$TMP/bad/yesterday"
out=$("$STATUSWATCH" --config "$TMP/conf" replay "$TMP/bad" 2>&1); rc=$?
if [ "$rc" = 2 ] && echo "$out" | grep -q "is not a snapshot folder named by its RFC 3339 time"; then
	echo "ok - a misnamed folder is refused with exit 2"
else
	echo "not ok - a misnamed folder: rc $rc: $out"; FAILED=1
fi
exit $FAILED
