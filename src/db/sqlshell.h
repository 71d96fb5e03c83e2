/* sqlshell.h: the hidden `learnweek sql` command (for the tests): SQL run on
 * either engine through db.h, rows printed as sqlite3 -batch prints them. */
#ifndef LW_SQLSHELL_H
#define LW_SQLSHELL_H
#include <stdio.h>
#include "db/dbtypes.h"

/* Runs each ;-ended statement of script in turn, printing its rows to out
 * (columns by |, NULL as nothing); stops at the first failure, named on err.
 * 0 ok, -1 failed. */
int sql_script(db *d, const char *script, FILE *out, FILE *err);
/* Every row of every table but those in skip (" name name "), a line a row
 * (table(col|col...)), tables by name and each table's rows sorted: the same
 * data prints the same text. 0 ok, -1 failed. */
int sql_dump(db *d, const char *skip, FILE *out);
/* A writer that stays, the tests' way to keep the server's writes waiting as
 * long as they need on either engine: begins a write transaction (db_begin,
 * the queue every writer joins), prints "held" to out, waits until the file
 * release exists (at most 60 s), then rolls back. 0 ok, -1 no transaction. */
int sql_hold_writes(db *d, const char *release, FILE *out);
#endif
