/* jobs.c: the export queue and its one worker thread. The worker has two
 * connections of its own: one reads the records for the export (statements
 * that may run for a minute at a million activities), the other writes the
 * progress in short transactions, so a progress write never has to upgrade
 * a long read. Requests only insert a row and wake the worker. */
#include "jobs.h"
#include "cityform.h"
#include "org.h"
#include "out/city_xlsx.h"
#include "core/log.h"
#include "core/timefmt.h"
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define KEEP_FILES_DAYS 7

const char *job_kind_label(const char *kind)
{
	if (kind && !strcmp(kind, "city_xlsx"))
		return "全市汇总工作簿（XLSX）";
	if (kind && !strcmp(kind, "city_zip"))
		return "各单位报送材料包（ZIP）";
	return kind ? kind : "";
}

const char *job_status_label(const char *s)
{
	if (!s) return "";
	if (!strcmp(s, "queued")) return "排队中";
	if (!strcmp(s, "running")) return "正在导出";
	if (!strcmp(s, "done")) return "已完成";
	if (!strcmp(s, "failed")) return "失败";
	return s;
}

bool job_kind_ok(const char *kind)
{
	return kind && (!strcmp(kind, "city_xlsx") || !strcmp(kind, "city_zip"));
}

#define JOB_SELECT "SELECT j.id, j.week_id, j.kind, j.status, j.done, j.total, j.step, j.file, j.filename, j.error," \
		   " COALESCE(j.size, 0), j.created_at, COALESCE(j.started_at, 0), COALESCE(j.finished_at, 0)," \
		   " COALESCE(c.username, '') FROM jobs j LEFT JOIN accounts c ON c.id = j.created_by"

static void job_row(stmt *st, arena *a, job *j)
{
	j->id = col_int(st, 0);
	j->week_id = col_int(st, 1);
	j->kind = col_dup(st, a, 2);
	j->status = col_dup(st, a, 3);
	j->done = col_int(st, 4);
	j->total = col_int(st, 5);
	j->step = col_dup(st, a, 6);
	j->file = col_dup(st, a, 7);
	j->filename = col_dup(st, a, 8);
	j->error = col_dup(st, a, 9);
	j->size = col_int(st, 10);
	j->created_at = col_int(st, 11);
	j->started_at = col_int(st, 12);
	j->finished_at = col_int(st, 13);
	j->created_by = col_dup(st, a, 14);
}

bool job_load(db *d, arena *a, long long id, job *j)
{
	stmt st;
	bool ok = false;
	if (db_prep(d, &st, JOB_SELECT " WHERE j.id = ?1", "I", id) == 0) {
		if ((ok = stmt_step(&st) == 1))
			job_row(&st, a, j);
		stmt_done(&st);
	}
	return ok;
}

int job_list(db *d, arena *a, long long week_id, int max, job **out)
{
	job *v = arena_alloc(a, sizeof *v * (size_t)(max + 1));
	int n = 0;
	stmt st;
	if (db_prep(d, &st, JOB_SELECT " WHERE j.week_id = ?1 ORDER BY j.id DESC LIMIT ?2", "Ii", week_id, max) == 0) {
		while (n < max && stmt_step(&st) == 1)
			job_row(&st, a, &v[n++]);
		stmt_done(&st);
	}
	*out = v;
	return n;
}

long long job_start(db *d, const actor *who, const char *kind, long long week_id, bool *existing, errs *e)
{
	*existing = false;
	if (!job_kind_ok(kind)) {
		err_add(e, "kind", "请选择要导出的内容。");
		return 0;
	}
	if (!week_exists(d, week_id)) {
		err_add(e, "week", "找不到这届活动周。");
		return 0;
	}
	if (db_begin(d) < 0) {
		err_add(e, NULL, "数据库忙，请稍后重试。");
		return 0;
	}
	long long id = db_int(d, 0, "SELECT id FROM jobs WHERE kind = ?1 AND week_id = ?2 AND status IN ('queued', 'running')",
			      "tI", kind, week_id);
	int rc = 0;
	if (id) {
		*existing = true;
	} else {
		rc = db_exec(d, "INSERT INTO jobs(kind, week_id, created_by, created_at, step) VALUES (?1, ?2, NULLIF(?3, 0), ?4, '排队等候')",
			     "tIII", kind, week_id, who->account_id, who->now);
		id = rc == 0 ? db_last_id(d) : 0;
		if (rc == 0)
			rc = audit(d, who, unit_root(d), "export", "job", id, job_kind_label(kind), NULL, NULL);
	}
	if (rc < 0 || db_commit(d) < 0) {
		db_rollback(d);
		err_add(e, NULL, "无法开始导出，请重试。");
		return 0;
	}
	return id;
}

char *jobs_dir(arena *a, const char *data_dir)
{
	char *dir = arena_printf(a, "%s/exports", data_dir);
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return NULL;
	return dir;
}

char *job_file_path(arena *a, const char *data_dir, const job *j, long long *size)
{
	if (strcmp(j->status, "done") || !j->file || !*j->file || strchr(j->file, '/'))
		return NULL;
	char *path = arena_printf(a, "%s/exports/%s", data_dir, j->file);
	struct stat st;
	if (stat(path, &st) < 0)
		return NULL;
	if (size)
		*size = st.st_size;
	return path;
}

/* ---- the worker ---- */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool started, wanted;
static char worker_data_dir[4096];
static db *reader, *writer;   /* the worker's connections, for as long as the process lives */

typedef struct job_progress {
	long long id;
	struct timespec last;
} job_progress;

