/*
 * json.c — the last step: the record of SCHEMA.md as one line of JSON, and
 * the human-readable summary.  A small streaming writer of our own: output
 * escaping is all we need (input JSON is parsed with jansson elsewhere).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "lsn_int.h"

static void str_or_null(struct lsn_buf *b, const char *s)
{
	if (s && *s)
		lsn_buf_json_str(b, s, strlen(s));
	else
		lsn_buf_adds(b, "null");
}

static void date_or_null(struct lsn_buf *b, struct lsn_date d)
{
	char s[11];
	lsn_date_str(d, s);
	str_or_null(b, s);
}

static void number(struct lsn_buf *b, double v)
{
	if (isnan(v)) {
		lsn_buf_adds(b, "null");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15)
		lsn_buf_printf(b, "%.0f", v);
	else
		lsn_buf_printf(b, "%.10g", v);
}

static const char *place_id(const lsn_doc *doc, const lsn_tables *kb, int32_t p);

static void places_arr(struct lsn_buf *b, const char *const *ids, int n)
{
	lsn_buf_addc(b, '[');
	for (int k = 0; k < n; k++) {
		if (k)
			lsn_buf_addc(b, ',');
		lsn_buf_json_str(b, ids[k], strlen(ids[k]));
	}
	lsn_buf_addc(b, ']');
}

/* The kb is not kept by the document; place names are resolved while
 * extracting, so the record carries the names it needs. */
static const char *place_id(const lsn_doc *doc, const lsn_tables *kb, int32_t p)
{
	(void)doc;
	return (kb && p >= 0) ? kb->places[p].id : NULL;
}

static const char *const rel_types[] = {"", "sister_city", "partnership", "consulate"};

/* The fields of bit set `bits` (over lsn_fields), as JSON strings, comma-separated. */
static void fields_list(struct lsn_buf *b, uint32_t bits)
{
	int first = 1;
	for (int f = 0; lsn_fields[f]; f++)
		if (bits & (1u << f)) {
			if (!first)
				lsn_buf_addc(b, ',');
			first = 0;
			lsn_buf_json_str(b, lsn_fields[f], strlen(lsn_fields[f]));
		}
}

/* The evidence of event e's date (extract --explain): an object of
 * by, text/start/end (the date expression), from/from_start/from_end (where the
 * deciding evidence is, when not the expression itself; for a tenure, the
 * person) and why (null, or why the date is null or partial). */
static void date_evidence_json(const lsn_doc *doc, const struct lsn_event *e, struct lsn_buf *b)
{
	const struct lsn_date_ev *w = &e->why;
	lsn_buf_adds(b, ",\"date_evidence\":{\"by\":");
	lsn_buf_json_str(b, lsn_date_by[w->by], strlen(lsn_date_by[w->by]));
	if (w->hit >= 0) {
		const struct lsn_datehit *dh = &doc->dates[w->hit];
		uint32_t s = doc->toks[dh->t0].start, t = doc->toks[dh->t1 - 1].end;
		lsn_buf_adds(b, ",\"text\":");
		lsn_buf_json_str(b, doc->text + s, t - s);
		lsn_buf_printf(b, ",\"start\":%u,\"end\":%u", s, t);
	} else {
		lsn_buf_adds(b, ",\"text\":null,\"start\":null,\"end\":null");
	}
	if (w->from.end > w->from.start) {
		lsn_buf_adds(b, ",\"from\":");
		lsn_buf_json_str(b, doc->text + w->from.start, w->from.end - w->from.start);
		lsn_buf_printf(b, ",\"from_start\":%u,\"from_end\":%u", w->from.start, w->from.end);
	} else {
		lsn_buf_adds(b, ",\"from\":");
		str_or_null(b, w->person >= 0 ? doc->persons[w->person].name : NULL);
		lsn_buf_adds(b, ",\"from_start\":null,\"from_end\":null");
	}
	lsn_buf_adds(b, ",\"why\":");
	str_or_null(b, lsn_date_why[w->why]);
	lsn_buf_addc(b, '}');
}

