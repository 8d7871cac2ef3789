#!/bin/bash
# What a user meets at the command line: help, exit codes, the JSON contract of
# `link --json`, check-config, demo, and the store-backed commands (poll --once of a
# file:// source, incidents, show, merge, split) in a private state directory.
set -u
. "$(dirname "$0")/cli-lib.sh"
ROOT=${SW_SOURCE_ROOT:?}
DEMO=$ROOT/share/demo/exchange-2023-07.json

# --- help and usage ---
expect_rc "--help exits 0" 0 "$SW" --help
cp "$tmp/out" "$tmp/help"
for c in run poll incidents show link digest notify-test check-config sources merge split demo; do
	contains "--help lists $c" "$c" "$tmp/help"
	expect_rc "$c --help exits 0" 0 "$SW" "$c" --help
done
expect_rc "no command is a usage error" 2 "$SW"
expect_rc "unknown command is a usage error" 2 "$SW" frobnicate
contains "unknown command is named" "frobnicate" "$tmp/err"
expect_rc "unknown option is a usage error" 2 "$SW" link --frob "$DEMO"
expect_rc "link without files is a usage error" 2 "$SW" link
expect_rc "notify-test of an unconfigured notifier exits 2" 2 "$SW" notify-test mail
contains "notify-test names the unknown notifier" "no notifier 'mail'" "$tmp/err"

# --- link --json: the JSON contract ---
expect_rc "link --json on the demo sample" 0 "$SW" link --json "$DEMO"
cp "$tmp/out" "$tmp/link.json"
if "$PY" - "$tmp/link.json" <<'PY'
import json, sys, re
doc = json.load(open(sys.argv[1]))
rfc = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
assert set(doc) == {"incidents"}, doc.keys()
seen = {}
for inc in doc["incidents"]:
    assert set(inc) == {"id", "title", "status", "severity", "start", "end", "services", "aliases", "advisories", "links"}, inc.keys()
    assert isinstance(inc["id"], str) and inc["id"]
    assert inc["status"] in ("active", "resolved")
    assert inc["severity"] in ("unknown", "info", "minor", "major", "critical")
    assert inc["start"] is None or rfc.match(inc["start"])
    assert inc["end"] is None or rfc.match(inc["end"])
    assert all(isinstance(s, str) for s in inc["services"])
    assert isinstance(inc["aliases"], list)
    for a in inc["advisories"]:
        assert set(a) == {"source", "id", "title", "status", "start", "end", "url"}, a.keys()
        assert a["start"] is None or rfc.match(a["start"])
        seen[a["id"]] = inc["id"]
    for l in inc["links"]:
        assert set(l) == {"a", "b", "score", "reasons"}
        assert isinstance(l["score"], (int, float)) and all(isinstance(r, str) for r in l["reasons"])
        assert l["reasons"], "a link without reasons"
ids = {"EX648815", "EX649175", "EX649488", "TM649011", "EX649220"}
assert set(seen) == ids, seen
assert seen["EX648815"] == seen["EX649175"] == seen["EX649488"], "the July 2023 trio is not one incident"
assert seen["TM649011"] != seen["EX648815"] and seen["EX649220"] != seen["EX648815"], "unrelated issue merged"
PY
then ok "link --json follows the contract and joins the July 2023 trio"; else bad "link --json contract"; fi
# One document and one final newline, as every listing ends.
[ "$(tail -c 3 "$tmp/link.json" | od -An -c | tr -d ' ')" = ']}\n' ] &&
	[ "$(grep -c . "$tmp/link.json")" -eq 1 ] &&
	ok "link --json is one line ending in one newline" ||
	bad "link --json is one line ending in one newline"
