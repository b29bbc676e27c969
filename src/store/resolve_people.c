/*
 * resolve_people.c — people across documents (resolve.c describes the
 * method): the person mentions loaded with their names mapped to canonical
 * keys, split into people where their countries or roles conflict, and
 * written with their aliases, roles and mentions.
 */
#include <stdlib.h>
#include <string.h>
#include "store/resolve_int.h"

int32_t lsn_rs_kb_place(const lsn_tables *kb, const char *id)
{
	return kb && id && *id ? lsn_tables_place(kb, id) : -1;
}

static const char *place_cc(const lsn_tables *kb, int32_t p)
{
	return p >= 0 && kb->places[p].cc[0] ? kb->places[p].cc : NULL;
}

/* The canonical name a record's name maps to: a known person of the
 * knowledge tables by any of their names; else, for a name in Han
 * characters, its reading (pinyin for a Chinese person, Sino-Vietnamese
 * for a Vietnamese one) when another record names someone so.  Writes the
 * key into key (cap bytes); returns the kb actor or -1. */
static int32_t map_name(struct resolver *R, const struct rpm *p, const char *cc, char *key, size_t cap)
{
	const char *name = p->name;
	long a = R->kb ? lsn_tables_find(R->kb, PK_ACTOR, name, strlen(name)) : -1;
	if (a >= 0 && (size_t)a < R->kb->nactors) {
		lsn_name_key(R->kb->actors[a].id, strlen(R->kb->actors[a].id), key, cap);
		return (int32_t)a;
	}
	lsn_name_key(name, strlen(name), key, cap);
	if (!lsn_has_han(name, strlen(name)))
		return -1;
	char read[256], k2[256];
	int found = 0;
	if (!cc || !strcmp(cc, "VN"))
		if (lsn_han_viet_name(name, strlen(name), read, sizeof read) &&
		    lsn_name_key(read, strlen(read), k2, sizeof k2) && lsn_rs_intern_find(&R->keys, k2)) {
			snprintf(key, cap, "%s", k2);
			found++;
		}
	if (!cc || !strcmp(cc, "CN"))
		if (lsn_han_pinyin_name(name, strlen(name), read, sizeof read) &&
		    lsn_name_key(read, strlen(read), k2, sizeof k2) && lsn_rs_intern_find(&R->keys, k2)) {
			if (!found)
				snprintf(key, cap, "%s", k2);
			found++;
		}
	if (found > 1) /* both readings are names seen: cannot tell */
		lsn_name_key(name, strlen(name), key, cap);
	return -1;
}

