/*
 * tables.c — the knowledge tables: loads the TSV files of data/ (compiled in, or
 * from a directory given at run time) into arrays and one phrase index.
 *
 * Every surface form of every table (place aliases, titles, triggers, field
 * keywords, actor names, ...) is tokenised exactly as document text is
 * (lsn_tokenize) and stored as a sequence of folded token hashes.  The index
 * maps a first-token hash to the chain of phrases starting with it (first1 and
 * first2 split the chains by the second token).  A word index gathers, by a
 * word's hash, everything the tables know of it: its rows of every lexicon
 * class, the rows it may begin, the head of its first1 chain and whether a
 * place, a surname or a phrase of first2 can begin with it (lex_tok_index), so
 * that segmentation looks each token up once and the later stages read the
 * answers from its entries (lsn_tok_lexf and its kin in lsn_int.h).
 */
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lsn_int.h"

size_t lsn_tokenize(const char *s, size_t n, uint32_t base, struct lsn_tok *out, size_t cap);

struct loader {
	lsn_tables *kb;
	const char *file;
	char *err;
	size_t errlen;
	size_t phcap, ptcap, plcap, ticap, accap, arcap, edcap, sncap, sccap, cucap, cfcap;
	size_t lxcap[LX_MAX];
	size_t fucap;
};

static int fail(struct loader *L, int line, const char *what)
{
	if (L->errlen)
		snprintf(L->err, L->errlen, "%s:%d: %s", L->file, line, what);
	return -1;
}

/* Splits a line on tabs in place; returns the number of cells. */
static int split_tabs(char *line, char **cells, int max)
{
	int n = 0;
	cells[n++] = line;
	for (char *p = line; *p && n < max; p++)
		if (*p == '\t') {
			*p = 0;
			cells[n++] = p + 1;
		}
	return n;
}

static int parse_ymd(const char *s)
{
	if (!s || !*s)
		return 0;
	int y = 0, m = 0, d = 0;
	int k = sscanf(s, "%d-%d-%d", &y, &m, &d);
	if (k < 1 || y < 1000 || y > 3000)
		return -1;
	return y * 10000 + (k >= 2 ? m : 0) * 100 + (k >= 3 ? d : 0);
}

static uint8_t lang_bits(const char *s)
{
	if (!strcmp(s, "en")) return LANG_EN;
	if (!strcmp(s, "zh")) return LANG_ZH;
	if (!strcmp(s, "vi")) return LANG_VI;
	return LANG_ALL;
}

/* Adds one phrase for the surface form s. */
static int add_phrase(struct loader *L, const char *s, uint8_t kind, uint8_t lang, uint32_t val)
{
	lsn_tables *kb = L->kb;
	struct lsn_tok toks[48];
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	while (len && *s == ' ')
		s++, len--;
	if (!len)
		return 0;
	/* "{P}" slots are replaced by a marker token */
	char tmp[512];
	if (len >= sizeof tmp)
		return 0;
	memcpy(tmp, s, len);
	tmp[len] = 0;
	size_t nt = 0;
	uint64_t hs[48];
	char *p = tmp;
	while (*p && nt < 48) {
		char *slot = strstr(p, "{P}");
		size_t seg = slot ? (size_t)(slot - p) : strlen(p);
		size_t k = lsn_tokenize(p, seg, 0, toks, 48 - nt);
		for (size_t i = 0; i < k && nt < 48; i++)
			hs[nt++] = toks[i].h;
		if (!slot)
			break;
		if (nt < 48)
			hs[nt++] = SLOT_PLACE;
		p = slot + 3;
	}
	if (!nt)
		return 0;
	if (lsn_grow(&kb->ptoks, &L->ptcap, kb->nptoks + nt, sizeof *kb->ptoks) ||
	    lsn_grow(&kb->phrases, &L->phcap, kb->nphrases + 1, sizeof *kb->phrases))
		return -1;
	struct lsn_phrase *ph = &kb->phrases[kb->nphrases];
	ph->tok0 = (uint32_t)kb->nptoks;
	ph->ntok = (uint8_t)nt;
	/* one word of two or more capitals and no small letter: an acronym ("AI" is
	 * no "Ai" of a name, "US" no "us") */
	ph->upper = 0;
	if (nt == 1) {
		size_t caps = 0, small = 0;
		for (size_t k = 0; k < len; k++)
			caps += s[k] >= 'A' && s[k] <= 'Z', small += (s[k] >= 'a' && s[k] <= 'z') || (unsigned char)s[k] >= 0x80;
		ph->upper = caps >= 2 && !small;
	}
	ph->kind = kind;
	ph->lang = lang;
	ph->val = val;
	memcpy(kb->ptoks + kb->nptoks, hs, nt * sizeof *hs);
	kb->nptoks += nt;
	/* a phrase opening with a slot is found through the word after it */
	struct lsn_map *m = &kb->first;
	uint64_t key = hs[0];
	if (hs[0] == SLOT_PLACE && nt >= 2) {
		m = &kb->after_slot;
		key = hs[1];
	}
	ph->next = lsn_map_get(m, key);
	ph->next2 = 0;
	kb->nphrases++;
	if (lsn_map_put(m, key, (uint32_t)kb->nphrases))
		return -1;
	if (m == &kb->first) {
		struct lsn_map *m2 = &kb->first1;
		uint64_t k2 = hs[0];
		if (nt >= 2 && hs[1] != SLOT_PLACE) {
			m2 = &kb->first2;
			k2 = lsn_pair_key(hs[0], hs[1]);
		}
		ph->next2 = lsn_map_get(m2, k2);
		if (lsn_map_put(m2, k2, (uint32_t)kb->nphrases))
			return -1;
	}
	return 0;
}

static int add_aliases(struct loader *L, char *cell, uint8_t kind, uint8_t lang, uint32_t val)
{
	char *save = NULL;
	for (char *a = strtok_r(cell, "|", &save); a; a = strtok_r(NULL, "|", &save))
		if (add_phrase(L, a, kind, lang, val))
			return -1;
	return 0;
}

/* Columns of a table, by header name. */
struct cols {
	const char *names[12];
	int idx[12];
};

static int find_cols(struct loader *L, int line, char **cells, int n, struct cols *c, int required)
{
	for (int k = 0; c->names[k]; k++) {
		c->idx[k] = -1;
		for (int i = 0; i < n; i++)
			if (!strcmp(cells[i], c->names[k]))
				c->idx[k] = i;
		if (c->idx[k] < 0 && k < required) {
			char msg[128];
			snprintf(msg, sizeof msg, "header lacks column '%s'", c->names[k]);
			return fail(L, line, msg);
		}
	}
	return 0;
}

