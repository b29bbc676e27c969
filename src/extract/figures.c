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

/* How many tokens before a count of places the word telling where guests came from may
 * stand ("来自越南、胡志明市、平顺省等8个省市"). */
#define ORIGIN_REACH 16

static uint32_t lex_ending_at(const struct x *X, int cls, uint32_t lo, uint32_t end);

/* A metric hit right after a number: "six deals", "34 booths", "5.153
 * million passenger trips", "600 Vietnamese students" (one word between). */
static int count_metric(const struct x *X, const struct lsn_num *nm, uint64_t *noun)
{
	const lsn_doc *doc = X->doc;
	*noun = 0;
	/* Chinese counts a measure word, then the thing: "8项各领域合作文件" */
	uint32_t reach = 1;
	/* a size, not a count: "10.000m2 gian hàng ngoài trời", "5,000 square meters" */
	if (nm->t1 < doc->ntoks && lsn_x_lex_tok(X->kb, doc, LX_MEASURE_UNIT, nm->t1))
		return 0;
	if (lsn_x_lex_tok(X->kb, doc, LX_MEASURE_WORD, nm->t1))
		reach = 8;
	/* the places guests came from: "officials from 14 Vietnamese cities and provinces",
	 * "đến từ 20 tỉnh, thành phố", "来自8个省市" (a count of places is no figure when it
	 * names the sides: "the five provinces and cities of the corridor") */
	uint32_t s0 = X->st0[doc->toks[nm->t0].sent], s1 = X->st1[doc->toks[nm->t0].sent];
	for (uint32_t i = nm->t1; i <= nm->t1 + reach && i < s1; i++) {
		uint32_t n = 1;
		while (n <= 3 && !lsn_x_lex_seq(X->kb, doc, LX_PLACE_NOUN, i, n))
			n++;
		if (n > 3)
			continue;
		for (uint32_t j = nm->t0; j > s0 && j + ORIGIN_REACH >= nm->t0; j--) {
			if (lex_ending_at(X, LX_ORIGIN_WORD, s0, j) != UINT32_MAX) {
				*noun = doc->toks[i].h | 1;
				return 7;
			}
			if (doc->toks[j - 1].kind == TK_NUM || lsn_x_lex_tok(X->kb, doc, LX_CLAUSE_END, j - 1))
				break;
		}
		break;
	}
	for (size_t h = X->hit0[nm->t1]; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->t0 < nm->t1)
			continue;
		if (hit->t0 > nm->t1 + reach || doc->toks[hit->t0].sent != doc->toks[nm->t0].sent)
			break;
		if (hit->kind == PK_METRIC && (hit->val == 7 || hit->val == 6)) { /* other, visitors */
			for (uint32_t i = hit->t0; i < hit->t1; i++)
				*noun = (*noun * 0x100000001b3ull) ^ doc->toks[i].h;
			*noun |= 1;
			return (int)hit->val;
		}
	}
	return 0;
}

/* The first token of a row of lexicon class cls (one to three tokens, from lo on) that ends
 * right before token end; UINT32_MAX when none. */
