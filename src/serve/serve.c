/*
 * serve.c — `liaison serve`: the HTTP transport of the JSON API and the web
 * page, on libmicrohttpd.  The end of the pipeline (DESIGN.md: store ->
 * query -> HTTP API + web page); it reads the knowledge base and never
 * writes it.
 *
 * What is here: listening (127.0.0.1 unless told otherwise), a pool of
 * threads each with its own read-only store (opened on its first request),
 * the limits of a request (URL and header size, body size, parameters),
 * the methods (GET and HEAD; 405 else), the static files of web/ (embedded
 * at build time: a path is looked up in a table, never on a disk, so no
 * path can leave it), the headers that keep the page's data inert
 * (Content-Security-Policy, nosniff), and errors as JSON that name nothing
 * internal (the details go to the log).  The endpoints are in serve_api.c.
 *
 * libmicrohttpd calls the access handler several times per request: the
 * first call only registers it (answering then would make every reply
 * "Connection: close"), later ones bring the body, the last one answers.
 *
 * What a client cannot do (docs/security.md): hold more than
 * max_per_address connections at once, take more than header_timeout
 * seconds in all to send a request's line and headers (a sweeper thread
 * closes such connections: libmicrohttpd's own timeout restarts on every
 * byte), send more parameters than the API takes (refused before
 * libmicrohttpd stores them: past a few hundred its memory pool runs out
 * and it answers nothing), send HTTP/1.1 without a Host header or with two,
 * get libmicrohttpd's doubled reply to a Content-Length it cannot read
 * (bad_length), flood the log (libmicrohttpd's messages are rate-limited).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "serve/serve_int.h"

#define MAX_TARGET (8u << 10)    /* path + query string: longer is 413 */
#define MAX_BODY (16u << 10)     /* a body (ignored by every endpoint): larger is 413 */
#define MEMORY_LIMIT (32u << 10) /* per connection: request line and headers (libmicrohttpd
				    itself answers 414/431 past it) */
#define MAX_CONNECTIONS 1000
#define MAX_PER_ADDRESS 128      /* connections at once from one address (default) */
#define IDLE_TIMEOUT 30          /* seconds without a byte in or out (libmicrohttpd's) */
#define HEADER_TIMEOUT 10        /* seconds for a request's line and headers, all of them
				    (default) */

/* Content-Security-Policy of the page: its own scripts and styles only, no
 * inline code, no frames, no form posts, no connections but to itself. */
#define CSP "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
	    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/* A client connection, known from its opening to its closing: the sweeper
 * closes it when it has been waiting for a request's line and headers for
 * longer than the deadline. */
struct conn {
	struct MHD_Connection *mc;
	int fd;
	int waiting;         /* waiting for a request's line and headers */
	long long since;     /* since when (ms, monotonic): the opening or the last reply */
	int line_seen;       /* a request's line is read, its headers are being read ... */
	pthread_t owner;     /* ... by this thread */
	struct conn *prev, *next;
};

struct worker {
	lsn_store *st;
	unsigned data_version; /* SQLite's, of this connection: it changes when another commits */
	struct worker *next;
};

struct lsn_server {
	struct MHD_Daemon *d;
	char *db;
	const lsn_tables *kb;
	FILE *log;
	pthread_key_t key;         /* the calling thread's struct worker */
	int key_made;
	pthread_mutex_t mu;        /* guards workers */
	struct worker *workers;
	unsigned port;
	int loopback;              /* listening on a loopback address: Host must say so too */
	char (*etag)[24];          /* one per web file */
	struct lsn_memo *memo;     /* rendered events, or NULL */
	unsigned gen;              /* generation of the database (atomic): a change moves it on */
	/* the connections and the sweeper that enforces the header deadline */
	pthread_mutex_t cmu;       /* guards conns, stopping */
	pthread_cond_t cwake;
	struct conn *conns;
	long long header_ms;
	int stopping;
	int sweeper_made;
	pthread_t sweeper;
	/* libmicrohttpd's messages: at most MHD_LOG_PER_SECOND a second (one a
	 * connection: a flood of connections must not become a flood of log) */
	pthread_mutex_t lmu;
	long long log_second;
	unsigned logged, not_logged;
};

