/*
 * record.c — the record of one document (SCHEMA.md) as plain strings, the
 * form the store writes (store.c).  Built from an extracted lsn_doc, with
 * the same rules as json.c (the stored record is what `extract --json`
 * prints), or from the JSON text of a record (`ingest --records`: records
 * extracted elsewhere, or hand-made fixtures).
 *
 * The record of a document also carries its cleaned text (the kept lines
 * joined by '\n') and the byte offsets of each evidence sentence in it.
 */
#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "store/store_int.h"

static const char *const rel_types[] = {"", "sister_city", "partnership", "consulate"};

void lsn_rec_clear(struct lsn_rec *r)
{
	if (!r)
		return;
	free(r->text);
	free(r->persons);
	free(r->events);
	free(r->figures);
	free(r->rels);
	free(r->commits);
	if (r->json)
		json_decref((json_t *)r->json);
	memset(r, 0, sizeof *r);
}

static const char *place_id(const lsn_tables *kb, int32_t p)
{
	return (kb && p >= 0 && (size_t)p < kb->nplaces) ? kb->places[p].id : NULL;
}

static const char *nonempty(const char *s) { return s && *s ? s : NULL; }

/* Offset in the cleaned text of offset `off` of doc->text: the kept line
 * holding it, shifted by what came before (lines are in text order). */
static long map_offset(const lsn_doc *doc, const size_t *base, uint32_t off)
{
	size_t lo = 0, hi = doc->nlines;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (doc->lines[mid].end < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= doc->nlines || off < doc->lines[lo].start)
		return -1;
	return (long)(base[lo] + (off - doc->lines[lo].start));
}

/* The names of the fields in bit set `bits` (over lsn_fields) into out, at most
 * cap; their number. */
static size_t fields_of(uint32_t bits, const char **out, size_t cap)
{
	size_t n = 0;
	for (int f = 0; lsn_fields[f] && n < cap; f++)
		if (bits & (1u << f))
			out[n++] = lsn_fields[f];
	return n;
}

enum lsn_status lsn_rec_from_doc(struct lsn_rec *r, const lsn_doc *doc)
{
	const lsn_tables *kb = doc->kb;
	size_t *base = NULL;
	int *pmap = NULL;
	memset(r, 0, sizeof *r);
	r->id = doc->id;
	r->lang = doc->lang;
	lsn_date_str(doc->published, r->published);

	/* the cleaned text */
	size_t total = 0;
	base = malloc((doc->nlines + 1) * sizeof *base);
	if (!base)
		goto oom;
	for (size_t l = 0; l < doc->nlines; l++) {
		base[l] = total;
		total += doc->lines[l].end - doc->lines[l].start + 1;
	}
	r->text = malloc(total + 1);
	if (!r->text)
		goto oom;
	for (size_t l = 0; l < doc->nlines; l++) {
		size_t n = doc->lines[l].end - doc->lines[l].start;
		memcpy(r->text + base[l], doc->text + doc->lines[l].start, n);
		r->text[base[l] + n] = '\n';
	}
	r->text_len = total ? total - 1 : 0; /* no '\n' after the last line */
	r->text[r->text_len] = 0;

