/*
 * gen_hanread.c — build-time generator of the Han reading tables used by
 * src/hanread.c (reading Chinese-character personal names in pinyin and in
 * Sino-Vietnamese).  It is run by CMake, never shipped:
 *
 *   gen_hanread BZIP2 Unihan_Readings.txt.bz2 Unihan_Variants.txt.bz2 OUT.c
 *
 * Input: Debian's unicode-data copy of the Unihan database, decompressed
 * through the bzip2 program.  Output: one C file, marked "do not edit", with
 *
 *   lsn_han_tab[]   every code point with a kMandarin or a kVietnamese
 *                   reading, sorted by code point: its first Mandarin reading
 *                   as toneless ASCII pinyin, one Sino-Vietnamese reading, and
 *                   how common it is (kHanyuPinlu counts; 1 for a character of
 *                   the general standard list, kTGHZ2013, without them);
 *   lsn_han_simp[]  traditional -> simplified pairs (kSimplifiedVariant);
 *   lsn_han_pool    the reading strings those entries point into.
 *
 * The choices made here (each documented where it is made):
 *   - pinyin: tone marks dropped, ü written u (吕 -> "lu"), because that is
 *     how English media print such names and what lsn_fold makes of "Lü";
 *   - Vietnamese: a character's own kVietnamese reading; when it has several,
 *     the one that agrees best with its Mandarin reading (see pick_viet());
 *     when it has none, the reading of its traditional variant
 *     (kTraditionalVariant): 张 -> 張 -> trương;
 *   - Vietnamese spelling: tone mark on the first vowel of open oa/oe/uy
 *     (hòa, thụy, as in actors.tsv and the Vietnamese press) and y for the
 *     final i after h, k, l, m, t and qu (lý, kỷ, hy, quý), as in names.
 *
 * The reviewed corrections for names (data/hanviet_supplement.tsv) are not
 * applied here: hanread.c reads them from the embedded tables at run time, so
 * that they win over everything generated here.
 *
 * Exit status 0 on success; 1 with a message on stderr on any surprise in the
 * input (an unknown pinyin letter, a decomposed Vietnamese reading, a pool
 * too large for 16-bit offsets), so that a new Unihan fails loudly.
 */
#define _POSIX_C_SOURCE 200809L /* getline, popen */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXCP 0x40000
#define MAXVR 8 /* Vietnamese readings kept per character */
#define MAXVAR 8

static char *pinyin[MAXCP];            /* first kMandarin, toneless ASCII */
static unsigned freq[MAXCP];           /* kHanyuPinlu: how often it is read, all readings */
static uint8_t general[MAXCP];         /* in the general standard list (kTGHZ2013) */
static char *viet[MAXCP][MAXVR];       /* kVietnamese readings, normalised */
static uint8_t nviet[MAXCP];
static uint32_t *trad[MAXCP];          /* kTraditionalVariant, 0-terminated */
static uint32_t simp[MAXCP];           /* first kSimplifiedVariant != itself */

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "gen_hanread: error: %s%s%s\n", what, detail ? ": " : "",
		detail ? detail : "");
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		die("out of memory", NULL);
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* ---- UTF-8 ---- */

static uint32_t utf8_next(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t c = s[0];
	int len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
	if (!len)
		die("bad UTF-8 in input", *p);
	if (len > 1)
		c &= 0x3fu >> (len - 1);
	for (int k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			die("bad UTF-8 in input", *p);
		c = (c << 6) | (s[k] & 0x3f);
	}
	*p += len;
	return c;
}

static size_t utf8_put(uint32_t c, char *o)
{
	if (c < 0x80) { o[0] = (char)c; return 1; }
	if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6)); o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | (c >> 12)); o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (c >> 18)); o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3f)); o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* "U+5F35" or "U+5F35<kMatthews" -> code point, 0 when malformed. */
