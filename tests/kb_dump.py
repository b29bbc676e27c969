#!/usr/bin/env python3
"""Canonical dump of a liaison knowledge base, for comparing two of them.

    tests/kb_dump.py DB [--check]

Writes every table of DB (all of them, the full-text index's own tables
included), each row as JSON, rows ordered by all their columns, plus the
schema version, to standard output.  Two databases hold the same content
exactly when their dumps are equal.  --check first runs PRAGMA
integrity_check and the full-text index's own integrity check, and exits 1
when either fails.  Python 3's standard library only.
"""
import json
import sqlite3
import sys


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    # read-write: opening a WAL database after a crash recovers its journal
    db = sqlite3.connect("file:%s?mode=rw" % argv[0], uri=True)
    if "--check" in argv[1:]:
        ok = db.execute("PRAGMA integrity_check").fetchall()
        if ok != [("ok",)]:
            print("integrity_check: %r" % ok, file=sys.stderr)
            return 1
        try:
            db.execute("INSERT INTO doc_fts(doc_fts) VALUES('integrity-check')")
        except sqlite3.DatabaseError as e:
            print("doc_fts integrity-check: %s" % e, file=sys.stderr)
            return 1
    out = sys.stdout
    out.write("user_version %d\n" % db.execute("PRAGMA user_version").fetchone()[0])
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for t in tables:
        cols = [r[1] for r in db.execute("PRAGMA table_info(%s)" % t)]
        if t == "doc_fts":  # the virtual table: its rows as the index holds them
            cols = ["rowid"] + cols
        order = ", ".join('"%s"' % c if c != "rowid" else "rowid" for c in cols)
        out.write("table %s (%s)\n" % (t, ", ".join(cols)))
        for row in db.execute('SELECT %s FROM "%s" ORDER BY %s' % (order, t, order)):
            out.write(json.dumps([v.hex() if isinstance(v, bytes) else v for v in row],
                                 ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
