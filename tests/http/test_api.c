/* test_api.c: the JSON API: bearer tokens (made once, stored as a hash,
 * revoked at once), the same validation and roles as the web, and errors as
 * JSON with the right status. */
#include "harness.h"
#include "test_sql.h"
#include "unit_admin.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void setup(void)
{
	lw_add_user("api_editor", "unit_editor", "东湖区", "api-editor-pass");
	lw_add_user("api_xihu_editor", "unit_editor", "西湖区", "api-xihu-pass");
	lw_add_user("api_viewer", "centre_viewer", NULL, "api-viewer-pass");
}

LW_SERVER("--now 2022-12-03T10:00+08:00", setup) /* the API writes to the current week: 2022 */

static lw_resp *api(const char *token, const char *method, const char *path, const char *json)
{
	return lw_json(lw_client_new(), token, method, path, json);
}

static void expect_json(const lw_resp *r, long status, const char *fragment)
{
	cr_assert_eq(r->status, status, "expected %ld, got %ld: %s", status, r->status, r->body);
	const char *ct = lw_header(r, "Content-Type");
	cr_assert(ct && !strncmp(ct, "application/json", 16), "Content-Type %s: %s", ct ? ct : "(none)", r->body);
	cr_assert(strstr(r->body, fragment), "expected \"%s\" in %s", fragment, r->body);
}

static char *activity_json(const char *title)
{
	return lw_printf("{\"title\":\"%s\",\"host\":\"东湖区社区教育学院\",\"co_hosts\":\"百花洲街道\","
			 "\"content\":[\"全民阅读\",6],\"subjects\":[\"家庭教育\"],\"forms\":[\"讲座\"],\"audiences\":[\"老年人群\"],"
			 "\"mode\":\"线下\",\"starts_at\":\"2022-12-02T09:00\",\"ends_at\":\"2022-12-02T11:00\","
			 "\"venue\":\"学院三楼\",\"street\":\"百花洲街道\",\"online_url\":\"\",\"capacity\":40,"
			 "\"description\":\"简介\",\"featured\":true,\"reported\":null}", title);
}

static long long created_id(const lw_resp *r)
{
	expect_json(r, 201, "\"id\":");
	const char *loc = lw_header(r, "Location");
	cr_assert(loc && !strncmp(loc, "/api/v1/activities/", 19), "Location %s", loc ? loc : "");
	return atoll(loc + 19);
}

Test(api, without_a_valid_token_is_401_json_and_sets_no_cookie)
{
	lw_resp *r = api(NULL, "GET", "/api/v1/activities", NULL);
	expect_json(r, 401, "令牌");
	const char *wa = lw_header(r, "WWW-Authenticate");
	cr_assert(wa && !strncmp(wa, "Bearer", 6), "WWW-Authenticate %s", wa ? wa : "(none)");
	cr_assert_null(lw_header(r, "Set-Cookie"), "the API sets a cookie");
	expect_json(api("lwt_0000000000000000000000000000000000000000000000000000000000000000", "GET", "/api/v1/activities", NULL),
		    401, "令牌");
	expect_json(api("not-a-token", "POST", "/api/v1/activities", "{}"), 401, "令牌");
}

Test(api, a_browser_session_is_not_an_api_login)
{
	unit_admin a = demo_admin("donghu_admin");
	lw_resp *r = lw_get(a.c, "/api/v1/activities");
	expect_json(r, 401, "令牌");
	/* nor does a CSRF token help */
	r = lw_send(a.c, "POST", "/api/v1/activities", "{}", 2, (const char *[]){"Content-Type: application/json", NULL});
	expect_json(r, 401, "令牌");
}

