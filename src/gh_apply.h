/*
 * gh_apply.h - storing what Greenhouse says, from webhooks and from the
 * Harvest sync alike.
 *
 * Owns: Loop's canonical record of each Greenhouse object (the jsonb the
 * SQL write functions of sql/003 take: gh_job_save(), gh_post_save(),
 * gh_app_save(), gh_deliver(); people's come from person.c), calling
 * those functions, and deleting a candidate (in C: the suppression hashes
 * need the master key).
 * Not here: Greenhouse's JSON shapes (gh_map.c, gh_event.c), the event
 * log and its transaction (gh_hook.c, sync.c). The gh_apply_* calls run
 * in the caller's open tenant transaction.
 */
#ifndef LOOP_GH_APPLY_H
#define LOOP_GH_APPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "gh_event.h"
#include "gh_map.h"

struct json_object;

/* What a write did. */
enum gh_did {
	GH_DID_CHANGE,		/* inserted, updated or deleted */
	GH_DID_STALE,		/* older than, or the same as, what is stored */
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
 * Saves an application of person_id; with stage, its current stage is
 * appended to stage_changes when the application changed.
 */
int	 gh_apply_application(struct db *, const struct gh_application *,
	    int64_t person_id, bool stage, enum gh_did *);

/* Deletes, remembered so that a late update does not revive the id. */
int	 gh_apply_delete_candidate(struct db *, int64_t gh_id,
	    const int64_t *app_ids, size_t napps, enum gh_did *);
int	 gh_apply_delete_application(struct db *, int64_t gh_id,
	    enum gh_did *);
int	 gh_apply_delete_job_post(struct db *, int64_t gh_id, enum gh_did *);

/*
 * What follows a Greenhouse person's arrival or change, in the same
 * transaction: Greenhouse's sms_consent_given (hint) goes to the consent
 * engine with updated_at as its evidence time, and the automatic opt-in
 * email is offered (sent once, when the tenant asks for it).
 */
int	 gh_apply_person_after(struct db *, int64_t tenant, int64_t person,
	    enum gh_hint hint, const char *updated_at, const char *event_id);

/*
 * The records of a mapped webhook event for gh_deliver(): {"person",
 * "jobs", "app", "post"} as the action needs them. A new json-c object
 * (caller puts).
 */
struct json_object	*gh_apply_record(const struct gh_event *);

#endif
