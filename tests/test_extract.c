/*
 * test_extract.c — the extraction stages (annotate + extract) end to end on
 * short texts: dates, figures, titles and names, events, relations, in
 * English, Chinese and Vietnamese, and input that must not break anything.
 *
 * Every case is a row of a table: a text, optionally a publication date (as
 * metadata, the `published` argument of lsn_doc_new), and checks.  A check
 * names a value by a path and says what it must be.  Paths address the JSON
 * record of SCHEMA.md (parsed with jansson), or, when they start with '@',
 * a view of the document's internals (doc->dates, doc->nums, doc->persons)
 * built by internals() below:
 *
 *   events[0].date                       array index
 *   persons[name=Zhao Mingyuan].role     first element whose key has that string
 *   @dates[text=May 25-28].date          the date hit read from "May 25-28"
 *   relations[0].ends                    added by the test: [a, b], for checks
 *                                        that do not care which end is which
 *
 * Each row is registered as a cmocka test of its own, named after the row.
 * All people are fictional; the places are real.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>
#include "lsn_int.h"

/* ---- checks ---- */

enum {
	C_STR = 's',   /* a JSON string equal to `s` */
	C_NUM = 'n',   /* a JSON number equal to `n` (relative 1e-9) */
	C_JSON = 'j',  /* json_equal to the JSON text `s` (null, [..], {..}) */
	C_SET = 'u',   /* an array holding the strings of the JSON array `s`, in any order */
	C_HAS = 'h',   /* an array with the string `s` among its elements */
	C_LEN = 'l',   /* an array of `n` elements */
	C_NONE = 'x',  /* the path leads nowhere (no such element) */
};

struct check {
	const char *path;
	char op;
	const char *s;
	double n;
};

#define S(p, v)    {p, C_STR, v, 0}
#define N(p, v)    {p, C_NUM, NULL, v}
#define J(p, v)    {p, C_JSON, v, 0}
#define SET(p, v)  {p, C_SET, v, 0}
#define HAS(p, v)  {p, C_HAS, v, 0}
#define LEN(p, v)  {p, C_LEN, NULL, v}
#define NONE(p)    {p, C_NONE, NULL, 0}

#define MAX_CHECKS 12

struct xcase {
	const char *name;
	const char *text;
	size_t len;            /* 0: strlen(text) */
	const char *published; /* metadata date or NULL */
	struct check checks[MAX_CHECKS];
};

/* ---- the knowledge tables, loaded once ---- */

static lsn_tables *the_kb;

static const lsn_tables *kb(void)
{
	if (!the_kb) {
		char err[256];
		the_kb = lsn_tables_new(NULL, err, sizeof err);
		if (!the_kb)
			fail_msg("lsn_tables_new: %s", err);
	}
	return the_kb;
}

/* ---- paths ---- */

/* Follows `path` from root; NULL when it leads nowhere. */
static json_t *path_get(json_t *root, const char *path)
{
	json_t *cur = root;
	const char *p = path;
	while (*p && cur) {
		if (*p == '.') {
			p++;
			continue;
		}
		if (*p == '[') {
			const char *close = strchr(p, ']');
			if (!close || !json_is_array(cur))
				return NULL;
			const char *eq = memchr(p, '=', (size_t)(close - p));
			if (!eq) {
				cur = json_array_get(cur, (size_t)strtoul(p + 1, NULL, 10));
			} else {
				char key[64], val[256];
				snprintf(key, sizeof key, "%.*s", (int)(eq - p - 1), p + 1);
				snprintf(val, sizeof val, "%.*s", (int)(close - eq - 1), eq + 1);
				json_t *found = NULL, *el;
				size_t i;
				json_array_foreach(cur, i, el) {
					json_t *v = json_object_get(el, key);
					if (json_is_string(v) && !strcmp(json_string_value(v), val)) {
						found = el;
						break;
					}
				}
				cur = found;
			}
			p = close + 1;
			continue;
		}
		size_t n = strcspn(p, ".[");
		char key[64];
		snprintf(key, sizeof key, "%.*s", (int)n, p);
		cur = json_is_object(cur) ? json_object_get(cur, key) : NULL;
		p += n;
	}
	return cur;
}

/* ---- the internals view ---- */

static json_t *span_text(const lsn_doc *doc, uint32_t t0, uint32_t t1)
{
	if (t1 <= t0 || t1 > doc->ntoks)
		return json_string("");
	size_t a = doc->toks[t0].start, b = doc->toks[t1 - 1].end;
	return json_stringn(doc->text + a, b - a);
}

static json_t *internals(const lsn_doc *doc)
{
	json_t *o = json_object();
	json_t *dates = json_array();
	for (size_t k = 0; k < doc->ndates; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		char d[11];
		lsn_date_str(dh->dt, d);
		json_array_append_new(dates, json_pack("{s:o,s:s,s:i,s:i}", "text", span_text(doc, dh->t0, dh->t1),
						       "date", d, "relative", (int)dh->relative, "range",
						       (int)dh->range));
	}
	json_object_set_new(o, "dates", dates);
	json_t *nums = json_array();
	for (size_t k = 0; k < doc->nnums; k++) {
		const struct lsn_num *nm = &doc->nums[k];
		json_array_append_new(nums, json_pack("{s:o,s:f,s:s}", "text", span_text(doc, nm->t0, nm->t1),
						      "value", nm->value, "unit", nm->unit));
	}
	json_object_set_new(o, "nums", nums);
	json_t *persons = json_array();
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *p = &doc->persons[k];
		json_array_append_new(persons, json_pack("{s:s,s:i,s:i}", "name", p->name, "nment",
							 (int)p->nment, "include", (int)p->include));
	}
	json_object_set_new(o, "persons", persons);
	json_t *events = json_array();
	for (size_t k = 0; k < doc->nevents; k++) {
		const struct lsn_event *e = &doc->events[k];
		json_array_append_new(events, json_pack("{s:s,s:i,s:i}", "type", lsn_ev_types[e->type],
							"dropped", (int)e->dropped, "split", (int)e->split));
	}
	json_object_set_new(o, "events", events);
	json_object_set_new(o, "issues", json_integer((json_int_t)lsn_doc_issue_count(doc)));
	return o;
}

/* ---- running a case ---- */

static int check_one(const struct check *c, json_t *v, char *why, size_t cap)
{
	switch (c->op) {
	case C_NONE:
		if (v)
			return snprintf(why, cap, "expected nothing"), 0;
		return 1;
	case C_STR:
		if (!json_is_string(v) || strcmp(json_string_value(v), c->s))
			return snprintf(why, cap, "want \"%s\"", c->s), 0;
		return 1;
	case C_NUM: {
		double got = json_is_number(v) ? json_number_value(v) : NAN;
		if (!(fabs(got - c->n) <= 1e-9 * fmax(1.0, fabs(c->n))))
			return snprintf(why, cap, "want %.12g", c->n), 0;
		return 1;
	}
	case C_LEN:
		if (!json_is_array(v) || json_array_size(v) != (size_t)c->n)
			return snprintf(why, cap, "want an array of %.0f", c->n), 0;
		return 1;
	case C_HAS: {
		size_t i;
		json_t *el;
		if (json_is_array(v))
			json_array_foreach(v, i, el) if (json_is_string(el) && !strcmp(json_string_value(el), c->s))
				return 1;
		return snprintf(why, cap, "want an array holding \"%s\"", c->s), 0;
	}
	case C_JSON:
	case C_SET: {
		json_error_t err;
		json_t *want = json_loads(c->s, JSON_DECODE_ANY, &err);
		if (!want)
			fail_msg("bad JSON in the test table: %s", c->s);
		int ok;
		if (c->op == C_JSON) {
			ok = v && json_equal(v, want);
		} else {
			ok = json_is_array(v) && json_array_size(v) == json_array_size(want);
			size_t i;
			json_t *el;
			json_array_foreach(want, i, el) {
				int in = 0;
				size_t j;
				json_t *g;
				if (ok)
					json_array_foreach(v, j, g) in |= json_equal(g, el);
				ok = ok && in;
			}
		}
		json_decref(want);
		if (!ok)
			snprintf(why, cap, "want %s%s", c->op == C_SET ? "(any order) " : "", c->s);
		return ok;
	}
	}
	fail_msg("unknown check op '%c'", c->op);
	return 0;
}

