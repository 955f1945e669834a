/*
 * test_val.c - form validation and phone normalisation.
 *
 * Owns: one behaviour per test of val.h: each field type, good and bad,
 * the messages that name a field, E.164, email, int64 and phones as an
 * ATS holds them.
 */
#include "val.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "http.h"
#include "banned.h"

static struct kvlist	 fixture = KVLIST_INIT;	/* values point here */

/* Checks a form holding the_field = val[0..len) (none when val is NULL)
 * against one field of type t; returns val_form's result. */
static int
one_n(const char *val, size_t len, enum val_type t, enum val_need need,
    size_t max, struct val_value *v, struct buf *why)
{
	struct val_field	 f = { "the_field", t, need, max };

	kvlist_release(&fixture);
	kvlist_add(&fixture, "other", 5, "x", 1);
	if (val != NULL)
		kvlist_add(&fixture, "the_field", 9, val, len);
	return val_form(&fixture, &f, 1, v, why);
}

static int
one(const char *val, enum val_type t, enum val_need need, size_t max,
    struct val_value *v, struct buf *why)
{
	return one_n(val, val == NULL ? 0 : strlen(val), t, need, max, v, why);
}

static int
teardown(void **state)
{
	(void)state;
	kvlist_release(&fixture);
	return 0;
}

static void
ok(const char *s, enum val_type t, const char *want)
{
	struct val_value	 v;
	struct buf		 why = BUF_INIT;

	assert_int_equal(one(s, t, VAL_REQUIRED, 100, &v, &why), 0);
	assert_true(v.present);
	assert_string_equal(v.str, want);
	assert_int_equal(v.len, strlen(want));
	assert_int_equal(why.len, 0);
	buf_release(&why);
}

static void
bad(const char *s, enum val_type t, const char *msg)
{
	struct val_value	 v;
	struct buf		 why = BUF_INIT;

	assert_int_equal(one(s, t, VAL_REQUIRED, 100, &v, &why), -1);
	assert_false(v.present);
	assert_string_equal(why.ptr, msg);
	buf_release(&why);
}

static void
test_form_required_missing_or_blank(void **state)
{
	(void)state;
	bad(NULL, VAL_TEXT, "the field is required");
	bad("", VAL_TEXT, "the field is required");
	bad(" \t ", VAL_NAME, "the field is required");
	bad("", VAL_PASSWORD, "the field is required");
}

static void
test_form_optional_blank_not_present(void **state)
{
	struct val_value	 v;

	(void)state;
	assert_int_equal(one(" \t", VAL_E164, VAL_OPTIONAL, 16,
	    &v, NULL), 0);
	assert_false(v.present);
	assert_null(v.str);
	assert_int_equal(one(NULL, VAL_INT64, VAL_OPTIONAL, 16, &v, NULL), 0);
	assert_false(v.present);
}

static void
test_form_trims_in_place(void **state)
{
	(void)state;
	ok("  Zo\xc3\xab ", VAL_NAME, "Zo\xc3\xab");
	ok("\ta b\t", VAL_TEXT, "a b");
}

static void
test_form_password_not_trimmed(void **state)
{
	(void)state;
	ok(" pw ", VAL_PASSWORD, " pw ");
	ok(" ", VAL_PASSWORD, " ");
}

static void
test_form_embedded_nul(void **state)
{
	struct val_value	 v;
	struct buf		 why = BUF_INIT;

	(void)state;
	assert_int_equal(one_n("a\0b", 3, VAL_PASSWORD, VAL_REQUIRED, 10, &v,
	    &why), -1);
	assert_string_equal(why.ptr,
	    "the field must be text without control characters");
	assert_int_equal(one_n("yes\0", 4, VAL_YESNO, VAL_REQUIRED, 10, &v,
	    &why), -1);
	assert_int_equal(one_n("a@b.com\0x", 9, VAL_EMAIL, VAL_REQUIRED, 10,
	    &v, &why), -1);
	buf_release(&why);
}

