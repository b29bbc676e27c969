/*
 * test_clean.c — clean.c: what of a scraped page is kept as the story.
 *
 * Each case is a small page in the shape the shared corpus has (header lines,
 * markdown debris from the scraper, captions, repeated paragraphs, "related
 * news" blocks) and says what the kept text and the publication date must be.
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

/* Cleans `text`; returns the kept lines joined by '\n' (static buffer) and
 * the publication date in *pub ("" when none). */
static const char *clean(const char *text, char pub[11])
{
	static char out[8192];
	lsn_doc *doc = NULL;
	assert_int_equal(lsn_doc_new("c", text, strlen(text), NULL, &doc, NULL), LSN_OK);
	assert_int_equal(lsn_clean(builtin(), doc), LSN_OK);
	size_t o = 0;
	for (size_t i = 0; i < doc->nlines; i++) {
		const struct lsn_span *l = &doc->lines[i];
		assert_true(l->start < l->end && l->end <= doc->len);
		size_t n = l->end - l->start;
		assert_true(o + n + 2 < sizeof out);
		if (o)
			out[o++] = '\n';
		memcpy(out + o, doc->text + l->start, n);
		o += n;
	}
	out[o] = 0;
	lsn_date_str(doc->published, pub);
	lsn_doc_free(doc);
	return out;
}

#define P1 "Shanghai and Ho Chi Minh City agreed on Thursday to expand cooperation in trade, " \
	   "logistics and tourism, officials said after the talks."
#define P2 "The two sides also discussed direct flights and student exchanges between " \
	   "universities of the two cities."

static void test_header_date_inline(void **state)
{
	(void)state;
	char pub[11];
	const char *kept = clean("date 2025-06-26 " P1 "\n" P2 "\n", pub);
	assert_string_equal(pub, "2025-06-26");
	assert_string_equal(kept, P1 "\n" P2); /* the header is cut, the body stays */
}

static void test_header_date_line(void **state)
{
	(void)state;
	static const struct {
		const char *page, *pub;
	} cases[] = {
		/* VNA style: time | day/month/year */
		{"18:19 | 09/10/2022\n" P1 "\n" P2 "\n", "2022-10-09"},
		{"16:05 | 23/04/2024\n" P1 "\n" P2 "\n", "2024-04-23"},
		/* a title line first, then the date line */
		{"Shanghai, HCM City deepen ties\n20:45 | 04/06/2024\n" P1 "\n", "2024-06-04"},
		/* Chinese portals */
		{"2024年5月15日\n" P1 "\n", "2024-05-15"},
		{"发布时间：2024年6月5日 10:30\n" P1 "\n", "2024-06-05"},
		/* ISO */
		{"2024-07-12\n" P1 "\n", "2024-07-12"},
		/* a date in the story is not a header */
		{P1 " The agreement was signed on 12/03/2019 in Hanoi.\n", ""},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		char pub[11];
		const char *kept = clean(cases[i].page, pub);
		assert_string_equal(pub, cases[i].pub);
		assert_non_null(strstr(kept, P1));
		/* the date header line itself is not part of the story */
		assert_null(strstr(kept, "18:19"));
		assert_null(strstr(kept, "发布时间"));
	}
}

static void test_meta_date_wins(void **state)
{
	(void)state;
	static const char page[] = "date 2025-06-26 " P1 "\n";
	lsn_doc *doc = NULL;
	assert_int_equal(lsn_doc_new("c", page, strlen(page), "2024-01-02", &doc, NULL), LSN_OK);
	assert_int_equal(lsn_clean(builtin(), doc), LSN_OK);
	char pub[11];
	lsn_date_str(doc->published, pub);
	assert_string_equal(pub, "2024-01-02");
	lsn_doc_free(doc);
}

static void test_duplicate_paragraph(void **state)
{
	(void)state;
	char pub[11];
	const char *kept = clean(P1 "\n" P2 "\n\n" P2 "\n", pub);
	assert_string_equal(kept, P1 "\n" P2);
	/* the same with Chinese paragraphs */
	kept = clean("上海市副市长会见越南胡志明市代表团，双方就经贸合作深入交换意见。\n"
		     "双方同意加强港口物流、跨境电商和旅游领域的合作。\n"
		     "上海市副市长会见越南胡志明市代表团，双方就经贸合作深入交换意见。\n",
		     pub);
	assert_string_equal(kept, "上海市副市长会见越南胡志明市代表团，双方就经贸合作深入交换意见。\n"
				  "双方同意加强港口物流、跨境电商和旅游领域的合作。");
}

static void test_markdown_debris(void **state)
{
	(void)state;
	char pub[11];
	const char *kept = clean(P1 "\n"
				 "![]() |\n"
				 "![](https://img.example/photo.jpg) |\n"
				 "| Delegates pose for a group photo in Nanning |\n"
				 "|---|\n" P2 "\n",
				 pub);
	assert_string_equal(kept, P1 "\n" P2);
}

