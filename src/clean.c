/*
 * clean.c — second stage: keep the story, drop what is not.
 *
 * Works line by line and records the kept lines as byte spans of the text,
 * so evidence still points into the source.  What goes: empty lines,
 * markdown debris (`![]()`, table rows `| ... |`), photo captions, a line
 * printed twice, navigation and headline lists (short lines that do not end
 * a sentence), and everything from a "related news" marker on.  Header
 * lines that carry the publication date (`date 2025-06-26 ...`,
 * `18:19 | 09/10/2022`, `2024年5月16日`) set `published` and are dropped, or
 * cut off when the story continues on the same line.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "lsn_int.h"

static int is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* Trims white space (ASCII, NBSP, ideographic space) off a span. */
static void trim(const char *t, uint32_t *s, uint32_t *e)
{
	for (;;) {
		if (*s < *e && is_space_byte(t[*s]))
			(*s)++;
		else if (*e - *s >= 2 && (unsigned char)t[*s] == 0xc2 && (unsigned char)t[*s + 1] == 0xa0)
			*s += 2;
		else if (*e - *s >= 3 && !memcmp(t + *s, "\xe3\x80\x80", 3))
			*s += 3;
		else
			break;
	}
	for (;;) {
		if (*e > *s && is_space_byte(t[*e - 1]))
			(*e)--;
		else if (*e - *s >= 2 && (unsigned char)t[*e - 2] == 0xc2 && (unsigned char)t[*e - 1] == 0xa0)
			*e -= 2;
		else if (*e - *s >= 3 && !memcmp(t + *e - 3, "\xe3\x80\x80", 3))
			*e -= 3;
		else
			break;
	}
}

/* The first full date of a header line t[s..e) (the date module's header forms) and the
 * span [*ds, *de) it covers. */
static int header_date(const char *t, uint32_t s, uint32_t e, struct lsn_date *dt, uint32_t *ds,
		       uint32_t *de)
{
	size_t a, b;
	if (!lsn_date_scan(t + s, e - s, LSN_DATE_HEADER, dt, &a, &b))
		return 0;
	*ds = s + (uint32_t)a, *de = s + (uint32_t)b;
	return 1;
}

/* Does t[s..e) hold a time of day ("16:15", "8:19:28")? */
static int has_clock(const char *t, uint32_t s, uint32_t e)
{
	for (uint32_t k = s + 1; k + 2 < e; k++)
		if (t[k] == ':' && isdigit((unsigned char)t[k - 1]) && isdigit((unsigned char)t[k + 1]) &&
		    isdigit((unsigned char)t[k + 2]))
			return 1;
	return 0;
}

/* Counts letters, digits and others, to tell a header from a sentence. */
static int alpha_count(const char *t, uint32_t s, uint32_t e)
{
	int n = 0;
	size_t i = s;
	while (i < e) {
		uint32_t cp = lsn_utf8_next(t, e, &i);
		if (lsn_is_letter(cp) || lsn_is_han(cp))
			n++;
	}
	return n;
}

static int han_count(const char *t, uint32_t s, uint32_t e)
{
	int n = 0;
	size_t i = s;
	while (i < e)
		n += lsn_is_han(lsn_utf8_next(t, e, &i));
	return n;
}

/* Number of runs of Han characters separated by white space. */
static int han_runs(const char *t, uint32_t s, uint32_t e)
{
	int runs = 0, in = 0;
	size_t i = s;
	while (i < e) {
		uint32_t cp = lsn_utf8_next(t, e, &i);
		if (lsn_is_han(cp)) {
			runs += !in;
			in = 1;
		} else if (lsn_is_space(cp)) {
			in = 0;
		}
	}
	return runs;
}

/* Does t[s..e) end with a mark that ends a sentence (lexicon: sentence_end)? */
static int ends_sentence(const lsn_tables *kb, const char *t, uint32_t s, uint32_t e)
{
	size_t n = 0;
	const struct lsn_lexeme *ends = lsn_lex_class(kb, LX_SENT_END, &n);
	for (size_t k = 0; k < n && e > s; k++)
		if (e - s >= ends[k].len && !memcmp(t + e - ends[k].len, ends[k].word, ends[k].len))
			return 1;
	return 0;
}

/* Does t[s..e) hold a full stop (sentence_end of value 1: "。")? */
static int has_full_stop(const lsn_tables *kb, const char *t, uint32_t s, uint32_t e)
{
	size_t n = 0;
	const struct lsn_lexeme *ends = lsn_lex_class(kb, LX_SENT_END, &n);
	for (size_t k = 0; k < n; k++)
		if (ends[k].value == 1 && memmem(t + s, e - s, ends[k].word, ends[k].len))
			return 1;
	return 0;
}

