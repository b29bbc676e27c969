/*
 * read_html.c — an HTML page -> its article text, title and publication date.
 *
 * Part of "read" (DESIGN.md).  The page's encoding is decided as browsers
 * do (a byte order mark, the transport's charset, <meta>; valid UTF-8 is
 * UTF-8 whatever <meta> says) and the bytes made valid UTF-8; libxml2's
 * HTML parser builds the tree; then:
 *
 *  1. one walk over the whole tree drops what is never article text
 *     (script, style, forms, hidden elements), and boxes of boilerplate by
 *     their tag (nav, aside, footer, a page's header), role or class and id
 *     words (menu, sidebar, related, share, comment, cookie, ad, ...) —
 *     unless such a box holds most of the page, as misnested markup and
 *     misnamed wrappers make it; class tokens that label the content
 *     ("category-social", "status-publish") say nothing.  The same walk
 *     gathers the metadata (og:title, <title>, the first <h1>, the
 *     canonical URL, dates) and scores containers by the paragraphs under
 *     them — text length, commas and full stops in any script, a penalty
 *     for text inside links — the way Mozilla's Readability does, in a
 *     single post-order pass: every element's counts are added to its
 *     parent when it closes, and a paragraph's score goes to its five
 *     nearest ancestors, which are the open elements;
 *  2. the best container widens to the ancestor that holds the rest of the
 *     story, the article's lead is looked for before it, and they and the
 *     siblings that belong to the story are written as lines: paragraphs,
 *     headings, quotes, captions, list items and data cells that are not
 *     links; a heading that opens a box of related stories or comments
 *     (lexicon class box_marker) ends that box;
 *  3. when that gives too little (under MIN_ARTICLE bytes or a fifth of the
 *     page's text), a looser pass (soft class words no longer drop boxes)
 *     and, failing that, the body's readable lines are compared, and the
 *     longer kept — the fallback, which the caller is told of;
 *  4. the publication date is the most trusted one found (enum of ranks
 *     R_*): article:published_time; JSON-LD and microdata datePublished
 *     (never dateModified); other <meta> keys; <time datetime> and dates
 *     in date and byline boxes (month names: lexicon class month_name),
 *     searched over the whole page when pass 1 dropped them; the URL; an
 *     element that is only a date; the title; the article's first lines.
 *
 * Per-element counts live in one growable array indexed through the
 * nodes' _private field: no allocation per node beyond libxml2's own.
 * Class-name hints ("comment", "nav", "lead") are generic HTML naming and
 * stay here; words of languages (box markers, month names) are in
 * data/lexicon.tsv, reached through the tables the caller passes.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <jansson.h>
#include "read/read_int.h"

/* ---------------------------------------------------------------- tags */

enum tag {
	T_OTHER, T_A, T_ADDRESS, T_ARTICLE, T_ASIDE, T_AUDIO, T_BLOCKQUOTE, T_BODY, T_BR,
	T_BUTTON, T_CANVAS, T_CENTER, T_DD, T_DETAILS, T_DIALOG, T_DIV, T_DL, T_DT, T_EMBED,
	T_FIELDSET, T_FIGCAPTION, T_FIGURE, T_FOOTER, T_FORM, T_H1, T_H2, T_H3, T_H4, T_H5, T_H6,
	T_HEAD, T_HEADER, T_HR, T_HTML, T_IFRAME, T_IMG, T_INPUT, T_LI, T_LINK, T_MAIN, T_MENU,
	T_META, T_NAV, T_NOSCRIPT, T_OBJECT, T_OL, T_OPTION, T_P, T_PRE, T_SCRIPT, T_SECTION,
	T_SELECT, T_STYLE, T_SUMMARY, T_SVG, T_TABLE, T_TBODY, T_TD, T_TEMPLATE, T_TEXTAREA,
	T_TH, T_THEAD, T_TIME, T_TITLE, T_TR, T_UL, T_VIDEO,
};

enum {
	F_DROP = 1,  /* never article text */
	F_BLOCK = 2, /* ends a line */
	F_PARA = 4,  /* a paragraph that scores its ancestors */
};

static const struct tagdef {
	const char *name;
	uint8_t tag, flags;
} tagdefs[] = { /* sorted by name */
	{"a", T_A, 0},
	{"address", T_ADDRESS, F_BLOCK},
	{"article", T_ARTICLE, F_BLOCK},
	{"aside", T_ASIDE, F_DROP | F_BLOCK},
	{"audio", T_AUDIO, F_DROP},
	{"blockquote", T_BLOCKQUOTE, F_BLOCK | F_PARA},
	{"body", T_BODY, F_BLOCK},
	{"br", T_BR, 0},
	{"button", T_BUTTON, F_DROP},
	{"canvas", T_CANVAS, F_DROP},
	{"center", T_CENTER, F_BLOCK},
	{"dd", T_DD, F_BLOCK},
	{"details", T_DETAILS, F_BLOCK},
	{"dialog", T_DIALOG, F_DROP | F_BLOCK},
	{"div", T_DIV, F_BLOCK},
	{"dl", T_DL, F_BLOCK},
	{"dt", T_DT, F_BLOCK},
	{"embed", T_EMBED, F_DROP},
	{"fieldset", T_FIELDSET, F_DROP | F_BLOCK},
	{"figcaption", T_FIGCAPTION, F_BLOCK},
	{"figure", T_FIGURE, F_BLOCK},
	{"footer", T_FOOTER, F_DROP | F_BLOCK},
	{"form", T_FORM, F_DROP | F_BLOCK},
	{"h1", T_H1, F_BLOCK},
	{"h2", T_H2, F_BLOCK | F_PARA},
	{"h3", T_H3, F_BLOCK | F_PARA},
	{"h4", T_H4, F_BLOCK},
	{"h5", T_H5, F_BLOCK},
	{"h6", T_H6, F_BLOCK},
	{"head", T_HEAD, F_BLOCK},
	{"header", T_HEADER, F_BLOCK},
	{"hr", T_HR, F_BLOCK},
	{"html", T_HTML, F_BLOCK},
	{"iframe", T_IFRAME, F_DROP},
	{"img", T_IMG, 0},
	{"input", T_INPUT, F_DROP},
	{"li", T_LI, F_BLOCK},
	{"link", T_LINK, F_DROP},
	{"main", T_MAIN, F_BLOCK},
	{"menu", T_MENU, F_DROP | F_BLOCK},
	{"meta", T_META, F_DROP},
	{"nav", T_NAV, F_DROP | F_BLOCK},
	{"noscript", T_NOSCRIPT, F_DROP},
	{"object", T_OBJECT, F_DROP},
	{"ol", T_OL, F_BLOCK},
	{"option", T_OPTION, F_DROP},
	{"p", T_P, F_BLOCK | F_PARA},
	{"pre", T_PRE, F_BLOCK | F_PARA},
	{"script", T_SCRIPT, F_DROP},
	{"section", T_SECTION, F_BLOCK},
	{"select", T_SELECT, F_DROP},
	{"style", T_STYLE, F_DROP},
	{"summary", T_SUMMARY, F_BLOCK},
	{"svg", T_SVG, F_DROP},
	{"table", T_TABLE, F_BLOCK},
	{"tbody", T_TBODY, F_BLOCK},
	{"td", T_TD, F_BLOCK | F_PARA},
	{"template", T_TEMPLATE, F_DROP},
	{"textarea", T_TEXTAREA, F_DROP},
	{"th", T_TH, F_BLOCK},
	{"thead", T_THEAD, F_BLOCK},
	{"time", T_TIME, 0},
	{"title", T_TITLE, F_DROP},
	{"tr", T_TR, F_BLOCK},
	{"ul", T_UL, F_BLOCK},
	{"video", T_VIDEO, F_DROP},
};

