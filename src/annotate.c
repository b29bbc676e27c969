/*
 * annotate.c — fifth stage: find what the knowledge tables know in the text.
 *
 * One pass over the tokens.  At each token the phrase index gives the
 * phrases that start with it; the longest match of each kind becomes a hit
 * (places, titles with their {P} slots, triggers, field keywords, metrics,
 * months, weekdays, magnitude words, currencies, recurring-event series,
 * known actors, surnames).  Dates and numbers are then read from the tokens
 * and those hits.  Nothing is allocated per token: hits go into arrays of
 * the document that are reused from document to document.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lsn_int.h"

struct ctx {
	const lsn_tables *kb;
	lsn_doc *doc;
	uint8_t lang;
	uint32_t sent_end; /* token index where the current sentence ends */
};

/* The phrases that may start at token i, in the order of kb->first's chain:
 * its two sub-chains (first1: by the token; first2: by the token and the next
 * one in the sentence) merged, newest first.  The others cannot match there.
 * The heads are looked up once per token (places_pass) and kept in
 * doc->ph_starts for the phrase pass. */
struct starts {
	const lsn_tables *kb;
	uint32_t a, b;
};

static void starts_at(struct starts *it, const struct ctx *c, uint32_t i)
{
	it->kb = c->kb;
	it->a = c->doc->ph_starts[2 * i];
	it->b = c->doc->ph_starts[2 * i + 1];
}

/* The next phrase (index + 1), 0 at the end. */
static inline uint32_t starts_next(struct starts *it)
{
	uint32_t *p = it->a > it->b ? &it->a : &it->b;
	uint32_t r = *p;
	if (r)
		*p = it->kb->phrases[r - 1].next2;
	return r;
}

/* Latin place names must be capitalised ("Hue", not "hue"). */
/* Is tokens [t0, t1) a mention actor a may have written: with no diacritics, or with
 * those of one of its Latin forms (per word, wherever the tone sits)? An actor with no
 * form written with diacritics is not judged. */
static int actor_marks_ok(const lsn_tables *kb, const lsn_doc *doc, uint32_t t0, uint32_t t1,
			  uint32_t a)
{
	if (!lsn_map_get(&kb->actor_marks, lsn_actor_marks_key(a, 0)))
		return 1;
	size_t s = doc->toks[t0].start, e = doc->toks[t1 - 1].end;
	uint64_t sig = lsn_marks_sig(doc->text + s, e - s);
	return !sig || lsn_map_get(&kb->actor_marks, lsn_actor_marks_key(a, sig));
}

static int place_ok(const struct ctx *c, uint32_t i)
{
	const struct lsn_tok *t = &c->doc->toks[i];
	return t->kind != TK_WORD || (t->flags & (TF_CAP | TF_UPPER));
}

/*
 * Matches phrase `ph` at token i; slots ({P}) match a place.  Returns the
 * end token (exclusive) or 0.  Place indices of slots go to slots[0..1].
 */
static uint32_t match_at(const struct ctx *c, const struct lsn_phrase *ph, uint32_t i, int32_t *slots);

/* Longest place (or demonym) match at i, from the table computed once per
 * document (places_pass); returns end or 0. */
static uint32_t place_at(const struct ctx *c, uint32_t i, int32_t *place, uint8_t *kind)
{
	if (i >= c->sent_end || !c->doc->pl_end[i])
		return 0;
	*place = c->doc->pl_idx[i];
	*kind = c->doc->pl_kind[i];
	return c->doc->pl_end[i] <= c->sent_end ? c->doc->pl_end[i] : 0;
}

