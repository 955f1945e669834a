/*
 * mail.c - email: the message and its SMTP transfer.
 *
 * Owns: "mail.send" payloads, building a multipart/alternative message
 * (headers cannot be injected: names and subjects travel as encoded
 * words, the address is checked), quoted-printable bodies, and sending it
 * with libcurl (timeouts, smtp/smtps only; a 5xx answer is permanent).
 * Not here: content (optin.c and templates), retries (outbox.c).
 * Every buffer and json_object made here is released here.
 */
#include "mail.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "cfg.h"
#include "jsonx.h"
#include "log.h"
#include "sec.h"
#include "val.h"
#include "banned.h"

#define MAIL_MAX	(1024 * 1024)	/* a message, after encoding */

int
mail_queue(struct db *db, const struct mail_msg *m, const char *dedupe_key)
{
	struct json_object	*o = json_object_new_object();
	int			 rc;

	json_object_object_add(o, "to", json_object_new_string(m->to));
	if (m->from_name != NULL)
		json_object_object_add(o, "from_name",
		    json_object_new_string(m->from_name));
	json_object_object_add(o, "subject",
	    json_object_new_string(m->subject));
	json_object_object_add(o, "text", json_object_new_string(m->text));
	if (m->html != NULL)
		json_object_object_add(o, "html",
		    json_object_new_string(m->html));
	rc = outbox_queue(db, "mail.send", dedupe_key, o, NULL);
	json_object_put(o);
	return rc;
}

/* ------------------------------------------------------------- message */

static void
base64(const unsigned char *s, size_t n, struct buf *out)
{
	static const char	 a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long		 v;
	size_t			 i;

	for (i = 0; i < n; i += 3) {
		v = (unsigned long)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned long)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		buf_addc(out, a[(v >> 18) & 63]);
		buf_addc(out, a[(v >> 12) & 63]);
		buf_addc(out, i + 1 < n ? a[(v >> 6) & 63] : '=');
		buf_addc(out, i + 2 < n ? a[v & 63] : '=');
	}
}

/* An RFC 2047 encoded word: no byte of s reaches the header as is. */
static void
encoded_word(const char *s, struct buf *out)
{
	buf_adds(out, "=?UTF-8?B?");
	base64((const unsigned char *)s, strlen(s), out);
	buf_adds(out, "?=");
}

/* Quoted-printable (RFC 2045 §6.7), lines ending CRLF, at most 76. */
static void
quoted_printable(const char *s, struct buf *out)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 col = 0;
	bool			 lit;

	for (; *p != '\0'; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			buf_adds(out, "\r\n");
			col = 0;
			continue;
		}
		lit = (*p >= 33 && *p <= 126 && *p != '=') ||
		    ((*p == ' ' || *p == '\t') && p[1] != '\n' && p[1] != '\0'
		    && p[1] != '\r');
		if (col + (lit ? 1 : 3) > 75) {
			buf_adds(out, "=\r\n");
			col = 0;
		}
		if (lit)
			buf_addc(out, (char)*p);
		else {
			buf_addc(out, '=');
			buf_addc(out, hex[*p >> 4]);
			buf_addc(out, hex[*p & 15]);
		}
		col += lit ? 1 : 3;
	}
	buf_adds(out, "\r\n");
}

static void
part(const char *ctype, const char *boundary, const char *body,
    struct buf *out)
{
	buf_addf(out, "--%s\r\nContent-Type: %s; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n", boundary,
	    ctype);
	quoted_printable(body, out);
}

