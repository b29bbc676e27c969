/*
 * main.c — the liaison command line: the commands, and `extract`.  The
 * knowledge-base commands (ingest, events, people, ...) are in kb.c, the
 * walk over files and folders in files.c.  Uses only the public header.
 *
 * Exit codes of extract: 0 every document was read and processed; 1 some
 * input was bad (refused, unreadable, or repaired: see the messages), the
 * rest was processed; 2 usage error; 3 internal error (out of memory,
 * tables).  Those of the other commands are in kb.c.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "kb.h"

static const char *const prog = "liaison";

static void usage_main(FILE *f)
{
	fprintf(f,
		"usage: liaison [--data DIR] COMMAND [OPTIONS] [FILE|DIR|-]...\n"
		"\n"
		"Turns news about cooperation between places (cities, provinces, countries)\n"
		"into records: who met whom, when, where, in which role, what they signed,\n"
		"which ties they keep, which figures they stated. Reads English, Chinese and\n"
		"Vietnamese.\n"
		"\n"
		"commands:\n"
		"  extract     one record per document (JSON Lines with --json, else a summary)\n"
		"  ingest      store the records of documents in a knowledge base (SQLite)\n"
		"  events      events, merged across documents and languages\n"
		"  people      people, one per person whatever the spelling or script\n"
		"  person      one person: names, roles with dates, events, co-participants\n"
		"  timeline    the events between two places, by date\n"
		"  ties        sister cities, consulates, partnerships\n"
		"  figures     trade, investment and other figures\n"
		"  search      full-text search (Chinese, Vietnamese with or without diacritics)\n"
		"  export      the knowledge base as CSV, JSON, a GDELT-like TSV, or GraphML\n"
		"\n"
		"global options:\n"
		"  --data DIR  read the knowledge tables (*.tsv) from DIR instead of the\n"
		"              built-in ones (a table missing there falls back to built-in)\n"
		"  -h, --help  this help;  --version  the version\n"
		"\n"
		"Run 'liaison COMMAND --help' for the options of a command; 'man liaison'\n"
		"(docs/liaison.1) for the whole manual.\n");
}

static void usage_extract(FILE *f)
{
	fprintf(f,
		"usage: liaison extract [--json] [--offsets] [--quiet] [FILE|DIR|-]...\n"
		"\n"
		"Reads text documents (files, folders searched recursively in sorted order\n"
		"for *.txt files, or - for standard input) and writes one record per\n"
		"document to standard output. Each document's id is its file name without\n"
		"the extension.\n"
		"\n"
		"  --json       JSON Lines, one record per document (the schema in\n"
		"               docs/schema.md); without it, a readable summary\n"
		"  --offsets    with --json: byte offsets of each event's evidence sentence\n"
		"  --published YYYY-MM-DD  publication date for documents that lack one\n"
		"               (standard input mostly)\n"
		"  -q, --quiet  no warnings, only errors\n"
		"\n"
		"Invalid UTF-8 is replaced by U+FFFD and reported with the byte offset;\n"
		"binary files are refused; either way the batch goes on.\n"
		"exit status: 0 all documents processed cleanly, 1 some input was bad,\n"
		"2 usage error, 3 internal error.\n");
}

struct opts {
	int json, offsets, quiet;
	const char *published;
	lsn_kb *kb;
	int bad;     /* some input was bad */
	int fatal;   /* internal error */
	size_t docs;
};

static void process(void *ctx, const char *name, const char *id, const char *bytes, size_t len)
{
	struct opts *o = ctx;
	lsn_doc *doc = NULL;
	size_t bad = 0;
	enum lsn_status st = lsn_doc_new(id, bytes, len, o->published, &doc, &bad);
	if (st == LSN_EBINARY) {
		fprintf(stderr, "%s: error: %s:byte %zu: binary data, not text; skipped\n", prog, name, bad);
		o->bad = 1;
		return;
	}
	if (st) {
		fprintf(stderr, "%s: error: %s: %s\n", prog, name, lsn_strerror(st));
		o->fatal = 1;
		return;
	}
	size_t ni = lsn_doc_issue_count(doc);
	for (size_t i = 0; i < ni; i++) {
		const struct lsn_issue *is = lsn_doc_issue(doc, i);
		fprintf(stderr, "%s: error: %s:byte %zu: %s\n", prog, name, is->offset, is->message);
	}
	if (ni)
		o->bad = 1;
	st = lsn_extract(o->kb, doc);
	if (st) {
		fprintf(stderr, "%s: error: %s: %s\n", prog, name, lsn_strerror(st));
		o->fatal = 1;
		lsn_doc_free(doc);
		return;
	}
	st = o->json ? lsn_doc_write_json(doc, stdout, o->offsets) : lsn_doc_write_summary(doc, stdout);
	if (st) {
		fprintf(stderr, "%s: error: writing output: %s\n", prog, strerror(errno));
		o->fatal = 1;
	}
	o->docs++;
	lsn_doc_free(doc);
}

static int cmd_extract(int argc, char **argv, const char *data_dir)
{
	struct opts o = {0};
	int nfiles = 0;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	if (!files)
		return 3;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--json"))
			o.json = 1;
		else if (!strcmp(a, "--offsets"))
			o.offsets = 1;
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			o.quiet = 1;
		else if (!strcmp(a, "--published") && i + 1 < argc)
			o.published = argv[++i];
		else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage_extract(stdout);
			free(files);
			return 0;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "%s: error: extract: unknown option '%s'\n", prog, a);
			usage_extract(stderr);
			free(files);
			return 2;
		} else
			files[nfiles++] = argv[i];
	}
	if (!nfiles)
		files[nfiles++] = "-";
	char err[512];
	o.kb = lsn_kb_new(data_dir, err, sizeof err);
	if (!o.kb) {
		fprintf(stderr, "%s: error: %s\n", prog, err);
		free(files);
		return 3;
	}
	static const char *const exts[] = {".txt", NULL};
	struct cli_walk w = {process, &o, exts, 0, 0};
	for (int i = 0; i < nfiles; i++)
		cli_walk_path(&w, files[i], 1);
	o.bad |= w.bad;
	o.fatal |= w.fatal;
	if (fflush(stdout)) {
		fprintf(stderr, "%s: error: writing output: %s\n", prog, strerror(errno));
		o.fatal = 1;
	}
	lsn_kb_free(o.kb);
	free(files);
	return o.fatal ? 3 : o.bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *data_dir = NULL;
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--data") && i + 1 < argc)
			data_dir = argv[++i];
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage_main(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			printf("liaison %s\n", LSN_VERSION);
			return 0;
		} else
			break;
	}
	if (i >= argc) {
		usage_main(stderr);
		return 2;
	}
	const char *cmd = argv[i];
	if (!strcmp(cmd, "extract"))
		return cmd_extract(argc - i - 1, argv + i + 1, data_dir);
	int rc = cli_kb_command(cmd, argc - i - 1, argv + i + 1, data_dir);
	if (rc >= 0)
		return rc;
	if (!strcmp(cmd, "help")) {
		usage_main(stdout);
		return 0;
	}
	fprintf(stderr, "%s: error: unknown command '%s'\n", prog, cmd);
	usage_main(stderr);
	return 2;
}