static const char *cell(char **cells, int n, const struct cols *c, int k)
{
	int i = c->idx[k];
	return (i >= 0 && i < n) ? cells[i] : "";
}

typedef int (*row_fn)(struct loader *L, int line, char **cells, int n, const struct cols *c);

/* Walks the rows of one table held in `text` (modified in place). */
static int each_row(struct loader *L, char *text, struct cols *c, int required, row_fn fn)
{
	int line = 0, header = 0;
	/* split by hand: strtok_r would skip blank lines and miscount them */
	for (char *ln = text, *next; ln; ln = next) {
		next = strchr(ln, '\n');
		if (next)
			*next++ = 0;
		line++;
		size_t l = strlen(ln);
		if (l && ln[l - 1] == '\r')
			ln[--l] = 0;
		if (!l || ln[0] == '#')
			continue;
		char *cells[16];
		int n = split_tabs(ln, cells, 16);
		if (!header) {
			if (find_cols(L, line, cells, n, c, required))
				return -1;
			header = 1;
			continue;
		}
		if (fn(L, line, cells, n, c))
			return -1;
	}
	if (!header)
		return fail(L, line, "no header line");
	return 0;
}

/* ---- places ---- */

static int place_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	lsn_tables *kb = L->kb;
	const char *id = cell(cells, n, c, 0), *level = cell(cells, n, c, 1);
	if (!*id)
		return fail(L, line, "empty id");
	if (lsn_grow(&kb->places, &L->plcap, kb->nplaces + 1, sizeof *kb->places))
		return -1;
	struct lsn_place *p = &kb->places[kb->nplaces];
	memset(p, 0, sizeof *p);
	p->id = id;
	p->level = !strcmp(level, "country") ? PL_COUNTRY : !strcmp(level, "province") ? PL_PROVINCE
		 : !strcmp(level, "city") ? PL_CITY : !strcmp(level, "district") ? PL_DISTRICT
		 : !strcmp(level, "bloc") ? PL_BLOC : 0;
	if (!p->level)
		return fail(L, line, "unknown level");
	/* parent is resolved after all rows: keep its name in `parent` via pool pointer */
	p->parent = -1;
	const char *par = cell(cells, n, c, 2);
	snprintf(p->cc, sizeof p->cc, "%s", cell(cells, n, c, 3));
	p->from = parse_ymd(cell(cells, n, c, 4));
	p->to = parse_ymd(cell(cells, n, c, 5));
	if (p->from < 0 || p->to < 0)
		return fail(L, line, "bad date");
	uint32_t idx = (uint32_t)kb->nplaces++;
	/* stash the parent name: resolved in resolve_parents() */
	if (*par) {
		/* temporarily store as negative pool offset */
		p->parent = -2 - (int32_t)(par - kb->pool);
	}
	if (add_phrase(L, id, PK_PLACE, LANG_ALL, idx))
		return -1;
	char *al = (char *)cell(cells, n, c, 6);
	char *dm = (char *)cell(cells, n, c, 7);
	if (add_aliases(L, al, PK_PLACE, LANG_ALL, idx) || add_aliases(L, dm, PK_DEMONYM, LANG_ALL, idx))
		return -1;
	return 0;
}

int32_t lsn_tables_actor_by_name(const lsn_tables *kb, const char *name, size_t n)
{
	return (int32_t)lsn_map_get(&kb->actor_ids, lsn_fold_hash(name, n)) - 1;
}

int32_t lsn_tables_place(const lsn_tables *kb, const char *id)
{
	for (size_t i = 0; i < kb->nplaces; i++)
		if (!strcmp(kb->places[i].id, id))
			return (int32_t)i;
	return -1;
}

static int resolve_parents(struct loader *L)
{
	lsn_tables *kb = L->kb;
	for (size_t i = 0; i < kb->nplaces; i++) {
		struct lsn_place *p = &kb->places[i];
		if (p->parent <= -2) {
			const char *name = kb->pool + (-(p->parent + 2));
			p->parent = lsn_tables_place(kb, name);
			if (p->parent < 0) {
				char msg[160];
				snprintf(msg, sizeof msg, "place '%s': unknown parent '%s'", p->id, name);
				return fail(L, 0, msg);
			}
		}
	}
	kb->place_vietnam = lsn_tables_place(kb, "Vietnam");
	kb->place_china = lsn_tables_place(kb, "China");
	return 0;
}

/* ---- titles ---- */

/* A title pattern's forms: each "[a|b|...]" group is one of its words or
 * phrases ("Secretary of the {P} [Party|CPC] Committee" is two titles), the
 * groups expanded left to right. */
static int add_title_forms(struct loader *L, int line, const char *pat, uint8_t lang, uint32_t idx)
{
	const char *open = strchr(pat, '[');
	if (!open)
		return add_phrase(L, pat, PK_TITLE, lang, idx);
	const char *close = strchr(open, ']');
	if (!close)
		return fail(L, line, "a '[' with no ']'");
	size_t len = strlen(pat);
	char tmp[512];
	if (len >= sizeof tmp)
		return fail(L, line, "title pattern too long");
	for (const char *a = open + 1; a <= close;) {
		const char *b = a;
		while (b < close && *b != '|')
			b++;
		size_t pre = (size_t)(open - pat), alt = (size_t)(b - a);
		memcpy(tmp, pat, pre);
		memcpy(tmp + pre, a, alt);
		strcpy(tmp + pre + alt, close + 1);
		int r = add_title_forms(L, line, tmp, lang, idx);
		if (r)
			return r;
		a = b + 1;
	}
	return 0;
}

static int title_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	lsn_tables *kb = L->kb;
	const char *role = cell(cells, n, c, 2), *scope = cell(cells, n, c, 3);
	const char *org = cell(cells, n, c, 4), *slot = cell(cells, n, c, 5);
	int r = lsn_vocab_find(lsn_roles, role, strlen(role));
	if (r <= 0)
		return fail(L, line, "unknown role");
	if (lsn_grow(&kb->titles, &L->ticap, kb->ntitles + 1, sizeof *kb->titles))
		return -1;
	struct lsn_title *t = &kb->titles[kb->ntitles];
	memset(t, 0, sizeof *t);
	t->role = (uint8_t)r;
	t->scope = !strcmp(scope, "country") ? PL_COUNTRY : !strcmp(scope, "province") ? PL_PROVINCE
		 : !strcmp(scope, "city") ? PL_CITY : 0;
	t->counterpart = !strcmp(scope, "counterpart");
	t->org = -1;
	t->slots[0] = t->slots[1] = 'o';
	if (*org)
		t->org = (int32_t)(-2 - (org - kb->pool)); /* resolved later */
	for (int k = 0; k < 2 && *slot; k++) {
		t->slots[k] = (strncmp(slot, "host", 4) == 0) ? 'h' : 'o';
		const char *comma = strchr(slot, ',');
		if (!comma)
			break;
		slot = comma + 1;
	}
	uint32_t idx = (uint32_t)kb->ntitles++;
	return add_title_forms(L, line, cell(cells, n, c, 1), lang_bits(cell(cells, n, c, 0)), idx);
}