	/* persons: those of the record, and those only named as participants */
	pmap = malloc((doc->npersons + 1) * sizeof *pmap);
	r->persons = calloc(doc->npersons + 1, sizeof *r->persons);
	r->events = calloc(doc->nevents + 1, sizeof *r->events);
	r->figures = calloc(doc->nfigures + 1, sizeof *r->figures);
	r->rels = calloc(doc->nrels + 1, sizeof *r->rels);
	r->commits = calloc(doc->ncommits + 1, sizeof *r->commits);
	if (!pmap || !r->persons || !r->events || !r->figures || !r->rels || !r->commits)
		goto oom;
	for (size_t k = 0; k < doc->npersons; k++)
		pmap[k] = doc->persons[k].include ? 0 : -1;
	for (size_t k = 0; k < doc->nevents; k++)
		if (!doc->events[k].dropped)
			for (int i = 0; i < doc->events[k].nparts; i++)
				if (pmap[doc->events[k].parts[i]] < 0)
					pmap[doc->events[k].parts[i]] = 0;
	for (size_t k = 0; k < doc->npersons; k++) {
		if (pmap[k] < 0)
			continue;
		const struct lsn_person *p = &doc->persons[k];
		struct lsn_rec_person *q = &r->persons[r->npersons];
		pmap[k] = (int)r->npersons++;
		q->name = p->name;
		q->role = p->role ? lsn_roles[p->role] : NULL;
		q->org = nonempty(p->org_name);
		q->country = nonempty(p->cc);
		for (int m = 0; m < p->nments && q->nments < LSN_REC_LIST; m++)
			q->ments[q->nments++] = p->ments[m];
		q->listed = p->include;
		q->ev_start = q->ev_end = -1;
		if (p->first_tok < doc->ntoks) {
			const struct lsn_span *s = &doc->sents[doc->toks[p->first_tok].sent];
			q->ev_start = map_offset(doc, base, s->start);
			q->ev_end = q->ev_start < 0 ? -1 : q->ev_start + (long)(s->end - s->start);
		}
	}

	for (size_t k = 0; k < doc->nevents; k++) {
		const struct lsn_event *e = &doc->events[k];
		if (e->dropped)
			continue;
		struct lsn_rec_event *v = &r->events[r->nevents++];
		v->type = lsn_ev_types[e->type];
		lsn_date_str(e->date, v->date);
		lsn_date_partial_str(e->date, v->date_partial);
		v->place = place_id(kb, e->place);
		const struct lsn_span *s = &doc->sents[e->sent];
		v->evidence = doc->text + s->start;
		v->evidence_len = s->end - s->start;
		v->src_start = s->start;
		v->src_end = s->end;
		v->ev_start = map_offset(doc, base, s->start);
		v->ev_end = v->ev_start < 0 ? -1 : v->ev_start + (long)(s->end - s->start);
		for (int i = 0; i < e->nparts && v->nparts < LSN_REC_LIST; i++) {
			v->parts[v->nparts] = doc->persons[e->parts[i]].name;
			v->part_person[v->nparts++] = pmap[e->parts[i]];
		}
		for (int i = 0; i < e->nparties && v->nparties < LSN_REC_LIST; i++)
			if (place_id(kb, e->parties[i]))
				v->parties[v->nparties++] = place_id(kb, e->parties[i]);
	}

	for (size_t k = 0; k < doc->nfigures; k++) {
		const struct lsn_figure *f = &doc->figures[k];
		struct lsn_rec_figure *g = &r->figures[r->nfigures++];
		g->metric = lsn_metrics[f->metric];
		g->period = nonempty(f->period);
		g->value = f->value;
		g->unit = f->unit[0] ? f->unit : "count";
		g->has_change = !isnan(f->change);
		g->change = g->has_change ? f->change : 0;
		for (int i = 0; i < f->nparties && g->nparties < LSN_REC_LIST; i++)
			if (place_id(kb, f->parties[i]))
				g->parties[g->nparties++] = place_id(kb, f->parties[i]);
	}

	for (size_t k = 0; k < doc->nrels; k++) {
		const struct lsn_relation *x = &doc->rels[k];
		struct lsn_rec_relation *y = &r->rels[r->nrels++];
		y->type = rel_types[x->type < 4 ? x->type : 0];
		y->a = place_id(kb, x->a);
		y->b = place_id(kb, x->b);
		y->since = x->since;
	}

	for (size_t k = 0; k < doc->ncommits; k++) {
		const struct lsn_commitment *m = &doc->commits[k];
		struct lsn_rec_commitment *c = &r->commits[r->ncommits];
		c->type = lsn_commit_types[m->type];
		c->by = m->by >= 0 ? doc->persons[m->by].name : NULL;
		c->by_party = place_id(kb, m->by_party);
		c->to_party = place_id(kb, m->to_party);
		if (!c->by_party || !c->to_party)
			continue;
		c->nfields = fields_of(m->fields, c->fields, LSN_ARRAY_LEN(c->fields));
		c->accepted = m->accepted;
		const struct lsn_span *s = &doc->sents[m->sent];
		c->evidence = doc->text + s->start;
		c->evidence_len = s->end - s->start;
		c->ev_start = map_offset(doc, base, s->start);
		c->ev_end = c->ev_start < 0 ? -1 : c->ev_start + (long)(s->end - s->start);
		r->ncommits++;
	}

