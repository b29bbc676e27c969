/*
 * test_segment.c — segment.c: sentences (ICU plus the abbreviation merge) and
 * the one tokenizer shared by documents and knowledge tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "lsn_int.h"
#include "test_tables.h"

/* Declared where it is defined (segment.c) and used (kb.c). */
size_t lsn_tokenize(const char *s, size_t n, uint32_t base, struct lsn_tok *out, size_t cap);

/* A document of `text` as one paragraph (a kept line), segmented. */
static lsn_doc *segment(const char *text)
{
	lsn_doc *doc = NULL;
	assert_int_equal(lsn_doc_new("s", text, strlen(text), NULL, &doc, NULL), LSN_OK);
	assert_int_equal(lsn_grow(&doc->lines, &doc->caplines, 1, sizeof *doc->lines), 0);
	doc->lines[0].start = 0;
	doc->lines[0].end = (uint32_t)doc->len;
	doc->nlines = 1;
	assert_int_equal(lsn_segment(builtin(), doc), LSN_OK);
	return doc;
}

/* The sentences of `doc` joined by '|' (static buffer). */
static const char *joined_sents(const lsn_doc *doc)
{
	static char out[4096];
	size_t o = 0;
	for (size_t i = 0; i < doc->nsents; i++) {
		size_t n = doc->sents[i].end - doc->sents[i].start;
		assert_true(o + n + 2 < sizeof out);
		if (i)
			out[o++] = '|';
		memcpy(out + o, doc->text + doc->sents[i].start, n);
		o += n;
	}
	out[o] = 0;
	return out;
}

static void test_sentences(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want; /* want: sentences joined by '|' */
	} cases[] = {
		/* abbreviations that ICU splits after, merged back */
		{"Gov. Zhao Minghui met the delegation in Nanjing. Both sides praised the ties.",
		 "Gov. Zhao Minghui met the delegation in Nanjing.|Both sides praised the ties."},
		{"The talks took place on Oct. 15 in Nanning. A memorandum was signed.",
		 "The talks took place on Oct. 15 in Nanning.|A memorandum was signed."},
		{"Trade with the U.S. Market grew. Exports to ASEAN fell.",
		 "Trade with the U.S. Market grew.|Exports to ASEAN fell."},
		{"The forum was opened by Dr. Tran Van Nhuan of Hanoi University. He spoke on trade.",
		 "The forum was opened by Dr. Tran Van Nhuan of Hanoi University.|He spoke on trade."},
		{"Lãnh đạo TP. Hồ Chí Minh đã tiếp đoàn. Hai bên ký biên bản ghi nhớ.",
		 "Lãnh đạo TP. Hồ Chí Minh đã tiếp đoàn.|Hai bên ký biên bản ghi nhớ."},
		{"Tham dự có TS. Nguyễn Văn An. Hội thảo kết thúc lúc 17 giờ.",
		 "Tham dự có TS. Nguyễn Văn An.|Hội thảo kết thúc lúc 17 giờ."},
		/* plain full stops between sentences */
		{"Shanghai met Hanoi. Hai Phong met Guangxi. Yunnan met Lao Cai.",
		 "Shanghai met Hanoi.|Hai Phong met Guangxi.|Yunnan met Lao Cai."},
		{"Trade reached US$18.6 billion. It rose 9.4 percent.",
		 "Trade reached US$18.6 billion.|It rose 9.4 percent."},
		/* Chinese: 。！？ end sentences without a following space */
		{"双方举行会谈。签署了合作备忘录！合作前景如何？",
		 "双方举行会谈。|签署了合作备忘录！|合作前景如何？"},
		{"2023年双边贸易额达426亿美元，同比增长3.1%。双方同意扩大合作。",
		 "2023年双边贸易额达426亿美元，同比增长3.1%。|双方同意扩大合作。"},
		/* questions and exclamations in Latin script */
		{"Will trade grow? Officials think so! The outlook is good.",
		 "Will trade grow?|Officials think so!|The outlook is good."},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		lsn_doc *doc = segment(cases[i].text);
		assert_string_equal(joined_sents(doc), cases[i].want);
		lsn_doc_free(doc);
	}
}

static void test_sentence_tokens(void **state)
{
	(void)state;
	lsn_doc *doc = segment("Shanghai met Hanoi. 双方举行会谈。");
	assert_int_equal(doc->nsents, 2);
	/* Shanghai met Hanoi . | 双 方 举 行 会 谈 。 */
	assert_int_equal(doc->ntoks, 4 + 7);
	for (size_t i = 0; i < doc->ntoks; i++) {
		const struct lsn_tok *t = &doc->toks[i];
		assert_int_equal(t->sent, i < 4 ? 0 : 1);
		assert_int_equal(!!(t->flags & TF_SENT0), i == 0 || i == 4);
		assert_true(t->start >= doc->sents[t->sent].start && t->end <= doc->sents[t->sent].end);
	}
	lsn_doc_free(doc);
}

/* ---- tokenizer ---- */

struct want_tok {
	const char *text;
	int kind;
};

