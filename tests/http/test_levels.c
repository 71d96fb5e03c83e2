/* test_levels.c: the authorization matrix over a tree of levels (issue 17).
 * The server runs the province demo: 江西省 at the top; 南昌市 with its 13
 * units (东湖区, 西湖区 ...), 九江市 and 赣州市 with four counties each. For
 * every role at the root, at a middle node (南昌市) and at a leaf (东湖区),
 * against its own node, its own subtree, a sibling subtree and an ancestor,
 * each main action (a unit's activities as staff, editing a report, reviewing
 * a submission, managing accounts, the board) gets the status and message the
 * router gives. Then the lists a middle organiser sees (units, accounts) hold
 * its subtree only, what it creates stays in it, and a tree of nodes imports
 * from a CSV with its errors row by row. */
#include "levels.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PW "Levels-pass-2026"

static void setup(void)
{
	lw_add_user("m_root_viewer", "centre_viewer", NULL, PW);
	lw_add_user("m_mid_viewer", "centre_viewer", "南昌市", PW);
	lw_add_user("m_mid_unit_admin", "unit_admin", "南昌市", PW);
	lw_add_user("m_mid_editor", "unit_editor", "南昌市", PW);
	lw_add_user("m_leaf_editor", "unit_editor", "东湖区", PW);
	lw_add_user("m_jj_admin", "centre_admin", "九江市", PW);
	lw_add_user("m_xunyang_admin", "unit_admin", "浔阳区", PW);
}
LW_SERVER_DEMO("", setup, "--province")

static lw_client *as(const char *username)
{
	lw_client *c = lw_client_new();
	const char *pw = strncmp(username, "m_", 2) ? lw_demo_password(username) : PW;
	lw_login_ok(c, username, pw);
	return c;
}

#define REACH "无权访问其他单位的数据。"
#define TOP_ONLY "此功能作用于整个系统，目前只有最上级（江西省）的账号可以使用。"
#define ANCESTORS_WEEK "这一届活动周由江西省组织，只有江西省及其上级的账号可以查看和管理。"
#define NANCHANGS_WEEK "这一届活动周由南昌市组织，只有南昌市及其上级的账号可以查看和管理。"
#define NANCHANGS_FORM "这一届活动周由南昌市组织，它的设置和总结表只有南昌市的账号可以修改、定稿和报送。"
#define PROVINCES_FORM "这一届活动周由江西省组织，只有江西省及其上级的账号可以查看和管理。"
#define OWN_NODE "本单位（南昌市）自己的记录由上一级审核和管理"
#define ROLE(label) "您的账号（" label "）没有权限使用此功能。"

typedef struct cell {
	const char *who, *relation, *action, *path;
	long status;
	const char *says; /* a fragment of the page: the message, or what the page shows */
} cell;

/* The ids the matrix names, read once per test process. */
typedef struct tree {
	long long jiangxi, nanchang, jiujiang, xunyang, donghu, xihu, submission;
} tree;

/* 南昌市's own week now (the demo's, copied from the province's). */
static long long city_week(const tree *t)
{
	return sql_int(lw_printf("SELECT id FROM weeks WHERE unit_id = %lld ORDER BY year DESC LIMIT 1", t->nanchang));
}

/* The province's week now (the demo's live week). */
static long long province_week(const tree *t)
{
	return sql_int(lw_printf("SELECT id FROM weeks WHERE unit_id = %lld ORDER BY year DESC LIMIT 1", t->jiangxi));
}

static tree the_tree(void)
{
	tree t;
	t.jiangxi = unit_id("江西省");
	t.nanchang = unit_id("南昌市");
	t.jiujiang = unit_id("九江市");
	t.xunyang = unit_id("浔阳区");
	t.donghu = unit_id("东湖区");
	t.xihu = unit_id("西湖区");
	/* 东湖区's submitted 2022 report: the history the demo keeps */
	t.submission = sql_int(lw_printf("SELECT s.id FROM submissions s JOIN reports r ON r.id = s.report_id"
					 " WHERE r.unit_id = %lld ORDER BY s.id LIMIT 1", t.donghu));
	cr_assert_gt(t.submission, 0, "东湖区 has no submission in the demo");
	return t;
}

static void run_cells(const cell *v, int n)
{
	lw_client *c = NULL;
	const char *signed_in = NULL;
	for (int i = 0; i < n; i++) {
		if (!signed_in || strcmp(signed_in, v[i].who)) {
			c = as(v[i].who);
			signed_in = v[i].who;
		}
		lw_resp *r = lw_get(c, v[i].path);
		cr_assert(r->status == v[i].status && lw_has(r, v[i].says),
			  "%s, %s, %s (GET %s): expected %ld with \"%s\", got %ld:\n%.600s", v[i].who, v[i].relation, v[i].action,
			  v[i].path, v[i].status, v[i].says, r->status, r->body);
	}
}

#define ACTIVITIES(u) lw_printf("/units/%lld/activities", (u))
#define REPORT(u) lw_printf("/units/%lld/report/edit", (u))
#define ACCOUNTS(u) lw_printf("/units/%lld/accounts", (u))
#define REVIEW(s) lw_printf("/admin/submissions/%lld", (s))
#define BOARD "/admin/board"

