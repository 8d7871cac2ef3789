#!/bin/bash
# `statuswatch digest` end to end on the July 2023 Exchange Online sample: the
# sample is polled from a loopback feed server into a real store, then
#  - --dry-run prints a multipart/alternative message (read back with Python's
#    email package) naming EX648815, EX649175 and EX649488 as one incident, and
#    its text part's timeline draws EX649175 inside EX648815;
#  - --html FILE, rendered by headless Chromium to a PNG, shows the bars in their
#    severity colours in the columns the HTML gives them, EX649175 inside
#    EX648815 (tests/integration/digest_picture.py);
#  - sending goes through a real SMTP server on loopback (smtp_server.py); a
#    second run for the same period sends nothing and says it was sent; the
#    scheduled period ("the day up to [digest] time") is sent once a day;
#  - an empty period sends "No incidents; ..." unless send_empty = false, and a
#    source that cannot be read is named even when nothing happened.
set -u
. "$(dirname "$0")/daemon-lib.sh"
python_has() { "$SW_PYTHON" -c "import $1" 2>/dev/null; }
python_has aiosmtpd || { echo "# python3-aiosmtpd missing, skipping"; exit 77; }

MAIL=$TMP/mail
mkdir -p "$MAIL"
start_helper SPORT smtp_server.py "$MAIL"

start_server
cp "$SW_SOURCE_ROOT/share/demo/exchange-2023-07.json" "$FEEDS/exchange.json"
write_conf() { # extra [digest] lines, extra sources
	cat >"$CONF" <<CONF
[source:exchange]
type = feed
url = http://127.0.0.1:$PORT/f/exchange.json
$2

[notify:mail]
type = email
smtp_url = smtp://127.0.0.1:$SPORT
starttls = off
from = statuswatch <statuswatch@example.com>
to = ops@example.com

[digest]
enabled = true
notifier = mail
time = 08:00
$1
CONF
}
write_conf "" ""
mails() { find "$MAIL" -name '*.eml' | wc -l; }
PERIOD=(--since 2023-07-17T00:00:00Z --until 2023-07-20T00:00:00Z)

echo "1..27"
sw poll --once >/dev/null 2>"$TMP/poll.err"
check "the July 2023 sample is polled into the store" [ "$(db_count advisories)" = 5 ]

# 1. --dry-run: the whole message on stdout, nothing sent, nothing recorded.
sw digest "${PERIOD[@]}" --dry-run >"$TMP/dry.eml" 2>"$TMP/dry.err"
rc=$?
check "digest --dry-run exits 0 (got $rc)" [ "$rc" = 0 ]
check "--dry-run sends nothing" [ "$(mails)" = 0 ]
check "--dry-run records nothing" [ "$(db_count digests)" = 0 ]
"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/parse_mail.py" "$TMP/dry.eml" >"$TMP/dry.json"
check "--dry-run is a multipart/alternative RFC 5322 message with text and HTML, no defects" \
	"$SW_PYTHON" -c 'import json, sys
m = json.load(open(sys.argv[1]))
types = [p["type"] for p in m["parts"]]
sys.exit(0 if m["content_type"] == "multipart/alternative" and types == ["text/plain", "text/html"]
	 and not m["defects"] and m["to"] == ["ops@example.com"] and m["max_line"] <= 998 else 1)' \
	"$TMP/dry.json"
check "the subject names the period and three incidents" \
	"$SW_PYTHON" -c 'import json, sys
s = json.load(open(sys.argv[1]))["subject"]
sys.exit(0 if s.startswith("[statuswatch] Digest 17 Jul 00:00 → 20 Jul 00:00 UTC: 3 incidents") else 1)' \
	"$TMP/dry.json"
"$SW_PYTHON" -c 'import json, sys
print(json.load(open(sys.argv[1]))["parts"][0]["text"], end="")' "$TMP/dry.json" >"$TMP/text.txt"
# The incident holding EX648815 lists EX649175 and EX649488 as its advisories.
check "the text part names EX648815, EX649175 and EX649488 as one incident" \
	"$SW_PYTHON" -c 'import re, sys
