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
 * Threads: an lsn_tables is read-only once built and may be shared by threads;
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
typedef struct lsn_tables lsn_tables;

/*
 * Loads the knowledge tables: those compiled into the library when `dir` is
 * NULL, else the *.tsv files of `dir` (a file missing there falls back to the
 * compiled-in one).  On failure returns NULL and writes a message naming the
 * file and line into err (errlen bytes, may be 0).
 */
lsn_tables *lsn_tables_new(const char *dir, char *err, size_t errlen);
void lsn_tables_free(lsn_tables *kb);

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
enum lsn_status lsn_extract(const lsn_tables *kb, lsn_doc *doc);

/* The document's identifier, language code ("en", "zh", "vi", "und", ...). */
const char *lsn_doc_id(const lsn_doc *doc);
const char *lsn_doc_lang(const lsn_doc *doc);

/* What the record carries besides the schema's fields (a bit set; 0 = nothing):
 * each event's (and commitment's) evidence sentence's byte offsets, and each
 * event's `date_evidence`: what fixed its date (docs/schema.md). */
enum { LSN_JSON_OFFSETS = 1, LSN_JSON_EXPLAIN = 2 };

/*
 * Writes the record of SCHEMA.md as one line of JSON followed by '\n', with
 * the extras `flags` asks for (LSN_JSON_*; 1 is the offsets, as before).
 * Returns LSN_OK or LSN_EIO.
 */
enum lsn_status lsn_doc_write_json(const lsn_doc *doc, FILE *out, int flags);

/* The size in bytes of the document's text as read. */
size_t lsn_doc_len(const lsn_doc *doc);

/* Writes a human-readable summary of the record. */
enum lsn_status lsn_doc_write_summary(const lsn_doc *doc, FILE *out);
/* The same, with each event's date evidence when flags has LSN_JSON_EXPLAIN. */
enum lsn_status lsn_doc_write_summary_flags(const lsn_doc *doc, FILE *out, int flags);

/* A growable byte buffer: JSON output to memory, messages, documents in
 * flight.  `data` is NUL-terminated once anything was appended (NULL
 * before); an allocation that fails sets `oom` and leaves the buffer as it
 * was, so a caller appends freely and checks `oom` once at the end. */