/* Candidate weight by tag, as Readability gives it. */
static int tag_weight(int t)
{
	switch (t) {
	case T_DIV: case T_ARTICLE: case T_MAIN: case T_SECTION: return 5;
	case T_PRE: case T_TD: case T_BLOCKQUOTE: return 3;
	case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT: case T_LI: return -3;
	case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_TH: return -5;
	default: return 0;
	}
}

/* ---------------------------------------------------------------- state */

#define DROPPED ((void *)1)

struct nstat {
	uint32_t tlen;   /* bytes of text that are not white space */
	uint32_t llen;   /* of them inside links */
	uint32_t punct;  /* commas and stops, any script */
	float score;     /* as a container */
	uint8_t tag, flags, cand, blockkids, endsent;
};

struct frame {
	xmlNode *n;
	uint32_t idx;
	uint8_t in_a, in_article;
};

struct cache_ent {
	const xmlChar *name;
	uint8_t tag, flags;
};

struct ctx {
	struct nstat *ns; size_t nns, capns;
	struct frame *stk; size_t nstk, capstk;
	struct cache_ent cache[128];
	xmlNode *best; float best_score;
	xmlNode *body, *first_h1, *title_el, *date_el;
	int pub_rank;            /* lower is better; 0 = none yet */
	char pub[11];
	const char *og_title;
	const char *canonical;
	struct lsn_buf *text;
	size_t line_start, line_link;
	int pending_space;
	int oom;
	const lsn_tables *kb;    /* the lexicon's reader classes, or NULL */
	int loose;               /* second pass: soft class words do not drop boxes */
	size_t page_text;        /* bytes of text in the page (white space aside) */
	struct lsn_buf title;    /* the chosen title (for dropping an h1 that repeats it) */
	size_t text_start;       /* where this page's text begins in *text */
	const xmlNode *emit_top; /* the subtree being written */
	const xmlNode *skip_box; /* a box of other stories being skipped */
};

static void tag_of(struct ctx *x, const xmlNode *n, int *tag, int *flags)
{
	size_t h = ((uintptr_t)n->name >> 4) & (LSN_ARRAY_LEN(x->cache) - 1);
	if (x->cache[h].name == n->name) {
		*tag = x->cache[h].tag;
		*flags = x->cache[h].flags;
		return;
	}
	const char *nm = (const char *)n->name;
	int lo = 0, hi = (int)LSN_ARRAY_LEN(tagdefs) - 1, t = T_OTHER, f = 0;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int c = strcasecmp(nm, tagdefs[mid].name);
		if (!c) {
			t = tagdefs[mid].tag;
			f = tagdefs[mid].flags;
			break;
		}
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	x->cache[h].name = n->name;
	x->cache[h].tag = (uint8_t)t;
	x->cache[h].flags = (uint8_t)f;
	*tag = t;
	*flags = f;
}

/* The value of attribute `name` (ASCII, lowercase) or NULL; no copy. */
static const char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next)
		if (!strcasecmp((const char *)a->name, name)) {
			if (a->children && (a->children->type == XML_TEXT_NODE) && a->children->content)
				return (const char *)a->children->content;
			return "";
		}
	return NULL;
}

/* ---------------------------------------------------------------- class words */

enum { W_NEG_HARD = 1, W_NEG = 2, W_POS = 3, W_DATE = 4 };

static const struct word {
	const char *w;
	uint8_t kind, prefix; /* 1: a word that starts with it counts; 2: one that holds it */
} words[] = {
	{"comment", W_NEG_HARD, 1}, {"cookie", W_NEG_HARD, 1}, {"share", W_NEG_HARD, 1},
	{"sharing", W_NEG_HARD, 1}, {"social", W_NEG_HARD, 1}, {"relate", W_NEG_HARD, 1},
	{"recommend", W_NEG_HARD, 1}, {"breadcrumb", W_NEG_HARD, 1}, {"subscri", W_NEG_HARD, 1},
	{"newsletter", W_NEG_HARD, 1}, {"ad", W_NEG_HARD, 0}, {"ads", W_NEG_HARD, 0},
	{"adsbygoogle", W_NEG_HARD, 0}, {"advert", W_NEG_HARD, 1}, {"sponsor", W_NEG_HARD, 1},
	{"popup", W_NEG_HARD, 1}, {"modal", W_NEG_HARD, 1}, {"consent", W_NEG_HARD, 1},
	{"gdpr", W_NEG_HARD, 1}, {"banner", W_NEG_HARD, 1}, {"disqus", W_NEG_HARD, 1},
	{"nav", W_NEG, 1}, {"menu", W_NEG, 1}, {"footer", W_NEG, 1}, {"sidebar", W_NEG, 1},
	{"side", W_NEG, 0}, {"aside", W_NEG, 0}, {"tags", W_NEG, 1}, {"tag", W_NEG, 0},
	{"keyword", W_NEG, 1}, {"widget", W_NEG, 1}, {"promo", W_NEG, 1}, {"byline", W_NEG, 1},
	{"author", W_NEG, 1}, {"pager", W_NEG, 1}, {"pagination", W_NEG, 1},
	{"header", W_NEG, 1}, {"toolbar", W_NEG, 1}, {"tool", W_NEG, 0}, {"tools", W_NEG, 0},
	{"print", W_NEG, 1}, {"login", W_NEG, 1}, {"search", W_NEG, 1}, {"hot", W_NEG, 0},
	{"most", W_NEG, 1}, {"trending", W_NEG, 1}, {"popular", W_NEG, 1}, {"latest", W_NEG, 1},
	{"more", W_NEG, 0}, {"readmore", W_NEG, 0}, {"source", W_NEG, 0}, {"copyright", W_NEG, 1},
	{"hidden", W_NEG, 0}, {"hide", W_NEG, 0}, {"rss", W_NEG, 0}, {"skip", W_NEG, 1},
	{"masthead", W_NEG, 1}, {"topbar", W_NEG, 1}, {"extra", W_NEG, 0}, {"supplement", W_NEG, 1},
	{"rating", W_NEG, 1}, {"vote", W_NEG, 1}, {"contact", W_NEG, 1}, {"logo", W_NEG, 1},
	{"weather", W_NEG, 1}, {"outbrain", W_NEG_HARD, 1}, {"taboola", W_NEG_HARD, 1},
	{"editor", W_NEG, 0}, {"lienquan", W_NEG_HARD, 2}, {"binhluan", W_NEG_HARD, 2},
	{"quangcao", W_NEG_HARD, 2}, {"chiase", W_NEG_HARD, 2}, {"tinkhac", W_NEG_HARD, 2},
	{"xemthem", W_NEG_HARD, 2}, {"docnhieu", W_NEG, 2}, {"xemnhieu", W_NEG, 2},
	{"tinmoi", W_NEG, 2}, {"xiangguan", W_NEG_HARD, 2}, {"pinglun", W_NEG_HARD, 2},
	{"tuijian", W_NEG_HARD, 2}, {"fenxiang", W_NEG_HARD, 2},
	{"date", W_DATE, 1}, {"time", W_DATE, 0}, {"datetime", W_DATE, 0}, {"publish", W_DATE, 1},
	{"pubtime", W_DATE, 1}, {"pubdate", W_DATE, 1}, {"posted", W_DATE, 1},
	{"article", W_POS, 1}, {"content", W_POS, 1}, {"main", W_POS, 0}, {"body", W_POS, 1},
	{"story", W_POS, 1}, {"entry", W_POS, 1}, {"detail", W_POS, 1}, {"post", W_POS, 0},
	{"text", W_POS, 1}, {"chitiet", W_POS, 1}, {"noidung", W_POS, 1}, {"baiviet", W_POS, 1},
	{"zhengwen", W_POS, 1}, {"sapo", W_POS, 1}, {"lead", W_POS, 0}, {"summary", W_POS, 0},
	{"cont", W_POS, 0}, {"txt", W_POS, 0}, {"news", W_POS, 0},
};

