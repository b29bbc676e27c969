/*
 * extract.c — sixth stage: the record of SCHEMA.md from the annotations.
 *
 *   1. reference date: publication date, else a dated recurring event ("the
 *      6th CIIE"), else the latest full date the text gives; year-less and
 *      weekday dates are completed against it;
 *   2. persons: title + name, name + appositive title, surname-led names and
 *      known actors; short forms ("Gong", "Nen", "PM Chính") and bare titles
 *      resolve to the person introduced earlier;
 *   3. events: trigger phrases with the persons and places of their sentence,
 *      merged when they are the same interaction told twice;
 *   4. figures: amounts with a metric word, their period and change;
 *   5. relations and fields.
 */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <unicode/uchar.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lsn_int.h"


struct x {
	const lsn_tables *kb;
	lsn_doc *doc;
	uint32_t *st0, *st1; /* token range of each sentence */
	int zh;
	int32_t *tok_place;  /* per token: place index + 1 of a place hit covering it */
	uint8_t *tok_kind;   /* per token: bit set of hit kinds covering it */
	int32_t *tok_title;  /* per token: hit index + 1 of a title ending here */
	int32_t *tok_actor;  /* per token: hit index + 1 of the longest actor name starting here */
	uint32_t *hit0;      /* per token: index of the first hit starting at or after it */
	int8_t *future;      /* per sentence: speaks of the future (1), not (0), unknown (-1) */
};

#define KB(k) (1u << (k))

static int tok_is(const lsn_doc *doc, uint32_t i, const char *s)
{
	const struct lsn_tok *t = &doc->toks[i];
	size_t n = strlen(s);
	return i < doc->ntoks && t->end - t->start == n && !memcmp(doc->text + t->start, s, n);
}

static int tok_fold_is(const lsn_doc *doc, uint32_t i, const char *s)
{
	return i < doc->ntoks && doc->toks[i].h == lsn_fold_hash(s, strlen(s));
}

/* ---------------------------------------------------------------- dates */

static int date_cmp(struct lsn_date a, struct lsn_date b)
{
	long x = a.y * 10000L + (a.prec >= DP_MONTH ? a.m : 0) * 100 + (a.prec >= DP_DAY ? a.d : 0);
	long y = b.y * 10000L + (b.prec >= DP_MONTH ? b.m : 0) * 100 + (b.prec >= DP_DAY ? b.d : 0);
	return (x > y) - (x < y);
}

/* Ordinal before a series name: "6th", "sixth", "第六届", "lần thứ 6". */
static const char *const ordinals[] = {
	"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
	"ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
	"sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", NULL};
static const char *const zh_digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", NULL};

static int ordinal_before(const lsn_doc *doc, uint32_t i)
{
	/* English: "the 6th" (a number and a suffix token), "the sixth" */
	if (i >= 2 && doc->toks[i - 2].kind == TK_NUM && !(doc->toks[i - 1].flags & TF_SPACE) &&
	    (tok_fold_is(doc, i - 1, "st") || tok_fold_is(doc, i - 1, "nd") ||
	     tok_fold_is(doc, i - 1, "rd") || tok_fold_is(doc, i - 1, "th")))
		return atoi(doc->text + doc->toks[i - 2].start);
	if (i >= 1) {
		const struct lsn_tok *t = &doc->toks[i - 1];
		char f[24];
		lsn_fold(doc->text + t->start, t->end - t->start, f, sizeof f);
		int v = atoi(f);
		if (v > 0 && (strstr(f, "st") || strstr(f, "nd") || strstr(f, "rd") || strstr(f, "th")))
			return v;
		for (int k = 1; ordinals[k]; k++)
			if (!strcmp(f, ordinals[k]))
				return k;
		if (!strcmp(f, "1st"))
			return 1;
	}
	/* Chinese: 第六届 / 第6届 */
	if (i >= 2 && tok_is(doc, i - 1, "届")) {
		uint32_t j = i - 2;
		if (doc->toks[j].kind == TK_NUM)
			return atoi(doc->text + doc->toks[j].start);
		for (int k = 1; zh_digits[k]; k++)
			if (tok_is(doc, j, zh_digits[k]))
				return k;
		if (tok_is(doc, j, "首"))
			return 1;
	}
	if (i >= 1 && tok_is(doc, i - 1, "首届"))
		return 1;
	return 0;
}

/* Vietnamese "lần thứ 6" after the series name. */
static int ordinal_after(const lsn_doc *doc, uint32_t e)
{
	if (e + 2 < doc->ntoks && tok_fold_is(doc, e, "lan") && tok_fold_is(doc, e + 1, "thu") &&
	    doc->toks[e + 2].kind == TK_NUM)
		return atoi(doc->text + doc->toks[e + 2].start);
	return 0;
}

/* The edition of the series hit h, or NULL. */
static const struct lsn_series_ed *series_edition(const struct x *X, const struct lsn_hit *h)
{
	int ed = ordinal_before(X->doc, h->t0);
	if (!ed)
		ed = ordinal_after(X->doc, h->t1);
	if (!ed)
		return NULL;
	for (size_t k = 0; k < X->kb->neds; k++)
		if (X->kb->eds[k].series == h->val && X->kb->eds[k].edition == ed)
			return &X->kb->eds[k];
	return NULL;
}

/* Does sentence si speak of the future or of an intention ("will attend",
 * "slated to", "hopes to visit")?  Dates there do not date the story. */
static const char *const future_marks[] = {
	"will", "would", "slated", "scheduled", "upcoming", "hope", "hopes", "hoped",
	"expects", "expect", "wish", "wishes", "plans", "plan", "vowed", "vows",
	"invitation", "invited", "invite", "forthcoming", "next", "sẽ", "将", "将于", NULL};
static struct lsn_map future_map;
static pthread_once_t future_once = PTHREAD_ONCE_INIT;
static void future_init(void)
{
	for (int k = 0; future_marks[k]; k++)
		lsn_map_put(&future_map, lsn_fold_hash(future_marks[k], strlen(future_marks[k])), 1);
}

