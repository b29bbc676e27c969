/*
 * text.c — `liaison text`: what the readers keep of each document, with
 * nothing extracted from it: the title and the main text of a web page
 * (HTML files, JSON Lines "html" fields, WARC responses), or the text of a
 * plain document, with its publication date and address.  The same inputs
 * as `extract`, read through the same pipeline (pipe.c).  Uses only the
 * public header.
 *
 * Exit codes: 0 every document was read; 1 some input was bad (the rest is
 * written); 2 usage error; 3 internal error (out of memory, output).
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "text.h"

static void usage_text(FILE *f)
{
	fprintf(f,
		"usage: liaison text [--json] [--format F] [--map M] [--jobs N] [--quiet]\n"
		"                    [FILE|DIR|-]...\n"
		"\n"
		"Writes what the readers keep of each document, with nothing extracted: a\n"
		"web page's title and main text (navigation, comments, related links and\n"
		"other boilerplate left out), its publication date and address. Reads the\n"
		"same inputs as extract: HTML files, JSON Lines (\"html\" or \"text\",\n"
		"\"url\" fields), WARC archives, feeds, text files, folders of them.\n"
		"\n"
		"  --json       JSON Lines: {\"doc\", \"title\", \"text\", \"published\", \"url\"}\n"
		"               per document (published YYYY-MM-DD or null, url or null);\n"
		"               without it: the title, the text and an empty line\n"
		"  --format F   auto (by name, then content; the default), text, html,\n"
		"               jsonl, warc or feed: read every input as F\n"
		"  --map M      JSON Lines field names, as for extract\n"
		"  --jobs N     pages read in parallel by N threads (default: the number\n"
		"               of CPUs); the output is the same for every N\n"
		"  -q, --quiet  no warnings, only errors\n"
		"\n"
		"A page whose article the extractor cannot tell apart is not refused: its\n"
		"readable text is kept, with a warning that the fallback was used.\n"
		"A page with no readable text at all is reported (and written, with its\n"
		"title and date; a WARC record of it is passed over).\n"
		"exit status: 0 all documents read, 1 some input was bad, 2 usage error,\n"
		"3 internal error.\n");
}

struct topts {
	int json, quiet, fatal;
	const lsn_tables *kb;
};

/* Appends n bytes of p to b: 0, or -1 when memory ran out (now or before). */
static int buf_add(struct lsn_buf *b, const void *p, size_t n)
{
	lsn_buf_add(b, p, n);
	return b->oom ? -1 : 0;
}

static int add_json_str(struct lsn_buf *b, const char *s, size_t n)
{
	int e = buf_add(b, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		e |= buf_add(b, s + run, i - run);
		run = i + 1;
		if (c == '"')
			e |= buf_add(b, "\\\"", 2);
		else if (c == '\\')
			e |= buf_add(b, "\\\\", 2);
		else if (c == '\n')
			e |= buf_add(b, "\\n", 2);
		else if (c == '\t')
			e |= buf_add(b, "\\t", 2);
		else
			lsn_buf_printf(b, "\\u%04x", c);
	}
	e |= b->oom ? -1 : 0;
	e |= buf_add(b, s + run, n - run);
	return e | buf_add(b, "\"", 1);
}

static int add_json_opt(struct lsn_buf *b, const char *s, size_t n)
{
	return n ? add_json_str(b, s, n) : buf_add(b, "null", 4);
}

/* A worker: the page -> its title, text, date and address, serialised. */
static void text_work(void *ctx, struct cli_item *it)
{
	struct topts *o = ctx;
	struct lsn_buf text, title, canon;
	lsn_buf_init(&text);
	lsn_buf_init(&title);
	lsn_buf_init(&canon);
	char pub[11] = "";
	const char *tx = it->text.data ? it->text.data : "", *ti = it->title.data;
	size_t txl = it->text.len, til = it->title.len;
	int e = 0;
	if (it->html) {
		int fallback = 0;
		int st = lsn_html_page_ex(o->kb, it->text.data, it->text.len, it->encoding[0] ? it->encoding : NULL,
					  it->url.len ? it->url.data : NULL, &text, pub, &title, &canon,
					  &fallback);
		if (st) {
			lsn_buf_printf(&it->msgs, "%s: error: %s: %s\n", cli_prog, it->name.data,
				     st == LSN_ENOMEM ? "out of memory" : "HTML could not be read");
			it->bad = 1;
			it->fatal = st == LSN_ENOMEM;
			goto done;
		}
		if (!text.len && it->fmt == LSN_FMT_WARC) {
			it->dropped = 1; /* as extract passes over such a record */
			goto done;
		}
		if (!text.len) { /* reported, and written: its title and date may help */
			lsn_buf_printf(&it->msgs, "%s: error: %s: no readable text in the page\n",
				     cli_prog, it->name.data);
			it->bad = 1;
		}
		if (fallback && !o->quiet)
			lsn_buf_printf(&it->msgs, "%s: warning: %s: no article found; kept the page's "
					      "readable text (fallback)\n", cli_prog, it->name.data);
		tx = text.data ? text.data : "";
		txl = text.len;
		if (!til && title.len) {
			ti = title.data;
			til = title.len;
		}
		if (!it->pub_given && pub[0]) {
			it->published.len = 0;
			e |= buf_add(&it->published, pub, strlen(pub));
		}
		if (!it->url.len && canon.len && it->fmt == LSN_FMT_HTML)
			e |= buf_add(&it->url, canon.data, canon.len);
	} else if (til && txl > til && !strncmp(tx, ti, til) && tx[til] == '\n') {
		tx += til + 1; /* the reader put the title first: keep it apart */
		txl -= til + 1;
	}
	if (o->json) {
		e |= buf_add(&it->out, "{\"doc\":", 7);
		e |= add_json_str(&it->out, it->id.data ? it->id.data : "", it->id.len);
		e |= buf_add(&it->out, ",\"title\":", 9);
		e |= add_json_opt(&it->out, ti, til);
		e |= buf_add(&it->out, ",\"text\":", 8);
		e |= add_json_str(&it->out, tx, txl);
		e |= buf_add(&it->out, ",\"published\":", 13);
		e |= add_json_opt(&it->out, it->published.data, it->published.len);
		e |= buf_add(&it->out, ",\"url\":", 7);
		e |= add_json_opt(&it->out, it->url.data, it->url.len);
		e |= buf_add(&it->out, "}\n", 2);
	} else {
		if (til) {
			e |= buf_add(&it->out, ti, til);
			e |= buf_add(&it->out, "\n", 1);
		}
		e |= buf_add(&it->out, tx, txl);
		e |= buf_add(&it->out, "\n\n", txl ? 2 : 1);
	}
	if (e) {
		lsn_buf_printf(&it->msgs, "%s: error: %s: out of memory\n", cli_prog, it->name.data);
		it->fatal = 1;
	}
done:
	lsn_buf_clear(&text);
	lsn_buf_clear(&title);
	lsn_buf_clear(&canon);
}