#define MHD_LOG_PER_SECOND 20

#define MEMO_BYTES (64u << 20)

/* *con_cls of a request (libmicrohttpd's pointer for it) until a body
 * comes (then the count of its bytes, malloc'ed): */
static char marks[4];
#define REQ_NEW (&marks[0])  /* its line read, its headers not yet */
#define REQ_SEEN (&marks[1]) /* its headers read: answered on a later call */
#define REQ_MANY (&marks[2]) /* more parameters than the API takes: refused */
#define REQ_LONG (&marks[3]) /* a query longer than MAX_TARGET: refused */
#define IS_MARK(p) ((char *)(p) >= marks && (char *)(p) < marks + sizeof marks)

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void logf_(struct lsn_server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(struct lsn_server *s, const char *fmt, ...)
{
	if (!s->log)
		return;
	char line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fprintf(s->log, "liaison: serve: %s\n", line);
	fflush(s->log);
}

static void bad_length(struct lsn_server *s, int too_large);

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct lsn_server *s = cls;
	if (strstr(fmt, "Content-Length") && (strstr(fmt, "Failed to parse") || strstr(fmt, "Too large value")))
		bad_length(s, strstr(fmt, "Too large value") != NULL);
	long long second = now_ms() / 1000;
	unsigned skipped = 0;
	int show;
	pthread_mutex_lock(&s->lmu);
	if (second != s->log_second) {
		skipped = s->not_logged;
		s->log_second = second;
		s->logged = s->not_logged = 0;
	}
	show = s->logged < MHD_LOG_PER_SECOND;
	if (show)
		s->logged++;
	else
		s->not_logged++;
	pthread_mutex_unlock(&s->lmu);
	if (skipped)
		logf_(s, "http: %u more messages not shown (at most %d a second)", skipped, MHD_LOG_PER_SECOND);
	if (!show)
		return;
	char line[1024];
	vsnprintf(line, sizeof line, fmt, ap);
	line[strcspn(line, "\n")] = 0;
	logf_(s, "http: %s", line);
}

