/*
 * lsn_int.h — private structures shared by the library's modules.
 *
 * The pipeline (DESIGN.md): read -> clean -> lang -> segment -> annotate ->
 * extract.  Every stage works on one struct lsn_doc.  The document owns its
 * text; everything found in it (lines, sentences, tokens, annotations,
 * records) points into it by byte offset, so every fact keeps its evidence.
 */
#ifndef LSN_INT_H
#define LSN_INT_H

#include <stdint.h>
#include <stddef.h>
#include "liaison.h"

#define LSN_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- util.c: buffers, vectors, UTF-8, folding, hashing ---- */

/* (the appending functions of struct lsn_buf are public: liaison.h) */

/* Grows *pp (an array of elements of `size` bytes, capacity *cap) to hold at
 * least `need` elements.  Returns 0, or -1 when out of memory. */
int lsn_grow(void *pp, size_t *cap, size_t need, size_t size);

/* Decodes one code point at s[*i] (n bytes in all), advances *i.  Text inside
 * the library is valid UTF-8, so this never fails there; on bad bytes it
 * returns U+FFFD and advances one byte. */
uint32_t lsn_utf8_decode(const char *s, size_t n, size_t *i);
/* (inline: ASCII, most bytes of most text, costs no call) */
static inline uint32_t lsn_utf8_next(const char *s, size_t n, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	return lsn_utf8_decode(s, n, i);
}
/* Encodes cp into out (4 bytes at most); returns the length. */
int lsn_utf8_put(uint32_t cp, char *out);

/* Folding for matching: lowercase, diacritics removed, đ -> d.  Writes the
 * folded form of s[0..n) to out (at most outcap bytes, NUL-terminated) and
 * returns its length. */
size_t lsn_fold(const char *s, size_t n, char *out, size_t outcap);
/* 64-bit hash of the folded form of s[0..n); equal for strings that fold
 * equally. */
uint64_t lsn_fold_hash(const char *s, size_t n);
uint64_t lsn_hash_bytes(const char *s, size_t n);
/* Hash of the lowercase form with diacritics kept. */
uint64_t lsn_lower_hash(const char *s, size_t n);
/* The diacritics of s[0..n), word by word: for each word the set of its marks (tone,
 * circumflex, breve, horn, đ's stroke) whatever the letter they sit on ("Hoà" and "Hòa"
 * give the same, "Cương" and "Cường" do not); 0 when s has none (ASCII, Han). */
uint64_t lsn_marks_sig(const char *s, size_t n);
/* The key of actor idx's written form with marks sig in kb->actor_marks (sig 0: the
 * actor has some form written with marks). */
static inline uint64_t lsn_actor_marks_key(uint32_t idx, uint64_t sig)
{
	return (sig ^ ((uint64_t)(idx + 1) * UINT64_C(0xff51afd7ed558ccd))) | 1;
}

/* Character classes on code points (inline for the common cases; the rest
 * asks ICU). */
int lsn_is_letter_u(uint32_t cp);
int lsn_is_upper_u(uint32_t cp);
static inline int lsn_is_han(uint32_t cp)
{
	return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
	       (cp >= 0x20000 && cp <= 0x2ebef) || (cp >= 0xf900 && cp <= 0xfaff);
}
static inline int lsn_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 32) >= 'a' && (cp | 32) <= 'z';
	return lsn_is_letter_u(cp);
}
static inline int lsn_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return lsn_is_upper_u(cp);
}
static inline int lsn_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 ||
	       cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200b) || cp == 0xfeff ||
	       cp == '\f' || cp == '\v';
}

/* uint64 -> uint32 open-addressing map (value 0 is "absent"). */
/* An open-addressing hash map from a 64-bit hash (never 0) to a uint32_t.
 * A key and its value share a slot, so that a look-up costs one cache miss. */
struct lsn_map_slot {
	uint64_t key; /* 0: empty */
	uint32_t val;
};
struct lsn_map {
	struct lsn_map_slot *slots;
	size_t cap, len;
};
int lsn_map_put(struct lsn_map *m, uint64_t key, uint32_t val);
uint32_t lsn_map_get(const struct lsn_map *m, uint64_t key);
void lsn_map_clear(struct lsn_map *m);

/* ---- dates.c: the date module (arithmetic, written forms, every date recogniser) ---- */

enum { DP_NONE = 0, DP_YEAR, DP_MONTH, DP_DAY };
struct lsn_date {
	int16_t y;
	int8_t m, d;
	uint8_t prec; /* DP_* */
};
/* Days since 1970-01-01 of a full date; weekday 1=Monday..7=Sunday. */
long lsn_days(int y, int m, int d);
void lsn_from_days(long days, int *y, int *m, int *d);
int lsn_weekday(int y, int m, int d);
/* Writes "YYYY", "YYYY-MM" or "YYYY-MM-DD" (11 bytes), "" when none. */
void lsn_date_str(struct lsn_date dt, char out[11]);
/* Display width of UTF-8 text in terminal columns (East Asian wide = 2,
 * combining marks 0); out.c. */
size_t lsn_display_width(const char *s, size_t n);
/* "--MM-DD" / "--MM" for a date with month but no year (prec DP_NONE), else "" */
void lsn_date_partial_str(struct lsn_date d, char out[8]);

/* What a recogniser of dates in characters accepts, beyond the numeric forms every caller
 * reads (2024-05-16, 2024/5/16, 2024.05.16, 16/05/2024, 16-05-2024, 2024年5月16日; the
 * year 1900-2100, the month 1-12, the day 1-31). */
enum {
	LSN_DATE_CALENDAR = 1,    /* the day exists (no 31 April, 29 February in leap years
				     only); a day after a year has at most two digits */
	LSN_DATE_NAMES = 2,       /* English month names: "May 16, 2024", "16 May 2024" */
	LSN_DATE_HAN_LOOSE = 4,   /* 2024年 5月 16: spaces inside, 日 may be left out */
	LSN_DATE_MONTH_FIRST = 8, /* 05/16/2024 is read month first when day first cannot be */
};
/* A page's header line (clean.c): the numeric forms as written, loosely validated. */
#define LSN_DATE_HEADER 0u
/* Metadata and text met by the readers (src/read/). */
#define LSN_DATE_READER (LSN_DATE_CALENDAR | LSN_DATE_NAMES | LSN_DATE_HAN_LOOSE | LSN_DATE_MONTH_FIRST)

