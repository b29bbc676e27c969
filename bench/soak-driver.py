#!/usr/bin/env python3
"""soak-driver.py — the load of bench/soak.sh (read that first), against a running
`liaison serve` on 127.0.0.1: API clients, slow clients, ingests, memory samples.
Every loop is bounded by the deadline and by a count.  Python 3 standard library only.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

HOST = "127.0.0.1"

# (weight, path, statuses expected)
API = [
    (10, "/api/stats", {200}),
    (10, "/api/events?limit=50", {200}),
    (4, "/api/events?party=Shanghai&limit=20", {200}),
    (3, "/api/events?party=HCMC&party=%E4%B8%8A%E6%B5%B7", {200}),
    (3, "/api/events?since=2024-01&format=csv", {200}),
    (4, "/api/people?limit=50", {200}),
    (3, "/api/places", {200}),
    (2, "/api/ties", {200}),
    (2, "/api/figures", {200}),
    (4, "/api/search?q=Shanghai", {200}),
    (2, "/api/search?q=%E4%B8%8A%E6%B5%B7", {200}),
    (3, "/api/timeline", {200}),
    (2, "/api/network?limit=50", {200}),
    (2, "/api/person/nobody-at-all", {404}),
    (2, "/api/events?limit=abc", {400}),
    (2, "/app.js", {200}),
    (1, "/", {200}),
]
WALK = 5  # weight of a walk over pages (next cursors, at most 5 pages)

# requests made to hurt, each on a connection of its own: (name, bytes, status expected)
ABUSE = [
    ("500 parameters", b"GET /api/stats?" + b"&".join([b"a"] * 500) + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400),
    ("Content-Length: -1", b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n", 400),
    ("two Host headers", b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n", 400),
    ("no Host", b"GET /api/stats HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
    ("traversal", b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 400),
    ("a large body", b"POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n", 413),
]
ABUSE_EVERY = 50  # one request made to hurt every this many requests of a client


class Stats:
    def __init__(self):
        self.mu = threading.Lock()
        self.lat = []            # seconds, API requests
        self.requests = 0
        self.errors = {}         # description -> count
        self.abuse = 0
        self.slow_opened = 0
        self.slow_closed = 0     # by the server
        self.slow_life = []      # seconds a slow connection lasted
        self.ingests = []        # (seconds, rc)
        self.samples = []        # (t, rss_kb, anon_kb, documents)

    def error(self, what):
        with self.mu:
            self.errors[what] = self.errors.get(what, 0) + 1


def get(conn, path):
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    return r.status, body, r.getheader("Connection", "")


def raw(data, timeout=10):
    with socket.create_connection((HOST, PORT), timeout=timeout) as s:
        s.sendall(data)
        out = b""
        while len(out) < 1 << 20:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            out += chunk
    try:
        return int(out.split(b" ", 2)[1]), out
    except (IndexError, ValueError):
        return 0, out


def client(n, st, deadline, interval, limit):
    rnd = random.Random(n)
    weights = [w for w, _, _ in API] + [WALK]
    conn = None
    nxt = last = time.monotonic()
    for i in range(limit):
        now = time.monotonic()
        if now >= deadline:
            break
        if nxt > now:
            time.sleep(min(nxt - now, deadline - now))
        nxt += interval
        if i % ABUSE_EVERY == ABUSE_EVERY - 1:
            name, data, want = ABUSE[(i // ABUSE_EVERY + n) % len(ABUSE)]
            try:
                t0 = time.monotonic()
                status, out = raw(data)
                if time.monotonic() - t0 > 2:
                    st.error(f"{name}: answered in {time.monotonic() - t0:.1f} s")
                lines = len(re.findall(rb"(?:^|\r\n)HTTP/1\.[01] \d{3} ", out))
                if status != want or lines != 1:
                    st.error(f"{name}: {status}, {lines} status lines")
            except OSError as e:
                st.error(f"{name}: {type(e).__name__}")
            with st.mu:
                st.abuse += 1
            continue
        k = rnd.choices(range(len(weights)), weights)[0]
        t0 = time.monotonic()
        path = "/api/events?limit=10"
        try:
            if conn is None:
                conn = http.client.HTTPConnection(HOST, PORT, timeout=10)
                last = t0
            if k == len(API):  # a walk over pages
                for _ in range(5):
                    status, body, _ = get(conn, path)
                    if status != 200:
                        st.error(f"walk {path[:40]}: {status}")
                        break
                    cur = json.loads(body).get("next")
                    if not cur:
                        break
                    path = "/api/events?limit=10&cursor=" + cur
            else:
                _, path, want = API[k]
                status, body, connhdr = get(conn, path)
                if status not in want:
                    st.error(f"{path}: {status}")
                if connhdr.lower() == "close":
                    conn.close()
                    conn = None
        except (OSError, http.client.HTTPException) as e:
            st.error(f"{type(e).__name__} ({path[:40]}, {t0 - last:.1f} s after the previous request on it)")
            if conn:
                conn.close()
            conn = None
            continue
        last = time.monotonic()
        with st.mu:
            st.lat.append(last - t0)
            st.requests += 1
    if conn:
        conn.close()


def slow_clients(count, st, deadline, header_timeout):
    """count connections from 127.0.0.3, a header line every 2 s each; reopened when the
    server closes them.  At most count * (deadline / header_timeout + 2) openings."""
    socks = [None] * count
    opened_at = [0.0] * count
    budget = int(count * ((deadline - time.monotonic()) / max(header_timeout, 1) + 2))
    while time.monotonic() < deadline and budget > 0:
        for i in range(count):
            s = socks[i]
            if s is not None:
                try:
                    s.setblocking(False)
                    try:
                        gone = s.recv(4096) == b""
                    except BlockingIOError:
                        gone = False
                    if not gone:
                        s.setblocking(True)
                        s.settimeout(2)
                        s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    gone = True
                if gone:
                    with st.mu:
                        st.slow_closed += 1
                        st.slow_life.append(time.monotonic() - opened_at[i])
                    s.close()
                    socks[i] = s = None
            if s is None and budget > 0:
                budget -= 1
                try:
                    s = socket.create_connection((HOST, PORT), timeout=2, source_address=("127.0.0.3", 0))
                    s.sendall(b"GET /api/stats HTTP/1.1\r\n")
                    socks[i] = s
                    opened_at[i] = time.monotonic()
                    with st.mu:
                        st.slow_opened += 1
                except OSError:
                    pass
        time.sleep(min(2.0, max(0.0, deadline - time.monotonic())))
    for s in socks:
        if s:
            s.close()


def ingests(args, st, deadline):
    k = 0
    nxt = time.monotonic() + args.ingest_every
    while k < 10000:
        if nxt >= deadline:
            break
        time.sleep(max(0.0, nxt - time.monotonic()))
        nxt += args.ingest_every
        k += 1
        d = os.path.join(args.work, f"batch-{k}")
        subprocess.run([sys.executable, args.gen, "--mb", "0.3", "--lang", "mixed", "--seed", str(1000 + k),
                        "--out", d, "-q"], check=False, timeout=120)
        t0 = time.monotonic()
        try:
            r = subprocess.run([args.bin, "ingest", "-q", "--db", args.db, d], capture_output=True, timeout=600)
            rc = r.returncode
        except subprocess.TimeoutExpired:
            rc = -1
        with st.mu:
            st.ingests.append((time.monotonic() - t0, rc))
        if rc != 0:
            st.error(f"ingest exit {rc}")
        shutil.rmtree(d, ignore_errors=True)


def memory(pid):
    rss = anon = 0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("RssAnon:"):
                    anon = int(line.split()[1])
    except OSError:
        pass
    return rss, anon


def sampler(args, st, start, deadline):
    conn = None
    while True:
        t = time.monotonic() - start
        rss, anon = memory(args.pid)
        docs = -1
        try:
            conn = conn or http.client.HTTPConnection(HOST, PORT, timeout=10)
            status, body, _ = get(conn, "/api/stats")
            if status == 200:
                docs = json.loads(body)["documents"]
        except (OSError, http.client.HTTPException, ValueError, KeyError):
            conn = None
        with st.mu:
            st.samples.append((t, rss, anon, docs))
            n, e = st.requests, sum(st.errors.values())
        print(f"  t={t:6.0f}s  rss {rss / 1024:7.1f} MB  anon {anon / 1024:7.1f} MB  "
              f"documents {docs:6d}  requests {n:8d}  errors {e}", flush=True)
        if time.monotonic() >= deadline:
            break
        time.sleep(max(0.0, min(args.sample_every, deadline - time.monotonic())))
    if conn:
        conn.close()


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))]


def main():
    global PORT
    ap = argparse.ArgumentParser()
    for a in ("bin", "db", "gen", "work"):
        ap.add_argument("--" + a, required=True)
    for a in ("port", "pid", "seconds", "clients", "rate", "slow", "ingest-every", "sample-every", "header-timeout"):
        ap.add_argument("--" + a, type=int, required=True)
    args = ap.parse_args()
    PORT = args.port
    st = Stats()
    start = time.monotonic()
    deadline = start + args.seconds
    interval = args.clients / max(args.rate, 1)
    limit = int(args.seconds / interval) + 1
    threads = [threading.Thread(target=client, args=(n, st, deadline, interval, limit)) for n in range(args.clients)]
    threads.append(threading.Thread(target=slow_clients, args=(args.slow, st, deadline, args.header_timeout)))
    threads.append(threading.Thread(target=ingests, args=(args, st, deadline)))
    for t in threads:
        t.start()
    sampler(args, st, start, deadline)
    for t in threads:
        t.join(timeout=700)

    took = time.monotonic() - start
    ok = True
    print(f"requests: {st.requests} API ({st.requests / took:.0f}/s) and {st.abuse} made to hurt; "
          f"errors: {sum(st.errors.values())}")
    for what, n in sorted(st.errors.items(), key=lambda x: -x[1])[:10]:
        print(f"  {n:6d}  {what}")
    if st.errors:
        ok = False
    ms = [x * 1000 for x in st.lat]
    print(f"latency (ms): p50 {pct(ms, 50):.1f}  p90 {pct(ms, 90):.1f}  p99 {pct(ms, 99):.1f}  "
          f"max {max(ms) if ms else float('nan'):.1f}")
    life = st.slow_life
    print(f"slow clients: {st.slow_opened} connections opened, {st.slow_closed} closed by the server"
          + (f" after {min(life):.1f} to {max(life):.1f} s (--header-timeout {args.header_timeout})" if life else ""))
    if life and max(life) > args.header_timeout + 3:
        print("  FAIL a slow connection outlived the header deadline")
        ok = False
    print(f"ingests: {len(st.ingests)}, {sum(1 for _, rc in st.ingests if rc)} failed"
          + (f", {min(t for t, _ in st.ingests):.1f} to {max(t for t, _ in st.ingests):.1f} s each" if st.ingests else ""))
    s = [x for x in st.samples if x[2] > 0]
    if len(s) >= 3:
        mid = s[len(s) // 2]
        last = s[-1]
        peak = max(x[2] for x in s)
        flat = last[2] <= mid[2] * 1.25 + 16 * 1024
        print(f"memory: RssAnon {s[0][2] / 1024:.1f} MB at start, {mid[2] / 1024:.1f} at half time, "
              f"{last[2] / 1024:.1f} at the end (peak {peak / 1024:.1f}); VmRSS {s[0][1] / 1024:.1f} -> "
              f"{last[1] / 1024:.1f} MB; {'flat' if flat else 'FAIL growing'} over the second half")
        ok = ok and flat
    else:
        print("memory: too few samples to judge")
    print("soak: " + ("OK" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
