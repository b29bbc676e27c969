#!/usr/bin/env python3
"""Commitments in the knowledge base, end to end: records with commitments and events
are ingested (`ingest --records`), then `liaison commitments` and /api/commitments are
asked.  Checks the filters, the speaker and the date a commitment gets from its event,
and the follow-up links of data/followups.tsv: an accepted invitation followed by a
visit of the invited side to the inviter's place within the window is linked; the
same visit outside the window, or a visit by another side, is not; a pledge of trade
is followed up by a later trade figure between the same sides, not by one between
others; `--open` lists what nothing followed up.

    tests/test_commitments.py LIAISON

All people are fictional; the places are real.
"""
import json
import os
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kbserver import served  # noqa: E402

LIAISON = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/liaison")
checks = fails = 0


def ok(cond, what, detail=""):
    global checks, fails
    checks += 1
    if cond:
        print("ok   " + what)
    else:
        fails += 1
        print("FAIL " + what + (("\n     | " + detail.replace("\n", "\n     | ")) if detail else ""))


def event(type_, date, place, parts, parties, evidence):
    return {"type": type_, "date": date, "place": place, "participants": parts, "parties": parties,
            "evidence": evidence}


def person(name, role, org, cc):
    return {"name": name, "mentions": [name], "role": role, "org": org, "country": cc}


def record(doc, published, persons, events, commitments, figures=(), text=""):
    return {"doc": doc, "lang": "en", "published": published, "persons": persons, "events": events,
            "figures": list(figures), "relations": [], "fields": [], "commitments": commitments,
            "text": text or " ".join(e["evidence"] for e in events)}


def commit(type_, by, by_party, to_party, fields=(), accepted=None, evidence="They said so."):
    return {"type": type_, "by": by, "by_party": by_party, "to_party": to_party, "fields": list(fields),
            "accepted": accepted, "evidence": evidence}


def figure(metric, period, value, parties):
    return {"metric": metric, "parties": parties, "period": period, "value": value, "unit": "USD",
            "change_pct": None}


MAYOR = person("Zhou Minghua", "mayor", "Chongqing", "CN")
CHAIR = person("Trần Văn Khải", "chairman", "Hai Phong", "VN")
OTHER = person("Lê Thị Hoa", "chairman", "Da Nang", "VN")

RECORDS = [
    # 2023-03-10: in Chongqing, the mayor invites Hai Phong (accepted) and pledges trade
    record("c-1", "2023-03-11", [MAYOR, CHAIR],
           [event("meeting", "2023-03-10", "Chongqing", ["Zhou Minghua", "Trần Văn Khải"],
                  ["Chongqing", "Hai Phong"], "Zhou Minghua met Tran Van Khai in Chongqing on March 10.")],
           [commit("invitation", None, "Hai Phong", "Chongqing", accepted=True,
                   evidence="Mayor Zhou accepted the invitation to visit Hai Phong."),
            commit("pledge", "Zhou Minghua", "Chongqing", "Hai Phong", ["trade"],
                   evidence="Zhou said Chongqing stands ready to expand trade with Hai Phong."),
            commit("proposal", "Trần Văn Khải", "Hai Phong", "Chongqing", ["tourism"],
                   evidence="Khai proposed more flights for tourists.")]),
    # 2023-09-20: the mayor visits Hai Phong: follows the invitation up (within 730 days)
    record("c-2", "2023-09-21", [MAYOR, CHAIR],
           [event("visit", "2023-09-20", "Hai Phong", ["Zhou Minghua", "Trần Văn Khải"],
                  ["Chongqing", "Hai Phong"], "Zhou Minghua visited Hai Phong on September 20.")], []),
    # 2023-10-05: Da Nang visits Chongqing: another side, follows nothing of c-1
    record("c-3", "2023-10-06", [MAYOR, OTHER],
           [event("visit", "2023-10-05", "Chongqing", ["Lê Thị Hoa", "Zhou Minghua"],
                  ["Da Nang", "Chongqing"], "Le Thi Hoa visited Chongqing on October 5.")], [],
           [figure("trade", "2024", 9e8, ["Chongqing", "Da Nang"])]),
    # a trade figure between the pledging sides, for 2024
    record("c-4", "2025-01-15", [CHAIR], [], [], [figure("trade", "2024", 1.2e9, ["Chongqing", "Hai Phong"])],
           text="Trade between Chongqing and Hai Phong reached US$1.2 billion in 2024."),
    # 2019: an invitation of Da Nang to Chongqing, whose only visit comes too late (2023)
    record("c-5", "2019-05-02", [OTHER, MAYOR],
           [event("meeting", "2019-05-01", "Da Nang", ["Lê Thị Hoa", "Zhou Minghua"],
                  ["Da Nang", "Chongqing"], "Le Thi Hoa met Zhou Minghua in Da Nang on May 1.")],
           [commit("invitation", "Lê Thị Hoa", "Da Nang", "Chongqing",
                   evidence="Hoa invited the mayor to visit Da Nang again.")]),
]


