/* test_levels.c: the tree of levels (src/domain/unit.c, unit_import.c,
 * rules.c): kinds ranked 省 > 市 > 区县 > 街道, ancestors and subtrees,
 * the rules' subtree relations read from the tree, and the import of nodes
 * from a CSV, all or nothing. */
#include "testlib.h"
#include "domain/rules.h"
#include "domain/report.h"
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

/* ---- each organiser its own week (issue 17, second half, point 1) ---- */

/* The province's 2026 week, with lists and form rows it adapted from the presets. */
static long long province_week(tree *t)
{
	*t = province();
	week w = {0};
	w.unit_id = t->top;
	w.title = S("2026年江西省全民终身学习活动周");
	w.theme = S("终身学习向未来");
	w.starts_on = S("2026-11-02");
	w.ends_on = S("2026-11-08");
	w.notice = S("江西省的通知正文");
	errs e = {0};
	long long id = week_save(D, &A, &t_who, &w, "2026", "2026-11-20T17:00", &e);
	cr_assert_gt(id, 0, "%s", errs_summary(&e, &A));
	/* the province adapts its lists: the copy must carry this, not the presets */
	cr_assert_eq(db_exec(D, "UPDATE week_choices SET label = '省里改过的对象' WHERE week_id = ?1 AND kind = 'audience'"
				" AND position = 1", "I", id), 0);
	cr_assert_eq(db_exec(D, "UPDATE week_form_rows SET label = '省里改过的栏目' WHERE week_id = ?1 AND position = 1", "I", id), 0);
	return id;
}

static char *rows_of(long long week_id, const char *table)
{
	const char *cols = strcmp(table, "week_choices") ? "position || key || grp || label || kind" : "kind || position || code || wording || label";
	return db_text(D, &A, arena_printf(&A, "SELECT group_concat(x, '|') FROM (SELECT %s AS x FROM %s WHERE week_id = ?1"
					       " ORDER BY 1)", cols, table), "I", week_id);
}

Test(levels, a_middle_organiser_publishes_its_week_as_a_copy_of_its_parents)
{
	tree t;
	long long pw = province_week(&t);
	week parent;
	cr_assert(week_load(D, &A, pw, &parent));
	errs e = {0};
	long long nw = week_adopt(D, &A, &t_who, t.nanchang, 2026, &e);
	cr_assert_gt(nw, 0, "%s", errs_summary(&e, &A));
	week w;
	cr_assert(week_load(D, &A, nw, &w));
	cr_assert_eq(w.unit_id, t.nanchang);
	cr_assert_eq(w.parent_week_id, pw);
	cr_assert_eq(w.year, 2026);
	cr_assert_str_eq(w.title, "2026年南昌市全民终身学习活动周", "the parent's title with the organiser's name");
	cr_assert_str_eq(w.theme, parent.theme);
	cr_assert_str_eq(w.starts_on, "2026-11-02");
	cr_assert_str_eq(w.ends_on, "2026-11-08");
	cr_assert_str_eq(w.notice, "江西省的通知正文");
	cr_assert_eq(w.deadline_at, parent.deadline_at - 3 * 86400, "due three days before the province's");
	cr_assert_str_eq(rows_of(nw, "week_choices"), rows_of(pw, "week_choices"), "the province's lists, as it adapted them");
	cr_assert_str_eq(rows_of(nw, "week_form_rows"), rows_of(pw, "week_form_rows"), "the province's form rows");
	cr_assert_not_null(strstr(rows_of(nw, "week_form_rows"), "省里改过的栏目"));

	/* the city adapts its copy: the province's week stays as it was */
	w.theme = S("南昌的主题");
	w.lists = NULL;
	w.form = NULL;
	cr_assert_gt(week_save(D, &A, &t_who, &w, "2026", "2026-11-15T17:00", &e), 0, "%s", errs_summary(&e, &A));
	cr_assert(week_load(D, &A, pw, &parent));
	cr_assert_str_eq(parent.theme, "终身学习向未来");
	/* but it may not be due after the province's, nor move to another year */
	long long audits = t_count("audit_log");
	cr_assert_eq(week_save(D, &A, &t_who, &w, "2026", "2026-11-20T17:00", &e), 0);
	cr_assert_not_null(strstr(err_for(&e, "deadline"), "应早于上级的截止时间（2026年11月20日 17:00）"), "%s", errs_summary(&e, &A));
	e = (errs){0};
	w.starts_on = S("2027-11-02");
	w.ends_on = S("2027-11-08");
	cr_assert_eq(week_save(D, &A, &t_who, &w, "2027", "2027-11-15T17:00", &e), 0);
	cr_assert_not_null(strstr(err_for(&e, "year"), "年份不能改"), "%s", errs_summary(&e, &A));
	cr_assert_eq(t_count("audit_log"), audits, "nothing saved");
}

