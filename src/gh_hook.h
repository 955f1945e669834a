/*
 * gh_hook.h - receiving one Greenhouse webhook delivery for a tenant.
 *
 * Owns: the tenant and its webhook secret by slug (cached per worker for
 * a short while), the Signature header check (HMAC-SHA256 of the raw body,
 * constant time, before any parsing), the webhook event log (one row per
 * signed delivery: applied, ignored, rejected or duplicate), deduplication
 * by Greenhouse-Event-ID, and applying the event in one transaction
 * together with its log row.
 * Not here: HTTP (cgi-bin/hooks/greenhouse.c), JSON shapes (gh_map.c,
 * gh_event.c), what each action writes (gh_apply.c).
 */
#ifndef LOOP_GH_HOOK_H
#define LOOP_GH_HOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "db.h"

#define GH_HOOK_MAX_BODY	(1024 * 1024)	/* 413 above this */
#define GH_HOOK_SECRET_TTL	30		/* seconds a secret is cached */

/*
 * The tenant with slug and its webhook secret (appended to secret).
 * *found false for an unknown slug. -1 on a database failure.
 */
int	 gh_hook_tenant(struct db *, const char *slug, int64_t *tenant,
	    struct buf *secret, bool *found);

/*
 * True when header is "sha256 <64 hex digits>" and the digits are the
 * HMAC-SHA256 of body[0..len) under secret (compared in constant time;
 * hex case does not matter). NULL or malformed headers are false.
 */
bool	 gh_hook_verify(const char *secret, size_t slen, const char *header,
	    const void *body, size_t len);

/* The answer for the sender. message is static text or points into why. */
struct gh_reply {
	int		 status;	/* 200 or 400 */
	const char	*outcome;	/* applied, ignored, rejected, duplicate */
	struct buf	 why;		/* the 400 message; gh_reply_release() */
};

/*
 * Handles a verified body: logs it, parses and maps it, applies it, all
 * in tenant's transactions. event_id (Greenhouse-Event-ID, may be NULL)
 * dedupes. Returns 0 with reply filled, or -1 when the database failed
 * (db->err says how; nothing was stored, Greenhouse will retry).
 */
int	 gh_hook_receive(struct db *, int64_t tenant, const char *event_id,
	    const char *body, size_t len, struct gh_reply *reply);

void	 gh_reply_release(struct gh_reply *);

#endif
