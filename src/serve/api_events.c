/*
 * api_events.c — the events of the JSON API: /api/events (a list, paged by
 * date and id, filtered as `liaison events` is: LSN_SQL_EVENT_WHERE),
 * /api/events/{id} (one event with its participants, parties and every
 * source with its evidence) and /api/timeline (events per month and type).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "serve/serve_int.h"

/* ---- event filters (events, timeline) ---- */

static const char *const event_params[] = {"party*", "person", "type", "since", "until", "lang*", NULL};

/* Reads and checks the filters; places and people through the knowledge tables. */
static int event_filter_read(struct lsn_api *a, struct lsn_event_filter *f)
{
	const char *parties[LSN_API_MAX_PARTIES], *langs[LSN_API_MAX_LANGS];
	size_t np = 0, nl = 0;
	enum lsn_status e;
	memset(f, 0, sizeof *f);
	if (lsn_api_param_all(a, "party", parties, LSN_API_MAX_PARTIES, &np) ||
	    lsn_api_param_all(a, "lang", langs, LSN_API_MAX_LANGS, &nl))
		return -1;
	f->type = lsn_api_param(a, "type");
	f->since = lsn_api_param(a, "since");
	f->until = lsn_api_param(a, "until");
	if ((e = lsn_event_filter_check(a->st, f)))
		return lsn_api_store_fail(a, e, "checking the filters");
	f->month = lsn_api_param(a, "month");
	if (f->month && (strlen(f->month) != 7 || !lsn_valid_date(f->month)))
		return lsn_api_bad(a, "month must be YYYY-MM, not '%s'", f->month);
	if (lsn_api_langs(a, langs, nl, &f->langs))
		return -1;
	f->has_langs = nl > 0;
	for (size_t i = 0; i < np; i++)
		if (!*parties[i])
			return lsn_api_bad(a, "party must name a place");
	if ((e = lsn_event_filter_parties(a->st, a->kb, parties, np, f)))
		return lsn_api_store_fail(a, e, "finding places");
	const char *person = lsn_api_param(a, "person");
	if (person) {
		if (!*person)
			return lsn_api_bad(a, "person must name someone");
		size_t n = 0;
		f->has_people = 1;
		if ((e = lsn_q_person_or_id(a->st, a->kb, person, &f->people, &n)))
			return lsn_api_store_fail(a, e, "finding a person");
	}
	if (f->parties.oom || f->people.oom || f->langs.oom)
		return lsn_api_internal(a, "out of memory");
	return 0;
}

/* ---- /api/events ---- */

/* An event as the lists give it (over `e`). */
#define EVENT_JSON \
	"json_object('id', e.id, 'date', e.date, 'type', e.type, 'place', e.place, " \
	"'participants', json((SELECT json_group_array(json_object('id', x.id, 'name', x.name)) FROM " \
	"  (SELECT p.id, p.name " LSN_SQL_EVENT_PEOPLE("e.id") ") x)), " \
	"'parties', json((SELECT json_group_array(place) FROM (" LSN_SQL_EVENT_PARTIES("e.id") "))), " \
	"'languages', json((SELECT json_group_array(lang) FROM (SELECT DISTINCT d.lang FROM " \
	"  " LSN_SQL_EVENT_SOURCES("e.id") " AND d.lang IS NOT NULL ORDER BY d.lang))), " \
	"'n_sources', e.n_sources, 'n_documents', e.n_documents)"

/* The item of the event whose id is column 0 of row: from the memo, else
 * made (the joins cost some 20 us an event) and remembered. */
static int event_item(struct lsn_api *a, lsn_stmt *row, struct lsn_buf *out, const void *ctx)
{
	(void)ctx;
	char key[600];
	int n = snprintf(key, sizeof key, "e:%s", lsn_col(row, 0));
	size_t klen = n > 0 && (size_t)n < sizeof key ? (size_t)n : 0;
	if (klen && a->memo && lsn_memo_get(a->memo, a->gen, key, klen, out))
		return 0;
	lsn_stmt *s = lsn_api_prep(a, "SELECT " EVENT_JSON " FROM events e WHERE e.id = ?1");
	if (!s)
		return -1;
	lsn_bind_textn(s, 1, lsn_col(row, 0), -1, LSN_DB_COPY);
	int rc = lsn_step(s);
	size_t at = out->len;
	if (rc == LSN_DB_ROW)
		lsn_buf_add(out, lsn_col_text(s, 0), (size_t)lsn_col_bytes(s, 0));
	lsn_reset(s);
	if (rc != LSN_DB_ROW)
		return lsn_api_db_fail(a, "reading an event");
	if (klen && a->memo && !out->oom)
		lsn_memo_put(a->memo, a->gen, key, klen, out->data + at, out->len - at);
	return 0;
}