/* 1 when y-m-d is a date the recognisers accept (LSN_DATE_CALENDAR: one that exists). */
int lsn_date_valid(int y, int m, int d, unsigned flags);
/* The first full date (DP_DAY) of s[0..n) in the forms `flags` allow, starting at a digit
 * (or a letter) that does not continue a number (or a word).  Returns 1, the date and the
 * span [*ds, *de) it covers (either may be NULL); 0 when none. */
int lsn_date_scan(const char *s, size_t n, unsigned flags, struct lsn_date *dt, size_t *ds, size_t *de);
/* What a page's header line says of a date (lsn_date_header). */
struct lsn_header_date {
	struct lsn_date dt;       /* the first full date, in the readers' forms or with the
				     month and year words of lexicon date_unit (17 tháng 9 năm 2023) */
	size_t ds, de;            /* its bytes */
	int label;                /* lexicon pub_label before it (1 published, 2 updated, 3 a
				     source), at most a source's name between; 0 none */
	int rest_before, rest_after; /* letters before and after it that are none of a
				     header's words (pub_label, header_word: weekdays, zones) */
	int clock;                /* the line holds a time of day (16:15) */
};
/* The date of a header line s[0..n) and what else the line holds; 0 when it has none. */
int lsn_date_header(const lsn_tables *kb, const char *s, size_t n, struct lsn_header_date *h);
/* The NFC form of UTF-8 text s[0..n): LSN_OK with *out NULL when s is
 * already NFC (the common case, found by a quick check), else a new
 * NUL-terminated string the caller frees in *out, its length in *outlen.
 * LSN_ENOMEM, or LSN_EUNICODE when ICU fails. */
enum lsn_status lsn_utf8_nfc(const char *s, size_t n, char **out, size_t *outlen);
/* Dates for the readers -> "YYYY-MM-DD" in out (11 bytes).  Each returns 1 on success, 0
 * (out = "") otherwise.  lsn_date_meta: a metadata value — ISO 8601 / RFC 3339
 * ("2024-05-16T08:00:00+07:00"), 20240516, RFC 822 ("Thu, 16 May 2024 08:00:00 +0700"),
 * or any form lsn_date_text knows.  The date is the one written, in the writer's time
 * zone.  lsn_date_text: the first date in running text (lsn_date_scan, LSN_DATE_READER).
 * lsn_date_url: /2024/05/16/, /20240516/, /2024-05/16/, 16-05-2024 ending a path's part. */
int lsn_date_meta(const char *s, size_t n, char out[11]);
int lsn_date_text(const char *s, size_t n, char out[11]);
int lsn_date_url(const char *url, size_t n, char out[11]);

/* ---- roles, event types, fields, metrics: fixed vocabularies of SCHEMA.md ---- */

extern const char *const lsn_roles[];    /* index 0 = none */
extern const char *const lsn_ev_types[]; /* index 0 = none */
extern const char *const lsn_fields[];
/* fields.tsv "none": words that hold a field's word but name none ("tỉnh biên giới", a
 * border province: no security) */
#define LSN_FIELD_NONE 31
extern const char *const lsn_metrics[];
int lsn_vocab_find(const char *const *vocab, const char *s, size_t n);
size_t lsn_vocab_len(const char *const *vocab);

enum { ROLE_NONE = 0 };
enum { EV_NONE = 0, EV_MEETING, EV_VIRTUAL, EV_SIGNING, EV_ATTEND, EV_VISIT };
enum { EW_CONTINUATION = 1, EW_ATTEND_OBJECT, EW_MEETING_NOUN, EW_DELEGATION, EW_SINCE, EW_MECHANISM,
       EW_ACCOMPANY, EW_INVITATION, EW_HELD, EW_SPAN, EW_AFTER_MEETING };

/* ---- kb.c: the knowledge tables ---- */

enum place_level { PL_COUNTRY = 1, PL_PROVINCE, PL_CITY, PL_DISTRICT, PL_BLOC };

struct lsn_place {
	const char *id;
	uint8_t level;
	int32_t parent; /* index, -1 none */
	char cc[3];
	int32_t from, to; /* yyyymmdd, 0 = open */
};

struct lsn_actor {
	const char *id;   /* canonical Latin name */
	char cc[3];
	uint32_t role0, nroles; /* range in kb->aroles */
};

struct lsn_arole {
	uint8_t role;
	int32_t org;      /* place index or -1 */
	const char *org_name;
	int32_t from, to; /* yyyymmdd, 0 = open */
};

/* Phrase kinds held in the phrase index. */
enum phrase_kind {
	PK_PLACE = 1, PK_DEMONYM, PK_TITLE, PK_TRIGGER, PK_FIELD, PK_METRIC,
	PK_MONTH, PK_WEEKDAY, PK_SCALE, PK_CURRENCY, PK_SERIES, PK_ACTOR,
	PK_SURNAME_ZH, PK_SURNAME_VI, PK_RELATION, PK_EVWORD, PK_RELDAY, PK_PERIOD, PK_RECENT, PK_RELYEAR, PK_COMMIT, PK_KIND_MAX
};

/* A token of a phrase: its folded hash, or SLOT_PLACE for "{P}". */
#define SLOT_PLACE UINT64_C(0x9e3779b97f4a7c15)

struct lsn_phrase {
	uint32_t tok0;   /* first token hash in kb->ptoks */
	uint8_t ntok;    /* at most 48 */
	uint8_t upper;   /* an acronym ("AI", "FDI", "EU"): matched only written in capitals */
	uint8_t kind;    /* enum phrase_kind */
	uint8_t lang;    /* LANG_* bit set: which languages it applies to */
	uint32_t val;    /* place index, title index, event type, field, ... */
	uint32_t next;   /* next phrase with the same first token, 0 = end */
	uint32_t next2;  /* next in its chain of first1 or first2, 0 = end */
};

/* The key of first2: the hashes of a phrase's first two tokens. */
static inline uint64_t lsn_pair_key(uint64_t h0, uint64_t h1)
{
	uint64_t k = (h0 ^ (h1 >> 31) ^ (h1 << 33)) * UINT64_C(0x9e3779b97f4a7c15);
	return k ^ (k >> 32);
}

