/*
 * sms.h - a Twilio-compatible SMS provider: sending a text, reading its
 * answer, and checking the X-Twilio-Signature of what it posts to us.
 *
 * Owns: the Messages API call (POST {LOOP_SMS_API_URL}/2010-04-01/
 * Accounts/{sid}/Messages.json, Basic auth, form To/From/Body/
 * StatusCallback), mapping its 201 and its error bodies (by code only:
 * 21610 the recipient opted out, 21211 a bad number, ...) into struct
 * sms_result, and the signature over URL + sorted parameters (HMAC-SHA1,
 * base64, compared in constant time; ../shared/reference/sms.md §1).
 * Not here: whether a text may go (consent.c), queueing (message.c), the
 * webhooks (cgi-bin/hooks/sms.c).
 * Nothing returned needs freeing: results live in the caller's struct.
 */
#ifndef LOOP_SMS_H
#define LOOP_SMS_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct kvlist;

#define SMS_MAX_BODY		1600	/* characters the API takes */
#define SMS_ERR_OPTED_OUT	21610	/* recipient replied STOP */
#define SMS_ERR_BAD_TO		21211	/* not a valid 'To' number */

/* A tenant's provider account; strings borrowed. */
struct sms_account {
	const char	*sid;		/* AC... */
	const char	*token;		/* the auth token (secret) */
	const char	*from;		/* E.164 sender */
};

struct sms_result {
	int		 http_status;	/* 0: no answer at all */
	int		 error_code;	/* the provider's code; 0: none */
	bool		 retry;		/* transient: the outbox tries again */
	char		 sid[65];	/* the message sid, on success */
	char		 status[24];	/* "queued", "accepted", ... */
	char		 error[256];	/* for logs and the chat; no secrets */
};

/*
 * Sends body to the E.164 number to; status_url (may be NULL) receives
 * the delivery callbacks. Returns 0 when the provider took the message
 * (out->sid and out->status set), -1 otherwise with out->error_code,
 * out->error and out->retry describing why. Never logs the token.
 */
int	 sms_send(const struct sms_account *, const char *to, const char *body,
	    const char *status_url, struct sms_result *out);

/*
 * Reads the provider's answer (status and body) into out, as sms_send()
 * does: 0 for a 201 with a sid, -1 for anything else.
 */
int	 sms_parse_reply(int http_status, const char *body, size_t len,
	    struct sms_result *out);

/*
 * The X-Twilio-Signature of a form POST to url with params (each name and
 * value as decoded), keyed with token, appended to out (base64).
 */
void	 sms_signature(const char *url, const struct kvlist *params,
	    const char *token, struct buf *out);

/*
 * True when header is the signature of url + params under token. The URL
 * is also tried with its scheme's default port removed or added, as the
 * provider signs either way. Constant-time comparison.
 */
bool	 sms_signature_ok(const char *url, const struct kvlist *params,
	    const char *token, const char *header);

#endif
