/*
 * commitments.c — what each side of a story proposed, pledged, invited and agreed.
 *
 * Runs after the records (persons, events) are made.  A sentence holding a word of
 * data/commitments.tsv makes a commitment: its act gives the type, the person who
 * speaks gives the speaking side, and the addressed side is the other country's side of
 * the story (or the one the sentence names).  Commitments are gathered per (type,
 * speaking side, addressed side), their fields the union of their sentences' fields.
 *
 * Who speaks, in order: the person named nearest before the word in its sentence (not
 * one named after "with", "对", "với": the one spoken to); else a side named before the
 * word ("Shanghai is willing to"), unless a pronoun before the word speaks of the
 * speaker of the sentence before ("he said", "she noted, adding that the city hopes");
 * else that speaker (the words of "For his part ..." and of quoted speech).  A signing is an
 * agreement of its two sides; "at the invitation of X" an accepted invitation of X's
 * side; "accepted the invitation" one of the other side.
 *
 * Not every word makes one: a shared view ("agreed that") is an agreement only when
 * something is to be done after it; a clause of condolences or greetings makes none; a
 * "will" after words of confidence is another's; both sides as the subject make an
 * agreement, not one side's proposal.  A paragraph that goes on with a speaker's words
 * ("他说,...") keeps its speaker against people named inside them.  Several localities of
 * one country addressed together are that country, unless all lie inside the story's side.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "lsn_int.h"
#include "extract/extract_int.h"

/* The country a place belongs to (itself for a country), or -1. */
static int32_t country_of(const lsn_tables *kb, int32_t p)
{
	for (int guard = 0; p >= 0 && guard < 8; guard++) {
		if (kb->places[p].level == PL_COUNTRY)
			return p;
		p = kb->places[p].parent;
	}
	return -1;
}

/* The side a person speaks for: their office's place, else the country of
 * places.tsv whose code is theirs (any country the tables know). */
static int32_t person_party(const lsn_tables *kb, const struct lsn_person *p)
{
	if (p->org >= 0 && country_of(kb, p->org) >= 0)
		return p->org;
	for (size_t i = 0; p->cc[0] && i < kb->nplaces; i++)
		if (kb->places[i].level == PL_COUNTRY && !strcmp(kb->places[i].cc, p->cc))
			return (int32_t)i;
	return -1;
}

/* The story's sides: up to two countries, each with the party that stands for it
 * (its one locality in the story's main exchange, else the country itself). */
struct sides {
	int32_t country[2];
	int32_t party[2];
};

/* Is place p inside place q (below it, not q itself)? */
static int inside(const lsn_tables *kb, int32_t p, int32_t q)
{
	for (int guard = 0; p >= 0 && guard < 8; guard++) {
		p = kb->places[p].parent;
		if (p == q)
			return p >= 0;
	}
	return 0;
}

/* Adds place p of the main exchange to its country's side; several localities of one
 * country make the country the side, unless one lies inside the other (a city and its
 * province: the city, the most specific). */
static void side_add(const lsn_tables *kb, struct sides *S, int32_t p)
{
	int32_t c = country_of(kb, p);
	if (c < 0)
		return;
	for (int k = 0; k < 2; k++) {
		if (S->country[k] == c) {
			if (S->party[k] != c && inside(kb, p, S->party[k]))
				S->party[k] = p;
			else if (S->party[k] != p && !inside(kb, S->party[k], p))
				S->party[k] = c;
			return;
		}
		if (S->country[k] < 0) {
			S->country[k] = c;
			S->party[k] = p;
			return;
		}
	}
}

/* A side the story names but neither its events nor its people give: the country named
 * most often beside the side known, standing as its one province named when it names a
 * single one, else as itself. */
static void named_side(const lsn_tables *kb, const lsn_doc *doc, struct sides *S)
{
	struct lsn_map count;
	memset(&count, 0, sizeof count);
	int32_t best = -1;
	uint32_t bestn = 0;
	for (size_t h = 0; h < doc->nhits; h++) {
		if (doc->hits[h].kind != PK_PLACE)
			continue;
		int32_t c = country_of(kb, (int32_t)doc->hits[h].val);
		if (c < 0 || c == S->country[0])
			continue;
		uint32_t n = lsn_map_get(&count, (uint64_t)c + 1) + 1;
		if (lsn_map_put(&count, (uint64_t)c + 1, n))
			break;
		if (n > bestn)
			best = c, bestn = n;
	}
	lsn_map_clear(&count);
	if (best < 0)
		return;
	int32_t prov = -1;
	for (size_t h = 0; h < doc->nhits; h++) {
		int32_t p = (int32_t)doc->hits[h].val;
		if (doc->hits[h].kind != PK_PLACE || kb->places[p].level != PL_PROVINCE ||
		    country_of(kb, p) != best)
			continue;
		if (prov >= 0 && prov != p) {
			prov = best; /* several: the country */
			break;
		}
		prov = p;
	}
	int k = S->country[0] < 0 ? 0 : 1;
	S->country[k] = best;
	S->party[k] = prov >= 0 ? prov : best;
}

/* Does event e have participants of two countries? */
static int both_named(const lsn_doc *doc, const struct lsn_event *e)
{
	for (int i = 1; i < e->nparts; i++)
		if (strcmp(doc->persons[e->parts[i]].cc, doc->persons[e->parts[0]].cc))
			return 1;
	return 0;
}

/* The sides of the first event between two countries with people of both named, else
 * of the first between two countries; else of every event and person of the story. */
