/*
 * persons_han.c — names written in Chinese characters: after a title, before
 * one ("阮文明总领事"), known actors, and later mentions of a name met.
 */
#include <stdio.h>
#include <string.h>
#include "extract_int.h"

/* Does token i end a name in running Chinese text?  Not a character; two
 * characters of lexicon class han_name_end ("阮文明一行" and his party, "一道",
 * "一起": not 王一博); a character of han_name_stop: function words and the
 * first characters of common verbs after a name ("宁成功会见", "方伟和"). */
static int han_stop(const struct x *X, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	if (doc->toks[i].kind != TK_HAN)
		return 1;
	if (lsn_x_lex_seq(X->kb, doc, LX_HAN_NAME_END, i, 2))
		return 1;
	return lsn_x_lex_tok(X->kb, doc, LX_HAN_NAME_STOP, i) != NULL;
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
		if (i + 3 <= send && !han_stop(X, i) && !han_stop(X, i + 1) && !han_stop(X, i + 2) &&
		    !X->tok_kind[i] && !X->tok_kind[i + 1] && !X->tok_kind[i + 2] &&
		    (i + 3 == send || han_stop(X, i + 3) || X->tok_kind[i + 3]))
			return 3;
		return 0;
	}
	/* a Vietnamese woman's name: 阮氏金银 */
	if (sl == 1 && i + 3 < send && lsn_x_lex_tok(X->kb, doc, LX_HAN_VI_MIDDLE, i + 1) &&
	    !han_stop(X, i + 2) && !han_stop(X, i + 3) && (i + 4 >= send || han_stop(X, i + 4) || X->tok_kind[i + 4]))
		return 4;
	/* surname + two characters, else surname + one */
	uint32_t g3 = sl + 2, g2 = sl + 1;
	int ok3 = i + g3 <= send && !han_stop(X, i + sl) && !han_stop(X, i + sl + 1) &&
		  !(X->tok_kind[i + sl + 1] & KB(PK_TITLE & 7)) &&
		  (i + g3 >= send || han_stop(X, i + g3) || X->tok_kind[i + g3] ||
		   X->tok_title[i + g3] || X->tok_place[i + g3]);
	if (ok3)
		return g3;
	if (i + g2 <= send && !han_stop(X, i + sl))
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

int lsn_x_han_persons(struct x *X, uint32_t si, int second_pass)
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
		const struct lsn_hit *ta = NULL;
		if (actor < 0) {
			uint32_t n = 0;
			if (tb) {
				n = han_name_len(X, i, s1);
			} else {
				/* "阮文明总领事": a surname, a given name, then a title */
				uint32_t sl;
				if (han_surname(X, i, &sl) && (i == s0 || han_stop(X, i - 1)))
					for (uint32_t len = sl + 2; len >= sl + 1 && !n; len--) {
						if (i + len >= s1 || han_stop(X, i + len - 1) || X->tok_kind[i + len - 1])
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
				       (e - i == 4 && lsn_x_lex_tok(X->kb, doc, LX_HAN_VI_MIDDLE, i + 1)) ||
				       (!tb && ta && X->kb->titles[ta->val].role == 10 /* consul general */ &&
					zh_viet_surname(X, i)));
		char name[96];
		if (actor >= 0)
			snprintf(name, sizeof name, "%s", X->kb->actors[actor].id);
		else
			han_canonical(X, i, e, vn, name, sizeof name);
		int32_t pi = lsn_x_find_person(doc, name);
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
				lsn_x_apply_title(X, p, &h, vn);
			}
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
		i = e - 1;
	}
	return 0;
}
