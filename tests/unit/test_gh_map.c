/*
 * test_gh_map.c - Greenhouse JSON to records: every webhook fixture, every
 * Harvest fixture, and the payloads that must be refused with a message.
 *
 * Owns: one behaviour per test of gh_map.h and gh_event.h. Fixtures are
 * read from $GH_FIXTURES (default tests/fixtures/greenhouse, run from the
 * repository root as make test-unit does).
 */
#include "gh_event.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "buf.h"
#include "gh_map.h"
#include "jsonx.h"
#include "banned.h"

#define LIT_UNKNOWN	"{\"action\": \"interview_deleted\", \"payload\": {}}"

static struct json_object *
load(const char *rel)
{
	const char		*dir = getenv("GH_FIXTURES");
	struct buf		 path = BUF_INIT, body = BUF_INIT;
	struct json_object	*doc;
	char			 chunk[4096];
	size_t			 n;
	FILE			*f;

	buf_addf(&path, "%s/%s", dir != NULL ? dir :
	    "tests/fixtures/greenhouse", rel);
	if ((f = fopen(path.ptr, "r")) == NULL)
		fail_msg("cannot open %s", path.ptr);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&body, chunk, n);
	fclose(f);
	doc = jsonx_parse(body.ptr, body.len, NULL);
	if (doc == NULL)
		fail_msg("%s does not parse", path.ptr);
	buf_release(&path);
	buf_release(&body);
	return doc;
}

/* Maps a webhook fixture; the document stays alive in *doc. */
static void
event(const char *name, struct gh_event *ev, struct json_object **doc)
{
	struct buf	 why = BUF_INIT, rel = BUF_INIT;

	buf_addf(&rel, "webhooks/%s.json", name);
	*doc = load(rel.ptr);
	if (gh_event_map(*doc, ev, &why) != 0)
		fail_msg("%s refused: %s", name, why.ptr);
	assert_string_equal(gh_action_name(ev->action), name);
	buf_release(&why);
	buf_release(&rel);
}

/* Maps body and expects it refused with a message containing want. */
static void
refused(const char *body, const char *want)
{
	struct json_object	*doc;
	struct gh_event		 ev;
	struct buf		 why = BUF_INIT;

	assert_non_null(doc = jsonx_parse(body, strlen(body), NULL));
	assert_int_equal(gh_event_map(doc, &ev, &why), -1);
	if (strstr(why.ptr, want) == NULL)
		fail_msg("why \"%s\" lacks \"%s\"", why.ptr, want);
	json_object_put(doc);
	buf_release(&why);
}

/* ------------------------------------------------------------ webhooks */

static void
test_candidate_stage_change(void **state)
{
	struct json_object	*doc;
	struct gh_event		 ev;

	(void)state;
	event("candidate_stage_change", &ev, &doc);
	assert_int_equal(ev.object_id, 265277);
	assert_true(ev.has_person && ev.has_application);
	assert_int_equal(ev.person.greenhouse_id, 265772);
	assert_string_equal(ev.person.first_name, "Giuseppe");
	assert_string_equal(ev.person.last_name, "Hurley");
	assert_null(ev.person.company);
	assert_string_equal(ev.person.title, "Great Person");
	assert_string_equal(ev.person.kind, "candidate");
	assert_int_equal(ev.person.nemails, 1);
	assert_string_equal(ev.person.emails[0].email,
	    "giuseppe.hurley@example.com");
	assert_int_equal(ev.person.nphones, 1);
	assert_string_equal(ev.person.phones[0].raw, "330-281-8004");
	assert_string_equal(ev.person.phones[0].type, "home");
	/* No updated_at on webhook candidates: the activity orders them. */
	assert_string_equal(ev.person.gh_updated_at, "2015-02-09T16:38:36Z");
	assert_string_equal(ev.person.owner_email,
	    "alicia.flopple.3128@example.com");
	assert_non_null(strstr(ev.person.custom_fields_json, "favorite_color"));
	assert_non_null(strstr(ev.person.tags_json, "Import from Previous"));
	assert_non_null(strstr(ev.person.addresses_json, "123 Fake St."));
	assert_int_equal(ev.consent_hint, GH_HINT_NONE);
	assert_int_equal(ev.app.stage_gh_id, 71416);
	assert_string_equal(ev.app.stage_name, "Assessment");
	assert_string_equal(ev.app.status, "active");
	assert_string_equal(ev.app.source_name, "Agency");
	assert_int_equal(ev.app.candidate_gh_id, 265772);
	assert_int_equal(ev.app.njobs, 1);
	assert_int_equal(ev.app.job_gh_ids[0], 3485);
	assert_int_equal(ev.njobs, 1);
	assert_string_equal(ev.jobs[0].name, "Designer");
	assert_non_null(strstr(ev.jobs[0].offices_json, "New York"));
	json_object_put(doc);
}

