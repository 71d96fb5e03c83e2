/* datadir.c: creating, opening, backing up and restoring a data folder.
 * A backup is a ZIP (libzip) holding a consistent copy of the database, made
 * with SQLite's online backup API while the server may be writing, plus the
 * file store. Stored files are written once under their SHA-256 and never
 * changed, and a row points to a file only after the file is complete, so
 * copying the files after the database snapshot is always enough. On
 * PostgreSQL (--database) the copy of the database is pg_dump's custom format
 * (learnweek.pgdump in the ZIP), restored by pg_restore in one transaction
 * into an empty database; both come from Debian's postgresql-client. */
#include "datadir.h"
#include "core/log.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

static int mkdirs(const char *path)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	return mkdir(tmp, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

static bool dir_empty_or_missing(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT;
	struct dirent *e;
	bool empty = true;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = false;
	closedir(d);
	return empty;
}

/* A folder made by an older version, or copied in, may be readable by
 * everyone: the folder becomes 0700 and the database with its -wal and -shm
 * 0600, so nobody else on the machine reads a phone number or a password
 * hash. What cannot be changed (a read-only folder) is left as it is. */
static void tighten(const char *dir)
{
	static const char *const files[] = {DB_FILE, DB_FILE "-wal", DB_FILE "-shm", "learnweek.lock"};
	char path[4200];
	struct stat st;
	if (stat(dir, &st) == 0 && (st.st_mode & 077))
		chmod(dir, st.st_mode & 0700);
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if (stat(path, &st) == 0 && (st.st_mode & 077))
			chmod(path, st.st_mode & 0600);
	}
}

static const char *database; /* see datadir_use_database */

void datadir_use_database(const char *address)
{
	database = address && *address ? address : NULL;
}

const char *datadir_database(void)
{
	return database;
}

const char *datadir_db_path(const char *dir, char *buf, size_t n)
{
	if (database)
		return database;
	snprintf(buf, n, "%s/%s", dir, DB_FILE);
	return buf;
}

db *datadir_open(const char *dir)
{
	char path[4096], err[512];
	snprintf(path, sizeof path, "%s/%s", dir, DB_FILE);
	if (database) {
		/* the folder holds the files; the database is the server's */
		snprintf(path, sizeof path, "%s/files", dir);
		if (access(path, F_OK) != 0) {
			fprintf(stderr, "learnweek: %s 不是数据目录（找不到 files）。请先运行 learnweek init --data %s --database ...\n", dir, dir);
			return NULL;
		}
		snprintf(path, sizeof path, "%s", database);
	} else if (access(path, F_OK) != 0) {
		fprintf(stderr, "learnweek: %s 不是数据目录（找不到 %s）。请先运行 learnweek init --data %s\n", dir, DB_FILE, dir);
		return NULL;
	}
	tighten(dir);
	db *d = db_open(path, false, err, sizeof err);
	if (!d) {
		fprintf(stderr, "learnweek: %s\n", err);
		return NULL;
	}
	if (db_migrate(d, err, sizeof err) < 0) {
		fprintf(stderr, "learnweek: %s\n", err);
		db_close(d);
		return NULL;
	}
	return d;
}

