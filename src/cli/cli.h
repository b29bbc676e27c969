/*
 * cli.h — what the files of the liaison command line share: the program
 * name for messages, and the walk over files and folders that `extract`
 * and `ingest` read.  Uses only the public header.
 */
#ifndef LSN_CLI_H
#define LSN_CLI_H

#include <stddef.h>
#include <stdio.h>
#include "liaison.h"

#define CLI_MAX_DOC_BYTES (256u << 20)

extern const char *const cli_prog; /* "liaison", the prefix of every message */

/* Called for each document read: `name` is how to name it in messages (its
 * path, or "-"), `id` its id (the file name without extension, or "stdin"),
 * `bytes` its content (len bytes, borrowed for the call). */
typedef void (*cli_doc_fn)(void *ctx, const char *name, const char *id, const char *bytes, size_t len);

struct cli_walk {
	cli_doc_fn fn;
	void *ctx;
	const char *const *exts; /* in folders, only files ending so are read (NULL-terminated) */
	int bad;                 /* some input could not be read (reported on stderr) */
	int fatal;               /* out of memory */
};

/*
 * Reads `path`: a file (always, whatever its name), "-" for standard input
 * (when top), or a folder: its files named with one of w->exts, recursively,
 * in sorted order, skipping names that start with '.'.  Problems are
 * reported as "liaison: error: PATH: ..." and counted in w->bad.
 */
void cli_walk_path(struct cli_walk *w, const char *path, int top);

/* The id of a document at `path`: its file name without the extension
 * (a new string; NULL when out of memory). */
char *cli_doc_id(const char *path);

/* ---- the inputs of extract and ingest (files.c) ---- */

/* One input: a file to open with a reader, or a message about an argument
 * that could not be read (kept in place so messages come out in order). */
struct cli_input {
	char *path;              /* "-" = standard input; NULL for a message */
	char *msg;               /* "liaison: error: ..." line, or NULL */
	unsigned long long size; /* bytes, 0 when not known */
	int in_folder;           /* found by walking a folder (not named) */
};

struct cli_inputs {
	struct cli_input *v;
	size_t n, cap;
	unsigned long long total; /* bytes of the files whose size is known */
	int fatal;                /* out of memory */
};

/*
 * Adds `path`: a file (always, whatever its name), "-" (standard input), or
 * a folder: its files whose name lsn_format_of_name recognises (.txt, .html,
 * .jsonl, .warc.gz, .rss, ...), recursively, in sorted order, skipping names
 * that start with '.'.  Problems become message entries.
 */
void cli_inputs_add(struct cli_inputs *l, const char *path);
void cli_inputs_free(struct cli_inputs *l);

/* Number of CPUs this process may run on (at least 1). */
int cli_ncpus(void);

/* ---- the pipeline of extract and ingest (pipe.c) ----
 *
 * The main thread reads the inputs (lsn_reader) and copies each document
 * into a slot of a bounded ring; worker threads run the per-document work
 * (lsn_doc_new, lsn_extract, serialisation); the main thread hands the
 * finished slots to `emit` in input order, so the output of --jobs N is
 * the output of --jobs 1.  Messages travel in the ring too: standard error
 * is in input order as well. */

enum cli_item_kind { CLI_ITEM_DOC, CLI_ITEM_MSG };

struct cli_item {
	enum cli_item_kind kind;
	/* filled by the main thread (the document as the reader gave it) */
	struct lsn_buf text;     /* NUL-terminated; the title line first when the reader gave one */
	struct lsn_buf id, name; /* name: for messages ("FILE" or "FILE: line 3") */
	struct lsn_buf path;     /* the file (or feed URL) it came from */
	struct lsn_buf url;      /* the reader's url, or "" */
	struct lsn_buf published;/* the reader's date, else --published, or "" */
	struct lsn_buf title;    /* the reader's title, or "" */
	int has_meta;            /* the reader gave a date, url or title */
	int pub_given;           /* `published` is the reader's, not --published */
	int html;                /* raw mode: text is the page's HTML (cli_item_complete) */
	char encoding[48];       /* its charset from the HTTP header, or "" */
	enum lsn_input_format fmt;
	struct lsn_buf msgs;     /* lines for standard error, printed before the document's */
	/* for the caller (ingest: content hash, store state) */
	char hash[65];
	int state, skip, dup;
	/* filled by the worker */
	lsn_doc *doc;            /* ingest keeps the extracted document for the store */
	struct lsn_buf out;      /* extract: the record, serialised */
	int bad, failed, fatal;
	int dropped;             /* nothing to read in it (a WARC page without an article) */
	int fallback;            /* a page without an article: its readable text was kept */
	/* the ring's own */
	int slot_state;
	size_t ring_bytes;       /* the text's size when it entered the ring */
};