void lsn_api_events(struct lsn_api *a)
{
	struct lsn_event_filter f;
	struct lsn_api_page pg;
	memset(&pg, 0, sizeof pg);
	if (lsn_api_check_params(a, (const char *const[]){"party*", "person", "type", "since", "until",
							  "lang*", "month", "limit", "cursor", NULL}, 1) ||
	    lsn_api_page_init(a, &pg, "events", "ss", 50, 1000))
		goto done0;
	if (event_filter_read(a, &f))
		goto done;
	/* in date order, undated last ('~' sorts after digits): the index events_order,
	 * read from the cursor's key, or from the first date the filters allow, to the
	 * last they allow (?11); a date of the year only sorts before the months of its
	 * year ("2024" < "2024-05") and is within since=2024-05: a since-date starts at
	 * its year */
	lsn_stmt *s = lsn_api_prep(a,
		"SELECT e.id, coalesce(e.date, '~'), e.id FROM events e "
		"WHERE coalesce(e.date, '~') >= ?1 AND (coalesce(e.date, '~') > ?1 OR e.id > ?2) "
		"AND coalesce(e.date, '~') <= ?11 AND " LSN_SQL_EVENT_WHERE
		"ORDER BY coalesce(e.date, '~'), e.id LIMIT ?9");
	if (!s)
		goto done;
	lsn_api_page_bind(&pg, s, 9);
	lsn_event_filter_bind(&f, s);
	char lo[16] = "", hi[16] = "~~"; /* '~~' sorts after every key */
	const char *from = f.month ? f.month : f.since, *to = f.month ? f.month : f.until;
	if (from) /* a month excludes the dates of its year only: it starts at itself */
		snprintf(lo, sizeof lo, "%.*s", f.month ? 7 : 4, from);
	if (to)
		snprintf(hi, sizeof hi, "%s~", to);
	const char *ck = pg.cursor ? json_string_value(json_array_get(pg.cursor, 1)) : "";
	if (strcmp(lo, ck) > 0) { /* the filters start after the cursor: start there */
		lsn_bind_textn(s, 1, lo, -1, LSN_DB_COPY);
		lsn_bind_textn(s, 2, "", -1, LSN_DB_STATIC);
	}
	lsn_bind_textn(s, 11, hi, -1, LSN_DB_COPY);
	if (!lsn_api_page_rows(a, &pg, s, "listing events", event_item))
		lsn_api_page_answer(a, &pg, "id,date,type,place,participants.name,participants.id,parties,languages,"
				    "n_sources,n_documents", "events");
done:
	lsn_event_filter_clear(&f);
done0:
	lsn_api_page_clear(&pg);
}

/* ---- /api/events/{id} ---- */

void lsn_api_event(struct lsn_api *a, const char *id)
{
	if (lsn_api_check_params(a, (const char *const[]){NULL}, 0))
		return;
	lsn_stmt *s = lsn_api_prep(a,
		"SELECT json_object('id', e.id, 'date', e.date, 'type', e.type, 'place', e.place, "
		"'n_sources', e.n_sources, 'n_documents', e.n_documents, "
		"'participants', json((SELECT json_group_array(json_object('id', x.id, 'name', x.name, "
		"  'country', x.country)) FROM (SELECT p.id, p.name, p.country " LSN_SQL_EVENT_PEOPLE("e.id") ") x)), "
		"'parties', json((SELECT json_group_array(json_object('id', x.place, 'name', coalesce(l.name, x.place), "
		"  'level', l.level, 'cc', l.cc)) FROM (SELECT place, n FROM event_parties WHERE event_id = e.id "
		"  ORDER BY n) x LEFT JOIN places l ON l.id = x.place)), "
		"'sources', json((SELECT json_group_array(json_object('mention', m.id, 'doc', d.id, 'lang', d.lang, "
		"  'published', d.published, 'url', d.url, 'duplicate_of', d.dup_of, 'type', m.type, 'date', m.date, "
		"  'evidence', m.evidence, " LSN_SQL_SPAN_JSON("m") ")) FROM "
		"  (SELECT m.* FROM " LSN_SQL_EVENT_SOURCES("e.id") " ORDER BY " LSN_SQL_MENTIONS_ORDER ") m "
		"  JOIN documents d ON d.id = m.document_id))) "
		"FROM events e WHERE e.id = ?1");
	if (!s)
		return;
	lsn_bind_textn(s, 1, id, -1, LSN_DB_STATIC);
	int found = 0;
	if (!lsn_api_one_json(a, s, &found, "reading an event") && !found)
		lsn_api_not_found(a, "no event '%s'", id);
}

