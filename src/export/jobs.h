/* jobs.h: the centre's long exports of a week (the city workbook, the ZIP of
 * every unit's package), made by the one worker thread of the server for the
 * jobs queued in domain/jobs.h, or by `learnweek export city` at once. */
#ifndef LW_EXPORT_JOBS_H
#define LW_EXPORT_JOBS_H
#include "db/db.h"
#include "core/progress.h"
#include <stddef.h>

/* Writes the export of kind (city_xlsx, city_zip) of the week to out_path
 * through out_path.part beside it, renamed into place when complete, so that
 * a failure leaves nothing under either name; libxlsxwriter's and the
 * packages' temp files go to data_dir/exports. 0, or -1 with err. */
int export_city_file(db *d, const char *data_dir, long long week_id, const char *kind, const char *out_path,
		     const progress *pg, char *err, size_t errlen);

/* Starts the worker on first use and tells it there is work. */
void jobs_wake(const char *data_dir);
#endif
