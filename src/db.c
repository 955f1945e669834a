/*
 * db.c - the PostgreSQL connection of this process.
 *
 * Owns: connecting and reconnecting, preparing each statement once per
 * connection (keyed by the address of its string literal), running it with
 * parameters, sending a transaction's BEGIN, tenant (or auth_bind()) and
 * first statement, and for one-statement transactions its COMMIT, as one
 * pipeline, mapping SQLSTATE to enum db_err, copying results out.
 * Not here: SQL text, which lives with its callers; schema (sql/).
 * PQexec is used here only for COMMIT/ROLLBACK and migrations.
 */
#include "db.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "cfg.h"
#include "log.h"
#include "banned.h"

struct db_stmt {
	const char	*sql;		/* the literal's address is the key */
	char		 name[24];
};

#define DB_MAX_STMTS	512

/* What goes before and after the next statement (db->pend, bits). */
enum {
	PEND_BEGIN	= 1 << 0,
	PEND_TENANT	= 1 << 1,	/* set_config of pend_tenant */
	PEND_BOUND	= 1 << 2,	/* db->bound: binds the tenant itself */
	PEND_COMMIT	= 1 << 3
};

static void
stmts_clear(struct db *db)
{
	free(db->stmts);
	db->stmts = NULL;
	db->nstmts = 0;
}

void
db_open(struct db *db, const char *role)
{
	struct buf	 b = BUF_INIT;

	memset(db, 0, sizeof(*db));
	buf_addf(&b, "%s connect_timeout=3 user=%s", cfg.db, role);
	db->conninfo = buf_detach(&b, NULL);
	db->conn = PQconnectdb(db->conninfo);
	if (PQstatus(db->conn) != CONNECTION_OK)
		log_err("db connect: %s", PQerrorMessage(db->conn));
}

void
db_close(struct db *db)
{
	if (db->conn != NULL)
		PQfinish(db->conn);
	db->conn = NULL;
	stmts_clear(db);
	free(db->conninfo);
	db->conninfo = NULL;
}

static bool
reconnect(struct db *db)
{
	stmts_clear(db);
	db->in_tx = false;
	if (db->conn == NULL)
		db->conn = PQconnectdb(db->conninfo);
	else
		PQreset(db->conn);
	if (PQstatus(db->conn) == CONNECTION_OK) {
		log_info("db reconnected");
		return true;
	}
	db->err = DB_ERR_CONN;
	return false;
}

bool
db_ready(struct db *db)
{
	if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK)
		return true;
	return reconnect(db);
}

static enum db_err
map_state(const char *st)
{
	if (st == NULL)
		return DB_ERR_CONN;
	if (strcmp(st, "23505") == 0)
		return DB_ERR_UNIQUE;
	if (strcmp(st, "28000") == 0)
		return DB_ERR_AUTH;
	if (strncmp(st, "23", 2) == 0 || strncmp(st, "22", 2) == 0)
		return DB_ERR_CHECK;
	if (strncmp(st, "08", 2) == 0 || strcmp(st, "57P01") == 0 ||
	    strcmp(st, "57P02") == 0 || strcmp(st, "57P03") == 0)
		return DB_ERR_CONN;
	return DB_ERR_OTHER;
}

static void
rows_copy(PGresult *res, struct db_rows *out)
{
	size_t	 r, c, i;

	out->nrows = (size_t)PQntuples(res);
	out->ncols = (size_t)PQnfields(res);
	out->cells = xcalloc(out->nrows * out->ncols + 1, sizeof(char *));
	out->lens = xcalloc(out->nrows * out->ncols + 1, sizeof(size_t));
	for (r = 0; r < out->nrows; r++)
		for (c = 0; c < out->ncols; c++) {
			i = r * out->ncols + c;
			if (PQgetisnull(res, (int)r, (int)c))
				continue;
			out->lens[i] = (size_t)PQgetlength(res, (int)r, (int)c);
			out->cells[i] = xstrndup(PQgetvalue(res, (int)r,
			    (int)c), out->lens[i]);
		}
}

