/*
 * test_util.c — util.c: folding for matching, the JSON string writer, UTF-8,
 * dates and the uint64 -> uint32 map.
 *
 * Folding is what makes "Phạm Minh Chính", "PHAM MINH CHINH" and a decomposed
 * (NFD) spelling the same key for every table lookup, so it gets the most
 * cases, in the three languages of the corpus.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "lsn_int.h"

static const char *fold(const char *s)
{
	static char out[256];
	size_t n = lsn_fold(s, strlen(s), out, sizeof out);
	assert_int_equal(n, strlen(out));
	return out;
}

/* ---- lsn_fold ---- */

static void test_fold_table(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"Phạm Minh Chính", "pham minh chinh"},
		{"Đà Nẵng", "da nang"},
		{"ĐẶNG THỊ THANH MAI", "dang thi thanh mai"},
		{"Nguyễn Xuân Phúc", "nguyen xuan phuc"},
		{"Lào Cai", "lao cai"},
		{"Hải Phòng", "hai phong"},
		{"Quảng Ninh", "quang ninh"},
		{"Thượng Hải", "thuong hai"},
		{"Hồ Chí Minh", "ho chi minh"},
		{"Gong Zheng", "gong zheng"},
		{"SHANGHAI", "shanghai"},
		{"US$18.6", "us$18.6"},
		{"Xi’an", "xi'an"},               /* typographic apostrophe */
		{"ＡＢＣ１２３", "abc123"},       /* full-width ASCII */
		{"上海市", "上海市"},             /* Han text is left alone */
		{"胡志明市 TP.HCM", "胡志明市 tp.hcm"},
		{"", ""},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++)
		assert_string_equal(fold(cases[i].in), cases[i].want);
}

