/*
 * fetch.c — fetching a feed over HTTP(S) with libcurl (part of "read").
 *
 * Bounded in every way a remote server could abuse: total time, bytes
 * (checked as they arrive, not only from Content-Length), redirects (at
 * most 5, to http or https only), protocols (http and https only).  The
 * body goes into a caller's buffer; lsn_reader_open_feed_mem reads it.
 */
#include <pthread.h>
#include <string.h>
#include <curl/curl.h>
#include "read/read_int.h"

struct sink {
	struct lsn_buf *b;
	size_t max;
	int toobig;
};

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
	struct sink *s = ud;
	size_t k = size * n;
	if (s->b->len + k > s->max) {
		s->toobig = 1;
		return 0; /* aborts the transfer */
	}
	lsn_buf_add(s->b, p, k);
	return s->b->oom ? 0 : k;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;
static void init_curl(void) { curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT); }

int lsn_feed_fetch(const char *url, struct lsn_buf *body, long timeout_s, size_t max_bytes,
		   char *err, size_t errlen)
{
	if (err && errlen)
		*err = 0;
	if (!url || (strncasecmp(url, "http://", 7) && strncasecmp(url, "https://", 8))) {
		if (err && errlen)
			snprintf(err, errlen, "%s: only http:// and https:// URLs are fetched", url ? url : "");
		return LSN_EARG;
	}
	pthread_once(&curl_once, init_curl);
	if (curl_init_rc != CURLE_OK) {
		if (err && errlen)
			snprintf(err, errlen, "%s: libcurl: %s", url, curl_easy_strerror(curl_init_rc));
		return LSN_EIO;
	}
	CURL *h = curl_easy_init();
	if (!h) {
		if (err && errlen)
			snprintf(err, errlen, "%s: out of memory", url);
		return LSN_ENOMEM;
	}
	struct sink s = {body, max_bytes, 0};
	char errbuf[CURL_ERROR_SIZE] = "";
	long connect = timeout_s > 0 && timeout_s < 10 ? timeout_s : 10;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout_s > 0 ? timeout_s : 30L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, connect);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "liaison/" LSN_VERSION);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* gzip, deflate as libcurl can */
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &s);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	CURLcode rc = curl_easy_perform(h);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(h);
	lsn_buf_addc(body, 0);
	body->len--;
	if (body->oom) {
		if (err && errlen)
			snprintf(err, errlen, "%s: out of memory", url);
		return LSN_ENOMEM;
	}
	if (s.toobig || rc == CURLE_FILESIZE_EXCEEDED) {
		if (err && errlen)
			snprintf(err, errlen, "%s: larger than %zu bytes; not read", url, max_bytes);
		return LSN_EIO;
	}
	if (rc != CURLE_OK) {
		if (err && errlen)
			snprintf(err, errlen, "%s: %s", url, errbuf[0] ? errbuf : curl_easy_strerror(rc));
		return LSN_EIO;
	}
	if (status < 200 || status > 299) {
		if (err && errlen)
			snprintf(err, errlen, "%s: HTTP status %ld", url, status);
		return LSN_EIO;
	}
	return LSN_OK;
}
