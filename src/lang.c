/*
 * lang.c — third stage: the language of the document's body.
 *
 * CLD2 (through cld2_shim.cc) on the kept lines.  When CLD2 has too little
 * to go on, a script count decides between Chinese (Han characters),
 * Vietnamese (its letters with horn, breve and hook diacritics) and English.
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
	if (b.len && !b.oom) {
		int reliable = 0;
		code = lsn_cld2_detect(b.data, b.len, &reliable);
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
