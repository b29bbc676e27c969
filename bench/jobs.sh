#!/usr/bin/env bash
# bench/jobs.sh — throughput of `liaison extract --json --jobs N` (or `ingest`)
# for several N, and the speed-up over --jobs 1.
#
#   bench/jobs.sh [LIAISON]          LIAISON: path of the binary (default build/liaison)
#
# Environment:
#   JOBS="1 2"           the --jobs values; the first is the baseline of the ratios
#   RUNS=3               runs per value, interleaved; the best (shortest) run counts
#   MB=100 CORPUS_LANG=mixed SEED=1   the gen-corpus.py corpus (as bench/run.sh makes it)
#   INPUT=path           read this file or folder instead (a .warc.gz, a folder of pages)
#   CMD=extract          or ingest (into a fresh knowledge base under $TMPDIR each run)
#   LIAISON_ARGS=...     extra options (word-split)
#   BENCH_OUT=bench/out  where corpora are generated and kept
#
# Prints, per --jobs value, the best and the median wall time, MB/s (input bytes /
# best time), peak RSS, and the speed-up; checks that every value gave the same
# output (extract) or the same report (ingest).  The machine may be shared: the load
# average before the runs is printed, and the best of RUNS runs is the figure to
# quote.  Exits 1 when a run fails or outputs differ.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
case ${1:-} in -h | --help) sed -n '2,22s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
bin=${1:-${LIAISON:-$root/build/liaison}}
JOBS=${JOBS:-1 2}
RUNS=${RUNS:-3}
MB=${MB:-100}
LANG_=${CORPUS_LANG:-mixed}
SEED=${SEED:-1}
CMD=${CMD:-extract}
OUT=${BENCH_OUT:-$here/out}
read -r -a jobs <<< "$JOBS"
read -r -a extra <<< "${LIAISON_ARGS:-}"
die() { echo "jobs.sh: $*" >&2; exit 1; }
[ -x "$bin" ] || die "liaison binary not found: $bin (build it first)"
[ -x /usr/bin/time ] || die "needs GNU time (/usr/bin/time; apt-get install time)"
case $CMD in extract | ingest) ;; *) die "CMD must be extract or ingest" ;; esac
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"

if [ -n "${INPUT:-}" ]; then
    input=$INPUT
    [ -e "$input" ] || die "no such input: $input"
else
    # the corpus of bench/run.sh, generated once and reused (same stamp)
    input="$OUT/$LANG_-${MB}mb"
    stamp="$input.stamp"
    want="lang=$LANG_ mb=$MB seed=$SEED generator=$(cksum < "$here/gen-corpus.py" | cut -d' ' -f1)"
    if ! { [ -d "$input" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; }; then
        rm -f "$stamp"
        case $input in "$OUT"/*) rm -rf "$input" ;; esac
        mkdir -p "$OUT"
        python3 "$here/gen-corpus.py" --mb "$MB" --lang "$LANG_" --out "$input" --seed "$SEED" >&2
        echo "$want" > "$stamp"
    fi
fi
read -r files bytes < <(find "$input" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { print n + 0, b + 0 }')
find "$input" -type f -exec cat {} + > /dev/null   # warm the page cache

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2> /dev/null || true)
echo "liaison: $bin ($("$bin" --version 2> /dev/null | head -n 1))"
if [ "$CMD" = extract ]; then
    echo "command: $bin extract --json ${extra[*]:+${extra[*]} }--jobs N $input > /dev/null"
else
    echo "command: $bin ingest ${extra[*]:+${extra[*]} }--jobs N --db TMP/kb.db $input  (a fresh knowledge base each run)"
fi
echo "input:   $files files, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
echo "machine: ${cpu:-unknown CPU}, $(nproc) CPUs; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs:    $RUNS per value, interleaved; the best counts"
echo

failed=0
for r in $(seq 1 "$RUNS"); do
    for j in "${jobs[@]}"; do
        rc=0
        if [ "$CMD" = extract ]; then
            /usr/bin/time -f '%e %M' -o "$tmp/t" "$bin" extract --json "${extra[@]}" --jobs "$j" "$input" \
                > "$tmp/out-$j" 2> "$tmp/err-$j" || rc=$?
            [ "$rc" -le 1 ] || failed=1          # 1: some input was bad, the rest processed
            [ "$r" -eq 1 ] && cksum < "$tmp/out-$j" > "$tmp/sum-$j"
        else
            rm -f "$tmp/kb.db" "$tmp/kb.db-wal" "$tmp/kb.db-shm"
            /usr/bin/time -f '%e %M' -o "$tmp/t" "$bin" ingest "${extra[@]}" --jobs "$j" --db "$tmp/kb.db" \
                "$input" > /dev/null 2> "$tmp/err-$j" || rc=$?
            [ "$rc" -le 1 ] || failed=1
            [ "$r" -eq 1 ] && grep -E 'documents:|holds|mentions' "$tmp/err-$j" | cksum > "$tmp/sum-$j"
        fi
        read -r secs kb < "$tmp/t"
        echo "$j $secs $kb $rc" >> "$tmp/times"
    done
done

fmt='%6s %10s %10s %8s %10s %14s %9s\n'
# shellcheck disable=SC2059
printf "$fmt" jobs "best (s)" "median (s)" "MB/s" "docs/s" "peak RSS (MB)" speed-up
# shellcheck disable=SC2059
printf "$fmt" ------ ---------- ---------- -------- ---------- -------------- ---------
base=""
for j in "${jobs[@]}"; do
    read -r best median < <(awk -v j="$j" '$1 == j { print $2 }' "$tmp/times" | sort -g |
        awk '{ t[++n] = $1 } END { printf "%s %s\n", t[1], (n % 2 ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2) }')
    read -r kb rcs < <(awk -v j="$j" '$1 == j { if ($3 > m) m = $3; if ($4 > rc) rc = $4 } END { print m + 0, rc + 0 }' "$tmp/times")
    [ -n "$base" ] || base=$best
    docs=$(grep -c '' "$tmp/out-$j" 2> /dev/null || echo 0)
    [ "$CMD" = ingest ] && docs=$(sed -n 's/.*documents: \([0-9]*\) new.*/\1/p' "$tmp/err-$j" | head -n 1)
    awk -v j="$j" -v b="$best" -v m="$median" -v kb="$kb" -v by="$bytes" -v d="${docs:-0}" -v base="$base" -v f="$fmt" -v rc="$rcs" 'BEGIN {
        printf f, j, sprintf("%.2f", b), sprintf("%.2f", m), sprintf("%.1f", by / 1e6 / b), sprintf("%.0f", d / b),
               sprintf("%.1f", kb * 1024 / 1e6), sprintf("x%.2f", base / b) (rc > 1 ? "  FAILED" : "")
    }'
done
echo
first=${jobs[0]}
for j in "${jobs[@]}"; do
    if ! cmp -s "$tmp/sum-$first" "$tmp/sum-$j"; then
        echo "--jobs $j: the output differs from --jobs $first" >&2
        failed=1
    fi
done
[ "$failed" -eq 0 ] && echo "same output for every --jobs value" \
    || { for e in "$tmp"/err-*; do echo "--- ${e##*/}:" >&2; tail -n 3 "$e" >&2; done; exit 1; }
