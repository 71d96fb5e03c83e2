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

typedef struct bulk_file bulk_file;
typedef struct bulk_pending bulk_pending;

typedef struct bulk_spec {
	const table_spec *table;   /* the columns and the limits */
	const char *noun;          /* what a row is, in messages: 活动, 学习资源 */
	const char *example_mark;  /* a first column starting so is the template's example row */
	const char *seen_sql;      /* a row when unit ?1 has a record with import key ?2 */
	const char *pending_table; /* where its pending imports are kept: imports, resource_imports */
	const char *audit_entity;  /* what the audit log calls a pending import: import, resource_import */
	int max_issues;
	/* The kind's way with a file: reads and checks every row of the file at
	 * path for the unit and week into f, writing nothing; then, at
	 * confirmation, writes the new rows of the pending import p (status: the
	 * records' status where the kind asks for one, else NULL), as bulk_commit. */
	void (*read)(db *d, arena *a, const char *path, const char *filename, long long unit_id, long long week_id, bulk_file *f);
	long long (*commit)(db *d, arena *a, const actor *who, const bulk_pending *p, bulk_file *f, const char *status,
			    long long *skipped);
} bulk_spec;

/* What became of a row; the imports' own enums (ROW_*, RROW_*) are these. */
enum bulk_state { BULK_NEW, BULK_SEEN, BULK_DUP, BULK_EXAMPLE, BULK_BAD };

typedef struct bulk_counts {
	int n_new, n_seen, n_dup, n_example, n_bad, n_warn;
} bulk_counts;

/* A row as the preview shows it. */
typedef struct bulk_row {
	long long line;              /* the row number as Excel shows it */
	int state;                   /* enum bulk_state */
	long long dup_of;            /* BULK_DUP: the line of the first such row */
	const char *title;           /* the record's name */
	const char *text[2];         /* the kind's other columns of the preview: an activity's host; a resource's kind, institution */
	long long starts_at, ends_at; /* an activity's time; 0 for other kinds */
	const char *warning;         /* what to look at, not an error (BULK_NEW only) */
} bulk_row;

/* A file read and checked: every import kind's result. */
struct bulk_file {
	table_file table;     /* the file as read: status and error, kind, ignored columns */
	table_issues issues;  /* the problems, row by row */
	int *states;          /* each row's enum bulk_state */
	bulk_row *rows;       /* each row's outcome, for the preview */
	bulk_counts n;
};

/* A pending import: the stored file of a checked upload, waiting for its
 * preview to be confirmed. Every kind keeps them alike, in its own table. */
struct bulk_pending {
	long long id, unit_id, week_id, account_id, rows_total, rows_new, created_at;
	char *sha256, *filename, *status;    /* status: pending, done, discarded */
};
/* Stores p (unit, week, file, name, counts) as pending with its audit line;
 * the new id (also in p->id), or 0 on a database failure. */
long long bulk_pending_create(db *d, arena *a, const bulk_spec *s, const actor *who, bulk_pending *p, long long size,
			      const char *mime);
bool bulk_pending_load(db *d, arena *a, const bulk_spec *s, long long id, bulk_pending *p);
/* Marks a pending import discarded; -1 if it was not pending. */
int bulk_pending_discard(db *d, const bulk_spec *s, const actor *who, const bulk_pending *p);

/* An import's way with its rows. */
typedef struct bulk_rows {
	/* Parses row i of the file into the import's record (in scratch): the
	 * import's own checks into pre (reported first; e's errors of the same
	 * field are left out), the record's into e; the import key into key when
	 * both are empty. */
	void (*parse)(void *ctx, db *d, arena *scratch, int i, errs *pre, errs *e, char key[65]);
	/* What the preview shows of a new, seen or repeated row (title, text,
	 * times, warning: in a), from the record just parsed for it. May be NULL. */
	void (*result)(void *ctx, db *d, arena *a, bulk_row *row);
	/* At confirmation: writes row i's record, parsed again into scratch,
	 * inside the transaction; 0 or -1. */
	int (*save)(void *ctx, db *d, arena *scratch, int i, const char *key);
	void *ctx;
	/* At confirmation, after the last row is saved, inside the same
	 * transaction (what is done once for all the rows); 0 or -1. May be NULL. */
	int (*finish)(void *ctx, db *d);
} bulk_rows;

/* Why the unit may not import now, in Chinese (该单位已停用，不能再导入学习资源。),
 * or NULL when it may. The one place of the rule that a retired unit takes
 * no new records by import. */
const char *bulk_refusal(db *d, arena *a, const bulk_spec *s, long long unit_id);

/* Reads the file at path for the unit into f->table, then checks every row:
 * states, rows, problems (at most the spec's max_issues listed) and counts.
 * A unit that may not import gets f->table.status 409 and its error, and
 * nothing read. */
void bulk_read(db *d, arena *a, const bulk_spec *s, long long unit_id, const char *path, const char *filename, const bulk_rows *r,
	       bulk_file *f);

/* Writes the rows of f whose state is new, in one transaction: the pending
 * import p marked done first, its rows_new set to the count written and the
 * audit line; a row imported by another import since the preview is skipped.
 * Returns the number written; -1 on a database failure (nothing written), -2
 * when the import was not pending, -3 when the file has errors. */
long long bulk_commit(db *d, arena *a, const bulk_spec *s, const actor *who, const bulk_pending *p, const bulk_file *f,
		      const bulk_rows *r, long long *skipped);
#endif
