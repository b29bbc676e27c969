/*
 * hanviet_rev.c — Chinese names met in their Vietnamese (Hán-Việt) reading,
 * read back into pinyin.
 *
 * Vietnamese media write Chinese officials by the Sino-Vietnamese reading
 * of their characters: 华源 is "Hoa Nguyên", 李贵 "Lý Quý".  The actor table
 * links the people it knows; for the others each syllable is read as the
 * most common character with that Vietnamese reading, weighted by Unihan's
 * kHanyuPinlu counts (how often a character is read in a Mandarin corpus).
 * A syllable is matched with its diacritics: "Nguyên" is not "Nguyễn".
 *
 * The index (Vietnamese syllable -> pinyin of the best character) is built
 * once from the generated tables; lookups allocate nothing.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "lsn_int.h"

struct rev {
	uint64_t key;      /* lsn_lower_hash of the syllable */
	uint16_t py;       /* pool offset of the pinyin of the best character */
	uint32_t weight;   /* its kHanyuPinlu count */
	uint8_t surname;   /* the best is a common Chinese surname */
};

static struct rev *revs;
static size_t nrevs;
static uint32_t *surnames; /* code points of Chinese surnames (data/surnames.tsv), sorted */
static size_t nsurnames;
/* Compound surnames in their Vietnamese reading (the vi rows of surnames.tsv of two
 * syllables with characters: "Âu Dương" 欧阳), with the pinyin of their characters */
struct compound {
	uint64_t key;      /* lsn_lower_hash of the two syllables, one space between */
	char py[24];       /* "Ouyang" */
};
static struct compound *compounds;
static size_t ncompounds;

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* A vi row of surnames.tsv (latin \t han, from after its lang): kept when the
 * surname is two syllables written with characters. */
static void add_compound(const char *r, size_t n, size_t *cap)
{
	const char *tab = memchr(r, '\t', n);
	if (!tab || !memchr(r, ' ', (size_t)(tab - r)))
		return;
	size_t ln = (size_t)(tab - r), j = ln + 1, k = 0;
	char py[24];
	while (j < n && r[j] != '\t' && r[j] != '\r') {
		uint32_t cp = lsn_utf8_next(r, n, &j);
		char one[16];
		size_t l = lsn_is_han(cp) ? lsn_han_pinyin_reading(cp, one, sizeof one) : 0;
		if (!l || k + l + 1 > sizeof py)
			return;
		memcpy(py + k, one, l);
		k += l;
	}
	if (!k || lsn_grow(&compounds, cap, ncompounds + 1, sizeof *compounds))
		return;
	py[k] = 0;
	if (py[0] >= 'a' && py[0] <= 'z')
		py[0] = (char)(py[0] - 32);
	compounds[ncompounds].key = lsn_lower_hash(r, ln);
	memcpy(compounds[ncompounds].py, py, k + 1);
	ncompounds++;
}

/* The han column of the zh rows of surnames.tsv, as code points. */
static void load_surnames(void)
{
	const struct lsn_blob *b = NULL;
	for (size_t k = 0; k < lsn_nblobs; k++)
		if (!strcmp(lsn_blobs[k].name, "surnames.tsv"))
			b = &lsn_blobs[k];
	if (!b)
		return;
	const char *t = (const char *)b->data;
	size_t n = b->len, cap = 0, ccap = 0;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && t[e] != '\n')
			e++;
		/* lang \t latin \t han */
		if (e - i > 3 && !strncmp(t + i, "vi\t", 3))
			add_compound(t + i + 3, e - i - 3, &ccap);
		if (e - i > 3 && !strncmp(t + i, "zh\t", 3)) {
			const char *tab = memchr(t + i + 3, '\t', e - i - 3);
			if (tab) {
				size_t j = (size_t)(tab + 1 - t);
				uint32_t cp = lsn_utf8_next(t, e, &j);
				if (lsn_is_han(cp) && !lsn_grow(&surnames, &cap, nsurnames + 1, sizeof *surnames))
					surnames[nsurnames++] = cp;
			}
		}
		i = e + 1;
	}
	qsort(surnames, nsurnames, sizeof *surnames, cmp_u32);
}

