/* test_sql.h: the server's database read (or written) with the sqlite3
 * shell beside the server, as WAL allows (with psql on PostgreSQL), for the
 * records a test cannot see or make through the pages. */
#ifndef LW_TEST_SQL_H
#define LW_TEST_SQL_H
#include "harness.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A text file's content (a command's output), whole. */
static inline char *file_text(const char *path)
{
	FILE *f = fopen(path, "r");
	cr_assert(f, "no output in %s", path);
	char *text = lw_printf("%s", "");
	char line[8192];
	while (fgets(line, sizeof line, f))
		text = lw_printf("%s%s", text, line);
	fclose(f);
	return text;
}

/* Runs SQL with the sqlite3 shell on the server's database (a reader beside
 * the server, as WAL allows; week_of also writes once); the output, rows by
 * line, columns by |. */
static inline char *sql(const char *q)
{
	const char *tmp = getenv("LW_HTTP_TMP");
	static unsigned n;
	char *in = lw_printf("%s/sql.%ld.%u.in", tmp, (long)getpid(), n), *out = lw_printf("%s/sql.%ld.%u.out", tmp, (long)getpid(), n);
	n++;
	FILE *f = fopen(in, "w");
	cr_assert(f, "cannot write %s", in);
	/* on PostgreSQL (make http-pg) psql reads the same, in the same form */
	const char *pg = getenv("LEARNWEEK_DATABASE");
	fprintf(f, pg && *pg ? "%s;\n" : ".timeout 10000\n%s;\n", q);
	fclose(f);
	int rc = pg && *pg ? system(lw_printf("psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -d '%s' < '%s' > '%s' 2>&1", pg, in, out))
			   : system(lw_printf("sqlite3 -batch -noheader '%s/learnweek.db' < '%s' > '%s' 2>&1", getenv("LW_HTTP_DATA"), in, out));
	char *text = file_text(out);
	unlink(in);
	unlink(out);
	cr_assert_eq(rc, 0, "%s failed on %s:\n%s", pg && *pg ? "psql (Debian package postgresql-client)" : "sqlite3 (Debian package sqlite3)",
		     q, text);
	return text;
}

static inline long long sql_int(const char *q)
{
	return strtoll(sql(q), NULL, 10);
}

#endif