static uint32_t parse_cp(const char *s)
{
	if (s[0] != 'U' || s[1] != '+')
		return 0;
	unsigned long v = strtoul(s + 2, NULL, 16);
	return v > 0 && v < MAXCP ? (uint32_t)v : 0;
}

/* ---- pinyin ---- */

/* The base ASCII letter of a pinyin letter, 0 for combining marks to drop. */
static int pinyin_base(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') ? (int)c : -1;
	if (c >= 0x300 && c < 0x370)
		return 0; /* a tone over ê is a combining mark */
	switch (c) {
	case 0xe0: case 0xe1: case 0x101: case 0x1ce: return 'a';
	case 0xe8: case 0xe9: case 0xea: case 0x113: case 0x11b: case 0x1ebf: case 0x1ec1:
		return 'e';
	case 0xec: case 0xed: case 0x12b: case 0x1d0: return 'i';
	case 0xf2: case 0xf3: case 0x14d: case 0x1d2: return 'o';
	/* ü and its tones: u, as English media write 吕 Lu and 女 nu */
	case 0xf9: case 0xfa: case 0xfc: case 0x16b: case 0x1d4:
	case 0x1d6: case 0x1d8: case 0x1da: case 0x1dc: return 'u';
	case 0x144: case 0x148: case 0x1f9: return 'n';
	case 0x1e3f: return 'm';
	}
	return -1;
}

static char *toneless(const char *r)
{
	char out[32];
	size_t o = 0;
	const char *p = r;
	while (*p) {
		int b = pinyin_base(utf8_next(&p));
		if (b < 0)
			die("unexpected letter in kMandarin", r);
		if (b && o + 1 < sizeof out)
			out[o++] = (char)b;
	}
	out[o] = 0;
	return xstrdup(out);
}

/* ---- Vietnamese ---- */

/* The Vietnamese vowels in their six tones: level, grave, acute, hook,
 * tilde, dot below. */
static const char *const vrows[] = {
	"aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
	"oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
};
enum { V_A, V_AW, V_AA, V_E, V_EE, V_I, V_O, V_OO, V_OW, V_U, V_UW, V_Y, NVROW };
static uint32_t vtab[NVROW][6];

static void vtab_init(void)
{
	for (int r = 0; r < NVROW; r++) {
		const char *p = vrows[r];
		for (int t = 0; t < 6; t++)
			vtab[r][t] = utf8_next(&p);
	}
}

/* Row and tone of a vowel; -1 when c is not a Vietnamese vowel. */
static int vowel(uint32_t c, int *tone)
{
	for (int r = 0; r < NVROW; r++)
		for (int t = 0; t < 6; t++)
			if (vtab[r][t] == c) {
				*tone = t;
				return r;
			}
	return -1;
}

/* Lowercases a reading (Unihan has a few capitalised ones) and applies the
 * spelling used for names; see the head of the file.  Fails on anything that
 * is not a precomposed Vietnamese letter, so the output is NFC. */
static char *viet_norm(const char *r)
{
	uint32_t cp[16];
	int n = 0, t;
	const char *p = r;
	while (*p) {
		uint32_t c = utf8_next(&p);
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if (!((c >= 'a' && c <= 'z') || c == 0x111 || vowel(c, &t) >= 0))
			die("unexpected letter in kVietnamese (not NFC?)", r);
		if (n == 16)
			die("kVietnamese reading too long", r);
		cp[n++] = c;
	}
	int t1, t2, r1 = n >= 2 ? vowel(cp[n - 2], &t1) : -1;
	int r2 = n >= 2 ? vowel(cp[n - 1], &t2) : -1;
	/* hoà -> hòa, khoẻ -> khỏe, thuỵ -> thụy (not after q: quý) */
	if (r1 >= 0 && r2 >= 0 && t1 == 0 && t2 != 0 &&
	    ((r1 == V_O && (r2 == V_A || r2 == V_E)) ||
	     (r1 == V_U && r2 == V_Y && !(n >= 3 && cp[n - 3] == 'q')))) {
		cp[n - 2] = vtab[r1][t2];
		cp[n - 1] = vtab[r2][0];
	}
	/* lí -> lý, kỉ -> kỷ, hi -> hy, quí -> quý */
	int ri = n ? vowel(cp[n - 1], &t) : -1;
	if (ri == V_I && ((n == 2 && strchr("hklmt", (int)cp[0])) ||
			  (n == 3 && cp[0] == 'q' && cp[1] == 'u')))
		cp[n - 1] = vtab[V_Y][t];
	char out[64];
	size_t o = 0;
	for (int i = 0; i < n; i++)
		o += utf8_put(cp[i], out + o);
	out[o] = 0;
	return xstrdup(out);
}

