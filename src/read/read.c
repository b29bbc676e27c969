/*
 * read.c — input readers: a file in, documents out (before "clean" in the
 * pipeline of DESIGN.md).
 *
 * Opens a file or standard input, decides its format (by name, then by its
 * first bytes), and hands out one struct lsn_input at a time.  Plain text
 * and HTML files are one document each and are handled here; JSON Lines,
 * WARC and feeds have a file each (read_jsonl.c, read_warc.c,
 * read_feed.c).  Also here: the small helpers every format shares: charsets
 * and conversion to UTF-8 (dates are read by the date module, dates.c).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "read/read_int.h"

/* ---------------------------------------------------------------- messages */

void lsn_rd_err(const lsn_reader *r, char *err, size_t errlen, const char *fmt, ...)
{
	if (!err || !errlen)
		return;
	int k = snprintf(err, errlen, "%s: ", r && r->path ? r->path : "-");
	if (k < 0 || (size_t)k >= errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err + k, errlen - (size_t)k, fmt, ap);
	va_end(ap);
}

void lsn_rd_set(struct lsn_buf *b, const char *s, size_t n)
{
	b->len = 0;
	if (s)
		lsn_buf_add(b, s, n);
	lsn_buf_addc(b, 0);
	b->len--;
}

/* ---------------------------------------------------------------- input */

size_t lsn_rd_read(lsn_reader *r, void *buf, size_t n)
{
	size_t got = 0;
	unsigned char *out = buf;
	if (r->peekpos < r->npeek) {
		size_t k = r->npeek - r->peekpos;
		if (k > n)
			k = n;
		memcpy(out, r->peek + r->peekpos, k);
		r->peekpos += k;
		got = k;
	}
	if (got < n) {
		size_t k = 0;
		if (r->mem) {
			k = r->memlen - r->mempos;
			if (k > n - got)
				k = n - got;
			memcpy(out + got, r->mem + r->mempos, k);
			r->mempos += k;
		} else if (r->fp && !r->eof) {
			k = fread(out + got, 1, n - got, r->fp);
			if (k < n - got) {
				if (ferror(r->fp))
					r->ioerr = errno ? errno : EIO;
				r->eof = 1;
			}
		}
		got += k;
	}
	r->done += got;
	return got;
}

int lsn_rd_read_all(lsn_reader *r, struct lsn_buf *b, size_t max)
{
	b->len = 0;
	for (;;) {
		if (lsn_grow(&b->data, &b->cap, b->len + 65536 + 1, 1))
			return -1;
		size_t k = lsn_rd_read(r, b->data + b->len, 65536);
		b->len += k;
		if (b->len > max)
			return 1;
		if (k == 0)
			break;
	}
	b->data[b->len] = 0;
	return r->ioerr ? -1 : 0;
}

/* ---------------------------------------------------------------- formats */

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcasecmp(s + n - m, suf);
}

enum lsn_input_format lsn_format_of_name(const char *path)
{
	static const struct {
		const char *ext;
		enum lsn_input_format fmt;
	} exts[] = {
		{".txt", LSN_FMT_TEXT},	    {".html", LSN_FMT_HTML},   {".htm", LSN_FMT_HTML},
		{".xhtml", LSN_FMT_HTML},   {".jsonl", LSN_FMT_JSONL}, {".ndjson", LSN_FMT_JSONL},
		{".warc", LSN_FMT_WARC},    {".warc.gz", LSN_FMT_WARC}, {".xml", LSN_FMT_FEED},
		{".rss", LSN_FMT_FEED},	    {".atom", LSN_FMT_FEED},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(exts); i++)
		if (ends_with(path, exts[i].ext))
			return exts[i].fmt;
	return LSN_FMT_AUTO;
}

static const char *const fmt_names[] = {"auto", "text", "html", "jsonl", "warc", "feed"};

int lsn_format_parse(const char *name, enum lsn_input_format *fmt)
{
	for (size_t i = 0; i < LSN_ARRAY_LEN(fmt_names); i++)
		if (!strcasecmp(name, fmt_names[i])) {
			*fmt = (enum lsn_input_format)i;
			return 0;
		}
	return -1;
}

const char *lsn_format_name(enum lsn_input_format fmt)
{
	return (unsigned)fmt < LSN_ARRAY_LEN(fmt_names) ? fmt_names[fmt] : "?";
}

