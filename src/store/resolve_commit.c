/*
 * resolve_commit.c — commitments in the knowledge base: who said them, at which
 * event, on which date, and the later facts that follow them up.
 *
 * Runs after people and events are resolved.  A commitment's event is the event
 * of its document whose parties hold most of its two sides (its first event when
 * none does); its date that event's, else the document's publication date.  A
 * follow-up is a later event or figure between the same sides, of a kind and within
 * a window that data/followups.tsv sets per commitment type; a side matches a party
 * that is the side itself or lies within it (Vietnam matches Lao Cai), through the
 * parents of the places table.  A link is a lead for an analyst, never a claim of
 * causality.  Each commitment keeps the five earliest.  The candidates are found
 * through indexes by the pair of sides and a range of years (see `prepare`), in
 * date order, and only the five earliest of each distinct commitment are taken,
 * so the pass grows with the commitments, not with commitments × facts of a side.
 */
#include <string.h>
#include "resolve_int.h"

/* The first day of a date of any precision, as SQL over the column `d`. */
#define PAD(d) "(CASE length(" d ") WHEN 4 THEN " d " || '-01-01' WHEN 7 THEN " d " || '-01' ELSE " d " END)"
/* The date a figure's period starts: 2024, 2024-05, 2024-01..2024-06, 2024-H1, 2024-Q3. */
#define PERIOD_START(p) "(CASE WHEN " p " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(" p ", 1, 7) " \
			"ELSE substr(" p ", 1, 4) END)"
/* Is date a strictly later than date b at the precision both share? */
#define LATER(a, b) "(substr(" a ", 1, min(length(" a "), length(" b "))) > " \
		    "substr(" b ", 1, min(length(" a "), length(" b "))))"
static const char *const speaker_event_date =
	"UPDATE commitments SET "
	"person_id = (SELECT pm.person_id FROM person_mentions pm WHERE pm.document_id = "
	"commitments.document_id AND pm.name = commitments.by_name ORDER BY pm.ordinal LIMIT 1), "
	"event_id = (SELECT em.event_id FROM event_mentions em LEFT JOIN event_mention_parties p "
	"ON p.mention_id = em.id AND p.place IN (commitments.by_party, commitments.to_party) "
	"WHERE em.document_id = commitments.document_id AND em.event_id IS NOT NULL "
	"GROUP BY em.id ORDER BY count(p.place) DESC, em.ordinal LIMIT 1);"
	"UPDATE commitments SET date = coalesce((SELECT date FROM events WHERE id = commitments.event_id), "
	"(SELECT published FROM documents WHERE id = commitments.document_id));";

/* The years a follow-up of a commitment dated `g` can start in, within ?2 days
 * (both dates YYYY[-MM[-DD]]): from g's year, up to but not including the
 * string this gives.  LATER and the window decide; this range only lets an
 * index find the candidates. */
#define YEAR_LO(g) "substr(" g ", 1, 4)"
#define YEAR_HI(g) "printf('%04d', CAST(substr(" g ", 1, 4) AS INTEGER) + ?2 / 365 + 2)"

/* Work tables: the places within each side (cw), the distinct commitments (cg:
 * one row for every report of the same commitment at the same event, so that
 * a meeting reported by many outlets is followed up once), and the candidates
 * by the pair of sides they join, with their date, so that each commitment
 * finds its follow-ups by one index range instead of every event or figure of
 * its addressed side: events by any two of their sides (a party or a place a
 * party lies within; cep, via = 0) and, for invitations, by a side of a party
 * and a side of the place they were held in (via = 1), figures by any two of
 * their parties themselves (cfp).  A pair may be one side twice (a single party
 * within both). */
