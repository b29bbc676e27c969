/*
 * api_places.c — the places and what joins them in the JSON API:
 * /api/places, /api/place/{id} (by id or any name the knowledge tables
 * know), /api/ties (sister cities, partnerships, consulates), /api/figures
 * (trade and other figures, one row per figure however many documents state
 * it) and /api/network (people and places that share events).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "serve/serve_int.h"

/* ---- /api/places, /api/place/{id} ---- */

void lsn_api_places(struct lsn_api *a)
{
	struct lsn_api_page pg;
	memset(&pg, 0, sizeof pg);
	if (lsn_api_check_params(a, (const char *const[]){"level", "cc", "limit", "cursor", NULL}, 1) ||
	    lsn_api_page_init(a, &pg, "places", "s", 100, 1000))
		goto done;
	const char *level = lsn_api_param(a, "level"), *cc = lsn_api_param(a, "cc");
	if (level && !lsn_api_all_lower(level, 3, 12)) {
		lsn_api_bad(a, "level must be country, province, city, district or bloc, not '%s'", level);
		goto done;
	}
	if (cc && strlen(cc) != 2) {
		lsn_api_bad(a, "cc must be a two-letter code (CN, VN, ...), not '%s'", cc);
		goto done;
	}
	lsn_stmt *s = lsn_api_prep(a,
		"SELECT json_object('id', l.id, 'name', l.name, 'level', l.level, 'parent', l.parent, 'cc', l.cc, "
		"'events', (SELECT count(*) FROM event_parties x WHERE x.place = l.id), "
		"'ties', (SELECT count(*) FROM (SELECT DISTINCT type, min(a, b), max(a, b) FROM relations r "
		"  WHERE (r.a = l.id OR r.b = l.id) AND r.a IS NOT NULL AND r.b IS NOT NULL)), "
		"'figures', (SELECT count(DISTINCT figure_id) FROM figure_parties fp WHERE fp.place = l.id)), l.id "
		"FROM places l WHERE l.id > ?1 AND (?2 IS NULL OR l.level = ?2) "
		"AND (?3 IS NULL OR l.cc = ?3 COLLATE NOCASE) ORDER BY l.id LIMIT ?4");
	if (!s)
		goto done;
	lsn_api_page_bind(&pg, s, 4);
	lsn_bind_text(s, 2, level);
	lsn_bind_text(s, 3, cc);
	if (!lsn_api_page_rows(a, &pg, s, "listing places", NULL))
		lsn_api_page_answer(a, &pg, "id,name,level,parent,cc,events,ties,figures", "places");
done:
	lsn_api_page_clear(&pg);
}

/* Ties: the relations grouped by type and ends, each with the earliest year
 * and the documents that state it (by id), over `relations` filtered by WHERE. */
#define TIES_FROM(where) \
	"(SELECT type, ta, tb, min(since) AS since, json_group_array(DISTINCT document_id) AS docs FROM " \
	" (SELECT type, " LSN_SQL_TIE_A("") " AS ta, " LSN_SQL_TIE_B("") " AS tb, since, document_id " \
	"  FROM relations " \
	"  WHERE a IS NOT NULL AND b IS NOT NULL AND " where " ORDER BY 1, 2, 3, document_id) " \
	" GROUP BY type, ta, tb ORDER BY type, ta, tb) t"

