/*
 * resolve_events.c — events across documents (resolve.c describes the
 * method): the event mentions loaded, merged into clusters of compatible
 * type, date and participants (dated to the day first, then the month, the
 * year, undated; undated ones left over among themselves when their people,
 * the month and day they tell and their publication days agree; copies follow
 * what they copy), and written with their
 * participants, parties and sources.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "store/resolve_int.h"

/* ---- events: loading ---- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

size_t lsn_rs_uniq(uint32_t *list, size_t n)
{
	size_t o = 0;
	lsn_rs_sort(list, n, sizeof *list, cmp_u32);
	for (size_t i = 0; i < n; i++)
		if (!o || list[o - 1] != list[i])
			list[o++] = list[i];
	return o;
}

enum lsn_status lsn_rs_load_events(struct resolver *R)
{
	size_t cap = 0;
	lsn_stmt *s = lsn_st_prep(R->st, "SELECT id, document_id, type, date, place, evidence, "
					     "date_partial FROM event_mentions ORDER BY id");
	if (!s)
		return LSN_EDB;
	int rc;
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		if (lsn_grow(&R->ems, &cap, R->nems + 1, sizeof *R->ems))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		struct rem *e = &R->ems[R->nems];
		memset(e, 0, sizeof *e);
		e->id = lsn_rs_dup(R, lsn_col(s, 0));
		int32_t d = lsn_rs_find_doc(R, lsn_col(s, 1));
		e->doc = d < 0 ? 0 : (uint32_t)d;
		int t = lsn_vocab_find(lsn_ev_types, lsn_col(s, 2), strlen(lsn_col(s, 2)));
		e->type = (uint8_t)(t > 0 ? t : EV_MEETING);
		e->date_s = lsn_rs_text(R, lsn_col(s, 3), NULL);
		e->date = lsn_rs_parse_date(e->date_s);
		e->place = lsn_rs_intern(&R->strs, lsn_col(s, 4));
		const char *ev = lsn_col(s, 5);
		e->ev_hash = *ev ? lsn_hash_bytes(ev, strlen(ev)) | 1 : 0; /* 0: none told */
		const char *partial = lsn_col(s, 6); /* "--MM" or "--MM-DD" */
		if (e->date.prec == DP_NONE && strlen(partial) >= 4) {
			e->pm = (int8_t)atoi(partial + 2);
			e->pd = (int8_t)(strlen(partial) >= 7 ? atoi(partial + 5) : 0);
		}
		e->follows = -1;
		R->nems++;
	}
	lsn_reset(s);
	if (rc != LSN_DB_DONE)
		return lsn_st_dberr(R->st, "reading event mentions");

	/* participants and parties: both ordered like the mentions.  A
	 * participant is the person its person mention was resolved to, which
	 * write_people has stored by now (person ids are interned in the order
	 * of R->people); one without a person mention has none and is left out */
	s = lsn_st_prep(R->st, "SELECT mention_id, person_id FROM event_mention_people "
			       "WHERE person_mention_id IS NOT NULL ORDER BY mention_id, n");
	if (!s)
		return LSN_EDB;
	size_t k = 0;
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		const char *mid = lsn_col(s, 0);
		while (k < R->nems && strcmp(R->ems[k].id, mid) < 0)
			k++;
		uint32_t person = lsn_rs_intern_find(&R->ids, lsn_col(s, 1));
		if (k == R->nems || strcmp(R->ems[k].id, mid) || !person)
			continue;
		if (lsn_grow(&R->parts, &R->capparts, R->nparts + 1, sizeof *R->parts))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		if (!R->ems[k].np)
			R->ems[k].p0 = (uint32_t)R->nparts;
		R->parts[R->nparts++] = person - 1;
		R->ems[k].np++;
	}
	lsn_reset(s);
	if (rc != LSN_DB_DONE)
		return lsn_st_dberr(R->st, "reading participants");
	s = lsn_st_prep(R->st, "SELECT mention_id, place FROM event_mention_parties ORDER BY mention_id, n");
	if (!s)
		return LSN_EDB;
	k = 0;
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		const char *mid = lsn_col(s, 0);
		while (k < R->nems && strcmp(R->ems[k].id, mid) < 0)
			k++;
		if (k == R->nems || strcmp(R->ems[k].id, mid))
			continue;
		if (lsn_grow(&R->parties, &R->capparties, R->nparties + 1, sizeof *R->parties))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		if (!R->ems[k].nq)
			R->ems[k].q0 = (uint32_t)R->nparties;
		R->parties[R->nparties++] = lsn_rs_intern(&R->strs, lsn_col(s, 1));
		R->ems[k].nq++;
	}
	lsn_reset(s);
	if (rc != LSN_DB_DONE)
		return lsn_st_dberr(R->st, "reading parties");
	for (size_t i = 0; i < R->nems; i++) {
		struct rem *e = &R->ems[i];
		if (e->np)
			e->np = (uint32_t)lsn_rs_uniq(R->parts + e->p0, e->np);
		if (e->nq)
			e->nq = (uint32_t)lsn_rs_uniq(R->parties + e->q0, e->nq);
	}
	return R->oom ? lsn_st_fail(R->st, LSN_ENOMEM, "out of memory") : LSN_OK;
}