struct lsn_buf {
	char *data;
	size_t len, cap;
	int oom; /* set once an allocation failed; later appends do nothing */
};
void lsn_buf_init(struct lsn_buf *b);
void lsn_buf_clear(struct lsn_buf *b);
/* Appends n bytes of p (p may be NULL only when n is 0). */
void lsn_buf_add(struct lsn_buf *b, const void *p, size_t n);
void lsn_buf_adds(struct lsn_buf *b, const char *s);
void lsn_buf_addc(struct lsn_buf *b, char c);
void lsn_buf_printf(struct lsn_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends `s` (n bytes) as a JSON string literal with quotes. */
void lsn_buf_json_str(struct lsn_buf *b, const char *s, size_t n);

/* Appends the JSON record (as lsn_doc_write_json) to `b`. */
enum lsn_status lsn_doc_json(const lsn_doc *doc, struct lsn_buf *b, int flags);

/* =====================================================================
 * Knowledge base (issue 5): records stored in SQLite, resolved across
 * documents (people, events, near-duplicate documents) and queried.
 * The schema is src/schema.sql; README.md and docs/liaison.1 describe the
 * commands built on this part.  An lsn_store belongs to one thread at a
 * time.  Every function that fails with LSN_EDB or LSN_EARG leaves a
 * message naming the database file in lsn_store_errmsg().
 * ===================================================================== */

/* An open knowledge base: one SQLite file (WAL journal). */
typedef struct lsn_store lsn_store;

enum {
	LSN_STORE_CREATE = 1,   /* create the file when it does not exist */
	LSN_STORE_READONLY = 2, /* open it read-only (SQLITE_OPEN_READONLY, PRAGMA
				   query_only): nothing is written, not even a
				   migration, so its schema must be the latest
				   already (else LSN_EDB); for readers such as the
				   HTTP server, one store per thread */
};

/*
 * Opens the knowledge base at `path` and applies the migrations of
 * src/schema.sql it lacks.  Without LSN_STORE_CREATE a missing file is an
 * error.  Returns LSN_OK and the store in *out, or an error (LSN_EDB: not a
 * database, newer schema, locked, ...; LSN_ENOMEM), *out == NULL and a
 * message naming the file in err (errlen bytes, may be 0).
 */
enum lsn_status lsn_store_open(const char *path, int flags, lsn_store **out,
			       char *err, size_t errlen);
void lsn_store_close(lsn_store *st);

/* The message of the last failure on `st` ("" if none); valid until the
 * next call on `st`. */
const char *lsn_store_errmsg(const lsn_store *st);

/* The schema version of the open database, and the newest one this
 * library knows (the last `-- @migration N` block of src/schema.sql). */
int lsn_store_schema_version(const lsn_store *st);
/* 1 when the base holds facts that resolution has not yet joined into people and
 * events (an ingest was stopped before it resolved), else 0. */
int lsn_store_unresolved(lsn_store *st);
int lsn_schema_latest(void);

/* A batch of writes is one transaction: all of it is stored or none. */
enum lsn_status lsn_store_begin(lsn_store *st);
enum lsn_status lsn_store_commit(lsn_store *st);
/* Abandons the open transaction, if any. */
void lsn_store_rollback(lsn_store *st);
/* Says that this connection writes documents and will resolve after them
 * (ingest).  On PostgreSQL, a resolution that finds another such connection
 * at work leaves the resolving to it (it comes later, and sees every commit
 * made before), so that writers at once do not each rebuild the whole base;
 * on SQLite it does nothing. */
enum lsn_status lsn_store_will_resolve(lsn_store *st);

/* The content hash of a document: SHA-256 of its bytes, 64 lowercase hex
 * digits and a NUL in out. */
void lsn_content_hash(const void *bytes, size_t len, char out[65]);

/* What lsn_store_put and lsn_store_lookup report. */
enum lsn_put {
	LSN_PUT_NEW = 1,   /* no document had this id */
	LSN_PUT_UNCHANGED, /* a document with this id and content hash is stored */
	LSN_PUT_REPLACED,  /* a document with this id but other content was */
};

/* Looks up `id`: LSN_PUT_NEW (absent), LSN_PUT_UNCHANGED (stored with
 * content hash `hash`) or LSN_PUT_REPLACED (stored with another) in *state,
 * so a caller can skip extracting unchanged documents. */
enum lsn_status lsn_store_lookup(lsn_store *st, const char *id, const char *hash, int *state);

/* The file the stored document `id` was read from (its path as given then;
 * "" when none was) in `path` and its content hash in `hash`; *found = 0
 * when no document has that id. */
enum lsn_status lsn_store_source(lsn_store *st, const char *id, struct lsn_buf *path, char hash[65],
				 int *found);

/*
 * Stores the record of `doc` (lsn_extract must have run on it) under its
 * id with content hash `hash` (lsn_content_hash of its input bytes): a
 * document with the same id and hash is left as it is, one with another
 * hash is replaced with all its facts.  `path` and `url` may be NULL.
 * *result (may be NULL) gets an lsn_put value.  Resolved tables are not
 * updated: call lsn_store_resolve after a batch.
 */
/* Makes the record of an extracted document for lsn_store_put ahead of
 * time (its facts, full-text body and SimHash), in the document: a worker
 * thread can do it, so that the thread that writes only writes.  Optional.
 * LSN_OK, LSN_EARG (not extracted), LSN_ENOMEM. */
enum lsn_status lsn_store_prepare(lsn_doc *doc);
/* For a record that stands for its document (extract --text): appends to b
 * the members `,"text":...,"person_evidence":[[start,end],...]` — the text
 * as the knowledge base keeps it and, per listed person, the offsets in it of
 * the sentence of the first mention (null when unknown) — so that ingest
 * --records stores what ingest of the document stores.  LSN_OK or LSN_ENOMEM. */
enum lsn_status lsn_store_text_json(const lsn_doc *doc, struct lsn_buf *b);
enum lsn_status lsn_store_put(lsn_store *st, const lsn_doc *doc, const char *path,
			      const char *url, const char *hash, int *result);

/*
 * Stores records given as JSON (SCHEMA.md): `json` (len bytes) holds one
 * record or JSON Lines of them; an optional "text" key of a record is the
 * document's text.  Each record's content hash is that of its JSON text.
 * For each record *new, *unchanged, *replaced (may be NULL) are counted up.
 * LSN_EARG: not JSON or not a record (the message gives the line).
 */
enum lsn_status lsn_store_put_json(lsn_store *st, const char *json, size_t len,
				   const char *path, size_t *new_, size_t *unchanged,
				   size_t *replaced);

/* Deletes the document `id` and every fact of it (nothing when absent);
 * *found (may be NULL) tells whether it was there.  Resolved tables are
 * not updated: call lsn_store_resolve after. */
enum lsn_status lsn_store_remove(lsn_store *st, const char *id, int *found);

/* Counts after resolution. */
struct lsn_tables_stats {
	size_t documents;          /* documents stored */
	size_t duplicates;         /* of them near-duplicates of an earlier one */
	size_t person_mentions;    /* persons of all records */
	size_t people;             /* distinct people */
	size_t people_multiscript; /* people whose names were seen in more than one script */
	size_t event_mentions;     /* event mentions, copies not counted */
	size_t dup_event_mentions; /* copies: mentions of near-duplicate records that joined
				      the event of the record they copy */
	size_t events;             /* distinct events */
	size_t merged_events;      /* distinct events reported by more than one document */
};

/*
 * Resolution, from scratch and deterministic (the same facts give the same
 * ids): near-duplicate documents (SimHash), one person per name across
 * spellings and scripts (split when countries or roles conflict), one event
 * per real meeting however many documents report it.  `kb` (the tables the
 * records were extracted with) gives known names, places and their parents.
 * Runs in one transaction of its own.  stats may be NULL.
 */
enum lsn_status lsn_store_resolve(lsn_store *st, const lsn_tables *kb, struct lsn_tables_stats *stats);

/* Counts of what is stored now (as lsn_store_resolve reports them). */
enum lsn_status lsn_store_stats(lsn_store *st, struct lsn_tables_stats *stats);

/* Output formats of the queries. */
enum lsn_format {
	LSN_FORMAT_TABLE, /* aligned columns for a terminal, long cells truncated */
	LSN_FORMAT_JSON,  /* one JSON object per line */
	LSN_FORMAT_CSV,   /* RFC 4180, a header line, CRLF line ends */
};

/* What to ask.  Zero-initialise, then set what applies; strings are
 * borrowed.  Places (parties) are matched by any alias of the knowledge
 * tables (Shanghai, 上海, Thượng Hải); people by any name seen or known. */
/* Is s a date as the queries and options take them: YYYY, YYYY-MM or YYYY-MM-DD,
 * a real day of the calendar (2024-02-29 is, 2024-02-30 and 2024-13 are not)? */
int lsn_valid_date(const char *s);

struct lsn_query {
	enum lsn_format format;
	int sources;                 /* add document ids and evidence sentences */
	size_t limit;                /* at most this many rows; 0 = all */
	int width;                   /* table: widest cell in columns; 0 = 40 */
	const char *const *parties;  /* events, timeline, figures: all must take part */
	size_t nparties;
	const char *person;          /* events: a participant */
	const char *type;            /* events: an event type */
	const char *since, *until;   /* events: YYYY, YYYY-MM or YYYY-MM-DD, inclusive */
	const char *country;         /* people: ISO 3166-1 code */
	const char *role;            /* people: a role of the role vocabulary */
	const char *name;            /* people: part of a name; person: the name or the id */
	int one;                     /* person: when the name names several people, list them
					(the columns of `people`) instead of their profiles */
	const char *metric;          /* figures */
	const char *text;            /* search: the words to find */
	const char *by, *to;         /* commitments: the speaking, the addressed side */
	const char *field;           /* commitments: a field of cooperation */
	int open;                    /* commitments: only those nothing has followed up */
};

/*
 * The queries.  Each writes what it finds to `out` in q->format and the
 * number of rows in *nrows (may be NULL); finding nothing is not an error.
 * `kb` maps names of places and known people to their canonical ids (may
 * be NULL: ids only).  Returns LSN_OK, LSN_EARG for a bad filter (message
 * in lsn_store_errmsg), LSN_EDB, LSN_EIO (writing out), LSN_ENOMEM.
 *
 *   events   events by date: id, date, type, place, participants, parties
 *   people   people: id, name, country, roles, events, documents
 *   person   every person q->name names (a name in any script, or an id):
 *            names in every script, roles with dates, events in order,
 *            co-participants (*nrows = people found); with q->one and
 *            several found, the rows of `people` for them instead
 *   ties     relations (sister cities, consulates, partnerships) with the
 *            earliest since-year and their documents
 *   figures  figures with their parties and documents
 *   commitments  what sides proposed, pledged, invited and agreed (q->by,
 *            q->to, q->type, q->field, q->since, q->until, q->open), by date,
 *            with what followed them up
 *   search   documents matching q->text (full text, any language, with or
 *            without diacritics), best first, with a highlighted snippet
 */
enum lsn_status lsn_query_events(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q,
				 FILE *out, size_t *nrows);
enum lsn_status lsn_query_people(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q,
				 FILE *out, size_t *nrows);
enum lsn_status lsn_query_person(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q,
				 FILE *out, size_t *nrows);
enum lsn_status lsn_query_ties(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q,
			       FILE *out, size_t *nrows);
enum lsn_status lsn_query_figures(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q,
				  FILE *out, size_t *nrows);
enum lsn_status lsn_query_commitments(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q,
				      FILE *out, size_t *nrows);
enum lsn_status lsn_query_search(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q,
				 FILE *out, size_t *nrows);

/* Export formats. */
enum lsn_export {
	LSN_EXPORT_CSV,     /* the main tables, one DIR/TABLE.csv each */
	LSN_EXPORT_JSON,    /* the main tables, one DIR/TABLE.jsonl each */
	LSN_EXPORT_TSV,     /* one row per event, GDELT-like columns */
	LSN_EXPORT_GRAPHML, /* people and places, edges weighted by shared events */
};

/*
 * Exports the knowledge base.  CSV and JSON write one file per table into
 * the directory `dest` (created if needed); TSV and GraphML write the file
 * `dest`, or `out` when dest is NULL.  Returns LSN_OK, LSN_EIO (the message
 * in lsn_store_errmsg names the file), LSN_EDB, LSN_ENOMEM.
 */
enum lsn_status lsn_store_export(lsn_store *st, enum lsn_export fmt, const char *dest, FILE *out);

/* =====================================================================
 * Input readers (issue 6): files -> documents.
 * A reader turns one file (or standard input) into a sequence of
 * documents: plain text, an HTML page (its article body), JSON Lines (one
 * article per line), a WARC archive (plain or .warc.gz, streamed with
 * constant memory) or an RSS 2.0 / Atom feed.  Hand each document to
 * lsn_doc_new(in.id, in.text, in.len, in.published, ...).  An lsn_reader
 * belongs to one thread at a time; readers of different files are
 * independent.
 * ===================================================================== */

typedef struct lsn_reader lsn_reader;

/* NOTE: named lsn_input_format: enum lsn_format is the output format of the
 * knowledge-base queries above. */
enum lsn_input_format {
	LSN_FMT_AUTO,  /* by extension, then by content (see lsn_reader_open) */
	LSN_FMT_TEXT,  /* the whole file is one document */
	LSN_FMT_HTML,  /* one page: its article body */
	LSN_FMT_JSONL, /* one JSON object per line */
	LSN_FMT_WARC,  /* WARC 1.0/1.1, plain or gzip per record */
	LSN_FMT_FEED,  /* RSS 2.0 or Atom */
};

/* One document from a reader.  Every pointer belongs to the reader and
 * stays valid until the next lsn_reader_next or lsn_reader_free. */
struct lsn_input {
	const char *id;        /* stable, short: see lsn_reader_open */
	const char *text;      /* len bytes, NUL-terminated; UTF-8 except from
				  text files and text/plain records, which are
				  passed on as they are (lsn_doc_new repairs them) */
	size_t len;
	const char *published; /* "YYYY-MM-DD" or NULL */
	const char *url;       /* or NULL */
	const char *title;     /* or NULL */
	const char *where;     /* its position, for messages: "line 12",
				  "record 3 at byte 40960", "item 2", "" */
	int html;              /* raw mode only (lsn_reader_set_raw_html): text
				  holds a page's HTML for lsn_html_page */
	const char *encoding;  /* then: its charset from the HTTP header, or NULL */
};

/*
 * Opens `path` ("-" = standard input) as `fmt`.  LSN_FMT_AUTO decides by
 * the name (.txt; .html/.htm; .jsonl/.ndjson; .warc/.warc.gz; .xml/.rss/
 * .atom holding <rss or <feed), then by the first bytes (WARC/1., a gzip
 * member, <rss, <feed, <!doctype html / <html, a line opening with '{'),
 * else plain text.  `jsonl_map` renames JSON Lines fields: "text=content,
 * id=guid" reads the text from "content" and the id from "guid" (NULL:
 * the names id, url, title, text, html, published, lang).  Document ids:
 * the file name without extension for text and HTML ("stdin" for "-");
 * JSON Lines: the "id" field, else "<stem>:<line>"; WARC: "<stem>-<record
 * number>" (the WARC-Target-URI is in url); feeds: the item's guid, id or
 * link, else "<stem>:<item number>".  Returns NULL with a message naming
 * the file in err (errlen bytes) when the file cannot be opened, the map is
 * malformed, or memory runs out.
 */
lsn_reader *lsn_reader_open(const char *path, enum lsn_input_format fmt, const char *jsonl_map,
			    char *err, size_t errlen);

/*
 * The next document.  Returns 1 and fills *in; 0 at the end; -1 when this
 * item is bad (err: "FILE: line 7: ..." / "FILE: record 3 at byte N: ...");
 * calling again goes on with the next item; -2 when the file cannot be
 * read any further (a truncated WARC: "FILE: truncated at byte N", after
 * every complete record was returned; a read error).  After 0 or -2 every
 * call returns 0.
 */
int lsn_reader_next(lsn_reader *r, struct lsn_input *in, char *err, size_t errlen);
void lsn_reader_free(lsn_reader *r);

/* The format the reader settled on (never LSN_FMT_AUTO). */
enum lsn_input_format lsn_reader_format(const lsn_reader *r);

/*
 * Raw mode, for callers that extract articles on other threads: from now
 * on, HTML pages (HTML files, WARC responses and records of HTML, JSON
 * Lines "html" fields; not feed items) are handed out as they are, with
 * in->html set, in->encoding the charset from the HTTP header, and no
 * title or date taken from the page.  lsn_html_page then gives what the
 * reader would have: the text (empty: a page without an article, which an
 * HTML file reports as "no article text found in the page" and a WARC
 * record passes over), and the page's title, date and (HTML files only)
 * canonical URL where the reader gave none.
 */
void lsn_reader_set_raw_html(lsn_reader *r, int on);

/* Progress: bytes of the file consumed so far and its size (0 when not
 * known, as for a pipe).  For .warc.gz both count compressed bytes. */
void lsn_reader_progress(const lsn_reader *r, unsigned long long *done,
			 unsigned long long *total);

/* The format named by a file's extension, or LSN_FMT_AUTO when the name
 * says nothing (a folder walker reads only names with a format). */
enum lsn_input_format lsn_format_of_name(const char *path);
/* "auto", "text", "html", "jsonl", "warc", "feed" -> *fmt; -1 if unknown. */
int lsn_format_parse(const char *name, enum lsn_input_format *fmt);
const char *lsn_format_name(enum lsn_input_format fmt);

/*
 * One HTML page -> its article text, lines separated by '\n', appended to
 * `text` (NUL-terminated).  `encoding` is the charset from the HTTP header
 * or NULL (then the page's <meta charset>, else UTF-8).  `published` (11
 * bytes, may be NULL) receives "YYYY-MM-DD" or ""; `title` (titlecap bytes,
 * may be NULL) the title or "".  Returns LSN_OK (the text may be empty),
 * LSN_ENOMEM, or LSN_EARG when the bytes are not HTML that libxml2 can read.
 */
int lsn_html_to_text(const char *html, size_t len, const char *encoding, struct lsn_buf *text,
		     char *published, char *title, size_t titlecap);

/*
 * A page read in raw mode -> as lsn_html_to_text, with `url` (in->url, may
 * be NULL) where it came from: the last resort for the date, after the
 * page's canonical address.  `text` gets the article appended; `title` and
 * `canonical` (may be NULL) are set to the page's title and canonical /
 * og:url address ("" when none); `published` (11 bytes, may be NULL) the
 * date or "".  Safe to call from several threads at once.
 */
int lsn_html_page(const char *html, size_t len, const char *encoding, const char *url,
		  struct lsn_buf *text, char published[11], struct lsn_buf *title, struct lsn_buf *canonical);

/*
 * As lsn_html_page, with the word lists of `kb` (may be NULL: then dates
 * with month names in languages other than English and headings that open
 * boxes of related stories or comments are not recognised), and
 * *fallback (may be NULL) set to 1 when the page has no article the
 * extractor could tell apart from the rest and `text` holds the page's
 * readable text instead (a looser extraction), else 0.
 */
int lsn_html_page_ex(const lsn_tables *kb, const char *html, size_t len, const char *encoding,
		     const char *url, struct lsn_buf *text, char published[11], struct lsn_buf *title,
		     struct lsn_buf *canonical, int *fallback);

/*
 * Fetches `url` (http or https only) into `body` with libcurl: at most
 * `max_bytes`, `timeout_s` seconds in all, up to 5 redirects (http/https
 * only), User-Agent "liaison/" LSN_VERSION.  Returns LSN_OK for a 2xx
 * reply, else LSN_EIO with the reason in err (errlen bytes).
 */
int lsn_feed_fetch(const char *url, struct lsn_buf *body, long timeout_s, size_t max_bytes,
		   char *err, size_t errlen);

/*
 * Opens a feed already in memory (as fetched by lsn_feed_fetch) as a reader
 * named `name` in messages and ids.  The bytes are copied.
 */
lsn_reader *lsn_reader_open_feed_mem(const char *name, const char *bytes, size_t len,
				     char *err, size_t errlen);

/* =====================================================================
 * HTTP server (issue 7): `liaison serve` — a JSON API under /api/ and the
 * web page (web/, embedded at build time) over a knowledge base that it
 * only reads.  docs/api.md describes every endpoint.  libmicrohttpd runs
 * the connections on a pool of threads; each thread has its own read-only
 * store (LSN_STORE_READONLY).
 * ===================================================================== */

typedef struct lsn_server lsn_server;

struct lsn_serve_opts {
	const char *db;   /* the knowledge base file */
	const char *host; /* the address to listen on (IPv4 or IPv6 literal, or a name
			     that resolves to one); NULL = "127.0.0.1" */
	unsigned port;    /* 0 = any free port (lsn_server_port says which) */
	unsigned threads; /* worker threads; 0 = one per processor */
	FILE *log;        /* failures, with the details a client never sees; NULL = none */
	int no_memo;      /* keep no rendered answer in memory (for measuring) */
	unsigned max_per_address; /* connections at once from one client address; 0 = 128 */
	unsigned header_timeout;  /* seconds a client has to send a request's line and headers
				     (all of them: not reset by each byte); 0 = 10 */
};

/*
 * Opens the knowledge base (upgrading its schema first when it is older,
 * as every liaison command does), then listens and serves until
 * lsn_server_stop.  `kb` (the tables the base was built with: names of
 * places and people in queries) is borrowed and must outlive the server.
 * Returns LSN_OK and the server in *out, or LSN_EDB (the base), LSN_EIO
 * (the address: in use, not local, ...), LSN_EARG, LSN_ENOMEM with a
 * message in err (errlen bytes).
 */
enum lsn_status lsn_server_start(const struct lsn_serve_opts *o, const lsn_tables *kb, lsn_server **out,
				 char *err, size_t errlen);
/* The port it listens on. */
unsigned lsn_server_port(const lsn_server *s);
/* Stops listening, finishes the requests under way, frees it all (NULL: nothing). */
void lsn_server_stop(lsn_server *s);

#ifdef __cplusplus
}
#endif
#endif