/* Fills pl_end/pl_idx/pl_kind: the longest place or demonym at each token. */
static enum lsn_status places_pass(struct ctx *c)
{
	lsn_doc *doc = c->doc;
	const lsn_tables *kb = c->kb;
	if (lsn_grow(&doc->pl_end, &doc->cappl, doc->ntoks + 1, sizeof *doc->pl_end))
		return LSN_ENOMEM;
	size_t cap = 0;
	if (lsn_grow(&doc->pl_idx, &cap, doc->cappl, sizeof *doc->pl_idx))
		return LSN_ENOMEM;
	cap = 0;
	if (lsn_grow(&doc->pl_kind, &cap, doc->cappl, sizeof *doc->pl_kind))
		return LSN_ENOMEM;
	cap = 0;
	if (lsn_grow(&doc->ph_starts, &cap, 2 * doc->cappl, sizeof *doc->ph_starts))
		return LSN_ENOMEM;
	uint32_t si = UINT32_MAX;
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		doc->pl_end[i] = 0;
		if (doc->toks[i].sent != si) {
			si = doc->toks[i].sent;
			uint32_t e = i;
			while (e < doc->ntoks && doc->toks[e].sent == si)
				e++;
			c->sent_end = e;
		}
		/* from the token's entries of kb->lex_post (lsn_segment), as lsn_map_get of
		 * first1 and first2 would give them */
		uint32_t f1 = 0, may2 = 0, may_place = 0, run = doc->tok_lex[2 * i];
		for (const struct lsn_lexpost *p = run ? kb->lex_post + run - 1 : NULL; p && p->cls; p++) {
			if (p->cls == LXP_FIRST1)
				f1 = p->idx;
			else if (p->cls == LXP_FIRST2)
				may2 = 1;
			else if (p->cls == LXP_PLACE)
				may_place = 1;
		}
		doc->ph_starts[2 * i] = f1;
		doc->ph_starts[2 * i + 1] =
			may2 && i + 1 < c->sent_end && lsn_tok_starts_run(kb, doc->tok_lex[2 * i + 2], LXP_SECOND) ?
			lsn_map_get(&kb->first2, lsn_pair_key(doc->toks[i].h, doc->toks[i + 1].h)) : 0;
		if (!may_place || !place_ok(c, i))
			continue; /* no place begins here */
		struct starts it;
		starts_at(&it, c, i);
		for (uint32_t p; (p = starts_next(&it)) != 0;) {
			const struct lsn_phrase *ph = &kb->phrases[p - 1];
			if (ph->kind != PK_PLACE && ph->kind != PK_DEMONYM)
				continue;
			const uint64_t *pt = kb->ptoks + ph->tok0;
			uint32_t k = 0;
			while (k < ph->ntok && i + k < c->sent_end && doc->toks[i + k].h == pt[k])
				k++;
			if (k < ph->ntok)
				continue;
			uint32_t e = i + k;
			if (e > doc->pl_end[i] || (e == doc->pl_end[i] && ph->kind == PK_PLACE)) {
				doc->pl_end[i] = e;
				doc->pl_idx[i] = (int32_t)ph->val;
				doc->pl_kind[i] = ph->kind;
			}
		}
	}
	return LSN_OK;
}

/* Administrative words that may follow a place name inside a title:
 * "Ha Giang province", "江苏省", "广西壮族自治区". */
static uint32_t admin_suffix(const struct ctx *c, uint32_t e)
{
	const lsn_doc *doc = c->doc;
	if (e >= c->sent_end)
		return e;
	/* a Latin word folded ("Province"), Han characters as written (lexicon: place_suffix) */
	if (doc->toks[e].kind == TK_WORD)
		return lsn_tok_lex(c->kb, LX_PLACE_SUFFIX, doc, e, LANG_EN) ? e + 1 : e;
	if (doc->toks[e].kind != TK_HAN)
		return e;
	uint32_t j = lsn_toks_lex_exact(c->kb, LX_PLACE_SUFFIX, doc, e, c->sent_end, NULL);
	return j ? j : e;
}

/*
 * The ways a slot can be filled at token i: a place, the place with an
 * administrative word after it, or "X's Y" (the more specific Y).  Writes
 * up to 3 alternatives, longest first; returns their number.
 */
