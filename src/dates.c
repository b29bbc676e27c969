/*
 * dates.c — the date module: every place a date form is read and validated.
 *
 * Three kinds of callers read dates, each accepting its own subset of the forms, chosen
 * here by flags or by entry point rather than by a recogniser of their own:
 *
 *   - the readers (src/read/), before any document exists: a metadata value
 *     (lsn_date_meta), a URL path (lsn_date_url), the first date of a line of text
 *     (lsn_date_text);
 *   - clean.c, on a page's header lines: the first full numeric date of a line
 *     (lsn_date_scan with LSN_DATE_HEADER);
 *   - annotate.c, on the tokens of a document: absolute, partial (no year, no day) and
 *     relative dates (weekdays, "yesterday") and ranges, as struct lsn_datehit
 *     (lsn_dates_find); year-less and relative ones are completed against the reference
 *     date in extract.c.
 *
 * Also the date arithmetic (days since the epoch, weekdays) and the written forms
 * ("YYYY-MM-DD", "--MM-DD").
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lsn_int.h"

/* ---- arithmetic and written forms ---- */

long lsn_days(int y, int m, int d)
{
	/* days from civil (Howard Hinnant's algorithm) */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void lsn_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int lsn_weekday(int y, int m, int d)
{
	long z = lsn_days(y, m, d);
	/* 1970-01-01 was a Thursday (4) */
	long w = (z % 7 + 7 + 3) % 7; /* 0 = Monday */
	return (int)w + 1;
}

/* "--11-14", "--11": the month (and day) of a date whose year is not
 * known; "" when there is none or the year is known. */
void lsn_date_partial_str(struct lsn_date d, char out[8])
{
	out[0] = 0;
	if (d.prec || d.m < 1 || d.m > 12)
		return;
	unsigned m = (unsigned)d.m, day = d.d >= 1 && d.d <= 31 ? (unsigned)d.d : 0;
	if (day)
		snprintf(out, 8, "--%02u-%02u", m % 100u, day % 100u);
	else
		snprintf(out, 8, "--%02u", m % 100u);
}

void lsn_date_str(struct lsn_date dt, char out[11])
{
	/* unsigned, so the compiler sees that the text fits 11 bytes (-Werror) */
	unsigned y = 0, m = 0, d = 0;
	if (dt.y >= 0 && dt.m >= 0 && dt.d >= 0) {
		y = (unsigned)dt.y % 10000u;
		m = (unsigned)dt.m % 100u;
		d = (unsigned)dt.d % 100u;
	}
	if (dt.prec == DP_YEAR)
		snprintf(out, 11, "%04u", y);
	else if (dt.prec == DP_MONTH)
		snprintf(out, 11, "%04u-%02u", y, m);
	else if (dt.prec == DP_DAY)
		snprintf(out, 11, "%04u-%02u-%02u", y, m, d);
	else
		out[0] = 0;
}

int lsn_date_valid(int y, int m, int d, unsigned flags)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31))
		return 0;
	if (!(flags & LSN_DATE_CALENDAR))
		return 1;
	return d <= mdays[m - 1] && !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

/* ---- dates in characters: metadata, URLs, header lines ---- */

