/* db_pg.h: the PostgreSQL engine behind db.h (libpq), for db.c only. */
#ifndef LW_DB_PG_H
#define LW_DB_PG_H
#include <stdarg.h>
#include <stddef.h>
#include "db/dbtypes.h"

typedef struct pgdb pgdb;

/* Where the engine reports a failure (db.c's record of it): the engine's
 * code, whether it broke a constraint, and what it says of the storage. */
typedef void (*pg_failure_fn)(db *d, int code, bool constraint, store_failure f);

pgdb *pg_open(db *owner, pg_failure_fn on_failure, const char *address, char *err, size_t errlen);
void pg_close(pgdb *p);
const char *pg_errmsg(pgdb *p);
bool pg_in_transaction(pgdb *p);
void pg_rollback(pgdb *p);
/* 0 when the transaction's writes are kept; -1 (failure recorded) also when
 * PostgreSQL rolled back a transaction a failed statement had broken. */
int pg_commit(pgdb *p);
int pg_exec_script(pgdb *p, const char *sql);
long long pg_last_id(pgdb *p);
int pg_changes(pgdb *p);

int pg_prepare(pgdb *p, stmt *st, const char *sql, int nparams);
int pg_bind_args(stmt *st, const char *types, va_list ap);
int pg_bind_vals(stmt *st, const dbval *v, int n);
int pg_rebind_int(stmt *st, int k, long long v);
int pg_step(stmt *st);
void pg_done(stmt *st);
long long pg_col_int(stmt *st, int i);
const char *pg_col_text(stmt *st, int i);
col_kind pg_col_type(stmt *st, int i);
int pg_col_count(stmt *st);
const char *pg_col_name(stmt *st, int i);

/* The statement in PostgreSQL's dialect (malloc'd): $N for ?N, and the
 * pieces db_pg.c translates (exposed for the unit test). *returning_id is
 * set when " RETURNING id" was added for db_last_id (has_id tells whether the
 * table has an id column; NULL: never add it). */
char *pg_translate(const char *sql, int *nparams, bool (*has_id)(void *ctx, const char *table), void *ctx,
		   bool *returning_id);
#endif
