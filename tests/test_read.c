/*
 * test_read.c — the input readers (read*.c, fetch.c): files -> documents.
 *
 * For each format, valid inputs with the exact documents expected (ids,
 * text, dates, titles, URLs), and broken ones: invalid UTF-8, another
 * charset, malformed HTML, bad JSON lines among good ones, a huge line,
 * truncated WARC files (plain and gzip), a corrupt gzip member, a chunked
 * body cut short, RSS and Atom dates, an empty file, binary junk.  The feed
 * fetcher runs against HTTP servers on 127.0.0.1 started here (python3's
 * http.server, and a socket that never answers), bounded in time.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <signal.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <zlib.h>
#include <cmocka.h>
#include "liaison.h"

static char tmpdir[256];

static const char *path_of(const char *name)
{
	static char p[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
	return p[k];
}

static const char *put(const char *name, const void *data, size_t len)
{
	const char *p = path_of(name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return p;
}

static const char *puts_(const char *name, const char *s) { return put(name, s, strlen(s)); }

/* What a reader gave, item by item. */
struct item {
	int rc;
	char id[256], published[11], url[256], title[256], where[96];
	char *text;
	char err[512];
};

struct run {
	struct item it[32];
	int n;
	enum lsn_input_format fmt;
};

static void run_free(struct run *r)
{
	for (int i = 0; i < r->n; i++)
		free(r->it[i].text);
	r->n = 0;
}

static void cpy(char *dst, size_t cap, const char *s)
{
	snprintf(dst, cap, "%s", s ? s : "");
}

/* Reads path to the end (0 or -2), at most 32 items. */
static void read_all(struct run *r, const char *path, enum lsn_input_format fmt, const char *map)
{
	memset(r, 0, sizeof *r);
	char err[512];
	lsn_reader *rd = lsn_reader_open(path, fmt, map, err, sizeof err);
	if (!rd)
		fail_msg("open %s: %s", path, err);
	r->fmt = lsn_reader_format(rd);
	for (;;) {
		struct lsn_input in;
		assert_true(r->n < 32);
		struct item *it = &r->it[r->n];
		it->rc = lsn_reader_next(rd, &in, it->err, sizeof it->err);
		if (it->rc == 0)
			break;
		r->n++;
		if (it->rc == 1) {
			assert_non_null(in.text);
			assert_int_equal(strlen(in.text), in.len);
			it->text = strdup(in.text);
			cpy(it->id, sizeof it->id, in.id);
			cpy(it->published, sizeof it->published, in.published);
			cpy(it->url, sizeof it->url, in.url);
			cpy(it->title, sizeof it->title, in.title);
			cpy(it->where, sizeof it->where, in.where);
		}
		if (it->rc == -2)
			break;
	}
	struct lsn_input in;
	char e2[64];
	assert_int_equal(lsn_reader_next(rd, &in, e2, sizeof e2), 0); /* stays ended */
	lsn_reader_free(rd);
}

static void expect_doc(const struct item *it, const char *id, const char *text, const char *pub)
{
	if (it->rc != 1)
		fail_msg("expected a document %s, got rc %d: %s", id, it->rc, it->err);
	assert_string_equal(it->id, id);
	assert_string_equal(it->text, text);
	assert_string_equal(it->published, pub ? pub : "");
}

/* ================================================================ HTML */

#define PAGE_EN \
	"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Hanoi and Guangxi sign deal | VNA</title>\n" \
	"<meta property=\"og:title\" content=\"Hanoi and Guangxi sign trade deal\">\n" \
	"<link rel=\"canonical\" href=\"https://en.example.vn/hanoi-guangxi-post1.vnp\">\n" \
	"<meta property=\"article:published_time\" content=\"2024-05-16T08:00:00+07:00\">\n" \
	"<script>var s = '<p>not text, not text, not text, not text</p>';</script>\n" \
	"<style>p { color: red }</style></head>\n" \
	"<body class=\"single has-sidebar\"><nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav>\n" \
	"<div id=\"cookie-banner\">We use cookies to improve your experience, please accept them.</div>\n" \
	"<div class=\"wrap\"><div class=\"main-col\">\n" \
	"<h1>Hanoi and Guangxi sign trade deal</h1>\n" \
	"<div class=\"meta\"><span class=\"date\">16/05/2024 08:30</span></div>\n" \
	"<h2 class=\"sapo\">Hanoi (VNA) – Leaders of Hanoi and Guangxi signed a memorandum on trade on Thursday.</h2>\n" \
	"<div class=\"article-body\">\n" \
	"<p>The agreement, signed in Hanoi on May 15, covers trade, tourism and logistics, officials said.</p>\n" \
	"<p>Chairman Tran Sy Thanh said the two sides would open a new route for goods, and that exports would rise.</p>\n" \
	"<div class=\"ads\">Buy now, cheap, cheap, cheap!</div>\n" \
	"<figure><img src=\"a.jpg\"><figcaption>Officials at the signing ceremony in Hanoi.</figcaption></figure>\n" \
	"<p>Guangxi Party Secretary Liu Ning welcomed the deal, adding that trade grew 12.5% in 2023.</p>\n" \
	"<ul><li><a href=\"/a\">Related story one</a></li><li><a href=\"/b\">Related story two</a></li></ul>\n" \
	"<div class=\"share-tools\">Share Facebook Twitter</div>\n" \
	"</div>\n" \
	"<div class=\"related-news\"><h3>Related</h3><ul><li><a href=\"/c\">Other news about Guangxi, " \
	"a very long headline for testing the filters</a></li></ul></div>\n" \
	"<div id=\"comments\"><p>Great news, thanks, I agree, well done, superb.</p></div>\n" \
	"</div>\n" \
	"<aside class=\"sidebar\"><p>Most read: lots of stuff, with commas, and more commas, and text.</p></aside>\n" \
	"</div><footer><p>Copyright VNA, all rights reserved, 2024.</p></footer></body></html>\n"

#define TEXT_EN \
	"Hanoi (VNA) – Leaders of Hanoi and Guangxi signed a memorandum on trade on Thursday.\n" \
	"The agreement, signed in Hanoi on May 15, covers trade, tourism and logistics, officials said.\n" \
	"Chairman Tran Sy Thanh said the two sides would open a new route for goods, and that exports would rise.\n" \
	"Officials at the signing ceremony in Hanoi.\n" \
	"Guangxi Party Secretary Liu Ning welcomed the deal, adding that trade grew 12.5% in 2023."

static void test_html_page(void **state)
{
	(void)state;
	struct run r;
	read_all(&r, puts_("hanoi-guangxi.html", PAGE_EN), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.fmt, LSN_FMT_HTML);
	assert_int_equal(r.n, 1);
	expect_doc(&r.it[0], "hanoi-guangxi", TEXT_EN, "2024-05-16");
	assert_string_equal(r.it[0].title, "Hanoi and Guangxi sign trade deal");
	assert_string_equal(r.it[0].url, "https://en.example.vn/hanoi-guangxi-post1.vnp");
	run_free(&r);
}

static void test_html_to_text(void **state)
{
	(void)state;
	struct lsn_buf b;
	lsn_buf_init(&b);
	char pub[11], title[8];
	assert_int_equal(lsn_html_to_text(PAGE_EN, strlen(PAGE_EN), NULL, &b, pub, title, sizeof title), LSN_OK);
	assert_string_equal(b.data, TEXT_EN);
	assert_string_equal(pub, "2024-05-16");
	assert_string_equal(title, "Hanoi a"); /* cut to fit */
	/* appends */
	assert_int_equal(lsn_html_to_text("<p>Second page text, long enough to count here.</p>", 51, "utf-8",
					  &b, NULL, NULL, 0), LSN_OK);
	assert_string_equal(b.data + strlen(TEXT_EN), "Second page text, long enough to count here.");
	lsn_buf_clear(&b);
}