/* The reading without tone or vowel marks, đ -> d: "trương" -> "truong". */
static void viet_bare(const char *r, char *out, size_t cap)
{
	static const char base[NVROW] = {'a', 'a', 'a', 'e', 'e', 'i',
					 'o', 'o', 'o', 'u', 'u', 'y'};
	size_t o = 0;
	int t;
	while (*r && o + 1 < cap) {
		uint32_t c = utf8_next(&r);
		int row = vowel(c, &t);
		out[o++] = row >= 0 ? base[row] : c == 0x111 ? 'd' : (char)c;
	}
	out[o] = 0;
}

/* ---- agreement counts: (toneless pinyin, bare Vietnamese) -> characters ---- */

#define AGREE_CAP (1u << 16)
static struct { char *key; int n; } agree[AGREE_CAP];

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int *agree_slot(const char *py, const char *vi, int add)
{
	char key[64], bare[32];
	viet_bare(vi, bare, sizeof bare);
	snprintf(key, sizeof key, "%s|%s", py, bare);
	uint32_t i = str_hash(key) & (AGREE_CAP - 1);
	while (agree[i].key && strcmp(agree[i].key, key))
		i = (i + 1) & (AGREE_CAP - 1);
	if (!agree[i].key) {
		static int used;
		if (!add)
			return NULL;
		if (++used > (int)(AGREE_CAP / 2))
			die("agreement table full", NULL);
		agree[i].key = xstrdup(key);
	}
	return &agree[i].n;
}

/* The Vietnamese reading of cp among its own kVietnamese readings.  Unihan
 * lists several for a few hundred characters, the native (Nôm) word often
 * first: 東 "hốc đông", 洪 "suyền hồng", 死 "phơi tử".  Sino-Vietnamese
 * readings correspond regularly to Mandarin ones, so the reading shared by
 * most characters that have the same Mandarin syllable and a single
 * Vietnamese reading is taken; ties keep Unihan's order. */
static const char *pick_viet(uint32_t cp)
{
	if (!nviet[cp])
		return NULL;
	if (nviet[cp] == 1 || !pinyin[cp])
		return viet[cp][0];
	int best = 0, bestn = -1;
	for (int k = 0; k < nviet[cp]; k++) {
		int *n = agree_slot(pinyin[cp], viet[cp][k], 0);
		if ((n ? *n : 0) > bestn) {
			best = k;
			bestn = n ? *n : 0;
		}
	}
	return viet[cp][best];
}

/* ---- input ---- */

static FILE *open_bz2(const char *bzip2, const char *path)
{
	if (strchr(path, '\'') || strchr(bzip2, '\''))
		die("quote in a path", path);
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "'%s' -dc '%s'", bzip2, path);
	FILE *f = popen(cmd, "r");
	if (!f)
		die("cannot run bzip2 on", path);
	return f;
}

