/*
 * pipe.c — the documents of `extract` and `ingest` through the pipeline:
 * read on the calling thread, worked on by worker threads, handed back in
 * input order.  Also the progress line.
 *
 * The ring: `nslots` slots, each a document (or a message) with its
 * buffers, reused from one document to the next.  The main thread fills the
 * slot at `head` (waiting, and emitting finished slots meanwhile, while the
 * ring is full or holds more than MAX_INFLIGHT bytes of text), workers take
 * slots in order at `next_work`, and the main thread emits the slot at
 * `tail` once it is done.  So memory is bounded whatever the input size,
 * and output and messages come out exactly as with one thread.  With
 * --jobs 1 there is no thread and no ring: each document is worked on and
 * emitted as soon as it is read.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"

#define SLOTS_PER_JOB 8
#define MAX_INFLIGHT ((size_t)64 << 20) /* bytes of text in the ring, besides one document */
#define KEEP_CAP ((size_t)1 << 20)      /* larger slot buffers are released after use */
#define PROGRESS_NS 250000000LL         /* redraw at most 4 times a second */

enum { SLOT_FREE, SLOT_READY, SLOT_BUSY, SLOT_DONE };

struct cli_pipe {
	struct cli_pipe_cfg cfg;
	struct cli_item *slots;
	size_t nslots;
	unsigned long long head, next_work, tail; /* next to fill, to work on, to emit */
	unsigned long long done_upto;             /* every slot before it is done */
	unsigned long long want;                  /* the main thread waits for done_upto >= want */
	size_t inflight;                          /* bytes of text in READY/BUSY/DONE slots */
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	pthread_t *thr;
	int nthr, quit, stopped;
	int idle, waiting; /* workers waiting for work; the main thread waiting for done slots */
	int bad, fatal;
	size_t docs;
	/* progress */
	int progress, shown;
	long long t0, last;
	unsigned long long base;  /* bytes of the inputs finished */
	unsigned long long total; /* bytes of all inputs (those of known size) */
	int unknown;              /* some input's size is not known: no ETA */
	const lsn_reader *cur;
	int quiet;
	/* the ids of files' own (their stems) given in this run, with their files */
	char **ids, **paths;
	size_t nids, capids;
};

/* ---------------------------------------------------------------- strings */

static void str_reset(struct lsn_buf *b)
{
	if (b->cap > KEEP_CAP)
		lsn_buf_clear(b);
	b->len = 0;
	b->oom = 0;
	if (b->data)
		b->data[0] = 0;
}

static void item_reset(struct cli_item *it)
{
	str_reset(&it->text);
	str_reset(&it->id);
	str_reset(&it->name);
	str_reset(&it->path);
	str_reset(&it->url);
	str_reset(&it->published);
	str_reset(&it->title);
	str_reset(&it->msgs);
	str_reset(&it->out);
	it->kind = CLI_ITEM_DOC;
	it->has_meta = it->pub_given = it->html = 0;
	it->encoding[0] = 0;
	it->dropped = 0;
	it->fallback = 0;
	it->fmt = LSN_FMT_AUTO;
	it->hash[0] = 0;
	it->state = it->skip = it->dup = 0;
	it->doc = NULL;
	it->bad = it->failed = it->fatal = 0;
}

static void item_free(struct cli_item *it)
{
	lsn_buf_clear(&it->text);
	lsn_buf_clear(&it->id);
	lsn_buf_clear(&it->name);
	lsn_buf_clear(&it->path);
	lsn_buf_clear(&it->url);
	lsn_buf_clear(&it->published);
	lsn_buf_clear(&it->title);
	lsn_buf_clear(&it->msgs);
	lsn_buf_clear(&it->out);
	lsn_doc_free(it->doc);
	it->doc = NULL;
}

/* ---------------------------------------------------------------- progress */

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void cli_pipe_clear_progress(struct cli_pipe *p)
{
	if (p->shown) {
		fprintf(stderr, "\r%*s\r", p->shown, "");
		fflush(stderr);
		p->shown = 0;
	}
}

