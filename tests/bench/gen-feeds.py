#!/usr/bin/python3
"""Generate a synthetic status-feed corpus for tests/bench/bench-feeds.

Half RSS 2.0 (AWS-style CDATA descriptions, RFC 822 dates with PDT/PST/Z),
half Atom 1.0 (Statuspage history.atom: entity-escaped HTML with 3-9 dated
updates).  20-50 items per feed, entities and non-ASCII text throughout.
Deterministic for a given --seed.  Never committed: write under /tmp or the
build directory.

usage: gen-feeds.py --out DIR [--feeds N] [--seed S]
"""
import argparse
import os
import random
from xml.sax.saxutils import escape

WORDS = ("the api gateway requests latency elevated error rates customers region "
         "database replication queue backlog deployment rollback mitigation dns "
         "resolution endpoint instances launch network connectivity storage "
         "recovery monitoring identified investigating upstream provider").split()
NONASCII = ["réseau", "Zürich", "東京リージョン", "naïve", "São Paulo", "—", "“quoted”",
            "it’s", "€", "Ωmega"]
LABELS = ["Investigating", "Identified", "Update", "Monitoring", "Resolved"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
ZONES = ["PDT", "PST", "Z", "GMT", "+0000", "-0500"]


def sentence(r, n):
    words = [r.choice(WORDS) for _ in range(n)]
    if r.random() < 0.5:
        words.insert(r.randrange(len(words)), r.choice(NONASCII))
    return " ".join(words).capitalize() + "."


def update_html(r, n_updates):
    parts = []
    for i in range(n_updates):
        label = LABELS[-1] if i == 0 else r.choice(LABELS[:-1])
        text = " ".join(sentence(r, r.randint(8, 30)) for _ in range(r.randint(1, 4)))
        text = text.replace(" and ", " &amp; ", 1)
        parts.append(
            f"<p><small>{r.choice(MONTHS)} <var data-var='date'>{r.randint(1, 28)}</var>, "
            f"<var data-var='time'>{r.randint(0, 23):02d}:{r.randint(0, 59):02d}</var> EDT"
            f"</small><br><strong>{label}</strong> - {text}&nbsp;&rsquo;</p>")
    return "".join(parts)


def rss_feed(r, idx, n_items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n',
           f"<title><![CDATA[Service {idx} Status]]></title>\n",
           "<link>https://status.example.com/</link>\n<language>en-us</language>\n"]
    for i in range(n_items):
        svc = r.choice(["ec2", "s3", "lambda", "dynamodb", "elb", "rds"])
        epoch = 1700000000 + r.randrange(10**8)
        prefix = r.choice(["Service disruption: ", "Performance issues: ",
                           "Informational message: ", "Service is operating normally: [RESOLVED] ", ""])
        desc = update_html(r, r.randint(3, 9))
        out.append(
            "<item>\n"
            f"<title><![CDATA[{prefix}{sentence(r, 6)}]]></title>\n"
            "<link>https://status.example.com/</link>\n"
            f"<pubDate>{r.choice(DAYS)}, {r.randint(1, 28):02d} {r.choice(MONTHS)} 2025 "
            f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00 {r.choice(ZONES)}</pubDate>\n"
            f'<guid isPermaLink="false">https://status.example.com/#{svc}-us-east-1_{epoch}</guid>\n'
            f"<description><![CDATA[{desc}]]></description>\n"
            "</item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def atom_feed(r, idx, n_items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">\n',
           f"<id>tag:status{idx}.example.com,2005:/history</id>\n",
           f'<link rel="alternate" type="text/html" href="https://status{idx}.example.com"/>\n',
           f"<title>Example {idx} Status - Incident History</title>\n",
           "<updated>2025-10-20T17:40:00-04:00</updated>\n"]
    for i in range(n_items):
        html = update_html(r, r.randint(3, 9))
        out.append(
            "<entry>\n"
            f"<id>tag:status{idx}.example.com,2005:Incident/{r.randrange(10**8)}</id>\n"
            f"<published>2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T0{r.randint(0, 9)}:00:00Z</published>\n"
            f"<updated>2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T1{r.randint(0, 9)}:30:00-04:00</updated>\n"
            f'<link rel="alternate" type="text/html" href="https://status{idx}.example.com/incidents/{r.randrange(10**9):x}"/>\n'
            f"<title>{escape(sentence(r, 7))}</title>\n"
            f'<content type="html">{escape(html)}</content>\n'
            "</entry>\n")
    out.append("</feed>\n")
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--feeds", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    r = random.Random(args.seed)
    total = 0
    for idx in range(args.feeds):
        n_items = r.randint(20, 50)
        if idx % 2 == 0:
            text, ext = rss_feed(r, idx, n_items), "rss"
        else:
            text, ext = atom_feed(r, idx, n_items), "atom"
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(args.out, f"feed-{idx:05d}.{ext}"), "wb") as f:
            f.write(data)
    print(f"{args.feeds} feeds, {total / 1048576:.1f} MiB in {args.out}")


if __name__ == "__main__":
    main()
