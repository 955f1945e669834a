/*
 * http.c - parsing the pieces of an HTTP request that arrive as bytes.
 *
 * Owns: kvlists, percent-decoding, url-encoded forms and query strings,
 * the Cookie header, the boundary of a multipart Content-Type, multipart
 * bodies, UTF-8 checks.
 * Not here: FastCGI, routing, responses (app.c, route.c, resp.c); what a
 * field must look like (val.c).
 * Every parser works on (pointer, length) and reads nothing beyond it.
 * Lists filled here own their strings: kvlist_release(), multipart_release().
 */
#include "http.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "banned.h"

#define COOKIES_MAX		 64	/* pairs kept from one Cookie header */
#define PART_HEADERS_MAX	 8192	/* bytes of headers in one part */
#define BOUNDARY_MAX		 70	/* RFC 2046 */

/* A borrowed run of bytes inside the input. */
struct span {
	const char	*p;
	size_t		 len;
};

/* ---------------------------------------------------------------- kvlist */

static char *
memdup_nul(const char *s, size_t len)
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
	kvlist_take(l, memdup_nul(key, klen), memdup_nul(val, vlen), vlen);
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
		v = memdup_nul("", 0);
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

/* RFC 9110 tchar. */
static bool
is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static bool
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

static void
trim_ows(struct span *sp)
{
	while (sp->len > 0 && is_ows(sp->p[0])) {
		sp->p++;
		sp->len--;
	}
	while (sp->len > 0 && is_ows(sp->p[sp->len - 1]))
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
	trim_ows(&name);
	trim_ows(&val);
	if (name.len == 0)
		return false;
	for (i = 0; i < name.len; i++)
		if (!is_tchar((unsigned char)name.p[i]))
			return false;
	if (val.len >= 2 && val.p[0] == '"' && val.p[val.len - 1] == '"') {
		val.p++;
		val.len -= 2;
	}
	for (i = 0; i < val.len; i++)
		if (is_ows(val.p[i]) || val.p[i] == '"')
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

/* ------------------------------------------------------ header parameters */

/*
 * The next "; name=value" of a header value s[0..len) from *pos, value a
 * token or a quoted string taken literally up to the next '"' (browsers
 * percent-encode '"' in file names and do not escape '\').
 * Returns 1 with name and val set, 0 at the end, -1 when malformed.
 */
static int
param_next(const char *s, size_t len, size_t *pos, struct span *name,
    struct span *val)
{
	const char	*q;
	size_t		 i = *pos;

	while (i < len && is_ows(s[i]))
		i++;
	if (i == len)
		return 0;
	if (s[i++] != ';')
		return -1;
	while (i < len && is_ows(s[i]))
		i++;
	if (i == len)
		return 0;
	name->p = s + i;
	while (i < len && is_tchar((unsigned char)s[i]))
		i++;
	name->len = (size_t)(s + i - name->p);
	if (name->len == 0 || i == len || s[i++] != '=')
		return -1;
	if (i < len && s[i] == '"') {
		i++;
		if ((q = memchr(s + i, '"', len - i)) == NULL)
			return -1;
		val->p = s + i;
		val->len = (size_t)(q - val->p);
		i += val->len + 1;
	} else {
		val->p = s + i;
		while (i < len && !is_ows(s[i]) && s[i] != ';' &&
		    s[i] != '"' && (unsigned char)s[i] > 0x20)
			i++;
		val->len = (size_t)(s + i - val->p);
		if (val->len == 0)
			return -1;
	}
	*pos = i;
	return 1;
}

/* RFC 2046 bchars, 1..70 of them, not ending in a space. */
static bool
boundary_ok(const char *s, size_t len)
{
	size_t		 i;
	unsigned char	 c;

	if (len == 0 || len > BOUNDARY_MAX || s[len - 1] == ' ')
		return false;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c != '\0' &&
		    strchr("'()+_,-./:=? ", c) != NULL)))
			return false;
	}
	return true;
}

static bool
span_is(struct span sp, const char *lit)
{
	return sp.len == strlen(lit) && strncasecmp(sp.p, lit, sp.len) == 0;
}

