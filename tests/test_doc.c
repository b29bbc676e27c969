/*
 * test_doc.c — doc.c: the border where bytes become trusted text (invalid
 * UTF-8, binary data, byte order mark, NFC), and lsn_extract end to end on
 * tiny documents in each language.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "lsn_int.h"

static lsn_doc *new_doc(const char *bytes, size_t len)
{
	lsn_doc *doc = NULL;
	size_t bad = 12345;
	assert_int_equal(lsn_doc_new("t", bytes, len, NULL, &doc, &bad), LSN_OK);
	assert_non_null(doc);
	assert_int_equal(bad, 12345); /* untouched on success */
	return doc;
}

/* ---- invalid UTF-8 ---- */

static void test_invalid_utf8(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t len;
		const char *want;        /* repaired text */
		size_t nissues;
		size_t off0, off1;       /* offsets of the first two issues */
	} cases[] = {
		/* a stray byte between Vietnamese letters: offset counts bytes, not chars */
		{"Hà\xffNội", 9, "Hà\xef\xbf\xbdNội", 1, 3, 0},
		/* a Latin-1 byte in English text */
		{"Caf\xe9 talks", 10, "Caf\xef\xbf\xbd talks", 1, 3, 0},
		/* a 3-byte Han character cut short at the end: one U+FFFD per byte */
		{"上海\xe4\xb8", 8, "上海\xef\xbf\xbd\xef\xbf\xbd", 2, 6, 7},
		/* overlong '/' */
		{"a\xc0\xafz", 4, "a\xef\xbf\xbd\xef\xbf\xbdz", 2, 1, 2},
		/* a UTF-16 surrogate encoded in UTF-8 */
		{"\xed\xa0\x80x", 4, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdx", 3, 0, 1},
		/* above U+10FFFF */
		{"\xf4\x90\x80\x80", 4,
		 "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 4, 0, 1},
		/* valid 4-byte character: no issue */
		{"\xf0\xa0\x80\x80", 4, "\xf0\xa0\x80\x80", 0, 0, 0},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		lsn_doc *doc = new_doc(cases[i].in, cases[i].len);
		assert_string_equal(doc->text, cases[i].want);
		assert_int_equal(doc->len, strlen(cases[i].want));
		assert_int_equal(lsn_doc_issue_count(doc), cases[i].nissues);
		if (cases[i].nissues >= 1) {
			assert_int_equal(lsn_doc_issue(doc, 0)->offset, cases[i].off0);
			assert_non_null(strstr(lsn_doc_issue(doc, 0)->message, "U+FFFD"));
		}
		if (cases[i].nissues >= 2)
			assert_int_equal(lsn_doc_issue(doc, 1)->offset, cases[i].off1);
		assert_null(lsn_doc_issue(doc, cases[i].nissues));
		lsn_doc_free(doc);
	}
}

static void test_issue_cap(void **state)
{
	(void)state;
	/* a long run of bad bytes: every byte replaced, the report kept short */
	char bytes[1000];
	memset(bytes, 0xff, sizeof bytes);
	lsn_doc *doc = new_doc(bytes, sizeof bytes);
	assert_int_equal(doc->len, 3 * sizeof bytes);
	assert_true(lsn_doc_issue_count(doc) > 0 && lsn_doc_issue_count(doc) <= 64);
	lsn_doc_free(doc);
}

/* ---- binary data ---- */

static void test_binary(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t len;
		size_t where;
	} cases[] = {
		{"Shanghai\0Hanoi", 14, 8},
		{"\0", 1, 0},
		{"上海\0", 7, 6},
		{"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f\x10\x11\x12\x13\x14", 16, 3},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		lsn_doc *doc = (lsn_doc *)1;
		size_t bad = 999;
		assert_int_equal(lsn_doc_new("bin", cases[i].in, cases[i].len, NULL, &doc, &bad),
				 LSN_EBINARY);
		assert_null(doc);
		assert_int_equal(bad, cases[i].where);
		/* bad_offset may be NULL */
		assert_int_equal(lsn_doc_new("bin", cases[i].in, cases[i].len, NULL, &doc, NULL),
				 LSN_EBINARY);
	}
	/* tabs, CR, form feed are text */
	lsn_doc *doc = new_doc("a\tb\r\nc\fd", 8);
	lsn_doc_free(doc);
}

