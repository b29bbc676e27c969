/*
 * persons_han.c — names written in Chinese characters: after a title, before
 * one ("阮文明总领事"), known actors, and later mentions of a name met.
 */
#include <stdio.h>
#include <string.h>
#include "extract_int.h"

/* A row of class cls at token i, the characters folded (traditional 說 as
 * simplified 说), or NULL. */
static const struct lsn_lexeme *han_lex1(const struct x *X, int cls, uint32_t i)
{
	if (i >= X->doc->ntoks)
		return NULL;
	const struct lsn_lexeme *e = lsn_tok_lexf(X->kb, X->doc, cls, i);
	return e && e->lang == LANG_ZH ? e : NULL;
}

/* Does a two-character row of class cls start at token i (folded)? */
static int han_lex2(const struct x *X, int cls, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	if (i + 2 > doc->ntoks || doc->toks[i].kind != TK_HAN || doc->toks[i + 1].kind != TK_HAN ||
	    doc->toks[i].end != doc->toks[i + 1].start)
		return 0;
	uint64_t h = lsn_fold_hash(doc->text + doc->toks[i].start, doc->toks[i + 1].end - doc->toks[i].start);
	const struct lsn_lexeme *e = lsn_lex_hash(X->kb, cls, h);
	return e && e->lang == LANG_ZH;
}

/* Does token i end a name in running Chinese text?  Not a character; two
 * characters of lexicon class han_name_end: words that follow a name and are
 * part of none ("阮文明一行" and his party, "邀请", "共同", "强调"); a
 * character of han_name_stop: function words and the first characters of
 * common verbs after a name ("宁成功会见", "方伟和").  Traditional forms
 * match through their simplified ones. */
static int han_stop(const struct x *X, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	if (i >= doc->ntoks || doc->toks[i].kind != TK_HAN)
		return 1;
	if (han_lex2(X, LX_HAN_NAME_END, i))
		return 1;
	return han_lex1(X, LX_HAN_NAME_STOP, i) != NULL;
}

