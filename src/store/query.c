/*
 * query.c — the questions a user asks the knowledge base (`liaison events`,
 * `people`, `person`, `timeline`, `ties`, `figures`, `search`), answered from
 * the resolved tables and written through the row writer (out.c).
 *
 * Each query is its filter and a row function: the filters, look-ups and
 * SQL fragments are the query layer's (sql.c, store_int.h), which the
 * exports and the HTTP API use too; run_begin and run_rows do the writing.
 * Filters are bound parameters of static SQL; a list (the parties that must
 * all take part, the people a name may mean) is bound as a JSON array and
 * read with json_each, so no SQL is ever built from what a user typed.
 * Names of places and known people are mapped to their canonical ids through
 * the knowledge tables (src/tables/find.c) before they reach SQL.
 */
#include <stdlib.h>
#include <string.h>
#include "store/store_int.h"

static int64_t limit_of(const struct lsn_query *q) { return q->limit ? (int64_t)q->limit : -1; }

static enum lsn_status finish(lsn_store *st, struct lsn_out *o, enum lsn_status e)
{
	enum lsn_status f = lsn_out_finish(o);
	if (e)
		return e;
	if (f == LSN_EIO)
		return lsn_st_fail(st, LSN_EIO, "writing the output failed");
	if (f)
		return lsn_st_fail(st, f, "out of memory");
	return LSN_OK;
}

/* Steps through the rows of s with each item in column 0 as a list item. */
static enum lsn_status list_from(lsn_store *st, struct lsn_out *o, lsn_stmt *s)
{
	int rc;
	lsn_out_begin(o);
	while ((rc = lsn_step(s)) == LSN_DB_ROW)
		lsn_out_item(o, lsn_col(s, 0));
	lsn_out_end(o);
	lsn_reset(s);
	return rc == LSN_DB_DONE ? LSN_OK : lsn_st_dberr(st, "reading a list");
}

/* Records of nf fields from the rows of s (columns 0 .. nf-1). */
static enum lsn_status recs_from(lsn_store *st, struct lsn_out *o, lsn_stmt *s, int nf)
{
	int rc;
	lsn_out_begin(o);
	while ((rc = lsn_step(s)) == LSN_DB_ROW)
		for (int i = 0; i < nf; i++) {
			int t = lsn_col_type(s, i);
			if (t == LSN_T_INT || t == LSN_T_REAL)
				lsn_out_field_num(o, lsn_col(s, i));
			else
				lsn_out_field(o, t == LSN_T_NULL ? NULL : lsn_col(s, i));
		}
	lsn_out_end(o);
	lsn_reset(s);
	return rc == LSN_DB_DONE ? LSN_OK : lsn_st_dberr(st, "reading records");
}

static const char *col_or_null(lsn_stmt *s, int i)
{
	return lsn_col_type(s, i) == LSN_T_NULL ? NULL : lsn_col(s, i);
}

/* The rows of `sql` for one id (its ?1): as a list of column 0 when nf is
 * 0, else as records of nf fields. */
static enum lsn_status rows_for(lsn_store *st, struct lsn_out *o, const char *sql, const char *id, int nf)
{
	lsn_stmt *r = lsn_st_prep(st, sql);
	if (!r)
		return LSN_EDB;
	lsn_bind_textn(r, 1, id, -1, LSN_DB_STATIC);
	return nf ? recs_from(st, o, r, nf) : list_from(st, o, r);
}

/* One query's writing: the row writer and its statement. */
struct run {
	lsn_store *st;
	struct lsn_out *o;
};

/* The writer of ncols columns of cols for q, and the statement sql, ready
 * to bind; NULL with *e set when either fails (the writer then finished). */
static lsn_stmt *run_begin(struct run *r, lsn_store *st, const struct lsn_query *q, FILE *out,
			       const struct lsn_col *cols, size_t ncols, int width, const char *sql,
			       enum lsn_status *e)
{
	r->st = st;
	if (!(r->o = lsn_out_new(out, q->format, cols, ncols, width))) {
		*e = lsn_st_fail(st, LSN_ENOMEM, "out of memory");
		return NULL;
	}
	lsn_stmt *s = lsn_st_prep(st, sql);
	if (!s)
		*e = finish(st, r->o, LSN_EDB);
	return s;
}

/* Writes the cells of the row of s (not ending it); ctx is the query's. */
typedef enum lsn_status (*row_fn)(lsn_store *st, struct lsn_out *o, lsn_stmt *s, const void *ctx);

