#!/usr/bin/env bash
# test_cli.sh — the liaison command line, end to end.
#
#   tests/test_cli.sh [LIAISON [SOURCE_DIR [PYTHON]]]
#
# Defaults: build/liaison, the repository this script is in, python3.  Checks
# help and usage errors, the exit codes of README.md, a batch with a binary
# file and an invalid UTF-8 file in it, standard input, and that every record
# validates against SCHEMA.md (tests/validate_schema.py) for samples/ and,
# when ../shared/corpus is next to the repository, for every shared document.
set -uo pipefail

src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
bin=${1:-$src/build/liaison}
py=${3:-python3}
validate=("$py" "$src/tests/validate_schema.py")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 checks=0

ok() { checks=$((checks + 1)); echo "ok   $1"; }
bad() {
    checks=$((checks + 1)) fails=$((fails + 1))
    echo "FAIL $1"
    shift
    for f in "$@"; do [ -s "$f" ] && sed 's/^/     | /' "$f" | head -n 20; done
}
# run NAME WANT_STATUS CMD...: runs CMD with stdout/stderr in $tmp/out, $tmp/err
run() {
    local name=$1 want=$2
    shift 2
    "$@" > "$tmp/out" 2> "$tmp/err"
    local rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$name: exit $rc"; else bad "$name: exit $rc, want $want" "$tmp/err"; fi
}
has() { # has NAME FILE PATTERN (grep -E)
    if grep -qE -- "$3" "$2"; then ok "$1"; else bad "$1: no /$3/ in $(basename "$2")" "$2"; fi
}
lacks() {
    if grep -qE -- "$3" "$2"; then bad "$1: /$3/ in $(basename "$2")" "$2"; else ok "$1"; fi
}
lines() { # lines NAME FILE N
    local n
    n=$(wc -l < "$2")
    if [ "$n" -eq "$3" ]; then ok "$1"; else bad "$1: $n lines, want $3" "$2"; fi
}

[ -x "$bin" ] || { echo "test_cli: no executable $bin (build first)" >&2; exit 2; }

# ---- help, version, usage errors
run "liaison --help" 0 "$bin" --help
has "liaison --help prints usage" "$tmp/out" '^usage: liaison'
has "liaison --help lists extract" "$tmp/out" '^  extract'
run "liaison help" 0 "$bin" help
run "liaison extract --help" 0 "$bin" extract --help
has "liaison extract --help prints usage" "$tmp/out" '^usage: liaison extract'
has "liaison extract --help documents --json" "$tmp/out" '--json'
has "liaison extract --help gives the exit status" "$tmp/out" 'exit status'
run "liaison --version" 0 "$bin" --version
has "liaison --version" "$tmp/out" '^liaison [0-9]+\.[0-9]+'
run "liaison (no command)" 2 "$bin"
has "liaison (no command) prints usage on stderr" "$tmp/err" '^usage: liaison'
run "liaison frobnicate" 2 "$bin" frobnicate
has "unknown command is named" "$tmp/err" "^liaison: error: unknown command 'frobnicate'"
run "liaison extract --bogus" 2 "$bin" extract --bogus "$src/samples"
has "unknown option is named" "$tmp/err" "^liaison: error: extract: unknown option '--bogus'"
lines "no output on a usage error" "$tmp/out" 0
run "liaison extract --json missing-file" 1 "$bin" extract --json "$tmp/no-such-file.txt"
has "missing file is named" "$tmp/err" "^liaison: error: .*no-such-file\.txt: No such file"

# ---- a batch with bad inputs in it
mkdir -p "$tmp/batch"
cat > "$tmp/batch/a-good.txt" <<'EOF'
date 2024-05-16 Shanghai Vice Mayor Li Wei met a business delegation from Hai Phong on Tuesday to discuss port logistics and trade cooperation.
EOF
printf 'PK\003\004\000\000binary zip data' > "$tmp/batch/b-binary.txt"
printf 'Phó Chủ tịch UBND tỉnh Quảng Ninh đã hội đàm trực tuyến với lãnh đạo Quảng Tây.\nH\xe0 N\xf4i bad bytes here.\n' \
    > "$tmp/batch/c-latin1.txt"
cat > "$tmp/batch/d-good.txt" <<'EOF'
2024年6月5日
6月4日下午，广西壮族自治区副主席通过视频连线方式与越南广宁省人民委员会副主席举行会谈，双方就口岸物流、经贸和旅游合作深入交换意见。
EOF
echo "not a document" > "$tmp/batch/notes.md"

run "batch with a binary and an invalid UTF-8 file" 1 "$bin" extract --json "$tmp/batch"
has "binary file is named with its byte offset" "$tmp/err" \
    "^liaison: error: .*b-binary\.txt:byte 4: binary data"
