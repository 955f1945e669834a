/*
 * gh_event.h - a Greenhouse webhook body: {"action": ..., "payload": ...}.
 *
 * Owns: the nine action names and ping, where each action keeps its
 * object in the payload and what it must carry (the 400 message when it
 * does not), the ordering time of embedded candidates.
 * Not here: the fields of each record (gh_map.c), signatures and the
 * event log (gh_hook.c), storing (gh_apply.c).
 * A struct gh_event borrows every string from the parsed body.
 */
#ifndef LOOP_GH_EVENT_H
#define LOOP_GH_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gh_map.h"

struct buf;
struct json_object;

#define GH_MAX_DELETED	256	/* application ids on one delete_candidate */

enum gh_action {
	GH_PING,
	GH_DELETE_CANDIDATE,
	GH_JOB_POST_UPDATED,
	GH_JOB_POST_CREATED,
	GH_JOB_POST_DELETED,
	GH_DELETE_APPLICATION,
	GH_NEW_CANDIDATE_APPLICATION,
	GH_UPDATE_CANDIDATE,
	GH_NEW_PROSPECT_APPLICATION,
	GH_CANDIDATE_STAGE_CHANGE,
	GH_UNKNOWN,
	GH__MAX
};

/* A webhook delivery, mapped. Parts the action does not use stay zero. */
struct gh_event {
	enum gh_action		 action;
	const char		*action_name;	/* as sent; NULL when absent */
	int64_t			 object_id;	/* what the action is about */
	bool			 has_person;
	struct person_rec	 person;
	enum gh_hint		 consent_hint;
	bool			 has_application;
	struct gh_application	 app;
	struct gh_job		 jobs[GH_MAX_JOBS];
	size_t			 njobs;
	bool			 has_post;
	struct gh_job_post	 post;
	int64_t			 deleted_apps[GH_MAX_DELETED];
	size_t			 ndeleted;
};

/* "candidate_stage_change" -> GH_CANDIDATE_STAGE_CHANGE; else GH_UNKNOWN. */
enum gh_action	 gh_action_of(const char *name);
const char	*gh_action_name(enum gh_action);

/*
 * Maps a parsed webhook body into ev. Returns 0 (GH_PING and GH_UNKNOWN
 * need nothing more than the action), or -1 with a message for the sender
 * in why (reset first) when the body lacks what its action needs or holds
 * a field of the wrong type or size.
 */
int	 gh_event_map(struct json_object *doc, struct gh_event *ev,
	    struct buf *why);

#endif
