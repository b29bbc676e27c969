/*
 * html_meta.c — the HTML reader's metadata: the title's sources (og:title,
 * og:url), and the publication date by trust (ranks R_*, html_int.h):
 * <meta> keys, JSON-LD, microdata and RDFa, the short lines by the
 * headline, <time datetime>, date and byline boxes (and the first line of
 * a post's meta paragraph or footer), dates written with a month's name
 * (lexicon class month_name), the URL, the title and the article's first
 * lines.  The reader as a whole is described in html.c.
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

/* Bytes of white space at s[0..n): ASCII spaces and tabs, no-break space
 * (U+00A0), thin and narrow no-break spaces (U+2009, U+202F). */
static size_t space_at(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n && (u[0] == ' ' || u[0] == '\t' || u[0] == '\n' || u[0] == '\r'))
		return 1;
	if (n >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (n >= 3 && u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x89 || u[2] == 0xaf))
		return 3;
	return 0;
}

static size_t skip_spaces(const char *s, size_t n, size_t j)
{
	size_t k;
	while (j < n && (k = space_at(s + j, n - j)))
		j += k;
	return j;
}

/* A number of at most `max` digits at s[*j] (not followed by another digit), or -1. */
static int small_number(const char *s, size_t n, size_t *j, size_t max)
{
	size_t i = *j;
	int v = 0;
	while (*j < n && *j - i < max && isdigit((unsigned char)s[*j]))
		v = v * 10 + (s[(*j)++] - '0');
	if (*j == i || (*j < n && isdigit((unsigned char)s[*j])))
		return -1;
	return v;
}

/* The month named by the letters at s[*j] (lexicon class month_name), an
 * abbreviation's full stop passed, or 0. */
static int month_word(const struct ctx *x, const char *s, size_t n, size_t *j)
{
	size_t w = *j, e = w;
	while (e < n && (isalpha((unsigned char)s[e]) || (unsigned char)s[e] >= 0x80) &&
	       !space_at(s + e, n - e))
		e++;
	if (e - w < 3)
		return 0;
	const struct lsn_lexeme *m = lsn_lex_find(x->kb, LX_MONTH_NAME, s + w, e - w);
	if (!m)
		return 0;
	if (e < n && s[e] == '.')
		e++;
	*j = e;
	return (int)m->value;
}

