/*
 * out.c — the rows a query finds, written in one of three formats:
 *
 *   table  aligned columns for a terminal (East Asian wide characters count
 *          two columns), cells longer than the width cut with "…"; lists
 *          joined by ", "; a list of records (the sources of an event, the
 *          roles of a person) on indented lines under its row;
 *   json   one object per row and line; lists as arrays, records as objects;
 *   csv    RFC 4180: a header line, CRLF line ends, fields quoted when they
 *          hold a comma, a quote, a line break or outer spaces; lists joined
 *          by "; "; a list of records as one column per field
 *          (sources_doc, sources_lang, ...), each joined by "; ".
 *
 * The queries (query.c) describe their columns once and hand over cells in
 * order; nothing here knows what a row means.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include "store/store_int.h"

/* One cell of the current row.  Items (of a list, or the fields of the
 * records of a RECS cell, record after record) are held in `items` as a
 * flag byte ('s' string, 'n' null), the text and a NUL. */
struct cell {
	int null;
	struct lsn_buf text;
	struct lsn_buf items;
	size_t nitems;
};

struct lsn_out {
	FILE *f;
	enum lsn_format fmt;
	const struct lsn_col *cols;
	size_t ncols, cur;
	int width;
	struct cell *cells;
	size_t rows;
	int header_done;
	int oom;
	/* table: rendered cells of every row, and lines under rows */
	char **tcells;         /* rows * ncols */
	char **sub;            /* per row: lines under it, joined by '\n', or NULL */
	size_t caprows, capsub;
};

size_t lsn_display_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp = lsn_utf8_next(s, n, &i);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			continue;
		if (cp < 0x300) {
			w++;
			continue;
		}
		if (u_getCombiningClass((UChar32)cp) || u_charType((UChar32)cp) == U_NON_SPACING_MARK ||
		    cp == 0x200b || cp == 0xfeff)
			continue;
		int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
		w += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
	}
	return w;
}

struct lsn_out *lsn_out_new(FILE *f, enum lsn_format fmt, const struct lsn_col *cols, size_t ncols, int width)
{
	struct lsn_out *o = calloc(1, sizeof *o);
	if (!o)
		return NULL;
	o->cells = calloc(ncols + 1, sizeof *o->cells);
	if (!o->cells) {
		free(o);
		return NULL;
	}
	o->f = f;
	o->fmt = fmt;
	o->cols = cols;
	o->ncols = ncols;
	o->width = width > 3 ? width : 40;
	return o;
}

static struct cell *next_cell(struct lsn_out *o)
{
	if (o->cur >= o->ncols) {
		o->oom = 1; /* a caller's bug: more cells than columns; reported as failure */
		return NULL;
	}
	return &o->cells[o->cur];
}

void lsn_out_text(struct lsn_out *o, const char *s)
{
	struct cell *c = next_cell(o);
	if (!c)
		return;
	c->null = !s;
	if (s)
		lsn_buf_adds(&c->text, s);
	o->cur++;
}

void lsn_out_null(struct lsn_out *o) { lsn_out_text(o, NULL); }

void lsn_out_int(struct lsn_out *o, long long v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%lld", v);
	lsn_out_text(o, tmp);
}

void lsn_out_real(struct lsn_out *o, double v)
{
	struct lsn_buf t;
	if (isnan(v)) {
		lsn_out_text(o, NULL);
		return;
	}
	lsn_buf_init(&t);
	lsn_cell_real(&t, v);
	lsn_out_text(o, t.data ? t.data : "");
	lsn_buf_clear(&t);
}

void lsn_out_begin(struct lsn_out *o)
{
	struct cell *c = next_cell(o);
	if (c)
		c->null = 0;
}

static void add_item(struct lsn_out *o, const char *s, char kind)
{
	struct cell *c = next_cell(o);
	if (!c)
		return;
	lsn_buf_addc(&c->items, s ? kind : 'n');
	if (s)
		lsn_buf_adds(&c->items, s);
	lsn_buf_addc(&c->items, 0);
	c->nitems++;
}

void lsn_out_item(struct lsn_out *o, const char *s) { add_item(o, s, 's'); }
void lsn_out_field(struct lsn_out *o, const char *s) { add_item(o, s, 's'); }
void lsn_out_field_num(struct lsn_out *o, const char *num) { add_item(o, num, '#'); }
void lsn_out_end(struct lsn_out *o) { o->cur++; }

