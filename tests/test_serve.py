#!/usr/bin/env python3
"""test_serve.py — `liaison serve` end to end: a real server on a loopback port.

    tests/test_serve.py [LIAISON [SOURCE_DIR]] [--update]

Defaults: build/liaison and the repository this script is in.  Two knowledge
bases are made in a temporary folder:

  * exact: the records of tests/kb/records.jsonl and tests/serve/xss-record.jsonl
    (`ingest --records`: no extraction involved), whose answers are compared,
    parsed, with tests/serve/expected/*.json (--update rewrites them from this
    build: review the diff);
  * samples: samples/ and tests/serve/xss-article.txt through extraction, checked
    for properties only (so that better extraction does not break this test).

Each server is started with --port 0 (the kernel picks a free port; the server
says which on standard error) and stopped with SIGTERM at the end.  Python 3
standard library only.
"""

import csv
import hashlib
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

args = [a for a in sys.argv[1:] if a != "--update"]
UPDATE = "--update" in sys.argv[1:]
SRC = os.path.abspath(args[1]) if len(args) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.abspath(args[0]) if args else os.path.join(SRC, "build", "liaison")
EXPECTED = os.path.join(SRC, "tests", "serve", "expected")

checks = fails = 0


def ok(name):
    global checks
    checks += 1
    print("ok   " + name)


def bad(name, detail=""):
    global checks, fails
    checks += 1
    fails += 1
    print("FAIL " + name)
    for line in str(detail).splitlines()[:30]:
        print("     | " + line)


def check(name, cond, detail=""):
    (ok if cond else lambda n: bad(n, detail))(name)


# ---- the server


