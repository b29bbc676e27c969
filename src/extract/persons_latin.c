/*
 * persons_latin.c — names written in Latin letters (English, Vietnamese,
 * pinyin): title + name, name + appositive title, surname-led names, known
 * actors, and short forms of persons already met.
 */
#include <stdio.h>
#include <string.h>
#include "extract_int.h"

/* Could token i be part of a Latin-script personal name?  Not a word of
 * lexicon class name_stop (folded, only when ASCII: "Thế" is a name, not
 * "the"), nor of name_stop_vi_exact (diacritics kept: Quốc, Trọng are names; a row of
 * lang vi only in Vietnamese text). */
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
	if (ascii && lsn_tok_lexf(X->kb, X->doc, LX_NAME_STOP, i))
		return 0;
	/* a Vietnamese word ("trong": in) only in Vietnamese text: in English without its
	 * marks it is a name ("Nguyen Phu Trong") */
	const struct lsn_lexeme *e = lsn_tok_lexl(X->kb, X->doc, LX_NAME_STOP_VI_EXACT, i);
	if (e && (e->lang != LANG_VI || lsn_x_lex_of_lang(X->doc, e)))
		return 0;
	return 1;
}

/* Is token i a capitalised word after which a name is the name of an
 * institution or a thing (lexicon class name_org_next)? */
static int org_word(const struct x *X, uint32_t i)
{
	if (!(X->doc->toks[i].flags & TF_CAP))
		return 0;
	return lsn_x_lex_fold(X->kb, X->doc, LX_NAME_ORG_NEXT, i) != NULL;
}

/* Does a street word (lexicon street_before, one word or two: "đường", "đại
 * lộ") end right before token i? */