static void
test_form_too_long(void **state)
{
	struct val_value	 v;
	struct buf		 why = BUF_INIT;

	(void)state;
	assert_int_equal(one("abcd", VAL_TEXT, VAL_REQUIRED, 4, &v,
	    &why), 0);
	assert_int_equal(one("abcde", VAL_TEXT, VAL_REQUIRED, 4, &v,
	    &why), -1);
	assert_string_equal(why.ptr, "the field is too long (at most 4 bytes)");
	buf_release(&why);
}

static void
test_form_default_max(void **state)
{
	struct val_value	 v;
	struct buf		 s = BUF_INIT;
	size_t			 i;

	(void)state;
		for (i = 0; i <= VAL_MAX_DEFAULT; i++)
		buf_addc(&s, 'a');
	assert_int_equal(one(s.ptr, VAL_TEXT, VAL_REQUIRED, 0, &v, NULL), -1);
	buf_release(&s);
}

static void
test_form_names(void **state)
{
	(void)state;
	ok("Zo\xc3\xab", VAL_NAME, "Zo\xc3\xab");
	ok("O'Brien", VAL_NAME, "O'Brien");
	ok("Jean-Luc Picard", VAL_NAME, "Jean-Luc Picard");
	ok("\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e", VAL_NAME,
	    "\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e");
}

static void
test_form_name_controls(void **state)
{
	static const char	 msg[] = "the field must be text without line "
	    "breaks or control characters";

	(void)state;
	bad("a\nb", VAL_NAME, msg);
	bad("a\tb", VAL_NAME, msg);
	bad("a\xc2\x85" "b", VAL_NAME, msg);	/* C1 NEL */
}

static void
test_form_text_allows_newlines(void **state)
{
	(void)state;
	ok("line1\r\nline2", VAL_TEXT, "line1\r\nline2");
}

static void
test_form_e164_message(void **state)
{
	struct val_field	 f = { "mobile_phone", VAL_E164, VAL_REQUIRED, 16 };
	struct kvlist		 form = KVLIST_INIT;
	struct val_value	 v;
	struct buf		 why = BUF_INIT;

	(void)state;
	kvlist_add(&form, "mobile_phone", 12, "(222) 333-4444", 14);
	assert_int_equal(val_form(&form, &f, 1, &v, &why), -1);
	assert_string_equal(why.ptr,
	    "mobile phone must be in E.164 form, like +12025550146");
	kvlist_release(&form);
	buf_release(&why);
}

static void
test_form_int64_and_yesno(void **state)
{
	struct val_value	 v;

	(void)state;
	assert_int_equal(one("17130511003", VAL_INT64, VAL_REQUIRED,
	    20, &v, NULL), 0);
	assert_true(v.num == INT64_C(17130511003));
	bad("12abc", VAL_INT64, "the field must be a whole number");
	assert_int_equal(one("yes", VAL_YESNO, VAL_REQUIRED, 3, &v,
	    NULL), 0);
	assert_int_equal(v.num, 1);
	assert_int_equal(one("no", VAL_YESNO, VAL_REQUIRED, 3, &v,
	    NULL), 0);
	assert_int_equal(v.num, 0);
	bad("Yes", VAL_YESNO, "the field must be yes or no");
	bad("on", VAL_YESNO, "the field must be yes or no");
}

static void
test_form_stops_at_first_bad(void **state)
{
	static const struct val_field	 f[] = {
		{ "first_name", VAL_NAME, VAL_REQUIRED, 100 },
		{ "email", VAL_EMAIL, VAL_REQUIRED, 254 },
		{ "age", VAL_INT64, VAL_REQUIRED, 4 },
	};
	struct kvlist	 form = KVLIST_INIT;
	struct val_value v[3];
	struct buf	 why = BUF_INIT;

	(void)state;
	assert_int_equal(http_parse_urlencoded(
	    "first_name=Ann&email=bad&age=x", 30, 8, &form, NULL), 0);
	assert_int_equal(val_form(&form, f, 3, v, &why), -1);
	assert_true(v[0].present);
	assert_false(v[1].present);
	assert_false(v[2].present);
	assert_string_equal(why.ptr,
	    "email must be an email address, like name@example.com");
	kvlist_release(&form);
	buf_release(&why);
}

