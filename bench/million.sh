#!/usr/bin/env bash
# bench/million.sh — a knowledge base of a million documents: ingest time, size on disk and
# peak memory, then every query command and every API endpoint timed on it.
#
#   bench/million.sh [LIAISON]        LIAISON: path of the binary (default build/liaison)
#
# Environment:
#   MB=5000              corpus size in MB (5000 MB of --lang mixed = about 1,000,000 documents)
#   SEED=1               generator seed
#   OUT=/tmp/million     the corpus (generated once, reused while its stamp matches)
#   DB=$OUT.db           the knowledge base (ingested once, reused while its stamp matches)
#   JOBS=2               ingest --jobs
#   RUNS=30              runs of each query command (p50 and p99 of their wall time,
#                        process start and table loading included)
#   CONNS=32 SECONDS_=10 wrk's connections and duration per endpoint
#   TARGET_P99_MS=20     the bar: every command's and every endpoint's p99 below it
#
# Prints: documents, ingest wall time and MB/s, peak RSS of ingest (GNU time), the base's
# size on disk; a table of every query command (p50, p99 in ms); a table of every API
# endpoint under wrk (requests/s, p50, p99, errors) and the server's peak RSS.  Traffic
# goes to 127.0.0.1 only.  Exit status 0 when every p99 is below the bar.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
case ${1:-} in -h | --help) sed -n '2,22s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
bin=$(cd "$(dirname "${1:-$root/build/liaison}")" && pwd)/$(basename "${1:-$root/build/liaison}")
MB=${MB:-5000}
SEED=${SEED:-1}
OUT=${OUT:-/tmp/million}
DB=${DB:-$OUT.db}
JOBS=${JOBS:-2}
RUNS=${RUNS:-30}
CONNS=${CONNS:-32}
SECONDS_=${SECONDS_:-10}
TARGET_P99_MS=${TARGET_P99_MS:-20}
TIME=/usr/bin/time

die() { echo "bench/million: $*" >&2; exit 1; }
[ -x "$bin" ] || die "no executable $bin (build first)"
command -v wrk > /dev/null || die "wrk is needed (scripts/deps installs it)"
[ -x "$TIME" ] || die "GNU time is needed (scripts/deps installs it)"

tmp=$(mktemp -d)
. "$here/serve-lib.sh"
trap 'serve_stop; rm -rf "$tmp"' EXIT

# ---- the corpus and the knowledge base, made once
stamp="lang=mixed mb=$MB seed=$SEED generator=$(cksum < "$here/gen-corpus.py" | cut -d' ' -f1)"
if [ ! -f "$OUT.stamp" ] || [ "$(cat "$OUT.stamp")" != "$stamp" ]; then
    rm -rf "$OUT" "$OUT.stamp"
    echo "bench/million: generating $MB MB into $OUT" >&2
    python3 "$here/gen-corpus.py" --mb "$MB" --lang mixed --seed "$SEED" --out "$OUT" -q
    echo "$stamp" > "$OUT.stamp"
fi
corpus_mb=$(du -sm "$OUT" | cut -f1)
if [ ! -f "$DB.stamp" ] || [ "$(cat "$DB.stamp")" != "$stamp jobs=$JOBS" ] || [ ! -f "$DB" ]; then
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.stamp" "$DB.ingest"
    echo "bench/million: ingesting $OUT into $DB" >&2
    "$TIME" -f "%e %M" -o "$tmp/ingest.time" "$bin" ingest -q --jobs "$JOBS" --db "$DB" "$OUT"
    read -r secs rss < "$tmp/ingest.time"
    echo "$secs $rss" > "$DB.ingest"
    echo "$stamp jobs=$JOBS" > "$DB.stamp"
fi
read -r secs rss < "$DB.ingest"
db_mb=$(du -cm "$DB"* | tail -n 1 | cut -f1)

echo "liaison on a million documents: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
serve_start "$bin" "$DB" "$tmp/serve.err"
api=http://127.0.0.1:$port
read -r ndocs nevents < <(curl -sf "$api/api/stats" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["documents"], d["events"])')
printf 'corpus      %s MB, %s documents, %s events\n' "$corpus_mb" "$ndocs" "$nevents"
printf 'ingest      %s s (--jobs %s), %.1f MB/s, peak RSS %d MB\n' "$secs" "$JOBS" \
    "$(echo "$corpus_mb $secs" | awk '{ print $1 / $2 }')" $((rss / 1024))
