/*
 * harvest.c - the Greenhouse Harvest API client.
 *
 * Owns: credentials (tenant settings), the v3 token and its sealed cache,
 * the route of each resource in v1 and v3, one call with its retries
 * (5xx and network: backoff; 429: Retry-After; 401 on v3: one token
 * refresh), the rate-limit pause, list pages, gets and the two writes.
 * Not here: JSON shapes (gh_map.c), the outbox side (harvest_outbox.c),
 * storing (sync.c). Secrets never reach a log line: fetch.c describes a
 * request by method, host and path only.
 */
#include "harvest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cfg.h"
#include "fetch.h"
#include "gh_map.h"
#include "jsonx.h"
#include "log.h"
#include "sec.h"
#include "tenant.h"
#include "banned.h"

#define TOKEN_MARGIN	60	/* seconds before expiry a token is renewed */
#define RL_WINDOW	10	/* Harvest counts requests per 10 s */

/* v1 and v3 paths of each resource, below the base URL. */
static const char *const res_path[HARVEST__MAX][2] = {
	[HARVEST_CANDIDATES]	= { "/v1/candidates", "/v3/candidates" },
	[HARVEST_JOBS]		= { "/v1/jobs", "/v3/jobs" },
	[HARVEST_JOB_POSTS]	= { "/v1/job_posts", "/v3/job_posts" },
	[HARVEST_INTERVIEWS]	= { "/v1/scheduled_interviews",
				    "/v3/scheduled_interviews" },
};

/* One request as harvest sees it; call() adds auth and retries. */
struct call {
	enum fetch_method	 method;
	const char		*url;
	const char		*body;		/* JSON, or the token form */
	bool			 write;		/* v1: On-Behalf-Of */
	bool			 token;		/* the v3 token request */
};

