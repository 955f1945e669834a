/*
 * wording.h - every sentence Loop says to a candidate about texts, in one
 * place: the consent wording of the opt-in page (versioned: the ledger
 * records which version a person agreed to), the opt-in request, the
 * code, the confirmations after STOP and START, the HELP answer and the
 * opt-in email.
 *
 * Owns: the tenant's brand as candidates see it (brand_name, else the
 * tenant's name), support_contact and help_text, and the texts built from
 * them (CTIA: brand, purpose, frequency, "Msg & data rates may apply",
 * HELP and STOP; the opt-out confirmation carries no marketing).
 * Not here: HTML (templates/optin*.tpl, mail_optin.tpl), sending.
 * Texts are appended to the caller's buf; nothing else is allocated.
 */
#ifndef LOOP_WORDING_H
#define LOOP_WORDING_H

#include "buf.h"
#include "db.h"

/* Bump when the consent wording changes: the ledger keeps the version. */
#define WORDING_CONSENT_VERSION	"2025-01"

/* The tenant's face towards candidates; strings owned by the struct. */
struct wording_brand {
	struct buf	 name;		/* brand_name, else the tenant's name */
	struct buf	 support;	/* support_contact, may be "" */
	struct buf	 help;		/* help_text, may be "" */
	struct buf	 color;		/* brand_color, may be "" */
	struct buf	 logo;		/* brand_logo_url, may be "" */
};

/* Reads the brand of the current transaction's tenant. */
int	 wording_brand_load(struct db *, int64_t tenant,
	    struct wording_brand *);
void	 wording_brand_release(struct wording_brand *);

/* The consent wording the opt-in page shows and the ledger keeps. */
void	 wording_consent(const struct wording_brand *, struct buf *out);
/* The text that carries an opt-in link. */
void	 wording_optin_request(const struct wording_brand *, const char *link,
	    struct buf *out);
/* The verification code text. */
void	 wording_code(const struct wording_brand *, const char *code,
	    struct buf *out);
/* The single confirmation after an opt-out. */
void	 wording_optout_confirmation(const struct wording_brand *,
	    struct buf *out);
/* The confirmation after an opt-in (keyword or page). */
void	 wording_optin_confirmation(const struct wording_brand *,
	    struct buf *out);
/* The answer to HELP. */
void	 wording_help(const struct wording_brand *, struct buf *out);

#endif