	r->nfields = fields_of(doc->fields, r->fields, LSN_ARRAY_LEN(r->fields));
	free(base);
	free(pmap);
	return LSN_OK;
oom:
	free(base);
	free(pmap);
	lsn_rec_clear(r);
	return LSN_ENOMEM;
}

/* ---- from JSON ---- */

static int bad(char *err, size_t errlen, const char *what, const char *key)
{
	if (errlen)
		snprintf(err, errlen, "%s%s%s", what, key ? ": " : "", key ? key : "");
	return -1;
}

/* A string member, NULL for null or absent (and for "" too); -1 for another type. */
static int get_str(json_t *o, const char *key, const char **out)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return -1;
	*out = nonempty(json_string_value(v));
	return 0;
}

/* "--MM" or "--MM-DD" */
static int valid_partial(const char *s)
{
	size_t n = strlen(s);
	if ((n != 4 && n != 7) || s[0] != '-' || s[1] != '-' || !isdigit((unsigned char)s[2]) ||
	    !isdigit((unsigned char)s[3]))
		return 0;
	int m = (s[2] - '0') * 10 + (s[3] - '0');
	if (m < 1 || m > 12)
		return 0;
	if (n == 4)
		return 1;
	if (s[4] != '-' || !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[6]))
		return 0;
	int d = (s[5] - '0') * 10 + (s[6] - '0');
	return d >= 1 && d <= 31;
}

/* A list of strings into out (at most LSN_REC_LIST); -1 when not a list of strings. */
static int get_strs(json_t *o, const char *key, const char **out, size_t *n)
{
	json_t *a = json_object_get(o, key);
	*n = 0;
	if (!a || json_is_null(a))
		return 0;
	if (!json_is_array(a))
		return -1;
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *v = json_array_get(a, i);
		if (!json_is_string(v))
			return -1;
		if (*n < LSN_REC_LIST && *json_string_value(v))
			out[(*n)++] = json_string_value(v);
	}
	return 0;
}

static size_t arr_len(json_t *o, const char *key)
{
	json_t *a = json_object_get(o, key);
	return json_is_array(a) ? json_array_size(a) : 0;
}

/* Where the evidence sentence is in the text: its first occurrence. */
static void find_evidence(const struct lsn_rec *r, struct lsn_rec_event *v)
{
	v->ev_start = v->ev_end = -1;
	if (!r->text || !v->evidence || !v->evidence_len)
		return;
	const char *p = strstr(r->text, v->evidence);
	if (p) {
		v->ev_start = p - r->text;
		v->ev_end = v->ev_start + (long)v->evidence_len;
	}
}

/* For the one cleanup label: `if (failed && oom(&e, err, errlen)) goto fail;`. */
static int oom(enum lsn_status *e, char *err, size_t errlen)
{
	*e = LSN_ENOMEM;
	if (errlen)
		snprintf(err, errlen, "out of memory");
	return 1;
}

/* The record's persons[k] (JSON p) as r->persons[r->npersons++]; -1 (err
 * set) when it is not a person. */
