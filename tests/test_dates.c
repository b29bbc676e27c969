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
		{"vi", "Tính đến hết tháng 4-2023, thành phố có 860 dự án.", "2023-04"},
		{"vi", "Từ tháng 1 đến tháng 11/2023, kim ngạch đạt 4,5 tỷ USD.", "--01-00 2023-11"}, /* (a month without its year: --MM-00) */
		{"vi", "Đội khách thắng 2-1 trong trận đấu.", ""},
		{"vi", "Có 3-4 đoàn đã tới.", ""},
		/* a year that is an amount, or the ends of a span of years */
		{"zh", "双边贸易额达2060亿美元。", ""},
		{"zh", "投资额为2095万美元。", ""},
		{"vi", "Kim ngạch đạt 2060 tỷ USD.", ""},
		{"en", "Trade reached 2025 million USD.", ""},
		{"vi", "Kỷ niệm 70 năm Ngày giải phóng (13/5/1955 - 13/5/2025).", "1955-05-13 2025-05-13"},
		/* a day the month does not have: the month is what is certain (29 February
		 * without a year may be a leap year's) */
		{"en", "They met on June 31, 2019 in Hanoi.", "2019-06"},
		{"zh", "2023年2月30日，双方在昆明举行会谈。", "2023-02"},
		{"vi", "Ngày 31/4/2024, hai bên đã ký kết biên bản.", "2024-04"},
		{"en", "The two sides met on February 29 in Kunming.", "--02-29"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		const char *got = token_dates(cases[i].text, cases[i].lang);
		if (strcmp(got, cases[i].want))
			fail_msg("%s: [%s], not [%s]", cases[i].text, got, cases[i].want);
	}
}

/* The forms of each language across the calendar: every month, days, weekdays, relative
 * days, ranges (a table, so that a form missed in one month or language shows). */
