/*
 * extract_cases.c — runs the extraction cases of the files of tests/extract/: each
 * case is a text, optionally a publication date, and a JSON fragment that
 * the document's record must contain (tests/extract/README.md has the
 * format).  One process for all cases: the knowledge tables are loaded once,
 * each text goes through lsn_doc_new, lsn_extract and lsn_doc_json, and the
 * record is matched against the fragment.
 *
 *   extract_cases [-v] [-k PART] PATH...
 *
 * A PATH is a case file or a folder (its *.txt files, in name order).  -k
 * runs only the cases whose name holds PART; -v names every case run.  Each
 * failing case is reported with its file and line, what differs, the
 * fragment and the record; a file that cannot be parsed is reported with
 * its file and line and none of its cases runs.  The last line says
 * "N passed, M failed".  Exit status: 0 when every case passed, 1 when one
 * failed or a file could not be read or parsed, 2 for a usage error.
 *
 * Besides the record, a fragment may check views of the document's
 * internals (src/lsn_int.h), under keys starting with '@': see internals().
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <jansson.h>
#include "lsn_int.h"

/* ---- a case, as read from its file ---- */

struct xcase {
	char *name;
	const char *file;
	size_t line;          /* of its "=== NAME" line */
	char published[11];   /* "" when none */
	struct lsn_buf text;  /* exact bytes (NUL bytes allowed) */
	json_t *expect;       /* the fragment (an object) */
};

struct caseset {
	struct xcase *v;
	size_t n, cap;
};

static void case_clear(struct xcase *c)
{
	free(c->name);
	lsn_buf_clear(&c->text);
	json_decref(c->expect);
}

/* ---- small helpers ---- */

/* lsn_buf_add, -1 when memory ran out. */
static int buf_put(struct lsn_buf *b, const void *p, size_t n)
{
	lsn_buf_add(b, p, n);
	return b->oom ? -1 : 0;
}

/* Reads the whole file `path` into *out (NUL-terminated); -1 on failure. */
static int read_file(const char *path, struct lsn_buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char chunk[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_put(out, chunk, n) < 0) {
			rc = -1;
			break;
		}
	if (ferror(f))
		rc = -1;
	fclose(f);
	if (rc == 0 && !out->data)
		rc = buf_put(out, "", 0);
	return rc;
}

static int starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && !memcmp(s, prefix, k);
}

/* ---- the parser ---- */

struct parser {
	const char *file;
	const char *p, *end; /* the rest of the file */
	size_t lineno;       /* of the line last taken */
	const char *line;    /* the line last taken, without its '\n' */
	size_t len;
	int eol;             /* it ended with '\n' */
	char err[512];
};

/* Takes the next line; 0 at the end of the file. */
static int next_line(struct parser *ps)
{
	if (ps->p >= ps->end)
		return 0;
	const char *nl = memchr(ps->p, '\n', (size_t)(ps->end - ps->p));
	ps->line = ps->p;
	ps->len = nl ? (size_t)(nl - ps->p) : (size_t)(ps->end - ps->p);
	ps->eol = nl != NULL;
	ps->p = nl ? nl + 1 : ps->end;
	ps->lineno++;
	return 1;
}

/* Looks at the next line without taking it. */
static int peek_marker(const struct parser *ps)
{
	size_t n = (size_t)(ps->end - ps->p);
	return starts(ps->p, n, "--- ") || starts(ps->p, n, "=== ") || starts(ps->p, n, "---\n") ||
	       starts(ps->p, n, "===\n");
}

static int perr(struct parser *ps, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char msg[400];
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(ps->err, sizeof ps->err, "%s:%zu: %s", ps->file, ps->lineno, msg);
	return -1;
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* A header or comment line's content without a trailing "  # comment" and blanks. */
static size_t strip_comment(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
			n = i;
			break;
		}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n;
}

enum { F_NOEOL = 1, F_ESCAPES = 2 };

