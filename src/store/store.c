/*
 * store.c — the knowledge base file: opening it (SQLite, WAL), bringing its
 * schema up to date (the numbered migrations of src/schema.sql, embedded),
 * and writing the record of each document with its provenance.  The stage
 * after extraction (DESIGN.md: extract -> store -> resolve -> query).
 *
 * Idempotence: a document is keyed by its id and its content hash (SHA-256 of
 * the input bytes).  The same content is left alone; other content under the
 * same id replaces the document and every fact of it (foreign keys with ON
 * DELETE CASCADE).  Each document is written inside a savepoint, so a failed
 * write leaves nothing half-stored; batches are transactions (the caller's
 * lsn_store_begin/commit), and SQLite's WAL journal makes a killed process
 * lose at most the open batch.  The full-text rows of a batch are written
 * together just before its COMMIT (see struct lsn_store).
 *
 * All SQL is static text with bound parameters; statements are prepared once
 * per store and cached by the address of their text.
 */
#define _DEFAULT_SOURCE
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "store/store_int.h"

/* ---- errors and statements ---- */

enum lsn_status lsn_st_fail(lsn_store *st, enum lsn_status s, const char *fmt, ...)
{
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(st->err, sizeof st->err, "%s: %s", st->path, msg);
	return s;
}

enum lsn_status lsn_st_dberr(lsn_store *st, const char *what)
{
	int nomem = lsn_db_nomem(st->db);
	lsn_st_fail(st, LSN_EDB, "%s: %s", what, lsn_db_errmsg(st->db));
	return nomem ? LSN_ENOMEM : LSN_EDB;
}

lsn_stmt *lsn_st_prep(lsn_store *st, const char *sql)
{
	for (size_t i = 0; i < st->ncache; i++)
		if (st->cache[i].sql == sql) {
			lsn_reset(st->cache[i].stmt);
			lsn_clear_bindings(st->cache[i].stmt);
			return st->cache[i].stmt;
		}
	if (lsn_grow(&st->cache, &st->capcache, st->ncache + 1, sizeof *st->cache)) {
		lsn_st_fail(st, LSN_ENOMEM, "out of memory");
		return NULL;
	}
	lsn_stmt *s = lsn_db_prepare(st->db, sql);
	if (!s) {
		lsn_st_dberr(st, "preparing a statement");
		return NULL;
	}
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].stmt = s;
	st->ncache++;
	return s;
}

enum lsn_status lsn_st_exec(lsn_store *st, const char *sql)
{
	if (lsn_db_exec(st->db, sql)) {
		int nomem = lsn_db_nomem(st->db);
		lsn_st_fail(st, LSN_EDB, "%s", lsn_db_errmsg(st->db));
		return nomem ? LSN_ENOMEM : LSN_EDB;
	}
	return LSN_OK;
}

int lsn_bind_text(lsn_stmt *s, int i, const char *p)
{
	if (!p || !*p)
		return lsn_bind_null(s, i);
	return lsn_bind_textn(s, i, p, -1, LSN_DB_COPY);
}

enum lsn_status lsn_st_done(lsn_store *st, lsn_stmt *s, const char *what)
{
	int rc = lsn_step(s);
	if (rc != LSN_DB_DONE && rc != LSN_DB_ROW) {
		enum lsn_status e = lsn_st_dberr(st, what);
		lsn_reset(s);
		return e;
	}
	lsn_reset(s);
	return LSN_OK;
}

const char *lsn_col(lsn_stmt *s, int i)
{
	const char *t = lsn_col_text(s, i);
	return t ? t : "";
}

/* ---- migrations ---- */

/* The blocks of schema.sql (schema_pg.sql when pg): start and length of block
 * n (1-based) in *b, *len; returns the number of blocks. */
static int migration(int pg, int n, const char **b, size_t *len)
{
	const char *s = (const char *)(pg ? lsn_schema_pg_sql : lsn_schema_sql);
	const char *end = s + (pg ? lsn_schema_pg_sql_len : lsn_schema_sql_len);
	static const char tag[] = "-- @migration ";
	int count = 0;
	const char *cur = NULL;
	for (const char *p = s; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl ? nl + 1 : end;
		if ((p == s || p[-1] == '\n') && (size_t)(end - p) > sizeof tag - 1 &&
		    !memcmp(p, tag, sizeof tag - 1)) {
			if (cur && count == n && b) {
				*b = cur;
				*len = (size_t)(p - cur);
			}
			count++;
			cur = next;
		}
		p = next;
	}
	if (cur && count == n && b) {
		*b = cur;
		*len = (size_t)(end - cur);
	}
	return count;
}

int lsn_schema_latest(void) { return migration(0, 0, NULL, NULL); }

int lsn_schema_pg_latest(void) { return migration(1, 0, NULL, NULL); }

static int is_pg(const lsn_store *st) { return lsn_db_kind(st->db) == LSN_DB_PG; }

/* The number of the last migration applied: SQLite's user_version, or the
 * highest row of PostgreSQL's schema_version (made when the connection opens). */
static int user_version(lsn_store *st)
{
	lsn_stmt *s = lsn_db_prepare(st->db, is_pg(st) ? "SELECT coalesce(max(version), 0) FROM schema_version"
						       : "PRAGMA user_version");
	int v = -1;
	if (s && lsn_step(s) == LSN_DB_ROW)
		v = lsn_col_int(s, 0);
	lsn_stmt_finalize(s);
	return v;
}

