/*
 * test_harvest.c - the parts of the Harvest client that need no server:
 * Link rel="next" parsing (v1 page links, v3 cursor links), Retry-After
 * values, and fetch's refusal of anything but http and https.
 *
 * Owns: one behaviour per test of fetch_link_next(), fetch_retry_after()
 * and fetch_do()'s protocol limit. Paging, 429s and tokens against the
 * fake Harvest are in tests/integration/t_greenhouse.sh.
 */
#include "fetch.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "banned.h"

static void
next_is(const char *link, const char *want)
{
	char	*got = fetch_link_next(link);

	if (want == NULL) {
		if (got != NULL)
			fail_msg("want no next link, got %s", got);
	} else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
	free(got);
}

static void
test_link_v1(void **state)
{
	(void)state;
	next_is("<https://harvest.greenhouse.io/v1/candidates?page=2&"
	    "per_page=2>; rel=\"next\", <https://harvest.greenhouse.io/v1/"
	    "candidates?page=474&per_page=2>; rel=\"last\"",
	    "https://harvest.greenhouse.io/v1/candidates?page=2&per_page=2");
	next_is("<https://h/v1/c?page=1>; rel=\"prev\", <https://h/v1/c?"
	    "page=3>; rel=\"next\", <https://h/v1/c?page=9>; rel=\"last\"",
	    "https://h/v1/c?page=3");
	next_is("<https://h/v1/c?page=1>; rel=\"prev\", <https://h/v1/c?"
	    "page=9>; rel=\"last\"", NULL);
}

static void
test_link_v3(void **state)
{
	(void)state;
	next_is("<https://harvest.greenhouse.io/v3/jobs?cursor=abc_DEF-12==>;"
	    " rel=\"next\"", "https://harvest.greenhouse.io/v3/jobs?cursor="
	    "abc_DEF-12==");
	next_is("<https://h/v3/jobs?cursor=x>; REL=\"NEXT\"",
	    "https://h/v3/jobs?cursor=x");
	next_is("<https://h/v3/jobs?cursor=x>;rel=next", "https://h/v3/jobs?"
	    "cursor=x");
}

static void
test_link_malformed(void **state)
{
	(void)state;
	next_is("", NULL);
	next_is("https://h/v1/c?page=2; rel=\"next\"", NULL);
	next_is("<https://h/v1/c?page=2; rel=\"next\"", NULL);
	next_is("<https://h/v1/c?page=2>; rel=\"nextpage\"", NULL);
	next_is("<https://h/a>; title=\"x\", <https://h/b>; rel=\"next\"",
	    "https://h/b");
}

static void
test_retry_after(void **state)
{
	(void)state;
	assert_int_equal(fetch_retry_after("1"), 1);
	assert_int_equal(fetch_retry_after(" 120 "), 120);
	assert_int_equal(fetch_retry_after("0"), 0);
	assert_int_equal(fetch_retry_after("-5"), -1);
	assert_int_equal(fetch_retry_after("soon"), -1);
	assert_int_equal(fetch_retry_after("12abc"), -1);
	/* An HTTP date in the past means now. */
	assert_int_equal(fetch_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
	    0);
	assert_true(fetch_retry_after("Fri, 31 Dec 2100 23:59:59 GMT") >
	    86400);
}

static void
test_protocols_refused(void **state)
{
	static const char *const urls[] = {
		"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/",
		"dict://127.0.0.1:1/", "smtp://127.0.0.1:1/",
	};
	struct fetch_req	 req;
	struct fetch_resp	 resp;
	struct buf		 err = BUF_INIT;
	size_t			 i;

	(void)state;
	fetch_resp_init(&resp);
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		memset(&req, 0, sizeof(req));
		req.url = urls[i];
		req.total_ms = 2000;
		assert_int_equal(fetch_do(&req, &resp, &err), -1);
		assert_int_equal(resp.status, 0);
		assert_int_equal(resp.body.len, 0);
	}
	fetch_resp_release(&resp);
	buf_release(&err);
}

static void
test_error_hides_credentials(void **state)
{
	struct fetch_req	 req;
	struct fetch_resp	 resp;
	struct buf		 err = BUF_INIT;

	(void)state;
	fetch_resp_init(&resp);
	memset(&req, 0, sizeof(req));
	/* Port 1 on loopback: connection refused, quickly. */
	req.url = "http://user:hunter2@127.0.0.1:1/v1/candidates?key=sekrit";
	req.basic_user = "apikey-should-not-leak";
	req.connect_ms = 1000;
	assert_int_equal(fetch_do(&req, &resp, &err), -1);
	assert_null(strstr(err.ptr, "hunter2"));
	assert_null(strstr(err.ptr, "sekrit"));
	assert_null(strstr(err.ptr, "apikey"));
	assert_non_null(strstr(err.ptr, "GET 127.0.0.1:1/v1/candidates"));
	fetch_resp_release(&resp);
	buf_release(&err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_link_v1),
		cmocka_unit_test(test_link_v3),
		cmocka_unit_test(test_link_malformed),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_protocols_refused),
		cmocka_unit_test(test_error_hides_credentials),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