/* The prepared name of sql on this connection, preparing it if new. */
static const char *
stmt_name(struct db *db, const char *sql, int n)
{
	PGresult	*res;
	size_t		 i;

	for (i = 0; i < db->nstmts; i++)
		if (db->stmts[i].sql == sql)
			return db->stmts[i].name;
	if (db->nstmts == DB_MAX_STMTS)
		return NULL;		/* run unprepared */
	if (db->stmts == NULL)
		db->stmts = xcalloc(DB_MAX_STMTS, sizeof(*db->stmts));
	snprintf(db->stmts[i].name, sizeof(db->stmts[i].name), "s%zu", i);
	res = PQprepare(db->conn, db->stmts[i].name, sql, n, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		PQclear(res);
		return NULL;		/* the execution reports the error */
	}
	PQclear(res);
	db->stmts[i].sql = sql;
	db->nstmts++;
	return db->stmts[i].name;
}

static PGresult *
run(struct db *db, const char *sql, const char *const *p, const int *lens,
    const int *fmts, int n)
{
	const char	*name;

	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK)
		return NULL;
	if ((name = stmt_name(db, sql, n)) != NULL)
		return PQexecPrepared(db->conn, name, n, p, lens, fmts, 0);
	return PQexecParams(db->conn, sql, n, NULL, p, lens, fmts, 0);
}

static int
finish(struct db *db, PGresult *res, const char *sql, struct db_rows *out)
{
	ExecStatusType	 st;
	const char	*state;

	st = res == NULL ? PGRES_FATAL_ERROR : PQresultStatus(res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
		if (out != NULL)
			rows_copy(res, out);
		PQclear(res);
		db->err = DB_OK;
		return 0;
	}
	state = res == NULL ? NULL : PQresultErrorField(res, PG_DIAG_SQLSTATE);
	db->err = map_state(state);
	if (db->conn != NULL && PQstatus(db->conn) != CONNECTION_OK)
		db->err = DB_ERR_CONN;
	snprintf(db->sqlstate, sizeof(db->sqlstate), "%s",
	    state == NULL ? "" : state);
	if (db->err != DB_ERR_UNIQUE && db->err != DB_ERR_AUTH)
		log_err("db: %s [%s] in: %.120s", db->conn == NULL ? "no conn"
		    : PQerrorMessage(db->conn), db->sqlstate, sql);
	PQclear(res);
	return -1;
}

/* One statement of a pipeline: prepared (name) or not. */
struct step {
	const char		*sql;
	const char		*name;
	int			 n;
	const char *const	*p;
	const int		*lens;
	const int		*fmts;
};

static bool
pipe_send(PGconn *c, const struct step *st, size_t nst)
{
	size_t	 i;
	int	 ok;

	if (PQenterPipelineMode(c) != 1)
		return false;
	for (i = 0; i < nst; i++) {
		if (st[i].name != NULL)
			ok = PQsendQueryPrepared(c, st[i].name, st[i].n,
			    st[i].p, st[i].lens, st[i].fmts, 0);
		else
			ok = PQsendQueryParams(c, st[i].sql, st[i].n, NULL,
			    st[i].p, st[i].lens, st[i].fmts, 0);
		if (ok != 1)
			return false;
	}
	return PQpipelineSync(c) == 1;
}

/*
 * Reads the results of nst steps and the sync. Returns the result of step
 * want or, when a step failed, the first failure (the server skipped the
 * rest, COMMIT included). *first_ok tells whether step 0 succeeded; the
 * result of step also (when below nst) goes to *also.
 */
