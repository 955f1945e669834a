/*
 * sms.c - the Twilio-compatible provider: send, read the answer, verify
 * signatures.
 *
 * Owns: the form body of a send and its Basic auth (the transfer is
 * fetch.c's: timeouts, http/https only, the reply capped at 64 KB), the
 * reply mapped by error code, and the signature algorithm
 * of ../shared/reference/sms.md §1 (sorted by name, then value; repeated
 * identical pairs once; default port removed or added).
 * Not here: consent (consent.c), the outbox handler (message.c).
 * Every buffer made here is released here.
 */
#include "sms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "cfg.h"
#include "fetch.h"
#include "http.h"
#include "jsonx.h"
#include "log.h"
#include "sec.h"
#include "banned.h"

#define REPLY_MAX	(64 * 1024)	/* a Messages.json answer is ~1 KB */
#define TOTAL_MS	20000L

/* ------------------------------------------------------------ signature */

static int
pair_cmp(const void *a, const void *b)
{
	const struct kv	*x = *(const struct kv *const *)a;
	const struct kv	*y = *(const struct kv *const *)b;
	int		 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return strcmp(x->val, y->val);
}

void
sms_signature(const char *url, const struct kvlist *params,
    const char *token, struct buf *out)
{
	struct buf	 data = BUF_INIT;
	const struct kv	**v = NULL;
	size_t		 i, n = params != NULL ? params->n : 0;

	buf_adds(&data, url);
	if (n > 0) {
		v = xreallocarray(NULL, n, sizeof(*v));
		for (i = 0; i < n; i++)
			v[i] = &params->v[i];
		qsort(v, n, sizeof(*v), pair_cmp);
	}
	for (i = 0; i < n; i++) {
		if (i > 0 && pair_cmp(&v[i - 1], &v[i]) == 0)
			continue;	/* a repeated name=value counts once */
		buf_adds(&data, v[i]->key);
		buf_adds(&data, v[i]->val);
	}
	sec_hmac_sha1_b64(token, strlen(token), data.ptr, data.len, out);
	free(v);
	buf_release(&data);
}

/*
 * The same URL with the scheme's default port removed when it is there,
 * or added when no port is: the provider signs either form.
 */
static bool
port_variant(const char *url, struct buf *out)
{
	const char	*auth, *end, *at, *colon, *def;
	size_t		 dlen;

	if (strncmp(url, "https://", 8) == 0)
		def = ":443";
	else if (strncmp(url, "http://", 7) == 0)
		def = ":80";
	else
		return false;
	auth = strstr(url, "://") + 3;
	end = auth + strcspn(auth, "/?#");
	at = memchr(auth, '@', (size_t)(end - auth));
	if (at != NULL)
		auth = at + 1;
	colon = NULL;
	for (const char *p = auth; p < end; p++)
		if (*p == ':')
			colon = p;
		else if (*p == ']')
			colon = NULL;		/* inside an IPv6 literal */
	dlen = strlen(def);
	buf_add(out, url, (size_t)(end - url));
	if (colon == NULL)
		buf_adds(out, def);
	else if ((size_t)(end - colon) == dlen &&
	    memcmp(colon, def, dlen) == 0) {
		out->len -= dlen;
		out->ptr[out->len] = '\0';
	} else
		return false;		/* another port: nothing to vary */
	buf_adds(out, end);
	return true;
}

static bool
signature_is(const char *url, const struct kvlist *params,
    const char *token, const char *header)
{
	struct buf	 sig = BUF_INIT;
	bool		 ok;

	sms_signature(url, params, token, &sig);
	ok = sec_equal(sig.ptr, sig.len, header, strlen(header));
	buf_release(&sig);
	return ok;
}

bool
sms_signature_ok(const char *url, const struct kvlist *params,
    const char *token, const char *header)
{
	struct buf	 alt = BUF_INIT;
	bool		 ok;

	if (url == NULL || token == NULL || *token == '\0' ||
	    header == NULL || *header == '\0' || strlen(header) > 128)
		return false;
	ok = signature_is(url, params, token, header);
	if (!ok && port_variant(url, &alt))
		ok = signature_is(alt.ptr, params, token, header);
	buf_release(&alt);
	return ok;
}

/* ---------------------------------------------------------------- reply */

/* Copies a provider string into dst, printable ASCII and UTF-8 only. */
static void
copy_text(char *dst, size_t size, const char *src)
{
	size_t	 i, k = 0;

	for (i = 0; src != NULL && src[i] != '\0' && k + 1 < size; i++)
		dst[k++] = (unsigned char)src[i] < ' ' ? ' ' : src[i];
	dst[k] = '\0';
}

static bool
sid_ok(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n < 2 || n > 64)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