/* Checks `c` against the record and the internals; prints what failed. */
static int run_checks(const char *name, const struct check *checks, size_t nchecks, json_t *rec,
		      json_t *in)
{
	int bad = 0;
	for (size_t i = 0; i < nchecks && checks[i].path; i++) {
		const struct check *c = &checks[i];
		json_t *v = c->path[0] == '@' ? path_get(in, c->path + 1) : path_get(rec, c->path);
		char why[320];
		if (!check_one(c, v, why, sizeof why)) {
			char *got = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
			print_error("%s: %s: %s, got %s\n", name, c->path, why, got ? got : "(nothing)");
			free(got);
			bad++;
		}
	}
	return bad;
}

/* Extracts `text` and returns its record, parsed; *in gets the internals. */
static json_t *extract(const char *text, size_t len, const char *published, json_t **in)
{
	lsn_doc *doc = NULL;
	assert_int_equal(lsn_doc_new("t", text, len, published, &doc, NULL), LSN_OK);
	assert_int_equal(lsn_extract(kb(), doc), LSN_OK);
	struct lsn_buf b;
	lsn_buf_init(&b);
	assert_int_equal(lsn_doc_json(doc, &b, 0), LSN_OK);
	assert_true(b.len > 0 && b.data[b.len - 1] == '\n');
	json_error_t err;
	json_t *rec = json_loadb(b.data, b.len, 0, &err);
	if (!rec)
		fail_msg("record is not JSON (%s): %.*s", err.text, (int)b.len, b.data);
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(rec, "relations"), i, r)
		json_object_set_new(r, "ends", json_pack("[OO]", json_object_get(r, "a"), json_object_get(r, "b")));
	if (in)
		*in = internals(doc);
	lsn_buf_clear(&b);
	lsn_doc_free(doc);
	return rec;
}

static void run_case(void **state)
{
	const struct xcase *c = *state;
	json_t *in = NULL;
	json_t *rec = extract(c->text, c->len ? c->len : strlen(c->text), c->published, &in);
	int bad = run_checks(c->name, c->checks, MAX_CHECKS, rec, in);
	if (bad) {
		char *all = json_dumps(rec, JSON_COMPACT);
		print_error("%s: record %s\n", c->name, all);
		free(all);
	}
	json_decref(rec);
	json_decref(in);
	if (bad)
		fail_msg("%s: %d check(s) failed", c->name, bad);
}

/* ==================================================================== */
/* The cases                                                             */
/* ==================================================================== */

/* The same meeting, told with different dates. */
#define EN_MEETING "Shanghai Mayor Zhao Mingyuan met with Vietnamese Ambassador to China Tran Van Khoa in Shanghai"
#define ZH_MEETING "江苏省副省长罗建华在南京会见了越南驻上海总领事阮文明。"
#define VI_MEETING                                                                          \
	"Chủ tịch UBND tỉnh Lạng Sơn Hoàng Minh Tuấn đã hội đàm với Phó Chủ tịch Khu tự trị dân " \
	"tộc Choang Quảng Tây Lâm Kiến Hoa."

