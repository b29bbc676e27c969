#!/usr/bin/env python3
"""Generate a synthetic news corpus for benchmarking `liaison extract`.

Writes one UTF-8 text file per document (about 2-8 KB each) into subfolders of 1000
files, until the corpus holds --mb megabytes (1 MB = 1,000,000 bytes). Documents are
built by recombining sentence templates in the style of samples/: wire reports about
China-Vietnam sub-national meetings, with made-up names, real place names, titles,
dates, figures and cooperation fields, plus the debris of scraped pages (image
markdown, repeated captions, duplicated paragraphs, related-news blocks, outlet
signatures).

The output depends only on --seed, --lang and the document number, so the same
arguments give byte-identical corpora, and a smaller corpus is a prefix of a larger
one. Python 3 standard library only.

    bench/gen-corpus.py --mb 100 --lang mixed --out bench/out/mixed-100mb --seed 1
"""

import argparse
import os
import random
import sys
import time
import unicodedata
from datetime import date, timedelta

# --------------------------------------------------------------------------- names
# Chinese surnames: (pinyin, characters, Hán-Việt reading used by Vietnamese media)
CN_SURNAMES = [
    ("Zhao", "赵", "Triệu"), ("Wang", "王", "Vương"), ("Li", "李", "Lý"),
    ("Zhang", "张", "Trương"), ("Liu", "刘", "Lưu"), ("Chen", "陈", "Trần"),
    ("Yang", "杨", "Dương"), ("Huang", "黄", "Hoàng"), ("Zhou", "周", "Chu"),
    ("Wu", "吴", "Ngô"), ("Xu", "徐", "Từ"), ("Sun", "孙", "Tôn"), ("Ma", "马", "Mã"),
    ("Hu", "胡", "Hồ"), ("Guo", "郭", "Quách"), ("He", "何", "Hà"), ("Lin", "林", "Lâm"),
    ("Luo", "罗", "La"), ("Gao", "高", "Cao"), ("Liang", "梁", "Lương"),
    ("Zheng", "郑", "Trịnh"), ("Xie", "谢", "Tạ"), ("Wei", "韦", "Vi"),
    ("Meng", "蒙", "Mông"), ("Lu", "陆", "Lục"), ("Deng", "邓", "Đặng"),
    ("Feng", "冯", "Phùng"), ("Zeng", "曾", "Tăng"), ("Peng", "彭", "Bành"),
    ("Tang", "唐", "Đường"), ("Jiang", "蒋", "Tưởng"), ("Pan", "潘", "Phan"),
    ("Su", "苏", "Tô"), ("Fan", "范", "Phạm"), ("Qin", "覃", "Đàm"), ("Nong", "农", "Nông"),
]
# given-name syllables: (pinyin, character, Hán-Việt)
CN_GIVEN_M = [
    ("ming", "明", "Minh"), ("hui", "辉", "Huy"), ("jian", "建", "Kiến"),
    ("ping", "平", "Bình"), ("guo", "国", "Quốc"), ("qiang", "强", "Cường"),
    ("zhi", "志", "Chí"), ("jun", "军", "Quân"), ("dong", "东", "Đông"),
    ("qing", "庆", "Khánh"), ("wei", "伟", "Vĩ"), ("xin", "新", "Tân"),
    ("feng", "峰", "Phong"), ("tao", "涛", "Đào"), ("hong", "宏", "Hoành"),
    ("de", "德", "Đức"), ("cheng", "成", "Thành"), ("rong", "荣", "Vinh"),
    ("guang", "光", "Quang"), ("li", "立", "Lập"), ("yong", "永", "Vĩnh"),
    ("zhen", "振", "Chấn"), ("xing", "兴", "Hưng"), ("wen", "文", "Văn"),
    ("hai", "海", "Hải"), ("hua", "华", "Hoa"), ("chun", "春", "Xuân"),
    ("lin", "林", "Lâm"), ("jin", "金", "Kim"), ("yun", "云", "Vân"),
    ("tian", "天", "Thiên"), ("an", "安", "An"), ("bin", "斌", "Bân"),
    ("kai", "凯", "Khải"), ("yi", "毅", "Nghị"), ("hao", "浩", "Hạo"),
]
CN_GIVEN_F = [
    ("li", "丽", "Lệ"), ("juan", "娟", "Quyên"), ("yan", "燕", "Yến"),
    ("hong", "红", "Hồng"), ("yu", "玉", "Ngọc"), ("xia", "霞", "Hà"),
    ("fang", "芳", "Phương"), ("jing", "静", "Tĩnh"), ("ting", "婷", "Đình"),
    ("mei", "梅", "Mai"), ("lan", "兰", "Lan"), ("xiu", "秀", "Tú"),
    ("xiao", "晓", "Hiểu"), ("xue", "雪", "Tuyết"), ("hai", "海", "Hải"),
    ("hua", "华", "Hoa"), ("chun", "春", "Xuân"), ("qing", "青", "Thanh"),
    ("min", "敏", "Mẫn"), ("ying", "英", "Anh"), ("wen", "文", "Văn"),
]
# Vietnamese: (spelling with diacritics, character used by Chinese media)
VN_SURNAMES = [
    ("Nguyễn", "阮"), ("Nguyễn", "阮"), ("Nguyễn", "阮"), ("Trần", "陈"), ("Trần", "陈"),
    ("Lê", "黎"), ("Lê", "黎"), ("Phạm", "范"), ("Hoàng", "黄"), ("Huỳnh", "黄"),
    ("Phan", "潘"), ("Vũ", "武"), ("Võ", "武"), ("Đặng", "邓"), ("Bùi", "裴"),
    ("Đỗ", "杜"), ("Hồ", "胡"), ("Ngô", "吴"), ("Dương", "杨"), ("Lý", "李"),
    ("Đinh", "丁"), ("Trịnh", "郑"), ("Mai", "梅"), ("Lương", "梁"), ("Tạ", "谢"),
    ("Vương", "王"), ("Cao", "高"), ("Hà", "何"), ("Đào", "陶"), ("Lâm", "林"),
]
VN_MIDDLE_M = [("Văn", "文"), ("Văn", "文"), ("Đức", "德"), ("Minh", "明"),
               ("Quốc", "国"), ("Hữu", "有"), ("Thanh", "清"), ("Xuân", "春"),
               ("Ngọc", "玉"), ("Công", "公"), ("Trọng", "重"), ("Mạnh", "孟"),
               ("Tiến", "进"), ("Hoàng", "黄"), ("Anh", "英")]
VN_MIDDLE_F = [("Thị", "氏"), ("Thị", "氏"), ("Thu", "秋"), ("Thanh", "清"),
               ("Ngọc", "玉"), ("Minh", "明"), ("Hồng", "红"), ("Kim", "金"),
               ("Thúy", "翠"), ("Phương", "芳")]
VN_GIVEN_M = [("Hùng", "雄"), ("Tuấn", "俊"), ("Bảo", "宝"), ("Thắng", "胜"),
              ("Dũng", "勇"), ("Cường", "强"), ("Sơn", "山"), ("Hải", "海"),
              ("Long", "龙"), ("Nam", "南"), ("Phong", "峰"), ("Quang", "光"),
              ("Trung", "忠"), ("Việt", "越"), ("Hiếu", "孝"), ("Nghĩa", "义"),
              ("Thành", "成"), ("Bình", "平"), ("Khánh", "庆"), ("Hòa", "和"),
              ("Đông", "东"), ("Tâm", "心"), ("Phúc", "福"), ("Lợi", "利"),
              ("Hưng", "兴"), ("Kiên", "坚"), ("Toàn", "全"), ("Quý", "贵"),
              ("Thịnh", "盛"), ("Vinh", "荣"), ("Đạt", "达"), ("Hiển", "显")]
VN_GIVEN_F = [("Mai", "梅"), ("Hà", "河"), ("Lan", "兰"), ("Hương", "香"),
              ("Thủy", "水"), ("Yến", "燕"), ("Hoa", "花"), ("Hằng", "姮"),
              ("Nga", "娥"), ("Linh", "玲"), ("Phương", "芳"), ("Hạnh", "幸"),
              ("Thảo", "草"), ("Vân", "云"), ("Nhung", "绒"), ("Quyên", "娟")]