/* Chinese page in GBK, declared by <meta charset>. */
static void test_html_gbk(void **state)
{
	(void)state;
	const char *u8 =
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
		"<title>上海与胡志明市加强合作</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div>"
		"<div id=\"zhengwen\"><p>新华社上海5月16日电 上海市市长会见了越南胡志明市代表团，双方表示将加强经贸合作。</p>"
		"<p>双方同意在贸易、投资、旅游等领域深化合作。</p></div>"
		"<div class=\"footer\">版权所有，上海市人民政府，2024年。</div></body></html>";
	char gbk[2048];
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)u8, *out = gbk;
	size_t il = strlen(u8), ol = sizeof gbk;
	assert_int_not_equal(iconv(cd, &in, &il, &out, &ol), (size_t)-1);
	iconv_close(cd);
	struct run r;
	read_all(&r, put("sh.htm", gbk, sizeof gbk - ol), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 1);
	expect_doc(&r.it[0], "sh",
		   "新华社上海5月16日电 上海市市长会见了越南胡志明市代表团，双方表示将加强经贸合作。\n"
		   "双方同意在贸易、投资、旅游等领域深化合作。", NULL);
	assert_string_equal(r.it[0].title, "上海与胡志明市加强合作");
	run_free(&r);
}

/* Invalid UTF-8 in a UTF-8 page: U+FFFD, and the rest of the page intact. */
static void test_html_bad_utf8(void **state)
{
	(void)state;
	const char *page = "<html><body><article><p>Đoàn đại biểu tỉnh Lào Cai \xff\xfe làm việc với "
			   "tỉnh Vân Nam về hợp tác biên giới.</p><p>Hai bên nhất trí tăng cường "
			   "hợp tác \xc3 thương mại.</p></article></body></html>";
	struct run r;
	read_all(&r, puts_("laocai.html", page), LSN_FMT_HTML, NULL);
	assert_int_equal(r.n, 1);
	expect_doc(&r.it[0], "laocai",
		   "Đoàn đại biểu tỉnh Lào Cai \xef\xbf\xbd\xef\xbf\xbd làm việc với tỉnh Vân Nam về "
		   "hợp tác biên giới.\nHai bên nhất trí tăng cường hợp tác \xef\xbf\xbd thương mại.", NULL);
	run_free(&r);
}

/* Unclosed tags, stray end tags, no <html> or <body>, entities. */
static void test_html_malformed(void **state)
{
	(void)state;
	const char *page = "<div class=content><p>Yunnan and Lao Cai opened a new border gate &amp; "
			   "a trade zone on Friday, officials said.<p>The zone covers 200 hectares, "
			   "according to the provincial government</div></div></span>"
			   "<p>More than 1,000 trucks cross each day.&nbsp;&nbsp;Trade rose.";
	struct run r;
	read_all(&r, puts_("broken.html", page), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.fmt, LSN_FMT_HTML);
	assert_int_equal(r.n, 1);
	expect_doc(&r.it[0], "broken",
		   "Yunnan and Lao Cai opened a new border gate & a trade zone on Friday, officials said.\n"
		   "The zone covers 200 hectares, according to the provincial government\n"
		   "More than 1,000 trucks cross each day. Trade rose.", NULL);
	run_free(&r);
}

/* Publication dates by every road, in the documented order. */
static void test_html_dates(void **state)
{
	(void)state;
	static const struct {
		const char *head, *body, *want;
	} cases[] = {
		{"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":"
		 "[{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-03-07T10:00:00Z\"}]}</script>",
		 "", "2024-03-07"},
		{"", "<time datetime=\"2023-11-30T09:00:00+08:00\">30 Nov</time>", "2023-11-30"},
		{"<meta name=\"pubdate\" content=\"2022-01-05\">",
		 "<time datetime=\"2023-11-30\">x</time>", "2022-01-05"},
		{"<link rel=\"canonical\" href=\"https://www.xinhuanet.com/world/20240516/abc/c.html\">", "",
		 "2024-05-16"},
		{"<link rel=\"canonical\" href=\"https://example.org/2021/07/09/story.html\">", "", "2021-07-09"},
		{"", "<div class=\"post-date\">Thứ Năm, 16/05/2024 - 08:30</div>", "2024-05-16"},
		{"", "<span class=\"pubtime\">2024年5月16日 10:20</span>", "2024-05-16"},
		{"<meta property=\"og:published_time\" content=\"Thu, 16 May 2024 08:00:00 +0700\">", "",
		 "2024-05-16"},
		{"", "", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char page[2048], pub[11];
		snprintf(page, sizeof page,
			 "<html><head>%s</head><body>%s<article><p>The two provinces agreed to expand "
			 "cooperation in trade, investment and tourism, officials said.</p></article></body></html>",
			 cases[i].head, cases[i].body);
		struct lsn_buf b;
		lsn_buf_init(&b);
		assert_int_equal(lsn_html_to_text(page, strlen(page), NULL, &b, pub, NULL, 0), LSN_OK);
		if (strcmp(pub, cases[i].want))
			fail_msg("case %zu: published %s, want %s", i, pub, cases[i].want);
		assert_string_equal(b.data, "The two provinces agreed to expand cooperation in trade, "
					    "investment and tourism, officials said.");
		lsn_buf_clear(&b);
	}
}

static void test_html_junk(void **state)
{
	(void)state;
	unsigned char junk[4096];
	uint32_t x = 12345;
	for (size_t i = 0; i < sizeof junk; i++) {
		x = x * 1103515245u + 12345u;
		junk[i] = (unsigned char)(x >> 24);
	}
	struct run r;
	read_all(&r, put("junk.html", junk, sizeof junk), LSN_FMT_HTML, NULL);
	assert_int_equal(r.n, 1);
	/* either no text (-1) or some text, never a crash */
	assert_true(r.it[0].rc == 1 || r.it[0].rc == -1);
	run_free(&r);
	read_all(&r, puts_("empty.html", ""), LSN_FMT_HTML, NULL);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.it[0].rc, -1);
	assert_non_null(strstr(r.it[0].err, "empty.html: no article text"));
	run_free(&r);
}

/* ================================================================ text, detection */

static void test_text_and_detection(void **state)
{
	(void)state;
	struct run r;
	read_all(&r, puts_("note.txt", "Shanghai and Hanoi met.\n"), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.fmt, LSN_FMT_TEXT);
	expect_doc(&r.it[0], "note", "Shanghai and Hanoi met.\n", NULL);
	assert_string_equal(r.it[0].where, "");
	run_free(&r);
	read_all(&r, puts_("empty.txt", ""), LSN_FMT_AUTO, NULL);
	expect_doc(&r.it[0], "empty", "", NULL);
	run_free(&r);
	/* by content, when the name says nothing */
	read_all(&r, puts_("a-feed", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><item>"
				     "<title>T</title></item></channel></rss>"), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.fmt, LSN_FMT_FEED);
	run_free(&r);
	read_all(&r, puts_("lines", "{\"text\":\"a\"}\n"), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.fmt, LSN_FMT_JSONL);
	run_free(&r);
	read_all(&r, puts_("page", "<!doctype html><p>x</p>"), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.fmt, LSN_FMT_HTML);
	run_free(&r);
	read_all(&r, puts_("notfeed.xml", "<config/>"), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.fmt, LSN_FMT_TEXT);
	run_free(&r);
	assert_int_equal(lsn_format_of_name("x/a.warc.gz"), LSN_FMT_WARC);
	assert_int_equal(lsn_format_of_name("a.NDJSON"), LSN_FMT_JSONL);
	assert_int_equal(lsn_format_of_name("README.md"), LSN_FMT_AUTO);
	enum lsn_input_format f;
	assert_int_equal(lsn_format_parse("warc", &f), 0);
	assert_int_equal(f, LSN_FMT_WARC);
	assert_int_equal(lsn_format_parse("pdf", &f), -1);
	assert_string_equal(lsn_format_name(LSN_FMT_FEED), "feed");
	char err[256];
	assert_null(lsn_reader_open(path_of("missing.txt"), LSN_FMT_AUTO, NULL, err, sizeof err));
	assert_non_null(strstr(err, "missing.txt: No such file"));
}

/* ================================================================ JSON Lines */