/* ---- text checks ---- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'f')
		return (c | 32) - 'a' + 10;
	return -1;
}

/* 1 when s[0..n) is valid UTF-8 without control characters (C0, DEL). */
static int clean_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned c = p[i];
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return 0;
			i++;
			continue;
		}
		size_t k = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : 0;
		if (!k || c > 0xf4 || k > n - i - 1)
			return 0;
		unsigned cp = c & (0x3f >> k);
		for (size_t j = 1; j <= k; j++) {
			if ((p[i + j] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* A path is served only when it is clean UTF-8, absolute, without '\\' and
 * without a "." or ".." segment (after libmicrohttpd's %-decoding). */
static int clean_path(const char *p)
{
	size_t n = strlen(p);
	if (!n || p[0] != '/' || !clean_utf8(p, n) || strchr(p, '\\'))
		return 0;
	for (const char *seg = p + 1;; ) {
		const char *end = strchr(seg, '/');
		size_t len = end ? (size_t)(end - seg) : strlen(seg);
		if ((len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return 0;
		if (!end)
			return 1;
		seg = end + 1;
	}
}

/* The Host header names this machine: localhost, 127.x.y.z or [::1], with
 * or without a port.  (A page elsewhere cannot then reach the API through
 * a name that resolves here: DNS rebinding.) */
static int local_host_header(const char *h)
{
	if (!h)
		return 1; /* HTTP/1.0 */
	char host[256];
	size_t n = strlen(h);
	if (n >= sizeof host)
		return 0;
	memcpy(host, h, n + 1);
	if (host[0] == '[') {
		char *end = strchr(host, ']');
		if (!end)
			return 0;
		*end = 0;
		return !strcmp(host + 1, "::1");
	}
	char *colon = strchr(host, ':');
	if (colon)
		*colon = 0;
	if (!strcasecmp(host, "localhost"))
		return 1;
	struct in_addr a;
	return inet_pton(AF_INET, host, &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

/* libmicrohttpd's %-decoding of the path and the query, in place, but for
 * %00: a NUL would cut the text short unseen ("/index.html%00.js"), so it
 * becomes a byte that is never valid UTF-8 and the request is refused. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	char *w = s;
	for (const char *r = s; *r; r++) {
		int hi, lo;
		if (*r == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0) {
			int v = hi << 4 | lo;
			*w++ = (char)(v ? v : 0xff);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = 0;
	return (size_t)(w - s);
}

/* ---- replies ---- */

static void common_headers(struct MHD_Response *r)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
}

/* Queues `body` (malloc'ed, taken over; may be NULL when len is 0). */
static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *type, char *body,
			     size_t len, struct MHD_Response **keep)
{
	struct MHD_Response *r = body ? MHD_create_response_from_buffer_with_free_callback(len, body, free)
				      : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (!r) {
		free(body);
		return MHD_NO;
	}
	common_headers(r);
	if (type)
		MHD_add_response_header(r, "Content-Type", type);
	if (keep) {
		*keep = r; /* the caller adds headers, queues, destroys */
		return MHD_YES;
	}
	enum MHD_Result ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

/* An error as JSON: {"error":{"code":...,"message":...}}. */
static enum MHD_Result reply_error(struct MHD_Connection *c, unsigned status, const char *code,
				   const char *message)
{
	struct lsn_buf b;
	lsn_buf_init(&b);
	lsn_buf_adds(&b, "{\"error\":{\"code\":");
	lsn_buf_json_str(&b, code, strlen(code));
	lsn_buf_adds(&b, ",\"message\":");
	lsn_buf_json_str(&b, message, strlen(message));
	lsn_buf_adds(&b, "}}\n");
	if (b.oom) {
		lsn_buf_clear(&b);
		return MHD_NO;
	}
	struct MHD_Response *r = NULL;
	if (reply(c, status, "application/json; charset=utf-8", b.data, b.len, &r) != MHD_YES)
		return MHD_NO;
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, "Allow", "GET, HEAD");
	enum MHD_Result ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

/* ---- static files ---- */

static enum MHD_Result serve_file(struct lsn_server *s, struct MHD_Connection *c, const char *path)
{
	if (!strcmp(path, "/"))
		path = "/index.html";
	for (size_t i = 0; lsn_web_files[i].path; i++) {
		const struct lsn_web_file *f = &lsn_web_files[i];
		if (strcmp(f->path, path))
			continue;
		const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
		int fresh = inm && !strcmp(inm, s->etag[i]);
		struct MHD_Response *r = MHD_create_response_from_buffer(fresh ? 0 : f->len, (void *)f->data,
									  MHD_RESPMEM_PERSISTENT);
		if (!r)
			return MHD_NO;
		common_headers(r);
		MHD_add_response_header(r, "Content-Type", f->type);
		MHD_add_response_header(r, "ETag", s->etag[i]);
		MHD_add_response_header(r, "Cache-Control", "no-cache");
		if (!strncmp(f->type, "text/html", 9))
			MHD_add_response_header(r, "Content-Security-Policy", CSP);
		enum MHD_Result ok = MHD_queue_response(c, fresh ? MHD_HTTP_NOT_MODIFIED : MHD_HTTP_OK, r);
		MHD_destroy_response(r);
		return ok;
	}
	return reply_error(c, MHD_HTTP_NOT_FOUND, "not_found", "no such page");
}

/* ---- the API ---- */

/* The data version of w's connection (lsn_store_data_version), or 0 when it
 * cannot be read. */
static unsigned data_version(struct worker *w) { return (unsigned)lsn_store_data_version(w->st); }

/* This thread's read-only store, opened on its first request, and the
 * generation of the database it reads: when its connection sees a change
 * made by another (an ingest), the memo's entries are of the past. */
static lsn_store *thread_store(struct lsn_server *s, unsigned *gen, char *err, size_t errlen)
{
	struct worker *w = pthread_getspecific(s->key);
	if (w) {
		unsigned v = data_version(w);
		if (v != w->data_version) {
			w->data_version = v;
			__atomic_add_fetch(&s->gen, 1, __ATOMIC_SEQ_CST);
		}
		*gen = __atomic_load_n(&s->gen, __ATOMIC_SEQ_CST);
		return w->st;
	}
	if (!(w = calloc(1, sizeof *w))) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (lsn_store_open(s->db, LSN_STORE_READONLY, &w->st, err, errlen)) {
		free(w);
		return NULL;
	}
	w->data_version = data_version(w);
	pthread_mutex_lock(&s->mu);
	w->next = s->workers;
	s->workers = w;
	pthread_mutex_unlock(&s->mu);
	pthread_setspecific(s->key, w);
	/* the database may have changed before this connection's first look */
	*gen = __atomic_add_fetch(&s->gen, 1, __ATOMIC_SEQ_CST);
	return w->st;
}

struct params {
	struct lsn_api *a;
	size_t bytes;
	int bad; /* 1 too many, 2 not clean text */
};

static enum MHD_Result param(void *cls, enum MHD_ValueKind kind, const char *key, size_t klen,
			     const char *value, size_t vlen)
{
	struct params *p = cls;
	(void)kind;
	p->bytes += klen + vlen + 2;
	if (p->a->nparams >= LSN_API_MAX_PARAMS) {
		p->bad = 1;
		return MHD_NO;
	}
	if (!value)
		value = "", vlen = 0;
	/* a %00 or a control character, invalid UTF-8: refused here, so the
	 * endpoints see clean text only */
	if (strlen(key) != klen || strlen(value) != vlen || !clean_utf8(key, klen) ||
	    !clean_utf8(value, vlen)) {
		p->bad = 2;
		return MHD_NO;
	}
	p->a->params[p->a->nparams].key = key;
	p->a->params[p->a->nparams].value = value;
	p->a->nparams++;
	return MHD_YES;
}

static enum MHD_Result serve_api(struct lsn_server *s, struct MHD_Connection *c, const char *url,
				 const char *method)
{
	struct lsn_api *a = calloc(1, sizeof *a);
	if (!a)
		return reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "internal error");
	struct params p = {a, strlen(url), 0};
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, param, &p);
	enum MHD_Result ok;
	char err[1024];
	if (p.bytes > MAX_TARGET) {
		ok = reply_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "the request is too large");
		goto done;
	}
	if (p.bad) {
		ok = reply_error(c, MHD_HTTP_BAD_REQUEST, "bad_parameter",
				 p.bad == 1 ? "too many parameters" : "a parameter is not valid UTF-8 text");
		goto done;
	}
	a->path = url[4] == '/' ? url + 5 : url + 4;
	a->kb = s->kb;
	a->memo = s->memo;
	if (!(a->st = thread_store(s, &a->gen, err, sizeof err))) {
		logf_(s, "%s %s: %s", method, url, err);
		ok = reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "internal error");
		goto done;
	}
	lsn_api_handle(a);
	if (a->status >= 500)
		logf_(s, "%s %s: %s", method, url, a->detail[0] ? a->detail : a->message);
	if (a->status != 200 && !a->body.len)
		lsn_api_error_body(a);
	if (a->body.oom) {
		ok = reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "internal error");
		goto done;
	}
	struct MHD_Response *r = NULL;
	int csv = a->status == 200 && a->format == LSN_API_CSV;
	if (reply(c, (unsigned)a->status, csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
		  a->body.data, a->body.len, &r) != MHD_YES) {
		ok = MHD_NO;
		goto done;
	}
	a->body.data = NULL; /* the response owns it now */
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (csv) {
		char disp[128];
		snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", a->filename[0] ? a->filename : "list.csv");
		MHD_add_response_header(r, "Content-Disposition", disp);
		if (a->next[0])
			MHD_add_response_header(r, "X-Next-Cursor", a->next);
	}
	ok = MHD_queue_response(c, (unsigned)a->status, r);
	MHD_destroy_response(r);
done:
	lsn_buf_clear(&a->body);
	free(a);
	return ok;
}

/* ---- connections: the header deadline ---- */

static struct conn *conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return i ? i->socket_context : NULL;
}

/* A connection's request head is in (waiting 0), or it waits for the next
 * one from now on (waiting 1). */
static void conn_waiting(struct lsn_server *s, struct MHD_Connection *c, int waiting)
{
	struct conn *k = conn_of(c);
	if (!k)
		return;
	pthread_mutex_lock(&s->cmu);
	k->waiting = waiting;
	k->since = now_ms();
	k->line_seen = 0;
	pthread_mutex_unlock(&s->cmu);
}

/* A Content-Length that libmicrohttpd 0.9 cannot read ("-1", letters, past
 * 2^64) is refused by libmicrohttpd itself, before the handler is called,
 * and its refusal has its status line and headers twice in one reply (it
 * goes on with the request after queueing the refusal).  Its log message is
 * written from the thread that reads the request, while reading it: the
 * connection is then the one of this thread whose request line is read,
 * whose headers are all received (libmicrohttpd tells their size only
 * then; those of slow clients are still coming) and not yet handled.  When
 * there is exactly one such (else the one at fault is not known, and
 * libmicrohttpd's reply is left as it is), this answers it once, as JSON,
 * and shuts the connection down: libmicrohttpd's own reply then finds it
 * closed.  (Every connection looked at is this thread's: libmicrohttpd
 * touches it from no other thread meanwhile.) */
static void bad_length(struct lsn_server *s, int too_large)
{
	static const char head[] = "HTTP/1.1 %u %s\r\nConnection: close\r\n"
				   "Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n"
				   "X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
				   "X-Frame-Options: DENY\r\nContent-Length: %zu\r\n\r\n%s";
	const char *body = too_large ? "{\"error\":{\"code\":\"too_large\",\"message\":\"the request is too large\"}}\n"
				     : "{\"error\":{\"code\":\"bad_request\",\"message\":"
				       "\"the Content-Length header is not a number\"}}\n";
	char msg[512];
	int n = snprintf(msg, sizeof msg, head, too_large ? 413u : 400u,
			 too_large ? "Content Too Large" : "Bad Request", strlen(body), body);
	pthread_t me = pthread_self();
	struct conn *found = NULL;
	unsigned many = 0;
	pthread_mutex_lock(&s->cmu);
	for (struct conn *k = s->conns; k; k = k->next)
		if (k->line_seen && pthread_equal(k->owner, me) &&
		    MHD_get_connection_info(k->mc, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE)) {
			found = k;
			many++;
		}
	if (many == 1 && n > 0 && (size_t)n < sizeof msg) {
		ssize_t w = send(found->fd, msg, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT);
		(void)w; /* whatever was sent, the connection ends here */
		shutdown(found->fd, SHUT_RDWR);
		found->line_seen = 0;
	}
	pthread_mutex_unlock(&s->cmu);
}

/* libmicrohttpd tells of each connection opened and closed (the closing is
 * told before its socket is closed: a socket in the list is still this
 * connection's, and the sweeper may shut it down). */
static void notify_conn(void *cls, struct MHD_Connection *c, void **socket_context,
			enum MHD_ConnectionNotificationCode code)
{
	struct lsn_server *s = cls;
	struct conn *k = *socket_context;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *i = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (!i || !(k = calloc(1, sizeof *k)))
			return; /* not watched: libmicrohttpd's idle timeout still applies */
		k->mc = c;
		k->fd = i->connect_fd;
		k->waiting = 1;
		k->since = now_ms();
		pthread_mutex_lock(&s->cmu);
		k->next = s->conns;
		if (s->conns)
			s->conns->prev = k;
		s->conns = k;
		pthread_mutex_unlock(&s->cmu);
		*socket_context = k;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && k) {
		pthread_mutex_lock(&s->cmu);
		if (k->prev)
			k->prev->next = k->next;
		else
			s->conns = k->next;
		if (k->next)
			k->next->prev = k->prev;
		pthread_mutex_unlock(&s->cmu);
		free(k);
		*socket_context = NULL;
	}
}