text = open(sys.argv[1]).read()
blocks = re.split(r"\n(?=\d+\. )", text.split("Incidents, worst first")[1])
mine = [b for b in blocks if "- EX648815 " in b]
sys.exit(0 if len(mine) == 1 and "- EX649175 " in mine[0] and "- EX649488 " in mine[0]
	 and "Advisories (3)" in mine[0] else 1)' "$TMP/text.txt"
# The text timeline: row "  ID  |....|"; EX649175's bar inside EX648815's.
text_cols() {
	"$SW_PYTHON" -c 'import sys
for line in open(sys.argv[1]):
    if line.startswith("  %s " % sys.argv[2]) and "|" in line:
        row = line.split("|")[1]
        cols = [i for i, c in enumerate(row) if c != " "]
        print(cols[0], cols[-1])
        break' "$TMP/text.txt" "$1"
}
read -r a0 a1 <<<"$(text_cols EX648815)"
read -r b0 b1 <<<"$(text_cols EX649175)"
check "the text timeline draws EX649175 (cols ${b0:-?}-${b1:-?}) inside EX648815 (${a0:-?}-${a1:-?})" \
	[ -n "${a0:-}" ] && [ -n "${b0:-}" ] && [ "$a0" -lt "$b0" ] && [ "$b1" -lt "$a1" ]
check "the text part gives the cause from the updates" \
	grep -q "Cause: A feature update meant to improve free/busy" "$TMP/text.txt"

# 2. --html FILE: the HTML part alone; the same columns as the text part.
sw digest "${PERIOD[@]}" --html "$TMP/digest.html" >/dev/null 2>&1
check "--html writes the HTML part and sends nothing" \
	sh -c "grep -q '<table' '$TMP/digest.html' && [ $(mails) = 0 ]"
"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/digest_picture.py" bars "$TMP/digest.html" \
	>"$TMP/bars.json"
check "the HTML bars are in the text part's columns" \
	"$SW_PYTHON" -c 'import json, sys
bars = {b["id"]: b for b in map(json.loads, open(sys.argv[1]))}
want = {"EX648815": (int(sys.argv[2]), int(sys.argv[3])), "EX649175": (int(sys.argv[4]), int(sys.argv[5]))}
sys.exit(0 if all((bars[k]["first"], bars[k]["last"]) == v for k, v in want.items()) else 1)' \
	"$TMP/bars.json" "${a0:-0}" "${a1:-0}" "${b0:-0}" "${b1:-0}"
check "the HTML uses tables and inline styles only" \
	sh -c "! grep -qiE '<style|<svg|display: *(grid|flex)|<link ' '$TMP/digest.html'"

# 3. A real browser draws it.
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
PROFILE=$TMP/chromium-profile
shot() {
	rm -rf "$PROFILE"
	timeout 90 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$PROFILE" --screenshot="$TMP/digest.png" --window-size=1000,1400 \
		"file://$TMP/digest.html" >"$TMP/chromium.log" 2>&1
}
if [ -z "$CHROMIUM" ]; then
	echo "ok - headless chromium draws the timeline # SKIP chromium is not installed"
	echo "ok - EX649175's bar sits inside EX648815's span # SKIP chromium is not installed"
elif ! python_has PIL; then
	echo "ok - headless chromium draws the timeline # SKIP python3-pil is not installed"
	echo "ok - EX649175's bar sits inside EX648815's span # SKIP python3-pil is not installed"
elif ! shot || [ ! -s "$TMP/digest.png" ]; then
	echo "ok - headless chromium draws the timeline # SKIP chromium cannot start: $(tail -n1 "$TMP/chromium.log")"
	echo "ok - EX649175's bar sits inside EX648815's span # SKIP chromium cannot start"
