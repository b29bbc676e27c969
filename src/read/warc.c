/*
 * read_warc.c — WARC 1.0/1.1 archives, plain or gzip per record (part of
 * "read").
 *
 * Streaming with constant memory: the file goes through a 64 KiB input
 * buffer and (for .warc.gz) zlib, one gzip member after another
 * (inflateReset between members), and only one record body at a time is
 * held — at most LSN_WARC_MAX_BODY bytes; a larger record is skipped with a
 * message.  Documents come from `response` records holding an HTTP
 * response with HTML (status line and headers parsed, chunked transfer and
 * gzip/deflate content decoded, charset from Content-Type) and from
 * `resource` / `conversion` records of text/plain or text/html.  warcinfo,
 * request, metadata, revisit records and non-2xx or non-text responses are
 * passed over in silence.  WARC-Date and Last-Modified are not publication
 * dates: the page's own metadata gives that.
 *
 * Damage: a record whose header is not WARC, or a gzip member that does not
 * inflate, is reported (-1) and reading resumes at the next record (the
 * next "WARC/" line, or the next gzip member header).  A file cut short
 * ends with -2 "truncated at byte N" after every complete record came out.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>
#include "read/read_int.h"

#define LSN_WARC_MAX_BODY ((size_t)16 << 20)    /* a record's block */
#define LSN_WARC_MAX_DECODED ((size_t)32 << 20) /* after content decoding */
#define LSN_WARC_MAX_HEADER ((size_t)64 << 10)

enum src_rc { SRC_EOF = 0, SRC_TRUNC = -1, SRC_CORRUPT = -2 };

struct warc {
	int gz;
	z_stream zs;
	int zinit, member_active;
	unsigned char in[65536];
	size_t inlen;                  /* bytes in `in`; zs.next_in points into it */
	unsigned long long in_off;     /* file offset of in[0] */
	unsigned long long member_off; /* file offset where the current member began */
	unsigned char out[65536];
	size_t olen, opos;
	unsigned long long pos;        /* offset in the (decompressed) stream */
	int state;                     /* 0 reading, else the enum src_rc that stopped it */
	unsigned long recno;
	struct lsn_buf line, body, dec;
	const char *zmsg;
};

static void warc_free(void *p)
{
	struct warc *w = p;
	if (w->zinit)
		inflateEnd(&w->zs);
	lsn_buf_clear(&w->line);
	lsn_buf_clear(&w->body);
	lsn_buf_clear(&w->dec);
	free(w);
}

/* ---------------------------------------------------------------- byte source */

static unsigned long long in_pos(const struct warc *w)
{
	return w->in_off + (unsigned long long)(w->zs.next_in - w->in);
}

static int refill_in(lsn_reader *r, struct warc *w)
{
	w->in_off += w->inlen;
	w->inlen = lsn_rd_read(r, w->in, sizeof w->in);
	w->zs.next_in = w->in;
	w->zs.avail_in = (uInt)w->inlen;
	return w->inlen > 0;
}

/* Makes decompressed bytes available in w->out.  Returns their count, or an
 * enum src_rc: SRC_EOF at a clean end, SRC_TRUNC when the file ends inside
 * a gzip member, SRC_CORRUPT when a member does not inflate. */
static long fill(lsn_reader *r, struct warc *w)
{
	if (w->opos < w->olen)
		return (long)(w->olen - w->opos);
	if (w->state)
		return w->state;
	w->olen = w->opos = 0;
	if (!w->gz) {
		w->olen = lsn_rd_read(r, w->out, sizeof w->out);
		return w->olen ? (long)w->olen : (w->state = SRC_EOF);
	}
	for (;;) {
		if (w->zs.avail_in == 0 && !refill_in(r, w))
			return w->state = w->member_active ? SRC_TRUNC : SRC_EOF;
		if (!w->member_active) {
			w->member_off = in_pos(w);
			inflateReset(&w->zs);
			w->member_active = 1;
		}
		w->zs.next_out = w->out;
		w->zs.avail_out = sizeof w->out;
		int z = inflate(&w->zs, Z_NO_FLUSH);
		w->olen = sizeof w->out - w->zs.avail_out;
		if (z == Z_STREAM_END) {
			w->member_active = 0;
		} else if (z == Z_DATA_ERROR || z == Z_NEED_DICT || z == Z_MEM_ERROR ||
			   z == Z_STREAM_ERROR) {
			w->zmsg = w->zs.msg ? w->zs.msg : "data error";
			w->olen = 0;
			return w->state = SRC_CORRUPT;
		}
		if (w->olen)
			return (long)w->olen;
	}
}