/* Steps s, writing each row with `row`, and finishes the writer; *nrows
 * (may be NULL) gets the number of rows when all went well. */
static enum lsn_status run_rows(struct run *r, lsn_stmt *s, row_fn row, const void *ctx, const char *what,
				size_t *nrows)
{
	enum lsn_status e = LSN_OK;
	size_t n = 0;
	int rc;
	while (!e && (rc = lsn_step(s)) == LSN_DB_ROW) {
		if ((e = row(r->st, r->o, s, ctx)))
			break;
		lsn_out_row(r->o);
		n++;
	}
	if (!e && rc != LSN_DB_DONE)
		e = lsn_st_dberr(r->st, what);
	lsn_reset(s);
	e = finish(r->st, r->o, e);
	if (nrows && !e)
		*nrows = n;
	return e;
}

/* The documents of a row from r (column 0, a list), and with `sources`
 * their records (columns 0-2) too. */
static enum lsn_status docs_of(lsn_store *st, struct lsn_out *o, lsn_stmt *r, int sources)
{
	enum lsn_status e = list_from(st, o, r);
	return e || !sources ? e : recs_from(st, o, r, 3);
}

/* ---- events, timeline ---- */

/* The fields of a source: the document and the sentence, or its date. */
static const char *const evidence_fields[] = {"doc", "lang", "evidence", NULL};
static const char *const dated_fields[] = {"doc", "lang", "published", NULL};

static const struct lsn_col event_cols[] = {
	{"id", LSN_COL_TEXT, NULL},
	{"date", LSN_COL_TEXT, NULL},
	{"type", LSN_COL_TEXT, NULL},
	{"place", LSN_COL_TEXT, NULL},
	{"participants", LSN_COL_LIST, NULL},
	{"parties", LSN_COL_LIST, NULL},
	{"n_sources", LSN_COL_INT, NULL},
	{"sources", LSN_COL_RECS, evidence_fields},
};

static enum lsn_status event_row(lsn_store *st, struct lsn_out *o, lsn_stmt *ev, const void *ctx)
{
	const struct lsn_query *q = ctx;
	const char *id = lsn_col(ev, 0);
	enum lsn_status e;
	lsn_out_text(o, id);
	lsn_out_text(o, col_or_null(ev, 1));
	lsn_out_text(o, lsn_col(ev, 2));
	lsn_out_text(o, col_or_null(ev, 3));
	if ((e = rows_for(st, o, "SELECT p.name " LSN_SQL_EVENT_PEOPLE("?1"), id, 0)) ||
	    (e = rows_for(st, o, LSN_SQL_EVENT_PARTIES("?1"), id, 0)))
		return e;
	lsn_out_int(o, lsn_col_int64(ev, 4));
	if (q->sources)
		return rows_for(st, o, "SELECT m.document_id, d.lang, m.evidence FROM " LSN_SQL_EVENT_SOURCES("?1")
				" ORDER BY " LSN_SQL_MENTIONS_ORDER, id, 3);
	return LSN_OK;
}

enum lsn_status lsn_query_events(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
				 size_t *nrows)
{
	struct lsn_event_filter f;
	struct run r;
	enum lsn_status e = LSN_OK;
	size_t npeople = 0;
	memset(&f, 0, sizeof f);
	if (nrows)
		*nrows = 0;
	f.type = q->type;
	f.since = q->since;
	f.until = q->until;
	if ((e = lsn_event_filter_check(st, &f)))
		return e;
	if ((e = lsn_event_filter_parties(st, kb, q->parties, q->nparties, &f)))
		goto done;
	if (q->person && (e = lsn_q_people(st, kb, q->person, &f.people, &npeople)))
		goto done;
	f.has_people = q->person != NULL;
	lsn_stmt *s = run_begin(&r, st, q, out, event_cols, q->sources ? 8 : 7, q->width,
		"SELECT e.id, e.date, e.type, e.place, e.n_sources FROM events e "
		"WHERE " LSN_SQL_EVENT_WHERE "ORDER BY " LSN_SQL_EVENTS_ORDER("e.") " LIMIT ?9", &e);
	if (s) {
		lsn_event_filter_bind(&f, s);
		lsn_bind_int64(s, 9, limit_of(q));
		e = run_rows(&r, s, event_row, q, "finding events", nrows);
	}
done:
	lsn_event_filter_clear(&f);
	return e;
}

