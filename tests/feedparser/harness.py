#!/usr/bin/env python3
"""feedparser's test suite against `statuswatch link --json` (issue 10).

Runs where the suite is present (it is not committed whole: fetch
github:kurtmckee/feedparser; its tests/ holds one feed per file with an
`Expect:` line).  For every .xml file it asks two readers:

  - the reference: feedparser itself (Debian's python3-feedparser), run live, or
    the reference recorded with --write-reference for the committed subset;
  - statuswatch: `statuswatch -q link --json FILE`, clock pinned.

and reports: files feedparser reads an entry from, files statuswatch reads an
advisory from, and agreement on titles, links, ids and dates for the entries
both read (entries matched by id, else link, else title).  Each file where
feedparser reads an entry and statuswatch reads none is listed with its reason
class, so every remaining difference is named.

Usage:
  harness.py --statuswatch BIN --suite DIR_OR_GITDIR [--json OUT] [--list]
  harness.py --statuswatch BIN --subset DIR          (committed subset; exits 1 on any
                                                      regression against reference.json)
  harness.py --suite ... --subset-out DIR --pick FILE...   (copy files + record reference)
"""
import argparse
import calendar
import html
import json
import os
import re
import subprocess
import sys
import tempfile

# Formats and inputs named out of scope, by path prefix: why each is not a feed we read.
OUT_OF_SCOPE = [
    ("tests/wellformed/cdf/", "CDF (Microsoft Channel Definition Format, 1997): not a feed format statuswatch reads"),
    ("tests/illformed/chardet/", "no encoding declared, legacy charset guessed by chardet: statuswatch does not guess"),
]


def header_lines(data):
    """The suite's `Header:` lines: HTTP headers feedparser's runner passes with the file."""
    head = data[:2048].decode("latin-1")
    return re.findall(r"^Header:\s*(.+)$", head, re.M)


def norm_text(s, markup=True):
    """feedparser's titles are HTML (markup=True): tags stripped, entities decoded.
    statuswatch's are plain text already: only whitespace is folded."""
    if s is None:
        return None
    if markup:
        s = re.sub(r"<[^>]*>", "", s)
        s = html.unescape(s)
    s = " ".join(s.split())
    return s or None


def feedparser_reference(data):
    import feedparser  # Debian's python3-feedparser
    try:
        d = feedparser.parse(data)
    except Exception as e:  # feedparser 6.0.10 itself crashes on a few suite files
        return {"bozo": True, "entries": [], "crash": "%s: %s" % (type(e).__name__, e)}
    out = []
    for e in d.entries:
        when = e.get("published_parsed")
        out.append({
            "title": norm_text(e.get("title"),
                               markup=(e.get("title_detail") or {}).get("type") != "text/plain"),
            "link": e.get("link") or None,
            "id": e.get("id") or None,
            "published": calendar.timegm(when) if when else None,
        })
    return {"bozo": bool(d.bozo), "entries": out}


def rfc3339_to_epoch(s):
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$", s)
    if not m:
        return None
    return calendar.timegm(tuple(int(x) for x in m.groups()) + (0, 0, 0))


def statuswatch_read(bin_path, path, env):
    p = subprocess.run([bin_path, "-q", "link", "--json", path], capture_output=True, env=env,
                       timeout=60)
    err = p.stderr.decode("utf-8", "replace").strip().splitlines()
    try:
        doc = json.loads(p.stdout.decode("utf-8"))
    except ValueError:
        return {"advisories": [], "error": err[-1] if err else "no output"}
    advs = []
    for inc in doc.get("incidents", []):
        for a in inc.get("advisories", []):
            advs.append({"title": norm_text(a.get("title"), markup=False), "link": a.get("url"),
                         "id": a.get("id"), "published": rfc3339_to_epoch(a.get("start"))})
    return {"advisories": advs, "error": (err[-1] if err and not advs else None)}


def match(entry, advs):
    for key in ("id", "link", "title"):
        if entry.get(key):
            for a in advs:
                if a.get(key) == entry[key]:
                    return a
    return advs[0] if len(advs) == 1 else None


def classify(rel, headers, ours):
    for prefix, why in OUT_OF_SCOPE:
        if rel.startswith(prefix):
            return "out of scope: " + why
    if os.path.basename(rel).startswith("cdf_"):
        return "out of scope: " + OUT_OF_SCOPE[0][1]
    if headers:
        return "needs the HTTP headers feedparser's runner sends (%s)" % "; ".join(headers)
    if "has no guid, id, link, title, date or description" in (ours.get("error") or ""):
        return ("empty for us: the entry has no title, text, link, id or date, only elements "
                "an advisory does not use (author, source, rights, category, media, itunes, geo)")
    return "not read: " + (ours.get("error") or "no advisory")


