/*
 * db.h - the only door to PostgreSQL.
 *
 * Owns: one connection per process, reconnecting after a restart of the
 * server, parameterized statements (prepared once per connection),
 * transactions with the tenant set for row-level security, copying results
 * into struct db_rows so that no PGresult leaves db.c.
 * Not here: SQL text (the callers' string literals) and DDL (sql/).
 * Rows filled by db_exec() own their strings: db_rows_release().
 */
#ifndef LOOP_DB_H
#define LOOP_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum db_err {
	DB_OK = 0,
	DB_ERR_CONN,		/* the server is unreachable: answer 503 */
	DB_ERR_UNIQUE,		/* 23505: answer 409 */
	DB_ERR_CHECK,		/* 23xxx other than unique, 22xxx: bad data */
	DB_ERR_AUTH,		/* 28000: auth_bind() found no session */
	DB_ERR_OTHER,
	DB_ERR__MAX
};

struct db_stmt;

struct db {
	void		*conn;		/* PGconn */
	char		*conninfo;
	bool		 in_tx;
	int		 pend;		/* a BEGIN not sent yet, and what else */
	int64_t		 pend_tenant;
	struct {			/* db_begin_bound() */
		const char		*sql;
		const char *const	*p;
		int			 n;
		struct db_rows		*out;
	}		 bound;
	enum db_err	 err;		/* of the last failure */
	char		 sqlstate[6];
	struct db_stmt	*stmts;		/* prepared on this connection */
	size_t		 nstmts;
};

struct db_rows {
	size_t		 nrows;
	size_t		 ncols;
	char		**cells;	/* nrows * ncols; NULL for SQL NULL */
	size_t		*lens;
};
#define DB_ROWS_INIT { 0, 0, NULL, NULL }

/*
 * Connects as role (appended to cfg.db). A failure to connect is not an
 * error here: db_ready() tries again on each request.
 */
void	 db_open(struct db *, const char *role);
void	 db_close(struct db *);
/* True when the connection works, reconnecting if needed. */
bool	 db_ready(struct db *);

/*
 * Runs sql with text parameters p[0..n) ($1..$n; NULL is SQL NULL).
 * out may be NULL. Returns 0, or -1 with db->err set (logged).
 * sql must be a string literal: use the db_exec() macro.
 */
int	 db_exec_(struct db *, const char *sql, const char *const *p, int n,
	    struct db_rows *out);
#define db_exec(db, sql, p, n, out) \
	db_exec_((db), "" sql "", (p), (n), (out))

/* As db_exec, with binary-safe parameters (lens[i], fmts[i]: 1 binary). */
int	 db_execb_(struct db *, const char *sql, const char *const *p,
	    const int *lens, const int *fmts, int n, struct db_rows *out);
#define db_execb(db, sql, p, l, f, n, out) \
	db_execb_((db), "" sql "", (p), (l), (f), (n), (out))

/*
 * BEGIN, then (db_begin_tenant) the tenant for row-level security, local
 * to the transaction. Neither talks to the server: they are sent with the
 * transaction's first statement, in one round trip (libpq pipeline mode).
 * A transaction that runs no statement costs nothing.
 */
int	 db_begin(struct db *);
int	 db_begin_tenant(struct db *, int64_t tenant_id);
/*
 * A transaction of one statement: the next db_exec() sends BEGIN, the
 * tenant, the statement and COMMIT in one round trip. The caller's
 * db_commit() afterwards is harmless.
 */
void	 db_tenant_once(struct db *, int64_t tenant_id);
/*
 * BEGIN, then sql, a statement that sets the tenant itself (auth_bind()),
 * its rows to *out: both go with the transaction's first statement, which
 * the server skips when sql fails. p must live until then. once: COMMIT
 * goes along too, as for db_tenant_once().
 */
void	 db_begin_bound_(struct db *, const char *sql, const char *const *p,
	    int n, struct db_rows *out, bool once);
#define db_begin_bound(db, sql, p, n, out, once) \
	db_begin_bound_((db), "" sql "", (p), (n), (out), (once))
/* True while a BEGIN waits for its first statement. */
bool	 db_pending(const struct db *);
int	 db_commit(struct db *);
void	 db_rollback(struct db *);	/* harmless outside a tx */

/* Runs a whole SQL script (migrations only; db.c is PQexec's one home). */
int	 db_script(struct db *, const char *sql);

void		 db_rows_release(struct db_rows *);
const char	*db_str(const struct db_rows *, size_t row, size_t col);
size_t		 db_len(const struct db_rows *, size_t row, size_t col);
int64_t		 db_int(const struct db_rows *, size_t row, size_t col);
bool		 db_bool(const struct db_rows *, size_t row, size_t col);
bool		 db_null(const struct db_rows *, size_t row, size_t col);

/* int64 to decimal text in a caller's buffer of at least 21 bytes. */
const char	*db_i64(char *dst, int64_t v);

#endif