static void test_jsonl(void **state)
{
	(void)state;
	const char *data =
		"{\"id\":\"a1\",\"url\":\"https://example.org/a1\",\"title\":\"One\",\"text\":\"First text.\","
		"\"published\":\"2024-05-16T08:00:00+07:00\",\"lang\":\"en\"}\n"
		"{\"id\":\"a2\",\"text\":\"Second, no newline\"\n"
		"\n"
		"{\"text\":\"Third text.\",\"published\":\"Thu, 16 May 2024 10:00:00 GMT\"}\r\n"
		"[1,2]\n"
		"{\"id\":7,\"html\":\"<html><head><title>H</title></head><body><article><p>Fifth, from "
		"HTML, long enough to be a paragraph.</p></article></body></html>\"}\n"
		"{\"id\":\"x\",\"title\":\"no text\"}\n"
		"{\"id\":\"bad\",\"text\":\"\\ud800\"}\n"
		"{\"id\":\"last\",\"text\":\"Last.\"}";
	struct run r;
	read_all(&r, puts_("news.jsonl", data), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 8);
	expect_doc(&r.it[0], "a1", "First text.", "2024-05-16");
	assert_string_equal(r.it[0].url, "https://example.org/a1");
	assert_string_equal(r.it[0].title, "One");
	assert_string_equal(r.it[0].where, "line 1");
	assert_int_equal(r.it[1].rc, -1);
	assert_non_null(strstr(r.it[1].err, "news.jsonl: line 2: "));
	expect_doc(&r.it[2], "news:4", "Third text.", "2024-05-16");
	assert_int_equal(r.it[3].rc, -1);
	assert_non_null(strstr(r.it[3].err, "news.jsonl: line 5: not a JSON object"));
	expect_doc(&r.it[4], "7", "Fifth, from HTML, long enough to be a paragraph.", NULL);
	assert_string_equal(r.it[4].title, "H");
	assert_int_equal(r.it[5].rc, -1);
	assert_non_null(strstr(r.it[5].err, "line 7: no \"text\" or \"html\""));
	assert_int_equal(r.it[6].rc, -1);
	assert_non_null(strstr(r.it[6].err, "line 8: "));
	expect_doc(&r.it[7], "last", "Last.", NULL);
	run_free(&r);
}

static void test_jsonl_map_and_huge(void **state)
{
	(void)state;
	struct run r;
	read_all(&r, puts_("m.ndjson", "{\"guid\":\"g1\",\"content\":\"Body.\",\"date\":\"2023-01-02\","
				       "\"text\":\"not this\"}\n"),
		 LSN_FMT_JSONL, "text=content,id=guid,published=date");
	expect_doc(&r.it[0], "g1", "Body.", "2023-01-02");
	run_free(&r);
	char err[256];
	assert_null(lsn_reader_open(path_of("m.ndjson"), LSN_FMT_JSONL, "body=content", err, sizeof err));
	assert_non_null(strstr(err, "bad field map"));
	assert_null(lsn_reader_open(path_of("m.ndjson"), LSN_FMT_JSONL, "text=", err, sizeof err));

	/* a 3 MB line between two short ones */
	size_t big = 3u << 20;
	char *s = malloc(big + 200);
	assert_non_null(s);
	size_t o = (size_t)sprintf(s, "{\"text\":\"short one\"}\n{\"id\":\"big\",\"text\":\"");
	for (size_t i = 0; i < big; i++)
		s[o++] = (char)('a' + i % 26);
	o += (size_t)sprintf(s + o, "\"}\n{\"text\":\"after\"}\n");
	read_all(&r, put("big.jsonl", s, o), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.it[0].text, "short one");
	assert_int_equal(strlen(r.it[1].text), big);
	assert_string_equal(r.it[2].text, "after");
	assert_string_equal(r.it[2].id, "big:3");
	run_free(&r);
	free(s);

	read_all(&r, puts_("empty.jsonl", ""), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 0);
	run_free(&r);
}

/* ================================================================ WARC */

struct bytes {
	char *p;
	size_t n, cap;
};

static void add(struct bytes *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2 + 1024;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

/* One WARC record (header + block + CRLF CRLF). */
static void record(struct bytes *b, const char *type, const char *uri, const char *ctype,
		   const void *block, size_t n)
{
	char h[1024];
	int k = snprintf(h, sizeof h,
			 "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08zx>\r\n"
			 "WARC-Date: 2025-01-01T00:00:00Z\r\n%s%s%sContent-Type: %s\r\n"
			 "Content-Length: %zu\r\n\r\n",
			 type, b->n, uri ? "WARC-Target-URI: " : "", uri ? uri : "", uri ? "\r\n" : "", ctype, n);
	add(b, h, (size_t)k);
	add(b, block, n);
	add(b, "\r\n\r\n", 4);
}

static void gzip_member(struct bytes *out, const void *p, size_t n)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	size_t cap = deflateBound(&zs, (uLong)n) + 64;
	unsigned char *buf = malloc(cap);
	zs.next_in = (Bytef *)p;
	zs.avail_in = (uInt)n;
	zs.next_out = buf;
	zs.avail_out = (uInt)cap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	add(out, buf, cap - zs.avail_out);
	deflateEnd(&zs);
	free(buf);
}

#define HTML_A "<html><head><title>A page</title></head><body><div class=\"nav\"><a href=\"/\">Home</a></div>" \
	       "<article><p>Guangxi and Quang Ninh held talks on border trade, officials said.</p></article>" \
	       "</body></html>"
#define TEXT_A "Guangxi and Quang Ninh held talks on border trade, officials said."

/* The records of the test archive: each string is a whole record. */
static int warc_records(struct bytes *recs, size_t *ends)
{
	struct bytes b = {0};
	int n = 0;
	record(&b, "warcinfo", NULL, "application/warc-fields", "software: test\r\n", 16);
	ends[n++] = b.n;
	const char *req = "GET /a HTTP/1.1\r\nHost: example.vn\r\n\r\n";
	record(&b, "request", "http://example.vn/a", "application/http; msgtype=request", req, strlen(req));
	ends[n++] = b.n;
	/* 2: a plain HTML response */
	char resp[4096];
	int k = snprintf(resp, sizeof resp, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
					   "Last-Modified: Wed, 01 Jan 2020 00:00:00 GMT\r\n\r\n%s", HTML_A);
	record(&b, "response", "<http://example.vn/2024/05/16/a.html>", "application/http; msgtype=response",
	       resp, (size_t)k);
	ends[n++] = b.n;
	/* 3: chunked and gzip, charset windows-1258 */
	{
		const char *page = "<html><body><article><p>Thủ tướng Phạm Minh Chính tiếp Bí thư Tỉnh ủy "
				   "Quảng Tây, hai bên thảo luận hợp tác.</p></article></body></html>";
		struct bytes gz = {0};
		gzip_member(&gz, page, strlen(page));
		char *ch = malloc(gz.n * 2 + 100);
		size_t o = 0, half = gz.n / 2;
		o += (size_t)sprintf(ch + o, "%zx;ext=1\r\n", half);
		memcpy(ch + o, gz.p, half), o += half;
		o += (size_t)sprintf(ch + o, "\r\n%zX\r\n", gz.n - half);
		memcpy(ch + o, gz.p + half, gz.n - half), o += gz.n - half;
		o += (size_t)sprintf(ch + o, "\r\n0\r\n\r\n");
		struct bytes http = {0};
		const char *h = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
				"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n";
		add(&http, h, strlen(h));
		add(&http, ch, o);
		record(&b, "response", "https://vov.vn/chinh-tri/b.vov", "application/http;msgtype=response",
		       http.p, http.n);
		free(ch);
		free(gz.p);
		free(http.p);
	}
	ends[n++] = b.n;
	/* 4: a 404, 5: an image: nothing to read */
	const char *nf = "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>Not found, sorry, nothing here.</p>";
	record(&b, "response", "http://example.vn/x", "application/http; msgtype=response", nf, strlen(nf));
	ends[n++] = b.n;
	const char *img = "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\xe0";
	record(&b, "response", "http://example.vn/x.jpg", "application/http; msgtype=response", img, strlen(img));
	ends[n++] = b.n;
	/* 6: a chunked body cut short */
	const char *cut = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
			  "400\r\n<html><body><p>Only part of this";
	record(&b, "response", "http://example.vn/cut", "application/http; msgtype=response", cut, strlen(cut));
	ends[n++] = b.n;
	/* 7: a resource, text/plain (a WET-style conversion reads the same) */
	const char *txt = "云南省与老街省举行会谈。双方同意加强口岸合作。";
	record(&b, "resource", "file:///notes/yunnan.txt", "text/plain; charset=utf-8", txt, strlen(txt));
	ends[n++] = b.n;
	/* 8: metadata */
	record(&b, "metadata", "http://example.vn/a", "application/warc-fields", "via: x\r\n", 8);
	ends[n++] = b.n;
	/* 9: conversion */
	const char *conv = "Hai Phong and Guangxi sign a memorandum.";
	record(&b, "conversion", "http://example.vn/c", "text/plain", conv, strlen(conv));
	ends[n++] = b.n;
	*recs = b;
	return n;
}