static int slot_alts(const struct ctx *c, uint32_t i, uint32_t *ends, int32_t *places)
{
	uint8_t kind = 0;
	int32_t p;
	uint32_t e = place_at(c, i, &p, &kind);
	if (!e)
		return 0;
	int n = 0;
	/* "China's Jiangsu", "Vietnam's Lang Son", "Zhejiang province's Ningbo city"
	 * (lexicon: possessive, after the place's administrative word if any) */
	uint32_t pe = lsn_toks_lex_exact(c->kb, LX_PLACE_POSSESSIVE, c->doc, e, c->sent_end, NULL);
	if (!pe) {
		uint32_t ea = admin_suffix(c, e);
		if (ea > e && ea < c->sent_end)
			pe = lsn_toks_lex_exact(c->kb, LX_PLACE_POSSESSIVE, c->doc, ea, c->sent_end, NULL);
	}
	if (pe && pe < c->sent_end) {
		int32_t p2;
		uint8_t k2 = 0;
		uint32_t e2 = place_at(c, pe, &p2, &k2);
		if (e2) {
			uint32_t e3 = admin_suffix(c, e2);
			if (e3 > e2)
				ends[n] = e3, places[n++] = p2;
			ends[n] = e2, places[n++] = p2;
			return n;
		}
	}
	uint32_t es = admin_suffix(c, e);
	if (es > e)
		ends[n] = es, places[n++] = p;
	ends[n] = e, places[n++] = p;
	/* "胡志明市委书记": the alias "胡志明市" ends with the 市 of the title */
	if (e - i >= 3 && c->doc->toks[e - 1].kind == TK_HAN &&
	    lsn_tok_lex_exact(c->kb, LX_SHARED_SUFFIX, c->doc, e - 1, LANG_ALL))
		ends[n] = e - 1, places[n++] = p;
	return n;
}

/* Matches pattern tokens k.. of ph at token i, backtracking over the ways
 * each slot can be filled.  Returns the end token or 0. */
static uint32_t match_from(const struct ctx *c, const struct lsn_phrase *ph, uint16_t k, uint32_t i,
			   int32_t *slots, int ns)
{
	const uint64_t *pt = c->kb->ptoks + ph->tok0;
	for (; k < ph->ntok; k++) {
		if (i >= c->sent_end)
			return 0;
		if (pt[k] == SLOT_PLACE) {
			uint32_t ends[3];
			int32_t places[3];
			int n = slot_alts(c, i, ends, places);
			/* "Vice Chairman of the Guangxi Zhuang Autonomous Region": an article
			 * the pattern does not write before its place (lexicon slot_article) */
			if (!n && k > 0 && i + 1 < c->sent_end &&
			    lsn_tok_lex(c->kb, LX_SLOT_ARTICLE, c->doc, i, c->lang))
				n = slot_alts(c, ++i, ends, places);
			for (int a = 0; a < n; a++) {
				if (slots && ns < 2)
					slots[ns] = places[a];
				uint32_t r = match_from(c, ph, (uint16_t)(k + 1), ends[a], slots, ns + 1);
				if (r)
					return r;
			}
			return 0;
		}
		if (c->doc->toks[i].h != pt[k])
			return 0;
		i++;
	}
	return i;
}

static uint32_t match_at(const struct ctx *c, const struct lsn_phrase *ph, uint32_t i, int32_t *slots)
{
	return match_from(c, ph, 0, i, slots, 0);
}

static int add_hit(lsn_doc *doc, uint32_t t0, uint32_t t1, uint8_t kind, uint32_t val, int32_t a, int32_t b)
{
	if (lsn_grow(&doc->hits, &doc->caphits, doc->nhits + 1, sizeof *doc->hits))
		return -1;
	struct lsn_hit *h = &doc->hits[doc->nhits++];
	h->t0 = t0, h->t1 = t1, h->kind = kind, h->val = val, h->a = a, h->b = b;
	return 0;
}

