/*
 * test_http.c - kvlists, url-encoded forms, cookies, UTF-8.
 *
 * Owns: one behaviour per test of every parser in http.c, hostile input
 * at least as often as good. Literals with NUL bytes pass explicit sizes.
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

/* Parses s with maxpairs 16; returns the error (HTTP_ERR_NONE on 0). */
static enum http_err
urlenc(const char *s, size_t len, struct kvlist *out)
{
	enum http_err	 e = HTTP_ERR__MAX;
	int		 rc;

	rc = http_parse_urlencoded(s, len, 16, out, &e);
	assert_int_equal(rc, e == HTTP_ERR_NONE ? 0 : -1);
	return e;
}

static void
urlenc_fails(const char *s, enum http_err want)
{
	struct kvlist	 l = KVLIST_INIT;

	assert_int_equal(urlenc(s, strlen(s), &l), want);
	kvlist_release(&l);
}

/* ----------------------------------------------------------------- kvlist */

static void
test_kvlist_add_get_find(void **state)
{
	struct kvlist	 l = KVLIST_INIT;
	const struct kv	*kv;
	int		 i;

	(void)state;
	for (i = 0; i < 20; i++)
		kvlist_add(&l, "k", 1, "v", 1);
	kvlist_add(&l, LIT("bin"), LIT("a\0b"));
	assert_int_equal(l.n, 21);
	assert_string_equal(kvlist_get(&l, "k"), "v");
	assert_non_null(kv = kvlist_find(&l, "bin"));
	assert_int_equal(kv->vlen, 3);
	assert_memory_equal(kv->val, "a\0b", 4);
	assert_null(kvlist_get(&l, "missing"));
	kvlist_release(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
}

static void
test_err_str_covers_all(void **state)
{
	int	 e;

	(void)state;
	for (e = 0; e <= HTTP_ERR__MAX; e++)
		assert_non_null(http_err_str((enum http_err)e));
	assert_string_equal(http_err_str(HTTP_ERR__MAX), "unknown error");
}

/* ------------------------------------------------------------ url-encoded */

static void
test_urlenc_good(void **state)
{
	struct kvlist	 l = KVLIST_INIT;

	(void)state;
	assert_int_equal(urlenc(LIT("a=1&b=%20x+y&%61%62=Zo%C3%AB"), &l),
	    HTTP_ERR_NONE);
	assert_int_equal(l.n, 3);
	assert_string_equal(kvlist_get(&l, "a"), "1");
	assert_string_equal(kvlist_get(&l, "b"), " x y");
	assert_string_equal(kvlist_get(&l, "ab"), "Zo\xc3\xab");
	kvlist_release(&l);
}

static void
test_urlenc_plus_and_encoded_plus(void **state)
{
	struct kvlist	 l = KVLIST_INIT;

	(void)state;
	assert_int_equal(urlenc(LIT("a=+&b=%2B&c=a=b"), &l), HTTP_ERR_NONE);
	assert_string_equal(kvlist_get(&l, "a"), " ");
	assert_string_equal(kvlist_get(&l, "b"), "+");
	assert_string_equal(kvlist_get(&l, "c"), "a=b");
	kvlist_release(&l);
}

static void
test_urlenc_bad_percent(void **state)
{
	(void)state;
	urlenc_fails("email=%zz&password=%", HTTP_ERR_PERCENT);
	urlenc_fails("a=%", HTTP_ERR_PERCENT);
	urlenc_fails("a=%0", HTTP_ERR_PERCENT);
	urlenc_fails("a=%0g", HTTP_ERR_PERCENT);
	urlenc_fails("%=1", HTTP_ERR_PERCENT);
	urlenc_fails("a=1&b=%4", HTTP_ERR_PERCENT);
}

static void
test_urlenc_percent_not_read_past_len(void **state)
{
	struct kvlist	 l = KVLIST_INIT;

	(void)state;
	/* "%41" is cut at "%4": the bytes after len must not complete it */
	assert_int_equal(urlenc("a=%41", 4, &l), HTTP_ERR_PERCENT);
	kvlist_release(&l);
	assert_int_equal(urlenc("a=1&b=2", 3, &l), HTTP_ERR_NONE);
	assert_int_equal(l.n, 1);
	kvlist_release(&l);
}

static void
test_urlenc_bad_utf8(void **state)
{
	(void)state;
	urlenc_fails("a=%C3%28", HTTP_ERR_UTF8);	/* bad continuation */
	urlenc_fails("a=%C0%AF", HTTP_ERR_UTF8);	/* overlong '/' */
	urlenc_fails("a=%ED%A0%80", HTTP_ERR_UTF8);	/* surrogate */
	urlenc_fails("%FF=1", HTTP_ERR_UTF8);		/* in the key */
	urlenc_fails("a=\xc3", HTTP_ERR_UTF8);		/* raw, truncated */
}

static void
test_urlenc_controls(void **state)
{
	struct kvlist	 l = KVLIST_INIT;

	(void)state;
	urlenc_fails("a=%00", HTTP_ERR_UTF8);
	urlenc_fails("a=x%00y", HTTP_ERR_UTF8);
	urlenc_fails("a=%01", HTTP_ERR_UTF8);
	urlenc_fails("a=%7F", HTTP_ERR_UTF8);
	assert_int_equal(urlenc(LIT("a=%09%0D%0A"), &l), HTTP_ERR_NONE);
	assert_string_equal(kvlist_get(&l, "a"), "\t\r\n");
	kvlist_release(&l);
}

static void
test_urlenc_too_many(void **state)
{
	struct kvlist	 l = KVLIST_INIT;
	enum http_err	 e;

	(void)state;
	assert_int_equal(http_parse_urlencoded(LIT("a=1&b=2"), 2, &l, &e), 0);
	kvlist_release(&l);
	assert_int_equal(http_parse_urlencoded(LIT("a=1&b=2&c=3"), 2, &l, &e),
	    -1);
	assert_int_equal(e, HTTP_ERR_TOO_MANY);
	assert_int_equal(l.n, 2);
	kvlist_release(&l);
	assert_int_equal(http_parse_urlencoded(LIT("a=1"), 0, &l, NULL), -1);
	kvlist_release(&l);
}

static void
test_urlenc_empty_and_segments(void **state)
{
	struct kvlist	 l = KVLIST_INIT;

	(void)state;
	assert_int_equal(urlenc(NULL, 0, &l), HTTP_ERR_NONE);
	assert_int_equal(urlenc(LIT("&&&"), &l), HTTP_ERR_NONE);
	assert_int_equal(l.n, 0);
	assert_int_equal(urlenc(LIT("a=1&&b&"), &l), HTTP_ERR_NONE);
	assert_int_equal(l.n, 2);
	assert_string_equal(kvlist_get(&l, "b"), "");
	kvlist_release(&l);
}

static void
test_pct_decode_plus_literal(void **state)
{
	char	*s;
	size_t	 n;

	(void)state;
	assert_int_equal(http_pct_decode(LIT("a+b%2b"), false, &s, &n), 0);
	assert_string_equal(s, "a+b+");
	assert_int_equal(n, 4);
	free(s);
	assert_int_equal(http_pct_decode(LIT("%x1"), false, &s, &n), -1);
	assert_null(s);
}

/* ---------------------------------------------------------------- cookies */

static void
test_cookies_good(void **state)
{
	struct kvlist	 l = KVLIST_INIT;

	(void)state;
	http_parse_cookies("sid=abc123; theme=\"dark\";x= 1 ;e=", &l);
	assert_int_equal(l.n, 4);
	assert_string_equal(kvlist_get(&l, "sid"), "abc123");
	assert_string_equal(kvlist_get(&l, "theme"), "dark");
	assert_string_equal(kvlist_get(&l, "x"), "1");
	assert_string_equal(kvlist_get(&l, "e"), "");
	kvlist_release(&l);
}

static void
test_cookies_malformed_skipped(void **state)
{
	struct kvlist	 l = KVLIST_INIT;

	(void)state;
	http_parse_cookies("junk; =x; a b=1; c@=2; d=e f; g=\"h; i=\x01; "
	    "j=\xc3\x28; ok=1", &l);
	assert_int_equal(l.n, 1);
	assert_string_equal(kvlist_get(&l, "ok"), "1");
	kvlist_release(&l);
	http_parse_cookies(NULL, &l);
	http_parse_cookies("", &l);
	http_parse_cookies(";;;", &l);
	assert_int_equal(l.n, 0);
}

static void
test_cookies_capped(void **state)
{
	struct kvlist	 l = KVLIST_INIT;
	struct buf	 b = BUF_INIT;
	int		 i;

	(void)state;
	for (i = 0; i < 200; i++)
		buf_addf(&b, "c%d=%d; ", i, i);
	http_parse_cookies(b.ptr, &l);
	assert_int_equal(l.n, 64);
	assert_string_equal(kvlist_get(&l, "c0"), "0");
	kvlist_release(&l);
	buf_release(&b);
}

static void
test_cookies_duplicate_first_wins(void **state)
{
	struct kvlist	 l = KVLIST_INIT;

	(void)state;
	http_parse_cookies("a=1; a=2", &l);
	assert_int_equal(l.n, 2);
	assert_string_equal(kvlist_get(&l, "a"), "1");
	kvlist_release(&l);
}

/* ------------------------------------------------------ lexical helpers */

static void
test_lex_helpers(void **state)
{
	struct span	 sp = { " \tab c\t ", 8 };
	char		*p;

	(void)state;
	http_trim_ows(&sp);
	assert_int_equal(sp.len, 4);
	assert_memory_equal(sp.p, "ab c", 4);
	sp.p = "  ";
	sp.len = 2;
	http_trim_ows(&sp);
	assert_int_equal(sp.len, 0);
	assert_true(http_is_tchar('a') && http_is_tchar('~'));
	assert_false(http_is_tchar('\0') || http_is_tchar(' ') ||
	    http_is_tchar('"') || http_is_tchar(';') || http_is_tchar(0x80));
	assert_true(http_is_ows(' ') && http_is_ows('\t'));
	assert_false(http_is_ows('\r') || http_is_ows('\0'));
	p = http_memdup("a\0b", 3);
	assert_memory_equal(p, "a\0b", 4);
	free(p);
}

/* ------------------------------------------------------------------ UTF-8 */

static void
test_utf8_good(void **state)
{
	(void)state;
	assert_true(utf8_valid(LIT("")));
	assert_true(utf8_valid(LIT("plain ascii")));
	assert_true(utf8_valid(LIT("Zo\xc3\xab \xe2\x82\xac \xf0\x9f\x98\x80")));
	assert_true(utf8_valid(LIT("\xed\x9f\xbf")));		/* U+D7FF */
	assert_true(utf8_valid(LIT("\xee\x80\x80")));		/* U+E000 */
	assert_true(utf8_valid(LIT("\xf4\x8f\xbf\xbf")));	/* U+10FFFF */
	assert_true(utf8_valid(LIT("\x00")));
}

static void
test_utf8_surrogates(void **state)
{
	(void)state;
	assert_false(utf8_valid(LIT("\xed\xa0\x80")));		/* U+D800 */
	assert_false(utf8_valid(LIT("\xed\xbf\xbf")));		/* U+DFFF */
	assert_false(utf8_valid(LIT("\xed\xa0\xbd\xed\xb8\x80")));
}

static void
test_utf8_overlongs(void **state)
{
	(void)state;
	assert_false(utf8_valid(LIT("\xc0\xaf")));
	assert_false(utf8_valid(LIT("\xc1\xbf")));
	assert_false(utf8_valid(LIT("\xe0\x80\xaf")));
	assert_false(utf8_valid(LIT("\xe0\x9f\xbf")));
	assert_false(utf8_valid(LIT("\xf0\x80\x80\xaf")));
	assert_false(utf8_valid(LIT("\xf0\x8f\xbf\xbf")));
}

static void
test_utf8_beyond_max_and_truncated(void **state)
{
	(void)state;
	assert_false(utf8_valid(LIT("\xf4\x90\x80\x80")));	/* U+110000 */
	assert_false(utf8_valid(LIT("\xf5\x80\x80\x80")));
	assert_false(utf8_valid(LIT("\xff")));
	assert_false(utf8_valid(LIT("\x80")));
	assert_false(utf8_valid(LIT("a\xe2\x82")));
	assert_false(utf8_valid(LIT("\xf0\x9f\x98")));
	assert_false(utf8_valid("\xe2\x82\xac", 2));		/* cut by len */
}

static void
test_utf8_text_controls(void **state)
{
	(void)state;
	assert_true(utf8_text(LIT("a\tb\r\nc")));
	assert_false(utf8_text(LIT("a\0b")));
	assert_false(utf8_text(LIT("a\x01")));
	assert_false(utf8_text(LIT("\x1b[31m")));
	assert_false(utf8_text(LIT("a\x7f")));
	assert_false(utf8_text(LIT("\xc3\x28")));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kvlist_add_get_find),
		cmocka_unit_test(test_err_str_covers_all),
		cmocka_unit_test(test_urlenc_good),
		cmocka_unit_test(test_urlenc_plus_and_encoded_plus),
		cmocka_unit_test(test_urlenc_bad_percent),
		cmocka_unit_test(test_urlenc_percent_not_read_past_len),
		cmocka_unit_test(test_urlenc_bad_utf8),
		cmocka_unit_test(test_urlenc_controls),
		cmocka_unit_test(test_urlenc_too_many),
		cmocka_unit_test(test_urlenc_empty_and_segments),
		cmocka_unit_test(test_pct_decode_plus_literal),
		cmocka_unit_test(test_cookies_good),
		cmocka_unit_test(test_cookies_malformed_skipped),
		cmocka_unit_test(test_cookies_capped),
		cmocka_unit_test(test_cookies_duplicate_first_wins),
		cmocka_unit_test(test_lex_helpers),
		cmocka_unit_test(test_utf8_good),
		cmocka_unit_test(test_utf8_surrogates),
		cmocka_unit_test(test_utf8_overlongs),
		cmocka_unit_test(test_utf8_beyond_max_and_truncated),
		cmocka_unit_test(test_utf8_text_controls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