# made-up reporter/editor names for bylines and signatures (not participants)
ZH_STAFF = ["李文涛", "王晓燕", "张海宁", "刘思远", "黄燕玲", "周凯", "陈茜", "杨帆", "吴昊", "郭佳"]
VI_STAFF = ["Minh Anh", "Thu Trang", "Quang Vinh", "Hải Yến", "Đức Trung", "Ngọc Mai", "Văn Toàn"]


def strip_diacritics(s):
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s)
                   if unicodedata.category(c) != "Mn")


def pinyin_given(a, b):
    if b[0] in "aoe":
        return (a + "'" + b).capitalize()
    return (a + b).capitalize()


def cn_person(rng):
    female = rng.random() < 0.22
    sur = rng.choice(CN_SURNAMES)
    pool = CN_GIVEN_F if female else CN_GIVEN_M
    g = [rng.choice(pool)]
    if rng.random() < 0.85:
        g.append(rng.choice(pool))
    if len(g) == 2:
        given_py = pinyin_given(g[0][0], g[1][0])
    else:
        given_py = g[0][0].capitalize()
    zh = sur[1] + "".join(x[1] for x in g)
    vi = " ".join([sur[2]] + [x[2] for x in g])
    return {
        "side": "CN", "female": female,
        "en": sur[0] + " " + given_py, "en_short": sur[0],
        "zh": zh, "zh_short": zh,
        "vi": vi, "vi_short": ("bà " if female else "ông ") + vi,
    }


def vn_person(rng, plain_en):
    female = rng.random() < 0.25
    sur = rng.choice(VN_SURNAMES)
    mid = rng.choice(VN_MIDDLE_F if female else VN_MIDDLE_M)
    giv = rng.choice(VN_GIVEN_F if female else VN_GIVEN_M)
    while giv[0] == mid[0]:
        giv = rng.choice(VN_GIVEN_F if female else VN_GIVEN_M)
    parts = [sur, mid, giv]
    if rng.random() < 0.2:  # four-syllable names
        extra = rng.choice(VN_MIDDLE_M[2:] if not female else VN_MIDDLE_F[2:])
        if extra[0] not in (mid[0], giv[0]):
            parts.insert(2, extra)
    vi = " ".join(p[0] for p in parts)
    en = strip_diacritics(vi) if plain_en else vi
    return {
        "side": "VN", "female": female,
        "en": en, "en_short": en.split()[-1],
        "zh": "".join(p[1] for p in parts), "zh_short": "".join(p[1] for p in parts),
        "vi": vi, "vi_short": ("bà " if female else "ông ") + giv[0],
    }


# --------------------------------------------------------------------------- places
# Chinese provincial-level units: en, en_full, zh, zh_full, vi, vi_full, kind, cities
# cities: (en, zh with suffix, vi)
CN_PLACES = [
    ("Guangxi", "Guangxi Zhuang Autonomous Region", "广西", "广西壮族自治区", "Quảng Tây",
     "Khu tự trị dân tộc Choang Quảng Tây", "region",
     [("Nanning", "南宁市", "Nam Ninh"), ("Fangchenggang", "防城港市", "Phòng Thành Cảng"),
      ("Chongzuo", "崇左市", "Sùng Tả"), ("Qinzhou", "钦州市", "Khâm Châu"),
      ("Beihai", "北海市", "Bắc Hải"), ("Guilin", "桂林市", "Quế Lâm"),
      ("Baise", "百色市", "Bách Sắc"), ("Dongxing", "东兴市", "Đông Hưng"),
      ("Pingxiang", "凭祥市", "Bằng Tường")]),
    ("Yunnan", "Yunnan Province", "云南", "云南省", "Vân Nam", "tỉnh Vân Nam", "province",
     [("Kunming", "昆明市", "Côn Minh"), ("Yuxi", "玉溪市", "Ngọc Khê"),
      ("Qujing", "曲靖市", "Khúc Tĩnh"), ("Lijiang", "丽江市", "Lệ Giang")]),
    ("Guangdong", "Guangdong Province", "广东", "广东省", "Quảng Đông", "tỉnh Quảng Đông",
     "province",
     [("Guangzhou", "广州市", "Quảng Châu"), ("Shenzhen", "深圳市", "Thâm Quyến"),
      ("Zhanjiang", "湛江市", "Trạm Giang"), ("Dongguan", "东莞市", "Đông Hoản"),
      ("Foshan", "佛山市", "Phật Sơn")]),
    ("Hainan", "Hainan Province", "海南", "海南省", "Hải Nam", "tỉnh Hải Nam", "province",
     [("Haikou", "海口市", "Hải Khẩu"), ("Sanya", "三亚市", "Tam Á")]),
    ("Jiangsu", "Jiangsu Province", "江苏", "江苏省", "Giang Tô", "tỉnh Giang Tô", "province",
     [("Nanjing", "南京市", "Nam Kinh"), ("Suzhou", "苏州市", "Tô Châu"),
      ("Wuxi", "无锡市", "Vô Tích")]),
    ("Zhejiang", "Zhejiang Province", "浙江", "浙江省", "Chiết Giang", "tỉnh Chiết Giang",
     "province",
     [("Hangzhou", "杭州市", "Hàng Châu"), ("Ningbo", "宁波市", "Ninh Ba"),
      ("Yiwu", "义乌市", "Nghĩa Ô")]),
    ("Fujian", "Fujian Province", "福建", "福建省", "Phúc Kiến", "tỉnh Phúc Kiến", "province",
     [("Fuzhou", "福州市", "Phúc Châu"), ("Xiamen", "厦门市", "Hạ Môn")]),
    ("Sichuan", "Sichuan Province", "四川", "四川省", "Tứ Xuyên", "tỉnh Tứ Xuyên", "province",
     [("Chengdu", "成都市", "Thành Đô")]),
    ("Hunan", "Hunan Province", "湖南", "湖南省", "Hồ Nam", "tỉnh Hồ Nam", "province",
     [("Changsha", "长沙市", "Trường Sa")]),
    ("Guizhou", "Guizhou Province", "贵州", "贵州省", "Quý Châu", "tỉnh Quý Châu", "province",
     [("Guiyang", "贵阳市", "Quý Dương")]),
    ("Hubei", "Hubei Province", "湖北", "湖北省", "Hồ Bắc", "tỉnh Hồ Bắc", "province",
     [("Wuhan", "武汉市", "Vũ Hán")]),
    ("Shandong", "Shandong Province", "山东", "山东省", "Sơn Đông", "tỉnh Sơn Đông", "province",
     [("Jinan", "济南市", "Tế Nam"), ("Qingdao", "青岛市", "Thanh Đảo")]),
    ("Shanghai", "Shanghai", "上海", "上海市", "Thượng Hải", "thành phố Thượng Hải",
     "municipality", [("Shanghai", "上海市", "Thượng Hải")]),
    ("Chongqing", "Chongqing", "重庆", "重庆市", "Trùng Khánh", "thành phố Trùng Khánh",
     "municipality", [("Chongqing", "重庆市", "Trùng Khánh")]),
    ("Tianjin", "Tianjin", "天津", "天津市", "Thiên Tân", "thành phố Thiên Tân",
     "municipality", [("Tianjin", "天津市", "Thiên Tân")]),
]
# weights: the border regions and big partners come up more often
CN_WEIGHTS = [8, 6, 4, 2, 2, 2, 1, 1, 1, 1, 1, 1, 3, 1, 1]

