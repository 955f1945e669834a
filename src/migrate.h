/*
 * migrate.h - applying sql/NNN_name.sql files in order, each once, each in
 * its own transaction, recorded in schema_migrations.
 */
#ifndef LOOP_MIGRATE_H
#define LOOP_MIGRATE_H

#include "db.h"

/* Applies every file in dir not yet recorded; -1 on the first failure. */
int	 migrate_run(struct db *, const char *dir);

#endif
