#!/usr/bin/env bash
# test_corpus_smoke.sh — runs liaison over a generated corpus of every language
# (bench/gen-corpus.py: varied names, places, numbers, scraped-page noise) and
# checks that every document gives one record that validates against the
# schema, with exit status 0.  Catches crashes on inputs the hand-written
# tests do not think of.
#
#   tests/test_corpus_smoke.sh LIAISON_BINARY
set -euo pipefail
bin=${1:?usage: test_corpus_smoke.sh LIAISON}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail=0
for lang in en zh vi mixed; do
    python3 "$root/bench/gen-corpus.py" --mb 1 --lang "$lang" --out "$work/$lang" --seed 7 -q
    files=$(find "$work/$lang" -name '*.txt' | wc -l)
    if ! "$bin" extract --json "$work/$lang" > "$work/$lang.jsonl" 2> "$work/$lang.err"; then
        echo "FAIL $lang: exit status $? ($(head -c 300 "$work/$lang.err"))"
        fail=1
        continue
    fi
    records=$(wc -l < "$work/$lang.jsonl")
    if [ "$records" -ne "$files" ]; then
        echo "FAIL $lang: $records records for $files documents"
        fail=1
        continue
    fi
    if ! python3 "$here/validate_schema.py" "$work/$lang.jsonl" > "$work/$lang.val" 2>&1; then
        echo "FAIL $lang: records do not validate: $(head -c 300 "$work/$lang.val")"
        fail=1
        continue
    fi
    echo "ok   $lang: $records records"
done
exit $fail
