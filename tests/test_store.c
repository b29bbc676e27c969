/*
 * test_store.c — the knowledge base below the command line: the text forms it
 * keys on (text.c: SHA-256, name keys, the folded full-text copy, SimHash),
 * the store (store.c: migrations, idempotent puts, replacement, errors),
 * resolution (resolve*.c), merge and no-merge cases in the three scripts, and
 * the query layer the command line, the exports and the API share (sql.c,
 * search.c: checks, CSV cells, the filter of events, the search's text side).
 *
 * Resolution cases are records given as JSON (the shape of SCHEMA.md), so
 * they do not depend on what extraction makes of a text.
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
#include "store/store_int.h"

static lsn_tables *kb;
static char dir[64];
static int ndb;

/* ---- helpers ---- */

static lsn_store *fresh(void)
{
	char path[128], err[512];
	lsn_store *st = NULL;
	snprintf(path, sizeof path, "%s/t%d.db", dir, ndb++);
	enum lsn_status e = lsn_store_open(path, LSN_STORE_CREATE, &st, err, sizeof err);
	if (e)
		fail_msg("lsn_store_open: %s", err);
	return st;
}

static void put(lsn_store *st, const char *json)
{
	size_t n = 0, u = 0, r = 0;
	enum lsn_status e = lsn_store_put_json(st, json, strlen(json), "test", &n, &u, &r);
	if (e)
		fail_msg("lsn_store_put_json: %s", lsn_store_errmsg(st));
}

static void resolve(lsn_store *st)
{
	struct lsn_tables_stats x;
	if (lsn_store_resolve(st, kb, &x))
		fail_msg("lsn_store_resolve: %s", lsn_store_errmsg(st));
}

/* The rows of a query, columns joined by '|', rows by '\n' (static buffer). */
static const char *rows(lsn_store *st, const char *sql)
{
	static char out[8192];
	size_t n = 0;
	out[0] = 0;
	lsn_stmt *s = lsn_db_prepare(st->db, sql);
	if (!s)
		fail_msg("%s: %s", sql, lsn_db_errmsg(st->db));
	while (lsn_step(s) == LSN_DB_ROW) {
		for (int i = 0; i < lsn_col_count(s); i++)
			n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? "|" : "", lsn_col(s, i));
		n += (size_t)snprintf(out + n, sizeof out - n, "\n");
	}
	lsn_stmt_finalize(s);
	return out;
}

/* A record: doc, lang, date, persons (JSON array text), events (JSON array text). */
static char *rec(const char *doc, const char *lang, const char *published, const char *persons,
		 const char *events)
{
	static char buf[4][4096];
	static int k;
	char *b = buf[k++ % 4];
	snprintf(b, sizeof buf[0],
		 "{\"doc\":\"%s\",\"lang\":\"%s\",\"published\":%s%s%s,\"persons\":%s,\"events\":%s,"
		 "\"figures\":[],\"relations\":[],\"fields\":[]}\n",
		 doc, lang, published ? "\"" : "", published ? published : "null", published ? "\"" : "",
		 persons, events);
	return b;
}

#define P(name, ment, role, org, cc) \
	"{\"name\":\"" name "\",\"mentions\":[\"" ment "\"],\"role\":" role ",\"org\":" org ",\"country\":\"" cc "\"}"
#define E(type, date, parts, parties) \
	"{\"type\":\"" type "\",\"date\":" date ",\"place\":null,\"participants\":" parts ",\"parties\":" parties \
	",\"evidence\":\"x\"}"

/* ---- text.c ---- */

