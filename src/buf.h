/*
 * buf.h - the growable byte buffer all text is assembled in.
 *
 * Owns: one heap allocation per buffer; ptr is always NUL-terminated.
 * Not here: encoding or escaping (tmpl, jsonx), I/O.
 * A buffer starts as BUF_INIT and is given back with buf_release().
 */
#ifndef LOOP_BUF_H
#define LOOP_BUF_H

#include <stddef.h>

struct buf {
	char	*ptr;	/* always a NUL-terminated string once initialised */
	size_t	 len;	/* bytes in use, not counting the NUL */
	size_t	 cap;	/* bytes allocated; 0 means ptr is the shared "" */
};

extern char	 buf_empty[1];
#define BUF_INIT { .ptr = buf_empty, .len = 0, .cap = 0 }

void	 buf_init(struct buf *);
void	 buf_grow(struct buf *, size_t extra);	/* room for extra more bytes */
void	 buf_add(struct buf *, const void *, size_t);	/* binary-safe */
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_addf(struct buf *, const char *, ...)
		__attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);		/* len = 0, keeps memory */
void	 buf_release(struct buf *);		/* back to BUF_INIT */
char	*buf_detach(struct buf *, size_t *len);	/* caller frees; buf is reset */

/* Allocators: log and abort on exhaustion (the supervisor restarts us). */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* xrealloc(p, nmemb * size), aborting when the product would overflow. */
void	*xreallocarray(void *, size_t nmemb, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif
