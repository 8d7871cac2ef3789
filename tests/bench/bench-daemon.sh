#!/bin/bash
# Daemon benchmark (see tests/bench/README.md, "Daemon"): statuswatch itself
# with N sources (default 2,000) served by a loopback nginx.
#
#   1. poll --once, fresh state: every feed is new (200 + body, parse, store, link)
#   2. poll --once again: every feed answers 304
#   3. run (the daemon) on a fresh state dir with interval 2m: its first cycle,
#      then 20 s of idle CPU (from /proc/PID/stat), then its second cycle (all
#      304), with VmRSS / VmHWM from /proc/PID/status
#
# Usage: tests/bench/bench-daemon.sh [BUILD_DIR] [N] [CORPUS]
#   CORPUS = gen   tests/bench/gen-feeds.py (RSS + Atom, 20-50 items, ~135 KB a feed)
#            small 10 RSS items a feed (~3 KB), the size of a typical status feed
# Needs nginx (Debian nginx-light), /usr/bin/time, /usr/bin/python3; exits 77 without.
# KEEP=1 keeps the temp dir.
set -euo pipefail
# GLib 2.74's slice allocator never returns memory (2.76 dropped it); the systemd units set
# the same, so the figures are the ones a service sees.
export G_SLICE=${G_SLICE-always-malloc}

