/*
 * serve_api.c — the endpoints of the JSON API of `liaison serve` (the HTTP
 * side is serve.c; docs/api.md is the reference with an example of each).
 *
 *   stats, events, events/{id}, people, person/{id}, places, place/{id},
 *   ties, figures, search, documents/{id}, timeline, network
 *
 * Every answer is made by static SQL with bound parameters (the store's
 * statement cache, one store per thread); most build their JSON in SQLite
 * (json_object, json_group_array), so a row is one string to copy.  Names
 * of places and people go through the knowledge tables as in the command
 * line (lsn_q_parties, lsn_q_people).
 *
 * Lists are paged by key, not by offset: a page is the rows after the key
 * of the last row of the page before, in a fixed order, so a cursor stays
 * valid (and pages neither skip nor repeat rows) however deep it goes.  The
 * cursor is that key as JSON, in base64url: opaque to clients, checked
 * when it comes back.  Any list is also CSV (?format=csv): the same items,
 * flattened by a column list per endpoint.
 */
#define _GNU_SOURCE
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "serve/serve_int.h"

#define MAX_PARTIES 16
#define MAX_LANGS 8

/* ---- errors ---- */

static void set_error(struct lsn_api *a, int status, const char *code, const char *fmt, va_list ap)
{
	a->status = status;
	snprintf(a->code, sizeof a->code, "%s", code);
	vsnprintf(a->message, sizeof a->message, fmt, ap);
	a->body.len = 0;
}

static int bad(struct lsn_api *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(struct lsn_api *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_error(a, 400, "bad_parameter", fmt, ap);
	va_end(ap);
	return -1;
}

static int not_found(struct lsn_api *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int not_found(struct lsn_api *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_error(a, 404, "not_found", fmt, ap);
	va_end(ap);
	return -1;
}

/* A failure of ours: 500, "internal error" to the client, the store's
 * message (it names the file) to the log only. */
static int internal(struct lsn_api *a, const char *what)
{
	a->status = 500;
	snprintf(a->code, sizeof a->code, "internal");
	snprintf(a->message, sizeof a->message, "internal error");
	snprintf(a->detail, sizeof a->detail, "%s: %s", what, a->st ? lsn_store_errmsg(a->st) : "");
	a->body.len = 0;
	return -1;
}

/* A failure of SQLite on a.st (just after the failing step or reset): as
 * internal, with SQLite's message in the log. */
static int db_fail(struct lsn_api *a, const char *what)
{
	lsn_st_dberr(a->st, "SQLite");
	return internal(a, what);
}

/* A failure of the store's look-ups: LSN_EARG is the client's (a place no
 * table knows): 400 with the message less the file name; the rest is ours. */
static int store_fail(struct lsn_api *a, enum lsn_status e, const char *what)
{
	if (e != LSN_EARG)
		return internal(a, what);
	const char *m = lsn_store_errmsg(a->st);
	size_t pl = strlen(a->st->path);
	if (!strncmp(m, a->st->path, pl) && m[pl] == ':' && m[pl + 1] == ' ')
		m += pl + 2;
	return bad(a, "%s", m);
}

void lsn_api_error_body(struct lsn_api *a)
{
	a->body.len = 0;
	a->format = LSN_API_JSON;
	lsn_buf_adds(&a->body, "{\"error\":{\"code\":");
	lsn_buf_json_str(&a->body, a->code, strlen(a->code));
	lsn_buf_adds(&a->body, ",\"message\":");
	lsn_buf_json_str(&a->body, a->message, strlen(a->message));
	lsn_buf_adds(&a->body, "}}\n");
}

/* ---- parameters ---- */

static const char *param(const struct lsn_api *a, const char *key)
{
	for (size_t i = 0; i < a->nparams; i++)
		if (!strcmp(a->params[i].key, key))
			return a->params[i].value;
	return NULL;
}

/* The values of a repeatable parameter (at most max; more is 400). */
static int param_all(struct lsn_api *a, const char *key, const char **out, size_t max, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < a->nparams; i++) {
		if (strcmp(a->params[i].key, key))
			continue;
		if (*n >= max)
			return bad(a, "at most %zu '%s' parameters", max, key);
		out[(*n)++] = a->params[i].value;
	}
	return 0;
}

/*
 * Checks the parameters against `allowed` (NULL-terminated; a name ending
 * in '*' may repeat) and reads `format` (json or csv; csv only when `list`).
 * An unknown or repeated parameter is a 400: a typo should not quietly
 * return everything.
 */
static int check_params(struct lsn_api *a, const char *const *allowed, int list)
{
	for (size_t i = 0; i < a->nparams; i++) {
		const char *k = a->params[i].key;
		int ok = 0, repeat = 0;
		for (size_t j = 0; allowed[j] && !ok; j++) {
			size_t n = strlen(allowed[j]);
			repeat = allowed[j][n - 1] == '*';
			ok = !strncmp(k, allowed[j], n - (size_t)repeat) && !k[n - (size_t)repeat];
		}
		if (!ok && !strcmp(k, "format"))
			ok = 1, repeat = 0;
		if (!ok)
			return bad(a, "unknown parameter '%s'", k);
		for (size_t j = 0; j < i && !repeat; j++)
			if (!strcmp(a->params[j].key, k))
				return bad(a, "parameter '%s' given twice", k);
	}
	const char *f = param(a, "format");
	a->format = LSN_API_JSON;
	if (f && !strcmp(f, "csv") && list)
		a->format = LSN_API_CSV;
	else if (f && strcmp(f, "json"))
		return bad(a, list ? "format must be json or csv, not '%s'" : "format must be json, not '%s'", f);
	return 0;
}

static int all_lower(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

/* A positive integer parameter, at most max; *v unchanged when absent. */
static int int_param(struct lsn_api *a, const char *key, long max, long *v)
{
	const char *s = param(a, key);
	if (!s)
		return 0;
	long x = 0;
	size_t n = strlen(s);
	if (!n || n > 9)
		return bad(a, "%s must be a number from 1 to %ld, not '%s'", key, max, s);
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return bad(a, "%s must be a number from 1 to %ld, not '%s'", key, max, s);
		x = x * 10 + (s[i] - '0');
	}
	if (x < 1 || x > max)
		return bad(a, "%s must be a number from 1 to %ld, not '%s'", key, max, s);
	*v = x;
	return 0;
}

/* ---- base64url (cursors) ---- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void b64url(char *out, size_t cap, const unsigned char *p, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 5 < cap; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) |
			     (i + 2 < n ? p[i + 2] : 0);
		out[o++] = b64[v >> 18 & 63];
		out[o++] = b64[v >> 12 & 63];
		if (i + 1 < n)
			out[o++] = b64[v >> 6 & 63];
		if (i + 2 < n)
			out[o++] = b64[v & 63];
	}
	out[o] = 0;
}

/* Decodes s into out (cap bytes); the length, or -1 when s is not base64url. */
static long unb64url(const char *s, unsigned char *out, size_t cap)
{
	uint32_t v = 0;
	int bits = 0;
	size_t o = 0;
	for (; *s; s++) {
		const char *p = memchr(b64, *s, 64);
		if (!p || !*s)
			return -1;
		v = v << 6 | (uint32_t)(p - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= cap)
				return -1;
			out[o++] = (unsigned char)(v >> bits);
		}
	}
	return (long)o;
}

/* ---- paged lists ---- */

/* A list in the making: its key (the cursor's), the page, the items. */
struct page {
	const char *tag;   /* the endpoint: a cursor of another is refused */
	const char *keys;  /* the type of each key column: 's' text, 'r' real */
	long limit;
	json_t *cursor;    /* the decoded cursor (an array: tag, keys...), or NULL */
	struct lsn_buf items;
	size_t n;
	char next[512];
};

/* Reads limit (default def, at most max) and cursor. */
static int page_init(struct lsn_api *a, struct page *pg, const char *tag, const char *keys, long def, long max)
{
	memset(pg, 0, sizeof *pg);
	pg->tag = tag;
	pg->keys = keys;
	pg->limit = def;
	lsn_buf_init(&pg->items);
	if (int_param(a, "limit", max, &pg->limit))
		return -1;
	const char *c = param(a, "cursor");
	if (!c)
		return 0;
	unsigned char raw[1024];
	long n = strlen(c) < 1300 ? unb64url(c, raw, sizeof raw) : -1;
	json_t *j = n > 0 ? json_loadb((const char *)raw, (size_t)n, JSON_REJECT_DUPLICATES, NULL) : NULL;
	size_t nk = strlen(keys);
	int ok = j && json_is_array(j) && json_array_size(j) == nk + 1 &&
		 json_is_string(json_array_get(j, 0)) && !strcmp(json_string_value(json_array_get(j, 0)), tag);
	for (size_t i = 0; ok && i < nk; i++) {
		json_t *v = json_array_get(j, i + 1);
		ok = keys[i] == 's' ? json_is_string(v) : json_is_number(v);
	}
	if (!ok) {
		json_decref(j);
		return bad(a, "cursor is not valid here (use the 'next' of a page of this list)");
	}
	pg->cursor = j;
	return 0;
}