/* Number of words (Latin) or characters/2 (Han) in a span. */
static int weight(const char *t, uint32_t s, uint32_t e)
{
	int words = 0, han = 0, inword = 0;
	size_t i = s;
	while (i < e) {
		uint32_t cp = lsn_utf8_next(t, e, &i);
		if (lsn_is_han(cp)) {
			han++;
			inword = 0;
		} else if (lsn_is_letter(cp) || (cp >= '0' && cp <= '9')) {
			if (!inword)
				words++;
			inword = 1;
		} else {
			inword = 0;
		}
	}
	return words + han / 2;
}

/* Is the line t[s..e) only a marker of links to other stories ("Related news:"; lexicon:
 * tail_marker, folded, a colon after it allowed)? */
static int is_tail_marker(const lsn_tables *kb, const char *t, uint32_t s, uint32_t e)
{
	if (e - s > 40)
		return 0;
	char f[128];
	lsn_fold(t + s, e - s, f, sizeof f);
	size_t l = strlen(f);
	while (l && (f[l - 1] == ':' || f[l - 1] == ' '))
		f[--l] = 0;
	return lsn_lex_find(kb, LX_TAIL_MARKER, f, l) != NULL;
}

/* The length of the bracket of kind `which` (1 opening, 2 closing; lexicon: bracket) at
 * t[i..e), or 0. */
static size_t bracket_at(const lsn_tables *kb, const char *t, uint32_t i, uint32_t e, int which)
{
	size_t n = 0;
	const struct lsn_lexeme *b = lsn_lex_class(kb, LX_BRACKET, &n);
	for (size_t k = 0; k < n; k++)
		if (b[k].value == which && e - i >= b[k].len && !memcmp(t + i, b[k].word, b[k].len))
			return b[k].len;
	return 0;
}

/* "... 记者 黄克 摄": a line ending with a photographer's credit (lexicon: photo_byline),
 * from the last opening word in its last 40 bytes on. */
static int find_byline(const lsn_tables *kb, const char *t, uint32_t s, uint32_t e, uint32_t *ms)
{
	size_t n = 0;
	const struct lsn_lexeme *w = lsn_lex_class(kb, LX_PHOTO_BYLINE, &n);
	int ends = 0;
	for (size_t k = 0; k < n && !ends; k++)
		ends = w[k].value == 1 && e - s > 6 && e - s >= w[k].len &&
		       !memcmp(t + e - w[k].len, w[k].word, w[k].len);
	if (!ends)
		return 0;
	const char *c = NULL;
	for (uint32_t i = e > s + 40 ? e - 40 : s; i < e; i++)
		for (size_t k = 0; k < n; k++)
			if (w[k].value == 2 && i + w[k].len <= e && !memcmp(t + i, w[k].word, w[k].len))
				c = t + i;
	if (!c)
		return 0;
	*ms = (uint32_t)(c - t);
	return 1;
}

/* Photo credits: "(Photo: VNA)", "Photo: ...", "(Ảnh: ...)", "（图片来源：...）",
 * "会谈现场。图自越通社" (the credit ends the caption line); lexicon: photo_credit, the first
 * in table order that the line holds. */
static int find_photo(const lsn_tables *kb, const char *t, uint32_t s, uint32_t e, uint32_t *ms,
		      uint32_t *me)
{
	if (find_byline(kb, t, s, e, ms)) {
		*me = e;
		return 1;
	}
	size_t n = 0;
	const struct lsn_lexeme *marks = lsn_lex_class(kb, LX_PHOTO_CREDIT, &n);
	/* the bytes of the line, one bit each: a mark is looked for only when every
	 * byte of it is there (most lines hold none) */
	uint64_t has[4] = {0, 0, 0, 0};
	for (uint32_t i = s; i < e; i++)
		has[(unsigned char)t[i] >> 6] |= UINT64_C(1) << ((unsigned char)t[i] & 63);
	for (size_t k = 0; k < n; k++) {
		size_t l = marks[k].len, b = 0;
		while (b < l && has[(unsigned char)marks[k].word[b] >> 6] >> ((unsigned char)marks[k].word[b] & 63) & 1)
			b++;
		if (b < l)
			continue;
		const char *hit = memmem(t + s, e - s, marks[k].word, l);
		if (hit) {
			uint32_t i = (uint32_t)(hit - t);
			*ms = i;
			uint32_t j = i + (uint32_t)l;
			/* "(Photo: VNA)": up to the closing bracket; else to the end of the line */
			int paren = bracket_at(kb, marks[k].word, 0, (uint32_t)l, 1) != 0;
			size_t close = 0;
			while (j < e && !(paren && (close = bracket_at(kb, t, j, e, 2))))
				j++;
			*me = j + (uint32_t)close;
			return 1;
		}
	}
	return 0;
}

