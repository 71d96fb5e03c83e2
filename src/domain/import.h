/* import.h: bulk import of a unit's activities from an .xlsx or .csv file.
 * A file is read and checked row by row (never written) for a preview; only a
 * file without errors can be confirmed, and then all its new rows are written
 * in one transaction. Each row carries a key (SHA-256 of the unit and the
 * normalised row), so importing the same rows again creates nothing. */
#ifndef LW_IMPORT_H
#define LW_IMPORT_H
#include "activity.h"
#include "bulk.h"

/* The columns of the template, in order. The same table drives the template,
 * the header check and the error report. */
typedef table_column import_column;
#define N_IMPORT_COLUMNS 18
extern const import_column import_columns[N_IMPORT_COLUMNS];
#define IMPORT_EXAMPLE_MARK "【示例】"   /* a title starting so is the template's example */
#define IMPORT_MAX_ROWS 20000
#define IMPORT_MAX_BYTES (20 * 1024 * 1024)

enum import_state { ROW_NEW = BULK_NEW, ROW_SEEN = BULK_SEEN, ROW_DUP = BULK_DUP, ROW_EXAMPLE = BULK_EXAMPLE, ROW_BAD = BULK_BAD };

typedef table_cell import_cell;

typedef struct import_row {
	long long line;      /* the row number as Excel shows it */
	import_cell cells[N_IMPORT_COLUMNS];
	int state;
	long long dup_of;    /* ROW_DUP: the line of the first such row */
	char key[65];
	const char *title, *host, *warning;
	long long starts_at, ends_at;
} import_row;

typedef table_issue import_issue;

typedef struct import_file {
	int status;          /* 0: read; else the HTTP status for error */
	const char *error;   /* a problem with the file as a whole, in Chinese */
	const char *kind;    /* what it was read as: "Excel 工作簿（.xlsx）", "CSV（GBK 编码）" ... */
	const char *ignored; /* headers that are not imported, 、-separated, or NULL */
	int file_col[N_IMPORT_COLUMNS]; /* where each column is in the file, -1 if absent */
	bool date1904;       /* an XLSX that counts days from 1904 (old Mac Excel) */
	import_row *rows;
	int nrows;
	import_issue *issues;
	int nissues;         /* listed (at most IMPORT_MAX_ISSUES) */
	int issues_total;
	int n_new, n_seen, n_dup, n_example, n_bad, n_warn;
	table_file table;    /* the file as read, for the confirmation */
	int *states;         /* each row's enum import_state */
} import_file;
#define IMPORT_MAX_ISSUES 1000
/* The activity import's way through the bulk-import pipeline. */
extern const bulk_spec import_bulk;

/* Reads and checks the file at path (filename is what the browser said; the
 * content decides the format). Writes nothing. */
void import_read(db *d, arena *a, const char *path, const char *filename, long long unit_id, long long week_id,
		 import_file *f);

/* A pending import: the stored file waiting for its preview to be confirmed. */
typedef struct import_rec {
	long long id, unit_id, week_id, account_id, rows_total, rows_new, created_at;
	char *sha256, *filename, *status;
} import_rec;
long long import_create(db *d, arena *a, const actor *who, import_rec *rec, long long size, const char *mime);
bool import_load(db *d, arena *a, long long id, import_rec *rec);
/* Writes the new rows of f (read from rec's file) with status "draft" or
 * "published", in one transaction, and marks the import done. Returns the
 * number written; -1 on a database failure (nothing written), -2 when the
 * import was already confirmed or discarded, -3 when f has errors. */
long long import_commit(db *d, arena *a, const actor *who, const import_rec *rec, import_file *f, const char *status,
			long long *skipped);
/* Marks a pending import discarded; -1 if it was not pending. */
int import_discard(db *d, arena *a, const actor *who, const import_rec *rec);
#endif
