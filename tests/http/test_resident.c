/* test_resident.c: what issue 16 asks for a resident, on the server's side:
 * the unit's 咨询电话 (an office or service line, a mobile refused, set by the
 * unit's admin only, on every page of its activities); states the resident
 * did not cause as pages of their own (no code, a button back); the 取消码
 * (shown once, stored hashed, 我的报名 finds and cancels with it, wrong codes
 * throttled per activity and address); the home page
 * with 今天和接下来 before the filters, the notice on its own page, the week's
 * days and 离我近的; dates with their year when it is not this year. */
#include "harness.h"
#include "test_sql.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* the demo's live week: it started two days ago, so its year is that day's */
#define CUR_TITLE lw_printf("%.4s年南昌市全民终身学习活动周", lw_local_time(-2 * 24 * 60))

LW_SERVER("", NULL)

static lw_client *as(const char *username)
{
	lw_client *c = lw_client_new();
	lw_login_ok(c, username, lw_demo_password(username));
	return c;
}

static long long unit_of(lw_client *admin)
{
	lw_resp *dash = lw_get(admin, "/admin");
	long long unit = lw_id_after(dash->body, "class=\"tiles\"", "/units/");
	cr_assert_gt(unit, 0, "no unit link on the dashboard");
	return unit;
}

/* A published 东湖区 activity from start_min to end_min minutes from now; week NULL: the current one
 * (else the 2022 week, whose dates it is outside: a 周外活动, issue 12). */
static long long activity(lw_client *admin, long start_min, long end_min, const char *week, const char *street)
{
	lw_resp *r = lw_submit(admin, lw_printf("/units/%lld/activities", unit_of(admin)), "title", lw_unique("居民测试活动"),
			       "host", "东湖区社区教育学院", "content", "6", "mode", "offline", "starts_at", lw_local_time(start_min),
			       "ends_at", lw_local_time(end_min), "venue", "百花洲路社区学校", "street", street ? street : "百花洲街道",
			       "capacity", "10", "publish", "1", "off_week", week ? "1" : "0", week ? "week" : NULL, week, NULL);
	cr_assert_eq(r->status, 303, "create activity: %ld\n%s", r->status, lw_excerpt(r));
	long long id = 0;
	cr_assert(sscanf(lw_header(r, "Location"), "/activities/%lld", &id) == 1);
	return id;
}

static char *local_date(long days)
{
	char *s = lw_local_time(days * 24 * 60);
	s[10] = 0;
	return s;
}

/* the demo makes a week around today: it is the one on the home page */
static void current_week(void)
{
	cr_assert(lw_has(lw_get(lw_client_new(), "/"), CUR_TITLE), "the demo's live week (%s) is not the current one", CUR_TITLE);
}

/* ---- 咨询电话 ---- */

Test(consult_phone, a_mobile_is_refused_an_office_line_is_shown_on_every_activity_page)
{
	lw_client *admin = as("donghu_admin");
	long long unit = unit_of(admin);
	const char *path = lw_printf("/units/%lld/phone", unit);
	const char *refused[][2] = {
		{"13812345678", "不能填个人手机号码"},
		{"+86 138 1234 5678", "不能填个人手机号码"},
		{"12345678", "带区号的办公电话"},
		{"0791-861", "带区号的办公电话"},
		{"打电话给王老师", "带区号的办公电话"},
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		lw_resp *r = lw_submit(admin, path, "consult_phone", refused[i][0], NULL);
		lw_expect(r, 422, refused[i][1]);
		cr_assert(lw_has(r, "aria-invalid=\"true\""), "the field is marked for %s", refused[i][0]);
		cr_assert(lw_has(r, lw_printf("value=\"%s\"", lw_html_escape(refused[i][0]))), "what was typed is kept");
	}
	const char *good[][2] = {
		{"400 123 4567", "400-123-4567"},
		{"12345", "12345"},
		{"0791-86123456-801", "0791-86123456-801"},
		{"0791 8612 3456", "0791-86123456"},
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		lw_resp *r = lw_submit(admin, path, "consult_phone", good[i][0], NULL);
		cr_assert_eq(r->status, 303, "%s: %ld\n%s", good[i][0], r->status, lw_excerpt(r));
		cr_assert(lw_has(lw_get(admin, path), lw_printf("value=\"%s\"", good[i][1])), "%s is kept as %s", good[i][0], good[i][1]);
	}
	/* every page of its activities, for anyone */
	long long id = activity(admin, 60, 180, "1", NULL);
	lw_client *resident = lw_client_new();
	const char *pages[] = {lw_printf("/a/%lld", id), lw_printf("/a/%lld/signup", id)};
	for (size_t i = 0; i < 2; i++)
		lw_expect(lw_get(resident, pages[i]), 200, "<dt>咨询电话</dt><dd><a class=\"tel\" href=\"tel:0791-86123456\">0791-86123456</a>");
	/* the audit log says it in Chinese */
	cr_assert(lw_has(lw_get(as("centre_admin"), "/admin/audit"), "咨询电话"));
}