static int resolve_title_orgs(struct loader *L)
{
	lsn_tables *kb = L->kb;
	for (size_t i = 0; i < kb->ntitles; i++) {
		struct lsn_title *t = &kb->titles[i];
		if (t->org <= -2) {
			const char *name = kb->pool + (-(t->org + 2));
			t->org = lsn_tables_place(kb, name);
		}
	}
	return 0;
}

/* ---- simple keyword tables ---- */

static int trigger_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	const char *type = cell(cells, n, c, 2);
	int t = lsn_vocab_find(lsn_ev_types, type, strlen(type));
	if (t <= 0)
		return fail(L, line, "unknown event type");
	return add_phrase(L, cell(cells, n, c, 1), PK_TRIGGER, lang_bits(cell(cells, n, c, 0)), (uint32_t)t);
}

static int field_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	const char *f = cell(cells, n, c, 2);
	int k = !strcmp(f, "none") ? LSN_FIELD_NONE : lsn_vocab_find(lsn_fields, f, strlen(f));
	if (k < 0)
		return fail(L, line, "unknown field");
	return add_phrase(L, cell(cells, n, c, 1), PK_FIELD, lang_bits(cell(cells, n, c, 0)), (uint32_t)k);
}

static int metric_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	const char *f = cell(cells, n, c, 2);
	int k = lsn_vocab_find(lsn_metrics, f, strlen(f));
	if (k <= 0)
		return fail(L, line, "unknown metric");
	return add_phrase(L, cell(cells, n, c, 1), PK_METRIC, lang_bits(cell(cells, n, c, 0)), (uint32_t)k);
}

static int calendar_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	const char *kind = cell(cells, n, c, 2);
	int v = atoi(cell(cells, n, c, 3));
	uint8_t k = !strcmp(kind, "month") ? PK_MONTH : !strcmp(kind, "weekday") ? PK_WEEKDAY
		  : !strcmp(kind, "relday") ? PK_RELDAY : !strcmp(kind, "recent") ? PK_RECENT
		  : !strcmp(kind, "relyear") ? PK_RELYEAR : 0;
	if (k == PK_RELYEAR && v >= -1 && v <= 0) /* stored with a bias of 8 */
		return add_phrase(L, cell(cells, n, c, 1), k, lang_bits(cell(cells, n, c, 0)), (uint32_t)(v + 8));
	if (k == PK_RECENT && (v == DP_YEAR || v == DP_MONTH)) /* the precision it leaves */
		return add_phrase(L, cell(cells, n, c, 1), k, lang_bits(cell(cells, n, c, 0)), (uint32_t)v);
	if (k == PK_RELDAY && v >= -7 && v <= 7) /* stored with a bias of 8 */
		return add_phrase(L, cell(cells, n, c, 1), k, lang_bits(cell(cells, n, c, 0)), (uint32_t)(v + 8));
	if (!k || v < 1 || v > 12)
		return fail(L, line, "bad calendar row");
	return add_phrase(L, cell(cells, n, c, 1), k, lang_bits(cell(cells, n, c, 0)), (uint32_t)v);
}

static int number_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	lsn_tables *kb = L->kb;
	const char *kind = cell(cells, n, c, 2), *val = cell(cells, n, c, 3);
	uint8_t lang = lang_bits(cell(cells, n, c, 0));
	if (!strcmp(kind, "scale")) {
		char *end;
		double v = strtod(val, &end);
		if (end == val || v <= 0)
			return fail(L, line, "bad scale value");
		if (lsn_grow(&kb->scales, &L->sccap, kb->nscales + 1, sizeof *kb->scales))
			return -1;
		kb->scales[kb->nscales] = v;
		return add_phrase(L, cell(cells, n, c, 1), PK_SCALE, lang, (uint32_t)kb->nscales++);
	}
	if (!strcmp(kind, "currency")) {
		if (strlen(val) != 3)
			return fail(L, line, "currency code must be 3 letters");
		if (lsn_grow(&kb->currencies, &L->cucap, kb->ncurrencies + 1, sizeof *kb->currencies) ||
		    lsn_grow(&kb->currency_forms, &L->cfcap, kb->ncurrencies + 1, sizeof *kb->currency_forms))
			return -1;
		kb->currencies[kb->ncurrencies] = val;
		kb->currency_forms[kb->ncurrencies] = cell(cells, n, c, 1);
		return add_phrase(L, cell(cells, n, c, 1), PK_CURRENCY, lang, (uint32_t)kb->ncurrencies++);
	}
	return fail(L, line, "kind must be scale or currency");
}

static int parse_date(const char *s, struct lsn_date *d)
{
	int y = 0, m = 0, dd = 0;
	memset(d, 0, sizeof *d);
	int k = sscanf(s, "%d-%d-%d", &y, &m, &dd);
	if (k < 1)
		return -1;
	d->y = (int16_t)y;
	d->m = (int8_t)(k >= 2 ? m : 0);
	d->d = (int8_t)(k >= 3 ? dd : 0);
	d->prec = (uint8_t)k;
	return 0;
}

static int series_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	lsn_tables *kb = L->kb;
	const char *series = cell(cells, n, c, 0);
	size_t s;
	for (s = 0; s < kb->nseries; s++)
		if (!strcmp(kb->series_names[s], series))
			break;
	if (s == kb->nseries) {
		if (lsn_grow(&kb->series_names, &L->sncap, kb->nseries + 1, sizeof *kb->series_names))
			return -1;
		kb->series_names[kb->nseries++] = series;
		if (add_phrase(L, series, PK_SERIES, LANG_ALL, (uint32_t)s))
			return -1;
		if (add_aliases(L, (char *)cell(cells, n, c, 5), PK_SERIES, LANG_ALL, (uint32_t)s))
			return -1;
	}
	if (lsn_grow(&kb->eds, &L->edcap, kb->neds + 1, sizeof *kb->eds))
		return -1;
	struct lsn_series_ed *e = &kb->eds[kb->neds];
	e->series = (uint32_t)s;
	e->edition = atoi(cell(cells, n, c, 1));
	if (parse_date(cell(cells, n, c, 2), &e->start) || parse_date(cell(cells, n, c, 3), &e->end))
		return fail(L, line, "bad date");
	e->place = lsn_tables_place(kb, cell(cells, n, c, 4));
	kb->neds++;
	return 0;
}