/* Calls fn(cp, field, value) for each data line of a Unihan file. */
static void each_line(const char *bzip2, const char *path,
		      void (*fn)(uint32_t, const char *, char *))
{
	FILE *f = open_bz2(bzip2, path);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lines = 0;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		char *field = strchr(line, '\t');
		char *value = field ? strchr(field + 1, '\t') : NULL;
		if (!value)
			die("malformed line in", path);
		*field++ = 0;
		*value++ = 0;
		uint32_t cp = parse_cp(line);
		if (!cp)
			die("bad code point in", path);
		fn(cp, field, value);
		lines++;
	}
	free(line);
	if (pclose(f) != 0 || lines == 0)
		die("could not read", path);
}

static void on_reading(uint32_t cp, const char *field, char *value)
{
	if (!strcmp(field, "kMandarin")) {
		char *sp = strchr(value, ' ');
		if (sp)
			*sp = 0;
		pinyin[cp] = toneless(value);
	} else if (!strcmp(field, "kHanyuPinlu")) {
		/* "yī(32747) yí(12)": the counts of a frequency corpus */
		for (char *p = strchr(value, '('); p; p = strchr(p + 1, '('))
			freq[cp] += (unsigned)strtoul(p + 1, NULL, 10);
	} else if (!strcmp(field, "kTGHZ2013")) {
		general[cp] = 1;
	} else if (!strcmp(field, "kVietnamese")) {
		for (char *w = strtok(value, " "); w; w = strtok(NULL, " ")) {
			char *v = viet_norm(w);
			int dup = 0;
			for (int k = 0; k < nviet[cp]; k++)
				dup |= !strcmp(viet[cp][k], v);
			if (dup || nviet[cp] == MAXVR)
				free(v);
			else
				viet[cp][nviet[cp]++] = v;
		}
	}
}

static void on_variant(uint32_t cp, const char *field, char *value)
{
	int is_trad = !strcmp(field, "kTraditionalVariant");
	if (!is_trad && strcmp(field, "kSimplifiedVariant"))
		return;
	uint32_t v[MAXVAR + 1];
	int n = 0;
	for (char *w = strtok(value, " "); w && n < MAXVAR; w = strtok(NULL, " ")) {
		uint32_t c = parse_cp(w);
		if (c && c != cp)
			v[n++] = c;
	}
	if (!n)
		return;
	if (is_trad) {
		v[n++] = 0;
		trad[cp] = memcpy(xmalloc(n * sizeof *v), v, n * sizeof *v);
	} else {
		simp[cp] = v[0];
	}
}

/* ---- output ---- */

#define POOL_MAX 65536
static char pool[POOL_MAX];
static size_t pool_len = 1; /* offset 0 is "": no reading */
#define INTERN_CAP (1u << 15)
static uint32_t intern_off[INTERN_CAP];

static unsigned intern(const char *s)
{
	if (!s || !*s)
		return 0;
	uint32_t i = str_hash(s) & (INTERN_CAP - 1);
	while (intern_off[i] && strcmp(pool + intern_off[i], s))
		i = (i + 1) & (INTERN_CAP - 1);
	if (!intern_off[i]) {
		size_t n = strlen(s) + 1;
		if (pool_len + n > POOL_MAX)
			die("reading pool exceeds 16-bit offsets", NULL);
		memcpy(pool + pool_len, s, n);
		intern_off[i] = (uint32_t)pool_len;
		pool_len += n;
	}
	return intern_off[i];
}

/* The Vietnamese reading of cp, through its traditional variants when it has
 * none: the first variant read like cp in Mandarin, else the first with any
 * reading (钟 -> 鍾 chung before 鐘). */
