/*
 * kbfind.c — whole names looked up in the knowledge tables: a place by any
 * alias ("Ho Chi Minh City", "HCMC", "TP.HCM", 上海, Thượng Hải), a known
 * person by any of their names (陈吉宁, Trần Cát Ninh, "chen jining").
 *
 * Annotation finds phrases inside running text; the knowledge base needs the
 * other direction, a name typed by a user or stored in a record, matched as
 * a whole.  Both go through the same phrase index (kb.c), so a name matches
 * here exactly when it would match in a document.
 */
#include <string.h>
#include "store/store_int.h"

size_t lsn_tokenize(const char *s, size_t n, uint32_t base, struct lsn_tok *out, size_t cap);

#define MAXTOK 48

/* The phrase of `kind` whose tokens are exactly t[0..n). */
static long find_toks(const lsn_tables *kb, int kind, const struct lsn_tok *t, size_t n)
{
	if (!n)
		return -1;
	for (uint32_t i = lsn_map_get(&kb->first, t[0].h); i; i = kb->phrases[i - 1].next) {
		const struct lsn_phrase *ph = &kb->phrases[i - 1];
		if (ph->kind != kind || ph->ntok != n)
			continue;
		size_t k = 0;
		while (k < n && kb->ptoks[ph->tok0 + k] == t[k].h)
			k++;
		if (k == n)
			return (long)ph->val;
	}
	return -1;
}


long lsn_tables_find(const lsn_tables *kb, int kind, const char *s, size_t n)
{
	struct lsn_tok t[MAXTOK];
	if (!kb || !s)
		return -1;
	size_t nt = lsn_tokenize(s, n, 0, t, MAXTOK);
	long v = find_toks(kb, kind, t, nt);
	if (v >= 0 || kind != PK_PLACE)
		return v;
	/* generic words around a place name: "tỉnh Lào Cai", "TP. Hải Phòng",
	 * "the City of ...", "云南省", "Guangxi Province" (lexicon: place_head, place_tail,
	 * folded, in table order) */
	size_t nheads = 0, ntails = 0;
	const struct lsn_lexeme *heads = lsn_lex_class(kb, LX_PLACE_HEAD, &nheads);
	const struct lsn_lexeme *tails = lsn_lex_class(kb, LX_PLACE_TAIL, &ntails);
	uint64_t dot = lsn_fold_hash(".", 1);
	size_t a = 0, b = nt;
	for (int changed = 1; changed && a < b;) {
		changed = 0;
		for (size_t h = 0; h < nheads; h++) {
			struct lsn_tok w[4];
			size_t nw = lsn_tokenize(heads[h].word, heads[h].len, 0, w, 4), k = 0;
			while (k < nw && a + k < b && w[k].h == t[a + k].h)
				k++;
			if (k == nw && a + k < b) {
				a += k;
				if (a < b && t[a].h == dot)
					a++;
				changed = 1;
			}
		}
		for (size_t h = 0; h < ntails && b > a + 1; h++)
			if (t[b - 1].h == lsn_fold_hash(tails[h].word, tails[h].len)) {
				b--;
				changed = 1;
			}
		if ((v = find_toks(kb, kind, t + a, b - a)) >= 0)
			return v;
	}
	return -1;
}

const char *lsn_tables_place_name(const lsn_tables *kb, const char *s)
{
	long v = lsn_tables_find(kb, PK_PLACE, s, strlen(s));
	if (v < 0)
		v = lsn_tables_find(kb, PK_DEMONYM, s, strlen(s));
	return v >= 0 && (size_t)v < kb->nplaces ? kb->places[v].id : NULL;
}
