#!/bin/bash
# Issue 16, defect 7: a hostile low-variety feed must not keep the daemon from answering
# SIGTERM.  Five loopback feeds of 4,000 items each, every text drawn from the same 16
# words within one hour, make every pair of the 20,000 advisories share some rare phrase:
# linking them took ~65 s on the main thread, and SIGTERM waited for it.  systemd sends
# SIGKILL 10 s after SIGTERM (TimeoutStopSec's default), so the daemon must be gone, with
# exit 0, well within that.  (A behavioural bound, the unit's, not a speed target.)
# The SIGTERM comes as soon as a relink is logged, while it still reads the store: a
# signal then went unanswered until the linking ended (18 s under ASan and load).
. "$(dirname "$0")/daemon-lib.sh"

FEEDS_N=5
ITEMS=4000
"$SW_PYTHON" - "$FEEDS" "$FEEDS_N" "$ITEMS" <<'PY'
import email.utils, os, random, sys, time
root, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
words = ("rollback instances queue recovery error requests investigating monitoring "
         "backlog endpoint storage network deployment customers connectivity rates").split()
rnd = random.Random(16)
t0 = int(time.time()) - 7200  # an hour-long flood that started two hours ago
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
    with open(os.path.join(root, "flood%d.xml" % f), "w") as fh:
        fh.write("\n".join(out))
PY

start_server
{
	for f in $(seq 0 $((FEEDS_N - 1))); do
		printf '[source:flood%d]\ntype = feed\nurl = http://127.0.0.1:%s/f/flood%d.xml\n' \
			"$f" "$PORT" "$f"
		printf 'max_items = %d\ninterval = 30s\n\n' "$ITEMS"
	done
} >"$CONF"
chmod 600 "$CONF"

echo "1..4"
"$STATUSWATCH" -v --config "$CONF" --state-dir "$STATE" run 2>"$TMP/log" &
DAEMON_PID=$!

# SIGTERM once a relink has begun and not ended ("linking N changed advisories" logged,
# no "linked" after it).  Not once every feed is stored: the main loop waits for a relink,
# so under a sanitizer the first relink (of the one or two feeds stored by then, ~55 s)
# held the other feeds back past the test's own time limit.
relinking=
for _ in $(seq 600); do # up to 60 s
	if grep -q "linking [0-9]* changed advisories" "$TMP/log" 2>/dev/null; then
		last=$(grep -E "linking [0-9]* changed advisories|linked [0-9]* changed" "$TMP/log" | tail -n1)
		case $last in *"linking "*) relinking=yes; break ;; esac
	fi
	sleep 0.1
done
echo "# stored when SIGTERM was sent: $(grep -c "^statuswatch: source 'flood[0-9]*': $ITEMS items" "$TMP/log") of $FEEDS_N feeds"
check "a relink of the flood begins within 60 s" test -n "$relinking"
# At once: the relink is reading its advisories from the store now (a second or more for
# 20,000 under a sanitizer or load), and a signal then must stop it as well as one that
# comes while they are linked.

start=$(date +%s%N)
kill -TERM "$DAEMON_PID"
status=
for _ in $(seq 150); do # up to 15 s, then the test's own SIGKILL
	if ! kill -0 "$DAEMON_PID" 2>/dev/null; then
		wait "$DAEMON_PID"
		status=$?
		break
	fi
	sleep 0.1
done
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
echo "# SIGTERM to exit: ${elapsed_ms} ms"
if [ -z "$status" ]; then
	kill -KILL "$DAEMON_PID" 2>/dev/null
	wait "$DAEMON_PID" 2>/dev/null
fi
DAEMON_PID=
check "the daemon ends within systemd's 10 s after SIGTERM during a hostile relink" \
	test -n "$status" -a "$elapsed_ms" -lt 10000
check "and exits 0" test "${status:-x}" = 0
check "and logs that it stopped" grep -q 'stopping' "$TMP/log"
grep -E 'linking incidents|linked ' "$TMP/log" | sed 's/^/# /'
exit $FAILED