static int future_sentence(struct x *X, uint32_t si)
{
	if (X->future[si] < 0) {
		pthread_once(&future_once, future_init);
		X->future[si] = 0;
		for (uint32_t i = X->st0[si]; i < X->st1[si] && !X->future[si]; i++)
			if (lsn_map_get(&future_map, X->doc->toks[i].h))
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
static int hit_in(const struct x *X, uint8_t kind, uint32_t val, uint32_t t0, uint32_t t1);

static int since_year(const struct x *X, size_t k)
{
	const lsn_doc *doc = X->doc;
	const struct lsn_datehit *dh = &doc->dates[k];
	uint32_t si = doc->toks[dh->t0].sent, s0 = X->st0[si], s1 = X->st1[si];
	/* the words of event_words.tsv (role since): right after the year
	 * ("2022年以来"), or before it in the same clause with no other date
	 * between ("since the visit ... in 2022", "kể từ năm 2022") */
	if (hit_in(X, PK_EVWORD, EW_SINCE, dh->t1, dh->t1 + 3 < s1 ? dh->t1 + 3 : s1))
		return 1;
	uint32_t from = dh->t0;
	for (uint32_t n = 0; from > s0 && n < 16; from--, n++)
		if (tok_is(doc, from - 1, ",") || tok_is(doc, from - 1, ";") || tok_is(doc, from - 1, "，") ||
		    (k > 0 && doc->dates[k - 1].t1 == from))
			break;
	return hit_in(X, PK_EVWORD, EW_SINCE, from, dh->t0);
}

/* Does sentence si state a figure (an amount with a metric word)? */
static int statistic_sentence(const struct x *X, uint32_t si)
{
	const lsn_doc *doc = X->doc;
	int money = 0, metric = 0;
	for (size_t k = 0; k < doc->nnums; k++)
		if (doc->toks[doc->nums[k].t0].sent == si && doc->nums[k].unit[0] && strcmp(doc->nums[k].unit, "pct"))
			money = 1;
	for (size_t h = X->hit0[X->st0[si]]; h < doc->nhits && doc->hits[h].t0 < X->st1[si]; h++)
		metric |= doc->hits[h].kind == PK_METRIC;
	return money && metric;
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

static void reference_date(struct x *X)
{
	lsn_doc *doc = X->doc;
	/* A lone date line is a page header; when the story speaks only of
	 * years well before it, it is the day the page was shown or saved, not
	 * the day the story was published. */
	if (doc->pub_from_line && doc->published.prec) {
		int latest = 0;
		for (size_t k = 0; k < doc->ndates; k++)
			if (!doc->dates[k].relative && doc->dates[k].dt.y > latest)
				latest = doc->dates[k].dt.y;
		if (latest && latest < doc->published.y - 1)
			memset(&doc->published, 0, sizeof doc->published);
	}
	if (doc->published.prec) {
		doc->ref = doc->published;
		return;
	}
	memset(&doc->ref, 0, sizeof doc->ref);
	/* a recurring event's edition ("the 6th CIIE") */
	struct lsn_date series = {0, 0, 0, 0};
	for (size_t h = 0; h < doc->nhits; h++)
		if (doc->hits[h].kind == PK_SERIES) {
			const struct lsn_series_ed *e = series_edition(X, &doc->hits[h]);
			if (e && date_cmp(e->start, series) > 0)
				series = e->start;
		}
	/* the year the text names most often (the latest on a tie), leaving
	 * out what it says of the future, and in it the latest month or day */
	int best_year = 0, best_count = 0, weak = 0;
	for (int pass = 0; pass < 3 - !!series.prec && !best_year; pass++)
		for (size_t k = 0; k < doc->ndates; k++) {
			int y = doc->dates[k].dt.y, count = 0;
			uint32_t si = doc->toks[doc->dates[k].t0].sent;
			if (!y || doc->dates[k].relative || background_sentence(X, si) || since_year(X, k))
				continue;
			/* pass 0: the story's own sentences; pass 1 also the
			 * statistics ("In 2021, exports hit ..."); pass 2 also what
			 * it says of the future: both only tell the year roughly */
			if (pass < 2 && future_sentence(X, si))
				continue;
			if (pass < 1 && statistic_sentence(X, si))
				continue;
			weak = pass;
			/* the lead (first sentences) counts double: it tells the story's time */
			for (size_t j = 0; j < doc->ndates; j++)
				if (doc->dates[j].dt.y == y && !doc->dates[j].relative)
					count += doc->toks[doc->dates[j].t0].sent < 3 ? 2 : 1;
			if (count > best_count || (count == best_count && y > best_year))
				best_year = y, best_count = count;
		}
	struct lsn_date best = {0, 0, 0, 0};
	for (size_t k = 0; k < doc->ndates && best_year; k++) {
		struct lsn_date d = doc->dates[k].dt;
		if (d.y != best_year || doc->dates[k].relative)
			continue;
		if (!best.prec || d.prec > best.prec || (d.prec == best.prec && date_cmp(d, best) > 0))
			best = d;
	}
	/* a year known only from statistics or from the future: no month */
	if (weak && best.prec > DP_YEAR)
		best.prec = DP_YEAR;
	/* a full year's statistics are told after it ends */
	if (weak == 1 && best.prec == DP_YEAR && statistic_full_year(X, best.y))
		best.y++;
	/* a later edition of a recurring event dates the story better than
	 * an older year named as background ("sister cities since 1994") */
	doc->ref = (series.prec && series.y > best.y) ? series : best;
}

static int in_range(const lsn_doc *doc, const struct lsn_datehit *dh);

/* The one year its own sentence gives a year-less date ("2月22日，2023年…
 * 会晤活动举行"), or 0: none, or several.  Years of a range, after "since"
 * or in a statistic do not count. */
static int sentence_year(const struct x *X, size_t k)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[doc->dates[k].t0].sent;
	if (statistic_sentence(X, si))
		return 0;
	int y = 0;
	for (size_t j = 0; j < doc->ndates; j++) {
		const struct lsn_datehit *dh = &doc->dates[j];
		if (j == k || doc->toks[dh->t0].sent != si || !dh->dt.y || dh->relative || in_range(doc, dh) ||
		    since_year(X, j))
			continue;
		if (y && y != dh->dt.y)
			return 0;
		y = dh->dt.y;
	}
	return y;
}

/* Completes year-less dates and resolves weekdays against the reference. */
static void complete_dates(struct x *X)
{
	lsn_doc *doc = X->doc;
	struct lsn_date ref = doc->ref;
	for (size_t k = 0; k < doc->ndates; k++) {
		struct lsn_datehit *dh = &doc->dates[k];
		if (dh->relative == 2) {
			/* "yesterday": only against a publication date */
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
			if (ref.prec == DP_DAY && doc->published.prec == DP_DAY) {
				int want = dh->dt.d;
				long z = lsn_days(ref.y, ref.m, ref.d);
				int w = lsn_weekday(ref.y, ref.m, ref.d);
				/* "上周四", "thứ Năm tuần trước": that day of the week before */
				int prev = (dh->t0 > 0 && tok_is(doc, dh->t0 - 1, "上")) ||
					   (dh->t1 + 1 < doc->ntoks && tok_fold_is(doc, dh->t1, "tuan") &&
					    tok_fold_is(doc, dh->t1 + 1, "truoc"));
				if (prev)
					z -= (w - 1) + 7 - (want - 1);
				else
					z -= (w - want + 7) % 7;
				int y, m, d;
				lsn_from_days(z, &y, &m, &d);
				dh->dt = (struct lsn_date){(int16_t)y, (int8_t)m, (int8_t)d, DP_DAY};
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
				continue;
			}
			dh->dt.y = ref.y;
			dh->dt.m = ref.m;
			continue;
		}
		if (dh->dt.y == 0) {
			/* no publication date: the year the sentence itself names */
			int sy = doc->published.prec ? 0 : sentence_year(X, k);
			if (sy) {
				dh->dt.y = (int16_t)sy;
				continue;
			}
			if (!ref.prec) {
				dh->open = dh->dt.prec; /* kept: the actor table may date it */
				dh->dt.prec = DP_NONE;
				continue;
			}
			dh->dt.y = ref.y;
			/* "last September": the one before the reference month */
			if (dh->t0 > 0 && (tok_fold_is(doc, dh->t0 - 1, "last") || tok_fold_is(doc, dh->t0 - 1, "past")) &&
			    (ref.prec < DP_MONTH || dh->dt.m >= ref.m)) {
				dh->dt.y = (int16_t)(ref.y - 1);
				continue;
			}
			/* "December 30" in a story published on January 2 */
			if (ref.prec >= DP_MONTH && dh->dt.m > ref.m + 1 && doc->published.prec)
				dh->dt.y = (int16_t)(ref.y - 1);
		}
	}
}

/* ---------------------------------------------------------------- persons */

static const char *const stop_caps[] = {
	"the", "a", "an", "at", "in", "on", "of", "for", "and", "with", "to", "by", "from", "he",
	"she", "his", "her", "their", "they", "we", "our", "this", "that", "these", "those", "it",
	"its", "as", "during", "after", "before", "according", "speaking", "meeting", "mr", "ms",
	"mrs", "madam", "party", "committee", "people", "government", "city", "province",
	"secretary", "chairman", "chairwoman", "chairperson", "president", "minister", "mayor",
	"governor", "director", "ambassador", "consul", "general", "deputy", "vice", "prime",
	"national", "assembly", "municipal", "provincial", "department", "office", "state",
	"central", "communist", "standing", "member", "politburo", "premier", "pm", "na",
	"also", "both", "but", "however", "while", "under", "over", "since", "through", "via",
	"chinese", "vietnamese", "photo", "source", "vna", "xinhua", "vns", "ministry", "foreign",
	"affairs", "trade", "industry", "commerce", "council", "congress", "region", "autonomous",
	"zhuang", "new", "area", "expo", "import", "international", "china", "vietnam", "southern", "northern", "border", "east", "west", "south", "north", "mekong", "red",
	"river", "friendship", "union", "federation", "association", "business", "forum",
	"conference", "summit", "agreement", "memorandum", "understanding", "mou", "covid",
	"asean", "rcep", "belt", "road", "initiative", "year", "day", "week", "month", "news",
	"agency", "embassy", "consulate", "delegation", "leader", "leaders", "official",
	"officials", "spring", "lunar", "tet", "university", "academy", "institute", "school",
	"company", "group", "corporation", "bank", "port", "airport", "station", "bridge",
	"gate", "zone", "park", "center", "centre", "hall", "house", "building", "road",
	"street", "ward", "district", "commune", "town", "village", "pavilion", "fair", "week",
NULL};

/* Vietnamese title and function words that never begin or continue a name;
 * matched with their diacritics (folded, several are names: Quốc, Trọng). */
static const char *const stop_vi[] = {
	"ông", "bà", "thủ", "tướng", "chủ", "tịch", "bí", "phó", "tổng", "sứ", "lãnh", "sự",
	"bộ", "trưởng", "giám", "đốc", "tỉnh", "phố", "ủy", "ủy", "ban", "ubnd", "hđnd", "đảng",
	"sở", "tại", "và", "của", "với", "các", "những", "theo", "trong", "ngày", "tháng", "sáng",
	"chiều", "tối", "đoàn", "lễ", "hội", "khu", "tự", "trị", "cùng", NULL};


static struct lsn_map stop_map;
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;
static struct lsn_map stop_vi_map;

static void stop_init(void)
{
	for (int k = 0; stop_caps[k]; k++)
		lsn_map_put(&stop_map, lsn_fold_hash(stop_caps[k], strlen(stop_caps[k])), 1);
	for (int k = 0; stop_vi[k]; k++)
		lsn_map_put(&stop_vi_map, lsn_lower_hash(stop_vi[k], strlen(stop_vi[k])), 1);
}

/* Could token i be part of a Latin-script personal name? */
static int name_word(const struct x *X, uint32_t i)
{
	const struct lsn_tok *t = &X->doc->toks[i];
	if (t->kind != TK_WORD || !(t->flags & TF_CAP) || (t->flags & TF_UPPER))
		return 0;
	if (t->end - t->start > 24)
		return 0;
	/* English stop words are ASCII: "Thế" is a name, not "the" */
	int ascii = 1;
	for (uint32_t k = t->start; k < t->end; k++)
		ascii &= (unsigned char)X->doc->text[k] < 0x80;
	if (ascii && lsn_map_get(&stop_map, t->h))
		return 0;
	if (lsn_map_get(&stop_vi_map, lsn_lower_hash(X->doc->text + t->start, t->end - t->start)))
		return 0;
	return 1;
}

/* Words after which a name is the name of an institution or a thing. */
static int org_word(const lsn_doc *doc, uint32_t i)
{
	static const char *const words[] = {
		"national", "academy", "university", "institute", "school", "museum", "mausoleum",
		"trail", "foundation", "square", "street", "road", "port", "airport", "park", "prize",
		"award", "thought", "memorial", "relic", "temple", "hall", "bridge", "city", "company",
		"group", "corporation", "stadium", "hospital", "college", "campaign", "river", NULL};
	if (!(doc->toks[i].flags & TF_CAP))
		return 0;
	for (int k = 0; words[k]; k++)
		if (tok_fold_is(doc, i, words[k]))
			return 1;
	return 0;
}

static int is_surname(const struct x *X, uint32_t i, int *zh)
{
	const lsn_tables *kb = X->kb;
	const struct lsn_tok *t = &X->doc->toks[i];
	/* with its diacritics written, a Vietnamese surname must match them:
	 * "Vụ" (a department) is not "Vũ" */
	int ascii = 1;
	for (uint32_t k = t->start; k < t->end; k++)
		ascii &= (unsigned char)X->doc->text[k] < 0x80;
	if (!ascii) {
		*zh = 0;
		return lsn_map_get(&kb->vi_surnames, lsn_lower_hash(X->doc->text + t->start, t->end - t->start)) != 0;
	}
	for (uint32_t p = lsn_map_get(&kb->first, X->doc->toks[i].h); p; p = kb->phrases[p - 1].next) {
		const struct lsn_phrase *ph = &kb->phrases[p - 1];
		if (ph->ntok == 1 && (ph->kind == PK_SURNAME_ZH || ph->kind == PK_SURNAME_VI)) {
			*zh = ph->kind == PK_SURNAME_ZH;
			return 1;
		}
	}
	return 0;
}

static int has_vi_marks(const lsn_doc *doc, uint32_t t0, uint32_t t1)
{
	for (uint32_t i = doc->toks[t0].start; i < doc->toks[t1 - 1].end; i++)
		if ((unsigned char)doc->text[i] >= 0xc3)
			return 1;
	return 0;
}

/* Person with canonical (folded) name, or -1. */
static int32_t find_person(const lsn_doc *doc, const char *name)
{
	uint64_t h = lsn_fold_hash(name, strlen(name));
	for (size_t i = 0; i < doc->npersons; i++)
		if (lsn_fold_hash(doc->persons[i].name, strlen(doc->persons[i].name)) == h)
			return (int32_t)i;
	return -1;
}

/* Is b a with one letter more (folded, ASCII-lowercased Latin)?  "Wei
 * Huaxian" in a caption and "Wei Huaxiang" in the text. */
static int one_more_letter(const char *a, size_t na, const char *b, size_t nb)
{
	if (nb != na + 1)
		return 0;
	size_t i = 0;
	while (i < na && a[i] == b[i])
		i++;
	return !memcmp(a + i, b + i + 1, na - i) && b[i] >= 'a' && b[i] <= 'z';
}

/* A person of the document whose name differs from `name` by one letter
 * dropped or added (a typo), with the same first word and ten letters or
 * more; -1 when none or several. */
static int32_t near_person(const lsn_doc *doc, const char *name)
{
	char a[128], b[128];
	size_t na = lsn_fold(name, strlen(name), a, sizeof a);
	const char *sp = memchr(a, ' ', na);
	if (na < 10 || na >= sizeof a - 1 || !sp)
		return -1;
	size_t first = (size_t)(sp - a) + 1;
	int32_t found = -1;
	for (size_t i = 0; i < doc->npersons; i++) {
		size_t nb = lsn_fold(doc->persons[i].name, strlen(doc->persons[i].name), b, sizeof b);
		if (nb < 10 || nb >= sizeof b - 1 || nb < first || memcmp(a, b, first))
			continue;
		if (one_more_letter(a, na, b, nb) || one_more_letter(b, nb, a, na)) {
			if (found >= 0)
				return -1;
			found = (int32_t)i;
		}
	}
	return found;
}

static void add_mention(lsn_doc *doc, struct lsn_person *p, uint32_t t0, uint32_t t1)
{
	p->nment++;
	if (t0 > p->last_tok)
		p->last_tok = t0;
	size_t n = doc->toks[t1 - 1].end - doc->toks[t0].start;
	if (n >= sizeof p->ments[0])
		return;
	for (int k = 0; k < p->nments; k++)
		if (strlen(p->ments[k]) == n && !memcmp(p->ments[k], doc->text + doc->toks[t0].start, n))
			return;
	if (p->nments < 8) {
		memcpy(p->ments[p->nments], doc->text + doc->toks[t0].start, n);
		p->ments[p->nments][n] = 0;
		p->nments++;
	}
}

/* Copies the text of tokens [t0,t1) with single spaces. */
static void tok_text(const lsn_doc *doc, uint32_t t0, uint32_t t1, char *out, size_t cap)
{
	size_t o = 0;
	for (uint32_t i = t0; i < t1; i++) {
		const struct lsn_tok *t = &doc->toks[i];
		size_t n = t->end - t->start;
		if (i > t0 && (t->flags & TF_SPACE) && o + 1 < cap)
			out[o++] = ' ';
		if (o + n + 1 >= cap)
			break;
		memcpy(out + o, doc->text + t->start, n);
		o += n;
	}
	out[o] = 0;
}

/* The title hit that ends right before token i (allowing "Mr."/"Ms.").
 * *of_body is set when the title is that of a named body ("President of the
 * ... Academy"), not of a place. */
static const struct lsn_hit *title_before(const struct x *X, uint32_t i, int *of_body)
{
	*of_body = 0;
	if (i == 0)
		return NULL;
	uint32_t j = i;
	/* "Ambassador Pham Sao Mai", "Mr. Nguyen" */
	if (j >= 2 && tok_is(X->doc, j - 1, ".") &&
	    (tok_fold_is(X->doc, j - 2, "mr") || tok_fold_is(X->doc, j - 2, "ms") || tok_fold_is(X->doc, j - 2, "mrs")))
		j -= 2;
	else if (j >= 1 && (tok_fold_is(X->doc, j - 1, "mr") || tok_fold_is(X->doc, j - 1, "ms") ||
			    tok_fold_is(X->doc, j - 1, "ông") || tok_fold_is(X->doc, j - 1, "bà")))
		j -= 1;
	else if (j >= 2 && tok_fold_is(X->doc, j - 2, "đồng") && tok_fold_is(X->doc, j - 1, "chí"))
		j -= 2; /* "đồng chí" (comrade) */
	/* "Chairman of the Standing Committee of the NPC of China Li Zhanshu",
	 * "Secretary of the ... Party Committee (China) Peng Qinghua" */
	if (j >= 2 && !X->tok_title[j - 1] && X->tok_place[j - 1]) {
		uint32_t k = j - 1;
		while (k > 0 && X->tok_place[k - 1] == X->tok_place[j - 1])
			k--;
		if (k >= 1 && tok_fold_is(X->doc, k - 1, "the"))
			k--;
		if (k >= 2 && tok_fold_is(X->doc, k - 1, "of") && X->tok_title[k - 2])
			j = k - 1;
	}
	if (j == 0)
		return NULL;
	/* "The Vietnamese Consul General in Kunming, Ho Thi Thanh Truc, paid
	 * ...": a title, a comma, the name between commas */
	if (j >= 2 && tok_is(X->doc, j - 1, ",") && X->tok_title[j - 2] && !X->doc->ment_person[j - 2]) {
		uint32_t e = i, s1 = X->st1[X->doc->toks[i].sent];
		while (e < s1 && e < i + 5 && (X->doc->toks[e].flags & (TF_CAP | TF_UPPER)))
			e++;
		if (e < s1 && e > i + 1 && tok_is(X->doc, e, ","))
			j--;
	}
	/* "led by its President Do Van Chien": the head of the body just named */
	if (X->tok_title[j - 1] && j >= 2) {
		const struct lsn_hit *h = &X->doc->hits[X->tok_title[j - 1] - 1];
		if (h->t0 > 0 && tok_fold_is(X->doc, h->t0 - 1, "its"))
			*of_body = 1;
	}
	if (!X->tok_title[j - 1]) {
		/* "President of the Hồ Chí Minh National Academy of Politics (HCMA)
		 * Nguyễn Xuân Thắng": a title, "of the" and a body's name */
		uint32_t k = j, s0 = X->st0[X->doc->toks[j - 1].sent];
		if (k >= s0 + 3 && tok_is(X->doc, k - 1, ")") && (X->doc->toks[k - 2].flags & TF_UPPER) &&
		    tok_is(X->doc, k - 3, "("))
			k -= 3;
		uint32_t stop = k > s0 + 12 ? k - 12 : s0;
		while (k > stop && (X->doc->toks[k - 1].flags & (TF_CAP | TF_UPPER)) && !X->tok_title[k - 1])
			k--;
		while (k > stop && (tok_fold_is(X->doc, k - 1, "of") || tok_fold_is(X->doc, k - 1, "the") ||
				    (X->doc->toks[k - 1].flags & (TF_CAP | TF_UPPER))) && !X->tok_title[k - 1])
			k--;
		if (k == j || k == 0 || !X->tok_title[k - 1] || !tok_fold_is(X->doc, k, "of"))
			return NULL;
		*of_body = 1;
		return &X->doc->hits[X->tok_title[k - 1] - 1];
	}
	return &X->doc->hits[X->tok_title[j - 1] - 1];
}

/* Is the title at `hit` the head of a local government (not of a council)? */
static int gov_head(const struct x *X, const struct lsn_hit *hit)
{
	int r = X->kb->titles[hit->val].role;
	if (r != 13 && r != 15 && r != 17) /* mayor, governor, chairman */
		return 0;
	static const char *const council[] = {"council", "hđnd", "hội đồng", "人大", "政协", "议会", NULL};
	char f[256];
	const lsn_doc *doc = X->doc;
	size_t n = doc->toks[hit->t1 - 1].end - doc->toks[hit->t0].start;
	lsn_fold(doc->text + doc->toks[hit->t0].start, n, f, sizeof f);
	for (int k = 0; council[k]; k++) {
		char c[32];
		lsn_fold(council[k], strlen(council[k]), c, sizeof c);
		if (strstr(f, c))
			return 0;
	}
	return 1;
}

/* A title hit in the appositive after a name: ", Secretary of ..." */
static const struct lsn_hit *title_after(const struct x *X, uint32_t e, uint32_t send)
{
	const lsn_doc *doc = X->doc;
	if (e + 1 >= send || !(tok_is(doc, e, ",") || tok_is(doc, e, "(")))
		return NULL;
	/* an appositive opens with its title or with "member of ..."; not
	 * "Tô Lâm, as well as PM Chính" */
	static const char *const openers[] = {"member", "members", "politburo", "head", "standing",
					      "alternate", "permanent", "uy", "a", "an", "the", NULL};
	int opens = X->hit0[e + 1] < doc->nhits && doc->hits[X->hit0[e + 1]].t0 == e + 1 &&
		    X->tok_kind[e + 1] & KB(PK_TITLE);
	for (int k = 0; openers[k] && !opens; k++)
		opens = tok_fold_is(doc, e + 1, openers[k]);
	if (!opens)
		return NULL;
	const struct lsn_hit *best = NULL;
	int commas = 0;
	for (size_t h = X->hit0[e + 1]; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind != PK_TITLE || hit->t0 <= e)
			continue;
		if (hit->t0 > e + 40 || hit->t0 >= send)
			break;
		/* stop at the next name, a verb of the sentence ("received Lao
		 * Cai Chairman X") or after a second comma */
		int stop = 0;
		commas = 0;
		for (uint32_t i = e + 1; i < hit->t0; i++) {
			if (tok_is(doc, i, ",") || tok_is(doc, i, ";"))
				commas++;
			if (tok_is(doc, i, ";") || commas > 2 || (X->tok_kind[i] & KB(PK_TRIGGER)))
				stop = 1;
		}
		if (stop)
			break;
		const struct lsn_title *ti = &X->kb->titles[hit->val];
		/* a more specific title wins over "member of ..." style ones, and
		 * the head of a government over a deputy party secretary
		 * ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh") */
		if (!best || (X->kb->titles[best->val].role == 21 /* official */ && ti->role != 21)) {
			best = hit;
			if (ti->role == 12 /* deputy party secretary */)
				continue;
			if (ti->role != 21)
				break;
		} else if (X->kb->titles[best->val].role == 12 && gov_head(X, hit)) {
			best = hit;
			break;
		}
	}
	return best;
}

/* Role held by a known actor on a date (yyyymmdd), 0 if none known. */
static const struct lsn_arole *actor_role(const lsn_tables *kb, int32_t a, struct lsn_date when)
{
	const struct lsn_actor *ac = &kb->actors[a];
	long w = when.prec ? when.y * 10000L + (when.prec >= DP_MONTH ? when.m : 6) * 100 +
				 (when.prec >= DP_DAY ? when.d : 15) : 0;
	const struct lsn_arole *best = NULL;
	for (uint32_t k = 0; k < ac->nroles; k++) {
		const struct lsn_arole *r = &kb->aroles[ac->role0 + k];
		long from = r->from, to = r->to;
		if (from && from < 100000) from = from / 1 * 1;
		/* normalise yyyymm00 / yyyy0000 bounds */
		if (w && from && w < (from % 10000 ? from : from + 101))
			continue;
		if (w && to && w > (to % 100 ? to : to + 1231 - (to % 10000)))
			continue;
		if (!w && to)
			continue; /* no date: only current roles */
		if (!best || r->role < best->role)
			best = r;
	}
	return best;
}

static void set_country(struct x *X, struct lsn_person *p)
{
	const lsn_tables *kb = X->kb;
	if (p->org >= 0 && kb->places[p->org].cc[0]) {
		memcpy(p->cc, kb->places[p->org].cc, 3);
		return;
	}
	if (p->actor >= 0) {
		memcpy(p->cc, kb->actors[p->actor].cc, 3);
		return;
	}
}

/* Applies a title hit to a person (first specific title wins). */
static void apply_title(struct x *X, struct lsn_person *p, const struct lsn_hit *h, int vn)
{
	const lsn_tables *kb = X->kb;
	const struct lsn_title *ti = &kb->titles[h->val];
	/* the party leader's title first: "General Secretary and President" */
	if (p->role == 2 && ti->role == 1)
		p->role = 0;
	/* "自治区党委副书记、自治区主席": the head of the government, not the
	 * deputy party secretary */
	if (p->role == 12 && (ti->role == 13 || ti->role == 15 || ti->role == 17))
		p->role = 0;
	if (p->role && p->role != 21)
		return;
	if (p->role == 21 && ti->role == 21)
		return;
	p->role = ti->role;
	int32_t org = h->a;
	if (org < 0 && ti->scope == PL_COUNTRY) {
		/* "Prime Minister X": the person's own country */
		if (p->actor >= 0)
			org = kb->actors[p->actor].cc[0] == 'V' ? kb->place_vietnam : kb->place_china;
		else
			org = vn ? kb->place_vietnam : kb->place_china;
	}
	/* "Ambassador to China" posted by the other side */
	if (org < 0 && h->b >= 0 && (ti->role == 9 || ti->role == 10)) {
		const char *hostcc = kb->places[h->b].cc;
		org = !strcmp(hostcc, "CN") ? kb->place_vietnam : !strcmp(hostcc, "VN") ? kb->place_china : -1;
	}
	/* "Secretary of the Provincial Party Committee, Chairman of the
	 * People's Council of Cao Bang Province": the place later in the same
	 * appositive; else "led by Vice Chairwoman of the municipal People's
	 * Committee X": the city or province named before, in the same clause */
	if (org < 0 && (ti->scope == PL_CITY || ti->scope == PL_PROVINCE)) {
		const lsn_doc *doc = X->doc;
		uint32_t si = doc->toks[h->t0].sent, s0 = X->st0[si], s1 = X->st1[si];
		/* a known person holds an office of his side (a name with
		 * diacritics may be a Chinese one read in Hán-Việt: no side) */
		const char *side = p->actor >= 0 ? kb->actors[p->actor].cc : NULL;
		for (uint32_t j = h->t1; j < s1 && j < h->t1 + 25 && org < 0; j++) {
			if (tok_is(doc, j, ";") || tok_is(doc, j, "；") || doc->ment_person[j] ||
			    (X->tok_kind[j] & KB(PK_TRIGGER)))
				break;
			/* "... X in Kunming on Thursday": where, not whose */
			if (tok_fold_is(doc, j, "in") || tok_fold_is(doc, j, "at") || tok_is(doc, j, "在"))
				break;
			if (X->tok_place[j] && kb->places[X->tok_place[j] - 1].level != PL_COUNTRY &&
			    kb->places[X->tok_place[j] - 1].level != PL_BLOC &&
			    (!side || !strcmp(kb->places[X->tok_place[j] - 1].cc, side)))
				org = X->tok_place[j] - 1;
		}
		for (uint32_t j = h->t0; org < 0 && j > s0 && h->t0 - j < 30; j--) {
			if (tok_is(doc, j - 1, ";") || tok_is(doc, j - 1, "；"))
				break;
			if (X->tok_place[j - 1] && kb->places[X->tok_place[j - 1] - 1].level != PL_COUNTRY &&
			    kb->places[X->tok_place[j - 1] - 1].level != PL_BLOC &&
			    (!side || !strcmp(kb->places[X->tok_place[j - 1] - 1].cc, side)))
				org = X->tok_place[j - 1] - 1;
		}
	}
	p->org = org;
	if (org >= 0)
		snprintf(p->org_name, sizeof p->org_name, "%s", kb->places[org].id);
}

/* Creates or finds the person for name tokens [t0,t1). */
static int32_t person_for(struct x *X, uint32_t t0, uint32_t t1, int32_t actor, int vn)
{
	lsn_doc *doc = X->doc;
	char name[96];
	if (actor >= 0)
		snprintf(name, sizeof name, "%s", X->kb->actors[actor].id);
	else
		tok_text(doc, t0, t1, name, sizeof name);
	int32_t pi = find_person(doc, name);
	if (pi >= 0)
		return pi;
	/* a typo of a person already met; the actor table's spelling wins */
	if ((pi = near_person(doc, name)) >= 0 && (actor < 0 || doc->persons[pi].actor < 0)) {
		if (actor >= 0) {
			snprintf(doc->persons[pi].name, sizeof doc->persons[pi].name, "%s", name);
			doc->persons[pi].actor = actor;
		}
		return pi;
	}
	if (lsn_grow(&doc->persons, &doc->cappersons, doc->npersons + 1, sizeof *doc->persons))
		return -1;
	struct lsn_person *p = &doc->persons[doc->npersons];
	memset(p, 0, sizeof *p);
	snprintf(p->name, sizeof p->name, "%s", name);
	p->actor = actor;
	p->org = -1;
	p->first_tok = t0;
	p->last_tok = t0;
	p->vn_order = (uint8_t)vn;
	/* short forms: Chinese names by surname, Vietnamese ones by the last word */
	uint32_t n = 0;
	uint64_t words[6];
	size_t i = 0, len = strlen(name), ws = 0;
	while (i <= len && n < 6) {
		if (i == len || name[i] == ' ' || name[i] == '-') {
			if (i > ws)
				words[n++] = lsn_fold_hash(name + ws, i - ws);
			ws = i + 1;
		}
		i++;
	}
	if (n >= 2) {
		p->surname_h = (uint32_t)words[0];
		p->given_h = (uint32_t)words[n - 1];
	}
	doc->npersons++;
	return (int32_t)(doc->npersons - 1);
}

static int is_speech(const lsn_doc *doc, uint32_t i)
{
	static const char *const verbs[] = {
		"said", "says", "stressed", "affirmed", "noted", "expressed", "emphasized",
		"emphasised", "proposed", "suggested", "thanked", "welcomed", "congratulated",
		"hoped", "asked", "urged", "described", "added", "told", "highlighted", "called",
		"spoke", "praised", "hailed", "underlined", "pledged", "agreed", "briefed",
		"introduced", "vowed", "stated", "expected", "reaffirmed", "appreciated", "shared",
		"for", "has", "had", NULL};
	if (i >= doc->ntoks)
		return 0;
	for (int k = 0; verbs[k]; k++)
		if (tok_fold_is(doc, i, verbs[k]))
			return 1;
	return 0;
}

/* Is tokens [t0,t1) a Chinese office holder's name in its Vietnamese reading
 * ("Phó Thị trưởng Thượng Hải Hoa Nguyên")?  The title's place is Chinese and
 * the first syllable reads a Chinese surname. */
static int hanviet_chinese(const struct x *X, uint32_t t0, uint32_t t1, const struct lsn_hit *title)
{
	const lsn_tables *kb = X->kb;
	const lsn_doc *doc = X->doc;
	if (title->a < 0 || strcmp(kb->places[title->a].cc, "CN"))
		return 0;
	if (!has_vi_marks(doc, t0, t1) && strcmp(doc->lang, "vi"))
		return 0;
	char py[96];
	size_t n = doc->toks[t1 - 1].end - doc->toks[t0].start;
	if (!lsn_viet_pinyin_name(doc->text + doc->toks[t0].start, n, py, sizeof py))
		return 0;
	char *sp = strchr(py, ' ');
	uint64_t h = lsn_fold_hash(py, sp ? (size_t)(sp - py) : strlen(py));
	for (uint32_t p = lsn_map_get(&kb->first, h); p; p = kb->phrases[p - 1].next)
		if (kb->phrases[p - 1].kind == PK_SURNAME_ZH && kb->phrases[p - 1].ntok == 1)
			return 1;
	return 0;
}

/* One pass over a sentence for Latin-script names. */
static int latin_persons(struct x *X, uint32_t si, int second_pass)
{
	lsn_doc *doc = X->doc;
	uint32_t s0 = X->st0[si], s1 = X->st1[si];
	for (uint32_t i = s0; i < s1;) {
		/* a known actor */
		int32_t actor = -1;
		uint32_t e = i;
		if (X->tok_actor[i] && !(X->doc->pl_end[i] > doc->hits[X->tok_actor[i] - 1].t1)) {
			actor = (int32_t)doc->hits[X->tok_actor[i] - 1].val;
			e = doc->hits[X->tok_actor[i] - 1].t1;
		}
		int zh = 0, sur = 0, of_body = 0;
		const struct lsn_hit *tb = NULL; /* the title before the name */
		if (actor < 0) {
			if (!name_word(X, i) || (X->tok_place[i] && !(i > s0 && X->tok_title[i - 1] == 0 && 0))) {
				/* a place word begins no name */
				if (!name_word(X, i) || X->tok_place[i]) {
					i++;
					continue;
				}
			}
			sur = is_surname(X, i, &zh);
			e = i + 1;
			/* after a title, a name may hold a place's syllables ("Phó Chủ
			 * tịch ... Quảng Tây Mông Khánh Hoa": not Khánh Hòa) */
			tb = title_before(X, i, &of_body);
			while (e < s1 && e - i < 5 && name_word(X, e) && !(doc->toks[e].flags & TF_SENT0)) {
				/* hyphenated given names: "Nguyen Thi Kim-Ngan" */
				if (X->tok_place[e] && !sur && !tb)
					break;
				/* "Minister of Public Security Wang Xiaohong": the title's
				 * words end where a title ends, or a known person begins */
				if (X->tok_title[e - 1] || X->tok_actor[e])
					break;
				e++;
			}
			/* "Trần Hồng Hà": a place alias inside a name led by a surname */
		}
		uint32_t n = e - i;
		if (actor < 0 && e < s1 && org_word(doc, e)) {
			i = e + 1; /* "Hồ Chí Minh National Academy", "Ho Chi Minh Trail" */
			continue;
		}
		if (actor >= 0)
			tb = title_before(X, i, &of_body);
		const struct lsn_hit *ta = NULL;
		int is_person = 0, vn = 0;
		ta = title_after(X, e, s1);
		if (actor >= 0) {
			is_person = 1;
			vn = X->kb->actors[actor].cc[0] == 'V';
		} else {
			vn = !zh || has_vi_marks(doc, i, e) || n >= 3;
			/* a title before capitalised words makes them a name; with
			 * diacritics written, a name also starts with a surname
			 * ("Vụ trưởng Vụ Đông Bắc Á" is a department) */
			if (n >= 2 && n <= 4 && (tb || ta) &&
			    (sur || !has_vi_marks(doc, i, i + 1) || hanviet_chinese(X, i, e, tb ? tb : ta)))
				is_person = 1;
			else if (n >= 2 && n <= 4 && sur && (zh ? n <= 3 : 1))
				is_person = 1;
		}
		if (!is_person) {
			/* a short form of someone already known: "Gong", "Nen", "Mayor Gong" */
			if (second_pass && n == 1) {
				uint32_t h = (uint32_t)doc->toks[i].h;
				int32_t best = -1;
				/* the person of that name spoken of last ("Lu" after Lu
				 * Yongzheng, before Lu Xinshe is introduced) */
				for (size_t k = 0; k < doc->npersons; k++) {
					struct lsn_person *p = &doc->persons[k];
					if ((p->surname_h == h || p->given_h == h) && p->first_tok <= i &&
					    (best < 0 || p->last_tok > doc->persons[best].last_tok))
						best = (int32_t)k;
				}
				if (best >= 0) {
					struct lsn_person *p = &doc->persons[best];
					add_mention(doc, p, i, e);
					doc->ment_person[i] = best + 1;
					if ((doc->toks[i].flags & TF_SENT0) || is_speech(doc, e) ||
					    (e < doc->ntoks && tok_is(doc, e, ",") && is_speech(doc, e + 1)))
						p->subject = 1;
					if (tb)
						apply_title(X, p, tb, p->vn_order);
				}
			}
			i = e;
			continue;
		}
		if (second_pass) {
			/* persons were made in the first pass: count this mention */
			int32_t pi = -1;
			char name[96];
			if (actor >= 0)
				snprintf(name, sizeof name, "%s", X->kb->actors[actor].id);
			else
				tok_text(doc, i, e, name, sizeof name);
			pi = find_person(doc, name);
			if (pi >= 0) {
				struct lsn_person *p = &doc->persons[pi];
				add_mention(doc, p, i, e);
				doc->ment_person[i] = pi + 1;
				uint32_t start = tb ? tb->t0 : i;
				if ((doc->toks[start].flags & TF_SENT0) || is_speech(doc, e))
					p->subject = 1;
			}
			i = e;
			continue;
		}
		int32_t pi = person_for(X, i, e, actor, vn);
		if (pi < 0)
			return -1;
		struct lsn_person *p = &doc->persons[pi];
		if (tb) {
			apply_title(X, p, tb, vn);
			/* the president of an academy is an official, not a head of state */
			if (of_body && p->role >= 1 && p->role <= 6) {
				p->role = 21;
				p->org = -1;
				p->org_name[0] = 0;
			}
		}
		if (ta) {
			apply_title(X, p, ta, vn);
			p->apposed = 1; /* "Liu Ning, Secretary of ...": a participant's introduction */
		}
		i = e;
	}
	return 0;
}

/* ---- names written in Chinese characters ---- */

/* Characters that end a name in running Chinese text: function words and
 * the first characters of common verbs after a name ("宁成功会见", "方伟和"). */
static const char han_stops[] =
	"的在与和及会表说指出等了分就对为向同将也还是率于并已近日今昨均都以访参签"
	"感祝介回认称透致赞欢充陪举进看视考听接拜前来到即随就其每各"
	"后再又更所该此这那等、，。；：！？（）《》“”";

static int han_stop(const lsn_doc *doc, uint32_t i)
{
	const struct lsn_tok *t = &doc->toks[i];
	if (t->kind != TK_HAN)
		return 1;
	/* "阮文明一行" (and his party), "一道", "一起": not 王一博 */
	if (tok_is(doc, i, "一") && i + 1 < doc->ntoks &&
	    (tok_is(doc, i + 1, "行") || tok_is(doc, i + 1, "道") || tok_is(doc, i + 1, "起") ||
	     tok_is(doc, i + 1, "同") || tok_is(doc, i + 1, "致")))
		return 1;
	size_t n = t->end - t->start;
	const char *p = han_stops;
	for (size_t k = 0; p[k]; ) {
		size_t j = k;
		(void)lsn_utf8_next(p, strlen(p), &j);
		if (j - k == n && !memcmp(p + k, doc->text + t->start, n))
			return 1;
		k = j;
	}
	return 0;
}

static int han_surname(const struct x *X, uint32_t i, uint32_t *len)
{
	const lsn_tables *kb = X->kb;
	*len = 0;
	for (uint32_t p = lsn_map_get(&kb->first, X->doc->toks[i].h); p; p = kb->phrases[p - 1].next) {
		const struct lsn_phrase *ph = &kb->phrases[p - 1];
		if ((ph->kind == PK_SURNAME_ZH || ph->kind == PK_SURNAME_VI) && ph->ntok > *len) {
			uint32_t k = 0;
			while (k < ph->ntok && i + k < X->doc->ntoks && X->doc->toks[i + k].h == kb->ptoks[ph->tok0 + k])
				k++;
			if (k == ph->ntok)
				*len = k;
		}
	}
	return *len > 0;
}

/* Length in characters of a name starting at token i (after a title), or 0. */
static uint32_t han_name_len(const struct x *X, uint32_t i, uint32_t send)
{
	const lsn_doc *doc = X->doc;
	uint32_t sl;
	if (i >= send || doc->toks[i].kind != TK_HAN)
		return 0;
	if (!han_surname(X, i, &sl)) {
		/* a rarer surname (蒙庆华): three characters right after a title,
		 * then a clear boundary */
		if (i + 3 <= send && !han_stop(doc, i) && !han_stop(doc, i + 1) && !han_stop(doc, i + 2) &&
		    !X->tok_kind[i] && !X->tok_kind[i + 1] && !X->tok_kind[i + 2] &&
		    (i + 3 == send || han_stop(doc, i + 3) || X->tok_kind[i + 3]))
			return 3;
		return 0;
	}
	/* a Vietnamese woman's name: 阮氏金银 */
	if (sl == 1 && i + 3 < send && tok_is(doc, i + 1, "氏") && !han_stop(doc, i + 2) &&
	    !han_stop(doc, i + 3) && (i + 4 >= send || han_stop(doc, i + 4) || X->tok_kind[i + 4]))
		return 4;
	/* surname + two characters, else surname + one */
	uint32_t g3 = sl + 2, g2 = sl + 1;
	int ok3 = i + g3 <= send && !han_stop(doc, i + sl) && !han_stop(doc, i + sl + 1) &&
		  !(X->tok_kind[i + sl + 1] & KB(PK_TITLE & 7)) &&
		  (i + g3 >= send || han_stop(doc, i + g3) || X->tok_kind[i + g3] ||
		   X->tok_title[i + g3] || X->tok_place[i + g3]);
	if (ok3)
		return g3;
	if (i + g2 <= send && !han_stop(doc, i + sl))
		return g2;
	return 0;
}

/* Canonical Latin form of a name in characters: the actor table's when it
 * knows the person, else the Hán-Việt reading for a Vietnamese, else pinyin. */
static void han_canonical(const struct x *X, uint32_t t0, uint32_t t1, int vn, char *out, size_t cap)
{
	const lsn_doc *doc = X->doc;
	const char *s = doc->text + doc->toks[t0].start;
	size_t n = doc->toks[t1 - 1].end - doc->toks[t0].start;
	size_t k = vn ? lsn_han_viet_name(s, n, out, cap) : lsn_han_pinyin_name(s, n, out, cap);
	if (!k)
		snprintf(out, cap, "%.*s", (int)n, s);
}

/* The place a Chinese title without one of its own belongs to: named just
 * before it ("越南老街省副主席": 老街), or -1. */
static int32_t han_title_place(const struct x *X, const struct lsn_hit *h)
{
	if (h->a >= 0)
		return h->a;
	uint32_t s0 = X->st0[X->doc->toks[h->t0].sent];
	for (uint32_t j = h->t0; j > s0 && h->t0 - j < 8; j--) {
		if (X->tok_place[j - 1])
			return X->tok_place[j - 1] - 1;
		if (X->doc->toks[j - 1].kind != TK_HAN)
			break;
	}
	return -1;
}

/* The province-level place of country cc named last before token t,
 * within the three sentences before its own; -1 when none. */
static int32_t recent_province(const struct x *X, uint32_t t, const char *cc)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[t].sent, from = X->st0[si > 3 ? si - 3 : 0];
	for (uint32_t j = t; j > from; j--) {
		int32_t pl = X->tok_place[j - 1] - 1;
		if (pl >= 0 && X->kb->places[pl].level == PL_PROVINCE && !strcmp(X->kb->places[pl].cc, cc))
			return pl;
	}
	return -1;
}

