/*
 * events.c — events: trigger phrases with the persons and places of their
 * sentence, continuations ("at the meeting, X said"), joint meetings of
 * several sides.  The passes over the whole story that complete, merge
 * and date them are in events_story.c.
 */
#include <string.h>
#include "extract_int.h"

int lsn_x_add_part(struct lsn_event *ev, uint16_t p)
{
	for (int k = 0; k < ev->nparts; k++)
		if (ev->parts[k] == p)
			return 0;
	if (ev->nparts < 8)
		ev->parts[ev->nparts++] = p;
	return 1;
}

void lsn_x_add_party(struct lsn_event *ev, int32_t pl)
{
	if (pl < 0)
		return;
	for (int k = 0; k < ev->nparties; k++)
		if (ev->parties[k] == pl)
			return;
	if (ev->nparties < 8)
		ev->parties[ev->nparties++] = pl;
}

int32_t lsn_x_person_party(const struct x *X, const struct lsn_person *p)
{
	if (p->org >= 0)
		return p->org;
	if (p->cc[0] == 'V')
		return X->kb->place_vietnam;
	if (p->cc[0] == 'C')
		return X->kb->place_china;
	return -1;
}

int lsn_x_type_rank(int t)
{
	/* a virtual meeting beats a meeting told in the same sentence; a
	 * signing or attendance stands on its own */
	switch (t) {
	case EV_VIRTUAL: return 5;
	case EV_MEETING: return 4;
	case EV_SIGNING: return 3;
	case EV_ATTEND: return 2;
	case EV_VISIT: return 1;
	}
	return 0;
}

/* Is the trigger at token i told in the future ("will attend", "sẽ tham dự", "将出席")?
 * A word of lexicon class future_aux before it in its clause: as written, or
 * folded when it is a word not capitalised ("Will" is a name). */
static int future_word(const struct x *X, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	uint32_t from = i > 6 ? i - 6 : 0;
	for (uint32_t j = i; j > from; j--) /* not across a comma */
		if (doc->toks[j - 1].kind == TK_PUNCT && doc->toks[j - 1].sent == doc->toks[i].sent &&
		    !tok_is(doc, j - 1, "-")) {
			from = j;
			break;
		}
	for (uint32_t j = from; j < i; j++)
		if (lsn_x_lex_exact(X->kb, doc, LX_FUTURE_AUX, j) ||
		    (doc->toks[j].kind == TK_WORD && lsn_x_lex_fold(X->kb, doc, LX_FUTURE_AUX, j) &&
		     !(doc->toks[j].flags & TF_CAP)))
			return 1;
	return 0;
}

/* Is the person mentioned at token i preceded by "late" ("the late President")? */
static void mark_historical(struct x *X)
{
	lsn_doc *doc = X->doc;
	for (uint32_t i = 0; i < doc->ntoks; i++) {
		if (!doc->ment_person[i])
			continue;
		uint32_t j = i;
		while (j > X->st0[doc->toks[i].sent] && j > i - 6 && !tok_fold_is(doc, j - 1, "late") &&
		       (doc->toks[j - 1].flags & TF_CAP || X->tok_place[j - 1]))
			j--;
		if (j > 0 && tok_fold_is(doc, j - 1, "late"))
			doc->persons[doc->ment_person[i] - 1].historical = 1;
	}
}

/* Cooperation events are between office holders: a person takes part when
 * a title or the actor table gives a role, and is not a historical figure. */
int lsn_x_can_take_part(const struct lsn_person *p)
{
	return !p->historical && (p->role || p->actor >= 0);
}

/* Who "his" refers to before token i: the first person named in the
 * current sentence before i, else in the sentences before (a subject is
 * named first). */
static int32_t his_person(const struct x *X, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[i].sent;
	for (;;) {
		uint32_t end = (doc->toks[i].sent == si) ? i : X->st1[si];
		for (uint32_t j = X->st0[si]; j < end; j++)
			if (doc->ment_person[j] && lsn_x_can_take_part(&doc->persons[doc->ment_person[j] - 1]))
				return doc->ment_person[j] - 1;
		if (si == 0 || doc->toks[i].sent - si >= 3)
			return -1;
		si--;
	}
}

/* Is token i inside a title's words (a title hit covers it)? */
static int in_title(const struct x *X, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[i > 16 ? i - 16 : 0]; h < doc->nhits && doc->hits[h].t0 <= i; h++)
		if (doc->hits[h].kind == PK_TITLE && doc->hits[h].t1 > i)
			return 1;
	return 0;
}

/* Does the preposition before the place at token i tell where the place
 * named right before it lies ("Hekou district in China's Yunnan province",
 * "Pingxiang City of Guangxi" aside): a place, or a place and its
 * administrative word (lexicon place_tail), right before the preposition? */
static int locates_place(const struct x *X, uint32_t s0, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	uint32_t j = i;
	while (j > s0 && j + 3 > i && lsn_x_lex_fold(X->kb, doc, LX_PLACE_FILLER, j - 1))
		j--;
	if (j < s0 + 2) /* j - 1 is the preposition */
		return 0;
	uint32_t b = j - 2;
	/* not a title's places ("Tổng lãnh sự Việt Nam tại Thượng Hải", "Secretary of
	 * ... Guangxi Zhuang Autonomous Region in Hạ Long City"): the preposition
	 * may tell where its holder met */
	if (in_title(X, b) || in_title(X, i))
		return 0;
	if (X->tok_place[b])
		return 1;
	return b > s0 && X->tok_place[b - 1] && doc->toks[b].kind == TK_WORD &&
	       lsn_x_lex_fold(X->kb, doc, LX_PLACE_TAIL, b) != NULL;
}

/* Is the place at token i where something happened: "in Hanoi", "tại thành
 * phố Lạng Sơn", "在南宁", "in the city of Nanning"? */
static int at_place(const struct x *X, uint32_t s0, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	uint32_t j = i;
	/* administrative words between the preposition and the name (lexicon
	 * class place_filler) */
	while (j > s0 && j + 3 > i && lsn_x_lex_fold(X->kb, doc, LX_PLACE_FILLER, j - 1))
		j--;
	if (j == s0)
		return 0;
	return lsn_x_lex_tok(X->kb, doc, LX_PLACE_PREP, j - 1) != NULL;
}

/* Is the place named at token i where a place named before it lies: after a
 * preposition that locates_place reads so ("Hekou district in Yunnan", "Tổng
 * Lãnh sự quán Việt Nam tại Côn Minh"), or a country's place after a possessive
 * ("... district in China's Yunnan province")? */
static int located(const struct x *X, uint32_t s0, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	while (i > s0 && X->tok_place[i - 1] == X->tok_place[i])
		i--;
	if (i <= s0)
		return 0;
	if (at_place(X, s0, i))
		return locates_place(X, s0, i);
	if (i >= s0 + 3 && X->tok_place[i - 3] && (tok_is(doc, i - 2, "'") || tok_is(doc, i - 2, "’")) &&
	    tok_is(doc, i - 1, "s"))
		return located(X, s0, i - 3);
	return 0;
}

/* Is the place at token i the dateline's, where the story was filed ("BEIJING –",
 * "Hanoi, July 19 (VNA) –", "NANNING, Dec. 11 (Xinhua) --")?  Near the sentence's
 * start, written in capitals or followed by a date or an agency in brackets, then a
 * dash set apart by spaces (not "Vietnam–China"). */
static int filed_at(const struct x *X, uint32_t s0, uint32_t s1, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	if (i >= s0 + 10)
		return 0;
	int upper = (doc->toks[i].flags & TF_UPPER) != 0, told = 0;
	uint32_t j = i + 1;
	while (j < s1 && X->tok_place[j] == X->tok_place[i])
		j++;
	for (; j < s1 && j < i + 12; j++) {
		const struct lsn_tok *t = &doc->toks[j];
		if ((tok_is(doc, j, "–") || tok_is(doc, j, "—") || tok_is(doc, j, "--") ||
		     (tok_is(doc, j, "-") && doc->text[t->end] == ' ')) &&
		    t->start > 0 && doc->text[t->start - 1] == ' ')
			return upper || told;
		if (t->kind == TK_NUM || (t->kind == TK_WORD && (t->flags & (TF_CAP | TF_UPPER))))
			told = 1;
		else if (t->kind != TK_PUNCT)
			return 0;
	}
	return 0;
}

