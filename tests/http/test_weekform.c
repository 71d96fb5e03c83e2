/* test_weekform.c: the form belongs to the week (issue 12, point 1). The
 * centre makes a week with six categories of its own (and its own audiences
 * and forms) on the week's page; a unit records an activity in it; the week's
 * categories, not 2022's, are what the activity form, the unit's form (HTML,
 * PDF text, DOCX), the statistics page, the city workbook, the import
 * template and the calendar's filter show. Once an activity uses them the
 * week's page shows them read-only and refuses a change. 2022's week reads
 * its own six as before. The form's rows too: a week whose centre reworded
 * 活动成效, added typed rows and dropped 其他 shows them in its order on the
 * unit's form (HTML, PDF text, DOCX), the board's checklist, the city's form
 * and workbook; labels come out escaped for each format; a new week starts
 * with the previous week's rows; rows the centre cannot have are refused. */
#include "test_stats.h"
#include <zip.h>

LW_SERVER("", add_accounts)

static const char *const labels[6] = {"乡村振兴学习", "数字素养提升", "家门口的课堂", "职工技能培训", "书香满城", "银龄乐学"};
static const char *const wordings[6] = {
	"围绕乡村振兴开展学习活动", "提升全民数字素养与技能", "把课堂办到居民家门口",
	"面向职工开展技能培训",     "推动书香城市建设",       "丰富老年人精神文化生活",
};

/* Every entry of a ZIP (DOCX, XLSX) read whole and joined. */
static char *zip_all_text(const lw_resp *r)
{
	zip_error_t ze;
	zip_source_t *src = zip_source_buffer_create(r->body, r->len, 0, &ze);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	cr_assert(z, "a ZIP file");
	char *all = lw_printf("%s", "");
	for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); i++) {
		zip_stat_t st;
		cr_assert_eq(zip_stat_index(z, (zip_uint64_t)i, 0, &st), 0);
		char *p = lw_keep(calloc(1, st.size + 1));
		zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		cr_assert(f && zip_fread(f, p, st.size) == (zip_int64_t)st.size);
		zip_fclose(f);
		all = lw_printf("%s\n%s", all, p);
	}
	zip_close(z);
	return all;
}

/* The text pdftotext reads from a PDF response, lines joined as printed. */
static char *pdf_text(const lw_resp *r)
{
	cr_assert(r->len > 1000 && !memcmp(r->body, "%PDF", 4), "a PDF");
	const char *tmp = getenv("LW_HTTP_TMP");
	char *path = lw_printf("%s/wf.%ld.pdf", tmp, (long)getpid()), *txt = lw_printf("%s.txt", path);
	FILE *f = fopen(path, "wb");
	cr_assert(f);
	fwrite(r->body, 1, r->len, f);
	fclose(f);
	cr_assert_eq(system(lw_printf("pdftotext -enc UTF-8 '%s' '%s'", path, txt)), 0,
		     "pdftotext failed: install poppler-utils");
	char *text = file_text(txt);
	unlink(path);
	unlink(txt);
	return text;
}

/* The week's form posted as the centre's browser sends it, with the lists. */
static lw_resp *post_week(lw_client *c, const char *path, int year)
{
	char *body = lw_printf("_csrf=%s&%s", lw_csrf(c),
			       lw_form("year", lw_printf("%d", year), "title", lw_printf("%d年南昌市全民终身学习活动周", year),
				       "theme", "学习型城市", "starts_on", lw_printf("%d-12-01", year), "ends_on",
				       lw_printf("%d-12-07", year), "deadline", lw_printf("%d-12-09T23:59", year), "notice", "",
				       "extended_to", "", NULL));
	for (int i = 0; i < 6; i++)
		body = lw_printf("%s&%s", body, lw_form("content_label", labels[i], "content_wording", wordings[i], NULL));
	/* an empty row, as the page offers: skipped */
	body = lw_printf("%s&%s", body, lw_form("content_label", "", "content_wording", "", NULL));
	body = lw_printf("%s&%s", body, lw_form("audiences", "新市民\n老年人群\n青少年", "forms", "讲座\n研学\n读书会", NULL));
	return lw_post(c, path, body);
}