/* A 2xx: the sid and status of the queued message. */
static int
reply_ok(struct json_object *doc, struct sms_result *out)
{
	const char	*sid = NULL, *st = NULL;
	bool		 f1 = false, f2 = false;

	if (jsonx_str(doc, "sid", &sid, &f1) == -1 || !f1 || !sid_ok(sid) ||
	    jsonx_str(doc, "status", &st, &f2) == -1) {
		copy_text(out->error, sizeof(out->error),
		    "the provider's answer has no message sid");
		return -1;
	}
	copy_text(out->sid, sizeof(out->sid), sid);
	copy_text(out->status, sizeof(out->status), f2 ? st : "queued");
	return 0;
}

/* A 4xx/5xx: the code decides; the wording is only kept for people. */
static void
reply_error(int http, struct json_object *doc, struct sms_result *out)
{
	const char	*msg = NULL;
	int64_t		 code = 0;
	bool		 f1 = false, f2 = false;

	if (doc != NULL) {
		if (jsonx_int64(doc, "code", &code, &f1) == 0 && f1 &&
		    code > 0 && code < 1000000)
			out->error_code = (int)code;
		if (jsonx_str(doc, "message", &msg, &f2) == -1 || !f2)
			msg = NULL;
	}
	if (msg != NULL)
		snprintf(out->error, sizeof(out->error), "%d: %s",
		    out->error_code, msg);
	else
		snprintf(out->error, sizeof(out->error),
		    "the provider answered HTTP %d", http);
	copy_text(out->error, sizeof(out->error), out->error);
	out->retry = http >= 500 || http == 429 || out->error_code == 20429;
}

int
sms_parse_reply(int http_status, const char *body, size_t len,
    struct sms_result *out)
{
	struct json_object	*doc = NULL;
	int			 rc = -1;

	memset(out, 0, sizeof(*out));
	out->http_status = http_status;
	if (body != NULL && len > 0)
		doc = jsonx_parse(body, len, NULL);
	if (http_status >= 200 && http_status < 300) {
		if (doc != NULL && reply_ok(doc, out) == 0)
			rc = 0;
		else if (doc == NULL)
			copy_text(out->error, sizeof(out->error),
			    "the provider's answer is not JSON");
	} else
		reply_error(http_status, doc, out);
	json_object_put(doc);
	return rc;
}

/* ------------------------------------------------------------ transport */

/* name=value, percent-encoded (RFC 3986 unreserved kept), '&' between. */
static void
form_add(struct buf *form, const char *name, const char *value)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*v = (const unsigned char *)value;

	if (value == NULL)
		return;
	buf_addf(form, "%s%s=", form->len ? "&" : "", name);
	for (; *v != '\0'; v++)
		if ((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') ||
		    (*v >= '0' && *v <= '9') || strchr("-._~", *v) != NULL)
			buf_addc(form, (char)*v);
		else {
			buf_addc(form, '%');
			buf_addc(form, hex[*v >> 4]);
			buf_addc(form, hex[*v & 15]);
		}
}

int
sms_send(const struct sms_account *a, const char *to, const char *body,
    const char *status_url, struct sms_result *out)
{
	static const char *const headers[] = {
		"Content-Type: application/x-www-form-urlencoded",
		"Accept: application/json", NULL
	};
	struct fetch_req	 req;
	struct fetch_resp	 resp;
	struct buf		 url = BUF_INIT, form = BUF_INIT;
	struct buf		 err = BUF_INIT;
	int			 rc = -1;

	memset(out, 0, sizeof(*out));
	fetch_resp_init(&resp);
	if (a->sid == NULL || a->token == NULL || a->from == NULL ||
	    !sid_ok(a->sid)) {
		copy_text(out->error, sizeof(out->error), "SMS is not set up "
		    "for this account (sms_account_sid, sms_auth_token, "
		    "sms_from)");
		goto out;
	}
	buf_addf(&url, "%s/2010-04-01/Accounts/%s/Messages.json",
	    cfg.sms_api_url, a->sid);
	form_add(&form, "To", to);
	form_add(&form, "From", a->from);
	form_add(&form, "Body", body);
	form_add(&form, "StatusCallback", status_url);
	memset(&req, 0, sizeof(req));
	req.method = FETCH_POST;
	req.url = url.ptr;
	req.headers = headers;
	req.body = form.ptr;
	req.body_len = form.len;
	req.basic_user = a->sid;
	req.basic_pass = a->token;
	req.total_ms = TOTAL_MS;
	req.max_body = REPLY_MAX;
	if (fetch_do(&req, &resp, &err) == -1) {
		log_err("sms: %s", err.ptr);
		out->retry = true;
		copy_text(out->error, sizeof(out->error),
		    "the SMS provider did not answer");
		goto out;
	}
	rc = sms_parse_reply((int)resp.status, resp.body.ptr, resp.body.len,
	    out);
	if (rc == -1)
		log_err("sms: send failed: %s", out->error);
out:
	fetch_resp_release(&resp);
	buf_release(&err);
	buf_release(&form);
	buf_release(&url);
	return rc;
}
