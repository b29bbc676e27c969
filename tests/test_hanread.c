/*
 * test_hanread.c — hanread.c: Chinese-character personal names read in
 * pinyin and in Sino-Vietnamese, the tables generated from Unihan, the
 * reviewed data tables that override them, and the cross-script name key.
 *
 * The name cases are officials of both countries.  Each expected value is
 * the reading of the characters, which is what the functions promise; where
 * a person's actual name differs from that reading (武文赏 is Võ Văn Thưởng,
 * the reading is Vũ Văn Thưởng), the case says so and checks that
 * lsn_han_viet_match accepts the actual name.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <unicode/unorm2.h>
#include "lsn_int.h"

static const char *pinyin(const char *han)
{
	static char out[128];
	size_t n = lsn_han_pinyin_name(han, strlen(han), out, sizeof out);
	assert_int_equal(n, strlen(out));
	return out;
}

static const char *viet(const char *han)
{
	static char out[128];
	size_t n = lsn_han_viet_name(han, strlen(han), out, sizeof out);
	assert_int_equal(n, strlen(out));
	return out;
}

static uint32_t cp_of(const char *s)
{
	size_t i = 0;
	return lsn_utf8_next(s, strlen(s), &i);
}

/* ---- pinyin ---- */

static void test_pinyin_officials(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"陈吉宁", "Chen Jining"},
		{"龚正", "Gong Zheng"},
		{"李强", "Li Qiang"},
		{"习近平", "Xi Jinping"},
		{"王毅", "Wang Yi"},
		{"刘宁", "Liu Ning"},
		{"陈刚", "Chen Gang"},
		{"娄勤俭", "Lou Qinjian"},
		{"吴政隆", "Wu Zhenglong"},
		{"许昆林", "Xu Kunlin"},
		{"信长星", "Xin Changxing"},   /* 长 in a given name: chang (name_pinyin.tsv) */
		{"王宁", "Wang Ning"},
		{"王予波", "Wang Yubo"},
		{"蓝天立", "Lan Tianli"},
		{"韦韬", "Wei Tao"},
		{"鹿心社", "Lu Xinshe"},
		{"彭清华", "Peng Qinghua"},
		{"单霁翔", "Shan Jixiang"},    /* surname 单 Shan, not dān */
		{"解振华", "Xie Zhenhua"},     /* surname 解 Xie, not jiě */
		{"曾培炎", "Zeng Peiyan"},     /* surname 曾 Zeng, not céng */
		{"张小松", "Zhang Xiaosong"},
		{"方伟", "Fang Wei"},
		{"魏华祥", "Wei Huaxiang"},
		{"于绍良", "Yu Shaoliang"},
		{"朱芝松", "Zhu Zhisong"},
		{"何卫", "He Wei"},
		{"熊波", "Xiong Bo"},
		{"洪小勇", "Hong Xiaoyong"},
		{"赵乐际", "Zhao Leji"},       /* 乐 in a given name: le */
		{"胡锦涛", "Hu Jintao"},
		{"温家宝", "Wen Jiabao"},
		{"李克强", "Li Keqiang"},
		{"王沪宁", "Wang Huning"},
		{"丁薛祥", "Ding Xuexiang"},
		{"何立峰", "He Lifeng"},
		{"栗战书", "Li Zhanshu"},
		{"郭声琨", "Guo Shengkun"},
		{"孔铉佑", "Kong Xuanyou"},
		{"张德江", "Zhang Dejiang"},
		{"李长春", "Li Changchun"},
		{"陈敏尔", "Chen Min'er"},     /* apostrophe before a syllable opening with e */
		{"薄熙来", "Bo Xilai"},        /* surname 薄 Bo, not báo */
		{"翟志刚", "Zhai Zhigang"},    /* surname 翟 Zhai, not dí */
		{"仇和", "Qiu He"},            /* surname 仇 Qiu, not chóu */
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++)
		assert_string_equal(pinyin(cases[i][0]), cases[i][1]);
}

