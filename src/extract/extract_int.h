/*
 * extract_int.h — what the files of the extraction stage (src/extract/) share:
 * the per-document state they all read, and the functions one part calls in
 * another.  Nothing here is part of the library's interface.
 *
 * Ownership: struct x borrows the tables and the document; its arrays are
 * owned by lsn_extract_records (extract.c), which makes them and frees them.
 * Every function borrows its arguments.  Tokens are indices into doc->toks,
 * sentences indices into X->st0/X->st1, ranges half-open [t0, t1).
 */
#ifndef LSN_EXTRACT_INT_H
#define LSN_EXTRACT_INT_H

#include <stdint.h>
#include <string.h>
#include "lsn_int.h"

/* The state of one document's extraction, made once by lsn_extract_records. */
struct x {
	const lsn_tables *kb;
	lsn_doc *doc;
	uint32_t *st0, *st1; /* token range of each sentence */
	int zh;
	int32_t *tok_place;  /* per token: place index + 1 of a place hit covering it */
	uint8_t *tok_kind;   /* per token: bit set of hit kinds covering it */
	int32_t *tok_title;  /* per token: hit index + 1 of a title ending here */
	int32_t *tok_actor;  /* per token: hit index + 1 of the longest actor name starting here */
	uint32_t *hit0;      /* per token: index of the first hit starting at or after it */
	int8_t *future;      /* per sentence: speaks of the future (1), not (0), unknown (-1) */
	int8_t *footer;      /* per sentence: a page's footer (1), not (0), unknown (-1) */
	int8_t *date_other;  /* per date hit: its year told of something else (1), not (0), unknown (-1) */
};

#define KB(k) (1u << (k))

/* Is token i (in range or not) exactly the bytes of s? */
static inline int tok_is(const lsn_doc *doc, uint32_t i, const char *s)
{
	const struct lsn_tok *t = &doc->toks[i];
	size_t n = strlen(s);
	return i < doc->ntoks && t->end - t->start == n && !memcmp(doc->text + t->start, s, n);
}

/* Is token i s, folded (case and diacritics ignored)? */
static inline int tok_fold_is(const lsn_doc *doc, uint32_t i, const char *s)
{
	return i < doc->ntoks && doc->toks[i].h == lsn_fold_hash(s, strlen(s));
}

/* ---- extract.c: sentence and token helpers */

/* Copies the text of tokens [t0,t1) into out (cap bytes, NUL-terminated,
 * truncated at a token), with one space where the text has space. */
void lsn_x_tok_text(const lsn_doc *doc, uint32_t t0, uint32_t t1, char *out, size_t cap);
/* Is there a hit of kind (and of value val, unless val is 0) starting in
 * tokens [t0, t1)?  Reads X->hit0. */
int lsn_x_hit_in(const struct x *X, uint8_t kind, uint32_t val, uint32_t t0, uint32_t t1);

/* The lexicon (data/lexicon.tsv) at token i: the row of class cls the
 * token is, or NULL (also when i is past the last token).
 *   lsn_x_lex_fold   folded (case and diacritics ignored), whatever the row;
 *   lsn_x_lex_exact  byte for byte, whatever the row;
 *   lsn_x_lex_tok    a Chinese row (lang zh) byte for byte (folding would make
 *                    於 of 于, "," of "，"), another folded. */
const struct lsn_lexeme *lsn_x_lex_fold(const lsn_tables *kb, const lsn_doc *doc, int cls,
					 uint32_t i);
const struct lsn_lexeme *lsn_x_lex_exact(const lsn_tables *kb, const lsn_doc *doc, int cls,
					  uint32_t i);
const struct lsn_lexeme *lsn_x_lex_tok(const lsn_tables *kb, const lsn_doc *doc, int cls,
					uint32_t i);
/* Is e (NULL: no) a row of the document's language (lang * is of every one)? */
int lsn_x_lex_of_lang(const lsn_doc *doc, const struct lsn_lexeme *e);
/* The first row of class cls (in table order) that the n tokens from i spell,
 * or NULL: a Chinese row one character a token, as written ("分别": 分, 别);
 * another one word a token, words split at spaces, folded ("lần lượt"). */
const struct lsn_lexeme *lsn_x_lex_seq(const lsn_tables *kb, const lsn_doc *doc, int cls,
				       uint32_t i, uint32_t n);

/* ---- dates.c */

/* Compares two dates at the precision each has: <0, 0, >0. */
int lsn_x_date_cmp(struct lsn_date a, struct lsn_date b);
/* The edition of the recurring-event hit h ("the 6th CIIE"), or NULL. */
const struct lsn_series_ed *lsn_x_series_edition(const struct x *X, const struct lsn_hit *h);
/* The same, and the bytes of the name with its ordinal ("the 18th China-ASEAN Expo"). */
const struct lsn_series_ed *lsn_x_series_edition_at(const struct x *X, const struct lsn_hit *h,
						    struct lsn_span *span);
/* The edition its ordinal names, else, for a day, the one edition of that day's year. */
const struct lsn_series_ed *lsn_x_series_edition_on(const struct x *X, const struct lsn_hit *h,
						    struct lsn_date day);