/* ---- phrase pass ---- */

static enum lsn_status phrases(struct ctx *c)
{
	lsn_doc *doc = c->doc;
	const lsn_tables *kb = c->kb;
	uint32_t covered[PK_KIND_MAX] = {0}; /* per kind: end of its last hit */
	uint32_t si = UINT32_MAX;
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		if (doc->toks[i].sent != si) {
			si = doc->toks[i].sent;
			uint32_t e = i;
			while (e < doc->ntoks && doc->toks[e].sent == si)
				e++;
			c->sent_end = e;
		}
		struct {
			uint32_t end;
			uint32_t val;
			int32_t a, b;
		} best[PK_KIND_MAX];
		uint32_t set = 0; /* bit k: best[k] holds a match (the rest is unset) */
		_Static_assert(PK_KIND_MAX <= 32, "one bit per kind");
		/* phrases that start with this token, and those that start with a
		 * slot filled by a place here (found by the word after the place) */
		uint32_t alt_ends[3];
		int32_t alt_places[3];
		int nalt = place_ok(c, i) ? slot_alts(c, i, alt_ends, alt_places) : 0;
		for (int pass = 0; pass <= nalt; pass++) {
			struct starts it;
			uint32_t p = 0;
			if (pass) {
				uint32_t se = alt_ends[pass - 1];
				if (se >= c->sent_end || (pass > 1 && se == alt_ends[pass - 2]))
					continue;
				p = lsn_map_get(&kb->after_slot, doc->toks[se].h);
			} else {
				starts_at(&it, c, i);
				p = starts_next(&it);
			}
			for (; p; p = pass ? kb->phrases[p - 1].next : starts_next(&it)) {
				const struct lsn_phrase *ph = &kb->phrases[p - 1];
				if (!(ph->lang & c->lang) || (ph->upper && !(doc->toks[i].flags & TF_UPPER)))
					continue;
				int32_t slots[2] = {-1, -1};
				uint32_t e = match_at(c, ph, i, slots);
				if (!e || ((set >> ph->kind) & 1 && e <= best[ph->kind].end))
					continue;
				/* "Đại sứ quán", "总领事馆": the building, not the office holder */
				if (ph->kind == PK_TITLE && e < c->sent_end &&
				    lsn_tok_lex_exact(kb, LX_BUILDING_WORD, doc, e, LANG_ALL))
					continue;
				/* a known person's name written with other diacritics is another
				 * person's ("Lý Cương" is not Lý Cường); without any, it may be his */
				if (ph->kind == PK_ACTOR && !actor_marks_ok(kb, doc, i, e, ph->val))
					continue;
				if ((ph->kind == PK_PLACE || ph->kind == PK_DEMONYM || ph->kind == PK_ACTOR ||
				     ph->kind == PK_SURNAME_ZH || ph->kind == PK_SURNAME_VI) && !place_ok(c, i))
					continue;
				set |= 1u << ph->kind;
				best[ph->kind].end = e;
				best[ph->kind].val = ph->val;
				best[ph->kind].a = best[ph->kind].b = 0;
				if (ph->kind == PK_TITLE) {
					const struct lsn_title *ti = &kb->titles[ph->val];
					int32_t org = ti->org, host = -1;
					for (int s = 0; s < 2; s++) {
						if (slots[s] < 0)
							continue;
						if (ti->slots[s] == 'h')
							host = slots[s];
						else
							org = slots[s];
					}
					best[ph->kind].a = org;
					best[ph->kind].b = host;
				}
			}
		}
		/* "U.S. dollars", "Hong Kong dollars", "Australian dollars": a currency
		 * names no place */
		if ((set >> PK_CURRENCY) & 1) {
			static const int named[] = {PK_PLACE, PK_DEMONYM};
			for (int n = 0; n < 2; n++) {
				int k = named[n];
				if ((set >> k) & 1 && best[k].end >= best[PK_CURRENCY].end) /* "Dong Nai" is no "dong" */
					continue;
				set &= ~(1u << k);
				if (covered[k] < best[PK_CURRENCY].end)
					covered[k] = best[PK_CURRENCY].end;
			}
		}
		/* a place inside a longer place ("Ho Chi Minh" in "Ho Chi Minh City")
		 * is not a hit of its own; same for each kind */
		if (!set)
			continue;
		for (int k = 1; k < PK_KIND_MAX; k++) {
			if (!((set >> k) & 1) || !best[k].end || i < covered[k])
				continue;
			if (add_hit(doc, i, best[k].end, (uint8_t)k, best[k].val, best[k].a, best[k].b))
				return LSN_ENOMEM;
			covered[k] = best[k].end;
		}
		/* demonyms and places share coverage */
		if ((set >> PK_PLACE) & 1 && best[PK_PLACE].end > covered[PK_DEMONYM])
			covered[PK_DEMONYM] = best[PK_PLACE].end;
		if ((set >> PK_DEMONYM) & 1 && best[PK_DEMONYM].end > covered[PK_PLACE])
			covered[PK_PLACE] = best[PK_DEMONYM].end;
	}
	return LSN_OK;
}

