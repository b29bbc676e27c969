/*
 * doc.c — the first stage: a document from raw bytes.
 *
 * The border where untrusted bytes become trusted text: invalid UTF-8 is
 * replaced by U+FFFD (each replacement reported with its byte offset), text
 * that looks binary is refused, and the result is normalised to NFC once, so
 * every later stage can trust its text.  Offsets everywhere else are offsets
 * into this normalised text (identical to the input for NFC input, which is
 * what nearly all news text is).
 */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include "lsn_int.h"

int lsn_doc_add_issue(lsn_doc *doc, size_t offset, const char *msg)
{
	if (doc->nissues >= 64) /* enough to say what is wrong */
		return 0;
	if (lsn_grow(&doc->issues, &doc->capissues, doc->nissues + 1, sizeof *doc->issues))
		return -1;
	doc->issues[doc->nissues].offset = offset;
	doc->issues[doc->nissues].message = msg;
	doc->nissues++;
	return 0;
}

/* Is this binary data?  NUL bytes, or many control bytes early on. */
static int looks_binary(const char *s, size_t n, size_t *where)
{
	size_t ctl = 0, scan = n < 8192 ? n : 8192;
	for (size_t i = 0; i < scan; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0) {
			*where = i;
			return 1;
		}
		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
			if (++ctl > scan / 16 + 2) {
				*where = i;
				return 1;
			}
	}
	/* past the first 8 KB only a NUL byte tells */
	const char *nul = n > scan ? memchr(s + scan, 0, n - scan) : NULL;
	if (nul) {
		*where = (size_t)(nul - s);
		return 1;
	}
	return 0;
}

/* The length of the run of ASCII bytes at s[0..n), taken eight bytes at a time. */
static size_t ascii_run(const char *s, size_t n)
{
	size_t i = 0;
	for (uint64_t w; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break;
	}
	while (i < n && (unsigned char)s[i] < 0x80)
		i++;
	return i;
}

/* Copies s into a new buffer, replacing invalid UTF-8 with U+FFFD.  Issues
 * are reported at base + offset: s may start after a byte order mark. */
static char *repair_utf8(lsn_doc *doc, const char *s, size_t n, size_t base, size_t *outlen)
{
	struct lsn_buf b;
	lsn_buf_init(&b);
	size_t i = 0, run = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			size_t k = ascii_run(s + i, n - i);
			i += k, run += k;
			continue;
		}
		int len = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		int ok = len && i + (size_t)len <= n;
		uint32_t cp = 0;
		if (ok) {
			cp = c & (0x7f >> len);
			for (int k = 1; k < len; k++) {
				unsigned char d = (unsigned char)s[i + (size_t)k];
				if ((d & 0xc0) != 0x80) {
					ok = 0;
					break;
				}
				cp = (cp << 6) | (d & 0x3f);
			}
		}
		/* overlong forms, surrogates, out of range */
		if (ok && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
			   (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
			   (cp >= 0xd800 && cp <= 0xdfff)))
			ok = 0;
		if (ok) {
			i += (size_t)len, run += (size_t)len;
			continue;
		}
		lsn_buf_add(&b, s + i - run, run);
		run = 0;
		lsn_buf_add(&b, "\xef\xbf\xbd", 3);
		lsn_doc_add_issue(doc, base + i, "invalid UTF-8 replaced by U+FFFD");
		i++;
	}
	lsn_buf_add(&b, s + n - run, run);
	if (b.oom) {
		lsn_buf_clear(&b);
		return NULL;
	}
	*outlen = b.len;
	return b.data ? b.data : calloc(1, 1);
}

/* Code points of the BMP that leave any text they are in NFC: quick check
 * "yes" and combining class 0 (so no reordering either).  One bit each, from
 * ICU's properties, filled in blocks of 64 as text first needs them (the
 * threads of --jobs may fill a block at once: they write the same bits). */
static uint64_t nfc_safe[0x10000 / 64];
static uint8_t nfc_known[0x10000 / 64];

static uint64_t nfc_block(uint32_t b)
{
	if (__atomic_load_n(&nfc_known[b], __ATOMIC_ACQUIRE))
		return __atomic_load_n(&nfc_safe[b], __ATOMIC_RELAXED);
	uint64_t bits = 0;
	for (UChar32 c = (UChar32)(b * 64), k = 0; k < 64; c++, k++)
		if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(c) == 0)
			bits |= UINT64_C(1) << k;
	__atomic_store_n(&nfc_safe[b], bits, __ATOMIC_RELAXED);
	__atomic_store_n(&nfc_known[b], 1, __ATOMIC_RELEASE);
	return bits;
}

/* Is the (valid UTF-8) text NFC by the table alone?  0 means "ask ICU". */
static int surely_nfc(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i += ascii_run(s + i, n - i);
			continue;
		}
		uint32_t cp = lsn_utf8_next(s, n, &i);
		if (cp >= 0x10000 || !(nfc_block(cp >> 6) >> (cp & 63) & 1))
			return 0;
	}
	return 1;
}