int lsn_store_schema_version(const lsn_store *st) { return user_version((lsn_store *)st); }

int lsn_store_unresolved(lsn_store *st)
{
	/* resolution gives every mention its person or event: one left without is
	 * a fact stored after the last resolution */
	lsn_stmt *s = lsn_st_prep(st, "SELECT EXISTS (SELECT 1 FROM person_mentions WHERE person_id IS NULL) "
					  "OR EXISTS (SELECT 1 FROM event_mentions WHERE event_id IS NULL)");
	int r = s && lsn_step(s) == LSN_DB_ROW && lsn_col_int(s, 0);
	if (s)
		lsn_reset(s);
	return r;
}

/* Brings the schema up to date, one migration per transaction.  Several
 * processes may open a new knowledge base at once (ingests started
 * together): each migration is taken under the write lock (BEGIN IMMEDIATE
 * waits for it, up to the busy timeout) and the version is read again
 * inside it, so that a migration another process has made meanwhile is not
 * made twice. */
static enum lsn_status migrate(lsn_store *st)
{
	int pg = is_pg(st), latest = migration(pg, 0, NULL, NULL);
	for (;;) {
		enum lsn_status e = lsn_store_begin(st);
		if (e) {
			char msg[sizeof st->err];
			snprintf(msg, sizeof msg, "%s", st->err);
			return lsn_st_fail(st, e, "cannot take the write lock to upgrade the schema (%s)", msg);
		}
		int have = user_version(st);
		if (have < 0 || have >= latest) {
			lsn_db_exec(st->db, "ROLLBACK");
			st->in_tx = 0;
			if (have < 0)
				return lsn_st_dberr(st, "reading the schema version");
			if (have > latest)
				return lsn_st_fail(st, LSN_EDB, "schema version %d is newer than this liaison knows (%d)",
						   have, latest);
			return LSN_OK;
		}
		int n = have + 1;
		const char *b = NULL;
		size_t len = 0;
		migration(pg, n, &b, &len);
		char *sql = malloc(len + 64);
		if (!sql) {
			lsn_store_rollback(st);
			return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
		}
		memcpy(sql, b, len);
		/* the version number is ours, not input: safe to format */
		snprintf(sql + len, 64, pg ? "\n;INSERT INTO schema_version VALUES (%d);" : "\n;PRAGMA user_version = %d;",
			 n);
		e = LSN_OK;
		if (lsn_db_exec_native(st->db, sql)) {
			int nomem = lsn_db_nomem(st->db);
			e = lsn_st_fail(st, nomem ? LSN_ENOMEM : LSN_EDB, "%s", lsn_db_errmsg(st->db));
		}
		if (!e)
			e = lsn_store_commit(st);
		free(sql);
		if (e) {
			char msg[sizeof st->err];
			snprintf(msg, sizeof msg, "%s", st->err);
			lsn_store_rollback(st);
			return lsn_st_fail(st, e, "migration %d failed (%s)", n, msg);
		}
	}
}

/* ---- open and close ---- */

/* Takes the password out of a connection URI kept for messages
 * (postgresql://user:secret@host/db -> postgresql://user@host/db). */
static void hide_password(char *uri)
{
	char *p = strstr(uri, "://");
	if (!p)
		return;
	p += 3;
	char *at = strchr(p, '@'), *slash = strchr(p, '/');
	if (!at || (slash && slash < at))
		return;
	char *colon = memchr(p, ':', (size_t)(at - p));
	if (colon)
		memmove(colon, at, strlen(at) + 1);
}

static void fts_drop(lsn_store *st, size_t from);

