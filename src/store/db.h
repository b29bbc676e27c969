/*
 * db.h — the one storage interface of the knowledge base: a connection, its
 * statements, their parameters and result columns, over two implementations:
 * SQLite (a file, the default; db.c) and PostgreSQL through libpq (a
 * postgresql:// connection URI; db_pg.c).  Everything above it (store.c, the
 * resolution, the queries, the exports, the HTTP API) is written once.
 *
 * SQL is written once, in SQLite's dialect, with numbered parameters ?1, ?2,
 * ...; the PostgreSQL side translates a statement when it prepares it (the
 * parameters to $1, $2, ..., and the few constructs the dialects spell
 * differently: see db_pg.c) and its schema (schema_pg.sql) defines the
 * functions of SQLite's that PostgreSQL lacks (json_each of a text, scalar
 * min and max, group_concat, ...) with SQLite's results.  A new row's
 * generated key is read with RETURNING, which both understand.
 *
 * A statement's results are read in the order rows come; a column is read as
 * text, an integer or a real whatever its type (as SQLite converts), and
 * lsn_col_type tells NULL, integers, reals and text apart.
 */
#ifndef LSN_DB_H
#define LSN_DB_H

#include <stddef.h>
#include <stdint.h>

typedef struct lsn_db lsn_db;
typedef struct lsn_stmt lsn_stmt;

/* Results of lsn_step (the values SQLite uses). */
enum { LSN_DB_ROW = 100, LSN_DB_DONE = 101 };
/* The kind of a value (lsn_col_type) or a declared column (lsn_col_decl). */
enum lsn_db_type { LSN_T_INT = 1, LSN_T_REAL = 2, LSN_T_TEXT = 3, LSN_T_NULL = 5 };
enum lsn_db_kind { LSN_DB_SQLITE, LSN_DB_PG };
/* lsn_db_open's flags */
enum { LSN_DB_CREATE = 1, LSN_DB_READONLY = 2 };
/* lsn_bind_textn: the text stays valid until the statement is stepped and
 * reset (STATIC), or is copied (COPY). */
enum { LSN_DB_STATIC = 0, LSN_DB_COPY = 1 };

/* Does `where` name a PostgreSQL database (a postgresql:// or postgres://
 * URI, or libpq's key=value form starting "dbname=" / "host=")? */
int lsn_db_is_pg(const char *where);
/* Opens a connection: 0, or -1 with a message in err (and *out NULL). */
int lsn_db_open(const char *where, int flags, lsn_db **out, char *err, size_t errlen);
void lsn_db_close(lsn_db *db);
enum lsn_db_kind lsn_db_kind(const lsn_db *db);
/* The message of the last failure, and whether it was memory. */
const char *lsn_db_errmsg(lsn_db *db);
int lsn_db_nomem(lsn_db *db);
/* Runs one or more statements without parameters or results: 0 or -1. */
int lsn_db_exec(lsn_db *db, const char *sql);
/* The same, in the database's own dialect: not translated (migrations). */
int lsn_db_exec_native(lsn_db *db, const char *sql);
/* Rows changed by the last INSERT, UPDATE or DELETE. */
int64_t lsn_db_changes(lsn_db *db);
/* Gives back what memory the connection can (SQLite's page cache). */
void lsn_db_shrink(lsn_db *db);
/* Is a transaction open? */
int lsn_db_in_tx(lsn_db *db);

/* Prepares sql (kept until finalized): NULL on failure (lsn_db_errmsg). */
lsn_stmt *lsn_db_prepare(lsn_db *db, const char *sql);
void lsn_stmt_finalize(lsn_stmt *s);
/* LSN_DB_ROW (a row to read), LSN_DB_DONE, or an error (another value). */
int lsn_step(lsn_stmt *s);
/* Back to before the first step; the bindings stay. */
void lsn_reset(lsn_stmt *s);
void lsn_clear_bindings(lsn_stmt *s);

/* Parameters (1-based); n < 0: p is NUL-terminated. */
int lsn_bind_textn(lsn_stmt *s, int i, const char *p, int n, int copy);
int lsn_bind_int64(lsn_stmt *s, int i, int64_t v);
int lsn_bind_int(lsn_stmt *s, int i, int v);
int lsn_bind_double(lsn_stmt *s, int i, double v);
int lsn_bind_null(lsn_stmt *s, int i);
/* Binds column c of the current row of `from` as it is (type and value). */
int lsn_bind_col(lsn_stmt *s, int i, lsn_stmt *from, int c);

/* Result columns (0-based). */
int lsn_col_count(lsn_stmt *s);
const char *lsn_col_name(lsn_stmt *s, int i);
/* The declared type of a column of a table (LSN_T_INT, LSN_T_REAL, else LSN_T_TEXT). */
enum lsn_db_type lsn_col_decl(lsn_stmt *s, int i);
/* The type of the value in the current row. */
enum lsn_db_type lsn_col_type(lsn_stmt *s, int i);
/* The value as text (NULL for NULL), its length in bytes, as numbers. */
const char *lsn_col_text(lsn_stmt *s, int i);
int lsn_col_bytes(lsn_stmt *s, int i);
int64_t lsn_col_int64(lsn_stmt *s, int i);
int lsn_col_int(lsn_stmt *s, int i);
double lsn_col_double(lsn_stmt *s, int i);

#endif
