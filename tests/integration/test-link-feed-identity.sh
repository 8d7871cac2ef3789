#!/bin/bash
# Whose feed a source is, when its name does not say: GitHub's Statuspage feed
# saved as gh.json (items linking to stspg.io) and a deploy service that says
# "GitHub is down for all users".  The feed's own page name and URL make it
# GitHub's; stripped of them it is nobody's and the two stay apart, until the
# configuration's [source:gh] url names GitHub's status host.
set -u
SW=${STATUSWATCH:?}
PY=${SW_PYTHON:-/usr/bin/python3}
FIX=${SW_SOURCE_ROOT:?}/tests/fixtures/corpus/github-2024-08
unset STATUSWATCH_CONFIG
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export XDG_CONFIG_HOME=$TMP
echo "1..3"
groups() { # feed file, config file → one line per incident (ids sorted), then its reasons
	"$SW" -q --config "$2" link --json "$1" "$FIX/deploywright.rss" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
for i in d["incidents"]:
    print(" ".join(sorted(a["id"] for a in i["advisories"])))
    for l in i["links"]:
        for r in l["reasons"]: print("  " + r)'
}
printf '[linker]\n' >"$TMP/plain.conf"
cp "$FIX/githubstatus.json" "$TMP/gh.json"
out=$(groups "$TMP/gh.json" "$TMP/plain.conf")
if echo "$out" | grep -q '^dw-0814-github-deploys gh7q2x9k4m1d$' &&
	echo "$out" | grep -q "deploywright blames GitHub in a statement of cause; GitHub's own incident started"; then
	echo "ok - the feed's page name and URL make gh.json GitHub's own feed"
else echo "not ok - declared identity: $out"; exit 1; fi

"$PY" -c '
import json, sys
d = json.load(open(sys.argv[1])); del d["page"]["name"], d["page"]["url"]
json.dump(d, open(sys.argv[2], "w"))' "$FIX/githubstatus.json" "$TMP/gh.json"
out=$(groups "$TMP/gh.json" "$TMP/plain.conf")
if echo "$out" | grep -q '^gh7q2x9k4m1d$' && echo "$out" | grep -q '^dw-0814-github-deploys$'; then
	echo "ok - without the page's name and URL nothing says whose gh.json is"
else echo "not ok - anonymous feed linked: $out"; exit 1; fi

cat >"$TMP/url.conf" <<CONF
[source:gh]
type = statuspage
url = https://www.githubstatus.com/api/v2/incidents.json
CONF
chmod 600 "$TMP/url.conf"
out=$(groups "$TMP/gh.json" "$TMP/url.conf")
if echo "$out" | grep -q '^dw-0814-github-deploys gh7q2x9k4m1d$'; then
	echo "ok - the configured url's host makes source 'gh' GitHub's own feed"
else echo "not ok - configured url: $out"; exit 1; fi
