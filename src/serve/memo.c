/*
 * memo.c — a memo of rendered JSON shared by the server's threads
 * (api_events.c): the item of an event as the lists give it, keyed by the
 * event's id, so a page of events costs one index scan and a look-up per
 * row instead of the joins that make each item; and whole answers that
 * count over many events (a place's page, the network).
 *
 * Correctness rests on generations: every entry carries the generation of
 * the database it was made from; serve.c moves the generation on as soon as
 * a thread's connection sees that another connection (an ingest) changed
 * the file (SQLite's data version), and an entry of another generation is
 * never returned.  Memory is bounded: a shard that grows past its share is
 * emptied (the memo is a cache: losing entries costs time only).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "serve/serve_int.h"

#define SHARDS 16

struct entry {
	uint64_t hash;
	unsigned gen;
	size_t klen, vlen;
	char *kv; /* key then value, not NUL-terminated */
};

struct shard {
	pthread_mutex_t mu;
	struct entry *slots; /* open addressing, linear probing; kv NULL = free */
	size_t cap, used, bytes;
};

struct lsn_memo {
	struct shard shards[SHARDS];
	size_t max_bytes; /* per shard */
};

struct lsn_memo *lsn_memo_new(size_t max_bytes)
{
	struct lsn_memo *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->max_bytes = max_bytes / SHARDS;
	for (int i = 0; i < SHARDS; i++)
		pthread_mutex_init(&m->shards[i].mu, NULL);
	return m;
}

static void shard_empty(struct shard *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i].kv);
	free(s->slots);
	s->slots = NULL;
	s->cap = s->used = s->bytes = 0;
}

void lsn_memo_free(struct lsn_memo *m)
{
	if (!m)
		return;
	for (int i = 0; i < SHARDS; i++) {
		shard_empty(&m->shards[i]);
		pthread_mutex_destroy(&m->shards[i].mu);
	}
	free(m);
}

static struct entry *find(struct shard *s, uint64_t h, const char *key, size_t klen)
{
	if (!s->cap)
		return NULL;
	for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		struct entry *e = &s->slots[i];
		if (!e->kv)
			return e;
		if (e->hash == h && e->klen == klen && !memcmp(e->kv, key, klen))
			return e;
	}
}

int lsn_memo_get(struct lsn_memo *m, unsigned gen, const char *key, size_t klen, struct lsn_buf *out)
{
	uint64_t h = lsn_hash_bytes(key, klen);
	struct shard *s = &m->shards[h % SHARDS];
	int hit = 0;
	pthread_mutex_lock(&s->mu);
	struct entry *e = find(s, h, key, klen);
	if (e && e->kv && e->gen == gen) {
		lsn_buf_add(out, e->kv + klen, e->vlen);
		hit = 1;
	}
	pthread_mutex_unlock(&s->mu);
	return hit;
}

/* Doubles the table of s; -1 when out of memory. */
static int grow(struct shard *s)
{
	size_t cap = s->cap ? s->cap * 2 : 256;
	struct entry *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < s->cap; i++) {
		struct entry *e = &s->slots[i];
		if (!e->kv)
			continue;
		size_t j = e->hash & (cap - 1);
		while (slots[j].kv)
			j = (j + 1) & (cap - 1);
		slots[j] = *e;
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return 0;
}

void lsn_memo_put(struct lsn_memo *m, unsigned gen, const char *key, size_t klen, const char *val,
		  size_t vlen)
{
	uint64_t h = lsn_hash_bytes(key, klen);
	struct shard *s = &m->shards[h % SHARDS];
	char *kv = malloc(klen + vlen + 1);
	if (!kv)
		return;
	memcpy(kv, key, klen);
	memcpy(kv + klen, val, vlen);
	pthread_mutex_lock(&s->mu);
	if (s->bytes + klen + vlen > m->max_bytes)
		shard_empty(s); /* full: start again (entries of old generations go too) */
	if ((s->used + 1) * 4 > s->cap * 3 && grow(s)) {
		pthread_mutex_unlock(&s->mu);
		free(kv);
		return;
	}
	struct entry *e = find(s, h, key, klen);
	if (e->kv) { /* replace (another generation, or a race between two threads) */
		s->bytes -= e->klen + e->vlen;
		free(e->kv);
	} else {
		s->used++;
	}
	e->hash = h;
	e->gen = gen;
	e->klen = klen;
	e->vlen = vlen;
	e->kv = kv;
	s->bytes += klen + vlen;
	pthread_mutex_unlock(&s->mu);
}
