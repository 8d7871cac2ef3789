#!/bin/bash
# `statuswatch poll --once` with a type = m365 source against the loopback
# Graph stand-in (graph_server.py): the daemon's path through the Graph client
# stores the July 2023 issues (two pages), a 403 is one warning line naming the
# source (exit 1) and keeps what was stored, and a feed source beside it is
# still polled.
set -u
. "$(dirname "$0")/daemon-lib.sh"

start_helper GPORT graph_server.py "$SW_SOURCE_ROOT/tests/fixtures/graph"
control() { "$SW_PYTHON" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1]).read()" \
	"http://127.0.0.1:$GPORT/_control?scenario=$1"; }

start_server
statuspage_feed alpha.json inc-a investigating "Mail flow delays in Exchange Online"
export SW_TEST_GRAPH_SECRET='s3cr3t&=+ %value'
cat >"$CONF" <<CONF
[source:contoso]
type = m365
tenant = contoso.onmicrosoft.com
client_id = app-id
client_secret = env:SW_TEST_GRAPH_SECRET
login_url = http://127.0.0.1:$GPORT
graph_url = http://127.0.0.1:$GPORT

[source:alpha]
type = statuspage
url = http://127.0.0.1:$PORT/f/alpha.json
CONF

echo "1..10"
control july
sw poll --once >/dev/null 2>"$TMP/err1"
rc=$?
check "poll with an m365 source exits 0 (got $rc)" [ "$rc" = 0 ]
db_ids() {
	"$SW_PYTHON" -c 'import sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(" ".join(r[0] for r in con.execute("SELECT id FROM advisories WHERE source = ? ORDER BY id",
					  (sys.argv[2],))))' "$STATE/state.db" "$1"
}
ids=$(db_ids contoso)
check "both pages of issues are stored (EX649175 on page 1, EX648815 on page 2)" \
	sh -c "echo '$ids' | grep -qw EX649175 && echo '$ids' | grep -qw EX648815"
check "the feed beside it is stored too" grep -q "alpha/inc-a" "$TMP/err1"
check "no secret in the output" sh -c "! grep -q 's3cr3t' '$TMP/err1'"
sw incidents --all --json >"$TMP/inc.json" 2>/dev/null
check "the linker joins EX649175, EX648815 and EX649488 from the m365 source into one incident" \
	"$SW_PYTHON" -c 'import json, sys
doc = json.load(open(sys.argv[1]))
owner = {a["id"]: i["id"] for i in doc["incidents"] for a in i["advisories"]}
sys.exit(0 if owner["EX649175"] == owner["EX648815"] == owner["EX649488"] else 1)' "$TMP/inc.json"

control forbidden
sw poll --once contoso >/dev/null 2>"$TMP/err2"
rc=$?
check "a 403 from Graph exits 1 (got $rc)" [ "$rc" = 1 ]
check "one warning line naming the source" \
	[ "$(grep -c "source 'contoso': .*, skipping\$" "$TMP/err2")" = 1 ]
check "the stored issues are kept" [ "$(db_ids contoso)" = "$ids" ]

# A full read cut short by max_items proves nothing about the issues it did not list:
# nothing may be marked withdrawn (and no "resolved" alert may follow).
control with-open
trunc_conf() {
	cat >"$CONF" <<CONF
[source:trunc]
type = m365
tenant = contoso.onmicrosoft.com
client_id = app-id
client_secret = env:SW_TEST_GRAPH_SECRET
login_url = http://127.0.0.1:$GPORT
graph_url = http://127.0.0.1:$GPORT
$1
CONF
}
trunc_conf ""
sw poll --once trunc >/dev/null 2>"$TMP/err3"
"$SW_PYTHON" -c 'import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("UPDATE sources SET last_full_read = NULL WHERE name = ?", ("trunc",))
con.commit()' "$STATE/state.db"
trunc_conf "max_items = 1"
sw poll --once trunc >/dev/null 2>"$TMP/err4"
check "the truncated read says so" grep -q "the rest skipped" "$TMP/err4"
withdrawn=$("$SW_PYTHON" -c 'import sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(con.execute("SELECT COUNT(*) FROM advisories WHERE source = ? AND withdrawn = 1", ("trunc",)).fetchone()[0])' "$STATE/state.db")
check "a truncated full read withdraws nothing (withdrawn: $withdrawn)" [ "$withdrawn" = 0 ]

[ "$FAILED" = 0 ] || cat "$TMP"/err* >&2
exit "$FAILED"
