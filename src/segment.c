/*
 * segment.c — fourth stage: sentences and tokens.
 *
 * Sentences come from ICU's sentence break iterator, run on each kept line
 * (a line is a paragraph), followed by an abbreviation-merge step: ICU splits
 * after "Gov.", "Oct.", "U.S.", "Dr.", Vietnamese "TP.", "TS." and initials,
 * and we join those pieces again.
 *
 * Tokens are one shared notion for every language, so that the knowledge
 * tables can be matched by one mechanism: a run of letters (with their
 * combining marks and trailing digits) is a word, a run of digits with inner
 * separators ("18.6", "1,482", "18,6") is a number, each Han character is a
 * token of its own, and any other non-space character is a punctuation
 * token.  Each token carries the hash of its folded form.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include "lsn_int.h"

size_t lsn_tokenize(const char *s, size_t n, uint32_t base, struct lsn_tok *out, size_t cap);

static int is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }
static int is_fdigit(uint32_t cp) { return cp >= 0xff10 && cp <= 0xff19; }

/*
 * Tokenises s[0..n) into out (capacity cap), offsets shifted by base.
 * Returns the number of tokens written (stops when out is full).
 */
size_t lsn_tokenize(const char *s, size_t n, uint32_t base, struct lsn_tok *out, size_t cap)
{
	size_t k = 0, i = 0;
	int space = 1;
	while (i < n && k < cap) {
		size_t st = i;
		uint32_t cp = lsn_utf8_next(s, n, &i);
		if (lsn_is_space(cp)) {
			space = 1;
			continue;
		}
		struct lsn_tok *t = &out[k];
		t->flags = space ? TF_SPACE : 0;
		t->pad = 0;
		t->sent = 0;
		space = 0;
		if (lsn_is_han(cp)) {
			t->kind = TK_HAN;
		} else if (is_digit(cp) || is_fdigit(cp)) {
			t->kind = TK_NUM;
			for (;;) {
				size_t j = i;
				if (j >= n)
					break;
				uint32_t c = lsn_utf8_next(s, n, &j);
				if (is_digit(c) || is_fdigit(c)) {
					i = j;
					continue;
				}
				if ((c == '.' || c == ',') && j < n) {
					size_t j2 = j;
					uint32_t d = lsn_utf8_next(s, n, &j2);
					if (is_digit(d)) {
						i = j2;
						continue;
					}
				}
				break;
			}
		} else if (lsn_is_letter(cp)) {
			t->kind = TK_WORD;
			if (lsn_is_upper(cp))
				t->flags |= TF_CAP;
			int upper = lsn_is_upper(cp), letters = 1;
			for (;;) {
				size_t j = i;
				if (j >= n)
					break;
				uint32_t c = lsn_utf8_next(s, n, &j);
				if (lsn_is_han(c) || !(lsn_is_letter(c) || is_digit(c)))
					break;
				if (lsn_is_letter(c) && c >= 0x41) {
					letters++;
					if (!lsn_is_upper(c) && !(c >= 0x300 && c < 0x370))
						upper = 0;
				}
				i = j;
			}
			if (upper && letters > 1)
				t->flags |= TF_UPPER;
		} else {
			t->kind = TK_PUNCT;
		}
		t->start = base + (uint32_t)st;
		t->end = base + (uint32_t)i;
		t->h = lsn_fold_hash(s + st, i - st);
		k++;
	}
	return k;
}

int lsn_tok_is(const lsn_doc *doc, uint32_t i, const char *s)
{
	const struct lsn_tok *t = &doc->toks[i];
	size_t n = strlen(s);
	return t->end - t->start == n && !memcmp(doc->text + t->start, s, n);
}

int lsn_tok_fold_is(const lsn_doc *doc, uint32_t i, const char *s)
{
	return i < doc->ntoks && doc->toks[i].h == lsn_fold_hash(s, strlen(s));
}

int lsn_tok_int(const lsn_doc *doc, uint32_t i, int maxlen)
{
	const struct lsn_tok *t = &doc->toks[i];
	if (t->kind != TK_NUM || (int)(t->end - t->start) > maxlen)
		return -1;
	int v = 0;
	for (uint32_t k = t->start; k < t->end; k++) {
		char ch = doc->text[k];
		if (ch < '0' || ch > '9')
			return -1;
		v = v * 10 + (ch - '0');
	}
	return v;
}

const struct lsn_lexeme *lsn_tok_lex_exact(const lsn_tables *kb, int cls, const lsn_doc *doc, uint32_t i,
					   uint8_t langs)
{
	if (i >= doc->ntoks)
		return NULL;
	const struct lsn_tok *t = &doc->toks[i];
	const struct lsn_lexeme *e = lsn_tok_lexl(kb, doc, cls, i);
	if (!e || !(e->lang & langs) || e->len != t->end - t->start ||
	    memcmp(e->word, doc->text + t->start, e->len))
		return NULL;
	return e;
}

