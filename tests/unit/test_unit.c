/* test_unit.c: unit_save and unit_set_retired (src/domain/unit.c): unique
 * names and codes, the four kinds of reporting unit, audit, nothing written on
 * a refusal. */
#include "testlib.h"
#include <string.h>

TestSuite(unit, .init = t_setup, .fini = t_teardown);

static unit reporting(const char *name, const char *kind, const char *code)
{
	unit u = {0};
	u.parent_id = unit_root(D);
	u.name = name ? S(name) : NULL;
	u.kind = kind ? S(kind) : NULL;
	u.code = code ? S(code) : NULL;
	u.sort_order = 10;
	return u;
}

static long long saved(unit u)
{
	errs e = {0};
	long long id = unit_save(D, &A, &t_who, &u, &e);
	cr_assert_gt(id, 0, "unit_save: %s", errs_summary(&e, &A));
	return id;
}

static void refused(unit u, const char *field)
{
	long long units = t_count("units"), audits = t_count("audit_log");
	errs e = {0};
	cr_assert_eq(unit_save(D, &A, &t_who, &u, &e), 0, "saved, but %s is wrong", field);
	cr_assert_not_null(err_for(&e, field), "no message for %s (got: %s)", field, errs_summary(&e, &A));
	cr_assert_eq(t_count("units"), units, "nothing written");
	cr_assert_eq(t_count("audit_log"), audits, "nothing audited");
}

Test(unit, creates_and_audits)
{
	long long id = saved(reporting(" 东湖区\xE3\x80\x80", "区", "donghu"));
	unit got = {0};
	cr_assert(unit_load(D, &A, id, &got));
	cr_assert_str_eq(got.name, "东湖区");
	cr_assert_str_eq(got.kind, "区");
	cr_assert_str_eq(got.code, "donghu");
	cr_assert_eq(got.parent_id, unit_root(D));
	cr_assert_eq(unit_by_name(D, "东湖区"), id);
	t_audit au = t_last_audit();
	cr_assert_str_eq(au.action, "create");
	cr_assert_str_eq(au.entity, "unit");
	cr_assert_eq(au.entity_id, id);
	cr_assert_null(au.old_value);
	cr_assert(strstr(au.new_value, "\"name\":\"东湖区\""), "%s", au.new_value);
	unit *kids;
	cr_assert_eq(unit_children(D, &A, unit_root(D), false, &kids), 1);
	cr_assert_eq(kids[0].id, id);
}

Test(unit, every_reporting_kind)
{
	saved(reporting("东湖区", "区", "donghu"));
	saved(reporting("南昌县", "县", "nanchangxian"));
	saved(reporting("南昌高新技术产业开发区", "开发区", "gaoxin"));
	saved(reporting("湾里管理局", "管理局", "wanli"));
}

Test(unit, duplicate_name)
{
	saved(reporting("东湖区", "区", "donghu"));
	refused(reporting("东湖区", "区", "donghu2"), "name");
	refused(reporting("\xE3\x80\x80东湖区 ", "区", "donghu3"), "name");
	/* the root's name is taken too */
	refused(reporting("南昌市社区教育指导中心", "区", "zhongxin"), "name");
}

Test(unit, duplicate_code)
{
	saved(reporting("东湖区", "区", "donghu"));
	refused(reporting("西湖区", "区", "donghu"), "code");
	refused(reporting("西湖区", "区", "centre"), "code");
}

Test(unit, bad_kind)
{
	refused(reporting("东湖区", "省", "donghu"), "kind");
	refused(reporting("东湖区", "", "donghu"), "kind");
	refused(reporting("东湖区", NULL, "donghu"), "kind");
	refused(reporting("东湖区", "区 ", "donghu"), "kind");
	/* 市 is the kind of the organiser at the root, not of a reporting unit */
	refused(reporting("东湖区", "市", "donghu"), "kind");
}

