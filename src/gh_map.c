/*
 * gh_map.c - Greenhouse JSON to Loop records.
 *
 * Owns: every field name Loop reads from a Greenhouse record, for webhooks
 * and for Harvest v1 and v3, with a type and size check on each, and the
 * JSON bodies Loop writes back.
 * Not here: the webhook envelope (gh_event.c), storing (gh_apply.c),
 * signatures (gh_hook.c), HTTP (harvest.c).
 * Records borrow strings from the document they were mapped from.
 */
#include "gh_map.h"

#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "buf.h"
#include "jsonx.h"
#include "banned.h"

#define NAME_MAX_LEN	200
#define TEXT_MAX_LEN	500
#define URL_MAX_LEN	2000
#define TS_MAX_LEN	40

/* ------------------------------------------------------------ field readers */

static int
bad(struct buf *why, const char *where, const char *key, const char *what)
{
	buf_reset(why);
	buf_addf(why, "%s%s%s %s", where, *where != '\0' ? "." : "", key,
	    what);
	return -1;
}

/* ISO-8601 as Greenhouse writes it; Postgres does the exact parse. */
static bool
ts_ok(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n < 10 || n > TS_MAX_LEN)
		return false;
	for (i = 0; i < 10; i++)
		if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	for (; i < n; i++)
		if (strchr("0123456789T:.+-Z ", s[i]) == NULL || s[i] == '\0')
			return false;
	return true;
}

/* An optional string of at most max bytes; NULL when missing or null. */
static int
m_str(struct json_object *o, const char *where, const char *key, size_t max,
    const char **out, struct buf *why)
{
	bool	 found;

	*out = NULL;
	if (jsonx_str(o, key, out, &found) == -1)
		return bad(why, where, key, "must be a string");
	if (found && strlen(*out) > max)
		return bad(why, where, key, "is too long");
	return 0;
}

static int
m_ts(struct json_object *o, const char *where, const char *key,
    const char **out, struct buf *why)
{
	if (m_str(o, where, key, TS_MAX_LEN, out, why) == -1)
		return -1;
	if (*out != NULL && **out == '\0')
		*out = NULL;
	if (*out != NULL && !ts_ok(*out))
		return bad(why, where, key, "must be an ISO-8601 time");
	return 0;
}

/* A Greenhouse id: a positive integer; required ones must be present. */
static int
m_id(struct json_object *o, const char *where, const char *key,
    bool required, int64_t *out, struct buf *why)
{
	bool	 found;

	*out = 0;
	if (jsonx_int64(o, key, out, &found) == -1)
		return bad(why, where, key, "must be an integer id");
	if (!found && required)
		return bad(why, where, key, "is missing");
	if (found && *out <= 0)
		return bad(why, where, key, "must be a positive id");
	return 0;
}

static int
m_bool(struct json_object *o, const char *where, const char *key, bool dflt,
    bool *out, struct buf *why)
{
	bool	 found;

	if (jsonx_bool(o, key, out, &found) == -1)
		return bad(why, where, key, "must be true or false");
	if (!found)
		*out = dflt;
	return 0;
}

