/*
 * figures.c — figures: amounts with a metric word (trade, investment,
 * counts), their period and their change.
 */
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "extract_int.h"

/* Below this, an amount of money (in its currency's units) with no metric word is a price
 * or a wage, never a figure of the ties between places. */
#define SMALL_AMOUNT 10000.0

/* A metric hit right after a number: "six deals", "34 booths", "5.153
 * million passenger trips", "600 Vietnamese students" (one word between). */
static int count_metric(const struct x *X, const struct lsn_num *nm)
{
	const lsn_doc *doc = X->doc;
	/* Chinese counts a measure word, then the thing: "8项各领域合作文件" */
	uint32_t reach = 1;
	/* a size, not a count: "10.000m2 gian hàng ngoài trời", "5,000 square meters" */
	if (nm->t1 < doc->ntoks && lsn_x_lex_tok(X->kb, doc, LX_MEASURE_UNIT, nm->t1))
		return 0;
	if (lsn_x_lex_tok(X->kb, doc, LX_MEASURE_WORD, nm->t1))
		reach = 8;
	for (size_t h = X->hit0[nm->t1]; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->t0 < nm->t1)
			continue;
		if (hit->t0 > nm->t1 + reach || doc->toks[hit->t0].sent != doc->toks[nm->t0].sent)
			break;
		if (hit->kind == PK_METRIC && (hit->val == 7 || hit->val == 6)) /* other, visitors */
			return (int)hit->val;
	}
	return 0;
}

/* The clause of tokens [t0, t1) in sentence si: up to the marks of lexicon clause_end. */
static void clause_of(const struct x *X, uint32_t si, uint32_t t0, uint32_t t1, uint32_t *c0, uint32_t *c1)
{
	const lsn_doc *doc = X->doc;
	uint32_t a = t0, b = t1;
	while (a > X->st0[si] && !lsn_x_lex_tok(X->kb, doc, LX_CLAUSE_END, a - 1))
		a--;
	while (b < X->st1[si] && !lsn_x_lex_tok(X->kb, doc, LX_CLAUSE_END, b))
		b++;
	*c0 = a, *c1 = b;
}

/* A part of a year (lexicon periods.tsv) in tokens [c0, c1): its hit, or NULL. */
static const struct lsn_hit *period_hit(const struct x *X, uint32_t c0, uint32_t c1)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[c0]; h < doc->nhits && doc->hits[h].t0 < c1; h++)
		if (doc->hits[h].kind == PK_PERIOD && doc->hits[h].t0 >= c0 && (doc->hits[h].val & 63))
			return &doc->hits[h];
	return NULL;
}

/* The period of year y narrowed by a part of a year (hit, or NULL): "2022-H1",
 * "2021-01..2021-05". */
static void period_of(const struct lsn_hit *ph, int y, char *out, size_t cap)
{
	unsigned py = (unsigned)y % 10000u, v = ph ? ph->val & 63 : 0;
	if (v == 1 || v == 2)
		snprintf(out, cap, "%04u-H%u", py, v);
	else if (v >= 11 && v <= 14)
		snprintf(out, cap, "%04u-Q%u", py, v - 10);
	else if (v > 20 && v <= 32)
		snprintf(out, cap, "%04u-01..%04u-%02u", py, py, v - 20);
	else
		snprintf(out, cap, "%04u", py);
}

/* A year the date hit k tells a figure of the given metric, or 0: "2019-2020" a span (*y2
 * its last year). */
