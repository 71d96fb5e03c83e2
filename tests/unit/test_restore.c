/* test_restore.c: a restore that fails part way (src/db/datadir.c) leaves
 * nothing behind, neither the target folder nor its staging folder nor, on
 * PostgreSQL, a table in the target database, so the same restore can be run
 * again. On both engines (make unit, make unit-pg). */
#include "testlib.h"
#include "core/buf.h"
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

static char second[80]; /* on PostgreSQL, the empty database restored into */

static void drop_second(void)
{
	if (second[0]) {
		char sql[160];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", second);
		t_pg_admin(sql);
		second[0] = 0;
	}
	t_teardown();
}

TestSuite(restore, .init = t_setup, .fini = drop_second);

static bool exists(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0;
}

/* The names in folder dir, other than . and .., joined by spaces. */
static char *names(const char *dir)
{
	buf b = BUF_INIT;
	DIR *d = opendir(dir);
	cr_assert_not_null(d, "open %s", dir);
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			buf_printf(&b, "%s%s", b.len ? " " : "", e->d_name);
	closedir(d);
	char *s = arena_strdup(&A, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* A copy of the backup good whose database entry (name) is cut to its first
 * half, as a copy broken in transfer would be. */
static char *broken_copy(const char *good, const char *name)
{
	int err;
	zip_t *z = zip_open(good, ZIP_RDONLY, &err);
	cr_assert_not_null(z);
	zip_stat_t st;
	cr_assert_eq(zip_stat(z, name, 0, &st), 0, "the backup holds %s", name);
	cr_assert_gt(st.size, 1000);
	char *data = arena_alloc(&A, st.size);
	zip_file_t *f = zip_fopen(z, name, 0);
	cr_assert_eq(zip_fread(f, data, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	zip_discard(z);

	char *bad = arena_printf(&A, "%s/broken.zip", t_root);
	z = zip_open(bad, ZIP_CREATE | ZIP_TRUNCATE, &err);
	cr_assert_not_null(z);
	zip_source_t *s = zip_source_buffer(z, data, st.size / 2, 0);
	cr_assert_geq(zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8), 0);
	s = zip_source_buffer(z, "照片的内容", strlen("照片的内容"), 0);
	cr_assert_geq(zip_file_add(z, "files/ab/abcdef", s, ZIP_FL_ENC_UTF_8), 0);
	cr_assert_eq(zip_close(z), 0);
	return bad;
}

Test(restore, a_failed_restore_leaves_nothing_and_is_retried)
{
	cr_assert_eq(mkdir(arena_printf(&A, "%s/files/ab", t_data), 0755), 0);
	FILE *f = fopen(arena_printf(&A, "%s/files/ab/abcdef", t_data), "w");
	cr_assert_not_null(f);
	fputs("照片的内容", f);
	fclose(f);
	char *good = arena_printf(&A, "%s/backup.zip", t_root);
	cr_assert_eq(datadir_backup(t_data, good), 0);
	char *bad = broken_copy(good, t_pgname[0] ? "learnweek.pgdump" : DB_FILE);

	if (t_pgname[0]) { /* restore into a new, empty database */
		snprintf(second, sizeof second, "%s_r", t_pgname);
		t_pg_admin(arena_printf(&A, "CREATE DATABASE %s", second));
		static char address[2048];
		t_pg_address(getenv("LEARNWEEK_PG_CLUSTER"), second, address, sizeof address);
		datadir_use_database(address);
	}
	char *to = arena_printf(&A, "%s/restored", t_root);
	const char *before = names(t_root);
	cr_assert_eq(datadir_restore(bad, to), 1, "a broken database copy fails the restore");
	cr_assert_not(exists(to), "no target folder is left");
	cr_assert_str_eq(names(t_root), before, "no staging folder is left beside it");
	if (t_pgname[0]) {
		bool asked;
		cr_assert(datadir_pg_empty(datadir_database(), &asked), "the database is left without a table");
		cr_assert(asked);
	}

	/* the same restore again, with the good copy, into an empty folder */
	cr_assert_eq(mkdir(to, 0700), 0);
	cr_assert_eq(datadir_restore(good, to), 0, "the restore is retried where it failed");
	cr_assert_null(strstr(names(t_root), ".restore-"), "the staging folder became the target");
	cr_assert(t_pgname[0] || exists(arena_printf(&A, "%s/%s", to, DB_FILE)), "the folder holds the database");
	db *r = datadir_open(to);
	cr_assert_not_null(r);
	cr_assert_str_eq(db_text(r, &A, "SELECT value FROM settings WHERE key = 'secret'", NULL),
			 db_text(D, &A, "SELECT value FROM settings WHERE key = 'secret'", NULL), "the restored database is the backup's");
	db_close(r);
	cr_assert(exists(arena_printf(&A, "%s/files/ab/abcdef", to)));
	cr_assert(exists(arena_printf(&A, "%s/files/tmp", to)), "the file store is ready for uploads");
}
