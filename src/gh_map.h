/*
 * gh_map.h - Greenhouse JSON to Loop records: the one place that knows
 * the shapes of webhook payloads and of Harvest v1 and v3 replies.
 *
 * Owns: candidates, applications, jobs, job posts and scheduled
 * interviews in every shape Loop reads (webhook payloads, Harvest v1 and
 * v3), with a type and size check on each field; the sms_consent_given
 * custom field as a hint for the consent engine; the bodies Loop writes.
 * Not here: the webhook envelope and its actions (gh_event.c), storing
 * records (gh_apply.c), HTTP (harvest.c, gh_hook.c).
 * Every string in a mapped record is borrowed from the json_object it was
 * read from and lives as long as that document; nothing here allocates
 * except json-c's own serialisation buffers, which also belong to it.
 */
#ifndef LOOP_GH_MAP_H
#define LOOP_GH_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "person.h"

struct buf;
struct json_object;

#define GH_MAX_JOBS	16	/* jobs on one application */

/* Which API a Harvest document came from. */
enum gh_shape {
	GH_SHAPE_WEBHOOK,
	GH_SHAPE_V1,
	GH_SHAPE_V3,
	GH_SHAPE__MAX
};

/* What Greenhouse's sms_consent_given custom field says, if anything. */
enum gh_hint {
	GH_HINT_NONE,
	GH_HINT_YES,
	GH_HINT_NO,
	GH_HINT__MAX
};

struct gh_job {
	int64_t		 gh_id;
	const char	*name;
	const char	*requisition_id;
	const char	*status;
	const char	*offices_json;		/* NULL: keep what is stored */
	const char	*departments_json;	/* NULL: keep */
	const char	*opened_at;
	const char	*closed_at;
	const char	*updated_at;
};

struct gh_job_post {
	int64_t		 gh_id;
	int64_t		 job_gh_id;		/* 0: a prospect post */
	const char	*title;
	const char	*location;
	const char	*content;
	const char	*public_url;
	const char	*updated_at;
	bool		 live;
	bool		 internal;
	bool		 external;
};

struct gh_application {
	int64_t		 gh_id;
	int64_t		 candidate_gh_id;
	int64_t		 job_gh_ids[GH_MAX_JOBS];
	size_t		 njobs;
	const char	*status;		/* active, rejected, hired */
	int64_t		 stage_gh_id;		/* 0: none (prospects) */
	const char	*stage_name;
	bool		 prospect;
	const char	*source_name;
	const char	*applied_at;
	const char	*rejected_at;
	const char	*last_activity_at;
	const char	*updated_at;		/* ordering: newest wins */
};

struct gh_interview {
	int64_t		 gh_id;
	int64_t		 application_gh_id;
	const char	*start;			/* date-time, or a date */
	const char	*end;
	bool		 all_day;		/* start/end are dates */
	const char	*location;
	const char	*video_url;
	const char	*status;
	const char	*name;
	const char	*updated_at;
};

/*
 * One record of a Harvest list or get (or a webhook's embedded object).
 * 0, or -1 with a message naming the field in why (reset first). A
 * candidate's *hint reports sms_consent_given. Applications without an
 * updated_at take last_activity_at as their ordering time.
 */
int	 gh_map_candidate(struct json_object *o, enum gh_shape,
	    struct person_rec *out, enum gh_hint *hint, struct buf *why);
int	 gh_map_job(struct json_object *o, enum gh_shape, struct gh_job *out,
	    struct buf *why);
int	 gh_map_job_post(struct json_object *o, enum gh_shape,
	    struct gh_job_post *out, struct buf *why);
int	 gh_map_application(struct json_object *o, enum gh_shape,
	    struct gh_application *out, struct buf *why);
int	 gh_map_interview(struct json_object *o, enum gh_shape,
	    struct gh_interview *out, struct buf *why);

/*
 * The records of a Harvest list reply, borrowed from doc: v1 sends a bare
 * array; an object is searched for its first array member. NULL if none.
 */
struct json_object	*gh_list_items(struct json_object *doc);

/*
 * The consent hint in a custom_fields object of either shape:
 * {"sms_consent_given": {"value": ...}} (webhooks, keyed Harvest fields)
 * or {"sms_consent_given": ...}. Yes/true/"yes" -> GH_HINT_YES, and so on.
 */
enum gh_hint	 gh_consent_hint(struct json_object *custom_fields);

/*
 * The body of a write that sets sms_consent_given (a new document, the
 * caller puts it): {"custom_fields":[{"name_key":"sms_consent_given",
 * "value":"Yes"|"No"}]} for shape V1 and V3.
 */
struct json_object	*gh_consent_patch(bool yes);

/*
 * The body of an "add prospect" write from a person (a new document):
 * first/last name, company, title, email_addresses, phone_numbers.
 */
struct json_object	*gh_prospect_body(const struct person_rec *);

#endif
