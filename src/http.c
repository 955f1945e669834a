/*
 * http.c - parsing the pieces of an HTTP request that arrive as bytes.
 *
 * Owns: kvlists, percent-decoding, url-encoded forms and query strings,
 * the Cookie header, UTF-8 checks, and the lexical helpers (tokens,
 * optional white space) that multipart.c shares.
 * Not here: multipart bodies (multipart.c); FastCGI, routing, responses
 * (app.c, route.c, resp.c); what a field must look like (val.c).
 * Every parser works on (pointer, length) and reads nothing beyond it.
 * Lists filled here own their strings: kvlist_release().
 */
#include "http.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "banned.h"

#define COOKIES_MAX		 64	/* pairs kept from one Cookie header */

/* ---------------------------------------------------------------- kvlist */

char *
http_memdup(const char *s, size_t len)
{
	char	*p;

	p = xmalloc(len + 1);
	if (len != 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* Appends a pair whose strings the list takes over. */
static void
kvlist_take(struct kvlist *l, char *key, char *val, size_t vlen)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 8 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n].key = key;
	l->v[l->n].val = val;
	l->v[l->n].vlen = vlen;
	l->n++;
}

void
kvlist_add(struct kvlist *l, const char *key, size_t klen, const char *val,
    size_t vlen)
{
	kvlist_take(l, http_memdup(key, klen), http_memdup(val, vlen), vlen);
}

const struct kv *
kvlist_find(const struct kvlist *l, const char *key)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return &l->v[i];
	return NULL;
}

const char *
kvlist_get(const struct kvlist *l, const char *key)
{
	const struct kv	*kv;

	return (kv = kvlist_find(l, key)) == NULL ? NULL : kv->val;
}

void
kvlist_release(struct kvlist *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].val);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

const char *
http_err_str(enum http_err e)
{
	static const char *const msg[HTTP_ERR__MAX] = {
		[HTTP_ERR_NONE] = "no error",
		[HTTP_ERR_PERCENT] = "bad percent-encoding",
		[HTTP_ERR_UTF8] = "bad UTF-8 or a control character in text",
		[HTTP_ERR_TOO_MANY] = "too many fields",
		[HTTP_ERR_TOO_BIG] = "a field or file is too large",
		[HTTP_ERR_MULTIPART] = "malformed multipart body",
		[HTTP_ERR_BOUNDARY] = "missing or bad multipart boundary",
	};

	if ((unsigned)e >= HTTP_ERR__MAX)
		return "unknown error";
	return msg[e];
}

/* ----------------------------------------------------------------- UTF-8 */

/* Length of the well-formed sequence at s[0..len), or 0 (RFC 3629
 * table 3-7: no overlongs, no surrogates, nothing past U+10FFFF). */
static size_t
utf8_seq(const unsigned char *s, size_t len)
{
	unsigned char	 lo, hi;
	size_t		 n, i;

	if (s[0] < 0x80)
		return 1;
	n = s[0] < 0xc2 ? 0 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 :
	    s[0] < 0xf5 ? 4 : 0;
	lo = s[0] == 0xe0 ? 0xa0 : s[0] == 0xf0 ? 0x90 : 0x80;
	hi = s[0] == 0xed ? 0x9f : s[0] == 0xf4 ? 0x8f : 0xbf;
	if (n == 0 || len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, n;

	for (i = 0; i < len; i += n)
		if ((n = utf8_seq(u + i, len - i)) == 0)
			return false;
	return true;
}

bool
utf8_text(const char *s, size_t len)
{
	size_t		 i;
	unsigned char	 c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') ||
		    c == 0x7f)
			return false;
	}
	return utf8_valid(s, len);
}

/* --------------------------------------------------- url-encoded, cookies */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
http_pct_decode(const char *s, size_t len, bool plus, char **out,
    size_t *outlen)
{
	char	*p;
	size_t	 i, n = 0;
	int	 hi, lo;

	*out = NULL;
	*outlen = 0;
	if (len == SIZE_MAX)
		return -1;
	p = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (len - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0) {
				free(p);
				return -1;
			}
			p[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus)
			p[n++] = ' ';
		else
			p[n++] = s[i];
	}
	p[n] = '\0';
	*out = p;
	*outlen = n;
	return 0;
}