static int actor_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	lsn_tables *kb = L->kb;
	const char *id = cell(cells, n, c, 0);
	if (!*id)
		return fail(L, line, "empty id");
	if (lsn_grow(&kb->actors, &L->accap, kb->nactors + 1, sizeof *kb->actors))
		return -1;
	struct lsn_actor *a = &kb->actors[kb->nactors];
	memset(a, 0, sizeof *a);
	a->id = id;
	snprintf(a->cc, sizeof a->cc, "%s", cell(cells, n, c, 1));
	uint32_t idx = (uint32_t)kb->nactors++;
	uint64_t h = lsn_fold_hash(id, strlen(id));
	if (!lsn_map_get(&kb->actor_ids, h) && lsn_map_put(&kb->actor_ids, h, idx + 1))
		return -1;
	/* the diacritics of each Latin form: a mention written with others is not this
	 * actor ("Lý Cương" is not Lý Cường, "Thọ" not "Thơ"; see lsn_x_actor_marks_ok) */
	for (int k = 0; k < 3; k++) {
		const char *f = k == 0 ? id : cell(cells, n, c, k == 1 ? 3 : 4);
		while (f && *f) {
			const char *bar = strchr(f, '|');
			size_t len = bar ? (size_t)(bar - f) : strlen(f);
			uint64_t sig = lsn_marks_sig(f, len);
			if (sig && (lsn_map_put(&kb->actor_marks, lsn_actor_marks_key(idx, sig), 1) ||
				    lsn_map_put(&kb->actor_marks, lsn_actor_marks_key(idx, 0), 1)))
				return -1;
			f = bar ? bar + 1 : NULL;
		}
	}
	if (add_phrase(L, id, PK_ACTOR, LANG_ALL, idx) ||
	    add_phrase(L, cell(cells, n, c, 2), PK_ACTOR, LANG_ALL, idx) ||
	    add_phrase(L, cell(cells, n, c, 3), PK_ACTOR, LANG_ALL, idx) ||
	    add_aliases(L, (char *)cell(cells, n, c, 4), PK_ACTOR, LANG_ALL, idx))
		return -1;
	return 0;
}

static int arole_cmp_id;
static int arole_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	lsn_tables *kb = L->kb;
	(void)arole_cmp_id;
	const char *id = cell(cells, n, c, 0), *role = cell(cells, n, c, 1);
	int32_t a = -1;
	for (size_t i = 0; i < kb->nactors; i++)
		if (!strcmp(kb->actors[i].id, id)) {
			a = (int32_t)i;
			break;
		}
	if (a < 0)
		return fail(L, line, "role of an unknown actor");
	int r = lsn_vocab_find(lsn_roles, role, strlen(role));
	if (r <= 0)
		return fail(L, line, "unknown role");
	if (lsn_grow(&kb->aroles, &L->arcap, kb->naroles + 1, sizeof *kb->aroles))
		return -1;
	struct lsn_arole *ar = &kb->aroles[kb->naroles];
	ar->role = (uint8_t)r;
	ar->org_name = cell(cells, n, c, 2);
	ar->org = lsn_tables_place(kb, ar->org_name);
	ar->from = parse_ymd(cell(cells, n, c, 3));
	ar->to = parse_ymd(cell(cells, n, c, 4));
	if (ar->from < 0 || ar->to < 0)
		return fail(L, line, "bad date");
	struct lsn_actor *ac = &kb->actors[a];
	/* rows of one actor are expected together; keep a contiguous range */
	if (ac->nroles == 0)
		ac->role0 = (uint32_t)kb->naroles;
	else if (ac->role0 + ac->nroles != kb->naroles)
		return fail(L, line, "roles of one actor must be on consecutive lines");
	ac->nroles++;
	kb->naroles++;
	return 0;
}

static int surname_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	const char *lang = cell(cells, n, c, 0);
	uint8_t kind = !strcmp(lang, "zh") ? PK_SURNAME_ZH : !strcmp(lang, "vi") ? PK_SURNAME_VI : 0;
	if (!kind)
		return fail(L, line, "lang must be zh or vi");
	const char *latin = cell(cells, n, c, 1);
	if (kind == PK_SURNAME_VI && *latin &&
	    lsn_map_put(&L->kb->vi_surnames, lsn_lower_hash(latin, strlen(latin)), 1))
		return -1;
	if (add_phrase(L, latin, kind, LANG_ALL, 0))
		return -1;
	return add_phrase(L, cell(cells, n, c, 2), kind, LANG_ALL, 0);
}

static int relation_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	const char *type = cell(cells, n, c, 2);
	uint32_t t = !strcmp(type, "sister_city") ? 1 : !strcmp(type, "partnership") ? 2
		   : !strcmp(type, "consulate") ? 3 : !strcmp(type, "friendship") ? 4 : 0;
	if (!t)
		return fail(L, line, "unknown relation type");
	return add_phrase(L, cell(cells, n, c, 1), PK_RELATION, lang_bits(cell(cells, n, c, 0)), t);
}

static int evword_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	const char *role = cell(cells, n, c, 2);
	uint32_t r = !strcmp(role, "continuation") ? EW_CONTINUATION
		   : !strcmp(role, "attend_object") ? EW_ATTEND_OBJECT
		   : !strcmp(role, "meeting_noun") ? EW_MEETING_NOUN
		   : !strcmp(role, "delegation") ? EW_DELEGATION
		   : !strcmp(role, "since") ? EW_SINCE
		   : !strcmp(role, "mechanism") ? EW_MECHANISM
		   : !strcmp(role, "accompany") ? EW_ACCOMPANY
		   : !strcmp(role, "invitation") ? EW_INVITATION
		   : !strcmp(role, "held") ? EW_HELD
		   : !strcmp(role, "span") ? EW_SPAN
		   : !strcmp(role, "after_meeting") ? EW_AFTER_MEETING : 0;
	if (!r && strcmp(role, "count_noun"))
		return fail(L, line, "unknown role");
	if (!r)
		return 0;
	return add_phrase(L, cell(cells, n, c, 1), PK_EVWORD, lang_bits(cell(cells, n, c, 0)), r);
}