/* Does a class token name a label of the content or a feature switch
 * (blog platforms: "category-sport", "tag-social", "status-publish",
 * "no-sidebar", "has-comments") rather than the box's role? */
static int taxonomy_token(const char *v)
{
	static const char *const pre[] = {"category-", "tag-", "status-", "format-", "type-",
					  "no-", "has-", "postid-", "post-format-", "single-"};
	for (size_t i = 0; i < LSN_ARRAY_LEN(pre); i++)
		if (!strncasecmp(v, pre[i], strlen(pre[i])))
			return 1;
	return 0;
}

/* What the words of a class/id value say: bits 1 << W_*. */
static unsigned class_words(const char *v)
{
	unsigned bits = 0;
	char w[32];
	size_t i = 0;
	while (v[i]) {
		while (v[i] && !isalnum((unsigned char)v[i]))
			i++;
		if ((i == 0 || v[i - 1] == ' ' || v[i - 1] == '\t') && taxonomy_token(v + i)) {
			while (v[i] && v[i] != ' ' && v[i] != '\t')
				i++; /* "category-social-issues", "no-share": labels, not roles */
			continue;
		}
		size_t k = 0;
		int prev_lower = 0;
		while (v[i] && isalnum((unsigned char)v[i])) {
			unsigned char c = (unsigned char)v[i];
			if (k && prev_lower && isupper(c)) /* camelCase splits */
				break;
			prev_lower = islower(c) || isdigit(c);
			if (k + 1 < sizeof w)
				w[k++] = (char)tolower(c);
			i++;
		}
		w[k] = 0;
		if (!k)
			continue;
		if (!strncmp(w, "commentar", 9))
			continue; /* "commentary": an opinion piece, not readers' comments */
		for (size_t j = 0; j < LSN_ARRAY_LEN(words); j++) {
			size_t m = strlen(words[j].w);
			if (words[j].prefix == 2 ? strstr(w, words[j].w) != NULL
			    : words[j].prefix ? !strncmp(w, words[j].w, m) : !strcmp(w, words[j].w))
				bits |= 1u << words[j].kind;
		}
	}
	return bits;
}

static int role_drops(const char *r)
{
	static const char *const roles[] = {"navigation", "menu", "menubar", "complementary", "banner",
					    "contentinfo", "search", "dialog", "alertdialog", "toolbar"};
	for (size_t i = 0; i < LSN_ARRAY_LEN(roles); i++)
		if (!strcasecmp(r, roles[i]))
			return 1;
	return 0;
}

static int hidden_style(const char *s)
{
	for (const char *p = s; *p; p++) {
		if ((*p == 'd' || *p == 'D') && !strncasecmp(p, "display", 7)) {
			const char *q = p + 7;
			while (*q == ' ' || *q == ':')
				q++;
			if (!strncasecmp(q, "none", 4))
				return 1;
		}
		if ((*p == 'v' || *p == 'V') && !strncasecmp(p, "visibility", 10)) {
			const char *q = p + 10;
			while (*q == ' ' || *q == ':')
				q++;
			if (!strncasecmp(q, "hidden", 6))
				return 1;
		}
	}
	return 0;
}

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
		char v[16];
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

/* Ranks of the places a publication date comes from, most trusted first. */
enum {
	R_ARTICLE_META = 1, /* article:published_time */
	R_META = 2,         /* JSON-LD and microdata datePublished, og:published_time */
	R_META_KEY = 3,     /* other published-date keys of <meta>: dc.date, parsely-pub-date ... */
	R_META_LOOSE = 4,   /* a metadata key that only looks like one ("sw-pubdate") */
	R_TIME = 5,         /* <time datetime>, an attribute date in a date box */
	R_URL = 6,          /* /2024/05/16/ in the page's address */
	R_BOX_TEXT = 7,     /* the text of a date or byline box */
	R_DATE_LINE = 8,    /* a text that is a date, perhaps a time and a label */
	R_TITLE = 9,        /* a date in the title ("Report of 22.04.2020") */
	R_LEAD = 10,        /* the first date in the article's first lines */
};

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

static void meta_tag(struct ctx *x, const xmlNode *n)
{
	const char *content = attr(n, "content");
	if (!content)
		return;
	const char *key = attr(n, "property");
	if (!key)
		key = attr(n, "name");
	if (!key)
		key = attr(n, "itemprop");
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

static void json_ld(struct ctx *x, const xmlNode *n)
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

/* ---------------------------------------------------------------- pass 1 */

static int is_space_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	unsigned char c = s[i];
	if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
		*len = 1;
		return 1;
	}
	if (c == 0xc2 && i + 1 < n && s[i + 1] == 0xa0) { /* NBSP */
		*len = 2;
		return 1;
	}
	if (c == 0xe3 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x80) { /* U+3000 */
		*len = 3;
		return 1;
	}
	if (c == 0xe2 && i + 2 < n && s[i + 1] == 0x80 && (s[i + 2] == 0x8b || s[i + 2] == 0xaf)) {
		*len = 3; /* zero width space, narrow NBSP */
		return 1;
	}
	if (c == 0xef && i + 2 < n && s[i + 1] == 0xbb && s[i + 2] == 0xbf) { /* BOM */
		*len = 3;
		return 1;
	}
	return 0;
}

/* Counts a text node into the innermost open element. */
static void count_text(struct ctx *x, const xmlNode *t)
{
	if (!x->nstk || !t->content)
		return;
	struct frame *f = &x->stk[x->nstk - 1];
	struct nstat *s = &x->ns[f->idx];
	const unsigned char *p = t->content;
	uint32_t len = 0, punct = 0;
	int last = -1;
	for (size_t i = 0; p[i]; i++) {
		unsigned char c = p[i];
		if (c <= ' ' || c == 0xc2) {
			if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
				continue;
			if (c == 0xc2 && p[i + 1] == 0xa0) {
				i++;
				continue;
			}
		}
		len++;
		if (c == ',' || c == '.' || c == ';') {
			punct++;
			last = c == '.';
		} else if (c == 0xef && p[i + 1] == 0xbc &&
			   (p[i + 2] == 0x8c || p[i + 2] == 0x9b || p[i + 2] == 0x81 || p[i + 2] == 0x9f)) {
			punct++; /* ，；！？ */
			last = p[i + 2] == 0x81 || p[i + 2] == 0x9f;
		} else if (c == 0xe3 && p[i + 1] == 0x80 && (p[i + 2] == 0x81 || p[i + 2] == 0x82)) {
			punct++; /* 、。 */
			last = p[i + 2] == 0x82;
		} else if (c == '!' || c == '?') {
			last = 1;
		} else if (c != '"' && c != '\'' && c != ')' && c != 0xe2 && c != 0x80 && c != 0x9d &&
			   c != 0x99) {
			last = 0;
		}
	}
	s->tlen += len;
	s->punct += punct;
	if (f->in_a)
		s->llen += len;
	if (last >= 0)
		s->endsent = (uint8_t)last;
}

static uint32_t node_idx(const xmlNode *n)
{
	return (uint32_t)((uintptr_t)n->_private - 2);
}

static int has_stats(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->_private && n->_private != DROPPED;
}

static float final_score(const struct nstat *s)
{
	float ld = s->tlen ? (float)s->llen / (float)s->tlen : 0.f;
	return s->score * (1.f - ld);
}

/* An element closes: its counts go to its parent; a paragraph scores its
 * ancestors; a scored container may become the best. */
