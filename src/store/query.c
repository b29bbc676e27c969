/*
 * query.c — the questions a user asks the knowledge base (`liaison events`,
 * `people`, `person`, `timeline`, `ties`, `figures`, `search`), answered from
 * the resolved tables and written through the row writer (out.c).
 *
 * Filters are bound parameters of static SQL; a list (the parties that must
 * all take part, the people a name may mean) is bound as a JSON array and
 * read with json_each, so no SQL is ever built from what a user typed.
 * Names of places and known people are mapped to their canonical ids through
 * the knowledge tables (src/tables/find.c) before they reach SQL.
 */
#include <stdlib.h>
#include <string.h>
#include "store/store_int.h"

static sqlite3_int64 limit_of(const struct lsn_query *q) { return q->limit ? (sqlite3_int64)q->limit : -1; }

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
static enum lsn_status list_from(lsn_store *st, struct lsn_out *o, sqlite3_stmt *s)
{
	int rc;
	lsn_out_begin(o);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		lsn_out_item(o, lsn_col(s, 0));
	lsn_out_end(o);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? LSN_OK : lsn_st_dberr(st, "reading a list");
}

/* Records of nf fields from the rows of s (columns 0 .. nf-1). */
static enum lsn_status recs_from(lsn_store *st, struct lsn_out *o, sqlite3_stmt *s, int nf)
{
	int rc;
	lsn_out_begin(o);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		for (int i = 0; i < nf; i++) {
			int t = sqlite3_column_type(s, i);
			if (t == SQLITE_INTEGER || t == SQLITE_FLOAT)
				lsn_out_field_num(o, lsn_col(s, i));
			else
				lsn_out_field(o, t == SQLITE_NULL ? NULL : lsn_col(s, i));
		}
	lsn_out_end(o);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? LSN_OK : lsn_st_dberr(st, "reading records");
}

static const char *col_or_null(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NULL : lsn_col(s, i);
}

/* The rows of `sql` for one id (its ?1): as a list of column 0 when nf is
 * 0, else as records of nf fields. */
static enum lsn_status rows_for(lsn_store *st, struct lsn_out *o, const char *sql, const char *id, int nf)
{
	sqlite3_stmt *r = lsn_st_prep(st, sql);
	if (!r)
		return LSN_EDB;
	sqlite3_bind_text(r, 1, id, -1, SQLITE_STATIC);
	return nf ? recs_from(st, o, r, nf) : list_from(st, o, r);
}

/* ---- events, timeline ---- */

static const char *const source_fields[] = {"doc", "lang", "evidence", NULL};

static const struct lsn_col event_cols[] = {
	{"id", LSN_COL_TEXT, NULL},
	{"date", LSN_COL_TEXT, NULL},
	{"type", LSN_COL_TEXT, NULL},
	{"place", LSN_COL_TEXT, NULL},
	{"participants", LSN_COL_LIST, NULL},
	{"parties", LSN_COL_LIST, NULL},
	{"n_sources", LSN_COL_INT, NULL},
	{"sources", LSN_COL_RECS, source_fields},
};

static enum lsn_status event_row(lsn_store *st, struct lsn_out *o, sqlite3_stmt *ev, int sources)
{
	const char *id = lsn_col(ev, 0);
	enum lsn_status e;
	lsn_out_text(o, id);
	lsn_out_text(o, col_or_null(ev, 1));
	lsn_out_text(o, lsn_col(ev, 2));
	lsn_out_text(o, col_or_null(ev, 3));
	sqlite3_stmt *s = lsn_st_prep(st, "SELECT p.name " LSN_SQL_EVENT_PEOPLE("?1"));
	if (!s)
		return LSN_EDB;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if ((e = list_from(st, o, s)))
		return e;
	if (!(s = lsn_st_prep(st, LSN_SQL_EVENT_PARTIES("?1"))))
		return LSN_EDB;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if ((e = list_from(st, o, s)))
		return e;
	lsn_out_int(o, sqlite3_column_int64(ev, 4));
	if (sources) {
		if (!(s = lsn_st_prep(st, "SELECT m.document_id, d.lang, m.evidence FROM " LSN_SQL_EVENT_SOURCES("?1")
					  " ORDER BY " LSN_SQL_MENTIONS_ORDER)))
			return LSN_EDB;
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		if ((e = recs_from(st, o, s, 3)))
			return e;
	}
	lsn_out_row(o);
	return LSN_OK;
}

