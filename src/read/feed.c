/*
 * read_feed.c — RSS 2.0 (and 1.0) and Atom feeds (part of "read").
 *
 * The feed is read whole (feeds are small; at most LSN_RD_MAX_DOC), made
 * valid UTF-8 in its declared encoding, and parsed by libxml2's XML parser
 * without network access or entity expansion.  Each item / entry is one
 * document: its text from content:encoded, Atom content, description or
 * summary (HTML goes through the extractor of read_html.c in fragment
 * mode: all paragraphs, no container choice), its link, guid / id, title,
 * and pubDate / published / updated / dc:date as YYYY-MM-DD (RFC 822 and
 * RFC 3339, the date as written, in the feed's own time zone).
 *
 * Entities a feed declares itself (<!ENTITY a "&b;&b;...">) are left as
 * references in the tree and expanded only when an item's text is taken,
 * and an item whose references expand more than MAX_ENTITY_REFS times is
 * refused.  When libxml2 stops parsing (it does on entities nested to
 * expand a hundred times or more: "entity reference loop"), the items
 * before are handed out, then the item it stopped in is reported with its
 * line, and the rest of the feed is lost: an error, never a silent cut.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "read/read_int.h"

#define MAX_ENTITY_REFS 100 /* entity references expanded for one item's text */

struct feed {
	xmlDoc *doc;
	xmlNode *next_item;   /* the next item or entry to hand out */
	int atom, started;
	unsigned long itemno;
	struct lsn_buf tmp;
	/* libxml2 stopped before the end: where, and why */
	int halted, halt_line;
	char halt_msg[160];
};

static void feed_free(void *p)
{
	struct feed *f = p;
	if (f->doc)
		xmlFreeDoc(f->doc);
	lsn_buf_clear(&f->tmp);
	free(f);
}

static int named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name);
}

static int ns_is(const xmlNode *n, const char *prefix_or_uri)
{
	if (!n->ns)
		return 0;
	if (n->ns->prefix && !strcmp((const char *)n->ns->prefix, prefix_or_uri))
		return 1;
	return n->ns->href && strstr((const char *)n->ns->href, prefix_or_uri) != NULL;
}

/* The next item (RSS) or entry (Atom) at or after n, in document order
 * under the channel / feed. */
static xmlNode *find_item(xmlNode *n, int atom)
{
	for (; n; n = n->next)
		if (named(n, atom ? "entry" : "item"))
			return n;
	return NULL;
}

/* The text content of n, trimmed, into b. */
static void text_of(xmlNode *n, struct lsn_buf *b)
{
	b->len = 0;
	xmlChar *c = xmlNodeGetContent(n);
	if (!c)
		return;
	const char *s = (const char *)c;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == '\t'))
		len--;
	while (len && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t'))
		s++, len--;
	lsn_buf_add(b, s, len);
	lsn_buf_addc(b, 0);
	b->len--;
	xmlFree(c);
}

/* 1 when the references to entities under the nodes from n on (their
 * expansions counted too) are more than MAX_ENTITY_REFS, or nested deeper
 * than 10. */
static int too_many_refs(const xmlNode *n, unsigned *count, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_ENTITY_REF_NODE) {
			if (++*count > MAX_ENTITY_REFS || depth > 10)
				return 1;
			const xmlEntity *e = (const xmlEntity *)n->children;
			if (e && e->type == XML_ENTITY_DECL && too_many_refs(e->children, count, depth + 1))
				return 1;
		} else if (n->type == XML_ELEMENT_NODE && too_many_refs(n->children, count, depth)) {
			return 1;
		}
	}
	return 0;
}

/* The feed's end when libxml2 stopped early: an error naming the item and
 * the line it stopped at (-2: nothing more is read). */
static int halted_here(lsn_reader *r, struct feed *f, char *err, size_t errlen)
{
	r->finished = 1;
	if (f->itemno)
		lsn_rd_err(r, err, errlen, "item %lu: line %d: %s; this item and the rest of the feed are not read",
			   f->itemno, f->halt_line, f->halt_msg);
	else
		lsn_rd_err(r, err, errlen, "line %d: %s; the feed is not read", f->halt_line, f->halt_msg);
	return -2;
}

/* Feed text that may be HTML: through the extractor, as a fragment. */
static int html_text(lsn_reader *r, const char *s, size_t n)
{
	struct lsn_html_out ho = {.text = &r->text, .title = NULL, .url = NULL};
	return lsn_html_extract(s, n, "UTF-8", NULL, 1, &ho);
}