Test(levels, root_roles)
{
	tree t = the_tree();
	cell v[] = {
		{"centre_admin", "own node", "activities", ACTIVITIES(t.jiangxi), 200, "江西省"},
		{"centre_admin", "own subtree", "activities", ACTIVITIES(t.donghu), 200, "东湖区"},
		{"centre_admin", "own subtree", "edit a report", REPORT(t.donghu), 200, "东湖区"},
		{"centre_admin", "own subtree", "review", REVIEW(t.submission), 200, "东湖区"},
		{"centre_admin", "own node", "accounts", ACCOUNTS(t.jiangxi), 200, "centre_admin"},
		{"centre_admin", "own subtree", "accounts", ACCOUNTS(t.xunyang), 200, "xunyang_admin"},
		{"centre_admin", "whole tree", "board", BOARD, 200, "报送进度"},
		{"m_root_viewer", "own node", "activities", ACTIVITIES(t.jiangxi), 200, "江西省"},
		{"m_root_viewer", "own subtree", "activities", ACTIVITIES(t.donghu), 200, "东湖区"},
		{"m_root_viewer", "own subtree", "edit a report", REPORT(t.donghu), 403, ROLE("中心查看员")},
		{"m_root_viewer", "own subtree", "review", REVIEW(t.submission), 200, "东湖区"},
		{"m_root_viewer", "own subtree", "accounts", ACCOUNTS(t.donghu), 403, ROLE("中心查看员")},
		{"m_root_viewer", "whole tree", "board", BOARD, 200, "报送进度"},
	};
	run_cells(v, (int)(sizeof v / sizeof *v));
}

Test(levels, middle_organisers)
{
	tree t = the_tree();
	cell v[] = {
		{"nanchang_admin", "own node", "activities", ACTIVITIES(t.nanchang), 200, "南昌市"},
		{"nanchang_admin", "own subtree", "activities", ACTIVITIES(t.donghu), 200, "东湖区"},
		{"nanchang_admin", "sibling subtree", "activities", ACTIVITIES(t.xunyang), 403, REACH},
		{"nanchang_admin", "ancestor", "activities", ACTIVITIES(t.jiangxi), 403, REACH},
		/* its own report in the province's week is its compiled form: reached, and sent to that form to change it */
		{"nanchang_admin", "own node", "edit a report", REPORT(t.nanchang), 409, "不在这里修改"},
		{"nanchang_admin", "own subtree", "edit a report", REPORT(t.donghu), 200, "东湖区"},
		{"nanchang_admin", "sibling subtree", "edit a report", REPORT(t.xunyang), 403, REACH},
		{"nanchang_admin", "ancestor", "edit a report", REPORT(t.jiangxi), 403, REACH},
		{"nanchang_admin", "own subtree", "review", REVIEW(t.submission), 200, "东湖区"},
		{"nanchang_admin", "own node", "accounts", ACCOUNTS(t.nanchang), 200, "nanchang_admin"},
		{"nanchang_admin", "own subtree", "accounts", ACCOUNTS(t.donghu), 200, "donghu_admin"},
		{"nanchang_admin", "sibling subtree", "accounts", ACCOUNTS(t.jiujiang), 403, REACH},
		{"nanchang_admin", "ancestor", "accounts", ACCOUNTS(t.jiangxi), 403, REACH},
		{"nanchang_admin", "own node", "manage the node itself", lw_printf("/admin/units/%lld/edit", t.nanchang), 403, OWN_NODE},
		{"nanchang_admin", "own week (the demo's, copied from the province's)", "board", BOARD, 200, "南昌市全民终身学习活动周"},
		{"nanchang_admin", "ancestor's week", "board", lw_printf(BOARD "?week=%lld", province_week(&t)), 403, ANCESTORS_WEEK},
		{"nanchang_admin", "ancestor's week", "city form", lw_printf("/admin/city-form?week=%lld", province_week(&t)), 403,
		 ANCESTORS_WEEK},
		{"nanchang_admin", "whole tree", "exports", "/admin/exports", 403, TOP_ONLY},
		/* 东湖区 is in 九江市's sibling subtree */
		{"jiujiang_admin", "sibling subtree", "activities", ACTIVITIES(t.donghu), 403, REACH},
		{"jiujiang_admin", "sibling subtree", "review", REVIEW(t.submission), 403, REACH},
		{"jiujiang_admin", "sibling subtree", "accounts", ACCOUNTS(t.donghu), 403, REACH},
		{"jiujiang_admin", "own subtree", "accounts", ACCOUNTS(t.xunyang), 200, "xunyang_admin"},
		{"m_mid_viewer", "own node", "activities", ACTIVITIES(t.nanchang), 200, "南昌市"},
		{"m_mid_viewer", "own subtree", "activities", ACTIVITIES(t.donghu), 200, "东湖区"},
		{"m_mid_viewer", "sibling subtree", "activities", ACTIVITIES(t.xunyang), 403, REACH},
		{"m_mid_viewer", "ancestor", "activities", ACTIVITIES(t.jiangxi), 403, REACH},
		{"m_mid_viewer", "own subtree", "edit a report", REPORT(t.donghu), 403, ROLE("中心查看员")},
		{"m_mid_viewer", "own subtree", "review", REVIEW(t.submission), 200, "东湖区"},
		{"m_mid_viewer", "own node", "accounts", ACCOUNTS(t.nanchang), 403, ROLE("中心查看员")},
		{"m_mid_viewer", "ancestor's week", "board", lw_printf(BOARD "?week=%lld", province_week(&t)), 403, ANCESTORS_WEEK},
		{"m_mid_viewer", "whole tree", "exports", "/admin/exports", 403, TOP_ONLY},
	};
	run_cells(v, (int)(sizeof v / sizeof *v));
}

