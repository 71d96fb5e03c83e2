/* city_xlsx.h: the city workbook of a week: 各单位总结表 (one row per unit,
 * every form field: the latest submitted version where there is one, else the
 * live values, with a status column, then the city's own row), 活动 (every
 * activity of the week), 评价 (ratings per activity) and 宣传报道 (publicity
 * records). The records come from the domain, row by row; out/xlsx_book.h
 * writes them. */
#ifndef LW_CITY_XLSX_H
#define LW_CITY_XLSX_H
#include "db/db.h"
#include "core/progress.h"
#include <stddef.h>

/* Writes out_path directly (export_city_file renames a temp name into
 * place); tmpdir holds libxlsxwriter's temp files. 0, or -1 with err. */
int city_xlsx_write(db *d, long long week_id, const char *tmpdir, const char *out_path, const progress *pg,
		    char *err, size_t errlen);
#endif
