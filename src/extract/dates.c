/*
 * dates.c — the dates of the extraction: the story's reference date, the
 * completion of year-less and weekday dates, the year the office holders'
 * tenures allow, and the date nearest to an event's trigger.
 */
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include "extract_int.h"

int lsn_x_date_cmp(struct lsn_date a, struct lsn_date b)
{
	long x = a.y * 10000L + (a.prec >= DP_MONTH ? a.m : 0) * 100 + (a.prec >= DP_DAY ? a.d : 0);
	long y = b.y * 10000L + (b.prec >= DP_MONTH ? b.m : 0) * 100 + (b.prec >= DP_DAY ? b.d : 0);
	return (x > y) - (x < y);
}

/* Ordinal before a series name: "6th", "sixth", "首届" (lexicon: ordinal),
 * "第六届" (edition_numeral, edition_counter). */
static int ordinal_before(const struct x *X, uint32_t i, uint32_t *from)
{
	const lsn_doc *doc = X->doc;
	*from = i >= 2 ? i - 2 : 0;
	/* English: "the 6th" (a number and a suffix token: lexicon class
	 * ordinal_suffix), "the 6th" in one token, "the sixth" */
	if (i >= 2 && doc->toks[i - 2].kind == TK_NUM && !(doc->toks[i - 1].flags & TF_SPACE) &&
	    lsn_x_lex_fold(X->kb, doc, LX_ORDINAL_SUFFIX, i - 1))
		return atoi(doc->text + doc->toks[i - 2].start);
	*from = i >= 1 ? i - 1 : 0;
	if (i >= 1) {
		const struct lsn_tok *t = &doc->toks[i - 1];
		char f[24];
		lsn_fold(doc->text + t->start, t->end - t->start, f, sizeof f);
		int v = atoi(f);
		size_t ns;
		const struct lsn_lexeme *suffix = lsn_lex_class(X->kb, LX_ORDINAL_SUFFIX, &ns);
		for (size_t k = 0; v > 0 && k < ns; k++) {
			char s[16];
			lsn_fold(suffix[k].word, suffix[k].len, s, sizeof s);
			if (strstr(f, s))
				return v;
		}
		const struct lsn_lexeme *o = lsn_x_lex_tok(X->kb, doc, LX_ORDINAL, i - 1);
		if (o && !(o->lang & LANG_VI)) /* Vietnamese ordinals follow "lần thứ" */
			return o->value;
	}
	/* Chinese: 第六届 / 第6届 */
	if (i >= 2 && lsn_x_lex_tok(X->kb, doc, LX_EDITION_COUNTER, i - 1)) {
		uint32_t j = i - 2;
		*from = j > 0 && tok_is(doc, j - 1, "第") ? j - 1 : j;
		if (doc->toks[j].kind == TK_NUM)
			return atoi(doc->text + doc->toks[j].start);
		const struct lsn_lexeme *n = lsn_x_lex_tok(X->kb, doc, LX_EDITION_NUMERAL, j);
		if (n)
			return n->value;
	}
	return 0;
}

/* Vietnamese "lần thứ 6", "lần thứ nhất" (lexicon class ordinal_lead, two words,
 * then a number or an ordinal word) after the series name. */
static int ordinal_after(const struct x *X, uint32_t e)
{
	const lsn_doc *doc = X->doc;
	if (e + 2 >= doc->ntoks || !lsn_x_lex_seq(X->kb, doc, LX_ORDINAL_LEAD, e, 2))
		return 0;
	if (doc->toks[e + 2].kind == TK_NUM)
		return atoi(doc->text + doc->toks[e + 2].start);
	const struct lsn_lexeme *o = lsn_x_lex_tok(X->kb, doc, LX_ORDINAL, e + 2);
	return o && (o->lang & LANG_VI) ? (int)o->value : 0;
}

/* The edition of the series hit h, or NULL; *span (may be NULL) the bytes of the
 * series' name with its ordinal. */
const struct lsn_series_ed *lsn_x_series_edition_at(const struct x *X, const struct lsn_hit *h,
						    struct lsn_span *span)
{
	uint32_t t0 = h->t0, t1 = h->t1;
	int ed = ordinal_before(X, h->t0, &t0);
	if (!ed) {
		t0 = h->t0;
		if ((ed = ordinal_after(X, h->t1)))
			t1 = h->t1 + 3;
	}
	if (!ed)
		return NULL;
	if (span)
		*span = (struct lsn_span){X->doc->toks[t0].start, X->doc->toks[t1 - 1].end};
	for (size_t k = 0; k < X->kb->neds; k++)
		if (X->kb->eds[k].series == h->val && X->kb->eds[k].edition == ed)
			return &X->kb->eds[k];
	return NULL;
}

const struct lsn_series_ed *lsn_x_series_edition(const struct x *X, const struct lsn_hit *h)
{
	return lsn_x_series_edition_at(X, h, NULL);
}

/* The edition of series hit h its ordinal names; without one, when `day` is a day,
 * the one edition of that series held in day's year (a series held once a year: "tham
 * dự CAEXPO" on a day of 2018 is 2018's); NULL when neither is known. */
const struct lsn_series_ed *lsn_x_series_edition_on(const struct x *X, const struct lsn_hit *h,
						    struct lsn_date day)
{
	const struct lsn_series_ed *ed = lsn_x_series_edition_at(X, h, NULL), *found = NULL;
	uint32_t from;
	if (ed || day.prec != DP_DAY || ordinal_before(X, h->t0, &from) || ordinal_after(X, h->t1))
		return ed;
	for (size_t k = 0; k < X->kb->neds; k++)
		if (X->kb->eds[k].series == h->val && X->kb->eds[k].start.y == day.y) {
			if (found)
				return NULL; /* two that year: which one is not told */
			found = &X->kb->eds[k];
		}
	return found;
}

/* Does sentence si speak of the future or of an intention ("will attend",
 * "slated to", "hopes to visit": lexicon class future, folded)?  Dates there
 * do not date the story. */
/* Is token i inside the words of whose invitation a visit is made ("At the invitation
 * of ..., X visited": event_words invitation)? That invitation was made before: no
 * future. */
static int in_invitation_of(const struct x *X, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	uint32_t s0 = X->st0[doc->toks[i].sent], a = i > s0 + 3 ? i - 3 : s0;
	for (size_t h = X->hit0[a]; h < doc->nhits && doc->hits[h].t0 <= i; h++)
		if (doc->hits[h].kind == PK_EVWORD && doc->hits[h].val == EW_INVITATION &&
		    doc->hits[h].t1 > i)
			return 1;
	return 0;
}