src_root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
n=${2:-2000}
corpus=${3:-small}
case $build in /*) ;; *) build=$src_root/$build ;; esac
sw=$build/src/statuswatch
nginx=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$nginx" /usr/bin/time /usr/bin/python3 curl; do
	command -v "$tool" >/dev/null || { echo "bench-daemon: missing $tool, skipping" >&2; exit 77; }
done
ninja -C "$build" src/statuswatch >/dev/null

dir=$(mktemp -d /tmp/sw-bench-daemon.XXXXXX)
chmod 755 "$dir"
nginx_pid=
daemon_pid=
cleanup() {
	[ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
	wait 2>/dev/null || true
	[ -z "${KEEP:-}" ] && rm -rf "$dir"
	return 0
}
trap cleanup EXIT

mkdir -p "$dir/root/feeds"
if [ "$corpus" = gen ]; then
	/usr/bin/python3 "$src_root/tests/bench/gen-feeds.py" --out "$dir/root/feeds" --feeds "$n" \
		>/dev/null
else
	/usr/bin/python3 - "$dir/root/feeds" "$n" <<'PY'
import os, sys, time
out, n = sys.argv[1], int(sys.argv[2])
now = time.time()
item = ("<item><title>%s in region %d</title><link>https://status%d.example.com/i/%d</link>"
        "<guid>https://status%d.example.com/i/%d</guid><pubDate>%s</pubDate>"
        "<description>We are investigating reports of %s for a subset of customers in "
        "region %d. Next update in 30 minutes.</description></item>\n")
words = ["Elevated error rates", "Increased latency", "Degraded performance",
         "Delayed notifications", "Login failures", "Partial outage"]
for i in range(n):
    items = []
    for j in range(10):
        t = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(now - (i % 97 + j * 3600) * 60))
        w = words[(i + j) % len(words)]
        items.append(item % (w, j % 7, i, j, i, j, t, w.lower(), j % 7))
    with open(os.path.join(out, "feed-%05d.rss" % i), "w") as f:
        f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>feed %d</title>\n%s'
                "</channel></rss>\n" % (i, "".join(items)))
PY
fi
bytes=$(du -sb "$dir/root/feeds" | cut -f1)

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sed -e "s#@DIR@#$dir#g" -e "s#@PORT@#$port#g" -e "s#@ROOT@#$dir/root#g" \
	"$src_root/tests/bench/nginx-poll.conf.in" >"$dir/nginx.conf"
"$nginx" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
nginx_pid=$!
first=$(cd "$dir/root/feeds" && printf '%s\n' * | head -n1)
for _ in $(seq 50); do
	curl -sf -o /dev/null "http://127.0.0.1:$port/feeds/$first" && break
	sleep 0.1
done

write_conf() { # interval
	: >"$dir/sw.conf"
	for f in "$dir"/root/feeds/*; do
		b=$(basename "$f")
		printf '[source:%s]\ntype = feed\nurl = http://127.0.0.1:%s/feeds/%s\ninterval = %s\n\n' \
			"${b%.*}" "$port" "$b" "$1" >>"$dir/sw.conf"
	done
}
write_conf 2m
echo "bench-daemon: $n sources, corpus '$corpus' ($((bytes / 1000000)) MB), $(nproc) CPUs, $("$nginx" -v 2>&1 | cut -d/ -f2)"

timed() { # label, args...
	local label=$1; shift
	/usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$sw" -q --config "$dir/sw.conf" "$@" \
		>/dev/null 2>"$dir/err" || true
	read -r wall user sys rss <"$dir/time"
	printf '%-34s wall %6.2f s  cpu %6.2f s  peak RSS %6.1f MiB  (%s warnings)\n' "$label" \
		"$wall" "$(echo "$user + $sys" | bc)" "$(echo "scale=1; $rss / 1024" | bc)" \
		"$(grep -c warning "$dir/err" || true)"
}
timed "poll --once, all new" --state-dir "$dir/state1" poll --once
timed "poll --once, all 304" --state-dir "$dir/state1" poll --once

# The daemon.  Ticks: utime + stime in clock ticks (fields 14, 15 of /proc/PID/stat).
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$daemon_pid/stat"; }
status() { awk -v k="$1:" '$1 == k {printf "%.1f", $2 / 1024}' "/proc/$daemon_pid/status"; }
"$sw" --config "$dir/sw.conf" --state-dir "$dir/state2" run 2>"$dir/daemon.log" &
daemon_pid=$!
start=$(date +%s.%N)
# The first cycle is spread over the first 12 s (a tenth of the interval); wait until the
# CPU counter stops moving for 2 s after that.
sleep 12
prev=-1
while :; do
	t=$(ticks)
	[ "$t" = "$prev" ] && break
	prev=$t
	sleep 2
done
done_at=$(echo "$(date +%s.%N) - $start" | bc)
rss_after_first="$(status VmRSS) MiB (anonymous $(status RssAnon))"
idle0=$(ticks)
sleep 20
idle1=$(ticks)
idle_pct=$(echo "scale=2; ($idle1 - $idle0) * 100 / ($hz * 20)" | bc)
printf '%-34s cpu %6.2f s, settled after %.0f s, RSS %s\n' "run: first cycle (all new)" \
	"$(echo "scale=2; $idle0 / $hz" | bc)" "$done_at" "$rss_after_first"
printf '%-34s %s ticks in 20 s = %s %% CPU\n' "run: idle" "$((idle1 - idle0))" "$idle_pct"
# Second cycle: due 108-132 s after the first polls.
while [ "$(echo "$(date +%s) - ${start%.*} < 140" | bc)" = 1 ]; do sleep 1; done
prev=-1
while :; do
	t=$(ticks)
	[ "$t" = "$prev" ] && break
	prev=$t
	sleep 2
done
printf '%-34s cpu %6.2f s  RSS %s MiB (anonymous %s)  peak RSS (VmHWM) %s MiB\n' \
	"run: second cycle (all 304)" "$(echo "scale=2; ($(ticks) - $idle1) / $hz" | bc)" \
	"$(status VmRSS)" "$(status RssAnon)" "$(status VmHWM)"
warnings=$(grep -c warning "$dir/daemon.log" || true)
kill -TERM "$daemon_pid"
wait "$daemon_pid" && rc=0 || rc=$?
daemon_pid=
echo "run: exit $rc after SIGTERM, $warnings warning lines"
