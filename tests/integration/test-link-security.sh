#!/bin/bash
# Security events through `statuswatch link`, which frees each advisory's texts once
# its reader has read them: a CVE id named only in a text (not the title) still joins
# the vendor's advisory of that id, and titles naming one security event's subject
# days apart join with the reason in words, while a title of the subject that tells of
# no security event does not.
set -u
. "$(dirname "$0")/cli-lib.sh"
item() { # title guid date text
	printf '<item><title>%s</title><guid isPermaLink="false">%s</guid><pubDate>%s</pubDate><description>%s</description></item>\n' "$@"
}
feed() { # file, channel title, then items on stdin
	{
		printf '<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title>\n' "$2"
		cat
		printf '</channel></rss>\n'
	} >"$tmp/$1"
}
groups() {
	"$SW" -q link --json "$@" | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
for i in d["incidents"]:
    print(" ".join(sorted(a["id"] for a in i["advisories"])))
    for l in i["links"]:
        for r in l["reasons"]: print("  " + r)'
}

item "Quillkit logging library issue (CVE-2031-44228)" B1 "Mon, 10 Mar 2031 14:40:00 GMT" \
	"We are patching our managed services." | feed vendor.rss "Vendor bulletins"
item "Security notice" L1 "Wed, 12 Mar 2031 16:05:00 GMT" \
	"cve-2031-44228 affects a component we use; we have upgraded it." | feed ledger.rss "Ledger status"
out=$(groups "$tmp/vendor.rss" "$tmp/ledger.rss")
if echo "$out" | grep -q '^B1 L1$' &&
	echo "$out" | grep -q 'both are about one published vulnerability, cve-2031-44228'; then
	ok "a CVE id in a text joins its vendor's advisory through link"
else bad "CVE id in a text: $out"; fi

{
	item "Quokka FileHub Critical Vulnerability (May 2031)" V1 "Sat, 31 May 2031 13:15:00 GMT" \
		"Patch every FileHub server now."
	item "FileHub release notes" N1 "Tue, 03 Jun 2031 08:00:00 GMT" "Version 15 adds dark mode."
} | feed quokka.rss "Quokka alerts"
item "Extortion group claims FileHub campaign" S2 "Fri, 06 Jun 2031 20:40:00 GMT" \
	"The group says it holds data of hundreds of firms." | feed shield.rss "Shieldline advisories"
out=$(groups "$tmp/quokka.rss" "$tmp/shield.rss")
if echo "$out" | grep -q '^S2 V1$' && echo "$out" | grep -q '^N1$' &&
	echo "$out" | grep -q "both tell of a security event of 'filehub' in their titles"; then
	ok "one security event's subject joins its titles days apart, with the reason"
else bad "security subject: $out"; fi
echo "1..2"
exit $((failures > 0))