static void draw(struct cli_pipe *p, int force)
{
	if (!p->progress)
		return;
	long long t = now_ns();
	if (!force && t - p->last < PROGRESS_NS)
		return;
	p->last = t;
	unsigned long long done = p->base;
	if (p->cur) {
		unsigned long long d = 0;
		lsn_reader_progress(p->cur, &d, NULL);
		done += d;
	}
	double secs = (double)(t - p->t0) / 1e9;
	double mb = (double)done / 1e6, rate = secs > 0 ? mb / secs : 0;
	char line[200];
	int n;
	if (!p->unknown && p->total && done <= p->total) {
		n = snprintf(line, sizeof line, "%s: %s: %zu documents, %.1f of %.1f MB, %.1f MB/s", cli_prog,
			     p->cfg.what, p->docs, mb, (double)p->total / 1e6, rate);
		if (rate > 0 && secs >= 1) {
			double left = ((double)(p->total - done) / 1e6) / rate;
			long s = left > 359999 ? 359999 : (long)(left + 0.5);
			if (s >= 3600)
				n += snprintf(line + n, sizeof line - (size_t)n, ", ETA %ld:%02ld:%02ld", s / 3600,
					      s / 60 % 60, s % 60);
			else
				n += snprintf(line + n, sizeof line - (size_t)n, ", ETA %ld:%02ld", s / 60, s % 60);
		}
	} else {
		n = snprintf(line, sizeof line, "%s: %s: %zu documents, %.1f MB, %.1f MB/s", cli_prog,
			     p->cfg.what, p->docs, mb, rate);
	}
	if (n < 0)
		return;
	if (n >= (int)sizeof line)
		n = (int)sizeof line - 1;
	/* pad over the rest of a longer line drawn before */
	fprintf(stderr, "\r%s%*s", line, p->shown > n ? p->shown - n : 0, "");
	fflush(stderr);
	p->shown = n;
}

void cli_pipe_add_total(struct cli_pipe *p, unsigned long long bytes) { p->total += bytes; }

/* ---------------------------------------------------------------- the ring */

static void *worker(void *arg)
{
	struct cli_pipe *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->quit && p->next_work == p->head) {
			p->idle++;
			pthread_cond_wait(&p->work_cv, &p->mu);
			p->idle--;
		}
		if (p->next_work == p->head)
			break; /* quit, and nothing left to do */
		struct cli_item *it = &p->slots[p->next_work++ % p->nslots];
		it->slot_state = SLOT_BUSY;
		pthread_mutex_unlock(&p->mu);
		if (it->kind == CLI_ITEM_DOC && !it->skip)
			p->cfg.work(p->cfg.ctx, it);
		pthread_mutex_lock(&p->mu);
		it->slot_state = SLOT_DONE;
		while (p->done_upto < p->next_work && p->slots[p->done_upto % p->nslots].slot_state == SLOT_DONE)
			p->done_upto++;
		if (p->waiting && p->done_upto >= p->want)
			pthread_cond_signal(&p->done_cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Emits the slot at tail (done) and frees it. */
static void emit_tail(struct cli_pipe *p)
{
	struct cli_item *it = &p->slots[p->tail % p->nslots];
	if (it->msgs.len) {
		cli_pipe_clear_progress(p);
		fwrite(it->msgs.data, 1, it->msgs.len, stderr);
	}
	if (it->kind == CLI_ITEM_DOC) {
		if (p->cfg.emit)
			p->cfg.emit(p->cfg.ctx, it);
		p->docs++;
	}
	p->bad |= it->bad;
	p->fatal |= it->fatal;
	lsn_doc_free(it->doc);
	it->doc = NULL;
	size_t len = it->ring_bytes;
	item_reset(it);
	if (p->nthr)
		pthread_mutex_lock(&p->mu);
	p->inflight -= len;
	it->slot_state = SLOT_FREE;
	p->tail++;
	if (p->nthr)
		pthread_mutex_unlock(&p->mu);
	draw(p, 0);
}

/* Waits (the lock held) until the slots before `want` are done. */
static void wait_done(struct cli_pipe *p, unsigned long long want)
{
	p->want = want;
	while (p->done_upto < want) {
		p->waiting = 1;
		if (!p->progress) {
			pthread_cond_wait(&p->done_cv, &p->mu);
		} else { /* wake up now and then to keep the progress line moving */
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += PROGRESS_NS;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			if (pthread_cond_timedwait(&p->done_cv, &p->mu, &ts) == ETIMEDOUT) {
				pthread_mutex_unlock(&p->mu);
				draw(p, 0);
				pthread_mutex_lock(&p->mu);
			}
		}
		p->waiting = 0;
	}
}

/* Emits the finished slots in order.  With `all`, waits for every slot;
 * else waits only when there is no room for one more document.  Either way
 * each document is emitted as soon as it and all before it are done, not
 * when a batch of them is: output is never held back behind later work. */
static void drain(struct cli_pipe *p, int all)
{
	if (!p->nthr)
		return;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		if (p->tail == p->head) {
			pthread_mutex_unlock(&p->mu);
			return;
		}
		if (p->done_upto <= p->tail) {
			int room = p->head - p->tail < p->nslots && p->inflight <= MAX_INFLIGHT;
			if (!all && room) {
				pthread_mutex_unlock(&p->mu);
				return;
			}
			wait_done(p, p->tail + 1);
		}
		unsigned long long upto = p->done_upto;
		pthread_mutex_unlock(&p->mu);
		while (p->tail < upto)
			emit_tail(p);
	}
}

