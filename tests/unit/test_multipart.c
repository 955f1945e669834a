/*
 * test_multipart.c - the multipart boundary and multipart/form-data bodies.
 *
 * Owns: one behaviour per test of multipart.c (declared in http.h),
 * hostile input at least as often as good. Literals with NUL bytes pass
 * explicit sizes.
 */
#include "http.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "banned.h"

#define LIT(s)	 (s), (sizeof(s) - 1)

/* ---------------------------------------------------------------- helpers */

static const struct multipart_limits lim = { 4, 64, 1024 };

static enum http_err
mp(const char *body, size_t len, const char *boundary, struct multipart *out)
{
	enum http_err	 e = HTTP_ERR__MAX;
	int		 rc;

	rc = http_parse_multipart(body, len, boundary, &lim, out, &e);
	assert_int_equal(rc, e == HTTP_ERR_NONE ? 0 : -1);
	if (rc == -1) {
		assert_null(out->v);
		assert_int_equal(out->n, 0);
	}
	return e;
}

static void
mp_fails(const char *body, enum http_err want)
{
	struct multipart	 m = MULTIPART_INIT;

	assert_int_equal(mp(body, strlen(body), "zzz", &m), want);
	multipart_release(&m);
}

/* Appends n bytes of 'x'. */
static void
add_x(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_addc(b, 'x');
}

#define CD(name) "Content-Disposition: form-data; name=\"" name "\"\r\n"

/* --------------------------------------------------------------- boundary */

static void
boundary_is(const char *ctype, const char *want)
{
	char	*b = (char *)1;

	if (want == NULL) {
		assert_int_equal(http_multipart_boundary(ctype, &b), -1);
		assert_null(b);
		return;
	}
	assert_int_equal(http_multipart_boundary(ctype, &b), 0);
	assert_string_equal(b, want);
	free(b);
}

static void
test_boundary_good(void **state)
{
	(void)state;
	boundary_is("multipart/form-data; boundary=----WebKitFormBoundary7MA4"
	    "YWxkTrZu0gW", "----WebKitFormBoundary7MA4YWxkTrZu0gW");
	boundary_is("Multipart/Form-Data;BOUNDARY=x", "x");
	boundary_is("multipart/form-data; charset=utf-8; boundary=\"a b:c\"",
	    "a b:c");
	boundary_is("multipart/form-data; boundary=abc ;", "abc");
	boundary_is("multipart/form-data; boundary=aaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaa");
}

