#!/bin/bash
# The linker's knowledge from the configuration, as a user sets it: a shop's
# page blames only "an upstream provider"; its vendor (Ferrovia, unknown to the
# built-in knowledge) broke four minutes earlier.  Without configuration the two
# stay apart; with [linker] knowledge naming Ferrovia and [source:shop]
# depends_on = ferrovia they are one incident, and the link says why.  An
# unknown provider in depends_on is reported, naming the source.  A Graph issue
# closed as falsePositive is listed alone, as no incident.  check-config refuses a
# broken knowledge file (an unknown group kind, an asns item that is no AS number).
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
echo "1..7"
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
out=$(groups "$TMP/dep.conf")
if echo "$out" | grep -q '^edge-5xx storefront$' &&
	echo "$out" | grep -q 'shop depends on ferrovia (depends_on) and blames an upstream provider; ferrovia broke 4 min earlier'; then
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
