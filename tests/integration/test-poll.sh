#!/bin/bash
# `statuswatch poll --once` and `statuswatch sources` against a real loopback
# server: a dead source and a broken feed do not stop the others (exit 1, the
# others stored), a second poll gets 304s and writes no new version, a 500 is
# one warning line and keeps what was stored, and the source recovers.
set -u
. "$(dirname "$0")/daemon-lib.sh"

start_server
statuspage_feed alpha.json inc-a investigating "Mail flow delays in Exchange Online"
statuspage_feed beta.json inc-b identified "Exchange Online mail flow delays"
printf '<html><body>Not a feed</body></html>\n' >"$FEEDS/broken.xml"
cat >"$FEEDS/gamma.xml" <<'RSS'
<?xml version="1.0"?>
<rss version="2.0"><channel><title>Gamma</title><link>/</link>
<item><title>Scheduled maintenance of the billing portal</title><link>#g-9</link>
<guid isPermaLink="false">g-9</guid><description>Billing is read-only.</description></item>
</channel></rss>
RSS
cat >"$CONF" <<CONF
[source:alpha]
type = statuspage
url = http://127.0.0.1:$PORT/f/alpha.json

[source:beta]
type = feed
url = http://127.0.0.1:$PORT/f/beta.json?token=s3cret

[source:dead]
type = rss
url = http://127.0.0.1:1/f/none.xml

[source:gamma]
type = rss
url = http://127.0.0.1:$PORT/f/gamma.xml?token=s3cret

[source:broken]
type = rss
url = http://127.0.0.1:$PORT/f/broken.xml

[source:off]
type = rss
url = http://127.0.0.1:$PORT/f/off.xml
enabled = false
CONF

echo "1..19"

# 1. First poll: two good sources stored, two bad ones each one warning line, exit 1.
sw poll --once >"$TMP/out1" 2>"$TMP/err1"
rc=$?
check "poll with a dead source exits 1 (got $rc)" [ "$rc" = 1 ]
check "the good sources' advisories are stored" [ "$(db_count advisories)" = 3 ]
check "a token in a source URL never reaches the database" \
	sh -c "! grep -q s3cret '$STATE'/state.db*"
check "one warning line for the dead source, ending ', skipping'" \
	[ "$(grep -c "source 'dead': .*, skipping\$" "$TMP/err1")" = 1 ]
check "one warning line for the broken feed" \
	[ "$(grep -c "source 'broken': .*, skipping\$" "$TMP/err1")" = 1 ]
check "  which names the source once" \
	[ "$(grep -c "source 'broken': .*source 'broken'" "$TMP/err1")" = 0 ]
check "one incident opened from both sources" \
	grep -qE "incident '[^']+' opened \(major\): .*alpha/inc-a.*beta/inc-b" "$TMP/err1"
check "a disabled source is not polled" [ "$(hits off.xml 200)$(hits off.xml 404)" = 00 ]

# 2. Second poll: every good source answers 304; nothing new is written, no events.
versions=$(db_count advisory_versions)
sw poll --once alpha beta >"$TMP/out2" 2>"$TMP/err2"
rc=$?
check "second poll of the good sources exits 0 (got $rc)" [ "$rc" = 0 ]
check "both answered 304" [ "$(hits alpha.json 304)$(hits beta.json 304)" = 11 ]
check "a 304 writes no new advisory version" [ "$(db_count advisory_versions)" = "$versions" ]
check "a 304 produces no incident event" sh -c "! grep -q incident '$TMP/err2'"

# 3. A 500: one warning naming the source, exit 1, stored advisories kept.
echo 500 >"$FEEDS/alpha.json.status"
sw poll --once alpha >/dev/null 2>"$TMP/err3"
rc=$?
check "a 500 exits 1 (got $rc)" [ "$rc" = 1 ]
check "a 500 is one warning line naming the source" \
	[ "$(grep -c "source 'alpha': .*500.*, skipping\$" "$TMP/err3")" = 1 ]
check "a failure keeps the stored advisories" [ "$(db_count advisories)" = 3 ]

# 4. Recovery with new content: success, the change is an event, failures reset.
rm "$FEEDS/alpha.json.status"
statuspage_feed alpha.json inc-a resolved "Mail flow delays in Exchange Online"
sw poll --once alpha >/dev/null 2>"$TMP/err4"
rc=$?
check "the recovered source polls fine (got $rc)" [ "$rc" = 0 ]
check "its change is reported on the incident" grep -qE "incident '[^']+' .*alpha/inc-a" "$TMP/err4"

# 5. sources: health and schedule, secrets masked.
sw sources >"$TMP/sources" 2>&1
check "sources shows each source's health" sh -c "
	grep -A6 '^alpha (statuspage)' '$TMP/sources' | grep -q 'consecutive failures: 0' &&
	grep -A6 '^alpha (statuspage)' '$TMP/sources' | grep -q 'etag: *yes' &&
	grep -A6 '^dead (rss)' '$TMP/sources' | grep -q 'consecutive failures: 1' &&
	grep -A6 '^dead (rss)' '$TMP/sources' | grep -q 'last error: *fetch' &&
	grep -q '^off (rss) disabled' '$TMP/sources' &&
	! grep -q s3cret '$TMP/sources'"

# 6. Unknown source name: usage error.
sw poll --once nosuch >/dev/null 2>&1
rc=$?
check "an unknown SOURCE exits 2 (got $rc)" [ "$rc" = 2 ]

[ "$FAILED" = 0 ] || { cat "$TMP"/err* >&2; cat "$TMP/sources" >&2; }
exit "$FAILED"
