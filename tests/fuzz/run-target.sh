#!/bin/sh
# Runs one libFuzzer target for $SW_FUZZ_SECONDS (default 30), seed $SW_FUZZ_SEED (default 1), on top of its seeds:
#   run-target.sh FUZZER NAME WORKDIR REGRESS_DIR SEED...
# New inputs go to WORKDIR/corpus (kept between runs in the build dir), a crash to
# WORKDIR/crash-* (copy it into tests/fuzz/regress/NAME/ once fixed; README.md).
# Exit status: libFuzzer's (non-zero on a crash, leak, timeout or out-of-memory).
# The last line is "fuzz NAME: N executions in S s" for the CI summary.
set -u
fuzzer=$1 name=$2 work=$3
shift 3
secs=${SW_FUZZ_SECONDS:-30}
# A fixed seed by default, so a CI failure can be replayed exactly (SW_FUZZ_SEED=0 asks
# libFuzzer for a random one).
seed=${SW_FUZZ_SEED:-1}
mkdir -p "$work/corpus"
# Seeds that are single files (not directories) go in through a directory of links.
mkdir -p "$work/seed-files"
dirs=""
for s in "$@"; do
	if [ -d "$s" ]; then
		dirs="$dirs $s"
	elif [ -f "$s" ]; then
		ln -sf "$s" "$work/seed-files/$(basename "$s")"
	fi
done
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# -timeout: one input running 10 s is a hang; -rss_limit_mb: CI machines are small.
# shellcheck disable=SC2086
"$fuzzer" -max_total_time="$secs" -seed="$seed" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
	-error_exitcode=1 -timeout_exitcode=1 \
	-print_final_stats=1 -artifact_prefix="$work/" \
	"$work/corpus" "$work/seed-files" $dirs 2>"$work/log"
rc=$?
# 77 would read as "skipped" to meson.
[ "$rc" -eq 77 ] && rc=1
tail -n 30 "$work/log"
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
echo "fuzz $name: ${execs:-0} executions in $secs s (exit $rc)"
exit $rc