static struct cli_item *get_slot(struct cli_pipe *p)
{
	drain(p, 0);
	struct cli_item *it = &p->slots[p->head % p->nslots];
	item_reset(it);
	return it;
}

/* ---------------------------------------------------------------- ids */

static size_t hash_id(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The slot of id in the table: where it is, or the empty one to put it. */
static size_t id_slot(const struct cli_pipe *p, const char *id)
{
	size_t j = hash_id(id) & (p->capids - 1);
	while (p->ids[j] && strcmp(p->ids[j], id))
		j = (j + 1) & (p->capids - 1);
	return j;
}

/* The file this run read a document of id `id` from, when not `path`. */
static const char *id_seen(const struct cli_pipe *p, const char *id, const char *path)
{
	if (!p->capids)
		return NULL;
	size_t j = id_slot(p, id);
	return p->ids[j] && strcmp(p->paths[j], path) ? p->paths[j] : NULL;
}

static int id_add(struct cli_pipe *p, const char *id, const char *path)
{
	if ((p->nids + 1) * 2 > p->capids) {
		size_t cap = p->capids ? p->capids * 2 : 256;
		struct cli_pipe old = *p;
		p->ids = calloc(cap, sizeof *p->ids);
		p->paths = calloc(cap, sizeof *p->paths);
		if (!p->ids || !p->paths) {
			free(p->ids);
			free(p->paths);
			p->ids = old.ids;
			p->paths = old.paths;
			return -1;
		}
		p->capids = cap;
		for (size_t i = 0; i < old.capids; i++)
			if (old.ids[i]) {
				size_t j = id_slot(p, old.ids[i]);
				p->ids[j] = old.ids[i];
				p->paths[j] = old.paths[i];
			}
		free(old.ids);
		free(old.paths);
	}
	size_t j = id_slot(p, id);
	if (p->ids[j])
		return 0;
	p->ids[j] = strdup(id);
	p->paths[j] = strdup(path);
	if (!p->ids[j] || !p->paths[j]) {
		free(p->ids[j]);
		free(p->paths[j]);
		p->ids[j] = p->paths[j] = NULL;
		return -1;
	}
	p->nids++;
	return 0;
}

static const char *id_holder(struct cli_pipe *p, const char *id, const struct cli_item *it)
{
	const char *h = id_seen(p, id, it->path.data);
	if (!h && p->cfg.id_holder)
		h = p->cfg.id_holder(p->cfg.ctx, id, it);
	return h;
}

/*
 * A file's document has the file's name as its id (its stem), so that ids
 * are what a user sees in the folder; two files of one name in two folders
 * would then be one document, the later replacing the earlier (in this run
 * or, through ingest, one stored before).  The later one is given the id
 * with the names of its folders before it, nearest first ("b-report" for
 * b/report.txt, then "a-b-report"), else a number ("report-2"), and a
 * warning says so each time: the same files give the same ids every run.
 */
static void own_id(struct cli_pipe *p, struct cli_item *it)
{
	const char *path = it->path.data, *id = it->id.data;
	if ((it->fmt != LSN_FMT_TEXT && it->fmt != LSN_FMT_HTML) || !strcmp(path, "-"))
		return;
	const char *holder = id_holder(p, id, it);
	if (holder) {
		struct lsn_buf cand, dirs, other; /* other: a copy, the holder's answer is reused */
		lsn_buf_init(&cand);
		lsn_buf_init(&dirs);
		lsn_buf_init(&other);
		lsn_buf_adds(&other, holder);
		lsn_buf_adds(&dirs, path);
		char *end = dirs.data ? strrchr(dirs.data, '/') : NULL;
		int found = 0;
		/* the folders of the path, nearest first */
		while (end && !found && !dirs.oom) {
			*end = 0;
			char *start = strrchr(dirs.data, '/');
			start = start ? start + 1 : dirs.data;
			if (*start && strcmp(start, ".") && strcmp(start, "..")) {
				struct lsn_buf t;
				lsn_buf_init(&t);
				lsn_buf_printf(&t, "%s-%s", start, cand.len ? cand.data : id);
				cand.len = 0;
				lsn_buf_add(&cand, t.data, t.len);
				lsn_buf_addc(&cand, 0);
				cand.len--;
				lsn_buf_clear(&t);
				found = !cand.oom && !id_holder(p, cand.data, it);
			}
			end = start > dirs.data ? start - 1 : NULL;
		}
		for (int n = 2; !found && n < 100000 && !cand.oom; n++) {
			cand.len = 0;
			lsn_buf_printf(&cand, "%s-%d", id, n);
			found = !cand.oom && !id_holder(p, cand.data, it);
		}
		if (found) {
			if (!p->quiet)
				lsn_buf_printf(&it->msgs, "%s: warning: %s: document id '%s' is that of %s; "
						      "this one is '%s'\n", cli_prog, it->name.data, id,
					       other.data ? other.data : "", cand.data);
			it->id.len = 0;
			lsn_buf_add(&it->id, cand.data, cand.len);
			lsn_buf_addc(&it->id, 0);
			it->id.len--;
		}
		lsn_buf_clear(&cand);
		lsn_buf_clear(&dirs);
		lsn_buf_clear(&other);
	}
	if (id_add(p, it->id.data, path) || it->id.oom) {
		lsn_buf_printf(&it->msgs, "%s: error: %s: out of memory\n", cli_prog, it->name.data);
		it->fatal = 1;
	}
}

static void submit(struct cli_pipe *p, struct cli_item *it)
{
	if (it->kind == CLI_ITEM_DOC)
		own_id(p, it);
	if (it->kind == CLI_ITEM_DOC && p->cfg.prepare)
		p->cfg.prepare(p->cfg.ctx, it);
	if (!p->nthr) {
		if (it->kind == CLI_ITEM_DOC && !it->skip)
			p->cfg.work(p->cfg.ctx, it);
		it->slot_state = SLOT_DONE;
		it->ring_bytes = it->text.len;
		p->inflight += it->ring_bytes;
		p->head++;
		emit_tail(p);
		return;
	}
	pthread_mutex_lock(&p->mu);
	it->slot_state = SLOT_READY;
	it->ring_bytes = it->text.len;
	p->inflight += it->ring_bytes;
	p->head++;
	if (p->idle)
		pthread_cond_signal(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
	draw(p, 0);
}

void cli_pipe_message(struct cli_pipe *p, int bad, const char *fmt, ...)
{
	struct cli_item *it = get_slot(p);
	it->kind = CLI_ITEM_MSG;
	it->bad = bad;
	char small[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= 0) {
		lsn_buf_adds(&it->msgs, small);
		lsn_buf_addc(&it->msgs, '\n');
	}
	if (n < 0 || it->msgs.oom)
		it->fatal = 1;
	submit(p, it);
}

struct cli_pipe *cli_pipe_new(const struct cli_pipe_cfg *cfg)
{
	struct cli_pipe *p = calloc(1, sizeof *p);
	if (!p)
		goto oom;
	p->cfg = *cfg;
	int jobs = cfg->jobs < 1 ? 1 : cfg->jobs;
	p->nslots = jobs == 1 ? 1 : (size_t)jobs * SLOTS_PER_JOB;
	p->slots = calloc(p->nslots, sizeof *p->slots);
	if (!p->slots)
		goto oom;
	for (size_t i = 0; i < p->nslots; i++)
		item_reset(&p->slots[i]);
	p->progress = cfg->progress;
	p->t0 = p->last = now_ns();
	if (jobs == 1)
		return p;
	if (pthread_mutex_init(&p->mu, NULL) || pthread_cond_init(&p->work_cv, NULL) ||
	    pthread_cond_init(&p->done_cv, NULL))
		goto oom;
	p->thr = calloc((size_t)jobs, sizeof *p->thr);
	if (!p->thr)
		goto oom;
	for (int i = 0; i < jobs; i++) {
		if (pthread_create(&p->thr[i], NULL, worker, p))
			break;
		p->nthr++;
	}
	if (!p->nthr) { /* no threads to be had: do it all here */
		p->nslots = 1;
	}
	return p;
oom:
	fprintf(stderr, "%s: error: out of memory\n", cli_prog);
	if (p) {
		free(p->slots);
		free(p);
	}
	return NULL;
}

void cli_pipe_stop(struct cli_pipe *p) { p->stopped = 1; }

int cli_pipe_finish(struct cli_pipe *p, size_t *docs)
{
	drain(p, 1);
	if (p->nthr) {
		pthread_mutex_lock(&p->mu);
		p->quit = 1;
		pthread_cond_broadcast(&p->work_cv);
		pthread_mutex_unlock(&p->mu);
		for (int i = 0; i < p->nthr; i++)
			pthread_join(p->thr[i], NULL);
	}
	if (p->thr) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->work_cv);
		pthread_cond_destroy(&p->done_cv);
	}
	cli_pipe_clear_progress(p);
	for (size_t i = 0; i < p->nslots; i++)
		item_free(&p->slots[i]);
	int rc = p->fatal ? 3 : p->bad ? 1 : 0;
	if (docs)
		*docs = p->docs;
	for (size_t i = 0; i < p->capids; i++) {
		free(p->ids[i]);
		free(p->paths[i]);
	}
	free(p->ids);
	free(p->paths);
	free(p->thr);
	free(p->slots);
	free(p);
	return rc;
}

