#!/bin/bash
# Issue 16, defect 9: SIGPIPE and SIGXFSZ must not kill statuswatch.  A closed pipe on
# stdout or stderr and a file size limit (ulimit -f) make the write fail instead; the
# failure is reported (stdout) or survived (stderr, the log), never exit 141 or 153.
# The pipes are closed before statuswatch starts, so nothing depends on timing.
set -u
. "$(dirname "$0")/cli-lib.sh"
DEMO=${SW_SOURCE_ROOT:?}/share/demo/exchange-2023-07.json
printf '[source:demo]\ntype = feed\nurl = file://%s\n' "$DEMO" >"$tmp/sw.conf"
chmod 600 "$tmp/sw.conf"

"$PY" - "$SW" "$tmp" <<'PY'
import os, resource, signal, subprocess, sys
sw, tmp = sys.argv[1], sys.argv[2]
conf = os.path.join(tmp, "sw.conf")
failures = 0

def check(desc, ok, detail=""):
    global failures
    print(("ok - " if ok else "not ok - ") + desc)
    if not ok:
        failures += 1
        if detail:
            print("    " + detail.replace("\n", "\n    "))

def closed_pipe():
    r, w = os.pipe()
    os.close(r)  # every write to w now fails with EPIPE (or raises SIGPIPE)
    return w

def died_of(rc):
    return signal.Signals(-rc).name if rc < 0 else None

# 1. stdout is a pipe nobody reads: the results could not be delivered.
w = closed_pipe()
p = subprocess.run([sw, "demo"], stdout=w, stderr=subprocess.PIPE)
os.close(w)
err = p.stderr.decode(errors="replace")
check("demo into a closed pipe is not killed by SIGPIPE", p.returncode >= 0,
      f"died of {died_of(p.returncode)}")
check("demo into a closed pipe exits 1", p.returncode == 1, f"exit {p.returncode}")
check("the write error is reported", "cannot write to standard output" in err, err)

# 2. stderr (the log) is a pipe nobody reads: the poll still does its work.
w = closed_pipe()
state = os.path.join(tmp, "state-pipe")
p = subprocess.run([sw, "-v", "--config", conf, "--state-dir", state, "poll", "--once"],
                   stdout=subprocess.DEVNULL, stderr=w)
os.close(w)
check("poll -v with a closed stderr is not killed by SIGPIPE", p.returncode >= 0,
      f"died of {died_of(p.returncode)}")
check("poll -v with a closed stderr succeeds", p.returncode == 0, f"exit {p.returncode}")
check("and stored its data", os.path.getsize(os.path.join(state, "state.db")) > 0)

# 3. a file size limit far below what the database needs.
def limit():
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
state = os.path.join(tmp, "state-small")
p = subprocess.run([sw, "--config", conf, "--state-dir", state, "poll", "--once"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)
err = p.stderr.decode(errors="replace")
check("poll over ulimit -f is not killed by SIGXFSZ", p.returncode >= 0,
      f"died of {died_of(p.returncode)}")
check("poll over ulimit -f fails with exit 1", p.returncode == 1, f"exit {p.returncode}\n{err}")
check("and says why", "statuswatch:" in err and err.strip() != "", err)
sys.exit(1 if failures else 0)
PY