# Vietnamese provinces and centrally-run cities: en, vi, zh (without 省/市), kind, towns
VN_PLACES = [
    ("Hanoi", "Hà Nội", "河内", "city", []),
    ("Ho Chi Minh City", "Hồ Chí Minh", "胡志明", "city", []),
    ("Hai Phong", "Hải Phòng", "海防", "city", []),
    ("Da Nang", "Đà Nẵng", "岘港", "city", []),
    ("Can Tho", "Cần Thơ", "芹苴", "city", []),
    ("Quang Ninh", "Quảng Ninh", "广宁", "province",
     [("Ha Long", "下龙市", "Hạ Long"), ("Mong Cai", "芒街市", "Móng Cái")]),
    ("Lang Son", "Lạng Sơn", "谅山", "province", [("Lang Son", "谅山市", "Lạng Sơn")]),
    ("Cao Bang", "Cao Bằng", "高平", "province", [("Cao Bang", "高平市", "Cao Bằng")]),
    ("Ha Giang", "Hà Giang", "河江", "province", [("Ha Giang", "河江市", "Hà Giang")]),
    ("Lao Cai", "Lào Cai", "老街", "province", [("Lao Cai", "老街市", "Lào Cai"),
                                              ("Sa Pa", "沙坝市", "Sa Pa")]),
    ("Lai Chau", "Lai Châu", "莱州", "province", []),
    ("Dien Bien", "Điện Biên", "奠边", "province", [("Dien Bien Phu", "奠边府市", "Điện Biên Phủ")]),
    ("Bac Ninh", "Bắc Ninh", "北宁", "province", []),
    ("Bac Giang", "Bắc Giang", "北江", "province", []),
    ("Thai Nguyen", "Thái Nguyên", "太原", "province", []),
    ("Nghe An", "Nghệ An", "乂安", "province", [("Vinh", "荣市", "Vinh")]),
    ("Thanh Hoa", "Thanh Hóa", "清化", "province", []),
    ("Khanh Hoa", "Khánh Hòa", "庆和", "province", [("Nha Trang", "芽庄市", "Nha Trang")]),
    ("Binh Duong", "Bình Dương", "平阳", "province", []),
    ("Dong Nai", "Đồng Nai", "同奈", "province", []),
    ("Quang Ngai", "Quảng Ngãi", "广义", "province", []),
    ("Hai Duong", "Hải Dương", "海阳", "province", []),
    ("Kien Giang", "Kiên Giang", "坚江", "province", [("Phu Quoc", "富国市", "Phú Quốc")]),
    ("Lam Dong", "Lâm Đồng", "林同", "province", [("Da Lat", "大叻市", "Đà Lạt")]),
    ("Ninh Binh", "Ninh Bình", "宁平", "province", []),
]
VN_WEIGHTS = [4, 4, 4, 2, 1, 6, 5, 3, 3, 5, 1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]

# border gate pairs: CN unit, VN unit, en, zh, vi
GATES = [
    ("Guangxi", "Quang Ninh", "Mong Cai–Dongxing", "东兴—芒街", "Móng Cái – Đông Hưng"),
    ("Guangxi", "Lang Son", "Huu Nghi–Youyiguan", "友谊关—友谊", "Hữu Nghị – Hữu Nghị Quan"),
    ("Guangxi", "Cao Bang", "Ta Lung–Shuikou", "水口—驮隆", "Tà Lùng – Thủy Khẩu"),
    ("Yunnan", "Lao Cai", "Lao Cai–Hekou", "河口—老街", "Lào Cai – Hà Khẩu"),
    ("Yunnan", "Ha Giang", "Thanh Thuy–Tianbao", "天保—清水", "Thanh Thủy – Thiên Bảo"),
]

# Vietnamese consulates general in China, Chinese ones in Vietnam: en, zh, vi
VN_CONSULATES = [("Guangzhou", "广州", "Quảng Châu"), ("Kunming", "昆明", "Côn Minh"),
                 ("Nanning", "南宁", "Nam Ninh"), ("Shanghai", "上海", "Thượng Hải"),
                 ("Chongqing", "重庆", "Trùng Khánh"), ("Hong Kong", "香港", "Hồng Kông")]
CN_CONSULATES = [("Ho Chi Minh City", "胡志明市", "TP.HCM"), ("Da Nang", "岘港", "Đà Nẵng")]

# --------------------------------------------------------------------------- titles
# {P} English name, {PF} full English name; {Z} Chinese short, {ZF} Chinese full;
# {V} Vietnamese name, {VF} Vietnamese full name.
CN_TITLES = {
    "province": (
        ["Vice Governor of {P} Province", "Governor of {P} Province",
         "Secretary of the CPC {P} Provincial Committee",
         "Director of the {P} Provincial Department of Commerce",
         "Vice Chairman of the {P} Provincial Committee of the CPPCC", "{P} Vice Governor"],
        ["{Z}省副省长", "{Z}省省长", "{Z}省委书记", "{Z}省商务厅厅长", "{Z}省政协副主席", "{Z}省副省长"],
        ["Phó Tỉnh trưởng tỉnh {V}", "Tỉnh trưởng tỉnh {V}", "Bí thư Tỉnh ủy {V}",
         "Giám đốc Sở Thương mại tỉnh {V}", "Phó Chủ tịch Chính hiệp tỉnh {V}",
         "Phó Tỉnh trưởng Chính phủ nhân dân tỉnh {V}"]),
    "region": (
        ["Vice Chairman of the {PF} Government", "Chairman of the {PF}",
         "Secretary of the CPC {P} Zhuang Autonomous Regional Committee",
         "Director of the {P} Department of Commerce",
         "Vice Chairman of the {P} Regional Committee of the CPPCC", "{P} Vice Chairman"],
        ["{ZF}副主席", "{ZF}主席", "{ZF}党委书记", "{ZF}商务厅厅长", "{ZF}政协副主席",
         "{ZF}人民政府副主席"],
        ["Phó Chủ tịch Chính phủ {VF}", "Chủ tịch Chính phủ {VF}", "Bí thư Khu ủy {VF}",
         "Giám đốc Sở Thương mại {VF}", "Phó Chủ tịch Chính hiệp {VF}",
         "Phó Chủ tịch Khu tự trị {V}"]),
    "municipality": (
        ["Vice Mayor of {P}", "Mayor of {P}", "Secretary of the CPC {P} Municipal Committee",
         "Director of the {P} Municipal Commission of Commerce", "{P} Vice Mayor",
         "{P} Mayor"],
        ["{Z}市副市长", "{Z}市市长", "{Z}市委书记", "{Z}市商务委员会主任", "{Z}市副市长",
         "{Z}市人民政府副市长"],
        ["Phó Thị trưởng thành phố {V}", "Thị trưởng thành phố {V}", "Bí thư Thành ủy {V}",
         "Chủ nhiệm Ủy ban Thương mại thành phố {V}", "Phó Thị trưởng {V}",
         "Thị trưởng {V}"]),
}
CN_CITY_TITLES = (
    ["Mayor of {C}", "Vice Mayor of {C}", "Party Secretary of {C}", "{C} Vice Mayor"],
    ["{ZC}市长", "{ZC}副市长", "{ZC}委书记", "{ZC}人民政府副市长"],
    ["Thị trưởng thành phố {VC}", "Phó Thị trưởng thành phố {VC}", "Bí thư Thành ủy {VC}",
     "Phó Thị trưởng {VC}"])
VN_TITLES = {
    "province": (
        ["Chairman of the {P} Provincial People's Committee",
         "Vice Chairman of the {P} Provincial People's Committee",
         "Secretary of the {P} Provincial Party Committee",
         "Deputy Secretary of the {P} Provincial Party Committee",
         "Director of the {P} Department of Industry and Trade",
         "Chairman of the {P} Provincial People's Council"],
        ["越南{Z}省人民委员会主席", "{Z}省人民委员会副主席", "{Z}省委书记", "{Z}省委副书记",
         "{Z}省工贸厅厅长", "{Z}省人民议会主席"],
        ["Chủ tịch UBND tỉnh {V}", "Phó Chủ tịch UBND tỉnh {V}", "Bí thư Tỉnh ủy {V}",
         "Phó Bí thư Tỉnh ủy {V}", "Giám đốc Sở Công Thương tỉnh {V}",
         "Chủ tịch HĐND tỉnh {V}"]),
    "city": (
        ["Chairman of the {P} People's Committee",
         "Vice Chairman of the {P} municipal People's Committee",
         "Secretary of the {P} Party Committee", "Deputy Secretary of the {P} Party Committee",
         "Director of the {P} Department of Industry and Trade",
         "Chairman of the {P} People's Council"],
        ["越南{Z}市人民委员会主席", "{Z}市人民委员会副主席", "{Z}市委书记", "{Z}市委副书记",
         "{Z}市工贸厅厅长", "{Z}市人民议会主席"],
        ["Chủ tịch UBND TP {V}", "Phó Chủ tịch UBND thành phố {V}", "Bí thư Thành ủy {V}",
         "Phó Bí thư Thành ủy {V}", "Giám đốc Sở Công Thương TP {V}",
         "Chủ tịch HĐND thành phố {V}"]),
}