/* ---------------------------------------------------------------- reading */

/* Does the text open with the title (after white space)? */
static int opens_with(const char *text, size_t len, const char *title)
{
	size_t i = 0, n = strlen(title);
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	return len - i >= n && !memcmp(text + i, title, n);
}

/* The title, when the text does not open with it, becomes the first line:
 * the headline, as in a text file. */
static void add_title(struct lsn_buf *b, const char *text, size_t len, const char *title)
{
	if (!title || !*title || opens_with(text, len, title))
		return;
	for (const char *t = title; *t; t++)
		lsn_buf_addc(b, *t == '\n' || *t == '\r' || *t == '\t' ? ' ' : *t);
	lsn_buf_addc(b, '\n');
}

int cli_item_complete(struct cli_item *it, const lsn_tables *kb)
{
	if (!it->html)
		return 1;
	struct lsn_buf text, title, canon;
	char pub[11] = "";
	lsn_buf_init(&text);
	lsn_buf_init(&title);
	lsn_buf_init(&canon);
	int rc = 1;
	int fallback = 0;
	int st = lsn_html_page_ex(kb, it->text.data, it->text.len, it->encoding[0] ? it->encoding : NULL,
				  it->url.len ? it->url.data : NULL, &text, pub, &title, &canon, &fallback);
	if (st) {
		/* the messages of the reader without raw mode */
		const char *why = st == LSN_ENOMEM ? "out of memory"
				  : it->fmt == LSN_FMT_JSONL ? "html could not be read"
				  : it->fmt == LSN_FMT_HTML ? "not HTML" : "HTML could not be read";
		lsn_buf_printf(&it->msgs, "%s: error: %s: %s\n", cli_prog, it->name.data, why);
		it->bad = 1;
		it->fatal = st == LSN_ENOMEM;
		rc = -1;
	} else if (!text.len && it->fmt == LSN_FMT_HTML) {
		lsn_buf_printf(&it->msgs, "%s: error: %s: no article text found in the page\n", cli_prog, it->name.data);
		it->bad = 1;
		rc = -1;
	} else if (!text.len && it->fmt == LSN_FMT_WARC) {
		it->dropped = 1; /* as the reader passes over such a record */
		rc = 0;
	} else {
		/* the reader's title, date and URL win over the page's */
		struct lsn_buf t;
		lsn_buf_init(&t);
		const char *ttl = it->title.len ? it->title.data : title.len ? title.data : NULL;
		add_title(&t, text.data ? text.data : "", text.len, ttl);
		lsn_buf_add(&t, text.data ? text.data : "", text.len);
		if (!it->pub_given && pub[0]) {
			it->published.len = 0;
			lsn_buf_adds(&it->published, pub);
		}
		if (!it->url.len && canon.len && it->fmt == LSN_FMT_HTML)
			lsn_buf_add(&it->url, canon.data, canon.len);
		if (t.oom || it->published.oom || it->url.oom) {
			lsn_buf_clear(&t);
			lsn_buf_printf(&it->msgs, "%s: error: %s: out of memory\n", cli_prog, it->name.data);
			it->fatal = 1;
			rc = -1;
		} else {
			lsn_buf_clear(&it->text);
			it->text = t;
			it->html = 0;
			it->fallback = fallback;
		}
	}
	lsn_buf_clear(&text);
	lsn_buf_clear(&title);
	lsn_buf_clear(&canon);
	return rc;
}

