/* sqlshell.c: the hidden `learnweek sql` command's work, for the tests only:
 * SQL read from a script run on either engine through the storage interface
 * (so a test writes SQLite's dialect and the PostgreSQL engine translates it
 * as it does the domain's), and a dump of every row of every table. The
 * output has sqlite3 -batch -noheader's form: a row a line, columns by |,
 * NULL as nothing. */
#include "db/sqlshell.h"
#include "db/db.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Prints the rows of one statement; 0 ok, -1 failed (the engine logged why). */
static int run_one(db *d, const char *sql, FILE *out)
{
	stmt st;
	if (db_prep(d, &st, sql, "") < 0)
		return -1;
	int rc;
	while ((rc = stmt_step(&st)) == 1) {
		int n = col_count(&st);
		for (int i = 0; i < n; i++)
			fprintf(out, "%s%s", i ? "|" : "", col_null(&st, i) ? "" : col_text(&st, i));
		fputc('\n', out);
	}
	stmt_done(&st);
	return rc < 0 ? -1 : 0;
}

/* Whether s is nothing but blanks. */
static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

int sql_script(db *d, const char *script, FILE *out, FILE *err)
{
	/* statements end at a ; outside quotes (the tests' SQL has no trigger bodies) */
	size_t len = strlen(script);
	char *one = malloc(len + 1);
	if (!one)
		return -1;
	size_t start = 0;
	char quote = 0;
	int rc = 0;
	for (size_t i = 0; i <= len && !rc; i++) {
		char c = script[i];
		if (quote) {
			if (c == quote)
				quote = 0;
			if (c)
				continue;
		} else if (c == '\'' || c == '"') {
			quote = c;
			continue;
		}
		if (c && c != ';')
			continue;
		size_t n = i - start;
		if (!blank(script + start, n)) {
			memcpy(one, script + start, n);
			one[n] = 0;
			if (run_one(d, one, out) < 0) {
				fprintf(err, "learnweek sql: 失败的语句：%s\n", one);
				rc = -1;
			}
		}
		start = i + 1;
	}
	free(one);
	return rc;
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int sql_dump(db *d, const char *skip, FILE *out)
{
	/* the tables by name; each table's rows sorted as text, since the
	 * engines keep no common row order */
	stmt t;
	if (db_prep(d, &t, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
		    " AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name", "") < 0)
		return -1;
	char **names = NULL;
	size_t nn = 0;
	int rc;
	while ((rc = stmt_step(&t)) == 1) {
		char **grown = realloc(names, (nn + 1) * sizeof *names);
		if (!grown)
			break;
		names = grown;
		names[nn++] = strdup(col_text(&t, 0));
	}
	stmt_done(&t);
	for (size_t k = 0; k < nn && rc >= 0; k++) {
		char word[256];
		snprintf(word, sizeof word, " %s ", names[k]);
		if (skip && strstr(skip, word))
			continue;
		char *q = malloc(strlen(names[k]) + 32);
		sprintf(q, "SELECT * FROM \"%s\"", names[k]);
		stmt st;
		if (db_prep(d, &st, q, "") < 0) {
			free(q);
			rc = -1;
			break;
		}
		char **lines = NULL;
		size_t nl = 0, cap = 0;
		while ((rc = stmt_step(&st)) == 1) {
			char *line = NULL;
			size_t size = 0;
			FILE *m = open_memstream(&line, &size);
			int n = col_count(&st);
			fprintf(m, "%s(", names[k]);
			for (int i = 0; i < n; i++)
				fprintf(m, "%s%s", i ? "|" : "", col_null(&st, i) ? "NULL" : col_text(&st, i));
			fputc(')', m);
			fclose(m);
			if (nl == cap) {
				cap = cap ? cap * 2 : 64;
				lines = realloc(lines, cap * sizeof *lines);
			}
			lines[nl++] = line;
		}
		stmt_done(&st);
		free(q);
		if (nl)
			qsort(lines, nl, sizeof *lines, cmp_line);
		for (size_t i = 0; i < nl; i++) {
			fprintf(out, "%s\n", lines[i]);
			free(lines[i]);
		}
		free(lines);
	}
	for (size_t k = 0; k < nn; k++)
		free(names[k]);
	free(names);
	return rc < 0 ? -1 : 0;
}

int sql_hold_writes(db *d, const char *release, FILE *out)
{
	if (db_begin(d) < 0)
		return -1;
	fprintf(out, "held\n");
	fflush(out);
	for (int i = 0; i < 3000 && access(release, F_OK) != 0; i++) {
		struct timespec pause_ = {0, 20 * 1000 * 1000};
		nanosleep(&pause_, NULL);
	}
	db_rollback(d);
	return 0;
}
