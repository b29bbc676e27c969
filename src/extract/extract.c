/*
 * extract.c — sixth stage: the record of SCHEMA.md from the annotations.
 *
 * The entry point builds the per-document state every part reads (struct
 * x of extract_int.h: sentence bounds, per-token places, titles and
 * actors) and runs the parts in order:
 *
 *   1. reference date: publication date, else a dated recurring event ("the
 *      6th CIIE"), else the latest full date the text gives; year-less and
 *      weekday dates are completed against it (dates.c);
 *   2. persons: title + name, name + appositive title, surname-led names and
 *      known actors; short forms ("Gong", "Nen", "PM Chính") and bare titles
 *      resolve to the person introduced earlier (persons*.c);
 *   3. events: trigger phrases with the persons and places of their sentence,
 *      merged when they are the same interaction told twice (events*.c);
 *   4. figures: amounts with a metric word, their period and change (figures.c);
 *   5. relations and fields (relations.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "extract_int.h"

/* Copies the text of tokens [t0,t1) with single spaces. */
void lsn_x_tok_text(const lsn_doc *doc, uint32_t t0, uint32_t t1, char *out, size_t cap)
{
	size_t o = 0;
	for (uint32_t i = t0; i < t1; i++) {
		const struct lsn_tok *t = &doc->toks[i];
		size_t n = t->end - t->start;
		if (i > t0 && (t->flags & TF_SPACE) && o + 1 < cap)
			out[o++] = ' ';
		if (o + n + 1 >= cap)
			break;
		memcpy(out + o, doc->text + t->start, n);
		o += n;
	}
	out[o] = 0;
}

int lsn_x_hit_in(const struct x *X, uint8_t kind, uint32_t val, uint32_t t0, uint32_t t1)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[t0]; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->t0 >= t1)
			break;
		if (hit->kind == kind && (!val || hit->val == val))
			return 1;
	}
	return 0;
}

const struct lsn_lexeme *lsn_x_lex_fold(const lsn_tables *kb, const lsn_doc *doc, int cls,
					 uint32_t i)
{
	return i < doc->ntoks ? lsn_tok_lexf(kb, doc, cls, i) : NULL;
}

const struct lsn_lexeme *lsn_x_lex_exact(const lsn_tables *kb, const lsn_doc *doc, int cls,
					  uint32_t i)
{
	if (i >= doc->ntoks)
		return NULL;
	const char *s = doc->text + doc->toks[i].start;
	size_t n = doc->toks[i].end - doc->toks[i].start;
	const struct lsn_lexeme *e = lsn_tok_lexl(kb, doc, cls, i);
	return e && e->len == n && !memcmp(e->word, s, n) ? e : NULL;
}

const struct lsn_lexeme *lsn_x_lex_tok(const lsn_tables *kb, const lsn_doc *doc, int cls,
					 uint32_t i)
{
	const struct lsn_lexeme *e = lsn_x_lex_fold(kb, doc, cls, i);
	if (e && e->lang != LANG_ZH)
		return e;
	e = lsn_x_lex_exact(kb, doc, cls, i);
	return e && e->lang == LANG_ZH ? e : NULL;
}

int lsn_x_lex_of_lang(const lsn_doc *doc, const struct lsn_lexeme *e)
{
	uint8_t lang = !strcmp(doc->lang, "en") ? LANG_EN
		     : !strcmp(doc->lang, "zh") ? LANG_ZH
		     : !strcmp(doc->lang, "vi") ? LANG_VI : 0;
	return e && (e->lang & lang);
}

const struct lsn_lexeme *lsn_x_lex_seq(const lsn_tables *kb, const lsn_doc *doc, int cls,
				       uint32_t i, uint32_t n)
{
	size_t nrows;
	const struct lsn_lexeme *rows = lsn_lex_class(kb, cls, &nrows);
	if (i >= doc->ntoks || n > doc->ntoks - i || !nrows)
		return NULL;
	struct lsn_tok_starts it;
	lsn_tok_starts(kb, doc, cls, i, &it);
	for (int64_t r; (r = lsn_tok_starts_next(&it)) >= 0;) {
		const char *w = rows[r].word;
		size_t len = rows[r].len, at = 0;
		uint32_t k = 0;
		if (rows[r].lang != LANG_ZH && n && rows[r].h0 != doc->toks[i].h)
			continue; /* its first word is not there (as the loop would find) */
		for (; k < n && at < len; k++) {
			const struct lsn_tok *t = &doc->toks[i + k];
			size_t tn = t->end - t->start, e = at;
			if (rows[r].lang == LANG_ZH) { /* one character a token, as written */
				(void)lsn_utf8_next(w, len, &e);
				if (e - at != tn || memcmp(w + at, doc->text + t->start, tn))
					break;
				at = e;
			} else { /* one word a token, folded */
				const char *sp = memchr(w + at, ' ', len - at);
				e = sp ? (size_t)(sp - w) : len;
				if (t->h != lsn_fold_hash(w + at, e - at))
					break;
				at = sp ? e + 1 : len;
			}
		}
		if (k == n && at == len)
			return &rows[r];
	}
	return NULL;
}

