#!/bin/bash
# Issue 16, defect 1, as `poll` shows it: eight feeds on one host:port accept and never
# answer (more than the six connections a host gets), and a ninth feed on the same host
# answers.  The good feed must be polled while the hung ones are still waiting, not
# after they time out: its "items" line comes before the first hung source's failure.
# Order in the log, not a stopwatch (the hung ones time out after 12 s; a request that
# received nothing for 5 s stops counting against the host's connections).
set -u
. "$(dirname "$0")/daemon-lib.sh"

start_server
statuspage_feed good.json inc-g investigating "Mail flow delays in Exchange Online"
{
	for i in 1 2 3 4 5 6 7 8; do
		statuspage_feed "hung$i.json" "inc-h$i" investigating "Hung feed $i"
		echo 60 >"$FEEDS/hung$i.json.delay"
		# The hung ones first, in the config and by name: the good one queues behind them.
		printf '[source:a-hung%s]\ntype = statuspage\nurl = http://127.0.0.1:%s/f/hung%s.json\ntimeout = 12s\n\n' \
			"$i" "$PORT" "$i"
	done
	printf '[source:z-good]\ntype = statuspage\nurl = http://127.0.0.1:%s/f/good.json\ntimeout = 12s\n' \
		"$PORT"
} >"$CONF"
chmod 600 "$CONF"

echo "1..4"
sw -v poll --once >"$TMP/out" 2>"$TMP/log"
rc=$?
check "poll exits 1 (eight sources failed)" [ "$rc" = 1 ]
check "the good feed was read" grep -q "source 'z-good': 1 items" "$TMP/log"
check "all eight hung feeds timed out" [ "$(grep -c "source 'a-hung[1-8]': .*, skipping" "$TMP/log")" = 8 ]
good=$(grep -n "source 'z-good': 1 items" "$TMP/log" | head -n1 | cut -d: -f1)
hung=$(grep -n "source 'a-hung[1-8]': .*, skipping" "$TMP/log" | head -n1 | cut -d: -f1)
before() { [ -n "$1" ] && [ -n "$2" ] && [ "$1" -lt "$2" ]; }
check "the good feed was polled before the first hung one gave up (log lines ${good:-?} < ${hung:-?})" \
	before "$good" "$hung"
[ "$FAILED" = 0 ] || sed 's/^/# /' "$TMP/log" | grep -v "^# $" | head -30
exit $FAILED