/* ---- numbers ---- */

/* Parses a number token: "18.6", "19,200", "18,6" (vi), "1.234" (vi). */
static double parse_num(const lsn_doc *doc, const struct lsn_tok *t, int comma_decimal)
{
	char buf[64];
	size_t o = 0;
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	/* which separator is the decimal one? */
	int ndot = 0, ncomma = 0;
	size_t last_sep = 0, digits_after = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.')
			ndot++, last_sep = i;
		else if (s[i] == ',')
			ncomma++, last_sep = i;
	}
	if (ndot + ncomma)
		digits_after = n - last_sep - 1;
	char dec = comma_decimal ? ',' : '.';
	if (ndot && ncomma)
		dec = s[last_sep];
	else if (ndot + ncomma == 1 && digits_after != 3)
		dec = s[last_sep]; /* "18.6", "18,6": one separator, not thousands */
	else if (ndot > 1 || ncomma > 1)
		dec = 0; /* "1,234,567" / "1.234.567" */
	size_t i = 0;
	while (i < n && o < sizeof buf - 1) {
		size_t st = i;
		uint32_t cp = lsn_utf8_next(s, n, &i);
		(void)st;
		if (cp >= 0xff10 && cp <= 0xff19)
			cp -= 0xff10 - '0';
		if (cp >= '0' && cp <= '9')
			buf[o++] = (char)cp;
		else if (cp == (uint32_t)(unsigned char)dec)
			buf[o++] = '.';
	}
	buf[o] = 0;
	return strtod(buf, NULL);
}

/* The count a word states in news copy ("twelve": lexicon number_word), or -1. */
static int word_number(const lsn_tables *kb, const lsn_doc *doc, uint32_t i)
{
	const struct lsn_tok *t = &doc->toks[i];
	if (t->kind != TK_WORD || t->end - t->start > 9)
		return -1;
	const struct lsn_lexeme *e = lsn_tok_lex(kb, LX_NUMBER_WORD, doc, i, LANG_ALL);
	return e ? e->value : -1;
}

/* A part of a whole written in words from token i ("a quarter of", "một phần tư", "四分之一":
 * lexicon fraction, a Chinese row one character a token as written, another one word a token
 * folded): the row, and the token after it in *end; NULL when none. */