Test(levels, a_unit_reports_in_the_week_of_its_nearest_organiser_that_has_one)
{
	tree t;
	long long pw = province_week(&t);
	/* before 南昌市 publishes: everyone in the province's */
	cr_assert_eq(week_of_unit(D, t.donghu, 2026), pw);
	cr_assert_eq(week_of_unit(D, t.nanchang, 2026), pw);
	cr_assert_eq(week_of_unit(D, t.top, 2026), pw, "the top reports in its own week");
	cr_assert_eq(week_of_unit(D, t.donghu, 2025), 0, "no week that year");
	errs e = {0};
	long long nw = week_adopt(D, &A, &t_who, t.nanchang, 2026, &e);
	cr_assert_gt(nw, 0, "%s", errs_summary(&e, &A));
	cr_assert_eq(week_of_unit(D, t.donghu, 2026), nw, "东湖区 now reports in 南昌市's week");
	cr_assert_eq(week_of_unit(D, t.bayi, 2026), nw, "a street under 东湖区 too (东湖区 has no week)");
	cr_assert_eq(week_of_unit(D, t.nanchang, 2026), pw, "南昌市's own report goes to the province's week");
	cr_assert_eq(week_of_unit(D, t.xunyang, 2026), pw, "九江市 has no week: 浔阳区 reports to the province");
	week cur;
	long long now = 1793664000; /* 2026-11-03 08:00 Beijing time */
	cr_assert(week_current(D, &A, t.nanchang, now, &cur));
	cr_assert_eq(cur.id, nw);
	cr_assert(week_current(D, &A, t.top, now, &cur));
	cr_assert_eq(cur.id, pw);
	cr_assert_not(week_current(D, &A, t.jiujiang, now, &cur), "九江市 has no week of its own");
	cr_assert(week_current_of_unit(D, &A, t.donghu, now, &cur));
	cr_assert_eq(cur.id, nw);
	cr_assert(week_current_of_unit(D, &A, t.xunyang, now, &cur));
	cr_assert_eq(cur.id, pw);
	week *v;
	cr_assert_eq(week_list(D, &A, t.nanchang, &v), 1);
	cr_assert_eq(v[0].id, nw);
	cr_assert_eq(week_list(D, &A, t.top, &v), 1);
	cr_assert_eq(v[0].id, pw);
	cr_assert_eq(week_list_of_unit(D, &A, t.donghu, &v), 1);
	cr_assert_eq(v[0].id, nw);
}

static void adopt_refused(long long organiser, long long year, const char *says)
{
	long long weeks = t_count("weeks"), audits = t_count("audit_log");
	errs e = {0};
	cr_assert_eq(week_adopt(D, &A, &t_who, organiser, year, &e), 0, "adopted, expected: %s", says);
	cr_assert_not_null(strstr(errs_summary(&e, &A), says), "expected %s, got %s", says, errs_summary(&e, &A));
	cr_assert_eq(t_count("weeks"), weeks, "nothing written");
	cr_assert_eq(t_count("audit_log"), audits, "nothing audited");
}

Test(levels, publishing_a_copy_is_refused_where_it_cannot_be)
{
	tree t;
	long long pw = province_week(&t);
	adopt_refused(t.bayi, 2026, "只有下面还有单位的一级");
	adopt_refused(t.top, 2026, "最上级没有上级的活动周可以复制");
	adopt_refused(t.nanchang, 2025, "上级还没有发布 2025 年的活动周");
	/* 九江市's counties already report in the province's week */
	report rep;
	cr_assert(report_get(D, &A, pw, t.xunyang, &rep));
	adopt_refused(t.jiujiang, 2026, "九江市下属单位已经在「2026年江西省全民终身学习活动周」中填报");
	errs e = {0};
	cr_assert_gt(week_adopt(D, &A, &t_who, t.nanchang, 2026, &e), 0, "%s", errs_summary(&e, &A));
	adopt_refused(t.nanchang, 2026, "南昌市 2026 年的活动周已经存在");
}