static int put_date(int y, int m, int d, char out[11])
{
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	char v[16];
	snprintf(v, sizeof v, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return lsn_date_meta(v, 10, out);
}

/* The first day of a span of days that ends at s[i] ("14. - 20.",
 * "14.–20.", "3-5"), or 0. */
static int range_start(const char *s, size_t i)
{
	size_t j = i;
	while (j && s[j - 1] == ' ')
		j--;
	if (j >= 3 && (unsigned char)s[j - 3] == 0xe2 && (unsigned char)s[j - 2] == 0x80 &&
	    ((unsigned char)s[j - 1] == 0x93 || (unsigned char)s[j - 1] == 0x94))
		j -= 3; /* en or em dash */
	else if (j && s[j - 1] == '-')
		j--;
	else
		return 0;
	while (j && s[j - 1] == ' ')
		j--;
	if (j && s[j - 1] == '.')
		j--;
	int d = 0, k = 0, mul = 1;
	while (j && k < 2 && isdigit((unsigned char)s[j - 1])) {
		d += (s[--j] - '0') * mul;
		mul *= 10;
		k++;
	}
	if (!k || (j && isalnum((unsigned char)s[j - 1])))
		return 0;
	return d;
}

/* A date the metadata reader does not know, as pages write it in other
 * languages than English: day, an optional full stop, the month (lexicon
 * class month_name), the year ("5. November 2021", "26 mai 2008", "3 de
 * marzo de 2020", "26 Okt 2018"); the month's name first ("Juli 12, 2017",
 * "octubre 3, 2020"); or day and month as numbers spaced out ("4. 2. 2022",
 * thin spaces between).  A span of days ("14. - 20. Januar 2022") gives its
 * first day. */
static int month_date(const struct ctx *x, const char *s, size_t n, char out[11])
{
	if (!x->kb)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i && (isalnum((unsigned char)s[i - 1])))
			continue;
		size_t j = i;
		int y, m, d;
		if (isalpha(c) || c >= 0x80) { /* the month's name first */
			if (!(m = month_word(x, s, n, &j)))
				continue;
			j = skip_spaces(s, n, j);
			if ((d = small_number(s, n, &j, 2)) < 1)
				continue;
			if (j < n && (s[j] == '.' || s[j] == ','))
				j++;
			j = skip_spaces(s, n, j);
			if (j < n && s[j] == ',')
				j = skip_spaces(s, n, j + 1);
			if (put_date(small_number(s, n, &j, 4), m, d, out)) /* a year < 1000 is none */
				return 1;
			continue;
		}
		if (!isdigit(c) || (d = small_number(s, n, &j, 2)) < 1)
			continue;
		int stop = j < n && s[j] == '.';
		if (stop)
			j++;
		size_t k = skip_spaces(s, n, j);
		int spaced = k > j;
		j = k;
		if (stop && spaced && j < n && isdigit((unsigned char)s[j])) { /* 4. 2. 2022 */
			if ((m = small_number(s, n, &j, 2)) < 1 || j >= n || s[j] != '.')
				continue;
			j = skip_spaces(s, n, j + 1);
			if (put_date(small_number(s, n, &j, 4), m, d, out))
				return 1;
			continue;
		}
		if (j + 3 < n && !strncmp(s + j, "de ", 3)) /* "3 de marzo de 2020" */
			j += 3;
		if (!(m = month_word(x, s, n, &j)))
			continue;
		while (j < n && s[j] == ',')
			j++;
		j = skip_spaces(s, n, j);
		if (j + 3 < n && !strncmp(s + j, "de ", 3))
			j += 3;
		if ((y = small_number(s, n, &j, 4)) < 1000)
			continue;
		int d0 = range_start(s, i);
		if (d0 > 0 && d0 < d)
			d = d0; /* "14. - 20. Januar 2022": a span of days begins on its first */
		if (put_date(y, m, d, out))
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

/* The text of s without the white space around it: from *a to the returned end. */
static size_t trimmed(const char *s, size_t *a)
{
	size_t n = strlen(s);
	*a = 0;
	while (*a < n && isspace((unsigned char)s[*a]))
		++*a;
	while (n > *a && isspace((unsigned char)s[n - 1]))
		n--;
	return n;
}

xmlNode *lsn_html_next(xmlNode *n, const xmlNode *root, int down)
{
	if (down && n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	/* (a walk from a node outside root's tree ends past the document: NULL) */
	while (n && n != root && !n->next)
		n = n->parent;
	return !n || n == root ? NULL : n->next;
}

/* The node before n in document order (the last leaf of the previous
 * sibling, else the parent); NULL past root. */
static xmlNode *prev_node(xmlNode *n, const xmlNode *root)
{
	if (n == root)
		return NULL;
	if (!n->prev)
		return n->parent == root ? NULL : n->parent;
	n = n->prev;
	while (n->type == XML_ELEMENT_NODE && n->last)
		n = n->last;
	return n;
}

static int is_code(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && (!strcasecmp((const char *)n->name, "script") ||
					       !strcasecmp((const char *)n->name, "style") ||
					       !strcasecmp((const char *)n->name, "noscript"));
}

static int is_heading(const xmlNode *n)
{
	const char *t = (const char *)n->name;
	return n->type == XML_ELEMENT_NODE && (t[0] == 'h' || t[0] == 'H') && t[1] >= '1' &&
	       t[1] <= '6' && !t[2];
}

/* Does a class name a post's own footer ("entry-footer", "post-footer",
 * "article-footer"), where blogs write when and by whom it was posted? */
static int post_footer(const char *cl)
{
	static const char *const hints[] = {"entry-footer", "post-footer", "article-footer",
					    "entry_footer", "post_footer", "article_footer", NULL};
	return lsn_html_names_any(cl, hints);
}

/* A date or byline box that holds more than a date line (a post's meta
 * paragraph: "Posted on 3 May 2011 by ... in ..."): its first line, when
 * short, is read for a date. */
static void first_line_date(struct ctx *x, xmlNode *n)
{
	for (xmlNode *c = n->children ? n->children : NULL; c; c = lsn_html_next(c, n, !is_code(c))) {
		if (c->type != XML_TEXT_NODE || !c->content)
			continue;
		const char *s = (const char *)c->content;
		size_t a, len = trimmed(s, &a);
		if (a == len)
			continue;
		if (len - a <= DATE_LINE_MAX)
			set_pub(x, R_BOX_TEXT, s + a, len - a, PUB_TEXT);
		return;
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
	if ((cl && dateish(cl)) || (id && dateish(id))) {
		if (!lsn_html_text_over(n, DATE_LINE_MAX))
			date_from_text(x, n);
		else
			first_line_date(x, n);
	} else if (cl && post_footer(cl)) {
		first_line_date(x, n);
	}
}

/* The last short line read by the headline, for a date written over two
 * elements ("<span>26</span> Okt 2018"). */
struct head_prev {
	char s[HEAD_LINE_MAX + 1];
	size_t n;
};

/* One line by the headline: a date in its text when the text is short, or
 * in it and the short line read before it (pv; the line after it in the
 * page when the walk goes backward) written together.  Returns 0 when the
 * line was empty, 1 when it held text, HEAD_LINES when it was long and no
 * heading's: the story's text has begun, its date is not further. */
static int head_line(struct ctx *x, const xmlNode *t, struct head_prev *pv, int backward)
{
	const char *s = (const char *)t->content;
	size_t a, n = trimmed(s, &a);
	if (a == n)
		return 0;
	if (n - a <= HEAD_LINE_MAX) {
		set_pub(x, R_HEAD, s + a, n - a, PUB_TEXT);
		if (x->pub_rank != R_HEAD && pv->n) {
			char two[2 * HEAD_LINE_MAX + 2];
			const char *first = backward ? s + a : pv->s, *second = backward ? pv->s : s + a;
			size_t n1 = backward ? n - a : pv->n, n2 = backward ? pv->n : n - a;
			memcpy(two, first, n1);
			two[n1] = ' ';
			memcpy(two + n1 + 1, second, n2);
			set_pub(x, R_HEAD, two, n1 + 1 + n2, PUB_TEXT);
		}
		memcpy(pv->s, s + a, n - a);
		pv->n = n - a;
		return 1;
	}
	pv->n = 0;
	for (const xmlNode *p = t->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (is_heading(p))
			return 1; /* a subheading is the headline's */
	return HEAD_LINES;
}

/* The page's headline: its first <h1> that pass 1 kept, else its first
 * <h1> (in a box pass 1 dropped as a header), else the first heading of
 * its first <article>. */
static xmlNode *headline(struct ctx *x, xmlNode *root)
{
	if (x->first_h1)
		return x->first_h1;
	for (xmlNode *n = root; n; n = lsn_html_next(n, root, !is_code(n)))
		if (n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, "h1"))
			return n;
	for (xmlNode *n = root; n; n = lsn_html_next(n, root, !is_code(n)))
		if (n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, "article")) {
			for (xmlNode *h = n->children ? n : NULL; h; h = lsn_html_next(h, n, !is_code(h)))
				if (is_heading(h) && h != n)
					return h;
			return NULL;
		}
	return NULL;
}

/* Pages write the story's date on a short line right under its headline
 * or just above it (a kicker, a byline, "Stand: 28.04.2020 18:00 Uhr"),
 * whatever the box is named: the first HEAD_LINES lines of text after the
 * headline (up to a heading of its rank or a long line of the story's
 * text), then the two before it, each read for a date when it is short.  A
 * <time> there is read by its text first (the date the reader sees), then
 * by its datetime. */
void lsn_html_head_dates(struct ctx *x, xmlNode *root)
{
	if (x->pub_rank && x->pub_rank <= R_HEAD)
		return;
	xmlNode *h = headline(x, root);
	if (!h)
		return;
	const char *dt = NULL;
	int lines = 0;
	struct head_prev pv = {.n = 0};
	for (xmlNode *n = lsn_html_next(h, root, 0); n && lines < HEAD_LINES;
	     n = lsn_html_next(n, root, !is_code(n))) {
		if (is_heading(n) && n->name[1] <= h->name[1])
			break; /* the next story's or section's; a subheading is the headline's */
		if (n->type == XML_TEXT_NODE && n->content)
			lines += head_line(x, n, &pv, 0);
		else if (n->type == XML_ELEMENT_NODE && !dt)
			dt = lsn_html_attr(n, "datetime");
		if (x->pub_rank == R_HEAD)
			return;
	}
	lines = 0;
	pv.n = 0;
	for (xmlNode *n = prev_node(h, root); n && lines < HEAD_LINES / 2; n = prev_node(n, root)) {
		if (is_heading(n))
			break;
		if (n->type == XML_TEXT_NODE && n->content && !(n->parent && is_code(n->parent)))
			lines += head_line(x, n, &pv, 1);
		if (x->pub_rank == R_HEAD)
			return;
	}
	if (dt)
		set_pub(x, R_HEAD, dt, strlen(dt), PUB_META);
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
		n = lsn_html_next(n, root, down);
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