void lsn_api_place(struct lsn_api *a, const char *id)
{
	char key[600];
	if (lsn_api_check_params(a, (const char *const[]){NULL}, 0))
		return;
	snprintf(key, sizeof key, "P:%s", id);
	if (lsn_api_memo_answer(a, key))
		return;
	/* the id, or any name of the place the knowledge tables know */
	const char *pid = a->kb ? lsn_tables_place_name(a->kb, id) : NULL;
	lsn_stmt *s = lsn_api_prep(a,
		"SELECT json_object('id', l.id, 'name', l.name, 'level', l.level, 'parent', l.parent, 'cc', l.cc, "
		"'events', (SELECT count(*) FROM event_parties x WHERE x.place = l.id), "
		"'first_event', (SELECT min(e.date) FROM event_parties x JOIN events e ON e.id = x.event_id "
		"  WHERE x.place = l.id), "
		"'last_event', (SELECT max(e.date) FROM event_parties x JOIN events e ON e.id = x.event_id "
		"  WHERE x.place = l.id), "
		"'ties', json((SELECT json_group_array(json_object('type', t.type, 'a', t.ta, 'b', t.tb, "
		"  'other', CASE WHEN t.ta = l.id THEN t.tb ELSE t.ta END, 'since', t.since, "
		"  'documents', json(t.docs))) FROM " TIES_FROM("(a = l.id OR b = l.id)") ")), "
		"'partners', json((SELECT json_group_array(json_object('id', q.place, 'name', "
		"  coalesce(q.name, q.place), 'level', q.level, 'cc', q.cc, 'events', q.n)) FROM "
		"  (SELECT y.place, k.name, k.level, k.cc, count(DISTINCT y.event_id) AS n FROM event_parties x "
		"   JOIN event_parties y ON y.event_id = x.event_id AND y.place <> x.place "
		"   LEFT JOIN places k ON k.id = y.place WHERE x.place = l.id "
		"   GROUP BY y.place, k.name, k.level, k.cc ORDER BY n DESC, y.place LIMIT 100) q)), "
		"'people', json((SELECT json_group_array(json_object('id', q.person_id, 'name', q.name, "
		"  'country', q.country, 'events', q.n)) FROM "
		"  (SELECT ep.person_id, r.name, r.country, count(*) AS n FROM event_parties x "
		"   JOIN event_participants ep ON ep.event_id = x.event_id JOIN people r ON r.id = ep.person_id "
		"   WHERE x.place = l.id GROUP BY ep.person_id, r.name, r.country "
		"   ORDER BY n DESC, ep.person_id LIMIT 50) q)), "
		"'figures', json((SELECT json_group_array(json_object('metric', g.metric, 'period', g.period, "
		"  'year', CAST(substr(g.period, 1, 4) AS INTEGER), 'value', g.value, 'unit', g.unit, "
		"  'change_pct', g.change_pct, 'parties', " LSN_SQL_FIGURE_PARTIES_JSON("g") ", "
		"  'documents', json(g.docs))) "
		"  FROM (SELECT metric, period, value, unit, change_pct, parties_key, "
		"   json_group_array(DISTINCT document_id) AS docs FROM (SELECT * FROM figures "
		"   WHERE id IN (SELECT figure_id FROM figure_parties WHERE place = l.id) ORDER BY document_id) "
		"   GROUP BY metric, period, value, unit, change_pct, parties_key "
		"   ORDER BY metric, unit, period IS NULL, period, value DESC, parties_key LIMIT 1000) g))) "
		"FROM places l WHERE l.id = ?1 OR (?2 IS NULL AND l.id = ?3 COLLATE NOCASE) "
		"ORDER BY l.id = ?1 DESC LIMIT 1");
	if (!s)
		return;
	lsn_bind_textn(s, 1, pid ? pid : id, -1, LSN_DB_STATIC);
	lsn_bind_text(s, 2, pid);
	lsn_bind_textn(s, 3, id, -1, LSN_DB_STATIC);
	int found = 0;
	if (!lsn_api_one_json(a, s, &found, "reading a place") && !found)
		lsn_api_not_found(a, "no place '%s' in the knowledge base", id);
	lsn_api_memo_keep(a, key);
}

/* ---- /api/ties, /api/figures ---- */

void lsn_api_ties(struct lsn_api *a)
{
	struct lsn_api_page pg;
	struct lsn_buf parties;
	const char *names[LSN_API_MAX_PARTIES];
	size_t np = 0;
	memset(&pg, 0, sizeof pg);
	lsn_buf_init(&parties);
	if (lsn_api_check_params(a, (const char *const[]){"party*", "type", "limit", "cursor", NULL}, 1) ||
	    lsn_api_page_init(a, &pg, "ties", "sss", 100, 1000) ||
	    lsn_api_param_all(a, "party", names, LSN_API_MAX_PARTIES, &np))
		goto done;
	const char *type = lsn_api_param(a, "type");
	if (type && strcmp(type, "sister_city") && strcmp(type, "partnership") && strcmp(type, "consulate")) {
		lsn_api_bad(a, "type must be sister_city, partnership or consulate, not '%s'", type);
		goto done;
	}
	enum lsn_status e = lsn_q_parties(a->st, a->kb, names, np, &parties);
	if (e) {
		lsn_api_store_fail(a, e, "finding places");
		goto done;
	}
	lsn_stmt *s = lsn_api_prep(a,
		"SELECT json_object('type', t.type, 'a', t.ta, 'b', t.tb, 'since', t.since, "
		"'documents', json(t.docs)), t.type, t.ta, t.tb FROM "
		TIES_FROM("(?4 IS NULL OR type = ?4) AND (?5 IS NULL OR " LSN_SQL_TIE_PARTIES("?5") ")")
		" WHERE (t.type, t.ta, t.tb) > (?1, ?2, ?3) ORDER BY t.type, t.ta, t.tb LIMIT ?6");
	if (!s)
		goto done;
	lsn_api_page_bind(&pg, s, 6);
	lsn_bind_text(s, 4, type);
	if (np)
		lsn_bind_textn(s, 5, parties.data, (int)parties.len, LSN_DB_STATIC);
	if (!lsn_api_page_rows(a, &pg, s, "listing ties", NULL))
		lsn_api_page_answer(a, &pg, "type,a,b,since,documents", "ties");
done:
	lsn_buf_clear(&parties);
	lsn_api_page_clear(&pg);
}

