/*
 * test_sms.c - X-Twilio-Signature and the provider's answers.
 *
 * Owns: the official vector and the derived inbound vector of
 * ../shared/fixtures/twilio/ (signature_vectors.json, inbound_sms.form and
 * its meta), sort order, repeated parameters, default ports, forged and
 * malformed headers; the 201, 21610, 21211 and 5xx bodies (copied
 * verbatim from the same fixtures) read into struct sms_result.
 */
#include "sms.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "http.h"
#include "banned.h"

/* signature_vectors.json: form_post_canonical */
#define CANON_URL	"https://mycompany.com/myapp.php?foo=1&bar=2"
#define CANON_SIG	"RSOYDt4T1cUTdK1PDd93/VVr8B8="

/* inbound_sms.form and the derived signature in inbound_sms.meta.json */
static const char inbound_form[] =
    "ToCountry=US&ToState=CA&SmsMessageSid=SM5ab7891328b440f04b7c83b459fc85fd"
    "&NumMedia=0&ToCity=SAN+FRANCISCO&FromZip=30512&SmsSid=SM5ab7891328b440f"
    "04b7c83b459fc85fd&FromState=GA&SmsStatus=received&FromCity=BLAIRSVILLE"
    "&Body=Yes%2C+Tuesday+at+10am+works+for+me%21&FromCountry=US&To=%2B14155"
    "550100&ToZip=94105&NumSegments=1&MessageSid=SM5ab7891328b440f04b7c83b45"
    "9fc85fd&AccountSid=ACe24e29bdbc2e7664b315d7629ed3b9d9&From=%2B170655501"
    "23&ApiVersion=2010-04-01";

static const char reply_201[] =
    "{\"account_sid\": \"ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\", \"api_version\":"
    " \"2010-04-01\", \"body\": \"McAvoy or Stewart? These timelines can get "
    "so confusing.\", \"date_created\": \"Thu, 24 Aug 2023 05:01:45 +0000\","
    " \"direction\": \"outbound-api\", \"error_code\": null, \"error_message"
    "\": null, \"from\": \"+15017122661\", \"num_media\": \"0\", \"num_segmen"
    "ts\": \"1\", \"price\": null, \"price_unit\": null, \"messaging_service_"
    "sid\": \"MGaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\", \"sid\": \"SMaaaaaaaaaaaaa"
    "aaaaaaaaaaaaaaaaaaa\", \"status\": \"queued\", \"subresource_uris\": {"
    "\"media\": \"/2010-04-01/Accounts/ACaaaa/Messages/SMaaaa/Media.json\"},"
    " \"to\": \"+15558675310\", \"uri\": \"/x.json\"}";

static const char reply_21610[] =
    "{\n  \"code\": 21610,\n  \"message\": \"The message From/To pair violates"
    " a blacklist rule.\",\n  \"more_info\": \"https://www.twilio.com/docs/er"
    "rors/21610\",\n  \"status\": 400\n}";

static const char reply_21211[] =
    "{\n  \"code\": 21211,\n  \"message\": \"The 'To' number 5551234567 is no"
    "t a valid phone number.\",\n  \"more_info\": \"https://www.twilio.com/do"
    "cs/errors/21211\",\n  \"status\": 400\n}";

static void
canon_params(struct kvlist *kv)
{
	/* Out of order on purpose: the signature sorts. */
	kvlist_add(kv, "To", 2, "+18005551212", 12);
	kvlist_add(kv, "Digits", 6, "1234", 4);
	kvlist_add(kv, "From", 4, "+14158675309", 12);
	kvlist_add(kv, "CallSid", 7, "CA1234567890ABCDE", 17);
	kvlist_add(kv, "Caller", 6, "+14158675309", 12);
}

static void
canonical_vector(void **state)
{
	struct kvlist	 kv = KVLIST_INIT;
	struct buf	 sig = BUF_INIT;

	(void)state;
	canon_params(&kv);
	sms_signature(CANON_URL, &kv, "12345", &sig);
	assert_string_equal(sig.ptr, CANON_SIG);
	assert_true(sms_signature_ok(CANON_URL, &kv, "12345", CANON_SIG));
	buf_release(&sig);
	kvlist_release(&kv);
}

