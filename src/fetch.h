/*
 * fetch.h - outbound HTTP(S) through libcurl.
 *
 * Owns: one request at a time with connect and total timeouts, http and
 * https only (no redirects followed), the reply body capped while it is
 * received, the reply headers Loop cares about (Link rel="next",
 * Retry-After, X-RateLimit-*), error text that never carries credentials.
 * Not here: what the APIs mean or when to retry (harvest.c, sms.c).
 * A fetch_resp owns its strings: fetch_resp_release().
 */
#ifndef LOOP_FETCH_H
#define LOOP_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define FETCH_MAX_BODY		(8 * 1024 * 1024)
#define FETCH_CONNECT_MS	5000
#define FETCH_TOTAL_MS		30000

enum fetch_method {
	FETCH_GET,
	FETCH_POST,
	FETCH_PATCH,
	FETCH_PUT,
	FETCH_DELETE,
	FETCH__MAX
};

struct fetch_req {
	enum fetch_method	 method;
	const char		*url;
	const char *const	*headers;	/* "Name: value", NULL-ended */
	const char		*body;		/* sent as is; may be NULL */
	size_t			 body_len;
	const char		*basic_user;	/* Basic auth, or NULL */
	const char		*basic_pass;
	long			 connect_ms;	/* 0: FETCH_CONNECT_MS */
	long			 total_ms;	/* 0: FETCH_TOTAL_MS */
	size_t			 max_body;	/* 0: FETCH_MAX_BODY */
};

struct fetch_resp {
	long		 status;	/* HTTP status; 0 before a reply */
	struct buf	 body;
	char		*next_url;	/* Link: <...>; rel="next", or NULL */
	long		 retry_after;	/* seconds; -1 when not sent */
	long		 rl_limit;	/* X-RateLimit-Limit; -1 unknown */
	long		 rl_remaining;	/* X-RateLimit-Remaining; -1 unknown */
	char		*rl_reset;	/* X-RateLimit-Reset as sent, or NULL */
};

void	 fetch_resp_init(struct fetch_resp *);
void	 fetch_resp_release(struct fetch_resp *);

/*
 * Performs req. Returns 0 when a reply arrived (whatever its status),
 * -1 on a network failure, a timeout or a body over the cap, with a
 * message in err (reset first; without credentials). resp is released
 * and refilled first.
 */
int	 fetch_do(const struct fetch_req *, struct fetch_resp *,
	    struct buf *err);

/*
 * The rel="next" target of a Link header value, as a new string (caller
 * frees), or NULL. Exposed for tests.
 */
char	*fetch_link_next(const char *value);

/* Seconds from a Retry-After value (delta or HTTP date); -1 if neither. */
long	 fetch_retry_after(const char *value);

#endif