static void
test_new_candidate_application(void **state)
{
	struct json_object	*doc;
	struct gh_event		 ev;

	(void)state;
	event("new_candidate_application", &ev, &doc);
	assert_int_equal(ev.object_id, 71980812);
	assert_int_equal(ev.person.greenhouse_id, 60304594);
	assert_string_equal(ev.person.first_name, "Jane");
	assert_string_equal(ev.person.company, "Current Company Co.");
	assert_int_equal(ev.person.nemails, 2);
	assert_string_equal(ev.person.emails[1].email, "person@example.com");
	assert_string_equal(ev.person.emails[0].type, "work");
	assert_string_equal(ev.person.phones[0].raw, "555-555-5555");
	assert_string_equal(ev.person.gh_created_at, "2017-10-27T14:44:42Z");
	assert_string_equal(ev.app.stage_name, "Preliminary Phone Screen");
	assert_false(ev.app.prospect);
	assert_string_equal(ev.app.applied_at, "2017-10-27T14:44:43Z");
	assert_int_equal(ev.jobs[0].gh_id, 274075);
	assert_string_equal(ev.jobs[0].requisition_id, "ABC");
	json_object_put(doc);
}

static void
test_new_prospect_application(void **state)
{
	struct json_object	*doc;
	struct gh_event		 ev;

	(void)state;
	event("new_prospect_application", &ev, &doc);
	assert_int_equal(ev.object_id, 979554);
	assert_true(ev.app.prospect);
	assert_string_equal(ev.person.kind, "prospect");
	assert_int_equal(ev.app.stage_gh_id, 0);
	assert_null(ev.app.stage_name);
	assert_string_equal(ev.app.source_name, "Referral");
	assert_string_equal(ev.person.first_name, "Trisha");
	assert_string_equal(ev.person.phones[0].raw, "123456");
	json_object_put(doc);
}

static void
test_update_candidate(void **state)
{
	struct json_object	*doc;
	struct gh_event		 ev;

	(void)state;
	event("update_candidate", &ev, &doc);
	assert_true(ev.has_person);
	assert_false(ev.has_application);
	assert_int_equal(ev.object_id, 15696179);
	assert_string_equal(ev.person.first_name, "Ronald");
	assert_string_equal(ev.person.last_name, "Ronnie");
	assert_null(ev.person.kind);		/* keeps what is stored */
	assert_null(ev.person.gh_updated_at);
	assert_string_equal(ev.person.phones[0].raw, "911");
	assert_string_equal(ev.person.emails[0].email, "123456email@email.com");
	json_object_put(doc);
}

static void
test_deletes(void **state)
{
	struct json_object	*doc;
	struct gh_event		 ev;

	(void)state;
	event("delete_candidate", &ev, &doc);
	assert_int_equal(ev.object_id, 37031511);
	assert_int_equal(ev.ndeleted, 2);
	assert_int_equal(ev.deleted_apps[0], 46196263);
	assert_int_equal(ev.deleted_apps[1], 46196258);
	assert_false(ev.has_person);
	json_object_put(doc);
	event("delete_application", &ev, &doc);
	assert_int_equal(ev.object_id, 46194062);
	json_object_put(doc);
	event("job_post_deleted", &ev, &doc);
	assert_int_equal(ev.object_id, 258341);
	json_object_put(doc);
}

static void
test_job_posts(void **state)
{
	struct json_object	*doc;
	struct gh_event		 ev;

	(void)state;
	event("job_post_created", &ev, &doc);
	assert_true(ev.has_post);
	assert_int_equal(ev.post.gh_id, 1815002);
	assert_int_equal(ev.post.job_gh_id, 1842002);
	assert_string_equal(ev.post.title, "A Cool Job");
	assert_string_equal(ev.post.location, "New York, NY");
	assert_false(ev.post.live);
	assert_true(ev.post.external);
	assert_string_equal(ev.post.updated_at, "2017-10-12T15:06:32.691Z");
	json_object_put(doc);
	event("job_post_updated", &ev, &doc);
	assert_int_equal(ev.object_id, 1813002);
	assert_string_equal(ev.post.location, "At a Cool Place");
	json_object_put(doc);
}