db *datadir_create(const char *dir, const char *city, const char *centre)
{
	char path[4096], err[512];
	if (!dir_empty_or_missing(dir)) {
		fprintf(stderr, "learnweek: %s 已有内容，init 不会改动已有数据。请换一个新的目录。\n", dir);
		return NULL;
	}
	db *d = NULL;
	if (database) {
		/* the database is asked first, so that a refused one leaves no
		 * folder behind; learnweek's schema without units is an init that
		 * failed after its migrations, and is taken */
		d = db_open(database, true, err, sizeof err);
		if (d && db_schema_version(d) > 0 && db_int(d, -1, "SELECT count(*) FROM units", NULL) != 0) {
			db_close(d);
			fprintf(stderr, "learnweek: 数据库 %s 已有 learnweek 的数据，init 不会改动已有数据。请换一个空的数据库。\n", database);
			return NULL;
		}
		if (!d) {
			fprintf(stderr, "learnweek: %s\n", err);
			return NULL;
		}
	}
	snprintf(path, sizeof path, "%s/files/tmp", dir);
	if (mkdirs(path) < 0) {
		fprintf(stderr, "learnweek: 无法创建目录 %s：%s\n", path, strerror(errno));
		db_close(d);
		return NULL;
	}
	if (!d)
		d = db_open(datadir_db_path(dir, path, sizeof path), true, err, sizeof err);
	if (!d || db_migrate(d, err, sizeof err) < 0) {
		fprintf(stderr, "learnweek: %s\n", err);
		db_close(d);
		return NULL;
	}
	unsigned char secret[32];
	char hex[65];
	randombytes_buf(secret, sizeof secret);
	sodium_bin2hex(hex, sizeof hex, secret, sizeof secret);
	if (db_begin(d) < 0 ||
	    db_exec(d, "INSERT INTO settings(key, value) VALUES ('secret', ?1), ('city', ?2)", "tt", hex, city) < 0 ||
	    db_exec(d, "INSERT INTO units(parent_id, name, kind, code, sort_order, created_at)"
		       " VALUES (NULL, ?1, '市', 'centre', 0, ?2)", "tI", centre, (long long)time(NULL)) < 0 ||
	    db_commit(d) < 0) {
		db_rollback(d);
		fprintf(stderr, "learnweek: 无法初始化数据库\n");
		db_close(d);
		return NULL;
	}
	return d;
}

int datadir_lock(const char *dir)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/learnweek.lock", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd; /* kept open: the lock ends with the process, however it ends */
}

int datadir_clean_tmp(const char *dir, long older_than)
{
	time_t now = time(NULL);
	char path[4200];
	snprintf(path, sizeof path, "%s/files/tmp", dir);
	DIR *dp = opendir(path);
	if (!dp)
		return mkdirs(path);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		char f[4600];
		snprintf(f, sizeof f, "%s/%s", path, e->d_name);
		struct stat st;
		if (older_than > 0 && (stat(f, &st) < 0 || now - st.st_mtime < older_than))
			continue; /* another server's upload, still arriving */
		if (unlink(f) == 0)
			n++;
	}
	closedir(dp);
	return n;
}

/* ---- PostgreSQL: pg_dump and pg_restore (Debian's postgresql-client) ---- */

#define PG_DUMP_FILE "learnweek.pgdump"

/* Runs prog (pg_dump, pg_restore) with args, its messages on our stderr;
 * 0 when it succeeded. */
static int run_client(const char *prog, char *const argv[])
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execvp(prog, argv);
		if (errno == ENOENT)
			fprintf(stderr, "learnweek: 找不到 %s。请安装 Debian 软件包 postgresql-client（sh scripts/install-deps.sh）\n", prog);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

bool datadir_pg_empty(const char *address, bool *ok)
{
	char err[512];
	db *d = db_open(address, false, err, sizeof err);
	*ok = d != NULL;
	if (!d) {
		fprintf(stderr, "learnweek: %s\n", err);
		return false;
	}
	long long n = db_int(d, -1, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()", NULL);
	db_close(d);
	*ok = n >= 0;
	return n == 0;
}

/* A consistent copy of the database into path: pg_dump's custom format,
 * one snapshot however busy the servers are. */
static int pg_dump_to(const char *path)
{
	char *argv[] = {"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", (char *)path,
			"--dbname", (char *)database, NULL};
	if (run_client("pg_dump", argv) < 0) {
		fprintf(stderr, "learnweek: pg_dump 未能导出数据库\n");
		return -1;
	}
	return 0;
}

static int add_tree(zip_t *z, const char *root, const char *rel)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	DIR *dp = opendir(path);
	if (!dp)
		return errno == ENOENT ? 0 : -1;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(dp))) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "tmp"))
			continue;
		char sub[4096], full[8192];
		snprintf(sub, sizeof sub, "%s/%s", rel, e->d_name);
		snprintf(full, sizeof full, "%s/%s", root, sub);
		struct stat st;
		if (stat(full, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			rc = add_tree(z, root, sub);
		} else if (S_ISREG(st.st_mode)) {
			zip_source_t *s = zip_source_file(z, full, 0, -1);
			zip_int64_t idx = s ? zip_file_add(z, sub, s, ZIP_FL_ENC_UTF_8) : -1;
			if (idx < 0) {
				zip_source_free(s);
				rc = -1;
			} else {
				/* stored files are photos, videos and PDFs: already compressed */
				zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
			}
		}
	}
	closedir(dp);
	return rc;
}

