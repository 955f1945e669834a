/*
 * log.c - stderr logging, one line per event.
 *
 * Owns: the prefix (program, pid) and the access line format.
 * Not here: log rotation (the supervisor's stderr goes to a file).
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "banned.h"

static const char	*prog = "loop";

void
log_init(const char *name)
{
	prog = name;
	setvbuf(stderr, NULL, _IOLBF, 0);
}

static void
vlog(const char *level, const char *fmt, va_list ap)
{
	char	 line[2048];

	vsnprintf(line, sizeof(line), fmt, ap);
	fprintf(stderr, "%s[%d] %s: %s\n", prog, (int)getpid(), level, line);
}

void
log_err(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog("error", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog("info", fmt, ap);
	va_end(ap);
}

void
log_access(const char *method, const char *path, int status, double ms)
{
	fprintf(stderr, "%s[%d] %s %.200s %d %.1fms\n", prog, (int)getpid(),
	    method, path, status, ms);
}
