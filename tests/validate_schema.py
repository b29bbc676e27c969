#!/usr/bin/env python3
"""validate_schema.py - checks `liaison extract --json` output against SCHEMA.md.

    validate_schema.py [FILE]...      JSON Lines files (none or - = standard input)

Every record must have every key of the schema with the right type: strings,
null where the schema allows it, lists of the right items; roles, event
types, metrics, units, relation types and fields from their vocabularies;
dates well-formed and real (2024-02-30 is not).  Event participants must be
persons of the same record.  Events may carry evidence_start/evidence_end
(`--offsets`) and date_evidence (`--explain`); any other key is an error.

Prints one line per problem (FILE:LINE: doc: path: what) and a closing count;
exit status 0 when every record is valid, 1 otherwise, 2 on bad usage.
Python 3 standard library only.
"""
import datetime
import json
import re
import sys

ROLES = {
    "general secretary", "president", "vice president", "prime minister",
    "deputy prime minister", "chairman of national assembly", "minister",
    "vice minister", "ambassador", "consul general", "party secretary",
    "deputy party secretary", "mayor", "vice mayor", "governor", "vice governor",
    "chairman", "vice chairman", "director", "deputy director", "official",
}
EVENT_TYPES = {"meeting", "virtual_meeting", "signing", "attend", "visit"}
METRICS = {"trade", "export", "import", "investment", "gdp", "visitors", "other"}
RELATION_TYPES = {"sister_city", "partnership", "consulate"}
FIELDS = {
    "trade", "investment", "finance", "logistics", "transport", "infrastructure",
    "technology", "digital_economy", "ai", "semiconductors", "green_development",
    "smart_city", "urban_governance", "energy", "agriculture", "health",
    "education", "culture", "tourism", "sports", "people_exchange", "governance",
    "security", "free_trade_zone", "expo",
}

RECORD_KEYS = ["doc", "lang", "published", "persons", "events", "figures", "relations", "fields"]
PERSON_KEYS = ["name", "mentions", "role", "org", "country"]
EVENT_KEYS = ["type", "date", "place", "participants", "parties", "evidence"]
EVENT_OPTIONAL = {"evidence_start", "evidence_end", "date_partial", "date_evidence"}
DATE_EVIDENCE_KEYS = ["by", "text", "start", "end", "from", "from_start", "from_end", "why"]
DATE_BY = {"none", "stated", "sentence_year", "publication", "dateline", "edition", "tenure",
           "text_year", "ordering"}
DATE_WHY = {"no_date", "no_year", "disagree", "span_of_days", "day_not_told", "recently",
            "edition_days", "year_only", "unlinked"}
FIGURE_KEYS = ["metric", "parties", "period", "value", "unit", "change_pct"]
RELATION_KEYS = ["type", "a", "b", "since"]
COMMITMENT_TYPES = {"proposal", "pledge", "invitation", "agreement"}
COMMITMENT_KEYS = ["type", "by", "by_party", "to_party", "fields", "accepted", "evidence"]