/* ---- byte order mark, NFC ---- */

static void test_bom(void **state)
{
	(void)state;
	lsn_doc *doc = new_doc("\xef\xbb\xbfHello Hà Nội", 3 + strlen("Hello Hà Nội"));
	assert_string_equal(doc->text, "Hello Hà Nội");
	lsn_doc_free(doc);
	/* issue offsets still count from the start of the input as given */
	doc = new_doc("\xef\xbb\xbf" "ab\xff", 6);
	assert_string_equal(doc->text, "ab\xef\xbf\xbd");
	assert_int_equal(lsn_doc_issue_count(doc), 1);
	assert_int_equal(lsn_doc_issue(doc, 0)->offset, 5);
	lsn_doc_free(doc);
	/* only a leading BOM is skipped */
	doc = new_doc("a\xef\xbb\xbf", 4);
	assert_int_equal(doc->len, 4);
	lsn_doc_free(doc);
}

static void test_nfc(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"Pha\xcc\xa3m Minh Chi\xcc\x81nh", "Phạm Minh Chính"},
		{"\xc4\x90" "a\xcc\x80 Na\xcc\x86\xcc\x83ng", "Đà Nẵng"},
		{"Thu\xcc\x9bo\xcc\x9b\xcc\xa3ng Ha\xcc\x89i", "Thượng Hải"},
		/* marks in non-canonical order are reordered, then composed */
		{"No\xcc\x82\xcc\xa3i", "Nội"},
		{"already NFC: Hà Nội 上海", "already NFC: Hà Nội 上海"},
		{"plain ASCII", "plain ASCII"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		lsn_doc *doc = new_doc(cases[i][0], strlen(cases[i][0]));
		assert_string_equal(doc->text, cases[i][1]);
		assert_int_equal(doc->len, strlen(cases[i][1]));
		assert_int_equal(lsn_doc_issue_count(doc), 0);
		lsn_doc_free(doc);
	}
}

static void test_published_meta(void **state)
{
	(void)state;
	lsn_doc *doc = NULL;
	assert_int_equal(lsn_doc_new("m", "x", 1, "2024-05-16", &doc, NULL), LSN_OK);
	assert_int_equal(doc->meta_published, 1);
	assert_int_equal(doc->published.y, 2024);
	assert_int_equal(doc->published.m, 5);
	assert_int_equal(doc->published.d, 16);
	assert_int_equal(doc->published.prec, DP_DAY);
	lsn_doc_free(doc);
	/* a malformed date is ignored, not an error */
	assert_int_equal(lsn_doc_new("m", "x", 1, "2024-13-01", &doc, NULL), LSN_OK);
	assert_int_equal(doc->meta_published, 0);
	assert_int_equal(doc->published.prec, DP_NONE);
	lsn_doc_free(doc);
	lsn_doc_free(NULL); /* free accepts NULL */
}

/* ---- lsn_extract: language and a record in every language ---- */

static const lsn_tables *kb(void)
{
	static lsn_tables *k;
	if (!k) {
		char err[256];
		k = lsn_tables_new(NULL, err, sizeof err);
		if (!k)
			fail_msg("lsn_tables_new: %s", err);
	}
	return k;
}

