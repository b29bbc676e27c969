/*
 * hanread.c — reads Chinese-character personal names two ways: in pinyin, as
 * English media print Chinese names (陈吉宁 -> "Chen Jining"), and in
 * Sino-Vietnamese, as Vietnamese media print both Vietnamese names written in
 * characters (阮春福 -> "Nguyễn Xuân Phúc") and Chinese ones (陈吉宁 -> "Trần
 * Cát Ninh").  It lets a name met in Chinese text be linked with the same
 * person met in English or Vietnamese text (see lsn_viet_name_key).
 *
 * Three sources, the first that knows a character wins:
 *   data/name_pinyin.tsv        surname readings of polyphonic characters
 *                               (单 Shan, 曾 Zeng), compound surnames (欧阳),
 *                               given-name overrides (长 chang);
 *   data/hanviet_supplement.tsv reviewed Hán-Việt readings of name characters;
 *   lsn_han_tab                 generated from Unihan at build time
 *                               (tools/gen_hanread.c: first kMandarin reading,
 *                               toneless, ü as u; kVietnamese, through the
 *                               traditional variant when missing).
 * The two data tables are the embedded copies (lsn_blobs); they are indexed
 * once, under pthread_once, into static arrays that point into the blobs.
 * Everything after that is read-only, so every function is thread-safe and
 * allocates nothing.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include "lsn_int.h"

#define SUP_MAX 1024
#define NPY_MAX 256
#define NAME_MAX_CHARS 5
#define ALT_MAX 4

/* A row of hanviet_supplement.tsv: the viet cell, '|'-separated. */
struct sup_row {
	uint32_t cp;
	const char *viet;
	uint16_t len;
};

/* A row of name_pinyin.tsv. */
struct npy_row {
	uint32_t cp[2];   /* cp[1] = 0 for one character */
	uint8_t surname;  /* 1 surname, 0 given */
	const char *py;
	uint16_t len;
};

static struct sup_row sup[SUP_MAX];
static size_t nsup;
static struct npy_row npy[NPY_MAX];
static size_t nnpy;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* ---- the generated tables ---- */

