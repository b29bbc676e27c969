#!/usr/bin/env bash
# tests/test_pg.sh — the knowledge base on PostgreSQL gives what it gives on
# SQLite: the same input ingested into both, then every export and query
# command run on each, their outputs compared byte for byte.  The server is a
# real PostgreSQL 15 started for the test (tests/pg.sh: initdb into a temporary
# folder as an unprivileged user, a Unix socket only) and stopped after it.
#
#   tests/test_pg.sh LIAISON SRCDIR [CORPUS_DIR...]
#
# The inputs: the record fixtures of tests/kb, the samples/, each CORPUS_DIR
# given (the shared corpus and heldout1 when they are there), and all of those
# in one base.  Then several writers at once, and one killed (see writers).
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
    elif cmp -s "$tmp/s.out" "$tmp/p.out"; then
        ok "$name ($(wc -l < "$tmp/s.out") lines)"
    else
        diff "$tmp/s.out" "$tmp/p.out" | head -10 > "$tmp/d"
        bad "$name: outputs differ" "$tmp/d"
    fi
}

# serve_on DB LOG: starts `liaison serve` on a free port; prints the port
serve_on() {
    "$bin" serve --db "$1" --port 0 --threads 2 --no-memo > /dev/null 2> "$2" &
    local pid=$! i
    for i in $(seq 100); do
        port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$2" | grep -oE '[0-9]+/$' | tr -d /)
        [ -n "$port" ] && break
        sleep 0.1
    done
    # listening: wait until it answers (a loaded machine may take a moment)
    for i in $(seq 100); do
        [ -n "$port" ] && curl -s -o /dev/null "http://127.0.0.1:$port/api/stats" && break
        sleep 0.1
    done
    echo "$pid $port"
}

# The HTTP API on both: every answer (status, type, body) the same, and the
# next pages of a list followed by their cursors.
api_same() {
    local s p
    read -r spid sport < <(serve_on "$tmp/kb.db" "$tmp/serve-s.log")
    read -r ppid pport < <(serve_on "$uri" "$tmp/serve-p.log")
    if [ -z "$sport" ] || [ -z "$pport" ]; then
        bad "serve did not start" "$tmp/serve-s.log" "$tmp/serve-p.log"
    else
        for path in "$@"; do
            curl -s -i "http://127.0.0.1:$sport$path" | grep -v '^Date:' > "$tmp/a.s"
            curl -s -i "http://127.0.0.1:$pport$path" | grep -v '^Date:' > "$tmp/a.p"
            if cmp -s "$tmp/a.s" "$tmp/a.p"; then
                ok "GET $path"
            else
                diff "$tmp/a.s" "$tmp/a.p" | cut -c1-300 | head -6 > "$tmp/d"
                bad "GET $path differs" "$tmp/d"
            fi
        done
    fi
    kill "$spid" "$ppid" 2> /dev/null
    wait "$spid" "$ppid" 2> /dev/null
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
    cmp_out "commitments --by Vietnam --to Shanghai" commitments --by Vietnam --to Shanghai --format csv --sources
    cmp_out "commitments --type invitation" commitments --type invitation --format json --sources
    cmp_out "events --person 'Vương Hải Bình'" events --person "Vương Hải Bình" --format csv
    cmp_out "events --party Shanghai --party Vietnam" events --party Shanghai --party Vietnam --format json --sources
    cmp_out "figures --party Shanghai" figures --party Shanghai --format csv --sources
    cmp_out "ties --party Shanghai" ties --party Shanghai --format csv
    cmp_out "people --name chen" people --name chen --format csv
    for n in 陈吉宁 "Chen Jining" "Trần Cát Ninh" "Zhou Lin" "Nguyen Van Nen" "Nobody Atall"; do
        cmp_out "person '$n'" person "$n" --format json --sources
    done
    # every person by id
    "$bin" people --format csv --db "$tmp/kb.db" 2> /dev/null | tail -n +2 | cut -d, -f1 | head -40 > "$tmp/ids"
    while read -r id; do
        cmp_out "person $id" person "$id" --format json --sources
    done < "$tmp/ids"
    # search: FTS5's bm25 on SQLite, the same computed on PostgreSQL
    for q in "Thuong Hai" 上海 "Da Nang" "trade" "Lao Cai" "hợp tác" '"Lao Cai" Yunnan' "cooperation" \
             "the" 合作 zzyzx; do
        cmp_out "search '$q'" search "$q" --format csv
        cmp_out "search '$q' (json)" search "$q" --format json
    done
    api_same /api/stats /api/events "/api/events?limit=2" "/api/events?format=csv" \
        "/api/events?party=Shanghai" "/api/events?type=signing" "/api/events?since=2024-03&until=2024" \
        "/api/events?lang=vi" "/api/events?month=2024-04" /api/people "/api/people?limit=3" \
        "/api/people?country=VN" /api/places /api/place/Shanghai "/api/place/Lao%20Cai" /api/ties \
        /api/figures "/api/figures?limit=2" "/api/figures?party=Shanghai" /api/commitments /api/network \
        "/api/network?limit=20" "/api/timeline?a=Shanghai&b=Ho%20Chi%20Minh%20City" /api/documents \
        "/api/documents?limit=3" "/api/search?q=Shanghai" "/api/search?q=%E4%B8%8A%E6%B5%B7" \
        "/api/search?q=hop%20tac" "/api/search?q=the" "/api/search?q=the&limit=2" "/api/search?q=trade%20cooperation" /api/person/chen-jining "/api/person/chen-jining?format=csv" \
        /api/events/e-0000 /api/nope "/api/events?type=party" "/api/events?cursor=WyJ4Il0"
    LIAISON_DB=$uri "$bin" events --format csv > "$tmp/p.out" 2>&1
    "$bin" events --format csv --db "$uri" > "$tmp/s.out" 2>&1
    same "LIAISON_DB selects the base" "$tmp/s.out" "$tmp/p.out"
}

