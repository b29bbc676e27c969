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

void lsn_x_relations(struct x *X)
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
			     (doc->dates[d].t0 > 0 && lsn_x_lex_fold(kb, doc, LX_TIE_SINCE, doc->dates[d].t0 - 1))))
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
				est |= lsn_x_lex_tok(kb, doc, LX_ESTABLISH_VERB, i) != NULL;
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

void lsn_x_fields(struct x *X)
{
	lsn_doc *doc = X->doc;
	doc->fields = 0;
	for (size_t h = 0; h < doc->nhits; h++)
		if (doc->hits[h].kind == PK_FIELD)
			doc->fields |= 1u << doc->hits[h].val;
}
