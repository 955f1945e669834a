/*
 * test_people.c - the People search syntax (people_query_parse()): every
 * form of ARCHITECTURE.md "Search syntax", unicode and apostrophe names,
 * the lenient forms, and what is refused with a message.
 */
#include "people.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "banned.h"

static void
parses(const char *q, enum people_form form, const char *text)
{
	struct people_query	 pq;
	const char		*why = "unset";

	assert_int_equal(people_query_parse(q, &pq, &why), 0);
	assert_null(why);
	assert_int_equal(pq.form, form);
	assert_string_equal(pq.text, text);
}

static void
refused(const char *q, const char *needle)
{
	struct people_query	 pq;
	const char		*why = NULL;

	assert_int_equal(people_query_parse(q, &pq, &why), -1);
	assert_non_null(why);
	assert_non_null(strstr(why, needle));
	assert_int_equal(pq.form, PEOPLE_ALL);	/* reset on failure */
}

static void
empty_is_everyone(void **state)
{
	(void)state;
	parses(NULL, PEOPLE_ALL, "");
	parses("", PEOPLE_ALL, "");
	parses("   \t  ", PEOPLE_ALL, "");
	parses("\"\"", PEOPLE_ALL, "");
	parses("\"   \"", PEOPLE_ALL, "");
}

static void
words(void **state)
{
	(void)state;
	parses("alb", PEOPLE_WORDS, "alb");
	parses("  einstein   albert ", PEOPLE_WORDS, "einstein albert");
	parses("al\tbe\r\nrt", PEOPLE_WORDS, "al be rt");
}

static void
words_unicode_and_apostrophes(void **state)
{
	(void)state;
	parses("Zoë", PEOPLE_WORDS, "Zoë");
	parses("o'brien zoe", PEOPLE_WORDS, "o'brien zoe");
	parses("O\xe2\x80\x99" "Brien", PEOPLE_WORDS, "O\xe2\x80\x99" "Brien");
	parses("Łukasz Wiśniewski", PEOPLE_WORDS, "Łukasz Wiśniewski");
	parses("山田 太郎", PEOPLE_WORDS, "山田 太郎");
	parses("García-Márquez", PEOPLE_WORDS, "García-Márquez");
}

static void
stray_quotes_are_words(void **state)
{
	(void)state;
	parses("\"albert", PEOPLE_WORDS, "albert");
	parses("\"a\" \"b\"", PEOPLE_WORDS, "a b");
	parses("al\"bert", PEOPLE_WORDS, "al bert");
}

static void
full_name(void **state)
{
	(void)state;
	parses("\"Albert Einstein\"", PEOPLE_NAME, "Albert Einstein");
	parses("  \"  Zoë   O'Brien \" ", PEOPLE_NAME, "Zoë O'Brien");
	parses("\"Cher\"", PEOPLE_NAME, "Cher");
}

static void
phone(void **state)
{
	(void)state;
	parses("+12223334444", PEOPLE_PHONE, "+12223334444");
	parses("+1 (222) 333-4444", PEOPLE_PHONE, "+12223334444");
	parses("+44 20 7946 0958", PEOPLE_PHONE, "+442079460958");
	parses("+1.222.333.4444", PEOPLE_PHONE, "+12223334444");
}

static void
bad_phone(void **state)
{
	(void)state;
	refused("+", "E.164");
	refused("+0123456789", "E.164");
	refused("+1222333", "E.164");
	refused("+1234567890123456", "E.164");
	refused("+1 222 333 444x", "+12223334444");
	refused("+john", "E.164");
}

static void
email(void **state)
{
	(void)state;
	parses("\"someone@example.com\"", PEOPLE_EMAIL, "someone@example.com");
	parses("\"Someone@Example.COM\"", PEOPLE_EMAIL, "someone@example.com");
	parses("  \" a.b+c@d.example.org \" ", PEOPLE_EMAIL,
	    "a.b+c@d.example.org");
	parses("bare@example.com", PEOPLE_EMAIL, "bare@example.com");
}

static void
bad_email(void **state)
{
	(void)state;
	refused("\"someone@\"", "name@example.com");
	refused("\"a b@example.com\"", "name@example.com");
	refused("@example.com", "name@example.com");
}

static void
limits(void **state)
{
	char	 q[PEOPLE_Q_MAX + 2];

	(void)state;
	memset(q, 'a', sizeof(q) - 1);
	q[sizeof(q) - 1] = '\0';
	refused(q, "too long");
	q[PEOPLE_Q_MAX] = '\0';
	parses(q, PEOPLE_WORDS, q);
	refused("a b c d e f g h i", "8 words");
	parses("a b c d e f g h", PEOPLE_WORDS, "a b c d e f g h");
}

static void
form_names(void **state)
{
	(void)state;
	assert_string_equal(people_form_name(PEOPLE_ALL), "all");
	assert_string_equal(people_form_name(PEOPLE_WORDS), "words");
	assert_string_equal(people_form_name(PEOPLE_NAME), "name");
	assert_string_equal(people_form_name(PEOPLE_PHONE), "phone");
	assert_string_equal(people_form_name(PEOPLE_EMAIL), "email");
	assert_string_equal(people_form_name(PEOPLE__MAX), "all");
}

static void
why_may_be_null(void **state)
{
	struct people_query	 pq;

	(void)state;
	assert_int_equal(people_query_parse("+1", &pq, NULL), -1);
	assert_int_equal(people_query_parse("ok", &pq, NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_is_everyone),
		cmocka_unit_test(words),
		cmocka_unit_test(words_unicode_and_apostrophes),
		cmocka_unit_test(stray_quotes_are_words),
		cmocka_unit_test(full_name),
		cmocka_unit_test(phone),
		cmocka_unit_test(bad_phone),
		cmocka_unit_test(email),
		cmocka_unit_test(bad_email),
		cmocka_unit_test(limits),
		cmocka_unit_test(form_names),
		cmocka_unit_test(why_may_be_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