enum lsn_input_format lsn_reader_format(const lsn_reader *r) { return r->fmt; }

void lsn_reader_set_raw_html(lsn_reader *r, int on)
{
	if (r)
		r->raw_html = on != 0;
}

void lsn_reader_progress(const lsn_reader *r, unsigned long long *done, unsigned long long *total)
{
	if (done)
		*done = r->done;
	if (total)
		*total = r->size;
}

/* Case-insensitive search of an ASCII needle in s[0..n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; i + m <= n; i++)
		if (!strncasecmp(s + i, needle, m))
			return s + i;
	return NULL;
}

/* Is this the start of a feed?  <rss or <feed (or RSS 1.0's <rdf:RDF) among
 * the first bytes, after a prolog. */
static int sniff_feed(const char *s, size_t n)
{
	return find_ci(s, n, "<rss") || find_ci(s, n, "<feed") || find_ci(s, n, "<rdf:RDF");
}

static enum lsn_input_format sniff(const unsigned char *p, size_t n)
{
	const char *s = (const char *)p;
	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return LSN_FMT_WARC;
	if (n >= 6 && !memcmp(s, "WARC/", 5))
		return LSN_FMT_WARC;
	size_t i = 0;
	if (n >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < n && isspace(p[i]))
		i++;
	if (i < n && p[i] == '<') {
		if (sniff_feed(s + i, n - i) && !find_ci(s + i, n - i < 512 ? n - i : 512, "<html"))
			return LSN_FMT_FEED;
		if (find_ci(s + i, n - i, "<html") || find_ci(s + i, n - i, "<!doctype html") ||
		    find_ci(s + i, n - i, "<body") || find_ci(s + i, n - i, "<head") ||
		    find_ci(s + i, n - i, "<p>") || find_ci(s + i, n - i, "<div"))
			return LSN_FMT_HTML;
	}
	if (i < n && p[i] == '{') {
		/* a JSON object on the first line */
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		while (e > i && isspace(p[e - 1]))
			e--;
		if (e > i && (s[e - 1] == '}' || !nl))
			return LSN_FMT_JSONL;
	}
	return LSN_FMT_TEXT;
}

/* ---------------------------------------------------------------- text, HTML */

struct whole_state {
	int done;
};

static int next_text(lsn_reader *r, char *err, size_t errlen)
{
	struct whole_state *ws = r->fs;
	if (ws->done)
		return 0;
	ws->done = 1;
	int rc = lsn_rd_read_all(r, &r->text, LSN_RD_MAX_DOC);
	if (rc == 1) {
		lsn_rd_err(r, err, errlen, "larger than %zu MiB; skipped", LSN_RD_MAX_DOC >> 20);
		return -2;
	}
	if (rc || r->text.oom) {
		lsn_rd_err(r, err, errlen, "%s", r->text.oom ? "out of memory" : strerror(r->ioerr));
		return -2;
	}
	lsn_rd_set(&r->id, r->stem, strlen(r->stem));
	return 1;
}

static int next_html(lsn_reader *r, char *err, size_t errlen)
{
	struct whole_state *ws = r->fs;
	if (ws->done)
		return 0;
	ws->done = 1;
	if (r->raw_html) { /* the page as it is: the caller extracts it */
		int rc = lsn_rd_read_all(r, &r->text, LSN_RD_MAX_DOC);
		if (rc) {
			if (rc == 1)
				lsn_rd_err(r, err, errlen, "larger than %zu MiB; skipped", LSN_RD_MAX_DOC >> 20);
			else
				lsn_rd_err(r, err, errlen, "%s", r->text.oom ? "out of memory" : strerror(r->ioerr));
			return -2;
		}
		r->is_html = 1;
		lsn_rd_set(&r->id, r->stem, strlen(r->stem));
		return 1;
	}
	struct lsn_buf raw;
	lsn_buf_init(&raw);
	int rc = lsn_rd_read_all(r, &raw, LSN_RD_MAX_DOC);
	if (rc) {
		if (rc == 1)
			lsn_rd_err(r, err, errlen, "larger than %zu MiB; skipped", LSN_RD_MAX_DOC >> 20);
		else
			lsn_rd_err(r, err, errlen, "%s", raw.oom ? "out of memory" : strerror(r->ioerr));
		lsn_buf_clear(&raw);
		return -2;
	}
	struct lsn_html_out o = {.text = &r->text, .title = &r->title, .url = &r->url};
	int st = lsn_html_extract(raw.data ? raw.data : "", raw.len, NULL, NULL, 0, &o);
	lsn_buf_clear(&raw);
	if (st) {
		lsn_rd_err(r, err, errlen, "%s", st == LSN_ENOMEM ? "out of memory" : "not HTML");
		return -1;
	}
	if (!r->text.len) {
		lsn_rd_err(r, err, errlen, "no article text found in the page");
		return -1;
	}
	memcpy(r->published, o.published, sizeof r->published);
	lsn_rd_set(&r->id, r->stem, strlen(r->stem));
	return 1;
}