/* After a corrupt member: on to the next gzip member header (1f 8b 08). */
static void resync_gz(lsn_reader *r, struct warc *w)
{
	w->state = 0;
	w->olen = w->opos = 0;
	w->member_active = 0;
	/* start right after the bad member's header when it is still buffered */
	if (w->member_off >= w->in_off && w->member_off + 1 <= w->in_off + w->inlen) {
		size_t k = (size_t)(w->member_off - w->in_off) + 1;
		w->zs.next_in = w->in + k;
		w->zs.avail_in = (uInt)(w->inlen - k);
	}
	for (;;) {
		unsigned char *p = w->zs.next_in;
		size_t n = w->zs.avail_in;
		for (size_t i = 0; i + 2 < n; i++)
			if (p[i] == 0x1f && p[i + 1] == 0x8b && p[i + 2] == 0x08) {
				w->zs.next_in = p + i;
				w->zs.avail_in = (uInt)(n - i);
				return;
			}
		/* keep the last two bytes: the magic may straddle reads */
		size_t keep = n < 2 ? n : 2;
		memmove(w->in, p + n - keep, keep);
		w->in_off += (unsigned long long)(p + n - keep - w->in);
		size_t k = lsn_rd_read(r, w->in + keep, sizeof w->in - keep);
		w->inlen = keep + k;
		w->zs.next_in = w->in;
		w->zs.avail_in = (uInt)w->inlen;
		if (!k) {
			w->state = SRC_EOF;
			return;
		}
	}
}

/* One line (without CR LF) into w->line.  Returns 1, or an enum src_rc.
 * A line longer than the header limit is cut (the rest is skipped). */
static int get_line(lsn_reader *r, struct warc *w)
{
	w->line.len = 0;
	int any = 0;
	for (;;) {
		long n = fill(r, w);
		if (n <= 0)
			return any && n == SRC_EOF ? SRC_TRUNC : (int)n;
		any = 1;
		const unsigned char *s = w->out + w->opos;
		const unsigned char *nl = memchr(s, '\n', (size_t)n);
		size_t k = nl ? (size_t)(nl - s) : (size_t)n;
		if (w->line.len + k <= LSN_WARC_MAX_HEADER)
			lsn_buf_add(&w->line, s, k);
		w->opos += nl ? k + 1 : k;
		w->pos += nl ? k + 1 : k;
		if (nl) {
			if (w->line.len && w->line.data[w->line.len - 1] == '\r')
				w->line.len--;
			lsn_buf_addc(&w->line, 0);
			w->line.len--;
			return 1;
		}
	}
}

/* Reads n bytes into b (keep) or drops them.  Returns 1 or an enum src_rc. */
static int get_bytes(lsn_reader *r, struct warc *w, unsigned long long n, struct lsn_buf *b)
{
	while (n) {
		long avail = fill(r, w);
		if (avail <= 0)
			return avail == SRC_EOF ? SRC_TRUNC : (int)avail;
		size_t k = (unsigned long long)avail < n ? (size_t)avail : (size_t)n;
		if (b)
			lsn_buf_add(b, w->out + w->opos, k);
		w->opos += k;
		w->pos += k;
		n -= k;
	}
	return 1;
}

/* ---------------------------------------------------------------- HTTP */

