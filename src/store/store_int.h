/*
 * store_int.h — private structures of the knowledge base: the open store
 * (store.c), the record of one document as plain strings (record.c), the
 * text forms used as keys (text.c), look-ups in the knowledge tables
 * (src/tables/find.c), the row writer of the queries (out.c), and the query
 * layer that the command line's queries (query.c), the exports (export.c)
 * and the HTTP API (src/serve/) share: checks, look-ups, filters and SQL
 * fragments (sql.c).  The resolution has its own resolve_int.h.
 */
#ifndef LSN_STORE_INT_H
#define LSN_STORE_INT_H

#include <stdint.h>
#include <stdio.h>
#include "lsn_int.h"
#include "store/db.h"

/* ---- store.c ---- */

struct lsn_stmt_slot {
	const char *sql; /* a string literal: cached by its address */
	lsn_stmt *stmt;
};

/* A document's full-text row, written when its batch commits. */
struct lsn_fts_row {
	int64_t docno;
	char *body; /* owned; NULL for "" */
	size_t len;
};

struct lsn_store {
	lsn_db *db;  /* SQLite or PostgreSQL (db.h) */
	char *path;
	char err[1024];
	int writing; /* PostgreSQL: holds the lock of the ingesters at work (lsn_store_will_resolve) */
	int in_tx;                    /* a transaction begun by lsn_store_begin is open */
	struct lsn_stmt_slot *cache;  /* prepared statements, kept until close */
	size_t ncache, capcache;
	/* Full-text rows of the open batch.  FTS5 flushes what it holds in memory
	 * to a new segment of the index at every savepoint of a transaction that
	 * wrote to it: written with each document (each inside a savepoint), the
	 * index took one segment per document and spent its time merging them.
	 * Written together before COMMIT, a batch makes one segment. */
	struct lsn_fts_row *fts;
	size_t nfts, capfts;
};

/* The statement for `sql` (a string literal), prepared once and cached;
 * reset and unbound, ready to bind.  NULL on failure (message set). */
lsn_stmt *lsn_st_prep(lsn_store *st, const char *sql);
/* Sets the message "PATH: what: SQLite's message" and returns LSN_EDB (or
 * LSN_ENOMEM when SQLite ran out of memory). */