Test(levels, middle_unit_roles)
{
	tree t = the_tree();
	cell v[] = {
		/* a unit role at a city reports for the city itself: its own unit only */
		{"m_mid_unit_admin", "own node", "activities", ACTIVITIES(t.nanchang), 200, "南昌市"},
		{"m_mid_unit_admin", "own subtree", "activities", ACTIVITIES(t.donghu), 403, REACH},
		{"m_mid_unit_admin", "sibling subtree", "activities", ACTIVITIES(t.xunyang), 403, REACH},
		{"m_mid_unit_admin", "ancestor", "activities", ACTIVITIES(t.jiangxi), 403, REACH},
		{"m_mid_unit_admin", "own node", "edit a report", REPORT(t.nanchang), 409, "不在这里修改"},
		{"m_mid_unit_admin", "own subtree", "edit a report", REPORT(t.donghu), 403, REACH},
		{"m_mid_unit_admin", "own subtree", "review", REVIEW(t.submission), 403, ROLE("单位管理员")},
		{"m_mid_unit_admin", "own node", "accounts", ACCOUNTS(t.nanchang), 200, "m_mid_editor"},
		{"m_mid_unit_admin", "own subtree", "accounts", ACCOUNTS(t.donghu), 403, REACH},
		{"m_mid_unit_admin", "whole tree", "board", BOARD, 403, ROLE("单位管理员")},
		{"m_mid_editor", "own node", "activities", ACTIVITIES(t.nanchang), 200, "南昌市"},
		{"m_mid_editor", "own subtree", "activities", ACTIVITIES(t.donghu), 403, REACH},
		{"m_mid_editor", "ancestor", "activities", ACTIVITIES(t.jiangxi), 403, REACH},
		{"m_mid_editor", "own node", "edit a report", REPORT(t.nanchang), 403, ROLE("单位填报员")},
		{"m_mid_editor", "own subtree", "review", REVIEW(t.submission), 403, ROLE("单位填报员")},
		{"m_mid_editor", "own node", "accounts", ACCOUNTS(t.nanchang), 403, ROLE("单位填报员")},
		{"m_mid_editor", "whole tree", "board", BOARD, 403, ROLE("单位填报员")},
	};
	run_cells(v, (int)(sizeof v / sizeof *v));
}

Test(levels, leaf_roles)
{
	tree t = the_tree();
	cell v[] = {
		{"donghu_admin", "own node", "activities", ACTIVITIES(t.donghu), 200, "东湖区"},
		{"donghu_admin", "sibling subtree", "activities", ACTIVITIES(t.xihu), 403, REACH},
		{"donghu_admin", "ancestor", "activities", ACTIVITIES(t.nanchang), 403, REACH},
		{"donghu_admin", "ancestor", "activities", ACTIVITIES(t.jiangxi), 403, REACH},
		{"donghu_admin", "own node", "edit a report", REPORT(t.donghu), 200, "东湖区"},
		{"donghu_admin", "sibling subtree", "edit a report", REPORT(t.xihu), 403, REACH},
		{"donghu_admin", "ancestor", "edit a report", REPORT(t.nanchang), 403, REACH},
		{"donghu_admin", "own node", "review", REVIEW(t.submission), 403, ROLE("单位管理员")},
		{"donghu_admin", "own node", "accounts", ACCOUNTS(t.donghu), 200, "m_leaf_editor"},
		{"donghu_admin", "sibling subtree", "accounts", ACCOUNTS(t.xihu), 403, REACH},
		{"donghu_admin", "ancestor", "accounts", ACCOUNTS(t.nanchang), 403, REACH},
		{"donghu_admin", "whole tree", "board", BOARD, 403, ROLE("单位管理员")},
		{"m_leaf_editor", "own node", "activities", ACTIVITIES(t.donghu), 200, "东湖区"},
		{"m_leaf_editor", "sibling subtree", "activities", ACTIVITIES(t.xihu), 403, REACH},
		{"m_leaf_editor", "ancestor", "activities", ACTIVITIES(t.nanchang), 403, REACH},
		{"m_leaf_editor", "own node", "edit a report", REPORT(t.donghu), 403, ROLE("单位填报员")},
		{"m_leaf_editor", "own node", "review", REVIEW(t.submission), 403, ROLE("单位填报员")},
		{"m_leaf_editor", "own node", "accounts", ACCOUNTS(t.donghu), 403, ROLE("单位填报员")},
		{"m_leaf_editor", "whole tree", "board", BOARD, 403, ROLE("单位填报员")},
	};
	run_cells(v, (int)(sizeof v / sizeof *v));
}

/* Deciding on a submission (a POST): refused outside the subtree and for a
 * viewer, before anything is written. */