static const char *viet_of(uint32_t cp)
{
	const char *v = pick_viet(cp);
	if (v || !trad[cp])
		return v;
	const char *any = NULL;
	for (const uint32_t *t = trad[cp]; *t; t++) {
		const char *tv = pick_viet(*t);
		if (!tv)
			continue;
		if (pinyin[cp] && pinyin[*t] && !strcmp(pinyin[cp], pinyin[*t]))
			return tv;
		if (!any)
			any = tv;
	}
	return any;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: gen_hanread BZIP2 Unihan_Readings.txt.bz2 "
				"Unihan_Variants.txt.bz2 OUT.c\n");
		return 2;
	}
	vtab_init();
	each_line(argv[1], argv[2], on_reading);
	each_line(argv[1], argv[3], on_variant);

	for (uint32_t cp = 1; cp < MAXCP; cp++)
		if (pinyin[cp] && nviet[cp] == 1)
			(*agree_slot(pinyin[cp], viet[cp][0], 1))++;

	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[4]);
	FILE *out = fopen(tmp, "w");
	if (!out)
		die("cannot write", tmp);
	fprintf(out, "/* Generated by tools/gen_hanread.c from Unihan_Readings.txt and\n"
		     " * Unihan_Variants.txt (Debian unicode-data): do not edit. */\n"
		     "#include \"lsn_int.h\"\n\n"
		     "const struct lsn_han_entry lsn_han_tab[] = {\n");
	size_t nent = 0, npy = 0, nvi = 0, nvar = 0, nsimp = 0;
	for (uint32_t cp = 1; cp < MAXCP; cp++) {
		const char *v = viet_of(cp);
		if (!pinyin[cp] && !v)
			continue;
		npy += pinyin[cp] != NULL;
		nvi += v != NULL;
		nvar += v && !nviet[cp];
		/* how common: the corpus count, capped; 1 for a character of the
		 * general standard list the corpus never met (逸 dật), so that
		 * every standard character with a reading can be read back */
		unsigned fr = freq[cp] > 65535 ? 65535u : freq[cp];
		if (!fr && general[cp])
			fr = 1;
		fprintf(out, "{0x%x,%u,%u,%u},%s", (unsigned)cp, intern(pinyin[cp]), intern(v), fr,
			++nent % 6 ? "" : "\n");
	}
	fprintf(out, "\n};\nconst size_t lsn_han_ntab = %zu;\n\n", nent);
	fprintf(out, "const struct lsn_han_pair lsn_han_simp[] = {\n");
	for (uint32_t cp = 1; cp < MAXCP; cp++)
		if (simp[cp])
			fprintf(out, "{0x%x,0x%x},%s", (unsigned)cp, (unsigned)simp[cp],
				++nsimp % 8 ? "" : "\n");
	fprintf(out, "\n};\nconst size_t lsn_han_nsimp = %zu;\n\n", nsimp);
	fprintf(out, "const char lsn_han_pool[] =\n\"");
	size_t col = 0;
	for (size_t i = 0; i < pool_len; i++) {
		unsigned char c = (unsigned char)pool[i];
		if (c == 0)
			col += (size_t)fprintf(out, "\\000");
		else if (c >= 0x80)
			col += (size_t)fprintf(out, "\\%03o", c);
		else
			col += (size_t)fprintf(out, "%c", c);
		if (col > 90 && i + 1 < pool_len) {
			fprintf(out, "\"\n\"");
			col = 0;
		}
	}
	fprintf(out, "\";\n/* %zu entries (%zu pinyin, %zu Vietnamese of which %zu through a "
		     "traditional variant), %zu simplified pairs, pool %zu bytes */\n",
		nent, npy, nvi, nvar, nsimp, pool_len);
	if (fclose(out) != 0 || rename(tmp, argv[4]) != 0)
		die("cannot write", argv[4]);
	printf("gen_hanread: %zu entries (%zu pinyin, %zu Vietnamese, %zu via a traditional "
	       "variant), %zu simplified pairs, pool %zu bytes\n",
	       nent, npy, nvi, nvar, nsimp, pool_len);

	for (uint32_t cp = 0; cp < MAXCP; cp++) {
		free(pinyin[cp]);
		free(trad[cp]);
		for (int k = 0; k < nviet[cp]; k++)
			free(viet[cp][k]);
	}
	for (size_t i = 0; i < AGREE_CAP; i++)
		free(agree[i].key);
	return 0;
}