static void test_fold_nfd_equals_nfc(void **state)
{
	(void)state;
	/* precomposed vs base letter + combining marks */
	static const char *const pairs[][2] = {
		{"Phạm Minh Chính", "Pha\xcc\xa3m Minh Chi\xcc\x81nh"},
		{"Đà Nẵng", "\xc4\x90" "a\xcc\x80 Na\xcc\x86\xcc\x83ng"},
		{"Hà Nội", "Ha\xcc\x80 No\xcc\xa3\xcc\x82i"},
		{"Thượng Hải", "Thu\xcc\x9bo\xcc\x9b\xcc\xa3ng Ha\xcc\x89i"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(pairs); i++) {
		char a[128], b[128];
		lsn_fold(pairs[i][0], strlen(pairs[i][0]), a, sizeof a);
		lsn_fold(pairs[i][1], strlen(pairs[i][1]), b, sizeof b);
		assert_string_equal(a, b);
		assert_true(lsn_fold_hash(pairs[i][0], strlen(pairs[i][0])) ==
			    lsn_fold_hash(pairs[i][1], strlen(pairs[i][1])));
	}
}

static void test_fold_truncates(void **state)
{
	(void)state;
	char out[6];
	size_t n = lsn_fold("Đà Nẵng", strlen("Đà Nẵng"), out, sizeof out);
	assert_int_equal(n, 5);
	assert_string_equal(out, "da na");
	/* a multi-byte code point that does not fit is not cut in half */
	char out2[4];
	lsn_fold("a上海", strlen("a上海"), out2, sizeof out2);
	assert_string_equal(out2, "a");
}

/* ---- lsn_fold_hash ---- */

static void test_fold_hash(void **state)
{
	(void)state;
	static const char *const same[][3] = {
		{"Hà Nội", "HA NOI", "ha noi"},
		{"Phạm Minh Chính", "PHẠM MINH CHÍNH", "Pham Minh Chinh"},
		{"Đà Nẵng", "da nang", "DA NANG"},
		{"上海", "上海", "上海"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(same); i++) {
		uint64_t h = lsn_fold_hash(same[i][0], strlen(same[i][0]));
		assert_true(h != 0);
		for (int k = 1; k < 3; k++)
			assert_true(h == lsn_fold_hash(same[i][k], strlen(same[i][k])));
		/* and it is the hash of what lsn_fold writes */
		char f[128];
		lsn_fold(same[i][0], strlen(same[i][0]), f, sizeof f);
		assert_true(h == lsn_fold_hash(f, strlen(f)));
	}
	static const char *const differ[][2] = {
		{"Ha Noi", "Ha Nam"}, {"上海", "上饶"}, {"Gong", "Kong"}, {"hanoi", "ha noi"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(differ); i++)
		assert_true(lsn_fold_hash(differ[i][0], strlen(differ[i][0])) !=
			    lsn_fold_hash(differ[i][1], strlen(differ[i][1])));
}

/* ---- lsn_buf_json_str ---- */

/* The marks of a name, word by word, wherever the tone sits. */
static void test_marks_sig(void **state)
{
	(void)state;
#define SIG(s) lsn_marks_sig(s, strlen(s))
	assert_int_equal(SIG("Le Van Thanh"), 0);
	assert_int_equal(SIG("李强"), 0);
	assert_true(SIG("Lý Cường") != 0);
	assert_true(SIG("Lý Cường") == SIG("LÝ CƯỜNG"));
	assert_true(SIG("Lý Cương") != SIG("Lý Cường"));
	assert_true(SIG("Nguyễn Văn Thọ") != SIG("Nguyễn Văn Thơ"));
	assert_true(SIG("Trương Hoà Bình") == SIG("Trương Hòa Bình"));
	assert_true(SIG("Trương Hòa Bình") == SIG("Trương Ho\xcc\x80" "a Bi\xcc\x80" "nh")); /* NFD */
	assert_true(SIG("Đinh Tiến Dũng") != SIG("Dinh Tiến Dũng"));
	assert_true(SIG("Văn Hà") != SIG("Vân Hả"));
#undef SIG
}

static void test_json_str(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t len;
		const char *want;
	} cases[] = {
		{"plain", 5, "\"plain\""},
		{"say \"hi\"", 8, "\"say \\\"hi\\\"\""},
		{"a\\b", 3, "\"a\\\\b\""},
		{"l1\nl2\r\tx", 8, "\"l1\\nl2\\r\\tx\""},
		{"\x01\x1f\x7f", 3, "\"\\u0001\\u001f\\u007f\""},
		{"nul\0in", 6, "\"nul\\u0000in\""},
		{"Đà Nẵng 上海 “quoted”", strlen("Đà Nẵng 上海 “quoted”"),
		 "\"Đà Nẵng 上海 “quoted”\""}, /* UTF-8 kept as is */
		{"", 0, "\"\""},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		struct lsn_buf b;
		lsn_buf_init(&b);
		lsn_buf_json_str(&b, cases[i].in, cases[i].len);
		assert_false(b.oom);
		assert_string_equal(b.data, cases[i].want);
		assert_int_equal(b.len, strlen(cases[i].want));
		lsn_buf_clear(&b);
		assert_null(b.data);
	}
}

static void test_buf_grows(void **state)
{
	(void)state;
	struct lsn_buf b;
	lsn_buf_init(&b);
	for (int i = 0; i < 10000; i++)
		lsn_buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 20000);
	assert_int_equal(b.data[b.len], 0);
	assert_memory_equal(b.data, "0,1,2,3,", 8);
	/* a printf longer than the internal scratch buffer */
	char big[1000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	lsn_buf_printf(&b, "[%s]", big);
	assert_int_equal(b.len, 20000 + 1001);
	assert_int_equal(b.data[b.len - 1], ']');
	lsn_buf_clear(&b);
}

/* ---- UTF-8 ---- */

static void test_utf8_round_trip(void **state)
{
	(void)state;
	static const uint32_t cps[] = {0x41, 0xe0, 0x111, 0x1ea1, 0x4e0a, 0x6d77, 0xfffd, 0x20000};
	static const int lens[] = {1, 2, 2, 3, 3, 3, 3, 4};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cps); i++) {
		char buf[4];
		int n = lsn_utf8_put(cps[i], buf);
		assert_int_equal(n, lens[i]);
		size_t at = 0;
		assert_int_equal(lsn_utf8_next(buf, (size_t)n, &at), cps[i]);
		assert_int_equal(at, (size_t)n);
	}
	/* bad bytes decode as U+FFFD and advance one byte */
	size_t at = 0;
	assert_int_equal(lsn_utf8_next("\xff" "a", 2, &at), 0xfffd);
	assert_int_equal(at, 1);
	at = 0;
	assert_int_equal(lsn_utf8_next("\xe4\xb8", 2, &at), 0xfffd); /* truncated */
	assert_int_equal(at, 1);
}

static void test_char_classes(void **state)
{
	(void)state;
	assert_true(lsn_is_han(0x4e0a));  /* 上 */
	assert_true(lsn_is_han(0x20000)); /* extension B */
	assert_false(lsn_is_han(0x3002)); /* 。 */
	assert_false(lsn_is_han('A'));
	assert_true(lsn_is_letter(0x1ea1)); /* ạ */
	assert_true(lsn_is_letter(0x111));  /* đ */
	assert_false(lsn_is_letter('7'));
	assert_true(lsn_is_upper(0x110)); /* Đ */
	assert_false(lsn_is_upper(0x111));
	assert_true(lsn_is_space(0x3000)); /* ideographic space */
	assert_true(lsn_is_space(0xa0));
	assert_false(lsn_is_space('x'));
}

/* ---- dates ---- */

