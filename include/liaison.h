/*
 * liaison.h — the public interface of the liaison library.
 *
 * liaison turns news about cooperation between places (cities, provinces,
 * countries) into records: who met whom, when, where, in which role, what they
 * signed, which ties they keep, which figures they stated.  The command-line
 * tool is built on this header alone.
 *
 * Ownership, once for the whole API: every function borrows its arguments; an
 * object returned by a `_new` function belongs to the caller, who releases it
 * with the matching `_free` (which accepts NULL).  Strings handed out by an
 * object stay valid until that object is freed.
 *
 * Threads: an lsn_kb is read-only once built and may be shared by threads;
 * an lsn_doc belongs to one thread at a time.
 */
#ifndef LIAISON_H
#define LIAISON_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LSN_VERSION "0.1.0"

/* Status codes.  The library never exits or aborts on bad input. */
enum lsn_status {
	LSN_OK = 0,
	LSN_ENOMEM,   /* out of memory */
	LSN_EIO,      /* a file could not be read */
	LSN_EBINARY,  /* the input is not text */
	LSN_EDATA,    /* a knowledge table is malformed */
	LSN_EARG,     /* a bad argument */
	LSN_EUNICODE, /* ICU failed on the text */
	LSN_EDB,      /* the knowledge base (SQLite) failed: lsn_store_errmsg() says why */
};

/* Returns a static English description of `st`. */
const char *lsn_strerror(enum lsn_status st);

/* The knowledge tables (places, titles, triggers, actors, ...). */
typedef struct lsn_kb lsn_kb;

/*
 * Loads the knowledge tables: those compiled into the library when `dir` is
 * NULL, else the *.tsv files of `dir` (a file missing there falls back to the
 * compiled-in one).  On failure returns NULL and writes a message naming the
 * file and line into err (errlen bytes, may be 0).
 */
lsn_kb *lsn_kb_new(const char *dir, char *err, size_t errlen);
void lsn_kb_free(lsn_kb *kb);

/* One document and everything extracted from it. */
typedef struct lsn_doc lsn_doc;

/* Problems found in a document's bytes that did not stop its processing. */
struct lsn_issue {
	size_t offset;       /* byte offset in the input as given */
	const char *message; /* static text */
};

/*
 * Creates a document from `len` bytes of text.  `id` names it in the output
 * (the file name without extension).  `published`, if not NULL, is a
 * publication date from metadata (YYYY-MM-DD) that wins over dates in the text.
 * Invalid UTF-8 is replaced by U+FFFD and reported through lsn_doc_issue();
 * text with NUL bytes or mostly control bytes is refused with LSN_EBINARY and
 * the offset of the first offending byte in *bad_offset (may be NULL).
 * Returns LSN_OK and the document in *out, or an error and *out == NULL.
 */
enum lsn_status lsn_doc_new(const char *id, const char *bytes, size_t len,
			    const char *published, lsn_doc **out, size_t *bad_offset);
void lsn_doc_free(lsn_doc *doc);

/* Number of issues recorded for `doc` and the i-th one. */
size_t lsn_doc_issue_count(const lsn_doc *doc);
const struct lsn_issue *lsn_doc_issue(const lsn_doc *doc, size_t i);

/* Runs every stage of the pipeline on `doc` (clean, lang, segment, annotate,
 * extract).  Idempotent: a second call does nothing. */
enum lsn_status lsn_extract(const lsn_kb *kb, lsn_doc *doc);

/* The document's identifier, language code ("en", "zh", "vi", "und", ...). */
const char *lsn_doc_id(const lsn_doc *doc);
const char *lsn_doc_lang(const lsn_doc *doc);

/*
 * Writes the record of SCHEMA.md as one line of JSON followed by '\n'.
 * With `evidence_offsets` non-zero, each event also carries the byte offsets
 * of its evidence sentence.  Returns LSN_OK or LSN_EIO.
 */
enum lsn_status lsn_doc_write_json(const lsn_doc *doc, FILE *out, int evidence_offsets);

/* Writes a human-readable summary of the record. */
enum lsn_status lsn_doc_write_summary(const lsn_doc *doc, FILE *out);

/* A growable byte buffer, used for JSON output to memory. */
struct lsn_buf {
	char *data;
	size_t len, cap;
	int oom; /* set once an allocation failed; later appends do nothing */
};
void lsn_buf_init(struct lsn_buf *b);
void lsn_buf_clear(struct lsn_buf *b);

/* Appends the JSON record (as lsn_doc_write_json) to `b`. */
enum lsn_status lsn_doc_json(const lsn_doc *doc, struct lsn_buf *b, int evidence_offsets);

#ifdef __cplusplus
}
#endif
#endif
