/*
 * serve_int.h — private to the HTTP server: the transport (serve.c:
 * libmicrohttpd, static files, errors, headers) and the endpoints of the
 * JSON API (serve_api.c: one function per endpoint, SQL through the store's
 * prepared-statement cache).  The endpoints know nothing of HTTP beyond a
 * status code; the transport knows nothing of the tables.
 */
#ifndef LSN_SERVE_INT_H
#define LSN_SERVE_INT_H

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

/* ---- serve_memo.c: rendered JSON shared by the threads ---- */

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

#endif
