/* test_datadir.c: backup and restore of a data folder (src/db/datadir.c): a
 * round trip with the file store, and archives that restore must refuse
 * without writing anything. */
#include "testlib.h"
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

TestSuite(datadir, .init = t_setup, .fini = t_teardown);

static char *path(const char *rel)
{
	return arena_printf(&A, "%s/%s", t_root, rel);
}

static void write_file(const char *p, const char *content)
{
	FILE *f = fopen(p, "w");
	cr_assert_not_null(f, "open %s", p);
	fputs(content, f);
	fclose(f);
}

static char *read_file(const char *p)
{
	FILE *f = fopen(p, "r");
	if (!f)
		return NULL;
	char *s = arena_alloc(&A, 4096);
	size_t n = fread(s, 1, 4095, f);
	s[n] = 0;
	fclose(f);
	return s;
}

static bool exists(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0;
}

/* An archive holding the given entries (name, content pairs, NULL-ended). */
static char *make_zip(const char *name, const char *const *entries)
{
	char *p = path(name);
	int err;
	zip_t *z = zip_open(p, ZIP_CREATE | ZIP_TRUNCATE, &err);
	cr_assert_not_null(z);
	for (int i = 0; entries[i]; i += 2) {
		zip_source_t *s = zip_source_buffer(z, entries[i + 1], strlen(entries[i + 1]), 0);
		cr_assert_geq(zip_file_add(z, entries[i], s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE), 0, "add %s", entries[i]);
	}
	cr_assert_eq(zip_close(z), 0);
	return p;
}

Test(datadir, backup_and_restore_round_trip)
{
	long long root = unit_root(D);
	account a = {0};
	a.username = S("centre_admin");
	a.role = S("centre_admin");
	a.unit_id = root;
	errs e = {0};
	cr_assert_gt(account_create(D, &A, &t_who, &a, "a good password", &e), 0);
	/* a stored file, and a half-written one that must stay behind */
	cr_assert_eq(mkdir(arena_printf(&A, "%s/files/ab", t_data), 0755), 0);
	write_file(arena_printf(&A, "%s/files/ab/abcdef", t_data), "照片的内容");
	write_file(arena_printf(&A, "%s/files/tmp/upload-1", t_data), "half");

	char *zip = path("backup.zip");
	cr_assert_eq(datadir_backup(t_data, zip), 0);
	cr_assert(exists(zip));
	cr_assert_not(exists(path("backup.zip.part")), "no leftovers");
	cr_assert_not(exists(path("backup.zip.db.tmp")), "no leftovers");

	char *to = path("restored");
	t_pg_another(); /* on PostgreSQL, the restore's own empty database */
	cr_assert_eq(datadir_restore(zip, to), 0);
	cr_assert_str_eq(read_file(arena_printf(&A, "%s/files/ab/abcdef", to)), "照片的内容");
	cr_assert_not(exists(arena_printf(&A, "%s/files/tmp/upload-1", to)));
	cr_assert(exists(arena_printf(&A, "%s/files/tmp", to)), "the file store is ready for uploads");
	db *r = datadir_open(to);
	cr_assert_not_null(r);
	cr_assert_eq(db_int(r, -1, "SELECT count(*) FROM accounts WHERE username = 'centre_admin'", NULL), 1);
	cr_assert_str_eq(db_text(r, &A, "SELECT value FROM settings WHERE key = 'secret'", NULL),
			 db_text(D, &A, "SELECT value FROM settings WHERE key = 'secret'", NULL));
	db_close(r);

	cr_assert_eq(datadir_restore(zip, to), 2, "a folder that holds data is refused");
}

/* restore must refuse ARCHIVE with status 2 and leave no trace */
static void refused(const char *archive)
{
	char *to = path("target");
	cr_assert_eq(datadir_restore(archive, to), 2);
	cr_assert_not(exists(path("evil")), "nothing written outside the target");
	cr_assert_not(exists(path("evil.txt")));
	DIR *d = opendir(to);
	int n = 0;
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)))
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				n++;
		closedir(d);
	}
	cr_assert_eq(n, 0, "the target folder is left empty, so the restore can be retried");
}

Test(datadir, restore_refuses_what_is_not_a_backup)
{
	write_file(path("junk.zip"), "not a zip");
	refused(path("junk.zip"));
	refused(path("does-not-exist.zip"));
	const char *no_db[] = {"files/ab/x", "content", NULL};
	refused(make_zip("nodb.zip", no_db));
}

Test(datadir, restore_refuses_entries_outside_the_folder)
{
	const char *dotdot[] = {DB_FILE, "db", "files/../../evil", "x", NULL};
	refused(make_zip("dotdot.zip", dotdot));
	const char *other[] = {DB_FILE, "db", "evil.txt", "x", NULL};
	refused(make_zip("other.zip", other));
	const char *absolute[] = {DB_FILE, "db", "/tmp/evil", "x", NULL};
	refused(make_zip("abs.zip", absolute));
}
