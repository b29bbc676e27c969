#!/usr/bin/env bash
# bench/html-speed.sh — HTML -> article text throughput of liaison's extractor on one
# core (lsn_html_to_text: libxml2 parse, boilerplate removal, container choice, lines).
#
#   bench/html-speed.sh [LIAISON_HTML]     default: build/liaison_html
#
# Environment: MB=100 (size of the page set), SEED=1, BENCH_OUT=bench/out, SECONDS_MIN=10.
# The pages are gen-corpus.py articles (mixed en/zh/vi) wrapped by gen-warc.py in
# four outlet templates (menus, sidebars, related news, comments, scripts,
# footers); they are generated once under $BENCH_OUT/html-${MB}mb and reused.  The
# pages are read into memory first, then converted over and over for at least
# SECONDS_MIN seconds: the figure is for the extractor, not the disk.  The
# pages written for bench/readability are measured too (smaller, more varied).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
bin=${1:-$root/build/liaison_html}
MB=${MB:-100}
SEED=${SEED:-1}
OUT=${BENCH_OUT:-$here/out}
[ -x "$bin" ] || { echo "html-speed: $bin not found: cmake --build build --target liaison_html" >&2; exit 1; }
corpus=$OUT/mixed-${MB}mb-src
pages=$OUT/html-${MB}mb
stamp="mb=$MB seed=$SEED gen=$(cat "$here/gen-corpus.py" "$here/gen-warc.py" | cksum | cut -d' ' -f1)"
if [ ! -f "$pages.stamp" ] || [ "$(cat "$pages.stamp")" != "$stamp" ]; then
    rm -rf "$corpus" "$pages" "$pages.stamp"
    mkdir -p "$OUT"
    # articles are about a third of a page: a third of MB of text is enough
    python3 "$here/gen-corpus.py" --mb "$(awk -v m="$MB" 'BEGIN { printf "%g", m / 3 }')" \
        --lang mixed --out "$corpus" --seed "$SEED" >&2
    python3 "$here/gen-warc.py" --corpus "$corpus" --html-dir "$pages" --mb "$MB" --seed "$SEED"
    echo "$stamp" > "$pages.stamp"
fi
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2> /dev/null || true)
echo "machine: ${cpu:-unknown CPU}, one core"
echo -n "generated pages ($pages): "
"$bin" --bench --min-seconds "${SECONDS_MIN:-10}" "$pages"
echo
echo -n "bench/readability pages: "
"$bin" --bench --min-seconds 3 "$here/readability/pages"
echo