# --------------------------------------------------------------------------- words
FIELDS = {
    "en": ["trade", "investment", "logistics", "tourism", "education", "culture",
           "agriculture", "healthcare", "transport", "energy", "e-commerce", "finance",
           "digital economy", "manufacturing", "border gate infrastructure",
           "vocational training", "science and technology", "environmental protection",
           "people-to-people exchanges", "seaports"],
    "zh": ["贸易", "投资", "物流", "旅游", "教育", "文化", "农业", "卫生", "交通", "能源",
           "跨境电商", "金融", "数字经济", "制造业", "口岸基础设施", "职业教育", "科技",
           "环境保护", "人文交流", "港口"],
    "vi": ["thương mại", "đầu tư", "logistics", "du lịch", "giáo dục", "văn hóa",
           "nông nghiệp", "y tế", "giao thông", "năng lượng", "thương mại điện tử",
           "tài chính", "kinh tế số", "công nghiệp chế biến, chế tạo", "hạ tầng cửa khẩu",
           "đào tạo nghề", "khoa học công nghệ", "bảo vệ môi trường", "giao lưu nhân dân",
           "cảng biển"],
}
ACTIONS = {
    "en": ["open more container shipping routes", "simplify customs procedures",
           "upgrade infrastructure at border gates", "promote two-way tourism",
           "increase student exchanges", "organise trade fairs and business matching events",
           "develop cross-border e-commerce", "connect their railway networks",
           "build smart border gates", "expand exports of farm produce",
           "set up a regular exchange mechanism between their departments",
           "open a direct air route"],
    "zh": ["开通更多集装箱航线", "简化通关手续", "提升口岸基础设施水平", "促进双向旅游",
           "扩大留学生交流", "举办经贸展会和企业对接活动", "发展跨境电商", "推进铁路互联互通",
           "共建智慧口岸", "扩大农产品进出口", "建立部门间定期交流机制", "开通直航航线"],
    "vi": ["mở thêm các tuyến vận tải container", "đơn giản hóa thủ tục hải quan",
           "nâng cấp hạ tầng cửa khẩu", "thúc đẩy du lịch hai chiều",
           "tăng cường trao đổi sinh viên", "tổ chức hội chợ, kết nối doanh nghiệp",
           "phát triển thương mại điện tử xuyên biên giới", "kết nối mạng lưới đường sắt",
           "xây dựng cửa khẩu thông minh", "đẩy mạnh xuất khẩu nông sản",
           "thiết lập cơ chế trao đổi định kỳ giữa các sở, ngành",
           "mở đường bay thẳng"],
}
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAYS_ZH = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
WEEKDAYS_VI = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]

