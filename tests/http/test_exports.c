/* test_exports.c: the centre's exports as background jobs. The city workbook
 * is downloaded and read back (libzip, and the sheets' XML: xlsx_read.h): its
 * sheets, frozen headers, widths, one row per activity with the numbers the
 * records hold, formulas written as text; the ZIP holds each unit's package
 * and a list; the progress page reloads itself while a job runs; one export
 * of a kind per week at a time; unit accounts are refused. */
#include "test_stats.h"
#include "xlsx_read.h"

LW_SERVER("", add_accounts)

Test(exports, the_workbook_reads_back)
{
	long long week = week_of(2091);
	lw_client *dh = as("donghu_admin");
	long long donghu = unit_id("东湖区");
	const char *evil = "=HYPERLINK(\"http://evil.example/\",\"点我\")";
	long long a1 = add_activity(dh, donghu, week, (act_spec){evil, "offline", "1", "6", "老年人群", "讲座", NULL, true, true});
	walk_in(dh, a1, "satisfied");
	walk_in(dh, a1, "unsatisfied");
	long long a2 = add_activity(dh, donghu, week, (act_spec){"+1 为什么不是公式", "online", "2", NULL, NULL, NULL, "30", false, true});
	long long a3 = add_activity(dh, donghu, week, (act_spec){lw_unique("草稿"), "both", "3", NULL, NULL, NULL, NULL, false, false});
	add_publicity(dh, donghu, week, "报刊", "text", "@SUM(1+1)");
	submit_report(dh, donghu, week);
	/* a late record after the submission: in the 活动 sheet, in no form's figure */
	long long late = add_activity(dh, donghu, week, (act_spec){lw_unique("补录"), "offline", "4", NULL, NULL, NULL, "7", false, true});
	lw_client *centre = as(CENTRE);
	long long job = start(centre, "city_xlsx", week);
	lw_resp *file = finished(centre, job);
	const char *cd = lw_header(file, "Content-Disposition");
	cr_assert(cd && strstr(cd, "filename*=UTF-8''") && strstr(cd, ".xlsx"), "a named download: %s", cd ? cd : "(none)");
	cr_assert(strstr(lw_header(file, "Content-Type"), "spreadsheetml"));
	zip_t *z = open_zip(file);
	const char *book = entry(z, "xl/workbook.xml", NULL);
	cr_assert(book, "xl/workbook.xml");
	const char *names[] = {"各单位总结表", "活动", "评价", "宣传报道"};
	for (int i = 0; i < 4; i++)
		cr_assert(strstr(book, lw_printf("<sheet name=\"%s\" sheetId=\"%d\"", names[i], i + 1)), "sheet %s", names[i]);
	const char *sheets[4];
	for (int i = 0; i < 4; i++) {
		sheets[i] = entry(z, lw_printf("xl/worksheets/sheet%d.xml", i + 1), NULL);
		cr_assert(sheets[i]);
		cr_assert(strstr(sheets[i], "ySplit=\"1\"") && strstr(sheets[i], "state=\"frozen\""), "sheet %s: header frozen", names[i]);
		cr_assert(strstr(sheets[i], "<cols><col ") && strstr(sheets[i], "customWidth=\"1\""), "sheet %s: widths set", names[i]);
		cr_assert(!strstr(sheets[i], "<f>"), "sheet %s: no formula anywhere", names[i]);
	}
	/* 活动: every activity of the week, one row each, after the header */
	const char *acts = sheets[1];
	cr_assert_eq(rows_in(acts), 1 + sql_int(lw_printf("SELECT count(*) FROM activities WHERE week_id = %lld", week)));
	long long r1 = row_of_id(acts, a1);
	cr_assert_gt(r1, 1, "activity %lld has a row", a1);
	bool text;
	char *title = cell(acts, lw_printf("C%lld", r1), &text);
	cr_assert(text, "a title is a string");
	cr_assert_str_eq(title, lw_printf("'%s", evil), "a title starting with = is text, not a formula");
	cr_assert_str_eq(cell(acts, lw_printf("B%lld", r1), NULL), "东湖区");
	cr_assert_str_eq(cell(acts, lw_printf("L%lld", r1), NULL), "学习宣传贯彻二十大精神、智慧助老");
	cr_assert_str_eq(cell(acts, lw_printf("P%lld", r1), NULL), "是");
	cr_assert_str_eq(cell(acts, lw_printf("Q%lld", r1), NULL), "已发布");
	cr_assert_eq(atoll(cell(acts, lw_printf("R%lld", r1), &text)), 2, "checked in");
	cr_assert(!text, "numbers are numbers");
	cr_assert_eq(atoll(cell(acts, lw_printf("U%lld", r1), NULL)), 2, "counted for the form");
	cr_assert_eq(atoll(cell(acts, lw_printf("V%lld", r1), NULL)), 2, "ratings");
	cr_assert_eq(atoll(cell(acts, lw_printf("W%lld", r1), NULL)), 1, "satisfied");
	double start = atof(cell(acts, lw_printf("G%lld", r1), NULL));
	cr_assert(start > 40000 && start < 80000, "the start is an Excel date: %f", start);
	long long r2 = row_of_id(acts, a2);
	cr_assert_str_eq(cell(acts, lw_printf("C%lld", r2), NULL), "'+1 为什么不是公式");
	cr_assert_eq(atoll(cell(acts, lw_printf("T%lld", r2), NULL)), 30, "reported");
	cr_assert_str_eq(cell(acts, lw_printf("Q%lld", row_of_id(acts, a3)), NULL), "草稿", "drafts are listed, marked");
	/* 评价: per activity */
	long long rr = row_of_id(sheets[2], a1);
	cr_assert_gt(rr, 1);
	cr_assert_eq(atoll(cell(sheets[2], lw_printf("D%lld", rr), NULL)), 1);
	cr_assert_eq(atoll(cell(sheets[2], lw_printf("F%lld", rr), NULL)), 1);
	cr_assert_eq(atoll(cell(sheets[2], lw_printf("G%lld", rr), NULL)), 2);
	cr_assert_eq(atof(cell(sheets[2], lw_printf("H%lld", rr), NULL)), 0.5);
	/* 宣传报道 */
	cr_assert(strstr(sheets[3], "<t>'@SUM(1+1)</t>"), "a publicity title starting with @ is text");
	/* 各单位总结表: a row per unit, every field, the status; the city's row last */
	const char *units = sheets[0];
	cr_assert_str_eq(cell(units, "A1", NULL), "单位");
	cr_assert_str_eq(cell(units, "F1", NULL), "举办县区");
	cr_assert_str_eq(cell(units, "Y1", NULL), "其他");
	cr_assert_str_eq(cell(units, "A2", NULL), "东湖区");
	cr_assert_str_eq(cell(units, "B2", NULL), "已提交，待审核");
	cr_assert_eq(atoll(cell(units, "C2", NULL)), 1, "version 1");
	cr_assert(!strncmp(cell(units, "L2", NULL), "2 场：线上 1，线下 1", strlen("2 场：线上 1，线下 1")), "东湖区's submitted count: %s",
		  cell(units, "L2", NULL));
	cr_assert_str_eq(cell(units, "A3", NULL), "西湖区");
	cr_assert_str_eq(cell(units, "B3", NULL), "未开始（未报送，不计入全市汇总）", "a unit with nothing has not started");
	int n = rows_in(units);
	cr_assert_str_eq(cell(units, lw_printf("B%d", n), NULL), "全市汇总");
	cr_assert_str_eq(cell(units, lw_printf("A%d", n), NULL), "南昌市");
	/* the city's row is the sum of the rows counted: 东湖区's submitted version only, not its late record */
	cr_assert(!strncmp(cell(units, lw_printf("L%d", n), NULL), "2 场：线上 1，线下 1", strlen("2 场：线上 1，线下 1")), "全市汇总: %s",
		  cell(units, lw_printf("L%d", n), NULL));
	cr_assert_gt(row_of_id(acts, late), 1, "the late record is in the 活动 sheet");
	zip_close(z);
	/* the export made no report rows for units that never opened their form */
	cr_assert_eq(sql_int(lw_printf("SELECT count(*) FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.week_id = %lld AND u.name = '西湖区'",
				       week)), 0);
}