static const struct xcase cases[] = {
	/* ---------------------------------------------------------- English: dates */
	{"en_date_month_day_year_from_published", "On October 9, " EN_MEETING ".\n", 0, "2020-10-12",
	 {S("published", "2020-10-12"), S("@dates[text=October 9].date", "2020-10-09"),
	  S("events[0].date", "2020-10-09")}},
	{"en_date_day_month_year", EN_MEETING " on 9 October 2020.\n", 0, NULL,
	 {J("published", "null"), S("@dates[text=9 October 2020].date", "2020-10-09"),
	  S("events[0].date", "2020-10-09")}},
	{"en_date_on_thursday_against_published", EN_MEETING " on Thursday.\n", 0, "2020-10-12" /* a Monday */,
	 {S("@dates[text=Thursday].date", "2020-10-08"), N("@dates[text=Thursday].relative", 1),
	  S("events[0].date", "2020-10-08")}},
	/* told without a date: the date of the event before it that shares a side */
	{"en_date_from_event_before",
	 "On June 5, Guangxi Vice Chairman Luo Jianhua met with Lang Son Chairman Tran Van Khoa in Nanning. "
	 "On June 6, Yunnan Vice Governor Zhao Mingyuan met with Lao Cai Chairman Nguyen Van Hung in Kunming. "
	 "Yunnan and Lao Cai then signed an agreement on border trade.\n",
	 0, "2025-06-08", {LEN("events", 3), S("events[2].type", "signing"), S("events[2].date", "2025-06-06")}},
	/* "the signing took place during ...": the signing told before, not another */
	{"en_signing_took_place",
	 "Shanghai and Ho Chi Minh City on Tuesday signed a memorandum of understanding on smart city cooperation. "
	 "The signing took place during a working session between Shanghai Vice Mayor Luo Jianhua and Ho Chi Minh "
	 "City Vice Chairman Tran Van Khoa.\n",
	 0, "2024-12-04", {LEN("events", 2), S("events[0].type", "signing"), S("events[1].type", "meeting"),
			   S("events[1].date", "2024-12-03")}},
	/* the day the lead tells, when no event is dated in its own sentence */
	{"en_date_from_lead_day",
	 "Shanghai and Ho Chi Minh City on July 11 held a trade forum in Vietnam's largest city.\n"
	 "The forum was co-chaired by Shanghai Vice Mayor Luo Jianhua and Ho Chi Minh City Vice Chairman "
	 "Tran Van Khoa.\n",
	 0, "2024-07-12", {LEN("events", 1), S("events[0].date", "2024-07-11")}},
	/* a phone call is talks held at a distance */
	{"en_phone_call_virtual",
	 "Guangxi Vice Chairman Luo Jianhua held a phone call with Lang Son Chairman Tran Van Khoa on June 7.\n",
	 0, "2025-06-08", {LEN("events", 1), S("events[0].type", "virtual_meeting"), S("events[0].date", "2025-06-07")}},
	/* the dateline's date is when the story was filed */
	{"en_date_dateline_not_event",
	 "HANOI, Oct. 15 (VNA) – " EN_MEETING " on October 14.\n", 0, "2024-10-15",
	 {S("events[0].date", "2024-10-14")}},
	{"en_figure_this_year_months",
	 "Trade between Shanghai and Vietnam in the first nine months of this year reached 4.5 billion USD.\n",
	 0, "2024-10-15", {S("figures[0].period", "2024-01..2024-09")}},
	/* a range dates what happened during it only by its month */
	{"en_date_range_month", "During the trip, from November 20-22, " EN_MEETING ".\n", 0, "2020-11-25",
	 {N("@dates[text=November 20-22].range", 1), S("events[0].date", "2020-11")}},
	{"en_date_range_day_first", "On 20-22 November 2020, " EN_MEETING ".\n", 0, NULL,
	 {S("@dates[text=20-22 November 2020].date", "2020-11-20"), S("events[0].date", "2020-11")}},
	/* "recently": some time before the publication, its year (or month) */
	{"en_date_recently_year", "Recently, " EN_MEETING ".\n", 0, "2020-10-12", {S("events[0].date", "2020")}},
	{"en_date_earlier_this_month", "Earlier this month, " EN_MEETING ".\n", 0, "2020-10-12",
	 {S("events[0].date", "2020-10")}},
	{"en_date_recently_then_day", "Recently, " EN_MEETING ". At the meeting on October 9, both sides "
	 "agreed to expand trade.\n", 0, "2020-10-12", {S("events[0].date", "2020-10-09")}},
	/* no year anywhere: the month and day are kept as such */
	{"en_date_partial_no_year", "On November 14, " EN_MEETING ".\n", 0, NULL,
	 {J("events[0].date", "null"), S("events[0].date_partial", "--11-14")}},
	/* talks beside a meeting of several sides: two events */
	{"en_joint_meeting_beside_talks",
	 "On February 10, Vietnamese Deputy Prime Minister Tran Van Khoa received Guangxi Party Secretary "
	 "Luo Jianhua, who is visiting Vietnam to attend the Spring Meeting with the Party Secretaries of "
	 "Quang Ninh, Lang Son, Ha Giang and Cao Bang provinces.\n",
	 0, "2017-02-12",
	 {LEN("events", 2), S("events[0].date", "2017-02-10"),
	  SET("events[0].participants", "[\"Luo Jianhua\",\"Tran Van Khoa\"]"), S("events[1].type", "meeting"),
	  S("events[1].date", "2017-02"), SET("events[1].participants", "[\"Luo Jianhua\"]"),
	  SET("events[1].parties", "[\"Guangxi\",\"Quang Ninh\",\"Lang Son\",\"Ha Giang\",\"Cao Bang\"]")}},
	/* a title ending in capitalised words ("Minister of Public Security") runs
	 * into the name after it: the name starts where the title ends */
	{"en_title_capitalised_words_then_name",
	 "Vietnamese Deputy Prime Minister Tran Van Khoa met with Chinese Minister of Public Security "
	 "Zhao Mingyuan in Hanoi on Tuesday.\n",
	 0, "2024-08-21", {SET("events[0].participants", "[\"Tran Van Khoa\",\"Zhao Mingyuan\"]"),
			   S("persons[name=Zhao Mingyuan].role", "minister")}},
	/* "TITLE, NAME, ...": the name between commas holds the title; "its
	 * President" heads the body just named, not the country */
	{"en_title_comma_name_comma",
	 "The Vietnamese Consul General in Kunming, Nguyen Van Minh, paid a courtesy call on Yunnan Vice "
	 "Governor Luo Jianhua on Monday.\n",
	 0, "2024-05-09", {S("persons[name=Nguyen Van Minh].role", "consul general"),
			   SET("events[0].participants", "[\"Nguyen Van Minh\",\"Luo Jianhua\"]")}},
	{"en_its_president_is_an_official",
	 "A delegation of the Vietnam Fatherland Front led by its President Tran Van Khoa met with Yunnan "
	 "Vice Governor Luo Jianhua on May 5.\n",
	 0, "2024-05-09", {S("persons[name=Tran Van Khoa].role", "official")}},
	{"en_talks_were_held_between",
	 "Talks were held on May 5 between Lang Son Chairman Tran Van Khoa and Guangxi Vice Chairman Luo Jianhua.\n",
	 0, "2024-05-09", {LEN("events", 1), SET("events[0].participants", "[\"Tran Van Khoa\",\"Luo Jianhua\"]")}},
	/* a delegation there for a forum attends it; who speaks after it took part
	 * in the talks told before, not in that attendance */
	{"en_delegation_there_for_forum",
	 "Shanghai Vice Mayor Luo Jianhua met with Ho Chi Minh City Vice Chairman Tran Van Khoa on September 14. "
	 "The Shanghai delegation is in the city for the Ho Chi Minh City Economic Forum from September 13-17. "
	 "At the meeting, Ho Chi Minh City Vice Chairwoman Nguyen Thi Hanh said the two cities would expand trade.\n",
	 0, "2023-09-15",
	 {LEN("events", 2), S("events[0].type", "meeting"), S("events[1].type", "attend"),
	  S("events[1].date", "2023-09"), LEN("events[1].participants", 0),
	  HAS("events[0].participants", "Nguyen Thi Hanh")}},
	/* a side at its most specific: no "China" beside Shanghai */
	{"en_parties_most_specific",
	 "Shanghai and Ho Chi Minh City signed a memorandum of understanding on September 14. At the signing "
	 "ceremony, Vice Mayor Luo Jianhua said the two cities would expand trade.\n",
	 0, "2023-09-15",
	 {SET("events[0].participants", "[\"Luo Jianhua\"]"),
	  SET("events[0].parties", "[\"Shanghai\",\"Ho Chi Minh City\"]")}},
	/* a typo in a caption is the same person */
	{"en_name_typo_one_letter",
	 "Shanghai Vice Mayor Luo Jianhua met with Vietnamese Consul General Tran Van Khoa in Shanghai on "
	 "October 9.\nVice Mayor Luo Jianhu (R) and Consul General Tran Van Khoa at the meeting.\n",
	 0, "2020-10-12",
	 {LEN("persons", 2), SET("events[0].participants", "[\"Luo Jianhua\",\"Tran Van Khoa\"]")}},
	{"en_date_yesterday", EN_MEETING " yesterday.\n", 0, "2020-10-12",
	 {S("@dates[text=yesterday].date", "2020-10-11"), S("events[0].date", "2020-10-11")}},
	{"en_date_last_september_previous_year",
	 "Vietnamese Ambassador to China Tran Van Khoa visited Shanghai last September and met with "
	 "Shanghai Vice Mayor Luo Jianhua.\n",
	 0, "2021-03-15", {S("@dates[text=September].date", "2020-09"), S("events[0].date", "2020-09")}},
	{"en_date_last_september_same_year",
	 "Vietnamese Ambassador to China Tran Van Khoa visited Shanghai last September and met with "
	 "Shanghai Vice Mayor Luo Jianhua.\n",
	 0, "2021-10-15", {S("events[0].date", "2021-09")}},
	{"en_date_range_first_day",
	 "Guangxi Vice Governor Luo Jianhua met with Lang Son Vice Chairman Nguyen Van Hung in Nanning "
	 "on May 25-28.\n",
	 0, "2022-06-01",
	 /* the hit keeps the first day; a meeting on some day of it is dated by the month */
	 {S("@dates[text=May 25-28].date", "2022-05-25"), N("@dates[text=May 25-28].range", 1),
	  S("events[0].date", "2022-05"),
	  S("events[0].place", "Nanning")}},
	{"en_date_yearless_from_6th_ciie",
	 "On November 6, Shanghai Vice Mayor Luo Jianhua met with Vietnamese Minister of Industry and "
	 "Trade Nguyen Van Hung on the sidelines of the 6th China International Import Expo in Shanghai.\n",
	 0, NULL,
	 {J("published", "null"), S("@dates[text=November 6].date", "2023-11-06"),
	  S("events[0].date", "2023-11-06"), HAS("fields", "expo")}},
	{"en_date_december_in_january_story", "On December 30, " EN_MEETING ".\n", 0, "2024-01-02",
	 {S("events[0].date", "2023-12-30")}},

	/* -------------------------------------------------------- English: figures */
	{"en_figure_trade_usd_billion",
	 "In 2024, trade between Vietnam and Shanghai reached US$18.6 billion, up 9.37% year on year.\n", 0, NULL,
	 {LEN("figures", 1), S("figures[0].metric", "trade"), N("figures[0].value", 18600000000.0),
	  S("figures[0].unit", "USD"), S("figures[0].period", "2024"),
	  S("@nums[text=US$18.6 billion].unit", "USD"), HAS("fields", "trade")}},
	{"en_figure_change_pct",
	 "Exports from Guangxi to Vietnam rose to US$5.2 billion in 2023, up 9.37% year on year.\n", 0, NULL,
	 {S("figures[0].metric", "export"), N("figures[0].value", 5200000000.0), S("figures[0].period", "2023"),
	  N("figures[0].change_pct", 9.37), S("@nums[text=9.37%].unit", "pct")}},
	{"en_figure_count_agreements",
	 "The two sides signed six agreements on trade and logistics cooperation in Hanoi on Friday.\n", 0,
	 "2024-05-20",
	 {LEN("figures", 1), S("figures[0].metric", "other"), N("figures[0].value", 6),
	  S("figures[0].unit", "count"), J("figures[0].change_pct", "null"), SET("fields", "[\"trade\",\"logistics\"]")}},

	/* ------------------------------------------------- English: titles, names */
	{"en_title_city_mayor", EN_MEETING " on 9 October 2020.\n", 0, NULL,
	 {S("persons[name=Zhao Mingyuan].role", "mayor"), S("persons[name=Zhao Mingyuan].org", "Shanghai"),
	  S("persons[name=Zhao Mingyuan].country", "CN")}},
	{"en_title_ambassador_to_china", EN_MEETING " on 9 October 2020.\n", 0, NULL,
	 {S("persons[name=Tran Van Khoa].role", "ambassador"), S("persons[name=Tran Van Khoa].org", "Vietnam"),
	  S("persons[name=Tran Van Khoa].country", "VN")}},
	{"en_title_appositive_party_secretary",
	 "Luo Jianhua, Secretary of the Yunnan Provincial Party Committee, met with a delegation from "
	 "Lao Cai province in Kunming on Tuesday.\n",
	 0, "2024-05-20",
	 {S("persons[name=Luo Jianhua].role", "party secretary"), S("persons[name=Luo Jianhua].org", "Yunnan"),
	  S("persons[name=Luo Jianhua].country", "CN"), S("events[0].date", "2024-05-14")}},
	{"en_title_deputy_party_secretary",
	 "Deputy Secretary of the Yunnan Provincial Party Committee Luo Jianhua received Lao Cai "
	 "Chairman Nguyen Van Hung in Kunming on Tuesday.\n",
	 0, "2024-05-20",
	 {S("persons[name=Luo Jianhua].role", "deputy party secretary"),
	  S("persons[name=Luo Jianhua].org", "Yunnan"), S("persons[name=Nguyen Van Hung].role", "chairman"),
	  S("persons[name=Nguyen Van Hung].org", "Lao Cai"), S("persons[name=Nguyen Van Hung].country", "VN")}},
	{"en_short_references_are_mentions",
	 EN_MEETING " on Thursday. Mayor Zhao said Shanghai welcomes Vietnamese companies. Zhao also "
	 "praised the work of the embassy.\n",
	 0, "2020-10-12",
	 {LEN("persons", 2), HAS("persons[name=Zhao Mingyuan].mentions", "Zhao Mingyuan"),
	  HAS("persons[name=Zhao Mingyuan].mentions", "Zhao"), N("@persons[name=Zhao Mingyuan].nment", 3),
	  LEN("events", 1)}},

	/* -------------------------------------------- English: events, relations */
	{"en_event_met_with", EN_MEETING " on 9 October 2020.\n", 0, NULL,
	 {LEN("events", 1), S("events[0].type", "meeting"), S("events[0].place", "Shanghai"),
	  SET("events[0].participants", "[\"Zhao Mingyuan\",\"Tran Van Khoa\"]"),
	  SET("events[0].parties", "[\"Shanghai\",\"Vietnam\"]")}},
	{"en_event_video_conference",
	 "Vietnamese Deputy Prime Minister Tran Van Khoa and Guangxi Party Secretary Luo Jianhua held a "
	 "video conference on Monday to discuss border trade.\n",
	 0, "2022-03-10",
	 {LEN("events", 1), S("events[0].type", "virtual_meeting"), S("events[0].date", "2022-03-07"),
	  SET("events[0].participants", "[\"Tran Van Khoa\",\"Luo Jianhua\"]"),
	  SET("events[0].parties", "[\"Vietnam\",\"Guangxi\"]"),
	  S("persons[name=Tran Van Khoa].role", "deputy prime minister"),
	  S("persons[name=Luo Jianhua].role", "party secretary")}},
	{"en_event_signing_places_as_parties",
	 "Lao Cai and Yunnan signed a memorandum of understanding on border trade in Kunming on Friday.\n", 0,
	 "2024-05-20",
	 {LEN("events", 1), S("events[0].type", "signing"), S("events[0].date", "2024-05-17"),
	  S("events[0].place", "Kunming"), LEN("events[0].participants", 0),
	  SET("events[0].parties", "[\"Lao Cai\",\"Yunnan\"]")}},
	{"en_event_future_visit_is_no_event",
	 "Shanghai Mayor Zhao Mingyuan will visit Hanoi next month to meet Vietnamese Deputy Prime "
	 "Minister Tran Van Khoa.\n",
	 0, "2024-05-20", {LEN("events", 0)}},
	/* whose office: the province named before the title, not the city where they met */
	{"en_org_province_before_title",
	 "Yunnan Vice Governor Luo Jianhua met with a delegation from Vietnam's Lao Cai province led by "
	 "Provincial Party Secretary Nguyen Van Binh in Kunming on Thursday.\n",
	 0, "2024-03-16",
	 {S("persons[name=Nguyen Van Binh].org", "Lao Cai"), SET("events[0].parties", "[\"Yunnan\",\"Lao Cai\"]")}},
	/* the actor table knows whose party secretary he was then */
	{"en_org_from_actor_table",
	 "Party Secretary Chen Jining met with Vietnamese Ambassador to China Tran Van Khoa on May 18, 2023.\n",
	 0, NULL, {S("persons[name=Chen Jining].org", "Shanghai")}},
	{"en_relation_sister_cities_the_two_cities",
	 "Shanghai Vice Mayor Luo Jianhua met with Ho Chi Minh City Vice Chairman Tran Van Khoa in Shanghai on "
	 "October 9. Since becoming sister cities, the two cities have achieved positive results.\n",
	 0, "2020-10-12",
	 {LEN("relations", 1), S("relations[0].type", "sister_city"),
	  SET("relations[0].ends", "[\"Shanghai\",\"Ho Chi Minh City\"]")}},
	{"en_relation_sister_city_since",
	 "Ho Chi Minh City and Shanghai became sister cities in 1994, and the two cities have since "
	 "expanded cooperation in trade and culture.\n",
	 0, "2024-05-20",
	 {LEN("relations", 1), S("relations[0].type", "sister_city"),
	  SET("relations[0].ends", "[\"Ho Chi Minh City\",\"Shanghai\"]"), N("relations[0].since", 1994)}},
	{"en_relation_partnership",
	 "The two countries established their comprehensive strategic cooperative partnership in 2008, "
	 "Shanghai Mayor Zhao Mingyuan said.\n",
	 0, "2024-05-20",
	 {LEN("relations", 1), S("relations[0].type", "partnership"),
	  SET("relations[0].ends", "[\"China\",\"Vietnam\"]")}},
	{"en_relation_consulate_from_consul_general",
	 "Vietnamese Consul General in Nanning Le Thi Hanh met with Guangxi Vice Governor Luo Jianhua in "
	 "Nanning on Oct. 9, 2020.\n",
	 0, NULL,
	 {S("persons[name=Le Thi Hanh].role", "consul general"), S("persons[name=Le Thi Hanh].org", "Vietnam"),
	  S("relations[type=consulate].a", "Vietnam"), S("relations[type=consulate].b", "Nanning"),
	  S("events[0].date", "2020-10-09")}},
};

