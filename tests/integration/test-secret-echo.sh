#!/bin/bash
# Issue 16, defect 10: a token endpoint that echoes the request in its
# error_description (the client secret with it, raw and form-encoded) must not put the
# secret into the log line, the exit message or the stored source error ('sources').
# And a file: secret readable by group or others is reported (check-config, poll).
set -u
. "$(dirname "$0")/daemon-lib.sh"

"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/graph_server.py" \
	"$SW_SOURCE_ROOT/tests/fixtures/graph" >"$TMP/gport" &
GRAPH_PID=$!
trap 'kill $GRAPH_PID 2>/dev/null; cleanup' EXIT
for _ in $(seq 50); do [ -s "$TMP/gport" ] && break; sleep 0.1; done
GPORT=$(head -n1 "$TMP/gport")
[ -n "$GPORT" ] || { echo "Bail out! graph server did not start"; exit 99; }

export SW_TEST_GRAPH_SECRET='s3cr3t&=+ %value'
cat >"$CONF" <<CONF
[source:contoso]
type = m365
tenant = contoso.onmicrosoft.com
client_id = echo-app
client_secret = env:SW_TEST_GRAPH_SECRET
login_url = http://127.0.0.1:$GPORT
graph_url = http://127.0.0.1:$GPORT
CONF

sw -v poll --once >"$TMP/out" 2>"$TMP/err"
rc=$?
check "the poll fails (exit $rc)" [ "$rc" = 1 ]
check "the error names the token endpoint's answer" grep -q "AADSTS7000215" "$TMP/err"
sw sources >"$TMP/sources" 2>&1
check "the stored error is there" grep -q "AADSTS7000215" "$TMP/sources"
"$SW_PYTHON" - "$TMP/err" "$TMP/out" "$TMP/sources" "$STATE/state.db" <<'PY' && ok "no form of the secret anywhere" || not_ok "no form of the secret anywhere"
import sys, urllib.parse
secret = "s3cr3t&=+ %value"
forms = {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)}
bad = False
for path in sys.argv[1:]:
    data = open(path, "rb").read().decode("utf-8", "replace")
    for f in forms:
        if f in data:
            print(f"    {path} holds the secret as {f!r}")
            bad = True
sys.exit(1 if bad else 0)
PY
check "the masked places say ***" grep -q '\*\*\*' "$TMP/sources"

# A file: secret that others may read is accepted with a warning (msmtp's rule); a
# private one without.
printf '%s\n' "$SW_TEST_GRAPH_SECRET" >"$TMP/secret"
chmod 644 "$TMP/secret"
sed -i "s|^client_secret = .*|client_secret = file:$TMP/secret|" "$CONF"
sw check-config >/dev/null 2>"$TMP/cc.err"
check "check-config warns about a 0644 secret file" \
	grep -q "\[source:contoso\] 'client_secret': secret file '$TMP/secret' is mode 0644" "$TMP/cc.err"
sw poll --once >/dev/null 2>"$TMP/poll.err"
check "poll warns about it too" grep -q "secret file '$TMP/secret' is mode 0644" "$TMP/poll.err"
chmod 600 "$TMP/secret"
sw check-config >/dev/null 2>"$TMP/cc2.err"
check "no warning once it is 0600" sh -c "! grep -q 'secret file' '$TMP/cc2.err'"
exit $FAILED