Test(exports, progress_page_and_one_export_of_a_kind_at_a_time)
{
	long long week = week_of(2092);
	/* a job the worker never takes, as if it were half way */
	sql(lw_printf("INSERT INTO jobs(kind, week_id, status, done, total, step, created_at, started_at)"
		      " VALUES ('city_xlsx', %lld, 'running', 3, 10, '活动', unixepoch(), unixepoch())", week));
	long long id = sql_int(lw_printf("SELECT id FROM jobs WHERE week_id = %lld AND status = 'running'", week));
	lw_client *viewer = as(VIEWER);
	lw_resp *p = lw_get(viewer, lw_printf("/admin/exports/%lld", id));
	lw_expect(p, 200, "正在导出");
	cr_assert(lw_has(p, "<meta http-equiv=\"refresh\" content=\"2\">"), "the page reloads itself");
	cr_assert(lw_has(p, "<progress id=\"job-progress\" value=\"3\" max=\"10\">30%</progress>"), "%s", lw_excerpt(p));
	cr_assert(lw_has(p, "（活动）"), "what it is doing");
	lw_expect(lw_get(viewer, lw_printf("/admin/exports/%lld/file", id)), 409, "还没有完成");
	/* a second request is shown the first */
	lw_resp *again = lw_submit(viewer, "/admin/exports", "week", lw_printf("%lld", week), "kind", "city_xlsx", NULL);
	cr_assert_eq(again->status, 303);
	cr_assert_str_eq(lw_header(again, "Location"), lw_printf("/admin/exports/%lld", id));
	cr_assert_eq(sql_int(lw_printf("SELECT count(*) FROM jobs WHERE week_id = %lld", week)), 1);
	/* another kind may run beside it */
	long long zip = start(viewer, "city_zip", week);
	cr_assert_neq(zip, id);
	finished(viewer, zip);
	lw_resp *list = lw_get(viewer, lw_printf("/admin/exports?week=%lld", week));
	lw_expect(list, 200, "最近的导出");
	cr_assert(lw_has(list, "正在导出 30%") && lw_has(list, lw_printf("/admin/exports/%lld/file", zip)));
	/* nonsense is refused */
	lw_expect(lw_submit(viewer, "/admin/exports", "week", lw_printf("%lld", week), "kind", "everything", NULL), 400, "请从导出页面");
	lw_expect(lw_submit(viewer, "/admin/exports", "week", "999999", "kind", "city_xlsx", NULL), 404, "找不到这届活动周");
	lw_expect(lw_get(viewer, "/admin/exports/999999"), 404, "找不到这次导出");
}