const struct lsn_lexeme *lsn_tok_lex(const lsn_tables *kb, int cls, const lsn_doc *doc, uint32_t i,
				     uint8_t langs)
{
	if (i >= doc->ntoks)
		return NULL;
	const struct lsn_lexeme *e = lsn_tok_lexf(kb, doc, cls, i);
	return e && (e->lang & langs) ? e : NULL;
}

uint32_t lsn_toks_lex_exact(const lsn_tables *kb, int cls, const lsn_doc *doc, uint32_t i, uint32_t end,
			    const struct lsn_lexeme **which)
{
	size_t n = 0;
	const struct lsn_lexeme *all = lsn_lex_class(kb, cls, &n);
	if (end > doc->ntoks)
		end = (uint32_t)doc->ntoks;
	if (i >= end)
		return 0;
	char first = doc->text[doc->toks[i].start];
	for (size_t k = 0; k < n; k++) {
		const char *w = all[k].word;
		size_t len = all[k].len, off = 0;
		uint32_t j = i;
		if (w[0] != first)
			continue; /* (as the loop below would find) */
		while (off < len && j < end) {
			const struct lsn_tok *t = &doc->toks[j];
			size_t l = t->end - t->start;
			if (off + l > len || memcmp(doc->text + t->start, w + off, l))
				break;
			off += l;
			j++;
			while (off < len && w[off] == ' ')
				off++;
		}
		if (off == len && j > i) {
			if (which)
				*which = &all[k];
			return j;
		}
	}
	return 0;
}

/* Does the span end with "<abbreviation>." (lexicon: sentence_abbrev, "Gov.") or
 * "<initial>."? */
static int ends_with_abbrev(const lsn_tables *kb, const char *t, uint32_t s, uint32_t e)
{
	while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t'))
		e--;
	if (e <= s || t[e - 1] != '.')
		return 0;
	uint32_t w = e - 1;
	while (w > s && ((t[w - 1] & 0x80) || (t[w - 1] >= 'A' && t[w - 1] <= 'Z') ||
			 (t[w - 1] >= 'a' && t[w - 1] <= 'z')))
		w--;
	if (w == e - 1)
		return 0;
	if (e - 1 - w == 1 && t[w] >= 'A' && t[w] <= 'Z')
		return 1; /* an initial: "U.S.", "Nguyen V. A." */
	return lsn_lex_find(kb, LX_SENT_ABBREV, t + w, e - w) != NULL;
}

/* One sentence iterator per thread, opened on first use.  A thread that
 * ends (a worker of `--jobs N`) closes its own through the key's destructor;
 * the main thread's lives as long as the process. */
static _Thread_local UBreakIterator *tl_bi;
static pthread_key_t bi_key;
static pthread_once_t bi_key_once = PTHREAD_ONCE_INIT;
static int bi_key_ok;
static void bi_close(void *bi) { ubrk_close(bi); }
static void bi_key_init(void) { bi_key_ok = pthread_key_create(&bi_key, bi_close) == 0; }

static int add_sent(lsn_doc *doc, uint32_t s, uint32_t e)
{
	while (s < e && (doc->text[s] == ' ' || doc->text[s] == '\t'))
		s++;
	while (e > s && (doc->text[e - 1] == ' ' || doc->text[e - 1] == '\t'))
		e--;
	if (s >= e)
		return 0;
	if (lsn_grow(&doc->sents, &doc->capsents, doc->nsents + 1, sizeof *doc->sents))
		return -1;
	doc->sents[doc->nsents].start = s;
	doc->sents[doc->nsents].end = e;
	doc->nsents++;
	return 0;
}

/* Where a sentence ends inside [s, e) without a space after its full stop, as copy pasted
 * from a page whose paragraphs were joined ("... from both sides.Speaking at the ceremony",
 * "... 10.5 billion USD.Two-way trade ..."): the offset after the first such stop, or 0.  The
 * stop stands between a word of two letters or more that is no abbreviation and a capital
 * followed by a small letter ("Việt Nam.Tại"); not inside an address ("vietnamplus.vn"). */
