/* db.h: the storage interface, one API over two engines: SQLite in the data
 * folder (the default) and PostgreSQL through libpq (db_open with a
 * "postgresql://" or "postgres://" address). No engine's type or code
 * appears here. Prepared statements with bound parameters only; statements
 * keep their SQL text, so every error names the statement that failed.
 *
 * The SQL is SQLite's dialect with ?N parameters; the PostgreSQL engine
 * translates what differs (db_pg.c: $N parameters, INSERT OR IGNORE, LIKE,
 * the last insert id through RETURNING id) and its migrations
 * (src/db/migrations-pg/) supply the few SQLite functions the domain uses.
 *
 * Parameters are bound from a type string, one letter per argument, in order
 * to ?1, ?2, ...: 'i' int, 'I' long long, 't' const char * (NULL binds NULL),
 * 'n' NULL (no argument), 'b' blob (const void *, int length).
 */
#ifndef LW_DB_H
#define LW_DB_H
#include <stdbool.h>
#include "core/arena.h"
#include "db/dbtypes.h"


#define DB_FILE "learnweek.db"

/* Opens (or with create, makes) the database: a SQLite file, or with a
 * PostgreSQL address (db_is_address) that server's database. On a read-only
 * file system an existing SQLite database opens read-only (db_readonly)
 * instead of failing. */
db *db_open(const char *path, bool create, char *err, size_t errlen);
/* Whether s names a PostgreSQL database ("postgresql://..." or "postgres://...") */
bool db_is_address(const char *s);
/* The engine: "sqlite" or "postgresql". */
const char *db_engine(db *d);
bool db_readonly(db *d);
void db_close(db *d);
/* Whether a transaction is open on the connection. */
bool db_in_transaction(db *d);
int db_migrate(db *d, char *err, size_t errlen); /* 0 ok */
int db_schema_version(db *d);

int db_prep(db *d, stmt *st, const char *sql, const char *types, ...);
int db_vprep(db *d, stmt *st, const char *sql, const char *types, va_list ap);
/* For SQL assembled at run time (optional filters): values bound from an array (dbval). */
int db_prep_vals(db *d, stmt *st, const char *sql, const dbval *v, int n);
long long db_int_vals(db *d, long long dflt, const char *sql, const dbval *v, int n);
int stmt_step(stmt *st);            /* 1 row, 0 done, -1 error (logged) */
void stmt_done(stmt *st);           /* reset, or finalize if not cached */
long long col_int(stmt *st, int i);
const char *col_text(stmt *st, int i);  /* "" for NULL; valid until next step */
char *col_dup(stmt *st, arena *a, int i);
bool col_null(stmt *st, int i);
/* The row's shape, for code that reads any row (row_json). */
int col_count(stmt *st);
const char *col_name(stmt *st, int i);
col_kind col_type(stmt *st, int i);
/* Runs the statement again with integer parameter k (1-based) changed, the
 * others as bound: for one statement checked against many ids. 0 ok. */
int stmt_rebind_int(stmt *st, int k, long long v);

int db_exec(db *d, const char *sql, const char *types, ...);   /* 0 ok, -1 error, -2 constraint */
long long db_int(db *d, long long dflt, const char *sql, const char *types, ...);
char *db_text(db *d, arena *a, const char *sql, const char *types, ...); /* NULL if no row */
bool db_exists(db *d, const char *sql, const char *types, ...);
long long db_last_id(db *d);
int db_changes(db *d);
int db_begin(db *d);                /* BEGIN IMMEDIATE: writers queue here, not mid-way */
int db_commit(db *d);
void db_rollback(db *d);
int db_exec_script(db *d, const char *sql);
/* A SQLite copy of the database (SQLite only, for now). */
int db_backup_to(db *d, const char *dest, char *err, size_t errlen);
/* The engine's code of the last failure (SQLite's extended result code;
 * for PostgreSQL the SQLSTATE's five characters packed base 36) */
int db_last_errcode(db *d);
/* Whether the last failure broke a constraint (unique, check, foreign key, not null). */
bool db_constraint_failed(db *d);
/* The failure of the storage under the database since db_storage_clear();
 * STORE_NONE if none. The router turns it into a clear answer, whatever the
 * handler made of the failed write. */
store_failure db_storage_error(db *d);
void db_storage_clear(db *d);
/* Resets every statement of the connection left part-way (its read
 * transaction ends with it); returns how many there were. */
int db_release_reads(db *d);
#endif
