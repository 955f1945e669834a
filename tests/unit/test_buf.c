/*
 * test_buf.c - struct buf and the x* allocators.
 *
 * Owns: the buffer invariants, checked after every call: ptr is never
 * NULL and NUL-terminated at len; cap 0 means ptr is buf_empty and len 0;
 * otherwise len < cap; buf_empty stays "".
 */
#include "buf.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "banned.h"

static void
inv(const struct buf *b)
{
	assert_non_null(b->ptr);
	assert_int_equal(buf_empty[0], '\0');
	if (b->cap == 0) {
		assert_ptr_equal(b->ptr, buf_empty);
		assert_int_equal(b->len, 0);
	} else
		assert_true(b->len < b->cap);
	assert_int_equal(b->ptr[b->len], '\0');
}

static void
test_init_is_empty(void **state)
{
	struct buf	 a = BUF_INIT, b;

	(void)state;
	buf_init(&b);
	inv(&a);
	inv(&b);
	assert_string_equal(b.ptr, "");
}

static void
test_add_is_binary_safe(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	buf_add(&b, "a\0b", 3);
	inv(&b);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.ptr, "a\0b", 4);
	buf_release(&b);
	inv(&b);
}

static void
test_add_zero_keeps_shared_empty(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	buf_add(&b, "x", 0);
	inv(&b);
	assert_int_equal(b.cap, 0);
	buf_adds(&b, "");
	inv(&b);
	assert_int_equal(b.cap, 0);
}

static void
test_adds_addc_append(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	buf_adds(&b, "ab");
	inv(&b);
	buf_addc(&b, 'c');
	inv(&b);
	buf_adds(&b, "de");
	inv(&b);
	assert_string_equal(b.ptr, "abcde");
	assert_int_equal(b.len, 5);
	buf_release(&b);
}

static void
test_add_grows_across_many_calls(void **state)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	for (i = 0; i < 10000; i++) {
		buf_addc(&b, (char)('a' + i % 26));
		inv(&b);
	}
	assert_int_equal(b.len, 10000);
	assert_int_equal(b.ptr[9999], 'a' + 9999 % 26);
	buf_release(&b);
}

static void
test_add_from_itself(void **state)
{
	struct buf	 b = BUF_INIT;
	int		 i;

	(void)state;
	buf_adds(&b, "0123456789");
	for (i = 0; i < 6; i++) {
		buf_add(&b, b.ptr, b.len);
		inv(&b);
	}
	assert_int_equal(b.len, 640);
	assert_memory_equal(b.ptr + 630, "0123456789", 10);
	buf_release(&b);
}

static void
test_addf_small(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	buf_addf(&b, "%d-%s", 42, "x");
	inv(&b);
	assert_string_equal(b.ptr, "42-x");
	buf_addf(&b, "%c", 'y');
	inv(&b);
	assert_string_equal(b.ptr, "42-xy");
	buf_release(&b);
}

static void
test_addf_larger_than_room(void **state)
{
	struct buf	 b = BUF_INIT;
	char		 big[1000];

	(void)state;
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_adds(&b, "head:");
	buf_addf(&b, "%s|%zu", big, sizeof(big));
	inv(&b);
	assert_int_equal(b.len, 5 + 999 + 5);
	assert_memory_equal(b.ptr, "head:zzz", 8);
	assert_string_equal(b.ptr + 5 + 999, "|1000");
	buf_release(&b);
}

static void
test_addf_empty_result_allocates_nothing(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	buf_addf(&b, "%s", "");
	inv(&b);
	assert_int_equal(b.cap, 0);
}

static void
test_grow_keeps_content(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	buf_adds(&b, "abc");
	buf_grow(&b, 5000);
	inv(&b);
	assert_true(b.cap >= 5004);
	assert_string_equal(b.ptr, "abc");
	buf_release(&b);
}

static void
test_reset_keeps_memory(void **state)
{
	struct buf	 b = BUF_INIT;
	size_t		 cap;

	(void)state;
	buf_adds(&b, "hello");
	cap = b.cap;
	buf_reset(&b);
	inv(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, cap);
	buf_reset(&b);
	inv(&b);
	buf_release(&b);
	buf_reset(&b);
	inv(&b);
}