# --------------------------------------------------------------------------- templates
# Fields in {braces} come from the document context (see Doc.ctx) or are drawn fresh
# for each paragraph (Fresh.__missing__).
EN = {
    "headline": {
        "meeting": ["{VNp}, China's {CNp} step up cooperation in {f1} and {f2}",
                    "{A_title_short} {A_name} receives {B_place_en} delegation",
                    "{VNp} seeks closer {f1} links with China's {CNp}"],
        "virtual": ["{VNp}, {CNp} hold online talks on {f1} cooperation",
                    "{CNp} and Vietnam's {VNp} hold virtual meeting"],
        "signing": ["{CNp} and Vietnam's {VNp} sign MoU on {f1} cooperation",
                    "{VNp}, China's {CNp} ink deal to boost {f1}"],
        "visit": ["{A_place_en} delegation visits {B_place_en}",
                  "{VNp} leader pays working visit to China's {CNp}"],
        "forum": ["{CNp}, {VNp} pledge deeper trade ties at business forum",
                  "{VNp}–{CNp} {f1} cooperation forum held in {venue}"],
    },
    "lede": {
        "meeting": [
            "{A_title} {A_name} met with {B_title} {B_name} in {venue} {when} to discuss ways to deepen cooperation in {f1}, {f2} and {f3}.",
            "{A_title} {A_name} held talks with {B_title} {B_name} in {venue} {when}, with both sides pledging to expand cooperation in {f1} and {f2}.",
            "{A_title} {A_name} received a delegation led by {B_title} {B_name} in {venue_A} {when}.",
        ],
        "virtual": [
            "{A_title} {A_name} held online talks with {B_title} {B_name} {when} to review cooperation in {f1}, {f2} and {f3}.",
            "{A_title} {A_name} and {B_title} {B_name} held a virtual meeting {when}, discussing measures to boost {f1} and {f2}.",
        ],
        "signing": [
            "{A_title} {A_name} and {B_title} {B_name} signed a memorandum of understanding on cooperation in {f1}, {f2} and {f3} in {venue} {when}.",
            "{A_place_en} and {B_place_en} {when} signed an agreement on {f1} and {f2} cooperation during talks between {A_title} {A_name} and {B_title} {B_name} in {venue}.",
        ],
        "visit": [
            "A delegation from {A_place_en}, led by {A_title} {A_name}, paid a working visit to {B_place_en} {when} and was received by {B_title} {B_name} in {venue_B}.",
        ],
        "forum": [
            "{A_place_en} and {B_place_en} {when} held a trade and investment cooperation forum in {venue}, drawing more than {n100} business representatives from the two sides. The forum was co-chaired by {A_title} {A_name} and {B_title} {B_name}.",
        ],
    },
    "body": [
        "{A_short} said {A_place_en} attaches great importance to its relations with {B_place_en} and wishes to expand cooperation in {f1} and {f2} in the coming time.",
        "Trade between {A_place_en} and {B_place_en} reached US${bn} billion in {prev_year}, up {pct}% year on year, {A_short} noted.",
        "Two-way trade hit US${bn} billion last year, up {pct}% from a year earlier, and reached US${mn} million in the first {nmonths} months of this year.",
        "For {B_poss} part, {B_short} suggested that the two sides {act1} and {act2}.",
        "{B_short} proposed that the two localities {act1}, noting that {f1} and {f2} still have much room for growth.",
        "Investors from {B_place_en} currently have {nproj} valid projects in {A_place_en} with total registered capital of US${mn} million, mainly in {f1} and {f2}.",
        "{A_place_en} welcomed about {visitors} visitors from {B_country_en} in {prev_year}, {A_short} said, adding that the locality hopes to {act1}.",
        "The two sides agreed to assign their relevant departments to work out concrete plans to {act1}, and to hold the next meeting of their joint working committee in {month_en} {next_year}.",
        "{A_short} thanked {B_place_en} for creating favourable conditions for {A_country_en} businesses and students, around {students} of whom are studying in the locality.",
        "The talks took place in a friendly and open atmosphere, and both sides expressed their wish to {act1}.",
        "{B_short} also briefed {A_poss2} guests on the socio-economic situation of {B_place_en}, whose GDP grew {pct}% in {prev_year}.",
        "Officials from the departments of {f1}, {f2} and foreign affairs of the two sides attended the meeting.",
        "{A_short} highlighted the potential for cooperation in {f1}, saying that {A_place_en} is ready to {act1}.",
        "{B_short} agreed with the proposals and said {B_place_en} will encourage its enterprises to invest in {f1} and {f2} projects in {A_place_en}.",
        "In the first {nmonths} months of {year}, exports from {A_place_en} to {B_place_en} reached US${mn} million, up {pct}% over the same period last year.",
        "Both sides also agreed to step up exchanges between their youth, women's and friendship organisations.",
        "{A_short} expressed the hope that {B_short} will continue to support {A_place_en} as it seeks to {act1}.",
        "{B_short} invited {A_short} to lead a delegation to trade promotion events in {venue_B} later this year.",
    ],
    "gate": "The {gate} border gate pair handled goods worth US${bn} billion in {prev_year}, up {pct}%, and both sides agreed to build smart border gates to speed up clearance.",
    "signing": "At the event, businesses from the two sides signed {nagree} cooperation agreements worth about US${mn} million, covering {f1}, {f2} and {f3}.",
    "also": "Also {when}, {A_title} {A_name} met with {B_title} {B_name} in {venue} to discuss cooperation in {f1} and {f2}.",
    "caption": "{A_title} {A_name} (right) and {B_title} {B_name} at the talks. (Photo: {outlet})",
    "related": ["Related news", "Related articles", "Read more"],
    "rel_headline": ["{VNp}, China's {CNp} boost border trade cooperation",
                     "{VNp} exports to China up {pct}% in first {nmonths} months",
                     "{CNp} delegation visits {VNp}",
                     "Vietnam, China's {CNp} eye stronger {f1} ties",
                     "{VNp} promotes tourism in {CNp}"],
    "outlets": ["VNA", "Xinhua", "WVR", "VNS"],
}
ZH = {
    "headline": {
        "meeting": ["{A_name}会见{B_title}{B_name}", "{CNp}与越南{VNp}深化{f1}合作",
                    "{A_name}会见越南客人"],
        "virtual": ["{A_name}与{B_title}{B_name}举行视频会谈", "{CNp}与越南{VNp}举行视频会谈"],
        "signing": ["{CNp}与越南{VNp}签署{f1}合作备忘录", "{CNp}与越南{VNp}签署合作协议"],
        "visit": ["{A_name}率团访问{B_place_zh}", "越南{VNp}代表团访问{CNp}"],
        "forum": ["{CNp}—越南{VNp}经贸合作论坛在{venue}举行"],
    },
    "lede": {
        "meeting": [
            "{when}，{A_title}{A_name}在{venue}会见{B_title}{B_name}一行，双方就深化{f1}、{f2}和{f3}等领域合作深入交换意见。",
            "{when}，{A_title}{A_name}在{venue}与{B_title}{B_name}举行会谈。",
        ],
        "virtual": [
            "{when}，{A_title}{A_name}在{venue_A}通过视频连线方式与{B_title}{B_name}举行会谈，双方就{f1}、{f2}合作等议题交换意见。",
        ],
        "signing": [
            "{when}，{A_title}{A_name}与{B_title}{B_name}在{venue}举行会谈，并签署《关于{f1}、{f2}和{f3}合作的备忘录》。",
            "{when}，{A_place_zh}与{B_place_zh}在{venue}签署{f1}合作协议，{A_title}{A_name}、{B_title}{B_name}出席签约仪式。",
        ],
        "visit": [
            "{when}，{A_title}{A_name}率{A_place_zh}代表团访问{B_place_zh}，在{venue_B}与{B_title}{B_name}举行会谈。",
        ],
        "forum": [
            "{when}，{A_place_zh}—{B_place_zh}经贸合作论坛在{venue}举行，{A_title}{A_name}和{B_title}{B_name}共同主持论坛，两地{n100}余家企业代表参加。",
        ],
    },
    "body": [
        "{A_short}{A_title_tail}表示，{A_place_zh}高度重视同{B_place_zh}的友好合作关系，愿在{f1}、{f2}等领域深化务实合作。",
        "{prev_year}年，{A_place_zh}与{B_place_zh}贸易额达{yi}亿美元，同比增长{pct}%。",
        "今年前{nmonths}个月，双边贸易额达{wan}万美元，同比增长{pct}%。",
        "{B_short}表示，愿与{A_place_zh}共同努力，{act1}，{act2}。",
        "{B_short}{B_title_tail}建议双方{act1}，进一步挖掘{f1}和{f2}合作潜力。",
        "截至目前，{B_place_zh}企业在{A_place_zh}投资项目{nproj}个，协议投资额{inv_yi}亿美元，主要集中在{f1}、{f2}等领域。",
        "{prev_year}年，{A_place_zh}接待来自{B_country_zh}的游客{vis_wan}万人次，同比增长{pct}%。",
        "双方商定，责成两地{f1}、外事等部门尽快制定具体工作计划，{act1}，并于{next_year}年{month}月召开联合工作委员会会议。",
        "{A_short}感谢{B_place_zh}为{A_country_zh}企业和留学生提供的便利，目前约有{students}名{A_country_zh}留学生在当地学习。",
        "会谈在友好坦诚的气氛中进行，双方一致同意{act1}。",
        "{B_short}还介绍了{B_place_zh}经济社会发展情况，{prev_year}年地区生产总值增长{pct}%。",
        "省外办、省商务厅等有关部门负责同志参加会见。",
        "{A_short}强调，{A_place_zh}愿{act1}，推动{f1}合作取得更多成果。",
        "{B_short}赞同有关建议，表示{B_place_zh}将鼓励企业到{A_place_zh}投资{f1}、{f2}项目。",
        "{year}年前{nmonths}个月，{A_place_zh}对{B_place_zh}出口额达{wan}万美元，同比增长{pct}%。",
        "双方还同意加强青年、妇女和友好组织之间的交流。",
        "{A_short}希望{B_short}继续支持{A_place_zh}{act1}。",
        "{B_short}邀请{A_short}年内率团出席在{venue_B}举办的经贸活动。",
    ],
    "gate": "{prev_year}年，经{gate}口岸进出口货物贸易额达{yi}亿美元，同比增长{pct}%，双方同意共建智慧口岸，提升通关效率。",
    "signing": "活动期间，双方企业共签署{nagree}项合作协议，总金额约{wan}万美元，涉及{f1}、{f2}和{f3}等领域。",
    "also": "{when}，{A_title}{A_name}还在{venue}会见了{B_title}{B_name}，双方就{f1}、{f2}合作交换意见。",
    "caption": "{when}，{A_title}{A_name}（右）与{B_title}{B_name}举行会谈。新华社记者 {staff} 摄",
    "related": ["相关新闻", "相关阅读", "延伸阅读"],
    "rel_headline": ["{CNp}与越南{VNp}边境贸易持续增长", "越南{VNp}代表团访问{CNp}",
                     "{CNp}前{nmonths}个月对越进出口增长{pct}%", "中越{f1}合作再上新台阶",
                     "{CNp}举办中越{f1}交流活动"],
    "outlets": ["新华社", "人民网", "广西日报", "中国新闻网"],
}
VI = {
    "headline": {
        "meeting": ["{VNp} và {CNp} (Trung Quốc) tăng cường hợp tác {f1}",
                    "{A_title_cap} {A_name} tiếp {B_title} {B_name}",
                    "Thúc đẩy hợp tác {f1} giữa {VNp} và {CNp} (Trung Quốc)"],
        "virtual": ["{VNp} và {CNp} (Trung Quốc) hội đàm trực tuyến",
                    "Hội đàm trực tuyến giữa {VNp} và {CNp} về {f1}"],
        "signing": ["{VNp} và {CNp} (Trung Quốc) ký kết biên bản ghi nhớ hợp tác",
                    "{VNp} ký thỏa thuận hợp tác {f1} với {CNp} (Trung Quốc)"],
        "visit": ["Đoàn công tác {A_place_vi} thăm và làm việc tại {B_place_vi}",
                  "Lãnh đạo {VNp} làm việc tại {CNp} (Trung Quốc)"],
        "forum": ["Diễn đàn hợp tác kinh tế, thương mại {VNp} – {CNp}"],
    },
    "lede": {
        "meeting": [
            "{when_cap}, tại {venue}, {A_title} {A_name} đã hội đàm với {B_title} {B_name} về thúc đẩy hợp tác trong các lĩnh vực {f1}, {f2} và {f3}.",
            "{when_cap}, {A_title} {A_name} đã tiếp {B_title} {B_name} đang có chuyến thăm và làm việc tại {venue_A}.",
        ],
        "virtual": [
            "{when_cap}, {A_title} {A_name} đã có cuộc hội đàm trực tuyến với {B_title} {B_name} nhằm thúc đẩy hợp tác {f1}, {f2} và {f3}.",
        ],
        "signing": [
            "{when_cap}, tại {venue}, {A_title} {A_name} đã hội đàm và ký kết Biên bản ghi nhớ về hợp tác {f1}, {f2} và {f3} với {B_title} {B_name}.",
            "{when_cap}, {A_place_vi} và {B_place_vi} đã ký kết thỏa thuận hợp tác về {f1} và {f2} dưới sự chứng kiến của {A_title} {A_name} và {B_title} {B_name}.",
        ],
        "visit": [
            "{when_cap}, đoàn công tác của {A_place_vi} do {A_title} {A_name} dẫn đầu đã thăm và làm việc tại {B_place_vi}, hội đàm với {B_title} {B_name} tại {venue_B}.",
        ],
        "forum": [
            "{when_cap}, tại {venue}, Diễn đàn hợp tác kinh tế, thương mại {A_place_vi} – {B_place_vi} đã diễn ra với sự tham dự của hơn {n100} doanh nghiệp hai bên. {A_title} {A_name} và {B_title} {B_name} đồng chủ trì diễn đàn.",
        ],
    },
    "body": [
        "Tại buổi làm việc, {A_short} cho biết {A_place_vi} luôn coi trọng quan hệ hữu nghị với {B_place_vi} và mong muốn mở rộng hợp tác trong các lĩnh vực {f1}, {f2}.",
        "Năm {prev_year}, kim ngạch thương mại giữa {A_place_vi} và {B_place_vi} đạt {bn_vi} tỷ USD, tăng {pct_vi}% so với năm trước.",
        "Trong {nmonths} tháng đầu năm nay, kim ngạch xuất nhập khẩu đạt {mn} triệu USD, tăng {pct_vi}% so với cùng kỳ.",
        "Phát biểu tại hội đàm, {B_short} đề nghị hai bên {act1} và {act2}.",
        "{B_short_cap} mong muốn hai địa phương {act1}, bởi lĩnh vực {f1} và {f2} còn nhiều dư địa phát triển.",
        "Hiện các nhà đầu tư của {B_place_vi} có {nproj} dự án còn hiệu lực tại {A_place_vi} với tổng vốn đăng ký {mn} triệu USD, chủ yếu trong lĩnh vực {f1}, {f2}.",
        "Năm {prev_year}, {A_place_vi} đón khoảng {visitors_vi} lượt khách du lịch từ {B_country_vi}, tăng {pct_vi}%.",
        "Hai bên thống nhất giao các sở, ngành liên quan xây dựng kế hoạch cụ thể nhằm {act1}, đồng thời tổ chức phiên họp Ủy ban công tác liên hợp vào tháng {month}/{next_year}.",
        "{A_short_cap} cảm ơn {B_place_vi} đã tạo điều kiện thuận lợi cho doanh nghiệp và khoảng {students} sinh viên {A_country_vi} đang học tập tại địa phương.",
        "Buổi hội đàm diễn ra trong không khí hữu nghị, cởi mở; hai bên nhất trí {act1}.",
        "{B_short_cap} cũng thông tin về tình hình kinh tế - xã hội của {B_place_vi}, với GRDP năm {prev_year} tăng {pct_vi}%.",
        "Tham dự hội đàm có lãnh đạo các sở, ngành: Công Thương, Ngoại vụ, Văn hóa, Thể thao và Du lịch.",
        "{A_short_cap} nhấn mạnh {A_place_vi} sẵn sàng {act1}, đưa hợp tác {f1} đi vào chiều sâu.",
        "{B_short_cap} nhất trí với các đề xuất và cho biết {B_place_vi} sẽ khuyến khích doanh nghiệp đầu tư vào lĩnh vực {f1}, {f2} tại {A_place_vi}.",
        "{nmonths} tháng đầu năm {year}, xuất khẩu của {A_place_vi} sang {B_place_vi} đạt {mn} triệu USD, tăng {pct_vi}% so với cùng kỳ năm trước.",
        "Hai bên cũng thống nhất tăng cường giao lưu giữa các tổ chức thanh niên, phụ nữ và hữu nghị.",
        "{A_short_cap} mong muốn {B_short} tiếp tục ủng hộ {A_place_vi} {act1}.",
        "{B_short_cap} mời {A_short} dẫn đoàn tham dự các hoạt động xúc tiến thương mại tại {venue_B} trong năm nay.",
    ],
    "gate": "Năm {prev_year}, kim ngạch xuất nhập khẩu qua cặp cửa khẩu {gate} đạt {bn_vi} tỷ USD, tăng {pct_vi}%; hai bên thống nhất xây dựng mô hình cửa khẩu thông minh để rút ngắn thời gian thông quan.",
    "signing": "Tại sự kiện, doanh nghiệp hai bên đã ký kết {nagree} thỏa thuận hợp tác với tổng giá trị khoảng {mn} triệu USD trong các lĩnh vực {f1}, {f2} và {f3}.",
    "also": "Cũng {when}, tại {venue}, {A_title} {A_name} đã hội đàm với {B_title} {B_name}, trao đổi về hợp tác {f1} và {f2}.",
    "caption": "{A_title} {A_name} (phải) và {B_title} {B_name} tại buổi hội đàm. Ảnh: {outlet}",
    "related": ["Tin liên quan", "Tin cùng chuyên mục", "Đọc thêm"],
    "rel_headline": ["{VNp} đẩy mạnh xuất khẩu nông sản sang {CNp}",
                     "Đoàn công tác {CNp} (Trung Quốc) thăm {VNp}",
                     "Kim ngạch thương mại qua cửa khẩu tăng {pct_vi}% trong {nmonths} tháng",
                     "{VNp} quảng bá du lịch tại {CNp}",
                     "Thúc đẩy hợp tác {f1} Việt Nam – Trung Quốc"],
    "outlets": ["TTXVN", "Nhân Dân", "Báo Quốc tế", "VOV"],
}
TPL = {"en": EN, "zh": ZH, "vi": VI}
EVENTS = ["meeting", "meeting", "meeting", "virtual", "signing", "signing", "visit", "forum"]


