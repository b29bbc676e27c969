/*
 * relations.c — standing ties between places: sister cities, the
 * comprehensive partnership, consulates; and the story's fields of
 * cooperation.
 */
#include <string.h>
#include "extract_int.h"

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

/* Does a row of class cls begin at token i (one or two tokens: "thiết lập", 建立)? */
static int lex_at(const struct x *X, int cls, uint32_t i)
{
	for (uint32_t n = 1; n <= 2; n++)
		if (lsn_x_lex_seq(X->kb, X->doc, cls, i, n))
			return (int)n;
	return 0;
}

/* Does sentence si tell that something was established (lexicon establish_verb)? */
static int sent_establish(const struct x *X, uint32_t si)
{
	for (uint32_t i = X->st0[si]; i < X->st1[si]; i++)
		if (lex_at(X, LX_ESTABLISH_VERB, i))
			return 1;
	return 0;
}

/* The tie's age told as an anniversary next to its phrase, or 0: "kỷ niệm 30 năm
 * thiết lập quan hệ ...", "the 25th anniversary of ... sister-city ties",
 * "建立友好城市关系30周年": a number, its ordinal suffix, then a tie_anniversary word,
 * within ten tokens before the phrase (Chinese: after it). */
static int tie_age(const struct x *X, uint32_t si, const struct lsn_hit *hit)
{
	const lsn_doc *doc = X->doc;
	uint32_t lo = hit->t0 > X->st0[si] + 10 ? hit->t0 - 10 : X->st0[si], hi = hit->t0;
	if (X->zh) {
		lo = hit->t1;
		hi = hit->t1 + 10 < X->st1[si] ? hit->t1 + 10 : X->st1[si];
	}
	int age = 0;
	for (uint32_t i = lo; i < hi; i++) {
		int n = lsn_tok_int(doc, i, 3);
		int in_date = 0;
		for (size_t d = 0; d < doc->ndates; d++)
			in_date |= doc->dates[d].t0 <= i && i < doc->dates[d].t1;
		if (n <= 0 || n > 200 || in_date)
			continue;
		uint32_t j = i + 1;
		if (j < X->st1[si] && lsn_x_lex_fold(X->kb, doc, LX_ORDINAL_SUFFIX, j))
			j++;
		if (j < X->st1[si] && lex_at(X, LX_TIE_ANNIVERSARY, j))
			age = n;
	}
	return age;
}

/* The year the tie of phrase hit began, or 0: a year after the phrase or after
 * "since" (any year of the sentence in Chinese), else the year of the anniversary
 * against the reference date.  est: only when an establishment is told. */
static int tie_since(const struct x *X, uint32_t si, const struct lsn_hit *hit, int est)
{
	const lsn_doc *doc = X->doc;
	int since = 0;
	for (size_t d = 0; d < doc->ndates; d++)
		if (doc->toks[doc->dates[d].t0].sent == si && doc->dates[d].dt.y && !doc->dates[d].relative &&
		    (doc->dates[d].t0 > hit->t0 || X->zh ||
		     (doc->dates[d].t0 > 0 && lsn_x_lex_fold(X->kb, doc, LX_TIE_SINCE, doc->dates[d].t0 - 1))))
			if (!since || doc->dates[d].dt.y < since) /* the earliest: "(2015 - 2025)" */
				since = doc->dates[d].dt.y;
	if (!est)
		since = 0;
	/* an anniversary counts before a year told around it ("the 10th anniversary ... in
	 * October") */
	int age = tie_age(X, si, hit);
	if (age && doc->ref.y > age)
		since = doc->ref.y - age;
	return since;
}

/* Is token i a place that can be an end of a tie between localities? */
static int32_t locality_at(const struct x *X, uint32_t i)
{
	if (!X->tok_place[i])
		return -1;
	int32_t p = X->tok_place[i] - 1;
	int lv = X->kb->places[p].level;
	return lv == PL_COUNTRY || lv == PL_BLOC ? -1 : p;
}

/* May token i stand between a consulate and its city in text written with words: part
 * of a place (a country: "of Vietnam in"), a preposition or filler before a place or a
 * link word (lexicon tie_link)? */
static int tie_link_at(const struct x *X, uint32_t i)
{
	return X->tok_place[i] || lex_at(X, LX_TIE_LINK, i) || lex_at(X, LX_PLACE_PREP, i) ||
	       lex_at(X, LX_PLACE_FILLER, i);
}

/* A consulate: the country nearest the phrase (else one of the sentence from another
 * country than the city) and the city nearest it, with the cities listed after that
 * one ("consulates in Nanning, Shanghai, Guangzhou and Kunming"). */
