/*
 * gh_event.c - the Greenhouse webhook envelope and its nine actions.
 *
 * Owns: action names, where each action keeps its object (see the table
 * in reference/greenhouse.md), what is required, and the kind and
 * ordering time given to a candidate embedded in an application.
 * Not here: record fields (gh_map.c), storing (gh_apply.c).
 */
#include "gh_event.h"

#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "jsonx.h"
#include "banned.h"

static const char *const action_names[GH__MAX] = {
	[GH_PING]			= "ping",
	[GH_DELETE_CANDIDATE]		= "delete_candidate",
	[GH_JOB_POST_UPDATED]		= "job_post_updated",
	[GH_JOB_POST_CREATED]		= "job_post_created",
	[GH_JOB_POST_DELETED]		= "job_post_deleted",
	[GH_DELETE_APPLICATION]		= "delete_application",
	[GH_NEW_CANDIDATE_APPLICATION]	= "new_candidate_application",
	[GH_UPDATE_CANDIDATE]		= "update_candidate",
	[GH_NEW_PROSPECT_APPLICATION]	= "new_prospect_application",
	[GH_CANDIDATE_STAGE_CHANGE]	= "candidate_stage_change",
	[GH_UNKNOWN]			= "unknown",
};

enum gh_action
gh_action_of(const char *name)
{
	int	 i;

	for (i = 0; name != NULL && i < GH_UNKNOWN; i++)
		if (strcmp(name, action_names[i]) == 0)
			return (enum gh_action)i;
	return GH_UNKNOWN;
}

const char *
gh_action_name(enum gh_action a)
{
	return ((int)a >= 0 && a < GH__MAX) ? action_names[a] : "unknown";
}

static int
missing(struct buf *why, const char *what, const char *how)
{
	buf_reset(why);
	buf_addf(why, "%s %s", what, how);
	return -1;
}

/* payload.<key> as an object, required. */
static int
member(struct json_object *payload, const char *key, const char *where,
    struct json_object **out, struct buf *why)
{
	bool	 found;

	if (jsonx_obj(payload, key, out, &found) == -1)
		return missing(why, where, "must be an object");
	if (!found)
		return missing(why, where, "is missing");
	return 0;
}

/* The full job objects a webhook application carries. */
static int
app_jobs(struct json_object *app, struct gh_event *ev, struct buf *why)
{
	struct json_object	*arr;
	size_t			 i, n;
	bool			 found;

	if (jsonx_arr(app, "jobs", &arr, &found) == -1 || !found)
		return 0;	/* gh_map_application reported a bad type */
	n = json_object_array_length(arr);
	for (i = 0; i < n && ev->njobs < GH_MAX_JOBS; i++)
		if (gh_map_job(json_object_array_get_idx(arr, i),
		    GH_SHAPE_WEBHOOK, &ev->jobs[ev->njobs++], why) == -1)
			return -1;
	return 0;
}

/* new_candidate_application, new_prospect_application, stage change. */
static int
map_application(struct json_object *payload, struct gh_event *ev,
    struct buf *why)
{
	struct json_object	*app, *cand;

	if (member(payload, "application", "payload.application", &app,
	    why) == -1 ||
	    gh_map_application(app, GH_SHAPE_WEBHOOK, &ev->app, why) == -1 ||
	    member(app, "candidate", "payload.application.candidate", &cand,
	    why) == -1 ||
	    gh_map_candidate(cand, GH_SHAPE_WEBHOOK, &ev->person,
	    &ev->consent_hint, why) == -1 ||
	    app_jobs(app, ev, why) == -1)
		return -1;
	ev->has_application = ev->has_person = true;
	ev->app.candidate_gh_id = ev->person.greenhouse_id;
	ev->object_id = ev->app.gh_id;
	/* A prospect application never demotes a candidate (person.c). */
	ev->person.kind = ev->app.prospect ? "prospect" : "candidate";
	/* Webhook candidates carry no updated_at: order by the activity. */
	if (ev->person.gh_updated_at == NULL)
		ev->person.gh_updated_at = ev->app.last_activity_at;
	return 0;
}