static void close_frame(struct ctx *x)
{
	struct frame *f = &x->stk[--x->nstk];
	struct nstat *s = &x->ns[f->idx];
	int flags = s->flags, t = s->tag;
	int para = (flags & F_PARA) || ((t == T_DIV || t == T_SECTION || t == T_LI || t == T_DD) &&
					 !s->blockkids);
	if (para && s->tlen >= 25 && x->nstk) {
		float sc = 1.f + (float)s->punct + (float)(s->tlen / 100 < 3 ? s->tlen / 100 : 3);
		if (s->llen * 2 > s->tlen)
			sc *= 0.2f; /* a list of links is not a paragraph */
		for (size_t lv = 0; lv < 5 && lv < x->nstk; lv++) {
			struct frame *a = &x->stk[x->nstk - 1 - lv];
			struct nstat *as = &x->ns[a->idx];
			if (as->tag == T_HTML || as->tag == T_BODY)
				break;
			if (!as->cand) {
				as->cand = 1;
				as->score += (float)tag_weight(as->tag);
				const char *cl = attr(a->n, "class"), *id = attr(a->n, "id");
				unsigned b = (cl ? class_words(cl) : 0) | (id ? class_words(id) : 0);
				if (b & (1u << W_POS))
					as->score += 25;
				if (b & ((1u << W_NEG) | (1u << W_NEG_HARD)))
					as->score -= 25;
			}
			as->score += lv == 0 ? sc : lv == 1 ? sc / 2 : sc / (float)(lv * 3);
		}
	}
	if (s->cand) {
		float fs = final_score(s);
		if (!x->best || fs > x->best_score) {
			x->best = f->n;
			x->best_score = fs;
		}
	}
	if (x->nstk) {
		struct nstat *p = &x->ns[x->stk[x->nstk - 1].idx];
		p->tlen += s->tlen;
		p->llen += s->llen;
		p->punct += s->punct;
		if (flags & F_BLOCK)
			p->blockkids = 1;
		if (s->tlen)
			p->endsent = s->endsent;
	}
}

enum {
	DATE_LINE_MAX = 160,   /* bytes of text a date or byline box holds at most */
	DATE_LINE_TEXT = 40,   /* bytes of a text that is only a date, a time and a label */
};

/* Bytes of text in the subtree at n (white space and scripts aside), or
 * max + 1 when more: stops as soon as it knows. */
static size_t text_len(const xmlNode *n, size_t max)
{
	size_t len = 0;
	const xmlNode *c = n->children;
	while (c && c != n) {
		if (c->type == XML_TEXT_NODE && c->content) {
			for (const xmlChar *p = c->content; *p; p++)
				if (*p > ' ')
					len++;
			if (len > max)
				return max + 1;
		}
		if (c->type == XML_ELEMENT_NODE && c->children &&
		    strcasecmp((const char *)c->name, "script") && strcasecmp((const char *)c->name, "style")) {
			c = c->children;
			continue;
		}
		while (c != n && !c->next)
			c = c->parent;
		if (c != n)
			c = c->next;
	}
	return len;
}