/* ---- events: clusters ---- */

static uint8_t type_group(uint8_t t) { return t == EV_VIRTUAL ? EV_MEETING : t; }

static int add_sorted(uint32_t **list, size_t *n, size_t *cap, const uint32_t *add, size_t nadd)
{
	if (lsn_grow(list, cap, *n + nadd + 1, sizeof **list))
		return -1;
	if (nadd)
		memcpy(*list + *n, add, nadd * sizeof *add);
	*n = lsn_rs_uniq(*list, *n + nadd);
	return 0;
}

/* Adds people (sorted, no repeats) with their counts (NULL: 1 each) to g. */
static int add_people(struct agg *g, const uint32_t *ids, const uint32_t *counts, size_t n)
{
	uint32_t *p = malloc((g->npeople + n + 1) * sizeof *p), *c = malloc((g->npeople + n + 1) * sizeof *c);
	size_t i = 0, j = 0, k = 0;
	if (!p || !c) {
		free(p);
		free(c);
		return -1;
	}
	while (i < g->npeople || j < n) {
		if (j == n || (i < g->npeople && g->people[i] < ids[j])) {
			p[k] = g->people[i];
			c[k++] = g->pcount[i++];
		} else if (i == g->npeople || ids[j] < g->people[i]) {
			p[k] = ids[j];
			c[k++] = counts ? counts[j] : 1;
			j++;
		} else {
			p[k] = g->people[i];
			c[k++] = g->pcount[i++] + (counts ? counts[j] : 1);
			j++;
		}
	}
	free(g->people);
	free(g->pcount);
	g->people = p;
	g->pcount = c;
	g->npeople = k;
	return 0;
}

/* The count of each person of a cluster of one mention: 1. */
static const uint32_t ones[LSN_REC_LIST] = {[0 ... LSN_REC_LIST - 1] = 1};

/* The cluster of one mention.  Its lists are the mention's own (sorted,
 * without repeats since lsn_rs_load_events): nothing is allocated until it joins
 * another (agg_own), so that memory holds one copy of the facts of the
 * hundreds of thousands of mentions of a large crawl. */
static int agg_init(struct resolver *R, struct agg *g, const struct rem *e)
{
	memset(g, 0, sizeof *g);
	g->group = type_group(e->type);
	g->types = (uint8_t)(1u << e->type);
	g->date = e->date;
	g->nmem = 1;
	if (e->np <= LSN_REC_LIST) {
		g->people = e->np ? R->parts + e->p0 : NULL;
		g->pcount = (uint32_t *)ones; /* read only: the lists change only once owned */
		g->npeople = e->np;
		g->places = e->nq ? R->parties + e->q0 : NULL;
		g->nplaces = e->nq;
		g->docs = (uint32_t *)&e->doc;
		g->ndocs = 1;
		return 0;
	}
	g->owned = 1;
	if (add_people(g, e->np ? R->parts + e->p0 : NULL, NULL, e->np) ||
	    add_sorted(&g->places, &g->nplaces, &g->capplaces, e->nq ? R->parties + e->q0 : NULL, e->nq) ||
	    add_sorted(&g->docs, &g->ndocs, &g->capdocs, &e->doc, 1))
		return -1;
	return 0;
}

/* Gives g lists of its own, before they change. */
static int agg_own(struct agg *g)
{
	if (g->owned)
		return 0;
	uint32_t *people = NULL, *pcount = NULL, *places = NULL, *docs = NULL;
	size_t capplaces = 0, capdocs = 0;
	if (lsn_grow(&people, &(size_t){0}, g->npeople + 1, sizeof *people) ||
	    lsn_grow(&pcount, &(size_t){0}, g->npeople + 1, sizeof *pcount) ||
	    lsn_grow(&places, &capplaces, g->nplaces + 1, sizeof *places) ||
	    lsn_grow(&docs, &capdocs, g->ndocs + 1, sizeof *docs)) {
		free(people);
		free(pcount);
		free(places);
		free(docs);
		return -1;
	}
	if (g->npeople) {
		memcpy(people, g->people, g->npeople * sizeof *people);
		memcpy(pcount, g->pcount, g->npeople * sizeof *pcount);
	}
	if (g->nplaces)
		memcpy(places, g->places, g->nplaces * sizeof *places);
	memcpy(docs, g->docs, g->ndocs * sizeof *docs);
	g->people = people;
	g->pcount = pcount;
	g->places = places;
	g->capplaces = capplaces;
	g->docs = docs;
	g->capdocs = capdocs;
	g->owned = 1;
	return 0;
}

