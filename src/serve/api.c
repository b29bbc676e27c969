/*
 * api.c — the JSON API of `liaison serve` (the HTTP side is serve.c;
 * docs/api.md is the reference with an example of each endpoint): what
 * every endpoint shares (errors, parameters, paged lists, CSV, the memo),
 * /api/stats, /api/ and the routing.  The endpoints are by subject:
 *
 *   api_events.c   events, events/{id}, timeline
 *   api_people.c   people, person/{id}
 *   api_places.c   places, place/{id}, ties, figures, network
 *   api_docs.c     search, documents/{id}
 *
 * Every answer is made by static SQL with bound parameters (the store's
 * statement cache, one store per thread); most build their JSON in SQLite
 * (json_object, json_group_array), so a row is one string to copy.  The
 * filters, look-ups and SQL fragments shared with the command line are the
 * store's (src/store/sql.c, store_int.h): names of places and people go
 * through the knowledge tables as there (lsn_q_parties, lsn_q_people).
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

/* ---- errors ---- */

static void set_error(struct lsn_api *a, int status, const char *code, const char *fmt, va_list ap)
{
	a->status = status;
	snprintf(a->code, sizeof a->code, "%s", code);
	vsnprintf(a->message, sizeof a->message, fmt, ap);
	a->body.len = 0;
}

int lsn_api_bad(struct lsn_api *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_error(a, 400, "bad_parameter", fmt, ap);
	va_end(ap);
	return -1;
}

int lsn_api_not_found(struct lsn_api *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_error(a, 404, "not_found", fmt, ap);
	va_end(ap);
	return -1;
}

/* A failure of ours: 500, "internal error" to the client, the store's
 * message (it names the file) to the log only. */
int lsn_api_internal(struct lsn_api *a, const char *what)
{
	a->status = 500;
	snprintf(a->code, sizeof a->code, "internal");
	snprintf(a->message, sizeof a->message, "internal error");
	snprintf(a->detail, sizeof a->detail, "%s: %s", what, a->st ? lsn_store_errmsg(a->st) : "");
	a->body.len = 0;
	return -1;
}

/* A failure of SQLite on a.st (just after the failing step or reset): as
 * lsn_api_internal, with SQLite's message in the log. */
int lsn_api_db_fail(struct lsn_api *a, const char *what)
{
	lsn_st_dberr(a->st, "SQLite");
	return lsn_api_internal(a, what);
}

/* A failure of the store's look-ups: LSN_EARG is the client's (a place no
 * table knows): 400 with the message less the file name; the rest is ours. */
int lsn_api_store_fail(struct lsn_api *a, enum lsn_status e, const char *what)
{
	if (e != LSN_EARG)
		return lsn_api_internal(a, what);
	const char *m = lsn_store_errmsg(a->st);
	size_t pl = strlen(a->st->path);
	if (!strncmp(m, a->st->path, pl) && m[pl] == ':' && m[pl + 1] == ' ')
		m += pl + 2;
	return lsn_api_bad(a, "%s", m);
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

const char *lsn_api_param(const struct lsn_api *a, const char *key)
{
	for (size_t i = 0; i < a->nparams; i++)
		if (!strcmp(a->params[i].key, key))
			return a->params[i].value;
	return NULL;
}

/* The values of a repeatable parameter (at most max; more is 400). */
int lsn_api_param_all(struct lsn_api *a, const char *key, const char **out, size_t max, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < a->nparams; i++) {
		if (strcmp(a->params[i].key, key))
			continue;
		if (*n >= max)
			return lsn_api_bad(a, "at most %zu '%s' parameters", max, key);
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
int lsn_api_check_params(struct lsn_api *a, const char *const *allowed, int list)
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
			return lsn_api_bad(a, "unknown parameter '%s'", k);
		for (size_t j = 0; j < i && !repeat; j++)
			if (!strcmp(a->params[j].key, k))
				return lsn_api_bad(a, "parameter '%s' given twice", k);
	}
	const char *f = lsn_api_param(a, "format");
	a->format = LSN_API_JSON;
	if (f && !strcmp(f, "csv") && list)
		a->format = LSN_API_CSV;
	else if (f && strcmp(f, "json"))
		return lsn_api_bad(a, list ? "format must be json or csv, not '%s'" : "format must be json, not '%s'",
				   f);
	return 0;
}

