/* city_xlsx.h: the city workbook of a week (libxlsxwriter, constant-memory
 * mode, so a million activities stream through a few rows of memory):
 * 各单位总结表 (one row per unit, every form field: the latest submitted version
 * where there is one, else the live values, with a status column, then the
 * city's own row), 活动 (every activity of the week), 评价 (ratings per
 * activity) and 宣传报道 (publicity records). Header rows frozen, column
 * widths set, every text through cells.h so nothing is read as a formula. */
#ifndef LW_CITY_XLSX_H
#define LW_CITY_XLSX_H
#include "db/db.h"
#include "domain/stats.h"

/* Writes out_path directly (the caller renames a temp name into place);
 * tmpdir holds libxlsxwriter's temp files. 0, or -1 with err. */
int city_xlsx_write(db *d, long long week_id, const char *tmpdir, const char *out_path, const progress *pg,
		    char *err, size_t errlen);
#endif