static void story_sides(const lsn_tables *kb, const lsn_doc *doc, struct sides *S)
{
	S->country[0] = S->country[1] = S->party[0] = S->party[1] = -1;
	/* first an event with people of both sides named, then any */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < doc->nevents; k++) {
			const struct lsn_event *e = &doc->events[k];
			if (e->dropped || e->nparties < 2 || (!pass && !both_named(doc, e)))
				continue;
			int32_t c0 = country_of(kb, e->parties[0]);
			int two = 0;
			for (int i = 1; i < e->nparties; i++)
				two |= country_of(kb, e->parties[i]) != c0;
			if (!two)
				continue;
			for (int i = 0; i < e->nparties; i++)
				side_add(kb, S, e->parties[i]);
			return;
		}
	}
	for (size_t k = 0; k < doc->nevents; k++)
		if (!doc->events[k].dropped)
			for (int i = 0; i < doc->events[k].nparties; i++)
				if (S->country[1] < 0 || country_of(kb, doc->events[k].parties[i]) == S->country[0] ||
				    country_of(kb, doc->events[k].parties[i]) == S->country[1])
					side_add(kb, S, doc->events[k].parties[i]);
	for (size_t k = 0; k < doc->npersons && S->country[1] < 0; k++)
		if (doc->persons[k].include) {
			int32_t p = person_party(kb, &doc->persons[k]);
			if (p >= 0 && country_of(kb, p) != S->country[0])
				side_add(kb, S, p);
		}
	if (S->country[1] < 0)
		named_side(kb, doc, S);
}

/* The story's side that is not of country c, or -1. */
static int32_t other_side(const struct sides *S, int32_t c)
{
	if (c < 0)
		return -1;
	if (S->country[0] >= 0 && S->country[0] != c)
		return S->party[0];
	if (S->country[1] >= 0 && S->country[1] != c)
		return S->party[1];
	return -1;
}

/* The story's side of country c, or -1. */
static int32_t own_side(const struct sides *S, int32_t c)
{
	for (int k = 0; k < 2; k++)
		if (S->country[k] >= 0 && S->country[k] == c)
			return S->party[k];
	return -1;
}

struct cx {
	const lsn_tables *kb;
	lsn_doc *doc;
	struct sides S;
	uint32_t *hit0;       /* per token: first hit starting at or after it */
	uint32_t *st0, *st1;  /* per sentence: its tokens */
	int32_t last_speaker; /* person index of the latest sentence's speaker, -1 */
	int speech;           /* the paragraph goes on with the speaker's words ("He said, ...") */
	uint32_t made[8];     /* the commitments the latest sentence with words of them made */
	uint32_t nmade;       /* how many; 0 once a sentence no longer continues them */
	uint32_t made_si;     /* the sentence that made them when it is a paragraph of its own */
};

/* Is there a word of act `act` in tokens [t0, t1)? Its first token, or UINT32_MAX.  A
 * proposal's words are also those of duty that make one ("should", 双方应). */
static uint32_t act_in(const struct cx *C, uint32_t act, uint32_t t0, uint32_t t1)
{
	const lsn_doc *doc = C->doc;
	for (uint32_t h = C->hit0[t0]; h < doc->nhits && doc->hits[h].t0 < t1; h++)
		if (doc->hits[h].kind == PK_COMMIT &&
		    (doc->hits[h].val == act || (act == CM_PROPOSAL && doc->hits[h].val == CA_MODAL)))
			return doc->hits[h].t0;
	return UINT32_MAX;
}

/* The clause of token t in the sentence [s0, s1): from the clause_end mark before it to the
 * one after it, as [*k0, *k1). */
static void clause_of(const struct cx *C, uint32_t s0, uint32_t s1, uint32_t t, uint32_t *k0,
		      uint32_t *k1)
{
	uint32_t a = t, b = t;
	while (a > s0 && !lsn_x_lex_exact(C->kb, C->doc, LX_CLAUSE_END, a - 1))
		a--;
	while (b < s1 && !lsn_x_lex_exact(C->kb, C->doc, LX_CLAUSE_END, b))
		b++;
	*k0 = a, *k1 = b;
}

/* Is there a word of proposal before token t in its clause (from s0, no clause_end mark
 * between)? */
static int proposal_before(const struct cx *C, uint32_t s0, uint32_t t)
{
	uint32_t k0, k1;
	clause_of(C, s0, t, t, &k0, &k1);
	return act_in(C, CM_PROPOSAL, k0, t) != UINT32_MAX;
}

/* Is there a word of confidence before token t in its clause? */
static int belief_before(const struct cx *C, uint32_t s0, uint32_t t)
{
	uint32_t k0, k1;
	clause_of(C, s0, t, t, &k0, &k1);
	return act_in(C, CA_BELIEF, k0, t) != UINT32_MAX;
}

/* Does a word of what is to be done follow token t in its sentence (up to s1): a word of
 * duty ("will", 要, sẽ), of a proposal made of one ("should", 双方应) or of a pledge
 * ("agreed that the two sides will continue to ...")?  Not any proposal: "agreed that in
 * 2012 the provinces encouraged investment" tells what was done. */
static int duty_after(const struct cx *C, uint32_t t, uint32_t s1)
{
	const lsn_doc *doc = C->doc;
	for (uint32_t h = C->hit0[t]; h < doc->nhits && doc->hits[h].t0 < s1; h++) {
		uint32_t v = doc->hits[h].val;
		if (doc->hits[h].kind == PK_COMMIT && (v == CA_DUTY || v == CA_INVITATION_OF ||
						       v == CA_MODAL || v == CM_PLEDGE))
			return 1;
	}
	return 0;
}

/* Is hit x a word that makes or shapes a commitment (not one that only tells who)? */
static int act_word(const struct lsn_hit *x)
{
	return x->kind == PK_COMMIT && (x->val < CA_OBJECT || x->val == CA_VIEW || x->val == CA_MODAL);
}

