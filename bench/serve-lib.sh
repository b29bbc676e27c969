# bench/serve-lib.sh — sourced by the benchmarks that run `liaison serve` on loopback
# (serve-load.sh, million.sh); the sourcing script defines die().
#
#   serve_start BIN DB ERRFILE [OPTIONS]   the server on a free port: sets $pid and $port
#   serve_stop                             stops it (safe to call twice, or from a trap)
#   wrk_read FILE                          reads `wrk --latency` output: sets $rps, $p50,
#                                          $p99, $p99ms (p99 in ms) and $errors (non-2xx
#                                          responses and socket errors)

pid=
serve_start() {
    local bin=$1 db=$2 err=$3
    shift 3
    "$bin" serve --db "$db" --port 0 "$@" 2> "$err" &
    pid=$!
    port=
    for _ in $(seq 600); do # a first start migrates the schema: give it time
        port=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$err" | head -n 1 | sed 's/.*://') || true
        [ -n "$port" ] && return 0
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
    done
    cat "$err" >&2
    die "the server did not start"
}

serve_stop() {
    if [ -n "$pid" ]; then
        kill "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
        pid=
    fi
}

wrk_read() {
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$1")
    p50=$(awk '$1 == "50%" { print $2 }' "$1")
    p99=$(awk '$1 == "99%" { print $2 }' "$1")
    p99ms=$(echo "$p99" | awk '/us$/ { sub("us", ""); print $1 / 1000; next } /ms$/ { sub("ms", ""); print $1; next }
                              /s$/ { sub("s", ""); print $1 * 1000 }')
    errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF }
                  /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i }
                  END { print n + 0 }' "$1")
}
