#!/usr/bin/env python3
"""Wrap the articles of a gen-corpus.py corpus as web pages: as HTML files, or as a
WARC archive (.warc.gz: one gzip member per record) of any size.

Each article becomes a page in one of four outlet templates (navigation menus, a
cookie banner, share buttons, a sidebar of headlines, related news with teasers,
comments, a footer, inline and JSON-LD scripts), about 3 times the article's size.
In the WARC each page is a `response` record (HTTP/1.1 200, text/html; some with
Transfer-Encoding: chunked, some with Content-Encoding: gzip), preceded by its
`request` record and followed by a `metadata` record, after one `warcinfo`.  The
articles are reused in turn until the output reaches --mb (compressed size for
.warc.gz); each use gets its own URL and record id.  Python 3 standard library only;
deterministic for the same arguments.

    bench/gen-warc.py --corpus bench/out/mixed-100mb --html-dir bench/out/html-100mb --mb 100
    bench/gen-warc.py --corpus bench/out/mixed-100mb --warc bench/out/crawl-1gb.warc.gz --mb 1000
"""

import argparse
import gzip
import html
import os
import random
import sys
import time
import uuid
import zlib

NAV = {
    "en": ["Politics", "Business", "Society", "World", "Culture", "Sports", "Travel", "Environment",
           "Science", "Technology", "Health", "Education", "Videos", "Photos", "Podcasts"],
    "vi": ["Chính trị", "Kinh tế", "Xã hội", "Thế giới", "Văn hóa", "Thể thao", "Du lịch", "Pháp luật",
           "Giáo dục", "Sức khỏe", "Công nghệ", "Ô tô - Xe máy", "Bất động sản", "Video", "Ảnh"],
    "zh": ["时政", "地方", "法治", "国际", "财经", "科技", "汽车", "文化", "体育", "健康", "教育",
           "旅游", "图片", "视频", "评论"],
}
WORDS = {
    "related": {"en": "Related news", "vi": "Tin liên quan", "zh": "相关新闻"},
    "most": {"en": "Most read", "vi": "Đọc nhiều", "zh": "热点新闻"},
    "comments": {"en": "Comments", "vi": "Bình luận", "zh": "网友评论"},
    "cookie": {"en": "We use cookies to improve your experience and to show personalised "
                     "advertising. By continuing to browse you agree to our use of cookies.",
               "vi": "Chúng tôi sử dụng cookie để cải thiện trải nghiệm của bạn. Tiếp tục truy cập "
                     "nghĩa là bạn đồng ý với chính sách cookie của chúng tôi.",
               "zh": "本网站使用Cookie以改善您的浏览体验。继续浏览即表示您同意我们使用Cookie。"},
    "footer": {"en": "Copyright © News Agency. All rights reserved. Licence No. 1149/GP-BTTTT. "
                     "Reproduction without written permission is prohibited.",
               "vi": "Bản quyền thuộc về Thông tấn xã. Giấy phép số 1149/GP-BTTTT. Cấm sao chép dưới "
                     "mọi hình thức nếu không có sự chấp thuận bằng văn bản.",
               "zh": "版权所有，未经书面授权禁止转载。互联网新闻信息服务许可证：10120170001。"},
    "comment": {"en": "Good news for both sides, I hope the border gates will be less congested "
                      "this summer, because last year trucks waited for days.",
                "vi": "Tin vui cho cả hai bên, mong cửa khẩu sẽ bớt ùn tắc vào mùa hè này, vì năm "
                      "ngoái xe tải phải chờ nhiều ngày.",
                "zh": "两地合作前景广阔，希望口岸通关更加便利，也欢迎更多朋友来旅游。"},
}

TEMPLATES = [
    # (body class, wrapper of the article, class of the body div, lead tag)
    ("page-detail", "article", "article__body cms-body", "h2 class=\"sapo\""),
    ("detail", "div class=\"detail-content\"", "content-body", "div class=\"detail-sapo\""),
    ("news", "div id=\"detail\"", "noidung", "p class=\"lead\""),
    ("post", "div class=\"entry\"", "entry-content", "div class=\"summary\""),
]


def lang_of(name, text):
    for l in ("en", "vi", "zh"):
        if name.startswith(l + "-"):
            return l
    return "zh" if any("\u4e00" <= c <= "\u9fff" for c in text[:200]) else "en"


