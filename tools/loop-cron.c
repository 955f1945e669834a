/*
 * loop-cron.c - one pass of the background work, run each minute.
 *
 * Owns: the order of the jobs in a pass and their connection (role
 * loop_cron). Not here: the jobs themselves (src/).
 */
#include <stdio.h>

#include "cfg.h"
#include "db.h"
#include "log.h"
#include "sec.h"
#include "banned.h"

int
main(void)
{
	struct db	 db;
	int		 rc = 0;

	log_init("loop-cron");
	if (cfg_load(true) == -1 || sec_init() == -1)
		return 1;
	db_open(&db, "loop_cron");
	if (!db_ready(&db)) {
		db_close(&db);
		return 1;
	}
	if (db_exec(&db, "SELECT maintenance()", NULL, 0, NULL) == -1)
		rc = 1;
	db_close(&db);
	return rc;
}
