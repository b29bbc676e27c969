/*
 * test_kb.c — kb.c: the knowledge tables, compiled in and from a directory,
 * the phrase index over them, and the messages for malformed tables.
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

size_t lsn_tokenize(const char *s, size_t n, uint32_t base, struct lsn_tok *out, size_t cap);

static lsn_tables *builtin(void)
{
	static lsn_tables *kb;
	if (!kb) {
		char err[256];
		kb = lsn_tables_new(NULL, err, sizeof err);
		if (!kb)
			fail_msg("lsn_tables_new(NULL): %s", err);
	}
	return kb;
}

/* The value of the phrase of `kind` whose tokens are those of `s`, or -1. */
static long phrase(const lsn_tables *kb, const char *s, int kind)
{
	struct lsn_tok t[32];
	size_t n = lsn_tokenize(s, strlen(s), 0, t, 32);
	if (!n)
		return -1;
	for (uint32_t i = lsn_map_get(&kb->first, t[0].h); i; i = kb->phrases[i - 1].next) {
		const struct lsn_phrase *ph = &kb->phrases[i - 1];
		if (ph->kind != kind || ph->ntok != n)
			continue;
		size_t k = 0;
		while (k < n && kb->ptoks[ph->tok0 + k] == t[k].h)
			k++;
		if (k == n)
			return (long)ph->val;
	}
	return -1;
}

static void test_builtin_places(void **state)
{
	(void)state;
	const lsn_tables *kb = builtin();
	assert_true(kb->nplaces > 50);
	static const struct {
		const char *id, *cc, *parent;
		int level;
	} cases[] = {
		{"Vietnam", "VN", NULL, PL_COUNTRY},
		{"China", "CN", NULL, PL_COUNTRY},
		{"Shanghai", "CN", "China", PL_PROVINCE},
		{"Guangxi", "CN", "China", PL_PROVINCE},
		{"Ho Chi Minh City", "VN", "Vietnam", PL_PROVINCE},
		{"Hanoi", "VN", "Vietnam", PL_PROVINCE},
		{"Da Nang", "VN", "Vietnam", PL_PROVINCE},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		int32_t p = lsn_tables_place(kb, cases[i].id);
		if (p < 0)
			fail_msg("place '%s' not found", cases[i].id);
		assert_string_equal(kb->places[p].id, cases[i].id);
		assert_string_equal(kb->places[p].cc, cases[i].cc);
		assert_int_equal(kb->places[p].level, cases[i].level);
		if (cases[i].parent)
			assert_int_equal(kb->places[p].parent, lsn_tables_place(kb, cases[i].parent));
		else
			assert_int_equal(kb->places[p].parent, -1);
	}
	assert_int_equal(kb->place_vietnam, lsn_tables_place(kb, "Vietnam"));
	assert_int_equal(kb->place_china, lsn_tables_place(kb, "China"));
	/* exact canonical ids only: aliases go through the phrase index */
	assert_int_equal(lsn_tables_place(kb, "shanghai"), -1);
	assert_int_equal(lsn_tables_place(kb, "Atlantis"), -1);
}

static void test_builtin_aliases(void **state)
{
	(void)state;
	const lsn_tables *kb = builtin();
	static const struct {
		const char *surface, *id;
		int kind;
	} cases[] = {
		{"Shanghai", "Shanghai", PK_PLACE},
		{"上海", "Shanghai", PK_PLACE},
		{"Thượng Hải", "Shanghai", PK_PLACE},
		{"THUONG HAI", "Shanghai", PK_PLACE}, /* folded: case and diacritics */
		{"胡志明市", "Ho Chi Minh City", PK_PLACE},
		{"TP.HCM", "Ho Chi Minh City", PK_PLACE},
		{"HCM City", "Ho Chi Minh City", PK_PLACE},
		{"Thành phố Hồ Chí Minh", "Ho Chi Minh City", PK_PLACE},
		{"Việt Nam", "Vietnam", PK_PLACE},
		{"越南", "Vietnam", PK_PLACE},
		{"Trung Quốc", "China", PK_PLACE},
		{"广西壮族自治区", "Guangxi", PK_PLACE},
		{"Quảng Tây", "Guangxi", PK_PLACE},
		{"Đà Nẵng", "Da Nang", PK_PLACE},
		{"Vietnamese", "Vietnam", PK_DEMONYM},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		long v = phrase(kb, cases[i].surface, cases[i].kind);
		if (v < 0)
			fail_msg("'%s' is not in the phrase index", cases[i].surface);
		assert_string_equal(kb->places[v].id, cases[i].id);
	}
	assert_int_equal(phrase(kb, "Atlantis", PK_PLACE), -1);
}