void
mail_build(const struct mail_msg *m, const char *from, const char *boundary,
    struct buf *out)
{
	struct buf	 id = BUF_INIT;
	struct tm	 tm;
	time_t		 now = time(NULL);
	char		 date[64];

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	sec_token(&id, 18);
	buf_adds(out, "From: ");
	if (m->from_name != NULL && *m->from_name != '\0') {
		encoded_word(m->from_name, out);
		buf_adds(out, " ");
	}
	buf_addf(out, "<%s>\r\nTo: <%s>\r\nSubject: ", from, m->to);
	encoded_word(m->subject, out);
	buf_addf(out, "\r\nDate: %s\r\nMessage-ID: <%s@loop>\r\n"
	    "MIME-Version: 1.0\r\n", date, id.ptr);
	buf_addf(out, "Content-Type: multipart/alternative; boundary=\"%s\""
	    "\r\n\r\n", boundary);
	part("text/plain", boundary, m->text, out);
	if (m->html != NULL)
		part("text/html", boundary, m->html, out);
	buf_addf(out, "--%s--\r\n", boundary);
	buf_release(&id);
}

/* ------------------------------------------------------------- transfer */

struct source {
	const struct buf	*b;
	size_t			 off;
};

static size_t
source_read(char *dst, size_t size, size_t n, void *arg)
{
	struct source	*s = arg;
	size_t		 k = size * n;

	if (k > s->b->len - s->off)
		k = s->b->len - s->off;
	memcpy(dst, s->b->ptr + s->off, k);
	s->off += k;
	return k;
}

/* Sends msg; on failure *permanent is true for a 5xx answer. */
static int
smtp_send(const char *to, const struct buf *msg, struct buf *err,
    bool *permanent)
{
	struct curl_slist	*rcpt = NULL;
	struct source		 src = { msg, 0 };
	struct buf		 addr = BUF_INIT;
	CURL			*c;
	CURLcode		 cc;
	long			 code = 0;

	if ((c = curl_easy_init()) == NULL) {
		buf_adds(err, "libcurl: cannot create a handle");
		return -1;
	}
	buf_addf(&addr, "<%s>", to);
	rcpt = curl_slist_append(rcpt, addr.ptr);
	buf_reset(&addr);
	buf_addf(&addr, "<%s>", cfg.mail_from);
	curl_easy_setopt(c, CURLOPT_URL, cfg.smtp_url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 30000L);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr.ptr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, source_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &src);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	cc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (cc != CURLE_OK) {
		buf_addf(err, "smtp: %s (server said %ld)",
		    curl_easy_strerror(cc), code);
		*permanent = code >= 500 && code < 600;
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_release(&addr);
	return cc == CURLE_OK ? 0 : -1;
}

int
mail_deliver(struct db *db, const struct outbox_item *it,
    struct json_object **result, struct buf *error, bool *permanent)
{
	struct mail_msg	 m;
	struct buf	 msg = BUF_INIT, bnd = BUF_INIT;
	bool		 f[5];
	int		 rc = -1;

	(void)db;
	memset(&m, 0, sizeof(m));
	if (jsonx_str(it->payload, "to", &m.to, &f[0]) == -1 || !f[0] ||
	    !val_email(m.to) ||
	    jsonx_str(it->payload, "subject", &m.subject, &f[1]) == -1 ||
	    !f[1] || jsonx_str(it->payload, "text", &m.text, &f[2]) == -1 ||
	    !f[2] || jsonx_str(it->payload, "html", &m.html, &f[3]) == -1 ||
	    jsonx_str(it->payload, "from_name", &m.from_name, &f[4]) == -1) {
		buf_adds(error, "mail.send: bad payload");
		*permanent = true;
		return -1;
	}
	if (!f[3])
		m.html = NULL;
	if (!f[4])
		m.from_name = NULL;
	buf_adds(&bnd, "loop-");
	sec_token(&bnd, 12);
	mail_build(&m, cfg.mail_from, bnd.ptr, &msg);
	if (msg.len > MAIL_MAX) {
		buf_adds(error, "mail.send: the message is too large");
		*permanent = true;
	} else if (smtp_send(m.to, &msg, error, permanent) == 0) {
		*result = json_object_new_object();
		json_object_object_add(*result, "to",
		    json_object_new_string(m.to));
		rc = 0;
	}
	buf_release(&msg);
	buf_release(&bnd);
	return rc;
}