/* The record's commitments, each an object, comma-separated. */
static void commitments_json(const lsn_doc *doc, const lsn_tables *kb, struct lsn_buf *b, int offsets)
{
	for (size_t k = 0; k < doc->ncommits; k++) {
		const struct lsn_commitment *m = &doc->commits[k];
		if (k)
			lsn_buf_addc(b, ',');
		lsn_buf_adds(b, "{\"type\":");
		lsn_buf_json_str(b, lsn_commit_types[m->type], strlen(lsn_commit_types[m->type]));
		lsn_buf_adds(b, ",\"by\":");
		str_or_null(b, m->by >= 0 ? doc->persons[m->by].name : NULL);
		lsn_buf_adds(b, ",\"by_party\":");
		str_or_null(b, place_id(doc, kb, m->by_party));
		lsn_buf_adds(b, ",\"to_party\":");
		str_or_null(b, place_id(doc, kb, m->to_party));
		lsn_buf_adds(b, ",\"fields\":[");
		fields_list(b, m->fields);
		lsn_buf_adds(b, "],\"accepted\":");
		lsn_buf_adds(b, m->accepted > 0 ? "true" : m->accepted == 0 ? "false" : "null");
		const struct lsn_span *s = &doc->sents[m->sent];
		lsn_buf_adds(b, ",\"evidence\":");
		lsn_buf_json_str(b, doc->text + s->start, s->end - s->start);
		if (offsets)
			lsn_buf_printf(b, ",\"evidence_start\":%u,\"evidence_end\":%u", s->start, s->end);
		lsn_buf_addc(b, '}');
	}
}