/* ---- people ---- */

static const struct lsn_col people_cols[] = {
	{"id", LSN_COL_TEXT, NULL},
	{"name", LSN_COL_TEXT, NULL},
	{"country", LSN_COL_TEXT, NULL},
	{"roles", LSN_COL_LIST, NULL},
	{"events", LSN_COL_INT, NULL},
	{"documents", LSN_COL_INT, NULL},
	{"sources", LSN_COL_RECS, evidence_fields},
};

/* The roles of a person as "role, org (first..last)", earliest first. */
static const char *roles_sql =
	"SELECT role || CASE WHEN org <> '' THEN ', ' || org ELSE '' END || "
	"CASE WHEN first_seen IS NULL THEN '' WHEN first_seen = last_seen THEN ' (' || first_seen || ')' "
	"ELSE ' (' || first_seen || '..' || last_seen || ')' END "
	"FROM person_roles WHERE person_id = ?1 ORDER BY " LSN_SQL_ROLES_ORDER;

/* The sentence of each document where a person is first mentioned. */
static const char *person_sources_sql =
	"SELECT m.document_id, d.lang, " LSN_SQL_MENTION_EVIDENCE("m") " "
	"FROM person_mentions m JOIN documents d ON d.id = m.document_id WHERE m.person_id = ?1 "
	"ORDER BY " LSN_SQL_MENTIONS_ORDER;

static enum lsn_status people_row(lsn_store *st, struct lsn_out *o, lsn_stmt *s, const void *ctx)
{
	const struct lsn_query *q = ctx;
	const char *id = lsn_col(s, 0);
	enum lsn_status e;
	lsn_out_text(o, id);
	lsn_out_text(o, lsn_col(s, 1));
	lsn_out_text(o, col_or_null(s, 2));
	if ((e = rows_for(st, o, roles_sql, id, 0)))
		return e;
	lsn_out_int(o, lsn_col_int64(s, 3));
	lsn_out_int(o, lsn_col_int64(s, 4));
	return q->sources ? rows_for(st, o, person_sources_sql, id, 3) : LSN_OK;
}

enum lsn_status lsn_query_people(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
				 size_t *nrows)
{
	struct lsn_people_filter f;
	struct run r;
	enum lsn_status e;
	(void)kb;
	if (nrows)
		*nrows = 0;
	if ((e = lsn_people_filter_set(st, &f, q->country, q->role, q->name)))
		return e;
	lsn_stmt *s = run_begin(&r, st, q, out, people_cols, q->sources ? 7 : 6, q->width,
		"SELECT p.id, p.name, p.country, "
		"(SELECT count(*) FROM event_participants ep WHERE ep.person_id = p.id), p.n_documents "
		"FROM people p WHERE " LSN_SQL_PEOPLE_WHERE "ORDER BY p.name_key, p.name, p.id LIMIT ?6", &e);
	if (!s)
		return e;
	lsn_people_filter_bind(&f, s);
	lsn_bind_int64(s, 6, limit_of(q));
	return run_rows(&r, s, people_row, q, "finding people", nrows);
}

/* ---- person ---- */

static const char *const role_fields[] = {"role", "org", "first_seen", "last_seen", "documents", NULL};
static const char *const pevent_fields[] = {"date", "type", "id", "place", "with", "parties", "documents",
					    NULL};
static const char *const co_fields[] = {"id", "name", "events", NULL};

static const struct lsn_col person_cols[] = {
	{"id", LSN_COL_TEXT, NULL},
	{"name", LSN_COL_TEXT, NULL},
	{"country", LSN_COL_TEXT, NULL},
	{"names", LSN_COL_LIST, NULL},
	{"roles", LSN_COL_RECS, role_fields},
	{"events", LSN_COL_RECS, pevent_fields},
	{"co_participants", LSN_COL_RECS, co_fields},
	{"sources", LSN_COL_RECS, evidence_fields},
};

