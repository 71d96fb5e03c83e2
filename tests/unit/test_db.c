#include <stdlib.h>
#include <string.h>
/* test_db.c: the storage interface (src/db/db.c): opening and migrating, the
 * statement cache, binding, one-liners, constraint errors, transactions and
 * the online backup. Under make unit-pg the same tests run on PostgreSQL;
 * where the engines differ (SQLite's pragmas, its cached statement objects,
 * its result codes, its file backup), each engine checks its own form of
 * the same promise (PG below). */
#include "testlib.h"
#include <string.h>
#include "core/embed.h"
#include <sqlite3.h>

/* the highest number among one engine's migrations compiled into the binary
 * (folder: "db/migrations/" or "db/migrations-pg/") */
static int newest_migration(const char *folder)
{
	int n = 0;
	for (size_t i = 0; i < embedded_count; i++) {
		const char *m = strstr(embedded_files[i].name, folder);
		if (m && atoi(m + strlen(folder)) > n)
			n = atoi(m + strlen(folder));
	}
	return n;
}

TestSuite(db, .init = t_setup, .fini = t_teardown);

/* the test runs on PostgreSQL (make unit-pg) */
#define PG (t_pgname[0] != 0)
/* a SQLSTATE as db_last_errcode gives it: its five characters base 36 */
static int sqlstate(const char *s)
{
	int v = 0;
	for (int i = 0; i < 5; i++)
		v = v * 36 + (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : s[i] - 'A' + 10);
	return v;
}
/* a table with an integer key that a row without one numbers itself */
#define KEY_TABLE(cols) (PG ? "CREATE TABLE t(k BIGSERIAL PRIMARY KEY" cols ")" : "CREATE TABLE t(k INTEGER PRIMARY KEY" cols ")")

Test(db, created_folder_is_migrated_wal_with_foreign_keys)
{
	if (PG) {
		/* PostgreSQL's migrations are its own; foreign keys always hold */
		cr_assert_eq(db_schema_version(D), newest_migration("db/migrations-pg/"));
		cr_assert_eq(db_exec(D, "INSERT INTO units(parent_id, name, kind, code, created_at) VALUES (999, 'x', '区', 'x', 0)", NULL), -2,
			     "a unit under no unit is refused");
	} else {
		cr_assert_eq(db_schema_version(D), newest_migration("db/migrations/"));
		cr_assert_str_eq(db_text(D, &A, "PRAGMA journal_mode", NULL), "wal");
		cr_assert_eq(db_int(D, -1, "PRAGMA foreign_keys", NULL), 1);
	}
	cr_assert_eq(t_count("units"), 1, "init makes the root unit");
	cr_assert(db_exists(D, "SELECT 1 FROM settings WHERE key = 'secret' AND length(value) = 64", NULL));
	cr_assert_str_eq(db_text(D, &A, "SELECT value FROM settings WHERE key = 'city'", NULL), "南昌市");
	char err[256] = "";
	cr_assert_eq(db_migrate(D, err, sizeof err), 0, "migrating twice is a no-op: %s", err);
	long long applied = db_int(D, -1, "SELECT count(*) FROM schema_migrations", NULL);
	cr_assert_eq(db_migrate(D, err, sizeof err), 0, "%s", err);
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM schema_migrations", NULL), applied, "each migration once");
}

Test(db, open_missing_without_create_fails)
{
	char path[700], err[256] = "";
	snprintf(path, sizeof path, "%s/nothing-here.db", t_root);
	cr_assert_null(db_open(path, false, err, sizeof err));
	cr_assert(strstr(err, "无法打开数据库"), "message: %s", err);
	cr_assert(access(path, F_OK) != 0, "nothing created");
}

