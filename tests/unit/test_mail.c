/*
 * test_mail.c - the email message mail_build() writes: headers that
 * cannot be injected, encoded words, quoted-printable bodies, both parts.
 */
#include "mail.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "banned.h"

static void
build(const struct mail_msg *m, struct buf *out)
{
	mail_build(m, "loop@example.test", "BOUNDARY", out);
}

/* Every line ends in CRLF and none is longer than 998 bytes. */
static void
lines_ok(const struct buf *b)
{
	size_t	 i, col = 0;

	for (i = 0; i < b->len; i++) {
		if (b->ptr[i] == '\n') {
			assert_true(i > 0 && b->ptr[i - 1] == '\r');
			col = 0;
		} else
			assert_true(++col <= 998);
	}
}

static void
both_parts(void **state)
{
	struct mail_msg	 m = { "zoe@example.test", "Acme Talent",
			    "Hello", "Hi Zoë,\nline two", "<p>Hi</p>" };
	struct buf	 b = BUF_INIT;

	(void)state;
	build(&m, &b);
	lines_ok(&b);
	assert_non_null(strstr(b.ptr, "To: <zoe@example.test>\r\n"));
	assert_non_null(strstr(b.ptr, "From: =?UTF-8?B?QWNtZSBUYWxlbnQ=?= "
	    "<loop@example.test>\r\n"));
	assert_non_null(strstr(b.ptr, "Subject: =?UTF-8?B?SGVsbG8=?=\r\n"));
	assert_non_null(strstr(b.ptr, "multipart/alternative; "
	    "boundary=\"BOUNDARY\""));
	assert_non_null(strstr(b.ptr, "Content-Type: text/plain; "
	    "charset=utf-8"));
	assert_non_null(strstr(b.ptr, "Content-Type: text/html; "
	    "charset=utf-8"));
	assert_non_null(strstr(b.ptr, "Hi Zo=C3=AB,\r\nline two"));
	assert_non_null(strstr(b.ptr, "--BOUNDARY--\r\n"));
	buf_release(&b);
}

static void
no_header_injection(void **state)
{
	struct mail_msg	 m = { "a@example.test", "Evil\r\nBcc: x@y.test",
			    "Hi\r\nBcc: x@y.test", "text", NULL };
	struct buf	 b = BUF_INIT;

	(void)state;
	build(&m, &b);
	assert_null(strstr(b.ptr, "\nBcc:"));
	assert_null(strstr(b.ptr, "text/html"));	/* no HTML part */
	buf_release(&b);
}

static void
quoted_printable_rules(void **state)
{
	char		 longline[200];
	struct mail_msg	 m = { "a@example.test", NULL, "s", longline, NULL };
	struct buf	 b = BUF_INIT;

	(void)state;
	memset(longline, 'x', sizeof(longline) - 2);
	longline[sizeof(longline) - 2] = '=';
	longline[sizeof(longline) - 1] = '\0';
	build(&m, &b);
	lines_ok(&b);
	assert_non_null(strstr(b.ptr, "=\r\n"));	/* soft breaks */
	assert_non_null(strstr(b.ptr, "=3D"));		/* '=' encoded */
	assert_null(strstr(b.ptr, "From: =?"));		/* no display name */
	buf_release(&b);
	m.text = "trailing space \nnext";
	build(&m, &b);
	assert_non_null(strstr(b.ptr, "trailing space=20\r\nnext"));
	buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(both_parts),
		cmocka_unit_test(no_header_injection),
		cmocka_unit_test(quoted_printable_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