else
	"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/digest_picture.py" check \
		"$TMP/digest.html" "$TMP/digest.png" >"$TMP/picture.out"
	rc=$?
	sed 's/^/# /' "$TMP/picture.out"
	check "headless chromium draws every bar in its colour and columns (not blank)" [ "$rc" = 0 ]
	check "EX649175's bar sits inside EX648815's span, on a row below it" \
		"$SW_PYTHON" -c 'import json, sys
bars = {b["id"]: b for b in map(json.loads, (l for l in open(sys.argv[1]) if l.startswith("{")))}
a, b = bars["EX648815"], bars["EX649175"]
sys.exit(0 if a["x0"] < b["x0"] and b["x1"] < a["x1"] and b["y0"] > a["y1"] else 1)' \
		"$TMP/picture.out"
	[ -n "${SW_KEEP_PICTURE:-}" ] && cp "$TMP/digest.png" "$SW_KEEP_PICTURE"
fi

# 4. Sending: once per period.
sw digest "${PERIOD[@]}" >"$TMP/send1.out" 2>&1
rc=$?
check "digest sends through the [digest] notifier (exit $rc): $(head -c 100 "$TMP/send1.out")" \
	sh -c "[ $rc = 0 ] && [ $(mails) = 1 ] && grep -q '250 2.0.0 Ok: queued' '$TMP/send1.out'"
"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/parse_mail.py" "$MAIL/001.eml" >"$TMP/sent.json"
check "the SMTP server received the same digest as --dry-run printed" \
	"$SW_PYTHON" -c 'import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
sys.exit(0 if a["subject"] == b["subject"] and a["parts"] == b["parts"] else 1)' \
	"$TMP/sent.json" "$TMP/dry.json"
sw digest "${PERIOD[@]}" >"$TMP/send2.out" 2>&1
rc=$?
check "a second run for the period sends nothing and says it was sent (exit $rc)" \
	sh -c "[ $rc = 0 ] && [ $(mails) = 1 ] && grep -q 'was already sent' '$TMP/send2.out'"

sw digest --since 2023-07-21T00:00:00Z --until 2023-07-22T00:00:00Z \
	--to "oncall@example.org, boss@example.org" >"$TMP/to.out" 2>&1
check "--to sends to the addresses given instead of the notifier's" \
	"$SW_PYTHON" -c 'import json, sys
env = json.load(open(sys.argv[1]))
sys.exit(0 if env["rcpt_tos"] == ["oncall@example.org", "boss@example.org"] else 1)' "$MAIL/002.json"

# The scheduled period: the day up to the last [digest] time (08:00 here, in UTC).
export TZ=UTC
STATUSWATCH_NOW=2023-07-19T09:30:00Z sw digest >"$TMP/day1.out" 2>&1
STATUSWATCH_NOW=2023-07-19T17:00:00Z sw digest >"$TMP/day1b.out" 2>&1
check "the daily digest covers 18 Jul 08:00 to 19 Jul 08:00 and goes out once that day" \
	sh -c "[ $(mails) = 3 ] && grep -q '2023-07-18T08:00:00Z/2023-07-19T08:00:00Z sent' '$TMP/day1.out' &&
	       grep -q 'was already sent' '$TMP/day1b.out'"
STATUSWATCH_NOW=2023-07-20T08:00:30Z sw digest >"$TMP/day2.out" 2>&1
check "the next day's digest goes out the next day" \
	sh -c "[ $(mails) = 4 ] && grep -q '2023-07-19T08:00:00Z/2023-07-20T08:00:00Z sent' '$TMP/day2.out'"

# 5. Empty periods.
EMPTY=(--since 2023-08-01T00:00:00Z --until 2023-08-02T00:00:00Z)
sw digest "${EMPTY[@]}" >"$TMP/empty.out" 2>&1
"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/parse_mail.py" "$MAIL/005.eml" >"$TMP/empty.json" 2>/dev/null
check "an empty period sends 'No incidents; 1 source watched, all reachable'" \
	"$SW_PYTHON" -c 'import json, sys
