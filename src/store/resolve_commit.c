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
 * causality.  Each commitment keeps the five earliest.
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

/* Work tables: the places within each side (cw), and the distinct commitments
 * (cg: one row for every report of the same commitment at the same event, so
 * that a meeting reported by many outlets is followed up once). */
static const char *const prepare =
	"DROP TABLE IF EXISTS temp.cw; DROP TABLE IF EXISTS temp.cg; DROP TABLE IF EXISTS temp.cgf; "
	"DROP TABLE IF EXISTS temp.cm; DROP TABLE IF EXISTS temp.cgfield;"
	"CREATE TEMP TABLE cw AS " LSN_SQL_WITHIN "SELECT place, side FROM within;"
	"CREATE INDEX temp.cw_side ON cw(side, place);"
	"CREATE TEMP TABLE cg AS SELECT DISTINCT type, by_party, to_party, date, event_id FROM commitments "
	"WHERE date IS NOT NULL;"
	"CREATE INDEX temp.cg_key ON cg(type, by_party, to_party, date);"
	"CREATE TEMP TABLE cgf (g INTEGER NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL, date TEXT, "
	"field TEXT);"
	"CREATE INDEX temp.cgf_g ON cgf(g, target);"
	"CREATE TEMP TABLE cm AS SELECT c.id AS cid, g.rowid AS g FROM commitments c JOIN temp.cg g "
	"ON g.type = c.type AND g.by_party = c.by_party AND g.to_party = c.to_party AND g.date = c.date "
	"AND g.event_id IS c.event_id;"
	"CREATE INDEX temp.cm_g ON cm(g);"
	"CREATE TEMP TABLE cgfield AS SELECT DISTINCT cm.g AS g, cf.field AS field FROM temp.cm cm "
	"JOIN commitment_fields cf ON cf.commitment_id = cm.cid;"
	"CREATE INDEX temp.cgfield_g ON cgfield(g, field);";

/* An event follows commitment group g up: a later event of the rule's types (?3,
 * '|'-framed) within ?2 days, with both sides among its parties; for an
 * invitation, an event held somewhere must be held in the inviter's side (the
 * invited came).  Candidates come through the addressed side's parties. */
static const char *const event_rule =
	"INSERT INTO temp.cgf (g, kind, target, date) "
	"SELECT DISTINCT g.rowid, 'event', e.id, e.date FROM temp.cg g "
	"JOIN temp.cw wt ON wt.side = g.to_party JOIN event_parties pt ON pt.place = wt.place "
	"JOIN events e ON e.id = pt.event_id AND e.date IS NOT NULL AND e.id IS NOT g.event_id "
	"AND instr(?3, '|' || e.type || '|') > 0 "
	"WHERE g.type = ?1 AND " LATER("e.date", "g.date")
	" AND julianday(" PAD("e.date") ") - julianday(" PAD("g.date") ") <= ?2 "
	"AND CASE WHEN g.type = 'invitation' AND e.place IS NOT NULL "
	"THEN EXISTS (SELECT 1 FROM temp.cw w WHERE w.side = g.by_party AND w.place = e.place) "
	"ELSE EXISTS (SELECT 1 FROM event_parties p JOIN temp.cw w ON w.side = g.by_party AND w.place = p.place "
	"WHERE p.event_id = e.id) END";

/* A figure follows commitment group g up: its period starts later and within ?2
 * days, its metric answers a field (?3: '|'-framed metric:field pairs) of a
 * commitment of the group, and both sides themselves are among its parties (a
 * figure is stated of the sides it counts: no widening to the places within). */
static const char *const figure_rule =
	"INSERT INTO temp.cgf (g, kind, target, date, field) "
	"SELECT DISTINCT g.rowid, 'figure', f.id, f.period, fm.field FROM temp.cg g "
	"JOIN temp.cgfield fm ON fm.g = g.rowid "
	"JOIN figure_parties pt ON pt.place = g.to_party "
	"JOIN figures f ON f.id = pt.figure_id AND f.period IS NOT NULL "
	"AND instr(?3, '|' || f.metric || ':' || fm.field || '|') > 0 "
	"WHERE g.type = ?1 AND " LATER(PERIOD_START("f.period"), "g.date")
	" AND julianday(" PAD(PERIOD_START("f.period")) ") - julianday(" PAD("g.date") ") <= ?2 "
	"AND EXISTS (SELECT 1 FROM figure_parties p WHERE p.figure_id = f.id AND p.place = g.by_party)";

/* Each commitment gets the five earliest follow-ups of its group (a figure only
 * when the commitment names the field it answers), with the sentence of an
 * event's first report. */
static const char *const link_members =
	"INSERT OR IGNORE INTO commitment_followups (commitment_id, kind, target_id, date, evidence) "
	"SELECT c.id, f.kind, f.target, f.date, CASE f.kind WHEN 'event' THEN (SELECT em.evidence FROM "
	"event_sources es JOIN event_mentions em ON em.id = es.event_mention_id WHERE es.event_id = f.target "
	"ORDER BY em.id LIMIT 1) END "
	"FROM (SELECT g, kind, target, date, field, row_number() OVER (PARTITION BY g ORDER BY coalesce(date, '~'), "
	"kind, target) AS rn FROM (SELECT g, kind, target, date, min(field) AS field FROM temp.cgf "
	"GROUP BY g, kind, target)) f JOIN temp.cm cm ON cm.g = f.g JOIN commitments c ON c.id = cm.cid "
	"WHERE f.rn <= 5 AND (f.kind = 'event' OR EXISTS (SELECT 1 FROM commitment_fields cf "
	"WHERE cf.commitment_id = c.id AND cf.field IN (SELECT field FROM temp.cgf x WHERE x.g = f.g "
	"AND x.target = f.target)));"
	"DROP TABLE temp.cw; DROP TABLE temp.cg; DROP TABLE temp.cgf; DROP TABLE temp.cm; DROP TABLE temp.cgfield;";

enum lsn_status lsn_rs_commitments(struct resolver *R)
{
	enum lsn_status e;
	if ((e = lsn_st_exec(R->st, speaker_event_date)) ||
	    (e = lsn_st_exec(R->st, "DELETE FROM commitment_followups")) || (e = lsn_st_exec(R->st, prepare)))
		return e;
	for (size_t k = 0; k < R->kb->nfollowups; k++) {
		const struct lsn_followup *f = &R->kb->followups[k];
		sqlite3_stmt *s = lsn_st_prep(R->st, strcmp(f->follow, "figure") ? event_rule : figure_rule);
		if (!s)
			return LSN_EDB;
		char detail[512];
		snprintf(detail, sizeof detail, "|%s|", f->detail);
		sqlite3_bind_text(s, 1, f->type, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, f->days);
		sqlite3_bind_text(s, 3, detail, -1, SQLITE_TRANSIENT);
		if ((e = lsn_st_done(R->st, s, "linking commitments to what followed")))
			return e;
	}
	return lsn_st_exec(R->st, link_members);
}