Test(weekform, a_week_prints_its_own_categories_everywhere)
{
	lw_client *centre = as(CENTRE);
	lw_resp *made = post_week(centre, "/admin/weeks", 2083);
	cr_assert_eq(made->status, 303, "create the week: %ld\n%s", made->status, lw_excerpt(made));
	long long week = sql_int("SELECT id FROM weeks WHERE year = 2083");
	cr_assert_gt(week, 0);
	cr_assert_str_eq(sql(lw_printf("SELECT group_concat(label, '|') FROM (SELECT label FROM week_choices WHERE week_id = %lld"
				       " AND kind = 'content' ORDER BY position)", week)),
			 "乡村振兴学习|数字素养提升|家门口的课堂|职工技能培训|书香满城|银龄乐学\n");
	/* its activities happen now, on the server's clock (see week_of) */
	sql(lw_printf("UPDATE weeks SET starts_on = date('now', '+8 hours', '-3 days'), ends_on = date('now', '+8 hours', '+3 days')"
		      " WHERE id = %lld", week));

	/* editable while no activity uses them */
	lw_resp *edit = lw_get(centre, lw_printf("/admin/weeks/%lld", week));
	lw_expect(edit, 200, "value=\"银龄乐学\"");
	cr_assert(lw_has(edit, "name=\"content_label\""));

	lw_client *dh = as("donghu_admin");
	long long donghu = unit_id("东湖区");
	lw_resp *form = lw_get(dh, lw_printf("/units/%lld/activities/new?week=%lld", donghu, week));
	lw_expect(form, 200, "围绕乡村振兴开展学习活动");
	cr_assert(lw_has(form, "value=\"新市民\"") && lw_has(form, "value=\"研学\""), "the week's audiences and forms");
	cr_assert(!lw_has(form, "二十大"), "no 2022 category on the 2083 activity form");
	/* 2022's audience is not one of this week's */
	char *body = lw_printf("_csrf=%s&%s", lw_csrf(dh),
			       lw_form("week", lw_printf("%lld", week), "title", "不在本届的对象", "host", "东湖区社区教育学院", "mode",
				       "offline", "starts_at", lw_local_time(-30), "ends_at", lw_local_time(90), "venue", "社区学校",
				       "content", "1", "audiences", "企业职工", "publish", "1", NULL));
	lw_expect(lw_post(dh, lw_printf("/units/%lld/activities", donghu), body), 422, "「参与对象」中的「企业职工」不在可选范围内");

	long long a = add_activity(dh, donghu, week, (act_spec){"银龄数字课堂", "offline", "2", "6", "新市民", "研学", "40", false, true});
	lw_resp *page = lw_get(dh, lw_printf("/activities/%lld", a));
	lw_expect(page, 200, "<span class=\"tag\">数字素养提升</span>");
	cr_assert(lw_has(page, "<span class=\"tag\">银龄乐学</span>"));

	/* a 智慧助老 case: this week names no such category, so the case may come
	 * from any of the unit's activities (not from category 6, 2022's 智慧助老) */
	lw_resp *cases = lw_get(dh, lw_printf("/units/%lld/cases/new?week=%lld", donghu, week));
	lw_expect(cases, 200, "本届活动内容没有“智慧助老”一项");
	cr_assert(lw_has(cases, lw_printf("cases/new?activity=%lld", a)), "the week's activity is offered: %s", lw_excerpt(cases));

	/* the unit's form: HTML, PDF, DOCX */
	lw_resp *rep = lw_get(dh, lw_printf("/units/%lld/report?week=%lld", donghu, week));
	lw_expect(rep, 200, "（一）乡村振兴学习 0 场");
	cr_assert(lw_has(rep, "（二）数字素养提升 1 场") && lw_has(rep, "（六）银龄乐学 1 场"), "%s", lw_excerpt(rep));
	cr_assert(!lw_has(rep, "二十大") && !lw_has(rep, "智慧助老 "), "no 2022 category on the 2083 form");
	char *pdf = pdf_text(lw_get(dh, lw_printf("/units/%lld/report/form.pdf?week=%lld", donghu, week)));
	cr_assert(strstr(pdf, "（二）数字素养提升 1 场") && strstr(pdf, "（六）银龄乐学 1 场"), "PDF text:\n%s", pdf);
	cr_assert(!strstr(pdf, "二十大"));
	lw_resp *docx = lw_get(dh, lw_printf("/units/%lld/report/form.docx?week=%lld", donghu, week));
	cr_assert_eq(docx->status, 200);
	char *xml = zip_all_text(docx);
	cr_assert(strstr(xml, "（二）数字素养提升 1 场") && strstr(xml, "（六）银龄乐学 1 场") && !strstr(xml, "二十大"), "DOCX");

	/* the statistics page and the city workbook */
	lw_resp *st = lw_get(centre, lw_printf("/admin/stats?week=%lld", week));
	lw_expect(st, 200, "数字素养提升");
	cr_assert(lw_has(st, "银龄乐学") && lw_has(st, "新市民") && !lw_has(st, "二十大"), "%s", lw_excerpt(st));
	lw_resp *job = lw_submit(centre, "/admin/exports", "week", lw_printf("%lld", week), "kind", "city_xlsx", NULL);
	cr_assert_eq(job->status, 303, "%s", lw_excerpt(job));
	lw_resp *file = NULL;
	for (int i = 0; i < 600 && !file; i++) {
		lw_resp *p = lw_get(centre, lw_header(job, "Location"));
		if (lw_has(p, "已完成"))
			file = lw_get(centre, lw_printf("%s/file", lw_header(job, "Location")));
		else
			usleep(100 * 1000);
	}
	cr_assert(file && file->status == 200, "the workbook is made");
	char *book = zip_all_text(file);
	cr_assert(strstr(book, "数字素养提升、银龄乐学"), "the activity's categories by the week's names");
	cr_assert(!strstr(book, "二十大"));

	/* the import template's lists and example */
	lw_resp *tpl = lw_get(dh, lw_printf("/units/%lld/imports/template.xlsx?week=%lld", donghu, week));
	cr_assert_eq(tpl->status, 200);
	char *t = zip_all_text(tpl);
	cr_assert(strstr(t, "乡村振兴学习") && strstr(t, "银龄乐学") && strstr(t, "研学") && strstr(t, "新市民"), "the week's lists");
	cr_assert(!strstr(t, "二十大") && !strstr(t, "智慧助老"), "no 2022 category in the 2083 template");

	/* the calendar's filter */
	lw_resp *cal = lw_get(lw_client_new(), lw_printf("/weeks/%lld", week));
	lw_expect(cal, 200, "<option value=\"6\">银龄乐学</option>");
	cr_assert(lw_has(cal, "<option value=\"新市民\">新市民</option>"));
	lw_expect(lw_get(lw_client_new(), lw_printf("/weeks/%lld?content=7", week)), 400, "只有 6 项，没有第 7 项");

	/* now used: read-only, with the reason, and a change is refused */
	edit = lw_get(centre, lw_printf("/admin/weeks/%lld", week));
	lw_expect(edit, 200, "不能再修改");
	cr_assert(!lw_has(edit, "name=\"content_label\"") && lw_has(edit, "银龄乐学"), "read-only");
	lw_expect(post_week(centre, lw_printf("/admin/weeks/%lld", week), 2083), 422, "不能再修改");

	/* 2022 reads its own six as before */
	long long w22 = sql_int("SELECT id FROM weeks WHERE year = 2022");
	lw_resp *s22 = lw_get(centre, lw_printf("/admin/stats?week=%lld", w22));
	lw_expect(s22, 200, "学习宣传贯彻二十大精神");
	cr_assert(!lw_has(s22, "银龄乐学"));
	lw_assert_alive();
}