def compare(rel, data, ref, ours, stats, diffs):
    stats["files"] += 1
    fp_n = len(ref["entries"])
    our_n = len(ours["advisories"])
    if fp_n > 0:
        stats["fp_entry_files"] += 1
    if our_n > 0:
        stats["our_files"] += 1
    if fp_n > 0 and our_n > 0:
        stats["both"] += 1
    if fp_n > 0 and our_n == 0:
        why = classify(rel, header_lines(data), ours)
        key = ("out_of_scope" if why.startswith("out of scope")
               else "empty" if why.startswith("empty") else "missed")
        stats[key] += 1
        diffs.append({"file": rel, "kind": key, "why": why})
        return
    for e in ref["entries"]:
        a = match(e, ours["advisories"])
        if a is None:
            continue
        for field in ("title", "link", "id", "published"):
            if e.get(field) is None:
                continue
            stats[field + "_checked"] += 1
            if a.get(field) == e[field]:
                stats[field + "_agree"] += 1
            else:
                diffs.append({"file": rel, "kind": field, "feedparser": e[field],
                              "statuswatch": a.get(field)})


def suite_files(suite):
    """(relative path, bytes) of every .xml under tests/ of a checkout or a bare git dir."""
    if os.path.isdir(os.path.join(suite, "objects")) and os.path.exists(os.path.join(suite, "HEAD")):
        # A git dir without a work tree (what the fetch tool gives): extract tests/ once.
        out = tempfile.mkdtemp()
        arc = subprocess.run(["git", "--git-dir", suite, "archive", "HEAD", "tests"],
                             capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", out], input=arc, check=True)
        suite = out
    for root, _, files in os.walk(os.path.join(suite, "tests")):
        for f in sorted(files):
            if f.endswith(".xml"):
                full = os.path.join(root, f)
                with open(full, "rb") as fh:
                    yield os.path.relpath(full, suite), fh.read()


def new_stats():
    keys = ["files", "fp_entry_files", "our_files", "both", "missed", "out_of_scope", "empty"]
    for f in ("title", "link", "id", "published"):
        keys += [f + "_checked", f + "_agree"]
    return {k: 0 for k in keys}


def report(stats, diffs, show_all):
    s = stats
    print("files: %d; feedparser reads an entry from %d; statuswatch reads an advisory from %d"
          % (s["files"], s["fp_entry_files"], s["our_files"]))
    print("feedparser reads an entry, statuswatch none: %d (%d out of scope, %d with nothing an "
          "advisory uses, %d other)" % (s["missed"] + s["out_of_scope"] + s["empty"],
                                        s["out_of_scope"], s["empty"], s["missed"]))
    for f in ("title", "link", "id", "published"):
        c = s[f + "_checked"]
        print("%-9s agree %d of %d%s" % (f, s[f + "_agree"], c,
                                        " (%.1f %%)" % (100.0 * s[f + "_agree"] / c) if c else ""))
    for d in diffs:
        if d["kind"] in ("missed", "out_of_scope") or show_all:
            print("  " + json.dumps(d, ensure_ascii=False))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--statuswatch", required=True)
    ap.add_argument("--suite")
    ap.add_argument("--subset")
    ap.add_argument("--subset-out")
    ap.add_argument("--pick", nargs="*")
    ap.add_argument("--json")
    ap.add_argument("--list", action="store_true", help="print every field difference too")
    o = ap.parse_args()

    env = dict(os.environ, STATUSWATCH_NOW="2026-01-01T00:00:00Z")
    env.pop("STATUSWATCH_CONFIG", None)
    tmp = tempfile.mkdtemp()
    env["XDG_CONFIG_HOME"] = tmp
    stats, diffs = new_stats(), []

    if o.subset:
        with open(os.path.join(o.subset, "reference.json")) as fh:
            reference = json.load(fh)
        for rel in sorted(reference):
            path = os.path.join(o.subset, rel)
            with open(path, "rb") as fh:
                data = fh.read()
            compare(rel, data, reference[rel]["feedparser"], statuswatch_read(o.statuswatch, path, env),
                    stats, diffs)
        report(stats, diffs, True)
        # The subset is chosen so that statuswatch agrees on everything: any difference is a
        # regression.
        return 1 if diffs else 0

    wanted = set(o.pick or [])
    reference = {}
    for rel, data in suite_files(o.suite):
        if wanted and rel not in wanted:
            continue
        path = os.path.join(tmp, rel.replace("/", "__"))
        with open(path, "wb") as fh:
            fh.write(data)
        ref = feedparser_reference(data)
        compare(rel, data, ref, statuswatch_read(o.statuswatch, path, env), stats, diffs)
        if o.subset_out:
            dst = os.path.join(o.subset_out, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "wb") as fh:
                fh.write(data)
            reference[rel] = {"feedparser": ref}
    if o.subset_out:
        with open(os.path.join(o.subset_out, "reference.json"), "w") as fh:
            json.dump(reference, fh, indent=1, sort_keys=True, ensure_ascii=False)
            fh.write("\n")
    report(stats, diffs, o.list)
    if o.json:
        with open(o.json, "w") as fh:
            json.dump({"stats": stats, "differences": diffs}, fh, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