static const struct lsn_han_entry *entry_of(uint32_t cp)
{
	size_t lo = 0, hi = lsn_han_ntab;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (lsn_han_tab[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < lsn_han_ntab && lsn_han_tab[lo].cp == cp ? &lsn_han_tab[lo] : NULL;
}

/* The simplified form of a traditional character, or cp itself. */
static uint32_t simp_of(uint32_t cp)
{
	size_t lo = 0, hi = lsn_han_nsimp;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (lsn_han_simp[mid].from < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < lsn_han_nsimp && lsn_han_simp[lo].from == cp ? lsn_han_simp[lo].to : cp;
}

static const char *unihan_pinyin(uint32_t cp)
{
	const struct lsn_han_entry *e = entry_of(cp);
	return e && e->py ? lsn_han_pool + e->py : NULL;
}

/* ---- the data tables ---- */

static const struct lsn_blob *blob(const char *name)
{
	for (size_t b = 0; b < lsn_nblobs; b++)
		if (!strcmp(lsn_blobs[b].name, name))
			return &lsn_blobs[b];
	return NULL;
}

/* Calls fn on each data row of a blob (after the header line), with its
 * cells as (pointer, length) pairs, up to 4 cells. */
static void each_row(const struct lsn_blob *b, void (*fn)(const char **c, const size_t *l, int n))
{
	if (!b)
		return;
	const char *p = (const char *)b->data, *end = p + b->len;
	int header = 1;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol ? eol + 1 : end;
		if (!eol)
			eol = end;
		if (eol > p && eol[-1] == '\r')
			eol--;
		if (eol > p && *p != '#') {
			const char *c[4];
			size_t l[4];
			int n = 0;
			const char *q = p;
			while (n < 4) {
				const char *tab = memchr(q, '\t', (size_t)(eol - q));
				c[n] = q;
				l[n++] = (size_t)((tab ? tab : eol) - q);
				if (!tab)
					break;
				q = tab + 1;
			}
			if (header)
				header = 0;
			else
				fn(c, l, n);
		}
		p = next;
	}
}

/* Decodes up to max Han code points of s[0..n); returns their count, or -1
 * when s holds anything else or more than max. */
static int han_cps(const char *s, size_t n, uint32_t *cp, int max)
{
	size_t i = 0;
	int k = 0;
	while (i < n) {
		uint32_t c = lsn_utf8_next(s, n, &i);
		if (!lsn_is_han(c) || k == max)
			return -1;
		cp[k++] = c;
	}
	return k;
}

static void add_sup(const char **c, const size_t *l, int n)
{
	uint32_t cp;
	if (n < 2 || !l[1] || l[1] > 64 || nsup == SUP_MAX || han_cps(c[0], l[0], &cp, 1) != 1)
		return; /* the tests check that every row is taken */
	sup[nsup++] = (struct sup_row){cp, c[1], (uint16_t)l[1]};
}

static void add_npy(const char **c, const size_t *l, int n)
{
	uint32_t cp[2] = {0, 0};
	if (n < 3 || !l[1] || l[1] > 32 || nnpy == NPY_MAX || han_cps(c[0], l[0], cp, 2) < 1)
		return;
	int surname = l[2] == 7 && !memcmp(c[2], "surname", 7);
	if (!surname && !(l[2] == 5 && !memcmp(c[2], "given", 5)))
		return;
	npy[nnpy++] = (struct npy_row){{cp[0], cp[1]}, (uint8_t)surname, c[1], (uint16_t)l[1]};
}

static int cmp_sup(const void *a, const void *b)
{
	uint32_t x = ((const struct sup_row *)a)->cp, y = ((const struct sup_row *)b)->cp;
	return x < y ? -1 : x > y;
}

static void tables_init(void)
{
	each_row(blob("hanviet_supplement.tsv"), add_sup);
	qsort(sup, nsup, sizeof *sup, cmp_sup);
	each_row(blob("name_pinyin.tsv"), add_npy);
}

static const struct sup_row *sup_of(uint32_t cp)
{
	size_t lo = 0, hi = nsup;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sup[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nsup && sup[lo].cp == cp ? &sup[lo] : NULL;
}

/* The name_pinyin row for the characters cp[0..k) (k = 1 or 2) in the given
 * part, matching traditional forms through their simplified ones. */
static const struct npy_row *npy_of(const uint32_t *cp, int k, int surname)
{
	uint32_t a = simp_of(cp[0]), b = k == 2 ? simp_of(cp[1]) : 0;
	for (size_t i = 0; i < nnpy; i++)
		if (npy[i].surname == surname && npy[i].cp[0] == a && npy[i].cp[1] == b)
			return &npy[i];
	return NULL;
}

/* ---- readings of one character ---- */

/* The accepted Vietnamese readings of cp as a '|'-separated list (first is
 * the one to spell with): its supplement row; else the row of its simplified
 * form when both read alike in Mandarin (蘇 -> 苏, 寧 -> 宁); else Unihan. */
static const char *viet_alts(uint32_t cp, size_t *len)
{
	pthread_once(&tables_once, tables_init);
	const struct sup_row *r = sup_of(cp);
	if (!r) {
		uint32_t s = simp_of(cp);
		const char *a = unihan_pinyin(cp), *b = unihan_pinyin(s);
		if (s != cp && a && b && !strcmp(a, b))
			r = sup_of(s);
	}
	if (r) {
		*len = r->len;
		return r->viet;
	}
	const struct lsn_han_entry *e = entry_of(cp);
	if (!e || !e->vi)
		return NULL;
	*len = strlen(lsn_han_pool + e->vi);
	return lsn_han_pool + e->vi;
}

/* The first of a '|'-separated list. */
static size_t first_alt(const char *s, size_t n)
{
	const char *bar = memchr(s, '|', n);
	return bar ? (size_t)(bar - s) : n;
}

/* ---- output ---- */

struct out {
	char *p;
	size_t cap, len;
	int full;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->full || o->len + n + 1 > o->cap) {
		o->full = 1;
		return;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

/* Appends s[0..n) with its first letter upper-cased (ASCII or, for the
 * Vietnamese letters, through ICU: đ -> Đ, ư -> Ư; precomposed stays
 * precomposed, so NFC text stays NFC). */
static void put_cap(struct out *o, const char *s, size_t n)
{
	if (!n)
		return;
	size_t i = 0;
	uint32_t c = lsn_utf8_next(s, n, &i);
	char tmp[4];
	int k = lsn_utf8_put((uint32_t)u_toupper((UChar32)c), tmp);
	put(o, tmp, (size_t)k);
	put(o, s + i, n - i);
}

static size_t finish(struct out *o, int ok)
{
	if (!ok || o->full) {
		if (o->cap)
			o->p[0] = 0;
		return 0;
	}
	o->p[o->len] = 0;
	return o->len;
}

/* ---- the API ---- */

size_t lsn_han_viet_reading(uint32_t cp, char *out, size_t cap)
{
	struct out o = {out, cap, 0, 0};
	size_t n;
	const char *v = viet_alts(cp, &n);
	if (v)
		put(&o, v, first_alt(v, n));
	return finish(&o, v != NULL);
}

size_t lsn_han_pinyin_reading(uint32_t cp, char *out, size_t cap)
{
	struct out o = {out, cap, 0, 0};
	const char *p = unihan_pinyin(cp);
	if (p)
		put(&o, p, strlen(p));
	return finish(&o, p != NULL);
}

/* Appends the pinyin of one given-name syllable, with the apostrophe that
 * pinyin orthography puts before a, o, e inside a word (Min'er, Wan'er). */
static int put_syllable(struct out *o, uint32_t cp, int first)
{
	const struct npy_row *r = npy_of(&cp, 1, 0);
	const char *p = r ? r->py : unihan_pinyin(cp);
	size_t n = r ? r->len : p ? strlen(p) : 0;
	if (!n)
		return 0;
	if (!first && (p[0] == 'a' || p[0] == 'o' || p[0] == 'e'))
		put(o, "'", 1);
	if (first)
		put_cap(o, p, n);
	else
		put(o, p, n);
	return 1;
}

size_t lsn_han_pinyin_name(const char *s, size_t n, char *out, size_t cap)
{
	struct out o = {out, cap, 0, 0};
	uint32_t cp[4];
	int k = han_cps(s, n, cp, 4);
	if (k < 2)
		return finish(&o, 0);
	pthread_once(&tables_once, tables_init);
	/* a compound surname needs a given name after it */
	int ns = k >= 3 && npy_of(cp, 2, 1) ? 2 : 1;
	const struct npy_row *r = npy_of(cp, ns, 1);
	if (r) {
		put_cap(&o, r->py, r->len);
	} else {
		const char *p = unihan_pinyin(cp[0]);
		if (!p)
			return finish(&o, 0);
		put_cap(&o, p, strlen(p));
	}
	put(&o, " ", 1);
	for (int i = ns; i < k; i++)
		if (!put_syllable(&o, cp[i], i == ns))
			return finish(&o, 0);
	return finish(&o, 1);
}

size_t lsn_han_viet_name(const char *s, size_t n, char *out, size_t cap)
{
	struct out o = {out, cap, 0, 0};
	uint32_t cp[NAME_MAX_CHARS];
	int k = han_cps(s, n, cp, NAME_MAX_CHARS);
	if (k < 2)
		return finish(&o, 0);
	for (int i = 0; i < k; i++) {
		size_t len;
		const char *v = viet_alts(cp[i], &len);
		if (!v)
			return finish(&o, 0);
		if (i)
			put(&o, " ", 1);
		put_cap(&o, v, first_alt(v, len));
	}
	return finish(&o, 1);
}

uint64_t lsn_viet_name_key(const char *s, size_t n)
{
	char buf[256];
	size_t o = 0, i = 0;
	int space = 0;
	while (i < n) {
		size_t at = i;
		uint32_t c = lsn_utf8_next(s, n, &i);
		if (lsn_is_space(c)) {
			space = o > 0;
			continue;
		}
		size_t len = i - at;
		if (o + space + len > sizeof buf)
			return 0;
		if (space)
			buf[o++] = ' ';
		space = 0;
		memcpy(buf + o, s + at, len);
		o += len;
	}
	return o ? lsn_fold_hash(buf, o) : 0;
}

/* lsn_han_viet_match, and when o is not NULL the name spelled with the
 * reading of each character that viet gives (黄 Huỳnh, 武 Võ). */
static int viet_match(const char *han, size_t hn, const char *viet, size_t vn, struct out *o)
{
	uint32_t cp[NAME_MAX_CHARS];
	int k = han_cps(han, hn, cp, NAME_MAX_CHARS);
	if (k < 1)
		return 0;
	size_t i = 0;
	for (int c = 0; c < k; c++) {
		/* the next syllable of viet */
		while (i < vn) {
			size_t at = i;
			if (!lsn_is_space(lsn_utf8_next(viet, vn, &i))) {
				i = at;
				break;
			}
		}
		size_t start = i;
		while (i < vn) {
			size_t at = i;
			if (lsn_is_space(lsn_utf8_next(viet, vn, &i))) {
				i = at;
				break;
			}
		}
		if (i == start)
			return 0;
		char want[32], alt[32];
		lsn_fold(viet + start, i - start, want, sizeof want);
		size_t len;
		const char *v = viet_alts(cp[c], &len);
		int ok = 0;
		for (int a = 0; v && len && a < ALT_MAX && !ok; a++) {
			size_t one = first_alt(v, len);
			lsn_fold(v, one, alt, sizeof alt);
			ok = !strcmp(alt, want);
			if (ok && o) {
				if (c)
					put(o, " ", 1);
				put_cap(o, v, one);
			}
			v += one;
			len -= one;
			if (len) {
				v++;
				len--;
			}
		}
		if (!ok)
			return 0;
	}
	while (i < vn)
		if (!lsn_is_space(lsn_utf8_next(viet, vn, &i)))
			return 0; /* more syllables than characters */
	return 1;
}

int lsn_han_viet_match(const char *han, size_t hn, const char *viet, size_t vn)
{
	return viet_match(han, hn, viet, vn, NULL);
}

size_t lsn_han_viet_spell(const char *han, size_t hn, const char *viet, size_t vn, char *out, size_t cap)
{
	struct out o = {out, cap, 0, 0};
	return finish(&o, viet_match(han, hn, viet, vn, &o));
}