enum lsn_status lsn_rs_load_people(struct resolver *R)
{
	size_t cap = 0;
	lsn_stmt *s = lsn_st_prep(R->st, "SELECT id, document_id, name, name_key, role, org, country, "
					     "seen FROM person_mentions ORDER BY id");
	if (!s)
		return LSN_EDB;
	int rc;
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		if (lsn_grow(&R->pms, &cap, R->npms + 1, sizeof *R->pms))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		struct rpm *p = &R->pms[R->npms];
		memset(p, 0, sizeof *p);
		p->id = lsn_rs_arena_dup(&R->pm_arena, lsn_col(s, 0));
		if (!p->id) {
			R->oom = 1;
			p->id = "";
		}
		int32_t d = lsn_rs_find_doc(R, lsn_col(s, 1));
		p->doc = d < 0 ? 0 : (uint32_t)d;
		p->name = lsn_rs_text(R, lsn_col(s, 2), "");
		p->key = lsn_rs_intern(&R->keys, lsn_col(s, 3)); /* for now: the stored key */
		p->role = lsn_rs_text(R, lsn_col(s, 4), NULL);
		p->org = lsn_rs_text(R, lsn_col(s, 5), NULL);
		p->org_id = lsn_rs_intern(&R->strs, p->org);
		p->org_place = lsn_rs_kb_place(R->kb, p->org);
		const char *cc = *lsn_col(s, 6) ? lsn_col(s, 6) : R->kb ? place_cc(R->kb, p->org_place) : NULL;
		p->cc = lsn_rs_intern(&R->strs, cc);
		p->seen = lsn_rs_text(R, lsn_col(s, 7), NULL);
		p->year = p->seen ? atoi(p->seen) : 0;
		p->actor = -1;
		R->npms++;
	}
	lsn_reset(s);
	if (rc != LSN_DB_DONE)
		return lsn_st_dberr(R->st, "reading person mentions");
	/* surfaces, in mention order (the same order as the mentions) */
	s = lsn_st_prep(R->st, "SELECT mention_id, surface FROM mention_surfaces ORDER BY mention_id, n");
	if (!s)
		return LSN_EDB;
	size_t k = 0;
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		const char *mid = lsn_col(s, 0);
		while (k < R->npms && strcmp(R->pms[k].id, mid) < 0)
			k++;
		if (k == R->npms || strcmp(R->pms[k].id, mid))
			continue;
		if (lsn_grow(&R->surfs, &R->capsurfs, R->nsurfs + 1, sizeof *R->surfs))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		if (!R->pms[k].nsurf)
			R->pms[k].surf0 = (uint32_t)R->nsurfs;
		R->surfs[R->nsurfs++] = lsn_rs_text(R, lsn_col(s, 1), "");
		R->pms[k].nsurf++;
	}
	lsn_reset(s);
	if (rc != LSN_DB_DONE)
		return lsn_st_dberr(R->st, "reading person surfaces");
	/* map names: known people, and names in characters through their readings */
	for (size_t i = 0; i < R->npms; i++) {
		struct rpm *p = &R->pms[i];
		char key[512];
		p->actor = map_name(R, p, p->cc ? R->strs.strs[p->cc - 1] : NULL, key, sizeof key);
		p->key = lsn_rs_intern(&R->keys, key);
		if (p->actor >= 0 && !p->cc && R->kb->actors[p->actor].cc[0])
			p->cc = lsn_rs_intern(&R->strs, R->kb->actors[p->actor].cc);
	}
	return R->oom ? lsn_st_fail(R->st, LSN_ENOMEM, "out of memory") : LSN_OK;
}

/* ---- people ---- */

/* Roles tied to the government of one place (not diplomats, ministers,
 * or "official"). */
static int executive(uint8_t role)
{
	static const char *const exec[] = {"party secretary", "deputy party secretary", "mayor",
					   "vice mayor", "governor", "vice governor", "chairman",
					   "vice chairman", NULL};
	for (int i = 0; exec[i]; i++)
		if (!strcmp(lsn_roles[role], exec[i]))
			return 1;
	return 0;
}

static int nested(const lsn_tables *kb, int32_t a, int32_t b)
{
	for (int32_t p = a; p >= 0; p = kb->places[p].parent)
		if (p == b)
			return 1;
	for (int32_t p = b; p >= 0; p = kb->places[p].parent)
		if (p == a)
			return 1;
	return 0;
}

/* Can one person hold both roles in the same year? */
static int claims_conflict(const lsn_tables *kb, const struct claim *a, const struct claim *b)
{
	if (!a->year || a->year != b->year || !a->org || !b->org || a->org == b->org)
		return 0;
	if (a->cc && b->cc && a->cc != b->cc && (a->org_place < 0 || b->org_place < 0 || !kb ||
						  !nested(kb, a->org_place, b->org_place)))
		return 1; /* office on both sides */
	if (!kb || a->org_place < 0 || b->org_place < 0 || nested(kb, a->org_place, b->org_place))
		return 0;
	return executive(a->role) && executive(b->role);
}

static struct claim claim_of(const struct rpm *p)
{
	struct claim c = {0, 0, -1, 0, 0};
	int r = p->role ? lsn_vocab_find(lsn_roles, p->role, strlen(p->role)) : -1;
	c.role = (uint8_t)(r > 0 ? r : 0);
	c.org = p->org_id;
	c.org_place = p->org_place;
	c.cc = p->cc;
	c.year = p->year;
	return c;
}

static int person_fits(const struct resolver *R, const struct rperson *q, const struct rpm *p)
{
	if (p->cc && q->cc && p->cc != q->cc)
		return 0;
	struct claim c = claim_of(p);
	if (!c.role || !c.org)
		return 1;
	for (size_t i = 0; i < q->nclaims; i++)
		if (claims_conflict(R->kb, &q->claims[i], &c))
			return 0;
	return 1;
}

