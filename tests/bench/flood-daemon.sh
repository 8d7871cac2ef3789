#!/bin/bash
# Daemon under a hostile flood: 5 loopback feeds x 4,000 items from 16 words in one hour,
# rewritten every 25 s (each poll brings 20,000 changed advisories), plus one ordinary
# Statuspage source polled every 30 s.  Prints the ordinary source's poll times and relink
# lines (seconds since start), then SIGTERM-to-exit.  Never a test.
# Usage: tests/bench/flood-daemon.sh build/src/statuswatch [SECONDS, default 120]
STATUSWATCH=$1
DURATION=${2:-120}
SW_SOURCE_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$SW_SOURCE_ROOT/tests/integration/daemon-lib.sh"
gen() {
"$SW_PYTHON" - "$FEEDS" 5 4000 "$1" <<'PY'
import email.utils, os, random, sys, time
root, feeds, items, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
words = ("rollback instances queue recovery error requests investigating monitoring "
         "backlog endpoint storage network deployment customers connectivity rates").split()
rnd = random.Random(seed)
t0 = int(time.time()) - 7200
for f in range(feeds):
    out = ['<?xml version="1.0"?><rss version="2.0"><channel><title>flood%d</title>'
           '<link>http://flood.example/</link><description>x</description>' % f]
    for i in range(items):
        title = " ".join(rnd.choice(words) for _ in range(6))
        text = " ".join(rnd.choice(words) for _ in range(60))
        when = email.utils.formatdate(t0 + rnd.randrange(3600), usegmt=True)
        out.append("<item><title>%s</title><description>%s</description>"
                   "<guid isPermaLink=\"false\">f%d-%d</guid><pubDate>%s</pubDate></item>"
                   % (title, text, f, i, when))
    out.append("</channel></rss>")
    p = os.path.join(root, "flood%d.xml" % f)
    with open(p + ".tmp", "w") as fh:
        fh.write("\n".join(out))
    os.rename(p + ".tmp", p)
PY
}
gen 16
statuspage_feed normal.json inc1 investigating "Mail delivery delayed"
start_server
{
	for f in 0 1 2 3 4; do
		printf '[source:flood%d]\ntype = feed\nurl = http://127.0.0.1:%s/f/flood%d.xml\n' "$f" "$PORT" "$f"
		printf 'max_items = 4000\ninterval = 30s\n\n'
	done
	printf '[source:normal]\ntype = statuspage\nurl = http://127.0.0.1:%s/f/normal.json\ninterval = 30s\n' "$PORT"
} >"$CONF"
chmod 600 "$CONF"
T0=$(date +%s.%N)
"$STATUSWATCH" -v --config "$CONF" --state-dir "$STATE" run 2> >("$SW_PYTHON" -u -c '
import sys, time
t0 = float(sys.argv[1])
for line in sys.stdin:
    sys.stdout.write("%7.1f %s" % (time.time() - t0, line))
' "$T0" >"$TMP/log") &
DAEMON_PID=$!
( seed=17; while sleep 25; do gen $seed; seed=$((seed + 1)); done ) &
GEN_PID=$!
( while sleep 5; do statuspage_feed normal.json inc1 investigating "Mail delivery delayed"; done ) &
NORM_PID=$!
sleep "$DURATION"
kill "$GEN_PID" "$NORM_PID" 2>/dev/null
start=$(date +%s%N)
kill -TERM "$DAEMON_PID"
for _ in $(seq 300); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
echo "SIGTERM to exit: $((($(date +%s%N) - start) / 1000000)) ms"
kill -KILL "$DAEMON_PID" 2>/dev/null
sleep 0.5
grep -E "source 'normal'|linked |linking|stopping" "$TMP/log" | grep -v "^ *$"
echo "polls of flood0: $(grep -c "source 'flood0'" "$TMP/log")"