static void
wrong_token_or_params(void **state)
{
	struct kvlist	 kv = KVLIST_INIT;

	(void)state;
	canon_params(&kv);
	assert_false(sms_signature_ok(CANON_URL, &kv, "12346", CANON_SIG));
	assert_false(sms_signature_ok(CANON_URL "&x=1", &kv, "12345",
	    CANON_SIG));
	kvlist_add(&kv, "Extra", 5, "", 0);	/* empty values count too */
	assert_false(sms_signature_ok(CANON_URL, &kv, "12345", CANON_SIG));
	kvlist_release(&kv);
}

static void
bad_headers(void **state)
{
	struct kvlist	 kv = KVLIST_INIT;

	(void)state;
	canon_params(&kv);
	assert_false(sms_signature_ok(CANON_URL, &kv, "12345", NULL));
	assert_false(sms_signature_ok(CANON_URL, &kv, "12345", ""));
	assert_false(sms_signature_ok(CANON_URL, &kv, "12345",
	    "RSOYDt4T1cUTdK1PDd93/VVr8B8"));		/* truncated */
	assert_false(sms_signature_ok(CANON_URL, &kv, "12345",
	    "rsoydt4t1cutdk1pdd93/vvr8b8="));		/* case matters */
	assert_false(sms_signature_ok(CANON_URL, &kv, "", CANON_SIG));
	kvlist_release(&kv);
}

/* The provider signs with or without the default port. */
static void
default_ports(void **state)
{
	struct kvlist	 kv = KVLIST_INIT;
	struct buf	 sig = BUF_INIT;

	(void)state;
	canon_params(&kv);
	assert_true(sms_signature_ok("https://mycompany.com:443/myapp.php?foo=1"
	    "&bar=2", &kv, "12345", CANON_SIG));
	sms_signature("https://mycompany.com:443/myapp.php?foo=1&bar=2", &kv,
	    "12345", &sig);
	assert_true(sms_signature_ok(CANON_URL, &kv, "12345", sig.ptr));
	assert_false(sms_signature_ok("https://mycompany.com:8443/myapp.php?"
	    "foo=1&bar=2", &kv, "12345", CANON_SIG));
	buf_release(&sig);
	kvlist_release(&kv);
}

/* Sorted by name, not by name+value: Sid before SidAccount. */
static void
prefix_names(void **state)
{
	struct kvlist	 a = KVLIST_INIT, b = KVLIST_INIT;
	struct buf	 s1 = BUF_INIT, s2 = BUF_INIT;

	(void)state;
	kvlist_add(&a, "SidAccount", 10, "1", 1);
	kvlist_add(&a, "Sid", 3, "Z", 1);
	kvlist_add(&b, "Sid", 3, "Z", 1);
	kvlist_add(&b, "SidAccount", 10, "1", 1);
	sms_signature("http://x/", &a, "t", &s1);
	sms_signature("http://x/", &b, "t", &s2);
	assert_string_equal(s1.ptr, s2.ptr);
	/* "http://x/" "Sid" "Z" "SidAccount" "1", computed independently */
	assert_string_equal(s1.ptr, "OVUhFAJeDPGGkjMPX0dJa/g6dJs=");
	buf_release(&s1);
	buf_release(&s2);
	kvlist_release(&a);
	kvlist_release(&b);
}

/* A repeated name: values sorted, identical pairs counted once. */
static void
repeated_names(void **state)
{
	struct kvlist	 a = KVLIST_INIT, b = KVLIST_INIT;
	struct buf	 s1 = BUF_INIT, s2 = BUF_INIT;

	(void)state;
	kvlist_add(&a, "M", 1, "b", 1);
	kvlist_add(&a, "M", 1, "a", 1);
	kvlist_add(&a, "M", 1, "b", 1);
	kvlist_add(&b, "M", 1, "a", 1);
	kvlist_add(&b, "M", 1, "b", 1);
	sms_signature("http://x/", &a, "t", &s1);
	sms_signature("http://x/", &b, "t", &s2);
	assert_string_equal(s1.ptr, s2.ptr);
	buf_release(&s1);
	buf_release(&s2);
	kvlist_release(&a);
	kvlist_release(&b);
}

