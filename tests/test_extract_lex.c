/*
 * test_extract_lex.c — the extraction's look-ups of data/lexicon.tsv
 * (src/extract/extract.c: lsn_x_lex_*): every extraction class has words in
 * the built-in table; a Chinese row is matched as written and another folded;
 * a row of several words or characters matches as many tokens; a row is of
 * its own language.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "lsn_int.h"
#include "extract/extract_int.h"

static lsn_tables *the_kb;

static int setup(void **state)
{
	(void)state;
	char err[256];
	the_kb = lsn_tables_new(NULL, err, sizeof err);
	return the_kb ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	lsn_tables_free(the_kb);
	return 0;
}

/* The document of `text`, through every stage (its tokens are what is looked up). */
static lsn_doc *doc_of(const char *text)
{
	lsn_doc *doc = NULL;
	assert_int_equal(lsn_doc_new("t", text, strlen(text), NULL, &doc, NULL), LSN_OK);
	assert_int_equal(lsn_extract(the_kb, doc), LSN_OK);
	return doc;
}

/* The index of the first token spelled `s`; fails when none. */
static uint32_t tok(const lsn_doc *doc, const char *s)
{
	for (uint32_t i = 0; i < doc->ntoks; i++)
		if (doc->toks[i].end - doc->toks[i].start == strlen(s) &&
		    !memcmp(doc->text + doc->toks[i].start, s, strlen(s)))
			return i;
	fail_msg("no token %s", s);
	return 0;
}

/* Every class of the extraction section has words: an empty one would turn
 * a rule off without a word said. */
static void test_classes_filled(void **state)
{
	(void)state;
	for (int cls = LX_NAME_STOP; cls < LX_SENT_ABBREV; cls++) {
		size_t n = 0;
		lsn_lex_class(the_kb, cls, &n);
		if (!n)
			fail_msg("lexicon class %s has no words", lsn_lex_class_name(cls));
	}
}

/* Chinese rows as written (於 is not 于, "，" not ","); others folded. */
static void test_lex_tok(void **state)
{
	(void)state;
	lsn_doc *doc = doc_of("Talks IN Hanoi, tại Hà Nội 于南宁，於南宁.");
	assert_non_null(lsn_x_lex_tok(the_kb, doc, LX_PLACE_PREP, tok(doc, "IN")));
	assert_non_null(lsn_x_lex_tok(the_kb, doc, LX_PLACE_PREP, tok(doc, "tại")));
	assert_non_null(lsn_x_lex_tok(the_kb, doc, LX_PLACE_PREP, tok(doc, "于")));
	assert_null(lsn_x_lex_tok(the_kb, doc, LX_PLACE_PREP, tok(doc, "於")));
	assert_null(lsn_x_lex_tok(the_kb, doc, LX_PLACE_PREP, tok(doc, "Hanoi")));
	assert_null(lsn_x_lex_tok(the_kb, doc, LX_PLACE_PREP, doc->ntoks)); /* past the end */
	/* exact: "," and "，" each as written; folded, one is the other */
	assert_non_null(lsn_x_lex_exact(the_kb, doc, LX_CLAUSE_END, tok(doc, "，")));
	assert_null(lsn_x_lex_exact(the_kb, doc, LX_PLACE_PREP, tok(doc, "IN")));
	assert_non_null(lsn_x_lex_fold(the_kb, doc, LX_PLACE_PREP, tok(doc, "IN")));
	lsn_doc_free(doc);
}

/* A row of several words or characters: one token each, in order. */
static void test_lex_seq(void **state)
{
	(void)state;
	lsn_doc *doc = doc_of("双方分别会见。Hai bên LẦN LƯỢT hội đàm. Mr. Lee and đồng chí Lâm.");
	uint32_t fen = tok(doc, "分");
	assert_non_null(lsn_x_lex_seq(the_kb, doc, LX_RESPECTIVELY, fen, 2));
	assert_null(lsn_x_lex_seq(the_kb, doc, LX_RESPECTIVELY, fen, 1));
	assert_null(lsn_x_lex_seq(the_kb, doc, LX_RESPECTIVELY, fen + 1, 2));
	assert_non_null(lsn_x_lex_seq(the_kb, doc, LX_RESPECTIVELY, tok(doc, "LẦN"), 2));
	const struct lsn_lexeme *h = lsn_x_lex_seq(the_kb, doc, LX_HONORIFIC, tok(doc, "Mr"), 1);
	assert_non_null(h);
	assert_true(h->value & 1);
	h = lsn_x_lex_seq(the_kb, doc, LX_HONORIFIC, tok(doc, "đồng"), 2);
	assert_non_null(h);
	assert_true(h->value & 2);
	assert_null(lsn_x_lex_seq(the_kb, doc, LX_HONORIFIC, doc->ntoks - 1, 2)); /* past the end */
	lsn_doc_free(doc);
}

/* A row is a word of its own language only. */
static void test_lex_of_lang(void **state)
{
	(void)state;
	lsn_doc *doc = doc_of("Phát biểu tại buổi tiếp, ông Nguyễn Văn Nên cảm ơn đoàn Thượng Hải.");
	assert_string_equal(doc->lang, "vi");
	const struct lsn_lexeme *e = lsn_x_lex_fold(the_kb, doc, LX_SESSION_NOUN, tok(doc, "buổi"));
	assert_non_null(e);
	assert_true(lsn_x_lex_of_lang(doc, e));
	assert_false(lsn_x_lex_of_lang(doc, NULL));
	lsn_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes_filled),
		cmocka_unit_test(test_lex_tok),
		cmocka_unit_test(test_lex_seq),
		cmocka_unit_test(test_lex_of_lang),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