static void test_pinyin_compound_surnames(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"欧阳修", "Ouyang Xiu"},
		{"司马光", "Sima Guang"},
		{"诸葛亮", "Zhuge Liang"},
		{"上官婉儿", "Shangguan Wan'er"},
		{"长孙无忌", "Zhangsun Wuji"},   /* 长 here is zhang, in the surname */
		{"尉迟恭", "Yuchi Gong"},
		{"夏侯惇", "Xiahou Dun"},
		{"万俟卨", "Moqi Xie"},
		/* two characters are a surname and a given name, never one surname */
		{"东方", "Dong Fang"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++)
		assert_string_equal(pinyin(cases[i][0]), cases[i][1]);
}

static void test_pinyin_traditional(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"習近平", "Xi Jinping"},
		{"陳吉寧", "Chen Jining"},
		{"單霽翔", "Shan Jixiang"},   /* surname row found through 单 */
		{"歐陽修", "Ouyang Xiu"},
		{"趙樂際", "Zhao Leji"},
		{"信長星", "Xin Changxing"},  /* given-name row found through 长 */
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++)
		assert_string_equal(pinyin(cases[i][0]), cases[i][1]);
}

static void test_pinyin_reading(void **state)
{
	(void)state;
	char out[16];
	static const char *const cases[][2] = {
		{"陈", "chen"}, {"吕", "lu"}, /* ü written u: 吕 Lu, as lsn_fold makes Lü */
		{"女", "nu"}, {"长", "zhang"}, /* the first kMandarin reading, no override */
		{"单", "dan"}, {"習", "xi"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		size_t n = lsn_han_pinyin_reading(cp_of(cases[i][0]), out, sizeof out);
		assert_string_equal(out, cases[i][1]);
		assert_int_equal(n, strlen(cases[i][1]));
	}
	assert_int_equal(lsn_han_pinyin_reading('A', out, sizeof out), 0);
	assert_string_equal(out, "");
}

/* A Han character Unihan gives no Mandarin reading, found in the table. */
static uint32_t unreadable_han(void)
{
	char out[16];
	for (uint32_t cp = 0x4e00; cp < 0xa000; cp++)
		if (lsn_han_pinyin_reading(cp, out, sizeof out) == 0)
			return cp;
	return 0;
}

static void test_pinyin_rejects(void **state)
{
	(void)state;
	char out[64];
	memset(out, 'x', sizeof out);
	static const char *const bad[] = {
		"陈", "", "陈吉宁宁宁", "陈 吉宁", "陈Ji", "Chen Jining", "陈·吉宁",
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(bad); i++) {
		assert_int_equal(lsn_han_pinyin_name(bad[i], strlen(bad[i]), out, sizeof out), 0);
		assert_string_equal(out, "");
	}
	uint32_t cp = unreadable_han();
	assert_true(cp != 0);
	char name[16] = "陈";
	size_t n = strlen(name);
	n += (size_t)lsn_utf8_put(cp, name + n);
	name[n] = 0;
	assert_int_equal(lsn_han_pinyin_name(name, n, out, sizeof out), 0);
	assert_string_equal(out, "");
	/* too small a buffer: nothing rather than a truncated name */
	assert_int_equal(lsn_han_pinyin_name("陈吉宁", strlen("陈吉宁"), out, 8), 0);
	assert_string_equal(out, "");
	assert_int_equal(lsn_han_pinyin_name("陈吉宁", strlen("陈吉宁"), out, 12), 11);
	assert_string_equal(out, "Chen Jining");
	assert_int_equal(lsn_han_pinyin_name("陈吉宁", strlen("陈吉宁"), NULL, 0), 0);
}

/* ---- Sino-Vietnamese ---- */

static void test_viet_vietnamese_officials(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"阮春福", "Nguyễn Xuân Phúc"},
		{"阮氏金银", "Nguyễn Thị Kim Ngân"},
		{"宁成功", "Ninh Thành Công"},
		{"范明政", "Phạm Minh Chính"},
		{"苏林", "Tô Lâm"},
		{"阮富仲", "Nguyễn Phú Trọng"},
		{"梁强", "Lương Cường"},
		{"陈青敏", "Trần Thanh Mẫn"},
		{"王廷惠", "Vương Đình Huệ"},
		{"裴青山", "Bùi Thanh Sơn"},
		{"陈红河", "Trần Hồng Hà"},
		{"黎明慨", "Lê Minh Khái"},
		{"陈流光", "Trần Lưu Quang"},
		{"邓明魁", "Đặng Minh Khôi"},
		{"范清平", "Phạm Thanh Bình"},
		{"阮晋勇", "Nguyễn Tấn Dũng"},
		{"陈大光", "Trần Đại Quang"},
		{"阮善仁", "Nguyễn Thiện Nhân"},
		{"黄忠海", "Hoàng Trung Hải"},
		{"武德儋", "Vũ Đức Đam"},
		{"郑庭勇", "Trịnh Đình Dũng"},
		{"黎成龙", "Lê Thành Long"},
		{"阮和平", "Nguyễn Hòa Bình"},
		{"梅文政", "Mai Văn Chính"},
		{"潘文江", "Phan Văn Giang"},
		{"冯光青", "Phùng Quang Thanh"},
		{"阮德钟", "Nguyễn Đức Chung"},
		{"朱玉英", "Chu Ngọc Anh"},
		{"邓氏玉盛", "Đặng Thị Ngọc Thịnh"},
		{"范平明", "Phạm Bình Minh"},
		{"武文宁", "Vũ Văn Ninh"},
		{"吴春历", "Ngô Xuân Lịch"},
		{"丁进勇", "Đinh Tiến Dũng"},
		{"阮志勇", "Nguyễn Chí Dũng"},
		{"黎怀忠", "Lê Hoài Trung"},
		{"武辉煌", "Vũ Huy Hoàng"},
		{"陈俊英", "Trần Tuấn Anh"},
		{"梁三光", "Lương Tam Quang"},
		{"黎青海", "Lê Thanh Hải"},
		{"丁罗升", "Đinh La Thăng"},
		{"阮成峰", "Nguyễn Thành Phong"},
		{"范光毅", "Phạm Quang Nghị"},
		{"裴氏明怀", "Bùi Thị Minh Hoài"},
		{"阮生雄", "Nguyễn Sinh Hùng"},
		{"黎文成", "Lê Văn Thành"},
		{"阮鸿延", "Nguyễn Hồng Diên"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++)
		assert_string_equal(viet(cases[i][0]), cases[i][1]);
}