static int text_over(const xmlNode *n, size_t max)
{
	return text_len(n, max) > max;
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
			const char *dt = attr(c, "datetime");
			if (!dt)
				dt = attr(c, "content");
			if (!dt && !strcasecmp((const char *)c->name, "abbr"))
				dt = attr(c, "title");
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

/* Does class or id value v hold one of the NULL-terminated hints
 * (case ignored, anywhere in it)? */
static int names_any(const char *v, const char *const *hints)
{
	char f[128];
	size_t n = 0;
	for (; v[n] && n + 1 < sizeof f; n++)
		f[n] = (char)tolower((unsigned char)v[n]);
	f[n] = 0;
	for (size_t i = 0; hints[i]; i++)
		if (strstr(f, hints[i]))
			return 1;
	return 0;
}

/* Do a class or id name a box where a date is written (a date line, a
 * byline, the post's meta line)?  Such boxes are searched for a date. */
static int dateish(const char *v)
{
	static const char *const hints[] = {"date", "time", "publish", "posted", "byline", "author",
					    "meta", "submitted", "created", "datum", "fecha", "stamp",
					    "dateline", "info", NULL};
	return names_any(v, hints);
}

/* The dates element n holds as markup: <time datetime>, microdata and
 * RDFa (itemprop="datePublished", property="dc:created"), and the text of
 * a small box whose class or id names a date or a byline. */
static void element_dates(struct ctx *x, xmlNode *n, int t)
{
	if (x->pub_rank && x->pub_rank <= R_META)
		return;
	if (t == T_TIME) {
		const char *dt = attr(n, "datetime");
		if (dt)
			set_pub(x, R_TIME, dt, strlen(dt), PUB_META);
	}
	const char *ip = attr(n, "itemprop");
	if (!ip)
		ip = attr(n, "property");
	if (ip && (strcasestr(ip, "datePublished") || strcasestr(ip, "dc:date") ||
		   strcasestr(ip, "dc:created") || strcasestr(ip, "dateCreated") ||
		   strcasestr(ip, "dcterms:created") || strcasestr(ip, "dcterms:issued"))) {
		const char *v = attr(n, "content");
		if (!v)
			v = attr(n, "datetime");
		if (v)
			set_pub(x, strcasestr(ip, "datePublished") ? R_META : R_META_LOOSE, v, strlen(v),
				PUB_META);
		else
			date_from_text(x, n);
	}
	if (x->pub_rank && x->pub_rank <= R_TIME)
		return;
	const char *cl = attr(n, "class"), *id = attr(n, "id");
	if (((cl && dateish(cl)) || (id && dateish(id))) && !text_over(n, DATE_LINE_MAX))
		date_from_text(x, n);
}

/* Boxes whose dates are other stories' or readers': comments, related
 * stories, sidebars, menus. */
static int date_walk_skips(struct ctx *x, const xmlNode *n, int t, int flags)
{
	if ((flags & F_DROP) && t != T_FOOTER && t != T_FORM && t != T_HEADER)
		return 1;
	const char *cl = attr(n, "class"), *id = attr(n, "id");
	unsigned b = (cl ? class_words(cl) : 0) | (id ? class_words(id) : 0);
	int skip;
	if (b & (1u << W_NEG_HARD))
		skip = 1;
	else if (!(b & (1u << W_NEG)) || (b & (1u << W_POS)))
		skip = 0;
	else
		skip = !((cl && (dateish(cl) || strcasestr(cl, "header") || strcasestr(cl, "footer"))) ||
			 (id && (dateish(id) || strcasestr(id, "header") || strcasestr(id, "footer"))));
	return skip && !text_over(n, (b & (1u << W_NEG_HARD)) ? x->page_text / 4 : x->page_text / 2);
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
static void date_walk(struct ctx *x, xmlNode *root)
{
	xmlNode *n = root;
	while (n) {
		int down = 0;
		if (n->type == XML_ELEMENT_NODE) {
			int t, flags;
			tag_of(x, n, &t, &flags);
			if (t == T_HEAD || !date_walk_skips(x, n, t, flags)) {
				element_dates(x, n, t);
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

/* Visits element n.  Returns 1 when its children are to be walked. */
static int open_element(struct ctx *x, xmlNode *n)
{
	int t, flags;
	tag_of(x, n, &t, &flags);
	int in_article = x->nstk ? x->stk[x->nstk - 1].in_article : 0;
	switch (t) {
	case T_META:
		meta_tag(x, n);
		break;
	case T_LINK: {
		const char *rel = attr(n, "rel"), *href = attr(n, "href");
		if (rel && href && !strcasecmp(rel, "canonical") && *href)
			x->canonical = href;
		break;
	}
	case T_SCRIPT: {
		const char *type = attr(n, "type");
		if (type && !strcasecmp(type, "application/ld+json"))
			json_ld(x, n);
		break;
	}
	case T_TITLE:
		if (!x->title_el)
			x->title_el = n;
		break;
	case T_BODY:
		x->body = n;
		break;
	case T_ARTICLE: case T_MAIN:
		in_article = 1;
		break;
	default:
		break;
	}
	element_dates(x, n, t);
	/* drop: 1 never text; 2 a box of boilerplate by its tag or role, or by
	 * a soft class word; 3 by a hard class word (ads, comments, sharing) */
	int drop = (flags & F_DROP) ? 1 : 0;
	if (drop && (t == T_FORM || t == T_NAV || t == T_ASIDE || t == T_FOOTER || t == T_MENU ||
		     t == T_DIALOG || t == T_FIELDSET))
		drop = 2;
	/* a page's <header> is its masthead; an article's <header> holds its
	 * headline and often its lead paragraph, which is story */
	if (t == T_HEADER && !in_article)
		drop = 2;
	if (!drop && t != T_HTML && t != T_BODY && t != T_HEAD) {
		const char *cl = attr(n, "class"), *id = attr(n, "id"), *role = attr(n, "role");
		unsigned b = (cl ? class_words(cl) : 0) | (id ? class_words(id) : 0);
		int protect = t == T_ARTICLE || t == T_MAIN;
		/* a date line goes; a box that only names a date among its
		 * classes and holds a story stays */
		if (!protect && (b & (1u << W_DATE)) && !(b & (1u << W_NEG_HARD)) &&
		    text_over(n, DATE_LINE_MAX))
			b &= ~(1u << W_DATE);
		if (!protect && (b & ((1u << W_NEG_HARD) | (1u << W_DATE))))
			drop = 3;
		else if (!protect && (b & (1u << W_NEG)) && !(b & (1u << W_POS)) &&
			 !(in_article && ((cl && strcasestr(cl, "header")) || (id && strcasestr(id, "header")))))
			drop = x->loose ? 0 : 2; /* an article's header holds its lead */
		if (!drop && role && role_drops(role))
			drop = 2;
		if (!drop && attr(n, "hidden"))
			drop = 1;
		if (!drop) {
			const char *st = attr(n, "style");
			if (st && hidden_style(st))
				drop = 1;
		}
		if (!drop) {
			const char *ah = attr(n, "aria-hidden");
			if (ah && !strcasecmp(ah, "true"))
				drop = 1;
		}
	}
	/* a box that holds a third of the page (half, when its name says ads
	 * or comments; a quarter in the loose pass) is not boilerplate around
	 * it: misnested markup (an unclosed <header> or <form>) or a wrapper
	 * named for something else ("ads-helper") */
	if ((drop == 2 && text_over(n, x->loose ? x->page_text / 4 : x->page_text / 3)) ||
	    (drop == 3 && text_over(n, x->loose ? x->page_text / 4 : x->page_text / 2)))
		drop = 0;
	if (drop) {
		n->_private = DROPPED;
		return 0;
	}
	if (t == T_H1 && !x->first_h1)
		x->first_h1 = n;
	if (lsn_grow(&x->ns, &x->capns, x->nns + 1, sizeof *x->ns) ||
	    lsn_grow(&x->stk, &x->capstk, x->nstk + 1, sizeof *x->stk)) {
		x->oom = 1;
		return 0;
	}
	struct nstat *s = &x->ns[x->nns];
	memset(s, 0, sizeof *s);
	s->tag = (uint8_t)t;
	s->flags = (uint8_t)flags;
	n->_private = (void *)(uintptr_t)(x->nns + 2);
	struct frame *f = &x->stk[x->nstk++];
	f->n = n;
	f->idx = (uint32_t)x->nns++;
	f->in_a = (uint8_t)((x->nstk > 1 && x->stk[x->nstk - 2].in_a) || t == T_A);
	f->in_article = (uint8_t)in_article;
	if (!n->children)
		close_frame(x);
	return n->children != NULL;
}

/* Walks the whole tree once, without recursion. */
static void pass1(struct ctx *x, xmlNode *root)
{
	x->page_text = text_len(root, SIZE_MAX - 1);
	xmlNode *n = root;
	while (n && !x->oom) {
		int down = 0;
		if (n->type == XML_ELEMENT_NODE)
			down = open_element(x, n);
		else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			count_text(x, n);
		if (down) {
			n = n->children;
			continue;
		}
		while (!n->next) {
			n = n->parent;
			if (!n || n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) {
				n = NULL;
				break;
			}
			if (has_stats(n) && x->nstk && x->stk[x->nstk - 1].n == n)
				close_frame(x);
		}
		if (n)
			n = n->next;
	}
	while (x->nstk)
		close_frame(x);
}

/* ---------------------------------------------------------------- output */

/* Appends text with runs of white space made one space. */
static void add_text(struct ctx *x, const unsigned char *s, size_t n, int link)
{
	struct lsn_buf *b = x->text;
	size_t i = 0;
	while (i < n) {
		size_t sl;
		if (is_space_at(s, n, i, &sl)) {
			x->pending_space = 1;
			i += sl;
			continue;
		}
		size_t j = i + 1;
		while (j < n && !is_space_at(s, n, j, &sl))
			j++;
		if (x->pending_space && b->len > x->line_start)
			lsn_buf_addc(b, ' ');
		x->pending_space = 0;
		lsn_buf_add(b, s + i, j - i);
		if (link)
			x->line_link += j - i;
		i = j;
	}
}

static int ends_sentence(const char *s, size_t n)
{
	while (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')'))
		n--;
	if (n >= 3 && (!memcmp(s + n - 3, "\xe2\x80\x9d", 3) || !memcmp(s + n - 3, "\xe2\x80\x99", 3) ||
		       !memcmp(s + n - 3, "\xef\xbc\x89", 3)))
		n -= 3;
	if (!n)
		return 0;
	char c = s[n - 1];
	if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';')
		return 1;
	if (n >= 3) {
		/* full-width sentence punctuation: typography of every CJK page, not a
		 * word of one language, and read where the page has no tables yet */
		const char *e = s + n - 3;
		if (!memcmp(e, "。", 3) || !memcmp(e, "！", 3) || !memcmp(e, "？", 3) ||
		    !memcmp(e, "：", 3) || !memcmp(e, "；", 3) || !memcmp(e, "…", 3))
			return 1;
	}
	return 0;
}

/* The block element a text node sits in, and whether it is in a link. */
static int line_kind(struct ctx *x, const xmlNode *t, const xmlNode *top, int *link)
{
	*link = 0;
	for (const xmlNode *p = t->parent; p; p = p->parent) {
		if (p->type != XML_ELEMENT_NODE)
			break;
		int tag, flags;
		tag_of(x, p, &tag, &flags);
		if (tag == T_A)
			*link = 1;
		if (flags & F_BLOCK)
			return tag;
		if (p == top)
			break;
	}
	return T_DIV;
}

struct line {
	int kind;
	const xmlNode *first; /* the text node the line began with */
};

/* A heading that opens a block of other stories or of readers' comments
 * (lexicon class box_marker): the rest of the box that holds it is not the
 * article. */
static int is_box_marker(const struct ctx *x, const char *s, size_t n)
{
	if (!x->kb)
		return 0;
	/* a trailing colon, count or "(3)" does not matter */
	while (n && (s[n - 1] == ':' || s[n - 1] == ' ' || s[n - 1] == ')' || s[n - 1] == '(' ||
		     (s[n - 1] >= '0' && s[n - 1] <= '9')))
		n--;
	if (n >= 3 && !memcmp(s + n - 3, "\xef\xbc\x9a", 3)) /* full-width colon */
		n -= 3;
	if (!n || n > 48)
		return 0;
	if (n >= 3 && !memcmp(s + n - 3, "\xe2\x80\xa6", 3)) /* "Read more…" */
		n -= 3;
	while (n && (s[n - 1] == '?' || s[n - 1] == '!' || s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	if (n && lsn_lex_find(x->kb, LX_BOX_MARKER, s, n))
		return 1;
	/* a marker of several words opening the line: "Mehr zu Klima" */
	int nw = 0;
	for (size_t i = 1; i < n && nw < 6; i++)
		if (s[i] == ' ') {
			nw++;
			const struct lsn_lexeme *m = lsn_lex_find(x->kb, LX_BOX_MARKER, s, i);
			if (m && memchr(m->word, ' ', m->len))
				return 1;
		}
	return 0;
}

/* The box a marker line heads: its nearest block ancestor, or the one above
 * when that holds nothing but the marker. */
static const xmlNode *marker_box(struct ctx *x, const xmlNode *t, size_t len, const xmlNode *top)
{
	const xmlNode *b = NULL;
	for (const xmlNode *p = t->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
		int tag, flags;
		tag_of(x, p, &tag, &flags);
		if (!(flags & F_BLOCK))
			continue;
		if (!b) {
			b = p;
			if (has_stats(p) && x->ns[node_idx(p)].tlen > len + 4)
				return p == top ? NULL : p;
			continue;
		}
		return p == top ? NULL : p;
	}
	return NULL;
}

/* Is text node t in a cell of a table row of several cells? */
static int data_cell(struct ctx *x, const xmlNode *t)
{
	const xmlNode *p = t ? t->parent : NULL;
	int tag = T_OTHER, flags;
	while (p && p->type == XML_ELEMENT_NODE) {
		tag_of(x, p, &tag, &flags);
		if (tag == T_TD || tag == T_TH)
			break;
		p = p->parent;
	}
	if (!p || p->type != XML_ELEMENT_NODE || !p->parent)
		return 0;
	int cells = 0;
	for (const xmlNode *c = p->parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			tag_of(x, c, &tag, &flags);
			cells += tag == T_TD || tag == T_TH;
		}
	return cells >= 2;
}

/* Characters (code points) in s[0..n): a list item or a cell of fewer
 * is a label (a tab of "图片新闻", a unit), whatever its bytes. */
static size_t chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

enum { COPYRIGHT_LINE = 160 }; /* bytes: a shorter line with a © is a notice */

/* Ends the current line: keeps it or takes it back. */
static void flush(struct ctx *x, struct line *ln)
{
	struct lsn_buf *b = x->text;
	x->pending_space = 0;
	if (b->len == x->line_start) {
		ln->kind = 0;
		x->line_link = 0;
		return;
	}
	const char *s = b->data + x->line_start;
	size_t n = b->len - x->line_start;
	int keep = 1;
	size_t link = x->line_link;
	int k = ln->kind;
	if (ln->first && b->len > x->text_start && is_box_marker(x, s, n)) {
		/* the rest of its box goes; the heading alone when its box is
		 * the article itself */
		x->skip_box = marker_box(x, ln->first, n, x->emit_top);
		b->len = x->line_start;
		ln->kind = 0;
		x->line_link = 0;
		return;
	}
	int es = ends_sentence(s, n);
	if (link * 2 > n)
		keep = 0;
	else if (n < COPYRIGHT_LINE && memmem(s, n, "\xc2\xa9", 2))
		keep = 0; /* "© 2019 ...": the site's notice */
	else if (k == T_LI || k == T_DT) {
		keep = n - link >= 12 && chars(s, n) >= 6 && link * 3 < n;
	} else if (k == T_TD || k == T_TH) {
		/* a cell of a row of data is story; the one cell of a layout
		 * table's row holds a headline or a date line */
		size_t own = n - link;
		keep = data_cell(x, ln->first) ? link * 3 < n && chars(s, n) >= 6
					       : own >= 40 && link * 4 < n && (es || n >= 120);
	} else if (k == T_H1 || k == T_H2) {
		keep = !(x->title.len && x->title.len == n && !memcmp(x->title.data, s, n));
	} else if (k == T_DIV || k == T_SECTION || k == T_ARTICLE || k == T_MAIN || k == T_BODY ||
		   k == T_TABLE || k == T_TR || k == T_CENTER || k == T_OTHER) {
		keep = n >= 30 || es;
	}
	if (keep) {
		lsn_buf_addc(b, '\n');
		x->line_start = b->len;
	} else {
		b->len = x->line_start;
	}
	ln->kind = 0;
	ln->first = NULL;
	x->line_link = 0;
}

/* Writes the lines of the subtree at top. */
static void emit(struct ctx *x, xmlNode *top)
{
	struct line ln = {0, NULL};
	xmlNode *n = top;
	x->emit_top = top;
	x->skip_box = NULL;
	while (n) {
		int down = 0;
		if (n->type == XML_ELEMENT_NODE && n->_private != DROPPED) {
			int t, flags;
			tag_of(x, n, &t, &flags);
			if (t == T_BR || (flags & F_BLOCK))
				flush(x, &ln);
			down = n->children != NULL && !(flags & F_DROP) && t != T_TITLE;
		} else if (n->type == XML_TEXT_NODE && n->content && !x->skip_box) {
			int link;
			int k = line_kind(x, n, top, &link);
			if (x->text->len == x->line_start && !ln.kind) {
				ln.kind = k;
				ln.first = n;
			}
			size_t len = strlen((const char *)n->content);
			add_text(x, n->content, len, link);
		}
		if (down) {
			n = n->children;
			continue;
		}
		if (n == top)
			break;
		while (!n->next) {
			n = n->parent;
			if (n->type == XML_ELEMENT_NODE) {
				int t, flags;
				tag_of(x, n, &t, &flags);
				if (flags & F_BLOCK)
					flush(x, &ln);
			}
			if (n == x->skip_box)
				x->skip_box = NULL;
			if (n == top) {
				n = NULL;
				break;
			}
		}
		if (n)
			n = n->next;
	}
	flush(x, &ln);
}

/* Text of a small subtree (a title, a heading) into b, collapsed. */
static void plain_text(struct ctx *x, xmlNode *top, struct lsn_buf *b)
{
	struct lsn_buf *save = x->text;
	size_t ls = x->line_start;
	x->text = b;
	x->line_start = b->len;
	x->pending_space = 0;
	xmlNode *n = top;
	int depth = 0;
	while (n) {
		if (n->type == XML_TEXT_NODE && n->content)
			add_text(x, n->content, strlen((const char *)n->content), 0);
		if (n->type == XML_ELEMENT_NODE && n->children && (n == top || n->_private != DROPPED) &&
		    depth < 32) {
			n = n->children;
			depth++;
			continue;
		}
		if (n == top)
			break;
		while (!n->next) {
			n = n->parent;
			depth--;
			if (n == top) {
				n = NULL;
				break;
			}
		}
		if (n)
			n = n->next;
	}
	x->text = save;
	x->line_start = ls;
	x->pending_space = 0;
}

static int same_class(const xmlNode *a, const xmlNode *b)
{
	const char *ca = attr(a, "class"), *cb = attr(b, "class");
	return ca && cb && *ca && !strcmp(ca, cb);
}

/* Does sibling s of the best container belong to the story? */
static int sibling_joins(struct ctx *x, xmlNode *s, float threshold)
{
	if (!has_stats(s))
		return 0;
	const struct nstat *ns = &x->ns[node_idx(s)];
	float bonus = same_class(s, x->best) ? x->best_score * 0.2f : 0.f;
	if (ns->cand && final_score(ns) + bonus >= threshold)
		return 1;
	int t = ns->tag;
	if (t == T_P || t == T_BLOCKQUOTE || ((t == T_DIV || t == T_H2 || t == T_SECTION ||
					      t == T_OTHER || t == T_H3) && !ns->blockkids)) {
		float ld = ns->tlen ? (float)ns->llen / (float)ns->tlen : 1.f;
		if (ns->tlen > 80 && ld < 0.25f)
			return 1;
		if (ns->tlen && ns->tlen <= 80 && ns->llen == 0 && ns->endsent)
			return 1;
	}
	return 0;
}

static void trim_buf(struct lsn_buf *b)
{
	while (b->len && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\n'))
		b->len--;
	if (b->data)
		b->data[b->len] = 0;
}

/* ---------------------------------------------------------------- entry */

enum { MIN_ARTICLE = 250 }; /* bytes of text below which a looser pass is tried */
#define LOOSE_GAIN 2.0f   /* the looser pass wins with this many times more text */
#define LOOSE_SHARE 0.2f  /* ... or this share of the page's text */
enum {
	LEAD_MIN = 40, LEAD_MAX = 1500, /* bytes of text of a lead */
	LEAD_BOX_MAX = 3000,            /* a block searched for a lead holds at most this */
	LEAD_LEVELS = 5,                /* the article and its ancestors whose siblings are searched */
	LEAD_COUNT = 4,                 /* leads kept at most */
};
#define WIDEN_RATIO 2.0f  /* a parent with this much more own text is the article */
#define WIDEN_LINKS 0.3f /* ... unless more of what it adds than this is links */

/* Forgets what pass1 marked on the nodes, for another pass. */
static void clear_marks(xmlNode *root)
{
	xmlNode *n = root;
	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			n->_private = NULL;
			if (n->children) {
				n = n->children;
				continue;
			}
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
}

/* The best container may be one of several blocks of one story (a page
 * builder's rows, sections under subheadings): while its parent holds
 * clearly more text that is not links, and is not the page itself, the
 * parent is the article. */
static void widen(struct ctx *x)
{
	xmlNode *b = x->best, *best = x->best;
	while (b->parent && has_stats(b->parent)) {
		xmlNode *p = b->parent;
		const struct nstat *bs = &x->ns[node_idx(b)], *ps = &x->ns[node_idx(p)];
		if (ps->tag == T_BODY || ps->tag == T_HTML)
			break;
		float own_b = (float)(bs->tlen - bs->llen), own_p = (float)(ps->tlen - ps->llen);
		float extra = (float)(ps->tlen - bs->tlen), extra_links = (float)(ps->llen - bs->llen);
		if (own_p > own_b * 1.05f &&
		    (own_p < own_b * WIDEN_RATIO || extra_links > extra * WIDEN_LINKS))
			break;
		b = p; /* a wrapper that adds nothing, or the rest of the story */
		if (own_p > own_b * 1.05f)
			best = b;
	}
	x->best = best;
}

/* Class or id words of a block that introduces the article (generic
 * HTML naming, not language). */
static int lead_name(const char *v)
{
	static const char *const hints[] = {"lead", "intro", "chapo", "teaser", "excerpt", "summary",
					    "subtitle", "abstract", "sapo", "standfirst", "deck",
					    "description", "subline", "descr", NULL};
	return names_any(v, hints);
}

/* Does block s, before the article, read as its lead: prose that is not
 * links, or a block named so? */
static int lead_like(struct ctx *x, const xmlNode *s)
{
	if (!has_stats(s))
		return 0;
	const struct nstat *ns = &x->ns[node_idx(s)];
	if (ns->tlen < LEAD_MIN || ns->tlen > LEAD_MAX || ns->llen * 5 > ns->tlen)
		return 0;
	/* a block with the headline is the title's, searched inside */
	for (const xmlNode *h = x->first_h1; h; h = h->parent)
		if (h == s)
			return 0;
	const char *cl = attr(s, "class"), *id = attr(s, "id");
	if ((cl && lead_name(cl)) || (id && lead_name(id)))
		return 1;
	if (ns->tag >= T_H1 && ns->tag <= T_H6)
		return 0;
	return ns->endsent && ns->punct >= 2 && !ns->blockkids;
}

/* The leads before the article: blocks under the preceding siblings of
 * the article and of its nearest ancestors (an article header's standfirst, a
 * page hero's intro), in document order, into leads[]. */
static size_t find_leads(struct ctx *x, xmlNode *top, float threshold, xmlNode **leads, size_t cap)
{
	size_t n = 0;
	xmlNode *path[LEAD_LEVELS];
	size_t np = 0;
	for (xmlNode *a = top; a && np < LEAD_LEVELS && has_stats(a); a = a->parent) {
		int t = x->ns[node_idx(a)].tag;
		if (t == T_BODY || t == T_HTML)
			break;
		path[np++] = a;
	}
	/* outermost first: its preceding siblings come first in the page */
	for (size_t lv = np; lv-- > 0;) {
		xmlNode *on = path[lv];
		for (xmlNode *s = on->parent ? on->parent->children : NULL; s && s != on; s = s->next) {
			if (!has_stats(s) || (on == top && sibling_joins(x, s, threshold)))
				continue; /* the article's own siblings that join it are written anyway */
			/* the block itself, or its children one or two levels down */
			if (lead_like(x, s)) {
				if (n < cap)
					leads[n++] = s;
				continue;
			}
			if (x->ns[node_idx(s)].tlen > LEAD_BOX_MAX)
				continue;
			for (xmlNode *c = s->children; c; c = c->next) {
				if (lead_like(x, c)) {
					if (n < cap)
						leads[n++] = c;
				} else if (has_stats(c)) {
					for (xmlNode *g = c->children; g; g = g->next)
						if (lead_like(x, g) && n < cap)
							leads[n++] = g;
				}
			}
		}
	}
	return n;
}

/* Writes the article pass1 found (or, without one, the body's readable
 * lines) to x->text from `start`. */
static void write_article(struct ctx *x, xmlNode *root, int fragment, size_t start)
{
	x->line_start = start;
	x->text_start = start;
	x->line_link = 0;
	if (!fragment && x->best)
		widen(x);
	xmlNode *top = fragment || !x->best ? (x->body ? x->body : root) : x->best;
	float threshold = x->best_score * 0.2f > 10.f ? x->best_score * 0.2f : 10.f;
	if (top == x->best) {
		xmlNode *leads[LEAD_COUNT];
		size_t nl = find_leads(x, top, threshold, leads, LEAD_COUNT);
		for (size_t i = 0; i < nl; i++)
			emit(x, leads[i]);
	}
	if (top == x->best && top->parent && top->parent->type == XML_ELEMENT_NODE) {
		for (xmlNode *s = top->parent->children; s; s = s->next) {
			if (s == top)
				emit(x, s);
			else if (s->type == XML_ELEMENT_NODE && sibling_joins(x, s, threshold))
				emit(x, s);
		}
	} else {
		emit(x, top);
	}
	trim_buf(x->text);
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void init_xml(void) { xmlInitParser(); }

void lsn_rd_xml_init(void) { pthread_once(&xml_once, init_xml); }

/*
 * The page's encoding, as a browser decides it: a byte order mark; then
 * the transport's declaration (`enc`, from HTTP headers); then the page's
 * own <meta> as the prescan finds it.  Bytes that are valid UTF-8 (and not
 * all ASCII) are UTF-8 whatever the <meta> says: pages are re-encoded by
 * the tools that store them while their <meta> stays.  Returns `enc` or cs.
 */
static const char *page_charset(const char *html, size_t len, const char *enc, char *cs,
				size_t cap)
{
	const unsigned char *u = (const unsigned char *)html;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
		return "UTF-8";
	if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
		return "UTF-16LE";
	if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
		return "UTF-16BE";
	if (enc && *enc)
		return enc;
	size_t scan = len < 4096 ? len : 4096;
	const char *p = html;
	while ((p = memchr(p, '<', scan - (size_t)(p - html)))) {
		if (scan - (size_t)(p - html) >= 5 && !strncasecmp(p, "<meta", 5)) {
			const char *e = memchr(p, '>', scan - (size_t)(p - html));
			if (!e)
				break;
			if (lsn_rd_charset(p, (size_t)(e - p), cs, cap))
				break;
		}
		p++;
	}
	if (!strncasecmp(cs, "utf-16", 6))
		return "UTF-8"; /* a <meta> that could be read was not written in UTF-16 */
	if (cs[0] && strcasecmp(cs, "utf-8") && strcasecmp(cs, "utf8")) {
		size_t i = 0;
		while (i < len && u[i] < 0x80)
			i++;
		if (i < len && lsn_rd_utf8_valid(html, len) == len)
			return "UTF-8";
	}
	return cs;
}

int lsn_html_extract(const char *html, size_t len, const char *enc, const char *url,
		     int fragment, struct lsn_html_out *out)
{
	lsn_rd_xml_init(); /* libxml2 must be initialised once before threads use it */
	out->published[0] = 0;
	out->fallback = 0;
	char cs[48] = "";
	enc = page_charset(html, len, enc, cs, sizeof cs);
	struct lsn_buf conv;
	lsn_buf_init(&conv);
	const char *u8;
	size_t u8len;
	if (lsn_rd_to_utf8(html, len, enc, &conv, &u8, &u8len) < 0) {
		lsn_buf_clear(&conv);
		return LSN_ENOMEM;
	}
	if (u8len > INT32_MAX) {
		lsn_buf_clear(&conv);
		return LSN_EARG;
	}
	if (memchr(u8, 0, u8len)) {
		/* libxml2 ends the page at a NUL byte: make them spaces */
		struct lsn_buf nn;
		lsn_buf_init(&nn);
		lsn_buf_add(&nn, u8, u8len);
		lsn_buf_clear(&conv);
		if (nn.oom)
			return LSN_ENOMEM;
		for (size_t i = 0; i < nn.len; i++)
			if (!nn.data[i])
				nn.data[i] = ' ';
		conv = nn;
		u8 = conv.data;
	}
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		   HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD;
	htmlDocPtr doc = htmlReadMemory(u8len ? u8 : " ", u8len ? (int)u8len : 1, url, "UTF-8", opts);
	lsn_buf_clear(&conv);
	if (!doc)
		return u8len ? LSN_EARG : LSN_OK;

	struct ctx x;
	memset(&x, 0, sizeof x);
	x.kb = out->kb;
	lsn_buf_init(&x.title);
	x.text = out->text;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root)
		pass1(&x, root);
	if (root && !x.oom && (!x.pub_rank || x.pub_rank > R_TIME))
		date_walk(&x, root);

	/* title: og:title, the first <h1>, <title> */
	int rc = LSN_OK;
	x.text = &x.title;
	if (x.og_title)
		add_text(&x, (const unsigned char *)x.og_title, strlen(x.og_title), 0);
	x.text = out->text;
	if (!x.title.len && x.first_h1)
		plain_text(&x, x.first_h1, &x.title);
	if (!x.title.len && x.title_el)
		plain_text(&x, x.title_el, &x.title);
	trim_buf(&x.title);

	size_t start = out->text->len;
	if (!x.oom && root)
		write_article(&x, root, fragment, start);
	size_t got = out->text->len - start;
	if (!fragment && !x.oom && root &&
	    (got < MIN_ARTICLE || (float)got < (float)x.page_text * LOOSE_SHARE)) {
		/* too little: a second, looser pass (class names no longer
		 * drop boxes), kept when it finds more */
		struct ctx y;
		struct lsn_buf alt;
		lsn_buf_init(&alt);
		memset(&y, 0, sizeof y);
		y.kb = x.kb;
		y.loose = 1;
		y.text = &alt;
		y.title = x.title;
		clear_marks(root);
		pass1(&y, root);
		if (!y.oom)
			write_article(&y, root, 0, 0);
		if (!y.oom && !alt.oom && alt.len < MIN_ARTICLE && y.best && y.body) {
			/* still nothing: the body's readable lines */
			struct lsn_buf all;
			lsn_buf_init(&all);
			y.text = &all;
			y.best = NULL;
			write_article(&y, root, 0, 0);
			if (all.len > alt.len * 2 + 20) {
				lsn_buf_clear(&alt);
				alt = all;
			} else {
				lsn_buf_clear(&all);
			}
		}
		if (!y.oom && !alt.oom && (float)alt.len > (float)got * LOOSE_GAIN + 20.f) {
			out->text->len = start;
			lsn_buf_add(out->text, alt.data, alt.len);
			out->fallback = 1;
		}
		x.oom |= y.oom | alt.oom;
		lsn_buf_clear(&alt);
		free(y.ns);
		free(y.stk);
	}
	trim_buf(out->text);
	if (out->text->data == NULL) {
		lsn_buf_addc(out->text, 0);
		out->text->len = 0;
	}

	char ud[11];
	if (url && lsn_date_url(url, strlen(url), ud) && x.pub_rank && x.pub_rank < R_URL &&
	    day_gap(ud, x.pub) == 1)
		memcpy(x.pub, ud, 11); /* a time in UTC a day off the publisher's own date */
	if (url)
		set_pub(&x, R_URL, url, strlen(url), PUB_URL);
	if (x.title.len)
		set_pub(&x, R_TITLE, x.title.data, x.title.len, PUB_TEXT);
	if (out->text->len > start) {
		size_t k = out->text->len - start < LEAD_BYTES ? out->text->len - start : LEAD_BYTES;
		set_pub(&x, R_LEAD, out->text->data + start, k, PUB_TEXT);
	}
	if (x.canonical)
		set_pub(&x, R_URL, x.canonical, strlen(x.canonical), PUB_URL);
	if (x.pub_rank)
		memcpy(out->published, x.pub, 11);
	if (out->title)
		lsn_rd_set(out->title, x.title.data, x.title.len);
	if (out->url && x.canonical)
		lsn_rd_set(out->url, x.canonical, strlen(x.canonical));
	if (x.oom || out->text->oom || x.title.oom)
		rc = LSN_ENOMEM;
	lsn_buf_clear(&x.title);
	free(x.ns);
	free(x.stk);
	xmlFreeDoc(doc);
	return rc;
}

int lsn_html_page_ex(const lsn_tables *kb, const char *html, size_t len, const char *encoding,
		     const char *url, struct lsn_buf *text, char published[11], struct lsn_buf *title,
		     struct lsn_buf *canonical, int *fallback)
{
	struct lsn_html_out o = {.text = text, .title = title, .url = canonical, .kb = kb};
	if (title)
		lsn_rd_set(title, NULL, 0);
	if (canonical)
		lsn_rd_set(canonical, NULL, 0);
	int rc = lsn_html_extract(html, len, encoding && *encoding ? encoding : NULL, url, 0, &o);
	if (published)
		memcpy(published, rc == LSN_OK ? o.published : "", rc == LSN_OK ? 11 : 1);
	if (fallback)
		*fallback = rc == LSN_OK && o.fallback;
	if (rc == LSN_OK && (text->oom || (title && title->oom) || (canonical && canonical->oom)))
		rc = LSN_ENOMEM;
	return rc;
}

int lsn_html_page(const char *html, size_t len, const char *encoding, const char *url,
		  struct lsn_buf *text, char published[11], struct lsn_buf *title, struct lsn_buf *canonical)
{
	return lsn_html_page_ex(NULL, html, len, encoding, url, text, published, title, canonical, NULL);
}

int lsn_html_to_text(const char *html, size_t len, const char *encoding, struct lsn_buf *text,
		     char *published, char *title, size_t titlecap)
{
	struct lsn_buf tb, local;
	lsn_buf_init(&tb);
	lsn_buf_init(&local);
	struct lsn_html_out o = {.text = &local, .title = &tb, .url = NULL};
	int rc = lsn_html_extract(html, len, encoding, NULL, 0, &o);
	if (rc == LSN_OK) {
		lsn_buf_add(text, local.data, local.len);
		lsn_buf_addc(text, 0);
		text->len--;
		if (text->oom)
			rc = LSN_ENOMEM;
	}
	if (published)
		memcpy(published, rc == LSN_OK ? o.published : "", rc == LSN_OK ? 11 : 1);
	if (title && titlecap) {
		size_t k = rc == LSN_OK && tb.data ? tb.len : 0;
		if (k >= titlecap) { /* cut at a character boundary */
			k = titlecap - 1;
			while (k && ((unsigned char)tb.data[k] & 0xc0) == 0x80)
				k--;
		}
		if (k)
			memcpy(title, tb.data, k);
		title[k] = 0;
	}
	lsn_buf_clear(&tb);
	lsn_buf_clear(&local);
	return rc;
}