static void expect_warc_docs(struct run *r, int from, const char *stem)
{
	char id[64];
	snprintf(id, sizeof id, "%s-3", stem);
	expect_doc(&r->it[from], id, TEXT_A, "2024-05-16"); /* from the URL: not WARC-Date, not Last-Modified */
	assert_string_equal(r->it[from].url, "http://example.vn/2024/05/16/a.html");
	assert_string_equal(r->it[from].title, "A page");
	assert_non_null(strstr(r->it[from].where, "record 3 at byte "));
	snprintf(id, sizeof id, "%s-4", stem);
	expect_doc(&r->it[from + 1], id,
		   "Thủ tướng Phạm Minh Chính tiếp Bí thư Tỉnh ủy Quảng Tây, hai bên thảo luận hợp tác.", NULL);
	assert_string_equal(r->it[from + 1].url, "https://vov.vn/chinh-tri/b.vov");
	assert_int_equal(r->it[from + 2].rc, -1);
	assert_non_null(strstr(r->it[from + 2].err, "record 7 at byte "));
	assert_non_null(strstr(r->it[from + 2].err, "chunked body cut short"));
	snprintf(id, sizeof id, "%s-8", stem);
	expect_doc(&r->it[from + 3], id, "云南省与老街省举行会谈。双方同意加强口岸合作。", NULL);
	snprintf(id, sizeof id, "%s-10", stem);
	expect_doc(&r->it[from + 4], id, "Hai Phong and Guangxi sign a memorandum.", NULL);
}

static void test_warc_plain(void **state)
{
	(void)state;
	struct bytes b;
	size_t ends[16];
	int n = warc_records(&b, ends);
	assert_int_equal(n, 10);
	struct run r;
	read_all(&r, put("crawl.warc", b.p, b.n), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.fmt, LSN_FMT_WARC);
	assert_int_equal(r.n, 5);
	expect_warc_docs(&r, 0, "crawl");
	run_free(&r);

	/* truncated inside record 9 (metadata): the first records, then -2 */
	read_all(&r, put("cut.warc", b.p, ends[7] + 30), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 5);
	assert_int_equal(r.it[3].rc, 1);
	assert_int_equal(r.it[4].rc, -2);
	char want[128];
	snprintf(want, sizeof want, "cut.warc: truncated at byte %zu", ends[7] + 30);
	assert_non_null(strstr(r.it[4].err, want));
	run_free(&r);

	/* cut inside a block that would be a document */
	read_all(&r, put("cut2.warc", b.p, ends[2] - 20), LSN_FMT_WARC, NULL);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.it[0].rc, -2);
	run_free(&r);

	/* junk between records: reported, then reading goes on */
	struct bytes j = {0};
	add(&j, b.p, ends[2]);
	add(&j, "garbage line\r\nmore garbage\r\n", 28);
	add(&j, b.p + ends[2], b.n - ends[2]);
	read_all(&r, put("junk.warc", j.p, j.n), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 6);
	assert_int_equal(r.it[1].rc, -1);
	assert_non_null(strstr(r.it[1].err, "not a WARC record header"));
	assert_int_equal(r.it[2].rc, 1);
	assert_int_equal(r.it[5].rc, 1);
	assert_string_equal(r.it[5].text, "Hai Phong and Guangxi sign a memorandum.");
	run_free(&r);
	free(j.p);
	free(b.p);
}

static void test_warc_gz(void **state)
{
	(void)state;
	struct bytes b;
	size_t ends[16];
	int n = warc_records(&b, ends);
	struct bytes gz = {0};
	size_t gzends[16];
	for (int i = 0; i < n; i++) {
		size_t s = i ? ends[i - 1] : 0;
		gzip_member(&gz, b.p + s, ends[i] - s);
		gzends[i] = gz.n;
	}
	struct run r;
	read_all(&r, put("crawl.warc.gz", gz.p, gz.n), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.fmt, LSN_FMT_WARC);
	assert_int_equal(r.n, 5);
	expect_warc_docs(&r, 0, "crawl");
	char want[64];
	snprintf(want, sizeof want, "record 3 at byte %zu", gzends[1]);
	assert_string_equal(r.it[0].where, want);
	run_free(&r);

	/* truncated in the member of record 8 */
	read_all(&r, put("cut.warc.gz", gz.p, gzends[6] + 10), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.it[3].rc, -2);
	assert_non_null(strstr(r.it[3].err, "cut.warc.gz: truncated at byte"));
	run_free(&r);

	/* a corrupt member (record 4): reported, the others come out */
	struct bytes bad = {0};
	add(&bad, gz.p, gz.n);
	for (size_t k = gzends[2] + 12; k < gzends[3] - 10; k += 7)
		bad.p[k] ^= 0x5a;
	read_all(&r, put("bad.warc.gz", bad.p, bad.n), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 5);
	assert_int_equal(r.it[0].rc, 1);
	assert_int_equal(r.it[1].rc, -1);
	assert_non_null(strstr(r.it[1].err, "corrupt gzip member"));
	assert_int_equal(r.it[2].rc, -1); /* the cut chunked body, as before */
	assert_string_equal(r.it[3].id, "bad-8");
	assert_string_equal(r.it[4].id, "bad-10");
	run_free(&r);
	free(bad.p);

	/* one gzip stream for the whole file, cut short */
	struct bytes one = {0};
	gzip_member(&one, b.p, b.n);
	read_all(&r, put("one.warc.gz", one.p, one.n), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 5);
	run_free(&r);
	read_all(&r, put("onecut.warc.gz", one.p, one.n - 9), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.it[r.n - 1].rc, -2);
	run_free(&r);
	free(one.p);
	free(gz.p);
	free(b.p);
}

static void test_warc_junk(void **state)
{
	(void)state;
	unsigned char junk[20000];
	uint32_t x = 99;
	for (size_t i = 0; i < sizeof junk; i++) {
		x = x * 1103515245u + 12345u;
		junk[i] = (unsigned char)(x >> 24);
	}
	struct run r;
	read_all(&r, put("junk.warc", junk, sizeof junk), LSN_FMT_WARC, NULL);
	for (int i = 0; i < r.n; i++)
		assert_true(r.it[i].rc < 0);
	run_free(&r);
	junk[0] = 0x1f, junk[1] = 0x8b, junk[2] = 8;
	read_all(&r, put("junk2.warc.gz", junk, sizeof junk), LSN_FMT_AUTO, NULL);
	for (int i = 0; i < r.n; i++)
		assert_true(r.it[i].rc < 0);
	run_free(&r);
	read_all(&r, puts_("empty.warc", ""), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 0);
	run_free(&r);
}

/* ================================================================ feeds */

