#!/usr/bin/env bash
# test_limits.sh — inputs past the usual sizes, and output under interruption:
# HTML pages past libxml2's default limits (a text node over 10,000,000 bytes,
# nesting of 10,000 levels) keep their article in bounded time; feeds and JSON
# lines past them are an error naming the file and the item or line; one file
# name in two folders gives two documents (extract, ingest, across runs);
# extract writes each record as soon as it and those before it are done,
# whole, so that a run killed half-way leaves complete lines only.  Every input is
# generated here (nothing large is kept in the repository).
#
#   tests/test_limits.sh [LIAISON [SOURCE_DIR [PYTHON]]]
set -uo pipefail

src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
bin=${1:-$src/build/liaison}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin") # some checks run in another folder
py=${3:-python3}

tmp=$(mktemp -d)
job=
cleanup() {
    [ -n "$job" ] && kill -9 "$job" 2> /dev/null && wait "$job" 2> /dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "${BASH_SOURCE[0]}")/assert.sh"

[ -x "$bin" ] || { echo "test_limits: no executable $bin (build first)" >&2; exit 2; }

# ---- pages past libxml2's default limits: a text node over 10,000,000 bytes (an inline
# script, a style, a paragraph) or nesting of 10,000 levels keep the article, in bounded
# time; in a feed (whose parser keeps them, to stop entity bombs) or a JSON line they are
# an error naming the file, the item or line, and the items before are kept
huge=$tmp/huge
mkdir -p "$huge"
"$py" - "$huge" <<'EOF2'
import json, sys
d = sys.argv[1]
art = ("<p>Shanghai Mayor Gong Zheng met Vietnamese Ambassador Pham Sao Mai in Shanghai on "
       "May 5, 2024, and the two sides signed an agreement on trade.</p>")
