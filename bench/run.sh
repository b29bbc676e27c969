#!/usr/bin/env bash
# bench/run.sh — throughput and peak memory of `liaison extract --json`.
#
#   bench/run.sh [LIAISON]          LIAISON: path of the binary (default build/liaison)
#
# Environment:
#   MB=100               corpus size per language, in MB (1 MB = 10^6 bytes)
#   LANGS="en zh vi mixed"
#   SEED=1               generator seed
#   LIAISON=path         binary, when not given as the argument
#   LIAISON_ARGS=...     extra options passed to `liaison extract` (word-split)
#   BENCH_OUT=bench/out  where corpora are generated and kept
#
# Builds nothing and installs nothing. Corpora are generated once by gen-corpus.py and
# reused by later runs.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

usage() {
    sed -n '2,16s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}
die() { echo "bench: $*" >&2; exit 1; }

case ${1:-} in
    -h | --help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
esac
[ $# -le 1 ] || { usage >&2; exit 2; }

bin=${1:-${LIAISON:-$root/build/liaison}}
MB=${MB:-100}
SEED=${SEED:-1}
LANGS=${LANGS:-en zh vi mixed}
read -r -a langs <<< "$LANGS"
LANGS="${langs[*]:-}"   # trimmed, single spaces
OUT=${BENCH_OUT:-$here/out}
read -r -a extra <<< "${LIAISON_ARGS:-}"

# ---------------------------------------------------------------- checks
if ! [[ $MB =~ ^[0-9]+([.][0-9]+)?$ ]] || ! awk -v m="$MB" 'BEGIN { exit !(m > 0) }'; then
    die "MB must be a positive number, got '$MB'"
fi
[[ $SEED =~ ^[0-9]+$ ]] || die "SEED must be a non-negative integer, got '$SEED'"
for l in "${langs[@]}"; do
    case $l in en | zh | vi | mixed) ;; *) die "unknown language '$l' in LANGS (en zh vi mixed)" ;; esac
done
[ -n "${LANGS// /}" ] || die "LANGS is empty"

if [[ $bin == */* ]]; then
    [ -e "$bin" ] || die "liaison binary not found: $bin (build it first; bench/run.sh builds nothing)"
    if [ ! -x "$bin" ] || [ -d "$bin" ]; then die "not an executable file: $bin"; fi
else
    command -v "$bin" > /dev/null || die "command not found: $bin"
fi

TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
    die "$TIME not found. It measures peak memory; install GNU time (Debian/Ubuntu: apt-get install time)"
fi
probe=$("$TIME" -v true 2>&1 || true)
[[ $probe == *"Maximum resident set size"* ]] \
    || die "$TIME is not GNU time (it lacks -v). Debian/Ubuntu: apt-get install time"
command -v python3 > /dev/null || die "python3 is needed to generate the corpora"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---------------------------------------------------------------- corpora
# ensure_corpus LANG MB: generate $OUT/LANG-MBmb unless a matching one is there already
ensure_corpus() {
    local lang=$1 mb=$2 dir stamp want
    dir="$OUT/$lang-${mb}mb"
    stamp="$dir.stamp"
    want="lang=$lang mb=$mb seed=$SEED generator=$(cksum < "$here/gen-corpus.py" | cut -d' ' -f1)"
    if [ -d "$dir" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return 0
    fi
    rm -f "$stamp"
    case $dir in "$OUT"/*) rm -rf "$dir" ;; esac   # a partial or stale corpus
    mkdir -p "$OUT"
    python3 "$here/gen-corpus.py" --mb "$mb" --lang "$lang" --out "$dir" --seed "$SEED" >&2
    echo "$want" > "$stamp"
}

small_mb=$(awk -v m="$MB" 'BEGIN { printf "%g", m / 4 }')
small_lang=mixed
[[ " $LANGS " == *" mixed "* ]] || small_lang=${LANGS%% *}

runs=()
for l in "${langs[@]}"; do runs+=("$l $MB"); done
runs+=("$small_lang $small_mb")

for r in "${runs[@]}"; do
    # shellcheck disable=SC2086
    ensure_corpus $r
done

# ---------------------------------------------------------------- runs
version=$("$bin" --version < /dev/null 2> /dev/null | head -n 1 || true)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2> /dev/null || true)
echo "liaison: $bin${version:+ ($version)}"
echo "command: $bin extract --json ${extra[*]:+${extra[*]} }DIR > /dev/null"
echo "machine: ${cpu:-unknown CPU}, $(nproc 2> /dev/null || echo '?') CPUs; corpora in $OUT (seed $SEED)"
echo
fmt='%-6s %8s %9s %9s %9s %11s %14s\n'
# shellcheck disable=SC2059
printf "$fmt" lang MB documents seconds MB/s documents/s "peak RSS (MB)"
# shellcheck disable=SC2059
printf "$fmt" ------ -------- --------- --------- --------- ----------- --------------

failed=0
rss_small="" rss_full=""
for r in "${runs[@]}"; do
    read -r lang mb <<< "$r"
    dir="$OUT/$lang-${mb}mb"
    read -r docs bytes < <(find "$dir" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { print n + 0, b + 0 }')
    # warm the page cache so that the run measures the extractor, not the disk
    find "$dir" -type f -exec cat {} + > /dev/null
    rc=0
    t0=$(date +%s%N)
    "$TIME" -v -o "$tmp/time" "$bin" extract --json "${extra[@]}" "$dir" > /dev/null 2> "$tmp/err-$lang-$mb" || rc=$?
    t1=$(date +%s%N)
    rss_kb=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$tmp/time")
    row=$(awk -v l="$lang" -v b="$bytes" -v n="$docs" -v ns=$((t1 - t0)) -v kb="${rss_kb:-0}" -v f="$fmt" 'BEGIN {
        s = ns / 1e9; if (s <= 0) s = 1e-9
        printf f, l, sprintf(b < 1e7 ? "%.2f" : "%.1f", b / 1e6), n, sprintf("%.2f", s), sprintf("%.1f", b / 1e6 / s),
                  sprintf("%.0f", n / s), sprintf("%.1f", kb * 1024 / 1e6)
    }')
    if [ "$rc" -ne 0 ]; then
        row="${row%$'\n'}   FAILED (exit $rc)"
        failed=1
    fi
    printf '%s\n' "$row"
    if [ "$rc" -eq 0 ] && [ "$lang" = "$small_lang" ]; then
        if [ "$mb" = "$small_mb" ]; then rss_small=$rss_kb; else rss_full=$rss_kb; fi
    fi
done

echo
if [ -n "$rss_small" ] && [ -n "$rss_full" ] && [ "$small_mb" != "$MB" ]; then
    awk -v s="$rss_small" -v f="$rss_full" -v l="$small_lang" -v sm="$small_mb" -v fm="$MB" 'BEGIN {
        printf "peak RSS, %s: %.1f MB on %s MB, %.1f MB on %s MB (x%.2f for x4 the input)\n",
               l, s * 1024 / 1e6, sm, f * 1024 / 1e6, fm, (s > 0 ? f / s : 0)
    }'
fi
if [ "$failed" -ne 0 ]; then
    for e in "$tmp"/err-*; do
        [ -s "$e" ] || continue
        echo "--- stderr of ${e##*/err-} (last lines):" >&2
        tail -n 5 "$e" >&2
    done
    exit 1
fi
