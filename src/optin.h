/*
 * optin.h - asking for SMS consent: personal opt-in links, the requests
 * that carry them (text and email), the automatic opt-in email, and the
 * six-digit codes of the branded page that turn a link into consent.
 *
 * Owns: the optin_tokens and optin_codes tables of sql/005_consent.sql:
 * tokens of 192 random bits kept only as SHA-256, bound to one person,
 * expiring after OPTIN_TOKEN_DAYS; codes hashed with their token's hash,
 * valid ten minutes, OPTIN_CODE_TRIES tries, OPTIN_CODES_PER_HOUR an hour
 * per person and per number; one request per person a day; the consent
 * change (source optin_page, with address, user agent, wording and its
 * version) when the right code comes back.
 * optin.c makes links and asks; optin_code.c serves the page side.
 * Not here: the pages (cgi-bin/public/optin.c, cgi-bin/crm/consent.c),
 * the rules for texting (consent.c), sending (message.c, mail.c).
 * Everything runs in the caller's tenant transaction except
 * optin_link_open(), which begins it. Reasons are static strings.
 */
#ifndef LOOP_OPTIN_H
#define LOOP_OPTIN_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "consent.h"
#include "db.h"

#define OPTIN_TOKEN_BYTES	24
#define OPTIN_TOKEN_CHARS	32	/* base64url of OPTIN_TOKEN_BYTES */
#define OPTIN_TOKEN_DAYS	14
#define OPTIN_CODE_TRIES	5
#define OPTIN_CODES_PER_HOUR	3

enum optin_purpose {
	OPTIN_REQUEST,		/* Send Form > SMS Opt In */
	OPTIN_CHAT,		/* Messaging > SMS Consent: a link to paste */
	OPTIN_AUTO_EMAIL,	/* the tenant's auto_optin_email */
	OPTIN__MAX
};

/* What a Send Form request did. */
struct optin_sent {
	bool		 sms;		/* a text was queued */
	bool		 email;		/* an email was queued */
	const char	*reason;	/* why nothing (or no text) went */
};

/*
 * Send Form > SMS Opt In for person by recruiter user: at most one a day;
 * not when consent is granted or revoked. Texts the link when the number
 * may get an opt-in request, emails it when the person has an email, and
 * marks consent requested. *found false when no such person.
 */
int	 optin_request(struct db *, int64_t tenant, int64_t person,
	    int64_t user, struct optin_sent *out, bool *found);

/*
 * Messaging > SMS Consent: a new link for the chat box, appended to text
 * (the whole sentence, ready to send); the same daily limit. *reason set
 * (text untouched) when refused; *found false when no such person.
 */
int	 optin_chat_text(struct db *, int64_t tenant, int64_t person,
	    int64_t user, struct buf *text, const char **reason, bool *found);

/* Consent none becomes requested: a request (note says which) went out. */
int	 optin_mark_requested(struct db *, int64_t person, int64_t user,
	    const char *note);

/*
 * True (*yes) when text carries one of person's own open opt-in links (a
 * chat made from Messaging > SMS Consent): such a text is an opt-in
 * request, not a chat, for consent_may_send().
 */
int	 optin_link_in_text(struct db *, int64_t person, const char *text,
	    bool *yes);

/*
 * The automatic opt-in email for a person who just arrived (Greenhouse
 * webhook or sync, Add Person, upload): sent once, only when the tenant's
 * auto_optin_email is "yes", the person has an email and their consent is
 * none. Call it after person_save() in the same transaction; tenant 0
 * means the transaction's own tenant.
 */
int	 optin_auto_email(struct db *, int64_t tenant, int64_t person);
/*
 * Whether tenant's auto_optin_email is "yes", for callers that decide
 * once whether to offer optin_auto_email() at all. 0 or -1.
 */
int	 optin_auto_enabled(struct db *, int64_t tenant, bool *yes);

/* An opt-in link as the public page sees it; strings owned. */
struct optin_link {
	int64_t		 tenant, id, person;
	bool		 found, expired, used;
	char		 hash[65];	/* the token's SHA-256 */
	char		 phone[17];	/* the person's SMS number, or "" */
	struct buf	 first_name;
	struct buf	 code_phone;	/* the number of the newest code */
};

/*
 * Finds token and begins its tenant's transaction (left open when found;
 * none otherwise). -1 only when the database fails.
 */
int	 optin_link_open(struct db *, const char *token, struct optin_link *);
void	 optin_link_release(struct optin_link *);

/*
 * Texts a new code to phone (E.164) for the link, after checking that the
 * number may get one (consent_may_send) and the hourly limits (v->code
 * "rate"). v->ok false when refused; -1 only when the database fails.
 */
int	 optin_code_send(struct db *, const struct optin_link *,
	    const char *phone, struct consent_verdict *v);

enum optin_check {
	OPTIN_CODE_OK,		/* consent granted */
	OPTIN_CODE_WRONG,	/* *left tries remain */
	OPTIN_CODE_LOCKED,	/* five wrong tries: ask for a new code */
	OPTIN_CODE_EXPIRED,	/* older than ten minutes */
	OPTIN_CODE_NONE,	/* no code was asked for */
	OPTIN_CODE__MAX
};

/* Who confirmed: evidence for the ledger. Borrowed. */
struct optin_who {
	const char	*client_addr;
	const char	*user_agent;
};

/*
 * Checks code against the newest code of the link. The right one grants
 * consent for its number (added to the person as their mobile when new),
 * marks code and link used and queues the confirmation text.
 */
int	 optin_code_check(struct db *, const struct optin_link *,
	    const char *code, const struct optin_who *, enum optin_check *,
	    int *left);

#endif