int lsn_x_future_sentence(struct x *X, uint32_t si)
{
	if (X->future[si] < 0) {
		X->future[si] = 0;
		for (uint32_t i = X->st0[si]; i < X->st1[si] && !X->future[si]; i++)
			if (lsn_tok_lexf(X->kb, X->doc, LX_FUTURE, i) && !in_invitation_of(X, i))
				X->future[si] = 1;
	}
	return X->future[si];
}

/* Does sentence si tell how a standing tie began ("became sister cities in
 * 1994", "1994年...结为友城")?  Its year is background, not the story's. */
static int background_sentence(const struct x *X, uint32_t si)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[X->st0[si]]; h < doc->nhits && doc->hits[h].t0 < X->st1[si]; h++)
		if (doc->hits[h].kind == PK_RELATION && doc->hits[h].val == 1)
			return 1;
	return 0;
}

/* Is the year of date hit k told as where a span of time began ("since the
 * visit ... in 2022", "since 2015", "2022年以来", "kể từ năm 2022")?  The
 * story is later: the year does not date it. */

static int since_year(const struct x *X, size_t k)
{
	const lsn_doc *doc = X->doc;
	const struct lsn_datehit *dh = &doc->dates[k];
	uint32_t si = doc->toks[dh->t0].sent, s0 = X->st0[si], s1 = X->st1[si];
	/* the words of event_words.tsv (role since): right after the year
	 * ("2022年以来"), or before it in the same clause with no other date
	 * between ("since the visit ... in 2022", "kể từ năm 2022") */
	if (lsn_x_hit_in(X, PK_EVWORD, EW_SINCE, dh->t1, dh->t1 + 3 < s1 ? dh->t1 + 3 : s1))
		return 1;
	uint32_t from = dh->t0;
	for (uint32_t n = 0; from > s0 && n < 16; from--, n++)
		/* "," and "，" (folded), ";" */
		if (tok_fold_is(doc, from - 1, ",") || tok_is(doc, from - 1, ";") ||
		    (k > 0 && doc->dates[k - 1].t1 == from))
			break;
	return lsn_x_hit_in(X, PK_EVWORD, EW_SINCE, from, dh->t0);
}

/* Does a row of class cls (a word, or up to four tokens: "建立" is two) begin at token i? */
static int lex_words_at(const struct x *X, int cls, uint32_t i, uint32_t end)
{
	const lsn_doc *doc = X->doc;
	if (i >= doc->ntoks || !lsn_tok_lex_may_start(X->kb, doc, cls, i))
		return 0; /* no row begins with this token */
	for (uint32_t n = 1; n <= 4 && i + n <= end; n++)
		if (lsn_x_lex_seq(X->kb, X->doc, cls, i, n))
			return 1;
	return 0;
}

/* Is sentence si a page's footer ("Copyright © 2005 ...": lexicon class footer_word,
 * a word or up to four tokens)?  Its years tell nothing of the story. */
static int footer_sentence(const struct x *X, uint32_t si)
{
	if (X->footer[si] < 0) { /* once a sentence */
		X->footer[si] = 0;
		for (uint32_t i = X->st0[si]; i < X->st1[si] && !X->footer[si]; i++)
			if (lex_words_at(X, LX_FOOTER_WORD, i, X->st1[si]))
				X->footer[si] = 1;
	}
	return X->footer[si];
}

/* Is the year of date hit k told of something else than the story's own time: a target
 * or a plan's end ("by 2030", "đến năm 2030", "到2030年"; lexicon class year_target), the
 * year a tie was established ("于2013年建立合作关系", "established in 2013": an
 * establish_verb in its clause), a past event named by its date ("the May 2008
 * earthquake": an article before the date, a lower-case word after it that begins no
 * event word), or a footer's? */
static int year_told_of_other_(const struct x *X, size_t k);

/* year_told_of_other_, once a date hit */
static int year_told_of_other(const struct x *X, size_t k)
{
	if (X->date_other[k] < 0)
		X->date_other[k] = (int8_t)year_told_of_other_(X, k);
	return X->date_other[k];
}

static int year_told_of_other_(const struct x *X, size_t k)
{
	const lsn_doc *doc = X->doc;
	const struct lsn_datehit *dh = &doc->dates[k];
	uint32_t si = doc->toks[dh->t0].sent, s0 = X->st0[si], s1 = X->st1[si];
	if (dh->dt.prec == DP_YEAR && dh->t0 > s0) {
		uint32_t p = dh->t0 - 1;
		const struct lsn_lexeme *u = lsn_x_lex_fold(X->kb, doc, LX_DATE_UNIT, p);
		if (u && u->value == 1 && p > s0) /* "đến năm 2030" */
			p--;
		if (lsn_x_lex_tok(X->kb, doc, LX_YEAR_TARGET, p))
			return 1;
	}
	/* the establish verb in the year's clause (no comma between) */
	for (uint32_t i = dh->t0; i > s0 && dh->t0 - i < 8; i--) {
		if (tok_fold_is(doc, i - 1, ",") || tok_is(doc, i - 1, ";"))
			break;
		if (lex_words_at(X, LX_ESTABLISH_VERB, i - 1, s1))
			return 1;
	}
	for (uint32_t i = dh->t1; i < s1 && i - dh->t1 < 8; i++) {
		if (tok_fold_is(doc, i, ",") || tok_is(doc, i, ";"))
			break;
		if (lex_words_at(X, LX_ESTABLISH_VERB, i, s1))
			return 1;
	}
	if (dh->t0 > s0 && dh->t1 < s1 && lsn_x_lex_fold(X->kb, doc, LX_SLOT_ARTICLE, dh->t0 - 1) &&
	    doc->toks[dh->t1].kind == TK_WORD && !(doc->toks[dh->t1].flags & (TF_CAP | TF_UPPER)) &&
	    !lsn_x_lex_tok(X->kb, doc, LX_RANGE_WORD, dh->t1) &&
	    /* not the story's own meeting ("at the 2024 spring meeting") */
	    !lsn_x_hit_in(X, PK_TRIGGER, 0, dh->t1, dh->t1 + 3 < s1 ? dh->t1 + 3 : s1) &&
	    !lsn_x_hit_in(X, PK_SERIES, 0, dh->t1, dh->t1 + 3 < s1 ? dh->t1 + 3 : s1))
		return 1;
	return footer_sentence(X, si);
}

