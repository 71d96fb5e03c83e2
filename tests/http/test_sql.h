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

/* Runs SQL (SQLite's dialect) on the server's database, whatever its engine,
 * through the hidden `learnweek sql` command: a reader beside the server, as
 * WAL allows (week_of also writes once), translated for PostgreSQL as the
 * domain's SQL is. The output, rows by line, columns by |. */
static inline char *sql(const char *q)
{
	const char *tmp = getenv("LW_HTTP_TMP");
	static unsigned n;
	char *in = lw_printf("%s/sql.%ld.%u.in", tmp, (long)getpid(), n), *out = lw_printf("%s/sql.%ld.%u.out", tmp, (long)getpid(), n);
	n++;
	FILE *f = fopen(in, "w");
	cr_assert(f, "cannot write %s", in);
	fprintf(f, "%s;\n", q);
	fclose(f);
	char *err = lw_printf("%s.err", out);
	int rc = system(lw_printf("'%s' sql --data '%s' < '%s' > '%s' 2> '%s'", getenv("LEARNWEEK_BIN"), getenv("LW_HTTP_DATA"), in, out, err));
	char *text = file_text(out), *why = file_text(err);
	unlink(in);
	unlink(out);
	unlink(err);
	cr_assert_eq(rc, 0, "learnweek sql failed on %s:\n%s%s", q, text, why);
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
	const char *tmp = getenv("LW_HTTP_TMP");
	static unsigned n;
	char *out = lw_printf("%s/dump.%ld.%u.out", tmp, (long)getpid(), n++), *err = lw_printf("%s.err", out);
	int rc = system(lw_printf("'%s' sql --data '%s' --dump --skip '%s' < /dev/null > '%s' 2> '%s'", getenv("LEARNWEEK_BIN"),
				  getenv("LW_HTTP_DATA"), skip, out, err));
	char *text = file_text(out), *why = file_text(err);
	unlink(out);
	unlink(err);
	cr_assert_eq(rc, 0, "learnweek sql --dump failed:\n%s", why);
	return text;
}

#endif