int
http_multipart_boundary(const char *ctype, char **out)
{
	static const char	 type[] = "multipart/form-data";
	struct span		 name, val, b = { NULL, 0 };
	size_t			 len, pos;
	int			 rc;

	*out = NULL;
	if (ctype == NULL)
		return -1;
	while (is_ows(*ctype))
		ctype++;
	len = strlen(ctype);
	if (len < sizeof(type) - 1 ||
	    strncasecmp(ctype, type, sizeof(type) - 1) != 0)
		return -1;
	pos = sizeof(type) - 1;
	while ((rc = param_next(ctype, len, &pos, &name, &val)) == 1) {
		if (!span_is(name, "boundary"))
			continue;
		if (b.p != NULL)
			return -1;
		b = val;
	}
	if (rc == -1 || b.p == NULL || !boundary_ok(b.p, b.len))
		return -1;
	*out = xstrndup(b.p, b.len);
	return 0;
}

/* -------------------------------------------------------------- multipart */

static void
part_release(struct part *pt)
{
	free(pt->name);
	free(pt->filename);
	free(pt->ctype);
	free(pt->data);
	memset(pt, 0, sizeof(*pt));
}

void
multipart_release(struct multipart *mp)
{
	size_t	 i;

	for (i = 0; i < mp->n; i++)
		part_release(&mp->v[i]);
	free(mp->v);
	mp->v = NULL;
	mp->n = 0;
}

const struct part *
multipart_get(const struct multipart *mp, const char *name)
{
	size_t	 i;

	for (i = 0; i < mp->n; i++)
		if (strcmp(mp->v[i].name, name) == 0)
			return &mp->v[i];
	return NULL;
}

/* Content-Disposition: form-data; name="..."[; filename="..."] */
static int
part_disposition(struct span v, struct part *pt)
{
	struct span	 name, val;
	size_t		 pos = 0;
	int		 rc;

	while (pos < v.len && is_tchar((unsigned char)v.p[pos]))
		pos++;
	if (!span_is((struct span){ v.p, pos }, "form-data"))
		return -1;
	while ((rc = param_next(v.p, v.len, &pos, &name, &val)) == 1) {
		if (span_is(name, "name")) {
			if (pt->name != NULL || val.len == 0)
				return -1;
			pt->name = memdup_nul(val.p, val.len);
		} else if (span_is(name, "filename")) {
			if (pt->filename != NULL)
				return -1;
			pt->filename = memdup_nul(val.p, val.len);
		}
	}
	return rc == -1 || pt->name == NULL ? -1 : 0;
}

/* One "Name: value" line (without its CRLF) of a part's headers. */
static int
part_header(const char *s, size_t len, struct part *pt)
{
	struct span	 name, val;
	const char	*colon;
	size_t		 i;

	if ((colon = memchr(s, ':', len)) == NULL)
		return -1;
	name.p = s;
	name.len = (size_t)(colon - s);
	val.p = colon + 1;
	val.len = len - name.len - 1;
	trim_ows(&val);
	if (name.len == 0)
		return -1;
	for (i = 0; i < name.len; i++)
		if (!is_tchar((unsigned char)name.p[i]))
			return -1;
	for (i = 0; i < val.len; i++)
		if ((unsigned char)val.p[i] < 0x20 && val.p[i] != '\t')
			return -1;
	if (!utf8_text(val.p, val.len))
		return -1;
	if (span_is(name, "Content-Disposition"))
		return pt->name != NULL ? -1 : part_disposition(val, pt);
	if (span_is(name, "Content-Type")) {
		if (pt->ctype != NULL)
			return -1;
		pt->ctype = memdup_nul(val.p, val.len);
	}
	return 0;
}

/* Reads a part's headers from *pos up to and including the blank line. */
static enum http_err
part_headers(const char *b, size_t len, size_t *pos, struct part *pt)
{
	const char	*crlf;
	size_t		 i = *pos, lim, line;

	lim = len - i > PART_HEADERS_MAX ? i + PART_HEADERS_MAX : len;
	for (;;) {
		crlf = lim - i < 2 ? NULL : memmem(b + i, lim - i, "\r\n", 2);
		if (crlf == NULL && lim < len)
			return HTTP_ERR_TOO_BIG;
		if (crlf == NULL)
			return HTTP_ERR_MULTIPART;
		line = (size_t)(crlf - (b + i));
		if (line == 0)
			break;
		if (part_header(b + i, line, pt) == -1)
			return HTTP_ERR_MULTIPART;
		i += line + 2;
	}
	if (pt->name == NULL)
		return HTTP_ERR_MULTIPART;
	*pos = i + 2;
	return HTTP_ERR_NONE;
}