int datadir_backup(const char *dir, const char *out)
{
	db *d = datadir_open(dir);
	if (!d)
		return 1;
	char tmpdb[4200], err[512], part[4200];
	snprintf(tmpdb, sizeof tmpdb, "%s.db.tmp", out);
	snprintf(part, sizeof part, "%s.part", out);
	unlink(tmpdb);
	unlink(part);
	/* the database first, then the files: the store is write-once, so every
	 * file the copy names is already there */
	if (database ? pg_dump_to(tmpdb) < 0 : db_backup_to(d, tmpdb, err, sizeof err) < 0) {
		if (!database)
			fprintf(stderr, "learnweek: %s\n", err);
		db_close(d);
		unlink(tmpdb);
		return 1;
	}
	db_close(d);
	int zerr;
	zip_t *z = zip_open(part, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!z) {
		fprintf(stderr, "learnweek: 无法创建备份文件 %s\n", out);
		unlink(tmpdb);
		return 1;
	}
	zip_source_t *s = zip_source_file(z, tmpdb, 0, -1);
	int rc = (s && zip_file_add(z, database ? PG_DUMP_FILE : DB_FILE, s, ZIP_FL_ENC_UTF_8) >= 0) ? 0 : -1;
	if (rc == 0)
		rc = add_tree(z, dir, "files");
	if (rc < 0) {
		zip_discard(z);
		fprintf(stderr, "learnweek: 备份失败：无法读取数据目录中的文件\n");
	} else if (zip_close(z) < 0) {
		fprintf(stderr, "learnweek: 备份失败：%s\n", zip_strerror(z));
		zip_discard(z);
		rc = -1;
	}
	unlink(tmpdb);
	if (rc == 0 && rename(part, out) < 0) {
		fprintf(stderr, "learnweek: 无法写入 %s：%s\n", out, strerror(errno));
		rc = -1;
	}
	if (rc < 0)
		unlink(part);
	return rc < 0 ? 1 : 0;
}

/* nftw's callback: removes one entry, the folders after what they hold. */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path) < 0 ? -1 : 0;
}

/* Removes the folder dir and everything in it (a restore's staging folder). */
static void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The archive's entries written into the folder stage; 0 ok. */
static int unpack(zip_t *z, zip_int64_t n, const char *stage)
{
	char path[8192];
	snprintf(path, sizeof path, "%s/files/tmp", stage);
	if (mkdirs(path) < 0)
		return -1;
	int rc = 0;
	for (zip_int64_t i = 0; i < n && rc == 0; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		snprintf(path, sizeof path, "%s/%s", stage, name);
		char *slash = strrchr(path, '/');
		*slash = 0;
		mkdirs(path);
		*slash = '/';
		zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (!f || fd < 0) {
			rc = -1;
		} else {
			char chunk[65536];
			zip_int64_t got;
			while ((got = zip_fread(f, chunk, sizeof chunk)) > 0)
				if (write(fd, chunk, (size_t)got) != got) {
					rc = -1;
					break;
				}
			if (got < 0 || fsync(fd) < 0)
				rc = -1;
		}
		if (f)
			zip_fclose(f);
		if (fd >= 0)
			close(fd);
	}
	return rc;
}

/* The database part of a restore unpacked in stage: pg_restore of the dump
 * on PostgreSQL (one transaction: a refused dump leaves the database
 * empty), then the database opened and checked. 0 ok. */