Test(weekform, a_new_week_copies_the_latest_earlier_one)
{
	lw_client *centre = as(CENTRE);
	lw_resp *made = post_week(centre, "/admin/weeks", 2084);
	cr_assert_eq(made->status, 303, "%s", lw_excerpt(made));
	/* the new week's page starts from the latest week's lists (2084's, or
	 * the other test's 2083 with the same) */
	lw_resp *fresh = lw_get(centre, "/admin/weeks/new");
	lw_expect(fresh, 200, "本届的活动内容、参与对象和活动形式");
	cr_assert(lw_has(fresh, "value=\"乡村振兴学习\"") && !lw_has(fresh, "二十大"), "the copy of the latest week's:\n%s", lw_excerpt(fresh));
	/* made without lists (an older form, the command line): the copy of 2084's */
	long long w = week_of(2085);
	cr_assert_str_eq(sql(lw_printf("SELECT group_concat(label, '|') FROM (SELECT label FROM week_choices WHERE week_id = %lld"
				       " AND kind = 'audience' ORDER BY position)", w)), "新市民|老年人群|青少年\n");
	/* what the centre typed is checked, each message naming the row */
	char *body = lw_printf("_csrf=%s&%s", lw_csrf(centre),
			       lw_form("year", "2086", "title", "2086年活动周", "theme", "主题", "starts_on", "2086-12-01", "ends_on",
				       "2086-12-07", "deadline", "2086-12-09T23:59", "notice", "", "content_label", "只有简称",
				       "content_wording", "", "audiences", "", "forms", "讲座", NULL));
	lw_resp *bad = lw_post(centre, "/admin/weeks", body);
	lw_expect(bad, 422, "活动内容（一）：简称和完整表述都要填写");
	cr_assert(lw_has(bad, "「参与对象」至少要有一项"), "%s", lw_excerpt(bad));
	cr_assert_eq(sql_int("SELECT count(*) FROM weeks WHERE year = 2086"), 0, "nothing saved");
}

