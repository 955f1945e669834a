/*
 * loopctl.c - the operator's command line.
 *
 * Owns: argument parsing and wording for migrate, tenant add/set,
 * user add, demo, sync. Connects as the database owner (LOOP_DB plus
 * user=postgres, or LOOP_DB_ADMIN_USER).
 * Not here: what the commands do (src/migrate.c, src/tenant.c, src/demo.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "demo.h"
#include "log.h"
#include "migrate.h"
#include "sec.h"
#include "sync.h"
#include "tenant.h"
#include "banned.h"

static int
usage(void)
{
	fprintf(stderr,
	    "usage: loopctl migrate\n"
	    "       loopctl tenant add SLUG --name NAME\n"
	    "       loopctl tenant set SLUG KEY VALUE\n"
	    "       loopctl user add SLUG EMAIL --name NAME  (password on stdin)\n"
	    "       loopctl sync SLUG [--full]  (Harvest backfill, then changes)\n"
	    "       loopctl demo SLUG  (demo password on stdin)\n");
	return 2;
}

/* One line from stdin without its newline into out; -1 when empty. */
static int
read_line(struct buf *out)
{
	char	 line[1024];
	size_t	 n;

	if (fgets(line, sizeof(line), stdin) == NULL)
		return -1;
	n = strcspn(line, "\r\n");
	buf_add(out, line, n);
	return n == 0 ? -1 : 0;
}

static int
need_tenant(struct db *db, const char *slug, int64_t *id)
{
	bool	 found;

	if (tenant_id(db, slug, id, &found) == -1)
		return -1;
	if (!found) {
		fprintf(stderr, "loopctl: no tenant %s\n", slug);
		return -1;
	}
	return 0;
}

static int
cmd_tenant_add(struct db *db, const char *slug, const char *name)
{
	struct buf	 secret = BUF_INIT;
	const char	*why = NULL;
	int		 rc = 1;

	if (tenant_add(db, slug, name, &secret, &why) == -1) {
		fprintf(stderr, "loopctl: tenant add: %s\n",
		    why ? why : "database error");
		goto out;
	}
	printf("tenant: %s\n", slug);
	printf("webhook_url: %s/hooks/greenhouse/%s\n", cfg.public_url, slug);
	printf("webhook_secret: %s\n", secret.ptr);
	rc = 0;
out:
	buf_release(&secret);
	return rc;
}

static int
cmd_tenant_set(struct db *db, const char *slug, const char *key,
    const char *value)
{
	const char	*why = NULL;
	int64_t		 id;

	if (need_tenant(db, slug, &id) == -1)
		return 1;
	if (tenant_set(db, id, key, value, &why) == -1) {
		fprintf(stderr, "loopctl: tenant set %s: %s\n", key, why);
		return 1;
	}
	printf("%s: set\n", key);
	return 0;
}

static int
cmd_user_add(struct db *db, const char *slug, const char *email,
    const char *name)
{
	struct buf	 pw = BUF_INIT;
	const char	*why = NULL;
	int64_t		 id;
	int		 rc = 1;

	if (need_tenant(db, slug, &id) == -1)
		goto out;
	if (read_line(&pw) == -1) {
		fprintf(stderr, "loopctl: give the password on stdin\n");
		goto out;
	}
	if (tenant_user_add(db, id, email, name, pw.ptr, false, &why) == -1) {
		fprintf(stderr, "loopctl: user add: %s\n", why);
		goto out;
	}
	printf("user: %s\n", email);
	rc = 0;
out:
	buf_release(&pw);
	return rc;
}

static int
cmd_demo(struct db *db, const char *slug)
{
	struct buf	 pw = BUF_INIT;
	int		 rc = 1;

	if (read_line(&pw) == -1) {
		fprintf(stderr, "loopctl: give the demo password on stdin\n");
		goto out;
	}
	if (demo_fill(db, slug, pw.ptr) == -1)
		goto out;
	printf("login: %s\n", DEMO_EMAIL);
	rc = 0;
out:
	buf_release(&pw);
	return rc;
}

/* Runs as loop_cron, so that row-level security scopes every write. */
static int
cmd_sync(struct db *admin, const char *slug, bool full)
{
	struct sync_stats	 st;
	struct db		 db;
	int64_t			 tenant;
	bool			 found;
	int			 rc = 1;

	if (tenant_id(admin, slug, &tenant, &found) == -1)
		return 1;
	if (!found) {
		fprintf(stderr, "loopctl: no tenant %s\n", slug);
		return 1;
	}
	db_open(&db, "loop_cron");
	if (!db_ready(&db) || sync_tenant(&db, tenant, full, &st) == -1) {
		fprintf(stderr, "loopctl: sync %s failed (see the log)\n",
		    slug);
		goto out;
	}
	if (!st.configured)
		printf("sync %s: no Harvest credentials (loopctl tenant set %s "
		    "harvest_client_id ... or harvest_api_key ...)\n", slug,
		    slug);
	else if (st.busy)
		printf("sync %s: another sync is running\n", slug);
	else
		printf("sync %s: %lld records applied, %lld skipped, %d pages\n",
		    slug, (long long)st.items, (long long)st.skipped,
		    st.pages);
	rc = st.configured && !st.busy ? 0 : 1;
out:
	db_close(&db);
	return rc;
}

static const char *
opt_name(int argc, char **argv, int from)
{
	int	 i;

	for (i = from; i + 1 < argc; i++)
		if (strcmp(argv[i], "--name") == 0)
			return argv[i + 1];
	return NULL;
}

static int
dispatch(struct db *db, int argc, char **argv)
{
	const char	*cmd = argv[1];

	if (strcmp(cmd, "migrate") == 0 && argc == 2)
		return migrate_run(db, cfg_path("sql")) == -1 ? 1 : 0;
	if (strcmp(cmd, "tenant") == 0 && argc >= 4 &&
	    strcmp(argv[2], "add") == 0 && opt_name(argc, argv, 4) != NULL)
		return cmd_tenant_add(db, argv[3], opt_name(argc, argv, 4));
	if (strcmp(cmd, "tenant") == 0 && argc == 6 &&
	    strcmp(argv[2], "set") == 0)
		return cmd_tenant_set(db, argv[3], argv[4], argv[5]);
	if (strcmp(cmd, "user") == 0 && argc >= 5 &&
	    strcmp(argv[2], "add") == 0 && opt_name(argc, argv, 5) != NULL)
		return cmd_user_add(db, argv[3], argv[4],
		    opt_name(argc, argv, 5));
	if (strcmp(cmd, "demo") == 0 && argc == 3)
		return cmd_demo(db, argv[2]);
	if (strcmp(cmd, "sync") == 0 && (argc == 3 || (argc == 4 &&
	    strcmp(argv[3], "--full") == 0)))
		return cmd_sync(db, argv[2], argc == 4);
	return usage();
}

int
main(int argc, char **argv)
{
	struct db	 db;
	const char	*admin = getenv("LOOP_DB_ADMIN_USER");
	int		 rc;

	log_init("loopctl");
	if (argc < 2)
		return usage();
	if (cfg_load(true) == -1 || sec_init() == -1)
		return 1;
	db_open(&db, admin != NULL && *admin != '\0' ? admin : "postgres");
	if (!db_ready(&db)) {
		fprintf(stderr, "loopctl: cannot reach the database\n");
		db_close(&db);
		return 1;
	}
	rc = dispatch(&db, argc, argv);
	db_close(&db);
	return rc;
}