static int restore_database(const char *stage, bool has_pg)
{
	if (has_pg) {
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", stage, PG_DUMP_FILE);
		char *argv[] = {"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
				"--dbname", (char *)database, path, NULL};
		int rc = run_client("pg_restore", argv);
		unlink(path);
		if (rc < 0) {
			fprintf(stderr, "learnweek: pg_restore 未能恢复数据库\n");
			return -1;
		}
	}
	db *d = datadir_open(stage);
	if (!d)
		return -1;
	bool ok = has_pg ? db_schema_version(d) > 0
			 : db_int(d, 0, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'", NULL) == 1;
	db_close(d);
	if (!ok) {
		fprintf(stderr, "learnweek: 恢复出的数据库未通过完整性检查\n");
		return -1;
	}
	return 0;
}

/* The archive is unpacked into a staging folder beside dir (in its parent,
 * so on the same file system) and moved into place by one rename only after
 * the database part succeeded: a failed restore leaves neither dir nor the
 * staging folder behind, and can be retried with the same command. */
int datadir_restore(const char *archive, const char *dir)
{
	if (!dir_empty_or_missing(dir)) {
		fprintf(stderr, "learnweek: %s 已有内容。请恢复到一个新的空目录，确认无误后再替换旧目录。\n", dir);
		return 2;
	}
	int zerr;
	zip_t *z = zip_open(archive, ZIP_RDONLY, &zerr);
	if (!z) {
		fprintf(stderr, "learnweek: %s 不是 learnweek 的备份文件（无法按 ZIP 打开）\n", archive);
		return 2;
	}
	bool has_sqlite = zip_name_locate(z, DB_FILE, 0) >= 0, has_pg = zip_name_locate(z, PG_DUMP_FILE, 0) >= 0;
	if (!has_sqlite && !has_pg) {
		fprintf(stderr, "learnweek: %s 中没有 %s，不是 learnweek 的备份文件\n", archive, DB_FILE);
		zip_discard(z);
		return 2;
	}
	if (has_pg && !database) {
		fprintf(stderr, "learnweek: %s 是 PostgreSQL 数据库的备份，请加 --database postgresql://... 恢复到一个空的 PostgreSQL 数据库\n",
			archive);
		zip_discard(z);
		return 2;
	}
	if (has_sqlite && database) {
		fprintf(stderr, "learnweek: %s 是 SQLite 数据目录的备份：请先不加 --database 恢复到一个新目录，"
				"再用 learnweek migrate-to-postgres 迁入 PostgreSQL\n", archive);
		zip_discard(z);
		return 2;
	}
	if (database) {
		bool asked;
		bool empty = datadir_pg_empty(database, &asked);
		if (!asked || !empty) {
			if (asked)
				fprintf(stderr, "learnweek: 目标 PostgreSQL 数据库已有数据表。请恢复到一个新建的空数据库，确认无误后再切换。\n");
			zip_discard(z);
			return asked ? 2 : 1;
		}
	}
	zip_int64_t n = zip_get_num_entries(z, 0);
	/* every name is checked before anything is written */
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		if (!name || strstr(name, "..") || name[0] == '/' ||
		    (strcmp(name, has_pg ? PG_DUMP_FILE : DB_FILE) && strncmp(name, "files/", 6))) {
			fprintf(stderr, "learnweek: 备份中有不认识的条目「%s」，已停止恢复\n", name ? name : "?");
			zip_discard(z);
			return 2;
		}
	}
	char parent[4096], stage[4200];
	snprintf(parent, sizeof parent, "%s", dir);
	size_t len = strlen(parent);
	while (len > 1 && parent[len - 1] == '/')
		parent[--len] = 0;
	char *slash = strrchr(parent, '/');
	if (!slash)
		snprintf(parent, sizeof parent, ".");
	else
		slash[slash == parent] = 0; /* "/x" keeps its "/" */
	snprintf(stage, sizeof stage, "%s/.restore-XXXXXX", parent);
	if (mkdirs(parent) < 0 || !mkdtemp(stage)) {
		fprintf(stderr, "learnweek: 无法在 %s 中创建恢复用的临时目录：%s\n", parent, strerror(errno));
		zip_discard(z);
		return 1;
	}
	int rc = unpack(z, n, stage);
	zip_discard(z);
	if (rc < 0)
		fprintf(stderr, "learnweek: 恢复失败：无法写入 %s\n", stage);
	if (rc == 0)
		rc = restore_database(stage, has_pg);
	if (rc == 0 && rename(stage, dir) < 0) {
		fprintf(stderr, "learnweek: 无法把恢复的数据移到 %s：%s\n", dir, strerror(errno));
		if (has_pg)
			fprintf(stderr, "learnweek: 数据库已经恢复；请清空该数据库后再恢复一次\n");
		rc = -1;
	}
	if (rc < 0) {
		remove_tree(stage);
		fprintf(stderr, "learnweek: 恢复失败，没有留下任何内容，修正问题后可以再次恢复\n");
		return 1;
	}
	return 0;
}
