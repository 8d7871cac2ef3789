#!/bin/bash
# A damaged feed against a real loopback server (issue 10 "recover", issue 16 defect 2):
# a feed cut off after its complete items is stored, `sources` names the damage, and
# no validator is saved (so the next poll fetches the body again instead of a 304 for
# content we only half read).  A UTF-16 feed with an encoding error in its only chunk
# is the source's error, not a silent empty success with its ETag saved.
set -u
. "$(dirname "$0")/daemon-lib.sh"

start_server
cat >"$FEEDS/cut.xml" <<'RSS'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Cut</title>
<item><title>Complete item</title><guid>c-1</guid></item>
<item><title>Second item is cut off mid-w
RSS
# UTF-16LE with a high surrogate (0xD800) not followed by a low one: libxml2's decoder fails
# ("encoder error"), which xmlParseChunk reports only through its result.
"$SW_PYTHON" - "$FEEDS/u16.xml" <<'PY'
import sys
head = '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>U</title><item><title>A'
tail = '</title><guid>u-1</guid></item></channel></rss>'
data = b'\xff\xfe' + head.encode('utf-16-le') + b'\x00\xd8' + tail.encode('utf-16-le')
open(sys.argv[1], 'wb').write(data)
PY
cat >"$CONF" <<CONF
[source:cut]
type = rss
url = http://127.0.0.1:$PORT/f/cut.xml

[source:u16]
type = rss
url = http://127.0.0.1:$PORT/f/u16.xml
CONF

echo "1..7"
sw poll --once cut >"$TMP/out1" 2>"$TMP/err1"
rc=$?
check "a damaged feed with complete items is a (partial) success (got $rc)" [ "$rc" = 0 ]
check "its complete item is stored" [ "$(db_count advisories)" = 1 ]
check "one warning names the damage" \
	[ "$(grep -c "source 'cut': damaged feed: truncated XML" "$TMP/err1")" = 1 ]
sw sources >"$TMP/sources"
check "sources shows the damage as the last error" \
	sh -c "grep -A6 '^cut (rss)' '$TMP/sources' | grep -q 'last error: *damaged feed: truncated XML'"
check "no validator saved after a partial read" \
	sh -c "grep -A8 '^cut (rss)' '$TMP/sources' | grep -q 'etag: *no'"

sw poll --once u16 >/dev/null 2>"$TMP/err2"
rc=$?
check "a UTF-16 encoding error is the source's error (got $rc)" [ "$rc" = 1 ]
sw sources >"$TMP/sources2"
check "and no validator is saved for it" \
	sh -c "grep -A8 '^u16 (rss)' '$TMP/sources2' | grep -q 'etag: *no'"
exit $FAILED
