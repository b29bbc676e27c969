/*
 * liaison_html — liaison's HTML article extractor on its own, for the
 * Readability comparison (bench/readability/compare.js) and the throughput
 * benchmark (bench/html-speed.sh).  Uses the public header only.
 *
 *   liaison_html PAGE.html               the article text (as liaison text gives it,
 *                                        with the built-in word lists)
 *   liaison_html --meta PAGE.html        title, published, then the text
 *   liaison_html --bench [--min-seconds S] FILE|DIR...
 *                                        HTML -> text throughput on one core,
 *                                        files (*.html under DIR) read into
 *                                        memory first
 *   liaison_html --read [--format F] [--print] FILE
 *                                        any input through lsn_reader: counts
 *                                        documents, bad items, text bytes
 *                                        (bench/warc-memory.sh measures its RSS)
 */
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "liaison.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	while (b) {
		if (n == cap) {
			char *nb = realloc(b, cap *= 2);
			if (!nb) {
				free(b);
				b = NULL;
				break;
			}
			b = nb;
		}
		size_t k = fread(b + n, 1, cap - n, f);
		n += k;
		if (!k)
			break;
	}
	fclose(f);
	*len = n;
	return b;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct pages {
	char **p;
	size_t *len;
	int n, cap;
	double bytes;
};

static int add_path(struct pages *pg, const char *path)
{
	struct stat sb;
	if (stat(path, &sb)) {
		fprintf(stderr, "liaison_html: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(sb.st_mode)) {
		struct dirent **list;
		int k = scandir(path, &list, NULL, alphasort);
		for (int i = 0; i < k; i++) {
			const char *nm = list[i]->d_name;
			size_t l = strlen(nm);
			char sub[4096];
			snprintf(sub, sizeof sub, "%s/%s", path, nm);
			if (nm[0] != '.' && (list[i]->d_type == DT_DIR || (l > 5 && !strcmp(nm + l - 5, ".html"))))
				if (add_path(pg, sub))
					return -1;
			free(list[i]);
		}
		free(list);
		return 0;
	}
	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 1024;
		pg->p = realloc(pg->p, (size_t)pg->cap * sizeof *pg->p);
		pg->len = realloc(pg->len, (size_t)pg->cap * sizeof *pg->len);
		if (!pg->p || !pg->len)
			return -1;
	}
	pg->p[pg->n] = slurp(path, &pg->len[pg->n]);
	if (!pg->p[pg->n]) {
		fprintf(stderr, "liaison_html: %s: %s\n", path, strerror(errno));
		return -1;
	}
	pg->bytes += (double)pg->len[pg->n++];
	return 0;
}

static int bench(int argc, char **argv)
{
	double min_s = 3.0;
	int i = 0;
	if (i + 1 < argc && !strcmp(argv[i], "--min-seconds")) {
		min_s = atof(argv[i + 1]);
		i += 2;
	}
	struct pages pg = {0};
	for (; i < argc; i++)
		if (add_path(&pg, argv[i]))
			return 1;
	int n = pg.n;
	char **pages = pg.p;
	size_t *lens = pg.len;
	double bytes = pg.bytes;
	struct lsn_buf text, tb;
	lsn_buf_init(&text);
	lsn_buf_init(&tb);
	char pub[11];
	char err[256];
	lsn_tables *kb = lsn_tables_new(NULL, err, sizeof err);
	if (!kb) {
		fprintf(stderr, "liaison_html: %s\n", err);
		return 3;
	}
	double t0 = now(), t = 0, out = 0;
	long passes = 0, empty = 0;
	do {
		for (int k = 0; k < n; k++) {
			text.len = 0;
			if (lsn_html_page_ex(kb, pages[k], lens[k], NULL, NULL, &text, pub, &tb, NULL, NULL))
				return 3;
			out += (double)text.len;
			if (!passes && !text.len)
				empty++;
		}
		passes++;
		t = now() - t0;
	} while (t < min_s);
	printf("pages %d, %.1f MB of HTML, %ld pass(es), %.2f s: %.1f MB/s, %.0f pages/s; "
	       "text %.1f%% of the HTML; %ld pages without text\n",
	       n, bytes / 1e6, passes, t, bytes * (double)passes / 1e6 / t, (double)n * (double)passes / t,
	       100.0 * out / (bytes * (double)passes), empty);
	lsn_buf_clear(&text);
	lsn_buf_clear(&tb);
	lsn_tables_free(kb);
	for (int k = 0; k < n; k++)
		free(pages[k]);
	free(pages);
	free(lens);
	return 0;
}