void lsn_api_figures(struct lsn_api *a)
{
	struct lsn_api_page pg;
	struct lsn_buf parties;
	const char *names[LSN_API_MAX_PARTIES];
	size_t np = 0;
	memset(&pg, 0, sizeof pg);
	lsn_buf_init(&parties);
	if (lsn_api_check_params(a, (const char *const[]){"party*", "metric", "limit", "cursor", NULL}, 1) ||
	    lsn_api_page_init(a, &pg, "figures", "ssrss", 100, 1000) ||
	    lsn_api_param_all(a, "party", names, LSN_API_MAX_PARTIES, &np))
		goto done;
	const char *metric = lsn_api_param(a, "metric");
	enum lsn_status e = lsn_check_metric(a->st, metric);
	if (e) {
		lsn_api_store_fail(a, e, "checking the filters");
		goto done;
	}
	e = lsn_q_parties(a->st, a->kb, names, np, &parties);
	if (e) {
		lsn_api_store_fail(a, e, "finding places");
		goto done;
	}
	/* one row per figure stated, however many documents state it (by id);
	 * the key orders as `liaison figures` does: metric, period (none last),
	 * value (largest first), unit, parties; the index figures_list gives
	 * the groups in that order, so a page reads only its rows and those before */
	lsn_stmt *s = lsn_api_prep(a,
		"SELECT json_object('metric', g.metric, 'period', g.period, 'value', g.value, 'unit', g.unit, "
		"'change_pct', g.change_pct, 'parties', " LSN_SQL_FIGURE_PARTIES_JSON("g") ", 'documents', json(g.docs)), "
		"k1, k2, k3, k4, k5 FROM "
		"(SELECT metric, min(period) AS period, min(value) AS value, unit, min(change_pct) AS change_pct, "
		" min(parties_key) AS parties_key, "
		" json_group_array(DISTINCT document_id) AS docs, metric AS k1, coalesce(period, '~') AS k2, "
		" -value AS k3, unit AS k4, parties_key || '|' || coalesce(change_pct, '') AS k5 "
		" FROM figures f WHERE metric >= ?1 AND (?6 IS NULL OR metric = ?6) "
		" AND (?7 IS NULL OR " LSN_SQL_FIGURE_PARTIES("?7") ") "
		" GROUP BY metric, coalesce(period, '~'), -value, unit, parties_key || '|' || coalesce(change_pct, '') "
		" HAVING (metric, coalesce(period, '~'), -value, unit, parties_key || '|' || coalesce(change_pct, '')) "
		" > (?1, ?2, ?3, ?4, ?5) "
		" ORDER BY k1, k2, k3, k4, k5 LIMIT ?8) g");
	if (!s)
		goto done;
	lsn_api_page_bind(&pg, s, 8);
	lsn_bind_text(s, 6, metric);
	if (np)
		lsn_bind_textn(s, 7, parties.data, (int)parties.len, LSN_DB_STATIC);
	if (!lsn_api_page_rows(a, &pg, s, "listing figures", NULL))
		lsn_api_page_answer(a, &pg, "metric,period,value,unit,change_pct,parties,documents", "figures");
done:
	lsn_buf_clear(&parties);
	lsn_api_page_clear(&pg);
}

/* ---- /api/network ---- */

