/* test_board.c: the centre's status board: every status (a unit that never
 * started, 填报中, 已提交, 已退回, 已通过) and 逾期 (a week past its deadline:
 * nothing submitted, or submitted late), the figures against the summary
 * form's, what is missing against the unit's own checklist, filters, sorting,
 * totals, the reminders, bad parameters and who may see it. */
#include "test_review.h"

LW_SERVER("", NULL)

/* GET /admin/board for the fixture's week; query: "" or "&status=..." */
static lw_resp *board(lw_client *c, long long week, const char *query)
{
	lw_resp *r = lw_get(c, lw_printf("/admin/board?week=%lld%s", week, query));
	cr_assert_eq(r->status, 200, "board%s: %ld\n%s", query, r->status, lw_excerpt(r));
	return r;
}

/* The unit's row of the board page, or NULL when it is not shown. */
static char *board_row(const lw_resp *page, long long unit)
{
	const char *p = strstr(page->body, lw_printf("<tr id=\"unit-%lld\"", unit));
	if (!p)
		return NULL;
	const char *e = strstr(p, "</tr>");
	cr_assert(e);
	return lw_printf("%.*s", (int)(e - p), p);
}

static bool before(const char *page, long long unit_a, long long unit_b)
{
	const char *a = strstr(page, lw_printf("<tr id=\"unit-%lld\"", unit_a));
	const char *b = strstr(page, lw_printf("<tr id=\"unit-%lld\"", unit_b));
	cr_assert(a && b, "both units on the page");
	return a < b;
}

Test(board, every_status_of_a_week_before_its_deadline)
{
	fx never = fixture(2099), drafting = fixture(2099), sent = fixture(2099), back = fixture(2099), done = fixture(2099);
	lw_expect(lw_submit(drafting.admin, lw_printf("/units/%lld/report/plan", drafting.unit), "week",
			    lw_printf("%lld", drafting.week), "plan_issuer", "区教育体育局", NULL), 303, "");
	ready(&sent);
	long long v_sent = submit_ok(&sent);
	ready(&back);
	long long v_back = submit_ok(&back);
	lw_expect(return_with(back.centre, v_back, "effect", "请写活动成效"), 303, "");
	ready(&done);
	long long v_done = submit_ok(&done);
	lw_expect(accept_version(done.centre, v_done), 303, "");
	/* the centre opening a unit's pages makes its report row: still not started */
	lw_expect(lw_get(never.centre, at(&never, "report")), 200, "总结表");

	lw_resp *page = board(never.centre, never.week, "");
	cr_assert(lw_has(page, "还剩"), "the countdown: %s", lw_excerpt(page));
	struct {
		const fx *f;
		const char *badge;
	} want[] = {
		{&never, "<span class=\"badge state-not_started\">未开始</span>"},
		{&drafting, "<span class=\"badge state-draft\">填报中</span>"},
		{&sent, "<span class=\"badge state-submitted\">已提交</span>"},
		{&back, "<span class=\"badge state-returned\">已退回</span>"},
		{&done, "<span class=\"badge state-accepted\">已通过</span>"},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		char *row = board_row(page, want[i].f->unit);
		cr_assert(row, "unit %s on the board", want[i].f->name);
		cr_assert(strstr(row, want[i].badge), "%s: %s", want[i].f->name, row);
		cr_assert(!strstr(row, "逾期"), "not late before the deadline: %s", row);
		cr_assert(strstr(row, lw_html_escape(want[i].f->name)), "%s", row);
	}
	char *row = board_row(page, never.unit);
	cr_assert(strstr(row, "必交 3 项：</strong>工作总结、典型活动案例、盖章扫描件") && strstr(row, "未提交"), "%s", row);
	cr_assert(strstr(board_row(page, drafting.unit), "必交 3 项"));
	row = board_row(page, sent.unit);
	cr_assert(strstr(row, "第 1 版") && strstr(row, lw_printf("<a href=\"/admin/submissions/%lld\">审核</a>", v_sent)), "%s", row);
	cr_assert(strstr(board_row(page, done.unit), lw_printf("<a href=\"/admin/submissions/%lld\">查看</a>", v_done)));
	/* returned: the unit has things to do again (the comment's field is filled, the files are there) */
	cr_assert(strstr(board_row(page, back.unit), "第 1 版"));

	/* filters */
	lw_resp *ret = board(never.centre, never.week, "&status=returned");
	cr_assert(board_row(ret, back.unit) && !board_row(ret, sent.unit) && !board_row(ret, never.unit), "%s", lw_excerpt(ret));
	cr_assert(lw_has(ret, "<a class=\"button on\""), "the filter shows as chosen");
	lw_resp *pending = board(never.centre, never.week, "&status=pending");
	cr_assert(board_row(pending, never.unit) && board_row(pending, drafting.unit) && board_row(pending, back.unit) &&
		  !board_row(pending, sent.unit) && !board_row(pending, done.unit), "%s", lw_excerpt(pending));
	lw_resp *fresh = board(never.centre, never.week, "&status=not_started");
	cr_assert(board_row(fresh, never.unit) && !board_row(fresh, drafting.unit));
	cr_assert(!board_row(board(never.centre, never.week, "&status=overdue"), never.unit), "nothing is late yet");

	/* sorting by status, both ways; by unit in display order */
	lw_resp *asc = board(never.centre, never.week, "&sort=status&dir=asc");
	cr_assert(before(asc->body, never.unit, drafting.unit) && before(asc->body, drafting.unit, sent.unit) &&
		  before(asc->body, sent.unit, back.unit) && before(asc->body, back.unit, done.unit), "%s", lw_excerpt(asc));
	cr_assert(lw_has(asc, "aria-sort=\"ascending\""));
	lw_resp *desc = board(never.centre, never.week, "&sort=status&dir=desc");
	cr_assert(before(desc->body, done.unit, never.unit) && lw_has(desc, "aria-sort=\"descending\""));
	lw_resp *sub = board(never.centre, never.week, "&sort=submitted&dir=desc&status=pending");
	cr_assert(board_row(sub, back.unit) && !board_row(sub, sent.unit), "sorting keeps the filter");
	cr_assert(lw_has(sub, "status=pending&amp;sort=unit&amp;dir=asc"), "the column links keep the filter: %s", lw_excerpt(sub));
}