static int figure_year(const struct x *X, size_t k, int metric, int *y2)
{
	const lsn_doc *doc = X->doc;
	const struct lsn_datehit *dh = &doc->dates[k];
	*y2 = 0;
	if (dh->relative || !dh->dt.y || !dh->dt.prec || dh->range == 2)
		return 0;
	int span = dh->dt.prec == DP_YEAR && k + 1 < doc->ndates && doc->dates[k + 1].dt.prec == DP_YEAR &&
		   doc->dates[k + 1].t0 == dh->t1 + 1 && lsn_x_in_range(X, dh) &&
		   doc->dates[k + 1].dt.y > dh->dt.y && doc->dates[k + 1].dt.y <= dh->dt.y + 10;
	/* a count is of its year or month ("Trong năm 2022 ... hơn 50 cuộc hội đàm",
	 * "Tính đến hết tháng 4-2023, ... có 860 dự án"), not of a term it speaks of
	 * ("the 2023 – 2027 period") nor of the day of the event that tells it */
	if (metric == 7 && (lsn_x_in_range(X, dh) || (dh->dt.prec != DP_YEAR && dh->dt.prec != DP_MONTH)))
		return 0;
	if (!span && dh->dt.prec == DP_YEAR && lsn_x_in_range(X, dh))
		return 0; /* the last year of a span */
	if (span)
		*y2 = doc->dates[k + 1].dt.y;
	return dh->dt.y;
}

/* Does the date hit write its year (a number of four digits among its tokens)? */
static int year_written(const lsn_doc *doc, const struct lsn_datehit *dh)
{
	for (uint32_t i = dh->t0; i < dh->t1; i++)
		if (doc->toks[i].kind == TK_NUM && doc->toks[i].end - doc->toks[i].start == 4)
			return 1;
	return 0;
}

/* How far a time told at [t0, t1) is from the figure nm of clause [c0, c1): the tokens
 * between; one in another clause farther, and farther still after the figure (a year
 * compared with: "tăng 12,5% so với năm 2022"). */
static uint32_t anchor_cost(const struct lsn_num *nm, uint32_t c0, uint32_t c1, uint32_t t0, uint32_t t1)
{
	uint32_t d = t0 >= nm->t1 ? t0 - nm->t1 : nm->t0 - t1;
	if (t0 < c0 || t0 >= c1)
		d += t0 >= nm->t1 ? 2000 : 1000;
	return d;
}

/* Is sentence si, which ends before line l, the whole of line l - 1 (a paragraph of one
 * sentence)? */
static int one_sentence_line(const struct x *X, uint32_t si, size_t l)
{
	const lsn_doc *doc = X->doc;
	if (!l || doc->toks[X->st0[si]].start < doc->lines[l - 1].start)
		return 0;
	return si == 0 || doc->toks[X->st1[si - 1] - 1].end <= doc->lines[l - 1].start;
}

/* The first token of a row of lexicon class cls (of one to three tokens) in tokens [t0, t1),
 * the last one found; UINT32_MAX when none.  *end: the token after it. */
static uint32_t last_lex(const struct x *X, int cls, uint32_t t0, uint32_t t1, uint32_t *end)
{
	uint32_t at = UINT32_MAX;
	for (uint32_t i = t0; i < t1; i++) {
		if (!lsn_tok_lex_may_start(X->kb, X->doc, cls, i))
			continue;
		for (uint32_t n = 3; n >= 1; n--)
			if (i + n <= t1 && lsn_x_lex_seq(X->kb, X->doc, cls, i, n)) {
				at = i, *end = i + n;
				break;
			}
	}
	return at;
}

/* The year told last before token t (a year or a month of a dated hit, "last year"), or 0:
 * what "in the year", "the same year" refer to. */
static int year_before(const struct x *X, uint32_t t)
{
	const lsn_doc *doc = X->doc;
	int y = 0;
	uint32_t at = 0;
	for (size_t k = 0; k < doc->ndates && doc->dates[k].t0 < t; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		if (!dh->relative && dh->dt.y && (dh->dt.prec == DP_YEAR || dh->dt.prec == DP_MONTH) &&
		    year_written(doc, dh))
			y = dh->dt.y, at = dh->t0;
	}
	for (size_t h = 0; doc->published.prec && h < doc->nhits && doc->hits[h].t0 < t; h++)
		if (doc->hits[h].kind == PK_RELYEAR && doc->hits[h].t0 >= at)
			y = doc->published.y + (int)doc->hits[h].val - 8, at = doc->hits[h].t0;
	return y;
}

/* Does sentence si state an amount of money with a metric word other than `metric` (its
 * year is that amount's: "Last year, China ranked eighth with a registered capital of 10.5
 * billion USD. Two-way trade ... reached 17 billion USD")? */
