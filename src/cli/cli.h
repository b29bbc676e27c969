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

#endif