lsn_doc *cli_item_doc(struct cli_item *it, const lsn_tables *kb, int *binary)
{
	lsn_doc *doc = NULL;
	size_t bad = 0;
	const char *name = it->name.data;
	*binary = 0;
	if (cli_item_complete(it, kb) <= 0) /* a page read raw: its article */
		return NULL;
	enum lsn_status st = lsn_doc_new(it->id.data, it->text.data, it->text.len,
					 it->published.len ? it->published.data : NULL, &doc, &bad);
	if (st == LSN_EBINARY) {
		lsn_buf_printf(&it->msgs, "%s: error: %s:byte %zu: binary data, not text; skipped\n", cli_prog,
			       name, bad);
		*binary = it->bad = 1;
		return NULL;
	}
	if (st) {
		lsn_buf_printf(&it->msgs, "%s: error: %s: %s\n", cli_prog, name, lsn_strerror(st));
		it->fatal = 1;
		return NULL;
	}
	size_t ni = lsn_doc_issue_count(doc);
	for (size_t i = 0; i < ni; i++) {
		const struct lsn_issue *is = lsn_doc_issue(doc, i);
		lsn_buf_printf(&it->msgs, "%s: error: %s:byte %zu: %s\n", cli_prog, name, is->offset, is->message);
	}
	if (ni)
		it->bad = 1;
	return doc;
}

