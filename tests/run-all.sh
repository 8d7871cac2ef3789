#!/bin/sh
# The whole test suite, as CI runs it (README.md, Quick start, second line):
#   1. build with -Werror and run every test (unit + integration with loopback servers);
#   2. build again under AddressSanitizer + UndefinedBehaviorSanitizer and run every test
#      with the `asan` setup;
#   3. run the unit tests under valgrind (the `valgrind` setup: any error or definite leak fails);
#   4. with clang-14 installed (.ci/deps installs it): build with clang, its ASan+UBSan and
#      the libFuzzer targets (build-clang, -Dfuzzing=true), run every test with the `asan`
#      setup, then each fuzz target for $SW_FUZZ_SECONDS (default 30) on top of its seeds
#      (tests/fuzz/README.md) and print the executions per target.  Without clang this
#      step is skipped, except under CI=true, where that counts as a failure.
# Prints meson's own counts summed over the runs as the last line: "N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
status=0

run() {
	echo "+ $*"
	"$@" || status=1
}

run meson setup build
run meson configure build -Dwerror=true
run meson test -C build --print-errorlogs
run meson setup build-asan
run meson configure build-asan -Dwerror=true -Db_sanitize=address,undefined
run meson test -C build-asan --setup asan --print-errorlogs
run meson test -C build --setup valgrind --suite unit --print-errorlogs

clang_logs=""
if command -v clang-14 >/dev/null 2>&1; then
	[ -d build-clang ] || run env CC=clang-14 meson setup build-clang -Db_lundef=false
	run meson configure build-clang -Dwerror=true -Db_sanitize=address,undefined -Dfuzzing=true
	run meson test -C build-clang --setup asan --no-suite fuzz --print-errorlogs
	run meson test -C build-clang --suite fuzz --print-errorlogs
	clang_logs="build-clang/meson-logs/testlog-asan.json build-clang/meson-logs/testlog.json"
	# "fuzz NAME: N executions in S s (exit R)", from each fuzz test's output.
	/usr/bin/python3 - build-clang/meson-logs/testlog.json <<'PY'
import json, re, sys
total = 0
for line in open(sys.argv[1]):
    m = re.search(r"^fuzz (\S+): (\d+) executions.*$", json.loads(line).get("stdout", ""), re.M)
    if m:
        print(m.group(0))
        total += int(m.group(2))
print(f"fuzz total: {total} executions")
PY
elif [ "${CI:-}" = true ]; then
	echo "clang-14 missing: the clang sanitizer and fuzz runs did not happen"
	clang_logs="build-clang/meson-logs/missing.json"
fi

# meson writes one JSON object per test to meson-logs/testlog-<setup>.json.
/usr/bin/python3 - build/meson-logs/testlog.json build-asan/meson-logs/testlog-asan.json \
	build/meson-logs/testlog-valgrind.json $clang_logs <<'PY'
import json, sys
ok = bad = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        bad += 1  # a run that left no log did not pass
        continue
    for line in lines:
        r = json.loads(line).get("result")
        if r in ("OK", "EXPECTEDFAIL"):
            ok += 1
        elif r not in ("SKIP",):
            bad += 1
print(f"{ok} passed, {bad} failed")
PY
exit $status
