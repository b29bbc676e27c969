#!/usr/bin/env bash
# bench/warc-ingest.sh — time and peak memory of `liaison ingest` of a large
# .warc.gz (the bar: a 1 GB crawl in at most 300 MB of RSS).
#
#   bench/warc-ingest.sh [LIAISON]     default: build/liaison
#
# Environment: MB=1000 (compressed size of the archive), SEED=1, JOBS (default: the
# number of CPUs), DB=/tmp/liaison-warc-ingest.db (removed before and after),
# BENCH_OUT=bench/out.  Uses the archives of bench/warc-memory.sh
# ($BENCH_OUT/crawl-${MB}mb.warc.gz, generated once by gen-warc.py from a gen-corpus.py
# corpus; the articles are reused in turn, so many pages are near-duplicates), and a
# tenth-size one, and ingests each into a fresh knowledge base under GNU time:
# documents, seconds, MB/s of the archive, peak RSS, the size of the knowledge base.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/liaison}
MB=${MB:-1000}
SEED=${SEED:-1}
OUT=${BENCH_OUT:-$here/out}
DB=${DB:-/tmp/liaison-warc-ingest.db}
JOBS=${JOBS:-$(nproc)}
[ -x "$bin" ] || { echo "warc-ingest: $bin not found (build it first)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "warc-ingest: needs GNU time (apt-get install time)" >&2; exit 1; }
rmdb() { rm -f "$DB" "$DB-wal" "$DB-shm"; }
trap rmdb EXIT
corpus=$OUT/mixed-40mb-src
if [ ! -f "$corpus.stamp" ]; then
    rm -rf "$corpus"
    mkdir -p "$OUT"
    python3 "$here/gen-corpus.py" --mb 40 --lang mixed --out "$corpus" --seed "$SEED" >&2
    touch "$corpus.stamp"
fi
small=$(awk -v m="$MB" 'BEGIN { printf "%g", m / 10 }')
echo "command: $bin ingest --jobs $JOBS --db $DB ARCHIVE (a fresh knowledge base each run)"
echo "machine: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %9s %10s %9s %8s %14s %10s\n' archive "MB (gz)" documents seconds "MB/s" "peak RSS (MB)" "db (MB)"
status=0
for mb in "$small" "$MB"; do
    w=$OUT/crawl-${mb}mb.warc.gz
    if [ ! -f "$w.stamp" ]; then
        rm -f "$w"
        python3 "$here/gen-warc.py" --corpus "$corpus" --warc "$w" --mb "$mb" --seed "$SEED" >&2
        touch "$w.stamp"
    fi
    rmdb
    rc=0
    /usr/bin/time -f '%M %e' -o "$OUT/ingest-time.txt" "$bin" ingest --jobs "$JOBS" --db "$DB" "$w" \
        2> "$OUT/ingest-report.txt" || rc=$?
    read -r kb secs < <(tail -n 1 "$OUT/ingest-time.txt")
    docs=$(sed -n 's/.*documents: \([0-9]*\) new.*/\1/p' "$OUT/ingest-report.txt")
    dbsize=$(stat -c %s "$DB" 2> /dev/null || echo 0)
    awk -v n="$(basename "$w")" -v s="$(stat -c %s "$w")" -v d="${docs:-0}" -v t="$secs" -v k="$kb" -v db="$dbsize" 'BEGIN {
        printf "%-26s %9.1f %10d %9.1f %8.1f %14.1f %10.0f\n", n, s / 1e6, d, t, s / 1e6 / t, k * 1024 / 1e6, db / 1e6 }'
    if [ "$rc" -ne 0 ]; then
        echo "  ingest exited $rc:" >&2
        tail -n 5 "$OUT/ingest-report.txt" >&2
        status=1
    fi
done
echo
echo "report of the last run:"
sed 's/^/  /' "$OUT/ingest-report.txt"
exit "$status"