static PGresult *
pipe_read(PGconn *c, size_t nst, size_t want, bool *first_ok, size_t also,
    PGresult **also_res)
{
	PGresult	*res, *keep = NULL, *x;
	ExecStatusType	 st;
	size_t		 i;

	*first_ok = false;
	for (i = 0; i < nst; i++) {
		if ((res = PQgetResult(c)) == NULL)
			break;			/* the connection failed */
		while ((x = PQgetResult(c)) != NULL)
			PQclear(x);
		st = PQresultStatus(res);
		if (i == 0)
			*first_ok = st == PGRES_COMMAND_OK;
		if (st == PGRES_FATAL_ERROR && (keep == NULL ||
		    PQresultStatus(keep) != PGRES_FATAL_ERROR)) {
			PQclear(keep);
			keep = res;
		} else if (i == want && keep == NULL)
			keep = res;
		else if (i == also && *also_res == NULL)
			*also_res = res;
		else
			PQclear(res);
	}
	if (i == nst && (res = PQgetResult(c)) != NULL)
		PQclear(res);			/* PGRES_PIPELINE_SYNC */
	(void)PQexitPipelineMode(c);	/* checked by the caller */
	return keep;
}

/*
 * The pending BEGIN, the tenant (set here, or by the bound statement), sql,
 * and for a one-statement transaction COMMIT, sent together. Retried once
 * on a new connection when the server had gone before BEGIN ran, as
 * nothing of ours can have happened then.
 */
static PGresult *
pipelined(struct db *db, const char *sql, const char *const *p,
    const int *lens, const int *fmts, int n)
{
	static const char	 set_tenant[] =
	    "SELECT set_config('app.tenant_id', $1, true)";
	struct step		 st[4];
	char			 id[21];
	const char		*tp[1] = { db_i64(id, db->pend_tenant) };
	PGresult		*res = NULL, *bound = NULL;
	size_t			 nst, want, bstep = 0;
	int			 pend = db->pend, try;
	bool			 first_ok;

	db->pend = 0;
	for (try = 0; try < 2; try++) {
		PQclear(res);
		res = NULL;
		if ((db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) &&
		    !reconnect(db))
			return NULL;
		memset(st, 0, sizeof(st));
		nst = 0;
		st[nst++].sql = "BEGIN";
		if (pend & PEND_TENANT) {
			st[nst].sql = set_tenant;
			st[nst].name = stmt_name(db, set_tenant, 1);
			st[nst].n = 1;
			st[nst++].p = tp;
		} else if (pend & PEND_BOUND) {
			bstep = nst;
			st[nst].sql = db->bound.sql;
			st[nst].name = stmt_name(db, db->bound.sql,
			    db->bound.n);
			st[nst].n = db->bound.n;
			st[nst++].p = db->bound.p;
		}
		want = nst;
		st[nst] = (struct step){ sql, stmt_name(db, sql, n), n, p,
		    lens, fmts };
		nst++;
		if (pend & PEND_COMMIT)
			st[nst++].sql = "COMMIT";
		first_ok = false;
		if (pipe_send(db->conn, st, nst))
			res = pipe_read(db->conn, nst, want, &first_ok,
			    bstep > 0 ? bstep : nst, &bound);
		else
			(void)PQexitPipelineMode(db->conn);
		if (PQpipelineStatus(db->conn) != PQ_PIPELINE_OFF) {
			/* Out of step with the server: a new connection. */
			PQfinish(db->conn);
			db->conn = NULL;
		}
		if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK) {
			db->in_tx = PQtransactionStatus(db->conn) !=
			    PQTRANS_IDLE;
			break;
		}
		db->in_tx = false;
		if (first_ok)
			break;		/* our transaction began: no retry */
		PQclear(bound);
		bound = NULL;
	}
	if ((pend & PEND_BOUND) && db->bound.out != NULL && bound != NULL &&
	    PQresultStatus(bound) == PGRES_TUPLES_OK)
		rows_copy(bound, db->bound.out);
	PQclear(bound);
	return res;
}