static int person_from_json(struct lsn_rec *r, json_t *p, char *err, size_t errlen)
{
	struct lsn_rec_person *q = &r->persons[r->npersons];
	if (!json_is_object(p) || get_str(p, "name", &q->name) || !q->name ||
	    get_str(p, "role", &q->role) || get_str(p, "org", &q->org) ||
	    get_str(p, "country", &q->country) || get_strs(p, "mentions", q->ments, &q->nments))
		return bad(err, errlen, "a person needs a name; role, org, country strings or null, mentions strings",
			   NULL);
	if (q->role && lsn_vocab_find(lsn_roles, q->role, strlen(q->role)) <= 0)
		return bad(err, errlen, "not a role of the vocabulary", q->role);
	q->listed = 1;
	q->ev_start = q->ev_end = -1;
	json_t *pe = json_array_get(json_object_get(r->json, "person_evidence"), r->npersons);
	if (json_is_array(pe) && json_array_size(pe) == 2) {
		json_int_t a = json_integer_value(json_array_get(pe, 0)), z = json_integer_value(json_array_get(pe, 1));
		if (a < 0 || z < a || (size_t)z > r->text_len)
			return bad(err, errlen, "not offsets in the record's text", "person_evidence");
		q->ev_start = (long)a;
		q->ev_end = (long)z;
	} else if (q->nments && r->text_len) {
		const char *at = strstr(r->text, q->ments[0]);
		if (at) { /* the line holding the first mention */
			const char *a = at, *b = at;
			while (a > r->text && a[-1] != '\n')
				a--;
			while (*b && *b != '\n')
				b++;
			q->ev_start = a - r->text;
			q->ev_end = b - r->text;
		}
	}
	r->npersons++;
	return 0;
}

/* The record's events[k] (JSON ev_obj) as r->events[r->nevents++], its
 * participants not listed among the persons added to them; -1 (err set)
 * when it is not an event. */
static int event_from_json(struct lsn_rec *r, json_t *ev_obj, char *err, size_t errlen)
{
	struct lsn_rec_event *v = &r->events[r->nevents];
	const char *date = NULL, *ev = NULL;
	if (!json_is_object(ev_obj) || get_str(ev_obj, "type", &v->type) || !v->type ||
	    lsn_vocab_find(lsn_ev_types, v->type, strlen(v->type)) <= 0)
		return bad(err, errlen, "an event needs a type of the vocabulary", NULL);
	if (get_str(ev_obj, "date", &date) || (date && !lsn_valid_date(date)))
		return bad(err, errlen, "not a date (YYYY, YYYY-MM, YYYY-MM-DD)", "events.date");
	snprintf(v->date, sizeof v->date, "%s", date ? date : "");
	const char *partial = NULL;
	if (get_str(ev_obj, "date_partial", &partial) || (partial && !valid_partial(partial)))
		return bad(err, errlen, "not a date without its year (--MM-DD, --MM)", "events.date_partial");
	snprintf(v->date_partial, sizeof v->date_partial, "%s", partial && !date ? partial : "");
	if (get_str(ev_obj, "place", &v->place) || get_str(ev_obj, "evidence", &ev) ||
	    get_strs(ev_obj, "participants", v->parts, &v->nparts) ||
	    get_strs(ev_obj, "parties", v->parties, &v->nparties))
		return bad(err, errlen, "event: place, evidence strings or null; participants, parties strings",
			   NULL);
	v->evidence = ev ? ev : "";
	v->evidence_len = strlen(v->evidence);
	json_t *a = json_object_get(ev_obj, "evidence_start"), *b = json_object_get(ev_obj, "evidence_end");
	v->src_start = json_is_integer(a) ? (long)json_integer_value(a) : -1;
	v->src_end = json_is_integer(b) ? (long)json_integer_value(b) : -1;
	find_evidence(r, v);
	/* each participant is a person of the record; one not listed is added */
	for (size_t i = 0; i < v->nparts; i++) {
		size_t j = 0;
		while (j < r->npersons && strcmp(r->persons[j].name, v->parts[i]))
			j++;
		if (j == r->npersons) {
			struct lsn_rec_person *q = &r->persons[r->npersons++];
			q->name = v->parts[i];
			q->ev_start = q->ev_end = -1;
		}
		v->part_person[i] = (int)j;
	}
	r->nevents++;
	return 0;
}

/* The record's figures[k] (JSON f) as r->figures[r->nfigures++]; -1 (err
 * set) when it is not a figure. */
static int figure_from_json(struct lsn_rec *r, json_t *f, char *err, size_t errlen)
{
	struct lsn_rec_figure *g = &r->figures[r->nfigures];
	json_t *val = json_object_get(f, "value"), *ch = json_object_get(f, "change_pct");
	if (!json_is_object(f) || get_str(f, "metric", &g->metric) || !g->metric ||
	    get_str(f, "period", &g->period) || get_str(f, "unit", &g->unit) ||
	    !json_is_number(val) || (ch && !json_is_null(ch) && !json_is_number(ch)) ||
	    get_strs(f, "parties", g->parties, &g->nparties))
		return bad(err, errlen, "a figure needs a metric and a numeric value", NULL);
	g->value = json_number_value(val);
	g->has_change = json_is_number(ch);
	g->change = g->has_change ? json_number_value(ch) : 0;
	if (!g->unit)
		g->unit = "count";
	r->nfigures++;
	return 0;
}