m = json.load(open(sys.argv[1]))
sys.exit(0 if "No incidents; 1 source watched, all reachable" in m["parts"][0]["text"]
	 and m["subject"].endswith("no incidents, 1 source watched, all reachable") else 1)' "$TMP/empty.json"
write_conf "send_empty = false" ""
sw digest --since 2023-08-02T00:00:00Z --until 2023-08-03T00:00:00Z >"$TMP/quiet.out" 2>&1
check "send_empty = false: an empty period sends nothing and says why" \
	sh -c "[ $(mails) = 5 ] && grep -q 'send_empty is false; nothing sent' '$TMP/quiet.out'"
# A dead source is never a quiet day: named even with send_empty = false.
write_conf "send_empty = false" "
[source:dead]
type = rss
url = http://127.0.0.1:1/f/none.xml"
sw poll --once dead >/dev/null 2>&1
sw digest --since 2023-08-03T00:00:00Z --until 2023-08-04T00:00:00Z >"$TMP/dead.out" 2>&1
"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/parse_mail.py" "$MAIL/006.eml" >"$TMP/dead.json" 2>/dev/null
check "a source that cannot be read is reported even when nothing happened" \
	"$SW_PYTHON" -c 'import json, sys
t = json.load(open(sys.argv[1]))["parts"][0]["text"]
sys.exit(0 if "No incidents; 2 sources watched, 1 unreachable" in t and "! dead: never read successfully" in t else 1)' \
	"$TMP/dead.json"

# 6. The daemon sends the day's digest itself (at start it catches up on the period that
# ended at the last 08:00, wall clock); the timer's run after it sends nothing.
write_conf "" ""
before=$(mails)
start_daemon "$TMP/daemon.err"
wait_for "$TMP/daemon.err" "digest .* sent (.*): 250" 30
check "the daemon sends the day's digest at [digest] time (here: its catch-up at start)" \
	sh -c "[ $(mails) = $((before + 1)) ] && grep -q 'digest .* sent (.*): 250' '$TMP/daemon.err'"
sw digest >"$TMP/timer.out" 2>&1
rc=$?
check "statuswatch-digest.timer's run after the daemon sends nothing (exit $rc)" \
	sh -c "[ $rc = 0 ] && [ $(mails) = $((before + 1)) ] && grep -q 'was already sent' '$TMP/timer.out'"
stop_daemon

# 7. Maintenance announced for the coming days has its own section (a Statuspage
# scheduled_maintenances.json fixture, judged on 21 October 2025).
cp "$SW_SOURCE_ROOT/tests/fixtures/statuspage/scheduled-maintenances.json" "$FEEDS/storage.json"
write_conf "" "
[source:storage]
type = statuspage
url = http://127.0.0.1:$PORT/f/storage.json"
sw poll --once storage >/dev/null 2>&1
STATUSWATCH_NOW=2025-10-21T08:00:00Z sw digest --since 24h --dry-run >"$TMP/maint.eml" 2>&1
"$SW_PYTHON" "$SW_SOURCE_ROOT/tests/integration/parse_mail.py" "$TMP/maint.eml" >"$TMP/maint.json" 2>/dev/null
check "upcoming maintenance is listed in its own section with its announced window, not as an incident" \
	"$SW_PYTHON" -c 'import json, sys
t = json.load(open(sys.argv[1]))["parts"][0]["text"]
head, _, maint = t.partition("Upcoming maintenance")
sys.exit(0 if "Storage firmware upgrade" in maint
	 and "2025-10-25 02:00 \u2192 2025-10-25 04:00 UTC (2h)" in maint
	 and "Storage firmware upgrade" not in head else 1)' "$TMP/maint.json"

# 8. Mistakes are one line and exit 2.
sw digest --since yesterday --dry-run >/dev/null 2>"$TMP/bad.err"
rc=$?
check "a bad --since is one line naming it, exit 2 (got $rc)" \
	sh -c "[ $rc = 2 ] && [ \$(wc -l <'$TMP/bad.err') = 1 ] && grep -q \"'yesterday'\" '$TMP/bad.err'"
exit $FAILED