def page(text, lang, n, rnd):
    lines = [l.strip() for l in text.split("\n") if l.strip()]
    title = lines[0] if lines else "News"
    body = lines[1:]
    cls, wrap, bodycls, lead = TEMPLATES[n % len(TEMPLATES)]
    wtag = wrap.split()[0]
    ltag = lead.split()[0]
    e = html.escape
    nav = "".join(f'<li><a href="/c{i}/">{e(w)}</a></li>' for i, w in enumerate(NAV[lang]))
    side = "".join(f'<li><a href="/n{rnd.randrange(10**6)}.html">{e(l[:90])}</a></li>'
                   for l in rnd.sample(NAV[lang], 8))
    rel = "".join(f'<li><a href="/r{rnd.randrange(10**6)}.html">{e(title[:60])} {i}</a>'
                  f'<p>{e(body[i % len(body)][:140]) if body else ""}</p></li>' for i in range(4))
    paras = []
    for i, l in enumerate(body):
        if i == 0:
            paras.append(f"<{lead}>{e(l)}</{ltag}>")
        elif i == 3:
            paras.append(f'<div class="ads-inarticle"><script>ads.push({n});</script>Advertisement</div>'
                         f"<p>{e(l)}</p>")
        else:
            paras.append(f"<p>{e(l)}</p>")
    lead_html = paras[0] if paras else ""
    rest = "\n".join(paras[1:])
    script = "var cfg={" + ",".join(f'"k{i}":"{rnd.randrange(10**9):x}"' for i in range(40)) + "};"
    # the weight of a real news page: a mega-menu, inline CSS, an app state blob,
    # icons, a long footer (real pages are 100-300 KB for 5 KB of story)
    mega = "".join(
        f'<li class="menu-item menu-item--l{i % 3} has-sub" data-id="{rnd.randrange(10**6)}">'
        f'<a class="menu-link" href="/c{i}/s{j}/" title="{e(NAV[lang][(i + j) % 15])}">'
        f'{e(NAV[lang][(i + j) % 15])}</a></li>' for i in range(12) for j in range(10))
    icon = ('<svg class="icon" viewBox="0 0 24 24" width="16" height="16"><path d="M12 2C6.48 2 2 6.48 2 '
            '12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 '
            '8-8 8z"/></svg>')
    css = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{rnd.randrange(1 << 24):06x}}}"
                  for i in range(250))
    state = "window.__STATE__=" + "{" + ",".join(
        f'"a{i}":{{"id":{rnd.randrange(10**8)},"t":"{e(NAV[lang][i % 15])}","u":"/x/{rnd.randrange(10**9)}"}}'
        for i in range(150)) + "};"
    foot = "".join(f'<li><a href="/f{i}">{e(NAV[lang][i % 15])} {i}</a></li>' for i in range(60))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{e(title)} | News</title>
