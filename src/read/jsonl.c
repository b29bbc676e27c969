/*
 * read_jsonl.c — JSON Lines: one article per line (part of "read").
 *
 * Each line is a JSON object with the fields id, url, title, text or html,
 * published, lang (all optional, but text or html must be there; html goes
 * through the article extractor of read_html.c).  A map renames fields
 * ("text=content,published=date").  jansson parses each line; a bad line
 * is reported with its number and jansson's message, and reading goes on
 * with the next.  Lines may be of any length up to LSN_RD_MAX_DOC; they are
 * read in chunks, never the whole file.
 */
#define _GNU_SOURCE /* strndup */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "read/read_int.h"

enum { F_ID, F_URL, F_TITLE, F_TEXT, F_HTML, F_PUBLISHED, F_LANG, F_MAX };
static const char *const field_names[F_MAX] = {"id", "url", "title", "text", "html",
					       "published", "lang"};

struct jsonl {
	char *keys[F_MAX];      /* the JSON key read for each field */
	char chunk[65536];
	size_t clen, cpos;
	struct lsn_buf line;
	unsigned long lineno;
	int at_end;
};

static void jsonl_free(void *p)
{
	struct jsonl *j = p;
	for (int i = 0; i < F_MAX; i++)
		free(j->keys[i]);
	lsn_buf_clear(&j->line);
	free(j);
}

/* Reads the next line into j->line (without '\n').  Returns 1, 0 at the end,
 * 2 when it was longer than the limit (then skipped whole). */
static int get_line(lsn_reader *r, struct jsonl *j)
{
	j->line.len = 0;
	int any = 0, toolong = 0;
	for (;;) {
		if (j->cpos == j->clen) {
			j->clen = lsn_rd_read(r, j->chunk, sizeof j->chunk);
			j->cpos = 0;
			if (!j->clen) {
				j->at_end = 1;
				return any ? (toolong ? 2 : 1) : 0;
			}
		}
		any = 1;
		const char *s = j->chunk + j->cpos;
		size_t n = j->clen - j->cpos;
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) : n;
		if (!toolong) {
			if (j->line.len + k > LSN_RD_MAX_DOC) {
				toolong = 1;
				j->line.len = 0;
			} else {
				lsn_buf_add(&j->line, s, k);
			}
		}
		j->cpos += nl ? k + 1 : k;
		if (nl)
			return toolong ? 2 : 1;
	}
}

static const char *str_field(json_t *o, const char *key, size_t *len)
{
	json_t *v = json_object_get(o, key);
	if (json_is_string(v)) {
		*len = json_string_length(v);
		return json_string_value(v);
	}
	return NULL;
}

