/*
 * message.h - texts to and from people: queueing one (after asking
 * consent), delivering it from the outbox, its delivery status, inbound
 * replies, and the chat as JSON.
 *
 * Owns: the messages table of sql/005_consent.sql and the outbox kind
 * "sms.send" (payload {"message_id"[, "body"]}); the single place a text
 * is queued, so that consent_may_send() is asked twice: when it is queued
 * and again when it goes (consent may have changed in between).
 * Not here: the rules (consent.c), the provider (sms.c), pages.
 * Queueing and reading run in the caller's tenant transaction; the
 * outbox handler opens its own. JSON handed back is the caller's.
 */
#ifndef LOOP_MESSAGE_H
#define LOOP_MESSAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "consent.h"
#include "db.h"
#include "outbox.h"

struct json_object;

enum message_kind {
	MESSAGE_CHAT,
	MESSAGE_AUTOMATED,
	MESSAGE_VERIFICATION,
	MESSAGE_OPTIN_REQUEST,
	MESSAGE_OPTOUT_CONFIRMATION,
	MESSAGE_OPTIN_CONFIRMATION,
	MESSAGE_HELP,
	MESSAGE__MAX
};

struct message_new {
	int64_t			 person;	/* 0: a number no one holds */
	const char		*to;		/* NULL: the person's number */
	enum message_kind	 kind;
	const char		*body;		/* what is sent */
	const char		*shown;		/* what the chat keeps (NULL:
						   body): codes stay out */
	int64_t			 user_id;	/* the recruiter; 0: Loop */
};

/*
 * Asks consent for m and, when it may go, stores the message and queues
 * its delivery. *v says yes or why not; *id (may be NULL) is the new
 * message, 0 when refused. Returns -1 only when the database fails.
 * The body must already be valid (message_body_ok()).
 */
int	 message_queue(struct db *, const struct message_new *m,
	    struct consent_verdict *v, int64_t *id);

/*
 * A recruiter's (user) chat text to person, as message_queue(); *found
 * false when the tenant has no such person (nothing queued).
 */
int	 message_chat(struct db *, int64_t person, int64_t user,
	    const char *body, struct consent_verdict *v, int64_t *id,
	    bool *found);

/* 1..1600 characters of text: true, or false with *why for a person. */
bool	 message_body_ok(const char *body, const char **why);

/*
 * Delivers at once the texts this process queued since the last flush.
 * Call it after the transaction that queued them committed (and outside
 * any transaction); rolled-back ones are simply not found. Their outbox
 * rows stay: loop-cron marks them done, or retries a failure.
 */
void	 message_flush(struct db *);

/* The outbox handler of "sms.send" (loop-cron's table). */
int	 message_deliver(struct db *, const struct outbox_item *,
	    struct json_object **result, struct buf *error, bool *permanent);

/*
 * A status callback: moves the message with provider sid forward (never
 * back), keeping error_code (0: none). A 21610 revokes consent of the
 * number. *found false when no message has that sid.
 */
int	 message_status(struct db *, const char *sid, const char *status,
	    int error_code, bool *found);

/* Stores an inbound text from phone (flagged: a suspected opt-out). */
int	 message_inbound(struct db *, int64_t person, const char *phone,
	    const char *body, const char *sid, bool flagged);

/*
 * The person's messages, oldest first (at most limit, the newest), as a
 * new array; *found false (and *out NULL) when there is no such person.
 */
int	 message_list_json(struct db *, int64_t person, int limit,
	    struct json_object **out, bool *found);
/* One message as the API shows it; *out NULL when not found. */
int	 message_get_json(struct db *, int64_t id, struct json_object **out);

/* Settles a flag: confirmed (revokes consent) or dismissed. */
int	 message_flag_settle(struct db *, int64_t id, int64_t user_id,
	    bool confirmed, bool *found);

const char	*message_kind_name(enum message_kind);

/*
 * Between message.c and message_send.c: the consent rule of a kind, a
 * kind's name read back, a provider status as one Loop keeps (unknown:
 * "accepted"), and a text to deliver at the next message_flush() (body:
 * the text when the row keeps another; copied).
 */
enum consent_kind message_consent_kind(enum message_kind);
bool		 message_kind_parse(const char *, enum message_kind *);
const char	*message_status_word(const char *);
void		 message_pending_add(int64_t tenant, int64_t id,
		    const char *body);

#endif
