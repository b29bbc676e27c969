/*
 * fuzz_warc.c — libFuzzer target: the warc reader on arbitrary bytes, read to
 * the end.  Whatever the input, it must neither crash nor leak nor loop.
 * Built by fuzz/run.sh (cmake -DLSN_FUZZ=ON with clang).
 */
#include <stddef.h>
#include <stdint.h>
#include "read/read_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	lsn_reader *r = lsn_rd_open_mem("fuzz", (const char *)data, size, LSN_FMT_WARC, NULL, err, sizeof err);
	if (!r)
		return 0;
	struct lsn_input in;
	for (int i = 0; i < 10000; i++) {
		int rc = lsn_reader_next(r, &in, err, sizeof err);
		if (rc == 0 || rc == -2)
			break;
		if (rc == 1 && in.text[in.len] != 0)
			__builtin_trap();
	}
	lsn_reader_free(r);
	return 0;
}