static int person_add(struct resolver *R, struct rperson *q, uint32_t m)
{
	const struct rpm *p = &R->pms[m];
	if (!q->cc)
		q->cc = p->cc;
	struct claim c = claim_of(p);
	if (c.role && c.org) {
		size_t i = 0;
		while (i < q->nclaims && (q->claims[i].role != c.role || q->claims[i].org != c.org ||
					  q->claims[i].year != c.year))
			i++;
		if (i == q->nclaims) {
			if (lsn_grow(&q->claims, &q->capclaims, q->nclaims + 1, sizeof *q->claims))
				return -1;
			q->claims[q->nclaims++] = c;
		}
	}
	if (lsn_grow(&q->members, &q->capmembers, q->nmembers + 1, sizeof *q->members))
		return -1;
	q->members[q->nmembers++] = m;
	R->pms[m].person = (uint32_t)(q - R->people);
	return 0;
}

static const struct resolver *sort_ctx;

/* Mentions of one key in the order they are clustered: by key, then the
 * date seen (undated last), then id. */
static int cmp_pm(const void *a, const void *b)
{
	const struct rpm *x = &sort_ctx->pms[*(const uint32_t *)a], *y = &sort_ctx->pms[*(const uint32_t *)b];
	if (x->key != y->key) {
		const char *kx = x->key ? sort_ctx->keys.strs[x->key - 1] : "";
		const char *ky = y->key ? sort_ctx->keys.strs[y->key - 1] : "";
		return strcmp(kx, ky);
	}
	if (!x->seen != !y->seen)
		return x->seen ? -1 : 1;
	int c = x->seen ? strcmp(x->seen, y->seen) : 0;
	return c ? c : strcmp(x->id, y->id);
}

/* How Latin-with-diacritics a name is: the preferred canonical spelling is
 * the one with its diacritics (Nguyễn Văn Nên over Nguyen Van Nen). */
static int diacritics(const char *s)
{
	int n = 0;
	for (size_t i = 0, len = strlen(s); i < len;) {
		uint32_t cp = lsn_utf8_next(s, len, &i);
		n += (cp >= 0xc0 && cp < 0x250) || (cp >= 0x1e00 && cp < 0x1f00);
	}
	return n;
}

