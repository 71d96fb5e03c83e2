/* table_xlsx.c: see table_xlsx.h. */
#include "out/table_xlsx.h"
#include "out/cells.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_MAX_CELL 32767
#define XLSX_MAX_ROWS 1048576

struct table_xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *wrap;
	int ncols;
	lxw_row_t row;
	bool failed;
};

table_xlsx *table_xlsx_open(const char *path, const char *sheet, const char *const *headers, const double *widths, int ncols)
{
	table_xlsx *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
	t->wb = workbook_new_opt(path, &opt);
	if (!t->wb || !(t->ws = workbook_add_worksheet(t->wb, sheet))) {
		if (t->wb)
			workbook_close(t->wb);
		free(t);
		return NULL;
	}
	t->ncols = ncols;
	lxw_format *head = workbook_add_format(t->wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xF5F2ED);
	format_set_border(head, LXW_BORDER_THIN);
	t->wrap = workbook_add_format(t->wb);
	format_set_text_wrap(t->wrap);
	format_set_align(t->wrap, LXW_ALIGN_VERTICAL_TOP);
	for (int c = 0; c < ncols; c++)
		if (widths && widths[c] > 0)
			worksheet_set_column(t->ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	worksheet_freeze_panes(t->ws, 1, 0);
	for (int c = 0; c < ncols; c++)
		if (xlsx_text(t->ws, 0, (lxw_col_t)c, headers[c], head) != LXW_NO_ERROR)
			t->failed = true;
	t->row = 1;
	return t;
}

int table_xlsx_row(table_xlsx *t, const char *const *cells)
{
	if (t->failed || t->row >= XLSX_MAX_ROWS)
		return -1;
	for (int c = 0; c < t->ncols; c++) {
		const char *s = cells[c];
		if (!s || !*s)
			continue;
		char *cut = NULL;
		if (strlen(s) > XLSX_MAX_CELL) {
			/* Excel's limit; cut on a UTF-8 character boundary */
			size_t n = XLSX_MAX_CELL;
			while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
				n--;
			if (!(cut = strndup(s, n)))
				return -1;
			s = cut;
		}
		lxw_error e = xlsx_text(t->ws, t->row, (lxw_col_t)c, s, t->wrap);
		free(cut);
		if (e != LXW_NO_ERROR) {
			t->failed = true;
			return -1;
		}
	}
	t->row++;
	return 0;
}

int table_xlsx_close(table_xlsx *t, char *err, size_t errlen)
{
	lxw_error e = workbook_close(t->wb);
	bool failed = t->failed;
	free(t);
	if (e != LXW_NO_ERROR || failed) {
		snprintf(err, errlen, "%s", e != LXW_NO_ERROR ? lxw_strerror(e) : "写入表格失败");
		return -1;
	}
	return 0;
}