static int han_surname(const struct x *X, uint32_t i, uint32_t *len)
{
	const lsn_tables *kb = X->kb;
	*len = 0;
	if (!lsn_tok_starts_run(kb, X->doc->tok_lex[2 * i], LXP_SURNAME))
		return 0; /* no surname begins with this word (tables.c: lex_tok_index) */
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

/* May tokens [i, i+n) be a name whose surname has sl characters?  Every
 * given-name character a character that is no stop, no han_name_end word
 * starting anywhere in it ("王曦共同主持": not 王曦共; "高度评价": no name),
 * no title starting in the given name, and no place starting in it that
 * runs past its end ("宋蓬四川": not 宋蓬四). */
static int han_span_ok_as(const struct x *X, uint32_t i, uint32_t sl, uint32_t n, uint32_t send,
			  int loose)
{
	const lsn_doc *doc = X->doc;
	if (i + n > send)
		return 0;
	for (uint32_t k = i; k < i + n; k++) {
		int stop = han_stop(X, k) && !(loose && doc->toks[k].kind == TK_HAN &&
						 !han_lex2(X, LX_HAN_NAME_END, k) &&
						 han_lex1(X, LX_HAN_NAME_CHAR, k));
		if (k >= i + sl && (stop || (k > i + sl && (X->tok_kind[k] & KB(PK_TITLE & 7)))))
			return 0;
		if (k + 1 < i + n && han_lex2(X, LX_HAN_NAME_END, k))
			return 0;
		if (k > i && doc->pl_end[k] > i + n)
			return 0;
	}
	return 1;
}

static int han_span_ok(const struct x *X, uint32_t i, uint32_t sl, uint32_t n, uint32_t send)
{
	return han_span_ok_as(X, i, sl, n, send, 0);
}

/* The same, but a character of han_name_stop that is also a given name's (lexicon
 * han_name_char: 进 Tiến, 前 Tiền, 来 Lai) may be in it: for a name the text ends
 * clearly ("主席胡进绍。", "主席胡文进会见"). */
static int han_span_ok_loose(const struct x *X, uint32_t i, uint32_t sl, uint32_t n, uint32_t send)
{
	return han_span_ok_as(X, i, sl, n, send, 1);
}

/* How clearly does the text end a name before token b: 2 the sentence's
 * end, a sign, a word of han_name_end, a title, a place or another phrase;
 * 1 a character of han_name_stop; 0 not. */
static int han_end_at(const struct x *X, uint32_t b, uint32_t send)
{
	if (b >= send || X->doc->toks[b].kind != TK_HAN || han_lex2(X, LX_HAN_NAME_END, b) ||
	    X->tok_kind[b] || X->tok_title[b] || X->tok_place[b])
		return 2;
	return han_lex1(X, LX_HAN_NAME_STOP, b) != NULL;
}

/* Is the name of tokens [i, i+n) written elsewhere in the text with clear
 * ends on both sides ("尹索飞代表…" and "…尹索飞说")? */
static int han_elsewhere(const struct x *X, uint32_t i, uint32_t n)
{
	const lsn_doc *doc = X->doc;
	for (uint32_t j = 0; j + n <= doc->ntoks; j++) {
		if (j == i || doc->toks[j].h != doc->toks[i].h)
			continue;
		uint32_t k = 1;
		while (k < n && doc->toks[j + k].h == doc->toks[i + k].h)
			k++;
		if (k < n)
			continue;
		uint32_t s1 = X->st1[doc->toks[j].sent];
		if (j + n <= s1 && han_end_at(X, j + n, s1) && (j == 0 || han_stop(X, j - 1) || X->tok_title[j - 1]))
			return 1;
	}
	return 0;
}

/* Length in characters of a name starting at token i (after a title), or 0.
 * A surname and one or two characters: the length whose end the text marks
 * more clearly (a verb, a title, a place after it rather than a character
 * that may also be a name's, "王曦共同主持"); when it marks neither or
 * both as clearly, the length the same name has elsewhere in the text; else a given
 * name of two characters for a Vietnamese (vn), of one for a Chinese
 * before a character that could go on the name, else of two. */
static uint32_t han_name_len(const struct x *X, uint32_t i, uint32_t send, int vn)
{
	const lsn_doc *doc = X->doc;
	uint32_t sl;
	if (i >= send || doc->toks[i].kind != TK_HAN)
		return 0;
	if (!han_surname(X, i, &sl)) {
		/* a rarer surname (蒙庆华): three characters right after a title,
		 * then a clear boundary */
		if (han_span_ok(X, i, 0, 3, send) && !X->tok_kind[i] && !X->tok_kind[i + 1] && !X->tok_kind[i + 2] &&
		    (i + 3 == send || han_stop(X, i + 3) || X->tok_kind[i + 3]))
			return 3;
		return 0;
	}
	/* a Vietnamese woman's name: 阮氏金银 */
	if (sl == 1 && i + 3 < send && lsn_x_lex_tok(X->kb, doc, LX_HAN_VI_MIDDLE, i + 1) &&
	    !han_stop(X, i + 2) && !han_stop(X, i + 3) && (i + 4 >= send || han_stop(X, i + 4) || X->tok_kind[i + 4]))
		return 4;
	uint32_t g3 = sl + 2, g2 = sl + 1;
	int ok3 = han_span_ok(X, i, sl, g3, send), ok2 = han_span_ok(X, i, sl, g2, send);
	int e3 = ok3 && han_end_at(X, i + g3, send), e2 = ok2 && han_end_at(X, i + g2, send);
	/* a stop character inside a given name the text ends clearly, when nothing shorter
	 * ends as clearly: "主席胡进绍。" is no 胡进 nor nothing, "主席胡文进。" no 胡文 */
	if (!ok3 && e2 < 2 && han_span_ok_loose(X, i, sl, g3, send) && han_end_at(X, i + g3, send) == 2)
		return g3;
	if (!ok3 && !ok2 && han_span_ok_loose(X, i, sl, g2, send) && han_end_at(X, i + g2, send) == 2)
		return g2;
	if (e3 > e2)
		return g3;
	if (e2 > e3)
		return g2;
	if (ok3 && han_elsewhere(X, i, g3))
		return g3;
	if (ok2 && han_elsewhere(X, i, g2))
		return g2;
	if (ok3 && (e3 || vn))
		return g3;
	return ok2 ? g2 : 0;
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

/* A Vietnamese name in characters [t0, t1) whose readings depend on the
 * region (黄 Hoàng or Huỳnh, 武 Vũ or Võ): spelled as the Latin form the
 * text gives in brackets right after it ("黄明强（Huynh Minh Cuong）"), else
 * as a known Vietnamese person the actor table names so, else left as read.
 * Returns the actor found, or -1. */
static int32_t han_viet_spelling(const struct x *X, uint32_t t0, uint32_t t1, char *name, size_t cap)
{
	const lsn_doc *doc = X->doc;
	const char *s = doc->text + doc->toks[t0].start;
	size_t n = doc->toks[t1 - 1].end - doc->toks[t0].start;
	char out[96];
	if (t1 + 2 < doc->ntoks && tok_fold_is(doc, t1, "(") && doc->toks[t1 + 1].kind == TK_WORD) {
		uint32_t j = t1 + 1;
		while (j < doc->ntoks && j < t1 + 6 && doc->toks[j].kind == TK_WORD)
			j++;
		const char *l = doc->text + doc->toks[t1 + 1].start;
		if (j < doc->ntoks && tok_fold_is(doc, j, ")") &&
		    lsn_han_viet_spell(s, n, l, doc->toks[j - 1].end - doc->toks[t1 + 1].start, out, sizeof out)) {
			int marks = 0;
			for (const char *c = l; c < doc->text + doc->toks[j - 1].end; c++)
				marks |= (unsigned char)*c >= 0xc3;
			/* the text's own spelling when it has the diacritics */
			if (marks)
				snprintf(name, cap, "%.*s", (int)(doc->toks[j - 1].end - doc->toks[t1 + 1].start), l);
			else
				snprintf(name, cap, "%s", out);
			return -1;
		}
	}
	/* the actors whose last syllable is the name's, then by every reading */
	const char *last = strrchr(name, ' ');
	if (!last)
		return -1;
	uint64_t lh = lsn_fold_hash(last + 1, strlen(last + 1));
	for (size_t a = 0; a < X->kb->nactors; a++) {
		const struct lsn_actor *ac = &X->kb->actors[a];
		const char *al = strrchr(ac->id, ' ');
		if (ac->cc[0] != 'V' || ac->cc[1] != 'N' || !al || lsn_fold_hash(al + 1, strlen(al + 1)) != lh)
			continue;
		if (strcmp(ac->id, name) && lsn_han_viet_match(s, n, ac->id, strlen(ac->id))) {
			snprintf(name, cap, "%s", ac->id);
			return (int32_t)a;
		}
	}
	return -1;
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

/* The province-level place of country cc (any country when cc is NULL)
 * named last before token t, within the three sentences before its own;
 * -1 when none. */
static int32_t recent_province(const struct x *X, uint32_t t, const char *cc)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[t].sent, from = X->st0[si > 3 ? si - 3 : 0];
	for (uint32_t j = t; j > from; j--) {
		int32_t pl = X->tok_place[j - 1] - 1;
		if (pl >= 0 && X->kb->places[pl].level == PL_PROVINCE && (!cc || !strcmp(X->kb->places[pl].cc, cc)))
			return pl;
	}
	return -1;
}

/* Is the place hit at token j a city: a city-level place, or a
 * province-level one written with 市 after it (重庆市)? */
static int city_at(const struct x *X, uint32_t j, const char *cc)
{
	const lsn_doc *doc = X->doc;
	int32_t pl = X->tok_place[j] - 1;
	if (pl < 0 || strcmp(X->kb->places[pl].cc, cc) || (X->tok_kind[j] & KB(PK_TITLE & 7)))
		return 0;
	if (X->kb->places[pl].level == PL_CITY)
		return 1;
	uint32_t e = doc->pl_end[j];
	return X->kb->places[pl].level == PL_PROVINCE && e > j && e < doc->ntoks &&
	       han_lex1(X, LX_CITY_WORD, e) != NULL;
}

/* The city of country cc whose government a city title without a place
 * is of ("市政府外办主任曹某"): the one named last before it within three
 * sentences, else the one the story names most often (outside titles);
 * -1 when none. */
static int32_t story_city(const struct x *X, uint32_t t, const char *cc)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[t].sent, from = X->st0[si > 3 ? si - 3 : 0];
	for (uint32_t j = t; j > from; j--)
		if ((j - 1 == 0 || X->tok_place[j - 2] != X->tok_place[j - 1]) && city_at(X, j - 1, cc))
			return X->tok_place[j - 1] - 1;
	int32_t best = -1;
	uint32_t nbest = 0;
	for (uint32_t j = 0; j < doc->ntoks; j++) {
		if (!city_at(X, j, cc) || (j > 0 && X->tok_place[j - 1] == X->tok_place[j]))
			continue;
		int32_t pl = X->tok_place[j] - 1;
		uint32_t n = 0;
		for (uint32_t k = j; k < doc->ntoks; k++)
			n += X->tok_place[k] - 1 == pl && (k == 0 || X->tok_place[k - 1] != X->tok_place[k]) &&
			     !(X->tok_kind[k] & KB(PK_TITLE & 7));
		if (n > nbest) {
			nbest = n;
			best = pl;
		}
	}
	return best;
}

/* The side of the office the title at hit h names: 1 Vietnamese, -1
 * another country, 0 unknown.  The title's place, or the place (or
 * country) named last before it in its clause, across a chain of titles
 * ("越南广宁省委常委、芒街市委书记", "越南工商部贸易促进局副局长"). */
/* The place the title at hit h names: its own, the title's org, or the
 * place (or country) named last before it in its clause, across a chain of
 * titles and the names between them ("老挝总书记甲·乙和副总理丙·丁");
 * -1 when none. */
static int32_t title_clause_place(const struct x *X, const struct lsn_hit *h)
{
	const lsn_tables *kb = X->kb;
	const lsn_doc *doc = X->doc;
	int32_t pl = han_title_place(X, h);
	if (pl < 0)
		pl = kb->titles[h->val].org;
	uint32_t s0 = X->st0[doc->toks[h->t0].sent];
	for (uint32_t j = h->t0; pl < 0 && j > s0 && h->t0 - j < 24; j--) {
		if (X->tok_title[j - 1] && doc->hits[X->tok_title[j - 1] - 1].t1 == j) {
			/* an earlier title of the chain with its place */
			const struct lsn_hit *e = &doc->hits[X->tok_title[j - 1] - 1];
			pl = han_title_place(X, e);
			j = e->t0 + 1;
		} else if (X->tok_place[j - 1]) {
			/* a place whose first character ends a title is none
			 * ("外交部长沙伦": not 长沙) */
			uint32_t ps = j - 1;
			while (ps > s0 && X->tok_place[ps - 1] == X->tok_place[j - 1])
				ps--;
			if (X->tok_title[ps])
				j = ps + 1;
			else
				pl = X->tok_place[j - 1] - 1;
		} else if (tok_fold_is(doc, j - 1, ")")) {
			/* back over a bracket: "越南友好组织联合会(VUFO)主席" */
			uint32_t k = j - 1;
			while (k > s0 && j - k < 8 && !tok_fold_is(doc, k - 1, "("))
				k--;
			if (k == s0 || !tok_fold_is(doc, k - 1, "("))
				break;
			j = k;
		} else if (doc->toks[j - 1].kind != TK_HAN && !han_lex1(X, LX_TITLE_LIST_MARK, j - 1) &&
			   !lsn_x_lex_tok(kb, doc, LX_HAN_NAME_DOT, j - 1)) {
			break;
		} else if (han_lex1(X, LX_TITLE_LIST_MARK, j - 1) && j - 1 > s0 && !X->tok_title[j - 2] &&
			   !X->tok_place[j - 2]) {
			break; /* a list of persons: "甲国总领事某某、乙国总领事" */
		}
	}
	return pl;
}

static int title_side(const struct x *X, const struct lsn_hit *h)
{
	int32_t pl = title_clause_place(X, h);
	if (pl < 0)
		return 0;
	return X->kb->places[pl].cc[0] == 'V' && X->kb->places[pl].cc[1] == 'N' ? 1 : -1;
}

/* Length in tokens of a foreign name written in characters with a dot
 * between its parts (lexicon class han_name_dot) from token i: "本扬·沃拉吉",
 * "坎康·占塔维苏"; 0 when none.  Each part one to six characters; the last
 * ends where the text clearly ends a name (a sign, a title, a place, a
 * han_name_end word, or a han_name_stop character after two of its own). */
static uint32_t han_dotted_len(const struct x *X, uint32_t i, uint32_t send)
{
	const lsn_doc *doc = X->doc;
	uint32_t j = i, parts = 0;
	for (;;) {
		uint32_t k = j;
		while (k < send && k - j < 7 && doc->toks[k].kind == TK_HAN) {
			/* no title inside: "省委书记兼省长甲·乙" is not 兼省长甲·乙 */
			if (X->tok_title[k] || (X->tok_kind[k] & KB(PK_TITLE & 7)))
				return 0;
			int end = k > j && parts ? han_end_at(X, k, send) : 0;
			if (end == 2 || (end == 1 && k - j >= 2))
				break;
			k++;
		}
		if (k == j || k - j > 6)
			return 0;
		parts++;
		if (parts < 4 && k + 1 < send && lsn_x_lex_tok(X->kb, doc, LX_HAN_NAME_DOT, k) &&
		    doc->toks[k + 1].kind == TK_HAN) {
			j = k + 1;
			continue;
		}
		return parts >= 2 ? k - i : 0;
	}
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

/* The office of a Vietnamese local government's head or deputy, written
 * with the Chinese words for a governor or a mayor: chairman, vice chairman
 * of the People's Committee. */
static void han_vn_office(struct lsn_person *p)
{
	static const uint8_t from[] = {13 /* mayor */, 14 /* vice mayor */, 15 /* governor */, 16 /* vice governor */};
	static const uint8_t to[] = {17 /* chairman */, 18 /* vice chairman */, 17, 18};
	for (size_t k = 0; k < sizeof from; k++)
		if (p->role == from[k]) {
			p->role = to[k];
			return;
		}
}

/* Applies the titles before a name: "自治区党委书记、自治区人大常委会主任刘宁",
 * a chain whose first title is the main one. */
static void han_apply_chain(struct x *X, struct lsn_person *p, const struct lsn_hit *tb, uint32_t s0, int vn)
{
	const lsn_doc *doc = X->doc;
	/* "自治区党委书记、自治区人大常委会主任刘宁": the first title of
	 * the chain is the main one */
	const struct lsn_hit *chain[6];
	int nc = 0;
	chain[nc++] = tb;
	while (nc < 6) {
		/* back over "自治区" and the like to the "、" */
		uint32_t j = chain[nc - 1]->t0, k = j;
		while (k > s0 + 1 && j - k < 4 && !lsn_x_lex_tok(X->kb, doc, LX_TITLE_LIST_MARK, k - 1))
			k--;
		if (k < s0 + 2 || !lsn_x_lex_tok(X->kb, doc, LX_TITLE_LIST_MARK, k - 1) ||
		    !X->tok_title[k - 2])
			break;
		chain[nc++] = &doc->hits[X->tok_title[k - 2] - 1];
	}
	struct lsn_hit hs[6];
	int best = -1;
	while (nc-- > 0) {
		/* "越南老街省副主席": the place named just before the title */
		struct lsn_hit h = *chain[nc];
		if (h.a < 0)
			h.a = han_title_place(X, &h);
		/* "自治区主席韦韬", "省委书记…": the province the story named
		 * just before (in the last few sentences) */
		const char *cc = p->actor >= 0 ? X->kb->actors[p->actor].cc : vn ? "VN" : "CN";
		if (h.a < 0 && X->kb->titles[h.val].scope == PL_PROVINCE)
			h.a = recent_province(X, h.t0, cc);
		/* "市政府外办主任", "市委书记": the story's city of that side */
		if (h.a < 0 && X->kb->titles[h.val].scope == PL_CITY)
			h.a = story_city(X, h.t0, cc);
		/* "越南社会主义共和国主席": a country's 主席 is its president */
		uint8_t tr = X->kb->titles[h.val].role, state = 0;
		int32_t country = h.a;
		if (h.a >= 0 && X->kb->places[h.a].level == PL_COUNTRY && (tr == 17 || tr == 18) && h.t0 > 0 &&
		    X->tok_place[h.t0 - 1] - 1 == h.a)
			state = tr == 17 ? 2 /* president */ : 3 /* vice president */;
		if (h.a >= 0 && X->kb->places[h.a].level == PL_COUNTRY && X->kb->titles[h.val].scope != PL_COUNTRY)
			h.a = -1;
		lsn_x_apply_title(X, p, &h, vn);
		if (state && p->role == tr) {
			p->role = state;
			p->org = country;
			snprintf(p->org_name, sizeof p->org_name, "%s", X->kb->places[country].id);
		}
		hs[nc] = h;
		uint8_t r = X->kb->titles[h.val].role;
		if (r >= 1 && r <= 8 && (best < 0 || r < X->kb->titles[hs[best].val].role))
			best = nc;
	}
	/* "越南政府副总理兼外交部长", "外交部部长、政府副总理": an office of the
	 * state ranks above the others (general secretary down to vice
	 * minister, in the order of the role vocabulary) */
	if (best >= 0 && p->role != X->kb->titles[hs[best].val].role &&
	    (p->role == 0 || p->role > 8 || p->role > X->kb->titles[hs[best].val].role) && p->role != 1) {
		p->role = 0;
		lsn_x_apply_title(X, p, &hs[best], vn);
	}
}

/* "谅山、高平省委书记甲、乙": as many places listed before one title as
 * names listed after it (from token first): the k-th name holds the office
 * of the k-th place.  The place of name k, or -1. */
static int32_t han_list_place(const struct x *X, const struct lsn_hit *tb, uint32_t first, uint32_t s1, int k)
{
	const lsn_doc *doc = X->doc;
	int32_t rev[4];
	int np = 0;
	uint32_t j = tb->t0, s0 = X->st0[doc->toks[tb->t0].sent];
	if (tb->a >= 0 && X->tok_place[j] - 1 == tb->a)
		rev[np++] = tb->a; /* the title opens with its place */
	else if (j > s0 && X->tok_place[j - 1])
		rev[np++] = X->tok_place[--j] - 1;
	else
		return -1;
	while (j > s0 && X->tok_place[j - 1] - 1 == rev[np - 1])
		j--;
	while (np < 4 && j > s0 + 1 && han_lex1(X, LX_TITLE_LIST_MARK, j - 1) && X->tok_place[j - 2]) {
		rev[np] = X->tok_place[j - 2] - 1;
		for (j -= 2; j > s0 && X->tok_place[j - 1] - 1 == rev[np]; j--)
			;
		np++;
	}
	int nn = 0;
	uint32_t i = first, sl;
	while (i < s1 && nn < 5 && han_surname(X, i, &sl)) {
		uint32_t n = han_name_len(X, i, s1, 0);
		if (!n)
			break;
		nn++;
		i += n;
		if (i + 1 >= s1 || !han_lex1(X, LX_TITLE_LIST_MARK, i))
			break;
		i++;
	}
	return np >= 2 && nn == np && k < np ? rev[np - 1 - k] : -1;
}

/* Is the person named in characters [i, e) Vietnamese?  The side the
 * titles before or after give; else 氏 second (阮氏金银), a surname only
 * Vietnamese people use (阮), or the side of the province the sentence
 * named last ("乂安省工作团由…副主席冯成荣"). */
static int han_side(const struct x *X, uint32_t i, uint32_t e, const struct lsn_hit *tb,
		    const struct lsn_hit *ta)
{
	int s = tb ? title_side(X, tb) : 0;
	if (!s && ta)
		s = title_side(X, ta);
	if (s)
		return s > 0;
	if ((e - i == 4 && lsn_x_lex_tok(X->kb, X->doc, LX_HAN_VI_MIDDLE, i + 1)) || zh_viet_surname(X, i))
		return 1;
	if (!tb && !ta)
		return 0;
	for (uint32_t j = i, s0 = X->st0[X->doc->toks[i].sent]; j > s0; j--) {
		int32_t pl = X->tok_place[j - 1] - 1;
		if (pl >= 0 && X->kb->places[pl].level == PL_PROVINCE)
			return !strcmp(X->kb->places[pl].cc, "VN");
	}
	return 0;
}

int lsn_x_han_persons(struct x *X, uint32_t si, int second_pass)
{
	lsn_doc *doc = X->doc;
	uint32_t s0 = X->st0[si], s1 = X->st1[si], listed_at = 0, listed_first = 0;
	const struct lsn_hit *listed_tb = NULL;
	int listed_k = 0;
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
				/* the same characters, a traditional form as its
				 * simplified one (習近平 after 习近平) */
				uint32_t m = 0;
				while (m < p->han_len && doc->toks[i + m].kind == doc->toks[p->first_tok + m].kind &&
				       doc->toks[i + m].h == doc->toks[p->first_tok + m].h)
					m++;
				if (m == p->han_len) {
					lsn_x_add_mention(doc, p, i, i + p->han_len);
					doc->ment_person[i] = (int32_t)k + 1;
					/* "宁成功总领事": a title after the name */
					if (X->tok_title[i + p->han_len] == 0)
						for (uint32_t j = i + p->han_len; j < s1 && j < i + p->han_len + 6; j++)
							if (X->tok_title[j]) {
								const struct lsn_hit *h = &doc->hits[X->tok_title[j] - 1];
								if (h->t0 == i + p->han_len)
									lsn_x_apply_title(X, p, h, p->vn_order);
								break;
							}
					if (i == s0 || lsn_x_is_speech(X->kb, doc, i + p->han_len))
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
		/* "云南省领导刘慧晏、刘洪建": names listed after one title share it */
		int listed = !tb && listed_at == i && listed_tb;
		if (listed)
			tb = listed_tb;
		listed_tb = NULL;
		listed_k = listed ? listed_k + 1 : 0;
		if (!listed)
			listed_first = i;
		const struct lsn_hit *ta = NULL;
		uint32_t dotted = 0;
		/* "老挝国家主席本扬·沃拉吉": a foreign name after a title */
		if (actor < 0 && tb && !X->tok_place[i])
			dotted = han_dotted_len(X, i, s1);
		if (actor < 0) {
			uint32_t n = dotted;
			uint32_t sl;
			if (dotted) {
				/* the whole dotted span */
			} else if (listed) {
				/* not the next office's place: "…书记阮文读、安沛省委书记" */
				n = han_surname(X, i, &sl) && !X->tok_place[i]
					    ? han_name_len(X, i, s1, title_side(X, tb) > 0 || zh_viet_surname(X, i)) : 0;
				if (n && !han_end_at(X, i + n, s1))
					n = 0;
			} else if (tb) {
				n = han_name_len(X, i, s1, title_side(X, tb) > 0 || zh_viet_surname(X, i));
			} else {
				/* "阮文明总领事": a surname, a given name, then a title */
				if (han_surname(X, i, &sl) && (i == s0 || han_stop(X, i - 1)))
					for (uint32_t len = sl + 2; len >= sl + 1 && !n; len--) {
						if (i + len >= s1 || !han_span_ok(X, i, sl, len, s1) || X->tok_kind[i + len - 1])
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
		/* "柬埔寨首相洪森": an office of a third country's makes a
		 * foreign name too, kept as written */
		int32_t fpl = actor < 0 && tb ? title_clause_place(X, tb) : -1;
		const char *fcc = fpl >= 0 ? X->kb->places[fpl].cc : "";
		int foreign = dotted || (fcc[0] && strcmp(fcc, "CN") && strcmp(fcc, "VN"));
		int vn = actor >= 0 ? X->kb->actors[actor].cc[0] == 'V' : !foreign && han_side(X, i, e, tb, ta);
		char name[96];
		if (actor >= 0)
			snprintf(name, sizeof name, "%s", X->kb->actors[actor].id);
		else if (foreign) /* kept as written: no Chinese reading fits it */
			snprintf(name, sizeof name, "%.*s", (int)(doc->toks[e - 1].end - doc->toks[i].start),
				 doc->text + doc->toks[i].start);
		else
			han_canonical(X, i, e, vn, name, sizeof name);
		if (actor < 0 && vn)
			actor = han_viet_spelling(X, i, e, name, sizeof name);
		int32_t pi = lsn_x_find_person(doc, name);
		/* the same characters met before under another reading: "柬埔寨驻华
		 * 大使宋蓬…宋蓬大使" */
		for (size_t k = 0; pi < 0 && actor < 0 && k < doc->npersons; k++) {
			const struct lsn_person *q = &doc->persons[k];
			uint32_t m = 0;
			while (q->han_len == e - i && m < q->han_len && doc->toks[i + m].h == doc->toks[q->first_tok + m].h)
				m++;
			if (q->han_len == e - i && m == q->han_len)
				pi = (int32_t)k;
		}
		if (pi < 0) {
			pi = lsn_x_person_for(X, i, e, actor, vn);
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
			han_apply_chain(X, p, tb, s0, vn);
			int32_t lp = han_list_place(X, tb, listed_first, s1, listed_k);
			if (lp >= 0) {
				p->org = lp;
				snprintf(p->org_name, sizeof p->org_name, "%s", X->kb->places[lp].id);
			}
		}
		/* a foreign name holds an office of the place its title names
		 * ("老挝副总理宋迪·隆迪": Laos), of no side when it names none */
		if (foreign && tb) {
			p->foreign = 1;
			p->org = fpl;
			snprintf(p->org_name, sizeof p->org_name, "%s", fpl >= 0 ? X->kb->places[fpl].id : "");
		}
		if (ta)
			lsn_x_apply_title(X, p, ta, vn);
		/* "范星梅大使": a title right after */
		if (!ta && X->tok_title[e] == 0)
			for (uint32_t j = e; j < s1 && j < e + 8; j++)
				if (X->tok_title[j]) {
					const struct lsn_hit *h = &doc->hits[X->tok_title[j] - 1];
					if (h->t0 == e)
						lsn_x_apply_title(X, p, h, vn);
					break;
				}
		/* a Vietnamese province's or city's government is its People's
		 * Committee, whatever word the Chinese text uses for its head
		 * ("平阳省人民政府常务副省长": a vice chairman) */
		if (vn)
			han_vn_office(p);
		if (tb && e + 1 < s1 && han_lex1(X, LX_TITLE_LIST_MARK, e)) {
			listed_tb = tb;
			listed_at = e + 1;
		}
		i = e - 1;
	}
	return 0;
}
