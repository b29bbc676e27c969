/*
 * db_pg.c — the PostgreSQL side of the storage interface (db.h), over libpq.
 *
 * The knowledge base lives in the schema `liaison` of the database the URI
 * names (created by the first ingest); the connection's search_path is
 * `liaison, pg_catalog`, so that the functions schema_pg.sql defines there
 * with SQLite's names and results (json_each of a text, scalar min and max,
 * group_concat, instr, ...) are the ones a statement calls.  Every text column
 * is declared COLLATE "C": text compares and sorts by its bytes, as in SQLite,
 * whatever the server's locale.
 *
 * A statement is translated once, when it is prepared (translate()):
 *   - the parameters ?N become $N;
 *   - ORDER BY terms get NULLS FIRST (ascending) or NULLS LAST (descending),
 *     the order SQLite gives NULL;
 *   - INSERT OR IGNORE becomes INSERT ... ON CONFLICT DO NOTHING;
 *   - `a IS b` and `a IS NOT b` (b not NULL) become IS [NOT] DISTINCT FROM;
 *   - json_object and json_array become json_build_object and json_build_array;
 *   - SQLite's byte ranges of a text, CAST(substr(CAST(t AS BLOB), a, n) AS
 *     TEXT), become lsn_bsubstr(t, a, n) (schema_pg.sql).
 * It is then prepared on the server (PQprepare) and run with its parameters
 * as text (PQexecPrepared); the rows are read whole, so that other statements
 * can run on the connection while a caller steps through them.  Statements
 * PostgreSQL cannot prepare (SAVEPOINT, RELEASE, BEGIN, ...) run as they are.
 *
 * Values come back as SQLite would give them: a boolean as 1 or 0, a real
 * written as SQLite writes one (%.15g, with ".0" when whole), JSON without
 * the spaces PostgreSQL puts after commas and colons.
 */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "liaison.h"
#include "store/db_int.h"

/* type OIDs (pg_type.h, stable across versions) */
enum { OID_BOOL = 16, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25, OID_OID = 26,
       OID_JSON = 114, OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700, OID_JSONB = 3802 };

#define MAX_PARAMS 64
#define MAX_QUEUED 256 /* INSERTs sent together (their replies fit the socket's buffers) */

/* An INSERT run later, with others, in one pipeline (see flush). */
struct queued {
	char name[24];
	int n;
	char *vals[MAX_PARAMS];
	struct lsn_pgstmt *st; /* its statement (finalizing one flushes first) */
	Oid types[MAX_PARAMS];
};

/* A foreign key: the table `child` refers to `parent` (see merge). */
struct fkey {
	char child[64], parent[64];
};

struct lsn_pg {
	PGconn *conn;
	char err[1024];
	int nomem;
	int64_t changes;
	unsigned next_name;
	struct queued *q; /* MAX_QUEUED */
	int nq;
	struct fkey *fk; /* the base's foreign keys, read at the first merge */
	int nfk, fk_read;
};

struct lsn_pgstmt {
	struct lsn_pg *pg;
	char name[24];
	char *sql;   /* the translated text */
	int direct;  /* not preparable: run as it is */
	int insert;  /* an INSERT without RETURNING: may wait in the queue */
	/* INSERT INTO t (cols) VALUES ($1, ..., $n) [ON CONFLICT DO NOTHING]:
	 * rows of it that wait together go as one statement of many rows */
	char table[64];
	char *head, *tail; /* the text before VALUES' list and after it */
	int nparams;
	char *vals[MAX_PARAMS];
	Oid want[MAX_PARAMS]; /* the types of the numbers bound (0: as the server infers) */
	Oid have[MAX_PARAMS]; /* those the statement was prepared with */
	PGresult *res;
	int row, nrows, ran;
	char **conv; /* per column: a converted value of the current row */
	int nconv;
};

/* ---- errors ---- */

static void set_err(struct lsn_pg *pg, const char *what)
{
	const char *m = what ? what : PQerrorMessage(pg->conn);
	snprintf(pg->err, sizeof pg->err, "%.1000s", m);
	size_t n = strlen(pg->err);
	while (n && (pg->err[n - 1] == '\n' || pg->err[n - 1] == ' '))
		pg->err[--n] = 0;
	pg->nomem = !strncmp(pg->err, "out of memory", 13);
}

static int res_ok(struct lsn_pg *pg, PGresult *r)
{
	ExecStatusType t = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK || t == PGRES_EMPTY_QUERY)
		return 1;
	set_err(pg, r ? PQresultErrorMessage(r) : NULL);
	return 0;
}


/* ---- INSERTs sent together ----
 *
 * Inside a transaction, an INSERT that returns nothing is not run when it is
 * stepped: it waits in a queue, and the queue is sent as one libpq pipeline
 * (the statements and one sync, then their replies) before anything else
 * runs on the connection, or when it is full.  A store writes a document as
 * a few dozen INSERTs: one round trip instead of one each.  An INSERT that
 * fails is told by the next statement that runs (RELEASE of the document's
 * savepoint, COMMIT, ...), which fails with its message. */

static void queue_clear(struct lsn_pg *pg)
{
	for (int i = 0; i < pg->nq; i++)
		for (int k = 0; k < pg->q[i].n; k++)
			free(pg->q[i].vals[k]);
	pg->nq = 0;
}