/* ---------------------------------------------------------------- open */

static char *stem_of(const char *path)
{
	if (!strcmp(path, "-"))
		return strdup("stdin");
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char *s = strdup(*base ? base : path);
	if (!s)
		return NULL;
	size_t n = strlen(s);
	if (n > 8 && !strcasecmp(s + n - 8, ".warc.gz"))
		s[n - 8] = 0;
	else {
		char *dot = strrchr(s, '.');
		if (dot && dot != s)
			*dot = 0;
	}
	return s;
}

static lsn_reader *reader_new(const char *path)
{
	lsn_reader *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->path = strdup(path);
	r->stem = stem_of(path);
	lsn_buf_init(&r->text);
	lsn_buf_init(&r->id);
	lsn_buf_init(&r->url);
	lsn_buf_init(&r->title);
	if (!r->path || !r->stem) {
		lsn_reader_free(r);
		return NULL;
	}
	return r;
}

static void fill_peek(lsn_reader *r)
{
	if (r->mem) {
		size_t k = r->memlen < sizeof r->peek ? r->memlen : sizeof r->peek;
		memcpy(r->peek, r->mem, k);
		r->npeek = k;
		r->mempos = k;
		return;
	}
	size_t n = 0;
	while (n < sizeof r->peek) {
		size_t k = fread(r->peek + n, 1, sizeof r->peek - n, r->fp);
		n += k;
		if (k == 0) {
			if (ferror(r->fp))
				r->ioerr = errno ? errno : EIO;
			r->eof = 1;
			break;
		}
	}
	r->npeek = n;
}

static int start_format(lsn_reader *r, const char *map, char *err, size_t errlen)
{
	switch (r->fmt) {
	case LSN_FMT_TEXT:
	case LSN_FMT_HTML:
	case LSN_FMT_AUTO:
		r->fs = calloc(1, sizeof(struct whole_state));
		if (!r->fs) {
			lsn_rd_err(r, err, errlen, "out of memory");
			return -1;
		}
		r->free_fs = free;
		r->next = r->fmt == LSN_FMT_HTML ? next_html : next_text;
		return 0;
	case LSN_FMT_JSONL:
		return lsn_rd_jsonl_init(r, map, err, errlen);
	case LSN_FMT_WARC:
		return lsn_rd_warc_init(r, err, errlen);
	case LSN_FMT_FEED:
		return lsn_rd_feed_init(r, err, errlen);
	}
	return -1;
}

lsn_reader *lsn_reader_open(const char *path, enum lsn_input_format fmt, const char *jsonl_map,
			    char *err, size_t errlen)
{
	if (err && errlen)
		*err = 0;
	lsn_reader *r = path ? reader_new(path) : NULL;
	if (!r) {
		if (err && errlen)
			snprintf(err, errlen, "%s: out of memory", path ? path : "(null)");
		return NULL;
	}
	if (!strcmp(path, "-")) {
		r->fp = stdin;
	} else {
		r->fp = fopen(path, "rb");
		if (!r->fp) {
			lsn_rd_err(r, err, errlen, "%s", strerror(errno));
			lsn_reader_free(r);
			return NULL;
		}
		r->own_fp = 1;
		struct stat sb;
		if (fstat(fileno(r->fp), &sb) == 0) {
			if (S_ISDIR(sb.st_mode)) {
				lsn_rd_err(r, err, errlen, "is a folder");
				lsn_reader_free(r);
				return NULL;
			}
			if (S_ISREG(sb.st_mode))
				r->size = (unsigned long long)sb.st_size;
		}
	}
	fill_peek(r);
	if (r->ioerr) {
		lsn_rd_err(r, err, errlen, "%s", strerror(r->ioerr));
		lsn_reader_free(r);
		return NULL;
	}
	if (fmt == LSN_FMT_AUTO) {
		fmt = lsn_format_of_name(path);
		if (fmt == LSN_FMT_FEED && !sniff_feed((const char *)r->peek, r->npeek))
			fmt = LSN_FMT_TEXT;
		if (fmt == LSN_FMT_AUTO)
			fmt = sniff(r->peek, r->npeek);
	}
	r->fmt = fmt;
	if (start_format(r, jsonl_map, err, errlen)) {
		lsn_reader_free(r);
		return NULL;
	}
	return r;
}