static int is_surname_cp(uint32_t cp)
{
	return nsurnames && bsearch(&cp, surnames, nsurnames, sizeof *surnames, cmp_u32) != NULL;
}
static pthread_once_t rev_once = PTHREAD_ONCE_INIT;

static int cmp_rev(const void *a, const void *b)
{
	const struct rev *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	/* the heaviest first */
	return (x->weight < y->weight) - (x->weight > y->weight);
}

static void rev_init(void)
{
	load_surnames();
	revs = calloc(lsn_han_ntab + 1, sizeof *revs);
	if (!revs)
		return;
	for (size_t k = 0; k < lsn_han_ntab; k++) {
		const struct lsn_han_entry *e = &lsn_han_tab[k];
		char v[32];
		if (!e->py || !e->freq)
			continue;
		/* the reviewed supplement's reading first (宁 ninh) */
		size_t vl = lsn_han_viet_reading(e->cp, v, sizeof v);
		if (!vl)
			continue;
		revs[nrevs].key = lsn_lower_hash(v, vl);
		revs[nrevs].py = e->py;
		revs[nrevs].weight = e->freq;
		revs[nrevs].surname = (uint8_t)is_surname_cp(e->cp);
		nrevs++;
	}
	qsort(revs, nrevs, sizeof *revs, cmp_rev);
}

/* The pinyin of the most common character read `syl` in Vietnamese (of the
 * most common surname character so read, for a surname: lục is 陆 Lu, not
 * 六 liu). */
static const char *best_pinyin(const char *syl, size_t n, int surname)
{
	uint64_t key = lsn_lower_hash(syl, n);
	size_t lo = 0, hi = nrevs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (revs[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= nrevs || revs[lo].key != key)
		return NULL;
	if (surname)
		for (size_t k = lo; k < nrevs && revs[k].key == key; k++)
			if (revs[k].surname)
				return lsn_han_pool + revs[k].py;
	return lsn_han_pool + revs[lo].py;
}

size_t lsn_viet_pinyin_name(const char *s, size_t n, char *out, size_t cap)
{
	pthread_once(&rev_once, rev_init);
	size_t o = 0;
	int word = 0;
	if (cap)
		out[0] = 0;
	if (!revs || cap < 2)
		return 0;
	/* a compound surname read as one ("Âu Dương Vệ Dân" is 欧阳卫民 Ouyang Weimin) */
	size_t i = 0, sp1 = 0, sp2 = 0;
	while (sp1 < n && s[sp1] != ' ')
		sp1++;
	sp2 = sp1 + 1;
	while (sp2 < n && s[sp2] != ' ')
		sp2++;
	for (size_t c = 0; sp2 < n && c < ncompounds; c++)
		if (compounds[c].key == lsn_lower_hash(s, sp2)) {
			o = strlen(compounds[c].py);
			if (o + 1 >= cap)
				goto fail;
			memcpy(out, compounds[c].py, o + 1);
			i = sp2, word = 1;
			break;
		}
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		size_t st = i;
		while (i < n && s[i] != ' ')
			i++;
		if (i == st)
			break;
		const char *py = best_pinyin(s + st, i - st, word == 0);
		if (!py)
			goto fail;
		size_t l = strlen(py);
		/* surname, then the given name as one word: "Hua Yuan", "Chen Jining" */
		if (word == 1 || (word == 0 && o)) {
			if (o + 1 >= cap)
				goto fail;
			out[o++] = ' ';
		}
		if (o + l + 1 >= cap)
			goto fail;
		memcpy(out + o, py, l);
		if (word <= 1 && out[o] >= 'a' && out[o] <= 'z')
			out[o] = (char)(out[o] - 32);
		o += l;
		word++;
	}
	if (word < 2 || word > 4)
		goto fail;
	out[o] = 0;
	return o;
fail:
	out[0] = 0;
	return 0;
}
