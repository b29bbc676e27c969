/*
 * events_story.c — the passes over the whole story once the events of every
 * sentence are made (events.c): complete the events told without persons or
 * sides, merge the same interaction told twice, fold visits into their
 * meetings, date what has no date of its own.
 */
#include <string.h>
#include "extract_int.h"

/* Do two events share someone? */
static int shares_person(const struct lsn_event *A, const struct lsn_event *B)
{
	for (int i = 0; i < A->nparts; i++)
		for (int j = 0; j < B->nparts; j++)
			if (A->parts[i] == B->parts[j])
				return 1;
	return 0;
}

/* Do two events share someone, or a side below the national level (or,
 * for an event between countries only, a country)? */
static int shares_side(const lsn_tables *kb, const struct lsn_event *A, const struct lsn_event *B)
{
	int local = 0;
	if (shares_person(A, B))
		return 1;
	for (int i = 0; i < A->nparties; i++)
		local |= kb->places[A->parties[i]].level != PL_COUNTRY;
	for (int i = 0; i < A->nparties; i++)
		for (int j = 0; j < B->nparties; j++)
			if (A->parties[i] == B->parties[j] &&
			    (kb->places[A->parties[i]].level != PL_COUNTRY || (!local && !A->nparts && A->nparties >= 2)))
				return 1;
	return 0;
}

/* Talks told only in a caption: between the office holders of both sides
 * the first sentences name, when no talks have anyone. */
static void caption_talks(struct x *X)
{
	lsn_doc *doc = X->doc;
	/* a story that tells its talks only in a caption ("会谈现场", "Quang
	 * cảnh hội đàm"): they are between the office holders of both sides
	 * its first sentences name */
	int told = 0;
	for (size_t a = 0; a < doc->nevents; a++)
		told |= lsn_x_type_rank(doc->events[a].type) >= 4 && doc->events[a].nparts;
	for (size_t a = 0; a < doc->nevents && !told; a++) {
		struct lsn_event *A = &doc->events[a];
		if (lsn_x_type_rank(A->type) < 4 || A->nparts || A->nparties >= 2)
			continue;
		int cn = 0, vn = 0;
		for (uint32_t si = 0; si < doc->nsents && si < 3; si++)
			for (uint32_t i = X->st0[si]; i < X->st1[si]; i++) {
				if (!doc->ment_person[i] || !lsn_x_can_take_part(&doc->persons[doc->ment_person[i] - 1]))
					continue;
				const struct lsn_person *p = &doc->persons[doc->ment_person[i] - 1];
				cn |= !strcmp(p->cc, "CN"), vn |= !strcmp(p->cc, "VN");
				lsn_x_add_part(A, (uint16_t)(doc->ment_person[i] - 1));
			}
		if (cn && vn) {
			for (int k = 0; k < A->nparts; k++)
				lsn_x_add_party(A, lsn_x_person_party(X, &doc->persons[A->parts[k]]));
			A->dated = 0;
			told = 1;
		} else {
			A->nparts = 0;
		}
	}
}

/* "第八次合作协调会议以视频方式举行。A与B共同主持会议。": a meeting told by
 * video without its persons makes virtual the meeting told with them within two
 * sentences, when they share a side (or it names none). */
static void held_online(struct x *X, const struct lsn_event *A)
{
	lsn_doc *doc = X->doc;
	for (size_t b = 0; b < doc->nevents; b++) {
		struct lsn_event *B = &doc->events[b];
		if (B == A || B->dropped || B->type != EV_MEETING || !B->nparts ||
		    (B->sent > A->sent ? B->sent - A->sent : A->sent - B->sent) > 2)
			continue;
		int share = !A->nparties;
		for (int i = 0; i < A->nparties; i++)
			for (int j = 0; j < B->nparties; j++)
				share |= A->parties[i] == B->parties[j];
		if (share) {
			B->type = EV_VIRTUAL;
			return;
		}
	}
}