Test(db, datadir_open_and_create_refusals)
{
	db_close(D);
	D = datadir_open(t_data);
	cr_assert_not_null(D);
	cr_assert_null(datadir_create(t_data, "x", "y"), "a folder with data is refused");
	char missing[700];
	snprintf(missing, sizeof missing, "%s/missing", t_root);
	cr_assert_null(datadir_open(missing));
	if (PG) {
		/* a new folder over the same database, which has data: refused,
		 * and the folder is not made, so init can be run again there */
		cr_assert_null(datadir_create(missing, "x", "y"), "a database with data is refused");
		cr_assert_neq(access(missing, F_OK), 0, "no folder left behind");
	}
}

Test(db, newer_schema_is_refused)
{
	cr_assert_eq(db_exec(D, "INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, 'future', 0)", NULL), 0);
	char err[256] = "";
	cr_assert_lt(db_migrate(D, err, sizeof err), 0);
	cr_assert(strstr(err, "新版"), "message: %s", err);
}

/* A migration merged from a branch with a number below one an install has
 * already applied (030 arriving after 050) is applied all the same, once. */
Test(db, a_late_lower_numbered_migration_is_applied)
{
	/* on PostgreSQL: 220's index (its migrations are numbered apart) */
	int v = PG ? 220 : 30;
	const char *index = PG ? "weeks_parent" : "activities_board";
	cr_assert_eq(db_exec(D, arena_printf(&A, "DROP INDEX %s", index), NULL), 0);
	if (PG) /* 220 is the newest: what follows it has to come back as well */
		cr_assert_eq(db_exec(D, "ALTER TABLE weeks DROP COLUMN parent_week_id", NULL), 0);
	cr_assert_eq(db_exec(D, "DELETE FROM schema_migrations WHERE version = ?1", "i", v), 0);
	if (!PG)
		cr_assert_gt(db_schema_version(D), v, "a later migration stays applied");
	char err[256] = "";
	cr_assert_eq(db_migrate(D, err, sizeof err), 0, "%s", err);
	cr_assert(db_exists(D, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1", "t", index),
		  "%d's index is back", v);
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM schema_migrations WHERE version = ?1", "i", v), 1);
	cr_assert_eq(db_migrate(D, err, sizeof err), 0, "%s", err);
	cr_assert_eq(db_int(D, -1, "SELECT count(*) FROM schema_migrations WHERE version = ?1", "i", v), 1, "and only once");
}

/* A deleted file's id is not given to the next one (051): a stale link to a
 * deleted attachment or photo must not open another file. */
Test(db, ids_of_uploaded_files_are_never_reused)
{
	/* rows without their parents */
	cr_assert_eq(db_exec(D, PG ? "SET session_replication_role = replica" : "PRAGMA foreign_keys = OFF", NULL), 0);
	const char *ins[] = {
		"INSERT INTO attachments(report_id, kind, sha256, filename, size, mime, created_at) VALUES (1, 'summary', 'x', 'a.pdf', 1, 'application/pdf', 0)",
		"INSERT INTO activity_photos(activity_id, sha256, name, created_at) VALUES (1, 'x', 'a.png', 0)",
		"INSERT INTO showcase_photos(owner, owner_id, sha256, name, created_at) VALUES ('resource', 1, 'x', 'a.png', 0)",
	};
	const char *tables[] = {"attachments", "activity_photos", "showcase_photos"};
	char sql[128];
	for (int i = 0; i < 3; i++) {
		cr_assert_eq(db_exec(D, ins[i], NULL), 0);
		cr_assert_eq(db_exec(D, ins[i], NULL), 0);
		long long last = db_last_id(D);
		snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?1", tables[i]);
		cr_assert_eq(db_exec(D, sql, "I", last), 0);
		cr_assert_eq(db_exec(D, ins[i], NULL), 0);
		cr_assert_gt(db_last_id(D), last, "%s: the deleted id %lld came back", tables[i], last);
	}
	cr_assert_eq(db_exec(D, PG ? "SET session_replication_role = DEFAULT" : "PRAGMA foreign_keys = ON", NULL), 0);
}

Test(db, one_liners)
{
	cr_assert_eq(db_exec(D, PG ? "CREATE TABLE t(k BIGINT PRIMARY KEY, s TEXT, n BIGINT, b BYTEA)" : "CREATE TABLE t(k INTEGER PRIMARY KEY, s TEXT, n INTEGER, b BLOB)", NULL), 0);
	cr_assert_eq(db_exec(D, "INSERT INTO t(k, s, n, b) VALUES (?1, ?2, ?3, ?4)", "Itib", 1LL, "东湖区", 7, "\0\1\2", 3), 0);
	cr_assert_eq(db_last_id(D), 1);
	cr_assert_eq(db_changes(D), 1);
	cr_assert_eq(db_exec(D, "INSERT INTO t(k, s, n) VALUES (?1, ?2, ?3)", "Itn", 2LL, (const char *)NULL), 0);

	cr_assert_str_eq(db_text(D, &A, "SELECT s FROM t WHERE k = ?1", "I", 1LL), "东湖区");
	cr_assert_null(db_text(D, &A, "SELECT s FROM t WHERE k = ?1", "I", 2LL), "NULL column");
	cr_assert_null(db_text(D, &A, "SELECT s FROM t WHERE k = ?1", "I", 3LL), "no row");

	cr_assert_eq(db_int(D, -1, "SELECT n FROM t WHERE k = ?1", "i", 1), 7);
	cr_assert_eq(db_int(D, -1, "SELECT n FROM t WHERE k = ?1", "i", 2), -1, "NULL gives the default");
	cr_assert_eq(db_int(D, -1, "SELECT n FROM t WHERE k = ?1", "i", 3), -1, "no row gives the default");
	cr_assert_eq(db_int(D, 0, "SELECT length(b) FROM t WHERE k = 1", NULL), 3);
	cr_assert_eq(db_int(D, 0, "SELECT 9000000000", NULL), 9000000000LL);

	cr_assert(db_exists(D, "SELECT 1 FROM t WHERE s = ?1", "t", "东湖区"));
	cr_assert_not(db_exists(D, "SELECT 1 FROM t WHERE s = ?1", "t", "西湖区"));
	/* text is bound as text, never spliced into the SQL */
	cr_assert_not(db_exists(D, "SELECT 1 FROM t WHERE s = ?1", "t", "x' OR '1'='1"));
}

Test(db, errors_name_nothing_and_return_codes)
{
	cr_assert_eq(db_exec(D, "THIS IS NOT SQL", NULL), -1);
	cr_assert_eq(db_int(D, 42, "SELECT nope FROM nowhere", NULL), 42);
	cr_assert_null(db_text(D, &A, "SELECT nope FROM nowhere", NULL));
	cr_assert_not(db_exists(D, "SELECT nope FROM nowhere", NULL));
	cr_assert_eq(db_exec(D, "SELECT ?1", "x", 1), -1, "an unknown bind type is an error");
	stmt st;
	if (PG) /* PostgreSQL parses at the first step */
		cr_assert_eq(db_prep(D, &st, "SELEC 1", NULL), 0);
	else {
		cr_assert_lt(db_prep(D, &st, "SELEC 1", NULL), 0);
		cr_assert_null(st.s);
	}
	cr_assert_eq(stmt_step(&st), -1, "stepping a failed statement is an error, not a crash");
	stmt_done(&st);
}

Test(db, constraint_violations_return_minus_two)
{
	long long root = db_int(D, 0, "SELECT id FROM units WHERE parent_id IS NULL", NULL);
	const char *ins = "INSERT INTO units(parent_id, name, kind, code, created_at) VALUES (?1, ?2, ?3, ?4, 0)";
	cr_assert_eq(db_exec(D, ins, "Ittt", root, "东湖区", "区", "donghu"), 0);
	cr_assert_eq(db_exec(D, ins, "Ittt", root, "东湖区", "区", "other"), -2, "UNIQUE name");
	cr_assert_eq(db_last_errcode(D), PG ? sqlstate("23505") : SQLITE_CONSTRAINT_UNIQUE);
	cr_assert_eq(db_exec(D, ins, "Ittt", root, "新区", "乡", "xin"), -2, "CHECK kind");
	cr_assert_eq(db_last_errcode(D), PG ? sqlstate("23514") : SQLITE_CONSTRAINT_CHECK);
	cr_assert_eq(db_exec(D, ins, "Ittt", 999LL, "新区", "区", "xin"), -2, "FOREIGN KEY parent");
	cr_assert_eq(db_exec(D, ins, "Ittt", root, (const char *)NULL, "区", "xin"), -2, "NOT NULL name");
	cr_assert_eq(t_count("units"), 2, "nothing written by the failures");
	cr_assert_eq(db_exec(D, ins, "Ittt", root, "新区", "区", "xin"), 0, "the connection still works");
}

Test(db, statements_are_cached_and_keep_their_sql)
{
	const char *sql = "SELECT name FROM units WHERE id = ?1";
	stmt a, b;
	cr_assert_eq(db_prep(D, &a, sql, "i", 1), 0);
	cr_assert_eq(a.sql, sql);
	/* SQLite caches the prepared statement; PostgreSQL the translated text
	 * only (test_db_pg), each use a statement of its own */
	cr_assert(PG ? a.owned : !a.owned);
	void *first = a.s;
	cr_assert_eq(stmt_step(&a), 1);
	cr_assert_str_eq(col_text(&a, 0), "南昌市社区教育指导中心");
	stmt_done(&a);
	cr_assert_null(a.s);
	cr_assert_eq(db_prep(D, &b, sql, "i", 1), 0);
	if (!PG)
		cr_assert_eq(b.s, first, "the same SQL reuses the prepared statement");
	cr_assert_eq(stmt_step(&b), 1);
	stmt_done(&b);
	/* bindings of the last use do not leak into the next */
	cr_assert_eq(db_prep(D, &b, sql, "n"), 0);
	cr_assert_eq(stmt_step(&b), 0, "?1 is NULL again, so no row");
	stmt_done(&b);
	/* a binding list that does not match the statement is refused */
	cr_assert_lt(db_prep(D, &b, sql, NULL), 0);
	cr_assert_lt(db_prep(D, &b, sql, "ii", 1, 2), 0);
	stmt_done(&b);
}

Test(db, nested_use_of_one_statement)
{
	long long root = db_int(D, 0, "SELECT id FROM units WHERE parent_id IS NULL", NULL);
	const char *ins = "INSERT INTO units(parent_id, name, kind, code, sort_order, created_at) VALUES (?1, ?2, '区', ?3, ?4, 0)";
	const char *names[] = {"东湖区", "西湖区", "青云谱区"}, *codes[] = {"donghu", "xihu", "qingyunpu"};
	for (int i = 0; i < 3; i++)
		cr_assert_eq(db_exec(D, ins, "Itti", root, names[i], codes[i], i + 1), 0);

	/* an outer loop over all units, and inside it the same SQL for one unit:
	 * the inner use must get its own statement and leave the outer one alone */
	const char *sql = "SELECT id, name FROM units WHERE ?1 = 0 OR id = ?1 ORDER BY id";
	stmt outer, inner;
	cr_assert_eq(db_prep(D, &outer, sql, "I", 0LL), 0);
	void *cached = outer.s;
	int rows = 0;
	while (stmt_step(&outer) == 1) {
		long long id = col_int(&outer, 0);
		char *name = col_dup(&outer, &A, 1);
		cr_assert_eq(db_prep(D, &inner, sql, "I", id), 0);
		cr_assert_neq(inner.s, outer.s);
		cr_assert(inner.owned, "a busy statement is not handed out twice");
		cr_assert_eq(stmt_step(&inner), 1);
		cr_assert_eq(col_int(&inner, 0), id);
		cr_assert_str_eq(col_text(&inner, 1), name);
		cr_assert_eq(stmt_step(&inner), 0);
		stmt_done(&inner);
		/* the one-liners use the same path */
		cr_assert_str_eq(db_text(D, &A, sql, "I", id), arena_printf(&A, "%lld", id));
		cr_assert_eq(db_int(D, -1, sql, "I", id), id);
		rows++;
	}
	stmt_done(&outer);
	cr_assert_eq(rows, 4);
	/* afterwards the cached statement is free again */
	cr_assert_eq(db_prep(D, &inner, sql, "I", 0LL), 0);
	if (!PG) {
		cr_assert_not(inner.owned);
		cr_assert_eq(inner.s, cached);
	}
	stmt_done(&inner);
}

/* A statement prepared before thousands of other texts (more than any cache
 * holds) still runs its own SQL afterwards, and again with a new binding. */
Test(db, a_statement_outlives_a_full_cache)
{
	stmt held;
	cr_assert_eq(db_prep(D, &held, "SELECT ?1 * 2", "I", 1LL), 0);
	for (int i = 0; i < 20000; i++) {
		stmt other;
		cr_assert_eq(db_prep(D, &other, arena_printf(&A, "SELECT %d", i), NULL), 0);
		stmt_done(&other);
	}
	cr_assert_eq(stmt_step(&held), 1);
	cr_assert_eq(col_int(&held, 0), 2);
	cr_assert_eq(stmt_rebind_int(&held, 1, 21), 0);
	cr_assert_eq(stmt_step(&held), 1);
	cr_assert_eq(col_int(&held, 0), 42);
	stmt_done(&held);
}

/* An insert first met inside a transaction that a failed statement broke
 * (PostgreSQL then answers nothing until the rollback) still gives its id
 * to db_last_id once the transaction is over. */
Test(db, last_id_after_an_insert_first_met_in_a_broken_transaction)
{
	cr_assert_eq(db_exec(D, PG ? "CREATE TABLE late(id BIGSERIAL PRIMARY KEY, v TEXT)"
				   : "CREATE TABLE late(id INTEGER PRIMARY KEY, v TEXT)", NULL), 0);
	const char *ins = "INSERT INTO late(v) VALUES (?1)";
	cr_assert_eq(db_begin(D), 0);
	cr_assert_eq(db_int(D, -1, "SELECT nope FROM nowhere", NULL), -1);
	db_exec(D, ins, "t", "gone");
	db_rollback(D);
	cr_assert_eq(db_exec(D, ins, "t", "a"), 0);
	cr_assert_eq(db_last_id(D), db_int(D, -1, "SELECT id FROM late WHERE v = 'a'", NULL));
	cr_assert_eq(db_exec(D, ins, "t", "b"), 0);
	cr_assert_eq(db_last_id(D), db_int(D, -1, "SELECT id FROM late WHERE v = 'b'", NULL));
}

Test(db, columns)
{
	stmt st;
	cr_assert_eq(db_prep(D, &st, "SELECT NULL, 'x', 5", NULL), 0);
	cr_assert_eq(stmt_step(&st), 1);
	cr_assert(col_null(&st, 0));
	cr_assert_str_eq(col_text(&st, 0), "", "NULL reads as empty text");
	cr_assert_null(col_dup(&st, &A, 0));
	cr_assert_str_eq(col_dup(&st, &A, 1), "x");
	cr_assert_eq(col_int(&st, 2), 5);
	cr_assert_not(col_null(&st, 2));
	cr_assert_eq(stmt_step(&st), 0);
	stmt_done(&st);
}

Test(db, transactions)
{
	cr_assert_eq(db_exec(D, "CREATE TABLE t(k INTEGER PRIMARY KEY)", NULL), 0);
	cr_assert_eq(db_begin(D), 0);
	cr_assert_eq(db_exec(D, "INSERT INTO t(k) VALUES (1)", NULL), 0);
	db_rollback(D);
	cr_assert_eq(t_count("t"), 0);
	db_rollback(D);  /* outside a transaction: harmless */
	cr_assert_eq(db_begin(D), 0);
	cr_assert_eq(db_exec(D, "INSERT INTO t(k) VALUES (2)", NULL), 0);
	cr_assert_eq(db_commit(D), 0);
	cr_assert_eq(t_count("t"), 1);
	cr_assert_eq(db_exec_script(D, "INSERT INTO t(k) VALUES (3); INSERT INTO t(k) VALUES (4);"), 0);
	cr_assert_eq(t_count("t"), 3);
	cr_assert_lt(db_exec_script(D, "INSERT INTO t(k) VALUES (5); BOGUS;"), 0);
}

/* db_commit says 0 only when what the transaction wrote is kept: on
 * PostgreSQL a failed statement breaks the transaction, and COMMIT then
 * rolls it back without an error of its own. */
Test(db, commit_succeeds_only_when_the_writes_are_kept)
{
	cr_assert_eq(db_exec(D, "CREATE TABLE t(k INTEGER PRIMARY KEY)", NULL), 0);
	cr_assert_eq(db_begin(D), 0);
	cr_assert_eq(db_exec(D, "INSERT INTO t(k) VALUES (1)", NULL), 0);
	cr_assert_eq(db_int(D, -1, "SELECT nope FROM nowhere", NULL), -1);
	bool committed = db_commit(D) == 0;
	cr_assert_eq(committed, t_count("t") == 1, "commit said %d, rows %lld", committed, t_count("t"));
	cr_assert_not(db_in_transaction(D));
}

/* A begin refused because another connection writes leaves this one
 * outside any transaction, answering, as SQLite's BEGIN IMMEDIATE does. */
Test(db, a_refused_begin_leaves_no_transaction)
{
	db *other = datadir_open(t_data);
	cr_assert_not_null(other);
	cr_assert_eq(db_begin(other), 0, "the other connection writes");
	cr_assert_eq(db_exec_script(D, PG ? "SET lock_timeout = 100" : "PRAGMA busy_timeout = 100"), 0);
	cr_assert_lt(db_begin(D), 0, "refused while the other writes");
	cr_assert_not(db_in_transaction(D));
	db_rollback(other);
	db_close(other);
	cr_assert_eq(db_int(D, -1, "SELECT 1", NULL), 1, "the connection still answers");
	cr_assert_eq(db_begin(D), 0);
	db_rollback(D);
}

Test(db, backup_copy_is_complete)
{
	cr_assert_eq(db_exec(D, KEY_TABLE(", v TEXT"), NULL), 0);
	for (int i = 0; i < 500; i++)
		cr_assert_eq(db_exec(D, "INSERT INTO t(v) VALUES (?1)", "t", "内容内容内容内容内容内容内容内容"), 0);
	char dest[700], err[256] = "";
	snprintf(dest, sizeof dest, "%s/copy.db", t_root);
	if (PG) {
		/* SQLite's online copy has no PostgreSQL form: it says so and writes
		 * nothing (a PostgreSQL backup is pg_dump's, through datadir_backup) */
		cr_assert_lt(db_backup_to(D, dest, err, sizeof err), 0);
		cr_assert(strstr(err, "pg_dump"), "message: %s", err);
		cr_assert_neq(access(dest, F_OK), 0, "no file written");
		return;
	}
	cr_assert_eq(db_backup_to(D, dest, err, sizeof err), 0, "%s", err);
	db *c = db_open(dest, false, err, sizeof err);
	cr_assert_not_null(c, "%s", err);
	cr_assert_eq(db_int(c, -1, "SELECT count(*) FROM t", NULL), 500);
	cr_assert_eq(db_schema_version(c), newest_migration("db/migrations/"));
	cr_assert_str_eq(db_text(c, &A, "PRAGMA integrity_check", NULL), "ok");
	db_close(c);
}
