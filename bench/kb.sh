#!/usr/bin/env bash
# bench/kb.sh — throughput and peak memory of `liaison ingest` (the knowledge base).
#
#   bench/kb.sh [LIAISON]          LIAISON: path of the binary (default build/liaison)
#
# Environment:
#   MB=50                corpus size in MB (1 MB = 10^6 bytes)
#   LANGS=mixed          gen-corpus.py languages, space-separated (en zh vi mixed): MB each
#   SEED=1               generator seed
#   OUT=/tmp/kbbench     where the corpus is generated (kept and reused when its stamp matches)
#   DB=/tmp/kb.db        the knowledge base (deleted first)
#
# Three runs: `ingest` into an empty knowledge base (extraction, storage, full-text
# indexing, resolution), the same `ingest` again (every document unchanged: reading,
# hashing and resolution only), and `extract --json` on the same corpus for comparison.
# Each run is timed with GNU time (/usr/bin/time -v: wall time, peak RSS).  The corpus
# is read once before, so the page cache holds it.  Builds nothing, installs nothing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
case ${1:-} in -h | --help) sed -n '2,18s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
bin=${1:-$root/build/liaison}
MB=${MB:-50}
SEED=${SEED:-1}
read -r -a langs <<< "${LANGS:-mixed}"
OUT=${OUT:-/tmp/kbbench}
DB=${DB:-/tmp/kb.db}
TIME=/usr/bin/time

die() { echo "bench/kb: $*" >&2; exit 1; }
[ -x "$bin" ] || die "no executable $bin (build first)"
[ -x "$TIME" ] && "$TIME" -v true > /dev/null 2>&1 || die "$TIME is not GNU time (Debian: apt-get install time)"

stamp="langs=${langs[*]} mb=$MB seed=$SEED generator=$(cksum < "$here/gen-corpus.py" | cut -d' ' -f1)"
if [ ! -f "$OUT.stamp" ] || [ "$(cat "$OUT.stamp")" != "$stamp" ]; then
    rm -rf "$OUT" "$OUT.stamp"
    for l in "${langs[@]}"; do
        python3 "$here/gen-corpus.py" --mb "$MB" --lang "$l" --seed "$SEED" --out "$OUT/$l" >&2
    done
    echo "$stamp" > "$OUT.stamp"
fi
read -r docs bytes < <(find "$OUT" -type f -name '*.txt' -printf '%s\n' | awk '{ n++; b += $1 } END { print n + 0, b + 0 }')
find "$OUT" -type f -exec cat {} + > /dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f "$DB" "$DB-wal" "$DB-shm"

fmt='%-22s %9s %9s %9s %11s %14s\n'
# shellcheck disable=SC2059
printf "$fmt" run documents seconds MB/s documents/s "peak RSS (MB)"
# shellcheck disable=SC2059
printf "$fmt" ---------------------- --------- --------- --------- ----------- --------------
measure() { # measure NAME CMD...
    local name=$1 t0 t1 rc=0
    shift
    t0=$(date +%s%N)
    "$TIME" -v -o "$tmp/time" "$@" > /dev/null 2> "$tmp/err" || rc=$?
    t1=$(date +%s%N)
    if grep -q "terminated by signal" "$tmp/time"; then rc=$(awk '/terminated by signal/ { print 128 + $NF }' "$tmp/time"); fi
    local kb
    kb=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$tmp/time")
    awk -v n="$name" -v d="$docs" -v b="$bytes" -v ns=$((t1 - t0)) -v kb="${kb:-0}" -v f="$fmt" 'BEGIN {
        s = ns / 1e9; printf f, n, d, sprintf("%.2f", s), sprintf("%.1f", b / 1e6 / s), sprintf("%.0f", d / s),
            sprintf("%.1f", kb * 1024 / 1e6) }'
    if [ "$rc" -ne 0 ]; then echo "  FAILED (exit $rc):" >&2; tail -n 5 "$tmp/err" >&2; exit 1; fi
}
measure "ingest (empty db)" "$bin" ingest --db "$DB" "$OUT"
cp "$tmp/err" "$tmp/report"
measure "ingest (unchanged)" "$bin" ingest --quiet --db "$DB" "$OUT"
measure "extract --json" "$bin" extract --json "$OUT"
echo
printf 'corpus: %s (%s, %.1f MB, %d documents); knowledge base %s: %.1f MB\n' "$OUT" "${langs[*]}" \
    "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" "$docs" "$DB" \
    "$(du -cb "$DB" "$DB-wal" 2> /dev/null | awk 'END { print $1 / 1e6 }')"
sed 's/^/  /' "$tmp/report"