enum lsn_status lsn_store_open(const char *path, int flags, lsn_store **out, char *err, size_t errlen)
{
	enum lsn_status e = LSN_OK;
	*out = NULL;
	if (errlen)
		err[0] = 0;
	lsn_store *st = calloc(1, sizeof *st);
	if (!st || !(st->path = strdup(path))) {
		free(st);
		if (errlen)
			snprintf(err, errlen, "%s: out of memory", path);
		return LSN_ENOMEM;
	}
	struct stat sb;
	int pg = lsn_db_is_pg(path);
	if (pg)
		hide_password(st->path);
	if (!pg && !(flags & LSN_STORE_CREATE) && stat(path, &sb)) {
		e = lsn_st_fail(st, LSN_EDB, "no such knowledge base (run 'liaison ingest' first)");
		goto fail;
	}
	char why[512];
	if (lsn_db_open(path, ((flags & LSN_STORE_CREATE) ? LSN_DB_CREATE : 0) |
			      ((flags & LSN_STORE_READONLY) ? LSN_DB_READONLY : 0), &st->db, why, sizeof why)) {
		e = lsn_st_fail(st, LSN_EDB, "%s", why);
		goto fail;
	}
	if (pg && (flags & LSN_STORE_READONLY)) {
		int have = user_version(st), latest = lsn_schema_pg_latest();
		if (have != latest) {
			e = lsn_st_fail(st, LSN_EDB, have < 0 ? "no such knowledge base (run 'liaison ingest' first)" :
					have > latest ? "schema version %d is newer than this liaison knows (%d)" :
					"schema version %d is older than this liaison's (%d) and cannot be "
					"upgraded read-only", have, latest);
			goto fail;
		}
		*out = st;
		return LSN_OK;
	}
	if (pg) {
		if ((e = migrate(st)))
			goto fail;
		*out = st;
		return LSN_OK;
	}
	if (flags & LSN_STORE_READONLY) {
		/* a reader: the journal mode is the writer's business (WAL lets it read
		 * while ingest writes); query_only refuses any write even by mistake;
		 * memory-mapped reads spare a copy of every page */
		if ((e = lsn_st_exec(st, "PRAGMA query_only = 1; PRAGMA temp_store = MEMORY; "
					 "PRAGMA cache_size = -16384; PRAGMA mmap_size = 1073741824")))
			goto fail;
		int have = user_version(st), latest = lsn_schema_latest();
		if (have < 0) {
			e = lsn_st_dberr(st, "reading the schema version");
			goto fail;
		}
		if (have != latest) {
			e = lsn_st_fail(st, LSN_EDB, have > latest ?
					"schema version %d is newer than this liaison knows (%d)" :
					"schema version %d is older than this liaison's (%d) and cannot be "
					"upgraded read-only", have, latest);
			goto fail;
		}
		*out = st;
		return LSN_OK;
	}
	/* WAL: readers go on while ingest writes, and a killed writer loses only
	 * its open transaction; synchronous=NORMAL is durable across a crash of
	 * the process (not of the machine), which is what WAL promises.  Fewer,
	 * larger checkpoints make ingest a little faster. */
	if ((e = lsn_st_exec(st, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; "
				 "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; "
				 "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384")))
		goto fail; /* "file is not a database", locked, ... */
	if ((e = migrate(st)))
		goto fail;
	*out = st;
	return LSN_OK;
fail:
	if (errlen)
		snprintf(err, errlen, "%s", st->err);
	lsn_store_close(st);
	return e;
}

void lsn_store_close(lsn_store *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->ncache; i++)
		lsn_stmt_finalize(st->cache[i].stmt);
	free(st->cache);
	fts_drop(st, 0);
	free(st->fts);
	if (st->db) {
		if (st->in_tx)
			lsn_db_exec(st->db, "ROLLBACK");
		/* fold the WAL back into the database file on a clean close */
		lsn_db_close(st->db);
	}
	free(st->path);
	free(st);
}

const char *lsn_store_errmsg(const lsn_store *st) { return st ? st->err : ""; }

/* Forgets the pending full-text rows from index `from` on. */
static void fts_drop(lsn_store *st, size_t from)
{
	for (size_t i = from; i < st->nfts; i++)
		free(st->fts[i].body);
	if (from < st->nfts)
		st->nfts = from;
}

/* Writes the pending full-text rows (in the open transaction) and forgets them. */
static enum lsn_status fts_flush(lsn_store *st)
{
	enum lsn_status e = LSN_OK;
	for (size_t i = 0; i < st->nfts && !e; i++) {
		lsn_stmt *s = lsn_st_prep(st, "INSERT INTO doc_fts (rowid, body) VALUES (?1, ?2)");
		if (!s) {
			e = LSN_EDB;
			break;
		}
		lsn_bind_int64(s, 1, st->fts[i].docno);
		lsn_bind_textn(s, 2, st->fts[i].body ? st->fts[i].body : "", (int)st->fts[i].len,
				  LSN_DB_STATIC);
		e = lsn_st_done(st, s, "indexing a document");
	}
	fts_drop(st, 0);
	return e;
}

static enum lsn_status fts_keep(lsn_store *st, int64_t docno, const char *body, size_t len);

/* Keeps the full-text row of document docno for the commit of the open batch,
 * or writes it at once outside a batch.  On PostgreSQL the row holds the
 * folded text's words, its separators made spaces here (schema_pg.sql,
 * migration 6), not by the server. */
static enum lsn_status fts_add(lsn_store *st, int64_t docno, const char *body, size_t len)
{
	if (!is_pg(st))
		return fts_keep(st, docno, body, len);
	struct lsn_buf w;
	lsn_buf_init(&w);
	if (lsn_fts_words(body ? body : "", body ? len : 0, &w)) {
		lsn_buf_clear(&w);
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	}
	enum lsn_status e = fts_keep(st, docno, w.data ? w.data : "", w.len);
	lsn_buf_clear(&w);
	return e;
}

static enum lsn_status fts_keep(lsn_store *st, int64_t docno, const char *body, size_t len)
{
	if (!st->in_tx) {
		lsn_stmt *s = lsn_st_prep(st, "INSERT INTO doc_fts (rowid, body) VALUES (?1, ?2)");
		if (!s)
			return LSN_EDB;
		lsn_bind_int64(s, 1, docno);
		lsn_bind_textn(s, 2, body ? body : "", (int)len, LSN_DB_STATIC);
		return lsn_st_done(st, s, "indexing a document");
	}
	if (lsn_grow(&st->fts, &st->capfts, st->nfts + 1, sizeof *st->fts))
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	struct lsn_fts_row *f = &st->fts[st->nfts];
	f->docno = docno;
	f->len = len;
	f->body = NULL;
	if (len) {
		if (!(f->body = malloc(len)))
			return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
		memcpy(f->body, body, len);
	}
	st->nfts++;
	return LSN_OK;
}