/* Does the title at hit h name a Vietnamese office holder? */
static int title_is_vn(const struct x *X, const struct lsn_hit *h)
{
	const lsn_tables *kb = X->kb;
	int32_t pl = han_title_place(X, h);
	if (pl >= 0)
		return kb->places[pl].cc[0] == 'V' && kb->places[pl].cc[1] == 'N';
	/* "越南总理": a country word before the title */
	return 0;
}

/* Is the character at i a surname Vietnamese people use and Chinese rarely
 * do (阮 Nguyễn)?  Vietnamese surnames table, han column, and not a Chinese one. */
static int zh_viet_surname(const struct x *X, uint32_t i)
{
	const lsn_tables *kb = X->kb;
	int vi = 0, zh = 0;
	for (uint32_t p = lsn_map_get(&kb->first, X->doc->toks[i].h); p; p = kb->phrases[p - 1].next) {
		const struct lsn_phrase *ph = &kb->phrases[p - 1];
		if (ph->ntok == 1 && ph->kind == PK_SURNAME_VI)
			vi = 1;
		if (ph->ntok == 1 && ph->kind == PK_SURNAME_ZH)
			zh = 1;
	}
	return vi && !zh;
}

static int han_persons(struct x *X, uint32_t si, int second_pass)
{
	lsn_doc *doc = X->doc;
	uint32_t s0 = X->st0[si], s1 = X->st1[si];
	for (uint32_t i = s0; i < s1; i++) {
		if (doc->toks[i].kind != TK_HAN)
			continue;
		if (second_pass) {
			/* every later occurrence of a known name is a mention */
			if (doc->ment_person[i])
				continue;
			for (size_t k = 0; k < doc->npersons; k++) {
				struct lsn_person *p = &doc->persons[k];
				if (!p->han_len || i + p->han_len > s1)
					continue;
				uint32_t a = doc->toks[i].start, b = doc->toks[i + p->han_len - 1].end;
				const struct lsn_tok *f = &doc->toks[p->first_tok];
				if (b - a == doc->toks[p->first_tok + p->han_len - 1].end - f->start &&
				    !memcmp(doc->text + a, doc->text + f->start, b - a)) {
					add_mention(doc, p, i, i + p->han_len);
					doc->ment_person[i] = (int32_t)k + 1;
					/* "宁成功总领事": a title after the name */
					if (X->tok_title[i + p->han_len] == 0)
						for (uint32_t j = i + p->han_len; j < s1 && j < i + p->han_len + 6; j++)
							if (X->tok_title[j]) {
								const struct lsn_hit *h = &doc->hits[X->tok_title[j] - 1];
								if (h->t0 == i + p->han_len)
									apply_title(X, p, h, p->vn_order);
								break;
							}
					if (i == s0 || is_speech(doc, i + p->han_len))
						p->subject = 1;
					i += p->han_len - 1;
					break;
				}
			}
			continue;
		}
		int32_t actor = -1;
		uint32_t e = i;
		if (X->tok_actor[i] && !(X->doc->pl_end[i] > doc->hits[X->tok_actor[i] - 1].t1)) {
			actor = (int32_t)doc->hits[X->tok_actor[i] - 1].val;
			e = doc->hits[X->tok_actor[i] - 1].t1;
		}
		const struct lsn_hit *tb = (i > s0 && X->tok_title[i - 1]) ? &doc->hits[X->tok_title[i - 1] - 1] : NULL;
		const struct lsn_hit *ta = NULL;
		if (actor < 0) {
			uint32_t n = 0;
			if (tb) {
				n = han_name_len(X, i, s1);
			} else {
				/* "阮文明总领事": a surname, a given name, then a title */
				uint32_t sl;
				if (han_surname(X, i, &sl) && (i == s0 || han_stop(doc, i - 1)))
					for (uint32_t len = sl + 2; len >= sl + 1 && !n; len--) {
						if (i + len >= s1 || han_stop(doc, i + len - 1) || X->tok_kind[i + len - 1])
							continue;
						for (size_t h = X->hit0[i + len]; h < doc->nhits && doc->hits[h].t0 == i + len; h++)
							if (doc->hits[h].kind == PK_TITLE && !X->tok_kind[i + 1]) {
								ta = &doc->hits[h];
								n = len;
								break;
							}
					}
			}
			if (!n)
				continue;
			e = i + n;
		}
		/* a Vietnamese woman's name has 氏 second: 阮氏金银 */
		int vn = actor >= 0 ? X->kb->actors[actor].cc[0] == 'V'
				    : ((tb && title_is_vn(X, tb)) || (ta && title_is_vn(X, ta)) ||
				       (e - i == 4 && tok_is(doc, i + 1, "氏")) ||
				       (!tb && ta && X->kb->titles[ta->val].role == 10 /* consul general */ &&
					zh_viet_surname(X, i)));
		char name[96];
		if (actor >= 0)
			snprintf(name, sizeof name, "%s", X->kb->actors[actor].id);
		else
			han_canonical(X, i, e, vn, name, sizeof name);
		int32_t pi = find_person(doc, name);
		if (pi < 0) {
			pi = person_for(X, i, e, actor, vn);
			if (pi < 0)
				return -1;
			if (actor < 0)
				snprintf(doc->persons[pi].name, sizeof doc->persons[pi].name, "%s", name);
			doc->persons[pi].han_len = (uint8_t)(e - i);
			doc->persons[pi].first_tok = i;
		}
		struct lsn_person *p = &doc->persons[pi];
		/* "越南驻沪总领事阮世松参与会晤": the sentence opens with the title */
		if (tb && tb->t0 == s0)
			p->subject = 1;
		if (tb) {
			/* "自治区党委书记、自治区人大常委会主任刘宁": the first title of
			 * the chain is the main one */
			const struct lsn_hit *chain[6];
			int nc = 0;
			chain[nc++] = tb;
			while (nc < 6) {
				/* back over "自治区" and the like to the "、" */
				uint32_t j = chain[nc - 1]->t0, k = j;
				while (k > s0 + 1 && j - k < 4 && !tok_is(doc, k - 1, "、"))
					k--;
				if (k < s0 + 2 || !tok_is(doc, k - 1, "、") || !X->tok_title[k - 2])
					break;
				chain[nc++] = &doc->hits[X->tok_title[k - 2] - 1];
			}
			while (nc-- > 0) {
				/* "越南老街省副主席": the place named just before the title */
				struct lsn_hit h = *chain[nc];
				if (h.a < 0)
					h.a = han_title_place(X, &h);
				/* "自治区主席韦韬", "省委书记…": the province the story named
				 * just before (in the last few sentences) */
				if (h.a < 0 && X->kb->titles[h.val].scope == PL_PROVINCE)
					h.a = recent_province(X, h.t0, p->actor >= 0 ? X->kb->actors[p->actor].cc : vn ? "VN" : "CN");
				if (h.a >= 0 && X->kb->places[h.a].level == PL_COUNTRY && X->kb->titles[h.val].scope != PL_COUNTRY)
					h.a = -1;
				apply_title(X, p, &h, vn);
			}
		}
		if (ta)
			apply_title(X, p, ta, vn);
		/* "范星梅大使": a title right after */
		if (!ta && X->tok_title[e] == 0)
			for (uint32_t j = e; j < s1 && j < e + 8; j++)
				if (X->tok_title[j]) {
					const struct lsn_hit *h = &doc->hits[X->tok_title[j] - 1];
					if (h->t0 == e)
						apply_title(X, p, h, vn);
					break;
				}
		i = e - 1;
	}
	return 0;
}