static const struct lsn_lexeme *fraction_at(const lsn_tables *kb, const lsn_doc *doc, uint32_t i,
					    uint32_t *end)
{
	size_t nrows;
	const struct lsn_lexeme *rows = lsn_lex_class(kb, LX_FRACTION, &nrows);
	const struct lsn_tok *t0 = &doc->toks[i];
	if (!nrows || !lsn_tok_lex_may_start(kb, doc, LX_FRACTION, i))
		return NULL;
	struct lsn_tok_starts it;
	lsn_tok_starts(kb, doc, LX_FRACTION, i, &it);
	for (int64_t r; (r = lsn_tok_starts_next(&it)) >= 0;) {
		const char *w = rows[r].word;
		size_t len = rows[r].len, at = 0;
		uint32_t k = i;
		/* the first word first: most tokens begin no row */
		if (rows[r].lang == LANG_ZH ? (unsigned char)doc->text[t0->start] != (unsigned char)w[0]
					    : t0->h != rows[r].h0)
			continue;
		for (; at < len && k < doc->ntoks; k++) {
			const struct lsn_tok *t = &doc->toks[k];
			size_t tn = t->end - t->start, e = at;
			if (rows[r].lang == LANG_ZH) {
				(void)lsn_utf8_next(w, len, &e);
				if (e - at != tn || memcmp(w + at, doc->text + t->start, tn))
					break;
				at = e;
			} else {
				const char *sp = memchr(w + at, ' ', len - at);
				e = sp ? (size_t)(sp - w) : len;
				if (t->h != lsn_fold_hash(w + at, e - at))
					break;
				at = sp ? e + 1 : len;
			}
		}
		if (at == len) {
			*end = k;
			return &rows[r];
		}
	}
	return NULL;
}

static const struct lsn_hit *hit_at(const lsn_doc *doc, uint32_t i, uint8_t kind, size_t *cursor)
{
	/* hits are sorted by t0; cursor makes repeated lookups cheap */
	size_t h = *cursor;
	while (h < doc->nhits && doc->hits[h].t0 < i)
		h++;
	*cursor = h;
	for (; h < doc->nhits && doc->hits[h].t0 == i; h++)
		if (doc->hits[h].kind == kind)
			return &doc->hits[h];
	return NULL;
}

/* Is currency hit h written as its row writes it?  A form with a symbol ("A$",
 * "HK$", "US$") is matched exactly, white space between its tokens aside ("US
 * $500"): "a $500,000 aid" is no Australian dollar.  Words match folded. */
static int currency_as_written(const lsn_tables *kb, const lsn_doc *doc, const struct lsn_hit *h)
{
	const char *form = kb->currency_forms[h->val];
	int symbol = 0;
	for (const char *f = form; *f; f++)
		symbol |= (unsigned char)*f < 0x80 && !((*f | 32) >= 'a' && (*f | 32) <= 'z') && *f != ' ' &&
			  *f != '.';
	if (!symbol || h->t1 - h->t0 < 2)
		return 1;
	const char *f = form;
	for (uint32_t k = h->t0; k < h->t1; k++)
		for (uint32_t b = doc->toks[k].start; b < doc->toks[k].end; b++) {
			while (*f == ' ')
				f++;
			if (*f++ != doc->text[b])
				return 0;
		}
	return 1;
}

/* The currency its last token alone writes when hit h is not written as its
 * row ("a $500": "$"), or -1. */
static int32_t currency_tail(const lsn_tables *kb, const lsn_doc *doc, const struct lsn_hit *h)
{
	const struct lsn_tok *t = &doc->toks[h->t1 - 1];
	size_t n = t->end - t->start;
	for (size_t k = 0; k < kb->ncurrencies; k++)
		if (strlen(kb->currency_forms[k]) == n && !memcmp(kb->currency_forms[k], doc->text + t->start, n))
			return (int32_t)k;
	return -1;
}

