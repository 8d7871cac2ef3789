#!/usr/bin/python3
"""Checks the digest's timeline as a browser drew it.

Usage: /usr/bin/python3 digest_picture.py bars DIGEST.html
         prints the timeline's bars as the HTML declares them, one JSON object a line:
         {"id", "colour", "first", "last"} (columns, 0-based, inclusive)
       /usr/bin/python3 digest_picture.py check DIGEST.html SCREENSHOT.png
         finds the axis band and every bar in the screenshot (headless Chromium) and
         checks that the image is not blank, the axis is 60 columns of 10 px, and each
         bar sits, in its severity's colour, in the columns the HTML gave it (within
         2 px); prints one JSON object a line per bar found {"id", "x0", "x1", "y0", "y1"}
         and exits 1 with one line per problem otherwise.

Python's html.parser and Pillow (python3-pil) only: the HTML is read the way a parser
reads it, the PNG the way it was drawn.
"""
import json
import sys
from html.parser import HTMLParser

from PIL import Image

COLUMNS = 60
COLUMN_PX = 10
AXIS = (0xE8, 0xE8, 0xE8)
# The severity colours of src/report/digest.c.
BAR_COLOURS = {"#b00020", "#e65100", "#f2b600", "#1e6fd9", "#8c8c8c"}


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


class Bars(HTMLParser):
    """Rows of the timeline table: label cell, then cells with colspans; the bar is the
    cell holding a nested table whose cell has a bar colour."""

    def __init__(self):
        super().__init__()
        self.bars = []
        self.depth = 0          # table nesting
        self.fixed_depth = None  # depth of the timeline table
        self.row = None
        self.cell_text = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        style = a.get("style") or ""
        if tag == "table":
            self.depth += 1
            if "table-layout:fixed" in style and self.fixed_depth is None:
                self.fixed_depth = self.depth
        elif tag == "tr" and self.depth == self.fixed_depth:
            self.row = {"cells": [], "label": None}
        elif tag == "td" and self.row is not None:
            if self.depth == self.fixed_depth:
                self.row["cells"].append({"span": int(a.get("colspan", "1")), "colour": None})
                self.cell_text = "" if len(self.row["cells"]) == 1 else None
            elif self.depth == self.fixed_depth + 1:
                for colour in BAR_COLOURS:
                    if "background:" + colour in style:
                        self.row["cells"][-1]["colour"] = colour

    def handle_data(self, data):
        if self.cell_text is not None:
            self.cell_text += data

    def handle_endtag(self, tag):
        if tag == "td" and self.cell_text is not None and self.row is not None:
            self.row["label"] = self.cell_text.strip()
            self.cell_text = None
        elif tag == "tr" and self.row is not None and self.depth == self.fixed_depth:
            col = 0
            for cell in self.row["cells"][1:]:
                if cell["colour"]:
                    self.bars.append({"id": self.row["label"], "colour": cell["colour"],
                                      "first": col, "last": col + cell["span"] - 1})
                col += cell["span"]
            self.row = None
        elif tag == "table":
            if self.depth == self.fixed_depth:
                self.fixed_depth = -1
            self.depth -= 1


def html_bars(path):
    p = Bars()
    p.feed(open(path, encoding="utf-8").read())
    return p.bars


def runs(img, colour, min_len):
    """Horizontal runs of exactly @colour: {y: [(x0, x1 exclusive), ...]}."""
    w, h = img.size
    px = img.load()
    out = {}
    for y in range(h):
        x = 0
        while x < w:
            if px[x, y] == colour:
                x0 = x
                while x < w and px[x, y] == colour:
                    x += 1
                if x - x0 >= min_len:
                    out.setdefault(y, []).append((x0, x))
            else:
                x += 1
    return out


def bands(img, colour):
    """Rectangles of @colour at least 5 px wide and 6 px tall: (y0, y1, x0, x1)."""
    found = []
    open_bands = {}
    r = runs(img, colour, 5)
    for y in sorted(r):
        nxt = {}
        for span in r[y]:
            if span in open_bands and open_bands[span][1] == y:
                y0, _ = open_bands[span]
                nxt[span] = (y0, y + 1)
            else:
                nxt[span] = (y, y + 1)
        for span, (y0, y1) in open_bands.items():
            if span not in nxt or nxt[span][0] != y0:
                found.append((y0, y1, span[0], span[1]))
        open_bands = nxt
    for span, (y0, y1) in open_bands.items():
        found.append((y0, y1, span[0], span[1]))
    return [b for b in found if b[1] - b[0] >= 6]


def check(html_path, png_path):
    problems = []
    img = Image.open(png_path).convert("RGB")
    w, h = img.size
    colours = img.getcolors(maxcolors=1 << 20) or []
    white = sum(n for n, c in colours if c == (255, 255, 255))
    if len(colours) < 10 or white > 0.995 * w * h:
        return ["the screenshot is blank (%d colours, %d of %d pixels white)"
                % (len(colours), white, w * h)]
    axis = runs(img, AXIS, 100)
    if not axis:
        return ["no axis band (%s) in the screenshot" % "#e8e8e8"]
    ay = min(axis)
    ax0, ax1 = max(axis[ay], key=lambda s: s[1] - s[0])
    if abs((ax1 - ax0) - COLUMNS * COLUMN_PX) > 2:
        problems.append("the axis is %d px wide, expected %d" % (ax1 - ax0, COLUMNS * COLUMN_PX))
    colw = (ax1 - ax0) / COLUMNS
    declared = html_bars(html_path)
    drawn = []
    for colour in BAR_COLOURS:
        for b in bands(img, rgb(colour)):
            if b[0] > ay:
                drawn.append((b, colour))
    drawn.sort()
    if len(drawn) < len(declared):
        problems.append("%d bars drawn below the axis, the HTML declares %d"
                        % (len(drawn), len(declared)))
    for bar, (b, colour) in zip(declared, drawn):
        y0, y1, x0, x1 = b
        want0 = ax0 + bar["first"] * colw
        want1 = ax0 + (bar["last"] + 1) * colw
        print(json.dumps({"id": bar["id"], "x0": x0, "x1": x1, "y0": y0, "y1": y1,
                          "colour": colour}))
        if colour != bar["colour"]:
            problems.append("%s: drawn in %s, declared %s" % (bar["id"], colour, bar["colour"]))
        if abs(x0 - want0) > 2 or abs(x1 - want1) > 2:
            problems.append("%s: drawn at x %d-%d, columns %d-%d are x %.0f-%.0f"
                            % (bar["id"], x0, x1, bar["first"], bar["last"], want0, want1))
    return problems


def main():
    if sys.argv[1] == "bars":
        for bar in html_bars(sys.argv[2]):
            print(json.dumps(bar))
        return 0
    problems = check(sys.argv[2], sys.argv[3])
    for p in problems:
        print("problem: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