/* ---- the summary form's rows (issue 12, point 1: the annex rows as the week's data) ---- */

#define ODD_LABEL "特别说明<b>&\""

/* The week's form posted as the centre's browser sends it: the annex's rows
 * with 活动成效 reworded and 其他 dropped, then two added typed rows. */
static lw_resp *post_rows(lw_client *c, const char *path, int year)
{
	char *body = lw_printf("_csrf=%s&%s", lw_csrf(c),
			       lw_form("year", lw_printf("%d", year), "title", lw_printf("%d年活动周", year), "theme", "学习型城市",
				       "starts_on", lw_printf("%d-12-01", year), "ends_on", lw_printf("%d-12-07", year), "deadline",
				       lw_printf("%d-12-09T23:59", year), "notice", "", "extended_to", "", NULL));
	char *rows = sql("SELECT key || char(9) || grp || char(9) || label || char(9) || kind FROM form_row_presets ORDER BY position");
	int pos = 0;
	for (char *line = strtok(rows, "\n"); line; line = strtok(NULL, "\n")) {
		char *key = line, *grp = strchr(key, '\t');
		*grp++ = 0;
		char *label = strchr(grp, '\t');
		*label++ = 0;
		char *kind = strchr(label, '\t');
		*kind++ = 0;
		if (!strcmp(key, "effect"))
			label = "活动成效与亮点";
		if (!strcmp(key, "other"))
			kind = "drop";
		body = lw_printf("%s&%s", body, lw_form("row_key", key, "row_pos", lw_printf("%d", ++pos), "row_group", grp, "row_label",
							 label, "row_kind", kind, NULL));
	}
	/* after 自我评价 (16th): a typed row of its own; at the end, one with markup in its label */
	body = lw_printf("%s&%s", body, lw_form("row_key", "", "row_pos", "16", "row_group", "活动的群众性", "row_label", "志愿服务情况",
						 "row_kind", "typed", NULL));
	body = lw_printf("%s&%s", body, lw_form("row_key", "", "row_pos", "99", "row_group", "", "row_label", ODD_LABEL,
						 "row_kind", "optional", NULL));
	/* an empty row, as the page offers: skipped */
	body = lw_printf("%s&%s", body, lw_form("row_key", "", "row_pos", "", "row_group", "", "row_label", "", "row_kind", "typed", NULL));
	return lw_post(c, path, body);
}

