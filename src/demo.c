/*
 * demo.c - a demo tenant a new user can click through.
 *
 * Owns: the demo tenant, its recruiter, and its data: people (candidates
 * and prospects, accented and apostrophe names, emails, E.164 mobiles in
 * the fictional 555-01xx range), SMS consent with evidence, requisitions
 * with applicants at different stages, pools, and the recruiter's pins.
 * Added once: a tenant that has demo people keeps them as they are.
 * Not here: generic tenant and user creation (tenant.c), writing people
 * (person.c), consent rules (consent.c).
 */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "consent.h"
#include "person.h"
#include "pin.h"
#include "pool.h"
#include "tenant.h"
#include "banned.h"

static const struct demo_person {
	const char	*first, *last, *email, *phone, *kind;
	char		 consent;	/* g granted, r revoked, q requested */
	int		 job;		/* 1..3: applied to that job; 0 none */
	const char	*stage;
	char		 pool;		/* b backend pool, c campus pool */
	bool		 pin;
} people[] = {
	{ "Zoë", "O'Brien", "zoe.obrien@example.com", "+12025550101",
	    "candidate", 'g', 1, "Technical Interview", 'b', true },
	{ "Albert", "Einstein", "albert.einstein@example.com", "+12025550102",
	    "candidate", 'g', 1, "Offer", 'b', true },
	{ "Alberta", "Stone", "alberta.stone@example.net", "+12025550103",
	    "candidate", 0, 1, "Application Review", 'b', false },
	{ "José", "García Márquez", "jose.garcia@example.org", "+12025550104",
	    "candidate", 'g', 2, "Portfolio Review", 0, true },
	{ "Siobhán", "Ní Bhriain", "siobhan.nibhriain@example.com",
	    "+12025550105", "candidate", 'q', 2, "Phone Screen", 0, false },
	{ "Łukasz", "Wiśniewski", "lukasz.w@example.com", "+12025550106",
	    "candidate", 'r', 1, "Rejected", 'b', false },
	{ "Mei", "Chen", "mei.chen@example.com", "+12025550107", "prospect",
	    0, 0, NULL, 'c', false },
	{ "Priya", "Raman", "priya.raman@example.com", "+12025550108",
	    "prospect", 'g', 0, NULL, 'c', false },
	{ "D'Andre", "Williams", "dandre.williams@example.com",
	    "+12025550109", "candidate", 0, 3, "Hiring Manager Review", 0,
	    false },
	{ "Renée", "Lefèvre", "renee.lefevre@example.fr", "+33612345678",
	    "prospect", 0, 0, NULL, 'c', false },
	{ "Grace", "Hopper", "grace.hopper@example.com", "+12025550111",
	    "candidate", 'g', 1, "Onsite", 'b', false },
	{ "Ada", "Lovelace", "ada.lovelace@example.com", "+12025550112",
	    "candidate", 'g', 1, "Application Review", 'b', false },
	{ "Kwame", "Mensah", "kwame.mensah@example.com", "+12025550113",
	    "candidate", 0, 3, "Phone Screen", 0, false },
	{ "Søren", "Kierkegaard", "soren.k@example.dk", "+4520123456",
	    "prospect", 0, 0, NULL, 0, false },
	{ "Fatima", "Al-Sayed", "fatima.alsayed@example.com", "+12025550115",
	    "candidate", 'q', 2, "Application Review", 0, false },
	{ "Tomás", "O'Connor", "tomas.oconnor@example.ie", "+353861234567",
	    "candidate", 0, 1, "Phone Screen", 'b', false },
	{ "Hiroshi", "Tanaka", "hiroshi.tanaka@example.jp", "+12025550117",
	    "prospect", 0, 0, NULL, 'c', false },
	{ "Amara", "Okafor", "amara.okafor@example.com", "+12025550118",
	    "candidate", 'g', 3, "Offer", 0, false },
	{ "Björn", "Andersson", "bjorn.andersson@example.se", "+12025550119",
	    "candidate", 0, 2, "Rejected", 0, false },
	{ "Lucía", "Fernández", "lucia.fernandez@example.es", "+12025550120",
	    "prospect", 0, 0, NULL, 'c', false },
};

static const char *const jobs[] = {
	"Senior Backend Engineer", "Product Designer", "Recruiting Coordinator",
};

/* Three requisitions (Greenhouse ids 900001..), as Greenhouse sends them. */
static int
demo_jobs(struct db *db)
{
	char		 gh[21], req[32];
	const char	*p[3];
	size_t		 i;

	for (i = 0; i < sizeof(jobs) / sizeof(jobs[0]); i++) {
		p[0] = db_i64(gh, 900001 + (int64_t)i);
		p[1] = jobs[i];
		snprintf(req, sizeof(req), "REQ-%03zu", 101 + i);
		p[2] = req;
		if (db_exec(db, "INSERT INTO jobs (tenant_id, greenhouse_id, name,"
		    " requisition_id, status, opened_at) VALUES (app_tenant(),"
		    " $1::bigint, $2, $3, 'open', now() - interval '30 days')"
		    " ON CONFLICT DO NOTHING", p, 3, NULL) == -1)
			return -1;
	}
	return 0;
}

