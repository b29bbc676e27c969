/*
 * dates.c — `liaison dates`: every date, time and period expression of one text, one JSON
 * object a line, with its normalised value, kind, precision and byte offsets (into the
 * text as the library holds it: UTF-8 repaired, NFC), as the extraction reads them.
 *
 * Kinds: "date" (a calendar date, complete or not), "weekday", "relative" ("yesterday"),
 * "range_start" / "range_end" (the ends of a range of days), "period" (a part of a year:
 * "first half", 前三季度, "6 tháng đầu năm"), "relative_year" ("last year", 今年), "recent"
 * ("recently", 近日), "time" (a clock time, 16:15), and "published" (the publication
 * date the page's header lines or --ref give; no offsets).  A value is "YYYY-MM-DD",
 * "YYYY-MM", "YYYY", or "--MM-DD" / "--MM" when no year could be had; null when nothing
 * is known.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "lsn_int.h"

static void usage_dates(FILE *f)
{
	fprintf(f,
		"usage: liaison dates [--ref YYYY-MM-DD] [--lang L] [FILE|-]\n"
		"\n"
		"Lists every date, time and period expression of one text (standard input by\n"
		"default), one JSON object a line: text, start and end (byte offsets), kind,\n"
		"value and precision, as the extraction reads them.\n"
		"\n"
		"  --ref YYYY-MM-DD  the publication date, against which dates without a year,\n"
		"                    weekdays and 'yesterday' are resolved (else the one the\n"
		"                    text's header lines give, if any)\n"
		"  --lang L          en, zh or vi (default: detected)\n");
}

static const char *const prec_names[] = {"none", "year", "month", "day"};

static void put_json_str(FILE *out, const char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* One line: the text of tokens [t0, t1), its kind, value (NULL: null) and precision. */
static void put_item(FILE *out, const lsn_doc *doc, uint32_t t0, uint32_t t1, const char *kind,
		     const char *value, const char *prec)
{
	uint32_t s = doc->toks[t0].start, e = doc->toks[t1 - 1].end;
	fputs("{\"text\":", out);
	put_json_str(out, doc->text + s, e - s);
	fprintf(out, ",\"start\":%u,\"end\":%u,\"kind\":\"%s\",\"value\":", s, e, kind);
	if (value)
		put_json_str(out, value, strlen(value));
	else
		fputs("null", out);
	fprintf(out, ",\"precision\":\"%s\"}\n", prec);
}

static void put_datehit(FILE *out, const lsn_doc *doc, const struct lsn_datehit *dh)
{
	char v[16] = "";
	struct lsn_date d = dh->dt;
	const char *kind = dh->relative == 1 ? "weekday" : dh->relative ? "relative"
			 : dh->range == 1 ? "range_start" : dh->range == 2 ? "range_end" : "date";
	int prec = d.prec;
	if (d.prec)
		lsn_date_str(d, v);
	else if (dh->open && d.m) { /* no year to be had: what the text gives */
		struct lsn_date p = {0, d.m, dh->open == DP_DAY ? d.d : 0, DP_NONE};
		lsn_date_partial_str(p, v);
		prec = dh->open;
	}
	put_item(out, doc, dh->t0, dh->t1, kind, v[0] ? v : NULL, prec_names[prec & 3]);
}

/* Periods, relative years and "recently" that the phrase pass found. */
static void put_hits(FILE *out, const lsn_doc *doc)
{
	for (size_t h = 0; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		char v[24] = "";
		if (hit->kind == PK_PERIOD) {
			unsigned p = hit->val & 63;
			if (p == 1 || p == 2)
				snprintf(v, sizeof v, "H%u", p);
			else if (p >= 11 && p <= 14)
				snprintf(v, sizeof v, "Q%u", p - 10);
			else if (p > 20 && p <= 32)
				snprintf(v, sizeof v, "M%u", p - 20);
			put_item(out, doc, hit->t0, hit->t1, "period", v[0] ? v : NULL, "none");
		} else if (hit->kind == PK_RELYEAR) {
			int y = doc->published.prec ? doc->published.y + (int)hit->val - 8 : 0;
			if (y)
				snprintf(v, sizeof v, "%04d", y % 10000);
			put_item(out, doc, hit->t0, hit->t1, "relative_year", y ? v : NULL, y ? "year" : "none");
		} else if (hit->kind == PK_RECENT) {
			put_item(out, doc, hit->t0, hit->t1, "recent", NULL, "none");
		}
	}
}

