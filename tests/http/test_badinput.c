/* test_badinput.c: malformed, oversized and invalid input gets a 4xx page that
 * says in Chinese what was wrong, nothing is written, and the server lives on. */
#include "harness.h"
#include <stdlib.h>
#include <string.h>

LW_SERVER("", NULL)

#define PW "bad-input-pass"

static lw_client *centre_admin(void)
{
	return lw_signed_in("bi", "centre_admin", NULL, PW, NULL);
}

static char *repeat(char ch, size_t n)
{
	char *s = lw_printf("%*s", (int)n, "");
	memset(s, ch, n);
	return s;
}

/* ---- the transport: encoding, sizes ---- */

/* Each GET of cases[i][0] answers 400 with the message cases[i][1]. */
static void expect_400s(lw_client *c, const char *const (*cases)[2], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		lw_resp *r = lw_get(c, cases[i][0]);
		cr_assert_eq(r->status, 400, "GET %s: %ld", cases[i][0], r->status);
		cr_assert(lw_has(r, cases[i][1]), "GET %s lacks \"%s\":\n%s", cases[i][0], cases[i][1], lw_excerpt(r));
		cr_assert(lw_has(r, "错误代码 400"));
		lw_assert_alive();
	}
}

Test(badinput, malformed_percent_encoding_in_path)
{
	lw_client *c = lw_client_new();
	const char *const cases[][2] = {
		{"/%ZZ", "百分号编码不正确"},
		{"/admin/%Z1", "百分号编码不正确"},
		{"/weeks/%", "百分号编码不正确"},
		{"/login%E4%B8", "不是有效的 UTF-8"},   /* a character cut short */
		{"/%FF", "不是有效的 UTF-8"},
		{"/%C0%AF", "不是有效的 UTF-8"},         /* overlong "/" */
		{"/login%00", "不是有效的 UTF-8"},
	};
	expect_400s(c, cases, sizeof cases / sizeof *cases);
}

Test(badinput, malformed_percent_encoding_in_query)
{
	lw_client *c = lw_client_new();
	const char *const cases[][2] = {
		{"/login?next=%ZZ", "百分号编码不正确"},
		{"/login?next=%E", "百分号编码不正确"},
		{"/?%ZZ=1", "百分号编码不正确"},
		{"/login?next=%E4%B8", "不是有效的 UTF-8"},
		{"/login?next=%FF", "不是有效的 UTF-8"},
		{"/login?next=%2Fa%00b", "不是有效的 UTF-8"},
		{"/login?%FF=1", "不是有效的 UTF-8"},
		{"/login?next%00x=%2F", "不是有效的 UTF-8"},  /* would be read as "next" */
	};
	expect_400s(c, cases, sizeof cases / sizeof *cases);
}