static void test_related_news_cut(void **state)
{
	(void)state;
	static const char *const markers[] = {
		"Related news", "RELATED NEWS", "Related news:", "相关新闻", "Tin liên quan",
		"TIN LIÊN QUAN", "Read more",
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(markers); i++) {
		char page[2048], pub[11];
		snprintf(page, sizeof page,
			 "%s\n%s\n%s\n"
			 "Hanoi and Yunnan sign a memorandum on border trade cooperation this week.\n"
			 "Da Nang hosts a tourism forum with partners from Guangdong and Hainan.\n",
			 P1, P2, markers[i]);
		const char *kept = clean(page, pub);
		assert_string_equal(kept, P1 "\n" P2);
	}
}

static void test_photo_caption(void **state)
{
	(void)state;
	char pub[11];
	/* a credit alone on its line goes */
	static const char *const credits[] = {
		"(Photo: VNA)", "Photo: Xinhua", "(Ảnh: TTXVN)", "（图片来源：广西日报）",
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(credits); i++) {
		char page[2048];
		snprintf(page, sizeof page, "%s\n%s\n%s\n", P1, credits[i], P2);
		assert_string_equal(clean(page, pub), P1 "\n" P2);
	}
	/* a caption often names who met whom: its text stays, its credit goes */
	static const char *const captions[][2] = {
		{"Vice Chairman Le Van Hung speaks at the talks. (Photo: baoquangninh.vn)",
		 "Vice Chairman Le Van Hung speaks at the talks."},
		{"Quang cảnh hội đàm trực tuyến. (Ảnh: Báo Quảng Ninh)",
		 "Quang cảnh hội đàm trực tuyến."},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(captions); i++) {
		char page[2048], want[2048];
		snprintf(page, sizeof page, "%s\n%s\n%s\n", P1, captions[i][0], P2);
		snprintf(want, sizeof want, "%s\n%s\n%s", P1, captions[i][1], P2);
		assert_string_equal(clean(page, pub), want);
	}
	/* a credit glued before a story paragraph: the credit goes, the story stays */
	const char *kept = clean(P1 "\n(Ảnh: TTXVN) Chiều 4/6, lãnh đạo tỉnh Quảng Ninh đã hội đàm "
				 "trực tuyến với lãnh đạo Khu tự trị dân tộc Choang Quảng Tây.\n",
				 pub);
	assert_string_equal(kept, P1 "\nChiều 4/6, lãnh đạo tỉnh Quảng Ninh đã hội đàm trực tuyến "
				  "với lãnh đạo Khu tự trị dân tộc Choang Quảng Tây.");
}

static void test_navigation_lines(void **state)
{
	(void)state;
	char pub[11];
	/* short menu words and a Chinese headline list between paragraphs go (the
	 * first line is kept: it is the title) */
	const char *kept = clean(P1 "\nPolitics\nHome\nWorld\n"
				 "越南与中国广西加强边境贸易合作\n" P2 "\n",
				 pub);
	assert_string_equal(kept, P1 "\n" P2);
	/* a Chinese paragraph cut off after full sentences is body text */
#define CUT "总领事建议加强本市与中国各地方在物流、智慧城市、数字化经济、医疗、基础设施建设等领域的合作。" \
	    "与此同时，促进各项人民交流活动以加强"
	kept = clean(P1 "\n" CUT "\n", pub);
	assert_string_equal(kept, P1 "\n" CUT);
#undef CUT
	/* blank lines and surrounding white space (NBSP, ideographic space) are trimmed */
	kept = clean("\n\n  " P1 "\xc2\xa0\n\t\n\xe3\x80\x80" P2 "  \n", pub);
	assert_string_equal(kept, P1 "\n" P2);
}

static void test_lines_point_into_text(void **state)
{
	(void)state;
	/* kept lines are spans of the document's own text: evidence offsets hold */
	static const char page[] = "18:19 | 17/05/2024\n" P1 "\n";
	lsn_doc *doc = NULL;
	assert_int_equal(lsn_doc_new("c", page, strlen(page), NULL, &doc, NULL), LSN_OK);
	assert_int_equal(lsn_clean(builtin(), doc), LSN_OK);
	assert_int_equal(doc->nlines, 1);
	assert_int_equal(doc->lines[0].start, strlen("18:19 | 17/05/2024\n"));
	assert_int_equal(doc->lines[0].end, strlen(page) - 1);
	lsn_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_date_inline),
		cmocka_unit_test(test_header_date_line),
		cmocka_unit_test(test_meta_date_wins),
		cmocka_unit_test(test_duplicate_paragraph),
		cmocka_unit_test(test_markdown_debris),
		cmocka_unit_test(test_related_news_cut),
		cmocka_unit_test(test_photo_caption),
		cmocka_unit_test(test_navigation_lines),
		cmocka_unit_test(test_lines_point_into_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
