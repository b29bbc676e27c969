/*
 * export.c — the knowledge base written out for other tools:
 *
 *   csv, json  every table, one file each (DIR/TABLE.csv, DIR/TABLE.jsonl),
 *              rows in key order, through the row writer (out.c);
 *   tsv        one row per event, GDELT-like: who (two actors with their
 *              country and place), what, when, where, how many sources;
 *   graphml    the network of people and places: an edge between two that
 *              take part in the same events, weighted by how many.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "store/store_int.h"

/* The tables, in an order that reads well, each with its key order. */
static const struct {
	const char *name, *sql;
} tables[] = {
	{"documents", "SELECT * FROM documents ORDER BY id"},
	{"people", "SELECT * FROM people ORDER BY id"},
	{"person_aliases", "SELECT * FROM person_aliases ORDER BY person_id, alias"},
	{"person_roles", "SELECT * FROM person_roles ORDER BY person_id, role, org"},
	{"places", "SELECT * FROM places ORDER BY id"},
	{"events", "SELECT * FROM events ORDER BY " LSN_SQL_EVENTS_ORDER("")},
	{"event_participants", "SELECT * FROM event_participants ORDER BY event_id, n"},
	{"event_parties", "SELECT * FROM event_parties ORDER BY event_id, n"},
	{"event_sources", "SELECT * FROM event_sources ORDER BY event_id, event_mention_id"},
	{"event_mentions", "SELECT * FROM event_mentions ORDER BY id"},
	{"event_mention_people", "SELECT * FROM event_mention_people ORDER BY mention_id, n"},
	{"event_mention_parties", "SELECT * FROM event_mention_parties ORDER BY mention_id, n"},
	{"person_mentions", "SELECT * FROM person_mentions ORDER BY id"},
	{"mention_surfaces", "SELECT * FROM mention_surfaces ORDER BY mention_id, n"},
	{"figures", "SELECT * FROM figures ORDER BY id"},
	{"figure_parties", "SELECT * FROM figure_parties ORDER BY figure_id, n"},
	{"relations", "SELECT * FROM relations ORDER BY id"},
	{"document_fields", "SELECT * FROM document_fields ORDER BY document_id, field"},
};

static enum lsn_status export_table(lsn_store *st, const char *sql, enum lsn_format fmt, FILE *f)
{
	enum lsn_status e = LSN_OK;
	lsn_stmt *s = lsn_st_prep(st, sql);
	if (!s)
		return LSN_EDB;
	int nc = lsn_col_count(s);
	struct lsn_col *cols = calloc((size_t)nc + 1, sizeof *cols);
	if (!cols)
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	for (int i = 0; i < nc; i++) {
		enum lsn_db_type t = lsn_col_decl(s, i);
		cols[i].name = lsn_col_name(s, i);
		cols[i].kind = t == LSN_T_INT ? LSN_COL_INT : t == LSN_T_REAL ? LSN_COL_REAL : LSN_COL_TEXT;
	}
	struct lsn_out *o = lsn_out_new(f, fmt, cols, (size_t)nc, 0);
	if (!o) {
		free(cols);
		return lsn_st_fail(st, LSN_ENOMEM, "out of memory");
	}
	int rc;
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		for (int i = 0; i < nc; i++) {
			if (lsn_col_type(s, i) == LSN_T_NULL)
				lsn_out_null(o);
			else if (cols[i].kind == LSN_COL_INT)
				lsn_out_int(o, lsn_col_int64(s, i));
			else if (cols[i].kind == LSN_COL_REAL)
				lsn_out_real(o, lsn_col_double(s, i));
			else
				lsn_out_text(o, lsn_col(s, i));
		}
		lsn_out_row(o);
	}
	if (rc != LSN_DB_DONE)
		e = lsn_st_dberr(st, "exporting");
	lsn_reset(s);
	enum lsn_status f2 = lsn_out_finish(o);
	free(cols);
	if (!e && f2)
		e = f2 == LSN_EIO ? lsn_st_fail(st, LSN_EIO, "writing the export failed")
				  : lsn_st_fail(st, f2, "out of memory");
	return e;
}

static enum lsn_status export_tables(lsn_store *st, enum lsn_format fmt, const char *dir)
{
	if (mkdir(dir, 0777) && errno != EEXIST)
		return lsn_st_fail(st, LSN_EIO, "%s: %s", dir, strerror(errno));
	for (size_t t = 0; t < LSN_ARRAY_LEN(tables); t++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s.%s", dir, tables[t].name, fmt == LSN_FORMAT_CSV ? "csv" : "jsonl");
		FILE *f = fopen(path, "wb");
		if (!f)
			return lsn_st_fail(st, LSN_EIO, "%s: %s", path, strerror(errno));
		enum lsn_status e = export_table(st, tables[t].sql, fmt, f);
		if (fclose(f) && !e)
			e = lsn_st_fail(st, LSN_EIO, "%s: %s", path, strerror(errno));
		if (e == LSN_EIO)
			lsn_st_fail(st, LSN_EIO, "%s: writing failed", path);
		if (e)
			return e;
	}
	return LSN_OK;
}