static int other_amount(const struct x *X, uint32_t si, int metric)
{
	const lsn_doc *doc = X->doc;
	int money = 0, other = 0;
	if (metric == 7) /* a count goes on with the story told before ("Trong đó có 339 dự án") */
		return 0;
	for (size_t k = 0; k < doc->nnums && !money; k++)
		money = doc->toks[doc->nums[k].t0].sent == si && doc->nums[k].unit[0] &&
			strcmp(doc->nums[k].unit, "pct");
	for (size_t h = X->hit0[X->st0[si]]; money && h < doc->nhits && doc->hits[h].t0 < X->st1[si]; h++)
		other |= doc->hits[h].kind == PK_METRIC && doc->hits[h].val != 7 &&
			 (int)doc->hits[h].val != metric;
	return other;
}

/*
 * The period of the figure nm of sentence si: the time its own clause names (a year, a
 * span of years, "last year", "今年", each narrowed by a part of a year told with it:
 * "120.8 billion yuan in the first five months of this year"), else the nearest the
 * sentence names ("in the year": the year told before), else the last year named earlier in
 * its paragraph.  Returns 1 when the text tells the figure as it stands now (no period, and
 * none to be guessed: "currently", "so far"), else 0.
 */
static int figure_period(const struct x *X, const struct lsn_num *nm, uint32_t si, int metric, char *out,
			 size_t cap)
{
	const lsn_doc *doc = X->doc;
	uint32_t c0, c1, best = UINT32_MAX, at = 0, ac0 = 0, ac1 = 0, e;
	int y = 0, y2 = 0;
	size_t ak = SIZE_MAX; /* the date hit told, when it is one */
	clause_of(X, si, nm->t0, nm->t1, &c0, &c1);
	out[0] = 0;
	/* "currently accounts for", "so far", "目前有": the figure as it stands, of no period,
	 * unless a time is told in its clause or between that word and it */
	uint32_t now = last_lex(X, LX_NOW_WORD, X->st0[si], c1, &e);
	for (size_t k = lsn_x_first_date_at(doc, X->st0[si]); k < doc->ndates && doc->dates[k].t0 < X->st1[si]; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		int e2, ky;
		uint32_t d;
		if (doc->toks[dh->t0].sent != si || !(ky = figure_year(X, k, metric, &e2)))
			continue;
		if ((d = anchor_cost(nm, c0, c1, dh->t0, dh->t1)) < best)
			best = d, y = ky, y2 = e2, at = dh->t0, ak = k;
	}
	/* "in the first nine months of this year", "去年", "năm nay": the year counted from
	 * the publication */
	for (size_t h = X->hit0[X->st0[si]]; doc->published.prec && h < doc->nhits && doc->hits[h].t0 < X->st1[si]; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind != PK_RELYEAR)
			continue;
		uint32_t d = anchor_cost(nm, c0, c1, hit->t0, hit->t1);
		if (d < best)
			best = d, y = doc->published.y + (int)hit->val - 8, y2 = 0, at = hit->t0, ak = SIZE_MAX;
	}
	/* "In the year, Guangxi granted 550,000 doses": the year told before the sentence */
	uint32_t ya = last_lex(X, LX_YEAR_ANAPHOR, X->st0[si], X->st1[si], &e);
	if (ya != UINT32_MAX && (e >= doc->ntoks || doc->toks[e].kind != TK_NUM) &&
	    anchor_cost(nm, c0, c1, ya, e) < best) {
		int yb = year_before(X, X->st0[si]);
		if (yb)
			best = anchor_cost(nm, c0, c1, ya, e), y = yb, y2 = 0, at = ya, ak = SIZE_MAX;
	}
	if (now != UINT32_MAX && (!y || ((at < c0 || at >= c1) && (at < now || at > nm->t0))))
		return 1;
	if (!y) {
		/* a year named earlier in the paragraph ("In 2021, ... . Exports reached ...") */
		uint32_t line_start = doc->toks[X->st0[si]].start;
		size_t lo = 0, hi = doc->nlines; /* the kept lines are in text order */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (doc->lines[mid].end <= line_start)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < doc->nlines && doc->lines[lo].start <= line_start)
			line_start = doc->lines[lo].start;
		/* ... opening the sentence before ("Last year, China imported ... . The
		 * import value reached ..."), not a year compared with ("so với năm 2022") */
		uint32_t p0 = si ? X->st0[si - 1] : 0, p1 = p0;
		/* (or the paragraph before, when that is one sentence: "Last year, ... . ¶ Exports
		 * ... reached ...") */
		if (si && (doc->toks[p0].start >= line_start ||
			   (doc->toks[X->st0[si]].start == line_start && lo < doc->nlines &&
			    one_sentence_line(X, si - 1, lo))) && !other_amount(X, si - 1, metric))
			clause_of(X, si - 1, p0, p0 + 1, &p0, &p1);
		int m = 0; /* a month opening it ("Tính đến hết tháng 4-2023, ... . Trong đó ...") */
		for (size_t k = lsn_x_first_date_at(doc, p0); k < doc->ndates && doc->dates[k].t0 < p1 && p1 > p0; k++) {
			const struct lsn_datehit *dh = &doc->dates[k];
			int e2, ky;
			if (dh->t0 >= p0 && dh->t0 < p1 && (dh->dt.prec == DP_YEAR || dh->dt.prec == DP_MONTH) &&
			    (ky = figure_year(X, k, metric, &e2)) && !e2)
				y = ky, m = dh->dt.prec == DP_MONTH ? dh->dt.m : 0;
		}
		for (size_t h = X->hit0[p0]; doc->published.prec && h < doc->nhits && doc->hits[h].t0 < p1; h++)
			if (doc->hits[h].kind == PK_RELYEAR && doc->hits[h].t0 >= p0)
				y = doc->published.y + (int)doc->hits[h].val - 8, m = 0;
		if (y && m)
			snprintf(out, cap, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
		else if (y && metric != 7)
			period_of(NULL, y, out, cap);
		return 0;
	}
	if (y2) {
		snprintf(out, cap, "%04u-01..%04u-12", (unsigned)y % 10000u, (unsigned)y2 % 10000u);
		return 0;
	}
	clause_of(X, si, at, at + 1, &ac0, &ac1);
	const struct lsn_hit *ph = period_hit(X, c0, c1);
	if (!ph)
		ph = period_hit(X, ac0, ac1);
	/* "今年前11个月,中越贸易1.45万亿元": the part of a year that opens the sentence
	 * before the figure's clause (never one told after it, of another figure) */
	if (!ph && best >= 1000)
		ph = period_hit(X, X->st0[si], c0);
	period_of(ph, y, out, cap);
	/* a month ("tính đến hết tháng 4-2023", "in April 2023"), or a span of months
	 * ("between January and November 2023", "từ tháng 1 đến tháng 11/2023") */
	const struct lsn_datehit *mh = ak != SIZE_MAX ? &doc->dates[ak] : NULL;
	if (!ph && mh && mh->dt.prec == DP_MONTH) {
		const struct lsn_datehit *m0 = ak ? &doc->dates[ak - 1] : NULL;
		unsigned py = (unsigned)y % 10000u, m1 = (unsigned)mh->dt.m % 100u;
		if (m0 && m0->dt.prec == DP_MONTH && m0->dt.m < mh->dt.m && m0->t1 + 3 >= mh->t0 &&
		    m0->t0 >= X->st0[si]) {
			/* the year the span writes ("2024年1月至11月"), at either end */
			if (!year_written(doc, mh) && year_written(doc, m0))
				py = (unsigned)m0->dt.y % 10000u;
			snprintf(out, cap, "%04u-%02u..%04u-%02u", py, (unsigned)m0->dt.m % 100u, py, m1);
		}
		else
			snprintf(out, cap, "%04u-%02u", py, m1);
	}
	return 0;
}

