/*
 * figures.c — figures: amounts with a metric word (trade, investment,
 * counts), their period and their change.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "extract_int.h"

/* A metric hit right after a number: "six deals", "34 booths", "5.153
 * million passenger trips", "600 Vietnamese students" (one word between). */
static int count_metric(const struct x *X, const struct lsn_num *nm)
{
	const lsn_doc *doc = X->doc;
	/* Chinese counts a measure word, then the thing: "8项各领域合作文件" */
	uint32_t reach = 1;
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

/* The period of a figure of year y told in sentence si: the year, or the
 * part of it the sentence names ("2022年前六个月" 2022-H1, "in the first
 * five months of 2021" 2021-01..2021-05). */
static void period_in(const struct x *X, uint32_t si, int y, char *out, size_t cap)
{
	const lsn_doc *doc = X->doc;
	unsigned py = (unsigned)y % 10000u;
	snprintf(out, cap, "%04u", py);
	for (size_t h = X->hit0[X->st0[si]]; h < doc->nhits && doc->hits[h].t0 < X->st1[si]; h++) {
		unsigned v = doc->hits[h].kind == PK_PERIOD ? (doc->hits[h].val & 63) : 0;
		if (v == 1 || v == 2)
			snprintf(out, cap, "%04u-H%u", py, v);
		else if (v >= 11 && v <= 14)
			snprintf(out, cap, "%04u-Q%u", py, v - 10);
		else if (v > 20 && v <= 32)
			snprintf(out, cap, "%04u-01..%04u-%02u", py, py, v - 20);
		if (v)
			return;
	}
}

int lsn_x_figures(struct x *X)
{
	lsn_doc *doc = X->doc;
	uint32_t last_count_sent = UINT32_MAX;
	for (size_t k = 0; k < doc->nnums; k++) {
		struct lsn_num *nm = &doc->nums[k];
		if (!strcmp(nm->unit, "pct"))
			continue;
		uint32_t si = doc->toks[nm->t0].sent;
		int metric = 0, count = 0;
		if (!nm->unit[0]) {
			/* a count: a number, not a year, before a counted noun */
			if (nm->value < 1 || (nm->value >= 1900 && nm->value <= 2100 && nm->value == floor(nm->value)))
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
			/* the metric word nearest before the amount, in its sentence */
			uint32_t best = 0;
			for (size_t h = X->hit0[X->st0[si]]; h < doc->nhits && doc->hits[h].t0 < X->st1[si]; h++) {
				const struct lsn_hit *hit = &doc->hits[h];
				if (hit->kind != PK_METRIC || doc->toks[hit->t0].sent != si || hit->val == 7)
					continue;
				if (hit->t0 < nm->t0 && (!metric || hit->t0 > best)) {
					metric = (int)hit->val;
					best = hit->t0;
				} else if (!metric && hit->t0 > nm->t1) {
					metric = (int)hit->val;
				}
			}
			/* an amount of money with no trade word: aid, a fund ("向越南提供50万美元") */
			if (!metric)
				metric = 7;
		}
		if (lsn_grow(&doc->figures, &doc->capfigures, doc->nfigures + 1, sizeof *doc->figures))
			return -1;
		struct lsn_figure *f = &doc->figures[doc->nfigures++];
		memset(f, 0, sizeof *f);
		f->metric = (uint8_t)metric;
		f->value = nm->value;
		snprintf(f->unit, sizeof f->unit, "%s", count ? "count" : nm->unit);
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
		/* period: a year of the sentence; what was signed or shown at an
		 * event is counted in the month of the story */
		for (size_t d = lsn_x_first_date_at(doc, X->st0[si]); d < doc->ndates && doc->dates[d].t0 < X->st1[si];
		     d++) {
			const struct lsn_datehit *dh = &doc->dates[d];
			if (doc->toks[dh->t0].sent != si || dh->relative || !dh->dt.y || !dh->dt.prec)
				continue;
			/* a count is of its year ("Trong năm 2022 ... hơn 50 cuộc hội
			 * đàm"), not of a term it speaks of ("the 2023 – 2027 period") */
			if (metric == 7 && (lsn_x_in_range(X, dh) || dh->dt.prec != DP_YEAR))
				continue;
			period_in(X, si, dh->dt.y, f->period, sizeof f->period);
			break;
		}
		/* "in the first nine months of this year", "去年", "năm nay": the
		 * year counted from the publication */
		for (size_t h = X->hit0[X->st0[si]]; !f->period[0] && doc->published.prec && h < doc->nhits &&
						     doc->hits[h].t0 < X->st1[si]; h++) {
			if (doc->hits[h].kind != PK_RELYEAR)
				continue;
			period_in(X, si, doc->published.y + (int)doc->hits[h].val - 8, f->period, sizeof f->period);
		}
		if (!f->period[0] && metric == 7 && !count && doc->ref.prec)
			snprintf(f->period, sizeof f->period, "%04d", doc->ref.y);
		if (!f->period[0] && metric == 7 && doc->ref.prec >= DP_MONTH)
			snprintf(f->period, sizeof f->period, "%04d-%02d", doc->ref.y, doc->ref.m);
		/* change: a percentage right after ("up 9.37%", "增长35.2%") */
		for (size_t j = k + 1; j < doc->nnums && j < k + 3; j++) {
			const struct lsn_num *q = &doc->nums[j];
			if (strcmp(q->unit, "pct") || doc->toks[q->t0].sent != si || q->t0 > nm->t1 + 8)
				continue;
			f->change = q->value;
			break;
		}
	}
	return 0;
}