Test(api, create_read_list_and_update)
{
	unit_admin a = demo_admin("donghu_admin");
	char *tok = make_token(&a, "api_editor", NULL);
	char *title = lw_unique("接口活动");
	lw_resp *r = api(tok, "POST", "/api/v1/activities", activity_json(title));
	long long id = created_id(r);
	cr_assert(strstr(r->body, "\"content\":[\"5\",\"6\"]") && strstr(r->body, "\"featured\":true") &&
		  strstr(r->body, "\"capacity\":40") && strstr(r->body, "\"status\":\"draft\"") &&
		  strstr(r->body, "\"starts_at\":\"2022-12-02T09:00\""), "%s", r->body);

	expect_json(api(tok, "GET", lw_printf("/api/v1/activities/%lld", id), NULL), 200, title);
	lw_resp *list = api(tok, "GET", "/api/v1/activities?year=2022", NULL);
	expect_json(list, 200, title);
	cr_assert(strstr(list->body, "\"total\":"), "%s", list->body);
	expect_json(api(tok, "GET", "/api/v1/activities?year=2022&unit=donghu", NULL), 200, title);
	/* the web shows what the API wrote */
	lw_resp *page = lw_get(a.c, lw_printf("/activities/%lld", id));
	lw_expect(page, 200, title);

	/* PUT changes what it names and keeps the rest */
	r = api(tok, "PUT", lw_printf("/api/v1/activities/%lld", id), "{\"title\":\"改名后的活动\",\"capacity\":null,\"status\":\"published\"}");
	expect_json(r, 200, "\"title\":\"改名后的活动\"");
	cr_assert(strstr(r->body, "\"capacity\":null") && strstr(r->body, "\"status\":\"published\"") &&
		  strstr(r->body, "\"venue\":\"学院三楼\""), "%s", r->body);
	expect_json(api(tok, "PUT", lw_printf("/api/v1/activities/%lld", id), "{\"status\":\"cancelled\"}"), 200,
		    "\"status\":\"cancelled\"");
	expect_json(api(tok, "PUT", lw_printf("/api/v1/activities/%lld", id), "{\"status\":\"draft\"}"), 409, "已取消");
	expect_json(api(tok, "PUT", "/api/v1/activities/99999999", "{}"), 404, "不存在");
}

Test(api, validation_is_the_forms_with_json_errors)
{
	unit_admin a = demo_admin("donghu_admin");
	char *tok = make_token(&a, "api_editor", NULL);
	lw_resp *r = api(tok, "POST", "/api/v1/activities", "{\"title\":\"\",\"mode\":\"线上\",\"content\":[\"不存在\"],"
				"\"starts_at\":\"2022-12-02T11:00\",\"ends_at\":\"2022-12-02T09:00\",\"online_url\":\"ftp://x\","
				"\"capacity\":-1}");
	expect_json(r, 422, "\"fields\":");
	const char *fields[] = {"\"title\":\"「活动名称」必须填写。\"", "\"host\":", "\"content\":", "\"ends_at\":\"「结束时间」必须晚于「开始时间」。\"",
				"\"online_url\":", "\"capacity\":"};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		cr_assert(strstr(r->body, fields[i]), "no %s in %s", fields[i], r->body);

	r = api(tok, "POST", "/api/v1/activities", "{\"title\":5,\"content\":\"全民阅读\",\"featured\":\"yes\",\"bogus\":1}");
	expect_json(r, 400, "\"bogus\":\"不认识的字段。\"");
	cr_assert(strstr(r->body, "\"title\":") && strstr(r->body, "\"content\":") && strstr(r->body, "\"featured\":"), "%s", r->body);
	expect_json(api(tok, "POST", "/api/v1/activities", "{\"title\": "), 400, "不是有效的 JSON");
	expect_json(api(tok, "POST", "/api/v1/activities", "[1,2]"), 400, "JSON 对象");
	expect_json(api(tok, "POST", "/api/v1/activities", "{\"title\":\"a\",\"title\":\"b\"}"), 400, "JSON");
	lw_client *c = lw_client_new();
	r = lw_send(c, "POST", "/api/v1/activities", "title=x", 7,
		    (const char *[]){lw_printf("Authorization: Bearer %s", tok), "Content-Type: application/x-www-form-urlencoded", NULL});
	expect_json(r, 415, "JSON");
	expect_json(api(tok, "POST", "/api/v1/activities", lw_printf("{\"title\":\"x\",\"status\":\"cancelled\"}")), 422, "status");
	expect_json(api(tok, "GET", "/api/v1/activities?year=abc", NULL), 400, "年份");
	expect_json(api(tok, "GET", "/api/v1/activities?bogus=1", NULL), 400, "bogus");
	expect_json(api(tok, "GET", "/api/v1/activities?year=2031", NULL), 404, "2031");
	expect_json(api(tok, "GET", "/api/v1/activities?unit=no-such-unit", NULL), 404, "找不到单位");
}

