# Shared by the daemon's integration tests (sourced, not run).
# Needs: $STATUSWATCH (the binary), $SW_PYTHON (Debian python3), $SW_SOURCE_ROOT.

: "${SW_PYTHON:=/usr/bin/python3}"
: "${SW_SOURCE_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
if [ -z "${STATUSWATCH:-}" ] || [ ! -x "$STATUSWATCH" ]; then
	echo "# STATUSWATCH not set or not executable, skipping"
	exit 77
fi
command -v "$SW_PYTHON" >/dev/null || { echo "# no python3, skipping"; exit 77; }

TMP=$(mktemp -d)
FEEDS=$TMP/feeds
STATE=$TMP/state
CONF=$TMP/statuswatch.conf
mkdir -p "$FEEDS"
HELPER_PIDS=() # loopback servers started by start_helper, stopped at exit
cleanup() {
	local p
	for p in "${HELPER_PIDS[@]}"; do kill "$p" 2>/dev/null; done
	[ -n "${DAEMON_PID:-}" ] && kill -KILL "$DAEMON_PID" 2>/dev/null
	[ -n "${NOTIFY_PID:-}" ] && kill "$NOTIFY_PID" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

FAILED=0
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; FAILED=1; }
check() { # description, command...
	local d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}

# start_helper VAR SCRIPT ARG...: runs tests/integration/SCRIPT, a loopback server that
# prints its port on its first line, until the test ends, and sets $VAR to that port
# ("Bail out!" when it does not start within 5 s).
start_helper() {
	local var=$1 script=$2 out
	shift 2
	out=$(mktemp "$TMP/port.XXXXXX")
	"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/$script" "$@" >"$out" &
	HELPER_PIDS+=($!)
	for _ in $(seq 50); do
		[ -s "$out" ] && break
		sleep 0.1
	done
	printf -v "$var" '%s' "$(head -n1 "$out")"
	[ -n "${!var}" ] || { echo "Bail out! $script did not start"; exit 99; }
}

# need_session_bus: skip (77) unless dbus-run-session and python3-dbus/python3-gi are here.
need_session_bus() {
	command -v dbus-run-session >/dev/null || { echo "dbus-run-session missing, skipping"; exit 77; }
	"$SW_PYTHON" -c 'import dbus, gi' 2>/dev/null ||
		{ echo "python3-dbus/python3-gi missing, skipping"; exit 77; }
}

# The feed server on $FEEDS (hits in $FEEDS/hits.log); its port in $PORT.
start_server() { start_helper PORT feed_server.py "$FEEDS"; }

# statuspage_page FILE PAGE_URL ID STATUS IMPACT TITLE BODY COMPONENTS: a Statuspage
# incidents.json with one incident, times "now" (resolved then, when STATUS is resolved).
statuspage_page() {
	local now res=null
	now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	[ "$4" = resolved ] && res="\"$now\""
	cat >"$FEEDS/$1.tmp" <<JSON
{"page":{"id":"p-$3","name":"$1","url":"$2","time_zone":"Etc/UTC","updated_at":"$now"},
 "incidents":[{"id":"$3","name":"$6","status":"$4","created_at":"$now","updated_at":"$now",
  "resolved_at":$res,"impact":"$5","shortlink":null,"started_at":"$now","page_id":"p-$3",
  "incident_updates":[{"id":"u-$3-$4","status":"$4","body":"$7","incident_id":"$3",
   "created_at":"$now","updated_at":"$now","display_at":"$now"}],
  "components":$8}]}
JSON
	mv "$FEEDS/$1.tmp" "$FEEDS/$1"
}

# The same, a major Exchange Online incident whose body is its title and status.
# statuspage_feed FILE ID STATUS TITLE
statuspage_feed() {
	statuspage_page "$1" https://status.example "$2" "$3" major "$4" "$4 ($3)" \
		'[{"id":"c1","name":"Exchange Online","status":"major_outage"}]'
}

# start_sending_peers: the SMTP server (mail in $MAIL, port $SPORT; RCPT to stall-* never
# answered), the webhook receiver (requests in $TMP/received.jsonl, port $RPORT; /hang never
# answered) and the feed server; skips the test without python3-aiosmtpd.
start_sending_peers() {
	"$SW_PYTHON" -c "import aiosmtpd" 2>/dev/null ||
		{ echo "# python3-aiosmtpd missing, skipping"; exit 77; }
	MAIL=$TMP/mail
	mkdir -p "$MAIL"
	start_helper SPORT smtp_server.py "$MAIL"
	start_helper RPORT alert_receiver.py "$TMP/received.jsonl"
	start_server
}

# sending_conf WEBHOOK_PATH MAIL_TO [TEXT]: $CONF with source 'alpha' (alpha.json on the
# feed server), alerts at once, a generic webhook to alert_receiver.py on $RPORT at
# WEBHOOK_PATH and an email notifier to smtp_server.py on $SPORT for MAIL_TO, both for
# alpha only; TEXT (more sections) appended.  Mode 600: the webhook URL is a secret.
sending_conf() {
	cat >"$CONF" <<CONF
[source:alpha]
type = statuspage
url = http://127.0.0.1:$PORT/f/alpha.json
interval = 30s

[policy]
group_wait = 0

[notify:hook]
type = generic
url = http://127.0.0.1:$RPORT$1
sources = alpha

[notify:mail]
type = email
smtp_url = smtp://127.0.0.1:$SPORT
starttls = off
from = statuswatch <statuswatch@example.com>
to = $2
sources = alpha
${3:-}
CONF
	chmod 600 "$CONF"
}

sw() { "$STATUSWATCH" --config "$CONF" --state-dir "$STATE" "$@"; }

# start_daemon LOG [OPTION...]: `statuswatch [OPTION...] run` on $CONF and $STATE in the
# background, stderr appended to LOG, stdout to $TMP/daemon.out; its pid in $DAEMON_PID
# (killed at exit if still running).  Not through sw(): a backgrounded function is a
# subshell, and killing it would leave the daemon running (holding the state directory's
# lock) behind it.
start_daemon() {
	local log=$1
	shift
	"$STATUSWATCH" "$@" --config "$CONF" --state-dir "$STATE" run >>"$TMP/daemon.out" \
		2>>"$log" &
	DAEMON_PID=$!
}
# stop_daemon: SIGTERM, and wait for it to exit; its exit status in $DAEMON_RC.
stop_daemon() {
	kill -TERM "$DAEMON_PID"
	wait "$DAEMON_PID" 2>/dev/null
	DAEMON_RC=$?
	DAEMON_PID=
}

# Rows in a table of the state database (read-only, through Python's sqlite3).
db_count() {
	"$SW_PYTHON" - "$STATE/state.db" "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(con.execute("SELECT COUNT(*) FROM %s" % sys.argv[2]).fetchone()[0])
PY
}

hits() { grep -c "^$1 $2\$" "$FEEDS/hits.log" 2>/dev/null || true; }

# wait_for FILE PATTERN SECONDS: until a line matches (grep -E) or time runs out.
wait_for() {
	local i
	for i in $(seq $(($3 * 10))); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
