/*
 * crm.h - loop-crm's handlers, one page group per file.
 */
#ifndef LOOP_CRM_H
#define LOOP_CRM_H

#include "app.h"

extern const struct route	crm_routes[];
extern const size_t		crm_nroutes;

/* login.c */
int	 crm_login_form(struct req *, struct resp *);
int	 crm_login(struct req *, struct resp *);
int	 crm_logout(struct req *, struct resp *);
int	 api_login(struct req *, struct resp *);
/* dashboard.c */
int	 crm_dashboard(struct req *, struct resp *);
/* account.c */
int	 crm_account(struct req *, struct resp *);
int	 crm_notes_read(struct req *, struct resp *);
/* jobs.c: requisitions */
int	 crm_jobs(struct req *, struct resp *);
int	 crm_job(struct req *, struct resp *);
/* settings.c: notification settings */
int	 crm_settings(struct req *, struct resp *);
int	 crm_settings_save(struct req *, struct resp *);
/* api_me.c */
int	 api_me(struct req *, struct resp *);
int	 api_users(struct req *, struct resp *);
/* people.c, people_view.c, people_add.c: the People pages */
int	 crm_people(struct req *, struct resp *);
int	 crm_person(struct req *, struct resp *);
int	 crm_person_new(struct req *, struct resp *);
int	 crm_person_add(struct req *, struct resp *);
/* people_upload.c */
int	 crm_upload_form(struct req *, struct resp *);
int	 crm_upload(struct req *, struct resp *);
/* pools.c */
int	 crm_pools(struct req *, struct resp *);
int	 crm_pool(struct req *, struct resp *);
int	 crm_pool_create(struct req *, struct resp *);
int	 crm_pool_delete(struct req *, struct resp *);
int	 crm_pool_remove(struct req *, struct resp *);
int	 crm_person_pools(struct req *, struct resp *);
/* pins.c: POST .../pin with pin=yes|no */
int	 crm_person_pin(struct req *, struct resp *);
int	 crm_pool_pin(struct req *, struct resp *);
int	 crm_job_pin(struct req *, struct resp *);
/* flash.c: the confirmation for ?done=KEY, or NULL */
const char	*crm_done_text(const struct req *);

/* consent.c: a message status as a recruiter reads it; sent: the
 * provider has it ("not delivered" for undelivered and failed). */
const char	*crm_status_label(const char *status, bool sent);
/* chats.c */
int	 crm_chats(struct req *, struct resp *);

/* detail.c: a page of one pool or requisition, paged by ?cursor=. */
struct tmpl_dict;
struct buf;
typedef int (*crm_detail_fill)(struct req *, int64_t id, int64_t cursor,
	    struct tmpl_dict *, struct buf *title, bool *found);
int	 crm_detail_page(struct req *, struct resp *, const char *tpl,
	    const char *nav, const char *missing, crm_detail_fill);
/* api_people.c */
int	 api_people(struct req *, struct resp *);
int	 api_person(struct req *, struct resp *);
int	 api_person_add(struct req *, struct resp *);
/* api_messages.c: a person's texts (the consent issue) */
int	 api_messages(struct req *, struct resp *);
int	 api_message_send(struct req *, struct resp *);
/* consent.c: the Messaging menu, the chat page, flags (consent issue) */
int	 crm_chat(struct req *, struct resp *);
int	 crm_chat_send(struct req *, struct resp *);
int	 crm_optin_send(struct req *, struct resp *);
int	 crm_optin_link(struct req *, struct resp *);
int	 crm_flag_settle(struct req *, struct resp *);
struct tmpl_dict;
/*
 * Includes person_messaging.tpl as {{>MESSAGING}} in parent: the consent
 * icon and the Messaging menu for person. Call it inside the request's
 * tenant transaction.
 */
int	 crm_messaging_panel(struct req *, int64_t person,
	    struct tmpl_dict *parent);

#endif