enum lsn_status lsn_store_begin(lsn_store *st)
{
	/* one writer at a time, as SQLite's write lock: on PostgreSQL a
	 * transaction-scoped advisory lock (any number fixed for liaison) */
	enum lsn_status e = lsn_st_exec(st, is_pg(st) ? "BEGIN; SELECT pg_advisory_xact_lock(7261840)"
						    : "BEGIN IMMEDIATE");
	if (!e)
		st->in_tx = 1;
	return e;
}

/* PostgreSQL: the ingesters at work hold this advisory lock shared, each from
 * its start until its resolution begins (under the writers' lock). */
#define LOCK_WRITING "7261842"

enum lsn_status lsn_store_will_resolve(lsn_store *st)
{
	if (!is_pg(st) || st->writing)
		return LSN_OK;
	enum lsn_status e = lsn_st_exec(st, "SELECT pg_advisory_lock_shared(" LOCK_WRITING ")");
	st->writing = !e;
	return e;
}

enum lsn_status lsn_st_others_writing(lsn_store *st, int *others)
{
	*others = 0;
	if (!is_pg(st))
		return LSN_OK;
	if (st->writing) {
		enum lsn_status e = lsn_st_exec(st, "SELECT pg_advisory_unlock_shared(" LOCK_WRITING ")");
		if (e)
			return e;
		st->writing = 0;
	}
	/* a one-part advisory key is objid, objsubid 1; keys are per database */
	lsn_stmt *s = lsn_st_prep(st, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
				      "AND objid = " LOCK_WRITING " AND objsubid = 1 AND granted "
				      "AND pid <> pg_backend_pid() AND database = "
				      "(SELECT oid FROM pg_database WHERE datname = current_database())");
	if (!s)
		return LSN_EDB;
	if (lsn_step(s) != LSN_DB_ROW) {
		lsn_reset(s);
		return lsn_st_dberr(st, "looking for other writers");
	}
	*others = lsn_col_int(s, 0) > 0;
	lsn_reset(s);
	return LSN_OK;
}

uint64_t lsn_store_data_version(lsn_store *st)
{
	lsn_stmt *q = lsn_st_prep(st, is_pg(st) ? "SELECT n FROM generation" : "PRAGMA data_version");
	uint64_t v = q && lsn_step(q) == LSN_DB_ROW ? (uint64_t)lsn_col_int64(q, 0) : 0;
	if (q)
		lsn_reset(q);
	return v;
}

enum lsn_status lsn_store_commit(lsn_store *st)
{
	enum lsn_status e = fts_flush(st);
	if (e)
		return e;
	/* PostgreSQL has no data_version: the writers count their commits */
	if (is_pg(st) && (e = lsn_st_exec(st, "UPDATE generation SET n = n + 1")))
		return e;
	e = lsn_st_exec(st, "COMMIT");
	if (!e)
		st->in_tx = 0;
	return e;
}

void lsn_store_rollback(lsn_store *st)
{
	fts_drop(st, 0);
	if (lsn_db_in_tx(st->db))
		lsn_db_exec(st->db, "ROLLBACK");
	st->in_tx = 0;
}

/* ---- writing a record ---- */

enum lsn_status lsn_store_lookup(lsn_store *st, const char *id, const char *hash, int *state)
{
	lsn_stmt *s = lsn_st_prep(st, "SELECT content_hash FROM documents WHERE id = ?1");
	if (!s)
		return LSN_EDB;
	lsn_bind_textn(s, 1, id, -1, LSN_DB_STATIC);
	int rc = lsn_step(s);
	if (rc == LSN_DB_ROW)
		*state = strcmp(lsn_col(s, 0), hash) ? LSN_PUT_REPLACED : LSN_PUT_UNCHANGED;
	else if (rc == LSN_DB_DONE)
		*state = LSN_PUT_NEW;
	else
		return lsn_st_dberr(st, "looking up a document");
	lsn_reset(s);
	return LSN_OK;
}

enum lsn_status lsn_store_source(lsn_store *st, const char *id, struct lsn_buf *path, char hash[65],
				 int *found)
{
	lsn_stmt *s = lsn_st_prep(st, "SELECT coalesce(path, ''), content_hash FROM documents WHERE id = ?1");
	if (!s)
		return LSN_EDB;
	lsn_bind_textn(s, 1, id, -1, LSN_DB_STATIC);
	int rc = lsn_step(s);
	*found = rc == LSN_DB_ROW;
	path->len = 0;
	hash[0] = 0;
	if (rc == LSN_DB_ROW) {
		lsn_buf_adds(path, lsn_col(s, 0));
		snprintf(hash, 65, "%s", lsn_col(s, 1));
	}
	lsn_reset(s);
	if (rc != LSN_DB_ROW && rc != LSN_DB_DONE)
		return lsn_st_dberr(st, "looking up a document");
	return path->oom ? lsn_st_fail(st, LSN_ENOMEM, "out of memory") : LSN_OK;
}

/* The date a person's role was seen in a record: that of the first dated
 * event they take part in, else the publication date. */
static const char *seen_date(const struct lsn_rec *r, size_t person)
{
	for (size_t k = 0; k < r->nevents; k++) {
		const struct lsn_rec_event *v = &r->events[k];
		if (!v->date[0])
			continue;
		for (size_t i = 0; i < v->nparts; i++)
			if (v->part_person[i] == (int)person)
				return v->date;
	}
	return r->published;
}

