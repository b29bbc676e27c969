/*
 * api_people.c — the people of the JSON API: /api/people (a list, paged by
 * name key and id, filtered by country, role and part of a name) and
 * /api/person/{id} (one person by id or any name: names, roles, events,
 * co-participants, sources).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "serve/serve_int.h"

/* ---- /api/people ---- */

void lsn_api_people(struct lsn_api *a)
{
	struct lsn_api_page pg;
	struct lsn_people_filter f;
	enum lsn_status e;
	memset(&pg, 0, sizeof pg);
	if (lsn_api_check_params(a, (const char *const[]){"country", "role", "name", "limit", "cursor", NULL}, 1) ||
	    lsn_api_page_init(a, &pg, "people", "ss", 50, 1000))
		goto done;
	const char *country = lsn_api_param(a, "country"), *role = lsn_api_param(a, "role");
	const char *name = lsn_api_param(a, "name");
	if (country && (strlen(country) != 2 || !((country[0] | 32) >= 'a' && (country[0] | 32) <= 'z') ||
			!((country[1] | 32) >= 'a' && (country[1] | 32) <= 'z'))) {
		lsn_api_bad(a, "country must be a two-letter code (CN, VN, ...), not '%s'", country);
		goto done;
	}
	if ((e = lsn_people_filter_set(a->st, &f, country, role, name))) {
		lsn_api_store_fail(a, e, "checking the filters");
		goto done;
	}
	if (f.has_name && !f.key[0]) {
		lsn_api_bad(a, "name must hold letters");
		goto done;
	}
	lsn_stmt *s = lsn_api_prep(a,
		"SELECT json_object('id', p.id, 'name', p.name, 'country', p.country, "
		"'roles', json((SELECT json_group_array(json_object('role', r.role, 'org', NULLIF(r.org, ''), "
		"  'first_seen', r.first_seen, 'last_seen', r.last_seen)) FROM (SELECT * FROM person_roles "
		"  WHERE person_id = p.id ORDER BY " LSN_SQL_ROLES_ORDER ") r)), "
		"'events', (SELECT count(*) FROM event_participants ep WHERE ep.person_id = p.id), "
		"'documents', p.n_documents), p.name_key, p.id "
		"FROM people p WHERE p.name_key >= ?1 AND (p.name_key > ?1 OR p.id > ?2) "
		"AND " LSN_SQL_PEOPLE_WHERE "ORDER BY p.name_key, p.id LIMIT ?6");
	if (!s)
		goto done;
	lsn_api_page_bind(&pg, s, 6);
	lsn_people_filter_bind(&f, s);
	if (!lsn_api_page_rows(a, &pg, s, "listing people", NULL))
		lsn_api_page_answer(a, &pg, "id,name,country,roles.role,roles.org,roles.first_seen,roles.last_seen,events,"
				    "documents", "people");
done:
	lsn_api_page_clear(&pg);
}

/* ---- /api/person/{id} ---- */

void lsn_api_person(struct lsn_api *a, const char *id)
{
	if (lsn_api_check_params(a, (const char *const[]){NULL}, 0))
		return;
	/* by id, else by any name (the person most documents name) */
	struct lsn_buf ids;
	char pid[512];
	size_t n = 0;
	snprintf(pid, sizeof pid, "%s", id);
	lsn_buf_init(&ids);
	enum lsn_status e = lsn_q_person_or_id(a->st, a->kb, id, &ids, &n);
	json_t *j = !e && n ? json_loadb(ids.data, ids.len, 0, NULL) : NULL;
	if (j && json_is_string(json_array_get(j, 0)))
		snprintf(pid, sizeof pid, "%s", json_string_value(json_array_get(j, 0)));
	json_decref(j);
	lsn_buf_clear(&ids);
	if (e) {
		lsn_api_store_fail(a, e, "finding a person");
		return;
	}
	if (!n) {
		lsn_api_not_found(a, "no one named '%s'", id);
		return;
	}
	lsn_stmt *s;
	if (!(s = lsn_api_prep(a,
		"SELECT json_object('id', p.id, 'name', p.name, 'country', p.country, "
		"'first_seen', p.first_seen, 'last_seen', p.last_seen, 'documents', p.n_documents, "
		"'names', json((SELECT json_group_array(json_object('name', alias, 'script', script, "
		"  'documents', n_documents)) FROM (SELECT alias, script, n_documents FROM person_aliases "
		"  WHERE person_id = p.id ORDER BY " LSN_SQL_ALIASES_ORDER "))), "
		"'roles', json((SELECT json_group_array(json_object('role', role, 'org', NULLIF(org, ''), "
		"  'first_seen', first_seen, 'last_seen', last_seen, 'documents', n_documents)) FROM "
		"  (SELECT * FROM person_roles WHERE person_id = p.id "
		"   ORDER BY " LSN_SQL_ROLES_ORDER "))), "
		"'n_events', (SELECT count(*) FROM event_participants WHERE person_id = p.id), "
		"'events', json((SELECT json_group_array(json_object('id', e.id, 'date', e.date, 'type', e.type, "
		"  'place', e.place, 'with', json((SELECT json_group_array(json_object('id', y.id, 'name', y.name)) "
		"    FROM (SELECT q.id, q.name " LSN_SQL_EVENT_OTHERS("p.id") ") y)), "
		"  'parties', json((SELECT json_group_array(place) FROM (" LSN_SQL_EVENT_PARTIES("e.id") "))), "
		"  'n_sources', e.n_sources)) FROM "
		"  (SELECT e.* FROM event_participants ep JOIN events e ON e.id = ep.event_id "
		"   WHERE ep.person_id = p.id ORDER BY " LSN_SQL_EVENTS_ORDER("e.") " LIMIT 1000) e)), "
		"'co_participants', json((SELECT json_group_array(json_object('id', id, 'name', name, 'events', n)) "
		"  FROM (" LSN_SQL_CO_PARTICIPANTS("p.id") " LIMIT 200))), "
		"'sources', json((SELECT json_group_array(json_object('doc', d.id, 'lang', d.lang, "
		"  'published', d.published, 'role', d.role, 'org', d.org, "
		"  'evidence', " LSN_SQL_MENTION_EVIDENCE("d") ", " LSN_SQL_SPAN_JSON("d") ")) FROM "
		"  (SELECT d.id, d.lang, d.published, d.text, m.role, m.org, m.evidence_start, m.evidence_end "
		"   FROM person_mentions m JOIN documents d ON d.id = m.document_id WHERE m.person_id = p.id "
		"   ORDER BY " LSN_SQL_MENTIONS_ORDER ") d))) "
		"FROM people p WHERE p.id = ?1")))
		return;
	lsn_bind_textn(s, 1, pid, -1, LSN_DB_COPY);
	int found = 0;
	if (!lsn_api_one_json(a, s, &found, "reading a person") && !found)
		lsn_api_not_found(a, "no one named '%s'", id);
}