static enum lsn_status person_row(lsn_store *st, struct lsn_out *o, lsn_stmt *s, const void *ctx)
{
	const struct lsn_query *q = ctx;
	const char *id = lsn_col(s, 0);
	enum lsn_status e;
	lsn_out_text(o, id);
	lsn_out_text(o, lsn_col(s, 1));
	lsn_out_text(o, col_or_null(s, 2));
	/* every name seen, Latin first, the most used first */
	if ((e = rows_for(st, o, "SELECT alias FROM person_aliases WHERE person_id = ?1 "
				  "ORDER BY " LSN_SQL_ALIASES_ORDER, id, 0)) ||
	    (e = rows_for(st, o, "SELECT role, NULLIF(org, ''), first_seen, last_seen, n_documents "
				  "FROM person_roles WHERE person_id = ?1 "
				  "ORDER BY " LSN_SQL_ROLES_ORDER, id, 5)) ||
	    (e = rows_for(st, o, "SELECT e.date, e.type, e.id, e.place, "
		"(SELECT group_concat(name, ', ') FROM (SELECT q.name " LSN_SQL_EVENT_OTHERS("?1") ")), "
		"(SELECT group_concat(place, ', ') FROM (" LSN_SQL_EVENT_PARTIES("e.id") ")), "
		"(SELECT group_concat(document_id, ', ') FROM (" LSN_SQL_EVENT_DOCS("e.id") ")) "
		"FROM events e JOIN event_participants ep ON ep.event_id = e.id "
		"WHERE ep.person_id = ?1 ORDER BY " LSN_SQL_EVENTS_ORDER("e."), id, 7)) ||
	    (e = rows_for(st, o, LSN_SQL_CO_PARTICIPANTS("?1"), id, 3)))
		return e;
	return q->sources ? rows_for(st, o, person_sources_sql, id, 3) : LSN_OK;
}

enum lsn_status lsn_query_person(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
				 size_t *nrows)
{
	struct lsn_buf ids;
	struct run r;
	size_t nids = 0;
	enum lsn_status e;
	if (nrows)
		*nrows = 0;
	if (!q->name || !*q->name)
		return lsn_st_fail(st, LSN_EARG, "no name given");
	lsn_buf_init(&ids);
	if ((e = lsn_q_people(st, kb, q->name, &ids, &nids))) {
		lsn_buf_clear(&ids);
		return e;
	}
	lsn_stmt *s;
	if (q->one && nids > 1) /* several: the candidates, as `people` lists them */
		s = run_begin(&r, st, q, out, people_cols, q->sources ? 7 : 6, q->width,
			      "SELECT p.id, p.name, p.country, (SELECT count(*) FROM event_participants ep "
			      "WHERE ep.person_id = p.id), p.n_documents FROM people p "
			      "WHERE p.id IN (SELECT value FROM json_each(?1)) "
			      "ORDER BY p.n_documents DESC, p.id LIMIT ?2", &e);
	else
		s = run_begin(&r, st, q, out, person_cols, q->sources ? 8 : 7, q->width,
			      "SELECT p.id, p.name, p.country FROM people p "
			      "WHERE p.id IN (SELECT value FROM json_each(?1)) "
			      "ORDER BY p.n_documents DESC, p.id LIMIT ?2", &e);
	if (s) {
		lsn_bind_textn(s, 1, ids.data, (int)ids.len, LSN_DB_STATIC);
		lsn_bind_int64(s, 2, limit_of(q));
		e = run_rows(&r, s, q->one && nids > 1 ? people_row : person_row, q, "finding a person",
			     nrows);
	}
	lsn_buf_clear(&ids);
	return e;
}

/* ---- ties ---- */

static const struct lsn_col tie_cols[] = {
	{"type", LSN_COL_TEXT, NULL},
	{"a", LSN_COL_TEXT, NULL},
	{"b", LSN_COL_TEXT, NULL},
	{"since", LSN_COL_INT, NULL},
	{"documents", LSN_COL_LIST, NULL},
	{"sources", LSN_COL_RECS, dated_fields},
};

static enum lsn_status tie_row(lsn_store *st, struct lsn_out *o, lsn_stmt *s, const void *ctx)
{
	const struct lsn_query *q = ctx;
	lsn_out_text(o, lsn_col(s, 0));
	lsn_out_text(o, lsn_col(s, 1));
	lsn_out_text(o, lsn_col(s, 2));
	if (lsn_col_type(s, 3) == LSN_T_NULL)
		lsn_out_null(o);
	else
		lsn_out_int(o, lsn_col_int64(s, 3));
	lsn_stmt *r = lsn_st_prep(st,
		"SELECT r.document_id, d.lang, d.published FROM relations r "
		"JOIN documents d ON d.id = r.document_id WHERE r.type = ?1 "
		"AND " LSN_SQL_TIE_A("r.") " = ?2 AND " LSN_SQL_TIE_B("r.") " = ?3 "
		"GROUP BY r.document_id, d.lang, d.published ORDER BY " LSN_SQL_BY_PUBLISHED("r"));
	if (!r)
		return LSN_EDB;
	for (int i = 0; i < 3; i++)
		lsn_bind_textn(r, i + 1, lsn_col(s, i), -1, LSN_DB_COPY);
	return docs_of(st, o, r, q->sources);
}

