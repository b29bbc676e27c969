#!/usr/bin/env bash
# test_formats.sh — every input format through the command line: `extract`
# and `ingest` on HTML pages, JSON Lines (with a bad line), WARC archives (plain,
# .warc.gz, truncated), RSS and Atom files, folders of them, standard input;
# exit codes and messages; --jobs (the output of --jobs N is that of --jobs 1,
# standard error included); the progress line (only on a terminal, never with
# --quiet); `ingest --feed` against a local HTTP server on 127.0.0.1.
#
#   tests/test_formats.sh [LIAISON [SOURCE_DIR [PYTHON]]]
#
# Defaults: build/liaison, the repository this script is in, python3 (standard
# library only).  The HTTP server is python3's http.server on a free port,
# under `timeout`, stopped at the end.
set -uo pipefail

src=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
bin=${1:-$src/build/liaison}
py=${3:-python3}

tmp=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2> /dev/null && wait "$server" 2> /dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "${BASH_SOURCE[0]}")/assert.sh"

[ -x "$bin" ] || { echo "test_formats: no executable $bin (build first)" >&2; exit 2; }
f=$tmp/in
mkdir -p "$f"

# ---- fixtures: a page, JSON Lines, WARC archives, feeds
cat > "$f/page.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Hai Phong and Guangxi boost port cooperation | Border Times</title>
<meta property="og:title" content="Hai Phong and Guangxi boost port cooperation">
<meta property="article:published_time" content="2024-05-16T09:30:00+07:00">
<link rel="canonical" href="https://border.example.org/2024/05/16/haiphong-guangxi.html">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/world">World</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<main><article>
<h1>Hai Phong and Guangxi boost port cooperation</h1>
<p>On May 15, Vice Chairman of the Hai Phong City People's Committee Nguyen Van Truat held talks with Vice Chairman of the Guangxi Zhuang Autonomous Region Wei Zhaohui in Nanning on port logistics, trade and tourism cooperation.</p>
<p>Both sides agreed to open a new container shipping route between Hai Phong port and Qinzhou port before the end of the year, and to simplify customs clearance for agricultural goods at the border gates.</p>
<p>Trade between Hai Phong and Guangxi reached US$1.2 billion in 2023, up 15% from the year before, the Vice Chairman said, adding that the city welcomes more investors from Guangxi.</p>
</article>
<aside class="related"><h3>Related news</h3><ul><li><a href="/x">Shanghai mayor meets Ho Chi Minh City delegation</a></li>
<li><a href="/y">Lao Cai and Yunnan discuss railway link</a></li></ul></aside></main>
<footer><p>Copyright 2024 Border Times. All rights reserved. Contact us.</p></footer>
<script>var tracking = "Vice Chairman of nowhere met nobody";</script>
</body></html>
EOF

cat > "$f/wire.jsonl" <<'EOF'
{"id":"wire-1","url":"https://wire.example.org/2024/06/05/qn-gx","title":"Quang Ninh and Guangxi hold video talks","text":"On June 4, Vice Chairman of the Quang Ninh Provincial People's Committee Nguyen Minh Son held video talks with Vice Chairman of the Guangxi Zhuang Autonomous Region Wei Zhaohui on border gate logistics.","published":"2024-06-05T08:00:00+07:00"}
{"id":"wire-2", "text": this is not JSON}

{"url":"https://wire.example.org/3","html":"<html><body><article><p>Hanoi and Yunnan signed a memorandum on trade and agriculture cooperation in Kunming on Monday, the Hanoi People's Committee said in a statement.</p><p>The two sides pledged to expand rail freight between Hanoi and Kunming.</p></article></body></html>"}
{"id":"wire-4","title":"no text here"}
EOF

cat > "$f/feed.rss" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Border news</title>
<link>https://news.example.org/</link>
<item>
 <title>Lao Cai delegation visits Yunnan</title>
 <link>https://news.example.org/2024/06/07/laocai-yunnan.html</link>
 <guid>lc-yn-20240607</guid>
 <pubDate>Fri, 07 Jun 2024 10:00:00 +0700</pubDate>
 <description><![CDATA[<p>A delegation of Lao Cai Province led by Party Secretary Dang Xuan Phong visited Kunming on June 6 and met Yunnan Vice Governor Zhang Zhihua to discuss trade and agriculture.</p>]]></description>