static const struct xcase cases_zh[] = {
	/* ---------------------------------------------------------- Chinese: dates */
	{"zh_date_full", "2023年11月5日，" ZH_MEETING "双方就扩大经贸合作交换了意见。\n", 0, NULL,
	 {S("lang", "zh"), S("@dates[text=2023年11月5日].date", "2023-11-05"), S("events[0].date", "2023-11-05")}},
	{"zh_date_month_day_from_published", "11月5日，" ZH_MEETING "\n", 0, "2023-11-07",
	 {S("@dates[text=11月5日].date", "2023-11-05"), S("events[0].date", "2023-11-05")}},
	{"zh_date_weekday", "周四，" ZH_MEETING "\n", 0, "2023-11-10" /* a Friday */,
	 {S("@dates[text=周四].date", "2023-11-09"), S("events[0].date", "2023-11-09")}},
	{"zh_date_last_week", "上周四，" ZH_MEETING "\n", 0, "2023-11-10" /* a Friday */,
	 {S("events[0].date", "2023-11-02")}},
	{"zh_date_yesterday", "昨天，" ZH_MEETING "\n", 0, "2023-11-07",
	 {S("@dates[text=昨天].date", "2023-11-06"), S("events[0].date", "2023-11-06")}},
	{"zh_date_range_first_day",
	 "8月26—30日，云南省副省长林志强率团访问越南，在河内会见了越南副总理陈文科。\n", 0, "2023-09-02",
	 {S("@dates[text=8月26—30日].date", "2023-08-26"), S("events[0].date", "2023-08"),
	  S("events[0].place", "Hanoi")}},

	/* -------------------------------------------------------- Chinese: figures */
	{"zh_figure_yi_usd", "2023年，广西与越南贸易额达322.2亿美元。\n", 0, NULL,
	 {LEN("figures", 1), S("figures[0].metric", "trade"), N("figures[0].value", 32220000000.0),
	  S("figures[0].unit", "USD"), S("figures[0].period", "2023")}},
	{"zh_figure_traditional_compound", "2023年，廣西對越南出口額達2億4000萬美元。\n", 0, NULL,
	 {LEN("figures", 1), S("figures[0].metric", "export"), N("figures[0].value", 240000000.0),
	  S("figures[0].unit", "USD"), N("@nums[text=2億4000萬美元].value", 240000000.0)}},
	{"zh_figure_change", "2023年，广西与越南贸易额达322.2亿美元，增长35.2%。\n", 0, NULL,
	 {N("figures[0].value", 32220000000.0), N("figures[0].change_pct", 35.2)}},
	{"zh_figure_period_first_six_months",
	 "2022年前六个月，云南与越南进出口贸易额达到46.5亿美元。\n", 0, NULL,
	 {LEN("figures", 1), S("figures[0].metric", "trade"), S("figures[0].period", "2022-H1"),
	  N("figures[0].value", 4650000000.0)}},

	/* ---------------------------------------------- Chinese: titles and names */
	{"zh_title_before_name_vice_governor", "2023年11月5日，" ZH_MEETING "\n", 0, NULL,
	 {S("persons[name=Luo Jianhua].role", "vice governor"), S("persons[name=Luo Jianhua].org", "Jiangsu"),
	  S("persons[name=Luo Jianhua].country", "CN"), HAS("persons[name=Luo Jianhua].mentions", "罗建华")}},
	{"zh_title_after_name_is_a_mention",
	 "11月6日，越南驻上海总领事阮文明会见了上海市副市长罗建华。阮文明总领事表示，越方愿与上海"
	 "加强经贸合作。\n",
	 0, "2023-11-08",
	 {LEN("persons", 2), S("persons[name=Nguyễn Văn Minh].role", "consul general"),
	  N("@persons[name=Nguyễn Văn Minh].nment", 2), LEN("events", 1)}},
	{"zh_vietnamese_name_read_in_vietnamese", "2023年11月5日，" ZH_MEETING "\n", 0, NULL,
	 {S("persons[name=Nguyễn Văn Minh].role", "consul general"),
	  S("persons[name=Nguyễn Văn Minh].org", "Vietnam"), S("persons[name=Nguyễn Văn Minh].country", "VN"),
	  HAS("persons[name=Nguyễn Văn Minh].mentions", "阮文明"), SET("relations[0].ends", "[\"Vietnam\",\"Shanghai\"]")}},
	{"zh_vietnamese_deputy_pm_in_characters",
	 "8月26日，云南省副省长林志强在河内会见了越南副总理陈文科。\n", 0, "2023-09-02",
	 {S("persons[name=Trần Văn Khoa].role", "deputy prime minister"),
	  S("persons[name=Trần Văn Khoa].org", "Vietnam"), S("persons[name=Trần Văn Khoa].country", "VN")}},
	{"zh_chinese_name_in_pinyin", "8月26日，云南省副省长林志强在河内会见了越南副总理陈文科。\n", 0,
	 "2023-09-02",
	 {S("persons[name=Lin Zhiqiang].role", "vice governor"), S("persons[name=Lin Zhiqiang].org", "Yunnan"),
	  S("persons[name=Lin Zhiqiang].country", "CN"), HAS("persons[name=Lin Zhiqiang].mentions", "林志强")}},

	/* ------------------------------------------------------- Chinese: events */
	{"zh_event_meeting_two_participants", "2023年11月5日，" ZH_MEETING "\n", 0, NULL,
	 {LEN("events", 1), S("events[0].type", "meeting"), S("events[0].place", "Nanjing"),
	  SET("events[0].participants", "[\"Luo Jianhua\",\"Nguyễn Văn Minh\"]"),
	  SET("events[0].parties", "[\"Jiangsu\",\"Vietnam\"]")}},
	{"zh_event_respectively_two_meetings",
	 "11月6日，上海市副市长罗建华分别会见了越南工贸部副部长陈文科和越南驻上海总领事阮文明。\n", 0,
	 "2023-11-08",
	 {LEN("events", 2), S("events[0].type", "meeting"), S("events[1].type", "meeting"),
	  SET("events[0].participants", "[\"Luo Jianhua\",\"Trần Văn Khoa\"]"),
	  SET("events[1].participants", "[\"Luo Jianhua\",\"Nguyễn Văn Minh\"]"), N("@events[0].split", 1),
	  S("events[1].date", "2023-11-06"), S("persons[name=Trần Văn Khoa].role", "vice minister")}},
	{"zh_date_range_during_visit",
	 "5月12日至14日，江苏省副省长罗建华率代表团访问越南。访问期间，罗建华会见了越南驻上海总领事阮文明。\n", 0,
	 "2023-05-16", {S("events[0].type", "meeting"), S("events[0].date", "2023-05")}},
	/* one sentence, three past events, each with its date, person and verb */
	{"zh_clauses_each_dated",
	 "在2018年11月越南副总理陈文科出席在上海举行的首届中国国际进口博览会、2019年7月越南驻上海总领事阮文明访问江苏和"
	 "2020年10月江苏省副省长罗建华访问越南期间，双方达成许多共识。\n",
	 0, "2022-10-09",
	 {LEN("events", 3), S("events[0].type", "attend"), S("events[0].date", "2018-11"),
	  SET("events[0].participants", "[\"Trần Văn Khoa\"]"), S("events[1].type", "visit"),
	  S("events[1].date", "2019-07"), SET("events[1].participants", "[\"Nguyễn Văn Minh\"]"),
	  HAS("events[1].parties", "Jiangsu"), S("events[1].place", "Jiangsu"), S("events[2].date", "2020-10"),
	  SET("events[2].participants", "[\"Luo Jianhua\"]")}},
	{"en_clauses_each_dated",
	 "In July 2019, Vietnamese Ambassador to China Tran Van Khoa visited Jiangsu, and in October 2020, "
	 "Guangxi Vice Governor Luo Jianhua visited Hanoi.\n",
	 0, "2022-10-09",
	 {LEN("events", 2), S("events[0].date", "2019-07"), SET("events[0].participants", "[\"Tran Van Khoa\"]"),
	  S("events[0].place", "Jiangsu"), S("events[1].date", "2020-10"),
	  SET("events[1].participants", "[\"Luo Jianhua\"]"), S("events[1].place", "Hanoi")}},
	/* contractions of abbreviations before a count of places */
	{"zh_contraction_two_provinces",
	 "2020年10月，越南驻上海总领事阮文明访问苏沪两省。\n", 0, "2020-11-02",
	 {LEN("events", 1), S("events[0].type", "visit"), SET("events[0].parties", "[\"Vietnam\",\"Jiangsu\",\"Shanghai\"]")}},
	{"zh_abbreviation_alone_is_no_place",
	 "2024年8月19日，苏林会见了江苏省副省长罗建华，中方表示越来越重视合作。\n", 0, NULL,
	 {LEN("events", 1), SET("events[0].parties", "[\"Vietnam\",\"Jiangsu\"]")}},
	/* a mechanism named, not a meeting held */
	{"zh_meeting_mechanism",
	 "2023年5月10日，江苏省副省长罗建华会见了越南驻上海总领事阮文明。双方同意充分发挥书记会晤、联工委会晤机制效能。\n",
	 0, NULL, {LEN("events", 1), S("events[0].date", "2023-05-10")}},
	/* no publication date: a year-less day takes the year its sentence names */
	{"zh_date_year_of_its_sentence",
	 "2月22日，2023年江苏与越南新春会晤以视频连线方式举行，江苏省副省长罗建华与越南驻上海总领事阮文明进行会谈。"
	 "罗建华表示，2022年是关键的一年。2022年双方合作取得新成效。双方落实2022年签署的备忘录。\n",
	 0, NULL, {S("events[0].date", "2023-02-22")}},
	/* 自治区主席 without its region: the actor table's office (a chairman there) */
	{"zh_org_from_actor_table_same_office", "2025年8月5日，自治区主席韦韬在南宁会见越南驻南宁总领事阮文明。\n", 0, NULL,
	 {S("persons[name=Wei Tao].org", "Guangxi"), SET("events[0].parties", "[\"Guangxi\",\"Vietnam\"]")}},
	/* a city paper's Chinese edition: 昨(18)日, 本市, a known name read from characters */
	{"zh_city_paper_this_city",
	 "胡志明市人民委員會主席潘文邁昨(18)日會見了上海市副市長華源。本市與上海市於1994年結為友好城市。\n", 0,
	 "2024-05-19",
	 {S("events[0].date", "2024-05-18"), HAS("events[0].participants", "Phan Văn Mãi"),
	  LEN("relations", 1), SET("relations[0].ends", "[\"Ho Chi Minh City\",\"Shanghai\"]")}},
	/* a chain "副书记、主席" is the government's head; 自治区 without a name is the
	 * region named just before, of the person's side; a year inside 《》 names the
	 * document signed, not the day */
	{"zh_chain_head_and_region_before",
	 "1月15日，广西壮族自治区党委书记罗建华在南宁与越南谅山省委书记阮文明举行会谈。"
	 "自治区党委副书记、自治区主席林志强参加会谈。会谈后，双方签署了《2025年合作备忘录》。\n",
	 0, "2025-01-16",
	 {S("persons[name=Lin Zhiqiang].role", "governor"), S("persons[name=Lin Zhiqiang].org", "Guangxi"),
	  S("events[1].type", "signing"), S("events[1].date", "2025-01-15")}},
	/* between countries only: the signing witnessed after the talks is of their day */
	{"zh_national_signing_after_talks",
	 "人民网河内5月7日电 越南副总理陈文科6日在河内会见了中国国务院副总理林志强。双方见证了两国多项合作文件的签署。\n",
	 0, "2025-05-07", {LEN("events", 2), S("events[0].date", "2025-05-06"), S("events[1].type", "signing"),
			   S("events[1].date", "2025-05-06")}},
	/* talks told only in a caption: between the two sides' office holders of the lead */
	{"zh_talks_only_in_caption",
	 "越南外交部长陈文科对广西壮族自治区主席林志强表示欢迎。\n双方一致认为，两国地方合作成果丰硕。\n"
	 "会谈现场。图自越通社\n",
	 0, "2025-11-27", {LEN("events", 1), S("events[0].type", "meeting"),
			   SET("events[0].participants", "[\"Trần Văn Khoa\",\"Lin Zhiqiang\"]")}},
	{"zh_figure_last_year", "去年，江苏与越南贸易额达322.2亿美元。\n", 0, "2024-05-16",
	 {S("figures[0].period", "2023")}},
	{"zh_date_recently", "近日，" ZH_MEETING "\n", 0, "2023-05-16", {S("events[0].date", "2023")}},
	{"zh_traditional_characters",
	 "2023年11月5日，江蘇省副省長羅建華在南京會見了越南駐上海總領事阮文明，雙方就擴大經貿合作交換了"
	 "意見。2023年，江蘇與越南貿易額達322.2億美元。\n",
	 0, NULL,
	 {S("lang", "zh"), S("persons[name=Luo Jianhua].role", "vice governor"),
	  S("persons[name=Luo Jianhua].org", "Jiangsu"), HAS("persons[name=Luo Jianhua].mentions", "羅建華"),
	  S("persons[name=Nguyễn Văn Minh].role", "consul general"), S("events[0].type", "meeting"),
	  S("events[0].date", "2023-11-05"), S("figures[0].metric", "trade"), N("figures[0].value", 32220000000.0),
	  HAS("fields", "trade")}},
};