int lsn_api_all_lower(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

int lsn_api_langs(struct lsn_api *a, const char *const *v, size_t n, struct lsn_buf *json)
{
	for (size_t i = 0; i < n; i++)
		if (!lsn_api_all_lower(v[i], 2, 3))
			return lsn_api_bad(a, "lang must be a language code (en, zh, vi, ...), not '%s'", v[i]);
	if (n)
		lsn_json_strings(json, v, n);
	return 0;
}

/* A positive integer parameter, at most max; *v unchanged when absent. */
int lsn_api_int_param(struct lsn_api *a, const char *key, long max, long *v)
{
	const char *s = lsn_api_param(a, key);
	if (!s)
		return 0;
	long x = 0;
	size_t n = strlen(s);
	if (!n || n > 9)
		return lsn_api_bad(a, "%s must be a number from 1 to %ld, not '%s'", key, max, s);
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return lsn_api_bad(a, "%s must be a number from 1 to %ld, not '%s'", key, max, s);
		x = x * 10 + (s[i] - '0');
	}
	if (x < 1 || x > max)
		return lsn_api_bad(a, "%s must be a number from 1 to %ld, not '%s'", key, max, s);
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

/* Reads limit (default def, at most max) and cursor. */
int lsn_api_page_init(struct lsn_api *a, struct lsn_api_page *pg, const char *tag, const char *keys, long def,
		      long max)
{
	memset(pg, 0, sizeof *pg);
	pg->tag = tag;
	pg->keys = keys;
	pg->limit = def;
	lsn_buf_init(&pg->items);
	if (lsn_api_int_param(a, "limit", max, &pg->limit))
		return -1;
	const char *c = lsn_api_param(a, "cursor");
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
		return lsn_api_bad(a, "cursor is not valid here (use the 'next' of a page of this list)");
	}
	pg->cursor = j;
	return 0;
}

void lsn_api_page_clear(struct lsn_api_page *pg)
{
	json_decref(pg->cursor);
	lsn_buf_clear(&pg->items);
}

/* Binds the key ?1..?nk (the cursor's, else values below every row) and
 * the limit (one more row than the page, to know whether another follows). */
void lsn_api_page_bind(struct lsn_api_page *pg, lsn_stmt *s, int limit_at)
{
	size_t nk = strlen(pg->keys);
	for (size_t i = 0; i < nk; i++) {
		json_t *v = pg->cursor ? json_array_get(pg->cursor, i + 1) : NULL;
		if (pg->keys[i] == 's')
			lsn_bind_textn(s, (int)i + 1, v ? json_string_value(v) : "", -1, LSN_DB_COPY);
		else
			lsn_bind_double(s, (int)i + 1, v ? json_number_value(v) : -INFINITY);
	}
	lsn_bind_int64(s, limit_at, pg->limit + 1);
}

/* Steps s: column 0 is an item (JSON text, or what `item` makes of the
 * row), columns 1..nk its key.  Returns 0, or -1 (the error set). */