Test(board, a_week_past_its_deadline_marks_the_late)
{
	/* 2021's week is made by the fixture with its deadline on 2021-12-09 */
	fx never = fixture(2021), late = fixture(2021), drafting = fixture(2021);
	ready(&late);
	submit_ok(&late);
	lw_expect(save_field(&drafting, "effect", "写了一半", ""), 303, "");

	lw_resp *page = board(never.centre, never.week, "");
	cr_assert(lw_has(page, "已超过截止时间"), "%s", lw_excerpt(page));
	char *row = board_row(page, never.unit);
	cr_assert(strstr(row, "未开始") && strstr(row, "<span class=\"badge late\">逾期</span>"), "never started, past the deadline: %s", row);
	row = board_row(page, late.unit);
	cr_assert(strstr(row, "已提交") && strstr(row, "<span class=\"badge late\">逾期</span>"), "submitted late: %s", row);
	row = board_row(page, drafting.unit);
	cr_assert(strstr(row, "填报中") && strstr(row, "逾期"), "%s", row);

	lw_resp *overdue = board(never.centre, never.week, "&status=overdue");
	cr_assert(board_row(overdue, never.unit) && board_row(overdue, late.unit) && board_row(overdue, drafting.unit));
	/* the same units are on time in another week */
	fx ahead = fixture(2099);
	cr_assert(!strstr(board_row(board(ahead.centre, ahead.week, ""), never.unit), "逾期"));
}

static long long number_in(const char *row, int column)
{
	const char *p = row;
	for (int i = 0; i <= column; i++) {
		p = strstr(p, "<td class=\"num\">");
		cr_assert(p, "column %d in %s", column, row);
		p += strlen("<td class=\"num\">");
	}
	return strtoll(p, NULL, 10);
}

/* The board counts as the summary form does: published activities only,
 * check-ins plus the staff's tally where there are any, else the reported number. */