static const char *const prepare =
	"DROP TABLE IF EXISTS temp.cw; DROP TABLE IF EXISTS temp.cg; DROP TABLE IF EXISTS temp.cgf; "
	"DROP TABLE IF EXISTS temp.cm; DROP TABLE IF EXISTS temp.cgfield; DROP TABLE IF EXISTS temp.ces; "
	"DROP TABLE IF EXISTS temp.cep; DROP TABLE IF EXISTS temp.cfp; DROP TABLE IF EXISTS temp.cev;"
	"CREATE TEMP TABLE cw AS " LSN_SQL_WITHIN "SELECT place, side FROM within;"
	"CREATE INDEX temp.cw_side ON cw(side, place);"
	"CREATE TEMP TABLE cg AS SELECT DISTINCT type, by_party, to_party, date, event_id FROM commitments "
	"WHERE date IS NOT NULL;"
	"CREATE INDEX temp.cg_key ON cg(type, by_party, to_party, date);";
/* (PostgreSQL: cg's rows numbered as SQLite's rowid numbers them) */
static const char *const prepare_pg_rowid = "ALTER TABLE temp.cg ADD COLUMN rowid bigserial;";
static const char *const prepare2 =
	"CREATE TEMP TABLE cgf (g INTEGER NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL, date TEXT, "
	"field TEXT);"
	"CREATE INDEX temp.cgf_g ON cgf(g, target);"
	"CREATE TEMP TABLE cm AS SELECT c.id AS cid, g.rowid AS g FROM commitments c JOIN temp.cg g "
	"ON g.type = c.type AND g.by_party = c.by_party AND g.to_party = c.to_party AND g.date = c.date "
	"AND g.event_id IS c.event_id;"
	"CREATE INDEX temp.cm_g ON cm(g);"
	"CREATE TEMP TABLE cgfield AS SELECT DISTINCT cm.g AS g, cf.field AS field FROM temp.cm cm "
	"JOIN commitment_fields cf ON cf.commitment_id = cm.cid;"
	"CREATE INDEX temp.cgfield_g ON cgfield(g, field);"
	"CREATE TEMP TABLE ces AS SELECT DISTINCT w.side AS side, p.event_id AS event_id "
	"FROM event_parties p JOIN temp.cw w ON w.place = p.place;"
	"CREATE INDEX temp.ces_event ON ces(event_id);"
	"CREATE TEMP TABLE cep AS SELECT a.side AS a, b.side AS b, 0 AS via, e.id AS event_id, "
	"e.date AS date, e.type AS type, e.place AS place FROM temp.ces a "
	"JOIN temp.ces b ON b.event_id = a.event_id JOIN events e ON e.id = a.event_id "
	"WHERE e.date IS NOT NULL UNION ALL "
	"SELECT a.side, w.side, 1, e.id, e.date, e.type, e.place FROM events e "
	"JOIN temp.ces a ON a.event_id = e.id JOIN temp.cw w ON w.place = e.place "
	"WHERE e.date IS NOT NULL AND e.place IS NOT NULL;"
	"CREATE INDEX temp.cep_key ON cep(a, b, date, event_id);"
	"CREATE TEMP TABLE cfp AS SELECT a.place AS a, b.place AS b, f.id AS figure_id, "
	PERIOD_START("f.period") " AS start, f.period AS period, f.metric AS metric "
	"FROM figure_parties a JOIN figure_parties b ON b.figure_id = a.figure_id "
	"JOIN figures f ON f.id = a.figure_id WHERE f.period IS NOT NULL;"
	"CREATE INDEX temp.cfp_key ON cfp(a, b, start);";

/* The last day a follow-up of group g may start on: ?2 days after the first
 * day of g's date, as text (YYYY-MM-DD), which compares with a padded date as
 * the days do (native date arithmetic, per group, instead of a day count per
 * candidate). */
#define UNTIL_SQ "date(" PAD("g.date") ", '+' || ?2 || ' days')"
#define UNTIL_PG "to_char(CAST(" PAD("g.date") " AS date) + CAST(?2 AS integer), 'YYYY-MM-DD')"