/* Roles that name one office in different words: the head of a local
 * government is a governor, a chairman (of an autonomous region, of a
 * People's Committee) or a mayor; so for their deputies. */
static int same_office(int a, int b)
{
	static const int head[] = {13, 15, 17}, deputy[] = {14, 16, 18};
	int ha = 0, hb = 0, da = 0, db = 0;
	for (int k = 0; k < 3; k++) {
		ha |= a == head[k], hb |= b == head[k];
		da |= a == deputy[k], db |= b == deputy[k];
	}
	return a == b || (ha && hb) || (da && db);
}

static void finish_persons(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	for (size_t k = 0; k < doc->npersons; k++) {
		struct lsn_person *p = &doc->persons[k];
		/* a figure of history ("President Ho Chi Minh" in a 2023 story):
		 * every office the table knows ended decades before the story */
		if (p->actor >= 0 && kb->actors[p->actor].nroles) {
			const struct lsn_actor *ac = &kb->actors[p->actor];
			int latest = 0;
			for (uint32_t r = 0; r < ac->nroles; r++) {
				int to = kb->aroles[ac->role0 + r].to;
				latest = (!to || to / 10000 > latest) ? (to ? to / 10000 : 9999) : latest;
			}
			int now = doc->ref.prec ? doc->ref.y : 9999;
			if (latest < 9999 && now != 9999 && latest + 20 < now)
				p->historical = 1;
			if (latest < 9999 && now == 9999 && latest < 1990)
				p->historical = 1;
		}
		if (!p->role && p->actor >= 0) {
			const struct lsn_arole *r = actor_role(kb, p->actor, doc->ref);
			if (r) {
				p->role = r->role;
				p->org = r->org;
				snprintf(p->org_name, sizeof p->org_name, "%s", r->org_name);
			}
		} else if (p->role && p->org < 0 && !p->org_name[0] && p->actor >= 0) {
			/* "Provincial Party Secretary Dang Xuan Phong": whose province
			 * the table knows, when it gives him that office then */
			const struct lsn_arole *r = actor_role(kb, p->actor, doc->ref);
			if (r && same_office(r->role, p->role)) {
				p->org = r->org;
				snprintf(p->org_name, sizeof p->org_name, "%s", r->org_name);
			}
		}
		set_country(X, p);
		/* a Vietnamese name read from characters ("潘文邁" Phan Văn Mại):
		 * a known person's spelling when it folds to it (Phan Văn Mãi) */
		if (p->actor < 0 && p->han_len && !strcmp(p->cc, "VN")) {
			int32_t a = lsn_tables_actor_by_name(kb, p->name, strlen(p->name));
			if (a >= 0 && kb->actors[a].cc[0] == 'V') {
				snprintf(p->name, sizeof p->name, "%s", kb->actors[a].id);
				p->actor = a;
			}
		}
		/* a Chinese official named in Vietnamese: canonical in pinyin */
		if (p->actor < 0 && !p->han_len && !strcmp(p->cc, "CN")) {
			int marks = !strcmp(doc->lang, "vi"); /* "Hoa Minh" too */
			for (const char *c = p->name; *c; c++)
				marks |= (unsigned char)*c >= 0xc3;
			char py[96];
			if (marks && lsn_viet_pinyin_name(p->name, strlen(p->name), py, sizeof py))
				snprintf(p->name, sizeof p->name, "%s", py);
		}
		if (!p->cc[0]) {
			int zh = 0;
			/* surname decides: Chinese ones are two words */
			const char *sp = strchr(p->name, ' ');
			size_t wl = sp ? (size_t)(sp - p->name) : strlen(p->name);
			uint64_t h = lsn_fold_hash(p->name, wl);
			for (uint32_t q = lsn_map_get(&kb->first, h); q; q = kb->phrases[q - 1].next)
				if (kb->phrases[q - 1].kind == PK_SURNAME_ZH && kb->phrases[q - 1].ntok == 1)
					zh = 1;
			memcpy(p->cc, zh && !p->vn_order ? "CN" : "VN", 3);
		}
	}
}