static size_t nfields(const struct lsn_col *c)
{
	size_t n = 0;
	while (c->fields && c->fields[n])
		n++;
	return n ? n : 1;
}

/* The items of a cell: call with *at = 0 first; returns NULL at the end,
 * sets *null for a null item (2 for a number, to be written unquoted). */
static const char *item(const struct cell *c, size_t *at, int *null)
{
	if (*at >= c->items.len)
		return NULL;
	const char *p = c->items.data + *at;
	*null = p[0] == 'n' ? 1 : p[0] == '#' ? 2 : 0;
	*at += strlen(p) + 1;
	return p + 1;
}

/* ---- JSON ---- */

static void json_row(struct lsn_out *o, struct lsn_buf *b)
{
	lsn_buf_addc(b, '{');
	for (size_t k = 0; k < o->ncols; k++) {
		const struct lsn_col *col = &o->cols[k];
		const struct cell *c = &o->cells[k];
		if (k)
			lsn_buf_addc(b, ',');
		lsn_buf_json_str(b, col->name, strlen(col->name));
		lsn_buf_addc(b, ':');
		size_t at = 0;
		int null = 0;
		const char *s;
		switch (col->kind) {
		case LSN_COL_TEXT:
			if (c->null)
				lsn_buf_adds(b, "null");
			else
				lsn_buf_json_str(b, c->text.data ? c->text.data : "", c->text.len);
			break;
		case LSN_COL_INT:
		case LSN_COL_REAL:
			lsn_buf_adds(b, c->null || !c->text.len ? "null" : c->text.data);
			break;
		case LSN_COL_LIST:
			lsn_buf_addc(b, '[');
			for (size_t i = 0; (s = item(c, &at, &null)); i++) {
				if (i)
					lsn_buf_addc(b, ',');
				if (null == 1)
					lsn_buf_adds(b, "null");
				else if (null == 2)
					lsn_buf_adds(b, s);
				else
					lsn_buf_json_str(b, s, strlen(s));
			}
			lsn_buf_addc(b, ']');
			break;
		case LSN_COL_RECS: {
			size_t nf = nfields(col);
			lsn_buf_addc(b, '[');
			for (size_t i = 0; (s = item(c, &at, &null)); i++) {
				size_t f = i % nf;
				if (f == 0)
					lsn_buf_adds(b, i ? ",{" : "{");
				else
					lsn_buf_addc(b, ',');
				lsn_buf_json_str(b, col->fields[f], strlen(col->fields[f]));
				lsn_buf_addc(b, ':');
				if (null == 1)
					lsn_buf_adds(b, "null");
				else if (null == 2)
					lsn_buf_adds(b, s);
				else
					lsn_buf_json_str(b, s, strlen(s));
				if (f == nf - 1)
					lsn_buf_addc(b, '}');
			}
			lsn_buf_addc(b, ']');
			break;
		}
		}
	}
	lsn_buf_adds(b, "}\n");
}

/* ---- CSV ---- */

static void csv_header(struct lsn_out *o, struct lsn_buf *b)
{
	int first = 1;
	for (size_t k = 0; k < o->ncols; k++) {
		const struct lsn_col *col = &o->cols[k];
		size_t nf = col->kind == LSN_COL_RECS ? nfields(col) : 1;
		for (size_t f = 0; f < nf; f++) {
			if (!first)
				lsn_buf_addc(b, ',');
			first = 0;
			char name[128];
			if (col->kind == LSN_COL_RECS)
				snprintf(name, sizeof name, "%s_%s", col->name, col->fields[f]);
			else
				snprintf(name, sizeof name, "%s", col->name);
			lsn_csv_field(b, name, strlen(name));
		}
	}
	lsn_buf_adds(b, "\r\n");
}

static void csv_row(struct lsn_out *o, struct lsn_buf *b)
{
	struct lsn_buf j;
	lsn_buf_init(&j);
	int first = 1;
	for (size_t k = 0; k < o->ncols; k++) {
		const struct lsn_col *col = &o->cols[k];
		const struct cell *c = &o->cells[k];
		size_t nf = col->kind == LSN_COL_RECS ? nfields(col) : 1;
		for (size_t f = 0; f < nf; f++) {
			if (!first)
				lsn_buf_addc(b, ',');
			first = 0;
			if (col->kind != LSN_COL_LIST && col->kind != LSN_COL_RECS) {
				if (!c->null)
					lsn_csv_field(b, c->text.data ? c->text.data : "", c->text.len);
				continue;
			}
			/* a list, or field f of each record: joined by "; " */
			size_t at = 0, i = 0, n = 0;
			int null = 0;
			const char *s;
			j.len = 0;
			while ((s = item(c, &at, &null))) {
				if (i++ % nf != f)
					continue;
				if (n++)
					lsn_buf_adds(&j, "; ");
				if (null != 1)
					lsn_buf_adds(&j, s);
			}
			lsn_csv_field(b, j.data ? j.data : "", j.len);
		}
	}
	lsn_buf_adds(b, "\r\n");
	if (j.oom)
		b->oom = 1;
	lsn_buf_clear(&j);
}

