/*
 * migrate.c - forward-only schema migrations.
 *
 * Owns: finding sql/[0-9]*.sql in name order, the schema_migrations
 * table, one transaction per file under an advisory lock so that two
 * loopctl runs cannot apply the same file.
 * Not here: the SQL (sql/).
 */
#include "migrate.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "log.h"
#include "banned.h"

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
slurp(const char *path, struct buf *out)
{
	FILE	*f;
	char	 chunk[8192];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		log_err("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	fclose(f);
	return 0;
}

static int
apply(struct db *db, const char *dir, const char *name)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	struct buf	 path = BUF_INIT, sql = BUF_INIT;
	const char	*p[1] = { name };
	int		 rc = -1;

	if (db_exec(db, "SELECT 1 FROM schema_migrations WHERE version = $1",
	    p, 1, &rows) == -1)
		goto out;
	if (rows.nrows == 1) {
		rc = 0;
		goto out;
	}
	buf_addf(&path, "%s/%s", dir, name);
	if (slurp(path.ptr, &sql) == -1 || db_begin(db) == -1)
		goto out;
	if (db_script(db, sql.ptr) == -1 || db_exec(db, "INSERT INTO"
	    " schema_migrations (version) VALUES ($1)", p, 1, NULL) == -1 ||
	    db_commit(db) == -1) {
		db_rollback(db);
		log_err("migration %s failed", name);
		goto out;
	}
	printf("migrated: %s\n", name);
	rc = 0;
out:
	db_rows_release(&rows);
	buf_release(&path);
	buf_release(&sql);
	return rc;
}

int
migrate_run(struct db *db, const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	char		**names = NULL;
	size_t		 n = 0, i, len;
	int		 rc = -1;

	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " version text PRIMARY KEY, applied_at timestamptz NOT NULL"
	    " DEFAULT now())", NULL, 0, NULL) == -1 ||
	    db_exec(db, "SELECT pg_advisory_lock(7475)", NULL, 0, NULL) == -1)
		return -1;
	if ((d = opendir(dir)) == NULL) {
		log_err("%s: %s", dir, strerror(errno));
		goto out;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (e->d_name[0] < '0' || e->d_name[0] > '9' || len < 5 ||
		    strcmp(e->d_name + len - 4, ".sql") != 0)
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp);
	for (i = 0; i < n; i++)
		if (apply(db, dir, names[i]) == -1)
			goto out;
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	(void)db_exec(db, "SELECT pg_advisory_unlock(7475)", NULL, 0, NULL);
	return rc;
}
