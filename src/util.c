/*
 * util.c — small shared pieces: the growable buffer, arrays, UTF-8 decoding,
 * folding for matching (lowercase, no diacritics, đ -> d), hashing, a
 * uint64 -> uint32 map, dates and the fixed vocabularies of SCHEMA.md.
 *
 * Nothing here allocates per token: folding and hashing run over the text in
 * place, through a table built once from ICU's decompositions.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include "lsn_int.h"

const char *lsn_strerror(enum lsn_status st)
{
	switch (st) {
	case LSN_OK: return "no error";
	case LSN_ENOMEM: return "out of memory";
	case LSN_EIO: return "input/output error";
	case LSN_EBINARY: return "binary data, not text";
	case LSN_EDATA: return "malformed knowledge table";
	case LSN_EARG: return "bad argument";
	case LSN_EUNICODE: return "Unicode processing failed";
	case LSN_EDB: return "knowledge base error";
	}
	return "unknown error";
}

/* ---- buffer ---- */

void lsn_buf_init(struct lsn_buf *b) { memset(b, 0, sizeof *b); }

void lsn_buf_clear(struct lsn_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

void lsn_buf_add(struct lsn_buf *b, const void *p, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *d = realloc(b->data, cap);
		if (!d) {
			b->oom = 1;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void lsn_buf_adds(struct lsn_buf *b, const char *s) { lsn_buf_add(b, s, strlen(s)); }
void lsn_buf_addc(struct lsn_buf *b, char c) { lsn_buf_add(b, &c, 1); }

void lsn_buf_printf(struct lsn_buf *b, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		lsn_buf_add(b, tmp, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big) {
		b->oom = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	lsn_buf_add(b, big, (size_t)n);
	free(big);
}

void lsn_buf_json_str(struct lsn_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	lsn_buf_addc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];
		if (c == '"') esc = "\\\"";
		else if (c == '\\') esc = "\\\\";
		else if (c == '\n') esc = "\\n";
		else if (c == '\r') esc = "\\r";
		else if (c == '\t') esc = "\\t";
		else if (c < 0x20 || c == 0x7f) {
			u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
			u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = 0;
			esc = u;
		}
		if (esc) {
			lsn_buf_add(b, s + i - run, run);
			run = 0;
			lsn_buf_adds(b, esc);
		} else {
			run++;
		}
	}
	lsn_buf_add(b, s + n - run, run);
	lsn_buf_addc(b, '"');
}

int lsn_grow(void *pp, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 16;
	while (c < need)
		c *= 2;
	void *p = realloc(*(void **)pp, c * size);
	if (!p)
		return -1;
	*(void **)pp = p;
	*cap = c;
	return 0;
}

/* ---- UTF-8 ---- */

uint32_t lsn_utf8_decode(const char *s, size_t n, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = n - *i;
	uint32_t c = p[0];
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
	if (len == 0 || (size_t)len > left) {
		(*i)++;
		return 0xfffd;
	}
	uint32_t cp = c & (0x3f >> (len - 1));
	for (int k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			(*i)++;
			return 0xfffd;
		}
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	*i += (size_t)len;
	return cp;
}

int lsn_utf8_put(uint32_t cp, char *o)
{
	if (cp < 0x80) { o[0] = (char)cp; return 1; }
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* ---- folding ---- */

/* Base letter (lowercase ASCII) of each code point in the Latin blocks that
 * carry diacritics; 0 = not a decomposable Latin letter.  Built once. */
#define FOLD_LO 0x00c0
#define FOLD_HI 0x0250
#define FOLD2_LO 0x1e00
#define FOLD2_HI 0x1f00
static unsigned char fold_tab[FOLD_HI - FOLD_LO];
static unsigned char fold_tab2[FOLD2_HI - FOLD2_LO];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static unsigned char base_of(const UNormalizer2 *nfd, uint32_t cp)
{
	UChar buf[8];
	UErrorCode err = U_ZERO_ERROR;
	int32_t n = unorm2_getDecomposition(nfd, (UChar32)cp, buf, 8, &err);
	if (U_FAILURE(err) || n <= 0)
		return 0;
	UChar32 b = u_tolower(buf[0]);
	return b < 0x80 && ((b >= 'a' && b <= 'z')) ? (unsigned char)b : 0;
}

/* Traditional -> simplified (generated from Unihan), as a direct table over
 * the main CJK blocks, built once. */
extern const uint32_t lsn_trad2simp[][2];
extern const size_t lsn_ntrad2simp;
#define T2S_LO 0x3400
#define T2S_HI 0xa000
static uint16_t t2s_tab[T2S_HI - T2S_LO]; /* simplified - T2S_LO + 1, 0 = same */

static void fold_init(void)
{
	for (size_t k = 0; k < lsn_ntrad2simp; k++) {
		uint32_t a = lsn_trad2simp[k][0], b = lsn_trad2simp[k][1];
		if (a >= T2S_LO && a < T2S_HI && b >= T2S_LO && b < T2S_HI && !t2s_tab[a - T2S_LO])
			t2s_tab[a - T2S_LO] = (uint16_t)(b - T2S_LO + 1);
	}
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	if (U_FAILURE(err))
		return;
	for (uint32_t cp = FOLD_LO; cp < FOLD_HI; cp++)
		fold_tab[cp - FOLD_LO] = base_of(nfd, cp);
	for (uint32_t cp = FOLD2_LO; cp < FOLD2_HI; cp++)
		fold_tab2[cp - FOLD2_LO] = base_of(nfd, cp);
	fold_tab[0x0110 - FOLD_LO] = 'd'; /* Đ */
	fold_tab[0x0111 - FOLD_LO] = 'd'; /* đ */
	fold_tab[0x00d0 - FOLD_LO] = 'd'; /* Ð */
	fold_tab[0x00f0 - FOLD_LO] = 'd'; /* ð */
	fold_tab[0x00d8 - FOLD_LO] = 'o'; /* Ø */
	fold_tab[0x00f8 - FOLD_LO] = 'o';
	fold_tab[0x00c6 - FOLD_LO] = 'a'; /* Æ, approximate */
	fold_tab[0x00e6 - FOLD_LO] = 'a';
	fold_tab[0x00df - FOLD_LO] = 's';
}

/* Folds one code point: returns the folded code point, 0 to drop it. */
static uint32_t fold_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	if (cp >= 0x300 && cp < 0x370)
		return 0; /* combining marks */
	if (cp >= FOLD_LO && cp < FOLD_HI && fold_tab[cp - FOLD_LO])
		return fold_tab[cp - FOLD_LO];
	if (cp >= FOLD2_LO && cp < FOLD2_HI && fold_tab2[cp - FOLD2_LO])
		return fold_tab2[cp - FOLD2_LO];
	if (cp == 0x2019 || cp == 0x2018 || cp == 0x02bc)
		return '\'';
	if (cp >= 0xff01 && cp <= 0xff5e) /* full-width ASCII */
		return fold_cp(cp - 0xfee0);
	if (cp >= T2S_LO && cp < T2S_HI && t2s_tab[cp - T2S_LO]) /* 貿 -> 贸 */
		return t2s_tab[cp - T2S_LO] - 1 + T2S_LO;
	if (cp < 0x3000)
		return (uint32_t)u_tolower((UChar32)cp);
	return cp;
}

size_t lsn_fold(const char *s, size_t n, char *out, size_t outcap)
{
	pthread_once(&fold_once, fold_init);
	size_t i = 0, o = 0;
	while (i < n) {
		uint32_t cp = fold_cp(lsn_utf8_next(s, n, &i));
		if (!cp)
			continue;
		char tmp[4];
		int k = lsn_utf8_put(cp, tmp);
		if (o + (size_t)k + 1 > outcap)
			break;
		memcpy(out + o, tmp, (size_t)k);
		o += (size_t)k;
	}
	if (outcap)
		out[o < outcap ? o : outcap - 1] = 0;
	return o;
}

/* One mark's share of a word's set: a sum of mixed values is the same in any order. */
static uint64_t mark_mix(uint32_t mark)
{
	uint64_t x = (uint64_t)mark * UINT64_C(0x9e3779b97f4a7c15);
	return x ^ (x >> 29);
}

uint64_t lsn_marks_sig(const char *s, size_t n)
{
	pthread_once(&fold_once, fold_init);
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	uint64_t sig = 0, word = 0;
	int any = 0;
	size_t i = 0;
	while (i < n) {
		uint32_t cp = lsn_utf8_next(s, n, &i);
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == 0xa0) {
			sig = sig * UINT64_C(0x100000001b3) ^ word;
			word = 0;
		} else if (cp == 0x0110 || cp == 0x0111) { /* Đ đ: the stroke */
			word += mark_mix(1);
			any = 1;
		} else if (cp >= 0x300 && cp < 0x370) {
			word += mark_mix(cp);
			any = 1;
		} else if (cp >= 0x80 && cp < 0x3000 && !U_FAILURE(err)) {
			UChar buf[8];
			UErrorCode e2 = U_ZERO_ERROR;
			int32_t k = unorm2_getDecomposition(nfd, (UChar32)cp, buf, 8, &e2);
			for (int32_t j = 1; !U_FAILURE(e2) && j < k; j++)
				if (buf[j] >= 0x300 && buf[j] < 0x370) {
					word += mark_mix(buf[j]);
					any = 1;
				}
		}
	}
	sig = sig * UINT64_C(0x100000001b3) ^ word;
	return any ? (sig ? sig : 1) : 0;
}

#define FNV_OFF UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)

uint64_t lsn_fold_hash(const char *s, size_t n)
{
	pthread_once(&fold_once, fold_init);
	uint64_t h = FNV_OFF;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		if (c < 0x80) {
			i++;
			cp = (c >= 'A' && c <= 'Z') ? c + 32u : c;
		} else {
			cp = fold_cp(lsn_utf8_next(s, n, &i));
			if (!cp)
				continue;
		}
		/* hash the code point value itself: cheaper than re-encoding */
		h = (h ^ (cp & 0xff)) * FNV_PRIME;
		if (cp > 0xff) {
			h = (h ^ ((cp >> 8) & 0xff)) * FNV_PRIME;
			h = (h ^ (cp >> 16)) * FNV_PRIME;
		}
	}
	return h ? h : 1;
}