struct lsn_title {
	uint8_t role;
	uint8_t scope;    /* PL_* or 0 = any */
	uint8_t slots[2]; /* per {P}: 'o' org, 'h' host */
	uint8_t counterpart; /* scope "counterpart": the office of the person spoken of before */
	int32_t org;      /* fixed org place, -1 none */
};

struct lsn_series_ed {
	uint32_t series;  /* index of the series name */
	int edition;
	struct lsn_date start, end;
	int32_t place;
};

enum { LANG_EN = 1, LANG_ZH = 2, LANG_VI = 4, LANG_ALL = 7 };

/* ---- the lexicon (data/lexicon.tsv): language knowledge that is not a phrase of the
 * text's index but a word list the stages consult (names' stop words, speech verbs,
 * future markers, sentence abbreviations, number and time words, ...).  Each class is
 * documented in data/README.md; the loader refuses a class it does not know. ---- */
enum lsn_lex_class {
	LX_NONE = 0,
	/* -- classes read by the extraction stages (src/extract/) -- */
	LX_NAME_STOP,        /* a capitalised word that never begins or ends a person's name */
	LX_FUTURE,           /* a word that makes its sentence speak of the future or an intention */
	LX_NAME_STOP_VI_EXACT, /* a Vietnamese word that is never part of a name (exact) */
	LX_NAME_ORG_NEXT,    /* a word after a name that makes it an institution's */
	LX_STREET_BEFORE,    /* a word before a name that makes it a street's ("đường") */
	LX_LED_BY,           /* words before a delegation's leader ("led by", vi "do") */
	LX_DELEGATION_WORD,  /* a delegation ("delegation", "đoàn") */
	LX_NAME_LAST_STOP,   /* a stop word that may end a surname-led name ("Dang Hoang An") */
	LX_TITLE_BODY_LINK,  /* a lower-case word inside an office's name ("Department of Culture, Sports and Tourism") */
	LX_TITLE_BODY_PARTNER, /* a word of a body named after its partner ("Nghe An Friendship Group") */
	LX_HONORIFIC,        /* a courtesy word before a name (value: 1 before ".", 2 bare) */
	LX_COUNCIL_WORD,     /* a word that makes a title a council's */
	LX_APPOSITIVE_OPENER, /* a word that opens an appositive title ("member") */
	LX_SPEECH_VERB,      /* a verb after a name that makes it the subject ("said") */
	LX_TITLE_PLACE_STOP, /* a word after a title that ends the search for its place */
	LX_THIS_CITY,        /* "this city" (本市) */
	LX_HAN_NAME_STOP,    /* a character that ends a name in Chinese text */
	LX_HAN_NAME_CHAR,    /* a han_name_stop character that may also be a given name's (进) */
	LX_HAN_NAME_END,     /* two characters after a name that begin no given name (一行) */
	LX_HAN_VI_MIDDLE,    /* second character of a Vietnamese woman's name (氏) */
	LX_HAN_NAME_DOT,     /* the dot between the parts of a foreign name in characters (·) */
	LX_TITLE_LIST_MARK,  /* the mark between two titles of one person (、) */
	LX_CITY_WORD,        /* a word after a place that makes it a city (市 of 重庆市) */
	LX_ORDINAL,          /* an ordinal word before a series name (value: the number) */
	LX_EDITION_NUMERAL,  /* a numeral before the edition counter (value: the number) */
	LX_EDITION_COUNTER,  /* the counter word of an edition (届) */
	LX_WEEK_BEFORE,      /* words that put a weekday in the week before (上, tuần trước) */
	LX_BOOK_TITLE_MARK,  /* marks around a title of a work (value: 1 opens, -1 closes) */
	LX_DATELINE_END,     /* a word right after a dateline's date (电) */
	LX_REPORT_WORD,      /* a word right after the date of a report ("6月30日报道") */
	LX_RANGE_WORD,       /* a word between the two ends of a range */
	LX_FUTURE_AUX,       /* a word before a trigger that tells it in the future */
	LX_PLACE_PREP,       /* a preposition that makes a place where something happened */
	LX_RESPECTIVELY,     /* "respectively": one event per person after the trigger */
	LX_CLAUSE_LEAD,      /* a word or mark before a date that opens a clause */
	LX_CLAUSE_END,       /* a mark that ends the clause after a trigger */
	LX_CLAUSE_BREAK,     /* a mark between clauses that each may tell an event (;) */
	LX_MEASURE_WORD,     /* a Chinese measure word after a count */
	LX_COUNT_RANK,       /* a word right before a number that makes it a rank ("top 500") */
	LX_SHARE_WORD,       /* a word shortly before a percentage that makes it a share ("chiếm") */
	LX_TARGET_WORD,      /* a word before an amount in its clause that makes it a target ("strive") */
	LX_ESTABLISH_VERB,   /* a verb that tells a partnership's start */
	LX_TWO_LOCALITIES,   /* "the two cities": both sides of a tie named together */
	LX_EACH_TIE,         /* "分别与 B、C 和 D": one tie with each place listed */
	LX_ORDINAL_SUFFIX,   /* the suffix of an ordinal number ("6th": th) */
	LX_ORDINAL_LEAD,     /* words before an ordinal number ("lần thứ 6") */
	LX_MONTH_BEFORE,     /* a word before a month: the year before ("last") */
	LX_PLACE_FILLER,     /* a word between a preposition and a place ("city of") */
	LX_SESSION_NOUN,     /* a noun before a meeting word: the session told before */
	LX_POSSESSIVE,       /* a possessive before a trigger ("his visit") */
	LX_SUBJECT_PRONOUN,  /* a pronoun that is a trigger's subject ("He also met ...") */
	LX_TIE_SINCE,        /* a word before the year a tie began ("since") */
	LX_TIE_ANNIVERSARY,  /* a word after a number that makes it a tie's age ("anniversary") */
	LX_LIST_JOINER,      /* a word or mark between two items of a list (",", "and") */
	LX_APPOSITIVE_MARK,  /* a mark between a name and its appositive title (",", "(", "-") */
	LX_ANAPHOR_DET,      /* a word before a noun that makes it the one told before ("the", 此次) */
	LX_ATTRIBUTIVE,      /* a mark after a verb that makes it describe a noun (的 of 已签署的协议) */
	LX_INDEFINITE_DET,   /* a word before a noun that makes it a new one ("a", "một") */
	LX_MEASURE_UNIT,     /* a unit of measure right after a number: no count ("m2", "tấn") */
	LX_COUNT_ARTICLE,    /* a word right before a number that names a known set ("the three") */
	LX_NOW_WORD,         /* a word that tells a figure of now, of no period ("currently") */
	LX_YEAR_ANAPHOR,     /* words that take the year told before ("in the year", "同年") */
	LX_YEAR_TARGET,      /* a word right before a year that makes it a target ("by 2030", 到) */
	LX_FOOTER_WORD,      /* a word of a page's footer ("Copyright", ©, 版权所有) */
	LX_TIE_LINK,         /* a word between a consulate and its place ("of", "Socialist", "nước") */
	LX_RESTATE_WORD,     /* a word or mark that states an amount again ("(", "or", 约合) */
	LX_COMPARE_WORD,     /* a word before a year compared with ("from 2017", "so với") */
	LX_FIGURE_ANAPHOR,   /* words for the amount told before ("the figure", 这一数字) */
	LX_ORIGIN_WORD,      /* a word before a count of the places guests came from ("from") */
	LX_PLACE_NOUN,       /* a noun of places counted ("cities and provinces", 省市) */
	LX_KNOWN_DET,        /* a plural determiner before a known set of things ("các", "những") */
	LX_DOCUMENT_NOUN,    /* what one signs ("hiệp định", "thỏa thuận", "văn kiện") */
	/* (more extraction classes go here) */