class Server:
    def __init__(self, db, *extra):
        self.db = db
        self.err = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen([BIN, "serve", "--db", db, "--port", "0", "--threads", "2", *extra],
                                     stdout=subprocess.DEVNULL, stderr=self.err)
        self.port = None
        for _ in range(300):  # the migration of a new base takes a moment
            self.err.seek(0)
            m = re.search(r"http://127\.0\.0\.1:(\d+)/", self.err.read())
            if m:
                self.port = int(m.group(1))
                break
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        if not self.port:
            self.err.seek(0)
            raise SystemExit("test_serve: the server did not start: " + self.err.read())

    def request(self, method, path, body=None, headers=None, conn=None):
        c = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        if not conn:
            c.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def json(self, path):
        st, hd, body = self.get(path)
        try:
            return st, json.loads(body.decode("utf-8")), hd
        except ValueError:
            return st, body, hd

    def raw(self, data):
        """Sends bytes as they are (no client-side normalisation); the status and the reply."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=20) as s:
            s.sendall(data)
            out = b""
            while True:
                try:
                    chunk = s.recv(65536)
                except (ConnectionResetError, socket.timeout):
                    break
                if not chunk:
                    break
                out += chunk
                if b"\r\n\r\n" in out:
                    head, _, rest = out.partition(b"\r\n\r\n")
                    m = re.search(rb"content-length: *(\d+)", head, re.I)
                    if m and len(rest) >= int(m.group(1)):
                        break
        m = re.match(rb"HTTP/1\.[01] (\d{3})", out)
        return (int(m.group(1)) if m else 0), out

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = -9
        self.err.seek(0)
        return rc, self.err.read()


def q(path, **params):
    items = []
    for k, v in params.items():
        for x in (v if isinstance(v, list) else [v]):
            items.append((k, x))
    return path + ("?" + urllib.parse.urlencode(items) if items else "")


def same_json(name, server, path):
    """The answer to path is 200 and equals expected/NAME.json (parsed)."""
    st, body, hd = server.json(path)
    if st != 200:
        bad(f"{name}: GET {path}: status {st}", body)
        return None
    if not hd.get("content-type", "").startswith("application/json"):
        bad(f"{name}: content type {hd.get('content-type')}")
    f = os.path.join(EXPECTED, name + ".json")
    if UPDATE:
        os.makedirs(EXPECTED, exist_ok=True)
        with open(f, "w", encoding="utf-8") as out:
            json.dump(body, out, ensure_ascii=False, indent=1, sort_keys=False)
            out.write("\n")
        ok(f"{name} (updated)")
        return body
    try:
        with open(f, encoding="utf-8") as inp:
            want = json.load(inp)
    except OSError:
        bad(f"{name}: no {f} (run with --update)")
        return body
    if body == want:
        ok(f"{name}: GET {path}")
    else:
        a = json.dumps(want, ensure_ascii=False, indent=1).splitlines()
        b = json.dumps(body, ensure_ascii=False, indent=1).splitlines()
        import difflib
        bad(f"{name}: GET {path} differs from expected/{name}.json",
            "\n".join(difflib.unified_diff(a, b, "expected", "got", lineterm="", n=2)))
    return body


def error_is(name, server, method, path, status, code=None, body=None, headers=None):
    st, hd, data = server.request(method, path, body=body, headers=headers)
    try:
        j = json.loads(data.decode("utf-8")) if data else None
    except ValueError:
        j = None
    good = st == status and isinstance(j, dict) and set(j) == {"error"} and \
        set(j["error"]) == {"code", "message"} and (code is None or j["error"]["code"] == code)
    if good and hd.get("content-type", "").startswith("application/json"):
        ok(f"{name}: {method} {path[:60]} -> {status} {j['error']['code']}")
    else:
        bad(f"{name}: {method} {path[:60]}: status {st}, want {status} with a JSON error", data[:300])
    return j


def ingest(db, *files, records=False):
    cmd = [BIN, "ingest", "-q", "--db", db] + (["--records"] if records else []) + list(files)
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"test_serve: {' '.join(cmd)}: exit {r.returncode}: {r.stderr}")


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    if not os.access(BIN, os.X_OK):
        raise SystemExit(f"test_serve: no executable {BIN} (build first)")
    tmp = tempfile.mkdtemp(prefix="lsn-serve-")
    try:
        run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"test_serve: {checks - fails} of {checks} checks passed")
    print(f"{checks - fails} passed, {fails} failed")
    sys.exit(1 if fails else 0)


def run(tmp):
    fx = os.path.join(SRC, "tests", "serve")
    db = os.path.join(tmp, "exact.db")
    ingest(db, os.path.join(SRC, "tests", "kb", "records.jsonl"), os.path.join(fx, "xss-record.jsonl"), records=True)

    # ---- usage
    r = subprocess.run([BIN, "serve", "--help"], capture_output=True, text=True)
    check("serve --help", r.returncode == 0 and r.stdout.startswith("usage: liaison serve"), r.stdout + r.stderr)
    r = subprocess.run([BIN, "serve", "--port", "70000"], capture_output=True, text=True)
    check("serve --port 70000: usage error", r.returncode == 2, r.stderr)
    r = subprocess.run([BIN, "serve", "--db", os.path.join(tmp, "none.db"), "--port", "0"], capture_output=True, text=True)
    check("serve on a missing knowledge base: exit 3, the file named",
          r.returncode == 3 and "none.db" in r.stderr and not os.path.exists(os.path.join(tmp, "none.db")), r.stderr)
    r = subprocess.run([BIN, "--help"], capture_output=True, text=True)
    check("liaison --help lists serve", re.search(r"^  serve ", r.stdout, re.M) is not None, r.stdout)

    s = Server(db)
    try:
        exact(s, db, tmp)
    finally:
        rc, err = s.stop()
    check("SIGTERM stops the server, exit 0", rc == 0, err)
    slow_clients(db)
    failures = re.findall(r"^liaison: serve: (?:GET|HEAD) .*$", err, re.M)
    check("the server's log: the one failure provoked, with its details (the SQLite message)",
          len(failures) == 1 and failures[0].startswith("liaison: serve: GET /api/figures: ") and
          "no such table: figure_parties" in failures[0], err)

    # ---- the samples, through extraction: properties
    sdb = os.path.join(tmp, "samples.db")
    ingest(sdb, os.path.join(SRC, "samples"), os.path.join(fx, "xss-article.txt"))
    s = Server(sdb)
    try:
        samples(s)
    finally:
        s.stop()


def exact(s, db, tmp):
    before = sha(db)

    # ---- exact answers
    same_json("index", s, "/api/")
    stats = same_json("stats", s, "/api/stats")
    events = same_json("events", s, "/api/events")
    same_json("events-hcmc-shanghai", s, q("/api/events", party=["HCMC", "上海"]))
    same_json("events-person-chen", s, q("/api/events", person="陈吉宁"))
    same_json("events-yunnan-2024", s, q("/api/events", party="Vân Nam", since="2024-03", until="2024"))
    same_json("events-signing", s, q("/api/events", type="signing"))
    same_json("events-lang-vi", s, q("/api/events", lang="vi"))
    same_json("events-month", s, q("/api/events", month="2023-11"))
    three = [e for e in (events or {}).get("items", []) if len(e["languages"]) == 3 and e["type"] == "virtual_meeting"]
    if three:
        ev = same_json("event-three-languages", s, "/api/events/" + urllib.parse.quote(three[0]["id"], safe=""))
        if ev:
            check("the event has three sources, one per language",
                  sorted(x["lang"] for x in ev["sources"]) == ["en", "vi", "zh"], ev["sources"])
    else:
        bad("an event reported in three languages", events)
    same_json("people", s, "/api/people")
    same_json("people-vn-vice-chairman", s, q("/api/people", country="VN", role="vice chairman"))
    chen = same_json("person-chen-jining", s, "/api/person/chen-jining")
    for name in ("陈吉宁", "Trần Cát Ninh", "chen jining"):
        st, p, _ = s.json("/api/person/" + urllib.parse.quote(name, safe=""))
        check(f"person/{name} is chen-jining", st == 200 and p == chen, p)
    same_json("places", s, "/api/places")
    sh = same_json("place-shanghai", s, "/api/place/Shanghai")
    st, p, _ = s.json("/api/place/" + urllib.parse.quote("上海"))
    check("place/上海 is Shanghai", st == 200 and p == sh, p)
    same_json("ties", s, "/api/ties")
    same_json("figures", s, "/api/figures")
    same_json("figures-trade-shanghai", s, q("/api/figures", metric="trade", party="Shanghai"))
    same_json("search-shanghai", s, q("/api/search", q="上海"))
    same_json("search-thuong-hai", s, q("/api/search", q="Thuong Hai"))
    same_json("search-da-nang", s, q("/api/search", q="Da Nang"))
    doc = same_json("document-xss", s, "/api/documents/kb-xss-01")
    same_json("timeline", s, "/api/timeline")
    same_json("timeline-hcmc-shanghai", s, q("/api/timeline", party=["Ho Chi Minh City", "Shanghai"]))
    same_json("network", s, "/api/network")

    # ---- provenance: every span of a document holds its fact's evidence
    if doc:
        text = doc["text"]
        b = text.encode("utf-8")
        good = all(b[f["span"][0]:f["span"][1]].decode("utf-8") == text[f["chars"][0]:f["chars"][1]]
                   for f in doc["facts"] if f["span"])
        check("document spans: bytes and characters hold the same sentence", good and doc["facts"], doc["facts"])
        check("the document's text is given as it is (the <script> as text, in JSON)",
              "<script>alert(1)</script>" in text and '"><img src=x onerror=alert(1)>' in text)
    st, allp, _ = s.json("/api/events?limit=1000")
    for e in allp["items"][:40]:
        st, ev, _ = s.json("/api/events/" + urllib.parse.quote(e["id"], safe=""))
        for src in ev["sources"]:
            st, d, _ = s.json("/api/documents/" + urllib.parse.quote(src["doc"], safe=""))
            if src["chars"] and d["text"][src["chars"][0]:src["chars"][1]] != src["evidence"]:
                bad(f"event {e['id']}: the evidence is at its offsets in {src['doc']}", (src, d["text"]))
                break
    ok("every event's evidence is at its offsets in its documents")

    # ---- paging: page after page is the whole list, nothing twice
    for path, limit in (("/api/events", 3), ("/api/people", 4), ("/api/places", 5), ("/api/ties", 1),
                        ("/api/figures", 2), (q("/api/search", q="Shanghai"), 2),
                        (q("/api/events", party="Shanghai"), 2)):
        st, whole, _ = s.json(path + ("&" if "?" in path else "?") + "limit=200")
        got, cursor, pages = [], None, 0
        while True:
            sep = "&" if "?" in path else "?"
            st, page, _ = s.json(path + sep + f"limit={limit}" + (f"&cursor={cursor}" if cursor else ""))
            if st != 200:
                bad(f"paging {path}: status {st}", page)
                break
            got += page["items"]
            pages += 1
            cursor = page["next"]
            if not cursor or pages > 100:
                break
        check(f"paging {path} by {limit}: {pages} pages = the whole list ({len(whole['items'])})",
              got == whole["items"] and whole["next"] is None and len(whole["items"]) > limit, (len(got), len(whole["items"])))
    st, p1, _ = s.json("/api/events?limit=2")
    st, p2, _ = s.json("/api/people?cursor=" + p1["next"])
    check("a cursor of another list is a 400", st == 400, p2)

    # ---- CSV of lists
    for path, cols in (("/api/events", "id,date,type,place,participants_name,participants_id,parties,languages,n_sources,n_documents"),
                       ("/api/people", "id,name,country,roles_role,roles_org,roles_first_seen,roles_last_seen,events,documents"),
                       ("/api/ties", "type,a,b,since,documents"),
                       (q("/api/search", q="上海"), "doc,lang,published,snippet_before,snippet_match,snippet_after,rank,found"),
                       ("/api/timeline", "month,total,meeting,virtual_meeting,signing,attend,visit"),
                       ("/api/network", "source,target,weight")):
        st, hd, data = s.get(path + ("&" if "?" in path else "?") + "format=csv")
        st2, j, _ = s.json(path)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        n = len(j["items"]) if "items" in j else len(j["edges"])
        check(f"CSV {path}: header, one row per item, text/csv, attachment",
              st == 200 and hd.get("content-type", "").startswith("text/csv") and
              "attachment" in hd.get("content-disposition", "") and ",".join(rows[0]) == cols and
              len(rows) == n + 1 and data.endswith(b"\r\n"), (st, hd, rows[:3]))
    st, hd, data = s.get("/api/events?format=csv&limit=2")
    check("CSV of a page: the next cursor in X-Next-Cursor", st == 200 and hd.get("x-next-cursor"), hd)
    st, hd, data = s.get("/api/events?format=csv&party=Shanghai&party=Vietnam&since=2030")
    check("CSV with no rows: the header alone", st == 200 and data.startswith(b"id,date,") and data.count(b"\r\n") == 1, data)
    rows = list(csv.DictReader(io.StringIO(s.get("/api/events?format=csv")[2].decode("utf-8"), newline="")))
    x = [r for r in rows if "<script>" in r["participants_name"]]
    check("CSV keeps the text as it is (quotes, <script>)", x and x[0]["participants_name"].endswith("Wei Tao <script>alert(1)</script>"), x)

    # ---- errors: 400, 404, 405, 413, never anything internal
    for path, code in (("/api/events?limit=0", "bad_parameter"), ("/api/events?limit=abc", "bad_parameter"),
                       ("/api/events?limit=100000", "bad_parameter"), ("/api/events?bogus=1", "bad_parameter"),
                       ("/api/events?type=party", "bad_parameter"), ("/api/events?since=2024-3", "bad_parameter"),
                       ("/api/events?party=Atlantis", "bad_parameter"), ("/api/events?cursor=!!!", "bad_parameter"),
                       ("/api/events?cursor=WyJ4Il0", "bad_parameter"), ("/api/events?limit=1&limit=2", "bad_parameter"),
                       ("/api/events?month=2023", "bad_parameter"),
                       ("/api/events?format=xml", "bad_parameter"), ("/api/events?lang=EN1", "bad_parameter"),
                       ("/api/events?party=%00", "bad_parameter"), ("/api/events?person=%ff%fe", "bad_parameter"),
                       ("/api/people?role=king", "bad_parameter"), ("/api/people?country=VNM", "bad_parameter"),
                       ("/api/figures?metric=gold", "bad_parameter"), ("/api/ties?type=friends", "bad_parameter"),
                       ("/api/search", "bad_parameter"), ("/api/search?q=%20%20", "bad_parameter"),
                       ("/api/network?limit=0", "bad_parameter"), ("/api/person/chen-jining?format=csv", "bad_parameter"),
                       ("/api/stats?x=1", "bad_parameter")):
        j = error_is("400", s, "GET", path, 400, code)
        if j and (db in j["error"]["message"] or tmp in j["error"]["message"] or "SELECT" in j["error"]["message"]):
            bad(f"400 {path}: the message names a file or SQL", j)
    for path in ("/api/nope", "/api/events/e-0000", "/api/person/nobody-at-all", "/api/place/Atlantis",
                 "/api/documents/no-such-doc", "/nope.html", "/api", "/api/"):
        want = 200 if path in ("/api", "/api/") else 404
        if want == 404:
            error_is("404", s, "GET", path, 404, "not_found")
        else:
            check(f"GET {path} lists the endpoints", s.get(path)[0] == 200)
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        j = error_is("405", s, method, "/api/events", 405, "method_not_allowed", body=b"x=1")
    st, hd, _ = s.request("DELETE", "/api/events")
    check("405 says Allow: GET, HEAD", hd.get("allow") == "GET, HEAD", hd)
    error_is("413 (a large body)", s, "POST", "/api/events", 413, "too_large", body=b"x" * 100000)
    error_is("413 (a large body on GET)", s, "GET", "/api/events", 413, "too_large", body=b"x" * 20000)
    error_is("413 (a long query)", s, "GET", "/api/search?q=" + "a" * 9000, 413, "too_large")
    st, _ = s.raw(b"GET /api/search?q=" + b"a" * 40000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    check("a request line past the header limit is refused (414/431)", st in (413, 414, 431), st)
    st, _ = s.raw(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Big: " + b"b" * 40000 + b"\r\n\r\n")
    check("headers past the limit are refused (413/431)", st in (413, 431), st)
    error_is("Host must name this machine", s, "GET", "/api/stats", 400, "bad_host", headers={"Host": "evil.example"})
    check("Host: localhost:PORT is fine", s.get("/api/stats", headers={"Host": f"localhost:{s.port}"})[0] == 200)
    abuse(s)

    # ---- static files and path traversal
    st, hd, data = s.get("/")
    check("/ is the page: text/html, Content-Security-Policy, nosniff",
          st == 200 and hd.get("content-type") == "text/html; charset=utf-8" and
          "script-src 'self'" in hd.get("content-security-policy", "") and hd.get("x-content-type-options") == "nosniff"
          and b'<script src="/app.js"' in data, hd)
    for path, ctype in (("/index.html", "text/html; charset=utf-8"), ("/app.js", "text/javascript; charset=utf-8"),
                        ("/style.css", "text/css; charset=utf-8"), ("/favicon.svg", "image/svg+xml")):
        st, hd, data = s.get(path)
        check(f"{path}: {ctype}", st == 200 and hd.get("content-type") == ctype and len(data) > 50, (st, hd))
        st2, hd2, data2 = s.get(path, headers={"If-None-Match": hd.get("etag", "")})
        check(f"{path}: ETag, 304 when unchanged", st2 == 304 and not data2, (st2, hd2))
    st, hd, data = s.request("HEAD", "/app.js")
    check("HEAD: headers, no body", st == 200 and not data and hd.get("content-type", "").startswith("text/javascript"), hd)
    for raw in (b"/../etc/passwd", b"/%2e%2e/etc/passwd", b"/%2E%2E/%2E%2E/etc/passwd", b"/..%2f..%2fetc%2fpasswd",
                b"/%2e%2e%2f%2e%2e%2fetc%2fpasswd", b"/%252e%252e/etc/passwd", b"/.%2e/README.md", b"/./index.html",
                b"/web/../../README.md", b"/api/../../etc/passwd", b"//etc/passwd", b"/%c0%ae%c0%ae/etc/passwd",
                b"/..\\..\\etc\\passwd", b"/index.html%00.js", b"/%2fetc%2fpasswd", b"/app.js/..",
                b"/" + b"../" * 20 + b"etc/passwd", b"/src/serve.c", b"/CMakeLists.txt"):
        st, out = s.raw(b"GET " + raw + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        leaked = b"root:" in out or b"cmake_minimum_required" in out or b"#include" in out or b"liaison\n" in out
        check(f"traversal {raw.decode('latin-1')[:50]}: {st}", st in (400, 404) and not leaked, out[:300])

    # ---- keep-alive: many requests on one connection (answered on the handler's second call)
    c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=20)
    statuses = [s.request("GET", "/api/events?limit=5", conn=c) for _ in range(20)]
    check("keep-alive: 20 requests on one connection, none closes it",
          all(x[0] == 200 and x[1].get("connection", "").lower() != "close" for x in statuses), statuses[0][1])
    c.close()

    # ---- read-only: all of the above wrote nothing
    check("the knowledge base is unchanged by serving it", sha(db) == before)

    # ---- an ingest while serving: the answers follow (the memo of events is dropped)
    st, e1, _ = s.json("/api/events?limit=1000")
    xss = [e for e in e1["items"] if any("<script>" in p["name"] for p in e["participants"])]
    with open(os.path.join(SRC, "tests", "serve", "xss-record.jsonl"), encoding="utf-8") as f:
        rec = json.loads(f.readline())
    rec["events"][0]["type"] = "signing"
    ev2 = "On June 20, 2024, Le Anh Quan met Wei Tao in Hai Phong."
    rec2 = {"doc": "kb-xss-02", "lang": "en", "published": "2024-06-21", "text": ev2,
            "persons": [rec["persons"][0]], "figures": [], "relations": [], "fields": [],
            "events": [{"type": "meeting", "date": "2024-06-20", "place": "Hai Phong", "participants": ["Le Anh Quan"],
                        "parties": ["Hai Phong", "Guangxi"], "evidence": ev2}]}
    changed = os.path.join(tmp, "changed.jsonl")
    with open(changed, "w", encoding="utf-8") as f:
        f.write(json.dumps(rec, ensure_ascii=False) + "\n" + json.dumps(rec2, ensure_ascii=False) + "\n")
    ingest(db, changed, records=True)
    st, e2, _ = s.json("/api/events?limit=1000")
    ids1 = {e["id"]: e for e in e1["items"]}
    new = [e for e in e2["items"] if e["id"] not in ids1]
    moved = [e for e in e2["items"] if e["id"] in ids1 and e != ids1[e["id"]]]
    check("after an ingest: the new event is listed", len(e2["items"]) == len(e1["items"]) + 1 and len(new) == 1, new)
    check("after an ingest: the changed event is listed as it is now (not from the memo)",
          xss and any(e["type"] == "signing" for e in moved), (xss, moved))

    # ---- a failure of ours: 500, "internal error", the details in the log only
    import sqlite3
    con = sqlite3.connect(db)
    con.execute("DROP TABLE figure_parties")
    con.commit()
    con.close()
    j = error_is("500", s, "GET", "/api/figures?party=Shanghai", 500, "internal")
    check("500: the message says nothing internal",
          j and j["error"]["message"] == "internal error" and "figure_parties" not in json.dumps(j), j)
    check("after a 500 the server goes on", s.get("/api/stats")[0] == 200)


def one_reply(name, s, data, status, code, within=5.0):
    """data sent raw: exactly one reply, STATUS with a JSON error CODE, within seconds."""
    t0 = time.time()
    st, out = s.raw(data)
    took = time.time() - t0
    head, _, body = out.partition(b"\r\n\r\n")
    try:
        j = json.loads(body.decode("utf-8"))
    except ValueError:
        j = None
    lines = re.findall(rb"(?:^|\r\n)HTTP/1\.[01] \d{3} ", out)
    good = st == status and len(lines) == 1 and isinstance(j, dict) and \
        j.get("error", {}).get("code") == code and took < within
    check(f"{name}: one reply, {status} {code}, in {took:.2f} s", good, out[:600])


def abuse(s):
    """Requests made to hurt: each gets one clear answer at once."""
    host = b"Host: 127.0.0.1\r\n"
    # a few hundred parameters used to exhaust libmicrohttpd's memory pool: no reply for 30 s
    one_reply("500 parameters in a 1 KB query", s,
              b"GET /api/stats?" + b"&".join([b"a"] * 500) + b" HTTP/1.1\r\n" + host + b"\r\n", 400, "bad_parameter")
    one_reply("3000 parameters", s,
              b"GET /api/events?" + b"&".join([b"x=1"] * 3000) + b" HTTP/1.1\r\n" + host + b"\r\n", 400, "bad_parameter")
    one_reply("65 parameters", s,
              b"GET /api/events?" + b"&".join([b"limit=1"] * 65) + b" HTTP/1.1\r\n" + host + b"\r\n", 400, "bad_parameter")
    one_reply("a long query of many parameters", s,
              b"GET /api/events?" + b"&".join([b"q=" + b"z" * 300] * 60) + b" HTTP/1.1\r\n" + host + b"\r\n",
              413, "too_large")
    one_reply("a long path with a query of 64 parameters", s,
              b"GET /api/" + b"p" * 22000 + b"?" + b"&".join([b"x" * 100 + b"=1"] * 64) + b" HTTP/1.1\r\n" + host +
              b"\r\n", 413, "too_large")
    # a Content-Length libmicrohttpd cannot read: its refusal came with two status lines
    for cl, status, code in ((b"-1", 400, "bad_request"), (b"abc", 400, "bad_request"),
                             (b"99999999999999999999999", 413, "too_large")):
        one_reply(f"Content-Length: {cl.decode()}", s,
                  b"GET /api/stats HTTP/1.1\r\n" + host + b"Content-Length: " + cl + b"\r\n\r\n", status, code)
    # the Host header: one, and needed in HTTP/1.1
    one_reply("two Host headers (the second elsewhere)", s,
              b"GET /api/stats HTTP/1.1\r\n" + host + b"Host: evil.example\r\n\r\n", 400, "bad_host")
    one_reply("two Host headers (both fine)", s,
              b"GET /api/stats HTTP/1.1\r\n" + host + host + b"\r\n", 400, "bad_host")
    one_reply("HTTP/1.1 without Host", s, b"GET /api/stats HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "bad_host")
    st, out = s.raw(b"GET /api/stats HTTP/1.0\r\n\r\n")
    check("HTTP/1.0 without Host is served", st == 200, out[:300])
    # the server goes on serving after all that
    check("after the abuse the server answers", s.get("/api/stats")[0] == 200)


def slow_clients(db):
    """Slowloris: many connections from one address, each sending a header line now and
    then, neither shut the others out (a limit per address) nor last past the deadline
    for a request's line and headers (counted from the first byte, not the last)."""
    s = Server(db, "--max-per-address", "8", "--header-timeout", "2")

    def from_other(data):
        """data sent from another loopback address (127.0.0.2): all it gets until closed."""
        with socket.create_connection(("127.0.0.1", s.port), timeout=5, source_address=("127.0.0.2", 0)) as c:
            c.sendall(data)
            out = b""
            while True:
                chunk = c.recv(65536)
                if not chunk:
                    return out
                out += chunk

    slow = []
    try:
        for _ in range(60):
            c = socket.socket()
            c.settimeout(5)
            try:
                c.connect(("127.0.0.1", s.port))
                c.sendall(b"GET /api/stats HTTP/1.1\r\n")
            except OSError:
                pass
            slow.append(c)
        time.sleep(0.3)
        # another client, from another loopback address: served at once
        t0 = time.time()
        out = from_other(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        took = time.time() - t0
        check(f"60 slow connections from 127.0.0.1 (8 allowed): a client from 127.0.0.2 is served in {took:.3f} s",
              out.startswith(b"HTTP/1.1 200") and took < 1.0, out[:200])
        # a Content-Length libmicrohttpd cannot read, while slow clients are reading their headers
        for cl in (b"-1", b"x"):
            out = from_other(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + cl + b"\r\n\r\n")
            lines = re.findall(rb"(?:^|\r\n)HTTP/1\.[01] \d{3} ", out)
            check(f"Content-Length: {cl.decode()} among slow clients: one reply, 400",
                  len(lines) == 1 and out.startswith(b"HTTP/1.1 400") and b'"bad_request"' in out, out[:400])
        # the slow ones keep sending a header line every 0.25 s: all closed by the deadline
        t0 = time.time()
        open_ = set(range(len(slow)))
        while open_ and time.time() - t0 < 6:
            for i in list(open_):
                try:
                    slow[i].sendall(b"X-Slow: 1\r\n")
                    slow[i].settimeout(0.001)
                    if slow[i].recv(1) == b"":
                        open_.discard(i)
                except socket.timeout:
                    pass
                except OSError:
                    open_.discard(i)
            time.sleep(0.25)
        took = time.time() - t0
        check(f"slow connections sending a byte now and then: all closed, in {took:.1f} s (deadline 2 s)",
              not open_ and took < 4.5, f"{len(open_)} still open")
        st = s.get("/api/stats")[0]
        check("after them, 127.0.0.1 is served again", st == 200, st)
    finally:
        for c in slow:
            c.close()
        rc, err = s.stop()
    check("the log says why the slow connections were closed",
          "no complete request line and headers in 2 s" in err, err[-2000:])
    check("the log is not flooded: libmicrohttpd's messages at most 20 a second, the rest counted",
          re.search(r"^liaison: serve: http: \d+ more messages not shown \(at most 20 a second\)$", err, re.M) and
          len(re.findall(r"^liaison: serve: http: ", err, re.M)) < 100, err[-2000:])


def samples(s):
    st, r, _ = s.json(q("/api/search", q="上海"))
    check("samples: 上海 finds Chinese documents, 上海 marked",
          st == 200 and any(x["lang"] == "zh" and x["snippet"]["match"] == "上海" for x in r["items"]), r)
    st, r, _ = s.json(q("/api/search", q="Thuong Hai"))
    check("samples: 'Thuong Hai' finds Thượng Hải in the Vietnamese forum story",
          st == 200 and any(x["doc"] == "vi-hcmc-shanghai-forum" and x["snippet"]["match"] == "Thượng Hải" for x in r["items"]), r)
    st, r, _ = s.json(q("/api/search", q="thượng hải"))
    check("samples: with diacritics too", st == 200 and any(x["doc"] == "vi-hcmc-shanghai-forum" for x in r["items"]), r)
    st, d, _ = s.json("/api/documents/xss-article")
    check("samples: the <script> article is stored and given back as text",
          st == 200 and "<script>alert(1)</script>" in d["text"] and '"><img src=x onerror=alert(1)>' in d["text"], d)
    st, r, _ = s.json(q("/api/events", party=["Jiangsu", "Vietnam"]))
    good = False
    for e in r.get("items", []):
        st, ev, _ = s.json("/api/events/" + urllib.parse.quote(e["id"], safe=""))
        if {"en-jiangsu-consul", "zh-jiangsu-consul"} <= {x["doc"] for x in ev["sources"]}:
            good = all(x["chars"] for x in ev["sources"])
    check("samples: the Jiangsu meeting is one event with its English and Chinese sources, with offsets", good, r)
    st, t, _ = s.json("/api/timeline")
    check("samples: a timeline of months", st == 200 and t["items"] and all(re.fullmatch(r"\d{4}-\d{2}", m["month"]) for m in t["items"]), t)
    st, n, _ = s.json("/api/network?limit=20")
    ids = {x["id"] for x in n.get("nodes", [])}
    check("samples: a network of people and places, edges between its nodes",
          st == 200 and any(x["kind"] == "person" for x in n["nodes"]) and any(x["kind"] == "place" for x in n["nodes"])
          and all(e["source"] in ids and e["target"] in ids and e["weight"] >= 1 for e in n["edges"]), n)


if __name__ == "__main__":
    main()