/* Is the metric hit the noun of a count ("73 projects worth 935 million USD", "12
 * agreements worth", "210 Chinese-invested projects"): a number up to four tokens before, in its clause? */
static int counted_noun(const struct x *X, const struct lsn_hit *hit)
{
	const lsn_doc *doc = X->doc;
	for (uint32_t i = hit->t0; i > 0 && i + 4 >= hit->t0; i--) {
		if (doc->toks[i - 1].kind == TK_NUM)
			return 1;
		if (lsn_x_lex_tok(X->kb, doc, LX_CLAUSE_END, i - 1))
			return 0;
	}
	return 0;
}

/* Is the percentage nm a share ("chiếm hơn 30% tổng kim ngạch", "accounts for about
 * 25 percent of", "占全省的30%"): a share word up to ten tokens before it in its clause,
 * with no number between? */
static int share_pct(const struct x *X, const struct lsn_num *nm)
{
	const lsn_doc *doc = X->doc;
	uint32_t s0 = X->st0[doc->toks[nm->t0].sent];
	for (uint32_t i = nm->t0; i > s0 && i + 10 >= nm->t0; i--) {
		if (lsn_x_lex_tok(X->kb, doc, LX_SHARE_WORD, i - 1))
			return 1;
		if (doc->toks[i - 1].kind == TK_NUM || lsn_x_lex_tok(X->kb, doc, LX_CLAUSE_END, i - 1))
			return 0;
	}
	return 0;
}

