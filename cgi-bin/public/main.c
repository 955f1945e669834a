/*
 * main.c - loop-public: branded candidate pages under /c/ (routes.c).
 */
#include "app.h"
#include "public.h"
#include "banned.h"

int
main(int argc, char **argv)
{
	struct app	 app = {
		.name = "loop-public",
		.role = "loop_public",
		.routes = public_routes,
	};

	app.nroutes = public_nroutes;
	return app_main(&app, argc, argv);
}