expect_rc "link lists the incidents as text" 0 "$SW" link "$DEMO"
[ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" = '\n' ] &&
	[ "$(tail -c 2 "$tmp/out" | od -An -c | tr -d ' ')" != '\n\n' ] &&
	ok "the text listing ends in one newline" || bad "the text listing ends in one newline"
expect_rc "global options after the command" 0 "$SW" link "$DEMO" --json -q
expect_rc "global options before the command" 0 "$SW" -q link --json "$DEMO"
expect_rc "a missing file fails the run but not the others" 1 "$SW" link --json "$tmp/nope.json" "$DEMO"
contains "the missing file is named" "nope.json" "$tmp/err"
contains "the good file is still linked" "EX649175" "$tmp/out"
printf '<html><body>Please sign in</body></html>' >"$tmp/login.xml"
expect_rc "an HTML page is not a feed" 1 "$SW" link "$tmp/login.xml"
contains "the HTML page error names the file" "login" "$tmp/err"
[ "$(wc -l <"$tmp/err")" -le 2 ] && ok "one line per bad file" || bad "one line per bad file"

# --- logging: one line per event; syslog priority prefixes under the journal ---
JOURNAL_STREAM=8:12345 "$SW" link "$tmp/nope.json" >/dev/null 2>"$tmp/err"
if grep -q '^<4>' "$tmp/err"; then ok "warnings carry <4> under the journal"; else bad "warnings carry <4> under the journal"; cat "$tmp/err"; fi
(unset JOURNAL_STREAM; "$SW" link "$tmp/nope.json" >/dev/null 2>"$tmp/err")
if grep -q '^statuswatch: warning: ' "$tmp/err"; then ok "warnings are prefixed on a terminal"; else bad "warnings are prefixed on a terminal"; fi
"$SW" -q link "$DEMO" >/dev/null 2>"$tmp/err"
[ ! -s "$tmp/err" ] && ok "-q keeps a clean run silent" || bad "-q keeps a clean run silent"

# --- check-config ---
expect_rc "check-config on the example config" 0 "$SW" check-config --config "$ROOT/share/statuswatch.conf.example"
contains "check-config warns about an unset secret variable" "STATUSWATCH_M365_SECRET" "$tmp/err"
if grep -qi "client_secret.*=" "$tmp/out"; then bad "check-config masks secrets"; else ok "check-config masks secrets"; fi
printf '[source:azure]\ntype = rss\nurl = https://example.invalid/feed\nintervall = 60\n' >"$tmp/broken.conf"
expect_rc "check-config on a broken config" 2 "$SW" check-config --config "$tmp/broken.conf"
contains "error names the file" "broken.conf" "$tmp/err"
contains "error names the group" "source:azure" "$tmp/err"
contains "error names the key" "intervall" "$tmp/err"
expect_rc "a missing explicit config is an error" 2 "$SW" check-config --config "$tmp/none.conf"

# --- demo ---
expect_rc "demo runs" 0 "$SW" demo
contains "demo shows one incident for the three advisories" "Why 3 advisories are one incident" "$tmp/out"
# Its alert is dated when the incident resolved (EX649488 ended 26 July 07:30 UTC), not
# before the end it reports.
contains "demo's alert is dated when the incident resolved" "notifier '[^']*', 2023-07-26 07:30 UTC" "$tmp/out"

# --- store-backed commands ---
state=$tmp/state
cat >"$tmp/file.conf" <<EOF2
[source:m365-demo]
type = feed
url = file://$DEMO
EOF2
chmod 600 "$tmp/file.conf"
expect_rc "incidents on an empty state" 0 "$SW" --state-dir "$state" incidents --json
contains "empty state has no incidents" '"incidents":\[\]' "$tmp/out"
expect_rc "poll --once of a file:// source" 0 "$SW" --config "$tmp/file.conf" --state-dir "$state" poll --once
expect_rc "incidents without --all" 0 "$SW" --state-dir "$state" incidents --json
contains "history fetched today is not listed as current (2023 incidents are long over)" '"incidents":\[\]' "$tmp/out"
expect_rc "incidents --all --json" 0 "$SW" --state-dir "$state" incidents --all --json
id=$("$PY" -c 'import json,sys
d=json.load(open(sys.argv[1]))
print([i["id"] for i in d["incidents"] if any(a["id"]=="EX649175" for a in i["advisories"])][0])' "$tmp/out" 2>/dev/null)
[ -n "$id" ] && ok "stored incident found ($id)" || bad "stored incident found"
expect_rc "show explains the incident" 0 "$SW" --state-dir "$state" show "$id"
contains "show lists a member" "EX648815" "$tmp/out"
contains "show gives reasons" "Why these belong together" "$tmp/out"
contains "show has a timeline" "Timeline" "$tmp/out"
# A notice (about statuswatch itself) is queued with no incident: outbox --json says null,
# as the payload does, not "".  The row is written as outbox_enqueue() writes a notice's.
"$PY" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO outbox (incident_id, notifier, kind, payload, created, due, key)"
           " VALUES (\x27\x27, \x27t\x27, \x27notice\x27, \x27{}\x27, 1, 1, \x27notice/t/1\x27)")
db.commit()' "$state/state.db"
expect_rc "outbox --json with a notice" 0 "$SW" --state-dir "$state" outbox --json
contains "a notice's outbox line has \"incident\": null" '"event":"notice"' "$tmp/out"
contains "  and null, not \"\"" '"incident":null,"event":"notice"' "$tmp/out"
expect_rc "show --json" 0 "$SW" --state-dir "$state" show "$id" --json
expect_rc "show of an unknown id" 2 "$SW" --state-dir "$state" show NOSUCH
expect_rc "split an advisory off" 0 "$SW" --config "$tmp/file.conf" --state-dir "$state" split EX649488
expect_rc "show after split" 0 "$SW" --state-dir "$state" show "$id"
if grep -q "EX649488" "$tmp/out"; then bad "split advisory left the incident"; else ok "split advisory left the incident"; fi
contains "the incident keeps its id after a split" "Incident $id" "$tmp/out"
expect_rc "incidents after split" 0 "$SW" --state-dir "$state" incidents --all --json
contains "the split advisory is still an incident of its own" "EX649488" "$tmp/out"
expect_rc "show accepts an advisory id" 0 "$SW" --state-dir "$state" show EX649488
contains "show by advisory id finds its incident" "Users' Free/Busy information may be outdated" "$tmp/out"
expect_rc "merge two advisories by hand" 0 "$SW" --config "$tmp/file.conf" --state-dir "$state" merge EX649175 EX649220
expect_rc "show after merge" 0 "$SW" --state-dir "$state" show "$id"
contains "merged advisory joined" "EX649220" "$tmp/out"
contains "show says merged by hand" "merged by hand" "$tmp/out"
expect_rc "merge of an unknown advisory" 2 "$SW" --config "$tmp/file.conf" --state-dir "$state" merge EX649175 NOSUCH

# --- notes: the tables of link and incidents count an incident's notes ---
# okta-2023-10 (tests/fixtures/corpus): three pages' "not affected by the Okta support system
# incident" notices are listed with that incident as notes (its truth.json).
OKTA=$ROOT/tests/fixtures/corpus/okta-2023-10
okta_feeds=("$OKTA"/okta.json "$OKTA"/shiftboard.json "$OKTA"/crewdesk.json "$OKTA"/vaultkey.rss "$OKTA"/notegrid.rss)
# Each incident's line in TABLE says "(+N note(s), not affected)" exactly when the JSON
# listing JSON lists N > 0 notes with it, and nothing for the others.
notes_agree() {
	"$PY" - "$1" "$2" <<'PY'
import json, re, sys
incs = json.load(open(sys.argv[1]))["incidents"]
lines = {l.split()[0]: l for l in open(sys.argv[2]) if l.strip() and not l.startswith(" ")}
assert any(a.get("note") for i in incs for a in i["advisories"]), "no note in the listing"
for i in incs:
    n = sum(1 for a in i["advisories"] if a.get("note"))
    m = len(i["advisories"]) - n
    tail = "%d advisor%s" % (m, "y" if m == 1 else "ies")
    if n:
        tail += " (+%d note%s, not affected)" % (n, "" if n == 1 else "s")
    assert lines[i["id"]].rstrip("\n").endswith("  " + tail), (lines[i["id"]], tail)
PY
}
STATUSWATCH_NOW=2023-10-22T00:00:00Z "$SW" -q link --json "${okta_feeds[@]}" >"$tmp/notes.json" 2>"$tmp/err"
expect_rc "link on feeds with notes" 0 env STATUSWATCH_NOW=2023-10-22T00:00:00Z "$SW" -q link "${okta_feeds[@]}"
contains "link's table counts an incident's notes" \
	"1 advisory (+3 notes, not affected)$" "$tmp/out"
notes_agree "$tmp/notes.json" "$tmp/out" && ok "link's table counts the notes link --json lists" ||
	bad "link's table counts the notes link --json lists"
# The same through the store: poll --once of the five feeds, then the incidents table.
{
	for f in "${okta_feeds[@]}"; do
		n=$(basename "${f%.*}")
		printf '[source:%s]\ntype = feed\nurl = file://%s\n\n' "$n" "$f"
	done
} >"$tmp/okta.conf"
chmod 600 "$tmp/okta.conf"
export STATUSWATCH_NOW=2023-10-22T00:00:00Z
expect_rc "poll --once of feeds with notes" 0 "$SW" --config "$tmp/okta.conf" --state-dir "$tmp/okta" poll --once
expect_rc "incidents lists them" 0 "$SW" --state-dir "$tmp/okta" incidents --all
cp "$tmp/out" "$tmp/okta-table"
contains "incidents' table counts an incident's notes" \
	"1 advisory (+3 notes, not affected)$" "$tmp/okta-table"
expect_rc "incidents --all --json" 0 "$SW" --state-dir "$tmp/okta" incidents --all --json
notes_agree "$tmp/out" "$tmp/okta-table" && ok "incidents' table counts the notes --json lists" ||
	bad "incidents' table counts the notes --json lists"
expect_rc "show of a note's id" 0 "$SW" --state-dir "$tmp/okta" show sb6sso0note1
contains "show lists the notes the table counts" "^Notes (3, not affected):" "$tmp/out"
unset STATUSWATCH_NOW

# A source with an unreadable secret stops neither `poll NAME` of another source nor,
# when disabled, a poll of all.
cat >"$tmp/secret.conf" <<EOF2
[source:m365-demo]
type = feed
url = file://$DEMO

[source:tenant]
type = m365
tenant = contoso.onmicrosoft.com
client_id = app
client_secret = env:SW_TEST_UNSET_SECRET
EOF2
chmod 600 "$tmp/secret.conf"
unset SW_TEST_UNSET_SECRET
expect_rc "poll NAME ignores another source's unreadable secret" 0 "$SW" --config "$tmp/secret.conf" --state-dir "$tmp/st2" poll --once m365-demo
printf 'enabled = false\n' >>"$tmp/secret.conf"
expect_rc "a disabled source's unreadable secret stops nothing" 0 "$SW" --config "$tmp/secret.conf" --state-dir "$tmp/st2" poll --once

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
