#!/bin/bash
# Issue 16, defect 6: `link` streams each file under the cap a fetch applies (8 MiB)
# instead of reading it whole first (a 700 MB file took 728 MB of memory; /dev/zero ran
# until allocation failed).  A 64 MiB feed and /dev/zero each end in one warning line
# and exit 1 with the peak memory (ru_maxrss) within 24 MiB of linking an ordinary
# fixture (which still links), far below the file's size.
set -u
. "$(dirname "$0")/cli-lib.sh"
FIX=${SW_SOURCE_ROOT:?}/tests/fixtures

"$PY" - "$SW" "$tmp" "$FIX/rss/azure-status.rss" <<'PY'
import os, signal, subprocess, sys, threading
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
    """Links @path: (exit code or None on a timeout, stderr, this child's peak RSS in KiB)."""
    p = subprocess.Popen([sw, "link", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    timer = threading.Timer(60, p.kill)
    timer.start()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)  # this child's own rusage
    timer.cancel()
    p.stderr.close()
    rc = os.waitstatus_to_exitcode(status)
    return (None if rc == -signal.SIGKILL else rc), err.decode(errors="replace"), usage.ru_maxrss

# The peak of linking an ordinary feed is the build's own (ASan's shadow memory adds
# tens of MiB to it); a file read whole would add its 64 MiB on top.
rc, err, ordinary = run(fixture)
check("an ordinary feed still links", rc == 0, f"exit {rc}\n{err}")
limit_kib = ordinary + 24 * 1024
for label, path in (("a 64 MiB feed", big), ("/dev/zero", "/dev/zero")):
    rc, err, peak = run(path)
    check(f"link of {label} ends", rc is not None, "timed out after 60 s")
    check(f"link of {label} exits 1", rc == 1, f"exit {rc}\n{err}")
    check(f"link of {label} says why in one line", err.count("\n") == 1 and path in err, err)
    check(f"link of {label} stays within 24 MiB of an ordinary feed's peak "
          f"(peak {peak // 1024} MiB, ordinary {ordinary // 1024} MiB)", peak < limit_kib)
rc, err, _ = run(big)
check("the cap is the fetch's 8 MiB", "8 MiB" in err, err)

sys.exit(1 if failures else 0)
PY