/*
 * How far the date of a header line t[s..e) is trusted as the page's publication date:
 * 4 labelled as published (lexicon pub_label 1, 3: "Posted on", "发布时间", "来源：..."),
 * 3 labelled as updated (2), 2 a line of a date alone with its weekday, time and zone
 * ("Friday, December 07, 2012, 10:51 GMT+7", "Chủ nhật, 17/09/2023 | 20:28:40"), 1 a
 * byline ending with a date and time ("Hà Vũ - Ảnh: Trung Sơn 29/09/2023 22:19"); 0 no
 * header.
 */
static int header_trust(const lsn_tables *kb, const char *t, uint32_t s, uint32_t e, struct lsn_date *dt)
{
	struct lsn_header_date h;
	if (e - s > 300 || !lsn_date_header(kb, t + s, e - s, &h))
		return 0;
	*dt = h.dt;
	if (h.label && h.rest_after <= 40)
		return h.label == 2 ? 3 : 4;
	if (h.rest_before + h.rest_after <= 12)
		return 2;
	/* a byline tells the time too; a caption ending with a date does not */
	if (h.rest_after == 0 && h.rest_before <= 30 && h.clock && !ends_sentence(kb, t, s, e))
		return 1;
	return 0;
}

/* The publication date the header lines tell: the most trusted, and of equally trusted
 * ones the earliest (a page's "today" or a later update is never before it). */
struct pub_pick {
	struct lsn_date dt, alt; /* the chosen date, and the best other one */
	int trust, alt_trust;
	struct lsn_span line, alt_line; /* their header lines */
};

static int pub_better(struct lsn_date a, int ta, struct lsn_date b, int tb)
{
	return ta > tb || (ta == tb && lsn_days(a.y, a.m, a.d) < lsn_days(b.y, b.m, b.d));
}

static void pick_pub(struct pub_pick *p, struct lsn_date dt, int trust, uint32_t s, uint32_t e)
{
	struct lsn_span line = {s, e};
	/* "31/06/2023" is no day of the calendar: no publication date */
	if (dt.prec == DP_DAY && !lsn_date_valid(dt.y, dt.m, dt.d, LSN_DATE_CALENDAR))
		return;
	if (p->trust && (dt.y == p->dt.y && dt.m == p->dt.m && dt.d == p->dt.d))
		return;
	if (pub_better(dt, trust, p->dt, p->trust)) {
		if (p->trust)
			p->alt = p->dt, p->alt_trust = p->trust, p->alt_line = p->line;
		p->dt = dt, p->trust = trust, p->line = line;
	} else if (!p->alt_trust || pub_better(dt, trust, p->alt, p->alt_trust)) {
		p->alt = dt, p->alt_trust = trust, p->alt_line = line;
	}
}

static int add_line(lsn_doc *doc, uint32_t s, uint32_t e)
{
	if (lsn_grow(&doc->lines, &doc->caplines, doc->nlines + 1, sizeof *doc->lines))
		return -1;
	doc->lines[doc->nlines].start = s;
	doc->lines[doc->nlines].end = e;
	doc->nlines++;
	return 0;
}