enum lsn_status lsn_doc_json(const lsn_doc *doc, struct lsn_buf *b, int flags)
{
	const lsn_tables *kb = doc->kb;
	int offsets = flags & LSN_JSON_OFFSETS;
	lsn_buf_adds(b, "{\"doc\":");
	lsn_buf_json_str(b, doc->id, strlen(doc->id));
	lsn_buf_adds(b, ",\"lang\":");
	str_or_null(b, doc->lang);
	lsn_buf_adds(b, ",\"published\":");
	date_or_null(b, doc->published);
	lsn_buf_adds(b, ",\"persons\":[");
	int first = 1;
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *p = &doc->persons[k];
		if (!p->include)
			continue;
		if (!first)
			lsn_buf_addc(b, ',');
		first = 0;
		lsn_buf_adds(b, "{\"name\":");
		lsn_buf_json_str(b, p->name, strlen(p->name));
		lsn_buf_adds(b, ",\"mentions\":[");
		for (int m = 0; m < p->nments; m++) {
			if (m)
				lsn_buf_addc(b, ',');
			lsn_buf_json_str(b, p->ments[m], strlen(p->ments[m]));
		}
		lsn_buf_adds(b, "],\"role\":");
		str_or_null(b, p->role ? lsn_roles[p->role] : NULL);
		lsn_buf_adds(b, ",\"org\":");
		str_or_null(b, p->org_name);
		lsn_buf_adds(b, ",\"country\":");
		str_or_null(b, p->cc);
		lsn_buf_addc(b, '}');
	}
	lsn_buf_adds(b, "],\"events\":[");
	first = 1;
	for (size_t k = 0; k < doc->nevents; k++) {
		const struct lsn_event *e = &doc->events[k];
		if (e->dropped)
			continue;
		if (!first)
			lsn_buf_addc(b, ',');
		first = 0;
		lsn_buf_adds(b, "{\"type\":");
		lsn_buf_json_str(b, lsn_ev_types[e->type], strlen(lsn_ev_types[e->type]));
		lsn_buf_adds(b, ",\"date\":");
		date_or_null(b, e->date);
		char partial[8];
		lsn_date_partial_str(e->date, partial);
		if (partial[0]) { /* no year known: the month and day the text gives */
			lsn_buf_adds(b, ",\"date_partial\":");
			lsn_buf_json_str(b, partial, strlen(partial));
		}
		lsn_buf_adds(b, ",\"place\":");
		str_or_null(b, place_id(doc, kb, e->place));
		lsn_buf_adds(b, ",\"participants\":[");
		for (int i = 0; i < e->nparts; i++) {
			if (i)
				lsn_buf_addc(b, ',');
			const char *n = doc->persons[e->parts[i]].name;
			lsn_buf_json_str(b, n, strlen(n));
		}
		lsn_buf_adds(b, "],\"parties\":");
		const char *ids[8];
		for (int i = 0; i < e->nparties; i++)
			ids[i] = place_id(doc, kb, e->parties[i]);
		places_arr(b, ids, e->nparties);
		const struct lsn_span *s = &doc->sents[e->sent];
		lsn_buf_adds(b, ",\"evidence\":");
		lsn_buf_json_str(b, doc->text + s->start, s->end - s->start);
		if (offsets)
			lsn_buf_printf(b, ",\"evidence_start\":%u,\"evidence_end\":%u", s->start, s->end);
		if (flags & LSN_JSON_EXPLAIN)
			date_evidence_json(doc, e, b);
		lsn_buf_addc(b, '}');
	}
	lsn_buf_adds(b, "],\"figures\":[");
	for (size_t k = 0; k < doc->nfigures; k++) {
		const struct lsn_figure *f = &doc->figures[k];
		if (k)
			lsn_buf_addc(b, ',');
		lsn_buf_adds(b, "{\"metric\":");
		lsn_buf_json_str(b, lsn_metrics[f->metric], strlen(lsn_metrics[f->metric]));
		lsn_buf_adds(b, ",\"parties\":");
		const char *ids[4];
		for (int i = 0; i < f->nparties; i++)
			ids[i] = place_id(doc, kb, f->parties[i]);
		places_arr(b, ids, f->nparties);
		lsn_buf_adds(b, ",\"period\":");
		str_or_null(b, f->period);
		lsn_buf_adds(b, ",\"value\":");
		number(b, f->value);
		lsn_buf_adds(b, ",\"unit\":");
		str_or_null(b, f->unit[0] ? f->unit : "count");
		lsn_buf_adds(b, ",\"change_pct\":");
		number(b, f->change);
		lsn_buf_addc(b, '}');
	}
	lsn_buf_adds(b, "],\"relations\":[");
	for (size_t k = 0; k < doc->nrels; k++) {
		const struct lsn_relation *r = &doc->rels[k];
		if (k)
			lsn_buf_addc(b, ',');
		lsn_buf_adds(b, "{\"type\":");
		lsn_buf_json_str(b, rel_types[r->type], strlen(rel_types[r->type]));
		lsn_buf_adds(b, ",\"a\":");
		str_or_null(b, place_id(doc, kb, r->a));
		lsn_buf_adds(b, ",\"b\":");
		str_or_null(b, place_id(doc, kb, r->b));
		lsn_buf_adds(b, ",\"since\":");
		if (r->since)
			lsn_buf_printf(b, "%d", r->since);
		else
			lsn_buf_adds(b, "null");
		lsn_buf_addc(b, '}');
	}
	lsn_buf_adds(b, "],\"fields\":[");
	fields_list(b, doc->fields);
	lsn_buf_adds(b, "],\"commitments\":[");
	commitments_json(doc, kb, b, offsets);
	lsn_buf_adds(b, "]}\n");
	return b->oom ? LSN_ENOMEM : LSN_OK;
}

enum lsn_status lsn_doc_write_json(const lsn_doc *doc, FILE *out, int flags)
{
	struct lsn_buf b;
	lsn_buf_init(&b);
	enum lsn_status st = lsn_doc_json(doc, &b, flags);
	if (st == LSN_OK && fwrite(b.data, 1, b.len, out) != b.len)
		st = LSN_EIO;
	lsn_buf_clear(&b);
	return st;
}

/* What the readable summary says of a date's evidence and of its reasons. */
static const char *const by_text[] = {
	"no evidence", "the expression gives its year", "the year its sentence names",
	"the publication date", "the dateline", "the edition of a recurring event",
	"the tenure of", "the year the text names most", "the event the story told before it"};
static const char *const why_text[] = {
	NULL, "no date in its sentence and no reference date",
	"a month or day without a year: nothing in the story gives it",
	"the evidence disagrees: no one year is certain", "some day of a span: its month is what is certain",
	"its day is not told", "told as recent: before the story's day",
	"an edition runs for days: its month is what is certain",
	"only the year is certain", "told without a date, and it shares no one with a dated event"};