static int hdr_is(const char *line, size_t n, const char *name, const char **val, size_t *vlen)
{
	size_t m = strlen(name);
	if (n <= m || strncasecmp(line, name, m) || line[m] != ':')
		return 0;
	size_t i = m + 1;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	size_t e = n;
	while (e > i && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r'))
		e--;
	*val = line + i;
	*vlen = e - i;
	return 1;
}

static int has_word(const char *v, size_t n, const char *w)
{
	size_t m = strlen(w);
	for (size_t i = 0; i + m <= n; i++)
		if (!strncasecmp(v + i, w, m))
			return 1;
	return 0;
}

/* Decodes a chunked body in place.  Returns its new length, or -1 when it
 * is cut short or malformed. */
static long dechunk(char *s, size_t n)
{
	size_t i = 0, o = 0;
	for (;;) {
		size_t size = 0;
		int digits = 0;
		while (i < n && isxdigit((unsigned char)s[i])) {
			int c = (unsigned char)s[i];
			int v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
			if (size > (SIZE_MAX >> 4))
				return -1;
			size = size * 16 + (size_t)v;
			i++, digits++;
		}
		if (!digits)
			return -1;
		while (i < n && s[i] != '\n') /* extensions, CR */
			i++;
		if (i >= n)
			return -1;
		i++;
		if (size == 0)
			return (long)o;
		if (size > n - i)
			return -1;
		memmove(s + o, s + i, size);
		o += size;
		i += size;
		if (i < n && s[i] == '\r')
			i++;
		if (i < n && s[i] == '\n')
			i++;
	}
}

/* Inflates s into dec (gzip, zlib or raw deflate).  0, or -1 with *why. */
static int decode(const char *s, size_t n, int gzip, struct lsn_buf *dec, const char **why)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	/* 32+: gzip or zlib by the header; deflate without header as a fallback */
	int wbits = gzip ? 16 + MAX_WBITS : 32 + MAX_WBITS;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (inflateInit2(&zs, attempt ? -MAX_WBITS : wbits) != Z_OK) {
			*why = "out of memory";
			return -1;
		}
		dec->len = 0;
		zs.next_in = (Bytef *)s;
		zs.avail_in = (uInt)n;
		int z = Z_OK;
		while (z == Z_OK) {
			if (lsn_grow(&dec->data, &dec->cap, dec->len + 65536 + 1, 1)) {
				inflateEnd(&zs);
				*why = "out of memory";
				return -1;
			}
			zs.next_out = (Bytef *)dec->data + dec->len;
			zs.avail_out = 65536;
			z = inflate(&zs, Z_NO_FLUSH);
			dec->len += 65536 - zs.avail_out;
			if (dec->len > LSN_WARC_MAX_DECODED) {
				inflateEnd(&zs);
				*why = "decoded body too large";
				return -1;
			}
			if (z == Z_BUF_ERROR && zs.avail_in == 0)
				break; /* cut short: keep what came out */
		}
		inflateEnd(&zs);
		if (z == Z_STREAM_END || (z == Z_BUF_ERROR && dec->len))
			return 0;
		if (gzip || attempt)
			break;
	}
	*why = "content encoding does not decode";
	return -1;
}

/* ---------------------------------------------------------------- records */

struct rec {
	char type[24];
	char ctype[128];
	unsigned long long clen;
	int has_clen;
	struct lsn_buf uri;
};

static void set_where(lsn_reader *r, struct warc *w, unsigned long long off)
{
	snprintf(r->where, sizeof r->where, "record %lu at byte %llu", w->recno, off);
}

/* The HTTP response in body[0..n) -> a document in r.  1, 0 (nothing to
 * read in it), or -1 with a message. */