/* An optional array or object member, as JSON text owned by the doc. */
static int
m_json(struct json_object *o, const char *where, const char *key,
    bool array, const char **out, struct buf *why)
{
	struct json_object	*v;
	bool			 found;

	*out = NULL;
	if ((array ? jsonx_arr(o, key, &v, &found) :
	    jsonx_obj(o, key, &v, &found)) == -1)
		return bad(why, where, key, array ? "must be an array" :
		    "must be an object");
	if (found)
		*out = json_object_to_json_string_ext(v,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	return 0;
}

/* ------------------------------------------------------------ candidates */

/* [{value, type}] into the contact arrays of a person_rec. */
static int
m_contacts(struct json_object *o, const char *where, const char *key,
    bool email, struct person_rec *out, struct buf *why)
{
	struct json_object	*arr, *el;
	const char		*value, *type;
	size_t			 i, n;
	bool			 found;

	if (jsonx_arr(o, key, &arr, &found) == -1)
		return bad(why, where, key, "must be an array");
	n = found ? json_object_array_length(arr) : 0;
	for (i = 0; i < n; i++) {
		el = json_object_array_get_idx(arr, i);
		if (!json_object_is_type(el, json_type_object))
			return bad(why, where, key, "must hold objects");
		if (m_str(el, where, "value", TEXT_MAX_LEN, &value, why) == -1 ||
		    m_str(el, where, "type", 40, &type, why) == -1)
			return -1;
		if (value == NULL || *value == '\0')
			continue;
		if (email && out->nemails < PERSON_MAX_CONTACTS)
			out->emails[out->nemails++] = (struct person_email){
			    value, type };
		else if (!email && out->nphones < PERSON_MAX_CONTACTS)
			out->phones[out->nphones++] = (struct person_phone){
			    value, type };
	}
	return 0;
}

/* Candidate or prospect, by the prospect flags of Harvest v1's list. */
static const char *
v1_kind(struct json_object *o)
{
	struct json_object	*arr, *el;
	size_t			 i, n;
	bool			 found, prospect, any = false;

	if (jsonx_arr(o, "applications", &arr, &found) == -1 || !found)
		return NULL;
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		el = json_object_array_get_idx(arr, i);
		if (jsonx_bool(el, "prospect", &prospect, &found) == -1)
			continue;
		if (found && !prospect)
			return "candidate";
		any = true;
	}
	return any ? "prospect" : NULL;
}

/* Custom fields: Harvest v1 keeps the webhook shape in keyed_custom_fields. */
static int
m_custom(struct json_object *o, enum gh_shape shape, struct person_rec *out,
    enum gh_hint *hint, struct buf *why)
{
	struct json_object	*cf = NULL;
	const char		*key = "custom_fields";
	bool			 found = false;

	if (shape == GH_SHAPE_V1 && jsonx_obj(o, "keyed_custom_fields", &cf,
	    &found) == 0 && found)
		key = "keyed_custom_fields";
	if (jsonx_obj(o, key, &cf, &found) == -1)
		return bad(why, "candidate", key, "must be an object");
	out->custom_fields_json = NULL;
	if (found)
		out->custom_fields_json = json_object_to_json_string_ext(cf,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	*hint = found ? gh_consent_hint(cf) : GH_HINT_NONE;
	return 0;
}

int
gh_map_candidate(struct json_object *o, enum gh_shape shape,
    struct person_rec *out, enum gh_hint *hint, struct buf *why)
{
	static const char	 w[] = "candidate";
	struct json_object	*rec;
	bool			 found;

