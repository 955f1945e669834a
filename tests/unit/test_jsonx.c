/*
 * test_jsonx.c - strict JSON parsing and typed getters.
 *
 * Owns: one behaviour per test of jsonx.h: what the parser refuses
 * (truncation, depth, trailing bytes, json-c's laxities), escapes, and
 * getters faced with missing, null and wrongly typed members.
 */
#include "jsonx.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "buf.h"
#include "http.h"
#include "banned.h"

#define LIT(s)	 (s), (sizeof(s) - 1)

static struct json_object *
parse(const char *s)
{
	struct json_object	*o;
	const char		*why = "unset";

	o = jsonx_parse(s, strlen(s), &why);
	if (o != NULL)
		assert_null(why);
	else
		assert_non_null(why);
	return o;
}

static void
refused(const char *s)
{
	struct json_object	*o;

	if ((o = parse(s)) != NULL) {
		json_object_put(o);
		fail_msg("accepted: %s", s);
	}
}

static void
test_parse_object(void **state)
{
	struct json_object	*o;
	const char		*s;
	bool			 found;

	(void)state;
	assert_non_null(o = parse(" {\"name\": \"Ann\", \"n\": [1, 2.5, "
	    "true, null, {}]}\r\n"));
	assert_int_equal(jsonx_str(o, "name", &s, &found), 0);
	assert_true(found);
	assert_string_equal(s, "Ann");
	json_object_put(o);
}

static void
test_parse_scalars(void **state)
{
	struct json_object	*o;

	(void)state;
	assert_non_null(o = parse("123"));
	assert_int_equal(json_object_get_int64(o), 123);
	json_object_put(o);
	assert_non_null(o = parse("\"x\" "));
	json_object_put(o);
	assert_non_null(o = parse("-0.5e-3"));
	json_object_put(o);
	refused("null");
}

static void
test_parse_truncated(void **state)
{
	(void)state;
	refused("{\"a\":1");
	refused("{\"a\":");
	refused("{\"a\"");
	refused("[1,2");
	refused("\"abc");
	refused("\"abc\\");
	refused("\"\\u12");
	refused("tru");
	refused("-");
	refused("1.");
	refused("1e");
	refused("");
	refused("  \n");
}

static void
test_parse_empty_input(void **state)
{
	const char	*why = NULL;

	(void)state;
	assert_null(jsonx_parse(NULL, 0, &why));
	assert_non_null(why);
	assert_null(jsonx_parse("", 0, NULL));
}

static void
test_parse_depth_limit(void **state)
{
	struct json_object	*o;
	struct buf		 b = BUF_INIT;
	const char		*why = NULL;
	int			 i;

	(void)state;
	for (i = 0; i < JSONX_MAX_DEPTH; i++)
		buf_addc(&b, '[');
	for (i = 0; i < JSONX_MAX_DEPTH; i++)
		buf_addc(&b, ']');
	assert_non_null(o = jsonx_parse(b.ptr, b.len, &why));
	json_object_put(o);
	buf_reset(&b);
	for (i = 0; i <= JSONX_MAX_DEPTH; i++)
		buf_adds(&b, "{\"a\":");
	buf_adds(&b, "1");
	for (i = 0; i <= JSONX_MAX_DEPTH; i++)
		buf_addc(&b, '}');
	assert_null(jsonx_parse(b.ptr, b.len, &why));
	assert_string_equal(why, "JSON nested too deep");
	buf_reset(&b);
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	assert_null(jsonx_parse(b.ptr, b.len, NULL));
	buf_release(&b);
}

static void
test_parse_trailing_garbage(void **state)
{
	(void)state;
	refused("{} x");
	refused("{}{}");
	refused("1 2");
	refused("[1]]");
	refused("\"a\"\"b\"");
}

static void
test_parse_embedded_nul(void **state)
{
	const char	*why = NULL;

	(void)state;
	assert_null(jsonx_parse(LIT("{}\0"), &why));
	assert_string_equal(why, "NUL byte in JSON");
	assert_null(jsonx_parse(LIT("[\"a\0b\"]"), NULL));
	refused("[\"a\\u0000b\"]");
	refused("{\"a\\u0000\":1}");
}

