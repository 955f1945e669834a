/*
 * auth.h - who is asking: sessions, bearer tokens, logins, CSRF.
 *
 * Owns: creating and checking cookie sessions and API tokens (stored only
 * as SHA-256 hashes), password checks with per-account and per-address
 * throttling, and CSRF tokens derived from the session with the master key.
 * Not here: password hashing itself (sec.c), pages (cgi-bin/crm/login.c).
 */
#ifndef LOOP_AUTH_H
#define LOOP_AUTH_H

#include <stdbool.h>

#include "app.h"

#define AUTH_SESSION_COOKIE	"loop_session"
#define AUTH_CSRF_COOKIE	"loop_csrf"
#define AUTH_ACCT_LIMIT		5	/* failures per account per window */
#define AUTH_ADDR_LIMIT		30	/* failures per address per window */

enum auth_result {
	AUTH_OK,
	AUTH_BAD,		/* wrong email or password */
	AUTH_THROTTLED,		/* too many failures: *retry_after seconds */
	AUTH_ERROR		/* the database failed */
};

/* Fills req->auth from the session cookie; 0 even when there is none. */
int	 auth_from_cookie(struct req *);
/* Fills req->auth from "Authorization: Bearer"; 0 even when none. */
int	 auth_from_bearer(struct req *);
/*
 * For routes whose handler runs one statement (R_TOKEN_PIPE): the bearer
 * token's check, auth_bind(), is sent in one round trip with that
 * statement, which runs only when the token is good (req->auth.deferred).
 * Without a token nothing is pending and req->auth stays not ok.
 */
void	 auth_bearer_defer(struct req *);
/*
 * After such a handler: req->auth from auth_bind()'s row, or from a check
 * made now when the handler ran no statement. -1: the database failed.
 */
int	 auth_settle(struct req *);

/*
 * Checks email and password (throttled per account and client address).
 * On AUTH_OK a new session (api false) or API token (api true) is made and
 * its secret appended to token; req->auth is filled.
 */
enum auth_result auth_login(struct req *, const char *email, const char *pw,
		    bool api, struct buf *token, int *retry_after);
/* Deletes the current session. */
int	 auth_logout(struct req *);

/* The CSRF token a form of this session must carry. */
bool	 auth_csrf_ok(const struct req *, const char *token);
/*
 * For forms shown before login: the value of the loop_csrf cookie (made
 * and set on resp when absent) and the token the form carries.
 */
void	 auth_login_csrf(struct req *, struct resp *, char out[65]);
bool	 auth_login_csrf_ok(const struct req *, const char *token);

#endif
