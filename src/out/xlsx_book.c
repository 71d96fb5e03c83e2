/* xlsx_book.c: see xlsx_book.h. Sheets are added one after another and each
 * is written top to bottom, as constant-memory mode requires. */
#include "xlsx_book.h"
#include "cells.h"
#include "core/timefmt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_COLS 64

struct xlsx_book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *wrap, *when, *pct;
	lxw_row_t row;
	lxw_error err;
	/* the current sheet, for its continuation */
	char name[64];
	xlsx_col cols[MAX_COLS];
	int ncols, freeze, part;
};

static void keep_err(xlsx_book *k, lxw_error e)
{
	if (e && !k->err)
		k->err = e;
}

xlsx_book *xlsx_book_open(const char *path, const xlsx_props *p, char *err, size_t errlen)
{
	xlsx_book *k = calloc(1, sizeof *k);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)p->tmpdir,
				    .use_zip64 = p->zip64 ? LXW_TRUE : LXW_FALSE};
	if (!k || !(k->wb = workbook_new_opt(path, &opt))) {
		snprintf(err, errlen, "无法创建工作簿 %s", path);
		free(k);
		return NULL;
	}
	lxw_doc_properties props = {.title = (char *)p->title, .subject = (char *)p->subject, .author = (char *)p->author,
				    .company = (char *)p->author, .comments = (char *)p->comments, .created = (time_t)p->created};
	workbook_set_properties(k->wb, &props);
	k->head = workbook_add_format(k->wb);
	format_set_bold(k->head);
	format_set_bg_color(k->head, 0xF5F2ED);
	format_set_bottom(k->head, LXW_BORDER_THIN);
	format_set_text_wrap(k->head);
	format_set_align(k->head, LXW_ALIGN_VERTICAL_TOP);
	k->wrap = workbook_add_format(k->wb);
	format_set_text_wrap(k->wrap);
	format_set_align(k->wrap, LXW_ALIGN_VERTICAL_TOP);
	k->when = workbook_add_format(k->wb);
	format_set_num_format(k->when, "yyyy-mm-dd hh:mm");
	k->pct = workbook_add_format(k->wb);
	format_set_num_format(k->pct, "0%");
	return k;
}

static int start_sheet(xlsx_book *k, const char *name)
{
	k->ws = workbook_add_worksheet(k->wb, name);
	if (!k->ws) {
		keep_err(k, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return -1;
	}
	for (int c = 0; c < k->ncols; c++)
		keep_err(k, worksheet_set_column(k->ws, (lxw_col_t)c, (lxw_col_t)c, k->cols[c].width, NULL));
	worksheet_freeze_panes(k->ws, 1, (lxw_col_t)k->freeze);
	for (int c = 0; c < k->ncols; c++)
		keep_err(k, xlsx_text(k->ws, 0, (lxw_col_t)c, k->cols[c].head, k->head));
	k->row = 1;
	return k->err ? -1 : 0;
}

int xlsx_book_sheet(xlsx_book *k, const char *name, const xlsx_col *cols, int ncols, int freeze_cols)
{
	if (ncols > MAX_COLS)
		ncols = MAX_COLS;
	snprintf(k->name, sizeof k->name, "%s", name);
	memcpy(k->cols, cols, sizeof *cols * (size_t)ncols);
	k->ncols = ncols;
	k->freeze = freeze_cols;
	k->part = 1;
	return start_sheet(k, name);
}

/* A cell holds at most 32,767 characters: a longer text (the featured
 * activities of a unit with thousands) is cut there, and says so. */
#define CELL_MAX_CHARS 32000
static void text(xlsx_book *k, lxw_col_t c, const char *s, lxw_format *f)
{
	size_t chars = 0, i = 0;
	for (; s && s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > CELL_MAX_CHARS)
			break;
	if (!s || !s[i]) {
		keep_err(k, xlsx_text(k->ws, k->row, c, s, f));
		return;
	}
	static const char more[] = "……（超出 Excel 单元格的长度，以下从略）";
	char *cut = malloc(i + sizeof more);
	if (!cut) {
		keep_err(k, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	memcpy(cut, s, i);
	memcpy(cut + i, more, sizeof more);
	keep_err(k, xlsx_text(k->ws, k->row, c, cut, f));
	free(cut);
}

int xlsx_book_row(xlsx_book *k, const xcell *cells, int n)
{
	if (k->row >= LXW_ROW_MAX) {
		char name[96];
		snprintf(name, sizeof name, "%s（续%d）", k->name, ++k->part);
		if (start_sheet(k, name) < 0)
			return -1;
	}
	for (int i = 0; i < n; i++) {
		const xcell *x = &cells[i];
		lxw_col_t c = (lxw_col_t)i;
		switch (x->kind) {
		case XC_EMPTY: break;
		case XC_TEXT: text(k, c, x->s, NULL); break;
		case XC_WRAP: text(k, c, x->s, k->wrap); break;
		case XC_NUMBER: keep_err(k, worksheet_write_number(k->ws, k->row, c, x->v, NULL)); break;
		case XC_PERCENT: keep_err(k, worksheet_write_number(k->ws, k->row, c, x->v, k->pct)); break;
		case XC_TIME:
			/* an instant as an Excel date-time, in Beijing time */
			if (x->t > 0)
				keep_err(k, worksheet_write_number(k->ws, k->row, c,
								   (double)(x->t + SHANGHAI_OFFSET) / 86400.0 + 25569.0, k->when));
			break;
		}
	}
	k->row++;
	return k->err ? -1 : 0;
}

int xlsx_book_close(xlsx_book *k, bool failed, char *err, size_t errlen)
{
	lxw_error kept = k->err;
	lxw_error e = workbook_close(k->wb); /* frees it */
	free(k);
	if (failed || kept) {
		snprintf(err, errlen, "写工作簿失败：%s", kept ? lxw_strerror(kept) : "读取数据出错");
		return -1;
	}
	if (e) {
		snprintf(err, errlen, "保存工作簿失败（磁盘可能已满）：%s", lxw_strerror(e));
		return -1;
	}
	return 0;
}