/* The labels of a week's rows in order, joined by |. */
static char *row_labels(long long week)
{
	return sql(lw_printf("SELECT group_concat(label, '|') FROM (SELECT label FROM week_form_rows WHERE week_id = %lld"
			     " ORDER BY position)", week));
}

/* where needle first occurs in hay, or -1 */
static long at_of(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);
	return p ? p - hay : -1;
}

Test(weekform, a_week_prints_its_own_rows_everywhere)
{
	lw_client *centre = as(CENTRE);
	lw_resp *made = post_rows(centre, "/admin/weeks", 2091);
	cr_assert_eq(made->status, 303, "create the week: %ld\n%s", made->status, lw_excerpt(made));
	long long week = sql_int("SELECT id FROM weeks WHERE year = 2091");
	char *rows_now = row_labels(week);
	cr_assert(strstr(rows_now, "|活动成效与亮点|活动时间|") && strstr(rows_now, "|自我评价|志愿服务情况|宣传范围|") &&
		  strstr(rows_now, "|影像图片报道|" ODD_LABEL "\n") && !strstr(rows_now, "|其他"), "%s", labels);
	/* its activities happen now, on the server's clock */
	sql(lw_printf("UPDATE weeks SET starts_on = date('now', '+8 hours', '-3 days'), ends_on = date('now', '+8 hours', '+3 days')"
		      " WHERE id = %lld", week));

	/* the week's page lists them, editable, the label escaped */
	lw_resp *edit = lw_get(centre, lw_printf("/admin/weeks/%lld", week));
	lw_expect(edit, 200, "value=\"活动成效与亮点\"");
	cr_assert(lw_has(edit, "value=\"特别说明&lt;b&gt;&amp;&quot;\"") && !lw_has(edit, ODD_LABEL), "escaped in the input");

	lw_client *dh = as("donghu_admin");
	long long donghu = unit_id("东湖区");
	add_activity(dh, donghu, week, (act_spec){"志愿者读书会", "offline", "2", "6", "老年人群", "讲座", "30", false, true});
	/* the board's checklist asks for the week's typed rows, not for 其他 */
	lw_resp *board = lw_get(centre, lw_printf("/admin/board?week=%lld", week));
	lw_expect(board, 200, "总结表「志愿服务情况」");
	cr_assert(lw_has(board, "总结表「活动成效与亮点」") && !lw_has(board, "总结表「其他」") && !lw_has(board, "总结表「活动成效」"),
		  "%s", lw_excerpt(board));
	/* the unit fills the added row */
	char *key = sql(lw_printf("SELECT key FROM week_form_rows WHERE week_id = %lld AND label = '志愿服务情况'", week));
	key[strcspn(key, "\n")] = 0;
	lw_resp *edit_form = lw_get(dh, lw_printf("/units/%lld/report/edit?week=%lld", donghu, week));
	lw_expect(edit_form, 200, "<legend>志愿服务情况</legend>");
	cr_assert(lw_has(edit_form, "<legend>特别说明&lt;b&gt;&amp;&quot;（选填）</legend>"), "%s", lw_excerpt(edit_form));
	lw_expect(lw_submit(dh, lw_printf("/units/%lld/report/fields", donghu), "week", lw_printf("%lld", week), "revision",
			    lw_field(edit_form->body, "revision"), "field", key, "value", "志愿者 120 人次服务读书会", "reason", "", NULL),
		  303, "");

	board = lw_get(centre, lw_printf("/admin/board?week=%lld", week));
	const char *row = strstr(board->body, lw_printf("id=\"unit-%lld\"", donghu)), *end = row ? strstr(row, "</tr>") : NULL;
	cr_assert(row && end, "东湖区's row on the board");
	row = lw_printf("%.*s", (int)(end - row), row);
	cr_assert(!strstr(row, "总结表「志愿服务情况」") && strstr(row, "总结表「活动成效与亮点」"), "filled: %s", row);
	/* the unit's form: HTML, PDF text, DOCX, each row in the week's order, 其他 gone */
	lw_resp *rep = lw_get(dh, lw_printf("/units/%lld/report?week=%lld", donghu, week));
	lw_expect(rep, 200, "<th scope=\"row\">活动成效与亮点</th>");
	cr_assert(lw_has(rep, "志愿者 120 人次服务读书会") && lw_has(rep, "<th scope=\"row\">志愿服务情况</th>"), "%s", lw_excerpt(rep));
	cr_assert(lw_has(rep, ">特别说明&lt;b&gt;&amp;&quot;</th>") && !lw_has(rep, ODD_LABEL), "the label escaped in HTML");
	cr_assert(!lw_has(rep, ">其他</th>") && !lw_has(rep, ">活动成效</th>"), "the dropped and the old rows are gone");
	cr_assert(at_of(rep->body, ">自我评价</th>") < at_of(rep->body, ">志愿服务情况</th>") &&
		  at_of(rep->body, ">志愿服务情况</th>") < at_of(rep->body, ">宣传范围</th>"), "in the week's order");
	char *pdf = pdf_text(lw_get(dh, lw_printf("/units/%lld/report/form.pdf?week=%lld", donghu, week)));
	cr_assert(strstr(pdf, "活动成效与亮点") && strstr(pdf, "志愿服务情况") && strstr(pdf, "志愿者 120 人次服务读书会"), "PDF:\n%s", pdf);
	cr_assert(strstr(pdf, ODD_LABEL), "the label as text in the PDF:\n%s", pdf);
	cr_assert(!strstr(pdf, "\n其他\n"), "no 其他 row in the PDF:\n%s", pdf);
	cr_assert(at_of(pdf, "自我评价") < at_of(pdf, "志愿服务情况") && at_of(pdf, "志愿服务情况") < at_of(pdf, "宣传范围"), "PDF order");
	lw_resp *docx = lw_get(dh, lw_printf("/units/%lld/report/form.docx?week=%lld", donghu, week));
	cr_assert_eq(docx->status, 200);
	char *xml = zip_all_text(docx);
	cr_assert(strstr(xml, ">活动成效与亮点<") && strstr(xml, ">志愿服务情况<") && !strstr(xml, ">其他<"), "DOCX");
	cr_assert(strstr(xml, "特别说明&lt;b&gt;&amp;") && !strstr(xml, "特别说明<b>"), "the label escaped in DOCX");
	cr_assert(at_of(xml, ">自我评价<") < at_of(xml, ">志愿服务情况<") && at_of(xml, ">志愿服务情况<") < at_of(xml, ">宣传范围<"),
		  "DOCX order");

	/* the city's form has the week's rows; the workbook has the unit's text under the added row */
	lw_resp *city = lw_get(centre, lw_printf("/admin/city-form?week=%lld", week));
	lw_expect(city, 200, ">志愿服务情况</th>");
	cr_assert(lw_has(city, ">活动成效与亮点</th>") && !lw_has(city, ">其他</th>"), "%s", lw_excerpt(city));
	/* the centre writes the city's own text of the added row */
	lw_resp *cedit = lw_get(centre, lw_printf("/admin/city-form/edit?week=%lld", week));
	lw_expect(cedit, 200, lw_printf("<label for=\"f-%s\">志愿服务情况</label>", key));
	cr_assert(!lw_has(cedit, ">其他</label>"), "no text for the dropped row");
	lw_expect(lw_submit(centre, "/admin/city-form", "week", lw_printf("%lld", week), "revision", lw_field(cedit->body, "revision"),
			    "text_key", key, "text", "全市志愿者 900 人次", NULL),
		  303, "");
	lw_expect(lw_get(centre, lw_printf("/admin/city-form?week=%lld", week)), 200, "全市志愿者 900 人次");
	lw_resp *job = lw_submit(centre, "/admin/exports", "week", lw_printf("%lld", week), "kind", "city_xlsx", NULL);
	cr_assert_eq(job->status, 303, "%s", lw_excerpt(job));
	lw_resp *file = NULL;
	for (int i = 0; i < 600 && !file; i++) {
		lw_resp *p = lw_get(centre, lw_header(job, "Location"));
		if (lw_has(p, "已完成"))
			file = lw_get(centre, lw_printf("%s/file", lw_header(job, "Location")));
		else
			usleep(100 * 1000);
	}
	cr_assert(file && file->status == 200, "the workbook is made");
	char *book = zip_all_text(file);
	cr_assert(strstr(book, "活动成效与亮点") && strstr(book, "志愿服务情况") && strstr(book, "志愿者 120 人次服务读书会"), "workbook");
	cr_assert(strstr(book, "特别说明&lt;b&gt;&amp;") && !strstr(book, "特别说明<b>"), "the label escaped in XLSX");
	cr_assert(at_of(book, "自我评价") < at_of(book, "志愿服务情况") && at_of(book, "志愿服务情况") < at_of(book, "宣传范围"),
		  "the workbook's columns in the week's order");

	/* the form is used now: the page shows the rows read-only and a change is refused */
	edit = lw_get(centre, lw_printf("/admin/weeks/%lld", week));
	lw_expect(edit, 200, "总结表的栏目不能再修改");
	cr_assert(!lw_has(edit, "name=\"row_label\"") && lw_has(edit, "志愿服务情况"), "read-only");
	lw_resp *late = post_rows(centre, lw_printf("/admin/weeks/%lld", week), 2091);
	lw_expect(late, 422, "本届已有 1 项活动（含草稿）按这张总结表统计");
	cr_assert(lw_has(late, "总结表的栏目不能再修改"));
	cr_assert_str_eq(row_labels(week), rows_now, "nothing changed");
	lw_assert_alive();
}