/* "YYYY-MM-DD" into out when the date exists; 0 and out untouched otherwise. */
static int put_ymd(int y, int m, int d, char out[11])
{
	if (!lsn_date_valid(y, m, d, LSN_DATE_CALENDAR))
		return 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = 0;
	return 1;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Reads 1..maxd digits at s[*i]; -1 when none.  *nd: how many were read. */
static int digits(const char *s, size_t n, size_t *i, int maxd, int *nd)
{
	int v = 0, k = 0;
	while (*i < n && k < maxd && is_digit(s[*i])) {
		v = v * 10 + (s[*i] - '0');
		(*i)++, k++;
	}
	if (nd)
		*nd = k;
	return k ? v : -1;
}

/* An English month name or its abbreviation at s ("May", "Sept.", "december"): its number,
 * and its length (with a full stop) in *len; 0 when none.  The readers meet these in HTTP
 * and feed dates (RFC 822), which are English whatever the page's language, and run before
 * the knowledge tables are at hand. */
static int month_of(const char *s, size_t n, size_t *len)
{
	static const char *const names[] = {"january", "february", "march", "april", "may", "june",
					    "july", "august", "september", "october", "november", "december"};
	if (n < 3)
		return 0;
	switch (s[0] | 32) { /* the first letters of the months: most words begin none */
	case 'j': case 'f': case 'm': case 'a': case 's': case 'o': case 'n': case 'd':
		break;
	default:
		return 0;
	}
	for (int m = 0; m < 12; m++)
		if (!strncasecmp(s, names[m], 3)) {
			size_t k = 3;
			while (k < n && isalpha((unsigned char)s[k]))
				k++;
			/* the name or a shortening of it ("Sept"), not another word ("Mayor") */
			if (k > strlen(names[m]) || strncasecmp(s, names[m], k))
				return 0;
			if (k < n && s[k] == '.')
				k++;
			*len = k;
			return m + 1;
		}
	return 0;
}

/*
 * The characters of the Chinese numeric date form YYYY年M月D日 (GB/T 7408's written
 * form).  They are its syntax, as '-' is ISO 8601's, and the readers that meet it in page
 * metadata run before and without the knowledge tables, so they are written here; the
 * document stages read the same characters as words from data/lexicon.tsv (date_unit).
 */
static const char han_year[] = "年", han_month[] = "月", han_day[] = "日";

static int at_str(const char *s, size_t n, size_t j, const char *w)
{
	size_t l = strlen(w);
	return n - j >= l && !memcmp(s + j, w, l);
}

/* "May 16, 2024", "May 16th 2024" at s[i]. */
static int named_month_first(const char *s, size_t n, size_t i, unsigned flags, struct lsn_date *dt,
			     size_t *end)
{
	size_t ml = 0, j;
	int nd = 0;
	int m = month_of(s + i, n - i, &ml);
	if (!m)
		return 0;
	j = i + ml;
	while (j < n && s[j] == ' ')
		j++;
	int d = digits(s, n, &j, 2, &nd);
	if (d < 0)
		return 0;
	if (j + 1 < n && (!strncasecmp(s + j, "st", 2) || !strncasecmp(s + j, "nd", 2) ||
			  !strncasecmp(s + j, "rd", 2) || !strncasecmp(s + j, "th", 2)))
		j += 2;
	if (j < n && s[j] == ',')
		j++;
	while (j < n && s[j] == ' ')
		j++;
	int y = digits(s, n, &j, 4, &nd);
	if (nd != 4 || !lsn_date_valid(y, m, d, flags))
		return 0;
	*dt = (struct lsn_date){(int16_t)y, (int8_t)m, (int8_t)d, DP_DAY};
	*end = j;
	return 1;
}

/* YYYY年M月D日 with the year (alen digits) read up to s[j]. */
static int han_form(const char *s, size_t n, size_t j, int y, unsigned flags, struct lsn_date *dt,
		    size_t *end)
{
	int loose = (flags & LSN_DATE_HAN_LOOSE) != 0, nd;
	j += strlen(han_year);
	while (loose && j < n && s[j] == ' ')
		j++;
	int m = digits(s, n, &j, 2, &nd);
	while (loose && j < n && s[j] == ' ')
		j++;
	if (m < 0 || !at_str(s, n, j, han_month))
		return 0;
	j += strlen(han_month);
	while (loose && j < n && s[j] == ' ')
		j++;
	int d = digits(s, n, &j, 2, &nd);
	if (d < 0)
		return 0;
	size_t k = j;
	while (loose && k < n && s[k] == ' ')
		k++;
	if (at_str(s, n, k, han_day))
		j = k + strlen(han_day);
	else if (!loose)
		return 0;
	if (!lsn_date_valid(y, m, d, flags))
		return 0;
	*dt = (struct lsn_date){(int16_t)y, (int8_t)m, (int8_t)d, DP_DAY};
	*end = j;
	return 1;
}

/* One date starting exactly at s[i] (a digit, or a letter with LSN_DATE_NAMES). */
static int date_at(const char *s, size_t n, size_t i, unsigned flags, struct lsn_date *dt, size_t *end)
{
	size_t j = i;
	int nd = 0;
	if (!is_digit(s[i]))
		return (flags & LSN_DATE_NAMES) && named_month_first(s, n, i, flags, dt, end);
	int a = digits(s, n, &j, 4, &nd);
	int alen = nd;
	if (j >= n || is_digit(s[j]))
		return 0;
	size_t k = j;
	while ((flags & LSN_DATE_HAN_LOOSE) && k < n && s[k] == ' ')
		k++;
	if (alen == 4 && at_str(s, n, k, han_year))
		return han_form(s, n, k, a, flags, dt, end); /* 2019年5月31日, 2019 年 05 月 31 日 */
	char sep = s[j];
	int y, m, d;
	if (sep == '-' || sep == '/' || sep == '.') {
		/* 2024-05-16, 2024/5/16, 16/05/2024, 16.05.2024 */
		if (alen == 3)
			return 0;
		j++;
		int b = digits(s, n, &j, 2, &nd);
		if (b < 0 || j >= n || s[j] != sep)
			return 0;
		j++;
		/* the last part: a day of at most two digits after a year, for a calendar */
		int c = digits(s, n, &j, alen == 4 && (flags & LSN_DATE_CALENDAR) ? 2 : 4, &nd);
		if (c < 0 || (j < n && is_digit(s[j])))
			return 0;
		if (alen == 4) {
			y = a, m = b, d = c;
		} else if (nd != 4) {
			return 0;
		} else if ((flags & LSN_DATE_MONTH_FIRST) && a <= 12 && b > 12) {
			y = c, m = a, d = b; /* 05/16/2024: day first cannot be */
		} else {
			y = c, m = b, d = a; /* day/month/year */
		}
	} else if (sep == ' ' && alen <= 2 && (flags & LSN_DATE_NAMES)) { /* 16 May 2024 */
		j++;
		size_t ml = 0;
		if (!(m = month_of(s + j, n - j, &ml)))
			return 0;
		j += ml;
		if (j < n && s[j] == ',')
			j++;
		while (j < n && s[j] == ' ')
			j++;
		y = digits(s, n, &j, 4, &nd);
		if (nd != 4)
			return 0;
		d = a;
	} else {
		return 0;
	}
	if (!lsn_date_valid(y, m, d, flags))
		return 0;
	*dt = (struct lsn_date){(int16_t)y, (int8_t)m, (int8_t)d, DP_DAY};
	*end = j;
	return 1;
}

int lsn_date_scan(const char *s, size_t n, unsigned flags, struct lsn_date *dt, size_t *ds, size_t *de)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int start = is_digit((char)c) ? !(i && is_digit(s[i - 1]))
					      : isalpha(c) && !(i && isalpha((unsigned char)s[i - 1]));
		size_t end;
		if (start && date_at(s, n, i, flags, dt, &end)) {
			if (ds)
				*ds = i;
			if (de)
				*de = end;
			return 1;
		}
	}
	return 0;
}

int lsn_date_text(const char *s, size_t n, char out[11])
{
	struct lsn_date dt;
	out[0] = 0;
	return lsn_date_scan(s, n, LSN_DATE_READER, &dt, NULL, NULL) && put_ymd(dt.y, dt.m, dt.d, out);
}

int lsn_date_meta(const char *s, size_t n, char out[11])
{
	out[0] = 0;
	while (n && isspace((unsigned char)*s))
		s++, n--;
	if (n >= 10 && is_digit(s[0]) && is_digit(s[3]) && s[4] == '-') { /* RFC 3339 */
		size_t j = 0;
		int nd;
		int y = digits(s, n, &j, 4, &nd);
		j++;
		int m = digits(s, n, &j, 2, &nd);
		if (j < n && s[j] == '-') {
			j++;
			int d = digits(s, n, &j, 2, &nd);
			if (put_ymd(y, m, d, out))
				return 1;
		}
	}
	if (n >= 8 && is_digit(s[0])) { /* 20240516 */
		size_t j = 0;
		int nd;
		int v = digits(s, n, &j, 8, &nd);
		if (nd == 8 && (j == n || !is_digit(s[j])) && put_ymd(v / 10000, v / 100 % 100, v % 100, out))
			return 1;
	}
	/* RFC 822: an optional "Thu, " then "16 May 2024" */
	return lsn_date_text(s, n, out);
}