/*
 * "Lương Trọng Quỳnh, Phó Chủ tịch UBND tỉnh": a Vietnamese local office
 * without its place is of the province of the story's Vietnamese office
 * holders, when they all hold office in one.
 */
static void this_province_vi(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	if (strcmp(doc->lang, "vi"))
		return;
	int32_t home = -1;
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *p = &doc->persons[k];
		if (p->org < 0 || strcmp(kb->places[p->org].cc, "VN") || kb->places[p->org].level == PL_COUNTRY ||
		    kb->places[p->org].level == PL_BLOC)
			continue;
		if (home >= 0 && home != p->org)
			return; /* two provinces: whose is not told */
		home = p->org;
	}
	if (home < 0)
		return;
	for (size_t k = 0; k < doc->npersons; k++) {
		struct lsn_person *p = &doc->persons[k];
		/* local offices: party secretary .. vice chairman, directors */
		if (p->org >= 0 || p->org_name[0] || p->actor >= 0 || strcmp(p->cc, "VN") || p->role < 11 ||
		    p->role > 20 || p->han_len)
			continue;
		p->org = home;
		snprintf(p->org_name, sizeof p->org_name, "%s", kb->places[home].id);
	}
}

/*
 * "本市" ("this city") in a city newspaper's Chinese edition: the city of the
 * first person of the story who holds a local office (the host: "胡志明市
 * 人民委员会主席…").  Its two tokens become that place.
 */
static void this_city(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	if (!X->zh || !memmem(doc->text, doc->len, "本市", strlen("本市")))
		return;
	int32_t home = -1;
	uint32_t first = UINT32_MAX;
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *p = &doc->persons[k];
		if (p->org >= 0 && kb->places[p->org].level != PL_COUNTRY && kb->places[p->org].level != PL_BLOC &&
		    p->first_tok < first)
			home = p->org, first = p->first_tok;
	}
	if (home < 0)
		return;
	for (uint32_t i = 0; i + 1 < doc->ntoks; i++)
		if (tok_is(doc, i, "本") && tok_is(doc, i + 1, "市") && !X->tok_place[i])
			X->tok_place[i] = X->tok_place[i + 1] = home + 1;
}

/*
 * Dates the text gives without a year ("5月12日至14日", "on July 8"), in a
 * story that names no year: the actor table knows when the people of the
 * story held the offices the text gives them.  When exactly one year puts
 * every such date inside all of those tenures, that is the year.
 */
static void tenure_year(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	long lo = 0, hi = 99991231;
	int known = 0, open = 0;
	for (size_t k = 0; k < doc->ndates; k++)
		open += doc->dates[k].open != 0;
	if (!open)
		return;
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *p = &doc->persons[k];
		if (p->actor < 0 || !p->role)
			continue;
		const struct lsn_actor *ac = &kb->actors[p->actor];
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
			known++;
			break;
		}
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
			long d = y * 10000L + dh->dt.m * 100 + (dh->open == DP_DAY ? dh->dt.d : 15);
			fits = d >= lo && d <= hi;
		}
		if (fits) {
			if (year)
				return; /* two years fit: the text does not tell */
			year = y;
		}
	}
	if (!year)
		return;
	for (size_t k = 0; k < doc->ndates; k++) {
		struct lsn_datehit *dh = &doc->dates[k];
		if (dh->open) {
			dh->dt.y = (int16_t)year;
			dh->dt.prec = dh->open;
			dh->open = 0;
		}
	}
	if (!doc->ref.prec)
		doc->ref = (struct lsn_date){(int16_t)year, 0, 0, DP_YEAR};
}

/* ---------------------------------------------------------------- events */

static int add_part(struct lsn_event *ev, uint16_t p)
{
	for (int k = 0; k < ev->nparts; k++)
		if (ev->parts[k] == p)
			return 0;
	if (ev->nparts < 8)
		ev->parts[ev->nparts++] = p;
	return 1;
}

static void add_party(struct lsn_event *ev, int32_t pl)
{
	if (pl < 0)
		return;
	for (int k = 0; k < ev->nparties; k++)
		if (ev->parties[k] == pl)
			return;
	if (ev->nparties < 8)
		ev->parties[ev->nparties++] = pl;
}

static int32_t person_party(const struct x *X, const struct lsn_person *p)
{
	if (p->org >= 0)
		return p->org;
	if (p->cc[0] == 'V')
		return X->kb->place_vietnam;
	if (p->cc[0] == 'C')
		return X->kb->place_china;
	return -1;
}

static int type_rank(int t)
{
	/* a virtual meeting beats a meeting told in the same sentence; a
	 * signing or attendance stands on its own */
	switch (t) {
	case EV_VIRTUAL: return 5;
	case EV_MEETING: return 4;
	case EV_SIGNING: return 3;
	case EV_ATTEND: return 2;
	case EV_VISIT: return 1;
	}
	return 0;
}

static int in_range(const lsn_doc *doc, const struct lsn_datehit *dh);

/* Is token t inside a 《…》 title ("签署了《…2025年合作备忘录》": the year
 * names the document, not the day of the signing)? */
static int in_book_title(const lsn_doc *doc, uint32_t s0, uint32_t t)
{
	int open = 0;
	for (uint32_t i = s0; i < t; i++)
		if (tok_is(doc, i, "《"))
			open++;
		else if (tok_is(doc, i, "》") && open)
			open--;
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
	if (tok_is(doc, e, "电"))
		return 1;
	if (tok_is(doc, e, "(") && e + 2 < X->st1[si] && (doc->toks[e + 1].flags & (TF_CAP | TF_UPPER)) &&
	    tok_is(doc, e + 2, ")"))
		return 1;
	return tok_is(doc, e, "–") || tok_is(doc, e, "—") || tok_is(doc, e, "--");
}

/* The date nearest to token `at` in sentence si (a date in the same clause
 * beats one farther off).  *found is 1 when there is one, 2 when it is the
 * first day of a range ("May 25-28", "8月26—30日"). */
static struct lsn_date nearest_date(const struct x *X, uint32_t si, uint32_t at, int *found)
{
	const lsn_doc *doc = X->doc;
	struct lsn_date best = {0, 0, 0, 0};
	uint32_t bestd = UINT32_MAX;
	*found = 0;
	/* the dateline's date ("HANOI, Oct. 15 (VNA) – ... on October 14")
	 * is when the story was filed: another date of the sentence wins */
	int other = 0;
	for (size_t k = 0; k < doc->ndates; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		other |= dh->t0 >= X->st0[si] && dh->t0 < X->st1[si] && dh->dt.prec && dh->range != 2 &&
			 !dateline(X, dh, si);
	}
	for (size_t k = 0; k < doc->ndates; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		if (dh->t0 < X->st0[si] || dh->t0 >= X->st1[si] || !dh->dt.prec || dh->range == 2)
			continue;
		if ((other && dateline(X, dh, si)) || in_book_title(doc, X->st0[si], dh->t0))
			continue;
		if (dh->dt.prec == DP_YEAR && in_range(doc, dh))
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

/* Is the trigger at token i told in the future ("will attend", "sẽ tham dự", "将出席")? */
static int future_word(const lsn_doc *doc, uint32_t i)
{
	static const char *const w[] = {"will", "shall", "sẽ", "将", "将于", "拟", NULL};
	uint32_t from = i > 6 ? i - 6 : 0;
	for (uint32_t j = i; j > from; j--) /* not across a comma */
		if (doc->toks[j - 1].kind == TK_PUNCT && doc->toks[j - 1].sent == doc->toks[i].sent &&
		    !tok_is(doc, j - 1, "-")) {
			from = j;
			break;
		}
	for (uint32_t j = from; j < i; j++)
		for (int k = 0; w[k]; k++)
			if (tok_is(doc, j, w[k]) || (doc->toks[j].kind == TK_WORD && tok_fold_is(doc, j, w[k]) &&
						     !(doc->toks[j].flags & TF_CAP)))
				return 1;
	return 0;
}

static int hit_in(const struct x *X, uint8_t kind, uint32_t val, uint32_t t0, uint32_t t1)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[t0]; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->t0 >= t1)
			break;
		if (hit->kind == kind && (!val || hit->val == val))
			return 1;
	}
	return 0;
}

/* Is the person mentioned at token i preceded by "late" ("the late President")? */
static void mark_historical(struct x *X)
{
	lsn_doc *doc = X->doc;
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		if (!doc->ment_person[i])
			continue;
		uint32_t j = i;
		while (j > X->st0[doc->toks[i].sent] && j > i - 6 && !tok_fold_is(doc, j - 1, "late") &&
		       (doc->toks[j - 1].flags & TF_CAP || X->tok_place[j - 1]))
			j--;
		if (j > 0 && tok_fold_is(doc, j - 1, "late"))
			doc->persons[doc->ment_person[i] - 1].historical = 1;
	}
}

/* Cooperation events are between office holders: a person takes part when
 * a title or the actor table gives a role, and is not a historical figure. */
static int can_take_part(const struct lsn_person *p)
{
	return !p->historical && (p->role || p->actor >= 0);
}

/* Who "his" refers to before token i: the first person named in the
 * current sentence before i, else in the sentences before (a subject is
 * named first). */
static int32_t his_person(const struct x *X, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[i].sent;
	for (;;) {
		uint32_t end = (doc->toks[i].sent == si) ? i : X->st1[si];
		for (uint32_t j = X->st0[si]; j < end; j++)
			if (doc->ment_person[j] && can_take_part(&doc->persons[doc->ment_person[j] - 1]))
				return doc->ment_person[j] - 1;
		if (si == 0 || doc->toks[i].sent - si >= 3)
			return -1;
		si--;
	}
}

/* Is the place at token i where something happened: "in Hanoi", "tại thành
 * phố Lạng Sơn", "在南宁", "in the city of Nanning"? */
static int at_place(const lsn_doc *doc, uint32_t s0, uint32_t i)
{
	uint32_t j = i;
	/* administrative words between the preposition and the name */
	while (j > s0 && j + 3 > i && (tok_fold_is(doc, j - 1, "thanh") || tok_fold_is(doc, j - 1, "pho") ||
				       tok_fold_is(doc, j - 1, "tinh") || tok_fold_is(doc, j - 1, "city") ||
				       tok_fold_is(doc, j - 1, "of") || tok_fold_is(doc, j - 1, "the")))
		j--;
	if (j == s0)
		return 0;
	return tok_fold_is(doc, j - 1, "in") || tok_fold_is(doc, j - 1, "at") || tok_fold_is(doc, j - 1, "tai") ||
	       tok_is(doc, j - 1, "在") || tok_is(doc, j - 1, "于");
}

static int new_event(lsn_doc *doc, uint8_t type, uint32_t si)
{
	if (lsn_grow(&doc->events, &doc->capevents, doc->nevents + 1, sizeof *doc->events))
		return -1;
	struct lsn_event *ev = &doc->events[doc->nevents++];
	memset(ev, 0, sizeof *ev);
	ev->type = type;
	ev->sent = si;
	ev->place = -1;
	return 0;
}

static void event_persons(struct x *X, struct lsn_event *ev, uint32_t s0, uint32_t s1)
{
	lsn_doc *doc = X->doc;
	for (uint32_t i = s0; i < s1; i++)
		if (doc->ment_person[i] && can_take_part(&doc->persons[doc->ment_person[i] - 1]))
			add_part(ev, (uint16_t)(doc->ment_person[i] - 1));
}

static int respectively(const lsn_doc *doc, uint32_t s0, uint32_t s1)
{
	for (uint32_t i = s0; i + 1 < s1; i++)
		if ((tok_is(doc, i, "分") && tok_is(doc, i + 1, "别")) || tok_fold_is(doc, i, "respectively") ||
		    (tok_fold_is(doc, i, "lan") && tok_fold_is(doc, i + 1, "luot")))
			return 1;
	return 0;
}

/* Splits the event just made (last in the array) into one per person named
 * after the trigger, each with those named before it.  Returns -1 on OOM. */
static int split_respectively(struct x *X, struct lsn_event *ev, uint32_t at, uint32_t s0, uint32_t s1)
{
	lsn_doc *doc = X->doc;
	uint16_t subj[8], obj[8];
	int ns = 0, no = 0;
	for (uint32_t i = s0; i < s1; i++) {
		if (!doc->ment_person[i] || !can_take_part(&doc->persons[doc->ment_person[i] - 1]))
			continue;
		uint16_t p = (uint16_t)(doc->ment_person[i] - 1);
		if (i < at && ns < 8)
			subj[ns++] = p;
		else if (i >= at && no < 8)
			obj[no++] = p;
	}
	/* "A、B分别会见了代表团": one meeting per subject */
	if (ns >= 2 && no == 0 && hit_in(X, PK_EVWORD, EW_DELEGATION, at, s1)) {
		memcpy(obj, subj, sizeof subj);
		no = ns;
		ns = 0;
	}
	if (no < 2)
		return 0;
	size_t idx = (size_t)(ev - doc->events);
	struct lsn_event tmpl = *ev;
	for (int k = 0; k < no; k++) {
		if (k && lsn_grow(&doc->events, &doc->capevents, doc->nevents + 1, sizeof *doc->events))
			return -1;
		struct lsn_event *e = k ? &doc->events[doc->nevents++] : &doc->events[idx];
		*e = tmpl;
		e->nparts = 0;
		e->nparties = 0;
		for (int j = 0; j < ns; j++)
			add_part(e, subj[j]);
		add_part(e, obj[k]);
		for (int j = 0; j < e->nparts; j++)
			add_party(e, person_party(X, &doc->persons[e->parts[j]]));
		e->split = 1;
	}
	return 0;
}

/* A meeting of several sides named by their places ("the second Spring
 * Meeting with the Secretaries of Quang Ninh, Lang Son, Ha Giang and Cao
 * Bang", "Hội nghị ... giữa Bí thư các tỉnh Lào Cai, Điện Biên, Lai Châu,
 * Hà Giang"): the token of its meeting noun in [s0, s1), or 0.  Three
 * localities at least follow the noun in the sentence. */
