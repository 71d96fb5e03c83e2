/* check.c: verifies a data folder: SQLite's integrity and foreign-key checks
 * (on PostgreSQL: the schema version and every foreign key by a query),
 * that every stored file the database knows is present with its size (and,
 * with --deep, its SHA-256), and reports orphans: files on disk that no row
 * knows (left by a crash between the rename and the commit) and stale
 * temporary uploads. Orphans are harmless; missing files are errors. */
#include "core/hash.h"
#include "check.h"
#include "datadir.h"
#include "db/filestore.h"
#include <dirent.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static bool hash_file(const char *path, char out[65])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		crypto_hash_sha256_update(&st, chunk, n);
	fclose(f);
	sha256_final_hex(&st, out);
	return true;
}

/* SQLite's own checks: the file's structure, then every foreign key. */
static int sqlite_integrity(db *d, FILE *out)
{
	int problems = 0;
	stmt st;
	if (db_prep(d, &st, "PRAGMA integrity_check", NULL) == 0) {
		while (stmt_step(&st) == 1)
			if (strcmp(col_text(&st, 0), "ok")) {
				fprintf(out, "数据库损坏：%s\n", col_text(&st, 0));
				problems++;
			}
		stmt_done(&st);
	}
	if (db_prep(d, &st, "PRAGMA foreign_key_check", NULL) == 0) {
		while (stmt_step(&st) == 1) {
			fprintf(out, "外键不一致：表 %s 第 %lld 行引用的 %s 不存在\n", col_text(&st, 0), col_int(&st, 1), col_text(&st, 2));
			problems++;
		}
		stmt_done(&st);
	}
	return problems;
}

/* PostgreSQL keeps its pages itself (its own checksums and WAL); what can
 * still go wrong is a reference: a restore or a copy made with the foreign
 * keys' triggers off. Every single-column foreign key of the schema is
 * checked by a query that counts the rows whose reference finds nothing. */
static int pg_references(db *d, arena *a, FILE *out)
{
	int problems = 0, keys = 0;
	fprintf(out, "数据库：PostgreSQL，结构版本 %d\n", db_schema_version(d));
	stmt st;
	/* the query for each key is written by PostgreSQL's format(): %s of a
	 * regclass is the table's name quoted as needed, %I quotes a column */
	if (db_prep(d, &st, "SELECT c.conrelid::regclass::text, a.attname::text, c.confrelid::regclass::text,"
			    " format('SELECT count(*) FROM %s t WHERE t.%I IS NOT NULL AND NOT EXISTS"
			    " (SELECT 1 FROM %s r WHERE r.%I = t.%I)', c.conrelid::regclass, a.attname,"
			    " c.confrelid::regclass, f.attname, a.attname)"
			    " FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]"
			    " JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]"
			    " WHERE c.contype = 'f' AND cardinality(c.conkey) = 1"
			    " AND c.connamespace = current_schema()::regnamespace ORDER BY 1, 2", NULL) < 0) {
		fprintf(out, "无法读取数据库的外键定义\n");
		return 1;
	}
	typedef struct fk { char *t, *col, *ref, *query; } fk;
	fk v[256];
	while (keys < 256 && stmt_step(&st) == 1)
		v[keys++] = (fk){col_dup(&st, a, 0), col_dup(&st, a, 1), col_dup(&st, a, 2), col_dup(&st, a, 3)};
	stmt_done(&st);
	for (int i = 0; i < keys; i++) {
		long long n = db_int_vals(d, -1, v[i].query, NULL, 0);
		if (n != 0) {
			if (n < 0)
				fprintf(out, "无法检查外键：表 %s 的 %s\n", v[i].t, v[i].col);
			else
				fprintf(out, "外键不一致：表 %s 有 %lld 行的 %s 引用的 %s 不存在\n", v[i].t, n, v[i].col, v[i].ref);
			problems++;
		}
	}
	fprintf(out, "已检查 %d 个外键引用\n", keys);
	return problems;
}

int datadir_check(const char *dir, bool deep, FILE *out)
{
	db *d = datadir_open(dir);
	if (!d)
		return 1;
	int problems = 0, orphans = 0, temps = 0;
	long long files = 0;
	arena a = {0};
	stmt st;
	if (!strcmp(db_engine(d), "postgresql"))
		problems += pg_references(d, &a, out);
	else
		problems += sqlite_integrity(d, out);
	if (db_prep(d, &st, "SELECT sha256, size FROM files ORDER BY sha256", NULL) == 0) {
		while (stmt_step(&st) == 1) {
			files++;
			const char *sha = col_text(&st, 0);
			char *path = fs_path(&a, dir, sha);
			struct stat sb;
			if (stat(path, &sb) < 0) {
				fprintf(out, "文件缺失：%s\n", sha);
				problems++;
			} else if (sb.st_size != col_int(&st, 1)) {
				fprintf(out, "文件大小不符：%s（数据库 %lld 字节，磁盘 %lld 字节）\n", sha, col_int(&st, 1), (long long)sb.st_size);
				problems++;
			} else if (deep) {
				char h[65];
				if (!hash_file(path, h) || strcmp(h, sha)) {
					fprintf(out, "文件内容已损坏（SHA-256 不符）：%s\n", sha);
					problems++;
				}
			}
		}
		stmt_done(&st);
	}
	/* what is on disk but unknown to the database */
	char root[4200];
	snprintf(root, sizeof root, "%s/files", dir);
	DIR *top = opendir(root);
	struct dirent *e;
	while (top && (e = readdir(top))) {
		if (e->d_name[0] == '.')
			continue;
		char sub[4600];
		snprintf(sub, sizeof sub, "%s/%s", root, e->d_name);
		DIR *dd = opendir(sub);
		struct dirent *f;
		while (dd && (f = readdir(dd))) {
			if (f->d_name[0] == '.')
				continue;
			if (!strcmp(e->d_name, "tmp")) {
				temps++;
				fprintf(out, "未完成的临时上传：files/tmp/%s（服务停止时可以删除）\n", f->d_name);
				continue;
			}
			if (!fs_sha_ok(f->d_name) || strncmp(f->d_name, e->d_name, 2)) {
				fprintf(out, "不认识的文件：files/%s/%s\n", e->d_name, f->d_name);
				orphans++;
			} else if (!db_exists(d, "SELECT 1 FROM files WHERE sha256 = ?1", "t", f->d_name)) {
				fprintf(out, "孤立文件（没有记录引用）：files/%s/%s\n", e->d_name, f->d_name);
				orphans++;
			}
		}
		if (dd)
			closedir(dd);
	}
	if (top)
		closedir(top);
	fprintf(out, "检查完成：数据库%s，%lld 个文件，%d 个问题，%d 个孤立文件，%d 个临时文件。\n",
		problems ? "有问题" : "完好", files, problems, orphans, temps);
	arena_free(&a);
	db_close(d);
	return problems ? 1 : 0;
}