Test(levels, review_decision_reach)
{
	tree t = the_tree();
	lw_expect(lw_submit(as("jiujiang_admin"), lw_printf("/admin/submissions/%lld/accept", t.submission), NULL), 403, REACH);
	lw_expect(lw_submit(as("m_mid_viewer"), lw_printf("/admin/submissions/%lld/accept", t.submission), NULL), 403,
		  ROLE("中心查看员"));
	lw_expect(lw_submit(as("donghu_admin"), lw_printf("/admin/submissions/%lld/return", t.submission), NULL), 403,
		  ROLE("单位管理员"));
	/* a submitted version leads its organisers to the review, not its own unit */
	cr_assert(lw_has(lw_get(as("nanchang_admin"), lw_printf("/submissions/%lld", t.submission)), "审核页面"));
	lw_resp *own = lw_get(as("donghu_admin"), lw_printf("/submissions/%lld", t.submission));
	cr_assert(own->status == 200 && !lw_has(own, "审核页面"), "%ld", own->status);
}

/* What a middle organiser's lists hold: its subtree, nothing beside or above. */
Test(levels, middle_lists_hold_the_subtree)
{
	tree t = the_tree();
	lw_client *c = as("nanchang_admin");
	lw_resp *units = lw_get(c, "/admin/units");
	lw_expect(units, 200, "<td>东湖区</td>");
	cr_assert(!lw_has(units, "浔阳区") && !lw_has(units, "九江市") && !lw_has(units, "<td>江西省</td>"), "%s", units->body);
	lw_resp *accs = lw_get(c, "/admin/accounts");
	lw_expect(accs, 200, "donghu_admin");
	cr_assert(!lw_has(accs, "jiujiang_admin") && !lw_has(accs, "xunyang_admin") && !lw_has(accs, "<td>centre_admin</td>"),
		  "%s", accs->body);
	/* a filter naming a unit outside the subtree shows nothing of it */
	cr_assert(!lw_has(lw_get(c, lw_printf("/admin/accounts?unit=%lld", t.xunyang)), "xunyang_admin"));
	/* the menu offers its own week's board, weeks and statistics, the
	 * subtree's units and accounts, not the top's audit log or exports */
	lw_resp *dash = lw_get(c, "/admin");
	cr_assert(lw_has(dash, "下级单位") && lw_has(dash, "href=\"/admin/board\"") && lw_has(dash, "href=\"/admin/weeks\"") &&
		  !lw_has(dash, "/admin/audit") && !lw_has(dash, "/admin/exports"), "%s", dash->body);
	/* the top's organiser sees everything */
	lw_resp *all = lw_get(as("centre_admin"), "/admin/accounts");
	cr_assert(lw_has(all, "jiujiang_admin") && lw_has(all, "donghu_admin"));
}

Test(levels, middle_creates_within_its_subtree)
{
	tree t = the_tree();
	lw_client *c = as("nanchang_admin");
	/* an account of a sibling's or an ancestor's unit: refused, nothing made */
	char *u1 = lw_unique("lv");
	lw_expect(lw_submit(c, "/admin/accounts", "username", u1, "role", "unit_editor", "unit_id", lw_printf("%lld", t.xunyang),
			    "password", PW, NULL), 403, "无权为其他单位创建账号");
	lw_expect(lw_submit(c, "/admin/accounts", "username", u1, "role", "centre_admin", "unit_id", lw_printf("%lld", t.jiangxi),
			    "password", PW, NULL), 403, "无权为其他单位创建账号");
	cr_assert_eq(sql_int(lw_printf("SELECT count(*) FROM accounts WHERE username = '%s'", u1)), 0);
	/* an organiser at a leaf: refused, the leaf has no units below it */
	lw_expect(lw_submit(c, "/admin/accounts", "username", u1, "role", "centre_admin", "unit_id", lw_printf("%lld", t.donghu),
			    "password", PW, NULL), 422, "只能属于市中心这样有下级单位的一级");
	/* in its subtree: made, and listed */
	lw_resp *ok = lw_submit(c, "/admin/accounts", "username", u1, "role", "unit_editor", "unit_id", lw_printf("%lld", t.donghu),
				"password", PW, NULL);
	cr_assert_eq(ok->status, 303, "%.600s", ok->body);
	cr_assert(lw_has(lw_get(c, "/admin/accounts"), u1));
	/* a unit under a sibling's node: refused */
	char *code = lw_unique("lvu");
	lw_expect(lw_submit(c, "/admin/units", "name", lw_printf("%s街道", code), "kind", "街道", "code", code, "parent_id",
			    lw_printf("%lld", t.xunyang), NULL), 403, "无权把单位放到其他单位下面");
	cr_assert_eq(sql_int(lw_printf("SELECT count(*) FROM units WHERE code = '%s'", code)), 0);
	/* a county level under a county: refused with the levels it may have */
	lw_expect(lw_submit(c, "/admin/units", "name", lw_printf("%s区", code), "kind", "区", "code", code, "parent_id",
			    lw_printf("%lld", t.xihu), NULL), 422, "的下级可以是街道");
}

static lw_resp *upload_csv(lw_client *c, const char *csv)
{
	return lw_upload(c, "/admin/units/import", "file", "units.csv", "text/csv", csv, strlen(csv));
}