static const struct xcase cases_vi[] = {
	/* ------------------------------------------------------- Vietnamese: dates */
	{"vi_date_day_month_year", "Ngày 14/9/2023, " VI_MEETING "\n", 0, NULL,
	 {S("lang", "vi"), S("@dates[text=14/9/2023].date", "2023-09-14"), S("events[0].date", "2023-09-14")}},
	{"vi_date_day_month_from_published", "Ngày 14/9, " VI_MEETING "\n", 0, "2023-09-16",
	 {S("@dates[text=14/9].date", "2023-09-14"), S("events[0].date", "2023-09-14")}},
	{"vi_date_month_year",
	 "Trong tháng 11/2023, Phó Thủ tướng Trần Văn Khoa đã tiếp Phó Chủ tịch Khu tự trị dân tộc "
	 "Choang Quảng Tây Lâm Kiến Hoa tại Hà Nội.\n",
	 0, NULL, {S("@dates[text=tháng 11/2023].date", "2023-11"), S("events[0].date", "2023-11")}},
	{"vi_date_weekday", "Vào thứ Năm, " VI_MEETING "\n", 0, "2023-09-16" /* a Saturday */,
	 {S("@dates[text=thứ Năm].date", "2023-09-14"), S("events[0].date", "2023-09-14")}},
	{"vi_date_yesterday", "Hôm qua, " VI_MEETING "\n", 0, "2023-09-16",
	 {S("@dates[text=Hôm qua].date", "2023-09-15"), S("events[0].date", "2023-09-15")}},
	{"vi_date_words", "Ngày 14 tháng 9 năm 2023, " VI_MEETING "\n", 0, NULL,
	 {S("@dates[text=14 tháng 9 năm 2023].date", "2023-09-14"), S("events[0].date", "2023-09-14")}},
	{"vi_date_recently", "Mới đây, " VI_MEETING "\n", 0, "2023-09-16", {S("events[0].date", "2023")}},
	{"vi_spoke_at_the_reception",
	 "Chiều 17/4, Phó Thị trưởng Thượng Hải Lâm Kiến Hoa đã tiếp các Tổng lãnh sự tại Thượng Hải. "
	 "Tổng Lãnh sự Việt Nam tại Thượng Hải Nguyễn Văn Minh phát biểu tại buổi tiếp.\n",
	 0, "2024-04-18",
	 {LEN("events", 1), SET("events[0].participants", "[\"Lin Jianhua\",\"Nguyễn Văn Minh\"]"),
	  S("events[0].date", "2024-04-17")}},
	{"vi_dien_dam_virtual",
	 "Ngày 7/6, Chủ tịch UBND tỉnh Lạng Sơn Hoàng Minh Tuấn đã điện đàm với Phó Chủ tịch Khu tự trị dân tộc "
	 "Choang Quảng Tây Lâm Kiến Hoa.\n",
	 0, "2025-06-08", {LEN("events", 1), S("events[0].type", "virtual_meeting")}},
	{"vi_farewell_call",
	 "Ngày 25/2, Đại sứ Trung Quốc tại Việt Nam Hà Vĩ đã chào từ biệt Chủ tịch UBND tỉnh Lạng Sơn Hoàng Minh Tuấn.\n",
	 0, "2025-02-26", {LEN("events", 1), S("events[0].type", "meeting"), S("events[0].date", "2025-02-25")}},
	/* the delegation's head, of the province named just before, read into pinyin */
	{"vi_delegation_head_title_without_place",
	 "Ngày 6/5, Chủ tịch UBND tỉnh Hà Giang Hoàng Minh Tuấn đã tiếp và làm việc với đoàn công tác của tỉnh "
	 "Vân Nam do Phó Tỉnh trưởng Lâm Kiến Hoa làm trưởng đoàn.\n",
	 0, "2024-05-09",
	 {S("persons[name=Lin Jianhua].org", "Yunnan"), SET("events[0].parties", "[\"Ha Giang\",\"Yunnan\"]")}},
	/* "Chính quyền Khu tự trị dân tộc Choang Quảng Tây"; "Phó Chủ tịch UBND tỉnh"
	 * with no name: the province of the story's Vietnamese office holders */
	{"vi_government_title_and_own_province",
	 "Sáng 8/4, đồng chí Hoàng Minh Tuấn, Chủ tịch UBND tỉnh Lạng Sơn đã tiếp đoàn công tác do đồng chí "
	 "Lâm Kiến Hoa, Phó Chủ tịch Chính quyền Khu tự trị dân tộc Choang Quảng Tây làm trưởng đoàn.\n"
	 "Tham dự buổi tiếp có đồng chí Nguyễn Văn Minh, Phó Chủ tịch UBND tỉnh.\n",
	 0, "2025-04-09",
	 {S("persons[name=Lin Jianhua].org", "Guangxi"), S("persons[name=Nguyễn Văn Minh].org", "Lang Son")}},
	/* "Lào Cai" is the province, not Laos ("Lào") */
	{"vi_lao_cai_not_laos",
	 "Ngày 6/5, tại Lào Cai, Chủ tịch UBND tỉnh Lào Cai Hoàng Minh Tuấn đã hội đàm với Phó Tỉnh trưởng tỉnh Vân Nam "
	 "Lâm Kiến Hoa. Năm 2023, kim ngạch xuất nhập khẩu giữa Lào Cai và Vân Nam đạt 1,68 tỷ USD.\n",
	 0, "2024-05-09",
	 {S("events[0].place", "Lao Cai"), SET("figures[0].parties", "[\"Lao Cai\",\"Yunnan\"]")}},
	/* "Chính phủ Khu tự trị ..." titles; a Chinese name in Hán-Việt holding a
	 * place's syllables (Khánh Hoa) after its title */
	{"vi_government_title_name_with_place_syllables",
	 "Chiều ngày 4/6, Phó Chủ tịch UBND tỉnh Quảng Ninh Lê Văn Hùng đã hội đàm trực tuyến với Phó Chủ tịch "
	 "Chính phủ Khu tự trị dân tộc Choang Quảng Tây Mông Khánh Hoa.\n",
	 0, "2024-06-04",
	 {SET("events[0].participants", "[\"Lê Văn Hùng\",\"Meng Qinghua\"]"),
	  SET("events[0].parties", "[\"Quang Ninh\",\"Guangxi\"]")}},
	{"vi_ordinal_not_weekday", "Tại hội nghị lần thứ 4, " VI_MEETING "\n", 0, "2023-09-16",
	 {LEN("@dates", 0)}},
	{"vi_date_range_from_to",
	 "Từ ngày 11/6 đến 15/6/2024, đoàn công tác tỉnh Lạng Sơn thăm tỉnh Quảng Tây. Trong thời gian "
	 "làm việc, " VI_MEETING "\n",
	 0, NULL, {N("@dates[text=11/6].range", 1), S("events[0].date", "2024-06")}},
	{"vi_date_weekday_last_week", "Vào thứ Năm tuần trước, " VI_MEETING "\n", 0, "2023-09-16",
	 {S("events[0].date", "2023-09-07")}},

	/* ----------------------------------------------------- Vietnamese: figures */
	{"vi_figure_ty_usd",
	 "Năm 2023, kim ngạch thương mại giữa Việt Nam và Quảng Tây đạt 18,6 tỷ USD.\n", 0, NULL,
	 {LEN("figures", 1), S("figures[0].metric", "trade"), N("figures[0].value", 18600000000.0),
	  S("figures[0].unit", "USD"), S("figures[0].period", "2023")}},
	{"vi_figure_change",
	 "Năm 2023, kim ngạch thương mại giữa Việt Nam và Quảng Tây đạt 18,6 tỷ USD, tăng 35,2% so với "
	 "năm 2022.\n",
	 0, NULL, {N("figures[0].value", 18600000000.0), N("figures[0].change_pct", 35.2)}},
	{"vi_number_dot_is_thousands", "Năm 2023, Quảng Ninh đón 1.234 lượt khách du lịch Trung Quốc.\n", 0, NULL,
	 {N("@nums[text=1.234].value", 1234), LEN("figures", 1), S("figures[0].metric", "visitors"),
	  N("figures[0].value", 1234), S("figures[0].unit", "count"), S("figures[0].period", "2023")}},

	/* ---------------------------------------------- Vietnamese: titles, names */
	{"vi_title_provincial_party_secretary",
	 "Sáng 14/9, Bí thư Tỉnh ủy Quảng Ninh Trần Văn Khoa đã hội đàm với Bí thư Khu ủy Quảng Tây Lâm "
	 "Kiến Hoa. Ông Khoa đề nghị hai bên tăng cường hợp tác thương mại.\n",
	 0, "2023-09-15",
	 {S("persons[name=Trần Văn Khoa].role", "party secretary"), S("persons[name=Trần Văn Khoa].org", "Quang Ninh"),
	  S("persons[name=Trần Văn Khoa].country", "VN")}},
	{"vi_title_people_committee_chairman", "Ngày 14/9, " VI_MEETING "\n", 0, "2023-09-16",
	 {S("persons[name=Hoàng Minh Tuấn].role", "chairman"), S("persons[name=Hoàng Minh Tuấn].org", "Lang Son"),
	  S("persons[name=Hoàng Minh Tuấn].country", "VN")}},
	{"vi_title_deputy_prime_minister",
	 "Trong tháng 11/2023, Phó Thủ tướng Trần Văn Khoa đã tiếp Phó Chủ tịch Khu tự trị dân tộc "
	 "Choang Quảng Tây Lâm Kiến Hoa tại Hà Nội.\n",
	 0, NULL,
	 {S("persons[name=Trần Văn Khoa].role", "deputy prime minister"),
	  S("persons[name=Trần Văn Khoa].org", "Vietnam"), S("persons[name=Trần Văn Khoa].country", "VN"),
	  S("events[0].place", "Hanoi")}},
	{"vi_title_consul_general",
	 "Ngày 3/8/2022, Tổng Lãnh sự Việt Nam tại Nam Ninh Lê Thị Hạnh đã dự hội nghị trực tuyến với lãnh "
	 "đạo Khu tự trị dân tộc Choang Quảng Tây.\n",
	 0, NULL,
	 {S("persons[name=Lê Thị Hạnh].role", "consul general"), S("persons[name=Lê Thị Hạnh].org", "Vietnam"),
	  S("persons[name=Lê Thị Hạnh].country", "VN"), SET("relations[type=consulate].ends", "[\"Vietnam\",\"Nanning\"]")}},
	{"vi_chinese_official_hanviet_to_pinyin", "Ngày 14/9, " VI_MEETING "\n", 0, "2023-09-16",
	 {S("persons[name=Lin Jianhua].role", "vice chairman"), S("persons[name=Lin Jianhua].org", "Guangxi"),
	  S("persons[name=Lin Jianhua].country", "CN"), HAS("persons[name=Lin Jianhua].mentions", "Lâm Kiến Hoa"),
	  NONE("persons[name=Lâm Kiến Hoa]")}},
	{"vi_short_form_ong",
	 "Sáng 14/9, Bí thư Tỉnh ủy Quảng Ninh Trần Văn Khoa đã hội đàm với Bí thư Khu ủy Quảng Tây Lâm "
	 "Kiến Hoa. Ông Khoa đề nghị hai bên tăng cường hợp tác thương mại.\n",
	 0, "2023-09-15",
	 {LEN("persons", 2), HAS("persons[name=Trần Văn Khoa].mentions", "Khoa"),
	  N("@persons[name=Trần Văn Khoa].nment", 2)}},
	{"vi_diacritic_folding_one_person",
	 "Chủ tịch UBND tỉnh Lạng Sơn Hoàng Minh Tuấn đã tiếp Bí thư Khu ủy Quảng Tây Lâm Kiến Hoa. Ông "
	 "Hoang Minh Tuan cho biết tỉnh sẵn sàng hợp tác. Hoàng Minh Tuấn cũng đề nghị tăng cường thương mại.\n",
	 0, "2023-09-16",
	 {LEN("persons", 2), HAS("persons[name=Hoàng Minh Tuấn].mentions", "Hoàng Minh Tuấn"),
	  HAS("persons[name=Hoàng Minh Tuấn].mentions", "Hoang Minh Tuan"), NONE("persons[name=Hoang Minh Tuan]"),
	  N("@persons[name=Hoàng Minh Tuấn].nment", 3)}},

	/* ------------------------------------------------------ Vietnamese: events */
	{"vi_event_hoi_dam", "Ngày 14/9, " VI_MEETING "\n", 0, "2023-09-16",
	 {LEN("events", 1), S("events[0].type", "meeting"),
	  SET("events[0].participants", "[\"Hoàng Minh Tuấn\",\"Lin Jianhua\"]"),
	  SET("events[0].parties", "[\"Lang Son\",\"Guangxi\"]")}},
	{"vi_event_virtual_meeting",
	 "Chiều 20/3, tỉnh Lạng Sơn và Khu tự trị dân tộc Choang Quảng Tây đã tổ chức hội nghị trực tuyến về "
	 "hợp tác cửa khẩu.\n",
	 0, "2022-03-21",
	 {LEN("events", 1), S("events[0].type", "virtual_meeting"), S("events[0].date", "2022-03-20"),
	  SET("events[0].parties", "[\"Lang Son\",\"Guangxi\"]")}},
	{"vi_event_signing",
	 "Ngày 5/6, tỉnh Lào Cai và tỉnh Vân Nam đã ký kết biên bản ghi nhớ về hợp tác thương mại tại Côn Minh.\n",
	 0, "2024-06-07",
	 {LEN("events", 1), S("events[0].type", "signing"), S("events[0].date", "2024-06-05"),
	  S("events[0].place", "Kunming"), SET("events[0].parties", "[\"Lao Cai\",\"Yunnan\"]")}},
};

