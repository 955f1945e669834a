/*
 * cfg.h - configuration from the environment, read once at start-up.
 *
 * Owns: the LOOP_* variables and their defaults (ARCHITECTURE.md), the
 * master key loaded from LOOP_MASTER_KEY_FILE.
 * Not here: per-tenant settings (tenant.c).
 * cfg_load() fills a static struct; strings live for the process.
 */
#ifndef LOOP_CFG_H
#define LOOP_CFG_H

#include <stdbool.h>
#include <stddef.h>

#define CFG_KEY_LEN	32

struct cfg {
	const char	*root;		/* LOOP_ROOT, default cwd */
	const char	*db;		/* LOOP_DB without a user */
	const char	*http_port;
	const char	*public_url;	/* no trailing slash */
	const char	*harvest_url;
	const char	*harvest_auth_url;
	const char	*sms_api_url;
	const char	*smtp_url;
	const char	*mail_from;
	const char	*master_key_file;
	bool		 secure_cookies; /* public URL is https */
	unsigned char	 master_key[CFG_KEY_LEN];
	bool		 have_key;
};

extern struct cfg	cfg;

/*
 * Reads the environment. need_key: fail (-1, logged) when the master key
 * file is missing or malformed. Safe to call more than once.
 */
int	 cfg_load(bool need_key);

/* "<root>/<rel>" into a static-lifetime string (for start-up paths). */
const char *cfg_path(const char *rel);

#endif
