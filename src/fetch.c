/*
 * fetch.c - outbound HTTP(S) through libcurl.
 *
 * Owns: the libcurl easy handle's settings (timeouts, protocols, no
 * redirects, no signals), the capped body sink (after git's http.c
 * fwrite_buffer()), the header sink that picks out Link, Retry-After and
 * the rate-limit headers (names matched case-insensitively).
 * Not here: retries and their policy (the callers).
 * Error messages name the method, host and path, never credentials.
 */
#include "fetch.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "log.h"
#include "banned.h"

#define HEADER_MAX	8192	/* longer reply header lines are ignored */

static const char *const method_names[FETCH__MAX] = {
	"GET", "POST", "PATCH", "PUT", "DELETE"
};

struct sink {
	struct fetch_resp	*resp;
	size_t			 max;
	bool			 overflow;
};

void
fetch_resp_init(struct fetch_resp *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body);
	r->retry_after = r->rl_limit = r->rl_remaining = -1;
}

void
fetch_resp_release(struct fetch_resp *r)
{
	buf_release(&r->body);
	free(r->next_url);
	free(r->rl_reset);
	fetch_resp_init(r);
}

/* The body, refused past the cap so that a huge reply costs nothing. */
static size_t
body_cb(char *ptr, size_t size, size_t n, void *arg)
{
	struct sink	*s = arg;
	size_t		 len = size * n;

	if (len > s->max - s->resp->body.len) {
		s->overflow = true;
		return 0;		/* curl aborts the transfer */
	}
	buf_add(&s->resp->body, ptr, len);
	return len;
}

char *
fetch_link_next(const char *v)
{
	const char	*lt, *gt, *end, *rel;

	while (v != NULL && (lt = strchr(v, '<')) != NULL) {
		if ((gt = strchr(lt, '>')) == NULL)
			return NULL;
		/* The link's parameters run to the next ',' after '>'. */
		end = strchr(gt, ',');
		if (end == NULL)
			end = gt + strlen(gt);
		for (rel = gt; (rel = strcasestr(rel, "rel=")) != NULL &&
		    rel < end; rel += 4)
			if (strncasecmp(rel + 4, "\"next\"", 6) == 0 ||
			    (strncasecmp(rel + 4, "next", 4) == 0 &&
			    !isalnum((unsigned char)rel[8])))
				return xstrndup(lt + 1, (size_t)(gt - lt - 1));
		v = *end != '\0' ? end + 1 : NULL;
	}
	return NULL;
}

long
fetch_retry_after(const char *v)
{
	char	*end;
	long	 n;
	time_t	 t;

	while (*v == ' ' || *v == '\t')
		v++;
	if (*v >= '0' && *v <= '9') {
		n = strtol(v, &end, 10);
		while (*end == ' ' || *end == '\t' || *end == '\r' ||
		    *end == '\n')
			end++;
		return (*end == '\0' && n >= 0) ? n : -1;
	}
	if ((t = curl_getdate(v, NULL)) == -1)
		return -1;
	return t > time(NULL) ? (long)(t - time(NULL)) : 0;
}

/* "Name: value\r\n" -> value without the line end, or NULL. */
static char *
header_value(const char *line, size_t len, const char *name)
{
	size_t	 n = strlen(name), e = len;

	if (len <= n + 1 || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	while (e > n + 1 && (line[e - 1] == '\r' || line[e - 1] == '\n' ||
	    line[e - 1] == ' '))
		e--;
	line += n + 1;
	e -= n + 1;
	while (e > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		e--;
	}
	return xstrndup(line, e);
}

static long
to_long(const char *s)
{
	char	*end;
	long	 n = strtol(s, &end, 10);

	return (end != s && *end == '\0' && n >= 0) ? n : -1;
}

static size_t
header_cb(char *ptr, size_t size, size_t n, void *arg)
{
	struct fetch_resp	*r = arg;
	size_t			 len = size * n;
	char			*v;

	if (len > HEADER_MAX)
		return len;
	if ((v = header_value(ptr, len, "Link")) != NULL) {
		if (r->next_url == NULL)
			r->next_url = fetch_link_next(v);
	} else if ((v = header_value(ptr, len, "Retry-After")) != NULL)
		r->retry_after = fetch_retry_after(v);
	else if ((v = header_value(ptr, len, "X-RateLimit-Limit")) != NULL)
		r->rl_limit = to_long(v);
	else if ((v = header_value(ptr, len, "X-RateLimit-Remaining")) != NULL)
		r->rl_remaining = to_long(v);
	else if ((v = header_value(ptr, len, "X-RateLimit-Reset")) != NULL) {
		free(r->rl_reset);
		r->rl_reset = v;
		v = NULL;
	}
	free(v);
	return len;
}

/* "GET host/path" for messages: no userinfo, no query string. */
static void
describe(const struct fetch_req *req, struct buf *out)
{
	const char	*u = req->url, *at, *q;
	size_t		 n;

	if ((q = strstr(u, "://")) != NULL)
		u = q + 3;
	n = strcspn(u, "?#");
	if ((at = memchr(u, '@', strcspn(u, "/"))) != NULL && at < u + n) {
		n -= (size_t)(at + 1 - u);
		u = at + 1;
	}
	buf_addf(out, "%s %.*s", method_names[req->method], (int)n, u);
}

static void
setup(CURL *c, const struct fetch_req *req, struct curl_slist *hdr,
    struct sink *sink)
{
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    req->connect_ms > 0 ? req->connect_ms : (long)FETCH_CONNECT_MS);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
	    req->total_ms > 0 ? req->total_ms : (long)FETCH_TOTAL_MS);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "Loop/1 (+libcurl)");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, sink);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, sink->resp);
	if (req->method != FETCH_GET)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST,
		    method_names[req->method]);
	if (req->body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)req->body_len);
	}
	if (req->basic_user != NULL) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, req->basic_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, req->basic_pass != NULL ?
		    req->basic_pass : "");
	}
}

int
fetch_do(const struct fetch_req *req, struct fetch_resp *resp,
    struct buf *err)
{
	static bool		 inited;
	struct curl_slist	*hdr = NULL, *h;
	struct sink		 sink;
	CURL			*c = NULL;
	CURLcode		 cc;
	size_t			 i;
	int			 rc = -1;

	buf_reset(err);
	fetch_resp_release(resp);
	if (!inited && curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK)
		inited = true;
	if ((c = curl_easy_init()) == NULL) {
		buf_adds(err, "libcurl: cannot create a handle");
		goto out;
	}
	for (i = 0; req->headers != NULL && req->headers[i] != NULL; i++) {
		if ((h = curl_slist_append(hdr, req->headers[i])) == NULL)
			goto out;
		hdr = h;
	}
	sink.resp = resp;
	sink.max = req->max_body > 0 ? req->max_body : FETCH_MAX_BODY;
	sink.overflow = false;
	setup(c, req, hdr, &sink);
	cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
	if (cc != CURLE_OK) {
		describe(req, err);
		buf_addf(err, ": %s", sink.overflow ?
		    "the reply is larger than allowed" : curl_easy_strerror(cc));
		goto out;
	}
	rc = 0;
out:
	curl_slist_free_all(hdr);
	if (c != NULL)
		curl_easy_cleanup(c);
	return rc;
}