Test(board, figures_agree_with_the_summary_form)
{
	fx f = fixture(live_year());
	activity(&f, "只有主办方报告人数", true, "40");
	long long counted = activity(&f, "有签到和现场清点", true, "100");
	activity(&f, "草稿不计", false, "500");
	activity(&f, "没有任何人数", true, "");
	lw_expect(lw_submit(f.admin, lw_printf("/activities/%lld/counts", counted), "staff_count", "7", "reported", "100", NULL), 303, "");
	lw_resp *qr = lw_get(f.admin, lw_printf("/activities/%lld/checkin-code", counted));
	const char *k = strstr(qr->body, "/checkin?k=");
	cr_assert(k, "%s", lw_excerpt(qr));
	char code[65];
	cr_assert_eq(sscanf(k + strlen("/checkin?k="), "%64[0-9a-f]", code), 1);
	lw_resp *first = lw_submit(lw_client_new(), lw_printf("/a/%lld/checkin", counted), "k", code, "name", "张三", "last4", "", NULL);
	lw_expect(first, 200, "签到成功");
	lw_expect(lw_submit(lw_client_new(), lw_printf("/a/%lld/checkin", counted), "k", code, "name", "李四", "last4", "", NULL), 200, "签到成功");
	lw_client *resident = lw_client_new();
	lw_resp *third = lw_submit(resident, lw_printf("/a/%lld/checkin", counted), "k", code, "name", "王五", "last4", "", NULL);
	lw_expect(lw_submit(resident, lw_printf("/a/%lld/rating", counted), "t", lw_field(third->body, "t"), "score", "satisfied", NULL),
		  200, "谢谢");

	/* 40 + (3 check-ins + 7 counted) + 0 */
	lw_resp *form = lw_get(f.admin, at(&f, "report"));
	lw_expect(form, 200, "50 人次");
	cr_assert(lw_has(form, "3 场："), "%s", lw_excerpt(form));
	char *row = board_row(board(f.centre, f.week, ""), f.unit);
	cr_assert_eq(number_in(row, 0), 3, "published activities: %s", row);
	cr_assert_eq(number_in(row, 1), 50, "participants: %s", row);
	cr_assert_eq(number_in(row, 2), 1, "ratings: %s", row);
	cr_assert(!strstr(row, "<span class=\"muted\">—</span></td><td>"), "a last change: %s", row);

	/* the totals row adds up the rows shown */
	lw_resp *all = board(f.centre, f.week, "");
	long long sum[3] = {0};
	for (const char *p = strstr(all->body, "<tbody>"); (p = strstr(p, "<tr id=\"unit-")); p++) {
		const char *e = strstr(p, "</tr>");
		char *r = lw_printf("%.*s", (int)(e - p), p);
		for (int c = 0; c < 3; c++)
			sum[c] += number_in(r, c);
	}
	const char *foot = strstr(all->body, "<tfoot>");
	cr_assert(foot);
	for (int c = 0; c < 3; c++)
		cr_assert_eq(number_in(foot, c), sum[c], "total of column %d", c);
}

/* The labels of the unit's checklist items not done, as its page lists them. */
static char *open_items(const char *html, const char *start, const char *item, const char *end)
{
	const char *p = strstr(html, start);
	cr_assert(p, "no %s", start);
	const char *stop = strstr(p, end);
	char *out = lw_printf("%s", "");
	while ((p = strstr(p, item)) && p < stop) {
		p += strlen(item);
		const char *e = strstr(p, "</strong>");
		out = lw_printf("%s%.*s|", out, (int)(e - p), p);
	}
	return out;
}

Test(board, missing_is_what_the_units_checklist_says)
{
	fx f = fixture(live_year());
	for (int step = 0; step < 3; step++) {
		if (step == 1) {
			activity(&f, "一场已发布的活动", true, "12");
			lw_expect(save_field(&f, "effect", "成效", ""), 303, "");
			lw_expect(lw_submit(f.admin, lw_printf("/units/%lld/report/plan", f.unit), "week", lw_printf("%lld", f.week),
					    "ceremony_leaders", "张区长", NULL), 303, "");
		}
		if (step == 2) {
			ready(&f);
			finalise_and_scan(&f);
		}
		lw_resp *mine = lw_get(f.admin, at(&f, "submission"));
		char *unit_says = open_items(mine->body, "<ul class=\"checklist\">", "<li class=\"missing\"><span class=\"mark\" aria-hidden=\"true\">✗</span> <strong>", "</ul>");
		char *row = board_row(board(f.centre, f.week, ""), f.unit);
		char *board_says = strstr(row, "<details") ? open_items(row, "<details", "<li><strong>", "</details>") : lw_printf("%s", "");
		cr_assert_str_eq(board_says, unit_says, "step %d: board %s, checklist %s", step, board_says, unit_says);
	}
	cr_assert(strstr(board_row(board(f.centre, f.week, ""), f.unit), "必交材料已齐"));
}

