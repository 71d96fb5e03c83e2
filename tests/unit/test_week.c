/* test_week.c: week_save (src/domain/week.c): the 2022 week is accepted, bad
 * input is refused field by field and writes nothing, every save is audited. */
#include "testlib.h"
#include "domain/activity.h"
#include <string.h>

TestSuite(week, .init = t_setup, .fini = t_teardown);

/* The 2022 Nanchang week as the notice gives it; tests spoil one field. */
static week w2022(void)
{
	week w = {0};
	w.title = S("2022年南昌市全民终身学习活动周");
	w.theme = S("学习贯彻二十大，终身学习向未来");
	w.starts_on = S("2022-12-01");
	w.ends_on = S("2022-12-07");
	w.notice = S("通知正文");
	return w;
}

/* Saves w and checks it was refused for `field`, with nothing written. */
static void refused(week w, const char *year, const char *deadline, const char *field)
{
	long long weeks = t_count("weeks"), audits = t_count("audit_log");
	errs e = {0};
	cr_assert_eq(week_save(D, &A, &t_who, &w, year, deadline, &e), 0, "saved, but %s is wrong", field);
	cr_assert_not_null(err_for(&e, field), "no message for %s (got: %s)", field, errs_summary(&e, &A));
	cr_assert_eq(t_count("weeks"), weeks, "nothing written");
	cr_assert_eq(t_count("audit_log"), audits, "nothing audited");
}

Test(week, saves_2022_and_audits_the_new_row)
{
	week w = w2022();
	errs e = {0};
	long long id = week_save(D, &A, &t_who, &w, "2022", "2022-12-09T23:59", &e);
	cr_assert_gt(id, 0, "%s", errs_summary(&e, &A));
	week got = {0};
	cr_assert(week_load(D, &A, id, &got));
	cr_assert_eq(got.year, 2022);
	cr_assert_str_eq(got.theme, "学习贯彻二十大，终身学习向未来");
	cr_assert_str_eq(got.starts_on, "2022-12-01");
	cr_assert_str_eq(got.ends_on, "2022-12-07");
	long long want;
	cr_assert(local_datetime_parse("2022-12-09T23:59", &want));
	cr_assert_eq(got.deadline_at, want);
	cr_assert_eq(got.unit_id, unit_root(D), "a week belongs to the organiser");

	t_audit au = t_last_audit();
	cr_assert_str_eq(au.action, "create");
	cr_assert_str_eq(au.entity, "week");
	cr_assert_eq(au.entity_id, id);
	cr_assert_null(au.old_value);
	cr_assert_not_null(au.new_value);
	cr_assert(strstr(au.new_value, "\"year\":2022"), "%s", au.new_value);
	cr_assert(strstr(au.new_value, "\"theme\":\"学习贯彻二十大，终身学习向未来\""), "%s", au.new_value);
}

Test(week, update_audits_old_and_new)
{
	week w = w2022();
	errs e = {0};
	long long id = week_save(D, &A, &t_who, &w, "2022", "2022-12-09T23:59", &e);
	cr_assert_gt(id, 0);
	w.title = S("  新标题\xE3\x80\x80");
	cr_assert_eq(week_save(D, &A, &t_who, &w, "2022", "2022-12-09T23:59", &e), id, "%s", errs_summary(&e, &A));
	cr_assert_eq(t_count("weeks"), 1);
	week got = {0};
	cr_assert(week_load(D, &A, id, &got));
	cr_assert_str_eq(got.title, "新标题", "title is trimmed, U+3000 too");
	t_audit au = t_last_audit();
	cr_assert_str_eq(au.action, "update");
	cr_assert(strstr(au.old_value, "\"title\":\"2022年南昌市全民终身学习活动周\""), "%s", au.old_value);
	cr_assert(strstr(au.new_value, "\"title\":\"新标题\""), "%s", au.new_value);
	cr_assert_eq(t_count("audit_log"), 2);
}

Test(week, end_before_start)
{
	week w = w2022();
	w.ends_on = S("2022-11-30");
	refused(w, "2022", "2022-12-09T23:59", "ends_on");
}

Test(week, deadline_before_start)
{
	week w = w2022();
	refused(w, "2022", "2022-11-30T23:59", "deadline");
	/* the boundary: midnight at the start of the first day, Beijing time */
	errs e = {0};
	cr_assert_gt(week_save(D, &A, &t_who, &w, "2022", "2022-12-01T00:00", &e), 0, "%s", errs_summary(&e, &A));
}