Test(levels, import_tree_from_csv)
{
	lw_client *c = as("nanchang_admin");
	/* every kind of mistake, row by row, and nothing written */
	lw_resp *bad = upload_csv(c, "名称,代码,上级,类别\n"
				     "甲街道,lv-jia,乙街道,街道\n"
				     "乙街道,lv-yi,甲街道,街道\n"
				     "丙街道,donghu,青云谱区,街道\n"
				     "丁街道,lv-ding,火星区,街道\n"
				     "戊街道,lv-wu,青云谱区,乡\n"
				     "己街道,lv-ji,浔阳区,街道\n");
	lw_expect(bad, 422, "没有导入任何单位");
	cr_assert(lw_has(bad, "第 2 行") && lw_has(bad, "上级关系成了环：甲街道 → 乙街道 → 甲街道"), "%s", bad->body);
	cr_assert(lw_has(bad, "第 4 行") && lw_has(bad, "代码「donghu」已被系统里的单位使用"), "%s", bad->body);
	cr_assert(lw_has(bad, "第 5 行") && lw_has(bad, "上级「火星区」不存在"), "%s", bad->body);
	cr_assert(lw_has(bad, "第 6 行") && lw_has(bad, "类别「乡」不认识"), "%s", bad->body);
	cr_assert(lw_has(bad, "第 7 行") && lw_has(bad, "不在您管理的范围内"), "%s", bad->body);
	cr_assert_eq(sql_int("SELECT count(*) FROM units WHERE code LIKE 'lv-%'"), 0);
	/* a city under a city: the level is refused, nothing written */
	lw_resp *up = upload_csv(c, "name,code,parent,kind\n"
				    "洪都街道,lv-hongdu,qingyunpu,\n"
				    "新余市,lv-xinyu,,\n");
	lw_expect(up, 422, "「新余市」（市）不能在「南昌市」（市）下面");
	cr_assert_eq(sql_int("SELECT count(*) FROM units WHERE code LIKE 'lv-%'"), 0);
	/* a good file: two streets under a county of 南昌市, the fourth level
	 * (parents by name and by code) */
	lw_resp *ok = upload_csv(c, "name,code,parent,kind\n"
			   "京山街道,lv-jingshan,青云谱区,\n"
			   "洪都街道,lv-hongdu,qingyunpu,\n");
	cr_assert_eq(ok->status, 303, "%.800s", ok->body);
	lw_resp *units = lw_get(c, "/admin/units");
	cr_assert(lw_has(units, "青云谱区／京山街道") && lw_has(units, "青云谱区／洪都街道"), "%s", units->body);
	cr_assert_eq(sql_int("SELECT count(*) FROM units u JOIN units p ON p.id = u.parent_id"
			     " WHERE u.code IN ('lv-jingshan', 'lv-hongdu') AND p.name = '青云谱区' AND u.kind = '街道'"), 2);
}

/* Each organiser its own week (issue 17, second half): 九江市, whose counties
 * have no records yet, publishes its week of the year as a copy of the
 * province's, adapts it within the province's deadline, and its counties then
 * work in it; 南昌市, whose units report in the province's 2022 week, is
 * refused that year; nobody but the week's organiser (or the top) edits it. */