static int http_doc(lsn_reader *r, struct warc *w, const struct rec *rc, char *err, size_t errlen)
{
	char *s = w->body.data;
	size_t n = w->body.len;
	if (n < 12 || strncmp(s, "HTTP/", 5))
		return 0;
	const char *sp = memchr(s, ' ', n < 16 ? n : 16);
	if (!sp || sp + 4 > s + n)
		return 0;
	int status = atoi(sp + 1);
	if (status < 200 || status > 299)
		return 0;
	/* headers */
	size_t i = (size_t)((const char *)memchr(s, '\n', n) - s);
	if (i >= n)
		return 0;
	i++;
	char cs[48] = "";
	int chunked = 0, gzip = 0, deflate = 0, html = -1;
	for (;;) {
		if (i >= n)
			return 0; /* headers without a body */
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		size_t le = e;
		if (le > i && s[le - 1] == '\r')
			le--;
		if (le == i) {
			i = nl ? e + 1 : n;
			break;
		}
		const char *v;
		size_t vl;
		if (hdr_is(s + i, le - i, "Content-Type", &v, &vl)) {
			lsn_rd_charset(v, vl, cs, sizeof cs);
			html = has_word(v, vl, "html") ? 1 : has_word(v, vl, "text/plain") ? 0 : -2;
		} else if (hdr_is(s + i, le - i, "Transfer-Encoding", &v, &vl)) {
			chunked = has_word(v, vl, "chunked");
		} else if (hdr_is(s + i, le - i, "Content-Encoding", &v, &vl)) {
			if (has_word(v, vl, "gzip"))
				gzip = 1;
			else if (has_word(v, vl, "deflate"))
				deflate = 1;
			else if (has_word(v, vl, "br")) {
				lsn_rd_err(r, err, errlen, "%s: brotli content encoding is not supported",
					   r->where);
				return -1;
			}
		}
		i = nl ? e + 1 : n;
	}
	if (html == -2)
		return 0; /* an image, a script, ... */
	char *b = s + i;
	size_t bl = n - i;
	if (chunked) {
		long k = dechunk(b, bl);
		if (k < 0) {
			lsn_rd_err(r, err, errlen, "%s: chunked body cut short or malformed", r->where);
			return -1;
		}
		bl = (size_t)k;
	}
	if (gzip || deflate) {
		const char *why = NULL;
		if (decode(b, bl, gzip, &w->dec, &why)) {
			lsn_rd_err(r, err, errlen, "%s: %s", r->where, why);
			return -1;
		}
		b = w->dec.data;
		bl = w->dec.len;
	}
	if (html == -1) { /* no Content-Type: look */
		size_t scan = bl < 1024 ? bl : 1024;
		html = 0;
		for (size_t k = 0; k + 5 <= scan; k++)
			if (b[k] == '<' && (!strncasecmp(b + k, "<html", 5) || !strncasecmp(b + k, "<!doc", 5) ||
					    !strncasecmp(b + k, "<body", 5) || !strncasecmp(b + k, "<p>", 3))) {
				html = 1;
				break;
			}
	}
	const char *url = rc->uri.len ? rc->uri.data : NULL;
	if (url)
		lsn_rd_set(&r->url, url, rc->uri.len);
	if (html && r->raw_html) { /* the page as it is: the caller extracts it */
		lsn_buf_add(&r->text, b, bl);
		r->is_html = 1;
		snprintf(r->encoding, sizeof r->encoding, "%s", cs);
	} else if (html) {
		struct lsn_html_out ho = {.text = &r->text, .title = &r->title, .url = NULL};
		int st = lsn_html_extract(b, bl, cs[0] ? cs : NULL, url, 0, &ho);
		if (st) {
			lsn_rd_err(r, err, errlen, "%s: %s", r->where,
				   st == LSN_ENOMEM ? "out of memory" : "HTML could not be read");
			return -1;
		}
		memcpy(r->published, ho.published, 11);
	} else {
		struct lsn_buf tmp;
		lsn_buf_init(&tmp);
		const char *u8;
		size_t ul;
		if (lsn_rd_to_utf8(b, bl, cs, &tmp, &u8, &ul) < 0) {
			lsn_buf_clear(&tmp);
			lsn_rd_err(r, err, errlen, "%s: out of memory", r->where);
			return -1;
		}
		lsn_buf_add(&r->text, u8, ul);
		lsn_buf_clear(&tmp);
	}
	return r->text.len ? 1 : 0;
}

