/*
 * multipart.c - multipart/form-data bodies and the boundary that splits them.
 *
 * Owns: the boundary parameter of a Content-Type, parsing a body into
 * parts under the caller's limits, looking parts up by name.
 * Not here: kvlists, forms, cookies, UTF-8 and the token helpers (http.c);
 * what a field must look like (val.c). Declared in http.h.
 * Works on (pointer, length) and reads nothing beyond it. A struct
 * multipart owns its parts' strings: multipart_release().
 */
#include "http.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "banned.h"

#define PART_HEADERS_MAX	 8192	/* bytes of headers in one part */
#define BOUNDARY_MAX		 70	/* RFC 2046 */

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

	while (i < len && http_is_ows(s[i]))
		i++;
	if (i == len)
		return 0;
	if (s[i++] != ';')
		return -1;
	while (i < len && http_is_ows(s[i]))
		i++;
	if (i == len)
		return 0;
	name->p = s + i;
	while (i < len && http_is_tchar((unsigned char)s[i]))
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
		while (i < len && !http_is_ows(s[i]) && s[i] != ';' &&
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
	while (http_is_ows(*ctype))
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

	while (pos < v.len && http_is_tchar((unsigned char)v.p[pos]))
		pos++;
	if (!span_is((struct span){ v.p, pos }, "form-data"))
		return -1;
	while ((rc = param_next(v.p, v.len, &pos, &name, &val)) == 1) {
		if (span_is(name, "name")) {
			if (pt->name != NULL || val.len == 0)
				return -1;
			pt->name = http_memdup(val.p, val.len);
		} else if (span_is(name, "filename")) {
			if (pt->filename != NULL)
				return -1;
			pt->filename = http_memdup(val.p, val.len);
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
	http_trim_ows(&val);
	if (name.len == 0)
		return -1;
	for (i = 0; i < name.len; i++)
		if (!http_is_tchar((unsigned char)name.p[i]))
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
		pt->ctype = http_memdup(val.p, val.len);
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
	while (i < len && http_is_ows(b[i]))
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
	pt->data = http_memdup(b + *pos, clen);
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
