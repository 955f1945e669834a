/*
 * loop-cron.c - one pass of the background work, run each minute.
 *
 * Owns: the order of the jobs in a pass and their connection (role
 * loop_cron). Not here: the jobs themselves (src/).
 */
#include <stdio.h>

#include "cfg.h"
#include "db.h"
#include "harvest.h"
#include "log.h"
#include "mail.h"
#include "message.h"
#include "notify.h"
#include "outbox.h"
#include "sec.h"
#include "sync.h"
#include "tmpl.h"
#include "banned.h"

/* Every outbox kind and who delivers it: a kind missing here fails. */
static const struct outbox_handler handlers[] = {
	{ "sms.send",			message_deliver },
	{ "mail.send",			mail_deliver },
	{ "harvest.consent",		harvest_deliver_consent },
	{ "harvest.prospect",		harvest_deliver_prospect },
	{ "notify.sms",			notify_deliver_sms },
};

int
main(void)
{
	struct db	 db;
	int		 rc = 0, done = 0;

	log_init("loop-cron");
	if (cfg_load(true) == -1 || sec_init() == -1)
		return 1;
	/* People a sync creates may get the opt-in email (optin.c). */
	if (tmpl_init(cfg_path("templates")) == -1)
		log_err("templates did not load; emails that need them fail");
	db_open(&db, "loop_cron");
	if (!db_ready(&db)) {
		db_close(&db);
		return 1;
	}
	if (db_exec(&db, "SELECT maintenance()", NULL, 0, NULL) == -1)
		rc = 1;
	if (outbox_run(&db, handlers, sizeof(handlers) / sizeof(handlers[0]),
	    50, &done) == -1)
		rc = 1;
	if (sync_all(&db) == -1)	/* Harvest: what changed since last */
		rc = 1;
	db_close(&db);
	tmpl_release();
	return rc;
}