enum lsn_status lsn_query_events(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
				 size_t *nrows)
{
	struct lsn_event_filter f;
	enum lsn_status e = LSN_OK;
	size_t n = 0, npeople = 0;
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
	struct lsn_out *o = lsn_out_new(out, q->format, event_cols, q->sources ? 8 : 7, q->width);
	if (!o) {
		e = lsn_st_fail(st, LSN_ENOMEM, "out of memory");
		goto done;
	}
	sqlite3_stmt *s = lsn_st_prep(st, "SELECT e.id, e.date, e.type, e.place, e.n_sources FROM events e "
					  "WHERE " LSN_SQL_EVENT_WHERE "ORDER BY " LSN_SQL_EVENTS_ORDER("e.") " LIMIT ?9");
	if (!s) {
		e = finish(st, o, LSN_EDB);
		goto done;
	}
	lsn_event_filter_bind(&f, s);
	sqlite3_bind_int64(s, 9, limit_of(q));
	int rc;
	while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		e = event_row(st, o, s, q->sources);
		n++;
	}
	if (!e && rc != SQLITE_DONE)
		e = lsn_st_dberr(st, "finding events");
	sqlite3_reset(s);
	e = finish(st, o, e);
done:
	lsn_event_filter_clear(&f);
	if (nrows && !e)
		*nrows = n;
	return e;
}

/* ---- people ---- */

static const char *const person_source_fields[] = {"doc", "lang", "evidence", NULL};

static const struct lsn_col people_cols[] = {
	{"id", LSN_COL_TEXT, NULL},
	{"name", LSN_COL_TEXT, NULL},
	{"country", LSN_COL_TEXT, NULL},
	{"roles", LSN_COL_LIST, NULL},
	{"events", LSN_COL_INT, NULL},
	{"documents", LSN_COL_INT, NULL},
	{"sources", LSN_COL_RECS, person_source_fields},
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

enum lsn_status lsn_query_people(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
				 size_t *nrows)
{
	struct lsn_people_filter f;
	enum lsn_status e = LSN_OK;
	size_t n = 0;
	(void)kb;
	if (nrows)
		*nrows = 0;
	if ((e = lsn_people_filter_set(st, &f, q->country, q->role, q->name)))
		return e;
	struct lsn_out *o = lsn_out_new(out, q->format, people_cols, q->sources ? 7 : 6, q->width);
	if (!o)
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	sqlite3_stmt *s = lsn_st_prep(st,
		"SELECT p.id, p.name, p.country, "
		"(SELECT count(*) FROM event_participants ep WHERE ep.person_id = p.id), p.n_documents "
		"FROM people p WHERE " LSN_SQL_PEOPLE_WHERE "ORDER BY p.name_key, p.name, p.id LIMIT ?6");
	if (!s)
		return finish(st, o, LSN_EDB);
	lsn_people_filter_bind(&f, s);
	sqlite3_bind_int64(s, 6, limit_of(q));
	int rc;
	while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = lsn_col(s, 0);
		lsn_out_text(o, id);
		lsn_out_text(o, lsn_col(s, 1));
		lsn_out_text(o, col_or_null(s, 2));
		if ((e = rows_for(st, o, roles_sql, id, 0)))
			break;
		lsn_out_int(o, sqlite3_column_int64(s, 3));
		lsn_out_int(o, sqlite3_column_int64(s, 4));
		if (q->sources && (e = rows_for(st, o, person_sources_sql, id, 3)))
			break;
		lsn_out_row(o);
		n++;
	}
	if (!e && rc != SQLITE_DONE)
		e = lsn_st_dberr(st, "finding people");
	sqlite3_reset(s);
	e = finish(st, o, e);
	if (nrows && !e)
		*nrows = n;
	return e;
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
	{"sources", LSN_COL_RECS, person_source_fields},
};