static void
test_ping_and_unknown(void **state)
{
	struct json_object	*doc;
	struct gh_event		 ev;
	struct buf		 why = BUF_INIT;

	(void)state;
	event("ping", &ev, &doc);
	assert_int_equal(ev.action, GH_PING);
	json_object_put(doc);
	assert_non_null(doc = jsonx_parse(LIT_UNKNOWN, strlen(LIT_UNKNOWN),
	    NULL));
	assert_int_equal(gh_event_map(doc, &ev, &why), 0);
	assert_int_equal(ev.action, GH_UNKNOWN);
	assert_string_equal(ev.action_name, "interview_deleted");
	json_object_put(doc);
	buf_release(&why);
}

static void
test_refused_envelopes(void **state)
{
	(void)state;
	refused("[1]", "must be a JSON object");
	refused("{}", "action is missing");
	refused("{\"action\": 3}", "action must be a string");
	refused("{\"action\": \"update_candidate\"}", "payload is missing");
	refused("{\"action\": \"update_candidate\", \"payload\": []}",
	    "payload must be an object");
	refused("{\"action\": \"update_candidate\", \"payload\": {}}",
	    "payload.candidate is missing");
	refused("{\"action\": \"candidate_stage_change\", \"payload\":"
	    " {\"application\": {\"id\": 5}}}",
	    "payload.application.candidate is missing");
	refused("{\"action\": \"delete_candidate\", \"payload\":"
	    " {\"person\": {}}}", "payload.person.id");
	refused("{\"action\": \"job_post_updated\", \"payload\": {}}",
	    "job_post.id is missing");
}

static void
test_refused_fields(void **state)
{
	struct buf	 b = BUF_INIT;
	int		 i;

	(void)state;
	refused("{\"action\": \"update_candidate\", \"payload\": {\"candidate\":"
	    " {\"id\": \"7\"}}}", "candidate.id must be an integer id");
	refused("{\"action\": \"update_candidate\", \"payload\": {\"candidate\":"
	    " {\"id\": -7}}}", "candidate.id must be a positive id");
	refused("{\"action\": \"update_candidate\", \"payload\": {\"candidate\":"
	    " {\"id\": 7, \"first_name\": 5}}}",
	    "candidate.first_name must be a string");
	refused("{\"action\": \"update_candidate\", \"payload\": {\"candidate\":"
	    " {\"id\": 7, \"updated_at\": \"yesterday\"}}}",
	    "candidate.updated_at must be an ISO-8601 time");
	refused("{\"action\": \"update_candidate\", \"payload\": {\"candidate\":"
	    " {\"id\": 7, \"email_addresses\": {}}}}",
	    "candidate.email_addresses must be an array");
	refused("{\"action\": \"delete_candidate\", \"payload\": {\"person\":"
	    " {\"id\": 7, \"deleted_application_ids\": [\"x\"]}}}",
	    "must hold ids");
	buf_adds(&b, "{\"action\": \"update_candidate\", \"payload\":"
	    " {\"candidate\": {\"id\": 7, \"last_name\": \"");
	for (i = 0; i < 201; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\"}}}");
	refused(b.ptr, "candidate.last_name is too long");
	buf_release(&b);
}

/* ------------------------------------------------------------ Harvest */

