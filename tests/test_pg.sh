#!/usr/bin/env bash
# tests/test_pg.sh — the knowledge base on PostgreSQL gives what it gives on
# SQLite: the same input ingested into both, then every export and query
# command run on each, their outputs compared byte for byte.  The server is a
# real PostgreSQL 15 started for the test (tests/pg.sh: initdb into a temporary
# folder as an unprivileged user, a Unix socket only) and stopped after it.
#
#   tests/test_pg.sh LIAISON SRCDIR [CORPUS_DIR...]
#
# The inputs: the record fixtures of tests/kb, the samples/, and each
# CORPUS_DIR given (the shared corpus and heldout1 when they are there).
# Exit 0 all same; 1 a difference; 77 (skipped) without PostgreSQL 15.
set -uo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
shift 2
. "$src/tests/assert.sh"
. "$src/tests/pg.sh"

pg_start
rc=$?
if [ "$rc" = 2 ]; then
    echo "skipped: no PostgreSQL 15 in $PG_BIN"
    exit 77
fi
[ "$rc" = 0 ] || { echo "FAIL: cannot start PostgreSQL"; exit 1; }
tmp="$PG_DIR/work"
mkdir -p "$tmp"
[ "$(id -u)" = 0 ] && chmod 777 "$tmp"

# cmp NAME ARGS...: a command's output and exit status on SQLite and on PostgreSQL
cmp_out() {
    local name=$1
    shift
    "$bin" "$@" --db "$tmp/kb.db" > "$tmp/s.out" 2> "$tmp/s.err"
    local rs=$?
    "$bin" "$@" --db "$uri" > "$tmp/p.out" 2> "$tmp/p.err"
    local rp=$?
    if [ "$rs" != "$rp" ]; then
        bad "$name: exit $rs on SQLite, $rp on PostgreSQL" "$tmp/p.err"
    elif [ -n "${sorted:-}" ] && cmp -s <(sort "$tmp/s.out") <(sort "$tmp/p.out"); then
        ok "$name ($(wc -l < "$tmp/s.out") lines)"
    elif cmp -s "$tmp/s.out" "$tmp/p.out"; then
        ok "$name ($(wc -l < "$tmp/s.out") lines)"
    else
        diff "$tmp/s.out" "$tmp/p.out" | head -10 > "$tmp/d"
        bad "$name: outputs differ" "$tmp/d"
    fi
}

round=0
check_all() {
    round=$((round + 1))
    uri="postgresql:///kb$round?host=$PG_DIR&user=liaison"
    pg_as "$PG_BIN/createdb" -h "$PG_DIR" -U liaison "kb$round" || { bad "createdb"; return; }
    rm -f "$tmp"/kb.db*
    "$bin" ingest --quiet "$@" --db "$tmp/kb.db" > /dev/null 2> "$tmp/s.err" || bad "ingest on SQLite" "$tmp/s.err"
    "$bin" ingest --quiet "$@" --db "$uri" > /dev/null 2> "$tmp/p.err" || bad "ingest on PostgreSQL" "$tmp/p.err"
    for f in csv json; do
        rm -rf "$tmp/xs" "$tmp/xp"
        "$bin" export --format $f --db "$tmp/kb.db" --out "$tmp/xs" 2> "$tmp/s.err"
        "$bin" export --format $f --db "$uri" --out "$tmp/xp" 2> "$tmp/p.err"
        if diff -r "$tmp/xs" "$tmp/xp" > "$tmp/d"; then ok "export $f"; else bad "export $f differs" "$tmp/d"; fi
    done
    cmp_out "export tsv" export --format tsv
    cmp_out "export graphml" export --format graphml
    for fmt in table csv json; do
        cmp_out "events ($fmt)" events --format $fmt --sources
        cmp_out "people ($fmt)" people --format $fmt
        cmp_out "ties ($fmt)" ties --format $fmt --sources
        cmp_out "figures ($fmt)" figures --format $fmt
        cmp_out "commitments ($fmt)" commitments --format $fmt
    done
    cmp_out "events --type signing" events --type signing --format csv
    cmp_out "events --since 2024-03 --until 2024" events --since 2024-03 --until 2024 --format csv
    cmp_out "events --party Yunnan" events --party "Vân Nam" --format csv
    cmp_out "events --limit 2" events --limit 2 --format csv
    cmp_out "people --country vn" people --country vn --format csv
    cmp_out "people --role 'vice chairman'" people --role "vice chairman" --format csv
    cmp_out "figures --metric trade" figures --metric trade --format csv
    cmp_out "timeline HCMC / 上海" timeline --between HCMC --and 上海 --format csv
    cmp_out "timeline Quang Ninh / Guangxi" timeline --between "Quang Ninh" --and Guangxi --format json
    cmp_out "commitments --open" commitments --open --format csv
    # every person by id
    "$bin" people --format csv --db "$tmp/kb.db" 2> /dev/null | tail -n +2 | cut -d, -f1 | head -40 > "$tmp/ids"
    while read -r id; do
        cmp_out "person $id" person "$id" --format json --sources
    done < "$tmp/ids"
    # search: the same documents and snippets; their order may differ where
    # ranks differ (FTS5's bm25 on SQLite, ts_rank on PostgreSQL): compared sorted
    for q in "Thuong Hai" 上海 "Da Nang" "trade" "Lao Cai" "hợp tác" zzyzx; do
        sorted=1 cmp_out "search '$q' (as sets)" search "$q" --format csv
    done
    LIAISON_DB=$uri "$bin" events --format csv > "$tmp/p.out" 2>&1
    "$bin" events --format csv --db "$uri" > "$tmp/s.out" 2>&1
    same "LIAISON_DB selects the base" "$tmp/s.out" "$tmp/p.out"
}

check_all --records "$src/tests/kb/records.jsonl"
check_all "$src/samples"
for d in "$@"; do
    [ -d "$d" ] && check_all "$d"
done
pg_stop
echo "$checks checks, $fails failed"
[ "$fails" -eq 0 ]