enum lsn_status lsn_query_ties(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
			       size_t *nrows)
{
	struct lsn_buf parties;
	struct run r;
	enum lsn_status e;
	if (nrows)
		*nrows = 0;
	lsn_buf_init(&parties);
	if ((e = lsn_q_parties(st, kb, q->parties, q->nparties, &parties))) {
		lsn_buf_clear(&parties);
		return e;
	}
	lsn_stmt *s = run_begin(&r, st, q, out, tie_cols, q->sources ? 6 : 5, q->width,
		"SELECT type, " LSN_SQL_TIE_A("") " AS ta, " LSN_SQL_TIE_B("") " AS tb, min(since) FROM relations "
		"WHERE a IS NOT NULL AND b IS NOT NULL AND " LSN_SQL_TIE_PARTIES("?1") " "
		"GROUP BY type, ta, tb ORDER BY type, ta, tb LIMIT ?2", &e);
	if (s) {
		lsn_bind_textn(s, 1, parties.data, (int)parties.len, LSN_DB_STATIC);
		lsn_bind_int64(s, 2, limit_of(q));
		e = run_rows(&r, s, tie_row, q, "finding ties", nrows);
	}
	lsn_buf_clear(&parties);
	return e;
}

/* ---- figures ---- */

static const struct lsn_col figure_cols[] = {
	{"metric", LSN_COL_TEXT, NULL},
	{"period", LSN_COL_TEXT, NULL},
	{"value", LSN_COL_REAL, NULL},
	{"unit", LSN_COL_TEXT, NULL},
	{"change_pct", LSN_COL_REAL, NULL},
	{"parties", LSN_COL_LIST, NULL},
	{"documents", LSN_COL_LIST, NULL},
	{"sources", LSN_COL_RECS, dated_fields},
};

static enum lsn_status figure_row(lsn_store *st, struct lsn_out *o, lsn_stmt *s, const void *ctx)
{
	const struct lsn_query *q = ctx;
	lsn_out_text(o, lsn_col(s, 0));
	lsn_out_text(o, col_or_null(s, 1));
	lsn_out_real(o, lsn_col_double(s, 2));
	lsn_out_text(o, lsn_col(s, 3));
	if (lsn_col_type(s, 4) == LSN_T_NULL)
		lsn_out_null(o);
	else
		lsn_out_real(o, lsn_col_double(s, 4));
	/* the parties, from the key */
	const char *pk = lsn_col(s, 5);
	lsn_out_begin(o);
	while (*pk) {
		const char *bar = strchr(pk, '|');
		size_t len = bar ? (size_t)(bar - pk) : strlen(pk);
		char one[256];
		snprintf(one, sizeof one, "%.*s", (int)len, pk);
		lsn_out_item(o, one);
		pk += len + (bar ? 1 : 0);
	}
	lsn_out_end(o);
	lsn_stmt *r = lsn_st_prep(st,
		"SELECT f.document_id, d.lang, d.published FROM figures f "
		"JOIN documents d ON d.id = f.document_id WHERE f.metric = ?1 AND f.period IS ?2 "
		"AND f.value = ?3 AND f.unit = ?4 AND f.change_pct IS ?5 AND f.parties_key = ?6 "
		"GROUP BY f.document_id, d.lang, d.published ORDER BY " LSN_SQL_BY_PUBLISHED("f"));
	if (!r)
		return LSN_EDB;
	for (int i = 0; i < 6; i++)
		lsn_bind_col(r, i + 1, s, i);
	return docs_of(st, o, r, q->sources);
}

