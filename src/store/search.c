/*
 * search.c — the text side of a full-text search, for `liaison search`
 * (query.c) and /api/search (src/serve/api_docs.c) alike: the terms of what
 * a user typed (the FTS5 query, and the terms folded to find them in a
 * text), where they are in a document as whole words, and the snippet
 * around them.
 */
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include "store/store_int.h"

/* Words, and "quoted phrases", each folded as the index is (a Han run
 * becomes a phrase of its characters): the FTS5 query has each term as a
 * quoted phrase (all must match); the terms are folded without the spaces
 * around Han characters (to find them in the text). */
int lsn_q_search_terms(const char *text, struct lsn_buf *fts, struct lsn_buf *phrase, char terms[][256],
		       size_t *nterms)
{
	struct lsn_buf ph; /* the folded terms, joined */
	lsn_buf_init(&ph);
	*nterms = 0;
	for (const char *p = text; *p && *nterms < LSN_SEARCH_TERMS;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		const char *a = p, *b;
		if (*p == '"') {
			a = ++p;
			b = strchr(p, '"');
			if (!b)
				b = p + strlen(p);
			p = *b ? b + 1 : b;
		} else {
			while (*p && *p != ' ' && *p != '\t' && *p != '\n')
				p++;
			b = p;
		}
		/* punctuation at a term's ends ("Shanghai,", "(Shanghai)", "-Shanghai")
		 * is no part of what is looked for: the index holds none of it */
		while (a < b && (unsigned char)*a < 0x80 && ispunct((unsigned char)*a))
			a++;
		while (b > a && (unsigned char)b[-1] < 0x80 && ispunct((unsigned char)b[-1]))
			b--;
		if (b == a)
			continue;
		struct lsn_buf f;
		lsn_buf_init(&f);
		if (lsn_fts_fold(a, (size_t)(b - a), &f) || !f.len) {
			lsn_buf_clear(&f);
			continue;
		}
		/* the term as the text folds: lsn_fold, no added spaces */
		size_t tl = lsn_fold(a, (size_t)(b - a), terms[*nterms], sizeof terms[0]);
		if (!tl) {
			lsn_buf_clear(&f);
			continue;
		}
		(*nterms)++;
		if (fts->len)
			lsn_buf_addc(fts, ' ');
		lsn_buf_addc(fts, '"');
		if (ph.len)
			lsn_buf_addc(&ph, ' ');
		for (size_t i = 0; i < f.len; i++) {
			if (f.data[i] == '"') {
				lsn_buf_addc(fts, '"');
				lsn_buf_addc(&ph, '"');
			}
			lsn_buf_addc(fts, f.data[i]);
			lsn_buf_addc(&ph, f.data[i]);
		}
		lsn_buf_addc(fts, '"');
		lsn_buf_clear(&f);
	}
	int oom = fts->oom || ph.oom;
	if (phrase) {
		phrase->len = 0;
		if (*nterms > 1) {
			lsn_buf_addc(phrase, '"');
			lsn_buf_add(phrase, ph.data, ph.len);
			lsn_buf_addc(phrase, '"');
			oom |= phrase->oom;
		}
	}
	lsn_buf_clear(&ph);
	return oom ? -1 : 0;
}

const char *lsn_q_search_found(int phrase_rank, size_t nterms)
{
	return nterms < 2 ? "word" : phrase_rank ? "words" : "phrase";
}

static int alnum_at(const char *s, size_t n, size_t i, int before)
{
	if (before) {
		if (i == 0)
			return 0;
		size_t j = i - 1;
		while (j > 0 && ((unsigned char)s[j] & 0xc0) == 0x80)
			j--;
		size_t k = j;
		uint32_t cp = lsn_utf8_next(s, n, &k);
		return cp < 0x80 ? ((cp | 32) >= 'a' && (cp | 32) <= 'z') || (cp >= '0' && cp <= '9')
				 : lsn_is_letter(cp) && !lsn_is_han(cp);
	}
	if (i >= n)
		return 0;
	size_t k = i;
	uint32_t cp = lsn_utf8_next(s, n, &k);
	return cp < 0x80 ? ((cp | 32) >= 'a' && (cp | 32) <= 'z') || (cp >= '0' && cp <= '9')
			 : lsn_is_letter(cp) && !lsn_is_han(cp);
}

/* The first place in text (n bytes) where a term is, as whole words: its
 * byte range in *ms, *me.  Folds the text code point by code point, keeping
 * where each folded byte came from. */
static int find_term(const char *text, size_t n, char terms[][256], size_t nterms, size_t *ms, size_t *me)
{
	char *f = malloc(2 * n + 16);
	size_t *from = malloc((2 * n + 16) * sizeof *from);
	size_t fl = 0;
	int found = 0;
	if (!f || !from) {
		free(f);
		free(from);
		return -1;
	}
	for (size_t i = 0; i < n;) {
		size_t st = i;
		char tmp[16];
		lsn_utf8_next(text, n, &i);
		size_t k = lsn_fold(text + st, i - st, tmp, sizeof tmp);
		/* white space runs fold to one space, as the terms do */
		if (k == 1 && (tmp[0] == '\n' || tmp[0] == '\t' || tmp[0] == '\r'))
			tmp[0] = ' ';
		if (k == 1 && tmp[0] == ' ' && fl && f[fl - 1] == ' ')
			continue;
		for (size_t j = 0; j < k; j++) {
			f[fl] = tmp[j];
			from[fl++] = st;
		}
	}
	size_t best = (size_t)-1, bestlen = 0;
	for (size_t t = 0; t < nterms; t++) {
		size_t tl = strlen(terms[t]);
		for (size_t at = 0; at + tl <= fl; at++) {
			if (memcmp(f + at, terms[t], tl))
				continue;
			if (alnum_at(f, fl, at, 1) || alnum_at(f, fl, at + tl, 0))
				continue;
			if (at < best) {
				best = at;
				bestlen = tl;
			}
			break;
		}
	}
	if (best != (size_t)-1) {
		*ms = from[best];
		size_t last = from[best + bestlen - 1];
		lsn_utf8_next(text, n, &last);
		*me = last;
		found = 1;
	}
	free(f);
	free(from);
	return found;
}

int lsn_q_find_match(const char *text, size_t n, char terms[][256], size_t nterms, size_t *ms, size_t *me)
{
	char phrase[1][256]; /* the words joined, as a table of one term */
	size_t pl = 0;
	phrase[0][0] = 0;
	for (size_t t = 0; t < nterms && pl + strlen(terms[t]) + 2 < sizeof phrase[0]; t++)
		pl += (size_t)snprintf(phrase[0] + pl, sizeof phrase[0] - pl, "%s%s", t ? " " : "", terms[t]);
	/* the words together where they are so, else the first word found */
	int found = nterms > 1 ? find_term(text, n, phrase, 1, ms, me) : 0;
	return found ? found : find_term(text, n, terms, nterms, ms, me);
}

void lsn_q_snippet(const char *text, size_t n, size_t ms, size_t me, struct lsn_snippet *sn)
{
	size_t x = ms, y = me;
	int cps = 0;
	while (x > 0 && text[x - 1] != '\n' && cps < 60) {
		x--;
		while (x > 0 && ((unsigned char)text[x] & 0xc0) == 0x80)
			x--;
		cps++;
	}
	for (cps = 0; y < n && text[y] != '\n' && cps < 100; cps++)
		lsn_utf8_next(text, n, &y);
	sn->a = x;
	sn->z = y;
	sn->cut_a = x > 0 && text[x - 1] != '\n';
	sn->cut_z = y < n && text[y] != '\n';
}