static const char rss[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
	"xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>VOV</title>\n"
	"<item><title>Hà Nội và Quảng Tây hợp tác</title><link>https://vov.vn/a-1.vov</link>"
	"<guid isPermaLink=\"false\">vov-1</guid><pubDate>Thu, 16 May 2024 23:30:00 +0700</pubDate>"
	"<description>Tóm tắt ngắn.</description>"
	"<content:encoded><![CDATA[<p>Đoàn Hà Nội thăm Quảng Tây.</p><p>Hai bên ký kết <b>biên bản</b> ghi nhớ.</p>"
	"<script>x()</script>]]></content:encoded></item>\n"
	"<item><title>Second</title><link>https://vov.vn/b-2.vov</link>"
	"<pubDate>Mon, 3 Jun 2024 01:00:00 GMT</pubDate>"
	"<description>&lt;p&gt;Escaped &amp;amp; HTML text.&lt;/p&gt;</description></item>\n"
	"<item><title>Headline only</title><dc:date>2024-06-04T10:00:00Z</dc:date></item>\n"
	"<item><description></description></item>\n"
	"</channel></rss>\n";

static void test_rss(void **state)
{
	(void)state;
	struct run r;
	read_all(&r, put("vov.rss", rss, sizeof rss - 1), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.fmt, LSN_FMT_FEED);
	assert_int_equal(r.n, 4);
	expect_doc(&r.it[0], "vov-1", "Đoàn Hà Nội thăm Quảng Tây.\nHai bên ký kết biên bản ghi nhớ.", "2024-05-16");
	assert_string_equal(r.it[0].url, "https://vov.vn/a-1.vov");
	assert_string_equal(r.it[0].title, "Hà Nội và Quảng Tây hợp tác");
	assert_string_equal(r.it[0].where, "item 1");
	expect_doc(&r.it[1], "https://vov.vn/b-2.vov", "Escaped & HTML text.", "2024-06-03");
	expect_doc(&r.it[2], "vov:3", "Headline only", "2024-06-04");
	assert_int_equal(r.it[3].rc, -1);
	assert_non_null(strstr(r.it[3].err, "vov.rss: item 4: no title and no content"));
	run_free(&r);
}

static const char atom[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Xinhua</title>\n"
	"<entry><title>上海代表团访问胡志明市</title><id>tag:xinhua,2024:1</id>"
	"<link rel=\"alternate\" href=\"http://www.news.cn/2024-05/16/c_1.htm\"/>"
	"<published>2024-05-16T22:10:00+08:00</published><updated>2024-05-18T00:00:00Z</updated>"
	"<content type=\"html\">&lt;p&gt;新华社胡志明市5月16日电。&lt;/p&gt;&lt;p&gt;双方签署合作备忘录。&lt;/p&gt;</content>"
	"</entry>\n"
	"<entry><title>Second</title><id>tag:xinhua,2024:2</id><updated>2024-05-17T01:02:03-05:00</updated>"
	"<summary>Plain summary text &amp; more.</summary></entry>\n"
	"<entry><title>X</title><id>urn:3</id><updated>2024-05-19</updated>"
	"<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>XHTML one.</p><p>Two.</p></div></content>"
	"</entry>\n"
	"</feed>";

static void test_atom(void **state)
{
	(void)state;
	struct run r;
	read_all(&r, put("xinhua.atom", atom, sizeof atom - 1), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 3);
	expect_doc(&r.it[0], "tag:xinhua,2024:1", "新华社胡志明市5月16日电。\n双方签署合作备忘录。", "2024-05-16");
	assert_string_equal(r.it[0].url, "http://www.news.cn/2024-05/16/c_1.htm");
	assert_string_equal(r.it[0].title, "上海代表团访问胡志明市");
	expect_doc(&r.it[1], "tag:xinhua,2024:2", "Plain summary text & more.", "2024-05-17");
	expect_doc(&r.it[2], "urn:3", "XHTML one.\nTwo.", "2024-05-19");
	run_free(&r);
}

/* Entities a feed declares itself: nested ones (a hundred expansions and
 * more) stop libxml2, flat ones are bounded per item; either way an error
 * that names the file, the item and the line, the items before kept. */
#define ENT_HEAD "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY e \"and\">\n<!ENTITY a0 \"word \">\n" \
	"<!ENTITY a1 \"&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;&a0;\">\n" \
	"<!ENTITY a2 \"&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;&a1;\">\n]>\n<rss><channel>\n" \
	"<item><guid>1</guid><title>One</title><description>Hanoi &e; Nanning.</description></item>\n"
#define ENT_TAIL "<item><guid>3</guid><title>Three</title></item>\n</channel></rss>\n"

static void test_feed_entities(void **state)
{
	(void)state;
	struct run r;
	read_all(&r, puts_("nested.rss", ENT_HEAD "<item><guid>2</guid><title>Two &a2;</title></item>\n" ENT_TAIL),
		 LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 2);
	expect_doc(&r.it[0], "1", "Hanoi and Nanning.", "");
	assert_int_equal(r.it[1].rc, -2);
	assert_non_null(strstr(r.it[1].err, "nested.rss: item 2: line 10: entities nested to expand too far"));
	assert_non_null(strstr(r.it[1].err, "the rest of the feed are not read"));
	run_free(&r);

	char flat[4096] = ENT_HEAD "<item><guid>2</guid><title>Two";
	for (int i = 0; i < 101; i++)
		strcat(flat, "&e;");
	strcat(flat, "</title></item>\n" ENT_TAIL);
	read_all(&r, puts_("flat.rss", flat), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 3);
	expect_doc(&r.it[0], "1", "Hanoi and Nanning.", "");
	assert_int_equal(r.it[1].rc, -1);
	assert_non_null(strstr(r.it[1].err, "flat.rss: item 2 (line 10): its entities expand more than 100 times"));
	expect_doc(&r.it[2], "3", "Three", "");
	run_free(&r);
}

static void test_feed_broken(void **state)
{
	(void)state;
	struct run r;
	read_all(&r, puts_("bad.xml", "<rss><channel><item><title>Cut"), LSN_FMT_AUTO, NULL);
	/* recovered: the item that was there */
	assert_true(r.n >= 1);
	run_free(&r);
	read_all(&r, puts_("junk.rss", "\x01\x02 not xml at all"), LSN_FMT_FEED, NULL);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.it[0].rc, -2);
	assert_non_null(strstr(r.it[0].err, "junk.rss: "));
	run_free(&r);
	read_all(&r, puts_("html.rss", "<html><body>x</body></html>"), LSN_FMT_FEED, NULL);
	assert_int_equal(r.it[0].rc, -2);
	assert_non_null(strstr(r.it[0].err, "not an RSS or Atom feed"));
	run_free(&r);
	/* invalid UTF-8 inside a feed does not end it */
	read_all(&r, puts_("u.rss", "<rss><channel><item><title>A \xff</title><guid>1</guid></item>"
				    "<item><title>B</title><guid>2</guid></item></channel></rss>"), LSN_FMT_AUTO, NULL);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.it[0].text, "A \xef\xbf\xbd");
	assert_string_equal(r.it[1].id, "2");
	run_free(&r);
	/* from memory */
	char err[256];
	lsn_reader *rd = lsn_reader_open_feed_mem("http://x/feed", atom, sizeof atom - 1, err, sizeof err);
	assert_non_null(rd);
	struct lsn_input in;
	assert_int_equal(lsn_reader_next(rd, &in, err, sizeof err), 1);
	assert_string_equal(in.id, "tag:xinhua,2024:1");
	lsn_reader_free(rd);
}

/* ================================================================ fetch */

static int free_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof a), 0);
	socklen_t l = sizeof a;
	getsockname(s, (struct sockaddr *)&a, &l);
	close(s);
	return ntohs(a.sin_port);
}

static int connects(int port)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int ok = connect(s, (struct sockaddr *)&a, sizeof a) == 0;
	close(s);
	return ok;
}