static void
test_harvest_candidates(void **state)
{
	struct json_object	*doc, *one;
	struct person_rec	 rec;
	struct buf		 why = BUF_INIT;
	enum gh_hint		 hint;

	(void)state;
	doc = load("harvest/get_candidates.json");
	assert_non_null(gh_list_items(doc));
	one = json_object_array_get_idx(doc, 0);
	assert_int_equal(gh_map_candidate(one, GH_SHAPE_V1, &rec, &hint,
	    &why), 0);
	assert_int_equal(rec.greenhouse_id, 53883394);
	assert_string_equal(rec.kind, "candidate");	/* one real app */
	assert_string_equal(rec.gh_updated_at, "2017-09-28T12:29:30.497Z");
	/* keyed_custom_fields: the same shape as in webhooks */
	assert_non_null(strstr(rec.custom_fields_json, "\"name\""));
	assert_null(rec.owner_email);		/* Harvest gives no email */
	assert_non_null(rec.gh_recruiter_json);
	json_object_put(doc);
	doc = load("harvest/get_candidate.json");
	assert_int_equal(gh_map_candidate(doc, GH_SHAPE_V1, &rec, &hint,
	    &why), 0);
	assert_int_equal(rec.nemails, 2);
	json_object_put(doc);
	doc = load("harvest/post_prospects.response.json");
	assert_int_equal(gh_map_candidate(doc, GH_SHAPE_V1, &rec, &hint,
	    &why), 0);
	assert_string_equal(rec.kind, "prospect");
	json_object_put(doc);
	doc = load("harvest/patch_candidate.response.json");
	assert_int_equal(gh_map_candidate(json_object_array_get_idx(doc, 0),
	    GH_SHAPE_V1, &rec, &hint, &why), 0);
	json_object_put(doc);
	buf_release(&why);
}

static void
test_harvest_applications(void **state)
{
	struct json_object	*doc, *apps;
	struct gh_application	 a;
	struct buf		 why = BUF_INIT;
	bool			 found;

	(void)state;
	doc = load("harvest/get_candidates.json");
	assert_int_equal(jsonx_arr(json_object_array_get_idx(doc, 0),
	    "applications", &apps, &found), 0);
	assert_int_equal(gh_map_application(json_object_array_get_idx(apps,
	    0), GH_SHAPE_V1, &a, &why), 0);
	assert_int_equal(a.gh_id, 69103370);
	assert_true(a.prospect);
	assert_int_equal(a.job_gh_ids[0], 87752);
	assert_string_equal(a.source_name, "LinkedIn (Prospecting)");
	assert_string_equal(a.updated_at, a.last_activity_at);
	assert_int_equal(gh_map_application(json_object_array_get_idx(apps,
	    1), GH_SHAPE_V1, &a, &why), 0);
	assert_string_equal(a.stage_name, "Face to Face");
	json_object_put(doc);
	buf_release(&why);
}

static void
test_harvest_jobs_and_posts(void **state)
{
	struct json_object	*doc;
	struct gh_job		 j;
	struct gh_job_post	 p;
	struct buf		 why = BUF_INIT;

	(void)state;
	doc = load("harvest/get_jobs.json");
	assert_int_equal(gh_map_job(json_object_array_get_idx(doc, 0),
	    GH_SHAPE_V1, &j, &why), 0);
	assert_int_equal(j.gh_id, 6404);
	assert_string_equal(j.name, "Archaeologist");
	assert_string_equal(j.status, "closed");
	assert_string_equal(j.updated_at, "2013-12-12T14:42:58Z");
	assert_non_null(strstr(j.departments_json, "Second-Level"));
	json_object_put(doc);
	doc = load("harvest/get_job_posts.json");
	assert_int_equal(gh_map_job_post(json_object_array_get_idx(doc, 0),
	    GH_SHAPE_V1, &p, &why), 0);
	assert_int_equal(p.gh_id, 123);
	assert_int_equal(p.job_gh_id, 1234);
	assert_string_equal(p.location, "New York, NY");	/* {name} */
	assert_true(p.live);
	assert_true(p.internal);
	assert_false(p.external);
	json_object_put(doc);
	buf_release(&why);
}

static void
test_harvest_interviews(void **state)
{
	static const char *const files[] = {
		"harvest/get_scheduled_interviews.json",
		"harvest/get_application_scheduled_interviews.json",
	};
	struct json_object	*doc;
	struct gh_interview	 iv;
	struct buf		 why = BUF_INIT;
	size_t			 f;

	(void)state;
	for (f = 0; f < 2; f++) {
		doc = load(files[f]);
		assert_int_equal(gh_map_interview(json_object_array_get_idx(doc,
		    0), GH_SHAPE_V1, &iv, &why), 0);
		assert_int_equal(iv.gh_id, 9128481);
		assert_int_equal(iv.application_gh_id, 4684156);
		assert_string_equal(iv.start, "2014-03-26T22:15:00.000Z");
		assert_false(iv.all_day);
		assert_string_equal(iv.name, "Culture Fit");
		assert_string_equal(iv.location, "Big Conference Room");
		assert_int_equal(gh_map_interview(json_object_array_get_idx(doc,
		    1), GH_SHAPE_V1, &iv, &why), 0);
		assert_true(iv.all_day);
		assert_string_equal(iv.start, "2017-08-22");
		assert_string_equal(iv.end, "2017-08-23");
		json_object_put(doc);
	}
	buf_release(&why);
}