</item>
<item>
 <title>Lang Son and Guangxi open a smart border gate</title>
 <link>https://news.example.org/2024/06/09/langson-guangxi.html</link>
 <pubDate>Sun, 09 Jun 2024 10:00:00 +0700</pubDate>
 <description>Lang Son and Guangxi authorities signed a memorandum of understanding on a smart border gate on June 8.</description>
</item>
</channel>
</rss>
EOF

cat > "$f/consulate.atom" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>Consulate news</title>
 <entry>
  <title>Consul General meets Jiangsu Vice Governor</title>
  <link href="https://atom.example.org/2024/05/16/jiangsu.html"/>
  <id>urn:example:jiangsu-2024-05-16</id>
  <published>2024-05-16T09:00:00+08:00</published>
  <content type="html">&lt;p&gt;On May 15, in Nanjing, Vietnamese Consul General in Shanghai Tran Quoc Bao paid a courtesy call on Vice Governor of Jiangsu Province Zhao Minghui to discuss trade and education cooperation.&lt;/p&gt;</content>
 </entry>
</feed>
EOF

# WARC: warcinfo, then per page a request and a response (plain, chunked,
# gzip-encoded); one gzip member per record for .warc.gz
"$py" - "$f" <<'EOF'
import gzip, sys
out = sys.argv[1]
pages = [
    ("https://port.example.org/2024/03/12/hcmc-shanghai.html", "Ho Chi Minh City and Shanghai sign port deal",
     "On March 11, Chairman of the Ho Chi Minh City People's Committee Phan Van Mai met Shanghai Mayor Gong Zheng in Shanghai. "
     "The two sides signed a memorandum of understanding on port and logistics cooperation. Trade between the two cities reached US$2 billion in 2023."),
    ("https://port.example.org/2024/04/02/caobang-guangxi.html", "Cao Bang and Guangxi discuss border trade",
     "On April 1, Secretary of the Cao Bang Provincial Party Committee Tran Hong Minh held talks with Vice Chairman of Guangxi Wei Zhaohui in Nanning. "
     "They agreed to upgrade the Tra Linh border gate and to promote tourism at the Ban Gioc waterfall."),
    ("https://port.example.org/2024/05/20/hanoi-beijing.html", "Hanoi delegation visits Beijing",
     "On May 19, a delegation of Hanoi led by Secretary of the Hanoi Party Committee Dinh Tien Dung visited Beijing and met Beijing Mayor Yin Yong. "
     "Both sides discussed urban rail, education and culture."),
]
def page(url, title, text):
    paras = "".join("<p>%s.</p>" % s.strip().rstrip(".") for s in text.split(". "))
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>%s</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>%s</h1>%s</article>"
            "<footer>Contact us</footer></body></html>" % (title, title, paras)).encode()
def chunked(b):
    out, i = b"", 0
    while i < len(b):
        c = b[i:i + 100]
        out += b"%x\r\n" % len(c) + c + b"\r\n"
        i += 100
    return out + b"0\r\n\r\n"
def record(typ, uri, ctype, block):
    head = ("WARC/1.1\r\nWARC-Type: %s\r\n%sContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
            % (typ, "WARC-Target-URI: %s\r\n" % uri if uri else "", ctype, len(block))).encode()
    return head + block + b"\r\n\r\n"
