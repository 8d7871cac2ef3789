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
SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
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

start_server() {
	"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/feed_server.py" "$FEEDS" >"$TMP/port" &
	SERVER_PID=$!
	for _ in $(seq 50); do
		[ -s "$TMP/port" ] && break
		sleep 0.1
	done
	PORT=$(head -n1 "$TMP/port")
	[ -n "$PORT" ] || { echo "Bail out! feed server did not start"; exit 99; }
}

# A Statuspage incidents.json with one incident, times "now".
# statuspage_feed FILE ID STATUS TITLE
statuspage_feed() {
	local now res=null
	now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	[ "$3" = resolved ] && res="\"$now\""
	cat >"$FEEDS/$1.tmp" <<JSON
{"page":{"id":"p1","name":"$1","url":"https://status.example","time_zone":"Etc/UTC","updated_at":"$now"},
 "incidents":[{"id":"$2","name":"$4","status":"$3","created_at":"$now","updated_at":"$now",
  "resolved_at":$res,"impact":"major","shortlink":null,"started_at":"$now","page_id":"p1",
  "incident_updates":[{"id":"u-$3","status":"$3","body":"$4 ($3)","incident_id":"$2",
   "created_at":"$now","updated_at":"$now","display_at":"$now"}],
  "components":[{"id":"c1","name":"Exchange Online","status":"major_outage"}]}]}
JSON
	mv "$FEEDS/$1.tmp" "$FEEDS/$1"
}

sw() { "$STATUSWATCH" --config "$CONF" --state-dir "$STATE" "$@"; }

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
