#!/usr/bin/env bash
# bench/soak.sh — `liaison serve` left running under a mix of load for a long time:
# API requests (every endpoint, CSV, paging, errors, and requests made to hurt), slow
# clients (slowloris) and ingests into the knowledge base it serves.  Not run by CI.
#
#   bench/soak.sh [LIAISON]        LIAISON: path of the binary (default build/liaison)
#
# Environment:
#   SOAK_SECONDS=1800     how long (30 minutes)
#   CLIENTS=4             API clients (threads, each one keep-alive connection at a time)
#   RATE=200              API requests per second at most, all clients together
#   SLOW=40               slow clients: a header line every 2 s, reconnecting when closed
#   INGEST_EVERY=60       seconds between two ingests of new generated documents
#   SAMPLE_EVERY=10       seconds between two samples of the server's memory
#   HEADER_TIMEOUT=10     the server's --header-timeout
#   OUT=/tmp/liaison-soak the knowledge base and the generated documents (made anew)
#
# Reports the requests made, the unexpected answers (errors), latency percentiles,
# the slow connections the server closed and after how long, the ingests, and the
# server's memory (VmRSS and its anonymous part, RssAnon: the heap, where a leak
# shows; file pages of the memory-mapped database grow with it and are not a leak)
# sampled over time.  Exit status 0 when there was no error, the server is still up,
# and RssAnon stayed flat over the second half (at most 25% + 16 MB above its value
# at half time).  Traffic goes to 127.0.0.1 only; every loop is bounded in count and
# in time; the server is stopped (by its process id) at the end.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
case ${1:-} in -h | --help) sed -n '2,27s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
bin=$(cd "$(dirname "${1:-$root/build/liaison}")" && pwd)/$(basename "${1:-$root/build/liaison}")
SOAK_SECONDS=${SOAK_SECONDS:-1800}
CLIENTS=${CLIENTS:-4}
RATE=${RATE:-200}
SLOW=${SLOW:-40}
INGEST_EVERY=${INGEST_EVERY:-60}
SAMPLE_EVERY=${SAMPLE_EVERY:-10}
HEADER_TIMEOUT=${HEADER_TIMEOUT:-10}
OUT=${OUT:-/tmp/liaison-soak}

die() { echo "bench/soak: $*" >&2; exit 1; }
[ -x "$bin" ] || die "no executable $bin (build first)"
command -v python3 > /dev/null || die "python3 is needed"

rm -rf "$OUT"
mkdir -p "$OUT"
db=$OUT/kb.db
# the knowledge base: the samples and a small generated corpus
python3 "$here/gen-corpus.py" --mb 2 --lang mixed --seed 11 --out "$OUT/start" -q
"$bin" ingest -q --db "$db" "$root/samples" "$OUT/start" || die "the first ingest failed"

server=
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2> /dev/null; then
        kill -TERM "$server" 2> /dev/null || true
        wait "$server" 2> /dev/null || true
    fi
}
trap cleanup EXIT
"$bin" serve --db "$db" --port 0 --threads 2 --header-timeout "$HEADER_TIMEOUT" 2> "$OUT/serve.log" &
server=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$OUT/serve.log" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$server" 2> /dev/null || break
    sleep 0.1
done
[ -n "$port" ] || { cat "$OUT/serve.log" >&2; die "the server did not start"; }

echo "bench/soak: liaison serve (pid $server) on 127.0.0.1:$port for ${SOAK_SECONDS}s:" \
     "$CLIENTS API clients (at most $RATE requests/s), $SLOW slow clients, an ingest every ${INGEST_EVERY}s"
rc=0
python3 "$here/soak-driver.py" --bin "$bin" --db "$db" --port "$port" --pid "$server" \
    --seconds "$SOAK_SECONDS" --clients "$CLIENTS" --rate "$RATE" --slow "$SLOW" \
    --ingest-every "$INGEST_EVERY" --sample-every "$SAMPLE_EVERY" --header-timeout "$HEADER_TIMEOUT" \
    --gen "$here/gen-corpus.py" --work "$OUT" || rc=$?
kill -0 "$server" 2> /dev/null || { echo "bench/soak: FAIL the server is gone" >&2; rc=1; }
echo "bench/soak: the server's log: $(wc -l < "$OUT/serve.log") lines;" \
     "the most frequent:"
sed -E 's/[0-9]+/N/g' "$OUT/serve.log" | sort | uniq -c | sort -rn | head -n 5
exit "$rc"
