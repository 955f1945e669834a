/*
 * routes.c - loop-crm's route table: every page and API route in one place.
 */
#include "crm.h"
#include "banned.h"

const struct route crm_routes[] = {
	{ ROUTE_GET,	"/healthz",		app_healthz,	R_PUBLIC, 0 },
	{ ROUTE_GET,	"/login",		crm_login_form,	R_LOGIN_CSRF, 0 },
	{ ROUTE_POST,	"/login",		crm_login,	R_LOGIN_CSRF, 0 },
	{ ROUTE_POST,	"/logout",		crm_logout,	R_SESSION | R_CSRF, 0 },
	{ ROUTE_GET,	"/",			crm_dashboard,	R_SESSION, 0 },
	{ ROUTE_POST,	"/api/v1/login",	api_login,	R_RAWBODY, 0 },
	{ ROUTE_GET,	"/api/v1/me",		api_me,		R_TOKEN, 0 },
	{ ROUTE_GET,	"/api/v1/users",	api_users,	R_TOKEN, 0 },
	/* People, pools, requisitions, notifications (the CRM issue). */
	{ ROUTE_GET,	"/api/v1/people",	api_people,	R_TOKEN, 0 },
	{ ROUTE_POST,	"/api/v1/people",	api_person_add,
	    R_TOKEN | R_RAWBODY, 0 },
	{ ROUTE_GET,	"/api/v1/people/{id}",	api_person,	R_TOKEN, 0 },
	{ ROUTE_GET,	"/people",		crm_people,	R_SESSION, 0 },
	{ ROUTE_POST,	"/people",		crm_person_add,
	    R_SESSION | R_CSRF, 0 },
	{ ROUTE_GET,	"/people/new",		crm_person_new,	R_SESSION, 0 },
	{ ROUTE_GET,	"/people/{id}",		crm_person,	R_SESSION, 0 },
	{ ROUTE_POST,	"/people/{id}/pin",	crm_person_pin,
	    R_SESSION | R_CSRF, 0 },
	{ ROUTE_POST,	"/people/{id}/pools",	crm_person_pools,
	    R_SESSION | R_CSRF, 0 },
	{ ROUTE_GET,	"/pools",		crm_pools,	R_SESSION, 0 },
	{ ROUTE_POST,	"/pools",		crm_pool_create,
	    R_SESSION | R_CSRF, 0 },
	{ ROUTE_GET,	"/pools/{id}",		crm_pool,	R_SESSION, 0 },
	{ ROUTE_POST,	"/pools/{id}/pin",	crm_pool_pin,
	    R_SESSION | R_CSRF, 0 },
	{ ROUTE_POST,	"/pools/{id}/delete",	crm_pool_delete,
	    R_SESSION | R_CSRF, 0 },
	{ ROUTE_POST,	"/pools/{id}/members/{pid}/remove", crm_pool_remove,
	    R_SESSION | R_CSRF, 0 },
	{ ROUTE_GET,	"/api/v1/people/{id}/messages", api_messages,
	    R_TOKEN, 0 },
	{ ROUTE_POST,	"/api/v1/people/{id}/messages", api_message_send,
	    R_TOKEN | R_RAWBODY, 0 },
	{ ROUTE_GET,	"/people/{id}/chat",	crm_chat,	R_SESSION, 0 },
	{ ROUTE_POST,	"/people/{id}/chat",	crm_chat_send,
	    R_SESSION | R_CSRF, 0 },
	{ ROUTE_POST,	"/people/{id}/chat/optin-link", crm_optin_link,
	    R_SESSION | R_CSRF, 0 },
	{ ROUTE_POST,	"/people/{id}/optin",	crm_optin_send,
	    R_SESSION | R_CSRF, 0 },
	{ ROUTE_POST,	"/people/{id}/messages/{mid}/flag", crm_flag_settle,
	    R_SESSION | R_CSRF, 0 },
};

const size_t crm_nroutes = sizeof(crm_routes) / sizeof(crm_routes[0]);