static int new_event(lsn_doc *doc, uint8_t type, uint32_t si)
{
	if (lsn_grow(&doc->events, &doc->capevents, doc->nevents + 1, sizeof *doc->events))
		return -1;
	struct lsn_event *ev = &doc->events[doc->nevents++];
	memset(ev, 0, sizeof *ev);
	ev->type = type;
	ev->sent = si;
	ev->place = -1;
	return 0;
}

/* Does a word of lexicon class invite_end follow token i in its clause, within a
 * few words of its end ("应越南国会主席X邀请，…": X invited)? */
static int invited_by(const struct x *X, uint32_t i, uint32_t s1)
{
	const lsn_doc *doc = X->doc;
	uint32_t e = i + 40 < s1 ? i + 40 : s1;
	for (uint32_t j = i + 1; j < e && !lsn_x_lex_exact(X->kb, doc, LX_CLAUSE_END, j); j++) {
		uint32_t n = lsn_toks_lex_exact(X->kb, LX_INVITE_END, doc, j, e, NULL);
		if (n) /* "邀请，", "邀请下，": n is where the word ends */
			return n >= e || lsn_x_lex_exact(X->kb, doc, LX_CLAUSE_END, n) ||
			       lsn_x_lex_exact(X->kb, doc, LX_CLAUSE_END, n + 1);
	}
	return 0;
}

static void event_persons(const struct x *X, struct lsn_event *ev, uint32_t s0, uint32_t s1)
{
	lsn_doc *doc = X->doc;
	for (uint32_t i = s0; i < s1; i++) {
		/* "At the invitation of President X, ...", "Nhận lời mời của Chủ tịch nước
		 * X, ...": the host who invited, up to the comma, is not of the event, his
		 * side is */
		if (lsn_x_hit_in(X, PK_EVWORD, EW_INVITATION, i, i + 1)) {
			for (; i < s1 && !lsn_x_lex_exact(X->kb, doc, LX_CLAUSE_END, i); i++)
				if (doc->ment_person[i] && lsn_x_can_take_part(&doc->persons[doc->ment_person[i] - 1]))
					lsn_x_add_party(ev, lsn_x_person_party(X, &doc->persons[doc->ment_person[i] - 1]));
			continue;
		}
		if (doc->ment_person[i] && lsn_x_can_take_part(&doc->persons[doc->ment_person[i] - 1])) {
			/* "应X邀请，": the clause closes on the word of inviting (lexicon
			 * invite_end), its persons are the hosts who invited */
			if (invited_by(X, i, s1)) {
				lsn_x_add_party(ev, lsn_x_person_party(X, &doc->persons[doc->ment_person[i] - 1]));
				doc->persons[doc->ment_person[i] - 1].include = 1; /* a host named */
			} else {
				lsn_x_add_part(ev, (uint16_t)(doc->ment_person[i] - 1));
				if (ev->nparts == 8) /* one past the list's room still took part */
					doc->persons[doc->ment_person[i] - 1].include = 1;
			}
		}
	}
}

/* Does the clause say "respectively" ("分别", "lần lượt"), one word or two? */
static int respectively(const struct x *X, uint32_t s0, uint32_t s1)
{
	for (uint32_t i = s0; i + 1 < s1; i++)
		if (lsn_x_lex_seq(X->kb, X->doc, LX_RESPECTIVELY, i, 1) ||
		    lsn_x_lex_seq(X->kb, X->doc, LX_RESPECTIVELY, i, 2))
			return 1;
	return 0;
}

/* Splits the event just made (last in the array) into one per person named
 * after the trigger, each with those named before it.  Returns -1 on OOM. */
static int split_respectively(struct x *X, struct lsn_event *ev, uint32_t at, uint32_t s0, uint32_t s1)
{
	lsn_doc *doc = X->doc;
	uint16_t subj[8], obj[8];
	int ns = 0, no = 0;
	for (uint32_t i = s0; i < s1; i++) {
		if (!doc->ment_person[i] || !lsn_x_can_take_part(&doc->persons[doc->ment_person[i] - 1]))
			continue;
		uint16_t p = (uint16_t)(doc->ment_person[i] - 1);
		if (i < at && ns < 8)
			subj[ns++] = p;
		else if (i >= at && no < 8)
			obj[no++] = p;
	}
	/* "A、B分别会见了代表团": one meeting per subject */
	if (ns >= 2 && no == 0 && lsn_x_hit_in(X, PK_EVWORD, EW_DELEGATION, at, s1)) {
		memcpy(obj, subj, sizeof subj);
		no = ns;
		ns = 0;
	}
	if (no < 2)
		return 0;
	size_t idx = (size_t)(ev - doc->events);
	struct lsn_event tmpl = *ev;
	for (int k = 0; k < no; k++) {
		if (k && lsn_grow(&doc->events, &doc->capevents, doc->nevents + 1, sizeof *doc->events))
			return -1;
		struct lsn_event *e = k ? &doc->events[doc->nevents++] : &doc->events[idx];
		*e = tmpl;
		e->nparts = 0;
		e->nparties = 0;
		for (int j = 0; j < ns; j++)
			lsn_x_add_part(e, subj[j]);
		lsn_x_add_part(e, obj[k]);
		for (int j = 0; j < e->nparts; j++)
			lsn_x_add_party(e, lsn_x_person_party(X, &doc->persons[e->parts[j]]));
		e->split = 1;
	}
	return 0;
}

/* A meeting of several sides named by their places ("the second Spring
 * Meeting with the Secretaries of Quang Ninh, Lang Son, Ha Giang and Cao
 * Bang", "Hội nghị ... giữa Bí thư các tỉnh Lào Cai, Điện Biên, Lai Châu,
 * Hà Giang"): the token of its meeting noun in [s0, s1), or 0.  Three
 * localities at least follow the noun in the sentence. */
static uint32_t joint_meeting(const struct x *X, uint32_t s0, uint32_t s1)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < s1; h++) {
		if (doc->hits[h].t0 < s0)
			continue;
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind != PK_EVWORD || hit->val != EW_MEETING_NOUN || hit->t0 == 0)
			continue;
		int32_t seen[3] = {-1, -1, -1};
		int n = 0;
		for (uint32_t i = hit->t1; i < s1 && n < 3; i++) {
			int32_t pl = X->tok_place[i] - 1;
			if (pl < 0 || X->kb->places[pl].level == PL_COUNTRY || pl == seen[0] || pl == seen[1])
				continue;
			seen[n++] = pl;
		}
		if (n == 3)
			return hit->t0;
	}
	return 0;
}

/* A sentence that lists past events, each with its own date, person and
 * verb ("在2018年11月A出席…、2019年7月B访问江苏和2020年10月C访问…期间",
 * "In July 2019, A visited ..., and in October 2020, B ..."): the starts of
 * its clauses, each at a date (the first at the sentence's start), and
 * how many; 1 when the sentence is one clause. */
#define MAX_CLAUSES 8

/* Does the mark at token i (lexicon clause_end) open a second meeting of the subject
 * named before ("A đã hội kiến B, làm việc với C và D", "A met B, held talks with C"):
 * a meeting's trigger right after it, another one before it in [s0, i)? */
static int second_meeting(const struct x *X, uint32_t s0, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	if (!lsn_x_lex_exact(X->kb, doc, LX_CLAUSE_END, i))
		return 0;
	int before = 0, after = 0;
	for (size_t h = X->hit0[s0]; h < doc->nhits && doc->hits[h].t0 <= i + 1; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->kind != PK_TRIGGER || hit->t0 < s0 || lsn_x_type_rank((int)hit->val) < 4)
			continue;
		before |= hit->t0 < i;
		after |= hit->t0 == i + 1;
	}
	return before && after;
}