/* Does sentence si state a figure (an amount with a metric word)? */
static int statistic_sentence(const struct x *X, uint32_t si)
{
	const lsn_doc *doc = X->doc;
	int metric = 0;
	for (size_t h = X->hit0[X->st0[si]]; h < doc->nhits && doc->hits[h].t0 < X->st1[si]; h++)
		metric |= doc->hits[h].kind == PK_METRIC;
	return metric && lsn_x_money_in(X, si);
}

/* Is year y stated as a whole year in a statistic ("In 2021, ..."), not a
 * part of it ("the first five months of 2021")? */
static int statistic_full_year(const struct x *X, int y)
{
	const lsn_doc *doc = X->doc;
	int full = 0;
	for (size_t k = 0; k < doc->ndates; k++) {
		if (doc->dates[k].dt.y != y || doc->dates[k].dt.prec != DP_YEAR)
			continue;
		uint32_t si = doc->toks[doc->dates[k].t0].sent;
		if (!statistic_sentence(X, si))
			continue;
		for (size_t h = X->hit0[X->st0[si]]; h < doc->nhits && doc->hits[h].t0 < X->st1[si]; h++)
			if (doc->hits[h].kind == PK_PERIOD)
				return 0;
		full = 1;
	}
	return full;
}

static int dateline(const struct x *X, const struct lsn_datehit *dh, uint32_t si);

/* Does the lead (its first three sentences) date a day of the story, told without its year,
 * in a sentence that names that year ("On February 22, ... the 2023 Spring Meeting"), over
 * half a year before `pub`?  Then a lone date line of `pub` is the day the page was shown. */
static int lead_day_long_before(const struct x *X, struct lsn_date pub)
{
	const lsn_doc *doc = X->doc;
	for (size_t k = 0; k < doc->ndates; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		uint32_t si = doc->toks[dh->t0].sent;
		if (si >= 3)
			break; /* the dates are in text order */
		if (dh->relative || dh->dt.y || dh->dt.m < 1 || dh->dt.prec != DP_DAY)
			continue;
		for (size_t j = 0; j < doc->ndates && doc->toks[doc->dates[j].t0].sent <= si; j++) {
			const struct lsn_datehit *yh = &doc->dates[j];
			if (yh->dt.prec != DP_YEAR || yh->relative || doc->toks[yh->t0].sent != si)
				continue;
			if (lsn_days(pub.y, pub.m, pub.d) - lsn_days(yh->dt.y, dh->dt.m, dh->dt.d) > 183)
				return 1;
		}
	}
	return 0;
}

/* Does the lead (its first five sentences) date a day of the story without its year that
 * falls in the month before `pub` ("1月7日至12日" under a header of 2025-01-09)?  Then `pub`
 * fits the story's own time, whatever older years its statistics name. */
static int lead_day_fits(const struct x *X, struct lsn_date pub)
{
	const lsn_doc *doc = X->doc;
	for (size_t k = 0; k < doc->ndates; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		if (doc->toks[dh->t0].sent >= 5)
			break;
		if (dh->relative || dh->range == 2 || dh->dt.y || dh->dt.m < 1 || dh->dt.prec != DP_DAY)
			continue;
		int y = dh->dt.m > pub.m ? pub.y - 1 : pub.y;
		long gap = lsn_days(pub.y, pub.m, pub.d) - lsn_days(y, dh->dt.m, dh->dt.d);
		if (gap >= 0 && gap <= 31)
			return 1;
	}
	return 0;
}

