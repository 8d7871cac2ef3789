#!/bin/bash
# Issue 16, defect 4: a feed whose title, id, service and text hold terminal escapes
# (ESC ] window title, BEL, CSI colour/clear, C1 CSI U+009B, DEL, CR, a newline that
# forges a line) must print none of them in any human-readable output: `link` text,
# `incidents`, `show`, `why` (every g_print of the CLI).  Control characters come out as '?', one value per line.
set -u
. "$(dirname "$0")/cli-lib.sh"
FEED=${SW_SOURCE_ROOT:?}/tests/fixtures/hostile/jsonfeed-terminal-escapes.json
export STATUSWATCH_NOW=2026-01-01T00:00:00Z

# check DESC FILE: no C0 control but \n and \t, no DEL, no C1 (as UTF-8), no forged line.
check() {
	if "$PY" - "$2" <<'PY'; then ok "$1"; else bad "$1"; sed 's/^/    /' "$2" | cat -v | head -20; fi
import re, sys
data = open(sys.argv[1], "rb").read()
text = data.decode("utf-8")  # invalid UTF-8 fails too
bad = re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
if bad:
    print("    control U+%04X at offset %d" % (ord(bad.group()), bad.start()))
    sys.exit(1)
if re.search("^FORGED", text, re.M):
    print("    a newline inside a title started a line")
    sys.exit(1)
PY
}
# run DESC CMD...: stdout and stderr both checked, and the command must succeed.
run() {
	local desc=$1
	shift
	if "$@" >"$tmp/out" 2>"$tmp/err"; then ok "$desc runs"; else bad "$desc runs (exit $?)"; fi
	check "$desc: stdout" "$tmp/out"
	check "$desc: stderr" "$tmp/err"
	grep -q "pwned" "$tmp/out" && ok "$desc shows the title" || bad "$desc shows the title"
}

run "link (text)" "$SW" link "$FEED"
# poll links by the real clock, so the stored copy is dated an hour ago.
unset STATUSWATCH_NOW
state=$tmp/state
sed "s/2025-12-31T09:/$(date -u -d '-1 hour' +%Y-%m-%dT%H):/" "$FEED" >"$tmp/feed.json"
printf '[source:escapes]\ntype = feed\nurl = file://%s\n' "$tmp/feed.json" >"$tmp/sw.conf"
chmod 600 "$tmp/sw.conf"
if "$SW" --config "$tmp/sw.conf" --state-dir "$state" poll --once >"$tmp/out" 2>"$tmp/err"; then
	ok "poll --once"
else
	bad "poll --once"; cat "$tmp/err"
fi
check "poll --once: stderr" "$tmp/err"
run "incidents --all" "$SW" --state-dir "$state" incidents --all
id=$("$SW" --state-dir "$state" incidents --all --json | "$PY" -c \
	'import json,sys; print(json.load(sys.stdin)["incidents"][0]["id"])')
run "show" "$SW" --state-dir "$state" show "$id"
run "why" "$SW" --config "$tmp/sw.conf" --state-dir "$state" why "$id"

[ "$failures" -eq 0 ]