/* The record's relations[k] (JSON x) as r->rels[r->nrels++]; -1 (err set)
 * when it is not a relation. */
static int relation_from_json(struct lsn_rec *r, json_t *x, char *err, size_t errlen)
{
	struct lsn_rec_relation *y = &r->rels[r->nrels];
	json_t *since = json_object_get(x, "since");
	if (!json_is_object(x) || get_str(x, "type", &y->type) || !y->type ||
	    get_str(x, "a", &y->a) || get_str(x, "b", &y->b) ||
	    (since && !json_is_null(since) && !json_is_integer(since)))
		return bad(err, errlen, "a relation needs a type; a, b strings; since a year or null", NULL);
	y->since = json_is_integer(since) ? (int)json_integer_value(since) : 0;
	r->nrels++;
	return 0;
}

/* The record's commitments[k] (JSON c) as r->commits[r->ncommits++]; -1 (err
 * set) when it is not a commitment. */
static int commitment_from_json(struct lsn_rec *r, json_t *c, char *err, size_t errlen)
{
	struct lsn_rec_commitment *m = &r->commits[r->ncommits];
	json_t *acc = json_object_get(c, "accepted");
	const char *ev = NULL;
	if (!json_is_object(c) || get_str(c, "type", &m->type) || !m->type ||
	    lsn_vocab_find(lsn_commit_types, m->type, strlen(m->type)) <= 0 ||
	    get_str(c, "by", &m->by) || get_str(c, "by_party", &m->by_party) || !m->by_party ||
	    get_str(c, "to_party", &m->to_party) || !m->to_party ||
	    get_strs(c, "fields", m->fields, &m->nfields) || get_str(c, "evidence", &ev) ||
	    (acc && !json_is_null(acc) && !json_is_boolean(acc)))
		return bad(err, errlen, "a commitment needs a type (proposal, pledge, invitation, agreement), "
				       "by_party and to_party strings, fields a list, accepted a boolean or null", NULL);
	m->accepted = json_is_boolean(acc) ? json_is_true(acc) : -1;
	m->evidence = ev ? ev : "";
	m->evidence_len = strlen(m->evidence);
	m->ev_start = m->ev_end = -1;
	const char *at = ev && *ev ? strstr(r->text, ev) : NULL;
	if (at) {
		m->ev_start = at - r->text;
		m->ev_end = m->ev_start + (long)m->evidence_len;
	}
	r->ncommits++;
	return 0;
}

enum lsn_status lsn_store_text_json(const lsn_doc *doc, struct lsn_buf *b)
{
	struct lsn_rec r;
	if (lsn_rec_from_doc(&r, doc))
		return LSN_ENOMEM;
	lsn_buf_adds(b, ",\"text\":");
	lsn_buf_json_str(b, r.text, r.text_len);
	lsn_buf_adds(b, ",\"person_evidence\":[");
	size_t n = 0;
	for (size_t k = 0; k < r.npersons; k++) {
		const struct lsn_rec_person *q = &r.persons[k];
		if (!q->listed)
			continue;
		if (n++)
			lsn_buf_addc(b, ',');
		if (q->ev_start < 0)
			lsn_buf_adds(b, "null");
		else
			lsn_buf_printf(b, "[%ld,%ld]", q->ev_start, q->ev_end);
	}
	lsn_buf_addc(b, ']');
	lsn_rec_clear(&r);
	return b->oom ? LSN_ENOMEM : LSN_OK;
}

/* The document's members (doc, lang, published, text) into r; -1 (err set,
 * *e LSN_ENOMEM when memory ran out) when one is not as SCHEMA.md says. */