/* Periods: H1 H2 -> 1 2, Q1..Q4 -> 11..14, M<n> -> 20 + n. */
static int period_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	const char *p = cell(cells, n, c, 2);
	uint32_t v = 0;
	if (p[0] == 'H' && (p[1] == '1' || p[1] == '2') && !p[2])
		v = (uint32_t)(p[1] - '0');
	else if (p[0] == 'Q' && p[1] >= '1' && p[1] <= '4' && !p[2])
		v = 10u + (uint32_t)(p[1] - '0');
	else if (p[0] == 'M' && atoi(p + 1) >= 1 && atoi(p + 1) <= 12)
		v = 20u + (uint32_t)atoi(p + 1);
	if (!v)
		return fail(L, line, "period must be H1, H2, Q1..Q4 or M1..M12");
	return add_phrase(L, cell(cells, n, c, 1), PK_PERIOD, lang_bits(cell(cells, n, c, 0)), v);
}

/* Follow-up rules (data/followups.tsv). */
static int followup_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	lsn_tables *kb = L->kb;
	const char *type = cell(cells, n, c, 0), *follow = cell(cells, n, c, 1);
	int days = atoi(cell(cells, n, c, 2));
	if (lsn_vocab_find(lsn_commit_types, type, strlen(type)) <= 0)
		return fail(L, line, "unknown commitment type");
	if (strcmp(follow, "event") && strcmp(follow, "figure"))
		return fail(L, line, "follow must be event or figure");
	if (days <= 0)
		return fail(L, line, "days must be a positive number");
	if (lsn_grow(&kb->followups, &L->fucap, kb->nfollowups + 1, sizeof *kb->followups))
		return -1;
	struct lsn_followup *f = &kb->followups[kb->nfollowups++];
	f->type = type;
	f->follow = follow;
	f->days = days;
	f->detail = cell(cells, n, c, 3);
	return 0;
}

/* Commitment words: the act (CM_* or CA_*). */
static int commit_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	static const char *const acts[] = {"", "proposal", "pledge", "invitation", "agreement",
					   "invited_by", "accepted", "object", "none", "pronoun", "locative",
					   "invitation_of", "said_by", "view", "duty", "courtesy", "modal", "joint", "topic", "document", "belief", NULL};
	const char *act = cell(cells, n, c, 2);
	int a = lsn_vocab_find(acts, act, strlen(act));
	if (a <= 0)
		return fail(L, line, "unknown act");
	return add_phrase(L, cell(cells, n, c, 1), PK_COMMIT, lang_bits(cell(cells, n, c, 0)), (uint32_t)a);
}

/* One-character abbreviations (苏 Jiangsu): the place's index. */
static int abbr_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	int32_t pl = lsn_tables_place(L->kb, cell(cells, n, c, 2));
	if (pl < 0)
		return fail(L, line, "unknown place");
	const char *a = cell(cells, n, c, 1);
	if (!*a || lsn_map_put(&L->kb->abbrevs, lsn_fold_hash(a, strlen(a)), (uint32_t)pl + 1))
		return fail(L, line, "bad abbreviation");
	return 0;
}

/* ---- the lexicon ---- */

static const char *const lex_names[LX_MAX] = {
	[LX_NAME_STOP] = "name_stop",
	[LX_FUTURE] = "future",
	[LX_NAME_STOP_VI_EXACT] = "name_stop_vi_exact",
	[LX_NAME_ORG_NEXT] = "name_org_next",
	[LX_STREET_BEFORE] = "street_before",
	[LX_LED_BY] = "led_by",
	[LX_DELEGATION_WORD] = "delegation_word",
	[LX_NAME_LAST_STOP] = "name_last_stop",
	[LX_TITLE_BODY_LINK] = "title_body_link",
	[LX_TITLE_BODY_PARTNER] = "title_body_partner",
	[LX_HONORIFIC] = "honorific",
	[LX_COUNCIL_WORD] = "council_word",
	[LX_APPOSITIVE_OPENER] = "appositive_opener",
	[LX_SPEECH_VERB] = "speech_verb",
	[LX_TITLE_PLACE_STOP] = "title_place_stop",
	[LX_THIS_CITY] = "this_city",
	[LX_HAN_NAME_STOP] = "han_name_stop",
	[LX_HAN_NAME_CHAR] = "han_name_char",
	[LX_HAN_NAME_END] = "han_name_end",
	[LX_HAN_VI_MIDDLE] = "han_vi_middle",
	[LX_HAN_NAME_DOT] = "han_name_dot",
	[LX_TITLE_LIST_MARK] = "title_list_mark",
	[LX_CITY_WORD] = "city_word",
	[LX_ORDINAL] = "ordinal",
	[LX_EDITION_NUMERAL] = "edition_numeral",
	[LX_EDITION_COUNTER] = "edition_counter",
	[LX_WEEK_BEFORE] = "week_before",
	[LX_BOOK_TITLE_MARK] = "book_title_mark",
	[LX_DATELINE_END] = "dateline_end",
	[LX_REPORT_WORD] = "report_word",
	[LX_RANGE_WORD] = "range_word",
	[LX_FUTURE_AUX] = "future_aux",
	[LX_PLACE_PREP] = "place_prep",
	[LX_RESPECTIVELY] = "respectively",
	[LX_CLAUSE_LEAD] = "clause_lead",
	[LX_CLAUSE_END] = "clause_end",
	[LX_CLAUSE_BREAK] = "clause_break",
	[LX_MEASURE_WORD] = "measure_word",
	[LX_COUNT_RANK] = "count_rank",
	[LX_SHARE_WORD] = "share_word",
	[LX_TARGET_WORD] = "target_word",
	[LX_ESTABLISH_VERB] = "establish_verb",
	[LX_TWO_LOCALITIES] = "two_localities",
	[LX_EACH_TIE] = "each_tie",
	[LX_ORDINAL_SUFFIX] = "ordinal_suffix",
	[LX_ORDINAL_LEAD] = "ordinal_lead",
	[LX_MONTH_BEFORE] = "month_before",
	[LX_PLACE_FILLER] = "place_filler",
	[LX_TIE_LINK] = "tie_link",
	[LX_SESSION_NOUN] = "session_noun",
	[LX_POSSESSIVE] = "possessive",
	[LX_SUBJECT_PRONOUN] = "subject_pronoun",
	[LX_TIE_SINCE] = "tie_since",
	[LX_TIE_ANNIVERSARY] = "tie_anniversary",
	[LX_LIST_JOINER] = "list_joiner",
	[LX_APPOSITIVE_MARK] = "appositive_mark",
	[LX_ANAPHOR_DET] = "anaphor_det",
	[LX_ATTRIBUTIVE] = "attributive",
	[LX_INDEFINITE_DET] = "indefinite_det",
	[LX_MEASURE_UNIT] = "measure_unit",
	[LX_COUNT_ARTICLE] = "count_article",
	[LX_NOW_WORD] = "now_word",
	[LX_YEAR_ANAPHOR] = "year_anaphor",
	[LX_RESTATE_WORD] = "restate_word",
	[LX_COMPARE_WORD] = "compare_word",
	[LX_FIGURE_ANAPHOR] = "figure_anaphor",
	[LX_ORIGIN_WORD] = "origin_word",
	[LX_PLACE_NOUN] = "place_noun",
	[LX_YEAR_TARGET] = "year_target",
	[LX_FOOTER_WORD] = "footer_word",
	[LX_KNOWN_DET] = "known_det",
	[LX_DOCUMENT_NOUN] = "document_noun",
	/* (more extraction classes go here) */

	[LX_SENT_ABBREV] = "sentence_abbrev",
	[LX_SLOT_ARTICLE] = "slot_article",
	[LX_TAIL_MARKER] = "tail_marker",
	[LX_SENT_END] = "sentence_end",
	[LX_PHOTO_CREDIT] = "photo_credit",
	[LX_PHOTO_BYLINE] = "photo_byline",
	[LX_BRACKET] = "bracket",
	[LX_PLACE_SUFFIX] = "place_suffix",
	[LX_SHARED_SUFFIX] = "shared_suffix",
	[LX_BUILDING_WORD] = "building_word",
	[LX_PLACE_POSSESSIVE] = "place_possessive",
	[LX_NUMBER_WORD] = "number_word",
	[LX_PERCENT] = "percent",
	[LX_FRACTION] = "fraction",
	[LX_PLACE_COUNT] = "place_count",
	[LX_PLACE_COUNT_NOUN] = "place_count_noun",
	[LX_DATE_UNIT] = "date_unit",
	[LX_RANGE_CONNECTOR] = "range_connector",
	[LX_WEEKDAY_CUE] = "weekday_cue",
	[LX_PLACE_HEAD] = "place_head",
	[LX_PLACE_TAIL] = "place_tail",
	[LX_PUB_LABEL] = "pub_label",
	[LX_HEADER_WORD] = "header_word",
	[LX_LANG_TRAIT] = "lang_trait",
	[LX_INVITE_END] = "invite_end",
	/* (more document-stage classes go here) */

	[LX_MONTH_NAME] = "month_name",
	[LX_BOX_MARKER] = "box_marker",
	/* (reader classes go here) */

	/* (knowledge-base classes go here) */
};

