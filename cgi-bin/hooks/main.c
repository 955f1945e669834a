/*
 * main.c - loop-hooks: webhook receivers under /hooks/.
 */
#include "app.h"
#include "banned.h"

static const struct route hooks_routes[] = {
	{ ROUTE_GET,	"/hooks/healthz",	app_healthz,	R_PUBLIC, 0 },
};

int
main(int argc, char **argv)
{
	struct app	 app = {
		.name = "loop-hooks",
		.role = "loop_hooks",
		.routes = hooks_routes,
		.nroutes = sizeof(hooks_routes) / sizeof(hooks_routes[0]),
	};

	return app_main(&app, argc, argv);
}