static int clauses(const struct x *X, uint32_t si, uint32_t *start, uint8_t *brk)
{
	const lsn_doc *doc = X->doc;
	uint32_t s0 = X->st0[si], s1 = X->st1[si];
	memset(brk, 0, MAX_CLAUSES + 1); /* the clause opens after a clause_break */
	int n = 0;
	start[n++] = s0;
	size_t k = lsn_x_first_date_at(doc, s0 + 1);
	for (uint32_t i = s0 + 1; i < s1 && n < MAX_CLAUSES; i++) {
		/* "A chào xã giao B; hội đàm với C, ...; hội kiến D": a mark
		 * between clauses, each of which may tell its own event */
		if (i + 1 < s1 && (lsn_x_lex_exact(X->kb, doc, LX_CLAUSE_BREAK, i) || second_meeting(X, s0, i))) {
			brk[n] = 1;
			start[n++] = i + 1;
			continue;
		}
		while (k < doc->ndates && doc->dates[k].t0 < i)
			k++;
		if (k >= doc->ndates || doc->dates[k].t0 != i)
			continue;
		const struct lsn_datehit *dh = &doc->dates[k];
		if (dh->dt.prec < DP_MONTH || dh->relative || dh->range == 2)
			continue;
		/* a word of lexicon class clause_lead before it: as written, or
		 * folded when it is a word */
		uint32_t b = dh->t0 - 1;
		int ok = lsn_x_lex_exact(X->kb, doc, LX_CLAUSE_LEAD, b) ||
			 (doc->toks[b].kind == TK_WORD && lsn_x_lex_fold(X->kb, doc, LX_CLAUSE_LEAD, b));
		if (ok && start[n - 1] != i)
			brk[n] = 0, start[n++] = i;
	}
	start[n] = s1;
	/* every clause tells its own event: a verb and a person; what comes
	 * before the first date ("特别是，在") belongs to the first clause;
	 * a clause after a break that tells none ("; cùng nhiều hoạt động
	 * ...") belongs to the one before, and so does the one before a
	 * break to the one after */
	for (int c = 0; c < n; c++) {
		int trig = 0, person = 0;
		for (size_t h = X->hit0[start[c]]; h < doc->nhits && doc->hits[h].t0 < start[c + 1]; h++)
			trig |= doc->hits[h].t0 >= start[c] && doc->hits[h].kind == PK_TRIGGER;
		for (uint32_t i = start[c]; i < start[c + 1]; i++)
			person |= doc->ment_person[i] != 0;
		int drop = 0;
		if (c == 0 && n > 1 && ((!trig && !person) || (brk[1] && (!trig || !person))))
			drop = 1;
		else if (c > 0 && brk[c] && (!trig || !person))
			drop = c;
		if (drop) {
			memmove(start + drop, start + drop + 1, (size_t)(n - drop) * sizeof *start);
			memmove(brk + drop, brk + drop + 1, (size_t)(n - drop) * sizeof *brk);
			n--;
			c = drop - 2;
			continue;
		}
		if (!trig || !person)
			return 1;
	}
	return n;
}

/* Is the trigger at [t0, t1) the name of a standing arrangement: "机制"
 * or "mechanism" after it in the same clause (over a list: "书记会晤、
 * 联工委会晤机制"), "cơ chế" before it? */
static int mechanism(const struct x *X, uint32_t t0, uint32_t t1, uint32_t s0, uint32_t s1)
{
	const lsn_doc *doc = X->doc;
	/* the words of event_words.tsv (role mechanism) right before it */
	for (size_t h = X->hit0[t0 > s0 + 3 ? t0 - 3 : s0]; h < doc->nhits && doc->hits[h].t0 < t0; h++)
		if (doc->hits[h].kind == PK_EVWORD && doc->hits[h].val == EW_MECHANISM && doc->hits[h].t1 == t0)
			return 1;
	/* ... or after it, in its clause */
	uint32_t e = t1;
	while (e < s1 && e < t1 + 10 && !lsn_x_lex_exact(X->kb, doc, LX_CLAUSE_END, e))
		e++;
	return lsn_x_hit_in(X, PK_EVWORD, EW_MECHANISM, t1, e);
}

/* Is what is attended from token t0 a signing (a signing trigger before e with no
 * clause between: "attended a ceremony for the exchange of notes", not "attended
 * the expo and signed ...")? */
static int signing_object(const struct x *X, uint32_t t0, uint32_t e)
{
	for (uint32_t i = t0; i < e; i++) {
		if (lsn_x_hit_in(X, PK_TRIGGER, EV_SIGNING, i, i + 1))
			return 1;
		if (lsn_x_lex_tok(X->kb, X->doc, LX_CLAUSE_LEAD, i) || (X->tok_kind[i] & KB(PK_TRIGGER)))
			return 0;
	}
	return 0;
}

/* "A seminar on ... took place in Hanoi on July 19", "The fifth meeting of the
 * joint committee ... was held in Cao Bang", "会议…在南宁举行", "Hội nghị ... diễn
 * ra": in a clause [s0, s1) with no trigger, its first meeting word, subject of a
 * verb of holding after it (event_words held), is a meeting held; not the one told
 * before ("the meeting", "this Spring Meeting", "此次会议": lexicon anaphor_det
 * before it and its name), not where one spoke (inside "At the meeting, ..."), not
 * a standing arrangement (the word after it may be: "会晤机制第五次会议"), not told
 * in the future.  Its token, or s1. */
static uint32_t held_meeting(const struct x *X, uint32_t s0, uint32_t s1)
{
	const lsn_doc *doc = X->doc;
	uint32_t noun = s1, noun1 = s1, cont_end = 0;
	for (size_t h = X->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < s1; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->t0 < s0 || hit->kind != PK_EVWORD)
			continue;
		if (hit->val == EW_CONTINUATION && hit->t1 > cont_end)
			cont_end = hit->t1;
		if (hit->val == EW_MEETING_NOUN && noun == s1 && hit->t0 >= cont_end) {
			uint32_t d = hit->t0; /* over the meeting's name: "this Spring Meeting" */
			while (d > s0 && d + 4 > hit->t0 && !lsn_x_lex_fold(X->kb, doc, LX_ANAPHOR_DET, d - 1) &&
			       doc->toks[d - 1].kind == TK_WORD && (doc->toks[d - 1].flags & TF_CAP))
				d--;
			if (d > s0 && lsn_x_lex_fold(X->kb, doc, LX_ANAPHOR_DET, d - 1))
				return s1;
			if (mechanism(X, hit->t0, hit->t1, s0, s1))
				continue; /* "会晤机制第五次会议": the meeting is the next word */
			noun = hit->t0, noun1 = hit->t1;
		}
		if (hit->val == EW_HELD && noun < s1 && hit->t0 >= noun1)
			return future_word(X, hit->t0) ? s1 : noun;
	}
	return s1;
}

/* Does a phrase of what one attends (event_words attend_object) start where the
 * trigger hit does and run longer? */
static int attend_object_over(const struct x *X, const struct lsn_hit *trig)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[trig->t0]; h < doc->nhits && doc->hits[h].t0 == trig->t0; h++)
		if (doc->hits[h].kind == PK_EVWORD && doc->hits[h].val == EW_ATTEND_OBJECT &&
		    doc->hits[h].t1 > trig->t1)
			return 1;
	return 0;
}

/* Is token i inside a phrase of event_words role `role` that starts in [s0, i]? */
static int within_evword(const struct x *X, uint32_t role, uint32_t s0, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[i > s0 + 8 ? i - 8 : s0]; h < doc->nhits && doc->hits[h].t0 <= i; h++)
		if (doc->hits[h].kind == PK_EVWORD && doc->hits[h].val == role && doc->hits[h].t1 > i)
			return 1;
	return 0;
}

/* Is there a span of years (event_words span) right before a clause mark in [s0, at)? */
static int over_the_years(const struct x *X, uint32_t s0, uint32_t at)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < at; h++)
		if (doc->hits[h].t0 >= s0 && doc->hits[h].kind == PK_EVWORD && doc->hits[h].val == EW_SPAN &&
		    doc->hits[h].t1 < at && lsn_x_lex_exact(X->kb, doc, LX_CLAUSE_END, doc->hits[h].t1))
			return 1;
	return 0;
}

/* Is a person who can take part named in [s0, at)? */
static int person_before(const struct x *X, uint32_t s0, uint32_t at)
{
	for (uint32_t i = s0; i < at; i++)
		if (X->doc->ment_person[i] && lsn_x_can_take_part(&X->doc->persons[X->doc->ment_person[i] - 1]))
			return 1;
	return 0;
}

/* Is the signing trigger at t0 the description of the documents named right
 * before it ("thực hiện các Hiệp định thương mại đã ký", "triển khai những thỏa
 * thuận hợp tác đã ký kết": lexicon known_det, then document_noun, within six
 * tokens of its clause, with no person between)?  Not when the determiner opens
 * the clause: "Các văn kiện hợp tác đã được ký kết tại hội đàm" tells a signing. */
