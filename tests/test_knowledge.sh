#!/usr/bin/env bash
# test_knowledge.sh — the knowledge base end to end: ingest, resolution, queries,
# output formats, exports, idempotency, replacement, provenance.
#
#   tests/test_knowledge.sh [LIAISON [SOURCE_DIR [PYTHON]]] [--update]
#
# Defaults: build/liaison, the repository this script is in, python3.  The exact
# rows are compared with tests/kb/expected/ (--update rewrites them from this
# build: review the diff).  Uses the fixtures of tests/kb/ (see its README) and
# samples/; python3 (standard library) parses the CSV, JSON and GraphML back.
set -uo pipefail

update=0
args=()
for a in "$@"; do
    if [ "$a" = --update ]; then update=1; else args+=("$a"); fi
done
src=${args[1]:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
bin=${args[0]:-$src/build/liaison}
py=${args[2]:-python3}
fx=$src/tests/kb
expected=$fx/expected
dump=("$py" "$src/tests/kb_dump.py")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 checks=0
ok() { checks=$((checks + 1)); echo "ok   $1"; }
bad() {
    checks=$((checks + 1)) fails=$((fails + 1))
    echo "FAIL $1"
    shift
    for f in "$@"; do [ -s "$f" ] && sed 's/^/     | /' "$f" | head -n 25; done
}
run() { # run NAME WANT_STATUS CMD...: stdout, stderr in $tmp/out, $tmp/err
    local name=$1 want=$2
    shift 2
    "$@" > "$tmp/out" 2> "$tmp/err"
    local rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$name: exit $rc"; else bad "$name: exit $rc, want $want" "$tmp/err" "$tmp/out"; fi
}
is() { # is NAME GOT WANT
    if [ "$2" = "$3" ]; then ok "$1"; else echo "got:  $2" > "$tmp/is"; echo "want: $3" >> "$tmp/is"; bad "$1" "$tmp/is"; fi
}
has() { if grep -qE -- "$3" "$2"; then ok "$1"; else bad "$1: no /$3/ in $(basename "$2")" "$2"; fi; }
lacks() { if grep -qE -- "$3" "$2"; then bad "$1: /$3/ in $(basename "$2")" "$2"; else ok "$1"; fi; }
same() { # same NAME EXPECTED_FILE ACTUAL_FILE
    if [ "$update" -eq 1 ]; then
        mkdir -p "$(dirname "$2")"
        cp "$3" "$2"
        ok "$1 (updated $(basename "$2"))"
    elif diff -u "$2" "$3" > "$tmp/diff"; then ok "$1"
    else bad "$1: differs from $(basename "$2")" "$tmp/diff"; fi
}
pycheck() { # pycheck NAME SCRIPT ARGS...: a python check, exit 0 = pass
    local name=$1 script=$2
    shift 2
    if "$py" -c "$script" "$@" > "$tmp/py" 2>&1; then ok "$name"; else bad "$name" "$tmp/py"; fi
}

[ -x "$bin" ] || { echo "test_knowledge: no executable $bin (build first)" >&2; exit 2; }
db=$tmp/kb.db

# ---- help and usage errors
for c in ingest events people person timeline ties figures search export; do
    run "$c --help" 0 "$bin" "$c" --help
    has "$c --help prints its usage" "$tmp/out" "^usage: liaison $c"
done
run "liaison --help lists the knowledge-base commands" 0 "$bin" --help
has "--help lists ingest" "$tmp/out" '^  ingest'
has "--help lists search" "$tmp/out" '^  search'
run "ingest without files" 2 "$bin" ingest --db "$db"
has "ingest without files says so" "$tmp/err" "^liaison: error: ingest: no files"
run "unknown option" 2 "$bin" events --db "$db" --bogus
has "unknown option is named" "$tmp/err" "^liaison: error: events: unknown option '--bogus'"
run "option without its value" 2 "$bin" events --party
run "bad --format" 2 "$bin" people --format xml
run "bad --limit" 2 "$bin" events --limit 0
run "query on a missing knowledge base" 3 "$bin" events --db "$tmp/none.db"
has "the missing file is named" "$tmp/err" "^liaison: error: .*none\.db: no such knowledge base"
[ ! -e "$tmp/none.db" ] && ok "a query does not create the file" || bad "a query created $tmp/none.db"
echo "not a database at all, but long enough to look like a file of some kind......" > "$tmp/junk.db"
run "query on a file that is not a database" 3 "$bin" people --db "$tmp/junk.db"
has "the bad file is named" "$tmp/err" "^liaison: error: .*junk\.db: .*not a database"

# ---- ingest the fixtures
run "ingest --records fixtures" 0 "$bin" ingest --records --db "$db" "$fx/records.jsonl"
cp "$tmp/err" "$tmp/report1"
has "report: documents" "$tmp/report1" "documents: 16 new, 0 unchanged, 0 replaced, 0 failed"
has "report: near-duplicates" "$tmp/report1" "holds 16 documents, 1 of them near-duplicates"
has "report: people" "$tmp/report1" "23 person mentions, 10 distinct people \(4 named in several scripts\)"
has "report: events" "$tmp/report1" \
    "16 event mentions, 12 distinct events \(2 reported by several documents\); 1 more in near-duplicate documents, counted with the story they copy"
[ -e "$db-wal" ] || "$py" -c "import sqlite3,sys; sys.exit(sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode').fetchone()[0] != 'wal')" "$db" \
    && ok "the knowledge base is in WAL mode" || bad "not in WAL mode"
pycheck "schema version and integrity" "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute('PRAGMA user_version').fetchone()[0] >= 1
assert db.execute('PRAGMA integrity_check').fetchone()[0] == 'ok'
assert db.execute('PRAGMA journal_mode').fetchone()[0] == 'wal'
" "$db"

# ---- exact rows
q() { # q NAME EXPECTED ARGS...: the output of a query compared with expected/NAME
    local name=$1 file=$2
    shift 2
    "$bin" "$@" --db "$db" > "$tmp/q.out" 2> "$tmp/q.err"
    local rc=$?
    if [ "$rc" -ne 0 ]; then bad "$name: exit $rc" "$tmp/q.err"; return; fi
    same "$name" "$expected/$file" "$tmp/q.out"
}
q "events (csv, sources)" events.csv events --format csv --sources
q "events (json, sources)" events.jsonl events --format json --sources
q "events (table)" events.txt events
q "people (csv)" people.csv people --format csv
q "people --country VN --role 'vice chairman'" people-vn-vice-chairman.csv people --country VN --role "vice chairman" --format csv
q "person 陈吉宁 (json)" person-chen-jining.jsonl person 陈吉宁 --format json --sources
# two people of one name: listed (ids, roles), exit 1; each then by its id
run "person Zhou Lin: two people" 1 "$bin" person --db "$db" "Zhou Lin" --format json
same "person Zhou Lin: the two listed" "$expected/person-zhou-lin.jsonl" "$tmp/out"
has "person Zhou Lin: says so" "$tmp/err" "^liaison: error: person: 2 people are named 'Zhou Lin' in .*kb\.db \(listed\); ask for one by its id"
q "person zhou-lin-2 (by id)" person-zhou-lin-2.jsonl person zhou-lin-2 --format json
run "person --help" 0 "$bin" person --help
has "person --help: the exit status of several people" "$tmp/out" "^exit status: 0 one person shown, 1 no one has that name or several have"
lacks "person --help: no contradiction" "$tmp/out" "also when nothing is found"
q "timeline HCMC / 上海" timeline.csv timeline --between HCMC --and 上海 --format csv
q "events --party Yunnan --since 2024-03 --until 2024" events-yunnan.csv events --party "Vân Nam" --since 2024-03 --until 2024 --format csv
q "events --person 'Vương Hải Bình'" events-wang.csv events --person "Vương Hải Bình" --format csv
q "events --type signing" events-signing.csv events --type signing --format csv
q "ties (csv, sources)" ties.csv ties --format csv --sources
q "figures --metric trade --party Shanghai" figures.csv figures --metric trade --party Shanghai --format csv
q "search 'Thuong Hai' (json)" search-thuong-hai.jsonl search Thuong Hai --format json
q "search 上海 (csv)" search-shanghai.csv search 上海 --format csv
q "search 'Da Nang' (csv)" search-da-nang.csv search "Da Nang" --format csv
q "events --limit 2" events-limit.csv events --limit 2 --format csv

# one person under every name
for n in "Chen Jining" "陈吉宁" "Trần Cát Ninh" "chen jining" "TRAN CAT NINH"; do
    run "person '$n'" 0 "$bin" person --db "$db" "$n" --format json
    has "person '$n' is chen-jining" "$tmp/out" '^\{"id":"chen-jining","name":"Chen Jining","country":"CN"'
done
run "person without a match" 1 "$bin" person --db "$db" Nobody Atall
has "person without a match says so" "$tmp/err" "^liaison: error: person: no one named 'Nobody Atall' in .*kb\.db"
run "search without a match" 0 "$bin" search --db "$db" zzyzx
has "search without a match says so" "$tmp/err" "^liaison: search: no document of .*kb\.db matches 'zzyzx'"
run "unknown place" 2 "$bin" events --db "$db" --party Atlantis
has "unknown place is named" "$tmp/err" "no place named 'Atlantis'"
run "unknown event type" 2 "$bin" events --db "$db" --type party
run "bad date" 2 "$bin" events --db "$db" --since 2024-3
run "unknown role" 2 "$bin" people --db "$db" --role king
run "unknown metric" 2 "$bin" figures --db "$db" --metric gold
run "timeline needs both places" 2 "$bin" timeline --db "$db" --between Shanghai
run "events with no rows" 0 "$bin" events --db "$db" --since 2030 --format csv
has "no rows: the CSV header alone" "$tmp/out" '^id,date,type,place,participants,parties,n_sources'

# ---- a search of several words: the phrase first, then the words apart, and it says which
ph=$tmp/phrase
mkdir -p "$ph"
cat > "$ph/apart.txt" <<'EOF2'
Hà Nội, ngày 3/4/2024 - Tỉnh nâng cao năng lực, đã phát huy tiềm năng và đã tăng năng suất lao động.
Năng lượng sạch đã được đầu tư; năng lực cạnh tranh đã cải thiện.
EOF2
cat > "$ph/together.txt" <<'EOF2'
Hà Nội, ngày 5/4/2024 - Đoàn công tác của thành phố sẽ thăm Đà Nẵng vào tháng Sáu để bàn về du lịch,
logistics, giáo dục và hợp tác giữa các địa phương trong khu vực miền Trung.
EOF2
"$bin" ingest -q --db "$tmp/phrase.db" "$ph" 2> "$tmp/err" || bad "ingest of the search fixtures" "$tmp/err"
for qq in "Da Nang" "đà nẵng"; do
    run "search '$qq'" 0 "$bin" search --db "$tmp/phrase.db" "$qq" --format csv
    is "search '$qq': the phrase first, then the words apart" \
        "$(cut -d, -f1 "$tmp/out" | tr -d '\r' | tr '\n' ' ')" "doc together apart "
    has "search '$qq': found phrase" "$tmp/out" "^together,.*\[Đà Nẵng\].*,phrase.?$"
    has "search '$qq': found words" "$tmp/out" "^apart,.*,words.?$"
done
run "search '\"Da Nang\"' (quoted: the phrase only)" 0 "$bin" search --db "$tmp/phrase.db" '"Da Nang"' --format csv
is "search '\"Da Nang\"': one document" "$(cut -d, -f1 "$tmp/out" | tr -d '\r' | tr '\n' ' ')" "doc together "
run "search Nang (one word)" 0 "$bin" search --db "$tmp/phrase.db" Nang --format csv
has "search Nang: found word" "$tmp/out" ",word.?$"

# ---- parsed back
"$bin" events --db "$db" --format csv --sources > "$tmp/ev.csv"
"$bin" events --db "$db" --format json --sources > "$tmp/ev.jsonl"
"$bin" people --db "$db" --format csv --sources > "$tmp/pp.csv"
pycheck "events CSV and JSON parse back and agree" "
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
objs = [json.loads(l) for l in open(sys.argv[2], encoding='utf-8')]
assert len(rows) == len(objs) == 12, (len(rows), len(objs))
for r, o in zip(rows, objs):
    assert r['id'] == o['id'] and r['type'] == o['type']
    assert r['participants'] == '; '.join(o['participants'])
    assert r['sources_doc'] == '; '.join(s['doc'] for s in o['sources'])
    assert int(r['n_sources']) == o['n_sources'] == len(o['sources'])
    for s in o['sources']:
        assert set(s) == {'doc', 'lang', 'evidence'} and s['evidence']
big = [o for o in objs if len({s['lang'] for s in o['sources']}) == 3]
assert sorted(o['type'] for o in big) == ['meeting', 'virtual_meeting'], big
" "$tmp/ev.csv" "$tmp/ev.jsonl"
pycheck "people CSV parses back (quoted evidence with commas)" "
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
assert len(rows) == 10
chen = [r for r in rows if r['id'] == 'chen-jining'][0]
assert chen['sources_doc'].split('; ') == ['kb-vi-01', 'kb-en-01', 'kb-zh-01', 'kb-en-02'], chen['sources_doc']
assert 'Trần Cát Ninh' in chen['sources_evidence']
" "$tmp/pp.csv"

# ---- provenance: evidence offsets point at the evidence in the stored text
pycheck "evidence offsets hold the evidence sentences" "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = 0
for doc, ev, a, b in db.execute('SELECT document_id, evidence, evidence_start, evidence_end FROM event_mentions'):
    text = db.execute('SELECT text FROM documents WHERE id = ?', (doc,)).fetchone()[0].encode()
    assert a is not None and text[a:b].decode() == ev, (doc, a, b)
    n += 1
assert n == 17, n
" "$db"

# ---- exports
run "export csv" 0 "$bin" export --db "$db" --format csv --out "$tmp/csv"
run "export json" 0 "$bin" export --db "$db" --format json --out "$tmp/json"
run "export tsv" 0 "$bin" export --db "$db" --format tsv --out "$tmp/events.tsv"
run "export graphml (stdout)" 0 "$bin" export --db "$db" --format graphml
cp "$tmp/out" "$tmp/kb.graphml"
run "export without --format" 2 "$bin" export --db "$db"
run "export --format xls" 2 "$bin" export --db "$db" --format xls
pycheck "exported tables parse and hold every row" "
import csv, json, os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
names = sorted(f[:-4] for f in os.listdir(sys.argv[2]))
assert 'events' in names and 'documents' in names and 'people' in names, names
for t in names:
    n = db.execute('SELECT count(*) FROM %s' % t).fetchone()[0]
    rows = list(csv.DictReader(open(os.path.join(sys.argv[2], t + '.csv'), newline='', encoding='utf-8')))
    objs = [json.loads(l) for l in open(os.path.join(sys.argv[3], t + '.jsonl'), encoding='utf-8')]
    assert len(rows) == len(objs) == n, (t, len(rows), len(objs), n)
d = [json.loads(l) for l in open(os.path.join(sys.argv[3], 'documents.jsonl'), encoding='utf-8')]
assert isinstance(d[0]['simhash'], int) and isinstance(d[0]['bytes'], int)
" "$db" "$tmp/csv" "$tmp/json"
pycheck "TSV: one row per event, GDELT-like columns" "
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
assert lines[-1] == ''
head = lines[0].split('\t')
assert head == ['event_id', 'date', 'type', 'actor1_name', 'actor1_country', 'actor1_place', 'actor2_name',
                'actor2_country', 'actor2_place', 'place', 'n_sources', 'source_ids'], head
rows = [l.split('\t') for l in lines[1:-1]]
assert len(rows) == 12 and all(len(r) == 12 for r in rows)
vm = [r for r in rows if r[2] == 'virtual_meeting'][0]
assert {vm[4], vm[7]} == {'CN', 'VN'} and vm[11] == 'kb-en-01,kb-vi-01,kb-zh-01', vm
" "$tmp/events.tsv"
pycheck "GraphML is well-formed: people and places, weighted edges" "
import sys, xml.etree.ElementTree as ET
ns = {'g': 'http://graphml.graphdrawing.org/xmlns'}
g = ET.parse(sys.argv[1]).getroot().find('g:graph', ns)
nodes = {n.get('id'): {d.get('key'): d.text for d in n.findall('g:data', ns)} for n in g.findall('g:node', ns)}
edges = g.findall('g:edge', ns)
assert nodes['p:chen-jining']['kind'] == 'person' and nodes['l:Shanghai']['kind'] == 'place'
assert nodes['p:chen-jining']['label'] == 'Chen Jining'
w = {(e.get('source'), e.get('target')): int(e.find('g:data', ns).text) for e in edges}
assert w[('p:chen-jining', 'p:nguyen-van-nen')] == 2, w
assert all(s in nodes and t in nodes for s, t in w)
" "$tmp/kb.graphml"

# ---- any number of files on the command line (a shell glob of hundreds)
mkdir -p "$tmp/many"
for i in $(seq 1 600); do
    printf 'Hanoi, May %d, 2024 - Lang Son Party Secretary Hoang Van Nghiem met Guangxi Vice Chairman Liu Hongwu in Lang Son on May %d. Document %d.\n' \
        $(( i % 28 + 1 )) $(( i % 28 + 1 )) "$i" > "$tmp/many/d$i.txt"
done
run "ingest of 600 files named one by one" 0 "$bin" ingest --jobs 2 --db "$tmp/many.db" "$tmp"/many/d*.txt
has "ingest of 600 files: all stored" "$tmp/err" "documents: 600 new, 0 unchanged, 0 replaced, 0 failed"

# ---- idempotency: the same input again changes nothing
"${dump[@]}" "$db" > "$tmp/dump1"
run "ingest the same records again" 0 "$bin" ingest --records --db "$db" "$fx/records.jsonl"
has "second ingest: all unchanged" "$tmp/err" "documents: 0 new, 16 unchanged, 0 replaced, 0 failed"
"${dump[@]}" "$db" > "$tmp/dump2"
if cmp -s "$tmp/dump1" "$tmp/dump2"; then ok "second ingest: identical content"
else diff "$tmp/dump1" "$tmp/dump2" | head -n 20 > "$tmp/d"; bad "second ingest changed the content" "$tmp/d"; fi

# the same records in another order give the same people, events and sources
tac "$fx/records.jsonl" > "$tmp/reversed.jsonl"
run "ingest in reverse order" 0 "$bin" ingest -q --records --db "$tmp/rev.db" "$tmp/reversed.jsonl"
pycheck "resolution does not depend on the order of ingest" "
import sqlite3, sys
a, b = (sqlite3.connect(p) for p in sys.argv[1:3])
for t in ('people', 'person_aliases', 'person_roles', 'places', 'events', 'event_participants',
          'event_parties', 'event_sources', 'person_mentions', 'event_mentions'):
    n = len(a.execute('SELECT * FROM %s LIMIT 1' % t).description)
    q = 'SELECT * FROM %s ORDER BY %s' % (t, ', '.join(str(i + 1) for i in range(n)))
    assert a.execute(q).fetchall() == b.execute(q).fetchall(), t
" "$db" "$tmp/rev.db"

# a changed document replaces the old one and its facts
sed 's/Wang Haiping has visited Vietnam many times\./Wang Haiping has visited Vietnam often./g' \
    "$fx/records.jsonl" > "$tmp/changed.jsonl"
run "ingest with one record changed" 0 "$bin" ingest --records --db "$db" "$tmp/changed.jsonl"
has "one replaced" "$tmp/err" "documents: 0 new, 15 unchanged, 1 replaced, 0 failed"
pycheck "the replaced document's facts are the new ones" "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ev = db.execute(\"SELECT evidence FROM event_mentions WHERE document_id = 'kb-en-05'\").fetchall()
assert ev == [('Wang Haiping has visited Vietnam often.',)], ev
assert db.execute(\"SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'often'\").fetchone()[0] == 1
assert db.execute(\"SELECT count(*) FROM doc_fts WHERE doc_fts MATCH 'times'\").fetchone()[0] == 0
assert db.execute('SELECT count(*) FROM documents').fetchone()[0] == 16
" "$db"

# ---- the samples, through extraction (properties that do not depend on every detail)
sdb=$tmp/samples.db
run "ingest samples/" 0 "$bin" ingest --db "$sdb" "$src/samples"
has "samples: 9 new" "$tmp/err" "documents: 9 new, 0 unchanged, 0 replaced, 0 failed"
run "samples again: unchanged" 0 "$bin" ingest --db "$sdb" "$src/samples"
has "samples again: 9 unchanged" "$tmp/err" "documents: 0 new, 9 unchanged, 0 replaced, 0 failed"
run "person 陈国宝 in the samples" 0 "$bin" person --db "$sdb" 陈国宝 --format json
has "陈国宝 is Trần Quốc Bảo" "$tmp/out" '"name":"Trần Quốc Bảo"'
has "Trần Quốc Bảo is named in Latin and in characters" "$tmp/out" '"names":\[.*"Trần Quốc Bảo".*"陈国宝"'
"$bin" events --db "$sdb" --party Jiangsu --party Vietnam --format json --sources > "$tmp/sj" 2>&1
pycheck "the Jiangsu meeting is one event from the English and the Chinese report" "
import json, sys
evs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
assert any({'en-jiangsu-consul', 'zh-jiangsu-consul'} <= {s['doc'] for s in e['sources']} for e in evs), evs
" "$tmp/sj"
run "search 上海 in the samples" 0 "$bin" search --db "$sdb" 上海 --format csv
has "上海 is found in a Chinese sample" "$tmp/out" '^zh-'
run "search 'Thuong Hai' in the samples" 0 "$bin" search --db "$sdb" "Thuong Hai" --format csv
has "'Thuong Hai' finds the Vietnamese Shanghai story" "$tmp/out" '^vi-hcmc-shanghai-forum,vi,.*\[Thượng Hải\]'
run "search 'thượng hải' in the samples" 0 "$bin" search --db "$sdb" "thượng hải" --format csv
has "with diacritics too" "$tmp/out" '^vi-hcmc-shanghai-forum,'
pycheck "samples: every event's evidence is at its offsets, in the stored and the input text" "
import sqlite3, sys, unicodedata
db = sqlite3.connect(sys.argv[1])
n = 0
for doc, path, ev, a, b, sa, sb in db.execute('SELECT m.document_id, d.path, m.evidence, m.evidence_start, '
        'm.evidence_end, m.source_start, m.source_end FROM event_mentions m JOIN documents d ON d.id = m.document_id'):
    text = db.execute('SELECT text FROM documents WHERE id = ?', (doc,)).fetchone()[0].encode()
    assert text[a:b].decode() == ev, (doc, a, b)
    raw = unicodedata.normalize('NFC', open(path, encoding='utf-8').read()).encode()
    assert raw[sa:sb].decode() == ev, (doc, sa, sb)
    n += 1
assert n > 5, n
" "$sdb"

echo "test_knowledge: $((checks - fails)) of $checks checks passed"
[ "$fails" -eq 0 ]
