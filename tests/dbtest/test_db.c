/*
 * test_db.c - src/db.c against a real PostgreSQL: the deferred BEGIN and
 * tenant sent with the first statement in one pipeline, one-statement
 * transactions, failures inside them, and a server that dropped us.
 *
 * Needs LOOP_DB (the stack's, as tests/integration/t_16_db.sh runs it);
 * connects as the superuser "postgres" and works in temporary tables, so it
 * leaves nothing behind.
 */
#include "db.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cfg.h"
#include "banned.h"

static struct db	 db;
#define CREATE_T	"CREATE TEMP TABLE t (k int PRIMARY KEY)"

static int
setup(void **state)
{
	(void)state;
	if (getenv("LOOP_DB") == NULL || cfg_load(false) == -1)
		return -1;
	db_open(&db, "postgres");
	if (!db_ready(&db))
		return -1;
	return db_exec(&db, CREATE_T, NULL, 0, NULL);
}

static int
teardown(void **state)
{
	(void)state;
	db_close(&db);
	return 0;
}

/* The one value of rows, "" for NULL. */
static const char *
one(const struct db_rows *rows)
{
	if (rows->nrows != 1 || rows->ncols < 1)
		return "(no row)";
	return db_null(rows, 0, 0) ? "" : db_str(rows, 0, 0);
}

static int64_t
count_t(void)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	int64_t		 n;

	assert_int_equal(db_exec(&db, "SELECT count(*) FROM t", NULL, 0,
	    &rows), 0);
	n = db_int(&rows, 0, 0);
	db_rows_release(&rows);
	return n;
}

static int
insert(int k)
{
	char		 v[21];
	const char	*p[1] = { db_i64(v, k) };

	return db_exec(&db, "INSERT INTO t VALUES ($1::int)", p, 1, NULL);
}

static void
test_tenant_set_in_tx_only(void **state)
{
	struct db_rows	 rows = DB_ROWS_INIT;

	(void)state;
	assert_int_equal(db_begin_tenant(&db, 42), 0);
	assert_false(db.in_tx);		/* nothing sent yet */
	assert_int_equal(db_exec(&db, "SELECT current_setting("
	    "'app.tenant_id', true)", NULL, 0, &rows), 0);
	assert_string_equal(one(&rows), "42");
	assert_true(db.in_tx);
	db_rows_release(&rows);
	assert_int_equal(db_commit(&db), 0);
	assert_false(db.in_tx);
	assert_int_equal(db_exec(&db, "SELECT COALESCE(current_setting("
	    "'app.tenant_id', true), '')", NULL, 0, &rows), 0);
	assert_string_equal(one(&rows), "");
	db_rows_release(&rows);
}

static void
test_rollback_discards(void **state)
{
	int64_t	 n0;

	(void)state;
	n0 = count_t();
	assert_int_equal(db_begin(&db), 0);
	assert_int_equal(insert(1001), 0);
	assert_int_equal(insert(1002), 0);
	db_rollback(&db);
	assert_int_equal(count_t(), n0);
}

static void
test_commit_keeps(void **state)
{
	int64_t	 n0;

	(void)state;
	n0 = count_t();
	assert_int_equal(db_begin_tenant(&db, 7), 0);
	assert_int_equal(insert(2001), 0);
	assert_int_equal(insert(2002), 0);
	assert_int_equal(db_commit(&db), 0);
	assert_int_equal(count_t(), n0 + 2);
}

static void
test_once_commits_alone(void **state)
{
	int64_t	 n0;

	(void)state;
	n0 = count_t();
	db_tenant_once(&db, 7);
	assert_int_equal(insert(3001), 0);
	assert_false(db.in_tx);		/* committed in the same trip */
	assert_int_equal(count_t(), n0 + 1);
	assert_int_equal(db_commit(&db), 0);	/* harmless */
	db_rollback(&db);			/* and cannot undo it */
	assert_int_equal(count_t(), n0 + 1);
}

static void
test_once_failure_commits_nothing(void **state)
{
	int64_t	 n0;

	(void)state;
	assert_int_equal(insert(4001), 0);
	n0 = count_t();
	db_tenant_once(&db, 7);
	assert_int_equal(insert(4001), -1);
	assert_int_equal(db.err, DB_ERR_UNIQUE);
	assert_true(db.in_tx);		/* aborted, waiting for ROLLBACK */
	db_rollback(&db);
	assert_false(db.in_tx);
	assert_int_equal(count_t(), n0);
	assert_int_equal(insert(4002), 0);	/* the connection still works */
}

static void
test_first_statement_failure(void **state)
{
	int64_t	 n0;

	(void)state;
	n0 = count_t();
	assert_int_equal(db_begin_tenant(&db, 7), 0);
	assert_int_equal(db_exec(&db, "SELECT 1/0", NULL, 0, NULL), -1);
	assert_int_equal(db.err, DB_ERR_CHECK);
	assert_string_equal(db.sqlstate, "22012");
	assert_int_equal(insert(5001), -1);	/* the tx is aborted */
	db_rollback(&db);
	assert_int_equal(count_t(), n0);
}

/* Another connection ends ours, as a server restart would. */
static void
kill_ours(void)
{
	struct db	 other;
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*pid;

	assert_int_equal(db_exec(&db, "SELECT pg_backend_pid()::text", NULL,
	    0, &rows), 0);
	pid = db_str(&rows, 0, 0);
	db_open(&other, "postgres");
	assert_int_equal(db_exec(&other, "SELECT pg_terminate_backend("
	    "$1::int)", &pid, 1, NULL), 0);
	db_close(&other);
	db_rows_release(&rows);
}

static void
test_dropped_connection_retried_before_begin(void **state)
{
	struct db_rows	 rows = DB_ROWS_INIT;

	(void)state;
	kill_ours();
	assert_int_equal(db_begin_tenant(&db, 9), 0);
	assert_int_equal(db_exec(&db, "SELECT current_setting("
	    "'app.tenant_id', true)", NULL, 0, &rows), 0);
	assert_string_equal(one(&rows), "9");
	db_rows_release(&rows);
	assert_int_equal(db_commit(&db), 0);
	/* The temporary table went with the old session. */
	assert_int_equal(db_exec(&db, CREATE_T, NULL, 0, NULL), 0);
}

static void
test_dropped_connection_once(void **state)
{
	(void)state;
	kill_ours();
	db_tenant_once(&db, 9);
	assert_int_equal(db_exec(&db, CREATE_T, NULL, 0, NULL), 0);
	assert_false(db.in_tx);
	assert_int_equal(count_t(), 0);
}

/* Not a byte is sent for a transaction without statements. */
static void
test_empty_tx_sends_nothing(void **state)
{
	(void)state;
	kill_ours();
	assert_int_equal(db_begin_tenant(&db, 7), 0);
	assert_int_equal(db_commit(&db), 0);	/* would fail if sent */
	assert_false(db.in_tx);
	assert_int_equal(db_begin(&db), 0);
	db_rollback(&db);
	assert_false(db.in_tx);
	assert_int_equal(db_exec(&db, CREATE_T, NULL, 0, NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_tenant_set_in_tx_only),
		cmocka_unit_test(test_rollback_discards),
		cmocka_unit_test(test_commit_keeps),
		cmocka_unit_test(test_once_commits_alone),
		cmocka_unit_test(test_once_failure_commits_nothing),
		cmocka_unit_test(test_first_statement_failure),
		cmocka_unit_test(test_dropped_connection_retried_before_begin),
		cmocka_unit_test(test_empty_tx_sends_nothing),
		cmocka_unit_test(test_dropped_connection_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