static void test_extract_lang(void **state)
{
	(void)state;
	static const struct {
		const char *text, *lang;
	} cases[] = {
		{"Shanghai Vice Mayor Li Wei met a business delegation from Hai Phong on Tuesday "
		 "to discuss port logistics and trade cooperation between the two cities.\n",
		 "en"},
		{"上海市副市长李伟会见了来自越南海防市的企业代表团，双方就港口物流和经贸合作"
		 "进行了深入交流。\n",
		 "zh"},
		{"Phó Chủ tịch UBND thành phố Hải Phòng đã tiếp đoàn doanh nghiệp tỉnh Quảng Tây, "
		 "Trung Quốc để trao đổi về hợp tác thương mại và dịch vụ cảng biển.\n",
		 "vi"},
		/* Vietnamese written without diacritics is still Vietnamese */
		{"Pho Chu tich UBND thanh pho Hai Phong da tiep doan doanh nghiep tinh Quang Tay "
		 "de trao doi ve hop tac thuong mai va dich vu cang bien giua hai dia phuong.\n",
		 "vi"},
		{"", "und"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		lsn_doc *doc = new_doc(cases[i].text, strlen(cases[i].text));
		assert_string_equal(lsn_doc_lang(doc), "und"); /* not yet detected */
		assert_int_equal(lsn_extract(kb(), doc), LSN_OK);
		assert_string_equal(lsn_doc_lang(doc), cases[i].lang);
		assert_string_equal(lsn_doc_id(doc), "t");
		/* idempotent */
		assert_int_equal(lsn_extract(kb(), doc), LSN_OK);
		assert_string_equal(lsn_doc_lang(doc), cases[i].lang);
		/* the record carries the language */
		struct lsn_buf b;
		lsn_buf_init(&b);
		assert_int_equal(lsn_doc_json(doc, &b, 0), LSN_OK);
		char want[64];
		snprintf(want, sizeof want, "{\"doc\":\"t\",\"lang\":\"%s\",", cases[i].lang);
		assert_memory_equal(b.data, want, strlen(want));
		assert_int_equal(b.data[b.len - 1], '\n');
		lsn_buf_clear(&b);
		lsn_doc_free(doc);
	}
}

static void test_extract_record_keys(void **state)
{
	(void)state;
	/* every key of SCHEMA.md is present, even for a document with nothing in it */
	lsn_doc *doc = new_doc("Nothing here.", 13);
	assert_int_equal(lsn_extract(kb(), doc), LSN_OK);
	struct lsn_buf b;
	lsn_buf_init(&b);
	assert_int_equal(lsn_doc_json(doc, &b, 0), LSN_OK);
	static const char *const keys[] = {
		"\"doc\":", "\"lang\":", "\"published\":null", "\"persons\":[]", "\"events\":[]",
		"\"figures\":[]", "\"relations\":[]", "\"fields\":[]"};
	for (size_t i = 0; i < LSN_ARRAY_LEN(keys); i++)
		if (!strstr(b.data, keys[i]))
			fail_msg("%s missing in %s", keys[i], b.data);
	lsn_buf_clear(&b);
	lsn_doc_free(doc);
}

static void test_extract_published_header(void **state)
{
	(void)state;
	static const char text[] =
		"date 2025-06-26 Shanghai and Ho Chi Minh City agreed to expand cooperation in "
		"trade and tourism at a meeting in Shanghai on Wednesday.\n";
	lsn_doc *doc = new_doc(text, strlen(text));
	assert_int_equal(lsn_extract(kb(), doc), LSN_OK);
	struct lsn_buf b;
	lsn_buf_init(&b);
	assert_int_equal(lsn_doc_json(doc, &b, 0), LSN_OK);
	assert_non_null(strstr(b.data, "\"published\":\"2025-06-26\""));
	lsn_buf_clear(&b);
	lsn_doc_free(doc);
}

static int teardown_kb(void **state)
{
	(void)state;
	lsn_tables_free((lsn_tables *)kb());
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_issue_cap),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_published_meta),
		cmocka_unit_test(test_extract_lang),
		cmocka_unit_test(test_extract_record_keys),
		cmocka_unit_test(test_extract_published_header),
	};
	return cmocka_run_group_tests(tests, NULL, teardown_kb);
}