static int
map_deleted_apps(struct json_object *person, struct gh_event *ev,
    struct buf *why)
{
	struct json_object	*arr;
	size_t			 i, n;
	bool			 found;

	if (jsonx_arr(person, "deleted_application_ids", &arr, &found) == -1)
		return missing(why, "payload.person.deleted_application_ids",
		    "must be an array");
	n = found ? json_object_array_length(arr) : 0;
	for (i = 0; i < n && ev->ndeleted < GH_MAX_DELETED; i++)
		if (jsonx_as_int64(json_object_array_get_idx(arr, i),
		    &ev->deleted_apps[ev->ndeleted++]) == -1)
			return missing(why, "payload.person."
			    "deleted_application_ids", "must hold ids");
	return 0;
}

static int
map_deletes(struct json_object *payload, struct gh_event *ev,
    struct buf *why)
{
	struct json_object	*o;
	struct gh_application	 app;
	bool			 found;

	switch (ev->action) {
	case GH_DELETE_CANDIDATE:
		if (member(payload, "person", "payload.person", &o, why) == -1)
			return -1;
		if (jsonx_int64(o, "id", &ev->object_id, &found) == -1 ||
		    !found || ev->object_id <= 0)
			return missing(why, "payload.person.id",
			    "must be a positive id");
		return map_deleted_apps(o, ev, why);
	case GH_DELETE_APPLICATION:
		if (member(payload, "application", "payload.application", &o,
		    why) == -1 ||
		    gh_map_application(o, GH_SHAPE_WEBHOOK, &app, why) == -1)
			return -1;
		ev->object_id = app.gh_id;
		return 0;
	default:		/* GH_JOB_POST_DELETED */
		if (member(payload, "job_post", "payload.job_post", &o,
		    why) == -1 ||
		    gh_map_job_post(o, GH_SHAPE_WEBHOOK, &ev->post, why) == -1)
			return -1;
		ev->object_id = ev->post.gh_id;
		return 0;
	}
}

static int
map_payload(struct json_object *payload, struct gh_event *ev,
    struct buf *why)
{
	struct json_object	*cand;

	switch (ev->action) {
	case GH_NEW_CANDIDATE_APPLICATION:
	case GH_NEW_PROSPECT_APPLICATION:
	case GH_CANDIDATE_STAGE_CHANGE:
		return map_application(payload, ev, why);
	case GH_UPDATE_CANDIDATE:
		if (member(payload, "candidate", "payload.candidate", &cand,
		    why) == -1 ||
		    gh_map_candidate(cand, GH_SHAPE_WEBHOOK, &ev->person,
		    &ev->consent_hint, why) == -1)
			return -1;
		ev->has_person = true;
		ev->object_id = ev->person.greenhouse_id;
		return 0;
	case GH_JOB_POST_CREATED:
	case GH_JOB_POST_UPDATED:
		/* The payload is the post itself. */
		if (gh_map_job_post(payload, GH_SHAPE_WEBHOOK, &ev->post,
		    why) == -1)
			return -1;
		ev->has_post = true;
		ev->object_id = ev->post.gh_id;
		return 0;
	case GH_DELETE_CANDIDATE:
	case GH_DELETE_APPLICATION:
	case GH_JOB_POST_DELETED:
		return map_deletes(payload, ev, why);
	default:
		return 0;
	}
}

int
gh_event_map(struct json_object *doc, struct gh_event *ev, struct buf *why)
{
	struct json_object	*payload;
	bool			 found;

	memset(ev, 0, sizeof(*ev));
	ev->action = GH_UNKNOWN;
	if (!json_object_is_type(doc, json_type_object))
		return missing(why, "the body", "must be a JSON object");
	if (jsonx_str(doc, "action", &ev->action_name, &found) == -1)
		return missing(why, "action", "must be a string");
	if (!found)
		return missing(why, "action", "is missing");
	ev->action = gh_action_of(ev->action_name);
	if (ev->action == GH_UNKNOWN || ev->action == GH_PING)
		return 0;
	if (member(doc, "payload", "payload", &payload, why) == -1)
		return -1;
	return map_payload(payload, ev, why);
}
