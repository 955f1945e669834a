/*
 * test_consent.c - the rules of consent_may_send(), over gathered facts
 * (consent_decide()), one test per rule; the state names of the JSON API.
 *
 * Owns: who may be texted what: automated needs granted, chat needs it
 * unless the tenant said no, revoked and suppressed numbers get nothing
 * but one opt-out confirmation, the first text carries the notice once,
 * and every refusal names a reason.
 * The database side (the ledger, the cache, the write-back) is exercised
 * by tests/integration/t_consent.sh.
 */
#include "consent.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "banned.h"

static struct consent_facts
facts(enum consent_state st)
{
	struct consent_facts	 f;

	memset(&f, 0, sizeof(f));
	f.has_phone = true;
	f.state = st;
	f.chat_needs_consent = true;
	return f;
}

static void
yes(const struct consent_facts *f, enum consent_kind k)
{
	struct consent_verdict	 v;

	consent_decide(f, k, &v);
	if (!v.ok)
		fail_msg("%s to a %s number refused: %s", consent_kind_name(k),
		    consent_state_name(f->state), v.reason);
	assert_null(v.reason);
}

static void
no(const struct consent_facts *f, enum consent_kind k, const char *code)
{
	struct consent_verdict	 v;

	consent_decide(f, k, &v);
	if (v.ok)
		fail_msg("%s to a %s number allowed", consent_kind_name(k),
		    consent_state_name(f->state));
	assert_string_equal(v.code, code);
	assert_non_null(v.reason);
	assert_true(strlen(v.reason) > 10);
	assert_false(v.notice);
}

static void
automated_needs_granted(void **state)
{
	struct consent_facts	 f;

	(void)state;
	f = facts(CONSENT_GRANTED);
	yes(&f, CONSENT_KIND_AUTOMATED);
	f = facts(CONSENT_NONE);
	no(&f, CONSENT_KIND_AUTOMATED, "no_consent");
	f = facts(CONSENT_REQUESTED);
	no(&f, CONSENT_KIND_AUTOMATED, "no_consent");
}

static void
chat_needs_granted_by_default(void **state)
{
	struct consent_facts	 f;

	(void)state;
	f = facts(CONSENT_GRANTED);
	yes(&f, CONSENT_KIND_CHAT);
	f = facts(CONSENT_NONE);
	no(&f, CONSENT_KIND_CHAT, "no_consent");
	f = facts(CONSENT_REQUESTED);
	no(&f, CONSENT_KIND_CHAT, "no_consent");
}

static void
chat_without_consent_when_tenant_says_no(void **state)
{
	struct consent_facts	 f;

	(void)state;
	f = facts(CONSENT_NONE);
	f.chat_needs_consent = false;
	yes(&f, CONSENT_KIND_CHAT);
	no(&f, CONSENT_KIND_AUTOMATED, "no_consent");	/* still needs it */
	f = facts(CONSENT_REVOKED);
	f.chat_needs_consent = false;
	no(&f, CONSENT_KIND_CHAT, "opted_out");		/* never after STOP */
}

static void
revoked_blocks_everything(void **state)
{
	struct consent_facts	 f = facts(CONSENT_REVOKED);
	enum consent_kind	 k;

	(void)state;
	for (k = 0; k < CONSENT_KIND__MAX; k++)
		if (k != CONSENT_KIND_OPTOUT_CONFIRMATION)
			no(&f, k, "opted_out");
}

static void
one_optout_confirmation(void **state)
{
	struct consent_facts	 f = facts(CONSENT_REVOKED);

	(void)state;
	yes(&f, CONSENT_KIND_OPTOUT_CONFIRMATION);
	f.confirmed = true;
	no(&f, CONSENT_KIND_OPTOUT_CONFIRMATION, "confirmed");
	f = facts(CONSENT_GRANTED);
	no(&f, CONSENT_KIND_OPTOUT_CONFIRMATION, "not_revoked");
}