static uint32_t joint_meeting(const struct x *X, uint32_t s0, uint32_t s1)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < s1; h++) {
		if (doc->hits[h].t0 < s0)
			continue;
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind != PK_EVWORD || hit->val != EW_MEETING_NOUN || hit->t0 == 0)
			continue;
		int32_t seen[3] = {-1, -1, -1};
		int n = 0;
		for (uint32_t i = hit->t1; i < s1 && n < 3; i++) {
			int32_t pl = X->tok_place[i] - 1;
			if (pl < 0 || X->kb->places[pl].level == PL_COUNTRY || pl == seen[0] || pl == seen[1])
				continue;
			seen[n++] = pl;
		}
		if (n == 3)
			return hit->t0;
	}
	return 0;
}

/* A sentence that lists past events, each with its own date, person and
 * verb ("在2018年11月A出席…、2019年7月B访问江苏和2020年10月C访问…期间",
 * "In July 2019, A visited ..., and in October 2020, B ..."): the starts of
 * its clauses, each at a date (the first at the sentence's start), and
 * how many; 1 when the sentence is one clause. */
#define MAX_CLAUSES 8
static int clauses(const struct x *X, uint32_t si, uint32_t *start)
{
	static const char *const lead[] = {"在", "、", "和", "及", ",", "，", ";", "；", "and", "in", "vào",
					   "và", "trong", NULL};
	const lsn_doc *doc = X->doc;
	uint32_t s0 = X->st0[si], s1 = X->st1[si];
	int n = 0;
	start[n++] = s0;
	for (size_t k = 0; k < doc->ndates && n < MAX_CLAUSES; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		if (dh->t0 <= s0 || dh->t0 >= s1 || dh->dt.prec < DP_MONTH || dh->relative || dh->range == 2)
			continue;
		int ok = 0;
		for (int w = 0; lead[w] && !ok; w++)
			ok = tok_is(doc, dh->t0 - 1, lead[w]) ||
			     (doc->toks[dh->t0 - 1].kind == TK_WORD && tok_fold_is(doc, dh->t0 - 1, lead[w]));
		if (ok)
			start[n++] = dh->t0;
	}
	start[n] = s1;
	/* every clause tells its own event: a verb and a person; what comes
	 * before the first date ("特别是，在") belongs to the first clause */
	for (int c = 0; c < n; c++) {
		int trig = 0, person = 0;
		for (size_t h = X->hit0[start[c]]; h < doc->nhits && doc->hits[h].t0 < start[c + 1]; h++)
			trig |= doc->hits[h].t0 >= start[c] && doc->hits[h].kind == PK_TRIGGER;
		for (uint32_t i = start[c]; i < start[c + 1]; i++)
			person |= doc->ment_person[i] != 0;
		if (c == 0 && n > 1 && !trig && !person) {
			memmove(start + 1, start + 2, (size_t)(n - 1) * sizeof *start);
			n--;
			c--;
			continue;
		}
		if (!trig || !person)
			return 1;
	}
	return n;
}

/* Is the trigger at [t0, t1) the name of a standing arrangement: "机制"
 * or "mechanism" after it in the same clause (over a list: "书记会晤、
 * 联工委会晤机制"), "cơ chế" before it? */
static int mechanism(const struct x *X, uint32_t t0, uint32_t t1, uint32_t s0, uint32_t s1)
{
	const lsn_doc *doc = X->doc;
	/* the words of event_words.tsv (role mechanism) right before it */
	for (size_t h = X->hit0[t0 > s0 + 3 ? t0 - 3 : s0]; h < doc->nhits && doc->hits[h].t0 < t0; h++)
		if (doc->hits[h].kind == PK_EVWORD && doc->hits[h].val == EW_MECHANISM && doc->hits[h].t1 == t0)
			return 1;
	/* ... or after it, in its clause */
	uint32_t e = t1;
	while (e < s1 && e < t1 + 10 && !tok_is(doc, e, ",") && !tok_is(doc, e, "，") && !tok_is(doc, e, "。") &&
	       !tok_is(doc, e, ";"))
		e++;
	return hit_in(X, PK_EVWORD, EW_MECHANISM, t1, e);
}

/* Do two events share someone? */
static int shares_person(const struct lsn_event *A, const struct lsn_event *B)
{
	for (int i = 0; i < A->nparts; i++)
		for (int j = 0; j < B->nparts; j++)
			if (A->parts[i] == B->parts[j])
				return 1;
	return 0;
}

/* Do two events share someone, or a side below the national level (or,
 * for an event between countries only, a country)? */
static int shares_side(const lsn_tables *kb, const struct lsn_event *A, const struct lsn_event *B)
{
	int local = 0;
	if (shares_person(A, B))
		return 1;
	for (int i = 0; i < A->nparties; i++)
		local |= kb->places[A->parties[i]].level != PL_COUNTRY;
	for (int i = 0; i < A->nparties; i++)
		for (int j = 0; j < B->nparties; j++)
			if (A->parties[i] == B->parties[j] &&
			    (kb->places[A->parties[i]].level != PL_COUNTRY || (!local && !A->nparts && A->nparties >= 2)))
				return 1;
	return 0;
}

