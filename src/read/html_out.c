/*
 * html_out.c — the HTML reader's output: the lines of the article pass 1
 * found (paragraphs, headings, quotes, captions, list items and data
 * cells that are not links; a box_marker heading ends its box), the
 * container widened to the whole story, its lead and the siblings that
 * belong to it, and the looser fallback passes when that gives too
 * little.  The reader as a whole is described in html.c.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "read/html_int.h"

/* ---------------------------------------------------------------- output */

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

/* Appends text with runs of white space made one space. */
void lsn_html_add_text(struct ctx *x, const unsigned char *s, size_t n, int link)
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
		size_t b0 = b->len;
		for (size_t k = i; k < j;) {
			/* a soft hyphen (U+00AD) only marks where a word may break on
			 * screen: the word is written whole */
			size_t e = k;
			while (e < j && !(s[e] == 0xc2 && e + 1 < j && s[e + 1] == 0xad))
				e++;
			lsn_buf_add(b, s + k, e - k);
			k = e < j ? e + 2 : j;
		}
		if (link)
			x->line_link += b->len - b0;
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
		lsn_html_tag_of(x, p, &tag, &flags);
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
		lsn_html_tag_of(x, p, &tag, &flags);
		if (!(flags & F_BLOCK))
			continue;
		if (!b) {
			b = p;
			if (lsn_html_has_stats(p) && x->ns[lsn_html_node_idx(p)].tlen > len + 4)
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
		lsn_html_tag_of(x, p, &tag, &flags);
		if (tag == T_TD || tag == T_TH)
			break;
		p = p->parent;
	}
	if (!p || p->type != XML_ELEMENT_NODE || !p->parent)
		return 0;
	int cells = 0;
	for (const xmlNode *c = p->parent->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			lsn_html_tag_of(x, c, &tag, &flags);
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
			lsn_html_tag_of(x, n, &t, &flags);
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
			lsn_html_add_text(x, n->content, len, link);
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
				lsn_html_tag_of(x, n, &t, &flags);
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
void lsn_html_plain_text(struct ctx *x, xmlNode *top, struct lsn_buf *b)
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
			lsn_html_add_text(x, n->content, strlen((const char *)n->content), 0);
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
	const char *ca = lsn_html_attr(a, "class"), *cb = lsn_html_attr(b, "class");
	return ca && cb && *ca && !strcmp(ca, cb);
}

