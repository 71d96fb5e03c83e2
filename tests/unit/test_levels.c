/* test_levels.c: the tree of levels (src/domain/unit.c, unit_import.c,
 * rules.c): kinds ranked 省 > 市 > 区县 > 街道, ancestors and subtrees,
 * the rules' subtree relations read from the tree, and the import of nodes
 * from a CSV, all or nothing. */
#include "testlib.h"
#include "domain/rules.h"
#include <stdio.h>
#include <string.h>

TestSuite(levels, .init = t_setup, .fini = t_teardown);

static long long node(long long parent, const char *name, const char *kind, const char *code)
{
	unit u = {0};
	u.parent_id = parent;
	u.name = S(name);
	u.kind = S(kind);
	u.code = S(code);
	u.sort_order = unit_next_sort_order(D);
	errs e = {0};
	long long id = unit_save(D, &A, &t_who, &u, &e);
	cr_assert_gt(id, 0, "unit_save %s: %s", name, errs_summary(&e, &A));
	return id;
}

/* 江西省 <- 南昌市 <- 东湖区 <- 八一街道; 江西省 <- 九江市 <- 浔阳区 */
typedef struct tree {
	long long top, nanchang, donghu, bayi, jiujiang, xunyang;
} tree;

static tree province(void)
{
	const char *why;
	cr_assert_eq(unit_top_set(D, &A, "江西省", "省", &why), 0, "%s", why ? why : "");
	tree t;
	t.top = unit_root(D);
	t.nanchang = node(t.top, "南昌市", "市", "nanchang");
	t.donghu = node(t.nanchang, "东湖区", "区", "donghu");
	t.bayi = node(t.donghu, "八一街道", "街道", "bayi");
	t.jiujiang = node(t.top, "九江市", "市", "jiujiang");
	t.xunyang = node(t.jiujiang, "浔阳区", "区", "xunyang");
	return t;
}

Test(levels, kinds_rank_and_names)
{
	cr_assert_eq(unit_kind_rank("省"), 0);
	cr_assert_eq(unit_kind_rank("市"), 1);
	cr_assert_eq(unit_kind_rank("开发区"), 2);
	cr_assert_eq(unit_kind_rank("街道"), 3);
	cr_assert_eq(unit_kind_rank("乡"), -1);
	cr_assert_str_eq(unit_kind_of_name("江西省"), "省");
	cr_assert_str_eq(unit_kind_of_name("南昌经济技术开发区"), "开发区", "the longest kind the name ends with");
	cr_assert_str_eq(unit_kind_of_name("湾里管理局"), "管理局");
	cr_assert_null(unit_kind_of_name("南昌临空经济"));
	cr_assert_str_eq(unit_kinds_below(&A, "市"), "区、县、开发区、管理局或街道");
}

Test(levels, tree_walks)
{
	tree t = province();
	cr_assert(unit_within(D, t.bayi, t.top) && unit_within(D, t.bayi, t.nanchang) && unit_within(D, t.bayi, t.bayi));
	cr_assert(!unit_within(D, t.bayi, t.jiujiang), "a sibling's subtree");
	cr_assert(!unit_within(D, t.nanchang, t.donghu), "an ancestor is not below");
	cr_assert(unit_is_organiser(D, t.top) && unit_is_organiser(D, t.donghu) && !unit_is_organiser(D, t.bayi));
	unit *up;
	int n = unit_ancestors(D, &A, t.bayi, &up);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(up[0].name, "江西省");
	cr_assert_str_eq(up[1].name, "南昌市");
	cr_assert_str_eq(up[2].name, "东湖区");
	unit *down;
	n = unit_subtree(D, &A, t.nanchang, false, &down);
	cr_assert_eq(n, 3);
	cr_assert_eq(down[0].id, t.nanchang);
	cr_assert_eq(down[0].depth, 0);
	cr_assert_eq(down[2].id, t.bayi);
	cr_assert_eq(down[2].depth, 2);
	cr_assert_eq(unit_subtree(D, &A, t.top, false, &down), 6);
}

Test(levels, levels_rank_below_their_parent)
{
	tree t = province();
	long long units = t_count("units");
	unit u = {0};
	errs e = {0};
	u.parent_id = t.donghu;
	u.name = S("青山湖区");
	u.kind = S("区");
	u.code = S("qingshanhu");
	cr_assert_eq(unit_save(D, &A, &t_who, &u, &e), 0);
	cr_assert(strstr(errs_summary(&e, &A), "「东湖区」的下级可以是街道"), "%s", errs_summary(&e, &A));
	/* nor under itself or its own subtree */
	unit mv = {0};
	errs e2 = {0};
	cr_assert(unit_load(D, &A, t.nanchang, &mv));
	mv.parent_id = t.donghu;
	mv.kind = S("市");
	cr_assert_eq(unit_save(D, &A, &t_who, &mv, &e2), 0);
	cr_assert_not_null(err_for(&e2, "parent_id"));
	cr_assert_eq(t_count("units"), units);
}