static int signed_documents(const struct x *X, uint32_t s0, uint32_t t0)
{
	const lsn_doc *doc = X->doc;
	for (uint32_t j = t0; j > s0 + 1 && j + 6 > t0; j--) {
		uint32_t d = j - 1;
		if (doc->toks[d].kind == TK_PUNCT || doc->ment_person[d])
			return 0;
		if (!lsn_x_lex_exact(X->kb, doc, LX_KNOWN_DET, d) || doc->toks[d - 1].kind == TK_PUNCT)
			continue;
		for (uint32_t n = 1; n <= 3 && d + 1 + n <= t0; n++)
			if (lsn_x_lex_seq(X->kb, doc, LX_DOCUMENT_NOUN, d + 1, n))
				return 1;
	}
	return 0;
}

/*
 * The events of one sentence (or of one clause of a sentence that lists
 * several dated events) are read in passes over a shared state: collect the
 * triggers, infer an attendance from presence, filter what is not an event
 * held, attach the sentence to the event told before, emit one event per
 * type, then a joint meeting of several sides.
 */
struct evstate {
	/* carried from sentence to sentence */
	int32_t last_ev;       /* the event told last, or -1 */
	int32_t last_meet;     /* the meeting (type rank 4 or more) told last, or -1 */
	uint32_t last_ev_sent; /* the sentence that last told of last_ev */
	/* of the sentence being read: set by the passes in order */
	uint32_t si, s0, s1;   /* the sentence, the tokens of its clause */
	int cont;              /* speaks of the event told before (1), of the meeting told before (2) */
	uint32_t cont_end;     /* where the words that say so end ("at the meeting") */
	uint32_t trig_at[EV_VISIT + 1]; /* the trigger of each type first seen */
	int types;             /* bit set of the event types the sentence tells */
	int by_presence;       /* its attendance is inferred from presence */
	int32_t keep_ev, keep_meet; /* last_ev, last_meet before that attendance */
	int32_t meet_before;   /* last_meet as the clause began (pass 1) */
	int held_apart;        /* its meeting is told as held, another than the one before */
	uint32_t keep_sent;    /* and last_ev_sent */
};

/* Is token i written in ASCII alone? */
static int unmarked(const lsn_doc *doc, uint32_t i)
{
	for (uint32_t b = doc->toks[i].start; b < doc->toks[i].end; b++)
		if ((unsigned char)doc->text[b] >= 0x80)
			return 0;
	return 1;
}

/* Is every word of [s0, s1) written in ASCII alone (a text typed without marks)? */
static int unmarked_span(const lsn_doc *doc, uint32_t s0, uint32_t s1)
{
	for (uint32_t i = s0; i < s1; i++)
		if (!unmarked(doc, i))
			return 0;
	return 1;
}

/* Does a continuation phrase (event_words) start at token t, among the hits
 * from index h on? */
static int continuation_at(const struct x *X, size_t h, uint32_t t)
{
	const lsn_doc *doc = X->doc;
	for (; h < doc->nhits && doc->hits[h].t0 == t; h++)
		if (doc->hits[h].kind == PK_EVWORD && doc->hits[h].val == EW_CONTINUATION)
			return 1;
	return 0;
}

/* Pass 1: the triggers of the clause [s0, s1).  Reads last_ev and last_meet;
 * sets cont, cont_end, trig_at and types (resets them first).  Leaves out
 * standing arrangements, attendances of no expo or meeting, and background
 * signings; "attended the talks" after a meeting is a continuation. */
static void collect_triggers(const struct x *X, struct evstate *S)
{
	const lsn_doc *doc = X->doc;
	uint32_t s0 = S->s0, s1 = S->s1;
	S->cont = 0;
	S->cont_end = 0;
	S->meet_before = S->last_meet;
	memset(S->trig_at, 0, sizeof S->trig_at);
	S->types = 0;
	for (size_t h = X->hit0[s0]; h < doc->nhits; h++) {
		const struct lsn_hit *hit = &doc->hits[h];
		if (hit->t0 >= s1)
			break;
		if (hit->t0 < s0)
			continue;
		if (hit->kind == PK_EVWORD && hit->val == EW_CONTINUATION) {
			S->cont = 1;
			if (hit->t1 > S->cont_end)
				S->cont_end = hit->t1;
		}
		/* "at the meeting" speaks of an event told before, if any; so does
		 * one that starts at the trigger ("会见时在座", present at the meeting) */
		if (hit->kind != PK_TRIGGER ||
		    (S->last_ev >= 0 && (hit->t0 < S->cont_end || continuation_at(X, h, hit->t0))))
			continue;
		uint32_t t = hit->val;
		/* "TP Thẩm Dương" (Shenyang) is no "thăm" (visit): a trigger is no word
		 * of a place's name (triggers are matched folded) */
		if (X->tok_place[hit->t0])
			continue;
		/* "Tham gia hội đàm" (took part in the talks), "Tham tán" (counsellor) fold
		 * to "thăm" (visit): a one-word Vietnamese trigger read from a word written
		 * without marks, in a sentence written with them, is another word */
		if (t == EV_VISIT && hit->t1 == hit->t0 + 1 && !strcmp(doc->lang, "vi") && unmarked(doc, hit->t0) &&
		    !unmarked_span(doc, s0, s1))
			continue;
		/* "会谈后", "after the talks": the meeting told before, no new one */
		if (within_evword(X, EW_AFTER_MEETING, s0, hit->t0))
			continue;
		/* "近30年来,上海市与胡志明市也签署了…协议": over the years, no event */
		if (over_the_years(X, s0, hit->t0))
			continue;
		/* "Lễ kỷ niệm" (a celebration, attended) folds to "lễ ký" (a signing): a
		 * longer phrase of what one attends at the trigger's start is what it is */
		if (t == EV_SIGNING && attend_object_over(X, hit))
			continue;
		/* "在此次访问中", "during this visit": the event told before (lexicon
		 * anaphor_det of value 1 right before the trigger) */
		const struct lsn_lexeme *an = hit->t0 > s0 ? lsn_x_lex_fold(X->kb, doc, LX_ANAPHOR_DET, hit->t0 - 1) : NULL;
		/* ... or of value 2 right after it ("chuyến thăm này", this visit) */
		if (!(an && an->value == 1) && hit->t1 < s1) {
			an = lsn_x_lex_fold(X->kb, doc, LX_ANAPHOR_DET, hit->t1);
			if (an && an->value != 2)
				an = NULL;
		}
		if (an && an->value >= 1 && S->last_ev >= 0) {
			S->cont = 1;
			if (hit->t1 > S->cont_end)
				S->cont_end = hit->t1;
			continue;
		}
		/* "书记会晤、联工委会晤机制", "the meeting mechanism", "cơ chế
		 * hội đàm": a standing arrangement, not a meeting held */
		if (mechanism(X, hit->t0, hit->t1, s0, s1))
			continue;
		/* "phát biểu tại buổi tiếp": where one spoke, the session (a
		 * noun of the text's language) told before, not another one */
		if (S->cont && S->last_ev >= 0 &&
		    (lsn_x_lex_of_lang(doc, lsn_x_lex_fold(X->kb, doc, LX_SESSION_NOUN, hit->t0)) ||
		     (hit->t0 > s0 &&
		      lsn_x_lex_of_lang(doc, lsn_x_lex_fold(X->kb, doc, LX_SESSION_NOUN, hit->t0 - 1))))) {
			S->cont = 1;
			if (hit->t1 > S->cont_end)
				S->cont_end = hit->t1;
			continue;
		}
		if (t == EV_ATTEND) {
			/* one attends an expo or a forum; "attending the
			 * meeting were ..." names a meeting's participants */
			uint32_t e = hit->t1 + 10 < s1 ? hit->t1 + 10 : s1;
			/* "attended a signing ceremony", "出席…签约仪式", "dự lễ ký kết":
			 * the signing itself, told once */
			if (signing_object(X, hit->t1, e))
				continue;
			/* ... the object may be the trigger's own word ("dự hội chợ") */
			if (!lsn_x_hit_in(X, PK_EVWORD, EW_ATTEND_OBJECT, hit->t0, e) &&
			    !lsn_x_hit_in(X, PK_SERIES, 0, hit->t1, e)) {
				/* "tham dự Hội nghị ... giữa Bí thư": a meeting */
				uint32_t e4 = hit->t1 + 4 < s1 ? hit->t1 + 4 : s1;
				if (lsn_x_hit_in(X, PK_EVWORD, EW_MEETING_NOUN, hit->t1, e4)) {
					/* "参与会晤", "attended the talks": the meeting told
					 * before, wherever it was told; else a meeting */
					if (S->last_meet < 0) {
						t = EV_MEETING;
					} else {
						S->cont = 2;
						if (e4 > S->cont_end)
							S->cont_end = e4; /* its 会晤 is that meeting */
						continue;
					}
				} else {
					/* "Attending were ...", "Tham dự có ...": a list of
					 * participants opens the sentence; "participate in
					 * advancing the development" is no event at all */
					if (hit->t0 <= s0 + 2)
						S->cont = 1;
					continue;
				}
			}
		}
		/* "Sau 3 năm tổ chức theo hình thức trực tuyến ..., CAEXPO 2023 được tổ
		 * chức ...": an expo held online, no meeting (no meeting word in the
		 * clause, an expo or a series named) */
		if (t == EV_VIRTUAL && !lsn_x_hit_in(X, PK_EVWORD, EW_MEETING_NOUN, s0, s1) &&
		    !lsn_x_hit_in(X, PK_TRIGGER, EV_MEETING, s0, s1) &&
		    (lsn_x_hit_in(X, PK_EVWORD, EW_ATTEND_OBJECT, s0, s1) || lsn_x_hit_in(X, PK_SERIES, 0, s0, s1)))
			continue;
		if (t == EV_SIGNING && hit->t0 > s0 && hit->t1 < s1 &&
		    (tok_fold_is(doc, hit->t0 - 1, "agreement") || tok_is(doc, hit->t0 - 1, ")")) &&
		    (tok_fold_is(doc, hit->t1, "at") || tok_fold_is(doc, hit->t1, "in") ||
		     tok_fold_is(doc, hit->t1, "by")))
			continue; /* "the RCEP agreement signed at the summit": background */
		/* "推进已签署的合作协议": the agreements signed (a word of lexicon class
		 * attributive right after the trigger), background, unless it names who
		 * signed ("习近平主席与本扬主席2019年4月签署的《行动计划》") */
		if (t == EV_SIGNING && hit->t1 < s1 && lsn_x_lex_exact(X->kb, doc, LX_ATTRIBUTIVE, hit->t1) &&
		    !person_before(X, s0, hit->t0))
			continue;
		if (t == EV_SIGNING && signed_documents(X, s0, hit->t0))
			continue;
		if (!(S->types & (1 << t)))
			S->trig_at[t] = hit->t0;
		S->types |= 1 << t;
	}
	/* ... when no meeting was told before ("Hội nghị diễn ra tại 10 điểm cầu" after
	 * "Hội nghị trực tuyến giữa ...": the same), nor told as not held yet ("会议将于
	 * 11月举行"); */
	S->held_apart = 0;
	if (!S->types && X->future[S->si] <= 0) {
		uint32_t at = held_meeting(X, s0, s1);
		/* ... or told as another one ("a seminar ... also opened in the city":
		 * lexicon indefinite_det), kept apart from the meeting told before */
		if (at < s1 && S->last_meet >= 0 &&
		    (at == s0 || !lsn_x_lex_fold(X->kb, doc, LX_INDEFINITE_DET, at - 1)))
			at = s1;
		if (at < s1) {
			S->trig_at[EV_MEETING] = at;
			S->types |= 1 << EV_MEETING;
			S->held_apart = S->last_meet >= 0;
		}
	}
}

