/* cells.c: formula-injection-safe cell text for the CSV and XLSX exports. */
#include "cells.h"
#include <stdlib.h>
#include <string.h>

bool cell_is_risky(const char *s)
{
	return s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r');
}

const char *cell_text(arena *a, const char *s)
{
	if (!s)
		return "";
	return cell_is_risky(s) ? arena_printf(a, "'%s", s) : s;
}

const char *cell_untext(const char *s)
{
	return s && s[0] == '\'' && cell_is_risky(s + 1) ? s + 1 : s;
}

void csv_field(buf *b, const char *s)
{
	if (!s)
		s = "";
	bool risky = cell_is_risky(s);
	bool quote = risky || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (risky)
		buf_putc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

lxw_error xlsx_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *fmt)
{
	if (!s || !*s)
		return worksheet_write_blank(ws, row, col, fmt);
	if (!cell_is_risky(s))
		return worksheet_write_string(ws, row, col, s, fmt);
	size_t n = strlen(s);
	char *t = malloc(n + 2);
	if (!t)
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	t[0] = '\'';
	memcpy(t + 1, s, n + 1);
	lxw_error rc = worksheet_write_string(ws, row, col, t, fmt);
	free(t);
	return rc;
}
