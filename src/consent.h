/*
 * consent.h - SMS consent: the one decision every sender asks, and every
 * change of consent with its evidence.
 *
 * Owns: consent_may_send() ("may this text go to this number now?", with
 * the reason when not), consent_change() (a ledger row, the cached state
 * on people, the Harvest write-back, the recruiters' notification), the
 * rules for consent arriving from Greenhouse, the suppression hashes of
 * 003 as they apply to sending and to an explicit opt-in, and the state
 * names of the JSON API.
 * Not here: keywords (keywords.c), queueing and sending texts
 * (message.c, sms.c), opt-in links and codes (optin.c).
 * Consent belongs to a phone number (sql/005_consent.sql). Every call
 * runs inside the caller's tenant transaction (db_begin_tenant()); nothing
 * here begins or commits. Reasons are static strings for people.
 */
#ifndef LOOP_CONSENT_H
#define LOOP_CONSENT_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"

enum consent_state {
	CONSENT_NONE,
	CONSENT_REQUESTED,
	CONSENT_GRANTED,
	CONSENT_REVOKED,
	CONSENT__MAX
};

enum consent_source {
	CONSENT_SRC_GREENHOUSE,		/* sms_consent_given custom field */
	CONSENT_SRC_OPTIN_PAGE,		/* code confirmed on /c/optin */
	CONSENT_SRC_KEYWORD,		/* STOP / START by text */
	CONSENT_SRC_RECRUITER,		/* a recruiter acted (request, flag) */
	CONSENT_SRC_IMPORT,		/* an upload said so */
	CONSENT_SRC_PROVIDER_ERROR,	/* the provider answered 21610 */
	CONSENT_SRC__MAX
};

/* What a text is; each kind has its own rule in consent_may_send(). */
enum consent_kind {
	CONSENT_KIND_AUTOMATED,		/* reminders, drips: need granted */
	CONSENT_KIND_CHAT,		/* a recruiter's text: granted, or the
					   tenant's require_chat_consent no */
	CONSENT_KIND_VERIFICATION,	/* the opt-in page's code */
	CONSENT_KIND_OPTIN_REQUEST,	/* a link asking for consent */
	CONSENT_KIND_OPTOUT_CONFIRMATION, /* the single one after STOP */
	CONSENT_KIND_HELP,		/* the answer to HELP */
	CONSENT_KIND__MAX
};

struct consent_verdict {
	bool			 ok;
	const char		*reason;	/* why not; NULL when ok */
	const char		*code;		/* the same as a short word:
						   "no_consent", "opted_out" */
	enum consent_state	 state;		/* of the number now */
	bool			 notice;	/* the first text to this
						   number: add CONSENT_NOTICE */
};

#define CONSENT_NOTICE	"Reply STOP to opt out."

/*
 * May a text of kind go to phone (E.164; NULL: person's SMS number) of
 * person (0: a number no person holds) now? Fills *v; returns 0, or -1
 * when the database fails. Revoked, or a suppressed number, refuses all
 * but the single opt-out confirmation; automated needs granted; chat
 * needs granted unless require_chat_consent is "no"; an opt-in request
 * goes at most once a day per person and not to one who granted.
 */
int	 consent_may_send(struct db *, int64_t person, const char *phone,
	    enum consent_kind, struct consent_verdict *v);

/* What consent_may_send() finds out about a number before it decides. */
struct consent_facts {
	bool			 has_phone;	/* an E.164 number to text */
	enum consent_state	 state;		/* of that number */
	bool			 suppressed;	/* 003's phone_suppressions */
	bool			 chat_needs_consent; /* require_chat_consent
						   is not "no" */
	bool			 confirmed;	/* an opt-out confirmation
						   went since the newest
						   revocation */
	bool			 first_text;	/* nothing went to it yet */
};

/* The rules alone, over facts already gathered (unit tests call it). */
void	 consent_decide(const struct consent_facts *, enum consent_kind,
	    struct consent_verdict *v);

/* Evidence of a change; every field may be NULL / 0. Borrowed. */
struct consent_evidence {
	const char	*client_addr;
	const char	*user_agent;
	const char	*wording;		/* the exact text shown */
	const char	*wording_version;
	const char	*message_sid;		/* inbound text that did it */
	const char	*message_body;
	const char	*event_id;		/* webhook event */
	const char	*evidence_at;		/* ISO-8601; NULL: now */
	const char	*note;
	int64_t		 user_id;		/* recruiter */
	int		 error_code;		/* provider's */
};

/*
 * Moves the consent of phone (NULL: person's SMS number, or the person
 * alone when they have none) to state: appends the ledger row, updates
 * people.sms_consent of everyone texted at that number, queues
 * "harvest.consent" for each with a Greenhouse id (granted: yes,
 * revoked: no; not when the change came from Greenhouse) and notifies
 * their recruiters. An explicit opt-in (keyword, opt-in page) lifts a
 * suppression of the number. *changed (may be NULL) is false when the
 * state was already that. Returns 0, or -1 when the database fails.
 */
int	 consent_change(struct db *, int64_t person, const char *phone,
	    enum consent_state, enum consent_source,
	    const struct consent_evidence *, bool *changed);

/*
 * What Greenhouse's sms_consent_given field says about person, from a
 * webhook (event_id) or a sync (NULL), with Greenhouse's updated_at as
 * the evidence time (NULL: now). yes grants; no revokes consent that is
 * granted. The newest evidence wins: a value older than the newest
 * ledger row of the number is ignored, and a revocation the person made
 * themselves (STOP, provider opt-out) is lifted only by the person.
 * Call it after person_save(), in the same transaction.
 */
int	 consent_from_greenhouse(struct db *, int64_t person, bool yes,
	    const char *updated_at, const char *event_id);

/* The state of phone (NULL: person's number), as consent_may_send sees. */
int	 consent_state(struct db *, int64_t person, const char *phone,
	    enum consent_state *out);

/* The person's SMS number into out (E.164); *found false without one. */
int	 consent_phone(struct db *, int64_t person, char out[17], bool *found);

const char		*consent_state_name(enum consent_state);
bool			 consent_state_parse(const char *,
			    enum consent_state *);
const char		*consent_source_name(enum consent_source);
const char		*consent_kind_name(enum consent_kind);

#endif
