/*
 * fuzz_urlencoded.c - libFuzzer target: url-encoded forms, then val.
 *
 * Owns: feeding arbitrary bytes to http_parse_urlencoded() and
 * http_pct_decode(), then every parsed form through val_form() and each
 * value through val_phone_normalize(), so that val.c sees hostile text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "http.h"
#include "val.h"
#include "banned.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct val_field fields[] = {
	{ "name", VAL_NAME, VAL_REQUIRED, 100 },
	{ "text", VAL_TEXT, VAL_OPTIONAL, 0 },
	{ "email", VAL_EMAIL, VAL_OPTIONAL, 254 },
	{ "phone", VAL_E164, VAL_OPTIONAL, 16 },
	{ "id", VAL_INT64, VAL_OPTIONAL, 20 },
	{ "ok", VAL_YESNO, VAL_OPTIONAL, 3 },
	{ "pw", VAL_PASSWORD, VAL_OPTIONAL, 128 },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kvlist		 form = KVLIST_INIT;
	struct val_value	 out[sizeof(fields) / sizeof(fields[0])];
	struct buf		 why = BUF_INIT;
	enum http_err		 err;
	char			*dec, e164[17];
	size_t			 declen, i;

	if (http_pct_decode((const char *)data, size, true, &dec,
	    &declen) == 0)
		free(dec);
	(void)http_parse_urlencoded((const char *)data, size, 64, &form,
	    &err);
	(void)val_form(&form, fields, sizeof(fields) / sizeof(fields[0]),
	    out, &why);
	for (i = 0; i < form.n; i++) {
		(void)val_phone_normalize(form.v[i].val, "1", e164);
		(void)val_phone_normalize(form.v[i].val, "44", e164);
		(void)val_email(form.v[i].val);
	}
	buf_release(&why);
	kvlist_release(&form);
	return 0;
}