/* Is the subject of the word at token t of the sentence [s0, t) both sides as one ("They
 * also encouraged ...", "Both sides pledged to ..."): a word of them before it in its
 * clause, and between them no other word of a commitment ("agreed that ... encouraged"), no
 * person, pronoun or side named ("both sides ..., and Yunnan will"); the word of them not
 * after "of", "with", 的, nor the one a proposal of its clause addresses ("suggested both
 * sides", 建议双方)? */
static int joint_subject(const struct cx *C, uint32_t s0, uint32_t t)
{
	const lsn_doc *doc = C->doc;
	uint32_t at = UINT32_MAX;
	size_t hj = 0;
	uint32_t c0, c1;
	clause_of(C, s0, t, t, &c0, &c1);
	for (uint32_t h = C->hit0[c0]; h < doc->nhits && doc->hits[h].t0 < t; h++)
		if (doc->hits[h].kind == PK_COMMIT && doc->hits[h].val == CA_JOINT)
			at = doc->hits[h].t0, hj = h;
	if (at == UINT32_MAX)
		return 0;
	if (at > s0) {
		const struct lsn_tok *k = &doc->toks[at - 1];
		size_t n = k->end - k->start;
		const char *w = doc->text + k->start;
		if (act_in(C, CA_OBJECT, at - 1, at) != UINT32_MAX || (n == 2 && !strncasecmp(w, "of", 2)) ||
		    (n == 3 && !memcmp(w, "的", 3)))
			return 0;
		uint32_t k0, k1;
		clause_of(C, s0, at, at, &k0, &k1);
		for (uint32_t h = C->hit0[k0]; h < hj; h++)
			if (act_word(&doc->hits[h]))
				return 0;
	}
	for (size_t h = hj + 1; h < doc->nhits && doc->hits[h].t0 < t; h++) {
		const struct lsn_hit *x = &doc->hits[h];
		if (act_word(x) || (x->kind == PK_COMMIT && x->val == CA_PRONOUN) || (x->kind == PK_PLACE && country_of(C->kb, (int32_t)x->val) >= 0 &&
				    (country_of(C->kb, (int32_t)x->val) == C->S.country[0] ||
				     country_of(C->kb, (int32_t)x->val) == C->S.country[1])))
			return 0;
	}
	for (uint32_t i = at; i < t; i++)
		if (doc->ment_person[i] > 0 && doc->persons[doc->ment_person[i] - 1].include)
			return 0;
	return 1;
}

/* Is the word at token t what an agreement before it in the sentence [s0, t) agreed ("both
 * sides agreed to ... and will continue to ...", "一致同意...将..."): a word of agreement (or of a
 * shared view that one) before it, and no person named between? */
static int agreed_before(const struct cx *C, uint32_t s0, uint32_t s1, uint32_t t)
{
	const lsn_doc *doc = C->doc;
	uint32_t at = UINT32_MAX;
	for (uint32_t h = C->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < t; h++) {
		const struct lsn_hit *x = &doc->hits[h];
		if (x->kind == PK_COMMIT && (x->val == CM_AGREEMENT ||
					     (x->val == CA_VIEW && duty_after(C, x->t1, s1))))
			at = x->t1;
	}
	if (at == UINT32_MAX)
		return 0;
	for (uint32_t i = at; i < t; i++)
		if (doc->ment_person[i] > 0 && doc->persons[doc->ment_person[i] - 1].include)
			return 0;
	return 1;
}

/* Is the mention at token t spoken to rather than speaking: a word such as "with",
 * "对", "với" a few tokens before it in its clause? */
static int spoken_to(const struct cx *C, uint32_t s0, uint32_t t)
{
	const lsn_doc *doc = C->doc;
	uint32_t from = t > s0 + 8 ? t - 8 : s0;
	for (uint32_t i = t; i > from; i--) {
		const struct lsn_tok *k = &doc->toks[i - 1];
		if (k->kind == TK_PUNCT)
			return 0;
		if (act_in(C, CA_OBJECT, i - 1, i) != UINT32_MAX)
			return 1;
	}
	return 0;
}

/* The person who says the words at token c of the sentence [s0, c): the nearest mention
 * before them that is not spoken to, or -1. */
static int32_t speaker_before(const struct cx *C, uint32_t s0, uint32_t c)
{
	const lsn_doc *doc = C->doc;
	for (uint32_t t = c; t > s0; t--) {
		int32_t p = doc->ment_person[t - 1] - 1;
		/* one named once, with an office, speaks too ("head of the International
		 * Department of the CPC Central Committee Liu Jianchao affirmed ...") */
		if (p >= 0 && (doc->persons[p].include || (doc->persons[p].role && !doc->persons[p].historical)) &&
		    !spoken_to(C, s0, t - 1))
			return p;
	}
	return -1;
}

/* The speaker of words at token c named by office alone ("Tổng Bí thư mong muốn",
 * "The Prime Minister suggested", "总书记表示"): a title in [s0, c) with no name
 * after it; the person the story named before with that office (the latest), or
 * -1. */
static int32_t titled_before(const struct cx *C, uint32_t s0, uint32_t c)
{
	const lsn_doc *doc = C->doc;
	for (uint32_t h = C->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < c; h++) {
		const struct lsn_hit *x = &doc->hits[h];
		if (x->kind != PK_TITLE || x->t1 > c || (x->t1 < doc->ntoks && doc->ment_person[x->t1]))
			continue;
		/* of the body the title names, if it names one ("Bí thư Thành ủy Hải
		 * Phòng", "泰国总理": not another place's holder of the office) */
		uint8_t role = C->kb->titles[x->val].role;
		int32_t at = x->a; /* a place right before the title: "泰国总理" */
		for (uint32_t g = C->hit0[x->t0 > s0 ? x->t0 - 1 : s0]; at < 0 && g < doc->nhits && doc->hits[g].t0 < x->t0; g++)
			if ((doc->hits[g].kind == PK_PLACE || doc->hits[g].kind == PK_DEMONYM) && doc->hits[g].t1 == x->t0)
				at = (int32_t)doc->hits[g].val;
		for (uint32_t t = s0; t > 0; t--) {
			int32_t p = doc->ment_person[t - 1] - 1;
			if (p >= 0 && doc->persons[p].include && doc->persons[p].role == role &&
			    (at < 0 || doc->persons[p].org == at ||
			     (C->kb->places[at].level == PL_COUNTRY && !strcmp(doc->persons[p].cc, C->kb->places[at].cc))))
				return p;
		}
		return -1;
	}
	return -1;
}

