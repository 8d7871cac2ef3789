#!/usr/bin/env python3
"""Checks the include rule of STYLE.md section 1 on src/:

- a stage includes its own folder and the folders listed for it below (stages to
  its left, model/ and util/), and nothing to its right; util/ includes nothing
  of the project; only daemon/ and the command line (cli*.c) wire stages
  together, and daemon/ never includes the command line (cli.h, cli_private.h);
- each foreign library has one owner: sqlite3.h only in store/, curl only in http/
  (and notify/), libxml2 only in sources/, libnotify only in notify/desktop.c;
- foreign types never reach a header: no cJSON/curl/sqlite/libxml2 include in any .h;
- README.md's "Map of the stages" has one row per folder of src/, in an order where
  every folder's allowed includes stand above it.

Data flows left to right: util, model, config → sources, http → poll → store →
linker → pipeline → alert → notify (a renderer folder such as report/ beside it)
→ daemon → cli.  A folder that is not listed is an error, so a new stage must be
placed here first.

Prints one line per violation and exits 1 if there is any.
"""
import os
import re
import sys

SRC = os.path.join(os.environ.get("SW_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..")), "src")

# Which project folders each folder may include (besides itself).
ALLOWED = {
    "util": set(),
    "model": {"util"},
    "config": {"util", "model"},
    "http": {"util", "model"},
    "sources": {"util", "model"},
    "poll": {"util", "model", "http", "sources"},
    "store": {"util", "model"},
    "linker": {"util", "model"},
    "pipeline": {"util", "model", "store", "linker"},
    "report": {"util", "model"},
    "alert": {"util", "model", "store"},
    "notify": {"util", "model", "http", "report"},
    "desktop": {"util", "model"},
    # Wires stages together: everything but the command line above it.
    "daemon": {"util", "model", "config", "http", "sources", "poll", "store", "linker",
               "pipeline", "report", "alert", "notify", "desktop"},
    "cli": None,  # the top: may include anything
}
OWNERS = {
    "sqlite3.h": {"store"},
    "curl/": {"http", "notify"},
    "libxml/": {"sources"},
    "libnotify/": {"notify"},
}
# Foreign types may appear only in the internal headers of the folder that owns the library.
HEADER_OWNERS = {"cjson/": {"sources"}, "curl/": {"http"}, "sqlite3.h": {"store"},
                 "libxml/": {"sources"}, "libnotify/": {"notify"}}

def folder_of(rel):
    parts = rel.split(os.sep)
    if len(parts) == 1:
        name = parts[0]
        if name.startswith("config"):
            return "config"
        return "cli"  # cli.c, main.c
    return parts[0]

def project_folder(inc):
    if "/" in inc:
        return inc.split("/")[0]
    if inc.startswith("config"):
        return "config"
    if inc.startswith("cli"):
        return "cli"
    return None  # generated headers such as build-config.h

bad = []
for root, _, files in os.walk(SRC):
    for f in sorted(files):
        if not f.endswith((".c", ".h")):
            continue
        path = os.path.join(root, f)
        rel = os.path.relpath(path, SRC)
        me = folder_of(rel)
        if me not in ALLOWED:
            bad.append(f"src/{rel}: folder '{me}/' has no place in tests/check-includes.py's ALLOWED")
            continue
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            m = re.match(r'\s*#\s*include\s*([<"])([^>"]+)[>"]', line)
            if not m:
                continue
            kind, inc = m.groups()
            if kind == "<":
                for prefix, owners in OWNERS.items():
                    if inc.startswith(prefix) and me not in owners:
                        bad.append(f"src/{rel}:{n}: <{inc}> belongs to {'/'.join(sorted(owners))}/ only")
                for prefix, owners in HEADER_OWNERS.items():
                    if f.endswith(".h") and inc.startswith(prefix) and me not in owners:
                        bad.append(f"src/{rel}:{n}: header outside {'/'.join(sorted(owners))}/ includes <{inc}>")
                continue
            other = project_folder(inc)
            allowed = ALLOWED.get(me)
            if other is None or allowed is None or other == me:
                continue
            if other not in ALLOWED:
                bad.append(f"src/{rel}:{n}: includes \"{inc}\" from unknown folder '{other}/'")
                continue
            if other not in allowed:
                bad.append(f"src/{rel}:{n}: {me}/ must not include \"{inc}\" ({other}/ is not to its left)")

# README.md's "Map of the stages" must match the tree and this table: one row per folder,
# in data-flow order, so that every folder's allowed includes are rows above it.
readme = os.path.join(os.path.dirname(SRC), "README.md")
text = open(readme, encoding="utf-8").read()
m = re.search(r"### Map of the stages\n(.*?)\n(?:#|\Z)", text, re.S)
order = []
if m is None:
    bad.append("README.md: no '### Map of the stages' section")
else:
    for row in re.findall(r"^\| `src/([^`]+)` \|", m.group(1), re.M):
        order.append("cli" if row.startswith("cli") else
                     "config" if row.startswith("config") else row.rstrip("/"))
folders = {d for d in os.listdir(SRC) if os.path.isdir(os.path.join(SRC, d))} | {"cli", "config"}
for f in sorted(folders - set(order)):
    bad.append(f"README.md: the map of the stages has no row for src/{f}/")
for f in order:
    if f not in folders:
        bad.append(f"README.md: the map of the stages lists src/{f}/, which does not exist")
for i, f in enumerate(order):
    for other in sorted(ALLOWED.get(f) or ()):
        if other in order and order.index(other) > i:
            bad.append(f"README.md: the map lists {other}/ below {f}/, which may include it")

for b in bad:
    print(b)
print(f"{len(bad)} include rule violation(s)")
sys.exit(1 if bad else 0)
