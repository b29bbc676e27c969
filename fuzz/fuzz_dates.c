/*
 * fuzz_dates.c — libFuzzer target for the date grammar (src/dates.c, the tables of
 * data/calendar.tsv and the lexicon) and the date reasoning over it
 * (src/extract/dates.c), as `liaison dates` runs them: the first byte picks the
 * language (en, zh, vi or detected) and whether a reference day is given (its day
 * of the years 1990-2089 from the next two bytes); the rest is the text.  Whatever
 * the input, every date found must lie inside the text's tokens, be a real day of
 * the calendar at its precision, and have evidence inside the text; nothing may
 * crash, leak or loop.  Seeds in fuzz/corpus/dates/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lsn_int.h"

static lsn_tables *kb;

/* Is d a real date at its precision (an undated one has none to check)? */
static int real(struct lsn_date d)
{
	char s[11];
	if (d.prec == DP_NONE)
		return 1;
	if (d.y < 1 || d.y > 9999 || (d.prec >= DP_MONTH && (d.m < 1 || d.m > 12)))
		return 0;
	if (d.prec < DP_DAY)
		return 1;
	lsn_date_str(d, s);
	return strlen(s) == 10 && lsn_valid_date(s);
}

static int inside(const lsn_doc *doc, struct lsn_span s)
{
	return s.end == 0 || (s.start < s.end && s.end <= doc->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = {NULL, "en", "zh", "vi"};
	if (!kb) {
		char err[256];
		if (!(kb = lsn_tables_new(NULL, err, sizeof err)))
			abort();
	}
	if (size < 3)
		return 0;
	const char *lang = langs[data[0] & 3];
	char ref[11], *refp = NULL;
	if (data[0] & 4) {
		int y, m, d;
		lsn_from_days(lsn_days(1990, 1, 1) + (data[1] << 8 | data[2]) % 36500, &y, &m, &d);
		snprintf(ref, sizeof ref, "%04d-%02d-%02d", y, m, d);
		refp = ref;
	}
	lsn_doc *doc = NULL;
	if (lsn_doc_new("fuzz", (const char *)data + 3, size - 3, refp, &doc, NULL) != LSN_OK)
		return 0;
	enum lsn_status st = lsn_extract_as(kb, doc, lang);
	if (st == LSN_OK) {
		if (!real(doc->published) || !real(doc->ref) || !inside(doc, doc->ref_from) ||
		    !inside(doc, doc->pub_line))
			abort();
		for (size_t k = 0; k < doc->ndates; k++) {
			const struct lsn_datehit *dh = &doc->dates[k];
			if (dh->t0 >= dh->t1 || dh->t1 > doc->ntoks || !real(dh->dt) ||
			    (dh->yhit >= 0 && (size_t)dh->yhit >= doc->ndates))
				abort();
			if (dh->open && (dh->dt.m < 1 || dh->dt.m > 12))
				abort();
		}
		for (size_t k = 0; k < doc->nevents; k++) {
			const struct lsn_event *e = &doc->events[k];
			if (e->dropped)
				continue;
			if (!real(e->date) || !inside(doc, e->why.from) ||
			    (e->why.hit >= 0 && (size_t)e->why.hit >= doc->ndates) ||
			    (e->why.person >= 0 && (size_t)e->why.person >= doc->npersons) ||
			    (!e->date.prec && !e->why.why))
				abort();
		}
		struct lsn_buf b;
		lsn_buf_init(&b);
		lsn_doc_json(doc, &b, LSN_JSON_OFFSETS | LSN_JSON_EXPLAIN);
		lsn_buf_clear(&b);
	}
	lsn_doc_free(doc);
	return 0;
}
