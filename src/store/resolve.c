/*
 * resolve.c — cross-document resolution, the stage after the store: reads
 * the per-document facts of the knowledge base and rebuilds the resolved
 * tables (people, person_aliases, person_roles, places, events,
 * event_participants, event_parties, event_sources) and the person_id,
 * event_id and dup_of columns.  From scratch every time and deterministic:
 * rows are read in key order and every choice breaks ties by key, so the
 * same facts give the same ids whatever order the documents came in.
 *
 * Near-duplicate documents: a 64-bit SimHash per document (text.c);
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
 *
 * The files: resolve.c (this: the driver, the small tools, the places and
 * the documents written), resolve_dups.c (near-duplicates), resolve_people.c
 * (people), resolve_events.c (events); resolve_int.h between them.
 */
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "store/resolve_int.h"

/* ---- small tools: a string arena, interned strings, union-find, dates ---- */

char *lsn_rs_arena_dup(struct arena *a, const char *s)
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

uint32_t lsn_rs_intern(struct intern *t, const char *s)
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
	const char *c = lsn_rs_arena_dup(t->arena, s);
	if (!c)
		return 0;
	t->strs[t->n] = c;
	t->next[t->n] = first;
	t->n++;
	if (lsn_map_put(&t->map, h, (uint32_t)t->n))
		return 0;
	return (uint32_t)t->n;
}

uint32_t lsn_rs_intern_find(const struct intern *t, const char *s)
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

uint64_t lsn_rs_mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint32_t lsn_rs_uf_find(uint32_t *p, uint32_t x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

void lsn_rs_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

struct ymd lsn_rs_parse_date(const char *s)
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

int lsn_rs_date_fits(struct ymd a, struct ymd b)
{
	int p = a.prec < b.prec ? a.prec : b.prec;
	return (p < DP_YEAR || a.y == b.y) && (p < DP_MONTH || a.m == b.m) && (p < DP_DAY || a.d == b.d);
}

static int cmp_id(const void *key, const void *elem, size_t off)
{
	return strcmp((const char *)key, *(const char *const *)((const char *)elem + off));
}

int32_t lsn_rs_find_doc(const struct resolver *R, const char *id)
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

const char *lsn_rs_dup(struct resolver *R, const char *s)
{
	const char *c = lsn_rs_arena_dup(&R->arena, s ? s : "");
	if (!c)
		R->oom = 1;
	return c ? c : "";
}

const char *lsn_rs_text(struct resolver *R, const char *s, const char *empty)
{
	if (!s || !*s)
		return empty;
	uint32_t i = lsn_rs_intern(&R->texts, s);
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
	lsn_stmt *s = lsn_st_prep(R->st, "SELECT id, published, simhash FROM documents ORDER BY id");
	if (!s)
		return LSN_EDB;
	int rc;
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		if (lsn_grow(&R->docs, &cap, R->ndocs + 1, sizeof *R->docs))
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		struct rdoc *d = &R->docs[R->ndocs];
		d->id = lsn_rs_dup(R, lsn_col(s, 0));
		snprintf(d->pub, sizeof d->pub, "%s", lsn_col(s, 1));
		d->simhash = (uint64_t)lsn_col_int64(s, 2);
		d->dup_of = -1;
		d->rep = (uint32_t)R->ndocs;
		R->ndocs++;
	}
	lsn_reset(s);
	return rc == LSN_DB_DONE ? LSN_OK : lsn_st_dberr(R->st, "reading documents");
}

/* Which of two documents came first: published date (undated last), then id. */
/* ---- writing ---- */

const char *lsn_rs_str_of(const struct resolver *R, uint32_t i) { return i ? R->strs.strs[i - 1] : NULL; }


int lsn_rs_cmp_tally(const void *a, const void *b)
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

size_t lsn_rs_distinct_docs(const struct resolver *R, const struct tally *t, size_t n)
{
	uint32_t *d = malloc((n + 1) * sizeof *d);
	if (!d)
		return (size_t)-1;
	for (size_t i = 0; i < n; i++)
		d[i] = R->docs[t[i].doc].rep;
	size_t k = lsn_rs_uniq(d, n);
	free(d);
	return k;
}

int lsn_rs_nomem(struct resolver *R, enum lsn_status *e)
{
	*e = lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
	return 1;
}

