/*
 * optin.c - the branded opt-in pages: /c/optin/{token} (the wording and
 * the number to confirm or correct), .../code (the six-digit code),
 * .../done (the confirmation).
 *
 * Owns: what a candidate sees at each step, in plain words, including
 * every refusal (an unknown, expired or used link is a friendly page, not
 * an error), and the redirects between the steps (POST, then 303).
 * Not here: links, codes and the grant (src/optin.c), texts
 * (src/wording.c), the layout and its CSP (pub.c).
 * Each handler opens the link's tenant transaction through
 * optin_link_open() and commits or rolls it back before answering.
 */
#include "public.h"

#include <string.h>

#include "message.h"
#include "optin.h"
#include "tmpl.h"
#include "val.h"
#include "wording.h"
#include "banned.h"

#define DEFAULT_CC	"1"	/* numbers typed without +: NANP */

/* The link of the path, its brand; answers itself when it is no good. */
struct step {
	struct optin_link	 link;
	struct wording_brand	 brand;
	bool			 usable;	/* open, not expired or used */
};

static void
step_release(struct req *r, struct step *st)
{
	db_rollback(r->db);
	optin_link_release(&st->link);
	wording_brand_release(&st->brand);
}

/* 0 with st->usable, or answered (usable false); -1 when the db fails. */
static int
step_open(struct req *r, struct resp *s, struct step *st)
{
	enum consent_state	 cs = CONSENT_NONE;

	memset(st, 0, sizeof(*st));
	if (optin_link_open(r->db, req_param(r, 0), &st->link) == -1)
		return -1;
	if (!st->link.found)
		return pub_message(r, s, 404, NULL, "This link does not work",
		    "We could not find this opt-in link.", "It may have been "
		    "cut short when it was copied. Ask your recruiter to send "
		    "you a new one.");
	if (wording_brand_load(r->db, st->link.tenant, &st->brand) == -1)
		return -1;
	if (st->link.used) {
		if (consent_state(r->db, st->link.person, NULL, &cs) == -1)
			return -1;
		return pub_message(r, s, 200, &st->brand, "Already confirmed",
		    cs == CONSENT_GRANTED ? "You are already subscribed to "
		    "texts from us." : "This link was already used.",
		    "Reply STOP to any of our texts to opt out, or HELP for "
		    "help.");
	}
	if (st->link.expired)
		return pub_message(r, s, 410, &st->brand, "This link has "
		    "expired", "Opt-in links are valid for 14 days.", "Ask "
		    "your recruiter to send you a new one.");
	st->usable = true;
	return 0;
}

/* The number form, with an error and the number as typed, if any. */
static int
form_page(struct req *r, struct resp *s, struct step *st, int status,
    const char *phone, const char *error)
{
	const struct pub_view	 v = { "Get texts about your application",
				    "optin.tpl", NULL, NULL };
	struct tmpl_dict	*d = tmpl_dict_new();
	struct buf		 wording = BUF_INIT, action = BUF_INIT;
	int			 rc;

	wording_consent(&st->brand, &wording);
	buf_addf(&action, "/c/optin/%s", req_param(r, 0));
	tmpl_set(d, "FIRST_NAME", st->link.first_name.len ?
	    st->link.first_name.ptr : "there");
	tmpl_set(d, "ACTION", action.ptr);
	tmpl_set(d, "PHONE", phone != NULL ? phone : st->link.phone);
	tmpl_set(d, "WORDING", wording.ptr);
	tmpl_set(d, "VERSION", WORDING_CONSENT_VERSION);
	tmpl_set_shown(d, "ERROR", error);
	if (st->brand.support.len > 0)
		tmpl_set_shown(d, "SUPPORT", st->brand.support.ptr);
	rc = pub_page(r, s, status, &v, &st->brand, d);
	tmpl_dict_free(d);
	buf_release(&wording);
	buf_release(&action);
	return rc;
}

int
pub_optin(struct req *r, struct resp *s)
{
	struct step	 st;
	int		 rc;

	if ((rc = step_open(r, s, &st)) == 0 && st.usable)
		rc = form_page(r, s, &st, 200, NULL, NULL);
	step_release(r, &st);
	return rc;
}

/* What a refusal means for the candidate (the reasons are recruiters'). */
static const char *
candidate_reason(const struct consent_verdict *v)
{
	if (v->code != NULL && strcmp(v->code, "opted_out") == 0)
		return "This number opted out of our texts. To get them again, "
		    "reply START to one of our texts.";
	if (v->code != NULL && strcmp(v->code, "rate") == 0)
		return v->reason;
	return "We cannot text this number. Check it and try again.";
}

static void
redirect_step(struct req *r, struct resp *s, const char *step)
{
	struct buf	 to = BUF_INIT;

	buf_addf(&to, "/c/optin/%s%s", req_param(r, 0), step);
	resp_redirect(s, to.ptr);
	buf_release(&to);
}