enum lsn_status lsn_extract_records(const lsn_tables *kb, lsn_doc *doc)
{
	struct x X = {.kb = kb, .doc = doc};
	X.zh = !strcmp(doc->lang, "zh");
	enum lsn_status st = LSN_ENOMEM;
	size_t nt = doc->ntoks + 1;
	X.st0 = calloc(doc->nsents + 1, sizeof *X.st0);
	X.st1 = calloc(doc->nsents + 1, sizeof *X.st1);
	X.tok_place = calloc(nt, sizeof *X.tok_place);
	X.tok_kind = calloc(nt, 1);
	X.tok_title = calloc(nt, sizeof *X.tok_title);
	X.tok_actor = calloc(nt, sizeof *X.tok_actor);
	X.hit0 = calloc(nt + 1, sizeof *X.hit0);
	X.future = malloc(doc->nsents + 1);
	if (X.future)
		memset(X.future, -1, doc->nsents + 1);
	X.footer = malloc(doc->nsents + 1);
	if (X.footer)
		memset(X.footer, -1, doc->nsents + 1);
	X.date_other = malloc(doc->ndates + 1);
	if (X.date_other)
		memset(X.date_other, -1, doc->ndates + 1);
	free(doc->ment_person);
	doc->ment_person = calloc(nt, sizeof *doc->ment_person);
	if (!X.st0 || !X.st1 || !X.tok_place || !X.tok_kind || !X.tok_title || !X.tok_actor ||
	    !X.hit0 || !X.future || !X.footer || !X.date_other || !doc->ment_person)
		goto out;
	{
		size_t h = 0;
		for (uint32_t i = 0; i <= doc->ntoks; i++) {
			while (h < doc->nhits && doc->hits[h].t0 < i)
				h++;
			X.hit0[i] = (uint32_t)h;
		}
		X.hit0[doc->ntoks] = (uint32_t)doc->nhits;
	}
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		uint32_t s = doc->toks[i].sent;
		if (i == 0 || doc->toks[i - 1].sent != s)
			X.st0[s] = i;
		X.st1[s] = i + 1;
	}
	/* a place's name wins over a demonym inside it ("Lào Cai" is not Laos's
	 * "Lào"): demonyms first, places over them */
	for (size_t h = 0; h < doc->nhits; h++)
		if (doc->hits[h].kind == PK_DEMONYM)
			for (uint32_t i = doc->hits[h].t0; i < doc->hits[h].t1; i++)
				X.tok_place[i] = (int32_t)doc->hits[h].val + 1;
	for (size_t h = 0; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		for (uint32_t i = hit->t0; i < hit->t1; i++) {
			if (hit->kind == PK_PLACE)
				X.tok_place[i] = (int32_t)hit->val + 1;
			if (hit->kind < 8)
				X.tok_kind[i] |= (uint8_t)KB(hit->kind);
		}
		if (hit->kind == PK_TITLE)
			X.tok_title[hit->t1 - 1] = (int32_t)h + 1;
		if (hit->kind == PK_ACTOR &&
		    (!X.tok_actor[hit->t0] || doc->hits[X.tok_actor[hit->t0] - 1].t1 < hit->t1))
			X.tok_actor[hit->t0] = (int32_t)h + 1;
	}
	lsn_x_reference_date(&X);
	lsn_x_complete_dates(&X);
	doc->npersons = doc->nevents = doc->nfigures = doc->nrels = 0;
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t si = 0; si < doc->nsents; si++)
			if ((X.zh ? lsn_x_han_persons(&X, si, pass) : 0) || lsn_x_latin_persons(&X, si, pass))
				goto out;
	lsn_x_finish_persons(&X);
	lsn_x_tenure_year(&X);
	if (doc->ref_by == DW_TENURE)
		lsn_x_tenure_offices(&X);
	lsn_x_this_city(&X);
	lsn_x_this_province_vi(&X);
	if (getenv("LIAISON_DEBUG_DATES")) /* a developer's view of the dates */
		for (size_t k = 0; k < doc->ndates; k++) {
			char d[11];
			lsn_date_str(doc->dates[k].dt, d);
			fprintf(stderr, "date [%s] %d-%d-%d/%d sent=%u rel=%d open=%d ref=%d-%d\n", d, doc->dates[k].dt.y, doc->dates[k].dt.m, doc->dates[k].dt.d, doc->dates[k].dt.prec, doc->toks[doc->dates[k].t0].sent,
				doc->dates[k].relative, doc->dates[k].open, doc->ref.y, doc->ref.m);
		}
	if (lsn_x_events(&X) || lsn_x_figures(&X))
		goto out;
	lsn_x_explain_dates(&X);
	lsn_x_relations(&X);
	for (size_t k = 0; k < doc->npersons; k++) {
		struct lsn_person *p = &doc->persons[k];
		if ((p->nment >= 2 || p->subject || p->apposed) && !p->historical)
			p->include = 1;
	}
	lsn_x_fields(&X);
	st = LSN_OK;
out:
	free(X.st0);
	free(X.st1);
	free(X.tok_place);
	free(X.tok_kind);
	free(X.tok_title);
	free(X.tok_actor);
	free(X.hit0);
	free(X.future);
	free(X.footer);
	free(X.date_other);
	return st;
}
