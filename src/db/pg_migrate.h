/* pg_migrate.h: learnweek migrate-to-postgres: a SQLite data folder's
 * database copied into an empty PostgreSQL database, then verified. */
#ifndef LW_PG_MIGRATE_H
#define LW_PG_MIGRATE_H
#include <stdio.h>
#include "db/db.h"

/* Copies dir's learnweek.db into the empty database at address: the schema by
 * PostgreSQL's own migrations, then every table both have, ids kept, with
 * the triggers off (the copied rows already hold what they would write), the
 * identity sequences set past the highest id; the calendar's text index is
 * left for activity_text_sync (every activity is queued for it). Then every
 * table is compared (rows and a digest of their values, in any order) and
 * every stored file checked against its size and SHA-256. Writes what it does
 * to out. *pg gets the open PostgreSQL database on success (the caller
 * rebuilds the text index and closes it). 0 done, 1 failed, 2 refused (a
 * database that has tables, a folder a server is using). */
int pg_migrate(const char *dir, const char *address, FILE *out, db **pg);
#endif