enum lsn_status lsn_clean(const lsn_tables *kb, lsn_doc *doc)
{
	const char *t = doc->text;
	uint32_t n = (uint32_t)doc->len;
	struct lsn_map seen = {0};
	int lineno = 0, body = 0;
	struct pub_pick pub = {{0, 0, 0, 0}, {0, 0, 0, 0}, 0, 0, {0, 0}, {0, 0}};
	enum lsn_status st = LSN_OK;
	doc->nlines = 0;
	for (uint32_t pos = 0; pos < n;) {
		uint32_t s = pos, e = pos;
		while (e < n && t[e] != '\n')
			e++;
		pos = e + 1;
		trim(t, &s, &e);
		if (s >= e)
			continue;
		lineno++;
		if (is_tail_marker(kb, t, s, e) && lineno > 1)
			break;
		/* markdown debris and table rows */
		if (t[s] == '|' || (t[s] == '!' && s + 1 < e && t[s + 1] == '['))
			continue;
		/* header lines with the publication date */
		struct lsn_date dt;
		uint32_t ds, de;
		int trust;
		if ((lineno <= 6 && !body) || doc->nlines <= 2) {
			if (e - s > 5 && !strncmp(t + s, "date ", 5) &&
			    header_date(t, s + 5, e < s + 16 ? e : s + 16, &dt, &ds, &de) && ds == s + 5) {
				pick_pub(&pub, dt, 5, s, de);
				s = de;
				trim(t, &s, &e);
				if (s >= e)
					continue;
			} else if (lineno <= 6 && !body && header_date(t, s, e, &dt, &ds, &de) &&
				   alpha_count(t, s, e) <= 12 &&
				   (weight(t, s, e) <= 8 || (ds == s && weight(t, s, e) <= 14))) {
				/* "18:19 | 09/10/2022", "2023-05-19 08:47:13 作者:编辑 来源:解放日报" */
				pick_pub(&pub, dt, 2 + (header_trust(kb, t, s, e, &dt) > 2), s, e);
				continue;
			} else if ((trust = header_trust(kb, t, s, e, &dt))) {
				pick_pub(&pub, dt, trust, s, e);
				continue;
			}
		}
		/* photo credits go; a caption often names who met whom, so its
		 * text stays (a caption repeating the story is dropped as a
		 * duplicate below only when identical) */
		uint32_t ms, me;
		int caption = 0;
		if (find_photo(kb, t, s, e, &ms, &me)) {
			caption = 1;
			if (me < e && weight(t, me, e) >= 6) {
				s = me; /* "... (Photo: VNA)HCM City (VNA) – The story" */
			} else {
				e = ms;
			}
			trim(t, &s, &e);
			if (s >= e)
				continue;
		}
		/* a line printed twice */
		uint64_t h = lsn_hash_bytes(t + s, e - s);
		if (lsn_map_get(&seen, h))
			continue;
		if (lsn_map_put(&seen, h, 1)) {
			st = LSN_ENOMEM;
			break;
		}
		/* a row of headlines (also as the first line): Han segments
		 * separated by spaces, no full stop at its end nor inside (a
		 * paragraph of full sentences cut off at its end is body text) */
		if (!ends_sentence(kb, t, s, e) && !has_full_stop(kb, t, s, e) && han_count(t, s, e) > 40 &&
		    han_runs(t, s, e) >= 3)
			continue;
		/* navigation words and headline lists: short, no sentence end */
		if (lineno > 1 && !ends_sentence(kb, t, s, e) && !caption) {
			/* Chinese body paragraphs end with a stop; a line of Han text
			 * without one is a headline or a list of them */
			/* a short line with a comma reads as a cut-off sentence, not
			 * as a menu entry or a headline */
			int comma = memchr(t + s, ',', e - s) != NULL && weight(t, s, e) >= 5;
			/* a paragraph cut off after some full sentences ("…合作。与此同时，
			 * 促进…以加强") is body text, not a headline */
			int stops = has_full_stop(kb, t, s, e) && han_count(t, s, e) > 40;
			/* the text's last line after body text, cut off in a sentence: with a comma,
			 * ASCII or full-width ("王予波强调,云南省重视…,愿与越南各地方携手高效落实两",
			 * "韦韬…表示赞同，并强调，…为加强越中全面战"), or of eight words and
			 * more ("He said Vietnam is willing to continue to ke") */
			uint32_t rest = pos;
			while (rest < n && (t[rest] == ' ' || t[rest] == '\t' || t[rest] == '\n' || t[rest] == '\r'))
				rest++;
			int last = body && rest >= n;
			int cut = last && (comma || memmem(t + s, e - s, "\xef\xbc\x8c", 3)) && /* "，" */
				  han_count(t, s, e) > 20;
			int cut_words = last && !han_count(t, s, e) && weight(t, s, e) >= 8;
			if ((weight(t, s, e) < 12 && !comma && !cut_words) ||
			    (han_count(t, s, e) * 2 > alpha_count(t, s, e) && !stops && !cut))
				continue;
		}
		if (add_line(doc, s, e)) {
			st = LSN_ENOMEM;
			break;
		}
		if (lineno > 1)
			body = 1;
	}
	lsn_map_clear(&seen);
	if (pub.trust && !doc->meta_published) {
		doc->published = pub.dt;
		doc->pub_line = pub.line;
		/* 2: the line also tells the time of day ("8:19:28 AM | 6/17/2023"): when the
		 * page was published, not a day it was shown */
		doc->pub_from_line = pub.trust <= 2 ? 1 + has_clock(t, pub.line.start, pub.line.end) : 0;
		if (pub.alt_trust && pub.trust <= 2)
			doc->pub_alt = pub.alt, doc->pub_alt_line = pub.alt_line;
	}
	return st;
}