enum lsn_status lsn_rs_resolve_people(struct resolver *R)
{
	uint32_t *order = malloc((R->npms + 1) * sizeof *order);
	if (!order)
		return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
	for (size_t i = 0; i < R->npms; i++)
		order[i] = (uint32_t)i;
	sort_ctx = R;
	lsn_rs_sort(order, R->npms, sizeof *order, cmp_pm);
	for (size_t a = 0; a < R->npms;) {
		size_t b = a, first = R->npeople;
		while (b < R->npms && R->pms[order[b]].key == R->pms[order[a]].key)
			b++;
		for (size_t i = a; i < b; i++) {
			const struct rpm *p = &R->pms[order[i]];
			size_t k = first;
			while (k < R->npeople && !person_fits(R, &R->people[k], p))
				k++;
			if (k == R->npeople) {
				if (lsn_grow(&R->people, &R->cappeople, R->npeople + 1, sizeof *R->people))
					goto oom;
				memset(&R->people[k], 0, sizeof R->people[k]);
				R->people[k].key = p->key;
				R->npeople++;
			}
			if (person_add(R, &R->people[k], order[i]))
				goto oom;
		}
		/* ids: the key as a slug (letters, digits and hyphens: any other
		 * character, a space or "<" alike, becomes one hyphen); a second
		 * person of the same name gets -2 */
		for (size_t k = first; k < R->npeople; k++) {
			struct rperson *q = &R->people[k];
			const char *key = q->key ? R->keys.strs[q->key - 1] : "unnamed";
			char id[600];
			size_t n = 0;
			for (const char *c = key; *c && n + 1 < sizeof id - 24; c++) {
				unsigned char u = (unsigned char)*c;
				if (u >= 0x80 || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9'))
					id[n++] = (char)u;
				else if (u >= 'A' && u <= 'Z')
					id[n++] = (char)(u - 'A' + 'a');
				else if (n && id[n - 1] != '-')
					id[n++] = '-';
			}
			while (n && id[n - 1] == '-')
				n--;
			if (!n)
				n = (size_t)snprintf(id, sizeof id, "person");
			id[n] = 0;
			/* a second person of the same name gets -2 (and so on, past any id taken) */
			if (k > first || lsn_rs_intern_find(&R->ids, id))
				for (size_t suffix = k > first ? k - first + 1 : 2;; suffix++) {
					snprintf(id + n, sizeof id - n, "-%zu", suffix);
					if (!lsn_rs_intern_find(&R->ids, id))
						break;
				}
			lsn_rs_intern(&R->ids, id);
			q->id = (char *)lsn_rs_dup(R, id);
			/* the canonical name: a known person's id, else the spelling
			 * with most diacritics, then the most frequent, then the first */
			const char *best = NULL;
			int bd = -1, bc = 0;
			for (size_t i = 0; i < q->nmembers; i++) {
				const struct rpm *p = &R->pms[q->members[i]];
				if (p->actor >= 0) {
					best = R->kb->actors[p->actor].id;
					break;
				}
				int d = diacritics(p->name), c = 0;
				for (size_t j = 0; j < q->nmembers; j++)
					c += !strcmp(R->pms[q->members[j]].name, p->name);
				if (d > bd || (d == bd && c > bc) || (d == bd && c == bc && strcmp(p->name, best) < 0)) {
					best = p->name, bd = d, bc = c;
				}
			}
			q->name = best ? best : key;
		}
		a = b;
	}
	free(order);
	return R->oom ? lsn_st_fail(R->st, LSN_ENOMEM, "out of memory") : LSN_OK;
oom:
	free(order);
	return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
}

enum lsn_status lsn_rs_write_people(struct resolver *R)
{
	enum lsn_status e = LSN_OK;
	lsn_stmt *s;
	struct tally *t = NULL;
	size_t capt = 0;
	for (size_t k = 0; k < R->npeople; k++) {
		const struct rperson *q = &R->people[k];
		const char *first = NULL, *last = NULL;
		size_t nt = 0;
		/* aliases: every surface seen, counted by documents */
		for (size_t i = 0; i < q->nmembers; i++) {
			const struct rpm *p = &R->pms[q->members[i]];
			if (lsn_grow(&t, &capt, nt + p->nsurf + 2, sizeof *t) && lsn_rs_nomem(R, &e))
				goto out;
			/* the surfaces; the record's name only when it gives none */
			if (!p->nsurf)
				t[nt++] = (struct tally){p->name, p->doc, NULL, 0};
			for (uint32_t j = 0; j < p->nsurf; j++)
				t[nt++] = (struct tally){R->surfs[p->surf0 + j], p->doc, NULL, 0};
			if (p->seen && (!first || strcmp(p->seen, first) < 0))
				first = p->seen;
			if (p->seen && (!last || strcmp(p->seen, last) > 0))
				last = p->seen;
		}
		lsn_rs_sort(t, nt, sizeof *t, lsn_rs_cmp_tally);
		size_t ndocs = 0;
		{
			/* documents naming the person: distinct over all tallies */
			uint32_t *d = malloc((q->nmembers + 1) * sizeof *d);
			if (!d && lsn_rs_nomem(R, &e))
				goto out;
			for (size_t i = 0; i < q->nmembers; i++)
				d[i] = R->pms[q->members[i]].doc;
			ndocs = lsn_rs_uniq(d, q->nmembers);
			free(d);
		}
		if (!(s = lsn_rs_prep(R, &e, "INSERT INTO people (id, name, name_key, country, first_seen, "
					     "last_seen, n_documents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")))
			goto out;
		lsn_bind_textn(s, 1, q->id, -1, LSN_DB_STATIC);
		lsn_bind_textn(s, 2, q->name, -1, LSN_DB_STATIC);
		lsn_bind_text(s, 3, q->key ? R->keys.strs[q->key - 1] : NULL);
		lsn_bind_text(s, 4, lsn_rs_str_of(R, q->cc));
		lsn_bind_text(s, 5, first);
		lsn_bind_text(s, 6, last);
		lsn_bind_int64(s, 7, (int64_t)ndocs);
		if ((e = lsn_st_done(R->st, s, "storing a person")))
			goto out;
		for (size_t a = 0; a < nt;) {
			size_t b = a;
			while (b < nt && !strcmp(t[b].s, t[a].s))
				b++;
			char folded[512];
			lsn_name_key(t[a].s, strlen(t[a].s), folded, sizeof folded);
			if (!(s = lsn_rs_prep(R, &e, "INSERT OR IGNORE INTO person_aliases (person_id, alias, "
						     "folded, script, n_documents) VALUES (?1, ?2, ?3, ?4, ?5)")))
				goto out;
			lsn_bind_textn(s, 1, q->id, -1, LSN_DB_STATIC);
			lsn_bind_textn(s, 2, t[a].s, -1, LSN_DB_STATIC);
			lsn_bind_textn(s, 3, folded, -1, LSN_DB_COPY);
			lsn_bind_textn(s, 4, lsn_script_of(t[a].s, strlen(t[a].s)), -1, LSN_DB_STATIC);
			size_t nd = lsn_rs_distinct_docs(R, t + a, b - a);
			if (nd == (size_t)-1 && lsn_rs_nomem(R, &e))
				goto out;
			lsn_bind_int64(s, 5, (int64_t)nd);
			if ((e = lsn_st_done(R->st, s, "storing an alias")))
				goto out;
			a = b;
		}
		/* roles: per role and org, when first and last seen */
		nt = 0;
		for (size_t i = 0; i < q->nmembers; i++) {
			const struct rpm *p = &R->pms[q->members[i]];
			if (!p->role)
				continue;
			t[nt++] = (struct tally){p->role, p->doc, p->seen, p->org_id};
		}
		lsn_rs_sort(t, nt, sizeof *t, lsn_rs_cmp_tally);
		for (size_t a = 0; a < nt;) {
			size_t b = a;
			const char *lo = NULL, *hi = NULL;
			uint32_t firstdoc = t[a].doc;
			while (b < nt && !strcmp(t[b].s, t[a].s) && t[b].extra == t[a].extra) {
				if (t[b].date && !lo) {
					lo = t[b].date;
					firstdoc = t[b].doc;
				}
				if (t[b].date)
					hi = t[b].date;
				b++;
			}
			if (!lo) /* undated: the first document by id */
				for (size_t i = a; i < b; i++)
					if (strcmp(R->docs[t[i].doc].id, R->docs[firstdoc].id) < 0)
						firstdoc = t[i].doc;
			if (!(s = lsn_rs_prep(R, &e, "INSERT INTO person_roles (person_id, role, org, first_seen, "
						     "last_seen, document_id, n_documents) "
						     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")))
				goto out;
			const char *org = lsn_rs_str_of(R, t[a].extra);
			lsn_bind_textn(s, 1, q->id, -1, LSN_DB_STATIC);
			lsn_bind_textn(s, 2, t[a].s, -1, LSN_DB_STATIC);
			lsn_bind_textn(s, 3, org ? org : "", -1, LSN_DB_STATIC);
			lsn_bind_text(s, 4, lo);
			lsn_bind_text(s, 5, hi);
			lsn_bind_textn(s, 6, R->docs[firstdoc].id, -1, LSN_DB_STATIC);
			size_t nd = lsn_rs_distinct_docs(R, t + a, b - a);
			if (nd == (size_t)-1 && lsn_rs_nomem(R, &e))
				goto out;
			lsn_bind_int64(s, 7, (int64_t)nd);
			if ((e = lsn_st_done(R->st, s, "storing a role")))
				goto out;
			a = b;
		}
		for (size_t i = 0; i < q->nmembers; i++) {
			if (!(s = lsn_rs_prep(R, &e, "UPDATE person_mentions SET person_id = ?2 "
						     "WHERE id = ?1 AND person_id IS NOT ?2")))
				goto out;
			lsn_bind_textn(s, 1, R->pms[q->members[i]].id, -1, LSN_DB_STATIC);
			lsn_bind_textn(s, 2, q->id, -1, LSN_DB_STATIC);
			if ((e = lsn_st_done(R->st, s, "linking a person mention")))
				goto out;
		}
	}
	e = lsn_st_exec(R->st, "UPDATE event_mention_people AS e SET person_id = p.person_id "
			       "FROM person_mentions AS p WHERE p.id = e.person_mention_id "
			       "AND e.person_id IS NOT p.person_id");
out:
	free(t);
	return e;
}

/* Counts of values (people or places) over the members of an event, most
 * reported first. */