/* Decodes one "key=value" segment s[0..len) and appends it. */
static enum http_err
urlencoded_pair(const char *s, size_t len, struct kvlist *out)
{
	const char	*eq;
	char		*k = NULL, *v = NULL;
	size_t		 klen, vlen, kraw;
	enum http_err	 e = HTTP_ERR_PERCENT;

	eq = memchr(s, '=', len);
	kraw = eq == NULL ? len : (size_t)(eq - s);
	if (http_pct_decode(s, kraw, true, &k, &klen) == -1)
		goto out;
	if (eq == NULL) {
		v = http_memdup("", 0);
		vlen = 0;
	} else if (http_pct_decode(eq + 1, len - kraw - 1, true, &v,
	    &vlen) == -1)
		goto out;
	e = HTTP_ERR_UTF8;
	if (!utf8_text(k, klen) || !utf8_text(v, vlen))
		goto out;
	kvlist_take(out, k, v, vlen);
	k = v = NULL;
	e = HTTP_ERR_NONE;
out:
	free(k);
	free(v);
	return e;
}

int
http_parse_urlencoded(const char *s, size_t len, size_t maxpairs,
    struct kvlist *out, enum http_err *err)
{
	const char	*amp;
	size_t		 i, seg, added = 0;
	enum http_err	 e = HTTP_ERR_NONE;

	for (i = 0; i < len; i += seg + 1) {
		amp = memchr(s + i, '&', len - i);
		seg = amp == NULL ? len - i : (size_t)(amp - (s + i));
		if (seg == 0)
			continue;
		if (added == maxpairs) {
			e = HTTP_ERR_TOO_MANY;
			break;
		}
		if ((e = urlencoded_pair(s + i, seg, out)) != HTTP_ERR_NONE)
			break;
		added++;
	}
	if (err != NULL)
		*err = e;
	return e == HTTP_ERR_NONE ? 0 : -1;
}

bool
http_is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

bool
http_is_ows(char c)
{
	return c == ' ' || c == '\t';
}

void
http_trim_ows(struct span *sp)
{
	while (sp->len > 0 && http_is_ows(sp->p[0])) {
		sp->p++;
		sp->len--;
	}
	while (sp->len > 0 && http_is_ows(sp->p[sp->len - 1]))
		sp->len--;
}

/* Appends one "name=value" cookie-pair if it is well formed. */
static bool
cookie_pair(struct span pair, struct kvlist *out)
{
	struct span	 name, val;
	const char	*eq;
	size_t		 i;

	if ((eq = memchr(pair.p, '=', pair.len)) == NULL)
		return false;
	name.p = pair.p;
	name.len = (size_t)(eq - pair.p);
	val.p = eq + 1;
	val.len = pair.len - name.len - 1;
	http_trim_ows(&name);
	http_trim_ows(&val);
	if (name.len == 0)
		return false;
	for (i = 0; i < name.len; i++)
		if (!http_is_tchar((unsigned char)name.p[i]))
			return false;
	if (val.len >= 2 && val.p[0] == '"' && val.p[val.len - 1] == '"') {
		val.p++;
		val.len -= 2;
	}
	for (i = 0; i < val.len; i++)
		if (http_is_ows(val.p[i]) || val.p[i] == '"')
			return false;
	if (!utf8_text(val.p, val.len))
		return false;
	kvlist_add(out, name.p, name.len, val.p, val.len);
	return true;
}

void
http_parse_cookies(const char *hdr, struct kvlist *out)
{
	struct span	 pair;
	const char	*semi;
	size_t		 i, len, added = 0;

	if (hdr == NULL)
		return;
	len = strlen(hdr);
	for (i = 0; i < len && added < COOKIES_MAX; i += pair.len + 1) {
		semi = memchr(hdr + i, ';', len - i);
		pair.p = hdr + i;
		pair.len = semi == NULL ? len - i : (size_t)(semi - pair.p);
		if (cookie_pair(pair, out))
			added++;
	}
}