static void test_sha256(void **state)
{
	(void)state;
	char h[65];
	lsn_content_hash("", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	lsn_content_hash("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* 56 bytes: two blocks */
	lsn_content_hash(m, strlen(m), h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	char big[1000];
	memset(big, 'a', sizeof big);
	lsn_content_hash(big, 64, h); /* exactly one block of data */
	assert_string_equal(h, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

static void test_name_key(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"Phạm Minh Chính", "pham minh chinh"},
		{"Pham Minh Chinh", "pham minh chinh"},
		{"  PHAM   MINH  CHINH ", "pham minh chinh"},
		{"Xi Jin-ping", "xi jinping"},
		{"Đặng Quốc Khánh", "dang quoc khanh"},
		{"Nguyễn Văn Nên", "nguyen van nen"},
		{"O'Neill", "oneill"},
		{"陈吉宁", "陈吉宁"},
		{"陳吉寧", "陈吉宁"}, /* traditional folds to simplified */
		{"", ""},
	};
	char out[256];
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		lsn_name_key(cases[i].in, strlen(cases[i].in), out, sizeof out);
		assert_string_equal(out, cases[i].want);
	}
}

static void test_fts_fold(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"Đà Nẵng", "da nang"},
		{"Thượng Hải", "thuong hai"},
		{"上海市", "上 海 市 "},
		{"在上海举行", "在 上 海 举 行 "},
		{"HCMC và 上海", "hcmc va 上 海 "},
		{"貿易", "贸 易 "},
		{"ＡＢＣ", "abc"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		struct lsn_buf b;
		lsn_buf_init(&b);
		assert_int_equal(lsn_fts_fold(cases[i].in, strlen(cases[i].in), &b), 0);
		assert_string_equal(b.data, cases[i].want);
		lsn_buf_clear(&b);
	}
}

/* A long text of made-up words, deterministic. */
static void words(struct lsn_buf *b, unsigned seed, int n)
{
	static const char *const w[] = {"trade", "port", "delegation", "province", "cooperation", "border",
		"logistics", "investment", "tourism", "agreement", "customs", "railway", "fruit", "expo",
		"memorandum", "city", "talks", "vice", "chairman", "governor", "mayor", "exchange", "students",
		"culture", "energy", "digital", "green", "growth", "percent", "billion"};
	for (int i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		lsn_buf_adds(b, w[(seed >> 16) % LSN_ARRAY_LEN(w)]);
		lsn_buf_addc(b, (i % 17 == 16) ? '\n' : ' ');
	}
}

static void test_simhash(void **state)
{
	(void)state;
	struct lsn_buf a, b, c, fa, fb;
	lsn_buf_init(&a);
	lsn_buf_init(&b);
	lsn_buf_init(&c);
	lsn_buf_init(&fa);
	lsn_buf_init(&fb);
	words(&a, 7, 800);
	/* the same story with one word changed in the middle, and its case */
	lsn_buf_add(&b, a.data, a.len);
	memcpy(strstr(b.data + 2000, " ") + 1, "XXXX", 4);
	for (size_t i = 0; i < 100; i++)
		if (b.data[i] >= 'a' && b.data[i] <= 'z')
			b.data[i] = (char)(b.data[i] - 32);
	words(&c, 99, 800);
	lsn_fts_fold(a.data, a.len, &fa);
	lsn_fts_fold(b.data, b.len, &fb);
	size_t ns = 0;
	uint64_t ha = lsn_simhash(fa.data, fa.len, &ns), hb = lsn_simhash(fb.data, fb.len, NULL);
	uint64_t hc = lsn_simhash(c.data, c.len, NULL);
	assert_int_equal(ns, 798);
	assert_int_equal(lsn_simhash(fa.data, fa.len, NULL), ha); /* deterministic */
	assert_true(__builtin_popcountll(ha ^ hb) <= LSN_SIMHASH_MAX_DIST);
	assert_true(__builtin_popcountll(ha ^ hc) > 16); /* another story */
	assert_int_equal(lsn_simhash("too short to say", 16, NULL), 0);
	/* Chinese: one character is one word */
	const char *zh = "云南省与越南老街省签署经贸物流旅游合作备忘录双方同意加强口岸合作";
	struct lsn_buf fz;
	lsn_buf_init(&fz);
	lsn_fts_fold(zh, strlen(zh), &fz);
	lsn_simhash(fz.data, fz.len, &ns);
	assert_int_equal(ns, 30); /* 32 characters, 30 shingles */
	lsn_buf_clear(&fz);
	lsn_buf_clear(&a);
	lsn_buf_clear(&b);
	lsn_buf_clear(&c);
	lsn_buf_clear(&fa);
	lsn_buf_clear(&fb);
}

/* ---- store.c ---- */

static void test_open_migrate(void **state)
{
	(void)state;
	char path[128], err[512];
	lsn_store *st = NULL;
	assert_int_equal(lsn_schema_latest(), 6);
	snprintf(path, sizeof path, "%s/none.db", dir);
	assert_int_equal(lsn_store_open(path, 0, &st, err, sizeof err), LSN_EDB);
	assert_null(st);
	assert_non_null(strstr(err, "none.db: no such knowledge base"));
	assert_int_equal(access(path, F_OK), -1); /* not created */
	assert_int_equal(lsn_store_open(path, LSN_STORE_CREATE, &st, err, sizeof err), LSN_OK);
	assert_int_equal(lsn_store_schema_version(st), lsn_schema_latest());
	assert_string_equal(rows(st, "PRAGMA journal_mode"), "wal\n");
	assert_string_equal(rows(st, "PRAGMA foreign_keys"), "1\n");
	/* a database from a newer liaison is refused */
	assert_int_equal(lsn_db_exec(st->db, "PRAGMA user_version = 99"), 0);
	lsn_store_close(st);
	assert_int_equal(lsn_store_open(path, 0, &st, err, sizeof err), LSN_EDB);
	assert_non_null(strstr(err, "newer"));
	/* not a database */
	snprintf(path, sizeof path, "%s/junk.db", dir);
	FILE *f = fopen(path, "w");
	fputs("this is not an SQLite database, only some text that is long enough", f);
	fclose(f);
	assert_int_equal(lsn_store_open(path, 0, &st, err, sizeof err), LSN_EDB);
	assert_non_null(strstr(err, "junk.db"));
}

static void test_put_idempotent_and_replace(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	const char *r1 = rec("d1", "en", "2024-01-02",
			     "[" P("Lu Hai", "Lu Hai", "\"mayor\"", "\"Shanghai\"", "CN") "]",
			     "[" E("meeting", "\"2024-01-01\"", "[\"Lu Hai\"]", "[\"Shanghai\",\"Vietnam\"]") "]");
	size_t n = 0, u = 0, r = 0;
	assert_int_equal(lsn_store_put_json(st, r1, strlen(r1), "t", &n, &u, &r), LSN_OK);
	assert_int_equal(lsn_store_put_json(st, r1, strlen(r1), "t", &n, &u, &r), LSN_OK);
	assert_int_equal(n, 1);
	assert_int_equal(u, 1);
	assert_int_equal(r, 0);
	assert_string_equal(rows(st, "SELECT count(*) FROM event_mentions"), "1\n");
	/* another content under the same id replaces the document and its facts */
	const char *r2 = rec("d1", "en", "2024-01-02", "[]",
			     "[" E("signing", "\"2024-01-01\"", "[]", "[\"Shanghai\",\"Vietnam\"]") "]");
	assert_int_equal(lsn_store_put_json(st, r2, strlen(r2), "t", &n, &u, &r), LSN_OK);
	assert_int_equal(r, 1);
	assert_string_equal(rows(st, "SELECT type FROM event_mentions"), "signing\n");
	assert_string_equal(rows(st, "SELECT count(*) FROM person_mentions"), "0\n");
	assert_string_equal(rows(st, "SELECT count(*) FROM mention_surfaces"), "0\n");
	assert_string_equal(rows(st, "SELECT count(*) FROM event_mention_people"), "0\n");
	/* removal */
	int found = 0;
	assert_int_equal(lsn_store_remove(st, "d1", &found), LSN_OK);
	assert_true(found);
	assert_string_equal(rows(st, "SELECT count(*) FROM documents UNION ALL SELECT count(*) FROM "
				     "event_mention_parties UNION ALL SELECT count(*) FROM doc_fts"), "0\n0\n0\n");
	lsn_store_close(st);
}

static void test_put_json_errors(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	static const char *const bad[] = {
		"{\"doc\": \"x\",\n \"lang\": }",
		"[1, 2]",
		"{\"lang\": \"en\"}",
		"{\"doc\": \"x\", \"published\": \"May 2024\"}",
		"{\"doc\": \"x\", \"events\": [{\"type\": \"party\"}]}",
		"{\"doc\": \"x\", \"persons\": [{\"name\": \"A\", \"role\": \"king\"}]}",
		"{\"doc\": \"x\", \"events\": [{\"type\": \"meeting\", \"date\": null, \"date_partial\": \"--13-01\"}]}",
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(bad); i++)
		assert_int_equal(lsn_store_put_json(st, bad[i], strlen(bad[i]), "f.jsonl", NULL, NULL, NULL), LSN_EARG);
	const char *two = "{\"doc\":\"a\"}\n{\"doc\":\"b\"}\n{\"doc\":";
	assert_int_equal(lsn_store_put_json(st, two, strlen(two), "f.jsonl", NULL, NULL, NULL), LSN_EARG);
	assert_non_null(strstr(lsn_store_errmsg(st), "f.jsonl:3: not JSON"));
	lsn_store_close(st);
}

/* ---- resolution: people ---- */

static void test_person_three_scripts(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	/* a person the knowledge tables do not know: English, Chinese (the record's
	 * name in characters: read in pinyin), Vietnamese (the Hán-Việt reading as a
	 * surface) */
	put(st, rec("p-en", "en", "2024-05-16", "[" P("Zhao Minghui", "Vice Governor Zhao Minghui", "\"vice governor\"",
						  "\"Jiangsu\"", "CN") "]", "[]"));
	put(st, rec("p-zh", "zh", "2024-05-16", "[" P("赵明辉", "赵明辉", "\"vice governor\"", "\"Jiangsu\"", "CN") "]",
		    "[]"));
	put(st, rec("p-vi", "vi", "2024-05-17", "[" P("Zhao Minghui", "Triệu Minh Huy", "\"vice governor\"",
						  "\"Jiangsu\"", "CN") "]", "[]"));
	/* a Vietnamese person: diacritics or not, and in characters (Hán-Việt) */
	put(st, rec("q-en", "en", "2024-05-16", "[" P("Nguyen Van Trac", "Nguyen Van Trac", "null", "null", "VN") "]",
		    "[]"));
	put(st, rec("q-vi", "vi", "2024-05-16", "[" P("Nguyễn Văn Trác", "ông Trác", "\"vice chairman\"",
						  "\"Hai Phong\"", "VN") "]", "[]"));
	put(st, rec("q-zh", "zh", "2024-05-16", "[" P("阮文卓", "阮文卓", "\"vice chairman\"", "\"Hai Phong\"", "VN") "]",
		    "[]"));
	/* a known person by the names of the knowledge tables */
	put(st, rec("r-zh", "zh", "2023-05-19", "[" P("陈吉宁", "陈吉宁", "null", "null", "CN") "]", "[]"));
	put(st, rec("r-vi", "vi", "2023-05-19", "[" P("Trần Cát Ninh", "Trần Cát Ninh", "null", "null", "CN") "]", "[]"));
	resolve(st);
	assert_string_equal(rows(st, "SELECT id, name, country, n_documents FROM people ORDER BY id"),
			    "chen-jining|Chen Jining|CN|2\n"
			    "nguyen-van-trac|Nguyễn Văn Trác|VN|3\n"
			    "zhao-minghui|Zhao Minghui|CN|3\n");
	assert_string_equal(rows(st, "SELECT alias, script FROM person_aliases WHERE person_id = 'zhao-minghui' "
				     "ORDER BY alias"),
			    "Triệu Minh Huy|latin\nVice Governor Zhao Minghui|latin\n赵明辉|han\n");
	assert_string_equal(rows(st, "SELECT alias FROM person_aliases WHERE person_id = 'nguyen-van-trac' "
				     "ORDER BY alias"), "Nguyen Van Trac\nông Trác\n阮文卓\n");
	assert_string_equal(rows(st, "SELECT role, org, first_seen, last_seen, document_id, n_documents "
				     "FROM person_roles WHERE person_id = 'zhao-minghui'"),
			    "vice governor|Jiangsu|2024-05-16|2024-05-17|p-en|3\n");
	lsn_store_close(st);
}

static void test_person_homonyms(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	/* one name, two people: offices on both sides the same year */
	put(st, rec("a1", "en", "2022-06-02", "[" P("Lu Hai", "Lu Hai", "\"mayor\"", "\"Shanghai\"", "CN") "]", "[]"));
	put(st, rec("a2", "vi", "2022-08-02", "[" P("Lư Hải", "Lư Hải", "\"party secretary\"", "\"Lang Son\"", "VN") "]",
		    "[]"));
	/* one name, two people: heads of two provinces' cities the same year */
	put(st, rec("b1", "en", "2023-04-02", "[" P("Zhou Lin", "Zhou Lin", "\"mayor\"", "\"Nanning\"", "CN") "]", "[]"));
	put(st, rec("b2", "zh", "2023-09-11", "[" P("Zhou Lin", "周林", "\"party secretary\"", "\"Kunming\"", "CN") "]",
		    "[]"));
	/* ... but the same person: vice mayor of that city before, a role in its province, no role */
	put(st, rec("b3", "en", "2021-03-10", "[" P("Zhou Lin", "Zhou Lin", "\"vice mayor\"", "\"Nanning\"", "CN") "]",
		    "[]"));
	put(st, rec("b4", "en", "2023-05-10", "[" P("Zhou Lin", "Zhou Lin", "\"vice chairman\"", "\"Guangxi\"", "CN") "]",
		    "[]"));
	put(st, rec("b5", "en", "2023-06-10", "[" P("Zhou Lin", "Zhou Lin", "null", "null", "CN") "]", "[]"));
	/* and other years: a person moves */
	put(st, rec("b6", "en", "2025-01-10", "[" P("Zhou Lin", "Zhou Lin", "\"governor\"", "\"Yunnan\"", "CN") "]",
		    "[]"));
	resolve(st);
	assert_string_equal(rows(st, "SELECT p.id, group_concat(m.document_id, ',') FROM people p JOIN "
				     "(SELECT * FROM person_mentions ORDER BY document_id) m ON m.person_id = p.id "
				     "GROUP BY p.id ORDER BY p.id"),
			    "lu-hai|a1\nlu-hai-2|a2\nzhou-lin|b1,b3,b4,b5,b6\nzhou-lin-2|b2\n");
	assert_string_equal(rows(st, "SELECT country FROM people WHERE id LIKE 'lu-hai%' ORDER BY id"), "CN\nVN\n");
	lsn_store_close(st);
}

/* ---- resolution: events ---- */

#define CHEN_NEN "[\"Chen Jining\",\"Nguyễn Văn Nên\"]"
#define CHEN P("Chen Jining", "Chen Jining", "\"party secretary\"", "\"Shanghai\"", "CN")
#define NEN P("Nguyễn Văn Nên", "Nguyen Van Nen", "\"party secretary\"", "\"Ho Chi Minh City\"", "VN")
#define SH_HCM "[\"Shanghai\",\"Ho Chi Minh City\"]"

/* The events: for each, its type, date and documents. */
static const char *events(lsn_store *st)
{
	return rows(st, "SELECT e.type, ifnull(e.date, '-'), (SELECT group_concat(document_id, ',') FROM "
			"(SELECT m.document_id FROM event_mentions m WHERE m.event_id = e.id ORDER BY 1)) "
			"FROM events e ORDER BY e.date IS NULL, e.date, e.type, 3");
}

static void test_event_three_languages(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	put(st, rec("m-en", "en", "2023-05-19", "[" CHEN "," NEN "]",
		    "[" E("virtual_meeting", "\"2023-05-18\"", CHEN_NEN, SH_HCM) "]"));
	put(st, rec("m-zh", "zh", "2023-05-19",
		    "[" P("陈吉宁", "陈吉宁", "null", "null", "CN") "," P("Nguyễn Văn Nên", "阮文年", "null", "null", "VN") "]",
		    "[" E("meeting", "\"2023-05-18\"", "[\"陈吉宁\",\"Nguyễn Văn Nên\"]", SH_HCM) "]"));
	put(st, rec("m-vi", "vi", "2023-05-18",
		    "[" P("Trần Cát Ninh", "Trần Cát Ninh", "null", "null", "CN") "," NEN "]",
		    "[" E("virtual_meeting", "\"2023-05-18\"", "[\"Nguyễn Văn Nên\",\"Trần Cát Ninh\"]", SH_HCM) "]"));
	/* the same two men on another day, in person: another meeting */
	put(st, rec("m-en2", "en", "2023-11-15", "[" CHEN "," NEN "]",
		    "[" E("meeting", "\"2023-11-14\"", CHEN_NEN, SH_HCM) "," E("signing", "\"2023-11-14\"", "[]", SH_HCM)
		    "]"));
	/* a day later is another day */
	put(st, rec("m-en3", "en", "2023-05-20", "[" CHEN "," NEN "]",
		    "[" E("meeting", "\"2023-05-19\"", CHEN_NEN, SH_HCM) "]"));
	resolve(st);
	assert_string_equal(events(st),
			    "virtual_meeting|2023-05-18|m-en,m-vi,m-zh\n"
			    "meeting|2023-05-19|m-en3\n"
			    "meeting|2023-11-14|m-en2\n"
			    "signing|2023-11-14|m-en2\n");
	/* participants: one person each, under the canonical names */
	assert_string_equal(rows(st, "SELECT p.name FROM events e JOIN event_participants ep ON ep.event_id = e.id "
				     "JOIN people p ON p.id = ep.person_id WHERE e.date = '2023-05-18' ORDER BY ep.n"),
			    "Chen Jining\nNguyễn Văn Nên\n");
	/* resolving again gives the same ids */
	char before[8192];
	snprintf(before, sizeof before, "%s", rows(st, "SELECT id FROM events ORDER BY id"));
	resolve(st);
	assert_string_equal(rows(st, "SELECT id FROM events ORDER BY id"), before);
	lsn_store_close(st);
}

static void test_event_other_counterpart(void **state)
{
	(void)state;
	lsn_store *st = fresh();
#define WANG P("Wang Haiping", "Wang Haiping", "\"vice governor\"", "\"Yunnan\"", "CN")
	/* A–B (en, zh) and A–C (vi) the same day: two meetings */
	put(st, rec("n-en", "en", "2024-03-06",
		    "[" WANG "," P("Lê Thị Hoa", "Le Thi Hoa", "null", "\"Lao Cai\"", "VN") "]",
		    "[" E("meeting", "\"2024-03-05\"", "[\"Wang Haiping\",\"Lê Thị Hoa\"]", "[\"Yunnan\",\"Lao Cai\"]") "]"));
	put(st, rec("n-zh", "zh", "2024-03-06",
		    "[" P("Wang Haiping", "王海平", "null", "null", "CN") "," P("Lê Thị Hoa", "黎氏花", "null", "null", "VN")
		    "]",
		    "[" E("meeting", "\"2024-03-05\"", "[\"Wang Haiping\",\"Lê Thị Hoa\"]", "[\"Yunnan\",\"Lao Cai\"]") "]"));
	put(st, rec("n-vi", "vi", "2024-03-06",
		    "[" P("Wang Haiping", "Vương Hải Bình", "null", "null", "CN") ","
		    P("Phạm Quang Huy", "Phạm Quang Huy", "null", "\"Ha Giang\"", "VN") "]",
		    "[" E("meeting", "\"2024-03-05\"", "[\"Wang Haiping\",\"Phạm Quang Huy\"]", "[\"Yunnan\",\"Ha Giang\"]")
		    "]"));
	/* a report naming only A that day fits both: it joins the one it fits better
	 * (two parties shared) */
	put(st, rec("n-en2", "en", "2024-03-06", "[" WANG "]",
		    "[" E("meeting", "\"2024-03-05\"", "[\"Wang Haiping\"]", "[\"Yunnan\",\"Lao Cai\"]") "]"));
	resolve(st);
	assert_string_equal(events(st), "meeting|2024-03-05|n-en,n-en2,n-zh\nmeeting|2024-03-05|n-vi\n");
	lsn_store_close(st);
}

static void test_event_parties_rule(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	/* nobody named: two shared parties merge, one does not */
	put(st, rec("s1", "en", "2024-01-10", "[]",
		    "[" E("signing", "\"2024-01-09\"", "[]", "[\"Guangxi\",\"Quang Ninh\"]") "]"));
	put(st, rec("s2", "vi", "2024-01-10", "[]",
		    "[" E("signing", "\"2024-01-09\"", "[]", "[\"Quang Ninh\",\"Guangxi\",\"Vietnam\"]") "]"));
	put(st, rec("s3", "zh", "2024-01-10", "[]",
		    "[" E("signing", "\"2024-01-09\"", "[]", "[\"Guangxi\",\"Lang Son\"]") "]"));
	/* another type is another event */
	put(st, rec("s4", "zh", "2024-01-10", "[]",
		    "[" E("meeting", "\"2024-01-09\"", "[]", "[\"Guangxi\",\"Quang Ninh\"]") "]"));
	/* two events one document tells apart stay apart */
	put(st, rec("s5", "en", "2024-01-10", "[]",
		    "[" E("visit", "\"2024-01-08\"", "[]", "[\"Guangxi\",\"Quang Ninh\"]") ","
		    E("visit", "\"2024-01-08\"", "[]", "[\"Guangxi\",\"Quang Ninh\"]") "]"));
	/* a month-dated report joins the one meeting of that month it fits */
	put(st, rec("s6", "vi", NULL, "[]",
		    "[" E("signing", "\"2024-01\"", "[]", "[\"Guangxi\",\"Quang Ninh\"]") "]"));
	resolve(st);
	assert_string_equal(events(st),
			    "visit|2024-01-08|s5\n"
			    "visit|2024-01-08|s5\n"
			    "meeting|2024-01-09|s4\n"
			    "signing|2024-01-09|s1,s2,s6\n"
			    "signing|2024-01-09|s3\n");
	lsn_store_close(st);
}

static void test_event_undated(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	put(st, rec("u1", "en", "2023-05-19", "[" CHEN "," NEN "]",
		    "[" E("virtual_meeting", "\"2023-05-18\"", CHEN_NEN, SH_HCM) "]"));
	put(st, rec("u2", "en", "2023-11-15", "[" CHEN "," NEN "]", "[" E("meeting", "\"2023-11-14\"", CHEN_NEN, SH_HCM) "]"));
	/* undated, published later: fits the video call better (its type) */
	put(st, rec("u3", "zh", NULL, "[" CHEN "," NEN "]", "[" E("virtual_meeting", "null", CHEN_NEN, SH_HCM) "]"));
	/* undated but published before both: neither */
	put(st, rec("u4", "zh", "2023-01-01", "[" CHEN "," NEN "]", "[" E("meeting", "null", CHEN_NEN, SH_HCM) "]"));
	/* undated, naming nobody: never joins (too little to go on) */
	put(st, rec("u5", "zh", NULL, "[]", "[" E("meeting", "null", "[]", SH_HCM) "]"));
	resolve(st);
	assert_string_equal(events(st),
			    "virtual_meeting|2023-05-18|u1,u3\n"
			    "meeting|2023-11-14|u2\n"
			    "meeting|-|u4\n"
			    "meeting|-|u5\n");
	lsn_store_close(st);
}

/* "on November 14" of no known year: kept apart from an event of May, and
 * joins the one of the same day */
static void test_event_partial_date(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	put(st, rec("q1", "en", "2023-05-19", "[" CHEN "," NEN "]",
		    "[" E("virtual_meeting", "\"2023-05-18\"", CHEN_NEN, SH_HCM) "]"));
	put(st, rec("q2", "en", NULL, "[" CHEN "," NEN "]",
		    "[" E("meeting", "null,\"date_partial\":\"--11-14\"", CHEN_NEN, SH_HCM) "]"));
	put(st, rec("q3", "zh", NULL, "[" CHEN "," NEN "]",
		    "[" E("meeting", "null,\"date_partial\":\"--05-18\"", CHEN_NEN, SH_HCM) "]"));
	resolve(st);
	assert_string_equal(rows(st, "SELECT id, ifnull(date_partial, '-') FROM event_mentions ORDER BY id"),
			    "q1#e0|-\nq2#e0|--11-14\nq3#e0|--05-18\n");
	assert_string_equal(events(st), "virtual_meeting|2023-05-18|q1,q3\nmeeting|-|q2\n");
	lsn_store_close(st);
}

/* Time in the knowledge base: reports of one meeting whose dates are partial or
 * missing in some outlets merge when people, places and publication days agree;
 * reports that agree on the people but not on the time stay apart. */
static void test_event_time_tolerant(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	/* one meeting: dated (en), a month and day without a year (zh), no date (vi) */
	put(st, rec("t-en", "en", "2024-06-13", "[" CHEN "," NEN "]",
		    "[" E("meeting", "\"2024-06-12\"", CHEN_NEN, SH_HCM) "]"));
	put(st, rec("t-zh", "zh", "2024-06-13",
		    "[" P("陈吉宁", "陈吉宁", "null", "null", "CN") "," P("Nguyễn Văn Nên", "阮文年", "null", "null", "VN") "]",
		    "[" E("meeting", "null,\"date_partial\":\"--06-12\"", "[\"陈吉宁\",\"Nguyễn Văn Nên\"]", SH_HCM) "]"));
	put(st, rec("t-vi", "vi", "2024-06-14",
		    "[" P("Trần Cát Ninh", "Trần Cát Ninh", "null", "null", "CN") "," NEN "]",
		    "[" E("meeting", "null", "[\"Nguyễn Văn Nên\",\"Trần Cát Ninh\"]", SH_HCM) "]"));
	/* the same two men a year before: a report of "November 14" published in
	 * 2024 is of 2024's, not of 2023's meeting */
	put(st, rec("y-en", "en", "2023-11-15", "[" CHEN "," NEN "]",
		    "[" E("meeting", "\"2023-11-14\"", CHEN_NEN, SH_HCM) "]"));
	put(st, rec("y-vi", "vi", "2024-11-15", "[" CHEN "," NEN "]",
		    "[" E("meeting", "\"2024-11-14\"", CHEN_NEN, SH_HCM) "]"));
	put(st, rec("y-zh", "zh", "2024-11-16",
		    "[" P("陈吉宁", "陈吉宁", "null", "null", "CN") "," P("Nguyễn Văn Nên", "阮文年", "null", "null", "VN") "]",
		    "[" E("meeting", "null,\"date_partial\":\"--11-14\"", "[\"陈吉宁\",\"Nguyễn Văn Nên\"]", SH_HCM) "]"));
	resolve(st);
	assert_string_equal(events(st),
			    "meeting|2023-11-14|y-en\n"
			    "meeting|2024-06-12|t-en,t-vi,t-zh\n"
			    "meeting|2024-11-14|y-vi,y-zh\n");
	lsn_store_close(st);

	/* no outlet dates it: undated reports published within days of each other
	 * merge (en, zh); one published weeks later is another meeting (vi) */
	st = fresh();
	put(st, rec("w-en", "en", "2024-03-06", "[" WANG "," P("Lê Thị Hoa", "Le Thi Hoa", "null", "\"Lao Cai\"", "VN") "]",
		    "[" E("meeting", "null", "[\"Wang Haiping\",\"Lê Thị Hoa\"]", "[\"Yunnan\",\"Lao Cai\"]") "]"));
	put(st, rec("w-zh", "zh", "2024-03-08",
		    "[" P("Wang Haiping", "王海平", "null", "null", "CN") "," P("Lê Thị Hoa", "黎氏花", "null", "null", "VN")
		    "]",
		    "[" E("meeting", "null", "[\"Wang Haiping\",\"Lê Thị Hoa\"]", "[\"Yunnan\",\"Lao Cai\"]") "]"));
	put(st, rec("w-vi", "vi", "2024-03-30",
		    "[" P("Wang Haiping", "Vương Hải Bình", "null", "null", "CN") ","
		    P("Lê Thị Hoa", "Lê Thị Hoa", "null", "\"Lao Cai\"", "VN") "]",
		    "[" E("meeting", "null", "[\"Wang Haiping\",\"Lê Thị Hoa\"]", "[\"Yunnan\",\"Lao Cai\"]") "]"));
	/* no publication day: the same month and day told merge (en, vi), another
	 * day stays apart (zh), and one that tells no day stays apart (en) */
	put(st, rec("p-en", "en", NULL, "[" WANG "," P("Lê Thị Hoa", "Le Thi Hoa", "null", "\"Lao Cai\"", "VN") "]",
		    "[" E("meeting", "null,\"date_partial\":\"--09-21\"", "[\"Wang Haiping\",\"Lê Thị Hoa\"]",
			  "[\"Yunnan\",\"Lao Cai\"]") "]"));
	put(st, rec("p-vi", "vi", NULL,
		    "[" P("Wang Haiping", "Vương Hải Bình", "null", "null", "CN") ","
		    P("Lê Thị Hoa", "Lê Thị Hoa", "null", "\"Lao Cai\"", "VN") "]",
		    "[" E("meeting", "null,\"date_partial\":\"--09-21\"", "[\"Wang Haiping\",\"Lê Thị Hoa\"]",
			  "[\"Yunnan\",\"Lao Cai\"]") "]"));
	put(st, rec("p-zh", "zh", NULL,
		    "[" P("Wang Haiping", "王海平", "null", "null", "CN") "," P("Lê Thị Hoa", "黎氏花", "null", "null", "VN")
		    "]",
		    "[" E("meeting", "null,\"date_partial\":\"--09-22\"", "[\"Wang Haiping\",\"Lê Thị Hoa\"]",
			  "[\"Yunnan\",\"Lao Cai\"]") "]"));
	put(st, rec("p-en2", "en", NULL, "[" WANG "," P("Lê Thị Hoa", "Le Thi Hoa", "null", "\"Lao Cai\"", "VN") "]",
		    "[" E("meeting", "null", "[\"Wang Haiping\",\"Lê Thị Hoa\"]", "[\"Yunnan\",\"Lao Cai\"]") "]"));
	resolve(st);
	assert_string_equal(events(st),
			    "meeting|-|p-en,p-vi\n"
			    "meeting|-|p-en2\n"
			    "meeting|-|p-zh\n"
			    "meeting|-|w-en,w-zh\n"
			    "meeting|-|w-vi\n");
	lsn_store_close(st);
}

static void test_near_duplicates(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	struct lsn_buf t, j;
	lsn_buf_init(&t);
	lsn_buf_init(&j);
	words(&t, 3, 400);
	for (int k = 0; k < 3; k++) {
		j.len = 0;
		lsn_buf_printf(&j, "{\"doc\":\"dup%d\",\"lang\":\"en\",\"published\":\"2024-02-0%d\",\"text\":", k, 3 - k);
		lsn_buf_json_str(&j, t.data, t.len);
		/* the copies: the same words, other case; the third one is another story */
		lsn_buf_printf(&j, ",\"events\":[{\"type\":\"visit\",\"date\":\"2024-02-01\",\"participants\":[],"
				   "\"parties\":[\"%s\"]}]}\n", k == 1 ? "Guangxi" : "Yunnan");
		put(st, j.data);
		for (size_t i = 0; i < t.len; i++)
			if (t.data[i] >= 'a' && t.data[i] <= 'z')
				t.data[i] = (char)(t.data[i] - 32);
		if (k == 1) {
			t.len = 0;
			words(&t, 4, 400);
		}
	}
	resolve(st);
	/* dup0 (published 02-03) and dup1 (02-02) are one story: dup0 points to the earlier */
	assert_string_equal(rows(st, "SELECT id, ifnull(dup_of, '-') FROM documents ORDER BY id"),
			    "dup0|dup1\ndup1|-\ndup2|-\n");
	/* the copy's event follows the original's, though their parties differ */
	assert_string_equal(events(st), "visit|2024-02-01|dup0,dup1\nvisit|2024-02-01|dup2\n");
	assert_string_equal(rows(st, "SELECT n_sources, n_documents FROM events ORDER BY n_sources DESC"), "2|1\n1|1\n");
	struct lsn_tables_stats x;
	assert_int_equal(lsn_store_stats(st, &x), LSN_OK);
	assert_int_equal(x.duplicates, 1);
	assert_int_equal(x.event_mentions, 2);
	assert_int_equal(x.dup_event_mentions, 1);
	lsn_buf_clear(&t);
	lsn_buf_clear(&j);
	lsn_store_close(st);
}

/* A copy republished a week later reads "on Saturday" as another day: told
 * in the same sentence, it is the same visit, dated as the original; a copy
 * that tells another sentence with another date is another event. */
static void test_near_duplicate_redated(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	struct lsn_buf t, j;
	lsn_buf_init(&t);
	lsn_buf_init(&j);
	words(&t, 5, 400);
	static const char *const pub[] = {"2024-02-05", "2024-02-12", "2024-02-19"};
	static const char *const date[] = {"2024-02-03", "2024-02-10", "2024-02-17"};
	for (int k = 0; k < 3; k++) {
		j.len = 0;
		lsn_buf_printf(&j, "{\"doc\":\"re%d\",\"lang\":\"en\",\"published\":\"%s\",\"text\":", k, pub[k]);
		lsn_buf_json_str(&j, t.data, t.len);
		lsn_buf_printf(&j, ",\"events\":[{\"type\":\"visit\",\"date\":\"%s\",\"participants\":[],"
				   "\"parties\":[\"Yunnan\"],\"evidence\":\"%s\"}]}\n", date[k],
			       k < 2 ? "The delegation visited Kunming on Saturday."
				     : "The delegation visited Hanoi on Saturday.");
		put(st, j.data);
	}
	resolve(st);
	assert_string_equal(rows(st, "SELECT id, ifnull(dup_of, '-') FROM documents ORDER BY id"),
			    "re0|-\nre1|re0\nre2|re0\n");
	assert_string_equal(events(st), "visit|2024-02-03|re0,re1\nvisit|2024-02-17|re2\n");
	struct lsn_tables_stats x;
	assert_int_equal(lsn_store_stats(st, &x), LSN_OK);
	assert_int_equal(x.event_mentions, 2);
	assert_int_equal(x.dup_event_mentions, 1);
	lsn_buf_clear(&t);
	lsn_buf_clear(&j);
	lsn_store_close(st);
}

/* ---- sql.c, search.c: the query layer the command line, exports and API share ---- */

static void test_query_layer_text(void **state)
{
	(void)state;
	struct lsn_buf b;
	lsn_buf_init(&b);
	assert_true(lsn_valid_date("2024") && lsn_valid_date("2024-05") && lsn_valid_date("2024-05-03"));
	assert_false(lsn_valid_date("2024-5") || lsn_valid_date("24") || lsn_valid_date("2024/05") ||
		     lsn_valid_date("2024-05-3x") || lsn_valid_date(""));
	/* one CSV cell: quoted when it must be, quotes doubled */
	static const char *const cells[][2] = {
		{"plain", "plain"}, {"a,b", "\"a,b\""}, {"say \"hi\"", "\"say \"\"hi\"\"\""},
		{" lead", "\" lead\""}, {"two\nlines", "\"two\nlines\""}, {"", ""},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cells); i++) {
		b.len = 0;
		lsn_csv_field(&b, cells[i][0], strlen(cells[i][0]));
		assert_string_equal(b.data, cells[i][1]);
	}
	/* a real as every cell shows it */
	b.len = 0;
	lsn_cell_real(&b, 42000000000.0);
	lsn_buf_addc(&b, ' ');
	lsn_cell_real(&b, 16.4);
	lsn_buf_addc(&b, ' ');
	lsn_cell_real(&b, -3.0);
	assert_string_equal(b.data, "42000000000 16.4 -3");
	lsn_buf_clear(&b);
	lsn_json_strings(&b, (const char *const[]){"Shanghai", "say \"x\""}, 2);
	assert_string_equal(b.data, "[\"Shanghai\",\"say \\\"x\\\"\"]");
	lsn_buf_clear(&b);

	/* a search: words and a quoted phrase, folded; where they are; the snippet */
	char terms[LSN_SEARCH_TERMS][256];
	size_t nterms = 0, ms = 0, me = 0;
	struct lsn_buf ph;
	lsn_buf_init(&ph);
	assert_int_equal(lsn_q_search_terms("Thượng  \"Hải\"", &b, &ph, terms, &nterms), 0);
	assert_int_equal(nterms, 2);
	assert_string_equal(terms[0], "thuong");
	assert_string_equal(terms[1], "hai");
	assert_string_equal(b.data, "\"thuong\" \"hai\"");
	/* several words: also the phrase of them, to find them together first */
	assert_int_equal((int)ph.len, (int)strlen("\"thuong hai\""));
	assert_memory_equal(ph.data, "\"thuong hai\"", ph.len);
	lsn_buf_clear(&b);
	assert_int_equal(lsn_q_search_terms("(Shanghai),", &b, &ph, terms, &nterms), 0);
	assert_int_equal(nterms, 1);
	assert_int_equal((int)ph.len, 0); /* one word: no phrase */
	assert_string_equal(lsn_q_search_found(0, 1), "word");
	assert_string_equal(lsn_q_search_found(0, 2), "phrase");
	assert_string_equal(lsn_q_search_found(1, 2), "words");
	lsn_buf_clear(&ph);
	lsn_buf_clear(&b);
	assert_int_equal(lsn_q_search_terms("Thượng  \"Hải\"", &b, NULL, terms, &nterms), 0);
	const char *text = "First line.\nThe forum in Thượng Hải opened.\nLast line.";
	assert_int_equal(lsn_q_find_match(text, strlen(text), terms, nterms, &ms, &me), 1);
	assert_int_equal(ms, strlen("First line.\nThe forum in "));
	assert_int_equal(me, ms + strlen("Thượng Hải"));
	struct lsn_snippet sn;
	lsn_q_snippet(text, strlen(text), ms, me, &sn);
	assert_int_equal(sn.a, strlen("First line.\n"));
	assert_int_equal(sn.z, strlen("First line.\nThe forum in Thượng Hải opened."));
	assert_false(sn.cut_a || sn.cut_z);
	/* whole words only: "hai" is not found inside "Haiphong" */
	const char *other = "Haiphong and Guangxi";
	assert_int_equal(lsn_q_find_match(other, strlen(other), &terms[1], 1, &ms, &me), 0);
	lsn_buf_clear(&b);
}

