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

#endif