static void
test_release_twice_is_harmless(void **state)
{
	struct buf	 b = BUF_INIT;

	(void)state;
	buf_adds(&b, "x");
	buf_release(&b);
	inv(&b);
	buf_release(&b);
	inv(&b);
	assert_int_equal(b.cap, 0);
}

static void
test_detach_hands_over(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	size_t		 len;

	(void)state;
	buf_adds(&b, "owned");
	s = buf_detach(&b, &len);
	inv(&b);
	assert_int_equal(b.cap, 0);
	assert_int_equal(len, 5);
	assert_string_equal(s, "owned");
	free(s);
}

static void
test_detach_empty_is_malloced(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	size_t		 len = 99;

	(void)state;
	s = buf_detach(&b, &len);
	inv(&b);
	assert_ptr_not_equal(s, buf_empty);
	assert_int_equal(len, 0);
	assert_string_equal(s, "");
	free(s);		/* ASan would complain were it not malloc'd */
	s = buf_detach(&b, NULL);
	assert_string_equal(s, "");
	free(s);
}

static void
test_xstrndup_stops_at_n_and_nul(void **state)
{
	char	*a, *b;

	(void)state;
	a = xstrndup("abcdef", 3);
	b = xstrndup("ab\0cd", 5);
	assert_string_equal(a, "abc");
	assert_string_equal(b, "ab");
	free(a);
	free(b);
}

static void
test_xcalloc_zeroes(void **state)
{
	unsigned char	*p;
	size_t		 i;

	(void)state;
	p = xcalloc(16, 4);
	for (i = 0; i < 64; i++)
		assert_int_equal(p[i], 0);
	free(p);
	p = xcalloc(0, 0);	/* still a pointer the caller frees */
	assert_non_null(p);
	free(p);
}

static void
test_xreallocarray_grows(void **state)
{
	int	*v = NULL;
	int	 i;

	(void)state;
	for (i = 1; i <= 100; i++) {
		v = xreallocarray(v, (size_t)i, sizeof(*v));
		v[i - 1] = i;
	}
	assert_int_equal(v[99], 100);
	free(v);
}

/* Runs f in a child with stderr silenced; true when it died by SIGABRT. */
static bool
aborts(void (*f)(void))
{
	pid_t	 pid;
	int	 st;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(2);
		f();
		_exit(0);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

static void
grow_too_far(void)
{
	struct buf	 b = BUF_INIT;

	buf_adds(&b, "x");
	buf_grow(&b, SIZE_MAX - 1);
}

static void
calloc_overflow(void)
{
	free(xcalloc(SIZE_MAX / 2, 3));
}

static void
reallocarray_overflow(void)
{
	free(xreallocarray(NULL, SIZE_MAX / 4, 8));
}

static void
test_impossible_sizes_abort(void **state)
{
	(void)state;
	assert_true(aborts(grow_too_far));
	assert_true(aborts(calloc_overflow));
	assert_true(aborts(reallocarray_overflow));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty),
		cmocka_unit_test(test_add_is_binary_safe),
		cmocka_unit_test(test_add_zero_keeps_shared_empty),
		cmocka_unit_test(test_adds_addc_append),
		cmocka_unit_test(test_add_grows_across_many_calls),
		cmocka_unit_test(test_add_from_itself),
		cmocka_unit_test(test_addf_small),
		cmocka_unit_test(test_addf_larger_than_room),
		cmocka_unit_test(test_addf_empty_result_allocates_nothing),
		cmocka_unit_test(test_grow_keeps_content),
		cmocka_unit_test(test_reset_keeps_memory),
		cmocka_unit_test(test_release_twice_is_harmless),
		cmocka_unit_test(test_detach_hands_over),
		cmocka_unit_test(test_detach_empty_is_malloced),
		cmocka_unit_test(test_xstrndup_stops_at_n_and_nul),
		cmocka_unit_test(test_xcalloc_zeroes),
		cmocka_unit_test(test_xreallocarray_grows),
		cmocka_unit_test(test_impossible_sizes_abort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
