/*
 * resolve.c — cross-document resolution, the stage after the store: reads
 * the per-document facts of the knowledge base and rebuilds the resolved
 * tables (people, person_aliases, person_roles, places, events,
 * event_participants, event_parties, event_sources) and the person_id,
 * event_id and dup_of columns.  From scratch every time and deterministic:
 * rows are read in key order and every choice breaks ties by key, so the
 * same facts give the same ids whatever order the documents came in.
 *
 * Near-duplicate documents: a 64-bit SimHash per document (kbtext.c);
 * documents within LSN_SIMHASH_MAX_DIST bits are one story, and each points
 * (dup_of) to the earliest of its group (published date, then id).  Found
 * without comparing every pair: two hashes that close agree exactly on at
 * least one of their four 16-bit blocks, so only documents sharing a block
 * value are compared.
 *
 * People: one person per name key (lsn_name_key of the record's canonical
 * name, after mapping a name the knowledge tables know, and a name in Han
 * characters through its reading, to the canonical Latin one).  Mentions
 * with one key are split into several people when their countries conflict
 * (CN vs VN) or they hold roles in the same year that one person cannot
 * hold together (office in two places of different countries, or the
 * executive posts of two different places of one country).
 *
 * Events: mentions merge when they have the same type group (meeting and
 * virtual_meeting together; signing, attend, visit each alone), compatible
 * dates (equal at the coarser precision; full dates equal), and the same
 * participants: at least one shared person and no side (country) on which
 * the two name disjoint people; when either names nobody, or they name
 * people on different sides only, at least two shared parties.  Mentions
 * dated to the day merge first, strongest evidence first, into clusters
 * that stay compatible as a whole (so one vague report never chains two
 * meetings together).  Mentions dated only to the month, then the year,
 * then undated ones, join the one cluster they fit best, if one fits better
 * than all others; month and year mentions that fit none merge among
 * themselves.  Mentions of a near-duplicate document follow the matching
 * mention of the document it copies.
 *
 * Memory: every fact of the base is held at once, so it is kept lean for
 * bases of hundreds of thousands of documents: repeated strings (names,
 * roles, dates) once each, no allocation for a cluster of one mention, a
 * small SQLite cache and statement journals in files during resolution,
 * and the person mentions let go (people written) before the events load.
 */
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "store/store_int.h"

/* ---- small tools: a string arena, interned strings, union-find, dates ---- */

struct arena {
	char **blocks;
	size_t nblocks, capblocks;
	size_t used, cap;
	int oom;
};

static char *arena_dup(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	if (a->oom)
		return NULL;
	if (!a->nblocks || a->used + n > a->cap) {
		size_t cap = n > 65536 ? n : 65536;
		if (lsn_grow(&a->blocks, &a->capblocks, a->nblocks + 1, sizeof *a->blocks) ||
		    !(a->blocks[a->nblocks] = malloc(cap))) {
			a->oom = 1;
			return NULL;
		}
		a->nblocks++;
		a->used = 0;
		a->cap = cap;
	}
	char *p = a->blocks[a->nblocks - 1] + a->used;
	memcpy(p, s, n);
	a->used += n;
	return p;
}

