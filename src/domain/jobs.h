/* jobs.h: the queue of the centre's long exports (the city workbook, the ZIP
 * of every unit's package). A request queues a job and returns at once; the
 * worker (export/jobs.h) runs them and stores progress as done/total in the
 * job's row, so a page can show it and no request waits. Jobs die with the
 * server. */
#ifndef LW_JOBS_H
#define LW_JOBS_H
#include "domain.h"

typedef struct job {
	long long id, week_id;
	char *kind;            /* city_xlsx, city_zip */
	char *status;          /* queued running done failed */
	long long done, total;
	char *step, *file, *filename, *error;
	long long size, created_at, started_at, finished_at;
	char *created_by;      /* the account's name */
} job;

const char *job_kind_label(const char *kind);      /* 全市汇总工作簿（XLSX） */
const char *job_status_label(const char *status);  /* 排队中 … */
bool job_kind_ok(const char *kind);

/* Queues an export of kind for the week, unless one of that kind for that week
 * is queued or running already: then *existing is set and that job's id is
 * returned. 0 on failure (e says why). Call jobs_wake afterwards. */
long long job_start(db *d, const actor *who, const char *kind, long long week_id, bool *existing, errs *e);
bool job_load(db *d, arena *a, long long id, job *j);
int job_list(db *d, arena *a, long long week_id, int max, job **out);   /* newest first */
/* The finished file's path (data_dir/...), or NULL when there is none; its
 * size in *size when size is not NULL. */
char *job_file_path(arena *a, const char *data_dir, const job *j, long long *size);

/* For the worker: the oldest queued job (0: none); marking it running
 * (false when another took it); its progress; its end. */
long long job_next(db *d);
bool job_claim(db *d, long long id, long long now);
void job_progress(db *d, long long id, const char *step, long long done, long long total);
void job_finish(db *d, long long id, const char *file, const char *filename, long long size, long long now);
void job_fail(db *d, long long id, const char *error, long long now);
/* At server start: what was queued or running when the last server stopped
 * is failed, and its unfinished files removed. Returns how many. */
int jobs_reap(db *d, const char *data_dir);
/* Where exports are written: data_dir/exports, made if missing; NULL if it cannot be. */
char *jobs_dir(arena *a, const char *data_dir);
#endif