/* ------------------------------------------------------------- robustness */

static const struct xcase cases_robust[] = {
	{"robust_empty_input", "", 0, NULL,
	 {S("lang", "und"), J("published", "null"), LEN("persons", 0), LEN("events", 0), LEN("figures", 0),
	  LEN("relations", 0), LEN("fields", 0)}},
	{"robust_only_punctuation", "!!! ... ,,, ??? ——— 。。。！！ ；；「」\n", 0, NULL,
	 {LEN("persons", 0), LEN("events", 0), LEN("figures", 0), LEN("@dates", 0), LEN("@nums", 0)}},
	{"robust_invalid_utf8_in_chinese",
	 "2023年11月5日，江苏省副省长罗建华在南\xff\xfe京会见了越南驻上海总领事阮文明。\n", 0, NULL,
	 {N("@issues", 2), S("lang", "zh"), S("events[0].type", "meeting"), S("events[0].date", "2023-11-05"),
	  SET("events[0].participants", "[\"Luo Jianhua\",\"Nguyễn Văn Minh\"]")}},
};

/* A NUL byte: the text is refused, with the offset of the NUL. */
static void robust_nul_byte_refused(void **state)
{
	(void)state;
	static const char text[] = "上海市副市长罗建华\0会见了越南驻上海总领事阮文明。";
	lsn_doc *doc = (lsn_doc *)1;
	size_t bad = 0;
	assert_int_equal(lsn_doc_new("nul", text, sizeof text - 1, NULL, &doc, &bad), LSN_EBINARY);
	assert_null(doc);
	assert_int_equal(bad, strlen("上海市副市长罗建华"));
}

