/*
 * test_dates.c — dates.c: the forms each caller reads (a page's header lines, the readers'
 * metadata, URLs and text, a document's tokens), and what each refuses.
 */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "lsn_int.h"
#include "test_tables.h"

/* ---- dates in characters ---- */

/* The first date of s under `flags` as "YYYY-MM-DD" and its span; "" when none. */
static void scan(const char *s, unsigned flags, char out[11], size_t *ds, size_t *de)
{
	struct lsn_date dt;
	*ds = *de = 0;
	out[0] = 0;
	if (lsn_date_scan(s, strlen(s), flags, &dt, ds, de))
		lsn_date_str(dt, out);
}

static void test_scan_forms(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *header, *reader; /* what clean's header lines and the readers find */
		size_t ds, de;               /* the span, when the header form finds one */
	} cases[] = {
		{"2024-05-16", "2024-05-16", "2024-05-16", 0, 10},
		{"18:19 | 09/10/2022", "2022-10-09", "2022-10-09", 8, 18},
		{"2024/5/6 08:00", "2024-05-06", "2024-05-06", 0, 8},
		{"16.05.2024", "2024-05-16", "2024-05-16", 0, 10},
		{"发布时间：2024年5月16日 08:00", "2024-05-16", "2024-05-16", 15, 31},
		/* spaces inside, no 日: the readers only */
		{"2024年 5月 16", "", "2024-05-16", 0, 0},
		/* a day that does not exist: the header lines are read loosely */
		{"2024-02-30", "2024-02-30", "", 0, 10},
		{"2023-02-29", "2023-02-29", "", 0, 10},
		{"2024-02-29", "2024-02-29", "2024-02-29", 0, 10},
		/* month first when day first cannot be: the readers only */
		{"05/16/2024", "", "2024-05-16", 0, 0},
		/* English month names: the readers only */
		{"May 16, 2024", "", "2024-05-16", 0, 0},
		{"Thu, 16 May 2024 08:00:00 +0700", "", "2024-05-16", 0, 0},
		{"Sept. 3rd 2023", "", "2023-09-03", 0, 0},
		/* numbers that are no date */
		{"12345-01-01", "", "", 0, 0},
		{"1899-12-31", "", "", 0, 0},
		{"2024-13-01", "", "", 0, 0},
		{"v2024-05-16x", "2024-05-16", "2024-05-16", 1, 11},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		char out[11];
		size_t ds, de;
		scan(cases[i].text, LSN_DATE_HEADER, out, &ds, &de);
		if (strcmp(out, cases[i].header))
			fail_msg("header %s: %s, not %s", cases[i].text, out, cases[i].header);
		if (out[0] && (ds != cases[i].ds || de != cases[i].de))
			fail_msg("header %s: span %zu-%zu", cases[i].text, ds, de);
		assert_int_equal(lsn_date_text(cases[i].text, strlen(cases[i].text), out), cases[i].reader[0] != 0);
		if (strcmp(out, cases[i].reader))
			fail_msg("reader %s: %s, not %s", cases[i].text, out, cases[i].reader);
	}
}

static void test_meta_and_url(void **state)
{
	(void)state;
	static const struct {
		const char *s, *want;
		int url;
	} cases[] = {
		{"2024-05-16T08:00:00+07:00", "2024-05-16", 0},
		{"  2024-05-16", "2024-05-16", 0},
		{"20240516", "2024-05-16", 0},
		{"Thu, 16 May 2024 08:00:00 +0700", "2024-05-16", 0},
		{"16/05/2024 08:30", "2024-05-16", 0},
		{"2024-02-30T00:00:00Z", "", 0},
		{"yesterday", "", 0},
		{"https://example.vn/2024/05/16/story.html", "2024-05-16", 1},
		{"https://news.cn/20240516/abc.htm", "2024-05-16", 1},
		{"https://a.com/2024-05/16/x", "2024-05-16", 1},
		{"https://a.com/2024_05_16_x", "2024-05-16", 1},
		{"https://site2024.com/20240516", "2024-05-16", 1}, /* the host is skipped */
		{"https://a.com/story-123456789", "", 1},
		{"https://a.com/2024/13/01/", "", 1},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		char out[11] = "x";
		size_t n = strlen(cases[i].s);
		int ok = cases[i].url ? lsn_date_url(cases[i].s, n, out) : lsn_date_meta(cases[i].s, n, out);
		assert_int_equal(ok, cases[i].want[0] != 0);
		if (strcmp(out, cases[i].want))
			fail_msg("%s: %s, not %s", cases[i].s, out, cases[i].want);
	}
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(lsn_date_valid(2024, 4, 31, 0));
	assert_false(lsn_date_valid(2024, 4, 31, LSN_DATE_CALENDAR));
	assert_true(lsn_date_valid(2000, 2, 29, LSN_DATE_CALENDAR));
	assert_false(lsn_date_valid(2100, 2, 29, LSN_DATE_CALENDAR));
	assert_false(lsn_date_valid(2101, 1, 1, 0));
	assert_false(lsn_date_valid(2024, 0, 1, 0));
}