int lsn_date_url(const char *url, size_t n, char out[11])
{
	out[0] = 0;
	size_t i = 0;
	const char *p = memchr(url, ':', n < 16 ? n : 16);
	if (p && (size_t)(p - url) + 2 < n && p[1] == '/' && p[2] == '/') { /* skip the host */
		i = (size_t)(p - url) + 3;
		while (i < n && url[i] != '/')
			i++;
	}
	for (; i < n; i++) {
		if (!is_digit(url[i]) || (i && is_digit(url[i - 1])) || (i && isalpha((unsigned char)url[i - 1])))
			continue;
		size_t j = i;
		int nd;
		int v = digits(url, n, &j, 8, &nd);
		if (j < n && is_digit(url[j]))
			continue;
		if (nd == 8 && put_ymd(v / 10000, v / 100 % 100, v % 100, out))
			return 1;
		if (nd == 4 && j < n && (url[j] == '/' || url[j] == '-' || url[j] == '_')) {
			size_t k = j + 1;
			int m = digits(url, n, &k, 2, &nd);
			if (m < 0 || k >= n || (url[k] != '/' && url[k] != '-' && url[k] != '_'))
				continue;
			k++;
			int d = digits(url, n, &k, 2, &nd);
			if (d < 0 || (k < n && is_digit(url[k])))
				continue;
			if (put_ymd(v, m, d, out))
				return 1;
		}
		if (nd <= 2 && j < n && (url[j] == '-' || url[j] == '.' || url[j] == '_')) {
			/* a slug that ends in the day: /meldungen/29-10-2021 */
			char sep = url[j];
			size_t k = j + 1;
			int m = digits(url, n, &k, 2, &nd);
			if (m < 0 || k >= n || url[k] != sep)
				continue;
			k++;
			int y = digits(url, n, &k, 4, &nd);
			if (nd != 4 || (k < n && isalnum((unsigned char)url[k])))
				continue;
			if (put_ymd(y, m, v, out))
				return 1;
		}
	}
	out[0] = 0;
	return 0;
}

/* ---- dates in a document's tokens (annotate.c) ---- */

static int add_date(lsn_doc *doc, uint32_t t0, uint32_t t1, int y, int m, int d, uint8_t prec, uint8_t rel)
{
	/* a day the month does not have ("June 31", "2月30日"): the month is what the
	 * text tells for certain (without a year, 29 February may be a leap year's) */
	if (prec == DP_DAY && !rel && m >= 1 && m <= 12 &&
	    !lsn_date_valid(y ? y : 2000, m, d, LSN_DATE_CALENDAR))
		d = 0, prec = DP_MONTH;
	if (lsn_grow(&doc->dates, &doc->capdates, doc->ndates + 1, sizeof *doc->dates))
		return -1;
	struct lsn_datehit *dh = &doc->dates[doc->ndates++];
	dh->t0 = t0, dh->t1 = t1;
	dh->dt.y = (int16_t)y, dh->dt.m = (int8_t)m, dh->dt.d = (int8_t)d, dh->dt.prec = prec;
	dh->relative = rel;
	dh->range = 0;
	dh->open = 0;
	dh->ysrc = y ? DW_STATED : DW_NONE;
	dh->ywhy = DN_NONE;
	dh->yhit = -1;
	return 0;
}

/* What the recognisers of dates in tokens read with. */
struct dctx {
	const lsn_tables *kb;
	lsn_doc *doc;
	int month_first; /* numeric dates may put the month first (lang_trait month_first_dates) */
};

enum { DU_YEAR = 1, DU_MONTH, DU_DAY, DU_MONTH_DAY }; /* date_unit values */

/* Is token i the Han character (lexicon: date_unit, as written) of the date's part `unit`
 * or `or_unit` (DU_MONTH_DAY: 号, a day only after a month; 0: none)? */
static int han_unit(const struct dctx *x, uint32_t i, int unit, int or_unit)
{
	const lsn_doc *doc = x->doc;
	if (i >= doc->ntoks || doc->toks[i].kind != TK_HAN)
		return 0;
	const struct lsn_lexeme *e = lsn_tok_lex_exact(x->kb, LX_DATE_UNIT, doc, i, LANG_ZH);
	return e && (e->value == unit || e->value == or_unit);
}

/* Is token i the Vietnamese word of a date's month or year, folded ("thang", "Tháng")? */
static int vi_unit(const struct dctx *x, uint32_t i, int unit)
{
	const struct lsn_lexeme *e = lsn_tok_lex(x->kb, LX_DATE_UNIT, x->doc, i, LANG_VI);
	return e && e->value == unit;
}

/* Is token i the Vietnamese month word as written, lowercase with its marks ("tháng")? */
static int vi_month_as_written(const struct dctx *x, uint32_t i)
{
	const struct lsn_lexeme *e = lsn_tok_lex_exact(x->kb, LX_DATE_UNIT, x->doc, i, LANG_VI);
	return e && e->value == DU_MONTH;
}

/* Is token i a word joining two days inside one date (8月26—30日; range_connector 1)? */
static int day_range_connector(const struct dctx *x, uint32_t i)
{
	const struct lsn_lexeme *e = lsn_tok_lex_exact(x->kb, LX_RANGE_CONNECTOR, x->doc, i, LANG_ALL);
	return e && e->value == 1;
}

/* Is token i a bracket (lexicon: bracket, as written): 1 opening, 2 closing? */
static int bracket_is(const struct dctx *x, uint32_t i, int which)
{
	const struct lsn_lexeme *e = lsn_tok_lex_exact(x->kb, LX_BRACKET, x->doc, i, LANG_ALL);
	return e && e->value == which;
}

/* A month name (hit) with the day and year around it: "October 9", "Oct. 9, 2020",
 * "October 9-10", "9 October 2020", "20-22 November", "October 2020".  -1 out of memory. */