	/* -- classes read by the document stages (read, clean, segment, annotate, dates) -- */
	LX_SENT_ABBREV,      /* a word ending in '.' after which a sentence goes on ("Gov.", "TP.") */
	LX_TAIL_MARKER,      /* a line that opens a block of links to other stories ("Related news") */
	LX_SENT_END,         /* a mark that ends a sentence at the end of a line (value 1: a full stop) */
	LX_PHOTO_CREDIT,     /* text that opens a photo credit ("(Photo", "Ảnh:", "图片来源") */
	LX_PHOTO_BYLINE,     /* a photographer's credit: value 1 ends it (摄), 2 opens it (记者) */
	LX_BRACKET,          /* value 1 an opening bracket, 2 a closing one ("(", "（") */
	LX_PLACE_SUFFIX,     /* an administrative word after a place in a title ("province", "省") */
	LX_SLOT_ARTICLE,     /* an article that may stand before a title's place ("of the Guangxi ...") */
	LX_SHARED_SUFFIX,    /* a place alias's last character a title may begin with (市) */
	LX_BUILDING_WORD,    /* a word after an office's title that makes it a building (quán, 馆) */
	LX_PLACE_POSSESSIVE,       /* between two places, makes the second the more specific ("'s") */
	LX_NUMBER_WORD,      /* a number written as a word ("twelve"); value: the number */
	LX_PERCENT,          /* a percent word: value 0 after the number (%, percent), 1 before (百分之) */
	LX_FRACTION,         /* a part of a whole in words ("a quarter of"); value: percent x 100 */
	LX_PLACE_COUNT,      /* a numeral counting contracted places (两 of 苏沪两省) */
	LX_PLACE_COUNT_NOUN, /* the noun after that numeral (省 of 苏沪两省) */
	LX_DATE_UNIT,        /* a word of a numeric date: value 1 year, 2 month, 3 day, 4 day of a month */
	LX_RANGE_CONNECTOR,  /* a word joining the ends of a range of days ("to", 至; value 1: 26—30日) */
	LX_WEEKDAY_CUE,      /* a word that makes "thứ Hai" a weekday: value -1 before it, 1 after it */
	LX_PLACE_HEAD,       /* a word before a place's name that a name typed whole may carry ("tỉnh") */
	LX_PLACE_TAIL,       /* a word after a place's name that a name typed whole may carry ("市") */
	LX_PUB_LABEL,        /* a label before a page's publication date (1 published, 2 updated, 3 source) */
	LX_HEADER_WORD,      /* a word a header line may hold beside its date (weekday, zone, "views") */
	LX_LANG_TRAIT,       /* a property of the row's language (decimal_comma, ordinal_weekdays, ...) */
	LX_INVITE_END,       /* a word closing the clause of the host who invited (邀请 of 应X邀请) */
	/* (more document-stage classes go here) */

	/* -- classes read by the input readers (src/read/: HTML, feeds, metadata) -- */
	LX_MONTH_NAME,       /* a month's name or abbreviation in a date on a page (value: 1-12) */
	LX_BOX_MARKER,       /* a heading that opens a box of other stories or of comments */
	/* (reader classes go here) */

	/* -- classes read by the knowledge base, its queries and the command line -- */
	/* (knowledge-base classes go here) */

	LX_MAX
};
struct lsn_lexeme {
	const char *word;    /* as written in the table (NUL-terminated, in the pool) */
	uint32_t len;
	uint8_t lang;        /* LANG_* bits */
	int32_t value;       /* the table's value column, 0 when empty */
	uint64_t h0;         /* lsn_fold_hash of its first word (up to a space) */
};
/* The class's name in data/lexicon.tsv ("name_stop"), or NULL. */
const char *lsn_lex_class_name(int cls);
/* The entry of class `cls` whose word folds (case and diacritics ignored, lsn_fold_hash)
 * to s[0..n), or NULL.  lsn_lex_hash does the same from a folded hash (a token's h). */
const struct lsn_lexeme *lsn_lex_find(const lsn_tables *t, int cls, const char *s, size_t n);
const struct lsn_lexeme *lsn_lex_hash(const lsn_tables *t, int cls, uint64_t fold_hash);
/* The same, diacritics kept (lsn_lower_hash: only case ignored). */
const struct lsn_lexeme *lsn_lex_find_exact(const lsn_tables *t, int cls, const char *s, size_t n);
/* Every entry of a class, in table order (for substring searches). */
const struct lsn_lexeme *lsn_lex_class(const lsn_tables *t, int cls, size_t *n);
/* Can a row of class cls begin at a token of fold hash h whose text begins with byte b?
 * (a row's first word folded, or the first byte of a zh row): a quick no for most tokens. */
int lsn_lex_may_start(const lsn_tables *t, int cls, uint64_t h, unsigned char b);

