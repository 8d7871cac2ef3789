#!/bin/sh
# The whole test suite, as CI runs it (README.md, Quick start, second line):
#   1. build with -Werror and run every test (unit + integration with loopback servers);
#   2. build again under AddressSanitizer + UndefinedBehaviorSanitizer and run every test
#      with the `asan` setup;
#   3. run the unit tests under valgrind (the `valgrind` setup: any error or definite leak fails).
# Prints meson's own counts summed over the three runs as the last line: "N passed, N failed".
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

# meson writes one JSON object per test to meson-logs/testlog-<setup>.json.
/usr/bin/python3 - build/meson-logs/testlog.json build-asan/meson-logs/testlog-asan.json \
	build/meson-logs/testlog-valgrind.json <<'PY'
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
