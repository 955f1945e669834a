/*
 * gh_apply.h - storing what Greenhouse says, from webhooks and from the
 * Harvest sync alike.
 *
 * Owns: upserting jobs, job posts and applications by Greenhouse id with
 * the "an older change never overwrites a newer one" guard, appending
 * stage changes, deleting candidates, applications and job posts (and
 * remembering the deleted ids so that a late update does not revive
 * them), applying one mapped webhook event.
 * Not here: JSON (gh_map.c, gh_event.c), people's own rows (person.c),
 * the event log and transactions (gh_hook.c, sync.c): every call runs in
 * the caller's open tenant transaction.
 */
#ifndef LOOP_GH_APPLY_H
#define LOOP_GH_APPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "gh_event.h"
#include "gh_map.h"

/* What a write did. */
enum gh_did {
	GH_DID_CHANGE,		/* inserted, updated or deleted */
	GH_DID_STALE,		/* a newer change is stored: nothing done */
	GH_DID_GONE,		/* deleted in Greenhouse (or absent): nothing */
	GH_DID__MAX
};

/*
 * Saves a Greenhouse person through person_save(), unless Greenhouse
 * deleted them. *id is the person's id (0 when GH_DID_GONE).
 */
int	 gh_apply_person(struct db *, const struct person_rec *, int64_t *id,
	    enum gh_did *);
int	 gh_apply_job(struct db *, const struct gh_job *, enum gh_did *);
int	 gh_apply_job_post(struct db *, const struct gh_job_post *,
	    enum gh_did *);
/*
 * Saves an application of person_id. *app_id is its id, also when stale
 * (0 when GH_DID_GONE).
 */
int	 gh_apply_application(struct db *, const struct gh_application *,
	    int64_t person_id, int64_t *app_id, enum gh_did *);
/* Appends the application's current stage, once per (stage, time). */
int	 gh_apply_stage_change(struct db *, const struct gh_application *,
	    int64_t app_id, int64_t person_id, enum gh_did *);

int	 gh_apply_delete_candidate(struct db *, int64_t gh_id,
	    const int64_t *app_ids, size_t napps, enum gh_did *);
int	 gh_apply_delete_application(struct db *, int64_t gh_id,
	    enum gh_did *);
int	 gh_apply_delete_job_post(struct db *, int64_t gh_id, enum gh_did *);

/*
 * Applies a mapped webhook event. *changed false when every part was
 * stale or about a deleted record; then *note says why (static text).
 * -1 on a database failure (db->err says which).
 */
int	 gh_apply_event(struct db *, const struct gh_event *, bool *changed,
	    const char **note);

#endif