static int month_name_date(lsn_doc *doc, const struct lsn_hit *hit)
{
	uint32_t i = hit->t0, e = hit->t1;
	int m = (int)hit->val, d = -1, y = 0, rng = 0;
	uint32_t t0 = i, t1 = e;
	/* "October 9", "Oct. 9, 2020", "October 9-10" */
	uint32_t j = e;
	if (j < doc->ntoks && lsn_tok_is(doc, j, "."))
		j++;
	if (j < doc->ntoks && doc->toks[j].sent == doc->toks[i].sent &&
	    (d = lsn_tok_int(doc, j, 2)) >= 1 && d <= 31) {
		t1 = j + 1;
		if (t1 + 1 < doc->ntoks && (lsn_tok_is(doc, t1, "-") || lsn_tok_is(doc, t1, "–")) &&
		    lsn_tok_int(doc, t1 + 1, 2) > 0)
			t1 += 2, rng = 1; /* a range: keep its first day */
		if (t1 + 1 < doc->ntoks && lsn_tok_is(doc, t1, ",") &&
		    (y = lsn_tok_int(doc, t1 + 1, 4)) >= 1900)
			t1 += 2;
		else if (t1 < doc->ntoks && (y = lsn_tok_int(doc, t1, 4)) >= 1900)
			t1 += 1;
		else
			y = 0;
	} else {
		d = -1;
		/* "9 October 2020", "9 October", "20-22 November" */
		if (i > 0 && (d = lsn_tok_int(doc, i - 1, 2)) >= 1 && d <= 31 &&
		    doc->toks[i - 1].sent == doc->toks[i].sent) {
			t0 = i - 1;
			int d0;
			if (i > 2 && (lsn_tok_is(doc, i - 2, "-") || lsn_tok_is(doc, i - 2, "–")) &&
			    (d0 = lsn_tok_int(doc, i - 3, 2)) >= 1 && d0 < d &&
			    doc->toks[i - 3].sent == doc->toks[i].sent)
				t0 = i - 3, d = d0, rng = 1;
		} else {
			d = -1;
		}
		/* "October 2020", "(May 2020 – May 2025)" */
		if (j < doc->ntoks && (y = lsn_tok_int(doc, j, 4)) >= 1900 && y <= 2100)
			t1 = j + 1;
		else
			y = 0;
	}
	if (add_date(doc, t0, t1, y, m, d > 0 ? d : 0, d > 0 ? DP_DAY : DP_MONTH, 0))
		return -1;
	doc->dates[doc->ndates - 1].range = (uint8_t)(rng && d > 0);
	return 0;
}

/*
 * Vietnamese "thứ Hai" .. "thứ 7" are also ordinals ("lần thứ 4", "khóa
 * thứ Năm"): a weekday only after a word of time ("vào", "ngày", "sáng";
 * lexicon: weekday_cue -1), at the start of a sentence or clause, or before
 * "tuần" (weekday_cue 1: "thứ Năm tuần trước") or a date ("thứ Năm 14/9").
 */
static int vi_weekday(const struct dctx *x, uint32_t t0, uint32_t t1)
{
	const lsn_doc *doc = x->doc;
	const struct lsn_lexeme *cue;
	const struct lsn_tok *t = &doc->toks[t0];
	if (t0 == 0 || doc->toks[t0 - 1].sent != t->sent)
		return 1;
	const struct lsn_tok *p = &doc->toks[t0 - 1];
	if (p->kind == TK_PUNCT && !lsn_tok_is(doc, t0 - 1, "-"))
		return 1;
	if ((cue = lsn_tok_lex(x->kb, LX_WEEKDAY_CUE, doc, t0 - 1, LANG_ALL)) && cue->value < 0)
		return 1;
	if (t1 < doc->ntoks && doc->toks[t1].sent == t->sent) {
		if ((cue = lsn_tok_lex(x->kb, LX_WEEKDAY_CUE, doc, t1, LANG_ALL)) && cue->value > 0)
			return 1;
		if (doc->toks[t1].kind == TK_NUM && t1 + 1 < doc->ntoks && lsn_tok_is(doc, t1 + 1, "/"))
			return 1;
	}
	return 0;
}

/* Dates told by a month name, a weekday or a relative day ("yesterday") that the phrase
 * pass found.  Weekdays are kept as relative hits with the weekday in `d`, relative days
 * with their offset from the reference in `d` (relative 2); extract.c resolves them. */
static enum lsn_status dates_of_hits(const struct dctx *x)
{
	lsn_doc *doc = x->doc;
	int ordinal_weekdays = lsn_lang_trait(x->kb, doc->lang, "ordinal_weekdays");
	for (size_t h = 0; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind == PK_MONTH) {
			if (month_name_date(doc, hit))
				return LSN_ENOMEM;
		} else if (hit->kind == PK_WEEKDAY) {
			if (ordinal_weekdays && !vi_weekday(x, hit->t0, hit->t1))
				continue; /* "lần thứ 4": the fourth, not Wednesday */
			if (add_date(doc, hit->t0, hit->t1, 0, 0, (int)hit->val, DP_DAY, 1))
				return LSN_ENOMEM;
		} else if (hit->kind == PK_RELDAY) {
			if (add_date(doc, hit->t0, hit->t1, 0, 0, (int)hit->val, DP_DAY, 2))
				return LSN_ENOMEM;
		}
	}
	return LSN_OK;
}

/*
 * The numeric forms.  Each is tried at a number token i of value a (at most 4 digits);
 * it returns 1 when it read a date there (and moves *ip to the date's last token), 0 when
 * not, -1 out of memory.  In a language whose numeric dates may put the month first
 * (English: x->month_first), day/month forms with slashes and Vietnamese month words are
 * not read.
 */

/* 2023年11月5日, 2023年11月, 2023年 */
static int form_han_year(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (!(han_unit(x, i + 1, DU_YEAR, 0) && a >= 1900 && a <= 2100))
		return 0;
	int m;
	if (i + 3 < doc->ntoks && (m = lsn_tok_int(doc, i + 2, 2)) >= 1 && m <= 12 &&
	    han_unit(x, i + 3, DU_MONTH, 0)) {
		int d;
		if (i + 5 < doc->ntoks && (d = lsn_tok_int(doc, i + 4, 2)) >= 1 && d <= 31 &&
		    han_unit(x, i + 5, DU_DAY, DU_MONTH_DAY)) {
			if (add_date(doc, i, i + 6, a, m, d, DP_DAY, 0))
				return -1;
			i += 5;
		} else {
			if (add_date(doc, i, i + 4, a, m, 0, DP_MONTH, 0))
				return -1;
			i += 3;
		}
	} else {
		if (add_date(doc, i, i + 2, a, 0, 0, DP_YEAR, 0))
			return -1;
		i += 1;
	}
	*ip = i;
	return 1;
}

