#!/bin/bash
# A page that states no cause and names no provider ("Players unable to connect",
# 19:16 UTC) during its cloud's outage (AWS Lambda in us-east-1, posted 19:08 UTC):
# time alone links nothing, [source:NAME] depends_on = aws does, and the link says
# why in words.  depends_on naming another region of the provider, or a second
# vendor of the source that broke in the same minutes, links nothing.  A later
# update stating the cause is read as well: Hookrelay's first post blames no one,
# its resolution blames "our cloud provider in Northern Virginia".
# A page whose title names an upstream as what fails ("Lumenframe panel in Photoshop
# and InDesign not loading") and the upstream's own item stating no cause either
# ("Adobe ID login issues", seen day adobe-id-2014-05) share words that count in
# full: the page joins that item, not the provider's other item of the day.  A quiet
# page whose text names the upstream another page's title names ("Some card payments
# not going through" ... Visa, beside "Elevated declines for Visa cards", seen day
# visa-europe-2018-06) is no silent page: their shared words count in full.
set -u
SW=${STATUSWATCH:?}
PY=${SW_PYTHON:-/usr/bin/python3}
SCN=${SW_SOURCE_ROOT:?}/tests/fixtures/corpus/lambda-victims-2023-06
unset STATUSWATCH_CONFIG
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export XDG_CONFIG_HOME=$TMP
cp "$SCN/aws-lambda-us-east-1.rss" "$SCN/playfield.json" "$SCN/hookrelay.json" "$TMP/"
echo "1..7"
groups() { # config file, feed files → one line per incident (ids sorted), reasons indented
	local conf=$1
	shift
	"$SW" -q --config "$conf" link --json "$@" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
for i in d["incidents"]:
    print(" ".join(sorted(a["id"].rsplit("/", 1)[-1].rsplit("_", 1)[-1] for a in i["advisories"])))
    for l in i["links"]:
        for r in l["reasons"]: print("  " + r)'
}
conf() { # depends_on value ('' for none) → config file path
	local f="$TMP/c$RANDOM.conf"
	{
		printf '[source:playfield]\ntype = statuspage\nurl = file://%s/playfield.json\n' "$TMP"
		[ -n "$1" ] && printf 'depends_on = %s\n' "$1"
	} >"$f"
	chmod 600 "$f"
	echo "$f"
}
FEEDS=("$TMP/aws-lambda-us-east-1.rss" "$TMP/playfield.json")

out=$(groups "$(conf '')" "${FEEDS[@]}")
if echo "$out" | grep -q '^pf3con7j8k9l$'; then
	echo "ok - time alone links no cause-less item"
else echo "not ok - time alone: $out"; exit 1; fi

out=$(groups "$(conf aws)" "${FEEDS[@]}")
if echo "$out" | grep -q '^1686683280 1686690300 pf3con7j8k9l$' &&
	echo "$out" | grep -q "playfield depends on AWS (depends_on) and states no cause; AWS's incident started 8 min earlier"; then
	echo "ok - depends_on and minutes link a cause-less item, with the reason"
else echo "not ok - depends_on: $out"; exit 1; fi

out=$(groups "$(conf aws:eu-west-1)" "${FEEDS[@]}")
if echo "$out" | grep -q '^pf3con7j8k9l$'; then
	echo "ok - depends_on in another region of the provider links nothing"
else echo "not ok - depends_on region: $out"; exit 1; fi

# A second vendor of the source broke the same minutes: the time does not say which.
sed -e 's/AWS Lambda (N. Virginia) Service Status/Fastly Status/g' \
	-e 's|https://status.aws.amazon.com/|https://status.fastly.com/|g' \
	-e 's/lambda-us-east-1_/fastly_/g' -e 's/ in the US-EAST-1 Region//g' \
	-e 's/Lambda function invocations/requests served from our edge/g' \
	"$TMP/aws-lambda-us-east-1.rss" >"$TMP/fastly.rss"
out=$(groups "$(conf 'aws, fastly')" "${FEEDS[@]}" "$TMP/fastly.rss")
if echo "$out" | grep -q '^pf3con7j8k9l$'; then
	echo "ok - two vendors of depends_on broke then: no link"
else echo "not ok - two vendors: $out"; exit 1; fi

out=$(groups "$(conf '')" "$TMP/aws-lambda-us-east-1.rss" "$TMP/hookrelay.json")
if echo "$out" | grep -q '^1686683280 1686690300 hr9whk1a2s3d$' &&
	echo "$out" | grep -q 'hookrelay blames its cloud provider; AWS, a cloud provider, broke'; then
	echo "ok - a cause stated in a later update links"
else echo "not ok - later update: $out"; exit 1; fi

SEEN=${SW_SOURCE_ROOT:?}/tests/fixtures/seen-days/adobe-id-2014-05
out=$(groups "$(conf '')" "$SEEN"/*.rss "$SEEN"/*.atom "$SEEN"/lumenframe.json "$SEEN"/palette.json)
if echo "$out" | grep -v '^ ' | grep 'adobe-panel' | grep -q 'adobe-id-login' &&
	! echo "$out" | grep -v '^ ' | grep 'adobe-panel' | grep -q 'store-pricing'; then
	echo "ok - a page naming its upstream joins the upstream's own quiet item"
else echo "not ok - upstream's own item: $out"; exit 1; fi

SEEN=${SW_SOURCE_ROOT:?}/tests/fixtures/seen-days/visa-europe-2018-06
out=$(groups "$(conf '')" $(ls "$SEEN"/* | grep -v -e truth.json -e README.md))
if echo "$out" | grep -v '^ ' | grep 'gv3rtzfo86ih' | grep -q 'hb-2018-06-01-cards'; then
	echo "ok - a quiet page naming the upstream in its text is no silent page"
else echo "not ok - quiet page naming the upstream: $out"; exit 1; fi
