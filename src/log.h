/*
 * log.h - one line per event on stderr, prefixed with program and pid.
 *
 * Owns: the log format and the per-request access line.
 * Not here: deciding what is worth logging. Never log secrets.
 */
#ifndef LOOP_LOG_H
#define LOOP_LOG_H

void	 log_init(const char *prog);
void	 log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "GET /people 200 3.1ms" */
void	 log_access(const char *method, const char *path, int status,
	    double ms);

#endif