/* Reads the base's foreign keys (child table, parent table): 0, or -1. */
static int read_fkeys(struct lsn_pg *pg)
{
	PGresult *r = PQexec(pg->conn, "SELECT c.relname, p.relname FROM pg_constraint k "
				       "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid "
				       "WHERE k.contype = 'f'");
	if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
		PQclear(r);
		return -1;
	}
	int n = PQntuples(r);
	struct fkey *fk = calloc((size_t)n + 1, sizeof *fk);
	if (!fk) {
		PQclear(r);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		snprintf(fk[i].child, sizeof fk[i].child, "%s", PQgetvalue(r, i, 0));
		snprintf(fk[i].parent, sizeof fk[i].parent, "%s", PQgetvalue(r, i, 1));
	}
	PQclear(r);
	free(pg->fk);
	pg->fk = fk;
	pg->nfk = n;
	return 0;
}

static int refers(const struct lsn_pg *pg, const char *child, const char *parent)
{
	for (int i = 0; i < pg->nfk; i++)
		if (!strcmp(pg->fk[i].child, child) && !strcmp(pg->fk[i].parent, parent))
			return 1;
	return 0;
}

/* A statement sent in the pipeline: the queued rows first..last of one
 * INSERT (next links them), as one statement of that many rows. */
struct group {
	int first, last, n;
};

#define MAX_MERGED_PARAMS 32767

/* Sends the rows of group g as one INSERT (the unnamed statement): 1 or 0. */
static int send_group(struct lsn_pg *pg, const struct group *g, const int *next)
{
	struct queued *q0 = &pg->q[g->first];
	struct lsn_pgstmt *st = q0->st;
	if (g->n == 1)
		return PQsendQueryPrepared(pg->conn, q0->name, q0->n, (const char *const *)q0->vals, NULL, NULL, 0);
	int np = q0->n * g->n;
	const char **vals = malloc((size_t)np * sizeof *vals);
	Oid *types = malloc((size_t)np * sizeof *types);
	struct lsn_buf o = {0};
	int ok = vals && types;
	lsn_buf_adds(&o, st->head);
	int k = 0;
	for (int i = g->first; ok && i >= 0; i = next[i]) {
		lsn_buf_add(&o, k ? ", (" : "(", k ? 3 : 1);
		for (int c = 0; c < q0->n; c++) {
			char num[16];
			snprintf(num, sizeof num, c ? ", $%d" : "$%d", k + 1);
			lsn_buf_adds(&o, num);
			vals[k] = pg->q[i].vals[c];
			types[k] = pg->q[i].types[c];
			k++;
		}
		lsn_buf_adds(&o, ")");
	}
	lsn_buf_adds(&o, st->tail);
	ok = ok && !o.oom && PQsendQueryParams(pg->conn, o.data, np, types, (const char *const *)vals, NULL, NULL, 0);
	free(o.data);
	free(vals);
	free(types);
	return ok;
}

/* Runs the queued INSERTs: 0, or -1 with the first failure's message.
 *
 * Rows of the same INSERT go as one statement of many rows, in the order
 * they were queued.  A row joins the last statement of its INSERT unless rows
 * of its own table (by another INSERT) or of a table it refers to (its parent
 * row may be there) were queued after that statement's: then it starts
 * another, sent after them.  An INSERT not of that form keeps its place. */
static int flush(struct lsn_pg *pg)
{
	if (!pg->nq)
		return 0;
	int ok = 1;
	if (!pg->fk_read && pg->nq > 1) {
		pg->fk_read = 1;
		if (read_fkeys(pg))
			pg->nfk = -1; /* unknown: merge nothing */
	}
	struct group gs[MAX_QUEUED];
	int next[MAX_QUEUED], ng = 0, barrier = 0;
	for (int i = 0; i < pg->nq; i++) {
		struct queued *q = &pg->q[i];
		int merges = q->st && q->st->head && pg->nfk >= 0;
		next[i] = -1;
		int join = -1;
		for (int g = ng - 1; merges && g >= barrier; g--) {
			struct lsn_pgstmt *h = pg->q[gs[g].first].st;
			if (h == q->st) {
				if ((gs[g].n + 1) * q->n <= MAX_MERGED_PARAMS)
					join = g;
				break;
			}
			if (!strcmp(h->table, q->st->table) || refers(pg, q->st->table, h->table))
				break; /* its table's or a parent's rows after: a group of its own */
		}
		if (join >= 0) {
			next[gs[join].last] = i;
			gs[join].last = i;
			gs[join].n++;
			continue;
		}
		gs[ng].first = gs[ng].last = i;
		gs[ng].n = 1;
		ng++;
		if (!merges)
			barrier = ng; /* keeps its place: nothing moves before it */
	}
	if (!PQenterPipelineMode(pg->conn)) {
		set_err(pg, NULL);
		queue_clear(pg);
		return -1;
	}
	for (int g = 0; g < ng && ok; g++)
		if (!send_group(pg, &gs[g], next)) {
			set_err(pg, NULL);
			ok = 0;
		}
	if (PQpipelineSync(pg->conn) != 1 && ok) {
		set_err(pg, NULL);
		ok = 0;
	}
	/* the replies: each statement's results then NULL, and the sync's */
	for (int nulls = 0; nulls <= ng + 1 && PQstatus(pg->conn) == CONNECTION_OK;) {
		PGresult *r = PQgetResult(pg->conn);
		if (!r) {
			nulls++;
			continue;
		}
		ExecStatusType t = PQresultStatus(r);
		if (t == PGRES_FATAL_ERROR && ok) {
			set_err(pg, PQresultErrorMessage(r));
			ok = 0;
		}
		PQclear(r);
		if (t == PGRES_PIPELINE_SYNC)
			break;
	}
	if (!PQexitPipelineMode(pg->conn) && ok) {
		set_err(pg, NULL);
		ok = 0;
	}
	queue_clear(pg);
	return ok ? 0 : -1;
}