/* The sweeper: a few times a second, shuts down the connections that have
 * been waiting for a request's line and headers for longer than the
 * deadline (libmicrohttpd then sees the end of its input and closes it). */
static void *sweeper(void *arg)
{
	struct lsn_server *s = arg;
	long long tick = s->header_ms / 8;
	if (tick < 50)
		tick = 50;
	if (tick > 500)
		tick = 500;
	pthread_mutex_lock(&s->cmu);
	while (!s->stopping) {
		long long now = now_ms();
		unsigned closed = 0;
		for (struct conn *k = s->conns; k; k = k->next)
			if (k->waiting && now - k->since > s->header_ms) {
				shutdown(k->fd, SHUT_RDWR);
				k->waiting = 0;
				closed++;
			}
		if (closed)
			logf_(s, "closed %u connection%s: no complete request line and headers in %lld s", closed,
			      closed > 1 ? "s" : "", s->header_ms / 1000);
		struct timespec t;
		clock_gettime(CLOCK_MONOTONIC, &t);
		t.tv_nsec += (long)(tick * 1000000);
		t.tv_sec += t.tv_nsec / 1000000000;
		t.tv_nsec %= 1000000000;
		pthread_cond_timedwait(&s->cwake, &s->cmu, &t);
	}
	pthread_mutex_unlock(&s->cmu);
	return NULL;
}