static void rel_consulate(struct x *X, uint32_t si, const struct lsn_hit *hit)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	int32_t country = -1, city = -1;
	uint32_t lo = hit->t0 > X->st0[si] + 8 ? hit->t0 - 8 : X->st0[si];
	uint32_t hi = hit->t1 + 8 < X->st1[si] ? hit->t1 + 8 : X->st1[si], at = 0;
	/* the city after the phrase ("consulates in Nanning", "Tổng Lãnh sự quán Việt Nam tại
	 * Nam Ninh"), else the nearest before it; in Chinese the other way (驻上海总领事馆).
	 * Written with words, only places and link words may stand between the phrase and
	 * its city: "thanked the Consulate General for linking Binh Dinh ..." names none. */
	uint32_t s0 = X->zh ? lo : X->st0[si], s1 = X->zh ? hi : X->st1[si];
	for (int pass = 0; pass < 2 && city < 0; pass++) {
		if (pass == X->zh)
			for (uint32_t i = hit->t1; i < s1 && city < 0; i++) {
				at = (city = locality_at(X, i)) >= 0 ? i : at;
				if (city < 0 && !X->zh && !tie_link_at(X, i))
					break;
			}
		else
			for (uint32_t i = hit->t0; i > s0 && city < 0; i--) {
				at = (city = locality_at(X, i - 1)) >= 0 ? i - 1 : at;
				if (city < 0 && !X->zh && !tie_link_at(X, i - 1))
					break;
			}
	}
	while (at > s0 && X->tok_place[at - 1] == X->tok_place[at])
		at--;
	for (uint32_t i = lo; i < hi && country < 0; i++)
		if (X->tok_place[i] && kb->places[X->tok_place[i] - 1].level == PL_COUNTRY)
			country = X->tok_place[i] - 1;
	if (city < 0)
		return;
	for (uint32_t i = X->st0[si]; i < X->st1[si] && country < 0; i++)
		if (X->tok_place[i] && kb->places[X->tok_place[i] - 1].level == PL_COUNTRY &&
		    strcmp(kb->places[X->tok_place[i] - 1].cc, kb->places[city].cc))
			country = X->tok_place[i] - 1;
	if (country < 0 || !strcmp(kb->places[country].cc, kb->places[city].cc))
		return;
	/* "a consulate general will be set up in Chongqing", "sẽ mở Tổng Lãnh sự quán
	 * tại ...": one to come is no standing tie (lexicon future_aux around it) */
	uint32_t f0 = hit->t0 > X->st0[si] + 4 ? hit->t0 - 4 : X->st0[si], f1 = at > hit->t1 ? at : hit->t1;
	for (uint32_t i = f0; i < f1; i++)
		if (lsn_x_lex_tok(kb, doc, LX_FUTURE_AUX, i))
			return;
	add_rel(doc, 3, country, city, 0);
	/* the list that goes on after the city: places joined by list words alone */
	uint32_t i = at;
	while (i < X->st1[si] && X->tok_place[i] == X->tok_place[at])
		i++;
	for (;;) {
		uint32_t j = i;
		while (j < X->st1[si] && j < i + 2 && lex_at(X, LX_LIST_JOINER, j))
			j++;
		int32_t p = j > i && j < X->st1[si] ? locality_at(X, j) : -1;
		/* "Kunming, Yunnan" is an address, not a list */
		if (p < 0 || strcmp(kb->places[p].cc, kb->places[city].cc) ||
		    p == kb->places[X->tok_place[i - 1] - 1].parent)
			break;
		add_rel(doc, 3, country, p, 0);
		int32_t tp = X->tok_place[j];
		while (j < X->st1[si] && X->tok_place[j] == tp)
			j++;
		i = j;
	}
}

/* Place p into c, the first two distinct places met. */
static void two_of(int32_t c[2], int32_t p)
{
	if (c[0] < 0)
		c[0] = p;
	else if (c[1] < 0 && p != c[0])
		c[1] = p;
}

/* A partnership: between China and Vietnam, unless a bloc is named beside the phrase
 * ("quan hệ đối tác chiến lược ASEAN - Trung Quốc"): then between the bloc and the
 * country named with it; or two countries are named in its sentence, one of them
 * neither China nor Vietnam ("the strategic partnership between Vietnam and South
 * Korea"): then between those two. */
