/*
 * files.c — the files and folders that `liaison extract` and `liaison
 * ingest` read: files named on the command line, folders searched
 * recursively in sorted order, or standard input.  cli_inputs_add lists
 * them for the readers (pipe.c); cli_walk_path reads whole files for
 * `ingest --records`.
 */
#define _GNU_SOURCE /* sched_getaffinity */
#include <dirent.h>
#include <sched.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

const char *const cli_prog = "liaison";

char *cli_doc_id(const char *path)
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
			if (cap >= CLI_MAX_DOC_BYTES) {
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

static void do_file(struct cli_walk *w, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "%s: error: %s: %s\n", cli_prog, path, strerror(errno));
		w->bad = 1;
		return;
	}
	size_t len = 0;
	int toobig = 0;
	char *bytes = read_all(f, &len, &toobig);
	int err = errno;
	fclose(f);
	if (!bytes) {
		if (toobig)
			fprintf(stderr, "%s: error: %s: larger than %u MiB; skipped\n", cli_prog, path,
				CLI_MAX_DOC_BYTES >> 20);
		else
			fprintf(stderr, "%s: error: %s: %s\n", cli_prog, path, strerror(err));
		w->bad = 1;
		return;
	}
	char *id = cli_doc_id(path);
	if (!id) {
		free(bytes);
		w->fatal = 1;
		return;
	}
	w->fn(w->ctx, path, id, bytes, len);
	free(id);
	free(bytes);
}

static int skip_name(const struct dirent *d) { return d->d_name[0] != '.'; }

/* In a folder, only files named as documents are read (a README.md beside
 * the articles is not one); a file named on the command line always is. */
static int is_doc_name(const struct cli_walk *w, const char *path)
{
	size_t n = strlen(path);
	for (size_t i = 0; w->exts && w->exts[i]; i++) {
		size_t k = strlen(w->exts[i]);
		if (n > k && !strcmp(path + n - k, w->exts[i]))
			return 1;
	}
	return 0;
}

void cli_walk_path(struct cli_walk *w, const char *path, int top)
{
	struct stat sb;
	if (!strcmp(path, "-") && top) {
		size_t len = 0;
		int toobig = 0;
		char *bytes = read_all(stdin, &len, &toobig);
		if (!bytes) {
			fprintf(stderr, "%s: error: standard input: %s\n", cli_prog,
				toobig ? "too large" : strerror(errno));
			w->bad = 1;
			return;
		}
		w->fn(w->ctx, "-", "stdin", bytes, len);
		free(bytes);
		return;
	}
	if (stat(path, &sb)) {
		fprintf(stderr, "%s: error: %s: %s\n", cli_prog, path, strerror(errno));
		w->bad = 1;
		return;
	}
	if (!S_ISDIR(sb.st_mode)) {
		if (top || (S_ISREG(sb.st_mode) && is_doc_name(w, path)))
			do_file(w, path);
		return;
	}
	struct dirent **list = NULL;
	int n = scandir(path, &list, skip_name, alphasort);
	if (n < 0) {
		fprintf(stderr, "%s: error: %s: %s\n", cli_prog, path, strerror(errno));
		w->bad = 1;
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t l = strlen(path) + strlen(list[i]->d_name) + 2;
		char *sub = malloc(l);
		if (sub) {
			snprintf(sub, l, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", list[i]->d_name);
			cli_walk_path(w, sub, 0);
			free(sub);
		} else {
			w->fatal = 1;
		}
		free(list[i]);
	}
	free(list);
}

/* ---- the inputs of extract and ingest: a list made before reading, so that
 * the progress line knows the total size ---- */

static int grow_inputs(struct cli_inputs *l)
{
	if (l->n < l->cap)
		return 0;
	size_t cap = l->cap ? l->cap * 2 : 64;
	struct cli_input *v = realloc(l->v, cap * sizeof *v);
	if (!v) {
		l->fatal = 1;
		return -1;
	}
	l->v = v;
	l->cap = cap;
	return 0;
}

static void add_msg(struct cli_inputs *l, const char *path, const char *why)
{
	if (grow_inputs(l))
		return;
	size_t n = strlen(cli_prog) + strlen(path) + strlen(why) + 16;
	char *m = malloc(n);
	if (!m) {
		l->fatal = 1;
		return;
	}
	snprintf(m, n, "%s: error: %s: %s", cli_prog, path, why);
	l->v[l->n++] = (struct cli_input){NULL, m, 0, 0};
}

static void add_file(struct cli_inputs *l, const char *path, unsigned long long size, int in_folder)
{
	if (grow_inputs(l))
		return;
	char *p = strdup(path);
	if (!p) {
		l->fatal = 1;
		return;
	}
	l->v[l->n++] = (struct cli_input){p, NULL, size, in_folder};
	l->total += size;
}

static void add_path(struct cli_inputs *l, const char *path, int top, int depth)
{
	struct stat sb;
	if (!strcmp(path, "-") && top) {
		unsigned long long size = 0;
		if (fstat(0, &sb) == 0 && S_ISREG(sb.st_mode))
			size = (unsigned long long)sb.st_size;
		add_file(l, path, size, 0);
		return;
	}
	if (stat(path, &sb)) {
		add_msg(l, path, strerror(errno));
		return;
	}
	if (!S_ISDIR(sb.st_mode)) {
		if (top)
			add_file(l, path, S_ISREG(sb.st_mode) ? (unsigned long long)sb.st_size : 0, 0);
		else if (S_ISREG(sb.st_mode) && lsn_format_of_name(path) != LSN_FMT_AUTO)
			add_file(l, path, (unsigned long long)sb.st_size, 1);
		return;
	}
	if (depth > 64) {
		add_msg(l, path, "folders nested too deep; skipped");
		return;
	}
	struct dirent **list = NULL;
	int n = scandir(path, &list, skip_name, alphasort);
	if (n < 0) {
		add_msg(l, path, strerror(errno));
		return;
	}
	size_t plen = strlen(path);
	for (int i = 0; i < n; i++) {
		size_t k = plen + strlen(list[i]->d_name) + 2;
		char *sub = malloc(k);
		if (sub) {
			snprintf(sub, k, "%s%s%s", path, plen && path[plen - 1] == '/' ? "" : "/", list[i]->d_name);
			add_path(l, sub, 0, depth + 1);
			free(sub);
		} else {
			l->fatal = 1;
		}
		free(list[i]);
	}
	free(list);
}

void cli_inputs_add(struct cli_inputs *l, const char *path) { add_path(l, path, 1, 0); }

void cli_inputs_free(struct cli_inputs *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].msg);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int cli_ncpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0) {
		int n = CPU_COUNT(&set);
		if (n > 0)
			return n;
	}
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