# serve keeps answers (its memo) until a writer commits: on PostgreSQL too
memo_sees_ingest() {
    uri="postgresql:///memo?host=$PG_DIR&user=liaison"
    pg_as "$PG_BIN/createdb" -h "$PG_DIR" -U liaison memo || { bad "createdb"; return; }
    "$bin" ingest --quiet --records --db "$uri" "$src/tests/kb/records.jsonl" 2> "$tmp/p.err" || bad "ingest" "$tmp/p.err"
    "$bin" serve --db "$uri" --port 0 --threads 1 > /dev/null 2> "$tmp/serve-m.log" &
    local pid=$! port= i
    for i in $(seq 100); do
        port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$tmp/serve-m.log" | grep -oE '[0-9]+/$' | tr -d /)
        [ -n "$port" ] && break
        sleep 0.1
    done
    local before after
    before=$(curl -s "http://127.0.0.1:$port/api/stats")
    "$bin" ingest --quiet --db "$uri" "$src/samples" 2> "$tmp/p.err" || bad "ingest" "$tmp/p.err"
    after=$(curl -s "http://127.0.0.1:$port/api/stats")
    kill "$pid"
    wait "$pid" 2> /dev/null
    if [ "$before" != "$after" ] && [ -n "$before" ]; then ok "serve's memo sees an ingest"; else bad "serve answered from before the ingest: $after"; fi
}
# Several writers into one base: 4 ingesters at once over overlapping halves of
# the inputs give the base one ingester gives (compared by export, without
# documents.docno, the order documents came in); so does an ingester killed
# with SIGKILL three times, then run again.
export_of() { # export_of URI DIR
    rm -rf "$2"
    "$bin" export --format csv --db "$1" --out "$2" 2> "$tmp/x.err" || bad "export" "$tmp/x.err"
    cut -d, -f2- "$2/documents.csv" > "$2/documents.cut" && rm "$2/documents.csv"
}
writers() {
    local files=() f
    while IFS= read -r f; do files+=("$f"); done < <(find "$src/samples" "$@" -type f \( -name '*.txt' -o -name '*.html' \) 2> /dev/null | sort)
    local n=${#files[@]} h=$(( ${#files[@]} * 3 / 5 ))
    local a=("${files[@]:0:$h}") b=("${files[@]:$((n - h))}")
    for d in one four killed; do pg_as "$PG_BIN/createdb" -h "$PG_DIR" -U liaison "w_$d"; done
    local one="postgresql:///w_one?host=$PG_DIR&user=liaison"
    local four="postgresql:///w_four?host=$PG_DIR&user=liaison"
    local killed="postgresql:///w_killed?host=$PG_DIR&user=liaison"
    "$bin" ingest --quiet --db "$one" "${files[@]}" 2> "$tmp/p.err" || bad "ingest (one)" "$tmp/p.err"
    export_of "$one" "$tmp/w_one"
    local pids=()
    "$bin" ingest --quiet --batch 3 --db "$four" "${a[@]}" 2> "$tmp/w1.err" & pids+=($!)
    "$bin" ingest --quiet --batch 5 --db "$four" "${b[@]}" 2> "$tmp/w2.err" & pids+=($!)
    "$bin" ingest --quiet --batch 2 --db "$four" "${b[@]}" 2> "$tmp/w3.err" & pids+=($!)
    "$bin" ingest --quiet --batch 7 --db "$four" "${a[@]}" 2> "$tmp/w4.err" & pids+=($!)
    local p failed=0
    for p in "${pids[@]}"; do wait "$p" || failed=1; done
    [ "$failed" = 0 ] || bad "an ingester failed" "$tmp/w1.err" "$tmp/w2.err" "$tmp/w3.err" "$tmp/w4.err"
    export_of "$four" "$tmp/w_four"
    if diff -r "$tmp/w_one" "$tmp/w_four" > "$tmp/d"; then
        ok "4 ingesters at once over overlapping halves ($n files): the base of one"
    else
        bad "4 ingesters at once: not the base of one" "$tmp/d"
    fi
    local k
    for k in 1 2 3; do
        "$bin" ingest --quiet --batch 2 --db "$killed" "${files[@]}" 2> /dev/null &
        p=$!
        sleep "0.$((RANDOM % 9 + 1))"
        kill -KILL "$p" 2> /dev/null
        wait "$p" 2> /dev/null
    done
    "$bin" ingest --quiet --db "$killed" "${files[@]}" 2> "$tmp/p.err" || bad "ingest after the kills" "$tmp/p.err"
    export_of "$killed" "$tmp/w_killed"
    if diff -r "$tmp/w_one" "$tmp/w_killed" > "$tmp/d"; then
        ok "an ingester killed three times, then run again: the base of one"
    else
        bad "killed and run again: not the base of one" "$tmp/d"
    fi
}

check_all --records "$src/tests/kb/records.jsonl"
check_all "$src/samples"
dirs=()
for d in "$@"; do
    [ -d "$d" ] && dirs+=("$d") && check_all "$d"
done
# all of them in one base, as the evaluation gate ingests them (clusters across folders)
[ "${#dirs[@]}" -gt 1 ] && check_all "${dirs[@]}"
memo_sees_ingest
writers "${dirs[@]}"
pg_stop
echo "$checks checks, $fails failed"
[ "$fails" -eq 0 ]
