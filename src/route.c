/*
 * route.c - matching request paths against the route table.
 *
 * Owns: segment-by-segment matching with {name} parameters.
 * Not here: handlers and their checks (app.c). Parameter copies are the
 * caller's to free.
 */
#include "route.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "banned.h"

enum route_method
route_method(const char *m)
{
	static const char *const names[ROUTE_OTHER] = {
		"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"
	};
	size_t	 i;

	if (m == NULL)
		return ROUTE_OTHER;
	for (i = 0; i < ROUTE_OTHER; i++)
		if (strcmp(m, names[i]) == 0)
			return (enum route_method)i;
	return ROUTE_OTHER;
}

/* Length of the segment at s (up to '/' or end). */
static size_t
seglen(const char *s)
{
	size_t	 n = 0;

	while (s[n] != '\0' && s[n] != '/')
		n++;
	return n;
}

static bool
match(const char *pat, const char *path, char **params, size_t *np)
{
	size_t	 pl, sl;

	*np = 0;
	while (*pat == '/' && *path == '/') {
		pat++;
		path++;
		pl = seglen(pat);
		sl = seglen(path);
		if (pl > 1 && pat[0] == '{' && pat[pl - 1] == '}') {
			if (sl == 0 || *np == ROUTE_MAX_PARAMS)
				goto fail;
			params[(*np)++] = xstrndup(path, sl);
		} else if (pl != sl || memcmp(pat, path, pl) != 0)
			goto fail;
		pat += pl;
		path += sl;
	}
	if (*pat == '\0' && *path == '\0')
		return true;
fail:
	while (*np > 0)
		free(params[--(*np)]);
	return false;
}

enum route_result
route_match(const struct route *t, size_t n, enum route_method m,
    const char *path, const struct route **found, char **params, size_t *np)
{
	enum route_result	 rc = ROUTE_NOT_FOUND;
	enum route_method	 want = m == ROUTE_HEAD ? ROUTE_GET : m;
	size_t			 i, k;

	*found = NULL;
	*np = 0;
	if (path == NULL || path[0] != '/' || strlen(path) > ROUTE_MAX_PATH)
		return ROUTE_NOT_FOUND;
	for (i = 0; i < n; i++) {
		if (!match(t[i].pattern, path, params, &k))
			continue;
		if (t[i].method == want) {
			*found = &t[i];
			*np = k;
			return ROUTE_FOUND;
		}
		while (k > 0)
			free(params[--k]);
		rc = ROUTE_BAD_METHOD;
	}
	return rc;
}

void
route_allow(const struct route *t, size_t n, const char *path,
    struct buf *allow)
{
	static const char *const names[ROUTE_OTHER] = {
		"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"
	};
	char		*params[ROUTE_MAX_PARAMS];
	bool		 seen[ROUTE_OTHER] = { false };
	size_t		 i, k;
	int		 m;

	for (i = 0; i < n; i++) {
		if (!match(t[i].pattern, path, params, &k))
			continue;
		while (k > 0)
			free(params[--k]);
		if (t[i].method < ROUTE_OTHER)
			seen[t[i].method] = true;
		if (t[i].method == ROUTE_GET)
			seen[ROUTE_HEAD] = true;
	}
	for (m = 0; m < ROUTE_OTHER; m++)
		if (seen[m])
			buf_addf(allow, "%s%s", allow->len ? ", " : "", names[m]);
}
