#!/bin/bash
# `statuswatch link` of several files frees each advisory's texts once its reader
# thread has read them (one file is read on the main thread and keeps them): what the
# linker reads of a text must be read there.  A provider's write-up titled with no
# date, whose text begins "On 12 March 2031, ...", joins that day's item whether its
# feed is linked alone or beside another file.
set -u
. "$(dirname "$0")/cli-lib.sh"
cat >"$tmp/kestrel.rss" <<'XML'
<?xml version="1.0"?><rss version="2.0"><channel><title>Kestrel Cloud status</title>
<item><title>Control plane errors</title><guid isPermaLink="false">K1</guid><pubDate>Wed, 12 Mar 2031 09:00:00 GMT</pubDate><description>API calls to the control plane fail.</description></item>
<item><title>Dashboard slow</title><guid isPermaLink="false">K2</guid><pubDate>Sun, 16 Mar 2031 09:00:00 GMT</pubDate><description>Dashboard pages load slowly.</description></item>
<item><title>Post-incident review: control plane outage</title><guid isPermaLink="false">K3</guid><pubDate>Wed, 19 Mar 2031 09:00:00 GMT</pubDate><description>On 12 March 2031, between 09:00 and 11:00 UTC, calls to the control plane failed. A bad configuration push caused it.</description></item>
</channel></rss>
XML
cat >"$tmp/other.rss" <<'XML'
<?xml version="1.0"?><rss version="2.0"><channel><title>Other status</title>
<item><title>Webhooks delayed</title><guid isPermaLink="false">O1</guid><pubDate>Mon, 10 Mar 2031 14:40:00 GMT</pubDate><description>Webhooks arrive late.</description></item>
</channel></rss>
XML
groups() {
	"$SW" -q link --json "$@" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
for i in d["incidents"]:
    print(" ".join(sorted(a["id"] for a in i["advisories"])))'
}
alone=$(groups "$tmp/kestrel.rss")
if echo "$alone" | grep -q '^K1 K3$'; then
	ok "a write-up dated in its text joins that day's item"
else bad "alone: $alone"; fi
beside=$(groups "$tmp/kestrel.rss" "$tmp/other.rss" | grep -v '^O1$')
if [ "$beside" = "$alone" ]; then
	ok "the same beside another file"
else bad "beside another file: $beside (alone: $alone)"; fi
echo "1..2"
exit $((failures > 0))
