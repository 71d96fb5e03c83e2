/* table_xlsx.h: a plain table as an .xlsx workbook, one sheet, written row by
 * row (libxlsxwriter's constant-memory mode): a bold header row, every cell
 * text through cells.c so nothing written can run as a formula. */
#ifndef LW_TABLE_XLSX_H
#define LW_TABLE_XLSX_H
#include <stddef.h>

typedef struct table_xlsx table_xlsx;

/* widths: each column's width in characters (0: the default). NULL on failure. */
table_xlsx *table_xlsx_open(const char *path, const char *sheet, const char *const *headers, const double *widths, int ncols);
/* One row of ncols texts (NULL: an empty cell). Returns 0 or -1. */
int table_xlsx_row(table_xlsx *t, const char *const *cells);
/* Writes the file and frees t; returns 0, or -1 with err. */
int table_xlsx_close(table_xlsx *t, char *err, size_t errlen);
#endif