/* ---- a page's header lines (lsn_date_header): the date and what else the line holds ---- */

static void test_header_lines(void **state)
{
	(void)state;
	static const struct {
		const char *line, *want; /* "" no date */
		int label, rest;         /* pub_label value; other letters (-1: not checked) */
	} cases[] = {
		{"Updated: 2010-02-04 16:08", "2010-02-04", 2, 0},
		{"Last updated: 2022-01-05 08:00", "2022-01-05", 2, 0},
		{"Published: Jun 05, 2024 09:12 PM", "2024-06-05", 1, 0},
		{"Posted on November 9, 2022 at 21:30", "2022-11-09", 1, 0},
		{"Aug 28, 2019 / 16:15", "2019-08-28", 0, 0},
		{"Friday, December 07, 2012, 10:51 GMT+7", "2012-12-07", 0, 0},
		{"September 18, 2018 | 21:54 (GMT+7)", "2018-09-18", 0, 0},
		{"Wednesday, June 12, 2024 4:30 PM", "2024-06-12", 0, 0},
		{"16 May 2024 | 08:40 GMT+7", "2024-05-16", 0, 0},
		{"8:19:28 AM | 6/17/2023", "2023-06-17", 0, 0},
		{"Sept. 3rd 2023", "2023-09-03", 0, 0},
		{"Updated: July 27, 2023 Source: Xinhua News Agency", "2023-07-27", 2, 16},
		{"0 Comment(s)Print E-mail Xinhua, February 27, 2024", "2024-02-27", 0, 6},
		{"发布时间：2024-11-09 17:44:09 来源：广西日报", "2024-11-09", 1, 4},
		{"发布日期：2022-08-16 浏览次数：1203", "2022-08-16", 1, 0},
		{"更新時間 : 2021-05-18 03:03 GMT+08:00", "2021-05-18", 2, 0},
		{"来源：新华网 2019-05-31", "2019-05-31", 3, 3},
		{"2019 年 05 月 31 日星期五", "2019-05-31", 0, 0},
		{"2020年12月18日08:23  来源：人民网", "2020-12-18", 0, 3},
		{"时间：2023年04月12日 来源：自治区外办 字号：大 中 小", "2023-04-12", 1, 5},
		{"2024年3月8日 星期五", "2024-03-08", 0, 0},
		{"14:46 | 09/01/2025", "2025-01-09", 0, 0},
		{"09:08 | 2019/12/11", "2019-12-11", 0, 0},
		{"2015.06.22 来源：防城港日报", "2015-06-22", 0, 5},
		{"Thứ ba, 11/09/2018 16:36 PM - 0 Trả lời", "2018-09-11", 0, 0},
		{"Chủ nhật, 17/09/2023 | 20:28:40", "2023-09-17", 0, 0},
		{"Thứ 4, 27/11/2024, 07:34[GMT+7]", "2024-11-27", 0, 0},
		{"Thứ Sáu, ngày 23 tháng 08 năm 2019, 09:25:27", "2019-08-23", 0, 0},
		{"Ngày 5 tháng 3 năm 2024", "2024-03-05", 0, 0},
		{"23 tháng 8, 2019", "2019-08-23", 0, 0},
		{"Hà Vũ - Ảnh: Trung Sơn 29/09/2023 22:19", "2023-09-29", 0, -1},
		{"Cập nhật lúc 14:30, Thứ hai, 05/06/2023", "2023-06-05", 2, 0},
		{"Ngày đăng: 21/03/2022 | Lượt xem: 215", "2022-03-21", 1, 0},
		{"Thứ Bảy, 08/06/2024, 09:15 SA", "2024-06-08", 0, 0},
		{"PV - 11:25, 06/11/2024", "2024-11-06", 0, 0},
		{"Lê Văn Tâm | 13/10/2017, 19:54", "2017-10-13", 0, 8},
		/* no date */
		{"Đại hội Đảng bộ tỉnh nhiệm kỳ 2025-2030", "", 0, -1},
		{"贸易额达2095万美元", "", 0, -1},
		{"0:00 / 0:00", "", 0, -1},
		{"Thứ 4, 27/11", "", 0, -1},
		{"31/02/2024 08:00", "", 0, -1},
		{"Mayor 12 2024", "", 0, -1},
	};
	const lsn_tables *kb = builtin();
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		struct lsn_header_date h;
		char out[11] = "";
		if (lsn_date_header(kb, cases[i].line, strlen(cases[i].line), &h))
			lsn_date_str(h.dt, out);
		if (strcmp(out, cases[i].want))
			fail_msg("%s: [%s], not [%s]", cases[i].line, out, cases[i].want);
		if (!out[0])
			continue;
		if (h.label != cases[i].label)
			fail_msg("%s: label %d, not %d", cases[i].line, h.label, cases[i].label);
		if (cases[i].rest >= 0 && h.rest_before + h.rest_after != cases[i].rest)
			fail_msg("%s: %d other letters, not %d", cases[i].line, h.rest_before + h.rest_after,
				 cases[i].rest);
	}
}

