/*
 * sql.c — the query layer that the command line's queries (query.c), the
 * exports (export.c) and the HTTP API (src/serve/) share: the checks of what
 * a user typed (dates, event types, roles, metrics), the look-ups that turn
 * names into ids (places, people), the filters of events and of people
 * bound to their one WHERE clause each (LSN_SQL_EVENT_WHERE,
 * LSN_SQL_PEOPLE_WHERE), and the writing of a CSV cell, a real and a JSON
 * list of strings.  The SQL itself is macros in store_int.h (LSN_SQL_*), so
 * that every statement using a fragment is still one string literal (the
 * statement cache keys on its address).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "store/store_int.h"

int lsn_valid_date(const char *s)
{
	size_t n = strlen(s);
	if (n != 4 && n != 7 && n != 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = n >= 7 ? atoi(s + 5) : 1, d = n == 10 ? atoi(s + 8) : 1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Would a spreadsheet read the cell s[0..n) as a formula?  It begins with =, +,
 * - or @ (or a tab or carriage return before one), and is not a plain number. */
static int formula_like(const char *s, size_t n)
{
	if (!n || !strchr("=+-@\t\r", s[0]))
		return 0;
	if (s[0] == '-' || s[0] == '+') { /* -3.5, +12: a number, left as it is */
		char *end;
		char tmp[64];
		if (n < sizeof tmp) {
			memcpy(tmp, s, n);
			tmp[n] = 0;
			strtod(tmp, &end);
			if (end == tmp + n && n > 1)
				return 0;
		}
	}
	return 1;
}

void lsn_csv_field(struct lsn_buf *b, const char *s, size_t n)
{
	int formula = formula_like(s, n);
	int quote = formula || (n && (s[0] == ' ' || s[n - 1] == ' '));
	for (size_t i = 0; i < n && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (!quote) {
		lsn_buf_add(b, s, n);
		return;
	}
	lsn_buf_addc(b, '"');
	if (formula) /* OWASP: a leading ' keeps a spreadsheet from running it */
		lsn_buf_addc(b, '\'');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			lsn_buf_addc(b, '"');
		lsn_buf_addc(b, s[i]);
	}
	lsn_buf_addc(b, '"');
}

void lsn_cell_real(struct lsn_buf *b, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		lsn_buf_printf(b, "%.0f", v);
	else
		lsn_buf_printf(b, "%.10g", v);
}

/* ---- JSON lists of strings (bound, and read in SQL with json_each) ---- */

static void json_list_init(struct lsn_buf *b)
{
	lsn_buf_init(b);
	lsn_buf_addc(b, '[');
}

void lsn_json_list_item(struct lsn_buf *b, const char *s)
{
	if (b->len > 1)
		lsn_buf_addc(b, ',');
	lsn_buf_json_str(b, s, strlen(s));
}

static void json_list_done(struct lsn_buf *b) { lsn_buf_addc(b, ']'); }

void lsn_json_strings(struct lsn_buf *b, const char *const *v, size_t n)
{
	json_list_init(b);
	for (size_t i = 0; i < n; i++)
		lsn_json_list_item(b, v[i]);
	json_list_done(b);
}

/* ---- names to ids ---- */

enum lsn_status lsn_q_parties(lsn_store *st, const lsn_tables *kb, const char *const *names, size_t n,
			      struct lsn_buf *b)
{
	json_list_init(b);
	for (size_t i = 0; i < n; i++) {
		const char *id = kb ? lsn_tables_place_name(kb, names[i]) : NULL;
		if (!id) {
			lsn_stmt *s = lsn_st_prep(st, "SELECT id FROM places WHERE id = ?1 COLLATE NOCASE");
			if (!s)
				return LSN_EDB;
			lsn_bind_textn(s, 1, names[i], -1, LSN_DB_STATIC);
			int found = lsn_step(s) == LSN_DB_ROW;
			if (found)
				lsn_json_list_item(b, lsn_col(s, 0));
			lsn_reset(s);
			if (!found)
				return lsn_st_fail(st, LSN_EARG, "no place named '%s'", names[i]);
			continue;
		}
		lsn_json_list_item(b, id);
	}
	json_list_done(b);
	return b->oom ? lsn_st_fail(st, LSN_ENOMEM, "out of memory") : LSN_OK;
}

/* Appends to b the ids of the people whose name key or a folded alias is
 * one of keys[0..nk); counts them in *n. */