/* A resource or conversion record: the block is the document. */
static int block_doc(lsn_reader *r, struct warc *w, const struct rec *rc, char *err, size_t errlen)
{
	size_t n = strlen(rc->ctype);
	int html = has_word(rc->ctype, n, "html");
	if (!html && !has_word(rc->ctype, n, "text/plain"))
		return 0;
	char cs[48];
	lsn_rd_charset(rc->ctype, n, cs, sizeof cs);
	if (rc->uri.len)
		lsn_rd_set(&r->url, rc->uri.data, rc->uri.len);
	if (html && r->raw_html) { /* the page as it is: the caller extracts it */
		lsn_buf_add(&r->text, w->body.data ? w->body.data : "", w->body.len);
		r->is_html = 1;
		snprintf(r->encoding, sizeof r->encoding, "%s", cs);
	} else if (html) {
		struct lsn_html_out ho = {.text = &r->text, .title = &r->title, .url = NULL};
		int st = lsn_html_extract(w->body.data ? w->body.data : "", w->body.len,
					  cs[0] ? cs : NULL, rc->uri.len ? rc->uri.data : NULL, 0, &ho);
		if (st) {
			lsn_rd_err(r, err, errlen, "%s: %s", r->where,
				   st == LSN_ENOMEM ? "out of memory" : "HTML could not be read");
			return -1;
		}
		memcpy(r->published, ho.published, 11);
	} else {
		struct lsn_buf tmp;
		lsn_buf_init(&tmp);
		const char *u8;
		size_t ul;
		if (lsn_rd_to_utf8(w->body.data ? w->body.data : "", w->body.len, cs, &tmp, &u8, &ul) < 0) {
			lsn_buf_clear(&tmp);
			lsn_rd_err(r, err, errlen, "%s: out of memory", r->where);
			return -1;
		}
		lsn_buf_add(&r->text, u8, ul);
		lsn_buf_clear(&tmp);
	}
	return r->text.len ? 1 : 0;
}

static int stopped(lsn_reader *r, struct warc *w, int src, unsigned long long rec_off, char *err,
		   size_t errlen)
{
	if (src == SRC_EOF) {
		if (r->ioerr) {
			lsn_rd_err(r, err, errlen, "%s", strerror(r->ioerr));
			return -2;
		}
		return 0;
	}
	if (src == SRC_TRUNC) {
		lsn_rd_err(r, err, errlen, "truncated at byte %llu (record %lu at byte %llu is incomplete)",
			   r->done, w->recno ? w->recno : 1, rec_off);
		return -2;
	}
	return -3; /* corrupt: the caller reports and resyncs */
}

/* What a read that stopped inside a record returns: stopped()'s answer, with a corrupt gzip
 * member reported here (-1: skipped, the caller resyncs). */
static int stopped_in_record(lsn_reader *r, struct warc *w, int g, unsigned long long off, char *err,
			     size_t errlen)
{
	int s = stopped(r, w, g, off, err, errlen);
	if (s == -3) {
		lsn_rd_err(r, err, errlen, "%s: corrupt gzip member (%s); skipped", r->where, w->zmsg);
		return -1;
	}
	return s;
}

/*
 * Reads a record's first line ("WARC/1.1"), after the blank lines that end the last record;
 * its byte offset goes to *off.  Returns 1 when it is one; else what next_warc returns: 0 at
 * the end, -2 when the input stops short, -1 for a line that is not a record header (skipped
 * to the next record, reported in err).
 */
