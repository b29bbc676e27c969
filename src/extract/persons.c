/*
 * persons.c — the persons of the extraction, whatever their script: making
 * or finding a person for a name, counting mentions, applying titles, and
 * the last touches once every name is read (country, canonical spelling,
 * the province or city of an office told without one).
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <string.h>
#include "extract_int.h"

/* Person with canonical (folded) name, or -1. */
int32_t lsn_x_find_person(const lsn_doc *doc, const char *name)
{
	uint64_t h = lsn_fold_hash(name, strlen(name));
	for (size_t i = 0; i < doc->npersons; i++)
		if (lsn_fold_hash(doc->persons[i].name, strlen(doc->persons[i].name)) == h)
			return (int32_t)i;
	return -1;
}

/* Is b a with one letter more (folded, ASCII-lowercased Latin)?  "Wei
 * Huaxian" in a caption and "Wei Huaxiang" in the text. */
static int one_more_letter(const char *a, size_t na, const char *b, size_t nb)
{
	if (nb != na + 1)
		return 0;
	size_t i = 0;
	while (i < na && a[i] == b[i])
		i++;
	return !memcmp(a + i, b + i + 1, na - i) && b[i] >= 'a' && b[i] <= 'z';
}

/* A person of the document whose name differs from `name` by one letter
 * dropped or added (a typo), with the same first word and ten letters or
 * more; -1 when none or several. */
static int32_t near_person(const lsn_doc *doc, const char *name)
{
	char a[128], b[128];
	size_t na = lsn_fold(name, strlen(name), a, sizeof a);
	const char *sp = memchr(a, ' ', na);
	if (na < 10 || na >= sizeof a - 1 || !sp)
		return -1;
	size_t first = (size_t)(sp - a) + 1;
	int32_t found = -1;
	for (size_t i = 0; i < doc->npersons; i++) {
		size_t nb = lsn_fold(doc->persons[i].name, strlen(doc->persons[i].name), b, sizeof b);
		if (nb < 10 || nb >= sizeof b - 1 || nb < first || memcmp(a, b, first))
			continue;
		if (one_more_letter(a, na, b, nb) || one_more_letter(b, nb, a, na)) {
			if (found >= 0)
				return -1;
			found = (int32_t)i;
		}
	}
	return found;
}

void lsn_x_add_mention(lsn_doc *doc, struct lsn_person *p, uint32_t t0, uint32_t t1)
{
	p->nment++;
	if (t0 > p->last_tok)
		p->last_tok = t0;
	size_t n = doc->toks[t1 - 1].end - doc->toks[t0].start;
	if (n >= sizeof p->ments[0])
		return;
	for (int k = 0; k < p->nments; k++)
		if (strlen(p->ments[k]) == n && !memcmp(p->ments[k], doc->text + doc->toks[t0].start, n))
			return;
	if (p->nments < 8) {
		memcpy(p->ments[p->nments], doc->text + doc->toks[t0].start, n);
		p->ments[p->nments][n] = 0;
		p->nments++;
	}
}

/* Role held by a known actor on a date (yyyymmdd), 0 if none known: the
 * highest, or the one of role `want` when he holds it then (want 0: any). */
static const struct lsn_arole *actor_role_of(const lsn_tables *kb, int32_t a, struct lsn_date when, int want)
{
	const struct lsn_actor *ac = &kb->actors[a];
	long w = when.prec ? when.y * 10000L + (when.prec >= DP_MONTH ? when.m : 6) * 100 +
				 (when.prec >= DP_DAY ? when.d : 15) : 0;
	const struct lsn_arole *best = NULL;
	for (uint32_t k = 0; k < ac->nroles; k++) {
		const struct lsn_arole *r = &kb->aroles[ac->role0 + k];
		long from = r->from, to = r->to;
		if (from && from < 100000) from = from / 1 * 1;
		/* normalise yyyymm00 / yyyy0000 bounds */
		if (w && from && w < (from % 10000 ? from : from + 101))
			continue;
		/* a bare month ends on its last day, a bare year on 31 December */
		if (w && to && w > (to % 100 ? to : to % 10000 ? to + 31 : to + 1231))
			continue;
		if (!w && to)
			continue; /* no date: only current roles */
		if (want && r->role == want)
			return r;
		if (!want && (!best || r->role < best->role))
			best = r;
	}
	return best;
}