uint64_t lsn_lower_hash(const char *s, size_t n)
{
	uint64_t h = FNV_OFF;
	size_t i = 0;
	while (i < n) {
		uint32_t cp = lsn_utf8_next(s, n, &i);
		cp = cp < 0x80 ? ((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp) : (uint32_t)u_tolower((UChar32)cp);
		char b[4];
		int k = lsn_utf8_put(cp, b);
		for (int j = 0; j < k; j++)
			h = (h ^ (unsigned char)b[j]) * FNV_PRIME;
	}
	return h ? h : 1;
}

uint64_t lsn_hash_bytes(const char *s, size_t n)
{
	uint64_t h = FNV_OFF;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h ? h : 1;
}

int lsn_is_letter_u(uint32_t cp)
{
	if (cp >= 0x300 && cp < 0x370)
		return 1; /* combining marks continue a word */
	return u_isalpha((UChar32)cp) || u_getCombiningClass((UChar32)cp) != 0;
}

int lsn_is_upper_u(uint32_t cp) { return u_isupper((UChar32)cp); }

/* ---- map ---- */

static size_t map_slot(const struct lsn_map *m, uint64_t key)
{
	size_t mask = m->cap - 1, i = (size_t)(key ^ (key >> 29)) & mask;
	while (m->slots[i].key && m->slots[i].key != key)
		i = (i + 1) & mask;
	return i;
}

int lsn_map_put(struct lsn_map *m, uint64_t key, uint32_t val)
{
	if (!key)
		key = 1;
	if ((m->len + 1) * 2 > m->cap) {
		struct lsn_map n = {0};
		n.cap = m->cap ? m->cap * 2 : 1024;
		n.slots = calloc(n.cap, sizeof *n.slots);
		if (!n.slots)
			return -1;
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key) {
				size_t s = map_slot(&n, m->slots[i].key);
				n.slots[s] = m->slots[i];
				n.len++;
			}
		free(m->slots);
		*m = n;
	}
	size_t s = map_slot(m, key);
	if (!m->slots[s].key)
		m->len++;
	m->slots[s].key = key;
	m->slots[s].val = val;
	return 0;
}