static enum lsn_status numbers(struct ctx *c)
{
	lsn_doc *doc = c->doc;
	const lsn_tables *kb = c->kb;
	int comma_decimal = lsn_lang_trait(kb, doc->lang, "decimal_comma");
	size_t cur = 0, cur2 = 0, base = 0; /* base: the first hit at or after i - 3 */
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		const struct lsn_tok *t = &doc->toks[i];
		double v;
		int wn = -1;
		uint32_t fe = 0;
		const struct lsn_lexeme *fr = t->kind != TK_NUM ? fraction_at(kb, doc, i, &fe) : NULL;
		if (fr) {
			if (lsn_grow(&doc->nums, &doc->capnums, doc->nnums + 1, sizeof *doc->nums))
				return LSN_ENOMEM;
			struct lsn_num *nm = &doc->nums[doc->nnums++];
			*nm = (struct lsn_num){.t0 = i, .t1 = fe, .value = fr->value / 100.0, .unit = "pct",
					       .change = NAN, .part = 1};
			i = fe - 1;
			continue;
		}
		if (t->kind == TK_NUM)
			v = parse_num(doc, t, comma_decimal);
		else if ((wn = word_number(kb, doc, i)) >= 0)
			v = wn;
		else
			continue;
		uint32_t t0 = i, t1 = i + 1;
		char unit[4] = "";
		/* currency before: "US$", "$", "USD" */
		while (base < doc->nhits && doc->hits[base].t0 + 3 < i)
			base++;
		size_t scan = base;
		for (uint32_t back = i > 3 ? i - 3 : 0; back < i; back++) {
			const struct lsn_hit *h = hit_at(doc, back, PK_CURRENCY, &scan);
			if (h && h->t1 == i && doc->toks[back].sent == t->sent) {
				int32_t cu = currency_as_written(kb, doc, h) ? (int32_t)h->val
									      : currency_tail(kb, doc, h);
				if (cu >= 0) {
					snprintf(unit, sizeof unit, "%s", kb->currencies[cu]);
					t0 = cu == (int32_t)h->val ? back : h->t1 - 1;
				}
			}
		}
		/* scale words: "billion", "亿", "tỷ"; "万亿" */
		const struct lsn_hit *h;
		double last_scale = 0;
		while (t1 < doc->ntoks && (h = hit_at(doc, t1, PK_SCALE, &cur)) != NULL) {
			v *= kb->scales[h->val];
			last_scale = kb->scales[h->val];
			t1 = h->t1;
		}
		/* "2億4000萬": a smaller unit added on */
		while (last_scale > 0 && t1 + 1 < doc->ntoks && doc->toks[t1].kind == TK_NUM &&
		       !(doc->toks[t1].flags & TF_SPACE)) {
			size_t c2 = cur;
			const struct lsn_hit *h2 = hit_at(doc, t1 + 1, PK_SCALE, &c2);
			if (!h2 || kb->scales[h2->val] >= last_scale)
				break;
			v += parse_num(doc, &doc->toks[t1], comma_decimal) * kb->scales[h2->val];
			last_scale = kb->scales[h2->val];
			t1 = h2->t1;
			cur = c2;
		}
		/* currency after, in the number's sentence ("... 2024" ending a caption
		 * is no amount of the "Đồng thời, ..." opening the next paragraph) */
		if ((h = hit_at(doc, t1, PK_CURRENCY, &cur2)) != NULL && !(doc->toks[h->t0].flags & TF_SENT0) &&
		    currency_as_written(kb, doc, h)) {
			if (!unit[0])
				snprintf(unit, sizeof unit, "%s", kb->currencies[h->val]);
			t1 = h->t1;
		}
		/* percent: "%", "per cent" (lexicon: percent) */
		uint32_t pe = lsn_toks_lex_exact(kb, LX_PERCENT, doc, t1, (uint32_t)doc->ntoks, NULL);
		if (pe) {
			strcpy(unit, "pct");
			t1 = pe;
		}
		/* 164.7 × 10^8 is 16470000000.000002 in binary: to the cent */
		if (fabs(v) >= 1)
			v = round(v * 100) / 100;
		if (lsn_grow(&doc->nums, &doc->capnums, doc->nnums + 1, sizeof *doc->nums))
			return LSN_ENOMEM;
		struct lsn_num *nm = &doc->nums[doc->nnums++];
		nm->t0 = t0, nm->t1 = t1;
		nm->value = v;
		memcpy(nm->unit, unit, sizeof unit);
		nm->change = NAN;
		nm->part = 0;
		i = t1 - 1;
	}
	return LSN_OK;
}