enum lsn_status lsn_st_dberr(lsn_store *st, const char *what);
/* Sets the message "PATH: " + the formatted text and returns `s`. */
enum lsn_status lsn_st_fail(lsn_store *st, enum lsn_status s, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Runs SQL without results (no user input in it).  LSN_OK or LSN_EDB. */
enum lsn_status lsn_st_exec(lsn_store *st, const char *sql);
/* Binds text, or NULL when s is NULL or empty. */
int lsn_bind_text(lsn_stmt *s, int i, const char *p);
/* Steps a statement that returns no rows; LSN_OK or the error (set). */
enum lsn_status lsn_st_done(lsn_store *st, lsn_stmt *s, const char *what);
/* A column as a string, "" for NULL (never NULL itself). */
const char *lsn_col(lsn_stmt *s, int i);

/* The embedded src/store/schema.sql and schema_pg.sql (generated). */
extern const unsigned char lsn_schema_sql[], lsn_schema_pg_sql[];
extern const size_t lsn_schema_sql_len, lsn_schema_pg_sql_len;
/* The number of PostgreSQL's migrations (as lsn_schema_latest, SQLite's). */
int lsn_schema_pg_latest(void);
/* PostgreSQL, under the writers' lock: ends this connection's turn as an
 * ingester at work (lsn_store_will_resolve), and tells whether another is
 * at work still (it will resolve later). */
enum lsn_status lsn_st_others_writing(lsn_store *st, int *others);
/* A number that changes when another connection commits a write (SQLite's
 * data_version; on PostgreSQL the generation every writer's commit counts):
 * readers that keep answers know they are of the past.  0 when unknown. */
uint64_t lsn_store_data_version(lsn_store *st);

/* ---- record.c: one document's record as plain strings ---- */

#define LSN_REC_LIST 32 /* longest list of one fact kept (mentions, participants, parties) */

struct lsn_rec_person {
	const char *name, *role, *org, *country; /* NULL when not known */
	const char *ments[LSN_REC_LIST];
	size_t nments;
	int listed;              /* in the record's persons (else only a participant) */
	long ev_start, ev_end;   /* sentence of the first mention in rec->text, -1 unknown */
};

struct lsn_rec_event {
	const char *type, *place;
	char date[11];           /* "" when none */
	char date_partial[8];    /* "--MM-DD" or "--MM" when the year is unknown, else "" */
	const char *evidence;    /* not NUL-terminated: evidence_len bytes */
	size_t evidence_len;
	const char *parts[LSN_REC_LIST];
	int part_person[LSN_REC_LIST]; /* index in rec->persons */
	size_t nparts;
	const char *parties[LSN_REC_LIST];
	size_t nparties;
	long ev_start, ev_end;   /* in rec->text, -1 unknown */
	long src_start, src_end; /* in the input text, -1 unknown */
};

struct lsn_rec_figure {
	const char *metric, *period, *unit;
	double value, change;
	int has_change;
	const char *parties[LSN_REC_LIST];
	size_t nparties;
};

struct lsn_rec_relation {
	const char *type, *a, *b;
	int since;               /* 0 = unknown */
};

struct lsn_rec_commitment {
	const char *type, *by, *by_party, *to_party; /* by NULL when a side speaks */
	const char *fields[32];
	size_t nfields;
	int accepted;            /* an invitation: 1 accepted, 0 declined, -1 not told */
	const char *evidence;    /* not NUL-terminated: evidence_len bytes */
	size_t evidence_len;
	long ev_start, ev_end;   /* in rec->text, -1 unknown */
};

/* Strings are borrowed from the lsn_doc or the JSON value the record was
 * built from, which must outlive it; `text` and the arrays are owned. */
struct lsn_rec {
	const char *id, *lang;
	char published[11];
	char *text;              /* cleaned text: kept lines joined by \n */
	size_t text_len;
	const char *url, *source; /* a JSON record's "url" and "source" (extract --text), or NULL */
	size_t bytes;             /* its "bytes": the size of the text as read, or 0 */
	struct lsn_rec_person *persons;
	size_t npersons;
	struct lsn_rec_event *events;
	size_t nevents;
	struct lsn_rec_figure *figures;
	size_t nfigures;
	struct lsn_rec_relation *rels;
	size_t nrels;
	struct lsn_rec_commitment *commits;
	size_t ncommits;
	const char *fields[32];
	size_t nfields;
	void *json;              /* the jansson value of a record read from JSON (owned) */
};

/* The record of an extracted document, with its cleaned text; evidence
 * offsets are mapped into that text.  LSN_OK or LSN_ENOMEM. */
enum lsn_status lsn_rec_from_doc(struct lsn_rec *r, const lsn_doc *doc);
/* The record of one JSON object (SCHEMA.md, plus an optional "text").
 * Takes ownership of `root` (a json_t *) in every case.  LSN_OK, LSN_EARG
 * (message in err), LSN_ENOMEM. */
enum lsn_status lsn_rec_from_json(struct lsn_rec *r, void *root, char *err, size_t errlen);
void lsn_rec_clear(struct lsn_rec *r);

/* ---- text.c ---- */

#define LSN_SIMHASH_MIN_SHINGLES 16 /* shorter texts get SimHash 0: never near-duplicates */
#define LSN_SIMHASH_MAX_DIST 3      /* near-duplicates differ in at most this many bits */

void lsn_sha256(const void *bytes, size_t len, unsigned char out[32]);
/* Appends the folded copy of s[0..n) that the full-text index holds: as
 * lsn_fold, and a space around every Han character.  0, or -1 out of memory. */
int lsn_fts_fold(const char *s, size_t n, struct lsn_buf *out);
/* The words of a folded text for PostgreSQL's full-text rows: every run of
 * separators (lsn_fts_prep's classes in schema_pg.sql) one space; 0, or -1
 * when out of memory. */
int lsn_fts_words(const char *s, size_t n, struct lsn_buf *out);
/* 64-bit SimHash of a folded text over word 3-shingles (a Han character is
 * a word); 0 when it has fewer than LSN_SIMHASH_MIN_SHINGLES shingles.
 * *nshingles (may be NULL) gets their number. */
uint64_t lsn_simhash(const char *folded, size_t n, size_t *nshingles);
/* The key of a person's name: folded (case, diacritics, đ), hyphens, dots
 * and apostrophes removed, white space collapsed, order kept:
 * "Phạm Minh Chính" -> "pham minh chinh".  Returns its length. */
size_t lsn_name_key(const char *s, size_t n, char *out, size_t cap);
/* 1 when s holds a Han character. */
int lsn_has_han(const char *s, size_t n);
/* "han", "latin" or "other": the script of a name. */
const char *lsn_script_of(const char *s, size_t n);

/* ---- src/tables/find.c: whole names in the knowledge tables ---- */

/* The value (place index, actor index, ...) of a phrase of `kind` whose
 * tokens are exactly those of s[0..n), or -1.  Place names are also tried
 * without a generic prefix or suffix (tỉnh, thành phố, TP., 省, 市, Province,
 * City). */
long lsn_tables_find(const lsn_tables *kb, int kind, const char *s, size_t n);
/* The canonical place id named by s (any alias, or the id itself, folded),
 * or NULL. */
const char *lsn_tables_place_name(const lsn_tables *kb, const char *s);

/* ---- out.c: rows written as a table, JSON Lines or CSV ---- */

enum lsn_col_kind {
	LSN_COL_TEXT,  /* a string or null */
	LSN_COL_INT,
	LSN_COL_REAL,
	LSN_COL_LIST,  /* a list of strings */
	LSN_COL_RECS,  /* a list of records with the fields named in `fields` */
};

struct lsn_col {
	const char *name;
	enum lsn_col_kind kind;
	const char *const *fields; /* LSN_COL_RECS: field names, NULL-terminated */
};

struct lsn_out;

/* A writer of rows with the columns `cols` (borrowed, must outlive it) to
 * `f` in `fmt`.  Table output is held until lsn_out_finish (to align it);
 * JSON and CSV are written as rows end.  NULL when out of memory. */
struct lsn_out *lsn_out_new(FILE *f, enum lsn_format fmt, const struct lsn_col *cols,
			    size_t ncols, int width);
/* The cells of a row, in column order.  Text cells take NULL for null. */
void lsn_out_text(struct lsn_out *o, const char *s);
void lsn_out_int(struct lsn_out *o, long long v);
void lsn_out_real(struct lsn_out *o, double v); /* NAN is null */
void lsn_out_null(struct lsn_out *o);
/* A LIST cell: begin, items, end.  A RECS cell: begin, then per record
 * lsn_out_field once per field in order (NULL for null), then end. */
void lsn_out_begin(struct lsn_out *o);
void lsn_out_item(struct lsn_out *o, const char *s);
void lsn_out_field(struct lsn_out *o, const char *s);
/* A field that is a number (its text, as SQLite gives it): unquoted in JSON. */
void lsn_out_field_num(struct lsn_out *o, const char *num);
void lsn_out_end(struct lsn_out *o);
/* Ends the row. */
void lsn_out_row(struct lsn_out *o);
/* Writes what is held (table), frees the writer.  LSN_OK, LSN_EIO (a write
 * failed), LSN_ENOMEM. */
enum lsn_status lsn_out_finish(struct lsn_out *o);

/* ---- sql.c: what the queries, the exports and the HTTP API share ---- */

/* Appends s[0..n) as one CSV cell (RFC 4180): quoted when it holds a comma,
 * a quote or a line end, or starts or ends with a space.  A cell a spreadsheet
 * would run as a formula (it starts with =, +, -, @, a tab or a carriage return
 * and is not a plain number) is quoted with a ' before it, as OWASP advises. */
void lsn_csv_field(struct lsn_buf *b, const char *s, size_t n);
/* Appends v as every cell shows a real (table, JSON, CSV, the API's CSV): a
 * whole number below 1e15 without a fraction, else 10 significant digits. */
void lsn_cell_real(struct lsn_buf *b, double v);
/* Appends s as an item of the JSON list that b holds from its start ("[" and
 * the items so far; the caller closes it). */
void lsn_json_list_item(struct lsn_buf *b, const char *s);
/* Makes b (empty) the JSON array of the strings v[0..n). */
void lsn_json_strings(struct lsn_buf *b, const char *const *v, size_t n);

/* The canonical ids of the places names[0..n) (any alias), as a JSON array
 * in json; LSN_EARG (message set) for a name no table knows. */
enum lsn_status lsn_q_parties(lsn_store *st, const lsn_tables *kb, const char *const *names, size_t n,
			      struct lsn_buf *json);
/* The ids of the people `name` may mean (any spelling or script), as a JSON
 * array in json, their number in *n: by the name's key or any alias seen
 * (folded), or by the canonical name the knowledge tables give it; when that
 * finds nobody and the name is in Han characters, by its pinyin and
 * Sino-Vietnamese readings. */
enum lsn_status lsn_q_people(lsn_store *st, const lsn_tables *kb, const char *name, struct lsn_buf *json,
			     size_t *n);

/* A relation's ends in a canonical order, over the columns type, a, b of the
 * table prefix t ("" or "r."): a consulate is a country's in a city
 * (ordered), a sister-city tie or a partnership has no direction. */
#define LSN_SQL_TIE_A(t) "CASE WHEN " t "type = 'consulate' THEN " t "a ELSE min(" t "a, " t "b) END"
#define LSN_SQL_TIE_B(t) "CASE WHEN " t "type = 'consulate' THEN " t "b ELSE max(" t "a, " t "b) END"
/* A relation (columns a, b) between all the places of the JSON array p
 * (a parameter: "?5"). */
#define LSN_SQL_TIE_PARTIES(p) \
	"(SELECT count(*) FROM json_each(" p ") j WHERE j.value IN (a, b)) = json_array_length(" p ")"
/* A figure (`f`) stated of all the places of the JSON array p. */
#define LSN_SQL_FIGURE_PARTIES(p) \
	"(SELECT count(DISTINCT fp.place) FROM figure_parties fp WHERE fp.figure_id = f.id " \
	"    AND fp.place IN (SELECT value FROM json_each(" p "))) = json_array_length(" p ")"

/* The evidence of a mention (table prefix m) in document `d`, as JSON
 * members: 'span', its byte range in documents.text, and 'chars', that
 * range in characters (code points). */
#define LSN_SQL_SPAN_JSON(m) \
	"'span', CASE WHEN " m ".evidence_start IS NULL THEN NULL ELSE json_array(" m ".evidence_start, " \
	m ".evidence_end) END, " \
	"'chars', CASE WHEN " m ".evidence_start IS NULL THEN NULL ELSE json_array(" \
	"  length(CAST(substr(CAST(d.text AS BLOB), 1, " m ".evidence_start) AS TEXT)), " \
	"  length(CAST(substr(CAST(d.text AS BLOB), 1, " m ".evidence_end) AS TEXT))) END"
/* The parties of a figure (table prefix g) from its key ("A|B"), as a JSON array. */
#define LSN_SQL_FIGURE_PARTIES_JSON(g) \
	"json(CASE WHEN " g ".parties_key = '' THEN '[]' ELSE " \
	"  '[\"' || replace(replace(replace(" g ".parties_key, '\\', '\\\\'), '\"', '\\\"'), '|', '\",\"') " \
	"|| '\"]' END)"

/*
 * The filters of events, as a WHERE clause over `events e` with the
 * parameters that lsn_event_filter_bind binds: ?3 type, ?4 since, ?5 until
 * (a date of the year only is within since=2024-05 and until=2024-05), ?6
 * the people (one of them takes part), ?7 the places (all take part), ?8 the
 * languages (a source in one of them), ?10 the month (YYYY-MM).  NULL is no
 * filter.  The date bounds are also stated as ranges of coalesce(e.date,
 * '~') so that the index events_order serves them.
 */
#define LSN_SQL_EVENT_WHERE \
	"(?3 IS NULL OR e.type = ?3) " \
	"AND (?4 IS NULL OR (e.date IS NOT NULL AND coalesce(e.date, '~') >= substr(?4, 1, 4) " \
	"    AND substr(e.date, 1, min(length(e.date), length(?4))) >= substr(?4, 1, min(length(e.date), length(?4))))) " \
	"AND (?5 IS NULL OR (e.date IS NOT NULL AND coalesce(e.date, '~') <= ?5 || '~' " \
	"    AND substr(e.date, 1, min(length(e.date), length(?5))) <= substr(?5, 1, min(length(e.date), length(?5))))) " \
	"AND (?6 IS NULL OR e.id IN (SELECT event_id FROM event_participants " \
	"    WHERE person_id IN (SELECT value FROM json_each(?6)))) " \
	"AND (?7 IS NULL OR (e.id IN (SELECT event_id FROM event_parties WHERE place = json_extract(?7, '$[0]')) " \
	"    AND (SELECT count(DISTINCT p.place) FROM event_parties p WHERE p.event_id = e.id " \
	"         AND p.place IN (SELECT value FROM json_each(?7))) = json_array_length(?7))) " \
	"AND (?8 IS NULL OR EXISTS (SELECT 1 FROM " LSN_SQL_EVENT_SOURCES("e.id") " " \
	"    AND d.lang IN (SELECT value FROM json_each(?8)))) " \
	"AND (?10 IS NULL OR substr(e.date, 1, 7) = ?10) "

/* Places within a place: (place, side) for every place and each of its ancestors
 * (the places table's parents): the commitments' filters and follow-ups. */
#define LSN_SQL_WITHIN \
	"WITH RECURSIVE within(place, side) AS (SELECT id, id FROM places UNION " \
	"SELECT w.place, p.parent FROM within w JOIN places p ON p.id = w.side WHERE p.parent IS NOT NULL) "
/* Commitments (`liaison commitments`, /api/commitments), `c` a commitments row.
 * ?11, ?12: JSON arrays of place ids or NULL: the speaking, the addressed side
 * is one of them or lies within one (Vietnam finds Lao Cai's); ?13 type; ?14 a
 * field; ?15, ?16 since and until (YYYY[-MM[-DD]], inclusive at the precision
 * both give); ?17 1: only invitations and pledges nothing has followed up yet.
 * (?1-?10 are left to the caller: paging, limits.) */
#define LSN_SQL_COMMIT_WHERE \
	"(?11 IS NULL OR c.by_party IN (SELECT w.place FROM within w WHERE w.side IN (SELECT value FROM json_each(?11)))) " \
	"AND (?12 IS NULL OR c.to_party IN (SELECT w.place FROM within w WHERE w.side IN (SELECT value FROM json_each(?12)))) " \
	"AND (?13 IS NULL OR c.type = ?13) " \
	"AND (?14 IS NULL OR EXISTS (SELECT 1 FROM commitment_fields f WHERE f.commitment_id = c.id AND f.field = ?14)) " \
	"AND (?15 IS NULL OR (c.date IS NOT NULL AND substr(c.date, 1, min(length(c.date), length(?15))) " \
	"    >= substr(?15, 1, min(length(c.date), length(?15))))) " \
	"AND (?16 IS NULL OR (c.date IS NOT NULL AND substr(c.date, 1, min(length(c.date), length(?16))) " \
	"    <= substr(?16, 1, min(length(c.date), length(?16))))) " \
	"AND (?17 = 0 OR (c.type IN ('invitation', 'pledge') AND NOT EXISTS (SELECT 1 FROM commitment_followups u " \
	"    WHERE u.commitment_id = c.id))) "
/* A commitment's fields, ','-joined in the order of the field vocabulary's names. */
#define LSN_SQL_COMMIT_FIELDS(id) \
	"(SELECT group_concat(field, ',') FROM (SELECT field FROM commitment_fields WHERE commitment_id = " id \
	" ORDER BY field))"

/* The filter of commitments: checks and binds ?11-?17 of LSN_SQL_COMMIT_WHERE. */
struct lsn_commit_filter {
	const char *type, *field, *since, *until; /* borrowed; NULL: any */
	int open;
	struct lsn_buf by, to;                    /* JSON arrays of place ids */
	int has_by, has_to;
};
void lsn_commit_filter_init(struct lsn_commit_filter *f);
void lsn_commit_filter_clear(struct lsn_commit_filter *f);
/* Checks the type, field and dates (LSN_EARG with a message) and resolves the
 * places named by and to (any name of a place, NULL: any). */
enum lsn_status lsn_commit_filter_set(lsn_store *st, const lsn_tables *kb, struct lsn_commit_filter *f,
				      const char *by, const char *to);
void lsn_commit_filter_bind(const struct lsn_commit_filter *f, lsn_stmt *s);

struct lsn_event_filter {
	const char *type, *since, *until; /* borrowed; NULL: any */
	const char *month;                /* YYYY-MM, or NULL */
	struct lsn_buf parties, people, langs; /* JSON arrays of ids, bound when has_... */
	int has_parties, has_people, has_langs;
};

/* Checks the type and the dates of f: LSN_OK, or LSN_EARG (message set). */
enum lsn_status lsn_event_filter_check(lsn_store *st, const struct lsn_event_filter *f);
/* Sets the places of f (when n > 0) from names[0..n), as lsn_q_parties. */
enum lsn_status lsn_event_filter_parties(lsn_store *st, const lsn_tables *kb, const char *const *names,
					 size_t n, struct lsn_event_filter *f);
/* Binds f to the parameters of LSN_SQL_EVENT_WHERE in s. */
void lsn_event_filter_bind(const struct lsn_event_filter *f, lsn_stmt *s);
void lsn_event_filter_clear(struct lsn_event_filter *f);

/*
 * The parts of statements that every reader of the base (query.c,
 * export.c, the API) gives alike: orders of rows, and the sub-queries of an
 * event, a person or a mention.  The arguments are SQL: a table prefix ("",
 * "e.") or what an id is ("?1", "e.id").
 */
/* Events by date, undated last, then by id. */
#define LSN_SQL_EVENTS_ORDER(e) e "date IS NULL, " e "date, " e "id"
/* A person's roles, earliest first; a person's names, Latin first, the most used first. */
#define LSN_SQL_ROLES_ORDER "first_seen IS NULL, first_seen, role, org"
#define LSN_SQL_ALIASES_ORDER "script <> 'latin', n_documents DESC, alias"
/* Rows of documents `d` by publication date, undated last, then by the
 * document id of table t. */
#define LSN_SQL_BY_PUBLISHED(t) "d.published IS NULL, d.published, " t ".document_id"
/* Mentions `m` in documents `d`: by date, then in document order. */
#define LSN_SQL_MENTIONS_ORDER LSN_SQL_BY_PUBLISHED("m") ", m.ordinal"
/* The sentence of a person mention `m` in its document `d` (NULL when not known). */
#define LSN_SQL_MENTION_EVIDENCE(m) \
	"CASE WHEN " m ".evidence_start IS NULL THEN NULL ELSE CAST(substr(CAST(d.text AS BLOB), " \
	m ".evidence_start + 1, " m ".evidence_end - " m ".evidence_start) AS TEXT) END"
/* The sources of event ev: its mentions `m` (es: event_sources) in documents `d`. */
#define LSN_SQL_EVENT_SOURCES(ev) \
	"event_sources es JOIN event_mentions m ON m.id = es.event_mention_id " \
	"JOIN documents d ON d.id = m.document_id WHERE es.event_id = " ev
/* The participants `p` of event ev in their order (after SELECT ...). */
#define LSN_SQL_EVENT_PEOPLE(ev) \
	"FROM event_participants ep JOIN people p ON p.id = ep.person_id WHERE ep.event_id = " ev " ORDER BY ep.n"
/* The participants `q` of event `e` other than person who, in their order (after SELECT ...). */
#define LSN_SQL_EVENT_OTHERS(who) \
	"FROM event_participants x JOIN people q ON q.id = x.person_id " \
	"WHERE x.event_id = e.id AND x.person_id <> " who " ORDER BY x.n"
/* The parties of event ev (places), in their order. */
#define LSN_SQL_EVENT_PARTIES(ev) "SELECT place FROM event_parties WHERE event_id = " ev " ORDER BY n"
/* The documents that report event ev, by id. */
#define LSN_SQL_EVENT_DOCS(ev) \
	"SELECT DISTINCT m.document_id FROM event_mentions m WHERE m.event_id = " ev " ORDER BY m.document_id"
/* The people `q` who took part in events with person who: id, name, how
 * many events (n), the most first. */
#define LSN_SQL_CO_PARTICIPANTS(who) \
	"SELECT q.id, q.name, count(*) AS n FROM event_participants x " \
	"JOIN event_participants y ON y.event_id = x.event_id AND y.person_id <> x.person_id " \
	"JOIN people q ON q.id = y.person_id WHERE x.person_id = " who " " \
	"GROUP BY q.id ORDER BY n DESC, q.name, q.id"

/* The filters of people, as a WHERE clause over `people p` with the
 * parameters lsn_people_filter_bind binds: ?3 country (any case), ?4 a role
 * held, ?5 part of a name (a name key, within any folded alias). */
#define LSN_SQL_PEOPLE_WHERE \
	"(?3 IS NULL OR p.country = ?3 COLLATE NOCASE) " \
	"AND (?4 IS NULL OR p.id IN (SELECT person_id FROM person_roles WHERE role = ?4)) " \
	"AND (?5 IS NULL OR p.id IN (SELECT person_id FROM person_aliases WHERE instr(folded, ?5) > 0)) "

struct lsn_people_filter {
	const char *country, *role; /* borrowed; NULL: any */
	int has_name;
	char key[512];              /* the name key of the part of a name */
};

/* Sets f: checks the role (LSN_EARG, message set, for one not of the
 * vocabulary) and makes the key of name (may be NULL). */
enum lsn_status lsn_people_filter_set(lsn_store *st, struct lsn_people_filter *f, const char *country,
				      const char *role, const char *name);
/* Binds f to the parameters of LSN_SQL_PEOPLE_WHERE in s. */
void lsn_people_filter_bind(const struct lsn_people_filter *f, lsn_stmt *s);

/* LSN_OK when metric is NULL or of the metric vocabulary; else LSN_EARG
 * (message set). */
enum lsn_status lsn_check_metric(lsn_store *st, const char *metric);

/* The ids of the people `name` means as lsn_q_people, except that a
 * person's id means that person alone. */
enum lsn_status lsn_q_person_or_id(lsn_store *st, const lsn_tables *kb, const char *name,
				   struct lsn_buf *json, size_t *n);

/* ---- search.c: the text side of a search (`liaison search`, /api/search) ---- */

#define LSN_SEARCH_TERMS 16 /* most terms of a search */

/* The terms of a search: the FTS5 query in fts (every term), the folded
 * terms in terms[0..*nterms) (LSN_SEARCH_TERMS rows), and, for two terms or
 * more, the FTS5 query of them as one phrase in phrase (empty else; may be
 * NULL): a search of several words finds them together first, then apart.
 * 0, or -1 out of memory. */
int lsn_q_search_terms(const char *text, struct lsn_buf *fts, struct lsn_buf *phrase, char terms[][256],
		       size_t *nterms);

/* The SQL of a search's order: 0 when the document has the words together
 * (the phrase ?N, or no phrase given), 1 when only apart; `row` is the
 * document's row of doc_fts. */
#define LSN_SQL_PHRASE_RANK(n, row) \
	"(CASE WHEN ?" #n " IS NULL OR " row " IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?" #n \
	") THEN 0 ELSE 1 END)"

/* What a search found in a document, by its phrase rank and the number of
 * terms: "word" (one term), "phrase" (the words together), "words" (apart). */
const char *lsn_q_search_found(int phrase_rank, size_t nterms);
/* Where the terms are in text (the words together first, else the first
 * one found), as whole words: 1 and the byte range [*ms, *me); 0 not
 * found; -1 out of memory. */
int lsn_q_find_match(const char *text, size_t n, char terms[][256], size_t nterms, size_t *ms, size_t *me);

/* The snippet around a match: text[a, z), within the match's line (60
 * characters before it at most, 100 after); cut_a, cut_z: it does not reach
 * the start, the end of the line. */
struct lsn_snippet {
	size_t a, z;
	int cut_a, cut_z;
};
void lsn_q_snippet(const char *text, size_t n, size_t ms, size_t me, struct lsn_snippet *sn);

#endif