lsn_reader *lsn_rd_open_mem(const char *name, const char *bytes, size_t len,
			    enum lsn_input_format fmt, const char *jsonl_map, char *err, size_t errlen)
{
	if (err && errlen)
		*err = 0;
	lsn_reader *r = reader_new(name ? name : "-");
	char *copy = malloc(len + 1);
	if (!r || !copy) {
		free(copy);
		lsn_reader_free(r);
		if (err && errlen)
			snprintf(err, errlen, "%s: out of memory", name ? name : "-");
		return NULL;
	}
	if (len)
		memcpy(copy, bytes, len);
	copy[len] = 0;
	r->mem = copy;
	r->memlen = len;
	r->size = len;
	fill_peek(r);
	if (fmt == LSN_FMT_AUTO)
		fmt = sniff(r->peek, r->npeek);
	r->fmt = fmt;
	if (start_format(r, jsonl_map, err, errlen)) {
		lsn_reader_free(r);
		return NULL;
	}
	return r;
}

lsn_reader *lsn_reader_open_feed_mem(const char *name, const char *bytes, size_t len,
				     char *err, size_t errlen)
{
	return lsn_rd_open_mem(name ? name : "feed", bytes, len, LSN_FMT_FEED, NULL, err, errlen);
}

int lsn_reader_next(lsn_reader *r, struct lsn_input *in, char *err, size_t errlen)
{
	if (err && errlen)
		*err = 0;
	memset(in, 0, sizeof *in);
	if (!r || r->finished)
		return 0;
	r->text.len = 0;
	r->text.oom = 0;
	lsn_rd_set(&r->id, NULL, 0);
	lsn_rd_set(&r->url, NULL, 0);
	lsn_rd_set(&r->title, NULL, 0);
	r->published[0] = 0;
	r->where[0] = 0;
	r->is_html = 0;
	r->encoding[0] = 0;
	int rc = r->next(r, err, errlen);
	if (rc == 1 && (r->text.oom || r->id.oom || r->url.oom || r->title.oom)) {
		lsn_rd_err(r, err, errlen, "%s%sout of memory", r->where, *r->where ? ": " : "");
		rc = -1;
	}
	if (rc == 0 || rc == -2) {
		r->finished = 1;
		return rc;
	}
	if (rc != 1)
		return rc;
	lsn_buf_addc(&r->text, 0); /* NUL-terminate, not counted */
	r->text.len--;
	in->id = r->id.data ? r->id.data : r->stem;
	in->text = r->text.data ? r->text.data : "";
	in->len = r->text.len;
	in->published = r->published[0] ? r->published : NULL;
	in->url = r->url.len ? r->url.data : NULL;
	in->title = r->title.len ? r->title.data : NULL;
	in->where = r->where;
	in->html = r->is_html;
	in->encoding = r->is_html && r->encoding[0] ? r->encoding : NULL;
	return 1;
}

void lsn_reader_free(lsn_reader *r)
{
	if (!r)
		return;
	if (r->free_fs && r->fs)
		r->free_fs(r->fs);
	if (r->own_fp && r->fp)
		fclose(r->fp);
	free((void *)r->mem);
	free(r->path);
	free(r->stem);
	lsn_buf_clear(&r->text);
	lsn_buf_clear(&r->id);
	lsn_buf_clear(&r->url);
	lsn_buf_clear(&r->title);
	free(r);
}

/* ---------------------------------------------------------------- charsets */