static const struct lsn_arole *actor_role(const lsn_tables *kb, int32_t a, struct lsn_date when)
{
	return actor_role_of(kb, a, when, 0);
}

static void set_country(struct x *X, struct lsn_person *p)
{
	const lsn_tables *kb = X->kb;
	if (p->org >= 0 && kb->places[p->org].cc[0]) {
		memcpy(p->cc, kb->places[p->org].cc, 3);
		return;
	}
	if (p->actor >= 0) {
		memcpy(p->cc, kb->actors[p->actor].cc, 3);
		return;
	}
}

/* After a title of any body, the place whose office it is: "Director of the
 * Department of Culture, Sports and Tourism of Da Nang City", "Head of the
 * Hai Phong Economic Zone Authority" — the first place after "of" (or "of
 * the") across the capitalised words of the body's name and the words that
 * join them (lexicon title_body_link); -1 when the words end first. */
static int32_t body_place(const struct x *X, const struct lsn_hit *h)
{
	const lsn_doc *doc = X->doc;
	uint32_t si = doc->toks[h->t0].sent, s1 = X->st1[si];
	for (uint32_t j = h->t1; j < s1 && j < h->t1 + 20; j++) {
		if (doc->ment_person[j])
			return -1;
		if (X->tok_place[j]) {
			uint32_t k = j;
			/* "of" may end the title itself ("Head of the") */
			if (k > h->t0 + 1 && tok_fold_is(doc, k - 1, "the"))
				k--;
			if (!(k > h->t0 + 1 && tok_fold_is(doc, k - 1, "of")))
				return -1;
			/* "the Nghe An Friendship Group": named after its partner */
			for (uint32_t m = j + 1; m < s1 && (doc->toks[m].flags & TF_CAP); m++)
				if (lsn_x_lex_tok(X->kb, doc, LX_TITLE_BODY_PARTNER, m))
					return -1;
			return (int32_t)X->tok_place[j] - 1;
		}
		if (!(doc->toks[j].flags & TF_CAP) && !lsn_x_lex_tok(X->kb, doc, LX_TITLE_BODY_LINK, j))
			return -1;
	}
	return -1;
}

