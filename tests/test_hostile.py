#!/usr/bin/env python3
"""Hostile values and impossible dates, through the command line and the API.

    tests/test_hostile.py LIAISON

- a name that a spreadsheet would run as a formula (=HYPERLINK(...), +cmd, -2+3, @SUM)
  is written to every CSV (the CLI's, the exports', the API's) with a ' before it, and
  a plain negative number is left as it is;
- person ids are slugs: letters, digits and hyphens, whatever the name holds;
- search terms with punctuation at their ends ("they,", "(they)") find and show the match;
- --data naming no directory is refused; a base whose ingest stopped before resolution says so;
- impossible dates are usage errors: events --since 2020-13 / 2020-02-30 / 0000,
  extract --published 2024-02-30, ingest --published 2024-13-45 (exit 2), and the
  API's since/until/month (400); a real leap day is accepted.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kbserver import served  # noqa: E402

LIAISON = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/liaison")
checks = fails = 0


def ok(cond, what, detail=""):
    global checks, fails
    checks += 1
    print(("ok   " if cond else "FAIL ") + what + ("" if cond or not detail else "\n     | " + detail))
    if not cond:
        fails += 1


EVIL = ['=HYPERLINK("http://evil.example/","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


def main():
    tmp = tempfile.mkdtemp(prefix="lsn-hostile-")
    recs = os.path.join(tmp, "r.jsonl")
    persons = [{"name": n, "mentions": [n], "role": "mayor", "org": "Shanghai", "country": "CN"} for n in EVIL]
    persons.append({"name": "Gong <img src=x onerror=alert(11)> Zheng", "mentions": ["x"], "role": None,
                    "org": None, "country": "CN"})
    rec = {"doc": "evil", "lang": "en", "published": "2024-02-29", "persons": persons,
           "events": [{"type": "meeting", "date": "2024-02-29", "place": "Shanghai",
                       "participants": [p["name"] for p in persons], "parties": ["Shanghai", "Vietnam"],
                       "evidence": "=1+1 they met."}],
           "figures": [{"metric": "trade", "parties": ["Shanghai", "Vietnam"], "period": "2023",
                        "value": 1e9, "unit": "USD", "change_pct": -5.5}],
           "relations": [], "fields": [], "text": "=1+1 they met."}
    with open(recs, "w") as f:
        f.write(json.dumps(rec) + "\n")
    db = os.path.join(tmp, "kb.db")
    p = subprocess.run([LIAISON, "ingest", "-q", "--records", "--db", db, recs], capture_output=True, text=True)
    ok(p.returncode == 0, "records ingested", p.stderr)

    out = subprocess.run([LIAISON, "people", "--db", db, "--format", "csv"], capture_output=True, text=True).stdout
    names = [r["name"] for r in csv.DictReader(io.StringIO(out))]
    for n in EVIL[:3]:
        ok("'" + n in names, f"people CSV neutralises {n[:12]}...", repr(names))
    ok("'-2+3" in names, "a formula with a leading minus is neutralised", repr(names))
    out = subprocess.run([LIAISON, "figures", "--db", db, "--format", "csv"], capture_output=True, text=True).stdout
    ok(",-5.5," in out or out.rstrip().endswith(",-5.5") or ",-5.5\r" in out,
       "a negative number stays a number", out)
    exp = os.path.join(tmp, "exp")
    subprocess.run([LIAISON, "export", "--db", db, "--format", "csv", "--out", exp], check=True,
                   capture_output=True)
    with open(os.path.join(exp, "people.csv")) as f:
        text = f.read()
    ok("'=HYPERLINK" in text and "\n=" not in text and ",=" not in text, "the CSV export neutralises too")
    ids = json.loads("[" + ",".join(subprocess.run([LIAISON, "people", "--db", db, "--format", "json"],
                                                   capture_output=True, text=True).stdout.split("\n")[:-1]) + "]")
    bad_ids = [x["id"] for x in ids if not re.fullmatch(r"[a-z0-9\x80-\uffff]+(-[a-z0-9\x80-\uffff]+)*", x["id"])]
    ok(not bad_ids, "person ids are slugs of letters, digits and hyphens", repr(bad_ids))

    for since in ["2020-13", "2020-02-30", "2024-00", "2024-01-32", "0000", "2023-02-29"]:
        p = subprocess.run([LIAISON, "events", "--db", db, "--since", since], capture_output=True, text=True)
        ok(p.returncode == 2, f"events --since {since}: usage error", p.stderr)
    p = subprocess.run([LIAISON, "events", "--db", db, "--since", "2024-02-29"], capture_output=True, text=True)
    ok(p.returncode == 0, "events --since 2024-02-29 (a leap day) runs", p.stderr)
    for pub in ["2024-02-30", "2024-13-45", "2024-1-5"]:
        p = subprocess.run([LIAISON, "extract", "--json", "--published", pub, "-"], input="x\n",
                           capture_output=True, text=True)
        ok(p.returncode == 2 and not p.stdout, f"extract --published {pub}: usage error, nothing written", p.stderr)
        p = subprocess.run([LIAISON, "ingest", "--db", os.path.join(tmp, "n.db"), "--published", pub, recs],
                           capture_output=True, text=True)
        ok(p.returncode == 2, f"ingest --published {pub}: usage error", p.stderr)

    # search: punctuation at a term's ends still finds and shows the match
    for q in ["they,", "(they)", "-they", "they."]:
        out = subprocess.run([LIAISON, "search", "--db", db, "--format", "json", q], capture_output=True, text=True)
        rows = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
        ok(rows and all(r["snippet"] and "[they]" in r["snippet"] for r in rows), f"search {q!r}: a snippet",
           out.stdout + out.stderr)
    # a base whose last ingest stopped before resolving says so, instead of answering less in silence
    p = subprocess.run([LIAISON, "events", "--db", db], capture_output=True, text=True)
    ok(p.returncode == 0 and "warning" not in p.stderr, "a resolved base: no warning", p.stderr)
    import shutil, sqlite3
    half = os.path.join(tmp, "half.db")
    shutil.copy(db, half)
    for ext in ("-wal", "-shm"):
        if os.path.exists(db + ext):
            shutil.copy(db + ext, half + ext)
    con = sqlite3.connect(half)
    con.execute("UPDATE person_mentions SET person_id = NULL WHERE id = (SELECT id FROM person_mentions LIMIT 1)")
    con.commit()
    con.close()
    p = subprocess.run([LIAISON, "events", "--db", half], capture_output=True, text=True)
    ok(p.returncode == 0 and "stopped before it resolved" in p.stderr and "ingest" in p.stderr,
       "an unresolved base: a warning that says to run ingest again", p.stderr)
    # --data naming no directory is an error, not the built-in tables
    for d in ["/nonexistent-liaison-data", "/etc/hostname"]:
        p = subprocess.run([LIAISON, "--data", d, "extract", "-"], input="x\n", capture_output=True, text=True)
        ok(p.returncode != 0 and "--data" in p.stderr and not p.stdout, f"--data {d}: refused", p.stderr)

    with served(LIAISON, db) as api:
        base = api
        for q in ["events?since=2024-13", "events?since=2024-02-30", "events?until=0000",
                  "events?month=2024-13", "timeline?since=2024-99", "commitments?since=2023-02-29"]:
            try:
                urllib.request.urlopen(base + q, timeout=5)
                ok(False, f"/api/{q} refused")
            except urllib.error.HTTPError as e:
                ok(e.code == 400, f"/api/{q}: 400", str(e.code))
        body = urllib.request.urlopen(base + "people?format=csv", timeout=5).read().decode()
        ok("'=HYPERLINK" in body and "\n=" not in body, "the API's CSV neutralises formulas")
    print(f"{checks - fails} passed, {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
