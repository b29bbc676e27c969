#!/usr/bin/env bash
# test_web.sh — the page of `liaison serve` in a real browser: headless Chromium
# from Debian (/usr/bin/chromium, package chromium) driven by playwright-core
# from npm (tests/web/package.json and its lock; installed into
# tests/web/node_modules by `npm ci`, not committed).
#
#   tests/test_web.sh [LIAISON [SOURCE_DIR [OUTPUT_DIR]]]
#
# Makes a knowledge base (the records of tests/kb and tests/serve, then
# samples/ and tests/serve/xss-article.txt through extraction), starts the
# server on a free loopback port, runs tests/web/test_web.mjs, stops the
# server.  Screenshots: OUTPUT_DIR (default: build/web-test) /<width>x<height>-<step>.png.
set -uo pipefail

src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
bin=${1:-$src/build/liaison}
out=${3:-$src/build/web-test}
web=$src/tests/web

die() { echo "test_web: $*" >&2; exit 1; }
[ -x "$bin" ] || die "no executable $bin (build first)"
[ -x /usr/bin/chromium ] || die "no /usr/bin/chromium (scripts/deps installs Debian's chromium)"
command -v node > /dev/null && command -v npm > /dev/null || die "node and npm are needed (scripts/deps)"

# playwright-core as locked; npm ci only when it is missing or another version
want=$(node -e 'console.log(require(process.argv[1]).packages["node_modules/playwright-core"].version)' \
    "$web/package-lock.json")
have=$(node -e 'try { console.log(require(process.argv[1]).version) } catch (e) { console.log("") }' \
    "$web/node_modules/playwright-core/package.json")
if [ "$want" != "$have" ]; then
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in $web"
fi

tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

db=$tmp/web.db
"$bin" ingest -q --records --db "$db" "$src/tests/kb/records.jsonl" "$src/tests/serve/xss-record.jsonl" \
    || die "ingest of the records failed"
"$bin" ingest -q --db "$db" "$src/samples" "$src/tests/serve/xss-article.txt" || die "ingest of the samples failed"

"$bin" serve --db "$db" --port 0 2> "$tmp/serve.err" &
pid=$!
port=
for _ in $(seq 100); do
    port=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.err" | head -n 1 | sed 's/.*://')
    [ -n "$port" ] && break
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.1
done
[ -n "$port" ] || { cat "$tmp/serve.err" >&2; die "the server did not start"; }

rm -rf "$out"
mkdir -p "$out" && out=$(cd "$out" && pwd)
(cd "$web" && node test_web.mjs "http://127.0.0.1:$port" "$out")
rc=$?
kill "$pid" 2> /dev/null
wait "$pid" 2> /dev/null
pid=
echo "test_web: screenshots in $out"
exit $rc