/* A rule of data/followups.tsv: which later facts follow a commitment up. */
struct lsn_followup {
	const char *type;   /* the commitment's type */
	const char *follow; /* "event" or "figure" */
	int days;           /* the window */
	const char *detail; /* event types, or metric:field pairs, '|'-separated */
};

/* The entries of struct lsn_tables' lex_post that are no lexicon row. */
enum { LXP_START = LX_MAX, LXP_FIRST2 = 2 * LX_MAX, LXP_FIRST1, LXP_SURNAME, LXP_PLACE, LXP_SECOND };

struct lsn_tables {
	char *pool;                 /* all table text, owned */
	size_t pool_len;
	struct lsn_place *places;   size_t nplaces;
	struct lsn_title *titles;   size_t ntitles;
	struct lsn_actor *actors;   size_t nactors;
	struct lsn_arole *aroles;   size_t naroles;
	struct lsn_series_ed *eds;  size_t neds;
	const char **series_names;  size_t nseries;
	double *scales;             size_t nscales;   /* PK_SCALE values */
	const char **currencies;    size_t ncurrencies;
	const char **currency_forms; /* per currency row: the word or symbol as written */
	struct lsn_phrase *phrases; size_t nphrases;
	uint64_t *ptoks;            size_t nptoks;
	struct lsn_map first;       /* first token hash -> phrase index + 1 */
	/* The same phrases split by what tells them apart soonest, each chain in the
	 * order of first's (newest first), linked by next2: those of one token or
	 * with a {P} second (first1, by first token), and the others (first2, by
	 * lsn_pair_key of their first two tokens).  A token of the text looks
	 * only at the phrases its next token can continue. */
	struct lsn_map first1, first2;
	struct lsn_map after_slot;  /* phrases opening with {P}: by their second token */
	struct lsn_map vi_surnames; /* Vietnamese surnames, by lsn_lower_hash */
	struct lsn_map abbrevs;     /* 苏 -> Jiangsu: folded hash -> place index + 1 */
	struct lsn_map actor_ids;   /* folded actor id -> actor index + 1 */
	struct lsn_map actor_marks; /* lsn_actor_marks_key(index, lsn_marks_sig of a Latin form) */
	int32_t place_vietnam, place_china;
	struct lsn_followup *followups; size_t nfollowups;
	struct lsn_lexeme *lex[LX_MAX]; size_t nlex[LX_MAX]; /* data/lexicon.tsv, by class */
	struct lsn_map lex_fold;    /* (class, lsn_fold_hash) -> index in its class + 1 */
	struct lsn_map lex_lower;   /* (class, lsn_lower_hash) -> index in its class + 1 */
	struct lsn_map lex_first;   /* (class, lsn_fold_hash of a row's first word) -> 1 (rows not zh) */
	uint8_t lex_zh_first[LX_MAX][32]; /* per class: the first bytes of its zh rows, a bit each */
	/* The rows of every class a word is, for the tokens of a text (lsn_tok_lexf,
	 * lsn_tok_lexl): by lsn_fold_hash and by lsn_lower_hash alone, the offset + 1 of
	 * a run of lex_post (the row lex_fold or lex_lower gives, per class), ended by
	 * an entry of class 0, in order of class and row; also entries of class
	 * LXP_START + c, a row of class c that may begin with the word: in the folded
	 * runs the rows not zh whose first word it is (lex_first), in the lower-cased
	 * ones the zh rows whose first character it is; in the folded runs one of
	 * LXP_FIRST1 with its first1 value, and one of LXP_FIRST2 when a phrase of
	 * first2 begins with it (LXP_SECOND: has it second), one of LXP_SURNAME when a
	 * surname phrase begins with it, one of LXP_PLACE when a place or demonym does.   One look-up a token then answers every class. */
	struct lsn_map lex_tok_fold, lex_tok_lower; /* (while loading) */
	/* both in one table (lsn_words_get): an ASCII word folds as it lower-cases, so
	 * that one look-up finds both of its runs */
	struct lsn_word_slot {
		uint64_t key; /* 0: empty */
		uint32_t fold, lower;
	} *words;
	size_t capwords;
	struct lsn_lexpost {
		uint32_t cls, idx;
	} *lex_post;
	size_t nlex_post;
};

/* Index of the place with canonical id `id`, or -1. */
int32_t lsn_tables_place(const lsn_tables *kb, const char *id);
/* Index of the known actor whose folded name is `name`, or -1. */
int32_t lsn_tables_actor_by_name(const lsn_tables *kb, const char *name, size_t n);