Test(levels, rules_read_the_tree)
{
	tree t = province();
	/* an organiser: its subtree, never a sibling's or an ancestor's */
	cr_assert(rule_allows_in(D, ACT_RUN_CITY, ROLE_CENTRE_ADMIN, t.nanchang, t.bayi));
	cr_assert(rule_allows_in(D, ACT_RUN_CITY, ROLE_CENTRE_ADMIN, t.nanchang, t.nanchang));
	cr_assert(!rule_allows_in(D, ACT_RUN_CITY, ROLE_CENTRE_ADMIN, t.nanchang, t.xunyang));
	cr_assert(!rule_allows_in(D, ACT_RUN_CITY, ROLE_CENTRE_ADMIN, t.nanchang, t.top));
	cr_assert(rule_allows_in(D, ACT_RUN_CITY, ROLE_CENTRE_ADMIN, t.top, t.xunyang), "the top's subtree is everything");
	/* deciding on a submission: below the actor's node; its own only at the top */
	cr_assert(rule_allows_in(D, ACT_DECIDE_REVIEW, ROLE_CENTRE_ADMIN, t.nanchang, t.donghu));
	cr_assert(!rule_allows_in(D, ACT_DECIDE_REVIEW, ROLE_CENTRE_ADMIN, t.nanchang, t.nanchang));
	cr_assert(rule_allows_in(D, ACT_DECIDE_REVIEW, ROLE_CENTRE_ADMIN, t.top, t.top));
	cr_assert(!rule_allows_in(D, ACT_DECIDE_REVIEW, ROLE_CENTRE_ADMIN, t.nanchang, t.xunyang));
	cr_assert(!rule_allows_in(D, ACT_DECIDE_REVIEW, ROLE_CENTRE_VIEWER, t.top, t.donghu));
	/* own unit stays own */
	cr_assert(!rule_allows_in(D, ACT_SEE_FULL_PHONE, ROLE_UNIT_ADMIN, t.donghu, t.bayi));
}

static char *csv(const char *text)
{
	char *path = arena_printf(&A, "%s/tree.csv", t_root);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

Test(levels, import_all_or_nothing)
{
	tree t = province();
	long long units = t_count("units");
	table_file f;
	table_issues is = {.max = 50};
	/* the fourth row is wrong: none of the four is written */
	int n = unit_import(D, &A, &t_who, t.top, csv("名称,代码,上级,类别\n赣州市,ganzhou,,\n章贡区,zhanggong,ganzhou,\n"
						       "南康区,nankang,赣州市,\n瑞金市,ruijin,赣州市,乡\n"), "tree.csv", &f, &is);
	cr_assert_eq(n, -1);
	cr_assert_eq(f.status, 0);
	cr_assert_eq(is.total, 1);
	cr_assert_eq(is.v[0].line, 5);
	cr_assert(strstr(is.v[0].msg, "类别「乡」不认识"), "%s", is.v[0].msg);
	cr_assert_eq(t_count("units"), units, "nothing written");
	/* right: parents named by code and by name, rows in any order */
	table_issues is2 = {.max = 50};
	n = unit_import(D, &A, &t_who, t.top, csv("name,code,parent,kind\n章贡区,zhanggong,ganzhou,\n赣州市,ganzhou,,\n"
						  "南康区,nankang,赣州市,\n瑞金市,ruijin,赣州市,县\n"), "tree.csv", &f, &is2);
	cr_assert_eq(n, 4, "%d issues: %s", is2.total, is2.n ? is2.v[0].msg : "");
	long long gz = unit_by_name(D, "赣州市");
	cr_assert_gt(gz, 0);
	unit u;
	cr_assert(unit_load(D, &A, unit_by_name(D, "章贡区"), &u));
	cr_assert_eq(u.parent_id, gz);
	cr_assert_str_eq(u.kind, "区");
	cr_assert(unit_load(D, &A, gz, &u));
	cr_assert_eq(u.parent_id, t.top);
	cr_assert_eq(t_count("units"), units + 4);
	/* ordered as in the file among their siblings, whatever the install's size */
	cr_assert(unit_load(D, &A, unit_by_name(D, "南康区"), &u));
	cr_assert_eq(u.sort_order, 20);
	cr_assert(unit_load(D, &A, unit_by_name(D, "瑞金市"), &u));
	cr_assert_eq(u.sort_order, 30);
	/* importing under 南昌市: a node outside its subtree is no parent */
	table_issues is3 = {.max = 50};
	n = unit_import(D, &A, &t_who, t.nanchang, csv("名称,代码,上级\n滨江街道,binjiang,xunyang\n"), "tree.csv", &f, &is3);
	cr_assert_eq(n, -1);
	cr_assert(strstr(is3.v[0].msg, "不在您管理的范围内"), "%s", is3.v[0].msg);
}