LANG_RE = re.compile(r"^([a-z]{2}|und)$")
CC_RE = re.compile(r"^[A-Z]{2}$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
MONTH_RE = r"\d{4}-(0[1-9]|1[0-2])"
PERIOD_RE = re.compile(
    r"^(\d{4}|%s|\d{4}-H[12]|\d{4}-Q[1-4]|%s\.\.%s)$" % (MONTH_RE, MONTH_RE, MONTH_RE))


class Checker:
    def __init__(self):
        self.errors = 0

    def error(self, where, path, what):
        self.errors += 1
        print("%s: %s: %s" % (where, path, what))

    def keys(self, where, path, obj, required, optional=()):
        if not isinstance(obj, dict):
            self.error(where, path, "not an object")
            return False
        for k in required:
            if k not in obj:
                self.error(where, path, "missing key '%s'" % k)
        for k in obj:
            if k not in required and k not in optional:
                self.error(where, path, "unknown key '%s'" % k)
        return all(k in obj for k in required)

    def string(self, where, path, v, nullable=False, nonempty=True):
        if v is None and nullable:
            return
        if not isinstance(v, str):
            self.error(where, path, "want a string%s, got %s" %
                       (" or null" if nullable else "", json.dumps(v, ensure_ascii=False)))
        elif nonempty and not v.strip():
            self.error(where, path, "empty string")

    def vocab(self, where, path, v, allowed, nullable=False):
        if v is None and nullable:
            return
        if v not in allowed:
            self.error(where, path, "%s is not in the vocabulary" % json.dumps(v, ensure_ascii=False))

    def strings(self, where, path, v):
        if not isinstance(v, list):
            self.error(where, path, "want a list")
            return []
        for i, s in enumerate(v):
            self.string(where, "%s[%d]" % (path, i), s)
        return [s for s in v if isinstance(s, str)]

    def number(self, where, path, v, nullable=False):
        if v is None and nullable:
            return
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            self.error(where, path, "want a number%s, got %s" %
                       (" or null" if nullable else "", json.dumps(v)))

    def date(self, where, path, v, precisions=("day",), nullable=True):
        if v is None and nullable:
            return
        if not isinstance(v, str):
            self.error(where, path, "want a date string, got %s" % json.dumps(v))
            return
        forms = {"day": ("%Y-%m-%d", 10), "month": ("%Y-%m", 7), "year": ("%Y", 4)}
        for p in precisions:
            fmt, n = forms[p]
            if len(v) == n:
                try:
                    datetime.datetime.strptime(v, fmt)
                    return
                except ValueError:
                    break
        self.error(where, path, "bad date %s (want %s)" %
                   (json.dumps(v), " or ".join({"day": "YYYY-MM-DD", "month": "YYYY-MM",
                                                "year": "YYYY"}[p] for p in precisions)))

    def date_evidence(self, where, path, x, date):
        """The evidence of an event's date (`--explain`): its kind, the expression
        with its byte offsets, the evidence it took its year from, and why a date
        that is null or partial is so."""
        if not self.keys(where, path, x, DATE_EVIDENCE_KEYS):
            return
        self.vocab(where, path + ".by", x["by"], DATE_BY)
        self.vocab(where, path + ".why", x["why"], DATE_WHY, nullable=True)
        for text, a, b in (("text", "start", "end"), ("from", "from_start", "from_end")):
            self.string(where, path + "." + text, x[text], nullable=True)
            for k in (a, b):
                v = x[k]
                if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
                    self.error(where, path + "." + k, "want a byte offset or null")
            if (x[a] is None) != (x[b] is None) or (x[a] is not None and x[a] > x[b]):
                self.error(where, path + "." + a, "want %s <= %s, both or neither" % (a, b))
        if (x["text"] is None) != (x["start"] is None):
            self.error(where, path + ".text", "text and its offsets go together")
        if date is None and x["why"] is None:
            self.error(where, path + ".why", "a null date says why")
        if date is not None and x["by"] == "none":
            self.error(where, path + ".by", "a date has evidence")

    def record(self, where, r):
        if not self.keys(where, "record", r, RECORD_KEYS, {"commitments"}):
            return
        where = "%s: %s" % (where, r.get("doc"))
        self.string(where, "doc", r["doc"])
        lang = r["lang"]
        if lang is not None and (not isinstance(lang, str) or not LANG_RE.match(lang)):
            self.error(where, "lang", "want an ISO 639-1 code, got %s" % json.dumps(lang))
        self.date(where, "published", r["published"])

        names = set()
        if not isinstance(r["persons"], list):
            self.error(where, "persons", "want a list")
        else:
            for i, p in enumerate(r["persons"]):
                path = "persons[%d]" % i
                if not self.keys(where, path, p, PERSON_KEYS):
                    continue
                self.string(where, path + ".name", p["name"])
                if isinstance(p["name"], str):
                    names.add(p["name"])
                self.strings(where, path + ".mentions", p["mentions"])
                self.vocab(where, path + ".role", p["role"], ROLES, nullable=True)
                self.string(where, path + ".org", p["org"], nullable=True)
                cc = p["country"]
                if cc is not None and (not isinstance(cc, str) or not CC_RE.match(cc)):
                    self.error(where, path + ".country", "want ISO 3166-1 alpha-2, got %s"
                               % json.dumps(cc))

        if not isinstance(r["events"], list):
            self.error(where, "events", "want a list")
        else:
            for i, e in enumerate(r["events"]):
                path = "events[%d]" % i
                if not self.keys(where, path, e, EVENT_KEYS, EVENT_OPTIONAL):
                    continue
                self.vocab(where, path + ".type", e["type"], EVENT_TYPES)
                self.date(where, path + ".date", e["date"], ("day", "month", "year"))
                self.string(where, path + ".place", e["place"], nullable=True)
                for n in self.strings(where, path + ".participants", e["participants"]):
                    if n not in names:
                        self.error(where, path + ".participants",
                                   "%s is not among the record's persons" % json.dumps(n, ensure_ascii=False))
                self.strings(where, path + ".parties", e["parties"])
                self.string(where, path + ".evidence", e["evidence"], nullable=True)
                if "date_evidence" in e:
                    self.date_evidence(where, path + ".date_evidence", e["date_evidence"], e["date"])
                for k in EVENT_OPTIONAL & set(e) - {"date_partial", "date_evidence"}:
                    if isinstance(e[k], bool) or not isinstance(e[k], int) or e[k] < 0:
                        self.error(where, path + "." + k, "want a byte offset")
                if "date_partial" in e:
                    p = e["date_partial"]
                    if not isinstance(p, str) or not re.fullmatch(r"--(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?", p):
                        self.error(where, path + ".date_partial", "want --MM or --MM-DD")
                    elif e["date"] is not None:
                        self.error(where, path + ".date_partial", "only when date is null")

        if not isinstance(r["figures"], list):
            self.error(where, "figures", "want a list")
        else:
            for i, f in enumerate(r["figures"]):
                path = "figures[%d]" % i
                if not self.keys(where, path, f, FIGURE_KEYS):
                    continue
                self.vocab(where, path + ".metric", f["metric"], METRICS)
                self.strings(where, path + ".parties", f["parties"])
                per = f["period"]
                if per is not None and (not isinstance(per, str) or not PERIOD_RE.match(per)):
                    self.error(where, path + ".period", "bad period %s" % json.dumps(per))
                self.number(where, path + ".value", f["value"])
                unit = f["unit"]
                if unit not in ("count", "percent") and (
                        not isinstance(unit, str) or not CURRENCY_RE.match(unit)):
                    self.error(where, path + ".unit", "want ISO 4217, count or percent, got %s"
                               % json.dumps(unit))
                self.number(where, path + ".change_pct", f["change_pct"], nullable=True)

        if not isinstance(r["relations"], list):
            self.error(where, "relations", "want a list")
        else:
            for i, x in enumerate(r["relations"]):
                path = "relations[%d]" % i
                if not self.keys(where, path, x, RELATION_KEYS):
                    continue
                self.vocab(where, path + ".type", x["type"], RELATION_TYPES)
                self.string(where, path + ".a", x["a"])
                self.string(where, path + ".b", x["b"])
                since = x["since"]
                if since is not None and (isinstance(since, bool) or not isinstance(since, int)
                                          or not 1800 <= since <= 2100):
                    self.error(where, path + ".since", "want a year or null, got %s"
                               % json.dumps(since))

        fields = self.strings(where, "fields", r["fields"])
        for i, f in enumerate(fields):
            self.vocab(where, "fields[%d]" % i, f, FIELDS)
        if len(set(fields)) != len(fields):
            self.error(where, "fields", "a field is listed twice")

        commitments = r.get("commitments", [])
        if not isinstance(commitments, list):
            self.error(where, "commitments", "want a list")
            commitments = []
        seen = set()
        for i, x in enumerate(commitments):
            path = "commitments[%d]" % i
            if not self.keys(where, path, x, COMMITMENT_KEYS,
                             EVENT_OPTIONAL - {"date_partial", "date_evidence"}):
                continue
            self.vocab(where, path + ".type", x["type"], COMMITMENT_TYPES)
            self.string(where, path + ".by", x["by"], nullable=True)
            self.string(where, path + ".by_party", x["by_party"])
            self.string(where, path + ".to_party", x["to_party"])
            if x["by_party"] == x["to_party"]:
                self.error(where, path, "a side commits to itself")
            for k, f in enumerate(self.strings(where, path + ".fields", x["fields"])):
                self.vocab(where, "%s.fields[%d]" % (path, k), f, FIELDS)
            if x["accepted"] is not None and (not isinstance(x["accepted"], bool)
                                              or x["type"] != "invitation"):
                self.error(where, path + ".accepted", "want true or false for an invitation, else null")
            self.string(where, path + ".evidence", x["evidence"])
            key = (x["type"], x["by_party"], x["to_party"])
            if x["type"] == "agreement":
                key = (x["type"],) + tuple(sorted((str(x["by_party"]), str(x["to_party"]))))
            if key in seen:
                self.error(where, path, "a second item of the same type and sides")
            seen.add(key)


def main(argv):
    if any(a in ("-h", "--help") for a in argv):
        print(__doc__.strip())
        return 0
    files = argv or ["-"]
    c = Checker()
    records = 0
    seen = {}
    for name in files:
        try:
            f = sys.stdin if name == "-" else open(name, encoding="utf-8")
        except OSError as e:
            print("validate_schema: %s" % e, file=sys.stderr)
            return 2
        with f:
            for lineno, line in enumerate(f, 1):
                where = "%s:%d" % ("<stdin>" if name == "-" else name, lineno)
                if not line.endswith("\n"):
                    c.error(where, "record", "line does not end with a newline")
                try:
                    r = json.loads(line)
                except ValueError as e:
                    c.error(where, "record", "not JSON: %s" % e)
                    continue
                records += 1
                c.record(where, r)
                doc = r.get("doc") if isinstance(r, dict) else None
                if doc in seen:
                    c.error(where, "doc", "%s already seen at %s" % (json.dumps(doc), seen[doc]))
                seen[doc] = where
    if records == 0:
        c.error("input", "record", "no records")
    print("validate_schema: %d records, %d problems" % (records, c.errors))
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