/* 11月5日, 8月26—30日 (a range, dated by its first day), 11月 */
static int form_han_month(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (!(han_unit(x, i + 1, DU_MONTH, 0) && a >= 1 && a <= 12))
		return 0;
	int d;
	if (i + 3 < doc->ntoks && (d = lsn_tok_int(doc, i + 2, 2)) >= 1 && d <= 31 &&
	    han_unit(x, i + 3, DU_DAY, DU_MONTH_DAY)) {
		if (add_date(doc, i, i + 4, 0, a, d, DP_DAY, 0))
			return -1;
		i += 3;
	} else if (i + 5 < doc->ntoks && (d = lsn_tok_int(doc, i + 2, 2)) >= 1 && d <= 31 &&
		   day_range_connector(x, i + 3) && lsn_tok_int(doc, i + 4, 2) > 0 &&
		   han_unit(x, i + 5, DU_DAY, 0)) {
		if (add_date(doc, i, i + 6, 0, a, d, DP_DAY, 0))
			return -1;
		doc->dates[doc->ndates - 1].range = 1;
		i += 5;
	} else if (add_date(doc, i, i + 2, 0, a, 0, DP_MONTH, 0)) {
		return -1;
	}
	*ip = i;
	return 1;
}

/* "14 tháng 9 (năm 2023)" */
static int form_vi_day_month(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (x->month_first || i + 2 >= doc->ntoks || !vi_unit(x, i + 1, DU_MONTH))
		return 0;
	int m = lsn_tok_int(doc, i + 2, 2);
	if (!(a >= 1 && a <= 31 && m >= 1 && m <= 12))
		return 0;
	int y = 0;
	uint32_t e = i + 3;
	if (e + 1 < doc->ntoks && vi_unit(x, e, DU_YEAR) && (y = lsn_tok_int(doc, e + 1, 4)) >= 1900)
		e += 2;
	else
		y = 0;
	if (add_date(doc, i, e, y, m, a, DP_DAY, 0))
		return -1;
	*ip = e - 1;
	return 1;
}

/* The month a (token *ip, after "tháng") of the year two tokens on ("tháng 9 năm 2023",
 * "tháng 11/2023"): a form's answer, 0 when that is no year. */
static int vi_month_of_year(const struct dctx *x, uint32_t *ip, int a)
{
	uint32_t i = *ip;
	int y = lsn_tok_int(x->doc, i + 2, 4);
	if (!(y >= 1900 && y <= 2100))
		return 0;
	if (add_date(x->doc, i - 1, i + 3, y, a, 0, DP_MONTH, 0))
		return -1;
	*ip = i + 2;
	return 1;
}

/* "tháng 9 năm 2023" */
static int form_vi_month_year(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (!(!x->month_first && a >= 1 && a <= 12 && i > 0 && vi_unit(x, i - 1, DU_MONTH) &&
	      i + 2 < doc->ntoks && vi_unit(x, i + 1, DU_YEAR)))
		return 0;
	return vi_month_of_year(x, ip, a);
}

/* "昨(18)日", "今（4）日": a day of the story's month */
static int form_paren_day(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (!(a >= 1 && a <= 31 && i > 0 && i + 2 < doc->ntoks && bracket_is(x, i - 1, 1) &&
	      bracket_is(x, i + 1, 2) && han_unit(x, i + 2, DU_DAY, 0)))
		return 0;
	uint32_t t0 = i >= 2 && doc->toks[i - 2].kind == TK_HAN ? i - 2 : i - 1;
	if (add_date(doc, t0, i + 3, 0, 0, a, DP_DAY, 0))
		return -1;
	*ip = i + 2;
	return 1;
}

/* "今日(4日)": a day of the story's month */
static int form_han_day(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (!(a >= 1 && a <= 31 && han_unit(x, i + 1, DU_DAY, 0) &&
	      !(i > 0 && han_unit(x, i - 1, DU_MONTH, 0))))
		return 0;
	if (add_date(doc, i, i + 2, 0, 0, a, DP_DAY, 0))
		return -1;
	*ip = i + 1;
	return 1;
}

/* 2024-05-16 */
static int form_iso(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (!(a >= 1900 && a <= 2100 && i + 4 < doc->ntoks && lsn_tok_is(doc, i + 1, "-") &&
	      lsn_tok_is(doc, i + 3, "-")))
		return 0;
	int m = lsn_tok_int(doc, i + 2, 2), d = lsn_tok_int(doc, i + 4, 2);
	if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31))
		return 0;
	if (add_date(doc, i, i + 5, a, m, d, DP_DAY, 0))
		return -1;
	*ip = i + 4;
	return 1;
}

/* day/month(/year) with slashes: Vietnamese and Chinese-site headers */
static int form_slash_day(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (!(!x->month_first && a >= 1 && a <= 31 && i + 2 < doc->ntoks && lsn_tok_is(doc, i + 1, "/")))
		return 0;
	int m = lsn_tok_int(doc, i + 2, 2);
	if (!(m >= 1 && m <= 12))
		return 0;
	int y = 0;
	uint32_t e = i + 3;
	if (i + 4 < doc->ntoks && lsn_tok_is(doc, i + 3, "/") &&
	    (y = lsn_tok_int(doc, i + 4, 4)) >= 1900)
		e = i + 5;
	else
		y = 0;
	if (add_date(doc, i, e, y, m, a, DP_DAY, 0))
		return -1;
	*ip = e - 1;
	return 1;
}

/* "Chiều 14-5", "Ngày 29-9-2023", "từ ngày 25 đến 29-9" (the first day of that range, and
 * its last, which dates nothing): a day and month joined by a hyphen, read only after a
 * word of time (lexicon weekday_cue -1: ngày, sáng, chiều) or a range connector, or with
 * its year, since "2-1" is also a score or a count. */
