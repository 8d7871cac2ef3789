#!/usr/bin/env bash
# Linker quality on labelled scenarios: runs the shared corpus score script
# (pairwise precision/recall/F1, false merges, order dependence) on
# $SW_SHARED/corpus and on our own scenarios in tests/fixtures/corpus/.
# Fails below F1 0.95 (overall, averaged per scenario, and in ANY single
# scenario: parallel landings must not silently break one day while the
# average stays high) or on any false merge; skips (77) when the shared corpus
# or Debian's python3 is missing.
set -u

min_f1=0.95
# Scenarios known to score below $min_f1, each with the reason; keep empty.
known_below=()

bin=${STATUSWATCH:?STATUSWATCH not set}
py=${SW_PYTHON:-/usr/bin/python3}
shared=${SW_SHARED:-}/corpus
ours=${SW_SOURCE_ROOT:?SW_SOURCE_ROOT not set}/tests/fixtures/corpus

if [ -z "${SW_SHARED:-}" ] || [ ! -f "$shared/score" ]; then
	echo "1..0 # SKIP no shared corpus at '$shared'"
	exit 77
fi
if ! command -v "$py" >/dev/null 2>&1; then
	echo "1..0 # SKIP no python3"
	exit 77
fi

fail=0

# Runs score on "$@", echoes its report, and fails on its verdict and on any
# scenario line ("NAME: tp=T fp=F fn=N ...") whose F1 2T/(2T+F+N) is below $min_f1.
score() {
	local out rc
	out=$("$py" "$shared/score" --bin "$bin" --min-f1 "$min_f1" -v "$@")
	rc=$?
	printf '%s\n' "$out"
	[ "$rc" -eq 0 ] || fail=1
	local low
	low=$(printf '%s\n' "$out" | awk -v min="$min_f1" -v known=" ${known_below[*]} " '
		match($0, /^[^ ][^:]*: tp=[0-9]+ fp=[0-9]+ fn=[0-9]+/) {
			name = substr($0, 1, index($0, ": tp=") - 1)
			split(substr($0, index($0, ": tp=") + 2), f, /[ =]/)
			tp = f[2]; fp = f[4]; fn = f[6]
			if (tp + fp + fn == 0) next
			f1 = 2 * tp / (2 * tp + fp + fn)
			if (f1 < min && index(known, " " name " ") == 0)
				printf "scenario %s: F1 %.3f below %s\n", name, f1, min
		}')
	if [ -n "$low" ]; then
		printf '%s\n' "$low" >&2
		fail=1
	fi
}

echo "== shared corpus"
score

mapfile -t mine < <(find "$ours" -mindepth 2 -maxdepth 2 -name truth.json -printf '%h\n' | sort)
if [ "${#mine[@]}" -eq 0 ]; then
	echo "no scenarios of our own under '$ours'" >&2
	exit 1
fi
echo "== own scenarios"
score "${mine[@]}"
exit $fail