static void page_clear(struct page *pg)
{
	json_decref(pg->cursor);
	lsn_buf_clear(&pg->items);
}

/* Binds the key ?1..?nk (the cursor's, else values below every row) and
 * the limit (one more row than the page, to know whether another follows). */
static void page_bind(struct page *pg, sqlite3_stmt *s, int limit_at)
{
	size_t nk = strlen(pg->keys);
	for (size_t i = 0; i < nk; i++) {
		json_t *v = pg->cursor ? json_array_get(pg->cursor, i + 1) : NULL;
		if (pg->keys[i] == 's')
			sqlite3_bind_text(s, (int)i + 1, v ? json_string_value(v) : "", -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_double(s, (int)i + 1, v ? json_number_value(v) : -INFINITY);
	}
	sqlite3_bind_int64(s, limit_at, pg->limit + 1);
}

/* Appends the item of the row of s to out: by default its column 0 (JSON text). */
typedef int (*item_fn)(struct lsn_api *a, sqlite3_stmt *row, struct lsn_buf *out);

/* Steps s: column 0 is an item (JSON text, or what `item` makes of the
 * row), columns 1..nk its key.  Returns 0, or -1 (the error set). */
static int page_rows(struct lsn_api *a, struct page *pg, sqlite3_stmt *s, const char *what, item_fn item)
{
	int rc;
	size_t nk = strlen(pg->keys);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((long)pg->n == pg->limit) /* one more: a next page follows, after the last row */
			break;
		if (pg->n)
			lsn_buf_addc(&pg->items, ',');
		if (!item)
			lsn_buf_add(&pg->items, sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
		else if (item(a, s, &pg->items)) {
			sqlite3_reset(s);
			return -1;
		}
		pg->n++;
		/* the key of this row, in case it is the last of the page */
		struct lsn_buf k;
		lsn_buf_init(&k);
		lsn_buf_addc(&k, '[');
		lsn_buf_json_str(&k, pg->tag, strlen(pg->tag));
		for (size_t i = 0; i < nk; i++) {
			lsn_buf_addc(&k, ',');
			if (pg->keys[i] == 's')
				lsn_buf_json_str(&k, (const char *)sqlite3_column_text(s, (int)i + 1),
						 (size_t)sqlite3_column_bytes(s, (int)i + 1));
			else
				lsn_buf_printf(&k, "%.17g", sqlite3_column_double(s, (int)i + 1));
		}
		lsn_buf_addc(&k, ']');
		if (k.oom || k.len * 4 / 3 + 4 >= sizeof pg->next) {
			pg->next[0] = 0; /* a key too long to page after: the list ends here */
		} else {
			b64url(pg->next, sizeof pg->next, (const unsigned char *)k.data, k.len);
		}
		lsn_buf_clear(&k);
	}
	int more = rc == SQLITE_ROW;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(a, what);
	if (!more)
		pg->next[0] = 0;
	return 0;
}

/* ---- CSV ---- */

/* A JSON value as a CSV cell's text: strings as they are, numbers as
 * numbers (a whole real without ".0"), null as nothing. */
static void cell_text(struct lsn_buf *t, json_t *v)
{
	if (!v || json_is_null(v))
		return;
	if (json_is_string(v))
		lsn_buf_add(t, json_string_value(v), json_string_length(v));
	else if (json_is_integer(v))
		lsn_buf_printf(t, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v)) {
		double d = json_real_value(v);
		if (d == floor(d) && fabs(d) < 1e15)
			lsn_buf_printf(t, "%.0f", d);
		else
			lsn_buf_printf(t, "%.10g", d);
	} else if (json_is_boolean(v))
		lsn_buf_adds(t, json_is_true(v) ? "true" : "false");
	else {
		char *d = json_dumps(v, JSON_COMPACT);
		if (d)
			lsn_buf_adds(t, d);
		free(d);
	}
}

/*
 * items (a JSON array) as CSV: one column per name of `spec` (comma-
 * separated).  "a" is the item's field a; a list of values is joined by
 * "; ".  "a.b" is field b of each object of the list a, joined by "; ".
 * The header names the columns with '_' for '.'.  RFC 4180, CRLF.
 */
static int to_csv(struct lsn_api *a, const char *items, size_t len, const char *spec)
{
	json_t *arr = json_loadb(items, len, 0, NULL);
	struct lsn_buf *b = &a->body, t;
	char cols[32][48];
	size_t nc = 0;
	if (!arr || !json_is_array(arr)) {
		json_decref(arr);
		return internal(a, "making CSV");
	}
	for (const char *p = spec; *p && nc < 32;) {
		size_t n = strcspn(p, ",");
		snprintf(cols[nc], sizeof cols[nc], "%.*s", (int)n, p);
		nc++;
		p += n + (p[n] == ',');
	}
	b->len = 0;
	for (size_t c = 0; c < nc; c++) {
		char h[48];
		memcpy(h, cols[c], sizeof h);
		for (char *d = h; *d; d++)
			if (*d == '.')
				*d = '_';
		if (c)
			lsn_buf_addc(b, ',');
		lsn_csv_field(b, h, strlen(h));
	}
	lsn_buf_adds(b, "\r\n");
	lsn_buf_init(&t);
	size_t i;
	json_t *item;
	json_array_foreach(arr, i, item) {
		for (size_t c = 0; c < nc; c++) {
			char key[48];
			const char *dot = strchr(cols[c], '.');
			snprintf(key, sizeof key, "%.*s", (int)(dot ? (size_t)(dot - cols[c]) : strlen(cols[c])), cols[c]);
			json_t *v = json_object_get(item, key);
			t.len = 0;
			if (json_is_array(v)) {
				size_t j;
				json_t *e;
				json_array_foreach(v, j, e) {
					if (j)
						lsn_buf_adds(&t, "; ");
					cell_text(&t, dot ? json_object_get(e, dot + 1) : e);
				}
			} else {
				cell_text(&t, dot && json_is_object(v) ? json_object_get(v, dot + 1) : dot ? NULL : v);
			}
			if (c)
				lsn_buf_addc(b, ',');
			lsn_csv_field(b, t.data ? t.data : "", t.len);
		}
		lsn_buf_adds(b, "\r\n");
	}
	if (t.oom)
		b->oom = 1;
	lsn_buf_clear(&t);
	json_decref(arr);
	return 0;
}

/* The answer of a list: {"items":[...],"next":CURSOR|null} or its CSV. */
static int page_answer(struct lsn_api *a, struct page *pg, const char *spec, const char *name)
{
	a->status = 200;
	if (a->format == LSN_API_CSV) {
		struct lsn_buf arr;
		lsn_buf_init(&arr);
		lsn_buf_addc(&arr, '[');
		lsn_buf_add(&arr, pg->items.data ? pg->items.data : "", pg->items.len);
		lsn_buf_addc(&arr, ']');
		int r = arr.oom ? internal(a, "out of memory") : to_csv(a, arr.data, arr.len, spec);
		lsn_buf_clear(&arr);
		snprintf(a->filename, sizeof a->filename, "%s.csv", name);
		snprintf(a->next, sizeof a->next, "%s", pg->next);
		return r;
	}
	lsn_buf_adds(&a->body, "{\"items\":[");
	lsn_buf_add(&a->body, pg->items.data ? pg->items.data : "", pg->items.len);
	lsn_buf_adds(&a->body, "],\"next\":");
	if (pg->next[0])
		lsn_buf_json_str(&a->body, pg->next, strlen(pg->next));
	else
		lsn_buf_adds(&a->body, "null");
	lsn_buf_adds(&a->body, "}\n");
	return 0;
}

/* One row, one column of JSON text (a whole answer made in SQL) into the
 * body; 0 when there is no row (*found = 0). */