void lsn_x_reference_date(struct x *X)
{
	lsn_doc *doc = X->doc;
	/* A lone date line is a page header; when the story speaks only of
	 * years well before it (statistics of past years left aside), or dates
	 * its own day long before it, it is the day the page was shown or saved,
	 * not the day the story was published. */
	/* Two date lines: the one the lead's own days fall just before ("PV -
	 * 11:25, 06/11/2024" under a stale "Thứ Sáu, ngày 23 tháng 08 năm 2019") */
	doc->ref_by = DW_NONE;
	doc->ref_from = (struct lsn_span){0, 0};
	doc->ref_person = -1;
	if (doc->pub_from_line && doc->published.prec && doc->pub_alt.prec &&
	    !lead_day_fits(X, doc->published) && lead_day_fits(X, doc->pub_alt))
		doc->published = doc->pub_alt, doc->pub_line = doc->pub_alt_line;
	if (doc->pub_from_line == 1 && doc->published.prec) {
		int latest = 0;
		for (size_t k = 0; k < doc->ndates; k++)
			if (!doc->dates[k].relative && doc->dates[k].dt.y > latest)
				latest = doc->dates[k].dt.y;
		if ((latest && latest < doc->published.y - 1 && !lead_day_fits(X, doc->published)) ||
		    lead_day_long_before(X, doc->published))
			memset(&doc->published, 0, sizeof doc->published);
	}
	/* no header date: a dateline that gives its year ("HANOI, May 16, 2024 (VNA) –",
	 * "新华社南宁2024年5月16日电") is the day the story was filed */
	for (size_t k = 0; k < doc->ndates && !doc->published.prec; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		uint32_t si = doc->toks[dh->t0].sent;
		if (si > 3)
			break;
		if (dh->dt.prec == DP_DAY && dh->dt.y && !dh->relative && dateline(X, dh, si)) {
			doc->published = dh->dt;
			doc->pub_from_line = 1;
			doc->ref_by = DW_DATELINE;
			doc->ref_from = (struct lsn_span){doc->toks[dh->t0].start, doc->toks[dh->t1 - 1].end};
		}
	}
	/* a dateline's day after the header's date ("中新社 柳州11月15日电" under
	 * "发布时间:2024-11-09"): a story is not filed after it is published, so the
	 * header is some other page's date, and the dateline's day is the story's */
	for (size_t k = 0; k < doc->ndates && doc->published.prec == DP_DAY; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		uint32_t si = doc->toks[dh->t0].sent;
		if (si > 3)
			break;
		if (dh->dt.prec != DP_DAY || dh->dt.y || dh->dt.m < 1 || dh->relative || !dateline(X, dh, si))
			continue;
		struct lsn_date p = doc->published;
		long gap = lsn_days(p.y, dh->dt.m, dh->dt.d) - lsn_days(p.y, p.m, p.d);
		if (gap > 0 && gap <= 62)
			doc->published.m = dh->dt.m, doc->published.d = dh->dt.d;
		break;
	}
	if (doc->published.prec) {
		doc->ref = doc->published;
		if (!doc->ref_by) {
			doc->ref_by = DW_PUBLISHED;
			doc->ref_from = doc->meta_published ? (struct lsn_span){0, 0} : doc->pub_line;
		}
		return;
	}
	memset(&doc->ref, 0, sizeof doc->ref);
	/* a recurring event's edition ("the 6th CIIE") */
	struct lsn_date series = {0, 0, 0, 0};
	struct lsn_span series_at = {0, 0};
	for (size_t h = 0; h < doc->nhits; h++)
		if (doc->hits[h].kind == PK_SERIES) {
			struct lsn_span at;
			const struct lsn_series_ed *e = lsn_x_series_edition_at(X, &doc->hits[h], &at);
			if (e && lsn_x_date_cmp(e->start, series) > 0)
				series = e->start, series_at = at;
		}
	/* the year the text names most often (the latest on a tie), leaving
	 * out what it says of the future, and in it the latest month or day */
	int best_year = 0, best_count = 0, weak = 0;
	/* how often the text names each year (the lead counts double), once */
	int years[64], counts[64], nyears = 0;
	for (size_t j = 0; j < doc->ndates; j++) {
		int y = doc->dates[j].dt.y, a;
		if (!y || doc->dates[j].relative ||
		    (doc->dates[j].dt.prec == DP_YEAR && lsn_x_in_range(X, &doc->dates[j])) ||
		    year_told_of_other(X, j))
			continue;
		for (a = 0; a < nyears && years[a] != y; a++)
			;
		if (a == nyears && nyears < 64)
			years[nyears] = y, counts[nyears++] = 0;
		if (a < nyears)
			counts[a] += doc->toks[doc->dates[j].t0].sent < 3 ? 2 : 1;
	}
	for (int pass = 0; pass < 3 - !!series.prec && !best_year; pass++)
		for (size_t k = 0; k < doc->ndates; k++) {
			int y = doc->dates[k].dt.y, count = 0;
			uint32_t si = doc->toks[doc->dates[k].t0].sent;
			/* a term's ends ("nhiệm kỳ 2025-2030", "the 2025-2030 plan") tell
			 * no time of the story */
			if (!y || doc->dates[k].relative || background_sentence(X, si) || since_year(X, k) ||
			    (doc->dates[k].dt.prec == DP_YEAR && lsn_x_in_range(X, &doc->dates[k])) ||
			    year_told_of_other(X, k))
				continue;
			/* pass 0: the story's own sentences; pass 1 also the
			 * statistics ("In 2021, exports hit ..."); pass 2 also what
			 * it says of the future: both only tell the year roughly */
			if (pass < 2 && lsn_x_future_sentence(X, si))
				continue;
			if (pass < 1 && statistic_sentence(X, si))
				continue;
			weak = pass;
			/* the lead (first sentences) counts double: it tells the story's time */
			for (int a = 0; a < nyears; a++)
				if (years[a] == y)
					count = counts[a];
			/* a bare year named once, past the lead, by the story's own sentences
			 * ("根据2013年所达成的协议") is some earlier time it recalls, no
			 * evidence of the year of a day told elsewhere (a statistic's year, or
			 * one with a part of it, "the first eight months of 2022", still is) */
			if (count < 2 && doc->dates[k].dt.prec == DP_YEAR && !statistic_sentence(X, si) &&
			    !lsn_x_hit_in(X, PK_PERIOD, 0, X->st0[si], X->st1[si]))
				continue;
			if (count > best_count || (count == best_count && y > best_year))
				best_year = y, best_count = count;
		}
	struct lsn_date best = {0, 0, 0, 0};
	struct lsn_span best_at = {0, 0};
	for (size_t k = 0; k < doc->ndates && best_year; k++) {
		struct lsn_date d = doc->dates[k].dt;
		if (d.y != best_year || doc->dates[k].relative)
			continue;
		if (!best.prec || d.prec > best.prec || (d.prec == best.prec && lsn_x_date_cmp(d, best) > 0)) {
			best = d;
			best_at = (struct lsn_span){doc->toks[doc->dates[k].t0].start,
						    doc->toks[doc->dates[k].t1 - 1].end};
		}
	}
	/* a year known only from statistics or from the future: no month */
	if (weak && best.prec > DP_YEAR)
		best.prec = DP_YEAR;
	/* a full year's statistics are told after it ends */
	if (weak == 1 && best.prec == DP_YEAR && statistic_full_year(X, best.y))
		best.y++;
	/* a later edition of a recurring event dates the story better than
	 * an older year named as background ("sister cities since 1994") */
	if (series.prec && series.y > best.y)
		doc->ref = series, doc->ref_by = DW_EDITION, doc->ref_from = series_at;
	else if (best.prec)
		doc->ref = best, doc->ref_by = DW_TEXT_YEAR, doc->ref_from = best_at;
	else
		doc->ref = best;
}

/* The one year its own sentence gives a year-less date ("2月22日，2023年…
 * 会晤活动举行"), or 0: none, or several.  Years of a range, after "since"
 * or in a statistic do not count. */
static int sentence_year(const struct x *X, size_t k, int32_t *from, uint8_t *why)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[doc->dates[k].t0].sent;
	if (statistic_sentence(X, si))
		return 0;
	int y = 0;
	for (size_t j = 0; j < doc->ndates; j++) {
		const struct lsn_datehit *dh = &doc->dates[j];
		if (j == k || doc->toks[dh->t0].sent != si || !dh->dt.y || dh->relative || lsn_x_in_range(X, dh) ||
		    since_year(X, j))
			continue;
		if (y && y != dh->dt.y) {
			*why = DN_DISAGREE; /* two years: the sentence does not tell which */
			return 0;
		}
		y = dh->dt.y;
		*from = (int32_t)j;
	}
	return y;
}

/* 29 February given a year that has none: its month is what is certain. */
static void real_day(struct lsn_datehit *dh)
{
	if (dh->dt.prec == DP_DAY && !lsn_date_valid(dh->dt.y, dh->dt.m, dh->dt.d, LSN_DATE_CALENDAR))
		dh->dt.d = 0, dh->dt.prec = DP_MONTH;
}

/* The years a month told with a relative year is from the story's ("去年8月", "tháng 8 năm
 * ngoái", "August last year": a relyear word of calendar.tsv right before or after it). */