lsn_stmt *lsn_rs_prep(struct resolver *R, enum lsn_status *e, const char *sql)
{
	lsn_stmt *s = lsn_st_prep(R->st, sql);
	if (!s)
		*e = LSN_EDB;
	return s;
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
	lsn_stmt *q = lsn_st_prep(R->st,
		"SELECT place FROM event_mention_parties UNION SELECT place FROM event_mentions "
		"UNION SELECT org FROM person_mentions UNION SELECT place FROM figure_parties "
		"UNION SELECT a FROM relations UNION SELECT b FROM relations "
		"UNION SELECT by_party FROM commitments UNION SELECT to_party FROM commitments");
	if (!q)
		return LSN_EDB;
	/* collect first: the insert statement must not run inside this query's scan */
	const char **names = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = lsn_step(q)) == LSN_DB_ROW) {
		if (!*lsn_col(q, 0))
			continue;
		if (lsn_grow(&names, &cap, n + 1, sizeof *names)) {
			lsn_reset(q);
			free(names);
			return lsn_st_fail(R->st, LSN_ENOMEM, "out of memory");
		}
		names[n++] = lsn_rs_dup(R, lsn_col(q, 0));
	}
	lsn_reset(q);
	if (rc != LSN_DB_DONE) {
		free(names);
		return lsn_st_dberr(R->st, "reading places");
	}
	for (size_t i = 0; i < n && !e; i++) {
		int32_t p = lsn_rs_kb_place(R->kb, names[i]);
		if (p < 0) {
			/* an org that is not a place (a body): only places are listed */
			int is_org_only = 0;
			lsn_stmt *c = lsn_st_prep(R->st, "SELECT 1 WHERE EXISTS (SELECT 1 FROM person_mentions "
							     "WHERE org = ?1) AND NOT EXISTS (SELECT 1 FROM "
							     "event_mention_parties WHERE place = ?1)");
			if (!c) {
				e = LSN_EDB;
				break;
			}
			lsn_bind_textn(c, 1, names[i], -1, LSN_DB_STATIC);
			is_org_only = lsn_step(c) == LSN_DB_ROW;
			lsn_reset(c);
			if (is_org_only)
				continue;
		}
		const char *child = names[i];
		do {
			lsn_stmt *s = lsn_st_prep(R->st, "INSERT OR IGNORE INTO places (id, name, level, parent, cc) "
							     "VALUES (?1, ?2, ?3, ?4, ?5)");
			if (!s) {
				e = LSN_EDB;
				break;
			}
			const struct lsn_place *pl = p >= 0 ? &R->kb->places[p] : NULL;
			lsn_bind_textn(s, 1, pl ? pl->id : child, -1, LSN_DB_STATIC);
			lsn_bind_textn(s, 2, pl ? pl->id : child, -1, LSN_DB_STATIC);
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
		lsn_stmt *s = lsn_st_prep(R->st, "UPDATE documents SET dup_of = ?2 "
						     "WHERE id = ?1 AND dup_of IS NOT ?2");
		if (!s)
			return LSN_EDB;
		lsn_bind_textn(s, 1, R->docs[i].id, -1, LSN_DB_STATIC);
		if (R->docs[i].dup_of >= 0)
			lsn_bind_textn(s, 2, R->docs[R->docs[i].dup_of].id, -1, LSN_DB_STATIC);
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
			lsn_rs_agg_free(&R->aggs[i]);
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
	int sq = lsn_db_kind(st->db) == LSN_DB_SQLITE;
	lsn_stmt *cs = sq ? lsn_st_prep(st, "PRAGMA temp_store") : NULL;
	if (own_tx && cs && lsn_step(cs) == LSN_DB_ROW)
		temp = lsn_col_int(cs, 0);
	if (cs)
		lsn_reset(cs);
	if (temp == 1 || (temp >= 0 && lsn_db_exec(st->db, "PRAGMA temp_store = FILE")))
		temp = -1;
	cs = sq ? lsn_st_prep(st, "PRAGMA cache_size") : NULL;
	if (cs && lsn_step(cs) == LSN_DB_ROW)
		cache = lsn_col_int(cs, 0);
	if (cs)
		lsn_reset(cs);
	if (cache && (cache < 0 ? -cache : cache * 4) > 16384) {
		lsn_db_exec(st->db, "PRAGMA cache_size = -16384");
		lsn_db_shrink(st->db);
	} else {
		cache = 0;
	}
#ifdef __GLIBC__
	malloc_trim(0); /* and the freed pages go back to the system */
#endif
	if (own_tx && (e = lsn_store_begin(st)))
		goto restore;
	/* PostgreSQL: another ingester at work resolves after its writes, and
	 * sees these: this resolution would be undone by it */
	int others = 0;
	if ((e = lsn_st_others_writing(st, &others)) || others)
		goto done;
	/* documents and people first, written before the events are loaded,
	 * so that what only people need is let go before (memory holds the
	 * mentions of one kind at a time) */
	/* PostgreSQL plans by its statistics of the tables, which lag behind a
	 * large ingest (a base filled in this transaction has none): fresh ones
	 * first, or the resolution's joins are planned for empty tables */
	if (!sq && (e = lsn_st_exec(st, "ANALYZE")))
		goto done;
	if ((e = load_docs(&R)) || (e = lsn_rs_find_duplicates(&R)) || (e = lsn_rs_load_people(&R)) ||
	    (e = lsn_rs_resolve_people(&R)))
		goto done;
	if ((e = lsn_st_exec(st, "DELETE FROM event_sources; DELETE FROM event_parties; "
				 "DELETE FROM event_participants; DELETE FROM events; "
				 "DELETE FROM person_roles; DELETE FROM person_aliases; "
				 "DELETE FROM people; DELETE FROM places")))
		goto done;
	if ((e = write_docs(&R)) || (e = lsn_rs_write_people(&R)))
		goto done;
	if (R.oom) {
		e = lsn_st_fail(st, LSN_ENOMEM, "out of memory");
		goto done;
	}
	forget_mentions(&R);
	if ((e = lsn_rs_load_events(&R)) || (e = lsn_rs_resolve_events(&R)) || (e = lsn_rs_write_events(&R)) ||
	    (e = write_places(&R)) || (e = lsn_rs_commitments(&R)))
		goto done;
	if (R.oom)
		e = lsn_st_fail(st, LSN_ENOMEM, "out of memory");
done:
	resolver_clear(&R);
	if (own_tx) {
		if (e || others)
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
		lsn_db_exec(st->db, sql);
	}
	if (cache) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", cache);
		lsn_db_exec(st->db, sql);
	}
	return e;
}
