/*
 * resolve_dups.c — near-duplicate documents, the first step of resolution
 * (resolve.c): a 64-bit SimHash per document; documents within
 * LSN_SIMHASH_MAX_DIST bits are one story, and each points (dup_of) to the
 * earliest of its group (published date, then id).
 */
#include <stdlib.h>
#include <string.h>
#include "store/resolve_int.h"

static int doc_before(const struct rdoc *a, const struct rdoc *b)
{
	if (a->pub[0] && b->pub[0]) {
		int c = strcmp(a->pub, b->pub);
		if (c)
			return c < 0;
	} else if (a->pub[0] != b->pub[0]) {
		return a->pub[0] != 0;
	}
	return strcmp(a->id, b->id) < 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

enum lsn_status lsn_rs_find_duplicates(struct resolver *R)
{
	size_t n = R->ndocs, m = 0;
	uint64_t *keys = malloc((4 * n + 1) * sizeof *keys);
	uint32_t *uf = malloc((n + 1) * sizeof *uf);
	if (!keys || !uf) {
		free(keys);
		free(uf);
		return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		uf[i] = (uint32_t)i;
		uint64_t h = R->docs[i].simhash;
		if (!h)
			continue;
		/* key: block number (2 bits), block value (16 bits), document (32 bits) */
		for (uint64_t b = 0; b < 4; b++)
			keys[m++] = b << 62 | ((h >> (16 * b)) & 0xffff) << 32 | (uint64_t)i;
	}
	lsn_rs_sort(keys, m, sizeof *keys, cmp_u64);
	for (size_t a = 0; a < m;) {
		size_t b = a;
		while (b < m && keys[b] >> 32 == keys[a] >> 32)
			b++;
		/* a run sharing one block value; very long runs are compared in windows */
		for (size_t i = a; i < b; i++)
			for (size_t j = i + 1; j < b && j < i + 4096; j++) {
				uint32_t x = (uint32_t)keys[i], y = (uint32_t)keys[j];
				if (__builtin_popcountll(R->docs[x].simhash ^ R->docs[y].simhash) <=
				    LSN_SIMHASH_MAX_DIST) {
					uint32_t rx = lsn_rs_uf_find(uf, x), ry = lsn_rs_uf_find(uf, y);
					if (rx != ry)
						uf[rx > ry ? rx : ry] = rx < ry ? rx : ry;
				}
			}
		a = b;
	}
	/* the earliest document of each group is its representative */
	for (size_t i = 0; i < n; i++) {
		uint32_t r = lsn_rs_uf_find(uf, (uint32_t)i);
		if (doc_before(&R->docs[i], &R->docs[R->docs[r].rep]))
			R->docs[r].rep = (uint32_t)i;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t rep = R->docs[lsn_rs_uf_find(uf, (uint32_t)i)].rep;
		R->docs[i].rep = rep;
		R->docs[i].dup_of = rep == i ? -1 : (int32_t)rep;
	}
	free(keys);
	free(uf);
	return LSN_OK;
}