/* Clock times: "16:15", "09:25:27" (a number of 1-2 digits, ':', 2 digits). */
static void put_times(FILE *out, const lsn_doc *doc)
{
	for (uint32_t i = 0; i + 2 < doc->ntoks; i++) {
		const struct lsn_tok *a = &doc->toks[i], *c = &doc->toks[i + 2];
		if (a->kind != TK_NUM || !lsn_tok_is(doc, i + 1, ":") || c->kind != TK_NUM ||
		    a->end - a->start > 2 || c->end - c->start != 2 || doc->toks[i + 1].start != a->end ||
		    c->start != doc->toks[i + 1].end)
			continue;
		int hh = atoi(doc->text + a->start), mm = atoi(doc->text + c->start);
		if (hh > 23 || mm > 59)
			continue;
		uint32_t t1 = i + 3;
		if (t1 + 1 < doc->ntoks && lsn_tok_is(doc, t1, ":") && doc->toks[t1 + 1].kind == TK_NUM &&
		    doc->toks[t1 + 1].end - doc->toks[t1 + 1].start == 2)
			t1 += 2;
		char v[8];
		snprintf(v, sizeof v, "%02d:%02d", hh % 100, mm % 100);
		put_item(out, doc, i, t1, "time", v, "none");
		i = t1 - 1;
	}
}

static int read_all(const char *path, char **buf, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return -1;
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	for (size_t r; b && (r = fread(b + n, 1, cap - n, f)) > 0;) {
		n += r;
		if (n == cap && n < CLI_MAX_DOC_BYTES) {
			char *nb = realloc(b, cap *= 2);
			if (!nb)
				free(b);
			b = nb;
		}
	}
	if (f != stdin)
		fclose(f);
	*buf = b, *len = n;
	return b ? 0 : -1;
}

int cli_dates(int argc, char **argv, const char *data_dir)
{
	const char *ref = NULL, *lang = NULL, *path = "-";
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--ref") && i + 1 < argc)
			ref = argv[++i];
		else if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			lang = argv[++i];
		else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage_dates(stdout);
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "%s: error: dates: unknown option '%s'\n", cli_prog, argv[i]);
			usage_dates(stderr);
			return 2;
		} else
			path = argv[i];
	}
	if (lang && strcmp(lang, "en") && strcmp(lang, "zh") && strcmp(lang, "vi")) {
		fprintf(stderr, "%s: error: dates: --lang must be en, zh or vi\n", cli_prog);
		return 2;
	}
	char err[256], *buf = NULL;
	size_t len = 0;
	if (read_all(path, &buf, &len)) {
		fprintf(stderr, "%s: error: %s: cannot read\n", cli_prog, path);
		return 1;
	}
	lsn_tables *kb = lsn_tables_new(data_dir, err, sizeof err);
	lsn_doc *doc = NULL;
	enum lsn_status st = kb ? lsn_doc_new("dates", buf, len, ref, &doc, NULL) : LSN_ENOMEM;
	free(buf);
	if (!kb || st) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, kb ? "the text was refused (or --ref is no date)" : err);
		lsn_doc_free(doc);
		lsn_tables_free(kb);
		return kb ? 1 : 3;
	}
	st = lsn_extract_as(kb, doc, lang);
	if (!st) {
		if (doc->published.prec && !doc->meta_published) {
			char v[11];
			lsn_date_str(doc->published, v);
			printf("{\"text\":null,\"start\":null,\"end\":null,\"kind\":\"published\",\"value\":\"%s\","
			       "\"precision\":\"day\"}\n", v);
		}
		/* the dates in text order, then the periods and relative years, then times */
		for (size_t k = 0; k < doc->ndates; k++)
			put_datehit(stdout, doc, &doc->dates[k]);
		put_hits(stdout, doc);
		put_times(stdout, doc);
	}
	lsn_doc_free(doc);
	lsn_tables_free(kb);
	if (st) {
		fprintf(stderr, "%s: error: out of memory\n", cli_prog);
		return 3;
	}
	return 0;
}