def vi_num(x):
    return ("%g" % x).replace(".", ",")


class Fresh(dict):
    """A paragraph's format context: document values, plus values drawn on demand."""
    __slots__ = ("rng", "lang")

    def __missing__(self, key):
        rng = self.rng
        f = FIELDS[self.lang]
        if key in ("f1", "f2", "f3"):
            a, b, c = rng.sample(f, 3)
            self["f1"], self["f2"], self["f3"] = a, b, c
            return self[key]
        if key in ("act1", "act2"):
            a, b = rng.sample(ACTIONS[self.lang], 2)
            self["act1"], self["act2"] = a, b
            return self[key]
        if key in ("bn", "yi", "bn_vi"):
            bn = round(rng.uniform(0.2, 48.0), rng.choice((1, 1, 2)))
            self["bn"], self["yi"], self["bn_vi"] = "%g" % bn, "%g" % round(bn * 10, 1), vi_num(bn)
            return self[key]
        if key in ("pct", "pct_vi"):
            p = round(rng.uniform(0.5, 35.0), 1)
            self["pct"], self["pct_vi"] = "%g" % p, vi_num(p)
            return self[key]
        if key == "mn":
            v = rng.randrange(12, 990)
            self[key] = str(v)
        elif key == "wan":
            self[key] = str(rng.randrange(120, 9900))
        elif key == "inv_yi":
            self[key] = "%g" % round(rng.uniform(0.3, 30.0), 1)
        elif key == "vis_wan":
            self[key] = "%g" % round(rng.uniform(0.5, 300.0), rng.choice((0, 1)))
        elif key == "nmonths":
            self[key] = str(rng.randrange(2, 11))
        elif key == "nproj":
            self[key] = str(rng.randrange(8, 600))
        elif key == "nagree":
            self[key] = str(rng.randrange(3, 40))
        elif key == "n100":
            self[key] = str(rng.randrange(1, 6) * 100)
        elif key == "students":
            v = "{:,}".format(rng.randrange(2, 60) * 100)
            self[key] = {"en": v, "zh": v.replace(",", ""), "vi": v.replace(",", ".")}[self.lang]
        elif key in ("visitors", "visitors_vi"):
            v = rng.randrange(20, 3000) * 1000
            self["visitors"], self["visitors_vi"] = "{:,}".format(v), "{:,}".format(v).replace(",", ".")
        elif key == "month":
            self[key] = str(rng.randrange(1, 13))
        elif key == "month_en":
            self[key] = rng.choice(MONTHS_EN)
        elif key == "staff":
            self[key] = rng.choice(ZH_STAFF)
        else:
            raise KeyError(key)
        return self[key]


def fmt(tpl, ctx, rng, lang):
    d = Fresh(ctx)
    d.rng, d.lang = rng, lang
    return tpl.format_map(d)


def vn_zh(vn):
    return vn[2] + ("市" if vn[3] == "city" else "省")


def cap(s):
    return s[:1].upper() + s[1:]


def pick_place_pair(rng):
    if rng.random() < 0.4:
        g = rng.choice(GATES)
        cn = next(p for p in CN_PLACES if p[0] == g[0])
        vn = next(p for p in VN_PLACES if p[0] == g[1])
        return cn, vn, g
    cn = rng.choices(CN_PLACES, CN_WEIGHTS)[0]
    vn = rng.choices(VN_PLACES, VN_WEIGHTS)[0]
    g = next((x for x in GATES if x[0] == cn[0] and x[1] == vn[0]), None)
    return cn, vn, g


