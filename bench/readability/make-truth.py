#!/usr/bin/env python3
"""Cut the true article text out of each page of bench/readability/pages/.

The article text of each page was marked by hand with HTML comments:
<!--truth--> ... <!--/truth--> (comments change nothing for either tool).  This
script writes the text inside the marks, one block element per line, to
truth/<page>.txt.  Review the result; the truth files are committed.

    bench/readability/make-truth.py            all pages
    bench/readability/make-truth.py PAGE.html  one page
"""
import html.parser
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "tr", "table", "figcaption",
         "figure", "blockquote", "br", "section", "article", "ul", "ol", "pre"}


class Cutter(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.on = False
        self.skip = 0
        self.out = []

    def handle_comment(self, data):
        if data.strip() == "truth":
            self.on = True
        elif data.strip() == "/truth":
            self.on = False
            self.out.append("\n")

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if self.on and tag in BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if self.on and tag in BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if self.on and not self.skip:
            self.out.append(data)


def decode(raw):
    m = re.search(rb'charset=["\']?([A-Za-z0-9_-]+)', raw[:4096])
    enc = m.group(1).decode().lower() if m else "utf-8"
    if enc in ("gb2312", "gbk"):
        enc = "gb18030"
    return raw.decode(enc, errors="replace")


def truth_of(path):
    c = Cutter()
    c.feed(decode(open(path, "rb").read()))
    lines = []
    for line in "".join(c.out).split("\n"):
        line = re.sub(r"[\s\u3000\u00a0]+", " ", line).strip()
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"


def main():
    pages = sys.argv[1:] or sorted(
        os.path.join(HERE, "pages", f) for f in os.listdir(os.path.join(HERE, "pages")) if f.endswith(".html"))
    for p in pages:
        name = os.path.splitext(os.path.basename(p))[0]
        t = truth_of(p)
        with open(os.path.join(HERE, "truth", name + ".txt"), "w", encoding="utf-8") as f:
            f.write(t)
        print(f"{name}: {len(t)} chars")


if __name__ == "__main__":
    main()
