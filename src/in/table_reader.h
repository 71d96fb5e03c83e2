/* table_reader.h: the rows of an uploaded .xlsx or .csv, matched to a table of
 * columns by their headers; shared by every bulk import (activities,
 * resources). It reads and reports; it never writes to the database. */
#ifndef LW_TABLE_READER_H
#define LW_TABLE_READER_H
#include <stdbool.h>
#include "core/arena.h"

/* One column of an import template. The same table drives the template, the
 * header match and the error report. */
typedef struct table_column {
	const char *field;     /* the input field: "title" */
	const char *label;     /* the header: 活动名称 */
	bool required, multi;  /* multi: several values separated by 、 */
	const char *hint;      /* what to write, for the template's second sheet */
	const char *aliases;   /* other headers accepted, separated by | */
} table_column;

typedef struct table_spec {
	const table_column *cols;
	int ncols;
	int max_rows;
	long long max_bytes;
	const char *what;      /* what a row is, for messages: "活动" */
} table_spec;

typedef struct table_cell {
	const char *s;       /* text as read; NULL or "" when empty */
	bool num;            /* an XLSX number (dates are serial numbers) */
} table_cell;

typedef struct table_row {
	long long line;      /* the row number as Excel shows it */
	table_cell *cells;   /* spec->ncols cells, in the spec's column order */
} table_row;

typedef struct table_file {
	int status;          /* 0: read; else the HTTP status for error */
	const char *error;   /* a problem with the file as a whole, in Chinese */
	const char *kind;    /* what it was read as: "Excel 工作簿（.xlsx）", "CSV（GBK 编码）" ... */
	const char *ignored; /* headers that are not imported, 、-separated, or NULL */
	int *file_col;       /* where each spec column is in the file, -1 if absent */
	bool date1904;       /* an XLSX that counts days from 1904 (old Mac Excel) */
	table_row *rows;     /* the non-empty rows below the header */
	int nrows;
} table_file;

/* Reads the file at path (filename is what the browser said; the content
 * decides the format). */
void table_read(arena *a, const char *path, const char *filename, const table_spec *spec, table_file *f);

/* A problem in one row, for the row-by-row report. */
typedef struct table_issue {
	long long line;      /* 0: the file as a whole */
	int col;             /* the file's column (for the order), -1 if none */
	const char *column;  /* "E 列「活动内容」", or NULL */
	const char *msg;
} table_issue;
typedef struct table_issues {
	table_issue *v;
	int n;               /* listed (at most max) */
	int total;
	int max;
} table_issues;
/* Adds a problem of field (a spec field name or NULL) in the row at line. */
void table_issue_add(arena *a, table_issues *is, const table_spec *spec, const int *file_col, long long line,
		     const char *field, const char *msg);
/* Sorts the issues from index first on by column, as a person reads a row. */
void table_issues_sort(table_issues *is, int first);

/* "A" for column index 0 */
const char *table_col_letter(arena *a, int col);
bool table_cell_empty(const table_cell *c);
/* Text of a cell with the export's formula escape undone; single-line fields
 * get their line breaks (Alt+Enter in Excel) as spaces. Never NULL. */
const char *table_cell_str(arena *a, const table_cell *c, bool multiline);
/* "智慧助老、全民阅读" -> two values (also , ， ; ； / and line breaks); returns the count. */
int table_split(arena *a, const char *s, const char ***out);
/* A date and time as typed in Excel, WPS or by hand, as "YYYY-MM-DD HH:MM[:SS]";
 * NULL when it is not one. *date_only is set for a date without a time. */
const char *table_datetime(arena *a, const table_cell *c, bool date1904, bool *date_only);
/* 是/否 and their usual spellings: 1 yes, 0 no (or empty), -1 neither. */
int table_flag(const char *s);
#endif