static void date_evidence_summary(const lsn_doc *doc, const struct lsn_event *e, FILE *out)
{
	const struct lsn_date_ev *w = &e->why;
	fprintf(out, "      date by %s", by_text[w->by]);
	if (w->by == DW_TENURE && w->person >= 0)
		fprintf(out, " %s", doc->persons[w->person].name);
	if (w->hit >= 0) {
		const struct lsn_datehit *dh = &doc->dates[w->hit];
		uint32_t s = doc->toks[dh->t0].start, t = doc->toks[dh->t1 - 1].end;
		fprintf(out, ": \"%.*s\" [%u,%u)", (int)(t - s), doc->text + s, s, t);
	}
	if (w->from.end > w->from.start)
		fprintf(out, " from \"%.*s\" [%u,%u)", (int)(w->from.end - w->from.start),
			doc->text + w->from.start, w->from.start, w->from.end);
	if (w->why)
		fprintf(out, "; %s", why_text[w->why]);
	fprintf(out, "\n");
}

enum lsn_status lsn_doc_write_summary(const lsn_doc *doc, FILE *out)
{
	return lsn_doc_write_summary_flags(doc, out, 0);
}

enum lsn_status lsn_doc_write_summary_flags(const lsn_doc *doc, FILE *out, int flags)
{
	const lsn_tables *kb = doc->kb;
	char d[11];
	lsn_date_str(doc->published, d);
	fprintf(out, "== %s  [%s]  published %s\n", doc->id, doc->lang, d[0] ? d : "unknown");
	size_t np = 0;
	for (size_t k = 0; k < doc->npersons; k++)
		np += doc->persons[k].include;
	if (np)
		fprintf(out, "  people:\n");
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *p = &doc->persons[k];
		if (!p->include)
			continue;
		/* padded by what the name takes on a terminal, not by its bytes */
		size_t w = lsn_display_width(p->name, strlen(p->name));
		fprintf(out, "    %s%*s %s%s%s (%s)\n", p->name, w < 28 ? (int)(28 - w) : 0, "",
			p->role ? lsn_roles[p->role] : "-", p->org_name[0] ? ", " : "", p->org_name,
			p->cc[0] ? p->cc : "?");
	}
	int ne = 0;
	for (size_t k = 0; k < doc->nevents; k++) {
		const struct lsn_event *e = &doc->events[k];
		if (e->dropped)
			continue;
		if (!ne++)
			fprintf(out, "  events:\n");
		lsn_date_str(e->date, d);
		fprintf(out, "    %-10s %-15s ", d[0] ? d : "undated", lsn_ev_types[e->type]);
		for (int i = 0; i < e->nparts; i++)
			fprintf(out, "%s%s", i ? ", " : "", doc->persons[e->parts[i]].name);
		if (e->nparties) {
			fprintf(out, e->nparts ? " [" : "[");
			for (int i = 0; i < e->nparties; i++)
				fprintf(out, "%s%s", i ? ", " : "", kb->places[e->parties[i]].id);
			fprintf(out, "]");
		}
		if (e->place >= 0)
			fprintf(out, " in %s", kb->places[e->place].id);
		fprintf(out, "\n");
		if (flags & LSN_JSON_EXPLAIN)
			date_evidence_summary(doc, e, out);
	}
	if (doc->nfigures)
		fprintf(out, "  figures:\n");
	for (size_t k = 0; k < doc->nfigures; k++) {
		const struct lsn_figure *f = &doc->figures[k];
		fprintf(out, "    %-10s %-10s %.6g %s", lsn_metrics[f->metric], f->period[0] ? f->period : "-",
			f->value, f->unit[0] ? f->unit : "count");
		if (!isnan(f->change))
			fprintf(out, " (%+.4g%%)", f->change);
		fprintf(out, "\n");
	}
	for (size_t k = 0; k < doc->nrels; k++) {
		const struct lsn_relation *r = &doc->rels[k];
		fprintf(out, "  tie: %s %s - %s", rel_types[r->type], kb->places[r->a].id, kb->places[r->b].id);
		if (r->since)
			fprintf(out, " since %d", r->since);
		fprintf(out, "\n");
	}
	if (doc->fields) {
		fprintf(out, "  fields:");
		for (int f = 0; lsn_fields[f]; f++)
			if (doc->fields & (1u << f))
				fprintf(out, " %s", lsn_fields[f]);
		fprintf(out, "\n");
	}
	return ferror(out) ? LSN_EIO : LSN_OK;
}
