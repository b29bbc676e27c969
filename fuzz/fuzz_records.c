/*
 * fuzz_records.c — libFuzzer target: records given as JSON (`liaison ingest
 * --records`, lsn_store_put_json) on arbitrary bytes, into an in-memory
 * knowledge base, then resolved.  Whatever the input, it must neither crash
 * nor leak nor loop.  Built with cmake -DLSN_FUZZ=ON (clang); seeds in
 * fuzz/corpus/records/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "store/store_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static lsn_tables *kb;
	char err[256];
	lsn_store *st = NULL;
	if (!kb && !(kb = lsn_tables_new(NULL, err, sizeof err)))
		abort();
	if (lsn_store_open(":memory:", LSN_STORE_CREATE, &st, err, sizeof err))
		abort();
	size_t n = 0, u = 0, r = 0;
	if (lsn_store_put_json(st, (const char *)data, size, "fuzz", &n, &u, &r) == LSN_OK &&
	    lsn_store_resolve(st, kb, NULL) != LSN_OK)
		abort(); /* stored records always resolve */
	lsn_store_close(st);
	return 0;
}