Test(api, roles_and_units_as_on_the_web)
{
	unit_admin dh = demo_admin("donghu_admin"), xh = demo_admin("xihu_admin"), centre = demo_admin("centre_admin");
	char *editor = make_token(&dh, "api_editor", NULL);
	char *xihu = make_token(&xh, "api_xihu_editor", NULL);
	char *viewer = make_token(&centre, "api_viewer", NULL);
	char *title = lw_unique("权限");
	long long id = created_id(api(editor, "POST", "/api/v1/activities", activity_json(title)));

	/* another unit's editor: not its list, not its activity, not in its name */
	expect_json(api(xihu, "GET", "/api/v1/activities?unit=donghu", NULL), 403, "无权");
	lw_resp *own = api(xihu, "GET", "/api/v1/activities", NULL);
	expect_json(own, 200, "\"activities\":");
	cr_assert_null(strstr(own->body, title), "a unit account sees another unit's activity");
	expect_json(api(xihu, "GET", lw_printf("/api/v1/activities/%lld", id), NULL), 403, "无权");
	expect_json(api(xihu, "PUT", lw_printf("/api/v1/activities/%lld", id), "{\"title\":\"x\"}"), 403, "无权");
	char *body = activity_json(lw_unique("越权"));
	body[strlen(body) - 1] = 0;
	expect_json(api(xihu, "POST", "/api/v1/activities", lw_printf("%s,\"unit\":\"donghu\"}", body)), 403, "不能为这个单位");

	/* the centre viewer reads every unit and writes none */
	expect_json(api(viewer, "GET", "/api/v1/activities", NULL), 200, title);
	expect_json(api(viewer, "GET", "/api/v1/activities?unit=donghu", NULL), 200, title);
	expect_json(api(viewer, "POST", "/api/v1/activities", activity_json("查看员")), 403, "不能为这个单位");
	expect_json(api(viewer, "PUT", lw_printf("/api/v1/activities/%lld", id), "{\"title\":\"x\"}"), 403, "没有权限");

	/* a unit admin makes tokens for their own unit's accounts only */
	lw_resp *page = lw_get(dh.c, lw_printf("/units/%lld/tokens", dh.unit));
	cr_assert_null(strstr(page->body, ">api_xihu_editor（"), "another unit's account is offered");
	lw_resp *r = lw_submit(dh.c, lw_printf("/units/%lld/tokens", dh.unit), "account",
			       lw_printf("%lld", option_id(lw_get(xh.c, lw_printf("/units/%lld/tokens", xh.unit))->body,
							   "api_xihu_editor")), "name", "越权", NULL);
	lw_expect(r, 422, "请选择本单位的账号");
	lw_expect(lw_get(dh.c, lw_printf("/units/%lld/tokens", xh.unit)), 403, "无权");
	/* an editor does not manage tokens */
	lw_client *ed = lw_client_new();
	lw_login_ok(ed, "api_editor", "api-editor-pass");
	lw_expect(lw_get(ed, lw_printf("/units/%lld/tokens", dh.unit)), 403, "没有权限");
}

static bool file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t cap = 1 << 20, n = 0, k;
	char *p = malloc(cap);
	while ((k = fread(p + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap)
			p = realloc(p, cap *= 2);
	}
	fclose(f);
	bool hit = memmem(p, n, needle, strlen(needle)) != NULL;
	free(p);
	return hit;
}

Test(api, token_is_shown_once_stored_as_a_hash_and_revoked_at_once)
{
	unit_admin a = demo_admin("nanchangxian_admin");
	char *tok = make_token(&a, "nanchangxian_admin", NULL);
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 200, "\"activities\":");
	lw_resp *page = lw_get(a.c, lw_printf("/units/%lld/tokens", a.unit));
	cr_assert_null(strstr(page->body, tok), "the token is shown again");
	cr_assert(lw_has(page, "有效"));
	/* the unit's only token: its use is noted (once the request was handled) */
	cr_assert(!lw_has(page, "从未使用"), "a token just used says 从未使用:\n%s", lw_excerpt(page));
	const char *data = getenv("LW_HTTP_DATA");
	cr_assert(!strstr(sql_dump_text(""), tok + 4) && !file_has(lw_printf("%s/learnweek.db", data), tok + 4) &&
		  !file_has(lw_printf("%s/learnweek.db-wal", data), tok + 4), "the token itself was written to the database");

	long long tid = lw_id_after(page->body, "<tbody>", "/tokens/");
	cr_assert_gt(tid, 0);
	unit_admin other = demo_admin("anyi_admin");
	lw_expect(lw_submit(other.c, lw_printf("/tokens/%lld/revoke", tid), NULL), 403, "无权");
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 200, "\"activities\":");
	cr_assert_eq(lw_submit(a.c, lw_printf("/tokens/%lld/revoke", tid), NULL)->status, 303);
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 401, "撤销");
	lw_expect(lw_submit(a.c, lw_printf("/tokens/%lld/revoke", tid), NULL), 409, "已经撤销");
	cr_assert(lw_has(lw_get(a.c, lw_printf("/units/%lld/tokens", a.unit)), "已撤销"));
}

