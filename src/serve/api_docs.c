/*
 * api_docs.c — the documents in the JSON API: /api/search (full-text, best
 * first, with the snippet of the match as `liaison search` finds it) and
 * /api/documents/{id} (a document's text with every fact and its evidence).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "serve/serve_int.h"

/* ---- /api/search ---- */

/* The terms of a search, for search_item. */
struct search {
	char terms[LSN_SEARCH_TERMS][256];
	size_t nterms;
};

/* The item of a document found (columns 0 id, 3 lang, 4 published, 5 text,
 * 1 rank): the snippet as three strings (the page marks the middle one), the
 * match as a byte range, the rank. */
static int search_item(struct lsn_api *a, lsn_stmt *s, struct lsn_buf *it, const void *ctx)
{
	const struct search *q = ctx;
	const char *text = lsn_col_text(s, 6);
	size_t len = (size_t)lsn_col_bytes(s, 6), ms = 0, me = 0;
	int found = lsn_q_find_match(text ? text : "", len, (char (*)[256])q->terms, q->nterms, &ms, &me);
	if (found < 0) {
		lsn_st_fail(a->st, LSN_ENOMEM, "out of memory");
		return lsn_api_internal(a, "searching");
	}
	lsn_buf_adds(it, "{\"doc\":");
	lsn_buf_json_str(it, lsn_col_text(s, 0), (size_t)lsn_col_bytes(s, 0));
	lsn_buf_adds(it, ",\"lang\":");
	if (lsn_col_type(s, 4) == LSN_T_NULL)
		lsn_buf_adds(it, "null");
	else
		lsn_buf_json_str(it, lsn_col(s, 4), strlen(lsn_col(s, 4)));
	lsn_buf_adds(it, ",\"published\":");
	if (lsn_col_type(s, 5) == LSN_T_NULL)
		lsn_buf_adds(it, "null");
	else
		lsn_buf_json_str(it, lsn_col(s, 5), strlen(lsn_col(s, 5)));
	lsn_buf_adds(it, ",\"snippet\":");
	if (found) {
		struct lsn_snippet sn;
		struct lsn_buf t;
		lsn_q_snippet(text, len, ms, me, &sn);
		lsn_buf_init(&t);
		if (sn.cut_a)
			lsn_buf_adds(&t, "\xe2\x80\xa6");
		lsn_buf_add(&t, text + sn.a, ms - sn.a);
		lsn_buf_adds(it, "{\"before\":");
		lsn_buf_json_str(it, t.data ? t.data : "", t.len);
		lsn_buf_adds(it, ",\"match\":");
		lsn_buf_json_str(it, text + ms, me - ms);
		t.len = 0;
		lsn_buf_add(&t, text + me, sn.z - me);
		if (sn.cut_z)
			lsn_buf_adds(&t, "\xe2\x80\xa6");
		lsn_buf_adds(it, ",\"after\":");
		lsn_buf_json_str(it, t.data ? t.data : "", t.len);
		lsn_buf_printf(it, "},\"match\":[%zu,%zu]", ms, me);
		if (t.oom)
			it->oom = 1;
		lsn_buf_clear(&t);
	} else {
		lsn_buf_adds(it, "null,\"match\":null");
	}
	lsn_buf_printf(it, ",\"rank\":%.6g,\"found\":\"%s\"}", lsn_col_double(s, 2),
		       lsn_q_search_found(lsn_col_int(s, 1), q->nterms));
	return 0;
}