static void test_builtin_vocabularies(void **state)
{
	(void)state;
	const lsn_tables *kb = builtin();
	/* every table is loaded and its values are inside SCHEMA.md's vocabularies */
	assert_true(kb->ntitles > 0 && kb->nactors > 0 && kb->nphrases > kb->nplaces);
	for (size_t i = 0; i < kb->ntitles; i++)
		assert_true(kb->titles[i].role > 0 && kb->titles[i].role < lsn_vocab_len(lsn_roles));
	for (size_t i = 0; i < kb->naroles; i++)
		assert_true(kb->aroles[i].role > 0 && kb->aroles[i].role < lsn_vocab_len(lsn_roles));
	for (size_t i = 0; i < kb->nphrases; i++) {
		const struct lsn_phrase *ph = &kb->phrases[i];
		assert_true(ph->kind >= PK_PLACE && ph->kind < PK_KIND_MAX && ph->ntok > 0);
		if (ph->kind == PK_TRIGGER)
			assert_true(ph->val > EV_NONE && ph->val < lsn_vocab_len(lsn_ev_types));
		if (ph->kind == PK_FIELD) /* a field, or none (fields.tsv) */
			assert_true(ph->val < lsn_vocab_len(lsn_fields) || ph->val == LSN_FIELD_NONE);
		if (ph->kind == PK_PLACE || ph->kind == PK_DEMONYM)
			assert_true(ph->val < kb->nplaces);
	}
	for (size_t i = 0; i < kb->nplaces; i++)
		assert_true(kb->places[i].parent < (int32_t)kb->nplaces);
}

/* ---- tables from a directory ---- */

static char tmpdir[64];

static void put(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static void drop(const char *name)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	unlink(path);
}

static int setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/lsn-test-kb-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	(void)state;
	static const char *const files[] = {"titles.tsv", "triggers.tsv", "places.tsv",
					    "actor_roles.tsv", "fields.tsv", "lexicon.tsv"};
	for (size_t i = 0; i < LSN_ARRAY_LEN(files); i++)
		drop(files[i]);
	rmdir(tmpdir);
	lsn_tables_free(builtin());
	return 0;
}

#define TITLE_HEAD "# titles for the test\nlang\tpattern\trole\tscope\torg\tslot\n"

static void test_dir_override(void **state)
{
	(void)state;
	/* a table present in the directory replaces the built-in one; the others
	 * fall back to the built-in tables */
	put("titles.tsv", TITLE_HEAD "en\t{P} Mayor\tmayor\tcity\t\torg\n");
	char err[256] = "untouched";
	lsn_tables *kb = lsn_tables_new(tmpdir, err, sizeof err);
	if (!kb)
		fail_msg("lsn_tables_new(dir): %s", err);
	assert_string_equal(err, "");
	assert_int_equal(kb->ntitles, 1);
	assert_int_equal(kb->titles[0].role, lsn_vocab_find(lsn_roles, "mayor", 5));
	assert_int_equal(kb->titles[0].slots[0], 'o');
	assert_int_equal(kb->nplaces, builtin()->nplaces);
	assert_true(lsn_tables_place(kb, "Shanghai") >= 0);
	lsn_tables_free(kb);
	drop("titles.tsv");
}

