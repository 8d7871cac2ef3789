#!/bin/bash
# Issue 16, defect 6: `link` streams each file under the cap a fetch applies (8 MiB)
# instead of reading it whole first (a 700 MB file took 728 MB of memory; /dev/zero ran
# until allocation failed).  A 64 MiB feed and /dev/zero each end in one warning line
# and exit 1 with the peak memory (ru_maxrss) far below the file's size; an ordinary
# fixture still links.
set -u
. "$(dirname "$0")/cli-lib.sh"
FIX=${SW_SOURCE_ROOT:?}/tests/fixtures

"$PY" - "$SW" "$tmp" "$FIX/rss/azure-status.rss" <<'PY'
import os, resource, subprocess, sys
sw, tmp, fixture = sys.argv[1:4]
failures = 0

def check(desc, ok, detail=""):
    global failures
    print(("ok - " if ok else "not ok - ") + desc)
    if not ok:
        failures += 1
        if detail:
            print("    " + detail.replace("\n", "\n    "))

big = os.path.join(tmp, "big.rss")
with open(big, "wb") as f:
    # Well-formed so far: whitespace between elements, which a parser reads on and on.
    f.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>')
    chunk = b" " * (1 << 20)
    for _ in range(64):
        f.write(chunk)
    f.write(b"</channel></rss>\n")

def run(path):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    try:
        p = subprocess.run([sw, "link", path], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=60)
    except subprocess.TimeoutExpired:
        return None, "", 0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB, the largest child
    return p.returncode, p.stderr.decode(errors="replace"), peak

# ASan's shadow memory adds to the resident size; the file is 64 MiB either way.
limit_kib = 48 * 1024
for label, path in (("a 64 MiB feed", big), ("/dev/zero", "/dev/zero")):
    rc, err, peak = run(path)
    check(f"link of {label} ends", rc is not None, "timed out after 60 s")
    check(f"link of {label} exits 1", rc == 1, f"exit {rc}\n{err}")
    check(f"link of {label} says why in one line", err.count("\n") == 1 and path in err, err)
    check(f"link of {label} stays under 48 MiB (peak {peak // 1024} MiB)", peak < limit_kib)
rc, err, _ = run(big)
check("the cap is the fetch's 8 MiB", "8 MiB" in err, err)

rc, err, _ = run(fixture)
check("an ordinary feed still links", rc == 0, f"exit {rc}\n{err}")
sys.exit(1 if failures else 0)
PY