/* Drops the events of nobody with fewer than two sides, and visits of no
 * office holder. */
static void drop_nameless(struct x *X)
{
	lsn_doc *doc = X->doc;
	/* events still without anyone: keep those with two parties (a visit
	 * is someone's, and an office holder's: not a tourist's or a manager's) */
	int visitors = 0;
	for (size_t a = 0; a < doc->nevents; a++)
		visitors |= doc->events[a].type == EV_VISIT && doc->events[a].nparts;
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		/* "代表团与安徽省政府举行了会谈", "the delegation held talks with the
		 * provincial government": the visitors of the story's visit met them
		 * (delegation_head) */
		if (!A->nparts && lsn_x_type_rank(A->type) >= 4 && A->nparties == 1 && visitors &&
		    lsn_x_hit_in(X, PK_EVWORD, EW_DELEGATION, X->st0[A->sent], X->st1[A->sent]))
			continue;
		if (!A->nparts && (A->nparties < 2 || A->type == EV_VISIT)) {
			A->dropped = 1;
			if (A->type == EV_VIRTUAL)
				held_online(X, A);
		}
		if (A->type == EV_VISIT) {
			int office = 0;
			for (int k = 0; k < A->nparts; k++)
				office |= doc->persons[A->parts[k]].role != 21 || doc->persons[A->parts[k]].actor >= 0;
			if (!office)
				A->dropped = 1;
		}
	}
}

/* Do A and B each name a side below the national level of one country, none in
 * common ("Dung met the Zhejiang commission", "Dung met the Ningbo mayor": two
 * meetings; a visit to Yunnan and to a firm in Kunming stay one trip)? */
static int other_localities(const lsn_tables *kb, const struct lsn_event *A, const struct lsn_event *B)
{
	for (int i = 0; i < A->nparties; i++) {
		const struct lsn_place *p = &kb->places[A->parties[i]];
		if (p->level == PL_COUNTRY || p->level == PL_BLOC)
			continue;
		int same_cc = 0, common = 0;
		for (int j = 0; j < B->nparties; j++) {
			const struct lsn_place *q = &kb->places[B->parties[j]];
			if (q->level == PL_COUNTRY || q->level == PL_BLOC || strcmp(p->cc, q->cc))
				continue;
			same_cc = 1;
			for (int k = 0; k < A->nparties; k++)
				common |= A->parties[k] == B->parties[j];
		}
		if (same_cc && !common)
			return 1;
	}
	return 0;
}

/* Is place a the place b or within it (Nanning within Guangxi)? */
static int within(const lsn_tables *kb, int32_t a, int32_t b)
{
	for (int depth = 0; a >= 0 && depth < 8; depth++, a = kb->places[a].parent)
		if (a == b)
			return 1;
	return 0;
}

/* Are all the persons of A and B of one country? */
static int one_country(const lsn_doc *doc, const struct lsn_event *A, const struct lsn_event *B)
{
	const char *cc = doc->persons[A->parts[0]].cc;
	for (int i = 0; i < A->nparts; i++)
		if (strcmp(doc->persons[A->parts[i]].cc, cc))
			return 0;
	for (int i = 0; i < B->nparts; i++)
		if (strcmp(doc->persons[B->parts[i]].cc, cc))
			return 0;
	return cc[0] != 0;
}

