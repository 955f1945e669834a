/*
 * mail.h - email through an SMTP relay: a text part and an HTML part,
 * always through the outbox.
 *
 * Owns: the outbox kind "mail.send" (payload {"to", "from_name",
 * "subject", "text", "html"}), the RFC 5322 message (multipart/alternative,
 * UTF-8, quoted-printable bodies, encoded-word subject and display name),
 * and libcurl's SMTP transfer to LOOP_SMTP_URL from LOOP_MAIL_FROM.
 * Not here: what an email says (optin.c, templates/mail_*.tpl).
 * Strings in struct mail_msg are borrowed.
 */
#ifndef LOOP_MAIL_H
#define LOOP_MAIL_H

#include <stdbool.h>

#include "buf.h"
#include "db.h"
#include "outbox.h"

struct mail_msg {
	const char	*to;		/* one address */
	const char	*from_name;	/* display name, may be NULL */
	const char	*subject;
	const char	*text;		/* text/plain part */
	const char	*html;		/* text/html part, may be NULL */
};

/* Queues m in the caller's transaction (dedupe_key may be NULL). */
int	 mail_queue(struct db *, const struct mail_msg *m,
	    const char *dedupe_key);

/*
 * The whole message, headers and body, with from as the sender address
 * and boundary between the parts, appended to out. Exposed for tests.
 */
void	 mail_build(const struct mail_msg *m, const char *from,
	    const char *boundary, struct buf *out);

/* The outbox handler of "mail.send" (loop-cron's table). */
int	 mail_deliver(struct db *, const struct outbox_item *,
	    struct json_object **result, struct buf *error, bool *permanent);

#endif
