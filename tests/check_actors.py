#!/usr/bin/env python3
"""check_actors.py — the actor dictionary (data/actors.tsv, data/actor_roles.tsv) kept honest.

    tests/check_actors.py [SOURCE_DIR]

Fails (exit 1, one line per fault) when a row of either table has no `source`
(an http(s) address of a public page that states the row), when an actor id is
repeated or a name (id, zh, vi, alias) names two actors, when a role is outside the
role vocabulary (lsn_roles in src/util.c), when a role's id is not an actors.tsv
id, when an `org` is not a data/places.tsv id, when a date is not YYYY, YYYY-MM or
YYYY-MM-DD (a real day), when `from` is after `to`, or when the roles of one actor
are not on consecutive lines.  Standard library only.
"""
import calendar
import os
import re
import sys
import unicodedata

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
data = os.path.join(src, "data")
faults = []


def fault(where, msg):
    faults.append(f"{where}: {msg}")


def rows(name):
    """(line number, cells by header name) of a table; the header is the first
    line that is not a comment."""
    path = os.path.join(data, name)
    header = None
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if unicodedata.normalize("NFC", line) != line:
                fault(f"{name}:{n}", "not NFC")
            if len(cells) > len(header):
                fault(f"{name}:{n}", f"{len(cells)} cells, the header has {len(header)}")
            out.append((n, dict(zip(header, cells + [""] * (len(header) - len(cells))))))
    if header is None or header[-1] != "source":
        fault(name, "the last column must be `source`")
    return out


def vocabulary():
    with open(os.path.join(src, "src", "util.c"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"lsn_roles\[\]\s*=\s*\{(.*?)\};", text, re.S)
    if not m:
        fault("src/util.c", "lsn_roles not found")
        return set()
    return {s for s in re.findall(r'"([^"]*)"', m.group(1)) if s}


def ymd(s):
    """The date as a (lo, hi) pair of yyyymmdd numbers, or None when malformed."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(2) is None:
        return y * 10000 + 101, y * 10000 + 1231
    mo = int(m.group(2))
    if not 1 <= mo <= 12:
        return None
    last = calendar.monthrange(y, mo)[1]
    if m.group(3) is None:
        return y * 10000 + mo * 100 + 1, y * 10000 + mo * 100 + last
    d = int(m.group(3))
    if not 1 <= d <= last:
        return None
    return (y * 10000 + mo * 100 + d,) * 2


def source_ok(s):
    return re.fullmatch(r"https?://[^\s/]+\.[^\s/]+/\S*", s) is not None


places = set()
with open(os.path.join(data, "places.tsv"), encoding="utf-8") as f:
    head = None
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        if head is None:
            head = line
            continue
        places.add(line.split("\t")[0])

actors = {}
names = {}
for n, c in rows("actors.tsv"):
    where = f"actors.tsv:{n}"
    aid = c["id"]
    if not aid:
        fault(where, "empty id")
        continue
    if aid in actors:
        fault(where, f"{aid!r} repeated (line {actors[aid]})")
    actors[aid] = n
    if c["cc"] not in ("CN", "VN"):
        fault(where, f"cc {c['cc']!r} is not CN or VN")
    if not source_ok(c.get("source", "")):
        fault(where, f"{aid}: no source")
    forms = [aid, c["zh"], c["vi"]] + [a for a in c["aliases"].split("|")]
    for form in forms:
        key = form.strip().casefold()
        if not key:
            continue
        if names.get(key, aid) != aid:
            fault(where, f"{form!r} names both {names[key]!r} and {aid!r}")
        names[key] = aid
    if c["cc"] == "VN" and c["vi"]:
        fault(where, f"{aid}: vi is for Chinese people (the id is the Vietnamese name)")

roles = vocabulary()
seen = {}
last = None
for n, c in rows("actor_roles.tsv"):
    where = f"actor_roles.tsv:{n}"
    aid = c["id"]
    if aid not in actors:
        fault(where, f"{aid!r} is not an actors.tsv id")
    if aid != last and aid in seen:
        fault(where, f"roles of {aid!r} not on consecutive lines (also line {seen[aid]})")
    seen.setdefault(aid, n)
    last = aid
    if c["role"] not in roles:
        fault(where, f"role {c['role']!r} is outside the vocabulary")
    if c["org"] not in places:
        fault(where, f"org {c['org']!r} is not a places.tsv id")
    lo = hi = None
    if c["from"]:
        lo = ymd(c["from"])
        if lo is None:
            fault(where, f"from {c['from']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if c["to"]:
        hi = ymd(c["to"])
        if hi is None:
            fault(where, f"to {c['to']!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if lo and hi and lo[0] > hi[1]:
        fault(where, f"from {c['from']} is after to {c['to']}")
    if not source_ok(c.get("source", "")):
        fault(where, f"{aid} {c['role']}: no source")

for f in faults:
    print(f)
print(f"actors: {len(actors)} people, {sum(1 for _ in seen)} with roles; {len(faults)} faults")
sys.exit(1 if faults else 0)