void lsn_api_search(struct lsn_api *a)
{
	struct lsn_api_page pg;
	struct lsn_buf fts, phrase, langs;
	struct search sq;
	const char *lv[LSN_API_MAX_LANGS];
	size_t nl = 0;
	memset(&pg, 0, sizeof pg);
	lsn_buf_init(&fts);
	lsn_buf_init(&phrase);
	lsn_buf_init(&langs);
	if (lsn_api_check_params(a, (const char *const[]){"q", "lang*", "limit", "cursor", NULL}, 1) ||
	    lsn_api_page_init(a, &pg, "search", "nrs", 20, 200) ||
	    lsn_api_param_all(a, "lang", lv, LSN_API_MAX_LANGS, &nl))
		goto done;
	const char *q = lsn_api_param(a, "q");
	if (!q || !*q) {
		lsn_api_bad(a, "q (the words to find) is required");
		goto done;
	}
	if (strlen(q) > 1000) {
		lsn_api_bad(a, "q is too long (1000 bytes at most)");
		goto done;
	}
	if (lsn_api_langs(a, lv, nl, &langs))
		goto done;
	if (lsn_q_search_terms(q, &fts, &phrase, sq.terms, &sq.nterms)) {
		lsn_api_internal(a, "out of memory");
		goto done;
	}
	if (!sq.nterms) {
		lsn_api_bad(a, "nothing to search for in '%s'", q);
		goto done;
	}
	/* the words together first, then apart; best first (bm25: lower is
	 * better), then by document id */
	lsn_stmt *s = lsn_api_prep(a,
		"SELECT d.id, r.apart, r.rank, d.id, d.lang, d.published, d.text FROM "
		"(SELECT rowid AS docno, " LSN_SQL_PHRASE_RANK(7, "rowid") " AS apart, bm25(doc_fts) AS rank "
		"FROM doc_fts WHERE doc_fts MATCH ?4) r "
		"JOIN documents d ON d.docno = r.docno "
		"WHERE (r.apart, r.rank, d.id) > (?1, ?2, ?3) "
		"AND (?5 IS NULL OR d.lang IN (SELECT value FROM json_each(?5))) "
		"ORDER BY r.apart, r.rank, d.id LIMIT ?6");
	if (!s)
		goto done;
	lsn_api_page_bind(&pg, s, 6);
	lsn_bind_textn(s, 4, fts.data, (int)fts.len, LSN_DB_STATIC);
	if (nl)
		lsn_bind_textn(s, 5, langs.data, (int)langs.len, LSN_DB_STATIC);
	if (phrase.len)
		lsn_bind_textn(s, 7, phrase.data, (int)phrase.len, LSN_DB_STATIC);
	pg.ctx = &sq;
	if (!lsn_api_page_rows(a, &pg, s, "searching", search_item))
		lsn_api_page_answer(a, &pg, "doc,lang,published,snippet.before,snippet.match,snippet.after,rank,found",
				    "search");
done:
	lsn_buf_clear(&fts);
	lsn_buf_clear(&phrase);
	lsn_buf_clear(&langs);
	lsn_api_page_clear(&pg);
}

/* ---- /api/documents/{id} ---- */

void lsn_api_document(struct lsn_api *a, const char *id)
{
	if (lsn_api_check_params(a, (const char *const[]){NULL}, 0))
		return;
	/* every fact with its evidence: the byte range in text (as stored) and
	 * in characters (code points: a Python str index; the page converts to
	 * UTF-16 for JavaScript) */
	lsn_stmt *s = lsn_api_prep(a,
		"SELECT json_object('id', d.id, 'lang', d.lang, 'published', d.published, 'url', d.url, "
		"'duplicate_of', d.dup_of, 'bytes', d.bytes, "
		"'fields', json((SELECT json_group_array(field) FROM (SELECT field FROM document_fields "
		"  WHERE document_id = d.id ORDER BY field))), "
		"'text', d.text, "
		"'facts', json((SELECT json_group_array(json(f)) FROM (SELECT f FROM ("
		"  SELECT m.evidence_start AS s, 0 AS k, m.ordinal AS o, json_object('kind', 'event', 'id', m.id, "
		"    'event', m.event_id, 'type', m.type, 'date', m.date, 'place', m.place, "
		"    " LSN_SQL_SPAN_JSON("m") ") AS f "
		"    FROM event_mentions m WHERE m.document_id = d.id "
		"  UNION ALL SELECT m.evidence_start, 1, m.ordinal, json_object('kind', 'person', 'id', m.id, "
		"    'person', m.person_id, 'name', m.name, 'role', m.role, 'org', m.org, 'country', m.country, "
		"    " LSN_SQL_SPAN_JSON("m") ") FROM person_mentions m WHERE m.document_id = d.id AND m.listed = 1) "
		"  ORDER BY s IS NULL, s, k, o))), "
		"'figures', json((SELECT json_group_array(json_object('id', g.id, 'metric', g.metric, "
		"  'period', g.period, 'value', g.value, 'unit', g.unit, 'change_pct', g.change_pct, "
		"  'parties', " LSN_SQL_FIGURE_PARTIES_JSON("g") ")) FROM (SELECT * FROM figures WHERE document_id = d.id "
		"  ORDER BY ordinal) g)), "
		"'relations', json((SELECT json_group_array(json_object('id', r.id, 'type', r.type, 'a', r.a, "
		"  'b', r.b, 'since', r.since)) FROM (SELECT * FROM relations WHERE document_id = d.id "
		"  ORDER BY ordinal) r))) "
		"FROM documents d WHERE d.id = ?1");
	if (!s)
		return;
	lsn_bind_textn(s, 1, id, -1, LSN_DB_STATIC);
	int found = 0;
	if (!lsn_api_one_json(a, s, &found, "reading a document") && !found)
		lsn_api_not_found(a, "no document '%s'", id);
}