/* The flags after "--- text", "--- repeat", "--- tail". */
static int block_flags(struct parser *ps, const char *s, size_t n, int *flags)
{
	*flags = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		if (j - i == 5 && !memcmp(s + i, "noeol", 5))
			*flags |= F_NOEOL;
		else if (j - i == 7 && !memcmp(s + i, "escapes", 7))
			*flags |= F_ESCAPES;
		else if (j > i)
			return perr(ps, "unknown flag '%.*s' (noeol, escapes)", (int)(j - i), s + i);
		i = j;
	}
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads the lines of a text block (up to the next marker line) into `out`,
 * as the flags say. */
static int read_block(struct parser *ps, int flags, struct lsn_buf *out)
{
	size_t start = out->len;
	while (!peek_marker(ps) && next_line(ps)) {
		const char *s = ps->line;
		size_t n = ps->len;
		if (flags & F_ESCAPES) {
			for (size_t i = 0; i < n; i++) {
				char c = s[i];
				if (c == '\\') {
					if (i + 1 < n && s[i + 1] == '\\') {
						i++;
					} else if (i + 3 < n && s[i + 1] == 'x' && hexval(s[i + 2]) >= 0 &&
						   hexval(s[i + 3]) >= 0) {
						c = (char)(hexval(s[i + 2]) * 16 + hexval(s[i + 3]));
						i += 3;
					} else {
						return perr(ps, "bad escape: only \\\\ and \\xHH in an 'escapes' text");
					}
				}
				if (buf_put(out, &c, 1) < 0)
					return perr(ps, "out of memory");
			}
		} else if (buf_put(out, s, n) < 0) {
			return perr(ps, "out of memory");
		}
		if (ps->eol && buf_put(out, "\n", 1) < 0)
			return perr(ps, "out of memory");
	}
	if ((flags & F_NOEOL) && out->len > start) {
		if (out->data[out->len - 1] != '\n')
			return perr(ps, "'noeol' but the file ends without a newline");
		out->data[--out->len] = 0;
	}
	return 0;
}

/* Parses one case, its "=== NAME" line just taken; leaves the parser before
 * the next case's "===" line. */