/* Embedded tables (generated at build time from data/). */
struct lsn_blob {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct lsn_blob lsn_blobs[];
extern const size_t lsn_nblobs;

/* ---- the document ---- */

struct lsn_span {
	uint32_t start, end;
};

enum tok_kind { TK_WORD = 1, TK_NUM, TK_HAN, TK_PUNCT, TK_OTHER };
enum {
	TF_CAP = 1,      /* begins with an upper-case letter */
	TF_UPPER = 2,    /* every letter upper-case (and more than one) */
	TF_SPACE = 4,    /* white space before it */
	TF_SENT0 = 8,    /* first token of its sentence */
};

struct lsn_tok {
	uint32_t start, end;
	uint64_t h;       /* lsn_fold_hash of its text */
	uint8_t kind, flags;
	uint16_t pad;
	uint32_t sent;    /* sentence index */
};

/* A phrase found in the text: tokens [t0, t1). */
struct lsn_hit {
	uint32_t t0, t1;
	uint8_t kind;
	uint32_t val;
	int32_t a, b;     /* title: org and host place (-1 none) */
};

struct lsn_datehit {
	uint32_t t0, t1;
	struct lsn_date dt;
	uint8_t relative; /* resolved from a weekday or "yesterday" */
	uint8_t range;    /* 1: the first day of a range ("May 25-28", "11/6 đến 15/6"),
			     2: its last day, told as a date of its own */
	uint8_t open;     /* its year could not be told from the text */
	uint8_t ysrc;     /* how its year was known: DW_* (extract --explain) */
	uint8_t ywhy;     /* open: why no year (DN_*) */
	int32_t yhit;     /* DW_SENTENCE: the date hit that names the year, else -1 */
};

struct lsn_num {
	uint32_t t0, t1;
	double value;     /* base units */
	char unit[4];     /* ISO 4217, "pct" or "" (count) */
	double change;    /* percent change, NAN if none */
	uint8_t part;     /* a part of a whole written in words ("a quarter of"): a share */
};

struct lsn_person {
	char name[96];    /* canonical */
	int32_t actor;    /* kb actor or -1 */
	uint8_t role;
	int32_t org;      /* place index or -1 */
	char org_name[96];
	char cc[3];
	uint32_t first_tok, nment;
	uint32_t last_tok;   /* its latest mention so far (second pass) */
	uint8_t subject;  /* seen as a sentence subject or speaker */
	uint8_t include;
	uint32_t surname_h, given_h; /* folded hashes of short forms */
	uint32_t surname_mk, given_mk; /* their marks (lsn_marks_sig, low bits) */
	char ments[8][96];
	uint8_t nments;
	uint8_t vn_order; /* Vietnamese name: short form is the last word */
	uint8_t historical; /* "the late President ...": never a participant */
	uint8_t han_len;    /* a name in characters: its length in tokens */
	uint8_t foreign;    /* a dotted foreign name in characters: no side by default */
	uint8_t apposed;    /* introduced as "Name, Title of ..." */
};

/* The evidence that fixed an event's date (extract --explain): the kind that
 * decided (DW_*), the date expression (a date hit, or -1), where the deciding
 * evidence is when it is not the expression itself (byte offsets, end 0 when
 * it has none in the text: metadata), and why the date is null or partial (DN_*). */
enum { DW_NONE = 0, DW_STATED, DW_SENTENCE, DW_PUBLISHED, DW_DATELINE, DW_EDITION, DW_TENURE,
       DW_TEXT_YEAR, DW_ORDER };
enum { DN_NONE = 0, DN_NO_DATE, DN_NO_YEAR, DN_DISAGREE, DN_SPAN, DN_DAY_UNTOLD, DN_RECENT,
       DN_EDITION_DAYS, DN_YEAR_ONLY, DN_UNLINKED };
extern const char *const lsn_date_by[];  /* DW_* names */
extern const char *const lsn_date_why[]; /* DN_* names, index 0 = NULL */
struct lsn_date_ev {
	uint8_t by, why;
	int32_t hit;
	struct lsn_span from;
	int32_t person; /* DW_TENURE: the person whose tenure gave the year, else -1 */
};

struct lsn_event {
	uint8_t type;
	struct lsn_date date;
	int32_t place;
	uint32_t sent;     /* evidence sentence */
	uint16_t parts[8]; uint8_t nparts;
	int32_t parties[8]; uint8_t nparties;
	uint8_t dropped;
	uint8_t dated;      /* 0 inferred, 1 stated, 2 by a recurring event's edition,
			       3 "recently": the publication's year or month */
	uint8_t split;      /* one of several told together ("respectively") */
	uint8_t range;      /* dated by the first day of a range ("May 25-28") */
	uint8_t joint;      /* a meeting of several sides named by their places */
	uint8_t inherit;    /* dated as the story's main event (told without a date) */
	struct lsn_date_ev why; /* the evidence of its date (filled after the story passes) */
};

struct lsn_figure {
	uint8_t metric;
	char period[24];
	double value;
	char unit[8];
	double change;
	int32_t parties[4]; uint8_t nparties;
	uint64_t noun;    /* a count: the folded hash of the noun counted (0: none) */
};

struct lsn_relation {
	uint8_t type; /* 1 sister_city, 2 partnership, 3 consulate */
	int32_t a, b;
	int since;
};

/* A commitment between two sides (data/commitments.tsv, src/extract/commitments.c): one per
 * (type, speaking side, addressed side) in a story, gathering the fields of every sentence
 * that makes it. */
enum { CM_NONE = 0, CM_PROPOSAL, CM_PLEDGE, CM_INVITATION, CM_AGREEMENT };
/* The words' acts in data/commitments.tsv: the four types, then the acts that only tell who. */
enum { CA_INVITED_BY = CM_AGREEMENT + 1, CA_ACCEPTED, CA_OBJECT, CA_NONE, CA_PRONOUN, CA_LOCATIVE, CA_INVITATION_OF,
       CA_SAID_BY, CA_VIEW, CA_DUTY, CA_COURTESY, CA_MODAL, CA_JOINT, CA_TOPIC, CA_DOCUMENT, CA_BELIEF };
extern const char *const lsn_commit_types[]; /* index 0 = none */
struct lsn_commitment {
	uint8_t type;               /* CM_* */
	int8_t accepted;            /* an invitation: 1 accepted, 0 declined, -1 not told */
	int32_t by;                 /* the speaker: person index, or -1 when a side speaks */
	int32_t by_party, to_party; /* place indexes: the speaking and the addressed side */
	uint32_t fields;            /* bit set over lsn_fields */
	uint32_t sent;              /* evidence: the first sentence that makes it */
};

struct lsn_doc {
	const lsn_tables *kb;      /* set by lsn_extract; must outlive output */
	void *kbprep;          /* its record made ahead for the knowledge base (store.c) */
	void (*kbprep_free)(void *);
	char *id;
	char *text;           /* NFC, valid UTF-8, NUL-terminated, owned */
	size_t len;
	struct lsn_issue *issues; size_t nissues, capissues;
	char lang[8];
	struct lsn_date published;
	int meta_published;   /* set from metadata */
	int pub_from_line;    /* from a line holding only a date (a page's header); 2 with a time of day */
	struct lsn_date pub_alt; /* another header line's date, when the page has two (clean.c) */
	struct lsn_span pub_line, pub_alt_line; /* the header lines of those (end 0: none) */
	int done;

	struct lsn_span *lines; size_t nlines, caplines;   /* kept lines */
	struct lsn_span *sents; size_t nsents, capsents;
	struct lsn_tok *toks;   size_t ntoks, captoks;
	struct lsn_hit *hits;   size_t nhits, caphits;
	struct lsn_datehit *dates; size_t ndates, capdates;
	struct lsn_num *nums;   size_t nnums, capnums;