static void bind_offset(lsn_stmt *s, int i, long v)
{
	if (v < 0)
		lsn_bind_null(s, i);
	else
		lsn_bind_int64(s, i, v);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static enum lsn_status write_facts(lsn_store *st, const struct lsn_rec *r)
{
	char id[1200], ref[1200];
	enum lsn_status e = LSN_OK;
	lsn_stmt *s;
	for (size_t k = 0; k < r->npersons; k++) {
		const struct lsn_rec_person *p = &r->persons[k];
		char key[512];
		lsn_name_key(p->name, strlen(p->name), key, sizeof key);
		snprintf(id, sizeof id, "%s#p%zu", r->id, k);
		if (!(s = lsn_st_prep(st, "INSERT INTO person_mentions (id, document_id, ordinal, name, "
				       "name_key, role, org, country, listed, seen, evidence_start, evidence_end) "
				       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")))
			return LSN_EDB;
		lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
		lsn_bind_textn(s, 2, r->id, -1, LSN_DB_STATIC);
		lsn_bind_int64(s, 3, (int64_t)k);
		lsn_bind_textn(s, 4, p->name, -1, LSN_DB_STATIC);
		lsn_bind_textn(s, 5, key, -1, LSN_DB_COPY);
		lsn_bind_text(s, 6, p->role);
		lsn_bind_text(s, 7, p->org);
		lsn_bind_text(s, 8, p->country);
		lsn_bind_int(s, 9, p->listed);
		lsn_bind_text(s, 10, seen_date(r, k));
		bind_offset(s, 11, p->ev_start);
		bind_offset(s, 12, p->ev_end);
		if ((e = lsn_st_done(st, s, "storing a person")))
			return e;
		for (size_t m = 0; m < p->nments; m++) {
			if (!(s = lsn_st_prep(st, "INSERT OR IGNORE INTO mention_surfaces (mention_id, n, surface) "
					       "VALUES (?1, ?2, ?3)")))
				return LSN_EDB;
			lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
			lsn_bind_int64(s, 2, (int64_t)m);
			lsn_bind_textn(s, 3, p->ments[m], -1, LSN_DB_STATIC);
			if ((e = lsn_st_done(st, s, "storing a mention")))
				return e;
		}
	}
	for (size_t k = 0; k < r->nevents; k++) {
		const struct lsn_rec_event *v = &r->events[k];
		snprintf(id, sizeof id, "%s#e%zu", r->id, k);
		if (!(s = lsn_st_prep(st, "INSERT INTO event_mentions (id, document_id, ordinal, type, date, "
				       "place, evidence, evidence_start, evidence_end, source_start, source_end, "
				       "date_partial) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")))
			return LSN_EDB;
		lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
		lsn_bind_textn(s, 2, r->id, -1, LSN_DB_STATIC);
		lsn_bind_int64(s, 3, (int64_t)k);
		lsn_bind_textn(s, 4, v->type, -1, LSN_DB_STATIC);
		lsn_bind_text(s, 5, v->date);
		lsn_bind_text(s, 6, v->place);
		lsn_bind_textn(s, 7, v->evidence, (int)v->evidence_len, LSN_DB_STATIC);
		bind_offset(s, 8, v->ev_start);
		bind_offset(s, 9, v->ev_end);
		bind_offset(s, 10, v->src_start);
		bind_offset(s, 11, v->src_end);
		lsn_bind_text(s, 12, v->date_partial);
		if ((e = lsn_st_done(st, s, "storing an event")))
			return e;
		for (size_t i = 0; i < v->nparts; i++) {
			if (!(s = lsn_st_prep(st, "INSERT INTO event_mention_people (mention_id, n, name, "
					       "person_mention_id) VALUES (?1, ?2, ?3, ?4)")))
				return LSN_EDB;
			lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
			lsn_bind_int64(s, 2, (int64_t)i);
			lsn_bind_textn(s, 3, v->parts[i], -1, LSN_DB_STATIC);
			snprintf(ref, sizeof ref, "%s#p%d", r->id, v->part_person[i]);
			if (v->part_person[i] >= 0)
				lsn_bind_textn(s, 4, ref, -1, LSN_DB_COPY);
			if ((e = lsn_st_done(st, s, "storing a participant")))
				return e;
		}
		for (size_t i = 0; i < v->nparties; i++) {
			if (!(s = lsn_st_prep(st, "INSERT INTO event_mention_parties (mention_id, n, place) "
					       "VALUES (?1, ?2, ?3)")))
				return LSN_EDB;
			lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
			lsn_bind_int64(s, 2, (int64_t)i);
			lsn_bind_textn(s, 3, v->parties[i], -1, LSN_DB_STATIC);
			if ((e = lsn_st_done(st, s, "storing a party")))
				return e;
		}
	}
	for (size_t k = 0; k < r->nfigures; k++) {
		const struct lsn_rec_figure *f = &r->figures[k];
		const char *sorted[LSN_REC_LIST];
		char pkey[1024];
		size_t pl = 0;
		memcpy(sorted, f->parties, f->nparties * sizeof *sorted);
		qsort(sorted, f->nparties, sizeof *sorted, cmp_str);
		pkey[0] = 0;
		for (size_t i = 0; i < f->nparties && pl < sizeof pkey; i++)
			pl += (size_t)snprintf(pkey + pl, sizeof pkey - pl, "%s%s", i ? "|" : "", sorted[i]);
		snprintf(id, sizeof id, "%s#f%zu", r->id, k);
		if (!(s = lsn_st_prep(st, "INSERT INTO figures (id, document_id, ordinal, metric, period, value, "
				       "unit, change_pct, parties_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")))
			return LSN_EDB;
		lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
		lsn_bind_textn(s, 2, r->id, -1, LSN_DB_STATIC);
		lsn_bind_int64(s, 3, (int64_t)k);
		lsn_bind_textn(s, 4, f->metric, -1, LSN_DB_STATIC);
		lsn_bind_text(s, 5, f->period);
		lsn_bind_double(s, 6, f->value);
		lsn_bind_textn(s, 7, f->unit, -1, LSN_DB_STATIC);
		if (f->has_change)
			lsn_bind_double(s, 8, f->change);
		lsn_bind_textn(s, 9, pkey, -1, LSN_DB_COPY);
		if ((e = lsn_st_done(st, s, "storing a figure")))
			return e;
		for (size_t i = 0; i < f->nparties; i++) {
			if (!(s = lsn_st_prep(st, "INSERT INTO figure_parties (figure_id, n, place) "
					       "VALUES (?1, ?2, ?3)")))
				return LSN_EDB;
			lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
			lsn_bind_int64(s, 2, (int64_t)i);
			lsn_bind_textn(s, 3, f->parties[i], -1, LSN_DB_STATIC);
			if ((e = lsn_st_done(st, s, "storing a figure's party")))
				return e;
		}
	}
	for (size_t k = 0; k < r->nrels; k++) {
		const struct lsn_rec_relation *x = &r->rels[k];
		snprintf(id, sizeof id, "%s#r%zu", r->id, k);
		if (!(s = lsn_st_prep(st, "INSERT INTO relations (id, document_id, ordinal, type, a, b, since) "
				       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")))
			return LSN_EDB;
		lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
		lsn_bind_textn(s, 2, r->id, -1, LSN_DB_STATIC);
		lsn_bind_int64(s, 3, (int64_t)k);
		lsn_bind_textn(s, 4, x->type, -1, LSN_DB_STATIC);
		lsn_bind_text(s, 5, x->a);
		lsn_bind_text(s, 6, x->b);
		if (x->since)
			lsn_bind_int(s, 7, x->since);
		if ((e = lsn_st_done(st, s, "storing a relation")))
			return e;
	}
	for (size_t k = 0; k < r->nfields; k++) {
		if (!(s = lsn_st_prep(st, "INSERT OR IGNORE INTO document_fields (document_id, field) "
				       "VALUES (?1, ?2)")))
			return LSN_EDB;
		lsn_bind_textn(s, 1, r->id, -1, LSN_DB_STATIC);
		lsn_bind_textn(s, 2, r->fields[k], -1, LSN_DB_STATIC);
		if ((e = lsn_st_done(st, s, "storing a field")))
			return e;
	}
	return LSN_OK;
}

/* The commitments of record r, with their fields. */
static enum lsn_status write_commitments(lsn_store *st, const struct lsn_rec *r)
{
	enum lsn_status e;
	lsn_stmt *s;
	char id[1200];
	for (size_t k = 0; k < r->ncommits; k++) {
		const struct lsn_rec_commitment *c = &r->commits[k];
		snprintf(id, sizeof id, "%s#c%zu", r->id, k);
		if (!(s = lsn_st_prep(st, "INSERT INTO commitments (id, document_id, ordinal, type, by_name, "
				       "by_party, to_party, accepted, evidence, evidence_start, evidence_end) "
				       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")))
			return LSN_EDB;
		lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
		lsn_bind_textn(s, 2, r->id, -1, LSN_DB_STATIC);
		lsn_bind_int64(s, 3, (int64_t)k);
		lsn_bind_textn(s, 4, c->type, -1, LSN_DB_STATIC);
		lsn_bind_text(s, 5, c->by);
		lsn_bind_textn(s, 6, c->by_party, -1, LSN_DB_STATIC);
		lsn_bind_textn(s, 7, c->to_party, -1, LSN_DB_STATIC);
		if (c->accepted >= 0)
			lsn_bind_int(s, 8, c->accepted);
		lsn_bind_textn(s, 9, c->evidence, (int)c->evidence_len, LSN_DB_STATIC);
		if (c->ev_start >= 0) {
			lsn_bind_int64(s, 10, c->ev_start);
			lsn_bind_int64(s, 11, c->ev_end);
		}
		if ((e = lsn_st_done(st, s, "storing a commitment")))
			return e;
		for (size_t i = 0; i < c->nfields; i++) {
			if (!(s = lsn_st_prep(st, "INSERT OR IGNORE INTO commitment_fields (commitment_id, field) "
					       "VALUES (?1, ?2)")))
				return LSN_EDB;
			lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
			lsn_bind_textn(s, 2, c->fields[i], -1, LSN_DB_STATIC);
			if ((e = lsn_st_done(st, s, "storing a commitment's field")))
				return e;
		}
	}
	return LSN_OK;
}

/* Writes record r (replacing a stored document with its id) inside a savepoint. */
/* The full-text body and SimHash of record r, computed where the record is
 * made (a worker thread), so that the thread writing the base only writes. */
static int fold_rec(const struct lsn_rec *r, struct lsn_buf *body, uint64_t *sh)
{
	lsn_buf_init(body);
	if (lsn_fts_fold(r->text, r->text_len, body))
		return -1;
	*sh = lsn_simhash(body->data ? body->data : "", body->len, NULL);
	return 0;
}

static enum lsn_status put_rec(lsn_store *st, const struct lsn_rec *r, const struct lsn_buf *folded,
			       uint64_t folded_sh, const char *path, const char *url, const char *hash, size_t bytes,
			       int *result)
{
	struct lsn_buf body;
	enum lsn_status e;
	int state = 0, savepoint = 0;
	lsn_stmt *s;
	lsn_buf_init(&body);
	if ((e = lsn_store_lookup(st, r->id, hash, &state)))
		return e;
	if (result)
		*result = state;
	if (state == LSN_PUT_UNCHANGED)
		return LSN_OK;
	uint64_t sh = folded_sh;
	if (folded)
		body = *folded; /* borrowed: the prepared record keeps it */
	else if (fold_rec(r, &body, &sh))
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	if (!(s = lsn_st_prep(st, "SAVEPOINT put_document"))) {
		e = LSN_EDB;
		goto done;
	}
	if ((e = lsn_st_done(st, s, "opening a savepoint")))
		goto done;
	savepoint = 1;
	if (state == LSN_PUT_REPLACED && (e = lsn_store_remove(st, r->id, NULL)))
		goto done;
	if (!(s = lsn_st_prep(st, "INSERT INTO documents (id, path, url, content_hash, bytes, lang, "
			       "published, text, simhash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
			       "RETURNING docno"))) {
		e = LSN_EDB;
		goto done;
	}
	lsn_bind_textn(s, 1, r->id, -1, LSN_DB_STATIC);
	lsn_bind_text(s, 2, path);
	lsn_bind_text(s, 3, url);
	lsn_bind_textn(s, 4, hash, -1, LSN_DB_STATIC);
	lsn_bind_int64(s, 5, (int64_t)bytes);
	lsn_bind_text(s, 6, r->lang);
	lsn_bind_text(s, 7, r->published);
	lsn_bind_textn(s, 8, r->text, (int)r->text_len, LSN_DB_STATIC);
	lsn_bind_int64(s, 9, (int64_t)sh);
	if (lsn_step(s) != LSN_DB_ROW) {
		e = lsn_st_dberr(st, "storing a document");
		lsn_reset(s);
		goto done;
	}
	int64_t docno = lsn_col_int64(s, 0);
	lsn_reset(s);
	if ((e = write_facts(st, r)) || (e = write_commitments(st, r)))
		goto done;
	s = lsn_st_prep(st, "RELEASE put_document");
	e = s ? lsn_st_done(st, s, "releasing a savepoint") : LSN_EDB;
	savepoint = e != LSN_OK;
	/* after the savepoint: a row kept for the commit belongs to a stored document */
	if (!e && (e = fts_add(st, docno, body.data, body.len))) {
		/* nothing of the document without its full-text row */
		lsn_store_remove(st, r->id, NULL);
	}
done:
	/* a failure leaves nothing of this document: back to before it */
	if (e && savepoint)
		lsn_db_exec(st->db, "ROLLBACK TO put_document; RELEASE put_document");
	if (!folded)
		lsn_buf_clear(&body);
	return e;
}

enum lsn_status lsn_store_remove(lsn_store *st, const char *id, int *found)
{
	enum lsn_status e;
	lsn_stmt *s = lsn_st_prep(st, "SELECT docno FROM documents WHERE id = ?1");
	if (!s)
		return LSN_EDB;
	lsn_bind_textn(s, 1, id, -1, LSN_DB_STATIC);
	int rc = lsn_step(s);
	if (rc != LSN_DB_ROW && rc != LSN_DB_DONE) {
		e = lsn_st_dberr(st, "removing a document");
		lsn_reset(s);
		return e;
	}
	int64_t docno = rc == LSN_DB_ROW ? lsn_col_int64(s, 0) : -1;
	lsn_reset(s);
	if (docno >= 0) {
		/* its full-text row: still waiting for the commit, or in the index */
		size_t k = 0;
		while (k < st->nfts && st->fts[k].docno != docno)
			k++;
		if (k < st->nfts) {
			free(st->fts[k].body);
			memmove(st->fts + k, st->fts + k + 1, (st->nfts - k - 1) * sizeof *st->fts);
			st->nfts--;
		} else {
			if (!(s = lsn_st_prep(st, "DELETE FROM doc_fts WHERE rowid = ?1")))
				return LSN_EDB;
			lsn_bind_int64(s, 1, docno);
			if ((e = lsn_st_done(st, s, "removing a document")))
				return e;
		}
	}
	if (!(s = lsn_st_prep(st, "DELETE FROM documents WHERE id = ?1")))
		return LSN_EDB;
	lsn_bind_textn(s, 1, id, -1, LSN_DB_STATIC);
	if ((e = lsn_st_done(st, s, "removing a document")))
		return e;
	if (found)
		*found = lsn_db_changes(st->db) > 0;
	return LSN_OK;
}

/* A record made ahead of its writing (lsn_store_prepare). */
struct prepared {
	struct lsn_rec r;
	struct lsn_buf body;
	uint64_t simhash;
};

static void prepared_free(void *x)
{
	struct prepared *p = x;
	if (!p)
		return;
	lsn_rec_clear(&p->r);
	lsn_buf_clear(&p->body);
	free(p);
}

enum lsn_status lsn_store_prepare(lsn_doc *doc)
{
	if (!doc->done)
		return LSN_EARG;
	if (doc->kbprep)
		return LSN_OK;
	struct prepared *p = calloc(1, sizeof *p);
	if (!p)
		return LSN_ENOMEM;
	if (lsn_rec_from_doc(&p->r, doc)) {
		free(p);
		return LSN_ENOMEM;
	}
	if (fold_rec(&p->r, &p->body, &p->simhash)) {
		prepared_free(p);
		return LSN_ENOMEM;
	}
	doc->kbprep = p;
	doc->kbprep_free = prepared_free;
	return LSN_OK;
}

enum lsn_status lsn_store_put(lsn_store *st, const lsn_doc *doc, const char *path, const char *url,
			      const char *hash, int *result)
{
	struct lsn_rec r;
	if (!doc->done || !hash)
		return lsn_st_fail(st, LSN_EARG, "%s: not extracted, or no content hash", doc->id);
	if (doc->kbprep) {
		const struct prepared *p = doc->kbprep;
		return put_rec(st, &p->r, &p->body, p->simhash, path, url, hash, doc->len, result);
	}
	if (lsn_rec_from_doc(&r, doc))
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	enum lsn_status e = put_rec(st, &r, NULL, 0, path, url, hash, doc->len, result);
	lsn_rec_clear(&r);
	return e;
}

enum lsn_status lsn_store_put_json(lsn_store *st, const char *json, size_t len, const char *path,
				   size_t *new_, size_t *unchanged, size_t *replaced)
{
	size_t off = 0, line = 1;
	while (off < len) {
		char c = json[off];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			line += c == '\n';
			off++;
			continue;
		}
		json_error_t je;
		json_t *root = json_loadb(json + off, len - off, JSON_DISABLE_EOF_CHECK, &je);
		if (!root)
			return lsn_st_fail(st, LSN_EARG, "%s:%zu: not JSON: %s", path ? path : "-",
					   line + (size_t)(je.line > 0 ? je.line - 1 : 0), je.text);
		size_t used = (size_t)je.position;
		struct lsn_rec r;
		char err[256], hash[65];
		enum lsn_status e = lsn_rec_from_json(&r, root, err, sizeof err);
		if (e)
			return lsn_st_fail(st, e, "%s:%zu: %s", path ? path : "-", line, err);
		lsn_content_hash(json + off, used, hash);
		int result = 0;
		/* a record with its text (extract --text) stands for its document: its
		 * source file, URL and size are the document's */
		e = put_rec(st, &r, NULL, 0, r.source && *r.source ? r.source : path, r.url, hash,
			    r.bytes ? r.bytes : used, &result);
		lsn_rec_clear(&r);
		if (e)
			return e;
		if (result == LSN_PUT_NEW && new_)
			++*new_;
		if (result == LSN_PUT_UNCHANGED && unchanged)
			++*unchanged;
		if (result == LSN_PUT_REPLACED && replaced)
			++*replaced;
		for (size_t i = 0; i < used; i++)
			line += json[off + i] == '\n';
		off += used ? used : 1;
	}
	return LSN_OK;
}

/* ---- counts ---- */

static enum lsn_status count(lsn_store *st, const char *sql, size_t *out)
{
	lsn_stmt *s = lsn_st_prep(st, sql);
	if (!s)
		return LSN_EDB;
	if (lsn_step(s) != LSN_DB_ROW)
		return lsn_st_dberr(st, "counting");
	*out = (size_t)lsn_col_int64(s, 0);
	lsn_reset(s);
	return LSN_OK;
}

enum lsn_status lsn_store_stats(lsn_store *st, struct lsn_tables_stats *x)
{
	enum lsn_status e;
	memset(x, 0, sizeof *x);
	if ((e = count(st, "SELECT count(*) FROM documents", &x->documents)) ||
	    (e = count(st, "SELECT count(*) FROM documents WHERE dup_of IS NOT NULL", &x->duplicates)) ||
	    (e = count(st, "SELECT count(*) FROM person_mentions", &x->person_mentions)) ||
	    (e = count(st, "SELECT count(*) FROM people", &x->people)) ||
	    (e = count(st, "SELECT count(*) FROM (SELECT person_id FROM person_aliases "
			   "WHERE n_documents > 0 GROUP BY person_id HAVING count(DISTINCT script) > 1)",
		       &x->people_multiscript)) ||
	    (e = count(st, "SELECT count(*) FROM event_mentions", &x->event_mentions)) ||
	    /* copies: mentions of a near-duplicate that joined an event told by
	     * a document that is not one (counted once, with their original) */
	    (e = count(st, "SELECT count(*) FROM event_mentions m JOIN documents d "
			   "ON d.id = m.document_id WHERE d.dup_of IS NOT NULL AND EXISTS "
			   "(SELECT 1 FROM event_mentions o JOIN documents od ON od.id = o.document_id "
			   "WHERE o.event_id = m.event_id AND od.dup_of IS NULL)", &x->dup_event_mentions)) ||
	    (e = count(st, "SELECT count(*) FROM events", &x->events)) ||
	    (e = count(st, "SELECT count(*) FROM events WHERE n_documents > 1", &x->merged_events)))
		return e;
	x->event_mentions -= x->dup_event_mentions;
	return LSN_OK;
}