<meta property="og:title" content="{e(title)}"><meta name="viewport" content="width=device-width">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{e(title[:40])}","datePublished":"2024-05-{1 + n % 28:02d}T08:00:00+07:00"}}</script>
<script>{script}</script><link rel="stylesheet" href="/static/main.css"><style>{css}</style></head>
<body class="{cls}"><div id="cookie-consent">{e(WORDS["cookie"][lang])}<button>OK</button></div>
<header><nav class="main-menu"><ul>{nav}</ul><ul class="mega-menu">{mega}</ul></nav><div class="icons">{icon * 20}</div></header>
<div class="container"><div class="breadcrumb"><a href="/">Home</a> › <a href="/c1/">{e(NAV[lang][1])}</a></div>
<div class="col-main"><{wrap}><h1>{e(title)}</h1><div class="meta"><span class="date">16/05/2024 08:30</span></div>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
{lead_html}
<div class="{bodycls}">
{rest}
</div>
<div class="tags"><a href="/t/1">cooperation</a> <a href="/t/2">trade</a></div>
<div class="related"><h3>{e(WORDS["related"][lang])}</h3><ul>{rel}</ul></div>
</{wtag}>
<div class="comments"><h3>{e(WORDS["comments"][lang])}</h3><div class="comment"><p>{e(WORDS["comment"][lang])}</p></div></div>
</div>
<aside class="sidebar"><h3>{e(WORDS["most"][lang])}</h3><ol>{side}</ol></aside></div>
<footer><ul class="footer-links">{foot}</ul><p>{e(WORDS["footer"][lang])}</p></footer>
<script>{state}</script><script src="/static/app.js"></script></body></html>
"""


def articles(corpus):
    files = []
    for d, _, fs in os.walk(corpus):
        files += [os.path.join(d, f) for f in fs if f.endswith(".txt")]
    files.sort()
    if not files:
        sys.exit(f"gen-warc: no *.txt files under {corpus} (make them with bench/gen-corpus.py)")
    return files


def warc_record(typ, fields, block):
    head = [f"WARC/1.1", f"WARC-Type: {typ}", f"WARC-Record-ID: <urn:uuid:{fields.pop('id')}>",
            "WARC-Date: 2025-01-15T10:00:00Z"]
    head += [f"{k}: {v}" for k, v in fields.items()]
    head += [f"Content-Length: {len(block)}", "", ""]
    return "\r\n".join(head).encode() + block + b"\r\n\r\n"


def http_response(body, n):
    headers = ["HTTP/1.1 200 OK", "Content-Type: text/html; charset=utf-8", "Server: nginx",
               "Last-Modified: Wed, 01 Jan 2020 00:00:00 GMT"]
    if n % 5 == 1:
        body = gzip.compress(body, 6, mtime=0)
        headers.append("Content-Encoding: gzip")
    if n % 3 == 2:
        chunks, i = [], 0
        while i < len(body):
            c = body[i:i + 8192]
            chunks.append(b"%x\r\n" % len(c) + c + b"\r\n")
            i += len(c)
        body = b"".join(chunks) + b"0\r\n\r\n"
        headers.append("Transfer-Encoding: chunked")
    else:
        headers.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="a folder made by gen-corpus.py")
    ap.add_argument("--mb", type=float, required=True, help="output size in MB (10^6 bytes)")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--html-dir", help="write one .html file per article here")
    g.add_argument("--warc", help="write a WARC file (.warc.gz: gzip per record)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    files = articles(a.corpus)
    limit = int(a.mb * 1e6)
    rnd = random.Random(a.seed)
    t0 = time.time()
    n = total = 0
    if a.html_dir:
        os.makedirs(a.html_dir, exist_ok=True)
        while total < limit:
            f = files[n % len(files)]
            text = open(f, encoding="utf-8").read()
            name = os.path.splitext(os.path.basename(f))[0]
            data = page(text, lang_of(name, text), n, rnd).encode()
            sub = os.path.join(a.html_dir, f"{n // 1000:04d}")
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"{name}-{n}.html"), "wb") as out:
                out.write(data)
            total += len(data)
            n += 1
        print(f"gen-warc: {a.html_dir}: {n} pages, {total / 1e6:.1f} MB in {time.time() - t0:.1f} s",
              file=sys.stderr)
        return
    gz = a.warc.endswith(".gz")
    raw = 0
    with open(a.warc, "wb") as out:
        def put(rec):
            nonlocal total, raw
            data = zlib.compress(rec, 6, wbits=31) if gz else rec
            out.write(data)
            total += len(data)
            raw += len(rec)
        put(warc_record("warcinfo", {"id": uuid.UUID(int=rnd.getrandbits(128)),
                                     "Content-Type": "application/warc-fields"},
                        b"software: liaison bench/gen-warc.py\r\nformat: WARC File Format 1.1\r\n"))
        while total < limit:
            f = files[n % len(files)]
            text = open(f, encoding="utf-8").read()
            name = os.path.splitext(os.path.basename(f))[0]
            url = f"https://news.example.org/{name}-{n}.html"
            req = f"GET /{name}-{n}.html HTTP/1.1\r\nHost: news.example.org\r\nUser-Agent: crawler\r\n\r\n"
            put(warc_record("request", {"id": uuid.UUID(int=rnd.getrandbits(128)), "WARC-Target-URI": url,
                                        "Content-Type": "application/http; msgtype=request"}, req.encode()))
            body = page(text, lang_of(name, text), n, rnd).encode()
            put(warc_record("response", {"id": uuid.UUID(int=rnd.getrandbits(128)), "WARC-Target-URI": url,
                                         "Content-Type": "application/http; msgtype=response"},
                            http_response(body, n)))
            put(warc_record("metadata", {"id": uuid.UUID(int=rnd.getrandbits(128)), "WARC-Target-URI": url,
                                         "Content-Type": "application/warc-fields"},
                            f"fetchTimeMs: {rnd.randrange(50, 900)}\r\n".encode()))
            n += 1
    print(f"gen-warc: {a.warc}: {n} pages, {total / 1e6:.1f} MB on disk ({raw / 1e6:.1f} MB of records) "
          f"in {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
