/* jobs.h: the queue of the centre's long exports (the city workbook, the ZIP
 * of every unit's package). A request queues a job and returns at once; the
 * worker (export/jobs.h) runs them and stores progress as done/total in the
 * job's row, so a page can show it and no request waits. On SQLite jobs
 * die with the server; on PostgreSQL a dead server's jobs are taken over. */
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

/* For the worker: claims the oldest queued job for owner (a name of this
 * server), or on PostgreSQL also one whose server's lease ran out; 0: none.
 * Two servers never take the same job (FOR UPDATE SKIP LOCKED). */
long long job_take(db *d, const char *owner, long long now);
/* Extends the leases of owner's running jobs (PostgreSQL; SQLite: 0). How many, -1 on failure. */
int job_renew(db *d, const char *owner);
void job_progress(db *d, const char *owner, long long id, const char *step, long long done, long long total);
/* false when the job is no longer owner's (its lease ran out and another took it) */
bool job_finish(db *d, const char *owner, long long id, const char *file, const char *filename, long long size, long long now);
void job_fail(db *d, const char *owner, long long id, const char *error, long long now);
/* At server start: on SQLite what was queued or running when the last server
 * stopped is failed (on PostgreSQL other servers may be running them: a dead
 * server's jobs are taken over when their lease ends), and unfinished files
 * no server works on removed. Returns how many jobs were failed. */
int jobs_reap(db *d, const char *data_dir);
/* Where exports are written: data_dir/exports, made if missing; NULL if it cannot be. */
char *jobs_dir(arena *a, const char *data_dir);
#endif