enum lsn_status lsn_query_person(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
				 size_t *nrows)
{
	struct lsn_buf ids;
	size_t nids = 0, n = 0;
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
	struct lsn_out *o = lsn_out_new(out, q->format, person_cols, q->sources ? 8 : 7, q->width);
	if (!o) {
		lsn_buf_clear(&ids);
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	}
	sqlite3_stmt *s = lsn_st_prep(st, "SELECT p.id, p.name, p.country FROM people p "
					  "WHERE p.id IN (SELECT value FROM json_each(?1)) "
					  "ORDER BY p.n_documents DESC, p.id LIMIT ?2");
	if (!s) {
		lsn_buf_clear(&ids);
		return finish(st, o, LSN_EDB);
	}
	sqlite3_bind_text(s, 1, ids.data, (int)ids.len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, limit_of(q));
	int rc;
	while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = lsn_col(s, 0);
		lsn_out_text(o, id);
		lsn_out_text(o, lsn_col(s, 1));
		lsn_out_text(o, col_or_null(s, 2));
		/* every name seen, Latin first, the most used first */
		if ((e = rows_for(st, o, "SELECT alias FROM person_aliases WHERE person_id = ?1 "
					  "ORDER BY " LSN_SQL_ALIASES_ORDER, id, 0)))
			break;
		if ((e = rows_for(st, o, "SELECT role, NULLIF(org, ''), first_seen, last_seen, n_documents "
					  "FROM person_roles WHERE person_id = ?1 "
					  "ORDER BY " LSN_SQL_ROLES_ORDER, id, 5)))
			break;
		if ((e = rows_for(st, o, "SELECT e.date, e.type, e.id, e.place, "
			"(SELECT group_concat(name, ', ') FROM (SELECT q.name " LSN_SQL_EVENT_OTHERS("?1") ")), "
			"(SELECT group_concat(place, ', ') FROM (" LSN_SQL_EVENT_PARTIES("e.id") ")), "
			"(SELECT group_concat(document_id, ', ') FROM (" LSN_SQL_EVENT_DOCS("e.id") ")) "
			"FROM events e JOIN event_participants ep ON ep.event_id = e.id "
			"WHERE ep.person_id = ?1 ORDER BY " LSN_SQL_EVENTS_ORDER("e."), id, 7)))
			break;
		if ((e = rows_for(st, o, LSN_SQL_CO_PARTICIPANTS("?1"), id, 3)))
			break;
		if (q->sources && (e = rows_for(st, o, person_sources_sql, id, 3)))
			break;
		lsn_out_row(o);
		n++;
	}
	if (!e && rc != SQLITE_DONE)
		e = lsn_st_dberr(st, "finding a person");
	sqlite3_reset(s);
	lsn_buf_clear(&ids);
	e = finish(st, o, e);
	if (nrows && !e)
		*nrows = n;
	return e;
}

/* ---- ties ---- */

static const char *const tie_source_fields[] = {"doc", "lang", "published", NULL};

static const struct lsn_col tie_cols[] = {
	{"type", LSN_COL_TEXT, NULL},
	{"a", LSN_COL_TEXT, NULL},
	{"b", LSN_COL_TEXT, NULL},
	{"since", LSN_COL_INT, NULL},
	{"documents", LSN_COL_LIST, NULL},
	{"sources", LSN_COL_RECS, tie_source_fields},
};