def run(*args, check=True):
    p = subprocess.run([LIAISON, *args], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise SystemExit(f"{' '.join(args)}: exit {p.returncode}: {p.stderr}")
    return p


def rows(db, *args):
    out = run("commitments", "--db", db, "--format", "json", *args).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def key(r):
    return (r["type"], r["by_party"], r["to_party"])


def main():
    tmp = tempfile.mkdtemp(prefix="lsn-commit-")
    recs = os.path.join(tmp, "records.jsonl")
    with open(recs, "w", encoding="utf-8") as f:
        for r in RECORDS:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    db = os.path.join(tmp, "kb.db")
    run("ingest", "-q", "--records", "--db", db, recs)

    all_ = rows(db)
    ok(len(all_) == 4, "four commitments stored", json.dumps(all_, ensure_ascii=False))
    by = {key(r): r for r in all_}
    inv = by.get(("invitation", "Hai Phong", "Chongqing"))
    ok(inv is not None and inv["date"] == "2023-03-10" and inv["accepted"] == "yes",
       "an invitation takes the date of the meeting where it was made, and is accepted", json.dumps(inv))
    ok(inv is not None and [(f["kind"], f["date"]) for f in inv["followed_up"]] == [("event", "2023-09-20")],
       "the accepted invitation is followed up by the invited side's visit to the inviter's place",
       json.dumps(inv, ensure_ascii=False))
    pledge = by.get(("pledge", "Chongqing", "Hai Phong"))
    ok(pledge is not None and pledge["by"] == "Zhou Minghua", "a commitment keeps its speaker", json.dumps(pledge))
    ok(pledge is not None and [(f["kind"], f["date"]) for f in pledge["followed_up"]] == [("figure", "2024")],
       "a pledge of trade is followed up by a later trade figure between the same sides only",
       json.dumps(pledge, ensure_ascii=False))
    late = by.get(("invitation", "Da Nang", "Chongqing"))
    ok(late is not None and late["followed_up"] == [],
       "a visit outside the window does not follow an invitation up", json.dumps(late, ensure_ascii=False))
    prop = by.get(("proposal", "Hai Phong", "Chongqing"))
    ok(prop is not None and prop["followed_up"] == [],
       "another side's visit follows nothing up", json.dumps(prop, ensure_ascii=False))

    ok([key(r) for r in rows(db, "--open")] == [("invitation", "Da Nang", "Chongqing")],
       "--open lists the invitations and pledges nothing followed up")
    ok(sorted(key(r) for r in rows(db, "--by", "Vietnam")) ==
       [("invitation", "Da Nang", "Chongqing"), ("invitation", "Hai Phong", "Chongqing"),
        ("proposal", "Hai Phong", "Chongqing")],
       "--by a country finds what its localities said")
    ok([key(r) for r in rows(db, "--to", "Hai Phong", "--type", "pledge")] == [("pledge", "Chongqing", "Hai Phong")],
       "--to and --type filter")
    ok([key(r) for r in rows(db, "--field", "tourism")] == [("proposal", "Hai Phong", "Chongqing")],
       "--field filters")
    ok([key(r) for r in rows(db, "--since", "2023", "--until", "2023-03")] ==
       [("invitation", "Hai Phong", "Chongqing"), ("pledge", "Chongqing", "Hai Phong"),
        ("proposal", "Hai Phong", "Chongqing")], "--since and --until at the precision given")
    bad = run("commitments", "--db", db, "--type", "promise", check=False)
    ok(bad.returncode == 2 and "unknown commitment type" in bad.stderr, "an unknown type is a usage error",
       bad.stderr)
    bad = run("commitments", "--db", db, "--field", "fishing", check=False)
    ok(bad.returncode == 2 and "unknown field" in bad.stderr, "an unknown field is a usage error", bad.stderr)
    csv = run("commitments", "--db", db, "--format", "csv", "--sources").stdout.splitlines()
    ok(csv and csv[0] == "date,type,by,by_party,to_party,fields,accepted,followed_up_kind,followed_up_date,followed_up_evidence,document,evidence",
       "CSV with a header line", csv[0] if csv else "")

    # the API: same rows, JSON and CSV, errors as JSON
    with served(LIAISON, db) as api:
        base = api + "commitments"
        page = json.load(urllib.request.urlopen(base + "?open=1", timeout=5))
        ok([key(r) for r in page["items"]] == [("invitation", "Da Nang", "Chongqing")] and page["next"] is None,
           "/api/commitments?open=1", json.dumps(page, ensure_ascii=False))
        page = json.load(urllib.request.urlopen(base + "?by=Chongqing", timeout=5))
        item = page["items"][0] if page["items"] else {}
        ok(len(page["items"]) == 1 and item.get("by", {}).get("name") == "Zhou Minghua" and
           item.get("fields") == ["trade"] and item.get("followed_up", [{}])[0].get("kind") == "figure",
           "/api/commitments?by=: speaker, fields and follow-ups", json.dumps(page, ensure_ascii=False))
        page = json.load(urllib.request.urlopen(base + "?limit=2", timeout=5))
        rest = json.load(urllib.request.urlopen(base + "?limit=2&cursor=" + page["next"], timeout=5))
        ok(len(page["items"]) == 2 and len(rest["items"]) == 2 and rest["next"] is None,
           "/api/commitments pages by cursor")
        try:
            urllib.request.urlopen(base + "?type=promise", timeout=5)
            ok(False, "/api/commitments?type=promise is refused")
        except urllib.error.HTTPError as e:
            ok(e.code == 400 and "unknown commitment type" in e.read().decode(),
               "/api/commitments?type=promise is refused with 400")
        body = urllib.request.urlopen(base + "?format=csv", timeout=5).read().decode()
        ok(body.startswith("id,date,type,by_party,to_party,fields,accepted,document,evidence"), "/api/commitments CSV")
    print(f"{checks - fails} passed, {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
