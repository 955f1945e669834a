/*
 * main.c - loop-public: branded candidate pages under /c/.
 */
#include "app.h"
#include "banned.h"

static const struct route public_routes[] = {
	{ ROUTE_GET,	"/c/healthz",	app_healthz,	R_PUBLIC, 0 },
};

int
main(int argc, char **argv)
{
	struct app	 app = {
		.name = "loop-public",
		.role = "loop_public",
		.routes = public_routes,
		.nroutes = sizeof(public_routes) / sizeof(public_routes[0]),
	};

	return app_main(&app, argc, argv);
}