/* The dates of the events that LSN_SQL_EVENT_WHERE keeps for f, in order. */
static const char *filtered(lsn_store *st, struct lsn_event_filter *f)
{
	static char out[1024];
	size_t n = 0;
	lsn_stmt *s = lsn_st_prep(st, "SELECT ifnull(e.date, '-') FROM events e WHERE " LSN_SQL_EVENT_WHERE
					  "ORDER BY " LSN_SQL_EVENTS_ORDER("e."));
	assert_non_null(s);
	lsn_event_filter_bind(f, s);
	out[0] = 0;
	while (lsn_step(s) == LSN_DB_ROW)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", n ? " " : "", lsn_col(s, 0));
	lsn_reset(s);
	return out;
}

static void test_query_layer_event_filter(void **state)
{
	(void)state;
	lsn_store *st = fresh();
	put(st, rec("f1", "en", "2024-06-01", "[]", "[" E("visit", "\"2024\"", "[]", "[\"Guangxi\"]") "]"));
	put(st, rec("f2", "vi", "2024-06-01", "[]", "[" E("visit", "\"2024-05-10\"", "[]", "[\"Yunnan\"]") "]"));
	put(st, rec("f3", "en", "2024-06-01", "[]", "[" E("signing", "\"2023-12-01\"", "[]", "[\"Guangxi\"]") "]"));
	put(st, rec("f4", "zh", "2024-06-01", "[]", "[" E("meeting", "null", "[]", "[\"Guangxi\"]") "]"));
	resolve(st);
	struct lsn_event_filter f;
	memset(&f, 0, sizeof f);
	assert_string_equal(filtered(st, &f), "2023-12-01 2024 2024-05-10 -");
	/* a date of the year only is within since=2024-05 and until=2024-05 */
	f.since = "2024-05";
	assert_string_equal(filtered(st, &f), "2024 2024-05-10");
	f.since = NULL;
	f.until = "2024-05";
	assert_string_equal(filtered(st, &f), "2023-12-01 2024 2024-05-10");
	f.until = NULL;
	f.type = "visit";
	assert_int_equal(lsn_event_filter_check(st, &f), LSN_OK);
	assert_string_equal(filtered(st, &f), "2024 2024-05-10");
	f.type = NULL;
	assert_int_equal(lsn_event_filter_parties(st, kb, (const char *const[]){"Guangxi"}, 1, &f), LSN_OK);
	assert_string_equal(filtered(st, &f), "2023-12-01 2024 -");
	lsn_json_strings(&f.langs, (const char *const[]){"zh", "vi"}, 2);
	f.has_langs = 1;
	assert_string_equal(filtered(st, &f), "-");
	lsn_event_filter_clear(&f);
	memset(&f, 0, sizeof f);
	f.month = "2024-05";
	assert_string_equal(filtered(st, &f), "2024-05-10");
	/* what a user may get wrong: the same message for the command line and the API */
	f.type = "party";
	assert_int_equal(lsn_event_filter_check(st, &f), LSN_EARG);
	assert_non_null(strstr(lsn_store_errmsg(st), "unknown event type 'party' (meeting, "));
	f.type = NULL;
	f.since = "May 2024";
	assert_int_equal(lsn_event_filter_check(st, &f), LSN_EARG);
	assert_non_null(strstr(lsn_store_errmsg(st), "a date must be YYYY, YYYY-MM or YYYY-MM-DD"));
	assert_int_equal(lsn_event_filter_parties(st, kb, (const char *const[]){"Atlantis"}, 1, &f), LSN_EARG);
	assert_non_null(strstr(lsn_store_errmsg(st), "no place named 'Atlantis'"));
	lsn_event_filter_clear(&f);
	lsn_store_close(st);
}

static int setup(void **state)
{
	(void)state;
	char err[256];
	snprintf(dir, sizeof dir, "/tmp/test_store.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	kb = lsn_tables_new(NULL, err, sizeof err);
	return kb ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	lsn_tables_free(kb);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_name_key),
		cmocka_unit_test(test_fts_fold),
		cmocka_unit_test(test_simhash),
		cmocka_unit_test(test_open_migrate),
		cmocka_unit_test(test_put_idempotent_and_replace),
		cmocka_unit_test(test_put_json_errors),
		cmocka_unit_test(test_person_three_scripts),
		cmocka_unit_test(test_person_homonyms),
		cmocka_unit_test(test_event_three_languages),
		cmocka_unit_test(test_event_other_counterpart),
		cmocka_unit_test(test_event_parties_rule),
		cmocka_unit_test(test_event_undated),
		cmocka_unit_test(test_event_partial_date),
		cmocka_unit_test(test_event_time_tolerant),
		cmocka_unit_test(test_near_duplicates),
		cmocka_unit_test(test_near_duplicate_redated),
		cmocka_unit_test(test_query_layer_text),
		cmocka_unit_test(test_query_layer_event_filter),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
