/* xlsx_book.h: a workbook of large sheets written top to bottom
 * (libxlsxwriter's constant-memory mode, so a million rows stream through a
 * few rows of memory): each sheet has a bold header row, frozen panes and
 * column widths; a sheet that would pass Excel's 1,048,576 rows goes on in
 * "NAME（续2）" with the same header; a text longer than a cell holds is cut
 * and says so; every text goes through cells.h, so nothing is a formula. It
 * takes plain values only: what goes in which column is its caller's. */
#ifndef LW_XLSX_BOOK_H
#define LW_XLSX_BOOK_H
#include <stdbool.h>
#include <stddef.h>

typedef struct xlsx_book xlsx_book;

typedef struct xlsx_props {
	const char *title, *subject, *author, *comments;
	long long created;   /* UTC seconds */
	bool zip64;          /* past about 4 GB of sheet XML (a million rows) */
	const char *tmpdir;  /* libxlsxwriter's temp files */
} xlsx_props;

typedef struct xlsx_col {
	const char *head;
	double width;
} xlsx_col;

typedef enum xcell_kind {
	XC_EMPTY,
	XC_TEXT,    /* s */
	XC_WRAP,    /* s, wrapped, top-aligned */
	XC_NUMBER,  /* v */
	XC_PERCENT, /* v, shown as 0% */
	XC_TIME,    /* t: UTC seconds, shown as a Beijing date and time; empty when 0 */
} xcell_kind;
typedef struct xcell {
	xcell_kind kind;
	const char *s;
	double v;
	long long t;
} xcell;
#define XTEXT(x) ((xcell){XC_TEXT, (x), 0, 0})
#define XWRAP(x) ((xcell){XC_WRAP, (x), 0, 0})
#define XNUM(x) ((xcell){XC_NUMBER, NULL, (double)(x), 0})
#define XPCT(x) ((xcell){XC_PERCENT, NULL, (x), 0})
#define XTIME(x) ((xcell){XC_TIME, NULL, 0, (x)})
#define XEMPTY ((xcell){XC_EMPTY, NULL, 0, 0})

/* Creates the file at path; NULL with err. */
xlsx_book *xlsx_book_open(const char *path, const xlsx_props *p, char *err, size_t errlen);
/* A new sheet with its header row; rows follow. 0, or -1 (the error is kept for close). */
int xlsx_book_sheet(xlsx_book *k, const char *name, const xlsx_col *cols, int ncols, int freeze_cols);
/* One row of the current sheet. 0, or -1. */
int xlsx_book_row(xlsx_book *k, const xcell *cells, int n);
/* Writes the file (the longest step at a million rows) and frees k. When
 * failed is set, the workbook is only freed: the caller removes the file.
 * 0, or -1 with err. */
int xlsx_book_close(xlsx_book *k, bool failed, char *err, size_t errlen);
#endif
