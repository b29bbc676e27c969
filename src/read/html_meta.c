/*
 * html_meta.c — the HTML reader's metadata: the title's sources (og:title,
 * og:url), and the publication date by trust (ranks R_*, html_int.h):
 * <meta> keys, JSON-LD, microdata and RDFa, <time datetime>, date and
 * byline boxes, dates written with a month's name (lexicon class
 * month_name), the URL, the title and the article's first lines.  The
 * reader as a whole is described in html.c.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include "read/html_int.h"

/* ---------------------------------------------------------------- metadata */

/* A date written with a month's name in another language than English
 * ("5. November 2021", "26 mai 2008", "3 de marzo de 2020"): day, an
 * optional full stop, the month (lexicon class month_name), the year. */
static int month_date(const struct ctx *x, const char *s, size_t n, char out[11])
{
	if (!x->kb)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]) || (i && isdigit((unsigned char)s[i - 1])))
			continue;
		size_t j = i;
		int d = 0;
		while (j < n && j - i < 2 && isdigit((unsigned char)s[j]))
			d = d * 10 + (s[j++] - '0');
		if (j < n && isdigit((unsigned char)s[j]))
			continue;
		if (j < n && s[j] == '.')
			j++;
		while (j < n && s[j] == ' ')
			j++;
		if (j + 3 < n && !strncmp(s + j, "de ", 3)) /* "3 de marzo de 2020" */
			j += 3;
		size_t w = j;
		while (j < n && (isalpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80))
			j++;
		if (j - w < 3)
			continue;
		const struct lsn_lexeme *m = lsn_lex_find(x->kb, LX_MONTH_NAME, s + w, j - w);
		if (!m)
			continue;
		if (j < n && s[j] == '.')
			j++;
		while (j < n && (s[j] == ' ' || s[j] == ','))
			j++;
		if (j + 3 < n && !strncmp(s + j, "de ", 3))
			j += 3;
		int y = 0;
		size_t y0 = j;
		while (j < n && j - y0 < 4 && isdigit((unsigned char)s[j]))
			y = y * 10 + (s[j++] - '0');
		if (j - y0 != 4 || (j < n && isdigit((unsigned char)s[j])))
			continue;
		char v[32];
		snprintf(v, sizeof v, "%04d-%02d-%02d", y, (int)m->value, d);
		if (lsn_date_meta(v, 10, out))
			return 1;
	}
	return 0;
}

enum { PUB_META = 0, PUB_URL = 1, PUB_TEXT = 2 };

/* Days since 1970-01-01 of "YYYY-MM-DD" (a valid date). */
static long day_number(const char *d)
{
	return lsn_days(atoi(d), atoi(d + 5), atoi(d + 8));
}

/* How many days apart two dates are. */
static long day_gap(const char *a, const char *b)
{
	long g = day_number(a) - day_number(b);
	return g < 0 ? -g : g;
}

enum { LEAD_BYTES = 400 }; /* how far into the article a dateline is looked for */

static void set_pub(struct ctx *x, int rank, const char *v, size_t n, int how)
{
	if (x->pub_rank && x->pub_rank <= rank)
		return;
	char d[11];
	int ok = how == PUB_URL ? lsn_date_url(v, n, d) : lsn_date_meta(v, n, d);
	if (!ok && how == PUB_TEXT)
		ok = month_date(x, v, n, d);
	if (ok) {
		memcpy(x->pub, d, 11);
		x->pub_rank = rank;
	}
}

/* Does a metadata key name a publication or creation date (not a
 * modification)?  For keys that are in no list. */
static int pubdate_key(const char *k)
{
	char f[64];
	size_t n = 0;
	for (; k[n] && n + 1 < sizeof f; n++)
		f[n] = (char)tolower((unsigned char)k[n]);
	f[n] = 0;
	if (strstr(f, "modif") || strstr(f, "updat") || strstr(f, "expir") || strstr(f, "revis"))
		return 0;
	return strstr(f, "pubdate") || strstr(f, "publish") || strstr(f, "pub_date") ||
	       strstr(f, "pub-date") || strstr(f, "datecreated") || strstr(f, "date_created") ||
	       strstr(f, "dc.date") || strstr(f, "dcterms.date") || strstr(f, "dcterms.created") ||
	       strstr(f, "dcterms.issued");
}

