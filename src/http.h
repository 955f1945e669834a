/*
 * http.h - parsing the pieces of an HTTP request that arrive as bytes.
 *
 * Owns: url-encoded forms and query strings, the Cookie header, multipart
 * bodies, the boundary in a Content-Type, percent-decoding, UTF-8 checks.
 * http.c implements all but multipart, which is multipart.c.
 * Not here: FastCGI, routing, responses (app.c, route.c, resp.c).
 * Every parser is pure: bytes in, typed values out, nothing read beyond len.
 * Lists filled here own their strings; give them back with *_release().
 */
#ifndef LOOP_HTTP_H
#define LOOP_HTTP_H

#include <stdbool.h>
#include <stddef.h>

/* One name=value pair; val is NUL-terminated, vlen excludes the NUL. */
struct kv {
	char	*key;
	char	*val;
	size_t	 vlen;
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
	size_t		 cap;
};
#define KVLIST_INIT { .v = NULL, .n = 0, .cap = 0 }

void		 kvlist_add(struct kvlist *, const char *key, size_t klen,
		    const char *val, size_t vlen);
/* The first value named key, or NULL. */
const char	*kvlist_get(const struct kvlist *, const char *key);
/* Like kvlist_get, and the value's length through *len. */
const struct kv	*kvlist_find(const struct kvlist *, const char *key);
void		 kvlist_release(struct kvlist *);

/* Why a parser refused its input; http_err_str() says it to a person. */
enum http_err {
	HTTP_ERR_NONE = 0,
	HTTP_ERR_PERCENT,	/* bad %XX escape */
	HTTP_ERR_UTF8,		/* decoded text is not valid UTF-8 or has NUL */
	HTTP_ERR_TOO_MANY,	/* more pairs or parts than allowed */
	HTTP_ERR_TOO_BIG,	/* a part over its size limit */
	HTTP_ERR_MULTIPART,	/* malformed multipart body */
	HTTP_ERR_BOUNDARY,	/* Content-Type without a usable boundary */
	HTTP_ERR__MAX
};
const char	*http_err_str(enum http_err);

/*
 * Decodes "a=1&b=%20x+y" into out (appending). '+' is a space. Every
 * decoded key and value must be valid UTF-8 without NUL or other C0
 * controls except TAB, CR, LF. Empty segments ("a=1&&b=2") are skipped;
 * a segment without '=' has an empty value. At most maxpairs pairs.
 * Returns 0, or -1 with *err set (out then holds what parsed so far).
 */
int		 http_parse_urlencoded(const char *s, size_t len,
		    size_t maxpairs, struct kvlist *out, enum http_err *err);

/*
 * Percent-decodes s[0..len) into out ('+' -> space when plus is true).
 * Returns -1 on a bad escape; no UTF-8 check.
 */
int		 http_pct_decode(const char *s, size_t len, bool plus,
		    char **out, size_t *outlen);	/* *out: caller frees */

/*
 * Cookie: "a=1; b=2" (RFC 6265, values taken literally, quotes removed).
 * Pairs without '=', with a name that is not a token, or with a value
 * holding spaces, quotes, controls or bad UTF-8 are skipped; at most 64
 * pairs are kept.
 */
void		 http_parse_cookies(const char *hdr, struct kvlist *out);

/* One part of a multipart/form-data body; strings are NUL-terminated. */
struct part {
	char	*name;		/* form field name, never NULL */
	char	*filename;	/* NULL when not a file */
	char	*ctype;		/* part Content-Type, NULL when absent */
	char	*data;		/* NUL-terminated copy of the content */
	size_t	 len;
};

struct multipart {
	struct part	*v;
	size_t		 n;
};
#define MULTIPART_INIT { .v = NULL, .n = 0 }

struct multipart_limits {
	size_t	 max_parts;	/* e.g. 16 */
	size_t	 max_field;	/* bytes for a part without filename */
	size_t	 max_file;	/* bytes for a part with a filename */
};

/*
 * The boundary parameter of a multipart/form-data Content-Type (quoted or
 * not, 1..70 characters); out gets a malloc'd copy. -1 when absent/bad.
 */
int		 http_multipart_boundary(const char *ctype, char **out);

/*
 * Parses body[0..len) with boundary into out (which starts empty; limits
 * must not be NULL). Lines end in CRLF; the preamble before the first
 * delimiter and the epilogue after the closing one are ignored; the
 * closing delimiter is required. Each part has at most 8 KB of headers,
 * among them one Content-Disposition: form-data with a non-empty name;
 * quoted name and filename are taken literally up to the next '"'.
 * Field (non-file) parts must pass utf8_text(). Returns 0, or -1 with
 * *err set and out released.
 */
int		 http_parse_multipart(const char *body, size_t len,
		    const char *boundary, const struct multipart_limits *,
		    struct multipart *out, enum http_err *err);
void		 multipart_release(struct multipart *);
const struct part *multipart_get(const struct multipart *, const char *name);

/*
 * Lexical pieces shared by http.c and multipart.c; handlers have no use
 * for them.
 */
struct span {			/* a borrowed run of bytes inside the input */
	const char	*p;
	size_t		 len;
};
/* A NUL-terminated malloc'd copy of s[0..len) (which may hold NUL). */
char		*http_memdup(const char *s, size_t len);
bool		 http_is_tchar(unsigned char);	/* RFC 9110 tchar */
bool		 http_is_ows(char);		/* SP or HTAB */
void		 http_trim_ows(struct span *);	/* both ends */

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool		 utf8_valid(const char *s, size_t len);
/* utf8_valid and no NUL or C0 control other than TAB, CR, LF, nor DEL. */
bool		 utf8_text(const char *s, size_t len);

#endif
