/*
 * harvest.h - the Greenhouse Harvest API client, v3 and v1.
 *
 * Owns: a tenant's Harvest credentials and which API they open (v3 OAuth
 * client credentials when harvest_client_id is set, else a v1 API key),
 * the v3 access token (cached in memory and, sealed, in harvest_tokens
 * until it expires), the routes of each version, following Link
 * rel="next" (same origin only), retries with backoff on 5xx and network
 * errors, 429 honoured through Retry-After, pausing when X-RateLimit-
 * Remaining runs out, the writes (add a prospect, set sms_consent_given)
 * and their outbox kinds ("harvest.consent", "harvest.prospect").
 * Not here: JSON shapes (gh_map.c), storing what is read (sync.c,
 * gh_apply.c), HTTP mechanics (fetch.c).
 * A struct harvest is opened per tenant and closed with harvest_close().
 */
#ifndef LOOP_HARVEST_H
#define LOOP_HARVEST_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "db.h"
#include "outbox.h"

struct json_object;
struct person_rec;

#define HARVEST_PER_PAGE	100
#define HARVEST_ATTEMPTS	4	/* per call, for 5xx, 429, network */
#define HARVEST_MAX_WAIT	120	/* seconds: a longer Retry-After fails */

enum harvest_res {
	HARVEST_CANDIDATES,
	HARVEST_JOBS,
	HARVEST_JOB_POSTS,
	HARVEST_INTERVIEWS,
	HARVEST__MAX
};

struct harvest {
	struct db	*db;
	int64_t		 tenant;
	bool		 v3;		/* else v1 Basic API key */
	struct buf	 client_id;	/* v3 */
	struct buf	 client_secret;	/* v3 */
	struct buf	 api_key;	/* v1 */
	struct buf	 user_id;	/* sub (v3) / On-Behalf-Of (v1) */
	struct buf	 token;		/* v3 bearer; empty: none yet */
	time_t		 token_exp;
	time_t		 pause_until;	/* rate limit spent until then */
	long		 backoff_ms;	/* first retry delay, doubled */
	int		 calls;		/* requests made (tests, logs) */
};

/* One page of a list: the items (borrowed from doc) and the next URL. */
struct harvest_page {
	struct json_object	*doc;		/* owned */
	struct json_object	*items;		/* the array inside doc */
	char			*next_url;	/* NULL on the last page */
};

/*
 * Reads the tenant's settings (in a transaction of its own). *configured
 * false when the tenant has neither a client id nor an API key (h is
 * still initialised). -1 on a database failure or incomplete v3
 * settings (logged). Always harvest_close() afterwards.
 */
int	 harvest_open(struct harvest *, struct db *, int64_t tenant,
	    bool *configured);
void	 harvest_close(struct harvest *);

/*
 * One page of res. With url NULL, the first page: updated_after (ISO-8601
 * UTC, may be NULL) filters it. Otherwise url is the next_url of the
 * previous page. page is released and refilled. -1 on failure (logged).
 */
int	 harvest_list(struct harvest *, enum harvest_res,
	    const char *updated_after, const char *url, struct harvest_page *);
void	 harvest_page_release(struct harvest_page *);

/*
 * One record by id; *out is a new reference (caller puts), NULL with
 * *found false on 404.
 */
int	 harvest_get(struct harvest *, enum harvest_res, int64_t id,
	    struct json_object **out, bool *found);

/* POST a prospect; *gh_id gets the new candidate's id. */
int	 harvest_add_prospect(struct harvest *, const struct person_rec *,
	    int64_t *gh_id, struct buf *err, bool *permanent);
/* PATCH the candidate's sms_consent_given custom field to yes or no. */
int	 harvest_set_sms_consent(struct harvest *, int64_t candidate_id,
	    bool yes, struct buf *err, bool *permanent);

/*
 * Queue, in the caller's tenant transaction, a write for loop-cron:
 * the person's consent (a later queueing supersedes an earlier one not
 * yet sent), or the person as a new prospect.
 */
int	 harvest_queue_consent(struct db *, int64_t person_id,
	    int64_t candidate_id, bool yes);
int	 harvest_queue_prospect(struct db *, int64_t person_id,
	    const struct person_rec *);

/*
 * Outbox handlers (outbox_fn) for "harvest.consent" and
 * "harvest.prospect": list them in loop-cron's handler table.
 */
int	 harvest_deliver_consent(struct db *, const struct outbox_item *,
	    struct json_object **result, struct buf *error, bool *permanent);
int	 harvest_deliver_prospect(struct db *, const struct outbox_item *,
	    struct json_object **result, struct buf *error, bool *permanent);

#endif