/* The metric of the share nm: that of the metric word before it (and before its share word:
 * the subject, not the whole it is a part of) in its clause with no number between ("The
 * trade scale between Vietnam and China accounts for about a quarter of ..." is trade), else
 * other (the share of an amount told before it: "kim ngạch ... đạt 24 tỷ USD, chiếm 86% ...";
 * "占越南与中国双边贸易总额的四分之一"). */
static int share_metric(const struct x *X, const struct lsn_num *nm)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[nm->t0].sent, c0, c1, end = nm->t0;
	int metric = 7;
	clause_of(X, si, nm->t0, nm->t1, &c0, &c1);
	for (uint32_t i = c0; i < nm->t0; i++)
		if (lsn_x_lex_tok(X->kb, doc, LX_SHARE_WORD, i)) {
			end = i;
			break;
		}
	for (size_t h = X->hit0[c0]; h < doc->nhits && doc->hits[h].t0 < end; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind == PK_METRIC && hit->t0 >= c0 && hit->val != 7)
			metric = (int)hit->val;
	}
	for (uint32_t i = c0; metric != 7 && i < nm->t0; i++)
		if (doc->toks[i].kind == TK_NUM)
			return 7;
	return metric;
}

/* Is the amount nm a target ("strive to lift trade value ... to 5 billion USD", "phấn đấu
 * đưa kim ngạch ... lên 10 tỷ USD", "力争贸易额达到100亿美元"): a target word in its clause
 * before it? */
static int target_amount(const struct x *X, const struct lsn_num *nm)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[nm->t0].sent, c0, c1;
	clause_of(X, si, nm->t0, nm->t1, &c0, &c1);
	for (uint32_t i = c0; i < nm->t0; i++)
		if (lsn_x_lex_tok(X->kb, doc, LX_TARGET_WORD, i) ||
		    lsn_toks_lex_exact(X->kb, LX_TARGET_WORD, doc, i, nm->t0, NULL))
			return 1;
	return 0;
}

/* Whether b states again the figure a states: an amount (or a share) of the
 * same value and unit, of the same metric or of metric other (a second
 * mention often lacks the trade word: "two-way trade ... reached", "the
 * figure"), in the same period or one without a period (a headline's). */
static int same_figure(const struct lsn_figure *a, const struct lsn_figure *b)
{
	if (strcmp(a->unit, b->unit) || !strcmp(a->unit, "count"))
		return 0; /* counts of one number may count different things */
	if (fabs(a->value - b->value) > 1e-9 * fabs(a->value))
		return 0;
	if (a->metric != b->metric && a->metric != 7 && b->metric != 7)
		return 0;
	return !a->period[0] || !b->period[0] || !strcmp(a->period, b->period);
}