static int relyear_of(const struct x *X, const struct lsn_datehit *dh)
{
	const lsn_doc *doc = X->doc;
	uint32_t from = dh->t0 > 4 ? dh->t0 - 4 : 0;
	for (size_t h = X->hit0[from]; h < doc->nhits && doc->hits[h].t0 <= dh->t1; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind == PK_RELYEAR && (hit->t1 == dh->t0 || hit->t0 == dh->t1))
			return (int)hit->val - 8;
	}
	return 0;
}
/* A weekday (date hit k, its number in dt.d) that falls in a span of days with its year
 * told before it ("on June 11-14, 2013": a first day, range 1, whose last is its own last
 * token or the next hit, range 2): that day, in *out; 0 when the story was published on a
 * known day (the weekday counts back from it), or no such span holds it. */
static int span_weekday(const lsn_doc *doc, size_t k, struct lsn_date *out)
{
	if (doc->published.prec == DP_DAY)
		return 0;
	for (size_t j = 0; j < k; j++) {
		const struct lsn_datehit *a = &doc->dates[j];
		if (a->range != 1 || a->relative || a->dt.prec != DP_DAY || !a->dt.y)
			continue;
		long z0 = lsn_days(a->dt.y, a->dt.m, a->dt.d), z1 = z0;
		const struct lsn_datehit *b = j + 1 < k ? &doc->dates[j + 1] : NULL;
		int last = -1; /* the span's last day among its own tokens ("11-14, 2013") */
		for (uint32_t i = a->t1; i > a->t0 + 1 && last < 0; i--)
			last = lsn_tok_int(doc, i - 1, 2);
		if (b && b->range == 2 && b->dt.prec == DP_DAY && b->dt.y == a->dt.y)
			z1 = lsn_days(b->dt.y, b->dt.m, b->dt.d);
		else if (last > a->dt.d && last <= 31)
			z1 = z0 + (last - a->dt.d);
		if (z1 <= z0 || z1 - z0 > 6)
			continue;
		long z = z0 + (doc->dates[k].dt.d - lsn_weekday(a->dt.y, a->dt.m, a->dt.d) + 7) % 7;
		if (z > z1)
			return 0;
		int y, m, d;
		lsn_from_days(z, &y, &m, &d);
		*out = (struct lsn_date){(int16_t)y, (int8_t)m, (int8_t)d, DP_DAY};
		return 1;
	}
	return 0;
}


/* Completes year-less dates and resolves weekdays against the reference. */
void lsn_x_complete_dates(struct x *X)
{
	lsn_doc *doc = X->doc;
	struct lsn_date ref = doc->ref;
	for (size_t k = 0; k < doc->ndates; k++) {
		struct lsn_datehit *dh = &doc->dates[k];
		if (dh->relative == 2) {
			/* "yesterday": only against a publication date */
			dh->ysrc = doc->ref_by == DW_DATELINE ? DW_DATELINE : DW_PUBLISHED;
			if (doc->published.prec == DP_DAY) {
				struct lsn_date p = doc->published;
				int y, m, d;
				lsn_from_days(lsn_days(p.y, p.m, p.d) + dh->dt.d - 8, &y, &m, &d);
				dh->dt = (struct lsn_date){(int16_t)y, (int8_t)m, (int8_t)d, DP_DAY};
			} else {
				dh->dt.prec = DP_NONE;
			}
			continue;
		}
		if (dh->relative) {
			/* a weekday counts back from the day the story was published;
			 * a reference day found otherwise (an expo's opening) only
			 * gives its month */
			dh->ysrc = doc->ref_by;
			if (ref.prec == DP_DAY && doc->published.prec == DP_DAY) {
				int want = dh->dt.d;
				long z = lsn_days(ref.y, ref.m, ref.d);
				int w = lsn_weekday(ref.y, ref.m, ref.d);
				/* "上周四", "thứ Năm tuần trước": that day of the week before
				 * (lexicon class week_before: one word before, two after) */
				const struct lsn_lexeme *wb = NULL;
				int prev = (dh->t0 > 0 && (wb = lsn_x_lex_seq(X->kb, doc, LX_WEEK_BEFORE,
									 dh->t0 - 1, 1)) && wb->value < 0) ||
					   (dh->t1 + 1 < doc->ntoks &&
					    (wb = lsn_x_lex_seq(X->kb, doc, LX_WEEK_BEFORE, dh->t1, 2)) &&
					    wb->value > 0);
				if (prev)
					z -= (w - 1) + 7 - (want - 1);
				else
					z -= (w - want + 7) % 7;
				int y, m, d;
				lsn_from_days(z, &y, &m, &d);
				dh->dt = (struct lsn_date){(int16_t)y, (int8_t)m, (int8_t)d, DP_DAY};
			} else if (span_weekday(doc, k, &dh->dt)) {
				/* "displayed in Hanoi on June 11-14 ... the opening on Tuesday": the day
				 * of a span of days told before it that is that weekday */
			} else if (ref.prec) {
				dh->dt = ref;
				if (ref.prec == DP_DAY)
					dh->dt.d = 0, dh->dt.prec = DP_MONTH;
			} else {
				dh->dt.prec = DP_NONE;
			}
			continue;
		}
		if (dh->dt.y == 0 && dh->dt.m == 0) {
			/* a bare day ("4日"): of the reference month */
			if (ref.prec < DP_MONTH) {
				dh->dt.prec = DP_NONE;
				dh->ywhy = DN_NO_YEAR;
				continue;
			}
			dh->dt.y = ref.y;
			dh->dt.m = ref.m;
			dh->ysrc = doc->ref_by;
			continue;
		}
		if (dh->dt.y == 0) {
			/* no publication date: the year the sentence itself names */
			uint8_t why = DN_NO_YEAR;
			int sy = doc->published.prec ? 0 : sentence_year(X, k, &dh->yhit, &why);
			if (sy) {
				dh->dt.y = (int16_t)sy;
				dh->ysrc = DW_SENTENCE;
				continue;
			}
			if (!ref.prec) {
				dh->open = dh->dt.prec; /* kept: the actor table may date it */
				dh->dt.prec = DP_NONE;
				dh->ywhy = why;
				continue;
			}
			dh->dt.y = (int16_t)(ref.y + relyear_of(X, dh));
			dh->ysrc = doc->ref_by;
			if (dh->dt.y != ref.y)
				continue;
			/* "last September": the one before the reference month
			 * (lexicon class month_before) */
			if (dh->t0 > 0 && lsn_x_lex_fold(X->kb, doc, LX_MONTH_BEFORE, dh->t0 - 1) &&
			    (ref.prec < DP_MONTH || dh->dt.m >= ref.m)) {
				dh->dt.y = (int16_t)(ref.y - 1);
				continue;
			}
			/* "December 30" in a story published on January 2 */
			if (ref.prec >= DP_MONTH && dh->dt.m > ref.m + 1 && doc->published.prec)
				dh->dt.y = (int16_t)(ref.y - 1);
		}
	}
	for (size_t k = 0; k < doc->ndates; k++)
		real_day(&doc->dates[k]);
}