enum lsn_status lsn_utf8_nfc(const char *s, size_t n, char **out, size_t *outlen)
{
	*out = NULL;
	*outlen = 0;
	/* the table's check first: ICU's conversion and quick check only for
	 * text it cannot vouch for */
	if (n > INT32_MAX || surely_nfc(s, n))
		return LSN_OK;
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err))
		return LSN_EUNICODE;
	int32_t ulen = 0;
	u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)n, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
		return LSN_EUNICODE;
	err = U_ZERO_ERROR;
	UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
	if (!u)
		return LSN_ENOMEM;
	u_strFromUTF8(u, ulen + 1, NULL, s, (int32_t)n, &err);
	if (U_FAILURE(err)) {
		free(u);
		return LSN_EUNICODE;
	}
	int32_t span = unorm2_spanQuickCheckYes(nfc, u, ulen, &err);
	if (U_SUCCESS(err) && span == ulen) {
		free(u);
		return LSN_OK;
	}
	err = U_ZERO_ERROR;
	int32_t cap = ulen * 2 + 16;
	UChar *v = malloc((size_t)cap * sizeof *v);
	if (!v) {
		free(u);
		return LSN_ENOMEM;
	}
	int32_t vlen = unorm2_normalize(nfc, u, ulen, v, cap, &err);
	free(u);
	if (U_FAILURE(err)) {
		free(v);
		return LSN_EUNICODE;
	}
	int32_t blen = 0;
	err = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &blen, v, vlen, &err);
	err = U_ZERO_ERROR;
	char *t = malloc((size_t)blen + 1);
	if (!t) {
		free(v);
		return LSN_ENOMEM;
	}
	u_strToUTF8(t, blen + 1, NULL, v, vlen, &err);
	free(v);
	if (U_FAILURE(err)) {
		free(t);
		return LSN_EUNICODE;
	}
	*out = t;
	*outlen = (size_t)blen;
	return LSN_OK;
}

/* Normalises the document's text to NFC when it is not already. */
static enum lsn_status to_nfc(lsn_doc *doc)
{
	char *t;
	size_t tl;
	enum lsn_status st = lsn_utf8_nfc(doc->text, doc->len, &t, &tl);
	if (st || !t)
		return st;
	free(doc->text);
	doc->text = t;
	doc->len = tl;
	return LSN_OK;
}

static int parse_pub(const char *s, struct lsn_date *d)
{
	int y, m, dd;
	if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &dd) != 3 || m < 1 || m > 12 || dd < 1 || dd > 31)
		return -1;
	d->y = (int16_t)y;
	d->m = (int8_t)m;
	d->d = (int8_t)dd;
	d->prec = DP_DAY;
	return 0;
}

enum lsn_status lsn_doc_new(const char *id, const char *bytes, size_t len,
			    const char *published, lsn_doc **out, size_t *bad_offset)
{
	*out = NULL;
	size_t where = 0;
	if (looks_binary(bytes, len, &where)) {
		if (bad_offset)
			*bad_offset = where;
		return LSN_EBINARY;
	}
	lsn_doc *doc = calloc(1, sizeof *doc);
	if (!doc)
		return LSN_ENOMEM;
	doc->id = strdup(id ? id : "-");
	/* skip a UTF-8 byte order mark */
	size_t bom = 0;
	if (len >= 3 && !memcmp(bytes, "\xef\xbb\xbf", 3))
		bom = 3;
	doc->text = repair_utf8(doc, bytes + bom, len - bom, bom, &doc->len);
	if (!doc->id || !doc->text) {
		lsn_doc_free(doc);
		return LSN_ENOMEM;
	}
	enum lsn_status st = to_nfc(doc);
	if (st) {
		lsn_doc_free(doc);
		return st;
	}
	if (published && parse_pub(published, &doc->published) == 0)
		doc->meta_published = 1;
	strcpy(doc->lang, "und");
	*out = doc;
	return LSN_OK;
}

size_t lsn_doc_len(const lsn_doc *doc)
{
	return doc->len;
}

void lsn_doc_free(lsn_doc *doc)
{
	if (!doc)
		return;
	if (doc->kbprep_free)
		doc->kbprep_free(doc->kbprep);
	free(doc->id);
	free(doc->text);
	free(doc->issues);
	free(doc->lines);
	free(doc->sents);
	free(doc->toks);
	free(doc->hits);
	free(doc->dates);
	free(doc->nums);
	free(doc->persons);
	free(doc->events);
	free(doc->figures);
	free(doc->rels);
	free(doc->commits);
	free(doc->ment_person);
	free(doc->pl_end);
	free(doc->pl_idx);
	free(doc->pl_kind);
	free(doc->ph_starts);
	free(doc->tok_lex);
	free(doc);
}

size_t lsn_doc_issue_count(const lsn_doc *doc) { return doc->nissues; }
const struct lsn_issue *lsn_doc_issue(const lsn_doc *doc, size_t i)
{
	return i < doc->nissues ? &doc->issues[i] : NULL;
}
const char *lsn_doc_id(const lsn_doc *doc) { return doc->id; }
const char *lsn_doc_lang(const lsn_doc *doc) { return doc->lang; }

enum lsn_status lsn_extract(const lsn_tables *kb, lsn_doc *doc)
{
	return lsn_extract_as(kb, doc, NULL);
}

enum lsn_status lsn_extract_as(const lsn_tables *kb, lsn_doc *doc, const char *lang)
{
	if (doc->done)
		return LSN_OK;
	doc->kb = kb;
	enum lsn_status st = lsn_clean(kb, doc);
	if (st)
		return st;
	if (lang)
		snprintf(doc->lang, sizeof doc->lang, "%s", lang);
	else
		lsn_lang_detect(doc);
	if ((st = lsn_segment(kb, doc)) || (st = lsn_annotate(kb, doc)) ||
	    (st = lsn_extract_records(kb, doc)) || (st = lsn_extract_commitments(kb, doc)))
		return st;
	doc->done = 1;
	return LSN_OK;
}