static void test_fetch(void **state)
{
	(void)state;
	char dir[512];
	snprintf(dir, sizeof dir, "%s/www", tmpdir);
	mkdir(dir, 0755);
	char sub[600];
	snprintf(sub, sizeof sub, "%s/sub", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof sub, "%s/feed.xml", dir);
	FILE *f = fopen(sub, "wb");
	fwrite(rss, 1, sizeof rss - 1, f);
	fclose(f);
	int port = free_port();
	char ports[16];
	snprintf(ports, sizeof ports, "%d", port);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int nul = open("/dev/null", O_WRONLY);
		dup2(nul, 1), dup2(nul, 2);
		alarm(60); /* stops by itself whatever happens to the test */
		execlp("timeout", "timeout", "60", "python3", "-m", "http.server", "--bind", "127.0.0.1",
		       "--directory", dir, ports, (char *)NULL);
		_exit(127);
	}
	int up = 0;
	for (int i = 0; i < 100 && !up; i++) {
		usleep(50000);
		up = connects(port);
	}
	if (!up) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		skip(); /* no python3 http.server here */
	}
	char url[128], err[512];
	struct lsn_buf b;
	lsn_buf_init(&b);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/feed.xml", port);
	assert_int_equal(lsn_feed_fetch(url, &b, 10, 1 << 20, err, sizeof err), LSN_OK);
	assert_int_equal(b.len, sizeof rss - 1);
	lsn_reader *rd = lsn_reader_open_feed_mem(url, b.data, b.len, err, sizeof err);
	struct lsn_input in;
	assert_int_equal(lsn_reader_next(rd, &in, err, sizeof err), 1);
	assert_string_equal(in.id, "vov-1");
	lsn_reader_free(rd);
	/* too large */
	b.len = 0;
	assert_int_equal(lsn_feed_fetch(url, &b, 10, 100, err, sizeof err), LSN_EIO);
	assert_non_null(strstr(err, "larger than 100 bytes"));
	/* 404 */
	b.len = 0;
	snprintf(url, sizeof url, "http://127.0.0.1:%d/nothing.xml", port);
	assert_int_equal(lsn_feed_fetch(url, &b, 10, 1 << 20, err, sizeof err), LSN_EIO);
	assert_non_null(strstr(err, "HTTP status 404"));
	/* a redirect (a folder without its slash) is followed */
	b.len = 0;
	snprintf(url, sizeof url, "http://127.0.0.1:%d/sub", port);
	assert_int_equal(lsn_feed_fetch(url, &b, 10, 1 << 20, err, sizeof err), LSN_OK);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	/* other protocols are refused */
	assert_int_equal(lsn_feed_fetch("file:///etc/passwd", &b, 10, 1 << 20, err, sizeof err), LSN_EARG);
	/* a server that never answers: the timeout ends it */
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof a), 0);
	listen(s, 4);
	socklen_t l = sizeof a;
	getsockname(s, (struct sockaddr *)&a, &l);
	snprintf(url, sizeof url, "http://127.0.0.1:%d/feed", ntohs(a.sin_port));
	assert_int_equal(lsn_feed_fetch(url, &b, 1, 1 << 20, err, sizeof err), LSN_EIO);
	if (!strstr(err, "timed out"))
		fail_msg("%s", err);
	close(s);
	lsn_buf_clear(&b);
}

/* ---- real web pages: site styles (the extractor on lsn_html_page_ex) ---- */

struct web {
	struct lsn_buf text, title;
	char pub[11];
	int fallback;
};

static lsn_tables *web_kb;

static void web_read(struct web *w, const char *html, const char *url)
{
	if (!web_kb) {
		char err[256];
		web_kb = lsn_tables_new(NULL, err, sizeof err);
		assert_non_null(web_kb);
	}
	lsn_buf_init(&w->text);
	lsn_buf_init(&w->title);
	assert_int_equal(lsn_html_page_ex(web_kb, html, strlen(html), NULL, url, &w->text, w->pub,
					  &w->title, NULL, &w->fallback), LSN_OK);
	assert_non_null(w->text.data); /* NUL-terminated even when empty */
}

static void web_free(struct web *w)
{
	lsn_buf_clear(&w->text);
	lsn_buf_clear(&w->title);
}

#define WEB_P1 "<p>The city council approved the new budget on Tuesday, after a debate that lasted " \
	"more than four hours and ended with a narrow vote.</p>"
#define WEB_P2 "<p>Funding for schools rises by six percent, while the road programme is cut, " \
	"the mayor said in a statement published after the session.</p>"
#define WEB_P3 "<p>Opposition members said they would ask for a review of the decision, arguing " \
	"that the figures had been presented too late.</p>"

/* A blog platform: the post's classes name its taxonomy ("status-publish",
 * "category-social", "tag-share"); a sidebar; readers' comments. */
static void test_web_blog(void **state)
{
	(void)state;
	const char *page =
		"<html><head><title>Budget passes | A Blog</title></head>"
		"<body class=\"post-template-default single single-post\"><div id=\"page\">"
		"<div class=\"site-content\"><div id=\"post-12\" class=\"post-12 post type-post "
		"status-publish format-standard hentry category-social tag-share tag-comments\">"
		"<h1 class=\"entry-title\">Budget passes</h1><div class=\"entry-content\">"
		WEB_P1 WEB_P2 WEB_P3 "</div></div>"
		"<div id=\"comments\" class=\"comments-area\"><h2>3 thoughts on this</h2>"
		"<ol class=\"comment-list\"><li class=\"comment\"><p>I disagree with the whole thing, "
		"honestly, and I have said so many times before.</p></li></ol></div></div>"
		"<aside class=\"widget-area\"><h2>Recent posts</h2><ul><li><a href=\"/a\">Another "
		"post about the city</a></li></ul></aside></div></body></html>";
	struct web w;
	web_read(&w, page, NULL);
	assert_non_null(strstr(w.text.data, "narrow vote."));
	assert_non_null(strstr(w.text.data, "presented too late."));
	assert_null(strstr(w.text.data, "I disagree"));
	assert_null(strstr(w.text.data, "Another post"));
	assert_int_equal(w.fallback, 0);
	web_free(&w);
}

/* A news site with deep markup: an unclosed HTML5 <header> that libxml2
 * nests the page under, a wrapper named for ads, a lead paragraph in the
 * article's header block, the body several levels down. */
static void test_web_deep_news(void **state)
{
	(void)state;
	const char *page =
		"<html><body><div class=\"ads-helper\"><header class=\"site\"><div class=\"logo\">"
		"<a href=\"/\">Daily</a></div><nav><a href=\"/x\">World</a></nav>"
		"<div class=\"l1\"><div class=\"l2\"><div class=\"row article-header\"><div class=\"col\">"
		"<h1>Budget passes</h1><p class=\"standfirst\">A late-night vote settles a month of "
		"argument over money.</p></div></div>"
		"<div class=\"l3\"><div class=\"l4\"><div class=\"l5\"><div class=\"story-body\">"
		WEB_P1 WEB_P2 WEB_P3 "</div></div></div></div></div></div>"
		"<div class=\"related\"><h3>Related</h3><ul><li><a href=\"/r\">Budget row: what "
		"happened last year</a></li></ul></div></div></body></html>";
	struct web w;
	web_read(&w, page, NULL);
	assert_non_null(strstr(w.text.data, "narrow vote."));
	assert_non_null(strstr(w.text.data, "A late-night vote settles"));
	assert_null(strstr(w.text.data, "what happened last year"));
	web_free(&w);
}

/* The story told in a list and a table, as recipes and guides do. */
static void test_web_lists_tables(void **state)
{
	(void)state;
	const char *page =
		"<html><body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/r\">Recipes</a>"
		"</li></ul></nav><div class=\"recipe\"><h1>Pineapple cake</h1>"
		"<p>This cake is easy to make, and it keeps for three days in the refrigerator.</p>"
		"<ul><li>Heat the oven to 180 degrees</li><li>Butter a round tin</li>"
		"<li>Lay the pineapple slices in the tin</li></ul>"
		"<table><tr><td>Flour</td><td>200 grams of plain flour</td></tr>"
		"<tr><td>Sugar</td><td>150 grams of brown sugar</td></tr></table>"
		"<p>Serve warm or cool, with cream, and store it covered.</p></div></body></html>";
	struct web w;
	web_read(&w, page, NULL);
	assert_non_null(strstr(w.text.data, "Heat the oven to 180 degrees"));
	assert_non_null(strstr(w.text.data, "200 grams of plain flour"));
	assert_null(strstr(w.text.data, "Recipes"));
	web_free(&w);
}

/* A page wrapped in one <form> (as some frameworks make them), and a page
 * whose story sits in a box named for sharing beside a bigger menu: text
 * (the second from the looser pass, flagged), never a refusal. */