static int read_input(int argc, char **argv)
{
	enum lsn_input_format fmt = LSN_FMT_AUTO;
	int print = 0, i = 0;
	for (; i < argc - 1; i++) {
		if (!strcmp(argv[i], "--format") && i + 2 < argc) {
			if (lsn_format_parse(argv[++i], &fmt))
				return 2;
		} else if (!strcmp(argv[i], "--print")) {
			print = 1;
		} else {
			break;
		}
	}
	if (i != argc - 1)
		return 2;
	char err[1024];
	lsn_reader *r = lsn_reader_open(argv[i], fmt, NULL, err, sizeof err);
	if (!r) {
		fprintf(stderr, "liaison_html: %s\n", err);
		return 1;
	}
	struct lsn_input in;
	long docs = 0, bad = 0;
	double text = 0, t0 = now();
	int rc;
	while ((rc = lsn_reader_next(r, &in, err, sizeof err)) != 0) {
		if (rc < 0) {
			fprintf(stderr, "liaison_html: %s\n", err);
			bad++;
			if (rc == -2)
				break;
			continue;
		}
		docs++;
		text += (double)in.len;
		if (print)
			printf("== %s %s %s %s\n%s\n", in.id, in.published ? in.published : "-",
			       in.url ? in.url : "-", in.title ? in.title : "-", in.text);
	}
	unsigned long long done, total;
	lsn_reader_progress(r, &done, &total);
	double t = now() - t0;
	fprintf(stderr, "read %s (%s): %ld documents, %ld bad items, %.1f MB of text from %.1f MB in %.1f s "
		"(%.1f MB/s of input)\n", argv[i], lsn_format_name(lsn_reader_format(r)), docs, bad,
		text / 1e6, (double)done / 1e6, t, (double)done / 1e6 / (t > 0 ? t : 1e-9));
	lsn_reader_free(r);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "--bench"))
		return bench(argc - 2, argv + 2);
	if (argc >= 2 && !strcmp(argv[1], "--read"))
		return read_input(argc - 2, argv + 2);
	int meta = argc >= 2 && !strcmp(argv[1], "--meta");
	if (argc != 2 + meta) {
		fprintf(stderr, "usage: liaison_html [--meta] PAGE.html | --bench [--min-seconds S] FILE...\n");
		return 2;
	}
	size_t len;
	char *page = slurp(argv[1 + meta], &len);
	if (!page) {
		fprintf(stderr, "liaison_html: %s: %s\n", argv[1 + meta], strerror(errno));
		return 1;
	}
	struct lsn_buf text, tb;
	lsn_buf_init(&text);
	lsn_buf_init(&tb);
	char pub[11], err[256];
	lsn_tables *kb = lsn_tables_new(NULL, err, sizeof err);
	if (!kb) {
		fprintf(stderr, "liaison_html: %s\n", err);
		return 3;
	}
	int rc = lsn_html_page_ex(kb, page, len, NULL, NULL, &text, pub, &tb, NULL, NULL);
	lsn_tables_free(kb);
	if (rc) {
		fprintf(stderr, "liaison_html: %s: %s\n", argv[1 + meta], lsn_strerror(rc));
		return 1;
	}
	if (meta)
		printf("title: %s\npublished: %s\n\n", tb.data ? tb.data : "", pub);
	lsn_buf_clear(&tb);
	fwrite(text.data ? text.data : "", 1, text.len, stdout);
	putchar('\n');
	lsn_buf_clear(&text);
	free(page);
	return 0;
}