/* Applies a title hit to a person (first specific title wins). */
void lsn_x_apply_title(struct x *X, struct lsn_person *p, const struct lsn_hit *h, int vn)
{
	const lsn_tables *kb = X->kb;
	const struct lsn_title *ti = &kb->titles[h->val];
	/* the party leader's title first: "General Secretary and President" */
	if (p->role == 2 && ti->role == 1)
		p->role = 0;
	/* "自治区党委副书记、自治区主席": the head of the government, not the
	 * deputy party secretary */
	if (p->role == 12 && (ti->role == 13 || ti->role == 15 || ti->role == 17))
		p->role = 0;
	if (p->role && p->role != 21)
		return;
	if (p->role == 21 && ti->role == 21)
		return;
	p->role = ti->role;
	int32_t org = h->a;
	if (org < 0 && ti->scope == PL_COUNTRY) {
		/* "Prime Minister X": the person's own country */
		if (p->actor >= 0)
			org = kb->actors[p->actor].cc[0] == 'V' ? kb->place_vietnam : kb->place_china;
		else
			org = vn ? kb->place_vietnam : kb->place_china;
	}
	/* "Ambassador to China" posted by the other side */
	if (org < 0 && h->b >= 0 && (ti->role == 9 || ti->role == 10)) {
		const char *hostcc = kb->places[h->b].cc;
		org = !strcmp(hostcc, "CN") ? kb->place_vietnam : !strcmp(hostcc, "VN") ? kb->place_china : -1;
	}
	/* "Secretary of the Provincial Party Committee, Chairman of the
	 * People's Council of Cao Bang Province": the place later in the same
	 * appositive; else "led by Vice Chairwoman of the municipal People's
	 * Committee X": the city or province named before, in the same clause */
	if (org < 0 && (ti->scope == PL_CITY || ti->scope == PL_PROVINCE)) {
		const lsn_doc *doc = X->doc;
		uint32_t si = doc->toks[h->t0].sent, s0 = X->st0[si], s1 = X->st1[si];
		/* a known person holds an office of his side (a name with
		 * diacritics may be a Chinese one read in Hán-Việt: no side) */
		const char *side = p->actor >= 0 ? kb->actors[p->actor].cc : NULL;
		for (uint32_t j = h->t1; j < s1 && j < h->t1 + 25 && org < 0; j++) {
			if (tok_fold_is(doc, j, ";") /* and "；" */ || doc->ment_person[j] ||
			    (X->tok_kind[j] & KB(PK_TRIGGER)))
				break;
			/* "... X in Kunming on Thursday": where, not whose */
			if (lsn_x_lex_tok(kb, doc, LX_TITLE_PLACE_STOP, j))
				break;
			if (X->tok_place[j] && kb->places[X->tok_place[j] - 1].level != PL_COUNTRY &&
			    kb->places[X->tok_place[j] - 1].level != PL_BLOC &&
			    (!side || !strcmp(kb->places[X->tok_place[j] - 1].cc, side)))
				org = X->tok_place[j] - 1;
		}
		/* the person's own name before an appositive title is no place: "Nguyễn
		 * Văn Sơn, Chủ tịch UBND tỉnh" (Văn Sơn is also Wenshan) */
		uint32_t n0 = p->last_tok < h->t0 ? p->last_tok : h->t0, n1 = n0;
		for (const char *c = p->name; !p->han_len && *c && n0 < h->t0; c++)
			n1 += c == p->name || (*c == ' ' && c[1]);
		for (uint32_t j = h->t0; org < 0 && j > s0 && h->t0 - j < 30; j--) {
			if (tok_fold_is(doc, j - 1, ";"))
				break;
			if (j - 1 >= n0 && j - 1 < n1)
				continue;
			if (X->tok_place[j - 1] && kb->places[X->tok_place[j - 1] - 1].level != PL_COUNTRY &&
			    kb->places[X->tok_place[j - 1] - 1].level != PL_BLOC &&
			    (!side || !strcmp(kb->places[X->tok_place[j - 1] - 1].cc, side)))
				org = X->tok_place[j - 1] - 1;
		}
	}
	if (org < 0 && !ti->scope && !ti->counterpart)
		org = body_place(X, h);
	p->org = org;
	if (org >= 0)
		snprintf(p->org_name, sizeof p->org_name, "%s", kb->places[org].id);
}