static int street_before(const struct x *X, uint32_t s0, uint32_t i)
{
	for (uint32_t k = 1; k <= 2 && i >= s0 + k; k++)
		if (lsn_toks_lex_exact(X->kb, LX_STREET_BEFORE, X->doc, i - k, i, NULL) == i)
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
	if (!lsn_tok_starts_run(kb, X->doc->tok_lex[2 * i], LXP_SURNAME))
		return 0; /* no surname begins with this word (tables.c: lex_tok_index) */
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


/* Is token i an opening (which 1) or closing (2) bracket (lexicon bracket)? */
static int bracket(const struct x *X, uint32_t i, int which)
{
	const struct lsn_lexeme *e = lsn_x_lex_exact(X->kb, X->doc, LX_BRACKET, i);
	return e && e->value == which;
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
	/* "Ambassador Pham Sao Mai", "Mr. Nguyen", "ông", "đồng chí" (comrade):
	 * lexicon class honorific, value 1 before a dot, 2 bare */
	const struct lsn_lexeme *hon;
	const lsn_tables *kb = X->kb;
	if (j >= 2 && tok_is(X->doc, j - 1, ".") &&
	    (hon = lsn_x_lex_seq(kb, X->doc, LX_HONORIFIC, j - 2, 1)) && (hon->value & 1))
		j -= 2;
	else if (j >= 1 && (hon = lsn_x_lex_seq(kb, X->doc, LX_HONORIFIC, j - 1, 1)) && (hon->value & 2))
		j -= 1;
	else if (j >= 2 && (hon = lsn_x_lex_seq(kb, X->doc, LX_HONORIFIC, j - 2, 2)) && (hon->value & 2))
		j -= 2;
	/* "Phó Tỉnh trưởng tỉnh Quảng Đông (Trung Quốc) Âu Dương Vệ Dân", "Secretary of
	 * the Yunnan Provincial Party Committee (China) Zhang Wei": the country in
	 * brackets glosses the title's place; the title is before it */
	if (j >= 4 && bracket(X, j - 1, 2) && X->tok_place[j - 2] &&
	    kb->places[X->tok_place[j - 2] - 1].level == PL_COUNTRY) {
		uint32_t k = j - 2;
		while (k > 0 && X->tok_place[k - 1] == X->tok_place[j - 2])
			k--;
		if (k >= 2 && bracket(X, k - 1, 1) && X->tok_title[k - 2])
			j = k - 1;
	}
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
		/* ... whose name may join words with "and" ("Department of Education
		 * and Training") */
		while (k > stop && (tok_fold_is(X->doc, k - 1, "of") || tok_fold_is(X->doc, k - 1, "the") ||
				    /* "People's": the possessive of a word of the name */
				    (k - 2 > stop && tok_fold_is(X->doc, k - 1, "s") &&
				     (tok_is(X->doc, k - 2, "'") || tok_is(X->doc, k - 2, "\xe2\x80\x99"))) ||
				    ((tok_is(X->doc, k - 1, "'") || tok_is(X->doc, k - 1, "\xe2\x80\x99")) &&
				     k - 1 > stop && (X->doc->toks[k - 2].flags & TF_CAP)) ||
				    (tok_fold_is(X->doc, k - 1, "and") && k - 1 > stop &&
				     (X->doc->toks[k - 2].flags & TF_CAP)) ||
				    (X->doc->toks[k - 1].flags & (TF_CAP | TF_UPPER))) && !X->tok_title[k - 1])
			k--;
		/* the title may end with "of (the)" itself: "Head of the HEZA Le Trung Kien" */
		int of = k < j && tok_fold_is(X->doc, k, "of");
		if (!of && k >= 1 && X->tok_title[k - 1])
			of = tok_fold_is(X->doc, k - 1, "of") ||
			     (k >= 2 && tok_fold_is(X->doc, k - 1, "the") && tok_fold_is(X->doc, k - 2, "of"));
		if (k == j || k == 0 || !X->tok_title[k - 1] || !of)
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
	char f[256];
	const lsn_doc *doc = X->doc;
	size_t n = doc->toks[hit->t1 - 1].end - doc->toks[hit->t0].start;
	lsn_fold(doc->text + doc->toks[hit->t0].start, n, f, sizeof f);
	/* a word of lexicon class council_word anywhere in it, folded */
	size_t nc;
	const struct lsn_lexeme *council = lsn_lex_class(X->kb, LX_COUNCIL_WORD, &nc);
	for (size_t k = 0; k < nc; k++) {
		char c[32];
		lsn_fold(council[k].word, council[k].len, c, sizeof c);
		if (strstr(f, c))
			return 0;
	}
	return 1;
}

/* Rank of a title among the titles of one person, lower first: the order of the
 * role vocabulary, but the head of a government before a deputy party secretary
 * ("Deputy Secretary of the Provincial Party Committee, Chairman of the Provincial
 * People's Committee") and a council's chairman after one, and "official" last. */
static int title_rank(const struct x *X, const struct lsn_hit *h)
{
	int r = X->kb->titles[h->val].role;
	if (r <= 0 || r == 21)
		return 1000;
	if (r == 12)
		return 4 * 17 + 1;
	if (r == 17 && !gov_head(X, h))
		return 4 * 17 + 2;
	return 4 * r;
}

/* Is token k the mark between two titles of one person ("," or "、")? */
static int title_mark(const struct x *X, uint32_t k)
{
	return tok_is(X->doc, k, ",") || lsn_x_lex_tok(X->kb, X->doc, LX_TITLE_LIST_MARK, k);
}

/* The highest of the chain of titles that h belongs to: "Minister, Chairman of the
 * Government Office Vu Duc Dam", "Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh Trịnh Văn A"
 * (dir -1: titles before h), "Nguyen Van A, Secretary of ..., Chairman of ..." (dir
 * 1: titles after h), each joined by a mark alone. */
static const struct lsn_hit *chain_best(const struct x *X, const struct lsn_hit *h, int dir)
{
	const lsn_doc *doc = X->doc;
	const struct lsn_hit *best = h, *at = h;
	for (int n = 0; n < 4; n++) {
		const struct lsn_hit *next = NULL;
		if (dir < 0 && at->t0 >= 2 && title_mark(X, at->t0 - 1) && X->tok_title[at->t0 - 2])
			next = &doc->hits[X->tok_title[at->t0 - 2] - 1];
		/* after the name, "and" joins descriptions more than titles ("..., Deputy
		 * Secretary of ... and President of the ... Party School") */
		if (dir > 0 && at->t1 + 1 < doc->ntoks && title_mark(X, at->t1) &&
		    !tok_fold_is(doc, at->t1, "and"))
			for (size_t q = X->hit0[at->t1 + 1]; q < doc->nhits && doc->hits[q].t0 == at->t1 + 1; q++)
				if (doc->hits[q].kind == PK_TITLE)
					next = &doc->hits[q];
		if (!next || doc->toks[next->t0].sent != doc->toks[h->t0].sent)
			break;
		if (title_rank(X, next) < title_rank(X, best))
			best = next;
		at = next;
	}
	return best;
}

/* Applies title h, or the highest of its chain when h gave the person its role. */
static void apply_chain(struct x *X, struct lsn_person *p, const struct lsn_hit *h, int dir, int vn)
{
	int had = p->role;
	lsn_x_apply_title(X, p, h, vn);
	const struct lsn_hit *best = chain_best(X, h, dir);
	if (best == h || (had && had != 21) || p->role != (int)X->kb->titles[h->val].role)
		return;
	p->role = 0;
	p->org = -1;
	p->org_name[0] = 0;
	lsn_x_apply_title(X, p, best, vn);
}

/* "his Chinese counterpart Sun Weidong": the office of the person with a
 * role met last in the sentence before, at the other side's place. */
static void counterpart_role(struct x *X, struct lsn_person *p, uint32_t si)
{
	const lsn_doc *doc = X->doc;
	const struct lsn_person *best = NULL;
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *q = &doc->persons[k];
		if (q == p || !q->role || q->role == 21 || q->first_tok < X->st0[si] ||
		    q->first_tok >= p->first_tok)
			continue;
		if (!best || q->first_tok > best->first_tok)
			best = q;
	}
	if (best)
		p->role = best->role;
}