static uint32_t glued_stop(const lsn_tables *kb, const char *t, uint32_t s, uint32_t e)
{
	for (uint32_t p = s + 2; p + 2 < e; p++) {
		/* a capital (ASCII, or Đ) and a small letter (ASCII, or any letter written with
		 * more than one byte: "Việt Nam.Tại buổi tiếp") */
		uint32_t c = p + 1;
		if (t[p] != '.')
			continue;
		if (t[c] >= 'A' && t[c] <= 'Z')
			c++;
		else if ((unsigned char)t[c] == 0xc4 && (unsigned char)t[c + 1] == 0x90 && c + 2 < e)
			c += 2;
		else
			continue;
		if (!((t[c] >= 'a' && t[c] <= 'z') || (unsigned char)t[c] >= 0x80))
			continue;
		uint32_t w = p;
		while (w > s && ((t[w - 1] & 0x80) || (t[w - 1] >= 'A' && t[w - 1] <= 'Z') ||
				 (t[w - 1] >= 'a' && t[w - 1] <= 'z')))
			w--;
		if (p - w < 2 || (w > s && strchr("./@:-_", t[w - 1])) || ends_with_abbrev(kb, t, s, p + 1))
			continue;
		return p + 1;
	}
	return 0;
}

/* Adds the sentence [s, e), split where a stop is glued to the next sentence. */
static int add_sents(const lsn_tables *kb, lsn_doc *doc, uint32_t s, uint32_t e)
{
	uint32_t g;
	while ((g = glued_stop(kb, doc->text, s, e)) != 0) {
		if (add_sent(doc, s, g))
			return -1;
		s = g;
	}
	return add_sent(doc, s, e);
}

enum lsn_status lsn_segment(const lsn_tables *kb, lsn_doc *doc)
{
	UErrorCode err = U_ZERO_ERROR;
	if (!tl_bi) {
		tl_bi = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &err);
		if (U_FAILURE(err))
			return LSN_EUNICODE;
		pthread_once(&bi_key_once, bi_key_init);
		if (bi_key_ok)
			pthread_setspecific(bi_key, tl_bi);
	}
	doc->nsents = 0;
	/* one UText on the stack, opened again on each line: no allocation a line */
	UText utext = UTEXT_INITIALIZER, *ut = &utext;
	for (size_t l = 0; l < doc->nlines; l++) {
		uint32_t ls = doc->lines[l].start, le = doc->lines[l].end;
		err = U_ZERO_ERROR;
		if (!utext_openUTF8(ut, doc->text + ls, le - ls, &err) || U_FAILURE(err)) {
			utext_close(ut);
			return LSN_EUNICODE;
		}
		ubrk_setUText(tl_bi, ut, &err);
		if (U_FAILURE(err)) {
			utext_close(ut);
			return LSN_EUNICODE;
		}
		uint32_t start = ls;
		for (int32_t b = ubrk_next(tl_bi); b != UBRK_DONE; b = ubrk_next(tl_bi)) {
			uint32_t end = ls + (uint32_t)b;
			if (end < le && ends_with_abbrev(kb, doc->text, start, end))
				continue; /* merge with what follows */
			if (add_sents(kb, doc, start, end)) {
				utext_close(ut);
				return LSN_ENOMEM;
			}
			start = end;
		}
		if (start < le && add_sents(kb, doc, start, le)) {
			utext_close(ut);
			return LSN_ENOMEM;
		}
	}
	utext_close(ut);
	/* tokens of every sentence */
	doc->ntoks = 0;
	for (size_t si = 0; si < doc->nsents; si++) {
		uint32_t s = doc->sents[si].start, e = doc->sents[si].end;
		size_t need = doc->ntoks + (e - s) + 1;
		if (lsn_grow(&doc->toks, &doc->captoks, need, sizeof *doc->toks))
			return LSN_ENOMEM;
		size_t k = lsn_tokenize(doc->text + s, e - s, s, doc->toks + doc->ntoks, e - s + 1);
		for (size_t j = 0; j < k; j++)
			doc->toks[doc->ntoks + j].sent = (uint32_t)si;
		if (k)
			doc->toks[doc->ntoks].flags |= TF_SENT0;
		doc->ntoks += k;
	}
	/* the lexicon rows of each token, once */
	if (lsn_grow(&doc->tok_lex, &doc->captoklex, 2 * doc->ntoks + 2, sizeof *doc->tok_lex))
		return LSN_ENOMEM;
	for (size_t i = 0; i < doc->ntoks; i++) {
		const struct lsn_tok *t = &doc->toks[i];
		/* of ASCII, folding is lower-casing: the two hashes are one */
		unsigned char any = 0;
		for (uint32_t k = t->start; k < t->end; k++)
			any |= (unsigned char)doc->text[k];
		const struct lsn_word_slot *w = lsn_words_get(kb, t->h);
		doc->tok_lex[2 * i] = w->fold;
		if (any >= 0x80)
			w = lsn_words_get(kb, lsn_lower_hash(doc->text + t->start, t->end - t->start));
		doc->tok_lex[2 * i + 1] = w->lower;
	}
	return LSN_OK;
}