Test(unit, bad_name_code_and_order)
{
	refused(reporting("", "区", "donghu"), "name");
	refused(reporting("\xE3\x80\x80", "区", "donghu"), "name");
	refused(reporting(NULL, "区", "donghu"), "name");
	char longname[200] = "";
	for (int i = 0; i < 61; i++)
		strcat(longname, "区");
	refused(reporting(longname, "区", "donghu"), "name");
	refused(reporting("东湖区", "区", "DongHu"), "code");
	refused(reporting("东湖区", "区", "dong hu"), "code");
	refused(reporting("东湖区", "区", "东湖"), "code");
	refused(reporting("东湖区", "区", ""), "code");
	refused(reporting("东湖区", "区", "abcdefghijklmnopqrstuvwxyz0123456"), "code");
	unit u = reporting("东湖区", "区", "donghu");
	u.sort_order = -1;
	refused(u, "sort_order");
	u.sort_order = 10000;
	refused(u, "sort_order");
}

Test(unit, rename_keeps_id_and_audits_old_and_new)
{
	long long id = saved(reporting("湾里区", "区", "wanli"));
	unit u = reporting("湾里管理局", "管理局", "wanli");
	u.id = id;
	cr_assert_eq(saved(u), id);
	cr_assert_eq(t_count("units"), 2);
	t_audit au = t_last_audit();
	cr_assert_str_eq(au.action, "update");
	cr_assert(strstr(au.old_value, "\"name\":\"湾里区\""), "%s", au.old_value);
	cr_assert(strstr(au.new_value, "\"name\":\"湾里管理局\""), "%s", au.new_value);
	cr_assert(strstr(au.new_value, "\"kind\":\"管理局\""), "%s", au.new_value);
}

Test(unit, retire_and_restore)
{
	long long id = saved(reporting("东湖区", "区", "donghu"));
	cr_assert_eq(unit_set_retired(D, &A, &t_who, id, true), 0);
	unit *kids;
	cr_assert_eq(unit_children(D, &A, unit_root(D), false, &kids), 0);
	cr_assert_eq(unit_children(D, &A, unit_root(D), true, &kids), 1);
	cr_assert(kids[0].retired);
	t_audit au = t_last_audit();
	cr_assert_str_eq(au.action, "retire");
	cr_assert(strstr(au.old_value, "\"retired\":0") && strstr(au.new_value, "\"retired\":1"));
	cr_assert_eq(unit_set_retired(D, &A, &t_who, id, false), 0);
	cr_assert_eq(unit_children(D, &A, unit_root(D), false, &kids), 1);
	/* the root cannot be retired, and a missing unit is an error */
	cr_assert_lt(unit_set_retired(D, &A, &t_who, unit_root(D), true), 0);
	cr_assert_lt(unit_set_retired(D, &A, &t_who, 999, true), 0);
	cr_assert_eq(db_int(D, -1, "SELECT retired FROM units WHERE id = ?1", "I", unit_root(D)), 0);
}

/* 咨询电话: an office line or a service number, never a mobile */
Test(unit, consultation_number_is_an_office_or_service_line)
{
	const char *good[][2] = {
		{"0791-86123456", "0791-86123456"}, {"0791 8612 3456", "0791-86123456"}, {"010-12345678", "010-12345678"},
		{"0791-86123456-801", "0791-86123456-801"}, {"400 123 4567", "400-123-4567"}, {"800-123-4567", "800-123-4567"},
		{"12345", "12345"}, {"95588", "95588"}, {"96128", "96128"},
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		char out[32];
		cr_assert(office_phone_normalize(good[i][0], out), "%s refused", good[i][0]);
		cr_assert_str_eq(out, good[i][1]);
	}
	const char *bad[] = {"13812345678", "+86 138 1234 5678", "12345678", "0791-861", "4001234", "95", "电话", "", "110"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char out[32];
		cr_assert_not(office_phone_normalize(bad[i], out), "%s taken", bad[i]);
	}
	/* unit_set_phone refuses a mobile with its own message, at the field */
	long long id = unit_root(D);
	errs e = {0};
	cr_assert_eq(unit_set_phone(D, &A, &t_who, id, "138 1234 5678", &e), -1);
	cr_assert(err_for(&e, "consult_phone") && strstr(err_for(&e, "consult_phone"), "手机"));
	errs ok = {0};
	cr_assert_eq(unit_set_phone(D, &A, &t_who, id, "0791 8612 3456", &ok), 0);
	unit u;
	cr_assert(unit_load(D, &A, id, &u));
	cr_assert_str_eq(u.consult_phone, "0791-86123456");
}
