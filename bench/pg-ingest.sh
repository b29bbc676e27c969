#!/usr/bin/env bash
# bench/pg-ingest.sh — throughput of `liaison ingest` into PostgreSQL: one ingester,
# then two at once over the two halves of the same corpus (each into a new database),
# with the SQLite ingest of the same corpus beside them.
#
#   bench/pg-ingest.sh [LIAISON]     LIAISON: path of the binary (default build/liaison)
#
# Environment:
#   MB=5          corpus size in MB (bench/gen-corpus.py, mixed languages)
#   SEED=1        generator seed
#   OUT=/tmp/pgbench   where the corpus is generated (kept and reused when its stamp matches)
#
# Starts a throw-away PostgreSQL 15 (tests/pg.sh: initdb into a temporary folder, Unix
# socket only) and stops it at the end.  Prints, per run: seconds, MB/s, and for the
# two ingesters their speed-up over one.  Builds nothing, installs nothing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
case ${1:-} in -h | --help) sed -n '2,15s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
bin=$(realpath "${1:-$root/build/liaison}")
MB=${MB:-5}
SEED=${SEED:-1}
OUT=${OUT:-/tmp/pgbench}
[ -x "$bin" ] || { echo "bench/pg-ingest: no executable $bin (build first)" >&2; exit 1; }

stamp="mb=$MB seed=$SEED generator=$(cksum < "$here/gen-corpus.py" | cut -d' ' -f1)"
if [ ! -f "$OUT.stamp" ] || [ "$(cat "$OUT.stamp")" != "$stamp" ]; then
    rm -rf "$OUT" "$OUT.stamp"
    python3 "$here/gen-corpus.py" --mb "$MB" --lang mixed --seed "$SEED" --out "$OUT/all" >&2
    echo "$stamp" > "$OUT.stamp"
fi
# the two halves: every other file of the sorted list (the same paths, so the same
# document ids as one ingester's)
files=()
while IFS= read -r f; do files+=("$f"); done < <(find "$OUT/all" -type f -name '*.txt' | sort)
half_a=() half_b=()
for i in "${!files[@]}"; do
    if [ $((i % 2)) = 0 ]; then half_a+=("${files[$i]}"); else half_b+=("${files[$i]}"); fi
done
bytes=$(find "$OUT/all" -type f -name '*.txt' -printf '%s\n' | awk '{ b += $1 } END { print b + 0 }')
find "$OUT/all" -type f -exec cat {} + > /dev/null

# shellcheck source=../tests/pg.sh
source "$root/tests/pg.sh"
pg_start || { echo "bench/pg-ingest: no PostgreSQL 15 (scripts/deps installs it)" >&2; exit 1; }
uri() { echo "postgresql:///$1?host=$PG_DIR&user=liaison"; }
"$PG_BIN/createdb" -h "$PG_DIR" -U liaison one
"$PG_BIN/createdb" -h "$PG_DIR" -U liaison two
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; pg_stop' EXIT

now() { date +%s.%N; }
rate() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.2f", b / 1e6 / s }'; }
printf '%-34s %8s %8s\n' run seconds MB/s
t0=$(now); "$bin" ingest --quiet --jobs 1 --db "$tmp/s.db" "$OUT/all"; t1=$(now)
s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
printf '%-34s %8.2f %8s\n' "SQLite, 1 ingester --jobs 1" "$s" "$(rate "$s")"
t0=$(now); "$bin" ingest --quiet --jobs 1 --db "$(uri one)" "$OUT/all"; t1=$(now)
one=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
printf '%-34s %8.2f %8s\n' "PostgreSQL, 1 ingester --jobs 1" "$one" "$(rate "$one")"
t0=$(now)
"$bin" ingest --quiet --jobs 1 --db "$(uri two)" "${half_a[@]}" & p1=$!
"$bin" ingest --quiet --jobs 1 --db "$(uri two)" "${half_b[@]}" & p2=$!
wait $p1; wait $p2
t1=$(now)
two=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
printf '%-34s %8.2f %8s   %.2fx one\n' "PostgreSQL, 2 ingesters (halves)" "$two" "$(rate "$two")" \
    "$(awk -v a="$one" -v b="$two" 'BEGIN { print a / b }')"
# the same base, compared by export (documents without docno, the order they came in)
for d in one two; do
    "$bin" export --format csv --db "$(uri $d)" --out "$tmp/$d" 2> /dev/null
    cut -d, -f2- "$tmp/$d/documents.csv" > "$tmp/$d/documents.cut" && rm "$tmp/$d/documents.csv"
done
if diff -r "$tmp/one" "$tmp/two" > /dev/null; then echo "exports of one and of two ingesters: identical"; else echo "exports of one and of two ingesters: DIFFER"; fi
printf 'corpus: %s (%.1f MB, %d files)\n' "$OUT/all" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "${#files[@]}"