static long long ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* At most four writes a second, and always the last one. */
static void save_progress(void *ctx, const char *step, long long done, long long total)
{
	job_progress *p = ctx;
	if (done < total && ms_since(&p->last) < 250)
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	db_exec(writer, "UPDATE jobs SET done = ?1, total = ?2, step = ?3 WHERE id = ?4", "IItI", done, total, step ? step : "", p->id);
}

static void run_job(long long id)
{
	arena a = {0};
	job j;
	if (!job_load(reader, &a, id, &j) ||
	    db_exec(writer, "UPDATE jobs SET status = 'running', started_at = ?1, step = '开始' WHERE id = ?2 AND status = 'queued'",
		    "II", now_utc(), id) < 0 || db_changes(writer) != 1) {
		arena_free(&a);
		return;
	}
	bool xlsx = !strcmp(j.kind, "city_xlsx");
	const char *ext = xlsx ? ".xlsx" : ".zip";
	char *dir = jobs_dir(&a, worker_data_dir);
	char *name = arena_printf(&a, "job-%lld%s", id, ext);
	char *final = dir ? arena_printf(&a, "%s/%s", dir, name) : NULL;
	char *part = dir ? arena_printf(&a, "%s.part", final) : NULL;
	char err[400] = "";
	job_progress jp = {.id = id};
	progress pg = {save_progress, &jp};
	int rc;
	if (!dir) {
		snprintf(err, sizeof err, "无法创建导出目录 exports：%s", strerror(errno));
		rc = -1;
	} else if (xlsx) {
		rc = city_xlsx_write(reader, j.week_id, dir, part, &pg, err, sizeof err);
	} else {
		rc = city_packages_zip(reader, worker_data_dir, j.week_id, dir, part, &pg, err, sizeof err);
	}
	struct stat st;
	if (rc == 0 && (rename(part, final) < 0 || stat(final, &st) < 0)) {
		snprintf(err, sizeof err, "无法保存导出文件：%s", strerror(errno));
		rc = -1;
	}
	week wk;
	const char *title = week_load(reader, &a, j.week_id, &wk) ? wk.title : "活动周";
	if (rc == 0) {
		char *filename = arena_printf(&a, "%s-%s%s", title, xlsx ? "全市汇总" : "各单位报送材料", ext);
		db_exec(writer, "UPDATE jobs SET status = 'done', file = ?1, filename = ?2, size = ?3, done = total, step = '完成',"
				" finished_at = ?4 WHERE id = ?5", "ttIII", name, filename, (long long)st.st_size, now_utc(), id);
	} else {
		if (part)
			unlink(part);
		log_error("export job %lld failed: %s", id, err);
		db_exec(writer, "UPDATE jobs SET status = 'failed', error = ?1, finished_at = ?2 WHERE id = ?3", "tII", err, now_utc(), id);
	}
	arena_free(&a);
}

static void *worker(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&mu);
		while (!wanted)
			pthread_cond_wait(&cv, &mu);
		wanted = false;
		pthread_mutex_unlock(&mu);
		long long id;
		while ((id = db_int(reader, 0, "SELECT id FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1", NULL)))
			run_job(id);
	}
	return NULL;
}

void jobs_wake(const char *data_dir)
{
	pthread_mutex_lock(&mu);
	if (!started) {
		snprintf(worker_data_dir, sizeof worker_data_dir, "%s", data_dir);
		char path[4200], err[512];
		snprintf(path, sizeof path, "%s/%s", data_dir, DB_FILE);
		if (!reader)
			reader = db_open(path, false, err, sizeof err);
		if (!writer)
			writer = db_open(path, false, err, sizeof err);
		pthread_t t;
		pthread_attr_t attr;
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if (reader && writer && pthread_create(&t, &attr, worker, NULL) == 0)
			started = true;
		else
			log_error("export worker: cannot start (%s)", reader && writer ? strerror(errno) : err);
		pthread_attr_destroy(&attr);
	}
	wanted = true;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
}

int jobs_reap(db *d, const char *data_dir)
{
	long long now = now_utc();
	int n = db_exec(d, "UPDATE jobs SET status = 'failed', error = '服务已重启，导出被中断。请重新导出。', finished_at = ?1"
			   " WHERE status IN ('queued', 'running')", "I", now) == 0 ? db_changes(d) : 0;
	/* old exports go: they are copies of what the records say, made again in a minute */
	arena a = {0};
	stmt st;
	if (db_prep(d, &st, "SELECT file FROM jobs WHERE status = 'done' AND file IS NOT NULL AND finished_at < ?1", "I",
		    now - KEEP_FILES_DAYS * 86400LL) == 0) {
		while (stmt_step(&st) == 1)
			if (!strchr(col_text(&st, 0), '/'))
				unlink(arena_printf(&a, "%s/exports/%s", data_dir, col_text(&st, 0)));
		stmt_done(&st);
	}
	db_exec(d, "UPDATE jobs SET file = NULL WHERE status = 'done' AND finished_at < ?1", "I", now - KEEP_FILES_DAYS * 86400LL);
	/* unfinished files of jobs that died */
	char *dir = arena_printf(&a, "%s/exports", data_dir);
	DIR *dp = opendir(dir);
	struct dirent *e;
	while (dp && (e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] != '.' && (strstr(e->d_name, ".part") || !strncmp(e->d_name, "bundle-part-", 12)) && len > 5)
			unlink(arena_printf(&a, "%s/%s", dir, e->d_name));
	}
	if (dp)
		closedir(dp);
	arena_free(&a);
	return n;
}
