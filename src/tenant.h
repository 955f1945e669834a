/*
 * tenant.h - tenants, their settings and their recruiters.
 *
 * Owns: creating a tenant with its webhook secret, the list of settings
 * `loopctl tenant set` accepts (each validated; secrets sealed with the
 * master key), reading a setting back, adding recruiters.
 * Not here: what a setting means to its user (harvest.c, sms.c, ...).
 */
#ifndef LOOP_TENANT_H
#define LOOP_TENANT_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "db.h"

/*
 * Creates tenant slug; its new webhook secret is appended to secret.
 * -1 with *why set for a bad or taken slug, or a database failure.
 */
int	 tenant_add(struct db *, const char *slug, const char *name,
	    struct buf *secret, const char **why);
/* The tenant's id by slug; *found false when unknown. */
int	 tenant_id(struct db *, const char *slug, int64_t *id, bool *found);
/* Validates and stores one setting. -1 with *why for a bad key/value. */
int	 tenant_set(struct db *, int64_t tenant, const char *key,
	    const char *value, const char **why);
/*
 * A setting's value appended to out (decrypted when secret); *found false
 * when unset. Reads under the current transaction's tenant.
 */
int	 tenant_get(struct db *, int64_t tenant, const char *key,
	    struct buf *out, bool *found);
/* The webhook secret, decrypted, appended to out. */
int	 tenant_webhook_secret(struct db *, int64_t tenant, struct buf *out);
/* Adds (or with reset, re-keys) a recruiter. -1 with *why on bad input. */
int	 tenant_user_add(struct db *, int64_t tenant, const char *email,
	    const char *name, const char *password, bool reset,
	    const char **why);

#endif