/* A list of persons each with the title right after the name, without a mark:
 * "Cùng dự có các đồng chí: Hoàng Văn A Phó Chủ tịch UBND thành phố; Lê Văn B,
 * ...": the name [i, e) opens an item (after ":" or ";") and its title ends the
 * item (at ";", "," or the sentence's end). */
static const struct lsn_hit *list_item_title(const struct x *X, uint32_t i, uint32_t e, uint32_t send)
{
	const lsn_doc *doc = X->doc;
	if (i == 0 || e >= send || !(tok_is(doc, i - 1, ":") || tok_is(doc, i - 1, ";")))
		return NULL;
	for (size_t h = X->hit0[e]; h < doc->nhits && doc->hits[h].t0 == e; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind == PK_TITLE && (hit->t1 >= send || tok_is(doc, hit->t1, ";") ||
					      tok_is(doc, hit->t1, ",") || tok_is(doc, hit->t1, ".")))
			return hit;
	}
	return NULL;
}

/* A title hit in the appositive after a name: ", Secretary of ..." */
static const struct lsn_hit *title_after(const struct x *X, uint32_t e, uint32_t send)
{
	const lsn_doc *doc = X->doc;
	/* ", Secretary of ...", "(Secretary ...)", "- Vice Chairman of ..." (lexicon
	 * class appositive_mark) */
	if (e + 1 >= send || !lsn_x_lex_tok(X->kb, doc, LX_APPOSITIVE_MARK, e))
		return NULL;
	/* an appositive opens with its title or with "member of ..." (lexicon
	 * class appositive_opener); not "Tô Lâm, as well as PM Chính" */
	int opens = X->hit0[e + 1] < doc->nhits && doc->hits[X->hit0[e + 1]].t0 == e + 1 &&
		    X->tok_kind[e + 1] & KB(PK_TITLE);
	if (!opens)
		opens = lsn_x_lex_fold(X->kb, doc, LX_APPOSITIVE_OPENER, e + 1) != NULL;
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
	/* "At the invitation of Chen Gang, Lang Son Party Secretary Hoang Van Nghiem
	 * visited ...": a title right after the comma with a name right after it is that
	 * name's, no appositive (a known person, or in English two capitalised words that
	 * are no place; in Vietnamese a body's name is capitalised too: "Vụ trưởng Vụ Đông
	 * Bắc Á") */
	if (best && best->t0 == e + 1 && best->t1 < send) {
		uint32_t n = best->t1;
		if (X->tok_actor[n] ||
		    (!strcmp(doc->lang, "en") && n + 1 < send && (doc->toks[n].flags & TF_CAP) &&
		     (doc->toks[n + 1].flags & TF_CAP) &&
		     !X->tok_place[n] && !X->tok_kind[n] && !X->tok_place[n + 1] && !X->tok_kind[n + 1]))
			return NULL;
	}
	return best;
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

/* The place of the delegation the name at token i leads: "đoàn cán bộ tỉnh
 * Hải Nam (Trung Quốc) do ông X dẫn đầu", "a delegation of China's Hainan
 * province led by X".  Words of lexicon class led_by (an honorific may
 * follow) right before the name, a delegation_word earlier in the clause;
 * the place named between them, a province or city before its country.
 * -1 when none. */
static int32_t led_delegation_place(const struct x *X, uint32_t i)
{
	const lsn_tables *kb = X->kb;
	const lsn_doc *doc = X->doc;
	uint32_t s0 = X->st0[doc->toks[i].sent], j = i;
	const struct lsn_lexeme *w;
	if (j > s0 && (w = lsn_x_lex_seq(kb, doc, LX_HONORIFIC, j - 1, 1)) && (w->value & 2))
		j--;
	if (j >= s0 + 2 && (w = lsn_x_lex_seq(kb, doc, LX_LED_BY, j - 2, 2)) && lsn_x_lex_of_lang(doc, w))
		j -= 2;
	else if (j > s0 && (w = lsn_x_lex_seq(kb, doc, LX_LED_BY, j - 1, 1)) && lsn_x_lex_of_lang(doc, w))
		j--;
	else
		return -1;
	int32_t pl = -1;
	for (uint32_t k = j; k > s0 && j - k < 20; k--) {
		if (tok_fold_is(doc, k - 1, ";") || doc->ment_person[k - 1])
			return -1;
		int32_t q = X->tok_place[k - 1] - 1;
		if (q >= 0 && (pl < 0 || (kb->places[pl].level == PL_COUNTRY && kb->places[q].level != PL_COUNTRY &&
					  !strcmp(kb->places[q].cc, kb->places[pl].cc))))
			pl = q;
		if (lsn_x_lex_seq(kb, doc, LX_DELEGATION_WORD, k - 1, 1) ||
		    (k >= s0 + 2 && lsn_x_lex_seq(kb, doc, LX_DELEGATION_WORD, k - 2, 2)))
			return pl;
	}
	return -1;
}

/* One pass over a sentence for Latin-script names. */
int lsn_x_latin_persons(struct x *X, uint32_t si, int second_pass)
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
			if (sur && e - i >= 2 && e < s1 && (doc->toks[e].flags & TF_CAP) &&
			    !(doc->toks[e].flags & (TF_SENT0 | TF_UPPER)) &&
			    lsn_x_lex_fold(X->kb, X->doc, LX_NAME_LAST_STOP, e) &&
			    !(e + 1 < s1 && name_word(X, e + 1)))
				e++; /* "Dang Hoang An" */
		}
		uint32_t n = e - i;
		/* "Hồ Chí Minh National Academy", "Ho Chi Minh Trail", "Nguyen Van Linh
		 * Parkway", "đường Nguyễn Văn Linh": a thing or a street named after
		 * someone, a known person's name too */
		if ((e < s1 && org_word(X, e)) || street_before(X, s0, i)) {
			i = e + 1;
			continue;
		}
		if (actor < 0) {
			/* "An Duong Industrial Zone", "Kim Son Exhibition Centre": a
			 * word of an institution inside the words names no person */
			uint32_t k = i + 1;
			while (k < e && !org_word(X, k))
				k++;
			if (k < e) {
				/* a name may follow the body's: "Chairman of Hoa Phat
				 * Holdings Tran Minh Duc" */
				i = k + 1;
				continue;
			}
		}
		if (actor >= 0)
			tb = title_before(X, i, &of_body);
		const struct lsn_hit *ta = NULL;
		int is_person = 0, vn = 0;
		ta = title_after(X, e, s1);
		if (!ta)
			ta = list_item_title(X, i, e, s1);
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
				/* in Vietnamese, written with its diacritics: "Hai bên" is no "Hải"
				 * (the marks are read once, when the folded word is a name's) */
				int vi_text = !strcmp(doc->lang, "vi"), have_mk = 0;
				uint32_t mk = 0;
				/* the person of that name spoken of last ("Lu" after Lu
				 * Yongzheng, before Lu Xinshe is introduced) */
				for (size_t k = 0; k < doc->npersons; k++) {
					struct lsn_person *p = &doc->persons[k];
					if (p->surname_h != h && p->given_h != h)
						continue;
					if (vi_text && !have_mk) {
						mk = (uint32_t)lsn_marks_sig(doc->text + doc->toks[i].start,
									     doc->toks[i].end - doc->toks[i].start);
						have_mk = 1;
					}
					if (((p->surname_h == h && (!vi_text || p->surname_mk == mk)) ||
					     (p->given_h == h && (!vi_text || p->given_mk == mk))) &&
					    p->first_tok <= i &&
					    (best < 0 || p->last_tok > doc->persons[best].last_tok))
						best = (int32_t)k;
				}
				if (best >= 0) {
					struct lsn_person *p = &doc->persons[best];
					lsn_x_add_mention(doc, p, i, e);
					doc->ment_person[i] = best + 1;
					if ((doc->toks[i].flags & TF_SENT0) || lsn_x_is_speech(X->kb, doc, e) ||
					    (e < doc->ntoks && tok_is(doc, e, ",") && lsn_x_is_speech(X->kb, doc, e + 1)))
						p->subject = 1;
					if (tb)
						lsn_x_apply_title(X, p, tb, p->vn_order);
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
				lsn_x_tok_text(doc, i, e, name, sizeof name);
			pi = lsn_x_find_person(doc, name);
			if (pi >= 0) {
				struct lsn_person *p = &doc->persons[pi];
				lsn_x_add_mention(doc, p, i, e);
				doc->ment_person[i] = pi + 1;
				uint32_t start = tb ? tb->t0 : i;
				if ((doc->toks[start].flags & TF_SENT0) || lsn_x_is_speech(X->kb, doc, e))
					p->subject = 1;
			}
			i = e;
			continue;
		}
		int32_t pi = lsn_x_person_for(X, i, e, actor, vn);
		if (pi < 0)
			return -1;
		struct lsn_person *p = &doc->persons[pi];
		if (tb) {
			apply_chain(X, p, tb, -1, vn);
			if (X->kb->titles[tb->val].counterpart)
				counterpart_role(X, p, si);
			/* the president of an academy is an official, not a head of state */
			if (of_body && p->role >= 1 && p->role <= 6) {
				p->role = 21;
				p->org = -1;
				p->org_name[0] = 0;
			}
		}
		if (ta) {
			apply_chain(X, p, ta, 1, vn);
			p->apposed = 1; /* "Liu Ning, Secretary of ...": a participant's introduction */
		}
		/* the leader of another side's delegation holds an office of its
		 * place: a Chinese one read back to pinyin ("Bùi Chân": Pei Zhen) */
		if (p->org < 0 && p->actor < 0 && !p->org_name[0]) {
			int32_t dp = led_delegation_place(X, i);
			if (dp >= 0 && strcmp(X->kb->places[dp].cc, "VN")) {
				p->org = dp;
				snprintf(p->org_name, sizeof p->org_name, "%s", X->kb->places[dp].id);
			}
		}
		i = e;
	}
	return 0;
}