enum lsn_status lsn_query_figures(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
				  size_t *nrows)
{
	struct lsn_buf parties;
	struct run r;
	enum lsn_status e;
	if (nrows)
		*nrows = 0;
	if ((e = lsn_check_metric(st, q->metric)))
		return e;
	lsn_buf_init(&parties);
	if ((e = lsn_q_parties(st, kb, q->parties, q->nparties, &parties))) {
		lsn_buf_clear(&parties);
		return e;
	}
	/* one row per figure stated, however many documents state it */
	lsn_stmt *s = run_begin(&r, st, q, out, figure_cols, q->sources ? 8 : 7, q->width,
		"SELECT metric, period, value, unit, change_pct, parties_key FROM figures f "
		"WHERE (?1 IS NULL OR metric = ?1) "
		"AND " LSN_SQL_FIGURE_PARTIES("?2") " "
		"GROUP BY metric, period, value, unit, change_pct, parties_key "
		"ORDER BY metric, period IS NULL, period, value DESC, unit, parties_key LIMIT ?3", &e);
	if (s) {
		lsn_bind_text(s, 1, q->metric);
		lsn_bind_textn(s, 2, parties.data, (int)parties.len, LSN_DB_STATIC);
		lsn_bind_int64(s, 3, limit_of(q));
		e = run_rows(&r, s, figure_row, q, "finding figures", nrows);
	}
	lsn_buf_clear(&parties);
	return e;
}

/* ---- search ---- */

static const struct lsn_col search_cols[] = {
	{"doc", LSN_COL_TEXT, NULL},
	{"lang", LSN_COL_TEXT, NULL},
	{"published", LSN_COL_TEXT, NULL},
	{"snippet", LSN_COL_TEXT, NULL},
	{"match_start", LSN_COL_INT, NULL},
	{"match_end", LSN_COL_INT, NULL},
	{"found", LSN_COL_TEXT, NULL},
};

/* The snippet of a match as `liaison search` shows it: the match in
 * brackets, cut with "…". */
static void snippet(struct lsn_buf *b, const char *text, size_t n, size_t ms, size_t me)
{
	struct lsn_snippet sn;
	lsn_q_snippet(text, n, ms, me, &sn);
	if (sn.cut_a)
		lsn_buf_adds(b, "\xe2\x80\xa6");
	lsn_buf_add(b, text + sn.a, ms - sn.a);
	lsn_buf_addc(b, '[');
	lsn_buf_add(b, text + ms, me - ms);
	lsn_buf_addc(b, ']');
	lsn_buf_add(b, text + me, sn.z - me);
	if (sn.cut_z)
		lsn_buf_adds(b, "\xe2\x80\xa6");
}

struct search {
	char terms[LSN_SEARCH_TERMS][256];
	size_t nterms;
	struct lsn_buf *snip;
};

static enum lsn_status search_row(lsn_store *st, struct lsn_out *o, lsn_stmt *s, const void *ctx)
{
	const struct search *q = ctx;
	const char *text = lsn_col(s, 3);
	size_t len = (size_t)lsn_col_bytes(s, 3), ms = 0, me = 0;
	int found = lsn_q_find_match(text, len, (char (*)[256])q->terms, q->nterms, &ms, &me);
	if (found < 0)
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	q->snip->len = 0;
	if (found)
		snippet(q->snip, text, len, ms, me);
	lsn_out_text(o, lsn_col(s, 0));
	lsn_out_text(o, col_or_null(s, 1));
	lsn_out_text(o, col_or_null(s, 2));
	lsn_out_text(o, found ? (q->snip->data ? q->snip->data : "") : NULL);
	if (found) {
		lsn_out_int(o, (long long)ms);
		lsn_out_int(o, (long long)me);
	} else {
		lsn_out_null(o);
		lsn_out_null(o);
	}
	lsn_out_text(o, lsn_q_search_found(lsn_col_int(s, 4), q->nterms));
	return LSN_OK;
}