/* Called by libmicrohttpd with a request's target as soon as its line is
 * read, before it splits the query into parameters: each parameter takes
 * a record in the connection's memory pool, and when the pool runs out
 * (about 460 parameters) libmicrohttpd 0.9 answers nothing at all.  A
 * query with more parts than the API takes, or a target (path and query)
 * longer than MAX_TARGET, is cut here so that nothing is stored, and
 * refused on the handler's first call.  The pool (MEMORY_LIMIT) then holds
 * at most the target, LSN_API_MAX_PARAMS records of about 56 bytes and the
 * headers; headers past it are libmicrohttpd's 431.  (libmicrohttpd has found the '?' before this call and splits what
 * follows it after: ending the text just after the '?' leaves no
 * parameter to split.) */
static void *uri_seen(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct lsn_server *s = cls;
	struct conn *k = conn_of(c);
	if (k) {
		pthread_mutex_lock(&s->cmu);
		k->line_seen = 1;
		k->owner = pthread_self();
		pthread_mutex_unlock(&s->cmu);
	}
	char *query = uri ? strchr(uri, '?') : NULL;
	if (!query)
		return REQ_NEW;
	size_t parts = 1;
	for (const char *p = query + 1; *p; p++)
		parts += *p == '&';
	if (parts <= LSN_API_MAX_PARAMS && strlen(uri) <= MAX_TARGET)
		return REQ_NEW;
	query[1] = 0;
	return parts > LSN_API_MAX_PARAMS ? REQ_MANY : REQ_LONG;
}