int lsn_api_page_rows(struct lsn_api *a, struct lsn_api_page *pg, lsn_stmt *s, const char *what,
		      lsn_api_item_fn item)
{
	int rc;
	size_t nk = strlen(pg->keys);
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		if ((long)pg->n == pg->limit) /* one more: a next page follows, after the last row */
			break;
		if (pg->n)
			lsn_buf_addc(&pg->items, ',');
		if (!item)
			lsn_buf_add(&pg->items, lsn_col_text(s, 0), (size_t)lsn_col_bytes(s, 0));
		else if (item(a, s, &pg->items, pg->ctx)) {
			lsn_reset(s);
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
				lsn_buf_json_str(&k, lsn_col_text(s, (int)i + 1),
						 (size_t)lsn_col_bytes(s, (int)i + 1));
			else
				lsn_buf_printf(&k, "%.17g", lsn_col_double(s, (int)i + 1));
		}
		lsn_buf_addc(&k, ']');
		if (k.oom || k.len * 4 / 3 + 4 >= sizeof pg->next) {
			pg->next[0] = 0; /* a key too long to page after: the list ends here */
		} else {
			b64url(pg->next, sizeof pg->next, (const unsigned char *)k.data, k.len);
		}
		lsn_buf_clear(&k);
	}
	int more = rc == LSN_DB_ROW;
	lsn_reset(s);
	if (rc != LSN_DB_ROW && rc != LSN_DB_DONE)
		return lsn_api_db_fail(a, what);
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
	else if (json_is_real(v))
		lsn_cell_real(t, json_real_value(v));
	else if (json_is_boolean(v))
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
int lsn_api_to_csv(struct lsn_api *a, const char *items, size_t len, const char *spec)
{
	json_t *arr = json_loadb(items, len, 0, NULL);
	struct lsn_buf *b = &a->body, t;
	char cols[32][48];
	size_t nc = 0;
	if (!arr || !json_is_array(arr)) {
		json_decref(arr);
		return lsn_api_internal(a, "making CSV");
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
int lsn_api_page_answer(struct lsn_api *a, struct lsn_api_page *pg, const char *spec, const char *name)
{
	a->status = 200;
	if (a->format == LSN_API_CSV) {
		struct lsn_buf arr;
		lsn_buf_init(&arr);
		lsn_buf_addc(&arr, '[');
		lsn_buf_add(&arr, pg->items.data ? pg->items.data : "", pg->items.len);
		lsn_buf_addc(&arr, ']');
		int r = arr.oom ? lsn_api_internal(a, "out of memory")
				: lsn_api_to_csv(a, arr.data, arr.len, spec);
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
int lsn_api_one_json(struct lsn_api *a, lsn_stmt *s, int *found, const char *what)
{
	int rc = lsn_step(s);
	*found = rc == LSN_DB_ROW && lsn_col_type(s, 0) != LSN_T_NULL;
	if (*found) {
		a->status = 200;
		lsn_buf_add(&a->body, lsn_col_text(s, 0), (size_t)lsn_col_bytes(s, 0));
		lsn_buf_addc(&a->body, '\n');
	}
	lsn_reset(s);
	if (rc != LSN_DB_ROW && rc != LSN_DB_DONE)
		return lsn_api_db_fail(a, what);
	return 0;
}

lsn_stmt *lsn_api_prep(struct lsn_api *a, const char *sql)
{
	lsn_stmt *s = lsn_st_prep(a->st, sql);
	if (!s)
		lsn_api_internal(a, "preparing a statement");
	return s;
}

int lsn_api_memo_answer(struct lsn_api *a, const char *key)
{
	if (!a->memo || !lsn_memo_get(a->memo, a->gen, key, strlen(key), &a->body))
		return 0;
	a->status = 200;
	return 1;
}

void lsn_api_memo_keep(struct lsn_api *a, const char *key)
{
	if (a->memo && a->status == 200 && !a->body.oom)
		lsn_memo_put(a->memo, a->gen, key, strlen(key), a->body.data, a->body.len);
}

/* ---- /api/stats, /api/ ---- */

static void lsn_api_stats(struct lsn_api *a)
{
	if (lsn_api_check_params(a, (const char *const[]){NULL}, 0))
		return;
	lsn_stmt *s = lsn_api_prep(a,
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
	lsn_bind_textn(s, 1, LSN_VERSION, -1, LSN_DB_STATIC);
	lsn_bind_int(s, 2, lsn_store_schema_version(a->st));
	int found = 0;
	lsn_api_one_json(a, s, &found, "counting");
}

static void lsn_api_index(struct lsn_api *a)
{
	if (lsn_api_check_params(a, (const char *const[]){NULL}, 0))
		return;
	a->status = 200;
	lsn_buf_adds(&a->body,
		"{\"endpoints\":[\"/api/stats\",\"/api/events\",\"/api/events/{id}\",\"/api/people\","
		"\"/api/person/{id}\",\"/api/places\",\"/api/place/{id}\",\"/api/ties\",\"/api/commitments\",\"/api/figures\","
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
	{"", lsn_api_index, NULL},
	{"stats", lsn_api_stats, NULL},
	{"events", lsn_api_events, NULL},
	{"events/", NULL, lsn_api_event},
	{"people", lsn_api_people, NULL},
	{"people/", NULL, lsn_api_person},
	{"person/", NULL, lsn_api_person},
	{"places", lsn_api_places, NULL},
	{"places/", NULL, lsn_api_place},
	{"place/", NULL, lsn_api_place},
	{"ties", lsn_api_ties, NULL},
	{"commitments", lsn_api_commitments, NULL},
	{"figures", lsn_api_figures, NULL},
	{"search", lsn_api_search, NULL},
	{"documents/", NULL, lsn_api_document},
	{"timeline", lsn_api_timeline, NULL},
	{"network", lsn_api_network, NULL},
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
		lsn_api_not_found(a, "no such endpoint: /api/%s (see /api/)", a->path);
	if (a->body.oom)
		lsn_api_internal(a, "out of memory");
	if (a->status != 200)
		lsn_api_error_body(a);
}