size_t lsn_rd_charset(const char *ctype, size_t n, char *out, size_t cap)
{
	if (!cap)
		return 0;
	out[0] = 0;
	const char *p = find_ci(ctype, n, "charset");
	if (!p)
		return 0;
	size_t i = (size_t)(p - ctype) + 7;
	while (i < n && (ctype[i] == ' ' || ctype[i] == '\t'))
		i++;
	if (i >= n || ctype[i] != '=')
		return 0;
	i++;
	while (i < n && (ctype[i] == ' ' || ctype[i] == '"' || ctype[i] == '\''))
		i++;
	size_t k = 0;
	while (i < n && k + 1 < cap &&
	       (isalnum((unsigned char)ctype[i]) || strchr("-_:.", ctype[i])))
		out[k++] = (char)tolower((unsigned char)ctype[i++]);
	out[k] = 0;
	return k;
}

/* Length of the valid UTF-8 prefix of s. */
static size_t utf8_valid_prefix(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		if (s[i] < 0x80) {
			/* eight ASCII bytes at a time */
			while (i + 8 <= n) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			while (i < n && s[i] < 0x80)
				i++;
			continue;
		}
		unsigned char c = s[i];
		size_t len = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		if (!len || i + len > n)
			return i;
		uint32_t cp = c & (0x7f >> len);
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += len;
	}
	return n;
}

size_t lsn_rd_utf8_valid(const char *s, size_t n)
{
	return utf8_valid_prefix(s, n);
}

static long repair_utf8(const char *s, size_t n, struct lsn_buf *tmp)
{
	long bad = 0;
	size_t i = 0;
	tmp->len = 0;
	while (i < n) {
		size_t k = utf8_valid_prefix(s + i, n - i);
		lsn_buf_add(tmp, s + i, k);
		i += k;
		if (i < n) {
			lsn_buf_add(tmp, "\xef\xbf\xbd", 3);
			i++;
			bad++;
		}
	}
	return tmp->oom ? -1 : bad;
}

/* The iconv name for a charset label, following the WHATWG mapping where
 * it matters: GB2312 and GBK pages are GB18030, Latin-1 is windows-1252. */
static const char *iconv_name(const char *enc)
{
	static const struct {
		const char *label, *name;
	} map[] = {
		{"gb2312", "GB18030"},	    {"gbk", "GB18030"},		  {"x-gbk", "GB18030"},
		{"gb_2312-80", "GB18030"},  {"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
		{"iso8859-1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
		{"big5", "BIG5-HKSCS"},	    {"x-sjis", "SHIFT_JIS"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(map); i++)
		if (!strcasecmp(enc, map[i].label))
			return map[i].name;
	return enc;
}

static int is_utf8_name(const char *enc)
{
	return !enc || !*enc || !strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8") ||
	       !strcasecmp(enc, "unicode-1-1-utf-8");
}

long lsn_rd_to_utf8(const char *s, size_t n, const char *enc, struct lsn_buf *tmp,
		    const char **out, size_t *outlen)
{
	iconv_t cd = (iconv_t)-1;
	if (!is_utf8_name(enc))
		cd = iconv_open("UTF-8", iconv_name(enc));
	if (cd == (iconv_t)-1) {
		if (utf8_valid_prefix(s, n) == n) {
			*out = s;
			*outlen = n;
			return 0;
		}
		long bad = repair_utf8(s, n, tmp);
		*out = tmp->data;
		*outlen = tmp->len;
		return bad;
	}
	long bad = 0;
	tmp->len = 0;
	char *in = (char *)s;
	size_t inleft = n;
	while (inleft) {
		if (lsn_grow(&tmp->data, &tmp->cap, tmp->len + inleft * 2 + 64, 1)) {
			iconv_close(cd);
			return -1;
		}
		char *o = tmp->data + tmp->len;
		size_t oleft = tmp->cap - tmp->len - 1;
		size_t rc = iconv(cd, &in, &inleft, &o, &oleft);
		tmp->len = (size_t)(o - tmp->data);
		if (rc != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL (cut short at the end): one byte becomes U+FFFD */
		lsn_buf_add(tmp, "\xef\xbf\xbd", 3);
		in++, inleft--;
		bad++;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	if (tmp->oom)
		return -1;
	*out = tmp->data ? tmp->data : "";
	*outlen = tmp->len;
	return bad;
}