static void rel_partnership(struct x *X, uint32_t si, const struct lsn_hit *hit)
{
	const lsn_tables *kb = X->kb;
	int32_t bloc = -1, near[2] = {-1, -1}, sent[2] = {-1, -1};
	uint32_t w = X->zh ? 10 : 4; /* a token a character in Chinese */
	uint32_t lo = hit->t0 > X->st0[si] + w ? hit->t0 - w : X->st0[si];
	uint32_t hi = hit->t1 + w < X->st1[si] ? hit->t1 + w : X->st1[si];
	for (uint32_t i = X->st0[si]; i < X->st1[si]; i++) {
		if (!X->tok_place[i])
			continue;
		int32_t p = X->tok_place[i] - 1;
		int is_near = i >= lo && i < hi;
		if (is_near && kb->places[p].level == PL_BLOC && bloc < 0)
			bloc = p;
		if (kb->places[p].level != PL_COUNTRY)
			continue;
		if (is_near)
			two_of(near, p);
		two_of(sent, p);
	}
	int since = tie_since(X, si, hit, sent_establish(X, si));
	if (bloc >= 0) {
		if (near[0] >= 0)
			add_rel(X->doc, 2, bloc, near[0], since);
		return;
	}
	/* the countries named beside the phrase, else in its sentence */
	const int32_t *c = near[1] >= 0 || sent[1] < 0 ? near : sent;
	int third = 0;
	for (int k = 0; k < 2; k++)
		third |= c[k] >= 0 && c[k] != kb->place_china && c[k] != kb->place_vietnam;
	if (third) {
		if (c[1] >= 0)
			add_rel(X->doc, 2, c[0], c[1], since);
		return;
	}
	add_rel(X->doc, 2, kb->place_china, kb->place_vietnam, since);
}

/* Sister cities (val 1), or a tie of friendship (val 4) when the sentence tells it
 * was established or counts its years: the first two localities of the sentence
 * from two countries, else "the two cities" taken from the story. */
static void rel_sister(struct x *X, uint32_t si, const struct lsn_hit *hit)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	if (hit->val == 4 && !sent_establish(X, si) && !tie_age(X, si, hit))
		return;
	int32_t a = -1, b = -1, more = 0;
	for (uint32_t i = X->st0[si]; i < X->st1[si]; i++) {
		int32_t p = locality_at(X, i);
		if (p < 0)
			continue;
		if (a < 0)
			a = p;
		else if (b < 0 && strcmp(kb->places[p].cc, kb->places[a].cc))
			b = p;
		else if (p != a && p != b)
			more = 1;
	}
	/* "广州市分别与胡志明市、平阳省和河内市缔结友好关系": one tie with each place of
	 * the other country listed */
	if (more && a >= 0 && b >= 0) {
		int each = 0;
		for (uint32_t i = X->st0[si]; i < X->st1[si] && !each; i++)
			each = lex_at(X, LX_EACH_TIE, i);
		/* one place on its side ("红河州河口县、蒙自市…先后与老街市、莱州市": which with which is not told) */
		for (uint32_t i = X->st0[si]; i < X->st1[si] && each; i++) {
			int32_t p = locality_at(X, i);
			if (p >= 0 && p != a && !strcmp(kb->places[p].cc, kb->places[a].cc))
				each = 0;
		}
		if (each) {
			int since = tie_since(X, si, hit, 1);
			for (uint32_t i = X->st0[si]; i < X->st1[si]; i++) {
				int32_t p = locality_at(X, i);
				if (p >= 0 && strcmp(kb->places[p].cc, kb->places[a].cc))
					add_rel(doc, 1, a, p, since);
			}
			return;
		}
	}
	/* "friendly relations with Shanghai, Guangzhou, ... eight localities": a count of
	 * ties, not one */
	if (hit->val == 4 && more)
		return;
	int two = 0;
	/* "the two cities", "两市", "hai thành phố" (lexicon class two_localities) */
	for (uint32_t i = X->st0[si]; i + 1 < X->st1[si]; i++)
		two |= lsn_x_lex_seq(kb, doc, LX_TWO_LOCALITIES, i, 2) != NULL;
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
	add_rel(doc, 1, a, b, tie_since(X, si, hit, 1));
}

void lsn_x_relations(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	for (size_t h = 0; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind != PK_RELATION)
			continue;
		uint32_t si = doc->toks[hit->t0].sent;
		if (hit->val == 3)
			rel_consulate(X, si, hit);
		else if (hit->val == 2)
			rel_partnership(X, si, hit);
		else
			rel_sister(X, si, hit);
	}
	/* consulates from consuls general: "Vietnamese Consul General in Nanning" */
	for (size_t h = 0; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind == PK_TITLE && kb->titles[hit->val].role == 10 && hit->a >= 0 && hit->b >= 0)
			add_rel(doc, 3, hit->a, hit->b, 0);
	}
}

void lsn_x_fields(struct x *X)
{
	lsn_doc *doc = X->doc;
	doc->fields = 0;
	for (size_t h = 0; h < doc->nhits; h++)
		if (doc->hits[h].kind == PK_FIELD && doc->hits[h].val != LSN_FIELD_NONE)
			doc->fields |= 1u << doc->hits[h].val;
}