Test(week, duplicate_year)
{
	week w = w2022();
	errs e = {0};
	cr_assert_gt(week_save(D, &A, &t_who, &w, "2022", "2022-12-09T23:59", &e), 0);
	week again = w2022();
	again.title = S("另一个2022年活动周");
	refused(again, "2022", "2022-12-09T23:59", "year");
}

Test(week, bad_dates)
{
	const char *bad[] = {"2022-02-30", "2023-02-29", "2022/12/01", "2022-12-1", "", "明天"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		week w = w2022();
		w.starts_on = S(bad[i]);
		refused(w, "2022", "2022-12-09T23:59", "starts_on");
		w = w2022();
		w.ends_on = S(bad[i]);
		refused(w, "2022", "2022-12-09T23:59", "ends_on");
	}
	week w = w2022();
	w.starts_on = NULL;
	refused(w, "2022", "2022-12-09T23:59", "starts_on");
}

Test(week, bad_deadline)
{
	const char *bad[] = {"2022-12-09", "2022-12-09T24:00", "2022-12-32T10:00", "12月10日前", ""};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		refused(w2022(), "2022", bad[i], "deadline");
	refused(w2022(), "2022", NULL, "deadline");
}

Test(week, bad_year)
{
	const char *bad[] = {"", "1999", "3000", "二〇二二", "2022a", " 2022"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		refused(w2022(), bad[i], "2022-12-09T23:59", "year");
	refused(w2022(), NULL, "2022-12-09T23:59", "year");
	/* a start date outside the year given */
	refused(w2022(), "2023", "2022-12-09T23:59", "starts_on");
}

Test(week, blank_title_and_theme_and_too_long)
{
	week w = w2022();
	w.title = S(" \xE3\x80\x80 ");
	refused(w, "2022", "2022-12-09T23:59", "title");
	w = w2022();
	w.theme = NULL;
	refused(w, "2022", "2022-12-09T23:59", "theme");
	w = w2022();
	w.ends_on = S("2023-03-01");
	refused(w, "2022", "2022-12-09T23:59", "ends_on");
}

Test(week, current_week)
{
	week w = w2022();
	errs e = {0};
	long long id = week_save(D, &A, &t_who, &w, "2022", "2022-12-09T23:59", &e);
	cr_assert_gt(id, 0);
	week got = {0};
	cr_assert(week_current(D, &A, unit_root(D), t_who.now, &got));
	cr_assert_eq(got.id, id);
	week *list;
	cr_assert_eq(week_list(D, &A, unit_root(D), &list), 1);
	cr_assert_eq(list[0].id, id);
}

/* ---- the week's lists (issue 12, point 1; src/domain/choices.c) ---- */

static week_lists typed(const char *const *labels, const char *const *wordings, int n, const char *aud, const char *forms, errs *e)
{
	week_lists l;
	week_lists_parse(&A, labels, n, wordings, n, aud, forms, &l, e);
	return l;
}

Test(week, a_first_week_starts_with_the_preset_and_the_next_copies_it)
{
	week w = w2022();
	errs e = {0};
	long long w22 = week_save(D, &A, &t_who, &w, "2022", "2022-12-09T23:59", &e);
	cr_assert_gt(w22, 0, "%s", errs_summary(&e, &A));
	choices c = week_choices(D, &A, w22, "content");
	cr_assert_eq(c.n, 6);
	cr_assert_str_eq(c.code[0], "1");
	cr_assert_str_eq(c.label[0], "学习宣传贯彻二十大精神");
	cr_assert_str_eq(c.wording[5], "开展“智慧助老”专题宣传展示活动");
	cr_assert_eq(week_choices(D, &A, w22, "audience").n, 10);
	cr_assert_str_eq(week_choices(D, &A, w22, "form").label[0], "讲座");

	/* 2022 gets its own lists; 2023 then starts as 2022's copy */
	const char *labels[] = {"甲类", "乙类"}, *wordings[] = {"甲类活动的完整表述", "乙类活动的完整表述"};
	week_lists mine = typed(labels, wordings, 2, "新市民、老年人群\n老年人群", "讲座", &e);
	cr_assert_eq(e.n, 0, "%s", errs_summary(&e, &A));
	cr_assert_eq(mine.audience.n, 2, "split on 、 and lines, each once");
	w.id = w22;
	w.lists = &mine;
	cr_assert_eq(week_save(D, &A, &t_who, &w, "2022", "2022-12-09T23:59", &e), w22, "%s", errs_summary(&e, &A));
	week n = w2022();
	n.title = S("2023年活动周");
	n.starts_on = S("2023-12-01");
	n.ends_on = S("2023-12-07");
	long long w23 = week_save(D, &A, &t_who, &n, "2023", "2023-12-09T23:59", &e);
	cr_assert_gt(w23, 0, "%s", errs_summary(&e, &A));
	c = week_choices(D, &A, w23, "content");
	cr_assert(c.n == 2 && !strcmp(c.label[1], "乙类") && !strcmp(c.code[1], "2"), "2023 copies 2022's lists");
	cr_assert_str_eq(choice_label(&c, "2"), "乙类");
	cr_assert_str_eq(choice_label(&c, "9"), "9", "an unknown code reads as itself");
	/* the audit of the change names the lists */
	cr_assert(db_exists(D, "SELECT 1 FROM audit_log WHERE entity = 'week' AND action = 'update' AND new_value LIKE '%乙类%'", NULL));
}

Test(week, the_lists_are_checked_row_by_row)
{
	errs e = {0};
	const char *l1[] = {"只有简称", "", "重复", "重复"}, *w1[] = {"", "", "表述一", "表述二"};
	typed(l1, w1, 4, "", "讲座", &e);
	cr_assert_str_eq(err_for(&e, "content"), "活动内容（一）：简称和完整表述都要填写（不要这一项，请两栏都清空）。");
	cr_assert(strstr(errs_summary(&e, &A), "活动内容（三）的简称「重复」与前面一项重复。"), "%s", errs_summary(&e, &A));
	cr_assert_str_eq(err_for(&e, "audiences"), "「参与对象」至少要有一项，每行一项。");
	errs e2 = {0};
	const char *l2[MAX_CONTENT + 1], *w2[MAX_CONTENT + 1];
	for (int i = 0; i <= MAX_CONTENT; i++) {
		l2[i] = arena_printf(&A, "类%d", i);
		w2[i] = arena_printf(&A, "表述%d", i);
	}
	typed(l2, w2, MAX_CONTENT + 1, "老年人群", "讲座", &e2);
	cr_assert_str_eq(err_for(&e2, "content"), "「活动内容」最多 12 项，现在有 13 项。");
	cr_assert_str_eq(cn_ordinal(&A, 1), "（一）");
	cr_assert_str_eq(cn_ordinal(&A, 10), "（十）");
	cr_assert_str_eq(cn_ordinal(&A, 12), "（十二）");
	cr_assert_str_eq(cn_ordinal(&A, 21), "（二十一）");
}

Test(week, the_lists_cannot_change_once_an_activity_uses_them)
{
	week w = w2022();
	errs e = {0};
	long long id = week_save(D, &A, &t_who, &w, "2022", "2022-12-09T23:59", &e);
	cr_assert_gt(id, 0);
	long long unit_id = db_int(D, 0, "SELECT id FROM units LIMIT 1", NULL);
	cr_assert_eq(db_exec(D, "INSERT INTO activities(week_id, unit_id, title, host, mode, starts_at, ends_at, checkin_code, created_at,"
				" updated_at) VALUES (?1, ?2, '讲座', '学院', 'offline', 1669856400, 1669863600, 'k', 0, 0)", "II", id, unit_id), 0);
	cr_assert(week_lists_locked(D, &A, id), "locked by a draft");
	const char *labels[] = {"甲类"}, *wordings[] = {"甲类活动"};
	week_lists mine = typed(labels, wordings, 1, "老年人群", "讲座", &e);
	w.id = id;
	w.lists = &mine;
	cr_assert_eq(week_save(D, &A, &t_who, &w, "2022", "2022-12-09T23:59", &e), 0, "saved over a used list");
	cr_assert(strstr(err_for(&e, "content"), "不能再修改"), "%s", errs_summary(&e, &A));
	cr_assert_str_eq(week_choices(D, &A, id, "content").label[0], "学习宣传贯彻二十大精神", "unchanged");
	/* the rest of the week still saves without the lists */
	errs e2 = {0};
	w.lists = NULL;
	w.theme = S("新主题");
	cr_assert_eq(week_save(D, &A, &t_who, &w, "2022", "2022-12-09T23:59", &e2), id, "%s", errs_summary(&e2, &A));
}
