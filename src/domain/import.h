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
#define IMPORT_MAX_ISSUES 1000

/* The activity import's way through the bulk-import pipeline: its columns,
 * import_read and import_commit. */
extern const bulk_spec import_bulk;

/* Reads and checks the file at path (filename is what the browser said; the
 * content decides the format) for the unit's week. Writes nothing. A row's
 * text[0] is the host. */
void import_read(db *d, arena *a, const char *path, const char *filename, long long unit_id, long long week_id, bulk_file *f);

/* Writes the new rows of f (read from p's file) with status "draft" or
 * "published", in one transaction, and marks the import done (bulk_commit). */
long long import_commit(db *d, arena *a, const actor *who, const bulk_pending *p, bulk_file *f, const char *status,
			long long *skipped);
#endif