def official(rng, side, place, person):
    """Return {lang: title} for one official of `place`."""
    if side == "CN":
        en, enf, zh, zhf, vi, vif, kind, cities = place
        if rng.random() < 0.2 and kind != "municipality":
            c = rng.choice(cities)
            i = rng.randrange(len(CN_CITY_TITLES[0]))
            sub = {"C": c[0], "ZC": c[1], "VC": c[2]}
            return {l: CN_CITY_TITLES[k][i].format(**sub) for k, l in enumerate(("en", "zh", "vi"))}
        t = CN_TITLES[kind]
        i = rng.randrange(len(t[0]))
        sub = {"P": en, "PF": enf, "Z": zh, "ZF": zhf, "V": vi, "VF": vif}
        out = {l: t[k][i].format(**sub) for k, l in enumerate(("en", "zh", "vi"))}
    else:
        en, vi, zh, kind, towns = place
        t = VN_TITLES[kind]
        i = rng.randrange(len(t[0]))
        sub = {"P": en, "Z": zh, "V": vi}
        out = {l: t[k][i].format(**sub) for k, l in enumerate(("en", "zh", "vi"))}
    if person["female"]:
        out["en"] = out["en"].replace("Chairman", "Chairwoman")
    return out


def diplomat(rng, side):
    if side == "VN":
        if rng.random() < 0.3:
            return {"en": "Vietnamese Ambassador to China", "zh": "越南驻华大使",
                    "vi": "Đại sứ Việt Nam tại Trung Quốc"}
        c = rng.choice(VN_CONSULATES)
        return {"en": "Vietnamese Consul General in " + c[0], "zh": "越南驻" + c[1] + "总领事",
                "vi": "Tổng Lãnh sự Việt Nam tại " + c[2]}
    if rng.random() < 0.3:
        return {"en": "Chinese Ambassador to Vietnam", "zh": "中国驻越南大使",
                "vi": "Đại sứ Trung Quốc tại Việt Nam"}
    c = rng.choice(CN_CONSULATES)
    return {"en": "Chinese Consul General in " + c[0], "zh": "中国驻" + c[1] + "总领事",
            "vi": "Tổng Lãnh sự Trung Quốc tại " + c[2]}


ZH_TAIL = [("副省长", "副省长"), ("省长", "省长"), ("副市长", "副市长"), ("市长", "市长"),
           ("副主席", "副主席"), ("主席", "主席"), ("书记", "书记"), ("总领事", "总领事"),
           ("大使", "大使"), ("厅长", "厅长"), ("主任", "主任")]


def zh_tail(title):
    for suf, tail in ZH_TAIL:
        if title.endswith(suf):
            return tail
    return ""


def en_short_title(title):
    for w in ("Vice Governor", "Governor", "Vice Mayor", "Mayor", "Vice Chairwoman",
              "Vice Chairman", "Chairwoman", "Chairman", "Secretary", "Director",
              "Consul General", "Ambassador"):
        if w in title:
            return w
    return "Official"


def date_when(lang, ev, pub, rng):
    """How the body names the event date, relative to the publication date."""
    d = (pub - ev).days
    r = rng.random()
    if lang == "en":
        if 1 <= d <= 5 and r < 0.45:
            return "on " + WEEKDAYS_EN[ev.weekday()]
        if d == 0 and r < 0.2:
            return "today"
        if r < 0.85:
            return "on %s %d" % (MONTHS_EN[ev.month - 1], ev.day)
        return "on %s %d, %d" % (MONTHS_EN[ev.month - 1], ev.day, ev.year)
    if lang == "zh":
        part = rng.choice(("", "", "上午", "下午"))
        if d <= 20 and ev.month == pub.month and r < 0.3:
            return "%d日%s" % (ev.day, part)
        if r < 0.9:
            return "%d月%d日%s" % (ev.month, ev.day, part)
        return "%d年%d月%d日%s" % (ev.year, ev.month, ev.day, part)
    # vi
    part = rng.choice(("ngày", "ngày", "sáng", "chiều", "chiều ngày", "sáng ngày"))
    if 1 <= d <= 5 and r < 0.25:
        return "%s %s (%d/%d)" % (part.split()[0], WEEKDAYS_VI[ev.weekday()], ev.day, ev.month)
    if r < 0.85:
        return "%s %d/%d" % (part, ev.day, ev.month)
    return "%s %d/%d/%d" % (part, ev.day, ev.month, ev.year)


def header_line(lang, pub, rng):
    hh, mm = rng.randrange(6, 23), rng.randrange(60)
    r = rng.random()
    if lang == "en":
        if r < 0.45:
            return "date %s" % pub.isoformat()
        if r < 0.9:
            return "%02d:%02d | %02d/%02d/%d" % (hh, mm, pub.day, pub.month, pub.year)
        return None
    if lang == "zh":
        if r < 0.6:
            return "%d年%d月%d日" % (pub.year, pub.month, pub.day)
        if r < 0.9:
            return "%s %02d:%02d:%02d 来源：%s" % (pub.isoformat(), hh, mm, rng.randrange(60),
                                               rng.choice(ZH["outlets"]))
        return None
    if r < 0.6:
        return "%02d:%02d | %02d/%02d/%d" % (hh, mm, pub.day, pub.month, pub.year)
    if r < 0.9:
        return "%s, %02d/%02d/%d %02d:%02d" % (cap(WEEKDAYS_VI[pub.weekday()]), pub.day,
                                               pub.month, pub.year, hh, mm)
    return None


DAY0 = date(2019, 1, 1)
NDAYS = (date(2024, 12, 31) - DAY0).days