static int doc_from_json(struct lsn_rec *r, json_t *root, enum lsn_status *e, char *err, size_t errlen)
{
	const char *s = NULL;
	if (!json_is_object(root))
		return bad(err, errlen, "a record must be a JSON object", NULL);
	json_t *doc = json_object_get(root, "doc");
	if (!json_is_string(doc) || !*json_string_value(doc))
		return bad(err, errlen, "missing or empty key", "doc");
	r->id = json_string_value(doc);
	if (get_str(root, "lang", &r->lang))
		return bad(err, errlen, "not a string", "lang");
	if (get_str(root, "published", &s) || (s && !lsn_valid_date(s)))
		return bad(err, errlen, "not a date (YYYY, YYYY-MM, YYYY-MM-DD)", "published");
	snprintf(r->published, sizeof r->published, "%s", s ? s : "");
	if (get_str(root, "text", &s))
		return bad(err, errlen, "not a string", "text");
	r->text = strdup(s ? s : "");
	if (!r->text && oom(e, err, errlen))
		return -1;
	r->text_len = strlen(r->text);
	if (get_str(root, "url", &r->url))
		return bad(err, errlen, "not a string", "url");
	if (get_str(root, "source", &r->source))
		return bad(err, errlen, "not a string", "source");
	json_t *bytes = json_object_get(root, "bytes");
	if (bytes && !json_is_null(bytes) && (!json_is_integer(bytes) || json_integer_value(bytes) < 0))
		return bad(err, errlen, "not a size in bytes", "bytes");
	r->bytes = bytes && json_is_integer(bytes) ? (size_t)json_integer_value(bytes) : 0;
	return 0;
}

enum lsn_status lsn_rec_from_json(struct lsn_rec *r, void *rootp, char *err, size_t errlen)
{
	json_t *root = rootp;
	enum lsn_status e = LSN_EARG; /* what a failure is, unless memory ran out */
	memset(r, 0, sizeof *r);
	r->json = root;
	if (doc_from_json(r, root, &e, err, errlen))
		goto fail;

	size_t np = arr_len(root, "persons"), ne = arr_len(root, "events");
	size_t nf = arr_len(root, "figures"), nr = arr_len(root, "relations");
	size_t nparts = 0;
	for (size_t k = 0; k < ne; k++)
		nparts += arr_len(json_array_get(json_object_get(root, "events"), k), "participants");
	r->persons = calloc(np + nparts + 1, sizeof *r->persons);
	r->events = calloc(ne + 1, sizeof *r->events);
	r->figures = calloc(nf + 1, sizeof *r->figures);
	r->rels = calloc(nr + 1, sizeof *r->rels);
	size_t nc = arr_len(root, "commitments");
	r->commits = calloc(nc + 1, sizeof *r->commits);
	if ((!r->persons || !r->events || !r->figures || !r->rels || !r->commits) && oom(&e, err, errlen))
		goto fail;
	for (size_t k = 0; k < np; k++)
		if (person_from_json(r, json_array_get(json_object_get(root, "persons"), k), err, errlen))
			goto fail;
	for (size_t k = 0; k < ne; k++)
		if (event_from_json(r, json_array_get(json_object_get(root, "events"), k), err, errlen))
			goto fail;
	for (size_t k = 0; k < nf; k++)
		if (figure_from_json(r, json_array_get(json_object_get(root, "figures"), k), err, errlen))
			goto fail;
	for (size_t k = 0; k < nr; k++)
		if (relation_from_json(r, json_array_get(json_object_get(root, "relations"), k), err, errlen))
			goto fail;
	for (size_t k = 0; k < nc; k++)
		if (commitment_from_json(r, json_array_get(json_object_get(root, "commitments"), k), err, errlen))
			goto fail;

	const char *fields[LSN_REC_LIST];
	size_t nfields = 0;
	if (get_strs(root, "fields", fields, &nfields)) {
		bad(err, errlen, "not a list of strings", "fields");
		goto fail;
	}
	for (size_t k = 0; k < nfields && r->nfields < LSN_ARRAY_LEN(r->fields); k++)
		r->fields[r->nfields++] = fields[k];
	return LSN_OK;
fail:
	lsn_rec_clear(r);
	return e;
}