/* The lexicon: a word of a class, folded or exact, in table order; --data overrides it. */
static void test_lexicon(void **state)
{
	(void)state;
	put("lexicon.tsv", "# a test lexicon\nlang\tword\tclass\tvalue\n"
			   "en\tWill\tfuture\t\nvi\tsẽ\tfuture\t\nzh\t将\tfuture\t3\n"
			   "en\tGov.\tsentence_abbrev\t\nvi\tse\tname_stop\t\n");
	char err[256] = "";
	lsn_tables *t = lsn_tables_new(tmpdir, err, sizeof err);
	if (!t)
		fail_msg("lsn_tables_new: %s", err);
	const struct lsn_lexeme *e = lsn_lex_find(t, LX_FUTURE, "WILL", 4);
	assert_non_null(e);
	assert_string_equal(e->word, "Will");
	assert_int_equal(e->lang, LANG_EN);
	e = lsn_lex_find(t, LX_FUTURE, "\xe5\xb0\x86", 3); /* 将 */
	assert_non_null(e);
	assert_int_equal(e->value, 3);
	/* folded: "se" finds "sẽ"; exact: only "sẽ" itself (any case) */
	assert_non_null(lsn_lex_find(t, LX_FUTURE, "se", 2));
	assert_null(lsn_lex_find_exact(t, LX_FUTURE, "se", 2));
	assert_non_null(lsn_lex_find_exact(t, LX_FUTURE, "S\xe1\xba\xbc", 4)); /* SẼ */
	/* a word is of its class only */
	assert_null(lsn_lex_find(t, LX_NAME_STOP, "will", 4));
	assert_non_null(lsn_lex_find(t, LX_NAME_STOP, "se", 2));
	size_t n = 0;
	const struct lsn_lexeme *all = lsn_lex_class(t, LX_FUTURE, &n);
	assert_int_equal(n, 3);
	assert_string_equal(all[0].word, "Will");
	assert_string_equal(all[2].word, "\xe5\xb0\x86");
	assert_non_null(lsn_lex_hash(t, LX_SENT_ABBREV, lsn_fold_hash("gov.", 4)));
	assert_null(lsn_lex_class(t, LX_MAX, &n));
	assert_int_equal(n, 0);
	assert_string_equal(lsn_lex_class_name(LX_FUTURE), "future");
	assert_null(lsn_lex_class_name(0));
	lsn_tables_free(t);
	drop("lexicon.tsv");
}

static void test_dir_malformed(void **state)
{
	(void)state;
	static const struct {
		const char *file, *text, *want;
	} cases[] = {
		/* the line number counts comments and blank lines: it is the file's line */
		{"titles.tsv",
		 TITLE_HEAD "en\tMayor\tmayor\tcity\t\t\n\nen\tHead Chef\tchef\tany\t\t\n",
		 "titles.tsv:5: unknown role"},
		{"titles.tsv", "lang\tpattern\trole\n", "titles.tsv:1: header lacks column 'scope'"},
		{"titles.tsv", "# only a comment\n", "no header line"},
		{"triggers.tsv", "lang\tphrase\ttype\nen\tmet with\tmeeting\nen\tdined with\tdinner\n",
		 "triggers.tsv:3: unknown event type"},
		{"fields.tsv", "lang\tkeyword\tfield\nvi\tthương mại\tcommerce\n",
		 "fields.tsv:2: unknown field"},
		{"places.tsv",
		 "id\tlevel\tparent\tcc\tfrom\tto\taliases\tdemonyms\nAtlantis\tcontinent\t\tAT\t\t\t\t\n",
		 "places.tsv:2: unknown level"},
		{"actor_roles.tsv", "id\trole\torg\tfrom\tto\nNobody Known\tmayor\tShanghai\t2020\t\n",
		 "actor_roles.tsv:2: role of an unknown actor"},
		{"lexicon.tsv", "lang\tword\tclass\tvalue\nen\twill\tfuture\t\nen\tbogus\tno_such_class\t\n",
		 "lexicon.tsv:3: unknown lexicon class"},
		{"lexicon.tsv", "lang\tword\tclass\nen\t\tfuture\n", "lexicon.tsv:2: empty word"},
	};
	for (size_t i = 0; i < LSN_ARRAY_LEN(cases); i++) {
		put(cases[i].file, cases[i].text);
		char err[256] = "";
		lsn_tables *kb = lsn_tables_new(tmpdir, err, sizeof err);
		if (kb)
			fail_msg("%s: loaded, want '%s'", cases[i].file, cases[i].want);
		if (!strstr(err, cases[i].want) || strncmp(err, cases[i].file, strlen(cases[i].file)))
			fail_msg("message '%s', want '%s'", err, cases[i].want);
		/* without room for a message it still fails, and writes nothing */
		assert_null(lsn_tables_new(tmpdir, err, 0));
		drop(cases[i].file);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_places),
		cmocka_unit_test(test_builtin_aliases),
		cmocka_unit_test(test_builtin_vocabularies),
		cmocka_unit_test(test_dir_override),
		cmocka_unit_test(test_dir_malformed),
		cmocka_unit_test(test_lexicon),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
