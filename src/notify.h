/*
 * notify.h - telling recruiters that something happened to a person they
 * care about, in the CRM, by email or by SMS, as each of them chose.
 *
 * Owns: the events (NOTIFY_OPTIN "Candidate opts in for SMS" first), the
 * notifications and notification_settings tables of sql/004_crm.sql, who
 * is concerned (notify_recipients(): the person's owner, whoever pinned
 * them, the owners and pinners of their pools, the pinners of the
 * requisitions they applied to), queueing the email ("mail.send") and the
 * SMS ("notify.sms", delivered by notify_deliver_sms()).
 * Not here: when an event happens (consent.c fires NOTIFY_OPTIN), pages.
 * Calls run in the caller's open tenant transaction unless said
 * otherwise; lists own their rows: notify_list_release().
 */
#ifndef LOOP_NOTIFY_H
#define LOOP_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "db.h"
#include "outbox.h"

enum notify_event {
	NOTIFY_OPTIN,		/* a candidate opted in for SMS */
	NOTIFY__MAX
};

enum notify_channel {
	NOTIFY_CRM,		/* the dashboard's list */
	NOTIFY_EMAIL,		/* to the recruiter's login address */
	NOTIFY_SMS,		/* to the recruiter's phone (users.phone) */
	NOTIFY_CHANNEL__MAX
};

/* "sms_optin": the name stored in the tables. */
const char	*notify_event_name(enum notify_event);
/* "Candidate opts in for SMS": the name a recruiter reads. */
const char	*notify_event_label(enum notify_event);

/*
 * Tells everyone concerned with person about ev on the channels each
 * chose (no settings row: the CRM only). ref (may be NULL) makes it
 * idempotent: the same ev, person and ref notify nobody twice (pass the
 * consent ledger row's id). *told (may be NULL) counts the recruiters
 * told. Returns 0, or -1 when the database fails.
 */
int	 notify_event(struct db *, int64_t person, enum notify_event ev,
	    const char *ref, int *told);

/* One recruiter's choice of channels for each event. */
struct notify_prefs {
	bool	 on[NOTIFY__MAX][NOTIFY_CHANNEL__MAX];
};

/* user's choices (the defaults where unset). 0 or -1. */
int	 notify_prefs_get(struct db *, int64_t user, struct notify_prefs *);
/* Stores all of user's choices. 0 or -1. */
int	 notify_prefs_set(struct db *, int64_t user,
	    const struct notify_prefs *);

struct notify_item {
	int64_t		 id;
	const char	*event;		/* notify_event_name() */
	int64_t		 person;	/* 0: none */
	const char	*message;
	const char	*created_at;	/* "YYYY-MM-DD HH:MM UTC" */
	bool		 unread;
};

struct notify_list {
	struct notify_item	*v;
	size_t			 n;
	int64_t			 unread;	/* all of user's unread */
	struct db_rows		 rows;
};
#define NOTIFY_LIST_INIT { NULL, 0, 0, DB_ROWS_INIT }

/* user's newest notifications (at most limit) and unread count. */
int	 notify_list(struct db *, int64_t user, int limit,
	    struct notify_list *out);
void	 notify_list_release(struct notify_list *);

/* Marks all of user's notifications read. 0 or -1. */
int	 notify_mark_read(struct db *, int64_t user);

/*
 * The outbox handler of "notify.sms" (payload {"to", "body"}): sends
 * with the tenant's SMS account. For loop-cron's handler table.
 */
int	 notify_deliver_sms(struct db *, const struct outbox_item *,
	    struct json_object **result, struct buf *error, bool *permanent);

#endif