/* ---- /api/timeline ---- */

void lsn_api_timeline(struct lsn_api *a)
{
	struct lsn_event_filter f;
	if (lsn_api_check_params(a, event_params, 1))
		return;
	if (event_filter_read(a, &f))
		goto done;
	size_t ntypes = lsn_vocab_len(lsn_ev_types);
	/* per month (YYYY-MM) and type; dates with the year only are counted apart */
	lsn_stmt *s = lsn_api_prep(a,
		"SELECT CASE WHEN length(e.date) >= 7 THEN substr(e.date, 1, 7) END AS month, e.type, count(*) "
		"FROM events e WHERE " LSN_SQL_EVENT_WHERE "GROUP BY month, e.type ORDER BY month IS NULL, month, e.type");
	if (!s)
		goto done;
	lsn_event_filter_bind(&f, s);
	long long *counts = calloc(ntypes + 1, sizeof *counts), undated = 0;
	char month[8] = "";
	int rc, first = 1;
	struct lsn_buf *b = &a->body;
	struct lsn_buf items;
	lsn_buf_init(&items);
	if (!counts) {
		lsn_reset(s);
		lsn_api_internal(a, "out of memory");
		goto done;
	}
	for (;;) {
		rc = lsn_step(s);
		const char *m = rc == LSN_DB_ROW && lsn_col_type(s, 0) != LSN_T_NULL ? lsn_col(s, 0) : NULL;
		if (month[0] && (!m || strcmp(m, month))) { /* a month is complete */
			long long total = 0;
			for (size_t t = 1; t < ntypes; t++)
				total += counts[t];
			lsn_buf_printf(&items, "%s{\"month\":\"%s\",\"total\":%lld", first ? "" : ",", month, total);
			for (size_t t = 1; t < ntypes; t++)
				lsn_buf_printf(&items, ",\"%s\":%lld", lsn_ev_types[t], counts[t]);
			lsn_buf_addc(&items, '}');
			first = 0;
			memset(counts, 0, (ntypes + 1) * sizeof *counts);
			month[0] = 0;
		}
		if (rc != LSN_DB_ROW)
			break;
		const char *type = lsn_col(s, 1);
		long long n = lsn_col_int64(s, 2);
		if (!m) {
			undated += n;
			continue;
		}
		snprintf(month, sizeof month, "%s", m);
		int t = lsn_vocab_find(lsn_ev_types, type, strlen(type));
		if (t > 0 && (size_t)t < ntypes)
			counts[t] += n;
	}
	lsn_reset(s);
	free(counts);
	if (rc != LSN_DB_DONE) {
		lsn_buf_clear(&items);
		lsn_api_db_fail(a, "counting events");
		goto done;
	}
	a->status = 200;
	char spec[256] = "month,total";
	for (size_t t = 1; t < ntypes; t++)
		snprintf(spec + strlen(spec), sizeof spec - strlen(spec), ",%s", lsn_ev_types[t]);
	if (a->format == LSN_API_CSV) {
		struct lsn_buf arr;
		lsn_buf_init(&arr);
		lsn_buf_addc(&arr, '[');
		lsn_buf_add(&arr, items.data ? items.data : "", items.len);
		lsn_buf_addc(&arr, ']');
		lsn_api_to_csv(a, arr.data, arr.len, spec);
		snprintf(a->filename, sizeof a->filename, "timeline.csv");
		lsn_buf_clear(&arr);
	} else {
		lsn_buf_adds(b, "{\"types\":[");
		for (size_t t = 1; t < ntypes; t++)
			lsn_buf_printf(b, "%s\"%s\"", t > 1 ? "," : "", lsn_ev_types[t]);
		lsn_buf_adds(b, "],\"items\":[");
		lsn_buf_add(b, items.data ? items.data : "", items.len);
		lsn_buf_printf(b, "],\"undated\":%lld}\n", undated);
	}
	if (items.oom)
		b->oom = 1;
	lsn_buf_clear(&items);
done:
	lsn_event_filter_clear(&f);
}