void lsn_api_network(struct lsn_api *a)
{
	long limit = 100, min_weight = 1;
	if (lsn_api_check_params(a, (const char *const[]){"limit", "min_weight", "part", NULL}, 1) ||
	    lsn_api_int_param(a, "limit", 2000, &limit) || lsn_api_int_param(a, "min_weight", 1000000, &min_weight))
		return;
	const char *part = lsn_api_param(a, "part");
	if (part && strcmp(part, "nodes") && strcmp(part, "edges")) {
		lsn_api_bad(a, "part must be nodes or edges, not '%s'", part);
		return;
	}
	char key[80];
	snprintf(key, sizeof key, "N:%ld:%ld:%s:%d", limit, min_weight, part ? part : "", (int)a->format);
	if (lsn_api_memo_answer(a, key)) {
		if (a->format == LSN_API_CSV)
			snprintf(a->filename, sizeof a->filename, "network-%s.csv",
				 part && !strcmp(part, "nodes") ? "nodes" : "edges");
		return;
	}
	/* the nodes: the people and places in most events */
	lsn_stmt *s = lsn_api_prep(a,
		"WITH n(kind, ref, events) AS ("
		" SELECT 'person', person_id, count(*) FROM event_participants GROUP BY person_id "
		" UNION ALL SELECT 'place', place, count(*) FROM event_parties GROUP BY place) "
		"SELECT json_object('id', CASE kind WHEN 'person' THEN 'p:' ELSE 'l:' END || ref, 'kind', kind, "
		"'ref', ref, 'label', CASE kind WHEN 'person' THEN (SELECT name FROM people WHERE id = ref) "
		"  ELSE coalesce((SELECT name FROM places WHERE id = ref), ref) END, "
		"'country', CASE kind WHEN 'person' THEN (SELECT country FROM people WHERE id = ref) "
		"  ELSE (SELECT cc FROM places WHERE id = ref) END, 'events', events), kind, ref "
		"FROM n ORDER BY events DESC, kind, ref LIMIT ?1");
	if (!s)
		return;
	lsn_bind_int64(s, 1, limit);
	struct lsn_buf nodes, refs, edges;
	lsn_buf_init(&nodes);
	lsn_buf_init(&refs);
	lsn_buf_init(&edges);
	int rc;
	size_t n = 0;
	lsn_buf_addc(&refs, '[');
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		if (n)
			lsn_buf_addc(&nodes, ','), lsn_buf_addc(&refs, ',');
		lsn_buf_add(&nodes, lsn_col_text(s, 0), (size_t)lsn_col_bytes(s, 0));
		lsn_buf_addc(&refs, '[');
		lsn_buf_json_str(&refs, lsn_col(s, 1), strlen(lsn_col(s, 1)));
		lsn_buf_addc(&refs, ',');
		lsn_buf_json_str(&refs, lsn_col(s, 2), strlen(lsn_col(s, 2)));
		lsn_buf_addc(&refs, ']');
		n++;
	}
	lsn_buf_addc(&refs, ']');
	lsn_reset(s);
	if (rc != LSN_DB_DONE) {
		lsn_api_db_fail(a, "listing the nodes of the network");
		goto done;
	}
	/* the edges between them: events they share */
	if (!(s = lsn_api_prep(a,
		"WITH t(kind, ref) AS (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') "
		"  FROM json_each(?1)), "
		"m(event_id, node) AS MATERIALIZED ("
		"  SELECT ep.event_id, 'p:' || ep.person_id FROM t JOIN event_participants ep "
		"    ON t.kind = 'person' AND ep.person_id = t.ref "
		"  UNION SELECT x.event_id, 'l:' || x.place FROM t JOIN event_parties x "
		"    ON t.kind = 'place' AND x.place = t.ref) "
		"SELECT json_object('source', a.node, 'target', b.node, 'weight', count(*)) FROM m a "
		"JOIN m b ON b.event_id = a.event_id AND a.node < b.node "
		"GROUP BY a.node, b.node HAVING count(*) >= ?2 ORDER BY count(*) DESC, a.node, b.node LIMIT 20000")))
		goto done;
	lsn_bind_textn(s, 1, refs.data, (int)refs.len, LSN_DB_STATIC);
	lsn_bind_int64(s, 2, min_weight);
	size_t ne = 0;
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		if (ne++)
			lsn_buf_addc(&edges, ',');
		lsn_buf_add(&edges, lsn_col_text(s, 0), (size_t)lsn_col_bytes(s, 0));
	}
	lsn_reset(s);
	if (rc != LSN_DB_DONE) {
		lsn_api_db_fail(a, "listing the edges of the network");
		goto done;
	}
	a->status = 200;
	if (a->format == LSN_API_CSV) {
		int nodes_part = part && !strcmp(part, "nodes");
		struct lsn_buf *src = nodes_part ? &nodes : &edges, arr;
		lsn_buf_init(&arr);
		lsn_buf_addc(&arr, '[');
		lsn_buf_add(&arr, src->data ? src->data : "", src->len);
		lsn_buf_addc(&arr, ']');
		lsn_api_to_csv(a, arr.data, arr.len,
			       nodes_part ? "id,kind,ref,label,country,events" : "source,target,weight");
		snprintf(a->filename, sizeof a->filename, "network-%s.csv", nodes_part ? "nodes" : "edges");
		lsn_buf_clear(&arr);
	} else {
		lsn_buf_adds(&a->body, "{\"nodes\":[");
		lsn_buf_add(&a->body, nodes.data ? nodes.data : "", nodes.len);
		lsn_buf_adds(&a->body, "],\"edges\":[");
		lsn_buf_add(&a->body, edges.data ? edges.data : "", edges.len);
		lsn_buf_adds(&a->body, "]}\n");
	}
	if (nodes.oom || refs.oom || edges.oom)
		a->body.oom = 1;
	lsn_api_memo_keep(a, key);