/* Names whose owner spells them otherwise than the reading of the characters
 * Chinese media write for them: the reading is the first one, the actual
 * name is accepted by lsn_han_viet_match. */
static void test_viet_actual_names(void **state)
{
	(void)state;
	static const char *const cases[][3] = {
		/* characters, reading, the person's name */
		{"武文赏", "Vũ Văn Thưởng", "Võ Văn Thưởng"},     /* 武 Võ in the south */
		{"阮文年", "Nguyễn Văn Niên", "Nguyễn Văn Nên"},  /* 年 written for its sound */
		{"陈士清", "Trần Sĩ Thanh", "Trần Sỹ Thanh"},     /* i/y spelling */
		{"范星梅", "Phạm Tinh Mai", "Phạm Sao Mai"},      /* 星 sao "star" */
		{"武氏映春", "Vũ Thị Ánh Xuân", "Võ Thị Ánh Xuân"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		const char *h = cases[i][0];
		assert_string_equal(viet(h), cases[i][1]);
		assert_true(lsn_han_viet_match(h, strlen(h), cases[i][1], strlen(cases[i][1])));
		assert_true(lsn_han_viet_match(h, strlen(h), cases[i][2], strlen(cases[i][2])));
	}
}

/* Chinese officials as Vietnamese media name them: the reading that links a
 * Chinese text's 陈吉宁 with a Vietnamese text's Trần Cát Ninh. */
static void test_viet_chinese_officials(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"陈吉宁", "Trần Cát Ninh"},
		{"习近平", "Tập Cận Bình"},
		{"李强", "Lý Cường"},
		{"王毅", "Vương Nghị"},
		{"赵乐际", "Triệu Lạc Tế"},
		{"龚正", "Cung Chính"},
		{"王沪宁", "Vương Hộ Ninh"},
		{"王岐山", "Vương Kỳ Sơn"},
		{"栗战书", "Lật Chiến Thư"},
		{"丁薛祥", "Đinh Tiết Tường"},
		{"蔡奇", "Thái Kỳ"},
		{"李希", "Lý Hy"},
		{"胡锦涛", "Hồ Cẩm Đào"},
		{"温家宝", "Ôn Gia Bảo"},
		{"李克强", "Lý Khắc Cường"},
		{"韩正", "Hàn Chính"},
		{"胡春华", "Hồ Xuân Hoa"},
		{"何立峰", "Hà Lập Phong"},
		{"刘宁", "Lưu Ninh"},
		{"王宁", "Vương Ninh"},
		{"鹿心社", "Lộc Tâm Xã"},
		{"彭清华", "Bành Thanh Hoa"},
		{"蓝天立", "Lam Thiên Lập"},
		{"韦韬", "Vi Thao"},
		{"信长星", "Tín Trường Tinh"},
		{"娄勤俭", "Lâu Cần Kiệm"},
		{"吴政隆", "Ngô Chính Long"},
		{"许昆林", "Hứa Côn Lâm"},
		{"郭声琨", "Quách Thanh Côn"},
		{"杨洁篪", "Dương Khiết Trì"},
		{"孔铉佑", "Khổng Huyễn Hựu"},
		{"黄坤明", "Hoàng Khôn Minh"},
		{"马兴瑞", "Mã Hưng Thụy"},
		{"张德江", "Trương Đức Giang"},
		{"汪洋", "Uông Dương"},
		{"曾培炎", "Tăng Bồi Viêm"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++)
		assert_string_equal(viet(cases[i][0]), cases[i][1]);
}