static void
test_e164_good(void **state)
{
	(void)state;
	assert_true(val_e164("+12025550146"));
	assert_true(val_e164("+442079460958"));
	assert_true(val_e164("+12345678"));		/* 8 digits */
	assert_true(val_e164("+123456789012345"));	/* 15 digits */
}

static void
test_e164_bad(void **state)
{
	(void)state;
	assert_false(val_e164("(222) 333-4444"));
	assert_false(val_e164("+1 202"));
	assert_false(val_e164("+1-202-555-0146"));
	assert_false(val_e164("12025550146"));
	assert_false(val_e164("+01234567890"));
	assert_false(val_e164("+1234567"));		/* 7 digits */
	assert_false(val_e164("+1234567890123456"));	/* 16 digits */
	assert_false(val_e164("+12025550146 "));
	assert_false(val_e164("+"));
	assert_false(val_e164(""));
	assert_false(val_e164(NULL));
}

static void
test_email_good(void **state)
{
	(void)state;
	assert_true(val_email("a@example.com"));
	assert_true(val_email("first.last+tag@mail.example.co.uk"));
	assert_true(val_email("o'brien@example.ie"));
	assert_true(val_email("x@a-b.io"));
}

static void
test_email_bad(void **state)
{
	char	 longer[300];

	(void)state;
	assert_false(val_email("plainaddress"));
	assert_false(val_email("a@b@example.com"));
	assert_false(val_email("a b@example.com"));
	assert_false(val_email("a@example"));
	assert_false(val_email("a@example.c"));
	assert_false(val_email("a@example.c0m"));
	assert_false(val_email("a@-example.com"));
	assert_false(val_email("a@example..com"));
	assert_false(val_email("a@example.com."));
	assert_false(val_email(".a@example.com"));
	assert_false(val_email("a..b@example.com"));
	assert_false(val_email("@example.com"));
	assert_false(val_email("a@"));
	assert_false(val_email("a\t@example.com"));
	assert_false(val_email("zo\xc3\xab@example.com"));
	assert_false(val_email(NULL));
	memset(longer, 'a', sizeof(longer));
	memcpy(longer + 240, "@example.com", 13);	/* 252 bytes, local 240 */
	assert_false(val_email(longer));
}

static void
test_email_length_limit(void **state)
{
	char	 s[260];
	size_t	 i;

	(void)state;
	memset(s, 'a', sizeof(s));
	memcpy(s, "a@", 2);
	memcpy(s + 254 - 4, ".com", 5);		/* exactly 254 bytes */
	for (i = 65; i < 250; i += 64)
		s[i] = '.';
	assert_true(val_email(s));
	memset(s, 'a', sizeof(s));
	memcpy(s, "a@", 2);
	memcpy(s + 255 - 4, ".com", 5);		/* 255 bytes */
	for (i = 65; i < 250; i += 64)
		s[i] = '.';
	assert_false(val_email(s));
}

static void
test_int64(void **state)
{
	int64_t	 n = 7;

	(void)state;
	assert_int_equal(val_int64("17130511003", &n), 0);
	assert_true(n == INT64_C(17130511003));
	assert_int_equal(val_int64("-9223372036854775808", &n), 0);
	assert_true(n == INT64_MIN);
	assert_int_equal(val_int64("9223372036854775807", &n), 0);
	assert_int_equal(val_int64("9223372036854775808", &n), -1);
	assert_int_equal(val_int64("", &n), -1);
	assert_int_equal(val_int64("-", &n), -1);
	assert_int_equal(val_int64(" 1", &n), -1);
	assert_int_equal(val_int64("+1", &n), -1);
	assert_int_equal(val_int64("1 ", &n), -1);
	assert_int_equal(val_int64("0x10", &n), -1);
	assert_int_equal(val_int64("1e3", &n), -1);
	assert_int_equal(val_int64(NULL, &n), -1);
	assert_true(n == INT64_MAX);
}