/* b, the same figure as a (same_figure), into a: the more specific metric and
 * period, a change where one is given; as parties, those both name when
 * they name two or more (a headline and the sentence that repeats it share
 * the sides; each adds a place of its own), else those of the one that names
 * more (a's on a tie). */
static void merge_figure(struct lsn_figure *a, const struct lsn_figure *b)
{
	if (a->metric == 7)
		a->metric = b->metric;
	if (!a->period[0])
		memcpy(a->period, b->period, sizeof a->period);
	if (isnan(a->change))
		a->change = b->change;
	int32_t both[4];
	uint8_t n = 0;
	for (int i = 0; i < a->nparties; i++)
		for (int j = 0; j < b->nparties; j++)
			if (a->parties[i] == b->parties[j])
				both[n++] = a->parties[i];
	if (n >= 2) {
		memcpy(a->parties, both, n * sizeof *both);
		a->nparties = n;
	} else if (b->nparties > a->nparties) {
		memcpy(a->parties, b->parties, sizeof a->parties);
		a->nparties = b->nparties;
	}
}

/* One figure stated twice in a document (in the headline and the body, in
 * the lead and again further down) is one figure, where it was first.  The
 * figures kept are chained by their value to the cent, so that a long
 * document's figures are compared only with those of the same amount. */
static int merge_repeated(lsn_doc *doc)
{
	size_t nb = 64;
	while (nb < 2 * doc->nfigures)
		nb *= 2;
	size_t *head = malloc(nb * sizeof *head), *next = malloc((doc->nfigures + 1) * sizeof *next);
	if (!head || !next) {
		free(head);
		free(next);
		return -1;
	}
	for (size_t b = 0; b < nb; b++)
		head[b] = SIZE_MAX;
	size_t n = 0;
	for (size_t k = 0; k < doc->nfigures; k++) {
		double v = doc->figures[k].value * 100;
		uint64_t key = fabs(v) < 9e18 ? (uint64_t)llround(v) : (uint64_t)v;
		size_t b = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 32) & (nb - 1);
		size_t first = SIZE_MAX; /* the first kept that is the same */
		for (size_t i = head[b]; i != SIZE_MAX; i = next[i])
			if (same_figure(&doc->figures[i], &doc->figures[k]))
				first = i;
		if (first != SIZE_MAX) {
			merge_figure(&doc->figures[first], &doc->figures[k]);
			continue;
		}
		doc->figures[n] = doc->figures[k];
		next[n] = head[b];
		head[b] = n++;
	}
	doc->nfigures = n;
	free(head);
	free(next);
	return 0;
}