Test(weekform, a_new_week_starts_with_the_previous_weeks_rows)
{
	lw_client *centre = as(CENTRE);
	cr_assert_eq(post_rows(centre, "/admin/weeks", 2092)->status, 303);
	long long w92 = sql_int("SELECT id FROM weeks WHERE year = 2092");
	/* the new week's page offers the latest week's rows */
	lw_resp *fresh = lw_get(centre, "/admin/weeks/new");
	lw_expect(fresh, 200, "本届总结表的栏目");
	cr_assert(lw_has(fresh, "value=\"活动成效与亮点\"") && lw_has(fresh, "value=\"志愿服务情况\""), "%s", lw_excerpt(fresh));
	/* made without rows (an older form, the command line): the copy of 2092's */
	long long w93 = week_of(2093);
	cr_assert_str_eq(row_labels(w93), row_labels(w92));
	/* 2022 keeps the annex's twenty */
	long long w22 = sql_int("SELECT id FROM weeks WHERE year = 2022");
	cr_assert_str_eq(row_labels(w22), sql("SELECT group_concat(label, '|') FROM (SELECT label FROM form_row_presets ORDER BY position)"));
}

Test(weekform, rows_the_centre_cannot_have_are_refused)
{
	lw_client *centre = as(CENTRE);
	long long w = week_of(2094);
	const char *path = lw_printf("/admin/weeks/%lld", w);
	const char *week_fields = lw_form("year", "2094", "title", "2094年活动周", "theme", "主题", "starts_on", "2094-12-01", "ends_on",
					   "2094-12-07", "deadline", "2094-12-09T23:59", "notice", "", NULL);
	char *before = row_labels(w);
	/* a typed row cannot be made a derived one: there is nothing to derive it from */
	lw_resp *r = lw_post(centre, path, lw_printf("_csrf=%s&%s&%s", lw_csrf(centre), week_fields,
						      lw_form("row_key", "effect", "row_pos", "1", "row_group", "", "row_label", "活动成效",
							      "row_kind", "derived", NULL)));
	lw_expect(r, 422, "「活动成效」不是系统能统计的栏目，只能由单位填写");
	/* a key of no row and no derivation */
	r = lw_post(centre, path, lw_printf("_csrf=%s&%s&%s", lw_csrf(centre), week_fields,
					    lw_form("row_key", "made_up", "row_pos", "1", "row_group", "", "row_label", "编的", "row_kind", "typed", NULL)));
	lw_expect(r, 422, "没有「made_up」这一栏目");
	/* an empty label, a bad order, and the arrays out of step */
	r = lw_post(centre, path, lw_printf("_csrf=%s&%s&%s", lw_csrf(centre), week_fields,
					    lw_form("row_key", "theme", "row_pos", "第一", "row_group", "", "row_label", "", "row_kind", "derived", NULL)));
	lw_expect(r, 422, "栏目名称不能为空");
	cr_assert(lw_has(r, "顺序应是 1 到 999 的整数"), "%s", lw_excerpt(r));
	r = lw_post(centre, path, lw_printf("_csrf=%s&%s&%s", lw_csrf(centre), week_fields, lw_form("row_key", "theme", NULL)));
	lw_expect(r, 400, "提交的总结表栏目不完整");
	/* every row dropped */
	r = lw_post(centre, path, lw_printf("_csrf=%s&%s&%s", lw_csrf(centre), week_fields,
					    lw_form("row_key", "theme", "row_pos", "1", "row_group", "", "row_label", "活动主题", "row_kind", "drop", NULL)));
	lw_expect(r, 422, "总结表至少要有一行");
	cr_assert_str_eq(row_labels(w), before, "nothing saved");
	/* a derived row switched to typed, and reordered: saved */
	r = lw_post(centre, path, lw_printf("_csrf=%s&%s&%s&%s", lw_csrf(centre), week_fields,
					    lw_form("row_key", "theme", "row_pos", "2", "row_group", "", "row_label", "主题", "row_kind", "typed", NULL),
					    lw_form("row_key", "participants", "row_pos", "1", "row_group", "参与", "row_label", "人数", "row_kind",
						    "derived", NULL)));
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	cr_assert_str_eq(sql(lw_printf("SELECT group_concat(key || ':' || kind, '|') FROM (SELECT * FROM week_form_rows WHERE week_id = %lld"
				       " ORDER BY position)", w)), "participants:derived|theme:typed\n");
	/* a derivation added as a new row, its type as its source says, its label what it is */
	lw_resp *page = lw_get(centre, path);
	lw_expect(page, 200, "<option value=\"satisfaction\">系统统计：群众满意度（来自居民扫码评价）</option>");
	r = lw_post(centre, path, lw_printf("_csrf=%s&%s&%s&%s&%s", lw_csrf(centre), week_fields,
					    lw_form("row_key", "participants", "row_pos", "", "row_group", "参与", "row_label", "人数", "row_kind",
						    "derived", NULL),
					    lw_form("row_key", "theme", "row_pos", "", "row_group", "", "row_label", "主题", "row_kind", "typed", NULL),
					    lw_form("row_key", "satisfaction", "row_pos", "", "row_group", "", "row_label", "", "row_kind", "auto", NULL)));
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	cr_assert_str_eq(sql(lw_printf("SELECT group_concat(key || ':' || kind || ':' || label, '|') FROM (SELECT * FROM week_form_rows"
				       " WHERE week_id = %lld ORDER BY position)", w)),
			 "participants:derived:人数|theme:typed:主题|satisfaction:derived:群众满意度\n");
}