static int record_start(lsn_reader *r, struct warc *w, unsigned long long *off, char *err, size_t errlen)
{
	int g;
	do {
		*off = w->pos;
		g = get_line(r, w);
	} while (g == 1 && w->line.len == 0);
	if (w->gz)
		*off = w->member_off;
	if (g == SRC_TRUNC && !w->gz && w->line.len) { /* trailing white space is no record */
		size_t k = 0;
		while (k < w->line.len && isspace((unsigned char)w->line.data[k]))
			k++;
		if (k == w->line.len)
			g = SRC_EOF;
	}
	if (g != 1) {
		int s = stopped(r, w, g, *off, err, errlen);
		if (s == -3) {
			w->recno++;
			set_where(r, w, w->member_off);
			lsn_rd_err(r, err, errlen, "%s: corrupt gzip member (%s); skipped", r->where, w->zmsg);
			return -1;
		}
		return s;
	}
	if (strncmp(w->line.data, "WARC/", 5)) {
		w->recno++;
		set_where(r, w, *off);
		lsn_rd_err(r, err, errlen, "%s: not a WARC record header; skipped to the next record", r->where);
		if (w->gz) {
			/* the next gzip member */
			w->state = SRC_CORRUPT;
		} else {
			/* the next line that opens with "WARC/" */
			for (;;) {
				long n = fill(r, w);
				if (n <= 0)
					break;
				if (n >= 5 && !memcmp(w->out + w->opos, "WARC/", 5))
					break;
				if (get_line(r, w) != 1)
					break;
			}
		}
		return -1;
	}
	w->recno++;
	set_where(r, w, *off);
	return 1;
}

/* Reads the named fields of a record's header into *rc, up to the blank line.  Returns 1, or
 * what next_warc returns when the input stops or the header is unusable. */
static int record_fields(lsn_reader *r, struct warc *w, struct rec *rc, unsigned long long off, char *err,
			 size_t errlen)
{
	size_t hdr_bytes = 0;
	int g;
	for (;;) {
		g = get_line(r, w);
		if (g != 1)
			break;
		if (!w->line.len)
			break;
		hdr_bytes += w->line.len;
		const char *v;
		size_t vl;
		const char *l = w->line.data;
		size_t n = w->line.len;
		if (hdr_is(l, n, "WARC-Type", &v, &vl)) {
			size_t k = vl < sizeof rc->type - 1 ? vl : sizeof rc->type - 1;
			memcpy(rc->type, v, k);
			rc->type[k] = 0;
		} else if (hdr_is(l, n, "Content-Length", &v, &vl)) {
			char *e;
			char num[32];
			size_t k = vl < sizeof num - 1 ? vl : sizeof num - 1;
			memcpy(num, v, k);
			num[k] = 0;
			rc->clen = strtoull(num, &e, 10);
			rc->has_clen = e != num && *e == 0;
		} else if (hdr_is(l, n, "Content-Type", &v, &vl)) {
			size_t k = vl < sizeof rc->ctype - 1 ? vl : sizeof rc->ctype - 1;
			memcpy(rc->ctype, v, k);
			rc->ctype[k] = 0;
		} else if (hdr_is(l, n, "WARC-Target-URI", &v, &vl)) {
			if (vl >= 2 && v[0] == '<' && v[vl - 1] == '>')
				v++, vl -= 2;
			lsn_rd_set(&rc->uri, v, vl);
		}
	}
	if (g != 1)
		return stopped_in_record(r, w, g, off, err, errlen);
	if (!rc->has_clen || hdr_bytes > LSN_WARC_MAX_HEADER) {
		lsn_rd_err(r, err, errlen, "%s: %s; skipped", r->where,
			   rc->has_clen ? "header too long" : "no valid Content-Length");
		return -1;
	}
	return 1;
}

/* Reads a record's block: into w->body when `want`, else past it.  Returns 1, or what
 * next_warc returns when the input stops or the block is over the limit. */