static void test_token_table(void **state)
{
	(void)state;
	static const struct {
		const char *lang, *text, *want;
	} cases[] = {
		{"en", "The delegation arrived in Nanning on January 3, 2015.", "2015-01-03"},
		{"en", "The talks were held on 3 January 2015 in Lao Cai.", "2015-01-03"},
		{"en", "The two sides met on January 3 in Kunming.", "--01-03"},
		{"en", "Trade fairs were held in January 2015.", "2015-01"},
		{"en", "The delegation arrived in Kunming on February 14, 2016.", "2016-02-14"},
		{"en", "The talks were held on 14 February 2016 in Haiphong.", "2016-02-14"},
		{"en", "The two sides met on February 14 in Hanoi.", "--02-14"},
		{"en", "Trade fairs were held in February 2016.", "2016-02"},
		{"en", "The delegation arrived in Hanoi on March 28, 2017.", "2017-03-28"},
		{"en", "The talks were held on 28 March 2017 in Guangzhou.", "2017-03-28"},
		{"en", "The two sides met on March 28 in Lao Cai.", "--03-28"},
		{"en", "Trade fairs were held in March 2017.", "2017-03"},
		{"en", "The delegation arrived in Lao Cai on April 9, 2018.", "2018-04-09"},
		{"en", "The talks were held on 9 April 2018 in Mong Cai.", "2018-04-09"},
		{"en", "The two sides met on April 9 in Haiphong.", "--04-09"},
		{"en", "Trade fairs were held in April 2018.", "2018-04"},
		{"en", "The delegation arrived in Haiphong on May 21, 2019.", "2019-05-21"},
		{"en", "The talks were held on 21 May 2019 in Dongxing.", "2019-05-21"},
		{"en", "The two sides met on May 21 in Guangzhou.", "--05-21"},
		{"en", "Trade fairs were held in May 2019.", "2019-05"},
		{"en", "The delegation arrived in Guangzhou on June 1, 2020.", "2020-06-01"},
		{"en", "The talks were held on 1 June 2020 in Nanning.", "2020-06-01"},
		{"en", "The two sides met on June 1 in Mong Cai.", "--06-01"},
		{"en", "Trade fairs were held in June 2020.", "2020-06"},
		{"en", "The delegation arrived in Mong Cai on July 17, 2021.", "2021-07-17"},
		{"en", "The talks were held on 17 July 2021 in Kunming.", "2021-07-17"},
		{"en", "The two sides met on July 17 in Dongxing.", "--07-17"},
		{"en", "Trade fairs were held in July 2021.", "2021-07"},
		{"en", "The delegation arrived in Dongxing on August 30, 2022.", "2022-08-30"},
		{"en", "The talks were held on 30 August 2022 in Hanoi.", "2022-08-30"},
		{"en", "The two sides met on August 30 in Nanning.", "--08-30"},
		{"en", "Trade fairs were held in August 2022.", "2022-08"},
		{"en", "The delegation arrived in Nanning on September 12, 2023.", "2023-09-12"},
		{"en", "The talks were held on 12 September 2023 in Lao Cai.", "2023-09-12"},
		{"en", "The two sides met on September 12 in Kunming.", "--09-12"},
		{"en", "Trade fairs were held in September 2023.", "2023-09"},
		{"en", "The delegation arrived in Kunming on October 25, 2024.", "2024-10-25"},
		{"en", "The talks were held on 25 October 2024 in Haiphong.", "2024-10-25"},
		{"en", "The two sides met on October 25 in Hanoi.", "--10-25"},
		{"en", "Trade fairs were held in October 2024.", "2024-10"},
		{"en", "The delegation arrived in Hanoi on November 6, 2015.", "2015-11-06"},
		{"en", "The talks were held on 6 November 2015 in Guangzhou.", "2015-11-06"},
		{"en", "The two sides met on November 6 in Lao Cai.", "--11-06"},
		{"en", "Trade fairs were held in November 2015.", "2015-11"},
		{"en", "The delegation arrived in Lao Cai on December 19, 2016.", "2016-12-19"},
		{"en", "The talks were held on 19 December 2016 in Mong Cai.", "2016-12-19"},
		{"en", "The two sides met on December 19 in Haiphong.", "--12-19"},
		{"en", "Trade fairs were held in December 2016.", "2016-12"},
		{"en", "On Jan. 5, the delegation visited Nanning.", "--01-05"},
		{"en", "On Feb. 11, the delegation visited Kunming.", "--02-11"},
		{"en", "On Mar. 23, the delegation visited Hanoi.", "--03-23"},
		{"en", "On Apr. 8, the delegation visited Lao Cai.", "--04-08"},
		{"en", "On May 16, the delegation visited Haiphong.", "--05-16"},
		{"en", "On Jun. 2, the delegation visited Guangzhou.", "--06-02"},
		{"en", "On Jul. 27, the delegation visited Mong Cai.", "--07-27"},
		{"en", "On Aug. 13, the delegation visited Dongxing.", "--08-13"},
		{"en", "On Sept. 4, the delegation visited Nanning.", "--09-04"},
		{"en", "On Oct. 20, the delegation visited Kunming.", "--10-20"},
		{"en", "On Nov. 7, the delegation visited Hanoi.", "--11-07"},
		{"en", "On Dec. 29, the delegation visited Lao Cai.", "--12-29"},
		{"en", "The governor met the consul general on Monday.", "w1"},
		{"en", "The governor met the consul general on Tuesday.", "w2"},
		{"en", "The governor met the consul general on Wednesday.", "w3"},
		{"en", "The governor met the consul general on Thursday.", "w4"},
		{"en", "The governor met the consul general on Friday.", "w5"},
		{"en", "The governor met the consul general on Saturday.", "w6"},
		{"en", "The governor met the consul general on Sunday.", "w7"},
		{"en", "The ambassador arrived yesterday.", "r-1"},
		{"en", "The fair opens today in Nanning.", "r0"},
		{"en", "The fair ran from May 25 to 28 in Nanning.", "--05-25~"},
		{"en", "The expo ran on September 16-19, 2023 in Nanning.", "2023-09-16~"},
		{"en", "The plan covers 2021.", "2021"},
		{"zh", "2012年1月5日，双方在南宁举行会谈。", "2012-01-05"},
		{"zh", "1月5日，代表团抵达昆明。", "--01-05"},
		{"zh", "2012年1月，两地签署合作协议。", "2012-01"},
		{"zh", "会议于1月5号在河内举行。", "--01-05"},
		{"zh", "2013年2月12日，双方在南宁举行会谈。", "2013-02-12"},
		{"zh", "2月12日，代表团抵达昆明。", "--02-12"},
		{"zh", "2013年2月，两地签署合作协议。", "2013-02"},
		{"zh", "会议于2月12号在河内举行。", "--02-12"},
		{"zh", "2014年3月28日，双方在南宁举行会谈。", "2014-03-28"},
		{"zh", "3月28日，代表团抵达昆明。", "--03-28"},
		{"zh", "2014年3月，两地签署合作协议。", "2014-03"},
		{"zh", "会议于3月28号在河内举行。", "--03-28"},
		{"zh", "2015年4月3日，双方在南宁举行会谈。", "2015-04-03"},
		{"zh", "4月3日，代表团抵达昆明。", "--04-03"},
		{"zh", "2015年4月，两地签署合作协议。", "2015-04"},
		{"zh", "会议于4月3号在河内举行。", "--04-03"},
		{"zh", "2016年5月19日，双方在南宁举行会谈。", "2016-05-19"},
		{"zh", "5月19日，代表团抵达昆明。", "--05-19"},
		{"zh", "2016年5月，两地签署合作协议。", "2016-05"},
		{"zh", "会议于5月19号在河内举行。", "--05-19"},
		{"zh", "2017年6月30日，双方在南宁举行会谈。", "2017-06-30"},
		{"zh", "6月30日，代表团抵达昆明。", "--06-30"},
		{"zh", "2017年6月，两地签署合作协议。", "2017-06"},
		{"zh", "会议于6月30号在河内举行。", "--06-30"},
		{"zh", "2018年7月8日，双方在南宁举行会谈。", "2018-07-08"},
		{"zh", "7月8日，代表团抵达昆明。", "--07-08"},
		{"zh", "2018年7月，两地签署合作协议。", "2018-07"},
		{"zh", "会议于7月8号在河内举行。", "--07-08"},
		{"zh", "2019年8月15日，双方在南宁举行会谈。", "2019-08-15"},
		{"zh", "8月15日，代表团抵达昆明。", "--08-15"},
		{"zh", "2019年8月，两地签署合作协议。", "2019-08"},
		{"zh", "会议于8月15号在河内举行。", "--08-15"},
		{"zh", "2020年9月22日，双方在南宁举行会谈。", "2020-09-22"},
		{"zh", "9月22日，代表团抵达昆明。", "--09-22"},
		{"zh", "2020年9月，两地签署合作协议。", "2020-09"},
		{"zh", "会议于9月22号在河内举行。", "--09-22"},
		{"zh", "2021年10月1日，双方在南宁举行会谈。", "2021-10-01"},
		{"zh", "10月1日，代表团抵达昆明。", "--10-01"},
		{"zh", "2021年10月，两地签署合作协议。", "2021-10"},
		{"zh", "会议于10月1号在河内举行。", "--10-01"},
		{"zh", "2022年11月26日，双方在南宁举行会谈。", "2022-11-26"},
		{"zh", "11月26日，代表团抵达昆明。", "--11-26"},
		{"zh", "2022年11月，两地签署合作协议。", "2022-11"},
		{"zh", "会议于11月26号在河内举行。", "--11-26"},
		{"zh", "2023年12月9日，双方在南宁举行会谈。", "2023-12-09"},
		{"zh", "12月9日，代表团抵达昆明。", "--12-09"},
		{"zh", "2023年12月，两地签署合作协议。", "2023-12"},
		{"zh", "会议于12月9号在河内举行。", "--12-09"},
		{"zh", "博览会于1月3日至6日在南宁举行。", "--01-03~ day6"},
		{"zh", "博览会于2月4日至7日在南宁举行。", "--02-04~ day7"},
		{"zh", "博览会于3月5日至8日在南宁举行。", "--03-05~ day8"},
		{"zh", "博览会于4月6日至9日在南宁举行。", "--04-06~ day9"},
		{"zh", "博览会于5月7日至10日在南宁举行。", "--05-07~ day10"},
		{"zh", "博览会于6月8日至11日在南宁举行。", "--06-08~ day11"},
		{"zh", "博览会于7月9日至12日在南宁举行。", "--07-09~ day12"},
		{"zh", "博览会于8月10日至13日在南宁举行。", "--08-10~ day13"},
		{"zh", "博览会于9月11日至14日在南宁举行。", "--09-11~ day14"},
		{"zh", "博览会于10月12日至15日在南宁举行。", "--10-12~ day15"},
		{"zh", "省长星期一会见了越南客人。", "w1"},
		{"zh", "双方周一举行会谈。", "w1"},
		{"zh", "省长星期二会见了越南客人。", "w2"},
		{"zh", "双方周二举行会谈。", "w2"},
		{"zh", "省长星期三会见了越南客人。", "w3"},
		{"zh", "双方周三举行会谈。", "w3"},
		{"zh", "省长星期四会见了越南客人。", "w4"},
		{"zh", "双方周四举行会谈。", "w4"},
		{"zh", "省长星期五会见了越南客人。", "w5"},
		{"zh", "双方周五举行会谈。", "w5"},
		{"zh", "省长星期六会见了越南客人。", "w6"},
		{"zh", "双方周六举行会谈。", "w6"},
		{"zh", "省长星期日会见了越南客人。", "w7"},
		{"zh", "双方周日举行会谈。", "w7"},
		{"zh", "代表团昨天抵达河内。", "r-1"},
		{"zh", "代表团今天抵达河内。", "r0"},
		{"zh", "2016年，双边贸易额增长。", "2016"},
		{"zh", "2019年，双边贸易额增长。", "2019"},
		{"zh", "2022年，双边贸易额增长。", "2022"},
		{"zh", "2025年，双边贸易额增长。", "2025"},
		{"vi", "Ngày 4 tháng 1 năm 2013, hai bên đã ký kết biên bản tại Hà Nội.", "2013-01-04"},
		{"vi", "Ngày 4/1/2013, đoàn đã tới Lào Cai.", "2013-01-04"},
		{"vi", "Sáng 4/1, đoàn làm việc tại Lạng Sơn.", "--01-04"},
		{"vi", "Trong tháng 1/2013, tỉnh đã đón nhiều đoàn.", "2013-01"},
		{"vi", "Chiều 4-1, lãnh đạo tỉnh tiếp đoàn tại Quảng Ninh.", "--01-04"},
		{"vi", "Ngày 15 tháng 2 năm 2014, hai bên đã ký kết biên bản tại Lào Cai.", "2014-02-15"},
		{"vi", "Ngày 15/2/2014, đoàn đã tới Lạng Sơn.", "2014-02-15"},
		{"vi", "Sáng 15/2, đoàn làm việc tại Quảng Ninh.", "--02-15"},
		{"vi", "Trong tháng 2/2014, tỉnh đã đón nhiều đoàn.", "2014-02"},
		{"vi", "Chiều 15-2, lãnh đạo tỉnh tiếp đoàn tại Hải Phòng.", "--02-15"},
		{"vi", "Ngày 27 tháng 3 năm 2015, hai bên đã ký kết biên bản tại Lạng Sơn.", "2015-03-27"},
		{"vi", "Ngày 27/3/2015, đoàn đã tới Quảng Ninh.", "2015-03-27"},
		{"vi", "Sáng 27/3, đoàn làm việc tại Hải Phòng.", "--03-27"},
		{"vi", "Trong tháng 3/2015, tỉnh đã đón nhiều đoàn.", "2015-03"},
		{"vi", "Chiều 27-3, lãnh đạo tỉnh tiếp đoàn tại Cao Bằng.", "--03-27"},
		{"vi", "Ngày 10 tháng 4 năm 2016, hai bên đã ký kết biên bản tại Quảng Ninh.", "2016-04-10"},
		{"vi", "Ngày 10/4/2016, đoàn đã tới Hải Phòng.", "2016-04-10"},
		{"vi", "Sáng 10/4, đoàn làm việc tại Cao Bằng.", "--04-10"},
		{"vi", "Trong tháng 4/2016, tỉnh đã đón nhiều đoàn.", "2016-04"},
		{"vi", "Chiều 10-4, lãnh đạo tỉnh tiếp đoàn tại Hà Nội.", "--04-10"},
		{"vi", "Ngày 21 tháng 5 năm 2017, hai bên đã ký kết biên bản tại Hải Phòng.", "2017-05-21"},
		{"vi", "Ngày 21/5/2017, đoàn đã tới Cao Bằng.", "2017-05-21"},
		{"vi", "Sáng 21/5, đoàn làm việc tại Hà Nội.", "--05-21"},
		{"vi", "Trong tháng 5/2017, tỉnh đã đón nhiều đoàn.", "2017-05"},
		{"vi", "Chiều 21-5, lãnh đạo tỉnh tiếp đoàn tại Lào Cai.", "--05-21"},
		{"vi", "Ngày 2 tháng 6 năm 2018, hai bên đã ký kết biên bản tại Cao Bằng.", "2018-06-02"},
		{"vi", "Ngày 2/6/2018, đoàn đã tới Hà Nội.", "2018-06-02"},
		{"vi", "Sáng 2/6, đoàn làm việc tại Lào Cai.", "--06-02"},
		{"vi", "Trong tháng 6/2018, tỉnh đã đón nhiều đoàn.", "2018-06"},
		{"vi", "Chiều 2-6, lãnh đạo tỉnh tiếp đoàn tại Lạng Sơn.", "--06-02"},
		{"vi", "Ngày 18 tháng 7 năm 2019, hai bên đã ký kết biên bản tại Hà Nội.", "2019-07-18"},
		{"vi", "Ngày 18/7/2019, đoàn đã tới Lào Cai.", "2019-07-18"},
		{"vi", "Sáng 18/7, đoàn làm việc tại Lạng Sơn.", "--07-18"},
		{"vi", "Trong tháng 7/2019, tỉnh đã đón nhiều đoàn.", "2019-07"},
		{"vi", "Chiều 18-7, lãnh đạo tỉnh tiếp đoàn tại Quảng Ninh.", "--07-18"},
		{"vi", "Ngày 31 tháng 8 năm 2020, hai bên đã ký kết biên bản tại Lào Cai.", "2020-08-31"},
		{"vi", "Ngày 31/8/2020, đoàn đã tới Lạng Sơn.", "2020-08-31"},
		{"vi", "Sáng 31/8, đoàn làm việc tại Quảng Ninh.", "--08-31"},
		{"vi", "Trong tháng 8/2020, tỉnh đã đón nhiều đoàn.", "2020-08"},
		{"vi", "Chiều 31-8, lãnh đạo tỉnh tiếp đoàn tại Hải Phòng.", "--08-31"},
		{"vi", "Ngày 6 tháng 9 năm 2021, hai bên đã ký kết biên bản tại Lạng Sơn.", "2021-09-06"},
		{"vi", "Ngày 6/9/2021, đoàn đã tới Quảng Ninh.", "2021-09-06"},
		{"vi", "Sáng 6/9, đoàn làm việc tại Hải Phòng.", "--09-06"},
		{"vi", "Trong tháng 9/2021, tỉnh đã đón nhiều đoàn.", "2021-09"},
		{"vi", "Chiều 6-9, lãnh đạo tỉnh tiếp đoàn tại Cao Bằng.", "--09-06"},
		{"vi", "Ngày 13 tháng 10 năm 2022, hai bên đã ký kết biên bản tại Quảng Ninh.", "2022-10-13"},
		{"vi", "Ngày 13/10/2022, đoàn đã tới Hải Phòng.", "2022-10-13"},
		{"vi", "Sáng 13/10, đoàn làm việc tại Cao Bằng.", "--10-13"},
		{"vi", "Trong tháng 10/2022, tỉnh đã đón nhiều đoàn.", "2022-10"},
		{"vi", "Chiều 13-10, lãnh đạo tỉnh tiếp đoàn tại Hà Nội.", "--10-13"},
		{"vi", "Ngày 24 tháng 11 năm 2023, hai bên đã ký kết biên bản tại Hải Phòng.", "2023-11-24"},
		{"vi", "Ngày 24/11/2023, đoàn đã tới Cao Bằng.", "2023-11-24"},
		{"vi", "Sáng 24/11, đoàn làm việc tại Hà Nội.", "--11-24"},
		{"vi", "Trong tháng 11/2023, tỉnh đã đón nhiều đoàn.", "2023-11"},
		{"vi", "Chiều 24-11, lãnh đạo tỉnh tiếp đoàn tại Lào Cai.", "--11-24"},
		{"vi", "Ngày 8 tháng 12 năm 2024, hai bên đã ký kết biên bản tại Cao Bằng.", "2024-12-08"},
		{"vi", "Ngày 8/12/2024, đoàn đã tới Hà Nội.", "2024-12-08"},
		{"vi", "Sáng 8/12, đoàn làm việc tại Lào Cai.", "--12-08"},
		{"vi", "Trong tháng 12/2024, tỉnh đã đón nhiều đoàn.", "2024-12"},
		{"vi", "Chiều 8-12, lãnh đạo tỉnh tiếp đoàn tại Lạng Sơn.", "--12-08"},
		{"vi", "Tháng 3 năm 2011, hai tỉnh tổ chức hội chợ.", "2011-03"},
		{"vi", "Tháng 4 năm 2012, hai tỉnh tổ chức hội chợ.", "2012-04"},
		{"vi", "Tháng 5 năm 2013, hai tỉnh tổ chức hội chợ.", "2013-05"},
		{"vi", "Tháng 6 năm 2014, hai tỉnh tổ chức hội chợ.", "2014-06"},
		{"vi", "Tháng 7 năm 2015, hai tỉnh tổ chức hội chợ.", "2015-07"},
		{"vi", "Tháng 8 năm 2016, hai tỉnh tổ chức hội chợ.", "2016-08"},
		{"vi", "Tháng 9 năm 2017, hai tỉnh tổ chức hội chợ.", "2017-09"},
		{"vi", "Tháng 10 năm 2018, hai tỉnh tổ chức hội chợ.", "2018-10"},
		{"vi", "Tháng 11 năm 2019, hai tỉnh tổ chức hội chợ.", "2019-11"},
		{"vi", "Vào thứ Hai, đoàn đã tới Lào Cai.", "w1"},
		{"vi", "Vào thứ Ba, đoàn đã tới Lào Cai.", "w2"},
		{"vi", "Vào thứ Tư, đoàn đã tới Lào Cai.", "w3"},
		{"vi", "Vào thứ Năm, đoàn đã tới Lào Cai.", "w4"},
		{"vi", "Vào thứ Sáu, đoàn đã tới Lào Cai.", "w5"},
		{"vi", "Vào thứ Bảy, đoàn đã tới Lào Cai.", "w6"},
		{"vi", "Vào Chủ nhật, đoàn đã tới Lào Cai.", "w7"},
		{"vi", "Hôm qua, đoàn đã tới Lào Cai.", "r-1"},
		{"vi", "Đây là lần thứ Hai đoàn tới Lào Cai.", ""},
		{"vi", "Khóa thứ Năm của lớp học bắt đầu.", ""},
	};
	int bad = 0;
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		const char *got = token_dates(cases[i].text, cases[i].lang);
		if (strcmp(got, cases[i].want)) {
			print_message("%s: [%s], not [%s]\n", cases[i].text, got, cases[i].want);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
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
		cmocka_unit_test(test_token_table),
		cmocka_unit_test(test_vi_weekday),
		cmocka_unit_test(test_lexicon_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
