/*
 * db_int.h — the two implementations behind db.h: the handles and the
 * PostgreSQL side's entry points (db_pg.c), called by db.c for a connection
 * opened on a postgresql:// URI.
 */
#ifndef LSN_DB_INT_H
#define LSN_DB_INT_H

#include <sqlite3.h>
#include "store/db.h"

struct lsn_pg;
struct lsn_pgstmt;

struct lsn_db {
	enum lsn_db_kind kind;
	sqlite3 *sq;
	struct lsn_pg *pg;
	char err[512]; /* a failure before there is a connection to ask */
};

struct lsn_stmt {
	sqlite3_stmt *sq;
	struct lsn_pgstmt *pg;
};

struct lsn_pg *lsn_pg_open(const char *uri, int flags, char *err, size_t errlen);
void lsn_pg_close(struct lsn_pg *pg);
const char *lsn_pg_errmsg(struct lsn_pg *pg);
int lsn_pg_nomem(struct lsn_pg *pg);
int lsn_pg_exec(struct lsn_pg *pg, const char *sql);
int lsn_pg_exec_native(struct lsn_pg *pg, const char *sql);
int64_t lsn_pg_changes(struct lsn_pg *pg);
int lsn_pg_in_tx(struct lsn_pg *pg);
struct lsn_pgstmt *lsn_pg_prepare(struct lsn_pg *pg, const char *sql);
void lsn_pg_finalize(struct lsn_pgstmt *s);
int lsn_pg_step(struct lsn_pgstmt *s);
void lsn_pg_reset(struct lsn_pgstmt *s);
void lsn_pg_clear_bindings(struct lsn_pgstmt *s);
/* p NULL: NULL; the text is copied */
int lsn_pg_bind(struct lsn_pgstmt *s, int i, const char *p, size_t n, enum lsn_db_type t);
int lsn_pg_col_count(struct lsn_pgstmt *s);
const char *lsn_pg_col_name(struct lsn_pgstmt *s, int i);
enum lsn_db_type lsn_pg_col_decl(struct lsn_pgstmt *s, int i);
enum lsn_db_type lsn_pg_col_type(struct lsn_pgstmt *s, int i);
const char *lsn_pg_col_text(struct lsn_pgstmt *s, int i);
int lsn_pg_col_bytes(struct lsn_pgstmt *s, int i);
/* The value as the server wrote it (a real to the last digit), NULL for NULL. */
const char *lsn_pg_col_raw(struct lsn_pgstmt *s, int i);

#endif
