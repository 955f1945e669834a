/*
 * jsonx.h - reading JSON that arrives from outside, through json-c.
 *
 * Owns: strict parsing with a depth limit, and typed getters that answer
 * "missing", "wrong type" or a value, never crashing on either.
 * Not here: building JSON responses (plain json-c calls), HTTP (fetch.c).
 * The document from jsonx_parse() has one owner, who calls
 * json_object_put(); every pointer a getter hands back is borrowed from
 * the document and lives as long as it does.
 */
#ifndef LOOP_JSONX_H
#define LOOP_JSONX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json_object;

/* Containers nested deeper than this are refused. */
#define JSONX_MAX_DEPTH	 32

/*
 * Parses exactly one RFC 8259 value from s[0..len): whitespace may
 * surround it, anything else after it is an error, as are NUL bytes,
 * invalid UTF-8, "\u0000", single quotes, comments, NaN/Infinity,
 * trailing commas, leading zeros, nesting over JSONX_MAX_DEPTH and a
 * document that is just null. Lone \u surrogates become U+FFFD. Returns a new document (caller puts it), or NULL with *why pointing at
 * a static message (why may be NULL). Nothing is logged.
 */
struct json_object	*jsonx_parse(const char *s, size_t len,
			    const char **why);

/*
 * Getters of o's member key. Each returns 0 with *found = true and *out
 * set, 0 with *found = false when the member is missing or null (or o is
 * NULL), and -1 when o is not an object or the member has another type.
 * jsonx_str refuses strings holding NUL; jsonx_int64 takes JSON integers
 * only (not 1.0, not "1") and refuses ones outside int64 (Greenhouse ids
 * pass 2^32).
 */
int	 jsonx_str(struct json_object *o, const char *key, const char **out,
	    bool *found);
int	 jsonx_int64(struct json_object *o, const char *key, int64_t *out,
	    bool *found);
int	 jsonx_bool(struct json_object *o, const char *key, bool *out,
	    bool *found);
int	 jsonx_obj(struct json_object *o, const char *key,
	    struct json_object **out, bool *found);
int	 jsonx_arr(struct json_object *o, const char *key,
	    struct json_object **out, bool *found);

/*
 * The same for a dotted path of members, "a.b.c": a missing or null
 * member anywhere on the way is not found; a non-object on the way is
 * -1. Array indices are not part of paths.
 */
int	 jsonx_path(struct json_object *o, const char *path,
	    struct json_object **out, bool *found);
int	 jsonx_path_str(struct json_object *o, const char *path,
	    const char **out, bool *found);
int	 jsonx_path_int64(struct json_object *o, const char *path,
	    int64_t *out, bool *found);

/* Value-level checks for array elements: 0 with *out, -1 on wrong type. */
int	 jsonx_as_str(struct json_object *v, const char **out);
int	 jsonx_as_int64(struct json_object *v, int64_t *out);

#endif
