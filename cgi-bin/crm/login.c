/*
 * login.c - signing in and out: the /login page, /logout, and
 * POST /api/v1/login for bearer tokens.
 */
#include "crm.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "api.h"
#include "auth.h"
#include "tmpl.h"
#include "val.h"
#include "view.h"
#include "banned.h"

#define SESSION_SECS	(12 * 3600)

enum { F_EMAIL, F_PASSWORD, F__MAX };
static const struct val_field login_fields[F__MAX] = {
	[F_EMAIL] =	{ "email", VAL_TEXT, VAL_REQUIRED, 254 },
	[F_PASSWORD] =	{ "password", VAL_PASSWORD, VAL_REQUIRED, 1024 },
};

static int
form(struct req *r, struct resp *s, int status, const char *email,
    const char *error)
{
	const struct view	 v = { .title = "Sign in to Loop",
	    .tpl = "login.tpl" };
	struct tmpl_dict	*d = tmpl_dict_new();
	struct view		 vv = v;
	char			 csrf[65];
	int			 rc;

	auth_login_csrf(r, s, csrf);
	vv.csrf = csrf;
	tmpl_set(d, "EMAIL", email);
	if (error != NULL)
		tmpl_set_shown(d, "ERROR", error);
	rc = view_page(r, s, status, &vv, d);
	tmpl_dict_free(d);
	return rc;
}

int
crm_login_form(struct req *r, struct resp *s)
{
	if (auth_from_cookie(r) == -1)
		return -1;
	if (r->auth.ok) {
		resp_redirect(s, "/");
		return 0;
	}
	return form(r, s, 200, "", NULL);
}

static void
throttled(struct resp *s, int wait)
{
	char	 secs[16];

	snprintf(secs, sizeof(secs), "%d", wait);
	resp_header(s, "Retry-After", secs);
}

int
crm_login(struct req *r, struct resp *s)
{
	struct val_value	 v[F__MAX];
	struct buf		 why = BUF_INIT, token = BUF_INIT;
	int			 wait = 0, rc = 0;

	if (val_form(&r->form, login_fields, F__MAX, v, &why) == -1) {
		rc = form(r, s, 400, "", why.ptr);
		goto out;
	}
	switch (auth_login(r, v[F_EMAIL].str, v[F_PASSWORD].str, false,
	    &token, &wait)) {
	case AUTH_OK:
		resp_cookie(s, AUTH_SESSION_COOKIE, token.ptr, SESSION_SECS,
		    true);
		resp_redirect(s, "/");
		break;
	case AUTH_BAD:
		rc = form(r, s, 401, v[F_EMAIL].str,
		    "That email and password do not match an account.");
		break;
	case AUTH_THROTTLED:
		throttled(s, wait);
		rc = form(r, s, 429, v[F_EMAIL].str, "Too many failed sign-ins."
		    " Wait a few minutes, then try again.");
		break;
	case AUTH_ERROR:
		rc = -1;
		break;
	}
out:
	buf_release(&why);
	buf_release(&token);
	return rc;
}

int
crm_logout(struct req *r, struct resp *s)
{
	if (auth_logout(r) == -1)
		return -1;
	resp_cookie(s, AUTH_SESSION_COOKIE, "", 0, true);
	resp_redirect(s, "/login");
	return 0;
}

int
api_login(struct req *r, struct resp *s)
{
	struct kvlist		 body = KVLIST_INIT;
	struct val_value	 v[F__MAX];
	struct buf		 why = BUF_INIT, token = BUF_INIT;
	struct json_object	*o;
	int			 wait = 0, rc = 0;

	if (api_body_form(r, s, &body) == -1)
		goto out;
	if (val_form(&body, login_fields, F__MAX, v, &why) == -1) {
		resp_error(r, s, 400, why.ptr);
		goto out;
	}
	switch (auth_login(r, v[F_EMAIL].str, v[F_PASSWORD].str, true,
	    &token, &wait)) {
	case AUTH_OK:
		o = json_object_new_object();
		json_object_object_add(o, "token",
		    json_object_new_string(token.ptr));
		resp_json(s, 200, o);
		break;
	case AUTH_BAD:
		resp_error(r, s, 401, "wrong email or password");
		break;
	case AUTH_THROTTLED:
		throttled(s, wait);
		resp_error(r, s, 429, "too many failed logins; retry later");
		break;
	case AUTH_ERROR:
		rc = -1;
		break;
	}
out:
	kvlist_release(&body);
	buf_release(&why);
	buf_release(&token);
	return rc;
}