Test(badinput, malformed_percent_encoding_in_body)
{
	char *u = lw_unique("bi");
	lw_add_user(u, "centre_viewer", NULL, PW);
	lw_client *c = lw_client_new();
	const char *cases[][2] = {
		{"%ZZ", "百分号编码不正确"},
		{"ab%4", "百分号编码不正确"},
		{"%E4%B8", "不是有效的 UTF-8"},
		{"%FF%FE", "不是有效的 UTF-8"},
		{"a%00", "不是有效的 UTF-8"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		/* the right password rides along: a request that got through would sign in */
		char *body = lw_printf("_csrf=%s&username=%s&password=%s%s", lw_csrf(c), u, PW, cases[i][0]);
		lw_resp *r = lw_post(c, "/login", body);
		cr_assert_eq(r->status, 400, "body ...%s: %ld", cases[i][0], r->status);
		cr_assert(lw_has(r, cases[i][1]), "body ...%s lacks \"%s\":\n%s", cases[i][0], cases[i][1], lw_excerpt(r));
		cr_assert_null(lw_set_cookie(r, "lw_s"));
		lw_assert_alive();
	}
}

Test(badinput, oversized_body_on_a_normal_form)
{
	lw_client *c = centre_admin();
	char *code = lw_unique("bigunit");
	char *body = lw_printf("_csrf=%s&kind=%%E5%%8C%%BA&code=%s&name=%s", lw_csrf(c), code, repeat('a', 70 * 1024));
	lw_expect(lw_post(c, "/admin/units", body), 413, "提交的内容太大");
	lw_assert_alive();
	cr_assert_null(strstr(lw_get(c, "/admin/units")->body, code), "the oversized form created a unit");

	/* 64 KiB is the limit: one byte more is refused, exactly 64 KiB is read */
	lw_client *anon = lw_client_new();
	char *prefix = lw_printf("_csrf=%s&username=", lw_csrf(anon));
	char *at_limit = lw_printf("%s%s", prefix, repeat('u', 64 * 1024 - strlen(prefix)));
	lw_expect(lw_post(anon, "/login", at_limit), 400, "「用户名」太长");
	char *over = lw_printf("%s%s", prefix, repeat('u', 64 * 1024 + 1 - strlen(prefix)));
	lw_expect(lw_post(anon, "/login", over), 413, "提交的内容太大");
	lw_assert_alive();
}

Test(badinput, oversized_chunked_body)
{
	/* no Content-Length to refuse up front: the limit must hold while reading */
	lw_client *c = lw_client_new();
	const char *chunked[] = {"Transfer-Encoding: chunked", NULL};
	char *body = lw_printf("_csrf=%s&username=%s", lw_csrf(c), repeat('u', 100 * 1024));
	lw_resp *r = lw_send(c, "POST", "/login", body, strlen(body), chunked);
	lw_expect(r, 413, "提交的内容太大");
	lw_assert_alive();
}

Test(badinput, week_form_allows_256k_but_not_more)
{
	lw_client *c = centre_admin();
	char *title = lw_unique("大周");
	char *head = lw_printf("_csrf=%s&%s&notice=", lw_csrf(c),
			       lw_form("year", "2101", "title", title, "theme", "t", "starts_on", "2101-05-01", "ends_on",
				       "2101-05-07", "deadline", "2101-05-09T12:00", NULL));
	/* 100 KiB passes the size limit of /admin/weeks and meets the field's own */
	lw_resp *r = lw_post(c, "/admin/weeks", lw_printf("%s%s", head, repeat('n', 100 * 1024)));
	lw_expect(r, 400, "「通知正文」太长");
	lw_resp *big = lw_post(c, "/admin/weeks", lw_printf("%s%s", head, repeat('n', 300 * 1024)));
	lw_expect(big, 413, "提交的内容太大");
	lw_assert_alive();
	cr_assert_null(strstr(lw_get(c, "/admin/weeks")->body, title), "a refused week was created");
}

Test(badinput, oversized_header)
{
	lw_client *c = lw_client_new();
	const char *h[] = {lw_printf("Cookie: junk=%s", repeat('c', 20 * 1024)), NULL};
	lw_resp *r = lw_send(c, "GET", "/", NULL, 0, h);
	lw_expect(r, 431, "请求头太大");
	const char *h2[] = {lw_printf("X-Filler: %s", repeat('x', 20 * 1024)), NULL};
	lw_expect(lw_send(c, "GET", "/admin", NULL, 0, h2), 431, "请求头太大");
	/* past libmicrohttpd's 64 KiB per connection it answers by itself (in
	 * English); the server must still live */
	const char *h3[] = {lw_printf("Cookie: junk=%s", repeat('c', 80 * 1024)), NULL};
	cr_assert_eq(lw_send(lw_client_new(), "GET", "/", NULL, 0, h3)->status, 431);
	lw_assert_alive();
}

Test(badinput, too_many_fields)
{
	lw_client *c = lw_client_new();
	size_t n = 2500;
	char *body = lw_printf("_csrf=%s", lw_csrf(c));
	char *fields = repeat('x', n * 4);
	for (size_t i = 0; i < n; i++)
		memcpy(fields + i * 4, "&a=1", 4);
	lw_expect(lw_post(c, "/login", lw_printf("%s%s", body, fields)), 400, "提交的字段太多");
	lw_assert_alive();
}

Test(badinput, body_after_empty_query)
{
	/* "?" with nothing after it, then a form body: once a heap overflow */
	char *u = lw_unique("bi");
	lw_add_user(u, "centre_viewer", NULL, PW);
	lw_client *c = lw_client_new();
	lw_resp *r = lw_post(c, "/login?", lw_printf("_csrf=%s&%s", lw_csrf(c), lw_form("username", u, "password", PW, NULL)));
	cr_assert_eq(r->status, 303, "login through /login?: %ld\n%s", r->status, lw_excerpt(r));
	lw_client *d = lw_client_new();
	char *fields = repeat('x', 1500 * 7);
	for (int i = 0; i < 1500; i++)
		memcpy(fields + i * 7, lw_printf("&f%04d=", i), 7);
	lw_expect(lw_post(d, "/login?&", lw_printf("_csrf=%s%s", lw_csrf(d), fields)), 400, "不认识的参数「f0000」");
	lw_assert_alive();
}

/* ---- declared parameters ---- */

Test(badinput, unknown_and_repeated_parameters)
{
	lw_client *c = lw_client_new();
	lw_expect(lw_get(c, "/login?colour=red"), 400, "不认识的参数「colour」");
	lw_expect(lw_get(c, "/?sort=title"), 400, "不认识的参数「sort」"); /* "/" takes the calendar's filters and page */
	lw_expect(lw_get(c, "/login?next=%2Fa&next=%2Fb"), 400, "参数「跳转地址」重复出现");

	lw_client *a = centre_admin();
	char *code = lw_unique("unk");
	lw_resp *r = lw_submit(a, "/admin/units", "name", code, "kind", "区", "code", code, "evil", "1", NULL);
	lw_expect(r, 400, "不认识的参数「evil」");
	cr_assert_null(strstr(lw_get(a, "/admin/units")->body, code), "a form with an unknown field was saved");
	lw_expect(lw_get(a, "/admin/audit?sort=at"), 400, "不认识的参数「sort」");
	lw_assert_alive();
}

Test(badinput, parameters_of_the_wrong_type)
{
	lw_client *a = centre_admin();
	char *code = lw_unique("typ");
	lw_expect(lw_submit(a, "/admin/units", "name", "x\001y", "kind", "区", "code", code, NULL), 400, "控制字符");
	/* characters no XML file can hold, which would break every workbook the name reaches */
	lw_expect(lw_submit(a, "/admin/units", "name", "东湖\xEF\xBF\xBF区", "kind", "区", "code", code, NULL), 400,
		  "「单位名称」含有无法保存的特殊字符（U+FFFE 或 U+FFFF）");
	lw_expect(lw_submit(a, "/admin/units", "name", "东湖\xEF\xBF\xBE区", "kind", "区", "code", code, NULL), 400,
		  "「单位名称」含有无法保存的特殊字符");
	lw_expect(lw_submit(a, "/admin/units", "name", repeat('n', 101), "kind", "区", "code", code, NULL), 400,
		  "「单位名称」太长");
	lw_expect(lw_submit(a, "/admin/units", "name", code, "kind", "区", "code", code, "sort_order", "abc", NULL), 400,
		  "「显示顺序」应为 0 到 9999 之间的整数");
	lw_expect(lw_submit(a, "/admin/units", "name", code, "kind", "区", "code", code, "sort_order", "99999", NULL), 400,
		  "「显示顺序」应为 0 到 9999 之间的整数");
	lw_expect(lw_get(a, "/admin/audit?from=2022-13-01"), 400, "「开始日期」不是有效的日期");
	lw_expect(lw_get(a, "/admin/audit?page=0"), 400, "「页码」应为 1 到 100000 之间的整数");
	lw_expect(lw_get(a, "/admin/audit?entity=%3Cx%3E"), 400, "「对象」的格式不正确");
	lw_expect(lw_submit(a, "/admin/accounts", "username", code, "role", "centre admin", "password", PW, NULL), 400,
		  "「角色」的格式不正确");
	cr_assert_null(strstr(lw_get(a, "/admin/units")->body, code));
	lw_assert_alive();
}

Test(badinput, path_ids_that_are_not_ids)
{
	lw_client *a = centre_admin();
	const char *paths[] = {"/weeks/0", "/weeks/-1", "/weeks/1x", "/weeks/99999999999999999999",
			       "/admin/units/abc/edit", "/accounts/007"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		lw_expect(lw_get(a, paths[i]), 404, "找不到这个页面");
	lw_expect(lw_get(a, "/admin/units/999999/edit"), 404, "要找的记录不存在");
	lw_expect(lw_get(a, "/accounts/999999"), 404, "要找的记录不存在");
	lw_assert_alive();
}

/* ---- domain rules: 422 with the form again, nothing written ---- */

static void assert_no_week(lw_client *a, const char *title)
{
	cr_assert_null(strstr(lw_get(a, "/admin/weeks")->body, title), "week %s was created", title);
	cr_assert_null(strstr(lw_get(a, "/admin/audit?entity=week")->body, title), "the audit log names week %s", title);
	cr_assert_null(strstr(lw_get(lw_client_new(), "/")->body, title), "the home page shows week %s", title);
}

static lw_resp *post_week(lw_client *a, const char *year, const char *title, const char *start, const char *end,
			  const char *deadline)
{
	return lw_submit(a, "/admin/weeks", "year", year, "title", title, "theme", "主题", "starts_on", start, "ends_on", end,
			 "deadline", deadline, "notice", "通知", NULL);
}

Test(badinput, week_rules)
{
	lw_client *a = centre_admin();
	struct {
		const char *year, *start, *end, *deadline, *message;
	} cases[] = {
		{"2102", "2102-12-07", "2102-12-01", "2102-12-09T17:00", "结束日期不能早于开始日期"},
		{"2103", "2103-12-01", "2103-12-07", "2103-11-30T17:00", "报送截止时间不能早于活动周的开始日期"},
		{"2022", "2022-11-01", "2022-11-07", "2022-11-09T17:00", "2022 年的活动周已经存在"},
		{"2104", "2104-02-30", "2104-03-02", "2104-03-09T17:00", "请填写开始日期"},
		{"2105", "2105-12-01", "2105-12-07", "2105-12-09 17", "请填写报送截止时间"},
		{"1999", "1999-12-01", "1999-12-07", "1999-12-09T17:00", "请填写年份"},
		{"2106", "2107-12-01", "2107-12-07", "2107-12-09T17:00", "开始日期应在所填年份之内"},
		{"2108", "2108-01-01", "2108-06-01", "2108-06-09T17:00", "活动周最长两个月"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *title = lw_unique("坏周");
		lw_resp *r = post_week(a, cases[i].year, title, cases[i].start, cases[i].end, cases[i].deadline);
		cr_assert_eq(r->status, 422, "case %zu: %ld\n%s", i, r->status, lw_excerpt(r));
		cr_assert(lw_has(r, cases[i].message), "case %zu lacks \"%s\":\n%s", i, cases[i].message, lw_excerpt(r));
		cr_assert(lw_has(r, "请按提示修改标红的项目后再保存"), "case %zu: no summary", i);
		cr_assert(lw_has(r, lw_printf("value=\"%s\"", title)), "case %zu: the form lost what was typed", i);
		assert_no_week(a, title);
	}
	lw_assert_alive();
}

/* The week form as the browser sends it, 活动可延至 included: a bad date is
 * named, a good one saved and shown on the week's public page. */
Test(badinput, week_extension_date)
{
	lw_client *a = centre_admin();
	char *title = lw_unique("延期周");
	lw_resp *bad = lw_submit(a, "/admin/weeks", "year", "2109", "title", title, "theme", "主题", "starts_on", "2109-12-01",
				 "ends_on", "2109-12-07", "deadline", "2109-12-15T17:00", "notice", "通知", "extended_to",
				 "2109-12-05", NULL);
	lw_expect(bad, 422, "「活动可延至」应晚于结束日期");
	assert_no_week(a, title);
	lw_resp *ok = lw_submit(a, "/admin/weeks", "year", "2109", "title", title, "theme", "主题", "starts_on", "2109-12-01",
				"ends_on", "2109-12-07", "deadline", "2109-12-15T17:00", "notice", "通知", "extended_to",
				"2109-12-09", NULL);
	cr_assert_eq(ok->status, 303, "the week with an extension was not created: %ld\n%s", ok->status, lw_excerpt(ok));
	lw_resp *list = lw_get(a, "/admin/weeks");
	cr_assert(lw_has(list, "活动周已创建"), "%s", lw_excerpt(list));
	cr_assert(lw_has(list, title), "the new week is not listed");
}

Test(badinput, duplicate_unit_name_and_code)
{
	lw_client *a = centre_admin();
	char *code = lw_unique("dup");
	lw_resp *r = lw_submit(a, "/admin/units", "name", "东湖区", "kind", "区", "code", code, "sort_order", "1", NULL);
	lw_expect(r, 422, "已有名为「东湖区」的单位");
	char *name = lw_unique("重名单位");
	lw_resp *r2 = lw_submit(a, "/admin/units", "name", name, "kind", "区", "code", "donghu", NULL);
	lw_expect(r2, 422, "单位代码「donghu」已被使用");
	lw_resp *r3 = lw_submit(a, "/admin/units", "name", name, "kind", "省", "code", code, NULL);
	lw_expect(r3, 422, "请选择单位类别");
	lw_resp *units = lw_get(a, "/admin/units");
	cr_assert_null(strstr(units->body, code));
	cr_assert_null(strstr(units->body, name));
	cr_assert_null(strstr(lw_get(a, "/admin/audit?entity=unit")->body, name));
	/* renaming a unit onto another's name is refused the same way */
	long long xihu = lw_id_after(units->body, "<td>西湖区</td>", "?unit=");
	cr_assert_gt(xihu, 0);
	lw_resp *r4 = lw_submit(a, lw_printf("/admin/units/%lld", xihu), "name", "东湖区", "kind", "区", "code", "xihu",
				"sort_order", "20", NULL);
	lw_expect(r4, 422, "已有名为「东湖区」的单位");
	cr_assert(lw_has(lw_get(a, "/admin/units"), "<td>西湖区</td>"), "西湖区 was renamed");
	lw_assert_alive();
}

Test(badinput, wrong_role_names)
{
	lw_client *a = centre_admin();
	long long donghu = lw_id_after(lw_get(a, "/admin/units")->body, "<td>东湖区</td>", "?unit=");
	cr_assert_gt(donghu, 0);
	char *u1 = lw_unique("role"), *u2 = lw_unique("role"), *u3 = lw_unique("role");
	lw_resp *r = lw_submit(a, "/admin/accounts", "username", u1, "role", "superuser", "unit_id",
			       lw_printf("%lld", donghu), "password", PW, NULL);
	lw_expect(r, 422, "角色只能是");
	lw_resp *r2 = lw_submit(a, "/admin/accounts", "username", u2, "role", "centre_admin", "unit_id",
				lw_printf("%lld", donghu), "password", PW, NULL);
	lw_expect(r2, 422, "只能属于市中心");
	/* a unit admin cannot make a centre account in their own unit */
	lw_client *ua = lw_signed_in("bi", "unit_admin", "东湖区", PW, NULL);
	lw_resp *r3 = lw_submit(ua, lw_printf("/units/%lld/accounts", donghu), "username", u3, "role", "centre_admin",
				"password", PW, NULL);
	lw_expect(r3, 422, "单位账号只能是单位管理员或单位填报员");
	lw_resp *list = lw_get(a, "/admin/accounts");
	cr_assert_null(strstr(list->body, u1));
	cr_assert_null(strstr(list->body, u2));
	cr_assert_null(strstr(list->body, u3));
	lw_expect(lw_login(lw_client_new(), u3, PW), 401, "用户名或密码不正确");
	lw_assert_alive();
}
