/*
 * main.c - loop-crm: recruiter pages and the JSON API.
 */
#include "app.h"
#include "crm.h"
#include "banned.h"

int
main(int argc, char **argv)
{
	struct app	 app = {
		.name = "loop-crm",
		.role = "loop_crm",
		.routes = crm_routes,
	};

	app.nroutes = crm_nroutes;
	return app_main(&app, argc, argv);
}
