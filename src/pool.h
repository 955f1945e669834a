/*
 * pool.h - pools: lists of people that recruiters make, add to and
 * remove from (everyone in the tenant sees every pool).
 *
 * Owns: the pools and pool_members tables of sql/004_crm.sql: creating and
 * deleting a pool, members in and out, the pools
 * a person is in, and pool lists with member counts.
 * Not here: pins (pin.c), pages (cgi-bin/crm/pools.c).
 * Every call runs in the caller's open tenant transaction. Lists own
 * their rows: pool_list_release().
 */
#ifndef LOOP_POOL_H
#define LOOP_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"

#define POOL_NAME_MAX	100	/* bytes */

struct pool_item {
	int64_t		 id;
	const char	*name;
	int64_t		 owner_id;	/* 0: none */
	const char	*owner_name;	/* NULL: none */
	int64_t		 members;
	bool		 pinned;	/* by the user the list was made for */
	bool		 has_person;	/* pool_list(): holds the person asked */
};

struct pool_list {
	struct pool_item	*v;
	size_t			 n;
	struct db_rows		 rows;
};
#define POOL_LIST_INIT { NULL, 0, DB_ROWS_INIT }

void	 pool_list_release(struct pool_list *);

/*
 * Every pool of the tenant by name, with member counts and whether user
 * pinned it; with person > 0, has_person says whether it holds them.
 * 0 or -1.
 */
int	 pool_list(struct db *, int64_t user, int64_t person,
	    struct pool_list *out);

/* One pool (out->n 0 when not this tenant's). 0 or -1. */
int	 pool_get(struct db *, int64_t user, int64_t id, struct pool_list *out);

/*
 * Creates a pool named name (checked by the caller) owned by user; *id
 * gets it, or 0 with *taken true when the tenant has a pool of that name
 * already (any case). 0 or -1.
 */
int	 pool_create(struct db *, int64_t user, const char *name, int64_t *id,
	    bool *taken);

/* Deletes pool id (members and pins go with it); *found. 0 or -1. */
int	 pool_delete(struct db *, int64_t id, bool *found);

/*
 * Puts person into (in) or takes them out of pool; *found false when the
 * pool or the person is not this tenant's. Adding twice is harmless.
 */
int	 pool_member(struct db *, int64_t user, int64_t pool, int64_t person,
	    bool in, bool *found);

#endif
