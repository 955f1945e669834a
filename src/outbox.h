/*
 * outbox.h - rows waiting to be delivered to the outside world.
 *
 * Owns: queueing a delivery inside the caller's transaction, claiming due
 * rows tenant by tenant (FOR UPDATE SKIP LOCKED, then a lease), recording
 * the outcome, retrying with exponential backoff until a delivery succeeds
 * or fails permanently (the error is kept either way).
 * Not here: provider protocols (sms.c, mail.c, harvest.c) and when the
 * loop runs (loop-cron).
 */
#ifndef LOOP_OUTBOX_H
#define LOOP_OUTBOX_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "db.h"

struct json_object;

#define OUTBOX_MAX_ATTEMPTS	10

/*
 * Queues kind with payload (borrowed; serialised) in the caller's open
 * transaction. dedupe_key (may be NULL) is unique per tenant: a second
 * queueing with the same key does nothing and sets *queued false.
 */
int	 outbox_queue(struct db *, const char *kind, const char *dedupe_key,
	    struct json_object *payload, bool *queued);

struct outbox_item {
	int64_t			 id;
	int64_t			 tenant_id;
	char			*kind;
	struct json_object	*payload;	/* owned by the item */
	int			 attempts;	/* before this one */
};

/*
 * Delivers one item. Returns 0 when delivered (result may be set, a
 * json_object the outbox takes), -1 on failure with a message in *error;
 * *permanent true means retrying cannot help.
 */
typedef int (*outbox_fn)(struct db *, const struct outbox_item *,
	    struct json_object **result, struct buf *error, bool *permanent);

struct outbox_handler {
	const char	*kind;
	outbox_fn	 fn;
};

/*
 * One pass: for every tenant with due rows, claims up to max rows, calls
 * the handler for each kind and records the outcome. *done counts the
 * delivered rows. -1 only when the database fails.
 */
int	 outbox_run(struct db *, const struct outbox_handler *, size_t n,
	    int max, int *done);

/* Delivers the rows of one tenant only (tests, "deliver at once"). */
int	 outbox_run_tenant(struct db *, int64_t tenant,
	    const struct outbox_handler *, size_t n, int max, int *done);

void	 outbox_item_release(struct outbox_item *);

#endif