/* ---- TSV: one row per event ---- */

static void tsv_cell(FILE *f, const char *s, int last)
{
	for (; s && *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
	fputc(last ? '\n' : '\t', f);
}

struct actor {
	char name[256], cc[8], place[256];
};

static enum lsn_status export_tsv(lsn_store *st, FILE *f)
{
	fputs("event_id\tdate\ttype\tactor1_name\tactor1_country\tactor1_place\t"
	      "actor2_name\tactor2_country\tactor2_place\tplace\tn_sources\tsource_ids\n", f);
	lsn_stmt *ev = lsn_st_prep(st, "SELECT id, date, type, place, n_sources FROM events "
					   "ORDER BY " LSN_SQL_EVENTS_ORDER(""));
	if (!ev)
		return LSN_EDB;
	int rc;
	enum lsn_status e = LSN_OK;
	while (!e && (rc = lsn_step(ev)) == LSN_DB_ROW) {
		const char *id = lsn_col(ev, 0);
		struct actor a[2];
		int na = 0;
		memset(a, 0, sizeof a);
		/* the actors: the first participant, and the first one of another
		 * country; their place is the party of their country.  Without
		 * participants, the parties themselves. */
		lsn_stmt *p = lsn_st_prep(st,
			"SELECT p.name, p.country, (SELECT x.place FROM event_parties x JOIN places l "
			"ON l.id = x.place WHERE x.event_id = ep.event_id AND l.cc = p.country ORDER BY x.n LIMIT 1) "
			LSN_SQL_EVENT_PEOPLE("?1"));
		if (!p) {
			e = LSN_EDB;
			break;
		}
		lsn_bind_textn(p, 1, id, -1, LSN_DB_STATIC);
		while (lsn_step(p) == LSN_DB_ROW && na < 2) {
			if (na == 1 && !strcmp(a[0].cc, lsn_col(p, 1)) && *a[0].cc)
				continue;
			snprintf(a[na].name, sizeof a[na].name, "%s", lsn_col(p, 0));
			snprintf(a[na].cc, sizeof a[na].cc, "%s", lsn_col(p, 1));
			snprintf(a[na].place, sizeof a[na].place, "%s", lsn_col(p, 2));
			na++;
		}
		lsn_reset(p);
		if (na < 2) {
			lsn_stmt *q = lsn_st_prep(st, "SELECT x.place, l.cc FROM event_parties x "
							  "LEFT JOIN places l ON l.id = x.place "
							  "WHERE x.event_id = ?1 ORDER BY x.n");
			if (!q) {
				e = LSN_EDB;
				break;
			}
			lsn_bind_textn(q, 1, id, -1, LSN_DB_STATIC);
			while (lsn_step(q) == LSN_DB_ROW && na < 2) {
				const char *cc = lsn_col(q, 1);
				if (na == 1 && (!strcmp(a[0].cc, cc) || !strcmp(a[0].place, lsn_col(q, 0))))
					continue;
				snprintf(a[na].name, sizeof a[na].name, "%s", lsn_col(q, 0));
				snprintf(a[na].cc, sizeof a[na].cc, "%s", cc);
				snprintf(a[na].place, sizeof a[na].place, "%s", lsn_col(q, 0));
				na++;
			}
			lsn_reset(q);
		}
		tsv_cell(f, id, 0);
		tsv_cell(f, lsn_col(ev, 1), 0);
		tsv_cell(f, lsn_col(ev, 2), 0);
		for (int i = 0; i < 2; i++) {
			tsv_cell(f, a[i].name, 0);
			tsv_cell(f, a[i].cc, 0);
			tsv_cell(f, a[i].place, 0);
		}
		tsv_cell(f, lsn_col(ev, 3), 0);
		fprintf(f, "%lld\t", (long long)lsn_col_int64(ev, 4));
		lsn_stmt *d = lsn_st_prep(st, LSN_SQL_EVENT_DOCS("?1"));
		if (!d) {
			e = LSN_EDB;
			break;
		}
		lsn_bind_textn(d, 1, id, -1, LSN_DB_STATIC);
		for (int k = 0; lsn_step(d) == LSN_DB_ROW; k++) {
			if (k)
				fputc(',', f);
			const char *s = lsn_col(d, 0);
			for (; *s; s++)
				fputc(*s == '\t' || *s == '\n' || *s == ',' ? ' ' : *s, f);
		}
		lsn_reset(d);
		fputc('\n', f);
	}
	if (!e && rc != LSN_DB_DONE)
		e = lsn_st_dberr(st, "exporting events");
	lsn_reset(ev);
	return e;
}

/* ---- GraphML ---- */

static void xml_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
				fputc(' ', f); /* not allowed in XML 1.0 */
			else
				fputc(*s, f);
		}
	}
}

