/*
 * db.c — the storage interface of db.h: SQLite itself, and the dispatch to
 * the PostgreSQL side (db_pg.c) for a connection opened on a URI.  On
 * SQLite every call is the one SQLite call it stands for.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db_int.h"

int lsn_db_is_pg(const char *w)
{
	return w && (!strncmp(w, "postgresql://", 13) || !strncmp(w, "postgres://", 11) ||
		     !strncmp(w, "dbname=", 7) || !strncmp(w, "host=", 5));
}

int lsn_db_open(const char *where, int flags, lsn_db **out, char *err, size_t errlen)
{
	*out = NULL;
	lsn_db *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (lsn_db_is_pg(where)) {
		db->kind = LSN_DB_PG;
		if (!(db->pg = lsn_pg_open(where, flags, err, errlen))) {
			free(db);
			return -1;
		}
		*out = db;
		return 0;
	}
	db->kind = LSN_DB_SQLITE;
	int oflags = SQLITE_OPEN_READWRITE | ((flags & LSN_DB_CREATE) ? SQLITE_OPEN_CREATE : 0);
	if (flags & LSN_DB_READONLY) /* one thread owns a store: no mutex needed */
		oflags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(where, &db->sq, oflags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open: %s", db->sq ? sqlite3_errmsg(db->sq) : "out of memory");
		sqlite3_close(db->sq);
		free(db);
		return -1;
	}
	sqlite3_extended_result_codes(db->sq, 1);
	/* a writer waits for the one writing before it (SQLite has one): ingests
	 * started together queue up, however long the one ahead takes; a reader,
	 * which the WAL journal seldom blocks, gives up after 10 s */
	sqlite3_busy_timeout(db->sq, (flags & LSN_DB_READONLY) ? 10000 : 3600000);
	*out = db;
	return 0;
}

void lsn_db_close(lsn_db *db)
{
	if (!db)
		return;
	if (db->pg)
		lsn_pg_close(db->pg);
	else
		sqlite3_close(db->sq);
	free(db);
}

enum lsn_db_kind lsn_db_kind(const lsn_db *db) { return db->kind; }

const char *lsn_db_errmsg(lsn_db *db) { return db->pg ? lsn_pg_errmsg(db->pg) : sqlite3_errmsg(db->sq); }

int lsn_db_nomem(lsn_db *db)
{
	return db->pg ? lsn_pg_nomem(db->pg) : (sqlite3_errcode(db->sq) & 0xff) == SQLITE_NOMEM;
}

