/*
 * fuzz_extract.c — libFuzzer target for the whole extraction pipeline on
 * arbitrary bytes (the text reader): lsn_doc_new, lsn_extract, lsn_doc_json.
 * Any input must give a record or a clean refusal, never a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include "liaison.h"

static lsn_tables *kb;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!kb) {
		char err[256];
		kb = lsn_tables_new(NULL, err, sizeof err);
		if (!kb)
			abort();
	}
	lsn_doc *doc = NULL;
	size_t bad = 0;
	if (lsn_doc_new("fuzz", (const char *)data, size, NULL, &doc, &bad) != LSN_OK)
		return 0;
	if (lsn_extract(kb, doc) == LSN_OK) {
		struct lsn_buf b;
		lsn_buf_init(&b);
		lsn_doc_json(doc, &b, 1);
		lsn_buf_clear(&b);
	}
	lsn_doc_free(doc);
	return 0;
}