static int one_json(struct lsn_api *a, sqlite3_stmt *s, int *found, const char *what)
{
	int rc = sqlite3_step(s);
	*found = rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL;
	if (*found) {
		a->status = 200;
		lsn_buf_add(&a->body, sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
		lsn_buf_addc(&a->body, '\n');
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(a, what);
	return 0;
}

static sqlite3_stmt *prep(struct lsn_api *a, const char *sql)
{
	sqlite3_stmt *s = lsn_st_prep(a->st, sql);
	if (!s)
		internal(a, "preparing a statement");
	return s;
}

/* ---- event filters (events, timeline) ---- */

static const char *const event_params[] = {"party*", "person", "type", "since", "until", "lang*", NULL};

/* Reads and checks the filters; places and people through the knowledge tables. */
static int event_filter_read(struct lsn_api *a, struct lsn_event_filter *f)
{
	const char *parties[MAX_PARTIES], *langs[MAX_LANGS];
	size_t np = 0, nl = 0;
	enum lsn_status e;
	memset(f, 0, sizeof *f);
	if (param_all(a, "party", parties, MAX_PARTIES, &np) || param_all(a, "lang", langs, MAX_LANGS, &nl))
		return -1;
	f->type = param(a, "type");
	f->since = param(a, "since");
	f->until = param(a, "until");
	if ((e = lsn_event_filter_check(a->st, f)))
		return store_fail(a, e, "checking the filters");
	f->month = param(a, "month");
	if (f->month && (strlen(f->month) != 7 || !lsn_valid_date(f->month)))
		return bad(a, "month must be YYYY-MM, not '%s'", f->month);
	for (size_t i = 0; i < nl; i++)
		if (!all_lower(langs[i], 2, 3))
			return bad(a, "lang must be a language code (en, zh, vi, ...), not '%s'", langs[i]);
	for (size_t i = 0; i < np; i++)
		if (!*parties[i])
			return bad(a, "party must name a place");
	if ((e = lsn_event_filter_parties(a->st, a->kb, parties, np, f)))
		return store_fail(a, e, "finding places");
	const char *person = param(a, "person");
	if (person) {
		if (!*person)
			return bad(a, "person must name someone");
		f->has_people = 1;
		sqlite3_stmt *s = prep(a, "SELECT id FROM people WHERE id = ?1");
		if (!s)
			return -1;
		sqlite3_bind_text(s, 1, person, -1, SQLITE_STATIC);
		int rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc == SQLITE_ROW) {
			lsn_json_strings(&f->people, &person, 1);
		} else if (rc != SQLITE_DONE) {
			return db_fail(a, "finding a person");
		} else {
			size_t n = 0;
			if ((e = lsn_q_people(a->st, a->kb, person, &f->people, &n)))
				return store_fail(a, e, "finding a person");
		}
	}
	if (nl) {
		f->has_langs = 1;
		lsn_json_strings(&f->langs, langs, nl);
	}
	if (f->parties.oom || f->people.oom || f->langs.oom)
		return internal(a, "out of memory");
	return 0;
}

/* ---- /api/events ---- */

/* An event as the lists give it (over `e`). */
#define EVENT_JSON \
	"json_object('id', e.id, 'date', e.date, 'type', e.type, 'place', e.place, " \
	"'participants', json((SELECT json_group_array(json_object('id', x.id, 'name', x.name)) FROM " \
	"  (SELECT p.id, p.name FROM event_participants ep JOIN people p ON p.id = ep.person_id " \
	"   WHERE ep.event_id = e.id ORDER BY ep.n) x)), " \
	"'parties', json((SELECT json_group_array(place) FROM " \
	"  (SELECT place FROM event_parties WHERE event_id = e.id ORDER BY n))), " \
	"'languages', json((SELECT json_group_array(lang) FROM (SELECT DISTINCT d.lang FROM event_sources es " \
	"  JOIN event_mentions m ON m.id = es.event_mention_id JOIN documents d ON d.id = m.document_id " \
	"  WHERE es.event_id = e.id AND d.lang IS NOT NULL ORDER BY d.lang))), " \
	"'n_sources', e.n_sources, 'n_documents', e.n_documents)"

/* The item of the event whose id is column 0 of row: from the memo, else
 * made (the joins cost some 20 us an event) and remembered. */
static int event_item(struct lsn_api *a, sqlite3_stmt *row, struct lsn_buf *out)
{
	char key[600];
	int n = snprintf(key, sizeof key, "e:%s", lsn_col(row, 0));
	size_t klen = n > 0 && (size_t)n < sizeof key ? (size_t)n : 0;
	if (klen && a->memo && lsn_memo_get(a->memo, a->gen, key, klen, out))
		return 0;
	sqlite3_stmt *s = prep(a, "SELECT " EVENT_JSON " FROM events e WHERE e.id = ?1");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, lsn_col(row, 0), -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	size_t at = out->len;
	if (rc == SQLITE_ROW)
		lsn_buf_add(out, sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return db_fail(a, "reading an event");
	if (klen && a->memo && !out->oom)
		lsn_memo_put(a->memo, a->gen, key, klen, out->data + at, out->len - at);
	return 0;
}

static void api_events(struct lsn_api *a)
{
	struct lsn_event_filter f;
	struct page pg;
	memset(&pg, 0, sizeof pg);
	if (check_params(a, (const char *const[]){"party*", "person", "type", "since", "until", "lang*", "month",
						  "limit", "cursor", NULL}, 1) ||
	    page_init(a, &pg, "events", "ss", 50, 1000))
		goto done0;
	if (event_filter_read(a, &f))
		goto done;
	/* in date order, undated last ('~' sorts after digits): the index events_order,
	 * read from the cursor's key, or from the first date the filters allow, to the
	 * last they allow (?11); a date of the year only sorts before the months of its
	 * year ("2024" < "2024-05") and is within since=2024-05: a since-date starts at
	 * its year */
	sqlite3_stmt *s = prep(a,
		"SELECT e.id, coalesce(e.date, '~'), e.id FROM events e "
		"WHERE coalesce(e.date, '~') >= ?1 AND (coalesce(e.date, '~') > ?1 OR e.id > ?2) "
		"AND coalesce(e.date, '~') <= ?11 AND " LSN_SQL_EVENT_WHERE
		"ORDER BY coalesce(e.date, '~'), e.id LIMIT ?9");
	if (!s)
		goto done;
	page_bind(&pg, s, 9);
	lsn_event_filter_bind(&f, s);
	char lo[16] = "", hi[16] = "~~"; /* '~~' sorts after every key */
	const char *from = f.month ? f.month : f.since, *to = f.month ? f.month : f.until;
	if (from) /* a month excludes the dates of its year only: it starts at itself */
		snprintf(lo, sizeof lo, "%.*s", f.month ? 7 : 4, from);
	if (to)
		snprintf(hi, sizeof hi, "%s~", to);
	const char *ck = pg.cursor ? json_string_value(json_array_get(pg.cursor, 1)) : "";
	if (strcmp(lo, ck) > 0) { /* the filters start after the cursor: start there */
		sqlite3_bind_text(s, 1, lo, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, "", -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(s, 11, hi, -1, SQLITE_TRANSIENT);
	if (!page_rows(a, &pg, s, "listing events", event_item))
		page_answer(a, &pg, "id,date,type,place,participants.name,participants.id,parties,languages,"
				    "n_sources,n_documents", "events");
done:
	lsn_event_filter_clear(&f);
done0:
	page_clear(&pg);
}

/* ---- /api/events/{id} ---- */

/* The evidence of a mention `m` in document `d`: its sentence, its byte
 * range in documents.text, and that range in characters (code points). */
#define SPAN_JSON(m) \
	"'span', CASE WHEN " m ".evidence_start IS NULL THEN NULL ELSE json_array(" m ".evidence_start, " \
	m ".evidence_end) END, " \
	"'chars', CASE WHEN " m ".evidence_start IS NULL THEN NULL ELSE json_array(" \
	"  length(CAST(substr(CAST(d.text AS BLOB), 1, " m ".evidence_start) AS TEXT)), " \
	"  length(CAST(substr(CAST(d.text AS BLOB), 1, " m ".evidence_end) AS TEXT))) END"

static void api_event(struct lsn_api *a, const char *id)
{
	if (check_params(a, (const char *const[]){NULL}, 0))
		return;
	sqlite3_stmt *s = prep(a,
		"SELECT json_object('id', e.id, 'date', e.date, 'type', e.type, 'place', e.place, "
		"'n_sources', e.n_sources, 'n_documents', e.n_documents, "
		"'participants', json((SELECT json_group_array(json_object('id', x.id, 'name', x.name, "
		"  'country', x.country)) FROM (SELECT p.id, p.name, p.country FROM event_participants ep "
		"  JOIN people p ON p.id = ep.person_id WHERE ep.event_id = e.id ORDER BY ep.n) x)), "
		"'parties', json((SELECT json_group_array(json_object('id', x.place, 'name', coalesce(l.name, x.place), "
		"  'level', l.level, 'cc', l.cc)) FROM (SELECT place, n FROM event_parties WHERE event_id = e.id "
		"  ORDER BY n) x LEFT JOIN places l ON l.id = x.place)), "
		"'sources', json((SELECT json_group_array(json_object('mention', m.id, 'doc', d.id, 'lang', d.lang, "
		"  'published', d.published, 'url', d.url, 'duplicate_of', d.dup_of, 'type', m.type, 'date', m.date, "
		"  'evidence', m.evidence, " SPAN_JSON("m") ")) FROM "
		"  (SELECT m.* FROM event_sources es JOIN event_mentions m ON m.id = es.event_mention_id "
		"   JOIN documents d ON d.id = m.document_id WHERE es.event_id = e.id "
		"   ORDER BY d.published IS NULL, d.published, m.document_id, m.ordinal) m "
		"  JOIN documents d ON d.id = m.document_id))) "
		"FROM events e WHERE e.id = ?1");
	if (!s)
		return;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int found = 0;
	if (!one_json(a, s, &found, "reading an event") && !found)
		not_found(a, "no event '%s'", id);
}

/* ---- /api/people ---- */

static void api_people(struct lsn_api *a)
{
	struct page pg;
	char key[512] = "";
	memset(&pg, 0, sizeof pg);
	if (check_params(a, (const char *const[]){"country", "role", "name", "limit", "cursor", NULL}, 1) ||
	    page_init(a, &pg, "people", "ss", 50, 1000))
		goto done;
	const char *country = param(a, "country"), *role = param(a, "role"), *name = param(a, "name");
	if (country && (strlen(country) != 2 || !((country[0] | 32) >= 'a' && (country[0] | 32) <= 'z') ||
			!((country[1] | 32) >= 'a' && (country[1] | 32) <= 'z'))) {
		bad(a, "country must be a two-letter code (CN, VN, ...), not '%s'", country);
		goto done;
	}
	if (role && lsn_vocab_find(lsn_roles, role, strlen(role)) <= 0) {
		bad(a, "unknown role '%s' (see the role vocabulary in docs/schema.md)", role);
		goto done;
	}
	if (name) {
		lsn_name_key(name, strlen(name), key, sizeof key);
		if (!key[0]) {
			bad(a, "name must hold letters");
			goto done;
		}
	}
	sqlite3_stmt *s = prep(a,
		"SELECT json_object('id', p.id, 'name', p.name, 'country', p.country, "
		"'roles', json((SELECT json_group_array(json_object('role', r.role, 'org', NULLIF(r.org, ''), "
		"  'first_seen', r.first_seen, 'last_seen', r.last_seen)) FROM (SELECT * FROM person_roles "
		"  WHERE person_id = p.id ORDER BY first_seen IS NULL, first_seen, role, org) r)), "
		"'events', (SELECT count(*) FROM event_participants ep WHERE ep.person_id = p.id), "
		"'documents', p.n_documents), p.name_key, p.id "
		"FROM people p WHERE p.name_key >= ?1 AND (p.name_key > ?1 OR p.id > ?2) "
		"AND (?3 IS NULL OR p.country = ?3 COLLATE NOCASE) "
		"AND (?4 IS NULL OR p.id IN (SELECT person_id FROM person_roles WHERE role = ?4)) "
		"AND (?5 IS NULL OR p.id IN (SELECT person_id FROM person_aliases WHERE instr(folded, ?5) > 0)) "
		"ORDER BY p.name_key, p.id LIMIT ?6");
	if (!s)
		goto done;
	page_bind(&pg, s, 6);
	lsn_bind_text(s, 3, country);
	lsn_bind_text(s, 4, role);
	lsn_bind_text(s, 5, name ? key : NULL);
	if (!page_rows(a, &pg, s, "listing people", NULL))
		page_answer(a, &pg, "id,name,country,roles.role,roles.org,roles.first_seen,roles.last_seen,events,"
				    "documents", "people");
done:
	page_clear(&pg);
}

/* ---- /api/person/{id} ---- */

static void api_person(struct lsn_api *a, const char *id)
{
	if (check_params(a, (const char *const[]){NULL}, 0))
		return;
	/* by id, else by any name (the person most documents name) */
	struct lsn_buf ids;
	char pid[512];
	size_t n = 0;
	snprintf(pid, sizeof pid, "%s", id);
	lsn_buf_init(&ids);
	sqlite3_stmt *s = prep(a, "SELECT 1 FROM people WHERE id = ?1");
	if (!s)
		return;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_fail(a, "finding a person");
		return;
	}
	if (rc == SQLITE_DONE) {
		enum lsn_status e = lsn_q_people(a->st, a->kb, id, &ids, &n);
		json_t *j = !e && n ? json_loadb(ids.data, ids.len, 0, NULL) : NULL;
		if (j && json_is_string(json_array_get(j, 0)))
			snprintf(pid, sizeof pid, "%s", json_string_value(json_array_get(j, 0)));
		json_decref(j);
		lsn_buf_clear(&ids);
		if (e) {
			store_fail(a, e, "finding a person");
			return;
		}
		if (!n) {
			not_found(a, "no one named '%s'", id);
			return;
		}
	}
	if (!(s = prep(a,
		"SELECT json_object('id', p.id, 'name', p.name, 'country', p.country, "
		"'first_seen', p.first_seen, 'last_seen', p.last_seen, 'documents', p.n_documents, "
		"'names', json((SELECT json_group_array(json_object('name', alias, 'script', script, "
		"  'documents', n_documents)) FROM (SELECT alias, script, n_documents FROM person_aliases "
		"  WHERE person_id = p.id ORDER BY script <> 'latin', n_documents DESC, alias))), "
		"'roles', json((SELECT json_group_array(json_object('role', role, 'org', NULLIF(org, ''), "
		"  'first_seen', first_seen, 'last_seen', last_seen, 'documents', n_documents)) FROM "
		"  (SELECT * FROM person_roles WHERE person_id = p.id "
		"   ORDER BY first_seen IS NULL, first_seen, role, org))), "
		"'n_events', (SELECT count(*) FROM event_participants WHERE person_id = p.id), "
		"'events', json((SELECT json_group_array(json_object('id', e.id, 'date', e.date, 'type', e.type, "
		"  'place', e.place, 'with', json((SELECT json_group_array(json_object('id', y.id, 'name', y.name)) "
		"    FROM (SELECT q.id, q.name FROM event_participants x JOIN people q ON q.id = x.person_id "
		"    WHERE x.event_id = e.id AND x.person_id <> p.id ORDER BY x.n) y)), "
		"  'parties', json((SELECT json_group_array(place) FROM (SELECT place FROM event_parties "
		"    WHERE event_id = e.id ORDER BY n))), 'n_sources', e.n_sources)) FROM "
		"  (SELECT e.* FROM event_participants ep JOIN events e ON e.id = ep.event_id "
		"   WHERE ep.person_id = p.id ORDER BY coalesce(e.date, '~'), e.id LIMIT 1000) e)), "
		"'co_participants', json((SELECT json_group_array(json_object('id', id, 'name', name, 'events', n)) "
		"  FROM (SELECT q.id, q.name, count(*) AS n FROM event_participants x "
		"  JOIN event_participants y ON y.event_id = x.event_id AND y.person_id <> x.person_id "
		"  JOIN people q ON q.id = y.person_id WHERE x.person_id = p.id "
		"  GROUP BY q.id ORDER BY n DESC, q.name, q.id LIMIT 200))), "
		"'sources', json((SELECT json_group_array(json_object('doc', d.id, 'lang', d.lang, "
		"  'published', d.published, 'role', m.role, 'org', m.org, 'evidence', CASE WHEN m.evidence_start "
		"  IS NULL THEN NULL ELSE CAST(substr(CAST(d.text AS BLOB), m.evidence_start + 1, "
		"  m.evidence_end - m.evidence_start) AS TEXT) END, " SPAN_JSON("m") ")) FROM "
		"  (SELECT * FROM person_mentions WHERE person_id = p.id) m JOIN documents d ON d.id = m.document_id "
		"  ORDER BY d.published IS NULL, d.published, m.document_id, m.ordinal))) "
		"FROM people p WHERE p.id = ?1")))
		return;
	sqlite3_bind_text(s, 1, pid, -1, SQLITE_TRANSIENT);
	int found = 0;
	if (!one_json(a, s, &found, "reading a person") && !found)
		not_found(a, "no one named '%s'", id);
}

/* ---- /api/places, /api/place/{id} ---- */

static void api_places(struct lsn_api *a)
{
	struct page pg;
	memset(&pg, 0, sizeof pg);
	if (check_params(a, (const char *const[]){"level", "cc", "limit", "cursor", NULL}, 1) ||
	    page_init(a, &pg, "places", "s", 100, 1000))
		goto done;
	const char *level = param(a, "level"), *cc = param(a, "cc");
	if (level && !all_lower(level, 3, 12)) {
		bad(a, "level must be country, province, city, district or bloc, not '%s'", level);
		goto done;
	}
	if (cc && strlen(cc) != 2) {
		bad(a, "cc must be a two-letter code (CN, VN, ...), not '%s'", cc);
		goto done;
	}
	sqlite3_stmt *s = prep(a,
		"SELECT json_object('id', l.id, 'name', l.name, 'level', l.level, 'parent', l.parent, 'cc', l.cc, "
		"'events', (SELECT count(*) FROM event_parties x WHERE x.place = l.id), "
		"'ties', (SELECT count(*) FROM (SELECT DISTINCT type, min(a, b), max(a, b) FROM relations r "
		"  WHERE (r.a = l.id OR r.b = l.id) AND r.a IS NOT NULL AND r.b IS NOT NULL)), "
		"'figures', (SELECT count(DISTINCT figure_id) FROM figure_parties fp WHERE fp.place = l.id)), l.id "
		"FROM places l WHERE l.id > ?1 AND (?2 IS NULL OR l.level = ?2) "
		"AND (?3 IS NULL OR l.cc = ?3 COLLATE NOCASE) ORDER BY l.id LIMIT ?4");
	if (!s)
		goto done;
	page_bind(&pg, s, 4);
	lsn_bind_text(s, 2, level);
	lsn_bind_text(s, 3, cc);
	if (!page_rows(a, &pg, s, "listing places", NULL))
		page_answer(a, &pg, "id,name,level,parent,cc,events,ties,figures", "places");
done:
	page_clear(&pg);
}

/* Ties: the relations grouped by type and ends, each with the earliest year
 * and the documents that state it (by id), over `relations` filtered by WHERE. */
#define TIES_FROM(where) \
	"(SELECT type, ta, tb, min(since) AS since, json_group_array(DISTINCT document_id) AS docs FROM " \
	" (SELECT type, " LSN_SQL_TIE_A("") " AS ta, " LSN_SQL_TIE_B("") " AS tb, since, document_id FROM relations " \
	"  WHERE a IS NOT NULL AND b IS NOT NULL AND " where " ORDER BY 1, 2, 3, document_id) " \
	" GROUP BY type, ta, tb ORDER BY type, ta, tb) t"

/* A figure's parties, from its key ("A|B"), as a JSON array. */
#define FIGURE_PARTIES \
	"json(CASE WHEN g.parties_key = '' THEN '[]' ELSE " \
	"  '[\"' || replace(replace(replace(g.parties_key, '\\', '\\\\'), '\"', '\\\"'), '|', '\",\"') || '\"]' END)"

/* The memo of whole answers that aggregate over many events (a place, the
 * network): the key, and whether the answer came from it. */
static int answer_from_memo(struct lsn_api *a, const char *key)
{
	if (!a->memo || !lsn_memo_get(a->memo, a->gen, key, strlen(key), &a->body))
		return 0;
	a->status = 200;
	return 1;
}

static void answer_to_memo(struct lsn_api *a, const char *key)
{
	if (a->memo && a->status == 200 && !a->body.oom)
		lsn_memo_put(a->memo, a->gen, key, strlen(key), a->body.data, a->body.len);
}

static void api_place(struct lsn_api *a, const char *id)
{
	char key[600];
	if (check_params(a, (const char *const[]){NULL}, 0))
		return;
	snprintf(key, sizeof key, "P:%s", id);
	if (answer_from_memo(a, key))
		return;
	/* the id, or any name of the place the knowledge tables know */
	const char *pid = a->kb ? lsn_tables_place_name(a->kb, id) : NULL;
	sqlite3_stmt *s = prep(a,
		"SELECT json_object('id', l.id, 'name', l.name, 'level', l.level, 'parent', l.parent, 'cc', l.cc, "
		"'events', (SELECT count(*) FROM event_parties x WHERE x.place = l.id), "
		"'first_event', (SELECT min(e.date) FROM event_parties x JOIN events e ON e.id = x.event_id "
		"  WHERE x.place = l.id), "
		"'last_event', (SELECT max(e.date) FROM event_parties x JOIN events e ON e.id = x.event_id "
		"  WHERE x.place = l.id), "
		"'ties', json((SELECT json_group_array(json_object('type', t.type, 'a', t.ta, 'b', t.tb, "
		"  'other', CASE WHEN t.ta = l.id THEN t.tb ELSE t.ta END, 'since', t.since, "
		"  'documents', json(t.docs))) FROM " TIES_FROM("(a = l.id OR b = l.id)") ")), "
		"'partners', json((SELECT json_group_array(json_object('id', q.place, 'name', "
		"  coalesce(k.name, q.place), 'level', k.level, 'cc', k.cc, 'events', q.n)) FROM "
		"  (SELECT y.place, count(DISTINCT y.event_id) AS n FROM event_parties x JOIN event_parties y "
		"   ON y.event_id = x.event_id AND y.place <> x.place WHERE x.place = l.id "
		"   GROUP BY y.place ORDER BY n DESC, y.place LIMIT 100) q LEFT JOIN places k ON k.id = q.place)), "
		"'people', json((SELECT json_group_array(json_object('id', q.person_id, 'name', r.name, "
		"  'country', r.country, 'events', q.n)) FROM "
		"  (SELECT ep.person_id, count(*) AS n FROM event_parties x JOIN event_participants ep "
		"   ON ep.event_id = x.event_id WHERE x.place = l.id GROUP BY ep.person_id "
		"   ORDER BY n DESC, ep.person_id LIMIT 50) q JOIN people r ON r.id = q.person_id)), "
		"'figures', json((SELECT json_group_array(json_object('metric', g.metric, 'period', g.period, "
		"  'year', CAST(substr(g.period, 1, 4) AS INTEGER), 'value', g.value, 'unit', g.unit, "
		"  'change_pct', g.change_pct, 'parties', " FIGURE_PARTIES ", 'documents', json(g.docs))) "
		"  FROM (SELECT metric, period, value, unit, change_pct, parties_key, "
		"   json_group_array(DISTINCT document_id) AS docs FROM (SELECT * FROM figures "
		"   WHERE id IN (SELECT figure_id FROM figure_parties WHERE place = l.id) ORDER BY document_id) "
		"   GROUP BY metric, period, value, unit, change_pct, parties_key "
		"   ORDER BY metric, unit, period IS NULL, period, value DESC, parties_key LIMIT 1000) g))) "
		"FROM places l WHERE l.id = ?1 OR (?2 IS NULL AND l.id = ?3 COLLATE NOCASE) "
		"ORDER BY l.id = ?1 DESC LIMIT 1");
	if (!s)
		return;
	sqlite3_bind_text(s, 1, pid ? pid : id, -1, SQLITE_STATIC);
	lsn_bind_text(s, 2, pid);
	sqlite3_bind_text(s, 3, id, -1, SQLITE_STATIC);
	int found = 0;
	if (!one_json(a, s, &found, "reading a place") && !found)
		not_found(a, "no place '%s' in the knowledge base", id);
	answer_to_memo(a, key);
}

/* ---- /api/ties, /api/figures ---- */

static void api_ties(struct lsn_api *a)
{
	struct page pg;
	struct lsn_buf parties;
	const char *names[MAX_PARTIES];
	size_t np = 0;
	memset(&pg, 0, sizeof pg);
	lsn_buf_init(&parties);
	if (check_params(a, (const char *const[]){"party*", "type", "limit", "cursor", NULL}, 1) ||
	    page_init(a, &pg, "ties", "sss", 100, 1000) || param_all(a, "party", names, MAX_PARTIES, &np))
		goto done;
	const char *type = param(a, "type");
	if (type && strcmp(type, "sister_city") && strcmp(type, "partnership") && strcmp(type, "consulate")) {
		bad(a, "type must be sister_city, partnership or consulate, not '%s'", type);
		goto done;
	}
	enum lsn_status e = lsn_q_parties(a->st, a->kb, names, np, &parties);
	if (e) {
		store_fail(a, e, "finding places");
		goto done;
	}
	sqlite3_stmt *s = prep(a,
		"SELECT json_object('type', t.type, 'a', t.ta, 'b', t.tb, 'since', t.since, "
		"'documents', json(t.docs)), t.type, t.ta, t.tb FROM "
		TIES_FROM("(?4 IS NULL OR type = ?4) AND (?5 IS NULL OR " LSN_SQL_TIE_PARTIES("?5") ")")
		" WHERE (t.type, t.ta, t.tb) > (?1, ?2, ?3) ORDER BY t.type, t.ta, t.tb LIMIT ?6");
	if (!s)
		goto done;
	page_bind(&pg, s, 6);
	lsn_bind_text(s, 4, type);
	if (np)
		sqlite3_bind_text(s, 5, parties.data, (int)parties.len, SQLITE_STATIC);
	if (!page_rows(a, &pg, s, "listing ties", NULL))
		page_answer(a, &pg, "type,a,b,since,documents", "ties");
done:
	lsn_buf_clear(&parties);
	page_clear(&pg);
}

static void api_figures(struct lsn_api *a)
{
	struct page pg;
	struct lsn_buf parties;
	const char *names[MAX_PARTIES];
	size_t np = 0;
	memset(&pg, 0, sizeof pg);
	lsn_buf_init(&parties);
	if (check_params(a, (const char *const[]){"party*", "metric", "limit", "cursor", NULL}, 1) ||
	    page_init(a, &pg, "figures", "ssrss", 100, 1000) ||
	    param_all(a, "party", names, MAX_PARTIES, &np))
		goto done;
	const char *metric = param(a, "metric");
	if (metric && lsn_vocab_find(lsn_metrics, metric, strlen(metric)) <= 0) {
		bad(a, "unknown metric '%s' (trade, export, import, investment, gdp, visitors, other)", metric);
		goto done;
	}
	enum lsn_status e = lsn_q_parties(a->st, a->kb, names, np, &parties);
	if (e) {
		store_fail(a, e, "finding places");
		goto done;
	}
	/* one row per figure stated, however many documents state it (by id);
	 * the key orders as `liaison figures` does: metric, period (none last),
	 * value (largest first), unit, parties; the index figures_list gives
	 * the groups in that order, so a page reads only its rows and those before */
	sqlite3_stmt *s = prep(a,
		"SELECT json_object('metric', g.metric, 'period', g.period, 'value', g.value, 'unit', g.unit, "
		"'change_pct', g.change_pct, 'parties', " FIGURE_PARTIES ", 'documents', json(g.docs)), "
		"k1, k2, k3, k4, k5 FROM "
		"(SELECT metric, period, value, unit, change_pct, parties_key, "
		" json_group_array(DISTINCT document_id) AS docs, metric AS k1, coalesce(period, '~') AS k2, "
		" -value AS k3, unit AS k4, parties_key || '|' || coalesce(change_pct, '') AS k5 "
		" FROM figures f WHERE metric >= ?1 AND (?6 IS NULL OR metric = ?6) "
		" AND (?7 IS NULL OR " LSN_SQL_FIGURE_PARTIES("?7") ") "
		" GROUP BY metric, coalesce(period, '~'), -value, unit, parties_key || '|' || coalesce(change_pct, '') "
		" HAVING (k1, k2, k3, k4, k5) > (?1, ?2, ?3, ?4, ?5) "
		" ORDER BY k1, k2, k3, k4, k5 LIMIT ?8) g");
	if (!s)
		goto done;
	page_bind(&pg, s, 8);
	lsn_bind_text(s, 6, metric);
	if (np)
		sqlite3_bind_text(s, 7, parties.data, (int)parties.len, SQLITE_STATIC);
	if (!page_rows(a, &pg, s, "listing figures", NULL))
		page_answer(a, &pg, "metric,period,value,unit,change_pct,parties,documents", "figures");
done:
	lsn_buf_clear(&parties);
	page_clear(&pg);
}

/* ---- /api/search ---- */

static void api_search(struct lsn_api *a)
{
	struct page pg;
	struct lsn_buf fts, langs;
	char terms[LSN_SEARCH_TERMS][256];
	const char *lv[MAX_LANGS];
	size_t nterms = 0, nl = 0;
	memset(&pg, 0, sizeof pg);
	lsn_buf_init(&fts);
	lsn_buf_init(&langs);
	if (check_params(a, (const char *const[]){"q", "lang*", "limit", "cursor", NULL}, 1) ||
	    page_init(a, &pg, "search", "rs", 20, 200) || param_all(a, "lang", lv, MAX_LANGS, &nl))
		goto done;
	const char *q = param(a, "q");
	if (!q || !*q) {
		bad(a, "q (the words to find) is required");
		goto done;
	}
	if (strlen(q) > 1000) {
		bad(a, "q is too long (1000 bytes at most)");
		goto done;
	}
	for (size_t i = 0; i < nl; i++)
		if (!all_lower(lv[i], 2, 3)) {
			bad(a, "lang must be a language code (en, zh, vi, ...), not '%s'", lv[i]);
			goto done;
		}
	if (lsn_q_search_terms(q, &fts, terms, &nterms)) {
		internal(a, "out of memory");
		goto done;
	}
	if (!nterms) {
		bad(a, "nothing to search for in '%s'", q);
		goto done;
	}
	if (nl)
		lsn_json_strings(&langs, lv, nl);
	/* best first (bm25: lower is better), then by document id */
	sqlite3_stmt *s = prep(a,
		"SELECT d.id, d.lang, d.published, d.text, r.rank FROM "
		"(SELECT rowid AS docno, bm25(doc_fts) AS rank FROM doc_fts WHERE doc_fts MATCH ?3) r "
		"JOIN documents d ON d.docno = r.docno "
		"WHERE (r.rank, d.id) > (?1, ?2) AND (?4 IS NULL OR d.lang IN (SELECT value FROM json_each(?4))) "
		"ORDER BY r.rank, d.id LIMIT ?5");
	if (!s)
		goto done;
	page_bind(&pg, s, 5);
	sqlite3_bind_text(s, 3, fts.data, (int)fts.len, SQLITE_STATIC);
	if (nl)
		sqlite3_bind_text(s, 4, langs.data, (int)langs.len, SQLITE_STATIC);
	int rc;
	struct lsn_buf it;
	lsn_buf_init(&it);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((long)pg.n == pg.limit)
			break;
		const char *text = (const char *)sqlite3_column_text(s, 3);
		size_t len = (size_t)sqlite3_column_bytes(s, 3), ms = 0, me = 0, x = 0, z = 0;
		int found = lsn_q_find_match(text ? text : "", len, terms, nterms, &ms, &me);
		if (found < 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		it.len = 0;
		lsn_buf_adds(&it, "{\"doc\":");
		lsn_buf_json_str(&it, (const char *)sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
		lsn_buf_adds(&it, ",\"lang\":");
		if (sqlite3_column_type(s, 1) == SQLITE_NULL)
			lsn_buf_adds(&it, "null");
		else
			lsn_buf_json_str(&it, lsn_col(s, 1), strlen(lsn_col(s, 1)));
		lsn_buf_adds(&it, ",\"published\":");
		if (sqlite3_column_type(s, 2) == SQLITE_NULL)
			lsn_buf_adds(&it, "null");
		else
			lsn_buf_json_str(&it, lsn_col(s, 2), strlen(lsn_col(s, 2)));
		lsn_buf_adds(&it, ",\"snippet\":");
		if (found) {
			/* the snippet as three strings: the page marks the middle one */
			lsn_q_snippet_bounds(text, len, ms, me, &x, &z);
			struct lsn_buf t;
			lsn_buf_init(&t);
			if (x > 0 && text[x - 1] != '\n')
				lsn_buf_adds(&t, "\xe2\x80\xa6");
			lsn_buf_add(&t, text + x, ms - x);
			lsn_buf_adds(&it, "{\"before\":");
			lsn_buf_json_str(&it, t.data ? t.data : "", t.len);
			lsn_buf_adds(&it, ",\"match\":");
			lsn_buf_json_str(&it, text + ms, me - ms);
			t.len = 0;
			lsn_buf_add(&t, text + me, z - me);
			if (z < len && text[z] != '\n')
				lsn_buf_adds(&t, "\xe2\x80\xa6");
			lsn_buf_adds(&it, ",\"after\":");
			lsn_buf_json_str(&it, t.data ? t.data : "", t.len);
			lsn_buf_printf(&it, "},\"match\":[%zu,%zu]", ms, me);
			if (t.oom)
				it.oom = 1;
			lsn_buf_clear(&t);
		} else {
			lsn_buf_adds(&it, "null,\"match\":null");
		}
		lsn_buf_printf(&it, ",\"rank\":%.6g}", sqlite3_column_double(s, 4));
		if (pg.n)
			lsn_buf_addc(&pg.items, ',');
		lsn_buf_add(&pg.items, it.data, it.len);
		pg.n++;
		struct lsn_buf k;
		lsn_buf_init(&k);
		lsn_buf_printf(&k, "[\"search\",%.17g,", sqlite3_column_double(s, 4));
		lsn_buf_json_str(&k, lsn_col(s, 0), strlen(lsn_col(s, 0)));
		lsn_buf_addc(&k, ']');
		if (k.oom || k.len * 4 / 3 + 4 >= sizeof pg.next)
			pg.next[0] = 0;
		else
			b64url(pg.next, sizeof pg.next, (const unsigned char *)k.data, k.len);
		lsn_buf_clear(&k);
	}
	int more = rc == SQLITE_ROW && (long)pg.n == pg.limit;
	sqlite3_reset(s);
	if (it.oom)
		pg.items.oom = 1;
	lsn_buf_clear(&it);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_fail(a, "searching");
		goto done;
	}
	if (!more)
		pg.next[0] = 0;
	page_answer(a, &pg, "doc,lang,published,snippet.before,snippet.match,snippet.after,rank", "search");
done:
	lsn_buf_clear(&fts);
	lsn_buf_clear(&langs);
	page_clear(&pg);
}

/* ---- /api/documents/{id} ---- */

static void api_document(struct lsn_api *a, const char *id)
{
	if (check_params(a, (const char *const[]){NULL}, 0))
		return;
	/* every fact with its evidence: the byte range in text (as stored) and
	 * in characters (code points: a Python str index; the page converts to
	 * UTF-16 for JavaScript) */
	sqlite3_stmt *s = prep(a,
		"SELECT json_object('id', d.id, 'lang', d.lang, 'published', d.published, 'url', d.url, "
		"'duplicate_of', d.dup_of, 'bytes', d.bytes, "
		"'fields', json((SELECT json_group_array(field) FROM (SELECT field FROM document_fields "
		"  WHERE document_id = d.id ORDER BY field))), "
		"'text', d.text, "
		"'facts', json((SELECT json_group_array(json(f)) FROM (SELECT f FROM ("
		"  SELECT m.evidence_start AS s, 0 AS k, m.ordinal AS o, json_object('kind', 'event', 'id', m.id, "
		"    'event', m.event_id, 'type', m.type, 'date', m.date, 'place', m.place, " SPAN_JSON("m") ") AS f "
		"    FROM event_mentions m WHERE m.document_id = d.id "
		"  UNION ALL SELECT m.evidence_start, 1, m.ordinal, json_object('kind', 'person', 'id', m.id, "
		"    'person', m.person_id, 'name', m.name, 'role', m.role, 'org', m.org, 'country', m.country, "
		"    " SPAN_JSON("m") ") FROM person_mentions m WHERE m.document_id = d.id AND m.listed = 1) "
		"  ORDER BY s IS NULL, s, k, o))), "
		"'figures', json((SELECT json_group_array(json_object('id', g.id, 'metric', g.metric, "
		"  'period', g.period, 'value', g.value, 'unit', g.unit, 'change_pct', g.change_pct, "
		"  'parties', " FIGURE_PARTIES ")) FROM (SELECT * FROM figures WHERE document_id = d.id "
		"  ORDER BY ordinal) g)), "
		"'relations', json((SELECT json_group_array(json_object('id', r.id, 'type', r.type, 'a', r.a, "
		"  'b', r.b, 'since', r.since)) FROM (SELECT * FROM relations WHERE document_id = d.id "
		"  ORDER BY ordinal) r))) "
		"FROM documents d WHERE d.id = ?1");
	if (!s)
		return;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	int found = 0;
	if (!one_json(a, s, &found, "reading a document") && !found)
		not_found(a, "no document '%s'", id);
}

/* ---- /api/timeline ---- */

static void api_timeline(struct lsn_api *a)
{
	struct lsn_event_filter f;
	if (check_params(a, event_params, 1))
		return;
	if (event_filter_read(a, &f))
		goto done;
	size_t ntypes = lsn_vocab_len(lsn_ev_types);
	/* per month (YYYY-MM) and type; dates with the year only are counted apart */
	sqlite3_stmt *s = prep(a,
		"SELECT CASE WHEN length(e.date) >= 7 THEN substr(e.date, 1, 7) END AS month, e.type, count(*) "
		"FROM events e WHERE " LSN_SQL_EVENT_WHERE "GROUP BY month, e.type ORDER BY month IS NULL, month, e.type");
	if (!s)
		goto done;
	lsn_event_filter_bind(&f, s);
	long long *counts = calloc(ntypes + 1, sizeof *counts), undated = 0;
	char month[8] = "";
	int rc, first = 1;
	struct lsn_buf *b = &a->body;
	struct lsn_buf items;
	lsn_buf_init(&items);
	if (!counts) {
		sqlite3_reset(s);
		internal(a, "out of memory");
		goto done;
	}
	for (;;) {
		rc = sqlite3_step(s);
		const char *m = rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL ? lsn_col(s, 0) : NULL;
		if (month[0] && (!m || strcmp(m, month))) { /* a month is complete */
			long long total = 0;
			for (size_t t = 1; t < ntypes; t++)
				total += counts[t];
			lsn_buf_printf(&items, "%s{\"month\":\"%s\",\"total\":%lld", first ? "" : ",", month, total);
			for (size_t t = 1; t < ntypes; t++)
				lsn_buf_printf(&items, ",\"%s\":%lld", lsn_ev_types[t], counts[t]);
			lsn_buf_addc(&items, '}');
			first = 0;
			memset(counts, 0, (ntypes + 1) * sizeof *counts);
			month[0] = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		const char *type = lsn_col(s, 1);
		long long n = sqlite3_column_int64(s, 2);
		if (!m) {
			undated += n;
			continue;
		}
		snprintf(month, sizeof month, "%s", m);
		int t = lsn_vocab_find(lsn_ev_types, type, strlen(type));
		if (t > 0 && (size_t)t < ntypes)
			counts[t] += n;
	}
	sqlite3_reset(s);
	free(counts);
	if (rc != SQLITE_DONE) {
		lsn_buf_clear(&items);
		db_fail(a, "counting events");
		goto done;
	}
	a->status = 200;
	char spec[256] = "month,total";
	for (size_t t = 1; t < ntypes; t++)
		snprintf(spec + strlen(spec), sizeof spec - strlen(spec), ",%s", lsn_ev_types[t]);
	if (a->format == LSN_API_CSV) {
		struct lsn_buf arr;
		lsn_buf_init(&arr);
		lsn_buf_addc(&arr, '[');
		lsn_buf_add(&arr, items.data ? items.data : "", items.len);
		lsn_buf_addc(&arr, ']');
		to_csv(a, arr.data, arr.len, spec);
		snprintf(a->filename, sizeof a->filename, "timeline.csv");
		lsn_buf_clear(&arr);
	} else {
		lsn_buf_adds(b, "{\"types\":[");
		for (size_t t = 1; t < ntypes; t++)
			lsn_buf_printf(b, "%s\"%s\"", t > 1 ? "," : "", lsn_ev_types[t]);
		lsn_buf_adds(b, "],\"items\":[");
		lsn_buf_add(b, items.data ? items.data : "", items.len);
		lsn_buf_printf(b, "],\"undated\":%lld}\n", undated);
	}
	if (items.oom)
		b->oom = 1;
	lsn_buf_clear(&items);
done:
	lsn_event_filter_clear(&f);
}

/* ---- /api/network ---- */

static void api_network(struct lsn_api *a)
{
	long limit = 100, min_weight = 1;
	if (check_params(a, (const char *const[]){"limit", "min_weight", "part", NULL}, 1) ||
	    int_param(a, "limit", 2000, &limit) || int_param(a, "min_weight", 1000000, &min_weight))
		return;
	const char *part = param(a, "part");
	if (part && strcmp(part, "nodes") && strcmp(part, "edges")) {
		bad(a, "part must be nodes or edges, not '%s'", part);
		return;
	}
	char key[80];
	snprintf(key, sizeof key, "N:%ld:%ld:%s:%d", limit, min_weight, part ? part : "", (int)a->format);
	if (answer_from_memo(a, key)) {
		if (a->format == LSN_API_CSV)
			snprintf(a->filename, sizeof a->filename, "network-%s.csv",
				 part && !strcmp(part, "nodes") ? "nodes" : "edges");
		return;
	}
	/* the nodes: the people and places in most events */
	sqlite3_stmt *s = prep(a,
		"WITH n(kind, ref, events) AS ("
		" SELECT 'person', person_id, count(*) FROM event_participants GROUP BY person_id "
		" UNION ALL SELECT 'place', place, count(*) FROM event_parties GROUP BY place) "
		"SELECT json_object('id', CASE kind WHEN 'person' THEN 'p:' ELSE 'l:' END || ref, 'kind', kind, "
		"'ref', ref, 'label', CASE kind WHEN 'person' THEN (SELECT name FROM people WHERE id = ref) "
		"  ELSE coalesce((SELECT name FROM places WHERE id = ref), ref) END, "
		"'country', CASE kind WHEN 'person' THEN (SELECT country FROM people WHERE id = ref) "
		"  ELSE (SELECT cc FROM places WHERE id = ref) END, 'events', events), kind, ref "
		"FROM n ORDER BY events DESC, kind, ref LIMIT ?1");
	if (!s)
		return;
	sqlite3_bind_int64(s, 1, limit);
	struct lsn_buf nodes, refs, edges;
	lsn_buf_init(&nodes);
	lsn_buf_init(&refs);
	lsn_buf_init(&edges);
	int rc;
	size_t n = 0;
	lsn_buf_addc(&refs, '[');
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n)
			lsn_buf_addc(&nodes, ','), lsn_buf_addc(&refs, ',');
		lsn_buf_add(&nodes, sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
		lsn_buf_addc(&refs, '[');
		lsn_buf_json_str(&refs, lsn_col(s, 1), strlen(lsn_col(s, 1)));
		lsn_buf_addc(&refs, ',');
		lsn_buf_json_str(&refs, lsn_col(s, 2), strlen(lsn_col(s, 2)));
		lsn_buf_addc(&refs, ']');
		n++;
	}
	lsn_buf_addc(&refs, ']');
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		db_fail(a, "listing the nodes of the network");
		goto done;
	}
	/* the edges between them: events they share */
	if (!(s = prep(a,
		"WITH t(kind, ref) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
		"  FROM json_each(?1)), "
		"m(event_id, node) AS MATERIALIZED ("
		"  SELECT ep.event_id, 'p:' || ep.person_id FROM t JOIN event_participants ep "
		"    ON t.kind = 'person' AND ep.person_id = t.ref "
		"  UNION SELECT x.event_id, 'l:' || x.place FROM t JOIN event_parties x "
		"    ON t.kind = 'place' AND x.place = t.ref) "
		"SELECT json_object('source', a.node, 'target', b.node, 'weight', count(*)) FROM m a "
		"JOIN m b ON b.event_id = a.event_id AND a.node < b.node "
		"GROUP BY a.node, b.node HAVING count(*) >= ?2 ORDER BY count(*) DESC, a.node, b.node LIMIT 20000")))
		goto done;
	sqlite3_bind_text(s, 1, refs.data, (int)refs.len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, min_weight);
	size_t ne = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (ne++)
			lsn_buf_addc(&edges, ',');
		lsn_buf_add(&edges, sqlite3_column_text(s, 0), (size_t)sqlite3_column_bytes(s, 0));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		db_fail(a, "listing the edges of the network");
		goto done;
	}
	a->status = 200;
	if (a->format == LSN_API_CSV) {
		int nodes_part = part && !strcmp(part, "nodes");
		struct lsn_buf *src = nodes_part ? &nodes : &edges, arr;
		lsn_buf_init(&arr);
		lsn_buf_addc(&arr, '[');
		lsn_buf_add(&arr, src->data ? src->data : "", src->len);
		lsn_buf_addc(&arr, ']');
		to_csv(a, arr.data, arr.len, nodes_part ? "id,kind,ref,label,country,events" : "source,target,weight");
		snprintf(a->filename, sizeof a->filename, "network-%s.csv", nodes_part ? "nodes" : "edges");
		lsn_buf_clear(&arr);
	} else {
		lsn_buf_adds(&a->body, "{\"nodes\":[");
		lsn_buf_add(&a->body, nodes.data ? nodes.data : "", nodes.len);
		lsn_buf_adds(&a->body, "],\"edges\":[");
		lsn_buf_add(&a->body, edges.data ? edges.data : "", edges.len);
		lsn_buf_adds(&a->body, "]}\n");
	}
	if (nodes.oom || refs.oom || edges.oom)
		a->body.oom = 1;
	answer_to_memo(a, key);
done:
	lsn_buf_clear(&nodes);
	lsn_buf_clear(&refs);
	lsn_buf_clear(&edges);
}

/* ---- /api/stats, /api/ ---- */

static void api_stats(struct lsn_api *a)
{
	if (check_params(a, (const char *const[]){NULL}, 0))
		return;
	sqlite3_stmt *s = prep(a,
		"SELECT json_object('version', ?1, 'schema', ?2, "
		"'documents', (SELECT count(*) FROM documents), "
		"'duplicates', (SELECT count(*) FROM documents WHERE dup_of IS NOT NULL), "
		"'languages', json((SELECT json_group_object(coalesce(lang, 'und'), n) FROM "
		"  (SELECT lang, count(*) AS n FROM documents GROUP BY lang ORDER BY lang))), "
		"'people', (SELECT count(*) FROM people), 'events', (SELECT count(*) FROM events), "
		"'places', (SELECT count(*) FROM places), "
		"'first_date', (SELECT min(date) FROM events), 'last_date', (SELECT max(date) FROM events))");
	if (!s)
		return;
	sqlite3_bind_text(s, 1, LSN_VERSION, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, lsn_store_schema_version(a->st));
	int found = 0;
	one_json(a, s, &found, "counting");
}

static void api_index(struct lsn_api *a)
{
	if (check_params(a, (const char *const[]){NULL}, 0))
		return;
	a->status = 200;
	lsn_buf_adds(&a->body,
		"{\"endpoints\":[\"/api/stats\",\"/api/events\",\"/api/events/{id}\",\"/api/people\","
		"\"/api/person/{id}\",\"/api/places\",\"/api/place/{id}\",\"/api/ties\",\"/api/figures\","
		"\"/api/search\",\"/api/documents/{id}\",\"/api/timeline\",\"/api/network\"],"
		"\"documentation\":\"docs/api.md\"}\n");
}

/* ---- routing ---- */

struct route {
	const char *name; /* the path after /api/; "x/" takes an id */
	void (*list)(struct lsn_api *);
	void (*one)(struct lsn_api *, const char *id);
};

static const struct route routes[] = {
	{"", api_index, NULL},
	{"stats", api_stats, NULL},
	{"events", api_events, NULL},
	{"events/", NULL, api_event},
	{"people", api_people, NULL},
	{"people/", NULL, api_person},
	{"person/", NULL, api_person},
	{"places", api_places, NULL},
	{"places/", NULL, api_place},
	{"place/", NULL, api_place},
	{"ties", api_ties, NULL},
	{"figures", api_figures, NULL},
	{"search", api_search, NULL},
	{"documents/", NULL, api_document},
	{"timeline", api_timeline, NULL},
	{"network", api_network, NULL},
};

void lsn_api_handle(struct lsn_api *a)
{
	a->status = 0;
	a->format = LSN_API_JSON;
	for (size_t i = 0; i < LSN_ARRAY_LEN(routes); i++) {
		const struct route *r = &routes[i];
		size_t n = strlen(r->name);
		if (r->one && !strncmp(a->path, r->name, n) && a->path[n]) {
			r->one(a, a->path + n);
			break;
		}
		if (r->list && !strcmp(a->path, r->name)) {
			r->list(a);
			break;
		}
	}
	if (!a->status)
		not_found(a, "no such endpoint: /api/%s (see /api/)", a->path);
	if (a->body.oom)
		internal(a, "out of memory");
	if (a->status != 200)
		lsn_api_error_body(a);
}