/* One line of 1 MB, no newline: a record all the same, with the meeting
 * it opens with, and the input kept whole (no issue reported). */
static void robust_one_megabyte_line(void **state)
{
	(void)state;
	static const char head[] = EN_MEETING " on 9 October 2020";
	static const char more[] = ", and the two sides discussed trade, logistics and tourism cooperation "
				   "between Shanghai and Vietnam";
	const size_t size = 1 << 20;
	char *text = malloc(size);
	assert_non_null(text);
	size_t o = 0;
	memcpy(text, head, sizeof head - 1);
	o = sizeof head - 1;
	while (o + sizeof more - 1 < size - 1) {
		memcpy(text + o, more, sizeof more - 1);
		o += sizeof more - 1;
	}
	memset(text + o, ' ', size - 1 - o);
	text[size - 1] = '.';
	static const struct check checks[] = {
		S("lang", "en"), N("@issues", 0), S("events[0].type", "meeting"), S("events[0].date", "2020-10-09"),
		SET("events[0].participants", "[\"Zhao Mingyuan\",\"Tran Van Khoa\"]"),
		SET("fields", "[\"trade\",\"logistics\",\"tourism\"]"),
	};
	json_t *in = NULL;
	json_t *rec = extract(text, size, NULL, &in);
	free(text);
	int bad = run_checks("robust_one_megabyte_line", checks, LSN_ARRAY_LEN(checks), rec, in);
	json_decref(rec);
	json_decref(in);
	if (bad)
		fail_msg("%d check(s) failed", bad);
}