	memset(out, 0, sizeof(*out));
	*hint = GH_HINT_NONE;
	if (!json_object_is_type(o, json_type_object))
		return bad(why, "", w, "must be an object");
	out->source = "greenhouse";
	out->kind = shape == GH_SHAPE_V1 ? v1_kind(o) : NULL;
	if (m_id(o, w, "id", true, &out->greenhouse_id, why) == -1 ||
	    m_str(o, w, "first_name", NAME_MAX_LEN, &out->first_name,
	    why) == -1 ||
	    m_str(o, w, "last_name", NAME_MAX_LEN, &out->last_name, why) == -1 ||
	    m_str(o, w, "company", TEXT_MAX_LEN, &out->company, why) == -1 ||
	    m_str(o, w, "title", TEXT_MAX_LEN, &out->title, why) == -1 ||
	    m_ts(o, w, "created_at", &out->gh_created_at, why) == -1 ||
	    m_ts(o, w, "updated_at", &out->gh_updated_at, why) == -1 ||
	    m_contacts(o, w, "email_addresses", true, out, why) == -1 ||
	    m_contacts(o, w, "phone_numbers", false, out, why) == -1 ||
	    m_json(o, w, "addresses", true, &out->addresses_json, why) == -1 ||
	    m_json(o, w, "tags", true, &out->tags_json, why) == -1 ||
	    m_json(o, w, "recruiter", false, &out->gh_recruiter_json,
	    why) == -1 ||
	    m_custom(o, shape, out, hint, why) == -1)
		return -1;
	if (jsonx_obj(o, "recruiter", &rec, &found) == 0 && found &&
	    m_str(rec, "candidate.recruiter", "email", 254, &out->owner_email,
	    why) == -1)
		return -1;
	return 0;
}

struct json_object *
gh_list_items(struct json_object *doc)
{
	if (json_object_is_type(doc, json_type_array))
		return doc;
	if (!json_object_is_type(doc, json_type_object))
		return NULL;
	json_object_object_foreach(doc, key, v) {
		(void)key;
		if (json_object_is_type(v, json_type_array))
			return v;
	}
	return NULL;
}

enum gh_hint
gh_consent_hint(struct json_object *cf)
{
	struct json_object	*v = NULL;
	const char		*s;

	if (cf == NULL || !json_object_object_get_ex(cf, "sms_consent_given",
	    &v) || v == NULL)
		return GH_HINT_NONE;
	if (json_object_is_type(v, json_type_object) &&
	    (!json_object_object_get_ex(v, "value", &v) || v == NULL))
		return GH_HINT_NONE;
	if (json_object_is_type(v, json_type_boolean))
		return json_object_get_boolean(v) ? GH_HINT_YES : GH_HINT_NO;
	if (!json_object_is_type(v, json_type_string))
		return GH_HINT_NONE;
	s = json_object_get_string(v);
	if (strcasecmp(s, "yes") == 0 || strcasecmp(s, "true") == 0)
		return GH_HINT_YES;
	if (strcasecmp(s, "no") == 0 || strcasecmp(s, "false") == 0)
		return GH_HINT_NO;
	return GH_HINT_NONE;
}

struct json_object *
gh_consent_patch(bool yes)
{
	struct json_object	*body, *arr, *f;

	body = json_object_new_object();
	arr = json_object_new_array();
	f = json_object_new_object();
	/* single_select with options Yes/No, the documented write format. */
	json_object_object_add(f, "name_key",
	    json_object_new_string("sms_consent_given"));
	json_object_object_add(f, "value",
	    json_object_new_string(yes ? "Yes" : "No"));
	json_object_array_add(arr, f);
	json_object_object_add(body, "custom_fields", arr);
	return body;
}

static void
add_contacts(struct json_object *body, const char *key, bool email,
    const struct person_rec *p)
{
	struct json_object	*arr, *el;
	size_t			 i, n = email ? p->nemails : p->nphones;
	const char		*v, *t;

	arr = json_object_new_array();
	for (i = 0; i < n && i < PERSON_MAX_CONTACTS; i++) {
		v = email ? p->emails[i].email : p->phones[i].raw;
		t = email ? p->emails[i].type : p->phones[i].type;
		if (v == NULL)
			continue;
		el = json_object_new_object();
		json_object_object_add(el, "value", json_object_new_string(v));
		json_object_object_add(el, "type", json_object_new_string(
		    t != NULL ? t : (email ? "personal" : "mobile")));
		json_object_array_add(arr, el);
	}
	json_object_object_add(body, key, arr);
}

struct json_object *
gh_prospect_body(const struct person_rec *p)
{
	struct json_object	*body = json_object_new_object();

	json_object_object_add(body, "first_name", json_object_new_string(
	    p->first_name != NULL ? p->first_name : ""));
	json_object_object_add(body, "last_name", json_object_new_string(
	    p->last_name != NULL ? p->last_name : ""));
	if (p->company != NULL)
		json_object_object_add(body, "company",
		    json_object_new_string(p->company));
	if (p->title != NULL)
		json_object_object_add(body, "title",
		    json_object_new_string(p->title));
	add_contacts(body, "email_addresses", true, p);
	add_contacts(body, "phone_numbers", false, p);
	return body;
}

/* ------------------------------------------------------------ jobs */

int
gh_map_job(struct json_object *o, enum gh_shape shape, struct gh_job *out,
    struct buf *why)
{
	static const char	 w[] = "job";

