/* testlib.h: a fresh temporary data folder per test, for the unit tests that
 * need a database. Header-only because the Makefile builds each test from one
 * .c file. Criterion runs every test in its own process, so the globals below
 * belong to one test.
 *
 * With LEARNWEEK_PG_CLUSTER set (make unit-pg: the address
 * scripts/pg-test-cluster.sh prints), each test's database is a new
 * PostgreSQL database on that server, dropped after the test. */
#ifndef LW_TESTLIB_H
#define LW_TESTLIB_H
#define _XOPEN_SOURCE 700
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/log.h"
#include "db/datadir.h"
#include "domain/org.h"
#include "core/timefmt.h"

static char t_root[512];   /* the temporary folder, removed after the test */
static char t_data[600];   /* t_root/data: the data folder */
static db *D;              /* its database */
static arena A;            /* freed after the test */
static char t_pgname[64];  /* the test's PostgreSQL database, "" on SQLite */
static char t_pgname2[80]; /* its second one (t_pg_another), "" if none */

/* The cluster's address with another database: the path of the address. */
static inline void t_pg_address(const char *cluster, const char *name, char *out, size_t n)
{
	const char *q = strchr(cluster, '?');
	const char *end = q ? q : cluster + strlen(cluster), *slash = end;
	while (slash > cluster && *slash != '/')
		slash--;
	snprintf(out, n, "%.*s/%s%s", (int)(slash - cluster), cluster, name, q ? q : "");
}

/* Runs one statement on the cluster's own database (CREATE/DROP DATABASE). */
static inline void t_pg_admin(const char *sql)
{
	char err[512];
	db *c = db_open(getenv("LEARNWEEK_PG_CLUSTER"), false, err, sizeof err);
	cr_assert_not_null(c, "the PostgreSQL test server: %s", err);
	cr_assert_eq(db_exec_script(c, sql), 0, "%s", sql);
	db_close(c);
}

/* On PostgreSQL, a new database for the test, used by every data folder it makes. */
static inline void t_pg_database(void)
{
	const char *cluster = getenv("LEARNWEEK_PG_CLUSTER");
	if (!cluster || !*cluster)
		return;
	static char address[2048];
	snprintf(t_pgname, sizeof t_pgname, "lwu_%ld_%ld", (long)getpid(), (long)random() % 100000);
	char sql[160];
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", t_pgname);
	t_pg_admin(sql);
	t_pg_address(cluster, t_pgname, address, sizeof address);
	datadir_use_database(address);
}

/* On PostgreSQL, a second new (empty) database for the data folders made from
 * now on: where a restore goes, since restore refuses a database that holds
 * tables as it refuses a folder that holds data. Nothing on SQLite, whose
 * database lives in the data folder. */
static inline void t_pg_another(void)
{
	const char *cluster = getenv("LEARNWEEK_PG_CLUSTER");
	if (!cluster || !*cluster || !t_pgname[0])
		return;
	static char address[2048];
	snprintf(t_pgname2, sizeof t_pgname2, "%s_b", t_pgname);
	char sql[160];
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", t_pgname2);
	t_pg_admin(sql);
	t_pg_address(cluster, t_pgname2, address, sizeof address);
	datadir_use_database(address);
}

static inline void t_mkroot(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(t_root, sizeof t_root, "%s/lw-unit-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
	cr_assert_not_null(mkdtemp(t_root), "mkdtemp %s", t_root);
	snprintf(t_data, sizeof t_data, "%s/data", t_root);
}

static inline int t_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static inline void t_rmroot(void)
{
	if (t_root[0])
		nftw(t_root, t_rm, 16, FTW_DEPTH | FTW_PHYS);
	t_root[0] = 0;
}

/* Fixture: a new data folder made the way `learnweek init` makes it. */
static inline void t_setup(void)
{
	setenv("LEARNWEEK_FAST_HASH", "1", 1);  /* argon2id at its cheapest */
	log_quiet = 1;
	t_mkroot();
	t_pg_database();
	D = datadir_create(t_data, "南昌市", "南昌市社区教育指导中心");
	cr_assert_not_null(D, "datadir_create");
}

static inline void t_teardown(void)
{
	arena_free(&A);
	db_close(D);
	D = NULL;
	t_rmroot();
	if (t_pgname[0]) {
		char sql[160];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", t_pgname);
		t_pg_admin(sql);
		t_pgname[0] = 0;
	}
	if (t_pgname2[0]) {
		char sql[160];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", t_pgname2);
		t_pg_admin(sql);
		t_pgname2[0] = 0;
	}
}

static inline long long t_count(const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return db_int(D, -1, sql, NULL);
}

/* Two districts under the root (东湖区 donghu, 西湖区 xihu) and the week of
 * 2022, for tests that write activities with SQL. */
static inline long long t_two_districts_and_week(long long *ua, long long *ub)
{
	long long root = unit_root(D);
	cr_assert_eq(db_exec(D, "INSERT INTO units(parent_id, name, kind, code, created_at) VALUES (?1, '东湖区', '区', 'donghu', 0),"
				" (?1, '西湖区', '区', 'xihu', 0)", "I", root), 0);
	*ua = db_int(D, 0, "SELECT id FROM units WHERE code = 'donghu'", NULL);
	*ub = db_int(D, 0, "SELECT id FROM units WHERE code = 'xihu'", NULL);
	cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)"
				" VALUES (?1, 2022, '周', '主题', '2022-12-01', '2022-12-07', 0, 0, 0)", "I", root), 0);
	return db_int(D, 0, "SELECT id FROM weeks WHERE year = 2022", NULL);
}