static void
suppressed_number_blocks(void **state)
{
	struct consent_facts	 f = facts(CONSENT_GRANTED);

	(void)state;
	f.suppressed = true;
	no(&f, CONSENT_KIND_AUTOMATED, "opted_out");
	no(&f, CONSENT_KIND_CHAT, "opted_out");
	no(&f, CONSENT_KIND_VERIFICATION, "opted_out");
	no(&f, CONSENT_KIND_OPTIN_REQUEST, "opted_out");
}

static void
optin_request_not_when_granted(void **state)
{
	struct consent_facts	 f;

	(void)state;
	f = facts(CONSENT_NONE);
	yes(&f, CONSENT_KIND_OPTIN_REQUEST);
	f = facts(CONSENT_REQUESTED);
	yes(&f, CONSENT_KIND_OPTIN_REQUEST);
	f = facts(CONSENT_GRANTED);
	no(&f, CONSENT_KIND_OPTIN_REQUEST, "already_granted");
}

static void
verification_and_help_without_consent(void **state)
{
	struct consent_facts	 f = facts(CONSENT_NONE);

	(void)state;
	yes(&f, CONSENT_KIND_VERIFICATION);
	yes(&f, CONSENT_KIND_HELP);
}

static void
no_phone_no_text(void **state)
{
	struct consent_facts	 f = facts(CONSENT_GRANTED);
	enum consent_kind	 k;

	(void)state;
	f.has_phone = false;
	for (k = 0; k < CONSENT_KIND__MAX; k++)
		no(&f, k, "no_phone");
}

static void
first_text_carries_notice(void **state)
{
	struct consent_facts	 f = facts(CONSENT_GRANTED);
	struct consent_verdict	 v;

	(void)state;
	f.first_text = true;
	consent_decide(&f, CONSENT_KIND_CHAT, &v);
	assert_true(v.ok && v.notice);
	consent_decide(&f, CONSENT_KIND_AUTOMATED, &v);
	assert_true(v.ok && v.notice);
	consent_decide(&f, CONSENT_KIND_VERIFICATION, &v);
	assert_true(v.ok && !v.notice);		/* a code is not "the first" */
	f.first_text = false;
	consent_decide(&f, CONSENT_KIND_CHAT, &v);
	assert_true(v.ok && !v.notice);		/* only once */
}

static void
verdict_keeps_state(void **state)
{
	struct consent_facts	 f = facts(CONSENT_REQUESTED);
	struct consent_verdict	 v;

	(void)state;
	consent_decide(&f, CONSENT_KIND_CHAT, &v);
	assert_int_equal(v.state, CONSENT_REQUESTED);
}

static void
state_names(void **state)
{
	enum consent_state	 s;
	const char		*want[] = { "none", "requested", "granted",
				    "revoked" };
	size_t			 i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_string_equal(consent_state_name((enum consent_state)i),
		    want[i]);
		assert_true(consent_state_parse(want[i], &s));
		assert_int_equal(s, (enum consent_state)i);
	}
	assert_false(consent_state_parse("GRANTED", &s));
	assert_false(consent_state_parse("", &s));
	assert_false(consent_state_parse(NULL, &s));
	assert_string_equal(consent_source_name(CONSENT_SRC_OPTIN_PAGE),
	    "optin_page");
	assert_string_equal(consent_source_name(CONSENT_SRC_PROVIDER_ERROR),
	    "provider_error");
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(automated_needs_granted),
		cmocka_unit_test(chat_needs_granted_by_default),
		cmocka_unit_test(chat_without_consent_when_tenant_says_no),
		cmocka_unit_test(revoked_blocks_everything),
		cmocka_unit_test(one_optout_confirmation),
		cmocka_unit_test(suppressed_number_blocks),
		cmocka_unit_test(optin_request_not_when_granted),
		cmocka_unit_test(verification_and_help_without_consent),
		cmocka_unit_test(no_phone_no_text),
		cmocka_unit_test(first_text_carries_notice),
		cmocka_unit_test(verdict_keeps_state),
		cmocka_unit_test(state_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