/* Did date hit dh, told without a year, take the year the text names most, in a story
 * that names no month of that year it has ("Bản tin 2024-02" over "Ngày 27/2" is no
 * guess)? */
static int guessed_year(const lsn_doc *doc, const struct lsn_datehit *dh)
{
	return dh->ysrc == DW_TEXT_YEAR && !dh->relative && dh->range != 2 && dh->dt.prec >= DP_MONTH &&
	       !(doc->ref.prec >= DP_MONTH && doc->ref.y == dh->dt.y && doc->ref.m == dh->dt.m);
}

/*
 * Dates the text gives without a year ("5月12日至14日", "on July 8"), in a
 * story that names no year: the actor table knows when the people of the
 * story held the offices the text gives them.  When exactly one year puts
 * every such date inside all of those tenures, that is the year.
 */
void lsn_x_tenure_year(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	long lo = 0, hi = 99991231;
	int known = 0, open = 0, guessed = 0;
	int32_t who = -1;
	for (size_t k = 0; k < doc->ndates; k++) {
		open += doc->dates[k].open != 0;
		guessed += guessed_year(doc, &doc->dates[k]);
	}
	if (!open && !guessed)
		return;
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *p = &doc->persons[k];
		if (p->actor < 0 || !p->role)
			continue;
		const struct lsn_actor *ac = &kb->actors[p->actor];
		/* the text names no body: a role held in two bodies ("party secretary"
		 * of two provinces) does not tell which tenure */
		int rows = 0;
		for (uint32_t r = 0; r < ac->nroles && p->org < 0; r++)
			rows += kb->aroles[ac->role0 + r].role == p->role;
		if (rows > 1)
			continue;
		for (uint32_t r = 0; r < ac->nroles; r++) {
			const struct lsn_arole *ar = &kb->aroles[ac->role0 + r];
			if (ar->role != p->role || (p->org >= 0 && ar->org >= 0 && ar->org != p->org) || !ar->from)
				continue;
			/* yyyymmdd bounds; a bare year or month is taken widely */
			long from = ar->from % 10000 ? (ar->from % 100 ? ar->from : ar->from + 1) : ar->from + 101;
			long to = !ar->to ? 99991231 : ar->to % 10000 ? (ar->to % 100 ? ar->to : ar->to + 31) : ar->to + 1231;
			if (from > lo)
				lo = from;
			if (to < hi)
				hi = to;
			if (who < 0)
				who = (int32_t)k;
			known++;
			break;
		}
	}
	/* a year-less date that took the year the text names most, outside the tenures the
	 * text gives its people ("副总理阮志勇", in office from 2025, on "3月19日" of a story
	 * naming 2024 for a signing told as past): the evidence disagrees, and the year is
	 * not certain; nor is the story's, when the whole of its year is outside them */
	if (known && lo <= hi && guessed) {
		int off = 0;
		for (size_t k = 0; k < doc->ndates; k++) {
			struct lsn_datehit *dh = &doc->dates[k];
			if (!guessed_year(doc, dh))
				continue;
			long d = dh->dt.y * 10000L + dh->dt.m * 100 + (dh->dt.prec == DP_DAY ? dh->dt.d : 15);
			if (d >= lo && d <= hi)
				continue;
			dh->open = dh->dt.prec;
			dh->dt.y = 0, dh->dt.prec = DP_NONE;
			dh->ysrc = DW_NONE, dh->ywhy = DN_DISAGREE;
			open++, off++;
		}
		if (off && (doc->ref.y * 10000L + 1231 < lo || doc->ref.y * 10000L + 101 > hi)) {
			memset(&doc->ref, 0, sizeof doc->ref);
			doc->ref_by = DW_NONE, doc->ref_from = (struct lsn_span){0, 0};
		}
	}
	if (!open)
		return;
	if (known && (lo > hi || hi == 99991231)) {
		/* the tenures leave no year, or no end to the years they allow */
		for (size_t k = 0; k < doc->ndates; k++)
			if (doc->dates[k].open && lo > hi)
				doc->dates[k].ywhy = DN_DISAGREE;
	}
	if (!known || lo > hi || hi == 99991231)
		return;
	int year = 0;
	for (int y = (int)(lo / 10000); y <= (int)(hi / 10000); y++) {
		int fits = 1;
		for (size_t k = 0; k < doc->ndates && fits; k++) {
			const struct lsn_datehit *dh = &doc->dates[k];
			if (!dh->open)
				continue;
			long d = (y + relyear_of(X, dh)) * 10000L + dh->dt.m * 100 + (dh->open == DP_DAY ? dh->dt.d : 15);
			fits = d >= lo && d <= hi;
		}
		if (fits) {
			if (year) { /* two years fit: the text does not tell */
				for (size_t j = 0; j < doc->ndates; j++)
					if (doc->dates[j].open)
						doc->dates[j].ywhy = DN_DISAGREE;
				return;
			}
			year = y;
		}
	}
	if (!year)
		return;
	for (size_t k = 0; k < doc->ndates; k++) {
		struct lsn_datehit *dh = &doc->dates[k];
		if (dh->open) {
			dh->dt.y = (int16_t)(year + relyear_of(X, dh));
			dh->dt.prec = dh->open;
			dh->open = 0;
			dh->ysrc = DW_TENURE;
			dh->ywhy = DN_NONE;
			real_day(dh);
		}
	}
	if (!doc->ref.prec) {
		doc->ref = (struct lsn_date){(int16_t)year, 0, 0, DP_YEAR};
		doc->ref_by = DW_TENURE, doc->ref_person = who;
		doc->ref_from = (struct lsn_span){0, 0};
	}
}

/* Is token t inside a 《…》 title ("签署了《…2025年合作备忘录》": the year
 * names the document, not the day of the signing)? */
