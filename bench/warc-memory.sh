#!/usr/bin/env bash
# bench/warc-memory.sh — peak memory of reading a large .warc.gz with liaison's WARC
# reader (streaming: the figure must not grow with the file).
#
#   bench/warc-memory.sh [LIAISON_HTML]     default: build/liaison_html
#
# Environment: MB=1000 (compressed size of the archive), SEED=1, BENCH_OUT=bench/out.
# Generates $BENCH_OUT/crawl-${MB}mb.warc.gz once (gen-corpus.py articles wrapped as
# pages by gen-warc.py: warcinfo, then request/response/metadata per page; responses
# plain, chunked or gzip-encoded), and a tenth-size one, then reads each with
# `liaison_html --read` (every response through the HTML extractor) under GNU time.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/liaison_html}
MB=${MB:-1000}
SEED=${SEED:-1}
OUT=${BENCH_OUT:-$here/out}
[ -x "$bin" ] || { echo "warc-memory: $bin not found: cmake --build build --target liaison_html" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "warc-memory: needs GNU time (apt-get install time)" >&2; exit 1; }
corpus=$OUT/mixed-40mb-src
if [ ! -f "$corpus.stamp" ]; then
    rm -rf "$corpus"
    mkdir -p "$OUT"
    python3 "$here/gen-corpus.py" --mb 40 --lang mixed --out "$corpus" --seed "$SEED" >&2
    touch "$corpus.stamp"
fi
small=$(awk -v m="$MB" 'BEGIN { printf "%g", m / 10 }')
printf '%-28s %10s %10s %10s %8s %14s\n' archive "MB (gz)" documents seconds "MB/s" "peak RSS (MB)"
for mb in "$small" "$MB"; do
    w=$OUT/crawl-${mb}mb.warc.gz
    if [ ! -f "$w.stamp" ]; then
        rm -f "$w"
        python3 "$here/gen-warc.py" --corpus "$corpus" --warc "$w" --mb "$mb" --seed "$SEED"
        touch "$w.stamp"
    fi
    /usr/bin/time -f '%M %e' -o "$OUT/time.txt" "$bin" --read "$w" 2> "$OUT/read.txt"
    read -r kb secs < "$OUT/time.txt"
    docs=$(sed -n 's/.*: \([0-9]*\) documents.*/\1/p' "$OUT/read.txt")
    size=$(stat -c %s "$w")
    awk -v n="$(basename "$w")" -v s="$size" -v d="$docs" -v t="$secs" -v k="$kb" 'BEGIN {
        printf "%-28s %10.1f %10d %10.1f %8.1f %14.1f\n", n, s / 1e6, d, t, s / 1e6 / t, k * 1024 / 1e6 }'
done