static int teardown_kb(void **state)
{
	(void)state;
	lsn_tables_free(the_kb);
	the_kb = NULL;
	return 0;
}

int main(void)
{
	static const struct {
		const struct xcase *rows;
		size_t n;
	} tables[] = {
		{cases, LSN_ARRAY_LEN(cases)},
		{cases_zh, LSN_ARRAY_LEN(cases_zh)},
		{cases_vi, LSN_ARRAY_LEN(cases_vi)},
		{cases_robust, LSN_ARRAY_LEN(cases_robust)},
	};
	size_t n = 2;
	for (size_t t = 0; t < LSN_ARRAY_LEN(tables); t++)
		n += tables[t].n;
	struct CMUnitTest *tests = calloc(n, sizeof *tests);
	if (!tests)
		return 1;
	size_t k = 0;
	for (size_t t = 0; t < LSN_ARRAY_LEN(tables); t++)
		for (size_t i = 0; i < tables[t].n; i++) {
			tests[k].name = tables[t].rows[i].name;
			tests[k].test_func = run_case;
			tests[k].initial_state = (void *)&tables[t].rows[i];
			k++;
		}
	tests[k++] = (struct CMUnitTest)cmocka_unit_test(robust_nul_byte_refused);
	tests[k++] = (struct CMUnitTest)cmocka_unit_test(robust_one_megabyte_line);
	int rc = _cmocka_run_group_tests("extract", tests, k, NULL, teardown_kb);
	free(tests);
	return rc;
}