/* Pass 2: a clause with no trigger that puts a delegation there for an expo
 * or a forum tells an attendance.  Sets by_presence (and trig_at, types) and
 * keeps last_ev, last_meet, last_ev_sent in keep_* for pass 6. */
static void infer_presence(struct x *X, struct evstate *S)
{
	lsn_doc *doc = X->doc;
	uint32_t si = S->si, s0 = S->s0, s1 = S->s1;
	/* "The Shanghai delegation is in the city for the HCM City
	 * Economic Forum": a delegation there for an expo or a forum
	 * attends it */
	S->by_presence = 0;
	S->keep_ev = S->last_ev, S->keep_meet = S->last_meet;
	S->keep_sent = S->last_ev_sent;
	if (!S->types && lsn_x_hit_in(X, PK_EVWORD, EW_DELEGATION, s0, s1))
		for (uint32_t i = s0; i + 1 < s1 && !S->types; i++) {
			uint32_t e4 = i + 9 < s1 ? i + 9 : s1;
			if (tok_fold_is(doc, i, "for") && X->hit0[i] < doc->nhits &&
			    (lsn_x_hit_in(X, PK_EVWORD, EW_ATTEND_OBJECT, i + 1, e4) || lsn_x_hit_in(X, PK_SERIES, 0, i + 1, e4)) &&
			    !lsn_x_future_sentence(X, si)) {
				S->types |= 1 << EV_ATTEND;
				S->trig_at[EV_ATTEND] = i;
				S->by_presence = 1;
			}
		}
}

/* Is there a word of a proposal or a pledge (commitments.tsv) in [s0, at), and no
 * verb of speech after it ("Vietnam welcomes investments ..., Dung said at a meeting
 * with ...": the meeting is where it was said)? */
static int asked_before(const struct x *X, uint32_t s0, uint32_t at)
{
	const lsn_doc *doc = X->doc;
	uint32_t ask = at;
	for (size_t h = X->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < at; h++)
		if (doc->hits[h].t0 >= s0 && doc->hits[h].kind == PK_COMMIT &&
		    (doc->hits[h].val == CM_PROPOSAL || doc->hits[h].val == CA_MODAL ||
		     doc->hits[h].val == CM_PLEDGE))
			ask = doc->hits[h].t1;
	for (uint32_t i = ask; i < at; i++)
		if (lsn_x_lex_fold(X->kb, doc, LX_SPEECH_VERB, i))
			return 0;
	return ask < at;
}

/* Is the trigger at token `at` dated by its sentence before the story's reference
 * ("pledged to carry out the consensus reached ... in December 2023")? */
static int told_past(struct x *X, uint32_t si, uint32_t at)
{
	int found;
	struct lsn_date d = lsn_x_nearest_date(X, si, at, &found);
	if (found != 1 || d.prec < DP_YEAR || X->doc->ref.prec < DP_MONTH)
		return 0;
	struct lsn_date r = X->doc->ref;
	if (d.prec == DP_YEAR) /* "năm 2023" in a story of 2024 */
		return d.y < r.y;
	d.prec = r.prec = DP_MONTH;
	return lsn_x_date_cmp(d, r) < 0;
}

/* Pass 3: leaves out of types what is not an event held: a meeting told with
 * a virtual one, a visit in a sentence of the future, what "will" happen.
 * Reads trig_at; the sentence's future is cached (X->future). */
static void filter_triggers(struct x *X, struct evstate *S)
{
	uint32_t si = S->si, s0 = S->s0;
	if (S->types & (1 << EV_VIRTUAL))
		S->types &= ~(1 << EV_MEETING);
	if ((S->types & (1 << EV_VISIT)) && lsn_x_future_sentence(X, si))
		S->types &= ~(1 << EV_VISIT); /* "accepted the invitation to visit" */
	/* "建议…为两国企业参加企业论坛等创造便利条件", "proposed that the two sides sign
	 * ...": what one side asks or promises (commitments.tsv proposal, pledge) before
	 * the trigger in its sentence is not an event held */
	for (int t = 1; t <= EV_VISIT; t++)
		if ((S->types & (1 << t)) && asked_before(X, S->s0, S->trig_at[t]) && !told_past(X, si, S->trig_at[t]))
			S->types &= ~(1 << t);
	/* "will attend", "sẽ tham dự": told before it happens */
	for (int t = 1; t <= EV_VISIT; t++)
		if ((S->types & (1 << t)) && S->trig_at[t] > s0 && future_word(X, S->trig_at[t]))
			S->types &= ~(1 << t);
}

/* Pass 4: a clause that speaks of the event told before ("At the meeting, X
 * said") and tells no other (a signing aside) adds its persons, their sides
 * and its day to that event.  Reads cont, cont_end, types, last_*; sets
 * last_ev_sent. */