static int form_dash_day(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (x->month_first || !(a >= 1 && a <= 31) || i + 2 >= doc->ntoks || !lsn_tok_is(doc, i + 1, "-") ||
	    doc->toks[i].end - doc->toks[i].start > 2)
		return 0;
	int m = lsn_tok_int(doc, i + 2, 2), y = 0, d0 = 0;
	if (!(m >= 1 && m <= 31) || doc->toks[i + 2].end - doc->toks[i + 2].start > 2)
		return 0;
	uint32_t e = i + 3;
	int m2;
	if (e + 1 < doc->ntoks && lsn_tok_is(doc, e, "/") && (m2 = lsn_tok_int(doc, e + 1, 2)) >= 1 &&
	    m2 <= 12 && m >= 1 && m <= 31 && a < m) {
		/* "Từ ngày 4 - 10/8", "16-19/9": days a to m of month m2 */
		if (add_date(doc, i, i + 1, 0, m2, a, DP_DAY, 0))
			return -1;
		doc->dates[doc->ndates - 1].range = 1;
		*ip = i + 1; /* 10/8 is read next, as the range's last day */
		return 1;
	}
	if (m > 12)
		return 0;
	if (e + 1 < doc->ntoks && (lsn_tok_is(doc, e, "-") || lsn_tok_is(doc, e, "/")) &&
	    (y = lsn_tok_int(doc, e + 1, 4)) >= 1900 && y <= 2100)
		e += 2;
	else
		y = 0;
	const struct lsn_lexeme *cue = i > 0 ? lsn_tok_lex(x->kb, LX_WEEKDAY_CUE, doc, i - 1, LANG_ALL) : NULL;
	int after_connector = i > 1 && doc->toks[i - 1].kind == TK_WORD &&
			      lsn_tok_lex(x->kb, LX_RANGE_CONNECTOR, doc, i - 1, LANG_ALL) &&
			      (d0 = lsn_tok_int(doc, i - 2, 2)) >= 1 && d0 < a;
	if (!y && !(cue && cue->value < 0) && !after_connector)
		return 0;
	if (after_connector) {
		if (add_date(doc, i - 2, i - 1, y, m, d0, DP_DAY, 0))
			return -1;
		doc->dates[doc->ndates - 1].range = 1;
	}
	if (add_date(doc, i, e, y, m, a, DP_DAY, 0))
		return -1;
	if (after_connector)
		doc->dates[doc->ndates - 1].range = 2;
	*ip = e - 1;
	return 1;
}

/* "từ tháng 1 đến tháng 11/2023": a month without its year opening a span of months */
static int form_vi_month_to(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (!(!x->month_first && a >= 1 && a <= 12 && i > 0 && i + 2 < doc->ntoks &&
	      vi_month_as_written(x, i - 1) && doc->toks[i + 1].kind == TK_WORD &&
	      lsn_tok_lex(x->kb, LX_RANGE_CONNECTOR, doc, i + 1, LANG_ALL) && vi_unit(x, i + 2, DU_MONTH)))
		return 0;
	if (add_date(doc, i - 1, i + 1, 0, a, 0, DP_MONTH, 0))
		return -1;
	return 1;
}

/* tháng 11/2023, tháng 4-2023 */
static int form_vi_month_slash(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	if (!(!x->month_first && a >= 1 && a <= 12 && i + 2 < doc->ntoks &&
	      (lsn_tok_is(doc, i + 1, "/") || lsn_tok_is(doc, i + 1, "-")) && i > 0 &&
	      vi_month_as_written(x, i - 1)))
		return 0;
	return vi_month_of_year(x, ip, a);
}

/* Is the number at token i an amount: a scale or currency word ("2095万美元", "2060 tỷ
 * USD", "2,000 million") or a percent after it? */
static int amount_after(const lsn_doc *doc, uint32_t i)
{
	if (i + 1 < doc->ntoks && (lsn_tok_is(doc, i + 1, "%") || lsn_tok_is(doc, i + 1, ".") ||
				   lsn_tok_is(doc, i + 1, ",")) && i + 2 < doc->ntoks &&
	    doc->toks[i + 2].kind == TK_NUM && doc->toks[i + 1].start == doc->toks[i].end)
		return 1; /* 2,060 or 2060.5: a number, not a year */
	size_t lo = 0, hi = doc->nhits; /* the hits are in text order: the first at i + 1 */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->hits[mid].t0 < i + 1)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t h = lo; h < doc->nhits && doc->hits[h].t0 == i + 1; h++)
		if (doc->hits[h].kind == PK_SCALE || doc->hits[h].kind == PK_CURRENCY)
			return 1;
	return i + 1 < doc->ntoks && lsn_tok_is(doc, i + 1, "%");
}

/* a bare year: "in 2021", "(2016)", unless inside a date already read or an amount */
static int form_bare_year(const struct dctx *x, uint32_t *ip, int a)
{
	lsn_doc *doc = x->doc;
	uint32_t i = *ip;
	const struct lsn_tok *t = &doc->toks[i];
	if (!(a >= 1950 && a <= 2100 && t->end - t->start == 4) || amount_after(doc, i))
		return 0;
	int inside = 0;
	/* dates are added in text order and span a few tokens: look back only
	 * over those that could still reach i */
	for (size_t k = doc->ndates; k > 0 && doc->dates[k - 1].t0 + 64 > i; k--)
		if (doc->dates[k - 1].t0 <= i && i < doc->dates[k - 1].t1)
			inside = 1;
	if (!inside && add_date(doc, i, i + 1, a, 0, 0, DP_YEAR, 0))
		return -1;
	return 0;
}

/* "24.12.2015", "5.3.2024", "2019.05.06": day, month and year with full stops (or year,
 * month, day), one number token (the tokenizer keeps a decimal's digits together).  Only
 * with all three parts and a year of four digits at one end: "24.12" and "1.5" are
 * decimals, "1.234.567" a count; a day and month alone only after a word of time
 * ("Ngày 2.8", where "2.8" is no decimal).  In a language whose numeric dates may put the month
 * first, "6.17.2023" is month first and "17.6.2023" day first; "5.3.2024" is not read. */
static int dotted_date(const struct dctx *x, uint32_t i)
{
	lsn_doc *doc = x->doc;
	const struct lsn_tok *t = &doc->toks[i];
	int part[3] = {0, 0, 0}, len[3] = {0, 0, 0}, np = 0;
	for (uint32_t k = t->start; k < t->end; k++) {
		char ch = doc->text[k];
		if (ch == '.' && np < 2 && len[np])
			np++;
		else if (ch >= '0' && ch <= '9' && len[np] < 4)
			part[np] = part[np] * 10 + (ch - '0'), len[np]++;
		else
			return 0;
	}
	if (np == 1 && len[0] <= 2 && len[1] <= 2 && !x->month_first && i > 0 && !amount_after(doc, i)) {
		/* "Ngày 2.8", "chiều 14.5": a day and month after a word of time (lexicon
		 * weekday_cue -1), as with a hyphen; elsewhere "2.8" is a decimal */
		const struct lsn_lexeme *cue = lsn_tok_lex(x->kb, LX_WEEKDAY_CUE, doc, i - 1, LANG_ALL);
		if (!cue || cue->value >= 0 || !lsn_date_valid(2000, part[1], part[0], LSN_DATE_CALENDAR))
			return 0;
		return add_date(doc, i, i + 1, 0, part[1], part[0], DP_DAY, 0) ? -1 : 1;
	}
	if (np != 2 || len[1] > 2)
		return 0;
	int d = part[0], m = part[1], y = part[2];
	if (len[0] == 4 && len[2] <= 2) {
		y = part[0], d = part[2]; /* 2019.05.06 */
	} else if (len[0] > 2 || len[2] != 4) {
		return 0;
	} else if (x->month_first && d <= 12) {
		if (m <= 12)
			return 0; /* 5.3.2024 in English: which comes first is not told */
		d = part[1], m = part[0];
	}
	if (!lsn_date_valid(y, m, d, LSN_DATE_CALENDAR))
		return 0;
	return add_date(doc, i, i + 1, y, m, d, DP_DAY, 0) ? -1 : 1;
}