Test(board, reminders_for_units_that_have_not_submitted)
{
	fx f = fixture(2099), g = fixture(2099), sent = fixture(2099);
	ready(&g);
	finalise_and_scan(&g);
	ready(&sent);
	submit_ok(&sent);
	lw_resp *r = lw_get(f.centre, lw_printf("/admin/board/reminders?week=%lld", f.week));
	lw_expect(r, 200, "未提交的单位");
	const char *box = strstr(r->body, lw_printf("<textarea id=\"reminder-%lld\"", f.unit));
	cr_assert(box, "%s", lw_excerpt(r));
	char *text = lw_printf("%.*s", (int)(strstr(box, "</textarea>") - box), box);
	cr_assert(strstr(text, lw_html_escape(f.name)) && strstr(text, "还剩") &&
		  strstr(text, "尚缺必交材料（缺少不能提交）：工作总结、典型活动案例、盖章扫描件") &&
		  strstr(text, lw_printf("/units/%lld/submission?week=%lld", f.unit, f.week)), "%s", text);
	box = strstr(r->body, lw_printf("<textarea id=\"reminder-%lld\"", g.unit));
	cr_assert(box && strstr(box, "还需补充") && !strstr(lw_printf("%.*s", (int)(strstr(box, "</textarea>") - box), box), "必交材料"),
		  "g has every required file");
	cr_assert(!lw_has(r, lw_printf("id=\"reminder-%lld\"", sent.unit)), "a submitted unit gets no reminder");
	cr_assert(lw_has(r, "data-copy=\"reminder-all\" hidden"), "the copy button waits for the script");
	cr_assert(lw_has(r, "/static/board.js"));
	lw_resp *js = lw_get(f.centre, "/static/board.js");
	lw_expect(js, 200, "clipboard");

	/* a past deadline says so */
	fx old = fixture(2021);
	lw_resp *late = lw_get(old.centre, lw_printf("/admin/board/reminders?week=%lld", old.week));
	box = strstr(late->body, lw_printf("<textarea id=\"reminder-%lld\"", old.unit));
	cr_assert(box && strstr(box, "已超过截止时间") && strstr(box, "请尽快提交"), "%s", lw_excerpt(late));
}

Test(board, names_are_escaped)
{
	fx f = fixture(2099);
	const char *evil = lw_unique("<b>区&\"");
	lw_expect(lw_submit(f.centre, lw_printf("/admin/units/%lld", f.unit), "name", evil, "kind", "区", "code", lw_unique("e"),
			    "sort_order", "90", NULL), 303, "");
	lw_resp *page = board(f.centre, f.week, "");
	cr_assert(lw_has(page, lw_html_escape(evil)) && !lw_has(page, evil), "%s", lw_excerpt(page));
	lw_resp *r = lw_get(f.centre, lw_printf("/admin/board/reminders?week=%lld", f.week));
	cr_assert(lw_has(r, lw_html_escape(evil)) && !lw_has(r, evil));
}

Test(board, bad_parameters_are_refused_in_chinese)
{
	fx f = fixture(2099);
	lw_expect(lw_get(f.centre, lw_printf("/admin/board?week=%lld&sort=colour", f.week)), 400, "不认识的排序方式");
	lw_expect(lw_get(f.centre, lw_printf("/admin/board?week=%lld&sort=unit&dir=up", f.week)), 400, "不认识的排序方式");
	lw_expect(lw_get(f.centre, lw_printf("/admin/board?week=%lld&status=lost", f.week)), 400, "「状态」只能是");
	lw_expect(lw_get(f.centre, "/admin/board?week=999999"), 404, "找不到这届活动周");
	lw_expect(lw_get(f.centre, "/admin/board?week=abc"), 400, "活动周");
	lw_expect(lw_get(f.centre, "/admin/board/reminders?week=999999"), 404, "找不到这届活动周");
	lw_expect(lw_get(f.centre, "/admin/board?colour=red"), 400, "不认识的参数");
	/* no week given: the current one */
	lw_expect(lw_get(f.centre, "/admin/board"), 200, "报送进度");
}

Test(board, only_the_centre_sees_it)
{
	fx f = fixture(2099);
	lw_expect(lw_get(f.admin, "/admin/board"), 403, "没有权限");
	lw_expect(lw_get(f.admin, "/admin/board/reminders"), 403, "没有权限");
	lw_client *editor = lw_signed_in("be", "unit_editor", f.name, PW, NULL);
	lw_expect(lw_get(editor, "/admin/board"), 403, "没有权限");
	lw_client *viewer = lw_signed_in("bv", "centre_viewer", NULL, PW, NULL);
	lw_expect(lw_get(viewer, lw_printf("/admin/board?week=%lld", f.week)), 200, "报送进度");
	lw_expect(lw_get(viewer, lw_printf("/admin/board/reminders?week=%lld", f.week)), 200, "未提交的单位");
	lw_resp *anon = lw_get(lw_client_new(), "/admin/board");
	cr_assert(anon->status == 303 && !strncmp(lw_header(anon, "Location"), "/login?next=", 12));
	/* the centre finds it in the menu and on the dashboard */
	lw_resp *dash = lw_get(viewer, "/admin");
	cr_assert(lw_has(dash, "<a href=\"/admin/board\">报送进度</a>") && lw_has(dash, "/admin/board/reminders"), "%s", lw_excerpt(dash));
	cr_assert(!lw_has(lw_get(f.admin, "/admin"), "/admin/board"), "not in a unit's menu");
}