const char *lsn_lex_class_name(int cls)
{
	return cls > 0 && cls < LX_MAX ? lex_names[cls] : NULL;
}

static uint64_t lex_key(int cls, uint64_t h)
{
	return h ^ ((uint64_t)cls * 0x9e3779b97f4a7c15ull);
}

static int lex_row(struct loader *L, int line, char **cells, int n, const struct cols *c)
{
	lsn_tables *kb = L->kb;
	const char *cname = cell(cells, n, c, 2), *word = cell(cells, n, c, 1);
	int cls = 0;
	for (int k = 1; k < LX_MAX; k++)
		if (lex_names[k] && !strcmp(lex_names[k], cname))
			cls = k;
	if (!cls)
		return fail(L, line, "unknown lexicon class");
	if (!*word)
		return fail(L, line, "empty word");
	if (lsn_grow(&kb->lex[cls], &L->lxcap[cls], kb->nlex[cls] + 1, sizeof *kb->lex[cls]))
		return -1;
	uint32_t idx = (uint32_t)kb->nlex[cls]++;
	struct lsn_lexeme *e = &kb->lex[cls][idx];
	e->word = word;
	e->len = (uint32_t)strlen(word);
	const char *sp = memchr(word, ' ', e->len);
	e->h0 = lsn_fold_hash(word, sp ? (size_t)(sp - word) : e->len);
	e->lang = lang_bits(cell(cells, n, c, 0));
	e->value = atoi(cell(cells, n, c, 3));
	if (e->lang == LANG_ZH)
		kb->lex_zh_first[cls][(unsigned char)word[0] >> 3] |= (uint8_t)(1u << ((unsigned char)word[0] & 7));
	else if (!lsn_map_get(&kb->lex_first, lex_key(cls, e->h0)) &&
		 lsn_map_put(&kb->lex_first, lex_key(cls, e->h0), 1))
		return -1;
	uint64_t kf = lex_key(cls, lsn_fold_hash(word, e->len));
	uint64_t kl = lex_key(cls, lsn_lower_hash(word, e->len));
	/* the first row of a word wins */
	if ((!lsn_map_get(&kb->lex_fold, kf) && lsn_map_put(&kb->lex_fold, kf, idx + 1)) ||
	    (!lsn_map_get(&kb->lex_lower, kl) && lsn_map_put(&kb->lex_lower, kl, idx + 1)))
		return -1;
	return 0;
}

/* The rows a word is, every class at once (struct lsn_tables: lex_tok_fold, lex_tok_lower):
 * of each (class, hash) the row its class map gives, gathered by hash. */
struct lexkey {
	uint64_t h;
	uint32_t cls, idx;
};

