#!/bin/bash
# Poll benchmark of the fetch layer (see tests/bench/README.md, "Polling").
# Serves N generated feeds (default 2,000, ~20 KB each) from a loopback nginx,
# then polls them all: once where everything has changed (200 + body) and once
# where everything answers 304, with bench-poll (our Fetcher) and, side by side,
# with `curl --parallel --parallel-max 64 --config FILE`.
#
# Usage: tests/bench/run-poll.sh [BUILD_DIR] [N]     (BUILD_DIR default: build)
# Needs nginx (Debian nginx-light), curl, /usr/bin/python3; exits 77 without them.
# KEEP=1 keeps the temp dir (feeds, nginx.conf, urls.txt, curl.cfg) for inspection.
set -euo pipefail

src_root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build}
n=${2:-2000}
case $build in /*) ;; *) build=$src_root/$build ;; esac

nginx=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$nginx" curl /usr/bin/python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "run-poll: missing $tool, skipping" >&2
		exit 77
	fi
done

ninja -C "$build" tests/bench-poll >/dev/null
bench=$build/tests/bench-poll

dir=$(mktemp -d /tmp/sw-bench-poll.XXXXXX)
# Readable by the worker, which runs as "nobody" when the script runs as root.
chmod 755 "$dir"
nginx_pid=
cleanup() {
	if [ -n "$nginx_pid" ]; then
		kill "$nginx_pid" 2>/dev/null || true
		wait "$nginx_pid" 2>/dev/null || true
	fi
	if [ -z "${KEEP:-}" ]; then rm -rf "$dir"; fi
}
trap cleanup EXIT

# Feeds: N RSS files of ~20 KB, all with one fixed mtime so one If-Modified-Since
# date makes every request conditional-hit (nginx: if_modified_since exact).
stamp="Tue, 18 Jul 2023 04:45:00 GMT"
/usr/bin/python3 - "$dir/root/feeds" "$n" <<'PY'
import os, sys
out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out)
item = ("<item><title>Service degradation %d-%d</title><link>https://status.example.com/i/%d-%d</link>"
        "<guid>https://status.example.com/i/%d-%d</guid><pubDate>Tue, 18 Jul 2023 04:45:00 GMT</pubDate>"
        "<description>We are investigating reports of elevated error rates for a subset of "
        "customers in region %d. Next update in 30 minutes. %s</description></item>\n")
for i in range(n):
    items = "".join(item % (i, j, i, j, i, j, j % 7, "x" * 700) for j in range(20))
    with open(os.path.join(out, "%04d.xml" % i), "w") as f:
        f.write('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>feed %d</title>\n%s'
                "</channel></rss>\n" % (i, items))
PY
touch -d "$stamp" "$dir"/root/feeds/*.xml

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sed -e "s#@DIR@#$dir#g" -e "s#@PORT@#$port#g" -e "s#@ROOT@#$dir/root#g" \
	"$src_root/tests/bench/nginx-poll.conf.in" >"$dir/nginx.conf"
"$nginx" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
nginx_pid=$!
for _ in $(seq 50); do
	curl -sf -o /dev/null "http://127.0.0.1:$port/feeds/0000.xml" && break
	sleep 0.1
done

: >"$dir/urls.txt"
: >"$dir/curl.cfg"
for ((i = 0; i < n; i++)); do
	u=$(printf 'http://127.0.0.1:%s/feeds/%04d.xml' "$port" "$i")
	echo "$u" >>"$dir/urls.txt"
	printf 'url = "%s"\noutput = "/dev/null"\n' "$u" >>"$dir/curl.cfg"
done
bytes=$(du -sb "$dir/root/feeds" | cut -f1)
echo "run-poll: $n feeds, $((bytes / 1000000)) MB, nginx $("$nginx" -v 2>&1 | cut -d/ -f2) on 127.0.0.1:$port, $(nproc) CPUs"

export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
# curl measured like bench-poll measures itself: wall around the child only, its
# user+system CPU and peak RSS from wait4(), and its status codes from --write-out.
run_curl() {
	local label=$1
	shift
	/usr/bin/python3 - "$label" "$@" <<'PY'
import collections, resource, subprocess, sys, time
label, args = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
p = subprocess.run(args, stdout=subprocess.PIPE, text=True)
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
codes = collections.Counter(p.stdout.split())
print("curl --parallel-max 64 (%s): %s; wall %.3f s, cpu %.3f s, peak RSS %.1f MiB"
      % (label, ", ".join("%d x %s" % (n, c) for c, n in sorted(codes.items())),
         wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024))
PY
}
curl_cmd=(curl -s --no-progress-meter --parallel --parallel-max 64 --write-out '%{http_code}\n'
	--config "$dir/curl.cfg")
for round in 1 2; do
	echo "--- round $round"
	echo "all changed (200):"
	"$bench" "$dir/urls.txt" | sed 's/^/  fetcher 64 total, 6 per host: /'
	"$bench" --max-per-host 64 "$dir/urls.txt" | sed 's/^/  fetcher 64 total, 64 per host: /'
	"$bench" --attached "$dir/urls.txt" | sed 's/^/  fetcher 64\/6, GMainContext (daemon mode): /'
	run_curl full "${curl_cmd[@]}" | sed 's/^/  /'
	echo "all not modified (304):"
	"$bench" --if-modified-since "$stamp" "$dir/urls.txt" | sed 's/^/  fetcher 64 total, 6 per host: /'
	"$bench" --if-modified-since "$stamp" --max-per-host 64 "$dir/urls.txt" |
		sed 's/^/  fetcher 64 total, 64 per host: /'
	"$bench" --if-modified-since "$stamp" --cycles 2 "$dir/urls.txt" |
		sed 's/^/  fetcher 64\/6, 2nd cycle on warm connections: /'
	"$bench" --if-modified-since "$stamp" --attached "$dir/urls.txt" |
		sed 's/^/  fetcher 64\/6, GMainContext (daemon mode): /'
	run_curl 304 "${curl_cmd[@]}" -H "If-Modified-Since: $stamp" | sed 's/^/  /'
done