int lsn_db_exec(lsn_db *db, const char *sql)
{
	if (db->pg)
		return lsn_pg_exec(db->pg, sql);
	return sqlite3_exec(db->sq, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int lsn_db_exec_native(lsn_db *db, const char *sql)
{
	return db->pg ? lsn_pg_exec_native(db->pg, sql) : lsn_db_exec(db, sql);
}

int64_t lsn_db_changes(lsn_db *db) { return db->pg ? lsn_pg_changes(db->pg) : sqlite3_changes(db->sq); }

void lsn_db_shrink(lsn_db *db)
{
	if (db->sq)
		sqlite3_db_release_memory(db->sq);
}

int lsn_db_in_tx(lsn_db *db) { return db->pg ? lsn_pg_in_tx(db->pg) : !sqlite3_get_autocommit(db->sq); }

lsn_stmt *lsn_db_prepare(lsn_db *db, const char *sql)
{
	lsn_stmt *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	if (db->pg) {
		if (!(s->pg = lsn_pg_prepare(db->pg, sql))) {
			free(s);
			return NULL;
		}
		return s;
	}
	if (sqlite3_prepare_v3(db->sq, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->sq, NULL) != SQLITE_OK) {
		free(s);
		return NULL;
	}
	return s;
}

void lsn_stmt_finalize(lsn_stmt *s)
{
	if (!s)
		return;
	if (s->pg)
		lsn_pg_finalize(s->pg);
	else
		sqlite3_finalize(s->sq);
	free(s);
}

int lsn_step(lsn_stmt *s) { return s->pg ? lsn_pg_step(s->pg) : sqlite3_step(s->sq); }

void lsn_reset(lsn_stmt *s)
{
	if (s->pg)
		lsn_pg_reset(s->pg);
	else
		sqlite3_reset(s->sq);
}

void lsn_clear_bindings(lsn_stmt *s)
{
	if (s->pg)
		lsn_pg_clear_bindings(s->pg);
	else
		sqlite3_clear_bindings(s->sq);
}

int lsn_bind_textn(lsn_stmt *s, int i, const char *p, int n, int copy)
{
	if (s->pg)
		return lsn_pg_bind(s->pg, i, p, n < 0 ? strlen(p) : (size_t)n, LSN_T_TEXT);
	return sqlite3_bind_text(s->sq, i, p, n, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

int lsn_bind_int64(lsn_stmt *s, int i, int64_t v)
{
	if (s->pg) {
		char t[24];
		int n = snprintf(t, sizeof t, "%" PRId64, v);
		return lsn_pg_bind(s->pg, i, t, (size_t)n, LSN_T_INT);
	}
	return sqlite3_bind_int64(s->sq, i, v);
}

int lsn_bind_int(lsn_stmt *s, int i, int v) { return lsn_bind_int64(s, i, v); }

int lsn_bind_double(lsn_stmt *s, int i, double v)
{
	if (s->pg) {
		char t[40];
		int n = snprintf(t, sizeof t, "%.17g", v);
		return lsn_pg_bind(s->pg, i, t, (size_t)n, LSN_T_REAL);
	}
	return sqlite3_bind_double(s->sq, i, v);
}

int lsn_bind_null(lsn_stmt *s, int i)
{
	if (s->pg)
		return lsn_pg_bind(s->pg, i, NULL, 0, LSN_T_NULL);
	return sqlite3_bind_null(s->sq, i);
}

int lsn_bind_col(lsn_stmt *s, int i, lsn_stmt *from, int c)
{
	if (!s->pg && !from->pg)
		return sqlite3_bind_value(s->sq, i, sqlite3_column_value(from->sq, c));
	switch (lsn_col_type(from, c)) {
	case LSN_T_NULL:
		return lsn_bind_null(s, i);
	case LSN_T_INT:
		return lsn_bind_int64(s, i, lsn_col_int64(from, c));
	case LSN_T_REAL:
		return lsn_bind_double(s, i, lsn_col_double(from, c));
	default:
		return lsn_bind_textn(s, i, lsn_col_text(from, c), lsn_col_bytes(from, c), LSN_DB_COPY);
	}
}

int lsn_col_count(lsn_stmt *s) { return s->pg ? lsn_pg_col_count(s->pg) : sqlite3_column_count(s->sq); }

const char *lsn_col_name(lsn_stmt *s, int i)
{
	return s->pg ? lsn_pg_col_name(s->pg, i) : sqlite3_column_name(s->sq, i);
}

enum lsn_db_type lsn_col_decl(lsn_stmt *s, int i)
{
	if (s->pg)
		return lsn_pg_col_decl(s->pg, i);
	const char *t = sqlite3_column_decltype(s->sq, i);
	return t && !strcmp(t, "INTEGER") ? LSN_T_INT : t && !strcmp(t, "REAL") ? LSN_T_REAL : LSN_T_TEXT;
}

enum lsn_db_type lsn_col_type(lsn_stmt *s, int i)
{
	if (s->pg)
		return lsn_pg_col_type(s->pg, i);
	switch (sqlite3_column_type(s->sq, i)) {
	case SQLITE_INTEGER:
		return LSN_T_INT;
	case SQLITE_FLOAT:
		return LSN_T_REAL;
	case SQLITE_NULL:
		return LSN_T_NULL;
	default:
		return LSN_T_TEXT;
	}
}

const char *lsn_col_text(lsn_stmt *s, int i)
{
	return s->pg ? lsn_pg_col_text(s->pg, i) : (const char *)sqlite3_column_text(s->sq, i);
}

int lsn_col_bytes(lsn_stmt *s, int i) { return s->pg ? lsn_pg_col_bytes(s->pg, i) : sqlite3_column_bytes(s->sq, i); }

int64_t lsn_col_int64(lsn_stmt *s, int i)
{
	if (!s->pg)
		return sqlite3_column_int64(s->sq, i);
	const char *t = lsn_pg_col_raw(s->pg, i);
	if (!t)
		return 0;
	if (lsn_pg_col_type(s->pg, i) == LSN_T_REAL)
		return (int64_t)strtod(t, NULL);
	if (*t == 't' || *t == 'f') /* a boolean */
		return *t == 't';
	return strtoll(t, NULL, 10);
}

int lsn_col_int(lsn_stmt *s, int i) { return s->pg ? (int)lsn_col_int64(s, i) : sqlite3_column_int(s->sq, i); }

double lsn_col_double(lsn_stmt *s, int i)
{
	if (!s->pg)
		return sqlite3_column_double(s->sq, i);
	const char *t = lsn_pg_col_raw(s->pg, i);
	if (t && (*t == 't' || *t == 'f')) /* a boolean */
		return *t == 't';
	return t ? strtod(t, NULL) : 0.0;
}