done:
	lsn_buf_clear(&nodes);
	lsn_buf_clear(&refs);
	lsn_buf_clear(&edges);
}


/* /api/commitments?by=&to=&type=&field=&since=&until=&open=1: what sides proposed,
 * pledged, invited and agreed, by date, each with what followed it up. */
void lsn_api_commitments(struct lsn_api *a)
{
	struct lsn_api_page pg;
	struct lsn_commit_filter f;
	memset(&pg, 0, sizeof pg);
	lsn_commit_filter_init(&f);
	if (lsn_api_check_params(a, (const char *const[]){"by", "to", "type", "field", "since", "until", "open",
							   "limit", "cursor", NULL}, 1) ||
	    lsn_api_page_init(a, &pg, "commitments", "ss", 100, 1000))
		goto done;
	const char *open = lsn_api_param(a, "open");
	if (open && strcmp(open, "1") && strcmp(open, "0")) {
		lsn_api_bad(a, "open must be 1 or 0, not '%s'", open);
		goto done;
	}
	f.type = lsn_api_param(a, "type");
	f.field = lsn_api_param(a, "field");
	f.since = lsn_api_param(a, "since");
	f.until = lsn_api_param(a, "until");
	f.open = open && !strcmp(open, "1");
	enum lsn_status e = lsn_commit_filter_set(a->st, a->kb, &f, lsn_api_param(a, "by"), lsn_api_param(a, "to"));
	if (e) {
		lsn_api_store_fail(a, e, "finding commitments");
		goto done;
	}
	lsn_stmt *s = lsn_api_prep(a,
		LSN_SQL_WITHIN
		"SELECT json_object('id', c.id, 'date', c.date, 'type', c.type, 'by', "
		"CASE WHEN c.person_id IS NULL THEN NULL ELSE json_object('id', c.person_id, 'name', p.name) END, "
		"'by_party', c.by_party, 'to_party', c.to_party, 'fields', (SELECT json_group_array(field) FROM "
		"(SELECT field FROM commitment_fields WHERE commitment_id = c.id ORDER BY field)), "
		"'accepted', CASE c.accepted WHEN 1 THEN json('true') WHEN 0 THEN json('false') END, "
		"'event', c.event_id, 'document', c.document_id, 'evidence', c.evidence, "
		"'followed_up', (SELECT json_group_array(json_object('kind', u.kind, 'id', u.target_id, 'date', u.date, "
		"'evidence', u.evidence)) FROM (SELECT * FROM commitment_followups WHERE commitment_id = c.id "
		"ORDER BY coalesce(date, '~'), kind, target_id) u)), coalesce(c.date, '~'), c.id "
		"FROM commitments c LEFT JOIN people p ON p.id = c.person_id WHERE " LSN_SQL_COMMIT_WHERE
		"AND (coalesce(c.date, '~'), c.id) > (?1, ?2) ORDER BY coalesce(c.date, '~'), c.id LIMIT ?3");
	if (!s)
		goto done;
	lsn_api_page_bind(&pg, s, 3);
	lsn_commit_filter_bind(&f, s);
	if (!lsn_api_page_rows(a, &pg, s, "listing commitments", NULL))
		lsn_api_page_answer(a, &pg, "id,date,type,by_party,to_party,fields,accepted,document,evidence",
				    "commitments");
done:
	lsn_commit_filter_clear(&f);
	lsn_api_page_clear(&pg);
}