static enum lsn_status people_by_keys(lsn_store *st, char keys[][512], size_t nk, const char *id,
				      struct lsn_buf *b, size_t *n)
{
	struct lsn_buf kj;
	json_list_init(&kj);
	for (size_t i = 0; i < nk; i++)
		if (keys[i][0])
			lsn_json_list_item(&kj, keys[i]);
	json_list_done(&kj);
	lsn_stmt *s = lsn_st_prep(st,
		"SELECT id FROM people WHERE name_key IN (SELECT value FROM json_each(?1)) "
		"OR id IN (SELECT person_id FROM person_aliases "
		"          WHERE folded IN (SELECT value FROM json_each(?1))) "
		"OR id = ?2 ORDER BY n_documents DESC, id");
	if (!s || kj.oom) {
		lsn_buf_clear(&kj);
		return s ? lsn_st_fail(st, LSN_ENOMEM, "out of memory") : LSN_EDB;
	}
	lsn_bind_textn(s, 1, kj.data, (int)kj.len, LSN_DB_COPY);
	lsn_bind_text(s, 2, id);
	lsn_buf_clear(&kj);
	int rc;
	while ((rc = lsn_step(s)) == LSN_DB_ROW) {
		lsn_json_list_item(b, lsn_col(s, 0));
		++*n;
	}
	lsn_reset(s);
	return rc == LSN_DB_DONE ? LSN_OK : lsn_st_dberr(st, "finding a person");
}

/* The ids of the people `name` may mean, as a JSON array in b: by the name's
 * key or any alias seen (folded), its id, or by the canonical name the knowledge
 * tables give it; when that finds nobody and the name is in Han characters,
 * by its pinyin and Sino-Vietnamese readings.  Sets *n to their number. */
enum lsn_status lsn_q_people(lsn_store *st, const lsn_tables *kb, const char *name, struct lsn_buf *b,
			     size_t *n)
{
	char keys[2][512];
	size_t nk = 0, len = strlen(name);
	enum lsn_status e;
	*n = 0;
	json_list_init(b);
	lsn_name_key(name, len, keys[nk++], sizeof keys[0]);
	long a = kb ? lsn_tables_find(kb, PK_ACTOR, name, len) : -1;
	if (a >= 0 && (size_t)a < kb->nactors)
		lsn_name_key(kb->actors[a].id, strlen(kb->actors[a].id), keys[nk++], sizeof keys[0]);
	if ((e = people_by_keys(st, keys, nk, name, b, n)))
		return e;
	if (!*n && lsn_has_han(name, len)) {
		char read[256];
		nk = 0;
		if (lsn_han_pinyin_name(name, len, read, sizeof read))
			lsn_name_key(read, strlen(read), keys[nk++], sizeof keys[0]);
		if (lsn_han_viet_name(name, len, read, sizeof read))
			lsn_name_key(read, strlen(read), keys[nk++], sizeof keys[0]);
		if ((e = people_by_keys(st, keys, nk, NULL, b, n)))
			return e;
	}
	json_list_done(b);
	return b->oom ? lsn_st_fail(st, LSN_ENOMEM, "out of memory") : LSN_OK;
}

/* ---- the filters of events (`liaison events`, /api/events, /api/timeline) ---- */

enum lsn_status lsn_event_filter_check(lsn_store *st, const struct lsn_event_filter *f)
{
	if (f->type && lsn_vocab_find(lsn_ev_types, f->type, strlen(f->type)) <= 0)
		return lsn_st_fail(st, LSN_EARG, "unknown event type '%s' (meeting, virtual_meeting, "
					       "signing, attend, visit)", f->type);
	if ((f->since && !lsn_valid_date(f->since)) || (f->until && !lsn_valid_date(f->until)))
		return lsn_st_fail(st, LSN_EARG, "a date must be YYYY, YYYY-MM or YYYY-MM-DD");
	return LSN_OK;
}

enum lsn_status lsn_event_filter_parties(lsn_store *st, const lsn_tables *kb, const char *const *names,
					 size_t n, struct lsn_event_filter *f)
{
	if (!n)
		return LSN_OK;
	f->has_parties = 1;
	return lsn_q_parties(st, kb, names, n, &f->parties);
}

void lsn_event_filter_bind(const struct lsn_event_filter *f, lsn_stmt *s)
{
	lsn_bind_text(s, 3, f->type);
	lsn_bind_text(s, 4, f->since);
	lsn_bind_text(s, 5, f->until);
	if (f->has_people)
		lsn_bind_textn(s, 6, f->people.data, (int)f->people.len, LSN_DB_STATIC);
	if (f->has_parties)
		lsn_bind_textn(s, 7, f->parties.data, (int)f->parties.len, LSN_DB_STATIC);
	if (f->has_langs)
		lsn_bind_textn(s, 8, f->langs.data, (int)f->langs.len, LSN_DB_STATIC);
	if (f->month)
		lsn_bind_textn(s, 10, f->month, -1, LSN_DB_STATIC);
}