static int record_block(lsn_reader *r, struct warc *w, const struct rec *rc, int want,
			unsigned long long off, char *err, size_t errlen)
{
	int g;
	if (want && rc->clen > LSN_WARC_MAX_BODY) {
		g = get_bytes(r, w, rc->clen, NULL);
		if (g != 1)
			return stopped_in_record(r, w, g, off, err, errlen);
		lsn_rd_err(r, err, errlen, "%s: block of %llu bytes is over the %zu MiB limit; skipped",
			   r->where, rc->clen, LSN_WARC_MAX_BODY >> 20);
		return -1;
	}
	w->body.len = 0;
	g = get_bytes(r, w, rc->clen, want ? &w->body : NULL);
	if (g != 1)
		return stopped_in_record(r, w, g, off, err, errlen);
	if (w->body.oom) {
		w->body.oom = 0;
		lsn_rd_err(r, err, errlen, "%s: out of memory", r->where);
		return -1;
	}
	return 1;
}

/* Forgets what a record that gave no document left in the reader and in *rc. */
static void record_forget(lsn_reader *r, struct rec *rc)
{
	r->text.len = 0;
	r->is_html = 0;
	r->encoding[0] = 0;
	lsn_rd_set(&r->url, NULL, 0);
	lsn_rd_set(&r->title, NULL, 0);
	r->published[0] = 0;
	memset(&rc->type, 0, sizeof rc->type);
	rc->ctype[0] = 0;
	rc->clen = 0;
	rc->has_clen = 0;
	rc->uri.len = 0;
}

static int next_warc(lsn_reader *r, char *err, size_t errlen)
{
	struct warc *w = r->fs;
	struct rec rc;
	memset(&rc, 0, sizeof rc);
	lsn_buf_init(&rc.uri);
	int ret = 0;
	for (;;) {
		if (w->state == SRC_CORRUPT) {
			resync_gz(r, w);
			continue;
		}
		unsigned long long off = w->pos;
		if ((ret = record_start(r, w, &off, err, errlen)) != 1 ||
		    (ret = record_fields(r, w, &rc, off, err, errlen)) != 1)
			goto out;
		int want = !strcasecmp(rc.type, "response") || !strcasecmp(rc.type, "resource") ||
			   !strcasecmp(rc.type, "conversion");
		if ((ret = record_block(r, w, &rc, want, off, err, errlen)) != 1)
			goto out;
		if (!want)
			continue;
		lsn_buf_addc(&w->body, 0);
		w->body.len--;
		int d;
		if (!strcasecmp(rc.type, "response"))
			d = http_doc(r, w, &rc, err, errlen);
		else
			d = block_doc(r, w, &rc, err, errlen);
		if (d == 0) {
			record_forget(r, &rc);
			continue;
		}
		if (d == 1) {
			char id[64];
			int k = snprintf(id, sizeof id, "-%lu", w->recno);
			lsn_rd_set(&r->id, r->stem, strlen(r->stem));
			lsn_buf_add(&r->id, id, (size_t)k);
			lsn_buf_addc(&r->id, 0);
			r->id.len--;
		}
		ret = d;
		goto out;
	}
out:
	lsn_buf_clear(&rc.uri);
	/* keep big buffers from a rare huge record from staying forever */
	if (w->dec.cap > ((size_t)4 << 20)) {
		lsn_buf_clear(&w->dec);
		lsn_buf_init(&w->dec);
	}
	return ret;
}

int lsn_rd_warc_init(lsn_reader *r, char *err, size_t errlen)
{
	struct warc *w = calloc(1, sizeof *w);
	if (!w) {
		lsn_rd_err(r, err, errlen, "out of memory");
		return -1;
	}
	lsn_buf_init(&w->line);
	lsn_buf_init(&w->body);
	lsn_buf_init(&w->dec);
	r->fs = w;
	r->free_fs = warc_free;
	r->next = next_warc;
	w->gz = r->npeek >= 2 && r->peek[0] == 0x1f && r->peek[1] == 0x8b;
	if (w->gz) {
		if (inflateInit2(&w->zs, 16 + MAX_WBITS) != Z_OK) {
			lsn_rd_err(r, err, errlen, "out of memory");
			return -1;
		}
		w->zinit = 1;
		w->zs.next_in = w->in;
		w->zs.avail_in = 0;
	}
	return 0;
}