static int parse_case(struct parser *ps, struct xcase *c)
{
	size_t n = strip_comment(ps->line + 4, ps->len - 4);
	const char *name = ps->line + 4;
	if (!n)
		return perr(ps, "a case needs a name: '=== NAME'");
	for (size_t i = 0; i < n; i++)
		if (!(name[i] == '_' || name[i] == '-' || (name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= 'A' && name[i] <= 'Z') || (name[i] >= '0' && name[i] <= '9')))
			return perr(ps, "a case name is letters, digits, '_' and '-': '%.*s'", (int)n, name);
	c->name = strndup(name, n);
	c->line = ps->lineno;
	if (!c->name)
		return perr(ps, "out of memory");

	/* the header: options and comments up to "--- text" */
	long size = -1;
	for (;;) {
		if (!next_line(ps))
			return perr(ps, "case %s: the file ends before its '--- text'", c->name);
		const char *s = ps->line;
		size_t k = strip_comment(s, ps->len);
		if (k == 0)
			continue;
		if (starts(s, k, "published:")) {
			const char *v = s + 10;
			size_t m = k - 10;
			while (m && *v == ' ')
				v++, m--;
			int ok = m == 10 && v[4] == '-' && v[7] == '-';
			for (size_t i = 0; ok && i < 10; i++)
				ok = i == 4 || i == 7 || (v[i] >= '0' && v[i] <= '9');
			if (!ok)
				return perr(ps, "published: want YYYY-MM-DD, got '%.*s'", (int)m, v);
			memcpy(c->published, v, 10);
			c->published[10] = 0;
		} else if (starts(s, k, "size:")) {
			char num[32];
			snprintf(num, sizeof num, "%.*s", (int)(k - 5), s + 5);
			char *e;
			errno = 0;
			size = strtol(num, &e, 10);
			if (errno || *e || size <= 0 || size > (1L << 28))
				return perr(ps, "size: want a number of bytes, got '%s'", num);
		} else if (starts(s, k, "--- text")) {
			break;
		} else if (starts(s, k, "---") || starts(s, k, "===")) {
			return perr(ps, "case %s: '--- text' must come first", c->name);
		} else {
			return perr(ps, "unknown line in the header of case %s (published:, size:, "
					"'# comment', '--- text')", c->name);
		}
	}

	/* the text, and a repeated part and a tail to fill `size` bytes */
	int flags;
	if (block_flags(ps, ps->line + 8, strip_comment(ps->line, ps->len) - 8, &flags) < 0 ||
	    read_block(ps, flags, &c->text) < 0)
		return -1;
	struct lsn_buf rep, tail;
	lsn_buf_init(&rep);
	lsn_buf_init(&tail);
	int have_rep = 0, rc = 0;
	if (next_line(ps) && starts(ps->line, ps->len, "--- repeat")) {
		have_rep = 1;
		if (block_flags(ps, ps->line + 10, strip_comment(ps->line, ps->len) - 10, &flags) < 0 ||
		    read_block(ps, flags, &rep) < 0)
			goto fail;
		if (!next_line(ps) || !starts(ps->line, ps->len, "--- tail")) {
			perr(ps, "case %s: '--- repeat' wants a '--- tail' after it", c->name);
			goto fail;
		}
		if (block_flags(ps, ps->line + 8, strip_comment(ps->line, ps->len) - 8, &flags) < 0 ||
		    read_block(ps, flags, &tail) < 0)
			goto fail;
		if (!rep.len || size < 0 || c->text.len + tail.len > (size_t)size) {
			perr(ps, "case %s: '--- repeat' wants 'size:' with room for the text and the tail, "
				 "and a part to repeat", c->name);
			goto fail;
		}
		size_t room = (size_t)size - c->text.len - tail.len;
		for (size_t k = room / rep.len; k > 0; k--)
			if (buf_put(&c->text, rep.data, rep.len) < 0)
				goto oom;
		while (c->text.len < (size_t)size - tail.len)
			if (buf_put(&c->text, " ", 1) < 0)
				goto oom;
		if (buf_put(&c->text, tail.data, tail.len) < 0)
			goto oom;
		next_line(ps);
	} else if (size >= 0) {
		perr(ps, "case %s: 'size:' without '--- repeat'", c->name);
		goto fail;
	}

	/* the fragment: JSON up to the next case; '#' lines are comments */
	if (!starts(ps->line, ps->len, "--- expect") || strip_comment(ps->line, ps->len) != 10) {
		perr(ps, "case %s: want '--- expect' after the text%s", c->name,
		     have_rep ? " and its tail" : "");
		goto fail;
	}
	size_t first = ps->lineno + 1;
	struct lsn_buf js;
	lsn_buf_init(&js);
	while (ps->p < ps->end && !starts(ps->p, (size_t)(ps->end - ps->p), "=== ") && next_line(ps)) {
		if (ps->len && ps->line[0] == '#') {
			rc = buf_put(&js, "\n", 1);
		} else if (starts(ps->line, ps->len, "---")) {
			lsn_buf_clear(&js);
			perr(ps, "case %s: a '---' line after '--- expect'", c->name);
			goto fail;
		} else {
			rc = buf_put(&js, ps->line, ps->len);
			if (rc == 0)
				rc = buf_put(&js, "\n", 1);
		}
		if (rc < 0) {
			lsn_buf_clear(&js);
			goto oom;
		}
	}
	json_error_t jerr;
	int empty = is_blank(js.data ? js.data : "", js.len);
	c->expect = empty ? NULL : json_loadb(js.data, js.len, 0, &jerr);
	lsn_buf_clear(&js);
	if (!c->expect) {
		size_t last = ps->lineno; /* an error at the end of the input: its last line */
		ps->lineno = empty ? first - 1 : first + (size_t)(jerr.line > 0 ? jerr.line - 1 : 0);
		if (ps->lineno > last)
			ps->lineno = last;
		perr(ps, "case %s: the expectation is not JSON: %s", c->name,
		     empty ? "nothing after '--- expect'" : jerr.text);
		goto fail;
	}
	goto done;
oom:
	perr(ps, "out of memory");
fail:
	rc = -1;
done:
	lsn_buf_clear(&rep);
	lsn_buf_clear(&tail);
	return rc < 0 ? -1 : 0;
}