class Doc:
    """One article: a main event, and for long articles further events (roundup)."""

    def __init__(self, rng, lang):
        self.rng, self.lang = rng, lang
        self.ev = DAY0 + timedelta(days=rng.randrange(NDAYS))
        self.pub = self.ev + timedelta(days=rng.choice((0, 0, 1, 1, 1, 2, 3)))
        self.event = rng.choice(EVENTS)
        self.when = date_when(lang, self.ev, self.pub, rng)
        cn, vn, gate = pick_place_pair(rng)
        self.cn = cn
        self.ctx = self.section(cn, vn, gate, self.event)

    def section(self, cn, vn, gate, event):
        rng, lang = self.rng, self.lang
        plain = lang == "en" and rng.random() < 0.6
        pc, pv = cn_person(rng), vn_person(rng, plain)
        dip = event == "meeting"
        tc = diplomat(rng, "CN") if dip and rng.random() < 0.08 else official(rng, "CN", cn, pc)
        tv = diplomat(rng, "VN") if dip and rng.random() < 0.15 else official(rng, "VN", vn, pv)
        vc, vv = self.venue_cn(cn), self.venue_vn(vn)
        # the reporting side usually comes first
        if rng.random() < {"en": 0.6, "zh": 0.15, "vi": 0.85}[lang]:
            A, B, tA, tB, pA, pB, vA, vB = pv, pc, tv, tc, vn, cn, vv, vc
        else:
            A, B, tA, tB, pA, pB, vA, vB = pc, pv, tc, tv, cn, vn, vc, vv
        ev = self.ev
        ctx = {
            "A_name": A[lang], "B_name": B[lang], "A_title": tA[lang], "B_title": tB[lang],
            "A_title_short": en_short_title(tA["en"]), "A_title_cap": cap(tA[lang]),
            "A_title_tail": zh_tail(tA["zh"]), "B_title_tail": zh_tail(tB["zh"]),
            "A_poss": "her" if A["female"] else "his", "B_poss": "her" if B["female"] else "his",
            "A_poss2": "her" if B["female"] else "his",
            "CNp": {"en": cn[0], "zh": cn[2], "vi": cn[4]}[lang],
            "VNp": {"en": vn[0], "zh": vn_zh(vn), "vi": vn[1]}[lang],
            "venue_A": vA, "venue_B": vB, "venue": vA if rng.random() < 0.5 else vB,
            "year": ev.year, "prev_year": ev.year - 1, "next_year": ev.year + rng.choice((0, 1)),
            "gate": gate[{"en": 2, "zh": 3, "vi": 4}[lang]] if gate else "",
            "when": self.when, "when_cap": cap(self.when),
        }
        for k, p in (("A", pA), ("B", pB)):
            if len(p) == 8:  # Chinese unit
                ctx[k + "_place_en"], ctx[k + "_place_zh"], ctx[k + "_place_vi"] = p[0], p[3], p[5]
                ctx[k + "_country_en"] = "Chinese" if k == "A" else "China"
                ctx[k + "_country_zh"], ctx[k + "_country_vi"] = "中国", "Trung Quốc"
            else:
                suffix = "市" if p[3] == "city" else "省"
                ctx[k + "_place_en"] = p[0]
                ctx[k + "_place_zh"] = ("越南" if rng.random() < 0.5 else "") + p[2] + suffix
                ctx[k + "_place_vi"] = ("thành phố " if p[3] == "city" else "tỉnh ") + p[1]
                ctx[k + "_country_en"] = "Vietnamese" if k == "A" else "Vietnam"
                ctx[k + "_country_zh"], ctx[k + "_country_vi"] = "越南", "Việt Nam"
        if lang == "en":
            ctx["A_short"], ctx["B_short"] = A["en_short"], B["en_short"]
            if rng.random() < 0.3:
                ctx["A_short"] = ctx["A_title_short"] + " " + A["en_short"]
        elif lang == "zh":
            ctx["A_short"], ctx["B_short"] = A["zh_short"], B["zh_short"]
        else:
            ctx["A_short"], ctx["B_short"] = A["vi_short"], B["vi_short"]
            ctx["A_short_cap"], ctx["B_short_cap"] = cap(A["vi_short"]), cap(B["vi_short"])
        return ctx

    def venue_cn(self, cn):
        rng = self.rng
        c = cn[7][0] if rng.random() < 0.7 else rng.choice(cn[7])
        return {"en": c[0], "zh": c[1], "vi": "thành phố " + c[2]}[self.lang]

    def venue_vn(self, vn):
        rng = self.rng
        if vn[4] and rng.random() < 0.5:
            t = rng.choice(vn[4])
            return {"en": t[0], "zh": "越南" + t[1], "vi": "thành phố " + t[2]}[self.lang]
        return {"en": vn[0], "zh": "越南" + vn[2] + ("市" if vn[3] == "city" else "省"),
                "vi": ("thành phố " if vn[3] == "city" else "tỉnh ") + vn[1]}[self.lang]

    def render(self, target):
        rng, lang, ctx = self.rng, self.lang, self.ctx
        T = TPL[lang]
        ev = self.event
        sep = "" if lang == "zh" else " "
        noisy = rng.random() < 0.45
        outlet = rng.choice(T["outlets"])
        ctx["outlet"] = outlet
        out = [fmt(rng.choice(T["headline"][ev]), ctx, rng, lang)]
        h = header_line(lang, self.pub, rng)
        if h:
            out.append(h)
        caption = None
        if noisy:
            caption = "| " + fmt(T["caption"], ctx, rng, lang) + " |"
            out.append("![](https://img.example-news.%s/%d_%02d_%02d/photo-%d.jpg) |" % (
                "cn" if lang == "zh" else "vn", self.pub.year, self.pub.month,
                self.pub.day, rng.randrange(1, 99999)))
            out.append(caption)
        lede = cap(fmt(rng.choice(T["lede"][ev]), ctx, rng, lang))
        r = rng.random()
        if lang == "en" and r < 0.4:
            city = self.cn[7][0][0] if ev == "virtual" else ctx["venue"]
            lede = "%s (%s) – %s" % (city, "Xinhua" if outlet == "Xinhua" else "VNA", lede)
        elif lang == "zh" and r < 0.35:
            lede = "新华社%s%d月%d日电（记者 %s）%s" % (
                self.cn[7][0][1].rstrip("市"), self.ev.month, self.ev.day,
                rng.choice(ZH_STAFF), lede)
        out.append(lede)
        size = sum(len(x.encode()) for x in out)
        paras = []
        if ctx["gate"] and rng.random() < 0.8:
            paras.append(fmt(T["gate"], ctx, rng, lang))
        if ev in ("signing", "forum") or rng.random() < 0.1:
            paras.append(fmt(T["signing"], ctx, rng, lang))
        size += sum(len(x.encode()) + 2 for x in paras)
        body = T["body"]
        todo, cycles = [], 0
        while size < target:
            if not todo:
                cycles += 1
                if cycles > 1 and rng.random() < 0.6:
                    # another meeting in the same article, with its own people
                    cn = self.cn if rng.random() < 0.4 else rng.choices(CN_PLACES, CN_WEIGHTS)[0]
                    vn = rng.choices(VN_PLACES, VN_WEIGHTS)[0]
                    ctx = self.section(cn, vn, None, "meeting")
                    p = cap(fmt(T["also"], ctx, rng, lang))
                    paras.append(p)
                    size += len(p.encode()) + 2
                todo = list(body)
                rng.shuffle(todo)
            n = min(rng.choice((1, 2, 2, 3)), len(todo))
            p = sep.join(fmt(todo.pop(), ctx, rng, lang) for _ in range(n))
            paras.append(p)
            size += len(p.encode()) + 2
        if noisy:
            if len(paras) > 1 and rng.random() < 0.7:  # paragraph printed twice
                i = rng.randrange(len(paras))
                paras.insert(i + 1, paras[i])
            if rng.random() < 0.8:                  # caption repeated in the body
                paras.insert(rng.randrange(len(paras) + 1), caption)
        out.extend(paras)
        tail = []
        if lang == "en":
            if rng.random() < 0.6:
                out[-1] += "/."
            if rng.random() < 0.6:
                tail.append({"Xinhua": "(Xinhua)", "WVR": "WVR"}.get(outlet, "VNA"))
        elif lang == "zh":
            if rng.random() < 0.6:
                out[-1] += "（完）"
            if rng.random() < 0.5:
                tail.append("【责任编辑：%s】" % rng.choice(ZH_STAFF))
        else:
            if rng.random() < 0.6:
                tail.append(rng.choice(("TTXVN", "Theo TTXVN", "(Nhân Dân)", "Theo Báo Quốc tế",
                                        rng.choice(VI_STAFF))))
        if noisy:
            if rng.random() < 0.5:
                tail.append("![]() |")
            block = [rng.choice(T["related"])]
            for _ in range(rng.randrange(2, 6)):
                d = Fresh(self.ctx)
                d.rng, d.lang = rng, lang
                cn = rng.choices(CN_PLACES, CN_WEIGHTS)[0]
                vn = rng.choices(VN_PLACES, VN_WEIGHTS)[0]
                d["CNp"] = {"en": cn[0], "zh": cn[2], "vi": cn[4]}[lang]
                d["VNp"] = {"en": vn[0], "zh": vn_zh(vn), "vi": vn[1]}[lang]
                block.append("- " + rng.choice(T["rel_headline"]).format_map(d))
            tail.append("\n".join(block))
        out.extend(tail)
        return "\n\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0,
                    help="corpus size in megabytes (1 MB = 10^6 bytes; default 100)")
    ap.add_argument("--lang", choices=("en", "zh", "vi", "mixed"), default="mixed")
    ap.add_argument("--out", required=True, help="output directory (must be empty or absent)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-dir", type=int, default=1000, help="files per subfolder (1000)")
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.mb <= 0:
        ap.error("--mb must be positive")
    if os.path.isdir(a.out) and os.listdir(a.out):
        ap.error("%s exists and is not empty; remove it first" % a.out)
    os.makedirs(a.out, exist_ok=True)
    goal = int(a.mb * 1_000_000)
    t0 = time.perf_counter()
    total = 0
    i = 0
    cur_dir = None
    while total < goal:
        rng = random.Random("%d:%s:%d" % (a.seed, a.lang, i))
        lang = rng.choice(("en", "zh", "vi")) if a.lang == "mixed" else a.lang
        target = rng.randrange(2000, 7200)  # body goal; headers and tails bring it to 2-8 KB
        data = Doc(rng, lang).render(target).encode("utf-8")
        d = os.path.join(a.out, "%04d" % (i // a.per_dir))
        if d != cur_dir:
            os.makedirs(d, exist_ok=True)
            cur_dir = d
        fd = os.open(os.path.join(d, "%s-%07d.txt" % (lang, i)),
                     os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)  # at most ~9 KB: one write does it on a regular file
        finally:
            os.close(fd)
        total += len(data)
        i += 1
    dt = time.perf_counter() - t0
    if not a.quiet:
        print("gen-corpus: %s: %d documents, %d bytes (%.1f MB) in %.2f s (%.1f MB/s)" % (
            a.out, i, total, total / 1e6, dt, total / 1e6 / dt if dt else 0), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
