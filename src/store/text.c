/*
 * text.c — the text forms the knowledge base keys and indexes documents
 * by: the content hash (SHA-256 of the input bytes), the folded copy that the
 * full-text index holds, the SimHash of a document (near-duplicates), and
 * the key of a person's name.  Used by store.c, resolve.c and query.c.
 *
 * All of them fold the way lsn_fold does (lowercase, no diacritics, đ -> d,
 * traditional Chinese as simplified), so that what the index holds and what
 * a query asks are folded alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/store_int.h"

/* ---- SHA-256 (FIPS 180-4) ---- */

static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + sha_k[i] + w[i];
		uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		k = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += k;
}

void lsn_sha256(const void *bytes, size_t len, unsigned char out[32])
{
	uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	const unsigned char *p = bytes;
	size_t n = len;
	for (; n >= 64; p += 64, n -= 64)
		sha_block(h, p);
	unsigned char tail[128] = {0};
	memcpy(tail, p, n);
	tail[n] = 0x80;
	size_t tl = n + 1 + 8 <= 64 ? 64 : 128;
	uint64_t bits = (uint64_t)len * 8;
	for (int i = 0; i < 8; i++)
		tail[tl - 1 - (size_t)i] = (unsigned char)(bits >> (8 * i));
	sha_block(h, tail);
	if (tl == 128)
		sha_block(h, tail + 64);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(h[i] >> 8);
		out[4 * i + 3] = (unsigned char)h[i];
	}
}

void lsn_content_hash(const void *bytes, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[32];
	lsn_sha256(bytes, len, d);
	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = 0;
}

/* ---- the folded copy for the full-text index ---- */

int lsn_fts_fold(const char *s, size_t n, struct lsn_buf *out)
{
	/* folding may lengthen a code point by half at most (U+023A -> U+2C65) */
	size_t cap = 2 * n + 16;
	char *f = malloc(cap);
	if (!f)
		return -1;
	size_t fl = lsn_fold(s, n, f, cap);
	size_t i = 0, run = 0;
	int spaced = 1; /* the last byte written is white space (or nothing yet) */
	while (i < fl) {
		size_t st = i;
		uint32_t cp = lsn_utf8_next(f, fl, &i);
		if (!lsn_is_han(cp)) {
			run += i - st;
			spaced = lsn_is_space(cp);
			continue;
		}
		lsn_buf_add(out, f + st - run, run);
		run = 0;
		if (!spaced)
			lsn_buf_addc(out, ' ');
		lsn_buf_add(out, f + st, i - st);
		lsn_buf_addc(out, ' ');
		spaced = 1;
	}
	lsn_buf_add(out, f + fl - run, run);
	free(f);
	return out->oom ? -1 : 0;
}

/* Is code point c a separator of the full-text words on PostgreSQL: ASCII
 * punctuation and white space, and the blocks of symbols and punctuation
 * schema_pg.sql's lsn_fts_prep names (the same list)? */
static int fts_sep(uint32_t c)
{
	if (c < 0x80)
		return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
		       (c >= '{' && c <= '~') || c == ' ' || (c >= '\t' && c <= '\r');
	return c <= 0xbf || c == 0xd7 || c == 0xf7 || (c >= 0x2000 && c <= 0x206f) ||
	       (c >= 0x20a0 && c <= 0x20cf) || (c >= 0x2100 && c <= 0x27ff) || (c >= 0x2e00 && c <= 0x2e7f) ||
	       (c >= 0x3000 && c <= 0x303f) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff0f) ||
	       (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) ||
	       (c >= 0x1f000 && c <= 0x1faff);
}

int lsn_fts_words(const char *s, size_t n, struct lsn_buf *out)
{
	size_t i = 0, run = 0; /* run: bytes of words not yet copied, ending at i */
	int sep = 0;           /* inside a run of separators */
	while (i < n) {
		size_t st = i;
		uint32_t cp = lsn_utf8_next(s, n, &i);
		if (!fts_sep(cp)) {
			run += i - st;
			sep = 0;
			continue;
		}
		lsn_buf_add(out, s + st - run, run);
		run = 0;
		if (!sep)
			lsn_buf_addc(out, ' ');
		sep = 1;
	}
	lsn_buf_add(out, s + n - run, run);
	return out->oom ? -1 : 0;
}

/* ---- SimHash ---- */

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static int word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	return lsn_is_han(cp) || lsn_is_letter(cp);
}

uint64_t lsn_simhash(const char *folded, size_t n, size_t *nshingles)
{
	int32_t v[64] = {0};
	uint64_t w[3] = {0, 0, 0};
	size_t nw = 0, ns = 0, i = 0;
	while (i < n) {
		size_t st = i;
		uint32_t cp = lsn_utf8_next(folded, n, &i);
		if (!word_cp(cp))
			continue;
		/* a word: a run of word characters, or one Han character */
		if (!lsn_is_han(cp))
			while (i < n) {
				size_t j = i;
				uint32_t c = lsn_utf8_next(folded, n, &j);
				if (!word_cp(c) || lsn_is_han(c))
					break;
				i = j;
			}
		w[0] = w[1];
		w[1] = w[2];
		w[2] = lsn_hash_bytes(folded + st, i - st);
		if (++nw < 3)
			continue;
		uint64_t h = mix64(w[0] ^ mix64(w[1] ^ mix64(w[2])));
		for (int b = 0; b < 64; b++) /* branch-free: the compiler vectorises it */
			v[b] += (int32_t)((h >> b) & 1) * 2 - 1;
		ns++;
	}
	if (nshingles)
		*nshingles = ns;
	if (ns < LSN_SIMHASH_MIN_SHINGLES)
		return 0;
	uint64_t r = 0;
	for (int b = 0; b < 64; b++)
		if (v[b] > 0)
			r |= UINT64_C(1) << b;
	return r;
}

/* ---- name keys ---- */

size_t lsn_name_key(const char *s, size_t n, char *out, size_t cap)
{
	char f[512];
	size_t fl = lsn_fold(s, n, f, sizeof f);
	size_t o = 0;
	int space = 1;
	if (!cap)
		return 0;
	for (size_t i = 0; i < fl; ) {
		size_t st = i;
		uint32_t cp = lsn_utf8_next(f, fl, &i);
		if (cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0xad || cp == '.' ||
		    cp == 0xb7 || cp == 0x30fb || cp == '\'' || cp == '`')
			continue;
		if (lsn_is_space(cp) || cp == ',') {
			if (!space && o + 1 < cap)
				out[o++] = ' ';
			space = 1;
			continue;
		}
		if (o + (i - st) + 1 > cap)
			break;
		memcpy(out + o, f + st, i - st);
		o += i - st;
		space = 0;
	}
	while (o && out[o - 1] == ' ')
		o--;
	out[o] = 0;
	return o;
}

int lsn_has_han(const char *s, size_t n)
{
	for (size_t i = 0; i < n;)
		if (lsn_is_han(lsn_utf8_next(s, n, &i)))
			return 1;
	return 0;
}

const char *lsn_script_of(const char *s, size_t n)
{
	int han = 0, latin = 0, other = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp = lsn_utf8_next(s, n, &i);
		if (lsn_is_han(cp))
			han = 1;
		else if ((cp < 0x80 && lsn_is_letter(cp)) || (cp >= 0xc0 && cp < 0x250) ||
			 (cp >= 0x1e00 && cp < 0x1f00) || (cp >= 0x300 && cp < 0x370))
			latin = 1;
		else if (lsn_is_letter(cp))
			other = 1;
	}
	return han ? "han" : latin ? "latin" : other ? "other" : "latin";
}