/* The one who speaks with person p, named just before them and joined by "and", 和, và
 * ("江苏省副省长方伟和上海市...主任张小松表示", "Governor Li and Mayor Wang affirmed"), of
 * the same country and another side, or -1.  p's mention is the nearest before token c. */
static int32_t co_speaker(const struct cx *C, uint32_t s0, uint32_t c, int32_t p)
{
	const lsn_doc *doc = C->doc;
	uint32_t at = UINT32_MAX;
	for (uint32_t t = c; t > s0 && at == UINT32_MAX; t--)
		if (doc->ment_person[t - 1] - 1 == p)
			at = t - 1;
	if (at == UINT32_MAX)
		return -1;
	/* back over p's title to the joining word, then to the other's name */
	uint32_t j = UINT32_MAX;
	for (uint32_t t = at; t > s0 && t + 16 > at; t--) {
		if (doc->toks[t - 1].kind == TK_PUNCT)
			break;
		if (doc->ment_person[t - 1] > 0)
			break;
		if (lsn_x_lex_exact(C->kb, doc, LX_LIST_JOINER, t - 1) || lsn_x_lex_fold(C->kb, doc, LX_LIST_JOINER, t - 1)) {
			j = t - 1;
			break;
		}
	}
	for (uint32_t t = j; j != UINT32_MAX && t > s0 && t + 4 > j; t--) {
		int32_t q = doc->ment_person[t - 1] - 1;
		if (q < 0)
			continue;
		if (q == p || !doc->persons[q].include)
			return -1;
		int32_t a = person_party(C->kb, &doc->persons[p]), b = person_party(C->kb, &doc->persons[q]);
		return a != b && country_of(C->kb, a) == country_of(C->kb, b) ? q : -1;
	}
	return -1;
}

/* A country named where the story's side of it is one of its localities stands for that
 * locality ("China's largest city, Shanghai", "与中国各地方" in a story of Shanghai). */
static int32_t specific(const struct cx *C, int32_t p)
{
	if (p >= 0 && C->kb->places[p].level == PL_COUNTRY) {
		int32_t own = own_side(&C->S, p);
		if (own >= 0)
			return own;
	}
	return p;
}

static int kb_level(const struct cx *C, int32_t p)
{
	return C->kb->places[p].level;
}

/* Does token t lie inside a person's name (not at its start): 红河 of 陈红河, 文山 of 阮文山,
 * Khánh Hoa of Mông Khánh Hoa? */
static int in_name(const lsn_doc *doc, uint32_t t)
{
	for (uint32_t k = 1; k <= 3 && k <= t; k++) {
		int32_t p = doc->ment_person[t - k] - 1;
		if (p < 0)
			continue;
		const struct lsn_person *q = &doc->persons[p];
		if (q->han_len)
			return q->han_len > k;
		size_t at = doc->toks[t - k].start, left = doc->len - at;
		for (int i = 0; i < q->nments; i++) {
			size_t n = strlen(q->ments[i]);
			if (n <= left && !memcmp(doc->text + at, q->ments[i], n) && doc->toks[t].start < at + n)
				return 1;
		}
		return 0;
	}
	return 0;
}

/* The place of a story side named last in tokens [t0, t1) (the nearest before the words
 * that follow), as named, or -1.  For a speaker (speaker 1), not one named after "with",
 * "与". */
static int32_t place_named_in(const struct cx *C, uint32_t t0, uint32_t t1, int speaker)
{
	const lsn_doc *doc = C->doc;
	int32_t found = -1;
	uint32_t skipped = UINT32_MAX; /* the end of the last place left out */
	for (uint32_t h = C->hit0[t0]; h < doc->nhits && doc->hits[h].t0 < t1; h++) {
		const struct lsn_hit *x = &doc->hits[h];
		if (x->kind != PK_PLACE || in_name(doc, x->t0))
			continue;
		int32_t c = country_of(C->kb, (int32_t)x->val);
		/* "the Consulate General of China in Da Nang": where, not who; so is a place
		 * written right after one left out ("在浙江省杭州市设立") */
		int after_skipped = x->t0 == skipped ||
				    (x->t0 == skipped + 1 && lsn_x_lex_tok(C->kb, doc, LX_PLACE_SUFFIX, skipped));
		if (x->t0 > t0 && (after_skipped || act_in(C, CA_LOCATIVE, x->t0 - 1, x->t0) != UINT32_MAX)) {
			skipped = x->t1;
			continue;
		}
		/* "越南高度重视与中国各地方的友好合作,希望...": the partner, not who speaks */
		if (speaker && x->t0 > t0 && act_in(C, CA_OBJECT, x->t0 - 1, x->t0) != UINT32_MAX) {
			skipped = x->t1;
			continue;
		}
		/* "Bí thư Tỉnh ủy Vân Nam (Trung Quốc)": the country glossing a place of it
		 * named just before is that place's */
		if (found >= 0 && kb_level(C, (int32_t)x->val) == PL_COUNTRY && inside(C->kb, found, (int32_t)x->val))
			continue;
		if (c >= 0 && (c == C->S.country[0] || c == C->S.country[1]))
			found = (int32_t)x->val;
	}
	return found;
}