static void attach_continuation(struct x *X, struct evstate *S)
{
	lsn_doc *doc = X->doc;
	uint32_t si = S->si, s0 = S->s0, s1 = S->s1;
	/* "Tham gia đoàn còn có A; B": those who took part in an event the story
	 * has not told are still of the story */
	if (S->cont && S->last_ev < 0 && !S->types)
		for (uint32_t i = s0; i < s1; i++)
			if (doc->ment_person[i] && lsn_x_can_take_part(&doc->persons[doc->ment_person[i] - 1]))
				doc->persons[doc->ment_person[i] - 1].include = 1;
	if (S->cont && S->last_ev >= 0 && (si - S->last_ev_sent <= 8 || (S->cont == 2 && S->last_meet >= 0)) &&
	    !(S->types & ~(1 << EV_SIGNING))) {
		/* persons of this sentence took part in the event just told
		 * (a meeting, when one was told: "At the event, X said"):
		 * those named early (the speaker), or all of a list */
		struct lsn_event *ev = &doc->events[S->last_meet >= 0 ? S->last_meet : S->last_ev];
		int named = 0;
		for (uint32_t i = s0; i < s1; i++)
			named += doc->ment_person[i] != 0;
		uint32_t upto = s0 + (s1 - s0) * 2 / 5 + 1;
		if (S->cont_end > upto)
			upto = S->cont_end; /* "X参与会晤": X comes before */
		event_persons(X, ev, s0, named >= 3 ? s1 : upto);
		/* the speaker, however long the title before the name ("At the
		 * meeting, Ho Chi Minh City Vice Chairwoman X said") */
		for (uint32_t i = s0; i < s1 && named < 3; i++)
			if (doc->ment_person[i]) {
				if (i >= upto)
					event_persons(X, ev, i, i + 1);
				break;
			}
		/* "Tại buổi hội đàm ngày 27/2, ...": the day it happened */
		int found;
		struct lsn_date d = lsn_x_nearest_date(X, si, s0, &found);
		if (found == 1 && (!ev->dated || ev->dated == 3) && d.prec == DP_DAY) {
			ev->date = d;
			ev->dated = 1;
		}
		for (int k = 0; k < ev->nparts; k++)
			lsn_x_add_party(ev, lsn_x_person_party(X, &doc->persons[ev->parts[k]]));
		S->last_ev_sent = si;
	}
}

/* Who event ev (trigger at token at, of type t) is of: "X's visit", "his
 * visit": the possessor alone; a visit or an attendance: those named before
 * the trigger.  Adds them to ev; returns 1 when it found them so. */
static int event_owner(const struct x *X, const struct evstate *S, struct lsn_event *ev, uint32_t at,
		       int t)
{
	const lsn_doc *doc = X->doc;
	uint32_t s0 = S->s0;
	int owned = 0;
	if (at >= s0 + 2 && tok_is(doc, at - 1, "s") &&
	    (tok_is(doc, at - 2, "'") || tok_is(doc, at - 2, "’"))) {
		for (uint32_t j = at - 2; j > s0; j--)
			if (doc->ment_person[j - 1] &&
			    lsn_x_can_take_part(&doc->persons[doc->ment_person[j - 1] - 1])) {
				lsn_x_add_part(ev, (uint16_t)(doc->ment_person[j - 1] - 1));
				owned = 1;
				break;
			} else if (!(doc->toks[j - 1].flags & TF_CAP)) {
				break;
			}
	} else if (at > s0 && (lsn_x_lex_fold(X->kb, doc, LX_POSSESSIVE, at - 1) ||
			       (at > s0 + 1 && lsn_x_lex_fold(X->kb, doc, LX_POSSESSIVE, at - 2)))) {
		int32_t p = his_person(X, at);
		if (p >= 0) {
			lsn_x_add_part(ev, (uint16_t)p);
			owned = 1;
		}
	}
	if (!owned && (t == EV_VISIT || t == EV_ATTEND)) {
		/* "A率团访问越南, ...习近平总书记...": the visitor is named first */
		event_persons(X, ev, s0, at);
		owned = ev->nparts > 0;
		/* ... and those who accompany him, named after ("Tháp tùng Thủ tướng
		 * A dự Hội chợ ... có Bộ trưởng B; Thứ trưởng C"): event_words accompany */
		if (owned && lsn_x_hit_in(X, PK_EVWORD, EW_ACCOMPANY, s0, S->s1))
			event_persons(X, ev, at, S->s1);
	}
	return owned;
}

/* "He also met ...", "他还会见了...", "Ông cũng hội kiến ...": a pronoun (lexicon
 * subject_pronoun) near the sentence's start, at most two words before the
 * trigger at token at, no name between, is its subject: the person the
 * sentences before spoke of first (his_person).  That person, or -1. */
static int32_t pronoun_subject(const struct x *X, uint32_t s0, uint32_t at)
{
	const lsn_doc *doc = X->doc;
	for (uint32_t i = s0; i < at && i < s0 + 6; i++) {
		if (doc->ment_person[i])
			return -1;
		if (doc->toks[i].kind != TK_WORD || at - i > 3 || !lsn_x_lex_fold(X->kb, doc, LX_SUBJECT_PRONOUN, i))
			continue;
		for (uint32_t j = i + 1; j < at; j++)
			if (doc->ment_person[j])
				return -1;
		return his_person(X, s0);
	}
	return -1;
}

/* Is token i inside the mention of a person (a Latin name, its words counted)? */
static int in_name(const struct x *X, uint32_t i)
{
	const lsn_doc *doc = X->doc;
	for (uint32_t k = i > 4 ? i - 4 : 0; k <= i; k++) {
		if (!doc->ment_person[k])
			continue;
		const struct lsn_person *p = &doc->persons[doc->ment_person[k] - 1];
		uint32_t n = 1;
		for (const char *c = p->name; *c; c++)
			n += *c == ' ';
		if (!p->han_len && i < k + n)
			return 1;
	}
	return 0;
}

/* Is place pl at token i the host slot of a title ("Consul General in {P}")? */
static int posted_at(const struct x *X, uint32_t i, int32_t pl)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[i > 12 ? i - 12 : 0]; h < doc->nhits && doc->hits[h].t0 <= i; h++)
		if (doc->hits[h].kind == PK_TITLE && doc->hits[h].t1 > i && doc->hits[h].b == pl)
			return 1;
	return 0;
}

/* The place named at token i, or the one of its country named right after it
 * ("在越南老街省", "in Vietnam's Lao Cai province"): the most specific. */
static int32_t narrower_place(const struct x *X, uint32_t i, uint32_t s1)
{
	const lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	int32_t pl = X->tok_place[i] - 1;
	if (kb->places[pl].level != PL_COUNTRY)
		return pl;
	uint32_t j = i;
	while (j < s1 && X->tok_place[j] == X->tok_place[i])
		j++;
	if (j + 1 < s1 && (tok_is(doc, j, "'") || tok_is(doc, j, "’")) && tok_is(doc, j + 1, "s"))
		j += 2;
	if (j < s1 && X->tok_place[j]) {
		int32_t in = X->tok_place[j] - 1;
		if (kb->places[in].level != PL_COUNTRY && kb->places[in].level != PL_BLOC &&
		    !strcmp(kb->places[in].cc, kb->places[pl].cc))
			return in;
	}
	return pl;
}

/* "Vice Chairman Ha Van Son received a delegation from Yunnan province", "tiếp Đoàn
 * công tác thành phố Nam Ninh": a meeting whose persons are all of one country has
 * for its other side the first locality of the other country named after the
 * trigger (not where it took place, nor where an office holder is posted); not in a sentence
 * that goes on about the event told before. */
static void other_side(const struct x *X, const struct evstate *S, struct lsn_event *ev, uint32_t at)
{
	const lsn_tables *kb = X->kb;
	const char *cc = NULL;
	for (int k = 0; k < ev->nparties; k++) {
		if (cc && strcmp(cc, kb->places[ev->parties[k]].cc))
			return;
		cc = kb->places[ev->parties[k]].cc;
	}
	if (!cc || !cc[0])
		return;
	for (uint32_t i = at + 1; i < S->s1; i++) {
		/* not where an office holder is posted ("越南驻上海总领事"), nor a
		 * place in a person's name ("Kiều Hải Nam": Hainan) */
		if (!X->tok_place[i] || in_name(X, i))
			continue;
		int32_t pl = X->tok_place[i] - 1;
		if (posted_at(X, i, pl) || located(X, S->s0, i))
			continue;
		int lv = kb->places[pl].level;
		if (lv != PL_COUNTRY && lv != PL_BLOC && pl != ev->place && kb->places[pl].cc[0] &&
		    strcmp(kb->places[pl].cc, cc)) {
			lsn_x_add_party(ev, pl);
			return;
		}
	}
}

/* Where event ev happened and its sides: the persons' sides, where a visit
 * goes, the sides of the event just told for a signing by nobody named, the
 * places of the clause for an event of nobody.  Reads last_ev, last_ev_sent. */
