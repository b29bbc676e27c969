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

static int tok_is(const struct lsn_tok *t, const char *word)
{
	return t->h == lsn_fold_hash(word, strlen(word));
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
	 * "the City of ...", "云南省", "Guangxi Province" */
	static const char *const heads[] = {"the", "tinh", "tp", "thanh pho", "city of", "province of", NULL};
	static const char *const tails[] = {"province", "city", "municipality", "省", "市", NULL};
	size_t a = 0, b = nt;
	for (int changed = 1; changed && a < b;) {
		changed = 0;
		for (int h = 0; heads[h]; h++) {
			struct lsn_tok w[4];
			size_t nw = lsn_tokenize(heads[h], strlen(heads[h]), 0, w, 4), k = 0;
			while (k < nw && a + k < b && w[k].h == t[a + k].h)
				k++;
			if (k == nw && a + k < b) {
				a += k;
				if (a < b && tok_is(&t[a], "."))
					a++;
				changed = 1;
			}
		}
		for (int h = 0; tails[h] && b > a + 1; h++)
			if (tok_is(&t[b - 1], tails[h])) {
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
