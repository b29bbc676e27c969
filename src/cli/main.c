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
#include <unistd.h>
#include "cli.h"
#include "kb.h"
#include "text.h"

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
		"  commitments what each side proposed, pledged, invited and agreed\n"
		"  search      full-text search (Chinese, Vietnamese with or without diacritics)\n"
		"  export      the knowledge base as CSV, JSON, a GDELT-like TSV, or GraphML\n"
		"  serve       a web page and a JSON API over HTTP (127.0.0.1:8080)\n"
		"  text        the title and main text the readers keep of each page\n"
		"  dates       every date, time and period of a text, normalised (JSON Lines)\n"
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
		"usage: liaison extract [--json] [--offsets] [--explain] [--text] [--format F]\n"
		"                       [--map M] [--jobs N] [--published YYYY-MM-DD] [--quiet]\n"
		"                       [FILE|DIR|-]...\n"
		"\n"
		"Reads documents and writes one record per document to standard output, in\n"
		"the order read. Inputs: files, folders (searched recursively in sorted\n"
		"order for *.txt, *.html, *.htm, *.jsonl, *.ndjson, *.warc, *.warc.gz and\n"
		"*.xml, *.rss, *.atom feeds), or - for standard input (the default).\n"
		"A text file or a page is one document, its id the file name without the\n"
		"extension; a JSON Lines file one per line (id: its \"id\", else FILE:LINE);\n"
		"a WARC archive one per HTML or text response (id: FILE-RECORD); a feed one\n"
		"per item (id: its guid, id or link).\n"
		"\n"
		"  --json       JSON Lines, one record per document (the schema in\n"
		"               docs/schema.md); without it, a readable summary\n"
		"  --offsets    with --json: byte offsets of each event's evidence sentence\n"
		"  --explain    per event, the evidence that fixed its date (the kind that\n"
		"               decided, the expression and its byte offsets, why a date is\n"
		"               null or partial): \"date_evidence\" with --json, a line else\n"
		"  --text       with --json: each record also holds the document's text (as\n"
		"               the knowledge base keeps it), its URL, size and input file\n"
		"               and the offsets of --offsets, so that `ingest --records`\n"
		"               stores what `ingest` of the documents stores\n"
		"  --format F   auto (by name, then content; the default), text, html,\n"
		"               jsonl, warc or feed: read every input as F\n"
		"  --map M      JSON Lines field names: text=content,id=guid,... (fields id,\n"
		"               url, title, text, html, published, lang)\n"
		"  --jobs N     documents processed in parallel by N threads (default: the\n"
		"               number of CPUs); the output is the same for every N\n"
		"  --published YYYY-MM-DD  publication date for documents whose input gives\n"
		"               none (standard input mostly)\n"
		"  -q, --quiet  no warnings and no progress line, only errors\n"
		"\n"
		"A page's or item's title becomes the first line of its text. Invalid UTF-8\n"
		"is replaced by U+FFFD and reported with the byte offset; binary files are\n"
		"refused; a bad item (a JSON line, a WARC record, ...) is reported with its\n"
		"file and position and skipped; a truncated WARC file is read up to its last\n"
		"complete record. Either way the batch goes on. When standard error is a\n"
		"terminal, a progress line shows documents, MB, MB/s and the time left.\n"
		"exit status: 0 all documents processed cleanly, 1 some input was bad,\n"
		"2 usage error, 3 internal error.\n");
}

struct opts {
	int json, offsets, explain, text, quiet;
	const char *published;
	lsn_tables *kb;
	int fatal; /* output failed */
};

/* A worker: the document -> its record, serialised into it->out. */
static void extract_work(void *ctx, struct cli_item *it)
{
	struct opts *o = ctx;
	const char *name = it->name.data;
	int binary;
	lsn_doc *doc = cli_item_doc(it, o->kb, &binary);
	if (it->fallback && !o->quiet)
		lsn_buf_printf(&it->msgs, "%s: warning: %s: no article found; kept the page's readable "
				       "text (fallback)\n", prog, name);
	if (!doc)
		return;
	enum lsn_status st = lsn_extract(o->kb, doc);
	if (st) {
		lsn_buf_printf(&it->msgs, "%s: error: %s: %s\n", prog, name, lsn_strerror(st));
		it->fatal = 1;
		lsn_doc_free(doc);
		return;
	}
	if (o->json) {
		struct lsn_buf b;
		lsn_buf_init(&b);
		st = lsn_doc_json(doc, &b, (o->offsets || o->text ? LSN_JSON_OFFSETS : 0) |
						    (o->explain ? LSN_JSON_EXPLAIN : 0));
		if (!st && o->text && b.len >= 2) {
			/* the record's closing "}\n" reopened for the document's text and source */
			b.len -= 2;
			st = lsn_store_text_json(doc, &b);
			lsn_buf_adds(&b, ",\"url\":");
			if (it->url.len)
				lsn_buf_json_str(&b, it->url.data, it->url.len);
			else
				lsn_buf_adds(&b, "null");
			lsn_buf_printf(&b, ",\"bytes\":%zu,\"source\":", lsn_doc_len(doc));
			if (it->path.len)
				lsn_buf_json_str(&b, it->path.data, it->path.len);
			else
				lsn_buf_adds(&b, "null");
			lsn_buf_adds(&b, "}\n");
		}
		if (!st && !b.oom)
			lsn_buf_add(&it->out, b.data ? b.data : "", b.len);
		if (st || b.oom || it->out.oom)
			st = LSN_ENOMEM;
		lsn_buf_clear(&b);
	} else {
		char *mem = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&mem, &len);
		st = f ? lsn_doc_write_summary_flags(doc, f, o->explain ? LSN_JSON_EXPLAIN : 0) : LSN_ENOMEM;
		if (f && fclose(f))
			st = LSN_ENOMEM;
		if (!st) {
			lsn_buf_add(&it->out, mem ? mem : "", len);
			if (it->out.oom)
				st = LSN_ENOMEM;
		}
		free(mem);
	}
	if (st) {
		lsn_buf_printf(&it->msgs, "%s: error: %s: %s\n", prog, name, lsn_strerror(st));
		it->fatal = 1;
	}
	lsn_doc_free(doc);
}