/* ---- table ---- */

/* s cut to at most w columns, with "…" when cut (a new string). */
static char *fit(const char *s, size_t w)
{
	size_t n = strlen(s), i = 0, cols = 0;
	if (lsn_display_width(s, n) <= w)
		return strdup(s);
	while (i < n) {
		size_t j = i;
		uint32_t cp = lsn_utf8_next(s, n, &j);
		char tmp[5];
		int k = lsn_utf8_put(cp, tmp);
		size_t cw = lsn_display_width(tmp, (size_t)k);
		if (cols + cw > w - 1)
			break;
		cols += cw;
		i = j;
	}
	char *r = malloc(i + 4);
	if (!r)
		return NULL;
	memcpy(r, s, i);
	memcpy(r + i, "\xe2\x80\xa6", 4); /* … */
	return r;
}

/* Flattens white space (line breaks in evidence) into single spaces. */
static void flat(struct lsn_buf *b, const char *s)
{
	for (; *s; s++)
		lsn_buf_addc(b, (*s == '\n' || *s == '\r' || *s == '\t') ? ' ' : *s);
}

static int table_row(struct lsn_out *o)
{
	if (lsn_grow(&o->tcells, &o->caprows, (o->rows + 1) * o->ncols, sizeof *o->tcells) ||
	    lsn_grow(&o->sub, &o->capsub, o->rows + 1, sizeof *o->sub))
		return -1;
	struct lsn_buf lines, b;
	lsn_buf_init(&lines);
	lsn_buf_init(&b);
	for (size_t k = 0; k < o->ncols; k++) {
		const struct lsn_col *col = &o->cols[k];
		const struct cell *c = &o->cells[k];
		size_t at = 0, i = 0;
		int null = 0;
		const char *s;
		b.len = 0;
		lsn_buf_add(&b, "", 0);
		if (col->kind == LSN_COL_RECS) {
			size_t nf = nfields(col);
			if (c->nitems)
				lsn_buf_printf(&lines, "  %s:\n", col->name);
			while ((s = item(c, &at, &null))) {
				size_t f = i++ % nf;
				if (f == 0)
					lsn_buf_adds(&lines, "    ");
				else
					lsn_buf_adds(&lines, "  ");
				flat(&lines, null == 1 ? "-" : s);
				if (f == nf - 1)
					lsn_buf_addc(&lines, '\n');
			}
			lsn_buf_adds(&b, i ? "" : "-");
			if (i)
				lsn_buf_printf(&b, "%zu", i / nf);
		} else if (col->kind == LSN_COL_LIST) {
			while ((s = item(c, &at, &null))) {
				if (i++)
					lsn_buf_adds(&b, ", ");
				flat(&b, null == 1 ? "-" : s);
			}
		} else {
			flat(&b, c->null ? "-" : c->text.data ? c->text.data : "");
		}
		o->tcells[o->rows * o->ncols + k] = b.oom ? NULL : strdup(b.data ? b.data : "");
		if (!o->tcells[o->rows * o->ncols + k])
			o->oom = 1;
	}
	o->sub[o->rows] = lines.len && !lines.oom ? strdup(lines.data) : NULL;
	lsn_buf_clear(&lines);
	lsn_buf_clear(&b);
	return 0;
}

