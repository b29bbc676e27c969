#!/usr/bin/python3
"""Run `liaison extract --json` over shards of a corpus on a Dask cluster.

    extract_shards.py [--scheduler ADDR | --workers N] [--liaison PATH] [--out FILE]
                      [--db DB] [--jobs-per-shard N] SHARD|DIR ...

Each shard (a WARC archive .warc/.warc.gz, a JSON Lines file .jsonl, a feed .xml/.rss/
.atom, a web page .html/.htm, or a text file .txt; folders are searched recursively, in
sorted order, as `liaison extract` searches them) is one Dask task: the task pipes the
shard through `liaison extract --json` on whichever worker runs it and returns the records.
The driver writes them to --out in shard order, so the file is byte-identical to one
`liaison extract --json [--text]` run over the same shards on one machine, whatever the number of
workers and the order in which tasks finish. With --db, the records are then stored with
`liaison ingest --records --db DB` (a SQLite file or, where the build supports it, a
database URI).

The workers run the command themselves: the liaison binary, its data/ folder and the
shards must be at the same paths on every worker (a shared file system, as for Hadoop
Streaming or Spark's RDD.pipe; see README.md beside this file).

--scheduler ADDR   an existing Dask scheduler (tcp://host:8786); by default a
                   LocalCluster of --workers processes (default 2) is started and stopped
--liaison PATH     the liaison binary (default: build/liaison of this repository)
--out FILE         the records (default: standard output); written to FILE.part, then
                   renamed, so a failed run never leaves a half-written FILE
--jobs-per-shard N threads of each extract (default 1: one task per core)
--text             records with the document's text, URL and input file (extract --text),
                   so that the knowledge base holds the same documents as `liaison ingest`
                   of the shards would store; implied by --db

Exit status: 0 all shards read; 1 some input was bad (as `liaison extract`: the records
of the rest are written, the errors are printed with the shard's name); 2 usage error or
a task that failed (no output written).
"""

import argparse
import os
import subprocess
import sys

SHARD_ENDINGS = (".warc", ".warc.gz", ".jsonl", ".xml", ".rss", ".atom",
                 ".html", ".htm", ".txt")


def find_shards(args):
    shards = []
    for a in args:
        if os.path.isdir(a):
            found = []
            for root, dirs, files in os.walk(a):
                dirs.sort()
                for f in files:
                    if f.endswith(SHARD_ENDINGS):
                        found.append(os.path.join(root, f))
            shards.extend(sorted(found))
        elif os.path.isfile(a):
            shards.append(a)
        else:
            raise SystemExit(f"extract_shards: {a}: no such file or folder")
    return [os.path.abspath(s) for s in shards]


def extract_shard(liaison, shard, jobs, text):
    """One task: the records of one shard, with the exit status and the messages."""
    cmd = [liaison, "extract", "--json", "--jobs", str(jobs)] + (["--text"] if text else [])
    p = subprocess.run(cmd + [shard],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    return shard, p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scheduler")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--liaison", default=os.path.join(here, "..", "..", "build", "liaison"))
    ap.add_argument("--out")
    ap.add_argument("--db")
    ap.add_argument("--jobs-per-shard", type=int, default=1)
    ap.add_argument("--text", action="store_true")
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    liaison = os.path.abspath(a.liaison)
    if not os.access(liaison, os.X_OK):
        print(f"extract_shards: {liaison}: not an executable liaison binary", file=sys.stderr)
        return 2
    if a.db and not a.out:
        print("extract_shards: --db needs --out (the records ingest reads)", file=sys.stderr)
        return 2
    shards = find_shards(a.inputs)
    if not shards:
        print("extract_shards: no shards found", file=sys.stderr)
        return 2

    from dask.distributed import Client, LocalCluster

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    status = 0
    try:
        futures = [client.submit(extract_shard, liaison, s, a.jobs_per_shard, a.text or bool(a.db),
                             pure=False)
                   for s in shards]
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    for shard, rc, _, err in results:
        if err:
            sys.stderr.write(err if err.endswith("\n") else err + "\n")
        if rc > 1:
            print(f"extract_shards: {shard}: liaison extract failed (exit {rc})", file=sys.stderr)
            return 2
        status = max(status, rc)

    if a.out:
        part = a.out + ".part"
        with open(part, "wb") as f:
            for _, _, records, _ in results:
                f.write(records)
        os.replace(part, a.out)
    else:
        for _, _, records, _ in results:
            sys.stdout.buffer.write(records)
        sys.stdout.flush()

    if a.db:
        p = subprocess.run([liaison, "ingest", "--records", "--quiet", "--db", a.db, a.out],
                           check=False)
        if p.returncode > 1:
            print(f"extract_shards: liaison ingest failed (exit {p.returncode})", file=sys.stderr)
            return 2
        status = max(status, p.returncode)
    print(f"extract_shards: {len(shards)} shards, {len(results)} tasks done", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