/* Creates or finds the person for name tokens [t0,t1). */
int32_t lsn_x_person_for(struct x *X, uint32_t t0, uint32_t t1, int32_t actor, int vn)
{
	lsn_doc *doc = X->doc;
	char name[96];
	if (actor >= 0)
		snprintf(name, sizeof name, "%s", X->kb->actors[actor].id);
	else
		lsn_x_tok_text(doc, t0, t1, name, sizeof name);
	int32_t pi = lsn_x_find_person(doc, name);
	if (pi >= 0)
		return pi;
	/* a typo of a person already met; the actor table's spelling wins */
	if ((pi = near_person(doc, name)) >= 0 && (actor < 0 || doc->persons[pi].actor < 0)) {
		if (actor >= 0) {
			snprintf(doc->persons[pi].name, sizeof doc->persons[pi].name, "%s", name);
			doc->persons[pi].actor = actor;
		}
		return pi;
	}
	if (lsn_grow(&doc->persons, &doc->cappersons, doc->npersons + 1, sizeof *doc->persons))
		return -1;
	struct lsn_person *p = &doc->persons[doc->npersons];
	memset(p, 0, sizeof *p);
	snprintf(p->name, sizeof p->name, "%s", name);
	p->actor = actor;
	p->org = -1;
	p->first_tok = t0;
	p->last_tok = t0;
	p->vn_order = (uint8_t)vn;
	/* short forms: Chinese names by surname, Vietnamese ones by the last word */
	uint32_t n = 0;
	uint64_t words[6], marks[6];
	size_t i = 0, len = strlen(name), ws = 0;
	while (i <= len && n < 6) {
		if (i == len || name[i] == ' ' || name[i] == '-') {
			if (i > ws) {
				marks[n] = lsn_marks_sig(name + ws, i - ws);
				words[n++] = lsn_fold_hash(name + ws, i - ws);
			}
			ws = i + 1;
		}
		i++;
	}
	if (n >= 2) {
		p->surname_h = (uint32_t)words[0];
		p->given_h = (uint32_t)words[n - 1];
		p->surname_mk = (uint32_t)marks[0];
		p->given_mk = (uint32_t)marks[n - 1];
	}
	doc->npersons++;
	return (int32_t)(doc->npersons - 1);
}

int lsn_x_is_speech(const lsn_tables *kb, const lsn_doc *doc, uint32_t i)
{
	return lsn_x_lex_fold(kb, doc, LX_SPEECH_VERB, i) != NULL;
}

/* Roles that name one office in different words: the head of a local
 * government is a governor, a chairman (of an autonomous region, of a
 * People's Committee) or a mayor; so for their deputies. */
static int same_office(int a, int b)
{
	static const int head[] = {13, 15, 17}, deputy[] = {14, 16, 18};
	int ha = 0, hb = 0, da = 0, db = 0;
	for (int k = 0; k < 3; k++) {
		ha |= a == head[k], hb |= b == head[k];
		da |= a == deputy[k], db |= b == deputy[k];
	}
	return a == b || (ha && hb) || (da && db);
}

/* A known person's office from the table on the story's date: the role
 * when the text gives none, the body when the text gives the role alone. */
static void actor_office(const lsn_tables *kb, const lsn_doc *doc, struct lsn_person *p)
{
	if (!p->role && p->actor >= 0) {
		const struct lsn_arole *r = actor_role(kb, p->actor, doc->ref);
		if (r) {
			p->role = r->role;
			p->org = r->org;
			snprintf(p->org_name, sizeof p->org_name, "%s", r->org_name);
		}
	} else if (p->role && p->org < 0 && !p->org_name[0] && p->actor >= 0) {
		/* "Provincial Party Secretary Dang Xuan Phong": whose province
		 * the table knows, when it gives him that office then */
		/* "习近平主席": a bare chairman whom the table knows as the
		 * president (vice president) then */
		const struct lsn_arole *r = NULL;
		if (p->role == 17 || p->role == 18)
			r = actor_role_of(kb, p->actor, doc->ref, p->role == 17 ? 2 : 3);
		if (r)
			p->role = r->role;
		else
			r = actor_role(kb, p->actor, doc->ref);
		if (r && same_office(r->role, p->role)) {
			p->org = r->org;
			snprintf(p->org_name, sizeof p->org_name, "%s", r->org_name);
		}
	}
}

