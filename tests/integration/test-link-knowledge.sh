#!/bin/bash
# The linker's knowledge from the configuration, as a user sets it: a shop's
# page blames only "an upstream provider"; its vendor (Ferrovia, unknown to the
# built-in knowledge) broke four minutes earlier.  Without configuration the two
# stay apart; with [linker] knowledge naming Ferrovia and [source:shop]
# depends_on = ferrovia they are one incident, and the link says why.  An
# unknown provider in depends_on is reported, naming the source.  A Graph issue
# closed as falsePositive is listed alone, as no incident.  check-config refuses a
# broken knowledge file (an unknown group kind, an asns item that is no AS number).
# A knowledge file may hold more providers than 64 (the old cap of a 64-bit mask):
# with Ferrovia the 70th provider, depends_on and a blame by name still link; one
# provider more than KNOWLEDGE_MAX (256) is one line naming the file and the limit.
set -u
SW=${STATUSWATCH:?}
PY=${SW_PYTHON:-/usr/bin/python3}
FIX=${SW_SOURCE_ROOT:?}/tests/fixtures/linker
export STATUSWATCH_NOW=2024-03-02T00:00:00Z
unset STATUSWATCH_CONFIG
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export XDG_CONFIG_HOME=$TMP
cp "$FIX/vendor.json" "$TMP/ferrovia.json"
cp "$FIX/shop.json" "$TMP/shop.json"
echo "1..10"
groups() { # config file → one line per incident, advisory ids sorted
	"$SW" -q --config "$1" link --json "$TMP/ferrovia.json" "$TMP/shop.json" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
for i in d["incidents"]:
    print(" ".join(sorted(a["id"].rsplit("/", 1)[-1] for a in i["advisories"])))
    for l in i["links"]:
        for r in l["reasons"]: print("  " + r)'
}
printf '[linker]\n' >"$TMP/plain.conf"
out=$(groups "$TMP/plain.conf")
if [ "$(echo "$out" | grep -vc '^  ')" = 2 ]; then echo "ok - without configuration: two incidents"
else echo "not ok - without configuration: $out"; exit 1; fi

cat >"$TMP/know.conf" <<KNOW
[provider:ferrovia]
names = ferrovia
aliases = ferrovia
roles = cdn
KNOW
cat >"$TMP/dep.conf" <<CONF
[linker]
knowledge = $TMP/know.conf
[source:shop]
type = jsonfeed
url = file://$TMP/shop.json
depends_on = ferrovia
CONF
chmod 600 "$TMP/dep.conf"
# depends_links CONFIG: with CONFIG the shop's upstream blame and Ferrovia's incident
# are one, for depends_on, and the link says so (the grouping left in $out).
depends_links() {
	out=$(groups "$1")
	echo "$out" | grep -q '^edge-5xx storefront$' &&
		echo "$out" | grep -q 'shop depends on ferrovia (depends_on) and blames an upstream provider; ferrovia broke 4 min earlier'
}
if depends_links "$TMP/dep.conf"; then
	echo "ok - depends_on links the shop's upstream blame to its vendor, with the reason"
else echo "not ok - depends_on: $out"; exit 1; fi

sed 's/depends_on = ferrovia/depends_on = nosuchcdn/' "$TMP/dep.conf" >"$TMP/bad.conf"
chmod 600 "$TMP/bad.conf"
err=$("$SW" --config "$TMP/bad.conf" link "$TMP/ferrovia.json" "$TMP/shop.json" 2>&1 >/dev/null)
if echo "$err" | grep -q "bad.conf:6: \[source:shop\] 'depends_on': unknown provider 'nosuchcdn'.*, skipping"; then
	echo "ok - an unknown provider is reported with its source"
else echo "not ok - unknown provider: '$err'"; exit 1; fi

# check-config refuses what the daemon would only warn about, naming file, line and key.
err=$("$SW" --config "$TMP/bad.conf" check-config 2>&1 >/dev/null); rc=$?
if [ "$rc" != 0 ] && echo "$err" | grep -q "bad.conf:6: \[source:shop\] 'depends_on': unknown provider 'nosuchcdn'"; then
	echo "ok - check-config refuses an unknown provider in depends_on, with file and line"