Test(exports, the_zip_holds_each_units_package)
{
	/* 2022 is accepted history; in the live week 进贤县 is still filling in */
	long long week = live_week(), unit = unit_id("进贤县");
	lw_client *jx = as("jinxian_admin");
	submit_report(jx, unit, week);
	lw_client *centre = as(CENTRE);
	lw_resp *file = finished(centre, start(centre, "city_zip", week));
	cr_assert(strstr(lw_header(file, "Content-Type"), "application/zip"));
	zip_t *z = open_zip(file);
	char *list = entry(z, "清单.txt", NULL);
	cr_assert(list, "清单.txt");
	cr_assert(strstr(list, "进贤县：第 1 版") && strstr(list, "新建区：未提交"), "the list:\n%s", list);
	size_t len;
	char *inner = entry(z, "进贤县-报送材料-第1版.zip", &len);
	cr_assert(inner, "进贤县's package is in the ZIP");
	zip_error_t ze;
	zip_t *pkg = zip_open_from_source(zip_source_buffer_create(inner, len, 0, &ze), ZIP_RDONLY, &ze);
	cr_assert(pkg, "the package is a ZIP itself");
	cr_assert(entry(pkg, "manifest.txt", NULL) && entry(pkg, "进贤县-总结表.pdf", NULL) && entry(pkg, "进贤县-工作总结.pdf", NULL));
	zip_close(pkg);
	/* only the units that submitted have a package */
	for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_UTF_8);
		cr_assert(!strcmp(name, "清单.txt") || strstr(name, "-报送材料-第"), "unexpected entry %s", name);
	}
	zip_close(z);
}

Test(exports, unit_accounts_are_refused)
{
	long long week = week_of(2093);
	lw_client *viewer = as(VIEWER);
	long long id = start(viewer, "city_xlsx", week);
	finished(viewer, id);
	lw_client *unit = as("donghu_admin");
	lw_expect(lw_get(unit, "/admin/exports"), 403, "没有权限");
	lw_expect(lw_get(unit, lw_printf("/admin/exports/%lld", id)), 403, "没有权限");
	lw_expect(lw_get(unit, lw_printf("/admin/exports/%lld/file", id)), 403, "没有权限");
	lw_expect(lw_submit(unit, "/admin/exports", "week", lw_printf("%lld", week), "kind", "city_xlsx", NULL), 403, "没有权限");
	lw_resp *anon = lw_get(lw_client_new(), lw_printf("/admin/exports/%lld/file", id));
	cr_assert(anon->status == 303 && !strncmp(lw_header(anon, "Location"), "/login?next=", 12));
	/* the export is in the audit log */
	cr_assert_gt(sql_int(lw_printf("SELECT count(*) FROM audit_log WHERE entity = 'job' AND entity_id = %lld", id)), 0);
}