/* Parses the case file `path` into `set`; -1 with the message in ps->err. */
static int parse_file(const char *path, struct caseset *set, char *err, size_t errlen)
{
	struct lsn_buf data;
	lsn_buf_init(&data);
	if (read_file(path, &data) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno ? errno : EIO));
		lsn_buf_clear(&data);
		return -1;
	}
	struct parser ps = {.file = path, .p = data.data, .end = data.data + data.len};
	size_t before = set->n;
	int rc = 0;
	while (next_line(&ps)) {
		if (strip_comment(ps.line, ps.len) == 0)
			continue;
		if (!starts(ps.line, ps.len, "=== ")) {
			rc = perr(&ps, "want '=== NAME' (a case), a '#' comment or a blank line");
			break;
		}
		if (set->n == set->cap) {
			size_t cap = set->cap ? 2 * set->cap : 64;
			struct xcase *v = realloc(set->v, cap * sizeof *v);
			if (!v) {
				rc = perr(&ps, "out of memory");
				break;
			}
			set->v = v;
			set->cap = cap;
		}
		struct xcase *c = &set->v[set->n];
		memset(c, 0, sizeof *c);
		lsn_buf_init(&c->text);
		c->file = path;
		if (parse_case(&ps, c) < 0) {
			case_clear(c);
			rc = -1;
			break;
		}
		if (!json_is_object(c->expect)) {
			ps.lineno = c->line;
			rc = perr(&ps, "case %s: the expectation must be a JSON object", c->name);
			case_clear(c);
			break;
		}
		for (size_t i = 0; i < set->n && rc == 0; i++)
			if (!strcmp(set->v[i].name, c->name)) {
				ps.lineno = c->line;
				rc = perr(&ps, "case %s: the name is taken (%s:%zu)", c->name, set->v[i].file,
					  set->v[i].line);
			}
		if (rc < 0) {
			case_clear(c);
			break;
		}
		set->n++;
	}
	if (rc == 0 && set->n == before) {
		snprintf(ps.err, sizeof ps.err, "%s: no case in the file", path);
		rc = -1;
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s", ps.err);
		while (set->n > before)
			case_clear(&set->v[--set->n]);
	}
	lsn_buf_clear(&data);
	return rc;
}

/* ---- the internals view: keys "@..." beside the record's ---- */

static json_t *span_text(const lsn_doc *doc, uint32_t t0, uint32_t t1)
{
	if (t1 <= t0 || t1 > doc->ntoks)
		return json_string("");
	size_t a = doc->toks[t0].start, b = doc->toks[t1 - 1].end;
	return json_stringn(doc->text + a, b - a);
}

/*
 * The views a fragment may check besides the record:
 *   @status     "ok", or why lsn_doc_new refused the text ("binary", ...)
 *   @bad_offset when refused as binary: the offset of the first bad byte
 *   @issues     the number of problems found in the bytes (lsn_doc_issue_count)
 *   @dates      the date hits: {text, date, relative, range}
 *   @nums       the numbers read: {text, value, unit}
 *   @persons    the persons found: {name, nment (mentions), include (in the record)}
 *   @events     the events found: {type, dropped, split}
 * and in each relation, "@ends": [a, b], for checks that do not care which
 * end is which.
 */