struct cli_pipe_cfg {
	int jobs;        /* worker threads; 1 = everything on the calling thread */
	int progress;    /* draw a progress line on standard error */
	const char *what;/* "extract" or "ingest", in the progress line */
	/* main thread, in input order, before the work (may set it->skip) */
	void (*prepare)(void *ctx, struct cli_item *it);
	/* a worker thread: the document -> it->out / it->doc, messages into it->msgs */
	void (*work)(void *ctx, struct cli_item *it);
	/* main thread, in input order, after the work (it->msgs are printed before) */
	void (*emit)(void *ctx, struct cli_item *it);
	/* main thread: the file another document of id `id` was read from, when
	 * that is not the item's (ingest: one the base holds), else NULL; may be NULL */
	const char *(*id_holder)(void *ctx, const char *id, const struct cli_item *it);
	void *ctx;
};

/* What the readers are to do. */
struct cli_read_opts {
	enum lsn_input_format fmt; /* LSN_FMT_AUTO: by name and content */
	const char *map;           /* JSON Lines field map, or NULL */
	const char *published;     /* the date of documents whose reader gives none, or NULL */
	int quiet;                 /* no warnings */
};

struct cli_pipe;

/* NULL when out of memory or threads cannot be started (message printed). */
struct cli_pipe *cli_pipe_new(const struct cli_pipe_cfg *cfg);
/* Reads every input through the readers into the pipe. */
void cli_pipe_read(struct cli_pipe *p, const struct cli_inputs *in, const struct cli_read_opts *o);
/* Reads a feed already fetched (`bytes`, named `url`) into the pipe. */
void cli_pipe_read_feed(struct cli_pipe *p, const char *url, const char *bytes, size_t len,
			const struct cli_read_opts *o);
/* Queues a line for standard error ("liaison: error: ..." without '\n'),
 * printed in input order; `bad` marks the run as having met bad input. */
void cli_pipe_message(struct cli_pipe *p, int bad, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Adds to the total size the progress line counts. */
void cli_pipe_add_total(struct cli_pipe *p, unsigned long long bytes);
/* Erases the progress line (before writing to standard error directly). */
void cli_pipe_clear_progress(struct cli_pipe *p);
/* Stops reading (after a fatal error): what is queued is still emitted. */
void cli_pipe_stop(struct cli_pipe *p);
/* Waits for every document, emits the rest, stops the threads, erases the
 * progress line.  Returns 0, or 1 some input was bad, or 3 fatal; frees p. */
int cli_pipe_finish(struct cli_pipe *p, size_t *docs);

/* A worker, first: a page read raw (it->html) -> its article text, with
 * the title as the first line, as the reader would have given it.  Returns
 * 1, 0 when there is nothing to read in it (it->dropped), -1 when it is bad
 * (the message in it->msgs, it->bad set).  `kb`: the lexicon, or NULL. */
int cli_item_complete(struct cli_item *it, const lsn_tables *kb);
/* A worker: the document of a slot (after cli_item_complete with kb), the
 * issues of its input as messages (it->bad set when there are some).  NULL when
 * there is none: nothing to read, a bad page, binary data (*binary = 1,
 * it->bad set), out of memory (it->fatal set); the message is in it->msgs. */
lsn_doc *cli_item_doc(struct cli_item *it, const lsn_tables *kb, int *binary);

/* Parses --jobs (1..1024); -1 when bad. */
int cli_parse_jobs(const char *s);
/* Checks a --map value: FIELD=KEY,... with FIELD one of id, url, title,
 * text, html, published, lang.  0 or -1. */
int cli_check_map(const char *map);

/* `liaison serve` (serve.c): its exit status. */
int cli_serve(int argc, char **argv, const char *data_dir);

#endif