	(void)shape;		/* v1, v3 and webhooks agree on these */
	memset(out, 0, sizeof(*out));
	if (!json_object_is_type(o, json_type_object))
		return bad(why, "", w, "must be an object");
	if (m_id(o, w, "id", true, &out->gh_id, why) == -1 ||
	    m_str(o, w, "name", TEXT_MAX_LEN, &out->name, why) == -1 ||
	    m_str(o, w, "requisition_id", NAME_MAX_LEN, &out->requisition_id,
	    why) == -1 ||
	    m_str(o, w, "status", 40, &out->status, why) == -1 ||
	    m_json(o, w, "offices", true, &out->offices_json, why) == -1 ||
	    m_json(o, w, "departments", true, &out->departments_json,
	    why) == -1 ||
	    m_ts(o, w, "opened_at", &out->opened_at, why) == -1 ||
	    m_ts(o, w, "closed_at", &out->closed_at, why) == -1 ||
	    m_ts(o, w, "updated_at", &out->updated_at, why) == -1)
		return -1;
	return 0;
}

/* A post's location: a string in webhooks, {name} in Harvest. */
static int
m_location(struct json_object *o, const char **out, struct buf *why)
{
	struct json_object	*loc;
	bool			 found;

	*out = NULL;
	if (jsonx_obj(o, "location", &loc, &found) == 0)
		return found ? m_str(loc, "job_post.location", "name",
		    TEXT_MAX_LEN, out, why) : 0;
	return m_str(o, "job_post", "location", TEXT_MAX_LEN, out, why);
}

int
gh_map_job_post(struct json_object *o, enum gh_shape shape,
    struct gh_job_post *out, struct buf *why)
{
	static const char	 w[] = "job_post";

	(void)shape;
	memset(out, 0, sizeof(*out));
	if (!json_object_is_type(o, json_type_object))
		return bad(why, "", w, "must be an object");
	if (m_id(o, w, "id", true, &out->gh_id, why) == -1 ||
	    m_id(o, w, "job_id", false, &out->job_gh_id, why) == -1 ||
	    m_str(o, w, "title", TEXT_MAX_LEN, &out->title, why) == -1 ||
	    m_location(o, &out->location, why) == -1 ||
	    m_str(o, w, "content", 1024 * 1024, &out->content, why) == -1 ||
	    m_str(o, w, "absolute_url", URL_MAX_LEN, &out->public_url,
	    why) == -1 ||
	    m_ts(o, w, "updated_at", &out->updated_at, why) == -1 ||
	    m_bool(o, w, "live", false, &out->live, why) == -1 ||
	    m_bool(o, w, "internal", false, &out->internal, why) == -1 ||
	    m_bool(o, w, "external", true, &out->external, why) == -1)
		return -1;
	return 0;
}

/* ------------------------------------------------------------ applications */

static int
m_app_jobs(struct json_object *o, struct gh_application *out,
    struct buf *why)
{
	struct json_object	*arr, *el;
	size_t			 i, n;
	bool			 found;

	if (jsonx_arr(o, "jobs", &arr, &found) == -1)
		return bad(why, "application", "jobs", "must be an array");
	n = found ? json_object_array_length(arr) : 0;
	for (i = 0; i < n && out->njobs < GH_MAX_JOBS; i++) {
		el = json_object_array_get_idx(arr, i);
		if (m_id(el, "application.jobs[]", "id", true,
		    &out->job_gh_ids[out->njobs], why) == -1)
			return -1;
		out->njobs++;
	}
	return 0;
}

static int
m_stage_source(struct json_object *o, struct gh_application *out,
    struct buf *why)
{
	struct json_object	*st, *src;
	bool			 found;