/* Merges the same interaction told twice into the first telling. */
static void merge_same(struct x *X)
{
	lsn_doc *doc = X->doc;
	/* the same interaction told twice: merge */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dropped)
			continue;
		for (size_t b = a + 1; b < doc->nevents; b++) {
			struct lsn_event *B = &doc->events[b];
			if (B->dropped || (A->split && B->split && A->sent == B->sent) || A->joint != B->joint)
				continue; /* a meeting of several sides is not the talks held beside it */
			int same = 0;
			if (A->type == B->type || (lsn_x_type_rank(A->type) >= 4 && lsn_x_type_rank(B->type) >= 4)) {
				int shared = 0;
				for (int i = 0; i < A->nparts; i++)
					for (int j = 0; j < B->nparts; j++)
						shared += A->parts[i] == B->parts[j];
				/* Khoi meeting Lu Yongzheng and Khoi meeting Lu Xinshe are
				 * two meetings: each has someone the other lacks */
				if (shared && (shared == A->nparts || shared == B->nparts) &&
				    !(lsn_x_type_rank(A->type) >= 4 && other_localities(X->kb, A, B)))
					same = 1;
				/* the members of one delegation each told visiting the same place
				 * ("武氏明幸…考察", "黎氏香考察了广西的大学"): one trip */
				if (A->type == EV_VISIT && B->type == EV_VISIT && A->place >= 0 && B->place >= 0 &&
				    (within(X->kb, A->place, B->place) || within(X->kb, B->place, A->place)) &&
				    A->nparts && B->nparts && one_country(doc, A, B))
					same = 1;
				/* by the sides alone, when one names nobody; not when that
				 * one has a day or month of its own the other lacks ("8月27日,
				 * ... 对接会": another event of the same trip); a year alone
				 * ("Hội đàm ... giữa tỉnh A và châu B năm 2025" under a photo)
				 * is the story's year, not another event's; a signing told
				 * with its day and a caption's signing of its signers are one */
				const struct lsn_event *nobody = !A->nparts ? A : !B->nparts ? B : NULL;
				const struct lsn_event *other = nobody == A ? B : A;
				if (nobody && !(nobody->dated && nobody->date.prec >= DP_MONTH && !other->dated &&
						!(A->type == EV_SIGNING && B->type == EV_SIGNING)))
					for (int i = 0; i < A->nparties; i++)
						for (int j = 0; j < B->nparties; j++)
							if (A->parties[i] == B->parties[j])
								same = 1;
			}
			/* different dates told explicitly are different events; for visits, years
			 * too ("visited China in autumn 2022" is not the trip of November 13-18,
			 * 2023; a year in what was said at a meeting does not date it) */
			int prec = A->type == EV_VISIT && B->type == EV_VISIT ? DP_YEAR : DP_MONTH;
			if (same && A->dated && B->dated && A->date.prec >= prec && B->date.prec >= prec &&
			    lsn_x_date_cmp(A->date, B->date)) {
				struct lsn_date x = A->date, y = B->date;
				x.prec = y.prec = (uint8_t)(A->date.prec < B->date.prec ? A->date.prec : B->date.prec);
				if (lsn_x_date_cmp(x, y))
					same = 0;
			}
			if (!same)
				continue;
			for (int j = 0; j < B->nparts; j++)
				lsn_x_add_part(A, B->parts[j]);
			for (int j = 0; j < B->nparties; j++)
				lsn_x_add_party(A, B->parties[j]);
			if ((B->dated && !A->dated) || (B->dated == A->dated && B->date.prec > A->date.prec)) {
				A->date = B->date;
				A->dated = B->dated;
			}
			if (A->place < 0)
				A->place = B->place;
			if (lsn_x_type_rank(B->type) > lsn_x_type_rank(A->type))
				A->type = B->type;
			B->dropped = 1;
		}
	}
}

/* A signing told without its sides takes those of the nearest meeting. */
static void signing_sides(struct x *X)
{
	lsn_doc *doc = X->doc;
	/* a signing told without its sides: those of the meeting next to it */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->type != EV_SIGNING || A->nparts || A->nparties >= 2)
			continue;
		const struct lsn_event *best = NULL;
		for (size_t b = 0; b < doc->nevents; b++) {
			const struct lsn_event *B = &doc->events[b];
			uint32_t dist = B->sent > A->sent ? B->sent - A->sent : A->sent - B->sent;
			if (b != a && !B->dropped && lsn_x_type_rank(B->type) >= 4 && B->nparties >= 2 && dist <= 8 &&
			    (!best || dist < (best->sent > A->sent ? best->sent - A->sent : A->sent - best->sent)))
				best = B;
		}
		if (best) {
			for (int k = 0; k < best->nparties; k++)
				lsn_x_add_party(A, best->parties[k]);
			if ((!A->dated && best->dated) ||
			    (A->date.prec < best->date.prec && A->date.y == best->date.y))
				A->date = best->date;
			A->dropped = 0;
		}
	}
}

