#!/bin/bash
# `link --json` against xmllint on the same files (tests/bench/README.md,
# "link --json over 2,000 feeds").
#
#   tests/bench/run-link.sh BUILD_DIR [CORPUS_DIR] [BASELINE_BINARY]
#
# Generates (once) the corpus of ../shared/bench/gen_corpus.py OUT 2000 1 (SW_GEN
# names the generator; ~360 MB, never committed) under CORPUS_DIR (default
# /tmp/sw-bench-link), warms the page cache, then ROUNDS times, alternating:
# `xmllint --stream --noout feeds/*.xml` and `statuswatch -q link --json
# feeds/*.xml` (and BASELINE_BINARY the same way, if given), each under
# /usr/bin/time: wall, user + system CPU, peak RSS (the two statuswatch binaries
# taking turns right after xmllint).  Prints every round and each
# tool's best wall and best CPU, and the ratios to xmllint's bests; checks that
# the baseline's output, if any, is byte-identical (BENCH_ALLOW_DIFF=1: only says
# so, for a change meant to link differently).  statuswatch parses and
# reads texts on one worker thread per processor (at most four) beside the
# thread that links: its CPU is the sum over its threads, its wall is what a
# user waits; xmllint is one thread.  The VM is shared: compare CPU times.
set -euo pipefail

BUILD=${1:?usage: run-link.sh BUILD_DIR [CORPUS_DIR] [BASELINE_BINARY]}
CORPUS=${2:-/tmp/sw-bench-link}
BASE=${3:-}
ROUNDS=${ROUNDS:-3}
PY=${SW_PYTHON:-/usr/bin/python3}
GEN=${SW_GEN:-$(cd "$(dirname "$0")" && pwd)/../../../shared/bench/gen_corpus.py}
SW=$(cd "$BUILD" && pwd)/src/statuswatch

command -v xmllint >/dev/null || { echo "xmllint missing (apt-get install libxml2-utils)"; exit 77; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing (apt-get install time)"; exit 77; }
if [ ! -d "$CORPUS/feeds" ]; then
	[ -f "$GEN" ] || { echo "generator $GEN missing (set SW_GEN)"; exit 77; }
	"$PY" "$GEN" "$CORPUS" 2000 1
fi
ninja -C "$BUILD" src/statuswatch >/dev/null
cd "$CORPUS"
cat feeds/*.xml >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# run NAME COMMAND...: one timed run; appends "wall cpu rss_kib" to $out/NAME.
run() {
	local name=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$out/t" "$@" >"$out/$name.out"
	read -r wall user sys rss <"$out/t"
	cpu=$(awk "BEGIN { printf \"%.2f\", $user + $sys }")
	echo "$wall $cpu $rss" >>"$out/$name"
	printf '  %-10s wall %6.2f s  cpu %6.2f s  peak RSS %5d MiB\n' "$name" "$wall" "$cpu" \
		$((rss / 1024))
}

# The binary run right after xmllint was measured to pay 0.1-0.25 s more on the
# bench VM (tests/bench/README.md, speed3 and "where the sixteenth day ended"), so
# with a baseline the two take turns in that slot: odd rounds run the build first,
# even rounds the baseline.  Use an even ROUNDS for a fair best-of.
for round in $(seq "$ROUNDS"); do
	echo "== round $round"
	run xmllint xmllint --stream --noout feeds/*.xml
	if [ -n "$BASE" ] && [ $((round % 2)) -eq 0 ]; then
		run baseline "$BASE" -q link --json feeds/*.xml
		run link "$SW" -q link --json feeds/*.xml
	else
		run link "$SW" -q link --json feeds/*.xml
		[ -z "$BASE" ] || run baseline "$BASE" -q link --json feeds/*.xml
	fi
	if [ -n "$BASE" ]; then
		if ! cmp -s "$out/link.out" "$out/baseline.out"; then
			echo "outputs differ"
			[ "${BENCH_ALLOW_DIFF:-0}" = 1 ] || exit 1
		fi
	fi
done

best() { sort -n -k"$2" "$out/$1" | head -1 | awk -v k="$2" '{ print $k }'; }
xw=$(best xmllint 1)
xc=$(best xmllint 2)
echo "== best of $ROUNDS (wall, cpu; ratio to xmllint's best)"
for name in xmllint link baseline; do
	[ -f "$out/$name" ] || continue
	w=$(best "$name" 1)
	c=$(best "$name" 2)
	r=$(sort -n -k3 "$out/$name" | tail -1 | awk '{ print int($3 / 1024) }')
	printf '  %-10s wall %6.2f s (%5.2fx)  cpu %6.2f s (%5.2fx)  peak RSS %d MiB\n' "$name" \
		"$w" "$(awk "BEGIN { print $w / $xw }")" "$c" "$(awk "BEGIN { print $c / $xc }")" "$r"
done
