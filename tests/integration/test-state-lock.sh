#!/bin/bash
# Issue 16, defect 8: one process at a time polls and stores into a state directory.
# With `statuswatch run` holding it, `poll` is refused with a line naming the holder
# (command and pid), and so are `merge` and `split` (they relink and store incidents as
# the daemon does), while read-only commands (incidents, sources) still work; once the
# daemon is gone, `poll`, `merge` and `split` work again.  Defect 10 (permissions): a new state directory is
# 0700 and its state.db 0600 whatever the umask; wider ones are reported.
set -u
SW=${STATUSWATCH:?}
DEMO=${SW_SOURCE_ROOT:?}/share/demo/exchange-2023-07.json
tmp=$(mktemp -d)
DAEMON_PID=
cleanup() {
	[ -n "$DAEMON_PID" ] && kill -KILL "$DAEMON_PID" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_CONFIG_HOME=$tmp/xdg-config XDG_STATE_HOME=$tmp/xdg-state
unset STATUSWATCH_CONFIG NOTIFY_SOCKET
failures=0
ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; failures=$((failures + 1)); }
contains() { if grep -q -- "$2" "$3"; then ok "$1"; else bad "$1 ('$2' not in output)"; sed 's/^/    /' "$3" | head -5; fi; }

umask 022
state=$tmp/state
printf '[source:demo]\ntype = feed\nurl = file://%s\ninterval = 1h\n' "$DEMO" >"$tmp/sw.conf"
chmod 600 "$tmp/sw.conf"

# --- permissions of a new state directory ---
"$SW" --config "$tmp/sw.conf" --state-dir "$state" poll --once >/dev/null 2>"$tmp/err" ||
	{ bad "first poll"; cat "$tmp/err"; }
[ "$(stat -c %a "$state")" = 700 ] && ok "new state dir is 0700" || bad "new state dir is $(stat -c %a "$state")"
[ "$(stat -c %a "$state/state.db")" = 600 ] && ok "new state.db is 0600" ||
	bad "new state.db is $(stat -c %a "$state/state.db")"
if grep -q "mode" "$tmp/err"; then bad "no permission warning for a fresh dir"; else ok "no permission warning for a fresh dir"; fi

# --- the lock ---
"$SW" --config "$tmp/sw.conf" --state-dir "$state" run >"$tmp/daemon.out" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 100); do
	grep -q "^$DAEMON_PID statuswatch run" "$state/lock" 2>/dev/null && break
	sleep 0.1
done
grep -q "^$DAEMON_PID statuswatch run" "$state/lock" && ok "the daemon holds the lock" ||
	{ bad "the daemon holds the lock"; cat "$tmp/daemon.out"; }

"$SW" --config "$tmp/sw.conf" --state-dir "$state" poll --once >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && ok "poll while the daemon runs exits 1" || bad "poll while the daemon runs exits $rc"
contains "the refusal names the holder" "is in use by statuswatch run (pid $DAEMON_PID)" "$tmp/err"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "one line" || bad "one line"
"$SW" --config "$tmp/sw.conf" --state-dir "$state" run >/dev/null 2>"$tmp/err2"
rc=$?
[ $rc -eq 1 ] && ok "a second daemon exits 1" || bad "a second daemon exits $rc"
contains "a second daemon says who runs" "in use by statuswatch run (pid $DAEMON_PID)" "$tmp/err2"
"$SW" --state-dir "$state" incidents --all >/dev/null 2>"$tmp/err" &&
	ok "incidents works meanwhile" || { bad "incidents works meanwhile"; cat "$tmp/err"; }
"$SW" --config "$tmp/sw.conf" --state-dir "$state" sources >/dev/null 2>"$tmp/err" &&
	ok "sources works meanwhile" || { bad "sources works meanwhile"; cat "$tmp/err"; }

for cmd in "split EX649175" "merge EX649175 EX648815"; do
	# shellcheck disable=SC2086 # the command and its arguments
	"$SW" --config "$tmp/sw.conf" --state-dir "$state" $cmd >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 1 ] && ok "${cmd%% *} while the daemon runs exits 1" ||
		bad "${cmd%% *} while the daemon runs exits $rc"
	contains "${cmd%% *}: the refusal names the holder" \
		"is in use by statuswatch run (pid $DAEMON_PID)" "$tmp/err"
	[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "${cmd%% *}: one line" || bad "${cmd%% *}: one line"
	[ -s "$tmp/out" ] && bad "${cmd%% *} printed a result" || ok "${cmd%% *} recorded nothing"
done
"$SW" --state-dir "$state" show EX649175 >"$tmp/show" 2>&1
grep -q "merged by hand" "$tmp/show" && bad "no decision was stored meanwhile" ||
	ok "no decision was stored meanwhile"

kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
DAEMON_PID=
"$SW" --config "$tmp/sw.conf" --state-dir "$state" poll --once >/dev/null 2>"$tmp/err" &&
	ok "poll works once the daemon is gone" || { bad "poll works once the daemon is gone"; cat "$tmp/err"; }
"$SW" --config "$tmp/sw.conf" --state-dir "$state" split EX649175 >"$tmp/out" 2>"$tmp/err" &&
	ok "split works once the daemon is gone" || { bad "split works once the daemon is gone"; cat "$tmp/err"; }
contains "split says what it did" "split demo/EX649175 off by hand" "$tmp/out"

# --- wider permissions are reported ---
chmod 755 "$state"
chmod 644 "$state/state.db"
"$SW" --state-dir "$state" incidents >/dev/null 2>"$tmp/err"
contains "a 0755 state dir is reported" "state directory '$state' is mode 0755" "$tmp/err"
contains "a 0644 state.db is reported" "state database '$state/state.db' is mode 0644" "$tmp/err"

[ "$failures" -eq 0 ]