Test(consult_phone, only_the_units_own_admin_sets_it)
{
	lw_client *other = as("xihu_admin");
	long long donghu = unit_of(as("donghu_admin"));
	lw_resp *r = lw_submit(other, lw_printf("/units/%lld/phone", donghu), "consult_phone", "0791-88888888", NULL);
	cr_assert_eq(r->status, 403, "another unit's admin: %ld", r->status);
	lw_resp *anon = lw_get(lw_client_new(), lw_printf("/units/%lld/phone", donghu));
	cr_assert(anon->status == 303 || anon->status == 401 || anon->status == 403, "anonymous: %ld", anon->status);
}

/* ---- states ---- */

Test(states, a_state_the_resident_did_not_cause_is_a_page_of_its_own_without_a_code)
{
	lw_client *admin = as("donghu_admin");
	long long later = activity(admin, 3 * 24 * 60, 3 * 24 * 60 + 60, "1", NULL);
	lw_resp *page = lw_get(admin, lw_printf("/activities/%lld/checkin-code", later));
	const char *k = strstr(page->body, "checkin?k=");
	cr_assert(k, "no check-in address");
	char code[200];
	cr_assert(sscanf(k + strlen("checkin?k="), "%199[^\"<&]", code) == 1);
	struct {
		const char *path, *title;
	} cases[] = {
		{"/a/1/signup", "<h1>活动已经结束</h1>"},
		{lw_printf("/a/%lld/checkin?k=%s", later, code), "<h1>签到还没有开始</h1>"},
	};
	for (size_t i = 0; i < 2; i++) {
		lw_resp *r = lw_get(lw_client_new(), cases[i].path);
		lw_expect(r, 409, cases[i].title);
		cr_assert(!lw_has(r, "错误代码") && !lw_has(r, "提交的内容有误"), "%s shows a code\n%s", cases[i].path, lw_excerpt(r));
		cr_assert(lw_has(r, "现在可以："), "%s says what to do now", cases[i].path);
		cr_assert(lw_has(r, "class=\"button primary back-big\" href=\"/a/"), "%s has the button back", cases[i].path);
	}
	/* a cancelled activity */
	long long id = activity(admin, 60, 120, "1", NULL);
	cr_assert_eq(lw_submit(admin, lw_printf("/activities/%lld/status", id), "status", "cancelled", NULL)->status, 303);
	lw_resp *c = lw_submit(lw_client_new(), lw_printf("/a/%lld/signup", id), "name", "李桂英", "phone", "13900001111", NULL);
	lw_expect(c, 409, "<h1>活动已取消</h1>");
	cr_assert(!lw_has(c, "错误代码") && lw_has(c, "现在可以："), "%s", lw_excerpt(c));
}

/* ---- the home page ---- */

Test(home, today_and_next_come_first_the_notice_is_a_link_the_days_are_links)
{
	current_week();
	lw_client *admin = as("donghu_admin");
	char *street = lw_unique("测试街道");
	long long soon = activity(admin, 60, 120, NULL, street);
	lw_resp *r = lw_get(lw_client_new(), "/");
	lw_expect(r, 200, CUR_TITLE);
	const char *next = strstr(r->body, "今天和接下来"), *filters = strstr(r->body, "class=\"cal-filters\"");
	cr_assert(next && filters && next < filters, "今天和接下来 before the filters\n%s", lw_excerpt(r));
	cr_assert(lw_has(r, lw_printf("href=\"/a/%lld\"", soon)), "the activity in an hour is listed");
	/* the notice: a link, and its own page */
	cr_assert(!lw_has(r, "本活动周为演示数据"), "the notice is not on the home page");
	const char *link = strstr(r->body, "/notice\">阅读活动通知全文");
	cr_assert(link, "a link to the notice");
	const char *p = link;
	while (p > r->body && strncmp(p, "/weeks/", 7))
		p--;
	long long week = strtoll(p + 7, NULL, 10);
	lw_expect(lw_get(lw_client_new(), lw_printf("/weeks/%lld/notice", week)), 200, "本活动周为演示数据");
	/* this year's days without the year, one link each */
	char *today = local_date(0);
	int month = atoi(today + 5), day = atoi(today + 8);
	cr_assert(lw_has(r, lw_printf("href=\"/?date=%s#found\">%d月%d日<small>", today, month, day)), "today in the strip\n%s",
		  lw_excerpt(r));
	cr_assert(!lw_has(r, lw_printf(">%.4s年%d月%d日", today, month, day)), "this year's dates carry no year");
	/* 离我近的: the streets of the records, each a link to the list */
	lw_resp *near = lw_get(lw_client_new(), lw_printf("/weeks/%lld/near", week));
	lw_expect(near, 200, "离我近的活动");
	cr_assert(lw_has(near, lw_html_escape(street)), "the new street is listed");
	lw_resp *list = lw_get(lw_client_new(), lw_printf("/weeks/%lld?%s", week, lw_form("q", street, NULL)));
	cr_assert(lw_has(list, lw_printf("href=\"/a/%lld\"", soon)), "the street's activity is in its list");
}