static void check_tokens(const char *s, const struct want_tok *want, size_t nwant)
{
	struct lsn_tok toks[64];
	size_t n = lsn_tokenize(s, strlen(s), 100, toks, LSN_ARRAY_LEN(toks));
	if (n != nwant)
		fail_msg("'%s': %zu tokens, want %zu", s, n, nwant);
	for (size_t i = 0; i < n; i++) {
		size_t len = toks[i].end - toks[i].start;
		const char *p = s + toks[i].start - 100; /* offsets shifted by base */
		if (len != strlen(want[i].text) || memcmp(p, want[i].text, len))
			fail_msg("'%s': token %zu is '%.*s', want '%s'", s, i, (int)len, p, want[i].text);
		assert_int_equal(toks[i].kind, want[i].kind);
		assert_true(toks[i].h == lsn_fold_hash(p, len));
	}
}

#define CHECK(s, ...)                                                                   \
	do {                                                                            \
		static const struct want_tok w_[] = {__VA_ARGS__};                      \
		check_tokens(s, w_, LSN_ARRAY_LEN(w_));                                 \
	} while (0)

static void test_tokenize(void **state)
{
	(void)state;
	CHECK("US$18.6 billion", {"US", TK_WORD}, {"$", TK_PUNCT}, {"18.6", TK_NUM},
	      {"billion", TK_WORD});
	CHECK("上海市", {"上", TK_HAN}, {"海", TK_HAN}, {"市", TK_HAN});
	CHECK("18,6 tỷ USD", {"18,6", TK_NUM}, {"tỷ", TK_WORD}, {"USD", TK_WORD});
	CHECK("1,482 projects", {"1,482", TK_NUM}, {"projects", TK_WORD});
	CHECK("2024年5月16日", {"2024", TK_NUM}, {"年", TK_HAN}, {"5", TK_NUM}, {"月", TK_HAN},
	      {"16", TK_NUM}, {"日", TK_HAN});
	CHECK("426亿美元，同比增长3.1%", {"426", TK_NUM}, {"亿", TK_HAN}, {"美", TK_HAN},
	      {"元", TK_HAN}, {"，", TK_PUNCT}, {"同", TK_HAN}, {"比", TK_HAN}, {"增", TK_HAN},
	      {"长", TK_HAN}, {"3.1", TK_NUM}, {"%", TK_PUNCT});
	CHECK("TP.HCM", {"TP", TK_WORD}, {".", TK_PUNCT}, {"HCM", TK_WORD});
	CHECK("Đà Nẵng, Quảng Ninh", {"Đà", TK_WORD}, {"Nẵng", TK_WORD}, {",", TK_PUNCT},
	      {"Quảng", TK_WORD}, {"Ninh", TK_WORD});
	CHECK("People's Committee", {"People", TK_WORD}, {"'", TK_PUNCT}, {"s", TK_WORD},
	      {"Committee", TK_WORD});
	CHECK("end. 9", {"end", TK_WORD}, {".", TK_PUNCT}, {"9", TK_NUM}); /* "." then space */
	CHECK("G20", {"G20", TK_WORD});
	struct lsn_tok none[1];
	assert_int_equal(lsn_tokenize("", 0, 0, none, 1), 0);
	assert_int_equal(lsn_tokenize("  \t\xe3\x80\x80", 6, 0, none, 1), 0); /* blanks only */
}

static void test_token_flags(void **state)
{
	(void)state;
	static const char s[] = "Shanghai HCMC tỷ Đà  上海";
	struct lsn_tok t[8];
	size_t n = lsn_tokenize(s, strlen(s), 0, t, 8);
	assert_int_equal(n, 6);
	assert_int_equal(t[0].flags & (TF_CAP | TF_UPPER | TF_SPACE), TF_CAP | TF_SPACE);
	assert_int_equal(t[1].flags & (TF_CAP | TF_UPPER), TF_CAP | TF_UPPER);
	assert_int_equal(t[2].flags & (TF_CAP | TF_UPPER), 0);
	assert_int_equal(t[3].flags & TF_CAP, TF_CAP); /* Đ is upper case */
	assert_int_equal(t[4].flags & TF_SPACE, TF_SPACE);
	assert_int_equal(t[5].flags & TF_SPACE, 0); /* 海 follows 上 directly */
	/* the output capacity is respected */
	assert_int_equal(lsn_tokenize(s, strlen(s), 0, t, 2), 2);
}

static void test_token_hash_folds(void **state)
{
	(void)state;
	/* a word hashes like its folded form, so tables match any spelling */
	struct lsn_tok a[4], b[4];
	assert_int_equal(lsn_tokenize("Hà Nội", strlen("Hà Nội"), 0, a, 4), 2);
	assert_int_equal(lsn_tokenize("HA NOI", 6, 0, b, 4), 2);
	assert_true(a[0].h == b[0].h && a[1].h == b[1].h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_sentence_tokens),
		cmocka_unit_test(test_tokenize),
		cmocka_unit_test(test_token_flags),
		cmocka_unit_test(test_token_hash_folds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