/* Does sentence si speak of the future or of an intention?  Caches its
 * answer in X->future[si], over the sentence's bounds at the first call. */
int lsn_x_future_sentence(struct x *X, uint32_t si);
/* Sets doc->ref (and may clear doc->published when it is a page's date). */
void lsn_x_reference_date(struct x *X);
/* Completes year-less and weekday dates of doc->dates against doc->ref. */
void lsn_x_complete_dates(struct x *X);
/* Gives year-less dates the one year every known tenure of the story's
 * persons allows; needs the persons and their roles. */
void lsn_x_tenure_year(struct x *X);
/* Fills each kept event's date evidence (`why`); changes no date. */
void lsn_x_explain_dates(struct x *X);
/* Is token t, after sentence start s0, inside a 《…》 title? */
int lsn_x_in_book_title(const struct x *X, uint32_t s0, uint32_t t);
/* The date nearest to token `at` in sentence si; *found is 0 (none: the
 * returned date is empty), 1, or 2 when it is the first day of a range. */
/* The first date of doc->dates at or after token t (the dates are in text order). */
size_t lsn_x_first_date_at(const lsn_doc *doc, uint32_t t);
/* The index of the first number (doc->nums, in text order) at or after token t. */
size_t lsn_x_first_num_at(const lsn_doc *doc, uint32_t t);
/* Does sentence si hold an amount of money (a number with a unit that is no percent)? */
int lsn_x_money_in(const struct x *X, uint32_t si);
/* Is the date hit the date of a report of the story (lexicon report_word after it)? */
int lsn_x_report_date(const struct x *X, const struct lsn_datehit *dh);
struct lsn_date lsn_x_nearest_date(const struct x *X, uint32_t si, uint32_t at, int *found);
/* Is the date hit one end of a range ("2023 – 2027")? */
int lsn_x_in_range(const struct x *X, const struct lsn_datehit *dh);

/* ---- persons.c */

/* The person whose canonical name folds to `name`, or -1. */
int32_t lsn_x_find_person(const lsn_doc *doc, const char *name);
/* Counts a mention of p at tokens [t0,t1) and keeps its text (8 at most). */
void lsn_x_add_mention(lsn_doc *doc, struct lsn_person *p, uint32_t t0, uint32_t t1);
/* Applies title hit h to p (the first specific title wins); vn: the name is
 * in Vietnamese order, which tells a country-wide title's country. */
void lsn_x_apply_title(struct x *X, struct lsn_person *p, const struct lsn_hit *h, int vn);
/* Creates or finds the person of name tokens [t0,t1) (or of actor, when
 * >= 0); its index, or -1 when out of memory. */
int32_t lsn_x_person_for(struct x *X, uint32_t t0, uint32_t t1, int32_t actor, int vn);
/* Is token i a verb of speech after a name (lexicon class speech_verb)? */
int lsn_x_is_speech(const lsn_tables *kb, const lsn_doc *doc, uint32_t i);
/* After both passes over the names: history, roles from the actor table,
 * country and canonical spelling of every person. */
void lsn_x_finish_persons(struct x *X);
void lsn_x_tenure_offices(struct x *X);
/* A Vietnamese local office told without its place: the story's province. */
void lsn_x_this_province_vi(struct x *X);
/* "本市" (lexicon class this_city): the city of the story's first local
 * office holder. */
void lsn_x_this_city(struct x *X);

/* ---- persons_latin.c, persons_han.c: one pass over sentence si; the first
 * pass makes persons, the second counts their later mentions and short
 * forms.  0, or -1 when out of memory. */
int lsn_x_latin_persons(struct x *X, uint32_t si, int second_pass);
int lsn_x_han_persons(struct x *X, uint32_t si, int second_pass);

/* ---- events.c: the events of each sentence; events_story.c: the passes
 * over the whole story after them (called by lsn_x_events) */

/* Adds person p to ev's participants (8 at most); 1 when it was not there. */
int lsn_x_add_part(struct lsn_event *ev, uint16_t p);
/* Adds place pl (ignored when < 0) to ev's sides (8 at most). */
void lsn_x_add_party(struct lsn_event *ev, int32_t pl);
/* The side a person stands for: his office's place, else his country; -1. */
int32_t lsn_x_person_party(const struct x *X, const struct lsn_person *p);
/* The rank of an event type when two tell one interaction (meetings >= 4). */
int lsn_x_type_rank(int t);
/* Can the person take part in a cooperation event (an office holder, not a
 * figure of history)? */
int lsn_x_can_take_part(const struct lsn_person *p);
/* The passes over the whole story once every sentence's events are made
 * (complete, merge, fold visits, date, name sides); marks the participants
 * of the events kept as included. */
void lsn_x_story_events(struct x *X);

/* ---- events.c, figures.c, relations.c: the record's parts; 0, or -1 when
 * out of memory (relations skips what it cannot store). */
int lsn_x_events(struct x *X);
int lsn_x_figures(struct x *X);
void lsn_x_relations(struct x *X);
/* Sets doc->fields: the bit of every field of cooperation a hit names. */
void lsn_x_fields(struct x *X);

#endif