/* Date d (of a candidate) within the window of group g: in the years the index
 * range covers, later than g's date, not after `until`. */
#define IN_WINDOW(d, until) \
	d " >= " YEAR_LO("g.date") " AND " d " < " YEAR_HI("g.date") " AND " LATER(d, "g.date") \
	" AND " PAD(d) " <= " until " "

/* An event follows commitment group g up: a later event of the rule's types (?3,
 * '|'-framed) within ?2 days, with both sides among its parties (or a party
 * within a side); for an invitation, an event held somewhere must be held in
 * the inviter's side instead (the invited came).  Only the five earliest of
 * each group are taken (a group keeps no more, see link_members): the index
 * of cep gives a group's candidates in that order, and the scan stops at the
 * fifth, so the work grows with the groups, not with groups × the events of
 * their sides.  The candidates of a group, in that order: on SQLite the rows
 * whose rowid a subquery gives, on PostgreSQL a LATERAL subquery. */
#define EVENT_CANDIDATES(until) \
	"FROM temp.cep x WHERE x.a = g.to_party AND x.b = g.by_party AND " IN_WINDOW("x.date", until) \
	"AND x.via = CASE WHEN g.type = 'invitation' AND x.place IS NOT NULL THEN 1 ELSE 0 END " \
	"AND x.event_id IS NOT g.event_id AND instr(?3, '|' || x.type || '|') > 0 " \
	"ORDER BY x.date, x.event_id LIMIT 5"
#define EVENT_INTO "INSERT INTO temp.cgf (g, kind, target, date) " \
	"SELECT g.rowid, 'event', e.event_id, e.date FROM temp.cg g "
static const char *const event_rule =
	EVENT_INTO "JOIN temp.cep e ON e.rowid IN (SELECT x.rowid " EVENT_CANDIDATES(UNTIL_SQ) ") WHERE g.type = ?1";
static const char *const event_rule_pg =
	EVENT_INTO "CROSS JOIN LATERAL (SELECT x.event_id, x.date " EVENT_CANDIDATES(UNTIL_PG) ") e WHERE g.type = ?1";

/* A figure follows commitment group g up: its period starts later and within ?2
 * days, its metric answers a field (?3: '|'-framed metric:field pairs) of a
 * commitment of the group, and both sides themselves are among its parties (a
 * figure is stated of the sides it counts: no widening to the places within).
 * The five earliest by period of each group, as for events. */
#define FIGURE_CANDIDATES(until) \
	"FROM temp.cfp y WHERE y.a = g.to_party AND y.b = g.by_party AND " IN_WINDOW("y.start", until) \
	"AND EXISTS (SELECT 1 FROM temp.cgfield z WHERE z.g = g.rowid " \
	"AND instr(?3, '|' || y.metric || ':' || z.field || '|') > 0) " \
	"ORDER BY y.period, y.figure_id LIMIT 5"
#define FIGURE_INTO "INSERT INTO temp.cgf (g, kind, target, date, field) " \
	"SELECT g.rowid, 'figure', f.figure_id, f.period, fm.field FROM temp.cg g "
#define FIGURE_FIELD "JOIN temp.cgfield fm ON fm.g = g.rowid " \
	"AND instr(?3, '|' || f.metric || ':' || fm.field || '|') > 0 WHERE g.type = ?1"
static const char *const figure_rule =
	FIGURE_INTO "JOIN temp.cfp f ON f.rowid IN (SELECT y.rowid " FIGURE_CANDIDATES(UNTIL_SQ) ") " FIGURE_FIELD;
static const char *const figure_rule_pg =
	FIGURE_INTO "CROSS JOIN LATERAL (SELECT y.figure_id, y.period, y.metric " FIGURE_CANDIDATES(UNTIL_PG) ") f "
	FIGURE_FIELD;

