/*
 * serve_int.h — private to the HTTP server: the transport (serve.c:
 * libmicrohttpd, static files, errors, headers) and the endpoints of the
 * JSON API (api.c and api_*.c: one function per endpoint, SQL through the
 * store's prepared-statement cache).  The endpoints know nothing of HTTP
 * beyond a status code; the transport knows nothing of the tables.
 */
#ifndef LSN_SERVE_INT_H
#define LSN_SERVE_INT_H

#include <jansson.h>
#include <stddef.h>
#include "store/store_int.h"

/* ---- the page (generated from web/ by cmake/embed_web.cmake) ---- */

struct lsn_web_file {
	const char *path; /* "/index.html" */
	const char *type; /* its Content-Type */
	const unsigned char *data;
	size_t len;
};
extern const struct lsn_web_file lsn_web_files[]; /* ends with a NULL path */

/* ---- memo.c: rendered JSON shared by the threads ---- */

struct lsn_memo;

/* A memo holding at most about max_bytes; NULL when out of memory. */
struct lsn_memo *lsn_memo_new(size_t max_bytes);
void lsn_memo_free(struct lsn_memo *m);
/* Appends the value of `key` to out and returns 1 when the memo holds it
 * for generation `gen`; else 0. */
int lsn_memo_get(struct lsn_memo *m, unsigned gen, const char *key, size_t klen, struct lsn_buf *out);
/* Remembers val for key in generation gen (silently nothing when out of memory). */
void lsn_memo_put(struct lsn_memo *m, unsigned gen, const char *key, size_t klen, const char *val,
		  size_t vlen);

/* ---- one API request ---- */

#define LSN_API_MAX_PARAMS 64

struct lsn_api_param {
	const char *key, *value; /* NUL-terminated, valid UTF-8 (checked by serve.c) */
};

enum lsn_api_format { LSN_API_JSON, LSN_API_CSV };

/* What serve.c hands an endpoint, and what the endpoint gives back. */
struct lsn_api {
	/* in */
	lsn_store *st;           /* this thread's read-only store */
	const lsn_tables *kb;
	struct lsn_memo *memo;   /* may be NULL: no memo */
	unsigned gen;            /* the generation of the database this request reads */
	const char *path;        /* after "/api/", unescaped: "events", "person/chen-jining" */
	struct lsn_api_param params[LSN_API_MAX_PARAMS];
	size_t nparams;
	/* out */
	int status;              /* 200, 400, 404, 500 */
	enum lsn_api_format format;
	struct lsn_buf body;     /* the JSON (or CSV) body */
	char filename[64];       /* CSV: the name to save it under */
	char next[512];          /* CSV of a list: the cursor of the next page, or "" */
	char code[32];           /* an error: its code ("bad_parameter", "not_found", ...) */
	char message[512];       /* an error: what to tell the client (nothing internal) */
	char detail[1024];       /* an error of ours: what to log (never sent) */
};

/*
 * Answers one GET of /api/...: fills a->status and a->body (JSON or CSV), or
 * an error (status, code, message; detail for the log).  Never fails
 * otherwise: out of memory is a 500.
 */
void lsn_api_handle(struct lsn_api *a);

/* Writes {"error":{"code":...,"message":...}} as a->body. */
void lsn_api_error_body(struct lsn_api *a);

/* ---- api.c: what the endpoints share ---- */

#define LSN_API_MAX_PARTIES 16 /* most party= of a request */
#define LSN_API_MAX_LANGS 8    /* most lang= of a request */

/* The errors of a request: each sets a->status, code and message and
 * returns -1.  bad: 400 bad_parameter; not_found: 404; internal: 500, the
 * store's message in the log only; db_fail: internal after a failure of
 * SQLite on a->st; store_fail: LSN_EARG of a look-up is the client's (400,
 * the message less the file name), the rest internal. */