/* The whole parse-then-verify path on a captured inbound body. */
static void
inbound_fixture(void **state)
{
	struct kvlist	 kv = KVLIST_INIT;
	enum http_err	 err;

	(void)state;
	assert_int_equal(http_parse_urlencoded(inbound_form,
	    sizeof(inbound_form) - 1, 64, &kv, &err), 0);
	assert_string_equal(kvlist_get(&kv, "Body"),
	    "Yes, Tuesday at 10am works for me!");
	assert_true(sms_signature_ok("https://loop.example.com/twilio/sms/"
	    "inbound", &kv, "12345", "/yWTn0eX37VifJ/NdJfpsOKuko8="));
	assert_false(sms_signature_ok("https://loop.example.com/twilio/sms/"
	    "inbound/", &kv, "12345", "/yWTn0eX37VifJ/NdJfpsOKuko8="));
	kvlist_release(&kv);
}

static void
reply_created(void **state)
{
	struct sms_result	 r;

	(void)state;
	assert_int_equal(sms_parse_reply(201, reply_201, strlen(reply_201),
	    &r), 0);
	assert_string_equal(r.sid, "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	assert_string_equal(r.status, "queued");
	assert_int_equal(r.error_code, 0);
}

static void
reply_opted_out(void **state)
{
	struct sms_result	 r;

	(void)state;
	assert_int_equal(sms_parse_reply(400, reply_21610,
	    strlen(reply_21610), &r), -1);
	assert_int_equal(r.error_code, SMS_ERR_OPTED_OUT);
	assert_false(r.retry);
	assert_non_null(strstr(r.error, "21610"));
}

static void
reply_bad_number(void **state)
{
	struct sms_result	 r;

	(void)state;
	assert_int_equal(sms_parse_reply(400, reply_21211,
	    strlen(reply_21211), &r), -1);
	assert_int_equal(r.error_code, SMS_ERR_BAD_TO);
	assert_false(r.retry);
}

static void
reply_transient(void **state)
{
	struct sms_result	 r;

	(void)state;
	assert_int_equal(sms_parse_reply(503, "<html>busy</html>", 17, &r), -1);
	assert_true(r.retry);
	assert_int_equal(r.error_code, 0);
	assert_int_equal(sms_parse_reply(429, "{\"code\":20429}", 14, &r), -1);
	assert_true(r.retry);
	assert_int_equal(sms_parse_reply(0, NULL, 0, &r), -1);
	assert_false(r.retry);		/* sms_send() marks no answer itself */
}

static void
reply_garbage(void **state)
{
	struct sms_result	 r;

	(void)state;
	assert_int_equal(sms_parse_reply(201, "not json", 8, &r), -1);
	assert_int_equal(sms_parse_reply(201, "{\"sid\": 5}", 10, &r), -1);
	assert_int_equal(sms_parse_reply(201, "{\"sid\": \"SM\\u0000x\"}", 19,
	    &r), -1);
	assert_int_equal(sms_parse_reply(201, "{\"sid\": \"../etc\"}", 17, &r),
	    -1);
	assert_int_equal(sms_parse_reply(400, "{\"code\": \"21610\"}", 17, &r),
	    -1);
	assert_int_equal(r.error_code, 0);	/* a string is not a code */
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(canonical_vector),
		cmocka_unit_test(wrong_token_or_params),
		cmocka_unit_test(bad_headers),
		cmocka_unit_test(default_ports),
		cmocka_unit_test(prefix_names),
		cmocka_unit_test(repeated_names),
		cmocka_unit_test(inbound_fixture),
		cmocka_unit_test(reply_created),
		cmocka_unit_test(reply_opted_out),
		cmocka_unit_test(reply_bad_number),
		cmocka_unit_test(reply_transient),
		cmocka_unit_test(reply_garbage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