static void
test_parse_json_c_laxities_refused(void **state)
{
	(void)state;
	refused("{'a':1}");
	refused("['a']");
	refused("NaN");
	refused("[Infinity]");
	refused("-Infinity");
	refused("[1,]");
	refused("{\"a\":1,}");
	refused("[,1]");
	refused("/* c */ 1");
	refused("01");
	refused("[.5]");
	refused("+1");
	refused("[True]");
	refused("{a:1}");
	refused("[1 2]");
	refused("{\"a\" 1}");
}

static void
test_parse_string_rules(void **state)
{
	(void)state;
	refused("\"tab\there\"");
	refused("\"nl\nhere\"");
	refused("\"\\x41\"");
	refused("\"\\u00g1\"");
	refused("\"\xc3\x28\"");		/* invalid UTF-8 */
	refused("\"\xed\xa0\x80\"");		/* raw surrogate */
	refused("\"\xc0\xaf\"");		/* overlong */
}

static void
test_parse_escapes(void **state)
{
	struct json_object	*o;
	const char		*s;

	(void)state;
	assert_non_null(o = parse("[\"\\ud83d\\ude00 \\u00e9 \\/ \\\" \\\\ "
	    "\\b\\f\\n\\r\\t\"]"));
	assert_int_equal(jsonx_as_str(json_object_array_get_idx(o, 0), &s), 0);
	assert_string_equal(s, "\xf0\x9f\x98\x80 \xc3\xa9 / \" \\ \b\f\n\r\t");
	json_object_put(o);
}

static void
test_parse_lone_surrogate_stays_utf8(void **state)
{
	struct json_object	*o;
	const char		*s;

	(void)state;
	assert_non_null(o = parse("[\"a\\ud800b\", \"\\udc00\"]"));
	assert_int_equal(jsonx_as_str(json_object_array_get_idx(o, 0), &s), 0);
	assert_true(utf8_valid(s, strlen(s)));
	assert_int_equal(jsonx_as_str(json_object_array_get_idx(o, 1), &s), 0);
	assert_true(utf8_valid(s, strlen(s)));
	json_object_put(o);
}

static void
test_int64_large_ids(void **state)
{
	struct json_object	*o;
	int64_t			 n = 0;
	bool			 found;

	(void)state;
	assert_non_null(o = parse("{\"id\": 17130511003, \"neg\": "
	    "-9223372036854775807, \"max\": 9223372036854775806}"));
	assert_int_equal(jsonx_int64(o, "id", &n, &found), 0);
	assert_true(found);
	assert_true(n == INT64_C(17130511003));
	assert_int_equal(jsonx_int64(o, "neg", &n, &found), 0);
	assert_true(n == -INT64_MAX);
	assert_int_equal(jsonx_int64(o, "max", &n, &found), 0);
	assert_true(n == INT64_MAX - 1);
	json_object_put(o);
}

static void
test_int64_out_of_range(void **state)
{
	struct json_object	*o;
	int64_t			 n = 5;
	bool			 found = true;

	(void)state;
	assert_non_null(o = parse("{\"a\": 9223372036854775808, \"b\": "
	    "99999999999999999999999, \"c\": -9223372036854775809}"));
	assert_int_equal(jsonx_int64(o, "a", &n, &found), -1);
	assert_false(found);
	assert_int_equal(jsonx_int64(o, "b", &n, &found), -1);
	assert_int_equal(jsonx_int64(o, "c", &n, &found), -1);
	assert_int_equal(n, 5);
	json_object_put(o);
}

static void
test_getters_wrong_types(void **state)
{
	struct json_object	*o, *v;
	const char		*s;
	int64_t			 n;
	bool			 b, found;

	(void)state;
	assert_non_null(o = parse("{\"s\":\"1\",\"i\":1,\"d\":1.0,\"t\":true,"
	    "\"a\":[],\"o\":{}}"));
	assert_int_equal(jsonx_str(o, "i", &s, &found), -1);
	assert_false(found);
	assert_int_equal(jsonx_int64(o, "s", &n, &found), -1);
	assert_int_equal(jsonx_int64(o, "d", &n, &found), -1);
	assert_int_equal(jsonx_int64(o, "t", &n, &found), -1);
	assert_int_equal(jsonx_bool(o, "i", &b, &found), -1);
	assert_int_equal(jsonx_obj(o, "a", &v, &found), -1);
	assert_int_equal(jsonx_arr(o, "o", &v, &found), -1);
	assert_int_equal(jsonx_bool(o, "t", &b, &found), 0);
	assert_true(found && b);
	assert_int_equal(jsonx_arr(o, "a", &v, &found), 0);
	assert_true(found && json_object_is_type(v, json_type_array));
	json_object_put(o);
}