recs = [record("warcinfo", None, "application/warc-fields", b"software: test\r\n")]
for k, (url, title, text) in enumerate(pages):
    recs.append(record("request", url, "application/http; msgtype=request", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
    body = page(url, title, text)
    hdr = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    if k == 1:
        hdr += "Transfer-Encoding: chunked\r\n"
        body = chunked(body)
    elif k == 2:
        hdr += "Content-Encoding: gzip\r\n"
        body = gzip.compress(body)
    recs.append(record("response", url, "application/http; msgtype=response", hdr.encode() + b"\r\n" + body))
open(out + "/crawl.warc", "wb").write(b"".join(recs))
gz = b"".join(gzip.compress(r) for r in recs)
open(out + "/crawl.warc.gz", "wb").write(gz)
# cut in the middle of the last record's gzip member
last = len(gzip.compress(recs[-1]))
open(out + "/cut.warc.gz", "wb").write(gz[:len(gz) - last // 2])
EOF

# ---- help and usage errors
run "extract --help" 0 "$bin" extract --help
for o in --format --map --jobs --published --quiet; do has "extract --help documents $o" "$tmp/out" -- "$o"; done
run "ingest --help" 0 "$bin" ingest --help
for o in --feed --format --map --jobs; do has "ingest --help documents $o" "$tmp/out" -- "$o"; done
run "extract --format bogus" 2 "$bin" extract --format bogus "$f/page.html"
has "bad --format is named" "$tmp/err" "^liaison: error: extract: --format must be"
run "extract --jobs 0" 2 "$bin" extract --jobs 0 "$f/page.html"
run "extract --jobs x" 2 "$bin" extract --jobs=x "$f/page.html"
run "extract --map without '='" 2 "$bin" extract --map textcontent "$f/wire.jsonl"
run "extract --map with an unknown field" 2 "$bin" extract --map body=content "$f/wire.jsonl"
run "ingest --format bogus" 2 "$bin" ingest --db "$tmp/x.db" --format bogus "$f"
run "ingest --jobs -1" 2 "$bin" ingest --db "$tmp/x.db" --jobs -1 "$f"

# ---- HTML
run "extract --json page.html" 0 "$bin" extract --json "$f/page.html"
lines "page: one record" "$tmp/out" 1
has "page: id is the file name" "$tmp/out" '^\{"doc":"page","lang":"en","published":"2024-05-16"'
has "page: the article's people" "$tmp/out" '"name":"Wei Zhaohui"'
has "page: the article's figure" "$tmp/out" '"value":1200000000'
lacks "page: no script text" "$tmp/out" 'nowhere'
lacks "page: no related news" "$tmp/out" 'Ho Chi Minh City'
run "summary of page.html" 0 "$bin" extract "$f/page.html"
has "page summary" "$tmp/out" '^== page +\[en\] +published 2024-05-16'
run "a page on standard input (by content)" 0 "$bin" extract --json - < "$f/page.html"
has "stdin page: id stdin, date from the page" "$tmp/out" '^\{"doc":"stdin","lang":"en","published":"2024-05-16"'
cp "$f/page.html" "$tmp/page.dat"
run "--format html on a .dat file" 0 "$bin" extract --json --format html "$tmp/page.dat"
has "--format html: read as a page" "$tmp/out" '"published":"2024-05-16"'
run "--format text on a page" 0 "$bin" extract --json --format text "$f/page.html"
has "--format text: the markup is text" "$tmp/out" '^\{"doc":"page"'
echo '<html><body><nav><a href="/">Home</a></nav></body></html>' > "$tmp/empty.html"
run "a page without an article" 1 "$bin" extract --json "$tmp/empty.html" "$f/page.html"
has "no article: file named" "$tmp/err" "^liaison: error: .*empty\.html: no article text"
lines "no article: the other page still read" "$tmp/out" 1

# ---- JSON Lines
run "extract --json wire.jsonl (bad lines)" 1 "$bin" extract --json "$f/wire.jsonl"
is "jsonl: the good lines, in order" "$(docs "$tmp/out")" "wire-1 wire:4"
has "jsonl: a line that is not JSON is named with its number" "$tmp/err" '^liaison: error: .*wire\.jsonl: line 2: '
has "jsonl: a line without text is named" "$tmp/err" '^liaison: error: .*wire\.jsonl: line 5: no "text" or "html"'
has "jsonl: the published field" "$tmp/out" '^\{"doc":"wire-1","lang":"en","published":"2024-06-05"'
has "jsonl: html through the article extractor" "$tmp/out" '"doc":"wire:4".*"parties":\["Hanoi","Yunnan"\]'
printf '{"guid":"g1","body":"On June 4, Vice Chairman of the Quang Ninh Provincial People'"'"'s Committee Nguyen Minh Son held video talks with Guangxi."}\n' > "$tmp/mapped.jsonl"
run "--map text=body,id=guid" 0 "$bin" extract --json --map text=body,id=guid "$tmp/mapped.jsonl"
has "--map: the id and text from the mapped fields" "$tmp/out" '^\{"doc":"g1","lang":"en"'

# ---- WARC
run "extract --json crawl.warc.gz" 0 "$bin" extract --json "$f/crawl.warc.gz"
is "warc.gz: one record per response, ids FILE-RECORD" "$(docs "$tmp/out")" "crawl-3 crawl-5 crawl-7"
has "warc.gz: plain response" "$tmp/out" '^\{"doc":"crawl-3","lang":"en","published":"2024-03-12".*"Gong Zheng"'
has "warc.gz: chunked response" "$tmp/out" '"doc":"crawl-5".*"Wei Zhaohui"'
has "warc.gz: gzip-encoded response" "$tmp/out" '"doc":"crawl-7".*"Yin Yong"'
cp "$tmp/out" "$tmp/warcgz.out"
run "extract --json crawl.warc (plain)" 0 "$bin" extract --json "$f/crawl.warc"
same "plain .warc = .warc.gz" "$tmp/warcgz.out" "$tmp/out"
run "extract --json cut.warc.gz (truncated)" 1 "$bin" extract --json "$f/cut.warc.gz"
is "truncated: every complete record" "$(docs "$tmp/out")" "cut-3 cut-5"
has "truncated: the message names the file and the byte" "$tmp/err" \
    '^liaison: error: .*cut\.warc\.gz: truncated at byte [0-9]+ \(record 7 at byte [0-9]+ is incomplete\)'
lines "truncated: one message" "$tmp/err" 1

# ---- feeds
run "extract --json feed.rss consulate.atom" 0 "$bin" extract --json "$f/feed.rss" "$f/consulate.atom"
is "feeds: ids from guid, link, id" "$(docs "$tmp/out")" \
    "lc-yn-20240607 https://news.example.org/2024/06/09/langson-guangxi.html urn:example:jiangsu-2024-05-16"
has "rss: pubDate" "$tmp/out" '^\{"doc":"lc-yn-20240607","lang":"en","published":"2024-06-07"'
has "rss: the item's text" "$tmp/out" '"doc":"lc-yn-20240607".*"Zhang Zhihua"'
has "atom: published" "$tmp/out" '"doc":"urn:example:jiangsu-2024-05-16","lang":"en","published":"2024-05-16"'

# ---- feeds with entities of their own: nested (a hundred expansions or more) stop
# libxml2's parser, many flat ones are refused; either way an error, never a silent cut
ents=$tmp/ents
mkdir -p "$ents"
"$py" - "$ents" <<'EOF2'
import sys
def item(n, body):
    return (f"<item><title>Item {n}</title><guid>item-{n}</guid>"
            f"<description>{body}</description></item>")
def feed(decl, second):
    items = [item(1, "Shanghai and Hanoi signed a memorandum on trade in May 2024."), item(2, second),
             item(3, "Guangxi and Lang Son met on border trade in June 2024."), item(4, "Yunnan &e; Lao Cai.")]
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE rss [\n' + decl + '\n]>\n'
            '<rss version="2.0"><channel><title>T</title>\n' + "\n".join(items) + "\n</channel></rss>\n")
nested = "\n".join(['<!ENTITY e "and">', '<!ENTITY a0 "word ">'] +
                    [f'<!ENTITY a{i} "{("&a%d;" % (i - 1)) * 10}">' for i in range(1, 6)])
open(sys.argv[1] + "/nested.rss", "w").write(feed(nested, "Before &a5; after."))
open(sys.argv[1] + "/hundred.rss", "w").write(feed(nested, "Before &a2; after."))
open(sys.argv[1] + "/flat.rss", "w").write(feed('<!ENTITY e "and">', "Flat " + "&e;" * 150))
EOF2
for n in nested hundred; do
    run "extract a feed of nested entities ($n.rss)" 1 "$bin" extract --json "$ents/$n.rss"
    is "$n.rss: the item before is kept" "$(docs "$tmp/out")" "item-1"
    has "$n.rss: the error names the file, the item and the line" "$tmp/err" \
        "^liaison: error: .*$n\.rss: item 2: line 13: entities nested to expand too far .*the rest of the feed are not read"
done
run "extract a feed of 150 flat entity references in an item" 1 "$bin" extract --json "$ents/flat.rss"
is "flat.rss: the others are kept (an entity used once too)" "$(docs "$tmp/out")" "item-1 item-3 item-4"
has "flat.rss: the item refused, named" "$tmp/err" \
    "^liaison: error: .*flat\.rss: item 2 \(line 7\): its entities expand more than 100 times; skipped"

# ---- a folder of every format, with things that are not documents in it
cp "$tmp/empty.html" "$f/zz-empty.html"
echo "notes, not a document" > "$f/README.md"
echo '<urlset><url><loc>https://x/</loc></url></urlset>' > "$f/sitemap.xml"
mkdir -p "$f/sub"
cp "$src/samples/en-jiangsu-consul.txt" "$f/sub/"
run "extract a folder of every format" 1 "$bin" extract --json --jobs 1 "$f"
cp "$tmp/out" "$tmp/folder1.out"
cp "$tmp/err" "$tmp/folder1.err"
is "folder: every format, sorted, recursively" "$(docs "$tmp/out")" \
    "urn:example:jiangsu-2024-05-16 crawl-3 crawl-5 crawl-7 crawl-3 crawl-5 crawl-7 cut-3 cut-5 lc-yn-20240607 https://news.example.org/2024/06/09/langson-guangxi.html page en-jiangsu-consul wire-1 wire:4"
has "folder: an .xml that is no feed is skipped with a warning" "$tmp/err" \
    "^liaison: warning: .*sitemap\.xml: not an RSS or Atom feed; skipped"
lacks "folder: README.md is not read" "$tmp/err" "README"
run "the same folder, --quiet" 1 "$bin" extract --json --quiet --jobs 1 "$f"
lacks "--quiet: no warnings" "$tmp/err" "warning"
has "--quiet: errors still" "$tmp/err" "^liaison: error: .*cut\.warc\.gz: truncated"
lacks "stderr not a terminal: no progress line" "$tmp/folder1.err" $'\r'
lacks "stderr not a terminal: no progress text" "$tmp/folder1.err" "MB/s"

# ---- --jobs: the same output and the same messages, in the same order
for j in 2 3 8; do
    run "folder --jobs $j" 1 "$bin" extract --json --jobs "$j" "$f"
    same "folder --jobs $j: stdout = --jobs 1" "$tmp/folder1.out" "$tmp/out"
    same "folder --jobs $j: stderr = --jobs 1" "$tmp/folder1.err" "$tmp/err"
done
"$bin" extract --jobs 1 "$src/samples" > "$tmp/s1" 2>&1
"$bin" extract --jobs 4 "$src/samples" > "$tmp/s4" 2>&1
same "samples summary: --jobs 4 = --jobs 1" "$tmp/s1" "$tmp/s4"
"$bin" extract --json --offsets --jobs 1 "$src/samples" > "$tmp/s1" 2>&1
"$bin" extract --json --offsets --jobs 3 "$src/samples" > "$tmp/s3" 2>&1
same "samples --json --offsets: --jobs 3 = --jobs 1" "$tmp/s1" "$tmp/s3"
if "$py" "$src/bench/gen-corpus.py" --mb 6 --lang mixed --seed 11 --out "$tmp/corpus" > /dev/null 2>&1; then
    # a few bad files among them, so that messages are ordered too
    printf 'PK\003\004\000\000binary' > "$tmp/corpus/0000/en-0000005x.txt"
    mkdir -p "$tmp/corpus/zzzz"  # the last folder read: its message comes after progress lines
    printf 'H\xe0 N\xf4i bad bytes\n' > "$tmp/corpus/zzzz/vi-bad.txt"
    n=$(find "$tmp/corpus" -name '*.txt' | wc -l)
    run "generated corpus --jobs 1" 1 "$bin" extract --json --jobs 1 "$tmp/corpus"
    cp "$tmp/out" "$tmp/c1.out"
    cp "$tmp/err" "$tmp/c1.err"
    lines "generated corpus: one record per text file but the binary one" "$tmp/c1.out" $((n - 1))
    for j in 2 4; do
        run "generated corpus --jobs $j" 1 "$bin" extract --json --jobs "$j" "$tmp/corpus"
        same "generated corpus --jobs $j: stdout = --jobs 1 ($((n - 1)) records)" "$tmp/c1.out" "$tmp/out"
        same "generated corpus --jobs $j: stderr = --jobs 1" "$tmp/c1.err" "$tmp/err"
    done
    # the progress line, on a terminal (script(1) from util-linux gives one)
    if command -v script > /dev/null && script -qec true /dev/null > /dev/null 2>&1; then
        # the corpus twice: long enough for a few redraws (at most 4 a second)
        script -qec "'$bin' extract --json --jobs 1 '$tmp/corpus' '$tmp/corpus' > /dev/null 2> /dev/tty" /dev/null \
            > "$tmp/tty" 2>&1
        has "terminal: a progress line with documents, MB and MB/s" "$tmp/tty" \
            'liaison: extract: [0-9]+ documents, [0-9.]+ of [0-9.]+ MB, [0-9.]+ MB/s'
        has "terminal: the line is redrawn with a carriage return" "$tmp/tty" $'\rliaison: extract:'
        if tr -d '\n' < "$tmp/tty" | grep -qE $'\r *\r[^\r]*error'; then ok "terminal: the line is erased before a message"
        else bad "terminal: the line is not erased before a message" "$tmp/tty"; fi
        if "$py" -c '
import re, sys
t = open(sys.argv[1], encoding="utf-8", errors="replace", newline="").read()
last = t.rindex("liaison: extract: ")
sys.exit(0 if re.search(r"\r +\r", t[last:]) else 1)' "$tmp/tty"; then ok "terminal: the last progress line is erased"
        else bad "terminal: the last progress line is not erased" "$tmp/tty"; fi
        script -qec "'$bin' extract --json --quiet --jobs 1 '$tmp/corpus' > /dev/null 2> /dev/tty" /dev/null > "$tmp/tty" 2>&1
        lacks "terminal, --quiet: no progress line" "$tmp/tty" 'documents'
    else
        echo "skip the progress line: script(1) is not available"
    fi
else
    bad "gen-corpus.py failed"
fi

# ---- ingest: every format, the URL and title of each document stored
db=$tmp/kb.db
run "ingest the folder" 1 "$bin" ingest --db "$db" --jobs 1 "$f"
has "ingest: the bad items are named" "$tmp/err" "^liaison: error: .*wire\.jsonl: line 2: "
has "ingest: crawl.warc and crawl.warc.gz give the same ids" "$tmp/err" \
    "^liaison: warning: .*crawl\.warc\.gz: record 3 at byte [0-9]+: document id 'crawl-3' was already read from .*crawl\.warc: record 3"
has "ingest: the report counts the stored documents (the same ids and content: unchanged)" "$tmp/err" \
    "documents: 12 new, 3 unchanged, 0 replaced, 0 failed"
"$py" - "$db" > "$tmp/py" 2>&1 <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = {r[0]: r[1:] for r in db.execute("SELECT id, path, url, published, text FROM documents")}
def want(cond, what):
    if not cond:
        print("not so:", what); sys.exit(1)
want(rows["page"][1] == "https://border.example.org/2024/05/16/haiphong-guangxi.html", "page url = canonical")
want(rows["page"][2] == "2024-05-16", "page date")
want(rows["page"][3].startswith("Hai Phong and Guangxi boost port cooperation\n"), "page title is the first line")
want(rows["wire-1"][1] == "https://wire.example.org/2024/06/05/qn-gx", "jsonl url")
want(rows["wire-1"][0].endswith("wire.jsonl"), "jsonl path is the file")
want(rows["crawl-5"][1] == "https://port.example.org/2024/04/02/caobang-guangxi.html", "warc url = target URI")
want(rows["lc-yn-20240607"][1] == "https://news.example.org/2024/06/07/laocai-yunnan.html", "rss item link")
want(rows["lc-yn-20240607"][3].startswith("Lao Cai delegation visits Yunnan\n"), "rss title first")
want(rows["en-jiangsu-consul"][1] is None, "a text file without FILE.url has no url")
print(len(rows), "documents checked")
EOF
[ $? -eq 0 ] && ok "ingest: urls, dates, titles, paths stored ($(tail -n 1 "$tmp/py"))" || bad "ingest: stored metadata" "$tmp/py"
run "ingest the folder again" 1 "$bin" ingest --db "$db" "$f"
has "again: every document unchanged" "$tmp/err" "documents: 0 new, 15 unchanged, 0 replaced, 0 failed"
run "ingest --jobs 3" 1 "$bin" ingest --db "$tmp/kb3.db" --jobs 3 "$f"
if "$py" "$src/tests/kb_dump.py" "$db" > "$tmp/d1" 2>&1 && "$py" "$src/tests/kb_dump.py" "$tmp/kb3.db" > "$tmp/d3" 2>&1; then
    same "ingest --jobs 3 stores what --jobs 1 stores" "$tmp/d1" "$tmp/d3"
else
    bad "kb_dump.py failed" "$tmp/d1" "$tmp/d3"
fi
if [ -d "$tmp/corpus" ]; then
    run "ingest the generated corpus --jobs 1 --batch 50" 1 "$bin" ingest -q --batch 50 --jobs 1 --db "$tmp/g1.db" "$tmp/corpus"
    run "ingest the generated corpus --jobs 4 --batch 50" 1 "$bin" ingest -q --batch 50 --jobs 4 --db "$tmp/g4.db" "$tmp/corpus"
    "$py" "$src/tests/kb_dump.py" "$tmp/g1.db" > "$tmp/d1" 2>&1
    "$py" "$src/tests/kb_dump.py" "$tmp/g4.db" > "$tmp/d4" 2>&1
    same "generated corpus: ingest --jobs 4 = --jobs 1 ($(wc -l < "$tmp/d1") dump lines)" "$tmp/d1" "$tmp/d4"
fi

# ---- ingest --feed: a local HTTP server on 127.0.0.1
www=$tmp/www
mkdir -p "$www"
cp "$f/feed.rss" "$www/news.rss"
cp "$f/consulate.atom" "$www/consulate.atom"
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$www" && exec timeout 120 "$py" -m http.server --bind 127.0.0.1 "$port") > "$tmp/server.log" 2>&1 &
server=$!
up=0
for _ in $(seq 1 100); do
    if "$py" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$port" 2> /dev/null; then
        up=1
        break
    fi
    sleep 0.1
done
if [ "$up" -eq 1 ]; then
    base=http://127.0.0.1:$port
    fdb=$tmp/feeds.db
    run "ingest --feed RSS --feed Atom" 0 "$bin" ingest --db "$fdb" --feed "$base/news.rss" --feed "$base/consulate.atom"
    has "feeds: three items stored" "$tmp/err" "documents: 3 new, 0 unchanged, 0 replaced, 0 failed"
    "$py" - "$fdb" "$base" > "$tmp/py" 2>&1 <<'EOF'
import sqlite3, sys
db, base = sqlite3.connect(sys.argv[1]), sys.argv[2]
rows = db.execute("SELECT id, path, url, published FROM documents ORDER BY docno").fetchall()
want = [("lc-yn-20240607", base + "/news.rss", "https://news.example.org/2024/06/07/laocai-yunnan.html", "2024-06-07"),
        ("https://news.example.org/2024/06/09/langson-guangxi.html", base + "/news.rss",
         "https://news.example.org/2024/06/09/langson-guangxi.html", "2024-06-09"),
        ("urn:example:jiangsu-2024-05-16", base + "/consulate.atom", "https://atom.example.org/2024/05/16/jiangsu.html",
         "2024-05-16")]
if rows != want:
    print("got ", rows); print("want", want); sys.exit(1)
n = db.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
if n < 2:
    print("events:", n); sys.exit(1)
print(len(rows), "documents,", n, "event mentions")
EOF
    [ $? -eq 0 ] && ok "feeds: ids, feed URLs, item links, dates ($(tail -n 1 "$tmp/py"))" || bad "feeds: stored documents" "$tmp/py"
    run "ingest --feed again" 0 "$bin" ingest --db "$fdb" --feed "$base/news.rss" --feed "$base/consulate.atom"
    has "feeds again: unchanged" "$tmp/err" "documents: 0 new, 3 unchanged, 0 replaced, 0 failed"
    run "ingest --feed of a missing feed, with a file" 1 "$bin" ingest --db "$fdb" --feed "$base/missing.rss" "$f/page.html"
    has "missing feed: the URL and the HTTP status" "$tmp/err" "^liaison: error: $base/missing\.rss: HTTP status 404"
    has "missing feed: the file is still stored" "$tmp/err" "documents: 1 new"
    echo "not a feed at all" > "$www/junk.rss"
    run "ingest --feed of something that is not a feed" 1 "$bin" ingest --db "$fdb" --feed "$base/junk.rss"
    has "not a feed: named" "$tmp/err" "^liaison: error: $base/junk\.rss"
    cp "$ents/nested.rss" "$www/nested.rss"
    run "ingest --feed of nested entities" 1 "$bin" ingest --db "$tmp/ents.db" --feed "$base/nested.rss"
    has "ingest --feed, nested entities: the error names the feed and the item" "$tmp/err" \
        "^liaison: error: $base/nested\.rss: item 2: line 13: entities nested"
    has "ingest --feed, nested entities: the item before is stored" "$tmp/err" "documents: 1 new"
    run "ingest --feed ftp://..." 1 "$bin" ingest --db "$fdb" --feed "ftp://127.0.0.1:$port/news.rss"
    has "only http and https" "$tmp/err" "only http:// and https://"
else
    bad "the local HTTP server did not start" "$tmp/server.log"
fi

echo "test_formats: $((checks - fails)) of $checks checks passed"
[ "$fails" -eq 0 ]