has "invalid UTF-8 is reported with file and byte N" "$tmp/err" \
    "^liaison: error: .*c-latin1\.txt:byte [0-9]+: invalid UTF-8"
byte=$(grep -oE 'c-latin1\.txt:byte [0-9]+' "$tmp/err" | head -n 1 | grep -oE '[0-9]+$')
want=$(LC_ALL=C grep -boa $'\xe0' "$tmp/batch/c-latin1.txt" | head -n 1 | cut -d: -f1)
if [ "${byte:-x}" = "${want:-y}" ]; then ok "byte offset $byte is the first bad byte"
else bad "byte offset ${byte:-none}, want ${want:-?}" "$tmp/err"; fi
lines "three records: the binary file is skipped, the others go on" "$tmp/out" 3
has "the repaired file still has a record" "$tmp/out" '^\{"doc":"c-latin1","lang":"vi"'
has "the documents after the bad ones are read" "$tmp/out" '^\{"doc":"d-good","lang":"zh"'
has "English document" "$tmp/out" '^\{"doc":"a-good","lang":"en","published":"2024-05-16"'
lacks "only *.txt files are read from a folder" "$tmp/out" '"doc":"notes"'
cp "$tmp/out" "$tmp/batch.jsonl"
if "${validate[@]}" "$tmp/batch.jsonl" > "$tmp/v" 2>&1; then ok "batch records match the schema"
else bad "batch records match the schema" "$tmp/v"; fi

run "clean files only" 0 "$bin" extract --json "$tmp/batch/a-good.txt" "$tmp/batch/d-good.txt"
lines "clean files only: two records" "$tmp/out" 2
run "a file named on the command line is read whatever its name" 0 "$bin" extract --json "$tmp/batch/notes.md"
has "named file's record" "$tmp/out" '^\{"doc":"notes"'
run "summary of a clean file" 0 "$bin" extract "$tmp/batch/a-good.txt"
has "summary names the document, language and date" "$tmp/out" '^== a-good +\[en\] +published 2024-05-16'
# the people's roles line up on a terminal whatever the script of the names
run "summary of Vietnamese and Chinese names" 0 "$bin" extract "$src/samples/vi-laocai-yunnan.txt" \
    "$src/samples/zh-yunnan-laocai.txt"
if "$py" - "$tmp/out" > "$tmp/align" 2>&1 <<'PY'
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
cols, names = set(), 0
section = None
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("  ") and not line.startswith("    "):
        section = line.strip()
    elif section == "people:" and line.startswith("    "):
        body = line[4:].rstrip("\n")
        cut = body.index("  ") + len(body[body.index("  "):]) - len(body[body.index("  "):].lstrip(" "))
        cols.add(width(body[:cut]))
        names += any(ord(c) > 127 for c in body[:cut])
print(cols, names)
sys.exit(0 if len(cols) == 1 and names > 0 else 1)
PY
then ok "summary: roles in one column for names with diacritics"; else bad "summary: roles not aligned" "$tmp/align"; fi

# ---- standard input
run "stdin -" 0 "$bin" extract --json - < "$tmp/batch/d-good.txt"
lines "stdin: one record" "$tmp/out" 1
has "stdin record" "$tmp/out" '^\{"doc":"stdin","lang":"zh","published":"2024-06-05"'
run "stdin by default" 0 "$bin" extract --json < "$tmp/batch/a-good.txt"
has "stdin by default: record" "$tmp/out" '^\{"doc":"stdin","lang":"en"'
run "stdin with --published" 0 "$bin" extract --json --published 2023-01-02 - <<< "Hanoi and Yunnan signed a memorandum on trade cooperation on Monday."
has "--published sets the date" "$tmp/out" '"published":"2023-01-02"'
run "binary stdin" 1 "$bin" extract --json - < "$tmp/batch/b-binary.txt"
lines "binary stdin: no record" "$tmp/out" 0
has "binary stdin is named" "$tmp/err" '^liaison: error: -:byte 4: binary data'

# ---- --offsets: evidence offsets point at the evidence in the (NFC) text
run "--offsets on samples" 0 "$bin" extract --json --offsets "$src/samples"
if "$py" - "$tmp/out" "$src/samples" > "$tmp/v" 2>&1 <<'EOF'
import json, sys, unicodedata
bad = n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    text = unicodedata.normalize("NFC", open("%s/%s.txt" % (sys.argv[2], r["doc"]), encoding="utf-8").read())
    raw = text.encode("utf-8")
    for e in r["events"]:
        n += 1
        s, t = e["evidence_start"], e["evidence_end"]
        if raw[s:t].decode("utf-8") != e["evidence"]:
            bad += 1
            print("%s: offsets %d..%d do not hold the evidence" % (r["doc"], s, t))