static void event_sides(const struct x *X, const struct evstate *S, struct lsn_event *ev, uint32_t at,
			int t)
{
	const lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	uint32_t si = S->si, s0 = S->s0, s1 = S->s1, place_at = s1;
	for (uint32_t i = s0; i < s1 && ev->place < 0; i++)
		/* "in Hanoi", "in Hạ Long City"; not "Hekou district in China's Yunnan
		 * province": where a place lies */
		if (X->tok_place[i] && i > s0 && at_place(X, s0, i) && !locates_place(X, s0, i))
			ev->place = narrower_place(X, i, s1), place_at = i;
	for (int k = 0; k < ev->nparts; k++)
		lsn_x_add_party(ev, lsn_x_person_party(X, &doc->persons[ev->parts[k]]));
	if (t == EV_VISIT) {
		/* "访问江苏", "visited Jiangsu", "visit to Yunnan", "thăm
		 * (và làm việc tại) tỉnh Vân Nam": where one goes is a side */
		for (uint32_t i = at + 1; i < s1 && i < at + 6; i++) {
			if (doc->toks[i].kind == TK_PUNCT)
				break;
			if (!X->tok_place[i])
				continue;
			int32_t pl = X->tok_place[i] - 1;
			if (ev->place < 0)
				ev->place = pl;
			/* "苏沪两省": each of a contraction */
			for (; i < s1 && X->tok_place[i]; i++)
				if (kb->places[X->tok_place[i] - 1].level != PL_COUNTRY)
					lsn_x_add_party(ev, X->tok_place[i] - 1);
			break;
		}
	}
	if (ev->nparts && !S->cont && (t == EV_MEETING || t == EV_VIRTUAL || t == EV_SIGNING))
		other_side(X, S, ev, at);
	if (!ev->nparts && t == EV_SIGNING && S->last_ev >= 0 && si - S->last_ev_sent <= 8) {
		/* "the secretaries signed the minutes": the sides of the
		 * event just told */
		const struct lsn_event *prev = &doc->events[S->last_ev];
		for (int k = 0; k < prev->nparties; k++)
			lsn_x_add_party(ev, prev->parties[k]);
	}
	if (!ev->nparts) {
		/* parties named as places: "Lao Cai and Yunnan signed"; the
		 * place where it happened only when it is the other side
		 * ("Guangxi–HCMC fair in HCMC") */
		for (uint32_t i = s0; i < s1; i++)
			if (X->tok_place[i] && (i == s0 || X->tok_place[i - 1] != X->tok_place[i]) &&
			    !filed_at(X, s0, s1, i)) {
				int32_t pl = X->tok_place[i] - 1;
				/* not where it happened, unless named as a side too ("A, B and
				 * C ... held in C"), nor where a side lies ("Hekou district in
				 * Yunnan province") */
				if (kb->places[pl].level != PL_COUNTRY && (pl != ev->place || i < place_at) &&
				    !located(X, s0, i))
					lsn_x_add_party(ev, pl);
			}
		if (ev->nparties == 1 && ev->place >= 0 && kb->places[ev->place].level != PL_COUNTRY &&
		    strcmp(kb->places[ev->place].cc, kb->places[ev->parties[0]].cc))
			lsn_x_add_party(ev, ev->place);
	}
}

/* The edition of series `series` held in year y ("the 2018 CIIE", "CAEXPO 2023"),
 * or NULL (none known, or several). */
static const struct lsn_series_ed *edition_in(const struct x *X, uint32_t series, int y)
{
	const struct lsn_series_ed *found = NULL;
	for (size_t k = 0; k < X->kb->neds; k++)
		if (X->kb->eds[k].series == series && X->kb->eds[k].start.y == y) {
			if (found)
				return NULL;
			found = &X->kb->eds[k];
		}
	return found;
}

/* The date of event ev: the nearest date of its sentence, else the
 * reference (dated 0); "recently" keeps the year or month (dated 3); an
 * attendance of a numbered edition, that edition's month (dated 2). */
static void date_event(const struct x *X, const struct evstate *S, struct lsn_event *ev, uint32_t at,
		       int t)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = S->si, s0 = S->s0, s1 = S->s1;
	int found;
	struct lsn_date d = lsn_x_nearest_date(X, si, at, &found);
	ev->date = found ? d : doc->ref;
	ev->dated = (uint8_t)(found != 0);
	/* a range dates a visit by its first day; what happened during
	 * it ("from November 20-22, X met Y"), only by its month */
	ev->range = found == 2;
	if (found == 2 && t != EV_VISIT)
		ev->date.d = 0, ev->date.prec = DP_MONTH;
	/* "近期…会见了", "recently met": before the story's day, and
	 * not at its main event; what is known is the year (month) */
	for (size_t h = X->hit0[s0]; !found && h < doc->nhits && doc->hits[h].t0 < s1; h++)
		if (doc->hits[h].kind == PK_RECENT && ev->date.prec >= DP_YEAR) {
			if (doc->hits[h].val == DP_YEAR || ev->date.prec < DP_MONTH)
				ev->date.m = 0, ev->date.prec = DP_YEAR;
			ev->date.d = 0;
			if (ev->date.prec > DP_MONTH)
				ev->date.prec = DP_MONTH;
			ev->dated = 3;
			break;
		}
	/* "to attend the 6th CIIE": the edition's opening day; a day of the
	 * sentence outside the edition's days ("received him on August 15 on his
	 * trip to attend the 7th China-South Asia Expo", which opened on the
	 * 16th) is another event's, and the edition's month is what is certain */
	/* ... and what was reached "at the 2018 China International Import Expo",
	 * dated by that year alone: the edition's month */
	if (t == EV_ATTEND || (found == 1 && d.prec == DP_YEAR))
		for (size_t h = X->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < s1; h++)
			if (doc->hits[h].kind == PK_SERIES) {
				const struct lsn_series_ed *ed =
					lsn_x_series_edition_on(X, &doc->hits[h], found ? d : (struct lsn_date){0});
				if (!ed && t != EV_ATTEND && found == 1 && d.prec == DP_YEAR) /* "the 2018 CIIE" */
					ed = edition_in(X, doc->hits[h].val, d.y);
				if (ed && found && d.prec == DP_DAY && lsn_x_date_cmp(d, ed->start) >= 0 &&
				    lsn_x_date_cmp(d, ed->end) <= 0)
					break; /* a day of the edition */
				if (ed && (!found || ed->start.y == d.y)) {
					/* the edition's month: it runs for days,
					 * and the text does not say which */
					ev->date = ed->start;
					ev->date.d = 0, ev->date.prec = DP_MONTH;
					ev->dated = 2; /* by the edition: not the story's own day */
					if (ev->place < 0)
						ev->place = ed->place;
					break;
				}
			}
}

/* The first token of the clause where person p is named (s1 when not). */
static uint32_t first_in(const struct x *X, const struct evstate *S, uint16_t p)
{
	for (uint32_t i = S->s0; i < S->s1; i++)
		if (X->doc->ment_person[i] == p + 1)
			return i;
	return S->s1;
}

/* "在出席…期间,A会见了B", "On the sidelines of attending the expo, A met B": the
 * attendance told before a meeting is of those named before the meeting's
 * trigger, not of whom they met. */
static void attend_subjects(const struct x *X, const struct evstate *S, struct lsn_event *ev, uint32_t at)
{
	uint32_t meet = 0;
	for (int t = EV_MEETING; t <= EV_VIRTUAL; t++)
		if ((S->types & (1 << t)) && S->trig_at[t] > at && (!meet || S->trig_at[t] < meet))
			meet = S->trig_at[t];
	if (!meet)
		return;
	int before = 0;
	for (int k = 0; k < ev->nparts; k++)
		before += first_in(X, S, ev->parts[k]) < meet;
	if (!before)
		return;
	int n = 0;
	for (int k = 0; k < ev->nparts; k++)
		if (first_in(X, S, ev->parts[k]) < meet)
			ev->parts[n++] = ev->parts[k];
	ev->nparts = (uint8_t)n;
}

/* Pass 5: one event of type t at its trigger, with its persons, sides, place
 * and date; "A met B and C respectively" makes one each.  Sets last_ev,
 * last_meet, last_ev_sent.  0, or -1 when out of memory. */
