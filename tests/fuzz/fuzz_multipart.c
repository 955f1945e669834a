/*
 * fuzz_multipart.c - libFuzzer target: multipart/form-data bodies.
 *
 * Owns: splitting the input at its first LF into a boundary and a body,
 * parsing the body, and checking each part against the limits. A first
 * line that is a whole multipart Content-Type gives its boundary.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "http.h"
#include "banned.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct multipart_limits lim = { 8, 256, 4096 };

static void
check(const struct multipart *m)
{
	size_t	 i;

	if (m->n > lim.max_parts)
		abort();
	for (i = 0; i < m->n; i++) {
		if (m->v[i].name == NULL || m->v[i].name[0] == '\0')
			abort();
		if (m->v[i].len > (m->v[i].filename ? lim.max_file :
		    lim.max_field) || m->v[i].data[m->v[i].len] != '\0')
			abort();
		if (m->v[i].filename == NULL &&
		    !utf8_text(m->v[i].data, m->v[i].len))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct multipart	 m = MULTIPART_INIT;
	const char		*s = (const char *)data, *nl;
	char			*line, *b;
	enum http_err		 err;

	if ((nl = memchr(s, '\n', size)) == NULL)
		return 0;
	line = xstrndup(s, (size_t)(nl - s));
	if (http_multipart_boundary(line, &b) == 0) {
		free(line);
		line = b;
	}
	if (http_parse_multipart(nl + 1, size - (size_t)(nl + 1 - s), line,
	    &lim, &m, &err) == 0)
		check(&m);
	else if (m.n != 0 || m.v != NULL || err == HTTP_ERR_NONE)
		abort();
	multipart_release(&m);
	free(line);
	return 0;
}