/* Does sibling s of the best container belong to the story? */
static int sibling_joins(struct ctx *x, xmlNode *s, float threshold, int near)
{
	if (!lsn_html_has_stats(s))
		return 0;
	const struct nstat *ns = &x->ns[lsn_html_node_idx(s)];
	float bonus = same_class(s, x->best) || (x->join_top && same_class(s, x->join_top))
			      ? x->best_score * 0.2f : 0.f;
	if (ns->cand && lsn_html_final_score(ns) + bonus >= threshold)
		return 1;
	if (!near)
		return 0;
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

void lsn_html_trim_buf(struct lsn_buf *b)
{
	while (b->len && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\n'))
		b->len--;
	if (b->data)
		b->data[b->len] = 0;
}

enum {
	LEAD_MIN = 40, LEAD_MAX = 1500, /* bytes of text of a lead */
	LEAD_BOX_MAX = 3000,            /* a block searched for a lead holds at most this */
	LEAD_LEVELS = 5,                /* the article and its ancestors whose siblings are searched */
	LEAD_COUNT = 4,                 /* leads kept at most */
};
enum { WRAPPER_SHARE = 8 }; /* a wrapper adds at most 1/8 of the article's text */
#define WIDEN_RATIO 2.0f  /* a parent with this much more own text is the article */
#define WIDEN_LINKS 0.3f /* ... unless more of what it adds than this is links */

/* Forgets what pass1 marked on the nodes, for another pass. */
static void clear_marks(xmlNode *root)
{
	for (xmlNode *n = root; n; n = lsn_html_next(n, root, 1))
		if (n->type == XML_ELEMENT_NODE)
			n->_private = NULL;
}

/* The best container may be one of several blocks of one story (a page
 * builder's rows, sections under subheadings): while its parent holds
 * clearly more text that is not links, and is not the page itself, the
 * parent is the article. */
static void widen(struct ctx *x)
{
	xmlNode *b = x->best, *best = x->best;
	while (b->parent && lsn_html_has_stats(b->parent)) {
		xmlNode *p = b->parent;
		const struct nstat *bs = &x->ns[lsn_html_node_idx(b)], *ps = &x->ns[lsn_html_node_idx(p)];
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
	return lsn_html_names_any(v, hints);
}

/* Does block s, before the article, read as its lead: prose that is not
 * links, or a block named so? */
static int lead_like(struct ctx *x, const xmlNode *s)
{
	if (!lsn_html_has_stats(s))
		return 0;
	const struct nstat *ns = &x->ns[lsn_html_node_idx(s)];
	if (ns->tlen < LEAD_MIN || ns->tlen > LEAD_MAX || ns->llen * 5 > ns->tlen)
		return 0;
	/* a block with the headline is the title's, searched inside */
	for (const xmlNode *h = x->first_h1; h; h = h->parent)
		if (h == s)
			return 0;
	const char *cl = lsn_html_attr(s, "class"), *id = lsn_html_attr(s, "id");
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
	for (xmlNode *a = top; a && np < LEAD_LEVELS && lsn_html_has_stats(a); a = a->parent) {
		int t = x->ns[lsn_html_node_idx(a)].tag;
		if (t == T_BODY || t == T_HTML)
			break;
		path[np++] = a;
	}
	/* how far up the wrappers go whose siblings join the article */
	size_t nw = 0;
	while (nw < np && path[nw] != x->join_top)
		nw++;
	/* outermost first: its preceding siblings come first in the page */
	for (size_t lv = np; lv-- > 0;) {
		xmlNode *on = path[lv];
		for (xmlNode *s = on->parent ? on->parent->children : NULL; s && s != on; s = s->next) {
			if (!lsn_html_has_stats(s) ||
			    (lv <= nw && sibling_joins(x, s, threshold, on == top)))
				continue; /* the article's own siblings that join it are written anyway */
			/* the block itself, or its children one or two levels down */
			if (lead_like(x, s)) {
				if (n < cap)
					leads[n++] = s;
				continue;
			}
			if (x->ns[lsn_html_node_idx(s)].tlen > LEAD_BOX_MAX)
				continue;
			for (xmlNode *c = s->children; c; c = c->next) {
				if (lead_like(x, c)) {
					if (n < cap)
						leads[n++] = c;
				} else if (lsn_html_has_stats(c)) {
					for (xmlNode *g = c->children; g; g = g->next)
						if (lead_like(x, g) && n < cap)
							leads[n++] = g;
				}
			}
		}
	}
	return n;
}

/* The outermost of the article's wrappers that add little text of their
 * own (a grid's row around its column, a box that adds a caption or a
 * heading: an eighth of the article's text at most), below the body: its
 * siblings are the article's siblings (WRAPPER_SHARE). */
static xmlNode *wrapper_top(struct ctx *x, xmlNode *top)
{
	xmlNode *w = top;
	while (w->parent && lsn_html_has_stats(w->parent) && w->parent->parent &&
	       w->parent->parent->type == XML_ELEMENT_NODE) {
		const struct nstat *ws = &x->ns[lsn_html_node_idx(w)];
		const struct nstat *ps = &x->ns[lsn_html_node_idx(w->parent)];
		if (ps->tag == T_BODY || ps->tag == T_HTML || ps->tlen > ws->tlen + ws->tlen / WRAPPER_SHARE)
			break;
		w = w->parent;
	}
	return w;
}

/* Writes the children of box that lead down to the article top (top
 * itself, or the wrapper around it, in turn), and the other children
 * that join the story, in document order. */
static void emit_joined(struct ctx *x, xmlNode *box, xmlNode *top, float threshold)
{
	for (xmlNode *s = box->children; s; s = s->next) {
		if (s == top) {
			emit(x, s);
			continue;
		}
		const xmlNode *a = top->parent;
		while (a && a != s && a != box)
			a = a->parent;
		if (a == s)
			emit_joined(x, s, top, threshold);
		else if (s->type == XML_ELEMENT_NODE && sibling_joins(x, s, threshold, box == top->parent))
			emit(x, s);
	}
}

/* Writes the article pass1 found (or, without one, the body's readable
 * lines) to x->text from `start`. */
void lsn_html_write_article(struct ctx *x, xmlNode *root, int fragment, size_t start)
{
	x->line_start = start;
	x->text_start = start;
	x->line_link = 0;
	if (!fragment && x->best)
		widen(x);
	xmlNode *top = fragment || !x->best ? (x->body ? x->body : root) : x->best;
	float threshold = x->best_score * 0.2f > 10.f ? x->best_score * 0.2f : 10.f;
	/* the blocks beside the article, or beside the wrappers around it that
	 * add little text of their own (a grid's row and column), join it */
	x->join_top = top == x->best && top->parent && top->parent->type == XML_ELEMENT_NODE
			      ? wrapper_top(x, top) : NULL;
	if (top == x->best) {
		xmlNode *leads[LEAD_COUNT];
		size_t nl = find_leads(x, top, threshold, leads, LEAD_COUNT);
		for (size_t i = 0; i < nl; i++)
			emit(x, leads[i]);
	}
	if (x->join_top) {
		emit_joined(x, x->join_top->parent, top, threshold);
		x->join_top = NULL;
	} else {
		emit(x, top);
	}
	lsn_html_trim_buf(x->text);
}

/* The article came out short (got bytes from start): a second, looser pass,
 * then the body's readable lines; the longer replaces out->text from start
 * (out->fallback set) when it is clearly longer. */
void lsn_html_loose_pass(struct ctx *x, xmlNode *root, struct lsn_html_out *out, size_t start,
			 size_t got)
{
	/* too little: a second, looser pass (class names no longer
	 * drop boxes), kept when it finds more */
	struct ctx y;
	struct lsn_buf alt;
	lsn_buf_init(&alt);
	memset(&y, 0, sizeof y);
	y.kb = x->kb;
	y.loose = 1;
	y.text = &alt;
	y.title = x->title;
	clear_marks(root);
	lsn_html_pass1(&y, root);
	if (!y.oom)
		lsn_html_write_article(&y, root, 0, 0);
	if (!y.oom && !alt.oom && alt.len < MIN_ARTICLE && y.best && y.body) {
		/* still nothing: the body's readable lines */
		struct lsn_buf all;
		lsn_buf_init(&all);
		y.text = &all;
		y.best = NULL;
		lsn_html_write_article(&y, root, 0, 0);
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
	x->oom |= y.oom | alt.oom;
	lsn_buf_clear(&alt);
	free(y.ns);
	free(y.stk);
}
