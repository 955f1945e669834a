/*
 * fuzz_people_query.c - libFuzzer target: the People search syntax.
 *
 * Owns: feeding arbitrary bytes, cut at the first NUL as a query string
 * value would be, to people_query_parse(), and checking the contract: a
 * refusal says why and leaves PEOPLE_ALL; a phone is E.164; an email is
 * lowercase and valid; words and names are trimmed, within the limit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "people.h"
#include "val.h"
#include "banned.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct people_query	 q;
	const char		*why = NULL;
	char			*s;
	size_t			 n, i;

	s = xstrndup((const char *)data, size);
	if (people_query_parse(s, &q, &why) == -1) {
		if (why == NULL || q.form != PEOPLE_ALL || q.text[0] != '\0')
			abort();
		free(s);
		return 0;
	}
	n = strlen(q.text);
	if (why != NULL || n > PEOPLE_Q_MAX || q.form >= PEOPLE__MAX)
		abort();
	if (q.form == PEOPLE_PHONE && !val_e164(q.text))
		abort();
	if (q.form == PEOPLE_EMAIL && !val_email(q.text))
		abort();
	for (i = 0; q.form == PEOPLE_EMAIL && i < n; i++)
		if (q.text[i] >= 'A' && q.text[i] <= 'Z')
			abort();
	if ((q.form == PEOPLE_WORDS || q.form == PEOPLE_NAME) && (n == 0 ||
	    q.text[0] == ' ' || q.text[n - 1] == ' ' || strstr(q.text, "  ")))
		abort();
	if (q.form == PEOPLE_ALL && n != 0)
		abort();
	free(s);
	return 0;
}