int lsn_x_figures(struct x *X)
{
	lsn_doc *doc = X->doc;
	uint32_t last_count_sent = UINT32_MAX;
	for (size_t k = 0; k < doc->nnums; k++) {
		struct lsn_num *nm = &doc->nums[k];
		int share = !strcmp(nm->unit, "pct") && (nm->part || share_pct(X, nm));
		if (!strcmp(nm->unit, "pct") && !share)
			continue;
		uint32_t si = doc->toks[nm->t0].sent;
		int metric = 0, count = 0;
		if (share) {
			metric = share_metric(X, nm);
		} else if (!nm->unit[0]) {
			/* a count: a number, not a year, before a counted noun */
			if (nm->value < 1 || (nm->value >= 1900 && nm->value <= 2100 && nm->value == floor(nm->value)))
				continue;
			/* a rank, not a count: "the world's top 500 enterprises", "世界500强企业" */
			const struct lsn_lexeme *rb = nm->t0 > X->st0[si] ?
				lsn_x_lex_tok(X->kb, doc, LX_COUNT_RANK, nm->t0 - 1) : NULL;
			const struct lsn_lexeme *ra = lsn_x_lex_tok(X->kb, doc, LX_COUNT_RANK, nm->t1);
			if ((rb && rb->value == 0) || (ra && ra->value == 1))
				continue;
			/* a set the reader knows, not a count the story reports: "in accordance
			 * with the three documents on the land border" */
			if (nm->t0 > X->st0[si] && lsn_x_lex_tok(X->kb, doc, LX_COUNT_ARTICLE, nm->t0 - 1))
				continue;
			metric = count_metric(X, nm);
			/* "5.153 million passenger trips ..., with an additional 1.482
			 * million confirmed at ...": the noun is left out the second time */
			if (!metric && nm->t1 - nm->t0 > 1 && doc->nfigures &&
			    !strcmp(doc->figures[doc->nfigures - 1].unit, "count") && last_count_sent == si)
				metric = doc->figures[doc->nfigures - 1].metric;
			if (!metric)
				continue;
			count = 1;
			last_count_sent = si;
		} else {
			/* the metric word nearest before the amount, in its sentence; a word of
			 * metric other counts only there, and not as the noun of a count ("the value
			 * of signed contracts has exceeded $1 billion", "average monthly turnover",
			 * "人均收入"; not "73 projects worth 935 million USD are invested") */
			uint32_t best = 0;
			for (size_t h = X->hit0[X->st0[si]]; h < doc->nhits && doc->hits[h].t0 < X->st1[si]; h++) {
				const struct lsn_hit *hit = &doc->hits[h];
				if (hit->kind != PK_METRIC || doc->toks[hit->t0].sent != si)
					continue;
				if (hit->val == 7 && (hit->t0 >= nm->t0 || hit->t0 < best || counted_noun(X, hit)))
					continue;
				if (hit->t0 < nm->t0 && (!metric || hit->t0 > best)) {
					metric = (int)hit->val;
					best = hit->t0;
				} else if (!metric && hit->t0 > nm->t1) {
					metric = (int)hit->val;
				}
			}
			if (target_amount(X, nm))
				continue;
			/* an amount of money with no metric word: aid, a fund ("向越南提供50万美元");
			 * a small one is a price or a wage, not a figure of the ties between places
			 * ("earned around 3,000 yuan", "每月可挣到人民币3500元") */
			if (!metric && nm->value < SMALL_AMOUNT)
				continue;
			if (!metric)
				metric = 7;
		}
		if (lsn_grow(&doc->figures, &doc->capfigures, doc->nfigures + 1, sizeof *doc->figures))
			return -1;
		struct lsn_figure *f = &doc->figures[doc->nfigures++];
		memset(f, 0, sizeof *f);
		f->metric = (uint8_t)metric;
		f->value = nm->value;
		snprintf(f->unit, sizeof f->unit, "%s", count ? "count" : share ? "percent" : nm->unit);
		f->change = NAN;
		/* parties: the places of its sentence ("trade between Vietnam and Shanghai") */
		for (uint32_t i = X->st0[si]; i < X->st1[si] && f->nparties < 4; i++)
			if (X->tok_place[i] && (i == X->st0[si] || X->tok_place[i - 1] != X->tok_place[i])) {
				int32_t pl = X->tok_place[i] - 1, dup = 0;
				for (int q = 0; q < f->nparties; q++)
					dup |= f->parties[q] == pl;
				if (!dup)
					f->parties[f->nparties++] = pl;
			}
		int now = figure_period(X, nm, si, metric, f->period, sizeof f->period);
		if (!f->period[0] && !now && metric == 7 && !count && !share && doc->ref.prec)
			snprintf(f->period, sizeof f->period, "%04d", doc->ref.y);
		if (!f->period[0] && !now && metric == 7 && doc->ref.prec >= DP_MONTH)
			snprintf(f->period, sizeof f->period, "%04d-%02d", doc->ref.y, doc->ref.m);
		/* change: a percentage right after ("up 9.37%", "增长35.2%") */
		for (size_t j = k + 1; j < doc->nnums && j < k + 3; j++) {
			const struct lsn_num *q = &doc->nums[j];
			if (share || strcmp(q->unit, "pct") || doc->toks[q->t0].sent != si || q->t0 > nm->t1 + 8 ||
			    q->part || share_pct(X, q))
				continue;
			f->change = q->value;
			break;
		}
	}
	if (merge_repeated(doc))
		return -1;
	return 0;
}