/* The reader's document -> the slot. */
static int fill(struct cli_item *it, const struct lsn_input *in, const char *path,
		enum lsn_input_format fmt, const struct cli_read_opts *o)
{
	it->kind = CLI_ITEM_DOC;
	it->fmt = fmt;
	lsn_buf_adds(&it->id, in->id);
	lsn_buf_adds(&it->path, path);
	lsn_buf_adds(&it->name, path);
	if (in->where && *in->where)
		lsn_buf_printf(&it->name, ": %s", in->where);
	if (in->html) { /* raw: the worker extracts the article and adds the title */
		it->html = 1;
		snprintf(it->encoding, sizeof it->encoding, "%s", in->encoding ? in->encoding : "");
		lsn_buf_add(&it->text, in->text, in->len);
	} else {
		add_title(&it->text, in->text, in->len, in->title);
		lsn_buf_add(&it->text, in->text, in->len);
	}
	if (in->title)
		lsn_buf_adds(&it->title, in->title);
	if (in->published)
		lsn_buf_adds(&it->published, in->published);
	else if (o->published)
		lsn_buf_adds(&it->published, o->published);
	it->pub_given = in->published != NULL;
	if (in->url)
		lsn_buf_adds(&it->url, in->url);
	it->has_meta = in->published || in->url || in->title || in->html;
	return it->id.oom || it->path.oom || it->name.oom || it->text.oom || it->title.oom ||
	       it->published.oom || it->url.oom ? -1 : 0;
}

