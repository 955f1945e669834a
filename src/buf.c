/*
 * buf.c - the growable byte buffer and the x* allocators.
 *
 * Owns: growing, appending to, resetting and handing over struct buf
 * memory; allocation that aborts instead of returning NULL.
 * Not here: encoding or escaping (tmpl, jsonx), I/O.
 * A buffer with cap == 0 points at the shared, never written buf_empty;
 * buf_release() frees, buf_detach() hands the string to the caller.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

char	 buf_empty[1];

/* Out of memory or an impossible size: say so once and let the supervisor
 * start a fresh worker. */
static void
die_alloc(const char *what, size_t n)
{
	fprintf(stderr, "loop: %s(%zu): out of memory\n", what, n);
	abort();
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		die_alloc("xmalloc", n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb != 0 && size > SIZE_MAX / nmemb)
		die_alloc("xcalloc", SIZE_MAX);
	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = calloc(nmemb, size)) == NULL)
		die_alloc("xcalloc", nmemb * size);
	return p;
}

void *
xrealloc(void *ptr, size_t n)
{
	void	*p;

	if ((p = realloc(ptr, n == 0 ? 1 : n)) == NULL)
		die_alloc("xrealloc", n);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (nmemb != 0 && size > SIZE_MAX / nmemb)
		die_alloc("xreallocarray", SIZE_MAX);
	return xrealloc(ptr, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	if (len == SIZE_MAX)
		die_alloc("xstrndup", len);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
buf_init(struct buf *b)
{
	b->ptr = buf_empty;
	b->len = 0;
	b->cap = 0;
}

/* The one growth path: doubles, and never lets len + extra + 1 wrap. */
void
buf_grow(struct buf *b, size_t extra)
{
	size_t	 need, cap;
	char	*p;

	if (extra > SIZE_MAX - b->len - 1)
		die_alloc("buf_grow", SIZE_MAX);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (b->cap == 0) {
		p = xmalloc(cap);
		p[0] = '\0';
	} else
		p = xrealloc(b->ptr, cap);
	b->ptr = p;
	b->cap = cap;
}

/* data may point into b itself: growing moves it, so keep its offset. */
void
buf_add(struct buf *b, const void *data, size_t len)
{
	uintptr_t	 d = (uintptr_t)data, p = (uintptr_t)b->ptr;

	if (len == 0)
		return;
	if (b->cap != 0 && d >= p && d < p + b->cap) {
		buf_grow(b, len);
		data = b->ptr + (d - p);
	} else
		buf_grow(b, len);
	memmove(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
}

/* vsnprintf into the spare room; if it did not fit, grow to the exact
 * size it reported and print again. */
void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	size_t	 room;

	room = b->cap == 0 ? 0 : b->cap - b->len;
	va_start(ap, fmt);
	n = vsnprintf(room ? b->ptr + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		fprintf(stderr, "loop: buf_addf: bad format \"%s\"\n", fmt);
		abort();
	}
	if (n == 0)
		return;
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		n = vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap != 0)
		b->ptr[0] = '\0';
}

void
buf_release(struct buf *b)
{
	if (b->cap != 0)
		free(b->ptr);
	buf_init(b);
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char	*p;

	if (len != NULL)
		*len = b->len;
	if (b->cap == 0)
		p = xstrdup("");
	else
		p = b->ptr;
	buf_init(b);
	return p;
}
