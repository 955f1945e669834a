/*
 * wording.c - what candidates read about texts.
 *
 * Owns: the brand lookup and the texts of wording.h. Keep each text short
 * (one SMS segment where it can be) and free of marketing.
 * Not here: sending (message.c), pages (templates/).
 * The brand's buffers are released by wording_brand_release().
 */
#include "wording.h"

#include <string.h>

#include "tenant.h"
#include "banned.h"

int
wording_brand_load(struct db *db, int64_t tenant, struct wording_brand *b)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	bool		 found = false, f;

	memset(b, 0, sizeof(*b));
	buf_init(&b->name);
	buf_init(&b->support);
	buf_init(&b->help);
	buf_init(&b->color);
	buf_init(&b->logo);
	if (tenant_get(db, tenant, "brand_name", &b->name, &found) == -1 ||
	    tenant_get(db, tenant, "support_contact", &b->support, &f) == -1 ||
	    tenant_get(db, tenant, "help_text", &b->help, &f) == -1 ||
	    tenant_get(db, tenant, "brand_color", &b->color, &f) == -1 ||
	    tenant_get(db, tenant, "brand_logo_url", &b->logo, &f) == -1)
		return -1;
	if (found && b->name.len > 0)
		return 0;
	if (db_exec(db, "SELECT name FROM tenants WHERE id = app_tenant()",
	    NULL, 0, &rows) == -1)
		return -1;
	buf_reset(&b->name);
	buf_adds(&b->name, rows.nrows == 1 ? db_str(&rows, 0, 0) : "Loop");
	db_rows_release(&rows);
	return 0;
}

void
wording_brand_release(struct wording_brand *b)
{
	buf_release(&b->name);
	buf_release(&b->support);
	buf_release(&b->help);
	buf_release(&b->color);
	buf_release(&b->logo);
}

void
wording_consent(const struct wording_brand *b, struct buf *out)
{
	buf_addf(out, "I agree to receive recruiting text messages from %s at "
	    "the mobile number above: interview scheduling, application "
	    "updates and messages from my recruiter. Message frequency "
	    "varies. Msg & data rates may apply. Reply HELP for help and STOP "
	    "to opt out at any time. Consent is not a condition of "
	    "employment.", b->name.ptr);
}

void
wording_optin_request(const struct wording_brand *b, const char *link,
    struct buf *out)
{
	buf_addf(out, "%s would like to text you about your application. To "
	    "agree, confirm your number here: %s", b->name.ptr, link);
}

void
wording_code(const struct wording_brand *b, const char *code,
    struct buf *out)
{
	buf_addf(out, "%s: your verification code is %s. It expires in 10 "
	    "minutes.", b->name.ptr, code);
}

void
wording_optout_confirmation(const struct wording_brand *b, struct buf *out)
{
	buf_addf(out, "%s: You are unsubscribed and will receive no more texts "
	    "from us. Reply START to resubscribe.", b->name.ptr);
}

void
wording_optin_confirmation(const struct wording_brand *b, struct buf *out)
{
	buf_addf(out, "%s: You are subscribed to recruiting texts. Msg "
	    "frequency varies. Msg & data rates may apply. Reply HELP for "
	    "help, STOP to opt out.", b->name.ptr);
}

void
wording_help(const struct wording_brand *b, struct buf *out)
{
	if (b->help.len > 0) {
		buf_add(out, b->help.ptr, b->help.len);
		if (strstr(b->help.ptr, "STOP") == NULL)
			buf_adds(out, " Reply STOP to opt out.");
		return;
	}
	buf_addf(out, "%s recruiting texts.", b->name.ptr);
	if (b->support.len > 0)
		buf_addf(out, " Help: %s.", b->support.ptr);
	buf_adds(out, " Msg & data rates may apply. Reply STOP to opt out.");
}