void lsn_html_meta_tag(struct ctx *x, const xmlNode *n)
{
	const char *content = lsn_html_attr(n, "content");
	if (!content)
		return;
	const char *key = lsn_html_attr(n, "property");
	if (!key)
		key = lsn_html_attr(n, "name");
	if (!key)
		key = lsn_html_attr(n, "itemprop");
	if (!key)
		return;
	if (!strcasecmp(key, "og:title")) {
		if (!x->og_title && *content)
			x->og_title = content;
	} else if (!strcasecmp(key, "og:url")) {
		if (!x->canonical && *content)
			x->canonical = content;
	} else if (!strcasecmp(key, "article:published_time")) {
		set_pub(x, R_ARTICLE_META, content, strlen(content), PUB_META);
	} else if (!strcasecmp(key, "og:published_time") ||
		   !strcasecmp(key, "og:article:published_time")) {
		set_pub(x, R_META, content, strlen(content), PUB_META);
	} else {
		static const char *const keys[] = {
			"pubdate", "publishdate", "publish-date", "publish_date", "date",
			"dc.date", "dc.date.issued", "dcterms.created", "citation_publication_date",
			"datepublished", "article.published", "parsely-pub-date", "sailthru.date",
			"publishtime", "pub_date", "article_date_original"};
		size_t i = 0;
		while (i < LSN_ARRAY_LEN(keys) && strcasecmp(key, keys[i]))
			i++;
		if (i < LSN_ARRAY_LEN(keys))
			set_pub(x, strcasecmp(key, "datepublished") ? R_META_KEY : R_META, content,
				strlen(content), PUB_META);
		else if (pubdate_key(key))
			set_pub(x, R_META_LOOSE, content, strlen(content), PUB_META);
	}
}

static int ld_date(json_t *j, int depth, char out[11])
{
	if (!j || depth > 8)
		return 0;
	if (json_is_object(j)) {
		json_t *d = json_object_get(j, "datePublished");
		if (json_is_string(d) && lsn_date_meta(json_string_value(d), json_string_length(d), out))
			return 1;
		const char *k;
		json_t *v;
		json_object_foreach(j, k, v) {
			if ((json_is_object(v) || json_is_array(v)) && ld_date(v, depth + 1, out))
				return 1;
		}
	} else if (json_is_array(j)) {
		size_t i;
		json_t *v;
		json_array_foreach(j, i, v) {
			if (ld_date(v, depth + 1, out))
				return 1;
		}
	}
	return 0;
}

/* "datePublished": "..." in a script that is not valid JSON (entities,
 * trailing commas): the first such key's value. */
static int ld_scan(const char *t, char out[11])
{
	for (const char *p = strstr(t, "\"datePublished\""); p; p = strstr(p + 1, "\"datePublished\"")) {
		const char *q = p + 15;
		while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == ':')
			q++;
		if (*q != '"')
			continue;
		const char *e = strchr(q + 1, '"');
		if (e && lsn_date_meta(q + 1, (size_t)(e - q - 1), out))
			return 1;
	}
	return 0;
}

void lsn_html_json_ld(struct ctx *x, const xmlNode *n)
{
	if (x->pub_rank && x->pub_rank <= R_META)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) || !c->content)
			continue;
		const char *t = (const char *)c->content;
		if (!strstr(t, "datePublished"))
			continue; /* dateModified and dateCreated are not the publication */
		json_t *j = json_loads(t, JSON_DECODE_ANY, NULL);
		char d[11];
		if (j ? ld_date(j, 0, d) : ld_scan(t, d)) {
			memcpy(x->pub, d, 11);
			x->pub_rank = R_META;
		}
		json_decref(j);
	}
}

/* A dropped element that held the date line ("16/05/2024 08:30"). */
static void date_from_text(struct ctx *x, xmlNode *n)
{
	if (x->pub_rank && x->pub_rank <= R_TIME)
		return;
	xmlNode *c = n;
	int depth = 0;
	while (c) {
		if (c->type == XML_ELEMENT_NODE) {
			/* <time datetime>, <abbr title="2017-07-23T17:06:45">, content= */
			const char *dt = lsn_html_attr(c, "datetime");
			if (!dt)
				dt = lsn_html_attr(c, "content");
			if (!dt && !strcasecmp((const char *)c->name, "abbr"))
				dt = lsn_html_attr(c, "title");
			if (dt)
				set_pub(x, R_TIME, dt, strlen(dt), PUB_META);
		}
		if (c->type == XML_TEXT_NODE && c->content)
			set_pub(x, R_BOX_TEXT, (const char *)c->content, strlen((const char *)c->content),
				PUB_TEXT);
		if (c->children && c->type == XML_ELEMENT_NODE && depth < 8 &&
		    strcasecmp((const char *)c->name, "script") && strcasecmp((const char *)c->name, "style")) {
			c = c->children;
			depth++;
			continue;
		}
		while (c != n && !c->next) {
			c = c->parent;
			depth--;
		}
		if (c == n)
			break;
		c = c->next;
	}
}

/* Do a class or id name a box where a date is written (a date line, a
 * byline, the post's meta line)?  Such boxes are searched for a date. */
static int dateish(const char *v)
{
	static const char *const hints[] = {"date", "time", "publish", "posted", "byline", "author",
					    "meta", "submitted", "created", "datum", "fecha", "stamp",
					    "dateline", "info", NULL};
	return lsn_html_names_any(v, hints);
}

/* The dates element n holds as markup: <time datetime>, microdata and
 * RDFa (itemprop="datePublished", property="dc:created"), and the text of
 * a small box whose class or id names a date or a byline. */