static enum lsn_status export_graphml(lsn_store *st, FILE *f)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
	      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	      "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
	      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
	      "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
	      "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
	      "  <key id=\"country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n"
	      "  <key id=\"nevents\" for=\"node\" attr.name=\"events\" attr.type=\"int\"/>\n"
	      "  <key id=\"events\" for=\"edge\" attr.name=\"events\" attr.type=\"int\"/>\n"
	      "  <graph id=\"liaison\" edgedefault=\"undirected\">\n", f);
	/* nodes: the people and places that take part in events */
	static const char *nodes_sql =
		"WITH n(event_id, node, label, kind, cc) AS ("
		" SELECT ep.event_id, 'p:' || p.id, p.name, 'person', p.country FROM event_participants ep "
		" JOIN people p ON p.id = ep.person_id "
		" UNION ALL SELECT x.event_id, 'l:' || x.place, x.place, 'place', l.cc FROM event_parties x "
		" LEFT JOIN places l ON l.id = x.place) "
		"SELECT node, label, kind, cc, count(DISTINCT event_id) FROM n GROUP BY node, label, kind, cc ORDER BY node";
	static const char *edges_sql =
		"WITH n(event_id, node) AS ("
		" SELECT event_id, 'p:' || person_id FROM event_participants "
		" UNION SELECT event_id, 'l:' || place FROM event_parties) "
		"SELECT a.node, b.node, count(*) FROM n a JOIN n b ON a.event_id = b.event_id AND a.node < b.node "
		"GROUP BY a.node, b.node ORDER BY a.node, b.node";
	lsn_stmt *s = lsn_st_prep(st, nodes_sql);
	if (!s)
		return LSN_EDB;
	int rc;
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		fputs("    <node id=\"", f);
		xml_text(f, lsn_col(s, 0));
		fputs("\"><data key=\"label\">", f);
		xml_text(f, lsn_col(s, 1));
		fputs("</data><data key=\"kind\">", f);
		xml_text(f, lsn_col(s, 2));
		fputs("</data>", f);
		if (*lsn_col(s, 3)) {
			fputs("<data key=\"country\">", f);
			xml_text(f, lsn_col(s, 3));
			fputs("</data>", f);
		}
		fprintf(f, "<data key=\"nevents\">%lld</data></node>\n", (long long)lsn_col_int64(s, 4));
	}
	lsn_reset(s);
	if (rc != LSN_DB_DONE)
		return lsn_st_dberr(st, "exporting nodes");
	if (!(s = lsn_st_prep(st, edges_sql)))
		return LSN_EDB;
	for (long k = 0; (rc = lsn_step(s)) == LSN_DB_ROW; k++) {
		fprintf(f, "    <edge id=\"e%ld\" source=\"", k);
		xml_text(f, lsn_col(s, 0));
		fputs("\" target=\"", f);
		xml_text(f, lsn_col(s, 1));
		fprintf(f, "\"><data key=\"events\">%lld</data></edge>\n", (long long)lsn_col_int64(s, 2));
	}
	lsn_reset(s);
	if (rc != LSN_DB_DONE)
		return lsn_st_dberr(st, "exporting edges");
	fputs("  </graph>\n</graphml>\n", f);
	return LSN_OK;
}

enum lsn_status lsn_store_export(lsn_store *st, enum lsn_export fmt, const char *dest, FILE *out)
{
	if (fmt == LSN_EXPORT_CSV || fmt == LSN_EXPORT_JSON)
		return export_tables(st, fmt == LSN_EXPORT_CSV ? LSN_FORMAT_CSV : LSN_FORMAT_JSON,
				     dest ? dest : "liaison-export");
	FILE *f = out;
	if (dest && !(f = fopen(dest, "wb")))
		return lsn_st_fail(st, LSN_EIO, "%s: %s", dest, strerror(errno));
	enum lsn_status e = fmt == LSN_EXPORT_TSV ? export_tsv(st, f) : export_graphml(st, f);
	int bad = dest ? fclose(f) : fflush(f);
	if (!e && (bad || (!dest && ferror(f))))
		e = lsn_st_fail(st, LSN_EIO, "%s: %s", dest ? dest : "standard output", strerror(errno));
	return e;
}