/* ---- dates in a document's tokens ---- */

/* Annotates doc as one paragraph (no cleaning: a short line of a date would be read as a
 * page's header) in language `lang`. */
static void annotate(const lsn_tables *kb, lsn_doc *doc, const char *lang)
{
	assert_int_equal(lsn_grow(&doc->lines, &doc->caplines, 1, sizeof *doc->lines), 0);
	doc->lines[0].start = 0;
	doc->lines[0].end = (uint32_t)doc->len;
	doc->nlines = 1;
	snprintf(doc->lang, sizeof doc->lang, "%s", lang);
	assert_int_equal(lsn_segment(kb, doc), LSN_OK);
	assert_int_equal(lsn_annotate(kb, doc), LSN_OK);
}

/* The dates of `text` read as a document in `lang`, as "YYYY-MM-DD"/"--MM-DD"/"wN"/"rN"
 * (a weekday, a relative day) with "~" after the first day of a range, joined by ' '. */
static const char *token_dates(const char *text, const char *lang)
{
	static char out[512];
	lsn_doc *doc = NULL;
	const lsn_tables *kb = builtin();
	assert_int_equal(lsn_doc_new("d", text, strlen(text), NULL, &doc, NULL), LSN_OK);
	annotate(kb, doc, lang);
	size_t o = 0;
	out[0] = 0;
	for (size_t i = 0; i < doc->ndates && o + 24 < sizeof out; i++) {
		const struct lsn_datehit *d = &doc->dates[i];
		char s[16];
		if (d->relative == 1)
			snprintf(s, sizeof s, "w%d", d->dt.d);
		else if (d->relative)
			snprintf(s, sizeof s, "r%d", d->dt.d - 8);
		else if (!d->dt.y && d->dt.m)
			snprintf(s, sizeof s, "--%02d-%02d", d->dt.m, d->dt.d);
		else if (!d->dt.y)
			snprintf(s, sizeof s, "day%d", d->dt.d);
		else
			lsn_date_str(d->dt, s);
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%s%s", o ? " " : "", s, d->range == 1 ? "~" : "");
	}
	lsn_doc_free(doc);
	return out;
}