	struct lsn_person *persons; size_t npersons, cappersons;
	struct lsn_event *events;   size_t nevents, capevents;
	struct lsn_figure *figures; size_t nfigures, capfigures;
	struct lsn_relation *rels;  size_t nrels, caprels;
	struct lsn_commitment *commits; size_t ncommits, capcommits;
	uint32_t fields;            /* bit set over lsn_fields */
	struct lsn_date ref;        /* reference date for relative forms */
	uint8_t ref_by;             /* what gave it: DW_* */
	struct lsn_span ref_from;   /* its evidence in the text (end 0: none, metadata) */
	int32_t ref_person;         /* DW_TENURE: the person, else -1 */
	int32_t *ment_person;       /* per token: person index + 1 of a mention starting here */
	uint32_t *pl_end;           /* per token: end of the longest place match there, 0 none */
	int32_t *pl_idx;            /* and its place */
	uint8_t *pl_kind;           /* PK_PLACE or PK_DEMONYM */
	uint32_t *ph_starts;        /* per token: the heads of its first1 and first2 chains */
	size_t cappl;
	uint32_t *tok_lex;          /* per token: its runs of kb->lex_post, folded and lower-cased */
	size_t captoklex;
};

/* Stages (each in its own file). */
enum lsn_status lsn_clean(const lsn_tables *kb, lsn_doc *doc);
void lsn_lang_detect(lsn_doc *doc);
/* lsn_extract with the document's language given (en, zh, vi), not detected;
 * lang NULL: detected, as lsn_extract does. */
enum lsn_status lsn_extract_as(const lsn_tables *kb, lsn_doc *doc, const char *lang);
enum lsn_status lsn_segment(const lsn_tables *kb, lsn_doc *doc);
enum lsn_status lsn_annotate(const lsn_tables *kb, lsn_doc *doc);
/* dates.c, the last step of annotate: the dates of a segmented document whose phrase hits
 * (months, weekdays, relative days) are found, into doc->dates in text order.  Year-less
 * and relative ones are completed against the reference date in extract.c. */
enum lsn_status lsn_dates_find(const lsn_tables *kb, lsn_doc *doc);
enum lsn_status lsn_extract_records(const lsn_tables *kb, lsn_doc *doc);
/* After the records: what each side proposed, pledged, invited and agreed (commitments.c). */
enum lsn_status lsn_extract_commitments(const lsn_tables *kb, lsn_doc *doc);

/* segment.c: tests on token i of doc.  lsn_tok_is: its bytes are s (i must be a token);
 * lsn_tok_fold_is: it folds to s (i may be past the end: 0); lsn_tok_int: its value when
 * it is a number of at most maxlen ASCII digits, else -1 (i must be a token). */
int lsn_tok_is(const lsn_doc *doc, uint32_t i, const char *s);
int lsn_tok_fold_is(const lsn_doc *doc, uint32_t i, const char *s);
int lsn_tok_int(const lsn_doc *doc, uint32_t i, int maxlen);
/* Token i of doc as an entry of lexicon class cls of a language in `langs` (LANG_* bits):
 * lsn_tok_lex_exact: the entry written exactly as the token is (bytes equal);
 * lsn_tok_lex: the entry that folds as the token does (its h).  NULL when none or when i is
 * past the last token. */
const struct lsn_lexeme *lsn_tok_lex_exact(const lsn_tables *kb, int cls, const lsn_doc *doc, uint32_t i,
					   uint8_t langs);
const struct lsn_lexeme *lsn_tok_lex(const lsn_tables *kb, int cls, const lsn_doc *doc, uint32_t i,
				     uint8_t langs);
/* The slot of the word index (struct lsn_tables: words) of hash h: its runs, or a slot of
 * no runs when the tables know no such word. */
static inline const struct lsn_word_slot *lsn_words_get(const lsn_tables *kb, uint64_t h)
{
	static const struct lsn_word_slot none = {0, 0, 0};
	if (!kb->capwords)
		return &none;
	size_t mask = kb->capwords - 1, i = (size_t)(h ^ (h >> 29)) & mask;
	while (kb->words[i].key && kb->words[i].key != h)
		i = (i + 1) & mask;
	return kb->words[i].key ? &kb->words[i] : &none;
}
/* The row of class cls that token i (a token) is, as lsn_lex_hash gives it for the
 * token's h (lsn_tok_lexf) and as lsn_lex_find_exact gives it for its bytes
 * (lsn_tok_lexl), from the token's runs of kb->lex_post found once (lsn_segment). */
static inline const struct lsn_lexeme *lsn_tok_lex_run(const lsn_tables *kb, uint32_t run, int cls)
{
	if (!run)
		return NULL;
	/* a run is in order of class: past cls, no more of it */
	for (const struct lsn_lexpost *p = kb->lex_post + run - 1; p->cls && p->cls <= (uint32_t)cls; p++)
		if (p->cls == (uint32_t)cls)
			return &kb->lex[cls][p->idx];
	return NULL;
}
/* Does a row of class cls (not zh) begin with the word of token i, or a zh row with its
 * first byte (lsn_lex_may_start)? */
static inline int lsn_tok_lex_may_start(const lsn_tables *kb, const lsn_doc *doc, int cls, uint32_t i)
{
	unsigned char b = (unsigned char)doc->text[doc->toks[i].start];
	if (cls <= 0 || cls >= LX_MAX)
		return 0;
	if (kb->lex_zh_first[cls][b >> 3] >> (b & 7) & 1)
		return 1;
	uint32_t run = doc->tok_lex[2 * i];
	if (run)
		for (const struct lsn_lexpost *p = kb->lex_post + run - 1; p->cls && p->cls <= (uint32_t)(LXP_START + cls); p++)
			if (p->cls == (uint32_t)(LXP_START + cls))
				return 1;
	return 0;
}
/* The rows of class cls that may begin at token i, in table order (lsn_tok_starts_next
 * gives each index in turn, -1 at the end): of those not zh, the rows whose first word
 * folds as the token; of the zh ones, those whose first character is the token,
 * lower-cased.  The others cannot match there. */
struct lsn_tok_starts {
	const struct lsn_lexpost *a, *b;
	uint32_t code;
};
static inline const struct lsn_lexpost *lsn_tok_starts_run(const lsn_tables *kb, uint32_t run, uint32_t code)
{
	for (const struct lsn_lexpost *p = run ? kb->lex_post + run - 1 : NULL; p && p->cls && p->cls <= code; p++)
		if (p->cls == code)
			return p;
	return NULL;
}
static inline void lsn_tok_starts(const lsn_tables *kb, const lsn_doc *doc, int cls, uint32_t i,
				  struct lsn_tok_starts *it)
{
	it->code = (uint32_t)(LXP_START + cls);
	it->a = lsn_tok_starts_run(kb, doc->tok_lex[2 * i], it->code);
	it->b = lsn_tok_starts_run(kb, doc->tok_lex[2 * i + 1], it->code);
}
static inline int64_t lsn_tok_starts_next(struct lsn_tok_starts *it)
{
	int a = it->a && it->a->cls == it->code, b = it->b && it->b->cls == it->code;
	if (!a && !b)
		return -1;
	const struct lsn_lexpost **p = a && (!b || it->a->idx < it->b->idx) ? &it->a : &it->b;
	return (int64_t)(*p)++->idx;
}
static inline const struct lsn_lexeme *lsn_tok_lexf(const lsn_tables *kb, const lsn_doc *doc, int cls,
						     uint32_t i)
{
	return lsn_tok_lex_run(kb, doc->tok_lex[2 * i], cls);
}
static inline const struct lsn_lexeme *lsn_tok_lexl(const lsn_tables *kb, const lsn_doc *doc, int cls,
						     uint32_t i)
{
	return lsn_tok_lex_run(kb, doc->tok_lex[2 * i + 1], cls);
}
/* The first entry of class cls, in table order, written exactly as the tokens of doc from i
 * on (none at or past `end`; the entry's white space between tokens ignored): returns the
 * token after it, and the entry in *which (may be NULL); 0 when none. */
uint32_t lsn_toks_lex_exact(const lsn_tables *kb, int cls, const lsn_doc *doc, uint32_t i, uint32_t end,
			    const struct lsn_lexeme **which);

/* lang.c: the LANG_* bit of a document's language code ("en", "zh", "vi"; 0 for any
 * other), and whether that language has a property of lexicon class lang_trait
 * ("decimal_comma": data/README.md lists them); a language without a bit has none. */
uint8_t lsn_lang_bits(const char *lang);
int lsn_lang_trait(const lsn_tables *kb, const char *lang, const char *trait);

/* lang.c: the CLD2 shim (C++). Returns a static ISO 639-1 code or "und". */
const char *lsn_cld2_detect(const char *text, size_t len, int *reliable);

int lsn_doc_add_issue(lsn_doc *doc, size_t offset, const char *msg);

/* ---- hanread.c ---- */

/* Chinese-character personal names read aloud: in pinyin ("Chen Jining") and
 * in Sino-Vietnamese ("Trần Cát Ninh", "Nguyễn Xuân Phúc").  The tables come
 * from Unihan at build time (tools/gen_hanread.c -> hanread_tables.c) and
 * from data/hanviet_supplement.tsv and data/name_pinyin.tsv, which win.
 *
 * Every function writes a NUL-terminated string of at most cap bytes and
 * returns its length; it returns 0 and writes "" when a character is not a
 * Han character with a known reading, when the name has the wrong length, or
 * when the result does not fit.  Nothing is allocated per call; the tables
 * are const (the embedded data tables are indexed once, thread-safely). */

/* One code point of the generated table: offsets into lsn_han_pool (0 = no
 * reading) of its toneless pinyin and of its Vietnamese reading. */
struct lsn_han_entry {
	uint32_t cp;
	uint16_t py, vi;
	uint16_t freq; /* kHanyuPinlu counts (capped), 1 for a standard character without: how common */
};
struct lsn_han_pair {
	uint32_t from, to;
};
extern const struct lsn_han_entry lsn_han_tab[]; /* sorted by cp */
extern const size_t lsn_han_ntab;
extern const struct lsn_han_pair lsn_han_simp[]; /* traditional -> simplified, sorted */
extern const size_t lsn_han_nsimp;
extern const char lsn_han_pool[];

/* A name of 2-4 Han characters -> "Surname Givenname" in toneless pinyin:
 * 陈吉宁 -> "Chen Jining", 欧阳修 -> "Ouyang Xiu", 单霁翔 -> "Shan Jixiang". */
size_t lsn_han_pinyin_name(const char *s, size_t n, char *out, size_t cap);
/* A name of 2-5 Han characters -> its Sino-Vietnamese reading, each syllable
 * capitalised, NFC: 阮春福 -> "Nguyễn Xuân Phúc", 陈吉宁 -> "Trần Cát Ninh". */
size_t lsn_han_viet_name(const char *s, size_t n, char *out, size_t cap);
/* One character: its Vietnamese reading ("trần"), supplement first. */
size_t lsn_han_viet_reading(uint32_t cp, char *out, size_t cap);
/* One character: its first Mandarin reading, toneless, ü as u ("lu" for 吕). */
size_t lsn_han_pinyin_reading(uint32_t cp, char *out, size_t cap);
/* The folded key of a Vietnamese-spelled name: lsn_fold_hash of the name
 * with runs of white space made one space, trimmed.  Case, diacritics and
 * NFC/NFD do not change it.  0 for an empty or over-long (> 255 bytes) name. */
uint64_t lsn_viet_name_key(const char *s, size_t n);
/* 1 when the Vietnamese text viet (vn bytes) is a reading of the Han name han
 * (hn bytes), syllable by syllable, with any of a character's accepted
 * readings (武 vũ or võ, 黄 hoàng or huỳnh), compared folded; else 0. */
int lsn_han_viet_match(const char *han, size_t hn, const char *viet, size_t vn);
/* The characters han[0..hn) spelled in Vietnamese with, for each, the reading
 * the name viet gives (lsn_han_viet_match; "黄明强", "Huynh Minh Cuong" ->
 * "Huỳnh Minh Cường"): its length, 0 (and "") when viet is not their reading. */
size_t lsn_han_viet_spell(const char *han, size_t hn, const char *viet, size_t vn, char *out, size_t cap);
/* A Chinese name in its Vietnamese reading -> pinyin ("Hoa Nguyên" -> "Hua
 * Yuan", "Trần Cát Ninh" -> "Chen Jining"): each syllable is read as the most
 * common character with that reading (Unihan's kHanyuPinlu counts), the
 * first as a surname when one fits.  0 and "" when a syllable has no
 * common character. */
size_t lsn_viet_pinyin_name(const char *s, size_t n, char *out, size_t cap);

#endif
