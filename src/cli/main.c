/*
 * main.c — the liaison command line.  Uses only the public header.
 *
 * Exit codes: 0 every document was read and processed; 1 some input was bad
 * (refused, unreadable, or repaired: see the messages), the rest was
 * processed; 2 usage error; 3 internal error (out of memory, tables).
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "liaison.h"

#define MAX_DOC_BYTES (256u << 20)

static const char *prog = "liaison";

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

static char *doc_id_of(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char *id = strdup(base);
	if (!id)
		return NULL;
	char *dot = strrchr(id, '.');
	if (dot && dot != id)
		*dot = 0;
	return id;
}

static char *read_all(FILE *f, size_t *len, int *toobig)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	*toobig = 0;
	if (!buf)
		return NULL;
	for (;;) {
		if (n == cap) {
			if (cap >= MAX_DOC_BYTES) {
				*toobig = 1;
				free(buf);
				return NULL;
			}
			cap *= 2;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		size_t k = fread(buf + n, 1, cap - n, f);
		n += k;
		if (k == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static void process(struct opts *o, const char *name, const char *id, const char *bytes, size_t len)
{
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

static void do_file(struct opts *o, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: error: %s: %s\n", prog, path, strerror(errno));
		o->bad = 1;
		return;
	}
	size_t len = 0;
	int toobig = 0;
	char *bytes = read_all(f, &len, &toobig);
	int err = errno;
	fclose(f);
	if (!bytes) {
		if (toobig)
			fprintf(stderr, "%s: error: %s: larger than %u MiB; skipped\n", prog, path, MAX_DOC_BYTES >> 20);
		else
			fprintf(stderr, "%s: error: %s: %s\n", prog, path, strerror(err));
		o->bad = 1;
		return;
	}
	char *id = doc_id_of(path);
	if (!id) {
		free(bytes);
		o->fatal = 1;
		return;
	}
	process(o, path, id, bytes, len);
	free(id);
	free(bytes);
}

static int skip_name(const struct dirent *d) { return d->d_name[0] != '.'; }

/* In a folder, only files named as documents are read (a README.md beside
 * the articles is not one); a file named on the command line always is. */
static int is_doc_name(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && !strcmp(path + n - 4, ".txt");
}

static void do_path(struct opts *o, const char *path, int top)
{
	struct stat sb;
	if (!strcmp(path, "-") && top) {
		size_t len = 0;
		int toobig = 0;
		char *bytes = read_all(stdin, &len, &toobig);
		if (!bytes) {
			fprintf(stderr, "%s: error: standard input: %s\n", prog,
				toobig ? "too large" : strerror(errno));
			o->bad = 1;
			return;
		}
		process(o, "-", "stdin", bytes, len);
		free(bytes);
		return;
	}
	if (stat(path, &sb)) {
		fprintf(stderr, "%s: error: %s: %s\n", prog, path, strerror(errno));
		o->bad = 1;
		return;
	}
	if (!S_ISDIR(sb.st_mode)) {
		if (top || (S_ISREG(sb.st_mode) && is_doc_name(path)))
			do_file(o, path);
		return;
	}
	struct dirent **list = NULL;
	int n = scandir(path, &list, skip_name, alphasort);
	if (n < 0) {
		fprintf(stderr, "%s: error: %s: %s\n", prog, path, strerror(errno));
		o->bad = 1;
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t l = strlen(path) + strlen(list[i]->d_name) + 2;
		char *sub = malloc(l);
		if (sub) {
			snprintf(sub, l, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", list[i]->d_name);
			do_path(o, sub, 0);
			free(sub);
		} else {
			o->fatal = 1;
		}
		free(list[i]);
	}
	free(list);
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
	for (int i = 0; i < nfiles; i++)
		do_path(&o, files[i], 1);
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
	if (!strcmp(cmd, "help")) {
		usage_main(stdout);
		return 0;
	}
	fprintf(stderr, "%s: error: unknown command '%s'\n", prog, cmd);
	usage_main(stderr);
	return 2;
}