else echo "not ok - check-config depends_on: rc $rc '$err'"; exit 1; fi
printf '# extra providers\n\n[vendor:ferrovia]\nnames = ferrovia\n' >"$TMP/badknow.conf"
sed "s|knowledge = .*|knowledge = $TMP/badknow.conf|" "$TMP/dep.conf" >"$TMP/badk.conf"
chmod 600 "$TMP/badk.conf"
err=$("$SW" --config "$TMP/badk.conf" check-config 2>&1 >/dev/null); rc=$?
if [ "$rc" != 0 ] && echo "$err" | grep -q "badk.conf:2: \[linker\] 'knowledge': linker knowledge '$TMP/badknow.conf': line 3: unknown group kind 'vendor'"; then
	echo "ok - check-config refuses a broken knowledge file, with both files and lines"
else echo "not ok - check-config knowledge: rc $rc '$err'"; exit 1; fi

printf '[provider:ferrovia]\nnames = ferrovia\nasns = 64500, AS64501\n' >"$TMP/badasn.conf"
sed "s|knowledge = .*|knowledge = $TMP/badasn.conf|" "$TMP/dep.conf" >"$TMP/bada.conf"
chmod 600 "$TMP/bada.conf"
err=$("$SW" --config "$TMP/bada.conf" check-config 2>&1 >/dev/null); rc=$?
if [ "$rc" != 0 ] && echo "$err" | grep -q "line 1: \[provider:ferrovia\]: asns: 'as64501' is not an AS number"; then
	echo "ok - check-config refuses an asns item that is not an AS number, with its line"
else echo "not ok - check-config asns: rc $rc '$err'"; exit 1; fi

fp=$("$SW" -q link "$SW_SOURCE_ROOT/tests/shared/corpus/busy-exchange-day/m365.json" |
	grep -A1 'not an incident (false positive)')
if echo "$fp" | grep -q '1 advisory' && echo "$fp" | grep -q 'one partner organization'; then
	echo "ok - a falsePositive issue is shown alone as no incident"
else echo "not ok - false positive: '$fp'"; exit 1; fi

# Filler providers (vendor-N, named nowhere in the feeds) so that Ferrovia is the
# 70th provider of built-in and user knowledge together, past the 64 bits of old.
builtin=$(grep -c '^\[provider:' "$SW_SOURCE_ROOT/share/linker-knowledge.conf")
fillers() { # N → N provider groups
	for i in $(seq 1 "$1"); do
		printf '[provider:vendor-%d]\nnames = zyxvendor%d\naliases = zyxvendor%d\nroles = cdn\n\n' \
			"$i" "$i" "$i"
	done
}
{ fillers $((69 - builtin)); cat "$TMP/know.conf"; } >"$TMP/know70.conf"
sed "s|knowledge = .*|knowledge = $TMP/know70.conf|" "$TMP/dep.conf" >"$TMP/dep70.conf"
chmod 600 "$TMP/dep70.conf"
if depends_links "$TMP/dep70.conf"; then
	echo "ok - depends_on links to the 70th provider of the knowledge"
else echo "not ok - depends_on, 70th provider: $out"; exit 1; fi

# The same shop naming Ferrovia as the cause, without depends_on: a blame by name.
sed 's/The errors come from an upstream provider; our own servers are fine./The errors are caused by an outage at Ferrovia./' \
	"$FIX/shop.json" >"$TMP/shop.json"
printf '[linker]\nknowledge = %s\n' "$TMP/know70.conf" >"$TMP/name70.conf"
out=$(groups "$TMP/name70.conf")
if echo "$out" | grep -q '^edge-5xx storefront$' &&
	echo "$out" | grep -q 'blames ferrovia in a statement of cause'; then
	echo "ok - a blame by name links to the 70th provider of the knowledge"
else echo "not ok - blame by name, 70th provider: $out"; exit 1; fi

# One provider past the limit: the file is refused in one line with its name, the
# group's line and the limit.
fillers $((257 - builtin)) >"$TMP/know257.conf"
sed "s|knowledge = .*|knowledge = $TMP/know257.conf|" "$TMP/dep.conf" >"$TMP/dep257.conf"
chmod 600 "$TMP/dep257.conf"
err=$("$SW" --config "$TMP/dep257.conf" check-config 2>&1 >/dev/null); rc=$?
line=$(grep -n "^\[provider:vendor-$((257 - builtin))\]" "$TMP/know257.conf" | cut -d: -f1)
if [ "$rc" != 0 ] && [ "$(echo "$err" | wc -l)" = 1 ] &&
	echo "$err" | grep -q "linker knowledge '$TMP/know257.conf': line $line: \[provider:vendor-$((257 - builtin))\]: more than 256 providers"; then
	echo "ok - one provider past the limit is one line naming the file, the line and the limit"
else echo "not ok - over the limit: rc $rc '$err'"; exit 1; fi