int lsn_api_bad(struct lsn_api *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int lsn_api_not_found(struct lsn_api *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int lsn_api_internal(struct lsn_api *a, const char *what);
int lsn_api_db_fail(struct lsn_api *a, const char *what);
int lsn_api_store_fail(struct lsn_api *a, enum lsn_status e, const char *what);

/* The value of parameter key, or NULL. */
const char *lsn_api_param(const struct lsn_api *a, const char *key);
/* The values of a repeatable parameter (at most max; more is 400). */
int lsn_api_param_all(struct lsn_api *a, const char *key, const char **out, size_t max, size_t *n);
/* Checks the parameters against `allowed` (NULL-terminated; a name ending
 * in '*' may repeat) and reads `format` (json, or csv when `list`); an
 * unknown or repeated parameter is a 400. */
int lsn_api_check_params(struct lsn_api *a, const char *const *allowed, int list);
/* 1 when s is min to max letters a-z. */
int lsn_api_all_lower(const char *s, size_t min, size_t max);
/* Checks the language codes v[0..n) (a 400 for one that is not) and makes
 * them a JSON array in json (left empty when n is 0). */
int lsn_api_langs(struct lsn_api *a, const char *const *v, size_t n, struct lsn_buf *json);
/* A positive integer parameter, at most max; *v unchanged when absent. */
int lsn_api_int_param(struct lsn_api *a, const char *key, long max, long *v);

/* A list in the making: its key (the cursor's), the page, the items. */
struct lsn_api_page {
	const char *tag;   /* the endpoint: a cursor of another is refused */
	const char *keys;  /* the type of each key column: 's' text, 'r' real */
	long limit;
	json_t *cursor;    /* the decoded cursor (an array: tag, keys...), or NULL */
	struct lsn_buf items;
	size_t n;
	char next[512];
	const void *ctx;   /* for the item function */
};

/* Appends the item of the row of s to out (ctx: the page's); 0, or -1 with
 * the error set. */
typedef int (*lsn_api_item_fn)(struct lsn_api *a, lsn_stmt *row, struct lsn_buf *out,
			       const void *ctx);

/* Reads limit (default def, at most max) and cursor of a list whose key
 * columns have the types `keys`. */
int lsn_api_page_init(struct lsn_api *a, struct lsn_api_page *pg, const char *tag, const char *keys, long def,
		      long max);
void lsn_api_page_clear(struct lsn_api_page *pg);
/* Binds the key ?1..?nk (the cursor's, else values below every row) and
 * the limit ?limit_at (one more row than the page). */
void lsn_api_page_bind(struct lsn_api_page *pg, lsn_stmt *s, int limit_at);
/* Steps s: column 0 is an item (JSON text, or what `item` makes of the
 * row), columns 1..nk its key.  Returns 0, or -1 (the error set). */
int lsn_api_page_rows(struct lsn_api *a, struct lsn_api_page *pg, lsn_stmt *s, const char *what,
		      lsn_api_item_fn item);
/* The answer of a list: {"items":[...],"next":CURSOR|null}, or its CSV
 * (columns `spec`, as lsn_api_to_csv) saved as NAME.csv. */
int lsn_api_page_answer(struct lsn_api *a, struct lsn_api_page *pg, const char *spec, const char *name);
/* items (a JSON array, len bytes) as the CSV body: one column per name of
 * `spec` (comma-separated); "a.b" is field b of each object of list a. */
int lsn_api_to_csv(struct lsn_api *a, const char *items, size_t len, const char *spec);
/* One row, one column of JSON text (a whole answer made in SQL) into the
 * body; 0 when there is no row (*found = 0). */
int lsn_api_one_json(struct lsn_api *a, lsn_stmt *s, int *found, const char *what);
/* The cached statement for sql (a string literal), or NULL (500 set). */
lsn_stmt *lsn_api_prep(struct lsn_api *a, const char *sql);
/* The memo of whole answers: 1 when the answer of key came from it (status
 * 200 set); keep remembers a 200 answer under key. */
int lsn_api_memo_answer(struct lsn_api *a, const char *key);
void lsn_api_memo_keep(struct lsn_api *a, const char *key);

/* ---- the endpoints (docs/api.md), routed by lsn_api_handle ---- */

/* api_events.c */
void lsn_api_events(struct lsn_api *a);
void lsn_api_event(struct lsn_api *a, const char *id);
void lsn_api_timeline(struct lsn_api *a);
/* api_people.c */
void lsn_api_people(struct lsn_api *a);
void lsn_api_person(struct lsn_api *a, const char *id);
/* api_places.c */
void lsn_api_places(struct lsn_api *a);
void lsn_api_place(struct lsn_api *a, const char *id);
void lsn_api_ties(struct lsn_api *a);
void lsn_api_commitments(struct lsn_api *a);
void lsn_api_figures(struct lsn_api *a);
void lsn_api_network(struct lsn_api *a);
/* api_docs.c */
void lsn_api_search(struct lsn_api *a);
void lsn_api_document(struct lsn_api *a, const char *id);

#endif