static void text_emit(void *ctx, struct cli_item *it)
{
	struct topts *o = ctx;
	if (it->out.len && fwrite(it->out.data, 1, it->out.len, stdout) != it->out.len && !o->fatal) {
		fprintf(stderr, "%s: error: writing output: %s\n", cli_prog, strerror(errno));
		o->fatal = 1;
	}
}

int cli_text(int argc, char **argv, const char *data_dir)
{
	struct topts o = {0};
	struct cli_read_opts ro = {LSN_FMT_AUTO, NULL, NULL, 0};
	int nfiles = 0, jobs = 0;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	if (!files)
		return 3;
	int rc = 2;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = NULL, *opt = NULL;
		static const char *const valued[] = {"--format", "--map", "--jobs", "-j"};
		for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++) {
			size_t n = strlen(valued[k]);
			if (!strncmp(a, valued[k], n) && (a[n] == '=' || !a[n])) {
				opt = valued[k];
				v = a[n] == '=' ? a + n + 1 : i + 1 < argc ? argv[++i] : NULL;
			}
		}
		if (opt && !v) {
			fprintf(stderr, "%s: error: text: option '%s' needs a value\n", cli_prog, a);
			goto usage;
		}
		if (opt && !strcmp(opt, "--format")) {
			if (lsn_format_parse(v, &ro.fmt)) {
				fprintf(stderr, "%s: error: text: --format must be auto, text, html, jsonl, "
						"warc or feed, not '%s'\n", cli_prog, v);
				goto out;
			}
		} else if (opt && !strcmp(opt, "--map")) {
			if (cli_check_map(v)) {
				fprintf(stderr, "%s: error: text: bad --map '%s'\n", cli_prog, v);
				goto out;
			}
			ro.map = v;
		} else if (opt) {
			if ((jobs = cli_parse_jobs(v)) < 0) {
				fprintf(stderr, "%s: error: text: --jobs must be a number from 1 to 1024, "
						"not '%s'\n", cli_prog, v);
				goto out;
			}
		} else if (!strcmp(a, "--json")) {
			o.json = 1;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o.quiet = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage_text(stdout);
			rc = 0;
			goto out;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "%s: error: text: unknown option '%s'\n", cli_prog, a);
			goto usage;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (!nfiles)
		files[nfiles++] = "-";
	ro.quiet = o.quiet;
	char err[512];
	lsn_tables *kb = lsn_tables_new(data_dir, err, sizeof err);
	if (!kb) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, err);
		rc = 3;
		goto out;
	}
	o.kb = kb;
	struct cli_inputs in = {0};
	for (int i = 0; i < nfiles; i++)
		cli_inputs_add(&in, files[i]);
	struct cli_pipe_cfg pc = {
		.jobs = jobs ? jobs : cli_ncpus(),
		.progress = 0,
		.what = "text",
		.work = text_work,
		.emit = text_emit,
		.ctx = &o,
	};
	rc = 3;
	struct cli_pipe *p = in.fatal ? NULL : cli_pipe_new(&pc);
	if (p) {
		cli_pipe_read(p, &in, &ro);
		rc = cli_pipe_finish(p, NULL);
	}
	if (fflush(stdout) && !o.fatal) {
		fprintf(stderr, "%s: error: writing output: %s\n", cli_prog, strerror(errno));
		o.fatal = 1;
	}
	cli_inputs_free(&in);
	lsn_tables_free(kb);
	if (o.fatal)
		rc = 3;
	goto out;
usage:
	usage_text(stderr);
out:
	free(files);
	return rc;
}