/* ------------------------------------------------------------ consent */

static enum gh_hint
hint_of(const char *json)
{
	struct json_object	*o = jsonx_parse(json, strlen(json), NULL);
	enum gh_hint		 h;

	assert_non_null(o);
	h = gh_consent_hint(o);
	json_object_put(o);
	return h;
}

static void
test_consent_hint(void **state)
{
	(void)state;
	assert_int_equal(hint_of("{}"), GH_HINT_NONE);
	assert_int_equal(hint_of("{\"sms_consent_given\": {\"name\": \"SMS\","
	    " \"type\": \"single_select\", \"value\": \"Yes\"}}"), GH_HINT_YES);
	assert_int_equal(hint_of("{\"sms_consent_given\": {\"value\": \"no\"}}"),
	    GH_HINT_NO);
	assert_int_equal(hint_of("{\"sms_consent_given\": {\"type\":"
	    " \"boolean\", \"value\": true}}"), GH_HINT_YES);
	assert_int_equal(hint_of("{\"sms_consent_given\": false}"), GH_HINT_NO);
	assert_int_equal(hint_of("{\"sms_consent_given\": {\"value\": null}}"),
	    GH_HINT_NONE);
	assert_int_equal(hint_of("{\"sms_consent_given\": {\"value\": 3}}"),
	    GH_HINT_NONE);
	assert_int_equal(hint_of("{\"sms_consent_given\": \"maybe\"}"),
	    GH_HINT_NONE);
}

static void
test_write_bodies(void **state)
{
	struct json_object	*o;
	struct person_rec	 p;

	(void)state;
	o = gh_consent_patch(true);
	assert_string_equal(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN), "{\"custom_fields\":[{\"name_key\":"
	    "\"sms_consent_given\",\"value\":\"Yes\"}]}");
	json_object_put(o);
	o = gh_consent_patch(false);
	assert_non_null(strstr(json_object_to_json_string(o), "\"No\""));
	json_object_put(o);
	memset(&p, 0, sizeof(p));
	p.first_name = "Ada";
	p.last_name = "Lovelace";
	p.emails[p.nemails++] = (struct person_email){ "ada@example.com", NULL };
	p.phones[p.nphones++] = (struct person_phone){ "+12025550146", "mobile" };
	o = gh_prospect_body(&p);
	assert_string_equal(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE),
	    "{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\","
	    "\"email_addresses\":[{\"value\":\"ada@example.com\",\"type\":"
	    "\"personal\"}],\"phone_numbers\":[{\"value\":\"+12025550146\","
	    "\"type\":\"mobile\"}]}");
	json_object_put(o);
}

static void
test_list_items(void **state)
{
	struct json_object	*o;

	(void)state;
	o = jsonx_parse("[1]", 3, NULL);
	assert_ptr_equal(gh_list_items(o), o);
	json_object_put(o);
	o = jsonx_parse("{\"meta\": 1, \"data\": [1, 2]}", 27, NULL);
	assert_non_null(o);
	assert_int_equal(json_object_array_length(gh_list_items(o)), 2);
	json_object_put(o);
	o = jsonx_parse("{\"message\": \"nope\"}", 19, NULL);
	assert_null(gh_list_items(o));
	json_object_put(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_candidate_stage_change),
		cmocka_unit_test(test_new_candidate_application),
		cmocka_unit_test(test_new_prospect_application),
		cmocka_unit_test(test_update_candidate),
		cmocka_unit_test(test_deletes),
		cmocka_unit_test(test_job_posts),
		cmocka_unit_test(test_ping_and_unknown),
		cmocka_unit_test(test_refused_envelopes),
		cmocka_unit_test(test_refused_fields),
		cmocka_unit_test(test_harvest_candidates),
		cmocka_unit_test(test_harvest_applications),
		cmocka_unit_test(test_harvest_jobs_and_posts),
		cmocka_unit_test(test_harvest_interviews),
		cmocka_unit_test(test_consent_hint),
		cmocka_unit_test(test_write_bodies),
		cmocka_unit_test(test_list_items),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