static void test_web_fallback(void **state)
{
	(void)state;
	const char *form =
		"<html><body><form id=\"main\" action=\"/p\"><div class=\"page\"><div class=\"text\">"
		WEB_P1 WEB_P2 WEB_P3 "</div></div></form></body></html>";
	struct web w;
	web_read(&w, form, NULL);
	assert_non_null(strstr(w.text.data, "narrow vote."));
	web_free(&w);
	const char *odd =
		"<html><body><div class=\"social-box\">" WEB_P1 WEB_P2 "</div><div class=\"menu\">"
		"<a href=\"/a\">Politics and government news from the region</a> <a href=\"/b\">"
		"Business, markets and the economy this week</a> <a href=\"/c\">Culture, arts, books "
		"and the theatre season</a> <a href=\"/d\">Sport results and fixtures for the weekend"
		"</a> <a href=\"/e\">Opinion, letters and columns from our writers</a> <a href=\"/f\">"
		"Science, health and the environment explained</a> <a href=\"/g\">Travel, food and "
		"the best places to visit nearby</a></div></body></html>";
	web_read(&w, odd, NULL);
	assert_non_null(strstr(w.text.data, "narrow vote."));
	assert_int_equal(w.fallback, 1);
	web_free(&w);
}

/* <meta> says gb2312 but the bytes are UTF-8 (a page re-encoded by the
 * tool that stored it): UTF-8.  And a real GBK page without a transport
 * charset: converted. */
static void test_web_charset(void **state)
{
	(void)state;
	const char *u8 =
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
		"<title>广西与越南</title></head><body><article><p>广西壮族自治区与越南广宁省的合作"
		"不断深化，双方在贸易、旅游、教育等领域开展了广泛交流。</p></article></body></html>";
	struct web w;
	web_read(&w, u8, NULL);
	assert_non_null(strstr(w.text.data, "广西壮族自治区与越南广宁省的合作"));
	assert_string_equal(w.title.data, "广西与越南");
	web_free(&w);
	char gbk[1024];
	iconv_t cd = iconv_open("GBK", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)u8, *out = gbk;
	size_t il = strlen(u8), ol = sizeof gbk - 1;
	assert_int_not_equal(iconv(cd, &in, &il, &out, &ol), (size_t)-1);
	iconv_close(cd);
	*out = 0;
	web_read(&w, gbk, NULL);
	assert_non_null(strstr(w.text.data, "双方在贸易、旅游、教育等领域"));
	web_free(&w);
	/* a UTF-8 byte order mark wins over the <meta> */
	char bom[1024];
	snprintf(bom, sizeof bom, "\xef\xbb\xbf%s", u8);
	web_read(&w, bom, NULL);
	assert_non_null(strstr(w.text.data, "广泛交流"));
	web_free(&w);
}

/* Publication dates: JSON-LD datePublished, never dateModified; a date in
 * an article footer; a date with a month's name in German in a byline; the
 * URL as the last resort. */
static void test_web_dates(void **state)
{
	(void)state;
	struct web w;
	const char *ld =
		"<html><head><meta property=\"article:modified_time\" content=\"2022-01-12T10:00:00Z\">"
		"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"dateModified\":"
		"\"2022-01-12T10:00:00Z\",\"datePublished\":\"2021-11-29T14:13:37+00:00\"}</script>"
		"</head><body><article>" WEB_P1 WEB_P2 "</article></body></html>";
	web_read(&w, ld, NULL);
	assert_string_equal(w.pub, "2021-11-29");
	web_free(&w);
	const char *modified_only =
		"<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
		"\"dateModified\":\"2022-01-12T10:00:00Z\"}</script></head><body><article>"
		WEB_P1 WEB_P2 "</article></body></html>";
	web_read(&w, modified_only, NULL);
	assert_string_equal(w.pub, "");
	web_free(&w);
	const char *footer =
		"<html><body><div class=\"news-single\"><div class=\"article\">" WEB_P1 WEB_P2
		"<div class=\"footer\"><p><span class=\"news-list-date\"><time itemprop=\"datePublished\" "
		"datetime=\"2022-01-21\">21.01.2022</time></span></p></div></div></div></body></html>";
	web_read(&w, footer, NULL);
	assert_string_equal(w.pub, "2022-01-21");
	web_free(&w);
	const char *byline =
		"<html><body><article><p class=\"single-dachzeile author\"><em>von</em> "
		"<span>Fred</span> <em>5. November 2021</em></p>" WEB_P1 WEB_P2
		"</article></body></html>";
	web_read(&w, byline, NULL);
	assert_string_equal(w.pub, "2021-11-05");
	web_free(&w);
	const char *none = "<html><body><article>" WEB_P1 WEB_P2 "</article></body></html>";
	web_read(&w, none, "https://example.org/2020/01/02/budget");
	assert_string_equal(w.pub, "2020-01-02");
	web_free(&w);
	lsn_tables_free(web_kb);
	web_kb = NULL;
}

/* Dates by the headline, whatever their boxes are named: a short line under
 * the headline (or under an <article>'s first heading when the page has no
 * <h1>), a kicker above it, a <time> read by its visible text; they win over
 * teasers of other stories and over a bare <meta name="date">.  Dates written
 * with the month's name first or with spaced numbers, and a URL whose last part
 * is a day. */
