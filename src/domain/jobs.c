/* jobs.c: the export queue: the jobs table, read by the pages and written by
 * the requests that queue a job and by the worker (export/jobs.c). */
#include "jobs.h"
#include "org.h"
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

/* ---- what the worker (export/jobs.c) writes ---- */

/* Many servers on one PostgreSQL database share the queue (migrations-pg/250):
 * a job is claimed with FOR UPDATE SKIP LOCKED, so two servers never take the
 * same one, and held by a lease the claiming server renews (job_renew); a job
 * whose lease ran out, its server killed, is claimed again by another. The
 * lease runs on the database's clock, so servers' clocks need not agree.
 * SQLite: one server per data folder (its lock), no lease. */
#define LEASE_SECONDS 30
#define DB_NOW "extract(epoch FROM clock_timestamp())::bigint"

static bool shared(db *d)
{
	return !strcmp(db_engine(d), "postgresql");
}

long long job_take(db *d, const char *owner, long long now)
{
	if (shared(d))
		return db_int(d, 0, "UPDATE jobs SET status = 'running', started_at = ?1, step = '开始', done = 0, owner = ?2,"
				    " lease_until = " DB_NOW " + ?3 WHERE id = (SELECT id FROM jobs WHERE status = 'queued'"
				    " OR (status = 'running' AND lease_until < " DB_NOW ")"
				    " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id",
			      "Iti", now, owner, LEASE_SECONDS);
	return db_int(d, 0, "UPDATE jobs SET status = 'running', started_at = ?1, step = '开始' WHERE id = (SELECT id FROM jobs"
			    " WHERE status = 'queued' ORDER BY id LIMIT 1) RETURNING id", "I", now);
}

int job_renew(db *d, const char *owner)
{
	if (!shared(d))
		return 0;
	return db_exec(d, "UPDATE jobs SET lease_until = " DB_NOW " + ?1 WHERE owner = ?2 AND status = 'running'", "it",
		       LEASE_SECONDS, owner) == 0 ? db_changes(d) : -1;
}

void job_progress(db *d, const char *owner, long long id, const char *step, long long done, long long total)
{
	if (shared(d))
		db_exec(d, "UPDATE jobs SET done = ?1, total = ?2, step = ?3, lease_until = " DB_NOW " + ?4"
			   " WHERE id = ?5 AND owner = ?6 AND status = 'running'",
			"IItiIt", done, total, step ? step : "", LEASE_SECONDS, id, owner);
	else
		db_exec(d, "UPDATE jobs SET done = ?1, total = ?2, step = ?3 WHERE id = ?4", "IItI", done, total, step ? step : "", id);
}

bool job_finish(db *d, const char *owner, long long id, const char *file, const char *filename, long long size, long long now)
{
	/* on PostgreSQL only while the lease is still this server's: a job taken
	 * over by another (this one stalled past its lease) ends there, once */
#define FINISH "UPDATE jobs SET status = 'done', file = ?1, filename = ?2, size = ?3, done = total, step = '完成'," \
	       " finished_at = ?4 WHERE id = ?5 AND status = 'running'"
	int rc = shared(d) ? db_exec(d, FINISH " AND owner = ?6", "ttIIIt", file, filename, size, now, id, owner)
			   : db_exec(d, FINISH, "ttIII", file, filename, size, now, id);
	return rc == 0 && db_changes(d) == 1;
}

void job_fail(db *d, const char *owner, long long id, const char *error, long long now)
{
#define FAIL "UPDATE jobs SET status = 'failed', error = ?1, finished_at = ?2 WHERE id = ?3 AND status = 'running'"
	if (shared(d))
		db_exec(d, FAIL " AND owner = ?4", "tIIt", error, now, id, owner);
	else
		db_exec(d, FAIL, "tII", error, now, id);
}

int jobs_reap(db *d, const char *data_dir)
{
	long long now = now_utc();
	/* on PostgreSQL other servers may be running jobs now: those of a dead
	 * server are taken over when their lease ends (job_take), none failed
	 * but one running without a lease (a database moved from SQLite while
	 * it ran), which no server holds */
	int n = db_exec(d, shared(d) ? "UPDATE jobs SET status = 'failed', error = '服务已重启，导出被中断。请重新导出。',"
				       " finished_at = ?1 WHERE status = 'running' AND lease_until IS NULL"
				     : "UPDATE jobs SET status = 'failed', error = '服务已重启，导出被中断。请重新导出。', finished_at = ?1"
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
		if (e->d_name[0] == '.' || !(strstr(e->d_name, ".part") || !strncmp(e->d_name, "bundle-part-", 12)) || len <= 5)
			continue;
		/* shared: a job's part (job-N.xlsx.part) only when no server runs
		 * job N; a bundle part (its name names no job) only when untouched
		 * for a day, as files/tmp's uploads (datadir_clean_tmp): a running
		 * export writes its parts within minutes, and those a killed server
		 * left go at some server's next start instead of staying for good */
		char *path = arena_printf(&a, "%s/%s", dir, e->d_name);
		long long job_id = 0;
		struct stat fst;
		if (shared(d) && (sscanf(e->d_name, "job-%lld.", &job_id) == 1
					  ? db_exists(d, "SELECT 1 FROM jobs WHERE id = ?1 AND status IN ('queued', 'running')", "I", job_id)
					  : stat(path, &fst) < 0 || time(NULL) - fst.st_mtime < 86400))
			continue;
		unlink(path);
	}
	if (dp)
		closedir(dp);
	arena_free(&a);
	return n;
}