enum lsn_status lsn_query_ties(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
			       size_t *nrows)
{
	struct lsn_buf parties;
	enum lsn_status e;
	size_t n = 0;
	if (nrows)
		*nrows = 0;
	lsn_buf_init(&parties);
	if ((e = lsn_q_parties(st, kb, q->parties, q->nparties, &parties))) {
		lsn_buf_clear(&parties);
		return e;
	}
	struct lsn_out *o = lsn_out_new(out, q->format, tie_cols, q->sources ? 6 : 5, q->width);
	if (!o) {
		lsn_buf_clear(&parties);
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	}
	sqlite3_stmt *s = lsn_st_prep(st,
		"SELECT type, " LSN_SQL_TIE_A("") " AS ta, " LSN_SQL_TIE_B("") " AS tb, min(since) FROM relations "
		"WHERE a IS NOT NULL AND b IS NOT NULL AND " LSN_SQL_TIE_PARTIES("?1") " "
		"GROUP BY type, ta, tb ORDER BY type, ta, tb LIMIT ?2");
	if (!s) {
		lsn_buf_clear(&parties);
		return finish(st, o, LSN_EDB);
	}
	sqlite3_bind_text(s, 1, parties.data, (int)parties.len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, limit_of(q));
	int rc;
	while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		lsn_out_text(o, lsn_col(s, 0));
		lsn_out_text(o, lsn_col(s, 1));
		lsn_out_text(o, lsn_col(s, 2));
		if (sqlite3_column_type(s, 3) == SQLITE_NULL)
			lsn_out_null(o);
		else
			lsn_out_int(o, sqlite3_column_int64(s, 3));
		for (int pass = 0; pass < (q->sources ? 2 : 1) && !e; pass++) {
			sqlite3_stmt *r = lsn_st_prep(st,
				"SELECT DISTINCT r.document_id, d.lang, d.published FROM relations r "
				"JOIN documents d ON d.id = r.document_id WHERE r.type = ?1 "
				"AND " LSN_SQL_TIE_A("r.") " = ?2 AND " LSN_SQL_TIE_B("r.") " = ?3 "
				"ORDER BY " LSN_SQL_BY_PUBLISHED("r"));
			if (!r) {
				e = LSN_EDB;
				break;
			}
			sqlite3_bind_text(r, 1, lsn_col(s, 0), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(r, 2, lsn_col(s, 1), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(r, 3, lsn_col(s, 2), -1, SQLITE_TRANSIENT);
			e = pass ? recs_from(st, o, r, 3) : list_from(st, o, r);
		}
		if (e)
			break;
		lsn_out_row(o);
		n++;
	}
	if (!e && rc != SQLITE_DONE)
		e = lsn_st_dberr(st, "finding ties");
	sqlite3_reset(s);
	lsn_buf_clear(&parties);
	e = finish(st, o, e);
	if (nrows && !e)
		*nrows = n;
	return e;
}

/* ---- figures ---- */

static const char *const figure_source_fields[] = {"doc", "lang", "published", NULL};

static const struct lsn_col figure_cols[] = {
	{"metric", LSN_COL_TEXT, NULL},
	{"period", LSN_COL_TEXT, NULL},
	{"value", LSN_COL_REAL, NULL},
	{"unit", LSN_COL_TEXT, NULL},
	{"change_pct", LSN_COL_REAL, NULL},
	{"parties", LSN_COL_LIST, NULL},
	{"documents", LSN_COL_LIST, NULL},
	{"sources", LSN_COL_RECS, figure_source_fields},
};

enum lsn_status lsn_query_figures(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
				  size_t *nrows)
{
	struct lsn_buf parties;
	enum lsn_status e;
	size_t n = 0;
	if (nrows)
		*nrows = 0;
	if ((e = lsn_check_metric(st, q->metric)))
		return e;
	lsn_buf_init(&parties);
	if ((e = lsn_q_parties(st, kb, q->parties, q->nparties, &parties))) {
		lsn_buf_clear(&parties);
		return e;
	}
	struct lsn_out *o = lsn_out_new(out, q->format, figure_cols, q->sources ? 8 : 7, q->width);
	if (!o) {
		lsn_buf_clear(&parties);
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	}
	/* one row per figure stated, however many documents state it */
	sqlite3_stmt *s = lsn_st_prep(st,
		"SELECT metric, period, value, unit, change_pct, parties_key FROM figures f "
		"WHERE (?1 IS NULL OR metric = ?1) "
		"AND " LSN_SQL_FIGURE_PARTIES("?2") " "
		"GROUP BY metric, period, value, unit, change_pct, parties_key "
		"ORDER BY metric, period IS NULL, period, value DESC, unit, parties_key LIMIT ?3");
	if (!s) {
		lsn_buf_clear(&parties);
		return finish(st, o, LSN_EDB);
	}
	lsn_bind_text(s, 1, q->metric);
	sqlite3_bind_text(s, 2, parties.data, (int)parties.len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, limit_of(q));
	int rc;
	while (!e && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		lsn_out_text(o, lsn_col(s, 0));
		lsn_out_text(o, col_or_null(s, 1));
		lsn_out_real(o, sqlite3_column_double(s, 2));
		lsn_out_text(o, lsn_col(s, 3));
		if (sqlite3_column_type(s, 4) == SQLITE_NULL)
			lsn_out_null(o);
		else
			lsn_out_real(o, sqlite3_column_double(s, 4));
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
		for (int pass = 0; pass < (q->sources ? 2 : 1) && !e; pass++) {
			sqlite3_stmt *r = lsn_st_prep(st,
				"SELECT DISTINCT f.document_id, d.lang, d.published FROM figures f "
				"JOIN documents d ON d.id = f.document_id WHERE f.metric = ?1 AND f.period IS ?2 "
				"AND f.value = ?3 AND f.unit = ?4 AND f.change_pct IS ?5 AND f.parties_key = ?6 "
				"ORDER BY " LSN_SQL_BY_PUBLISHED("f"));
			if (!r) {
				e = LSN_EDB;
				break;
			}
			for (int i = 0; i < 6; i++)
				sqlite3_bind_value(r, i + 1, sqlite3_column_value(s, i));
			e = pass ? recs_from(st, o, r, 3) : list_from(st, o, r);
		}
		if (e)
			break;
		lsn_out_row(o);
		n++;
	}
	if (!e && rc != SQLITE_DONE)
		e = lsn_st_dberr(st, "finding figures");
	sqlite3_reset(s);
	lsn_buf_clear(&parties);
	e = finish(st, o, e);
	if (nrows && !e)
		*nrows = n;
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
};

#define MAX_TERMS 16

/* The terms of a search: words, and "quoted phrases", each folded as the
 * index is (a Han run becomes a phrase of its characters).  Fills the FTS5
 * query (each term a quoted phrase; all must match) and the terms folded
 * without the spaces around Han characters (to find them in the text). */
static int search_terms(const char *text, struct lsn_buf *fts, char terms[MAX_TERMS][256], size_t *nterms)
{
	*nterms = 0;
	for (const char *p = text; *p && *nterms < MAX_TERMS;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		const char *a = p, *b;
		if (*p == '"') {
			a = ++p;
			b = strchr(p, '"');
			if (!b)
				b = p + strlen(p);
			p = *b ? b + 1 : b;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\n')
				p++;
			b = p;
		}
		if (b == a)
			continue;
		struct lsn_buf f;
		lsn_buf_init(&f);
		if (lsn_fts_fold(a, (size_t)(b - a), &f) || !f.len) {
			lsn_buf_clear(&f);
			continue;
		}
		/* the term as the text folds: lsn_fold, no added spaces */
		size_t tl = lsn_fold(a, (size_t)(b - a), terms[*nterms], sizeof terms[0]);
		if (!tl) {
			lsn_buf_clear(&f);
			continue;
		}
		(*nterms)++;
		if (fts->len)
			lsn_buf_addc(fts, ' ');
		lsn_buf_addc(fts, '"');
		for (size_t i = 0; i < f.len; i++) {
			if (f.data[i] == '"')
				lsn_buf_addc(fts, '"');
			lsn_buf_addc(fts, f.data[i]);
		}
		lsn_buf_addc(fts, '"');
		lsn_buf_clear(&f);
	}
	return fts->oom ? -1 : 0;
}

static int alnum_at(const char *s, size_t n, size_t i, int before)
{
	if (before) {
		if (i == 0)
			return 0;
		size_t j = i - 1;
		while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80)
			j--;
		size_t k = j;
		uint32_t cp = lsn_utf8_next(s, n, &k);
		return cp < 0x80 ? ((cp | 32) >= 'a' && (cp | 32) <= 'z') || (cp >= '0' && cp <= '9')
				 : lsn_is_letter(cp) && !lsn_is_han(cp);
	}
	if (i >= n)
		return 0;
	size_t k = i;
	uint32_t cp = lsn_utf8_next(s, n, &k);
	return cp < 0x80 ? ((cp | 32) >= 'a' && (cp | 32) <= 'z') || (cp >= '0' && cp <= '9')
			 : lsn_is_letter(cp) && !lsn_is_han(cp);
}