/* Writes the held table: header, rule, rows, each followed by its lines. */
static int table_write(struct lsn_out *o)
{
	size_t *w = calloc(o->ncols + 1, sizeof *w);
	if (!w)
		return -1;
	for (size_t k = 0; k < o->ncols; k++) {
		w[k] = lsn_display_width(o->cols[k].name, strlen(o->cols[k].name));
		for (size_t r = 0; r < o->rows; r++) {
			size_t cw = lsn_display_width(o->tcells[r * o->ncols + k], strlen(o->tcells[r * o->ncols + k]));
			if (cw > w[k])
				w[k] = cw;
		}
		if (w[k] > (size_t)o->width)
			w[k] = (size_t)o->width;
	}
	for (size_t r = 0; r <= o->rows + 1; r++) {
		for (size_t k = 0; k < o->ncols; k++) {
			const struct lsn_col *col = &o->cols[k];
			int right = col->kind == LSN_COL_INT || col->kind == LSN_COL_REAL || col->kind == LSN_COL_RECS;
			char *cut;
			if (r == 1) {
				for (size_t i = 0; i < w[k]; i++)
					fputc('-', o->f);
			} else {
				cut = fit(r == 0 ? col->name : o->tcells[(r - 2) * o->ncols + k], w[k]);
				if (!cut) {
					free(w);
					return -1;
				}
				size_t cw = lsn_display_width(cut, strlen(cut));
				size_t pad = w[k] > cw ? w[k] - cw : 0;
				int last = k + 1 == o->ncols;
				if (right)
					fprintf(o->f, "%*s%s", (int)pad, "", cut);
				else
					fprintf(o->f, "%s%*s", cut, last ? 0 : (int)pad, "");
				free(cut);
			}
			if (k + 1 < o->ncols)
				fputs("  ", o->f);
		}
		fputc('\n', o->f);
		if (r >= 2 && o->sub[r - 2]) {
			/* lines under the row, each cut to a readable width */
			char *line = o->sub[r - 2];
			for (char *nl; *line; line = nl + 1) {
				nl = strchr(line, '\n');
				*nl = 0;
				char *cut = fit(line, (size_t)o->width * 4);
				fprintf(o->f, "%s\n", cut ? cut : line);
				free(cut);
			}
		}
	}
	free(w);
	return 0;
}

void lsn_out_row(struct lsn_out *o)
{
	int held = 1;
	struct lsn_buf b;
	lsn_buf_init(&b);
	if (o->cur != o->ncols)
		o->oom = 1; /* a caller's bug: too few cells */
	if (o->fmt == LSN_FORMAT_JSON) {
		json_row(o, &b);
	} else if (o->fmt == LSN_FORMAT_CSV) {
		if (!o->header_done)
			csv_header(o, &b);
		o->header_done = 1;
		csv_row(o, &b);
	} else if (table_row(o)) {
		o->oom = 1;
		held = 0;
	}
	if (b.oom)
		o->oom = 1;
	else if (b.len && fwrite(b.data, 1, b.len, o->f) != b.len)
		o->oom = 2;
	lsn_buf_clear(&b);
	for (size_t k = 0; k < o->ncols; k++) {
		if (o->cells[k].text.oom || o->cells[k].items.oom)
			o->oom = 1;
		lsn_buf_clear(&o->cells[k].text);
		lsn_buf_clear(&o->cells[k].items);
		o->cells[k].nitems = 0;
		o->cells[k].null = 0;
	}
	o->cur = 0;
	if (held)
		o->rows++;
}

enum lsn_status lsn_out_finish(struct lsn_out *o)
{
	enum lsn_status e = LSN_OK;
	if (!o)
		return LSN_ENOMEM;
	if (o->fmt == LSN_FORMAT_CSV && !o->header_done && !o->oom) {
		/* no rows: the header alone, so that the file still loads */
		struct lsn_buf b;
		lsn_buf_init(&b);
		csv_header(o, &b);
		if (b.oom || fwrite(b.data, 1, b.len, o->f) != b.len)
			o->oom = b.oom ? 1 : 2;
		lsn_buf_clear(&b);
	}
	if (o->fmt == LSN_FORMAT_TABLE && o->rows && !o->oom && table_write(o))
		o->oom = 1;
	if (o->oom == 1)
		e = LSN_ENOMEM;
	else if (o->oom == 2 || fflush(o->f) || ferror(o->f))
		e = LSN_EIO;
	for (size_t k = 0; k < o->ncols; k++) {
		lsn_buf_clear(&o->cells[k].text);
		lsn_buf_clear(&o->cells[k].items);
	}
	if (o->tcells)
		for (size_t i = 0; i < o->rows * o->ncols; i++)
			free(o->tcells[i]);
	if (o->sub)
		for (size_t i = 0; i < o->rows; i++)
			free(o->sub[i]);
	free(o->tcells);
	free(o->sub);
	free(o->cells);
	free(o);
	return e;
}
