/* bulk.h: the one pipeline of every bulk import (activities, resources, any
 * later one). An import gives a spec (its columns, what a row is, its
 * template's example mark, its "seen" query) and a row parser; the pipeline
 * refuses a unit that may not import, reads the file (in/table_reader.h),
 * skips the template's example row, parses every row with its own scratch
 * arena, reports each row's problems by column, finds the rows repeated in
 * the file and the ones imported before, and at confirmation writes the new
 * rows in one transaction. */
#ifndef LW_BULK_H
#define LW_BULK_H
#include "domain.h"
#include "in/table_reader.h"

typedef struct bulk_spec {
	const table_spec *table;   /* the columns and the limits */
	const char *noun;          /* what a row is, in messages: 活动, 学习资源 */
	const char *example_mark;  /* a first column starting so is the template's example row */
	const char *seen_sql;      /* a row when unit ?1 has a record with import key ?2 */
	const char *done_sql;      /* marks pending import ?1 done: one change, or none when it was not pending */
	int max_issues;
} bulk_spec;

/* What became of a row; the imports' own enums (ROW_*, RROW_*) are these. */
enum bulk_state { BULK_NEW, BULK_SEEN, BULK_DUP, BULK_EXAMPLE, BULK_BAD };

typedef struct bulk_counts {
	int n_new, n_seen, n_dup, n_example, n_bad;
} bulk_counts;

/* An import's way with its rows. */
typedef struct bulk_rows {
	/* Parses row i of the file into the import's record (in scratch): the
	 * import's own checks into pre (reported first; e's errors of the same
	 * field are left out), the record's into e; the import key into key when
	 * both are empty. */
	void (*parse)(void *ctx, db *d, arena *scratch, int i, errs *pre, errs *e, char key[65]);
	/* Row i's outcome (dup_of: the line of the first such row) and key;
	 * the record parsed for it is still in scratch. May be NULL. */
	void (*result)(void *ctx, db *d, arena *scratch, int i, int state, long long dup_of, const char *key);
	/* At confirmation: writes row i's record, parsed again into scratch,
	 * inside the transaction; 0 or -1. */
	int (*save)(void *ctx, db *d, arena *scratch, int i, const char *key);
	void *ctx;
} bulk_rows;

/* Why the unit may not import now, in Chinese (该单位已停用，不能再导入学习资源。),
 * or NULL when it may. The one place of the rule that a retired unit takes
 * no new records by import. */
const char *bulk_refusal(db *d, arena *a, const bulk_spec *s, long long unit_id);

/* Reads the file at path for the unit into f, then checks every row: state
 * of row i in states[i] (allocated in a), problems into is (is->max from the
 * spec), counts into c. A unit that may not import gets f->status 409 and
 * f->error, and nothing read. */
void bulk_read(db *d, arena *a, const bulk_spec *s, long long unit_id, const char *path, const char *filename, const bulk_rows *r,
	       table_file *f, table_issues *is, int **states, bulk_counts *c);

/* Writes the rows whose state is new, in one transaction: the pending import
 * import_id marked done first; a row imported by another import since the
 * preview is skipped; audit (may be NULL) runs last, inside the transaction,
 * with the counts. Returns the number written; -1 on a database failure
 * (nothing written), -2 when the import was not pending, -3 when the file has
 * errors. */
long long bulk_commit(db *d, const bulk_spec *s, long long import_id, long long unit_id, const table_file *f, const int *states,
		      const bulk_counts *c, const bulk_rows *r, int (*audit_fn)(void *ctx, long long written, long long skipped),
		      long long *skipped);
#endif
