/*
 * pin.h - what a recruiter pinned: people, pools and requisitions.
 *
 * Owns: pinning and unpinning (idempotent), asking whether something is
 * pinned, the pins table of sql/004_crm.sql.
 * Not here: what the dashboard shows of them (cgi-bin/crm/dashboard.c).
 * Every call runs in the caller's open tenant transaction.
 */
#ifndef LOOP_PIN_H
#define LOOP_PIN_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"

enum pin_kind {
	PIN_PERSON,
	PIN_POOL,
	PIN_JOB,		/* a requisition: jobs.id */
	PIN__MAX
};

/*
 * Pins (on) or unpins target for user. *found false when the target is
 * not this tenant's (nothing done). 0 or -1.
 */
int	 pin_set(struct db *, int64_t user, enum pin_kind, int64_t target,
	    bool on, bool *found);

/* Whether user pinned target. 0 or -1. */
int	 pin_is(struct db *, int64_t user, enum pin_kind, int64_t target,
	    bool *pinned);

#endif