Test(levels, a_middle_organiser_publishes_its_own_week)
{
	tree t = the_tree();
	long long pw = province_week(&t);
	long long year = sql_int(lw_printf("SELECT year FROM weeks WHERE id = %lld", pw));
	char *ptitle = lw_printf("%lld年江西省全民终身学习活动周", year);
	lw_client *c = as("m_jj_admin");
	lw_resp *list = lw_get(c, "/admin/weeks");
	lw_expect(list, 200, lw_printf("按上级的「%s」发布本级 %lld 年活动周", ptitle, year));
	cr_assert(!lw_has(list, "新建活动周"), "a middle organiser starts from its parent's week");

	lw_resp *made = lw_submit(c, "/admin/weeks/adopt", "year", lw_printf("%lld", year), NULL);
	cr_assert_eq(made->status, 303, "%.600s", made->body);
	long long nw = sql_int(lw_printf("SELECT id FROM weeks WHERE unit_id = %lld AND year = %lld", t.jiujiang, year));
	cr_assert_gt(nw, 0);
	cr_assert_eq(sql_int(lw_printf("SELECT parent_week_id FROM weeks WHERE id = %lld", nw)), pw);
	cr_assert_eq(sql_int(lw_printf("SELECT count(*) FROM week_form_rows a JOIN week_form_rows b ON b.week_id = %lld"
				       " AND b.position = a.position AND b.label = a.label AND b.key IS NOT DISTINCT FROM a.key WHERE a.week_id = %lld",
				       nw, pw)),
		     sql_int(lw_printf("SELECT count(*) FROM week_form_rows WHERE week_id = %lld", pw)), "the province's form rows");
	cr_assert_eq(sql_int(lw_printf("SELECT count(*) FROM week_choices WHERE week_id = %lld", nw)),
		     sql_int(lw_printf("SELECT count(*) FROM week_choices WHERE week_id = %lld", pw)), "the province's lists");
	lw_resp *edit = lw_get(c, lw_printf("/admin/weeks/%lld", nw));
	lw_expect(edit, 200, lw_printf("%lld年九江市全民终身学习活动周", year));
	lw_expect(lw_get(c, "/admin/weeks"), 200, lw_printf("%lld年九江市全民终身学习活动周", year));
	cr_assert(!lw_has(lw_get(c, "/admin/weeks"), lw_printf("发布本级 %lld 年活动周", year)), "this year's is published");
	/* a second copy of the same year, and a deadline after the province's: refused */
	lw_expect(lw_submit(c, "/admin/weeks/adopt", "year", lw_printf("%lld", year), NULL), 422,
		  lw_printf("九江市 %lld 年的活动周已经存在", year));
	lw_resp *bad = lw_submit(c, lw_printf("/admin/weeks/%lld", nw), "year", lw_printf("%lld", year), "title", "九江改过的标题",
				 "theme", "九江的主题", "starts_on", lw_printf("%lld-01-10", year), "ends_on",
				 lw_printf("%lld-01-16", year), "deadline", "2999-01-01T00:00", "notice", "", "extended_to", "", NULL);
	lw_expect(bad, 422, "应早于上级的截止时间");
	cr_assert_eq(sql_int(lw_printf("SELECT count(*) FROM weeks WHERE id = %lld AND title LIKE '%%九江改过%%'", nw)), 0,
		     "nothing saved");
	/* another organiser's week: not its to edit */
	lw_client *n = as("nanchang_admin");
	lw_expect(lw_get(n, lw_printf("/admin/weeks/%lld", nw)), 403, "这一届活动周由九江市组织");
	/* 南昌市 has this year's (the demo adopted it); its units already
	 * report in the province's 2022 week */
	lw_expect(lw_submit(n, "/admin/weeks/adopt", "year", lw_printf("%lld", year), NULL), 422,
		  lw_printf("南昌市 %lld 年的活动周已经存在", year));
	lw_expect(lw_submit(n, "/admin/weeks/adopt", "year", "2022", NULL), 422,
		  "南昌市下属单位已经在「2022年南昌市全民终身学习活动周」中填报");
	/* a leaf's account cannot publish a week */
	lw_expect(lw_submit(as("m_xunyang_admin"), "/admin/weeks/adopt", "year", lw_printf("%lld", year), NULL), 403, "没有权限使用此功能");
	/* 浔阳区 now works in 九江市's week; 东湖区 in 南昌市's (the demo's); the
	 * province's own list has only its weeks */
	lw_expect(lw_get(as("m_xunyang_admin"), "/admin"), 200, lw_printf("%lld年九江市全民终身学习活动周", year));
	lw_expect(lw_get(as("donghu_admin"), "/admin"), 200, lw_printf("%lld年南昌市全民终身学习活动周", year));
	/* a county of 九江市 cannot work in the province's week by naming it */
	lw_resp *acts = lw_get(as("m_xunyang_admin"), lw_printf("/units/%lld/activities?week=%lld", t.xunyang, pw));
	lw_expect(acts, 200, lw_printf("<option value=\"%lld\" selected>%lld 年</option>", nw, year));
	cr_assert(!lw_has(acts, lw_printf("<option value=\"%lld\">%lld 年</option>", pw, year)),
		  "the province's week is not among 浔阳区's");
	cr_assert(!lw_has(lw_get(as("centre_admin"), "/admin/weeks"), "九江市全民终身学习活动周"));

	/* 九江市 runs its week: the board of its own counties, its statistics and
	 * its compiled form; the province may look at it too */
	char *jtitle = lw_printf("%lld年九江市全民终身学习活动周", year);
	lw_resp *board = lw_get(c, "/admin/board");
	lw_expect(board, 200, jtitle);
	cr_assert(lw_has(board, "浔阳区") && lw_has(board, "武宁县"), "its counties");
	cr_assert(!lw_has(board, "东湖区"), "not 南昌市's");
	lw_expect(lw_get(c, "/admin/stats"), 200, jtitle);
	lw_resp *cf = lw_get(c, "/admin/city-form");
	lw_expect(cf, 200, "浔阳区");
	cr_assert(!lw_has(cf, "东湖区"), "the form compiles 九江市's children only");
	lw_expect(lw_get(c, lw_printf("/admin/board?week=%lld", pw)), 403, "这一届活动周由江西省组织");
	lw_expect(lw_get(as("centre_admin"), lw_printf("/admin/board?week=%lld", nw)), 200, "浔阳区");
	lw_expect(lw_get(n, lw_printf("/admin/stats?week=%lld", nw)), 403, "这一届活动周由九江市组织");
	lw_expect(lw_submit(n, "/admin/city-form/finalise", "week", lw_printf("%lld", nw), NULL), 403, "这一届活动周由九江市组织");
}

/* Drill-down at every depth (issue 17): the top reaches a city's week (its
 * board, statistics and compiled form) and, through it, a county's
 * activities; a city its own week and its counties; nobody a sibling's or an
 * ancestor's week. */
