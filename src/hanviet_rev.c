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
		nrevs++;
	}
	qsort(revs, nrevs, sizeof *revs, cmp_rev);
}

/* The pinyin of the most common character read `syl` in Vietnamese. */
static const char *best_pinyin(const char *syl, size_t n)
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
	return lo < nrevs && revs[lo].key == key ? lsn_han_pool + revs[lo].py : NULL;
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
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == ' ')
			i++;
		size_t st = i;
		while (i < n && s[i] != ' ')
			i++;
		if (i == st)
			break;
		const char *py = best_pinyin(s + st, i - st);
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