static int
demo_application(struct db *db, int64_t person, size_t i)
{
	char		 pid[21], gh[21], job[21];
	const char	*p[4];

	p[0] = db_i64(pid, person);
	p[1] = db_i64(gh, 800001 + (int64_t)i);
	p[2] = db_i64(job, 900000 + people[i].job);
	p[3] = people[i].stage;
	return db_exec(db, "INSERT INTO applications (tenant_id, greenhouse_id,"
	    " person_id, job_gh_id, job_gh_ids, status, stage_name, applied_at)"
	    " VALUES (app_tenant(), $2::bigint, $1::bigint, $3::bigint,"
	    " ARRAY[$3::bigint], CASE $4 WHEN 'Rejected' THEN 'rejected' ELSE"
	    " 'active' END, $4, now() - ($2::bigint % 20) * interval '1 day')"
	    " ON CONFLICT DO NOTHING", p, 4, NULL);
}

static int
demo_consent(struct db *db, int64_t person, char c)
{
	struct consent_evidence	 ev;

	memset(&ev, 0, sizeof(ev));
	ev.note = "demo data";
	if (c == 'g')
		return consent_change(db, person, NULL, CONSENT_GRANTED,
		    CONSENT_SRC_OPTIN_PAGE, &ev, NULL);
	if (c == 'q')
		return consent_change(db, person, NULL, CONSENT_REQUESTED,
		    CONSENT_SRC_RECRUITER, &ev, NULL);
	if (c == 'r')
		return consent_change(db, person, NULL, CONSENT_REVOKED,
		    CONSENT_SRC_KEYWORD, &ev, NULL);
	return 0;
}

static int
demo_one(struct db *db, int64_t user, size_t i, int64_t pools[2])
{
	const struct demo_person	*d = &people[i];
	struct person_rec		 rec;
	enum person_saved		 what;
	int64_t				 id;
	bool				 found;

	memset(&rec, 0, sizeof(rec));
	rec.kind = d->kind;
	rec.first_name = d->first;
	rec.last_name = d->last;
	rec.owner_id = i % 3 == 2 ? 0 : user;
	rec.source = "demo";
	rec.emails[0].email = d->email;
	rec.emails[0].type = "personal";
	rec.nemails = 1;
	rec.phones[0].raw = d->phone;
	rec.phones[0].type = "mobile";
	rec.nphones = 1;
	if (person_save(db, &rec, &id, &what) == -1 ||
	    (d->job > 0 && demo_application(db, id, i) == -1) ||
	    demo_consent(db, id, d->consent) == -1 ||
	    (d->pool != 0 && pool_member(db, user, pools[d->pool == 'c'], id,
	    true, &found) == -1) ||
	    (d->pin && pin_set(db, user, PIN_PERSON, id, true, &found) == -1))
		return -1;
	return 0;
}

/* People, jobs, pools and pins, once. */
static int
demo_data(struct db *db, int64_t tenant, int64_t user)
{
	struct db_rows	 rows = DB_ROWS_INIT;
	int64_t		 pools[2];
	char		 u[21];
	const char	*p[1] = { db_i64(u, user) };
	bool		 taken, found;
	size_t		 i;
	int		 rc = -1;

	if (db_begin_tenant(db, tenant) == -1)
		return -1;
	if (db_exec(db, "SELECT count(*) FROM people WHERE source = 'demo'",
	    NULL, 0, &rows) == -1)
		goto out;
	if (db_int(&rows, 0, 0) > 0) {
		rc = 0;
		goto out;
	}
	if (demo_jobs(db) == -1 ||
	    pool_create(db, user, "Backend pipeline", &pools[0], &taken) == -1 ||
	    pool_create(db, user, "Campus 2026", &pools[1], &taken) == -1)
		goto out;
	for (i = 0; i < sizeof(people) / sizeof(people[0]); i++)
		if (demo_one(db, user, i, pools) == -1)
			goto out;
	if (pin_set(db, user, PIN_POOL, pools[0], true, &found) == -1 ||
	    db_exec(db, "INSERT INTO pins (tenant_id, user_id, job_id) SELECT"
	    " app_tenant(), $1::bigint, id FROM jobs WHERE greenhouse_id ="
	    " 900001 ON CONFLICT DO NOTHING", p, 1, NULL) == -1)
		goto out;
	rc = db_commit(db);
out:
	db_rollback(db);
	db_rows_release(&rows);
	return rc;
}

int
demo_fill(struct db *db, const char *slug, const char *password)
{
	struct buf	 secret = BUF_INIT;
	struct db_rows	 rows = DB_ROWS_INIT;
	const char	*why = NULL, *p[1] = { DEMO_EMAIL };
	int64_t		 id;
	bool		 found;
	int		 rc = -1;

	if (tenant_id(db, slug, &id, &found) == -1)
		goto out;
	if (!found) {
		if (tenant_add(db, slug, "Demo Recruiting", &secret, &why) == -1 ||
		    tenant_id(db, slug, &id, &found) == -1 || !found)
			goto out;
		printf("webhook_secret: %s\n", secret.ptr);
	}
	if (tenant_user_add(db, id, DEMO_EMAIL, "Dana Demo", password, true,
	    &why) == -1)
		goto out;
	if (db_exec(db, "SELECT id FROM users WHERE email = $1", p, 1,
	    &rows) == -1 || rows.nrows != 1 ||
	    demo_data(db, id, db_int(&rows, 0, 0)) == -1)
		goto out;
	rc = 0;
out:
	if (rc == -1)
		fprintf(stderr, "loopctl demo: %s\n", why ? why : "failed");
	db_rows_release(&rows);
	buf_release(&secret);
	return rc;
}