void lsn_html_element_dates(struct ctx *x, xmlNode *n, int t)
{
	if (x->pub_rank && x->pub_rank <= R_META)
		return;
	if (t == T_TIME) {
		const char *dt = lsn_html_attr(n, "datetime");
		if (dt)
			set_pub(x, R_TIME, dt, strlen(dt), PUB_META);
	}
	const char *ip = lsn_html_attr(n, "itemprop");
	if (!ip)
		ip = lsn_html_attr(n, "property");
	if (ip && (strcasestr(ip, "datePublished") || strcasestr(ip, "dc:date") ||
		   strcasestr(ip, "dc:created") || strcasestr(ip, "dateCreated") ||
		   strcasestr(ip, "dcterms:created") || strcasestr(ip, "dcterms:issued"))) {
		const char *v = lsn_html_attr(n, "content");
		if (!v)
			v = lsn_html_attr(n, "datetime");
		if (v)
			set_pub(x, strcasestr(ip, "datePublished") ? R_META : R_META_LOOSE, v, strlen(v),
				PUB_META);
		else
			date_from_text(x, n);
	}
	if (x->pub_rank && x->pub_rank <= R_TIME)
		return;
	const char *cl = lsn_html_attr(n, "class"), *id = lsn_html_attr(n, "id");
	if (((cl && dateish(cl)) || (id && dateish(id))) && !lsn_html_text_over(n, DATE_LINE_MAX))
		date_from_text(x, n);
}

/* Boxes whose dates are other stories' or readers': comments, related
 * stories, sidebars, menus. */
static int date_walk_skips(struct ctx *x, const xmlNode *n, int t, int flags)
{
	if ((flags & F_DROP) && t != T_FOOTER && t != T_FORM && t != T_HEADER)
		return 1;
	const char *cl = lsn_html_attr(n, "class"), *id = lsn_html_attr(n, "id");
	unsigned b = (cl ? lsn_html_class_words(cl) : 0) | (id ? lsn_html_class_words(id) : 0);
	int skip;
	if (b & (1u << W_NEG_HARD))
		skip = 1;
	else if (!(b & (1u << W_NEG)) || (b & (1u << W_POS)))
		skip = 0;
	else
		skip = !((cl && (dateish(cl) || strcasestr(cl, "header") || strcasestr(cl, "footer"))) ||
			 (id && (dateish(id) || strcasestr(id, "header") || strcasestr(id, "footer"))));
	return skip &&
	       !lsn_html_text_over(n, (b & (1u << W_NEG_HARD)) ? x->page_text / 4 : x->page_text / 2);
}

/* A text that is nothing but a date, perhaps a time and a short label
 * ("01.11.2023 11:35", "2022-01-21", "Stand: 28.04.2020"): mostly digits
 * and separators, a date among them. */
static void date_line(struct ctx *x, const char *t)
{
	size_t n = 0, digits = 0, other = 0;
	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		if (*p <= ' ')
			continue;
		if (++n > DATE_LINE_TEXT)
			return;
		if (isdigit(*p))
			digits++;
		else if (!strchr(".-/:,", *p))
			other++;
	}
	if (digits >= 6 && other <= 12)
		set_pub(x, R_DATE_LINE, t, strlen(t), PUB_TEXT);
}

/* When the boxes pass 1 walked gave no trusted date: the dates of the
 * whole page, boxes of boilerplate aside (an article's header or footer
 * often holds its date, and pass 1 dropped them as boilerplate). */
void lsn_html_date_walk(struct ctx *x, xmlNode *root)
{
	xmlNode *n = root;
	while (n) {
		int down = 0;
		if (n->type == XML_ELEMENT_NODE) {
			int t, flags;
			lsn_html_tag_of(x, n, &t, &flags);
			if (t == T_HEAD || !date_walk_skips(x, n, t, flags)) {
				lsn_html_element_dates(x, n, t);
				down = n->children != NULL;
			}
		}
		else if (n->type == XML_TEXT_NODE && n->content && !(x->pub_rank && x->pub_rank <= R_DATE_LINE))
			date_line(x, (const char *)n->content);
		if (x->pub_rank && x->pub_rank <= R_TIME)
			return;
		if (down) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
}

/* The last places a date is looked for, once the article is written: the
 * URL (which also sets right a UTC date a day off it), the title, the
 * article's first lines (text from start), the canonical URL. */
void lsn_html_late_dates(struct ctx *x, const char *url, const struct lsn_buf *text, size_t start)
{
	char ud[11];
	if (url && lsn_date_url(url, strlen(url), ud) && x->pub_rank && x->pub_rank < R_URL &&
	    day_gap(ud, x->pub) == 1)
		memcpy(x->pub, ud, 11); /* a time in UTC a day off the publisher's own date */
	if (url)
		set_pub(x, R_URL, url, strlen(url), PUB_URL);
	if (x->title.len)
		set_pub(x, R_TITLE, x->title.data, x->title.len, PUB_TEXT);
	if (text->len > start) {
		size_t k = text->len - start < LEAD_BYTES ? text->len - start : LEAD_BYTES;
		set_pub(x, R_LEAD, text->data + start, k, PUB_TEXT);
	}
	if (x->canonical)
		set_pub(x, R_URL, x->canonical, strlen(x->canonical), PUB_URL);
}