void lsn_x_finish_persons(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	for (size_t k = 0; k < doc->npersons; k++) {
		struct lsn_person *p = &doc->persons[k];
		/* a figure of history ("President Ho Chi Minh" in a 2023 story):
		 * every office the table knows ended decades before the story */
		if (p->actor >= 0 && kb->actors[p->actor].nroles) {
			const struct lsn_actor *ac = &kb->actors[p->actor];
			int latest = 0;
			for (uint32_t r = 0; r < ac->nroles; r++) {
				int to = kb->aroles[ac->role0 + r].to;
				latest = (!to || to / 10000 > latest) ? (to ? to / 10000 : 9999) : latest;
			}
			int now = doc->ref.prec ? doc->ref.y : 9999;
			if (latest < 9999 && now != 9999 && latest + 20 < now)
				p->historical = 1;
			if (latest < 9999 && now == 9999 && latest < 1990)
				p->historical = 1;
		}
		actor_office(kb, doc, p);
		set_country(X, p);
		/* a Vietnamese name read from characters ("潘文邁" Phan Văn Mại):
		 * a known person's spelling when it folds to it (Phan Văn Mãi) */
		if (p->actor < 0 && p->han_len && !strcmp(p->cc, "VN")) {
			int32_t a = lsn_tables_actor_by_name(kb, p->name, strlen(p->name));
			if (a >= 0 && kb->actors[a].cc[0] == 'V') {
				snprintf(p->name, sizeof p->name, "%s", kb->actors[a].id);
				p->actor = a;
			}
		}
		/* a Chinese official named in Vietnamese: canonical in pinyin */
		if (p->actor < 0 && !p->han_len && !strcmp(p->cc, "CN")) {
			int marks = !strcmp(doc->lang, "vi"); /* "Hoa Minh" too */
			for (const char *c = p->name; *c; c++)
				marks |= (unsigned char)*c >= 0xc3;
			char py[96];
			if (marks && lsn_viet_pinyin_name(p->name, strlen(p->name), py, sizeof py))
				snprintf(p->name, sizeof p->name, "%s", py);
		}
		if (!p->cc[0] && !p->foreign) {
			int zh = 0, vi = p->han_len > 0;
			/* surname decides: Chinese ones are two words; a name of Latin
			 * letters with neither surname ("Khamkhan Chanthavisouk", a Lao
			 * province's secretary) is of no country the text tells */
			const char *sp = strchr(p->name, ' ');
			size_t wl = sp ? (size_t)(sp - p->name) : strlen(p->name);
			uint64_t h = lsn_fold_hash(p->name, wl);
			for (uint32_t q = lsn_map_get(&kb->first, h); q; q = kb->phrases[q - 1].next)
				if (kb->phrases[q - 1].ntok == 1)
					zh |= kb->phrases[q - 1].kind == PK_SURNAME_ZH,
					vi |= kb->phrases[q - 1].kind == PK_SURNAME_VI;
			if (zh && !p->vn_order)
				memcpy(p->cc, "CN", 3);
			else if (vi || zh || !sp)
				memcpy(p->cc, "VN", 3);
		}
	}
}

/* Is the last place named before p's first mention, in its sentence, not
 * Vietnamese? */
static int after_foreign_place(const struct x *X, const struct lsn_person *p)
{
	const lsn_doc *doc = X->doc;
	uint32_t s0 = X->st0[doc->toks[p->first_tok].sent];
	for (uint32_t j = p->first_tok; j > s0; j--)
		if (X->tok_place[j - 1])
			return strcmp(X->kb->places[X->tok_place[j - 1] - 1].cc, "VN") != 0;
	return 0;
}

/* The one Vietnamese province or city the story names (-1: none, or several). */
static int32_t story_place_vn(const struct x *X)
{
	const lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	int32_t one = -1;
	for (size_t h = 0; h < doc->nhits; h++) {
		if (doc->hits[h].kind != PK_PLACE)
			continue;
		int32_t c = (int32_t)doc->hits[h].val;
		if (strcmp(kb->places[c].cc, "VN") || kb->places[c].level == PL_COUNTRY ||
		    kb->places[c].level == PL_BLOC || kb->places[c].level == PL_DISTRICT)
			continue;
		if (one >= 0 && one != c)
			return -1;
		one = c;
	}
	return one;
}

/*
 * "Lương Trọng Quỳnh, Phó Chủ tịch UBND tỉnh", "Vice Chairman of the Provincial
 * People's Committee Ha Van Son": a Vietnamese local office without its place is of
 * the province of the story's Vietnamese office holders, when they all hold office
 * in one; when none does, of the one Vietnamese province the story names.
 */