static int next_jsonl(lsn_reader *r, char *err, size_t errlen)
{
	struct jsonl *j = r->fs;
	for (;;) {
		if (j->at_end)
			return r->ioerr ? (lsn_rd_err(r, err, errlen, "%s", strerror(r->ioerr)), -2) : 0;
		int rc = get_line(r, j);
		if (rc == 0)
			return r->ioerr ? (lsn_rd_err(r, err, errlen, "%s", strerror(r->ioerr)), -2) : 0;
		j->lineno++;
		snprintf(r->where, sizeof r->where, "line %lu", j->lineno);
		if (rc == 2) {
			lsn_rd_err(r, err, errlen, "line %lu: longer than %zu MiB; skipped", j->lineno,
				   LSN_RD_MAX_DOC >> 20);
			return -1;
		}
		if (j->line.oom) {
			j->line.oom = 0;
			lsn_rd_err(r, err, errlen, "line %lu: out of memory", j->lineno);
			return -1;
		}
		size_t n = j->line.len;
		const char *s = j->line.data ? j->line.data : "";
		while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		size_t b = 0;
		while (b < n && (s[b] == ' ' || s[b] == '\t'))
			b++;
		if (b == n)
			continue; /* blank line */
		json_error_t je;
		json_t *o = json_loadb(s + b, n - b, 0, &je);
		if (!o) {
			lsn_rd_err(r, err, errlen, "line %lu: %s", j->lineno, je.text);
			return -1;
		}
		if (!json_is_object(o)) {
			json_decref(o);
			lsn_rd_err(r, err, errlen, "line %lu: not a JSON object", j->lineno);
			return -1;
		}
		size_t tl = 0, hl = 0, l = 0;
		const char *text = str_field(o, j->keys[F_TEXT], &tl);
		const char *html = text ? NULL : str_field(o, j->keys[F_HTML], &hl);
		if (!text && !html) {
			json_decref(o);
			lsn_rd_err(r, err, errlen, "line %lu: no \"%s\" or \"%s\" string", j->lineno,
				   j->keys[F_TEXT], j->keys[F_HTML]);
			return -1;
		}
		const char *url = str_field(o, j->keys[F_URL], &l);
		if (url)
			lsn_rd_set(&r->url, url, l);
		const char *title = str_field(o, j->keys[F_TITLE], &l);
		if (title)
			lsn_rd_set(&r->title, title, l);
		const char *pub = str_field(o, j->keys[F_PUBLISHED], &l);
		if (pub)
			lsn_date_meta(pub, l, r->published);
		json_t *id = json_object_get(o, j->keys[F_ID]);
		if (json_is_string(id) && json_string_length(id))
			lsn_rd_set(&r->id, json_string_value(id), json_string_length(id));
		else if (json_is_integer(id)) {
			char num[32];
			int k = snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
			lsn_rd_set(&r->id, num, (size_t)k);
		} else {
			char num[32];
			int k = snprintf(num, sizeof num, ":%lu", j->lineno);
			lsn_rd_set(&r->id, r->stem, strlen(r->stem));
			lsn_buf_add(&r->id, num, (size_t)k);
			lsn_buf_addc(&r->id, 0);
			r->id.len--;
		}
		if (text) {
			lsn_buf_add(&r->text, text, tl);
		} else if (r->raw_html) { /* the page as it is: the caller extracts it */
			lsn_buf_add(&r->text, html, hl);
			r->is_html = 1;
			/* a JSON string is Unicode: the page's <meta> charset no longer holds */
			snprintf(r->encoding, sizeof r->encoding, "UTF-8");
		} else {
			struct lsn_buf t2;
			lsn_buf_init(&t2);
			struct lsn_html_out ho = {.text = &r->text, .title = &t2, .url = NULL};
			int st = lsn_html_extract(html, hl, "UTF-8", url, 0, &ho);
			if (st == LSN_OK) {
				if (!title && t2.len)
					lsn_rd_set(&r->title, t2.data, t2.len);
				if (!r->published[0])
					memcpy(r->published, ho.published, 11);
			}
			lsn_buf_clear(&t2);
			if (st) {
				json_decref(o);
				lsn_rd_err(r, err, errlen, "line %lu: %s", j->lineno,
					   st == LSN_ENOMEM ? "out of memory" : "html could not be read");
				return -1;
			}
		}
		json_decref(o);
		return 1;
	}
}

int lsn_rd_jsonl_init(lsn_reader *r, const char *map, char *err, size_t errlen)
{
	struct jsonl *j = calloc(1, sizeof *j);
	if (!j) {
		lsn_rd_err(r, err, errlen, "out of memory");
		return -1;
	}
	lsn_buf_init(&j->line);
	r->fs = j;
	r->free_fs = jsonl_free;
	r->next = next_jsonl;
	const char *p = map ? map : "";
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		int f = -1;
		if (eq)
			for (int i = 0; i < F_MAX; i++)
				if (strlen(field_names[i]) == (size_t)(eq - p) &&
				    !memcmp(p, field_names[i], (size_t)(eq - p)))
					f = i;
		if (f < 0 || eq + 1 == p + n) {
			if (err && errlen)
				snprintf(err, errlen, "bad field map \"%s\": want FIELD=KEY,... with FIELD one "
					 "of id, url, title, text, html, published, lang", map);
			return -1;
		}
		free(j->keys[f]);
		j->keys[f] = strndup(eq + 1, n - (size_t)(eq + 1 - p));
		if (!j->keys[f]) {
			lsn_rd_err(r, err, errlen, "out of memory");
			return -1;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	for (int i = 0; i < F_MAX; i++)
		if (!j->keys[i] && !(j->keys[i] = strdup(field_names[i]))) {
			lsn_rd_err(r, err, errlen, "out of memory");
			return -1;
		}
	return 0;
}