/* Each commitment gets the five earliest follow-ups of its group (a figure only
 * when the commitment names the field it answers), with the sentence of an
 * event's first report.  That sentence is looked up once per event followed up
 * (cev), not once per commitment and event: an event many outlets reported
 * has as many sources, and a commitment as many copies. */
static const char *const link_members =
	"CREATE TEMP TABLE cev AS SELECT m.id AS id, em.evidence AS evidence FROM (SELECT es.event_id AS id, "
	"min(es.event_mention_id) AS first FROM event_sources es "
	"WHERE es.event_id IN (SELECT target FROM temp.cgf WHERE kind = 'event') GROUP BY es.event_id) m "
	"JOIN event_mentions em ON em.id = m.first;"
	"CREATE INDEX temp.cev_id ON cev(id);"
	"INSERT OR IGNORE INTO commitment_followups (commitment_id, kind, target_id, date, evidence) "
	"SELECT c.id, f.kind, f.target, f.date, CASE f.kind WHEN 'event' THEN (SELECT v.evidence FROM "
	"temp.cev v WHERE v.id = f.target) END "
	"FROM (SELECT g, kind, target, date, field, row_number() OVER (PARTITION BY g ORDER BY coalesce(date, '~'), "
	"kind, target) AS rn FROM (SELECT g, kind, target, date, min(field) AS field FROM temp.cgf "
	"GROUP BY g, kind, target, date) x) f JOIN temp.cm cm ON cm.g = f.g JOIN commitments c ON c.id = cm.cid "
	"WHERE f.rn <= 5 AND (f.kind = 'event' OR EXISTS (SELECT 1 FROM commitment_fields cf "
	"WHERE cf.commitment_id = c.id AND cf.field IN (SELECT field FROM temp.cgf x WHERE x.g = f.g "
	"AND x.target = f.target)));"
	"DROP TABLE temp.cw; DROP TABLE temp.cg; DROP TABLE temp.cgf; DROP TABLE temp.cm; DROP TABLE temp.cgfield;"
	"DROP TABLE temp.ces; DROP TABLE temp.cep; DROP TABLE temp.cfp; DROP TABLE temp.cev;";

enum lsn_status lsn_rs_commitments(struct resolver *R)
{
	enum lsn_status e;
	/* PostgreSQL: the statistics again, now that events are resolved (else
	 * the commitments' events are looked for among every resolved mention) */
	if (lsn_db_kind(R->st->db) == LSN_DB_PG && (e = lsn_st_exec(R->st, "ANALYZE")))
		return e;
	if ((e = lsn_st_exec(R->st, speaker_event_date)) ||
	    (e = lsn_st_exec(R->st, "DELETE FROM commitment_followups")) || (e = lsn_st_exec(R->st, prepare)) ||
	    (lsn_db_kind(R->st->db) == LSN_DB_PG && (e = lsn_st_exec(R->st, prepare_pg_rowid))) ||
	    (e = lsn_st_exec(R->st, prepare2)))
		return e;
	for (size_t k = 0; k < R->kb->nfollowups; k++) {
		const struct lsn_followup *f = &R->kb->followups[k];
		int pg = lsn_db_kind(R->st->db) == LSN_DB_PG, ev = strcmp(f->follow, "figure") != 0;
		lsn_stmt *s = lsn_st_prep(R->st, ev ? (pg ? event_rule_pg : event_rule) : (pg ? figure_rule_pg : figure_rule));
		if (!s)
			return LSN_EDB;
		char detail[512];
		snprintf(detail, sizeof detail, "|%s|", f->detail);
		lsn_bind_textn(s, 1, f->type, -1, LSN_DB_STATIC);
		lsn_bind_int(s, 2, f->days);
		lsn_bind_textn(s, 3, detail, -1, LSN_DB_COPY);
		if ((e = lsn_st_done(R->st, s, "linking commitments to what followed")))
			return e;
	}
	return lsn_st_exec(R->st, link_members);
}
