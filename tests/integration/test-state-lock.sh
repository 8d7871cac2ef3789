#!/bin/bash
# Issue 16, defect 8: one process at a time polls and stores into a state directory.
# With `statuswatch run` holding it, `poll` is refused with a line naming the holder
# (command and pid), while read-only commands (incidents, sources) still work, and `merge`
# and `split` record the decision and have the daemon apply it (SIGHUP); a holder that is
# not the daemon is not signalled; once the daemon is gone, `poll`, `merge` and `split`
# take the lock again.  Defect 10 (permissions): a new state directory is
# 0700 and its state.db 0600 whatever the umask; wider ones are reported.
set -u
. "$(dirname "$0")/cli-lib.sh"
DEMO=${SW_SOURCE_ROOT:?}/share/demo/exchange-2023-07.json
DAEMON_PID=
HOLDER_PID=
cleanup_more() {
	[ -n "$DAEMON_PID" ] && kill -KILL "$DAEMON_PID" 2>/dev/null
	[ -n "$HOLDER_PID" ] && kill "$HOLDER_PID" 2>/dev/null
}
unset NOTIFY_SOCKET

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

# merge and split are not refused: they record the decision and ask the daemon (SIGHUP) to
# relink, so an admin overrules the linker without stopping the service.
for cmd in "merge EX649175 EX648815" "split EX649175"; do
	# shellcheck disable=SC2086 # the command and its arguments
	"$SW" --config "$tmp/sw.conf" --state-dir "$state" $cmd >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 0 ] && ok "${cmd%% *} while the daemon runs exits 0" ||
		{ bad "${cmd%% *} while the daemon runs exits $rc"; cat "$tmp/err"; }
	contains "${cmd%% *}: says the daemon was asked" \
		"by hand: recorded; the running daemon (pid $DAEMON_PID) was asked to apply it" "$tmp/out"
	[ -s "$tmp/err" ] && bad "${cmd%% *}: nothing on stderr" || ok "${cmd%% *}: nothing on stderr"
	# merged: EX649175's incident says so; split: it holds EX649175 alone
	for _ in $(seq 150); do
		"$SW" --state-dir "$state" show EX649175 >"$tmp/show" 2>&1
		if [ "${cmd%% *}" = merge ]; then
			grep -q "merged by hand" "$tmp/show" && break
		else
			grep -q "Members (1)" "$tmp/show" && break
		fi
		sleep 0.2
	done
	if [ "${cmd%% *}" = merge ]; then
		contains "merge: the daemon applied it" "merged by hand" "$tmp/show"
	else
		contains "split: the daemon applied it" "Members (1)" "$tmp/show"
	fi
done
contains "the daemon logged the decisions" "applying a decision made by hand: split demo/EX649175" \
	"$tmp/daemon.out"

kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
DAEMON_PID=
# A holder that is not the daemon (a `poll --once`, played here by python holding the
# lock) has no SIGHUP handler: it is not signalled; the decision waits for the next relink.
"${SW_PYTHON:-/usr/bin/python3}" -c '
import fcntl, os, sys, time
f = open(sys.argv[1], "r+")
fcntl.flock(f, fcntl.LOCK_EX)
f.truncate(0)
f.write("%d statuswatch poll\n" % os.getpid())
f.flush()
open(sys.argv[2], "w").close()
time.sleep(60)' "$state/lock" "$tmp/held" &
HOLDER_PID=$!
for _ in $(seq 50); do [ -e "$tmp/held" ] && break; sleep 0.1; done
"$SW" --config "$tmp/sw.conf" --state-dir "$state" merge EX649175 EX648815 >"$tmp/out" 2>"$tmp/err" &&
	ok "merge while a poll holds the lock exits 0" || { bad "merge while a poll holds the lock"; cat "$tmp/err"; }
contains "  and says when it applies" \
	"recorded; statuswatch poll (pid $HOLDER_PID) holds the state directory, so it applies at the next relink" \
	"$tmp/out"
kill -0 "$HOLDER_PID" 2>/dev/null && ok "  and did not signal the poll" || bad "  and did not signal the poll"
kill "$HOLDER_PID"
wait "$HOLDER_PID" 2>/dev/null
# A lock file naming an unrelated process as "statuswatch run" (stale after a crash, a
# recycled pid, another pid namespace): that process has a SIGHUP handler but is not
# statuswatch, so it is never signalled.
rm -f "$tmp/held" "$tmp/hup"
"${SW_PYTHON:-/usr/bin/python3}" -c '
import fcntl, os, signal, sys, time
signal.signal(signal.SIGHUP, lambda *a: open(sys.argv[3], "w").close())
f = open(sys.argv[1], "r+")
fcntl.flock(f, fcntl.LOCK_EX)
f.truncate(0)
f.write("%d statuswatch run\n" % os.getpid())
f.flush()
open(sys.argv[2], "w").close()
time.sleep(60)' "$state/lock" "$tmp/held" "$tmp/hup" &
HOLDER_PID=$!
for _ in $(seq 50); do [ -e "$tmp/held" ] && break; sleep 0.1; done
"$SW" --config "$tmp/sw.conf" --state-dir "$state" merge EX649175 EX648815 >"$tmp/out" 2>"$tmp/err" &&
	ok "merge while a non-statuswatch pid is named as the daemon exits 0" ||
	{ bad "merge with a decoy holder"; cat "$tmp/err"; }
contains "  and says it was not signalled" \
	"the lock file names pid $HOLDER_PID, which is not a statuswatch daemon here" "$tmp/out"
sleep 0.3
[ ! -e "$tmp/hup" ] && ok "  and the decoy got no SIGHUP" || bad "  and the decoy got a SIGHUP"
kill "$HOLDER_PID"
wait "$HOLDER_PID" 2>/dev/null
HOLDER_PID=
# Those merges were recorded while no daemon ran; a daemon without notifiers (no relink at
# start) applies them at its first relink, not only after their advisories change.
"$SW" --config "$tmp/sw.conf" --state-dir "$state" run >"$tmp/daemon2.out" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 150); do
	"$SW" --state-dir "$state" show EX649175 >"$tmp/show" 2>&1
	grep -q "merged by hand" "$tmp/show" && break
	sleep 0.2
done
contains "a decision recorded while no daemon ran is applied by the next daemon" \
	"merged by hand" "$tmp/show"
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