static void test_days(void **state)
{
	(void)state;
	assert_int_equal(lsn_days(1970, 1, 1), 0);
	assert_int_equal(lsn_days(1970, 1, 2), 1);
	assert_int_equal(lsn_days(1969, 12, 31), -1);
	assert_int_equal(lsn_days(2000, 3, 1), 11017);
	assert_int_equal(lsn_days(2024, 3, 1) - lsn_days(2024, 2, 28), 2); /* leap year */
	assert_int_equal(lsn_days(2100, 3, 1) - lsn_days(2100, 2, 28), 1); /* not leap */
	/* every day from 1900 to 2100 round-trips and follows the one before */
	long first = lsn_days(1900, 1, 1), last = lsn_days(2100, 12, 31);
	int py = 1899, pm = 12, pd = 31;
	for (long z = first; z <= last; z++) {
		int y, m, d;
		lsn_from_days(z, &y, &m, &d);
		assert_int_equal(lsn_days(y, m, d), z);
		assert_true(y > py || (y == py && (m > pm || (m == pm && d > pd))));
		assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		py = y, pm = m, pd = d;
	}
}

static void test_weekday(void **state)
{
	(void)state;
	static const struct {
		int y, m, d, wd;
	} cases[] = {
		{2025, 6, 26, 4}, /* Thursday */
		{1970, 1, 1, 4},  {2000, 1, 1, 6}, {2024, 2, 29, 4}, {2024, 5, 16, 4},
		{2024, 5, 17, 5}, {2023, 12, 31, 7}, {2024, 1, 1, 1}, {1969, 12, 31, 3},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++)
		assert_int_equal(lsn_weekday(cases[i].y, cases[i].m, cases[i].d), cases[i].wd);
}

static void test_date_str(void **state)
{
	(void)state;
	char s[11];
	lsn_date_str((struct lsn_date){2024, 5, 16, DP_DAY}, s);
	assert_string_equal(s, "2024-05-16");
	lsn_date_str((struct lsn_date){2024, 5, 0, DP_MONTH}, s);
	assert_string_equal(s, "2024-05");
	lsn_date_str((struct lsn_date){2018, 0, 0, DP_YEAR}, s);
	assert_string_equal(s, "2018");
	lsn_date_str((struct lsn_date){2018, 1, 1, DP_NONE}, s);
	assert_string_equal(s, "");
}

/* ---- map ---- */

static void test_map(void **state)
{
	(void)state;
	struct lsn_map m = {0};
	assert_int_equal(lsn_map_get(&m, 42), 0); /* empty map */
	assert_int_equal(lsn_map_put(&m, 42, 7), 0);
	assert_int_equal(lsn_map_get(&m, 42), 7);
	assert_int_equal(lsn_map_put(&m, 42, 9), 0); /* overwrite */
	assert_int_equal(lsn_map_get(&m, 42), 9);
	assert_int_equal(m.len, 1);
	assert_int_equal(lsn_map_get(&m, 43), 0);
	/* grow well past the first capacity: every key survives rehashing */
	for (uint32_t i = 1; i <= 5000; i++) {
		uint64_t k = lsn_hash_bytes((const char *)&i, sizeof i);
		assert_int_equal(lsn_map_put(&m, k, i), 0);
	}
	assert_true(m.cap >= 2 * m.len);
	for (uint32_t i = 1; i <= 5000; i++) {
		uint64_t k = lsn_hash_bytes((const char *)&i, sizeof i);
		assert_int_equal(lsn_map_get(&m, k), i);
	}
	assert_int_equal(lsn_map_get(&m, 42), 9);
	/* folded hashes as keys, the way the knowledge index uses them */
	assert_int_equal(lsn_map_put(&m, lsn_fold_hash("Hà Nội", strlen("Hà Nội")), 77), 0);
	assert_int_equal(lsn_map_get(&m, lsn_fold_hash("HA NOI", 6)), 77);
	lsn_map_clear(&m);
	assert_int_equal(m.len, 0);
	assert_int_equal(lsn_map_get(&m, 42), 0);
}

/* ---- vocabularies ---- */

static void test_vocab(void **state)
{
	(void)state;
	assert_int_equal(lsn_vocab_len(lsn_ev_types), 6);
	assert_int_equal(lsn_vocab_len(lsn_roles), 22);
	assert_int_equal(lsn_vocab_len(lsn_fields), 25);
	assert_int_equal(lsn_vocab_find(lsn_ev_types, "signing", 7), EV_SIGNING);
	assert_int_equal(lsn_vocab_find(lsn_ev_types, "virtual_meeting", 15), EV_VIRTUAL);
	assert_true(lsn_vocab_find(lsn_roles, "consul general", 14) > 0);
	assert_int_equal(lsn_vocab_find(lsn_roles, "mayo", 4), -1); /* no prefix match */
	assert_int_equal(lsn_vocab_find(lsn_fields, "trade", 5), 0);
	assert_string_equal(lsn_strerror(LSN_EBINARY), "binary data, not text");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_table),
		cmocka_unit_test(test_fold_nfd_equals_nfc),
		cmocka_unit_test(test_fold_truncates),
		cmocka_unit_test(test_fold_hash),
		cmocka_unit_test(test_marks_sig),
		cmocka_unit_test(test_json_str),
		cmocka_unit_test(test_buf_grows),
		cmocka_unit_test(test_utf8_round_trip),
		cmocka_unit_test(test_char_classes),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_date_str),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_vocab),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
