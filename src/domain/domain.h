/* domain.h: what every domain module shares: who acts, validation errors, audit. */
#ifndef LW_DOMAIN_H
#define LW_DOMAIN_H
#include <stdbool.h>
#include "core/arena.h"
#include "db/db.h"

typedef struct actor {
	long long account_id;   /* 0 for the command line */
	const char *username;   /* "命令行" for the command line */
	const char *address;
	long long now;
} actor;

#define MAX_ERRS 24
typedef struct errs {
	int n;
	const char *field[MAX_ERRS];
	const char *msg[MAX_ERRS];
} errs;
void err_add(errs *e, const char *field, const char *msg);
const char *err_for(const errs *e, const char *field);
char *errs_summary(const errs *e, arena *a);   /* all messages, one sentence each */

/* Writes one audit line. old/new are JSON texts (or NULL). */
int audit(db *d, const actor *who, long long unit_id, const char *action, const char *entity,
	  long long entity_id, const char *summary, const char *old_json, const char *new_json);
/* {"k1": v1, "k2": v2} for the audit log (NULL values become null). */
char *json_pair(arena *a, const char *k1, const char *v1, const char *k2, const char *v2);
/* The first row of sql (bound to id) as a JSON object, columns by name; NULL if none. */
char *row_json(db *d, arena *a, const char *sql, long long id);

/* BEGIN IMMEDIATE; -1 with a message in e when the database is busy. */
int txn_begin(db *d, errs *e);
/* Commits when rc is 0, else rolls back; on failure e says why (failed when
 * e has nothing yet). Returns 0 or -1. */
int txn_end(db *d, int rc, errs *e, const char *failed);
/* Every row of a statement just prepared (prep_rc is what db_prep returned),
 * each made into an element of size sz by fill; *out gets the array (never
 * NULL). Returns the count. (In submission.c.) */
int rows_collect(stmt *st, int prep_rc, arena *a, size_t sz, void (*fill)(stmt *, arena *, void *), void **out);
/* Ends the caller's transaction: commits when rc is 0, else rolls back. 0, or -1 after a rollback. */
int tx_end(db *d, int rc);
/* Ends the caller's transaction after the insert of one row (rc: how it went):
 * audits the row under action and entity, with snap_sql (bound to the new id)
 * as its new value, and commits. The new id, or 0 after a rollback. */
long long tx_end_insert(db *d, arena *a, const actor *who, int rc, long long unit_id, const char *action, const char *entity,
			const char *summary, const char *snap_sql);
/* In one transaction: sql (bound to id) must change exactly one row; then the
 * audit line, without values. 0, or -1 after a rollback. */
int update_one_audited(db *d, const actor *who, const char *sql, long long id, long long unit_id, const char *action,
		       const char *entity, const char *summary);
/* Lost updates. Every record staff edit in a form carries a revision number;
 * the form sends back the one it was opened at, and the save, inside its own
 * transaction, claims the record with UPDATE ... WHERE id = ? AND revision = ?.
 * table is one of activities, reports, publicity, resources, stars, brands,
 * elder_cases; expected < 0 claims whatever the revision is (a client that sent
 * none). 0: claimed (revision + 1); -1 with e: stale (errs_stale) or gone. */
int revision_claim(db *d, const char *table, long long id, long long expected, errs *e);
#define STALE_FIELD "_revision"
bool errs_stale(const errs *e);
/* The database answers a query (the health check). */
bool database_answers(db *d);
/* The data generation of the public pages (migration 080): it changes in the
 * same transaction as every write that changes what they show. -1 on error. */
long long public_generation(db *d);
/* The generation of one thing public pages show (migration 100): the site
 * (units, weeks, settings), a week's list, an activity's page, the resource
 * library, the showcases, a unit's list in a week (migration 162: its id is
 * gen_unit_week(week, unit)); GEN_ANY is public_generation. 0 before the
 * first write to it, -1 on error. */
typedef enum gen_kind {
	GEN_ANY = 0, GEN_SITE = 1, GEN_WEEK = 2, GEN_ACTIVITY = 3, GEN_RESOURCES = 4, GEN_SHOWCASE = 5, GEN_UNIT_WEEK = 6
} gen_kind;
#define gen_unit_week(week_id, unit_id) ((long long)(week_id) * 1048576 + (long long)(unit_id))
long long public_generation_of(db *d, gen_kind kind, long long id);
/* The same for n (at most 8) at once, in one statement (one read of the
 * database: a cache hit makes no more): out[i] for kinds[i], ids[i].
 * 0 ok, -1 on error. */
int public_generations(db *d, int n, const gen_kind *kinds, const long long *ids, long long *out);
/* The LIKE pattern that finds the text q anywhere, for ESCAPE with a backslash:
 * % _ and the backslash in q are taken literally. */
/* a value of the settings table (secret, city, activity_forms), or NULL */
char *setting_get(db *d, arena *a, const char *key);

char *like_pattern(arena *a, const char *q);
#endif