/*
 * Contractions of one-character abbreviations followed by a count of places:
 * "苏沪两省" (Jiangsu, Shanghai), "中越两国", "沪苏浙皖三省一市".  Alone most
 * of these characters are words (苏 of 苏林, 中 of 其中): read only there.
 * Each becomes a place hit, in token order.
 */
static enum lsn_status contractions(struct ctx *c)
{
	lsn_doc *doc = c->doc;
	for (uint32_t i = 2; i + 1 < doc->ntoks; i++) {
		if (doc->toks[i].kind != TK_HAN)
			continue;
		/* the numeral (lexicon: place_count) and its noun (place_count_noun) */
		if (!lsn_tok_lex(c->kb, LX_PLACE_COUNT, doc, i, LANG_ALL) ||
		    !lsn_tok_lex_exact(c->kb, LX_PLACE_COUNT_NOUN, doc, i + 1, LANG_ALL))
			continue;
		uint32_t a = i;
		while (a > 0 && i - a < 6 && doc->toks[a - 1].kind == TK_HAN && doc->toks[a - 1].sent == doc->toks[i].sent &&
		       lsn_map_get(&c->kb->abbrevs, doc->toks[a - 1].h))
			a--;
		if (i - a < 2)
			continue;
		for (uint32_t t = a; t < i; t++) {
			/* where its hit goes (hits are in token order) */
			size_t at = doc->nhits;
			while (at > 0 && doc->hits[at - 1].t0 > t)
				at--;
			int placed = 0;
			for (size_t j = at; j > 0 && doc->hits[j - 1].t0 == t; j--)
				placed |= doc->hits[j - 1].kind == PK_PLACE;
			if (placed) /* 沪: a place already */
				continue;
			if (add_hit(doc, t, t + 1, PK_PLACE, lsn_map_get(&c->kb->abbrevs, doc->toks[t].h) - 1, 0, 0))
				return LSN_ENOMEM;
			struct lsn_hit x = doc->hits[doc->nhits - 1];
			memmove(doc->hits + at + 1, doc->hits + at, (doc->nhits - 1 - at) * sizeof *doc->hits);
			doc->hits[at] = x;
		}
	}
	return LSN_OK;
}

enum lsn_status lsn_annotate(const lsn_tables *kb, lsn_doc *doc)
{
	struct ctx c = {.kb = kb, .doc = doc};
	/* phrases of every language apply to a text of another or unknown language */
	c.lang = lsn_lang_bits(doc->lang) ? lsn_lang_bits(doc->lang) : LANG_ALL;
	doc->nhits = doc->ndates = doc->nnums = 0;
	enum lsn_status st;
	if ((st = places_pass(&c)) || (st = phrases(&c)) || (st = contractions(&c)) || (st = numbers(&c)) ||
	    (st = lsn_dates_find(kb, doc)))
		return st;
	if (getenv("LIAISON_DEBUG_HITS")) /* a developer's view of what matched */
		for (size_t h = 0; h < doc->nhits; h++) {
			const struct lsn_hit *hit = &doc->hits[h];
			fprintf(stderr, "hit kind=%d val=%u a=%d b=%d [%.*s]\n", hit->kind, hit->val, hit->a, hit->b,
				(int)(doc->toks[hit->t1 - 1].end - doc->toks[hit->t0].start),
				doc->text + doc->toks[hit->t0].start);
		}
	return LSN_OK;
}
