#!/usr/bin/env bash
# test_golden.sh — golden tests: samples/NAME.txt -> tests/golden/NAME.json.
#
#   tests/test_golden.sh [--update] [LIAISON]
#
# For each sample, runs `liaison extract --json samples/NAME.txt` and compares
# the record with tests/golden/NAME.json (the same record, pretty-printed so
# that a change reads well in a diff).  --update rewrites the golden files
# from the current binary instead: review `git diff tests/golden` before
# committing them.  LIAISON defaults to build/liaison.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
update=0
if [ "${1:-}" = "--update" ]; then
    update=1
    shift
fi
case ${1:-} in -h | --help) sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;; esac
bin=${1:-$root/build/liaison}
golden=$here/golden
py=${PYTHON:-python3}

[ -x "$bin" ] || { echo "test_golden: no executable $bin (build first)" >&2; exit 2; }
shopt -s nullglob
samples=("$root"/samples/*.txt)
[ ${#samples[@]} -gt 0 ] || { echo "test_golden: no samples/*.txt" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# pretty < record > the record pretty-printed (key order kept, UTF-8 as is)
pretty() {
    "$py" -c 'import json, sys
r = json.loads(sys.stdin.read())
sys.stdout.write(json.dumps(r, ensure_ascii=False, indent=2) + "\n")'
}

fails=0 n=0 orphans=0
for f in "${samples[@]}"; do
    name=$(basename "$f" .txt)
    n=$((n + 1))
    if ! "$bin" extract --json "$f" > "$tmp/raw" 2> "$tmp/err"; then
        echo "FAIL $name: liaison exited with an error"
        sed 's/^/     | /' "$tmp/err"
        fails=$((fails + 1))
        continue
    fi
    if ! pretty < "$tmp/raw" > "$tmp/got"; then
        echo "FAIL $name: output is not one JSON record"
        fails=$((fails + 1))
        continue
    fi
    if [ "$update" -eq 1 ]; then
        mkdir -p "$golden"
        if cmp -s "$tmp/got" "$golden/$name.json"; then
            echo "same $name"
        else
            cp "$tmp/got" "$golden/$name.json"
            echo "wrote tests/golden/$name.json"
        fi
    elif [ ! -f "$golden/$name.json" ]; then
        echo "FAIL $name: no tests/golden/$name.json (run tests/test_golden.sh --update)"
        fails=$((fails + 1))
    elif diff -u --label "golden/$name.json" --label "liaison extract --json samples/$name.txt" \
        "$golden/$name.json" "$tmp/got" > "$tmp/diff"; then
        echo "ok   $name"
    else
        echo "FAIL $name: output differs from tests/golden/$name.json"
        cat "$tmp/diff"
        fails=$((fails + 1))
    fi
done

# golden files whose sample is gone
for g in "$golden"/*.json; do
    name=$(basename "$g" .json)
    if [ ! -f "$root/samples/$name.txt" ]; then
        if [ "$update" -eq 1 ]; then
            rm -f "$g"
            echo "removed tests/golden/$name.json (no samples/$name.txt)"
        else
            echo "FAIL $name: tests/golden/$name.json has no samples/$name.txt"
            orphans=$((orphans + 1))
        fi
    fi
done

if [ "$update" -eq 1 ]; then
    echo "test_golden: $n golden files up to date; review with: git diff tests/golden"
    [ "$fails" -eq 0 ]
    exit
fi
extra=""
[ "$orphans" -eq 0 ] || extra=", $orphans golden files without a sample"
echo "test_golden: $((n - fails)) of $n samples match$extra"
[ "$fails" -eq 0 ] && [ "$orphans" -eq 0 ]