static void
test_getters_missing_and_null(void **state)
{
	struct json_object	*o, *v = (struct json_object *)1;
	const char		*s = "unchanged";
	bool			 found = true;

	(void)state;
	assert_non_null(o = parse("{\"n\": null}"));
	assert_int_equal(jsonx_str(o, "n", &s, &found), 0);
	assert_false(found);
	assert_string_equal(s, "unchanged");
	found = true;
	assert_int_equal(jsonx_obj(o, "missing", &v, &found), 0);
	assert_false(found);
	assert_null(v);
	assert_int_equal(jsonx_str(NULL, "n", &s, &found), 0);
	assert_false(found);
	json_object_put(o);
}

static void
test_getters_on_non_object(void **state)
{
	struct json_object	*o;
	const char		*s;
	bool			 found;

	(void)state;
	assert_non_null(o = parse("[1]"));
	assert_int_equal(jsonx_str(o, "a", &s, &found), -1);
	assert_false(found);
	json_object_put(o);
}

static void
test_as_str_refuses_nul(void **state)
{
	struct json_object	*o;
	const char		*s;
	int64_t			 n;

	(void)state;
	o = json_object_new_string_len("a\0b", 3);
	assert_int_equal(jsonx_as_str(o, &s), -1);
	assert_int_equal(jsonx_as_int64(o, &n), -1);
	assert_int_equal(jsonx_as_str(NULL, &s), -1);
	json_object_put(o);
}

static void
test_path(void **state)
{
	struct json_object	*o, *v;
	const char		*s;
	int64_t			 n;
	bool			 found;

	(void)state;
	assert_non_null(o = parse("{\"a\":{\"b\":{\"c\":\"deep\",\"id\":"
	    "4503599627370497},\"n\":null,\"s\":\"x\"}}"));
	assert_int_equal(jsonx_path_str(o, "a.b.c", &s, &found), 0);
	assert_true(found);
	assert_string_equal(s, "deep");
	assert_int_equal(jsonx_path_int64(o, "a.b.id", &n, &found), 0);
	assert_true(n == INT64_C(4503599627370497));
	assert_int_equal(jsonx_path(o, "a.x.c", &v, &found), 0);
	assert_false(found);
	assert_int_equal(jsonx_path(o, "a.n.c", &v, &found), 0);
	assert_false(found);
	assert_int_equal(jsonx_path(o, "a.s.c", &v, &found), -1);
	assert_int_equal(jsonx_path_int64(o, "a.b.c", &n, &found), -1);
	assert_int_equal(jsonx_path_str(o, "a.b", &s, &found), -1);
	assert_int_equal(jsonx_path(o, "a..b", &v, &found), -1);
	assert_int_equal(jsonx_path(o, "", &v, &found), -1);
	assert_int_equal(jsonx_path(o, "a.", &v, &found), -1);
	json_object_put(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_object),
		cmocka_unit_test(test_parse_scalars),
		cmocka_unit_test(test_parse_truncated),
		cmocka_unit_test(test_parse_empty_input),
		cmocka_unit_test(test_parse_depth_limit),
		cmocka_unit_test(test_parse_trailing_garbage),
		cmocka_unit_test(test_parse_embedded_nul),
		cmocka_unit_test(test_parse_json_c_laxities_refused),
		cmocka_unit_test(test_parse_string_rules),
		cmocka_unit_test(test_parse_escapes),
		cmocka_unit_test(test_parse_lone_surrogate_stays_utf8),
		cmocka_unit_test(test_int64_large_ids),
		cmocka_unit_test(test_int64_out_of_range),
		cmocka_unit_test(test_getters_wrong_types),
		cmocka_unit_test(test_getters_missing_and_null),
		cmocka_unit_test(test_getters_on_non_object),
		cmocka_unit_test(test_as_str_refuses_nul),
		cmocka_unit_test(test_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