/* The first place in text (n bytes) where a term is, as whole words: its
 * byte range in *ms, *me.  Folds the text code point by code point, keeping
 * where each folded byte came from. */
static int find_term(const char *text, size_t n, char terms[MAX_TERMS][256], size_t nterms, size_t *ms,
		     size_t *me)
{
	char *f = malloc(2 * n + 16);
	size_t *from = malloc((2 * n + 16) * sizeof *from);
	size_t fl = 0;
	int found = 0;
	if (!f || !from) {
		free(f);
		free(from);
		return -1;
	}
	for (size_t i = 0; i < n;) {
		size_t st = i;
		char tmp[16];
		lsn_utf8_next(text, n, &i);
		size_t k = lsn_fold(text + st, i - st, tmp, sizeof tmp);
		/* white space runs fold to one space, as the terms do */
		if (k == 1 && (tmp[0] == '\n' || tmp[0] == '\t' || tmp[0] == '\r'))
			tmp[0] = ' ';
		if (k == 1 && tmp[0] == ' ' && fl && f[fl - 1] == ' ')
			continue;
		for (size_t j = 0; j < k; j++) {
			f[fl] = tmp[j];
			from[fl++] = st;
		}
	}
	size_t best = (size_t)-1, bestlen = 0;
	for (size_t t = 0; t < nterms; t++) {
		size_t tl = strlen(terms[t]);
		for (size_t at = 0; at + tl <= fl; at++) {
			if (memcmp(f + at, terms[t], tl))
				continue;
			if (alnum_at(f, fl, at, 1) || alnum_at(f, fl, at + tl, 0))
				continue;
			if (at < best) {
				best = at;
				bestlen = tl;
			}
			break;
		}
	}
	if (best != (size_t)-1) {
		*ms = from[best];
		size_t last = from[best + bestlen - 1];
		lsn_utf8_next(text, n, &last);
		*me = last;
		found = 1;
	}
	free(f);
	free(from);
	return found;
}