int
pub_optin_post(struct req *r, struct resp *s)
{
	struct step		 st;
	struct consent_verdict	 v;
	const char		*typed = kvlist_get(&r->form, "phone");
	const char		*agree = kvlist_get(&r->form, "agree");
	char			 e164[17];
	int			 rc;

	if ((rc = step_open(r, s, &st)) == -1 || !st.usable)
		goto out;
	if (typed == NULL || strlen(typed) > 40 ||
	    !val_phone_normalize(typed, DEFAULT_CC, e164))
		rc = form_page(r, s, &st, 422, typed, "Enter your mobile "
		    "number with its country code, like +1 415 555 0123.");
	else if (agree == NULL || strcmp(agree, "yes") != 0)
		rc = form_page(r, s, &st, 422, e164, "Tick the box to agree "
		    "to receive texts, or close this page if you do not.");
	else if ((rc = optin_code_send(r->db, &st.link, e164, &v)) == -1)
		goto out;
	else if (!v.ok)
		rc = form_page(r, s, &st, 422, e164, candidate_reason(&v));
	else if ((rc = db_commit(r->db)) == 0) {
		message_flush(r->db);	/* the code, while they wait */
		redirect_step(r, s, "/code");
	}
out:
	step_release(r, &st);
	return rc;
}

/* The code form; error NULL on the first showing. */
static int
code_page(struct req *r, struct resp *s, struct step *st, int status,
    const char *error, bool locked)
{
	const struct pub_view	 v = { "Enter your code", "optin_code.tpl",
				    NULL, NULL };
	struct tmpl_dict	*d = tmpl_dict_new();
	struct buf		 action = BUF_INIT, back = BUF_INIT;
	int			 rc;

	buf_addf(&action, "/c/optin/%s/code", req_param(r, 0));
	buf_addf(&back, "/c/optin/%s", req_param(r, 0));
	tmpl_set(d, "ACTION", action.ptr);
	tmpl_set(d, "BACK", back.ptr);
	tmpl_set(d, "PHONE", st->link.code_phone.ptr);
	tmpl_set_shown(d, "ERROR", error);
	if (!locked)
		tmpl_section_show(d, "FORM");
	rc = pub_page(r, s, status, &v, &st->brand, d);
	tmpl_dict_free(d);
	buf_release(&action);
	buf_release(&back);
	return rc;
}

int
pub_optin_code(struct req *r, struct resp *s)
{
	struct step	 st;
	int		 rc;

	if ((rc = step_open(r, s, &st)) == 0 && st.usable) {
		if (st.link.code_phone.len == 0)
			redirect_step(r, s, "");	/* no code asked yet */
		else
			rc = code_page(r, s, &st, 200, NULL, false);
	}
	step_release(r, &st);
	return rc;
}

int
pub_optin_code_post(struct req *r, struct resp *s)
{
	struct step		 st;
	struct optin_who	 who = { r->remote_addr, r->user_agent };
	struct buf		 msg = BUF_INIT;
	enum optin_check	 res;
	int			 left = 0, rc;

	if ((rc = step_open(r, s, &st)) == -1 || !st.usable)
		goto out;
	if ((rc = optin_code_check(r->db, &st.link, kvlist_get(&r->form,
	    "code"), &who, &res, &left)) == -1 || (rc = db_commit(r->db)) == -1)
		goto out;
	message_flush(r->db);
	switch (res) {
	case OPTIN_CODE_OK:
		redirect_step(r, s, "/done");
		break;
	case OPTIN_CODE_WRONG:
		buf_addf(&msg, "That code is not right. You have %d %s left.",
		    left, left == 1 ? "try" : "tries");
		rc = code_page(r, s, &st, 422, msg.ptr, false);
		break;
	case OPTIN_CODE_LOCKED:
		rc = code_page(r, s, &st, 422, "That was the last try for this "
		    "code. Ask for a new code below.", true);
		break;
	case OPTIN_CODE_EXPIRED:
		rc = code_page(r, s, &st, 422, "This code has expired (codes "
		    "last 10 minutes). Ask for a new code below.", true);
		break;
	default:
		redirect_step(r, s, "");
		break;
	}
out:
	buf_release(&msg);
	step_release(r, &st);
	return rc;
}

int
pub_optin_done(struct req *r, struct resp *s)
{
	struct step	 st;
	int		 rc;

	memset(&st, 0, sizeof(st));
	if (optin_link_open(r->db, req_param(r, 0), &st.link) == -1 ||
	    (st.link.found && wording_brand_load(r->db, st.link.tenant,
	    &st.brand) == -1))
		rc = -1;
	else if (st.link.found && st.link.used)
		rc = pub_message(r, s, 200, &st.brand, "You're subscribed",
		    "Thank you. You will now get texts about your application "
		    "from us.", "We sent you a confirmation text. Reply STOP "
		    "at any time to opt out, or HELP for help.");
	else {
		redirect_step(r, s, "");
		rc = 0;
	}
	step_release(r, &st);
	return rc;
}