static int (*const numeric_forms[])(const struct dctx *, uint32_t *, int) = {
	form_han_year, form_han_month, form_vi_day_month, form_vi_month_year, form_paren_day,
	form_han_day, form_iso, form_slash_day, form_vi_month_slash, form_vi_month_to, form_dash_day,
	form_bare_year,
};

/* numeric forms: 2023年11月5日, 11月5日, 2023年11月, 14/9/2023, 14/9, tháng 11/2023, 2024-05-16,
 * 24.12.2015 */
static enum lsn_status numeric_dates(const struct dctx *x)
{
	lsn_doc *doc = x->doc;
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		if (doc->toks[i].kind != TK_NUM)
			continue;
		int a = lsn_tok_int(doc, i, 4);
		if (a < 0) {
			if (dotted_date(x, i) < 0)
				return LSN_ENOMEM;
			continue;
		}
		for (size_t f = 0; f < LSN_ARRAY_LEN(numeric_forms); f++) {
			int r = numeric_forms[f](x, &i, a);
			if (r < 0)
				return LSN_ENOMEM;
			if (r)
				break;
		}
	}
	return LSN_OK;
}

/* Dates in text order, equal starts in the order they were found (a stable
 * merge sort: they come in two sorted runs, which an insertion sort would
 * merge in time quadratic in a long document's dates). */
static void sort_dates(lsn_doc *doc)
{
	size_t n = doc->ndates;
	struct lsn_datehit *tmp = n > 1 ? malloc(n * sizeof *tmp) : NULL;
	if (!tmp) { /* a short list, or no memory: in place, by insertion */
		for (size_t k = 1; k < n; k++) {
			struct lsn_datehit x = doc->dates[k];
			size_t j = k;
			while (j > 0 && doc->dates[j - 1].t0 > x.t0) {
				doc->dates[j] = doc->dates[j - 1];
				j--;
			}
			doc->dates[j] = x;
		}
		return;
	}
	struct lsn_datehit *a = doc->dates, *b = tmp;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, o = lo;
			while (i < mid && j < hi)
				b[o++] = a[j].t0 < a[i].t0 ? a[j++] : a[i++];
			while (i < mid)
				b[o++] = a[i++];
			while (j < hi)
				b[o++] = a[j++];
		}
		struct lsn_datehit *t = a;
		a = b;
		b = t;
	}
	if (a != doc->dates)
		memcpy(doc->dates, a, n * sizeof *a);
	free(tmp);
}

/* The first day of a range told in two dates: "5月12日至14日", "từ ngày 11/6 đến 15/6",
 * "from May 25 to May 28", "May 25 until 28". */
static void mark_ranges(const struct dctx *x)
{
	lsn_doc *doc = x->doc;
	for (size_t k = 0; k < doc->ndates; k++) {
		struct lsn_datehit *dh = &doc->dates[k];
		uint32_t j = dh->t1;
		if (dh->dt.prec != DP_DAY || dh->relative || j + 1 >= doc->ntoks ||
		    doc->toks[j + 1].sent != doc->toks[dh->t0].sent)
			continue;
		/* a connector as written ("–", 至), or a word folded ("đến", "den", "To") */
		if (!lsn_tok_lex_exact(x->kb, LX_RANGE_CONNECTOR, doc, j, LANG_ALL) &&
		    !(doc->toks[j].kind == TK_WORD &&
		      lsn_tok_lex(x->kb, LX_RANGE_CONNECTOR, doc, j, LANG_ALL)))
			continue;
		if (k + 1 < doc->ndates && doc->dates[k + 1].t0 <= j + 2 &&
		    doc->dates[k + 1].dt.prec == DP_DAY) {
			dh->range = 1; /* the other end is a date, which dates nothing itself */
			doc->dates[k + 1].range = 2;
			/* "13/5/1955 - 13/5/2025": a span of years (an anniversary, a
			 * term) dates nothing at either end */
			if (dh->dt.y && doc->dates[k + 1].dt.y && doc->dates[k + 1].dt.y != dh->dt.y)
				dh->range = 2;
			k++;
		} else if (doc->toks[j + 1].kind == TK_NUM && lsn_tok_int(doc, j + 1, 2) > dh->dt.d)
			dh->range = 1; /* a day: "至14日" */
	}
}

enum lsn_status lsn_dates_find(const lsn_tables *kb, lsn_doc *doc)
{
	struct dctx x = {.kb = kb, .doc = doc};
	x.month_first = lsn_lang_trait(kb, doc->lang, "month_first_dates");
	enum lsn_status st;
	if ((st = dates_of_hits(&x)) || (st = numeric_dates(&x)))
		return st;
	sort_dates(doc);
	mark_ranges(&x);
	return LSN_OK;
}

/* ---- a page's header lines (clean.c): the date and what else the line holds ---- */

/* The word at s[*j] after white space, looked up in lexicon date_unit (folded): its value,
 * and *j past it and the white space after it; 0 when it is none. */
static int unit_word(const lsn_tables *kb, const char *s, size_t n, size_t *j)
{
	size_t a = *j, b;
	while (a < n && s[a] == ' ')
		a++;
	for (b = a; b < n && ((unsigned char)s[b] >= 0x80 || isalpha((unsigned char)s[b])); b++)
		;
	const struct lsn_lexeme *w = b > a ? lsn_lex_find(kb, LX_DATE_UNIT, s + a, b - a) : NULL;
	if (!w)
		return 0;
	while (b < n && s[b] == ' ')
		b++;
	*j = b;
	return (int)w->value;
}

/* "17 tháng 9 năm 2023", "23 tháng 08, 2019": a day, the month word, the month, the year
 * (after the year word or a comma) at s[i] (a digit). */
