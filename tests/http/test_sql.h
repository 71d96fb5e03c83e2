/* test_sql.h: the server's database read (or written) beside the server on
 * either engine (learnweek sql), for the records a test cannot see or make
 * through the pages. */
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

/* `learnweek sql --data DATA ARGS`, its input the file in (NULL: none): its
 * output; when it fails, the test fails naming what and what it said. */
static inline char *learnweek_sql(const char *args, const char *in, const char *what)
{
	static unsigned n;
	char *out = lw_printf("%s/sql.%ld.%u.out", getenv("LW_HTTP_TMP"), (long)getpid(), n++), *err = lw_printf("%s.err", out);
	int rc = system(lw_printf("'%s' sql --data '%s' %s < '%s' > '%s' 2> '%s'", getenv("LEARNWEEK_BIN"), getenv("LW_HTTP_DATA"), args,
				  in ? in : "/dev/null", out, err));
	char *text = file_text(out), *why = file_text(err);
	unlink(out);
	unlink(err);
	cr_assert_eq(rc, 0, "learnweek sql failed on %s:\n%s%s", what, text, why);
	return text;
}

/* Runs SQL (SQLite's dialect) on the server's database, whatever its engine,
 * through the hidden `learnweek sql` command: a reader beside the server, as
 * WAL allows (week_of also writes once), translated for PostgreSQL as the
 * domain's SQL is. The output, rows by line, columns by |. */
static inline char *sql(const char *q)
{
	static unsigned n;
	char *in = lw_printf("%s/sql.%ld.%u.in", getenv("LW_HTTP_TMP"), (long)getpid(), n++);
	FILE *f = fopen(in, "w");
	cr_assert(f, "cannot write %s", in);
	fprintf(f, "%s;\n", q);
	fclose(f);
	char *text = learnweek_sql("", in, q);
	unlink(in);
	return text;
}

static inline long long sql_int(const char *q)
{
	return strtoll(sql(q), NULL, 10);
}

/* Every row of every table but those named in skip (space-separated), as
 * `learnweek sql --dump` prints them: the same data, the same text. */
static inline char *sql_dump_text(const char *skip)
{
	return learnweek_sql(lw_printf("--dump --skip '%s'", skip), NULL, "--dump");
}

#endif