/* The main thread, in input order: the record to standard output. */
static void extract_emit(void *ctx, struct cli_item *it)
{
	struct opts *o = ctx;
	if (it->out.len && fwrite(it->out.data, 1, it->out.len, stdout) != it->out.len && !o->fatal) {
		fprintf(stderr, "%s: error: writing output: %s\n", prog, strerror(errno));
		o->fatal = 1;
	}
}

static int cmd_extract(int argc, char **argv, const char *data_dir)
{
	struct opts o = {0};
	struct cli_read_opts ro = {LSN_FMT_AUTO, NULL, NULL, 0};
	int nfiles = 0, jobs = 0;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	if (!files)
		return 3;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		/* options with a value: "--name VALUE" or "--name=VALUE" */
		static const char *const valued[] = {"--published", "--format", "--map", "--jobs", "-j"};
		const char *opt = NULL;
		for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++) {
			size_t n = strlen(valued[k]);
			if (!strncmp(a, valued[k], n) && (a[n] == '=' || !a[n])) {
				opt = valued[k];
				if (a[n] == '=')
					v = a + n + 1;
				else if (i + 1 < argc)
					v = argv[++i];
			}
		}
		if (opt && !v) {
			fprintf(stderr, "%s: error: extract: option '%s' needs a value\n", prog, a);
			usage_extract(stderr);
			free(files);
			return 2;
		}
		if (opt && !strcmp(opt, "--published")) {
			if (strlen(v) != 10 || !lsn_valid_date(v)) {
				fprintf(stderr, "%s: error: extract: --published must be a day of the calendar, "
						"YYYY-MM-DD, not '%s'\n", prog, v);
				free(files);
				return 2;
			}
			o.published = v;
		} else if (opt && !strcmp(opt, "--format")) {
			if (lsn_format_parse(v, &ro.fmt)) {
				fprintf(stderr, "%s: error: extract: --format must be auto, text, html, jsonl, "
						"warc or feed, not '%s'\n", prog, v);
				free(files);
				return 2;
			}
		} else if (opt && !strcmp(opt, "--map")) {
			if (cli_check_map(v)) {
				fprintf(stderr, "%s: error: extract: bad --map '%s': want FIELD=KEY,... with FIELD "
						"one of id, url, title, text, html, published, lang\n", prog, v);
				free(files);
				return 2;
			}
			ro.map = v;
		} else if (opt) { /* --jobs */
			if ((jobs = cli_parse_jobs(v)) < 0) {
				fprintf(stderr, "%s: error: extract: --jobs must be a number from 1 to 1024, "
						"not '%s'\n", prog, v);
				free(files);
				return 2;
			}
		} else if (!strcmp(a, "--json"))
			o.json = 1;
		else if (!strcmp(a, "--offsets"))
			o.offsets = 1;
		else if (!strcmp(a, "--explain"))
			o.explain = 1;
		else if (!strcmp(a, "--text"))
			o.text = 1;
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			o.quiet = 1;
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
	if (o.text && !o.json) {
		fprintf(stderr, "%s: error: extract: --text needs --json\n", prog);
		free(files);
		return 2;
	}
	if (!nfiles)
		files[nfiles++] = "-";
	char err[512];
	o.kb = lsn_tables_new(data_dir, err, sizeof err);
	if (!o.kb) {
		fprintf(stderr, "%s: error: %s\n", prog, err);
		free(files);
		return 3;
	}
	ro.published = o.published;
	ro.quiet = o.quiet;
	struct cli_inputs in = {0};
	for (int i = 0; i < nfiles; i++)
		cli_inputs_add(&in, files[i]);
	struct cli_pipe_cfg pc = {
		.jobs = jobs ? jobs : cli_ncpus(),
		.progress = !o.quiet && isatty(2),
		.what = "extract",
		.work = extract_work,
		.emit = extract_emit,
		.ctx = &o,
	};
	int rc = 3;
	struct cli_pipe *p = in.fatal ? NULL : cli_pipe_new(&pc);
	if (p) {
		cli_pipe_read(p, &in, &ro);
		rc = cli_pipe_finish(p, NULL);
	}
	if (fflush(stdout) && !o.fatal) {
		fprintf(stderr, "%s: error: writing output: %s\n", prog, strerror(errno));
		o.fatal = 1;
	}
	cli_inputs_free(&in);
	lsn_tables_free(o.kb);
	free(files);
	return o.fatal ? 3 : rc;
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
	if (!strcmp(cmd, "text"))
		return cli_text(argc - i - 1, argv + i + 1, data_dir);
	if (!strcmp(cmd, "serve"))
		return cli_serve(argc - i - 1, argv + i + 1, data_dir);
	if (!strcmp(cmd, "dates")) { int cli_dates(int, char **, const char *); return cli_dates(argc - i - 1, argv + i + 1, data_dir); }
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