/* The same, a country standing for the story's side of it (specific()). */
static int32_t side_place_in(const struct cx *C, uint32_t t0, uint32_t t1, int speaker)
{
	return specific(C, place_named_in(C, t0, t1, speaker));
}

/* The side of country c that tokens [t0, t1) name first: a person of it (their side) or a
 * place of it, or -1. */
static int32_t first_side_of(const struct cx *C, uint32_t t0, uint32_t t1, int32_t c)
{
	const lsn_doc *doc = C->doc;
	uint32_t h = C->hit0[t0];
	for (uint32_t t = t0; c >= 0 && t < t1; t++) {
		int32_t p = doc->ment_person[t] - 1;
		if (p >= 0 && doc->persons[p].include) {
			int32_t ps = person_party(C->kb, &doc->persons[p]);
			if (country_of(C->kb, ps) == c)
				return ps;
		}
		for (; h < doc->nhits && doc->hits[h].t0 <= t; h++)
			if (doc->hits[h].t0 == t && doc->hits[h].kind == PK_PLACE &&
			    country_of(C->kb, (int32_t)doc->hits[h].val) == c)
				return (int32_t)doc->hits[h].val;
	}
	return -1;
}

/* The side the words of the sentence [s0, s1) address, when the speaker's country is c:
 * the one place of another story country the sentence names, several of them their
 * country ("the Vietnamese provinces of Ha Giang, Lang Son and Cao Bang": Vietnam, not the
 * one of them the story's events name), else the story's other side. */
static int32_t addressed(const struct cx *C, uint32_t s0, uint32_t s1, int32_t c)
{
	const lsn_doc *doc = C->doc;
	int32_t found = -1, local = -1;
	int several = 0; /* two localities named, neither inside the other */
	uint32_t skipped = UINT32_MAX; /* the end of the last place left out */
	for (uint32_t h = C->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < s1; h++) {
		const struct lsn_hit *x = &doc->hits[h];
		if (x->kind != PK_PLACE)
			continue;
		int32_t p = (int32_t)x->val, pc = country_of(C->kb, p);
		if (pc < 0 || pc == c || (pc != C->S.country[0] && pc != C->S.country[1]))
			continue;
		/* "in Da Nang", "在浙江省杭州市": where, not whom */
		int after_skipped = x->t0 == skipped ||
				    (x->t0 == skipped + 1 && lsn_x_lex_tok(C->kb, doc, LX_PLACE_SUFFIX, skipped));
		if (x->t0 > s0 && (after_skipped || act_in(C, CA_LOCATIVE, x->t0 - 1, x->t0) != UINT32_MAX)) {
			skipped = x->t1;
			continue;
		}
		if (in_name(doc, x->t0)) /* 红河 of 陈红河, 文山 of 阮文山 */
			continue;
		if (kb_level(C, p) != PL_COUNTRY) {
			if (local < 0)
				local = p;
			else if (local != p && !inside(C->kb, p, local) && !inside(C->kb, local, p))
				several = 1;
		}
		if (found < 0)
			found = p;
		else if (found != p)
			found = pc;
	}
	if (several) {
		/* "the Beibu Gulf ports of Qinzhou and Fangchenggang" in a story of Guangxi: all
		 * inside the story's side of their country, that side */
		int32_t own = own_side(&C->S, country_of(C->kb, local));
		int all_in = own >= 0 && kb_level(C, own) != PL_COUNTRY;
		for (uint32_t h = C->hit0[s0]; all_in && h < doc->nhits && doc->hits[h].t0 < s1; h++) {
			const struct lsn_hit *x = &doc->hits[h];
			int32_t p = (int32_t)x->val;
			if (x->kind == PK_PLACE && kb_level(C, p) != PL_COUNTRY &&
			    country_of(C->kb, p) == country_of(C->kb, own) && p != own && !inside(C->kb, p, own))
				all_in = 0;
		}
		return all_in ? own : country_of(C->kb, local);
	}
	return found >= 0 ? specific(C, found) : other_side(&C->S, c);
}

/* Where the fields of a commitment of `type` whose word is at token `at` end: at the next
 * word of a commitment of another type in the sentence [s0, s1): "vows to train staff
 * ... and wants to invite businesses to the CIIE" — the training for the pledge, the expo
 * for the invitation.  An agreement's run to the sentence's end: the pledges after it are
 * what it agreed. */
static uint32_t scope_end(const struct cx *C, uint8_t type, uint32_t at, uint32_t s0, uint32_t s1)
{
	const lsn_doc *doc = C->doc;
	if (type == CM_AGREEMENT)
		return s1;
	for (uint32_t h = C->hit0[at]; h < doc->nhits && doc->hits[h].t0 < s1; h++) {
		const struct lsn_hit *x = &doc->hits[h];
		if (x->t0 <= at || !act_word(x) || x->val == CA_VIEW)
			continue;
		/* "hopes ... the government would create conditions": what the proposal asks */
		if (x->val == CM_PLEDGE && proposal_before(C, s0, x->t0))
			continue;
		if ((x->val == CA_MODAL ? CM_PROPOSAL : x->val) != type)
			return x->t0;
	}
	return s1;
}

/* Adds or joins the commitment (type, by_party, to_party); an agreement's sides in
 * either order. */
