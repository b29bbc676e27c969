#!/usr/bin/env bash
# bench/real.sh — throughput of `liaison extract` and `liaison ingest` on real articles,
# beside `wc -w` over the same files (the speed of a pass that only splits words).
#
#   bench/real.sh [LIAISON]          LIAISON: path of the binary (default build/liaison)
#
# Environment:
#   MB=20                size of the corpus, in MB (10^6 bytes): the shared corpus documents
#                        (../shared/corpus/{seeds,dev,clusters,heldout1}) repeated under
#                        distinct names (so that each copy is its own document) until at
#                        least MB are there
#   CORPUS=path          take the documents from these folders instead (space-separated)
#   RUNS=3               runs of each command; the best (shortest) counts
#   JOBS="1 2"           the --jobs values timed
#   INGEST=1             0 skips the ingest runs
#
# Prints, per command, the best wall time and the best CPU time (user + system) over RUNS
# runs, MB/s of each and the ratio to `wc -w` (which runs once per batch of files, as
# `find -exec wc -w {} +`), and the load average before and after the runs (the machine
# may be shared: quote the best of the runs with the load; with --jobs 1 on a loaded
# machine the CPU time is the steadier figure).
# The copies live in a temporary folder, removed at exit.  Builds nothing, installs
# nothing (python3 writes the copies).  Exits 1 when a run fails, or when
# `extract --json` gives different output for different --jobs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
case ${1:-} in -h | --help) sed -n '2,24s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
bin=$(readlink -f "${1:-${LIAISON:-$root/build/liaison}}")
MB=${MB:-20}
RUNS=${RUNS:-3}
JOBS=${JOBS:-1 2}
INGEST=${INGEST:-1}
shared=$root/../shared/corpus
CORPUS=${CORPUS:-$shared/seeds $shared/dev $shared/clusters $shared/heldout1}
read -r -a jobs <<< "$JOBS"
read -r -a srcs <<< "$CORPUS"
die() { echo "real.sh: $*" >&2; exit 1; }
[ -x "$bin" ] || die "liaison binary not found: $bin (build it first)"
TIME=/usr/bin/time
[ -x "$TIME" ] && "$TIME" -f %e true > /dev/null 2>&1 || die "needs GNU time (apt-get install time)"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"
[[ $MB =~ ^[0-9]+$ ]] && [ "$MB" -gt 0 ] || die "MB must be a positive whole number"
for s in "${srcs[@]}"; do [ -d "$s" ] || die "no such folder: $s"; done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/docs"

# ---------------------------------------------------------------- the corpus
mapfile -t files < <(find "${srcs[@]}" -type f -name '*.txt' | sort)
[ "${#files[@]}" -gt 0 ] || die "no .txt documents in $CORPUS"
one=$(cat "${files[@]}" | wc -c)
[ "$one" -gt 0 ] || die "the documents are empty"
copies=$(( (MB * 1000000 + one - 1) / one ))
# the id of a document is its file name: one name per copy
python3 - "$tmp/docs" "$copies" "${files[@]}" << 'EOF'
import os, sys
out, copies, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
texts = [(os.path.basename(f), open(f, 'rb').read()) for f in files]
for k in range(1, copies + 1):
    d = os.path.join(out, '%04d' % k)
    os.mkdir(d)
    for name, data in texts:
        with open(os.path.join(d, 'r%04d-%s' % (k, name)), 'wb') as f:
            f.write(data)
EOF
read -r nfiles bytes < <(find "$tmp/docs" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { print n + 0, b + 0 }')
find "$tmp/docs" -type f -exec cat {} + > /dev/null   # warm the page cache

# ingest into a fresh base at each run
cat > "$tmp/ingest" << EOF
#!/bin/sh
rm -f "$tmp/kb.db" "$tmp/kb.db-wal" "$tmp/kb.db-shm"
exec "$bin" ingest -q --db "$tmp/kb.db" "\$@"
EOF
chmod +x "$tmp/ingest"

# best_of CMD...: runs CMD (stdout to $tmp/out) RUNS times; prints the best wall time and
# the best CPU time (user + system), in seconds
best_of() {
    local r
    : > "$tmp/times"
    for ((r = 0; r < RUNS; r++)); do
        "$TIME" -f '%e %U %S' -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err" \
            || { cat "$tmp/err" >&2; die "failed: $*"; }
        tail -n 1 "$tmp/time" >> "$tmp/times"
    done
    awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 + $3 < c { c = $2 + $3 }
         END { printf "%.2f %.2f\n", w, c }' "$tmp/times"
}

echo "liaison: $bin ($("$bin" --version 2> /dev/null | head -n 1 || true))"
echo "corpus:  $nfiles files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB" \
     "(${#files[@]} documents x $copies copies)"
echo "machine: $(nproc) CPUs; load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs:    best of $RUNS"
echo

read -r wc_s wc_c < <(best_of find "$tmp/docs" -type f -exec wc -w {} +)
fmt='%-26s %8s %7s %7s %8s %7s %7s\n'
# shellcheck disable=SC2059
printf "$fmt" "" "wall (s)" MB/s "/ wc -w" "CPU (s)" MB/s "/ wc -w"
# row NAME "WALL CPU": one line of the table
row() {
    local s c
    read -r s c <<< "$2"
    awk -v n="$1" -v s="$s" -v c="$c" -v ws="$wc_s" -v wc="$wc_c" -v b="$bytes" -v f="$fmt" 'BEGIN {
        if (s <= 0) s = 0.01
        if (c <= 0) c = 0.01
        printf f, n, sprintf("%.2f", s), sprintf("%.1f", b / 1e6 / s), sprintf("%.2f", ws / s),
               sprintf("%.2f", c), sprintf("%.1f", b / 1e6 / c), sprintf("%.2f", wc / c) }'
}
row "wc -w" "$wc_s $wc_c"
first=""
for j in "${jobs[@]}"; do
    row "extract --json --jobs $j" "$(best_of "$bin" extract --json -q --jobs "$j" "$tmp/docs")"
    if [ -z "$first" ]; then
        first=$j
        mv "$tmp/out" "$tmp/first.jsonl"
    elif ! cmp -s "$tmp/out" "$tmp/first.jsonl"; then
        die "extract --json --jobs $j differs from --jobs $first"
    fi
done
if [ "$INGEST" = 1 ]; then
    for j in "${jobs[@]}"; do
        row "ingest --jobs $j" "$(best_of "$tmp/ingest" --jobs "$j" "$tmp/docs")"
    done
fi
echo
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