/* Does a name one of the principal people of cluster b: someone at least
 * half of b's mentions name?  Weakly dated reports must match on those. */
static int names_principal(const struct agg *a, const struct agg *b)
{
	for (size_t i = 0, j = 0; i < a->npeople && j < b->npeople;) {
		if (a->people[i] == b->people[j]) {
			if (2 * b->pcount[j] >= b->nmem)
				return 1;
			i++, j++;
		} else if (a->people[i] < b->people[j]) {
			i++;
		} else {
			j++;
		}
	}
	return 0;
}

static size_t shared(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			n++, i++, j++;
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return n;
}

/* A side on which a and b name people, none of them the same. */
static int side_conflict(const struct resolver *R, const struct agg *a, const struct agg *b, int *overlap)
{
	int conflict = 0;
	*overlap = 0;
	for (size_t i = 0; i < a->npeople; i++) {
		uint32_t cc = R->people[a->people[i]].cc;
		if (!cc)
			continue;
		int b_side = 0, common = 0;
		for (size_t j = 0; j < b->npeople; j++)
			if (R->people[b->people[j]].cc == cc) {
				b_side = 1;
				for (size_t k = 0; k < a->npeople; k++)
					if (a->people[k] == b->people[j])
						common = 1;
			}
		if (b_side)
			*overlap = 1;
		if (b_side && !common)
			conflict = 1;
	}
	return conflict;
}

/* Could a and b report one event?  Returns a score > 0 (stronger evidence,
 * higher), or 0. */
static int fits(const struct resolver *R, const struct agg *a, const struct agg *b)
{
	if (a->group != b->group || !lsn_rs_date_fits(a->date, b->date))
		return 0;
	/* the events one document tells apart stay apart */
	if (shared(a->docs, a->ndocs, b->docs, b->ndocs))
		return 0;
	size_t sp = shared(a->people, a->npeople, b->people, b->npeople);
	size_t sq = shared(a->places, a->nplaces, b->places, b->nplaces);
	int overlap = 0;
	if (a->npeople && b->npeople) {
		if (side_conflict(R, a, b, &overlap))
			return 0;
		if (!sp && overlap)
			return 0;
	}
	if (!sp && sq < 2)
		return 0;
	return (int)(4 * sp + sq + ((a->types & b->types) ? 2 : 0));
}

void lsn_rs_agg_free(struct agg *g)
{
	if (g->owned) {
		free(g->people);
		free(g->pcount);
		free(g->docs);
		free(g->places);
	}
	memset(g, 0, sizeof *g);
}

/* Joins the cluster of mention y into that of x (roots), keeping x's root
 * the smaller index. */
static int join(struct resolver *R, uint32_t x, uint32_t y)
{
	uint32_t rx = lsn_rs_uf_find(R->uf, x), ry = lsn_rs_uf_find(R->uf, y);
	if (rx == ry)
		return 0;
	if (ry < rx) {
		uint32_t t = rx;
		rx = ry;
		ry = t;
	}
	struct agg *a = &R->aggs[rx], *b = &R->aggs[ry];
	if (agg_own(a) || add_people(a, b->people, b->pcount, b->npeople) ||
	    add_sorted(&a->places, &a->nplaces, &a->capplaces, b->places, b->nplaces) ||
	    add_sorted(&a->docs, &a->ndocs, &a->capdocs, b->docs, b->ndocs))
		return -1;
	a->nmem += b->nmem;
	a->types |= b->types;
	if (b->date.prec > a->date.prec)
		a->date = b->date;
	lsn_rs_agg_free(b);
	R->uf[ry] = rx;
	return 0;
}

struct pair {
	uint32_t a, b;
	int score;
};