static int emit_event(struct x *X, struct evstate *S, int t)
{
	lsn_doc *doc = X->doc;
	uint32_t si = S->si, s0 = S->s0, s1 = S->s1;
	if (new_event(doc, (uint8_t)t, si))
		return -1;
	struct lsn_event *ev = &doc->events[doc->nevents - 1];
	uint32_t at = S->trig_at[t];
	int owned = event_owner(X, S, ev, at, t);
	if (!owned) {
		int32_t p = pronoun_subject(X, s0, at);
		if (p >= 0)
			lsn_x_add_part(ev, (uint16_t)p);
		event_persons(X, ev, s0, s1);
	}
	if (!owned && t == EV_ATTEND)
		attend_subjects(X, S, ev, at);
	event_sides(X, S, ev, at, t);
	date_event(X, S, ev, at, t);
	/* "会谈后,两市领导人共同见证了…签字仪式", "After the talks, the two leaders
	 * witnessed the signing": the meeting told before, its persons, sides and day */
	if (t == EV_SIGNING && !ev->nparts && S->meet_before >= 0 &&
	    lsn_x_hit_in(X, PK_EVWORD, EW_AFTER_MEETING, s0, at)) {
		const struct lsn_event *m = &doc->events[S->meet_before];
		for (int k = 0; k < m->nparts; k++)
			lsn_x_add_part(ev, m->parts[k]);
		for (int k = 0; k < m->nparties; k++)
			lsn_x_add_party(ev, m->parties[k]);
		if (m->dated) {
			ev->date = m->date, ev->dated = m->dated;
			if (ev->place < 0)
				ev->place = m->place;
		}
	}
	/* "A分别会见了B和C", "A met B and C respectively": one meeting each */
	if (!owned && lsn_x_type_rank(t) >= 4 && respectively(X, s0, s1) &&
	    split_respectively(X, ev, at, s0, s1))
		return -1;
	if (t == EV_MEETING && S->held_apart)
		doc->events[doc->nevents - 1].joint = 1; /* of its sides: not merged into the other */
	S->last_ev = (int32_t)(doc->nevents - 1);
	if (lsn_x_type_rank(t) >= 4)
		S->last_meet = S->last_ev;
	S->last_ev_sent = si;
	return 0;
}

/* Pass 6: an attendance inferred from presence does not take what later
 * sentences say (last_* come back from keep_*); then a meeting of several
 * sides named after the clause's own triggers is one more event.  0, or -1
 * when out of memory. */
static int joint_event(struct x *X, struct evstate *S)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	uint32_t si = S->si, s0 = S->s0, s1 = S->s1;
	/* ... when it is another event than the one the sentence tells:
	 * one comes to it ("received X, who is visiting Vietnam to attend
	 * the Spring Meeting with ...", "X's visit for a New Year meeting
	 * among ...") */
	if (S->by_presence) /* "At the ceremony, X said": not this attendance */
		S->last_ev = S->keep_ev, S->last_meet = S->keep_meet, S->last_ev_sent = S->keep_sent;
	uint32_t from = s1, joint_at = 0;
	for (int t = EV_MEETING; t <= EV_VISIT; t++)
		if ((S->types & (1 << t)) && t != EV_SIGNING && t != EV_ATTEND && S->trig_at[t] + 3 < from)
			from = S->trig_at[t] + 3;
	if (from < s1)
		joint_at = joint_meeting(X, from, s1);
	if (joint_at && !lsn_x_future_sentence(X, si)) {
		/* the meeting of several sides: the person who comes to it
		 * (named last before it), its sides, and the month */
		if (new_event(doc, EV_MEETING, si))
			return -1;
		struct lsn_event *ev = &doc->events[doc->nevents - 1];
		ev->joint = 1;
		for (uint32_t j = joint_at; j > s0; j--)
			if (doc->ment_person[j - 1] && lsn_x_can_take_part(&doc->persons[doc->ment_person[j - 1] - 1])) {
				lsn_x_add_part(ev, (uint16_t)(doc->ment_person[j - 1] - 1));
				lsn_x_add_party(ev, lsn_x_person_party(X, &doc->persons[doc->ment_person[j - 1] - 1]));
				break;
			}
		for (uint32_t i = joint_at; i < s1; i++)
			if (X->tok_place[i] && (i == joint_at || X->tok_place[i - 1] != X->tok_place[i]) &&
			    kb->places[X->tok_place[i] - 1].level != PL_COUNTRY)
				lsn_x_add_party(ev, X->tok_place[i] - 1);
		int found;
		struct lsn_date d = lsn_x_nearest_date(X, si, joint_at, &found);
		ev->date = found ? d : doc->ref;
		ev->dated = (uint8_t)(found != 0);
		if (found && ev->date.prec > DP_MONTH)
			ev->date.d = 0, ev->date.prec = DP_MONTH; /* its day is not told */
		if (S->last_meet < 0 && !S->types)
			S->last_meet = (int32_t)(doc->nevents - 1);
		S->last_ev = (int32_t)(doc->nevents - 1);
		S->last_ev_sent = si;
	}
	return 0;
}

/* "A hội kiến B; hội đàm với C": a clause after a break that names no one
 * before its verb has the sentence's subject (those named in the first
 * clause [s0, c1) before its first verb) for its own, added to its events
 * from ev0 on; the clause is [c0, ce). */
static uint32_t first_trigger(const struct x *X, uint32_t s0, uint32_t s1)
{
	const lsn_doc *doc = X->doc;
	for (size_t h = X->hit0[s0]; h < doc->nhits && doc->hits[h].t0 < s1; h++)
		if (doc->hits[h].t0 >= s0 && doc->hits[h].kind == PK_TRIGGER)
			return doc->hits[h].t0;
	return s1;
}

static void clause_subject(struct x *X, uint32_t s0, uint32_t c1, uint32_t c0, uint32_t ce, size_t ev0)
{
	lsn_doc *doc = X->doc;
	uint32_t p0 = s0; /* its verb is the first after a person ("During the visit, A met B") */
	while (p0 < c1 && !doc->ment_person[p0])
		p0++;
	uint32_t at = first_trigger(X, p0, c1);
	for (uint32_t i = c0; i < first_trigger(X, c0, ce); i++)
		if (doc->ment_person[i])
			return; /* "; B hội đàm với C": its own subject */
	for (size_t e = ev0; e < doc->nevents; e++) {
		struct lsn_event *ev = &doc->events[e];
		for (uint32_t i = p0; i < at; i++) {
			if (!doc->ment_person[i] || (i > p0 && doc->ment_person[i - 1] == doc->ment_person[i]))
				continue;
			const struct lsn_person *p = &doc->persons[doc->ment_person[i] - 1];
			if (!lsn_x_can_take_part(p))
				continue;
			lsn_x_add_part(ev, (uint16_t)(doc->ment_person[i] - 1));
			lsn_x_add_party(ev, lsn_x_person_party(X, p));
		}
	}
}

/* The events of the story: each sentence in the passes above (a sentence of
 * several dated clauses, each clause in turn, as a sentence of its own: the
 * helpers read the sentence's bounds), then the passes over the whole story
 * (events_story.c).  0, or -1 when out of memory. */
int lsn_x_events(struct x *X)
{
	lsn_doc *doc = X->doc;
	struct evstate S = {.last_ev = -1, .last_meet = -1, .last_ev_sent = 0};
	mark_historical(X);
	uint32_t cstart[MAX_CLAUSES + 1], full0 = 0, full1 = 0, clause = 0, nclauses = 0;
	uint8_t cbrk[MAX_CLAUSES + 1];
	for (uint32_t si = 0; si < doc->nsents;) {
		/* a sentence of several dated clauses: each in turn, as a sentence
		 * of its own (the helpers read the sentence's bounds) */
		if (!clause) {
			lsn_x_future_sentence(X, si); /* of the whole sentence, before its bounds narrow */
			nclauses = (uint32_t)clauses(X, si, cstart, cbrk);
			full0 = X->st0[si], full1 = X->st1[si];
		}
		if (nclauses > 1)
			X->st0[si] = cstart[clause], X->st1[si] = cstart[clause + 1];
		S.si = si, S.s0 = X->st0[si], S.s1 = X->st1[si];
		collect_triggers(X, &S);
		infer_presence(X, &S);
		filter_triggers(X, &S);
		attach_continuation(X, &S);
		size_t ev0 = doc->nevents;
		for (int t = 1; t <= EV_VISIT; t++)
			if ((S.types & (1 << t)) && emit_event(X, &S, t))
				return -1;
		if (nclauses > 1 && cbrk[clause])
			clause_subject(X, full0, cstart[1], cstart[clause], cstart[clause + 1], ev0);
		if (joint_event(X, &S))
			return -1;
		X->st0[si] = full0, X->st1[si] = full1;
		if (++clause >= nclauses)
			clause = 0, si++;
	}
	lsn_x_story_events(X);
	return 0;
}