static json_t *internals(const lsn_doc *doc)
{
	json_t *o = json_object();
	json_object_set_new(o, "@status", json_string("ok"));
	json_t *dates = json_array();
	for (size_t k = 0; k < doc->ndates; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		char d[11];
		lsn_date_str(dh->dt, d);
		json_array_append_new(dates, json_pack("{s:o,s:s,s:i,s:i}", "text",
						       span_text(doc, dh->t0, dh->t1), "date", d, "relative",
						       (int)dh->relative, "range", (int)dh->range));
	}
	json_object_set_new(o, "@dates", dates);
	json_t *nums = json_array();
	for (size_t k = 0; k < doc->nnums; k++) {
		const struct lsn_num *nm = &doc->nums[k];
		json_array_append_new(nums, json_pack("{s:o,s:f,s:s}", "text",
						      span_text(doc, nm->t0, nm->t1), "value", nm->value,
						      "unit", nm->unit));
	}
	json_object_set_new(o, "@nums", nums);
	json_t *persons = json_array();
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *p = &doc->persons[k];
		json_array_append_new(persons, json_pack("{s:s,s:i,s:i}", "name", p->name, "nment",
							 (int)p->nment, "include", (int)p->include));
	}
	json_object_set_new(o, "@persons", persons);
	json_t *events = json_array();
	for (size_t k = 0; k < doc->nevents; k++) {
		const struct lsn_event *e = &doc->events[k];
		json_array_append_new(events, json_pack("{s:s,s:i,s:i}", "type", lsn_ev_types[e->type],
							"dropped", (int)e->dropped, "split", (int)e->split));
	}
	json_object_set_new(o, "@events", events);
	json_object_set_new(o, "@issues", json_integer((json_int_t)lsn_doc_issue_count(doc)));
	return o;
}

static const char *status_name(enum lsn_status st)
{
	static const char *const names[] = {"ok",  "nomem",   "io", "binary", "data",
					    "arg", "unicode", "db"};
	return (unsigned)st < sizeof names / sizeof names[0] ? names[st] : "unknown";
}

/* ---- matching ---- */

/* Where a mismatch is, and what it is. */
struct why {
	char path[512];
	char msg[2048];
};

static void say(struct why *w, const char *path, const char *fmt, ...)
{
	if (!w)
		return;
	snprintf(w->path, sizeof w->path, "%s", path[0] ? path : "(the record)");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w->msg, sizeof w->msg, fmt, ap);
	va_end(ap);
}

static char *dumps(const json_t *v)
{
	char *s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	return s ? s : strdup("(nothing)");
}

static void say_want(struct why *w, const char *path, const char *what, const json_t *want,
		     const json_t *got)
{
	if (!w)
		return;
	char *a = dumps(want), *b = dumps(got);
	say(w, path, "want %s%s, got %s", what, a, b);
	free(a);
	free(b);
}

static int match(const json_t *want, const json_t *got, const char *path, struct why *w);

/* Assigns every item of `want` to an item of `got` of its own that it
 * matches (any order); extra items of `got` are allowed. */
static int assign(const json_t *want, size_t i, const json_t *got, unsigned char *used)
{
	if (i == json_array_size(want))
		return 1;
	for (size_t j = 0; j < json_array_size(got); j++) {
		if (used[j] || !match(json_array_get(want, i), json_array_get(got, j), "", NULL))
			continue;
		used[j] = 1;
		if (assign(want, i + 1, got, used))
			return 1;
		used[j] = 0;
	}
	return 0;
}

