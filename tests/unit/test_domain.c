/* test_domain.c: what the domain modules share (src/domain/domain.c): the
 * error list, the audit row and the JSON snapshots it stores. */
#include "testlib.h"
#include <string.h>

TestSuite(domain, .init = t_setup, .fini = t_teardown);

Test(domain, errs_collect_and_summarise)
{
	errs e = {0};
	cr_assert_null(err_for(&e, "name"));
	cr_assert_str_eq(errs_summary(&e, &A), "");
	err_add(&e, "name", "请填写名称。");
	err_add(&e, NULL, "数据库忙。");
	err_add(&e, "name", "第二条。");
	cr_assert_eq(e.n, 3);
	cr_assert_str_eq(err_for(&e, "name"), "请填写名称。", "the first message for a field");
	cr_assert_str_eq(errs_summary(&e, &A), "请填写名称。数据库忙。第二条。");
	for (int i = 0; i < 2 * MAX_ERRS; i++)
		err_add(&e, "x", "多");
	cr_assert_eq(e.n, MAX_ERRS, "the list is bounded");
}

Test(domain, audit_row)
{
	actor who = {42, "centre_admin", "10.1.2.3", 1669852800LL};
	long long root = unit_root(D);
	cr_assert_eq(audit(D, &who, root, "update", "week", 7, "摘要", "{\"a\":1}", "{\"a\":2}"), 0);
	stmt st;
	cr_assert_eq(db_prep(D, &st, "SELECT at, account_id, username, unit_id, action, entity, entity_id, summary,"
				     " old_value, new_value, address FROM audit_log", NULL), 0);
	cr_assert_eq(stmt_step(&st), 1);
	cr_assert_eq(col_int(&st, 0), 1669852800LL);
	cr_assert_eq(col_int(&st, 1), 42);
	cr_assert_str_eq(col_text(&st, 2), "centre_admin");
	cr_assert_eq(col_int(&st, 3), root);
	cr_assert_str_eq(col_text(&st, 4), "update");
	cr_assert_str_eq(col_text(&st, 5), "week");
	cr_assert_eq(col_int(&st, 6), 7);
	cr_assert_str_eq(col_text(&st, 7), "摘要");
	cr_assert_str_eq(col_text(&st, 8), "{\"a\":1}");
	cr_assert_str_eq(col_text(&st, 9), "{\"a\":2}");
	cr_assert_str_eq(col_text(&st, 10), "10.1.2.3");
	stmt_done(&st);
	/* the command line has no account, unit or entity: NULLs, not zeros */
	cr_assert_eq(audit(D, &t_who, 0, "create", "thing", 0, NULL, NULL, NULL), 0);
	cr_assert(db_exists(D, "SELECT 1 FROM audit_log WHERE entity = 'thing' AND account_id IS NULL AND unit_id IS NULL"
			       " AND entity_id IS NULL AND old_value IS NULL AND new_value IS NULL AND summary = ''", NULL));
}

Test(domain, row_json_snapshot)
{
	cr_assert_eq(db_exec(D, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, n INTEGER, gone TEXT)", NULL), 0);
	cr_assert_eq(db_exec(D, "INSERT INTO t(id, name, n, gone) VALUES (1, ?1, 5, NULL)", "t", "东湖\"区\n<b>"), 0);
	char *j = row_json(D, &A, "SELECT id, name, n, gone FROM t WHERE id = ?1", 1);
	cr_assert_str_eq(j, "{\"id\":1,\"name\":\"东湖\\\"区\\n<b>\",\"n\":5,\"gone\":null}");
	cr_assert_null(row_json(D, &A, "SELECT id FROM t WHERE id = ?1", 2), "no row");
}
