/*
 * sync.h - pulling Greenhouse into Loop through Harvest: a backfill of
 * everything, then only what changed since the last completed pass.
 *
 * Owns: the order of resources (jobs, job posts, candidates with their
 * applications), harvest_sync rows (the page to resume an interrupted
 * pass from, the updated_after high-water mark, the last error), one
 * transaction per page, one sync per tenant at a time (advisory lock).
 * Not here: HTTP (harvest.c), shapes (gh_map.c), writes (gh_apply.c).
 */
#ifndef LOOP_SYNC_H
#define LOOP_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"

/* Greenhouse changes made while a pass runs are caught by the next one. */
#define SYNC_OVERLAP_SECS	300

struct sync_stats {
	int64_t		 items;		/* records applied */
	int64_t		 skipped;	/* records that did not map (logged) */
	int		 pages;
	bool		 busy;		/* another sync holds the tenant */
	bool		 configured;	/* the tenant has Harvest credentials */
};

/*
 * Syncs one tenant: a backfill when no pass has completed (or full is
 * set), else changes since the last pass. 0 with stats, -1 on failure
 * (the error is kept in harvest_sync.last_error and logged).
 */
int	 sync_tenant(struct db *, int64_t tenant, bool full,
	    struct sync_stats *);

/* loop-cron: the incremental pass of every tenant with credentials. */
int	 sync_all(struct db *);

#endif