	if (jsonx_obj(o, "current_stage", &st, &found) == -1)
		return bad(why, "application", "current_stage",
		    "must be an object");
	if (found && (m_id(st, "application.current_stage", "id", false,
	    &out->stage_gh_id, why) == -1 || m_str(st,
	    "application.current_stage", "name", TEXT_MAX_LEN,
	    &out->stage_name, why) == -1))
		return -1;
	if (jsonx_obj(o, "source", &src, &found) == -1)
		return bad(why, "application", "source", "must be an object");
	if (found && (m_str(src, "application.source", "name", TEXT_MAX_LEN,
	    &out->source_name, why) == -1))
		return -1;
	if (found && out->source_name == NULL && m_str(src,
	    "application.source", "public_name", TEXT_MAX_LEN,
	    &out->source_name, why) == -1)
		return -1;
	return 0;
}

int
gh_map_application(struct json_object *o, enum gh_shape shape,
    struct gh_application *out, struct buf *why)
{
	static const char	 w[] = "application";

	(void)shape;
	memset(out, 0, sizeof(*out));
	if (!json_object_is_type(o, json_type_object))
		return bad(why, "", w, "must be an object");
	if (m_id(o, w, "id", true, &out->gh_id, why) == -1 ||
	    m_id(o, w, "candidate_id", false, &out->candidate_gh_id,
	    why) == -1 ||
	    m_str(o, w, "status", 40, &out->status, why) == -1 ||
	    m_bool(o, w, "prospect", false, &out->prospect, why) == -1 ||
	    m_ts(o, w, "applied_at", &out->applied_at, why) == -1 ||
	    m_ts(o, w, "rejected_at", &out->rejected_at, why) == -1 ||
	    m_ts(o, w, "last_activity_at", &out->last_activity_at, why) == -1 ||
	    m_ts(o, w, "updated_at", &out->updated_at, why) == -1 ||
	    m_stage_source(o, out, why) == -1 ||
	    m_app_jobs(o, out, why) == -1)
		return -1;
	if (out->status != NULL && strcmp(out->status, "active") != 0 &&
	    strcmp(out->status, "rejected") != 0 &&
	    strcmp(out->status, "hired") != 0)
		out->status = NULL;	/* a status Loop does not know */
	if (out->updated_at == NULL)
		out->updated_at = out->last_activity_at;
	return 0;
}

/* ------------------------------------------------------------ interviews */

/* {"date_time": ...} or, all day, {"date": ...}; 2014 replies: flat. */
static int
m_when(struct json_object *o, const char *key, const char *flat,
    const char **out, bool *all_day, struct buf *why)
{
	struct json_object	*w;
	bool			 found;

	if (jsonx_obj(o, key, &w, &found) == -1)
		return bad(why, "interview", key, "must be an object");
	if (!found)
		return m_ts(o, "interview", flat, out, why);
	if (m_ts(w, "interview", "date_time", out, why) == -1)
		return -1;
	if (*out == NULL) {
		*all_day = true;
		return m_ts(w, "interview", "date", out, why);
	}
	return 0;
}

int
gh_map_interview(struct json_object *o, enum gh_shape shape,
    struct gh_interview *out, struct buf *why)
{
	static const char	 w[] = "interview";
	struct json_object	*iv;
	bool			 found;

	(void)shape;
	memset(out, 0, sizeof(*out));
	if (!json_object_is_type(o, json_type_object))
		return bad(why, "", w, "must be an object");
	if (m_id(o, w, "id", true, &out->gh_id, why) == -1 ||
	    m_id(o, w, "application_id", false, &out->application_gh_id,
	    why) == -1 ||
	    m_when(o, "start", "starts_at", &out->start, &out->all_day,
	    why) == -1 ||
	    m_when(o, "end", "ends_at", &out->end, &out->all_day, why) == -1 ||
	    m_str(o, w, "location", TEXT_MAX_LEN, &out->location, why) == -1 ||
	    m_str(o, w, "video_conferencing_url", URL_MAX_LEN, &out->video_url,
	    why) == -1 ||
	    m_str(o, w, "status", 40, &out->status, why) == -1 ||
	    m_ts(o, w, "updated_at", &out->updated_at, why) == -1)
		return -1;
	if (jsonx_obj(o, "interview", &iv, &found) == -1)
		return bad(why, w, "interview", "must be an object");
	if (found && m_str(iv, "interview.interview", "name", TEXT_MAX_LEN,
	    &out->name, why) == -1)
		return -1;
	return 0;
}