static int events(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	int32_t last_ev = -1, last_meet = -1;
	uint32_t last_ev_sent = 0;
	mark_historical(X);
	uint32_t cstart[MAX_CLAUSES + 1], full0 = 0, full1 = 0, clause = 0, nclauses = 0;
	for (uint32_t si = 0; si < doc->nsents;) {
		/* a sentence of several dated clauses: each in turn, as a sentence
		 * of its own (the helpers read the sentence's bounds) */
		if (!clause) {
			future_sentence(X, si); /* of the whole sentence, before its bounds narrow */
			nclauses = (uint32_t)clauses(X, si, cstart);
			full0 = X->st0[si], full1 = X->st1[si];
		}
		if (nclauses > 1)
			X->st0[si] = cstart[clause], X->st1[si] = cstart[clause + 1];
		uint32_t s0 = X->st0[si], s1 = X->st1[si];
		int cont = 0;
		uint32_t cont_end = 0;
		/* the trigger of each type first seen in the sentence */
		uint32_t trig_at[EV_VISIT + 1] = {0};
		int types = 0;
		for (size_t h = X->hit0[s0]; h < doc->nhits; h++) {
			const struct lsn_hit *hit = &doc->hits[h];
			if (hit->t0 >= s1)
				break;
			if (hit->t0 < s0)
				continue;
			if (hit->kind == PK_EVWORD && hit->val == EW_CONTINUATION) {
				cont = 1;
				if (hit->t1 > cont_end)
					cont_end = hit->t1;
			}
			/* "at the meeting" speaks of an event told before, if any */
			if (hit->kind != PK_TRIGGER || (hit->t0 < cont_end && last_ev >= 0))
				continue;
			uint32_t t = hit->val;
			/* "书记会晤、联工委会晤机制", "the meeting mechanism", "cơ chế
			 * hội đàm": a standing arrangement, not a meeting held */
			if (mechanism(X, hit->t0, hit->t1, s0, s1))
				continue;
			/* "phát biểu tại buổi tiếp": where one spoke, the session (a
			 * noun) told before, not another one */
			if (cont && last_ev >= 0 && !strcmp(doc->lang, "vi") &&
			    (tok_fold_is(doc, hit->t0, "buoi") || (hit->t0 > s0 && tok_fold_is(doc, hit->t0 - 1, "buoi")))) {
				cont = 1;
				if (hit->t1 > cont_end)
					cont_end = hit->t1;
				continue;
			}
			if (t == EV_ATTEND) {
				/* one attends an expo or a forum; "attending the
				 * meeting were ..." names a meeting's participants */
				uint32_t e = hit->t1 + 10 < s1 ? hit->t1 + 10 : s1;
				if (!hit_in(X, PK_EVWORD, EW_ATTEND_OBJECT, hit->t1, e) &&
				    !hit_in(X, PK_SERIES, 0, hit->t1, e)) {
					/* "tham dự Hội nghị ... giữa Bí thư": a meeting */
					uint32_t e4 = hit->t1 + 4 < s1 ? hit->t1 + 4 : s1;
					if (hit_in(X, PK_EVWORD, EW_MEETING_NOUN, hit->t1, e4)) {
						/* "参与会晤", "attended the talks": the meeting told
						 * before, wherever it was told; else a meeting */
						if (last_meet < 0) {
							t = EV_MEETING;
						} else {
							cont = 2;
							if (e4 > cont_end)
								cont_end = e4; /* its 会晤 is that meeting */
							continue;
						}
					} else {
						/* "Attending were ...", "Tham dự có ...": a list of
						 * participants opens the sentence; "participate in
						 * advancing the development" is no event at all */
						if (hit->t0 <= s0 + 2)
							cont = 1;
						continue;
					}
				}
			}
			if (t == EV_SIGNING && hit->t0 > s0 && hit->t1 < s1 &&
			    (tok_fold_is(doc, hit->t0 - 1, "agreement") || tok_is(doc, hit->t0 - 1, ")")) &&
			    (tok_fold_is(doc, hit->t1, "at") || tok_fold_is(doc, hit->t1, "in") ||
			     tok_fold_is(doc, hit->t1, "by")))
				continue; /* "the RCEP agreement signed at the summit": background */
			if (!(types & (1 << t)))
				trig_at[t] = hit->t0;
			types |= 1 << t;
		}
		/* "The Shanghai delegation is in the city for the HCM City
		 * Economic Forum": a delegation there for an expo or a forum
		 * attends it */
		int by_presence = 0; /* that attendance: later sentences speak of other events */
		int32_t keep_ev = last_ev, keep_meet = last_meet;
		uint32_t keep_sent = last_ev_sent;
		if (!types && hit_in(X, PK_EVWORD, EW_DELEGATION, s0, s1))
			for (uint32_t i = s0; i + 1 < s1 && !types; i++) {
				uint32_t e4 = i + 9 < s1 ? i + 9 : s1;
				if (tok_fold_is(doc, i, "for") && X->hit0[i] < doc->nhits &&
				    (hit_in(X, PK_EVWORD, EW_ATTEND_OBJECT, i + 1, e4) || hit_in(X, PK_SERIES, 0, i + 1, e4)) &&
				    !future_sentence(X, si)) {
					types |= 1 << EV_ATTEND;
					trig_at[EV_ATTEND] = i;
					by_presence = 1;
				}
			}
		if (types & (1 << EV_VIRTUAL))
			types &= ~(1 << EV_MEETING);
		if ((types & (1 << EV_VISIT)) && future_sentence(X, si))
			types &= ~(1 << EV_VISIT); /* "accepted the invitation to visit" */
		/* "will attend", "sẽ tham dự": told before it happens */
		for (int t = 1; t <= EV_VISIT; t++)
			if ((types & (1 << t)) && trig_at[t] > s0 && future_word(doc, trig_at[t]))
				types &= ~(1 << t);
		if (cont && last_ev >= 0 && (si - last_ev_sent <= 8 || (cont == 2 && last_meet >= 0)) &&
		    !(types & ~(1 << EV_SIGNING))) {
			/* persons of this sentence took part in the event just told
			 * (a meeting, when one was told: "At the event, X said"):
			 * those named early (the speaker), or all of a list */
			struct lsn_event *ev = &doc->events[last_meet >= 0 ? last_meet : last_ev];
			int named = 0;
			for (uint32_t i = s0; i < s1; i++)
				named += doc->ment_person[i] != 0;
			uint32_t upto = s0 + (s1 - s0) * 2 / 5 + 1;
			if (cont_end > upto)
				upto = cont_end; /* "X参与会晤": X comes before */
			event_persons(X, ev, s0, named >= 3 ? s1 : upto);
			/* the speaker, however long the title before the name ("At the
			 * meeting, Ho Chi Minh City Vice Chairwoman X said") */
			for (uint32_t i = s0; i < s1 && named < 3; i++)
				if (doc->ment_person[i]) {
					if (i >= upto)
						event_persons(X, ev, i, i + 1);
					break;
				}
			/* "Tại buổi hội đàm ngày 27/2, ...": the day it happened */
			int found;
			struct lsn_date d = nearest_date(X, si, s0, &found);
			if (found == 1 && (!ev->dated || ev->dated == 3) && d.prec == DP_DAY) {
				ev->date = d;
				ev->dated = 1;
			}
			for (int k = 0; k < ev->nparts; k++)
				add_party(ev, person_party(X, &doc->persons[ev->parts[k]]));
			last_ev_sent = si;
		}
		for (int t = 1; t <= EV_VISIT; t++) {
			if (!(types & (1 << t)))
				continue;
			if (new_event(doc, (uint8_t)t, si))
				return -1;
			struct lsn_event *ev = &doc->events[doc->nevents - 1];
			uint32_t at = trig_at[t];
			/* "X's visit", "his visit": the possessor alone */
			int owned = 0;
			if (at >= s0 + 2 && tok_is(doc, at - 1, "s") &&
			    (tok_is(doc, at - 2, "'") || tok_is(doc, at - 2, "’"))) {
				for (uint32_t j = at - 2; j > s0; j--)
					if (doc->ment_person[j - 1] &&
					    can_take_part(&doc->persons[doc->ment_person[j - 1] - 1])) {
						add_part(ev, (uint16_t)(doc->ment_person[j - 1] - 1));
						owned = 1;
						break;
					} else if (!(doc->toks[j - 1].flags & TF_CAP)) {
						break;
					}
			} else if (at > s0 && (tok_fold_is(doc, at - 1, "his") || tok_fold_is(doc, at - 1, "her") ||
					       (at > s0 + 1 && (tok_fold_is(doc, at - 2, "his") ||
								tok_fold_is(doc, at - 2, "her"))))) {
				int32_t p = his_person(X, at);
				if (p >= 0) {
					add_part(ev, (uint16_t)p);
					owned = 1;
				}
			}
			if (!owned && (t == EV_VISIT || t == EV_ATTEND)) {
				/* "A率团访问越南, ...习近平总书记...": the visitor is named first */
				event_persons(X, ev, s0, at);
				owned = ev->nparts > 0;
			}
			if (!owned)
				event_persons(X, ev, s0, s1);
			for (uint32_t i = s0; i < s1 && ev->place < 0; i++)
				/* "in Hanoi", "in Hạ Long City" */
				if (X->tok_place[i] && i > s0 && at_place(doc, s0, i))
					ev->place = X->tok_place[i] - 1;
			for (int k = 0; k < ev->nparts; k++)
				add_party(ev, person_party(X, &doc->persons[ev->parts[k]]));
			if (t == EV_VISIT) {
				/* "访问江苏", "visited Jiangsu", "visit to Yunnan", "thăm
				 * (và làm việc tại) tỉnh Vân Nam": where one goes is a side */
				for (uint32_t i = at + 1; i < s1 && i < at + 6; i++) {
					if (doc->toks[i].kind == TK_PUNCT)
						break;
					if (!X->tok_place[i])
						continue;
					int32_t pl = X->tok_place[i] - 1;
					if (ev->place < 0)
						ev->place = pl;
					/* "苏沪两省": each of a contraction */
					for (; i < s1 && X->tok_place[i]; i++)
						if (kb->places[X->tok_place[i] - 1].level != PL_COUNTRY)
							add_party(ev, X->tok_place[i] - 1);
					break;
				}
			}
			if (!ev->nparts && t == EV_SIGNING && last_ev >= 0 && si - last_ev_sent <= 8) {
				/* "the secretaries signed the minutes": the sides of the
				 * event just told */
				const struct lsn_event *prev = &doc->events[last_ev];
				for (int k = 0; k < prev->nparties; k++)
					add_party(ev, prev->parties[k]);
			}
			if (!ev->nparts) {
				/* parties named as places: "Lao Cai and Yunnan signed"; the
				 * place where it happened only when it is the other side
				 * ("Guangxi–HCMC fair in HCMC") */
				for (uint32_t i = s0; i < s1; i++)
					if (X->tok_place[i] && (i == s0 || X->tok_place[i - 1] != X->tok_place[i])) {
						int32_t pl = X->tok_place[i] - 1;
						if (kb->places[pl].level != PL_COUNTRY && pl != ev->place)
							add_party(ev, pl);
					}
				if (ev->nparties == 1 && ev->place >= 0 && kb->places[ev->place].level != PL_COUNTRY &&
				    strcmp(kb->places[ev->place].cc, kb->places[ev->parties[0]].cc))
					add_party(ev, ev->place);
			}
			int found;
			struct lsn_date d = nearest_date(X, si, at, &found);
			ev->date = found ? d : doc->ref;
			ev->dated = (uint8_t)(found != 0);
			/* a range dates a visit by its first day; what happened during
			 * it ("from November 20-22, X met Y"), only by its month */
			ev->range = found == 2;
			if (found == 2 && t != EV_VISIT)
				ev->date.d = 0, ev->date.prec = DP_MONTH;
			/* "近期…会见了", "recently met": before the story's day, and
			 * not at its main event; what is known is the year (month) */
			for (size_t h = X->hit0[s0]; !found && h < doc->nhits && doc->hits[h].t0 < s1; h++)
				if (doc->hits[h].kind == PK_RECENT && ev->date.prec >= DP_YEAR) {
					if (doc->hits[h].val == DP_YEAR || ev->date.prec < DP_MONTH)
						ev->date.m = 0, ev->date.prec = DP_YEAR;
					ev->date.d = 0;
					if (ev->date.prec > DP_MONTH)
						ev->date.prec = DP_MONTH;
					ev->dated = 3;
					break;
				}
			/* "to attend the 6th CIIE": the edition's opening day */
			if (t == EV_ATTEND && (!found || d.prec < DP_DAY))
				for (size_t h = X->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < s1; h++)
					if (doc->hits[h].kind == PK_SERIES) {
						const struct lsn_series_ed *ed = series_edition(X, &doc->hits[h]);
						if (ed && (!found || ed->start.y == d.y)) {
							/* the edition's month: it runs for days,
							 * and the text does not say which */
							ev->date = ed->start;
							ev->date.d = 0, ev->date.prec = DP_MONTH;
							ev->dated = 2; /* by the edition: not the story's own day */
							if (ev->place < 0)
								ev->place = ed->place;
							break;
						}
					}
			/* "A分别会见了B和C", "A met B and C respectively": one meeting each */
			if (!owned && type_rank(t) >= 4 && respectively(doc, s0, s1) &&
			    split_respectively(X, ev, at, s0, s1))
				return -1;
			last_ev = (int32_t)(doc->nevents - 1);
			if (type_rank(t) >= 4)
				last_meet = last_ev;
			last_ev_sent = si;
		}
		/* ... when it is another event than the one the sentence tells:
		 * one comes to it ("received X, who is visiting Vietnam to attend
		 * the Spring Meeting with ...", "X's visit for a New Year meeting
		 * among ...") */
		if (by_presence) /* "At the ceremony, X said": not this attendance */
			last_ev = keep_ev, last_meet = keep_meet, last_ev_sent = keep_sent;
		uint32_t from = s1, joint_at = 0;
		for (int t = EV_MEETING; t <= EV_VISIT; t++)
			if ((types & (1 << t)) && t != EV_SIGNING && t != EV_ATTEND && trig_at[t] + 3 < from)
				from = trig_at[t] + 3;
		if (from < s1)
			joint_at = joint_meeting(X, from, s1);
		if (joint_at && !future_sentence(X, si)) {
			/* the meeting of several sides: the person who comes to it
			 * (named last before it), its sides, and the month */
			if (new_event(doc, EV_MEETING, si))
				return -1;
			struct lsn_event *ev = &doc->events[doc->nevents - 1];
			ev->joint = 1;
			for (uint32_t j = joint_at; j > s0; j--)
				if (doc->ment_person[j - 1] && can_take_part(&doc->persons[doc->ment_person[j - 1] - 1])) {
					add_part(ev, (uint16_t)(doc->ment_person[j - 1] - 1));
					add_party(ev, person_party(X, &doc->persons[doc->ment_person[j - 1] - 1]));
					break;
				}
			for (uint32_t i = joint_at; i < s1; i++)
				if (X->tok_place[i] && (i == joint_at || X->tok_place[i - 1] != X->tok_place[i]) &&
				    kb->places[X->tok_place[i] - 1].level != PL_COUNTRY)
					add_party(ev, X->tok_place[i] - 1);
			int found;
			struct lsn_date d = nearest_date(X, si, joint_at, &found);
			ev->date = found ? d : doc->ref;
			ev->dated = (uint8_t)(found != 0);
			if (found && ev->date.prec > DP_MONTH)
				ev->date.d = 0, ev->date.prec = DP_MONTH; /* its day is not told */
			if (last_meet < 0 && !types)
				last_meet = (int32_t)(doc->nevents - 1);
			last_ev = (int32_t)(doc->nevents - 1);
			last_ev_sent = si;
		}
		X->st0[si] = full0, X->st1[si] = full1;
		if (++clause >= nclauses)
			clause = 0, si++;
	}
	/* a story that tells its talks only in a caption ("会谈现场", "Quang
	 * cảnh hội đàm"): they are between the office holders of both sides
	 * its first sentences name */
	int told = 0;
	for (size_t a = 0; a < doc->nevents; a++)
		told |= type_rank(doc->events[a].type) >= 4 && doc->events[a].nparts;
	for (size_t a = 0; a < doc->nevents && !told; a++) {
		struct lsn_event *A = &doc->events[a];
		if (type_rank(A->type) < 4 || A->nparts || A->nparties >= 2)
			continue;
		int cn = 0, vn = 0;
		for (uint32_t si = 0; si < doc->nsents && si < 3; si++)
			for (uint32_t i = X->st0[si]; i < X->st1[si]; i++) {
				if (!doc->ment_person[i] || !can_take_part(&doc->persons[doc->ment_person[i] - 1]))
					continue;
				const struct lsn_person *p = &doc->persons[doc->ment_person[i] - 1];
				cn |= !strcmp(p->cc, "CN"), vn |= !strcmp(p->cc, "VN");
				add_part(A, (uint16_t)(doc->ment_person[i] - 1));
			}
		if (cn && vn) {
			for (int k = 0; k < A->nparts; k++)
				add_party(A, person_party(X, &doc->persons[A->parts[k]]));
			A->dated = 0;
			told = 1;
		} else {
			A->nparts = 0;
		}
	}
	/* events still without anyone: keep those with two parties (a visit
	 * is someone's, and an office holder's: not a tourist's or a manager's) */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (!A->nparts && (A->nparties < 2 || A->type == EV_VISIT))
			A->dropped = 1;
		if (A->type == EV_VISIT) {
			int office = 0;
			for (int k = 0; k < A->nparts; k++)
				office |= doc->persons[A->parts[k]].role != 21 || doc->persons[A->parts[k]].actor >= 0;
			if (!office)
				A->dropped = 1;
		}
	}
	/* the same interaction told twice: merge */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dropped)
			continue;
		for (size_t b = a + 1; b < doc->nevents; b++) {
			struct lsn_event *B = &doc->events[b];
			if (B->dropped || (A->split && B->split && A->sent == B->sent) || A->joint != B->joint)
				continue; /* a meeting of several sides is not the talks held beside it */
			int same = 0;
			if (A->type == B->type || (type_rank(A->type) >= 4 && type_rank(B->type) >= 4)) {
				int shared = 0;
				for (int i = 0; i < A->nparts; i++)
					for (int j = 0; j < B->nparts; j++)
						shared += A->parts[i] == B->parts[j];
				/* Khoi meeting Lu Yongzheng and Khoi meeting Lu Xinshe are
				 * two meetings: each has someone the other lacks */
				if (shared && (shared == A->nparts || shared == B->nparts))
					same = 1;
				/* by the sides alone, when one names nobody; not when that
				 * one has a day of its own the other lacks ("8月27日, ...
				 * 对接会": another event of the same trip) */
				const struct lsn_event *nobody = !A->nparts ? A : !B->nparts ? B : NULL;
				const struct lsn_event *other = nobody == A ? B : A;
				if (nobody && !(nobody->dated && !other->dated))
					for (int i = 0; i < A->nparties; i++)
						for (int j = 0; j < B->nparties; j++)
							if (A->parties[i] == B->parties[j])
								same = 1;
			}
			/* different dates told explicitly are different events */
			if (same && A->dated && B->dated && A->date.prec >= DP_MONTH && B->date.prec >= DP_MONTH &&
			    date_cmp(A->date, B->date)) {
				struct lsn_date x = A->date, y = B->date;
				x.prec = y.prec = (uint8_t)(A->date.prec < B->date.prec ? A->date.prec : B->date.prec);
				if (date_cmp(x, y))
					same = 0;
			}
			if (!same)
				continue;
			for (int j = 0; j < B->nparts; j++)
				add_part(A, B->parts[j]);
			for (int j = 0; j < B->nparties; j++)
				add_party(A, B->parties[j]);
			if ((B->dated && !A->dated) || (B->dated == A->dated && B->date.prec > A->date.prec)) {
				A->date = B->date;
				A->dated = B->dated;
			}
			if (A->place < 0)
				A->place = B->place;
			if (type_rank(B->type) > type_rank(A->type))
				A->type = B->type;
			B->dropped = 1;
		}
	}
	/* a signing told without its sides: those of the meeting next to it */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->type != EV_SIGNING || A->nparts || A->nparties >= 2)
			continue;
		const struct lsn_event *best = NULL;
		for (size_t b = 0; b < doc->nevents; b++) {
			const struct lsn_event *B = &doc->events[b];
			uint32_t dist = B->sent > A->sent ? B->sent - A->sent : A->sent - B->sent;
			if (b != a && !B->dropped && type_rank(B->type) >= 4 && B->nparties >= 2 && dist <= 8 &&
			    (!best || dist < (best->sent > A->sent ? best->sent - A->sent : A->sent - best->sent)))
				best = B;
		}
		if (best) {
			for (int k = 0; k < best->nparties; k++)
				add_party(A, best->parties[k]);
			if ((!A->dated && best->dated) ||
			    (A->date.prec < best->date.prec && A->date.y == best->date.y))
				A->date = best->date;
			A->dropped = 0;
		}
	}
	/* "met the delegation": the head of the visiting delegation took part */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dropped || type_rank(A->type) < 4 ||
		    !hit_in(X, PK_EVWORD, EW_DELEGATION, X->st0[A->sent], X->st1[A->sent]))
			continue;
		for (size_t b = 0; b < doc->nevents; b++) {
			const struct lsn_event *B = &doc->events[b];
			if (B->type != EV_VISIT || !B->nparts)
				continue;
			/* the hosts met the visitors: only when no visitor is there yet */
			const char *vcc = doc->persons[B->parts[0]].cc;
			int have = 0;
			for (int k = 0; k < A->nparts; k++)
				have |= !strcmp(doc->persons[A->parts[k]].cc, vcc);
			if (have)
				break;
			for (int k = 0; k < B->nparts; k++)
				add_part(A, B->parts[k]);
			for (int k = 0; k < A->nparts; k++)
				add_party(A, person_party(X, &doc->persons[A->parts[k]]));
			break;
		}
	}
	/* a delegation's visit and a meeting told without names, in the same
	 * month: the visitors took part in the meeting (unless the story names
	 * the meetings they had) */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dropped || A->type != EV_VISIT || !A->nparts)
			continue;
		int met = 0;
		for (size_t b = 0; b < doc->nevents; b++) {
			const struct lsn_event *B = &doc->events[b];
			if (b != a && !B->dropped && type_rank(B->type) >= 4)
				for (int k = 0; k < B->nparts; k++)
					met |= B->parts[k] == A->parts[0];
		}
		if (met)
			continue;
		for (size_t b = 0; b < doc->nevents; b++) {
			struct lsn_event *B = &doc->events[b];
			if (B->dropped || type_rank(B->type) < 4 || B->nparts)
				continue;
			if (A->dated && B->dated && (A->date.y != B->date.y || A->date.m != B->date.m))
				continue;
			for (int k = 0; k < A->nparts; k++)
				add_part(B, A->parts[k]);
			A->dropped = 1;
			break;
		}
	}
	/* a visit with a meeting inside it is the meeting */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dropped || A->type != EV_VISIT)
			continue;
		for (size_t b = 0; b < doc->nevents; b++) {
			struct lsn_event *B = &doc->events[b];
			if (b == a || B->dropped || type_rank(B->type) < 4)
				continue;
			for (int i = 0; i < A->nparts; i++)
				for (int j = 0; j < B->nparts; j++)
					if (A->parts[i] == B->parts[j] &&
					    (!A->dated || !B->dated ||
					     (A->date.y == B->date.y && (A->date.m == B->date.m || !A->date.m || !B->date.m))))
						A->dropped = 1;
		}
	}
	/* an event told without a date happened when the story's main event
	 * did: the first one dated to the day */
	const struct lsn_event *main_ev = NULL;
	/* (a visit folded into its meetings still tells the day); a trip told
	 * with its span ("from June 11 to 15") is the time of what is told
	 * without a date, rather than its last day ("on the 15th, it ended") */
	for (int pass = 0; pass < 2 && !main_ev; pass++)
		for (size_t a = 0; a < doc->nevents && !main_ev; a++)
			if (doc->events[a].dated == 1 && (pass ? doc->events[a].date.prec == DP_DAY
							       : doc->events[a].range) &&
			    (!doc->events[a].dropped || doc->events[a].type == EV_VISIT))
				main_ev = &doc->events[a];
	/* ... when it shares someone or a (sub-national) side with it; "the
	 * successful meeting between the two General Secretaries" told as
	 * background keeps no date */
	/* ... or with an event told before it that got its date so ("met
	 * Liu Ning on the sidelines; the two sides witnessed the signing") */
	/* no event dated in its own sentence: the day the lead tells ("Shanghai
	 * and HCM City on July 11 held a forum. The forum was co-chaired by
	 * ..."), a few days before the publication at most, is the story's */
	if (!main_ev && doc->published.prec == DP_DAY) {
		long pub = lsn_days(doc->published.y, doc->published.m, doc->published.d);
		for (size_t k = 0; k < doc->ndates; k++) {
			const struct lsn_datehit *dh = &doc->dates[k];
			uint32_t si = doc->toks[dh->t0].sent;
			if (si > 2)
				break;
			if (dh->dt.prec != DP_DAY || dh->range == 2 || future_sentence(X, si) ||
			    in_book_title(doc, X->st0[si], dh->t0))
				continue;
			long d = lsn_days(dh->dt.y, dh->dt.m, dh->dt.d);
			if (d > pub || d < pub - 7)
				continue;
			for (size_t a = 0; a < doc->nevents; a++) {
				struct lsn_event *A = &doc->events[a];
				if (!A->dated && !A->dropped)
					A->date = dh->dt, A->inherit = 1, A->dated = 1;
			}
			break;
		}
	}
	if (main_ev)
		for (size_t a = 0; a < doc->nevents; a++) {
			struct lsn_event *A = &doc->events[a];
			if (A->dated)
				continue;
			/* the nearest such event told before it with someone of
			 * it, else the main one, else the nearest sharing a side */
			const struct lsn_event *from = NULL;
			for (int pass = 0; pass < 3 && !from; pass++) {
				if (pass == 1) {
					if (shares_side(kb, A, main_ev))
						from = main_ev;
					continue;
				}
				for (size_t b = a; !from && b-- > 0;) {
					const struct lsn_event *B = &doc->events[b];
					if (!B->dropped && B->date.prec >= DP_DAY && (B->inherit || B->dated == 1) &&
					    (pass ? shares_side(kb, A, B) : shares_person(A, B)))
						from = B;
				}
			}
			if (from) {
				A->date = from->date;
				A->inherit = 1;
				if ((from->range || A->joint) && A != from) /* some day of the visit */
					A->date.d = 0, A->date.prec = DP_MONTH;
			}
			else if (!A->date.prec || A->date.prec > DP_YEAR)
				memset(&A->date, 0, sizeof A->date); /* not the reference day either */
		}
	/* a side is named at its most specific: "China" goes when Shanghai is
	 * a side (a person whose title named no place adds only a country) */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		int k = 0;
		for (int i = 0; i < A->nparties; i++) {
			const struct lsn_place *pl = &kb->places[A->parties[i]];
			int below = 0;
			for (int j = 0; j < A->nparties && pl->level == PL_COUNTRY; j++)
				below |= kb->places[A->parties[j]].level != PL_COUNTRY &&
					 kb->places[A->parties[j]].level != PL_BLOC &&
					 !strcmp(kb->places[A->parties[j]].cc, pl->cc);
			if (!below)
				A->parties[k++] = A->parties[i];
		}
		A->nparties = (uint8_t)k;
	}
	/* no year to be had: the month and day its sentence gives ("on
	 * November 14" in a story that names no year) are kept as they are */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dropped || A->date.prec)
			continue;
		memset(&A->date, 0, sizeof A->date);
		for (size_t k = 0; k < doc->ndates; k++) {
			const struct lsn_datehit *dh = &doc->dates[k];
			if (doc->toks[dh->t0].sent == A->sent && dh->open && dh->dt.m && dh->range != 2) {
				A->date.m = dh->dt.m;
				A->date.d = dh->open == DP_DAY ? dh->dt.d : 0;
				break;
			}
		}
	}
	for (size_t a = 0; a < doc->nevents; a++)
		if (!doc->events[a].dropped)
			for (int k = 0; k < doc->events[a].nparts; k++)
				doc->persons[doc->events[a].parts[k]].include = 1;
	return 0;
}