Test(api, disabled_account_token_stops)
{
	unit_admin a = demo_admin("jinxian_admin");
	char *user = lw_unique("apidis");
	lw_add_user(user, "unit_editor", "进贤县", "disable-me-pass");
	char *tok = make_token(&a, user, NULL);
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 200, "\"activities\":");
	long long acc = option_id(lw_get(a.c, lw_printf("/units/%lld/tokens", a.unit))->body, user);
	cr_assert_eq(lw_submit(a.c, lw_printf("/accounts/%lld/disable", acc), NULL)->status, 303);
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 401, "令牌");
	/* enabling the account again does not bring the token back */
	cr_assert_eq(lw_submit(a.c, lw_printf("/accounts/%lld/enable", acc), NULL)->status, 303);
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 401, "令牌");
	lw_login_ok(lw_client_new(), user, "disable-me-pass");
}

Test(api, tokens_die_with_a_password_change_or_reset)
{
	unit_admin a = demo_admin("jinxian_admin");
	char *user = lw_unique("apipw");
	lw_add_user(user, "unit_editor", "进贤县", "first-pass-1");
	long long acc = option_id(lw_get(a.c, lw_printf("/units/%lld/tokens", a.unit))->body, user);
	/* the owner changes their own password */
	char *tok = make_token(&a, user, NULL);
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 200, "\"activities\":");
	lw_client *c = lw_client_new();
	lw_login_ok(c, user, "first-pass-1");
	lw_resp *r = lw_submit(c, "/account/password", "current", "first-pass-1", "password", "second-pass-2",
			       "confirm", "second-pass-2", NULL);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 401, "令牌");
	/* the unit admin resets it */
	tok = make_token(&a, user, NULL);
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 200, "\"activities\":");
	r = lw_submit(a.c, lw_printf("/accounts/%lld/password", acc), "password", "third-pass-3", NULL);
	cr_assert_eq(r->status, 303, "%s", lw_excerpt(r));
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 401, "令牌");
	cr_assert(lw_has(lw_get(a.c, lw_printf("/units/%lld/tokens", a.unit)), "已撤销"));
	/* and `learnweek user passwd` on the command line */
	tok = make_token(&a, user, NULL);
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 200, "\"activities\":");
	char *pwfile = lw_printf("%s/pw-%s", getenv("LW_HTTP_TMP"), user);
	FILE *f = fopen(pwfile, "w");
	cr_assert_not_null(f);
	fputs("fourth-pass-4\n", f);
	fclose(f);
	char *out = NULL;
	int rc = lw_cli(&out, "user", "passwd", "--data", getenv("LW_HTTP_DATA"), "--username", user, "--password-file", pwfile, NULL);
	cr_assert_eq(rc, 0, "user passwd: %s", out);
	expect_json(api(tok, "GET", "/api/v1/activities", NULL), 401, "令牌");
	lw_login_ok(lw_client_new(), user, "fourth-pass-4");
}

/* Text the JSON escapes can name but no XML file can hold is refused, naming
 * the field, like the form and the import; nothing is stored. */
Test(api, impossible_characters_are_refused_naming_the_field)
{
	unit_admin a = demo_admin("donghu_admin");
	char *tok = make_token(&a, "api_editor", NULL);
	char *title = lw_unique("接口非法字符");
	char *json = activity_json(lw_printf("%s\\uFFFF", title));
	lw_resp *r = api(tok, "POST", "/api/v1/activities", json);
	expect_json(r, 422, "\"title\":");
	cr_assert(strstr(r->body, "U+FFFE 或 U+FFFF"), "%s", r->body);
	json = activity_json(title);
	char *venue = strstr(json, "学院三楼");
	cr_assert_not_null(venue);
	char *bad = lw_printf("%.*s\\u0001%s", (int)(venue - json), json, venue);
	r = api(tok, "POST", "/api/v1/activities", bad);
	expect_json(r, 422, "\"venue\":");
	cr_assert(strstr(r->body, "控制字符"), "%s", r->body);
	lw_resp *list = api(tok, "GET", "/api/v1/activities?year=2022", NULL);
	cr_assert_null(strstr(list->body, title), "a refused activity was stored");
}
