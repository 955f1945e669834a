/*
 * jsonx.c - reading JSON that arrives from outside, through json-c.
 *
 * Owns: a strict RFC 8259 syntax pass (json-c alone accepts single
 * quotes, NaN and Infinity), the json-c tokener set up with a depth limit
 * and UTF-8 checking, and typed member getters.
 * Not here: building JSON (plain json-c), fetching it (fetch.c).
 * jsonx_parse() hands back a document the caller puts; getters only
 * borrow from it.
 */
#include "jsonx.h"

#include <limits.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "http.h"
#include "banned.h"

/* ------------------------------------------------------------ syntax pass */

struct scan {
	const char	*s;
	size_t		 len;
	size_t		 i;
	const char	*why;
	size_t		 depth;
	char		 open[JSONX_MAX_DEPTH];	/* '{' or '[' per level */
};

static int
fail(struct scan *sc, const char *why)
{
	sc->why = why;
	return -1;
}

static void
skip_ws(struct scan *sc)
{
	while (sc->i < sc->len && strchr(" \t\r\n", sc->s[sc->i]) != NULL &&
	    sc->s[sc->i] != '\0')
		sc->i++;
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* A string at sc->i (on its '"'): escapes and control bytes checked
 * (the whole document's UTF-8 is checked before). */
static int
scan_string(struct scan *sc)
{
	unsigned char	 c;
	size_t		 k;

	for (sc->i++; sc->i < sc->len;) {
		c = (unsigned char)sc->s[sc->i++];
		if (c == '"')
			return 0;
		if (c < 0x20)
			return fail(sc, "control character in a JSON string");
		if (c != '\\')
			continue;
		if (sc->i == sc->len)
			break;
		c = (unsigned char)sc->s[sc->i++];
		if (c == 'u') {
			if (sc->len - sc->i < 4)
				break;
			for (k = 0; k < 4; k++)
				if (!is_hex(sc->s[sc->i + k]))
					return fail(sc, "bad \\u escape");
			if (memcmp(sc->s + sc->i, "0000", 4) == 0)
				return fail(sc, "\\u0000 in a JSON string");
			sc->i += 4;
		} else if (c == '\0' || strchr("\"\\/bfnrt", c) == NULL)
			return fail(sc, "bad escape in a JSON string");
	}
	return fail(sc, "truncated JSON string");
}

static size_t
digits(struct scan *sc)
{
	size_t	 start = sc->i;

	while (sc->i < sc->len && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
		sc->i++;
	return sc->i - start;
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static int
scan_number(struct scan *sc)
{
	if (sc->s[sc->i] == '-')
		sc->i++;
	if (sc->i < sc->len && sc->s[sc->i] == '0')
		sc->i++;
	else if (digits(sc) == 0)
		return fail(sc, "bad JSON number");
	if (sc->i < sc->len && sc->s[sc->i] == '.') {
		sc->i++;
		if (digits(sc) == 0)
			return fail(sc, "bad JSON number");
	}
	if (sc->i < sc->len && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
		sc->i++;
		if (sc->i < sc->len && (sc->s[sc->i] == '+' ||
		    sc->s[sc->i] == '-'))
			sc->i++;
		if (digits(sc) == 0)
			return fail(sc, "bad JSON number");
	}
	return 0;
}

static int
scan_literal(struct scan *sc)
{
	static const char *const lit[] = { "true", "false", "null" };
	size_t			 k, n;

	for (k = 0; k < sizeof(lit) / sizeof(lit[0]); k++) {
		n = strlen(lit[k]);
		if (sc->len - sc->i >= n &&
		    memcmp(sc->s + sc->i, lit[k], n) == 0) {
			sc->i += n;
			return 0;
		}
	}
	return fail(sc, "unexpected character in JSON");
}

/* A member name and its ':' inside an object. */
static int
scan_key(struct scan *sc)
{
	skip_ws(sc);
	if (sc->i == sc->len || sc->s[sc->i] != '"')
		return fail(sc, "expected a member name in JSON");
	if (scan_string(sc) == -1)
		return -1;
	skip_ws(sc);
	if (sc->i == sc->len || sc->s[sc->i] != ':')
		return fail(sc, "expected ':' in JSON");
	sc->i++;
	return 0;
}

/* A value at sc->i; sets *more when it opened a non-empty container. */
static int
scan_value(struct scan *sc, bool *more)
{
	char	 c;

	*more = false;
	skip_ws(sc);
	if (sc->i == sc->len)
		return fail(sc, "truncated JSON");
	c = sc->s[sc->i];
	if (c == '"')
		return scan_string(sc);
	if (c == '-' || (c >= '0' && c <= '9'))
		return scan_number(sc);
	if (c != '{' && c != '[')
		return scan_literal(sc);
	if (sc->depth == JSONX_MAX_DEPTH)
		return fail(sc, "JSON nested too deep");
	sc->i++;
	skip_ws(sc);
	if (sc->i < sc->len && sc->s[sc->i] == (c == '{' ? '}' : ']')) {
		sc->i++;
		return 0;
	}
	sc->open[sc->depth++] = c;
	*more = true;
	return c == '{' ? scan_key(sc) : 0;
}

/* Exactly one value, surrounded by nothing but whitespace. */
static int
scan_doc(struct scan *sc)
{
	bool	 more = true;
	char	 c, top;

	do {
		if (more) {
			if (scan_value(sc, &more) == -1)
				return -1;
			continue;
		}
		skip_ws(sc);
		if (sc->i == sc->len)
			return fail(sc, "truncated JSON");
		c = sc->s[sc->i++];
		top = sc->open[sc->depth - 1];
		if (c == (top == '{' ? '}' : ']'))
			sc->depth--;
		else if (c != ',')
			return fail(sc, "unexpected character in JSON");
		else if (top == '{' && scan_key(sc) == -1)
			return -1;
		else
			more = true;
	} while (sc->depth > 0 || more);
	skip_ws(sc);
	if (sc->i != sc->len)
		return fail(sc, "trailing characters after JSON");
	return 0;
}

struct json_object *
jsonx_parse(const char *s, size_t len, const char **why)
{
	struct scan		 sc = { .s = s, .len = len };
	struct json_tokener	*tok = NULL;
	struct json_object	*o = NULL;
	const char		*msg = NULL;

	if (s == NULL || len == 0)
		msg = "empty JSON";
	else if (len >= INT_MAX)
		msg = "JSON too large";
	else if (memchr(s, '\0', len) != NULL)
		msg = "NUL byte in JSON";
	else if (!utf8_valid(s, len))	/* json-c lets raw surrogates by */
		msg = "JSON is not valid UTF-8";
	else if (scan_doc(&sc) == -1)
		msg = sc.why;
	else if ((tok = json_tokener_new_ex(JSONX_MAX_DEPTH + 1)) == NULL)
		msg = "out of memory";
	if (msg != NULL)
		goto out;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, s, (int)len);
	/* A number at the very end waits for more; a NUL ends it. */
	if (o == NULL && json_tokener_get_error(tok) == json_tokener_continue)
		o = json_tokener_parse_ex(tok, "", 1);
	if (o == NULL && json_tokener_get_error(tok) == json_tokener_success)
		msg = "JSON document is null";
	else if (o == NULL)
		msg = json_tokener_error_desc(json_tokener_get_error(tok));
out:
	if (tok != NULL)
		json_tokener_free(tok);
	if (why != NULL)
		*why = msg;
	return o;
}

/* ---------------------------------------------------------------- getters */

/* Any member of o; null counts as missing. */
static int
member(struct json_object *o, const char *key, struct json_object **out,
    bool *found)
{
	struct json_object	*v = NULL;

	*found = false;
	*out = NULL;
	if (o == NULL)
		return 0;
	if (!json_object_is_type(o, json_type_object))
		return -1;
	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return 0;
	*out = v;
	*found = true;
	return 0;
}

static int
typed(struct json_object *o, const char *key, enum json_type t,
    struct json_object **out, bool *found)
{
	if (member(o, key, out, found) == -1)
		return -1;
	if (*found && !json_object_is_type(*out, t)) {
		*found = false;
		*out = NULL;
		return -1;
	}
	return 0;
}

int
jsonx_as_str(struct json_object *v, const char **out)
{
	const char	*s;

	if (v == NULL || !json_object_is_type(v, json_type_string))
		return -1;
	s = json_object_get_string(v);
	if (strlen(s) != (size_t)json_object_get_string_len(v))
		return -1;
	*out = s;
	return 0;
}

/* json-c clamps integers beyond int64 to its limits: refuse those. */
int
jsonx_as_int64(struct json_object *v, int64_t *out)
{
	int64_t	 n;

	if (v == NULL || !json_object_is_type(v, json_type_int))
		return -1;
	n = json_object_get_int64(v);
	if (n == INT64_MAX || n == INT64_MIN)
		return -1;
	*out = n;
	return 0;
}

int
jsonx_str(struct json_object *o, const char *key, const char **out,
    bool *found)
{
	struct json_object	*v;

	if (typed(o, key, json_type_string, &v, found) == -1)
		return -1;
	if (*found && jsonx_as_str(v, out) == -1) {
		*found = false;
		return -1;
	}
	return 0;
}

int
jsonx_int64(struct json_object *o, const char *key, int64_t *out,
    bool *found)
{
	struct json_object	*v;

	if (typed(o, key, json_type_int, &v, found) == -1)
		return -1;
	if (*found && jsonx_as_int64(v, out) == -1) {
		*found = false;
		return -1;
	}
	return 0;
}

int
jsonx_bool(struct json_object *o, const char *key, bool *out, bool *found)
{
	struct json_object	*v;

	if (typed(o, key, json_type_boolean, &v, found) == -1)
		return -1;
	if (*found)
		*out = json_object_get_boolean(v);
	return 0;
}

int
jsonx_obj(struct json_object *o, const char *key, struct json_object **out,
    bool *found)
{
	return typed(o, key, json_type_object, out, found);
}

int
jsonx_arr(struct json_object *o, const char *key, struct json_object **out,
    bool *found)
{
	return typed(o, key, json_type_array, out, found);
}

int
jsonx_path(struct json_object *o, const char *path, struct json_object **out,
    bool *found)
{
	struct buf	 key = BUF_INIT;
	const char	*dot;
	int		 rc = -1;

	*found = false;
	*out = NULL;
	for (;;) {
		dot = strchr(path, '.');
		buf_reset(&key);
		buf_add(&key, path, dot == NULL ? strlen(path) :
		    (size_t)(dot - path));
		if (key.len == 0 || member(o, key.ptr, out, found) == -1)
			goto out;
		if (!*found || dot == NULL)
			break;
		o = *out;
		path = dot + 1;
	}
	rc = 0;
out:
	if (rc == -1) {
		*found = false;
		*out = NULL;
	}
	buf_release(&key);
	return rc;
}

int
jsonx_path_str(struct json_object *o, const char *path, const char **out,
    bool *found)
{
	struct json_object	*v;

	if (jsonx_path(o, path, &v, found) == -1)
		return -1;
	if (*found && jsonx_as_str(v, out) == -1) {
		*found = false;
		return -1;
	}
	return 0;
}

int
jsonx_path_int64(struct json_object *o, const char *path, int64_t *out,
    bool *found)
{
	struct json_object	*v;

	if (jsonx_path(o, path, &v, found) == -1)
		return -1;
	if (*found && jsonx_as_int64(v, out) == -1) {
		*found = false;
		return -1;
	}
	return 0;
}
