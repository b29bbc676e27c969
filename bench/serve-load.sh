#!/usr/bin/env bash
# bench/serve-load.sh — `liaison serve` under load: wrk on loopback against
# /api/events?limit=50 over a knowledge base of at least 100,000 generated documents.
#
#   bench/serve-load.sh [LIAISON]        LIAISON: path of the binary (default build/liaison)
#
# Environment:
#   MB=510               corpus size in MB (510 MB of --lang mixed = about 101,600 documents)
#   SEED=1               generator seed
#   OUT=/tmp/servebench  the corpus (generated once, reused while its stamp matches)
#   DB=$OUT.db           the knowledge base (ingested once, reused while its stamp matches)
#   THREADS=2 CONNS=64 SECONDS_=20   wrk's threads, connections and duration
#   URLPATH=/api/events?limit=50     what to ask
#   TARGET_P99_MS=20     the bar: p99 below it and no errors
#
# Runs, each after a warm-up request: the server as it ships (events it has rendered
# are kept in memory), then with --no-memo (every request renders its 50 events from
# the database), then a walk over 200 successive pages (a wrk Lua script following
# the `next` cursors) to see deep keyset pages.  Traffic goes to 127.0.0.1 only;
# every run is bounded in time.  Exit status 0 when the first run meets the bar.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
case ${1:-} in -h | --help) sed -n '2,22s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
bin=$(cd "$(dirname "${1:-$root/build/liaison}")" && pwd)/$(basename "${1:-$root/build/liaison}")
MB=${MB:-510}
SEED=${SEED:-1}
OUT=${OUT:-/tmp/servebench}
DB=${DB:-$OUT.db}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64}
SECONDS_=${SECONDS_:-20}
URLPATH=${URLPATH:-/api/events?limit=50}
TARGET_P99_MS=${TARGET_P99_MS:-20}

die() { echo "bench/serve-load: $*" >&2; exit 1; }
[ -x "$bin" ] || die "no executable $bin (build first)"
command -v wrk > /dev/null || die "wrk is needed (Debian: apt-get install wrk; scripts/deps installs it)"

# ---- the corpus and the knowledge base, made once
stamp="lang=mixed mb=$MB seed=$SEED generator=$(cksum < "$here/gen-corpus.py" | cut -d' ' -f1)"
if [ ! -f "$OUT.stamp" ] || [ "$(cat "$OUT.stamp")" != "$stamp" ]; then
    rm -rf "$OUT" "$OUT.stamp"
    python3 "$here/gen-corpus.py" --mb "$MB" --lang mixed --seed "$SEED" --out "$OUT" >&2
    echo "$stamp" > "$OUT.stamp"
fi
if [ ! -f "$DB.stamp" ] || [ "$(cat "$DB.stamp")" != "$stamp" ] || [ ! -f "$DB" ]; then
    rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.stamp"
    echo "bench/serve-load: ingesting $OUT into $DB (a few minutes)" >&2
    t0=$(date +%s)
    "$bin" ingest -q --db "$DB" "$OUT"
    echo "bench/serve-load: ingest took $(( $(date +%s) - t0 )) s" >&2
    echo "$stamp" > "$DB.stamp"
fi

tmp=$(mktemp -d)
. "$here/serve-lib.sh"
trap 'serve_stop; rm -rf "$tmp"' EXIT
start() { serve_start "$bin" "$DB" "$tmp/serve.err" "$@"; } # start [OPTIONS]: sets $port

docs=
# one run of wrk; prints a table row and sets rps, p99ms, errors
measure() { # measure NAME URL [LUA]
    local name=$1 url=$2 lua=${3:-}
    curl -sf -o /dev/null "$url" || die "$url does not answer"
    wrk -t"$THREADS" -c"$CONNS" -d"${SECONDS_}s" --latency ${lua:+-s "$lua"} "$url" > "$tmp/wrk.out" 2>&1 \
        || { cat "$tmp/wrk.out" >&2; die "wrk failed"; }
    wrk_read "$tmp/wrk.out"
    local total
    total=$(awk '/requests in/ { print $1 }' "$tmp/wrk.out")
    printf '%-34s %10s %9s %9s %10s %8s\n' "$name" "$rps" "$p50" "$p99" "$total" "$errors"
    cp "$tmp/wrk.out" "$tmp/wrk-$(echo "$name" | tr -c 'a-z0-9' '-').out"
}

# a wrk script that walks the list page by page (each connection follows `next`)
cat > "$tmp/walk.lua" <<'EOF'
local cursors = {}
local n = 0
request = function()
  local c = cursors[#cursors]
  local path = "/api/events?limit=50" .. (c and ("&cursor=" .. c) or "")
  return wrk.format("GET", path)
end
response = function(status, headers, body)
  local next_ = body:match('"next":"([^"]+)"')
  n = n + 1
  if next_ and #cursors < 200 then cursors[#cursors + 1] = next_ else cursors = {} end
end
EOF

echo "liaison serve under load: wrk -t$THREADS -c$CONNS -d${SECONDS_}s --latency on 127.0.0.1, $(nproc) CPUs"
start
docs=$(curl -sf "http://127.0.0.1:$port/api/stats" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["documents"], d["events"])')
echo "knowledge base: $DB: $(echo "$docs" | cut -d' ' -f1) documents, $(echo "$docs" | cut -d' ' -f2) events"
[ "$(echo "$docs" | cut -d' ' -f1)" -ge 100000 ] || echo "bench/serve-load: warning: fewer than 100,000 documents (MB=$MB)" >&2
printf '%-34s %10s %9s %9s %10s %8s\n' run requests/s p50 p99 requests errors
printf '%-34s %10s %9s %9s %10s %8s\n' ---------------------------------- ---------- --------- --------- ---------- --------
measure "$URLPATH" "http://127.0.0.1:$port$URLPATH"
main_p99=$p99ms main_errors=$errors main_rps=$rps
measure "200 pages, following cursors" "http://127.0.0.1:$port/api/events?limit=50" "$tmp/walk.lua"
serve_stop
start --no-memo
measure "$URLPATH (--no-memo)" "http://127.0.0.1:$port$URLPATH"
serve_stop

verdict=$(awk -v p="$main_p99" -v t="$TARGET_P99_MS" -v e="$main_errors" 'BEGIN { print (p < t && e == 0) ? "met" : "NOT met" }')
echo "bar (p99 < $TARGET_P99_MS ms, no errors) for $URLPATH: $verdict ($main_rps requests/s, p99 $main_p99 ms, $main_errors errors)"
[ "$verdict" = met ]