static int next_feed(lsn_reader *r, char *err, size_t errlen)
{
	struct feed *f = r->fs;
	xmlNode *it = f->next_item;
	if (!it)
		return f->halted && !f->itemno ? halted_here(r, f, err, errlen) : 0;
	f->next_item = find_item(it->next, f->atom);
	f->itemno++;
	snprintf(r->where, sizeof r->where, "item %lu", f->itemno);
	/* the last item when libxml2 stopped: the one it stopped in, cut short */
	if (f->halted && !f->next_item)
		return halted_here(r, f, err, errlen);
	unsigned refs = 0;
	if (too_many_refs(it->children, &refs, 0)) {
		lsn_rd_err(r, err, errlen, "%s (line %ld): its entities expand more than %d times; skipped",
			   r->where, xmlGetLineNo(it), MAX_ENTITY_REFS);
		return -1;
	}

	xmlNode *content = NULL, *descr = NULL;
	int content_rank = 9;
	const char *ctype = NULL;
	char date[11] = "";
	int date_rank = 9;
	for (xmlNode *c = it->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (!strcasecmp(nm, "title")) {
			text_of(c, &r->title);
		} else if (!strcasecmp(nm, "link")) {
			xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
			xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
			if (href) {
				if ((!rel || !strcmp((const char *)rel, "alternate")) && !r->url.len)
					lsn_rd_set(&r->url, (const char *)href, strlen((const char *)href));
			} else if (!r->url.len) {
				text_of(c, &r->url);
			}
			xmlFree(href);
			xmlFree(rel);
		} else if (!strcasecmp(nm, "guid") || (f->atom && !strcasecmp(nm, "id"))) {
			text_of(c, &r->id);
		} else if (!strcasecmp(nm, "pubDate") || !strcasecmp(nm, "published") ||
			   !strcasecmp(nm, "issued") || !strcasecmp(nm, "updated") ||
			   (!strcasecmp(nm, "date") && ns_is(c, "dc"))) {
			int rank = !strcasecmp(nm, "updated") ? 2 : 1;
			if (rank < date_rank) {
				text_of(c, &f->tmp);
				char d[11];
				if (lsn_date_meta(f->tmp.data ? f->tmp.data : "", f->tmp.len, d)) {
					memcpy(date, d, 11);
					date_rank = rank;
				}
			}
		} else if (!strcasecmp(nm, "encoded") && ns_is(c, "content")) {
			content = c, content_rank = 0;
		} else if (!strcasecmp(nm, "content") && content_rank > 1) {
			content = c, content_rank = 1;
		} else if (!strcasecmp(nm, "description") || !strcasecmp(nm, "summary")) {
			if (!descr)
				descr = c;
		}
	}
	if (!content)
		content = descr;
	memcpy(r->published, date, 11);
	int st = LSN_OK;
	if (content) {
		xmlChar *type = xmlGetProp(content, (const xmlChar *)"type");
		ctype = (const char *)type;
		if (f->atom && ctype && !strcasecmp(ctype, "xhtml")) {
			/* inline XHTML: serialise the children, then extract */
			xmlBuffer *xb = xmlBufferCreate();
			if (xb) {
				for (xmlNode *c = content->children; c; c = c->next)
					xmlNodeDump(xb, f->doc, c, 0, 0);
				st = html_text(r, (const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
				xmlBufferFree(xb);
			} else {
				st = LSN_ENOMEM;
			}
		} else {
			text_of(content, &f->tmp);
			int plain = f->atom && (!ctype || !strcasecmp(ctype, "text"));
			if (plain)
				lsn_buf_add(&r->text, f->tmp.data, f->tmp.len);
			else
				st = html_text(r, f->tmp.data ? f->tmp.data : "", f->tmp.len);
		}
		xmlFree(type);
	}
	if (st) {
		lsn_rd_err(r, err, errlen, "%s: %s", r->where,
			   st == LSN_ENOMEM ? "out of memory" : "content could not be read");
		return -1;
	}
	if (!r->text.len && r->title.len) /* a headline-only feed */
		lsn_buf_add(&r->text, r->title.data, r->title.len);
	if (!r->text.len) {
		lsn_rd_err(r, err, errlen, "%s: no title and no content", r->where);
		return -1;
	}
	if (!r->id.len && r->url.len)
		lsn_rd_set(&r->id, r->url.data, r->url.len);
	if (!r->id.len) {
		char num[32];
		int k = snprintf(num, sizeof num, ":%lu", f->itemno);
		lsn_rd_set(&r->id, r->stem, strlen(r->stem));
		lsn_buf_add(&r->id, num, (size_t)k);
		lsn_buf_addc(&r->id, 0);
		r->id.len--;
	}
	return 1;
}

/* The first call parses the whole feed. */
static int first_feed(lsn_reader *r, char *err, size_t errlen)
{
	struct feed *f = r->fs;
	r->next = next_feed;
	struct lsn_buf raw;
	lsn_buf_init(&raw);
	int rc = lsn_rd_read_all(r, &raw, LSN_RD_MAX_DOC);
	if (rc) {
		if (rc == 1)
			lsn_rd_err(r, err, errlen, "larger than %zu MiB; skipped", LSN_RD_MAX_DOC >> 20);
		else
			lsn_rd_err(r, err, errlen, "%s", raw.oom ? "out of memory" : strerror(r->ioerr));
		lsn_buf_clear(&raw);
		return -2;
	}
	/* the declared encoding, converted here so that bad bytes become
	 * U+FFFD instead of ending the parse */
	char enc[48] = "";
	const char *s = raw.data ? raw.data : "";
	if (raw.len > 5 && !strncmp(s + (raw.len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0), "<?xml", 5)) {
		const char *e = memchr(s, '>', raw.len < 200 ? raw.len : 200);
		const char *p = e ? strstr(s, "encoding") : NULL;
		if (p && p < e) {
			p += 8;
			while (p < e && (*p == ' ' || *p == '=' || *p == '"' || *p == '\''))
				p++;
			size_t k = 0;
			while (p < e && k + 1 < sizeof enc && *p != '"' && *p != '\'' && *p != ' ' && *p != '?')
				enc[k++] = *p++;
			enc[k] = 0;
		}
	}
	const char *u8;
	size_t u8len;
	struct lsn_buf conv;
	lsn_buf_init(&conv);
	if (lsn_rd_to_utf8(s, raw.len, enc, &conv, &u8, &u8len) < 0 || u8len > INT32_MAX) {
		lsn_buf_clear(&raw);
		lsn_buf_clear(&conv);
		lsn_rd_err(r, err, errlen, "out of memory");
		return -2;
	}
	lsn_rd_xml_init();
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		lsn_buf_clear(&raw);
		lsn_buf_clear(&conv);
		lsn_rd_err(r, err, errlen, "out of memory");
		return -2;
	}
	f->doc = xmlCtxtReadMemory(ctxt, u8len ? u8 : " ", u8len ? (int)u8len : 1, NULL, "UTF-8",
				   XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
					   XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
					   XML_PARSE_COMPACT);
	/* in recovery mode the parser goes on after an error, unless it had to
	 * stop (xmlHaltParser: disableSAX): then what follows is missing */
	if (f->doc && ctxt->disableSAX) {
		f->halted = 1;
		f->halt_line = ctxt->lastError.line;
		const char *m = ctxt->lastError.message ? ctxt->lastError.message : "the XML parser stopped";
		if (ctxt->lastError.code == XML_ERR_ENTITY_LOOP)
			m = "entities nested to expand too far (libxml2: entity reference loop)";
		snprintf(f->halt_msg, sizeof f->halt_msg, "%s", m);
		f->halt_msg[strcspn(f->halt_msg, "\n")] = 0;
	}
	xmlFreeParserCtxt(ctxt);
	lsn_buf_clear(&raw);
	lsn_buf_clear(&conv);
	xmlNode *root = f->doc ? xmlDocGetRootElement(f->doc) : NULL;
	if (!root) {
		lsn_rd_err(r, err, errlen, "not XML: no RSS or Atom feed");
		return -2;
	}
	if (named(root, "feed")) {
		f->atom = 1;
		f->next_item = find_item(root->children, 1);
	} else if (named(root, "rss") || named(root, "RDF")) {
		xmlNode *ch = root->children;
		while (ch && !named(ch, "channel"))
			ch = ch->next;
		f->next_item = ch ? find_item(ch->children, 0) : NULL;
		if (named(root, "RDF") && !f->next_item) /* RSS 1.0: items beside the channel */
			f->next_item = find_item(root->children, 0);
	} else {
		lsn_rd_err(r, err, errlen, "not an RSS or Atom feed (root element <%s>)",
			   (const char *)root->name);
		return -2;
	}
	return next_feed(r, err, errlen);
}

int lsn_rd_feed_init(lsn_reader *r, char *err, size_t errlen)
{
	struct feed *f = calloc(1, sizeof *f);
	if (!f) {
		lsn_rd_err(r, err, errlen, "out of memory");
		return -1;
	}
	lsn_buf_init(&f->tmp);
	r->fs = f;
	r->free_fs = feed_free;
	r->next = first_feed;
	return 0;
}
