/*
 * settings.c - a recruiter's notification settings: GET /settings and
 * POST /settings (one checkbox per event and channel: "EVENT.crm",
 * "EVENT.email", "EVENT.sms").
 *
 * Owns: templates/settings.tpl's keys.
 * Not here: the events and their delivery (src/notify.c).
 */
#include "crm.h"

#include "buf.h"
#include "notify.h"
#include "tmpl.h"
#include "view.h"
#include "banned.h"

static const char *const channels[NOTIFY_CHANNEL__MAX] = {
	[NOTIFY_CRM] = "crm",
	[NOTIFY_EMAIL] = "email",
	[NOTIFY_SMS] = "sms",
};

static const char *const channel_keys[NOTIFY_CHANNEL__MAX] = {
	[NOTIFY_CRM] = "CRM_ON",
	[NOTIFY_EMAIL] = "EMAIL_ON",
	[NOTIFY_SMS] = "SMS_ON",
};

int
crm_settings(struct req *r, struct resp *s)
{
	const struct view	 v = { .title = "Notification settings",
	    .tpl = "settings.tpl", .nav = "dashboard",
	    .flash = crm_done_text(r) };
	struct notify_prefs	 np;
	struct tmpl_dict	*d, *row;
	int			 e, c, rc;

	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    notify_prefs_get(r->db, r->auth.user_id, &np) == -1 ||
	    db_commit(r->db) == -1)
		return -1;
	d = tmpl_dict_new();
	for (e = 0; e < NOTIFY__MAX; e++) {
		row = tmpl_section_add(d, "EVENTS");
		tmpl_set(row, "EVENT", notify_event_name(e));
		tmpl_set(row, "EVENT_LABEL", notify_event_label(e));
		for (c = 0; c < NOTIFY_CHANNEL__MAX; c++)
			if (np.on[e][c])
				tmpl_section_show(row, channel_keys[c]);
	}
	rc = view_page(r, s, 200, &v, d);
	tmpl_dict_free(d);
	return rc;
}

int
crm_settings_save(struct req *r, struct resp *s)
{
	struct notify_prefs	 np;
	struct buf		 key = BUF_INIT;
	int			 e, c, rc = 0;

	/* A checkbox that is not ticked is not sent: absent means off. */
	for (e = 0; e < NOTIFY__MAX; e++)
		for (c = 0; c < NOTIFY_CHANNEL__MAX; c++) {
			buf_reset(&key);
			buf_addf(&key, "%s.%s", notify_event_name(e),
			    channels[c]);
			np.on[e][c] = kvlist_get(&r->form, key.ptr) != NULL;
		}
	if (db_begin_tenant(r->db, r->auth.tenant_id) == -1 ||
	    notify_prefs_set(r->db, r->auth.user_id, &np) == -1 ||
	    db_commit(r->db) == -1)
		rc = -1;
	else
		resp_redirect(s, "/settings?done=saved");
	buf_release(&key);
	return rc;
}