static void test_web_head_dates(void **state)
{
	(void)state;
	static const struct {
		const char *page, *url, *want;
	} cases[] = {
		{"<html><body><div class=\"row teasers\"><a href=\"/n/2\"><h3>Other story</h3>"
		 "<span>02.03.2021 10:00</span></a></div><article><h2>Budget passes</h2><div>"
		 "<small>Posted: 28.02.2021 17:45 / ab</small>" WEB_P1 WEB_P2 "</div></article>"
		 "</body></html>", NULL, "2021-02-28"},
		{"<html><body><div class=\"intro\"><p class=\"kicker\">12 Mar 2023 | City</p>"
		 "<h1>Budget passes</h1></div><div class=\"story\">" WEB_P1 WEB_P2 "</div>"
		 "<div class=\"cards\"><div class=\"infos\">05 Apr 2020 // Tips</div></div>"
		 "</body></html>", NULL, "2023-03-12"},
		{"<html><head><meta name=\"date\" content=\"2020-04-30\"></head><body>"
		 "<h1>Budget passes</h1><h2>The council votes late at night</h2><ul class=\"infoline\">"
		 "<li>By Anna Berg</li><li><time>29.04.2020, 12:01</time></li></ul>"
		 "<div class=\"text\">" WEB_P1 WEB_P2 "</div></body></html>", NULL, "2020-04-29"},
		{"<html><body><header class=\"page-header\"><h1>Presupuesto aprobado</h1>"
		 "<div class=\"meta\"><time datetime=\"2020-03-09T10:00:00Z\">Publicado el 3 de marzo "
		 "de 2020</time></div></header><div class=\"body\">" WEB_P1 WEB_P2 "</div></body></html>",
		 NULL, "2020-03-03"},
		{"<html><body><div class=\"post\">" WEB_P1 WEB_P2 "<span class=\"post-date\">"
		 "octubre 3, 2020</span></div></body></html>", NULL, "2020-10-03"},
		{"<html><body><div class=\"post\">" WEB_P1 WEB_P2 "<span class=\"entry-date\">"
		 "M\xc3\xa4rz 5, 2019</span></div></body></html>", NULL, "2019-03-05"},
		{"<html><body><div class=\"news\"><div class=\"att-publish-date\">Von Redaktion "
		 "7.\xe2\x80\x89" "9.\xe2\x80\x89" "2021.</div>" WEB_P1 WEB_P2 "</div></body></html>",
		 NULL, "2021-09-07"},
		{"<html><body><div class=\"news\">" WEB_P1 WEB_P2 "</div></body></html>",
		 "https://example.org/pressemitteilungen/05-11-2021", "2021-11-05"},
		{"<html><body><div class=\"news\">" WEB_P1 WEB_P2 "</div></body></html>",
		 "https://example.net/avis/07_06_2022.html", "2022-06-07"},
		/* a day and its month in two elements above the headline */
		{"<html><body><div class=\"postmeta\"><div class=\"badge\"><span class=\"d\">"
		 "9</span> Okt 2017</div></div><header><h1>Budget passes</h1></header>"
		 "<div class=\"entry\">" WEB_P1 WEB_P2 "</div></body></html>", NULL, "2017-10-09"},
		/* a report on a span of days is dated by its first */
		{"<html><head><title>Wochenbericht 3. - 9. Februar 2020</title></head><body>"
		 "<div class=\"main\">" WEB_P1 WEB_P2 "</div></body></html>", NULL, "2020-02-03"},
		{"<html><head><title>Rapport du 3\xe2\x80\x93" "9 mars 2020</title></head><body>"
		 "<div class=\"main\">" WEB_P1 WEB_P2 "</div></body></html>", NULL, "2020-03-03"},
		/* a post's meta paragraph: its first line */
		{"<html><body><div class=\"post\">" WEB_P1 WEB_P2 "<p class=\"postmetadata\"><small>"
		 "Publi\xc3\xa9 le samedi 5 mars 2016 par <a href=\"/u/1\">Anne</a> dans <a "
		 "href=\"/c/2\">Politique</a>. Vous pouvez suivre les r\xc3\xa9ponses \xc3\xa0 cet "
		 "article par le flux RSS 2.0; les commentaires sont ferm\xc3\xa9s pour le moment."
		 "</small></p></div></body></html>", NULL, "2016-03-05"},
		/* a post's own footer: its first line */
		{"<html><body><div class=\"post\">" WEB_P1 WEB_P2 "</div><div class=\"entry-footer\">"
		 "Este art\xc3\xad" "culo fue escrito el 7 de abril de 2018 a las 10:12 por <a "
		 "href=\"/u/2\">Luis</a> y archivado en <a href=\"/c/3\">Ciudad</a>, <a href=\"/c/4\">"
		 "Presupuesto</a>. Puede seguir las respuestas a esta entrada por RSS 2.0, o dejar una "
		 "respuesta desde su propio sitio.</div></body></html>", NULL, "2018-04-07"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct web w;
		web_read(&w, cases[i].page, cases[i].url);
		if (strcmp(w.pub, cases[i].want))
			fail_msg("case %zu: published '%s', want %s", i, w.pub, cases[i].want);
		web_free(&w);
	}
	lsn_tables_free(web_kb);
	web_kb = NULL;
}

#define SPLIT_A1 "<p>The harbour authority opened the new container terminal on Monday, <a " \
	"href=\"/news/terminal-dispute-cost\">after three years of building work and a long " \
	"dispute</a> over the cost of the quay.</p>"
#define SPLIT_B "<p>Ships of up to four hundred metres can now berth at the quay, which doubles " \
	"the port's capacity, the authority's director told reporters at the opening.</p><p>Local " \
	"firms expect more than two thousand new jobs by the end of the decade, although unions " \
	"warned that many of them would be seasonal and poorly paid.</p><p>The terminal cost 1.2 " \
	"billion euros, a third more than planned, because the seabed had to be dredged deeper " \
	"than the first surveys had shown.</p><p>Environmental groups said the dredging had " \
	"harmed the seagrass beds of the bay, and have asked the courts to order a study.</p>"
#define SPLIT_A4 "<p>The regional government said it would extend the rail line to the terminal " \
	"next year, so that fewer lorries use the narrow coastal road.</p>"
#define SPLIT_SIDE "<div class=\"sidebar\"><ul><li><a href=\"/a\">Other story one about the " \
	"weather</a></li><li><a href=\"/b\">Other story two about football</a></li></ul></div>"

/* A story in several blocks side by side (a CMS's content elements, a
 * grid's rows between ad slots), the longest with a caption: every block
 * is kept, the sidebar is not.  Text as documents hold it: soft hyphens
 * gone, NFC. */
static void test_web_split_story(void **state)
{
	(void)state;
	static const char *const pages[] = {
		"<html><body><div id=\"main\"><h1>Terminal opens</h1><section class=\"ce-element\">"
		"<div class=\"ce-textpic\"><div class=\"ce-bodytext\">" SPLIT_A1 "</div></div></section>"
		"<section class=\"ce-element\"><div class=\"ce-textpic\"><div class=\"ce-bodytext\">"
		SPLIT_B "</div><figure><figcaption>The quay at dawn.</figcaption></figure></div>"
		"</section><section class=\"ce-element\"><div class=\"ce-textpic\"><div "
		"class=\"ce-bodytext\">" SPLIT_A4 "</div></div></section></div>" SPLIT_SIDE
		"</body></html>",
		"<html><body><main><article class=\"content\"><h1>Terminal opens</h1><div "
		"class=\"row\"><div class=\"col-8\">" SPLIT_A1 "</div></div><div class=\"row ad-slot\">"
		"<aside><script>show()</script></aside></div><div class=\"row\"><div class=\"col-8\">"
		SPLIT_B "</div></div><div class=\"row ad-slot\"><aside></aside></div><div class=\"row\">"
		"<div class=\"col-8\">" SPLIT_A4 "</div></div></article>" SPLIT_SIDE "</main></body></html>",
	};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct web w;
		web_read(&w, pages[i], NULL);
		if (!strstr(w.text.data, "harbour authority opened") ||
		    !strstr(w.text.data, "two thousand new jobs") || !strstr(w.text.data, "extend the rail") ||
		    strstr(w.text.data, "Other story"))
			fail_msg("page %zu: %s", i, w.text.data);
		web_free(&w);
	}
	struct web w;
	web_read(&w, "<html><body><article><h1>Hafen</h1><p>Die Hafen&shy;verwaltung er&shy;"
		     "\xc3\xb6" "ffnete am Montag das neue Con&shy;tainer&shy;terminal, nach drei Jahren "
		     "Bauzeit und einem langen Streit \xc3\xbc" "ber die Kosten.</p>" SPLIT_B
		     "</article></body></html>", NULL);
	assert_non_null(strstr(w.text.data, "Die Hafenverwaltung er\xc3\xb6" "ffnete"));
	assert_non_null(strstr(w.text.data, "Containerterminal"));
	web_free(&w);
	/* decomposed accents and a Bengali letter NFC decomposes (U+09DF) */
	web_read(&w, "<html><body><article><h1>Cafe\xcc\x81</h1><p>Le cafe\xcc\x81 du port a "
		     "rouvert lundi apre\xcc\x80s trois ans de travaux, a annonce\xcc\x81 la mairie "
		     "\xe0\xa7\x9f.</p>" SPLIT_B "</article></body></html>", NULL);
	assert_non_null(strstr(w.text.data, "caf\xc3\xa9 du port a rouvert lundi apr\xc3\xa8s"));
	assert_non_null(strstr(w.text.data, "\xe0\xa6\xaf\xe0\xa6\xbc."));
	assert_string_equal(w.title.data, "Caf\xc3\xa9");
	web_free(&w);
	lsn_tables_free(web_kb);
	web_kb = NULL;
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/lsn-read-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_page),
		cmocka_unit_test(test_html_to_text),
		cmocka_unit_test(test_html_gbk),
		cmocka_unit_test(test_html_bad_utf8),
		cmocka_unit_test(test_html_malformed),
		cmocka_unit_test(test_html_dates),
		cmocka_unit_test(test_html_junk),
		cmocka_unit_test(test_text_and_detection),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_jsonl_map_and_huge),
		cmocka_unit_test(test_warc_plain),
		cmocka_unit_test(test_warc_gz),
		cmocka_unit_test(test_warc_junk),
		cmocka_unit_test(test_rss),
		cmocka_unit_test(test_atom),
		cmocka_unit_test(test_feed_broken),
		cmocka_unit_test(test_feed_entities),
		cmocka_unit_test(test_fetch),
		cmocka_unit_test(test_web_blog),
		cmocka_unit_test(test_web_deep_news),
		cmocka_unit_test(test_web_lists_tables),
		cmocka_unit_test(test_web_fallback),
		cmocka_unit_test(test_web_charset),
		cmocka_unit_test(test_web_dates),
		cmocka_unit_test(test_web_head_dates),
		cmocka_unit_test(test_web_split_story),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
