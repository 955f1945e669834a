/*
 * hooks.h - loop-hooks' handlers, one sender per file.
 */
#ifndef LOOP_HOOKS_H
#define LOOP_HOOKS_H

#include "app.h"

extern const struct route	hooks_routes[];
extern const size_t		hooks_nroutes;

/* greenhouse.c */
int	 hooks_greenhouse(struct req *, struct resp *);

/* sms.c: inbound texts and delivery status from the SMS provider */
#define HOOKS_SMS_MAX_BODY	(64 * 1024)
int	 hooks_sms_inbound(struct req *, struct resp *);
int	 hooks_sms_status(struct req *, struct resp *);

#endif