static uint32_t lex_ending_at(const struct x *X, int cls, uint32_t lo, uint32_t end)
{
	for (uint32_t n = 1; n <= 3 && n <= end && end - n >= lo; n++)
		if (lsn_x_lex_seq(X->kb, X->doc, cls, end - n, n))
			return end - n;
	return UINT32_MAX;
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
	/* the time a change is measured from ("up 13 percent from 2017", "giảm 32,7% so với
	 * cùng kỳ năm 2020", "比2017年增长"), not the figure's: unless a span begins there
	 * ("from 2019 to 2021") */
	if (!span && dh->t0 && lex_ending_at(X, LX_COMPARE_WORD, X->st0[doc->toks[dh->t0].sent], dh->t0) != UINT32_MAX &&
	    !(k + 1 < doc->ndates && doc->dates[k + 1].t0 <= dh->t1 + 2))
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

/* Does an amount of money end right before token t, or one token before it ("20 billion USD
 * in 2020")? */
static int money_before(const lsn_doc *doc, uint32_t t)
{
	size_t lo = lsn_x_first_num_at(doc, t);
	if (!lo)
		return 0;
	const struct lsn_num *a = &doc->nums[lo - 1];
	return a->unit[0] && strcmp(a->unit, "pct") && a->t1 + 1 >= t && a->t1 <= t &&
	       doc->toks[a->t0].sent == doc->toks[t].sent;
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

/* The first token of a row of lexicon class cls (of one to four tokens) in tokens [t0, t1),
 * the last one found; UINT32_MAX when none.  *end: the token after it. */
static uint32_t last_lex(const struct x *X, int cls, uint32_t t0, uint32_t t1, uint32_t *end)
{
	uint32_t at = UINT32_MAX;
	for (uint32_t i = t0; i < t1; i++) {
		if (!lsn_tok_lex_may_start(X->kb, X->doc, cls, i))
			continue;
		for (uint32_t n = 4; n >= 1; n--)
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
		d = anchor_cost(nm, c0, c1, dh->t0, dh->t1);
		/* a year right after an amount is that amount's ("from 20 billion USD in 2020 to 26
		 * billion USD in 2022"): the figure's own, or another's before it */
		if (dh->t0 >= nm->t1 && dh->t0 <= nm->t1 + 2 && dh->t0 < c1)
			d = 0;
		else if (dh->t1 <= nm->t0 && money_before(doc, dh->t0))
			d += 500;
		if (d < best)
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

/* The month of the event told last at or before sentence si, when the story states its day
 * or month: what a count told with no time of its own is of ("Từ ngày 4 - 10/8, ... đến thăm
 * ... . Tại hội nghị, ... ký kết 4 Biên bản ghi nhớ" in a story published in November).
 * *next and *last carry the walk over the events (in the order of the text) from one call
 * to the next, the sentences asked for never going back. */
static int event_month(const struct x *X, uint32_t si, size_t *next, size_t *last, int *y, int *m)
{
	const lsn_doc *doc = X->doc;
	for (; *next < doc->nevents && doc->events[*next].sent <= si; ++*next) {
		const struct lsn_event *ev = &doc->events[*next];
		if (!ev->dropped && ev->dated == 1 && ev->date.prec >= DP_MONTH && ev->date.y &&
		    (*last == SIZE_MAX || ev->sent >= doc->events[*last].sent))
			*last = *next;
	}
	if (*last == SIZE_MAX)
		return 0;
	*y = doc->events[*last].date.y, *m = doc->events[*last].date.m;
	return 1;
}

/* The month of the story told, when no publication date gives it: that of the first day
 * (or the first of a span of days) the lead's first two sentences tell with its year known
 * ("... are displayed in Hanoi on June 11-14"): what a count of its exhibitors, booths or
 * guests with no time of its own is of.  0 when none, or when its year is not the
 * reference's. */
static int lead_month(const struct x *X, int *y, int *m)
{
	const lsn_doc *doc = X->doc;
	if (doc->ref.prec >= DP_MONTH)
		return 0;
	for (size_t k = 0; k < doc->ndates && doc->toks[doc->dates[k].t0].sent < 2; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		if (dh->relative || !dh->dt.y || dh->dt.prec != DP_DAY || dh->range == 2 ||
		    (doc->ref.prec && doc->ref.y != dh->dt.y))
			continue;
		*y = dh->dt.y, *m = dh->dt.m;
		return 1;
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
	uint32_t e;
	clause_of(X, si, nm->t0, nm->t1, &c0, &c1);
	return last_lex(X, LX_TARGET_WORD, c0, nm->t0, &e) != UINT32_MAX;
}

/* Does sentence si name a measure of the ties (a metric word other than a counted noun's, a
 * tie: "占中越友城总数的三分之一以上") or an amount of money? */
static int money_metric_in(const struct x *X, uint32_t si)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[X->st0[si]]; h < doc->nhits && doc->hits[h].t0 < X->st1[si]; h++)
		if ((doc->hits[h].kind == PK_METRIC && doc->hits[h].val != 7) || doc->hits[h].kind == PK_RELATION)
			return 1;
	return lsn_x_money_in(X, si);
}

/* Does a date hit cover token t? */
static int date_at(const lsn_doc *doc, uint32_t t)
{
	size_t k = lsn_x_first_date_at(doc, t + 1);
	return k && doc->dates[k - 1].t1 > t;
}

/* The amount of money that nm states again, or NULL: the one right before it in its
 * sentence with only words of lexicon class restate_word (and times) between — a second
 * currency ("254 billion yuan (approximately US$35 billion)", "1,2 tỷ USD (khoảng 28.000 tỷ
 * đồng)", "35亿美元(约合240亿元人民币)"), or a share the amount is of the whole ("72 billion
 * USD last year, or one fifth of Vietnam's total exports"). */
static const struct lsn_num *restated(const struct x *X, size_t k)
{
	const lsn_doc *doc = X->doc;
	const struct lsn_num *nm = &doc->nums[k], *a;
	size_t j = k;
	/* (a year between is a time, not an amount: "8.4 billion USD in 2018, or ...") */
	while (j && !doc->nums[j - 1].unit[0] && date_at(doc, doc->nums[j - 1].t0))
		j--;
	if (!j || doc->toks[(a = &doc->nums[j - 1])->t0].sent != doc->toks[nm->t0].sent || !a->unit[0] ||
	    !strcmp(a->unit, "pct"))
		return NULL;
	size_t d = lsn_x_first_date_at(doc, a->t1);
	size_t h = X->hit0[a->t1];
	for (uint32_t i = a->t1; i < nm->t0;) {
		while (d < doc->ndates && doc->dates[d].t1 <= i)
			d++;
		while (h < doc->nhits && doc->hits[h].t0 < i)
			h++;
		if (d < doc->ndates && doc->dates[d].t0 == i) {
			i = doc->dates[d].t1;
			continue;
		}
		if (h < doc->nhits && doc->hits[h].t0 == i && doc->hits[h].kind == PK_RELYEAR) {
			i = doc->hits[h].t1;
			continue;
		}
		uint32_t n = 3;
		while (n && (i + n > nm->t0 || !lsn_x_lex_seq(X->kb, doc, LX_RESTATE_WORD, i, n)))
			n--;
		if (!n)
			return NULL;
		i += n;
	}
	return a;
}

/* Does an English count written with dots between groups of three digits ("1.666
 * projects", "70.000 businesses": an outlet writing numbers as Vietnamese does) mean
 * thousands?  Its value then (a count is whole; the dots group its digits). */
static double grouped_count(const lsn_doc *doc, const struct lsn_num *nm)
{
	const struct lsn_tok *t = &doc->toks[nm->t0];
	const char *p = doc->text + t->start, *end = doc->text + t->end;
	double v = 0;
	int groups = 0, run = 0;
	if (nm->t1 != nm->t0 + 1)
		return nm->value;
	for (; p < end; p++) {
		if (*p >= '0' && *p <= '9') {
			v = v * 10 + (*p - '0'), run++;
		} else if (*p == '.' && run >= 1 && (groups ? run == 3 : run <= 3)) {
			groups++, run = 0;
		} else {
			return nm->value;
		}
	}
	return groups && run == 3 ? v : nm->value;
}

/* Whether b states again the figure a states: an amount (or a share) of the
 * same value and unit, of the same metric or of metric other (a second
 * mention often lacks the trade word: "two-way trade ... reached", "the
 * figure"), in the same period or one without a period (a headline's). */
static int same_figure(const struct lsn_figure *a, const struct lsn_figure *b)
{
	if (strcmp(a->unit, b->unit) || (!strcmp(a->unit, "count") && (!a->noun || a->noun != b->noun)))
		return 0; /* counts of one number may count different things, not of one noun */
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
	size_t ev_next = 0, ev_last = SIZE_MAX; /* event_month's walk */
	for (size_t k = 0; k < doc->nnums; k++) {
		struct lsn_num *nm = &doc->nums[k];
		/* a percentage that tells an amount again is a part of a whole ("19 billion USD,
		 * or 12 percent of the province's exports") */
		int share = !strcmp(nm->unit, "pct") && (nm->part || share_pct(X, nm) || restated(X, k));
		if (!strcmp(nm->unit, "pct") && !share)
			continue;
		uint32_t si = doc->toks[nm->t0].sent;
		/* a share of what no measure of the ties names (a population, an area: "a
		 * population of 22,766,850, accounting for 48% of the national population") */
		if (share && !money_metric_in(X, si))
			continue;
		int metric = 0, count = 0;
		uint64_t noun = 0;
		double value = nm->value;
		const struct lsn_num *again = restated(X, k);
		const struct lsn_figure *prev = doc->nfigures ? &doc->figures[doc->nfigures - 1] : NULL;
		if (share) {
			metric = share_metric(X, nm);
			/* a share the amount right before is of the whole: that amount's metric */
			if (again && prev && !strcmp(prev->unit, again->unit) &&
			    fabs(prev->value - again->value) <= 1e-9 * fabs(again->value))
				metric = prev->metric;
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
			metric = count_metric(X, nm, &noun);
			value = grouped_count(doc, nm);
			if (value != floor(value))
				continue; /* a count is whole */
			/* "5.153 million passenger trips ..., with an additional 1.482
			 * million confirmed at ...": the noun is left out the second time */
			if (!metric && nm->t1 - nm->t0 > 1 && doc->nfigures &&
			    !strcmp(doc->figures[doc->nfigures - 1].unit, "count") && last_count_sent == si)
				metric = doc->figures[doc->nfigures - 1].metric;
			if (!metric || target_amount(X, nm))
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
			/* "The figure stood at 117.3 billion USD": the metric of the amount told
			 * before */
			uint32_t e;
			if (!metric && last_lex(X, LX_FIGURE_ANAPHOR, X->st0[si], nm->t0, &e) != UINT32_MAX)
				for (size_t q = doc->nfigures; q-- > 0 && q + 16 >= doc->nfigures && !metric;)
					if (strcmp(doc->figures[q].unit, "count") && strcmp(doc->figures[q].unit, "percent"))
						metric = doc->figures[q].metric;
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
		int ly, lm;
		memset(f, 0, sizeof *f);
		f->metric = (uint8_t)metric;
		f->value = value;
		f->noun = noun;
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
		if (!f->period[0] && !now && count && event_month(X, si, &ev_next, &ev_last, &ly, &lm))
			snprintf(f->period, sizeof f->period, "%04d-%02d", ly, lm);
		if (!f->period[0] && !now && metric == 7 && doc->ref.prec >= DP_MONTH)
			snprintf(f->period, sizeof f->period, "%04d-%02d", doc->ref.y, doc->ref.m);
		else if (!f->period[0] && !now && count && lead_month(X, &ly, &lm))
			snprintf(f->period, sizeof f->period, "%04d-%02d", ly, lm);
		/* change: a percentage right after ("up 9.37%", "增长35.2%") */
		for (size_t j = k + 1; j < doc->nnums && j < k + 3; j++) {
			const struct lsn_num *q = &doc->nums[j];
			if (share || strcmp(q->unit, "pct") || doc->toks[q->t0].sent != si || q->t0 > nm->t1 + 8 ||
			    q->part || share_pct(X, q) || restated(X, j))
				continue;
			f->change = q->value;
			break;
		}
	}
	if (merge_repeated(doc))
		return -1;
	return 0;
}
