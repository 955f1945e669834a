/*
 * cfg.c - configuration from the environment.
 *
 * Owns: defaults for every LOOP_* variable and reading the master key.
 * Not here: tenant settings. Strings are allocated once and never freed.
 */
#include "cfg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "banned.h"

struct cfg	cfg;

static const char *
env_or(const char *name, const char *def)
{
	const char	*v = getenv(name);

	return (v != NULL && *v != '\0') ? v : def;
}

static char *
strip_slash(const char *s)
{
	char	*p = xstrdup(s);
	size_t	 n = strlen(p);

	while (n > 0 && p[n - 1] == '/')
		p[--n] = '\0';
	return p;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
key_load(const char *path)
{
	FILE	*f;
	char	 line[256];
	size_t	 i;
	int	 hi, lo;

	if ((f = fopen(path, "r")) == NULL) {
		log_err("master key %s: %s", path, strerror(errno));
		return -1;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	for (i = 0; i < CFG_KEY_LEN; i++) {
		hi = hexval((unsigned char)line[2 * i]);
		lo = hi < 0 ? -1 : hexval((unsigned char)line[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			log_err("master key %s: want %d hex digits", path,
			    2 * CFG_KEY_LEN);
			return -1;
		}
		cfg.master_key[i] = (unsigned char)(hi << 4 | lo);
	}
	cfg.have_key = true;
	return 0;
}

const char *
cfg_path(const char *rel)
{
	static char	*kept[32];	/* reachable: not a leak to LSan */
	static size_t	 nkept;
	struct buf	 b = BUF_INIT;
	char		*p;

	buf_addf(&b, "%s/%s", cfg.root, rel);
	p = buf_detach(&b, NULL);
	if (nkept < sizeof(kept) / sizeof(kept[0]))
		kept[nkept++] = p;
	return p;
}

int
cfg_load(bool need_key)
{
	struct buf	 b = BUF_INIT;
	char		 cwd[4096];

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		cwd[0] = '\0';
	cfg.root = strip_slash(env_or("LOOP_ROOT", cwd));
	cfg.http_port = env_or("LOOP_HTTP_PORT", "8080");
	buf_addf(&b, "host=%s/var/run dbname=loop", cfg.root);
	cfg.db = xstrdup(env_or("LOOP_DB", b.ptr));
	buf_reset(&b);
	buf_addf(&b, "http://127.0.0.1:%s", cfg.http_port);
	cfg.public_url = strip_slash(env_or("LOOP_PUBLIC_URL", b.ptr));
	cfg.harvest_url = strip_slash(env_or("LOOP_HARVEST_URL",
	    "https://harvest.greenhouse.io"));
	cfg.harvest_auth_url = env_or("LOOP_HARVEST_AUTH_URL",
	    "https://auth.greenhouse.io/token");
	cfg.sms_api_url = strip_slash(env_or("LOOP_SMS_API_URL",
	    "https://api.twilio.com"));
	cfg.smtp_url = env_or("LOOP_SMTP_URL", "smtp://127.0.0.1:25");
	cfg.mail_from = env_or("LOOP_MAIL_FROM", "loop@localhost");
	buf_reset(&b);
	buf_addf(&b, "%s/var/master.key", cfg.root);
	cfg.master_key_file = xstrdup(env_or("LOOP_MASTER_KEY_FILE", b.ptr));
	buf_release(&b);
	cfg.secure_cookies = strncmp(cfg.public_url, "https://", 8) == 0;
	if (key_load(cfg.master_key_file) == -1 && need_key)
		return -1;
	return 0;
}