static enum MHD_Result count_host(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	(void)value;
	if (key && !strcasecmp(key, MHD_HTTP_HEADER_HOST))
		++*(int *)cls;
	return MHD_YES;
}

/* The handler's first call, the request's headers read: the refusals that
 * need no more (the connection closes after them). */
static enum MHD_Result first_call(struct lsn_server *s, struct MHD_Connection *c, const char *version,
				  void **con_cls)
{
	void *mark = *con_cls;
	*con_cls = REQ_SEEN;
	conn_waiting(s, c, 0);
	if (mark == REQ_MANY)
		return reply_error(c, MHD_HTTP_BAD_REQUEST, "bad_parameter", "too many parameters");
	if (mark == REQ_LONG)
		return reply_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "the request is too large");
	int hosts = 0;
	MHD_get_connection_values(c, MHD_HEADER_KIND, count_host, &hosts);
	if (hosts > 1)
		return reply_error(c, MHD_HTTP_BAD_REQUEST, "bad_host", "more than one Host header");
	if (!hosts && version && strcmp(version, MHD_HTTP_VERSION_1_0) && strcmp(version, "HTTP/0.9"))
		return reply_error(c, MHD_HTTP_BAD_REQUEST, "bad_host", "an HTTP/1.1 request needs a Host header");
	/* a body announced too large: answered now, before it is read
	 * (libmicrohttpd refuses a reply in the middle of a body) */
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && (strlen(cl) > 9 || strtoul(cl, NULL, 10) > MAX_BODY))
		return reply_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "the request is too large");
	return MHD_YES;
}

/* ---- the access handler ---- */