/* `got` (an array) holds items matching those of `want`, each its own. */
static int contains(const json_t *want, const json_t *got, const char *path, struct why *w)
{
	if (!json_is_array(want)) {
		say_want(w, path, "(a bad expectation: an array after this key) ", want, got);
		return 0;
	}
	size_t n = json_array_size(got);
	unsigned char *used = calloc(n ? n : 1, 1);
	int ok = used && assign(want, 0, got, used);
	free(used);
	if (!ok && w) {
		/* the first item that matches nothing, else they cannot all have their own */
		const json_t *x;
		size_t i;
		json_array_foreach(want, i, x) {
			size_t j;
			for (j = 0; j < n; j++)
				if (match(x, json_array_get(got, j), "", NULL))
					break;
			if (j == n) {
				char *a = dumps(x), *b = dumps(got);
				say(w, path, "no item matches %s; the items: %s", a, b);
				free(a);
				free(b);
				return 0;
			}
		}
		say_want(w, path, "items of their own matching ", want, got);
	}
	return ok;
}

static int is_index(const char *k)
{
	if (!*k)
		return 0;
	for (const char *p = k; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/* An object describing an array: "length", "0".., "only", "has", "none". */
static int describe(const json_t *want, const json_t *got, const char *path, struct why *w)
{
	const char *key;
	const json_t *v;
	char sub[512];
	size_t n = json_array_size(got);
	json_object_foreach((json_t *)want, key, v) {
		if (!strcmp(key, "length")) {
			if (!json_is_integer(v)) {
				say_want(w, path, "(a bad expectation: \"length\" is a number) ", v, got);
				return 0;
			}
			if ((json_int_t)n != json_integer_value(v)) {
				if (w) {
					char *b = dumps(got);
					say(w, path, "want %lld items, got %zu: %s",
					    (long long)json_integer_value(v), n, b);
					free(b);
				}
				return 0;
			}
		} else if (is_index(key)) {
			size_t i = (size_t)strtoul(key, NULL, 10);
			snprintf(sub, sizeof sub, "%s[%s]", path, key);
			if (i >= n) {
				say(w, sub, "no such item: %zu item(s)", n);
				return 0;
			}
			if (!match(v, json_array_get(got, i), sub, w))
				return 0;
		} else if (!strcmp(key, "has")) {
			if (!contains(v, got, path, w))
				return 0;
		} else if (!strcmp(key, "only")) {
			if (!json_is_array(v) || json_array_size(v) != n || !contains(v, got, path, NULL)) {
				say_want(w, path, "exactly (any order) ", v, got);
				return 0;
			}
		} else if (!strcmp(key, "none")) {
			const json_t *x;
			size_t i, j;
			if (!json_is_array(v)) {
				say_want(w, path, "(a bad expectation: \"none\" takes an array) ", v, got);
				return 0;
			}
			json_array_foreach(v, i, x) {
				for (j = 0; j < n; j++) {
					if (!match(x, json_array_get(got, j), "", NULL))
						continue;
					if (w) {
						char *a = dumps(x), *b = dumps(json_array_get(got, j));
						say(w, path, "want no item matching %s, got %s", a, b);
						free(a);
						free(b);
					}
					return 0;
				}
			}
		} else {
			say(w, path, "a bad expectation: \"%s\" against an array "
				     "(length, 0, 1, ..., only, has, none)", key);
			return 0;
		}
	}
	return 1;
}

/* Whether `got` matches `want` (README.md); when not, and `w`, says why. */
static int match(const json_t *want, const json_t *got, const char *path, struct why *w)
{
	if (json_is_object(want) && json_is_array(got))
		return describe(want, got, path, w);
	if (json_is_object(want)) {
		if (!json_is_object(got)) {
			say_want(w, path, "an object ", want, got);
			return 0;
		}
		const char *key;
		const json_t *v;
		char sub[512];
		json_object_foreach((json_t *)want, key, v) {
			snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", key);
			const json_t *g = json_object_get(got, key);
			if (!g) {
				char *a = dumps(v);
				say(w, sub, "want %s, got no such key", a);
				free(a);
				return 0;
			}
			if (!match(v, g, sub, w))
				return 0;
		}
		return 1;
	}
	if (json_is_array(want)) {
		if (!json_is_array(got)) {
			say_want(w, path, "an array holding ", want, got);
			return 0;
		}
		return contains(want, got, path, w);
	}
	if (json_is_number(want)) {
		double a = json_number_value(want);
		if (json_is_number(got) && fabs(json_number_value(got) - a) <= 1e-9 * fmax(1.0, fabs(a)))
			return 1;
		say_want(w, path, "", want, got);
		return 0;
	}
	if (got && json_equal((json_t *)want, (json_t *)got))
		return 1;
	say_want(w, path, "", want, got);
	return 0;
}

/* ---- running ---- */

/* Extracts the case's text; returns what the fragment is matched against
 * (the record and the views) and sets *rec to the record's text (NULL
 * when the text was refused).  NULL when the library failed. */
static json_t *run(const lsn_tables *kb, const struct xcase *c, char **rec, char *err,
		   size_t errlen)
{
	*rec = NULL;
	lsn_doc *doc = NULL;
	size_t bad = 0;
	enum lsn_status st = lsn_doc_new("t", c->text.data ? c->text.data : "", c->text.len,
					 c->published[0] ? c->published : NULL, &doc, &bad);
	if (st != LSN_OK) {
		if (doc) {
			snprintf(err, errlen, "lsn_doc_new refused the text but gave a document");
			lsn_doc_free(doc);
			return NULL;
		}
		json_t *o = json_pack("{s:s}", "@status", status_name(st));
		if (st == LSN_EBINARY)
			json_object_set_new(o, "@bad_offset", json_integer((json_int_t)bad));
		return o;
	}
	json_t *all = NULL;
	struct lsn_buf b;
	lsn_buf_init(&b);
	if ((st = lsn_extract(kb, doc)) != LSN_OK ||
	    (st = lsn_doc_json(doc, &b, LSN_JSON_EXPLAIN)) != LSN_OK) {
		snprintf(err, errlen, "%s", lsn_strerror(st));
		goto done;
	}
	json_error_t jerr;
	if (!b.len || b.data[b.len - 1] != '\n' || !(all = json_loadb(b.data, b.len, 0, &jerr))) {
		snprintf(err, errlen, "the record is not one line of JSON (%s): %.*s",
			 b.len ? jerr.text : "empty", (int)(b.len > 400 ? 400 : b.len),
			 b.data ? b.data : "");
		goto done;
	}
	*rec = strndup(b.data, b.len - 1);
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(all, "relations"), i, r)
		json_object_set_new(r, "@ends",
				    json_pack("[OO]", json_object_get(r, "a"), json_object_get(r, "b")));
	json_t *in = internals(doc);
	json_object_update(all, in);
	json_decref(in);
done:
	lsn_buf_clear(&b);
	lsn_doc_free(doc);
	return all;
}

/* Prints `s`, cut after `max` bytes. */
static void print_cut(const char *label, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		printf("  %s %s\n", label, s);
	else
		printf("  %s %.*s... (%zu bytes)\n", label, (int)max, s, n);
}

static void report(const struct xcase *c, const struct why *w, const char *rec, const json_t *all)
{
	printf("%s:%zu: %s: FAILED\n", c->file, c->line, c->name);
	printf("  %s: %s\n", w->path, w->msg);
	char *e = dumps(c->expect);
	print_cut("expected:", e, 4000);
	free(e);
	if (rec)
		print_cut("record:  ", rec, 4000);
	/* the views, when the fragment asks for some */
	json_t *views = json_object();
	const char *key;
	json_t *v;
	json_object_foreach(c->expect, key, v) if (key[0] == '@')
	{
		json_t *g = json_object_get(all, key);
		json_object_set(views, key, g ? g : json_null());
	}
	if (json_object_size(views)) {
		char *s = dumps(views);
		print_cut("views:   ", s, 4000);
		free(s);
	}
	json_decref(views);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.txt files of `dir`, sorted; NULL-terminated. */
static char **list_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	size_t n = 0, cap = 16;
	char **v = malloc(cap * sizeof *v);
	struct dirent *e;
	while (v && (e = readdir(d))) {
		size_t k = strlen(e->d_name);
		if (k < 5 || e->d_name[0] == '.' || strcmp(e->d_name + k - 4, ".txt"))
			continue;
		if (n + 2 > cap) {
			char **nv = realloc(v, (cap *= 2) * sizeof *v);
			if (!nv) {
				free(v);
				v = NULL;
				break;
			}
			v = nv;
		}
		size_t len = strlen(dir) + k + 2;
		if (!(v[n] = malloc(len)))
			break;
		snprintf(v[n++], len, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (!v)
		return NULL;
	qsort(v, n, sizeof *v, by_name);
	v[n] = NULL;
	return v;
}

int main(int argc, char **argv)
{
	int verbose = 0, argi = 1;
	const char *only = NULL;
	for (; argi < argc && argv[argi][0] == '-'; argi++) {
		if (!strcmp(argv[argi], "-v"))
			verbose = 1;
		else if (!strcmp(argv[argi], "-k") && argi + 1 < argc)
			only = argv[++argi];
		else
			break;
	}
	if (argi >= argc) {
		fprintf(stderr, "usage: extract_cases [-v] [-k PART] CASE-FILE-OR-FOLDER...\n");
		return 2;
	}

	/* every file first: one that cannot be parsed runs none of its cases */
	struct caseset set = {0};
	size_t unparsed = 0;
	char err[600];
	char ***lists = calloc((size_t)argc, sizeof *lists); /* the folders' file names */
	if (!lists)
		return 1;
	for (; argi < argc; argi++) {
		struct stat sb;
		char **files = NULL, *single[2] = {argv[argi], NULL};
		if (stat(argv[argi], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			files = lists[argi] = list_dir(argv[argi]);
			if (!files || !files[0]) {
				fprintf(stderr, "extract_cases: %s: no case files (*.txt)\n", argv[argi]);
				unparsed++;
			}
		}
		for (char **f = files ? files : single; *f; f++)
			if (parse_file(*f, &set, err, sizeof err) < 0) {
				fprintf(stderr, "extract_cases: error: %s\n", err);
				unparsed++;
			}
	}

	lsn_tables *kb = lsn_tables_new(NULL, err, sizeof err);
	if (!kb) {
		fprintf(stderr, "extract_cases: lsn_tables_new: %s\n", err);
		return 1;
	}
	size_t passed = 0, failed = 0;
	for (size_t i = 0; i < set.n; i++) {
		const struct xcase *c = &set.v[i];
		if (only && !strstr(c->name, only))
			continue;
		char *rec = NULL;
		struct why w = {{0}, {0}};
		json_t *all = run(kb, c, &rec, err, sizeof err);
		int ok;
		if (!all) {
			say(&w, "", "%s", err);
			ok = 0;
		} else {
			ok = match(c->expect, all, "", &w);
		}
		if (ok) {
			passed++;
			if (verbose)
				printf("%s:%zu: %s: ok\n", c->file, c->line, c->name);
		} else {
			failed++;
			report(c, &w, rec, all);
		}
		free(rec);
		json_decref(all);
	}
	lsn_tables_free(kb);
	for (size_t i = 0; i < set.n; i++)
		case_clear(&set.v[i]);
	free(set.v);
	for (int i = 0; i < argc; i++)
		for (char **f = lists[i]; f && *f; f++)
			free(*f);
	for (int i = 0; i < argc; i++)
		free(lists[i]);
	free(lists);
	if (unparsed)
		printf("%zu passed, %zu failed, %zu case file(s) not read\n", passed, failed, unparsed);
	else
		printf("%zu passed, %zu failed\n", passed, failed);
	return failed || unparsed || passed + failed == 0 ? 1 : 0;
}