/* After a delimiter at *pos: "--" closes the body, else optional
 * transport padding and CRLF open the next part. */
static int
delim_tail(const char *b, size_t len, size_t *pos, bool *closing)
{
	size_t	 i = *pos;

	if (len - i >= 2 && b[i] == '-' && b[i + 1] == '-') {
		*closing = true;
		return 0;
	}
	while (i < len && is_ows(b[i]))
		i++;
	if (len - i < 2 || b[i] != '\r' || b[i + 1] != '\n')
		return -1;
	*pos = i + 2;
	return 0;
}

/* One part starting at *pos; delim is CRLF "--" boundary. */
static enum http_err
part_next(const char *b, size_t len, size_t *pos, struct span delim,
    const struct multipart_limits *lim, struct part *pt)
{
	const char	*end;
	size_t		 clen;
	enum http_err	 e;

	if ((e = part_headers(b, len, pos, pt)) != HTTP_ERR_NONE)
		return e;
	end = memmem(b + *pos, len - *pos, delim.p, delim.len);
	if (end == NULL)
		return HTTP_ERR_MULTIPART;
	clen = (size_t)(end - (b + *pos));
	if (clen > (pt->filename != NULL ? lim->max_file : lim->max_field))
		return HTTP_ERR_TOO_BIG;
	if (pt->filename == NULL && !utf8_text(b + *pos, clen))
		return HTTP_ERR_UTF8;
	pt->data = memdup_nul(b + *pos, clen);
	pt->len = clen;
	*pos += clen + delim.len;
	return HTTP_ERR_NONE;
}

/* Finds the first delimiter (the preamble before it is ignored) and
 * leaves *pos just past it. */
static int
first_delim(const char *b, size_t len, struct span delim, size_t *pos)
{
	const char	*p;

	/* delim.p is CRLF "--" boundary; at offset 0 the CRLF is absent. */
	if (len >= delim.len - 2 &&
	    memcmp(b, delim.p + 2, delim.len - 2) == 0) {
		*pos = delim.len - 2;
		return 0;
	}
	if ((p = memmem(b, len, delim.p, delim.len)) == NULL)
		return -1;
	*pos = (size_t)(p - b) + delim.len;
	return 0;
}

int
http_parse_multipart(const char *body, size_t len, const char *boundary,
    const struct multipart_limits *lim, struct multipart *out,
    enum http_err *err)
{
	char		 d[4 + BOUNDARY_MAX];
	struct span	 delim = { d, 0 };
	struct part	 pt = { 0 };
	size_t		 pos = 0, blen;
	bool		 closing = false;
	enum http_err	 e = HTTP_ERR_BOUNDARY;

	blen = boundary == NULL ? 0 : strlen(boundary);
	if (!boundary_ok(boundary, blen))
		goto out;
	memcpy(d, "\r\n--", 4);
	memcpy(d + 4, boundary, blen);
	delim.len = 4 + blen;
	e = HTTP_ERR_MULTIPART;
	if (len == 0 || first_delim(body, len, delim, &pos) == -1 ||
	    delim_tail(body, len, &pos, &closing) == -1)
		goto out;
	while (!closing) {
		e = HTTP_ERR_TOO_MANY;
		if (out->n >= lim->max_parts)
			goto out;
		e = part_next(body, len, &pos, delim, lim, &pt);
		if (e != HTTP_ERR_NONE)
			goto out;
		out->v = xreallocarray(out->v, out->n + 1, sizeof(*out->v));
		out->v[out->n++] = pt;
		memset(&pt, 0, sizeof(pt));
		e = HTTP_ERR_MULTIPART;
		if (delim_tail(body, len, &pos, &closing) == -1)
			goto out;
	}
	e = HTTP_ERR_NONE;
out:
	part_release(&pt);
	if (e != HTTP_ERR_NONE)
		multipart_release(out);
	if (err != NULL)
		*err = e;
	return e == HTTP_ERR_NONE ? 0 : -1;
}
