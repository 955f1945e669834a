/*
 * routes.c - loop-hooks' route table: every webhook receiver in one place.
 * Webhook bodies stay raw (R_RAWBODY): signatures cover the exact bytes.
 */
#include "hooks.h"
#include "gh_hook.h"
#include "banned.h"

const struct route hooks_routes[] = {
	{ ROUTE_GET,	"/hooks/healthz",	app_healthz,	R_PUBLIC, 0 },
	{ ROUTE_POST,	"/hooks/greenhouse/{tenant}", hooks_greenhouse,
	    R_PUBLIC | R_RAWBODY, GH_HOOK_MAX_BODY },
	/* Form-encoded: the signature covers the decoded parameters. */
	{ ROUTE_POST,	"/hooks/sms/{tenant}",	hooks_sms_inbound,
	    R_PUBLIC, HOOKS_SMS_MAX_BODY },
	{ ROUTE_POST,	"/hooks/sms/{tenant}/status", hooks_sms_status,
	    R_PUBLIC, HOOKS_SMS_MAX_BODY },
};

const size_t hooks_nroutes = sizeof(hooks_routes) / sizeof(hooks_routes[0]);