/* ---------------------------------------------------------------- figures */

/* Is the date one end of a range ("2023 – 2027", "May 2020 – May 2025")? */
static int in_range(const lsn_doc *doc, const struct lsn_datehit *dh)
{
	for (int side = 0; side < 2; side++) {
		uint32_t j = side ? dh->t1 : dh->t0 - 1;
		if ((side == 0 && dh->t0 == 0) || j >= doc->ntoks)
			continue;
		if (tok_is(doc, j, "-") || tok_is(doc, j, "–") || tok_is(doc, j, "—") || tok_is(doc, j, "至") ||
		    tok_fold_is(doc, j, "to") || tok_fold_is(doc, j, "den"))
			return 1;
	}
	return 0;
}

/* A metric hit right after a number: "six deals", "34 booths", "5.153
 * million passenger trips", "600 Vietnamese students" (one word between). */
static int count_metric(const struct x *X, const struct lsn_num *nm)
{
	const lsn_doc *doc = X->doc;
	/* Chinese counts a measure word, then the thing: "8项各领域合作文件" */
	static const char *const measure[] = {"项", "份", "个", "名", "家", "批", "次", "位", NULL};
	uint32_t reach = 1;
	for (int k = 0; measure[k] && nm->t1 < doc->ntoks; k++)
		if (tok_is(doc, nm->t1, measure[k]))
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

static int figures(struct x *X)
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
		for (size_t d = 0; d < doc->ndates; d++) {
			const struct lsn_datehit *dh = &doc->dates[d];
			if (doc->toks[dh->t0].sent != si || dh->relative || !dh->dt.y || !dh->dt.prec)
				continue;
			/* a count is of its year ("Trong năm 2022 ... hơn 50 cuộc hội
			 * đàm"), not of a term it speaks of ("the 2023 – 2027 period") */
			if (metric == 7 && (in_range(doc, dh) || dh->dt.prec != DP_YEAR))
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

/* ---------------------------------------------------------------- relations */

static void add_rel(lsn_doc *doc, int type, int32_t a, int32_t b, int since)
{
	if (a < 0 || b < 0 || a == b)
		return;
	for (size_t k = 0; k < doc->nrels; k++) {
		struct lsn_relation *r = &doc->rels[k];
		if (r->type == type && ((r->a == a && r->b == b) || (r->a == b && r->b == a))) {
			if (!r->since)
				r->since = since;
			return;
		}
	}
	if (lsn_grow(&doc->rels, &doc->caprels, doc->nrels + 1, sizeof *doc->rels))
		return;
	doc->rels[doc->nrels++] = (struct lsn_relation){(uint8_t)type, a, b, since};
}

static void relations(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	for (size_t h = 0; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind != PK_RELATION)
			continue;
		uint32_t si = doc->toks[hit->t0].sent;
		int32_t pl[8];
		int np = 0;
		for (uint32_t i = X->st0[si]; i < X->st1[si] && np < 8; i++)
			if (X->tok_place[i] && (i == X->st0[si] || X->tok_place[i - 1] != X->tok_place[i])) {
				int32_t p = X->tok_place[i] - 1, dup = 0;
				for (int k = 0; k < np; k++)
					dup |= pl[k] == p;
				if (!dup)
					pl[np++] = p;
			}
		/* since when: "became sister cities in 1994", "于1994年5月14日正式缔结友好城市关系" */
		int since = 0;
		for (size_t d = 0; d < doc->ndates; d++)
			if (doc->toks[doc->dates[d].t0].sent == si && doc->dates[d].dt.y && !doc->dates[d].relative &&
			    (doc->dates[d].t0 > hit->t0 || X->zh ||
			     (doc->dates[d].t0 > 0 && (tok_fold_is(doc, doc->dates[d].t0 - 1, "since") ||
						       tok_fold_is(doc, doc->dates[d].t0 - 1, "tu")))))
				since = doc->dates[d].dt.y;
		if (hit->val == 3) {
			/* the nearest country and the nearest city or province around it */
			int32_t country = -1, city = -1;
			uint32_t lo = hit->t0 > X->st0[si] + 8 ? hit->t0 - 8 : X->st0[si];
			uint32_t hi = hit->t1 + 8 < X->st1[si] ? hit->t1 + 8 : X->st1[si];
			for (uint32_t i = lo; i < hi; i++) {
				if (!X->tok_place[i])
					continue;
				int32_t p = X->tok_place[i] - 1;
				if (kb->places[p].level == PL_COUNTRY && country < 0)
					country = p;
				else if (kb->places[p].level != PL_COUNTRY && city < 0)
					city = p;
			}
			if (country >= 0 && city >= 0 && strcmp(kb->places[country].cc, kb->places[city].cc))
				add_rel(doc, 3, country, city, 0);
		} else if (hit->val == 2) {
			/* "established their comprehensive strategic partnership in 2008" */
			int est = 0;
			for (uint32_t i = X->st0[si]; i < X->st1[si]; i++)
				est |= tok_fold_is(doc, i, "established") || tok_fold_is(doc, i, "set") ||
				       tok_fold_is(doc, i, "thiet") || tok_is(doc, i, "建立");
			add_rel(doc, 2, kb->place_china, kb->place_vietnam, est ? since : 0);
		} else if (hit->val == 1) {
			int32_t a = -1, b = -1;
			for (int k = 0; k < np; k++) {
				if (kb->places[pl[k]].level == PL_COUNTRY || kb->places[pl[k]].level == PL_BLOC)
					continue;
				if (a < 0)
					a = pl[k];
				else if (b < 0 && strcmp(kb->places[pl[k]].cc, kb->places[a].cc))
					b = pl[k];
			}
			int two = 0;
			for (uint32_t i = X->st0[si]; i + 1 < X->st1[si]; i++)
				two |= (tok_fold_is(doc, i, "two") || tok_fold_is(doc, i, "both")) &&
				       (tok_fold_is(doc, i + 1, "cities") || tok_fold_is(doc, i + 1, "localities")) ;
			for (uint32_t i = X->st0[si]; i + 1 < X->st1[si]; i++)
				two |= (tok_is(doc, i, "两") && (tok_is(doc, i + 1, "市") || tok_is(doc, i + 1, "地"))) ||
				       (tok_fold_is(doc, i, "hai") && (tok_fold_is(doc, i + 1, "thanh") || tok_fold_is(doc, i + 1, "dia")));
			if (a < 0 && two) {
				/* "Since becoming sister cities, the two cities ...": the
				 * sides of the story's first event, else its first places of
				 * each country */
				const struct lsn_event *first = NULL;
				for (size_t e = 0; e < doc->nevents && !first; e++)
					if (!doc->events[e].dropped)
						first = &doc->events[e];
				for (int k = 0; first && k < first->nparties; k++) {
					int32_t c = first->parties[k];
					if (kb->places[c].level == PL_COUNTRY || kb->places[c].level == PL_BLOC)
						continue;
					if (a < 0)
						a = c;
					else if (b < 0 && strcmp(kb->places[c].cc, kb->places[a].cc))
						b = c;
				}
				if (b < 0)
					a = -1;
				for (size_t q = 0; q < doc->nhits && a < 0; q++)
					if (doc->hits[q].kind == PK_PLACE && kb->places[doc->hits[q].val].level != PL_COUNTRY &&
					    kb->places[doc->hits[q].val].level != PL_BLOC)
						a = (int32_t)doc->hits[q].val;
			}
			if (a >= 0 && b < 0 && two) {
				/* "the two cities": the other side is the story's main partner */
				for (size_t q = 0; q < doc->nhits && b < 0; q++)
					if (doc->hits[q].kind == PK_PLACE) {
						int32_t c = (int32_t)doc->hits[q].val;
						if (kb->places[c].level != PL_COUNTRY && kb->places[c].level != PL_BLOC &&
						    strcmp(kb->places[c].cc, kb->places[a].cc))
							b = c;
					}
			}
			add_rel(doc, 1, a, b, since);
		}
	}
	/* consulates from consuls general: "Vietnamese Consul General in Nanning" */
	for (size_t h = 0; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind == PK_TITLE && kb->titles[hit->val].role == 10 && hit->a >= 0 && hit->b >= 0)
			add_rel(doc, 3, hit->a, hit->b, 0);
	}
}

/* ---------------------------------------------------------------- main */

enum lsn_status lsn_extract_records(const lsn_tables *kb, lsn_doc *doc)
{
	pthread_once(&stop_once, stop_init);
	struct x X = {.kb = kb, .doc = doc};
	X.zh = !strcmp(doc->lang, "zh");
	enum lsn_status st = LSN_ENOMEM;
	size_t nt = doc->ntoks + 1;
	X.st0 = calloc(doc->nsents + 1, sizeof *X.st0);
	X.st1 = calloc(doc->nsents + 1, sizeof *X.st1);
	X.tok_place = calloc(nt, sizeof *X.tok_place);
	X.tok_kind = calloc(nt, 1);
	X.tok_title = calloc(nt, sizeof *X.tok_title);
	X.tok_actor = calloc(nt, sizeof *X.tok_actor);
	X.hit0 = calloc(nt + 1, sizeof *X.hit0);
	X.future = malloc(doc->nsents + 1);
	if (X.future)
		memset(X.future, -1, doc->nsents + 1);
	free(doc->ment_person);
	doc->ment_person = calloc(nt, sizeof *doc->ment_person);
	if (!X.st0 || !X.st1 || !X.tok_place || !X.tok_kind || !X.tok_title || !X.tok_actor ||
	    !X.hit0 || !X.future || !doc->ment_person)
		goto out;
	{
		size_t h = 0;
		for (uint32_t i = 0; i <= doc->ntoks; i++) {
			while (h < doc->nhits && doc->hits[h].t0 < i)
				h++;
			X.hit0[i] = (uint32_t)h;
		}
		X.hit0[doc->ntoks] = (uint32_t)doc->nhits;
	}
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		uint32_t s = doc->toks[i].sent;
		if (i == 0 || doc->toks[i - 1].sent != s)
			X.st0[s] = i;
		X.st1[s] = i + 1;
	}
	/* a place's name wins over a demonym inside it ("Lào Cai" is not Laos's
	 * "Lào"): demonyms first, places over them */
	for (size_t h = 0; h < doc->nhits; h++)
		if (doc->hits[h].kind == PK_DEMONYM)
			for (uint32_t i = doc->hits[h].t0; i < doc->hits[h].t1; i++)
				X.tok_place[i] = (int32_t)doc->hits[h].val + 1;
	for (size_t h = 0; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		for (uint32_t i = hit->t0; i < hit->t1; i++) {
			if (hit->kind == PK_PLACE)
				X.tok_place[i] = (int32_t)hit->val + 1;
			if (hit->kind < 8)
				X.tok_kind[i] |= (uint8_t)KB(hit->kind);
		}
		if (hit->kind == PK_TITLE)
			X.tok_title[hit->t1 - 1] = (int32_t)h + 1;
		if (hit->kind == PK_ACTOR &&
		    (!X.tok_actor[hit->t0] || doc->hits[X.tok_actor[hit->t0] - 1].t1 < hit->t1))
			X.tok_actor[hit->t0] = (int32_t)h + 1;
	}
	reference_date(&X);
	complete_dates(&X);
	doc->npersons = doc->nevents = doc->nfigures = doc->nrels = 0;
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t si = 0; si < doc->nsents; si++)
			if ((X.zh ? han_persons(&X, si, pass) : 0) || latin_persons(&X, si, pass))
				goto out;
	finish_persons(&X);
	tenure_year(&X);
	this_city(&X);
	this_province_vi(&X);
	if (getenv("LIAISON_DEBUG_DATES")) /* a developer's view of the dates */
		for (size_t k = 0; k < doc->ndates; k++) {
			char d[11];
			lsn_date_str(doc->dates[k].dt, d);
			fprintf(stderr, "date [%s] %d-%d-%d/%d sent=%u rel=%d open=%d ref=%d-%d\n", d, doc->dates[k].dt.y, doc->dates[k].dt.m, doc->dates[k].dt.d, doc->dates[k].dt.prec, doc->toks[doc->dates[k].t0].sent,
				doc->dates[k].relative, doc->dates[k].open, doc->ref.y, doc->ref.m);
		}
	if (events(&X) || figures(&X))
		goto out;
	relations(&X);
	for (size_t k = 0; k < doc->npersons; k++) {
		struct lsn_person *p = &doc->persons[k];
		if ((p->nment >= 2 || p->subject || p->apposed) && !p->historical)
			p->include = 1;
	}
	doc->fields = 0;
	for (size_t h = 0; h < doc->nhits; h++)
		if (doc->hits[h].kind == PK_FIELD)
			doc->fields |= 1u << doc->hits[h].val;
	st = LSN_OK;
out:
	free(X.st0);
	free(X.st1);
	free(X.tok_place);
	free(X.tok_kind);
	free(X.tok_title);
	free(X.tok_actor);
	free(X.hit0);
	free(X.future);
	return st;
}
