/*
 * resolve_int.h — private to the resolution across documents (resolve.c,
 * resolve_dups.c, resolve_people.c, resolve_events.c): the facts loaded from
 * the knowledge base, the resolver that holds them, and what its files call
 * in one another.  resolve.c describes the method.
 */
#ifndef LSN_RESOLVE_INT_H
#define LSN_RESOLVE_INT_H

#include "store/store_int.h"

/* ---- the loaded facts ---- */

struct arena {
	char **blocks;
	size_t nblocks, capblocks;
	size_t used, cap;
	int oom;
};

/* Interned strings: each distinct string gets a number (1-based; 0 = none). */
struct intern {
	struct lsn_map map; /* hash -> number; collisions chain through `next` */
	const char **strs;  /* strs[number - 1] */
	uint32_t *next;
	size_t n, cap;
	struct arena *arena;
};

struct ymd {
	int16_t y;
	int8_t m, d;
	uint8_t prec; /* DP_* */
};

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

/* One string of a fact with where it was seen, to count and sort (the writers). */
struct tally {
	const char *s;
	uint32_t doc;
	const char *date;
	uint32_t extra;
};

/* ---- resolve.c: small tools (a string arena, interned strings, union-find,
 * dates), the resolver's strings, the writers' helpers ---- */

/* A copy of s in the arena (freed with it); NULL, a->oom set, when out of memory. */
char *lsn_rs_arena_dup(struct arena *a, const char *s);
/* The number of s (1-based), added when new; 0 for NULL or "", and when out of memory. */
uint32_t lsn_rs_intern(struct intern *t, const char *s);
/* The number of s, or 0 when it was never interned. */
uint32_t lsn_rs_intern_find(const struct intern *t, const char *s);
/* A 64-bit finaliser (splitmix64): spreads hashes of similar strings. */
uint64_t lsn_rs_mix64(uint64_t z);
/* The root of x in the union-find forest p (paths halved on the way). */
uint32_t lsn_rs_uf_find(uint32_t *p, uint32_t x);
/* qsort, but nothing to do (and no pointer to touch) for fewer than two. */
void lsn_rs_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" with its precision; DP_NONE for NULL or "". */
struct ymd lsn_rs_parse_date(const char *s);
/* Equal at the coarser precision of the two (an undated one fits any). */
int lsn_rs_date_fits(struct ymd a, struct ymd b);
/* The index in R->docs (sorted by id) of the document `id`, or -1. */
int32_t lsn_rs_find_doc(const struct resolver *R, const char *id);
/* A copy of s (NULL as "") in R's arena; "" with R->oom set when out of memory. */
const char *lsn_rs_dup(struct resolver *R, const char *s);
/* A string that many rows share (a name, a role, a date, an org): one copy
 * of each, so that memory does not grow with every mention.  "" and NULL
 * give `empty`. */
const char *lsn_rs_text(struct resolver *R, const char *s, const char *empty);
/* String number i of R->strs; NULL for 0. */
const char *lsn_rs_str_of(const struct resolver *R, uint32_t i);
/* qsort order of tallies: by string, extra, date (none last), document. */
int lsn_rs_cmp_tally(const void *a, const void *b);
/* Distinct documents in a run of tallies, near-duplicates counted once;
 * (size_t)-1 when out of memory. */
size_t lsn_rs_distinct_docs(const struct resolver *R, const struct tally *t, size_t n);
/* For the writers' one cleanup label: `if (failed && lsn_rs_nomem(R, &e)) goto out;`
 * sets e (and the message) and is true. */
int lsn_rs_nomem(struct resolver *R, enum lsn_status *e);
/* The cached statement for sql; NULL with *e = LSN_EDB (message set). */
lsn_stmt *lsn_rs_prep(struct resolver *R, enum lsn_status *e, const char *sql);

/* ---- resolve_dups.c ---- */

/* Near-duplicates: documents whose SimHashes differ in few bits. */
enum lsn_status lsn_rs_find_duplicates(struct resolver *R);

/* ---- resolve_people.c ---- */

/* The knowledge tables' place `id`, or -1 (also without tables). */
int32_t lsn_rs_kb_place(const lsn_tables *kb, const char *id);
/* Reads the person mentions, their names mapped to keys and their claims
 * (role, org, country, year). */
enum lsn_status lsn_rs_load_people(struct resolver *R);
/* Groups the mentions into people: one per key, split where countries or
 * roles conflict. */
enum lsn_status lsn_rs_resolve_people(struct resolver *R);
/* Writes people, their aliases and roles, and the person_id of mentions. */
enum lsn_status lsn_rs_write_people(struct resolver *R);

/* ---- resolve_events.c ---- */

/* Sorts list[0..n) and removes repeats; returns the new length. */
size_t lsn_rs_uniq(uint32_t *list, size_t n);
/* Reads the event mentions with their participants (people) and parties. */
enum lsn_status lsn_rs_load_events(struct resolver *R);
/* Frees the lists a cluster owns. */
void lsn_rs_agg_free(struct agg *g);
/* Merges the mentions into clusters (R->uf, R->aggs): the events. */
enum lsn_status lsn_rs_resolve_events(struct resolver *R);
/* Writes events, their participants, parties and sources, and the event_id
 * of mentions. */
enum lsn_status lsn_rs_write_events(struct resolver *R);

/* ---- resolve_commit.c ---- */

/* Commitments: speaker, event, date, and the later facts that follow them up
 * (data/followups.tsv).  After events and places are written. */
enum lsn_status lsn_rs_commitments(struct resolver *R);

#endif