/* A snippet around [ms, me) of the text, within its line, the match in
 * brackets, cut with "…". */
static void snippet(struct lsn_buf *b, const char *text, size_t n, size_t ms, size_t me)
{
	size_t a = ms, z = me;
	int cps = 0;
	while (a > 0 && text[a - 1] != '\n' && cps < 60) {
		a--;
		while (a > 0 && ((unsigned char)text[a] & 0xc0) == 0x80)
			a--;
		cps++;
	}
	int cut_a = a > 0 && text[a - 1] != '\n';
	for (cps = 0; z < n && text[z] != '\n' && cps < 100; cps++)
		lsn_utf8_next(text, n, &z);
	int cut_z = z < n && text[z] != '\n';
	if (cut_a)
		lsn_buf_adds(b, "\xe2\x80\xa6");
	lsn_buf_add(b, text + a, ms - a);
	lsn_buf_addc(b, '[');
	lsn_buf_add(b, text + ms, me - ms);
	lsn_buf_addc(b, ']');
	lsn_buf_add(b, text + me, z - me);
	if (cut_z)
		lsn_buf_adds(b, "\xe2\x80\xa6");
}

enum lsn_status lsn_query_search(lsn_store *st, const lsn_tables *kb, const struct lsn_query *q, FILE *out,
				 size_t *nrows)
{
	struct lsn_buf fts, snip;
	char terms[MAX_TERMS][256];
	size_t nterms = 0, n = 0;
	enum lsn_status e = LSN_OK;
	(void)kb;
	if (nrows)
		*nrows = 0;
	if (!q->text)
		return lsn_st_fail(st, LSN_EARG, "nothing to search for");
	lsn_buf_init(&fts);
	lsn_buf_init(&snip);
	if (search_terms(q->text, &fts, terms, &nterms)) {
		lsn_buf_clear(&fts);
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	}
	if (!nterms) {
		lsn_buf_clear(&fts);
		return lsn_st_fail(st, LSN_EARG, "nothing to search for in '%s'", q->text);
	}
	/* the words joined, as a table of one term for find_term */
	char (*phrase)[256] = calloc(MAX_TERMS, sizeof *phrase);
	size_t pl = 0;
	if (!phrase) {
		lsn_buf_clear(&fts);
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	}
	for (size_t t = 0; t < nterms && pl + strlen(terms[t]) + 2 < sizeof phrase[0]; t++)
		pl += (size_t)snprintf(phrase[0] + pl, sizeof phrase[0] - pl, "%s%s", t ? " " : "", terms[t]);
	struct lsn_out *o = lsn_out_new(out, q->format, search_cols, 6, q->width ? q->width : 100);
	if (!o) {
		lsn_buf_clear(&fts);
		free(phrase);
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	}
	sqlite3_stmt *s = lsn_st_prep(st, "SELECT d.id, d.lang, d.published, d.text FROM doc_fts "
					  "JOIN documents d ON d.docno = doc_fts.rowid WHERE doc_fts MATCH ?1 "
					  "ORDER BY bm25(doc_fts), d.id LIMIT ?2");
	if (!s) {
		lsn_buf_clear(&fts);
		free(phrase);
		return finish(st, o, LSN_EDB);
	}
	sqlite3_bind_text(s, 1, fts.data, (int)fts.len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, limit_of(q));
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = lsn_col(s, 3);
		size_t len = (size_t)sqlite3_column_bytes(s, 3), ms = 0, me = 0;
		/* the words together where they are so, else the first word found */
		int found = nterms > 1 ? find_term(text, len, phrase, 1, &ms, &me) : 0;
		if (!found)
			found = find_term(text, len, terms, nterms, &ms, &me);
		if (found < 0) {
			e = lsn_st_fail(st, LSN_ENOMEM, "out of memory");
			break;
		}
		snip.len = 0;
		if (found)
			snippet(&snip, text, len, ms, me);
		lsn_out_text(o, lsn_col(s, 0));
		lsn_out_text(o, col_or_null(s, 1));
		lsn_out_text(o, col_or_null(s, 2));
		lsn_out_text(o, found ? (snip.data ? snip.data : "") : NULL);
		if (found) {
			lsn_out_int(o, (long long)ms);
			lsn_out_int(o, (long long)me);
		} else {
			lsn_out_null(o);
			lsn_out_null(o);
		}
		lsn_out_row(o);
		n++;
	}
	if (!e && rc != SQLITE_DONE)
		e = lsn_st_dberr(st, "searching");
	sqlite3_reset(s);
	lsn_buf_clear(&fts);
	lsn_buf_clear(&snip);
	free(phrase);
	e = finish(st, o, e);
	if (nrows && !e)
		*nrows = n;
	return e;
}