static void
sleep_ms(long ms)
{
	struct timespec	 ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (ms > 0 && nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* Percent-encodes a query value (RFC 3986 unreserved pass). */
static void
pct(const char *s, struct buf *out)
{
	static const char	 hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		unsigned char	 c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c) != NULL)
			buf_addc(out, (char)c);
		else
			buf_addf(out, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

/* ------------------------------------------------------------ settings */

static int
read_settings(struct harvest *h)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	bool		 f1, f2, f3, f4;
	int		 rc = -1;

	if (tenant_get(h->db, h->tenant, "harvest_client_id", &h->client_id,
	    &f1) == -1 || tenant_get(h->db, h->tenant,
	    "harvest_client_secret", &h->client_secret, &f2) == -1 ||
	    tenant_get(h->db, h->tenant, "harvest_user_id", &h->user_id,
	    &f3) == -1 || tenant_get(h->db, h->tenant, "harvest_api_key",
	    &h->api_key, &f4) == -1)
		goto out;
	h->v3 = f1 && h->client_id.len > 0;
	if (h->v3 && db_exec(h->db, "SELECT sealed, extract(epoch FROM"
	    " expires_at)::bigint FROM harvest_tokens WHERE expires_at >"
	    " now() + interval '1 minute'", NULL, 0, &rows) == -1)
		goto out;
	if (rows.nrows == 1 &&
	    sec_open_bytea(db_str(&rows, 0, 0), &h->token) == 0)
		h->token_exp = (time_t)db_int(&rows, 0, 1);
	rc = 0;
out:
	db_rows_release(&rows);
	return rc;
}

int
harvest_open(struct harvest *h, struct db *db, int64_t tenant,
    bool *configured)
{
	memset(h, 0, sizeof(*h));
	buf_init(&h->client_id);
	buf_init(&h->client_secret);
	buf_init(&h->api_key);
	buf_init(&h->user_id);
	buf_init(&h->token);
	h->db = db;
	h->tenant = tenant;
	h->backoff_ms = 500;
	*configured = false;
	if (db_begin_tenant(db, tenant) == -1)
		return -1;
	if (read_settings(h) == -1 || db_commit(db) == -1) {
		db_rollback(db);
		return -1;
	}
	*configured = h->v3 || h->api_key.len > 0;
	if (h->v3 && (h->client_secret.len == 0 || h->user_id.len == 0)) {
		log_err("harvest: tenant %lld has a client id but no client "
		    "secret or user id", (long long)tenant);
		return -1;
	}
	return 0;
}

void
harvest_close(struct harvest *h)
{
	buf_release(&h->client_id);
	buf_release(&h->client_secret);
	buf_release(&h->api_key);
	buf_release(&h->user_id);
	buf_release(&h->token);
}

/* ------------------------------------------------------------ token */

static int call(struct harvest *, const struct call *, struct fetch_resp *,
    struct buf *, bool *);

static int
token_store(struct harvest *h)
{
	struct buf	 sealed = BUF_INIT;
	char		 exp[21];
	const char	*p[2];
	int		 lens[2] = { 0, 0 }, fmts[2] = { 1, 0 }, rc = -1;

	sec_seal(h->token.ptr, h->token.len, &sealed);
	p[0] = sealed.ptr;
	lens[0] = (int)sealed.len;
	p[1] = db_i64(exp, (int64_t)h->token_exp);
	if (db_begin_tenant(h->db, h->tenant) == -1)
		goto out;
	if (db_execb(h->db, "INSERT INTO harvest_tokens (tenant_id, sealed,"
	    " expires_at) VALUES (app_tenant(), $1, to_timestamp($2::bigint))"
	    " ON CONFLICT (tenant_id) DO UPDATE SET sealed = EXCLUDED.sealed,"
	    " expires_at = EXCLUDED.expires_at, updated_at = now()",
	    p, lens, fmts, 2, NULL) == -1 || db_commit(h->db) == -1) {
		db_rollback(h->db);
		goto out;
	}
	rc = 0;
out:
	buf_release(&sealed);
	return rc;
}

/* Client credentials: a new bearer token for the tenant's user. */
static int
token_fetch(struct harvest *h, struct buf *err, bool *permanent)
{
	struct fetch_resp	 resp;
	struct json_object	*doc = NULL;
	struct buf		 form = BUF_INIT;
	struct call		 c = { FETCH_POST, cfg.harvest_auth_url, NULL,
				    false, true };
	const char		*tok;
	int64_t			 ttl = 3600;
	bool			 found;
	int			 rc = -1;

	fetch_resp_init(&resp);
	buf_adds(&form, "grant_type=client_credentials&sub=");
	pct(h->user_id.ptr, &form);
	c.body = form.ptr;
	if (call(h, &c, &resp, err, permanent) == -1)
		goto out;
	if ((doc = jsonx_parse(resp.body.ptr, resp.body.len, NULL)) == NULL ||
	    jsonx_str(doc, "access_token", &tok, &found) == -1 || !found ||
	    strlen(tok) > 16384 ||
	    jsonx_int64(doc, "expires_in", &ttl, &found) == -1) {
		buf_addf(err, "harvest token: the reply is not a token");
		goto out;
	}
	if (!found || ttl <= 0 || ttl > 86400)
		ttl = 3600;
	buf_reset(&h->token);
	buf_adds(&h->token, tok);
	h->token_exp = time(NULL) + (time_t)ttl;
	rc = 0;
	if (token_store(h) == -1)	/* the token still works in memory */
		log_err("harvest: could not cache the token");
out:
	json_object_put(doc);
	buf_release(&form);
	fetch_resp_release(&resp);
	return rc;
}

static int
token_ready(struct harvest *h, struct buf *err, bool *permanent)
{
	if (!h->v3 || (h->token.len > 0 &&
	    time(NULL) < h->token_exp - TOKEN_MARGIN))
		return 0;
	return token_fetch(h, err, permanent);
}

/* ------------------------------------------------------------ one call */

/* Sends one request with the credentials its kind needs. */
static int
send_once(struct harvest *h, const struct call *c, struct fetch_resp *resp,
    struct buf *err)
{
	struct fetch_req	 req;
	struct buf		 auth = BUF_INIT, obo = BUF_INIT;
	const char		*hdr[5];
	size_t			 n = 0;
	int			 rc;

	memset(&req, 0, sizeof(req));
	req.method = c->method;
	req.url = c->url;
	req.body = c->body;
	req.body_len = c->body != NULL ? strlen(c->body) : 0;
	hdr[n++] = "Accept: application/json";
	if (c->body != NULL)
		hdr[n++] = c->token ? "Content-Type: "
		    "application/x-www-form-urlencoded" :
		    "Content-Type: application/json";
	if (c->token) {
		req.basic_user = h->client_id.ptr;
		req.basic_pass = h->client_secret.ptr;
	} else if (h->v3) {
		buf_addf(&auth, "Authorization: Bearer %s", h->token.ptr);
		hdr[n++] = auth.ptr;
	} else {
		req.basic_user = h->api_key.ptr;
		req.basic_pass = "";
		if (c->write && h->user_id.len > 0) {
			buf_addf(&obo, "On-Behalf-Of: %s", h->user_id.ptr);
			hdr[n++] = obo.ptr;
		}
	}
	hdr[n] = NULL;
	req.headers = hdr;
	h->calls++;
	rc = fetch_do(&req, resp, err);
	buf_release(&auth);
	buf_release(&obo);
	return rc;
}

/* Seconds until an X-RateLimit-Reset (epoch, delta or HTTP date). */
static long
reset_secs(const char *v)
{
	char	*end;
	long	 n;

	if (v == NULL)
		return RL_WINDOW;
	n = strtol(v, &end, 10);
	if (end != v && *end == '\0' && n > 1000000000L)
		n = (long)(n - time(NULL));
	else
		n = fetch_retry_after(v);
	return (n < 0 || n > HARVEST_MAX_WAIT) ? RL_WINDOW : n;
}

/* "harvest: 422 PATCH host/path: <Greenhouse's message>" */
static void
http_error(const struct call *c, const struct fetch_resp *resp,
    struct buf *err)
{
	struct json_object	*doc;
	const char		*msg = NULL;
	bool			 found;

	doc = jsonx_parse(resp->body.ptr, resp->body.len, NULL);
	if (doc != NULL && jsonx_str(doc, "message", &msg, &found) == -1)
		msg = NULL;
	buf_reset(err);
	buf_addf(err, "harvest: HTTP %ld from %s%s%.200s", resp->status,
	    c->token ? "the token endpoint" : "Harvest",
	    msg != NULL ? ": " : "", msg != NULL ? msg : "");
	json_object_put(doc);
}

/* What to do after a reply: 1 retry after *wait ms, 0 done, -1 give up. */
static int
judge(struct harvest *h, const struct call *c, const struct fetch_resp *resp,
    int attempt, bool *refreshed, long *wait)
{
	*wait = h->backoff_ms << (attempt - 1);
	if (resp->status == 429) {
		if (resp->retry_after > HARVEST_MAX_WAIT)
			return -1;
		if (resp->retry_after >= 0)
			*wait = resp->retry_after * 1000;
		return 1;
	}
	if (resp->status >= 500)
		return 1;
	if (resp->status == 401 && h->v3 && !c->token && !*refreshed) {
		*refreshed = true;
		buf_reset(&h->token);	/* token_ready() fetches a new one */
		*wait = 0;
		return 1;
	}
	if (resp->rl_remaining == 0)
		h->pause_until = time(NULL) + reset_secs(resp->rl_reset);
	return 0;
}

/*
 * Sends c until a final reply: 0 with resp filled when it is 2xx, -1
 * otherwise with err; *permanent when retrying later cannot help (4xx).
 */
static int
call(struct harvest *h, const struct call *c, struct fetch_resp *resp,
    struct buf *err, bool *permanent)
{
	bool	 refreshed = false;
	long	 wait = 0;
	int	 attempt, v = 1;

	*permanent = false;
	for (attempt = 1; attempt <= HARVEST_ATTEMPTS && v == 1; attempt++) {
		if (h->pause_until > time(NULL))
			sleep_ms(1000L * (long)(h->pause_until - time(NULL)));
		if (!c->token && token_ready(h, err, permanent) == -1)
			return -1;
		if (send_once(h, c, resp, err) == -1) {
			if (attempt < HARVEST_ATTEMPTS)
				sleep_ms(h->backoff_ms << (attempt - 1));
			continue;
		}
		v = judge(h, c, resp, attempt, &refreshed, &wait);
		if (v == 1 && attempt < HARVEST_ATTEMPTS)
			sleep_ms(wait);
	}
	if (resp->status >= 200 && resp->status < 300)
		return 0;
	if (resp->status != 0)
		http_error(c, resp, err);
	*permanent = resp->status >= 400 && resp->status < 500 &&
	    resp->status != 429 && resp->status != 408;
	log_err("%s", err->ptr);
	return -1;
}

/* ------------------------------------------------------------ reading */

void
harvest_page_release(struct harvest_page *p)
{
	json_object_put(p->doc);
	free(p->next_url);
	memset(p, 0, sizeof(*p));
}

/* A Link target must stay on the configured Harvest origin. */
static bool
same_origin(const char *url)
{
	size_t	 n = strlen(cfg.harvest_url);

	return strncmp(url, cfg.harvest_url, n) == 0 && url[n] == '/';
}

static void
first_url(const struct harvest *h, enum harvest_res res, const char *after,
    struct buf *url)
{
	buf_addf(url, "%s%s?per_page=%d", cfg.harvest_url,
	    res_path[res][h->v3], HARVEST_PER_PAGE);
	if (after == NULL)
		return;
	/* v1: updated_after=; v3: updated_at[gte]= (cursor links keep it). */
	buf_adds(url, h->v3 ? "&updated_at%5Bgte%5D=" : "&updated_after=");
	pct(after, url);
}

/* GET url; the reply's list in page. */
static int
get_page(struct harvest *h, const char *url, struct harvest_page *page)
{
	struct fetch_resp	 resp;
	struct buf		 err = BUF_INIT;
	struct call		 c = { FETCH_GET, url, NULL, false, false };
	const char		*why = NULL;
	bool			 permanent;
	int			 rc = -1;

	fetch_resp_init(&resp);
	harvest_page_release(page);
	if (call(h, &c, &resp, &err, &permanent) == -1)
		goto out;
	if ((page->doc = jsonx_parse(resp.body.ptr, resp.body.len, &why)) ==
	    NULL || (page->items = gh_list_items(page->doc)) == NULL) {
		log_err("harvest: a list reply is not a JSON list: %s",
		    why != NULL ? why : "no array");
		harvest_page_release(page);
		goto out;
	}
	if (resp.next_url != NULL && !same_origin(resp.next_url))
		log_err("harvest: ignoring a next link to another origin");
	else if (resp.next_url != NULL) {
		page->next_url = resp.next_url;
		resp.next_url = NULL;
	}
	rc = 0;
out:
	fetch_resp_release(&resp);
	buf_release(&err);
	return rc;
}

int
harvest_list(struct harvest *h, enum harvest_res res,
    const char *updated_after, const char *url, struct harvest_page *page)
{
	struct buf	 first = BUF_INIT;
	int		 rc;

	if (url == NULL)
		first_url(h, res, updated_after, &first);
	else if (!same_origin(url)) {
		log_err("harvest: refusing a page URL off the Harvest origin");
		return -1;
	}
	rc = get_page(h, url != NULL ? url : first.ptr, page);
	buf_release(&first);
	return rc;
}

int
harvest_get(struct harvest *h, enum harvest_res res, int64_t id,
    struct json_object **out, bool *found)
{
	struct harvest_page	 page;
	struct fetch_resp	 resp;
	struct buf		 url = BUF_INIT, err = BUF_INIT;
	struct call		 c = { FETCH_GET, NULL, NULL, false, false };
	bool			 permanent;
	int			 rc = -1;

	*out = NULL;
	*found = false;
	memset(&page, 0, sizeof(page));
	fetch_resp_init(&resp);
	if (h->v3)		/* v3 gets one record through its list */
		buf_addf(&url, "%s%s?ids=%lld", cfg.harvest_url,
		    res_path[res][1], (long long)id);
	else
		buf_addf(&url, "%s%s/%lld", cfg.harvest_url, res_path[res][0],
		    (long long)id);
	c.url = url.ptr;
	if (h->v3) {
		if (get_page(h, url.ptr, &page) == -1)
			goto out;
		if (json_object_array_length(page.items) > 0)
			*out = json_object_get(json_object_array_get_idx(
			    page.items, 0));
	} else if (call(h, &c, &resp, &err, &permanent) == -1) {
		if (resp.status != 404)
			goto out;
	} else if ((*out = jsonx_parse(resp.body.ptr, resp.body.len,
	    NULL)) == NULL)
		goto out;
	*found = *out != NULL;
	rc = 0;
out:
	harvest_page_release(&page);
	fetch_resp_release(&resp);
	buf_release(&url);
	buf_release(&err);
	return rc;
}

/* ------------------------------------------------------------ writing */

int
harvest_set_sms_consent(struct harvest *h, int64_t candidate_id, bool yes,
    struct buf *err, bool *permanent)
{
	struct json_object	*body = gh_consent_patch(yes);
	struct fetch_resp	 resp;
	struct buf		 url = BUF_INIT;
	struct call		 c = { FETCH_PATCH, NULL, NULL, true, false };
	int			 rc;

	fetch_resp_init(&resp);
	buf_addf(&url, "%s%s/%lld", cfg.harvest_url,
	    res_path[HARVEST_CANDIDATES][h->v3], (long long)candidate_id);
	c.url = url.ptr;
	c.body = json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN);
	rc = call(h, &c, &resp, err, permanent);
	json_object_put(body);
	fetch_resp_release(&resp);
	buf_release(&url);
	return rc;
}

int
harvest_add_prospect(struct harvest *h, const struct person_rec *p,
    int64_t *gh_id, struct buf *err, bool *permanent)
{
	struct json_object	*body = gh_prospect_body(p), *doc = NULL;
	struct fetch_resp	 resp;
	struct buf		 url = BUF_INIT;
	struct call		 c = { FETCH_POST, NULL, NULL, true, false };
	bool			 found;
	int			 rc = -1;

	fetch_resp_init(&resp);
	buf_addf(&url, "%s%s", cfg.harvest_url, h->v3 ? "/v3/prospects" :
	    "/v1/prospects");
	c.url = url.ptr;
	c.body = json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN);
	if (call(h, &c, &resp, err, permanent) == -1)
		goto out;
	if ((doc = jsonx_parse(resp.body.ptr, resp.body.len, NULL)) == NULL ||
	    jsonx_int64(doc, "id", gh_id, &found) == -1 || !found) {
		buf_reset(err);
		buf_adds(err, "harvest: the prospect reply carries no id");
		goto out;
	}
	rc = 0;
out:
	json_object_put(doc);
	json_object_put(body);
	fetch_resp_release(&resp);
	buf_release(&url);
	return rc;
}
