/*
 * lang.c — third stage: the language of the document's body.
 *
 * The script first: text of Han characters with no kana, Hangul or other
 * script is Chinese, and Latin text in which Vietnamese letters (đ ơ ư and the
 * letters with a tone under or a hook above, which no other language writes)
 * are frequent is Vietnamese.  CLD2 (through cld2_shim.cc) decides the rest,
 * on a short prefix of the kept lines; when it has too little to go on, a
 * looser script count decides between Chinese, Vietnamese and English.
 */
#include <stdlib.h>
#include <string.h>
#include "lsn_int.h"

static const char *by_script(const char *t, size_t n)
{
	size_t han = 0, latin = 0, viet = 0, i = 0;
	while (i < n) {
		uint32_t cp = lsn_utf8_next(t, n, &i);
		if (lsn_is_han(cp))
			han++;
		else if (cp < 0x80 && lsn_is_letter(cp))
			latin++;
		else if (cp == 0x111 || cp == 0x110 || cp == 0x1a1 || cp == 0x1b0 || cp == 0x103 ||
			 (cp >= 0x1ea0 && cp <= 0x1ef9))
			viet++, latin++;
	}
	if (han > latin / 3 && han > 0)
		return "zh";
	if (viet * 20 > latin && viet > 0)
		return "vi";
	if (latin > 0)
		return "en";
	return "und";
}

/* Letters by script in t: Han, Latin (ASCII, Latin-1, Latin Extended, full-width),
 * of them the letters only Vietnamese writes, and letters of any other script. */
struct scripts {
	size_t han, latin, viet, other;
};

static void count_scripts(const char *t, size_t n, struct scripts *c)
{
	memset(c, 0, sizeof *c);
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)t[i] < 0x80) {
			unsigned char b = (unsigned char)t[i++];
			c->latin += ((b | 32) >= 'a' && (b | 32) <= 'z');
			continue;
		}
		uint32_t cp = lsn_utf8_next(t, n, &i);
		if (lsn_is_han(cp))
			c->han++;
		else if (cp == 0x110 || cp == 0x111 || cp == 0x1a0 || cp == 0x1a1 || cp == 0x1af || cp == 0x1b0 ||
			 (cp >= 0x1ea0 && cp <= 0x1ef9))
			c->viet++, c->latin++;
		else if (cp <= 0x24f || (cp >= 0x1e00 && cp <= 0x1eff) || (cp >= 0xff21 && cp <= 0xff5a))
			c->latin += lsn_is_letter(cp) && !(cp >= 0x300 && cp < 0x370);
		else if (cp >= 0x300 && cp < 0x370)
			; /* combining marks: of the letter before */
		else if (lsn_is_letter(cp))
			c->other++;
	}
}

/* The language the script alone tells, or NULL when CLD2 should decide. */
static const char *script_decides(const char *t, size_t n)
{
	struct scripts c;
	count_scripts(t, n, &c);
	if (c.other)
		return NULL; /* kana, Hangul, Cyrillic...: not ours to tell */
	if (c.han > c.latin)
		return "zh";
	if (!c.han && c.viet * 10 > c.latin)
		return "vi";
	return NULL;
}

/* Bytes of Latin text CLD2 reads: enough to tell English from its neighbours. */
enum { CLD2_PREFIX = 1024 };

void lsn_lang_detect(lsn_doc *doc)
{
	struct lsn_buf b;
	lsn_buf_init(&b);
	/* a few kilobytes decide the language as well as the whole text */
	for (size_t i = 0; i < doc->nlines && b.len < 4096; i++) {
		lsn_buf_add(&b, doc->text + doc->lines[i].start, doc->lines[i].end - doc->lines[i].start);
		lsn_buf_addc(&b, '\n');
	}
	const char *code = "und";
	const char *sc0 = b.len && !b.oom ? script_decides(b.data, b.len) : NULL;
	if (sc0) {
		code = sc0;
	} else if (b.len && !b.oom) {
		int reliable = 0;
		size_t n = b.len;
		if (n > CLD2_PREFIX) { /* cut at a character boundary */
			n = CLD2_PREFIX;
			while (n > 0 && ((unsigned char)b.data[n] & 0xc0) == 0x80)
				n--;
		}
		code = lsn_cld2_detect(b.data, n, &reliable);
		const char *sc = by_script(b.data, b.len);
		if (!strcmp(code, "und") || (!reliable && strcmp(sc, "und")))
			code = sc;
	}
	snprintf(doc->lang, sizeof doc->lang, "%s", code);
	lsn_buf_clear(&b);
}

uint8_t lsn_lang_bits(const char *lang)
{
	return !strcmp(lang, "en") ? LANG_EN : !strcmp(lang, "zh") ? LANG_ZH
	       : !strcmp(lang, "vi") ? LANG_VI : 0;
}

int lsn_lang_trait(const lsn_tables *kb, const char *lang, const char *trait)
{
	uint8_t bits = lsn_lang_bits(lang);
	size_t n = 0;
	const struct lsn_lexeme *all = lsn_lex_class(kb, LX_LANG_TRAIT, &n);
	for (size_t k = 0; k < n && bits; k++)
		if ((all[k].lang & bits) && !strcmp(all[k].word, trait))
			return 1;
	return 0;
}