void lsn_x_this_province_vi(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	if (strcmp(doc->lang, "vi") && strcmp(doc->lang, "en"))
		return;
	int32_t home = -1;
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *p = &doc->persons[k];
		if (p->org < 0 || strcmp(kb->places[p->org].cc, "VN") || kb->places[p->org].level == PL_COUNTRY ||
		    kb->places[p->org].level == PL_BLOC)
			continue;
		if (home >= 0 && home != p->org)
			return; /* two provinces: whose is not told */
		home = p->org;
	}
	int told = home < 0; /* the story's province, not an office holder's */
	if (home < 0)
		home = story_place_vn(X);
	if (home < 0)
		return;
	for (size_t k = 0; k < doc->npersons; k++) {
		struct lsn_person *p = &doc->persons[k];
		/* local offices: party secretary .. vice chairman, directors */
		if (p->org >= 0 || p->org_name[0] || p->actor >= 0 || strcmp(p->cc, "VN") || p->role < 11 ||
		    p->role > 20 || p->han_len)
			continue;
		/* by the story's province, or in English: the offices of a Vietnamese
		 * province only (party secretaries, chairmen, directors), not a governor
		 * or a mayor (a neighbour's: "Governor of Luang Prabang Province"); by the
		 * story's province alone, not a director either (a ministry's: "Deputy
		 * Director of the Asia-Africa Market Department") */
		if ((told || strcmp(doc->lang, "vi")) && p->role >= 13 && p->role <= 16)
			continue;
		if (told && p->role >= 19)
			continue;
		/* "đoàn cán bộ tỉnh Hải Nam (Trung Quốc) do ông Bùi Chân, Giám đốc Sở
		 * ... dẫn đầu": named right after a place of the other side, of its
		 * delegation */
		if (told && after_foreign_place(X, p))
			continue;
		p->org = home;
		snprintf(p->org_name, sizeof p->org_name, "%s", kb->places[home].id);
	}
}

/*
 * "本市" ("this city") in a city newspaper's Chinese edition: the city of the
 * first person of the story who holds a local office (the host: "胡志明市
 * 人民委员会主席…").  Its two tokens become that place (lexicon class
 * this_city, two characters).
 */
void lsn_x_this_city(struct x *X)
{
	lsn_doc *doc = X->doc;
	const lsn_tables *kb = X->kb;
	size_t nw;
	const struct lsn_lexeme *w = lsn_lex_class(kb, LX_THIS_CITY, &nw);
	int said = 0;
	for (size_t k = 0; k < nw; k++) /* a row of the text's language */
		said |= lsn_x_lex_of_lang(doc, &w[k]) && memmem(doc->text, doc->len, w[k].word, w[k].len);
	if (!said)
		return;
	int32_t home = -1;
	uint32_t first = UINT32_MAX;
	for (size_t k = 0; k < doc->npersons; k++) {
		const struct lsn_person *p = &doc->persons[k];
		if (p->org >= 0 && kb->places[p->org].level != PL_COUNTRY && kb->places[p->org].level != PL_BLOC &&
		    p->first_tok < first)
			home = p->org, first = p->first_tok;
	}
	if (home < 0)
		return;
	for (uint32_t i = 0; i + 1 < doc->ntoks; i++)
		if (lsn_x_lex_seq(kb, doc, LX_THIS_CITY, i, 2) && !X->tok_place[i])
			X->tok_place[i] = X->tok_place[i + 1] = home + 1;
}

/* After the story's year was read from its people's tenures
 * (lsn_x_tenure_year): the offices of known people the text left open, on
 * that date. */
void lsn_x_tenure_offices(struct x *X)
{
	lsn_doc *doc = X->doc;
	for (size_t k = 0; k < doc->npersons; k++) {
		struct lsn_person *p = &doc->persons[k];
		if (p->actor >= 0 && !p->historical && (!p->role || (p->org < 0 && !p->org_name[0]))) {
			actor_office(X->kb, doc, p);
			set_country(X, p);
		}
	}
}