/* "met the delegation": the visitors of the story's visit took part. */
static void delegation_head(struct x *X)
{
	lsn_doc *doc = X->doc;
	/* "met the delegation": the head of the visiting delegation took part */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dropped || lsn_x_type_rank(A->type) < 4 ||
		    !lsn_x_hit_in(X, PK_EVWORD, EW_DELEGATION, X->st0[A->sent], X->st1[A->sent]))
			continue;
		for (size_t b = 0; b < doc->nevents; b++) {
			const struct lsn_event *B = &doc->events[b];
			if (B->type != EV_VISIT || !B->nparts)
				continue;
			/* the hosts met the visitors: only when no visitor is there yet */
			const char *vcc = doc->persons[B->parts[0]].cc;
			int have = 0;
			for (int k = 0; k < A->nparts; k++)
				have |= !strcmp(doc->persons[A->parts[k]].cc, vcc);
			if (have)
				break;
			for (int k = 0; k < B->nparts; k++)
				lsn_x_add_part(A, B->parts[k]);
			for (int k = 0; k < A->nparts; k++)
				lsn_x_add_party(A, lsn_x_person_party(X, &doc->persons[A->parts[k]]));
			break;
		}
	}
}

/* A visit and a meeting of nobody in its month: the visitors met. */
static void visitors_met(struct x *X)
{
	lsn_doc *doc = X->doc;
	/* a delegation's visit and a meeting told without names, in the same
	 * month: the visitors took part in the meeting (unless the story names
	 * the meetings they had) */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dropped || A->type != EV_VISIT || !A->nparts)
			continue;
		int met = 0;
		for (size_t b = 0; b < doc->nevents; b++) {
			const struct lsn_event *B = &doc->events[b];
			if (b != a && !B->dropped && lsn_x_type_rank(B->type) >= 4)
				for (int k = 0; k < B->nparts; k++)
					met |= B->parts[k] == A->parts[0];
		}
		if (met)
			continue;
		for (size_t b = 0; b < doc->nevents; b++) {
			struct lsn_event *B = &doc->events[b];
			if (B->dropped || lsn_x_type_rank(B->type) < 4 || B->nparts)
				continue;
			if (A->dated && B->dated && (A->date.y != B->date.y || A->date.m != B->date.m))
				continue;
			for (int k = 0; k < A->nparts; k++)
				lsn_x_add_part(B, A->parts[k]);
			A->dropped = 1;
			break;
		}
	}
}

/* A visit with a meeting of its visitors inside it is that meeting. */
static void visit_in_meeting(struct x *X)
{
	lsn_doc *doc = X->doc;
	/* a visit with a meeting inside it is the meeting */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dropped || A->type != EV_VISIT)
			continue;
		for (size_t b = 0; b < doc->nevents; b++) {
			struct lsn_event *B = &doc->events[b];
			if (b == a || B->dropped || lsn_x_type_rank(B->type) < 4)
				continue;
			for (int i = 0; i < A->nparts; i++)
				for (int j = 0; j < B->nparts; j++)
					if (A->parts[i] == B->parts[j] &&
					    (!A->dated || !B->dated ||
					     (A->date.y == B->date.y && (A->date.m == B->date.m || !A->date.m || !B->date.m))))
						A->dropped = 1;
		}
	}
}

/* The story's main event, that dates those told without a date: the first
 * dated by a range of days, else to the day; NULL when none. */