static void
test_boundary_bad(void **state)
{
	(void)state;
	boundary_is(NULL, NULL);
	boundary_is("multipart/form-data", NULL);
	boundary_is("multipart/form-data; boundary=", NULL);
	boundary_is("multipart/form-data; boundary=\"\"", NULL);
	boundary_is("multipart/form-data; boundary=\"abc", NULL);
	boundary_is("multipart/form-data; boundary=\"ab \"", NULL);
	boundary_is("multipart/form-data; boundary=a@b", NULL);
	boundary_is("multipart/form-data; boundary=a; boundary=b", NULL);
	boundary_is("multipart/form-dataX; boundary=a", NULL);
	boundary_is("text/plain; boundary=a", NULL);
	boundary_is("multipart/form-data; boundary=aaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL);	/* 71 */
	boundary_is("multipart/form-data; =x; boundary=a", NULL);
}

/* -------------------------------------------------------------- multipart */

static void
test_multipart_field_and_file(void **state)
{
	static const char	 body[] = "preamble\r\n--zzz\r\n" CD("a")
	    "\r\nhello\r\n--zzz\r\n"
	    "Content-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "\x00\x01\r\n--zz\xff\r\n--zzz--\r\nepilogue";
	struct multipart	 m = MULTIPART_INIT;
	const struct part	*p;

	(void)state;
	assert_int_equal(mp(LIT(body), "zzz", &m), HTTP_ERR_NONE);
	assert_int_equal(m.n, 2);
	assert_non_null(p = multipart_get(&m, "a"));
	assert_string_equal(p->data, "hello");
	assert_null(p->filename);
	assert_null(p->ctype);
	assert_non_null(p = multipart_get(&m, "f"));
	assert_string_equal(p->filename, "x.bin");
	assert_string_equal(p->ctype, "application/octet-stream");
	assert_int_equal(p->len, 9);
	assert_memory_equal(p->data, "\x00\x01\r\n--zz\xff", 10);
	assert_null(multipart_get(&m, "nope"));
	multipart_release(&m);
}

static void
test_multipart_missing_close(void **state)
{
	(void)state;
	mp_fails("--zzz\r\n" CD("a") "\r\nbroken", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\n" CD("a") "\r\nx\r\n--zzz\r\n", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\n" CD("a") "\r\nx\r\n--zzz", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\n" CD("a"), HTTP_ERR_MULTIPART);
	mp_fails("--zzz", HTTP_ERR_MULTIPART);
	mp_fails("", HTTP_ERR_MULTIPART);
	mp_fails("no delimiter at all", HTTP_ERR_MULTIPART);
}

static void
test_multipart_only_close_is_empty(void **state)
{
	struct multipart	 m = MULTIPART_INIT;

	(void)state;
	assert_int_equal(mp(LIT("--zzz--\r\n"), "zzz", &m), HTTP_ERR_NONE);
	assert_int_equal(m.n, 0);
	multipart_release(&m);
}

static void
test_multipart_needs_name(void **state)
{
	(void)state;
	mp_fails("--zzz\r\nContent-Disposition: form-data; filename=\"x\"\r\n"
	    "\r\nx\r\n--zzz--", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\nContent-Disposition: form-data; name=\"\"\r\n"
	    "\r\nx\r\n--zzz--", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\nContent-Type: text/plain\r\n\r\nx\r\n--zzz--",
	    HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\n\r\nx\r\n--zzz--", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\nContent-Disposition: attachment; name=\"a\"\r\n"
	    "\r\nx\r\n--zzz--", HTTP_ERR_MULTIPART);
}

static void
test_multipart_bad_disposition(void **state)
{
	(void)state;
	mp_fails("--zzz\r\nContent-Disposition: form-data; name=\"a\r\n"
	    "\r\nx\r\n--zzz--", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\nContent-Disposition: form-data; name=a; name=b\r\n"
	    "\r\nx\r\n--zzz--", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\n" CD("a") CD("b") "\r\nx\r\n--zzz--",
	    HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\nContent-Disposition: form-data; name\r\n"
	    "\r\nx\r\n--zzz--", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\n" CD("a") "no colon here\r\n\r\nx\r\n--zzz--",
	    HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\n" CD("a") " folded: no\r\n\r\nx\r\n--zzz--",
	    HTTP_ERR_MULTIPART);
}

static void
test_multipart_unquoted_name_and_padding(void **state)
{
	struct multipart	 m = MULTIPART_INIT;
	static const char	 body[] = "--zzz \t\r\nContent-Disposition: "
	    "form-data; name=a\r\nX-Other: ignored\r\n\r\n\r\n--zzz--";

	(void)state;
	assert_int_equal(mp(LIT(body), "zzz", &m), HTTP_ERR_NONE);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.v[0].name, "a");
	assert_int_equal(m.v[0].len, 0);
	multipart_release(&m);
}

static void
test_multipart_too_many_parts(void **state)
{
	(void)state;
	mp_fails("--zzz\r\n" CD("a") "\r\n1\r\n--zzz\r\n" CD("b") "\r\n2\r\n"
	    "--zzz\r\n" CD("c") "\r\n3\r\n--zzz\r\n" CD("d") "\r\n4\r\n"
	    "--zzz\r\n" CD("e") "\r\n5\r\n--zzz--", HTTP_ERR_TOO_MANY);
}

static void
test_multipart_part_too_big(void **state)
{
	struct multipart	 m = MULTIPART_INIT;
	struct buf		 b = BUF_INIT;

	(void)state;
	buf_adds(&b, "--zzz\r\n" CD("a") "\r\n");
	add_x(&b, 64);
	buf_adds(&b, "\r\n--zzz--");
	assert_int_equal(mp(b.ptr, b.len, "zzz", &m), HTTP_ERR_NONE);
	multipart_release(&m);
	buf_reset(&b);
	buf_adds(&b, "--zzz\r\n" CD("a") "\r\n");
	add_x(&b, 65);
	buf_adds(&b, "\r\n--zzz--");
	assert_int_equal(mp(b.ptr, b.len, "zzz", &m), HTTP_ERR_TOO_BIG);
	buf_release(&b);
}

static void
test_multipart_file_too_big(void **state)
{
	struct multipart	 m = MULTIPART_INIT;
	struct buf		 b = BUF_INIT;

	(void)state;
	buf_adds(&b, "--zzz\r\nContent-Disposition: form-data; name=\"f\"; "
	    "filename=\"a.txt\"\r\n\r\n");
	add_x(&b, 1025);
	buf_adds(&b, "\r\n--zzz--");
	assert_int_equal(mp(b.ptr, b.len, "zzz", &m), HTTP_ERR_TOO_BIG);
	buf_release(&b);
}

static void
test_multipart_headers_too_big(void **state)
{
	struct multipart	 m = MULTIPART_INIT;
	struct buf		 b = BUF_INIT;
	int			 i;

	(void)state;
	buf_adds(&b, "--zzz\r\n" CD("a"));
	for (i = 0; i < 300; i++)
		buf_adds(&b, "X-Padding: 0123456789012345678901234567\r\n");
	buf_adds(&b, "\r\nx\r\n--zzz--");
	assert_int_equal(mp(b.ptr, b.len, "zzz", &m), HTTP_ERR_TOO_BIG);
	buf_release(&b);
}

static void
test_multipart_bad_boundary(void **state)
{
	struct multipart	 m = MULTIPART_INIT;
	static const char	 body[] = "--zzz\r\n" CD("a") "\r\nx\r\n--zzz--";

	(void)state;
	assert_int_equal(mp(LIT(body), NULL, &m), HTTP_ERR_BOUNDARY);
	assert_int_equal(mp(LIT(body), "", &m), HTTP_ERR_BOUNDARY);
	assert_int_equal(mp(LIT(body), "a\r\nb", &m), HTTP_ERR_BOUNDARY);
	assert_int_equal(mp(LIT(body), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &m), HTTP_ERR_BOUNDARY);
	assert_int_equal(mp(LIT(body), "yyy", &m), HTTP_ERR_MULTIPART);
}

static void
test_multipart_bare_lf_refused(void **state)
{
	(void)state;
	mp_fails("--zzz\n" CD("a") "\nx\n--zzz--", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\nContent-Disposition: form-data; name=\"a\"\n"
	    "\r\nx\r\n--zzz--", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\n" CD("a") "\r\nx\n--zzz--", HTTP_ERR_MULTIPART);
}

static void
test_multipart_crlf_in_content_kept(void **state)
{
	struct multipart	 m = MULTIPART_INIT;
	static const char	 body[] = "--zzz\r\n" CD("a")
	    "\r\n\r\nline1\r\n-zzz\r\n\r\n--zzz--";

	(void)state;
	assert_int_equal(mp(LIT(body), "zzz", &m), HTTP_ERR_NONE);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.v[0].data, "\r\nline1\r\n-zzz\r\n");
	multipart_release(&m);
}

static void
test_multipart_delimiter_lookalike(void **state)
{
	(void)state;
	/* "\r\n--zzzz" starts like a delimiter but is not followed by
	 * padding and CRLF; RFC 2046 forbids it inside content */
	mp_fails("--zzz\r\n" CD("a") "\r\nline1\r\n--zzzz\r\n\r\n--zzz--",
	    HTTP_ERR_MULTIPART);
}

static void
test_multipart_delimiter_garbage(void **state)
{
	(void)state;
	mp_fails("--zzzX\r\n" CD("a") "\r\nx\r\n--zzz--", HTTP_ERR_MULTIPART);
	mp_fails("--zzz\r\n" CD("a") "\r\nx\r\n--zzz junk\r\n--zzz--",
	    HTTP_ERR_MULTIPART);
}

static void
test_multipart_field_utf8(void **state)
{
	(void)state;
	mp_fails("--zzz\r\n" CD("a") "\r\n\xc3\x28\r\n--zzz--", HTTP_ERR_UTF8);
	mp_fails("--zzz\r\nContent-Disposition: form-data; name=\"a\"; "
	    "filename=\"\xc3\x28\"\r\n\r\nx\r\n--zzz--", HTTP_ERR_MULTIPART);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary_good),
		cmocka_unit_test(test_boundary_bad),
		cmocka_unit_test(test_multipart_field_and_file),
		cmocka_unit_test(test_multipart_missing_close),
		cmocka_unit_test(test_multipart_only_close_is_empty),
		cmocka_unit_test(test_multipart_needs_name),
		cmocka_unit_test(test_multipart_bad_disposition),
		cmocka_unit_test(test_multipart_unquoted_name_and_padding),
		cmocka_unit_test(test_multipart_too_many_parts),
		cmocka_unit_test(test_multipart_part_too_big),
		cmocka_unit_test(test_multipart_file_too_big),
		cmocka_unit_test(test_multipart_headers_too_big),
		cmocka_unit_test(test_multipart_bad_boundary),
		cmocka_unit_test(test_multipart_bare_lf_refused),
		cmocka_unit_test(test_multipart_crlf_in_content_kept),
		cmocka_unit_test(test_multipart_delimiter_lookalike),
		cmocka_unit_test(test_multipart_delimiter_garbage),
		cmocka_unit_test(test_multipart_field_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