static void arena_clear(struct arena *a)
{
	for (size_t i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
	memset(a, 0, sizeof *a);
}

/* Interned strings: each distinct string gets a number (1-based; 0 = none). */
struct intern {
	struct lsn_map map; /* hash -> number; collisions chain through `next` */
	const char **strs;  /* strs[number - 1] */
	uint32_t *next;
	size_t n, cap;
	struct arena *arena;
};

static uint32_t intern(struct intern *t, const char *s)
{
	if (!s || !*s)
		return 0;
	uint64_t h = lsn_hash_bytes(s, strlen(s));
	uint32_t first = lsn_map_get(&t->map, h);
	for (uint32_t i = first; i; i = t->next[i - 1])
		if (!strcmp(t->strs[i - 1], s))
			return i;
	size_t cap = t->cap;
	if (lsn_grow(&t->strs, &cap, t->n + 1, sizeof *t->strs) ||
	    lsn_grow(&t->next, &t->cap, t->n + 1, sizeof *t->next))
		return 0;
	const char *c = arena_dup(t->arena, s);
	if (!c)
		return 0;
	t->strs[t->n] = c;
	t->next[t->n] = first;
	t->n++;
	if (lsn_map_put(&t->map, h, (uint32_t)t->n))
		return 0;
	return (uint32_t)t->n;
}

static uint32_t intern_find(const struct intern *t, const char *s)
{
	if (!s || !*s)
		return 0;
	for (uint32_t i = lsn_map_get(&t->map, lsn_hash_bytes(s, strlen(s))); i; i = t->next[i - 1])
		if (!strcmp(t->strs[i - 1], s))
			return i;
	return 0;
}

static void intern_clear(struct intern *t)
{
	lsn_map_clear(&t->map);
	free(t->strs);
	free(t->next);
}

/* A 64-bit finaliser (splitmix64): spreads hashes of similar strings. */
static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint32_t uf_find(uint32_t *p, uint32_t x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

/* qsort, but nothing to do (and no pointer to touch) for fewer than two. */
static void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

struct ymd {
	int16_t y;
	int8_t m, d;
	uint8_t prec; /* DP_* */
};

static struct ymd parse_date(const char *s)
{
	struct ymd d = {0, 0, 0, DP_NONE};
	int y = 0, m = 0, dd = 0;
	if (!s || !*s)
		return d;
	int k = sscanf(s, "%4d-%2d-%2d", &y, &m, &dd);
	if (k >= 1) {
		d.y = (int16_t)y;
		d.prec = DP_YEAR;
	}
	if (k >= 2) {
		d.m = (int8_t)m;
		d.prec = DP_MONTH;
	}
	if (k >= 3) {
		d.d = (int8_t)dd;
		d.prec = DP_DAY;
	}
	return d;
}

/* Equal at the coarser precision of the two (an undated one fits any). */
static int date_fits(struct ymd a, struct ymd b)
{
	int p = a.prec < b.prec ? a.prec : b.prec;
	return (p < DP_YEAR || a.y == b.y) && (p < DP_MONTH || a.m == b.m) && (p < DP_DAY || a.d == b.d);
}

/* ---- loaded facts ---- */

struct rdoc {
	const char *id;
	char pub[11];
	uint64_t simhash;
	int32_t dup_of;   /* document index, -1 */
	uint32_t rep;     /* the first document of its near-duplicate group (itself if none) */
};

struct rpm { /* a person mention */
	const char *id, *name, *role, *org;
	uint32_t doc;
	uint32_t key;       /* interned name key (after mapping) */
	uint32_t cc;        /* interned country: the record's, else its org's */
	uint32_t org_id;    /* interned org */
	int32_t org_place;  /* kb place of the org, -1 */
	int year;           /* year the role was seen, 0 unknown */
	const char *seen;
	uint32_t surf0, nsurf;
	int32_t actor;      /* kb actor the name maps to, -1 */
	uint32_t person;    /* resolved person index */
};

struct claim {
	uint8_t role;
	uint32_t org;
	int32_t org_place;
	uint32_t cc;
	int year;
};

struct rperson {
	uint32_t key, cc;
	struct claim *claims;
	size_t nclaims, capclaims;
	uint32_t *members;
	size_t nmembers, capmembers;
	char *id;
	const char *name;
};

struct rem { /* an event mention */
	const char *id;
	uint32_t doc;
	uint8_t type;
	struct ymd date;
	const char *date_s;
	uint32_t place;     /* interned */
	uint32_t p0, np;    /* participants (person indexes) in R->parts */
	uint32_t q0, nq;    /* parties (interned places) in R->parties */
	int32_t follows;    /* a mention of a near-duplicate: the mention it copies */
	uint64_t ev_hash;   /* of its evidence sentence */
	int8_t pm, pd;      /* undated: the month and day told without a year ("--11-14"), 0 */
	uint8_t no_date;    /* a copy told in the same sentence but dated otherwise (a
			       relative date read against a later publication): its date
			       does not count */
};

/* What a cluster of event mentions says as a whole. */
struct agg {
	uint32_t *people;   /* person indexes, sorted */
	uint32_t *pcount;   /* per person: how many mentions of the cluster name them */
	size_t npeople;
	uint32_t nmem;      /* mentions in the cluster */
	uint32_t *places;   /* parties, sorted */
	size_t nplaces, capplaces;
	uint32_t *docs;     /* documents of its mentions, sorted */
	size_t ndocs, capdocs;
	uint8_t group;      /* type group */
	uint8_t types;      /* bit set of types */
	uint8_t owned;      /* the lists are its own (malloc'ed); else, for a cluster of
			       one mention, they point into the mention's facts */
	struct ymd date;    /* the most precise date */
};

struct resolver {
	lsn_store *st;
	const lsn_tables *kb;
	struct arena arena;
	struct arena pm_arena;    /* the ids of person mentions: let go once people are written */
	struct intern strs;       /* countries, orgs, places, dates */
	struct intern keys;       /* name keys */
	struct intern ids;        /* person ids given */
	struct intern texts;      /* names, roles, dates, surfaces: one copy of each */
	struct rdoc *docs;
	size_t ndocs;
	struct rpm *pms;
	size_t npms;
	const char **surfs;
	size_t nsurfs, capsurfs;
	struct rperson *people;
	size_t npeople, cappeople;
	struct rem *ems;
	size_t nems;
	uint32_t *parts, *parties;
	size_t nparts, capparts, nparties, capparties;
	uint32_t *uf;             /* union-find over event mentions */
	struct agg *aggs;         /* per root */
	int oom;
};

static int cmp_id(const void *key, const void *elem, size_t off)
{
	return strcmp((const char *)key, *(const char *const *)((const char *)elem + off));
}

static int32_t find_doc(const struct resolver *R, const char *id)
{
	size_t lo = 0, hi = R->ndocs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = cmp_id(id, &R->docs[mid], offsetof(struct rdoc, id));
		if (!c)
			return (int32_t)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static const char *dup(struct resolver *R, const char *s)
{
	const char *c = arena_dup(&R->arena, s ? s : "");
	if (!c)
		R->oom = 1;
	return c ? c : "";
}

/* A string that many rows share (a name, a role, a date, an org): one copy
 * of each, so that memory does not grow with every mention.  "" and NULL
 * give `empty`. */
static const char *text(struct resolver *R, const char *s, const char *empty)
{
	if (!s || !*s)
		return empty;
	uint32_t i = intern(&R->texts, s);
	if (!i) {
		R->oom = 1;
		return empty;
	}
	return R->texts.strs[i - 1];
}

/* ---- loading ---- */

static enum lsn_status load_docs(struct resolver *R)
{
	size_t cap = 0;
	sqlite3_stmt *s = lsn_st_prep(R->st, "SELECT id, published, simhash FROM documents ORDER BY id");
	if (!s)
		return LSN_EDB;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (lsn_grow(&R->docs, &cap, R->ndocs + 1, sizeof *R->docs))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		struct rdoc *d = &R->docs[R->ndocs];
		d->id = dup(R, lsn_col(s, 0));
		snprintf(d->pub, sizeof d->pub, "%s", lsn_col(s, 1));
		d->simhash = (uint64_t)sqlite3_column_int64(s, 2);
		d->dup_of = -1;
		d->rep = (uint32_t)R->ndocs;
		R->ndocs++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? LSN_OK : lsn_st_dberr(R->st, "reading documents");
}

/* Which of two documents came first: published date (undated last), then id. */
static int doc_before(const struct rdoc *a, const struct rdoc *b)
{
	if (a->pub[0] && b->pub[0]) {
		int c = strcmp(a->pub, b->pub);
		if (c)
			return c < 0;
	} else if (a->pub[0] != b->pub[0]) {
		return a->pub[0] != 0;
	}
	return strcmp(a->id, b->id) < 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Near-duplicates: documents whose SimHashes differ in few bits. */
static enum lsn_status find_duplicates(struct resolver *R)
{
	size_t n = R->ndocs, m = 0;
	uint64_t *keys = malloc((4 * n + 1) * sizeof *keys);
	uint32_t *uf = malloc((n + 1) * sizeof *uf);
	if (!keys || !uf) {
		free(keys);
		free(uf);
		return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		uf[i] = (uint32_t)i;
		uint64_t h = R->docs[i].simhash;
		if (!h)
			continue;
		/* key: block number (2 bits), block value (16 bits), document (32 bits) */
		for (uint64_t b = 0; b < 4; b++)
			keys[m++] = b << 62 | ((h >> (16 * b)) & 0xffff) << 32 | (uint64_t)i;
	}
	sort(keys, m, sizeof *keys, cmp_u64);
	for (size_t a = 0; a < m;) {
		size_t b = a;
		while (b < m && keys[b] >> 32 == keys[a] >> 32)
			b++;
		/* a run sharing one block value; very long runs are compared in windows */
		for (size_t i = a; i < b; i++)
			for (size_t j = i + 1; j < b && j < i + 4096; j++) {
				uint32_t x = (uint32_t)keys[i], y = (uint32_t)keys[j];
				if (__builtin_popcountll(R->docs[x].simhash ^ R->docs[y].simhash) <=
				    LSN_SIMHASH_MAX_DIST) {
					uint32_t rx = uf_find(uf, x), ry = uf_find(uf, y);
					if (rx != ry)
						uf[rx > ry ? rx : ry] = rx < ry ? rx : ry;
				}
			}
		a = b;
	}
	/* the earliest document of each group is its representative */
	for (size_t i = 0; i < n; i++) {
		uint32_t r = uf_find(uf, (uint32_t)i);
		if (doc_before(&R->docs[i], &R->docs[R->docs[r].rep]))
			R->docs[r].rep = (uint32_t)i;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t rep = R->docs[uf_find(uf, (uint32_t)i)].rep;
		R->docs[i].rep = rep;
		R->docs[i].dup_of = rep == i ? -1 : (int32_t)rep;
	}
	free(keys);
	free(uf);
	return LSN_OK;
}

static int32_t kb_place(const lsn_tables *kb, const char *id)
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
		    lsn_name_key(read, strlen(read), k2, sizeof k2) && intern_find(&R->keys, k2)) {
			snprintf(key, cap, "%s", k2);
			found++;
		}
	if (!cc || !strcmp(cc, "CN"))
		if (lsn_han_pinyin_name(name, strlen(name), read, sizeof read) &&
		    lsn_name_key(read, strlen(read), k2, sizeof k2) && intern_find(&R->keys, k2)) {
			if (!found)
				snprintf(key, cap, "%s", k2);
			found++;
		}
	if (found > 1) /* both readings are names seen: cannot tell */
		lsn_name_key(name, strlen(name), key, cap);
	return -1;
}

static enum lsn_status load_people(struct resolver *R)
{
	size_t cap = 0;
	sqlite3_stmt *s = lsn_st_prep(R->st, "SELECT id, document_id, name, name_key, role, org, country, "
					     "seen FROM person_mentions ORDER BY id");
	if (!s)
		return LSN_EDB;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (lsn_grow(&R->pms, &cap, R->npms + 1, sizeof *R->pms))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		struct rpm *p = &R->pms[R->npms];
		memset(p, 0, sizeof *p);
		p->id = arena_dup(&R->pm_arena, lsn_col(s, 0));
		if (!p->id) {
			R->oom = 1;
			p->id = "";
		}
		int32_t d = find_doc(R, lsn_col(s, 1));
		p->doc = d < 0 ? 0 : (uint32_t)d;
		p->name = text(R, lsn_col(s, 2), "");
		p->key = intern(&R->keys, lsn_col(s, 3)); /* for now: the stored key */
		p->role = text(R, lsn_col(s, 4), NULL);
		p->org = text(R, lsn_col(s, 5), NULL);
		p->org_id = intern(&R->strs, p->org);
		p->org_place = kb_place(R->kb, p->org);
		const char *cc = *lsn_col(s, 6) ? lsn_col(s, 6) : R->kb ? place_cc(R->kb, p->org_place) : NULL;
		p->cc = intern(&R->strs, cc);
		p->seen = text(R, lsn_col(s, 7), NULL);
		p->year = p->seen ? atoi(p->seen) : 0;
		p->actor = -1;
		R->npms++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return lsn_st_dberr(R->st, "reading person mentions");
	/* surfaces, in mention order (the same order as the mentions) */
	s = lsn_st_prep(R->st, "SELECT mention_id, surface FROM mention_surfaces ORDER BY mention_id, n");
	if (!s)
		return LSN_EDB;
	size_t k = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *mid = lsn_col(s, 0);
		while (k < R->npms && strcmp(R->pms[k].id, mid) < 0)
			k++;
		if (k == R->npms || strcmp(R->pms[k].id, mid))
			continue;
		if (lsn_grow(&R->surfs, &R->capsurfs, R->nsurfs + 1, sizeof *R->surfs))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		if (!R->pms[k].nsurf)
			R->pms[k].surf0 = (uint32_t)R->nsurfs;
		R->surfs[R->nsurfs++] = text(R, lsn_col(s, 1), "");
		R->pms[k].nsurf++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return lsn_st_dberr(R->st, "reading person surfaces");
	/* map names: known people, and names in characters through their readings */
	for (size_t i = 0; i < R->npms; i++) {
		struct rpm *p = &R->pms[i];
		char key[512];
		p->actor = map_name(R, p, p->cc ? R->strs.strs[p->cc - 1] : NULL, key, sizeof key);
		p->key = intern(&R->keys, key);
		if (p->actor >= 0 && !p->cc && R->kb->actors[p->actor].cc[0])
			p->cc = intern(&R->strs, R->kb->actors[p->actor].cc);
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

static enum lsn_status resolve_people(struct resolver *R)
{
	uint32_t *order = malloc((R->npms + 1) * sizeof *order);
	if (!order)
		return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
	for (size_t i = 0; i < R->npms; i++)
		order[i] = (uint32_t)i;
	sort_ctx = R;
	sort(order, R->npms, sizeof *order, cmp_pm);
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
		/* ids: the key, hyphenated; a second person of the same name gets -2 */
		for (size_t k = first; k < R->npeople; k++) {
			struct rperson *q = &R->people[k];
			const char *key = q->key ? R->keys.strs[q->key - 1] : "unnamed";
			char id[600];
			size_t n = 0;
			for (const char *c = key; *c && n + 1 < sizeof id - 24; c++)
				id[n++] = *c == ' ' ? '-' : *c;
			id[n] = 0;
			/* a second person of the same name gets -2 (and so on, past any id taken) */
			if (k > first || intern_find(&R->ids, id))
				for (size_t suffix = k > first ? k - first + 1 : 2;; suffix++) {
					snprintf(id + n, sizeof id - n, "-%zu", suffix);
					if (!intern_find(&R->ids, id))
						break;
				}
			intern(&R->ids, id);
			q->id = (char *)dup(R, id);
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

/* ---- events: loading ---- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Sorts list[0..n) and removes repeats; returns the new length. */
static size_t uniq(uint32_t *list, size_t n)
{
	size_t o = 0;
	sort(list, n, sizeof *list, cmp_u32);
	for (size_t i = 0; i < n; i++)
		if (!o || list[o - 1] != list[i])
			list[o++] = list[i];
	return o;
}

static enum lsn_status load_events(struct resolver *R)
{
	size_t cap = 0;
	sqlite3_stmt *s = lsn_st_prep(R->st, "SELECT id, document_id, type, date, place, evidence, "
					     "date_partial FROM event_mentions ORDER BY id");
	if (!s)
		return LSN_EDB;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (lsn_grow(&R->ems, &cap, R->nems + 1, sizeof *R->ems))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		struct rem *e = &R->ems[R->nems];
		memset(e, 0, sizeof *e);
		e->id = dup(R, lsn_col(s, 0));
		int32_t d = find_doc(R, lsn_col(s, 1));
		e->doc = d < 0 ? 0 : (uint32_t)d;
		int t = lsn_vocab_find(lsn_ev_types, lsn_col(s, 2), strlen(lsn_col(s, 2)));
		e->type = (uint8_t)(t > 0 ? t : EV_MEETING);
		e->date_s = text(R, lsn_col(s, 3), NULL);
		e->date = parse_date(e->date_s);
		e->place = intern(&R->strs, lsn_col(s, 4));
		const char *ev = lsn_col(s, 5);
		e->ev_hash = *ev ? lsn_hash_bytes(ev, strlen(ev)) | 1 : 0; /* 0: none told */
		const char *partial = lsn_col(s, 6); /* "--MM" or "--MM-DD" */
		if (e->date.prec == DP_NONE && strlen(partial) >= 4) {
			e->pm = (int8_t)atoi(partial + 2);
			e->pd = (int8_t)(strlen(partial) >= 7 ? atoi(partial + 5) : 0);
		}
		e->follows = -1;
		R->nems++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return lsn_st_dberr(R->st, "reading event mentions");

	/* participants and parties: both ordered like the mentions.  A
	 * participant is the person its person mention was resolved to, which
	 * write_people has stored by now (person ids are interned in the order
	 * of R->people); one without a person mention has none and is left out */
	s = lsn_st_prep(R->st, "SELECT mention_id, person_id FROM event_mention_people "
			       "WHERE person_mention_id IS NOT NULL ORDER BY mention_id, n");
	if (!s)
		return LSN_EDB;
	size_t k = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *mid = lsn_col(s, 0);
		while (k < R->nems && strcmp(R->ems[k].id, mid) < 0)
			k++;
		uint32_t person = intern_find(&R->ids, lsn_col(s, 1));
		if (k == R->nems || strcmp(R->ems[k].id, mid) || !person)
			continue;
		if (lsn_grow(&R->parts, &R->capparts, R->nparts + 1, sizeof *R->parts))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		if (!R->ems[k].np)
			R->ems[k].p0 = (uint32_t)R->nparts;
		R->parts[R->nparts++] = person - 1;
		R->ems[k].np++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return lsn_st_dberr(R->st, "reading participants");
	s = lsn_st_prep(R->st, "SELECT mention_id, place FROM event_mention_parties ORDER BY mention_id, n");
	if (!s)
		return LSN_EDB;
	k = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *mid = lsn_col(s, 0);
		while (k < R->nems && strcmp(R->ems[k].id, mid) < 0)
			k++;
		if (k == R->nems || strcmp(R->ems[k].id, mid))
			continue;
		if (lsn_grow(&R->parties, &R->capparties, R->nparties + 1, sizeof *R->parties))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		if (!R->ems[k].nq)
			R->ems[k].q0 = (uint32_t)R->nparties;
		R->parties[R->nparties++] = intern(&R->strs, lsn_col(s, 1));
		R->ems[k].nq++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return lsn_st_dberr(R->st, "reading parties");
	for (size_t i = 0; i < R->nems; i++) {
		struct rem *e = &R->ems[i];
		if (e->np)
			e->np = (uint32_t)uniq(R->parts + e->p0, e->np);
		if (e->nq)
			e->nq = (uint32_t)uniq(R->parties + e->q0, e->nq);
	}
	return R->oom ? lsn_st_fail(R->st, LSN_ENOMEM, "out of memory") : LSN_OK;
}

/* ---- events: clusters ---- */

static uint8_t type_group(uint8_t t) { return t == EV_VIRTUAL ? EV_MEETING : t; }

static int add_sorted(uint32_t **list, size_t *n, size_t *cap, const uint32_t *add, size_t nadd)
{
	if (lsn_grow(list, cap, *n + nadd + 1, sizeof **list))
		return -1;
	if (nadd)
		memcpy(*list + *n, add, nadd * sizeof *add);
	*n = uniq(*list, *n + nadd);
	return 0;
}

/* Adds people (sorted, no repeats) with their counts (NULL: 1 each) to g. */
static int add_people(struct agg *g, const uint32_t *ids, const uint32_t *counts, size_t n)
{
	uint32_t *p = malloc((g->npeople + n + 1) * sizeof *p), *c = malloc((g->npeople + n + 1) * sizeof *c);
	size_t i = 0, j = 0, k = 0;
	if (!p || !c) {
		free(p);
		free(c);
		return -1;
	}
	while (i < g->npeople || j < n) {
		if (j == n || (i < g->npeople && g->people[i] < ids[j])) {
			p[k] = g->people[i];
			c[k++] = g->pcount[i++];
		} else if (i == g->npeople || ids[j] < g->people[i]) {
			p[k] = ids[j];
			c[k++] = counts ? counts[j] : 1;
			j++;
		} else {
			p[k] = g->people[i];
			c[k++] = g->pcount[i++] + (counts ? counts[j] : 1);
			j++;
		}
	}
	free(g->people);
	free(g->pcount);
	g->people = p;
	g->pcount = c;
	g->npeople = k;
	return 0;
}

/* The count of each person of a cluster of one mention: 1. */
static const uint32_t ones[LSN_REC_LIST] = {[0 ... LSN_REC_LIST - 1] = 1};

/* The cluster of one mention.  Its lists are the mention's own (sorted,
 * without repeats since load_events): nothing is allocated until it joins
 * another (agg_own), so that memory holds one copy of the facts of the
 * hundreds of thousands of mentions of a large crawl. */
static int agg_init(struct resolver *R, struct agg *g, const struct rem *e)
{
	memset(g, 0, sizeof *g);
	g->group = type_group(e->type);
	g->types = (uint8_t)(1u << e->type);
	g->date = e->date;
	g->nmem = 1;
	if (e->np <= LSN_REC_LIST) {
		g->people = e->np ? R->parts + e->p0 : NULL;
		g->pcount = (uint32_t *)ones; /* read only: the lists change only once owned */
		g->npeople = e->np;
		g->places = e->nq ? R->parties + e->q0 : NULL;
		g->nplaces = e->nq;
		g->docs = (uint32_t *)&e->doc;
		g->ndocs = 1;
		return 0;
	}
	g->owned = 1;
	if (add_people(g, e->np ? R->parts + e->p0 : NULL, NULL, e->np) ||
	    add_sorted(&g->places, &g->nplaces, &g->capplaces, e->nq ? R->parties + e->q0 : NULL, e->nq) ||
	    add_sorted(&g->docs, &g->ndocs, &g->capdocs, &e->doc, 1))
		return -1;
	return 0;
}

/* Gives g lists of its own, before they change. */
static int agg_own(struct agg *g)
{
	if (g->owned)
		return 0;
	uint32_t *people = NULL, *pcount = NULL, *places = NULL, *docs = NULL;
	size_t capplaces = 0, capdocs = 0;
	if (lsn_grow(&people, &(size_t){0}, g->npeople + 1, sizeof *people) ||
	    lsn_grow(&pcount, &(size_t){0}, g->npeople + 1, sizeof *pcount) ||
	    lsn_grow(&places, &capplaces, g->nplaces + 1, sizeof *places) ||
	    lsn_grow(&docs, &capdocs, g->ndocs + 1, sizeof *docs)) {
		free(people);
		free(pcount);
		free(places);
		free(docs);
		return -1;
	}
	if (g->npeople) {
		memcpy(people, g->people, g->npeople * sizeof *people);
		memcpy(pcount, g->pcount, g->npeople * sizeof *pcount);
	}
	if (g->nplaces)
		memcpy(places, g->places, g->nplaces * sizeof *places);
	memcpy(docs, g->docs, g->ndocs * sizeof *docs);
	g->people = people;
	g->pcount = pcount;
	g->places = places;
	g->capplaces = capplaces;
	g->docs = docs;
	g->capdocs = capdocs;
	g->owned = 1;
	return 0;
}

/* Does a name one of the principal people of cluster b: someone at least
 * half of b's mentions name?  Weakly dated reports must match on those. */
static int names_principal(const struct agg *a, const struct agg *b)
{
	for (size_t i = 0, j = 0; i < a->npeople && j < b->npeople;) {
		if (a->people[i] == b->people[j]) {
			if (2 * b->pcount[j] >= b->nmem)
				return 1;
			i++, j++;
		} else if (a->people[i] < b->people[j]) {
			i++;
		} else {
			j++;
		}
	}
	return 0;
}

static size_t shared(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j])
			n++, i++, j++;
		else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return n;
}

/* A side on which a and b name people, none of them the same. */
static int side_conflict(const struct resolver *R, const struct agg *a, const struct agg *b, int *overlap)
{
	int conflict = 0;
	*overlap = 0;
	for (size_t i = 0; i < a->npeople; i++) {
		uint32_t cc = R->people[a->people[i]].cc;
		if (!cc)
			continue;
		int b_side = 0, common = 0;
		for (size_t j = 0; j < b->npeople; j++)
			if (R->people[b->people[j]].cc == cc) {
				b_side = 1;
				for (size_t k = 0; k < a->npeople; k++)
					if (a->people[k] == b->people[j])
						common = 1;
			}
		if (b_side)
			*overlap = 1;
		if (b_side && !common)
			conflict = 1;
	}
	return conflict;
}

/* Could a and b report one event?  Returns a score > 0 (stronger evidence,
 * higher), or 0. */
static int fits(const struct resolver *R, const struct agg *a, const struct agg *b)
{
	if (a->group != b->group || !date_fits(a->date, b->date))
		return 0;
	/* the events one document tells apart stay apart */
	if (shared(a->docs, a->ndocs, b->docs, b->ndocs))
		return 0;
	size_t sp = shared(a->people, a->npeople, b->people, b->npeople);
	size_t sq = shared(a->places, a->nplaces, b->places, b->nplaces);
	int overlap = 0;
	if (a->npeople && b->npeople) {
		if (side_conflict(R, a, b, &overlap))
			return 0;
		if (!sp && overlap)
			return 0;
	}
	if (!sp && sq < 2)
		return 0;
	return (int)(4 * sp + sq + ((a->types & b->types) ? 2 : 0));
}

static void agg_free(struct agg *g)
{
	if (g->owned) {
		free(g->people);
		free(g->pcount);
		free(g->docs);
		free(g->places);
	}
	memset(g, 0, sizeof *g);
}

/* Joins the cluster of mention y into that of x (roots), keeping x's root
 * the smaller index. */
static int join(struct resolver *R, uint32_t x, uint32_t y)
{
	uint32_t rx = uf_find(R->uf, x), ry = uf_find(R->uf, y);
	if (rx == ry)
		return 0;
	if (ry < rx) {
		uint32_t t = rx;
		rx = ry;
		ry = t;
	}
	struct agg *a = &R->aggs[rx], *b = &R->aggs[ry];
	if (agg_own(a) || add_people(a, b->people, b->pcount, b->npeople) ||
	    add_sorted(&a->places, &a->nplaces, &a->capplaces, b->places, b->nplaces) ||
	    add_sorted(&a->docs, &a->ndocs, &a->capdocs, b->docs, b->ndocs))
		return -1;
	a->nmem += b->nmem;
	a->types |= b->types;
	if (b->date.prec > a->date.prec)
		a->date = b->date;
	agg_free(b);
	R->uf[ry] = rx;
	return 0;
}

struct pair {
	uint32_t a, b;
	int score;
};

static int cmp_pair(const void *x, const void *y)
{
	const struct pair *p = x, *q = y;
	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	if (p->a != q->a)
		return p->a < q->a ? -1 : 1;
	return p->b < q->b ? -1 : p->b > q->b;
}

/* Blocking keys of a mention: its people and its parties. */
static size_t block_keys(const struct resolver *R, const struct rem *e, uint64_t *out)
{
	size_t n = 0;
	for (uint32_t i = 0; i < e->np; i++)
		out[n++] = (uint64_t)R->parts[e->p0 + i] << 1;
	for (uint32_t i = 0; i < e->nq; i++)
		out[n++] = (uint64_t)R->parties[e->q0 + i] << 1 | 1;
	return n;
}


struct keyed {
	uint64_t key;
	uint32_t m;
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *p = x, *q = y;
	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	return p->m < q->m ? -1 : p->m > q->m;
}

/* Merges the mentions `set` (all of one date block, not yet clustered)
 * among themselves: candidate pairs share a person or a party; the
 * strongest pairs join first, and a pair joins only when the two clusters
 * still fit as a whole. */
static int merge_block(struct resolver *R, const uint32_t *set, size_t n)
{
	struct keyed *kv = NULL;
	struct pair *pairs = NULL;
	size_t nkv = 0, capkv = 0, npairs = 0, cappairs = 0;
	int rc = -1;
	for (size_t i = 0; i < n; i++) {
		uint64_t keys[2 * LSN_REC_LIST + 2];
		size_t nk = block_keys(R, &R->ems[set[i]], keys);
		if (lsn_grow(&kv, &capkv, nkv + nk + 1, sizeof *kv))
			goto done;
		for (size_t k = 0; k < nk; k++) {
			kv[nkv].key = keys[k];
			kv[nkv++].m = set[i];
		}
	}
	sort(kv, nkv, sizeof *kv, cmp_keyed);
	for (size_t a = 0; a < nkv;) {
		size_t b = a;
		while (b < nkv && kv[b].key == kv[a].key)
			b++;
		for (size_t i = a; i < b; i++)
			for (size_t j = i + 1; j < b && j < i + 2048; j++) {
				uint32_t x = kv[i].m, y = kv[j].m;
				int sc = fits(R, &R->aggs[x], &R->aggs[y]);
				if (!sc)
					continue;
				if (lsn_grow(&pairs, &cappairs, npairs + 1, sizeof *pairs))
					goto done;
				pairs[npairs].a = x < y ? x : y;
				pairs[npairs].b = x < y ? y : x;
				pairs[npairs++].score = sc;
			}
		a = b;
	}
	sort(pairs, npairs, sizeof *pairs, cmp_pair);
	for (size_t i = 0; i < npairs; i++) {
		uint32_t ra = uf_find(R->uf, pairs[i].a), rb = uf_find(R->uf, pairs[i].b);
		if (ra == rb || !fits(R, &R->aggs[ra], &R->aggs[rb]))
			continue;
		if (join(R, ra, rb))
			goto done;
	}
	rc = 0;
done:
	free(kv);
	free(pairs);
	return rc;
}

/* The date block of a date at a precision: the day, month or year number. */
static uint64_t date_block(struct ymd d, int prec)
{
	uint64_t v = (uint64_t)(d.y > 0 ? d.y : 0);
	if (prec >= DP_MONTH)
		v = v * 13 + (uint64_t)(d.m > 0 ? d.m : 0);
	if (prec >= DP_DAY)
		v = v * 32 + (uint64_t)(d.d > 0 ? d.d : 0);
	return v;
}

static const struct resolver *sort_em_ctx;

static int cmp_by_date(const void *a, const void *b)
{
	const struct rem *x = &sort_em_ctx->ems[*(const uint32_t *)a];
	const struct rem *y = &sort_em_ctx->ems[*(const uint32_t *)b];
	uint64_t bx = date_block(x->date, x->date.prec), by = date_block(y->date, y->date.prec);
	if (bx != by)
		return bx < by ? -1 : 1;
	return cmp_u32(a, b);
}

/* Merges the mentions of `set` of one precision among themselves, block by
 * block of equal date. */
static int merge_dated(struct resolver *R, uint32_t *set, size_t n)
{
	sort_em_ctx = R;
	sort(set, n, sizeof *set, cmp_by_date);
	for (size_t a = 0; a < n;) {
		size_t b = a;
		const struct rem *first = &R->ems[set[a]];
		while (b < n && date_block(R->ems[set[b]].date, first->date.prec) ==
					date_block(first->date, first->date.prec))
			b++;
		if (merge_block(R, set + a, b - a))
			return -1;
		a = b;
	}
	return 0;
}

/* May an undated mention of a document published on `pub` report an event
 * of date d?  Reports come after the event, within about a year. */
static int plausible_for(const char *pub, struct ymd d)
{
	struct ymd p = parse_date(pub);
	if (p.prec < DP_DAY || d.prec < DP_YEAR)
		return 1;
	if (d.y > p.y || d.y < p.y - 1)
		return 0;
	if (d.y == p.y && d.prec >= DP_MONTH && d.m > p.m)
		return 0;
	if (d.y == p.y && d.m == p.m && d.prec >= DP_DAY && d.d > p.d + 1)
		return 0;
	return 1;
}

/* Each mention of `set` joins the one existing cluster (of a mention not in
 * `set`) it fits best, if that one fits strictly better than any other; the
 * clusters are judged as they were before this step, whatever joins in it.
 * `prec` is the block precision (DP_MONTH, DP_YEAR, or DP_NONE for any
 * date).  Mentions that join are marked 0 in `set` (their index + 1). */
static int attach(struct resolver *R, uint32_t *set, size_t n, int prec)
{
	struct keyed *kv = NULL;
	uint32_t *target = NULL;
	size_t nkv = 0, capkv = 0;
	int rc = -1;
	char *inset = calloc(R->nems + 1, 1);
	target = malloc((n + 1) * sizeof *target);
	if (!inset || !target)
		goto done;
	for (size_t i = 0; i < n; i++)
		inset[set[i]] = 1;
	/* the clusters there are: their keys under their date block */
	for (size_t r = 0; r < R->nems; r++) {
		if (R->uf[r] != r || inset[r] || R->ems[r].follows >= 0)
			continue;
		const struct agg *g = &R->aggs[r];
		if (prec != DP_NONE && g->date.prec < prec)
			continue;
		uint64_t blk = prec == DP_NONE ? 0 : date_block(g->date, prec);
		size_t nk = g->npeople + g->nplaces;
		if (lsn_grow(&kv, &capkv, nkv + nk + 1, sizeof *kv))
			goto done;
		for (size_t k = 0; k < g->npeople; k++) {
			kv[nkv].key = (blk << 40) ^ ((uint64_t)g->people[k] << 1);
			kv[nkv++].m = (uint32_t)r;
		}
		for (size_t k = 0; k < g->nplaces; k++) {
			kv[nkv].key = (blk << 40) ^ ((uint64_t)g->places[k] << 1 | 1);
			kv[nkv++].m = (uint32_t)r;
		}
	}
	sort(kv, nkv, sizeof *kv, cmp_keyed);
	for (size_t i = 0; i < n; i++) {
		const struct rem *e = &R->ems[set[i]];
		uint64_t keys[2 * LSN_REC_LIST + 2];
		size_t nk = block_keys(R, e, keys);
		uint64_t blk = prec == DP_NONE ? 0 : date_block(e->date, prec);
		int best = 0, second = 0;
		uint32_t broot = UINT32_MAX;
		const char *pub = R->docs[e->doc].pub;
		target[i] = UINT32_MAX;
		for (size_t k = 0; k < nk; k++) {
			struct keyed probe = {(blk << 40) ^ keys[k], 0};
			size_t lo = 0, hi = nkv;
			while (lo < hi) { /* first entry with this key */
				size_t mid = (lo + hi) / 2;
				if (cmp_keyed(&kv[mid], &probe) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (size_t j = lo; j < nkv && kv[j].key == probe.key; j++) {
				uint32_t r = kv[j].m;
				if (r == broot)
					continue; /* seen through another key */
				if (prec == DP_NONE && !plausible_for(pub, R->aggs[r].date))
					continue;
				/* "on November 14" of no known year: not an event of
				 * another month or day */
				const struct ymd *gd = &R->aggs[r].date;
				if (e->pm && ((gd->prec >= DP_MONTH && gd->m != e->pm) ||
					      (e->pd && gd->prec == DP_DAY && gd->d != e->pd)))
					continue;
				/* a report dated to the year or not at all joins on the
				 * event's principal people only */
				if (prec <= DP_YEAR && !names_principal(&R->aggs[set[i]], &R->aggs[r]) &&
				    (prec == DP_NONE || e->np))
					continue;
				int sc = fits(R, &R->aggs[set[i]], &R->aggs[r]);
				if (sc > best) {
					second = best;
					best = sc;
					broot = r;
				} else if (sc && sc >= second && r != broot) {
					second = sc;
				}
			}
		}
		if (best && best > second)
			target[i] = broot;
	}
	for (size_t i = 0; i < n; i++)
		if (target[i] != UINT32_MAX) {
			if (join(R, target[i], set[i]))
				goto done;
			set[i] = UINT32_MAX;
		}
	rc = 0;
done:
	free(kv);
	free(inset);
	free(target);
	return rc;
}

/* Drops the entries marked UINT32_MAX; returns the new length. */
static size_t compact(uint32_t *set, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if (set[i] != UINT32_MAX)
			set[o++] = set[i];
	return o;
}

static const struct resolver *sort_doc_ctx;

static int cmp_by_doc(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	uint32_t dx = sort_doc_ctx->ems[x].doc, dy = sort_doc_ctx->ems[y].doc;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Each mention of a near-duplicate document follows the first unused
 * mention of the document it copies with the same type group and a
 * fitting date (the same type and date preferred); failing that, one told
 * in the very same sentence (a copy republished later reads "on Saturday"
 * as another day): the same fact, whose date is not counted. */
static int link_duplicates(struct resolver *R)
{
	size_t n = R->nems;
	uint32_t *by = malloc((n + 1) * sizeof *by), *start = calloc(R->ndocs + 1, sizeof *start);
	char *used = calloc(n + 1, 1);
	if (!by || !start || !used) {
		free(by);
		free(start);
		free(used);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		by[i] = (uint32_t)i;
	sort_doc_ctx = R;
	sort(by, n, sizeof *by, cmp_by_doc);
	for (size_t i = n; i-- > 0;)
		start[R->ems[by[i]].doc] = (uint32_t)i;
	for (size_t i = 0; i < n; i++) {
		struct rem *e = &R->ems[by[i]];
		int32_t orig = R->docs[e->doc].dup_of;
		if (orig < 0)
			continue;
		int32_t pick = -1, exact = -1;
		for (size_t j = start[orig]; j < n && R->ems[by[j]].doc == (uint32_t)orig; j++) {
			const struct rem *o = &R->ems[by[j]];
			if (used[by[j]] || type_group(o->type) != type_group(e->type) || !date_fits(o->date, e->date))
				continue;
			if (pick < 0)
				pick = (int32_t)by[j];
			if (exact < 0 && o->type == e->type && o->date.prec == e->date.prec)
				exact = (int32_t)by[j];
		}
		if (exact >= 0)
			pick = exact;
		for (size_t j = start[orig]; pick < 0 && j < n && R->ems[by[j]].doc == (uint32_t)orig; j++) {
			const struct rem *o = &R->ems[by[j]];
			if (!used[by[j]] && type_group(o->type) == type_group(e->type) && e->ev_hash &&
			    o->ev_hash == e->ev_hash) {
				pick = (int32_t)by[j];
				e->no_date = 1;
			}
		}
		if (pick >= 0) {
			used[pick] = 1;
			e->follows = pick;
		}
	}
	free(by);
	free(start);
	free(used);
	return 0;
}

static enum lsn_status resolve_events(struct resolver *R)
{
	size_t n = R->nems;
	uint32_t *set = malloc((n + 1) * sizeof *set);
	R->uf = malloc((n + 1) * sizeof *R->uf);
	R->aggs = calloc(n + 1, sizeof *R->aggs);
	if (!set || !R->uf || !R->aggs)
		goto oom;
	if (link_duplicates(R))
		goto oom;
	/* the cluster of each mention; those of mentions that follow a
	 * near-duplicate's are made only when they join it, at the end (with
	 * many copies of one story this keeps memory to the distinct ones) */
	for (size_t i = 0; i < n; i++) {
		R->uf[i] = (uint32_t)i;
		if (R->ems[i].follows < 0 && agg_init(R, &R->aggs[i], &R->ems[i]))
			goto oom;
	}
	/* day, then month, then year, then undated */
	static const int precs[] = {DP_DAY, DP_MONTH, DP_YEAR, DP_NONE};
	for (int p = 0; p < 4; p++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (R->ems[i].date.prec == precs[p] && R->ems[i].follows < 0)
				set[m++] = (uint32_t)i;
		if (precs[p] != DP_DAY) {
			if (attach(R, set, m, precs[p] == DP_NONE ? DP_NONE : precs[p]))
				goto oom;
			m = compact(set, m);
		}
		if (precs[p] != DP_NONE && merge_dated(R, set, m))
			goto oom;
	}
	for (size_t i = 0; i < n; i++)
		if (R->ems[i].follows >= 0 && (agg_init(R, &R->aggs[i], &R->ems[i]) ||
						join(R, (uint32_t)R->ems[i].follows, (uint32_t)i)))
			goto oom;
	free(set);
	return LSN_OK;
oom:
	free(set);
	return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
}

/* ---- writing ---- */

static const char *str_of(const struct resolver *R, uint32_t i) { return i ? R->strs.strs[i - 1] : NULL; }

struct tally {
	const char *s;
	uint32_t doc;
	const char *date;
	uint32_t extra;
};

static int cmp_tally(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	if (c)
		return c;
	if (x->extra != y->extra)
		return x->extra < y->extra ? -1 : 1;
	if (!x->date != !y->date)
		return x->date ? -1 : 1;
	if (x->date && (c = strcmp(x->date, y->date)))
		return c;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* Distinct documents in a run of tallies, near-duplicates counted once;
 * (size_t)-1 when out of memory. */
static size_t distinct_docs(const struct resolver *R, const struct tally *t, size_t n)
{
	uint32_t *d = malloc((n + 1) * sizeof *d);
	if (!d)
		return (size_t)-1;
	for (size_t i = 0; i < n; i++)
		d[i] = R->docs[t[i].doc].rep;
	size_t k = uniq(d, n);
	free(d);
	return k;
}

/* For the writers' one cleanup label: `if (failed && nomem(R, &e)) goto out;`
 * sets e (and the message) and is true. */
static int nomem(struct resolver *R, enum lsn_status *e)
{
	*e = lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
	return 1;
}

/* The cached statement for sql; NULL with *e = LSN_EDB (message set). */
static sqlite3_stmt *prep(struct resolver *R, enum lsn_status *e, const char *sql)
{
	sqlite3_stmt *s = lsn_st_prep(R->st, sql);
	if (!s)
		*e = LSN_EDB;
	return s;
}

static enum lsn_status write_people(struct resolver *R)
{
	enum lsn_status e = LSN_OK;
	sqlite3_stmt *s;
	struct tally *t = NULL;
	size_t capt = 0;
	for (size_t k = 0; k < R->npeople; k++) {
		const struct rperson *q = &R->people[k];
		const char *first = NULL, *last = NULL;
		size_t nt = 0;
		/* aliases: every surface seen, counted by documents */
		for (size_t i = 0; i < q->nmembers; i++) {
			const struct rpm *p = &R->pms[q->members[i]];
			if (lsn_grow(&t, &capt, nt + p->nsurf + 2, sizeof *t) && nomem(R, &e))
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
		sort(t, nt, sizeof *t, cmp_tally);
		size_t ndocs = 0;
		{
			/* documents naming the person: distinct over all tallies */
			uint32_t *d = malloc((q->nmembers + 1) * sizeof *d);
			if (!d && nomem(R, &e))
				goto out;
			for (size_t i = 0; i < q->nmembers; i++)
				d[i] = R->pms[q->members[i]].doc;
			ndocs = uniq(d, q->nmembers);
			free(d);
		}
		if (!(s = prep(R, &e, "INSERT INTO people (id, name, name_key, country, first_seen, "
					     "last_seen, n_documents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")))
			goto out;
		sqlite3_bind_text(s, 1, q->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, q->name, -1, SQLITE_STATIC);
		lsn_bind_text(s, 3, q->key ? R->keys.strs[q->key - 1] : NULL);
		lsn_bind_text(s, 4, str_of(R, q->cc));
		lsn_bind_text(s, 5, first);
		lsn_bind_text(s, 6, last);
		sqlite3_bind_int64(s, 7, (sqlite3_int64)ndocs);
		if ((e = lsn_st_done(R->st, s, "storing a person")))
			goto out;
		for (size_t a = 0; a < nt;) {
			size_t b = a;
			while (b < nt && !strcmp(t[b].s, t[a].s))
				b++;
			char folded[512];
			lsn_name_key(t[a].s, strlen(t[a].s), folded, sizeof folded);
			if (!(s = prep(R, &e, "INSERT OR IGNORE INTO person_aliases (person_id, alias, "
						     "folded, script, n_documents) VALUES (?1, ?2, ?3, ?4, ?5)")))
				goto out;
			sqlite3_bind_text(s, 1, q->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, t[a].s, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 3, folded, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 4, lsn_script_of(t[a].s, strlen(t[a].s)), -1, SQLITE_STATIC);
			size_t nd = distinct_docs(R, t + a, b - a);
			if (nd == (size_t)-1 && nomem(R, &e))
				goto out;
			sqlite3_bind_int64(s, 5, (sqlite3_int64)nd);
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
		sort(t, nt, sizeof *t, cmp_tally);
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
			if (!(s = prep(R, &e, "INSERT INTO person_roles (person_id, role, org, first_seen, "
						     "last_seen, document_id, n_documents) "
						     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")))
				goto out;
			const char *org = str_of(R, t[a].extra);
			sqlite3_bind_text(s, 1, q->id, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, t[a].s, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 3, org ? org : "", -1, SQLITE_STATIC);
			lsn_bind_text(s, 4, lo);
			lsn_bind_text(s, 5, hi);
			sqlite3_bind_text(s, 6, R->docs[firstdoc].id, -1, SQLITE_STATIC);
			size_t nd = distinct_docs(R, t + a, b - a);
			if (nd == (size_t)-1 && nomem(R, &e))
				goto out;
			sqlite3_bind_int64(s, 7, (sqlite3_int64)nd);
			if ((e = lsn_st_done(R->st, s, "storing a role")))
				goto out;
			a = b;
		}
		for (size_t i = 0; i < q->nmembers; i++) {
			if (!(s = prep(R, &e, "UPDATE person_mentions SET person_id = ?2 "
						     "WHERE id = ?1 AND person_id IS NOT ?2")))
				goto out;
			sqlite3_bind_text(s, 1, R->pms[q->members[i]].id, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, q->id, -1, SQLITE_STATIC);
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
struct count {
	uint32_t v, n;
	const char *name;
};

static int cmp_count(const void *a, const void *b)
{
	const struct count *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int tally_add(struct count **c, size_t *n, size_t *cap, uint32_t v, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if ((*c)[i].v == v) {
			(*c)[i].n++;
			return 0;
		}
	if (lsn_grow(c, cap, *n + 1, sizeof **c))
		return -1;
	(*c)[(*n)++] = (struct count){v, 1, name};
	return 0;
}

static enum lsn_status write_events(struct resolver *R)
{
	enum lsn_status e = LSN_OK;
	size_t n = R->nems;
	uint32_t *start = calloc(n + 1, sizeof *start), *members = malloc((n + 1) * sizeof *members);
	uint32_t *fill = calloc(n + 1, sizeof *fill);
	struct count *cp = NULL, *cq = NULL, *cd = NULL, *cl = NULL, *dates = NULL;
	size_t capp = 0, capq = 0, capd = 0, capl = 0, capdates = 0;
	sqlite3_stmt *s;
	if ((!start || !members || !fill) && nomem(R, &e))
		goto out;
	/* members of each root, in mention order */
	for (size_t i = 0; i < n; i++)
		start[uf_find(R->uf, (uint32_t)i) + 1]++;
	for (size_t i = 1; i <= n; i++)
		start[i] += start[i - 1];
	for (size_t i = 0; i < n; i++) {
		uint32_t r = uf_find(R->uf, (uint32_t)i);
		members[start[r] + fill[r]++] = (uint32_t)i;
	}
	for (size_t r = 0; r < n; r++) {
		if (R->uf[r] != r)
			continue;
		const uint32_t *m = members + start[r];
		size_t nm = fill[r], np = 0, nq = 0, nd = 0, nl = 0, ndates = 0;
		uint8_t types = 0;
		int prec = DP_NONE;
		for (size_t i = 0; i < nm; i++) {
			const struct rem *x = &R->ems[m[i]];
			types |= (uint8_t)(1u << x->type);
			if (x->date.prec > prec && !x->no_date)
				prec = x->date.prec;
			for (uint32_t k = 0; k < x->np; k++) {
				uint32_t v = R->parts[x->p0 + k];
				if (tally_add(&cp, &np, &capp, v, R->people[v].id) && nomem(R, &e))
					goto out;
			}
			for (uint32_t k = 0; k < x->nq; k++) {
				uint32_t v = R->parties[x->q0 + k];
				if (tally_add(&cq, &nq, &capq, v, str_of(R, v)) && nomem(R, &e))
					goto out;
			}
			if (x->place && tally_add(&cl, &nl, &capl, x->place, str_of(R, x->place)) && nomem(R, &e))
				goto out;
			if (tally_add(&cd, &nd, &capd, R->docs[x->doc].rep, "") && nomem(R, &e))
				goto out;
		}
		for (size_t i = 0; i < nm; i++) {
			const struct rem *x = &R->ems[m[i]];
			if (x->date.prec == prec && prec != DP_NONE && !x->no_date &&
			    tally_add(&dates, &ndates, &capdates, intern(&R->strs, x->date_s), x->date_s) &&
			    nomem(R, &e))
				goto out;
		}
		sort(cp, np, sizeof *cp, cmp_count);
		sort(cq, nq, sizeof *cq, cmp_count);
		sort(cl, nl, sizeof *cl, cmp_count);
		sort(dates, ndates, sizeof *dates, cmp_count);
		uint8_t type = R->ems[r].type;
		if (type_group(type) == EV_MEETING)
			type = (types & (1u << EV_VIRTUAL)) ? EV_VIRTUAL : EV_MEETING;
		char id[32];
		snprintf(id, sizeof id, "e-%016llx",
			 (unsigned long long)mix64(lsn_hash_bytes(R->ems[r].id, strlen(R->ems[r].id))));
		if (!(s = prep(R, &e, "INSERT INTO events (id, type, date, place, n_sources, n_documents) "
				       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")))
			goto out;
		sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, lsn_ev_types[type], -1, SQLITE_STATIC);
		lsn_bind_text(s, 3, ndates ? dates[0].name : NULL);
		lsn_bind_text(s, 4, nl ? cl[0].name : NULL);
		sqlite3_bind_int64(s, 5, (sqlite3_int64)nm);
		sqlite3_bind_int64(s, 6, (sqlite3_int64)nd);
		if ((e = lsn_st_done(R->st, s, "storing an event")))
			goto out;
		for (size_t k = 0; k < np; k++) {
			if (!(s = prep(R, &e, "INSERT INTO event_participants (event_id, person_id, n) "
						     "VALUES (?1, ?2, ?3)")))
				goto out;
			sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 2, cp[k].name, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 3, (sqlite3_int64)k);
			if ((e = lsn_st_done(R->st, s, "storing a participant")))
				goto out;
		}
		for (size_t k = 0; k < nq; k++) {
			if (!(s = prep(R, &e, "INSERT INTO event_parties (event_id, place, n) "
						     "VALUES (?1, ?2, ?3)")))
				goto out;
			sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 2, cq[k].name, -1, SQLITE_STATIC);
			sqlite3_bind_int64(s, 3, (sqlite3_int64)k);
			if ((e = lsn_st_done(R->st, s, "storing a party")))
				goto out;
		}
		for (size_t i = 0; i < nm; i++) {
			if (!(s = prep(R, &e, "INSERT INTO event_sources (event_id, event_mention_id) "
						     "VALUES (?1, ?2)")))
				goto out;
			sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(s, 2, R->ems[m[i]].id, -1, SQLITE_STATIC);
			if ((e = lsn_st_done(R->st, s, "storing a source")))
				goto out;
			if (!(s = prep(R, &e, "UPDATE event_mentions SET event_id = ?2 "
						     "WHERE id = ?1 AND event_id IS NOT ?2")))
				goto out;
			sqlite3_bind_text(s, 1, R->ems[m[i]].id, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, id, -1, SQLITE_TRANSIENT);
			if ((e = lsn_st_done(R->st, s, "linking an event mention")))
				goto out;
		}
	}
out:
	free(start);
	free(members);
	free(fill);
	free(cp);
	free(cq);
	free(cd);
	free(cl);
	free(dates);
	return e;
}

static const char *level_name(uint8_t level)
{
	static const char *const names[] = {NULL, "country", "province", "city", "district", "bloc"};
	return level < LSN_ARRAY_LEN(names) ? names[level] : NULL;
}

/* The places the facts name, and their parents, from the knowledge tables;
 * a place the tables do not know is kept by name only. */
static enum lsn_status write_places(struct resolver *R)
{
	enum lsn_status e = LSN_OK;
	sqlite3_stmt *q = lsn_st_prep(R->st,
		"SELECT place FROM event_mention_parties UNION SELECT place FROM event_mentions "
		"UNION SELECT org FROM person_mentions UNION SELECT place FROM figure_parties "
		"UNION SELECT a FROM relations UNION SELECT b FROM relations");
	if (!q)
		return LSN_EDB;
	/* collect first: the insert statement must not run inside this query's scan */
	const char **names = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (!*lsn_col(q, 0))
			continue;
		if (lsn_grow(&names, &cap, n + 1, sizeof *names)) {
			sqlite3_reset(q);
			free(names);
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		}
		names[n++] = dup(R, lsn_col(q, 0));
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		free(names);
		return lsn_st_dberr(R->st, "reading places");
	}
	for (size_t i = 0; i < n && !e; i++) {
		int32_t p = kb_place(R->kb, names[i]);
		if (p < 0) {
			/* an org that is not a place (a body): only places are listed */
			int is_org_only = 0;
			sqlite3_stmt *c = lsn_st_prep(R->st, "SELECT 1 WHERE EXISTS (SELECT 1 FROM person_mentions "
							     "WHERE org = ?1) AND NOT EXISTS (SELECT 1 FROM "
							     "event_mention_parties WHERE place = ?1)");
			if (!c) {
				e = LSN_EDB;
				break;
			}
			sqlite3_bind_text(c, 1, names[i], -1, SQLITE_STATIC);
			is_org_only = sqlite3_step(c) == SQLITE_ROW;
			sqlite3_reset(c);
			if (is_org_only)
				continue;
		}
		const char *child = names[i];
		do {
			sqlite3_stmt *s = lsn_st_prep(R->st, "INSERT OR IGNORE INTO places (id, name, level, parent, cc) "
							     "VALUES (?1, ?2, ?3, ?4, ?5)");
			if (!s) {
				e = LSN_EDB;
				break;
			}
			const struct lsn_place *pl = p >= 0 ? &R->kb->places[p] : NULL;
			sqlite3_bind_text(s, 1, pl ? pl->id : child, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, pl ? pl->id : child, -1, SQLITE_STATIC);
			lsn_bind_text(s, 3, pl ? level_name(pl->level) : NULL);
			lsn_bind_text(s, 4, pl && pl->parent >= 0 ? R->kb->places[pl->parent].id : NULL);
			lsn_bind_text(s, 5, pl ? pl->cc : NULL);
			if ((e = lsn_st_done(R->st, s, "storing a place")))
				break;
			p = pl ? pl->parent : -1;
		} while (p >= 0);
	}
	free(names);
	return e;
}

static enum lsn_status write_docs(struct resolver *R)
{
	for (size_t i = 0; i < R->ndocs; i++) {
		sqlite3_stmt *s = lsn_st_prep(R->st, "UPDATE documents SET dup_of = ?2 "
						     "WHERE id = ?1 AND dup_of IS NOT ?2");
		if (!s)
			return LSN_EDB;
		sqlite3_bind_text(s, 1, R->docs[i].id, -1, SQLITE_STATIC);
		if (R->docs[i].dup_of >= 0)
			sqlite3_bind_text(s, 2, R->docs[R->docs[i].dup_of].id, -1, SQLITE_STATIC);
		enum lsn_status e = lsn_st_done(R->st, s, "marking a near-duplicate");
		if (e)
			return e;
	}
	return LSN_OK;
}

/* After write_people: what only people needed (their mentions, surfaces,
 * claims and members) goes, before the events are loaded.  R->people keeps
 * ids, names, keys and countries, which the events use. */
static void forget_mentions(struct resolver *R)
{
	for (size_t k = 0; k < R->npeople; k++) {
		free(R->people[k].claims);
		free(R->people[k].members);
		R->people[k].claims = NULL;
		R->people[k].members = NULL;
		R->people[k].nclaims = R->people[k].capclaims = 0;
		R->people[k].nmembers = R->people[k].capmembers = 0;
	}
	free(R->pms);
	R->pms = NULL;
	R->npms = 0;
	free(R->surfs);
	R->surfs = NULL;
	R->nsurfs = R->capsurfs = 0;
	arena_clear(&R->pm_arena);
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

static void resolver_clear(struct resolver *R)
{
	for (size_t k = 0; k < R->npeople; k++) {
		free(R->people[k].claims);
		free(R->people[k].members);
	}
	if (R->aggs)
		for (size_t i = 0; i < R->nems; i++)
			agg_free(&R->aggs[i]);
	free(R->aggs);
	free(R->uf);
	free(R->people);
	free(R->docs);
	free(R->pms);
	free(R->surfs);
	free(R->ems);
	free(R->parts);
	free(R->parties);
	intern_clear(&R->strs);
	intern_clear(&R->keys);
	intern_clear(&R->ids);
	intern_clear(&R->texts);
	arena_clear(&R->arena);
	arena_clear(&R->pm_arena);
}

enum lsn_status lsn_store_resolve(lsn_store *st, const lsn_tables *kb, struct lsn_tables_stats *stats)
{
	struct resolver R;
	memset(&R, 0, sizeof R);
	R.st = st;
	R.kb = kb;
	R.strs.arena = R.keys.arena = R.ids.arena = R.texts.arena = &R.arena;
	enum lsn_status e;
	int own_tx = !st->in_tx;
	/* Resolution reads every table once, in order, and holds the facts
	 * itself: a small page cache will do (the file's pages stay in the
	 * system's cache), and leaves the memory to the facts.  Its big
	 * statements (an UPDATE of every participant) keep their statement
	 * journals in temporary files, not in memory (temp_store can change
	 * only outside a transaction). */
	int cache = 0, temp = -1; /* the settings to restore */
	sqlite3_stmt *cs = lsn_st_prep(st, "PRAGMA temp_store");
	if (own_tx && cs && sqlite3_step(cs) == SQLITE_ROW)
		temp = sqlite3_column_int(cs, 0);
	if (cs)
		sqlite3_reset(cs);
	if (temp == 1 || (temp >= 0 && sqlite3_exec(st->db, "PRAGMA temp_store = FILE", NULL, NULL, NULL)))
		temp = -1;
	cs = lsn_st_prep(st, "PRAGMA cache_size");
	if (cs && sqlite3_step(cs) == SQLITE_ROW)
		cache = sqlite3_column_int(cs, 0);
	if (cs)
		sqlite3_reset(cs);
	if (cache && (cache < 0 ? -cache : cache * 4) > 16384) {
		sqlite3_exec(st->db, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
		sqlite3_db_release_memory(st->db);
	} else {
		cache = 0;
	}
#ifdef __GLIBC__
	malloc_trim(0); /* and the freed pages go back to the system */
#endif
	if (own_tx && (e = lsn_store_begin(st)))
		goto restore;
	/* documents and people first, written before the events are loaded,
	 * so that what only people need is let go before (memory holds the
	 * mentions of one kind at a time) */
	if ((e = load_docs(&R)) || (e = find_duplicates(&R)) || (e = load_people(&R)) ||
	    (e = resolve_people(&R)))
		goto done;
	if ((e = lsn_st_exec(st, "DELETE FROM event_sources; DELETE FROM event_parties; "
				 "DELETE FROM event_participants; DELETE FROM events; "
				 "DELETE FROM person_roles; DELETE FROM person_aliases; "
				 "DELETE FROM people; DELETE FROM places")))
		goto done;
	if ((e = write_docs(&R)) || (e = write_people(&R)))
		goto done;
	if (R.oom) {
		e = lsn_st_fail(st, LSN_ENOMEM, "out of memory");
		goto done;
	}
	forget_mentions(&R);
	if ((e = load_events(&R)) || (e = resolve_events(&R)) || (e = write_events(&R)) ||
	    (e = write_places(&R)))
		goto done;
	if (R.oom)
		e = lsn_st_fail(st, LSN_ENOMEM, "out of memory");
done:
	resolver_clear(&R);
	if (own_tx) {
		if (e)
			lsn_store_rollback(st);
		else
			e = lsn_store_commit(st);
	}
	if (!e && stats)
		e = lsn_store_stats(st, stats);
restore:
	if (temp >= 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA temp_store = %d", temp);
		sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	}
	if (cache) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", cache);
		sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	}
	return e;
}
