/*
 * main.c - loop-hooks: webhook receivers under /hooks/ (routes.c).
 */
#include "app.h"
#include "hooks.h"
#include "banned.h"

int
main(int argc, char **argv)
{
	struct app	 app = {
		.name = "loop-hooks",
		.role = "loop_hooks",
		.routes = hooks_routes,
	};

	app.nroutes = hooks_nroutes;
	return app_main(&app, argc, argv);
}
