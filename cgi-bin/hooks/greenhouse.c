/*
 * greenhouse.c - POST /hooks/greenhouse/{tenant}: Greenhouse webhooks.
 *
 * Owns: the HTTP side of a delivery: 404 for an unknown tenant, 401 for a
 * missing or wrong Signature (checked before a byte is parsed), 400 with
 * the reason, exactly 200 on success (Greenhouse retries anything else).
 * The 413 for bodies over 1 MB comes from the route's max_body (routes.c).
 * Not here: the event log and applying (src/gh_hook.c).
 */
#include "hooks.h"

#include <string.h>

#include <json-c/json.h>

#include "gh_hook.h"
#include "log.h"
#include "banned.h"

int
hooks_greenhouse(struct req *r, struct resp *s)
{
	struct buf		 secret = BUF_INIT;
	struct gh_reply		 reply;
	struct json_object	*o;
	const char		*slug = req_param(r, 0), *body;
	int64_t			 tenant = 0;
	bool			 found = false;
	int			 rc = -1;

	memset(&reply, 0, sizeof(reply));
	buf_init(&reply.why);
	body = r->body != NULL ? r->body : "";
	if (gh_hook_tenant(r->db, slug, &tenant, &secret, &found) == -1)
		goto out;
	rc = 0;
	if (!found) {
		resp_error(r, s, 404, "There is no such tenant.");
		goto out;
	}
	if (!gh_hook_verify(secret.ptr, secret.len,
	    req_env(r, "HTTP_SIGNATURE"), body, r->body_len)) {
		log_info("greenhouse %s: bad or missing signature from %s",
		    slug, r->remote_addr != NULL ? r->remote_addr : "?");
		resp_error(r, s, 401, "The Signature header is missing or "
		    "does not match the body.");
		goto out;
	}
	if (gh_hook_receive(r->db, tenant, req_env(r,
	    "HTTP_GREENHOUSE_EVENT_ID"), body, r->body_len, &reply) == -1) {
		rc = -1;	/* 503 while the database is down, else 500 */
		goto out;
	}
	if (reply.status != 200) {
		resp_error(r, s, reply.status, reply.why.ptr);
		goto out;
	}
	o = json_object_new_object();
	json_object_object_add(o, "outcome",
	    json_object_new_string(reply.outcome));
	resp_json(s, 200, o);
out:
	gh_reply_release(&reply);
	buf_release(&secret);
	return rc;
}