static void test_token_forms(void **state)
{
	(void)state;
	static const struct {
		const char *lang, *text, *want;
	} cases[] = {
		{"zh", "2023年11月5日，双方在昆明举行会谈。", "2023-11-05"},
		{"zh", "双方于5月12日至14日举行会议。", "--05-12~ day14"},
		{"zh", "博览会于8月26—30日举行。", "--08-26~"},
		{"zh", "2024年5月，代表团访问了河内。", "2024-05"},
		{"zh", "昨(18)日，代表团抵达。", "day18"},
		{"vi", "Ngày 14 tháng 9 năm 2023, hai bên đã ký kết biên bản.", "2023-09-14"},
		{"vi", "Hội nghị diễn ra từ ngày 11/6 đến 15/6 tại Hà Nội.", "--06-11~ --06-15"},
		{"vi", "Trong tháng 11/2023, tỉnh đã đón đoàn.", "2023-11"},
		{"en", "The fair ran on May 25-28, 2023 in Nanning.", "2023-05-25~"},
		{"en", "They met on 9 October 2020 in Hanoi.", "2020-10-09"},
		{"en", "The score was 11/6 in the end.", ""}, /* month first: not read in English */
		{"en", "The plan runs to 2030.", "2030"},
		/* a day and month joined by a hyphen, after a word of time or with its year */
		{"vi", "Chiều 14-5, Phó Chủ tịch UBND thành phố tiếp đoàn.", "--05-14"},
		{"vi", "Ngày 29-9, đoàn đã về đến Hà Nội.", "--09-29"},
		{"vi", "Sáng 3-12-2024, hai bên ký kết biên bản.", "2024-12-03"},
		{"vi", "Chuyến thăm diễn ra từ ngày 25 đến 29-9 tại Bắc Kinh.", "--09-25~ --09-29"},
		{"vi", "Từ ngày 4 - 10/8, đoàn công tác thăm Quảng Tây.", "--08-04~ --08-10"},
		{"vi", "CAEXPO diễn ra từ ngày 16-19/9 tại Nam Ninh.", "--09-16~ --09-19"},
		{"vi", "Đội khách thắng 2-1 trong trận đấu.", ""},
		{"vi", "Có 3-4 đoàn đã tới.", ""},
		/* a year that is an amount, or the ends of a span of years */
		{"zh", "双边贸易额达2060亿美元。", ""},
		{"zh", "投资额为2095万美元。", ""},
		{"vi", "Kim ngạch đạt 2060 tỷ USD.", ""},
		{"en", "Trade reached 2025 million USD.", ""},
		{"vi", "Kỷ niệm 70 năm Ngày giải phóng (13/5/1955 - 13/5/2025).", "1955-05-13 2025-05-13"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		const char *got = token_dates(cases[i].text, cases[i].lang);
		if (strcmp(got, cases[i].want))
			fail_msg("%s: [%s], not [%s]", cases[i].text, got, cases[i].want);
	}
}

/* "thứ Năm" is Thursday after a word of time, the fifth after "lần" (lexicon: weekday_cue). */
static void test_vi_weekday(void **state)
{
	(void)state;
	assert_string_equal(token_dates("Vào thứ Năm, đoàn đã tới Lào Cai.", "vi"), "w4");
	assert_string_equal(token_dates("Đây là lần thứ năm đoàn tới Lào Cai.", "vi"), "");
}

/* The date words are data: a lexicon of its own (--data DIR) changes what is read. */
static void test_lexicon_words(void **state)
{
	(void)state;
	char dir[] = "/tmp/lsn-test-dates-XXXXXX", path[64], err[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/lexicon.tsv", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	/* 年 only: no month, no day */
	fputs("lang\tword\tclass\tvalue\nzh\t年\tdate_unit\t1\n", f);
	assert_int_equal(fclose(f), 0);
	lsn_tables *kb = lsn_tables_new(dir, err, sizeof err);
	if (!kb)
		fail_msg("lsn_tables_new: %s", err);
	const char *text = "2023年11月5日，双方举行会谈。";
	lsn_doc *doc = NULL;
	assert_int_equal(lsn_doc_new("d", text, strlen(text), NULL, &doc, NULL), LSN_OK);
	annotate(kb, doc, "zh");
	char s[11] = "";
	if (doc->ndates)
		lsn_date_str(doc->dates[0].dt, s);
	assert_string_equal(s, "2023"); /* 11月5日 is no date without the words */
	lsn_doc_free(doc);
	lsn_tables_free(kb);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_forms),
		cmocka_unit_test(test_meta_and_url),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_header_lines),
		cmocka_unit_test(test_token_forms),
		cmocka_unit_test(test_vi_weekday),
		cmocka_unit_test(test_lexicon_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
