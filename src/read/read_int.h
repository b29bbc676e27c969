/*
 * read_int.h — private interface of the input readers (issue 6).
 *
 * The readers sit before the pipeline (DESIGN.md: "read"): they turn a file
 * into documents (struct lsn_input) that lsn_doc_new takes.  read.c opens
 * the file, detects its format and owns the document being handed out; one
 * file per format does the rest: read_html.c (article body of a page),
 * read_jsonl.c, read_warc.c (streaming, constant memory), read_feed.c
 * (RSS/Atom), fetch.c (libcurl).  Every format reads its bytes through
 * lsn_rd_read, so progress and format sniffing work the same everywhere.
 */
#ifndef LSN_READ_INT_H
#define LSN_READ_INT_H

#include <stdio.h>
#include "lsn_int.h"

/* Largest text/HTML file, JSON line or feed read into memory. */
#define LSN_RD_MAX_DOC ((size_t)256 << 20)

struct lsn_reader {
	enum lsn_input_format fmt;
	char *path;               /* as given: messages name it */
	char *stem;               /* base name without extension; "stdin" for "-" */
	FILE *fp;                 /* NULL when reading from mem */
	int own_fp;
	const char *mem;          /* in-memory input (owned copy), or NULL */
	size_t memlen, mempos;
	unsigned char peek[4096]; /* first bytes, served again before fp */
	size_t npeek, peekpos;
	unsigned long long done, size;
	int eof, ioerr;           /* the source reported end / an error */
	int finished;             /* next returns 0 from now on */
	int raw_html;             /* lsn_reader_set_raw_html: pages are handed out as they are */

	/* the document handed out; owned, reset on each call */
	struct lsn_buf text;
	struct lsn_buf id, url, title;
	char published[11];
	char where[96];
	int is_html;              /* raw mode: text holds a page's HTML */
	char encoding[48];        /* its charset from the HTTP header, or "" */

	/* the format's own state */
	void *fs;
	int (*next)(lsn_reader *r, char *err, size_t errlen);
	void (*free_fs)(void *fs);
};

/* A reader over a copy of bytes[0..len), named `name` in messages and ids
 * (the fuzz targets and lsn_reader_open_feed_mem use it). */
lsn_reader *lsn_rd_open_mem(const char *name, const char *bytes, size_t len,
			    enum lsn_input_format fmt, const char *jsonl_map, char *err, size_t errlen);

/* Reads up to n bytes of the input (peeked bytes first).  Returns the count,
 * 0 at the end or on an error (r->ioerr set). */
size_t lsn_rd_read(lsn_reader *r, void *buf, size_t n);
/* Reads the whole remaining input into b (at most max bytes).  Returns 0,
 * 1 when larger than max, -1 on a read error or out of memory. */
int lsn_rd_read_all(lsn_reader *r, struct lsn_buf *b, size_t max);

/* Formats err as "PATH: " + fmt.  Always NUL-terminates (errlen > 0). */
void lsn_rd_err(const lsn_reader *r, char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Sets one of the document's strings (s may be NULL: cleared). */
void lsn_rd_set(struct lsn_buf *b, const char *s, size_t n);

/* Dates in metadata, URLs and text: lsn_date_meta, lsn_date_url, lsn_date_text (the date
 * module, dates.c; lsn_int.h). */

/* The charset of a Content-Type value ("text/html; charset=gbk") into out
 * (cap bytes), lowercased; "" when none.  Returns its length. */
size_t lsn_rd_charset(const char *ctype, size_t n, char *out, size_t cap);
/* Length of the valid UTF-8 prefix of s[0..n). */
size_t lsn_rd_utf8_valid(const char *s, size_t n);

/*
 * Bytes in `enc` (NULL/"" = UTF-8) -> valid UTF-8 in *out: when the input is
 * already valid UTF-8 *out points at it and nothing is copied; otherwise the
 * converted text is in `tmp` and *out points there.  Undecodable bytes
 * become U+FFFD; an encoding iconv does not know is read as UTF-8.  Returns
 * the number of replaced bytes, or -1 when out of memory.
 */
long lsn_rd_to_utf8(const char *s, size_t n, const char *enc, struct lsn_buf *tmp,
		    const char **out, size_t *outlen);

/* ---- read_html.c ---- */

struct lsn_html_out {
	struct lsn_buf *text;    /* article lines are appended here */
	struct lsn_buf *title;   /* may be NULL */
	struct lsn_buf *url;     /* canonical / og:url, may be NULL */
	char published[11];      /* "" when none */
	int fallback;            /* no article found: the text is the page's readable text */
	const lsn_tables *kb;    /* in: the lexicon (month names, box markers), or NULL */
};

/*
 * One page -> article text and metadata.  `url` (may be NULL) is where the
 * page came from (a date in its path is the last resort for `published`).
 * With `fragment` set the input is a piece of HTML (a feed item's content):
 * all its text is kept, paragraph by paragraph, without choosing a
 * container.  Returns LSN_OK, LSN_ENOMEM or LSN_EARG (libxml2 gave no tree, or stopped
 * before the end of the page: a limit of its own; never a page read in part).
 */
int lsn_html_extract(const char *html, size_t len, const char *enc, const char *url,
		     int fragment, struct lsn_html_out *out);

/* Initialises libxml2 once, thread-safely, and silences its own printing of
 * errors on this thread (every parse calls it first). */
void lsn_rd_xml_init(void);

/* ---- per format: set r->next, r->fs, r->free_fs ---- */
int lsn_rd_jsonl_init(lsn_reader *r, const char *map, char *err, size_t errlen);
int lsn_rd_warc_init(lsn_reader *r, char *err, size_t errlen);
int lsn_rd_feed_init(lsn_reader *r, char *err, size_t errlen);

#endif
