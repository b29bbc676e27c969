#!/usr/bin/env bash
# bench/readability/run.sh — liaison's HTML article extractor against Mozilla
# Readability on the pages of pages/, token precision/recall against truth/.
#
#   bench/readability/run.sh [LIAISON_HTML]     default: build/liaison_html
#
# Installs @mozilla/readability and jsdom into bench/readability/node_modules
# (npm install --no-audit --no-fund, versions pinned by package-lock.json) the
# first time.  Needs node and npm.  Builds nothing: build liaison first
# (cmake --build build --target liaison_html).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/liaison_html}
[ -x "$bin" ] || { echo "readability: $bin not found: cmake --build build --target liaison_html" >&2; exit 1; }
command -v node > /dev/null || { echo "readability: node is needed (apt-get install nodejs npm)" >&2; exit 1; }
if [ ! -d "$here/node_modules/@mozilla/readability" ] || [ ! -d "$here/node_modules/jsdom" ]; then
    (cd "$here" && npm install --no-audit --no-fund >&2)
fi
exec node "$here/compare.js" "$bin"