static int lexkey_cmp(const void *a, const void *b)
{
	const struct lexkey *x = a, *y = b;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int lex_tok_index(lsn_tables *kb, const struct lsn_map *by_class, struct lsn_map *out, int lower,
			 size_t *cap)
{
	size_t n = 0;
	for (int cls = 1; cls < LX_MAX; cls++)
		n += kb->nlex[cls];
	size_t extra = lower ? 0 : kb->first1.len + 4 * kb->nphrases;
	struct lexkey *keys = malloc((2 * n + extra + 1) * sizeof *keys);
	if (!keys)
		return -1;
	n = 0;
	for (int cls = 1; cls < LX_MAX; cls++)
		for (size_t i = 0; i < kb->nlex[cls]; i++) {
			const struct lsn_lexeme *e = &kb->lex[cls][i];
			uint64_t h = lower ? lsn_lower_hash(e->word, e->len) : lsn_fold_hash(e->word, e->len);
			if (lsn_map_get(by_class, lex_key(cls, h)) == i + 1) /* the row its class keeps */
				keys[n++] = (struct lexkey){h ? h : 1, (uint32_t)cls, (uint32_t)i};
			/* the rows a token may begin (LXP_START + cls): folded, those not zh by
			 * their first word (as lex_first); lower-cased, those zh by their
			 * first character */
			if (!lower && e->lang != LANG_ZH)
				keys[n++] = (struct lexkey){e->h0 ? e->h0 : 1, (uint32_t)(LXP_START + cls), (uint32_t)i};
			if (lower && e->lang == LANG_ZH) {
				size_t c = 0;
				(void)lsn_utf8_next(e->word, e->len, &c);
				keys[n++] = (struct lexkey){lsn_lower_hash(e->word, c), (uint32_t)(LXP_START + cls), (uint32_t)i};
			}
		}
	/* folded, the phrases too (annotate.c): the head of the word's first1 chain, and
	 * whether a phrase of first2 begins with it */
	for (size_t s = 0; !lower && s < kb->first1.cap; s++)
		if (kb->first1.slots[s].key)
			keys[n++] = (struct lexkey){kb->first1.slots[s].key, LXP_FIRST1, kb->first1.slots[s].val};
	for (size_t p = 0; !lower && p < kb->nphrases; p++) {
		const struct lsn_phrase *ph = &kb->phrases[p];
		const uint64_t *pt = kb->ptoks + ph->tok0;
		if (ph->ntok >= 2 && pt[0] != SLOT_PLACE && pt[1] != SLOT_PLACE) {
			keys[n++] = (struct lexkey){pt[0] ? pt[0] : 1, LXP_FIRST2, 0};
			keys[n++] = (struct lexkey){pt[1] ? pt[1] : 1, LXP_SECOND, 0};
		}
		if ((ph->kind == PK_SURNAME_ZH || ph->kind == PK_SURNAME_VI) && pt[0] != SLOT_PLACE)
			keys[n++] = (struct lexkey){pt[0] ? pt[0] : 1, LXP_SURNAME, 0};
		if ((ph->kind == PK_PLACE || ph->kind == PK_DEMONYM) && pt[0] != SLOT_PLACE)
			keys[n++] = (struct lexkey){pt[0] ? pt[0] : 1, LXP_PLACE, 0};
	}
	qsort(keys, n, sizeof *keys, lexkey_cmp);
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		if (i && keys[i].h == keys[i - 1].h && keys[i].cls == keys[i - 1].cls && keys[i].idx == keys[i - 1].idx)
			continue;
		int first = !i || keys[i].h != keys[i - 1].h;
		/* each run ends with an entry of class 0 */
		if (lsn_grow(&kb->lex_post, cap, kb->nlex_post + 3, sizeof *kb->lex_post)) {
			rc = -1;
			break;
		}
		if (first && i)
			kb->lex_post[kb->nlex_post++] = (struct lsn_lexpost){0, 0};
		if (first && lsn_map_put(out, keys[i].h, (uint32_t)kb->nlex_post + 1))
			rc = -1;
		kb->lex_post[kb->nlex_post++] = (struct lsn_lexpost){keys[i].cls, keys[i].idx};
	}
	if (!rc && n)
		kb->lex_post[kb->nlex_post++] = (struct lsn_lexpost){0, 0};
	free(keys);
	return rc;
}

/* Puts word h's runs into kb->words (lsn_words_get). */
static void words_put(lsn_tables *kb, uint64_t h, uint32_t fold, uint32_t lower)
{
	size_t mask = kb->capwords - 1, i = (size_t)(h ^ (h >> 29)) & mask;
	while (kb->words[i].key && kb->words[i].key != h)
		i = (i + 1) & mask;
	kb->words[i].key = h;
	if (fold)
		kb->words[i].fold = fold;
	if (lower)
		kb->words[i].lower = lower;
}

/* kb->words from lex_tok_fold and lex_tok_lower, at most half full. */
static int words_index(lsn_tables *kb)
{
	size_t cap = 1024;
	while (cap < 2 * (kb->lex_tok_fold.len + kb->lex_tok_lower.len))
		cap *= 2;
	if (!(kb->words = calloc(cap, sizeof *kb->words)))
		return -1;
	kb->capwords = cap;
	for (size_t s = 0; s < kb->lex_tok_fold.cap; s++)
		if (kb->lex_tok_fold.slots[s].key)
			words_put(kb, kb->lex_tok_fold.slots[s].key, kb->lex_tok_fold.slots[s].val, 0);
	for (size_t s = 0; s < kb->lex_tok_lower.cap; s++)
		if (kb->lex_tok_lower.slots[s].key)
			words_put(kb, kb->lex_tok_lower.slots[s].key, 0, kb->lex_tok_lower.slots[s].val);
	lsn_map_clear(&kb->lex_tok_fold); /* only words is read */
	lsn_map_clear(&kb->lex_tok_lower);
	return 0;
}

const struct lsn_lexeme *lsn_lex_hash(const lsn_tables *t, int cls, uint64_t fold_hash)
{
	if (cls <= 0 || cls >= LX_MAX)
		return NULL;
	uint32_t i = lsn_map_get(&t->lex_fold, lex_key(cls, fold_hash));
	return i ? &t->lex[cls][i - 1] : NULL;
}

const struct lsn_lexeme *lsn_lex_find(const lsn_tables *t, int cls, const char *s, size_t n)
{
	return lsn_lex_hash(t, cls, lsn_fold_hash(s, n));
}

const struct lsn_lexeme *lsn_lex_find_exact(const lsn_tables *t, int cls, const char *s, size_t n)
{
	if (cls <= 0 || cls >= LX_MAX)
		return NULL;
	uint32_t i = lsn_map_get(&t->lex_lower, lex_key(cls, lsn_lower_hash(s, n)));
	return i ? &t->lex[cls][i - 1] : NULL;
}

int lsn_lex_may_start(const lsn_tables *t, int cls, uint64_t h, unsigned char b)
{
	if (cls <= 0 || cls >= LX_MAX)
		return 0;
	return (t->lex_zh_first[cls][b >> 3] >> (b & 7) & 1) || lsn_map_get(&t->lex_first, lex_key(cls, h));
}

const struct lsn_lexeme *lsn_lex_class(const lsn_tables *t, int cls, size_t *n)
{
	*n = cls > 0 && cls < LX_MAX ? t->nlex[cls] : 0;
	return *n ? t->lex[cls] : NULL;
}

/* ---- loading ---- */

struct table {
	const char *file;
	row_fn fn;
	int required;
	const char *cols[9];
};