static int cmp_pair(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;
	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* Blocking keys of a mention: its people and its parties. */
static size_t block_keys(const struct resolver *R, const struct rem *e, uint64_t *out)
{
	size_t n = 0;
	for (uint32_t i = 0; i < e->np; i++)
		out[n++] = (uint64_t)R->parts[e->p0 + i] << 1;
	for (uint32_t i = 0; i < e->nq; i++)
		out[n++] = (uint64_t)R->parties[e->q0 + i] << 1 | 1;
	return n;
}


struct keyed {
	uint64_t key;
	uint32_t m;
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *p = x, *q = y;
	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	return p->m < q->m ? -1 : p->m > q->m;
}

static int undated_fit(const struct resolver *R, uint32_t x, uint32_t y);

/* Merges the mentions `set` (all of one date block, not yet clustered)
 * among themselves: candidate pairs share a person or a party; the
 * strongest pairs join first, and a pair joins only when the two clusters
 * still fit as a whole.  With `undated`, the mentions have no date, and a
 * pair must also agree on what time they do tell (undated_fit). */
static int merge_block(struct resolver *R, const uint32_t *set, size_t n, int undated)
{
	struct keyed *kv = NULL;
	struct pair *pairs = NULL;
	size_t nkv = 0, capkv = 0, npairs = 0, cappairs = 0;
	int rc = -1;
	for (size_t i = 0; i < n; i++) {
		uint64_t keys[2 * LSN_REC_LIST + 2];
		size_t nk = block_keys(R, &R->ems[set[i]], keys);
		if (lsn_grow(&kv, &capkv, nkv + nk + 1, sizeof *kv))
			goto done;
		for (size_t k = 0; k < nk; k++) {
			kv[nkv].key = keys[k];
			kv[nkv++].m = set[i];
		}
	}
	lsn_rs_sort(kv, nkv, sizeof *kv, cmp_keyed);
	for (size_t a = 0; a < nkv;) {
		size_t b = a;
		while (b < nkv && kv[b].key == kv[a].key)
			b++;
		for (size_t i = a; i < b; i++)
			for (size_t j = i + 1; j < b && j < i + 2048; j++) {
				uint32_t x = kv[i].m, y = kv[j].m;
				int sc = fits(R, &R->aggs[x], &R->aggs[y]);
				if (!sc || (undated && !undated_fit(R, x, y)))
					continue;
				if (lsn_grow(&pairs, &cappairs, npairs + 1, sizeof *pairs))
					goto done;
				pairs[npairs].a = x < y ? x : y;
				pairs[npairs].b = x < y ? y : x;
				pairs[npairs++].score = sc;
			}
		a = b;
	}
	lsn_rs_sort(pairs, npairs, sizeof *pairs, cmp_pair);
	for (size_t i = 0; i < npairs; i++) {
		uint32_t ra = lsn_rs_uf_find(R->uf, pairs[i].a), rb = lsn_rs_uf_find(R->uf, pairs[i].b);
		if (ra == rb || !fits(R, &R->aggs[ra], &R->aggs[rb]) || (undated && !undated_fit(R, ra, rb)))
			continue;
		if (join(R, ra, rb))
			goto done;
	}
	rc = 0;
done:
	free(kv);
	free(pairs);
	return rc;
}

/* The date block of a date at a precision: the day, month or year number. */
static uint64_t date_block(struct ymd d, int prec)
{
	uint64_t v = (uint64_t)(d.y > 0 ? d.y : 0);
	if (prec >= DP_MONTH)
		v = v * 13 + (uint64_t)(d.m > 0 ? d.m : 0);
	if (prec >= DP_DAY)
		v = v * 32 + (uint64_t)(d.d > 0 ? d.d : 0);
	return v;
}

static const struct resolver *sort_em_ctx;

static int cmp_by_date(const void *a, const void *b)
{
	const struct rem *x = &sort_em_ctx->ems[*(const uint32_t *)a];
	const struct rem *y = &sort_em_ctx->ems[*(const uint32_t *)b];
	uint64_t bx = date_block(x->date, x->date.prec), by = date_block(y->date, y->date.prec);
	if (bx != by)
		return bx < by ? -1 : 1;
	return cmp_u32(a, b);
}

/* Merges the mentions of `set` of one precision among themselves, block by
 * block of equal date. */
static int merge_dated(struct resolver *R, uint32_t *set, size_t n)
{
	sort_em_ctx = R;
	lsn_rs_sort(set, n, sizeof *set, cmp_by_date);
	for (size_t a = 0; a < n;) {
		size_t b = a;
		const struct rem *first = &R->ems[set[a]];
		while (b < n && date_block(R->ems[set[b]].date, first->date.prec) ==
					date_block(first->date, first->date.prec))
			b++;
		if (merge_block(R, set + a, b - a, 0))
			return -1;
		a = b;
	}
	return 0;
}

/* The year of an undated mention's month and day ("--11-14") when its document's
 * publication day is known: the latest such day not after it (a report comes after
 * what it tells; a day's slack for time zones); 0 when it cannot be told. */
static int partial_year(const struct resolver *R, const struct rem *e)
{
	struct ymd p = lsn_rs_parse_date(R->docs[e->doc].pub);
	if (!e->pm || p.prec < DP_DAY)
		return 0;
	int y = p.y;
	if (e->pm > p.m || (e->pm == p.m && e->pd && e->pd > p.d + 1))
		y--;
	return y;
}

/* Two undated mentions (x, y) of one event: what they tell of its time must agree.
 * Month and day told without a year: the same.  Publication days: both known and at
 * most three days apart (reports of one meeting come out together); when neither is
 * known, the same month and day told by both.  And they name people, someone of them
 * in both: an undated report naming nobody is too little to go on. */
static int undated_fit(const struct resolver *R, uint32_t x, uint32_t y)
{
	const struct rem *a = &R->ems[x], *b = &R->ems[y];
	if (a->date.prec != DP_NONE || b->date.prec != DP_NONE || !a->np || !b->np)
		return 0;
	if (!shared(R->parts + a->p0, a->np, R->parts + b->p0, b->np))
		return 0;
	if (a->pm && b->pm && (a->pm != b->pm || (a->pd && b->pd && a->pd != b->pd)))
		return 0;
	struct ymd pa = lsn_rs_parse_date(R->docs[a->doc].pub);
	struct ymd pb = lsn_rs_parse_date(R->docs[b->doc].pub);
	if (pa.prec == DP_DAY && pb.prec == DP_DAY) {
		long gap = lsn_days(pa.y, pa.m, pa.d) - lsn_days(pb.y, pb.m, pb.d);
		if (gap > 3 || gap < -3)
			return 0;
		int ya = partial_year(R, a), yb = partial_year(R, b);
		return !ya || !yb || ya == yb;
	}
	return pa.prec < DP_DAY && pb.prec < DP_DAY && a->pm && a->pd && a->pm == b->pm && a->pd == b->pd;
}

/* How many days before the publication day `pub` date d is (a day after it
 * counts as 0: time zones), or LONG_MAX when either is not known to the day. */
static long days_before(const char *pub, struct ymd d)
{
	struct ymd p = lsn_rs_parse_date(pub);
	if (p.prec < DP_DAY || d.prec < DP_DAY)
		return LONG_MAX;
	long gap = lsn_days(p.y, p.m, p.d) - lsn_days(d.y, d.m, d.d);
	return gap == -1 ? 0 : gap < 0 ? LONG_MAX : gap;
}

/* May an undated mention of a document published on `pub` report an event
 * of date d?  Reports come after the event, within about a year. */
static int plausible_for(const char *pub, struct ymd d)
{
	struct ymd p = lsn_rs_parse_date(pub);
	if (p.prec < DP_DAY || d.prec < DP_YEAR)
		return 1;
	if (d.y > p.y || d.y < p.y - 1)
		return 0;
	if (d.y == p.y && d.prec >= DP_MONTH && d.m > p.m)
		return 0;
	if (d.y == p.y && d.m == p.m && d.prec >= DP_DAY && d.d > p.d + 1)
		return 0;
	return 1;
}

/* Each mention of `set` joins the one existing cluster (of a mention not in
 * `set`) it fits best, if that one fits strictly better than any other; the
 * clusters are judged as they were before this step, whatever joins in it.
 * `prec` is the block precision (DP_MONTH, DP_YEAR, or DP_NONE for any
 * date).  Mentions that join are marked 0 in `set` (their index + 1). */
static int attach(struct resolver *R, uint32_t *set, size_t n, int prec)
{
	struct keyed *kv = NULL;
	uint32_t *target = NULL;
	size_t nkv = 0, capkv = 0;
	int rc = -1;
	char *inset = calloc(R->nems + 1, 1);
	target = malloc((n + 1) * sizeof *target);
	if (!inset || !target)
		goto done;
	for (size_t i = 0; i < n; i++)
		inset[set[i]] = 1;
	/* the clusters there are: their keys under their date block */
	for (size_t r = 0; r < R->nems; r++) {
		if (R->uf[r] != r || inset[r] || R->ems[r].follows >= 0)
			continue;
		const struct agg *g = &R->aggs[r];
		if (prec != DP_NONE && g->date.prec < prec)
			continue;
		uint64_t blk = prec == DP_NONE ? 0 : date_block(g->date, prec);
		size_t nk = g->npeople + g->nplaces;
		if (lsn_grow(&kv, &capkv, nkv + nk + 1, sizeof *kv))
			goto done;
		for (size_t k = 0; k < g->npeople; k++) {
			kv[nkv].key = (blk << 40) ^ ((uint64_t)g->people[k] << 1);
			kv[nkv++].m = (uint32_t)r;
		}
		for (size_t k = 0; k < g->nplaces; k++) {
			kv[nkv].key = (blk << 40) ^ ((uint64_t)g->places[k] << 1 | 1);
			kv[nkv++].m = (uint32_t)r;
		}
	}
	lsn_rs_sort(kv, nkv, sizeof *kv, cmp_keyed);
	for (size_t i = 0; i < n; i++) {
		const struct rem *e = &R->ems[set[i]];
		uint64_t keys[2 * LSN_REC_LIST + 2];
		size_t nk = block_keys(R, e, keys);
		uint64_t blk = prec == DP_NONE ? 0 : date_block(e->date, prec);
		int best = 0, second = 0;
		uint32_t broot = UINT32_MAX;
		const char *pub = R->docs[e->doc].pub;
		target[i] = UINT32_MAX;
		for (size_t k = 0; k < nk; k++) {
			struct keyed probe = {(blk << 40) ^ keys[k], 0};
			size_t lo = 0, hi = nkv;
			while (lo < hi) { /* first entry with this key */
				size_t mid = (lo + hi) / 2;
				if (cmp_keyed(&kv[mid], &probe) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (size_t j = lo; j < nkv && kv[j].key == probe.key; j++) {
				uint32_t r = kv[j].m;
				if (r == broot)
					continue; /* seen through another key */
				if (prec == DP_NONE && !plausible_for(pub, R->aggs[r].date))
					continue;
				/* "on November 14" of no known year: not an event of
				 * another month or day */
				const struct ymd *gd = &R->aggs[r].date;
				if (e->pm && ((gd->prec >= DP_MONTH && gd->m != e->pm) ||
					      (e->pd && gd->prec == DP_DAY && gd->d != e->pd)))
					continue;
				/* ... and, published on a known day, of the year before it:
				 * not the same day of another year */
				int py = partial_year(R, e);
				if (py && gd->prec >= DP_YEAR && gd->y != py)
					continue;
				/* a report dated to the year or not at all joins on the
				 * event's principal people only */
				if (prec <= DP_YEAR && !names_principal(&R->aggs[set[i]], &R->aggs[r]) &&
				    (prec == DP_NONE || e->np))
					continue;
				int sc = fits(R, &R->aggs[set[i]], &R->aggs[r]);
				/* an undated report published within a week after an
				 * event tells of that one rather than of an older one */
				if (sc && prec == DP_NONE && days_before(pub, *gd) <= 7)
					sc += 4;
				if (sc > best) {
					second = best;
					best = sc;
					broot = r;
				} else if (sc && sc >= second && r != broot) {
					second = sc;
				}
			}
		}
		if (best && best > second)
			target[i] = broot;
	}
	for (size_t i = 0; i < n; i++)
		if (target[i] != UINT32_MAX) {
			if (join(R, target[i], set[i]))
				goto done;
			set[i] = UINT32_MAX;
		}
	rc = 0;
done:
	free(kv);
	free(inset);
	free(target);
	return rc;
}

/* Drops the entries marked UINT32_MAX; returns the new length. */
static size_t compact(uint32_t *set, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if (set[i] != UINT32_MAX)
			set[o++] = set[i];
	return o;
}

static const struct resolver *sort_doc_ctx;

static int cmp_by_doc(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint32_t dx = sort_doc_ctx->ems[x].doc, dy = sort_doc_ctx->ems[y].doc;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Each mention of a near-duplicate document follows the first unused
 * mention of the document it copies with the same type group and a
 * fitting date (the same type and date preferred); failing that, one told
 * in the very same sentence (a copy republished later reads "on Saturday"
 * as another day): the same fact, whose date is not counted. */
static int link_duplicates(struct resolver *R)
{
	size_t n = R->nems;
	uint32_t *by = malloc((n + 1) * sizeof *by), *start = calloc(R->ndocs + 1, sizeof *start);
	char *used = calloc(n + 1, 1);
	if (!by || !start || !used) {
		free(by);
		free(start);
		free(used);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		by[i] = (uint32_t)i;
	sort_doc_ctx = R;
	lsn_rs_sort(by, n, sizeof *by, cmp_by_doc);
	for (size_t i = n; i-- > 0;)
		start[R->ems[by[i]].doc] = (uint32_t)i;
	for (size_t i = 0; i < n; i++) {
		struct rem *e = &R->ems[by[i]];
		int32_t orig = R->docs[e->doc].dup_of;
		if (orig < 0)
			continue;
		int32_t pick = -1, exact = -1;
		for (size_t j = start[orig]; j < n && R->ems[by[j]].doc == (uint32_t)orig; j++) {
			const struct rem *o = &R->ems[by[j]];
			if (used[by[j]] || type_group(o->type) != type_group(e->type) || !lsn_rs_date_fits(o->date, e->date))
				continue;
			if (pick < 0)
				pick = (int32_t)by[j];
			if (exact < 0 && o->type == e->type && o->date.prec == e->date.prec)
				exact = (int32_t)by[j];
		}
		if (exact >= 0)
			pick = exact;
		for (size_t j = start[orig]; pick < 0 && j < n && R->ems[by[j]].doc == (uint32_t)orig; j++) {
			const struct rem *o = &R->ems[by[j]];
			if (!used[by[j]] && type_group(o->type) == type_group(e->type) && e->ev_hash &&
			    o->ev_hash == e->ev_hash) {
				pick = (int32_t)by[j];
				e->no_date = 1;
			}
		}
		if (pick >= 0) {
			used[pick] = 1;
			e->follows = pick;
		}
	}
	free(by);
	free(start);
	free(used);
	return 0;
}

enum lsn_status lsn_rs_resolve_events(struct resolver *R)
{
	size_t n = R->nems;
	uint32_t *set = malloc((n + 1) * sizeof *set);
	R->uf = malloc((n + 1) * sizeof *R->uf);
	R->aggs = calloc(n + 1, sizeof *R->aggs);
	if (!set || !R->uf || !R->aggs)
		goto oom;
	if (link_duplicates(R))
		goto oom;
	/* the cluster of each mention; those of mentions that follow a
	 * near-duplicate's are made only when they join it, at the end (with
	 * many copies of one story this keeps memory to the distinct ones) */
	for (size_t i = 0; i < n; i++) {
		R->uf[i] = (uint32_t)i;
		if (R->ems[i].follows < 0 && agg_init(R, &R->aggs[i], &R->ems[i]))
			goto oom;
	}
	/* day, then month, then year, then undated */
	static const int precs[] = {DP_DAY, DP_MONTH, DP_YEAR, DP_NONE};
	for (int p = 0; p < 4; p++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (R->ems[i].date.prec == precs[p] && R->ems[i].follows < 0)
				set[m++] = (uint32_t)i;
		if (precs[p] != DP_DAY) {
			if (attach(R, set, m, precs[p] == DP_NONE ? DP_NONE : precs[p]))
				goto oom;
			m = compact(set, m);
		}
		if (precs[p] != DP_NONE && merge_dated(R, set, m))
			goto oom;
		/* undated reports that joined no dated event: among themselves, when
		 * people and the time they tell agree (undated_fit) */
		if (precs[p] == DP_NONE && merge_block(R, set, m, 1))
			goto oom;
	}
	for (size_t i = 0; i < n; i++)
		if (R->ems[i].follows >= 0 && (agg_init(R, &R->aggs[i], &R->ems[i]) ||
						join(R, (uint32_t)R->ems[i].follows, (uint32_t)i)))
			goto oom;
	free(set);
	return LSN_OK;
oom:
	free(set);
	return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
}

struct count {
	uint32_t v, n;
	const char *name;
};

static int cmp_count(const void *a, const void *b)
{
	const struct count *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int tally_add(struct count **c, size_t *n, size_t *cap, uint32_t v, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if ((*c)[i].v == v) {
			(*c)[i].n++;
			return 0;
		}
	if (lsn_grow(c, cap, *n + 1, sizeof **c))
		return -1;
	(*c)[(*n)++] = (struct count){v, 1, name};
	return 0;
}

enum lsn_status lsn_rs_write_events(struct resolver *R)
{
	enum lsn_status e = LSN_OK;
	size_t n = R->nems;
	uint32_t *start = calloc(n + 1, sizeof *start), *members = malloc((n + 1) * sizeof *members);
	uint32_t *fill = calloc(n + 1, sizeof *fill);
	struct count *cp = NULL, *cq = NULL, *cd = NULL, *cl = NULL, *dates = NULL;
	size_t capp = 0, capq = 0, capd = 0, capl = 0, capdates = 0;
	lsn_stmt *s;
	if ((!start || !members || !fill) && lsn_rs_nomem(R, &e))
		goto out;
	/* members of each root, in mention order */
	for (size_t i = 0; i < n; i++)
		start[lsn_rs_uf_find(R->uf, (uint32_t)i) + 1]++;
	for (size_t i = 1; i <= n; i++)
		start[i] += start[i - 1];
	for (size_t i = 0; i < n; i++) {
		uint32_t r = lsn_rs_uf_find(R->uf, (uint32_t)i);
		members[start[r] + fill[r]++] = (uint32_t)i;
	}
	for (size_t r = 0; r < n; r++) {
		if (R->uf[r] != r)
			continue;
		const uint32_t *m = members + start[r];
		size_t nm = fill[r], np = 0, nq = 0, nd = 0, nl = 0, ndates = 0;
		uint8_t types = 0;
		int prec = DP_NONE;
		for (size_t i = 0; i < nm; i++) {
			const struct rem *x = &R->ems[m[i]];
			types |= (uint8_t)(1u << x->type);
			if (x->date.prec > prec && !x->no_date)
				prec = x->date.prec;
			for (uint32_t k = 0; k < x->np; k++) {
				uint32_t v = R->parts[x->p0 + k];
				if (tally_add(&cp, &np, &capp, v, R->people[v].id) && lsn_rs_nomem(R, &e))
					goto out;
			}
			for (uint32_t k = 0; k < x->nq; k++) {
				uint32_t v = R->parties[x->q0 + k];
				if (tally_add(&cq, &nq, &capq, v, lsn_rs_str_of(R, v)) && lsn_rs_nomem(R, &e))
					goto out;
			}
			if (x->place && tally_add(&cl, &nl, &capl, x->place, lsn_rs_str_of(R, x->place)) && lsn_rs_nomem(R, &e))
				goto out;
			if (tally_add(&cd, &nd, &capd, R->docs[x->doc].rep, "") && lsn_rs_nomem(R, &e))
				goto out;
		}
		for (size_t i = 0; i < nm; i++) {
			const struct rem *x = &R->ems[m[i]];
			if (x->date.prec == prec && prec != DP_NONE && !x->no_date &&
			    tally_add(&dates, &ndates, &capdates, lsn_rs_intern(&R->strs, x->date_s), x->date_s) &&
			    lsn_rs_nomem(R, &e))
				goto out;
		}
		lsn_rs_sort(cp, np, sizeof *cp, cmp_count);
		lsn_rs_sort(cq, nq, sizeof *cq, cmp_count);
		lsn_rs_sort(cl, nl, sizeof *cl, cmp_count);
		lsn_rs_sort(dates, ndates, sizeof *dates, cmp_count);
		uint8_t type = R->ems[r].type;
		if (type_group(type) == EV_MEETING)
			type = (types & (1u << EV_VIRTUAL)) ? EV_VIRTUAL : EV_MEETING;
		char id[32];
		snprintf(id, sizeof id, "e-%016llx",
			 (unsigned long long)lsn_rs_mix64(lsn_hash_bytes(R->ems[r].id, strlen(R->ems[r].id))));
		if (!(s = lsn_rs_prep(R, &e, "INSERT INTO events (id, type, date, place, n_sources, n_documents) "
				       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")))
			goto out;
		lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
		lsn_bind_textn(s, 2, lsn_ev_types[type], -1, LSN_DB_STATIC);
		lsn_bind_text(s, 3, ndates ? dates[0].name : NULL);
		lsn_bind_text(s, 4, nl ? cl[0].name : NULL);
		lsn_bind_int64(s, 5, (int64_t)nm);
		lsn_bind_int64(s, 6, (int64_t)nd);
		if ((e = lsn_st_done(R->st, s, "storing an event")))
			goto out;
		for (size_t k = 0; k < np; k++) {
			if (!(s = lsn_rs_prep(R, &e, "INSERT INTO event_participants (event_id, person_id, n) "
						     "VALUES (?1, ?2, ?3)")))
				goto out;
			lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
			lsn_bind_textn(s, 2, cp[k].name, -1, LSN_DB_STATIC);
			lsn_bind_int64(s, 3, (int64_t)k);
			if ((e = lsn_st_done(R->st, s, "storing a participant")))
				goto out;
		}
		for (size_t k = 0; k < nq; k++) {
			if (!(s = lsn_rs_prep(R, &e, "INSERT INTO event_parties (event_id, place, n) "
						     "VALUES (?1, ?2, ?3)")))
				goto out;
			lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
			lsn_bind_textn(s, 2, cq[k].name, -1, LSN_DB_STATIC);
			lsn_bind_int64(s, 3, (int64_t)k);
			if ((e = lsn_st_done(R->st, s, "storing a party")))
				goto out;
		}
		for (size_t i = 0; i < nm; i++) {
			if (!(s = lsn_rs_prep(R, &e, "INSERT INTO event_sources (event_id, event_mention_id) "
						     "VALUES (?1, ?2)")))
				goto out;
			lsn_bind_textn(s, 1, id, -1, LSN_DB_COPY);
			lsn_bind_textn(s, 2, R->ems[m[i]].id, -1, LSN_DB_STATIC);
			if ((e = lsn_st_done(R->st, s, "storing a source")))
				goto out;
			if (!(s = lsn_rs_prep(R, &e, "UPDATE event_mentions SET event_id = ?2 "
						     "WHERE id = ?1 AND event_id IS NOT ?2")))
				goto out;
			lsn_bind_textn(s, 1, R->ems[m[i]].id, -1, LSN_DB_STATIC);
			lsn_bind_textn(s, 2, id, -1, LSN_DB_COPY);
			if ((e = lsn_st_done(R->st, s, "linking an event mention")))
				goto out;
		}
	}
out:
	free(start);
	free(members);
	free(fill);
	free(cp);
	free(cq);
	free(cd);
	free(cl);
	free(dates);
	return e;
}

