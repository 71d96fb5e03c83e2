/* datadir.h: a data folder: learnweek.db plus files/ (the file store). */
#ifndef LW_DATADIR_H
#define LW_DATADIR_H
#include <stdbool.h>
#include "db/db.h"

/* The database of every data folder this process opens: a PostgreSQL
 * address (`--database postgresql://...` or LEARNWEEK_DATABASE), NULL for
 * the SQLite file in the folder (the default). The folder still holds the
 * files (files/) and the lock. Set once, before any folder is opened. */
void datadir_use_database(const char *address);
/* The address set above, or NULL. */
const char *datadir_database(void);
/* Where the folder's database is: the address set above, or dir/learnweek.db. */
const char *datadir_db_path(const char *dir, char *buf, size_t n);
/* Opens and migrates the database of an existing data folder; prints why not. */
db *datadir_open(const char *dir);
/* Creates a new data folder; refuses one that already holds anything. */
db *datadir_create(const char *dir, const char *city, const char *centre);
/* serve holds this for its lifetime: one server per data folder. -1 if taken.
 * Not on PostgreSQL, where many servers share the folder (docs/deploy.md). */
int datadir_lock(const char *dir);
/* Removes unfinished uploads left in files/tmp by a crash (serve, at start):
 * all of them, or (older_than > 0, servers sharing the folder) only those not
 * written to for older_than seconds. How many. */
int datadir_clean_tmp(const char *dir, long older_than);
/* A ZIP of the database (SQLite: learnweek.db by the online backup API;
 * PostgreSQL: learnweek.pgdump by pg_dump) and the file store. 0 ok, 1 failed. */
int datadir_backup(const char *dir, const char *out);
/* Into an empty folder and, for a PostgreSQL backup, an empty database (the
 * --database address); a backup of the other engine is refused. 0, 1, 2 bad input. */
int datadir_restore(const char *archive, const char *dir);
/* Whether the PostgreSQL database at address has no table or view of its own
 * (a new one, for restore and migrate-to-postgres); *ok false when it cannot
 * be asked (the reason printed). */
bool datadir_pg_empty(const char *address, bool *ok);
#endif