int lsn_x_in_book_title(const struct x *X, uint32_t s0, uint32_t t)
{
	const lsn_doc *doc = X->doc;
	int open = 0;
	for (uint32_t i = s0; i < t; i++) {
		if (doc->toks[i].kind != TK_PUNCT && doc->toks[i].kind != TK_OTHER)
			continue; /* the marks are punctuation (《 》) */
		const struct lsn_lexeme *m = lsn_x_lex_tok(X->kb, doc, LX_BOOK_TITLE_MARK, i);
		if (m && m->value > 0)
			open++;
		else if (m && m->value < 0 && open)
			open--;
	}
	return open > 0;
}

/* Is the date hit the one of a dateline: "HANOI, Oct. 15 (VNA) –",
 * "KUNMING, March 15 (Xinhua) --", "新华社南宁6月3日电"? */
static int dateline(const struct x *X, const struct lsn_datehit *dh, uint32_t si)
{
	const lsn_doc *doc = X->doc;
	uint32_t s0 = X->st0[si], e = dh->t1;
	if (dh->t0 > s0 + 5 || e >= X->st1[si])
		return 0;
	if (lsn_x_lex_tok(X->kb, doc, LX_DATELINE_END, e))
		return 1;
	if (tok_is(doc, e, "(") && e + 2 < X->st1[si] && (doc->toks[e + 1].flags & (TF_CAP | TF_UPPER)) &&
	    tok_is(doc, e + 2, ")"))
		return 1;
	return tok_is(doc, e, "–") || tok_is(doc, e, "—") || tok_is(doc, e, "--");
}

/* Is the date hit the one of a report of the story, a word of lexicon report_word right
 * after it ("《越南+》6月30日报道,6月29日,...", "VNA on June 30 reported")? Like a
 * dateline's, another date of its sentence is the event's. */
int lsn_x_report_date(const struct x *X, const struct lsn_datehit *dh)
{
	uint32_t e = dh->t1, si = X->doc->toks[dh->t0].sent;
	return e < X->st1[si] && (lsn_x_lex_seq(X->kb, X->doc, LX_REPORT_WORD, e, 1) ||
				  lsn_x_lex_seq(X->kb, X->doc, LX_REPORT_WORD, e, 2));
}

/* The date nearest to token `at` in sentence si (a date in the same clause
 * beats one farther off).  *found is 1 when there is one, 2 when it is the
 * first day of a range ("May 25-28", "8月26—30日"). */
/* The index of the first of n items (of `size` bytes each, in text order) whose token t0,
 * at offset `at` in the item, is at or after token t. */
