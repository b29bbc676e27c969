#!/usr/bin/env bash
# test_crash.sh — a killed ingest loses nothing and duplicates nothing.
#
#   tests/test_crash.sh [LIAISON [SOURCE_DIR [PYTHON]]]
#
# Generates a corpus with bench/gen-corpus.py (about 600 documents), ingests it
# once without interruption into A.  Then ingests it into B and kills that
# ingest with SIGKILL in the middle, twice (once early, once later), each time
# checking that B opens and passes PRAGMA integrity_check and the full-text
# index's integrity check; then runs the ingest into B to the end.  A and B
# must hold exactly the same content: tests/kb_dump.py dumps every table (the
# full-text index's own included), every row, ordered by all its columns.
set -uo pipefail

src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
bin=${1:-$src/build/liaison}
py=${3:-python3}
dump=("$py" "$src/tests/kb_dump.py")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 checks=0
ok() { checks=$((checks + 1)); echo "ok   $1"; }
bad() {
    checks=$((checks + 1)) fails=$((fails + 1))
    echo "FAIL $1"
    shift
    for f in "$@"; do [ -s "$f" ] && sed 's/^/     | /' "$f" | head -n 20; done
}

[ -x "$bin" ] || { echo "test_crash: no executable $bin (build first)" >&2; exit 2; }

# Chinese and Vietnamese articles (the store does not care which language)
for l in zh vi; do
    "$py" "$src/bench/gen-corpus.py" --mb 1.5 --lang "$l" --seed 5 --out "$tmp/corpus/$l" > /dev/null 2>&1 \
        || { echo "test_crash: gen-corpus.py failed" >&2; exit 2; }
done
total=$(find "$tmp/corpus" -name '*.txt' | wc -l)
# one worker: slow enough that a loaded machine still polls the count before the end
ingest=(ingest --quiet --batch 25 --jobs 1)

if "$bin" "${ingest[@]}" --db "$tmp/a.db" "$tmp/corpus" 2> "$tmp/err"; then ok "uninterrupted ingest of $total documents"
else bad "uninterrupted ingest" "$tmp/err"; fi

count() { # documents committed in a database, read while another process writes it
    "$py" -c "import sqlite3, sys
try:
    print(sqlite3.connect(sys.argv[1], timeout=5).execute('SELECT count(*) FROM documents').fetchone()[0])
except sqlite3.Error:
    print(0)" "$1" 2> /dev/null || echo 0
}

# kill_at N: starts the ingest into B, SIGKILLs it once N documents are committed
kill_at() {
    local want=$1 n=0
    "$bin" "${ingest[@]}" --db "$tmp/b.db" "$tmp/corpus" 2> /dev/null &
    local pid=$!
    while kill -0 "$pid" 2> /dev/null; do
        n=$(count "$tmp/b.db")
        [ "$n" -ge "$want" ] && break
        sleep 0.02
    done
    if kill -9 "$pid" 2> /dev/null; then
        wait "$pid" 2> /dev/null
        ok "ingest killed with SIGKILL after $n committed documents (of $total)"
    else
        wait "$pid" 2> /dev/null
        bad "the ingest ended before it could be killed at $want documents (a faster machine? more documents)"
    fi
    if "${dump[@]}" "$tmp/b.db" --check > /dev/null 2> "$tmp/err"; then
        ok "after the kill: the database opens and passes its integrity checks"
    else
        bad "after the kill: integrity" "$tmp/err"
    fi
}

kill_at 50
kill_at $((total / 2))

if "$bin" "${ingest[@]}" --db "$tmp/b.db" "$tmp/corpus" 2> "$tmp/err"; then ok "ingest run again to the end"
else bad "ingest run again" "$tmp/err"; fi

"${dump[@]}" "$tmp/a.db" > "$tmp/a.dump"
"${dump[@]}" "$tmp/b.db" > "$tmp/b.dump"
if cmp -s "$tmp/a.dump" "$tmp/b.dump"; then
    ok "killed and completed = uninterrupted: identical content ($(wc -l < "$tmp/a.dump") dump lines)"
else
    diff "$tmp/a.dump" "$tmp/b.dump" | head -n 20 > "$tmp/diff"
    bad "killed and completed differs from uninterrupted" "$tmp/diff"
fi
n=$(count "$tmp/b.db")
[ "$n" -eq "$total" ] && ok "every document stored once ($n)" || bad "$n documents stored, want $total"

# ingests started together on a new knowledge base: each waits for the other's
# schema migration (it used to be made twice: "table meta already exists"), and
# the base holds what one ingest gives
"$bin" ingest --quiet --db "$tmp/one.db" "$src/samples" 2> "$tmp/err" || bad "one ingest of samples/" "$tmp/err"
"$bin" export --format json --db "$tmp/one.db" --out "$tmp/one" > /dev/null 2> "$tmp/err" || bad "export of one ingest" "$tmp/err"
for round in 1 2 3; do
    pids=()
    for i in 1 2 3 4; do
        "$bin" ingest --quiet --db "$tmp/together$round.db" "$src/samples" 2> "$tmp/err$round-$i" &
        pids+=($!)
    done
    failed=0
    for i in 1 2 3 4; do wait "${pids[$((i - 1))]}" || failed=$((failed + 1)); done
    if [ "$failed" -eq 0 ]; then ok "4 ingests started together on a new base (round $round): all succeed"
    else bad "4 ingests started together on a new base (round $round): $failed failed" "$tmp/err$round-"*; fi
    "$bin" export --format json --db "$tmp/together$round.db" --out "$tmp/together$round" > /dev/null 2> "$tmp/err"
    if [ -s "$tmp/together$round/documents.jsonl" ] && diff -r "$tmp/one" "$tmp/together$round" > "$tmp/diff"; then
        ok "... and the base is that of one ingest (export --format json: $(cat "$tmp/one"/*.jsonl | wc -l) lines)"
    else bad "... the base differs from one ingest's" "$tmp/diff" "$tmp/err"; fi
done

echo "test_crash: $((checks - fails)) of $checks checks passed"
[ "$fails" -eq 0 ]