static const struct lsn_event *main_event(const struct x *X)
{
	const lsn_doc *doc = X->doc;
	/* an event told without a date happened when the story's main event
	 * did: the first one dated to the day */
	const struct lsn_event *main_ev = NULL;
	/* (a visit folded into its meetings still tells the day); a trip told
	 * with its span ("from June 11 to 15") is the time of what is told
	 * without a date, rather than its last day ("on the 15th, it ended") */
	for (int pass = 0; pass < 2 && !main_ev; pass++)
		for (size_t a = 0; a < doc->nevents && !main_ev; a++)
			if (doc->events[a].dated == 1 && (pass ? doc->events[a].date.prec == DP_DAY
							       : doc->events[a].range) &&
			    (!doc->events[a].dropped || doc->events[a].type == EV_VISIT))
				main_ev = &doc->events[a];
	return main_ev;
}

/* Without a main event, the day the lead gives (a week before the
 * publication at most) dates every event without a date. */
static int lead_day_usable(struct x *X, const struct lsn_datehit *dh, int have_pub)
{
	lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[dh->t0].sent;
	if (dh->dt.prec != DP_DAY || dh->range == 2 || lsn_x_future_sentence(X, si) ||
	    lsn_x_in_book_title(X, X->st0[si], dh->t0))
		return 0;
	if (!have_pub) /* no publication: the lead's day in the year the story names */
		return si <= 2 && dh->dt.y == doc->ref.y;
	long pub = lsn_days(doc->published.y, doc->published.m, doc->published.d);
	long d = lsn_days(dh->dt.y, dh->dt.m, dh->dt.d);
	return d <= pub && d >= pub - 7;
}

static void lead_date(struct x *X, const struct lsn_event *main_ev)
{
	lsn_doc *doc = X->doc;
	/* ... when it shares someone or a (sub-national) side with it; "the
	 * successful meeting between the two General Secretaries" told as
	 * background keeps no date */
	/* ... or with an event told before it that got its date so ("met
	 * Liu Ning on the sidelines; the two sides witnessed the signing") */
	/* no event dated in its own sentence: the day the lead tells ("Shanghai
	 * and HCM City on July 11 held a forum. The forum was co-chaired by
	 * ..."), a few days before the publication at most, is the story's; a
	 * headline's event dated by its year alone ("dự khai mạc CAEXPO 2023")
	 * takes that day when it is of that year.  The lead is the first
	 * sentences that hold a date (a page's debris may come before it). */
	int have_pub = doc->published.prec == DP_DAY;
	if (main_ev || (!have_pub && doc->ref.prec < DP_YEAR))
		return;
	for (size_t k = 0; k < doc->ndates; k++) {
		const struct lsn_datehit *dh = &doc->dates[k];
		if (doc->toks[dh->t0].sent > 4)
			break;
		if (!lead_day_usable(X, dh, have_pub) || lsn_x_report_date(X, dh))
			continue;
		for (size_t a = 0; a < doc->nevents; a++) {
			struct lsn_event *A = &doc->events[a];
			int headline = A->sent == 0 && A->dated == 1 && A->date.prec == DP_YEAR && A->date.y == dh->dt.y;
			if ((!A->dated || headline) && !A->dropped) {
				A->date = dh->dt, A->inherit = 1, A->dated = 1;
				if (dh->range == 1) /* some day of a span ("từ 22-26/12"): its month */
					A->date.d = 0, A->date.prec = DP_MONTH;
			}
		}
		break;
	}
}

/* With a main event, an event without a date takes the date of one told
 * before it with someone of it, else the main one's when it shares a side,
 * else the nearest sharing a side; else it has no date. */
