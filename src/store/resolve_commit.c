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
 * causality.
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
/* Places within a place: (place, side) for every ancestor side of a place. */
#define WITHIN "WITH RECURSIVE within(place, side) AS (SELECT id, id FROM places UNION " \
	       "SELECT w.place, p.parent FROM within w JOIN places p ON p.id = w.side " \
	       "WHERE p.parent IS NOT NULL) "

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

/* An event follows commitment c up: a later event of the rule's types (?3,
 * '|'-framed) within ?2 days, with both sides among its parties; for an
 * invitation, an event held somewhere must be held in the inviter's side (the
 * invited came). */
static const char *const event_rule =
	WITHIN
	"INSERT OR IGNORE INTO commitment_followups (commitment_id, kind, target_id, date, evidence) "
	"SELECT c.id, 'event', e.id, e.date, (SELECT em.evidence FROM event_sources es JOIN event_mentions "
	"em ON em.id = es.event_mention_id WHERE es.event_id = e.id ORDER BY em.id LIMIT 1) "
	"FROM commitments c JOIN events e ON e.date IS NOT NULL AND e.id IS NOT c.event_id "
	"AND instr(?3, '|' || e.type || '|') > 0 "
	"WHERE c.type = ?1 AND c.date IS NOT NULL AND " LATER("e.date", "c.date")
	" AND julianday(" PAD("e.date") ") - julianday(" PAD("c.date") ") <= ?2 "
	"AND EXISTS (SELECT 1 FROM event_parties p JOIN within w ON w.place = p.place "
	"WHERE p.event_id = e.id AND w.side = c.to_party) "
	"AND CASE WHEN c.type = 'invitation' AND e.place IS NOT NULL "
	"THEN EXISTS (SELECT 1 FROM within w WHERE w.place = e.place AND w.side = c.by_party) "
	"ELSE EXISTS (SELECT 1 FROM event_parties p JOIN within w ON w.place = p.place "
	"WHERE p.event_id = e.id AND w.side = c.by_party) END";

/* A figure follows commitment c up: its period starts later and within ?2 days,
 * its metric answers one of c's fields (?3: '|'-framed metric:field pairs), and
 * both sides are among its parties. */
static const char *const figure_rule =
	WITHIN
	"INSERT OR IGNORE INTO commitment_followups (commitment_id, kind, target_id, date, evidence) "
	"SELECT c.id, 'figure', f.id, f.period, NULL FROM commitments c JOIN figures f "
	"ON f.period IS NOT NULL AND f.document_id <> c.document_id "
	"WHERE c.type = ?1 AND c.date IS NOT NULL AND " LATER(PERIOD_START("f.period"), "c.date")
	" AND julianday(" PAD(PERIOD_START("f.period")) ") - julianday(" PAD("c.date") ") <= ?2 "
	"AND EXISTS (SELECT 1 FROM commitment_fields cf WHERE cf.commitment_id = c.id AND "
	"instr(?3, '|' || f.metric || ':' || cf.field || '|') > 0) "
	"AND EXISTS (SELECT 1 FROM figure_parties p JOIN within w ON w.place = p.place "
	"WHERE p.figure_id = f.id AND w.side = c.to_party) "
	"AND EXISTS (SELECT 1 FROM figure_parties p JOIN within w ON w.place = p.place "
	"WHERE p.figure_id = f.id AND w.side = c.by_party)";

enum lsn_status lsn_rs_commitments(struct resolver *R)
{
	enum lsn_status e;
	if ((e = lsn_st_exec(R->st, speaker_event_date)) ||
	    (e = lsn_st_exec(R->st, "DELETE FROM commitment_followups")))
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
	return LSN_OK;
}
