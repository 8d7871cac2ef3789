#!/bin/bash
# `statuswatch link --json FIXTURE` for every feed fixture, compared with the
# <case>.link.json beside it: what a user running `link` on that file must see
# (the statuswatch-json(5) contract).  The clock is pinned with STATUSWATCH_NOW so
# open and stale advisories do not drift with real time.
# SW_UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
set -u
SW=${STATUSWATCH:?}
PY=${SW_PYTHON:-/usr/bin/python3}
FIX=${SW_SOURCE_ROOT:?}/tests/fixtures
export STATUSWATCH_NOW=2026-01-01T00:00:00Z
unset STATUSWATCH_CONFIG
export XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
failures=0
count=0

for f in "$FIX"/rss/*.rss "$FIX"/atom/*.atom "$FIX"/rdf/*.rdf "$FIX"/statuspage/*.json \
	"$FIX"/jsonfeed/*.json "$FIX"/graph/*.json; do
	case "$f" in *.expected.json | *.link.json) continue ;; esac
	expected=${f%.*}.link.json
	# Only fixtures that are meant to parse have a golden file (error cases live elsewhere).
	if [ ! -f "$expected" ] && [ "${SW_UPDATE_GOLDEN:-0}" != 1 ]; then
		continue
	fi
	count=$((count + 1))
	if ! got=$("$SW" -q link --json "$f" 2>/dev/null); then
		[ "${SW_UPDATE_GOLDEN:-0}" = 1 ] && continue
		echo "not ok - $f: statuswatch link failed"
		failures=$((failures + 1))
		continue
	fi
	# The fixtures' own location varies with the clone: name it @FIXTURES@.
	pretty=$(printf '%s' "$got" | "$PY" -m json.tool --indent 1 | sed "s|file://$FIX|file://@FIXTURES@|g")
	if [ "${SW_UPDATE_GOLDEN:-0}" = 1 ]; then
		printf '%s\n' "$pretty" >"$expected"
		echo "wrote $expected"
	elif [ "$pretty" = "$(cat "$expected")" ]; then
		echo "ok - ${f#$FIX/}"
	else
		echo "not ok - ${f#$FIX/} differs from ${expected#$FIX/}:"
		diff <(printf '%s\n' "$pretty") "$expected" | head -20
		failures=$((failures + 1))
	fi
done
# Output never depends on how a path is typed (relative links resolve against the
# file's canonical location either way): issue 10, item 6.
rel=$(cd "$FIX/hostile" && "$SW" -q link --json xml-no-guid-link.rss 2>/dev/null)
dotted=$(cd "$FIX" && "$SW" -q link --json ./rss/../hostile/xml-no-guid-link.rss 2>/dev/null)
abs=$("$SW" -q link --json "$FIX/hostile/xml-no-guid-link.rss" 2>/dev/null)
count=$((count + 1))
if [ -n "$abs" ] && [ "$rel" = "$abs" ] && [ "$dotted" = "$abs" ]; then
	echo "ok - relative, dotted and absolute paths give the same output"
else
	echo "not ok - output depends on how the path is typed"
	failures=$((failures + 1))
fi
echo "$count fixture(s), $failures failure(s)"
[ "$count" -gt 0 ] && [ "$failures" -eq 0 ]