static size_t first_at(const void *items, size_t n, size_t size, size_t at, uint32_t t)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t t0;
		memcpy(&t0, (const char *)items + mid * size + at, sizeof t0);
		if (t0 < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t lsn_x_first_date_at(const lsn_doc *doc, uint32_t t)
{
	return first_at(doc->dates, doc->ndates, sizeof *doc->dates, offsetof(struct lsn_datehit, t0), t);
}

size_t lsn_x_first_num_at(const lsn_doc *doc, uint32_t t)
{
	return first_at(doc->nums, doc->nnums, sizeof *doc->nums, offsetof(struct lsn_num, t0), t);
}

int lsn_x_money_in(const struct x *X, uint32_t si)
{
	const lsn_doc *doc = X->doc;
	for (size_t k = lsn_x_first_num_at(doc, X->st0[si]); k < doc->nnums && doc->nums[k].t0 < X->st1[si]; k++)
		if (doc->nums[k].unit[0] && strcmp(doc->nums[k].unit, "pct"))
			return 1;
	return 0;
}

struct lsn_date lsn_x_nearest_date(const struct x *X, uint32_t si, uint32_t at, int *found)
{
	const lsn_doc *doc = X->doc;
	struct lsn_date best = {0, 0, 0, 0};
	uint32_t bestd = UINT32_MAX;
	*found = 0;
	size_t k0 = lsn_x_first_date_at(doc, X->st0[si]), k1 = k0;
	while (k1 < doc->ndates && doc->dates[k1].t0 < X->st1[si])
		k1++;
	/* the dateline's date ("HANOI, Oct. 15 (VNA) – ... on October 14")
	 * is when the story was filed: another date of the sentence wins */
	int other = 0;
	for (size_t k = k0; k < k1; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		other |= dh->dt.prec && dh->range != 2 && !dateline(X, dh, si) && !lsn_x_report_date(X, dh);
	}
	for (size_t k = k0; k < k1; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		if (dh->t0 < X->st0[si] || dh->t0 >= X->st1[si] || !dh->dt.prec || dh->range == 2)
			continue;
		if ((other && (dateline(X, dh, si) || lsn_x_report_date(X, dh))) ||
		    lsn_x_in_book_title(X, X->st0[si], dh->t0))
			continue;
		if (dh->dt.prec == DP_YEAR && lsn_x_in_range(X, dh))
			continue; /* "the 2023-2027 period" is a term, not when */
		uint32_t d = dh->t0 > at ? dh->t0 - at : at - dh->t1;
		if (dh->dt.prec == DP_YEAR)
			d += 40; /* a bare year is a weaker statement of when */
		if (d < bestd) {
			bestd = d;
			best = dh->dt;
			*found = dh->range ? 2 : 1;
		}
	}
	return best;
}

/* Is the date one end of a range ("2023 – 2027", "May 2020 – May 2025")? */
int lsn_x_in_range(const struct x *X, const struct lsn_datehit *dh)
{
	const lsn_doc *doc = X->doc;
	for (int side = 0; side < 2; side++) {
		uint32_t j = side ? dh->t1 : dh->t0 - 1;
		if ((side == 0 && dh->t0 == 0) || j >= doc->ntoks)
			continue;
		/* a dash or a range word with a year at its other side: "2023 – 2027",
		 * not "2024-02" nor "up 16.2 percent in 2021 to 47.42 billion USD" */
		uint32_t o = side ? j + 1 : j - 1;
		int oy = (side || j > 0) && o < doc->ntoks ? lsn_tok_int(doc, o, 4) : -1;
		if (oy < 0 && !side && j > 1) {
			/* "2024年至2028年": the year before the range word with its year word */
			const struct lsn_lexeme *u = lsn_x_lex_tok(X->kb, doc, LX_DATE_UNIT, o);
			if (u && u->value == 1)
				oy = lsn_tok_int(doc, o - 1, 4);
		}
		if ((tok_is(doc, j, "-") || tok_is(doc, j, "–") || tok_is(doc, j, "—") ||
		     lsn_x_lex_tok(X->kb, doc, LX_RANGE_WORD, j)) &&
		    (dh->dt.prec != DP_YEAR || (oy >= 1900 && oy <= 2100)))
			return 1;
	}
	return 0;
}

/* ---- the evidence of each event's date (extract --explain) ---- */

const char *const lsn_date_by[] = {"none", "stated", "sentence_year", "publication", "dateline",
				   "edition", "tenure", "text_year", "ordering"};
const char *const lsn_date_why[] = {NULL, "no_date", "no_year", "disagree", "span_of_days",
				    "day_not_told", "recently", "edition_days", "year_only", "unlinked"};

/* Does date hit dh give date d at d's precision? */
static int hit_gives(const struct lsn_datehit *dh, struct lsn_date d)
{
	if (!dh->dt.prec || dh->dt.prec < d.prec || dh->dt.y != d.y || dh->range == 2)
		return 0;
	return (d.prec < DP_MONTH || dh->dt.m == d.m) && (d.prec < DP_DAY || dh->dt.d == d.d);
}

/* The date hit of sentence si that gives d; with `anywhere`, else the nearest one
 * elsewhere (told before si on a tie); a span's first day first when `range`; -1 when
 * none. */
static int32_t hit_of(const lsn_doc *doc, uint32_t si, struct lsn_date d, int anywhere, int range)
{
	int32_t best = -1;
	uint32_t bestd = UINT32_MAX;
	for (size_t k = 0; k < doc->ndates; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		uint32_t s = doc->toks[dh->t0].sent;
		if (!hit_gives(dh, d) || (s != si && !anywhere))
			continue;
		uint32_t dist = s > si ? 2 * (s - si) + 1 : 2 * (si - s);
		if ((dh->range == 1) != !!range)
			dist += 1000; /* an event dated by a span: by the span's first day */
		if (dist < bestd)
			bestd = dist, best = (int32_t)k;
	}
	return best;
}

/* The open hit (a month and day without a year) of sentence si that gives month m. */
static int32_t open_hit_of(const lsn_doc *doc, uint32_t si, int m)
{
	for (size_t k = 0; k < doc->ndates; k++)
		if (doc->toks[doc->dates[k].t0].sent == si && doc->dates[k].open && doc->dates[k].dt.m == m)
			return (int32_t)k;
	return -1;
}

static struct lsn_span hit_span(const lsn_doc *doc, int32_t k)
{
	return (struct lsn_span){doc->toks[doc->dates[k].t0].start, doc->toks[doc->dates[k].t1 - 1].end};
}

/* The evidence behind the year a date hit took: the kind, where it is, whose tenure. */
static void year_evidence(const lsn_doc *doc, const struct lsn_datehit *dh, struct lsn_date_ev *w)
{
	w->by = dh->ysrc ? dh->ysrc : DW_STATED;
	if (w->by == DW_SENTENCE && dh->yhit >= 0)
		w->from = hit_span(doc, dh->yhit);
	else if (w->by == DW_TENURE)
		w->person = doc->ref_person;
	else if (w->by != DW_STATED && w->by == doc->ref_by)
		w->from = doc->ref_from, w->person = doc->ref_person;
}

/*
 * Fills each kept event's `why` from what the passes left: the date hit that
 * dated it and the evidence of that hit's year, the recurring event's edition,
 * the event it took its date from, or the reference date; and, for a date that
 * is null or less precise than a day, the reason.  Reads only; changes no date.
 */
void lsn_x_explain_dates(struct x *X)
{
	lsn_doc *doc = X->doc;
	int any_stated = 0;
	for (size_t a = 0; a < doc->nevents; a++)
		any_stated |= !doc->events[a].dropped && doc->events[a].dated == 1 && doc->events[a].date.prec;
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		struct lsn_date_ev *w = &A->why;
		struct lsn_date d = A->date;
		uint32_t s0 = X->st0[A->sent], s1 = X->st1[A->sent];
		*w = (struct lsn_date_ev){DW_NONE, DN_NONE, -1, {0, 0}, -1};
		if (A->dropped)
			continue;
		if (!d.prec) {
			/* a month and day without a year, or nothing at all: the sentence's own
			 * date (what made it yearless), or no date told nor to be inherited */
			w->hit = d.m ? open_hit_of(doc, A->sent, d.m) : -1;
			for (size_t k = 0; k < doc->ndates && w->hit < 0; k++)
				if (doc->toks[doc->dates[k].t0].sent == A->sent && !doc->dates[k].dt.prec &&
				    doc->dates[k].range != 2)
					w->hit = (int32_t)k;
			if (w->hit >= 0)
				w->why = doc->dates[w->hit].ywhy ? doc->dates[w->hit].ywhy : DN_NO_YEAR;
			else
				w->why = any_stated ? DN_UNLINKED : DN_NO_DATE;
			continue;
		}
		if (A->dated == 2) {
			/* the month of a numbered edition (data/recurring.tsv) */
			w->by = DW_EDITION, w->why = DN_EDITION_DAYS;
			for (size_t h = X->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < s1; h++)
				if (doc->hits[h].kind == PK_SERIES) {
					/* the name with its ordinal, else the name alone (the
					 * edition of the year its day is in) */
					if (!lsn_x_series_edition_at(X, &doc->hits[h], &w->from))
						w->from = (struct lsn_span){doc->toks[doc->hits[h].t0].start,
									    doc->toks[doc->hits[h].t1 - 1].end};
					break;
				}
			continue;
		}
		if (A->dated == 3) {
			/* "recently": before the story's day, in its year or month */
			w->by = doc->ref_by, w->from = doc->ref_from, w->person = doc->ref_person;
			w->why = DN_RECENT;
			continue;
		}
		int32_t k = A->dated == 1 || A->inherit ? hit_of(doc, A->sent, d, 1, A->range) : -1;
		if (A->inherit) {
			/* told without a date: the story's main event's, or one told before it */
			w->by = DW_ORDER, w->hit = k;
		} else if (k >= 0) {
			w->hit = k;
			year_evidence(doc, &doc->dates[k], w);
		} else {
			/* no date in its sentence: the story's reference date */
			w->by = doc->ref_by, w->from = doc->ref_from, w->person = doc->ref_person;
		}
		if (d.prec < DP_DAY) {
			int told = k >= 0 && doc->dates[k].dt.prec > d.prec;
			if (told)
				w->why = A->range || doc->dates[k].range ? DN_SPAN : DN_DAY_UNTOLD;
			else
				w->why = d.prec == DP_YEAR ? DN_YEAR_ONLY : DN_DAY_UNTOLD;
		}
	}
}