/* ---- for the HTTP API's search: the same terms and matches, without the row writer ---- */

int lsn_q_search_terms(const char *text, struct lsn_buf *fts, char terms[][256], size_t *nterms)
{
	return search_terms(text, fts, terms, nterms);
}

int lsn_q_find_match(const char *text, size_t n, char terms[][256], size_t nterms, size_t *ms, size_t *me)
{
	char phrase[MAX_TERMS][256]; /* find_term's shape; one row used */
	size_t pl = 0;
	phrase[0][0] = 0;
	for (size_t t = 0; t < nterms && pl + strlen(terms[t]) + 2 < sizeof phrase[0]; t++)
		pl += (size_t)snprintf(phrase[0] + pl, sizeof phrase[0] - pl, "%s%s", t ? " " : "", terms[t]);
	int found = nterms > 1 ? find_term(text, n, phrase, 1, ms, me) : 0;
	return found ? found : find_term(text, n, terms, nterms, ms, me);
}

void lsn_q_snippet_bounds(const char *text, size_t n, size_t ms, size_t me, size_t *a, size_t *z)
{
	size_t x = ms, y = me;
	int cps = 0;
	while (x > 0 && text[x - 1] != '\n' && cps < 60) {
		x--;
		while (x > 0 && ((unsigned char)text[x] & 0xc0) == 0x80)
			x--;
		cps++;
	}
	for (cps = 0; y < n && text[y] != '\n' && cps < 100; cps++)
		lsn_utf8_next(text, n, &y);
	*a = x;
	*z = y;
}