int
db_execb_(struct db *db, const char *sql, const char *const *p,
    const int *lens, const int *fmts, int n, struct db_rows *out)
{
	PGresult	*res;

	if (db->pend != 0)
		return finish(db, pipelined(db, sql, p, lens, fmts, n), sql,
		    out);
	res = run(db, sql, p, lens, fmts, n);
	if (res == NULL || (PQresultStatus(res) == PGRES_FATAL_ERROR &&
	    PQstatus(db->conn) != CONNECTION_OK)) {
		/* Outside a transaction one retry after a server restart. */
		if (!db->in_tx && reconnect(db)) {
			PQclear(res);
			res = run(db, sql, p, lens, fmts, n);
		}
	}
	return finish(db, res, sql, out);
}

int
db_exec_(struct db *db, const char *sql, const char *const *p, int n,
    struct db_rows *out)
{
	return db_execb_(db, sql, p, NULL, NULL, n, out);
}

static int
simple(struct db *db, const char *cmd)
{
	PGresult	*res;

	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK)
		return finish(db, NULL, cmd, NULL);
	res = PQexec(db->conn, cmd);
	return finish(db, res, cmd, NULL);
}

int
db_begin(struct db *db)
{
	db->pend = PEND_BEGIN;
	return 0;
}

int
db_begin_tenant(struct db *db, int64_t tenant_id)
{
	db->pend = PEND_BEGIN | PEND_TENANT;
	db->pend_tenant = tenant_id;
	return 0;
}

void
db_tenant_once(struct db *db, int64_t tenant_id)
{
	db->pend = PEND_BEGIN | PEND_TENANT | PEND_COMMIT;
	db->pend_tenant = tenant_id;
}

void
db_begin_bound_(struct db *db, const char *sql, const char *const *p, int n,
    struct db_rows *out, bool once)
{
	db->pend = PEND_BEGIN | PEND_BOUND | (once ? PEND_COMMIT : 0);
	db->bound.sql = sql;
	db->bound.p = p;
	db->bound.n = n;
	db->bound.out = out;
}

bool
db_pending(const struct db *db)
{
	return db->pend != 0;
}

int
db_commit(struct db *db)
{
	int	 rc = 0;

	db->pend = 0;		/* no statement ran: nothing to end */
	if (db->in_tx)
		rc = simple(db, "COMMIT");
	db->in_tx = false;
	return rc;
}

void
db_rollback(struct db *db)
{
	PGresult	*res;

	db->pend = 0;
	if (db->in_tx && db->conn != NULL &&
	    PQstatus(db->conn) == CONNECTION_OK) {
		res = PQexec(db->conn, "ROLLBACK");
		PQclear(res);
	}
	db->in_tx = false;
}

int
db_script(struct db *db, const char *sql)
{
	if (!db_ready(db))
		return -1;
	return finish(db, PQexec(db->conn, sql), "script", NULL);
}

void
db_rows_release(struct db_rows *r)
{
	size_t	 i;

	if (r->cells != NULL)
		for (i = 0; i < r->nrows * r->ncols; i++)
			free(r->cells[i]);
	free(r->cells);
	free(r->lens);
	memset(r, 0, sizeof(*r));
}

const char *
db_str(const struct db_rows *r, size_t row, size_t col)
{
	if (row >= r->nrows || col >= r->ncols)
		return NULL;
	return r->cells[row * r->ncols + col];
}

size_t
db_len(const struct db_rows *r, size_t row, size_t col)
{
	if (row >= r->nrows || col >= r->ncols)
		return 0;
	return r->lens[row * r->ncols + col];
}

bool
db_null(const struct db_rows *r, size_t row, size_t col)
{
	return db_str(r, row, col) == NULL;
}

int64_t
db_int(const struct db_rows *r, size_t row, size_t col)
{
	const char	*s = db_str(r, row, col);

	return s == NULL ? 0 : strtoll(s, NULL, 10);
}

bool
db_bool(const struct db_rows *r, size_t row, size_t col)
{
	const char	*s = db_str(r, row, col);

	return s != NULL && s[0] == 't';
}

const char *
db_i64(char *dst, int64_t v)
{
	snprintf(dst, 21, "%" PRId64, v);
	return dst;
}