static void inherit_dates(struct x *X, const struct lsn_event *main_ev)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	if (main_ev)
		for (size_t a = 0; a < doc->nevents; a++) {
			struct lsn_event *A = &doc->events[a];
			if (A->dated)
				continue;
			/* the nearest such event told before it with someone of
			 * it, else the main one, else the nearest sharing a side */
			const struct lsn_event *from = NULL;
			for (int pass = 0; pass < 3 && !from; pass++) {
				if (pass == 1) {
					if (shares_side(kb, A, main_ev))
						from = main_ev;
					continue;
				}
				for (size_t b = a; !from && b-- > 0;) {
					const struct lsn_event *B = &doc->events[b];
					if (!B->dropped && B->date.prec >= DP_DAY && (B->inherit || B->dated == 1) &&
					    (pass ? shares_side(kb, A, B) : shares_person(A, B)))
						from = B;
				}
			}
			if (from) {
				A->date = from->date;
				A->inherit = 1;
				if ((from->range || A->joint) && A != from) /* some day of the visit */
					A->date.d = 0, A->date.prec = DP_MONTH;
			}
			else if (!A->date.prec || A->date.prec > DP_YEAR)
				memset(&A->date, 0, sizeof A->date); /* not the reference day either */
		}
	/* "A chào xã giao B; hội đàm với C; ...": the events of one sentence
	 * told without a date happened on the same trip; one left undated takes
	 * the date another of them took */
	for (size_t a = 0; main_ev && a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dated || A->inherit || A->dropped || A->date.prec)
			continue;
		for (size_t b = 0; b < doc->nevents; b++) {
			const struct lsn_event *B = &doc->events[b];
			if (b != a && !B->dropped && B->sent == A->sent && B->inherit && !B->dated && B->date.prec) {
				A->date = B->date;
				A->inherit = 1;
				break;
			}
		}
	}
}

/* A side is named at its most specific. */
static void specific_sides(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	/* a side is named at its most specific: "China" goes when Shanghai is
	 * a side (a person whose title named no place adds only a country) */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		int k = 0;
		for (int i = 0; i < A->nparties; i++) {
			const struct lsn_place *pl = &kb->places[A->parties[i]];
			int below = 0;
			for (int j = 0; j < A->nparties && pl->level == PL_COUNTRY; j++)
				below |= kb->places[A->parties[j]].level != PL_COUNTRY &&
					 kb->places[A->parties[j]].level != PL_BLOC &&
					 !strcmp(kb->places[A->parties[j]].cc, pl->cc);
			if (!below)
				A->parties[k++] = A->parties[i];
		}
		A->nparties = (uint8_t)k;
	}
}

/* No year: the month and day of the event's sentence are kept. */
static void open_dates(struct x *X)
{
	lsn_doc *doc = X->doc;
	/* no year to be had: the month and day its sentence gives ("on
	 * November 14" in a story that names no year) are kept as they are */
	for (size_t a = 0; a < doc->nevents; a++) {
		struct lsn_event *A = &doc->events[a];
		if (A->dropped || A->date.prec)
			continue;
		memset(&A->date, 0, sizeof A->date);
		for (size_t k = 0; k < doc->ndates; k++) {
			const struct lsn_datehit *dh = &doc->dates[k];
			if (doc->toks[dh->t0].sent == A->sent && dh->open && dh->dt.m && dh->range != 2) {
				A->date.m = dh->dt.m;
				A->date.d = dh->open == DP_DAY ? dh->dt.d : 0;
				break;
			}
		}
	}
}

/* The passes over the whole story, once every sentence's events are made:
 * complete the events told without persons, merge, fold visits into their
 * meetings, date what has no date, name sides at their most specific; the
 * participants of every event kept are included. */
void lsn_x_story_events(struct x *X)
{
	lsn_doc *doc = X->doc;
	caption_talks(X);
	drop_nameless(X);
	merge_same(X);
	signing_sides(X);
	delegation_head(X);
	visitors_met(X);
	visit_in_meeting(X);
	const struct lsn_event *main_ev = main_event(X);
	lead_date(X, main_ev);
	inherit_dates(X, main_ev);
	specific_sides(X);
	open_dates(X);
	for (size_t a = 0; a < doc->nevents; a++)
		if (!doc->events[a].dropped)
			for (int k = 0; k < doc->events[a].nparts; k++)
				doc->persons[doc->events[a].parts[k]].include = 1;
}