page = lambda head, body: f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"
big = 10_400_000
open(d + "/script.html", "w").write(page("<script>" + "var a=1;" * (big // 8) + "</script>", art))
open(d + "/style.html", "w").write(page("", "<style>" + "a{b:c}" * (big // 6) + "</style>" + art))
open(d + "/para.html", "w").write(page("", "<article><p>" + "word " * (big // 5) + "</p>" + art + "</article>"))
open(d + "/deep.html", "w").write(page("", "<div>" * 10000 + art + "</div>" * 10000))
open(d + "/deepspan.html", "w").write(page("", "<span>" * 10000 + art + "</span>" * 10000))
item = lambda n, body: f"<item><title>Item {n}</title><guid>item-{n}</guid>{body}</item>"
feed = lambda second: ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n' +
    item(1, "<description>Shanghai and Hanoi signed a memorandum in May 2024.</description>") + "\n" +
    second + "\n" + item(3, "<description>Guangxi and Lang Son met in June 2024.</description>") +
    "\n</channel></rss>\n")
open(d + "/deep.rss", "w").write(feed(item(2, "<x>" * 10000 + "deep" + "</x>" * 10000)))
open(d + "/big.rss", "w").write(feed(item(2, "<description>" + "word " * (big // 5) + "</description>")))
open(d + "/bigesc.rss", "w").write(feed(item(2, "<description>&lt;p&gt;" + "word " * (big // 5) +
                                             "&lt;/p&gt;</description>")))
with open(d + "/pages.jsonl", "w") as f:
    f.write(json.dumps({"id": "deep", "html": page("", "<div>" * 10000 + art + "</div>" * 10000)}) + "\n")
    f.write('{"id": "nested", "text": ' + "[" * 10000 + "]" * 10000 + "}\n")
    f.write(json.dumps({"id": "script", "html": page("<script>" + "var a=1;" * (big // 8) + "</script>", art)}) + "\n")
EOF2
run "extract --jobs 2 of the five pages" 0 timeout 120 "$bin" extract --json -q --jobs 2 "$huge"/*.html
is "the five pages, in order" "$(docs "$tmp/out")" "deep deepspan para script style"
for n in script style para deep deepspan; do
    has "$n.html: the article after it is read" "$tmp/out" "^\{\"doc\":\"$n\".*\"name\":\"Gong Zheng\""
done
run "extract deep.html alone, in bounded time" 0 timeout 20 "$bin" extract --json --jobs 1 "$huge/deep.html"
run "ingest of the five pages" 0 timeout 120 "$bin" ingest -q --db "$tmp/huge.db" "$huge"/*.html
run "person in that base" 0 "$bin" person --db "$tmp/huge.db" "Gong Zheng"
for n in deep big; do
    run "extract $n.rss" 1 timeout 60 "$bin" extract --json "$huge/$n.rss"
    is "$n.rss: the item before is kept" "$(docs "$tmp/out")" "item-1"
    has "$n.rss: the error names the file, the item and the line" "$tmp/err" \
        "^liaison: error: .*$n\.rss: item 2: line 4: .*the rest of the feed are not read"
done
run "extract bigesc.rss (escaped HTML past the limit)" 1 timeout 60 "$bin" extract --json "$huge/bigesc.rss"
is "bigesc.rss: the item before is kept" "$(docs "$tmp/out")" "item-1"
lines "bigesc.rss: one message, ours (libxml2 prints nothing itself)" "$tmp/err" 1
has "bigesc.rss: the message names the item" "$tmp/err" "^liaison: error: .*bigesc\.rss: item 2: line 4: "
run "extract JSON Lines with a deep page, nested JSON and a big script" 1 timeout 60 "$bin" extract --json "$huge/pages.jsonl"
is "pages.jsonl: the deep page and the page with a big script are kept" "$(docs "$tmp/out")" "deep script"
has "pages.jsonl: the nested line is named" "$tmp/err" "^liaison: error: .*pages\.jsonl: line 2: maximum parsing depth"
rm -rf "$huge"

# ---- one file name in two folders: two documents (the later one's id has its folder),
# in one run and across runs of ingest, with a warning each time; never one replacing the other
nm=$tmp/names
mkdir -p "$nm/a" "$nm/b" "$nm/c/b"
cp "$src/samples/en-jiangsu-consul.txt" "$nm/a/report.txt"
cp "$src/samples/vi-laocai-yunnan.txt" "$nm/b/report.txt"
cp "$src/samples/zh-jiangsu-consul.txt" "$nm/c/b/report.txt"
run "extract two report.txt" 0 "$bin" extract --json "$nm/a" "$nm/b"
is "two report.txt: two documents" "$(docs "$tmp/out")" "report b-report"
has "two report.txt: the warning names both files and the new id" "$tmp/err" \
    "^liaison: warning: .*/b/report\.txt: document id 'report' is that of .*/a/report\.txt; this one is 'b-report'$"
run "extract -q --jobs 2 of the three" 0 "$bin" extract --json -q --jobs 2 "$nm"
is "three report.txt: three documents, in input order" "$(docs "$tmp/out")" "report b-report c-b-report"
lines "extract -q: no warning" "$tmp/err" 0
run "ingest a/report.txt" 0 "$bin" ingest --db "$tmp/names.db" "$nm/a"
run "ingest b/report.txt in a later run" 0 "$bin" ingest --db "$tmp/names.db" "$nm/b"
has "ingest b/report.txt: a new document, not a replaced one" "$tmp/err" "documents: 1 new, 0 unchanged, 0 replaced"
has "ingest b/report.txt: the warning names the stored file" "$tmp/err" \
    "^liaison: warning: .*/b/report\.txt: document id 'report' is that of .*/a/report\.txt; this one is 'b-report'$"
run "ingest of the three" 0 "$bin" ingest --db "$tmp/names.db" "$nm"
has "ingest of the three: one new, two unchanged" "$tmp/err" "documents: 1 new, 2 unchanged, 0 replaced"
run "ingest b/report.txt again, from its folder" 0 sh -c 'cd "$1" && "$2" ingest --db "$3" b/report.txt' sh "$nm" "$bin" "$tmp/names.db"
has "ingest from another folder: the same document" "$tmp/err" "documents: 0 new, 1 unchanged, 0 replaced"
run "search of the base" 0 "$bin" search --db "$tmp/names.db" --format csv Lào Cai
has "the Vietnamese report is b-report" "$tmp/out" "^b-report,vi,"
is "the base holds three documents" "$("$py" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select group_concat(id, \" \") from (select id from documents order by id)").fetchone()[0])' "$tmp/names.db")" "b-report c-b-report report"

# ---- records as each document finishes: 400 documents through --jobs 2, killed (-9)
# once the first records are out; what is out is whole lines of whole records
# (stdio's buffer would hold them back, then cut one at its size)
many=$tmp/many
mkdir -p "$many"
"$py" - "$many" <<'EOF2'
import sys
para = ("Shanghai Mayor Gong Zheng met Vietnamese Ambassador Pham Sao Mai on May 5, 2024, "
        "and trade reached US$%d.%d billion in 2023. ")
for i in range(400):
    open(f"{sys.argv[1]}/doc-{i:03d}.txt", "w").write(
        "\n".join(para % (i % 50, j % 10) for j in range(120)) + "\n")
EOF2
: > "$tmp/stream.jsonl"
"$bin" extract --json -q --jobs 2 "$many" > "$tmp/stream.jsonl" 2> "$tmp/stream.err" &
job=$!
t=0
while [ "$t" -lt 600 ] && [ "$(wc -l < "$tmp/stream.jsonl")" -lt 3 ] && kill -0 "$job" 2> /dev/null; do
    sleep 0.05
    t=$((t + 1))
done
alive=0
kill -0 "$job" 2> /dev/null && alive=1
kill -9 "$job" 2> /dev/null
wait "$job" 2> /dev/null
job=
n=$(wc -l < "$tmp/stream.jsonl")
if [ "$alive" -eq 1 ] && [ "$n" -ge 3 ] && [ "$n" -lt 400 ]; then ok "records came out while the run went on ($n of 400 when killed)"
else bad "records came out while the run went on: $n lines, the run still going: $alive" "$tmp/stream.err"; fi
pycheck() { # pycheck NAME SCRIPT ARGS...: a python check, exit 0 = pass
    local name=$1 script=$2
    shift 2
    if "$py" -c "$script" "$@" > "$tmp/py" 2>&1; then ok "$name"; else bad "$name" "$tmp/py"; fi
}
pycheck "after kill -9: every byte out is a whole record, in input order" '
import json, sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\n"), "a line cut: %r" % data[-80:]
docs = [json.loads(l)["doc"] for l in data.decode().splitlines()]
assert docs == ["doc-%03d" % i for i in range(len(docs))], docs[:5]
' "$tmp/stream.jsonl"
rm -rf "$many"

echo "test_limits: $((checks - fails)) of $checks checks passed"
[ "$fails" -eq 0 ]
