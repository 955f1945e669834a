/*
 * demo.h - realistic demo data for a tenant (loopctl demo).
 */
#ifndef LOOP_DEMO_H
#define LOOP_DEMO_H

#include "db.h"

#define DEMO_EMAIL	"demo@loop.test"

/*
 * Creates tenant slug when missing, the recruiter DEMO_EMAIL with
 * password (reset when it exists) and demo data, idempotently.
 */
int	 demo_fill(struct db *, const char *slug, const char *password);

#endif