void lsn_event_filter_clear(struct lsn_event_filter *f)
{
	lsn_buf_clear(&f->parties);
	lsn_buf_clear(&f->people);
	lsn_buf_clear(&f->langs);
}

/* ---- the filters of people (`liaison people`, /api/people) ---- */

enum lsn_status lsn_people_filter_set(lsn_store *st, struct lsn_people_filter *f, const char *country,
				      const char *role, const char *name)
{
	memset(f, 0, sizeof *f);
	f->country = country;
	f->role = role;
	if (role && lsn_vocab_find(lsn_roles, role, strlen(role)) <= 0)
		return lsn_st_fail(st, LSN_EARG, "unknown role '%s' (see the role vocabulary in docs/schema.md)",
				   role);
	if (name) {
		f->has_name = 1;
		lsn_name_key(name, strlen(name), f->key, sizeof f->key);
	}
	return LSN_OK;
}

void lsn_people_filter_bind(const struct lsn_people_filter *f, lsn_stmt *s)
{
	lsn_bind_text(s, 3, f->country);
	lsn_bind_text(s, 4, f->role);
	lsn_bind_text(s, 5, f->has_name ? f->key : NULL);
}

enum lsn_status lsn_check_metric(lsn_store *st, const char *metric)
{
	if (metric && lsn_vocab_find(lsn_metrics, metric, strlen(metric)) <= 0)
		return lsn_st_fail(st, LSN_EARG, "unknown metric '%s' (trade, export, import, investment, "
					       "gdp, visitors, other)", metric);
	return LSN_OK;
}

enum lsn_status lsn_q_person_or_id(lsn_store *st, const lsn_tables *kb, const char *name,
				   struct lsn_buf *json, size_t *n)
{
	lsn_stmt *s = lsn_st_prep(st, "SELECT id FROM people WHERE id = ?1");
	if (!s)
		return LSN_EDB;
	lsn_bind_textn(s, 1, name, -1, LSN_DB_STATIC);
	int rc = lsn_step(s);
	lsn_reset(s);
	if (rc == LSN_DB_ROW) {
		lsn_json_strings(json, &name, 1);
		*n = 1;
		return json->oom ? lsn_st_fail(st, LSN_ENOMEM, "out of memory") : LSN_OK;
	}
	if (rc != LSN_DB_DONE)
		return lsn_st_dberr(st, "finding a person");
	return lsn_q_people(st, kb, name, json, n);
}

/* ---- the filter of commitments (`liaison commitments`, /api/commitments) ---- */

void lsn_commit_filter_init(struct lsn_commit_filter *f)
{
	memset(f, 0, sizeof *f);
	lsn_buf_init(&f->by);
	lsn_buf_init(&f->to);
}

void lsn_commit_filter_clear(struct lsn_commit_filter *f)
{
	lsn_buf_clear(&f->by);
	lsn_buf_clear(&f->to);
}

enum lsn_status lsn_commit_filter_set(lsn_store *st, const lsn_tables *kb, struct lsn_commit_filter *f,
				      const char *by, const char *to)
{
	enum lsn_status e;
	if (f->type && lsn_vocab_find(lsn_commit_types, f->type, strlen(f->type)) <= 0)
		return lsn_st_fail(st, LSN_EARG, "unknown commitment type '%s' (proposal, pledge, invitation, "
					       "agreement)", f->type);
	if (f->field && lsn_vocab_find(lsn_fields, f->field, strlen(f->field)) < 0)
		return lsn_st_fail(st, LSN_EARG, "unknown field '%s' (trade, investment, tourism, ...: "
					       "docs/schema.md lists them)", f->field);
	if ((f->since && !lsn_valid_date(f->since)) || (f->until && !lsn_valid_date(f->until)))
		return lsn_st_fail(st, LSN_EARG, "a date must be YYYY, YYYY-MM or YYYY-MM-DD");
	if (by && (e = lsn_q_parties(st, kb, &by, 1, &f->by)))
		return e;
	if (to && (e = lsn_q_parties(st, kb, &to, 1, &f->to)))
		return e;
	f->has_by = by != NULL;
	f->has_to = to != NULL;
	return LSN_OK;
}

void lsn_commit_filter_bind(const struct lsn_commit_filter *f, lsn_stmt *s)
{
	if (f->has_by)
		lsn_bind_textn(s, 11, f->by.data, (int)f->by.len, LSN_DB_STATIC);
	if (f->has_to)
		lsn_bind_textn(s, 12, f->to.data, (int)f->to.len, LSN_DB_STATIC);
	lsn_bind_text(s, 13, f->type);
	lsn_bind_text(s, 14, f->field);
	lsn_bind_text(s, 15, f->since);
	lsn_bind_text(s, 16, f->until);
	lsn_bind_int(s, 17, f->open);
}