static enum lsn_status commit(struct cx *C, uint8_t type, int32_t by, int32_t from, int32_t to,
			      uint32_t si, uint32_t at, int accepted)
{
	lsn_doc *doc = C->doc;
	if (from < 0 || to < 0 || from == to ||
	    country_of(C->kb, from) == country_of(C->kb, to))
		return LSN_OK;
	uint32_t fields = 0, end = scope_end(C, type, at, C->st0[si], C->st1[si]);
	/* what is agreed may come before the word: after a word of topic ("双方就...的合作方向
	 * 达成了共识"), else in its clause */
	if (type == CM_AGREEMENT) {
		uint32_t k0, k1, topic = UINT32_MAX;
		for (uint32_t h = C->hit0[C->st0[si]]; h < doc->nhits && doc->hits[h].t0 < at; h++)
			if (doc->hits[h].kind == PK_COMMIT && doc->hits[h].val == CA_TOPIC)
				topic = doc->hits[h].t0;
		clause_of(C, C->st0[si], C->st1[si], at, &k0, &k1);
		at = topic != UINT32_MAX ? topic : k0;
	}
	for (uint32_t h = C->hit0[at]; h < doc->nhits && doc->hits[h].t0 < end; h++)
		if (doc->hits[h].kind == PK_FIELD && doc->hits[h].val != LSN_FIELD_NONE)
			fields |= 1u << doc->hits[h].val;
	for (size_t k = 0; k < doc->ncommits; k++) {
		struct lsn_commitment *m = &doc->commits[k];
		int same = m->type == type &&
			   ((m->by_party == from && m->to_party == to) ||
			    (type == CM_AGREEMENT && m->by_party == to && m->to_party == from));
		if (!same)
			continue;
		m->fields |= fields;
		if (C->nmade < 8)
			C->made[C->nmade++] = (uint32_t)k;
		if (m->by < 0 && by >= 0 && type != CM_AGREEMENT) {
			m->by = by;
			doc->persons[by].include = 1; /* the speaker is of the story */
		}
		if (accepted > m->accepted)
			m->accepted = (int8_t)accepted;
		return LSN_OK;
	}
	if (lsn_grow(&doc->commits, &doc->capcommits, doc->ncommits + 1, sizeof *doc->commits))
		return LSN_ENOMEM;
	struct lsn_commitment *m = &doc->commits[doc->ncommits++];
	m->type = type;
	m->by = type == CM_AGREEMENT ? -1 : by;
	if (m->by >= 0)
		doc->persons[m->by].include = 1; /* the speaker is of the story */
	m->by_party = from;
	m->to_party = to;
	m->fields = fields;
	m->accepted = (int8_t)(type == CM_INVITATION ? accepted : -1);
	m->sent = si;
	if (C->nmade < 8)
		C->made[C->nmade++] = (uint32_t)(doc->ncommits - 1);
	return LSN_OK;
}

/* Does the sentence starting at token s0 open a paragraph? */
static int para_start(const lsn_doc *doc, uint32_t s0)
{
	return s0 == 0 ||
	       memchr(doc->text + doc->toks[s0 - 1].end, '\n', doc->toks[s0].start - doc->toks[s0 - 1].end);
}

/* A sentence of the same paragraph with no words of commitment and no person named
 * continues the commitments of the sentence before ("He proposed ... . The two sides should
 * also ..." — "It also called for ..."): their fields gather its fields; so does the next
 * paragraph's first sentence when the one that made them is a paragraph of its own (outlets
 * that give each sentence a paragraph: "他还建议加强各级互访;...。¶各省共同提升经贸合作效率,...").
 * Returns whether it did. */
static int continues(struct cx *C, uint32_t si, uint32_t s0, uint32_t s1)
{
	lsn_doc *doc = C->doc;
	uint32_t fields = 0;
	if (para_start(doc, s0)) {
		if (C->made_si == UINT32_MAX || C->made_si + 1 != si)
			return C->nmade = 0; /* a new paragraph */
		C->made_si = UINT32_MAX; /* once */
		/* "根据备忘录,双方将...", "Under the MoU, ...": what was signed, not what was said */
		if (act_in(C, CA_DOCUMENT, s0, s1) != UINT32_MAX)
			return C->nmade = 0;
	}
	for (uint32_t h = C->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < s1; h++) {
		if (doc->hits[h].kind == PK_COMMIT && (doc->hits[h].val < CA_OBJECT || doc->hits[h].val == CA_VIEW ||
						   doc->hits[h].val == CA_MODAL))
			return 0;
		if (doc->hits[h].kind == PK_FIELD && doc->hits[h].val != LSN_FIELD_NONE)
			fields |= 1u << doc->hits[h].val;
	}
	for (uint32_t t = s0; t < s1; t++)
		if (doc->ment_person[t] > 0 && doc->persons[doc->ment_person[t] - 1].include)
			return C->nmade = 0;
	for (uint32_t k = 0; k < C->nmade; k++)
		doc->commits[C->made[k]].fields |= fields;
	return C->nmade > 0;
}

