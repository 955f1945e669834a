/*
 * bare.c - the floor of the stack for `make bench`: a FastCGI responder
 * that does one primary-key PQexecParams lookup and prints a 2 KB page.
 *
 * Usage: BENCH_DB=conninfo bare SOCKET WORKERS TENANT_ID
 * Listens like loop-crm (backlog 256, mode 0666), forks WORKERS processes,
 * each with one database connection; the parent only waits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libpq-fe.h>

#include "banned.h"

#define PAGE	2048

int
main(int argc, char **argv)
{
	FCGX_Request	 fr;
	PGconn		*db;
	PGresult	*res;
	char		 page[PAGE + 1];
	int		 sock, i, n, ok, len;

	if (argc != 4 || (n = (int)strtol(argv[2], NULL, 10)) < 1 ||
	    FCGX_Init() != 0 || (sock = FCGX_OpenSocket(argv[1], 256)) < 0)
		return 2;
	chmod(argv[1], 0666);
	for (i = 0; i < n && fork() > 0; i++)
		;
	if (i == n) {
		while (wait(NULL) > 0)
			;
		return 0;
	}
	db = PQconnectdb(getenv("BENCH_DB"));
	FCGX_InitRequest(&fr, sock, 0);
	while (FCGX_Accept_r(&fr) >= 0) {
		res = PQexecParams(db, "SELECT name FROM tenants WHERE id = $1",
		    1, NULL, (const char *const *)&argv[3], NULL, NULL, 0);
		ok = PQresultStatus(res) == PGRES_TUPLES_OK &&
		    PQntuples(res) == 1;
		len = snprintf(page, sizeof(page), "<!doctype html><title>%.100s"
		    "</title><p>", ok ? PQgetvalue(res, 0, 0) : "");
		memset(page + len, 'x', PAGE - len);
		PQclear(res);
		FCGX_FPrintF(fr.out, "Status: %d\r\nContent-Type: text/html; "
		    "charset=utf-8\r\nContent-Length: %d\r\n\r\n", ok ? 200 : 500,
		    PAGE);
		FCGX_PutStr(page, PAGE, fr.out);
		FCGX_Finish_r(&fr);
	}
	PQfinish(db);
	return 0;
}