/* tag_counts equals a recount, row for row (zeros aside); a 周外活动's tags
 * are kept under a status of their own, which no figure reads (110). */
#define T_TAG_STATUS "CASE WHEN a.off_week = 1 THEN 'off_week:' || a.status ELSE a.status END"
static inline void t_assert_tag_counts(const char *when)
{
	long long missing = db_int(D, -1,
		"SELECT count(*) FROM (SELECT a.week_id, a.unit_id, " T_TAG_STATUS ", t.kind, t.value, count(*) AS n"
		" FROM activity_tags t JOIN activities a ON a.id = t.activity_id GROUP BY 1, 2, 3, 4, 5"
		" EXCEPT SELECT week_id, unit_id, status, kind, value, n FROM tag_counts WHERE n > 0)", NULL);
	long long extra = db_int(D, -1,
		"SELECT count(*) FROM (SELECT week_id, unit_id, status, kind, value, n FROM tag_counts WHERE n > 0"
		" EXCEPT SELECT a.week_id, a.unit_id, " T_TAG_STATUS ", t.kind, t.value, count(*)"
		" FROM activity_tags t JOIN activities a ON a.id = t.activity_id GROUP BY 1, 2, 3, 4, 5)", NULL);
	cr_assert(missing == 0 && extra == 0, "%s: tag_counts differs from a recount (%lld missing, %lld extra)", when,
		  missing, extra);
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM tag_counts WHERE n < 0", NULL), 0, "%s: a negative count", when);
}

/* Who acts in domain tests: the command line, at 2022-12-01 08:00 Beijing time. */
static const actor t_who = {0, "命令行", "", 1669852800LL};

/* A writable copy: the domain functions trim their text fields in place. */
#define S(lit) arena_strdup(&A, (lit))

/* The newest audit row, for checks on what was recorded. */
typedef struct t_audit {
	char *action, *entity, *summary, *old_value, *new_value;
	long long entity_id, unit_id;
} t_audit;

static inline t_audit t_last_audit(void)
{
	t_audit r = {0};
	stmt st;
	cr_assert_eq(db_prep(D, &st, "SELECT action, entity, summary, old_value, new_value, entity_id,"
				     " COALESCE(unit_id, 0) FROM audit_log ORDER BY id DESC LIMIT 1", NULL), 0);
	cr_assert_eq(stmt_step(&st), 1, "an audit row exists");
	r.action = col_dup(&st, &A, 0);
	r.entity = col_dup(&st, &A, 1);
	r.summary = col_dup(&st, &A, 2);
	r.old_value = col_dup(&st, &A, 3);
	r.new_value = col_dup(&st, &A, 4);
	r.entity_id = col_int(&st, 5);
	r.unit_id = col_int(&st, 6);
	stmt_done(&st);
	return r;
}

/* The 2022 week (2022-12-01 to 2022-12-07, deadline 2022-12-09 23:59) and
 * two units below the root, 东湖区 and 西湖区. */
static inline void t_week_and_two_units(long long *week_id, long long *unit_a, long long *unit_b)
{
	long long root = unit_root(D);
	cr_assert_eq(db_exec(D, "INSERT INTO weeks(unit_id, year, title, theme, starts_on, ends_on, deadline_at, created_at, updated_at)"
				" VALUES (?1, 2022, '2022年活动周', '主题', '2022-12-01', '2022-12-07', 1670601599, 0, 0)", "I", root), 0);
	*week_id = db_last_id(D);
	unit u = {.parent_id = root, .name = S("东湖区"), .kind = S("区"), .code = S("donghu")};
	errs e = {0};
	*unit_a = unit_save(D, &A, &t_who, &u, &e);
	unit v = {.parent_id = root, .name = S("西湖区"), .kind = S("区"), .code = S("xihu")};
	*unit_b = unit_save(D, &A, &t_who, &v, &e);
	cr_assert(*unit_a && *unit_b, "%s", errs_summary(&e, &A));
}
#endif