static void read_docs(struct cli_pipe *p, lsn_reader *r, const char *path, const struct cli_read_opts *o)
{
	char err[1024];
	struct lsn_input in;
	enum lsn_input_format fmt = lsn_reader_format(r);
	p->cur = r;
	while (!p->stopped && !p->fatal) {
		int rc = lsn_reader_next(r, &in, err, sizeof err);
		if (rc == 0)
			break;
		if (rc < 0) {
			cli_pipe_message(p, 1, "%s: error: %s", cli_prog, err);
			if (rc == -2)
				break;
			continue;
		}
		struct cli_item *it = get_slot(p);
		if (fill(it, &in, path, fmt, o)) {
			item_reset(it);
			it->kind = CLI_ITEM_MSG;
			lsn_buf_printf(&it->msgs, "%s: error: %s: out of memory\n", cli_prog, path);
			it->fatal = 1;
		}
		submit(p, it);
	}
	p->cur = NULL;
}

void cli_pipe_read(struct cli_pipe *p, const struct cli_inputs *l, const struct cli_read_opts *o)
{
	char err[1024];
	p->quiet = o->quiet;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].path && !strcmp(l->v[i].path, "-") && !l->v[i].size)
			p->unknown = 1; /* a pipe: no ETA */
	p->total += l->total;
	for (size_t i = 0; i < l->n && !p->stopped && !p->fatal; i++) {
		const struct cli_input *x = &l->v[i];
		if (x->msg) {
			cli_pipe_message(p, 1, "%s", x->msg);
			continue;
		}
		lsn_reader *r = lsn_reader_open(x->path, o->fmt, o->map, err, sizeof err);
		if (!r) {
			cli_pipe_message(p, 1, "%s: error: %s", cli_prog, err);
			p->base += x->size;
			continue;
		}
		lsn_reader_set_raw_html(r, 1); /* pages are extracted by the workers */
		/* in a folder, an .xml file is read only when it is a feed */
		if (x->in_folder && o->fmt == LSN_FMT_AUTO && lsn_format_of_name(x->path) == LSN_FMT_FEED &&
		    lsn_reader_format(r) != LSN_FMT_FEED) {
			if (!o->quiet)
				cli_pipe_message(p, 0, "%s: warning: %s: not an RSS or Atom feed; skipped", cli_prog,
						 x->path);
		} else {
			read_docs(p, r, x->path, o);
		}
		unsigned long long done = 0;
		lsn_reader_progress(r, &done, NULL);
		p->base += x->size ? x->size : done;
		lsn_reader_free(r);
	}
}

void cli_pipe_read_feed(struct cli_pipe *p, const char *url, const char *bytes, size_t len,
			const struct cli_read_opts *o)
{
	char err[1024];
	if (p->stopped || p->fatal)
		return;
	lsn_reader *r = lsn_reader_open_feed_mem(url, bytes, len, err, sizeof err);
	if (!r) {
		cli_pipe_message(p, 1, "%s: error: %s", cli_prog, err);
		return;
	}
	read_docs(p, r, url, o);
	p->base += len;
	lsn_reader_free(r);
}

/* ---------------------------------------------------------------- options */

int cli_parse_jobs(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 1024)
		return -1;
	return (int)v;
}

int cli_check_map(const char *map)
{
	static const char *const fields[] = {"id", "url", "title", "text", "html", "published", "lang"};
	const char *p = map;
	if (!*p)
		return -1;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		if (!eq || eq + 1 == p + n)
			return -1;
		int ok = 0;
		for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
			if (strlen(fields[i]) == (size_t)(eq - p) && !memcmp(p, fields[i], (size_t)(eq - p)))
				ok = 1;
		if (!ok)
			return -1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}