static void test_viet_traditional(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"陳吉寧", "Trần Cát Ninh"},   /* 寧: no Unihan reading; 宁's row (same Mandarin) */
		{"蘇林", "Tô Lâm"},            /* Unihan's 蘇 is the native word "to": 苏's row wins */
		{"龔正", "Cung Chính"},
		{"趙樂際", "Triệu Lạc Tế"},
		{"阮氏金銀", "Nguyễn Thị Kim Ngân"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++)
		assert_string_equal(viet(cases[i][0]), cases[i][1]);
}

/* The data row of hanviet_supplement.tsv for cp, or NULL: read from the
 * embedded blob directly, independently of hanread.c. */
static const char *supplement_row(uint32_t cp, size_t *len)
{
	for (size_t b = 0; b < lsn_nblobs; b++) {
		if (strcmp(lsn_blobs[b].name, "hanviet_supplement.tsv"))
			continue;
		const char *p = (const char *)lsn_blobs[b].data, *end = p + lsn_blobs[b].len;
		while (p < end) {
			const char *eol = memchr(p, '\n', (size_t)(end - p));
			if (!eol)
				eol = end;
			size_t i = 0;
			if (eol > p && *p != '#' && lsn_utf8_next(p, (size_t)(eol - p), &i) == cp &&
			    p[i] == '\t') {
				*len = (size_t)(eol - p);
				return p;
			}
			p = eol + 1;
		}
	}
	return NULL;
}

/* Simplified characters that have no kVietnamese reading of their own are
 * read through their traditional variant (kTraditionalVariant) by the
 * generator; none of these is in the supplement, so Unihan alone answers. */
static void test_viet_through_traditional_variant(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{"赏", "thưởng"},  /* 賞 */
		{"鸿", "hồng"},    /* 鴻 */
		{"辉", "huy"},     /* 輝 */
		{"俭", "kiệm"},    /* 儉 */
		{"战", "chiến"},   /* 戰 */
		{"书", "thư"},     /* 書 */
		{"凯", "khải"},    /* 凱 */
		{"顺", "thuận"},   /* 順 */
		{"华", "hoa"},     /* 華 */
		{"钱", "tiền"},    /* 錢, also in the supplement: the two agree */
	};
	char out[32];
	size_t len;
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		uint32_t cp = cp_of(cases[i][0]);
		if (i + 1 < LSN_ARRAY_LEN(cases))
			assert_null(supplement_row(cp, &len));
		lsn_han_viet_reading(cp, out, sizeof out);
		assert_string_equal(out, cases[i][1]);
	}
	/* 宁 is not such a character: Unihan gives it trữ, the reading of the old
	 * character 宁 (zhù), and gives 寧 no reading at all, so ninh comes from
	 * the supplement, for both forms. */
	assert_non_null(supplement_row(cp_of("宁"), &len));
	lsn_han_viet_reading(cp_of("宁"), out, sizeof out);
	assert_string_equal(out, "ninh");
	lsn_han_viet_reading(cp_of("寧"), out, sizeof out);
	assert_string_equal(out, "ninh");
}

