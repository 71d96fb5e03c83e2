/* cells.h: text for spreadsheet cells (CSV and XLSX) that a spreadsheet cannot
 * run. A cell that starts with = + - @ (or a tab or carriage return, which
 * some programs skip before looking) is read as a formula by Excel, WPS and
 * LibreOffice, so a title such as =HYPERLINK(...) typed by anyone would run on
 * the centre's computer. Every export writes its text through these helpers. */
#ifndef LW_CELLS_H
#define LW_CELLS_H
#include <stdbool.h>
#include <xlsxwriter.h>
#include "core/arena.h"
#include "core/buf.h"
#include "core/text.h"

/* cell_is_risky and cell_untext, the rule itself, are in core/text.h. */
/* s itself, or s with an apostrophe in front when it is risky. */
const char *cell_text(arena *a, const char *s);
/* One CSV field (RFC 4180: quoted when it holds , " CR or LF), made safe. */
void csv_field(buf *b, const char *s);
/* A text cell: always a string (never a formula), made safe. */
lxw_error xlsx_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *fmt);
#endif
