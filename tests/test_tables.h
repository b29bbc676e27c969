/*
 * test_tables.h — the built-in knowledge tables for the unit tests of the document stages
 * (their word lists live in data/lexicon.tsv).  Include after <cmocka.h> and lsn_int.h.
 */
#ifndef TEST_TABLES_H
#define TEST_TABLES_H

/* The built-in tables, loaded once; never freed (the process ends). */
static const lsn_tables *builtin(void)
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

#endif