/* ---- translation ---- */

static int ident_char(int c) { return isalnum(c) || c == '_'; }

/* Is the word at s (case-insensitive) w, as a whole word? */
static int word_at(const char *s, const char *w)
{
	size_t n = strlen(w);
	return !strncasecmp(s, w, n) && !ident_char((unsigned char)s[n]);
}

static const char *skip_space(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

/* The ORDER BY clauses open: the depth of parentheses each is at, and
 * whether the current term has said DESC. */
struct order {
	int depth[16];
	int desc[16];
	int n;
};

static void end_term(struct lsn_buf *o, struct order *ob)
{
	int space = o->len && o->data[o->len - 1] == ' ';
	lsn_buf_adds(o, ob->desc[ob->n - 1] ? " NULLS LAST" + space : " NULLS FIRST" + space);
	if (space)
		lsn_buf_adds(o, " ");
	ob->desc[ob->n - 1] = 0;
}

/* Does an ORDER BY term end at s (depth d)?  At a keyword that ends the
 * clause. */
static int clause_end(const char *s)
{
	static const char *const kw[] = {"LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "RETURNING",
					 "ON", "WHERE", "GROUP", "HAVING", "FROM", "ROWS", "RANGE", "WINDOW"};
	for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
		if (word_at(s, kw[i]))
			return 1;
	return 0;
}

/* Does the word at s follow a subquery as its alias? (not a keyword that
 * goes on with the statement) */
static int alias_at(const char *s)
{
	static const char *const kw[] = {"WHERE", "GROUP", "ORDER", "LIMIT", "JOIN", "LEFT", "INNER", "CROSS",
					 "NATURAL", "UNION", "EXCEPT", "INTERSECT", "ON", "HAVING", "WINDOW",
					 "OFFSET", "RETURNING", "USING"};
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
		if (word_at(s, kw[i]))
			return 0;
	return 1;
}

/* Does the output end with the word w (and spaces)? */
static int ends_with_word(const struct lsn_buf *o, const char *w)
{
	size_t n = o->len, k = strlen(w);
	while (n && o->data[n - 1] == ' ')
		n--;
	return n >= k && !strncasecmp(o->data + n - k, w, k) && (n == k || !ident_char((unsigned char)o->data[n - k - 1]));
}

static char *translate(const char *sql)
{
	struct lsn_buf o = {0};
	struct order ob = {0};
	int depth = 0, ignore = 0, nextq = 0, nsub = 0, match = 0;
	/* the parameter of the search whose rank bm25 gives: the MATCH not of a
	 * phrase's test (LSN_SQL_PHRASE_RANK: IN (SELECT rowid FROM doc_fts ...)) */
	int main_match = 0;
	static const char mt[] = "doc_fts MATCH ?", in[] = "IN (SELECT rowid FROM doc_fts WHERE ";
	for (const char *m = strstr(sql, mt); m; m = strstr(m + 1, mt))
		if (!((size_t)(m - sql) >= sizeof in - 1 && !strncmp(m - (sizeof in - 1), in, sizeof in - 1)))
			main_match = atoi(m + sizeof mt - 1);
	unsigned char sub[64] = {0}; /* the parenthesis at depth d opens a subquery in FROM or JOIN */
	unsigned char jobj[64] = {0}; /* ... the arguments of json_object */
	const char *s = sql;
	static const char blob[] = "CAST(substr(CAST(";
	while (*s) {
		unsigned char c = (unsigned char)*s;
		if (c == '\'' || c == '"') { /* a literal or a quoted name, as it is */
			const char *e = s + 1;
			while (*e && !(*e == (char)c && e[1] != (char)c))
				e += *e == (char)c ? 2 : 1;
			if (*e)
				e++;
			lsn_buf_add(&o, s, (size_t)(e - s));
			s = e;
			continue;
		}
		if (c == '?') {
			char num[16];
			s++;
			if (isdigit((unsigned char)*s)) {
				int n = (int)strtol(s, (char **)&s, 10);
				snprintf(num, sizeof num, "$%d", n);
			} else {
				snprintf(num, sizeof num, "$%d", ++nextq);
			}
			lsn_buf_adds(&o, num);
			continue;
		}
		if (c == '(') {
			depth++;
			if (depth < 64) {
				const char *n = skip_space(s + 1);
				jobj[depth] = ends_with_word(&o, "json_build_object");
				sub[depth] = (ends_with_word(&o, "FROM") || ends_with_word(&o, "JOIN")) &&
					     (word_at(n, "SELECT") || word_at(n, "WITH"));
			}
			lsn_buf_add(&o, s++, 1);
			continue;
		}
		if (c == ')' || c == ';' || c == ',') {
			if (ob.n && ob.depth[ob.n - 1] == depth) {
				end_term(&o, &ob);
				if (c != ',')
					ob.n--;
			}
			if (c == ')' && !strncmp(s, ") AS TEXT)", 10)) { /* the end of a byte range (below) */
				lsn_buf_adds(&o, ")");
				s += 10;
				depth--;
				continue;
			}
			if (c == ';' && ignore) {
				lsn_buf_adds(&o, " ON CONFLICT DO NOTHING");
				ignore = 0;
			}
			lsn_buf_add(&o, s++, 1);
			if (c == ')') {
				/* PostgreSQL 15 wants a name for every subquery in FROM */
				if (depth < 64 && sub[depth] && !alias_at(skip_space(s))) {
					char name[24];
					snprintf(name, sizeof name, " AS lsn_q%d", ++nsub);
					lsn_buf_adds(&o, name);
				}
				depth--;
			}
			continue;
		}
		if (!ident_char(c) || (s > sql && ident_char((unsigned char)s[-1]))) {
			lsn_buf_add(&o, s++, 1);
			continue;
		}
		/* a word */
		if (ob.n && ob.depth[ob.n - 1] == depth && clause_end(s)) {
			end_term(&o, &ob);
			ob.n--;
		}
		if (!strncmp(s, blob, sizeof blob - 1)) {
			/* CAST(substr(CAST(t AS BLOB), a, n) AS TEXT) -> lsn_bsubstr(t, a, n) */
			const char *t = s + sizeof blob - 1, *as = strstr(t, " AS BLOB)");
			if (as) {
				lsn_buf_adds(&o, "lsn_bsubstr(");
				lsn_buf_add(&o, t, (size_t)(as - t));
				s = as + 9;
				depth++; /* the one of lsn_bsubstr( */
				continue;
			}
		}
		if (word_at(s, "ORDER") && word_at(skip_space(s + 5), "BY")) {
			const char *b = skip_space(s + 5);
			lsn_buf_add(&o, s, (size_t)(b + 2 - s));
			s = b + 2;
			if (ob.n < 16) {
				ob.depth[ob.n] = depth;
				ob.desc[ob.n++] = 0;
			}
			continue;
		}
		if (ob.n && ob.depth[ob.n - 1] == depth && word_at(s, "DESC"))
			ob.desc[ob.n - 1] = 1;
		if (word_at(s, "INSERT") && word_at(skip_space(s + 6), "OR")) {
			const char *w = skip_space(skip_space(s + 6) + 2);
			if (word_at(w, "IGNORE")) {
				lsn_buf_adds(&o, "INSERT");
				s = w + 6;
				ignore = 1;
				continue;
			}
		}
		if (word_at(s, "IS")) {
			const char *w = skip_space(s + 2);
			int not = word_at(w, "NOT");
			const char *v = not ? skip_space(w + 3) : w;
			if (!word_at(v, "NULL") && !word_at(v, "TRUE") && !word_at(v, "FALSE") &&
			    !word_at(v, "DISTINCT")) {
				lsn_buf_adds(&o, not ? "IS DISTINCT FROM " : "IS NOT DISTINCT FROM ");
				s = v;
				continue;
			}
		}
		if (!strncmp(s, "temp.", 5)) { /* SQLite's schema of temporary tables */
			if (!(o.len >= 6 && !strncmp(o.data + o.len - 6, "INDEX ", 6)))
				lsn_buf_adds(&o, "pg_temp.");
			s += 5;
			continue;
		}
		if (word_at(s, "GLOB")) { /* GLOB 'p' -> SIMILAR TO 'p' (* is %, ? is _) */
			const char *q = skip_space(s + 4);
			if (*q == '\'') {
				lsn_buf_adds(&o, "SIMILAR TO '");
				for (q++; *q && *q != '\''; q++)
					lsn_buf_add(&o, *q == '*' ? "%" : *q == '?' ? "_" : q, 1);
				lsn_buf_adds(&o, "'");
				s = *q ? q + 1 : q;
				continue;
			}
		}
		if (word_at(s, "doc_fts") && word_at(skip_space(s + 7), "MATCH")) {
			/* full text: the tsvector against the query's phrases */
			const char *q = skip_space(skip_space(s + 7) + 5);
			if (*q == '?') {
				q++;
				match = isdigit((unsigned char)*q) ? (int)strtol(q, (char **)&q, 10) : ++nextq;
				char t[80];
				snprintf(t, sizeof t, "doc_fts.tsv @@ lsn_fts_query($%d)", match);
				lsn_buf_adds(&o, t);
				s = q;
				continue;
			}
		}
		if (!strncmp(s, "bm25(doc_fts)", 13) && main_match) {
			/* FTS5's bm25, computed as FTS5 does (schema_pg.sql): the totals
			 * of the index and the rows of each phrase once per statement */
			char t[400];
			snprintf(t, sizeof t, "lsn_bm25(doc_fts.body, doc_fts.ntok, $%d, (SELECT count(*) FROM doc_fts), "
				 "(SELECT sum(ntok) FROM doc_fts)::bigint, (SELECT lsn_fts_hits($%d)))", main_match, main_match);
			lsn_buf_adds(&o, t);
			s += 13;
			continue;
		}
		if (depth > 0 && depth < 64 && jobj[depth] && o.len && (o.data[o.len - 1] == ',' || o.data[o.len - 1] == '(' ||
		    (o.data[o.len - 1] == ' ' && o.len > 1 && (o.data[o.len - 2] == ',' || o.data[o.len - 2] == '(')))) {
			/* a real column as a member of a JSON object: written as SQLite writes
			 * one (5.0, not 5) */
			const char *e = s, *last = s;
			while (ident_char((unsigned char)*e) || (*e == '.' && ident_char((unsigned char)e[1]))) {
				if (*e == '.')
					last = e + 1;
				e++;
			}
			const char *after = skip_space(e);
			if ((*after == ',' || *after == ')') &&
			    (((size_t)(e - last) == 5 && !strncmp(last, "value", 5)) ||
			     ((size_t)(e - last) == 10 && !strncmp(last, "change_pct", 10)))) {
				lsn_buf_adds(&o, "lsn_json_real(");
				lsn_buf_add(&o, s, (size_t)(e - s));
				lsn_buf_adds(&o, ")");
				s = e;
				continue;
			}
		}
		if (!strncmp(s, "coalesce(change_pct, '')", 24)) {
			/* a real as text, as SQLite writes it (figures_list, the figures' key) */
			lsn_buf_adds(&o, "coalesce(lsn_real_text(change_pct), '')");
			s += 24;
			continue;
		}
		if (word_at(s, "LIMIT") && *skip_space(s + 5) == '?') {
			/* SQLite's LIMIT -1 is no limit: PostgreSQL's LIMIT NULL */
			const char *q = skip_space(s + 5) + 1;
			int n = isdigit((unsigned char)*q) ? (int)strtol(q, (char **)&q, 10) : ++nextq;
			char t[64];
			snprintf(t, sizeof t, "LIMIT lsn_limit($%d)", n);
			lsn_buf_adds(&o, t);
			s = q;
			continue;
		}
		if (word_at(s, "json_object") || word_at(s, "json_array")) {
			int obj = s[5] == 'o';
			lsn_buf_adds(&o, obj ? "json_build_object" : "json_build_array");
			s += obj ? 11 : 10;
			continue;
		}
		const char *e = s;
		while (ident_char((unsigned char)*e))
			e++;
		lsn_buf_add(&o, s, (size_t)(e - s));
		s = e;
	}
	while (ob.n) {
		end_term(&o, &ob);
		ob.n--;
	}
	if (ignore)
		lsn_buf_adds(&o, " ON CONFLICT DO NOTHING");
	if (o.oom) {
		free(o.data);
		return NULL;
	}
	if (!o.data)
		o.data = strdup("");
	return o.data;
}

/* ---- the connection ---- */

struct lsn_pg *lsn_pg_open(const char *uri, int flags, char *err, size_t errlen)
{
	struct lsn_pg *pg = calloc(1, sizeof *pg);
	if (!pg) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (!(pg->q = calloc(MAX_QUEUED, sizeof *pg->q))) {
		free(pg);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pg->conn = PQconnectdb(uri);
	if (!pg->conn || PQstatus(pg->conn) != CONNECTION_OK) {
		set_err(pg, pg->conn ? NULL : "out of memory");
		snprintf(err, errlen, "cannot connect: %s", pg->err);
		lsn_pg_close(pg);
		return NULL;
	}
	/* the schema and its version table, made once (under a lock, as several
	 * ingests may start together: the lock is let go only after the
	 * statements that make them have committed, each string of statements
	 * being one transaction); no JIT compilation, which costs more than it
	 * saves on statements as short as these */
	static const char *const ro[] = {
		"SET client_encoding = 'UTF8'; SET client_min_messages = warning; SET jit = off; "
		"SET search_path = liaison, pg_catalog; SET default_transaction_read_only = on",
		NULL};
	static const char *const rw[] = {
		"SET client_encoding = 'UTF8'; SET client_min_messages = warning; SET jit = off",
		"SELECT pg_advisory_lock(7261841)",
		"CREATE SCHEMA IF NOT EXISTS liaison; SET search_path = liaison, pg_catalog; "
		"CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY)",
		"SELECT pg_advisory_unlock(7261841)",
		NULL};
	for (const char *const *q = (flags & LSN_DB_READONLY) ? ro : rw; *q; q++)
		if (lsn_pg_exec(pg, *q)) {
			snprintf(err, errlen, "%s", pg->err);
			lsn_pg_close(pg);
			return NULL;
		}
	return pg;
}

void lsn_pg_close(struct lsn_pg *pg)
{
	if (!pg)
		return;
	if (pg->q && pg->conn)
		flush(pg);
	queue_clear(pg);
	free(pg->q);
	free(pg->fk);
	PQfinish(pg->conn);
	free(pg);
}

const char *lsn_pg_errmsg(struct lsn_pg *pg) { return pg->err; }

int lsn_pg_nomem(struct lsn_pg *pg) { return pg->nomem; }

int lsn_pg_exec(struct lsn_pg *pg, const char *sql)
{
	/* what waits runs first; a ROLLBACK runs whatever came of it */
	if (flush(pg) && strncmp(sql, "ROLLBACK", 8))
		return -1;
	char *t = translate(sql);
	if (!t) {
		set_err(pg, "out of memory");
		return -1;
	}
	PGresult *r = PQexec(pg->conn, t);
	free(t);
	int ok = res_ok(pg, r);
	PQclear(r);
	return ok ? 0 : -1;
}

int lsn_pg_exec_native(struct lsn_pg *pg, const char *sql)
{
	if (flush(pg))
		return -1;
	PGresult *r = PQexec(pg->conn, sql);
	int ok = res_ok(pg, r);
	PQclear(r);
	return ok ? 0 : -1;
}

int64_t lsn_pg_changes(struct lsn_pg *pg) { return pg->changes; }

int lsn_pg_in_tx(struct lsn_pg *pg)
{
	char err[sizeof pg->err];
	memcpy(err, pg->err, sizeof err);
	flush(pg); /* a failure is the caller's to see in its next statement: keep the message */
	memcpy(pg->err, err, sizeof err);
	return PQtransactionStatus(pg->conn) != PQTRANS_IDLE;
}

/* ---- statements ---- */

static int preparable(const char *sql)
{
	const char *s = skip_space(sql);
	return word_at(s, "SELECT") || word_at(s, "INSERT") || word_at(s, "UPDATE") || word_at(s, "DELETE") ||
	       word_at(s, "WITH") || word_at(s, "VALUES");
}

/* The highest ?N of a translated statement ($N there). */
static int max_param(const char *t)
{
	int m = 0;
	for (const char *p = t; *p; p++) {
		if (*p == '\'') {
			for (p++; *p && !(*p == '\'' && p[1] != '\''); p += *p == '\'' ? 2 : 1)
				;
			if (!*p)
				break;
			continue;
		}
		if (*p == '$' && isdigit((unsigned char)p[1])) {
			int n = atoi(p + 1);
			if (n > m)
				m = n;
		}
	}
	return m;
}

/* Prepares s on the server with the parameter types s->want (0: what the
 * statement tells; a parameter it tells nothing of, one only tested for
 * NULL or not used at all, is text).  0, or -1 (message set). */
static int server_prepare(struct lsn_pgstmt *s)
{
	struct lsn_pg *pg = s->pg;
	if (flush(pg))
		return -1;
	if (s->name[0] && PQtransactionStatus(pg->conn) != PQTRANS_INERROR) {
		char sql[64];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		PQclear(PQexec(pg->conn, sql));
	}
	snprintf(s->name, sizeof s->name, "lsn%u", ++pg->next_name);
	Oid types[MAX_PARAMS];
	memcpy(types, s->want, sizeof types);
	for (int tries = 0; tries <= s->nparams; tries++) {
		PGresult *r = PQprepare(pg->conn, s->name, s->sql, s->nparams, types);
		int ok = res_ok(pg, r);
		PQclear(r);
		if (ok) {
			memcpy(s->have, s->want, sizeof s->have);
			return 0;
		}
		static const char what[] = "could not determine data type of parameter $";
		const char *m = strstr(pg->err, what);
		int k = m ? atoi(m + sizeof what - 1) : 0;
		if (k < 1 || k > s->nparams || types[k - 1])
			break;
		types[k - 1] = OID_TEXT;
	}
	char msg[1000];
	snprintf(msg, sizeof msg, "%.600s (in: %.380s)", pg->err, s->sql);
	set_err(pg, msg);
	s->name[0] = 0;
	return -1;
}

/* Is s INSERT INTO t (cols) VALUES ($1, ..., $n), ON CONFLICT DO NOTHING
 * or nothing after?  Then its table, and the text around the list of
 * values, are kept (its rows can be sent together, see flush): 0, or -1
 * out of memory. */
static int values_form(struct lsn_pgstmt *s)
{
	const char *p = skip_space(s->sql);
	if (!word_at(p, "INSERT") || !word_at(p = skip_space(p + 6), "INTO"))
		return 0;
	p = skip_space(p + 4);
	const char *t = p;
	while (ident_char((unsigned char)*p))
		p++;
	size_t tn = (size_t)(p - t);
	if (!tn || tn >= sizeof s->table || *(p = skip_space(p)) != '(')
		return 0;
	while (*p && *p != ')' && *p != '\'' && *p != '"')
		p++;
	if (*p != ')' || !word_at(p = skip_space(p + 1), "VALUES") || *(p = skip_space(p + 6)) != '(')
		return 0;
	const char *open = p++;
	for (int k = 1; k <= s->nparams; k++) {
		p = skip_space(p);
		if (k > 1) {
			if (*p != ',')
				return 0;
			p = skip_space(p + 1);
		}
		char *e;
		if (*p != '$' || strtol(p + 1, &e, 10) != k)
			return 0;
		p = e;
	}
	if (*(p = skip_space(p)) != ')')
		return 0;
	const char *tail = ++p;
	p = skip_space(p);
	if (*p && !(word_at(p, "ON") && word_at(p = skip_space(p + 2), "CONFLICT") &&
		    word_at(p = skip_space(p + 8), "DO") && word_at(p = skip_space(p + 2), "NOTHING") &&
		    !*skip_space(p + 7)))
		return 0;
	memcpy(s->table, t, tn);
	s->table[tn] = 0;
	s->head = strndup(s->sql, (size_t)(open - s->sql));
	s->tail = strdup(tail);
	if (!s->head || !s->tail) {
		free(s->head);
		free(s->tail);
		s->head = s->tail = NULL;
		return -1;
	}
	return 0;
}

struct lsn_pgstmt *lsn_pg_prepare(struct lsn_pg *pg, const char *sql)
{
	struct lsn_pgstmt *s = calloc(1, sizeof *s);
	if (!s || !(s->sql = translate(sql))) {
		free(s);
		set_err(pg, "out of memory");
		return NULL;
	}
	s->pg = pg;
	s->row = -1;
	if (!preparable(sql)) {
		s->direct = 1;
		return s;
	}
	s->insert = !strncmp(skip_space(s->sql), "INSERT", 6) && !strstr(s->sql, "RETURNING");
	s->nparams = max_param(s->sql);
	if (s->insert && values_form(s)) {
		set_err(pg, "out of memory");
		lsn_pg_finalize(s);
		return NULL;
	}
	if (s->nparams > MAX_PARAMS) {
		set_err(pg, "too many parameters");
		lsn_pg_finalize(s);
		return NULL;
	}
	if (server_prepare(s)) {
		lsn_pg_finalize(s);
		return NULL;
	}
	return s;
}

static void drop_row(struct lsn_pgstmt *s)
{
	for (int i = 0; i < s->nconv; i++) {
		free(s->conv[i]);
		s->conv[i] = NULL;
	}
}

void lsn_pg_reset(struct lsn_pgstmt *s)
{
	drop_row(s);
	PQclear(s->res);
	s->res = NULL;
	s->ran = 0;
	s->row = -1;
	s->nrows = 0;
}

void lsn_pg_clear_bindings(struct lsn_pgstmt *s)
{
	for (int i = 0; i < MAX_PARAMS; i++) {
		free(s->vals[i]);
		s->vals[i] = NULL;
	}
}

void lsn_pg_finalize(struct lsn_pgstmt *s)
{
	if (!s)
		return;
	lsn_pg_reset(s);
	lsn_pg_clear_bindings(s);
	flush(s->pg);
	if (s->name[0] && PQtransactionStatus(s->pg->conn) != PQTRANS_INERROR) {
		char sql[64];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
		PQclear(PQexec(s->pg->conn, sql));
	}
	free(s->conv);
	free(s->sql);
	free(s->head);
	free(s->tail);
	free(s);
}

int lsn_pg_bind(struct lsn_pgstmt *s, int i, const char *p, size_t n, enum lsn_db_type t)
{
	if (i < 1 || i > MAX_PARAMS)
		return 25; /* SQLITE_RANGE */
	/* a number is sent with its type (an integer as integer when it fits,
	 * as SQLite's are compared and added as numbers); text as the
	 * statement takes it */
	if (t == LSN_T_INT) {
		long long v = atoll(p);
		s->want[i - 1] = v >= -2147483647LL - 1 && v <= 2147483647LL ? OID_INT4 : OID_INT8;
	} else if (t == LSN_T_REAL) {
		s->want[i - 1] = OID_FLOAT8;
	} else if (t == LSN_T_TEXT) {
		s->want[i - 1] = 0;
	}
	free(s->vals[i - 1]);
	s->vals[i - 1] = NULL;
	if (!p)
		return 0;
	if (!(s->vals[i - 1] = malloc(n + 1)))
		return 7; /* SQLITE_NOMEM */
	memcpy(s->vals[i - 1], p, n);
	s->vals[i - 1][n] = 0;
	return 0;
}

int lsn_pg_step(struct lsn_pgstmt *s)
{
	drop_row(s);
	if (!s->ran) {
		s->ran = 1;
		if (!s->direct && memcmp(s->want, s->have, sizeof s->want) && server_prepare(s))
			return 1; /* SQLITE_ERROR */
		struct lsn_pg *pg = s->pg;
		if (s->insert && PQtransactionStatus(pg->conn) == PQTRANS_INTRANS &&
		    (pg->nq < MAX_QUEUED || !flush(pg))) {
			struct queued *q = &pg->q[pg->nq];
			memcpy(q->name, s->name, sizeof q->name);
			q->n = s->nparams;
			q->st = s;
			memcpy(q->types, s->have, sizeof q->types);
			int oom = 0;
			for (int i = 0; i < s->nparams; i++)
				if ((q->vals[i] = s->vals[i] ? strdup(s->vals[i]) : NULL) == NULL && s->vals[i])
					oom = 1;
			pg->nq++;
			if (oom) {
				queue_clear(pg);
				set_err(pg, "out of memory");
				return 7; /* SQLITE_NOMEM */
			}
			s->nrows = 0;
			s->row = 0;
			return LSN_DB_DONE;
		}
		if (flush(pg))
			return 1; /* SQLITE_ERROR */
		PGresult *r = s->direct ? PQexec(s->pg->conn, s->sql)
					: PQexecPrepared(s->pg->conn, s->name, s->nparams,
							 (const char *const *)s->vals, NULL, NULL, 0);
		if (!res_ok(s->pg, r)) {
			PQclear(r);
			return 1; /* SQLITE_ERROR */
		}
		const char *ct = PQcmdTuples(r);
		if (ct && *ct)
			s->pg->changes = atoll(ct);
		s->res = r;
		s->nrows = PQresultStatus(r) == PGRES_TUPLES_OK ? PQntuples(r) : 0;
		int nc = PQnfields(r);
		if (nc > s->nconv) {
			char **c = realloc(s->conv, (size_t)nc * sizeof *c);
			if (!c) {
				set_err(s->pg, "out of memory");
				return 7;
			}
			for (int i = s->nconv; i < nc; i++)
				c[i] = NULL;
			s->conv = c;
			s->nconv = nc;
		}
	}
	if (s->row + 1 < s->nrows) {
		s->row++;
		return LSN_DB_ROW;
	}
	s->row = s->nrows;
	return LSN_DB_DONE;
}

/* ---- columns ---- */

int lsn_pg_col_count(struct lsn_pgstmt *s)
{
	if (s->res)
		return PQnfields(s->res);
	if (s->direct || !s->name[0])
		return 0;
	flush(s->pg);
	PGresult *d = PQdescribePrepared(s->pg->conn, s->name);
	int n = d && PQresultStatus(d) == PGRES_COMMAND_OK ? PQnfields(d) : 0;
	PQclear(d);
	return n;
}

static PGresult *described(struct lsn_pgstmt *s)
{
	if (s->res)
		return s->res;
	flush(s->pg);
	PGresult *d = PQdescribePrepared(s->pg->conn, s->name);
	return d; /* the caller clears it when it is not s->res */
}

const char *lsn_pg_col_name(struct lsn_pgstmt *s, int i)
{
	if (!s->res) {
		/* names outlive the description: run it (no rows read yet) */
		if (lsn_pg_step(s) != LSN_DB_ROW && !s->res)
			return "";
		s->row = -1;
	}
	return PQfname(s->res, i);
}

static enum lsn_db_type kind_of(Oid t)
{
	switch (t) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
	case OID_OID:
		return LSN_T_INT;
	case OID_FLOAT4:
	case OID_FLOAT8:
		return LSN_T_REAL;
	default:
		return LSN_T_TEXT;
	}
}

enum lsn_db_type lsn_pg_col_decl(struct lsn_pgstmt *s, int i)
{
	PGresult *d = described(s);
	enum lsn_db_type k = d ? kind_of(PQftype(d, i)) : LSN_T_TEXT;
	if (d != s->res)
		PQclear(d);
	return k;
}

static int cur(struct lsn_pgstmt *s, int i)
{
	return s->res && s->row >= 0 && s->row < s->nrows && i >= 0 && i < PQnfields(s->res);
}

enum lsn_db_type lsn_pg_col_type(struct lsn_pgstmt *s, int i)
{
	if (!cur(s, i) || PQgetisnull(s->res, s->row, i))
		return LSN_T_NULL;
	Oid t = PQftype(s->res, i);
	if (t == OID_NUMERIC) {
		const char *v = PQgetvalue(s->res, s->row, i);
		return strpbrk(v, ".eE") ? LSN_T_REAL : LSN_T_INT;
	}
	return kind_of(t);
}

/* A real as SQLite writes one: 15 significant digits, ".0" when whole. */
static char *sqlite_real(const char *v)
{
	char b[48];
	double d = strtod(v, NULL);
	snprintf(b, sizeof b, "%.15g", d);
	if (!strpbrk(b, ".eEin"))
		strcat(b, ".0");
	else if (strchr(b, 'e') && !strchr(b, '.')) { /* 1e+20 -> 1.0e+20 */
		char t[48];
		char *e = strchr(b, 'e');
		snprintf(t, sizeof t, "%.*s.0%s", (int)(e - b), b, e);
		return strdup(t);
	}
	return strdup(b);
}

/* JSON without the white space between its tokens. */
static char *compact_json(const char *v)
{
	size_t n = strlen(v);
	char *o = malloc(n + 1), *w = o;
	if (!o)
		return NULL;
	int in = 0;
	for (const char *p = v; *p; p++) {
		if (in) {
			*w++ = *p;
			if (*p == '\\' && p[1])
				*w++ = *++p;
			else if (*p == '"')
				in = 0;
			continue;
		}
		if (*p == '"')
			in = 1;
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
			continue;
		*w++ = *p;
	}
	*w = 0;
	return o;
}

const char *lsn_pg_col_text(struct lsn_pgstmt *s, int i)
{
	if (!cur(s, i) || PQgetisnull(s->res, s->row, i))
		return NULL;
	const char *v = PQgetvalue(s->res, s->row, i);
	Oid t = PQftype(s->res, i);
	if (t != OID_BOOL && t != OID_FLOAT4 && t != OID_FLOAT8 && t != OID_JSON && t != OID_JSONB)
		return v;
	if (!s->conv[i]) {
		if (t == OID_BOOL)
			s->conv[i] = strdup(*v == 't' ? "1" : "0");
		else if (t == OID_JSON || t == OID_JSONB)
			s->conv[i] = compact_json(v);
		else
			s->conv[i] = sqlite_real(v);
	}
	return s->conv[i] ? s->conv[i] : "";
}

const char *lsn_pg_col_raw(struct lsn_pgstmt *s, int i)
{
	if (!cur(s, i) || PQgetisnull(s->res, s->row, i))
		return NULL;
	return PQgetvalue(s->res, s->row, i);
}

int lsn_pg_col_bytes(struct lsn_pgstmt *s, int i)
{
	const char *t = lsn_pg_col_text(s, i);
	return t ? (int)strlen(t) : 0;
}
