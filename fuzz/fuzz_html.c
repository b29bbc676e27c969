/*
 * fuzz_html.c — libFuzzer target: the HTML article extractor on arbitrary
 * bytes, as a page (with and without a charset) and as a feed fragment.
 * Built by fuzz/run.sh (cmake -DLSN_FUZZ=ON with clang).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "read/read_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lsn_buf text;
	lsn_buf_init(&text);
	char pub[11], title[64];
	const char *s = (const char *)data;
	lsn_html_to_text(s, size, NULL, &text, pub, title, sizeof title);
	if (text.data && strlen(text.data) != text.len)
		__builtin_trap();
	text.len = 0;
	lsn_html_to_text(s, size, size & 1 ? "gbk" : "windows-1258", &text, pub, title, sizeof title);
	text.len = 0;
	struct lsn_html_out o = {.text = &text, .title = NULL, .url = NULL};
	lsn_html_extract(s, size, "utf-8", "http://example.org/2024/05/16/a.html", 1, &o);
	lsn_buf_clear(&text);
	return 0;
}
