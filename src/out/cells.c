/* cells.c: formula-injection-safe cell text for the CSV and XLSX exports. */
#include "cells.h"
#include "core/text.h"
#include <stdlib.h>
#include <string.h>

const char *cell_text(arena *a, const char *s)
{
	s = text_clean(a, s);
	return cell_is_risky(s) ? arena_printf(a, "'%s", s) : s;
}

void csv_field(buf *b, const char *s)
{
	arena a = {0};
	s = text_clean(&a, s);
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
	arena_free(&a);
}

/* A U+FFFE or U+FFFF (or bytes that are not UTF-8) written into a sheet's
 * XML make Excel refuse the whole sheet: the text goes through text_clean. */
lxw_error xlsx_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *fmt)
{
	if (!s || !*s)
		return worksheet_write_blank(ws, row, col, fmt);
	arena a = {0};
	lxw_error rc = worksheet_write_string(ws, row, col, cell_text(&a, s), fmt);
	arena_free(&a);
	return rc;
}