uint32_t lsn_map_get(const struct lsn_map *m, uint64_t key)
{
	if (!m->cap)
		return 0;
	if (!key)
		key = 1;
	size_t s = map_slot(m, key);
	return m->slots[s].key ? m->slots[s].val : 0;
}

void lsn_map_clear(struct lsn_map *m)
{
	free(m->slots);
	memset(m, 0, sizeof *m);
}

/* ---- vocabularies ---- */

const char *const lsn_roles[] = {
	"", "general secretary", "president", "vice president", "prime minister",
	"deputy prime minister", "chairman of national assembly", "minister",
	"vice minister", "ambassador", "consul general", "party secretary",
	"deputy party secretary", "mayor", "vice mayor", "governor", "vice governor",
	"chairman", "vice chairman", "director", "deputy director", "official", NULL};

const char *const lsn_ev_types[] = {
	"", "meeting", "virtual_meeting", "signing", "attend", "visit", NULL};

const char *const lsn_fields[] = {
	"trade", "investment", "finance", "logistics", "transport", "infrastructure",
	"technology", "digital_economy", "ai", "semiconductors", "green_development",
	"smart_city", "urban_governance", "energy", "agriculture", "health",
	"education", "culture", "tourism", "sports", "people_exchange", "governance",
	"security", "free_trade_zone", "expo", NULL};

const char *const lsn_commit_types[] = {"", "proposal", "pledge", "invitation", "agreement", NULL};

const char *const lsn_metrics[] = {
	"", "trade", "export", "import", "investment", "gdp", "visitors", "other", NULL};

int lsn_vocab_find(const char *const *vocab, const char *s, size_t n)
{
	for (int i = 0; vocab[i]; i++)
		if (strlen(vocab[i]) == n && memcmp(vocab[i], s, n) == 0)
			return i;
	return -1;
}

size_t lsn_vocab_len(const char *const *vocab)
{
	size_t n = 0;
	while (vocab[n])
		n++;
	return n;
}