Test(levels, drill_down_at_every_depth)
{
	tree t = the_tree();
	long long cw = city_week(&t), pw = province_week(&t);
	cr_assert_gt(cw, 0, "南昌市 has its own week in the demo");
	cr_assert_neq(cw, pw);
	cell v[] = {
		{"centre_admin", "a city's week", "board", lw_printf(BOARD "?week=%lld", cw), 200, "东湖区"},
		{"centre_admin", "a city's week", "statistics", lw_printf("/admin/stats?week=%lld", cw), 200, "南昌市全民终身学习活动周"},
		{"centre_admin", "a city's week", "city form", lw_printf("/admin/city-form?week=%lld", cw), 200, "东湖区"},
		{"centre_admin", "a city's week", "reminders", lw_printf("/admin/board/reminders?week=%lld", cw), 200, "南昌市全民终身学习活动周"},
		{"centre_admin", "a county in a city's week", "activities",
		 lw_printf("/units/%lld/activities?week=%lld", t.donghu, cw), 200, "东湖区"},
		{"m_root_viewer", "a city's week", "board", lw_printf(BOARD "?week=%lld", cw), 200, "东湖区"},
		{"nanchang_admin", "own week", "board", lw_printf(BOARD "?week=%lld", cw), 200, "东湖区"},
		{"nanchang_admin", "a county in its week", "activities",
		 lw_printf("/units/%lld/activities?week=%lld", t.donghu, cw), 200, "东湖区"},
		{"nanchang_admin", "ancestor's week", "statistics", lw_printf("/admin/stats?week=%lld", pw), 403, ANCESTORS_WEEK},
		{"jiujiang_admin", "sibling's week", "board", lw_printf(BOARD "?week=%lld", cw), 403, NANCHANGS_WEEK},
		{"jiujiang_admin", "sibling's week", "city form", lw_printf("/admin/city-form?week=%lld", cw), 403, NANCHANGS_WEEK},
		{"m_mid_viewer", "ancestor's week", "city form", lw_printf("/admin/city-form?week=%lld", pw), 403, ANCESTORS_WEEK},
		{"donghu_admin", "its organiser's week", "board", lw_printf(BOARD "?week=%lld", cw), 403, ROLE("单位管理员")},
	};
	run_cells(v, (int)(sizeof v / sizeof *v));
	/* the province's board of its own week does not hold 南昌市's counties */
	cr_assert(!lw_has(lw_get(as("centre_admin"), lw_printf(BOARD "?week=%lld", pw)), "东湖区"));

	/* a third level: 安义县 gets a street and an organiser, and publishes
	 * its week below 南昌市's; the city and the province drill into it */
	long long anyi = unit_id("安义县"), year = sql_int(lw_printf("SELECT year FROM weeks WHERE id = %lld", cw));
	lw_client *n = as("nanchang_admin");
	char *code = lw_unique("lvs");
	lw_resp *street = lw_submit(n, "/admin/units", "name", lw_printf("%s街道", code), "kind", "街道", "code", code, "parent_id",
				    lw_printf("%lld", anyi), NULL);
	cr_assert_eq(street->status, 303, "%.600s", street->body);
	char *org = lw_unique("m_anyi");
	lw_resp *acct = lw_submit(n, "/admin/accounts", "username", org, "role", "centre_admin", "unit_id", lw_printf("%lld", anyi),
				  "password", PW, NULL);
	cr_assert_eq(acct->status, 303, "%.600s", acct->body);
	lw_client *a = as(org);
	cr_assert_eq(lw_submit(a, "/admin/weeks/adopt", "year", lw_printf("%lld", year), NULL)->status, 303);
	long long xw = sql_int(lw_printf("SELECT id FROM weeks WHERE unit_id = %lld AND year = %lld", anyi, year));
	cr_assert_eq(sql_int(lw_printf("SELECT parent_week_id FROM weeks WHERE id = %lld", xw)), cw);
	char *street_name = lw_printf("%s街道", code);
	lw_expect(lw_get(a, BOARD), 200, street_name);
	/* down from 南昌市's board by its row of 安义县, and back up */
	lw_expect(lw_get(n, BOARD), 200, lw_printf("<a href=\"/admin/board?week=%lld\">下级报送进度</a>", xw));
	lw_resp *down = lw_get(n, lw_printf(BOARD "?week=%lld", xw));
	lw_expect(down, 200, street_name);
	char *ctitle = sql(lw_printf("SELECT title FROM weeks WHERE id = %lld", cw));
	ctitle[strcspn(ctitle, "\n")] = 0;
	cr_assert(lw_has(down, lw_printf("<a href=\"/admin/board?week=%lld\">上一级：%s</a>", cw, ctitle)), "no way back up:\n%s",
		  lw_excerpt(down));
	cr_assert(!lw_has(lw_get(n, BOARD), "上一级："), "its own week has nothing above it to go to");
	lw_expect(lw_get(as("centre_admin"), lw_printf("/admin/stats?week=%lld", cw)), 200,
		  lw_printf("<a href=\"/admin/stats?week=%lld\">上一级：", pw));
	lw_expect(lw_get(n, lw_printf("/admin/stats?week=%lld", xw)), 200, "安义县");
	lw_expect(lw_get(as("centre_admin"), lw_printf(BOARD "?week=%lld", xw)), 200, street_name);
	lw_expect(lw_get(as("m_root_viewer"), lw_printf("/admin/city-form?week=%lld", xw)), 200, "安义县");
	lw_expect(lw_get(as("jiujiang_admin"), lw_printf(BOARD "?week=%lld", xw)), 403, "这一届活动周由安义县组织");
	lw_expect(lw_get(a, lw_printf(BOARD "?week=%lld", cw)), 403, NANCHANGS_WEEK);
	lw_expect(lw_get(a, lw_printf(BOARD "?week=%lld", pw)), 403, ANCESTORS_WEEK);
	/* looking is not writing: 安义县's form and settings are its own */
	lw_expect(lw_get(n, lw_printf("/admin/city-form/edit?week=%lld", xw)), 403, "它的设置和总结表只有安义县的账号可以修改、定稿和报送");
	lw_expect(lw_get(a, lw_printf("/admin/city-form/edit?week=%lld", xw)), 200, "安义县");
}

