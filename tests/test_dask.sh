#!/usr/bin/env bash
# tests/test_dask.sh — extraction as a stage of a Dask job (examples/dask/extract_shards.py)
# on a real Dask LocalCluster of 2 worker processes (Debian's python3-distributed):
#
#   1. WARC shards (.warc.gz) and JSON Lines shards made from generated news: the records the
#      cluster writes are byte-identical to one `liaison extract --json` over the same shards;
#   2. the records stored with --db give the same knowledge base (by export) as `ingest` of
#      the shards on one machine;
#   3. a bad shard: its error names the shard, the other shards' records are written, exit 1;
#   4. usage errors exit 2 and write nothing.
#
#   tests/test_dask.sh BIN SRCDIR
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
py=/usr/bin/python3 # Debian's interpreter: python3-distributed is installed for it
ex=$src/examples/dask/extract_shards.py
fail() { echo "test_dask: FAIL: $*" >&2; exit 1; }

$py -c 'import distributed' 2> /dev/null || fail "python3-distributed is not installed (scripts/deps installs it)"

tmp=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/shards"

# generated news, 3 WARC shards of pages and 2 JSON Lines shards of texts
$py "$src/bench/gen-corpus.py" --mb 0.4 --lang mixed --out "$tmp/corpus" --seed 7 -q
for i in 1 2 3; do
    $py "$src/bench/gen-warc.py" --corpus "$tmp/corpus" --mb 0.25 --seed "$i" \
        --warc "$tmp/shards/crawl-$i.warc.gz" > /dev/null
done
$py - "$tmp/corpus" "$tmp/shards" << 'EOF'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(r, f) for r, _, fs in os.walk(corpus) for f in fs if f.endswith(".txt"))
for n, part in enumerate((files[0::2], files[1::2])):
    with open(os.path.join(out, f"texts-{n}.jsonl"), "w", encoding="utf-8") as f:
        for p in part[:40]:
            with open(p, encoding="utf-8") as t:
                text = t.read()
            f.write(json.dumps({"id": os.path.basename(p)[:-4], "text": text},
                               ensure_ascii=False) + "\n")
EOF
shards=("$tmp"/shards/*)
[ ${#shards[@]} -eq 5 ] || fail "want 5 shards, made ${#shards[@]}"

# 1. the cluster's records = one run on one machine
"$bin" extract --json --text --jobs 1 "${shards[@]}" > "$tmp/single.jsonl"
n=$(wc -l < "$tmp/single.jsonl")
[ "$n" -ge 100 ] || fail "the single run wrote $n records, want >= 100"
$py "$ex" --workers 2 --liaison "$bin" --out "$tmp/dask.jsonl" --db "$tmp/dask.db" "${shards[@]}" \
    2> "$tmp/dask.err" || fail "extract_shards failed: $(cat "$tmp/dask.err")"
cmp -s "$tmp/single.jsonl" "$tmp/dask.jsonl" || fail "records differ from the single-machine run"
grep -q "5 shards, 5 tasks done" "$tmp/dask.err" || fail "no summary: $(cat "$tmp/dask.err")"
[ ! -e "$tmp/dask.jsonl.part" ] || fail "a .part file was left"

# 2. the knowledge base fed from the cluster = ingest on one machine
"$bin" ingest --quiet --jobs 1 --db "$tmp/single.db" "${shards[@]}"
"$bin" export --db "$tmp/single.db" --format json --out "$tmp/single.export" 2> /dev/null
"$bin" export --db "$tmp/dask.db" --format json --out "$tmp/dask.export" 2> /dev/null
[ -s "$tmp/single.export/events.jsonl" ] || fail "no events exported"
# a record's content hash is the hash of the record: the documents are compared on the rest
for d in single dask; do
    $py -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l); del r["content_hash"]; print(json.dumps(r, ensure_ascii=False, sort_keys=True))' \
        "$tmp/$d.export/documents.jsonl" > "$tmp/$d.docs"
    rm "$tmp/$d.export/documents.jsonl"
done
cmp -s "$tmp/single.docs" "$tmp/dask.docs" || fail "the documents differ: $(diff "$tmp/single.docs" "$tmp/dask.docs" | head -5)"
diff -r "$tmp/single.export" "$tmp/dask.export" > "$tmp/export.diff" ||
    fail "the knowledge bases differ (export): $(head -c 600 "$tmp/export.diff")"

# 3. a truncated archive among the shards: named, the rest kept, exit 1
head -c 3000 "$tmp/shards/crawl-2.warc.gz" > "$tmp/bad.warc.gz"
rc=0
$py "$ex" --workers 2 --liaison "$bin" --out "$tmp/bad.jsonl" \
    "$tmp/shards/crawl-1.warc.gz" "$tmp/bad.warc.gz" "$tmp/shards/texts-0.jsonl" \
    2> "$tmp/bad.err" || rc=$?
[ "$rc" -eq 1 ] || fail "a bad shard: exit $rc, want 1 ($(cat "$tmp/bad.err"))"
grep -q "bad.warc.gz" "$tmp/bad.err" || fail "the error does not name the shard: $(cat "$tmp/bad.err")"
"$bin" extract --json --jobs 1 "$tmp/shards/crawl-1.warc.gz" "$tmp/shards/texts-0.jsonl" > "$tmp/good.jsonl"
grep -q -F -f <(head -c 200 "$tmp/good.jsonl" | head -1 | cut -c1-60) "$tmp/bad.jsonl" ||
    fail "the good shards' records are missing"
[ "$(wc -l < "$tmp/bad.jsonl")" -ge "$(wc -l < "$tmp/good.jsonl")" ] || fail "records of good shards lost"

# 4. usage errors
rc=0
$py "$ex" --liaison "$tmp/nothing" "$tmp/shards" > "$tmp/u.out" 2>&1 || rc=$?
[ "$rc" -eq 2 ] || fail "a missing binary: exit $rc, want 2"
rc=0
$py "$ex" --liaison "$bin" "$tmp/no-such-folder" > "$tmp/u.out" 2>&1 || rc=$?
[ "$rc" -ne 0 ] && grep -q "no-such-folder" "$tmp/u.out" || fail "a missing input is not named"

echo "test_dask: ok ($n records from 5 shards on 2 workers, identical; knowledge bases equal)"