print("%d events checked" % n)
sys.exit(1 if bad else 0)
EOF
then ok "evidence offsets hold the evidence sentence"; else bad "evidence offsets" "$tmp/v"; fi

# ---- --text: each record stands for its document; ingest --records then stores the same
run "--text without --json" 2 "$bin" extract --text "$src/samples"
has "--text without --json is explained" "$tmp/err" 'needs --json'
run "--text on samples" 0 "$bin" extract --json --text "$src/samples"
cp "$tmp/out" "$tmp/text.jsonl"
if "$py" - "$tmp/text.jsonl" > "$tmp/v" 2>&1 <<'EOF2'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    raw = r["text"].encode("utf-8")
    assert r["source"].endswith("/%s.txt" % r["doc"]), r["source"]
    assert r["bytes"] >= len(raw) > 0, (r["doc"], r["bytes"], len(raw))
    assert len(r["person_evidence"]) == len(r["persons"]), r["doc"]
    for pe in r["person_evidence"]:
        assert pe is None or 0 <= pe[0] < pe[1] <= len(raw), pe
    for e in r["events"]:
        assert "evidence_start" in e, r["doc"]
print("ok")
EOF2
then ok "--text records: text, source, bytes, person offsets"; else bad "--text records" "$tmp/v"; fi
rm -f "$tmp/t1.db" "$tmp/t2.db"
"$bin" ingest --quiet --jobs 1 --db "$tmp/t1.db" "$src/samples" 2> "$tmp/err"
"$bin" ingest --quiet --records --db "$tmp/t2.db" "$tmp/text.jsonl" 2>> "$tmp/err"
for d in t1 t2; do
    "$bin" export --format json --db "$tmp/$d.db" --out "$tmp/$d.x" 2>> "$tmp/err"
    "$py" -c 'import json,sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for r in rows: r.pop("content_hash")
open(sys.argv[1], "w").write("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows))' "$tmp/$d.x/documents.jsonl"
done
if diff -r "$tmp/t1.x" "$tmp/t2.x" > "$tmp/v" 2>&1 && [ -s "$tmp/t1.x/events.jsonl" ]
then ok "ingest --records of --text records = ingest of the documents"; else bad "--text ingest" "$tmp/v" "$tmp/err"; fi

# ---- --explain: every event says what fixed its date; its offsets hold its expression
run "--explain on samples" 0 "$bin" extract --json --explain "$src/samples"
if "${validate[@]}" "$tmp/out" > "$tmp/v" 2>&1 && "$py" - "$tmp/out" "$src/samples" > "$tmp/v" 2>&1 <<'EOF'
import json, sys, unicodedata
bad = n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    raw = unicodedata.normalize("NFC", open("%s/%s.txt" % (sys.argv[2], r["doc"]),
                                            encoding="utf-8").read()).encode("utf-8")
    for e in r["events"]:
        w = e["date_evidence"]
        n += 1
        for k, a, b in (("text", "start", "end"), ("from", "from_start", "from_end")):
            if w[a] is not None and raw[w[a]:w[b]].decode("utf-8") != w[k]:
                bad += 1
                print("%s: %s offsets %d..%d do not hold %r" % (r["doc"], k, w[a], w[b], w[k]))
print("%d events checked" % n)
sys.exit(1 if bad or not n else 0)
EOF
then ok "date evidence matches the schema and its offsets hold it"; else bad "date evidence" "$tmp/v"; fi
run "--explain summary" 0 "$bin" extract --explain "$src/samples"
has "--explain summary says what dated an event" "$tmp/out" '^      date by '

# ---- the schema, on the samples and on every shared document
run "samples" 0 "$bin" extract --json "$src/samples"
n=$(find "$src/samples" -maxdepth 1 -type f -name "*.txt" | wc -l)
lines "samples: one record per *.txt" "$tmp/out" "$n"
if "${validate[@]}" "$tmp/out" > "$tmp/v" 2>&1; then ok "samples match the schema ($(tail -n 1 "$tmp/v"))"
else bad "samples match the schema" "$tmp/v"; fi

shared="$src/../shared/corpus"
if [ -d "$shared" ]; then
    run "shared corpus" 0 "$bin" extract --json "$shared"
    n=$(find "$shared" -type f -name '*.txt' | wc -l)
    lines "shared corpus: one record per document" "$tmp/out" "$n"
    if "${validate[@]}" "$tmp/out" > "$tmp/v" 2>&1; then ok "shared corpus matches the schema ($(tail -n 1 "$tmp/v"))"
    else bad "shared corpus matches the schema" "$tmp/v"; fi
else
    echo "skip shared corpus: $shared is absent"
fi

echo "test_cli: $((checks - fails)) of $checks checks passed"
[ "$fails" -eq 0 ]
