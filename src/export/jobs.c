/* jobs.c: the export worker, one thread with two connections of its own:
 * one reads the records for the export (statements that may run for a minute
 * at a million activities), the other writes the progress in short
 * transactions, so a progress write never has to upgrade a long read.
 * Requests only queue a row (domain/jobs.c) and wake the worker. On
 * PostgreSQL the worker also looks for work every few seconds (jobs queued on
 * another server, or left by a dead one), and a third connection renews the
 * leases of this server's running jobs. */
#include "export/jobs.h"
#include "export/city_xlsx.h"
#include "export/package.h"
#include "domain/jobs.h"
#include "domain/org.h"
#include "core/log.h"
#include "core/timefmt.h"
#include "db/datadir.h"
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int export_city_file(db *d, const char *data_dir, long long week_id, const char *kind, const char *out_path,
		     const progress *pg, char *err, size_t errlen)
{
	arena a = {0};
	char *tmpdir = jobs_dir(&a, data_dir);
	char *part = arena_printf(&a, "%s.part", out_path);
	int rc = -1;
	FILE *probe = NULL;
	if (!tmpdir) {
		snprintf(err, errlen, "无法创建导出目录 exports：%s", strerror(errno));
	} else if (!(probe = fopen(part, "wb"))) {
		snprintf(err, errlen, "无法写入 %s：%s", out_path, strerror(errno));
	} else {
		fclose(probe);
		if (!strcmp(kind, "city_xlsx"))
			rc = city_xlsx_write(d, week_id, tmpdir, part, pg, err, errlen);
		else
			rc = city_packages_zip(d, data_dir, week_id, tmpdir, part, pg, err, errlen);
		if (rc == 0 && rename(part, out_path) < 0) {
			snprintf(err, errlen, "无法保存导出文件：%s", strerror(errno));
			rc = -1;
		}
		if (rc < 0)
			unlink(part);
	}
	arena_free(&a);
	return rc;
}

/* ---- the worker ---- */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool started, wanted, shared;
static char worker_data_dir[4096];
static db *reader, *writer;   /* the worker's connections, for as long as the process lives */
static db *beat;              /* the lease renewer's (PostgreSQL) */
static char me[160];          /* this server among those sharing the queue: host:pid:random */

/* On PostgreSQL, jobs queued on another server, or left by a dead one when
 * their lease ends, are found by looking every POLL_SECONDS; the leases of
 * this server's running jobs are renewed every BEAT_SECONDS (domain/jobs.c
 * gives them 30 s). */
#define POLL_SECONDS 3
#define BEAT_SECONDS 10

typedef struct job_tick {
	long long id;
	struct timespec last;
} job_tick;

static long long ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* At most four writes a second, and always the last one. */
static void save_progress(void *ctx, const char *step, long long done, long long total)
{
	job_tick *p = ctx;
	if (done < total && ms_since(&p->last) < 250)
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	job_progress(writer, me, p->id, step, done, total);
}

/* Runs job id, which job_take gave this server. */
static void run_job(long long id)
{
	arena a = {0};
	job j;
	if (!job_load(reader, &a, id, &j)) {
		arena_free(&a);
		return;
	}
	bool xlsx = !strcmp(j.kind, "city_xlsx");
	const char *ext = xlsx ? ".xlsx" : ".zip";
	char *name = arena_printf(&a, "job-%lld%s", id, ext);
	char *final = arena_printf(&a, "%s/exports/%s", worker_data_dir, name);
	char err[400] = "";
	job_tick jp = {.id = id};
	progress pg = {save_progress, &jp};
	int rc = export_city_file(reader, worker_data_dir, j.week_id, j.kind, final, &pg, err, sizeof err);
	struct stat st;
	if (rc == 0 && stat(final, &st) < 0) {
		snprintf(err, sizeof err, "无法保存导出文件：%s", strerror(errno));
		rc = -1;
	}
	week wk;
	const char *title = week_load(reader, &a, j.week_id, &wk) ? wk.title : "活动周";
	if (rc == 0) {
		char *filename = arena_printf(&a, "%s-%s%s", title, xlsx ? "全市汇总" : "各单位报送材料", ext);
		if (job_finish(writer, me, id, name, filename, (long long)st.st_size, now_utc()))
			log_info("export job %lld done by %s", id, me);
		else
			log_warn("export job %lld was taken over by another server before it ended here", id);
	} else {
		log_error("export job %lld failed: %s", id, err);
		job_fail(writer, me, id, err, now_utc());
	}
	arena_free(&a);
}

static void *worker(void *arg)
{
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&mu);
		if (shared) { /* other servers queue jobs too: look now and then */
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += POLL_SECONDS;
			while (!wanted && pthread_cond_timedwait(&cv, &mu, &until) == 0)
				;
		} else {
			while (!wanted)
				pthread_cond_wait(&cv, &mu);
		}
		wanted = false;
		pthread_mutex_unlock(&mu);
		long long id;
		while ((id = job_take(writer, me, now_utc())))
			run_job(id);
	}
	return NULL;
}

static void *renewer(void *arg)
{
	(void)arg;
	for (;;) {
		sleep(BEAT_SECONDS);
		job_renew(beat, me);
	}
	return NULL;
}

static bool spawn(void *(*fn)(void *))
{
	pthread_t t;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	bool ok = pthread_create(&t, &attr, fn, NULL) == 0;
	pthread_attr_destroy(&attr);
	return ok;
}

void jobs_wake(const char *data_dir)
{
	pthread_mutex_lock(&mu);
	if (!started) {
		snprintf(worker_data_dir, sizeof worker_data_dir, "%s", data_dir);
		char where[4200], err[512] = "", host[64] = "";
		gethostname(host, sizeof host - 1);
		unsigned char r[4];
		randombytes_buf(r, sizeof r);
		snprintf(me, sizeof me, "%s:%ld:%02x%02x%02x%02x", host, (long)getpid(), r[0], r[1], r[2], r[3]);
		const char *path = datadir_db_path(data_dir, where, sizeof where);
		if (!reader)
			reader = db_open(path, false, err, sizeof err);
		if (!writer)
			writer = db_open(path, false, err, sizeof err);
		shared = reader && !strcmp(db_engine(reader), "postgresql");
		if (shared && !beat)
			beat = db_open(path, false, err, sizeof err);
		if (reader && writer && (!shared || beat) && spawn(worker)) {
			started = true;
			if (shared && !spawn(renewer)) /* its jobs may then be taken over after 30 s: still done once */
				log_error("export worker: cannot start the lease renewer (%s)", strerror(errno));
		} else {
			log_error("export worker: cannot start (%s)", err[0] ? err : strerror(errno));
		}
	}
	wanted = true;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
}