/* Only a week's own organiser changes its compiled form and its settings
 * (RF_OWN_FORM): root, middle and leaf against their own week, the week of
 * their subtree, a sibling's and an ancestor's, for GET and POST, before
 * anything is written. */
Test(levels, own_form_matrix)
{
	tree t = the_tree();
	long long cw = city_week(&t), pw = province_week(&t);
#define FORM_EDIT(wk) lw_printf("/admin/city-form/edit?week=%lld", (wk))
#define FIELD_EDIT(wk) lw_printf("/admin/city-form/field?week=%lld&field=acts", (wk))
	cell v[] = {
		{"centre_admin", "own week", "edit the compiled form", FORM_EDIT(pw), 200, "江西省"},
		{"centre_admin", "own week", "week settings", lw_printf("/admin/weeks/%lld", pw), 200, "保存"},
		{"centre_admin", "subtree's week", "edit the compiled form", FORM_EDIT(cw), 403, NANCHANGS_FORM},
		{"centre_admin", "subtree's week", "override a field", FIELD_EDIT(cw), 403, NANCHANGS_FORM},
		{"centre_admin", "subtree's week", "view the compiled form", lw_printf("/admin/city-form?week=%lld", cw), 200, "南昌市"},
		{"centre_admin", "subtree's week", "view the week settings", lw_printf("/admin/weeks/%lld", cw), 200,
		 "这一届活动周由南昌市组织，只能查看，不能在这里修改。"},
		{"nanchang_admin", "own week", "edit the compiled form", FORM_EDIT(cw), 200, "南昌市"},
		{"nanchang_admin", "own week", "week settings", lw_printf("/admin/weeks/%lld", cw), 200, "保存"},
		{"nanchang_admin", "ancestor's week", "edit the compiled form", FORM_EDIT(pw), 403, PROVINCES_FORM},
		{"nanchang_admin", "ancestor's week", "week settings", lw_printf("/admin/weeks/%lld", pw), 403, ANCESTORS_WEEK},
		{"jiujiang_admin", "sibling's week", "edit the compiled form", FORM_EDIT(cw), 403, NANCHANGS_WEEK},
		{"jiujiang_admin", "sibling's week", "week settings", lw_printf("/admin/weeks/%lld", cw), 403, NANCHANGS_WEEK},
		{"m_mid_viewer", "own week", "edit the compiled form", FORM_EDIT(cw), 403, ROLE("中心查看员")},
		{"donghu_admin", "its organiser's week", "edit the compiled form", FORM_EDIT(cw), 403, ROLE("单位管理员")},
		{"donghu_admin", "its organiser's week", "week settings", lw_printf("/admin/weeks/%lld", cw), 403, ROLE("单位管理员")},
	};
	run_cells(v, (int)(sizeof v / sizeof *v));
	lw_resp *view = lw_get(as("centre_admin"), lw_printf("/admin/weeks/%lld", cw));
	cr_assert(lw_has(view, "<fieldset disabled>") && !lw_has(view, ">保存</button>"), "the province views 南昌市's week only");

	/* the POSTs: refused by the router, nothing written */
	char *title = sql(lw_printf("SELECT title FROM weeks WHERE id = %lld", cw));
	/* 南昌市's compiled form: its report in the province's week */
	char *form = lw_printf("SELECT count(*) || '|' || coalesce(sum(revision), 0) FROM reports WHERE unit_id = %lld AND week_id = %lld",
			       t.nanchang, pw);
	char *before = sql(form);
	long long frozen = sql_int("SELECT count(*) FROM finals"), sent = sql_int("SELECT count(*) FROM submissions");
	lw_client *top = as("centre_admin"), *sib = as("jiujiang_admin");
	lw_expect(lw_submit(top, "/admin/city-form/finalise", "week", lw_printf("%lld", cw), NULL), 403, NANCHANGS_FORM);
	lw_expect(lw_submit(top, "/admin/city-form/submit", "week", lw_printf("%lld", cw), NULL), 403, NANCHANGS_FORM);
	lw_expect(lw_submit(top, "/admin/city-form", "week", lw_printf("%lld", cw), "effect", "省里改的", NULL), 403, NANCHANGS_FORM);
	lw_expect(lw_submit(top, "/admin/city-form/field", "week", lw_printf("%lld", cw), "field", "acts", "value", "1", "reason",
			    "省里改的", NULL),
		  403, NANCHANGS_FORM);
	lw_expect(lw_submit(top, lw_printf("/admin/weeks/%lld", cw), "year", "2026", "title", "省里改的标题", NULL), 403, NANCHANGS_FORM);
	lw_expect(lw_submit(sib, "/admin/city-form/finalise", "week", lw_printf("%lld", cw), NULL), 403, NANCHANGS_WEEK);
	lw_expect(lw_submit(as("nanchang_admin"), "/admin/city-form/finalise", "week", lw_printf("%lld", pw), NULL), 403, PROVINCES_FORM);
	cr_assert_str_eq(sql(lw_printf("SELECT title FROM weeks WHERE id = %lld", cw)), title);
	cr_assert_str_eq(sql(form), before, "南昌市's compiled form unchanged");
	cr_assert_eq(sql_int("SELECT count(*) FROM finals"), frozen);
	cr_assert_eq(sql_int("SELECT count(*) FROM submissions"), sent);
#undef FORM_EDIT
#undef FIELD_EDIT
}
