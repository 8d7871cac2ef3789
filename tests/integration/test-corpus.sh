#!/usr/bin/env bash
# Linker quality on labelled scenarios: runs the shared corpus score script
# (pairwise precision/recall/F1, false merges, order dependence) on
# $SW_SHARED/corpus and on our own scenarios in tests/fixtures/corpus/.
# Fails below F1 0.95 or on any false merge; skips (77) when the shared
# corpus or Debian's python3 is missing.
set -u

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
echo "== shared corpus"
"$py" "$shared/score" --bin "$bin" --min-f1 0.95 -v || fail=1

mapfile -t mine < <(find "$ours" -mindepth 2 -maxdepth 2 -name truth.json -printf '%h\n' | sort)
if [ "${#mine[@]}" -eq 0 ]; then
	echo "no scenarios of our own under '$ours'" >&2
	exit 1
fi
echo "== own scenarios"
"$py" "$shared/score" --bin "$bin" --min-f1 0.95 -v "${mine[@]}" || fail=1
exit $fail