Test(dates, another_years_week_carries_its_year)
{
	lw_resp *r = lw_get(lw_client_new(), "/weeks/1");
	lw_expect(r, 200, "<h3 class=\"day\">2022年12月1日 星期四</h3>");
	cr_assert(lw_has(r, ">2022年12月5日<small>星期一</small>"), "the strip's days carry the year");
	cr_assert(!lw_has(r, "<h3 class=\"day\">12月"), "no day heading without its year");
}

/* ---- the 取消码 and 我的报名 ---- */

/* The 取消码 the success page shows, or NULL. */
static char *code_on(const lw_resp *r)
{
	const char *p = strstr(r->body, "<p class=\"code-big\"><code>");
	if (!p)
		return NULL;
	char code[16] = "";
	sscanf(p + strlen("<p class=\"code-big\"><code>"), "%15[^<]", code);
	return lw_printf("%s", code);
}

static lw_resp *mine(lw_client *c, long long id, const char *phone, const char *code)
{
	return lw_submit(c, lw_printf("/a/%lld/mine", id), "phone", phone, "code", code, NULL);
}

/* Whether text occurs in the server's database: in any row (either engine),
 * or on SQLite in its files (the database and its WAL, where a row once
 * written may linger). */
static bool in_data(const char *text)
{
	if (strstr(sql_dump_text(""), text))
		return true;
	const char *files[] = {"learnweek.db", "learnweek.db-wal"};
	for (size_t i = 0; i < 2; i++) {
		FILE *f = fopen(lw_printf("%s/%s", getenv("LW_HTTP_DATA"), files[i]), "rb");
		if (!f)
			continue;
		size_t n = strlen(text), k = 0;
		int ch;
		while ((ch = fgetc(f)) != EOF) {
			k = (unsigned char)ch == (unsigned char)text[k] ? k + 1 : (unsigned char)ch == (unsigned char)text[0];
			if (k == n) {
				fclose(f);
				return true;
			}
		}
		fclose(f);
	}
	return false;
}

Test(cancel_code, shown_once_big_stored_hashed_finds_and_cancels_the_sign_up)
{
	lw_client *admin = as("donghu_admin");
	long long id = activity(admin, 60, 180, "1", NULL);
	lw_client *phone = lw_client_new();
	lw_resp *ok = lw_submit(phone, lw_printf("/a/%lld/signup", id), "name", "周玉梅", "phone", "13700002222", NULL);
	lw_expect(ok, 200, "您的取消码");
	char *code = code_on(ok);
	cr_assert(code && strlen(code) == 6 && strspn(code, "23456789ABCDEFGHJKMNPQRSTVWXYZ") == 6, "取消码 %s", code ? code : "(none)");
	cr_assert(lw_has(ok, lw_printf("href=\"/a/%lld/calendar.ics\">加入手机日历", id)), "a link to the phone's calendar");
	cr_assert(in_data("周玉梅"), "the check reads the data: the name is there");
	cr_assert(!in_data(code), "the 取消码 %s is stored in clear", code);
	/* the activity's page has the form */
	lw_expect(lw_get(lw_client_new(), lw_printf("/a/%lld", id)), 200, lw_printf("action=\"/a/%lld/mine\"", id));
	/* typed back in lower case, with a space, the number with dashes */
	char typed[16];
	snprintf(typed, sizeof typed, "%c%c%c %c%c%c", code[0] | 0x20, code[1] | 0x20, code[2] | 0x20, code[3] | 0x20,
		 code[4] | 0x20, code[5] | 0x20);
	for (char *p = typed; *p; p++)
		if (*p >= '0' + 0x20 && *p <= '9' + 0x20)
			*p = (char)(*p - 0x20); /* digits stay digits */
	lw_client *later = lw_client_new();
	lw_resp *m = mine(later, id, "137-0000-2222", typed);
	lw_expect(m, 200, "报名人：周玉梅");
	cr_assert(lw_has(m, "报名成功") && lw_has(m, "确认取消报名"), "%s", lw_excerpt(m));
	cr_assert(!lw_has(m, "13700002222"), "the number is not shown back in the page's text");
	lw_resp *c = lw_submit(later, lw_printf("/a/%lld/mine/cancel", id), "phone", "13700002222", "code", code, NULL);
	lw_expect(c, 200, "您的报名已取消");
	/* staff see it cancelled; a second cancel says so plainly */
	cr_assert(lw_has(lw_get(admin, lw_printf("/activities/%lld/registrations", id)), "已取消 1 人"));
	lw_resp *again = lw_submit(later, lw_printf("/a/%lld/mine/cancel", id), "phone", "13700002222", "code", code, NULL);
	lw_expect(again, 409, "<h1>报名已经取消</h1>");
	/* another phone with this code finds nothing */
	lw_expect(mine(lw_client_new(), id, "13700003333", code), 422, "没有找到这个手机号码和取消码的报名");
}

