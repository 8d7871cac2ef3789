#!/bin/bash
# The committed subset of feedparser's suite (tests/fixtures/feedparser) read by
# `statuswatch link --json`, compared with what feedparser reads (reference.json):
# any file feedparser reads an entry from that we do not, or any title, link, id or
# date that differs, fails.  The whole suite: tests/feedparser/harness.py --suite.
set -u
SW=${STATUSWATCH:?}
PY=${SW_PYTHON:-/usr/bin/python3}
ROOT=${SW_SOURCE_ROOT:?}
command -v "$PY" >/dev/null || { echo "1..0 # SKIP no python3"; exit 77; }
echo "1..1"
if out=$("$PY" "$ROOT/tests/feedparser/harness.py" --statuswatch "$SW" \
	--subset "$ROOT/tests/fixtures/feedparser" 2>&1); then
	printf '%s\n' "$out" | sed 's/^/# /'
	echo "ok 1 - feedparser subset: every entry read, titles/links/ids/dates agree"
else
	printf '%s\n' "$out" | sed 's/^/# /'
	echo "not ok 1 - feedparser subset differs"
	exit 1
fi
