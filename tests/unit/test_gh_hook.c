/*
 * test_gh_hook.c - the Greenhouse Signature check.
 *
 * Owns: one behaviour per test of gh_hook_verify(): the known-answer
 * vector of reference/greenhouse.md (ping.json under "test_secret"), and
 * every way a header or body can be wrong. Fixtures as in test_gh_map.c.
 */
#include "gh_hook.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "gh_event.h"
#include "banned.h"

#define KEY		"test_secret"
#define KNOWN		"88b0c515efd762a534acf21d18478001" \
			"b73cac290c9e535395443d2c576f0f35"

static void
ping(struct buf *body)
{
	const char	*dir = getenv("GH_FIXTURES");
	struct buf	 path = BUF_INIT;
	char		 chunk[4096];
	size_t		 n;
	FILE		*f;

	buf_addf(&path, "%s/webhooks/ping.json", dir != NULL ? dir :
	    "tests/fixtures/greenhouse");
	if ((f = fopen(path.ptr, "r")) == NULL)
		fail_msg("cannot open %s", path.ptr);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(body, chunk, n);
	fclose(f);
	buf_release(&path);
}

static bool
verify(const char *key, const char *header, const struct buf *body)
{
	return gh_hook_verify(key, strlen(key), header, body->ptr, body->len);
}

static void
test_known_answer(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	ping(&b);
	assert_int_equal(b.len, 355);
	assert_true(verify(KEY, "sha256 " KNOWN, &b));
	buf_release(&b);
}

static void
test_hex_case_ignored(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	ping(&b);
	assert_true(verify(KEY, "sha256 88B0C515EFD762A534ACF21D18478001"
	    "B73CAC290C9E535395443D2C576F0F35", &b));
	buf_release(&b);
}

static void
test_one_byte_changed(void **state)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	ping(&b);
	for (i = 0; i < b.len; i += 37) {
		b.ptr[i] ^= 1;
		assert_false(verify(KEY, "sha256 " KNOWN, &b));
		b.ptr[i] ^= 1;
	}
	b.len--;		/* truncated by one byte */
	assert_false(verify(KEY, "sha256 " KNOWN, &b));
	buf_release(&b);
}

static void
test_wrong_key(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	ping(&b);
	assert_false(verify("test_secreT", "sha256 " KNOWN, &b));
	assert_false(verify("", "sha256 " KNOWN, &b));
	buf_release(&b);
}

static void
test_malformed_headers(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	ping(&b);
	assert_false(gh_hook_verify(KEY, 11, NULL, b.ptr, b.len));
	assert_false(verify(KEY, "", &b));
	assert_false(verify(KEY, KNOWN, &b));
	assert_false(verify(KEY, "sha256  " KNOWN, &b));
	assert_false(verify(KEY, "sha256=" KNOWN, &b));
	assert_false(verify(KEY, "SHA256 " KNOWN, &b));
	assert_false(verify(KEY, "sha1 " KNOWN, &b));
	assert_false(verify(KEY, "sha256 " KNOWN " ", &b));
	assert_false(verify(KEY, "sha256 " KNOWN "00", &b));
	assert_false(verify(KEY, "sha256 88b0c515", &b));
	assert_false(verify(KEY, "sha256 zzb0c515efd762a534acf21d18478001"
	    "b73cac290c9e535395443d2c576f0f35", &b));
	buf_release(&b);
}

static void
test_empty_body(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	/* HMAC-SHA256("test_secret", ""), from openssl dgst */
	assert_false(verify(KEY, "sha256 " KNOWN, &b));
	assert_true(verify(KEY, "sha256 f7f9bd47fb987337b5796fdc1fdb9ba2"
	    "21d0d5396814bfcaf9521f43fd8927fd", &b));
}

static void
test_action_names(void **state)
{
	int	 a;

	(void)state;
	for (a = 0; a < GH_UNKNOWN; a++)
		assert_int_equal(gh_action_of(gh_action_name(a)), a);
	assert_int_equal(gh_action_of("Ping"), GH_UNKNOWN);
	assert_int_equal(gh_action_of(NULL), GH_UNKNOWN);
	assert_string_equal(gh_action_name(GH__MAX), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_answer),
		cmocka_unit_test(test_hex_case_ignored),
		cmocka_unit_test(test_one_byte_changed),
		cmocka_unit_test(test_wrong_key),
		cmocka_unit_test(test_malformed_headers),
		cmocka_unit_test(test_empty_body),
		cmocka_unit_test(test_action_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
