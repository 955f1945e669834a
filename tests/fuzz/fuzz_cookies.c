/*
 * fuzz_cookies.c - libFuzzer target: the Cookie header.
 *
 * Owns: feeding arbitrary bytes, cut at the first NUL as a header would
 * be, to http_parse_cookies(), and checking what it keeps.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "http.h"
#include "banned.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist	 l = KVLIST_INIT;
	char		*hdr;
	size_t		 i;

	hdr = xstrndup((const char *)data, size);
	http_parse_cookies(hdr, &l);
	for (i = 0; i < l.n; i++)
		if (l.v[i].key[0] == '\0' ||
		    !utf8_text(l.v[i].val, l.v[i].vlen))
			abort();
	kvlist_release(&l);
	free(hdr);
	return 0;
}
