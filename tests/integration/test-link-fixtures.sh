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
echo "$count fixture(s), $failures failure(s)"
[ "$count" -gt 0 ] && [ "$failures" -eq 0 ]