static void
test_lower_ascii(void **state)
{
	char	 s[] = "MiXeD@Example.COM \xc3\x8b";

	(void)state;
	val_lower_ascii(s);
	assert_string_equal(s, "mixed@example.com \xc3\x8b");
}

static void
phone(const char *in, const char *cc, const char *want)
{
	char	 out[17] = "junk";

	assert_int_equal(val_phone_normalize(in, cc, out), want != NULL);
	assert_string_equal(out, want == NULL ? "" : want);
}

static void
test_phone_nanp(void **state)
{
	(void)state;
	phone("(555) 555-1234", "1", "+15555551234");
	phone("555.555.1234 x12", "1", "+15555551234");
	phone("555-555-1234 ext. 7", "1", "+15555551234");
	phone("1 (202) 555-0146", "1", "+12025550146");
	phone("+1 202 555 0146", NULL, "+12025550146");
	phone("011 44 20 7946 0958", "1", "+442079460958");
}

static void
test_phone_international(void **state)
{
	(void)state;
	phone("+44 20 7946 0958", "1", "+442079460958");
	phone("+44 (0)20 7946 0958", "1", "+442079460958");
	phone("0044 20 7946 0958", "1", "+442079460958");
	phone("020 7946 0958", "44", "+442079460958");
	phone("+12025550146", "44", "+12025550146");
}

static void
test_phone_refused(void **state)
{
	(void)state;
	phone("(123) 456-7890", "1", NULL);	/* area code starts with 1 */
	phone("555-155-1234", "1", NULL);	/* exchange starts with 1 */
	phone("555-1234", "1", NULL);
	phone("1-800-FLOWERS", "1", NULL);
	phone("(555) 555-1234", NULL, NULL);	/* no country to assume */
	phone("(555) 555-1234", "", NULL);
	phone("(555) 555-1234", "0", NULL);
	phone("(555) 555-1234", "1234", NULL);
	phone("+1 555 555 12345", NULL, NULL);
	phone("1234567890123456789012", NULL, NULL);
	phone("+", "1", NULL);
	phone("x12", "1", NULL);
	phone("", "1", NULL);
	phone(NULL, "1", NULL);
	phone("202+555+0146", "1", NULL);
	phone("+0 20 7946 0958", "1", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_required_missing_or_blank),
		cmocka_unit_test(test_form_optional_blank_not_present),
		cmocka_unit_test(test_form_trims_in_place),
		cmocka_unit_test(test_form_password_not_trimmed),
		cmocka_unit_test(test_form_embedded_nul),
		cmocka_unit_test(test_form_too_long),
		cmocka_unit_test(test_form_default_max),
		cmocka_unit_test(test_form_names),
		cmocka_unit_test(test_form_name_controls),
		cmocka_unit_test(test_form_text_allows_newlines),
		cmocka_unit_test(test_form_e164_message),
		cmocka_unit_test(test_form_int64_and_yesno),
		cmocka_unit_test(test_form_stops_at_first_bad),
		cmocka_unit_test(test_e164_good),
		cmocka_unit_test(test_e164_bad),
		cmocka_unit_test(test_email_good),
		cmocka_unit_test(test_email_bad),
		cmocka_unit_test(test_email_length_limit),
		cmocka_unit_test(test_int64),
		cmocka_unit_test(test_lower_ascii),
		cmocka_unit_test(test_phone_nanp),
		cmocka_unit_test(test_phone_international),
		cmocka_unit_test(test_phone_refused),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