static enum MHD_Result handler(void *cls, struct MHD_Connection *c, const char *url, const char *method,
			       const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct lsn_server *s = cls;
	(void)upload;
	if (!*con_cls || (IS_MARK(*con_cls) && *con_cls != REQ_SEEN)) /* headers read: answer on a later call */
		return first_call(s, c, version, con_cls);
	if (*upload_size) { /* a body: counted, ignored; past the limit (chunked) the connection closes */
		size_t *n = IS_MARK(*con_cls) ? NULL : *con_cls;
		if (!n) {
			if (!(n = calloc(1, sizeof *n)))
				return MHD_NO;
			*con_cls = n;
		}
		*n += *upload_size;
		*upload_size = 0;
		return *n > MAX_BODY ? MHD_NO : MHD_YES;
	}
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return reply_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
				   "only GET and HEAD are served: the API is read-only");
	if (s->loopback &&
	    !local_host_header(MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST)))
		return reply_error(c, MHD_HTTP_BAD_REQUEST, "bad_host", "the Host header must name this machine");
	if (strlen(url) > MAX_TARGET)
		return reply_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "the request is too large");
	if (!clean_path(url))
		return reply_error(c, MHD_HTTP_BAD_REQUEST, "bad_path", "the path is not valid");
	if (!strcmp(url, "/api") || !strncmp(url, "/api/", 5))
		return serve_api(s, c, url, method);
	return serve_file(s, c, url);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode t)
{
	(void)t;
	if (*con_cls && !IS_MARK(*con_cls))
		free(*con_cls);
	*con_cls = NULL;
	conn_waiting(cls, c, 1); /* the next request's deadline runs from now */
}

/* ---- start and stop ---- */

/* The knowledge base can be read: open it read-only once; when its schema
 * is older, let a normal open upgrade it first (as any command does). */
static enum lsn_status check_db(const char *db, char *err, size_t errlen)
{
	lsn_store *st = NULL;
	if (!lsn_store_open(db, LSN_STORE_READONLY, &st, err, errlen)) {
		lsn_store_close(st);
		return LSN_OK;
	}
	enum lsn_status e = lsn_store_open(db, 0, &st, err, errlen);
	if (e)
		return e;
	lsn_store_close(st);
	if ((e = lsn_store_open(db, LSN_STORE_READONLY, &st, err, errlen)))
		return e;
	lsn_store_close(st);
	return LSN_OK;
}