static const struct table tables[] = {
	{"places.tsv", place_row, 2, {"id", "level", "parent", "cc", "from", "to", "aliases", "demonyms"}},
	{"titles.tsv", title_row, 4, {"lang", "pattern", "role", "scope", "org", "slot"}},
	{"triggers.tsv", trigger_row, 3, {"lang", "phrase", "type"}},
	{"fields.tsv", field_row, 3, {"lang", "keyword", "field"}},
	{"metrics.tsv", metric_row, 3, {"lang", "keyword", "metric"}},
	{"calendar.tsv", calendar_row, 4, {"lang", "word", "kind", "value"}},
	{"numbers.tsv", number_row, 4, {"lang", "word", "kind", "value"}},
	{"recurring.tsv", series_row, 5, {"series", "edition", "start", "end", "place", "aliases"}},
	{"actors.tsv", actor_row, 2, {"id", "cc", "zh", "vi", "aliases"}},
	{"actor_roles.tsv", arole_row, 2, {"id", "role", "org", "from", "to"}},
	{"surnames.tsv", surname_row, 2, {"lang", "latin", "han"}},
	{"relations.tsv", relation_row, 3, {"lang", "phrase", "type"}},
	{"event_words.tsv", evword_row, 3, {"lang", "phrase", "role"}},
	{"periods.tsv", period_row, 3, {"lang", "phrase", "period"}},
	{"abbreviations.tsv", abbr_row, 3, {"lang", "abbr", "place"}},
	{"lexicon.tsv", lex_row, 3, {"lang", "word", "class", "value"}},
	{"commitments.tsv", commit_row, 3, {"lang", "phrase", "act"}},
	{"followups.tsv", followup_row, 4, {"type", "follow", "days", "detail"}},
};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct lsn_buf b;
	lsn_buf_init(&b);
	char tmp[65536];
	size_t k;
	while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
		lsn_buf_add(&b, tmp, k);
	int bad = ferror(f) || b.oom;
	fclose(f);
	if (bad) {
		lsn_buf_clear(&b);
		return NULL;
	}
	*len = b.len;
	return b.data ? b.data : calloc(1, 1);
}

lsn_tables *lsn_tables_new(const char *dir, char *err, size_t errlen)
{
	lsn_tables *kb = calloc(1, sizeof *kb);
	struct loader L = {.kb = kb, .err = err, .errlen = errlen};
	char *texts[LSN_ARRAY_LEN(tables)] = {0};
	size_t lens[LSN_ARRAY_LEN(tables)] = {0};
	if (errlen)
		err[0] = 0;
	if (!kb)
		goto oom;
	struct stat sb;
	int bad_dir = dir ? stat(dir, &sb) ? errno : !S_ISDIR(sb.st_mode) ? ENOTDIR : 0 : 0;
	if (bad_dir) { /* a typo must not silently mean the built-in tables */
		if (errlen)
			snprintf(err, errlen, "--data %s: %s", dir, strerror(bad_dir));
		lsn_tables_free(kb);
		return NULL;
	}
	/* gather every table into one pool so that cells can point into it */
	size_t total = 0;
	for (size_t t = 0; t < LSN_ARRAY_LEN(tables); t++) {
		if (dir) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dir, tables[t].file);
			texts[t] = slurp(path, &lens[t]);
			if (!texts[t] && errno != ENOENT) {
				L.file = path;
				fail(&L, 0, strerror(errno));
				goto fail;
			}
		}
		if (!texts[t])
			for (size_t b = 0; b < lsn_nblobs; b++)
				if (!strcmp(lsn_blobs[b].name, tables[t].file)) {
					texts[t] = malloc(lsn_blobs[b].len + 1);
					if (!texts[t])
						goto oom;
					memcpy(texts[t], lsn_blobs[b].data, lsn_blobs[b].len);
					lens[t] = lsn_blobs[b].len;
				}
		total += lens[t] + 1;
	}
	kb->pool = malloc(total + 1);
	if (!kb->pool)
		goto oom;
	size_t off[LSN_ARRAY_LEN(tables)];
	for (size_t t = 0; t < LSN_ARRAY_LEN(tables); t++) {
		off[t] = kb->pool_len;
		if (texts[t])
			memcpy(kb->pool + kb->pool_len, texts[t], lens[t]);
		kb->pool_len += lens[t];
		kb->pool[kb->pool_len++] = 0;
		free(texts[t]);
		texts[t] = NULL;
	}
	for (size_t t = 0; t < LSN_ARRAY_LEN(tables); t++) {
		struct cols c = {{0}, {0}};
		for (int k = 0; k < 9 && tables[t].cols[k]; k++)
			c.names[k] = tables[t].cols[k];
		L.file = tables[t].file;
		if (!kb->pool[off[t]])
			continue; /* table absent: fine, the program works with less */
		if (each_row(&L, kb->pool + off[t], &c, tables[t].required, tables[t].fn))
			goto fail;
		if (t == 0 && resolve_parents(&L))
			goto fail;
	}
	resolve_title_orgs(&L);
	size_t cap = 0;
	if (lex_tok_index(kb, &kb->lex_fold, &kb->lex_tok_fold, 0, &cap) ||
	    lex_tok_index(kb, &kb->lex_lower, &kb->lex_tok_lower, 1, &cap) || words_index(kb))
		goto oom;
	return kb;
oom:
	if (errlen)
		snprintf(err, errlen, "out of memory loading the knowledge tables");
fail:
	for (size_t t = 0; t < LSN_ARRAY_LEN(tables); t++)
		free(texts[t]);
	lsn_tables_free(kb);
	return NULL;
}

void lsn_tables_free(lsn_tables *kb)
{
	if (!kb)
		return;
	free(kb->pool);
	free(kb->places);
	free(kb->titles);
	free(kb->actors);
	free(kb->aroles);
	free(kb->eds);
	free(kb->series_names);
	free(kb->scales);
	free(kb->currencies);
	free(kb->currency_forms);
	free(kb->phrases);
	free(kb->ptoks);
	lsn_map_clear(&kb->first);
	lsn_map_clear(&kb->first1);
	lsn_map_clear(&kb->first2);
	lsn_map_clear(&kb->abbrevs);
	lsn_map_clear(&kb->actor_ids);
	lsn_map_clear(&kb->actor_marks);
	lsn_map_clear(&kb->after_slot);
	lsn_map_clear(&kb->vi_surnames);
	for (int k = 0; k < LX_MAX; k++)
		free(kb->lex[k]);
	free(kb->followups);
	lsn_map_clear(&kb->lex_fold);
	lsn_map_clear(&kb->lex_lower);
	lsn_map_clear(&kb->lex_first);
	lsn_map_clear(&kb->lex_tok_fold);
	lsn_map_clear(&kb->lex_tok_lower);
	free(kb->words);
	free(kb->lex_post);
	free(kb);
}