static int words_form(const lsn_tables *kb, const char *s, size_t n, size_t i, struct lsn_date *dt,
		      size_t *end)
{
	size_t j = i, k;
	int nd;
	int d = digits(s, n, &j, 2, &nd);
	if (d < 0 || (j < n && is_digit(s[j])) || unit_word(kb, s, n, &j) != DU_MONTH)
		return 0;
	int m = digits(s, n, &j, 2, &nd);
	if (m < 0)
		return 0;
	for (k = j; k < n && (s[k] == ' ' || s[k] == ','); k++)
		;
	size_t w = k;
	if (unit_word(kb, s, n, &w) == DU_YEAR)
		k = w;
	int y = digits(s, n, &k, 4, &nd);
	if (nd != 4 || (k < n && is_digit(s[k])) || !lsn_date_valid(y, m, d, LSN_DATE_CALENDAR))
		return 0;
	*dt = (struct lsn_date){(int16_t)y, (int8_t)m, (int8_t)d, DP_DAY};
	*end = k;
	return 1;
}

static int ascii_alnum(char c) { return isalnum((unsigned char)c) != 0; }

struct fword {
	char w[96];
	size_t len;
	int value;
};

static int longer_first(const void *a, const void *b)
{
	size_t la = ((const struct fword *)a)->len, lb = ((const struct fword *)b)->len;
	return la < lb ? 1 : la > lb ? -1 : 0;
}

/* The words of lexicon classes pub_label and header_word, folded and longest first, kept
 * per thread for the tables last used (a header line is read many times a document). */
static _Thread_local struct {
	const lsn_tables *kb;
	const struct lsn_lexeme *src[2]; /* the classes' rows it was made from */
	size_t nsrc[2], n[2];
	struct fword w[2][192];
} fcache;

static const struct fword *folded_class(const lsn_tables *kb, int cls, size_t *n)
{
	int c = cls == LX_PUB_LABEL ? 0 : 1;
	size_t n0 = 0, n1 = 0;
	const struct lsn_lexeme *s0 = lsn_lex_class(kb, LX_PUB_LABEL, &n0), *s1 = lsn_lex_class(kb, LX_HEADER_WORD, &n1);
	if (fcache.kb != kb || fcache.src[0] != s0 || fcache.src[1] != s1 || fcache.nsrc[0] != n0 ||
	    fcache.nsrc[1] != n1) {
		fcache.src[0] = s0, fcache.src[1] = s1, fcache.nsrc[0] = n0, fcache.nsrc[1] = n1;
		for (int k = 0; k < 2; k++) {
			size_t nw = k ? n1 : n0, m = 0;
			const struct lsn_lexeme *w = k ? s1 : s0;
			for (size_t i = 0; i < nw && m < LSN_ARRAY_LEN(fcache.w[k]); i++)
				if ((fcache.w[k][m].len = lsn_fold(w[i].word, w[i].len, fcache.w[k][m].w,
								    sizeof fcache.w[k][m].w)))
					fcache.w[k][m++].value = (int)w[i].value;
			qsort(fcache.w[k], m, sizeof *fcache.w[k], longer_first);
			fcache.n[k] = m;
		}
		fcache.kb = kb;
	}
	*n = fcache.n[c];
	return fcache.w[c];
}

/* Blanks in f[0..fl) (folded) every word of lexicon class cls (folded; a Latin word whole;
 * longer words first, so "Thứ Ba" is one word and not "Thu" and "ba").  With label: the
 * value of the one ending last, its end in *label_end. */
static void cover_words(const lsn_tables *kb, int cls, char *f, size_t fl, int *label, size_t *label_end)
{
	size_t n = 0;
	const struct fword *ws = folded_class(kb, cls, &n);
	for (size_t k = 0; k < n; k++) {
		const char *fw = ws[k].w;
		size_t l = ws[k].len;
		for (size_t i = 0; i + l <= fl; i++) {
			if (f[i] != fw[0] || memcmp(f + i, fw, l))
				continue;
			if ((ascii_alnum(fw[0]) && i && ascii_alnum(f[i - 1])) ||
			    (ascii_alnum(fw[l - 1]) && i + l < fl && ascii_alnum(f[i + l])))
				continue;
			if (label && i + l >= *label_end)
				*label = ws[k].value, *label_end = i + l;
			memset(f + i, ' ', l);
			i += l - 1;
		}
	}
}

/* The letters (Han characters) of s[0..n) that are none of a header's words (lexicon:
 * pub_label, header_word); with label, the pub_label nearest the end when at most a
 * source's name (12 letters) follows it. */
static int other_letters(const lsn_tables *kb, const char *s, size_t n, int *label)
{
	char f[640];
	if (n > 400)
		return 999;
	size_t fl = lsn_fold(s, n, f, sizeof f), label_end = 0;
	int lab = 0, count = 0, after = 0;
	cover_words(kb, LX_PUB_LABEL, f, fl, &lab, &label_end);
	cover_words(kb, LX_HEADER_WORD, f, fl, NULL, NULL);
	size_t i = 0;
	while (i < fl) {
		size_t at = i;
		uint32_t cp = lsn_utf8_next(f, fl, &i);
		if (lsn_is_letter(cp) || lsn_is_han(cp)) {
			count++;
			after += at >= label_end;
		}
	}
	if (label)
		*label = lab && after <= 12 ? lab : 0;
	return count;
}

int lsn_date_header(const lsn_tables *kb, const char *s, size_t n, struct lsn_header_date *h)
{
	memset(h, 0, sizeof *h);
	size_t i, end = 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int start = is_digit((char)c) ? !(i && is_digit(s[i - 1]))
					      : isalpha(c) && !(i && isalpha((unsigned char)s[i - 1]));
		if (start && (date_at(s, n, i, LSN_DATE_READER, &h->dt, &end) ||
			      (is_digit((char)c) && words_form(kb, s, n, i, &h->dt, &end))))
			break;
	}
	if (i >= n)
		return 0;
	h->ds = i, h->de = end;
	h->rest_before = other_letters(kb, s, i, &h->label);
	h->rest_after = other_letters(kb, s + end, n - end, NULL);
	for (size_t k = 1; k + 2 < n && !h->clock; k++) /* 16:15, 9:48 */
		h->clock = s[k] == ':' && is_digit(s[k - 1]) && is_digit(s[k + 1]) && is_digit(s[k + 2]);
	return 1;
}
