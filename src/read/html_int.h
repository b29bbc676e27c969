/*
 * html_int.h — what the HTML reader's files share: html.c (tags, the
 * per-node state, class words, pass 1, the entry points), html_meta.c
 * (metadata: titles, dates by trust, month-name dates) and html_out.c
 * (writing the article's lines, the looser fallback passes).  Private to
 * src/read/html*.c; the reader's interface is in read_int.h.
 */
#ifndef LSN_READ_HTML_INT_H
#define LSN_READ_HTML_INT_H

#include <stddef.h>
#include <stdint.h>
#include <libxml/tree.h>
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
	const xmlNode *join_top; /* the article's outermost wrapper, whose siblings may join it */
};

/* ---------------------------------------------------------------- class words */

enum { W_NEG_HARD = 1, W_NEG = 2, W_POS = 3, W_DATE = 4 };

/* ---------------------------------------------------------------- dates */

/* Ranks of the places a publication date comes from, most trusted first. */
enum {
	R_ARTICLE_META = 1, /* article:published_time */
	R_META = 2,         /* JSON-LD and microdata datePublished, og:published_time */
	R_HEAD = 3,         /* a short line next to the headline that holds a date */
	R_META_KEY = 4,     /* other published-date keys of <meta>: dc.date, parsely-pub-date ... */
	R_META_LOOSE = 5,   /* a metadata key that only looks like one ("sw-pubdate") */
	R_TIME = 6,         /* <time datetime>, an attribute date in a date box */
	R_URL = 7,          /* /2024/05/16/ in the page's address */
	R_BOX_TEXT = 8,     /* the text of a date or byline box */
	R_DATE_LINE = 9,    /* a text that is a date, perhaps a time and a label */
	R_TITLE = 10,       /* a date in the title ("Report of 22.04.2020") */
	R_LEAD = 11,        /* the first date in the article's first lines */
};

enum {
	DATE_LINE_MAX = 160,   /* bytes of text a date or byline box holds at most */
	DATE_LINE_TEXT = 40,   /* bytes of a text that is only a date, a time and a label */
	HEAD_LINE_MAX = 100,   /* bytes of a line by the headline read for a date */
	HEAD_LINES = 4,        /* lines read after the headline (and half as many before) */
};

/* ---------------------------------------------------------------- passes */

enum { MIN_ARTICLE = 250 }; /* bytes of text below which a looser pass is tried */
#define LOOSE_GAIN 2.0f   /* the looser pass wins with this many times more text */
#define LOOSE_SHARE 0.2f  /* ... or this share of the page's text */

/* The index in x->ns of element n, which has stats. */
static inline uint32_t lsn_html_node_idx(const xmlNode *n)
{
	return (uint32_t)((uintptr_t)n->_private - 2);
}

/* Did pass 1 count element n (kept, not dropped)? */
static inline int lsn_html_has_stats(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && n->_private && n->_private != DROPPED;
}

/* A container's score, lowered by the share of its text in links. */
static inline float lsn_html_final_score(const struct nstat *s)
{
	float ld = s->tlen ? (float)s->llen / (float)s->tlen : 0.f;
	return s->score * (1.f - ld);
}

/* ---- html.c */

/* The tag and F_* flags of element n (looked up once per name, cached in x). */
void lsn_html_tag_of(struct ctx *x, const xmlNode *n, int *tag, int *flags);
/* The value of attribute `name` (ASCII, lowercase) or NULL; no copy. */
const char *lsn_html_attr(const xmlNode *n, const char *name);
/* What the words of a class/id value say: bits 1 << W_*. */
unsigned lsn_html_class_words(const char *v);
/* Does class or id value v hold one of the NULL-terminated hints (case ignored)? */
int lsn_html_names_any(const char *v, const char *const *hints);
/* Bytes of text under n (white space and scripts aside), or max + 1 when more. */
size_t lsn_html_text_len(const xmlNode *n, size_t max);
/* Does the subtree at n hold more than max bytes of text? */
int lsn_html_text_over(const xmlNode *n, size_t max);
/* Pass 1 over the tree at root: drops boilerplate, counts and scores into x. */
void lsn_html_pass1(struct ctx *x, xmlNode *root);

/* ---- html_meta.c */
/* The node after n in document order, not entering n's children when `down`
 * is 0 (nor a node that is no element); NULL past root. */
xmlNode *lsn_html_next(xmlNode *n, const xmlNode *root, int down);

/* A <meta> element: og:title, og:url and publication dates into x. */
void lsn_html_meta_tag(struct ctx *x, const xmlNode *n);
/* A JSON-LD <script>: its datePublished into x (rank R_META). */
void lsn_html_json_ld(struct ctx *x, const xmlNode *n);
/* The dates element n (tag t) holds as markup or in a small date box, into x. */
void lsn_html_element_dates(struct ctx *x, xmlNode *n, int t);
/* The date of a short line just under or above the headline (rank R_HEAD), into x. */
void lsn_html_head_dates(struct ctx *x, xmlNode *root);
/* The dates of the whole page under root, boilerplate boxes aside, into x. */
void lsn_html_date_walk(struct ctx *x, xmlNode *root);
/* The last places for a date: url, the title, text from `start`, the canonical URL. */
void lsn_html_late_dates(struct ctx *x, const char *url, const struct lsn_buf *text, size_t start);

/* ---- html_out.c */

/* Appends s[0..n) to x->text with runs of white space made one space. */
void lsn_html_add_text(struct ctx *x, const unsigned char *s, size_t n, int link);
/* Text of a small subtree (a title, a heading) into b, collapsed. */
void lsn_html_plain_text(struct ctx *x, xmlNode *top, struct lsn_buf *b);
/* Drops trailing spaces and newlines from b and ends it with a NUL. */
void lsn_html_trim_buf(struct lsn_buf *b);
/* Writes the article pass 1 found (or the body's lines) to x->text from start. */
void lsn_html_write_article(struct ctx *x, xmlNode *root, int fragment, size_t start);
/* The looser passes when the article (got bytes from start) is too short:
 * the longer text replaces out->text from start, out->fallback set. */
void lsn_html_loose_pass(struct ctx *x, xmlNode *root, struct lsn_html_out *out, size_t start,
			 size_t got);

#endif
