/*
 * demo.c - a demo tenant a new user can click through.
 *
 * Owns: the demo tenant, its recruiters and (as features land) people.
 * Not here: generic tenant and user creation (tenant.c).
 */
#include "demo.h"

#include <stdio.h>

#include "buf.h"
#include "tenant.h"
#include "banned.h"

int
demo_fill(struct db *db, const char *slug, const char *password)
{
	struct buf	 secret = BUF_INIT;
	const char	*why = NULL;
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
	rc = 0;
out:
	if (rc == -1)
		fprintf(stderr, "loopctl demo: %s\n", why ? why : "failed");
	buf_release(&secret);
	return rc;
}