Test(cancel_code, bad_input_is_a_form_error_wrong_codes_are_throttled_per_activity_and_address)
{
	lw_client *admin = as("donghu_admin");
	long long id = activity(admin, 60, 180, "1", NULL), other = activity(admin, 60, 180, "1", NULL);
	lw_resp *ok = lw_submit(lw_client_new(), lw_printf("/a/%lld/signup", id), "name", "吴建国", "phone", "13600004444", NULL);
	char *code = code_on(ok);
	cr_assert(code);
	lw_client *guesser = lw_client_new();
	lw_expect(mine(guesser, id, "1360000", code), 422, "手机号码不正确");
	lw_expect(mine(guesser, id, "13600004444", "0OIL1U"), 422, "取消码是 6 位");
	lw_expect(mine(guesser, id, "13600004444", "ABC"), 422, "取消码是 6 位");
	/* five wrong codes (a wrong format counted none), then a pause, even for the right one */
	const char *wrong = strcmp(code, "222222") ? "222222" : "333333";
	for (int i = 0; i < 5; i++)
		lw_expect(mine(guesser, id, "13600004444", wrong), 422, "没有找到");
	lw_resp *t = mine(guesser, id, "13600004444", code);
	lw_expect(t, 429, "<h1>请过一会儿再试</h1>");
	cr_assert(!lw_has(t, "错误代码"));
	lw_expect(lw_submit(guesser, lw_printf("/a/%lld/mine/cancel", id), "phone", "13600004444", "code", code, NULL), 429,
		  "请过一会儿再试");
	/* another address, and the same address at another activity, are not held up */
	lw_expect(mine(lw_client_new(), id, "13600004444", code), 200, "报名人：吴建国");
	lw_expect(mine(guesser, other, "13600004444", wrong), 422, "没有找到");
}

Test(cancel_code, a_duplicate_sign_up_gets_a_code_that_answers_like_a_real_one)
{
	lw_client *admin = as("donghu_admin");
	long long id = activity(admin, 60, 180, "1", NULL);
	lw_resp *first = lw_submit(lw_client_new(), lw_printf("/a/%lld/signup", id), "name", "郑淑珍", "phone", "13500005555", NULL);
	lw_resp *second = lw_submit(lw_client_new(), lw_printf("/a/%lld/signup", id), "name", "郑淑珍", "phone", "13500005555", NULL);
	char *c1 = code_on(first), *c2 = code_on(second);
	cr_assert(c1 && c2 && strcmp(c1, c2), "each answer has its own code");
	lw_resp *m1 = mine(lw_client_new(), id, "13500005555", c1), *m2 = mine(lw_client_new(), id, "13500005555", c2);
	lw_expect(m1, 200, "报名人：郑淑珍");
	lw_expect(m2, 200, "报名人：郑淑珍");
	/* cancelling with the second code leaves the real sign-up standing */
	lw_expect(lw_submit(lw_client_new(), lw_printf("/a/%lld/mine/cancel", id), "phone", "13500005555", "code", c2, NULL), 200,
		  "您的报名已取消");
	cr_assert(lw_has(lw_get(admin, lw_printf("/activities/%lld/registrations", id)), "报名成功 1 人"));
}
