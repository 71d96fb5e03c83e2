/* xlsx_template.h: the Excel template for importing activities (libxlsxwriter):
 * a sheet with the import columns, drop-down lists and an example row, a sheet
 * explaining each column, and a sheet of the allowed values the lists use. */
#ifndef LW_XLSX_TEMPLATE_H
#define LW_XLSX_TEMPLATE_H

#include "domain/activity.h"
typedef struct xlsx_template_opts {
	const week_lists *lists;   /* the week's categories, audiences and forms */
	const char *example_day;   /* "2022-12-02": the example row's date (a day of the week) */
	const char *unit_name;     /* for the example row */
	const char *tmpdir;        /* where libxlsxwriter may put its temporary files */
} xlsx_template_opts;

/* Writes the workbook to path; 0 ok, -1 failed. */
int xlsx_template_write(const char *path, const xlsx_template_opts *o);

/* The same kind of template for any column table (the resource import): a
 * data sheet with the headers and an example row, a sheet of hints, and
 * drop-down lists fed by the 可选值 sheet. */
#include "in/table_reader.h"
typedef struct xlsx_list {
	int col;                     /* the column it applies to */
	const char *const *values;
	int n;
	bool multi;                  /* several values separated by 、 allowed */
} xlsx_list;
typedef struct xlsx_table_opts {
	const table_column *cols;
	int ncols;
	const char *const *example;  /* one per column, NULL for empty */
	const xlsx_list *lists;
	int nlists;
	const char *sheet;           /* the data sheet's name, also what a row is: 学习资源 */
	const char *example_mark;
	const char *tmpdir;
} xlsx_table_opts;
int xlsx_table_template_write(const char *path, const xlsx_table_opts *o);
#endif
