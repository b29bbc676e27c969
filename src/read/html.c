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
 *     siblings that belong to the story (its own, and those of the wrappers
 *     around it that add little text: a grid's rows, a CMS's content
 *     elements) are written as lines, soft hyphens dropped and in NFC: paragraphs,
 *     headings, quotes, captions, list items and data cells that are not
 *     links; a heading that opens a box of related stories or comments
 *     (lexicon class box_marker) ends that box;
 *  3. when that gives too little (under MIN_ARTICLE bytes or a fifth of the
 *     page's text), a looser pass (soft class words no longer drop boxes)
 *     and, failing that, the body's readable lines are compared, and the
 *     longer kept — the fallback, which the caller is told of;
 *  4. the publication date is the most trusted one found (enum of ranks
 *     R_*): article:published_time; JSON-LD and microdata datePublished
 *     (never dateModified); a short line just under or above the headline
 *     (a byline, a kicker, a <time> by its visible text), whatever its box
 *     is named; other <meta> keys; <time datetime> and dates
 *     in date and byline boxes (month names: lexicon class month_name),
 *     searched over the whole page when pass 1 dropped them; the URL; an
 *     element that is only a date; the title; the article's first lines.
 *
 * Per-element counts live in one growable array indexed through the
 * nodes' _private field: no allocation per node beyond libxml2's own.
 * Class-name hints ("comment", "nav", "lead") are generic HTML naming and
 * stay here; words of languages (box markers, month names) are in
 * data/lexicon.tsv, reached through the tables the caller passes.
 *
 * The reader is in three files behind html_int.h (the shared state and
 * constants): this one (tags, state, class words, pass 1, the entry
 * points); html_meta.c (the metadata of 1 and 4: titles' sources, dates by
 * trust, month-name dates, the walk for dates pass 1 dropped); html_out.c
 * (2 and 3: writing the article's lines, its lead and siblings, the looser
 * fallback passes).
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
#include "read/html_int.h"

/* ---------------------------------------------------------------- tags */

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


void lsn_html_tag_of(struct ctx *x, const xmlNode *n, int *tag, int *flags)
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
const char *lsn_html_attr(const xmlNode *n, const char *name)
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
unsigned lsn_html_class_words(const char *v)
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

/* ---------------------------------------------------------------- pass 1 */


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
				const char *cl = lsn_html_attr(a->n, "class"), *id = lsn_html_attr(a->n, "id");
				unsigned b = (cl ? lsn_html_class_words(cl) : 0) | (id ? lsn_html_class_words(id) : 0);
				if (b & (1u << W_POS))
					as->score += 25;
				if (b & ((1u << W_NEG) | (1u << W_NEG_HARD)))
					as->score -= 25;
			}
			as->score += lv == 0 ? sc : lv == 1 ? sc / 2 : sc / (float)(lv * 3);
		}
	}
	if (s->cand) {
		float fs = lsn_html_final_score(s);
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

/* Bytes of text in the subtree at n (white space and scripts aside), or
 * max + 1 when more: stops as soon as it knows. */
size_t lsn_html_text_len(const xmlNode *n, size_t max)
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

int lsn_html_text_over(const xmlNode *n, size_t max)
{
	return lsn_html_text_len(n, max) > max;
}

/* Does class or id value v hold one of the NULL-terminated hints
 * (case ignored, anywhere in it)? */
int lsn_html_names_any(const char *v, const char *const *hints)
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

/* Visits element n.  Returns 1 when its children are to be walked. */
static int open_element(struct ctx *x, xmlNode *n)
{
	int t, flags;
	lsn_html_tag_of(x, n, &t, &flags);
	int in_article = x->nstk ? x->stk[x->nstk - 1].in_article : 0;
	switch (t) {
	case T_META:
		lsn_html_meta_tag(x, n);
		break;
	case T_LINK: {
		const char *rel = lsn_html_attr(n, "rel"), *href = lsn_html_attr(n, "href");
		if (rel && href && !strcasecmp(rel, "canonical") && *href)
			x->canonical = href;
		break;
	}
	case T_SCRIPT: {
		const char *type = lsn_html_attr(n, "type");
		if (type && !strcasecmp(type, "application/ld+json"))
			lsn_html_json_ld(x, n);
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
	lsn_html_element_dates(x, n, t);
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
		const char *cl = lsn_html_attr(n, "class"), *id = lsn_html_attr(n, "id");
		const char *role = lsn_html_attr(n, "role");
		unsigned b = (cl ? lsn_html_class_words(cl) : 0) | (id ? lsn_html_class_words(id) : 0);
		int protect = t == T_ARTICLE || t == T_MAIN;
		/* a date line goes; a box that only names a date among its
		 * classes and holds a story stays */
		if (!protect && (b & (1u << W_DATE)) && !(b & (1u << W_NEG_HARD)) &&
		    lsn_html_text_over(n, DATE_LINE_MAX))
			b &= ~(1u << W_DATE);
		if (!protect && (b & ((1u << W_NEG_HARD) | (1u << W_DATE))))
			drop = 3;
		else if (!protect && (b & (1u << W_NEG)) && !(b & (1u << W_POS)) &&
			 !(in_article && ((cl && strcasestr(cl, "header")) || (id && strcasestr(id, "header")))))
			drop = x->loose ? 0 : 2; /* an article's header holds its lead */
		if (!drop && role && role_drops(role))
			drop = 2;
		if (!drop && lsn_html_attr(n, "hidden"))
			drop = 1;
		if (!drop) {
			const char *st = lsn_html_attr(n, "style");
			if (st && hidden_style(st))
				drop = 1;
		}
		if (!drop) {
			const char *ah = lsn_html_attr(n, "aria-hidden");
			if (ah && !strcasecmp(ah, "true"))
				drop = 1;
		}
	}
	/* a box that holds a third of the page (half, when its name says ads
	 * or comments; a quarter in the loose pass) is not boilerplate around
	 * it: misnested markup (an unclosed <header> or <form>) or a wrapper
	 * named for something else ("ads-helper") */
	if ((drop == 2 && lsn_html_text_over(n, x->loose ? x->page_text / 4 : x->page_text / 3)) ||
	    (drop == 3 && lsn_html_text_over(n, x->loose ? x->page_text / 4 : x->page_text / 2)))
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
void lsn_html_pass1(struct ctx *x, xmlNode *root)
{
	x->page_text = lsn_html_text_len(root, SIZE_MAX - 1);
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
			if (lsn_html_has_stats(n) && x->nstk && x->stk[x->nstk - 1].n == n)
				close_frame(x);
		}
		if (n)
			n = n->next;
	}
	while (x->nstk)
		close_frame(x);
}

/* ---------------------------------------------------------------- entry */


static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void init_xml(void) { xmlInitParser(); }

/* libxml2 prints some errors itself (a node past its size limit, in a
 * feed) although the parse options say not to; the readers report what
 * they need from the parser's context instead.  The handler is per thread. */
static void quiet_xml(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void lsn_rd_xml_init(void)
{
	pthread_once(&xml_once, init_xml);
	xmlSetGenericErrorFunc(NULL, quiet_xml);
}

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

/* Normalises b's bytes from `start` to NFC in place. */
static enum lsn_status nfc_from(struct lsn_buf *b, size_t start)
{
	char *t;
	size_t tl;
	if (!b->data || b->len <= start) /* nothing written: nothing to normalise */
		return LSN_OK;
	enum lsn_status st = lsn_utf8_nfc(b->data + start, b->len - start, &t, &tl);
	if (st || !t)
		return st;
	b->len = start;
	lsn_buf_add(b, t, tl);
	free(t);
	if (b->oom)
		return LSN_ENOMEM;
	b->data[b->len] = 0;
	return LSN_OK;
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
		   HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD |
		   XML_PARSE_HUGE;
	/* XML_PARSE_HUGE: a text node over 10,000,000 bytes (an inline script)
	 * or nesting past 256 levels would otherwise stop the parser and lose
	 * the article after it.  The HTML parser expands no entities of the
	 * page's own, so the limit it lifts is the size only, and that is
	 * bounded by the reader's cap on a document (LSN_RD_MAX_DOC); every
	 * walk over the tree here is iterative, whatever the depth. */
	htmlParserCtxtPtr pc = htmlNewParserCtxt();
	if (!pc) {
		lsn_buf_clear(&conv);
		return LSN_ENOMEM;
	}
	htmlDocPtr doc = htmlCtxtReadMemory(pc, u8len ? u8 : " ", u8len ? (int)u8len : 1, url, "UTF-8",
					    opts);
	lsn_buf_clear(&conv);
	/* In recovery mode the parser goes on after an error unless it had to
	 * stop (a limit of libxml2's: depth, node size, memory): the rest of the
	 * page is missing then, and a page read in part is refused, not passed
	 * on as if whole. */
	int halted = pc->disableSAX != 0;
	htmlFreeParserCtxt(pc);
	if (doc && halted) {
		xmlFreeDoc(doc);
		return LSN_EARG;
	}
	if (!doc)
		return u8len ? LSN_EARG : LSN_OK;

	struct ctx x;
	memset(&x, 0, sizeof x);
	x.kb = out->kb;
	lsn_buf_init(&x.title);
	x.text = out->text;
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root)
		lsn_html_pass1(&x, root);
	if (root && !x.oom)
		lsn_html_head_dates(&x, root);
	if (root && !x.oom && (!x.pub_rank || x.pub_rank > R_TIME))
		lsn_html_date_walk(&x, root);

	/* title: og:title, the first <h1>, <title> */
	int rc = LSN_OK;
	x.text = &x.title;
	if (x.og_title)
		lsn_html_add_text(&x, (const unsigned char *)x.og_title, strlen(x.og_title), 0);
	x.text = out->text;
	if (!x.title.len && x.first_h1)
		lsn_html_plain_text(&x, x.first_h1, &x.title);
	if (!x.title.len && x.title_el)
		lsn_html_plain_text(&x, x.title_el, &x.title);
	lsn_html_trim_buf(&x.title);

	size_t start = out->text->len;
	if (!x.oom && root)
		lsn_html_write_article(&x, root, fragment, start);
	size_t got = out->text->len - start;
	if (!fragment && !x.oom && root &&
	    (got < MIN_ARTICLE || (float)got < (float)x.page_text * LOOSE_SHARE))
		lsn_html_loose_pass(&x, root, out, start, got); /* too little: a looser pass */
	lsn_html_trim_buf(out->text);
	if (out->text->data == NULL) {
		lsn_buf_addc(out->text, 0);
		out->text->len = 0;
	}

	/* the text as documents hold it (NFC): what a reader of `liaison text`
	 * compares with the page, and what extraction reads anyway */
	if (!x.oom && !out->text->oom && (nfc_from(out->text, start) == LSN_ENOMEM ||
					  nfc_from(&x.title, 0) == LSN_ENOMEM))
		x.oom = 1;
	lsn_html_late_dates(&x, url, out->text, start);
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