enum lsn_status lsn_query_search(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
				 size_t *nrows)
{
	struct lsn_buf fts, phrase, snip;
	struct search sq;
	struct run r;
	enum lsn_status e = LSN_OK;
	(void)kb;
	if (nrows)
		*nrows = 0;
	if (!q->text)
		return lsn_st_fail(st, LSN_EARG, "nothing to search for");
	lsn_buf_init(&fts);
	lsn_buf_init(&phrase);
	lsn_buf_init(&snip);
	sq.snip = &snip;
	if (lsn_q_search_terms(q->text, &fts, &phrase, sq.terms, &sq.nterms))
		e = lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	else if (!sq.nterms)
		e = lsn_st_fail(st, LSN_EARG, "nothing to search for in '%s'", q->text);
	/* the documents with the words together first, then those with them apart */
	lsn_stmt *s = e ? NULL : run_begin(&r, st, q, out, search_cols, 7, q->width ? q->width : 100,
		"SELECT d.id, d.lang, d.published, d.text, " LSN_SQL_PHRASE_RANK(3, "doc_fts.rowid") " AS apart FROM doc_fts "
		"JOIN documents d ON d.docno = doc_fts.rowid WHERE doc_fts MATCH ?1 "
		"ORDER BY apart, bm25(doc_fts), d.id LIMIT ?2", &e);
	if (s) {
		lsn_bind_textn(s, 1, fts.data, (int)fts.len, LSN_DB_STATIC);
		lsn_bind_int64(s, 2, limit_of(q));
		if (phrase.len)
			lsn_bind_textn(s, 3, phrase.data, (int)phrase.len, LSN_DB_STATIC);
		e = run_rows(&r, s, search_row, &sq, "searching", nrows);
	}
	lsn_buf_clear(&fts);
	lsn_buf_clear(&phrase);
	lsn_buf_clear(&snip);
	return e;
}

/* ---- commitments ---- */

static const char *const followup_fields[] = {"kind", "date", "evidence", NULL};

static const struct lsn_col commit_cols[] = {
	{"date", LSN_COL_TEXT, NULL},
	{"type", LSN_COL_TEXT, NULL},
	{"by", LSN_COL_TEXT, NULL},
	{"by_party", LSN_COL_TEXT, NULL},
	{"to_party", LSN_COL_TEXT, NULL},
	{"fields", LSN_COL_TEXT, NULL},
	{"accepted", LSN_COL_TEXT, NULL},
	{"followed_up", LSN_COL_RECS, followup_fields},
	{"document", LSN_COL_TEXT, NULL},
	{"evidence", LSN_COL_TEXT, NULL},
};

static enum lsn_status commit_row(lsn_store *st, struct lsn_out *o, lsn_stmt *s, const void *ctx)
{
	const struct lsn_query *q = ctx;
	for (int i = 1; i <= 5; i++)
		lsn_out_text(o, col_or_null(s, i));
	lsn_out_text(o, lsn_col_type(s, 6) == LSN_T_NULL ? "" : lsn_col(s, 6));
	lsn_out_text(o, lsn_col_type(s, 7) == LSN_T_NULL ? NULL
			: lsn_col_int(s, 7) ? "yes" : "no");
	enum lsn_status e = rows_for(st, o, "SELECT kind, date, coalesce(evidence, target_id) FROM commitment_followups "
					    "WHERE commitment_id = ?1 ORDER BY coalesce(date, '~'), kind, target_id",
				     lsn_col(s, 0), 3);
	if (e)
		return e;
	lsn_out_text(o, lsn_col(s, 8));
	if (q->sources)
		lsn_out_text(o, lsn_col(s, 9));
	return LSN_OK;
}

enum lsn_status lsn_query_commitments(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q,
				      FILE *out, size_t *nrows)
{
	struct lsn_commit_filter f;
	struct run r;
	enum lsn_status e;
	if (nrows)
		*nrows = 0;
	lsn_commit_filter_init(&f);
	f.type = q->type;
	f.field = q->field;
	f.since = q->since;
	f.until = q->until;
	f.open = q->open;
	if ((e = lsn_commit_filter_set(st, kb, &f, q->by, q->to))) {
		lsn_commit_filter_clear(&f);
		return e;
	}
	lsn_stmt *s = run_begin(&r, st, q, out, commit_cols, q->sources ? 10 : 9, q->width,
		LSN_SQL_WITHIN
		"SELECT c.id, c.date, c.type, coalesce(p.name, c.by_name), c.by_party, c.to_party, "
		LSN_SQL_COMMIT_FIELDS("c.id") ", c.accepted, c.document_id, c.evidence "
		"FROM commitments c LEFT JOIN people p ON p.id = c.person_id WHERE " LSN_SQL_COMMIT_WHERE
		"ORDER BY coalesce(c.date, '~'), c.id LIMIT ?8", &e);
	if (s) {
		lsn_commit_filter_bind(&f, s);
		lsn_bind_int64(s, 8, limit_of(q));
		e = run_rows(&r, s, commit_row, q, "finding commitments", nrows);
	}
	lsn_commit_filter_clear(&f);
	return e;
}
