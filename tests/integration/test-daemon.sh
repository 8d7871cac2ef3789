#!/bin/bash
# `statuswatch run` as systemd would run it: READY=1 over $NOTIFY_SOCKET, a
# first poll soon after start (jittered), SIGHUP with a broken config logs one
# line and keeps the daemon on the old config, SIGHUP with a good one swaps
# it (RELOADING=1 then READY=1), SIGTERM exits 0 within 2 s (STOPPING=1).
set -u
. "$(dirname "$0")/daemon-lib.sh"

start_server
statuspage_feed alpha.json inc-a investigating "Mail flow delays in Exchange Online"
statuspage_feed beta.json inc-b investigating "Teams calls drop"
write_conf() {
	cat >"$CONF" <<CONF
[source:alpha]
type = statuspage
url = http://127.0.0.1:$PORT/f/alpha.json
interval = 30s
CONF
	if [ "${1:-}" = both ]; then
		cat >>"$CONF" <<CONF

[source:beta]
type = statuspage
url = http://127.0.0.1:$PORT/f/beta.json
interval = 30s
CONF
	fi
}
write_conf

"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/notify_listener.py" "$TMP/notify.sock" \
	"$TMP/notify.log" &
NOTIFY_PID=$!
wait_for_socket() { for _ in $(seq 50); do [ -S "$TMP/notify.sock" ] && return 0; sleep 0.1; done; return 1; }
wait_for_socket || { echo "Bail out! notify listener did not start"; exit 99; }

echo "1..11"

NOTIFY_SOCKET=$TMP/notify.sock exec "$STATUSWATCH" --config "$CONF" --state-dir "$STATE" run \
	2>"$TMP/log" &
DAEMON_PID=$!

check "READY=1 is sent at start-up" wait_for "$TMP/notify.log" '^READY=1' 10
# interval 30 s: the first poll comes within its first tenth (3 s).
check "the first poll comes soon after start and opens the incident" \
	wait_for "$TMP/log" "incident '[^']+' opened .*alpha/inc-a" 10

# Broken config: one line, old config kept, still running.
printf '[source:alpha]\ntype = nosuchtype\n' >"$CONF"
kill -HUP "$DAEMON_PID"
check "a broken config on SIGHUP is reported" wait_for "$TMP/log" "keeping the old one" 5
check "in exactly one line" [ "$(grep -c 'reload' "$TMP/log")" = 1 ]
check "the daemon keeps running" kill -0 "$DAEMON_PID"
check "RELOADING=1 then READY=1 again" \
	wait_for "$TMP/notify.log" '^RELOADING=1' 5
[ "$(grep -c '^READY=1' "$TMP/notify.log")" -ge 2 ] || sleep 1

# Good config with a second source: swapped in and polled.
write_conf both
kill -HUP "$DAEMON_PID"
check "a good config on SIGHUP is swapped in" \
	wait_for "$TMP/log" "configuration reloaded: 2 sources" 5
check "the new source is polled" wait_for "$TMP/log" "opened .*beta/inc-b" 20

# SIGTERM: exit 0 within 2 s.
start=$(date +%s%N)
kill -TERM "$DAEMON_PID"
for _ in $(seq 30); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
wait "$DAEMON_PID"
rc=$?
elapsed=$((($(date +%s%N) - start) / 1000000))
DAEMON_PID=
check "SIGTERM exits 0 (got $rc)" [ "$rc" = 0 ]
check "within 2 s (took $elapsed ms)" [ "$elapsed" -lt 2000 ]
check "STOPPING=1 is sent" wait_for "$TMP/notify.log" '^STOPPING=1' 2

[ "$FAILED" = 0 ] || { cat "$TMP/log" "$TMP/notify.log" >&2; }
exit "$FAILED"