/* The commitments one sentence makes. */
static enum lsn_status sentence(struct cx *C, uint32_t si, uint32_t s0, uint32_t s1)
{
	lsn_doc *doc = C->doc;
	const lsn_tables *kb = C->kb;
	int32_t spoke = -1;
	if (s0 > 0 && memchr(doc->text + doc->toks[s0 - 1].end, '\n', doc->toks[s0].start - doc->toks[s0 - 1].end))
		C->speech = 0;
	/* "他说,...", "He said ...", "Ông cho biết ...": what follows in the paragraph is the
	 * speaker's words, and people named in them ("习近平总书记同...的会晤") speak none of it */
	if (C->last_speaker >= 0 && act_in(C, CA_PRONOUN, s0, s0 + 1) != UINT32_MAX &&
	    !lsn_x_lex_fold(kb, doc, LX_POSSESSIVE, s0) &&
	    !(s0 + 1 < s1 && doc->ment_person[s0 + 1] > 0)) /* "Ông Lưu Chính Đông": a title */
		C->speech = 1;
	/* a question (ended by a sentence_end mark of value 2) asks what a side
	 * expects, it states no commitment ("记者:请问中方对...有何期待?") */
	const struct lsn_lexeme *q = s1 > s0 ? lsn_x_lex_exact(kb, doc, LX_SENT_END, s1 - 1) : NULL;
	if (q && q->value == 2)
		return LSN_OK;
	if (continues(C, si, s0, s1))
		return LSN_OK;
	C->made_si = UINT32_MAX;
	C->nmade = 0;
	for (uint32_t h = C->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < s1; h++) {
		const struct lsn_hit *x = &doc->hits[h];
		if (x->kind != PK_COMMIT || (x->val >= CA_OBJECT && x->val != CA_VIEW && x->val != CA_MODAL))
			continue;
		uint32_t val = x->val == CA_MODAL ? CM_PROPOSAL : x->val, k0, k1;
		/* "asked him to convey condolences to ...", "祝愿...繁荣": a courtesy */
		clause_of(C, s0, s1, x->t0, &k0, &k1);
		if (act_in(C, CA_COURTESY, k0, k1) != UINT32_MAX)
			continue;
		/* "agreed that relations are developing well": an assessment; "agreed that the
		 * two sides should ...": an agreement */
		if (val == CA_VIEW) {
			if (!duty_after(C, x->t1, s1))
				continue;
			val = CM_AGREEMENT;
		}
		/* "wishes that the city's leaders will create favourable conditions": what a
		 * proposal of the same clause asks the other side to do, no promise of the
		 * speaker's */
		if (val == CM_PLEDGE && proposal_before(C, s0, x->t0))
			continue;
		/* "is confident that the Consulate General will continue to ...", "相信...将": what
		 * the speaker expects of another, no promise */
		if (val == CM_PLEDGE && belief_before(C, s0, x->t0))
			continue;
		/* both sides as one subject: an agreement of the two */
		if ((val == CM_PROPOSAL || val == CM_PLEDGE) && x->val != CA_MODAL && joint_subject(C, s0, x->t0))
			val = CM_AGREEMENT;
		/* what both sides agreed to do, not one side's own word */
		if ((val == CM_PROPOSAL || val == CM_PLEDGE) && agreed_before(C, s0, s1, x->t0))
			continue;
		uint32_t c = x->t0;
		/* "Shanghai vows to ... for Ho Chi Minh City and wants to invite ...": who is named
		 * after an earlier word of its clause is what that word is about, no speaker */
		uint32_t lim = c;
		for (uint32_t g = C->hit0[k0]; g < doc->nhits && doc->hits[g].t0 < c; g++)
			if (act_word(&doc->hits[g]) && doc->hits[g].t0 >= k0) {
				lim = doc->hits[g].t0;
				break;
			}
		int32_t who = speaker_before(C, s0, lim);
		int32_t side = who >= 0 ? person_party(kb, &doc->persons[who]) : -1;
		uint32_t pron = act_in(C, CA_PRONOUN, s0, c);
		uint32_t said = who < 0 ? act_in(C, CA_SAID_BY, c, s1) : UINT32_MAX;
		for (uint32_t t = said; t < s1 && t < said + 8 && who < 0; t++) {
			/* "both sides should ..., said Yu", "..., according to Deputy PM Tran" */
			int32_t p = doc->ment_person[t] - 1;
			if (p >= 0 && doc->persons[p].include)
				who = p, side = person_party(kb, &doc->persons[p]);
		}
		if (who >= 0 && said != UINT32_MAX) {
			/* the speaker named after the words */
		} else if (who < 0 && pron != UINT32_MAX && C->last_speaker >= 0) {
			/* "he said", "she noted, adding that the city hopes": the one spoken of; but
			 * "he stressed that China ... was ready to": the side of the other country
			 * named after the pronoun is what is told of */
			uint32_t first = lim; /* up to the sentence's first word of a commitment */
			for (uint32_t g = C->hit0[pron]; g < doc->nhits && doc->hits[g].t0 < first; g++)
				if (act_word(&doc->hits[g]))
					first = doc->hits[g].t0;
			int32_t named = place_named_in(C, pron, first, 1);
			who = C->last_speaker;
			side = person_party(kb, &doc->persons[who]);
			if (named >= 0 && country_of(kb, named) != country_of(kb, side)) {
				who = -1;
				side = specific(C, named);
			}
		} else if (who < 0 && (who = titled_before(C, s0, lim)) >= 0) {
			/* "Tổng Bí thư mong muốn ...", "The Prime Minister suggested ...": the
			 * one the story named with that office */
			side = person_party(kb, &doc->persons[who]);
		} else if (who < 0) {
			int32_t named = side_place_in(C, s0, lim, 1);
			int32_t carry = C->last_speaker;
			int32_t carry_side = carry >= 0 ? person_party(kb, &doc->persons[carry]) : -1;
			if (named >= 0) {
				side = named;
				if (carry >= 0 && country_of(kb, carry_side) == country_of(kb, named))
					who = carry;
			} else if (carry >= 0) {
				who = carry;
				side = carry_side;
			}
		}
		if (who >= 0 && doc->persons[who].org < 0) {
			/* no office named: the side of their country the sentence names before the
			 * words ("said Yunnan is willing"), else the story's side of it */
			int32_t named = side_place_in(C, s0, lim, 1);
			side = named >= 0 && country_of(kb, named) == country_of(kb, side) ? named : specific(C, side);
		}
		int32_t country = country_of(kb, side);
		enum lsn_status st = LSN_OK;
		uint32_t act = val;
		uint32_t open = UINT32_MAX;
		if (act == CM_INVITATION) { /* "应 X 邀请": the clause opened is X's invitation */
			open = act_in(C, CA_INVITATION_OF, k0, c);
			if (open != UINT32_MAX)
				act = CA_INVITED_BY;
		}
		switch (act) {
		case CM_PROPOSAL:
		case CM_PLEDGE:
		case CM_INVITATION: {
			int32_t co = who >= 0 ? co_speaker(C, s0, lim, who) : -1;
			st = commit(C, (uint8_t)val, who, side, addressed(C, s0, s1, country), si, c, -1);
			if (!st && co >= 0)
				st = commit(C, (uint8_t)val, co, person_party(kb, &doc->persons[co]),
					    addressed(C, s0, s1, country), si, c, -1);
			break;
		}
		case CM_AGREEMENT:
			st = commit(C, CM_AGREEMENT, -1, C->S.party[0], C->S.party[1], si, c, -1);
			break;
		case CA_INVITED_BY: {
			/* "at the invitation of X": X invited the visitor's side, who came */
			int32_t inviter = -1, iside = -1;
			uint32_t from = open != UINT32_MAX ? open + 1 : x->t1, end = open != UINT32_MAX ? c : x->t1;
			while (open == UINT32_MAX && end < s1 && end < x->t1 + 24 && !lsn_x_lex_exact(kb, doc, LX_CLAUSE_END, end))
				end++;
			for (uint32_t t = from; t < end && inviter < 0; t++) {
				int32_t p = doc->ment_person[t] - 1;
				if (p >= 0 && doc->persons[p].include)
					inviter = p;
			}
			/* "at the invitation of the Party Central Committee of Vietnam", "...of
			 * the NPC Chairman of China": the country itself, not its locality of the
			 * story; but a country visited ("应邀...对越南进行访问") is the host the
			 * story names */
			if (inviter >= 0)
				iside = person_party(kb, &doc->persons[inviter]);
			else if (act_in(C, CA_OBJECT, from, end) != UINT32_MAX)
				iside = side_place_in(C, from, end, 0);
			else
				iside = place_named_in(C, from, end, 0);
			if (iside < 0 && country >= 0)
				iside = other_side(&C->S, country);
			int32_t gc = country_of(kb, other_side(&C->S, country_of(kb, iside)));
			/* the visitor's side: the person or place of its country the sentence names
			 * first after the invitation ("nhận lời mời của ..., Đoàn công tác tỉnh Lào
			 * Cai ..."), else the story's side of that country */
			int32_t guest = first_side_of(C, end, s1, gc);
			if (guest < 0 || kb->places[guest].level == PL_COUNTRY)
				guest = own_side(&C->S, gc);
			st = commit(C, CM_INVITATION, inviter, iside, guest, si, c, 1);
			if (inviter >= 0)
				who = -1; /* the inviter is no speaker of what follows */
			break;
		}
		case CA_ACCEPTED:
			st = commit(C, CM_INVITATION, -1, other_side(&C->S, country), own_side(&C->S, country) >= 0 &&
				    side >= 0 ? side : own_side(&C->S, country), si, c, 1);
			break;
		}
		if (st)
			return st;
		if (who >= 0)
			spoke = who;
	}
	if (C->nmade && para_start(doc, s0) && (si + 1 >= doc->nsents || para_start(doc, C->st0[si + 1])))
		C->made_si = si;
	if (spoke >= 0)
		C->last_speaker = spoke;
	else if (!C->speech)
		for (uint32_t t = s0; t < s1; t++) /* the subject of a sentence with no words of commitment */
			if (doc->ment_person[t] > 0 && doc->persons[doc->ment_person[t] - 1].include &&
			    !spoken_to(C, s0, t)) {
				C->last_speaker = doc->ment_person[t] - 1;
				break;
			}
	return LSN_OK;
}

