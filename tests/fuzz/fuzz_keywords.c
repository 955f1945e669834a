/*
 * fuzz_keywords.c - libFuzzer target: inbound text bodies.
 *
 * Owns: feeding arbitrary bytes (invalid UTF-8, NULs, endless words) to
 * keyword_classify(), whose input comes straight from the SMS provider,
 * and checking that the answer is always one of the classes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "keywords.h"
#include "banned.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum keyword_class	 k;

	k = keyword_classify((const char *)data, size);
	if (k >= KEYWORD__MAX)
		abort();
	(void)keyword_class_name(k);
	return 0;
}