static enum lsn_status fail(lsn_server *s, enum lsn_status e, char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static enum lsn_status fail(lsn_server *s, enum lsn_status e, char *err, size_t errlen, const char *fmt, ...)
{
	if (errlen && fmt) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	lsn_server_stop(s);
	return e;
}

enum lsn_status lsn_server_start(const struct lsn_serve_opts *o, const lsn_tables *kb, lsn_server **out,
				 char *err, size_t errlen)
{
	*out = NULL;
	if (errlen)
		err[0] = 0;
	if (!o || !o->db || !kb || o->port > 65535) {
		if (errlen)
			snprintf(err, errlen, "serve: no knowledge base, or a bad port");
		return LSN_EARG;
	}
	enum lsn_status e = check_db(o->db, err, errlen);
	if (e)
		return e;
	lsn_server *s = calloc(1, sizeof *s);
	if (!s || !(s->db = strdup(o->db))) {
		free(s);
		if (errlen)
			snprintf(err, errlen, "out of memory");
		return LSN_ENOMEM;
	}
	s->kb = kb;
	s->log = o->log;
	pthread_mutex_init(&s->mu, NULL);
	pthread_mutex_init(&s->cmu, NULL);
	pthread_mutex_init(&s->lmu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cwake, &ca);
	pthread_condattr_destroy(&ca);
	s->header_ms = 1000LL * (o->header_timeout ? o->header_timeout : HEADER_TIMEOUT);
	if (pthread_key_create(&s->key, NULL))
		return fail(s, LSN_ENOMEM, err, errlen, "out of memory");
	s->key_made = 1;

	if (!o->no_memo && !(s->memo = lsn_memo_new(MEMO_BYTES)))
		return fail(s, LSN_ENOMEM, err, errlen, "out of memory");

	/* the web files' ETags: a hash of their bytes */
	size_t nweb = 0;
	while (lsn_web_files[nweb].path)
		nweb++;
	if (!(s->etag = calloc(nweb + 1, sizeof *s->etag)))
		return fail(s, LSN_ENOMEM, err, errlen, "out of memory");
	for (size_t i = 0; i < nweb; i++)
		snprintf(s->etag[i], sizeof s->etag[i], "\"%016llx\"",
			 (unsigned long long)lsn_hash_bytes((const char *)lsn_web_files[i].data,
							    lsn_web_files[i].len));

	/* the address */
	const char *host = o->host && *o->host ? o->host : "127.0.0.1";
	char hostbuf[256];
	snprintf(hostbuf, sizeof hostbuf, "%s", host);
	if (hostbuf[0] == '[' && hostbuf[strlen(hostbuf) - 1] == ']') { /* [::1] */
		hostbuf[strlen(hostbuf) - 1] = 0;
		memmove(hostbuf, hostbuf + 1, strlen(hostbuf));
	}
	struct addrinfo hints, *ai = NULL;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG;
	if (getaddrinfo(hostbuf, NULL, &hints, &ai) || !ai)
		return fail(s, LSN_EIO, err, errlen, "serve: cannot resolve the address '%s'", host);
	struct sockaddr_storage addr;
	memset(&addr, 0, sizeof addr);
	memcpy(&addr, ai->ai_addr, ai->ai_addrlen);
	freeaddrinfo(ai);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	if (addr.ss_family == AF_INET6) {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&addr;
		a6->sin6_port = htons((uint16_t)o->port);
		s->loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
		flags |= MHD_USE_IPv6;
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)&addr;
		a4->sin_port = htons((uint16_t)o->port);
		s->loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
	}
	if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES)
		flags |= MHD_USE_EPOLL;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = o->threads ? o->threads : cpus > 0 ? (unsigned)cpus : 1;
	if (threads > 256)
		threads = 256;
	s->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, handler, s,
				MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
				MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)(threads > 1 ? threads : 0),
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MEMORY_LIMIT,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned int)MAX_CONNECTIONS,
				MHD_OPTION_PER_IP_CONNECTION_LIMIT,
				(unsigned int)(o->max_per_address ? o->max_per_address : MAX_PER_ADDRESS),
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)IDLE_TIMEOUT,
				MHD_OPTION_NOTIFY_COMPLETED, completed, s,
				MHD_OPTION_NOTIFY_CONNECTION, notify_conn, s,
				MHD_OPTION_URI_LOG_CALLBACK, uri_seen, s,
				MHD_OPTION_UNESCAPE_CALLBACK, unescape, s,
				MHD_OPTION_END);
	if (!s->d)
		return fail(s, LSN_EIO, err, errlen, "serve: cannot listen on %s port %u (in use, or not an "
				       "address of this machine)", host, o->port);
	if (pthread_create(&s->sweeper, NULL, sweeper, s))
		return fail(s, LSN_ENOMEM, err, errlen, "serve: cannot start a thread");
	s->sweeper_made = 1;
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : o->port;
	*out = s;
	return LSN_OK;
}

unsigned lsn_server_port(const lsn_server *s) { return s ? s->port : 0; }

void lsn_server_stop(lsn_server *s)
{
	if (!s)
		return;
	if (s->sweeper_made) {
		pthread_mutex_lock(&s->cmu);
		s->stopping = 1;
		pthread_cond_signal(&s->cwake);
		pthread_mutex_unlock(&s->cmu);
		pthread_join(s->sweeper, NULL);
	}
	if (s->d)
		MHD_stop_daemon(s->d); /* joins the threads: no request is under way after it */
	for (struct worker *w = s->workers, *next; w; w = next) {
		next = w->next;
		lsn_store_close(w->st);
		free(w);
	}
	if (s->key_made)
		pthread_key_delete(s->key);
	pthread_mutex_destroy(&s->mu);
	pthread_mutex_destroy(&s->cmu);
	pthread_mutex_destroy(&s->lmu);
	pthread_cond_destroy(&s->cwake);
	lsn_memo_free(s->memo);
	free(s->etag);
	free(s->db);
	free(s);
}