static void test_viet_reading(void **state)
{
	(void)state;
	char out[32];
	static const char *const cases[][2] = {
		{"陈", "trần"}, {"陳", "trần"}, {"张", "trương"}, {"張", "trương"},
		/* Unihan lists a native word first: the reading that agrees with the
		 * Mandarin one is chosen (東 "hốc đông", 死 "phơi tử", 第 "nồng đệ") */
		{"東", "đông"}, {"死", "tử"}, {"第", "đệ"}, {"每", "mỗi"}, {"百", "bách"},
		{"和", "hòa"},  /* Unihan "hoà": tone mark as the press writes it */
		{"纪", "kỷ"},   /* Unihan 紀 "kỉ" */
		{"武", "vũ"}, {"黄", "hoàng"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		size_t n = lsn_han_viet_reading(cp_of(cases[i][0]), out, sizeof out);
		assert_string_equal(out, cases[i][1]);
		assert_int_equal(n, strlen(cases[i][1]));
	}
	assert_int_equal(lsn_han_viet_reading('a', out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(lsn_han_viet_reading(cp_of("陈"), out, 4), 0); /* "trần" is 5 bytes */
	assert_string_equal(out, "");
}

static void test_viet_rejects(void **state)
{
	(void)state;
	char out[64];
	static const char *const bad[] = {"阮", "阮氏金银金银", "阮 春福", "Nguyễn", ""};
	for (size_t i = 0; i < LSN_ARRAY_LEN(bad); i++) {
		assert_int_equal(lsn_han_viet_name(bad[i], strlen(bad[i]), out, sizeof out), 0);
		assert_string_equal(out, "");
	}
	/* 5 characters are allowed (long Vietnamese names) */
	assert_true(lsn_han_viet_name("阮氏金银明", strlen("阮氏金银明"), out, sizeof out) > 0);
	assert_string_equal(out, "Nguyễn Thị Kim Ngân Minh");
}

/* Calls fn on each data row (after the header line) of the embedded table
 * `name`, read directly from the blob, independently of hanread.c; returns
 * the number of rows. */
static int each_data_row(const char *name, void (*fn)(const char *line, size_t len))
{
	int rows = 0;
	for (size_t b = 0; b < lsn_nblobs; b++) {
		if (strcmp(lsn_blobs[b].name, name))
			continue;
		const char *p = (const char *)lsn_blobs[b].data, *end = p + lsn_blobs[b].len;
		int header = 1;
		for (; p < end; p++) {
			const char *eol = memchr(p, '\n', (size_t)(end - p));
			if (!eol)
				eol = end;
			if (eol > p && *p != '#' && !header) {
				fn(p, (size_t)(eol - p));
				rows++;
			} else if (eol > p && *p != '#') {
				header = 0;
			}
			p = eol;
		}
	}
	return rows;
}

static void check_supplement_row(const char *p, size_t len)
{
	size_t i = 0;
	uint32_t cp = lsn_utf8_next(p, len, &i);
	assert_true(lsn_is_han(cp));
	assert_int_equal(p[i], '\t');
	const char *v = p + i + 1;
	size_t vl = strcspn(v, "|\t\n");
	char want[32], got[32];
	assert_true(vl < sizeof want);
	memcpy(want, v, vl);
	want[vl] = 0;
	lsn_han_viet_reading(cp, got, sizeof got);
	assert_string_equal(got, want);
}

/* Every row of the supplement wins over Unihan (and was parsed). */
static void test_supplement_rows(void **state)
{
	(void)state;
	assert_true(each_data_row("hanviet_supplement.tsv", check_supplement_row) > 150);
}

/* A surname row read before the given name 明, a given-name row after the
 * surname 王: "单明" -> "Shan Ming", "王长" -> "Wang Chang". */
static void check_name_pinyin_row(const char *p, size_t len)
{
	char line[256], name[32], want[64];
	assert_true(len < sizeof line);
	memcpy(line, p, len);
	line[len] = 0;
	char *han = strtok(line, "\t"), *py = strtok(NULL, "\t"), *part = strtok(NULL, "\t");
	assert_non_null(part);
	py[0] = (char)(py[0] - 'a' + 'A');
	if (!strcmp(part, "surname")) {
		snprintf(name, sizeof name, "%s明", han);
		snprintf(want, sizeof want, "%s Ming", py);
	} else {
		assert_string_equal(part, "given");
		snprintf(name, sizeof name, "王%s", han);
		snprintf(want, sizeof want, "Wang %s", py);
	}
	assert_string_equal(pinyin(name), want);
}

/* Every surname and given-name row of name_pinyin.tsv is used. */
static void test_name_pinyin_rows(void **state)
{
	(void)state;
	assert_true(each_data_row("name_pinyin.tsv", check_name_pinyin_row) > 30);
}

/* Readings are NFC, lower case, in the press's spelling (hòa not hoà, lý not
 * lí), for every character of the generated table. */
static void test_readings_well_formed(void **state)
{
	(void)state;
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	assert_false(U_FAILURE(err));
	static const char *const bad_ends[] = {"oà", "oá", "oả", "oã", "oạ", "oè", "oé", "oẻ",
					       "oẽ", "oẹ", "uỳ", "uý", "uỷ", "uỹ", "uỵ"};
	size_t nvi = 0;
	for (size_t k = 0; k < lsn_han_ntab; k++) {
		uint32_t cp = lsn_han_tab[k].cp;
		char out[64];
		size_t n = lsn_han_viet_reading(cp, out, sizeof out);
		if (!n)
			continue;
		nvi++;
		UChar u[64];
		int32_t ul;
		err = U_ZERO_ERROR;
		u_strFromUTF8(u, 64, &ul, out, (int32_t)n, &err);
		assert_false(U_FAILURE(err));
		err = U_ZERO_ERROR;
		assert_true(unorm2_isNormalized(nfc, u, ul, &err));
		for (size_t i = 0; i < n; i++)
			assert_false(out[i] >= 'A' && out[i] <= 'Z');
		for (size_t b = 0; b < LSN_ARRAY_LEN(bad_ends); b++) {
			size_t bl = strlen(bad_ends[b]);
			if (n >= bl && !strcmp(out + n - bl, bad_ends[b]))
				assert_true(n > bl && out[n - bl - 1] == 'q'); /* quý */
		}
		/* lí, kỉ, hi: spelt with y */
		size_t i = 0;
		uint32_t c0 = lsn_utf8_next(out, n, &i), c1 = i < n ? lsn_utf8_next(out, n, &i) : 0;
		if (i == n && c0 < 0x80 && strchr("hklmt", (int)c0))
			assert_false(c1 == 'i' || c1 == 0xec || c1 == 0xed || c1 == 0x1ec9 ||
				     c1 == 0x129 || c1 == 0x1ecb);
		char py[16];
		if (lsn_han_pinyin_reading(cp, py, sizeof py))
			for (const char *c = py; *c; c++)
				assert_true(*c >= 'a' && *c <= 'z');
	}
	assert_true(nvi > 9000);
	assert_true(lsn_han_ntab > 40000);
}

/* ---- linking across scripts ---- */

static void test_name_key(void **state)
{
	(void)state;
	char out[64];
	size_t n = lsn_han_viet_name("陈吉宁", strlen("陈吉宁"), out, sizeof out);
	uint64_t k = lsn_viet_name_key(out, n);
	assert_true(k != 0);
	static const char *const same[] = {
		"Trần Cát Ninh", "TRẦN CÁT NINH", "  Trần\tCát  Ninh ", "Tran Cat Ninh",
		"Tra\xcc\x82\xcc\x80n Ca\xcc\x81t Ninh", /* NFD */
		"Trần\xc2\xa0" "Cát Ninh",                 /* no-break space */
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(same); i++)
		assert_true(lsn_viet_name_key(same[i], strlen(same[i])) == k);
	assert_true(k == lsn_fold_hash("Trần Cát Ninh", strlen("Trần Cát Ninh")));
	static const char *const other[] = {"Trần Cát Minh", "TrầnCát Ninh", "Trần Cát"};
	for (size_t i = 0; i < LSN_ARRAY_LEN(other); i++)
		assert_true(lsn_viet_name_key(other[i], strlen(other[i])) != k);
	assert_true(lsn_viet_name_key("", 0) == 0);
	assert_true(lsn_viet_name_key("  ", 2) == 0);
	char longname[400];
	memset(longname, 'a', sizeof longname);
	assert_true(lsn_viet_name_key(longname, sizeof longname) == 0);
}

static void test_viet_match(void **state)
{
	(void)state;
	static const struct {
		const char *han, *viet;
		int want;
	} cases[] = {
		{"陈吉宁", "Trần Cát Ninh", 1},
		{"陈吉宁", "tran cat ninh", 1},
		{"陈吉宁", " Trần  Cát Ninh ", 1},
		{"陈吉宁", "Trần Cát", 0},
		{"陈吉宁", "Trần Cát Ninh Bình", 0},
		{"陈吉宁", "Trần Cát Minh", 0},
		{"黄忠海", "Huỳnh Trung Hải", 1},
		{"周星驰", "Châu Tinh Trì", 1},
		{"阮春福", "Nguyễn Xuân Phước", 1},
		{"阮春福", "Nguyễn Xuân Phó", 0},
		{"陈X", "Trần X", 0},
		{"", "", 0},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++)
		assert_int_equal(lsn_han_viet_match(cases[i].han, strlen(cases[i].han),
						    cases[i].viet, strlen(cases[i].viet)),
				 cases[i].want);
}

/* lsn_han_viet_spell: each character spelled with the reading the Latin name
 * gives, with or without its diacritics; nothing when it is not their reading. */
static void test_viet_spell(void **state)
{
	(void)state;
	static const struct {
		const char *han, *viet, *want;
	} cases[] = {
		{"黄明强", "Huynh Minh Cuong", "Huỳnh Minh Cường"},
		{"黄明强", "Hoàng Minh Cường", "Hoàng Minh Cường"},
		{"武文成", "vo van thanh", "Võ Văn Thành"},
		{"武文成", "Vũ Văn Thành", "Vũ Văn Thành"},
		{"武文成", "Vũ Văn", ""},
		{"武文成", "Lê Văn Thành", ""},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		char out[64];
		size_t n = lsn_han_viet_spell(cases[i].han, strlen(cases[i].han), cases[i].viet,
					      strlen(cases[i].viet), out, sizeof out);
		assert_string_equal(out, cases[i].want);
		assert_int_equal(n, strlen(cases[i].want));
	}
}

/* The embedded tables are indexed once; first calls may race. */
static void *reader(void *arg)
{
	char out[64];
	int *ok = arg;
	*ok = lsn_han_viet_name("阮春福", strlen("阮春福"), out, sizeof out) > 0 &&
	      !strcmp(out, "Nguyễn Xuân Phúc") &&
	      lsn_han_pinyin_name("单霁翔", strlen("单霁翔"), out, sizeof out) > 0 &&
	      !strcmp(out, "Shan Jixiang");
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t t[8];
	int ok[8] = {0};
	for (int i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&t[i], NULL, reader, &ok[i]), 0);
	for (int i = 0; i < 8; i++) {
		pthread_join(t[i], NULL);
		assert_true(ok[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads), /* first, while the tables are not indexed */
		cmocka_unit_test(test_pinyin_officials),
		cmocka_unit_test(test_pinyin_compound_surnames),
		cmocka_unit_test(test_pinyin_traditional),
		cmocka_unit_test(test_pinyin_reading),
		cmocka_unit_test(test_pinyin_rejects),
		cmocka_unit_test(test_viet_vietnamese_officials),
		cmocka_unit_test(test_viet_actual_names),
		cmocka_unit_test(test_viet_chinese_officials),
		cmocka_unit_test(test_viet_traditional),
		cmocka_unit_test(test_viet_through_traditional_variant),
		cmocka_unit_test(test_viet_reading),
		cmocka_unit_test(test_viet_rejects),
		cmocka_unit_test(test_supplement_rows),
		cmocka_unit_test(test_name_pinyin_rows),
		cmocka_unit_test(test_readings_well_formed),
		cmocka_unit_test(test_name_key),
		cmocka_unit_test(test_viet_match),
		cmocka_unit_test(test_viet_spell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