printf 'base        %s MB on disk (with WAL)\n' "$db_mb"

# ids to ask about: the first person, event, place and document of the lists
read -r person pname < <(curl -sf "$api/api/people?limit=1" | python3 -c 'import json,sys; r=json.load(sys.stdin)["items"]; print(r[0]["id"], r[0]["name"])')
event=$(curl -sf "$api/api/events?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
place=Guangxi
doc=$(curl -sf "$api/api/events/$event" | python3 -c 'import json,sys; d=json.load(sys.stdin); s=d.get("sources") or d.get("documents") or []; print(s[0]["doc"] if s else "")')

fail=0
ms() { sort -n | awk '{ t[NR] = $1 * 1000 } END { n = NR; p50 = t[int((n + 1) / 2)]; i = int(n * 0.99 + 0.999); if (i > n) i = n; printf "%.1f %.1f\n", p50, t[i] }'; }
echo
printf '%-44s %8s %8s\n' "command ($RUNS runs)" p50_ms p99_ms
query() { # query NAME ARGS...
    local name=$1
    shift
    : > "$tmp/times"
    for _ in $(seq "$RUNS"); do
        "$TIME" -f "%e" -a -o "$tmp/times" "$bin" "$@" --db "$DB" > /dev/null 2>&1 || die "$name failed"
    done
    read -r p50 p99 < <(ms < "$tmp/times")
    printf '%-44s %8s %8s\n' "$name" "$p50" "$p99"
    awk -v p="$p99" -v b="$TARGET_P99_MS" 'BEGIN { exit !(p >= b) }' && fail=1 || true
}
query "events --limit 50" events --limit 50
query "events --party Guangxi --limit 50" events --party Guangxi --limit 50
query "people --country CN --limit 50" people --country CN --limit 50
query "people --limit 50" people --limit 50
query "person $pname" person "$pname"
query "timeline --between Guangxi --and Hanoi" timeline --between Guangxi --and Hanoi
query "ties" ties --limit 50
query "figures --party Guangxi --limit 50" figures --party Guangxi --limit 50
query "commitments --limit 50" commitments --limit 50
query "search trade --limit 20" search trade --limit 20
query "search 贸易 --limit 20" search 贸易 --limit 20

echo
printf '%-44s %10s %9s %9s %8s\n' "endpoint (wrk -c$CONNS -d${SECONDS_}s)" requests/s p50 p99 errors
endpoint() { # endpoint PATH
    local url=$api$1
    curl -sf -o /dev/null "$url" || die "$url does not answer"
    wrk -t2 -c"$CONNS" -d"${SECONDS_}s" --latency "$url" > "$tmp/wrk.out" 2>&1 || die "wrk failed on $1"
    wrk_read "$tmp/wrk.out"
    printf '%-44s %10s %9s %9s %8s\n' "$1" "$rps" "$p50" "$p99" "$errors"
    awk -v p="$p99ms" -v b="$TARGET_P99_MS" 'BEGIN { exit !(p >= b) }' && fail=1 || true
    [ "$errors" -eq 0 ] || fail=1
}
endpoint "/api/stats"
endpoint "/api/events?limit=50"
endpoint "/api/events/$event"
endpoint "/api/people?limit=50"
endpoint "/api/person/$person"
endpoint "/api/places"
endpoint "/api/place/$place"
endpoint "/api/ties"
endpoint "/api/figures?limit=50"
endpoint "/api/commitments?limit=50"
endpoint "/api/search?q=trade&limit=20"
endpoint "/api/timeline?party=Guangxi&party=Hanoi"
endpoint "/api/events?party=Guangxi&limit=50"
endpoint "/api/network?limit=100"
[ -n "$doc" ] && endpoint "/api/documents/$doc"
serve_rss=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")
echo
echo "serve peak RSS ${serve_rss} MB"
serve_stop
if [ "$fail" -eq 0 ]; then echo "bench/million: every p99 below ${TARGET_P99_MS} ms"; else echo "bench/million: some p99 at or above ${TARGET_P99_MS} ms"; fi
exit "$fail"
