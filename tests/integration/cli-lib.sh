# Shared by the command-line integration scripts (sourced, not run; daemon-lib.sh is the
# daemon tests' counterpart).  Gives $SW (the binary), $PY (Debian's python3), a private
# $tmp removed at exit after every pid in $pids is stopped (and cleanup_more, when the
# script defines it, has run), private XDG config and state homes, and TAP helpers
# counting $failures: ok, bad, contains, lacks, expect_rc.
SW=${STATUSWATCH:?STATUSWATCH must name the binary}
PY=${SW_PYTHON:-/usr/bin/python3}
tmp=$(mktemp -d)
pids=()
cleanup() {
	local p
	declare -F cleanup_more >/dev/null && cleanup_more
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
export XDG_CONFIG_HOME=$tmp/xdg-config XDG_STATE_HOME=$tmp/xdg-state
unset STATUSWATCH_CONFIG
failures=0

ok() { echo "ok - $1"; }
bad() { echo "not ok - $1"; failures=$((failures + 1)); }
# expect_rc DESC RC CMD...: runs CMD, stdout → $tmp/out, stderr → $tmp/err
expect_rc() {
	local desc=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	if [ "$got" -eq "$want" ]; then ok "$desc"; else
		bad "$desc (exit $got, wanted $want)"
		sed 's/^/    stderr: /' "$tmp/err" | head -5
	fi
}
# contains DESC TEXT FILE / lacks DESC TEXT FILE: whether FILE has a line with TEXT.
contains() { if grep -q -- "$2" "$3"; then ok "$1"; else bad "$1 ('$2' not in $3)"; sed 's/^/    /' "$3" | head -5; fi; }
lacks() { if grep -q -- "$2" "$3"; then bad "$1 ('$2' in $3)"; else ok "$1"; fi; }
