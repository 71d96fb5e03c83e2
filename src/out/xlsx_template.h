/* xlsx_template.h: the Excel template for importing activities (libxlsxwriter):
 * a sheet with the import columns, drop-down lists and an example row, a sheet
 * explaining each column, and a sheet of the allowed values the lists use. */
#ifndef LW_XLSX_TEMPLATE_H
#define LW_XLSX_TEMPLATE_H

typedef struct xlsx_template_opts {
	const char *const *forms;  /* the installation's activity forms */
	int nforms;
	const char *example_day;   /* "2022-12-02": the example row's date (a day of the week) */
	const char *unit_name;     /* for the example row */
	const char *tmpdir;        /* where libxlsxwriter may put its temporary files */
} xlsx_template_opts;

/* Writes the workbook to path; 0 ok, -1 failed. */
int xlsx_template_write(const char *path, const xlsx_template_opts *o);
#endif