enum lsn_status lsn_extract_commitments(const lsn_tables *kb, lsn_doc *doc)
{
	doc->ncommits = 0;
	if (!doc->ntoks || !doc->ment_person)
		return LSN_OK;
	struct cx C = {.kb = kb, .doc = doc, .last_speaker = -1, .made_si = UINT32_MAX};
	story_sides(kb, doc, &C.S);
	if (C.S.country[0] < 0 || C.S.country[1] < 0)
		return LSN_OK;
	C.hit0 = malloc((doc->ntoks + 1) * sizeof *C.hit0);
	C.st0 = calloc(doc->nsents + 1, sizeof *C.st0);
	C.st1 = calloc(doc->nsents + 1, sizeof *C.st1);
	if (!C.hit0 || !C.st0 || !C.st1) {
		free(C.hit0);
		free(C.st0);
		free(C.st1);
		return LSN_ENOMEM;
	}
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		uint32_t s = doc->toks[i].sent;
		if (i == 0 || doc->toks[i - 1].sent != s)
			C.st0[s] = i;
		C.st1[s] = i + 1;
	}
	size_t h = 0;
	for (uint32_t i = 0; i <= doc->ntoks; i++) {
		while (h < doc->nhits && doc->hits[h].t0 < i)
			h++;
		C.hit0[i] = (uint32_t)h;
	}
	enum lsn_status st = LSN_OK;
	for (uint32_t si = 0; si < doc->nsents && !st; si++)
		if (C.st1[si] > C.st0[si])
			st = sentence(&C, si, C.st0[si], C.st1[si]);
	/* a signing is an agreement of its two sides */
	for (size_t k = 0; k < doc->nevents && !st; k++) {
		const struct lsn_event *e = &doc->events[k];
		if (e->dropped || e->type != EV_SIGNING)
			continue;
		struct sides E = {{-1, -1}, {-1, -1}};
		for (int i = 0; i < e->nparties; i++)
			side_add(kb, &E, e->parties[i]);
		if (E.country[0] >= 0 && E.country[1] >= 0)
			st = commit(&C, CM_AGREEMENT, -1, E.party[0], E.party[1], e->sent, C.st0[e->sent], -1);
	}
	free(C.hit0);
	free(C.st0);
	free(C.st1);
	return st;
}
